/* bpfplan.h: the query planner: what a BPF filter requires, asked of the address index */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_BPFPLAN_H
#define PKTCAP_BPFPLAN_H

#include <stddef.h>
#include <stdint.h>

#include "addrset.h"

/*
 * A plan is the part of a tcpdump filter expression that every matching
 * packet must satisfy and that an address index can answer: host, src/dst
 * host, net (CIDR or mask), port, portrange, tcp/udp/sctp/icmp/icmp6,
 * ip/ip6 proto, vlan, combined with and/or/not and parentheses. Anything
 * else in the expression is "may match". An expression the planner cannot
 * parse with certainty (names to resolve, mpls/pppoes/geneve, which move
 * later primitives' offsets, or any word it does not know) has no plan,
 * and the reader scans everything: a plan only ever skips data the full
 * filter would reject, and the full filter still runs on what is read.
 */
struct bpfplan;

/*
 * Plans filter for packets of link type linktype. Returns NULL when there
 * is no useful plan (then read everything); why, if given, says why in a
 * few words ("uses mpls", "matches every packet").
 */
struct bpfplan *bpfplan_new(const char *filter, int linktype, char *why, size_t whylen);
/* 0 when no packet the set was built from can match the filter; 1 when one may. */
int bpfplan_may_match(const struct bpfplan *p, const struct addrset *s);
/* The plan in a readable form, for -v output and tests ("(host 10.0.0.1 and port 80)"). */
const char *bpfplan_describe(const struct bpfplan *p);
void bpfplan_free(struct bpfplan *p);

/*
 * A range of values a plan asks of a set: bpfplan_may_match asks a set
 * about these values only (besides its flags, layers and protocols), so a
 * set holding just the values inside them answers as the whole set does.
 */
enum { BPFPLAN_IP4, BPFPLAN_IP6, BPFPLAN_PORT, BPFPLAN_VLAN };
struct bpfplan_term {
	int kind;		/* BPFPLAN_* */
	uint32_t lo4, hi4;	/* IPv4, host order */
	uint8_t lo6[16], hi6[16];
	uint16_t lo, hi;	/* ports, VLAN ids */
};
/* Fills out[0..max) with the ranges p tests; returns how many there are (may exceed max). */
size_t bpfplan_terms(const struct bpfplan *p, struct bpfplan_term *out, size_t max);

#endif

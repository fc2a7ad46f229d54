/* addrset.h: which addresses, ports, IP protocols and VLAN ids a run of packets holds (the address index's sets) */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_ADDRSET_H
#define PKTCAP_ADDRSET_H

#include <stddef.h>
#include <stdint.h>

/* One IPv6 address, as the sets hold them. */
typedef uint8_t ip6_t[16];

/*
 * A set answers one kind of question about the packets it was built from:
 * "could one of them match this primitive of a BPF filter?" It is a
 * superset of what libpcap's compiled filters can see (docs/index.md,
 * "What a block records"): a "no" must be true, a "yes" may be wrong.
 *
 * Every array is sorted and holds each value once. IPv4 addresses are in
 * host byte order; IPv6 ones are 16 bytes in network order, sorted by memcmp.
 */
struct addrset {
	uint32_t flags;		/* ADDRSET_ALL: some packet could not be indexed: answer yes to everything */
	uint32_t l3;		/* ADDRSET_L3_*: which network layers occur */
	uint8_t proto[32];	/* bitmap of IP protocols: IPv4's protocol, every IPv6 next header along the chain */
	uint32_t n4, n6, nport, nvlan;
	uint32_t *ip4;		/* IPv4 source, destination, ARP/RARP sender and target addresses */
	uint8_t (*ip6)[16];	/* IPv6 source and destination addresses */
	uint16_t *port;		/* TCP, UDP and SCTP source and destination ports */
	uint16_t *vlan;		/* 802.1Q/802.1ad VLAN ids, outer and inner */
	/*
	 * 0 in every set read or built. A file's summary kept in memory
	 * (daemon/storage/filelist.c) cuts values to their high bits so it
	 * stays small; a "no" from such a coarser set is still true.
	 */
	uint8_t cut4;		/* ip4 holds each address >> cut4 (at most 31) */
	uint8_t cut6;		/* ip6 keeps the first 16 - cut6 bytes of each address, the rest zero */
	uint8_t cutport;	/* port holds each port >> cutport (at most 15) */
};

#define ADDRSET_ALL 1u

#define ADDRSET_L3_IP4 (1u << 0)
#define ADDRSET_L3_IP6 (1u << 1)
#define ADDRSET_L3_ARP (1u << 2)	/* ARP or RARP */
#define ADDRSET_L3_OTHER (1u << 3)
#define ADDRSET_L3_VLAN (1u << 4)	/* at least one packet carried a VLAN tag */

/* Collects packets' keys, then hands out the set of what it saw since the last take. */
struct addrset_builder;

/* For packets of this DLT_ link type; NULL without memory. */
struct addrset_builder *addrset_builder_new(int linktype);
/* Adds one packet's keys (caplen bytes captured). -1 without memory (the set is then ADDRSET_ALL). */
int addrset_builder_add(struct addrset_builder *b, const uint8_t *pkt, uint32_t caplen);
/* Moves what was added since the last take into *out (sorted, unique) and starts afresh. -1 without memory. */
int addrset_builder_take(struct addrset_builder *b, struct addrset *out);
void addrset_builder_free(struct addrset_builder *b);

/* *dst |= src. -1 without memory. */
int addrset_union(struct addrset *dst, const struct addrset *src);
void addrset_free(struct addrset *s);

/* "Could a packet of the set match?" 1 yes (or: cannot tell), 0 certainly not. Ranges are inclusive. */
int addrset_has_ip4(const struct addrset *s, uint32_t lo, uint32_t hi);
int addrset_has_ip6(const struct addrset *s, const uint8_t lo[16], const uint8_t hi[16]);
int addrset_has_port(const struct addrset *s, uint16_t lo, uint16_t hi);
int addrset_has_proto(const struct addrset *s, uint8_t proto);
/* vid -1: any tagged packet. */
int addrset_has_vlan(const struct addrset *s, int vid);

#endif

/* print-bgp.h: the MPLS-era routing printers: BGP (TCP 179) and LDP (TCP and UDP 646) */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_BGP_H
#define PKTCAP_PRINT_BGP_H

#include "nd.h"

/* print-bgp.c: every BGP message found in a TCP segment (details with -v). */
void nd_bgp_print(struct nd *nd, const uint8_t *bp, unsigned length);

/*
 * Shared with print-ldp.c, as in tcpdump: an IPv4 or IPv6 prefix (length
 * byte and address bytes) as "ADDR/LEN" in buf; returns the bytes used, -1
 * for a prefix length too long, -2 if itemlen is too short for it.
 */
int nd_decode_prefix(struct nd *nd, const uint8_t *p, unsigned itemlen, int v6, char *buf,
		     size_t len);
/* The name of an IANA address family number (tcpdump's af_values), NULL if unknown. */
const char *nd_af_name(unsigned afi);

/* print-ldp.c: LDP on TCP and UDP port 646 (the PDU header; messages and TLVs with -v). */
void nd_ldp_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* tcpdump's mpls_pw_types_values (also for LSP ping's pseudowire FECs). */
extern const struct nd_tok nd_ldp_pw_types[];

#endif

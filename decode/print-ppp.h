/* print-ppp.h: the PPP family printers (PPP, PPPoE, L2TP, PPTP, Cisco HDLC) and what calls them */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_PPP_H
#define PKTCAP_PRINT_PPP_H

#include "nd.h"

/*
 * n bytes as two hex digits each (tcpdump's "%02x" or "%02X" loop): each byte
 * is read, and so bounds-checked, before it is printed.
 */
static inline void nd_ppp_hex(struct nd *nd, const uint8_t *p, unsigned n, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	for (unsigned i = 0; i < n; i++) {
		uint8_t c = GET_U_1(p + i);
		char two[2] = { digits[c >> 4], digits[c & 15] };

		nd_write(nd, two, 2);
	}
}

/* A PPP frame from its address and control field (if any); returns the header length used. */
unsigned nd_ppp_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* Link-layer printers: DLT_PPP and DLT_PPP_PPPD, DLT_PPP_SERIAL, DLT_PPP_ETHER. */
unsigned nd_ppp_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
unsigned nd_ppp_hdlc_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
unsigned nd_pppoe_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
/* Cisco HDLC (DLT_C_HDLC) and SLARP: print-chdlc.c. */
unsigned nd_chdlc_print(struct nd *nd, const uint8_t *p, unsigned length);
unsigned nd_chdlc_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
/* Frame Relay (print-fr.c): the Q.922 header and what its NLPID says follows. */
unsigned nd_fr_print(struct nd *nd, const uint8_t *p, unsigned length);
unsigned nd_fr_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
/* PPPoE discovery and session (Ethernet types 0x8863, 0x8864, 0x3c12, 0x3c13). */
unsigned nd_pppoe_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* L2TP (UDP port 1701). */
void nd_l2tp_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* PPTP control messages (TCP port 1723). */
void nd_pptp_print(struct nd *nd, const uint8_t *bp);

#endif

/* print-ip.h: helpers shared by the link-layer, ARP, IPv4 and ICMP printers */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_IP_H
#define PKTCAP_PRINT_IP_H

#include "nd.h"

/* tcpdump's name for an Ethernet type, or NULL. */
const char *nd_ethertype_name(unsigned type);
/* tcpdump's name for an IEEE OUI (SNAP, LLDP), or NULL. */
const char *nd_oui_name(unsigned oui);
/* tcpdump's name for an IP protocol in -v output ("ICMP", "TCP", ...), or NULL. */
const char *nd_ipproto_tok(unsigned proto);
/* The hex and ASCII dump tcpdump prints for a payload it cannot decode. */
void nd_default_print(struct nd *nd, const uint8_t *p, unsigned caplen);
/* True unless -q asks for less or -x/-X will dump the packet anyway. */
int nd_want_default_print(const struct nd *nd);
/*
 * An 802.2 LLC header and what follows; src and dst are the MAC addresses
 * (NULL when the link has none). Returns the header length, negated when
 * the payload was not decoded and the caller should dump it.
 */
int nd_llc_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
		 const uint8_t *src, const uint8_t *dst);
/* A SNAP header without MAC addresses; 0 if the payload was not decoded. */
int nd_snap_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
/* "vlan N, p N[, DEI]" for a tag control field. */
void nd_vlan_tci_print(struct nd *nd, unsigned tci);

#endif

/* print-isis.h: what print-isis.c and print-isis-tlv.c share (IS-IS, ISO 10589 and RFC 1195) */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_ISIS_H
#define PKTCAP_PRINT_ISIS_H

#include "nd.h"

#define ISIS_SYSTEM_ID_LEN 6
#define ISIS_NODE_ID_LEN 7
#define ISIS_LSP_ID_LEN 8

#define ISIS_TLV_IS_ALIAS_ID 24

/* ISO 9577's NLPIDs by name; an NSAP as hex with dots (buf of 64); the OSI checksum check. */
extern const struct nd_tok nd_nlpids[];
const char *nd_isonsap(struct nd *nd, const uint8_t *p, unsigned len, char *buf);
void nd_osi_print_cksum(struct nd *nd, const uint8_t *p, unsigned sum, int off, unsigned len);
/* print-esis.c: CLNP (0 if the PDU should be dumped in hex) and ES-IS PDUs. */
int nd_clnp_print(struct nd *nd, const uint8_t *p, unsigned length);
void nd_esis_print(struct nd *nd, const uint8_t *p, unsigned length);

/* A system, node or LSP ID as "xxxx.xxxx.xxxx[.yy[-zz]]", into buf (at least 24 bytes). */
const char *nd_isis_id(struct nd *nd, const uint8_t *cp, unsigned id_len, char *buf);
/* The four-byte metric block: default, and the others when they are supported. */
void nd_isis_metric_block(struct nd *nd, const uint8_t *p);
/* A metric's "External" or "Internal" from its I/E bit. */
const char *nd_isis_ie(struct nd *nd, const uint8_t *p);

/*
 * The TLV helpers, with tcpdump's return conventions: 0 means the caller
 * prints its truncation marker (or, for ip_reach, ends the PDU silently).
 */
int nd_isis_tlv_ip_reach(struct nd *nd, const uint8_t *cp, const char *ident, unsigned length);
unsigned nd_isis_ext_is_reach(struct nd *nd, const uint8_t *tptr, const char *ident,
			      unsigned tlv_type, unsigned tlv_remaining);
unsigned nd_isis_extd_ip_reach(struct nd *nd, const uint8_t *tptr, const char *ident, int v6);
uint8_t nd_isis_mtid(struct nd *nd, const uint8_t *tptr, const char *ident, unsigned remaining);
void nd_isis_router_cap_subtlv(struct nd *nd, const uint8_t *tptr, uint8_t tlen);
void nd_isis_mt_port_cap_subtlv(struct nd *nd, const uint8_t *tptr, unsigned len);
void nd_isis_mt_capability_subtlv(struct nd *nd, const uint8_t *tptr, unsigned len);

#endif

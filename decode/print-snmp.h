/* print-snmp.h: the BER reader the SNMP printer is built on */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_SNMP_H
#define PKTCAP_PRINT_SNMP_H

#include "print-app.h"

/* Context tags: the PDUs (constructed) and the v2 exceptions (primitive). */
#define GETREQ 0
#define GETNEXTREQ 1
#define GETRESP 2
#define SETREQ 3
#define TRAP 4
#define GETBULKREQ 5
#define INFORMREQ 6
#define V2TRAP 7
#define REPORT 8
#define NOSUCHOBJECT 0
#define NOSUCHINSTANCE 1
#define ENDOFMIBVIEW 2

/* What a decoded element holds. */
enum nd_be_type {
	BE_NONE, BE_NULL, BE_OCTET, BE_OID, BE_INT, BE_UNS, BE_STR, BE_SEQ, BE_INETADDR, BE_PDU,
	BE_UNS64, BE_NOSUCHOBJECT = 128, BE_NOSUCHINST, BE_ENDOFMIBVIEW, BE_ANY = 255,
};

struct nd_be {
	uint32_t asnlen;
	union {
		const uint8_t *raw;
		int32_t integer;
		uint32_t uns;
		uint64_t uns64;
	} data;
	unsigned id;
	unsigned form, class;
	enum nd_be_type type;
};

/*
 * Decodes the element at p (len bytes left in its container) into elem.
 * Returns the bytes it takes, header included, or -1 with the reason
 * printed. Like tcpdump, a length that is not captured prints [|snmp] and
 * only fails this element; the callers then stop quietly.
 */
int nd_asn1_parse(struct nd *nd, const uint8_t *p, unsigned len, struct nd_be *elem);
/* An element's value as tcpdump prints it; -1 after [|snmp]. */
int nd_asn1_print(struct nd *nd, const struct nd_be *elem);
/* An OCTET STRING as _xx bytes, or as text in quotes if it is all printable. */
int nd_asn1_print_octets(struct nd *nd, const struct nd_be *elem);
int nd_asn1_print_string(struct nd *nd, const struct nd_be *elem);

#endif

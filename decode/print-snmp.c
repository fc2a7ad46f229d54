/* print-snmp.c: SNMP v1, v2c and v3 messages, as tcpdump -n prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-snmp.h"

#define GT_ENTERPRISE 6

#define SNMP_VERSION_1 0
#define SNMP_VERSION_2 1
#define SNMP_VERSION_3 3

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const char *const ErrorStatus[] = {
	"noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess",
	"wrongType", "wrongLength", "wrongEncoding", "wrongValue", "noCreation",
	"inconsistentValue", "resourceUnavailable", "commitFailed", "undoFailed",
	"authorizationError", "notWritable", "inconsistentName",
};

static const char *const GenericTrap[] = {
	"coldStart", "warmStart", "linkDown", "linkUp", "authenticationFailure",
	"egpNeighborLoss", "enterpriseSpecific",
};

static const char *const SnmpVersion[] = { "SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3" };

/* An error status by name, else as "err=N", between pre and post. */
static void print_error_status(struct nd *nd, const char *pre, int32_t e, const char *post)
{
	if (e >= 0 && (size_t)e < NELEMS(ErrorStatus))
		nd_printf(nd, "%s%s%s", pre, ErrorStatus[e], post);
	else
		nd_printf(nd, "%serr=%u%s", pre, (unsigned)e, post);
}

/*
 * Each field of a message is one element of an expected type; a wrong one
 * prints "[what]" and the element, and the message stops there.
 */
static int parse_expect(struct nd *nd, const uint8_t *p, unsigned len, struct nd_be *elem,
			enum nd_be_type type, const char *what)
{
	int count = nd_asn1_parse(nd, p, len, elem);

	if (count < 0)
		return -1;
	if (elem->type != type) {
		nd_printf(nd, "[%s]", what);
		nd_asn1_print(nd, elem);
		return -1;
	}
	return count;
}

static int is_read_class(unsigned pduid)
{
	return pduid == GETREQ || pduid == GETNEXTREQ || pduid == GETBULKREQ;
}

static void varbind_print(struct nd *nd, unsigned pduid, const uint8_t *np, unsigned length)
{
	struct nd_be elem;
	int count;

	count = parse_expect(nd, np, length, &elem, BE_SEQ, "!SEQ of varbind");
	if (count < 0)
		return;
	if ((unsigned)count < length)
		nd_printf(nd, "[%d extra after SEQ of varbind]", (int)(length - (unsigned)count));
	length = elem.asnlen;
	np = elem.data.raw;
	while (length) {
		const uint8_t *vbend;
		unsigned vblength;

		nd_putc(nd, ' ');
		count = parse_expect(nd, np, length, &elem, BE_SEQ, "!varbind");
		if (count < 0)
			return;
		vbend = np + count;
		vblength = length - (unsigned)count;
		length = elem.asnlen;
		np = elem.data.raw;
		count = parse_expect(nd, np, length, &elem, BE_OID, "objName!=OID");
		if (count < 0 || nd_asn1_print(nd, &elem) < 0)
			return;
		length -= (unsigned)count;
		np += count;
		if (!is_read_class(pduid))
			nd_putc(nd, '=');
		count = nd_asn1_parse(nd, np, length, &elem);
		if (count < 0)
			return;
		if (is_read_class(pduid)) {
			if (elem.type != BE_NULL) {
				nd_puts(nd, "[objVal!=NULL]");
				if (nd_asn1_print(nd, &elem) < 0)
					return;
			}
		} else if (elem.type != BE_NULL && nd_asn1_print(nd, &elem) < 0) {
			return;
		}
		length = vblength;
		np = vbend;
	}
}

/* Requests and responses: request id, error status and index, variable bindings. */
static void snmppdu_print(struct nd *nd, unsigned pduid, const uint8_t *np, unsigned length)
{
	/* the PDUs whose error status and index must be zero */
	int zero = pduid == GETREQ || pduid == GETNEXTREQ || pduid == SETREQ ||
		   pduid == INFORMREQ || pduid == V2TRAP || pduid == REPORT;
	int32_t error_status = 0;
	struct nd_be elem;
	int count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "reqId!=INT");
	if (count < 0)
		return;
	if (nd->o.vflag)
		nd_printf(nd, "R=%d ", elem.data.integer);
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "errorStatus!=INT");
	if (count < 0)
		return;
	if (zero && elem.data.integer != 0) {
		print_error_status(nd, "[errorStatus(", elem.data.integer, ")!=0]");
	} else if (pduid == GETBULKREQ) {
		nd_printf(nd, " N=%d", elem.data.integer);
	} else if (elem.data.integer != 0) {
		print_error_status(nd, " ", elem.data.integer, "");
		error_status = elem.data.integer;
	}
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "errorIndex!=INT");
	if (count < 0)
		return;
	if (zero && elem.data.integer != 0)
		nd_printf(nd, "[errorIndex(%d)!=0]", elem.data.integer);
	else if (pduid == GETBULKREQ)
		nd_printf(nd, " M=%d", elem.data.integer);
	else if (elem.data.integer != 0 && !error_status)
		nd_printf(nd, "[errorIndex(%d) w/o errorStatus]", elem.data.integer);
	else if (elem.data.integer != 0)
		nd_printf(nd, "@%d", elem.data.integer);
	else if (error_status)
		nd_puts(nd, "[errorIndex==0]");
	length -= (unsigned)count;
	np += count;
	varbind_print(nd, pduid, np, length);
}

/* The SNMPv1 trap: enterprise, agent address, generic and specific trap, time stamp. */
static void trappdu_print(struct nd *nd, const uint8_t *np, unsigned length)
{
	struct nd_be elem;
	int count, generic;

	nd_putc(nd, ' ');
	count = parse_expect(nd, np, length, &elem, BE_OID, "enterprise!=OID");
	if (count < 0 || nd_asn1_print(nd, &elem) < 0)
		return;
	length -= (unsigned)count;
	np += count;
	nd_putc(nd, ' ');

	count = parse_expect(nd, np, length, &elem, BE_INETADDR, "agent-addr!=INETADDR");
	if (count < 0 || nd_asn1_print(nd, &elem) < 0)
		return;
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "generic-trap!=INT");
	if (count < 0)
		return;
	generic = elem.data.integer;
	if (generic >= 0 && (size_t)generic < NELEMS(GenericTrap))
		nd_printf(nd, " %s", GenericTrap[generic]);
	else
		nd_printf(nd, " gt=%d", generic);
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "specific-trap!=INT");
	if (count < 0)
		return;
	if (generic != GT_ENTERPRISE) {
		if (elem.data.integer != 0)
			nd_printf(nd, "[specific-trap(%d)!=0]", elem.data.integer);
	} else {
		nd_printf(nd, " s=%d", elem.data.integer);
	}
	length -= (unsigned)count;
	np += count;
	nd_putc(nd, ' ');

	count = parse_expect(nd, np, length, &elem, BE_UNS, "time-stamp!=TIMETICKS");
	if (count < 0 || nd_asn1_print(nd, &elem) < 0)
		return;
	length -= (unsigned)count;
	np += count;
	varbind_print(nd, TRAP, np, length);
}

static void pdu_print(struct nd *nd, const uint8_t *np, unsigned length, int version)
{
	struct nd_be pdu;
	int count;

	count = nd_asn1_parse(nd, np, length, &pdu);
	if (count < 0)
		return;
	if (pdu.type != BE_PDU) {
		nd_puts(nd, "[no PDU]");
		return;
	}
	if ((unsigned)count < length)
		nd_printf(nd, "[%d extra after PDU]", (int)(length - (unsigned)count));
	if (nd->o.vflag)
		nd_puts(nd, "{ ");
	if (nd_asn1_print(nd, &pdu) < 0)
		return;
	nd_putc(nd, ' ');
	length = pdu.asnlen;
	np = pdu.data.raw;
	if (version == SNMP_VERSION_1 && (pdu.id == GETBULKREQ || pdu.id == INFORMREQ ||
					  pdu.id == V2TRAP || pdu.id == REPORT)) {
		nd_puts(nd, "[v2 PDU in v1 message]");
		return;
	}
	if (version == SNMP_VERSION_2 && pdu.id == TRAP) {
		nd_puts(nd, "[v1 PDU in v2 message]");
		return;
	}
	if (pdu.id == TRAP)
		trappdu_print(nd, np, length);
	else
		snmppdu_print(nd, pdu.id, np, length);
	if (nd->o.vflag)
		nd_puts(nd, " } ");
}

static void scopedpdu_print(struct nd *nd, const uint8_t *np, unsigned length, int version)
{
	struct nd_be elem;
	int count;

	count = parse_expect(nd, np, length, &elem, BE_SEQ, "!scoped PDU");
	if (count < 0)
		return;
	length = elem.asnlen;
	np = elem.data.raw;

	count = parse_expect(nd, np, length, &elem, BE_STR, "contextEngineID!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;
	nd_puts(nd, "E=");
	if (nd_asn1_print_octets(nd, &elem) < 0)
		return;
	nd_putc(nd, ' ');

	count = parse_expect(nd, np, length, &elem, BE_STR, "contextName!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;
	nd_puts(nd, "C=");
	if (nd_asn1_print_string(nd, &elem) < 0)
		return;
	nd_putc(nd, ' ');
	pdu_print(nd, np, length, version);
}

static int is_public(struct nd *nd, const struct nd_be *elem)
{
	static const char def[] = "public";

	if (elem->asnlen != sizeof(def) - 1)
		return 0;
	for (unsigned i = 0; i < sizeof(def) - 1; i++)
		if (GET_U_1(elem->data.raw + i) != (uint8_t)def[i])
			return 0;
	return 1;
}

/* v1 and v2c: the community (left out when it is "public"), then the PDU. */
static void community_print(struct nd *nd, const uint8_t *np, unsigned length, int version)
{
	struct nd_be elem;
	int count;

	count = parse_expect(nd, np, length, &elem, BE_STR, "comm!=STR");
	if (count < 0)
		return;
	if (!is_public(nd, &elem)) {
		nd_puts(nd, "C=");
		if (nd_asn1_print_string(nd, &elem) < 0)
			return;
		nd_putc(nd, ' ');
	}
	length -= (unsigned)count;
	np += count;
	pdu_print(nd, np, length, version);
}

/* The user-based security model's parameters (RFC 3414). */
static void usm_print(struct nd *nd, const uint8_t *np, unsigned length)
{
	struct nd_be elem;
	int count;

	count = parse_expect(nd, np, length, &elem, BE_SEQ, "!usm");
	if (count < 0)
		return;
	length = elem.asnlen;
	np = elem.data.raw;

	count = parse_expect(nd, np, length, &elem, BE_STR, "msgAuthoritativeEngineID!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "msgAuthoritativeEngineBoots!=INT");
	if (count < 0)
		return;
	if (nd->o.vflag)
		nd_printf(nd, "B=%d ", elem.data.integer);
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "msgAuthoritativeEngineTime!=INT");
	if (count < 0)
		return;
	if (nd->o.vflag)
		nd_printf(nd, "T=%d ", elem.data.integer);
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_STR, "msgUserName!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;
	nd_puts(nd, "U=");
	if (nd_asn1_print_string(nd, &elem) < 0)
		return;
	nd_putc(nd, ' ');

	count = parse_expect(nd, np, length, &elem, BE_STR, "msgAuthenticationParameters!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_STR, "msgPrivacyParameters!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;
	/* tcpdump compares with the last field's size, not with zero */
	if ((unsigned)count < length)
		nd_printf(nd, "[%d extra after usm SEQ]", (int)(length - (unsigned)count));
}

/* SNMPv3: the message header, the security parameters, the scoped PDU. */
static void v3msg_print(struct nd *nd, const uint8_t *np, unsigned length)
{
	const uint8_t *xnp = np;
	unsigned xlength = length, flags;
	struct nd_be elem;
	int count, model;

	count = parse_expect(nd, np, length, &elem, BE_SEQ, "!message");
	if (count < 0)
		return;
	length = elem.asnlen;
	np = elem.data.raw;
	if (nd->o.vflag)
		nd_puts(nd, "{ ");

	count = parse_expect(nd, np, length, &elem, BE_INT, "msgID!=INT");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_INT, "msgMaxSize!=INT");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;

	count = parse_expect(nd, np, length, &elem, BE_STR, "msgFlags!=STR");
	if (count < 0)
		return;
	if (elem.asnlen != 1) {
		nd_printf(nd, "[msgFlags size %d]", (int)elem.asnlen);
		return;
	}
	flags = GET_U_1(elem.data.raw);
	if (flags != 0x00 && flags != 0x01 && flags != 0x03 && flags != 0x04 && flags != 0x05 &&
	    flags != 0x07) {
		nd_printf(nd, "[msgFlags=0x%02X]", flags);
		return;
	}
	length -= (unsigned)count;
	np += count;
	nd_printf(nd, "F=%s%s%s ", flags & 1 ? "a" : "", flags & 2 ? "p" : "",
		  flags & 4 ? "r" : "");

	count = parse_expect(nd, np, length, &elem, BE_INT, "msgSecurityModel!=INT");
	if (count < 0)
		return;
	model = elem.data.integer;
	length -= (unsigned)count;
	np += count;
	if ((unsigned)count < length)
		nd_printf(nd, "[%d extra after message SEQ]", (int)(length - (unsigned)count));
	if (nd->o.vflag)
		nd_puts(nd, "} ");
	if (model != 3) {
		nd_printf(nd, "[security model %d]", model);
		return;
	}
	if (nd->o.vflag)
		nd_puts(nd, "{ USM ");
	/* the rest is counted from the start of the message, as tcpdump counts it */
	length = xlength - (unsigned)(np - xnp);

	count = parse_expect(nd, np, length, &elem, BE_STR, "msgSecurityParameters!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;
	usm_print(nd, elem.data.raw, elem.asnlen);
	if (nd->o.vflag)
		nd_puts(nd, "} { ScopedPDU ");
	scopedpdu_print(nd, np, length, 3);
	if (nd->o.vflag)
		nd_puts(nd, "} ");
}

void nd_snmp_print(struct nd *nd, const uint8_t *np, unsigned length)
{
	struct nd_be elem;
	int count, version;

	nd->protocol = "snmp";
	nd_putc(nd, ' ');
	count = parse_expect(nd, np, length, &elem, BE_SEQ, "!init SEQ");
	if (count < 0)
		return;
	if ((unsigned)count < length)
		nd_printf(nd, "[%d extra after iSEQ]", (int)(length - (unsigned)count));
	length = elem.asnlen;
	np = elem.data.raw;

	count = parse_expect(nd, np, length, &elem, BE_INT, "version!=INT");
	if (count < 0)
		return;
	version = elem.data.integer;
	if (version != SNMP_VERSION_1 && version != SNMP_VERSION_2 && version != SNMP_VERSION_3) {
		nd_printf(nd, "SNMP [version = %d]", version);
		return;
	}
	if (nd->o.vflag)
		nd_printf(nd, "{ %s ", SnmpVersion[version]);
	length -= (unsigned)count;
	np += count;
	if (version == SNMP_VERSION_3)
		v3msg_print(nd, np, length);
	else
		community_print(nd, np, length, version);
	if (nd->o.vflag)
		nd_puts(nd, "} ");
}

/* print-snmp.c: SNMP v1, v2c and v3 through a bounds-checked BER reader, as tcpdump -n prints it */
#include "config.h"

#include "nd.h"

/* ASN.1 identifier octet: class (2 bits), form (1 bit), tag number (5 bits). */
#define ASN_ID_BITS 0x1f
#define ASN_FORM_BITS 0x20
#define ASN_CLASS_BITS 0xc0
#define ASN_ID_EXT 0x1f
#define ASN_BIT8 0x80

#define UNIVERSAL 0
#define APPLICATION 1
#define CONTEXT 2
#define PRIVATE 3
#define EXCEPTIONS 4

#define PRIMITIVE 0
#define CONSTRUCTED 1

/* Universal tags. */
#define INTEGER 2
#define STRING 4
#define ASN_NULL 5
#define OBJECTID 6
#define SEQUENCE 16

/* Application tags of the Internet SMI. */
#define IPADDR 0
#define COUNTER 1
#define GAUGE 2
#define TIMETICKS 3
#define COUNTER64 6

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

#define GT_ENTERPRISE 6

#define SNMP_VERSION_1 0
#define SNMP_VERSION_2 1
#define SNMP_VERSION_3 3

/* What a decoded element holds. */
enum be_type {
	BE_NONE, BE_NULL, BE_OCTET, BE_OID, BE_INT, BE_UNS, BE_STR, BE_SEQ, BE_INETADDR, BE_PDU,
	BE_UNS64, BE_NOSUCHOBJECT = 128, BE_NOSUCHINST, BE_ENDOFMIBVIEW, BE_ANY = 255,
};

struct be {
	uint32_t asnlen;
	union {
		const uint8_t *raw;
		int32_t integer;
		uint32_t uns;
		uint64_t uns64;
	} data;
	unsigned id;
	unsigned form, class;
	enum be_type type;
};

static const char *const Universal[] = {
	"U-0", "Boolean", "Integer", "Bitstring", "String", "Null", "ObjID", "ObjectDes",
	"U-8", "U-9", "U-10", "U-11", "U-12", "U-13", "U-14", "U-15", "Sequence", "Set",
};
static const char *const Application[] = {
	"IpAddress", "Counter", "Gauge", "TimeTicks", "Opaque", "C-5", "Counter64",
};
static const char *const Context[] = {
	"GetRequest", "GetNextRequest", "GetResponse", "SetRequest", "Trap", "GetBulk", "Inform",
	"V2Trap", "Report",
};
static const char *const Exceptions[] = { "noSuchObject", "noSuchInstance", "endOfMibView" };
static const char *const Private[] = { "P-0" };

#define NELEMS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The classes by number. tcpdump's table names every class "x" (its
 * macro was written for a preprocessor that expanded inside strings), and
 * that is what its messages print.
 */
static const struct {
	const char *name;
	const char *const *ids;
	unsigned nids;
} Class[] = {
	{ "x", Universal, NELEMS(Universal) },
	{ "x", Application, NELEMS(Application) },
	{ "x", Context, NELEMS(Context) },
	{ "x", Private, NELEMS(Private) },
	{ "x", Exceptions, NELEMS(Exceptions) },
};

static const char *const Form[] = { "Primitive", "Constructed" };

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
 * Decodes the element at p (len bytes left in its container) into elem.
 * Returns the bytes it takes, header included, or -1 with the reason
 * printed. Like tcpdump, a length that is not captured prints [|snmp] and
 * only fails this element; the callers then stop quietly.
 */
static int asn1_parse(struct nd *nd, const uint8_t *p, unsigned len, struct be *elem)
{
	unsigned form, class, hdr;
	uint8_t id;

	elem->asnlen = 0;
	elem->type = BE_ANY;
	if (len < 1) {
		nd_puts(nd, "[nothing to parse]");
		return -1;
	}
	id = GET_U_1(p) & ASN_ID_BITS;
	form = (GET_U_1(p) & ASN_FORM_BITS) >> 5;
	class = (GET_U_1(p) & ASN_CLASS_BITS) >> 6;
	elem->form = form;
	elem->class = class;
	elem->id = id;
	p++;
	len--;
	hdr = 1;
	if (id == ASN_ID_EXT) {
		/* A long tag; tcpdump keeps only its low 8 bits. */
		id = 0;
		while (GET_U_1(p) & ASN_BIT8) {
			if (len < 1) {
				nd_puts(nd, "[Xtagfield?]");
				return -1;
			}
			id = (uint8_t)(id << 7 | (GET_U_1(p) & ~ASN_BIT8));
			len--;
			hdr++;
			p++;
		}
		if (len < 1) {
			nd_puts(nd, "[Xtagfield?]");
			return -1;
		}
		id = (uint8_t)(id << 7 | GET_U_1(p));
		elem->id = id;
		len--;
		hdr++;
		p++;
	}
	if (len < 1) {
		nd_puts(nd, "[no asnlen]");
		return -1;
	}
	elem->asnlen = GET_U_1(p);
	p++;
	len--;
	hdr++;
	if (elem->asnlen & ASN_BIT8) {
		uint32_t noct = elem->asnlen % ASN_BIT8;

		elem->asnlen = 0;
		if (len < noct) {
			nd_printf(nd, "[asnlen? %d<%d]", (int)len, (int)noct);
			return -1;
		}
		if (!ND_TTEST_LEN(nd, p, noct))
			goto trunc;
		for (; noct != 0; len--, hdr++, noct--, p++)
			elem->asnlen = elem->asnlen << 8 | GET_U_1(p);
	}
	if (len < elem->asnlen) {
		nd_printf(nd, "[len%d<asnlen%u]", (int)len, elem->asnlen);
		return -1;
	}
	if (id >= Class[class].nids) {
		nd_printf(nd, "[id?%c/%s/%d]", *Form[form], Class[class].name, id);
		return -1;
	}
	if (!ND_TTEST_LEN(nd, p, elem->asnlen))
		goto trunc;
	elem->data.raw = p;
	if (form == PRIMITIVE) {
		switch (class) {
		case UNIVERSAL:
			switch (id) {
			case STRING:
				elem->type = BE_STR;
				break;
			case INTEGER: {
				uint32_t data;

				elem->type = BE_INT;
				if (elem->asnlen == 0) {
					nd_puts(nd, "[asnlen=0]");
					return -1;
				}
				data = GET_U_1(p) & ASN_BIT8 ? 0xffffffffu : 0;
				for (uint32_t i = 0; i < elem->asnlen; i++)
					data = data << 8 | GET_U_1(p + i);
				elem->data.integer = (int32_t)data;
				break;
			}
			case OBJECTID:
				elem->type = BE_OID;
				break;
			case ASN_NULL:
				elem->type = BE_NULL;
				elem->data.raw = NULL;
				break;
			default:
				elem->type = BE_OCTET;
				nd_printf(nd, "[P/U/%s]", Class[class].ids[id]);
				break;
			}
			break;
		case APPLICATION:
			switch (id) {
			case IPADDR:
				elem->type = BE_INETADDR;
				break;
			case COUNTER:
			case GAUGE:
			case TIMETICKS: {
				uint32_t data = 0;

				elem->type = BE_UNS;
				for (uint32_t i = 0; i < elem->asnlen; i++)
					data = (data << 8) + GET_U_1(p + i);
				elem->data.uns = data;
				break;
			}
			case COUNTER64: {
				uint64_t data = 0;

				elem->type = BE_UNS64;
				for (uint32_t i = 0; i < elem->asnlen; i++)
					data = (data << 8) + GET_U_1(p + i);
				elem->data.uns64 = data;
				break;
			}
			default:
				elem->type = BE_OCTET;
				nd_printf(nd, "[P/A/%s]", Class[class].ids[id]);
				break;
			}
			break;
		case CONTEXT:
			/* other primitive context tags stay BE_ANY, as in tcpdump */
			if (id == NOSUCHOBJECT)
				elem->type = BE_NOSUCHOBJECT;
			else if (id == NOSUCHINSTANCE)
				elem->type = BE_NOSUCHINST;
			else if (id == ENDOFMIBVIEW)
				elem->type = BE_ENDOFMIBVIEW;
			if (elem->type != BE_ANY)
				elem->data.raw = NULL;
			break;
		default:
			nd_printf(nd, "[P/%s/%s]", Class[class].name, Class[class].ids[id]);
			elem->type = BE_OCTET;
			break;
		}
	} else {
		switch (class) {
		case UNIVERSAL:
			if (id == SEQUENCE) {
				elem->type = BE_SEQ;
			} else {
				elem->type = BE_OCTET;
				nd_printf(nd, "C/U/%s", Class[class].ids[id]);
			}
			break;
		case CONTEXT:
			elem->type = BE_PDU;
			break;
		default:
			elem->type = BE_OCTET;
			nd_printf(nd, "C/%s/%s", Class[class].name, Class[class].ids[id]);
			break;
		}
	}
	return (int)(elem->asnlen + hdr);
trunc:
	nd_print_trunc(nd);
	return -1;
}

static int asn1_print_octets(struct nd *nd, const struct be *elem)
{
	if (!ND_TTEST_LEN(nd, elem->data.raw, elem->asnlen)) {
		nd_print_trunc(nd);
		return -1;
	}
	for (uint32_t i = 0; i < elem->asnlen; i++)
		nd_printf(nd, "_%.2x", GET_U_1(elem->data.raw + i));
	return 0;
}

/* Text in quotes if every byte is printable, else hex bytes joined by '_'. */
static int asn1_print_string(struct nd *nd, const struct be *elem)
{
	const uint8_t *p = elem->data.raw;
	int printable = 1;
	uint32_t i;

	if (!ND_TTEST_LEN(nd, p, elem->asnlen)) {
		nd_print_trunc(nd);
		return -1;
	}
	for (i = 0; printable && i < elem->asnlen; i++)
		printable = GET_U_1(p + i) >= 0x20 && GET_U_1(p + i) < 0x7f;
	if (printable) {
		nd_putc(nd, '"');
		if (nd_printn(nd, p, elem->asnlen)) {
			nd_putc(nd, '"');
			nd_print_trunc(nd);
			return -1;
		}
		nd_putc(nd, '"');
	} else {
		for (i = 0; i < elem->asnlen; i++)
			nd_printf(nd, i ? "_%.2x" : "%.2x", GET_U_1(p + i));
	}
	return 0;
}

/*
 * An object identifier, every arc numeric after a dot: with -n, which is
 * how pktctl always prints, tcpdump neither abbreviates nor names arcs.
 */
static void asn1_print_oid(struct nd *nd, const struct be *elem)
{
	const uint8_t *p = elem->data.raw;
	uint32_t o = 0;
	int first = 1;

	for (uint32_t i = 0; i < elem->asnlen; i++) {
		uint8_t c = GET_U_1(p + i);

		o = (o << 7) + (c & ~ASN_BIT8);
		if (c & ASN_BIT8)
			continue;
		/* the first number holds two arcs, 40 * first + second (X.690 8.19) */
		if (first) {
			int32_t s = (int32_t)o / 40;

			if (s > 2)
				s = 2;
			nd_printf(nd, ".%u", (uint32_t)s);
			o -= (uint32_t)s * 40;
			first = 0;
		}
		nd_printf(nd, ".%u", o);
		o = 0;
	}
}

static int asn1_print(struct nd *nd, const struct be *elem)
{
	const uint8_t *p = elem->data.raw;

	switch (elem->type) {
	case BE_OCTET:
		return asn1_print_octets(nd, elem);
	case BE_NULL:
		break;
	case BE_OID:
		asn1_print_oid(nd, elem);
		break;
	case BE_INT:
		nd_printf(nd, "%d", elem->data.integer);
		break;
	case BE_UNS:
		nd_printf(nd, "%u", elem->data.uns);
		break;
	case BE_UNS64:
		nd_putu(nd, elem->data.uns64);
		break;
	case BE_STR:
		return asn1_print_string(nd, elem);
	case BE_SEQ:
		nd_printf(nd, "Seq(%u)", elem->asnlen);
		break;
	case BE_INETADDR:
		if (elem->asnlen != 4)
			nd_puts(nd, "[inetaddr len!=4]");
		if (!ND_TTEST_LEN(nd, p, elem->asnlen)) {
			nd_print_trunc(nd);
			return -1;
		}
		for (uint32_t i = 0; i < elem->asnlen; i++)
			nd_printf(nd, i ? ".%u" : "%u", GET_U_1(p + i));
		break;
	case BE_NOSUCHOBJECT:
	case BE_NOSUCHINST:
	case BE_ENDOFMIBVIEW:
		nd_printf(nd, "[%s]", Exceptions[elem->id]);
		break;
	case BE_PDU:
		nd_printf(nd, "%s(%u)", Context[elem->id], elem->asnlen);
		break;
	case BE_ANY:
		nd_puts(nd, "[BE_ANY!?]");
		break;
	default:
		nd_puts(nd, "[be!?]");
		break;
	}
	return 0;
}

/*
 * Each field of a message is one element of an expected type; a wrong one
 * prints "[what]" and the element, and the message stops there.
 */
static int parse_expect(struct nd *nd, const uint8_t *p, unsigned len, struct be *elem,
			enum be_type type, const char *what)
{
	int count = asn1_parse(nd, p, len, elem);

	if (count < 0)
		return -1;
	if (elem->type != type) {
		nd_printf(nd, "[%s]", what);
		asn1_print(nd, elem);
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
	struct be elem;
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
		if (count < 0 || asn1_print(nd, &elem) < 0)
			return;
		length -= (unsigned)count;
		np += count;
		if (!is_read_class(pduid))
			nd_putc(nd, '=');
		count = asn1_parse(nd, np, length, &elem);
		if (count < 0)
			return;
		if (is_read_class(pduid)) {
			if (elem.type != BE_NULL) {
				nd_puts(nd, "[objVal!=NULL]");
				if (asn1_print(nd, &elem) < 0)
					return;
			}
		} else if (elem.type != BE_NULL && asn1_print(nd, &elem) < 0) {
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
	struct be elem;
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
	struct be elem;
	int count, generic;

	nd_putc(nd, ' ');
	count = parse_expect(nd, np, length, &elem, BE_OID, "enterprise!=OID");
	if (count < 0 || asn1_print(nd, &elem) < 0)
		return;
	length -= (unsigned)count;
	np += count;
	nd_putc(nd, ' ');

	count = parse_expect(nd, np, length, &elem, BE_INETADDR, "agent-addr!=INETADDR");
	if (count < 0 || asn1_print(nd, &elem) < 0)
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
	if (count < 0 || asn1_print(nd, &elem) < 0)
		return;
	length -= (unsigned)count;
	np += count;
	varbind_print(nd, TRAP, np, length);
}

static void pdu_print(struct nd *nd, const uint8_t *np, unsigned length, int version)
{
	struct be pdu;
	int count;

	count = asn1_parse(nd, np, length, &pdu);
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
	if (asn1_print(nd, &pdu) < 0)
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
	struct be elem;
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
	if (asn1_print_octets(nd, &elem) < 0)
		return;
	nd_putc(nd, ' ');

	count = parse_expect(nd, np, length, &elem, BE_STR, "contextName!=STR");
	if (count < 0)
		return;
	length -= (unsigned)count;
	np += count;
	nd_puts(nd, "C=");
	if (asn1_print_string(nd, &elem) < 0)
		return;
	nd_putc(nd, ' ');
	pdu_print(nd, np, length, version);
}

static int is_public(struct nd *nd, const struct be *elem)
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
	struct be elem;
	int count;

	count = parse_expect(nd, np, length, &elem, BE_STR, "comm!=STR");
	if (count < 0)
		return;
	if (!is_public(nd, &elem)) {
		nd_puts(nd, "C=");
		if (asn1_print_string(nd, &elem) < 0)
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
	struct be elem;
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
	if (asn1_print_string(nd, &elem) < 0)
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
	struct be elem;
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
	struct be elem;
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

/* print-snmp-ber.c: a bounds-checked BER reader and printer for SNMP, with tcpdump's messages */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-snmp.h"

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

/* See print-snmp.h; the reasons printed are tcpdump's. */
int nd_asn1_parse(struct nd *nd, const uint8_t *p, unsigned len, struct nd_be *elem)
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

int nd_asn1_print_octets(struct nd *nd, const struct nd_be *elem)
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
int nd_asn1_print_string(struct nd *nd, const struct nd_be *elem)
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
		if (nd_printn_upto(nd, p, elem->asnlen)) {
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
static void asn1_print_oid(struct nd *nd, const struct nd_be *elem)
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

int nd_asn1_print(struct nd *nd, const struct nd_be *elem)
{
	const uint8_t *p = elem->data.raw;

	switch (elem->type) {
	case BE_OCTET:
		return nd_asn1_print_octets(nd, elem);
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
		return nd_asn1_print_string(nd, elem);
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

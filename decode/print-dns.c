/* print-dns.c: DNS messages over UDP, TCP and mDNS, printed as tcpdump 4.99 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "nd.h"
#include "print-dns.h"

#define DNS_HDRLEN 12
#define DNS_MAXCDNAME 255

/* The two top bits of a label's length byte say what kind of label it is. */
#define LBL_MASK 0xc0
#define LBL_PLAIN 0x00
#define LBL_EXT 0x40		/* RFC 2671 extended label; only bit labels are known */
#define LBL_RESERVED 0x80
#define LBL_PTR 0xc0
#define LBL_EXT_BITS 0x01

#define T_A 1
#define T_NS 2
#define T_CNAME 5
#define T_SOA 6
#define T_PTR 12
#define T_MX 15
#define T_TXT 16
#define T_AAAA 28
#define T_SRV 33
#define T_A6 38
#define T_DNAME 39
#define T_OPT 41
#define T_UNSPECA 104
#define T_TSIG 250
#define T_URI 256

#define C_IN 1
#define C_TOP_BIT 0x8000	/* mDNS: QU in questions, cache flush in records */

#define F_QR 0x8000
#define F_AA 0x0400
#define F_TC 0x0200
#define F_RD 0x0100
#define F_RA 0x0080
#define F_AD 0x0020
#define F_CD 0x0010
#define F_ODD 0x06cf		/* bits a query should not carry */
#define OPCODE(f) (((f) >> 11) & 0xf)
#define OP_IQUERY 1

static const char *const opcode_names[16] = {
	"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
	" op8", " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit",
	" zoneRef",
};

/* tcpdump's table, including its two entries that lack the leading space. */
static const char *const rcode_names[24] = {
	"", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused", " YXDomain",
	" YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11", " Resp12", " Resp13",
	" Resp14", " NoChange", " BadVers", "Resp17", " Resp18", " Resp19", " Resp20",
	"Resp21", " Resp22", " BadCookie",
};

static const struct nd_tok type_names[] = {
	{ 1, "A" }, { 2, "NS" }, { 3, "MD" }, { 4, "MF" }, { 5, "CNAME" }, { 6, "SOA" },
	{ 7, "MB" }, { 8, "MG" }, { 9, "MR" }, { 10, "NULL" }, { 11, "WKS" }, { 12, "PTR" },
	{ 13, "HINFO" }, { 14, "MINFO" }, { 15, "MX" }, { 16, "TXT" }, { 17, "RP" },
	{ 18, "AFSDB" }, { 19, "X25" }, { 20, "ISDN" }, { 21, "RT" }, { 22, "NSAP" },
	{ 23, "NSAP_PTR" }, { 24, "SIG" }, { 25, "KEY" }, { 26, "PX" }, { 27, "GPOS" },
	{ 28, "AAAA" }, { 29, "LOC" }, { 30, "NXT" }, { 31, "EID" }, { 32, "NIMLOC" },
	{ 33, "SRV" }, { 34, "ATMA" }, { 35, "NAPTR" }, { 36, "KX" }, { 37, "CERT" },
	{ 38, "A6" }, { 39, "DNAME" }, { 40, "SINK" }, { 41, "OPT" }, { 42, "APL" },
	{ 43, "DS" }, { 44, "SSHFP" }, { 45, "IPSECKEY" }, { 46, "RRSIG" }, { 47, "NSEC" },
	{ 48, "DNSKEY" }, { 99, "SPF" }, { 100, "UINFO" }, { 101, "UID" }, { 102, "GID" },
	{ 103, "UNSPEC" }, { 104, "UNSPECA" }, { 249, "TKEY" }, { 250, "TSIG" },
	{ 251, "IXFR" }, { 252, "AXFR" }, { 253, "MAILB" }, { 254, "MAILA" }, { 255, "ANY" },
	{ 256, "URI" }, { 0, NULL },
};

static const struct nd_tok class_names[] = {
	{ 1, "IN" }, { 3, "CHAOS" }, { 4, "HS" }, { 255, "ANY" }, { 0, NULL },
};

static int avail(struct nd *nd, const uint8_t *p, size_t len)
{
	return ND_TTEST_LEN(nd, p, len);
}

/* Prints up to n bytes but not past snapend; 1 if it stopped short. */
static int print_text(struct nd *nd, const uint8_t *s, unsigned n)
{
	for (; n > 0 && s < nd->snapend; n--, s++)
		nd_print_char(nd, GET_U_1(s));
	return n != 0;
}

/* TTL as tcpdump's unsigned_relts_print: "1d2h3m4s". */
static void print_ttl(struct nd *nd, uint32_t secs)
{
	static const char units[] = "ywdhms";
	static const uint32_t span[] = { 31536000, 604800, 86400, 3600, 60, 1 };

	if (!secs) {
		nd_puts(nd, "0s");
		return;
	}
	for (int k = 0; secs; k++) {
		if (secs >= span[k]) {
			nd_printf(nd, "%u%c", secs / span[k], units[k]);
			secs %= span[k];
		}
	}
}

/* Just past the name at cp, or NULL if it can't be walked. */
static const uint8_t *name_skip(struct nd *nd, const uint8_t *cp)
{
	unsigned c;

	if (!avail(nd, cp, 1))
		return NULL;
	for (c = GET_U_1(cp++); c; c = GET_U_1(cp++)) {
		switch (c & LBL_MASK) {
		case LBL_PTR:
			return cp + 1;
		case LBL_EXT: {
			unsigned bits;

			if ((c & ~LBL_MASK) != LBL_EXT_BITS || !avail(nd, cp, 1))
				return NULL;
			bits = GET_U_1(cp++);
			cp += ((bits ? bits : 256) + 7) / 8;
			break;
		}
		case LBL_RESERVED:
			return NULL;
		default:
			cp += c;
			break;
		}
		if (!avail(nd, cp, 1))
			return NULL;
	}
	return cp;
}

/* Bytes taken by the label at cp after its first byte, or -1 (with a marker for bad kinds). */
static int label_len(struct nd *nd, const uint8_t *cp)
{
	unsigned c, bits;

	if (!avail(nd, cp, 1))
		return -1;
	c = GET_U_1(cp);
	switch (c & LBL_MASK) {
	case LBL_EXT:
		if ((c & ~LBL_MASK) != LBL_EXT_BITS) {
			nd_printf(nd, "<ELT %d>", (int)(c & ~LBL_MASK));
			return -1;
		}
		if (!avail(nd, cp + 1, 1))
			return -1;
		bits = GET_U_1(cp + 1);
		return (int)(((bits ? bits : 256) + 7) / 8 + 1);
	case LBL_RESERVED:
		nd_puts(nd, "<BAD LABEL TYPE>");
		return -1;
	default:
		return (int)c;
	}
}

/* An RFC 2673 bit-string label, "\[x<hex>/<bits>]"; cp is at its count byte. */
static int bitlabel_print(struct nd *nd, const uint8_t *cp)
{
	unsigned bits, left;
	const uint8_t *p, *lim;
	uint8_t last;

	if (!avail(nd, cp, 1))
		return -1;
	bits = GET_U_1(cp);
	if (!bits)
		bits = 256;
	/* tcpdump bounds the hex loop by digits, not bytes; keep its limit. */
	lim = cp + 1 + (bits + 3) / 4;
	nd_puts(nd, "\\[x");
	for (p = cp + 1, left = bits; p < lim && left > 7; left -= 8, p++)
		nd_printf(nd, "%02x", GET_U_1(p));
	if (left > 4) {
		last = GET_U_1(p);
		nd_printf(nd, "%02x", last & (0xff << (8 - left)));
	} else if (left > 0) {
		last = GET_U_1(p);
		nd_printf(nd, "%1x", ((last >> 4) & 0x0f) & (0x0f << (4 - left)));
	}
	nd_printf(nd, "/%u]", bits);
	return 0;
}

/*
 * Prints the name at cp; msg is where compression offsets count from.
 * Returns the end of the name where it sits (past the first pointer if
 * compressed), or NULL when it can't be printed whole.
 */
const uint8_t *nd_dns_name_print(struct nd *nd, const uint8_t *cp, const uint8_t *msg)
{
	const uint8_t *end = NULL;
	int jumped = 0, l;
	unsigned c, off, limit, chars = 0;

	l = label_len(nd, cp);
	if (l < 0 || !avail(nd, cp, 1))
		return NULL;
	/* Each pointer must go strictly backwards, which also rules out loops. */
	limit = (unsigned)(cp - msg);
	c = GET_U_1(cp++);
	if ((c & LBL_MASK) != LBL_PTR)
		end = cp + l;
	if (!c) {
		nd_putc(nd, '.');
		return end;
	}
	while (c && cp < nd->snapend) {
		switch (c & LBL_MASK) {
		case LBL_PTR:
			if (!jumped) {
				end = cp + 1;
				jumped = 1;
			}
			if (!avail(nd, cp, 1))
				return NULL;
			off = ((c << 8) | GET_U_1(cp)) & 0x3fff;
			if (off >= limit) {
				nd_puts(nd, "<BAD PTR>");
				return NULL;
			}
			limit = off;
			cp = msg + off;
			if (!avail(nd, cp, 1))
				return NULL;
			c = GET_U_1(cp);
			l = label_len(nd, cp);
			if (l < 0)
				return NULL;
			cp++;
			continue;
		case LBL_EXT:
			if ((c & ~LBL_MASK) != LBL_EXT_BITS) {
				nd_printf(nd, "<ELT %u>", c & ~LBL_MASK);
				return NULL;
			}
			if (bitlabel_print(nd, cp) < 0)
				return NULL;
			break;
		case LBL_RESERVED:
			nd_puts(nd, "<BAD LABEL TYPE>");
			return NULL;
		default:
			/* Past 255 characters the rest is left out, then flagged. */
			if (chars + (unsigned)l <= DNS_MAXCDNAME) {
				if (print_text(nd, cp, (unsigned)l))
					return NULL;
			} else if (chars < DNS_MAXCDNAME) {
				if (print_text(nd, cp, DNS_MAXCDNAME - chars))
					return NULL;
			}
			chars += (unsigned)l;
			break;
		}
		cp += l;
		if (chars <= DNS_MAXCDNAME)
			nd_putc(nd, '.');
		chars++;
		if (!avail(nd, cp, 1))
			return NULL;
		c = GET_U_1(cp);
		l = label_len(nd, cp);
		if (l < 0)
			return NULL;
		cp++;
		if (!jumped)
			end += l + 1;
	}
	if (chars > DNS_MAXCDNAME)
		nd_puts(nd, "<DOMAIN NAME TOO LONG>");
	return end;
}

/* A length-prefixed <character-string>. */
static const uint8_t *charstr_print(struct nd *nd, const uint8_t *cp)
{
	unsigned n;

	if (!avail(nd, cp, 1))
		return NULL;
	n = GET_U_1(cp++);
	if (print_text(nd, cp, n))
		return NULL;
	return cp + n;
}

static void class_print(struct nd *nd, unsigned class)
{
	char buf[24];

	nd_putc(nd, ' ');
	nd_puts(nd, nd_tok2str(class_names, "(Class %u)", class, buf, sizeof(buf)));
}

static void type_print(struct nd *nd, unsigned type)
{
	char buf[16];

	nd_putc(nd, ' ');
	nd_puts(nd, nd_tok2str(type_names, "Type%u", type, buf, sizeof(buf)));
}

/* A question: " A? name."; returns what follows it. */
static const uint8_t *question_print(struct nd *nd, const uint8_t *cp, const uint8_t *msg,
				     int mdns)
{
	const uint8_t *name = cp, *end;
	unsigned class;

	cp = name_skip(nd, cp);
	if (!cp || !avail(nd, cp, 4))
		return NULL;
	type_print(nd, GET_BE_U_2(cp));
	class = GET_BE_U_2(cp + 2);
	if ((mdns ? class & ~C_TOP_BIT : class) != C_IN)
		class_print(nd, mdns ? class & ~C_TOP_BIT : class);
	if (mdns)
		nd_puts(nd, class & C_TOP_BIT ? " (QU)" : " (QM)");
	nd_puts(nd, "? ");
	end = nd_dns_name_print(nd, name, msg);
	return end ? end + 4 : NULL;
}

static int soa_print(struct nd *nd, const uint8_t *cp, const uint8_t *msg)
{
	nd_putc(nd, ' ');
	cp = nd_dns_name_print(nd, cp, msg);
	if (!cp)
		return -1;
	nd_putc(nd, ' ');
	cp = nd_dns_name_print(nd, cp, msg);
	if (!cp || !avail(nd, cp, 20))
		return -1;
	for (int k = 0; k < 5; k++)
		nd_printf(nd, " %u", GET_BE_U_4(cp + 4 * k));
	return 0;
}

static int a6_print(struct nd *nd, const uint8_t *cp, const uint8_t *msg)
{
	uint8_t addr[16] = { 0 };
	char buf[INET6_ADDRSTRLEN];
	unsigned plen, skip;

	if (!avail(nd, cp, 1))
		return -1;
	plen = GET_U_1(cp);
	skip = (plen & ~7u) / 8;
	if (plen > 128) {
		nd_printf(nd, " %u(bad plen)", plen);
		return 0;
	}
	if (plen < 128) {
		ND_TCHECK_LEN(nd, cp + 1, 16 - skip);
		for (unsigned k = skip; k < 16; k++)
			addr[k] = GET_U_1(cp + 1 + k - skip);
		inet_ntop(AF_INET6, addr, buf, sizeof(buf));
		nd_printf(nd, " %u %s", plen, buf);
	}
	if (plen > 0) {
		nd_putc(nd, ' ');
		if (!nd_dns_name_print(nd, cp + 1 + 16 - skip, msg))
			return -1;
	}
	return 0;
}

static int tsig_print(struct nd *nd, const uint8_t *cp, const uint8_t *msg)
{
	nd_putc(nd, ' ');
	cp = nd_dns_name_print(nd, cp, msg);
	if (!cp)
		return -1;
	cp += 6;		/* the 48-bit signing time is not shown */
	if (!avail(nd, cp, 2))
		return -1;
	nd_printf(nd, " fudge=%u", GET_BE_U_2(cp));
	cp += 2;
	if (!avail(nd, cp, 2))
		return -1;
	nd_printf(nd, " maclen=%u", GET_BE_U_2(cp));
	cp += 2 + GET_BE_U_2(cp);	/* past the MAC */
	if (!avail(nd, cp, 2))
		return -1;
	nd_printf(nd, " origid=%u", GET_BE_U_2(cp));
	cp += 2;
	if (!avail(nd, cp, 2))
		return -1;
	nd_printf(nd, " error=%u", GET_BE_U_2(cp));
	cp += 2;
	if (!avail(nd, cp, 2))
		return -1;
	nd_printf(nd, " otherlen=%u", GET_BE_U_2(cp));
	return 0;
}

/* The RDATA of one record of type type and length len at cp; -1 if cut short. */
static int rdata_print(struct nd *nd, unsigned type, unsigned class, unsigned opt_flags,
		       const uint8_t *cp, unsigned len, const uint8_t *msg)
{
	const uint8_t *end = cp + len;
	char buf[INET6_ADDRSTRLEN];

	switch (type) {
	case T_A:
		if (!avail(nd, cp, 4))
			return -1;
		nd_putc(nd, ' ');
		nd_puts(nd, nd_ipaddr_string(nd, cp));
		break;
	case T_NS:
	case T_CNAME:
	case T_PTR:
	case T_DNAME:
		nd_putc(nd, ' ');
		if (!nd_dns_name_print(nd, cp, msg))
			return -1;
		break;
	case T_SOA:
		if (nd->o.vflag && soa_print(nd, cp, msg) < 0)
			return -1;
		break;
	case T_MX:
		nd_putc(nd, ' ');
		if (!avail(nd, cp, 2) || !nd_dns_name_print(nd, cp + 2, msg))
			return -1;
		nd_printf(nd, " %u", GET_BE_U_2(cp));
		break;
	case T_TXT:
		while (cp < end) {
			nd_puts(nd, " \"");
			cp = charstr_print(nd, cp);
			if (!cp)
				return -1;
			nd_putc(nd, '"');
		}
		break;
	case T_SRV:
		nd_putc(nd, ' ');
		if (!avail(nd, cp, 6) || !nd_dns_name_print(nd, cp + 6, msg))
			return -1;
		nd_printf(nd, ":%u %u %u", GET_BE_U_2(cp + 4), GET_BE_U_2(cp), GET_BE_U_2(cp + 2));
		break;
	case T_AAAA:
		if (!avail(nd, cp, 16))
			return -1;
		/* Our helper formats as inet_ntop does; so does tcpdump's. */
		inet_ntop(AF_INET6, cp, buf, sizeof(buf));
		nd_printf(nd, " %s", buf);
		break;
	case T_A6:
		return a6_print(nd, cp, msg);
	case T_URI:
		if (!avail(nd, cp, len))
			return -1;
		nd_printf(nd, " %u %u ", GET_BE_U_2(cp), GET_BE_U_2(cp + 2));
		if (print_text(nd, cp + 4, len - 4))
			return -1;
		break;
	case T_OPT:
		nd_printf(nd, " UDPsize=%u", class);
		if (opt_flags & 0x8000)
			nd_puts(nd, " DO");
		if (cp >= end)
			break;
		nd_puts(nd, " [");
		while (cp < end) {
			cp = nd_dns_edns_opt_print(nd, cp);
			if (!cp)
				return -1;
			if (cp < end)
				nd_putc(nd, ',');
		}
		nd_putc(nd, ']');
		break;
	case T_UNSPECA:
		if (!avail(nd, cp, len) || print_text(nd, cp, len))
			return -1;
		break;
	case T_TSIG:
		if (end > nd->snapend)
			return -1;
		if (nd->o.vflag && tsig_print(nd, cp, msg) < 0)
			return -1;
		break;
	default:
		break;
	}
	return 0;
}

/*
 * One resource record; returns what follows it, NULL when it is cut
 * short, or snapend (as tcpdump does) when even its fixed part is missing.
 */
static const uint8_t *rr_print(struct nd *nd, const uint8_t *cp, const uint8_t *msg, int mdns)
{
	unsigned type, rawclass, class, opt_flags = 0, len;
	const uint8_t *next;

	if (nd->o.vflag) {
		nd_putc(nd, ' ');
		cp = nd_dns_name_print(nd, cp, msg);
		if (!cp)
			return NULL;
	} else {
		cp = name_skip(nd, cp);
	}
	if (!cp || !avail(nd, cp, 10))
		return nd->snapend;
	type = GET_BE_U_2(cp);
	rawclass = GET_BE_U_2(cp + 2);
	class = mdns ? rawclass & ~C_TOP_BIT : rawclass;
	if (class != C_IN && type != T_OPT)
		class_print(nd, class);
	if (mdns && (rawclass & C_TOP_BIT))
		nd_puts(nd, " (Cache flush)");
	if (type == T_OPT) {
		opt_flags = GET_BE_U_2(cp + 6);
	} else if (nd->o.vflag > 2) {
		nd_puts(nd, " [");
		print_ttl(nd, GET_BE_U_4(cp + 4));
		nd_putc(nd, ']');
	}
	len = GET_BE_U_2(cp + 8);
	cp += 10;
	next = cp + len;
	type_print(nd, type);
	if (next > nd->snapend)
		return NULL;
	if (rdata_print(nd, type, class, opt_flags, cp, len, msg) < 0)
		return NULL;
	return next;
}

/*
 * count records from *cpp, the first one after label; the rest comma
 * separated while the capture lasts. Returns -1 if any is left unprinted.
 */
static int section_print(struct nd *nd, const uint8_t **cpp, unsigned count, const char *label,
			 const uint8_t *msg, int mdns)
{
	const uint8_t *cp = *cpp;

	if (count && (!label || cp < nd->snapend)) {
		if (label)
			nd_puts(nd, label);
		for (;;) {
			cp = rr_print(nd, cp, msg, mdns);
			if (!cp)
				return -1;
			count--;
			if (!count || cp >= nd->snapend)
				break;
			nd_putc(nd, ',');
		}
	}
	*cpp = cp;
	return count ? -1 : 0;
}

/* The rcode widened by the OPT record's extended bits, looked for as tcpdump does. */
static unsigned full_rcode(struct nd *nd, const uint8_t *msg, unsigned flags, unsigned qd,
			   unsigned an, unsigned ns, unsigned ar)
{
	const uint8_t *cp = msg + DNS_HDRLEN, *end = nd->snapend;
	unsigned rcode = flags & 0xf, k;

	for (k = 0; k < qd; k++) {
		cp = name_skip(nd, cp);
		if (!cp)
			return rcode;
		cp += 4;
		if (cp >= end)
			return rcode;
	}
	for (k = 0; k < an + ns; k++) {
		cp = name_skip(nd, cp);
		if (!cp)
			return rcode;
		cp += 8;
		if (cp + 2 > end)
			return rcode;
		cp += 2 + GET_BE_U_2(cp);
		if (cp >= end)
			return rcode;
	}
	for (k = 0; k < ar; k++) {
		unsigned type;

		cp = name_skip(nd, cp);
		if (!cp || cp + 2 > end)
			return rcode;
		type = GET_BE_U_2(cp);
		cp += 4;
		if (cp + 1 > end)
			return rcode;
		if (type == T_OPT)
			return rcode | (unsigned)GET_U_1(cp) << 4;
		cp += 4;
		if (cp + 2 > end)
			return rcode;
		cp += 2 + GET_BE_U_2(cp);
		if (cp >= end)
			return rcode;
	}
	return rcode;
}

static void rcode_print(struct nd *nd, unsigned rcode)
{
	if (rcode < sizeof(rcode_names) / sizeof(rcode_names[0]))
		nd_puts(nd, rcode_names[rcode]);
	else
		nd_printf(nd, " Resp%u", rcode & 0xfff);
}

static int response_print(struct nd *nd, const uint8_t *msg, unsigned flags, unsigned rcode,
			  unsigned qd, unsigned an, unsigned ns, unsigned ar, int mdns)
{
	const uint8_t *cp = msg + DNS_HDRLEN;

	/* Every DNS packet passes here: puts and putu, not printf. */
	nd_putu(nd, GET_BE_U_2(msg));
	nd_puts(nd, opcode_names[OPCODE(flags)]);
	rcode_print(nd, rcode);
	if (flags & F_AA)
		nd_putc(nd, '*');
	if (!(flags & F_RA))
		nd_putc(nd, '-');
	if (flags & F_TC)
		nd_putc(nd, '|');
	if (flags & F_AD)
		nd_putc(nd, '$');
	if (qd != 1)
		nd_printf(nd, " [%uq]", qd);
	for (unsigned k = 0; k < qd; k++) {
		if (k)
			nd_putc(nd, ',');
		if (nd->o.vflag > 1) {
			nd_puts(nd, " q:");
			cp = question_print(nd, cp, msg, mdns);
		} else {
			cp = name_skip(nd, cp);
			if (cp)
				cp += 4;
		}
		if (!cp)
			return -1;
	}
	nd_putc(nd, ' ');
	nd_putu(nd, an);
	nd_putc(nd, '/');
	nd_putu(nd, ns);
	nd_putc(nd, '/');
	nd_putu(nd, ar);
	if (section_print(nd, &cp, an, NULL, msg, mdns) < 0)
		return -1;
	if (nd->o.vflag > 1 && (section_print(nd, &cp, ns, " ns:", msg, mdns) < 0 ||
				section_print(nd, &cp, ar, " ar:", msg, mdns) < 0))
		return -1;
	return 0;
}

static int query_print(struct nd *nd, const uint8_t *msg, unsigned flags, unsigned qd,
		       unsigned an, unsigned ns, unsigned ar, int mdns)
{
	const uint8_t *cp = msg + DNS_HDRLEN;

	nd_putu(nd, GET_BE_U_2(msg));
	nd_puts(nd, opcode_names[OPCODE(flags)]);
	if (flags & F_RD)
		nd_putc(nd, '+');
	if (flags & F_CD)
		nd_putc(nd, '%');
	if (flags & F_ODD)
		nd_printf(nd, " [b2&3=0x%x]", flags);
	if (OPCODE(flags) == OP_IQUERY) {
		if (qd)
			nd_printf(nd, " [%uq]", qd);
		if (an != 1)
			nd_printf(nd, " [%ua]", an);
	} else {
		if (an)
			nd_printf(nd, " [%ua]", an);
		if (qd != 1)
			nd_printf(nd, " [%uq]", qd);
	}
	if (ns)
		nd_printf(nd, " [%un]", ns);
	if (ar)
		nd_printf(nd, " [%uau]", ar);
	/* Questions follow one another with no separator. */
	if (qd) {
		do {
			cp = question_print(nd, cp, msg, mdns);
			if (!cp)
				return -1;
			qd--;
		} while (qd && cp < nd->snapend);
	}
	if (qd)
		return -1;
	if (nd->o.vflag > 1 && (section_print(nd, &cp, an, NULL, msg, mdns) < 0 ||
				section_print(nd, &cp, ns, " ns:", msg, mdns) < 0 ||
				section_print(nd, &cp, ar, " ar:", msg, mdns) < 0))
		return -1;
	return 0;
}

void nd_dns_print(struct nd *nd, const uint8_t *bp, unsigned length, int over_tcp, int mdns)
{
	unsigned flags, qd, an, ns, ar, rcode;
	int rc;

	nd->protocol = "domain";
	if (over_tcp) {
		/* RFC 1035 4.2.2: a two-byte length, not counting itself, leads the message. */
		if (length < 2) {
			nd_printf(nd, " [DNS over TCP: length %u < 2]", length);
			nd_print_invalid(nd);
			return;
		}
		length -= 2;
		if (GET_BE_U_2(bp) != length) {
			nd_printf(nd, " [prefix length(%u) != length(%u)]", GET_BE_U_2(bp), length);
			nd_print_invalid(nd);
			return;
		}
		bp += 2;
		nd_putc(nd, ' ');
	}
	if (length < DNS_HDRLEN) {
		nd_printf(nd, "domain [length %u < %u]", length, DNS_HDRLEN);
		nd_print_invalid(nd);
		return;
	}
	/* tcpdump checks the header without a longjmp: -x then dumps from the IP header. */
	if (!avail(nd, bp, DNS_HDRLEN)) {
		nd_print_trunc(nd);
		return;
	}
	flags = GET_BE_U_2(bp + 2);
	qd = GET_BE_U_2(bp + 4);
	an = GET_BE_U_2(bp + 6);
	ns = GET_BE_U_2(bp + 8);
	ar = GET_BE_U_2(bp + 10);
	rcode = full_rcode(nd, bp, flags, qd, an, ns, ar);
	if (flags & F_QR)
		rc = response_print(nd, bp, flags, rcode, qd, an, ns, ar, mdns);
	else
		rc = query_print(nd, bp, flags, qd, an, ns, ar, mdns);
	if (rc < 0) {
		nd_print_trunc(nd);
	} else {
		nd_puts(nd, " (");
		nd_putu(nd, length);
		nd_putc(nd, ')');
	}
}

/* print-esis.c: the other OSI network protocols next to IS-IS: CLNP (ISO 8473) and ES-IS (ISO 9542) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-isis.h"

#define CLNP_HDRLEN 9
#define ESIS_HDRLEN 9

static const struct nd_tok clnp_pdus[] = {
	{ 1, "Error Report" }, { 29, "MD" }, { 28, "Data" }, { 30, "Echo Request" },
	{ 31, "Echo Response" }, { 0, NULL },
};

static const struct nd_tok clnp_flags[] = {
	{ 0x80, "Segmentation permitted" }, { 0x40, "more Segments" },
	{ 0x20, "request Error Report" }, { 0, NULL },
};

static const struct nd_tok clnp_option_names[] = {
	{ 193, "Discard Reason" }, { 205, "Priority" }, { 195, "QoS Maintenance" },
	{ 197, "Security" }, { 200, "Source Routing" }, { 203, "Route Recording" },
	{ 204, "Padding" }, { 0, NULL },
};

static const struct nd_tok rfd_classes[] = {
	{ 0x0, "General" }, { 0x8, "Address" }, { 0x9, "Source Routeing" }, { 0xa, "Lifetime" },
	{ 0xb, "PDU Discarded" }, { 0xc, "Reassembly" }, { 0, NULL },
};

static const struct nd_tok rfd_general[] = {
	{ 0x0, "Reason not specified" }, { 0x1, "Protocol procedure error" },
	{ 0x2, "Incorrect checksum" }, { 0x3, "PDU discarded due to congestion" },
	{ 0x4, "Header syntax error (cannot be parsed)" },
	{ 0x5, "Segmentation needed but not permitted" }, { 0x6, "Incomplete PDU received" },
	{ 0x7, "Duplicate option" }, { 0, NULL },
};

static const struct nd_tok rfd_address[] = {
	{ 0x0, "Destination address unreachable" }, { 0x1, "Destination address unknown" },
	{ 0, NULL },
};

static const struct nd_tok rfd_srcroute[] = {
	{ 0x0, "Unspecified source routeing error" },
	{ 0x1, "Syntax error in source routeing field" },
	{ 0x2, "Unknown address in source routeing field" }, { 0x3, "Path not acceptable" },
	{ 0, NULL },
};

static const struct nd_tok rfd_lifetime[] = {
	{ 0x0, "Lifetime expired while data unit in transit" },
	{ 0x1, "Lifetime expired during reassembly" }, { 0, NULL },
};

static const struct nd_tok rfd_discard[] = {
	{ 0x0, "Unsupported option not specified" }, { 0x1, "Unsupported protocol version" },
	{ 0x2, "Unsupported security option" }, { 0x3, "Unsupported source routeing option" },
	{ 0x4, "Unsupported recording of route option" }, { 0, NULL },
};

static const struct nd_tok rfd_reassembly[] = { { 0x0, "Reassembly interference" }, { 0, NULL } };

static const struct nd_tok empty_tok[] = { { 0, NULL } };

static const struct nd_tok *const rfd_errors[16] = {
	rfd_general, NULL, NULL, NULL, NULL, NULL, NULL, NULL, rfd_address, rfd_srcroute,
	rfd_lifetime, rfd_discard, rfd_reassembly, NULL, NULL, NULL,
};

static const struct nd_tok scopes[] = {
	{ 0x40, "Source Address Specific" }, { 0x80, "Destination Address Specific" },
	{ 0xc0, "Globally unique" }, { 0, NULL },
};

static const struct nd_tok sr_rr[] = { { 0x0, "partial" }, { 0x1, "complete" }, { 0, NULL } };

static const struct nd_tok sr_rr_names[] = {
	{ 200, "source routing" }, { 203, "recording of route in progress" }, { 0, NULL },
};

static const struct nd_tok qos_global[] = {
	{ 0x20, "reserved" }, { 0x10, "sequencing vs. delay" }, { 0x08, "congested" },
	{ 0x04, "delay vs. cost" }, { 0x02, "error vs. delay" }, { 0x01, "error vs. cost" },
	{ 0, NULL },
};

static const struct nd_tok esis_pdus[] = {
	{ 6, "redirect" }, { 2, "ESH" }, { 4, "ISH" }, { 0, NULL },
};

static const struct nd_tok esis_options[] = {
	{ 129, "Protocols supported" }, { 195, "QoS Maintenance" }, { 197, "Security" },
	{ 198, "ES Configuration Time" }, { 205, "Priority" }, { 225, "Addressk Mask" },
	{ 226, "SNPA Mask" }, { 0, NULL },
};

/* ---- CLNP ---- */

/* What an option printer returns besides 0: the PDU is to be dumped (tcpdump's return 0). */
#define CLNP_BAD (-1)

static int bad_opt_len(struct nd *nd)
{
	nd_puts(nd, ", bad opt len");
	return CLNP_BAD;
}

/* Source routing and route recording: the NSAPs after the offset. */
static int opt_route(struct nd *nd, unsigned op, const uint8_t *p, unsigned tlen)
{
	char b1[24], b2[48], nb[64];
	unsigned off, alen;

	if (tlen < 2)
		return bad_opt_len(nd);
	nd_printf(nd, "%s %s", nd_tok2str(sr_rr, "Unknown", GET_U_1(p), b1, sizeof(b1)),
		  nd_tok2str(sr_rr_names, "Unknown Option %u", op, b2, sizeof(b2)));
	off = GET_U_1(p + 1);
	if (off == 0) {
		nd_puts(nd, " Bad NSAP offset (0)");
		return 0;
	}
	off -= 1;
	if (off > tlen) {
		nd_puts(nd, " Bad NSAP offset (past end of option)");
		return 0;
	}
	p += off;
	tlen -= off;
	while (tlen > 0) {
		alen = GET_U_1(p);
		if (tlen < alen + 1) {
			nd_puts(nd, "\n\t    NSAP address goes past end of option");
			break;
		}
		/* tcpdump never advances p here: each entry is the first one again */
		if (alen > 0)
			nd_printf(nd, "\n\t    NSAP address (length %u): %s", alen,
				  nd_isonsap(nd, p + 1, alen, nb));
		tlen -= alen + 1;
	}
	return 0;
}

static int opt_discard(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned e, major, minor;
	const struct nd_tok *t;
	char b1[24], b2[64];

	if (tlen < 1)
		return bad_opt_len(nd);
	e = GET_U_1(p);
	major = (e & 0xf0) >> 4;
	minor = e & 0x0f;
	t = rfd_errors[major] ? rfd_errors[major] : empty_tok;
	nd_printf(nd, "\n\t    Class: %s Error (0x%01x), %s (0x%01x)",
		  nd_tok2str(rfd_classes, "Unknown", major, b1, sizeof(b1)), major,
		  nd_tok2str(t, "Unknown", minor, b2, sizeof(b2)), minor);
	return 0;
}

static int opt_qos(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	char b1[48], b2[128];

	if (tlen < 1)
		return bad_opt_len(nd);
	nd_printf(nd, "\n\t    Format Code: %s",
		  nd_tok2str(scopes, "Reserved", GET_U_1(p) & 0xc0, b1, sizeof(b1)));
	if ((GET_U_1(p) & 0xc0) == 0xc0)
		nd_printf(nd, "\n\t    QoS Flags [%s]",
			  nd_bittok2str(qos_global, "none", GET_U_1(p) & 0x3f, ", ", b2, sizeof(b2)));
	return 0;
}

static int clnp_option(struct nd *nd, unsigned op, const uint8_t *p, unsigned tlen)
{
	char b1[48];

	switch (op) {
	case 203:
	case 200:
		return opt_route(nd, op, p, tlen);
	case 205:
		if (tlen < 1)
			return bad_opt_len(nd);
		nd_printf(nd, "0x%1x", GET_U_1(p) & 0x0f);
		return 0;
	case 195:
		return opt_qos(nd, p, tlen);
	case 197:
		if (tlen < 2)
			return bad_opt_len(nd);
		nd_printf(nd, "\n\t    Format Code: %s, Security-Level %u",
			  nd_tok2str(scopes, "Reserved", GET_U_1(p) & 0xc0, b1, sizeof(b1)),
			  GET_U_1(p + 1));
		return 0;
	case 193:
		return opt_discard(nd, p, tlen);
	case 204:
		nd_puts(nd, "padding data");
		return 0;
	}
	nd_print_unknown_data(nd, p, "\n\t  ", tlen);
	return 0;
}

/* The options up to the header's end; 0 done, CLNP_BAD dump, 1 truncated (printed). */
static int clnp_options(struct nd *nd, const uint8_t **pp, unsigned li)
{
	const uint8_t *p = *pp;
	unsigned op, opli;
	char b1[32];

	while (li != 0) {
		if (li < 2) {
			nd_puts(nd, ", bad opts/li");
			return CLNP_BAD;
		}
		op = GET_U_1(p);
		opli = GET_U_1(p + 1);
		p += 2;
		li -= 2;
		if (opli > li) {
			nd_printf(nd, ", opt (%u) too long", op);
			return CLNP_BAD;
		}
		if (!ND_TTEST_LEN(nd, p, opli)) {
			nd_print_trunc(nd);
			return 1;
		}
		li -= opli;
		nd_printf(nd, "\n\t  %s Option #%u, length %u, value: ",
			  nd_tok2str(clnp_option_names, "Unknown", op, b1, sizeof(b1)), op, opli);
		if (clnp_option(nd, op, p, opli) < 0)
			return CLNP_BAD;
		if (nd->o.vflag > 1)
			nd_print_unknown_data(nd, p, "\n\t  ", opli);
		p += opli;
	}
	*pp = p;
	return 0;
}

/* The fixed part and both addresses; returns the address lengths' sum consumed, -1 to dump. */
static int clnp_addrs(struct nd *nd, const uint8_t *p, unsigned li_rem, const uint8_t **dst,
		      unsigned *dl, const uint8_t **src, unsigned *sl)
{
	static const char msg[] = "li < size of fixed part of CLNP header and addresses";

	if (li_rem < 1)
		goto bad;
	*dl = GET_U_1(p);
	li_rem--;
	if (li_rem < *dl)
		goto bad;
	if (!ND_TTEST_LEN(nd, p + 1, *dl))
		return -2;
	*dst = p + 1;
	li_rem -= *dl;
	if (li_rem < 1)
		goto bad;
	*sl = GET_U_1(p + 1 + *dl);
	li_rem--;
	if (li_rem < *sl)
		goto bad;
	if (!ND_TTEST_LEN(nd, p + 2 + *dl, *sl))
		return -2;
	*src = p + 2 + *dl;
	return (int)(2 + *dl + *sl);
bad:
	nd_puts(nd, msg);
	return -1;
}

static void clnp_verbose_hdr(struct nd *nd, const uint8_t *h, unsigned type, unsigned flags)
{
	char b1[24], b2[96];

	nd_printf(nd, "\n\t%s PDU, hlen: %u, v: %u, lifetime: %u.%us, Segment PDU length: %u, checksum: 0x%04x",
		  nd_tok2str(clnp_pdus, "unknown (%u)", type, b1, sizeof(b1)), GET_U_1(h + 1),
		  GET_U_1(h + 2), GET_U_1(h + 3) / 2, (GET_U_1(h + 3) % 2) * 5, GET_BE_U_2(h + 5),
		  GET_BE_U_2(h + 7));
	nd_osi_print_cksum(nd, h, GET_BE_U_2(h + 7), 7, GET_U_1(h + 1));
	nd_printf(nd, "\n\tFlags [%s]", nd_bittok2str(clnp_flags, "none", flags, ", ", b2, sizeof(b2)));
}

/* The data after the header: an Error Report's (or Echo Response's) original PDU, else hex. */
static void clnp_data(struct nd *nd, const uint8_t *optr, const uint8_t *p, unsigned type,
		      unsigned length, unsigned li)
{
	unsigned used = (unsigned)(p - optr);

	if ((type == 1 || type == 31) && GET_U_1(p) == 0x81) {
		nd_puts(nd, "\n\t-----original packet-----\n\t");
		nd_clnp_print(nd, p, length - li);
		return;
	}
	if (length > used) {
		nd_printf(nd, "\n\t  undecoded non-header data, length %u", length - li);
		nd_print_unknown_data(nd, p, "\n\t  ", length - used);
	}
}

static int clnp_short(struct nd *nd, const uint8_t *p, unsigned li)
{
	nd_printf(nd, " length indicator %u < min PDU size:", li);
	for (; p < nd->snapend; p++)
		nd_printf(nd, "%02X", GET_U_1(p));
	return 0;
}

int nd_clnp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	const uint8_t *optr = p, *dst, *src;
	unsigned li, li_rem, type, flags, dl, sl;
	char b1[64], b2[64], b3[24];
	int n;

	nd->protocol = "clnp";
	if (!ND_TTEST_LEN(nd, p, CLNP_HDRLEN))
		goto trunc;
	li = GET_U_1(p + 1);
	if (!nd->o.eflag)
		nd_puts(nd, "CLNP");
	if (GET_U_1(p + 2) != 1) {
		nd_printf(nd, "version %u packet not supported", GET_U_1(p + 2));
		return 0;
	}
	if (li > length) {
		nd_printf(nd, " length indicator(%u) > PDU size (%u)!", li, length);
		return 0;
	}
	if (li < CLNP_HDRLEN)
		return clnp_short(nd, p, li);
	type = GET_U_1(p + 4) & 0x1f;
	flags = GET_U_1(p + 4) & 0xe0;
	n = clnp_addrs(nd, p + CLNP_HDRLEN, li - CLNP_HDRLEN, &dst, &dl, &src, &sl);
	if (n == -2)
		goto trunc;
	if (n < 0)
		return 0;
	p += CLNP_HDRLEN + (unsigned)n;
	li_rem = li - CLNP_HDRLEN - (unsigned)n;
	if (nd->o.vflag < 1) {
		nd_printf(nd, "%s%s > %s, %s, length %u", nd->o.eflag ? "" : ", ",
			  nd_isonsap(nd, src, sl, b1), nd_isonsap(nd, dst, dl, b2),
			  nd_tok2str(clnp_pdus, "unknown (%u)", type, b3, sizeof(b3)), length);
		return 1;
	}
	nd_printf(nd, "%slength %u", nd->o.eflag ? "" : ", ", length);
	clnp_verbose_hdr(nd, optr, type, flags);
	nd_printf(nd, "\n\tsource address (length %u): %s\n\tdest   address (length %u): %s", sl,
		  nd_isonsap(nd, src, sl, b1), dl, nd_isonsap(nd, dst, dl, b2));
	if (flags & 0x80) {
		if (li_rem < 6) {
			nd_puts(nd, "li < size of fixed part of CLNP header, addresses, and segment part");
			return 0;
		}
		if (!ND_TTEST_LEN(nd, p, 6))
			goto trunc;
		nd_printf(nd, "\n\tData Unit ID: 0x%04x, Segment Offset: %u, Total PDU Length: %u",
			  GET_BE_U_2(p), GET_BE_U_2(p + 2), GET_BE_U_2(p + 4));
		p += 6;
		li_rem -= 6;
	}
	n = clnp_options(nd, &p, li_rem);
	if (n == CLNP_BAD)
		return 0;
	if (n == 0)
		clnp_data(nd, optr, p, type, length, li);
	return 1;
trunc:
	nd_print_trunc(nd);
	return 1;
}

/* ---- ES-IS ---- */

/* An address of one length byte and its bytes, within li; NULL with *bad set if it does not fit. */
static const uint8_t *esis_addr(struct nd *nd, const uint8_t **pp, unsigned *li, unsigned *len,
				int *bad)
{
	const uint8_t *p = *pp, *a;

	*bad = 0;
	if (!ND_TTEST_LEN(nd, p, 1)) {
		*bad = 2;
		return NULL;
	}
	if (*li < 1) {
		*bad = 1;
		return NULL;
	}
	*len = GET_U_1(p);
	p++;
	(*li)--;
	if (!ND_TTEST_LEN(nd, p, *len)) {
		*bad = 2;
		return NULL;
	}
	if (*li < *len) {
		*bad = 1;
		return NULL;
	}
	a = p;
	*pp = p + *len;
	*li -= *len;
	return a;
}

static void snpa_print(struct nd *nd, const uint8_t *s, unsigned len)
{
	nd_printf(nd, "\n\t  SNPA (length: %u): ", len);
	if (len == 6) {
		nd_puts(nd, nd_etheraddr_string(nd, s));
	} else if (len == 0) {
		nd_puts(nd, "<empty>");
	} else {
		ND_TCHECK_LEN(nd, s, len);
		for (unsigned i = 0; i < len; i++)
			nd_printf(nd, "%s%02x", i ? ":" : "", GET_U_1(s + i));
	}
}

/* A redirect: destination, SNPA and NET; -1 bad length (printed), -2 truncated. */
static int esis_redirect(struct nd *nd, const uint8_t **pp, unsigned *li)
{
	const uint8_t *dst, *snpa, *neta;
	unsigned dl, sl, nl;
	char buf[64];
	int bad;

	dst = esis_addr(nd, pp, li, &dl, &bad);
	if (!dst)
		goto out;
	nd_printf(nd, "\n\t  %s", nd_isonsap(nd, dst, dl, buf));
	snpa = esis_addr(nd, pp, li, &sl, &bad);
	if (!snpa)
		goto out;
	/* The NET by hand: tcpdump does not count its length byte against li. */
	bad = 2;
	if (!ND_TTEST_LEN(nd, *pp, 1))
		goto out;
	bad = 1;
	if (*li < 1)
		goto out;
	nl = GET_U_1(*pp);
	neta = *pp + 1;
	bad = 2;
	if (!ND_TTEST_LEN(nd, neta, nl))
		goto out;
	bad = 1;
	if (*li < nl)
		goto out;
	*pp = neta + nl;
	*li -= nl;
	snpa_print(nd, snpa, sl);
	if (nl != 0)
		nd_printf(nd, "\n\t  NET (length: %u) %s", nl, nd_isonsap(nd, neta, nl, buf));
	return 0;
out:
	if (bad == 1)
		nd_puts(nd, ", bad redirect/li");
	return -bad;
}

static int esis_esh(struct nd *nd, const uint8_t **pp, unsigned *li)
{
	const uint8_t *a;
	unsigned n, len;
	char buf[64];
	int bad;

	if (!ND_TTEST_LEN(nd, *pp, 1))
		return -2;
	if (*li < 1)
		goto bad_li;
	n = GET_U_1(*pp);
	(*pp)++;
	(*li)--;
	nd_printf(nd, "\n\t  Number of Source Addresses: %u", n);
	for (; n > 0; n--) {
		a = esis_addr(nd, pp, li, &len, &bad);
		if (!a) {
			if (bad == 2)
				return -2;
			goto bad_li;
		}
		nd_printf(nd, "\n\t  NET (length: %u): %s", len, nd_isonsap(nd, a, len, buf));
	}
	return 0;
bad_li:
	nd_puts(nd, ", bad esh/li");
	return -1;
}

static int esis_ish(struct nd *nd, const uint8_t **pp, unsigned *li)
{
	const uint8_t *a;
	unsigned len;
	char buf[64];
	int bad;

	a = esis_addr(nd, pp, li, &len, &bad);
	if (!a) {
		if (bad == 1)
			nd_puts(nd, ", bad ish/li");
		return -bad;
	}
	nd_printf(nd, "\n\t  NET (length: %u): %s", len, nd_isonsap(nd, a, len, buf));
	return 0;
}

/* The options after the addresses; -2 if truncated. */
static int esis_options_print(struct nd *nd, const uint8_t *p, unsigned li)
{
	unsigned op, opli;
	char b1[32], b2[24];

	while (li != 0) {
		if (li < 2) {
			nd_puts(nd, ", bad opts/li");
			return 0;
		}
		op = GET_U_1(p);
		opli = GET_U_1(p + 1);
		p += 2;
		li -= 2;
		if (opli > li) {
			nd_printf(nd, ", opt (%u) too long", op);
			return 0;
		}
		li -= opli;
		nd_printf(nd, "\n\t  %s Option #%u, length %u, value: ",
			  nd_tok2str(esis_options, "Unknown", op, b1, sizeof(b1)), op, opli);
		if (op == 198) {
			if (opli != 2)
				nd_puts(nd, "(bad length)");
			else if (!ND_TTEST_LEN(nd, p, 2))
				return -2;
			else
				nd_printf(nd, "%us", GET_BE_U_2(p));
		} else if (op == 129) {
			for (unsigned i = 0; i < opli; i++) {
				nd_printf(nd, "%s (0x%02x)",
					  nd_tok2str(nd_nlpids, "unknown", GET_U_1(p + i), b2, sizeof(b2)),
					  GET_U_1(p + i));
				if (opli - i > 1)
					nd_puts(nd, ", ");
			}
			/* tcpdump counts opli down to 0 here: the next option is read from this value */
			opli = 0;
		} else {
			nd_print_unknown_data(nd, p, "\n\t  ", opli);
		}
		if (nd->o.vflag > 1)
			nd_print_unknown_data(nd, p, "\n\t  ", opli);
		p += opli;
	}
	return 0;
}

/* The header checks and the first line(s); -1 when the PDU ends there. */
static int esis_header(struct nd *nd, const uint8_t *p, unsigned length, unsigned *type)
{
	unsigned li = GET_U_1(p + 1), v;
	char buf[32];

	if (GET_U_1(p) != 0x82) {
		nd_printf(nd, " nlpid 0x%02x packet not supported", GET_U_1(p));
		return -1;
	}
	v = GET_U_1(p + 2);
	if (v != 1) {
		nd_printf(nd, " version %u packet not supported", v);
		return -1;
	}
	if (li > length) {
		nd_printf(nd, " length indicator(%u) > PDU size (%u)!", li, length);
		return -1;
	}
	if (li < ESIS_HDRLEN + 2) {
		nd_printf(nd, " length indicator %u < min PDU size:", li);
		for (; p < nd->snapend; p++)
			nd_printf(nd, "%02X", GET_U_1(p));
		return -1;
	}
	*type = GET_U_1(p + 4) & 0x1f;
	if (nd->o.vflag < 1) {
		nd_printf(nd, "%s%s, length %u", nd->o.eflag ? "" : ", ",
			  nd_tok2str(esis_pdus, "unknown type (%u)", *type, buf, sizeof(buf)), length);
		return -1;
	}
	nd_printf(nd, "%slength %u\n\t%s (%u)", nd->o.eflag ? "" : ", ", length,
		  nd_tok2str(esis_pdus, "unknown type: %u", *type, buf, sizeof(buf)), *type);
	nd_printf(nd, ", v: %u%s", v, "");
	nd_printf(nd, ", checksum: 0x%04x", GET_BE_U_2(p + 7));
	nd_osi_print_cksum(nd, p, GET_BE_U_2(p + 7), 7, li);
	nd_printf(nd, ", holding time: %us, length indicator: %u", GET_BE_U_2(p + 5), li);
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, p, "\n\t", ESIS_HDRLEN);
	return 0;
}

void nd_esis_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned type, li;
	int rc;

	nd->protocol = "esis";
	if (!nd->o.eflag)
		nd_puts(nd, "ES-IS");
	if (length <= 2) {
		nd_puts(nd, nd->o.qflag ? "bad pkt!" : "no header at all!");
		return;
	}
	if (!ND_TTEST_LEN(nd, p, ESIS_HDRLEN))
		goto trunc;
	if (esis_header(nd, p, length, &type) < 0)
		return;
	li = GET_U_1(p + 1) - ESIS_HDRLEN;
	p += ESIS_HDRLEN;
	if (type == 6) {
		rc = esis_redirect(nd, &p, &li);
	} else if (type == 2) {
		rc = esis_esh(nd, &p, &li);
	} else if (type == 4) {
		rc = esis_ish(nd, &p, &li);
	} else {
		if (nd->o.vflag <= 1 && ND_TTEST_LEN(nd, p, 1))
			nd_print_unknown_data(nd, p, "\n\t  ", (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p));
		return;
	}
	if (rc == -1)
		return;
	if (rc == -2 || esis_options_print(nd, p, li) == -2)
		goto trunc;
	return;
trunc:
	nd_print_trunc(nd);
}

/* print-isakmp.c: ISAKMP/IKEv1 and IKEv2 (UDP 500, 7500, 8500, and 4500 behind the zero marker), as tcpdump 4.99.3 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"
#include "print-isakmp.h"

#define ISAKMP_HDRLEN 28
#define GEN_HDRLEN 4
#define FLAG_E 0x01
#define FLAG_C 0x02
#define FLAG_I 0x08
#define FLAG_V 0x10
#define FLAG_R 0x20
#define NP_P 2
#define NP_T 3
#define NP_V2E 46

static const char *const npstr[] = {
	"none", "sa", "p", "t", "ke", "id", "cert", "cr", "hash", "sig", "nonce", "n", "d", "vid",
	"pay14", "pay15", "pay16", "pay17", "pay18", "pay19", "pay20", "pay21", "pay22", "pay23",
	"pay24", "pay25", "pay26", "pay27", "pay28", "pay29", "pay30", "pay31", "pay32",
	"v2sa", "v2ke", "v2IDi", "v2IDr", "v2cert", "v2cr", "v2auth", "v2nonce", "v2n", "v2d",
	"v2vid", "v2TSi", "v2TSr", "v2e", "v2cp", "v2eap",
};

static const char *const etypestr[] = {
	"none", "base", "ident", "auth", "agg", "inf", NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	"oakley-quick", "oakley-newgroup", "ikev2_init", "ikev2_auth", "child_sa", "inf2",
};

static const char *const protoidstr[] = { NULL, "isakmp", "ipsec-ah", "ipsec-esp", "ipcomp" };

/* tcpdump's STR_OR_ID: the table's name, else "#N" (in a buffer of the walk's). */
const char *nd_ike_str(struct nd_ike *w, unsigned x, const char *const *tab, size_t n)
{
	if (x < n && tab[x])
		return tab[x];
	snprintf(w->numbuf, sizeof(w->numbuf), "#%u", x);
	return w->numbuf;
}

const char *nd_ike_npstr(struct nd_ike *w, unsigned np)
{
	return nd_ike_str(w, np, npstr, sizeof(npstr) / sizeof(npstr[0]));
}

const char *nd_ike_protoidstr(struct nd_ike *w, unsigned id)
{
	return nd_ike_str(w, id, protoidstr, sizeof(protoidstr) / sizeof(protoidstr[0]));
}

/* rawprint: hex, or 0 (nothing printed) when the bytes were not captured. */
int nd_ike_raw(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned i;

	if (!ND_TTEST_LEN(nd, p, len))
		return 0;
	for (i = 0; i < len; i++)
		nd_putx(nd, p[i], 2);
	return 1;
}

/* " data=(first ten bytes...last twenty)", counted to the end of the capture, as tcpdump does. */
int nd_ike_somedata(struct nd *nd, const uint8_t *cp, const uint8_t *ep)
{
	size_t len = (size_t)(ep - cp), elen = 20;
	const uint8_t *end;

	if (len > 10)
		len = 10;
	end = ep - cp >= 20 ? ep - 20 : cp;
	if (end < cp + len) {
		end = cp + len;
		elen = (size_t)(ep - end);
	}
	nd_puts(nd, " data=(");
	if (!nd_ike_raw(nd, cp, (unsigned)len))
		return 0;
	nd_puts(nd, "...");
	if (elen && !nd_ike_raw(nd, end, (unsigned)elen))
		return 0;
	nd_putc(nd, ')');
	return 1;
}

/* "\n" and four spaces per level, then "(": each payload of the -v walk. */
void nd_ike_indent(struct nd *nd, int depth)
{
	int i;

	nd_putc(nd, '\n');
	for (i = 0; i < depth; i++)
		nd_puts(nd, "    ");
	nd_putc(nd, '(');
}

/* One payload: its printer, or its name; NULL ends the walk. */
static const uint8_t *sub0_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				 int depth)
{
	unsigned item_len;
	const uint8_t *cp;

	if (!ND_TTEST_LEN(nd, ext, GEN_HDRLEN)) {
		nd_print_trunc(nd);
		return NULL;
	}
	item_len = GET_BE_U_2(ext + 2);
	if (item_len <= 4)
		return NULL;
	if (w->v2 && np == NP_V2E)
		return nd_ikev2_e_print(nd, w, np, ext, item_len);
	/* tcpdump's npfunc table: each version's printers for any message. */
	cp = np >= 33 ? nd_ikev2_payload_print(nd, w, np, ext, item_len, depth)
		      : nd_ikev1_payload_print(nd, w, np, ext, item_len, depth);
	if (cp != ND_IKE_NOPRINTER)
		return cp;
	nd_puts(nd, nd_ike_npstr(w, np));
	return ext + item_len;
}

/* A chain of payloads (ikev1_sub_print and ikev2_sub_print, which differ only in the E payload). */
const uint8_t *nd_ike_sub_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				int depth)
{
	const uint8_t *cp = ext;

	while (np) {
		if (!ND_TTEST_LEN(nd, ext, GEN_HDRLEN) ||
		    !ND_TTEST_LEN(nd, ext, GET_BE_U_2(ext + 2))) {
			nd_printf(nd, " [|%s]", nd_ike_npstr(w, np));
			return NULL;
		}
		nd_ike_indent(nd, depth + 1);
		cp = sub0_print(nd, w, np, ext, depth + 1);
		nd_putc(nd, ')');
		if (cp == NULL)
			return NULL;
		np = GET_U_1(ext);
		ext = cp;
	}
	return cp;
}

/* tcpdump's cache of 20 initiator cookies, zeroed at the start as its static array is. */
static int cookie_find(struct nd *nd, const uint8_t *ck)
{
	int i;

	for (i = 0; i < ND_IKE_COOKIES; i++)
		if (memcmp(ck, nd->ike.cache[i].ck, 8) == 0)
			return i;
	return -1;
}

static void cookie_record(struct nd *nd, const uint8_t *ck, const uint8_t *ip)
{
	struct nd_ike_cookie *c;
	int i = cookie_find(nd, ck), v6;

	if (i >= 0) {
		nd->ike.next = (unsigned)(i + 1) % ND_IKE_COOKIES;
		return;
	}
	c = &nd->ike.cache[nd->ike.next];
	v6 = (GET_U_1(ip) >> 4) == 6;
	if (!v6 && (GET_U_1(ip) >> 4) != 4)
		return;
	c->version = v6 ? 6 : 4;
	memcpy(c->iaddr, v6 ? ip + 8 : ip + 12, v6 ? 16 : 4);
	memcpy(c->raddr, v6 ? ip + 24 : ip + 16, v6 ? 16 : 4);
	memcpy(c->ck, ck, 8);
	nd->ike.next = (nd->ike.next + 1) % ND_IKE_COOKIES;
}

static int cookie_side(struct nd *nd, int i, const uint8_t *ip, int initiator)
{
	const struct nd_ike_cookie *c = &nd->ike.cache[i];
	unsigned ver = GET_U_1(ip) >> 4;
	const uint8_t *src = ver == 6 ? ip + 8 : ip + 12;

	if ((ver != 4 && ver != 6) || c->version != ver)
		return 0;
	return memcmp(src, initiator ? c->iaddr : c->raddr, ver == 6 ? 16 : 4) == 0;
}

static int all_zero(struct nd *nd, const uint8_t *p, unsigned n)
{
	while (n--)
		if (GET_U_1(p++))
			return 0;
	return 1;
}

/* IKEv1's " phase N I ident[E]": the side comes from the cookie cache. */
static void ikev1_side_print(struct nd *nd, const uint8_t *bp, const uint8_t *ip)
{
	int i = cookie_find(nd, bp);

	if (i < 0) {
		if (all_zero(nd, bp + 8, 8)) {
			nd_puts(nd, " I");
			if (ip)
				cookie_record(nd, bp, ip);
		} else {
			nd_puts(nd, " ?");
		}
	} else if (ip && cookie_side(nd, i, ip, 1)) {
		nd_puts(nd, " I");
	} else if (ip && cookie_side(nd, i, ip, 0)) {
		nd_puts(nd, " R");
	} else {
		nd_puts(nd, " ?");
	}
}

/* The -v payload walk and the length check both versions end with. */
static void payloads_print(struct nd *nd, struct nd_ike *w, const uint8_t *bp, unsigned length,
			   unsigned flags)
{
	unsigned np;

	if (!nd->o.vflag)
		return;
	nd_putc(nd, ':');
	np = GET_U_1(bp + 16);
	if (flags & FLAG_E)
		nd_printf(nd, " [encrypted %s]", nd_ike_npstr(w, np));
	else if (w->ep < bp + ISAKMP_HDRLEN)
		nd_printf(nd, " [|%s]", nd_ike_npstr(w, np));
	else
		nd_ike_sub_print(nd, w, np, bp + ISAKMP_HDRLEN, 0);
	if (GET_BE_U_4(bp + 24) != length)
		nd_printf(nd, " (len mismatch: isakmp %u/ip %u)", GET_BE_U_4(bp + 24), length);
}

static void ikev1_print(struct nd *nd, struct nd_ike *w, const uint8_t *bp, unsigned length,
			const uint8_t *ip)
{
	unsigned flags;

	nd_puts(nd, GET_BE_U_4(bp + 20) == 0 ? " phase 1" : " phase 2/others");
	ikev1_side_print(nd, bp, ip);
	nd_printf(nd, " %s", nd_ike_str(w, GET_U_1(bp + 18), etypestr,
					sizeof(etypestr) / sizeof(etypestr[0])));
	flags = GET_U_1(bp + 19);
	if (flags)
		nd_printf(nd, "[%s%s]", flags & FLAG_E ? "E" : "", flags & FLAG_C ? "C" : "");
	payloads_print(nd, w, bp, length, flags);
}

static void ikev2_print(struct nd *nd, struct nd_ike *w, const uint8_t *bp, unsigned length)
{
	unsigned flags;

	w->v2 = 1;
	nd_puts(nd, GET_BE_U_4(bp + 20) == 0 ? " parent_sa" : " child_sa ");
	nd_printf(nd, " %s", nd_ike_str(w, GET_U_1(bp + 18), etypestr,
					sizeof(etypestr) / sizeof(etypestr[0])));
	flags = GET_U_1(bp + 19);
	if (flags)
		nd_printf(nd, "[%s%s%s]", flags & FLAG_I ? "I" : "", flags & FLAG_V ? "V" : "",
			  flags & FLAG_R ? "R" : "");
	payloads_print(nd, w, bp, length, flags);
}

static void hex_field(struct nd *nd, const uint8_t *p, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		nd_putx(nd, GET_U_1(p + i), 2);
}

void nd_isakmp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip)
{
	struct nd_ike w = { .ep = nd->snapend, .bp = bp };
	unsigned major, minor;

	nd->protocol = "isakmp";
	if (!ND_TTEST_LEN(nd, bp, ISAKMP_HDRLEN)) {
		nd_print_trunc(nd);
		return;
	}
	nd_puts(nd, "isakmp");
	major = GET_U_1(bp + 17) >> 4;
	minor = GET_U_1(bp + 17) & 0x0f;
	if (nd->o.vflag) {
		nd_printf(nd, " %u.%u", major, minor);
		nd_puts(nd, " msgid ");
		hex_field(nd, bp + 20, 4);
	}
	if (nd->o.vflag > 1) {
		nd_puts(nd, " cookie ");
		hex_field(nd, bp, 8);
		nd_puts(nd, "->");
		hex_field(nd, bp + 8, 8);
	}
	nd_putc(nd, ':');
	if (major == 1)
		ikev1_print(nd, &w, bp, length, ip);
	else if (major == 2)
		ikev2_print(nd, &w, bp, length);
}

/* UDP 4500 behind the four zero bytes of RFC 3948's non-ESP marker. */
void nd_isakmp_natt_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip)
{
	nd_puts(nd, "NONESP-encap: ");
	nd_isakmp_print(nd, bp + 4, length - 4, ip);
}

/* print-babel.c: the Babel routing protocol (RFC 8966, 9229, 8967) on UDP ports 6696 and 6697 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "print-app.h"

/* What a TLV printer returns besides 0: the capture ended, or the packet is invalid. */
#define BABEL_TRUNC (-1)
#define BABEL_INVALID (-2)

enum {
	MSG_PAD1, MSG_PADN, MSG_ACK_REQ, MSG_ACK, MSG_HELLO, MSG_IHU, MSG_ROUTER_ID, MSG_NH,
	MSG_UPDATE, MSG_ROUTE_REQUEST, MSG_SEQNO_REQUEST, MSG_TSPC, MSG_HMAC, MSG_SS_UPDATE,
	MSG_SS_REQUEST, MSG_SS_MH_REQUEST, MSG_MAC, MSG_PC, MSG_CHALLENGE_REQ, MSG_CHALLENGE_REPLY,
};

static const uint8_t v4prefix[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0, 0, 0, 0 };

/* The previous Update's prefixes, which later ones may abbreviate ("omitted" bytes). */
struct babel_state {
	uint8_t v4[16];
	uint8_t v6[16];
};

/* Text for an address or prefix in a local buffer: IPv4-mapped ones as dotted quads. */
static const char *fmt_addr(const uint8_t *a, char *buf, size_t len)
{
	if (memcmp(a, v4prefix, 12) == 0)
		inet_ntop(AF_INET, a + 12, buf, (socklen_t)len);
	else
		inet_ntop(AF_INET6, a, buf, (socklen_t)len);
	return buf;
}

/*
 * The formatters below write their digits themselves: -v prints one or two
 * of these for every TLV, and snprintf was most of the time spent.
 */
static char *put_dec(char *o, unsigned v)
{
	char tmp[12];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	while (n)
		*o++ = tmp[--n];
	return o;
}

static const char *fmt_prefix(const uint8_t *a, unsigned plen, char *buf, size_t len)
{
	char *o;

	/* len is at least INET6_ADDRSTRLEN + 4: the address, '/' and three digits */
	if (plen >= 96 && memcmp(a, v4prefix, 12) == 0) {
		inet_ntop(AF_INET, a + 12, buf, (socklen_t)len);
		plen -= 96;
	} else {
		inet_ntop(AF_INET6, a, buf, (socklen_t)len);
	}
	o = buf + strlen(buf);
	*o++ = '/';
	*put_dec(o, plen & 0xff) = '\0';
	return buf;
}

static const char *fmt_interval(unsigned i, char *buf, size_t len)
{
	char *o;

	(void)len;	/* at least 12: "655.35s" */
	if (i == 0)
		return "0.0s (bogus)";
	o = put_dec(buf, i / 100);
	*o++ = '.';
	*o++ = (char)('0' + i % 100 / 10);
	*o++ = (char)('0' + i % 10);
	*o++ = 's';
	*o = '\0';
	return buf;
}

static const char *fmt_interval_update(unsigned i, char *buf, size_t len)
{
	return i == 0xffff ? "infinity" : fmt_interval(i, buf, len);
}

static const char *fmt_id(struct nd *nd, const uint8_t *id, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	uint8_t b[8];
	char *o = buf;

	(void)len;	/* at least 24 */
	/* all eight bytes are read first, as tcpdump's one snprintf does */
	for (unsigned i = 0; i < 8; i++)
		b[i] = GET_U_1(id + i);
	for (unsigned i = 0; i < 8; i++) {
		*o++ = hex[b[i] >> 4];
		*o++ = hex[b[i] & 15];
		*o++ = i < 7 ? ':' : '\0';
	}
	return buf;
}

/*
 * An address of encoding ae, plen bits long (-1: the whole address), of
 * which the first omitted bytes come from dp. The TLV was checked to be in
 * the capture. Returns the bytes used from p, or -1 if it cannot be decoded.
 */
static int network_prefix(unsigned ae, int plen, unsigned omitted, const uint8_t *p,
			  const uint8_t *dp, unsigned len, uint8_t *out)
{
	unsigned pb = plen >= 0 ? ((unsigned)plen + 7) / 8 : ae == 1 ? 4 : 16;
	int used = 0;

	if (pb > 16)
		return -1;
	memset(out, 0, 16);
	switch (ae) {
	case 0:
		break;
	case 1:
		if (omitted > 4 || pb > 4 || (pb > omitted && len < pb - omitted))
			return -1;
		memcpy(out, v4prefix, 12);
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(out, dp, 12 + omitted);
		}
		if (pb > omitted) {
			memcpy(out + 12 + omitted, p, pb - omitted);
			used = (int)(pb - omitted);
		}
		break;
	case 2:
		if (omitted > 16 || (pb > omitted && len < pb - omitted))
			return -1;
		if (omitted) {
			if (!dp)
				return -1;
			memcpy(out, dp, omitted);
		}
		if (pb > omitted) {
			memcpy(out + omitted, p, pb - omitted);
			used = (int)(pb - omitted);
		}
		break;
	case 3:
		if (pb > 8 && len < pb - 8)
			return -1;
		out[0] = 0xfe;
		out[1] = 0x80;
		if (pb > 8) {
			memcpy(out + 8, p, pb - 8);
			used = (int)(pb - 8);
		}
		break;
	default:
		return -1;
	}
	return used;
}

static int network_address(unsigned ae, const uint8_t *p, unsigned len, uint8_t *out)
{
	return network_prefix(ae, -1, 0, p, NULL, len, out);
}

static void sub_timestamp(struct nd *nd, unsigned i, unsigned v)
{
	nd_printf(nd, "%c%u.%06us", i ? '|' : ' ', v / 1000000, v % 1000000);
}

/* One sub-TLV's body; -1 if invalid. */
static int subtlv_print(struct nd *nd, unsigned st, const uint8_t *cp, unsigned sublen,
			unsigned type)
{
	const char *sep = " ";

	switch (st) {
	case 1:
		nd_puts(nd, " sub-padn");
		break;
	case 2:
		nd_puts(nd, " sub-diversity");
		if (sublen == 0) {
			nd_puts(nd, " empty");
			break;
		}
		for (unsigned k = 0; k < sublen; k++, sep = "-") {
			unsigned d = GET_U_1(cp + k);

			if (d == 0 || d == 255)
				nd_printf(nd, "%s%s", sep, d ? "all" : "reserved");
			else
				nd_printf(nd, "%s%u", sep, d);
		}
		if (type != MSG_UPDATE && type != MSG_SS_UPDATE)
			nd_puts(nd, " (bogus)");
		break;
	case 3:
		nd_puts(nd, " sub-timestamp");
		if (type == MSG_HELLO) {
			if (sublen < 4)
				return -1;
			sub_timestamp(nd, 0, GET_BE_U_4(cp));
		} else if (type == MSG_IHU) {
			if (sublen < 8)
				return -1;
			sub_timestamp(nd, 0, GET_BE_U_4(cp));
			sub_timestamp(nd, 1, GET_BE_U_4(cp + 4));
		} else {
			nd_puts(nd, " (bogus)");
		}
		break;
	default:
		nd_printf(nd, " sub-unknown-0x%02x", st);
	}
	return 0;
}

static void subtlvs_print(struct nd *nd, const uint8_t *cp, const uint8_t *ep, unsigned type)
{
	unsigned st, sublen;

	while (cp < ep) {
		st = GET_U_1(cp);
		cp++;
		if (st == 0) {
			nd_puts(nd, " sub-pad1");
			continue;
		}
		if (st & 0x80)
			nd_puts(nd, " (M)");
		if (cp == ep)
			goto invalid;
		sublen = GET_U_1(cp);
		cp++;
		if (cp + sublen > ep)
			goto invalid;
		if (subtlv_print(nd, st, cp, sublen, type) < 0)
			goto invalid;
		cp += sublen;
	}
	return;
invalid:
	nd_print_invalid(nd);
}

static int hello_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	unsigned interval;
	char ib[32];

	nd_puts(nd, "\n\tHello ");
	if (len < 6)
		return BABEL_INVALID;
	if (GET_BE_U_2(m + 2) & 0x8000)
		nd_puts(nd, "(Unicast) ");
	nd_puts(nd, "seqno ");
	nd_putu(nd, GET_BE_U_2(m + 4));
	interval = GET_BE_U_2(m + 6);
	if (interval != 0) {
		nd_puts(nd, " interval ");
		nd_puts(nd, fmt_interval(interval, ib, sizeof(ib)));
	} else {
		nd_puts(nd, " unscheduled");
	}
	if (len > 6)
		subtlvs_print(nd, m + 8, m + 2 + len, MSG_HELLO);
	return 0;
}

static int ihu_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	uint8_t addr[16];
	unsigned ae;
	char ab[INET6_ADDRSTRLEN], ib[32];
	int rc;

	nd_puts(nd, "\n\tIHU ");
	if (len < 6)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	rc = network_address(ae, m + 8, len - 6, addr);
	if (rc < 0) {
		/* tcpdump calls this truncation, and goes on with the next TLV */
		nd_print_trunc(nd);
		return 0;
	}
	nd_puts(nd, ae == 0 ? "any" : fmt_addr(addr, ab, sizeof(ab)));
	nd_puts(nd, " rxcost ");
	nd_putu(nd, GET_BE_U_2(m + 4));
	nd_puts(nd, " interval ");
	nd_puts(nd, fmt_interval(GET_BE_U_2(m + 6), ib, sizeof(ib)));
	if ((unsigned)rc < len - 6)
		subtlvs_print(nd, m + 8 + rc, m + 2 + len, MSG_IHU);
	return 0;
}

static int nh_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	uint8_t addr[16];
	unsigned ae;
	char ab[INET6_ADDRSTRLEN];

	nd_puts(nd, "\n\tNext Hop");
	if (len < 2)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	if (network_address(ae, m + 4, len - 2, addr) < 0)
		return BABEL_INVALID;
	nd_printf(nd, " %s", ae == 0 ? "invalid AE 0" : fmt_addr(addr, ab, sizeof(ab)));
	return 0;
}

static void update_flags(struct nd *nd, unsigned f)
{
	nd_printf(nd, "%s%s%s", (f & 0x80) ? "/prefix" : "", (f & 0x40) ? "/id" : "",
		  (f & 0x3f) ? "/unknown" : "");
}

static int update_print(struct nd *nd, const uint8_t *m, unsigned len, struct babel_state *st)
{
	uint8_t pfx[16];
	unsigned ae, plen, flags;
	char pb[64], ib[32];
	int rc;

	nd_puts(nd, "\n\tUpdate");
	if (len < 10)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	plen = (GET_U_1(m + 4) + (ae == 1 ? 96 : 0)) & 0xff;
	rc = network_prefix(ae, GET_U_1(m + 4), GET_U_1(m + 5), m + 12, ae == 1 ? st->v4 : st->v6,
			    len - 10, pfx);
	if (rc < 0)
		return BABEL_INVALID;
	flags = GET_U_1(m + 3);
	update_flags(nd, flags);
	nd_putc(nd, ' ');
	nd_puts(nd, ae == 0 ? "any" : fmt_prefix(pfx, plen, pb, sizeof(pb)));
	nd_puts(nd, " metric ");
	nd_putu(nd, GET_BE_U_2(m + 10));
	nd_puts(nd, " seqno ");
	nd_putu(nd, GET_BE_U_2(m + 8));
	nd_puts(nd, " interval ");
	nd_puts(nd, fmt_interval_update(GET_BE_U_2(m + 6), ib, sizeof(ib)));
	if (flags & 0x80)
		memcpy(ae == 1 ? st->v4 : st->v6, pfx, 16);
	if ((unsigned)rc < len - 10)
		subtlvs_print(nd, m + 12 + rc, m + 2 + len, MSG_UPDATE);
	return 0;
}

static int route_request_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	uint8_t pfx[16];
	unsigned ae, plen;
	char pb[64];

	nd_puts(nd, "\n\tRoute Request ");
	if (len < 2)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	plen = (GET_U_1(m + 3) + (ae == 1 ? 96 : 0)) & 0xff;
	if (network_prefix(ae, GET_U_1(m + 3), 0, m + 4, NULL, len - 2, pfx) < 0)
		return BABEL_INVALID;
	nd_printf(nd, "for %s", ae == 0 ? "any" : fmt_prefix(pfx, plen, pb, sizeof(pb)));
	return 0;
}

static int seqno_request_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	uint8_t pfx[16];
	unsigned ae, plen;
	char pb[64], idb[32];

	nd_puts(nd, "\n\tSeqno Request ");
	if (len < 14)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	if (network_prefix(ae, GET_U_1(m + 3), 0, m + 16, NULL, len - 14, pfx) < 0)
		return BABEL_INVALID;
	plen = (GET_U_1(m + 3) + (ae == 1 ? 96 : 0)) & 0xff;
	nd_printf(nd, "(%u hops) for %s seqno %u id %s", GET_U_1(m + 6),
		  ae == 0 ? "invalid AE 0" : fmt_prefix(pfx, plen, pb, sizeof(pb)),
		  GET_BE_U_2(m + 4), fmt_id(nd, m + 8, idb, sizeof(idb)));
	return 0;
}

static int hmac_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	nd_puts(nd, "\n\tHMAC ");
	if (len < 18)
		return BABEL_INVALID;
	nd_printf(nd, "key-id %u digest-%u ", GET_BE_U_2(m + 2), len - 2);
	for (unsigned j = 0; j < len - 2; j++)
		nd_printf(nd, "%02X", GET_U_1(m + j + 4));
	return 0;
}

/* The destination and source prefixes of the source-specific TLVs; -1 if invalid. */
static int ss_prefixes(unsigned ae, unsigned *plen, unsigned *splen, const uint8_t *m,
		       unsigned *parsed, unsigned len, const uint8_t *dp, unsigned omitted,
		       uint8_t *pfx, uint8_t *spfx)
{
	int rc;

	rc = network_prefix(ae, (int)*plen, omitted, m + 2 + *parsed, dp, len - *parsed, pfx);
	if (rc < 0)
		return -1;
	if (ae == 1)
		*plen = (*plen + 96) & 0xff;
	*parsed += (unsigned)rc;
	rc = network_prefix(ae, (int)*splen, 0, m + 2 + *parsed, NULL, len - *parsed, spfx);
	if (rc < 0)
		return -1;
	if (ae == 1)
		*splen = (*splen + 96) & 0xff;
	*parsed += (unsigned)rc;
	return 0;
}

static int ss_update_print(struct nd *nd, const uint8_t *m, unsigned len, struct babel_state *st)
{
	uint8_t pfx[16], spfx[16];
	unsigned ae, plen, splen, parsed = 10;
	char pb[64], ib[32];

	nd_puts(nd, "\n\tSS-Update");
	if (len < 10)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	splen = GET_U_1(m + 3);
	plen = GET_U_1(m + 4);
	if (ss_prefixes(ae, &plen, &splen, m, &parsed, len, ae == 1 ? st->v4 : st->v6,
			GET_U_1(m + 5), pfx, spfx) < 0)
		return BABEL_INVALID;
	nd_printf(nd, " %s from", fmt_prefix(pfx, plen, pb, sizeof(pb)));
	nd_printf(nd, " %s metric %u seqno %u interval %s", fmt_prefix(spfx, splen, pb, sizeof(pb)),
		  GET_BE_U_2(m + 10), GET_BE_U_2(m + 8),
		  fmt_interval_update(GET_BE_U_2(m + 6), ib, sizeof(ib)));
	if (parsed < len)
		subtlvs_print(nd, m + 2 + parsed, m + 2 + len, MSG_SS_UPDATE);
	return 0;
}

static int ss_request_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	uint8_t pfx[16], spfx[16];
	unsigned ae, plen, splen, parsed = 3;
	char pb[64];

	nd_puts(nd, "\n\tSS-Request ");
	if (len < 3)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	plen = GET_U_1(m + 3);
	splen = GET_U_1(m + 4);
	if (ss_prefixes(ae, &plen, &splen, m, &parsed, len, NULL, 0, pfx, spfx) < 0)
		return BABEL_INVALID;
	if (ae == 0) {
		nd_puts(nd, "for any");
		return 0;
	}
	nd_printf(nd, "for (%s, ", fmt_prefix(pfx, plen, pb, sizeof(pb)));
	nd_printf(nd, "%s)", fmt_prefix(spfx, splen, pb, sizeof(pb)));
	return 0;
}

static int ss_mh_request_print(struct nd *nd, const uint8_t *m, unsigned len)
{
	uint8_t pfx[16], spfx[16];
	unsigned ae, plen, splen, parsed = 14;
	char pb[64], idb[32];

	nd_puts(nd, "\n\tSS-MH-Request ");
	if (len < 14)
		return BABEL_INVALID;
	ae = GET_U_1(m + 2);
	plen = GET_U_1(m + 3);
	splen = GET_U_1(m + 7);
	if (ss_prefixes(ae, &plen, &splen, m, &parsed, len, NULL, 0, pfx, spfx) < 0)
		return BABEL_INVALID;
	nd_printf(nd, "(%u hops) for (%s, ", GET_U_1(m + 6), fmt_prefix(pfx, plen, pb, sizeof(pb)));
	nd_printf(nd, "%s) seqno %u id %s", fmt_prefix(spfx, splen, pb, sizeof(pb)),
		  GET_BE_U_2(m + 4), fmt_id(nd, m + 8, idb, sizeof(idb)));
	return 0;
}

/* -v: one TLV in full. */
static int tlv_verbose(struct nd *nd, unsigned type, const uint8_t *m, unsigned len,
		       struct babel_state *st)
{
	char ib[32], idb[32];

	switch (type) {
	case MSG_PADN:
		nd_printf(nd, "\n\tPad %u", len + 2);
		return 0;
	case MSG_ACK_REQ:
		nd_puts(nd, "\n\tAcknowledgment Request ");
		if (len < 6)
			return BABEL_INVALID;
		nd_printf(nd, "%04x %s", GET_BE_U_2(m + 4),
			  fmt_interval(GET_BE_U_2(m + 6), ib, sizeof(ib)));
		return 0;
	case MSG_ACK:
		nd_puts(nd, "\n\tAcknowledgment ");
		if (len < 2)
			return BABEL_INVALID;
		nd_printf(nd, "%04x", GET_BE_U_2(m + 2));
		return 0;
	case MSG_HELLO:
		return hello_print(nd, m, len);
	case MSG_IHU:
		return ihu_print(nd, m, len);
	case MSG_ROUTER_ID:
		nd_puts(nd, "\n\tRouter Id");
		if (len < 10)
			return BABEL_INVALID;
		nd_printf(nd, " %s", fmt_id(nd, m + 4, idb, sizeof(idb)));
		return 0;
	case MSG_NH:
		return nh_print(nd, m, len);
	case MSG_UPDATE:
		return update_print(nd, m, len, st);
	case MSG_ROUTE_REQUEST:
		return route_request_print(nd, m, len);
	case MSG_SEQNO_REQUEST:
		return seqno_request_print(nd, m, len);
	}
	return -3;
}

static int tlv_verbose2(struct nd *nd, unsigned type, const uint8_t *m, unsigned len,
			struct babel_state *st)
{
	switch (type) {
	case MSG_TSPC:
		nd_puts(nd, "\n\tTS/PC ");
		if (len < 6)
			return BABEL_INVALID;
		nd_printf(nd, "timestamp %u packetcounter %u", GET_BE_U_4(m + 4), GET_BE_U_2(m + 2));
		return 0;
	case MSG_HMAC:
		return hmac_print(nd, m, len);
	case MSG_SS_UPDATE:
		return ss_update_print(nd, m, len, st);
	case MSG_SS_REQUEST:
		return ss_request_print(nd, m, len);
	case MSG_SS_MH_REQUEST:
		return ss_mh_request_print(nd, m, len);
	case MSG_MAC:
		nd_printf(nd, "\n\tMAC len %u", len);
		return 0;
	case MSG_PC:
		nd_puts(nd, "\n\tPC");
		if (len < 4)
			return BABEL_INVALID;
		nd_printf(nd, " value %u", GET_BE_U_4(m + 2));
		nd_printf(nd, " index len %u", len - 4);
		return 0;
	case MSG_CHALLENGE_REQ:
	case MSG_CHALLENGE_REPLY:
		nd_puts(nd, type == MSG_CHALLENGE_REQ ? "\n\tChallenge Request" : "\n\tChallenge Reply");
		if (len > 192)
			return BABEL_INVALID;
		nd_printf(nd, " len %u", len);
		return 0;
	}
	nd_printf(nd, "\n\tUnknown message type %u", type);
	return 0;
}

static const char *const brief_names[] = {
	" pad1", " padN", " ack-req", " ack", " hello", " ihu", " router-id", " nh", " update",
	" route-request", " seqno-request", " tspc", " hmac", " ss-update", " ss-request",
	" ss-mh-request", " mac", " pc", " challenge_request", " challenge_reply",
};

/* Without -v: the TLV's name (an Update's flags too). */
static int tlv_brief(struct nd *nd, unsigned type, const uint8_t *m, unsigned len)
{
	if (type > MSG_CHALLENGE_REPLY) {
		nd_puts(nd, " unknown");
		return 0;
	}
	nd_puts(nd, brief_names[type]);
	if (type == MSG_UPDATE) {
		if (len < 10)
			return BABEL_INVALID;
		update_flags(nd, GET_U_1(m + 3));
	}
	return 0;
}

static int tlvs_print(struct nd *nd, const uint8_t *cp, unsigned tlvs_len, unsigned remaining)
{
	struct babel_state st;
	unsigned i = 0, type, len;
	int rc;

	memcpy(st.v4, v4prefix, 16);
	memset(st.v6, 0, 16);
	while (i < tlvs_len) {
		const uint8_t *m = cp + i;

		if (i + 1 > remaining)
			return BABEL_INVALID;
		type = GET_U_1(m);
		if (type == MSG_PAD1) {
			nd_puts(nd, nd->o.vflag ? "\n\tPad 1" : " pad1");
			i++;
			continue;
		}
		if (i + 2 > tlvs_len || i + 2 > remaining)
			return BABEL_INVALID;
		if (!ND_TTEST_LEN(nd, m, 2))
			return BABEL_TRUNC;
		len = GET_U_1(m + 1);
		if (i + 2 + len > tlvs_len || i + 2 + len > remaining)
			return BABEL_INVALID;
		if (!ND_TTEST_LEN(nd, m, 2 + len))
			return BABEL_TRUNC;
		if (!nd->o.vflag)
			rc = tlv_brief(nd, type, m, len);
		else if ((rc = tlv_verbose(nd, type, m, len, &st)) == -3)
			rc = tlv_verbose2(nd, type, m, len, &st);
		if (rc < 0)
			return rc;
		i += len + 2;
	}
	return 0;
}

static void babel_v2_print(struct nd *nd, const uint8_t *cp, unsigned length)
{
	unsigned bodylen;
	int rc;

	if (length < 4)
		goto invalid;
	bodylen = GET_BE_U_2(cp + 2);
	nd_printf(nd, " (%u)", bodylen);
	length -= 4;
	cp += 4;
	if (length < bodylen)
		goto invalid;
	rc = tlvs_print(nd, cp, bodylen, length);
	if (rc == 0 && length != bodylen) {
		/* The trailer (RFC 8967's MAC TLVs) after the body. */
		nd_puts(nd, nd->o.vflag ? "\n\t----" : " |");
		rc = tlvs_print(nd, cp + bodylen, length - bodylen, length - bodylen);
	}
	if (rc == BABEL_TRUNC)
		nd_print_trunc(nd);
	else if (rc == BABEL_INVALID)
		goto invalid;
	return;
invalid:
	nd_print_invalid(nd);
}

void nd_babel_print(struct nd *nd, const uint8_t *cp, unsigned length)
{
	nd->protocol = "babel";
	nd_puts(nd, "babel");
	if (!ND_TTEST_LEN(nd, cp, 4)) {
		nd_print_trunc(nd);
		return;
	}
	if (GET_U_1(cp) != 42) {
		nd_puts(nd, " invalid header");
		return;
	}
	nd_printf(nd, " %u", GET_U_1(cp + 1));
	if (GET_U_1(cp + 1) == 2)
		babel_v2_print(nd, cp, length);
	else
		nd_puts(nd, " unknown version");
}

/* print-mptcp.c: the Multipath TCP option (RFC 6824, RFC 8684; TCP option kind 30) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-app.h"

#define TH_SYN 0x02
#define TH_ACK 0x10

/*
 * Each subtype's printer gets the whole option (kind and length included),
 * whose bytes the TCP printer has checked were captured; it returns 0 when
 * the length does not fit the subtype (tcpdump's "[bad opt]").
 */
typedef int (*mp_printer)(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags);

static uint64_t get_be64(struct nd *nd, const uint8_t *p)
{
	return (uint64_t)GET_BE_U_4(p) << 32 | GET_BE_U_4(p + 4);
}

static int mp_capable(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	unsigned version;

	if (!((len == 12 || len == 4) && (flags & TH_SYN)) &&
	    !((len == 20 || len == 22) && (flags & (TH_SYN | TH_ACK)) == TH_ACK))
		return 0;
	version = GET_U_1(opt + 2) & 0xf;
	if (version > 1) {
		nd_printf(nd, " Unknown Version (%u)", version);
		return 1;
	}
	nd_printf(nd, " v%u", version);
	if (GET_U_1(opt + 3) & 0x80)
		nd_puts(nd, " csum");
	if (len == 12 || len >= 20) {
		nd_printf(nd, " {0x%" PRIx64, get_be64(nd, opt + 4));
		if (len >= 20)
			nd_printf(nd, ",0x%" PRIx64, get_be64(nd, opt + 12));
		nd_putc(nd, '}');
	}
	return 1;
}

static int mp_join(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	if (!(len == 12 && (flags & TH_SYN)) &&
	    !(len == 16 && (flags & (TH_SYN | TH_ACK)) == (TH_SYN | TH_ACK)) &&
	    !(len == 24 && (flags & TH_ACK)))
		return 0;
	if (len != 24) {
		if (GET_U_1(opt + 2) & 1)
			nd_puts(nd, " backup");
		nd_printf(nd, " id %u", GET_U_1(opt + 3));
	}
	if (len == 12) {
		nd_printf(nd, " token 0x%x nonce 0x%x", GET_BE_U_4(opt + 4), GET_BE_U_4(opt + 8));
	} else if (len == 16) {
		nd_printf(nd, " hmac 0x%" PRIx64 " nonce 0x%x", get_be64(nd, opt + 4),
			  GET_BE_U_4(opt + 12));
	} else {
		nd_puts(nd, " hmac 0x");
		for (unsigned i = 0; i < 20; i++)
			nd_printf(nd, "%02x", GET_U_1(opt + 4 + i));
	}
	return 1;
}

/* A 64-bit or 32-bit number as the flag says; returns the bytes used, 0 if they are not there. */
static unsigned dss_number(struct nd *nd, const uint8_t *p, unsigned left, int wide)
{
	if (left < (wide ? 8u : 4u))
		return 0;
	if (wide)
		nd_printf(nd, "%" PRIu64, get_be64(nd, p));
	else
		nd_printf(nd, "%u", GET_BE_U_4(p));
	return wide ? 8 : 4;
}

static int mp_dss(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	unsigned f, n;

	if (len < 4 || (flags & TH_SYN))
		return 0;
	f = GET_U_1(opt + 3);
	if (f & 0x10)
		nd_puts(nd, " fin");
	opt += 4;
	len -= 4;
	if (f & 0x01) {
		nd_puts(nd, " ack ");
		if (!(n = dss_number(nd, opt, len, f & 0x02)))
			return 0;
		opt += n;
		len -= n;
	}
	if (f & 0x04) {
		nd_puts(nd, " seq ");
		if (!(n = dss_number(nd, opt, len, f & 0x08)))
			return 0;
		opt += n;
		len -= n;
		if (len < 4)
			return 0;
		nd_printf(nd, " subseq %u", GET_BE_U_4(opt));
		if (len < 6)
			return 0;
		nd_printf(nd, " len %u", GET_BE_U_2(opt + 4));
		len -= 6;
		if (len >= 2) {	/* the checksum, if it was negotiated */
			nd_printf(nd, " csum 0x%x", GET_BE_U_2(opt + 6));
			len -= 2;
		}
	}
	return len == 0;
}

static const struct nd_tok add_addr_versions[] = {
	{ 0x6, "v0-ip6" }, { 0x4, "v0-ip4" }, { 0x1, "v1-echo" }, { 0x0, "v1" }, { 0, NULL },
};

static int add_addr(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	char buf[32];
	int v6 = len >= 20, port = len == 10 || len == 18 || len == 22 || len == 30;
	unsigned alen = v6 ? 16 : 4;

	(void)flags;
	if (len != 8 && len != 10 && len != 16 && len != 18 && len != 20 && len != 22 &&
	    len != 28 && len != 30)
		return 0;
	nd_printf(nd, " %s", nd_tok2str(add_addr_versions, "[bad version/echo]",
					GET_U_1(opt + 2) & 0xf, buf, sizeof(buf)));
	nd_printf(nd, " id %u", GET_U_1(opt + 3));
	nd_printf(nd, " %s", v6 ? nd_ip6addr_string(nd, opt + 4) : nd_ipaddr_string(nd, opt + 4));
	if (port)
		nd_printf(nd, ":%u", GET_BE_U_2(opt + 4 + alen));
	if (len == 16 || len == 18 || len == 28 || len == 30)
		nd_printf(nd, " hmac 0x%" PRIx64, get_be64(nd, opt + 4 + alen + (port ? 2 : 0)));
	return 1;
}

static int remove_addr(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	(void)flags;
	if (len < 4)
		return 0;
	nd_puts(nd, " id");
	for (unsigned i = 3; i < len; i++)
		nd_printf(nd, " %u", GET_U_1(opt + i));
	return 1;
}

static int mp_prio(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	(void)flags;
	if (len != 3 && len != 4)
		return 0;
	nd_puts(nd, GET_U_1(opt + 2) & 1 ? " backup" : " non-backup");
	if (len == 4)
		nd_printf(nd, " id %u", GET_U_1(opt + 3));
	return 1;
}

static int mp_fail(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	(void)flags;
	if (len != 12)
		return 0;
	nd_printf(nd, " seq %" PRIu64, get_be64(nd, opt + 4));
	return 1;
}

static int mp_fast_close(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	(void)flags;
	if (len != 12)
		return 0;
	nd_printf(nd, " key 0x%" PRIx64, get_be64(nd, opt + 4));
	return 1;
}

static int mp_unknown(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	(void)nd, (void)opt, (void)len, (void)flags;
	return 1;
}

static const struct {
	const char *name;
	mp_printer print;
} mp_subtypes[] = {
	{ "capable", mp_capable }, { "join", mp_join },	   { "dss", mp_dss },
	{ "add-addr", add_addr },  { "rem-addr", remove_addr }, { "prio", mp_prio },
	{ "fail", mp_fail },	   { "fast-close", mp_fast_close },
	/* 4.99.3 names nothing past fast-close (TCPRST, subtype 8, came later). */
	{ "unknown", mp_unknown },
};

int nd_mptcp_print(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags)
{
	unsigned subtype;

	/* As in tcpdump, later truncation markers of this packet name mptcp. */
	nd->protocol = "mptcp";
	if (len < 3)
		return 0;
	subtype = GET_U_1(opt + 2) >> 4;
	if (subtype > 8)
		subtype = 8;
	nd_printf(nd, " %u %s", len, mp_subtypes[subtype].name);
	return mp_subtypes[subtype].print(nd, opt, len, flags);
}

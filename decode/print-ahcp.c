/* print-ahcp.c: the Ad-Hoc Configuration Protocol (AHCP) version 1 on UDP port 5359 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <time.h>

#include "print-app.h"

#define AHCP_MAGIC 43
#define AHCP1_HEADER_LEN 24
#define AHCP1_BODY_MIN_LEN 4
#define AHCP1_OPT_MAX 13

static const struct nd_tok msgs[] = {
	{ 0, "Discover" }, { 1, "Offer" }, { 2, "Request" }, { 3, "Ack" }, { 4, "Nack" },
	{ 5, "Release" }, { 0, NULL },
};

static const struct nd_tok opts[] = {
	{ 0, "Pad" }, { 1, "Mandatory" }, { 2, "Origin Time" }, { 3, "Expires" },
	{ 4, "My-IPv6-Address" }, { 5, "My-IPv4-Address" }, { 6, "IPv6 Prefix" },
	{ 7, "IPv4 Prefix" }, { 8, "IPv6 Address" }, { 9, "IPv4 Address" },
	{ 10, "IPv6 Prefix Delegation" }, { 11, "IPv4 Prefix Delegation" },
	{ 12, "Name Server" }, { 13, "NTP Server" }, { 0, NULL },
};

/* How each option's value is a list: item size (0: not decoded), address size, prefix length. */
struct optfmt {
	unsigned char item, alen;
};
static const struct optfmt fmts[AHCP1_OPT_MAX + 1] = {
	[4] = { 16, 16 }, [5] = { 4, 4 }, [6] = { 17, 16 }, [8] = { 16, 16 }, [9] = { 4, 4 },
	[10] = { 17, 16 }, [11] = { 5, 4 }, [12] = { 16, 16 }, [13] = { 16, 16 },
};

/* Origin time (2) and expiry (3): 4-byte values; 0 or -1 (invalid). */
static int time_print(struct nd *nd, unsigned no, const uint8_t *cp, unsigned len)
{
	char buf[64];
	struct tm tm;
	time_t t;

	if (len != 4)
		return -1;
	if (no == 3) {
		nd_printf(nd, ": %us", GET_BE_U_4(cp));
		return 0;
	}
	t = (time_t)GET_BE_U_4(cp);
	if (!gmtime_r(&t, &tm))
		nd_puts(nd, ": gmtime() error");
	else if (strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S", &tm) == 0)
		nd_puts(nd, ": strftime() error");
	else
		nd_printf(nd, ": %s UTC", buf);
	return 0;
}

/* Address and prefix lists; 0 or -1 (invalid: the rest is checked from cp on). */
static int list_print(struct nd *nd, const struct optfmt *f, const uint8_t **cpp, unsigned *lenp)
{
	const char *sep = ": ";

	while (*lenp) {
		if (*lenp < f->item)
			return -1;
		/* the whole item is read before any of it is printed, as in tcpdump */
		ND_TCHECK_LEN(nd, *cpp, f->item);
		nd_printf(nd, "%s%s", sep, f->alen == 16 ? nd_ip6addr_string(nd, *cpp)
							 : nd_ipaddr_string(nd, *cpp));
		if (f->item > f->alen)
			nd_printf(nd, "/%u", GET_U_1(*cpp + f->alen));
		*cpp += f->item;
		*lenp -= f->item;
		sep = ", ";
	}
	return 0;
}

static void value_print(struct nd *nd, unsigned no, const uint8_t *cp, unsigned len)
{
	int rc;

	if (no == 2 || no == 3) {
		rc = time_print(nd, no, cp, len);
	} else if (no <= AHCP1_OPT_MAX && fmts[no].item) {
		rc = list_print(nd, &fmts[no], &cp, &len);
	} else {
		nd_printf(nd, " (Length %u)", len);
		rc = 0;
	}
	if (rc < 0)
		nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, cp, len);
}

/* -vv: the options within the body's length; 0 or -1 (invalid at *cpp). */
static int options_print(struct nd *nd, const uint8_t **cpp, unsigned *lenp)
{
	unsigned no, olen;
	char buf[32];

	while (*lenp) {
		no = GET_U_1(*cpp);
		*cpp += 1;
		*lenp -= 1;
		nd_printf(nd, "\n\t %s", nd_tok2str(opts, "Unknown-%u", no, buf, sizeof(buf)));
		if (no == 0 || no == 1)
			continue;
		if (!*lenp)
			return -1;
		olen = GET_U_1(*cpp);
		*cpp += 1;
		*lenp -= 1;
		if (olen > *lenp)
			return -1;
		value_print(nd, no, *cpp, olen);
		*cpp += olen;
		*lenp -= olen;
	}
	return 0;
}

/* The body after the header: type, MBZ, length, options; 0 or -1 (invalid at *cpp). */
static int body_print(struct nd *nd, const uint8_t **cpp, unsigned *lenp)
{
	unsigned type, mbz, blen;
	char buf[32];

	if (*lenp < AHCP1_BODY_MIN_LEN)
		return -1;
	type = GET_U_1(*cpp);
	mbz = GET_U_1(*cpp + 1);
	blen = GET_BE_U_2(*cpp + 2);
	*cpp += 4;
	*lenp -= 4;
	if (nd->o.vflag) {
		nd_printf(nd, "\n\t%s", nd_tok2str(msgs, "Unknown-%u", type, buf, sizeof(buf)));
		if (mbz != 0)
			nd_printf(nd, ", MBZ %u", mbz);
		nd_printf(nd, ", Length %u", blen);
	}
	if (blen > *lenp)
		return -1;
	if (nd->o.vflag < 2) {
		ND_TCHECK_LEN(nd, *cpp, blen);
		return 0;
	}
	/* only the body's length: what follows it is ignored */
	*lenp = blen;
	return options_print(nd, cpp, lenp);
}

/* An 8-byte node id as tcpdump's linkaddr_string prints it. */
static void id_print(struct nd *nd, const char *label, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 8);
	nd_puts(nd, label);
	for (int i = 0; i < 8; i++)
		nd_printf(nd, i ? ":%02x" : "%02x", GET_U_1(p + i));
}

void nd_ahcp_print(struct nd *nd, const uint8_t *cp, unsigned len)
{
	unsigned version;

	nd->protocol = "ahcp";
	nd_puts(nd, "AHCP");
	if (len < 2 || GET_U_1(cp) != AHCP_MAGIC)
		goto invalid;
	version = GET_U_1(cp + 1);
	cp += 2;
	len -= 2;
	if (version != 1) {
		nd_printf(nd, " Version %u (unknown)", version);
		ND_TCHECK_LEN(nd, cp, len);
		return;
	}
	nd_puts(nd, " Version 1");
	if (len < AHCP1_HEADER_LEN - 2)
		goto invalid;
	if (nd->o.vflag) {
		nd_printf(nd, "\n\tHopcount %u", GET_U_1(cp));
		nd_printf(nd, ", Original Hopcount %u", GET_U_1(cp + 1));
		nd_printf(nd, ", Nonce 0x%08x", GET_BE_U_4(cp + 2));
		id_print(nd, ", Source Id ", cp + 6);
		id_print(nd, ", Destination Id ", cp + 14);
	} else {
		ND_TCHECK_LEN(nd, cp, AHCP1_HEADER_LEN - 2);
	}
	cp += AHCP1_HEADER_LEN - 2;
	len -= AHCP1_HEADER_LEN - 2;
	if (body_print(nd, &cp, &len) == 0)
		return;
invalid:
	nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, cp, len);
}

/* print-null.c: BSD loopback (DLT_NULL, DLT_LOOP) and the raw IP link types */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"

#define NULL_HDRLEN 4

static const struct nd_tok bsd_af_values[] = {
	{ 2, "IPv4" }, { 6, "NS" }, { 7, "ISO" }, { 16, "Appletalk" }, { 23, "IPX" },
	{ 24, "IPv6" }, { 28, "IPv6" }, { 30, "IPv6" }, { 0, NULL },
};

static void null_hdr_print(struct nd *nd, unsigned family, unsigned length)
{
	char buf[32];

	if (!nd->o.qflag)
		nd_printf(nd, "AF %s (%u)", nd_tok2str(bsd_af_values, "Unknown", family, buf,
						       sizeof(buf)), family);
	else
		nd_puts(nd, nd_tok2str(bsd_af_values, "Unknown AF %u", family, buf, sizeof(buf)));
	nd_printf(nd, ", length %u: ", length);
}

unsigned nd_null_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
		       int loop)
{
	unsigned family;

	nd->protocol = "null";
	ND_TCHECK_LEN(nd, p, NULL_HDRLEN);
	/*
	 * DLT_NULL is in the byte order of the machine that wrote the file and
	 * DLT_LOOP in network order; tcpdump treats both alike: a family with
	 * high bits set must have been swapped.
	 */
	(void)loop;
	family = GET_LE_U_4(p);
	if (family & 0xffff0000)
		family = GET_BE_U_4(p);
	if (nd->o.eflag)
		null_hdr_print(nd, family, length);
	switch (family) {
	case 2:
		nd_ip_print(nd, p + NULL_HDRLEN, length - NULL_HDRLEN);
		break;
	case 24:
	case 28:
	case 30:
		nd_ip6_print(nd, p + NULL_HDRLEN, length - NULL_HDRLEN);
		break;
	default:
		if (!nd->o.eflag)
			null_hdr_print(nd, family, length);
		if (nd_want_default_print(nd))
			nd_default_print(nd, p + NULL_HDRLEN, caplen - NULL_HDRLEN);
		break;
	}
	nd->ll_hdr_len = NULL_HDRLEN;
	return NULL_HDRLEN;
}

unsigned nd_raw_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	unsigned ver;

	(void)caplen;
	nd->protocol = "raw";
	if (nd->o.eflag)
		nd_puts(nd, "ip: ");
	nd->protocol = "ipn";
	if (length < 1) {
		nd_printf(nd, "truncated-ip %u", length);
		return 0;
	}
	ver = GET_U_1(p) >> 4;
	if (ver == 4)
		nd_ip_print(nd, p, length);
	else if (ver == 6)
		nd_ip6_print(nd, p, length);
	else
		nd_printf(nd, "unknown ip %u", ver);
	return 0;
}

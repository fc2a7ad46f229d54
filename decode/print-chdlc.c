/* print-chdlc.c: Cisco HDLC frames (DLT_C_HDLC, and in DLT_PPP_SERIAL captures) and SLARP */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"
#include "print-ip.h"
#include "print-ppp.h"

#define CHDLC_HDRLEN 4
#define CHDLC_TYPE_SLARP 0x8035
#define SLARP_MIN_LEN 14
#define SLARP_MAX_LEN 18

static const struct nd_tok casts[] = { { 0x0f, "unicast" }, { 0x8f, "bcast" }, { 0, NULL } };

static void keepalive_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	uint32_t mine = GET_BE_U_4(p + 4), yours = GET_BE_U_4(p + 8);
	unsigned rel = GET_BE_U_2(p + 12), sec, min, hrs, days;

	nd_printf(nd, "keepalive: mineseen=0x%08x, yourseen=0x%08x, reliability=0x%04x", mine,
		  yours, rel);
	if (length < SLARP_MAX_LEN)
		return;
	sec = GET_BE_U_4(p + SLARP_MIN_LEN) / 1000;
	min = sec / 60;
	sec -= min * 60;
	hrs = min / 60;
	min -= hrs * 60;
	days = hrs / 24;
	hrs -= days * 24;
	nd_printf(nd, ", link uptime=%ud%uh%um%us", days, hrs, min, sec);
}

/* Cisco's serial line address resolution and keepalives. */
static void slarp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	const uint8_t *dump = p + 4;
	uint32_t code;

	nd->protocol = "chdlc_slarp";
	nd_printf(nd, "SLARP (length: %u), ", length);
	if (length < SLARP_MIN_LEN || !ND_TTEST_LEN(nd, p, SLARP_MIN_LEN)) {
		nd_print_trunc(nd);
		return;
	}
	code = GET_BE_U_4(p);
	if (code == 0) {
		nd_puts(nd, "request");
	} else if (code == 1) {
		const char *addr = nd_ipaddr_string(nd, p + 4), *mask = nd_ipaddr_string(nd, p + 8);

		nd_printf(nd, "reply %s/%s", addr, mask);
	} else if (code == 2) {
		keepalive_print(nd, p, length);
		/* tcpdump's -vv dump below then starts after the uptime. */
		if (length >= SLARP_MAX_LEN)
			dump = p + SLARP_MIN_LEN + 4;
	} else {
		nd_printf(nd, "0x%02x unknown", code);
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p + 4, "\n\t", length - 4);
	}
	if (SLARP_MAX_LEN < length && nd->o.vflag)
		nd_printf(nd, ", (trailing junk: %u bytes)", length - SLARP_MAX_LEN);
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, dump, "\n\t", length - 4);
}

unsigned nd_chdlc_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	const char *name;
	char buf[16];
	unsigned proto, nlpid;

	nd->protocol = "chdlc";
	if (length < CHDLC_HDRLEN) {
		nd_print_trunc(nd);
		return (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p);
	}
	proto = GET_BE_U_2(p + 2);
	if (nd->o.eflag) {
		name = nd_ethertype_name(proto);
		nd_printf(nd, "%s, ethertype %s (0x%04x), length %u: ",
			  nd_tok2str(casts, "0x%02x", GET_U_1(p), buf, sizeof(buf)),
			  name ? name : "Unknown", proto, length);
	}
	length -= CHDLC_HDRLEN;
	p += CHDLC_HDRLEN;
	switch (proto) {
	case 0x0800:
		nd_ip_print(nd, p, length);
		break;
	case 0x86dd:
		nd_ip6_print(nd, p, length);
		break;
	case CHDLC_TYPE_SLARP:
		slarp_print(nd, p, length);
		break;
	case 0x8847:
	case 0x8848:
		nd_mpls_print(nd, p, length);
		break;
	case 0xfefe:	/* OSI */
		if (length < 2) {
			nd_print_trunc(nd);
			return (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p - CHDLC_HDRLEN);
		}
		/* tcpdump's guess: a fudge byte comes first when CLNP, ES-IS or IS-IS follows it */
		nlpid = GET_U_1(p + 1);
		if (nlpid == 0x81 || nlpid == 0x82 || nlpid == 0x83)
			nd_isoclns_print(nd, p + 1, length - 1);
		else
			nd_isoclns_print(nd, p, length);
		break;
	default:
		if (!nd->o.eflag)
			nd_printf(nd, "unknown CHDLC protocol (0x%04x)", proto);
		break;
	}
	return CHDLC_HDRLEN;
}

unsigned nd_chdlc_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	(void)caplen;
	nd->protocol = "chdlc";
	return nd_chdlc_print(nd, p, length);
}

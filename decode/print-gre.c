/* print-gre.c: GRE (RFC 1701, 2784, 2890) v0 and the PPTP v1 header, with what they carry */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"
#include "print-ppp.h"
#include "print-app.h"

#define GRE_CP 0x8000	/* checksum present */
#define GRE_RP 0x4000	/* routing present */
#define GRE_KP 0x2000	/* key present */
#define GRE_SP 0x1000	/* sequence number present */
#define GRE_AP 0x0080	/* acknowledgment present (v1) */

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_MPLS 0x8847
#define ETHERTYPE_TEB 0x6558

static const struct nd_tok gre_flags[] = {
	{ 0x8000, "checksum present" }, { 0x4000, "routing present" },
	{ 0x2000, "key present" },	{ 0x1000, "sequence# present" },
	{ 0x0800, "source routing present" }, { 0x0080, "ack present" }, { 0, NULL },
};

/*
 * tcpdump's GRE printer checks lengths with a goto, not a longjmp: a header
 * cut short prints " [|gre]" and -x still skips the link header. need()
 * is that check; it returns 0 when the caller should stop.
 */
static int need(struct nd *nd, const uint8_t *bp, unsigned len, unsigned n)
{
	if (!ND_TTEST_LEN(nd, bp, n) || len < n) {
		nd_print_trunc(nd);
		return 0;
	}
	return 1;
}

static void flags_print(struct nd *nd, unsigned flags)
{
	char buf[128];

	if (nd->o.vflag) {
		nd_puts(nd, ", Flags [");
		nd_puts(nd, nd_bittok2str(gre_flags, "none", flags, ", ", buf, sizeof(buf)));
		nd_putc(nd, ']');
	}
}

static void proto_print(struct nd *nd, unsigned proto, unsigned length)
{
	const char *name = nd_ethertype_name(proto);

	if (nd->o.eflag)
		nd_printf(nd, ", proto %s (0x%04x)", name ? name : "unknown", proto);
	nd_puts(nd, ", length ");
	nd_putu(nd, length);
}

/* A source route entry's addresses (IPv4, 4 bytes each, or AS numbers, 2); 0 if cut off. */
static int sre_print(struct nd *nd, unsigned af, unsigned off, unsigned srelen,
		     const uint8_t *bp, unsigned len)
{
	unsigned step = af == 0x0800 ? 4 : 2;
	const uint8_t *up = bp;

	if (af != 0x0800 && af != 0xfffe) {
		nd_printf(nd, ", (rtaf=0x%x)", af);
		return 1;
	}
	nd_puts(nd, af == 0x0800 ? ", (rtaf=ip" : ", (rtaf=asn");
	if (off & (step - 1)) {
		nd_printf(nd, ", badoffset=%u)", off);
		return 1;
	}
	if (srelen & (step - 1)) {
		nd_printf(nd, ", badlength=%u)", srelen);
		return 1;
	}
	if (off >= srelen) {
		nd_printf(nd, ", badoff/len=%u/%u)", off, srelen);
		return 1;
	}
	while (srelen != 0) {
		if (!ND_TTEST_LEN(nd, bp, step) || len < step) {
			nd_putc(nd, ')');
			return 0;
		}
		nd_printf(nd, " %s", (unsigned)(bp - up) == off ? "*" : "");
		if (step == 4)
			nd_puts(nd, nd_ipaddr_string(nd, bp));
		else
			nd_printf(nd, "%x", GET_BE_U_2(bp));
		bp += step;
		len -= step;
		srelen -= step;
	}
	nd_putc(nd, ')');
	return 1;
}

static void gre0_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned len = length, flags, proto;
	uint32_t key;

	flags = GET_BE_U_2(bp);
	flags_print(nd, flags);
	bp += 2;
	len -= 2;
	if (!need(nd, bp, len, 2))
		return;
	proto = GET_BE_U_2(bp);
	bp += 2;
	len -= 2;
	if (flags & (GRE_CP | GRE_RP)) {
		if (!need(nd, bp, len, 2))
			return;
		if (nd->o.vflag)
			nd_printf(nd, ", sum 0x%x", GET_BE_U_2(bp));
		bp += 2;
		len -= 2;
		if (!need(nd, bp, len, 2))
			return;
		nd_printf(nd, ", off 0x%x", GET_BE_U_2(bp));
		bp += 2;
		len -= 2;
	}
	if (flags & GRE_KP) {
		if (!need(nd, bp, len, 4))
			return;
		key = GET_BE_U_4(bp);
		nd_puts(nd, ", key=0x");
		nd_putx(nd, key, 0);
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_SP) {
		if (!need(nd, bp, len, 4))
			return;
		key = GET_BE_U_4(bp);
		nd_puts(nd, ", seq ");
		nd_putu(nd, key);
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_RP) {
		for (;;) {
			unsigned af, off, srelen;

			if (!need(nd, bp, len, 4))
				return;
			af = GET_BE_U_2(bp);
			off = GET_U_1(bp + 2);
			srelen = GET_U_1(bp + 3);
			bp += 4;
			len -= 4;
			if (af == 0 && srelen == 0)
				break;
			if (!sre_print(nd, af, off, srelen, bp, len) || len < srelen) {
				nd_print_trunc(nd);
				return;
			}
			bp += srelen;
			len -= srelen;
		}
	}
	proto_print(nd, proto, length);
	nd_puts(nd, nd->o.vflag ? "\n\t" : ": ");
	switch (proto) {
	case ETHERTYPE_IP:
		nd_ip_print(nd, bp, len);
		break;
	case ETHERTYPE_IPV6:
		nd_ip6_print(nd, bp, len);
		break;
	case ETHERTYPE_MPLS:
		nd_mpls_print(nd, bp, len);
		break;
	case ETHERTYPE_TEB:
		nd_ether_encap_print(nd, bp, len, (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp));
		break;
	case 0x00fe:	/* OSI: IS-IS is decoded, CLNP and ES-IS are not */
		if (!nd_isoclns_print(nd, bp, len))
			nd_printf(nd, "gre-proto-0x%x", proto);
		break;
	default:
		nd_printf(nd, "gre-proto-0x%x", proto);
		break;
	}
}

/* Version 1 (PPTP's enhanced GRE), carrying PPP. */
static void gre1_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned len = length, flags, proto;

	flags = GET_BE_U_2(bp);
	bp += 2;
	len -= 2;
	flags_print(nd, flags);
	if (!need(nd, bp, len, 2))
		return;
	proto = GET_BE_U_2(bp);
	bp += 2;
	len -= 2;
	if (flags & GRE_KP) {
		if (!need(nd, bp, len, 4))
			return;
		nd_printf(nd, ", call %u", GET_BE_U_4(bp) & 0xffff);
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_SP) {
		if (!need(nd, bp, len, 4))
			return;
		nd_printf(nd, ", seq %u", GET_BE_U_4(bp));
		bp += 4;
		len -= 4;
	}
	if (flags & GRE_AP) {
		if (!need(nd, bp, len, 4))
			return;
		nd_printf(nd, ", ack %u", GET_BE_U_4(bp));
		bp += 4;
		len -= 4;
	}
	if (!(flags & GRE_SP))
		nd_puts(nd, ", no-payload");
	proto_print(nd, proto, length);
	if (!(flags & GRE_SP))
		return;
	nd_puts(nd, nd->o.vflag ? "\n\t" : ": ");
	if (proto == 0x880b)
		nd_ppp_print(nd, bp, len);
	else
		nd_printf(nd, "gre-proto-0x%x", proto);
}

void nd_gre_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned vers;

	nd->protocol = "gre";
	if (!need(nd, bp, length, 2))
		return;
	vers = GET_BE_U_2(bp) & 7;
	nd_printf(nd, "GREv%u", vers);
	if (vers == 0)
		gre0_print(nd, bp, length);
	else if (vers == 1)
		gre1_print(nd, bp, length);
	else
		nd_puts(nd, " ERROR: unknown-version");
}

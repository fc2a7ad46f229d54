/* print-arp.c: ARP, RARP and InARP (RFC 826, 903, 2390) as tcpdump prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>

#include "print-ip.h"

#define ARP_HDRLEN 8
#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_TRAIL 0x1000

static const struct nd_tok arpop_values[] = {
	{ 1, "Request" }, { 2, "Reply" }, { 3, "Reverse Request" }, { 4, "Reverse Reply" },
	{ 8, "Inverse Request" }, { 9, "Inverse Reply" }, { 10, "NACK Reply" }, { 0, NULL },
};

static const struct nd_tok arphrd_values[] = {
	{ 1, "Ethernet" }, { 6, "TokenRing" }, { 7, "ArcNet" }, { 15, "FrameRelay" },
	{ 23, "Strip" }, { 24, "IEEE 1394" }, { 19, "ATM" }, { 32, "InfiniBand" }, { 0, NULL },
};

struct arp {
	const uint8_t *bp;
	unsigned pro, hln, pln;
};

static const uint8_t *sha(const struct arp *a) { return a->bp + ARP_HDRLEN; }
static const uint8_t *spa(const struct arp *a) { return sha(a) + a->hln; }
static const uint8_t *tha(const struct arp *a) { return spa(a) + a->pln; }
static const uint8_t *tpa(const struct arp *a) { return tha(a) + a->hln; }

/* A hardware address: MAC form for six bytes, else colon-separated hex. */
static void linkaddr_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (len == 0) {
		nd_puts(nd, "<empty>");
		return;
	}
	if (len == 6) {
		nd_puts(nd, nd_etheraddr_string(nd, p));
		return;
	}
	ND_TCHECK_LEN(nd, p, len);
	for (unsigned i = 0; i < len; i++)
		nd_printf(nd, i ? ":%02x" : "%02x", GET_U_1(p + i));
}

static void protoaddr_print(struct nd *nd, const struct arp *a, const uint8_t *p)
{
	if (a->pro != ETHERTYPE_IP && a->pro != ETHERTYPE_TRAIL)
		nd_puts(nd, "<wrong proto type>");
	else if (a->pln != 4)
		nd_puts(nd, "<wrong len>");
	else
		nd_puts(nd, nd_ipaddr_string(nd, p));
}

static int isnonzero(struct nd *nd, const uint8_t *p, unsigned len)
{
	while (len--)
		if (GET_U_1(p++))
			return 1;
	return 0;
}

void nd_arp_print(struct nd *nd, const uint8_t *bp, unsigned length, unsigned caplen)
{
	struct arp a = { .bp = bp };
	unsigned hrd, op;
	char b1[40], b2[40];

	nd->protocol = "arp";
	ND_TCHECK_LEN(nd, bp, ARP_HDRLEN);
	hrd = GET_BE_U_2(bp);
	a.pro = GET_BE_U_2(bp + 2);
	a.hln = GET_U_1(bp + 4);
	a.pln = GET_U_1(bp + 5);
	op = GET_BE_U_2(bp + 6);
	/* Even an empty target address must start inside the capture. */
	if (tpa(&a) > nd->snapend)
		nd_trunc_longjmp(nd);
	ND_TCHECK_LEN(nd, tpa(&a), a.pln);
	if (!nd->o.eflag)
		nd_puts(nd, "ARP, ");
	if ((a.pro != ETHERTYPE_IP && a.pro != ETHERTYPE_TRAIL) || a.pln != 4 || a.hln == 0 ||
	    nd->o.vflag) {
		const char *pname = nd_ethertype_name(a.pro);

		if (!pname) {
			snprintf(b2, sizeof(b2), "Unknown Protocol (0x%04x)", a.pro);
			pname = b2;
		}
		nd_printf(nd, "%s (len %u), %s (len %u)",
			  nd_tok2str(arphrd_values, "Unknown Hardware (%u)", hrd, b1, sizeof(b1)),
			  a.hln, pname, a.pln);
		/* Without -v the addresses of an unknown format are not guessed at. */
		if (!nd->o.vflag)
			goto out;
	}
	nd_printf(nd, "%s%s ", nd->o.vflag ? ", " : "",
		  nd_tok2str(arpop_values, "Unknown (%u)", op, b1, sizeof(b1)));
	switch (op) {
	case 1:
		nd_puts(nd, "who-has ");
		protoaddr_print(nd, &a, tpa(&a));
		if (isnonzero(nd, tha(&a), a.hln)) {
			nd_puts(nd, " (");
			linkaddr_print(nd, tha(&a), a.hln);
			nd_putc(nd, ')');
		}
		nd_puts(nd, " tell ");
		protoaddr_print(nd, &a, spa(&a));
		break;
	case 2:
		protoaddr_print(nd, &a, spa(&a));
		nd_puts(nd, " is-at ");
		linkaddr_print(nd, sha(&a), a.hln);
		break;
	case 3:
	case 8:
		nd_puts(nd, "who-is ");
		linkaddr_print(nd, tha(&a), a.hln);
		nd_puts(nd, " tell ");
		linkaddr_print(nd, sha(&a), a.hln);
		break;
	case 4:
		linkaddr_print(nd, tha(&a), a.hln);
		nd_puts(nd, " at ");
		protoaddr_print(nd, &a, tpa(&a));
		break;
	case 9:
		linkaddr_print(nd, sha(&a), a.hln);
		nd_puts(nd, " at ");
		protoaddr_print(nd, &a, spa(&a));
		break;
	default:
		nd_default_print(nd, bp, caplen);
		return;
	}
out:
	nd_printf(nd, ", length %u", length);
}

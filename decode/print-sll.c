/* print-sll.c: Linux cooked captures, SLL (DLT 113) and SLL2 (DLT 276) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <net/if.h>
#include <string.h>

#include "print-ip.h"

#define SLL_HDR_LEN 16
#define SLL2_HDR_LEN 20
#define MAX_ETHERNET_LENGTH_VAL 1500
#define LINUX_SLL_P_802_3 0x0001
#define LINUX_SLL_P_802_2 0x0004

static const struct nd_tok sll_pkttype_values[] = {
	{ 0, "In" }, { 1, "B" }, { 2, "M" }, { 3, "P" }, { 4, "Out" }, { 0, NULL },
};

/* The cooked header's address and protocol, as -e shows them. */
static void sll_proto_print(struct nd *nd, const uint8_t *addr, unsigned halen, unsigned proto,
			    unsigned length)
{
	/* Only six-byte addresses are assumed to be Ethernet and printed. */
	if (halen == 6)
		nd_printf(nd, "%s ", nd_etheraddr_string(nd, addr));
	if (nd->o.qflag)
		return;
	if (proto <= MAX_ETHERNET_LENGTH_VAL) {
		if (proto == LINUX_SLL_P_802_3)
			nd_puts(nd, "802.3");
		else if (proto == LINUX_SLL_P_802_2)
			nd_puts(nd, "802.2");
		else
			nd_printf(nd, "ethertype Unknown (0x%04x)", proto);
	} else {
		const char *name = nd_ethertype_name(proto);

		nd_printf(nd, "ethertype %s (0x%04x)", name ? name : "Unknown", proto);
	}
	nd_printf(nd, ", length %u: ", length);
}

static void sll_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	char buf[16];

	nd_printf(nd, "%3s ", nd_tok2str(sll_pkttype_values, "?", GET_BE_U_2(p), buf, sizeof(buf)));
	sll_proto_print(nd, p + 6, GET_BE_U_2(p + 4), GET_BE_U_2(p + 14), length);
}

static void sll2_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	nd_printf(nd, "ifindex %u ", GET_BE_U_4(p + 4));
	sll_proto_print(nd, p + 12, GET_U_1(p + 11), GET_BE_U_2(p), length);
}

/*
 * What follows either cooked header; hdr_print prints the header for an
 * unknown protocol when -e has not. Returns the bytes of header consumed.
 */
static unsigned cooked_payload(struct nd *nd, const uint8_t *hdr, unsigned hdrlen, unsigned type,
			       unsigned length, unsigned caplen,
			       void (*hdr_print)(struct nd *, const uint8_t *, unsigned))
{
	const uint8_t *p = hdr + hdrlen;
	unsigned base = hdrlen;

	for (;;) {
		if (type <= MAX_ETHERNET_LENGTH_VAL) {
			int n = -1;

			if (type == LINUX_SLL_P_802_2)
				n = nd_llc_print(nd, p, length, caplen, NULL, NULL);
			if (n >= 0)
				return hdrlen + (unsigned)n;
			if (nd_want_default_print(nd))
				nd_default_print(nd, p, caplen);
			return hdrlen;
		}
		if (type != 0x8100)
			break;
		if (caplen < 4 || length < 4) {
			unsigned rest = caplen < 4 ? caplen : length;

			nd->protocol = "vlan";
			nd_print_trunc(nd);
			return hdrlen + rest;
		}
		if (nd->o.eflag) {
			nd_vlan_tci_print(nd, GET_BE_U_2(p));
			nd_puts(nd, ", ");
		}
		type = GET_BE_U_2(p + 2);
		if (type <= MAX_ETHERNET_LENGTH_VAL)
			type = LINUX_SLL_P_802_2;
		if (!nd->o.qflag) {
			const char *name = nd_ethertype_name(type);

			nd_printf(nd, "ethertype %s, ", name ? name : "Unknown");
		}
		p += 4;
		length -= 4;
		caplen -= 4;
		hdrlen += 4;
	}
	if (!nd_ethertype_print(nd, type, p, length, caplen)) {
		if (!nd->o.eflag)
			hdr_print(nd, hdr, length + base);
		if (nd_want_default_print(nd))
			nd_default_print(nd, p, caplen);
	}
	return hdrlen;
}

unsigned nd_sll_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	unsigned hdrlen;

	nd->protocol = "sll";
	ND_TCHECK_LEN(nd, p, SLL_HDR_LEN);
	if (nd->o.eflag)
		sll_print(nd, p, length);
	hdrlen = cooked_payload(nd, p, SLL_HDR_LEN, GET_BE_U_2(p + 14), length - SLL_HDR_LEN,
				caplen - SLL_HDR_LEN, sll_print);
	nd->ll_hdr_len = hdrlen;
	return hdrlen;
}

unsigned nd_sll2_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	char ifname[IF_NAMESIZE], buf[16];
	unsigned hdrlen;

	nd->protocol = "sll2";
	ND_TCHECK_LEN(nd, p, SLL2_HDR_LEN);
	/* Names are those of this machine's interfaces, as tcpdump also looks them up. */
	if (!if_indextoname(GET_BE_U_4(p + 4), ifname))
		strcpy(ifname, "?");
	nd_printf(nd, "%-5s ", ifname);
	nd_printf(nd, "%-3s ", nd_tok2str(sll_pkttype_values, "?", GET_U_1(p + 10), buf, sizeof(buf)));
	if (nd->o.eflag)
		sll2_print(nd, p, length);
	hdrlen = cooked_payload(nd, p, SLL2_HDR_LEN, GET_BE_U_2(p), length - SLL2_HDR_LEN,
				caplen - SLL2_HDR_LEN, sll2_print);
	nd->ll_hdr_len = hdrlen;
	return hdrlen;
}

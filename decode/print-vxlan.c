/* print-vxlan.c: VXLAN (RFC 7348) on UDP port 4789, with the Ethernet frame it carries */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "nd.h"

#define VXLAN_HDRLEN 8

static const struct nd_tok vxlan_flags[] = {
	{ 0x08, "I" }, { 0, NULL },
};

void nd_vxlan_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned flags, vni;
	char buf[64];

	nd->protocol = "vxlan";
	nd_puts(nd, "VXLAN");
	if (length < VXLAN_HDRLEN) {
		nd_print_invalid(nd);
		return;
	}
	flags = GET_U_1(bp);
	nd_puts(nd, ", flags [");
	nd_puts(nd, nd_bittok2str(vxlan_flags, "invalid", flags, "", buf, sizeof(buf)));
	nd_puts(nd, "] (0x");
	nd_putx(nd, flags, 2);
	nd_puts(nd, "), ");
	vni = GET_BE_U_3(bp + 4);
	nd_puts(nd, "vni ");
	nd_putu(nd, vni);
	nd_putc(nd, '\n');
	/* The second reserved byte must be there, or the frame is cut off (a longjmp). */
	ND_TCHECK_LEN(nd, bp + 7, 1);
	nd_ether_encap_print(nd, bp + VXLAN_HDRLEN, length - VXLAN_HDRLEN,
			     (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp + VXLAN_HDRLEN));
}

/* print-otv.c: Overlay Transport Virtualization (draft-hasmit-otv-04) on UDP port 8472, where Linux's VXLAN default port lands */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define OTV_HDRLEN 8

void nd_otv_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned flags;

	nd->protocol = "otv";
	nd_puts(nd, "OTV, ");
	if (len < OTV_HDRLEN) {
		nd_printf(nd, "[length %u < %u]", len, OTV_HDRLEN);
		nd_print_invalid(nd);
		ND_TCHECK_LEN(nd, bp, len);
		return;
	}
	flags = GET_U_1(bp);
	nd_printf(nd, "flags [%s] (0x%02x), ", (flags & 0x08) ? "I" : ".", flags);
	nd_printf(nd, "overlay %u, ", GET_BE_U_3(bp + 1));
	nd_printf(nd, "instance %u\n", GET_BE_U_3(bp + 4));
	/* The reserved byte must be there, or the frame is cut off. */
	ND_TCHECK_LEN(nd, bp + 7, 1);
	nd_ether_encap_print(nd, bp + OTV_HDRLEN, len - OTV_HDRLEN,
			     (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp + OTV_HDRLEN));
}

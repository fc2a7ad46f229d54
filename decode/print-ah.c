/* print-ah.c: the IPsec Authentication Header (RFC 4302) over IPv4 and IPv6 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

int nd_ah_print(struct nd *nd, const uint8_t *bp)
{
	unsigned sumlen, hlen, rsvd;

	nd->protocol = "ah";
	nd_puts(nd, "AH");
	/* The length field counts 32-bit words, minus two. */
	sumlen = GET_U_1(bp + 1);
	hlen = (sumlen + 2) * 4;
	nd_putc(nd, '(');
	if (nd->o.vflag)
		nd_printf(nd, "length=%u(%u-bytes),", sumlen, hlen);
	rsvd = GET_BE_U_2(bp + 2);
	if (rsvd)
		nd_printf(nd, "reserved=0x%x[MustBeZero],", rsvd);
	nd_printf(nd, "spi=0x%08x,", GET_BE_U_4(bp + 4));
	nd_printf(nd, "seq=0x%x,", GET_BE_U_4(bp + 8));
	nd_puts(nd, "icv=0x");
	for (const uint8_t *p = bp + 12; p < bp + hlen; p++)
		nd_printf(nd, "%02x", GET_U_1(p));
	nd_puts(nd, "): ");
	return (int)hlen;
}

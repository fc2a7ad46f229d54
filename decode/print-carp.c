/* print-carp.c: OpenBSD's CARP on IP protocol 112, which tcpdump prints instead of VRRP with -T carp */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-app.h"

void nd_carp_print(struct nd *nd, const uint8_t *bp, unsigned len, unsigned ttl)
{
	unsigned version, type;
	uint64_t counter;

	nd->protocol = "carp";
	version = GET_U_1(bp) >> 4;
	type = GET_U_1(bp) & 0x0f;
	nd_printf(nd, "CARPv%u-%s %u: ", version, type == 1 ? "advertise" : "unknown", len);
	if (ttl != 255)
		nd_printf(nd, "[ttl=%u!] ", ttl);
	if (version != 2 || type != 1)
		return;
	nd_printf(nd, "vhid=%u advbase=%u advskew=%u authlen=%u ", GET_U_1(bp + 1),
		  GET_U_1(bp + 5), GET_U_1(bp + 2), GET_U_1(bp + 3));
	if (nd->o.vflag && ND_TTEST_LEN(nd, bp, len)) {
		struct nd_cksum_vec vec = { bp, len };

		if (nd_in_cksum(&vec, 1))
			nd_printf(nd, " (bad carp cksum %x!)", GET_BE_U_2(bp + 6));
	}
	ND_TCHECK_LEN(nd, bp + 8, 8);
	counter = (uint64_t)GET_BE_U_4(bp + 8) << 32 | GET_BE_U_4(bp + 12);
	nd_printf(nd, "counter=%" PRIu64, counter);
}

/* print-mpls.c: the MPLS label stack (RFC 3032) and the payload tcpdump guesses from it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"
#include "print-app.h"

static const char *const reserved_labels[16] = {
	"IPv4 explicit NULL", "router alert", "IPv6 explicit NULL", "implicit NULL", "rsvd",
	"rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd", "rsvd",
};

void nd_mpls_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	const uint8_t *p = bp;
	unsigned depth = 0, label, first;
	uint32_t entry;

	nd->protocol = "mpls";
	nd_puts(nd, "MPLS");
	do {
		if (length < 4) {
			nd_print_invalid(nd);
			/* What is left must at least have been captured. */
			ND_TCHECK_LEN(nd, p, length);
			return;
		}
		entry = GET_BE_U_4(p);
		label = entry >> 12;
		nd_puts(nd, depth && nd->o.vflag ? "\n\t(label " : " (label ");
		nd_putu(nd, label);
		depth++;
		if (nd->o.vflag && label < 16) {
			nd_puts(nd, " (");
			nd_puts(nd, reserved_labels[label]);
			nd_putc(nd, ')');
		}
		nd_puts(nd, ", tc ");
		nd_putu(nd, (entry >> 9) & 7);
		nd_puts(nd, (entry & 0x100) ? ", [S], ttl " : ", ttl ");
		nd_putu(nd, entry & 0xff);
		nd_putc(nd, ')');
		p += 4;
		length -= 4;
	} while (!(entry & 0x100));

	/* There is no protocol field: explicit NULL labels say it, else the first nibble hints it. */
	if (label == 0 || label == 3) {
		first = 0x45;
	} else if (label == 2) {
		first = 0x60;
	} else {
		if (length < 1)
			return;
		first = GET_U_1(p);
	}
	if (first >= 0x45 && first <= 0x4f) {
		nd_puts(nd, nd->o.vflag ? "\n\t" : " ");
		nd_ip_print(nd, p, length);
	} else if (first >= 0x60 && first <= 0x6f) {
		nd_puts(nd, nd->o.vflag ? "\n\t" : " ");
		nd_ip6_print(nd, p, length);
	} else if (first >= 0x81 && first <= 0x83) {
		/* OSI: IS-IS is decoded; CLNP and ES-IS have no printer here, so only the bytes. */
		nd_puts(nd, nd->o.vflag ? "\n\t" : " ");
		if (!nd_isoclns_print(nd, p, length) && nd_want_default_print(nd))
			nd_default_print(nd, p, length);
	} else if (nd_want_default_print(nd)) {
		nd_default_print(nd, p, length);
		if (length > ND_BYTES_AVAILABLE_AFTER(nd, p))
			nd_trunc_longjmp(nd);
	}
}

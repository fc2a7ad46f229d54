/* print-geneve.c: Geneve (RFC 8926, UDP port 6081): the header, its options, the payload */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"

#define GENEVE_HDRLEN 8
#define ETHERTYPE_TEB 0x6558

static const struct nd_tok geneve_flags[] = {
	{ 0x80, "O" },	{ 0x40, "C" },	{ 0x20, "R1" }, { 0x10, "R2" }, { 0x08, "R3" },
	{ 0x04, "R4" }, { 0x02, "R5" }, { 0x01, "R6" }, { 0, NULL },
};

static const char *opt_class_name(unsigned cls)
{
	switch (cls) {
	case 0x0100:
		return "Linux";
	case 0x0101:
		return "Open vSwitch";
	case 0x0102:
		return "Open Virtual Networking (OVN)";
	case 0x0103:
		return "In-band Network Telemetry (INT)";
	case 0x0104:
		return "VMware";
	default:
		if (cls <= 0x00ff)
			return "Standard";
		if (cls >= 0xfff0)
			return "Experimental";
		return "Unknown";
	}
}

static void opts_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	const char *sep = "";

	while (len > 0) {
		unsigned cls, type, olen;

		nd_puts(nd, sep);
		sep = ", ";
		cls = GET_BE_U_2(bp);
		type = GET_U_1(bp + 2);
		olen = 4 + (GET_U_1(bp + 3) & 0x1f) * 4;
		nd_puts(nd, "class ");
		nd_puts(nd, opt_class_name(cls));
		nd_puts(nd, " (0x");
		nd_putx(nd, cls, 0);
		nd_puts(nd, ") type 0x");
		nd_putx(nd, type, 0);
		nd_puts(nd, (type & 0x80) ? "(C) len " : " len ");
		nd_putu(nd, olen);
		if (olen > len) {
			nd_puts(nd, " [bad length]");
			return;
		}
		if (nd->o.vflag > 1 && olen > 4) {
			nd_puts(nd, " data");
			for (unsigned i = 4; i < olen; i += 4) {
				uint32_t v = GET_BE_U_4(bp + i);

				nd_putc(nd, ' ');
				nd_putx(nd, v, 8);
			}
		}
		bp += olen;
		len -= olen;
	}
}

void nd_geneve_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned ver_opt, flags, proto, rsvd, opts_len;
	const char *name;
	char buf[64];

	nd->protocol = "geneve";
	nd_puts(nd, "Geneve");
	if (length < GENEVE_HDRLEN) {
		nd_printf(nd, " [length %u < 8]", length);
		nd_print_invalid(nd);
		return;
	}
	/* tcpdump's ND_TCHECK here returns rather than longjmps. */
	if (!ND_TTEST_LEN(nd, bp, GENEVE_HDRLEN))
		goto trunc;
	ver_opt = GET_U_1(bp);
	if (ver_opt >> 6) {
		nd_printf(nd, " ERROR: unknown-version %u", ver_opt >> 6);
		return;
	}
	flags = GET_U_1(bp + 1);
	proto = GET_BE_U_2(bp + 2);
	rsvd = GET_U_1(bp + 7);
	nd_puts(nd, ", Flags [");
	nd_puts(nd, nd_bittok2str(geneve_flags, "none", flags, "", buf, sizeof(buf)));
	nd_puts(nd, "], vni 0x");
	nd_putx(nd, GET_BE_U_3(bp + 4), 0);
	if (rsvd)
		nd_printf(nd, ", rsvd 0x%x", rsvd);
	if (nd->o.eflag) {
		name = nd_ethertype_name(proto);
		nd_printf(nd, ", proto %s (0x%04x)", name ? name : "unknown", proto);
	}
	bp += GENEVE_HDRLEN;
	length -= GENEVE_HDRLEN;
	opts_len = (ver_opt & 0x3f) * 4;
	if (length < opts_len) {
		nd_printf(nd, " truncated-geneve - %u bytes missing", opts_len - length);
		return;
	}
	if (!ND_TTEST_LEN(nd, bp, opts_len))
		goto trunc;
	if (opts_len > 0) {
		nd_puts(nd, ", options [");
		if (nd->o.vflag) {
			opts_print(nd, bp, opts_len);
		} else {
			nd_putu(nd, opts_len);
			nd_puts(nd, " bytes");
		}
		nd_putc(nd, ']');
	}
	bp += opts_len;
	length -= opts_len;
	nd_puts(nd, nd->o.vflag ? "\n\t" : ": ");
	if (nd_ethertype_print(nd, proto, bp, length,
			       (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp)) == 0) {
		if (proto == ETHERTYPE_TEB)
			nd_ether_encap_print(nd, bp, length,
					     (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp));
		else
			nd_printf(nd, "geneve-proto-0x%x", proto);
	}
	return;
trunc:
	nd_print_trunc(nd);
}

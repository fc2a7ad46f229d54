/* print-ospf-te.c: OSPF's traffic engineering LSA (RFC 3630, 4203, 4124): its TLVs and sub-TLVs */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "print-ospf.h"

static const struct nd_tok te_tlvs[] = {
	{ 1, "Router Address" }, { 2, "Link" }, { 0, NULL },
};

static const struct nd_tok link_subtlvs[] = {
	{ 1, "Link Type" },
	{ 2, "Link ID" },
	{ 3, "Local Interface IP address" },
	{ 4, "Remote Interface IP address" },
	{ 5, "Traffic Engineering Metric" },
	{ 6, "Maximum Bandwidth" },
	{ 7, "Maximum Reservable Bandwidth" },
	{ 8, "Unreserved Bandwidth" },
	{ 9, "Administrative Group" },
	{ 11, "Link Local/Remote Identifier" },
	{ 14, "Link Protection Type" },
	{ 15, "Interface Switching Capability" },
	{ 16, "Shared Risk Link Group" },
	{ 17, "Bandwidth Constraints" },
	{ 0, NULL },
};

static const struct nd_tok link_types[] = {
	{ 1, "Point-to-point" }, { 2, "Multi-Access" }, { 0, NULL },
};

const struct nd_tok nd_gmpls_link_protection[] = {
	{ 0x01, "Extra Traffic" }, { 0x02, "Unprotected" }, { 0x04, "Shared" },
	{ 0x08, "Dedicated 1:1" }, { 0x10, "Dedicated 1+1" }, { 0x20, "Enhanced" },
	{ 0x40, "Reserved" },	   { 0x80, "Reserved" },      { 0, NULL },
};

const struct nd_tok nd_gmpls_switch_caps[] = {
	{ 1, "Packet-Switch Capable-1" }, { 2, "Packet-Switch Capable-2" },
	{ 3, "Packet-Switch Capable-3" }, { 4, "Packet-Switch Capable-4" },
	{ 51, "Layer-2 Switch Capable" }, { 100, "Time-Division-Multiplex" },
	{ 150, "Lambda-Switch Capable" }, { 200, "Fiber-Switch Capable" }, { 0, NULL },
};

const struct nd_tok nd_gmpls_encodings[] = {
	{ 1, "Packet" },	     { 2, "Ethernet V2/DIX" }, { 3, "ANSI/ETSI PDH" }, { 4, "Reserved" },
	{ 5, "SDH ITU-T G.707/SONET ANSI T1.105" }, { 6, "Reserved" }, { 7, "Digital Wrapper" },
	{ 8, "Lambda (photonic)" }, { 9, "Fiber" },	       { 10, "Reserved" },
	{ 11, "FiberChannel" },	     { 0, NULL },
};

static const struct nd_tok bc_models[] = {
	{ 0, "Russian dolls" }, { 1, "Maximum allocation" },
	{ 254, "Maximum allocation with E-LSP support" }, { 0, NULL },
};

/* A bandwidth: an IEEE float of bytes per second, in Mbit/s computed in float as tcpdump does. */
static double mbps(struct nd *nd, const uint8_t *p)
{
	uint32_t i = GET_BE_U_4(p);
	float f;

	memcpy(&f, &i, sizeof(f));
	return (double)(f * 8 / 1000000);
}

/* One sub-TLV of a Link TLV whose value (len bytes) is captured; -1 if invalid. */
static int link_subtlv_print(struct nd *nd, unsigned type, const uint8_t *tp, unsigned len)
{
	char buf[128];

	switch (type) {
	case 9:
		if (len != 4)
			goto bad4;
		nd_printf(nd, ", 0x%08x", GET_BE_U_4(tp));
		break;
	case 2:
	case 11:
		if (len != 4 && len != 8) {
			nd_puts(nd, " != 4 && != 8");
			return -1;
		}
		nd_printf(nd, ", %s (0x%08x)", nd_ipaddr_string(nd, tp), GET_BE_U_4(tp));
		if (len == 8)
			nd_printf(nd, ", %s (0x%08x)", nd_ipaddr_string(nd, tp + 4),
				  GET_BE_U_4(tp + 4));
		break;
	case 3:
	case 4:
		if (len != 4)
			goto bad4;
		nd_printf(nd, ", %s", nd_ipaddr_string(nd, tp));
		break;
	case 6:
	case 7:
		if (len != 4)
			goto bad4;
		nd_printf(nd, ", %.3f Mbps", mbps(nd, tp));
		break;
	case 8:
		if (len != 32) {
			nd_puts(nd, " != 32");
			return -1;
		}
		for (unsigned c = 0; c < 8; c++)
			nd_printf(nd, "\n\t\tTE-Class %u: %.3f Mbps", c, mbps(nd, tp + c * 4));
		break;
	case 17:
		if (len < 4) {
			nd_puts(nd, " < 4");
			return -1;
		}
		nd_printf(nd, "\n\t\tBandwidth Constraints Model ID: %s (%u)",
			  nd_tok2str(bc_models, "unknown", GET_U_1(tp), buf, sizeof(buf)), GET_U_1(tp));
		if (len % 4 != 0) {
			nd_printf(nd, "\n\t\tlength %u != N x 4", len);
			return -1;
		}
		if (len > 36) {
			nd_printf(nd, "\n\t\tlength %u > 36", len);
			return -1;
		}
		for (unsigned c = 0; c < (len - 4) / 4; c++)
			nd_printf(nd, "\n\t\t  Bandwidth constraint CT%u: %.3f Mbps", c,
				  mbps(nd, tp + 4 + c * 4));
		break;
	case 5:
		if (len != 4)
			goto bad4;
		nd_printf(nd, ", Metric %u", GET_BE_U_4(tp));
		break;
	case 14:
		if (len != 4)
			goto bad4;
		nd_printf(nd, ", %s", nd_bittok2str(nd_gmpls_link_protection, "none", GET_U_1(tp), ", ", buf,
						     sizeof(buf)));
		break;
	case 15:
		if (len < 36) {
			nd_puts(nd, " < 36");
			return -1;
		}
		nd_printf(nd, "\n\t\tInterface Switching Capability: %s",
			  nd_tok2str(nd_gmpls_switch_caps, "Unknown", GET_U_1(tp), buf, sizeof(buf)));
		nd_printf(nd, "\n\t\tLSP Encoding: %s\n\t\tMax LSP Bandwidth:",
			  nd_tok2str(nd_gmpls_encodings, "Unknown", GET_U_1(tp + 1), buf, sizeof(buf)));
		for (unsigned l = 0; l < 8; l++)
			nd_printf(nd, "\n\t\t  priority level %u: %.3f Mbps", l,
				  mbps(nd, tp + 4 + l * 4));
		break;
	case 1:
		if (len != 1) {
			nd_puts(nd, " != 1");
			return -1;
		}
		nd_printf(nd, ", %s (%u)",
			  nd_tok2str(link_types, "unknown", GET_U_1(tp), buf, sizeof(buf)),
			  GET_U_1(tp));
		break;
	case 16:
		if (len % 4 != 0) {
			nd_puts(nd, " != N x 4");
			return -1;
		}
		if (len)
			nd_puts(nd, "\n\t\t  Shared risk group: ");
		for (unsigned k = 0; k < len / 4; k++)
			nd_printf(nd, k ? ", %u" : "%u", GET_BE_U_4(tp + 4 * k));
		break;
	default:
		if (nd->o.vflag <= 1 && !nd_print_unknown_data(nd, tp, "\n\t\t", len))
			return -2;
		break;
	}
	return 0;
bad4:
	nd_puts(nd, " != 4");
	return -1;
}

int nd_ospf_te_print(struct nd *nd, const uint8_t *tp, unsigned ls_length)
{
	char buf[64];

	while (ls_length != 0) {
		unsigned type, tlv_len;

		/* tcpdump's checks here end the LSA (return -1) rather than the packet. */
		if (!ND_TTEST_LEN(nd, tp, 4))
			return -1;
		if (ls_length < 4) {
			nd_printf(nd, "\n\t    Remaining LS length %u < 4", ls_length);
			return -1;
		}
		type = GET_BE_U_2(tp);
		tlv_len = GET_BE_U_2(tp + 2);
		tp += 4;
		ls_length -= 4;
		nd_printf(nd, "\n\t    %s TLV (%u), length: %u",
			  nd_tok2str(te_tlvs, "unknown", type, buf, sizeof(buf)), type, tlv_len);
		if (tlv_len > ls_length) {
			nd_printf(nd, "\n\t    Bogus length %u > %u", tlv_len, ls_length);
			return -1;
		}
		if (type == 0 || tlv_len == 0)
			return -1;
		if (type == 2) {
			/*
			 * As in tcpdump, the sub-TLV walk consumes tp and tlv_len
			 * themselves: ls_length is not reduced by the Link TLV, so
			 * what follows is read as more TLVs, as tcpdump reads it.
			 */
			while (tlv_len != 0) {
				unsigned st, sl;
				int r;

				if (tlv_len < 4) {
					nd_printf(nd, "\n\t    Remaining TLV length %u < 4", tlv_len);
					return -1;
				}
				st = GET_BE_U_2(tp);
				sl = GET_BE_U_2(tp + 2);
				tp += 4;
				tlv_len -= 4;
				if (st == 0 || sl == 0)
					goto invalid;
				nd_printf(nd, "\n\t      %s subTLV (%u), length: %u",
					  nd_tok2str(link_subtlvs, "unknown", st, buf, sizeof(buf)), st,
					  sl);
				if (tlv_len < sl) {
					nd_printf(nd, "\n\t    Remaining TLV length %u < %u", tlv_len + 4,
						  sl + 4);
					return -1;
				}
				if (!ND_TTEST_LEN(nd, tp, sl))
					return -1;
				r = link_subtlv_print(nd, st, tp, sl);
				if (r == -1)
					goto invalid;
				if (r < 0)
					return -1;
				/* A shared risk group list is stepped through with tp itself. */
				if (st == 16)
					tp += sl;
				/* Sub-TLVs are padded to 32 bits. */
				if (sl % 4)
					sl += 4 - sl % 4;
				if (tlv_len < sl) {
					nd_printf(nd, "\n\t    Remaining TLV length %u < %u", tlv_len + 4,
						  sl + 4);
					return -1;
				}
				tlv_len -= sl;
				tp += sl;
			}
		} else if (type == 1) {
			if (tlv_len < 4) {
				nd_printf(nd, "\n\t    TLV length %u < 4", tlv_len);
				return -1;
			}
			nd_printf(nd, ", %s", nd_ipaddr_string(nd, tp));
		} else if (nd->o.vflag <= 1 && !nd_print_unknown_data(nd, tp, "\n\t      ", tlv_len)) {
			return -1;
		}
		if (tlv_len % 4)
			tlv_len += 4 - tlv_len % 4;
		if (tlv_len > ls_length) {
			nd_printf(nd, "\n\t    Bogus padded length %u > %u", tlv_len, ls_length);
			return -1;
		}
		ls_length -= tlv_len;
		tp += tlv_len;
	}
	return 0;
invalid:
	nd_print_invalid(nd);
	return -1;
}

/* print-dtp.c: Cisco's Dynamic Trunking Protocol (SNAP OUI 0x00000c, PID 0x2004) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define DTP_HEADER_LEN 1

static const struct nd_tok dtp_tlvs[] = {
	{ 1, "Domain" }, { 2, "Status" }, { 3, "DTP type" }, { 4, "Neighbor" }, { 0, NULL },
};

/* One TLV's value (len bytes with its header at p); -1 when tcpdump calls it invalid. */
static int tlv_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	switch (type) {
	case 1:
		nd_puts(nd, ", ");
		nd_printjnp(nd, p + 4, len - 4);
		return 0;
	case 2:
	case 3:
		if (len != 5)
			return -1;
		nd_printf(nd, ", 0x%x", GET_U_1(p + 4));
		return 0;
	case 4:
		if (len != 10)
			return -1;
		nd_printf(nd, ", %s", nd_etheraddr_string(nd, p + 4));
		return 0;
	default:
		ND_TCHECK_LEN(nd, p, len);
		return 0;
	}
}

/* The TLVs after the version; -1 at the first one tcpdump calls invalid. */
static int tlvs_print(struct nd *nd, const uint8_t **pp, unsigned *lengthp)
{
	unsigned type, len;
	char buf[32];

	while (*lengthp) {
		if (*lengthp < 4) {
			nd_printf(nd, "[%u bytes remaining]", *lengthp);
			return -1;
		}
		type = GET_BE_U_2(*pp);
		len = GET_BE_U_2(*pp + 2);
		/* tcpdump stops at a type 0, which real switches send */
		if (type == 0)
			return 0;
		nd_printf(nd, "\n\t%s (0x%04x) TLV, length %u",
			  nd_tok2str(dtp_tlvs, "Unknown", type, buf, sizeof(buf)), type, len);
		if (len < 4 || len > *lengthp) {
			nd_printf(nd, "[invalid TLV length %u]", len);
			return -1;
		}
		if (tlv_print(nd, type, *pp, len) < 0)
			return -1;
		*pp += len;
		*lengthp -= len;
	}
	return 0;
}

void nd_dtp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	nd->protocol = "dtp";
	if (length < DTP_HEADER_LEN) {
		nd_puts(nd, "[zero packet length]");
	} else {
		nd_printf(nd, "DTPv%u, length %u", GET_U_1(p), length);
		if (nd->o.vflag < 1)
			return;
		p += DTP_HEADER_LEN;
		length -= DTP_HEADER_LEN;
		if (tlvs_print(nd, &p, &length) == 0)
			return;
	}
	nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, p, length);
}

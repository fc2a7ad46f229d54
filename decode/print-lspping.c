/* print-lspping.c: MPLS LSP ping (RFC 8029) echo requests and replies on UDP port 3503 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"
#include "print-bgp-int.h"
#include "print-bgp.h"
#include "print-radius.h"

#define LSPPING_HDR_LEN 32
#define TLV_HDR_LEN 4
#define TLV_FEC_STACK 1
#define TLV_DOWNSTREAM_MAP 2
#define TLV_VENDOR 5
#define TLV_BFD_DISC 15
/* What a TLV's decoder asks of the loop. */
#define TLV_OK 0
#define TLV_HEXDUMP 1	/* then the TLV's hex dump follows, at any verbosity */
#define TLV_STOP 2	/* a sub-TLV's padding overran: tcpdump stops the packet */

static const struct nd_tok msg_types[] = {
	{ 1, "MPLS Echo Request" }, { 2, "MPLS Echo Reply" }, { 0, NULL },
};

static const struct nd_tok reply_modes[] = {
	{ 1, "Do not reply" },
	{ 2, "Reply via an IPv4/IPv6 UDP packet" },
	{ 3, "Reply via an IPv4/IPv6 UDP packet with Router Alert" },
	{ 4, "Reply via application level control channel" },
	{ 0, NULL },
};

static const struct nd_tok return_codes[] = {
	{ 0, "No return code or return code contained in the Error Code TLV" },
	{ 1, "Malformed echo request received" },
	{ 2, "One or more of the TLVs was not understood" },
	{ 3, "Replying router is an egress for the FEC at stack depth" },
	{ 4, "Replying router has no mapping for the FEC at stack depth" },
	{ 5, "Reserved" }, { 6, "Reserved" }, { 7, "Reserved" },
	{ 8, "Label switched at stack-depth" },
	{ 9, "Label switched but no MPLS forwarding at stack-depth" },
	{ 10, "Mapping for this FEC is not the given label at stack depth" },
	{ 11, "No label entry at stack-depth" },
	{ 12, "Protocol not associated with interface at FEC stack depth" },
	{ 13, "Premature termination of ping due to label stack shrinking to a single label" },
	{ 0, NULL },
};

static const struct nd_tok tlv_names[] = {
	{ 1, "Target FEC Stack" }, { 2, "Downstream Mapping" }, { 3, "Pad" },
	{ 9, "Error Code" }, { 5, "Vendor Enterprise Code" }, { 7, "Interface Label Stack" },
	{ 10, "Reply TOS Byte" }, { 15, "BFD Discriminator" }, { 0xfc00, "Vendor Private Code" },
	{ 0, NULL },
};

static const struct nd_tok subtlv_names[] = {
	{ 1, "LDP IPv4 prefix" }, { 2, "LDP IPv6 prefix" },
	{ 3, "RSVP IPv4 Session Query" }, { 4, "RSVP IPv6 Session Query" }, { 5, "Reserved" },
	{ 6, "VPN IPv4 prefix" }, { 7, "VPN IPv6 prefix" }, { 8, "L2 VPN endpoint" },
	{ 9, "FEC 128 pseudowire (old)" }, { 10, "FEC 128 pseudowire" },
	{ 12, "BGP labeled IPv4 prefix" }, { 13, "BGP labeled IPv6 prefix" },
	{ 0, NULL },
};

/* The length each known sub-TLV must have (0: not decoded, always dumped). */
static unsigned subtlv_want(unsigned type)
{
	static const unsigned want[] = { 0, 5, 17, 20, 56, 0, 13, 25, 14, 10, 14, 0, 5, 17 };

	return type < sizeof(want) / sizeof(want[0]) ? want[type] : 0;
}

static const char *addr(struct nd *nd, const uint8_t *p, int v6)
{
	return v6 ? nd_ip6addr_string(nd, p) : nd_ipaddr_string(nd, p);
}

/* RSVP session queries (3, 4): end point, sender, LSP id, tunnel id, extended tunnel id. */
static void rsvp_print(struct nd *nd, const uint8_t *p, int v6)
{
	unsigned a = v6 ? 16 : 4;
	const char *end = addr(nd, p, v6), *sender = addr(nd, p + 2 * a + 4, v6);

	nd_printf(nd, "\n\t      tunnel end-point %s, tunnel sender %s, lsp-id 0x%04x", end, sender,
		  GET_BE_U_2(p + 3 * a + 6));
	nd_printf(nd, "\n\t      tunnel-id 0x%04x, extended tunnel-id %s", GET_BE_U_2(p + a + 2),
		  addr(nd, p + a + 4, v6));
}

/* The route distinguisher ones: VPN prefixes (6, 7) and the L2 VPN endpoint (8). */
static void rd_print(struct nd *nd, unsigned type, const uint8_t *p)
{
	char rd[64], buf[64];
	unsigned enc;

	nd_bgp_rd_text(nd, p, rd, sizeof(rd));
	if (type == 8) {
		enc = GET_BE_U_2(p + 12);
		nd_printf(nd, "\n\t      RD: %s, Sender VE ID: %u, Receiver VE ID: %u", rd,
			  GET_BE_U_2(p + 8), GET_BE_U_2(p + 10));
		nd_printf(nd, "\n\t      Encapsulation Type: %s (%u)",
			  nd_tok2str(nd_ldp_pw_types, "unknown", enc, buf, sizeof(buf)), enc);
		return;
	}
	nd_printf(nd, "\n\t      RD: %s, %s/%u", rd, addr(nd, p + 8, type == 7),
		  GET_U_1(p + (type == 7 ? 24 : 12)));
}

/* FEC 128 pseudowires, old (9, no sender) and new (10). */
static void pw_print(struct nd *nd, unsigned type, const uint8_t *p)
{
	char buf[64];
	unsigned pwtype;

	if (type == 10) {
		nd_printf(nd, "\n\t      Sender PE: %s, ", nd_ipaddr_string(nd, p));
		p += 4;
	} else {
		nd_puts(nd, "\n\t      ");
	}
	pwtype = GET_BE_U_2(p + 8);
	nd_printf(nd, "Remote PE: %s\n\t      PW ID: 0x%08x, PW Type: %s (%u)",
		  nd_ipaddr_string(nd, p), GET_BE_U_4(p + 4),
		  nd_tok2str(nd_ldp_pw_types, "unknown", pwtype, buf, sizeof(buf)), pwtype);
}

/* One Target FEC Stack sub-TLV's value; returns 1 when tcpdump dumps it in hex. */
static int subtlv_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	unsigned want = subtlv_want(type);

	if (!want)
		return 1;
	if (len != want) {
		nd_printf(nd, "\n\t      invalid subTLV length, should be %u", want);
		return 1;
	}
	if (type == 3 || type == 4)
		rsvp_print(nd, p, type == 4);
	else if (type >= 6 && type <= 8)
		rd_print(nd, type, p);
	else if (type == 9 || type == 10)
		pw_print(nd, type, p);
	else	/* LDP and BGP prefixes */
		nd_printf(nd, "\n\t      %s/%u", addr(nd, p, len == 17), GET_U_1(p + len - 1));
	return 0;
}

static int fec_stack_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned type, len;
	char buf[32];

	while (tlen != 0) {
		if (tlen < TLV_HDR_LEN || tlen < TLV_HDR_LEN + (len = GET_BE_U_2(p + 2))) {
			nd_puts(nd, "\n\t      TLV is too short");
			return TLV_HEXDUMP;
		}
		type = GET_BE_U_2(p);
		ND_TCHECK_LEN(nd, p + TLV_HDR_LEN, len);
		nd_printf(nd, "\n\t    %s subTLV (%u), length: %u",
			  nd_tok2str(subtlv_names, "Unknown", type, buf, sizeof(buf)), type, len);
		if (subtlv_print(nd, type, p + TLV_HDR_LEN, len) || nd->o.vflag > 1)
			nd_print_unknown_data(nd, p + TLV_HDR_LEN, "\n\t      ", len);
		if (len % 4) {
			len += 4 - len % 4;
			if (tlen < len + TLV_HDR_LEN) {
				nd_puts(nd, "\n\t\t TLV is too short");
				return TLV_STOP;
			}
		}
		/*
		 * As tcpdump 4.99.3 does: the pointer skips the value but not the
		 * header, so the next sub-TLV is read 4 bytes early.
		 */
		p += len;
		tlen -= len + TLV_HDR_LEN;
	}
	return TLV_OK;
}

/* The Downstream Mapping TLV: tcpdump prints the addresses, then always the TLV in hex. */
static int dsmap_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	static const struct nd_tok afis[] = {
		{ 1, "IPv4" }, { 2, "Unnumbered IPv4" }, { 3, "IPv6" }, { 4, "IPv6" }, { 0, NULL },
	};
	static const unsigned sizes[] = { 0, 12, 12, 36, 24 };
	unsigned type, need;
	char buf[32];

	if (tlen < 4) {
		nd_puts(nd, "\n\t      TLV is too short");
		return TLV_HEXDUMP;
	}
	type = GET_U_1(p + 2);
	nd_printf(nd, "\n\t    MTU: %u, Address-Type: %s (%u)", GET_BE_U_2(p),
		  nd_tok2str(afis, "unknown", type, buf, sizeof(buf)), type);
	need = type <= 4 ? sizes[type] : 0;
	if (tlen < need) {
		nd_puts(nd, "\n\t      TLV is too short");
		return TLV_HEXDUMP;
	}
	if (need)
		nd_printf(nd, "\n\t    Downstream IP: %s", addr(nd, p + 4, type >= 3));
	if (type == 1 || type == 3)
		nd_printf(nd, "\n\t    Downstream Interface IP: %s", addr(nd, p + need / 2 + 2, type == 3));
	else if (type == 2 || type == 4)
		nd_printf(nd, "\n\t    Downstream Interface Index: 0x%08x", GET_BE_U_4(p + need - 4));
	if (tlen - need < 4)
		nd_puts(nd, "\n\t      TLV is too short");
	return TLV_HEXDUMP;
}

/* One TLV's value (len bytes, all captured); returns TLV_OK, TLV_HEXDUMP or TLV_STOP. */
static int tlv_value_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	char buf[64];
	uint32_t v;

	switch (type) {
	case TLV_FEC_STACK:
		return fec_stack_print(nd, p, len);
	case TLV_DOWNSTREAM_MAP:
		return dsmap_print(nd, p, len);
	case TLV_BFD_DISC:
	case TLV_VENDOR:
		if (len < 4) {
			nd_puts(nd, "\n\t      TLV is too short");
			return TLV_HEXDUMP;
		}
		v = GET_BE_U_4(p);
		if (type == TLV_BFD_DISC)
			nd_printf(nd, "\n\t    BFD Discriminator 0x%08x", v);
		else
			nd_printf(nd, "\n\t    Vendor: %s (0x%04x)",
				  nd_tok2str(nd_smi_values, "Unknown", v, buf, sizeof(buf)), v);
		return TLV_OK;
	default:
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p, "\n\t    ", len);
		return TLV_OK;
	}
}

/* The TLVs after the header; 0, or -1 when the packet is too short for them. */
static int tlvs_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned type, len;
	char buf[32];
	int rc;

	while (tlen != 0) {
		if (tlen < TLV_HDR_LEN)
			return -1;
		type = GET_BE_U_2(p);
		len = GET_BE_U_2(p + 2);
		nd_printf(nd, "\n\t  %s TLV (%u), length: %u",
			  nd_tok2str(tlv_names, "Unknown", type, buf, sizeof(buf)), type, len);
		if (len != 0) {
			if (tlen < len + TLV_HDR_LEN)
				return -1;
			ND_TCHECK_LEN(nd, p + TLV_HDR_LEN, len);
			rc = tlv_value_print(nd, type, p + TLV_HDR_LEN, len);
			if (rc == TLV_STOP)
				return 0;
			if (nd->o.vflag > 1 || rc == TLV_HEXDUMP)
				nd_print_unknown_data(nd, p + TLV_HDR_LEN, "\n\t    ", len);
			if (len % 4) {
				len += 4 - len % 4;
				if (tlen < len + TLV_HDR_LEN)
					return -1;
			}
		}
		p += len + TLV_HDR_LEN;
		tlen -= len + TLV_HDR_LEN;
	}
	return 0;
}

/* -v: the header's fields, one a line. */
static void header_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned type = GET_U_1(bp + 4), mode = GET_U_1(bp + 5);
	unsigned code = GET_U_1(bp + 6), sub = GET_U_1(bp + 7);
	char buf[96];

	nd_printf(nd, "\n\tLSP-PINGv%u, msg-type: %s (%u), length: %u", GET_BE_U_2(bp),
		  nd_tok2str(msg_types, "unknown", type, buf, sizeof(buf)), type, len);
	nd_printf(nd, "\n\t  reply-mode: %s (%u)",
		  nd_tok2str(reply_modes, "unknown", mode, buf, sizeof(buf)), mode);
	nd_printf(nd, "\n\t  Return Code: %s",
		  nd_tok2str(return_codes, "unknown", code, buf, sizeof(buf)));
	/* These codes' texts end in "at stack depth": the subcode is that depth. */
	if (code == 3 || code == 4 || code == 8 || code == 10 || code == 11 || code == 12)
		nd_printf(nd, " %u", sub);
	nd_printf(nd, " (%u)\n\t  Return Subcode: (%u)", code, sub);
	nd_printf(nd, "\n\t  Sender Handle: 0x%08x, Sequence: %u", GET_BE_U_4(bp + 8),
		  GET_BE_U_4(bp + 12));
	nd_puts(nd, "\n\t  Sender Timestamp: ");
	nd_ntp_time_print(nd, bp + 16);
	nd_puts(nd, " Receiver Timestamp: ");
	if (GET_BE_U_4(bp + 24) || GET_BE_U_4(bp + 28))
		nd_ntp_time_print(nd, bp + 24);
	else
		nd_puts(nd, "no timestamp");
}

void nd_lspping_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	char buf[32];

	nd->protocol = "lspping";
	if (len < LSPPING_HDR_LEN) {
		nd_puts(nd, "\n\t\t packet is too short");
		return;
	}
	ND_TCHECK_LEN(nd, bp, LSPPING_HDR_LEN);
	if (GET_BE_U_2(bp) != 1) {
		nd_printf(nd, "LSP-PING version %u packet not supported", GET_BE_U_2(bp));
		return;
	}
	if (nd->o.vflag < 1) {
		nd_printf(nd, "LSP-PINGv%u, %s, seq %u, length: %u", GET_BE_U_2(bp),
			  nd_tok2str(msg_types, "unknown (%u)", GET_U_1(bp + 4), buf, sizeof(buf)),
			  GET_BE_U_4(bp + 12), len);
		return;
	}
	header_print(nd, bp, len);
	if (tlvs_print(nd, bp + LSPPING_HDR_LEN, len - LSPPING_HDR_LEN) < 0)
		nd_puts(nd, "\n\t\t packet is too short");
}

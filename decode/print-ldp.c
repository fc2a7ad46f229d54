/* print-ldp.c: LDP (RFC 5036) PDUs on TCP and UDP port 646: hello, initialization, address, label messages and their TLVs */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "print-bgp.h"

#define LDP_HDR 10	/* version, PDU length, LDP identifier */
#define LDP_MSG_HDR 8	/* type, length, message id */

static const struct nd_tok msg_types[] = {
	{ 0x0001, "Notification" }, { 0x0100, "Hello" }, { 0x0200, "Initialization" },
	{ 0x0201, "Keepalive" }, { 0x0300, "Address" }, { 0x0301, "Address Withdraw" },
	{ 0x0400, "Label Mapping" }, { 0x0401, "Label Request" }, { 0x0402, "Label Withdraw" },
	{ 0x0403, "Label Release" }, { 0x0404, "Label Abort Request" }, { 0, NULL },
};

static const struct nd_tok tlv_types[] = {
	{ 0x0100, "FEC" }, { 0x0101, "Address List" }, { 0x0103, "Hop Count" },
	{ 0x0104, "Path Vector" }, { 0x0200, "Generic Label" }, { 0x0201, "ATM Label" },
	{ 0x0202, "Frame-Relay Label" }, { 0x0300, "Status" }, { 0x0301, "Extended Status" },
	{ 0x0302, "Returned PDU" }, { 0x0303, "Returned Message" },
	{ 0x0400, "Common Hello Parameters" }, { 0x0401, "IPv4 Transport Address" },
	{ 0x0402, "Configuration Sequence Number" }, { 0x0403, "IPv6 Transport Address" },
	{ 0x0500, "Common Session Parameters" }, { 0x0501, "ATM Session Parameters" },
	{ 0x0502, "Frame-Relay Session Parameters" },
	{ 0x0503, "Fault-Tolerant Session Parameters" },
	{ 0x0600, "Label Request Message ID" }, { 0x0601, "MTU" }, { 0, NULL },
};

static const struct nd_tok fec_types[] = {
	{ 0x01, "Wildcard" }, { 0x02, "Prefix" }, { 0x03, "Host address" },
	{ 0x80, "Martini VC" }, { 0, NULL },
};

static const struct nd_tok ifparm_types[] = {
	{ 0x01, "MTU" }, { 0x03, "Description" }, { 0x0c, "VCCV" }, { 0, NULL },
};

static const struct nd_tok vccv_cc[] = {
	{ 0x01, "PWE3 control word" }, { 0x02, "MPLS Router Alert Label" },
	{ 0x04, "MPLS inner label TTL = 1" }, { 0, NULL },
};

static const struct nd_tok vccv_cv[] = {
	{ 0x01, "ICMP Ping" }, { 0x02, "LSP Ping" }, { 0x04, "BFD" }, { 0, NULL },
};

/* tcpdump's mpls_pw_types_values (l2vpn.c): the pseudowire types of a Martini VC FEC. */
const struct nd_tok nd_ldp_pw_types[] = {
	{ 0x0000, "Reserved" }, { 0x0001, "Frame Relay DLCI (Martini Mode)" },
	{ 0x0002, "ATM AAL5 SDU VCC transport" }, { 0x0003, "ATM transparent cell transport" },
	{ 0x0004, "Ethernet VLAN" }, { 0x0005, "Ethernet" }, { 0x0006, "Cisco-HDLC" },
	{ 0x0007, "PPP" }, { 0x0008, "SONET/SDH Circuit Emulation Service over MPLS" },
	{ 0x0009, "ATM n-to-one VCC cell transport" },
	{ 0x000a, "ATM n-to-one VPC cell transport" }, { 0x000b, "IP Layer2 Transport" },
	{ 0x000c, "ATM one-to-one VCC Cell Mode" }, { 0x000d, "ATM one-to-one VPC Cell Mode" },
	{ 0x000e, "ATM AAL5 PDU VCC transport" }, { 0x000f, "Frame-Relay Port mode" },
	{ 0x0010, "SONET/SDH Circuit Emulation over Packet" },
	{ 0x0011, "Structure-agnostic E1 over Packet" },
	{ 0x0012, "Structure-agnostic T1 (DS1) over Packet" },
	{ 0x0013, "Structure-agnostic E3 over Packet" },
	{ 0x0014, "Structure-agnostic T3 (DS3) over Packet" }, { 0x0015, "CESoPSN basic mode" },
	{ 0x0016, "TDMoIP basic mode" }, { 0x0017, "CESoPSN TDM with CAS" },
	{ 0x0018, "TDMoIP TDM with CAS" }, { 0x0019, "Frame Relay DLCI" },
	{ 0x0040, "IP-interworking" }, { 0, NULL },
};

static const char *tok(const struct nd_tok *t, const char *dflt, unsigned v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return dflt;
}

/* A TLV shorter than its type needs: tcpdump's note, and the TLV is skipped. */
static int too_short(struct nd *nd, unsigned tlen, unsigned min)
{
	if (tlen >= min)
		return 0;
	nd_printf(nd, " [tlv length %u < %u]", tlen, min);
	nd_print_invalid(nd);
	return 1;
}

static void prefix_fec_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned af;
	char buf[100];
	int n;

	if (too_short(nd, tlen, 2))
		return;
	af = GET_BE_U_2(p);
	if (af != 1 && af != 2) {
		nd_printf(nd, ": Address family %u prefix", af);
		return;
	}
	n = nd_decode_prefix(nd, p + 2, tlen - 2, af == 2, buf, sizeof(buf));
	if (n == -2)
		nd_trunc_longjmp(nd);	/* tcpdump gives up on the packet here */
	if (n == -1)
		nd_printf(nd, ": IPv%c prefix (invalid length)", af == 2 ? '6' : '4');
	else
		nd_printf(nd, ": IPv%c prefix %s", af == 2 ? '6' : '4', buf);
}

/* The interface parameters of a Martini VC FEC, vlen bytes from p. */
static void ifparms_print(struct nd *nd, const uint8_t *p, unsigned vlen)
{
	char b1[96], b2[64];

	while (vlen > 2) {
		unsigned t = GET_U_1(p), l = GET_U_1(p + 1);

		if (l < 2 || vlen < l)
			break;
		nd_printf(nd, "\n\t\tInterface Parameter: %s (0x%02x), len %u",
			  tok(ifparm_types, "Unknown", t), t, l);
		if (t == 0x01) {
			nd_printf(nd, ": %u", GET_BE_U_2(p + 2));
		} else if (t == 0x03) {
			nd_puts(nd, ": ");
			for (unsigned i = 2; i < l; i++)
				nd_print_char(nd, GET_U_1(p + i));
		} else if (t == 0x0c) {
			unsigned cc = GET_U_1(p + 2), cv;

			nd_printf(nd, "\n\t\t  Control Channels (0x%02x) = [%s]", cc,
				  nd_bittok2str(vccv_cc, "none", cc, ", ", b1, sizeof(b1)));
			cv = GET_U_1(p + 3);
			nd_printf(nd, "\n\t\t  CV Types (0x%02x) = [%s]", cv,
				  nd_bittok2str(vccv_cv, "none", cv, ", ", b2, sizeof(b2)));
		} else {
			nd_print_unknown_data(nd, p + 2, "\n\t\t  ", l - 2);
		}
		vlen -= l;
		p += l;
	}
}

static void martini_fec_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned vlen, pw, group;

	if (too_short(nd, tlen, 7))
		return;
	vlen = GET_U_1(p + 2);
	pw = GET_BE_U_2(p);
	group = GET_BE_U_4(p + 3);
	/* Without VC info there is no VC ID either (RFC 4908). */
	if (vlen != 0 && too_short(nd, tlen, 11))
		return;
	nd_printf(nd, ": %s, %scontrol word, group-ID %u", tok(nd_ldp_pw_types, "Unknown", pw & 0x7fff),
		  pw & 0x8000 ? "" : "no ", group);
	if (vlen != 0)
		nd_printf(nd, ", VC-ID %u", GET_BE_U_4(p + 7));
	nd_printf(nd, ", VC-info-length: %u", vlen);
	if (vlen == 0)
		return;
	if (vlen < 4) {
		nd_puts(nd, " (invalid, < 4");	/* sic: tcpdump leaves it open */
		return;
	}
	if (too_short(nd, tlen - 11, vlen - 4))
		return;
	ifparms_print(nd, p + 11, vlen - 4);
}

static void fec_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned type;

	if (too_short(nd, tlen, 1))
		return;
	type = GET_U_1(p);
	nd_puts(nd, "\n\t      ");
	nd_puts(nd, tok(fec_types, "Unknown", type));
	nd_puts(nd, " FEC (0x");
	nd_putx(nd, type, 2);
	nd_putc(nd, ')');
	if (type == 0x02)
		prefix_fec_print(nd, p + 1, tlen - 1);
	else if (type == 0x80)
		martini_fec_print(nd, p + 1, tlen - 1);
}

static void hello_params_print(struct nd *nd, const uint8_t *p)
{
	unsigned hold = GET_BE_U_2(p), flags = GET_BE_U_2(p + 2);

	nd_puts(nd, "\n\t      Hold Time: ");
	nd_putu(nd, hold);
	nd_puts(nd, flags & 0x8000 ? "s, Flags: [Targeted Hello" : "s, Flags: [Link Hello");
	nd_puts(nd, flags & 0x4000 ? ", Request for targeted Hellos]" : "]");
}

static void addr_list_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned af;
	const char *name;

	if (too_short(nd, tlen, 2))
		return;
	af = GET_BE_U_2(p);
	p += 2;
	tlen -= 2;
	name = nd_af_name(af);
	if (name)
		nd_printf(nd, "\n\t      Address Family: %s, addresses", name);
	else
		nd_printf(nd, "\n\t      Address Family: Unknown (%u), addresses", af);
	if (af == 1)
		for (; tlen >= 4; tlen -= 4, p += 4) {
			const char *a = nd_ipaddr_string(nd, p);

			nd_putc(nd, ' ');
			nd_puts(nd, a);
		}
	else if (af == 2)
		for (; tlen >= 16; tlen -= 16, p += 16)
			nd_printf(nd, " %s", nd_ip6addr_string(nd, p));
}

static void status_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	uint32_t st, id;

	if (too_short(nd, tlen, 8))
		return;
	st = GET_BE_U_4(p);
	nd_printf(nd, "\n\t      Status: 0x%02x, Flags: [%s and %s forward]", st & 0x3fffffff,
		  st & 0x80000000 ? "Fatal error" : "Advisory Notification",
		  st & 0x40000000 ? "do" : "don't");
	id = GET_BE_U_4(p + 4);
	if (id)
		nd_printf(nd, ", causing Message ID: 0x%08x", id);
}

static void ft_session_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned f;
	uint32_t t;

	if (too_short(nd, tlen, 12))
		return;
	f = GET_BE_U_2(p);
	nd_printf(nd, "\n\t      Flags: [%sReconnect, %sSave State, %sAll-Label Protection, "
		  "%s Checkpoint, %sRe-Learn State]", f & 0x8000 ? "" : "No ",
		  f & 0x8 ? "" : "Don't ", f & 0x4 ? "" : "No ",
		  f & 0x2 ? "Sequence Numbered Label" : "All Labels", f & 0x1 ? "" : "Don't ");
	t = GET_BE_U_4(p + 4);
	if (t)
		nd_printf(nd, ", Reconnect Timeout: %ums", t);
	t = GET_BE_U_4(p + 8);
	if (t)
		nd_printf(nd, ", Recovery Time: %ums", t);
}

/* The value of a TLV, tlen bytes (inside the message, which is captured). */
static void tlv_value_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned tlen)
{
	switch (type) {
	case 0x0400:
		if (!too_short(nd, tlen, 4))
			hello_params_print(nd, p);
		break;
	case 0x0401:
		if (!too_short(nd, tlen, 4)) {
			const char *a = nd_ipaddr_string(nd, p);

			nd_puts(nd, "\n\t      IPv4 Transport Address: ");
			nd_puts(nd, a);
		}
		break;
	case 0x0403:
		if (!too_short(nd, tlen, 16))
			nd_printf(nd, "\n\t      IPv6 Transport Address: %s", nd_ip6addr_string(nd, p));
		break;
	case 0x0402:
		if (!too_short(nd, tlen, 4)) {
			uint32_t seq = GET_BE_U_4(p);

			nd_puts(nd, "\n\t      Sequence Number: ");
			nd_putu(nd, seq);
		}
		break;
	case 0x0101:
		addr_list_print(nd, p, tlen);
		break;
	case 0x0500:
		if (!too_short(nd, tlen, 8))
			nd_printf(nd, "\n\t      Version: %u, Keepalive: %us, Flags: [Downstream %s, "
				  "Loop Detection %s]", GET_BE_U_2(p), GET_BE_U_2(p + 2),
				  (GET_BE_U_2(p + 6) & 0x8000) ? "On Demand" : "Unsolicited",
				  (GET_BE_U_2(p + 6) & 0x4000) ? "Enabled" : "Disabled");
		break;
	case 0x0100:
		fec_print(nd, p, tlen);
		break;
	case 0x0200:
		if (!too_short(nd, tlen, 4)) {
			uint32_t label = GET_BE_U_4(p) & 0xfffff;

			nd_puts(nd, "\n\t      Label: ");
			nd_putu(nd, label);
		}
		break;
	case 0x0300:
		status_print(nd, p, tlen);
		break;
	case 0x0503:
		ft_session_print(nd, p, tlen);
		break;
	case 0x0601:
		if (!too_short(nd, tlen, 2))
			nd_printf(nd, "\n\t      MTU: %u", GET_BE_U_2(p));
		break;
	default:
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p, "\n\t      ", tlen);
		break;
	}
}

/* One TLV of a message with msg_tlen bytes left; the bytes it used, 0 to stop. */
static unsigned tlv_print(struct nd *nd, const uint8_t *p, unsigned msg_tlen)
{
	unsigned raw, len, type;

	ND_TCHECK_LEN(nd, p, 4);
	len = GET_BE_U_2(p + 2);
	if (len + 4 > msg_tlen) {
		nd_puts(nd, "\n\t\t TLV contents go past end of message");
		return 0;
	}
	raw = GET_BE_U_2(p);
	type = raw & 0x3fff;
	/* Written piece by piece: printf's formatting was most of -v's time. */
	nd_puts(nd, "\n\t    ");
	nd_puts(nd, tok(tlv_types, "Unknown", type));
	nd_puts(nd, " TLV (0x");
	nd_putx(nd, type, 4);
	nd_puts(nd, "), length: ");
	nd_putu(nd, len);
	nd_puts(nd, raw & 0x8000 ? ", Flags: [continue processing and " : ", Flags: [ignore and ");
	nd_puts(nd, raw & 0x4000 ? "do forward if unknown]" : "don't forward if unknown]");
	tlv_value_print(nd, type, p + 4, len);
	return len + 4;
}

/* Whether tcpdump decodes this message type's TLVs (else it dumps them with -v). */
static int msg_decoded(unsigned type)
{
	switch (type) {
	case 0x0001: case 0x0100: case 0x0200: case 0x0201: case 0x0300: case 0x0301:
	case 0x0400: case 0x0402:
		return 1;
	}
	return 0;
}

/* One message at p; 0 if its length is too short to go on. */
static int msg_print(struct nd *nd, const uint8_t *p, unsigned *msg_len)
{
	unsigned type, len, tlen;
	const uint8_t *t = p + LDP_MSG_HDR;

	ND_TCHECK_LEN(nd, p, LDP_MSG_HDR);
	len = GET_BE_U_2(p + 2);
	type = GET_BE_U_2(p) & 0x7fff;
	if (len < LDP_MSG_HDR - 4) {
		nd_printf(nd, "\n\t  %s Message (0x%04x), length: %u (too short, < %u)",
			  tok(msg_types, "Unknown", type), type, len, LDP_MSG_HDR - 4);
		return 0;
	}
	nd_puts(nd, "\n\t  ");
	nd_puts(nd, tok(msg_types, "Unknown", type));
	nd_puts(nd, " Message (0x");
	nd_putx(nd, type, 4);
	nd_puts(nd, "), length: ");
	nd_putu(nd, len);
	nd_puts(nd, ", Message ID: 0x");
	nd_putx(nd, GET_BE_U_4(p + 4), 8);
	nd_puts(nd, (GET_BE_U_2(p) & 0x8000) ? ", Flags: [continue processing if unknown]" :
		", Flags: [ignore if unknown]");
	ND_TCHECK_LEN(nd, p, len);
	tlen = len - (LDP_MSG_HDR - 4);
	if (msg_decoded(type)) {
		while (tlen >= 4) {
			unsigned n = tlv_print(nd, t, tlen);

			if (n == 0)
				break;
			tlen -= n;
			t += n;
		}
	} else if (nd->o.vflag <= 1) {
		nd_print_unknown_data(nd, t, "\n\t  ", tlen);
	}
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, p + LDP_MSG_HDR, "\n\t  ", len);
	*msg_len = len;
	return 1;
}

/* One PDU: the bytes it says it has, 0 to stop (a bad header, or no -v). */
static unsigned pdu_print(struct nd *nd, const uint8_t *p)
{
	const char *nl = nd->o.vflag < 1 ? "" : "\n\t";
	unsigned version, pdu_len;
	uint16_t tlen;
	const uint8_t *t;

	ND_TCHECK_LEN(nd, p, LDP_HDR);
	version = GET_BE_U_2(p);
	if (version != 1) {
		nd_printf(nd, "%sLDP version %u packet not supported", nl, version);
		return 0;
	}
	pdu_len = GET_BE_U_2(p + 2);
	if (pdu_len < LDP_HDR - 4) {
		nd_printf(nd, "%sLDP, pdu-length: %u (too short, < %u)", nl, pdu_len, LDP_HDR - 4);
		return 0;
	}
	nd_puts(nd, nl);
	nd_puts(nd, "LDP, Label-Space-ID: ");
	nd_puts(nd, nd_ipaddr_string(nd, p + 4));	/* the header is captured (checked above) */
	nd_putc(nd, ':');
	nd_putu(nd, GET_BE_U_2(p + 8));
	nd_puts(nd, ", pdu-length: ");
	nd_putu(nd, pdu_len);
	if (nd->o.vflag < 1)
		return 0;
	t = p + LDP_HDR;
	/* 16 bits, as tcpdump's: a message longer than the PDU wraps it and goes on. */
	tlen = (uint16_t)(pdu_len - (LDP_HDR - 4));
	while (tlen > 0) {
		unsigned msg_len;

		if (!msg_print(nd, t, &msg_len))
			return 0;
		t += msg_len + 4;
		tlen = (uint16_t)(tlen - (msg_len + 4));
	}
	return pdu_len + 4;
}

void nd_ldp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	nd->protocol = "ldp";
	while (length > LDP_HDR + LDP_MSG_HDR) {
		unsigned n = pdu_print(nd, bp);

		if (n == 0)
			return;
		if (length < n) {
			nd_printf(nd, " [remaining length %u < %u]", length, n);
			nd_print_invalid(nd);
			break;
		}
		length -= n;
		bp += n;
	}
}

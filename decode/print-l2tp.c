/* print-l2tp.c: L2TPv2 (RFC 2661) on UDP port 1701: control messages with their AVPs, data messages carrying PPP */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ppp.h"

#define L2TP_FLAG_TYPE 0x8000
#define L2TP_FLAG_LENGTH 0x4000
#define L2TP_FLAG_SEQUENCE 0x0800
#define L2TP_FLAG_OFFSET 0x0200
#define L2TP_FLAG_PRIORITY 0x0100
#define AVP_MANDATORY 0x8000
#define AVP_HIDDEN 0x4000
#define AVP_LEN_MASK 0x03ff

static const struct nd_tok msgtypes[] = {
	{ 1, "SCCRQ" }, { 2, "SCCRP" }, { 3, "SCCCN" }, { 4, "StopCCN" }, { 6, "HELLO" },
	{ 7, "OCRQ" }, { 8, "OCRP" }, { 9, "OCCN" }, { 10, "ICRQ" }, { 11, "ICRP" },
	{ 12, "ICCN" }, { 14, "CDN" }, { 15, "WEN" }, { 16, "SLI" }, { 0, NULL },
};

static const struct nd_tok avps[] = {
	{ 0, "MSGTYPE" }, { 1, "RESULT_CODE" }, { 2, "PROTO_VER" }, { 3, "FRAMING_CAP" },
	{ 4, "BEARER_CAP" }, { 5, "TIE_BREAKER" }, { 6, "FIRM_VER" }, { 7, "HOST_NAME" },
	{ 8, "VENDOR_NAME" }, { 9, "ASSND_TUN_ID" }, { 10, "RECV_WIN_SIZE" },
	{ 11, "CHALLENGE" }, { 12, "Q931_CC" }, { 13, "CHALLENGE_RESP" },
	{ 14, "ASSND_SESS_ID" }, { 15, "CALL_SER_NUM" }, { 16, "MINIMUM_BPS" },
	{ 17, "MAXIMUM_BPS" }, { 18, "BEARER_TYPE" }, { 19, "FRAMING_TYPE" },
	{ 20, "PACKET_PROC_DELAY" }, { 21, "CALLED_NUMBER" }, { 22, "CALLING_NUMBER" },
	{ 23, "SUB_ADDRESS" }, { 24, "TX_CONN_SPEED" }, { 25, "PHY_CHANNEL_ID" },
	{ 26, "INI_RECV_LCP" }, { 27, "LAST_SENT_LCP" }, { 28, "LAST_RECV_LCP" },
	{ 29, "PROXY_AUTH_TYPE" }, { 30, "PROXY_AUTH_NAME" }, { 31, "PROXY_AUTH_CHAL" },
	{ 32, "PROXY_AUTH_ID" }, { 33, "PROXY_AUTH_RESP" }, { 34, "CALL_ERRORS" },
	{ 35, "ACCM" }, { 36, "RANDOM_VECTOR" }, { 37, "PRIVATE_GRP_ID" },
	{ 38, "RX_CONN_SPEED" }, { 39, "SEQ_REQUIRED" }, { 46, "PPP_DISCON_CC" }, { 0, NULL },
};

static const struct nd_tok authtypes[] = {
	{ 0, "Reserved" }, { 1, "Textual" }, { 2, "CHAP" }, { 3, "PAP" }, { 4, "No Auth" },
	{ 5, "MS-CHAPv1" }, { 0, NULL },
};

static const struct nd_tok cc_directions[] = {
	{ 0, "global error" }, { 1, "at peer" }, { 2, "at local" }, { 0, NULL },
};

static void print_string(struct nd *nd, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		nd_print_char(nd, GET_U_1(p + i));
}

static void print_octets(struct nd *nd, const uint8_t *p, unsigned n)
{
	nd_ppp_hex(nd, p, n, 0);
}

/* A number read before anything is printed, as one tcpdump ND_PRINT does. */
static void num_print(struct nd *nd, const char *pre, uint32_t v, const char *post)
{
	nd_puts(nd, pre);
	nd_putu(nd, v);
	nd_puts(nd, post);
}

static int too_short(struct nd *nd, unsigned len, unsigned want)
{
	if (len >= want)
		return 0;
	nd_puts(nd, "AVP too short");
	return 1;
}

static void result_code_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (too_short(nd, len, 2))
		return;
	nd_printf(nd, "%u", GET_BE_U_2(p));
	if (len == 2)
		return;
	if (len < 4) {
		nd_puts(nd, " AVP too short");
		return;
	}
	nd_printf(nd, "/%u", GET_BE_U_2(p + 2));
	if (len == 4)
		return;
	nd_putc(nd, ' ');
	print_string(nd, p + 4, len - 4);
}

/* Two bit flags of a 32-bit field, as letters (framing and bearer AVPs). */
static void bits_print(struct nd *nd, const uint8_t *p, unsigned len, const char *letters)
{
	if (too_short(nd, len, 4))
		return;
	if (GET_BE_U_4(p) & 2)
		nd_putc(nd, letters[0]);
	if (GET_BE_U_4(p) & 1)
		nd_putc(nd, letters[1]);
}

static void q931_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (too_short(nd, len, 3))
		return;
	nd_printf(nd, "%u", GET_BE_U_2(p));
	nd_printf(nd, ", %02x", GET_U_1(p + 2));
	if (len > 3) {
		nd_putc(nd, ' ');
		print_string(nd, p + 3, len - 3);
	}
}

/* Counters after a reserved 16-bit field, each "NAME=%u " while the AVP lasts. */
static void counters_print(struct nd *nd, const uint8_t *p, unsigned len, const char *const *names,
			   int hex)
{
	if (too_short(nd, len, 2))
		return;
	p += 2;
	len -= 2;
	for (; *names; names++, p += 4, len -= 4) {
		uint32_t v;

		if (too_short(nd, len, 4))
			return;
		v = GET_BE_U_4(p);
		if (hex)
			nd_printf(nd, "%s=%08x ", *names, v);
		else
			nd_printf(nd, "%s=%u ", *names, v);
	}
}

static void discon_cc_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	char buf[32];

	if (too_short(nd, len, 5))
		return;
	nd_printf(nd, "%04x, ", GET_BE_U_2(p));
	nd_printf(nd, "%04x ", GET_BE_U_2(p + 2));
	nd_puts(nd, nd_tok2str(cc_directions, "Direction-#%u", GET_U_1(p + 4), buf, sizeof(buf)));
	if (len > 5) {
		nd_putc(nd, ' ');
		print_string(nd, p + 5, len - 5);
	}
}

static void avp_value2_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	static const char *const errors[] = {
		"CRCErr", "FrameErr", "HardOver", "BufOver", "Timeout", "AlignErr", NULL,
	};
	static const char *const accm[] = { "send", "recv", NULL };
	char buf[32];

	switch (type) {
	case 29:
		if (!too_short(nd, len, 2))
			nd_puts(nd, nd_tok2str(authtypes, "AuthType-#%u", GET_BE_U_2(p), buf,
					       sizeof(buf)));
		break;
	case 32:
		if (!too_short(nd, len, 2))
			nd_printf(nd, "%u", GET_BE_U_2(p) & 0xff);
		break;
	case 34:
		counters_print(nd, p, len, errors, 0);
		break;
	case 35:
		counters_print(nd, p, len, accm, 1);
		break;
	case 46:
		discon_cc_print(nd, p, len);
		break;
	default:
		break;
	}
}

static void avp_value_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	char buf[32];

	switch (type) {
	case 0:
		if (!too_short(nd, len, 2))
			nd_puts(nd, nd_tok2str(msgtypes, "MSGTYPE-#%u", GET_BE_U_2(p), buf,
					       sizeof(buf)));
		break;
	case 1:
		result_code_print(nd, p, len);
		break;
	case 2:
		if (!too_short(nd, len, 2))
			nd_printf(nd, "%u.%u", GET_BE_U_2(p) >> 8, GET_BE_U_2(p) & 0xff);
		break;
	case 3:
	case 19:
		bits_print(nd, p, len, "AS");
		break;
	case 4:
	case 18:
		bits_print(nd, p, len, "AD");
		break;
	case 5:
		if (!too_short(nd, len, 8))
			print_octets(nd, p, 8);
		break;
	case 6:
	case 9:
	case 10:
	case 14:
		if (!too_short(nd, len, 2))
			num_print(nd, "", GET_BE_U_2(p), "");
		break;
	case 7:
	case 8:
	case 21:
	case 22:
	case 23:
	case 30:
	case 37:
		print_string(nd, p, len);
		break;
	case 11:
	case 26:
	case 27:
	case 28:
	case 31:
	case 33:
	case 36:
		print_octets(nd, p, len);
		break;
	case 12:
		q931_print(nd, p, len);
		break;
	case 13:
		if (!too_short(nd, len, 16))
			print_octets(nd, p, 16);
		break;
	case 15:
	case 16:
	case 17:
	case 24:
	case 25:
	case 38:
		if (!too_short(nd, len, 4))
			num_print(nd, "", GET_BE_U_4(p), "");
		break;
	case 20:
		nd_puts(nd, "obsolete");
		break;
	default:
		avp_value2_print(nd, type, p, len);
		break;
	}
}

/* One AVP; its length, or 0 when it is cut off or lies (tcpdump then stops). */
static unsigned avp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned len, flags, type;
	char buf[32];

	nd_putc(nd, ' ');
	flags = GET_BE_U_2(p);
	len = flags & AVP_LEN_MASK;
	if (len < 6 || len > length || !ND_TTEST_LEN(nd, p, len)) {
		nd_print_trunc(nd);
		return 0;
	}
	if (flags & AVP_MANDATORY)
		nd_putc(nd, '*');
	if (flags & AVP_HIDDEN)
		nd_putc(nd, '?');
	if (GET_BE_U_2(p + 2)) {
		nd_printf(nd, "VENDOR%04x:", GET_BE_U_2(p + 2));
		nd_printf(nd, "ATTR%04x", GET_BE_U_2(p + 4));
		nd_putc(nd, '(');
		print_octets(nd, p + 6, len - 6);
		nd_putc(nd, ')');
		return len;
	}
	type = GET_BE_U_2(p + 4);
	nd_puts(nd, nd_tok2str(avps, "AVP-#%u", type, buf, sizeof(buf)));
	nd_putc(nd, '(');
	if (flags & AVP_HIDDEN)
		nd_puts(nd, "???");
	else
		avp_value_print(nd, type, p + 6, len - 6);
	nd_putc(nd, ')');
	return len;
}

/* The header's flags as letters; 0 for L2F or an unknown version (nothing more printed). */
static int flags_print(struct nd *nd, unsigned flags)
{
	switch (flags & 0x000f) {
	case 2:
		nd_puts(nd, " l2tp:");
		break;
	case 1:
		nd_puts(nd, " l2f:");
		return 0;
	default:
		nd_puts(nd, " Unknown Version, neither L2F(1) nor L2TP(2)");
		return 0;
	}
	nd_putc(nd, '[');
	if (flags & L2TP_FLAG_TYPE)
		nd_putc(nd, 'T');
	if (flags & L2TP_FLAG_LENGTH)
		nd_putc(nd, 'L');
	if (flags & L2TP_FLAG_SEQUENCE)
		nd_putc(nd, 'S');
	if (flags & L2TP_FLAG_OFFSET)
		nd_putc(nd, 'O');
	if (flags & L2TP_FLAG_PRIORITY)
		nd_putc(nd, 'P');
	nd_putc(nd, ']');
	return 1;
}

static void body_print(struct nd *nd, unsigned flags, const uint8_t *p, unsigned length)
{
	unsigned n;

	if (!(flags & L2TP_FLAG_TYPE)) {
		nd_puts(nd, " {");
		nd_ppp_print(nd, p, length);
		nd_putc(nd, '}');
		return;
	}
	if (!(flags & L2TP_FLAG_LENGTH)) {
		nd_puts(nd, " No length");
		return;
	}
	if (length == 0) {
		nd_puts(nd, " ZLB");
		return;
	}
	while (length != 0) {
		n = avp_print(nd, p, length);
		if (n == 0)
			break;
		p += n;
		length -= n;
	}
}

void nd_l2tp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	const uint8_t *p = bp;
	unsigned flags, l2tp_len = 0, pad;

	nd->protocol = "l2tp";
	flags = GET_BE_U_2(p);
	if (!flags_print(nd, flags))
		return;
	p += 2;
	if (flags & L2TP_FLAG_LENGTH) {
		l2tp_len = GET_BE_U_2(p);
		p += 2;
	}
	num_print(nd, "(", GET_BE_U_2(p), "/");
	num_print(nd, "", GET_BE_U_2(p + 2), ")");
	p += 4;
	if (flags & L2TP_FLAG_SEQUENCE) {
		num_print(nd, "Ns=", GET_BE_U_2(p), ",");
		num_print(nd, "Nr=", GET_BE_U_2(p + 2), "");
		p += 4;
	}
	if (flags & L2TP_FLAG_OFFSET) {
		pad = GET_BE_U_2(p);
		ND_TCHECK_LEN(nd, p + 2, pad);
		p += 2 + pad;
	}
	if (flags & L2TP_FLAG_LENGTH) {
		if (length < l2tp_len) {
			nd_printf(nd, " Length %u larger than packet", l2tp_len);
			return;
		}
		length = l2tp_len;
	}
	if (length < (unsigned)(p - bp)) {
		nd_printf(nd, " Length %u smaller than header length", length);
		return;
	}
	body_print(nd, flags, p, length - (unsigned)(p - bp));
}

/* print-dccp.c: DCCP (RFC 4340, IP protocol 33): header, packet types, checksum and options */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define DCCP_HDRLEN 12		/* generic header with a 24-bit sequence number */
#define DCCP_HDRLEN_X 16	/* with the 48-bit one */

enum {
	DCCP_REQUEST, DCCP_RESPONSE, DCCP_DATA, DCCP_ACK, DCCP_DATAACK, DCCP_CLOSEREQ,
	DCCP_CLOSE, DCCP_RESET, DCCP_SYNC, DCCP_SYNCACK,
};

static const struct nd_tok dccp_types[] = {
	{ DCCP_REQUEST, "DCCP-Request" }, { DCCP_RESPONSE, "DCCP-Response" },
	{ DCCP_DATA, "DCCP-Data" },	  { DCCP_ACK, "DCCP-Ack" },
	{ DCCP_DATAACK, "DCCP-DataAck" }, { DCCP_CLOSEREQ, "DCCP-CloseReq" },
	{ DCCP_CLOSE, "DCCP-Close" },	  { DCCP_RESET, "DCCP-Reset" },
	{ DCCP_SYNC, "DCCP-Sync" },	  { DCCP_SYNCACK, "DCCP-SyncAck" },
	{ 0, NULL },
};

static const char *const dccp_reset_codes[] = {
	"unspecified", "closed", "aborted", "no_connection", "packet_error", "option_error",
	"mandatory_error", "connection_refused", "bad_service_code", "too_busy",
	"bad_init_cookie", "aggression_penalty",
};

static const char *const dccp_features[] = {
	"reserved", "ccid", "allow_short_seqno", "sequence_window", "ecn_incapable", "ack_ratio",
	"send_ack_vector", "send_ndp_count", "minimum checksum coverage", "check data checksum",
};

static const struct nd_tok dccp_options[] = {
	{ 0, "nop" },		{ 1, "mandatory" },	  { 2, "slowreceiver" },
	{ 32, "change_l" },	{ 33, "confirm_l" },	  { 34, "change_r" },
	{ 35, "confirm_r" },	{ 36, "initcookie" },	  { 37, "ndp_count" },
	{ 38, "ack_vector0" },	{ 39, "ack_vector1" },	  { 40, "data_dropped" },
	{ 41, "timestamp" },	{ 42, "timestamp_echo" }, { 43, "elapsed_time" },
	{ 44, "data_checksum" }, { 0, NULL },
};

/* The bytes after the type's fixed part that each type needs (tcpdump's checks). */
static const unsigned dccp_type_extra[] = { 4, 12, 0, 8, 8, 8, 8, 12, 8, 8 };

static uint64_t get_be48(struct nd *nd, const uint8_t *p)
{
	return (uint64_t)GET_BE_U_2(p) << 32 | GET_BE_U_4(p + 2);
}

/*
 * The checksum over the first cov bytes with the whole length in the
 * pseudo-header: the pseudo-header's sum with length 0 from the common
 * helper, then the length and the covered bytes added to it.
 */
static uint16_t dccp_cksum(struct nd *nd, const uint8_t *ip, const uint8_t *bp, unsigned len,
			   unsigned cov)
{
	uint16_t ph0 = (uint16_t)~nd_nextproto_cksum(nd, ip, bp, 0, 33);
	uint8_t extra[6] = { (uint8_t)(ph0 >> 8), (uint8_t)ph0, (uint8_t)(len >> 24),
			     (uint8_t)(len >> 16), (uint8_t)(len >> 8), (uint8_t)len };
	struct nd_cksum_vec vec[2] = { { extra, sizeof(extra) }, { bp, cov } };

	return nd_in_cksum(vec, 2);
}

static void print_cksum(struct nd *nd, const uint8_t *bp, unsigned len, const uint8_t *ip)
{
	unsigned cscov = GET_U_1(bp + 5) & 0xf, cov = len;
	uint16_t sum, dsum = GET_BE_U_2(bp + 6);

	if (cscov) {
		cov = (GET_U_1(bp + 4) + cscov - 1) * 4;
		if (cov > len)
			cov = len;
	}
	nd_printf(nd, ", cksum 0x%04x ", dsum);
	sum = dccp_cksum(nd, ip, bp, len, cov);
	if (sum != 0)
		nd_printf(nd, "(incorrect -> 0x%04x)", nd_in_cksum_shouldbe(dsum, sum));
	else
		nd_puts(nd, "(correct)");
}

static void print_hexbytes(struct nd *nd, const uint8_t *p, unsigned n, const char *lead)
{
	if (n == 0)
		return;
	nd_puts(nd, lead);
	for (unsigned i = 0; i < n; i++)
		nd_printf(nd, "%02x", GET_U_1(p + i));
}

/* An option's value after its name (optlen is at least 2 here for kinds >= 32). */
static void print_option_value(struct nd *nd, const uint8_t *o, unsigned kind, unsigned optlen)
{
	switch (kind) {
	case 32: case 33: case 34: case 35:
		if (optlen < 3) {
			nd_puts(nd, " optlen too short");
			break;
		}
		if (GET_U_1(o + 2) < 10) {
			nd_printf(nd, " %s", dccp_features[GET_U_1(o + 2)]);
			for (unsigned i = 3; i < optlen; i++)
				nd_printf(nd, " %u", GET_U_1(o + i));
		}
		break;
	case 36: case 38: case 39: case 40:
		print_hexbytes(nd, o + 2, optlen - 2, " 0x");
		break;
	case 37:
		for (unsigned i = 2; i < optlen; i++)
			nd_printf(nd, " %u", GET_U_1(o + i));
		break;
	case 41:
		if (optlen == 6)
			nd_printf(nd, " %u", GET_BE_U_4(o + 2));
		else
			nd_puts(nd, " [optlen != 6]");
		break;
	case 42:
		if (optlen == 6 || optlen == 8 || optlen == 10)
			nd_printf(nd, " %u", GET_BE_U_4(o + 2));
		if (optlen == 8)
			nd_printf(nd, " (elapsed time %u)", GET_BE_U_2(o + 6));
		else if (optlen == 10)
			nd_printf(nd, " (elapsed time %u)", GET_BE_U_4(o + 6));
		else if (optlen != 6)
			nd_puts(nd, " [optlen != 6 or 8 or 10]");
		break;
	case 43:
		if (optlen == 6)
			nd_printf(nd, " %u", GET_BE_U_4(o + 2));
		else if (optlen == 4)
			nd_printf(nd, " %u", GET_BE_U_2(o + 2));
		else
			nd_puts(nd, " [optlen != 4 or 6]");
		break;
	case 44:
		print_hexbytes(nd, o + 2, optlen - 2, " ");
		break;
	}
}

static void print_option_name(struct nd *nd, unsigned kind)
{
	char buf[32];

	if (kind >= 128)
		nd_printf(nd, "CCID option %u", kind);
	else
		nd_puts(nd, nd_tok2str(dccp_options, "Option %u", kind, buf, sizeof(buf)));
}

/* One option; returns its length, 0 when the list cannot go on. */
static unsigned print_option(struct nd *nd, const uint8_t *o, unsigned hlen)
{
	unsigned kind = GET_U_1(o), optlen = 1;

	if (kind >= 32) {
		optlen = GET_U_1(o + 1);
		if (optlen < 2) {
			print_option_name(nd, kind);
			nd_puts(nd, " optlen too short");
			return 0;
		}
	}
	if (hlen < optlen) {
		print_option_name(nd, kind);
		nd_puts(nd, " optlen goes past header length");
		return 0;
	}
	if (!ND_TTEST_LEN(nd, o, optlen)) {
		nd_print_trunc(nd);
		return 0;
	}
	print_option_name(nd, kind);
	if (kind >= 128) {
		if (optlen == 4)
			nd_printf(nd, " %u", GET_BE_U_2(o + 2));
		else if (optlen == 6)
			nd_printf(nd, " %u", GET_BE_U_4(o + 2));
	} else {
		print_option_value(nd, o, kind, optlen);
	}
	return optlen;
}

static void print_options(struct nd *nd, const uint8_t *cp, unsigned hlen)
{
	nd_puts(nd, " <");
	for (;;) {
		unsigned optlen = print_option(nd, cp, hlen);

		if (optlen == 0 || hlen <= optlen)
			break;
		hlen -= optlen;
		cp += optlen;
		nd_puts(nd, ", ");
	}
	nd_putc(nd, '>');
}

static unsigned basic_of(unsigned fixed, unsigned type)
{
	return fixed - dccp_type_extra[type];
}

/* The type's name and fixed fields; returns the fixed header length, 0 if len is short. */
static unsigned print_type(struct nd *nd, const uint8_t *bp, unsigned len, unsigned type,
			   unsigned fixed)
{
	char buf[32];

	if (type > DCCP_SYNCACK) {
		nd_printf(nd, "%s ", nd_tok2str(dccp_types, "unknown-type-%u", type, buf, sizeof(buf)));
		return fixed;
	}
	fixed += dccp_type_extra[type];
	if (len < fixed) {
		nd_printf(nd, "truncated-%s - %u bytes missing!", nd_tok2str(dccp_types, "", type, buf,
			  sizeof(buf)), fixed - len);
		return 0;
	}
	if ((type == DCCP_REQUEST || type == DCCP_RESPONSE || type == DCCP_RESET) &&
	    !ND_TTEST_LEN(nd, bp + basic_of(fixed, type), dccp_type_extra[type])) {
		nd_print_trunc(nd);
		return 0;
	}
	nd_puts(nd, nd_tok2str(dccp_types, "", type, buf, sizeof(buf)));
	if (type == DCCP_REQUEST || type == DCCP_RESPONSE) {
		nd_printf(nd, " (service=%u)", GET_BE_U_4(bp + fixed - 4));
	} else if (type == DCCP_RESET) {
		unsigned code = GET_U_1(bp + fixed - 4);

		nd_printf(nd, " (code=%s)", code < 12 ? dccp_reset_codes[code] : "invalid");
	}
	nd_putc(nd, ' ');
	return fixed;
}

static void print_addrs(struct nd *nd, const uint8_t *bp, const uint8_t *ip, int v6)
{
	const char *src = v6 ? nd_ip6addr_string(nd, ip + 8) : nd_ipaddr_string(nd, ip + 12);

	nd_printf(nd, "%s.%u > ", src, GET_BE_U_2(bp));
	nd_printf(nd, "%s.%u: ", v6 ? nd_ip6addr_string(nd, ip + 24) : nd_ipaddr_string(nd, ip + 16),
		  GET_BE_U_2(bp + 2));
}

static void print_ack_seq(struct nd *nd, const uint8_t *bp, unsigned type, unsigned basic,
			  int x, unsigned hlen, unsigned fixed)
{
	if (type != DCCP_DATA && type != DCCP_REQUEST)
		nd_printf(nd, "(ack=%" PRIu64 ") ",
			  x ? get_be48(nd, bp + basic + 2) : (uint64_t)GET_BE_U_3(bp + basic + 1));
	if (nd->o.vflag < 2)
		return;
	nd_printf(nd, "seq %" PRIu64, x ? get_be48(nd, bp + 10) : (uint64_t)GET_BE_U_3(bp + 9));
	if (hlen > fixed)
		print_options(nd, bp + fixed, hlen - fixed);
}

void nd_dccp_print(struct nd *nd, const uint8_t *bp, unsigned len, const uint8_t *ip)
{
	int v6 = (GET_U_1(ip) >> 4) == 6, x;
	unsigned hlen, basic, type, fixed;

	nd->protocol = "dccp";
	/* tcpdump's own checks print the marker and end the packet normally (-x skips the link). */
	if (bp + DCCP_HDRLEN > nd->snapend) {
		nd_print_trunc(nd);
		return;
	}
	if (len < DCCP_HDRLEN) {
		nd_printf(nd, "truncated-dccp - %u bytes missing!", DCCP_HDRLEN - len);
		return;
	}
	x = GET_U_1(bp + 8) & 1;
	basic = x ? DCCP_HDRLEN_X : DCCP_HDRLEN;
	if (len < basic) {
		nd_printf(nd, "truncated-dccp - %u bytes missing!", basic - len);
		return;
	}
	if (!ND_TTEST_LEN(nd, bp, basic)) {
		nd_print_trunc(nd);
		return;
	}
	hlen = GET_U_1(bp + 4) * 4;
	print_addrs(nd, bp, ip, v6);
	nd_puts(nd, "DCCP");
	if (nd->o.qflag) {
		nd_printf(nd, " %u", len - hlen);
		if (hlen > len)
			nd_printf(nd, " [bad hdr length %u - too long, > %u]", hlen, len);
		return;
	}
	if (nd->o.vflag) {
		nd_printf(nd, " (CCVal %u, CsCov %u", GET_U_1(bp + 5) >> 4, GET_U_1(bp + 5) & 0xf);
		if (ND_TTEST_LEN(nd, bp, len))
			print_cksum(nd, bp, len, ip);
		nd_putc(nd, ')');
	}
	nd_putc(nd, ' ');
	type = (GET_U_1(bp + 8) >> 1) & 0xf;
	fixed = print_type(nd, bp, len, type, basic);
	if (fixed)
		print_ack_seq(nd, bp, type, basic, x, hlen, fixed);
}

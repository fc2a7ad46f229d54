/* print-ntp.c: NTP time and control messages (RFC 5905, mode 6) as tcpdump prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <time.h>

#include "print-app.h"

/* Time messages: the mandatory fields, then an optional key id and digest. */
#define NTP_TIMEMSG_MINLEN 48u
#define NTP_STRATUM 1
#define NTP_PPOLL 2
#define NTP_PRECISION 3
#define NTP_ROOT_DELAY 4
#define NTP_ROOT_DISP 8
#define NTP_REFID 12
#define NTP_REF_TS 16
#define NTP_ORG_TS 24
#define NTP_REC_TS 32
#define NTP_XMT_TS 40
#define NTP_KEY_ID 48
#define NTP_DIGEST 52

/* Control messages (mode 6): a 12-byte header, then count bytes of data. */
#define NTP_CTRLMSG_MINLEN 12u

#define MODE_CONTROL 6
#define STRATUM_UNSPEC 0
#define STRATUM_PRIM_REF 1
#define STRATUM_INFO_QUERY 62
#define STRATUM_INFO_REPLY 63

/* Seconds from 1900, NTP's era 0, to 1970. */
#define JAN_1970 2208988800LL
#define FMAXINT 4294967296.0

static const struct nd_tok ntp_mode_values[] = {
	{ 0, "unspecified" }, { 1, "symmetric active" }, { 2, "symmetric passive" },
	{ 3, "Client" },      { 4, "Server" },	 { 5, "Broadcast" },
	{ 6, "Control Message" }, { 7, "Reserved" }, { 0, NULL },
};

static const struct nd_tok ntp_leapind_values[] = {
	{ 0x00, "" }, { 0x40, "+1s" }, { 0x80, "-1s" }, { 0xc0, "clock unsynchronized" },
	{ 0, NULL },
};

static const struct nd_tok ntp_stratum_values[] = {
	{ 0, "unspecified" }, { 1, "primary reference" }, { 0, NULL },
};

/* A 16.16 fixed-point number as seconds with microseconds. */
static void p_sfix(struct nd *nd, const uint8_t *p)
{
	int i = GET_BE_U_2(p);
	double ff = GET_BE_U_2(p + 2) / 65536.0;

	nd_printf(nd, "%d.%06d", i, (int)(ff * 1000000.0));
}

/* A 32.32 NTP time stamp, in seconds since 1900 and, when set, as UTC. */
void nd_ntp_time_print(struct nd *nd, const uint8_t *p)
{
	uint32_t i = GET_BE_U_4(p);
	double ff = GET_BE_U_4(p + 4) / FMAXINT;
	time_t secs;
	struct tm tm;
	char buf[64];

	nd_printf(nd, "%u.%09u", i, (uint32_t)(ff * 1000000000.0));
	if (!i)
		return;
	secs = (time_t)((int64_t)i - JAN_1970);
	if (!gmtime_r(&secs, &tm)) {
		nd_puts(nd, " (unrepresentable)");
		return;
	}
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	nd_printf(nd, " (%s)", buf);
}

/* The signed difference lfp - olfp, with tcpdump's unsigned borrow arithmetic. */
static void p_ntp_delta(struct nd *nd, const uint8_t *olfp, const uint8_t *lfp)
{
	uint32_t u = GET_BE_U_4(lfp), uf = GET_BE_U_4(lfp + 4);
	uint32_t ou = GET_BE_U_4(olfp), ouf = GET_BE_U_4(olfp + 4);
	uint32_t i, f;
	int neg;

	if (ou == 0 && ouf == 0) {
		nd_ntp_time_print(nd, lfp);
		return;
	}
	if (u > ou) {
		neg = 0;
		i = u - ou;
		f = uf - ouf;
		if (ouf > uf)
			i -= 1;
	} else if (u < ou) {
		neg = 1;
		i = ou - u;
		f = ouf - uf;
		if (uf > ouf)
			i -= 1;
	} else {
		i = 0;
		neg = !(uf > ouf);
		f = neg ? ouf - uf : uf - ouf;
	}
	nd_printf(nd, "%s%u.%09u", neg ? "-" : "+", i,
		  (uint32_t)((double)f / FMAXINT * 1000000000.0));
}

/* The poll interval, a power of two, as seconds or a fraction of one. */
static void p_poll(struct nd *nd, int poll)
{
	if (poll <= -32 || poll >= 32)
		return;
	if (poll >= 0)
		nd_printf(nd, " (%us)", 1u << poll);
	else
		nd_printf(nd, " (1/%us)", 1u << -poll);
}

static void print_digest(struct nd *nd, const uint8_t *p, unsigned words)
{
	ND_TCHECK_LEN(nd, p, words * 4);
	nd_puts(nd, "\n\tAuthentication: ");
	for (unsigned i = 0; i < words; i++)
		nd_printf(nd, "%08x", GET_BE_U_4(p + 4 * i));
}

static void ntp_time_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned stratum;
	char buf[32];

	if (length < NTP_TIMEMSG_MINLEN) {
		nd_print_invalid(nd);
		ND_TCHECK_LEN(nd, bp, length);
		return;
	}
	stratum = GET_U_1(bp + NTP_STRATUM);
	nd_printf(nd, ", Stratum %u (%s)", stratum,
		  nd_tok2str(ntp_stratum_values,
			     stratum >= 2 && stratum <= 15 ? "secondary reference" : "reserved",
			     stratum, buf, sizeof(buf)));
	nd_printf(nd, ", poll %d", (int8_t)GET_U_1(bp + NTP_PPOLL));
	p_poll(nd, (int8_t)GET_U_1(bp + NTP_PPOLL));
	nd_printf(nd, ", precision %d", (int8_t)GET_U_1(bp + NTP_PRECISION));
	ND_TCHECK_LEN(nd, bp + NTP_ROOT_DELAY, 4);
	nd_puts(nd, "\n\tRoot Delay: ");
	p_sfix(nd, bp + NTP_ROOT_DELAY);
	ND_TCHECK_LEN(nd, bp + NTP_ROOT_DISP, 4);
	nd_puts(nd, ", Root dispersion: ");
	p_sfix(nd, bp + NTP_ROOT_DISP);
	ND_TCHECK_LEN(nd, bp + NTP_REFID, 4);
	nd_puts(nd, ", Reference-ID: ");
	/* What the reference id means depends on the stratum. */
	switch (stratum) {
	case STRATUM_UNSPEC:
		nd_puts(nd, "(unspec)");
		break;
	case STRATUM_PRIM_REF:
		if (nd_printn_upto(nd, bp + NTP_REFID, 4))
			nd_trunc_longjmp(nd);
		break;
	case STRATUM_INFO_QUERY:
	case STRATUM_INFO_REPLY:
		nd_printf(nd, "%s %s", nd_ipaddr_string(nd, bp + NTP_REFID),
			  stratum == STRATUM_INFO_QUERY ? "INFO_QUERY" : "INFO_REPLY");
		return;
	default:
		nd_printf(nd, "0x%08x", GET_BE_U_4(bp + NTP_REFID));
		break;
	}
	ND_TCHECK_LEN(nd, bp + NTP_REF_TS, 8);
	nd_puts(nd, "\n\t  Reference Timestamp:  ");
	nd_ntp_time_print(nd, bp + NTP_REF_TS);
	ND_TCHECK_LEN(nd, bp + NTP_ORG_TS, 8);
	nd_puts(nd, "\n\t  Originator Timestamp: ");
	nd_ntp_time_print(nd, bp + NTP_ORG_TS);
	ND_TCHECK_LEN(nd, bp + NTP_REC_TS, 8);
	nd_puts(nd, "\n\t  Receive Timestamp:    ");
	nd_ntp_time_print(nd, bp + NTP_REC_TS);
	ND_TCHECK_LEN(nd, bp + NTP_XMT_TS, 8);
	nd_puts(nd, "\n\t  Transmit Timestamp:   ");
	nd_ntp_time_print(nd, bp + NTP_XMT_TS);
	nd_puts(nd, "\n\t    Originator - Receive Timestamp:  ");
	p_ntp_delta(nd, bp + NTP_ORG_TS, bp + NTP_REC_TS);
	nd_puts(nd, "\n\t    Originator - Transmit Timestamp: ");
	p_ntp_delta(nd, bp + NTP_ORG_TS, bp + NTP_XMT_TS);
	/* Like tcpdump, no extension fields: only the classic MAC lengths. */
	if (length == NTP_TIMEMSG_MINLEN + 4) {
		nd_printf(nd, "\n\tKey id: %u", GET_BE_U_4(bp + NTP_KEY_ID));
	} else if (length == NTP_TIMEMSG_MINLEN + 4 + 16 || length == NTP_TIMEMSG_MINLEN + 4 + 20) {
		nd_printf(nd, "\n\tKey id: %u", GET_BE_U_4(bp + NTP_KEY_ID));
		print_digest(nd, bp + NTP_DIGEST, (length - NTP_TIMEMSG_MINLEN - 4) / 4);
	} else if (length > NTP_TIMEMSG_MINLEN) {
		nd_printf(nd, "\n\t(%u more bytes after the header)", length - NTP_TIMEMSG_MINLEN);
	}
}

static void ntp_control_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned control, count;

	if (length < NTP_CTRLMSG_MINLEN)
		goto invalid;
	control = GET_U_1(bp + 1);
	nd_printf(nd, ", %s, %s, %s, OpCode=%u\n", control & 0x80 ? "Response" : "Request",
		  control & 0x40 ? "Error" : "OK", control & 0x20 ? "More" : "Last",
		  control & 0x1f);
	nd_printf(nd, "\tSequence=%hu", (unsigned short)GET_BE_U_2(bp + 2));
	nd_printf(nd, ", Status=%#hx", (unsigned short)GET_BE_U_2(bp + 4));
	nd_printf(nd, ", Assoc.=%hu", (unsigned short)GET_BE_U_2(bp + 6));
	nd_printf(nd, ", Offset=%hu", (unsigned short)GET_BE_U_2(bp + 8));
	count = GET_BE_U_2(bp + 10);
	nd_printf(nd, ", Count=%hu", (unsigned short)count);
	if (NTP_CTRLMSG_MINLEN + count > length)
		goto invalid;
	if (count != 0) {
		ND_TCHECK_LEN(nd, bp + NTP_CTRLMSG_MINLEN, count);
		nd_puts(nd, "\n\tTO-BE-DONE: data not interpreted");
	}
	return;
invalid:
	nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, bp, length);
}

void nd_ntp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned status, mode, leap;
	char buf[32];

	nd->protocol = "ntp";
	status = GET_U_1(bp);
	mode = status & 7;
	nd_printf(nd, "NTPv%u, %s, length %u", (status >> 3) & 7,
		  nd_tok2str(ntp_mode_values, "Unknown mode", mode, buf, sizeof(buf)), length);
	if (!nd->o.vflag)
		return;
	leap = status & 0xc0;
	nd_printf(nd, "\n\tLeap indicator: %s (%u)",
		  nd_tok2str(ntp_leapind_values, "Unknown", leap, buf, sizeof(buf)), leap);
	if (mode == MODE_CONTROL)
		ntp_control_print(nd, bp, length);
	else if (mode != 7)	/* tcpdump decodes nothing more of the reserved mode */
		ntp_time_print(nd, bp, length);
}

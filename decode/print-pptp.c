/* print-pptp.c: PPTP (RFC 2637) control messages on TCP port 1723 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ppp.h"

#define PPTP_MAGIC_COOKIE 0x1a2b3c4d

enum {
	SCCRQ = 1, SCCRP, StopCCRQ, StopCCRP, ECHORQ, ECHORP, OCRQ, OCRP, ICRQ, ICRP, ICCN,
	CCRQ, CDN, WEN, SLI,
};

static const char *const msgtypes[] = {
	"NOT_DEFINED", "SCCRQ", "SCCRP", "StopCCRQ", "StopCCRP", "ECHORQ", "ECHORP", "OCRQ",
	"OCRP", "ICRQ", "ICRP", "ICCN", "CCRQ", "CDN", "WEN", "SLI",
};

static const struct nd_tok btypes[] = { { 1, "A" }, { 2, "D" }, { 3, "Any" }, { 0, NULL } };
static const struct nd_tok ftypes[] = { { 1, "A" }, { 2, "S" }, { 3, "E" }, { 0, NULL } };

static const struct nd_tok errcodes[] = {
	{ 0, "None" }, { 1, "Not-Connected" }, { 2, "Bad-Format" }, { 3, "Bad-Value" },
	{ 4, "No-Resource" }, { 5, "Bad-Call-ID" }, { 6, "PAC-Error" }, { 0, NULL },
};

static const struct nd_tok sccrp_results[] = {
	{ 1, "Successful channel establishment" }, { 2, "General error" },
	{ 3, "Command channel already exists" },
	{ 4, "Requester is not authorized to establish a command channel" },
	{ 5, "The protocol version of the requester is not supported" }, { 0, NULL },
};

static const struct nd_tok echorp_results[] = { { 1, "OK" }, { 2, "General Error" }, { 0, NULL } };

static const struct nd_tok ocrp_results[] = {
	{ 1, "Connected" }, { 2, "General Error" }, { 3, "No Carrier" }, { 4, "Busy" },
	{ 5, "No Dial Tone" }, { 6, "Time-out" }, { 7, "Do Not Accept" }, { 0, NULL },
};

static const struct nd_tok icrp_results[] = {
	{ 1, "Connect" }, { 2, "General Error" }, { 3, "Do Not Accept" }, { 0, NULL },
};

static const struct nd_tok cdn_results[] = {
	{ 1, "Lost Carrier" }, { 2, "General Error" }, { 3, "Admin Shutdown" }, { 4, "Request" },
	{ 0, NULL },
};

/* " NAME(v)": v is read first, as one tcpdump ND_PRINT reads its arguments. */
static void num_print(struct nd *nd, const char *name, uint32_t v)
{
	nd_putc(nd, ' ');
	nd_puts(nd, name);
	nd_putc(nd, '(');
	nd_putu(nd, v);
	nd_putc(nd, ')');
}

static void u16_print(struct nd *nd, const char *name, const uint8_t *p)
{
	num_print(nd, name, GET_BE_U_2(p));
}

static void u32_print(struct nd *nd, const char *name, const uint8_t *p)
{
	num_print(nd, name, GET_BE_U_4(p));
}

static void rsvd1_print(struct nd *nd, const uint8_t *p)
{
	if (GET_U_1(p))
		nd_printf(nd, " [ERROR: reserved=%u must be zero]", GET_U_1(p));
}

static void rsvd2_print(struct nd *nd, const uint8_t *p)
{
	if (GET_BE_U_2(p))
		nd_printf(nd, " [ERROR: reserved=%u must be zero]", GET_BE_U_2(p));
}

static void text_print(struct nd *nd, const char *name, const uint8_t *p, unsigned n)
{
	nd_putc(nd, ' ');
	nd_puts(nd, name);
	nd_putc(nd, '(');
	nd_printjnp(nd, p, n);
	nd_putc(nd, ')');
}

/* A text field whose length is a 16-bit field elsewhere, at most 64 bytes. */
static void lentext_print(struct nd *nd, const char *name, const uint8_t *p, const uint8_t *lenp)
{
	unsigned n = GET_BE_U_2(lenp);

	text_print(nd, name, p, n < 64 ? n : 64);
}

static void tok_print(struct nd *nd, const char *name, const struct nd_tok *t, unsigned v)
{
	char buf[16];

	nd_putc(nd, ' ');
	nd_puts(nd, name);
	nd_putc(nd, '(');
	nd_puts(nd, nd_tok2str(t, "?", v, buf, sizeof(buf)));
	nd_putc(nd, ')');
}

static void result_print(struct nd *nd, const uint8_t *p, const struct nd_tok *dict)
{
	char buf[16];
	unsigned v = GET_U_1(p);

	nd_puts(nd, " RESULT_CODE(");
	nd_putu(nd, v);
	if (nd->o.vflag) {
		nd_putc(nd, ':');
		nd_puts(nd, nd_tok2str(dict, "?", v, buf, sizeof(buf)));
	}
	nd_putc(nd, ')');
}

static void err_print(struct nd *nd, const uint8_t *p)
{
	char buf[16];
	unsigned v = GET_U_1(p);

	nd_puts(nd, " ERR_CODE(");
	nd_putu(nd, v);
	if (nd->o.vflag) {
		nd_putc(nd, ':');
		nd_puts(nd, nd_tok2str(errcodes, "?", v, buf, sizeof(buf)));
	}
	nd_putc(nd, ')');
}

static void proto_ver_print(struct nd *nd, const uint8_t *p)
{
	nd_printf(nd, " PROTO_VER(%u.%u)", GET_BE_U_2(p) >> 8, GET_BE_U_2(p) & 0xff);
}

/* The tail SCCRQ and SCCRP share: capabilities, channels, firmware, names. */
static void sccr_tail_print(struct nd *nd, const uint8_t *p)
{
	uint32_t cap;

	nd_puts(nd, " FRAME_CAP(");	/* printed before the field is read, as tcpdump does */
	cap = GET_BE_U_4(p + 4);
	nd_printf(nd, "%s%s)", (cap & 1) ? "A" : "", (cap & 2) ? "S" : "");
	cap = GET_BE_U_4(p + 8);
	nd_printf(nd, " BEARER_CAP(%s%s)", (cap & 2) ? "D" : "", (cap & 1) ? "A" : "");
	u16_print(nd, "MAX_CHAN", p + 12);
	u16_print(nd, "FIRM_REV", p + 14);
	text_print(nd, "HOSTNAME", p + 16, 64);
	text_print(nd, "VENDOR", p + 80, 64);
}

static void stopccrq_print(struct nd *nd, const uint8_t *p)
{
	static const char *const reasons[] = { ":?", ":None", ":Stop-Protocol",
					       ":Stop-Local-Shutdown" };
	unsigned r = GET_U_1(p);

	nd_printf(nd, " REASON(%u", r);
	if (nd->o.vflag)
		nd_puts(nd, reasons[r <= 3 ? r : 0]);
	nd_putc(nd, ')');
	rsvd1_print(nd, p + 1);
	rsvd2_print(nd, p + 2);
}

static void ocrq_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "CALL_ID", p);
	u16_print(nd, "CALL_SER_NUM", p + 2);
	u32_print(nd, "MIN_BPS", p + 4);
	u32_print(nd, "MAX_BPS", p + 8);
	tok_print(nd, "BEARER_TYPE", btypes, GET_BE_U_4(p + 12));
	tok_print(nd, "FRAME_TYPE", ftypes, GET_BE_U_4(p + 16));
	u16_print(nd, "RECV_WIN", p + 20);
	u16_print(nd, "PROC_DELAY", p + 22);
	u16_print(nd, "PHONE_NO_LEN", p + 24);
	rsvd2_print(nd, p + 26);
	lentext_print(nd, "PHONE_NO", p + 28, p + 24);
	text_print(nd, "SUB_ADDR", p + 92, 64);
}

static void ocrp_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "CALL_ID", p);
	u16_print(nd, "PEER_CALL_ID", p + 2);
	result_print(nd, p + 4, ocrp_results);
	err_print(nd, p + 5);
	u16_print(nd, "CAUSE_CODE", p + 6);
	u32_print(nd, "CONN_SPEED", p + 8);
	u16_print(nd, "RECV_WIN", p + 12);
	u16_print(nd, "PROC_DELAY", p + 14);
	u32_print(nd, "PHY_CHAN_ID", p + 16);
}

static void icrq_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "CALL_ID", p);
	u16_print(nd, "CALL_SER_NUM", p + 2);
	tok_print(nd, "BEARER_TYPE", btypes, GET_BE_U_4(p + 4));
	u32_print(nd, "PHY_CHAN_ID", p + 8);
	u16_print(nd, "DIALED_NO_LEN", p + 12);
	u16_print(nd, "DIALING_NO_LEN", p + 14);
	lentext_print(nd, "DIALED_NO", p + 16, p + 12);
	lentext_print(nd, "DIALING_NO", p + 80, p + 14);
	text_print(nd, "SUB_ADDR", p + 144, 64);
}

static void icrp_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "CALL_ID", p);
	u16_print(nd, "PEER_CALL_ID", p + 2);
	result_print(nd, p + 4, icrp_results);
	err_print(nd, p + 5);
	u16_print(nd, "RECV_WIN", p + 6);
	u16_print(nd, "PROC_DELAY", p + 8);
	rsvd2_print(nd, p + 10);
}

static void iccn_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "PEER_CALL_ID", p);
	rsvd2_print(nd, p + 2);
	u32_print(nd, "CONN_SPEED", p + 4);
	u16_print(nd, "RECV_WIN", p + 8);
	u16_print(nd, "PROC_DELAY", p + 10);
	tok_print(nd, "FRAME_TYPE", ftypes, GET_BE_U_4(p + 12));
}

static void cdn_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "CALL_ID", p);
	result_print(nd, p + 2, cdn_results);
	err_print(nd, p + 3);
	u16_print(nd, "CAUSE_CODE", p + 4);
	rsvd2_print(nd, p + 6);
	text_print(nd, "CALL_STATS", p + 8, 128);
}

static void wen_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "PEER_CALL_ID", p);
	rsvd2_print(nd, p + 2);
	u32_print(nd, "CRC_ERR", p + 4);
	u32_print(nd, "FRAMING_ERR", p + 8);
	u32_print(nd, "HARDWARE_OVERRUN", p + 12);
	u32_print(nd, "BUFFER_OVERRUN", p + 16);
	u32_print(nd, "TIMEOUT_ERR", p + 20);
	u32_print(nd, "ALIGN_ERR", p + 24);
}

static void sli_print(struct nd *nd, const uint8_t *p)
{
	u16_print(nd, "PEER_CALL_ID", p);
	rsvd2_print(nd, p + 2);
	nd_printf(nd, " SEND_ACCM(0x%08x)", GET_BE_U_4(p + 4));
	nd_printf(nd, " RECV_ACCM(0x%08x)", GET_BE_U_4(p + 8));
}

static void body_print(struct nd *nd, unsigned type, const uint8_t *p)
{
	switch (type) {
	case SCCRQ:
		proto_ver_print(nd, p);
		rsvd2_print(nd, p + 2);
		sccr_tail_print(nd, p);
		break;
	case SCCRP:
		proto_ver_print(nd, p);
		result_print(nd, p + 2, sccrp_results);
		err_print(nd, p + 3);
		sccr_tail_print(nd, p);
		break;
	case StopCCRQ:
		stopccrq_print(nd, p);
		break;
	case StopCCRP:
		result_print(nd, p, echorp_results);
		err_print(nd, p + 1);
		rsvd2_print(nd, p + 2);
		break;
	case ECHORQ:
		u32_print(nd, "ID", p);
		break;
	case ECHORP:
		u32_print(nd, "ID", p);
		result_print(nd, p + 4, echorp_results);
		err_print(nd, p + 5);
		rsvd2_print(nd, p + 6);
		break;
	case OCRQ:
		ocrq_print(nd, p);
		break;
	case OCRP:
		ocrp_print(nd, p);
		break;
	case ICRQ:
		icrq_print(nd, p);
		break;
	case ICRP:
		icrp_print(nd, p);
		break;
	case ICCN:
		iccn_print(nd, p);
		break;
	case CCRQ:
		u16_print(nd, "CALL_ID", p);
		rsvd2_print(nd, p + 2);
		break;
	case CDN:
		cdn_print(nd, p);
		break;
	case WEN:
		wen_print(nd, p);
		break;
	case SLI:
		sli_print(nd, p);
		break;
	default:
		break;
	}
}

void nd_pptp_print(struct nd *nd, const uint8_t *bp)
{
	uint32_t mc;
	unsigned type;

	nd->protocol = "pptp";
	nd_puts(nd, ": pptp");
	if (nd->o.vflag) {
		nd_printf(nd, " Length=%u", GET_BE_U_2(bp));
		type = GET_BE_U_2(bp + 2);
		nd_puts(nd, type == 1 ? " CTRL-MSG" : type == 2 ? " MGMT-MSG" : " UNKNOWN-MSG-TYPE");
	}
	mc = GET_BE_U_4(bp + 4);
	if (mc != PPTP_MAGIC_COOKIE)
		nd_printf(nd, " UNEXPECTED Magic-Cookie!!(%08x)", mc);
	if (nd->o.vflag || mc != PPTP_MAGIC_COOKIE)
		nd_printf(nd, " Magic-Cookie=%08x", mc);
	type = GET_BE_U_2(bp + 8);
	if (type < sizeof(msgtypes) / sizeof(msgtypes[0])) {
		nd_puts(nd, " CTRL_MSGTYPE=");
		nd_puts(nd, msgtypes[type]);
	}
	else
		nd_printf(nd, " UNKNOWN_CTRL_MSGTYPE(%u)", type);
	rsvd2_print(nd, bp + 10);
	body_print(nd, type, bp + 12);
}

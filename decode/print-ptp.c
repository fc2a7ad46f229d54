/* print-ptp.c: PTP (IEEE 1588) over UDP 319/320 and Ethernet 0x88f7: the v2 header and every message type */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-app.h"

#define PTP_HDR_LEN 34

static const struct nd_tok ptp_msg_types[] = {
	{ 0x0, "sync msg" }, { 0x1, "delay req msg" }, { 0x2, "peer delay req msg" },
	{ 0x3, "peer delay resp msg" }, { 0x8, "follow up msg" }, { 0x9, "delay resp msg" },
	{ 0xa, "pdelay resp fup msg" }, { 0xb, "announce msg" }, { 0xc, "signalling msg" },
	{ 0xd, "management msg" }, { 0, NULL },
};

static const struct nd_tok ptp_controls[] = {
	{ 0, "Sync" }, { 1, "Delay_Req" }, { 2, "Follow_Up" }, { 3, "Delay_Resp" },
	{ 4, "Management" }, { 5, "Other" }, { 0, NULL },
};

static const struct nd_tok ptp_flags[] = {
	{ 0x1, "l1 61" }, { 0x2, "l1 59" }, { 0x4, "utc reasonable" }, { 0x8, "timescale" },
	{ 0x10, "time tracable" }, { 0x20, "frequency tracable" }, { 0x100, "alternate master" },
	{ 0x200, "two step" }, { 0x400, "unicast" }, { 0x1000, "profile specific 1" },
	{ 0x2000, "profile specific 2" }, { 0x4000, "security mask" }, { 0x18c0, "unknown" },
	{ 0, NULL },
};

static uint64_t get_be48(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 6);
	return (uint64_t)GET_BE_U_2(p) << 32 | GET_BE_U_4(p + 2);
}

static uint64_t get_be64(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 8);
	return (uint64_t)GET_BE_U_4(p) << 32 | GET_BE_U_4(p + 4);
}

/* A time stamp: 48-bit seconds, 32-bit nanoseconds; sep follows "seconds". */
static void print_ts(struct nd *nd, const uint8_t *bp, const char *what, const char *sep)
{
	uint64_t secs;

	nd_printf(nd, ", %s :", what);
	secs = get_be48(nd, bp);
	nd_printf(nd, " %" PRIu64 " seconds%s", secs, sep);
	nd_printf(nd, " %u nanoseconds", GET_BE_U_4(bp + 6));
}

static void print_port_id(struct nd *nd, const uint8_t *bp)
{
	uint64_t id = get_be64(nd, bp);

	nd_printf(nd, ", port identity : 0x%" PRIx64, id);
	nd_printf(nd, ", port id : %u", GET_BE_U_2(bp + 8));
}

static void print_announce(struct nd *nd, const uint8_t *bp)
{
	uint64_t id;

	print_ts(nd, bp, "originTimeStamp", "");
	nd_printf(nd, ", origin cur utc :%u", GET_BE_U_2(bp + 10));
	nd_printf(nd, ", rsvd : %u", GET_U_1(bp + 12));
	nd_printf(nd, ", gm priority_1 : %u", GET_U_1(bp + 13));
	nd_printf(nd, ", gm clock class : %u", GET_U_1(bp + 14));
	nd_printf(nd, ", gm clock accuracy : %u", GET_U_1(bp + 15));
	nd_printf(nd, ", gm clock variance : %u", GET_BE_U_2(bp + 16));
	nd_printf(nd, ", gm priority_2 : %u", GET_U_1(bp + 18));
	id = get_be64(nd, bp + 19);
	nd_printf(nd, ", gm clock id : 0x%" PRIx64, id);
	nd_printf(nd, ", steps removed : %u", GET_BE_U_2(bp + 27));
	nd_printf(nd, ", time source : 0x%x", GET_U_1(bp + 29));
}

/*
 * tcpdump reads all four one-byte fields of a management message from the
 * first byte of the target port identity (it never moves its pointer), and
 * its labels carry their own ", ": the output is copied as it is.
 */
static void print_mgmt(struct nd *nd, const uint8_t *bp)
{
	static const char *const labels[] = {
		", start boundary hops ", ", boundary hops ", ", flags ", ", reserved ",
	};

	print_port_id(nd, bp);
	for (int i = 0; i < 4; i++) {
		unsigned v = GET_U_1(bp);

		nd_printf(nd, i < 2 ? ", %s %u" : ", %s 0x%x", labels[i], v);
	}
}

static void print_body(struct nd *nd, const uint8_t *bp, unsigned type)
{
	switch (type) {
	case 0x0:
	case 0x1:
		print_ts(nd, bp, "originTimeStamp", ",");
		break;
	case 0x8:
		print_ts(nd, bp, "preciseOriginTimeStamp", ",");
		break;
	case 0x2:
	case 0xa:
		print_ts(nd, bp, "preciseOriginTimeStamp", ",");
		print_port_id(nd, bp + 10);
		break;
	case 0x3:
	case 0x9:
		print_ts(nd, bp, "receiveTimeStamp", ",");
		print_port_id(nd, bp + 10);
		break;
	case 0xb:
		print_announce(nd, bp);
		break;
	case 0xc:
		print_port_id(nd, bp);
		break;
	case 0xd:
		print_mgmt(nd, bp);
		break;
	}
}

static void print_v2(struct nd *nd, const uint8_t *bp)
{
	unsigned foct, type, control, flags;
	uint64_t v;
	char buf[256];

	foct = GET_U_1(bp);
	type = foct & 0x0f;
	nd_printf(nd, ", v1 compat : %s", (foct & 0x10) ? "yes" : "no");
	nd_printf(nd, ", msg type : %s", nd_tok2str(ptp_msg_types, "Reserved", type, buf, sizeof(buf)));
	nd_printf(nd, ", length : %u", GET_BE_U_2(bp + 2));
	nd_printf(nd, ", domain : %u", GET_BE_U_2(bp + 4) >> 8);
	nd_printf(nd, ", reserved1 : %u", GET_BE_U_2(bp + 4) & 0xff);
	flags = GET_BE_U_2(bp + 6);
	nd_printf(nd, ", Flags [%s]", nd_bittok2str(ptp_flags, "none", flags, ", ", buf, sizeof(buf)));
	v = get_be48(nd, bp + 8);
	nd_printf(nd, ", NS correction : %" PRIu64, v);
	nd_printf(nd, ", sub NS correction : %u", GET_BE_U_2(bp + 14));
	nd_printf(nd, ", reserved2 : %u", GET_BE_U_4(bp + 16));
	v = get_be64(nd, bp + 20);
	nd_printf(nd, ", clock identity : 0x%" PRIx64, v);
	nd_printf(nd, ", port id : %u", GET_BE_U_2(bp + 28));
	nd_printf(nd, ", seq id : %u", GET_BE_U_2(bp + 30));
	control = GET_U_1(bp + 32);
	nd_printf(nd, ", control : %u (%s)", control,
		  nd_tok2str(ptp_controls, "Reserved", control, buf, sizeof(buf)));
	nd_printf(nd, ", log message interval : %u", GET_BE_U_2(bp + 32) & 0xff);
	print_body(nd, bp + PTP_HDR_LEN, type);
}

void nd_ptp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned vers;

	nd->protocol = "ptp";
	if (length < PTP_HDR_LEN) {
		nd_printf(nd, " [length %u < %u]", length, PTP_HDR_LEN);
		nd_print_invalid(nd);
		return;
	}
	/* The whole second byte: 2.1's minor version makes it "PTPv18", as in tcpdump. */
	vers = GET_BE_U_2(bp) & 0xff;
	nd_printf(nd, "PTPv%u", vers);
	if (vers == 1)
		nd_puts(nd, " (not implemented)");
	else if (vers == 2)
		print_v2(nd, bp);
}

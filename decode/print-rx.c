/* print-rx.c: AFS's RX header on UDP ports 7000-7009 and its acknowledgements, as tcpdump 4.99.3 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define RX_HDRLEN 28
#define RX_ACKLEN 18
#define RX_DATA 1
#define RX_ACK 2
#define RX_CLIENT_INITIATED 1

static const struct nd_tok rx_types[] = {
	{ 1, "data" }, { 2, "ack" }, { 3, "busy" }, { 4, "abort" }, { 5, "ackall" },
	{ 6, "challenge" }, { 7, "response" }, { 8, "debug" }, { 9, "params" },
	{ 13, "version" }, { 0, NULL },
};

static const struct nd_tok rx_ack_reasons[] = {
	{ 1, "ack requested" }, { 2, "duplicate packet" }, { 3, "out of sequence" },
	{ 4, "exceeds window" }, { 5, "no buffer space" }, { 6, "ping" },
	{ 7, "ping response" }, { 8, "delay" }, { 9, "idle" }, { 0, NULL },
};

/* The flag names; slow-start only on acks, jumbogram only on data (the same bit). */
static const struct {
	unsigned flag, type;
	const char *s;
} rx_flags[] = {
	{ 1, 0, "client-init" }, { 2, 0, "req-ack" }, { 4, 0, "last-pckt" },
	{ 8, 0, "more-pckts" }, { 16, 0, "free-pckt" }, { 32, RX_ACK, "slow-start" },
	{ 32, RX_DATA, "jumbogram" },
};

static void flags_print(struct nd *nd, unsigned flags, unsigned type)
{
	size_t i;
	int first = 1;

	for (i = 0; i < sizeof(rx_flags) / sizeof(rx_flags[0]); i++) {
		if (!(flags & rx_flags[i].flag) || (rx_flags[i].type && type != rx_flags[i].type))
			continue;
		nd_putc(nd, first ? ' ' : ',');
		first = 0;
		nd_printf(nd, "<%s>", rx_flags[i].s);
	}
}

/* The packets an ack acknowledges (kind 1) or not (kind 0), as runs "a-b,c". */
static void ack_runs_print(struct nd *nd, const uint8_t *bp, unsigned n, uint32_t first,
			   unsigned kind)
{
	int i, start = -2, last = -2;

	for (i = 0; i < (int)n; i++) {
		if (GET_U_1(bp + i) == kind) {
			if (last == -2) {
				nd_printf(nd, " %s %u", kind ? "acked" : "nacked", first + i);
				start = i;
			} else if (last != i - 1) {
				nd_printf(nd, ",%u", first + i);
				start = i;
			}
			last = i;
		} else if (last == i - 1 && start != last) {
			nd_printf(nd, "-%u", first + i - 1);
		}
	}
	if (last == i - 1 && start != last)
		nd_printf(nd, "-%u", first + i - 1);
}

/* -vv's four trailing numbers, each only if the capture holds it. */
static void ack_trailer_print(struct nd *nd, const uint8_t *bp)
{
	static const char *const names[] = { " ifmtu", " maxmtu", " rwind", " maxpackets" };
	int i;

	for (i = 0; i < 4; i++) {
		if (nd->snapend - bp + 1 <= 4)
			return;
		nd_puts(nd, names[i]);
		nd_printf(nd, " %u", GET_BE_U_4(bp));
		bp += 4;
	}
}

static void ack_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	uint32_t first;
	unsigned n;
	char buf[16];

	if (length < RX_HDRLEN)
		return;
	bp += RX_HDRLEN;
	if (!ND_TTEST_LEN(nd, bp, RX_ACKLEN))
		goto trunc;
	if (nd->o.vflag > 2)
		nd_printf(nd, " bufspace %u maxskew %u", GET_BE_U_2(bp), GET_BE_U_2(bp + 2));
	first = GET_BE_U_4(bp + 4);
	nd_printf(nd, " first %u serial %u reason %s", first, GET_BE_U_4(bp + 12),
		  nd_tok2str(rx_ack_reasons, "#%u", GET_U_1(bp + 16), buf, sizeof(buf)));
	n = GET_U_1(bp + 17);
	bp += RX_ACKLEN;
	if (n) {
		if (!ND_TTEST_LEN(nd, bp, n))
			goto trunc;
		ack_runs_print(nd, bp, n, first, 1);
		ack_runs_print(nd, bp, n, first, 0);
		bp += n;
	}
	if (nd->o.vflag > 1)
		ack_trailer_print(nd, bp + 3);
	return;
trunc:
	nd_puts(nd, " [|ack]");
}

/*
 * The header, and acks. The AFS service calls in data packets (file server,
 * callback, protection, VLDB, kauth, volume and BOS RPCs) and their replies
 * are not decoded: see docs/decoding.md.
 */
void nd_rx_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned type, flags;
	char buf[16];

	nd->protocol = "rx";
	if (!ND_TTEST_LEN(nd, bp, RX_HDRLEN)) {
		nd_printf(nd, " [|rx] (%u)", length);
		return;
	}
	type = GET_U_1(bp + 20);
	nd_printf(nd, " rx %s", nd_tok2str(rx_types, "type %u", type, buf, sizeof(buf)));
	flags = GET_U_1(bp + 21);
	if (nd->o.vflag) {
		if (nd->o.vflag > 1)
			nd_printf(nd, " cid %08x call# %u", GET_BE_U_4(bp + 4), GET_BE_U_4(bp + 8));
		nd_printf(nd, " seq %u ser %u", GET_BE_U_4(bp + 12), GET_BE_U_4(bp + 16));
		if (nd->o.vflag > 2)
			nd_printf(nd, " secindex %u serviceid %u", GET_U_1(bp + 23),
				  GET_BE_U_2(bp + 26));
		if (nd->o.vflag > 1)
			flags_print(nd, flags, type);
	}
	if (type == RX_ACK)
		ack_print(nd, bp, length);
	nd_printf(nd, " (%u)", length);
}

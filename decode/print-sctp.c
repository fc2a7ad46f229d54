/* print-sctp.c: SCTP (IP protocol 132, RFC 9260): the common header and each chunk, as tcpdump 4.99.3 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "nd.h"
#include "print-app.h"
#include "print-ip.h"

#define SCTP_HDRLEN 12
#define CHUNK_HDRLEN 4
#define DATA_PARTLEN 12
#define INIT_PARTLEN 16
#define SACK_PARTLEN 12

enum {
	SCTP_DATA = 0x00, SCTP_INIT = 0x01, SCTP_INIT_ACK = 0x02, SCTP_SACK = 0x03,
};

static const struct nd_tok chunk_names[] = {
	{ 0x00, "DATA" }, { 0x01, "INIT" }, { 0x02, "INIT ACK" }, { 0x03, "SACK" },
	{ 0x04, "HB REQ" }, { 0x05, "HB ACK" }, { 0x06, "ABORT" }, { 0x07, "SHUTDOWN" },
	{ 0x08, "SHUTDOWN ACK" }, { 0x09, "OP ERR" }, { 0x0a, "COOKIE ECHO" },
	{ 0x0b, "COOKIE ACK" }, { 0x0c, "ECN ECHO" }, { 0x0d, "ECN CWR" },
	{ 0x0e, "SHUTDOWN COMPLETE" }, { 0xc0, "FOR CUM TSN" }, { 0xc1, "REL CTRL" },
	{ 0xc2, "REL CTRL ACK" }, { 0, NULL },
};

/* The payload protocol identifiers tcpdump names (IANA's registry up to X2AP, without 26). */
static const struct nd_tok ppid_names[] = {
	{ 1, "ISDN Q.921" }, { 2, "M2UA" }, { 3, "M3UA" }, { 4, "SUA" }, { 5, "M2PA" },
	{ 6, "V5.2" }, { 7, "H.248" }, { 8, "BICC" }, { 9, "TALI" }, { 10, "DUA" },
	{ 11, "ASAP" }, { 12, "ENRP" }, { 13, "H.323" }, { 14, "Q.IPC" }, { 15, "SIMCO" },
	{ 16, "DDPSC" }, { 17, "DDPSSC" }, { 18, "S1AP" }, { 19, "RUA" }, { 20, "HNBAP" },
	{ 21, "ForCES HP" }, { 22, "ForCES MP" }, { 23, "ForCES LP" }, { 24, "SBc-AP" },
	{ 25, "NBAP" }, { 27, "X2AP" }, { 0, NULL },
};

/* ForCES's SCTP ports (RFC 5811): tcpdump names the channel after the addresses. */
static const char *forces_port(unsigned port)
{
	static const char *const names[] = { "ForCES HP", "ForCES MP", "ForCES LP" };

	return port >= 6704 && port <= 6706 ? names[port - 6704] : NULL;
}

/*
 * Where a chunk printer leaves the walk. tcpdump keeps the packet's
 * remaining length unsigned and the chunk's in 16 bits, and a chunk longer
 * than the packet makes the former wrap; the walk then ends at the end of
 * the capture as truncated. The same types keep the same output here.
 */
struct sctp_walk {
	const uint8_t *bp;
	unsigned pkt_left;
	uint16_t chunk_left;
	uint16_t chunk_len;
	int forces;
};

static void walk_skip(struct sctp_walk *w, unsigned n)
{
	w->bp += n;
	w->pkt_left -= n;
	w->chunk_left = (uint16_t)(w->chunk_left - n);
}

/* "bogus chunk length N]": tcpdump ends the packet there, without a truncation mark. */
static int bogus(struct nd *nd, struct sctp_walk *w, unsigned need)
{
	if (w->chunk_left >= need)
		return 0;
	nd_printf(nd, "bogus chunk length %u]", w->chunk_len);
	return 1;
}

/* The payload with -vv: a hex dump unless -q, -x or -X show the packet anyway. */
static void data_payload_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	nd_puts(nd, "[Payload");
	if (nd_want_default_print(nd)) {
		nd_putc(nd, ':');
		nd_default_print(nd, bp, len);
	}
	nd_putc(nd, ']');
}

static int data_print(struct nd *nd, struct sctp_walk *w, unsigned flags)
{
	const uint8_t *bp = w->bp;
	uint32_t ppid;
	uint16_t size;
	char buf[32];

	if (flags & 0x04)
		nd_puts(nd, "(U)");
	if (flags & 0x02)
		nd_puts(nd, "(B)");
	if (flags & 0x01)
		nd_puts(nd, "(E)");
	if (flags & 0x07)
		nd_putc(nd, ' ');
	if (bogus(nd, w, DATA_PARTLEN))
		return -1;
	ppid = GET_BE_U_4(bp + 8);
	nd_printf(nd, "[TSN: %u] ", GET_BE_U_4(bp));
	nd_printf(nd, "[SID: %u] ", GET_BE_U_2(bp + 4));
	nd_printf(nd, "[SSEQ %u] ", GET_BE_U_2(bp + 6));
	nd_printf(nd, "[PPID %s] ", nd_tok2str(ppid_names, "0x%x", ppid, buf, sizeof(buf)));
	if (ppid >= 21 && ppid <= 23)
		w->forces = 1;
	walk_skip(w, DATA_PARTLEN);
	size = w->chunk_left;
	if (size == 0) {
		nd_printf(nd, "bogus chunk length %u]", w->chunk_len);
		return -1;
	}
	/* ForCES messages are not decoded (see docs/decoding.md). */
	if (!w->forces && nd->o.vflag >= 2) {
		if (ppid == 3) {
			nd_m3ua_print(nd, w->bp, size);
			nd->protocol = "sctp";
		}
		else
			data_payload_print(nd, w->bp, size);
	}
	walk_skip(w, size);
	return 0;
}

/* INIT and INIT ACK: the fixed part; tcpdump skips the optional parameters. */
static int init_print(struct nd *nd, struct sctp_walk *w)
{
	const uint8_t *bp = w->bp;

	if (bogus(nd, w, INIT_PARTLEN))
		return -1;
	nd_printf(nd, "[init tag: %u] ", GET_BE_U_4(bp));
	nd_printf(nd, "[rwnd: %u] ", GET_BE_U_4(bp + 4));
	nd_printf(nd, "[OS: %u] ", GET_BE_U_2(bp + 8));
	nd_printf(nd, "[MIS: %u] ", GET_BE_U_2(bp + 10));
	nd_printf(nd, "[init TSN: %u] ", GET_BE_U_4(bp + 12));
	walk_skip(w, w->chunk_left);
	return 0;
}

static int sack_print(struct nd *nd, struct sctp_walk *w)
{
	const uint8_t *sack = w->bp;
	unsigned i;

	if (bogus(nd, w, SACK_PARTLEN))
		return -1;
	nd_printf(nd, "[cum ack %u] ", GET_BE_U_4(sack));
	nd_printf(nd, "[a_rwnd %u] ", GET_BE_U_4(sack + 4));
	nd_printf(nd, "[#gap acks %u] ", GET_BE_U_2(sack + 8));
	nd_printf(nd, "[#dup tsns %u] ", GET_BE_U_2(sack + 10));
	walk_skip(w, SACK_PARTLEN);
	for (i = 0; w->chunk_left != 0 && i < GET_BE_U_2(sack + 8); i++) {
		if (bogus(nd, w, 4))
			return -1;
		nd_printf(nd, "\n\t\t[gap ack block #%u: start = %u, end = %u] ", i + 1,
			  GET_BE_U_4(sack) + GET_BE_U_2(w->bp), GET_BE_U_4(sack) + GET_BE_U_2(w->bp + 2));
		walk_skip(w, 4);
	}
	for (i = 0; w->chunk_left != 0 && i < GET_BE_U_2(sack + 10); i++) {
		if (bogus(nd, w, 4))
			return -1;
		nd_printf(nd, "\n\t\t[dup TSN #%u: %u] ", i + 1, GET_BE_U_4(w->bp));
		walk_skip(w, 4);
	}
	return 0;
}

/* One chunk's body after its name; -1 when tcpdump stops printing the packet. */
static int chunk_body_print(struct nd *nd, struct sctp_walk *w, unsigned id, unsigned flags)
{
	switch (id) {
	case SCTP_DATA:
		return data_print(nd, w, flags);
	case SCTP_INIT:
	case SCTP_INIT_ACK:
		return init_print(nd, w);
	case SCTP_SACK:
		return sack_print(nd, w);
	default:
		walk_skip(w, w->chunk_left);
		return 0;
	}
}

/* tcpdump's SCTP printer checks bounds with "goto trunc": the packet's -x dump skips the link header. */
static int sctp_trunc(struct nd *nd)
{
	nd_print_trunc(nd);
	return -1;
}

/* The chunk descriptor's checks; -1 after the message that ends the walk. */
static int chunk_check(struct nd *nd, struct sctp_walk *w, const char *sep, unsigned n,
		       unsigned *align)
{
	if (w->pkt_left < CHUNK_HDRLEN) {
		nd_printf(nd, "%s%u) [chunk descriptor cut off at end of packet]", sep, n);
		return -1;
	}
	if (!ND_TTEST_LEN(nd, w->bp, CHUNK_HDRLEN))
		return sctp_trunc(nd);
	w->chunk_len = GET_BE_U_2(w->bp + 2);
	if (w->chunk_len < CHUNK_HDRLEN) {
		nd_printf(nd, "%s%u) [Bad chunk length %u, < size of chunk descriptor]", sep, n,
			  w->chunk_len);
		return -1;
	}
	*align = (4 - w->chunk_len % 4) % 4;
	/* tcpdump compares the padding, not the chunk, with what is left. */
	if (w->pkt_left < *align) {
		nd_printf(nd, "%s%u) [Bad chunk length %u, > remaining data in packet]", sep, n,
			  w->chunk_len);
		return -1;
	}
	if (!ND_TTEST_LEN(nd, w->bp, w->chunk_len))
		return sctp_trunc(nd);
	return 0;
}

static void chunks_print(struct nd *nd, struct sctp_walk *w)
{
	const char *sep = nd->o.vflag >= 2 ? "\n\t" : " (";
	unsigned n, id, flags, align;

	for (n = 1; w->pkt_left != 0; n++) {
		const uint8_t *desc = w->bp;

		if (chunk_check(nd, w, sep, n, &align) < 0)
			return;
		w->chunk_left = w->chunk_len;
		walk_skip(w, CHUNK_HDRLEN);
		nd_printf(nd, "%s%u) ", sep, n);
		id = GET_U_1(desc);
		flags = GET_U_1(desc + 1);
		{
			char buf[40];

			nd_printf(nd, "[%s] ", nd_tok2str(chunk_names, "Unknown chunk type: 0x%x",
							  id, buf, sizeof(buf)));
		}
		if (chunk_body_print(nd, w, id, flags) < 0)
			return;
		walk_skip(w, w->chunk_left);
		if (nd->o.vflag < 2)
			sep = ", (";
		if (align) {
			if (!ND_TTEST_LEN(nd, w->bp, align)) {
				sctp_trunc(nd);
				return;
			}
			w->bp += align;
			w->pkt_left -= align;
		}
	}
}

void nd_sctp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip)
{
	struct sctp_walk w = { .bp = bp + SCTP_HDRLEN, .pkt_left = length - SCTP_HDRLEN };
	unsigned sport, dport;
	int v6;

	nd->protocol = "sctp";
	if (length < SCTP_HDRLEN) {
		nd_printf(nd, "truncated-sctp - %u bytes missing!", SCTP_HDRLEN - length);
		return;
	}
	if (!ND_TTEST_LEN(nd, bp, SCTP_HDRLEN)) {
		sctp_trunc(nd);
		return;
	}
	sport = GET_BE_U_2(bp);
	dport = GET_BE_U_2(bp + 2);
	v6 = (GET_U_1(ip) >> 4) == 6;
	nd_puts(nd, v6 ? nd_ip6addr_string(nd, ip + 8) : nd_ipaddr_string(nd, ip + 12));
	nd_printf(nd, ".%u > ", sport);
	nd_puts(nd, v6 ? nd_ip6addr_string(nd, ip + 24) : nd_ipaddr_string(nd, ip + 16));
	nd_printf(nd, ".%u: sctp", dport);
	if (forces_port(sport)) {
		nd_printf(nd, "[%s]", forces_port(sport));
		w.forces = 1;
	}
	if (forces_port(dport)) {
		nd_printf(nd, "[%s]", forces_port(dport));
		w.forces = 1;
	}
	chunks_print(nd, &w);
}

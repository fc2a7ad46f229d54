/* print-tcp.c: TCP, with tcpdump's relative sequence numbers, options and payload dispatch */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nd.h"
#include "print-app.h"
#include "print-bgp.h"
#include "print-ppp.h"

#define TH_FIN 0x01
#define TH_SYN 0x02
#define TH_RST 0x04
#define TH_PUSH 0x08
#define TH_ACK 0x10
#define TH_URG 0x20
#define TH_ECE 0x40
#define TH_CWR 0x80

#define TCP_HDRLEN 20
#define MAX_RST_DATA_LEN 30

/*
 * The first sequence numbers seen for each conversation, so later segments
 * print relative to them. Both directions share one entry, keyed in a fixed
 * order, as tcpdump does. One allocation (nd_free() frees it), grown by
 * rehashing into a bigger copy.
 */
struct tcp_conn {
	uint8_t used;
	uint8_t v6;
	uint8_t src[16], dst[16];
	uint32_t port;
	uint32_t seq, ack;
};

struct nd_tcp_state {
	size_t cap, used;
	struct tcp_conn slot[];
};

static size_t conn_hash(const struct tcp_conn *k)
{
	uint32_t h = 2166136261u;

	for (int i = 0; i < 16; i++)
		h = (h ^ k->src[i]) * 16777619u;
	for (int i = 0; i < 16; i++)
		h = (h ^ k->dst[i]) * 16777619u;
	h = (h ^ k->port) * 16777619u;
	return h ^ k->v6;
}

static int conn_eq(const struct tcp_conn *a, const struct tcp_conn *b)
{
	return a->port == b->port && a->v6 == b->v6 && !memcmp(a->src, b->src, 16) &&
	       !memcmp(a->dst, b->dst, 16);
}

static struct tcp_conn *conn_slot(struct nd_tcp_state *st, const struct tcp_conn *k)
{
	size_t i = conn_hash(k) & (st->cap - 1);

	while (st->slot[i].used && !conn_eq(&st->slot[i], k))
		i = (i + 1) & (st->cap - 1);
	return &st->slot[i];
}

static struct nd_tcp_state *state_new(size_t cap)
{
	struct nd_tcp_state *st = calloc(1, sizeof(*st) + cap * sizeof(struct tcp_conn));

	if (st)
		st->cap = cap;
	return st;
}

/* Keeps the table under half full; on allocation failure it just stays as it is. */
static void state_grow(struct nd *nd)
{
	struct nd_tcp_state *old = nd->tcp, *st;

	if (old && old->used * 2 < old->cap)
		return;
	st = state_new(old ? old->cap * 2 : 256);
	if (!st)
		return;
	if (old) {
		for (size_t i = 0; i < old->cap; i++) {
			if (old->slot[i].used) {
				*conn_slot(st, &old->slot[i]) = old->slot[i];
				st->used++;
			}
		}
		free(old);
	}
	nd->tcp = st;
}

static const char *rst_char(uint8_t c, char *buf)
{
	int n = 0;

	if (c & 0x80) {
		c &= 0x7f;
		buf[n++] = 'M';
		buf[n++] = '-';
	}
	if (c < 0x20 || c == 0x7f) {
		c ^= 0x40;
		buf[n++] = '^';
	}
	buf[n++] = (char)c;
	buf[n] = 0;
	return buf;
}

/* RFC 1122 lets a RST carry text explaining it; tcpdump shows up to 30 bytes. */
static void print_rst_data(struct nd *nd, const uint8_t *sp, unsigned length)
{
	char buf[8];

	nd_puts(nd, ND_TTEST_LEN(nd, sp, length) ? " [RST" : " [!RST");
	if (length > MAX_RST_DATA_LEN) {
		length = MAX_RST_DATA_LEN;
		nd_putc(nd, '+');
	}
	nd_putc(nd, ' ');
	while (length && sp < nd->snapend) {
		nd_puts(nd, rst_char(GET_U_1(sp), buf));
		sp++;
		length--;
	}
	nd_putc(nd, ']');
}

static void print_hex(struct nd *nd, const uint8_t *cp, unsigned len)
{
	static const char hex[] = "0123456789abcdef";

	for (unsigned i = 0; i < len; i++) {
		uint8_t c = GET_U_1(cp + i);

		nd_putc(nd, hex[c >> 4]);
		nd_putc(nd, hex[c & 15]);
	}
}

static void print_fastopen(struct nd *nd, const uint8_t *cp, unsigned datalen, int exp)
{
	if (exp)
		nd_puts(nd, "tfo");
	if (datalen == 0) {
		nd_puts(nd, " cookiereq");
	} else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
		nd_print_invalid(nd);
	} else {
		nd_puts(nd, " cookie ");
		print_hex(nd, cp, datalen);
	}
}

static const struct nd_tok tcp_option_names[] = {
	{ 0, "eol" },	   { 1, "nop" },   { 2, "mss" },    { 3, "wscale" }, { 4, "sackOK" },
	{ 5, "sack" },	   { 6, "echo" },  { 7, "echoreply" }, { 8, "TS" },  { 11, "cc" },
	{ 12, "ccnew" },   { 13, "" },	   { 19, "md5" },   { 20, "scps" },  { 28, "uto" },
	{ 29, "tcp-ao" },  { 30, "mptcp" }, { 34, "tfo" },  { 254, "exp" },  { 0, NULL },
};

struct seqinfo {
	int rev;
	uint32_t thseq, thack;
};

/*
 * Prints "options [...]". Returns -1 for a bad option and -2 when an option's
 * bytes were not captured (tcpdump's two exits from its option loop).
 */
static int print_options(struct nd *nd, const uint8_t *tp, unsigned hlen, unsigned paylen,
			 const struct seqinfo *si, int *printed)
{
	const uint8_t *cp = tp + TCP_HDRLEN;
	char tbuf[32];

	hlen -= TCP_HDRLEN;
	nd_puts(nd, ", options [");
	while (hlen > 0) {
		unsigned opt, len, datalen = 0;

		if (*printed)
			nd_putc(nd, ',');
		opt = GET_U_1(cp);
		cp++;
		if (opt == 0 || opt == 1) {
			len = 1;
		} else {
			len = GET_U_1(cp);
			cp++;
			if (len < 2 || len > hlen)
				return -1;
			hlen--;
		}
		hlen--;
#define LENCHECK(l)                                   \
	do {                                          \
		if ((l) > hlen)                       \
			return -1;                    \
		if (!ND_TTEST_LEN(nd, cp, (l)))       \
			return -2;                    \
	} while (0)
		nd_puts(nd, nd_tok2str(tcp_option_names, "unknown-%u", opt, tbuf, sizeof(tbuf)));
		switch (opt) {
		case 2: /* mss */
			datalen = 2;
			LENCHECK(datalen);
			nd_putc(nd, ' ');
			nd_putu(nd, GET_BE_U_2(cp));
			break;
		case 3: /* wscale */
			datalen = 1;
			LENCHECK(datalen);
			nd_putc(nd, ' ');
			nd_putu(nd, GET_U_1(cp));
			break;
		case 5: /* sack: blocks print relative to the other side's first seq */
			datalen = len - 2;
			if (datalen % 8 != 0) {
				nd_puts(nd, " invalid sack");
			} else {
				nd_putc(nd, ' ');
				nd_putu(nd, datalen / 8);
				nd_putc(nd, ' ');
				for (unsigned i = 0; i < datalen; i += 8) {
					uint32_t s, e, base = si->rev ? si->thseq : si->thack;

					LENCHECK(i + 4);
					s = GET_BE_U_4(cp + i);
					LENCHECK(i + 8);
					e = GET_BE_U_4(cp + i + 4);
					nd_putc(nd, '{');
					nd_putu(nd, (uint32_t)(s - base));
					nd_putc(nd, ':');
					nd_putu(nd, (uint32_t)(e - base));
					nd_putc(nd, '}');
				}
			}
			break;
		case 6:
		case 7:
		case 11:
		case 12:
		case 13:
			datalen = 4;
			LENCHECK(datalen);
			nd_putc(nd, ' ');
			nd_putu(nd, GET_BE_U_4(cp));
			break;
		case 8: /* timestamp */
			datalen = 8;
			LENCHECK(datalen);
			nd_puts(nd, " val ");
			nd_putu(nd, GET_BE_U_4(cp));
			nd_puts(nd, " ecr ");
			nd_putu(nd, GET_BE_U_4(cp + 4));
			break;
		case 19: /* md5: tcpdump has no -M secret here, so it cannot check */
			datalen = 16;
			LENCHECK(datalen);
			nd_putc(nd, ' ');
			if (tp + (GET_U_1(tp + 12) >> 4) * 4 + paylen > nd->snapend)
				nd_puts(nd, "snaplen too short, ");
			else
				nd_puts(nd, "shared secret not supplied with -M, ");
			nd_puts(nd, "can't check - ");
			print_hex(nd, cp, 16);
			break;
		case 20: /* scps */
			datalen = 2;
			LENCHECK(datalen);
			nd_printf(nd, " cap %02x id %u", GET_U_1(cp), GET_U_1(cp + 1));
			break;
		case 29: /* tcp-ao */
			datalen = len - 2;
			if (datalen < 2) {
				nd_print_invalid(nd);
				break;
			}
			LENCHECK(1);
			nd_puts(nd, " keyid ");
			nd_putu(nd, GET_U_1(cp));
			LENCHECK(2);
			nd_puts(nd, " rnextkeyid ");
			nd_putu(nd, GET_U_1(cp + 1));
			if (datalen > 2) {
				nd_puts(nd, " mac 0x");
				for (unsigned i = 2; i < datalen; i++) {
					LENCHECK(i + 1);
					print_hex(nd, cp + i, 1);
				}
			}
			break;
		case 0:
		case 1:
		case 4:
			break;
		case 28: { /* uto: the low bit says minutes rather than seconds */
			unsigned uto;

			datalen = 2;
			LENCHECK(datalen);
			uto = GET_BE_U_2(cp);
			nd_printf(nd, " 0x%x", uto);
			uto = uto & 1 ? (uto >> 1) * 60 : uto >> 1;
			nd_putc(nd, ' ');
			nd_putu(nd, uto);
			break;
		}
		case 30: /* mptcp */
			datalen = len - 2;
			LENCHECK(datalen);
			if (!nd_mptcp_print(nd, cp - 2, len, GET_U_1(tp + 13)))
				return -1;
			break;
		case 34: /* tfo */
			datalen = len - 2;
			LENCHECK(datalen);
			nd_putc(nd, ' ');
			print_fastopen(nd, cp, datalen, 0);
			break;
		case 254: { /* RFC 6994 experiment, with TFO's magic number */
			unsigned magic;

			datalen = len - 2;
			LENCHECK(datalen);
			if (datalen < 2)
				return -1;
			magic = GET_BE_U_2(cp);
			nd_putc(nd, '-');
			if (magic == 0xf989)
				print_fastopen(nd, cp + 2, datalen - 2, 1);
			else
				nd_printf(nd, "%04x", magic);
			break;
		}
		default:
			datalen = len - 2;
			if (datalen)
				nd_puts(nd, " 0x");
			for (unsigned i = 0; i < datalen; i++) {
				LENCHECK(i + 1);
				print_hex(nd, cp + i, 1);
			}
			break;
		}
#undef LENCHECK
		cp += datalen;
		hlen -= datalen;
		datalen++;
		if (opt > 1)
			datalen++;
		if (datalen != len) {
			nd_puts(nd, "[len ");
			nd_putu(nd, len);
			nd_putc(nd, ']');
		}
		*printed = 1;
		if (opt == 0)
			break;
	}
	nd_putc(nd, ']');
	return 0;
}

static void print_cksum(struct nd *nd, const uint8_t *tp, const uint8_t *ip, unsigned length)
{
	uint16_t sum, tcp_sum;

	if (!ND_TTEST_LEN(nd, tp, length))
		return;
	sum = nd_nextproto_cksum(nd, ip, tp, length, 6);
	tcp_sum = GET_BE_U_2(tp + 16);
	{
		/* -v prints this for every segment: spare it the printf. */
		static const char hex[] = "0123456789abcdef";
		char h[] = ", cksum 0x0000";

		h[10] = hex[tcp_sum >> 12];
		h[11] = hex[(tcp_sum >> 8) & 15];
		h[12] = hex[(tcp_sum >> 4) & 15];
		h[13] = hex[tcp_sum & 15];
		nd_write(nd, h, sizeof(h) - 1);
	}
	if (sum != 0)
		nd_printf(nd, " (incorrect -> 0x%04x)", nd_in_cksum_shouldbe(tcp_sum, sum));
	else
		nd_puts(nd, " (correct)");
}

/* Makes seq/ack relative to the conversation's first segment, as tcpdump does. */
static void relative_seq(struct nd *nd, const uint8_t *ip, int v6, unsigned sport, unsigned dport,
			 unsigned flags, uint32_t *seq, uint32_t *ack, struct seqinfo *si)
{
	const uint8_t *src = v6 ? ip + 8 : ip + 12, *dst = v6 ? ip + 24 : ip + 16;
	unsigned alen = v6 ? 16 : 4;
	struct tcp_conn k, *th;

	ND_TCHECK_LEN(nd, src, alen);
	ND_TCHECK_LEN(nd, dst, alen);
	memset(&k, 0, sizeof(k));
	si->rev = 0;
	if (sport > dport)
		si->rev = 1;
	else if (sport == dport && memcmp(src, dst, alen) > 0)
		si->rev = 1;
	if (si->rev) {
		memcpy(k.src, dst, alen);
		memcpy(k.dst, src, alen);
		k.port = dport << 16 | sport;
	} else {
		memcpy(k.src, src, alen);
		memcpy(k.dst, dst, alen);
		k.port = sport << 16 | dport;
	}
	k.v6 = (uint8_t)v6;
	k.used = 1;
	state_grow(nd);
	if (!nd->tcp) {
		si->thseq = si->thack = 0;
		return;
	}
	th = conn_slot(nd->tcp, &k);
	if (!th->used || (flags & TH_SYN)) {
		if (!th->used)
			nd->tcp->used++;
		*th = k;
		if (si->rev) {
			th->ack = *seq;
			th->seq = *ack - 1;
		} else {
			th->seq = *seq;
			th->ack = *ack - 1;
		}
	} else if (si->rev) {
		*seq -= th->ack;
		*ack -= th->seq;
	} else {
		*seq -= th->seq;
		*ack -= th->ack;
	}
	si->thseq = th->seq;
	si->thack = th->ack;
}

static void print_addr_port(struct nd *nd, const uint8_t *addr, int v6, unsigned port)
{
	nd_puts(nd, v6 ? nd_ip6addr_string(nd, addr) : nd_ipaddr_string(nd, addr));
	nd_putc(nd, '.');
	nd_putu(nd, port);
}

static int is_port(unsigned sport, unsigned dport, unsigned p)
{
	return sport == p || dport == p;
}

static int any_port(unsigned sport, unsigned dport, const uint16_t *ports, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (is_port(sport, dport, ports[i]))
			return 1;
	return 0;
}

/* The payload printers tcpdump picks by port, in its order; the ones we have are called. */
static void print_payload(struct nd *nd, const uint8_t *bp, unsigned length, unsigned sport,
			  unsigned dport, const uint8_t *ip)
{
	static const uint16_t undecoded[] = { 25, 43 };
	static const uint16_t undecoded2[] = { 10288, 6633, 6653, 21 };

	if (nd->o.packettype) {	/* -T: tcpdump prints only these types over TCP */
		if (nd->o.packettype == ND_PT_RESP)
			nd_resp_print(nd, bp, length);
		else if (nd->o.packettype == ND_PT_DOMAIN)
			nd_dns_print(nd, bp, length, 1, 0);
		return;
	}
	if (is_port(sport, dport, 23)) {
		nd_telnet_print(nd, bp, length);
		return;
	}
	if (any_port(sport, dport, undecoded, sizeof(undecoded) / sizeof(undecoded[0])))
		return;
	/* BGP comes after telnet, SMTP and whois in tcpdump's order. */
	if (is_port(sport, dport, 179)) {
		nd_bgp_print(nd, bp, length);
		return;
	}
	if (is_port(sport, dport, 1723)) {
		nd_pptp_print(nd, bp);
		return;
	}
	if (is_port(sport, dport, 6379)) {
		nd_resp_print(nd, bp, length);
		return;
	}
	if (is_port(sport, dport, 22)) {
		nd_ssh_print(nd, bp, length);
		return;
	}
	if (any_port(sport, dport, undecoded2, sizeof(undecoded2) / sizeof(undecoded2[0])))
		return;
	if (is_port(sport, dport, 80) || is_port(sport, dport, 8080)) {
		nd_puts(nd, ": ");
		nd_http_print(nd, bp, length);
	} else if (is_port(sport, dport, 554) || is_port(sport, dport, 8554)) {
		return;
	} else if (is_port(sport, dport, 53)) {
		nd_dns_print(nd, bp, length, 1, 0);
	} else if (is_port(sport, dport, 646)) {
		nd_ldp_print(nd, bp, length);
	} else if (!is_port(sport, dport, 639) && !is_port(sport, dport, 323) &&
		   is_port(sport, dport, 2049)) {
		/* after MSDP, RPKI-RTR and LDP in tcpdump's order */
		nd_nfs_tcp_print(nd, bp, length, ip, sport, dport);
	}
}

void nd_tcp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		  int fragmented)
{
	int v6 = (GET_U_1(ip) >> 4) == 6;
	unsigned sport, dport, hlen, flags, win, urp, nxt;
	uint32_t seq, ack;
	struct seqinfo si = { 0, 0, 0 };
	int printed = 0, rc;
	char fbuf[16];
	int n = 0;

	nd->protocol = "tcp";
	if (!ND_TTEST_LEN(nd, bp + 2, 2)) {
		nd_puts(nd, v6 ? nd_ip6addr_string(nd, ip + 8) : nd_ipaddr_string(nd, ip + 12));
		nd_puts(nd, " > ");
		nd_puts(nd, v6 ? nd_ip6addr_string(nd, ip + 24) : nd_ipaddr_string(nd, ip + 16));
		nd_putc(nd, ':');
		nd_print_trunc(nd);
		return;
	}
	sport = GET_BE_U_2(bp);
	dport = GET_BE_U_2(bp + 2);
	nxt = v6 ? GET_U_1(ip + 6) : GET_U_1(ip + 9);
	if (nxt == 6) {
		print_addr_port(nd, v6 ? ip + 8 : ip + 12, v6, sport);
		nd_puts(nd, " > ");
		print_addr_port(nd, v6 ? ip + 24 : ip + 16, v6, dport);
	} else {
		nd_putu(nd, sport);
		nd_puts(nd, " > ");
		nd_putu(nd, dport);
	}
	nd_puts(nd, ": ");
	if (!ND_TTEST_LEN(nd, bp, TCP_HDRLEN)) {
		nd_print_trunc(nd);
		return;
	}
	hlen = (GET_U_1(bp + 12) >> 4) * 4;
	if (hlen < TCP_HDRLEN) {
		nd_printf(nd, " tcp %u [bad hdr length %u - too short, < %u]", length - hlen, hlen,
			  TCP_HDRLEN);
		return;
	}
	seq = GET_BE_U_4(bp + 4);
	ack = GET_BE_U_4(bp + 8);
	win = GET_BE_U_2(bp + 14);
	urp = GET_BE_U_2(bp + 18);
	if (nd->o.qflag) {
		nd_puts(nd, "tcp ");
		nd_putu(nd, length - hlen);
		if (hlen > length)
			nd_printf(nd, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	flags = GET_U_1(bp + 13);
	if (flags & TH_FIN)
		fbuf[n++] = 'F';
	if (flags & TH_SYN)
		fbuf[n++] = 'S';
	if (flags & TH_RST)
		fbuf[n++] = 'R';
	if (flags & TH_PUSH)
		fbuf[n++] = 'P';
	if (flags & TH_ACK)
		fbuf[n++] = '.';
	if (flags & TH_URG)
		fbuf[n++] = 'U';
	if (flags & TH_ECE)
		fbuf[n++] = 'E';
	if (flags & TH_CWR)
		fbuf[n++] = 'W';
	fbuf[n] = 0;
	nd_puts(nd, "Flags [");
	nd_puts(nd, n ? fbuf : "none");
	nd_putc(nd, ']');

	if (!nd->o.Sflag && (flags & TH_ACK))
		relative_seq(nd, ip, v6, sport, dport, flags, &seq, &ack, &si);
	if (hlen > length) {
		nd_printf(nd, " [bad hdr length %u - too long, > %u]", hlen, length);
		return;
	}
	if (nd->o.vflag && !fragmented)
		print_cksum(nd, bp, ip, length);

	length -= hlen;
	if (nd->o.vflag > 1 || length > 0 || (flags & (TH_SYN | TH_FIN | TH_RST))) {
		nd_puts(nd, ", seq ");
		nd_putu(nd, seq);
		if (length > 0) {
			nd_putc(nd, ':');
			nd_putu(nd, (uint32_t)(seq + length));
		}
	}
	if (flags & TH_ACK) {
		nd_puts(nd, ", ack ");
		nd_putu(nd, ack);
	}
	nd_puts(nd, ", win ");
	nd_putu(nd, win);
	if (flags & TH_URG) {
		nd_puts(nd, ", urg ");
		nd_putu(nd, urp);
	}
	if (hlen > TCP_HDRLEN) {
		rc = print_options(nd, bp, hlen, length, &si, &printed);
		if (rc == -1) {
			nd_puts(nd, "[bad opt]");
			if (printed)
				nd_putc(nd, ']');
			return;
		}
		if (rc == -2) {
			nd_print_trunc(nd);
			if (printed)
				nd_putc(nd, '>');
			return;
		}
	}
	nd_puts(nd, ", length ");
	nd_putu(nd, length);
	if (length == 0)
		return;
	if (!ND_TTEST_LEN(nd, bp, hlen)) {
		nd_printf(nd, " [remaining caplen(%u) < header length(%u)]",
			  (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp), hlen);
		nd_trunc_longjmp(nd);
	}
	bp += hlen;
	if ((flags & TH_RST) && nd->o.vflag) {
		print_rst_data(nd, bp, length);
		return;
	}
	print_payload(nd, bp, length, sport, dport, ip);
}

/* pktgen: sends numbered IPv4 UDP/TCP frames on a veth or loopback to load a capture. */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <linux/ethtool.h>
#include <linux/if_packet.h>
#include <linux/sockios.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define ETH_HDR_LEN	14
#define IP_HDR_LEN	20
#define UDP_HDR_LEN	8
#define TCP_HDR_LEN	20
#define MIN_FRAME	60
#define MAX_FRAME	9000
#define MAX_BATCH	1024	/* UIO_MAXIOV: sendmmsg takes no more in one call */
#define MAX_DURATION	600.0
/* ENOBUFS means a queue is full for a moment; after this many tries in a row it is not. */
#define MAX_RETRIES	10000
/* Bigger than gzip's 32 KiB window, so packets rarely repeat each other verbatim. */
#define TEXT_POOL_LEN	(1024 * 1024 + MAX_FRAME)
/* --tx-ring: about this many bytes of frames shared with the kernel. */
#define TX_RING_BYTES	(8 * 1024 * 1024)
#define TX_BLOCK_MIN	(64 * 1024)

enum payload_kind { PAYLOAD_TEXT, PAYLOAD_RANDOM, PAYLOAD_ZERO };

struct opts {
	const char *ifname;
	uint64_t count;		/* 0: until the duration ends */
	double duration;
	unsigned int size;
	int proto;		/* IPPROTO_UDP or IPPROTO_TCP */
	int sport, dport;	/* dport -1: protocol default */
	struct in_addr src_ip, dst_ip;
	uint8_t src_mac[ETH_ALEN], dst_mac[ETH_ALEN];
	bool src_mac_set;
	uint64_t pps;
	enum payload_kind payload;
	int cpu;		/* -1: leave affinity alone */
	unsigned int batch;
	bool tx_ring;		/* PACKET_TX_RING instead of sendmmsg */
};

/* The PACKET_TX_RING (TPACKET_V2) shared with the kernel. */
struct tx_ring {
	uint8_t *map;
	size_t map_len;
	unsigned int frame_size, nr, head;	/* head: next slot to fill */
	unsigned int pending;			/* slots handed to the kernel, not yet done */
};

struct gen {
	struct opts *o;
	uint8_t *frames;	/* batch slots of o->size bytes each */
	uint8_t *text_pool;
	size_t text_len;
	uint32_t *psum[2];	/* running sums of text_pool, see build_text_sums */
	unsigned int l4_len;
	unsigned int pay_len;
	uint32_t seq;		/* payload sequence number of the next frame */
	uint16_t ip_id;
	uint32_t tcp_seq;
	uint64_t rnd;
};

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static void usage(FILE *fp, const char *prog)
{
	fprintf(fp,
		"usage: %s -i IFACE [options]\n"
		"Sends numbered IPv4 frames on a veth or loopback interface, nothing else.\n"
		"  -i, --iface IFACE     interface to send on (must be veth or loopback)\n"
		"  -c, --count N         packets, 0 = until the duration ends (default 1000)\n"
		"  -d, --duration SEC    longest run, at most 600 (default 10)\n"
		"  -s, --size BYTES      frame size less FCS, 60..9000 (default 64)\n"
		"  -p, --proto udp|tcp   transport (default udp)\n"
		"      --sport N         source port (default 12345)\n"
		"      --dport N         destination port (default 5353 udp, 80 tcp)\n"
		"      --src-ip A        source address (default 198.18.0.1)\n"
		"      --dst-ip A        destination address (default 198.18.0.2)\n"
		"      --src-mac M       source MAC (default: the interface's)\n"
		"      --dst-mac M       destination MAC (default ff:ff:ff:ff:ff:ff)\n"
		"  -r, --rate PPS        packets per second, 0 = as fast as possible (default 0)\n"
		"      --payload KIND    text, random or zero (default text)\n"
		"      --cpu N           pin to CPU N\n"
		"  -b, --batch N         frames per sendmmsg() call, 1..%d (default 64)\n"
		"      --tx-ring         send through a PACKET_TX_RING, one sendto() per batch\n"
		"  -h, --help            this text\n"
		"Each payload starts with a 32-bit big-endian sequence number from 0.\n"
		"Prints: sent N packets N bytes in S.SSS s (N pps, N.N MB/s)\n",
		prog, MAX_BATCH);
}

static int parse_u64(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (*s == '-' || *s == '\0')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

static int parse_mac(const char *s, uint8_t *mac)
{
	unsigned int b[ETH_ALEN];
	char tail;
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
		   &tail) != ETH_ALEN)
		return -1;
	for (i = 0; i < ETH_ALEN; i++) {
		if (b[i] > 0xff)
			return -1;
		mac[i] = b[i];
	}
	return 0;
}

static void die_usage(const char *prog, const char *what, const char *arg)
{
	fprintf(stderr, "%s: invalid %s: '%s' (see -h)\n", prog, what, arg);
	exit(2);
}

static void parse_args(int argc, char **argv, struct opts *o)
{
	enum { O_SPORT = 256, O_DPORT, O_SRC_IP, O_DST_IP, O_SRC_MAC, O_DST_MAC, O_PAYLOAD,
	       O_CPU, O_TX_RING };
	static const struct option longopts[] = {
		{ "iface", required_argument, NULL, 'i' },
		{ "count", required_argument, NULL, 'c' },
		{ "duration", required_argument, NULL, 'd' },
		{ "size", required_argument, NULL, 's' },
		{ "proto", required_argument, NULL, 'p' },
		{ "rate", required_argument, NULL, 'r' },
		{ "batch", required_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ "sport", required_argument, NULL, O_SPORT },
		{ "dport", required_argument, NULL, O_DPORT },
		{ "src-ip", required_argument, NULL, O_SRC_IP },
		{ "dst-ip", required_argument, NULL, O_DST_IP },
		{ "src-mac", required_argument, NULL, O_SRC_MAC },
		{ "dst-mac", required_argument, NULL, O_DST_MAC },
		{ "payload", required_argument, NULL, O_PAYLOAD },
		{ "cpu", required_argument, NULL, O_CPU },
		{ "tx-ring", no_argument, NULL, O_TX_RING },
		{ NULL, 0, NULL, 0 }
	};
	const char *prog = argv[0];
	uint64_t v;
	char *end;
	int c;

	while ((c = getopt_long(argc, argv, "i:c:d:s:p:r:b:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (strlen(optarg) >= IFNAMSIZ)
				die_usage(prog, "interface name", optarg);
			o->ifname = optarg;
			break;
		case 'c':
			if (parse_u64(optarg, 0, UINT64_MAX, &o->count))
				die_usage(prog, "count", optarg);
			break;
		case 'd':
			errno = 0;
			o->duration = strtod(optarg, &end);
			if (errno || *end != '\0' || !(o->duration > 0) ||
			    o->duration > MAX_DURATION)
				die_usage(prog, "duration (0 < SEC <= 600)", optarg);
			break;
		case 's':
			if (parse_u64(optarg, MIN_FRAME, MAX_FRAME, &v))
				die_usage(prog, "size (60..9000)", optarg);
			o->size = v;
			break;
		case 'p':
			if (!strcmp(optarg, "udp"))
				o->proto = IPPROTO_UDP;
			else if (!strcmp(optarg, "tcp"))
				o->proto = IPPROTO_TCP;
			else
				die_usage(prog, "protocol (udp or tcp)", optarg);
			break;
		case 'r':
			if (parse_u64(optarg, 0, 100000000, &o->pps))
				die_usage(prog, "rate", optarg);
			break;
		case 'b':
			if (parse_u64(optarg, 1, MAX_BATCH, &v))
				die_usage(prog, "batch (1..1024)", optarg);
			o->batch = v;
			break;
		case 'h':
			usage(stdout, prog);
			exit(0);
		case O_SPORT:
		case O_DPORT:
			if (parse_u64(optarg, 0, 65535, &v))
				die_usage(prog, "port", optarg);
			if (c == O_SPORT)
				o->sport = v;
			else
				o->dport = v;
			break;
		case O_SRC_IP:
			if (inet_pton(AF_INET, optarg, &o->src_ip) != 1)
				die_usage(prog, "IPv4 address", optarg);
			break;
		case O_DST_IP:
			if (inet_pton(AF_INET, optarg, &o->dst_ip) != 1)
				die_usage(prog, "IPv4 address", optarg);
			break;
		case O_SRC_MAC:
			if (parse_mac(optarg, o->src_mac))
				die_usage(prog, "MAC address", optarg);
			o->src_mac_set = true;
			break;
		case O_DST_MAC:
			if (parse_mac(optarg, o->dst_mac))
				die_usage(prog, "MAC address", optarg);
			break;
		case O_PAYLOAD:
			if (!strcmp(optarg, "text"))
				o->payload = PAYLOAD_TEXT;
			else if (!strcmp(optarg, "random"))
				o->payload = PAYLOAD_RANDOM;
			else if (!strcmp(optarg, "zero"))
				o->payload = PAYLOAD_ZERO;
			else
				die_usage(prog, "payload (text, random or zero)", optarg);
			break;
		case O_CPU:
			if (parse_u64(optarg, 0, CPU_SETSIZE - 1, &v))
				die_usage(prog, "CPU", optarg);
			o->cpu = v;
			break;
		case O_TX_RING:
			o->tx_ring = true;
			break;
		default:
			usage(stderr, prog);
			exit(2);
		}
	}
	if (optind < argc)
		die_usage(prog, "argument", argv[optind]);
	if (!o->ifname) {
		fprintf(stderr, "%s: -i IFACE is required (see -h)\n", prog);
		exit(2);
	}
	if (o->dport < 0)
		o->dport = o->proto == IPPROTO_UDP ? 5353 : 80;
}

/*
 * A mistyped interface name must not put a flood on a real network, so only
 * a loopback or a veth (whose traffic stays inside this host) is accepted.
 * Fills in the index, MTU and, unless given, the source MAC.
 */
static int check_iface(int fd, struct opts *o, int *ifindex, int *mtu)
{
	struct ethtool_drvinfo drv = { .cmd = ETHTOOL_GDRVINFO };
	struct ifreq ifr;
	bool loopback, veth, up;

	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, o->ifname, IFNAMSIZ - 1);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0) {
		fprintf(stderr, "pktgen: no interface '%s': %s\n", o->ifname, strerror(errno));
		return -1;
	}
	*ifindex = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) {
		fprintf(stderr, "pktgen: %s: SIOCGIFFLAGS: %s\n", o->ifname, strerror(errno));
		return -1;
	}
	loopback = ifr.ifr_flags & IFF_LOOPBACK;
	up = ifr.ifr_flags & IFF_UP;

	ifr.ifr_data = (void *)&drv;
	veth = ioctl(fd, SIOCETHTOOL, &ifr) == 0 && !strcmp(drv.driver, "veth");
	if (!loopback && !veth) {
		fprintf(stderr,
			"pktgen: refusing to send on %s: it is neither loopback nor veth "
			"(driver '%s'); traffic must not leave this machine\n",
			o->ifname, drv.driver[0] ? drv.driver : "unknown");
		return -1;
	}
	if (!up) {
		fprintf(stderr, "pktgen: %s is down\n", o->ifname);
		return -1;
	}

	if (ioctl(fd, SIOCGIFMTU, &ifr) < 0) {
		fprintf(stderr, "pktgen: %s: SIOCGIFMTU: %s\n", o->ifname, strerror(errno));
		return -1;
	}
	*mtu = ifr.ifr_mtu;

	if (!o->src_mac_set) {
		if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0) {
			fprintf(stderr, "pktgen: %s: SIOCGIFHWADDR: %s\n", o->ifname,
				strerror(errno));
			return -1;
		}
		memcpy(o->src_mac, ifr.ifr_hwaddr.sa_data, ETH_ALEN);
	}
	return 0;
}

static uint64_t xorshift64(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

/*
 * Sum in host order: the one's complement sum comes out right in either byte
 * order as long as it is stored back the same way (RFC 1071), which saves a
 * byte swap per word.
 */
static uint64_t csum_add(uint64_t acc, const void *data, size_t len)
{
	const uint8_t *p = data;
	uint32_t w;
	uint16_t h;

	for (; len >= 4; p += 4, len -= 4) {
		memcpy(&w, p, 4);
		acc += w;
	}
	if (len >= 2) {
		memcpy(&h, p, 2);
		acc += h;
		p += 2;
		len -= 2;
	}
	if (len) {
		uint8_t last[2] = { *p, 0 };

		memcpy(&h, last, 2);
		acc += h;
	}
	return acc;
}

static uint16_t csum_fold(uint64_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return ~acc & 0xffff;
}

static void put16(uint8_t *p, uint16_t v)
{
	v = htons(v);
	memcpy(p, &v, 2);
}

static void put32(uint8_t *p, uint32_t v)
{
	v = htonl(v);
	memcpy(p, &v, 4);
}

/*
 * Text that gzip squeezes about as much as a real capture (3 to 4 times):
 * repeated protocol words, with numbers, hex tokens and base64 blobs that
 * do not repeat, so a compressed ring is neither flattered nor punished.
 */
static size_t build_text_pool(uint8_t *pool, size_t cap)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	enum { SMALL, WIDE, BLOB };	/* small numbers, 32-bit values, base64 line */
	static const struct {
		const char *fmt;
		int kind;
	} lines[] = {
		{ "GET /index.html HTTP/1.1\r\n", SMALL },
		{ "GET /static/js/app.%u.js HTTP/1.1\r\n", SMALL },
		{ "POST /api/v1/events HTTP/1.1\r\n", SMALL },
		{ "HTTP/1.1 200 OK\r\n", SMALL },
		{ "HTTP/1.1 304 Not Modified\r\n", SMALL },
		{ "Host: www.example.org\r\n", SMALL },
		{ "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 "
		  "Firefox/115.0\r\n", SMALL },
		{ "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n",
		  SMALL },
		{ "Accept-Language: en-US,en;q=0.5\r\n", SMALL },
		{ "Accept-Encoding: gzip, deflate, br\r\n", SMALL },
		{ "Connection: keep-alive\r\n", SMALL },
		{ "Content-Type: application/json; charset=utf-8\r\n", SMALL },
		{ "Content-Length: %u\r\n", WIDE },
		{ "Cache-Control: max-age=%u\r\n", SMALL },
		{ "Date: Thu, 26 Nov 2026 10:%02u:%02u GMT\r\n", SMALL },
		{ "Cookie: sid=%08x%08x; theme=dark\r\n", WIDE },
		{ "ETag: \"%08x-%04x\"\r\n", WIDE },
		{ "X-Request-Id: %08x-%08x-%04x\r\n", WIDE },
		{ "GET /api/v1/items/%u?page=%u&sort=desc HTTP/1.1\r\n", WIDE },
		{ "{\"user\":%u,\"event\":\"click\",\"target\":\"button-%u\",\"ok\":true}\r\n",
		  SMALL },
		{ "the quick brown fox jumps over the lazy dog while packets flow by\r\n", SMALL },
		{ "\r\n", SMALL },
		{ "X-Data: ", BLOB },
		{ "X-Data: ", BLOB },
		{ "X-Data: ", BLOB },
	};
	const size_t nlines = sizeof(lines) / sizeof(lines[0]);
	uint64_t rnd = 0x9e3779b97f4a7c15ULL;
	size_t len = 0;
	int i;

	while (len + 256 < cap) {
		uint64_t r = xorshift64(&rnd);
		unsigned int a = r & 0xffffffff, b = r >> 32;
		unsigned int pick = (a ^ b) % nlines;
		int n;

		if (lines[pick].kind == SMALL) {
			a %= 60;
			b %= 60;
		}
		/* The formats are the table above; lines that print less ignore the rest. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
		n = snprintf((char *)pool + len, cap - len, lines[pick].fmt, a, b, a ^ b);
#pragma GCC diagnostic pop
		if (n < 0)
			break;
		len += n;	/* fits: 256 bytes were free and no line is that long */
		if (lines[pick].kind == BLOB) {
			for (i = 0; i < 76; i++)
				pool[len++] = b64[xorshift64(&rnd) % 64];
			pool[len++] = '\r';
			pool[len++] = '\n';
		}
	}
	return len;
}

static void build_template(struct gen *g, uint8_t *f)
{
	struct opts *o = g->o;
	uint8_t *ip = f + ETH_HDR_LEN;
	uint8_t *l4 = ip + IP_HDR_LEN;

	memset(f, 0, o->size);
	memcpy(f, o->dst_mac, ETH_ALEN);
	memcpy(f + ETH_ALEN, o->src_mac, ETH_ALEN);
	put16(f + 12, ETHERTYPE_IP);

	ip[0] = 0x45;
	put16(ip + 2, o->size - ETH_HDR_LEN);
	put16(ip + 6, 0x4000);	/* DF */
	ip[8] = 64;
	ip[9] = o->proto;
	memcpy(ip + 12, &o->src_ip, 4);
	memcpy(ip + 16, &o->dst_ip, 4);

	put16(l4, o->sport);
	put16(l4 + 2, o->dport);
	if (o->proto == IPPROTO_UDP) {
		put16(l4 + 4, g->l4_len + g->pay_len);
	} else {
		put32(l4 + 8, 1);	/* ack */
		l4[12] = (TCP_HDR_LEN / 4) << 4;
		l4[13] = 0x18;		/* PSH|ACK */
		put16(l4 + 14, 65535);
	}
}

/* Writes n as exactly ten decimal digits, so every text payload keeps its layout. */
static void put_dec10(uint8_t *p, uint32_t n)
{
	int i;

	for (i = 9; i >= 0; i--) {
		p[i] = '0' + n % 10;
		n /= 10;
	}
}

/*
 * Sums bytes as big-endian 16-bit words starting at an even offset (the
 * checksum's own byte order), so it adds up with the text pool's
 * precomputed sums below.
 */
static uint64_t sum_be(uint64_t acc, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		acc += (uint32_t)p[i] << 8 | p[i + 1];
	if (i < len)
		acc += (uint32_t)p[i] << 8;
	return acc;
}

/*
 * Running sums of the text pool, one for each parity at which it may land
 * in a frame (psum[k][i]: bytes before i, those at i + k even taken as high
 * bytes): a slice's share of the checksum is then two look-ups instead of
 * a pass over 1,400 bytes. uint32_t suffices as a slice's sum stays below
 * 2^32 (9000 bytes of at most 0xff00).
 */
static int build_text_sums(struct gen *g)
{
	size_t i;
	int k;

	for (k = 0; k < 2; k++) {
		g->psum[k] = malloc((g->text_len + 1) * sizeof(uint32_t));
		if (!g->psum[k])
			return -1;
		g->psum[k][0] = 0;
		for (i = 0; i < g->text_len; i++)
			g->psum[k][i + 1] = g->psum[k][i] +
				((i + k) % 2 ? g->text_pool[i] : (uint32_t)g->text_pool[i] << 8);
	}
	return 0;
}

/*
 * Writes the payload's variable head and returns the offset in it where
 * the text slice [*text, *text + pay_len - offset) goes; the caller copies
 * the slice or points an iovec at it. For other payloads the whole payload
 * is written and pay_len returned.
 */
static size_t fill_payload(struct gen *g, uint8_t *pay, const uint8_t **text)
{
	static const char tag[] = "X-Seq: 0000000000\r\n";
	const size_t taglen = sizeof(tag) - 1;
	size_t len = g->pay_len, off = 4, i;

	put32(pay, g->seq);
	switch (g->o->payload) {
	case PAYLOAD_ZERO:
		break;
	case PAYLOAD_RANDOM:
		for (; off + 8 <= len; off += 8) {
			uint64_t r = xorshift64(&g->rnd);

			memcpy(pay + off, &r, 8);
		}
		for (i = off; i < len; i++)
			pay[i] = xorshift64(&g->rnd);
		break;
	case PAYLOAD_TEXT:
		if (off + taglen <= len) {
			memcpy(pay + off, tag, taglen);
			put_dec10(pay + off + 7, g->seq);
			off += taglen;
		}
		if (off < len) {
			/* A stride that is not a multiple of a line makes neighbours differ. */
			size_t span = g->text_len - (len - off);
			size_t start = ((uint64_t)g->seq * 1237) % (span + 1);

			*text = g->text_pool + start;
			return off;
		}
		break;
	}
	return len;
}

/* The text slice's share of the checksum, placed at offset at of the L4 header. */
static uint32_t text_sum(const struct gen *g, const uint8_t *text, size_t at, size_t len)
{
	size_t start = text - g->text_pool;
	int k = (at + start) % 2;

	return g->psum[k][start + len] - g->psum[k][start];
}

/*
 * Fills in frame f's varying fields and checksums. With split, the text
 * slice is not copied: *text and the returned length say what the caller
 * sends after the frame's first bytes (0: the frame is whole).
 */
static size_t fill_frame(struct gen *g, uint8_t *f, bool split, const uint8_t **text)
{
	struct opts *o = g->o;
	uint8_t *ip = f + ETH_HDR_LEN;
	uint8_t *l4 = ip + IP_HDR_LEN;
	uint8_t *pay = l4 + g->l4_len;
	uint8_t pseudo[12];
	size_t l4_total = g->l4_len + g->pay_len, head, tail;
	int csum_at = o->proto == IPPROTO_UDP ? 6 : 16;
	uint16_t sum;
	uint64_t acc;

	head = fill_payload(g, pay, text);
	tail = g->pay_len - head;
	if (tail && !split)
		memcpy(pay + head, *text, tail);

	put16(ip + 4, g->ip_id++);
	memset(ip + 10, 0, 2);
	sum = csum_fold(csum_add(0, ip, IP_HDR_LEN));
	memcpy(ip + 10, &sum, 2);

	memcpy(pseudo, &o->src_ip, 4);
	memcpy(pseudo + 4, &o->dst_ip, 4);
	pseudo[8] = 0;
	pseudo[9] = o->proto;
	put16(pseudo + 10, l4_total);
	if (o->proto == IPPROTO_TCP) {
		put32(l4 + 4, g->tcp_seq);
		g->tcp_seq += g->pay_len;
	}
	memset(l4 + csum_at, 0, 2);
	acc = sum_be(sum_be(0, pseudo, sizeof(pseudo)), l4, g->l4_len + head);
	if (tail)
		acc += text_sum(g, *text, g->l4_len + head, tail);
	sum = csum_fold(acc);
	if (!sum && o->proto == IPPROTO_UDP)
		sum = 0xffff;	/* zero would mean "no checksum" */
	put16(l4 + csum_at, sum);
	g->seq++;
	return split ? tail : 0;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void sleep_until(uint64_t ns)
{
	struct timespec ts = { .tv_sec = ns / 1000000000ULL, .tv_nsec = ns % 1000000000ULL };

	/* EINTR is fine: a signal means we are stopping, and the caller checks the clock. */
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

static int open_socket(struct opts *o, struct sockaddr_ll *to)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	int one = 1, fd, ifindex, mtu;

	/* Protocol 0: the socket never receives, so it costs nothing on the receive path. */
	fd = socket(AF_PACKET, SOCK_RAW, 0);
	if (fd < 0) {
		fprintf(stderr, "pktgen: socket(AF_PACKET): %s (are you root?)\n", strerror(errno));
		return -1;
	}
	if (check_iface(fd, o, &ifindex, &mtu))
		goto fail;
	if (o->size - ETH_HDR_LEN > (unsigned int)mtu) {
		fprintf(stderr, "pktgen: frame size %u exceeds MTU %d of %s (max %d)\n", o->size,
			mtu, o->ifname, mtu + ETH_HDR_LEN);
		goto fail;
	}
	if (setsockopt(fd, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof(one)) < 0)
		fprintf(stderr, "pktgen: PACKET_QDISC_BYPASS: %s, going through the qdisc\n",
			strerror(errno));
	sll.sll_ifindex = ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) < 0) {
		fprintf(stderr, "pktgen: bind %s: %s\n", o->ifname, strerror(errno));
		goto fail;
	}
	*to = sll;
	to->sll_protocol = htons(ETH_P_IP);
	to->sll_halen = ETH_ALEN;
	memcpy(to->sll_addr, o->dst_mac, ETH_ALEN);
	return fd;
fail:
	close(fd);
	return -1;
}

/*
 * Sends frames [0, n) of the batch; retries what the kernel did not take
 * when its queues are briefly full. Returns how many went out, or -1 on a
 * hard error.
 */
static int send_batch(int fd, struct mmsghdr *msgs, unsigned int n, uint64_t deadline)
{
	unsigned int done = 0, retries = 0;
	int r;

	while (done < n && retries < MAX_RETRIES) {
		r = sendmmsg(fd, msgs + done, n - done, 0);
		if (r > 0) {
			done += r;
			retries = 0;
			continue;
		}
		if (r < 0 && errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
			fprintf(stderr, "pktgen: sendmmsg: %s\n", strerror(errno));
			return done ? (int)done : -1;
		}
		if (stop_requested || now_ns() >= deadline)
			break;
		retries++;
		if (retries > 10) {
			struct timespec ts = { 0, 20000 };

			nanosleep(&ts, NULL);
		} else {
			sched_yield();
		}
	}
	return done;
}

/* Where a TPACKET_V2 frame's data starts in its slot (no PACKET_TX_HAS_OFF). */
#define TX_DATA_OFF	(TPACKET2_HDRLEN - sizeof(struct sockaddr_ll))

/*
 * --tx-ring: frames are built in memory shared with the kernel, which takes
 * a whole batch per sendto(); that saves a system call, a message header
 * and a copy from user space per frame. Frames are powers of two in size.
 */
static int tx_ring_open(int fd, const struct opts *o, struct tx_ring *tr)
{
	int version = TPACKET_V2;
	struct tpacket_req req;
	unsigned int fs = 64;

	while (fs < TX_DATA_OFF + o->size)
		fs <<= 1;
	req.tp_frame_size = fs;
	req.tp_block_size = fs > TX_BLOCK_MIN ? fs : TX_BLOCK_MIN;
	req.tp_block_nr = TX_RING_BYTES / req.tp_block_size;
	req.tp_frame_nr = req.tp_block_nr * (req.tp_block_size / fs);
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &version, sizeof(version)) < 0 ||
	    setsockopt(fd, SOL_PACKET, PACKET_TX_RING, &req, sizeof(req)) < 0) {
		fprintf(stderr, "pktgen: PACKET_TX_RING: %s\n", strerror(errno));
		return -1;
	}
	tr->map_len = (size_t)req.tp_block_size * req.tp_block_nr;
	tr->map = mmap(NULL, tr->map_len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (tr->map == MAP_FAILED) {
		fprintf(stderr, "pktgen: mmap of the TX ring: %s\n", strerror(errno));
		tr->map = NULL;
		return -1;
	}
	tr->frame_size = fs;
	tr->nr = req.tp_frame_nr;
	return 0;
}

static struct tpacket2_hdr *tx_slot(const struct tx_ring *tr, unsigned int i)
{
	return (struct tpacket2_hdr *)(tr->map + (size_t)i * tr->frame_size);
}

/*
 * Counts the oldest frames the kernel is done with (it marks a frame
 * available when its skb is freed, after the veth peer took it). Returns
 * how many were reclaimed, or -1 if the kernel refused a frame.
 */
static int tx_ring_reap(struct tx_ring *tr)
{
	int n = 0;

	while (tr->pending) {
		unsigned int tail = (tr->head + tr->nr - tr->pending) % tr->nr;
		uint32_t st = __atomic_load_n(&tx_slot(tr, tail)->tp_status, __ATOMIC_ACQUIRE);

		if (st & TP_STATUS_WRONG_FORMAT) {
			fprintf(stderr, "pktgen: the kernel refused a frame (wrong format)\n");
			return -1;
		}
		if (st != TP_STATUS_AVAILABLE)
			break;
		tr->pending--;
		n++;
	}
	return n;
}

/* Asks the kernel to send every frame marked; a full queue is retried later. */
static int tx_ring_kick(int fd, struct sockaddr_ll *to)
{
	if (sendto(fd, NULL, 0, MSG_DONTWAIT, (struct sockaddr *)to, sizeof(*to)) < 0 &&
	    errno != ENOBUFS && errno != EAGAIN && errno != EINTR) {
		fprintf(stderr, "pktgen: sendto (TX ring): %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

static void back_off(unsigned int retries)
{
	struct timespec ts = { 0, 20000 };

	if (retries > 10)
		nanosleep(&ts, NULL);
	else
		sched_yield();
}

/*
 * Builds up to n frames in free slots and sends them with one sendto().
 * Adds the frames the kernel finished to *sent. Returns how many frames
 * were queued (fewer when stopped or past the deadline), or -1.
 */
static int tx_ring_send(struct gen *g, struct tx_ring *tr, int fd, struct sockaddr_ll *to,
			unsigned int n, uint64_t deadline, uint64_t *sent)
{
	unsigned int i = 0, retries = 0;
	const uint8_t *text;
	int r;

	while (i < n) {
		struct tpacket2_hdr *h;

		r = tx_ring_reap(tr);
		if (r < 0)
			return -1;
		*sent += r;
		if (tr->pending == tr->nr) {
			if (tx_ring_kick(fd, to))
				return -1;
			if (stop_requested || now_ns() >= deadline || ++retries > MAX_RETRIES)
				break;
			back_off(retries);
			continue;
		}
		retries = 0;
		h = tx_slot(tr, tr->head);
		fill_frame(g, (uint8_t *)h + TX_DATA_OFF, false, &text);
		h->tp_len = g->o->size;
		__atomic_store_n(&h->tp_status, TP_STATUS_SEND_REQUEST, __ATOMIC_RELEASE);
		tr->head = (tr->head + 1) % tr->nr;
		tr->pending++;
		i++;
	}
	return tx_ring_kick(fd, to) ? -1 : (int)i;
}

/* At the end: waits up to a second for the kernel to take what is queued. */
static int tx_ring_drain(struct tx_ring *tr, int fd, struct sockaddr_ll *to, uint64_t *sent)
{
	uint64_t until = now_ns() + 1000000000ULL;
	unsigned int retries = 0;
	int r;

	while (tr->pending && now_ns() < until) {
		if (tx_ring_kick(fd, to))
			return -1;
		r = tx_ring_reap(tr);
		if (r < 0)
			return -1;
		*sent += r;
		if (tr->pending)
			back_off(++retries);
	}
	return 0;
}

static void print_summary(uint64_t pkts, uint64_t bytes, uint64_t ns)
{
	double s = ns / 1e9;

	if (s <= 0)
		s = 1e-9;
	printf("sent %llu packets %llu bytes in %.3f s (%.0f pps, %.1f MB/s)\n",
	       (unsigned long long)pkts, (unsigned long long)bytes, s, pkts / s, bytes / s / 1e6);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	struct opts o = {
		.count = 1000, .duration = 10, .size = 64, .proto = IPPROTO_UDP,
		.sport = 12345, .dport = -1, .payload = PAYLOAD_TEXT, .cpu = -1, .batch = 64,
		.dst_mac = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};
	struct gen g = { .o = &o };
	struct sockaddr_ll to;
	struct mmsghdr *msgs = NULL;
	struct iovec *iov = NULL;
	struct sigaction sa = { .sa_handler = on_signal };
	struct tx_ring tr = { 0 };
	uint64_t sent = 0, queued = 0, start, deadline, end;
	unsigned int i, per_batch;
	int fd, rc = 1;

	inet_pton(AF_INET, "198.18.0.1", &o.src_ip);
	inet_pton(AF_INET, "198.18.0.2", &o.dst_ip);
	parse_args(argc, argv, &o);

	g.l4_len = o.proto == IPPROTO_UDP ? UDP_HDR_LEN : TCP_HDR_LEN;
	g.pay_len = o.size - ETH_HDR_LEN - IP_HDR_LEN - g.l4_len;	/* >= 6 as size >= 60 */
	g.rnd = 0x2545f4914f6cdd1dULL ^ (uint64_t)getpid();
	g.tcp_seq = 1;

	if (o.cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(o.cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0) {
			fprintf(stderr, "pktgen: cannot pin to CPU %d: %s\n", o.cpu,
				strerror(errno));
			return 2;
		}
	}
	/* The default 50 us of timer slack would blur pacing at high rates. */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);

	fd = open_socket(&o, &to);
	if (fd < 0)
		return 2;
	if (o.tx_ring && tx_ring_open(fd, &o, &tr)) {
		close(fd);
		return 2;
	}

	g.frames = malloc((size_t)o.batch * o.size);
	g.text_pool = malloc(TEXT_POOL_LEN);
	msgs = calloc(o.batch, sizeof(*msgs));
	iov = calloc(2 * (size_t)o.batch, sizeof(*iov));
	if (!g.frames || !g.text_pool || !msgs || !iov) {
		fprintf(stderr, "pktgen: out of memory\n");
		goto out;
	}
	g.text_len = build_text_pool(g.text_pool, TEXT_POOL_LEN);
	if (build_text_sums(&g)) {
		fprintf(stderr, "pktgen: out of memory\n");
		goto out;
	}
	for (i = 0; i < o.batch; i++) {
		uint8_t *f = g.frames + (size_t)i * o.size;

		build_template(&g, f);
		/* The second iovec, when used, points into the text pool. */
		iov[2 * i].iov_base = f;
		iov[2 * i].iov_len = o.size;
		msgs[i].msg_hdr.msg_iov = &iov[2 * i];
		msgs[i].msg_hdr.msg_iovlen = 1;
		msgs[i].msg_hdr.msg_name = &to;
		msgs[i].msg_hdr.msg_namelen = sizeof(to);
	}
	for (i = 0; i < tr.nr; i++)
		build_template(&g, (uint8_t *)tx_slot(&tr, i) + TX_DATA_OFF);

	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	/*
	 * When paced, wake about every millisecond at most, so low rates are
	 * smooth rather than bursts of a full batch.
	 */
	per_batch = o.batch;
	if (o.pps && o.pps / 1000 < per_batch)
		per_batch = o.pps / 1000 ? o.pps / 1000 : 1;

	start = now_ns();
	deadline = start + (uint64_t)(o.duration * 1e9);
	end = start;
	while (!stop_requested && (!o.count || queued < o.count)) {
		unsigned int n = per_batch;
		uint64_t t = now_ns();
		int r;

		if (o.count && o.count - queued < n)
			n = o.count - queued;
		if (o.pps) {
			/* Absolute targets: a late wake-up is caught up, not carried forward. */
			uint64_t due = start + (uint64_t)((double)queued * 1e9 / o.pps);

			if (due >= deadline)
				break;
			if (due > t) {
				sleep_until(due);
				t = now_ns();
			}
		}
		if (t >= deadline)
			break;
		if (o.tx_ring) {
			r = tx_ring_send(&g, &tr, fd, &to, n, deadline, &sent);
			if (r < 0)
				goto out;
			queued += r;
			end = now_ns();
			continue;
		}
		for (i = 0; i < n; i++) {
			const uint8_t *text = NULL;
			size_t tail = fill_frame(&g, g.frames + (size_t)i * o.size, true, &text);

			iov[2 * i].iov_len = o.size - tail;
			iov[2 * i + 1].iov_base = (void *)text;
			iov[2 * i + 1].iov_len = tail;
			msgs[i].msg_hdr.msg_iovlen = tail ? 2 : 1;
		}
		r = send_batch(fd, msgs, n, deadline);
		if (r < 0)
			goto out;
		sent += r;
		queued += n;
		end = now_ns();
	}
	if (o.tx_ring) {
		if (tx_ring_drain(&tr, fd, &to, &sent))
			goto out;
		end = now_ns();
	}
	/*
	 * A paced run owns its time slots up to the next packet's, so 200
	 * packets at 100 pps report 2 s, not the 1.99 s between first and last.
	 */
	if (o.pps && start + (uint64_t)((double)queued * 1e9 / o.pps) > end)
		end = start + (uint64_t)((double)queued * 1e9 / o.pps);
	print_summary(sent, sent * o.size, end - start);
	rc = 0;
out:
	free(iov);
	free(msgs);
	free(g.psum[0]);
	free(g.psum[1]);
	free(g.text_pool);
	free(g.frames);
	if (tr.map)
		munmap(tr.map, tr.map_len);
	close(fd);
	return rc;
}

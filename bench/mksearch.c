/* mksearch.c: writes a week of many-host traffic as a pktcapd ring (plain or gzip members) for bench/search.sh */
/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Usage: mksearch DIR PREFIX TOTAL_BYTES NFILES FRAME plain|gzip [START [SECONDS]]
 *
 * Files are named as pktcapd names them (PREFIX-YYYYMMDDTHHMMSSZ-NNNNNN.pcap
 * or .pcap.gz, the time of the file's first packet), mode 0440, un-indexed:
 * pktcapd's indexer builds NAME.idx (and NAME.aidx) when it adopts them.
 * gzip files hold one gzip member per 256 KiB of records, as the ring's
 * writer stores chunks, so every member start is a seek point.
 *
 * The traffic: TCP and UDP between 131,072 IPv4 hosts (10.0.0.0/8) and 4,096
 * IPv6 hosts (2001:db8::/32, 1 packet in 20), both ends drawn with Zipf
 * popularity (s = 1: the top host is in every block, most hosts in few),
 * server ports from a list of 24 services, client ports 32768-60999, FRAME
 * bytes per frame (at least the headers), text-like payload. Besides it,
 * at 24 moments spread over the span, a few packets each of:
 *   the rare host 203.0.113.7 (port 443),
 *   the rare port 4444 (half of them from the host of rank 50, 10.0.0.50),
 *   the rare net 198.51.100.0/24 (port 8080).
 * Nothing else uses 203.0.113.0/24, 198.51.100.0/24 or port 4444. The
 * same arguments give the same bytes (a fixed seed); the output summary
 * on stdout names the hosts and ports for the queries.
 */
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define NHOST4 131072
#define NHOST6 4096
#define ZIPF_TABLE (1 << 20)
#define CHUNK (256 << 10)
#define NEVENTS 24
#define RARE_HOST 0xcb007107u	/* 203.0.113.7 */
#define RARE_NET 0xc6336400u	/* 198.51.100.0/24 */
#define RARE_PORT 4444
#define MID_RANK 50

static const uint16_t services[] = { 443, 80, 53, 22, 25, 123, 993, 8443, 3306, 5432, 389, 636,
				     445, 139, 587, 110, 143, 161, 514, 1194, 3389, 5060, 8080, 9000 };

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint32_t zipf4[ZIPF_TABLE], zipf6[ZIPF_TABLE], zipfsvc[ZIPF_TABLE];
static unsigned char text[1 << 16];
static unsigned char *chunk;
static size_t chunk_len;
static struct libdeflate_compressor *zc;
static unsigned char *zout;
static size_t zout_cap;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A table mapping a uniform index to a rank 0..n-1 with Zipf (s = 1) weights. */
static void zipf_table(uint32_t *t, uint32_t n)
{
	double h = 0, acc = 0;
	uint32_t r = 0;

	for (uint32_t i = 1; i <= n; i++)
		h += 1.0 / i;
	for (uint32_t i = 0; i < ZIPF_TABLE; i++) {
		double u = (i + 0.5) / ZIPF_TABLE * h;

		while (r < n - 1 && acc + 1.0 / (r + 1) < u)
			acc += 1.0 / (++r);
		t[i] = r;
	}
}

static uint32_t zipf(const uint32_t *t)
{
	return t[rnd() & (ZIPF_TABLE - 1)];
}

/* Rank r's IPv4 address: rank 0 is 10.0.0.0 + 1, spread over 10/8 by a bijection. */
static uint32_t host4(uint32_t r)
{
	return 0x0a000000u | ((r + 1) & 0xffffffu);
}

static void put16(unsigned char *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void put32(unsigned char *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static void put32le(unsigned char *p, uint32_t v)
{
	p[0] = v;
	p[1] = v >> 8;
	p[2] = v >> 16;
	p[3] = v >> 24;
}

static int fd = -1, gz;

static void die(const char *what)
{
	fprintf(stderr, "mksearch: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void out(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n) {
		ssize_t w = write(fd, b, n);

		if (w < 0)
			die("write");
		b += w;
		n -= w;
	}
}

static void flush(void)
{
	if (!chunk_len)
		return;
	if (gz) {
		size_t n = libdeflate_gzip_compress(zc, chunk, chunk_len, zout, zout_cap);

		if (!n) {
			errno = ENOSPC;
			die("gzip");
		}
		out(zout, n);
	} else {
		out(chunk, chunk_len);
	}
	chunk_len = 0;
}

static void emit(const void *p, size_t n)
{
	if (chunk_len + n > CHUNK)
		flush();
	memcpy(chunk + chunk_len, p, n);
	chunk_len += n;
}

/* One frame: IPv4 (v6 == 0) or IPv6 UDP/TCP between the given ends, FRAME bytes at least the headers. */
static size_t frame(unsigned char *f, size_t want, int v6, uint32_t a, uint32_t b, int tcp,
		    uint16_t sport, uint16_t dport)
{
	size_t l3 = v6 ? 40 : 20, l4 = tcp ? 20 : 8, hdr = 14 + l3 + l4;
	size_t len = want > hdr ? want : hdr;
	unsigned char *ip = f + 14, *th = ip + l3;

	memcpy(f, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02", 12);
	put16(f + 12, v6 ? 0x86dd : 0x0800);
	if (v6) {
		memset(ip, 0, 40);
		ip[0] = 0x60;
		put16(ip + 4, len - 14 - 40);
		ip[6] = tcp ? 6 : 17;
		ip[7] = 64;
		put32(ip + 8, 0x20010db8);
		put32(ip + 20, a);
		put32(ip + 24, 0x20010db8);
		put32(ip + 36, b);
	} else {
		memcpy(ip, "\x45\x00\x00\x00\x00\x00\x40\x00\x40\x00\x00\x00", 12);
		put16(ip + 2, len - 14);
		ip[9] = tcp ? 6 : 17;
		put32(ip + 12, a);
		put32(ip + 16, b);
	}
	put16(th, sport);
	put16(th + 2, dport);
	if (tcp) {
		memset(th + 4, 0, 16);
		th[12] = 0x50;
		th[13] = 0x18;
		put16(th + 14, 502);
	} else {
		put16(th + 4, len - 14 - l3);
		put16(th + 6, 0);
	}
	if (len > hdr)
		memcpy(f + hdr, text + (rnd() & 0x7fff), len - hdr);
	return len;
}

/* One ordinary packet: Zipf ends, a service port on one side. */
static size_t ordinary(unsigned char *f, size_t want)
{
	int v6 = rnd() % 20 == 0, tcp = !v6 || want > 64, toward = rnd() & 1;
	uint32_t a = v6 ? zipf(zipf6) + 1 : host4(zipf(zipf4));
	uint32_t b = v6 ? zipf(zipf6) + 1 : host4(zipf(zipf4));
	uint16_t svc = services[zipf(zipfsvc)];
	uint16_t eph = 32768 + rnd() % 28232;

	if (!v6 && services[0] == svc && rnd() % 4 == 0)
		tcp = 0;	/* QUIC */
	return toward ? frame(f, want, v6, a, b, tcp, eph, svc) : frame(f, want, v6, b, a, tcp, svc, eph);
}

/* The packets of a rare event, kind 0 host, 1 port, 2 net; n counts them. */
static size_t rare(unsigned char *f, size_t want, int kind, int n)
{
	uint32_t peer = host4(zipf(zipf4));
	uint16_t eph = 40000 + n;

	switch (kind) {
	case 0:
		return frame(f, want, 0, RARE_HOST, peer, 1, eph, 443);
	case 1:
		return frame(f, want, 0, n % 2 ? host4(MID_RANK - 1) : peer, host4(zipf(zipf4)), 1, eph,
			     RARE_PORT);
	default:
		return frame(f, want, 0, peer, RARE_NET | (1 + n % 250), 1, eph, 8080);
	}
}

static void open_file(const char *dir, const char *prefix, unsigned seq, double t,
		      const unsigned char *hdr)
{
	char name[4096], stamp[32];
	time_t s = (time_t)t;

	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", gmtime(&s));
	snprintf(name, sizeof(name), "%s/%s-%s-%06u.pcap%s", dir, prefix, stamp, seq, gz ? ".gz" : "");
	fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0440);
	if (fd < 0)
		die(name);
	emit(hdr, 24);
	if (gz)
		flush();	/* the header is a member of its own, as the writer stores it */
}

static void close_file(void)
{
	flush();
	if (close(fd) < 0)
		die("close");
	fd = -1;
}

int main(int argc, char **argv)
{
	if (argc < 7) {
		fprintf(stderr, "usage: mksearch DIR PREFIX TOTAL_BYTES NFILES FRAME plain|gzip [START [SECONDS]]\n");
		return 2;
	}
	const char *dir = argv[1], *prefix = argv[2];
	uint64_t total = strtoull(argv[3], NULL, 0), nfiles = strtoull(argv[4], NULL, 0);
	size_t want = strtoul(argv[5], NULL, 0);
	double start = argc > 7 ? atof(argv[7]) : 1795600000.0, span = argc > 8 ? atof(argv[8]) : 604800.0;
	unsigned char hdr[24], f[9000], rec[16 + 9000];
	uint64_t per_file, npkts, written = 0, rare_sent[3] = { 0 };
	double step;

	gz = !strcmp(argv[6], "gzip");
	if (want < 60 || want > 8000 || !nfiles)
		return 2;
	chunk = malloc(CHUNK);
	zc = libdeflate_alloc_compressor(1);
	zout_cap = libdeflate_gzip_compress_bound(zc, CHUNK);
	zout = malloc(zout_cap);
	if (!chunk || !zc || !zout)
		die("malloc");
	for (size_t i = 0; i < sizeof(text); i++) {
		static const char words[] = "GET /index.html HTTP/1.1 Host: example.com Accept: text/html "
					    "Content-Length: 1024 cookie=session; user-agent Mozilla/5.0 ";
		text[i] = (i % 4 == 0) ? (unsigned char)rnd() : words[(i * 7 + i / 61) % (sizeof(words) - 1)];
	}
	zipf_table(zipf4, NHOST4);
	zipf_table(zipf6, NHOST6);
	zipf_table(zipfsvc, sizeof(services) / sizeof(services[0]));
	memcpy(hdr, "\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8);
	memset(hdr + 8, 0, 8);
	put32le(hdr + 16, 262144);
	put32le(hdr + 20, 1);

	/* Ordinary records average about want + 16 bytes (IPv6 at 64 bytes is a little longer). */
	npkts = (total - 24 * nfiles) / (want + 16);
	per_file = npkts / nfiles;
	step = span / npkts;
	for (uint64_t seq = 1, i = 0; seq <= nfiles; seq++) {
		uint64_t n = seq < nfiles ? per_file : npkts - i;

		open_file(dir, prefix, seq, start + i * step, hdr);
		for (uint64_t k = 0; k < n; k++, i++) {
			double t = start + i * step;
			/* Event e of kind j sits at packet (e * 3 + j + 0.5) / (NEVENTS * 3) of the span. */
			uint64_t slot = i * NEVENTS * 3 / npkts, in = i - (slot * npkts + NEVENTS * 3 - 1) / (NEVENTS * 3);
			size_t len;

			if (in >= npkts / (NEVENTS * 6) && in < npkts / (NEVENTS * 6) + 6)
				len = rare(f, want, slot % 3, rare_sent[slot % 3]++);
			else
				len = ordinary(f, want);
			/* Header and data in one piece: a gzip member starts at a record, as a seek point must. */
			put32le(rec, (uint32_t)t);
			put32le(rec + 4, (uint32_t)((t - (uint32_t)t) * 1e6));
			put32le(rec + 8, len);
			put32le(rec + 12, len);
			memcpy(rec + 16, f, len);
			emit(rec, 16 + len);
			written += 16 + len;
		}
		close_file();
	}
	printf("files=%llu packets=%llu bytes=%llu rare_host=203.0.113.7 rare_host_packets=%llu "
	       "rare_port=%d rare_port_packets=%llu mid_host=10.0.0.%d rare_net=198.51.100.0/24 "
	       "rare_net_packets=%llu common_host=10.0.0.1 start=%.0f seconds=%.0f\n",
	       (unsigned long long)nfiles, (unsigned long long)npkts,
	       (unsigned long long)(written + 24 * nfiles), (unsigned long long)rare_sent[0], RARE_PORT,
	       (unsigned long long)rare_sent[1], MID_RANK, (unsigned long long)rare_sent[2], start, span);
	return 0;
}

/* test_addridx.c: NAME.aidx round trips every field; torn, altered and foreign indexes are refused */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addridx.h"
#include "rnd.h"
#include "tap.h"

static int dfd;
/* A data file of n bytes for the index to be bound to. */
static void make_file(const char *name, size_t n, unsigned seed)
{
	unsigned char *b = malloc(n);
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(seed + i * 7);
	if (fd < 0 || write(fd, b, n) != (ssize_t)n)
		exit(99);
	close(fd);
	free(b);
}

/* An Ethernet frame: 802.1Q tag vid (if > 0), IPv4 src > dst, UDP sport > dport. */
static size_t frame(uint8_t *p, int vid, uint32_t src, uint32_t dst, uint16_t sp, uint16_t dp)
{
	size_t o = 12;

	memset(p, 0, 64);
	if (vid > 0) {
		p[o++] = 0x81, p[o++] = 0x00, p[o++] = (uint8_t)(vid >> 8), p[o++] = (uint8_t)vid;
	}
	p[o++] = 0x08, p[o++] = 0x00;
	p[o] = 0x45, p[o + 3] = 28, p[o + 8] = 64, p[o + 9] = 17;
	for (int i = 0; i < 4; i++) {
		p[o + 12 + i] = (uint8_t)(src >> (24 - 8 * i));
		p[o + 16 + i] = (uint8_t)(dst >> (24 - 8 * i));
	}
	o += 20;
	p[o] = (uint8_t)(sp >> 8), p[o + 1] = (uint8_t)sp;
	p[o + 2] = (uint8_t)(dp >> 8), p[o + 3] = (uint8_t)dp, p[o + 5] = 8;
	return o + 8;
}

static int has4(const struct addrset *s, uint32_t a)
{
	for (uint32_t i = 0; i < s->n4; i++)
		if (s->ip4[i] == a)
			return 1;
	return 0;
}

static int has_port(const struct addrset *s, uint16_t p)
{
	for (uint32_t i = 0; i < s->nport; i++)
		if (s->port[i] == p)
			return 1;
	return 0;
}

#define NBLOCKS 5
static struct pcapidx_point pts[NBLOCKS];

/* Writes AIDX for the data file DATA: block b holds 10.0.b.1 > 10.0.b.2, ports 1000+b and 53, vlan b. */
static void write_index(const char *data, const char *aidx, int finish)
{
	struct addridx_writer w;
	struct pcapidx_identity id;
	struct stat st;
	uint8_t pkt[64];

	if (fstatat(dfd, data, &st, 0) < 0 ||
	    pcapidx_identify_at(dfd, data, (uint64_t)st.st_size, &id) < 0 ||
	    addridx_writer_open(&w, dfd, aidx, 1, 0) < 0)
		exit(99);
	for (int b = 0; b < NBLOCKS; b++) {
		pts[b] = (struct pcapidx_point){ 1000 + b, b ? 24 + 100 * (uint64_t)b : 0,
						 b ? 24 + 100 * (uint64_t)b : 0, (uint64_t)b * 3 };
		if (addridx_writer_point(&w, &pts[b]) < 0)
			exit(99);
		for (int k = 0; k < 3; k++) {
			size_t n = frame(pkt, b, 0x0a000001u | (uint32_t)b << 8,
					 0x0a000002u | (uint32_t)b << 8, (uint16_t)(1000 + b), 53);

			addridx_writer_packet(&w, pkt, (uint32_t)n);
		}
		/* Every other block flushed at once: pending blocks wait, then go out in order. */
		if (b % 2 && addridx_writer_flush(&w) < 0)
			exit(99);
	}
	if (finish ? addridx_writer_finish(&w, &id) < 0 : addridx_writer_flush(&w) < 0)
		exit(99);
	if (!finish)
		addridx_writer_abort(&w);
}

/* addridx_load of AIDX against data file DATA; 0 or -1. */
static int load(const char *aidx, const char *data, struct addridx *x)
{
	struct stat st;
	int fd = data ? openat(dfd, data, O_RDONLY) : -1, rc;

	if (data && (fd < 0 || fstat(fd, &st) < 0))
		exit(99);
	rc = addridx_load(dfd, aidx, fd, data, data ? (uint64_t)st.st_size : 0, x);
	if (fd >= 0)
		close(fd);
	return rc;
}

static void test_round_trip(void)
{
	struct addridx x;
	int good = 1;

	make_file("a.pcap", 5000, 1);
	write_index("a.pcap", "a.pcap.aidx", 1);
	ok(load("a.pcap.aidx", "a.pcap", &x) == 0, "a sealed index loads against its file");
	ok(x.complete && x.linktype == 1 && x.nblocks == NBLOCKS, "complete, linktype 1, %zu blocks",
	   x.nblocks);
	for (size_t b = 0; b < x.nblocks && b < NBLOCKS; b++) {
		const struct addrset *s = &x.blocks[b].set;

		good &= !memcmp(&x.blocks[b].at, &pts[b], sizeof(pts[b]));
		good &= s->n4 == 2 && has4(s, 0x0a000001u | (uint32_t)b << 8) &&
			has4(s, 0x0a000002u | (uint32_t)b << 8);
		good &= s->nport == 2 && has_port(s, (uint16_t)(1000 + b)) && has_port(s, 53);
		good &= (s->proto[17 / 8] & (1u << (17 % 8))) && (s->l3 & ADDRSET_L3_IP4);
		good &= b ? s->nvlan == 1 && s->vlan[0] == b && (s->l3 & ADDRSET_L3_VLAN) : !s->nvlan;
	}
	ok(good, "every block keeps its point, addresses, ports, protocol and VLAN");
	ok(x.file.n4 == 2 * NBLOCKS && x.file.nport == NBLOCKS + 1 && x.file.nvlan == NBLOCKS - 1,
	   "the union holds every block's values (%u, %u, %u)", x.file.n4, x.file.nport, x.file.nvlan);
	ok(addridx_block_at(&x, 0) == 0 && addridx_block_at(&x, 124) == 1 &&
	   addridx_block_at(&x, 223) == 1 && addridx_block_at(&x, 1 << 20) == NBLOCKS - 1,
	   "addridx_block_at finds the block holding an offset");
	addridx_free(&x);
	{
		struct addridx u;
		int fd = openat(dfd, "a.pcap", O_RDONLY);

		ok(addridx_load_union(dfd, "a.pcap.aidx", fd, "a.pcap", 5000, &u) == 0 &&
		   u.complete && !u.nblocks && u.file.n4 == 2 * NBLOCKS && u.file.nvlan == NBLOCKS - 1,
		   "addridx_load_union reads the union alone");
		addridx_free(&u);
		close(fd);
	}
}

static void test_identity(void)
{
	struct addridx x;
	struct pcapidx_identity id;
	int fd;

	/* The same index beside another file: another name, then other ends. */
	make_file("b.pcap", 5000, 2);
	ok(load("a.pcap.aidx", "b.pcap", &x) < 0, "another file's index is rejected");
	fd = openat(dfd, "b.pcap", O_RDONLY);
	ok(addridx_load(dfd, "a.pcap.aidx", fd, "a.pcap", 5000, &x) < 0,
	   "a file with other bytes under the same name is rejected");
	close(fd);
	if (pcapidx_identify_at(dfd, "a.pcap", 5000, &id) < 0)
		exit(99);
	ok(addridx_check(dfd, "a.pcap.aidx", &id) == 0, "addridx_check accepts its own file's identity");
	if (pcapidx_identify_at(dfd, "b.pcap", 5000, &id) < 0)
		exit(99);
	ok(addridx_check(dfd, "a.pcap.aidx", &id) < 0, "addridx_check rejects another's");
	ok(addridx_check(dfd, "missing.aidx", &id) < 0, "addridx_check: a missing index is not ok");
	/* A point beyond the data file: an index that promises bytes the file does not have. */
	make_file("c.pcap", 300, 1);
	write_index("c.pcap", "c.pcap.aidx", 1);
	ok(load("c.pcap.aidx", "c.pcap", &x) < 0, "a block starting past the end of the file is rejected");
}

static void copy_prefix(const char *from, const char *to, off_t len)
{
	char buf[65536];
	int in = openat(dfd, from, O_RDONLY);
	int out = openat(dfd, to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ssize_t n = in >= 0 ? pread(in, buf, sizeof(buf), 0) : -1;

	if (n < len || out < 0 || write(out, buf, (size_t)len) != len)
		exit(99);
	close(in);
	close(out);
}

static void test_torn_and_flipped(void)
{
	struct addridx x;
	struct stat st;
	int all_rejected = 1, prefixes_ok = 1;
	char buf[65536];
	int fd;

	if (fstatat(dfd, "a.pcap.aidx", &st, 0) < 0)
		exit(99);
	/* Every cut: rejected against the file; for a growing file, the whole blocks before the cut. */
	for (off_t cut = 0; cut < st.st_size; cut++) {
		copy_prefix("a.pcap.aidx", "t.pcap.aidx", cut);
		all_rejected &= load("t.pcap.aidx", "a.pcap", &x) < 0;
		if (load("t.pcap.aidx", NULL, &x) == 0) {
			prefixes_ok &= !x.complete && x.nblocks <= NBLOCKS;
			for (size_t b = 0; b < x.nblocks; b++)
				prefixes_ok &= !memcmp(&x.blocks[b].at, &pts[b], sizeof(pts[b]));
			addridx_free(&x);
		} else {
			prefixes_ok &= cut < 16;	/* only a torn header fails */
		}
	}
	ok(all_rejected, "every torn index is rejected against its file");
	ok(prefixes_ok, "a torn index of a growing file keeps its whole blocks, in order");
	write_index("a.pcap", "g.pcap.aidx", 0);
	ok(load("g.pcap.aidx", NULL, &x) == 0 && !x.complete && x.nblocks == NBLOCKS - 1 &&
	   x.file.n4 == 2 * (NBLOCKS - 1), "an index still being written: ended blocks and their union");
	addridx_free(&x);

	/* Every single flipped byte is caught (CRC, header, or identity). */
	fd = openat(dfd, "a.pcap.aidx", O_RDONLY);
	if (fd < 0 || pread(fd, buf, (size_t)st.st_size, 0) != st.st_size)
		exit(99);
	close(fd);
	all_rejected = 1;
	for (off_t i = 0; i < st.st_size; i++) {
		buf[i] ^= 0x20;
		fd = openat(dfd, "f.pcap.aidx", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || write(fd, buf, (size_t)st.st_size) != st.st_size)
			exit(99);
		close(fd);
		buf[i] ^= 0x20;
		if (load("f.pcap.aidx", "a.pcap", &x) == 0) {
			all_rejected = 0;
			printf("# byte %lld flipped is not caught\n", (long long)i);
			addridx_free(&x);
		}
	}
	ok(all_rejected, "a flipped byte anywhere in %lld bytes is rejected", (long long)st.st_size);
}

/* A random sorted unique set; sometimes empty, sometimes large. */
static void random_set(struct addrset *s)
{
	uint32_t n = (uint32_t)(rnd() % 4 == 0 ? 0 : rnd() % 3000);

	memset(s, 0, sizeof(*s));
	s->flags = (uint32_t)(rnd() % 2);
	s->l3 = (uint32_t)(rnd() % 32);
	for (int i = 0; i < 32; i++)
		s->proto[i] = rnd() % 3 ? 0 : (uint8_t)rnd();
	s->ip4 = malloc((n + 1) * sizeof(*s->ip4));
	s->ip6 = malloc((n / 4 + 1) * sizeof(*s->ip6));
	s->port = malloc((n + 1) * sizeof(*s->port));
	s->vlan = malloc((n / 8 + 1) * sizeof(*s->vlan));
	{
		uint64_t v = rnd() % 1000;

		for (uint32_t i = 0; i < n && v <= UINT32_MAX; i++, v += 1 + rnd() % (rnd() % 2 ? 3 : 1000000))
			s->ip4[s->n4++] = (uint32_t)v;
		for (v = rnd() % 10; v <= 65535 && s->nport < n; v += 1 + rnd() % 50)
			s->port[s->nport++] = (uint16_t)v;
		for (v = rnd() % 10; v <= 4095 && s->nvlan < n / 8; v += 1 + rnd() % 30)
			s->vlan[s->nvlan++] = (uint16_t)v;
	}
	for (uint32_t i = 0; i < n / 4; i++) {
		uint8_t *a = s->ip6[s->n6];

		if (i)
			memcpy(a, s->ip6[s->n6 - 1], 16);
		else
			memset(a, 0, 16);
		/* Increment at a random position: shared prefixes of every length. */
		for (int pos = (int)(rnd() % 16); pos >= 0; pos--)
			if (++a[pos])
				break;
		if (i && memcmp(a, s->ip6[s->n6 - 1], 16) <= 0)
			break;
		s->n6++;
	}
}

static int set_equal(const struct addrset *a, const struct addrset *b)
{
	return a->flags == b->flags && a->l3 == b->l3 && !memcmp(a->proto, b->proto, 32) &&
	       a->n4 == b->n4 && a->n6 == b->n6 && a->nport == b->nport && a->nvlan == b->nvlan &&
	       (!a->n4 || !memcmp(a->ip4, b->ip4, a->n4 * sizeof(*a->ip4))) &&
	       (!a->n6 || !memcmp(a->ip6, b->ip6, a->n6 * sizeof(*a->ip6))) &&
	       (!a->nport || !memcmp(a->port, b->port, a->nport * sizeof(*a->port))) &&
	       (!a->nvlan || !memcmp(a->vlan, b->vlan, a->nvlan * sizeof(*a->vlan)));
}

static void test_random_sets(void)
{
	uint8_t *buf = NULL;
	size_t cap = 0;
	int good = 1, rejected = 1;

	for (int i = 0; i < 2000; i++) {
		struct addrset s, d;
		size_t len = 0;
		long n;

		random_set(&s);
		if (addridx_encode_set(&s, &buf, &cap, &len) < 0)
			exit(99);
		n = addridx_decode_set(buf, len, &d);
		good &= n == (long)len && set_equal(&s, &d);
		addrset_free(&d);
		/* Any cut short set fails to decode or decodes to fewer bytes. */
		if (len > 1) {
			size_t cut = (size_t)(rnd() % len);

			n = addridx_decode_set(buf, cut, &d);
			rejected &= n < 0 || (size_t)n <= cut;
			if (n >= 0)
				addrset_free(&d);
		}
		addrset_free(&s);
	}
	ok(good, "2000 random sets survive encode and decode unchanged");
	ok(rejected, "a cut short set never reads past its end");
	free(buf);
}

int main(void)
{
	char tmpl[] = "/tmp/test-addridx-XXXXXX", rm[64];

	if (!mkdtemp(tmpl) || (dfd = open(tmpl, O_RDONLY | O_DIRECTORY)) < 0)
		return 99;
	test_round_trip();
	test_identity();
	test_torn_and_flipped();
	test_random_sets();
	snprintf(rm, sizeof(rm), "rm -rf %s", tmpl);
	if (system(rm) < 0)
		return 99;
	return done_testing();
}

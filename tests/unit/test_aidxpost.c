/* test_aidxpost.c: NAME.aidx postings: the reduced index a plan loads answers as the whole one; damaged postings are refused */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addridx.h"
#include "bpfplan.h"
#define RND_SEED 0x2545f4914f6cdd1dull
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

/* Small universes, so values repeat across blocks as real traffic's do. */
static uint32_t r_ip4(void)
{
	return 0x0a000000u | (uint32_t)(rnd() % 3 ? rnd() % 64 : rnd() % 4096);
}

static uint16_t r_port(void)
{
	return (uint16_t)(rnd() % 2 ? rnd() % 40 : rnd() % 65536);
}

static void r_ip6(uint8_t a[16])
{
	memset(a, 0, 16);
	a[0] = 0x20, a[1] = 0x01, a[2] = 0x0d, a[3] = 0xb8;
	a[15] = (uint8_t)(rnd() % 24);
	a[8] = (uint8_t)(rnd() % 3);
}

/* Ethernet, an optional 802.1Q tag, IPv4 or IPv6, TCP or UDP with ports. */
static size_t frame(uint8_t *p)
{
	size_t o = 12;
	int v6 = rnd() % 4 == 0, tcp = rnd() % 2;
	uint16_t sp = r_port(), dp = r_port();

	memset(p, 0, 128);
	if (rnd() % 3 == 0) {
		int vid = (int)(rnd() % 20);

		p[o++] = 0x81, p[o++] = 0x00, p[o++] = (uint8_t)(vid >> 8), p[o++] = (uint8_t)vid;
	}
	if (v6) {
		p[o++] = 0x86, p[o++] = 0xdd;
		p[o] = 0x60, p[o + 5] = 20, p[o + 6] = tcp ? 6 : 17, p[o + 7] = 64;
		r_ip6(p + o + 8);
		r_ip6(p + o + 24);
		o += 40;
	} else {
		uint32_t src = r_ip4(), dst = r_ip4();

		p[o++] = 0x08, p[o++] = 0x00;
		p[o] = 0x45, p[o + 3] = 40, p[o + 8] = 64, p[o + 9] = tcp ? 6 : 17;
		for (int i = 0; i < 4; i++) {
			p[o + 12 + i] = (uint8_t)(src >> (24 - 8 * i));
			p[o + 16 + i] = (uint8_t)(dst >> (24 - 8 * i));
		}
		o += 20;
	}
	p[o] = (uint8_t)(sp >> 8), p[o + 1] = (uint8_t)sp;
	p[o + 2] = (uint8_t)(dp >> 8), p[o + 3] = (uint8_t)dp;
	return o + 20;
}

/* A random index of nb blocks for data file data (4096 bytes), written to aidx (version 1). */
static void write_random(const char *data, const char *aidx, int nb, struct pcapidx_identity *id)
{
	struct addridx_writer w;
	uint8_t pkt[128];

	if (pcapidx_identify_at(dfd, data, 4096, id) < 0 || addridx_writer_open(&w, dfd, aidx, 1, 0) < 0)
		exit(99);
	for (int b = 0; b < nb; b++) {
		struct pcapidx_point pt = { 1000 + b, b ? 24 + 10 * (uint64_t)b : 0,
					    b ? 24 + 10 * (uint64_t)b : 0, (uint64_t)b * 50 };
		int n = (int)(rnd() % 4 ? rnd() % 60 : rnd() % 600);

		if (addridx_writer_point(&w, &pt) < 0)
			exit(99);
		for (int k = 0; k < n; k++) {
			size_t len = frame(pkt);

			/* Now and then a packet the extractor cannot follow: the block says "all". */
			addridx_writer_packet(&w, pkt, rnd() % 500 ? (uint32_t)len : 16);
		}
	}
	if (addridx_writer_finish(&w, id) < 0)
		exit(99);
}

static int load(const char *aidx, const char *data, const struct bpfplan *p, struct addridx *x)
{
	struct stat st;
	int fd = openat(dfd, data, O_RDONLY), rc;

	if (fd < 0 || fstat(fd, &st) < 0)
		exit(99);
	rc = p ? addridx_load_for(dfd, aidx, fd, data, (uint64_t)st.st_size, p, x)
	       : addridx_load(dfd, aidx, fd, data, (uint64_t)st.st_size, x);
	close(fd);
	return rc;
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

static int index_equal(const struct addridx *a, const struct addridx *b)
{
	int eq = a->nblocks == b->nblocks && a->complete == b->complete &&
		 a->linktype == b->linktype && set_equal(&a->file, &b->file);

	for (size_t i = 0; eq && i < a->nblocks; i++)
		eq = !memcmp(&a->blocks[i].at, &b->blocks[i].at, sizeof(a->blocks[i].at)) &&
		     set_equal(&a->blocks[i].set, &b->blocks[i].set);
	return eq;
}

/* One primitive of the planner's grammar, with values from the universes above. */
static void prim(char *buf, size_t len)
{
	uint32_t a = r_ip4();
	uint8_t a6[16];
	uint16_t lo = r_port();

	r_ip6(a6);
	switch (rnd() % 11) {
	case 0:
		snprintf(buf, len, "host 10.0.%u.%u", a >> 8 & 255, a & 255);
		break;
	case 1:
		snprintf(buf, len, "net 10.0.%u.0/%d", a >> 8 & 255, (int)(20 + rnd() % 12));
		break;
	case 2:
		snprintf(buf, len, "%s port %u", rnd() % 2 ? "tcp" : "udp", lo);
		break;
	case 3:
		snprintf(buf, len, "portrange %u-%u", lo, lo + (unsigned)(rnd() % 3000) > 65535 ? 65535 :
			 lo + (unsigned)(rnd() % 3000));
		break;
	case 4:
		snprintf(buf, len, "vlan %d", (int)(rnd() % 22));
		break;
	case 5:
		snprintf(buf, len, "ip6 host 2001:db8::%x:0:0:%x", a6[8], a6[15]);
		break;
	case 6:
		snprintf(buf, len, "net 2001:db8::/%d", (int)(32 + rnd() % 90));
		break;
	case 7:
		snprintf(buf, len, "%s", rnd() % 2 ? "tcp" : "ip6");
		break;
	case 8:
		snprintf(buf, len, "src 10.0.0.%u", a & 63);
		break;
	case 9:
		snprintf(buf, len, "port %u", lo);
		break;
	default:
		snprintf(buf, len, "not host 10.0.0.%u", a & 63);
	}
}

static void random_filter(char *buf, size_t len, int depth)
{
	char a[512], b[512];

	if (depth > 2 || rnd() % 3 == 0) {
		prim(buf, len);
		return;
	}
	random_filter(a, sizeof(a), depth + 1);
	random_filter(b, sizeof(b), depth + 1);
	snprintf(buf, len, "(%s) %s (%s)", a, rnd() % 2 ? "and" : "or", b);
}

/* Every block's answer, and the file's, from the reduced index equal the whole one's. */
static int same_answers(const struct bpfplan *p, const struct addridx *r, const struct addridx *x)
{
	int eq = r->nblocks == x->nblocks && r->reduced && r->complete &&
		 bpfplan_may_match(p, &r->file) == bpfplan_may_match(p, &x->file);

	for (size_t i = 0; eq && i < x->nblocks; i++)
		eq = !memcmp(&r->blocks[i].at, &x->blocks[i].at, sizeof(x->blocks[i].at)) &&
		     bpfplan_may_match(p, &r->blocks[i].set) == bpfplan_may_match(p, &x->blocks[i].set);
	return eq;
}

static void test_property(void)
{
	int written = 1, whole_same = 1, same = 1, nplans = 0, skipped = 0;
	struct pcapidx_identity id;

	make_file("d.pcap", 4096, 1);
	for (int round = 0; round < 40; round++) {
		struct addridx x, y;

		/*
		 * Few blocks and many: a file's port values are looked up by a
		 * search below 16,384 of them and in a table from there on
		 * (about 100 per block here), and both ways must agree.
		 */
		write_random("d.pcap", "v1.aidx", round % 2 ? 250 + (int)(rnd() % 50) : 1 + (int)(rnd() % 60), &id);
		written &= addridx_write_postings(dfd, "v1.aidx", "d.pcap.aidx", &id) == 0 &&
			   addridx_write_postings(dfd, "d.pcap.aidx", "again.aidx", &id) == 1;
		if (load("v1.aidx", "d.pcap", NULL, &x) < 0 || load("d.pcap.aidx", "d.pcap", NULL, &y) < 0)
			exit(99);
		whole_same &= index_equal(&x, &y);
		addridx_free(&y);
		for (int q = 0; q < 50; q++) {
			char f[4096], why[96];
			struct bpfplan *p;
			struct addridx r;

			random_filter(f, sizeof(f), 0);
			p = bpfplan_new(f, 1, why, sizeof(why));
			if (!p) {
				skipped++;
				continue;
			}
			nplans++;
			if (load("d.pcap.aidx", "d.pcap", p, &r) < 0 || !same_answers(p, &r, &x)) {
				if (same)
					printf("# differs: %s\n", f);
				same = 0;
			}
			addridx_free(&r);
			bpfplan_free(p);
		}
		addridx_free(&x);
	}
	ok(written, "postings are added to a version 1 index, and once only");
	ok(whole_same, "an index with postings loads whole exactly as without them");
	ok(same, "%d random plans: every block's and the file's answer from the reduced index equal the whole one's (%d unplanned)",
	   nplans, skipped);
}

static void test_refused(void)
{
	struct pcapidx_identity id;
	struct bpfplan *p = bpfplan_new("host 10.0.0.1 or port 7", 1, NULL, 0);
	struct addridx x, whole;
	struct stat st;
	uint8_t *buf;
	int fd, all_refused = 1, torn_refused = 1, refused = 0, whole_refused = 1;

	make_file("e.pcap", 4096, 2);
	make_file("o.pcap", 4096, 3);
	write_random("e.pcap", "e1.aidx", 12, &id);
	if (!p || addridx_write_postings(dfd, "e1.aidx", "e.pcap.aidx", &id) < 0 ||
	    fstatat(dfd, "e.pcap.aidx", &st, 0) < 0 || !(buf = malloc((size_t)st.st_size)))
		exit(99);
	ok(load("e.pcap.aidx", "e.pcap", p, &x) == 0 && x.reduced, "a plan loads the reduced index");
	addridx_free(&x);
	ok(load("e.pcap.aidx", "o.pcap", p, &x) < 0, "another file's postings are refused");
	ok(load("e1.aidx", "e.pcap", p, &whole) == 0 && !whole.reduced && whole.nblocks == 12,
	   "an index without postings is loaded whole for a plan");
	fd = openat(dfd, "e.pcap.aidx", O_RDONLY);
	if (fd < 0 || pread(fd, buf, (size_t)st.st_size, 0) != st.st_size)
		exit(99);
	close(fd);
	/*
	 * Every flipped byte: refused (the whole load too checks every CRC), or
	 * in the union, which the reduced load never reads: its answers stand.
	 */
	for (off_t i = 0; i < st.st_size; i++) {
		buf[i] ^= 0x10;
		fd = openat(dfd, "f.pcap.aidx", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || write(fd, buf, (size_t)st.st_size) != st.st_size)
			exit(99);
		close(fd);
		buf[i] ^= 0x10;
		if (renameat(dfd, "f.pcap.aidx", dfd, "e.pcap.aidx") < 0)
			exit(99);
		if (load("e.pcap.aidx", "e.pcap", NULL, &x) == 0) {
			whole_refused = 0;
			addridx_free(&x);
		}
		if (load("e.pcap.aidx", "e.pcap", p, &x) < 0) {
			refused++;
			continue;
		}
		if (!same_answers(p, &x, &whole)) {
			if (all_refused)
				printf("# byte %lld flipped changes an answer\n", (long long)i);
			all_refused = 0;
		}
		addridx_free(&x);
	}
	ok(all_refused, "a flipped byte anywhere in %lld bytes of an index with postings is refused (%d) or not read",
	   (long long)st.st_size, refused);
	ok(whole_refused, "the whole load refuses every one of them");
	addridx_free(&whole);
	for (off_t cut = 0; cut < st.st_size; cut += 1 + cut / 64) {
		fd = openat(dfd, "e.pcap.aidx", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || write(fd, buf, (size_t)cut) != cut)
			exit(99);
		close(fd);
		if (load("e.pcap.aidx", "e.pcap", p, &x) == 0) {
			torn_refused = 0;
			addridx_free(&x);
		}
	}
	ok(torn_refused, "a torn index with postings is refused");
	free(buf);
	bpfplan_free(p);
}

int main(void)
{
	char tmpl[] = "/tmp/test-aidxpost-XXXXXX", rm[64];

	if (!mkdtemp(tmpl) || (dfd = open(tmpl, O_RDONLY | O_DIRECTORY)) < 0)
		return 99;
	test_property();
	test_refused();
	snprintf(rm, sizeof(rm), "rm -rf %s", tmpl);
	if (system(rm) < 0)
		return 99;
	return done_testing();
}

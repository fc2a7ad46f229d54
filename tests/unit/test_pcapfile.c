/* test_pcapfile.c: the one reader: whole files read back, damage of every kind reported, never passed off as packets */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "pcapfile.h"
#include "sha256.h"
#include "tap.h"

#define NREC 300
#define PER_MEMBER 50

static uint8_t plain[NREC * 200 + 24];
static size_t plain_len;
static size_t rec_off[NREC + 1];	/* raw offset of each record, and the end */

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

/* NREC records of 40 to 139 bytes, snaplen 200, times one millisecond apart. */
static void make_plain(void)
{
	uint8_t *p = plain;

	put32(p, PCAP_MAGIC_USEC);
	p[4] = 2;
	p[6] = 4;
	memset(p + 8, 0, 8);
	put32(p + 16, 200);
	put32(p + 20, 1);
	p += 24;
	for (int i = 0; i < NREC; i++) {
		uint32_t len = 40 + (uint32_t)(i % 100);

		rec_off[i] = (size_t)(p - plain);
		put32(p, 1700000000 + (uint32_t)i / 1000);
		put32(p + 4, (uint32_t)(i % 1000) * 1000);
		put32(p + 8, len);
		put32(p + 12, len + 10);
		for (uint32_t k = 0; k < len; k++)
			p[16 + k] = (uint8_t)(i + k);
		p += 16 + len;
	}
	rec_off[NREC] = (size_t)(p - plain);
	plain_len = (size_t)(p - plain);
}

static size_t member_start[NREC];
static size_t nmembers;

static void add_member(uint8_t *out, size_t cap, size_t *len, size_t from, size_t to)
{
	z_stream z = { 0 };

	deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
	z.next_in = plain + from;
	z.avail_in = (uInt)(to - from);
	z.next_out = out + *len;
	z.avail_out = (uInt)(cap - *len);
	deflate(&z, Z_FINISH);
	member_start[nmembers++] = *len;
	*len += z.total_out;
	deflateEnd(&z);
}

/* The header as a member of its own, then PER_MEMBER records per member, as pktcapd writes them. */
static size_t make_gzip(uint8_t *out, size_t cap)
{
	size_t len = 0;

	nmembers = 0;
	add_member(out, cap, &len, 0, 24);
	for (int i = 0; i < NREC; i += PER_MEMBER)
		add_member(out, cap, &len, rec_off[i], rec_off[i + PER_MEMBER > NREC ? NREC : i + PER_MEMBER]);
	return len;
}

static int write_tmp(const void *data, size_t len)
{
	char path[] = "/tmp/test_pcapfile.XXXXXX";
	int fd = mkstemp(path);

	unlink(path);
	if (write(fd, data, len) != (ssize_t)len)
		return -1;
	lseek(fd, 0, SEEK_SET);
	return fd;
}

/* Reads every record; returns the count, *rc the final answer. */
static int read_all(int fd, unsigned flags, int *rc, char *err, size_t errlen, uint64_t *good)
{
	struct pcapfile_rec rec;
	struct pcapfile *pf;
	int n = 0, bad = 0;

	pf = pcapfile_open(fd, "t.pcap", flags, err, errlen, NULL);
	if (!pf) {
		*rc = -100;
		return 0;
	}
	while ((*rc = pcapfile_next(pf, &rec)) == PCAPFILE_OK) {
		if (rec.caplen != 40 + (uint32_t)(n % 100) || rec.data[0] != (uint8_t)n)
			bad++;
		n++;
	}
	snprintf(err, errlen, "%s", pcapfile_error(pf));
	if (good)
		*good = pcapfile_good_len(pf);
	pcapfile_close(pf);
	return bad ? -1 : n;
}

static void test_plain(void)
{
	char err[512];
	uint64_t good;
	int rc, n, fd = write_tmp(plain, plain_len);

	n = read_all(fd, 0, &rc, err, sizeof(err), &good);
	ok(n == NREC && rc == PCAPFILE_END, "plain file: %d records, then the end", n);
	ok(good == plain_len, "plain file: good length is the whole file");
	close(fd);

	/* Cut inside the last record: damage, and the good length ends at the record before. */
	fd = write_tmp(plain, plain_len - 7);
	n = read_all(fd, 0, &rc, err, sizeof(err), &good);
	ok(n == NREC - 1 && rc == PCAPFILE_DAMAGED, "truncated plain file: %d records, then damage", n);
	ok(strstr(err, "truncated: the file ends inside a record") != NULL, "the error says so: %s", err);
	ok(good == rec_off[NREC - 1], "good length ends after the last whole record");
	lseek(fd, 0, SEEK_SET);
	n = read_all(fd, PCAPFILE_GROWING, &rc, err, sizeof(err), NULL);
	ok(n == NREC - 1 && rc == PCAPFILE_AGAIN, "the same file still growing: not damage but again");
	close(fd);

	/* A record header that claims more than the snapshot length. */
	{
		uint8_t copy[sizeof(plain)];

		memcpy(copy, plain, plain_len);
		put32(copy + rec_off[10] + 8, 70000);
		fd = write_tmp(copy, plain_len);
		n = read_all(fd, 0, &rc, err, sizeof(err), NULL);
		ok(n == 10 && rc == PCAPFILE_DAMAGED, "caplen over the snapshot length: 10 records, then damage");
		ok(strstr(err, "snapshot length") != NULL, "named: %s", err);
		close(fd);
		memcpy(copy, plain, plain_len);
		put32(copy + rec_off[20] + 12, 3);
		fd = write_tmp(copy, plain_len);
		n = read_all(fd, 0, &rc, err, sizeof(err), NULL);
		ok(n == 20 && rc == PCAPFILE_DAMAGED, "caplen over the packet length: damage");
		close(fd);
		memcpy(copy, plain, plain_len);
		put32(copy, 0x12345678);
		fd = write_tmp(copy, plain_len);
		n = read_all(fd, 0, &rc, err, sizeof(err), NULL);
		ok(rc == -100 && strstr(err, "not a pcap file"), "bad magic refused: %s", err);
		close(fd);
	}
}

static void test_gzip(void)
{
	static uint8_t gz[sizeof(plain) * 2], copy[sizeof(plain) * 2];
	size_t len = make_gzip(gz, sizeof(gz));
	struct pcapfile_rec rec;
	struct pcapfile *pf;
	char err[512];
	uint64_t good;
	int rc, n, fd = write_tmp(gz, len), points = 0;

	n = read_all(fd, 0, &rc, err, sizeof(err), &good);
	ok(n == NREC && rc == PCAPFILE_END, "gzip file of %zu members: %d records, then the end",
	   nmembers, n);
	ok(good == len, "gzip: good length is the whole file");

	/* Points: exactly the records that start a member, at that member's offset. */
	lseek(fd, 0, SEEK_SET);
	pf = pcapfile_open(fd, "t.pcap.gz", 0, err, sizeof(err), NULL);
	for (int i = 0; pf && pcapfile_next(pf, &rec) == PCAPFILE_OK; i++)
		if (rec.point_off) {
			points++;
			if (i % PER_MEMBER || rec.point_off != member_start[1 + i / PER_MEMBER])
				points = -1000;
		}
	ok(points == NREC / PER_MEMBER, "a point at each member start (%d)", points);
	pcapfile_close(pf);

	/* Start at the third record member, as a dump does from an index point. */
	pf = pcapfile_open_at(fd, "t.pcap.gz", 0, plain, 1, member_start[3], rec_off[2 * PER_MEMBER],
			      err, sizeof(err));
	n = 0;
	while (pf && pcapfile_next(pf, &rec) == PCAPFILE_OK) {
		if (n == 0 && rec.data[0] != (uint8_t)(2 * PER_MEMBER))
			n = -1000;
		n++;
	}
	ok(n == NREC - 2 * PER_MEMBER, "open at a member start: %d records from there", n);
	pcapfile_close(pf);
	close(fd);

	/* One byte flipped inside the fourth member's deflate data. */
	memcpy(copy, gz, len);
	copy[member_start[3] + 40] ^= 0x10;
	fd = write_tmp(copy, len);
	n = read_all(fd, 0, &rc, err, sizeof(err), &good);
	ok(n == 2 * PER_MEMBER && rc == PCAPFILE_DAMAGED,
	   "a flipped byte: the %d records before the member, then damage (%d)", 2 * PER_MEMBER, n);
	ok(strstr(err, "damaged at byte") != NULL, "named with its offset: %s", err);
	ok(good == member_start[3], "good length ends at the damaged member");
	close(fd);

	/* The CRC-32 trailer of the second member changed: its data inflates, but is not released. */
	memcpy(copy, gz, len);
	copy[member_start[2] - 6] ^= 0x01;
	fd = write_tmp(copy, len);
	n = read_all(fd, 0, &rc, err, sizeof(err), NULL);
	ok(n == 0 && rc == PCAPFILE_DAMAGED && strstr(err, "CRC-32"),
	   "a bad CRC-32: no record of that member comes out: %s", err);
	close(fd);

	/* The ISIZE trailer. */
	memcpy(copy, gz, len);
	copy[member_start[2] - 2] ^= 0x01;
	fd = write_tmp(copy, len);
	n = read_all(fd, 0, &rc, err, sizeof(err), NULL);
	ok(n == 0 && rc == PCAPFILE_DAMAGED && strstr(err, "ISIZE"), "a bad ISIZE: %s", err);
	close(fd);

	/* Cut inside the last member (a crash while writing). */
	fd = write_tmp(gz, len - 30);
	n = read_all(fd, 0, &rc, err, sizeof(err), &good);
	ok(n >= NREC - PER_MEMBER && n < NREC && rc == PCAPFILE_DAMAGED &&
	   strstr(err, "inside a gzip member"),
	   "torn last member: what inflated before the cut (%d records), then damage: %s", n, err);
	ok(good == member_start[nmembers - 1], "good length ends at the last whole member");
	lseek(fd, 0, SEEK_SET);
	n = read_all(fd, PCAPFILE_GROWING, &rc, err, sizeof(err), NULL);
	ok(rc == PCAPFILE_AGAIN, "the same, still growing: again");
	close(fd);

	/* Garbage after the last member. */
	memcpy(copy, gz, len);
	memcpy(copy + len, "garbage!", 8);
	fd = write_tmp(copy, len + 8);
	n = read_all(fd, 0, &rc, err, sizeof(err), NULL);
	ok(n == NREC && rc == PCAPFILE_DAMAGED, "bytes after the last member are damage: %s", err);
	close(fd);
}

static void test_hash_and_open(void)
{
	uint8_t want[32], got[32];
	struct sha256 sha = { 0 };
	struct pcapfile_rec rec;
	struct pcapfile *pf;
	uint64_t size = 0;
	char err[512], dir[] = "/tmp/test_pcapfile_dir.XXXXXX";
	int fd = write_tmp(plain, plain_len), dfd, n = 0;

	sha256_init(&sha);
	sha256_update(&sha, plain, plain_len);
	sha256_final(&sha, want);
	sha256_free(&sha);
	pf = pcapfile_open(fd, "t.pcap", PCAPFILE_HASH, err, sizeof(err), NULL);
	while (pf && pcapfile_next(pf, &rec) == PCAPFILE_OK && n < 5)
		n++;
	ok(pf && pcapfile_hash(pf, got, &size) == 0 && size == plain_len && !memcmp(want, got, 32),
	   "the hash covers every byte, read or not");
	pcapfile_close(pf);
	close(fd);

	/* A FIFO where a file should be: refused at once, never waited on. */
	ok(mkdtemp(dir) != NULL, "temporary directory");
	dfd = open(dir, O_RDONLY | O_DIRECTORY);
	mkfifoat(dfd, "x.pcap", 0600);
	errno = 0;
	fd = pcapfile_openat(dfd, "x.pcap", O_RDONLY);
	ok(fd < 0 && errno == EINVAL, "a FIFO is refused without blocking");
	symlinkat("/etc/passwd", dfd, "y.pcap");
	ok(pcapfile_openat(dfd, "y.pcap", O_RDONLY) < 0, "a symlink is not followed");
	unlinkat(dfd, "x.pcap", 0);
	unlinkat(dfd, "y.pcap", 0);
	close(dfd);
	rmdir(dir);
}

/* Bytes this process has passed through read and pread so far (/proc/self/io), or -1. */
static long long rchar(void)
{
	char line[128];
	long long v = -1;
	FILE *f = fopen("/proc/self/io", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "rchar: ", 7))
			v = atoll(line + 7);
	if (f)
		fclose(f);
	return v;
}

/*
 * Readers opened at points share one descriptor (pread leaves its offset to
 * the reader that started at the beginning), and pcapfile_read_until keeps
 * reads to the bytes wanted: a dump reads a block and no more.
 */
static void test_points_share_fd(void)
{
	struct pcapfile *whole, *at;
	struct pcapfile_rec rec;
	char err[512];
	int fd = write_tmp(plain, plain_len), n = 0, good = 1;
	long long before, used, self;

	whole = pcapfile_open(fd, "t.pcap", 0, err, sizeof(err), NULL);
	for (int i = 0; whole && i < 10; i++)
		good &= pcapfile_next(whole, &rec) == PCAPFILE_OK && rec.data[0] == (uint8_t)i;
	at = pcapfile_open_at(fd, "t.pcap", 0, plain, 0, rec_off[100], rec_off[100], err, sizeof(err));
	ok(whole && at, "a reader from the start and one at a point on one descriptor");
	if (!whole || !at)
		return;
	pcapfile_read_until(at, rec_off[150]);
	/* Reading /proc/self/io counts too: what one look costs is taken off. */
	self = rchar();
	before = rchar();
	self = before - self;
	while (n < 50 && pcapfile_next(at, &rec) == PCAPFILE_OK && rec.data[0] == (uint8_t)(100 + n))
		n++;
	used = rchar() - before - self;
	ok(n == 50, "the reader at the point reads its records (%d)", n);
	ok(before < 0 || used == (long long)(rec_off[150] - rec_off[100]),
	   "reads stop where it was told: %lld bytes for %zu", used, rec_off[150] - rec_off[100]);
	/* Past the limit it reads on as before. */
	while (pcapfile_next(at, &rec) == PCAPFILE_OK)
		n++;
	ok(n == NREC - 100, "past the limit the rest follows (%d)", n);
	for (int i = 10; i < NREC; i++)
		good &= pcapfile_next(whole, &rec) == PCAPFILE_OK && rec.data[0] == (uint8_t)i;
	ok(good && pcapfile_next(whole, &rec) == PCAPFILE_END,
	   "the reader from the start is not moved by the one at the point");
	pcapfile_close(at);
	pcapfile_close(whole);
	close(fd);
}

/*
 * PCAPFILE_LIBPCAP (pktctl dump -r) reads what libpcap reads: records over
 * the header's snapshot length come back cut to it, the next record still
 * found (peek too), and caplen > len is passed on; without the flag both
 * are damage, as the daemon needs.
 */
static void test_libpcap(void)
{
	uint8_t copy[sizeof(plain)];
	struct pcapfile_rec rec;
	struct pcapfile *pf;
	char err[512];
	int rc, n = 0, bad = 0, fd;

	memcpy(copy, plain, plain_len);
	put32(copy + 16, 100);			/* records of 101..139 bytes exceed it */
	put32(copy + rec_off[5] + 12, 3);	/* caplen 45 of a 3-byte packet */
	fd = write_tmp(copy, plain_len);
	n = read_all(fd, 0, &rc, err, sizeof(err), NULL);
	ok(n == 5 && rc == PCAPFILE_DAMAGED, "without the flag: 5 records, then damage");
	lseek(fd, 0, SEEK_SET);
	pf = pcapfile_open(fd, "t.pcap", PCAPFILE_LIBPCAP, err, sizeof(err), NULL);
	for (n = 0; pf; n++) {
		uint32_t want = 40 + (uint32_t)(n % 100);

		if (n % 7 == 0 && pcapfile_peek(pf, &rec) != PCAPFILE_OK)
			break;
		if ((rc = pcapfile_next(pf, &rec)) != PCAPFILE_OK)
			break;
		if (rec.caplen != (want > 100 ? 100 : want) || rec.data[0] != (uint8_t)n ||
		    rec.data[rec.caplen - 1] != (uint8_t)(n + (int)rec.caplen - 1) ||
		    rec.len != (n == 5 ? 3 : want + 10))
			bad++;
	}
	ok(pf && n == NREC && rc == PCAPFILE_END && !bad,
	   "with PCAPFILE_LIBPCAP: %d records, %d wrong, cut to the snapshot length", n, bad);
	if (pf)
		pcapfile_close(pf);
	close(fd);
}

int main(void)
{
	make_plain();
	test_plain();
	test_libpcap();
	test_gzip();
	test_hash_and_open();
	test_points_share_fd();
	return done_testing();
}

/* test_pcapidx.c: an index's identity binds it to its file: another file's index, changed ends and version 1 are told apart */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcapidx.h"
#include "tap.h"

static int dfd;

/* A file of n bytes, byte i = seed + i. */
static void make_file(const char *name, size_t n, unsigned seed)
{
	unsigned char *b = malloc(n);
	int fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(seed + i);
	if (fd < 0 || write(fd, b, n) != (ssize_t)n)
		exit(99);
	close(fd);
	free(b);
}

/* Writes NAME.idx for NAME as the writer does at close, with its identity. */
static void make_index(const char *name, uint64_t size)
{
	static const uint8_t hdr[24] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0 };
	struct pcapidx_writer w;
	struct pcapidx_summary s = { .packets = 1, .size = size };
	char idx[64];

	snprintf(idx, sizeof(idx), "%s.idx", name);
	s.has_identity = pcapidx_identify_at(dfd, name, size, &s.id) == 0;
	if (!s.has_identity || pcapidx_writer_open(&w, dfd, idx, hdr, 0) < 0 ||
	    pcapidx_writer_finish(&w, &s) < 0)
		exit(99);
}

/* What pcapidx_check says of NAME's file against the index IDXNAME. */
static int check(const char *idxname, const char *name, uint64_t size, struct pcapidx *idx)
{
	int fd = openat(dfd, name, O_RDONLY), m;

	if (pcapidx_load(dfd, idxname, idx) < 0 || fd < 0)
		return -2;
	m = pcapidx_check(idx, fd, name, size);
	close(fd);
	pcapidx_free(idx);
	return m;
}

int main(void)
{
	char tmpl[] = "/tmp/test-pcapidx-XXXXXX";
	struct pcapidx idx;
	unsigned char one = 'X', rec[PCAPIDX_REC_LEN];
	int fd;

	if (!mkdtemp(tmpl) || (dfd = open(tmpl, O_RDONLY | O_DIRECTORY)) < 0)
		return 99;
	make_file("a.pcap", 100000, 1);
	make_file("b.pcap", 100000, 1);	/* the same bytes and size: only the name differs */
	make_file("small.pcap", 100, 7);
	make_index("a.pcap", 100000);
	make_index("small.pcap", 100);

	ok(check("a.pcap.idx", "a.pcap", 100000, &idx) == PCAPIDX_MATCH && idx.version == 2,
	   "its own file matches (version %d)", idx.version);
	ok(check("small.pcap.idx", "small.pcap", 100, &idx) == PCAPIDX_MATCH,
	   "a file smaller than the span matches");
	ok(check("a.pcap.idx", "b.pcap", 100000, &idx) == PCAPIDX_FOREIGN,
	   "a copy beside another file, same bytes and size: another file's index");
	ok(check("small.pcap.idx", "a.pcap", 100000, &idx) == PCAPIDX_FOREIGN,
	   "another size: another file's index");

	/* A byte changed in the middle: the ends still match (the seal tells, later). */
	fd = openat(dfd, "a.pcap", O_WRONLY);
	ok(fd >= 0 && pwrite(fd, &one, 1, 50000) == 1, "changed a byte in the middle");
	ok(check("a.pcap.idx", "a.pcap", 100000, &idx) == PCAPIDX_MATCH, "middle: ends match");
	ok(pwrite(fd, &one, 1, 99999) == 1, "changed the last byte");
	ok(check("a.pcap.idx", "a.pcap", 100000, &idx) == PCAPIDX_ENDS_DIFFER,
	   "changed end: the file's own index, and the file changed");
	ok(pwrite(fd, &one, 1, 0) == 1 && pwrite(fd, "\x01", 1, 99999) == 1, "changed the first byte");
	ok(check("a.pcap.idx", "a.pcap", 100000, &idx) == PCAPIDX_ENDS_DIFFER, "changed start");
	close(fd);

	/* Version 1: the header's version 1, and no identity record (the summary moved up). */
	fchmodat(dfd, "small.pcap.idx", 0640, 0);	/* an index is 0440: without root too */
	fd = openat(dfd, "small.pcap.idx", O_RDWR);
	ok(fd >= 0 && pwrite(fd, "\x01", 1, 4) == 1 &&
	   pread(fd, rec, sizeof(rec), PCAPIDX_HDR_LEN + PCAPIDX_REC_LEN) == sizeof(rec) &&
	   pwrite(fd, rec, sizeof(rec), PCAPIDX_HDR_LEN) == sizeof(rec) &&
	   ftruncate(fd, PCAPIDX_HDR_LEN + PCAPIDX_REC_LEN) == 0, "index rewritten as version 1");
	close(fd);
	ok(check("small.pcap.idx", "small.pcap", 100, &idx) == PCAPIDX_NO_IDENTITY &&
	   idx.version == 1 && idx.has_summary, "version 1 is read, without identity");
	fd = openat(dfd, "small.pcap.idx", O_WRONLY);
	ok(fd >= 0 && pwrite(fd, "\x03", 1, 4) == 1, "index rewritten as version 3");
	close(fd);
	ok(pcapidx_load(dfd, "small.pcap.idx", &idx) < 0, "an unknown version is refused");

	for (const char *n = "a.pcap\0b.pcap\0small.pcap\0a.pcap.idx\0small.pcap.idx\0"; *n;
	     n += strlen(n) + 1)
		unlinkat(dfd, n, 0);
	rmdir(tmpl);
	return done_testing();
}

/* test_writer.c: the record writer: whole pcap files, rotation, numbering, retention, repair, gzip */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "capture/capture.h"
#include "pcapidx.h"
#include "sha256.h"
#include "conf.h"
#include "storage/indexer.h"
#include "ring.h"
#include "tap.h"

static char dir[] = "/tmp/pktcap-test-writer-XXXXXX";

static struct profile_conf base(void)
{
	struct profile_conf p = {
		.name = "p", .filter = "", .snaplen = 65535, .flush_ms = 1000,
		.write_queue = 64 << 20, .compress_level = 1,
	};
	return p;
}

static struct ring *start(struct profile_conf *pc)
{
	struct ring *r = ring_new("eth0", pc);
	pcap_t *dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, pc->snaplen,
							    pc->nanosecond ? PCAP_TSTAMP_PRECISION_NANO
									   : PCAP_TSTAMP_PRECISION_MICRO);

	capture_file_header(dead, r->header);
	pcap_close(dead);
	if (storage_prepare(r, dir, (uid_t)-1, (gid_t)-1) < 0 || storage_adopt(r) < 0 ||
	    writer_start(r) < 0 || indexer_start() < 0)
		return NULL;
	return r;
}

static void feed(struct ring *r, int n, int len, long sec0, long step_us)
{
	u_char pkt[2000];
	struct pcap_pkthdr h;

	for (int i = 0; i < n; i++) {
		long us = (long)i * step_us;

		memset(pkt, i & 0xff, sizeof(pkt));
		h.ts.tv_sec = sec0 + us / 1000000;
		h.ts.tv_usec = us % 1000000;
		h.caplen = (bpf_u_int32)len;
		h.len = (bpf_u_int32)len + 4;
		ring_packet((u_char *)r, &h, pkt);
	}
}

static void finish(struct ring *r)
{
	/* Files from earlier runs are the indexer's: let it finish them first. */
	indexer_wait_idle();
	indexer_stop();
	ring_tick(r, 0);
	ring_close_file(r);
	writer_stop(r);
	ring_free(r);
}

/* Sorted file names of the ring directory. */
static int list(char names[][256], int max)
{
	char path[256];
	struct dirent **de;
	int n, k = 0;

	snprintf(path, sizeof(path), "%s/eth0/p", dir);
	n = scandir(path, &de, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(de[i]->d_name);

		/* Capture files only, not their .idx and .aidx sidecars. */
		if (de[i]->d_name[0] != '.' && k < max &&
		    !(len > 4 && !strcmp(de[i]->d_name + len - 3, "idx")))
			snprintf(names[k++], 256, "%s", de[i]->d_name);
		free(de[i]);
	}
	free(de);
	return k;
}

/* Packets in a pcap file (decompressing .gz), or -1 if libpcap refuses it. */
static int count(const char *name, int *first_byte, int *nano)
{
	char path[1024], errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p;
	FILE *f;
	int n = 0;

	snprintf(path, sizeof(path), "%s/eth0/p/%s", dir, name);
	if (strstr(name, ".gz")) {
		gzFile gz = gzopen(path, "rb");
		char buf[65536];
		int k;

		f = tmpfile();
		while (gz && (k = gzread(gz, buf, sizeof(buf))) > 0)
			fwrite(buf, 1, (size_t)k, f);
		if (gz)
			gzclose(gz);
		rewind(f);
	} else {
		f = fopen(path, "rb");
	}
	if (!f)
		return -1;
	p = pcap_fopen_offline_with_tstamp_precision(f, PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (!p) {
		fclose(f);
		return -1;
	}
	if (nano) {
		uint32_t magic = 0;
		FILE *raw = fopen(path, "rb");

		/* The magic number, not libpcap's scaling, says what the file holds. */
		if (raw && fread(&magic, 4, 1, raw) == 1)
			*nano = magic == 0xa1b23c4d;
		if (raw)
			fclose(raw);
	}
	while (pcap_next_ex(p, &h, &data) == 1) {
		if (n == 0 && first_byte)
			*first_byte = data[0];
		n++;
	}
	pcap_close(p);
	return n;
}

/*
 * The sidecar index of a closed file: a summary with the right count and
 * the file's SHA-256, and seek points from which reading gives a packet of
 * the time the point names (for gzip, inflating cold from the point).
 */
static void check_index(const char *name, uint64_t packets, int gz)
{
	char path[1024], idxname[300], hex1[65], hex2[65];
	uint8_t digest[32], *data;
	struct pcapidx idx;
	struct sha256 sha = { 0 };
	int dirfd, good = 1;
	FILE *f;
	long size;

	snprintf(path, sizeof(path), "%s/eth0/p", dir);
	dirfd = open(path, O_RDONLY | O_DIRECTORY);
	snprintf(idxname, sizeof(idxname), "%.200s.idx", name);
	ok(pcapidx_load(dirfd, idxname, &idx) == 0 && idx.has_summary, "%s has an index", idxname);
	ok(idx.summary.packets == packets, "index counts %llu packets",
	   (unsigned long long)idx.summary.packets);
	snprintf(path, sizeof(path), "%s/eth0/p/%.200s", dir, name);
	f = fopen(path, "rb");
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	data = malloc((size_t)size);
	if (fread(data, 1, (size_t)size, f) != (size_t)size)
		good = 0;
	fclose(f);
	sha256_init(&sha);
	sha256_update(&sha, data, (size_t)size);
	sha256_final(&sha, digest);
	sha256_free(&sha);
	sha256_hex(digest, hex1);
	sha256_hex(idx.summary.sha256, hex2);
	ok(good && !strcmp(hex1, hex2) && idx.summary.size == (uint64_t)size,
	   "index holds the file's SHA-256 and size");
	ok(idx.npoints >= 1 && idx.points[0].first_ns == idx.summary.first_ns,
	   "first seek point is the first packet (%zu points)", idx.npoints);
	for (size_t i = 0; i < idx.npoints; i++) {
		const struct pcapidx_point *p = &idx.points[i];
		uint8_t rec[16];
		uint32_t sec, usec;

		if (i && p->first_ns < idx.points[i - 1].first_ns)
			good = 0;
		if (!p->off)
			continue;
		if (gz) {
			z_stream z = { 0 };

			inflateInit2(&z, 15 + 16);
			z.next_in = data + p->off;
			z.avail_in = (uInt)(size - (long)p->off);
			z.next_out = rec;
			z.avail_out = sizeof(rec);
			inflate(&z, Z_SYNC_FLUSH);
			inflateEnd(&z);
			if (z.avail_out)
				good = 0;
		} else {
			memcpy(rec, data + p->off, sizeof(rec));
		}
		memcpy(&sec, rec, 4);
		memcpy(&usec, rec + 4, 4);
		if ((int64_t)sec * 1000000000 + (int64_t)usec * 1000 != p->first_ns)
			good = 0;
	}
	ok(good, "every seek point leads to a packet of its time");
	pcapidx_free(&idx);
	free(data);
	close(dirfd);
}

static void clean(void)
{
	char cmd[300];

	snprintf(cmd, sizeof(cmd), "rm -rf %s/eth0", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot clean %s\n", dir);
}

int main(void)
{
	char names[64][256], path[1024];
	struct profile_conf pc;
	struct ring *r;
	struct stat st;
	int n, first = -1, nano = 0;

	if (!mkdtemp(dir))
		return 99;

	pc = base();
	r = start(&pc);
	ok(r != NULL, "ring starts");
	feed(r, 100, 60, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	ok(n == 1, "one file (%d)", n);
	ok(n == 1 && !strcmp(names[0], "eth0-p-20231114T221320Z-000001.pcap"),
	   "name says ring, first packet time and sequence: %s", names[0]);
	ok(count(names[0], &first, &nano) == 100 && first == 0 && !nano, "100 packets read back");
	check_index(names[0], 100, 0);
	snprintf(path, sizeof(path), "%s/eth0/p/%.200s", dir, names[0]);
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0440 &&
	   st.st_size == 24 + 100 * (16 + 60), "closed file sealed read-only, exact size");

	/* A restart adopts the file and numbering goes on. */
	r = start(&pc);
	{
		struct filelist_totals t = { 0 };

		if (r)
			filelist_totals(r->files, &t);
		ok(r && r->next_seq == 2 && t.files == 1, "restart adopts one file, next is 2");
	}
	feed(r, 10, 60, 1700000100, 1000);
	finish(r);
	n = list(names, 64);
	ok(n == 2 && strstr(names[1], "-000002.pcap"), "second run writes 000002: %s", names[1]);
	clean();

	pc = base();
	pc.rotate_packets = 30;
	r = start(&pc);
	feed(r, 100, 60, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	ok(n == 4, "rotate-packets 30: 100 packets make 4 files (%d)", n);
	ok(n == 4 && count(names[0], NULL, NULL) == 30 && count(names[3], NULL, NULL) == 10,
	   "30 + 30 + 30 + 10");
	clean();

	pc = base();
	pc.rotate_size = 4096;
	r = start(&pc);
	feed(r, 200, 184, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	{
		int total = 0, within = 1;

		for (int i = 0; i < n; i++) {
			snprintf(path, sizeof(path), "%s/eth0/p/%.200s", dir, names[i]);
			stat(path, &st);
			if (st.st_size > 4096)
				within = 0;
			total += count(names[i], NULL, NULL);
		}
		/* 24 + 20 * 200 = 4024 fits, a 21st record would not. */
		ok(n == 10 && total == 200 && within, "rotate-size 4K: %d files, %d packets, each <= 4K",
		   n, total);
	}
	clean();

	pc = base();
	pc.rotate_interval_ms = 60000;
	r = start(&pc);
	feed(r, 30, 60, 1700000140, 1000000);	/* 140..169: crosses the minute at 160 */
	finish(r);
	n = list(names, 64);
	ok(n == 2 && count(names[0], NULL, NULL) == 20 && count(names[1], NULL, NULL) == 10,
	   "rotate-interval 1m aligned to the clock: 20 + 10 (%d files)", n);
	ok(n == 2 && strstr(names[1], "T221600Z"), "second file starts on the minute: %s", names[1]);
	clean();

	/*
	 * The flush tick right after a rotate-interval boundary, before any
	 * packet of the new second: it closes the file and hands its packets
	 * to the writer at once. (It used to close and wait for the next tick,
	 * which, a second later in the same phase, did the same.)
	 */
	pc = base();
	pc.rotate_interval_ms = 1000;
	r = start(&pc);
	feed(r, 10, 60, 1700000000, 50000);	/* 0.00 to 0.45 s into the second */
	ring_tick(r, 1700000001);
	for (int i = 0; i < 500 && atomic_load(&r->written_packets) < 10; i++)
		usleep(10000);
	n = (int)atomic_load(&r->written_packets);
	ok(n == 10, "a tick past the boundary hands the closed file's packets to the writer: %d of 10", n);
	finish(r);
	clean();

	pc = base();
	pc.rotate_packets = 10;
	pc.keep_files = 3;
	r = start(&pc);
	feed(r, 100, 60, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	ok(n == 3 && strstr(names[0], "-000008.pcap") && strstr(names[2], "-000010.pcap"),
	   "keep-files 3: the three newest stay (%d: %s .. %s)", n, names[0], names[n - 1]);
	clean();

	pc = base();
	pc.nanosecond = 1;
	r = start(&pc);
	feed(r, 5, 60, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	ok(n == 1 && count(names[0], NULL, &nano) == 5 && nano, "nanosecond files");
	clean();

	pc = base();
	r = start(&pc);
	feed(r, 5000, 300, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	ok(n == 1, "one big plain file");
	check_index(names[0], 5000, 0);
	clean();

	pc = base();
	pc.compress = COMPRESS_GZIP;
	r = start(&pc);
	feed(r, 1000, 300, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	ok(n == 1 && strstr(names[0], ".pcap.gz") && count(names[0], NULL, NULL) == 1000,
	   "gzip file holds 1000 packets: %s", names[0]);
	snprintf(path, sizeof(path), "%s/eth0/p/%.200s", dir, names[0]);
	ok(stat(path, &st) == 0 && st.st_size < 24 + 1000 * 316 / 4, "and is compressed (%lld bytes)",
	   (long long)st.st_size);
	check_index(names[0], 1000, 1);
	clean();

	/* A file left writable with a torn last record is cut back and sealed. */
	pc = base();
	r = start(&pc);
	feed(r, 10, 60, 1700000000, 1000);
	finish(r);
	n = list(names, 64);
	snprintf(path, sizeof(path), "%s/eth0/p/%.200s", dir, names[0]);
	chmod(path, 0640);
	{
		int fd = open(path, O_WRONLY | O_APPEND);
		char junk[30] = { 0 };

		junk[8] = 100;	/* caplen 100 but only 14 bytes follow */
		ok(fd >= 0 && write(fd, junk, sizeof(junk)) == sizeof(junk), "tear the file");
		close(fd);
	}
	r = start(&pc);
	finish(r);	/* the indexer repairs it at start */
	ok(stat(path, &st) == 0 && st.st_size == 24 + 10 * 76 && (st.st_mode & 0777) == 0440,
	   "repaired: cut to %lld bytes and sealed", (long long)st.st_size);
	ok(count(names[0], NULL, NULL) == 10, "all 10 whole packets kept");
	clean();

	rmdir(dir);
	return done_testing();
}

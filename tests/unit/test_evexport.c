/* test_evexport.c: case exports: bounded steps, index seeks, one packet once, signed bytes */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "control/evexport.h"
#include "control/expout.h"
#include "evidence/evmanifest.h"
#include "pcapfile.h"
#include "pcapidx.h"
#include "sha256.h"
#include "tap.h"

#define RECS 40000
#define CAPLEN 100
#define T0 1796000000000000000LL
/* Work per step: READ_BUDGET (256 KiB) and the record that crosses it. */
#define STEP_MAX (256 * 1024 + 16 + CAPLEN)

/* A ring's file: every record (all), or every second one 2 us later (udp: the copies). */
static void write_ring(int dfd, const char *name, int every, int64_t shift)
{
	static const uint32_t hdr[6] = { PCAP_MAGIC_NSEC, 0x00040002, 0, 0, 262144, 1 };
	FILE *f = fdopen(openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644), "w");
	uint8_t data[CAPLEN];

	fwrite(hdr, sizeof(hdr), 1, f);
	for (int i = 0; i < RECS; i += every) {
		int64_t ns = T0 + (int64_t)i * 1000000 + shift;
		uint32_t rh[4] = { (uint32_t)(ns / 1000000000), (uint32_t)(ns % 1000000000), CAPLEN,
				   CAPLEN };

		memset(data, 0, sizeof(data));
		memcpy(data, &i, sizeof(i));
		fwrite(rh, sizeof(rh), 1, f);
		fwrite(data, sizeof(data), 1, f);
	}
	fclose(f);
}

/* The file's seal, as the writer computes it. */
static void seal_of(int dfd, const char *name, uint8_t d[32], char hex[65])
{
	int fd = openat(dfd, name, O_RDONLY);
	uint64_t size;

	sha256_fd(fd, d, &size);
	close(fd);
	sha256_hex(d, hex);
}

static int wrong_seal;

/* The ring's index of a file: a seek point every 1000 records, and its seal. */
static void index_ring(int ringfd, const char *name, int every, int64_t shift)
{
	static const uint32_t hdr[6] = { PCAP_MAGIC_NSEC, 0x00040002, 0, 0, 262144, 1 };
	struct pcapidx_summary s = { .first_ns = T0 + shift };
	struct pcapidx_writer w;
	char iname[300], hex[65];

	snprintf(iname, sizeof(iname), "%s.idx", name);
	if (pcapidx_writer_open(&w, ringfd, iname, (const uint8_t *)hdr, 0) < 0) {
		perror("pcapidx_writer_open");
		return;
	}
	for (int i = 0, k = 0; i < RECS; i += every, k++)
		if (i % 1000 == 0) {
			/* The first point is "from the start" (docs/index.md). */
			uint64_t off = k ? 24 + (uint64_t)k * (16 + CAPLEN) : 0;
			struct pcapidx_point p = { T0 + (int64_t)i * 1000000 + shift, off, off,
						   (uint64_t)k };

			pcapidx_writer_point(&w, &p);
		}
	s.packets = RECS / every;
	s.last_ns = T0 + (int64_t)(RECS - every) * 1000000 + shift;
	s.raw_bytes = s.size = 24 + s.packets * (16 + CAPLEN);
	seal_of(ringfd, name, s.sha256, hex);
	s.sha256[0] ^= wrong_seal;
	pcapidx_writer_finish(&w, &s);
}

static void hold(int dfd, const char *ring, const char *name)
{
	struct evm_line l = { 0 };
	const char *type = "file";
	char head[65], hex[65];
	uint8_t d[32];

	seal_of(dfd, name, d, hex);
	evm_add(&l, "file", name);
	evm_add(&l, "ring", ring);
	evm_add(&l, "sha256", hex);
	evm_addu(&l, "size", 1);
	evm_addu(&l, "packets", 1);
	if (evm_append(dfd, "C", &type, &l, 1, head) < 0)
		perror("evm_append");
	evm_line_free(&l);
}

/* Runs an export of the case to its end; checks every step's work. */
/* The ring directory lent to exports (-1: none), and all the work of the last run. */
static int ring_dir = -1;
static size_t total_work;

static int run(int dfd, struct proto_request *req, struct expout *xo, uint8_t *sent,
	       size_t *nsent, uint64_t *packets, uint64_t *dups, size_t *worst)
{
	static uint8_t out[256 * 1024 + 512 * 1024], raw[64 * 1024 + 256 * 1024 + 64];
	char err[256];
	struct evexport *x = evexport_open(dup(dfd), req, xo, err, sizeof(err));
	int rc = DUMP_MORE, steps = 0;

	*nsent = 0;
	*worst = 0;
	total_work = 0;
	if (x && ring_dir >= 0) {
		evexport_ring_dir(x, "eth0/all", ring_dir);
		evexport_ring_dir(x, "eth0/udp", ring_dir);
	}
	while (x && rc != DUMP_DONE && steps++ < 100000) {
		size_t len = 0, outlen = 0;

		rc = evexport_fill(x, xo && expout_gzip(xo) ? raw : out,
				   xo && expout_gzip(xo) ? 64 * 1024 : 256 * 1024, &len);
		if (evexport_step_work(x) > *worst)
			*worst = evexport_step_work(x);
		total_work += evexport_step_work(x);
		if (xo && expout_put(xo, expout_gzip(xo) ? raw : out, len, rc == DUMP_DONE, out,
				     sizeof(out), &outlen) < 0)
			return -1;
		if (!xo)
			outlen = len;
		memcpy(sent + *nsent, out, outlen);
		*nsent += outlen;
	}
	if (!x)
		printf("# %s\n", err);
	*packets = x ? evexport_packets(x) : 0;
	*dups = x ? evexport_duplicates(x) : 0;
	evexport_free(x);
	return x && rc == DUMP_DONE ? 0 : -1;
}

static void check_signed(int dfd, json_t *end, const uint8_t *sent, size_t nsent)
{
	json_t *files = json_object_get(end, "export");
	const char *sums = json_string_value(json_object_get(files, "SHA256SUMS"));
	const char *sighex = json_string_value(json_object_get(files, "SHA256SUMS.sig"));
	const char *prov = json_string_value(json_object_get(files, "provenance.json"));
	uint8_t d[32], sig[64];
	struct sha256 s = { 0 };
	char hex[65], line[200];

	sha256_init(&s);
	sha256_update(&s, sent, nsent);
	sha256_final(&s, d);
	sha256_free(&s);
	sha256_hex(d, hex);
	snprintf(line, sizeof(line), "%s  capture.pcap.gz\n", hex);
	ok(sums && !strncmp(sums, line, strlen(line)), "SHA256SUMS hashes exactly the bytes sent");
	ok(prov && strstr(prov, "\"format\": \"pktcap-export-2\"") && strstr(prov, hex),
	   "provenance.json is pktcap-export-2 and names the capture's hash");
	for (int i = 0; sighex && i < 64; i++)
		sscanf(sighex + 2 * i, "%2hhx", &sig[i]);
	ok(sums && sighex && evm_check(sums, strlen(sums), sig, 64) == 1,
	   "SHA256SUMS.sig is the host key's signature of SHA256SUMS");
	(void)dfd;
}

int main(void)
{
	char tmpl[] = "/tmp/test_evexport.XXXXXX", *dir = mkdtemp(tmpl), path[256];
	struct proto_request req = { .case_id = "C" };
	struct ucred peer = { .pid = 1, .uid = 4242, .gid = 4242 };
	static uint8_t sent[16 * 1024 * 1024], plain[16 * 1024 * 1024];
	size_t nsent = 0, nplain = 0, worst = 0;
	uint64_t packets = 0, dups = 0;
	struct expout *xo;
	int dfd;

	ok(dir && evm_key_init(dir, (uid_t)-1, (gid_t)-1) == 0, "a host key");
	snprintf(path, sizeof(path), "%s/C", dir);
	mkdir(path, 0755);
	dfd = open(path, O_RDONLY | O_DIRECTORY);
	write_ring(dfd, "eth0-all-20261202T000000Z-000001.pcap", 1, 0);
	write_ring(dfd, "eth0-udp-20261202T000000Z-000001.pcap", 2, 2000);
	hold(dfd, "eth0/all", "eth0-all-20261202T000000Z-000001.pcap");
	hold(dfd, "eth0/udp", "eth0-udp-20261202T000000Z-000001.pcap");

	/* issue 18: a late --since in a large held file was reached in one unbounded step. */
	req.since = T0 + (int64_t)(RECS - 1000) * 1000000;
	ok(run(dfd, &req, NULL, plain, &nplain, &packets, &dups, &worst) == 0,
	   "an export with a late --since");
	printf("# worst step read %zu bytes of records\n", worst);
	ok(worst <= STEP_MAX, "no step reads more than its budget (%zu)", worst);
	ok(packets == 1000, "each packet of the window once: %llu", (unsigned long long)packets);
	ok(dups == 500, "the udp ring's 500 copies dropped: %llu", (unsigned long long)dups);
	printf("# without an index: %zu bytes of records read in all\n", total_work);

	/* The held files are still the rings' (hard links), with their indexes: seek, not read. */
	snprintf(path, sizeof(path), "%s/ring", dir);
	mkdir(path, 0755);
	ring_dir = open(path, O_RDONLY | O_DIRECTORY);
	linkat(dfd, "eth0-all-20261202T000000Z-000001.pcap", ring_dir,
	       "eth0-all-20261202T000000Z-000001.pcap", 0);
	linkat(dfd, "eth0-udp-20261202T000000Z-000001.pcap", ring_dir,
	       "eth0-udp-20261202T000000Z-000001.pcap", 0);
	index_ring(ring_dir, "eth0-all-20261202T000000Z-000001.pcap", 1, 0);
	index_ring(ring_dir, "eth0-udp-20261202T000000Z-000001.pcap", 2, 2000);
	ok(run(dfd, &req, NULL, plain, &nplain, &packets, &dups, &worst) == 0 && packets == 1000 &&
	   dups == 500, "with the rings' indexes: the same packets");
	printf("# with an index: %zu bytes of records read in all\n", total_work);
	ok(total_work <= 3 * 1000 * (16 + CAPLEN), "the index's seek point is used: %zu bytes read",
	   total_work);
	/* An index that does not carry the case's seal is another file's: not trusted. */
	wrong_seal = 1;
	unlinkat(ring_dir, "eth0-all-20261202T000000Z-000001.pcap.idx", 0);
	index_ring(ring_dir, "eth0-all-20261202T000000Z-000001.pcap", 1, 0);
	ok(run(dfd, &req, NULL, plain, &nplain, &packets, &dups, &worst) == 0 && packets == 1000 &&
	   total_work > 4000000, "an index with another seal is not used (%zu bytes read)", total_work);
	close(ring_dir);
	ring_dir = -1;

	/* One ring of the case. */
	memset(&req, 0, sizeof(req));
	snprintf(req.case_id, sizeof(req.case_id), "C");
	req.nrings = 1;
	snprintf(req.rings[0], sizeof(req.rings[0]), "eth0/udp");
	ok(run(dfd, &req, NULL, plain, &nplain, &packets, &dups, &worst) == 0 &&
	   packets == RECS / 2 && dups == 0, "--case C eth0/udp: that ring alone");

	/* A gzip export: the daemon's bytes, hashed as sent, and a signature over SHA256SUMS. */
	memset(&req, 0, sizeof(req));
	snprintf(req.case_id, sizeof(req.case_id), "C");
	req.export = req.gzip = 1;
	req.since = T0 + (int64_t)(RECS - 100) * 1000000;
	xo = expout_new(&req, &peer, path, sizeof(path));
	ok(xo && run(dfd, &req, xo, sent, &nsent, &packets, &dups, &worst) == 0, "a gzip export");
	{
		uLongf n = sizeof(plain);
		z_stream z = { 0 };

		inflateInit2(&z, 15 + 16);
		z.next_in = sent;
		z.avail_in = (uInt)nsent;
		z.next_out = plain;
		z.avail_out = (uInt)sizeof(plain);
		ok(inflate(&z, Z_FINISH) == Z_STREAM_END && (n = z.total_out) ==
		   24 + 100 * (16 + CAPLEN), "it is one gzip stream of the 100 packets (%lu bytes)",
		   (unsigned long)n);
		inflateEnd(&z);
	}
	{
		json_t *end = expout_end(xo, packets, dups, NULL);

		ok(json_is_true(json_object_get(end, "ok")), "the export is signed");
		check_signed(dfd, end, sent, nsent);
		json_decref(end);
	}
	expout_free(xo);
	close(dfd);
	snprintf(path, sizeof(path), "rm -rf %s", dir);
	if (system(path) != 0)
		printf("# could not remove %s\n", dir);
	return done_testing();
}

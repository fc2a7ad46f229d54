/* test_evcheck.c: property test: random cases verify clean, and each single change gives exactly its one finding */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "evcheck.h"
#include "evmf.h"
#include "evidence/evmanifest.h"
#include "proto.h"
#include "sha256.h"
#include "tap.h"

/*
 * Cases are made with the daemon's own writers (evm_append and the
 * companions it writes, signed with a key made here), so the test checks
 * the verifier against what the daemon really writes. PKTCAP_EVCHECK_CASES
 * sets how many (1,000 by default; more for a longer run), PKTCAP_EVCHECK_SEED
 * the random seed (printed, so a failure can be replayed).
 */
#define MAX_FILES 12
#define MAX_FINDINGS 8

/* The first 63 may start an id; "." and "-" may not. */
static const char id_chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-";

static uint64_t rng_state;

static uint32_t rnd(uint32_t n)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return n ? (uint32_t)(rng_state % n) : 0;
}

struct found {
	char text[MAX_FINDINGS][2200];
	int n;
};

static void on_finding(void *arg, const char *text)
{
	struct found *f = arg;

	if (f->n < MAX_FINDINGS)
		snprintf(f->text[f->n], sizeof(f->text[0]), "%s", text);
	f->n++;
}

static struct evcheck_key *key;

/* The findings of the case directory dfd; case_id NULL as pktctl verify --dir has it. */
static void verify(int dfd, const char *case_id, struct found *f)
{
	struct evcheck c = { 0 };

	memset(f, 0, sizeof(*f));
	c.dirfd = dfd;
	c.case_id = case_id;
	c.key = key;
	c.finding = on_finding;
	c.arg = f;
	evcheck_dir(&c);
}

static char *slurp(int dfd, const char *name, size_t *len)
{
	int fd = openat(dfd, name, O_RDONLY);
	struct stat st;
	char *buf = NULL;

	*len = 0;
	if (fd < 0 || fstat(fd, &st) < 0)
		goto out;
	buf = malloc((size_t)st.st_size + 1);
	if (buf && read(fd, buf, (size_t)st.st_size) == st.st_size)
		*len = (size_t)st.st_size;
	if (buf)
		buf[*len] = 0;
out:
	if (fd >= 0)
		close(fd);
	return buf;
}

static int put(int dfd, const char *name, const void *data, size_t len)
{
	int fd, rc = -1;

	/* Sealed files are 0440: without root (a package build) make them writable first. */
	fchmodat(dfd, name, 0640, 0);
	fd = openat(dfd, name, O_WRONLY | O_CREAT | O_TRUNC, 0640);

	if (fd >= 0 && write(fd, data, len) == (ssize_t)len)
		rc = 0;
	if (fd >= 0)
		close(fd);
	return rc;
}

/* An id of length len over every allowed character; proto_case_valid says yes. */
static void random_id(char *id, size_t len)
{
	for (size_t i = 0; i < len; i++)
		id[i] = id_chars[rnd(i ? sizeof(id_chars) - 1 : sizeof(id_chars) - 3)];
	id[len] = 0;
}

/* Any UTF-8: ASCII with controls, escapes, %, and code points of 2, 3 and 4 bytes. */
static void random_note(char *note, size_t cap)
{
	size_t o = 0, n = rnd(40);

	for (size_t i = 0; i < n && o + 5 < cap; i++) {
		uint32_t cp = rnd(4) ? 1 + rnd(0x7f) : 0x80 + rnd(0x10ff80);

		if (cp >= 0xd800 && cp < 0xe000)
			cp = '\n';
		if (cp < 0x80) {
			note[o++] = (char)cp;
		} else if (cp < 0x800) {
			note[o++] = (char)(0xc0 | cp >> 6);
			note[o++] = (char)(0x80 | (cp & 0x3f));
		} else if (cp < 0x10000) {
			note[o++] = (char)(0xe0 | cp >> 12);
			note[o++] = (char)(0x80 | (cp >> 6 & 0x3f));
			note[o++] = (char)(0x80 | (cp & 0x3f));
		} else {
			note[o++] = (char)(0xf0 | cp >> 18);
			note[o++] = (char)(0x80 | (cp >> 12 & 0x3f));
			note[o++] = (char)(0x80 | (cp >> 6 & 0x3f));
			note[o++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	note[o] = 0;
}

/* A small pcap of a few random records; its name and seal go into the manifest line. */
static int make_pcap(int dfd, const char *name, uint8_t sha[32], uint64_t *size)
{
	uint8_t buf[4096];
	size_t n = 24;
	uint32_t hdr[6] = { 0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1 };
	struct sha256 h = { 0 };

	memcpy(buf, hdr, sizeof(hdr));
	for (uint32_t r = 1 + rnd(5); r; r--) {
		uint32_t cap = 14 + rnd(200), rec[4] = { 1795670000 + rnd(1000), rnd(1000000), cap, cap };

		memcpy(buf + n, rec, sizeof(rec));
		n += sizeof(rec);
		for (uint32_t i = 0; i < cap; i++)
			buf[n++] = (uint8_t)rnd(256);
	}
	if (sha256_init(&h) < 0)
		return -1;
	sha256_update(&h, buf, n);
	sha256_final(&h, sha);
	sha256_free(&h);
	*size = n;
	return put(dfd, name, buf, n);
}

struct kase {
	char id[PROTO_CASE_MAX + 1];
	int dfd;
	char files[MAX_FILES][96];	/* held now */
	int nfiles;
	int seq;
};

/* Preserves count new files from random rings into the case, as one append. */
static int preserve(struct kase *k, int count)
{
	struct evm_line lines[MAX_FILES] = { { 0 } };
	const char *types[MAX_FILES] = { 0 };
	char head[65], note[256];
	int rc;

	for (int i = 0; i < count; i++) {
		char name[96], hex[65];
		const char *ring = (const char *[]){ "eth0/all", "eth0/udp", "lo/dns" }[rnd(3)];
		uint8_t sha[32];
		uint64_t size;

		snprintf(name, sizeof(name), "%.4s-%s-20261206T10%02dZ-%06d.pcap%s",
			 ring[0] == 'l' ? "lo" : "eth0", ring + (ring[0] == 'l' ? 3 : 5), k->seq % 60,
			 k->seq, rnd(4) ? "" : ".gz");
		k->seq++;
		if (make_pcap(k->dfd, name, sha, &size) < 0)
			return -1;
		sha256_hex(sha, hex);
		random_note(note, sizeof(note));
		evm_add(&lines[i], "case", k->id);
		evm_add(&lines[i], "file", name);
		evm_add(&lines[i], "sha256", hex);
		evm_addu(&lines[i], "size", size);
		evm_add(&lines[i], "ring", ring);
		evm_addtime(&lines[i], "at", 1795670000123456789LL + rnd(1000000));
		evm_add(&lines[i], "note", note);
		types[i] = "file";
		snprintf(k->files[k->nfiles++], sizeof(k->files[0]), "%s", name);
	}
	rc = evm_append(k->dfd, k->id, types, lines, (size_t)count, head);
	for (int i = 0; i < count; i++)
		evm_line_free(&lines[i]);
	return rc;
}

/* Releases everything held: the files leave the directory, a release line is added. */
static int release(struct kase *k)
{
	struct evm_line l = { 0 };
	const char *type = "release";
	char head[65];
	int rc;

	for (int i = 0; i < k->nfiles; i++)
		unlinkat(k->dfd, k->files[i], 0);
	evm_add(&l, "case", k->id);
	evm_addu(&l, "files", (uint64_t)k->nfiles);
	k->nfiles = 0;
	rc = evm_append(k->dfd, k->id, &type, &l, 1, head);
	evm_line_free(&l);
	return rc;
}

/* A random case: windows over 1..N files, sometimes released and preserved again. */
static int make_case(int root, struct kase *k, int i)
{
	memset(k, 0, sizeof(k[0]));
	do
		random_id(k->id, (size_t)(i % PROTO_CASE_MAX) + 1);
	while (mkdirat(root, k->id, 0750) < 0 && errno == EEXIST);	/* a short id again */
	if (!proto_case_valid(k->id) || faccessat(root, k->id, F_OK, 0) < 0)
		return -1;
	k->dfd = openat(root, k->id, O_RDONLY | O_DIRECTORY);
	if (k->dfd < 0 || preserve(k, 1 + (int)rnd(4)) < 0)
		return -1;
	if (!rnd(3) && preserve(k, 1 + (int)rnd(3)) < 0)
		return -1;
	if (!rnd(5) && (release(k) < 0 || (rnd(4) && preserve(k, 1 + (int)rnd(4)) < 0)))
		return -1;
	return 0;
}

/* Where the byte at off of MANIFEST is: the line number (from 1) and whether it is the last. */
static int line_of(const char *text, size_t len, size_t off, int *last)
{
	int line = 1;

	for (size_t i = 0; i < off; i++)
		line += text[i] == '\n';
	*last = memchr(text + off, '\n', len - off) == text + len - 1 ||
		(memchr(text + off, '\n', len - off) == NULL);
	return line;
}

/* The one finding a changed MANIFEST must give, as accepted prefixes (NULL-terminated). */
static void manifest_expect(int line, int last, int lines_left, char want[3][64])
{
	memset(want, 0, 3 * 64);
	snprintf(want[0], 64, "MANIFEST: line %d ", line);
	if (!lines_left)
		snprintf(want[1], 64, "MANIFEST: empty");
	else if (last)
		snprintf(want[1], 64, "HEAD: does not match the manifest");
	else
		snprintf(want[1], 64, "MANIFEST: line %d ", line + 1);
}

/* The finding a changed (not removed) file must give. */
static void changed_expect(const char *name, int truncated, char want[3][64])
{
	memset(want, 0, 3 * 64);
	if (!strcmp(name, "HEAD"))
		snprintf(want[0], 64, "HEAD: altered");
	else if (!strcmp(name, "MANIFEST.sig"))
		snprintf(want[0], 64, "MANIFEST.sig: bad signature");
	else if (!strcmp(name, "SHA256SUMS"))
		snprintf(want[0], 64, "SHA256SUMS: does not match the manifest");
	else if (!strcmp(name, "SHA256SUMS.sig"))
		snprintf(want[0], 64, "SHA256SUMS.sig: bad signature");
	else
		snprintf(want[0], 64, "%s: %s", name, truncated ? "truncated" : "altered");
}

static int failures;

/* Exactly one finding, starting with one of want; says what was done when not. */
static void expect(struct kase *k, const char *what, char want[3][64])
{
	struct found f;
	int hit = 0;

	verify(k->dfd, rnd(2) ? k->id : NULL, &f);
	for (int w = 0; w < 3 && f.n == 1; w++)
		hit |= *want[w] && !strncmp(f.text[0], want[w], strlen(want[w]));
	if (f.n == 1 && hit)
		return;
	if (failures++ < 20) {
		printf("# case %s: %s: %d findings, want \"%s\"%s%s\n", k->id, what, f.n, want[0],
		       *want[1] ? " or " : "", want[1]);
		for (int i = 0; i < f.n && i < MAX_FINDINGS; i++)
			printf("#   %s\n", f.text[i]);
	}
}

/* Applies each change to one file (restored after), each time checking the one finding. */
static void mutate_file(struct kase *k, const char *name, int *kinds)
{
	size_t len, off;
	char *orig = slurp(k->dfd, name, &len), want[3][64], what[256];
	char *copy;
	int line = 0, last = 0;

	if (!orig)
		return;
	copy = malloc(len + 1);
	/* A single byte flipped. */
	if (len && copy) {
		memcpy(copy, orig, len);
		off = rnd((uint32_t)len);
		copy[off] ^= (char)(1 + rnd(255));
		put(k->dfd, name, copy, len);
		if (!strcmp(name, "MANIFEST")) {
			line = line_of(orig, len, off, &last);
			manifest_expect(line, last, 1, want);
		} else {
			changed_expect(name, 0, want);
		}
		snprintf(what, sizeof(what), "%s: byte %zu flipped", name, off);
		expect(k, what, want);
		kinds[0]++;
	}
	/* Cut short. */
	if (len) {
		memset(want, 0, sizeof(want));
		off = rnd((uint32_t)len);
		put(k->dfd, name, orig, off);
		if (!strcmp(name, "MANIFEST")) {
			line = line_of(orig, len, off, &last);
			if (off && orig[off - 1] == '\n')
				snprintf(want[0], 64, "HEAD: does not match the manifest"), *want[1] = 0;
			else
				manifest_expect(line, 0, off > 0, want);
			if (!off)
				snprintf(want[0], 64, "MANIFEST: empty");
		} else {
			changed_expect(name, 1, want);
		}
		snprintf(what, sizeof(what), "%s: cut to %zu bytes", name, off);
		expect(k, what, want);
		kinds[1]++;
	}
	/* Removed. */
	unlinkat(k->dfd, name, 0);
	memset(want, 0, sizeof(want));
	snprintf(want[0], 64, "%s: missing file", name);
	snprintf(what, sizeof(what), "%s: removed", name);
	expect(k, what, want);
	kinds[2]++;
	put(k->dfd, name, orig, len);
	free(copy);
	free(orig);
}

/* MANIFEST's lines deleted, duplicated and reordered. */
static void mutate_lines(struct kase *k, int *kinds)
{
	size_t len, n = 0, start[257], o = 0;
	char *orig = slurp(k->dfd, "MANIFEST", &len), *out, want[3][64], what[128];
	int l, op;

	if (!orig)
		return;
	for (size_t i = 0; i < len && n < 256; i = (size_t)(strchr(orig + i, '\n') - orig) + 1)
		start[n++] = i;
	start[n] = len;
	out = malloc(2 * len);
	for (op = 0; op < 3 && out; op++) {
		if (op == 2 && n < 2)
			break;
		l = (int)rnd((uint32_t)(op == 2 ? n - 1 : n));
		o = 0;
		for (int i = 0; i < (int)n; i++) {
			int take = op == 0 ? i != l : 1, twice = op == 1 && i == l;
			int src = op == 2 && i == l ? l + 1 : op == 2 && i == l + 1 ? l : i;

			for (int t = 0; t < take + twice; t++) {
				memcpy(out + o, orig + start[src], start[src + 1] - start[src]);
				o += start[src + 1] - start[src];
			}
		}
		put(k->dfd, "MANIFEST", out, o);
		memset(want, 0, sizeof(want));
		if (op == 0 && n == 1)
			snprintf(want[0], 64, "MANIFEST: empty");
		else if (op == 0 && l == (int)n - 1)
			snprintf(want[0], 64, "HEAD: does not match the manifest");
		else
			snprintf(want[0], 64, "MANIFEST: line %d ", l + 1 + (op == 1));
		snprintf(what, sizeof(what), "MANIFEST: line %d %s", l + 1,
			 (const char *[]){ "deleted", "duplicated", "swapped with the next" }[op]);
		expect(k, what, want);
		kinds[3 + op]++;
	}
	put(k->dfd, "MANIFEST", orig, len);
	free(out);
	free(orig);
}

/* A file added; SHA256SUMS with two lines swapped; HEAD saying another count. */
static void mutate_more(struct kase *k, int *kinds)
{
	static const char *const added[] = { "planted.pcap", "SHA256SUMS.tmp", ".hidden", "x" };
	const char *name = added[rnd(4)];
	char want[3][64] = { { 0 } }, *text;
	size_t len;

	put(k->dfd, name, "x", 1);
	snprintf(want[0], 64, "%s: extra file", name);
	expect(k, "a file added", want);
	unlinkat(k->dfd, name, 0);
	kinds[6]++;

	text = slurp(k->dfd, "HEAD", &len);
	if (text && strstr(text, " entries=")) {
		char *edit = malloc(len + 2), *p = strstr(text, " entries=") + 9;

		snprintf(edit, len + 2, "%.*s9%s", (int)(p - text), text, p);
		put(k->dfd, "HEAD", edit, strlen(edit));
		snprintf(want[0], 64, "HEAD: altered");
		expect(k, "HEAD: entries= edited", want);
		put(k->dfd, "HEAD", text, len);
		free(edit);
		kinds[7]++;
	}
	free(text);
}

/* An export directory as the daemon writes it, with provenance.json's capture fields as given. */
static int make_export(int dfd, const char *format, int sha_off, long size_off)
{
	uint8_t sha[32], psha[32], sig[64];
	uint64_t size;
	char hex[65], phex[65], prov[512], sums[300];
	int n;

	if (make_pcap(dfd, "capture.pcap", sha, &size) < 0)
		return -1;
	sha[0] ^= (uint8_t)sha_off;
	sha256_hex(sha, hex);
	sha[0] ^= (uint8_t)sha_off;
	n = snprintf(prov, sizeof(prov),
		     "{\"format\": \"%s\", \"capture\": {\"file\": \"capture.pcap\", \"sha256\": \"%s\", \"size\": %ld, \"packets\": 3}}\n",
		     format, hex, (long)size + size_off);
	if (put(dfd, "provenance.json", prov, (size_t)n) < 0)
		return -1;
	{
		struct sha256 h = { 0 };

		sha256_init(&h);
		sha256_update(&h, prov, (size_t)n);
		sha256_final(&h, psha);
		sha256_free(&h);
	}
	sha256_hex(sha, hex);
	sha256_hex(psha, phex);
	n = snprintf(sums, sizeof(sums), "%s  capture.pcap\n%s  provenance.json\n", hex, phex);
	if (put(dfd, "SHA256SUMS", sums, (size_t)n) < 0 || evm_sign(sums, (size_t)n, sig) < 0)
		return -1;
	return put(dfd, "SHA256SUMS.sig", sig, 64);
}

/* provenance.json must describe the capture beside it; each change of an export has one finding. */
static void test_exports(int root)
{
	static const struct {
		const char *what, *format, *want;
		int sha_off;
		long size_off;
		const char *remove, *flip;
	} t[] = {
		{ "an untouched export", "pktcap-export-2", NULL, 0, 0, NULL, NULL },
		{ "another format", "pktcap-export-1", "provenance.json: format is \"pktcap-export-1\"", 0, 0, NULL, NULL },
		{ "capture.sha256 not the capture's", "pktcap-export-2", "provenance.json: capture.sha256 is not", 1, 0, NULL, NULL },
		{ "capture.size not the capture's", "pktcap-export-2", "provenance.json: capture.size", 0, 1, NULL, NULL },
		{ "the capture changed", "pktcap-export-2", "capture.pcap: altered: SHA-256", 0, 0, NULL, "capture.pcap" },
		{ "provenance.json changed", "pktcap-export-2", "provenance.json: altered: SHA-256", 0, 0, NULL, "provenance.json" },
		{ "SHA256SUMS changed", "pktcap-export-2", "SHA256SUMS.sig: bad signature", 0, 0, NULL, "SHA256SUMS" },
		{ "the capture removed", "pktcap-export-2", "capture.pcap: missing file", 0, 0, "capture.pcap", NULL },
		{ "the signature removed", "pktcap-export-2", "SHA256SUMS.sig: missing file", 0, 0, "SHA256SUMS.sig", NULL },
	};

	/* Bytes that do not read as pcap but are the ones hashed are not "altered". */
	{
		struct found f;
		int dfd;

		mkdirat(root, "export-junk", 0700);
		dfd = openat(root, "export-junk", O_RDONLY | O_DIRECTORY);
		ok(dfd >= 0 && make_export(dfd, "pktcap-export-2", 0, 0) == 0, "an export made");
		{
			size_t len;
			char *b = slurp(dfd, "capture.pcap", &len);
			uint8_t sha[32], sig[64];
			char hex[65], *sums, line[100];
			size_t slen;

			b[0] ^= 0xff;	/* no longer a pcap header */
			put(dfd, "capture.pcap", b, len);
			evmf_sha256(b, len, sha);
			sha256_hex(sha, hex);
			sums = slurp(dfd, "SHA256SUMS", &slen);
			snprintf(line, sizeof(line), "%s", hex);
			memcpy(sums, line, 64);
			put(dfd, "SHA256SUMS", sums, slen);
			evm_sign(sums, slen, sig);
			put(dfd, "SHA256SUMS.sig", sig, 64);
			free(sums);
			free(b);
		}
		verify(dfd, NULL, &f);
		ok(f.n == 1 && strstr(f.text[0], "provenance.json: capture.sha256"),
		   "a capture that is not pcap but is what SHA256SUMS says is not called altered (%d: %s)",
		   f.n, f.n ? f.text[0] : "");
		close(dfd);
	}
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		char name[32];
		struct found f;
		int dfd;

		snprintf(name, sizeof(name), "export-%zu", i);
		mkdirat(root, name, 0700);
		dfd = openat(root, name, O_RDONLY | O_DIRECTORY);
		ok(dfd >= 0 && make_export(dfd, t[i].format, t[i].sha_off, t[i].size_off) == 0,
		   "export %zu made", i);
		if (t[i].remove)
			unlinkat(dfd, t[i].remove, 0);
		if (t[i].flip) {
			size_t len;
			char *b = slurp(dfd, t[i].flip, &len);

			b[len / 2] ^= 0x20;
			put(dfd, t[i].flip, b, len);
			free(b);
		}
		verify(dfd, NULL, &f);
		if (!t[i].want)
			ok(f.n == 0, "%s: no finding%s%s", t[i].what, f.n ? ": " : "", f.n ? f.text[0] : "");
		else
			ok(f.n == 1 && !strncmp(f.text[0], t[i].want, strlen(t[i].want)),
			   "%s: \"%s\" (%d findings%s%s)", t[i].what, t[i].want, f.n, f.n ? ": " : "",
			   f.n ? f.text[0] : "");
		close(dfd);
	}
}

int main(void)
{
	const char *env = getenv("PKTCAP_EVCHECK_CASES"), *seed = getenv("PKTCAP_EVCHECK_SEED");
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	int ncases = env ? atoi(env) : 1000, kinds[8] = { 0 }, made = 0, clean = 0, root;
	char dir[256], cmd[300];

	rng_state = seed ? strtoull(seed, NULL, 0) : 0x9e3779b97f4a7c15ULL ^ (uint64_t)getpid();
	printf("# seed %#llx (PKTCAP_EVCHECK_SEED), %d cases\n", (unsigned long long)rng_state,
	       ncases);
	snprintf(dir, sizeof(dir), "%s/test_evcheck.XXXXXX", base);
	ok(mkdtemp(dir) != NULL, "a temporary directory");
	snprintf(cmd, sizeof(cmd), "%s/state", dir);
	ok(evm_key_init(cmd, (uid_t)-1, (gid_t)-1) == 0, "a test key");
	{
		char err[128];
		const char *pem = evm_pubkey_pem();

		key = pem ? evcheck_key_pem(pem, strlen(pem), err, sizeof(err)) : NULL;
		ok(key != NULL, "its public half loads for the verifier");
	}
	snprintf(cmd, sizeof(cmd), "%s/cases", dir);
	mkdir(cmd, 0700);
	root = open(cmd, O_RDONLY | O_DIRECTORY);
	for (int i = 0; i < ncases && key; i++) {
		struct kase k;
		struct found f;

		if (make_case(root, &k, i) < 0) {
			printf("# case %d: cannot make it: %s\n", i, strerror(errno));
			continue;
		}
		made++;
		verify(k.dfd, rnd(2) ? k.id : NULL, &f);
		if (f.n) {
			if (failures++ < 20)
				printf("# case %s untouched: %s\n", k.id, f.text[0]);
			close(k.dfd);
			continue;
		}
		clean++;
		/* Each of the case's own files, and two held files at random. */
		for (int w = 0; w < 5; w++)
			mutate_file(&k, (const char *[]){ "MANIFEST", "HEAD", "MANIFEST.sig",
							  "SHA256SUMS", "SHA256SUMS.sig" }[w], kinds);
		for (int w = 0; w < 2 && k.nfiles; w++)
			mutate_file(&k, k.files[rnd((uint32_t)k.nfiles)], kinds);
		mutate_lines(&k, kinds);
		mutate_more(&k, kinds);
		verify(k.dfd, NULL, &f);
		if (f.n && failures++ < 20)
			printf("# case %s not restored: %s\n", k.id, f.text[0]);
		close(k.dfd);
	}
	test_exports(root);
	ok(made == ncases, "%d random cases made with the daemon's writers", made);
	ok(clean == made, "%d of them verify with no finding untouched", clean);
	ok(failures == 0, "every change gave exactly its one finding (%d did not): %d flips, %d cuts, %d removals, %d deleted, %d duplicated, %d swapped lines, %d added files, %d HEAD edits",
	   failures, kinds[0], kinds[1], kinds[2], kinds[3], kinds[4], kinds[5], kinds[6], kinds[7]);
	evcheck_key_free(key);
	evm_key_free();
	close(root);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		perror("rm");
	return done_testing();
}

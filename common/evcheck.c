/* evcheck.c: the one verifier of a case or export directory: chain, signatures, SHA256SUMS and every file's bytes */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "bytes.h"
#include "evcheck.h"
#include "evmf.h"
#include "pcapfile.h"
#include "sha256.h"

/* Files are hashed a MiB at a time, so a stop request is seen within one. */
#define CHUNK (1 << 20)
/* No file of the directory's own is larger; a bigger one is refused before it is read. */
#define MAX_OWN (256u << 20)
#define EXPORT_FORMAT "pktcap-export-2"

/* The directory's own files, as bits for "already reported". */
enum { F_MANIFEST, F_HEAD, F_MSIG, F_SUMS, F_SSIG, F_PROV, F_OWN };
static const char *const own[F_OWN] = { "MANIFEST", "HEAD", "MANIFEST.sig", "SHA256SUMS",
					"SHA256SUMS.sig", "provenance.json" };

struct evcheck_key {
	EVP_PKEY *pkey;
};

struct blob {
	char *data;
	size_t len;
	int present;
	uint8_t sha[32];
};

/* What one evcheck_dir call has learnt. */
struct run {
	struct evcheck *c;
	struct blob f[F_OWN];
	unsigned seen;			/* bits of own[] already named by a finding */
	struct evmf_sums sums;		/* SHA256SUMS as read */
	int sums_parsed;		/* present and in sha256sum's format */
	int sums_signed;		/* and signed by the key */
	struct evmf_sums held;		/* the held files and the hashes they must have */
	const char *held_from;		/* "the manifest" or "SHA256SUMS", NULL: unknown */
	char **names;			/* the directory's entries */
	size_t nnames;
};

struct evcheck_key *evcheck_key_pem(const char *pem, size_t len, char *err, size_t errlen)
{
	BIO *b = BIO_new_mem_buf(pem, (int)len);
	EVP_PKEY *p = b ? PEM_read_bio_PUBKEY(b, NULL, NULL, NULL) : NULL;
	struct evcheck_key *k = NULL;

	BIO_free(b);
	if (!p || EVP_PKEY_get_id(p) != EVP_PKEY_ED25519) {
		snprintf(err, errlen, "not an Ed25519 public key in PEM (-----BEGIN PUBLIC KEY-----)");
		EVP_PKEY_free(p);
		return NULL;
	}
	k = malloc(sizeof(*k));
	if (!k) {
		snprintf(err, errlen, "out of memory");
		EVP_PKEY_free(p);
		return NULL;
	}
	k->pkey = p;
	return k;
}

void evcheck_key_free(struct evcheck_key *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

int evcheck_signed(const struct evcheck_key *k, const void *msg, size_t len, const void *sig,
		   size_t siglen)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int ok = 0;

	if (k && ctx && siglen == 64 && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k->pkey) == 1)
		ok = EVP_DigestVerify(ctx, sig, siglen, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	return ok;
}

void evcheck_report(struct evcheck *c, const char *name, const char *fmt, ...)
{
	char what[1024], text[EVMF_ESC_MAX + 1024 + 2], ename[EVMF_ESC_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	evmf_escape(name, ename, sizeof(ename));
	snprintf(text, sizeof(text), "%s: %s", ename, what);
	c->findings++;
	if (c->finding)
		c->finding(c->arg, text);
}

static int stopping(struct evcheck *c)
{
	if (c->stop && atomic_load(c->stop))
		c->stopped = 1;
	return c->stopped;
}

static void progress(struct evcheck *c)
{
	if (c->progress)
		c->progress(c->arg, c->files, c->bytes);
}

/* The rest of pf, a MiB at a time; compares with want. */
static int hash_rest(struct evcheck *c, struct pcapfile *pf, const char *name,
		     const uint8_t want[32], const char *against)
{
	uint8_t *buf = malloc(CHUNK), got[32];
	uint64_t base = c->bytes, size = 0;
	char hex[65], whex[65];
	ssize_t n = -1;

	while (buf && (n = pcapfile_hash_more(pf, buf, CHUNK)) > 0) {
		c->bytes += (uint64_t)n;
		progress(c);
		if (stopping(c)) {
			free(buf);
			return EVCHECK_STOPPED;
		}
	}
	free(buf);
	if (n < 0 || pcapfile_hash(pf, got, &size) < 0) {
		evcheck_report(c, name, "cannot read: %s", strerror(errno));
		return EVCHECK_FOUND;
	}
	c->files++;
	c->bytes = base + size;
	progress(c);
	if (!memcmp(got, want, 32))
		return EVCHECK_OK;
	sha256_hex(got, hex);
	sha256_hex(want, whex);
	if (!against)
		evcheck_report(c, name, "altered: same size, SHA-256 %s, sealed %s (bytes were changed)",
			       hex, whex);
	else
		evcheck_report(c, name, "altered: SHA-256 %s, %s %s", hex, against, whex);
	return EVCHECK_FOUND;
}

/*
 * A file that no longer reads as pcap is still not "altered" if its bytes
 * are the ones hashed (a seal covers bytes, not their meaning): hashed
 * raw, a MiB at a time. EVCHECK_OK when they are want's.
 */
static int same_bytes(struct evcheck *c, int fd, const uint8_t want[32])
{
	struct sha256 h = { 0 };
	uint8_t *buf = malloc(CHUNK), got[32];
	ssize_t n = -1;
	int rc = EVCHECK_FOUND;

	if (!buf || lseek(fd, 0, SEEK_SET) < 0 || sha256_init(&h) < 0)
		goto out;
	while ((n = read(fd, buf, CHUNK)) > 0) {
		sha256_update(&h, buf, (size_t)n);
		c->bytes += (uint64_t)n;
		progress(c);
		if (stopping(c)) {
			rc = EVCHECK_STOPPED;
			goto out;
		}
	}
	sha256_final(&h, got);
	if (n == 0 && !memcmp(got, want, 32)) {
		c->files++;
		rc = EVCHECK_OK;
	}
out:
	sha256_free(&h);
	free(buf);
	return rc;
}

int evcheck_file(struct evcheck *c, const char *name, const uint8_t want[32], uint64_t size,
		 const char *against)
{
	char err[512], ename[EVMF_ESC_MAX];
	int fd = pcapfile_openat(c->dirfd, name, O_RDONLY), rc = EVCHECK_FOUND;
	struct pcapfile *pf = NULL;
	struct stat st;

	if (fd < 0) {
		if (errno == ENOENT)
			return EVCHECK_MISSING;
		evcheck_report(c, name, "cannot read: %s",
			       errno == EINVAL ? "not a regular file" : strerror(errno));
		return EVCHECK_FOUND;
	}
	if (size != UINT64_MAX && fstat(fd, &st) == 0 && (uint64_t)st.st_size != size) {
		evcheck_report(c, name, "%s: %llu bytes, sealed at %llu",
			       (uint64_t)st.st_size < size ? "truncated" : "grown",
			       (unsigned long long)st.st_size, (unsigned long long)size);
		goto out;
	}
	evmf_escape(name, ename, sizeof(ename));
	pf = pcapfile_open(fd, ename, PCAPFILE_HASH, err, sizeof(err), NULL);
	if (pf)
		rc = hash_rest(c, pf, name, want, against);
	else if ((rc = same_bytes(c, fd, want)) == EVCHECK_FOUND)
		evcheck_report(c, name, "altered: %s", err);
out:
	if (pf)
		pcapfile_close(pf);
	close(fd);
	return rc;
}

/* One of the directory's own small files, whole; a missing one is reported. */
static void load(struct run *r, int which)
{
	struct blob *b = &r->f[which];
	int fd = openat(r->c->dirfd, own[which], O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	ssize_t n = 0;

	if (fd < 0) {
		if (errno == ENOENT)
			return;		/* named as missing where it is needed */
		evcheck_report(r->c, own[which], "cannot read: %s", strerror(errno));
		goto gone;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size > MAX_OWN) {
		evcheck_report(r->c, own[which], "cannot read: not a regular file of at most %u MiB",
			       MAX_OWN >> 20);
		goto gone;
	}
	b->data = malloc((size_t)st.st_size + 1);
	while (b->data && b->len < (size_t)st.st_size &&
	       (n = read(fd, b->data + b->len, (size_t)st.st_size - b->len)) > 0)
		b->len += (size_t)n;
	if (!b->data || n < 0) {
		evcheck_report(r->c, own[which], "cannot read: %s", strerror(errno));
		goto gone;
	}
	b->data[b->len] = 0;
	b->present = 1;
	evmf_sha256(b->data, b->len, b->sha);
	close(fd);
	return;
gone:
	r->seen |= 1u << which;
	if (fd >= 0)
		close(fd);
}

static int has(const struct run *r, int which)
{
	return r->f[which].present;
}

/* The directory's entries but . and .. */
static int list_dir(struct run *r)
{
	int fd = dup(r->c->dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	if (!d) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rewinddir(d);
	while ((de = readdir(d))) {
		char **nn;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		nn = bytes_grow(r->names, r->nnames, sizeof(*nn));
		if (!nn || !(nn[r->nnames] = strdup(de->d_name))) {
			r->names = nn ? nn : r->names;
			closedir(d);
			return -1;
		}
		r->names = nn;
		r->nnames++;
	}
	closedir(d);
	return 0;
}

/* SHA256SUMS and its signature: r->sums_signed when both are whole and signed. */
static void read_sums(struct run *r)
{
	struct blob *s = &r->f[F_SUMS], *sig = &r->f[F_SSIG];

	if (!s->present)
		return;
	r->sums_parsed = evmf_sums_parse(s->data, s->len, &r->sums) == 0;
	if (!sig->present || !evcheck_signed(r->c->key, s->data, s->len, sig->data, sig->len))
		return;
	if (!r->sums_parsed) {
		evcheck_report(r->c, own[F_SUMS], "malformed, though signed: not sha256sum lines sorted by name");
		r->seen |= 1u << F_SUMS;
		return;
	}
	r->sums_signed = 1;
}

/* Every held file against the hash (and size) it must have; missing ones are named. */
static int check_held(struct run *r)
{
	for (size_t i = 0; i < r->held.n; i++) {
		const struct evmf_sum *h = &r->held.e[i];
		int rc = evcheck_file(r->c, h->name, h->sha, h->size,
				      h->size == UINT64_MAX ? "SHA256SUMS says" : NULL);

		if (rc == EVCHECK_STOPPED)
			return -1;
		if (rc == EVCHECK_MISSING)
			evcheck_report(r->c, h->name, "missing file");
	}
	return 0;
}

/* Entries that are neither the directory's own files nor held. */
static void check_extra(struct run *r, const int *mine)
{
	for (size_t i = 0; i < r->nnames; i++) {
		const char *n = r->names[i];
		int ok = evmf_sums_find(&r->held, n) != NULL;

		for (int k = 0; mine[k] >= 0 && !ok; k++)
			ok = !strcmp(n, own[mine[k]]);
		if (!ok)
			evcheck_report(r->c, n, "extra file: not in %s", r->held_from);
	}
}

static void named(struct run *r, int which, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* A finding about one of the directory's own files, which is then not accused again. */
static void named(struct run *r, int which, const char *fmt, ...)
{
	char what[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	evcheck_report(r->c, own[which], "%s", what);
	r->seen |= 1u << which;
}

/* An own file's bytes against SHA256SUMS, when nothing has named it yet. */
static void own_against_sums(struct run *r, int which)
{
	const struct evmf_sum *s = evmf_sums_find(&r->sums, own[which]);
	char hex[65], whex[65];

	if ((r->seen >> which & 1) || !r->f[which].present)
		return;
	if (!s) {
		named(r, which, "not in SHA256SUMS");
	} else if (memcmp(s->sha, r->f[which].sha, 32)) {
		sha256_hex(r->f[which].sha, hex);
		sha256_hex(s->sha, whex);
		named(r, which, "altered: SHA-256 %s, SHA256SUMS says %s", hex, whex);
	}
}

static void report_missing(struct run *r, const int *which)
{
	for (int k = 0; which[k] >= 0; k++)
		if (!has(r, which[k]) && !(r->seen >> which[k] & 1)) {
			evcheck_report(r->c, own[which[k]], "missing file");
			r->seen |= 1u << which[k];
		}
}

/* MANIFEST read; 1 when its chain is whole and not empty. */
static int read_manifest(struct run *r, struct evmf *m)
{
	memset(m, 0, sizeof(*m));
	if (!has(r, F_MANIFEST))
		return 0;
	if (evmf_parse(r->f[F_MANIFEST].data, r->f[F_MANIFEST].len, m) < 0)
		named(r, F_MANIFEST, "cannot read: %s", strerror(errno));
	else if (m->broken)
		named(r, F_MANIFEST, "%s", m->why);
	else if (!m->n)
		named(r, F_MANIFEST, "empty");
	else
		return 1;
	return 0;
}

/* With the chain broken and HEAD's signature failing: SHA256SUMS, if signed, says which changed. */
static int head_or_sig(struct run *r)
{
	const struct evmf_sum *s = evmf_sums_find(&r->sums, own[F_HEAD]);

	return r->sums_signed && s && memcmp(s->sha, r->f[F_HEAD].sha, 32) ? F_HEAD : F_MSIG;
}

/* HEAD against the manifest and against its signature: 1 when they anchor the manifest. */
static int check_head(struct run *r, const struct evmf *m, int chain_ok)
{
	const struct blob *h = &r->f[F_HEAD], *s = &r->f[F_MSIG];
	const char *cid = r->c->case_id;
	int sig_ok, match = 0;
	size_t wlen = 0;
	char *want;

	if (!h->present || !s->present)
		return 0;
	sig_ok = evcheck_signed(r->c->key, h->data, h->len, s->data, s->len);
	if (chain_ok) {
		want = evmf_head_text(cid ? cid : m->e[0].case_id ? m->e[0].case_id : "", m, &wlen);
		match = want && wlen == h->len && !memcmp(want, h->data, wlen);
		free(want);
	}
	if (sig_ok && match)
		return 1;
	if (sig_ok && chain_ok) {
		/* HEAD is the host's: the manifest's end is what changed. */
		evcheck_report(r->c, own[F_HEAD],
			       "does not match the manifest (%zu entries): the signed head is not the hash of its last line (its last lines were changed or removed, or lines were added)",
			       m->n);
		r->seen |= 1u << F_MANIFEST;
		return 0;
	}
	if (match)
		named(r, F_MSIG, "bad signature: HEAD is not signed by the key");
	else if (chain_ok)
		named(r, F_HEAD, "altered: it is neither the manifest's head nor signed by the key");
	else if (!sig_ok && head_or_sig(r) == F_HEAD)
		named(r, F_HEAD, "altered: not signed by the key");
	else if (!sig_ok)
		named(r, F_MSIG, "bad signature: HEAD is not signed by the key (HEAD or MANIFEST.sig was changed)");
	return 0;
}

/* What SHA256SUMS must say for a case whose manifest is whole: held seals, own files as they are. */
static int case_sums(struct run *r, struct evmf_sums *want)
{
	static const int listed[] = { F_HEAD, F_MANIFEST, F_MSIG };
	static const uint8_t none[32];

	if (evmf_sums_copy(want, &r->held) < 0)
		return -1;
	for (int k = 0; k < 3; k++)
		if (evmf_sums_add(want, own[listed[k]],
				  has(r, listed[k]) ? r->f[listed[k]].sha : none, UINT64_MAX) < 0)
			return -1;
	return 0;
}

/* The first name whose line differs, own files already named aside; NULL when none does. */
static const char *first_difference(struct run *r, const struct evmf_sums *want)
{
	const struct evmf_sums *got = &r->sums;

	if (!r->sums_parsed)
		return "its format (not sha256sum lines sorted by name)";
	for (int pass = 0; pass < 2; pass++) {
		const struct evmf_sums *a = pass ? got : want, *b = pass ? want : got;

		for (size_t i = 0; i < a->n; i++) {
			const struct evmf_sum *o = evmf_sums_find(b, a->e[i].name);
			int k = 0;

			while (k < F_OWN && strcmp(own[k], a->e[i].name))
				k++;
			if (k < F_OWN && (r->seen >> k & 1))
				continue;
			if (!o || memcmp(o->sha, a->e[i].sha, 32))
				return a->e[i].name;
		}
	}
	return NULL;
}

/* SHA256SUMS against the manifest (when whole) and its signature. */
static int check_case_sums(struct run *r, int usable)
{
	struct evmf_sums want = { 0 };
	const char *diff = NULL;
	char ename[EVMF_ESC_MAX];

	if (!has(r, F_SUMS) || !has(r, F_SSIG) || (r->seen >> F_SUMS & 1))
		return 0;
	if (usable) {
		if (case_sums(r, &want) < 0) {
			evmf_sums_free(&want);
			return -1;
		}
		diff = first_difference(r, &want);
		if (diff)
			evmf_escape(diff, ename, sizeof(ename));
		evmf_sums_free(&want);
	}
	if (diff) {
		named(r, F_SUMS, "does not match the manifest and the case's files: first at %s%s", ename,
		      r->sums_signed ? "" : " (and so its signature fails)");
	} else if (!r->sums_signed && !(r->seen >> F_SSIG & 1)) {
		named(r, F_SSIG, "bad signature: SHA256SUMS is not signed by the key%s",
		      usable ? "" : " (SHA256SUMS or its signature was changed)");
	} else if (r->sums_signed && !usable) {
		own_against_sums(r, F_HEAD);
		own_against_sums(r, F_MANIFEST);
		own_against_sums(r, F_MSIG);
	}
	return 0;
}

/* The held files and where their hashes come from: the manifest when whole, else SHA256SUMS. */
static int case_held(struct run *r, const struct evmf *m, int *usable)
{
	char why[256];

	if (*usable && evmf_held(m, &r->held, why, sizeof(why)) < 0) {
		named(r, F_MANIFEST, "%s", why);
		*usable = 0;
	}
	if (*usable) {
		r->held_from = "the manifest";
		return 0;
	}
	if (!r->sums_signed)
		return 0;
	r->held_from = "SHA256SUMS";
	for (size_t i = 0; i < r->sums.n; i++) {
		const struct evmf_sum *s = &r->sums.e[i];
		int k = 0;

		while (k < F_OWN && strcmp(own[k], s->name))
			k++;
		if (k == F_OWN && evmf_sums_add(&r->held, s->name, s->sha, UINT64_MAX) < 0)
			return -1;
	}
	return 0;
}

static int check_case(struct run *r)
{
	static const int mine[] = { F_MANIFEST, F_HEAD, F_MSIG, F_SUMS, F_SSIG, -1 };
	const struct evmf_sum *ms = evmf_sums_find(&r->sums, own[F_MANIFEST]);
	struct evmf m;
	int chain_ok, usable, rc = -1;

	report_missing(r, mine);
	chain_ok = read_manifest(r, &m);
	usable = check_head(r, &m, chain_ok);
	/* A signed SHA256SUMS naming MANIFEST's bytes anchors it as well as HEAD does. */
	if (!usable && chain_ok && !(r->seen >> F_MANIFEST & 1) && r->sums_signed && ms &&
	    !memcmp(ms->sha, r->f[F_MANIFEST].sha, 32))
		usable = 1;
	usable = usable && chain_ok && !(r->seen >> F_MANIFEST & 1);
	if (case_held(r, &m, &usable) < 0 || check_case_sums(r, usable) < 0)
		goto out;
	if (!r->held_from) {
		evcheck_report(r->c, "held files", "not checked: neither the manifest nor SHA256SUMS is whole and signed");
		rc = 0;
		goto out;
	}
	if (check_held(r) < 0)
		goto out;
	check_extra(r, mine);
	rc = 0;
out:
	evmf_free(&m);
	return rc;
}

/* provenance.json (whose bytes SHA256SUMS vouches for) about the capture. */
static void check_provenance(struct run *r)
{
	const struct blob *b = &r->f[F_PROV];
	json_error_t jerr;
	json_t *p = json_loadb(b->data, b->len, 0, &jerr), *cap, *size;
	const char *fmt, *file, *hex;
	const struct evmf_sum *s;
	char esc[EVMF_ESC_MAX];
	uint8_t sha[32];
	struct stat st;

	if (!p) {
		evcheck_report(r->c, own[F_PROV], "not JSON: %s (line %d)", jerr.text, jerr.line);
		return;
	}
	fmt = json_string_value(json_object_get(p, "format"));
	cap = json_object_get(p, "capture");
	file = json_string_value(json_object_get(cap, "file"));
	hex = json_string_value(json_object_get(cap, "sha256"));
	size = json_object_get(cap, "size");
	evmf_escape(fmt ? fmt : "", esc, sizeof(esc));
	if (!fmt || strcmp(fmt, EXPORT_FORMAT))
		evcheck_report(r->c, own[F_PROV], "format is \"%s\", not \"%s\"", esc, EXPORT_FORMAT);
	else if (!file || !hex || !json_is_integer(size))
		evcheck_report(r->c, own[F_PROV], "capture: file, sha256 and size are needed");
	else if (!(s = evmf_sums_find(&r->held, file)) || !strcmp(file, own[F_PROV]))
		evcheck_report(r->c, own[F_PROV], "capture.file is not a capture SHA256SUMS lists");
	else if (evmf_unhex(hex, sha) < 0 || memcmp(sha, s->sha, 32))
		evcheck_report(r->c, own[F_PROV], "capture.sha256 is not what SHA256SUMS says of the capture");
	else if (!s->bad && fstatat(r->c->dirfd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		 (json_int_t)st.st_size != json_integer_value(size))
		evcheck_report(r->c, own[F_PROV], "capture.size %lld is not the capture's %lld bytes",
			       (long long)json_integer_value(size), (long long)st.st_size);
	json_decref(p);
}

/* An export: SHA256SUMS signed, its files as listed, provenance.json about the capture. */
static int check_export(struct run *r)
{
	static const int mine[] = { F_SUMS, F_SSIG, -1 };
	int prov_listed;

	report_missing(r, mine);
	if (!r->sums_signed) {
		if (has(r, F_SUMS) && has(r, F_SSIG) && !(r->seen >> F_SUMS & 1))
			named(r, F_SSIG, "bad signature: SHA256SUMS is not signed by the key (SHA256SUMS or its signature was changed); nothing here can be checked against it");
		return 0;
	}
	if (evmf_sums_copy(&r->held, &r->sums) < 0)
		return -1;
	r->held_from = "SHA256SUMS";
	prov_listed = evmf_sums_find(&r->sums, own[F_PROV]) != NULL;
	if (prov_listed && !has(r, F_PROV))
		report_missing(r, (const int[]){ F_PROV, -1 });
	else if (prov_listed)
		own_against_sums(r, F_PROV);
	for (size_t i = 0; i < r->held.n; i++) {
		struct evmf_sum *h = &r->held.e[i];
		int rc;

		if (!strcmp(h->name, own[F_PROV]))
			continue;
		rc = evcheck_file(r->c, h->name, h->sha, UINT64_MAX, "SHA256SUMS says");
		if (rc == EVCHECK_STOPPED)
			return -1;
		if (rc == EVCHECK_MISSING)
			evcheck_report(r->c, h->name, "missing file");
		h->bad = rc != EVCHECK_OK;
	}
	check_extra(r, mine);
	if (prov_listed && has(r, F_PROV) && !(r->seen >> F_PROV & 1))
		check_provenance(r);
	return 0;
}

static void run_free(struct run *r)
{
	for (int i = 0; i < F_OWN; i++)
		free(r->f[i].data);
	for (size_t i = 0; i < r->nnames; i++)
		free(r->names[i]);
	free(r->names);
	evmf_sums_free(&r->sums);
	evmf_sums_free(&r->held);
}

int evcheck_dir(struct evcheck *c)
{
	struct run r = { .c = c };
	int rc = 0;

	c->findings = 0;
	c->files = c->bytes = 0;
	c->stopped = 0;
	for (int i = 0; i < F_OWN; i++)
		load(&r, i);
	if (list_dir(&r) < 0) {
		evcheck_report(c, ".", "cannot list the directory: %s", strerror(errno));
		goto out;
	}
	read_sums(&r);
	if (has(&r, F_MANIFEST) || has(&r, F_HEAD) || has(&r, F_MSIG) ||
	    (r.sums_signed && evmf_sums_find(&r.sums, own[F_MANIFEST])))
		rc = check_case(&r);
	else if (has(&r, F_PROV) || (r.sums_signed && evmf_sums_find(&r.sums, own[F_PROV])))
		rc = check_export(&r);
	else
		evcheck_report(c, ".", "neither a case (MANIFEST, HEAD) nor an export (provenance.json)");
out:
	run_free(&r);
	return rc < 0 || c->stopped ? -1 : 0;
}

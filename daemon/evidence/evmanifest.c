/* evmanifest.c: the case manifest's lines and hash chain, its signed head, and the host's evidence key */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "bytes.h"
#include "evidence/evmanifest.h"
#include "evmf.h"
#include "log.h"
#include "sha256.h"

static EVP_PKEY *key;
static char *pub_pem;

static void put(struct evm_line *l, const char *s, size_t n)
{
	if (l->failed)
		return;
	if (l->len + n + 1 > l->cap) {
		size_t cap = (l->len + n + 1) * 2;
		char *b = realloc(l->buf, cap);

		if (!b) {
			l->failed = 1;
			return;
		}
		l->buf = b;
		l->cap = cap;
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	l->buf[l->len] = 0;
}

void evm_add(struct evm_line *l, const char *k, const char *v)
{
	static const char hex[] = "0123456789ABCDEF";

	if (l->len)
		put(l, " ", 1);
	put(l, k, strlen(k));
	put(l, "=", 1);
	for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
		char enc[3] = { '%', hex[*p >> 4], hex[*p & 15] };

		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("._:/@+,-", *p))
			put(l, (const char *)p, 1);
		else
			put(l, enc, 3);
	}
}

void evm_addu(struct evm_line *l, const char *k, uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	evm_add(l, k, buf);
}

void evm_addtime(struct evm_line *l, const char *k, int64_t ns)
{
	time_t sec = (time_t)(ns / 1000000000);
	char stamp[32], buf[48];
	struct tm tm;

	if (ns <= 0 || !gmtime_r(&sec, &tm)) {
		evm_add(l, k, "-");
		return;
	}
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "%s.%09lldZ", stamp, (long long)(ns % 1000000000));
	evm_add(l, k, buf);
}

void evm_line_free(struct evm_line *l)
{
	free(l->buf);
	memset(l, 0, sizeof(*l));
}

const char *evm_get(const struct evm_entry *e, const char *k)
{
	for (size_t i = 0; i < e->nkv; i++)
		if (!strcmp(e->keys[i], k))
			return e->values[i];
	return NULL;
}

/* Splits "N TYPE k=v ..." (line without its newline, modified in place). 0 or -1. */
static int parse_line(char *line, struct evm_entry *e)
{
	char *save = NULL, *tok, *end;
	unsigned long n;

	tok = strtok_r(line, " ", &save);
	if (!tok)
		return -1;
	n = strtoul(tok, &end, 10);
	if (*end || !n)
		return -1;
	e->n = (unsigned)n;
	tok = strtok_r(NULL, " ", &save);
	if (!tok || strlen(tok) >= sizeof(e->type))
		return -1;
	strcpy(e->type, tok);
	while ((tok = strtok_r(NULL, " ", &save))) {
		char *eq = strchr(tok, '='), *v, *o;
		char **nk, **nv;

		if (!eq)
			return -1;
		*eq = 0;
		nk = bytes_grow(e->keys, e->nkv, sizeof(*nk));
		if (!nk)
			return -1;
		e->keys = nk;
		nv = bytes_grow(e->values, e->nkv, sizeof(*nv));
		if (!nv)
			return -1;
		e->values = nv;
		e->keys[e->nkv] = strdup(tok);
		v = o = strdup(eq + 1);
		e->values[e->nkv++] = v;
		if (!v || !e->keys[e->nkv - 1])
			return -1;
		for (const char *p = eq + 1; *p; p++) {
			if (*p == '%' && evmf_hexdigit(p[1]) >= 0 && evmf_hexdigit(p[2]) >= 0) {
				*o++ = (char)(evmf_hexdigit(p[1]) << 4 | evmf_hexdigit(p[2]));
				p += 2;
			} else {
				*o++ = *p;
			}
		}
		*o = 0;
	}
	return 0;
}

/* The whole of a small file under dirfd, NUL-terminated; NULL with errno. */
static char *slurp(int dirfd, const char *name, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	size_t cap = 4096, n = 0;
	char *buf = NULL;
	struct stat st;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto fail;
	}
	buf = malloc(cap);
	for (;;) {
		ssize_t r;

		if (!buf)
			goto fail;
		if (n + 1 >= cap) {
			char *b = realloc(buf, cap *= 2);

			if (!b)
				goto fail;
			buf = b;
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r < 0)
			goto fail;
		if (!r)
			break;
		n += (size_t)r;
	}
	buf[n] = 0;
	*len = n;
	close(fd);
	return buf;
fail:
	free(buf);
	close(fd);
	return NULL;
}

int evm_read(int casefd, struct evm *m)
{
	size_t len = 0;
	char *text = slurp(casefd, EVM_MANIFEST, &len), *p;
	uint8_t prev[32] = { 0 };

	memset(m, 0, sizeof(*m));
	if (!text)
		return errno == ENOENT ? 0 : -1;
	for (p = text; p < text + len;) {
		char *nl = memchr(p, '\n', (size_t)(text + len - p));
		size_t ll = nl ? (size_t)(nl - p) + 1 : (size_t)(text + len - p);
		struct evm_entry *e;
		struct sha256 h = { 0 };
		uint8_t want[32];
		const char *pv;
		char *copy;

		if (!(e = bytes_grow(m->e, m->n, sizeof(*e))))
			goto fail;
		m->e = e;
		e = &m->e[m->n++];
		memset(e, 0, sizeof(*e));
		if (sha256_init(&h) < 0)
			goto fail;
		sha256_update(&h, p, ll);
		sha256_final(&h, e->hash);
		sha256_free(&h);
		copy = strndup(p, nl ? ll - 1 : ll);
		if (!copy)
			goto fail;
		if (!nl) {
			e->broken = 1;
			snprintf(e->why, sizeof(e->why), "line %zu has no newline: the file was cut", m->n);
		} else if (parse_line(copy, e) < 0) {
			e->broken = 1;
			snprintf(e->why, sizeof(e->why), "line %zu is malformed", m->n);
		} else if (evmf_unhex(pv = evm_get(e, "prev"), want) < 0) {
			e->broken = 1;
			snprintf(e->why, sizeof(e->why), "line %zu has no prev= hash", m->n);
		} else if (memcmp(want, prev, 32)) {
			e->broken = 1;
			snprintf(e->why, sizeof(e->why),
				 "line %zu (entry %u): chain broken: its prev= is not the hash of the line before it (a line was removed, changed, inserted or reordered)",
				 m->n, e->n);
		} else if (e->n != m->n) {
			e->broken = 1;
			snprintf(e->why, sizeof(e->why), "line %zu is numbered %u: entries were reordered",
				 m->n, e->n);
		}
		free(copy);
		memcpy(prev, e->hash, 32);
		p += ll;
	}
	memcpy(m->head, prev, 32);
	free(text);
	return 0;
fail:
	free(text);
	evm_free(m);
	errno = ENOMEM;
	return -1;
}

void evm_free(struct evm *m)
{
	for (size_t i = 0; i < m->n; i++) {
		for (size_t k = 0; k < m->e[i].nkv; k++) {
			free(m->e[i].keys[k]);
			free(m->e[i].values[k]);
		}
		free(m->e[i].keys);
		free(m->e[i].values);
	}
	free(m->e);
	memset(m, 0, sizeof(*m));
}

int evm_head_text(const char *case_id, const struct evm *m, char *buf, size_t len)
{
	char hex[65];

	sha256_hex(m->head, hex);
	return snprintf(buf, len, "pktcap-manifest case=%s entries=%zu head=%s\n", case_id, m->n,
			hex);
}

/* Writes NAME.tmp under dirfd whole and syncs it; nothing is left on failure. */
static int write_tmp(int dirfd, const char *name, const void *data, size_t len, mode_t mode)
{
	char tmp[64];
	int fd, saved;

	snprintf(tmp, sizeof(tmp), "%s.tmp", name);
	unlinkat(dirfd, tmp, 0);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd < 0)
		return -1;
	errno = 0;
	if (write(fd, data, len) != (ssize_t)len || fsync(fd) < 0) {
		saved = errno ? errno : ENOSPC;	/* a short write */
		close(fd);
		unlinkat(dirfd, tmp, 0);
		errno = saved;
		return -1;
	}
	return close(fd);
}

/* NAME.tmp becomes NAME. */
static int rename_tmp(int dirfd, const char *name)
{
	char tmp[64];

	snprintf(tmp, sizeof(tmp), "%s.tmp", name);
	return renameat(dirfd, tmp, dirfd, name);
}

/* One "HEX  NAME" line of SHA256SUMS. */
struct sum {
	const char *name;
	char hex[65];
};

static int sum_cmp(const void *a, const void *b)
{
	return strcmp(((const struct sum *)a)->name, ((const struct sum *)b)->name);
}

static void sum_of(struct sum *s, const char *name, const void *data, size_t len)
{
	struct sha256 h = { 0 };
	uint8_t d[32] = { 0 };

	s->name = name;
	if (sha256_init(&h) == 0) {
		sha256_update(&h, data, len);
		sha256_final(&h, d);
	}
	sha256_free(&h);
	sha256_hex(d, s->hex);
}

size_t evm_held_from(const struct evm *m)
{
	size_t from = 0;

	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->e[i].type, "release"))
			from = i + 1;
	return from;
}

/* The held files, with their seals. */
static size_t held_sums(const struct evm *m, struct sum *out)
{
	size_t n = 0;

	for (size_t i = evm_held_from(m); i < m->n; i++) {
		const struct evm_entry *e = &m->e[i];
		const char *name = evm_get(e, "file"), *hex = evm_get(e, "sha256");

		if (!strcmp(e->type, "file") && name && hex && strlen(hex) == 64) {
			out[n].name = name;
			snprintf(out[n++].hex, sizeof(out->hex), "%s", hex);
		}
	}
	return n;
}

/*
 * SHA256SUMS text for the case directory as it will be: HEAD, MANIFEST,
 * MANIFEST.sig hashed as written and every held file by its seal, sorted
 * by name as LC_ALL=C sort does. NULL on failure.
 */
static char *sums_text(const struct evm *m, const char *manifest, size_t mlen, const char *head,
		       size_t hlen, const uint8_t sig[64], size_t *len)
{
	struct sum *s = calloc(m->n + 3, sizeof(*s));
	struct evm_line out = { 0 };
	size_t n;

	if (!s)
		return NULL;
	n = held_sums(m, s);
	sum_of(&s[n++], EVM_HEAD, head, hlen);
	sum_of(&s[n++], EVM_MANIFEST, manifest, mlen);
	sum_of(&s[n++], EVM_SIG, sig, 64);
	qsort(s, n, sizeof(*s), sum_cmp);
	for (size_t i = 0; i < n; i++) {
		put(&out, s[i].hex, 64);
		put(&out, "  ", 2);
		put(&out, s[i].name, strlen(s[i].name));
		put(&out, "\n", 1);
	}
	free(s);
	if (out.failed) {
		evm_line_free(&out);
		return NULL;
	}
	*len = out.len;
	return out.buf;
}

/* The four companions of a manifest, in the order they are renamed into place. */
static const char *const own_names[4] = { EVM_HEAD, EVM_SIG, EVM_SUMS, EVM_SUMS_SIG };

/* Their contents, as they are to be written. */
struct companions {
	char head[EVM_HEAD_MAX];
	size_t head_len, sums_len;
	uint8_t sig[64], sums_sig[64];
	char *sums;
};

static int make_companions(int casefd, const char *case_id, const struct evm *m,
			   struct companions *c)
{
	size_t mlen = 0;
	char *manifest = slurp(casefd, EVM_MANIFEST, &mlen);
	int n = evm_head_text(case_id, m, c->head, sizeof(c->head)), rc = -1;

	c->sums = NULL;
	if (!manifest && errno == ENOENT)
		manifest = strdup("");
	if (!manifest || n < 0 || (size_t)n >= sizeof(c->head))
		goto out;
	c->head_len = (size_t)n;
	errno = ENOKEY;
	if (evm_sign(c->head, c->head_len, c->sig) < 0)
		goto out;
	errno = ENOMEM;
	c->sums = sums_text(m, manifest, mlen, c->head, c->head_len, c->sig, &c->sums_len);
	if (!c->sums)
		goto out;
	errno = ENOKEY;
	if (evm_sign(c->sums, c->sums_len, c->sums_sig) < 0)
		goto out;
	rc = 0;
out:
	free(manifest);
	return rc;
}

/* 1 when name under dirfd holds exactly these bytes. */
static int same_file(int dirfd, const char *name, const void *data, size_t len)
{
	size_t have = 0;
	char *text = slurp(dirfd, name, &have);
	int same = text && have == len && !memcmp(text, data, len);

	free(text);
	return same;
}

int evm_write_companions(int casefd, const char *case_id, const struct evm *m)
{
	struct companions c;
	int stale[4] = { 0 }, any = 0, rc = -1;

	if (make_companions(casefd, case_id, m, &c) < 0)
		return -1;
	{
		const void *data[4] = { c.head, c.sig, c.sums, c.sums_sig };
		size_t len[4] = { c.head_len, 64, c.sums_len, 64 };

		/* Every temporary file first: a full disk fails here, before anything changed. */
		for (int i = 0; i < 4; i++) {
			stale[i] = !same_file(casefd, own_names[i], data[i], len[i]);
			if (stale[i] && write_tmp(casefd, own_names[i], data[i], len[i], 0440) < 0)
				goto out;
			any |= stale[i];
		}
	}
	for (int i = 0; i < 4; i++)
		if (stale[i] && rename_tmp(casefd, own_names[i]) < 0)
			goto out;
	if (any && fsync(casefd) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		evm_clean_tmp(casefd);
	free(c.sums);
	return rc;
}

int evm_refresh(int casefd, const char *case_id)
{
	struct evm m;
	int rc;

	if (evm_read(casefd, &m) < 0)
		return -1;
	rc = evm_write_companions(casefd, case_id, &m);
	evm_free(&m);
	return rc;
}

void evm_clean_tmp(int casefd)
{
	char tmp[64];
	int saved = errno;

	for (size_t i = 0; i < 4; i++) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", own_names[i]);
		unlinkat(casefd, tmp, 0);
	}
	errno = saved;
}

/* MANIFEST's size, 0 when there is none; -1 with errno. */
static int manifest_size(int casefd, uint64_t *size)
{
	struct stat st;

	*size = 0;
	if (casefd < 0)
		return 0;
	if (fstatat(casefd, EVM_MANIFEST, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		return -1;
	}
	*size = (uint64_t)st.st_size;
	return 0;
}

/* The lines to append after prev, numbered from first; 0 or -1. */
static int chain_lines(struct evm_line *out, const char *const *type, struct evm_line *lines,
		       size_t count, size_t first, uint8_t prev[32])
{
	for (size_t i = 0; i < count; i++) {
		struct sha256 h = { 0 };
		char hex[65], num[24];
		size_t start = out->len;

		if (lines[i].failed)
			return -1;
		sha256_hex(prev, hex);
		snprintf(num, sizeof(num), "%zu ", first + i);
		put(out, num, strlen(num));
		put(out, type[i], strlen(type[i]));
		put(out, " ", 1);
		put(out, lines[i].buf, lines[i].len);
		put(out, " prev=", 6);
		put(out, hex, 64);
		put(out, "\n", 1);
		if (out->failed || sha256_init(&h) < 0)
			return -1;
		sha256_update(&h, out->buf + start, out->len - start);
		sha256_final(&h, prev);
		sha256_free(&h);
	}
	return 0;
}

int evm_prepare(int casefd, const char *case_id, const char *const *type,
		struct evm_line *lines, size_t count, struct evm_txn *t)
{
	struct evm m = { 0 };
	struct evm_line out = { 0 };
	int rc = -1;

	memset(t, 0, sizeof(*t));
	if (manifest_size(casefd, &t->old_len) < 0 || (casefd >= 0 && evm_read(casefd, &m) < 0))
		return -1;
	/* Appending to a broken chain would make it look whole from here on. */
	for (size_t i = 0; i < m.n; i++)
		if (m.e[i].broken) {
			log_case(LOG_ERR, case_id, NULL, "MANIFEST: %s; not appending (pktctl verify)",
				 m.e[i].why);
			errno = EBADMSG;
			goto out;
		}
	memcpy(t->new_head, m.head, 32);
	errno = ENOMEM;
	if (chain_lines(&out, type, lines, count, m.n + 1, t->new_head) < 0)
		goto out;
	t->text = out.buf;
	t->len = out.len;
	t->new_len = t->old_len + out.len;
	t->old_entries = m.n;
	t->new_entries = m.n + count;
	memset(&out, 0, sizeof(out));
	rc = 0;
out:
	evm_line_free(&out);
	evm_free(&m);
	return rc;
}

void evm_txn_free(struct evm_txn *t)
{
	free(t->text);
	t->text = NULL;
}

int evm_commit(int casefd, const struct evm_txn *t)
{
	int fd = openat(casefd, EVM_MANIFEST, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC,
			0640), saved;
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0)
		goto fail;
	if ((uint64_t)st.st_size != t->old_len) {
		errno = EBADMSG;	/* someone else wrote it meanwhile */
		goto fail;
	}
	errno = 0;
	if (write(fd, t->text, t->len) != (ssize_t)t->len || fsync(fd) < 0) {
		if (!errno)
			errno = ENOSPC;
		goto cut;
	}
	close(fd);
	/* A new MANIFEST's name must be durable as well. */
	return t->old_len || fsync(casefd) == 0 ? 0 : -1;
cut:
	saved = errno;
	if (ftruncate(fd, (off_t)t->old_len) == 0)
		fsync(fd);
	errno = saved;
fail:
	saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

int evm_committed(int casefd, uint64_t new_len, const uint8_t new_head[32])
{
	uint64_t size;
	struct evm m;
	int whole;

	if (manifest_size(casefd, &size) < 0)
		return -1;
	if (size != new_len)
		return 0;
	if (evm_read(casefd, &m) < 0)
		return -1;
	whole = !memcmp(m.head, new_head, 32);
	for (size_t i = 0; whole && i < m.n; i++)
		whole = !m.e[i].broken;
	evm_free(&m);
	return whole;
}

int evm_truncate(int casefd, uint64_t len)
{
	uint64_t size;
	int fd, rc;

	if (manifest_size(casefd, &size) < 0)
		return -1;
	if (size <= len)
		return 0;
	fd = openat(casefd, EVM_MANIFEST, O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = ftruncate(fd, (off_t)len) < 0 || fsync(fd) < 0 ? -1 : 0;
	close(fd);
	return rc;
}

int evm_append(int casefd, const char *case_id, const char *const *type,
	       struct evm_line *lines, size_t count, char head_hex[65])
{
	struct evm_txn t;
	int rc = -1;

	if (evm_prepare(casefd, case_id, type, lines, count, &t) < 0)
		return -1;
	if (evm_commit(casefd, &t) < 0)
		goto out;
	sha256_hex(t.new_head, head_hex);
	rc = evm_refresh(casefd, case_id);
out:
	evm_txn_free(&t);
	return rc;
}

/* The public half as PEM, kept for pktctl key and beside the private key. */
static int make_pub_pem(void)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data;
	long n;

	if (!b || !PEM_write_bio_PUBKEY(b, key)) {
		BIO_free(b);
		return -1;
	}
	n = BIO_get_mem_data(b, &data);
	pub_pem = strndup(data, (size_t)n);
	BIO_free(b);
	return pub_pem ? 0 : -1;
}

int evm_key_init(const char *state_dir, uid_t uid, gid_t gid)
{
	int dfd = -1, fd = -1, rc = -1;
	FILE *f = NULL;
	struct stat st;
	uint8_t sig[64];

	if (mkdir(state_dir, 0700) == 0) {
		if (uid != (uid_t)-1 && chown(state_dir, uid, gid) < 0)
			goto fail_errno;
	} else if (errno != EEXIST) {
		goto fail_errno;
	}
	dfd = open(state_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0 || fstat(dfd, &st) < 0)
		goto fail_errno;
	/* Whoever else could write here could swap the key. */
	if ((st.st_mode & 022) || (st.st_uid != 0 && st.st_uid != geteuid() && st.st_uid != uid)) {
		log_err("state-directory %s: must belong to root or the daemon's user and be writable by no one else",
			state_dir);
		goto out;
	}
	fd = openat(dfd, EVM_KEY_FILE, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077)) {
			log_err("%s/%s: must be a regular file of mode 0600", state_dir, EVM_KEY_FILE);
			goto out;
		}
		f = fdopen(fd, "r");
		if (!f)
			goto fail_errno;
		fd = -1;
		key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
		if (!key || EVP_PKEY_get_id(key) != EVP_PKEY_ED25519) {
			log_err("%s/%s: not an Ed25519 private key", state_dir, EVM_KEY_FILE);
			goto out;
		}
	} else if (errno == ENOENT) {
		key = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519");
		fd = openat(dfd, EVM_KEY_FILE, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0600);
		if (!key || fd < 0)
			goto fail_errno;
		if (uid != (uid_t)-1 && fchown(fd, uid, gid) < 0)
			goto fail_errno;
		f = fdopen(fd, "w");
		if (!f)
			goto fail_errno;
		fd = -1;
		if (!PEM_write_PrivateKey(f, key, NULL, NULL, 0, NULL, NULL) || fflush(f) ||
		    fdatasync(fileno(f)) < 0)
			goto fail_errno;
		log_notice("made the host's evidence key %s/%s", state_dir, EVM_KEY_FILE);
	} else {
		goto fail_errno;
	}
	if (make_pub_pem() < 0)
		goto out;
	fd = openat(dfd, EVM_PUB_FILE, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (write(fd, pub_pem, strlen(pub_pem)) < 0)
			log_warn("%s/%s: %s", state_dir, EVM_PUB_FILE, strerror(errno));
		close(fd);
		fd = -1;
	}
	/* Once now, so that whatever libcrypto loads on first use is loaded before the drop. */
	if (evm_sign("pktcap", 6, sig) < 0 || evm_check("pktcap", 6, sig, sizeof(sig)) != 1)
		goto out;
	rc = 0;
	goto out;
fail_errno:
	log_err("state-directory %s: evidence key: %s", state_dir, strerror(errno));
out:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	if (rc < 0)
		evm_key_free();
	return rc;
}

int evm_sign(const void *msg, size_t len, uint8_t sig[64])
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t siglen = 64;
	int rc = -1;

	if (key && ctx && EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 &&
	    EVP_DigestSign(ctx, sig, &siglen, msg, len) == 1 && siglen == 64)
		rc = 0;
	EVP_MD_CTX_free(ctx);
	return rc;
}

int evm_check(const void *msg, size_t len, const uint8_t *sig, size_t siglen)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	int rc = -1;

	if (key && ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1)
		rc = EVP_DigestVerify(ctx, sig, siglen, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	return rc;
}

const char *evm_pubkey_pem(void)
{
	return pub_pem;
}

void evm_key_free(void)
{
	EVP_PKEY_free(key);
	key = NULL;
	free(pub_pem);
	pub_pem = NULL;
}

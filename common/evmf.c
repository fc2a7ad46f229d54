/* evmf.c: reading what a case directory states: the MANIFEST chain, HEAD's text, SHA256SUMS lines */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "evmf.h"
#include "sha256.h"

void evmf_escape(const char *name, char *out, size_t outlen)
{
	size_t o = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p && o + 5 < outlen; p++) {
		if (*p >= 0x20 && *p < 0x7f && *p != '\\')
			out[o++] = (char)*p;
		else
			o += (size_t)snprintf(out + o, outlen - o, "\\x%02x", *p);
	}
	out[o] = 0;
}

void evmf_sha256(const void *data, size_t len, uint8_t out[32])
{
	struct sha256 h = { 0 };

	memset(out, 0, 32);
	if (sha256_init(&h) == 0) {
		sha256_update(&h, data, len);
		sha256_final(&h, out);
	}
	sha256_free(&h);
}

int evmf_hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int evmf_unhex(const char *hex, uint8_t out[32])
{
	if (!hex || strlen(hex) != 64)
		return -1;
	for (int i = 0; i < 32; i++) {
		int hi = evmf_hexdigit(hex[2 * i]), lo = evmf_hexdigit(hex[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

int evmf_sums_add(struct evmf_sums *s, const char *name, const uint8_t sha[32], uint64_t size)
{
	struct evmf_sum *ne = bytes_grow(s->e, s->n, sizeof(*ne));

	if (!ne)
		return -1;
	s->e = ne;
	memset(&ne[s->n], 0, sizeof(*ne));
	ne[s->n].name = strdup(name);
	if (!ne[s->n].name)
		return -1;
	memcpy(ne[s->n].sha, sha, 32);
	ne[s->n++].size = size;
	return 0;
}

/* One line, "HEX  NAME" without its newline, with lowercase hex only (as sha256sum writes). */
static int sums_line(struct evmf_sums *s, const char *p, size_t len)
{
	char hex[65], name[256];
	uint8_t sha[32];

	if (len < 67 || len - 66 >= sizeof(name) || p[64] != ' ' || p[65] != ' ')
		return -1;
	memcpy(hex, p, 64);
	hex[64] = 0;
	memcpy(name, p + 66, len - 66);
	name[len - 66] = 0;
	if (strspn(hex, "0123456789abcdef") != 64 || evmf_unhex(hex, sha) < 0 ||
	    strlen(name) != len - 66 || strchr(name, '/') || !strcmp(name, ".") ||
	    !strcmp(name, ".."))
		return -1;
	if (s->n && strcmp(s->e[s->n - 1].name, name) > 0)
		return -1;
	return evmf_sums_add(s, name, sha, UINT64_MAX);
}

int evmf_sums_parse(const char *text, size_t len, struct evmf_sums *s)
{
	const char *p = text, *end = text + len;

	memset(s, 0, sizeof(*s));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!nl || sums_line(s, p, (size_t)(nl - p)) < 0) {
			evmf_sums_free(s);
			return -1;
		}
		p = nl + 1;
	}
	return 0;
}

struct evmf_sum *evmf_sums_find(const struct evmf_sums *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->e[i].name, name))
			return &s->e[i];
	return NULL;
}

int evmf_sums_copy(struct evmf_sums *dst, const struct evmf_sums *src)
{
	memset(dst, 0, sizeof(*dst));
	for (size_t i = 0; i < src->n; i++)
		if (evmf_sums_add(dst, src->e[i].name, src->e[i].sha, src->e[i].size) < 0)
			return -1;
	return 0;
}

static int sum_cmp(const void *a, const void *b)
{
	return strcmp(((const struct evmf_sum *)a)->name, ((const struct evmf_sum *)b)->name);
}

char *evmf_sums_text(struct evmf_sums *s, size_t *len)
{
	size_t cap = 1, o = 0;
	char *text;

	qsort(s->e, s->n, sizeof(*s->e), sum_cmp);
	for (size_t i = 0; i < s->n; i++)
		cap += 67 + strlen(s->e[i].name);
	text = malloc(cap);
	for (size_t i = 0; text && i < s->n; i++) {
		sha256_hex(s->e[i].sha, text + o);
		o += 64;
		o += (size_t)snprintf(text + o, cap - o, "  %s\n", s->e[i].name);
	}
	if (text)
		text[o] = 0;
	*len = o;
	return text;
}

void evmf_sums_free(struct evmf_sums *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->e[i].name);
	free(s->e);
	memset(s, 0, sizeof(*s));
}

/* A value as stored, %XX decoded; malloc'd. */
static char *decode(const char *v)
{
	char *out = malloc(strlen(v) + 1), *o = out;

	for (const char *p = v; out && *p; p++) {
		if (*p == '%' && evmf_hexdigit(p[1]) >= 0 && evmf_hexdigit(p[2]) >= 0) {
			*o++ = (char)(evmf_hexdigit(p[1]) << 4 | evmf_hexdigit(p[2]));
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	if (out)
		*o = 0;
	return out;
}

/* The first value of each key the verifier uses; the others are the chain's to protect. */
static int take(struct evmf_entry *e, const char *k, const char *v, char *prev)
{
	char **slot = !strcmp(k, "case")     ? &e->case_id
		      : !strcmp(k, "file")   ? &e->file
		      : !strcmp(k, "sha256") ? &e->sha256
		      : !strcmp(k, "size")   ? &e->size
					     : NULL;

	if (!strcmp(k, "prev")) {
		if (!*prev)
			snprintf(prev, 65, "%.64s", strlen(v) == 64 ? v : "x");
		return 0;
	}
	if (!slot || *slot)
		return 0;
	*slot = decode(v);
	return *slot ? 0 : -1;
}

/* "N TYPE k=v ... prev=HEX" (modified in place): 0, -1 malformed, -2 out of memory. */
static int parse_line(char *line, struct evmf_entry *e, char prev[65])
{
	char *save = NULL, *tok, *end;
	unsigned long n;

	*prev = 0;
	tok = strtok_r(line, " ", &save);
	if (!tok || *tok < '1' || *tok > '9')
		return -1;
	errno = 0;
	n = strtoul(tok, &end, 10);
	if (*end || errno || n > 0xffffffffu)
		return -1;
	e->n = (unsigned)n;
	tok = strtok_r(NULL, " ", &save);
	if (!tok || strlen(tok) >= sizeof(e->type))
		return -1;
	strcpy(e->type, tok);
	while ((tok = strtok_r(NULL, " ", &save))) {
		char *eq = strchr(tok, '=');

		if (!eq || eq == tok)
			return -1;
		*eq = 0;
		if (take(e, tok, eq + 1, prev) < 0)
			return -2;
	}
	return 0;
}

static void entry_free(struct evmf_entry *e)
{
	free(e->case_id);
	free(e->file);
	free(e->sha256);
	free(e->size);
	memset(e, 0, sizeof(*e));
}

/* Line number lineno of length ll (newline included, if any): appended, or the break noted. */
static int one_line(struct evmf *m, const char *p, size_t ll, int has_nl)
{
	struct evmf_entry e = { 0 };
	char *copy = strndup(p, has_nl ? ll - 1 : ll), prev[65];
	size_t no = ++m->lines;
	uint8_t want[32], hash[32];
	int rc;

	if (!copy)
		return -1;
	evmf_sha256(p, ll, hash);
	rc = has_nl ? parse_line(copy, &e, prev) : -1;
	free(copy);
	if (rc == -2) {
		entry_free(&e);
		return -1;
	}
	if (!has_nl)
		snprintf(m->why, sizeof(m->why), "line %zu has no newline: the file was cut", no);
	else if (rc < 0)
		snprintf(m->why, sizeof(m->why), "line %zu is malformed", no);
	else if (evmf_unhex(prev, want) < 0)
		snprintf(m->why, sizeof(m->why), "line %zu has no prev= hash", no);
	else if (memcmp(want, m->head, 32))
		snprintf(m->why, sizeof(m->why),
			 "line %zu (entry %u): chain broken: its prev= is not the hash of the line before it (a line was removed, changed, inserted or reordered)",
			 no, e.n);
	else if (e.n != no)
		snprintf(m->why, sizeof(m->why), "line %zu is numbered %u: entries were reordered", no,
			 e.n);
	if (*m->why) {
		m->broken = 1;
		entry_free(&e);
		return 0;
	}
	{
		struct evmf_entry *ne = bytes_grow(m->e, m->n, sizeof(*ne));

		if (!ne) {
			entry_free(&e);
			return -1;
		}
		m->e = ne;
		m->e[m->n++] = e;
	}
	memcpy(m->head, hash, 32);
	return 0;
}

int evmf_parse(const char *text, size_t len, struct evmf *m)
{
	const char *p = text, *end = text + len;

	memset(m, 0, sizeof(*m));
	while (p < end && !m->broken) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t ll = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (one_line(m, p, ll, nl != NULL) < 0) {
			evmf_free(m);
			errno = ENOMEM;
			return -1;
		}
		p += ll;
	}
	return 0;
}

void evmf_free(struct evmf *m)
{
	for (size_t i = 0; i < m->n; i++)
		entry_free(&m->e[i]);
	free(m->e);
	memset(m, 0, sizeof(*m));
}

/* A held file's name stays in its directory. */
static int safe_name(const char *s)
{
	return s && *s && *s != '.' && !strchr(s, '/') && strlen(s) < 256;
}

int evmf_held(const struct evmf *m, struct evmf_sums *held, char *why, size_t whylen)
{
	memset(held, 0, sizeof(*held));
	for (size_t i = 0; i < m->n; i++) {
		const struct evmf_entry *e = &m->e[i];
		uint8_t sha[32];
		char *end;
		unsigned long long size;

		if (!strcmp(e->type, "release")) {
			evmf_sums_free(held);
			continue;
		}
		if (strcmp(e->type, "file"))
			continue;
		size = e->size ? strtoull(e->size, &end, 10) : 0;
		if (!safe_name(e->file) || evmf_unhex(e->sha256, sha) < 0 || !e->size ||
		    !*e->size || *end || *e->size == '-') {
			snprintf(why, whylen, "entry %u: a file entry without a valid file, sha256 or size",
				 e->n);
			evmf_sums_free(held);
			return -1;
		}
		if (evmf_sums_add(held, e->file, sha, size) < 0) {
			snprintf(why, whylen, "out of memory");
			evmf_sums_free(held);
			return -1;
		}
	}
	return 0;
}

char *evmf_head_text(const char *case_id, const struct evmf *m, size_t *len)
{
	char hex[65], *text = NULL;
	int n;

	sha256_hex(m->head, hex);
	n = asprintf(&text, "pktcap-manifest case=%s entries=%zu head=%s\n", case_id, m->n, hex);
	if (n < 0)
		return NULL;
	*len = (size_t)n;
	return text;
}

/* evmf.h: reading what a case directory states: the MANIFEST chain, HEAD's text, SHA256SUMS lines */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EVMF_H
#define PKTCAP_EVMF_H

#include <stddef.h>
#include <stdint.h>

/*
 * The read side of daemon/evidence/evmanifest.h's format, for the verifier
 * that runs without the daemon (pktctl verify --dir). It trusts nothing it
 * reads: every line is checked before it is used, and the first break ends
 * the reading (what follows a break is not part of a whole chain).
 */

/* Room for any name escaped (255 bytes, 4 each) and a NUL. */
#define EVMF_ESC_MAX 1024

/* name for a terminal or a log line: bytes outside printable ASCII, and '\', as \xNN. */
void evmf_escape(const char *name, char *out, size_t outlen);
void evmf_sha256(const void *data, size_t len, uint8_t out[32]);
/* A hex digit's value (either case), or -1. */
int evmf_hexdigit(int c);
int evmf_unhex(const char *hex, uint8_t out[32]);

/* One "HEX  NAME" line; size is UINT64_MAX when the source does not say it. */
struct evmf_sum {
	char *name;
	uint8_t sha[32];
	uint64_t size;
	int bad;		/* set by the caller: the file did not check out */
};

struct evmf_sums {
	struct evmf_sum *e;
	size_t n;
};

/* sha256sum lines, lowercase hex, names without '/', sorted by name (byte order). 0 or -1. */
int evmf_sums_parse(const char *text, size_t len, struct evmf_sums *s);
struct evmf_sum *evmf_sums_find(const struct evmf_sums *s, const char *name);
int evmf_sums_add(struct evmf_sums *s, const char *name, const uint8_t sha[32], uint64_t size);
int evmf_sums_copy(struct evmf_sums *dst, const struct evmf_sums *src);
/* The lines in SHA256SUMS's order and format; malloc'd, NULL on failure. */
char *evmf_sums_text(struct evmf_sums *s, size_t *len);
void evmf_sums_free(struct evmf_sums *s);

struct evmf_entry {
	unsigned n;
	char type[16];
	char *case_id, *file, *sha256, *size;	/* decoded; NULL when absent */
};

struct evmf {
	struct evmf_entry *e;	/* the whole lines before the first break */
	size_t n;
	size_t lines;		/* lines read, the broken one included */
	uint8_t head[32];	/* hash of the last whole line */
	int broken;
	char why[256];		/* the first break */
};

/* Reads MANIFEST's text; a break is in m->broken and m->why. -1 only when out of memory. */
int evmf_parse(const char *text, size_t len, struct evmf *m);
void evmf_free(struct evmf *m);
/*
 * The files held: of the file entries after the last release, with their
 * seals and sizes. -1 with the reason in why when a file entry lacks them.
 */
int evmf_held(const struct evmf *m, struct evmf_sums *held, char *why, size_t whylen);
/* HEAD's text for m: "pktcap-manifest case=CASE entries=N head=HEX\n"; malloc'd. */
char *evmf_head_text(const char *case_id, const struct evmf *m, size_t *len);

#endif

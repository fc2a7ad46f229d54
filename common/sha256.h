/* sha256.h: SHA-256 of capture files, through libcrypto (which uses the CPU's SHA instructions) */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_SHA256_H
#define PKTCAP_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct evp_md_ctx_st;

/* Zero-initialise before the first sha256_init; sha256_free releases it. */
struct sha256 {
	struct evp_md_ctx_st *ctx;
};

int sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
void sha256_final(struct sha256 *s, uint8_t digest[32]);
void sha256_free(struct sha256 *s);
/* Hashes what is left of fd to its end; *size counts the bytes. 0, or -1 (errno set). */
int sha256_fd(int fd, uint8_t digest[32], uint64_t *size);
/* 64 lowercase hex digits and a NUL. */
void sha256_hex(const uint8_t digest[32], char hex[65]);

#endif

/* sha256.c: SHA-256 through libcrypto's EVP interface, reusing one context per ring */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "sha256.h"

/*
 * Every byte a ring writes is hashed on the writer thread: libcrypto's
 * SHA-NI code runs at about 2 GB/s on this hardware, a portable C version
 * at a tenth of that, which cost half the packets at 500 MB/s.
 */
int sha256_init(struct sha256 *s)
{
	if (!s->ctx)
		s->ctx = EVP_MD_CTX_new();
	if (!s->ctx || EVP_DigestInit_ex(s->ctx, EVP_sha256(), NULL) != 1)
		return -1;
	return 0;
}

void sha256_update(struct sha256 *s, const void *data, size_t len)
{
	if (s->ctx)
		EVP_DigestUpdate(s->ctx, data, len);
}

void sha256_final(struct sha256 *s, uint8_t digest[32])
{
	unsigned int n = 32;

	memset(digest, 0, 32);
	if (s->ctx)
		EVP_DigestFinal_ex(s->ctx, digest, &n);
}

void sha256_free(struct sha256 *s)
{
	EVP_MD_CTX_free(s->ctx);
	s->ctx = NULL;
}

void sha256_hex(const uint8_t digest[32], char hex[65])
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < 32; i++) {
		hex[2 * i] = digits[digest[i] >> 4];
		hex[2 * i + 1] = digits[digest[i] & 15];
	}
	hex[64] = 0;
}

int sha256_fd(int fd, uint8_t digest[32], uint64_t *size)
{
	struct sha256 s = { 0 };
	uint8_t *buf = malloc(1 << 20);
	ssize_t n = -1;

	*size = 0;
	if (buf && sha256_init(&s) == 0) {
		do
			n = read(fd, buf, 1 << 20);
		while (n < 0 && errno == EINTR);
		while (n > 0) {
			sha256_update(&s, buf, (size_t)n);
			*size += (uint64_t)n;
			do
				n = read(fd, buf, 1 << 20);
			while (n < 0 && errno == EINTR);
		}
		sha256_final(&s, digest);
	}
	sha256_free(&s);
	free(buf);
	return n < 0 ? -1 : 0;
}

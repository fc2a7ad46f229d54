/* cryptolazy.c: the libcrypto calls pktctl makes, libcrypto loaded only when a command hashes */
/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libcrypto is the largest library pktctl would load (5 MB, thousands of
 * relocations): 3 to 5 ms of every cold start (docs/benchmarks.md,
 * "Start-up"), although only `verify` and `export` hash or check a
 * signature (common/sha256.c and common/evcheck.c, shared with the daemon,
 * which keeps linking libcrypto directly). So pktctl is linked without it
 * and these definitions stand in for the 13 functions those objects call:
 * the first call opens libcrypto with dlopen and every call goes on to the
 * real function. If it cannot be loaded, each says so once on stderr and
 * fails the way libcrypto itself reports failure (NULL, 0), which the
 * callers already handle.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdio.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#ifndef CRYPTO_SONAME
#define CRYPTO_SONAME "libcrypto.so.3"
#endif

/* libcrypto's NAME, NULL if it or the library is missing (reported once). */
static void *fn(const char *name)
{
	static int tried;
	static void *h;
	void *p;

	if (!tried) {
		tried = 1;
		h = dlopen(CRYPTO_SONAME, RTLD_NOW | RTLD_LOCAL);
		if (!h)
			fprintf(stderr, "pktctl: %s\n", dlerror());
	}
	if (!h)
		return NULL;
	p = dlsym(h, name);
	if (!p)
		fprintf(stderr, "pktctl: %s lacks %s\n", CRYPTO_SONAME, name);
	return p;
}

/*
 * RET NAME PARAMS forwards ARGS to libcrypto's NAME, or returns FAIL.
 * The pointer is looked up once: EVP_DigestUpdate runs per block of a file.
 */
#define FORWARD(ret, name, params, args, fail)			\
	ret name params						\
	{							\
		static ret (*f) params;				\
								\
		if (!f)						\
			f = (ret (*) params)fn(#name);		\
		return f ? f args : (fail);			\
	}

/* The same for a function returning nothing (a free: nothing to free without the library). */
#define FORWARD_VOID(name, params, args)			\
	void name params					\
	{							\
		static void (*f) params;			\
								\
		if (!f)						\
			f = (void (*) params)fn(#name);		\
		if (f)						\
			f args;					\
	}

/* common/sha256.c */
FORWARD(EVP_MD_CTX *, EVP_MD_CTX_new, (void), (), NULL)
FORWARD_VOID(EVP_MD_CTX_free, (EVP_MD_CTX *ctx), (ctx))
FORWARD(const EVP_MD *, EVP_sha256, (void), (), NULL)
FORWARD(int, EVP_DigestInit_ex, (EVP_MD_CTX *ctx, const EVP_MD *type, ENGINE *impl),
	(ctx, type, impl), 0)
FORWARD(int, EVP_DigestUpdate, (EVP_MD_CTX *ctx, const void *d, size_t cnt), (ctx, d, cnt), 0)
FORWARD(int, EVP_DigestFinal_ex, (EVP_MD_CTX *ctx, unsigned char *md, unsigned int *s),
	(ctx, md, s), 0)

/* common/evcheck.c: the host key and its Ed25519 signatures */
FORWARD(BIO *, BIO_new_mem_buf, (const void *buf, int len), (buf, len), NULL)
FORWARD(int, BIO_free, (BIO *a), (a), 0)
FORWARD(EVP_PKEY *, PEM_read_bio_PUBKEY, (BIO *bp, EVP_PKEY **x, pem_password_cb *cb, void *u),
	(bp, x, cb, u), NULL)
FORWARD(int, EVP_PKEY_get_id, (const EVP_PKEY *pkey), (pkey), 0)
FORWARD_VOID(EVP_PKEY_free, (EVP_PKEY *pkey), (pkey))
FORWARD(int, EVP_DigestVerifyInit,
	(EVP_MD_CTX *ctx, EVP_PKEY_CTX **pctx, const EVP_MD *type, ENGINE *e, EVP_PKEY *pkey),
	(ctx, pctx, type, e, pkey), 0)
FORWARD(int, EVP_DigestVerify,
	(EVP_MD_CTX *ctx, const unsigned char *sigret, size_t siglen, const unsigned char *tbs,
	 size_t tbslen),
	(ctx, sigret, siglen, tbs, tbslen), 0)

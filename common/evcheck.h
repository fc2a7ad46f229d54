/* evcheck.h: the one verifier of a case or export directory, for pktcapd's verify and pktctl verify --dir */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EVCHECK_H
#define PKTCAP_EVCHECK_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/*
 * What a directory that leaves the host must hold (docs/evidence.md):
 *
 *   SHA256SUMS      "HEX  NAME\n" per regular file but itself and its
 *                   signature, sorted by name (byte order)
 *   SHA256SUMS.sig  the host key's Ed25519 signature of SHA256SUMS
 *
 * A case adds MANIFEST (hash chain), HEAD and MANIFEST.sig, and its
 * SHA256SUMS must be what the manifest says: the files held after the last
 * release with their seals, and the three files' own hashes. An export
 * adds provenance.json ("format": "pktcap-export-2") and its capture.
 *
 * Every finding names one thing and one change gives one finding: a part
 * known to be changed is not used to accuse the parts that depend on it.
 */

/* Where a signature check's public key comes from. */
struct evcheck_key;

/* An Ed25519 public key from PEM (SubjectPublicKeyInfo); NULL with the reason in err. */
struct evcheck_key *evcheck_key_pem(const char *pem, size_t len, char *err, size_t errlen);
void evcheck_key_free(struct evcheck_key *k);
/* 1 when sig is k's signature of msg, else 0. */
int evcheck_signed(const struct evcheck_key *k, const void *msg, size_t len, const void *sig,
		   size_t siglen);

struct evcheck {
	int dirfd;			/* the directory checked */
	const char *case_id;		/* what HEAD must name; NULL: the manifest's case= */
	const struct evcheck_key *key;
	atomic_int *stop;		/* when set (another thread), stop within a MiB; or NULL */
	/* Each finding, one line of text with untrusted names escaped. */
	void (*finding)(void *arg, const char *text);
	/* After each MiB and file: the totals so far. May be NULL. */
	void (*progress)(void *arg, uint64_t files, uint64_t bytes);
	void *arg;
	/* Results. */
	unsigned findings;
	uint64_t files, bytes;		/* read and hashed */
	int stopped;
};

/* Checks a case or an export directory. 0 when done (see findings), -1 when stopped. */
int evcheck_dir(struct evcheck *c);

enum {
	EVCHECK_OK = 0,
	EVCHECK_FOUND = 1,	/* a finding was reported */
	EVCHECK_MISSING = 2,	/* name does not exist; not reported: the caller decides */
	EVCHECK_STOPPED = -1,
};

/*
 * Hashes every byte of the capture name through the one reader
 * (common/pcapfile) and compares it with want and size (UINT64_MAX: size
 * unknown). against names what want comes from in a finding ("sealed" for
 * a seal, "SHA256SUMS says" for the sums).
 */
int evcheck_file(struct evcheck *c, const char *name, const uint8_t want[32], uint64_t size,
		 const char *against);
/* Reports a finding about name (escaped): "NAME: what". */
void evcheck_report(struct evcheck *c, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif

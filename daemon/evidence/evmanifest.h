/* evmanifest.h: a case's hash-chained MANIFEST, its signed HEAD and SHA256SUMS, and the host's evidence key */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EVMANIFEST_H
#define PKTCAP_EVMANIFEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * STORAGE/evidence/CASE/ holds the held files and four files of its own
 * (docs/evidence.md draws them):
 *
 *   MANIFEST     one entry per line: "N TYPE key=value ... prev=HEX", where
 *                prev is the SHA-256 of the previous line (newline included),
 *                64 zeros for the first: a removed, changed, inserted or
 *                reordered line breaks the chain
 *   HEAD         "pktcap-manifest case=CASE entries=N head=HEX", head being
 *                the SHA-256 of the last line: a line cut off the end shows
 *   MANIFEST.sig the host's Ed25519 signature of HEAD (64 bytes)
 *   SHA256SUMS   "HEX  NAME" (sha256sum's format) for every other file of the
 *                directory, sorted by name: HEAD, MANIFEST, MANIFEST.sig as
 *                written, each held file by its seal
 *   SHA256SUMS.sig the host's Ed25519 signature of SHA256SUMS (64 bytes)
 *
 * Values are percent-encoded: every byte outside [A-Za-z0-9._:/@+,-] is %XX.
 */
#define EVM_MANIFEST "MANIFEST"
#define EVM_HEAD "HEAD"
#define EVM_SIG "MANIFEST.sig"
#define EVM_SUMS "SHA256SUMS"
#define EVM_SUMS_SIG "SHA256SUMS.sig"
/* The longest HEAD: "pktcap-manifest case=" 64 " entries=" 20 " head=" 64 "\n", and a NUL. */
#define EVM_HEAD_MAX 192
#define EVM_KEY_FILE "evidence-key.pem"
#define EVM_PUB_FILE "evidence-key.pub.pem"

/* One key=value list being built; evm_add* percent-encode. */
struct evm_line {
	char *buf;
	size_t len, cap;
	int failed;
};

void evm_add(struct evm_line *l, const char *key, const char *value);
void evm_addu(struct evm_line *l, const char *key, uint64_t value);
/* RFC 3339 UTC with nanoseconds. */
void evm_addtime(struct evm_line *l, const char *key, int64_t ns);
void evm_line_free(struct evm_line *l);

/* A manifest as read: its lines, each split into type and key=value pairs. */
struct evm_entry {
	unsigned n;
	char type[16];
	char **keys, **values;	/* decoded */
	size_t nkv;
	uint8_t hash[32];	/* of the line as stored */
	int broken;		/* prev does not match the line before, or the line is malformed */
	char why[200];
};

struct evm {
	struct evm_entry *e;
	size_t n;
	uint8_t head[32];	/* hash of the last line; zeros when empty */
};

/* The held files are the "file" entries from this index on: after the last release. */
size_t evm_held_from(const struct evm *m);
/* The value of key in e, or NULL. */
const char *evm_get(const struct evm_entry *e, const char *key);
/* Reads and checks casefd's MANIFEST (a missing one is empty). -1 with errno on failure. */
int evm_read(int casefd, struct evm *m);
void evm_free(struct evm *m);
/*
 * An append in three steps, so that a caller can make it part of a
 * transaction: evm_prepare reads and checks the manifest (casefd -1: a case
 * not made yet) and builds the lines; evm_commit appends and syncs them
 * (cutting MANIFEST back to old_len when that fails); evm_refresh then
 * writes the companions. evm_committed tells, after a crash, whether the
 * append is whole on disk; evm_truncate takes it back.
 */
struct evm_txn {
	uint64_t old_len, new_len;	/* MANIFEST's size before and after */
	size_t old_entries, new_entries;
	uint8_t new_head[32];
	char *text;			/* the lines appended */
	size_t len;
};

int evm_prepare(int casefd, const char *case_id, const char *const *type,
		struct evm_line *lines, size_t count, struct evm_txn *t);
int evm_commit(int casefd, const struct evm_txn *t);
void evm_txn_free(struct evm_txn *t);
/* 1 when MANIFEST is new_len bytes, its chain whole and its head new_head; 0 when not; -1. */
int evm_committed(int casefd, uint64_t new_len, const uint8_t new_head[32]);
/* Cuts MANIFEST back to len bytes (when longer) and syncs it. */
int evm_truncate(int casefd, uint64_t len);
/* The companions for the manifest on disk now (evm_write_companions). */
int evm_refresh(int casefd, const char *case_id);
/* Removes the companions' temporary files. */
void evm_clean_tmp(int casefd);
/* All three steps at once; head_hex gets the new head. */
int evm_append(int casefd, const char *case_id, const char *const *type,
	       struct evm_line *lines, size_t count, char head_hex[65]);
/*
 * Writes HEAD, MANIFEST.sig, SHA256SUMS and SHA256SUMS.sig for the manifest
 * m as read from casefd: each one whose bytes differ is written to NAME.tmp
 * and synced, then all are renamed and the directory synced, so a full disk
 * fails before anything changed. Deterministic (Ed25519 signatures are): for
 * an unchanged manifest nothing is written. 0, or -1 with errno.
 */
int evm_write_companions(int casefd, const char *case_id, const struct evm *m);
/* The HEAD text for a manifest: what the signature covers. */
int evm_head_text(const char *case_id, const struct evm *m, char *buf, size_t len);

/*
 * The host's Ed25519 evidence key in state_dir, made on first start with
 * mode 0600 and given to uid:gid; call while privileged. The directory is
 * made (0700, uid:gid) when missing.
 */
int evm_key_init(const char *state_dir, uid_t uid, gid_t gid);
int evm_sign(const void *msg, size_t len, uint8_t sig[64]);
/* 1 when sig is this host's signature of msg, 0 when not, -1 on failure. */
int evm_check(const void *msg, size_t len, const uint8_t *sig, size_t siglen);
/* The public key as PEM (SubjectPublicKeyInfo), or NULL. */
const char *evm_pubkey_pem(void);
void evm_key_free(void);

#endif

/* evtxn.h: every change to a case is a transaction: an intent record first, then all of it or none of it, a crash included */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EVTXN_H
#define PKTCAP_EVTXN_H

#include <stddef.h>
#include <stdint.h>

#include "daemon.h"
#include "proto.h"

/*
 * A preserve or release writes STORAGE/evidence/.txn-CASE (synced, with
 * its directory) before it changes the case, and removes it when the
 * change is whole. The record says what MANIFEST was (old_len) and will be
 * (new_len, new_head) and which files the change links or releases.
 *
 * The change is committed when MANIFEST holds the new lines whole (synced).
 * Until then it can be taken back: MANIFEST cut to old_len, the links made
 * removed, the companions written again (the same bytes as before, since
 * they are deterministic), a new case's directory removed. After it, a
 * preserve has only its companions left to write, a release its files to
 * let go (unlink the case's links; clear the held flag or delete the ring's
 * file through its file list), all of which can be done again.
 */
struct evtxn_file {
	char ring[128];
	char name[256];
};

struct evtxn {
	int release;		/* else a preserve */
	int new_case;		/* the preserve makes the case's directory */
	int del;		/* release --delete */
	char case_id[PROTO_CASE_MAX + 1];
	uint64_t old_len, new_len;
	uint8_t new_head[32];
	struct evtxn_file *files;
	size_t n;
};

/* Adds a file to the record being built; -1 when memory is short. */
int evtxn_add(struct evtxn *t, const char *ring, const char *name);
void evtxn_free(struct evtxn *t);
/* Writes the intent record and syncs it; 0 or -1 with errno. */
int evtxn_begin(int evfd, const struct evtxn *t);
/* The change is whole: its record goes (synced). 0 or -1 with errno. */
int evtxn_end(int evfd, const char *case_id);
/*
 * Ends the transaction the record describes: back != 0 takes it back
 * (whatever was written: a failure before the caller saw it whole); else
 * it is completed when MANIFEST shows it committed and taken back when not
 * (after a crash). Logs which ("completed" or "rolled back") and removes
 * the record. 0, or -1 when the record must stay for a later attempt.
 */
int evtxn_finish(struct daemon *d, int evfd, struct evtxn *t, int back);
/* Finishes a change a crash or failure left on this case, if any. 0, or -1 when one is left. */
int evtxn_recover_case(struct daemon *d, int evfd, const char *case_id);
/* At start-up: every record left, then leftover temporary files. */
void evtxn_recover_all(struct daemon *d, int evfd);
/* A release's files are let go (after its MANIFEST entry is durable). 0 or -1. */
int evtxn_release_files(struct daemon *d, int casefd, const struct evtxn *t);
/* Sets and clears FL_* flags of ring r's file of that name; -1 if the ring does not list it. */
int evtxn_mark(struct ring *r, const char *name, unsigned set, unsigned clear, int *was_set);

#endif

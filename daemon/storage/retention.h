/* retention.h: which closed capture files a ring deletes, as a pure function of its policy */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_RETENTION_H
#define PKTCAP_RETENTION_H

#include <stddef.h>
#include <stdint.h>

struct ret_file {
	uint64_t seq;
	uint64_t size;		/* bytes on disk */
	int64_t mtime_ms;	/* when its last packet was written */
	int open;		/* being written: never deleted */
	int preserved;		/* kept as evidence: never deleted */
};

/* Every limit of 0 means "no limit". */
struct ret_policy {
	uint64_t keep_files;
	uint64_t keep_bytes;
	uint64_t keep_age_ms;
	uint64_t min_free;
	/*
	 * The disk is full (ENOSPC): this many of the oldest files that may go
	 * are deleted whatever the limits say. Held files are never among them.
	 */
	uint64_t evict;
};

/*
 * Whether a ring keeping COUNT files of BYTES (held files not counted),
 * whose oldest candidate was last written at mtime_ms, with fs_free bytes
 * free and DELETED files deleted so far in this pass, must delete more: the
 * one rule retention_select, the file list's pass and the full-disk
 * eviction apply.
 */
int retention_over(const struct ret_policy *pol, uint64_t count, uint64_t bytes,
		   int64_t mtime_ms, int64_t now_ms, uint64_t fs_free, uint64_t deleted);

/* Whether a file may be deleted at all: never while open or held as evidence. */
int retention_may_delete(int open, int preserved);

/*
 * FILES is sorted oldest first (by sequence). Marks victim[i] = 1 for each
 * file to delete, oldest first, until every limit holds or nothing more may
 * go; fs_free is the space now free for min_free. Returns the victim count.
 */
size_t retention_select(const struct ret_file *files, size_t n, const struct ret_policy *pol,
			int64_t now_ms, uint64_t fs_free, unsigned char *victim);

#endif

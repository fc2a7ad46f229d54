/* indexer.h: the low-priority thread that adopts, repairs, indexes and checks stored files */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_INDEXER_H
#define PKTCAP_INDEXER_H

#include <stdint.h>

struct ring;

enum indexer_job {
	INDEX_ADOPT,		/* a closed file without a usable index: index and seal it */
	INDEX_REPAIR,		/* a file a crash left open: cut its torn tail, then seal it */
	INDEX_VERIFY,		/* re-read a sealed file against its seal (reindex, a dump's find) */
	INDEX_POSTINGS,		/* add the postings to a sealed file's NAME.aidx (not FL_QUEUED) */
	INDEX_AIDX,		/* a sealed file whose time index is its own: NAME.aidx only, no hash */
};

struct indexer_stats {
	uint64_t files_left;
	uint64_t bytes_left;
	uint64_t files_done;
	uint64_t bytes_done;
	uint64_t damaged;	/* files found damaged */
	uint64_t bytes_per_sec;	/* over the last few seconds; 0 when idle */
};

int indexer_start(void);
/*
 * Tells the thread to stop: it leaves the file at hand within a MiB (no
 * index written for it) and takes no other. Returns at once, so the rest
 * of a shutdown overlaps the thread's way out.
 */
void indexer_request_stop(void);
/* indexer_request_stop, then drops the rest of the queue and joins the thread. */
void indexer_stop(void);
/*
 * Queues a file of r (by sequence number) for the indexer; any thread may
 * call it. size is for the backlog figure. Returns -1 if it cannot be queued.
 * The caller sets the file's FL_QUEUED first and queues only if it was
 * clear: the queue does not look for duplicates (O(1) per file).
 */
int indexer_queue(struct ring *r, uint64_t seq, uint64_t size, enum indexer_job kind);
/* Moves a queued file to the front: a dump is waiting for it. Returns 1 if it was queued. */
int indexer_hurry(struct ring *r, uint64_t seq);
void indexer_get_stats(struct indexer_stats *st);
/* Waits until every queued file is done (tests). */
void indexer_wait_idle(void);
/*
 * r is going away (ring_free): its queued files and its place among the
 * rings the indexer yields to go with it, so a job queued after
 * indexer_stop (a seal's postings) never reaches a freed ring. The thread
 * must not be working on r: stopped, as at shutdown.
 */
void indexer_forget(struct ring *r);

#endif

/* filelist.h: a ring's stored files in sequence order, with running totals and retention from the head */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_FILELIST_H
#define PKTCAP_FILELIST_H

#include <stddef.h>
#include <stdint.h>

#include "storage/retention.h"

/*
 * The list is the one owner of a ring's file records: every thread goes
 * through these calls, which take the list's own lock. Records are kept
 * compact (about 130 bytes: a name is rebuilt from prefix, time, sequence
 * and compression; damage text is kept only for damaged files); callers see
 * copies (struct filelist_file), so no pointer into the list ever escapes
 * its lock.
 */
enum {
	FL_OPEN = 1 << 0,	/* being written: never deleted */
	FL_PRESERVED = 1 << 1,	/* kept as evidence: never deleted */
	FL_META = 1 << 2,	/* packets, first_ns and last_ns are known */
	FL_SHA = 1 << 3,	/* sha256 and seal_size hold the seal */
	FL_DAMAGED = 1 << 4,	/* no longer matches its seal, or unreadable past a point */
	FL_REPAIR = 1 << 5,	/* left open by a crash: the indexer cuts its torn tail */
	FL_QUEUED = 1 << 6,	/* waiting for the indexer */
	FL_GZIP = 1 << 7,	/* NAME.pcap.gz */
};

struct filelist_file {
	uint64_t seq;
	uint64_t size;		/* bytes on disk */
	int64_t mtime_ms;	/* when its last packet was written */
	int64_t name_sec;	/* the time in its name */
	unsigned flags;		/* FL_* */
	uint64_t packets;
	int64_t first_ns;
	int64_t last_ns;
	uint64_t seal_size;	/* the size the seal covers */
	uint8_t sha256[32];	/* the seal: of the closed file, written once */
	char name[256];		/* filled by the list; ignored when written back */
	char damage[200];	/* what is wrong, with FL_DAMAGED */
};

/* Kept up to date on every change: reading them costs nothing. */
struct filelist_totals {
	uint64_t files;
	uint64_t bytes;		/* bytes on disk of every file listed */
	uint64_t damaged;
	int64_t oldest_ns;	/* first packet of the oldest file (its name's time if unknown) */
	uint64_t held;		/* files that retention may not delete (open, preserved) */
	uint64_t preserved_bytes;	/* of which held as evidence: counted by no limit */
};

struct filelist;

/* PREFIX is the start of every file name, "iface-profile". */
struct filelist *filelist_new(const char *prefix);
void filelist_free(struct filelist *fl);

/* PREFIX-YYYYMMDDTHHMMSSZ-NNNNNN.pcap[.gz]: the one place that spells a name. */
int filelist_format_name(const char *prefix, uint64_t seq, int64_t sec, int gzip, char *buf,
			 size_t len);

/*
 * Appends a file newer than every listed one (the writer's new file). A
 * name that the list would not spell the same way is kept as it is.
 * Returns -1 if the sequence is not the newest or memory is short.
 */
int filelist_append(struct filelist *fl, const struct filelist_file *f, const char *name);
/*
 * Start-up, before other threads use the list: files in any order
 * (readdir's), then filelist_adopt_done sorts them once.
 */
int filelist_adopt(struct filelist *fl, const struct filelist_file *f, const char *name);
void filelist_adopt_done(struct filelist *fl);

/* A copy of the file with this sequence; -1 if it is not listed. O(log n). */
int filelist_get(struct filelist *fl, uint64_t seq, struct filelist_file *out);
/* A copy of the newest file; -1 if the list is empty. */
int filelist_newest(struct filelist *fl, struct filelist_file *out);

/*
 * Calls fn with a copy of the file, under the list's lock, and stores back
 * what fn changed (not seq or name); the totals follow. Returns fn's result,
 * or -1 with nothing called when the file is not listed.
 */
typedef int (*filelist_fn)(struct filelist_file *f, void *arg);
int filelist_update(struct filelist *fl, uint64_t seq, filelist_fn fn, void *arg);
/*
 * Removes the file after fn (may be NULL), still under the lock, returned 0:
 * fn deletes it from disk, so no other thread can act on a file that is
 * gone. Returns -1 when it is not listed or fn refused.
 */
int filelist_remove(struct filelist *fl, uint64_t seq, filelist_fn fn, void *arg);

/*
 * Copies up to max files with a sequence at least from_seq, oldest first,
 * into out. Returns how many. O(log n + max).
 */
size_t filelist_copy(struct filelist *fl, uint64_t from_seq, struct filelist_file *out,
		     size_t max);
/*
 * Files are in time order, so a time is found by binary search over the
 * files' first packets (the name's time while unknown). filelist_seq_at is
 * the first file that can hold packets at or after t_ns: the one before the
 * first starting at or after t_ns - 1 s (names have whole seconds).
 * filelist_seq_from is the first file starting at or after t_ns. Both give
 * UINT64_MAX when there is none. O(log n).
 */
uint64_t filelist_seq_at(struct filelist *fl, int64_t t_ns);
uint64_t filelist_seq_from(struct filelist *fl, int64_t t_ns);
/* How many files have a smaller sequence; the sequence of the file with that rank. O(log n). */
size_t filelist_rank(struct filelist *fl, uint64_t seq);
uint64_t filelist_seq_by_rank(struct filelist *fl, size_t rank);

void filelist_totals(struct filelist *fl, struct filelist_totals *t);

/*
 * One retention pass, with retention_select's rule: the oldest file that
 * may go is taken out of the list while any limit is exceeded (or, with
 * pol->evict, until that many are out), up to 64 per hold of the lock; fn
 * (may be NULL) then deletes each from disk after the lock is released, so
 * readers never wait for an unlink, and its result is not looked at: the
 * record is gone already, and a file fn cannot delete is left to the next
 * start. Work is proportional to the files deleted plus the kept ones at
 * the head. fs_free is asked only when the policy has min_free. Returns the
 * number deleted.
 */
size_t filelist_retain(struct filelist *fl, const struct ret_policy *pol, int64_t now_ms,
		       uint64_t (*fs_free)(void *arg), filelist_fn fn, void *arg);

/*
 * Each closed file's address-index union (docs/index.md, "In memory"),
 * kept with its record and dropped with it, so a filtered query rules a
 * file out without touching the disk. filelist_set_summary keeps a copy of
 * u (the union of the file's index, for link type linktype), cut to about
 * 0.2 % of the file's size when larger; -1 when the file is not listed or
 * memory is short. filelist_ask_summary says what plan p makes of it:
 * FILELIST_SUM_NO (no packet of the file can match), _MAY (the union says
 * some may: as the index on disk would), _CUT (a cut summary says some may:
 * ask the index on disk) or _NONE (no summary for this link type).
 */
struct addrset;
struct bpfplan;
enum { FILELIST_SUM_NONE, FILELIST_SUM_NO, FILELIST_SUM_MAY, FILELIST_SUM_CUT };
int filelist_set_summary(struct filelist *fl, uint64_t seq, const struct addrset *u, int linktype);
int filelist_ask_summary(struct filelist *fl, uint64_t seq, const struct bpfplan *p, int linktype);

/* Entries read or moved so far: tests count work with it, not time. */
uint64_t filelist_work(struct filelist *fl);
/* Bytes the list holds for its files (records, names, damage texts and summaries). */
size_t filelist_memory(struct filelist *fl);

#endif

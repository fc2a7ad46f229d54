/* test_filelist.c: a ring's file list at 100,000 files: totals, lookups and retention cost O(1) or O(log n) work */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "storage/filelist.h"
#include "storage/retention.h"
#include "tap.h"

#define N 100000
#define MB (1024 * 1024ULL)
#define T0 1795600000LL		/* 2026-11-25, the first file's name */
/* Binary search over 100,000 entries: 17 steps, plus the entry itself. */
#define LOG_N 18

static uint64_t deleted[64];
static size_t ndeleted;
/* Deletions the list asked for while the file was still listed or its lock held. */
static size_t early;

/*
 * As unlink_file: called for each file retention deletes. The list's lock
 * must be free (filelist_get takes it: under the lock this would hang, and
 * the alarm fails the test) and the record gone already.
 */
static int note_delete(struct filelist_file *f, void *arg)
{
	struct filelist_file g;

	if (arg && filelist_get(arg, f->seq, &g) == 0)
		early++;
	if (ndeleted < 64)
		deleted[ndeleted] = f->seq;
	ndeleted++;
	return 0;
}

static int grow(struct filelist_file *f, void *arg)
{
	f->size += *(uint64_t *)arg;
	return 0;
}

static int damage(struct filelist_file *f, void *arg)
{
	f->flags |= FL_DAMAGED;
	snprintf(f->damage, sizeof(f->damage), "%s", (const char *)arg);
	return 0;
}

static struct filelist_file file(uint64_t seq, uint64_t size, unsigned flags)
{
	struct filelist_file f = { 0 };

	f.seq = seq;
	f.size = size;
	f.name_sec = T0 + (int64_t)seq * 10;
	f.mtime_ms = (T0 + (int64_t)seq * 10 + 10) * 1000;
	f.flags = flags | FL_META | FL_SHA;
	f.packets = 100;
	f.first_ns = f.name_sec * 1000000000 + 1000;
	f.last_ns = f.first_ns + 9000000000LL;
	return f;
}

/* The file list's pass deletes exactly what retention_select marks. */
static void same_as_select(unsigned seed)
{
	struct ret_file rf[20];
	unsigned char victim[20];
	struct filelist *fl = filelist_new("eth0-web");
	struct ret_policy pol = { 0 };
	size_t n = 20, want;
	int same = 1;

	srand(seed);
	for (size_t i = 0; i < n; i++) {
		unsigned flags = i == n - 1 ? FL_OPEN : (rand() % 5 == 0 ? FL_PRESERVED : 0);
		struct filelist_file f = file(i + 1, (uint64_t)(rand() % 10 + 1) * MB, flags);

		filelist_append(fl, &f, NULL);
		rf[i] = (struct ret_file){ f.seq, f.size, f.mtime_ms, !!(flags & FL_OPEN),
					   !!(flags & FL_PRESERVED) };
	}
	pol.keep_files = rand() % 3 ? (uint64_t)(rand() % 20) : 0;
	pol.keep_bytes = rand() % 3 ? (uint64_t)(rand() % 150) * MB : 0;
	pol.keep_age_ms = rand() % 3 ? (uint64_t)(rand() % 200) * 1000 : 0;
	want = retention_select(rf, n, &pol, (T0 + 200) * 1000, 0, victim);
	ndeleted = 0;
	filelist_retain(fl, &pol, (T0 + 200) * 1000, NULL, note_delete, fl);
	for (size_t i = 0, k = 0; i < n; i++)
		if (victim[i] && (k >= ndeleted || deleted[k++] != rf[i].seq))
			same = 0;
	ok(same && want == ndeleted, "seed %u: the list deletes what retention_select marks (%zu)",
	   seed, want);
	filelist_free(fl);
}

int main(void)
{
	struct filelist *fl;
	struct filelist_totals t;
	struct filelist_file f, view;
	struct ret_policy pol = { 0 };
	uint64_t w, bytes = 0, more = 5000, seq;
	size_t deleted_now;
	char name[256];

	/* A deletion under the list's lock would hang note_delete: fail instead of waiting for ever. */
	alarm(120);
	fl = filelist_new("eth0-web");
	for (uint64_t i = 1; i <= N; i++) {
		f = file(i, MB + i, i == N ? FL_OPEN : 0);
		bytes += f.size;
		if (filelist_append(fl, &f, NULL) < 0)
			break;
	}
	f = file(5, MB, 0);
	ok(filelist_append(fl, &f, NULL) < 0, "an older file cannot be appended");

	w = filelist_work(fl);
	filelist_totals(fl, &t);
	ok(t.files == N && t.bytes == bytes && t.held == 1 && t.damaged == 0 &&
	   t.oldest_ns == (T0 + 10) * 1000000000LL + 1000,
	   "totals of %d files: %llu files, %llu bytes, 1 open", N, (unsigned long long)t.files,
	   (unsigned long long)t.bytes);
	ok(filelist_work(fl) - w <= 1, "status totals touch one entry (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));

	w = filelist_work(fl);
	ok(filelist_get(fl, 76543, &view) == 0 && view.seq == 76543 && view.size == MB + 76543,
	   "lookup by sequence");
	filelist_format_name("eth0-web", 76543, T0 + 765430, 0, name, sizeof(name));
	ok(!strcmp(view.name, name), "the name is spelled from prefix, time and sequence: %s",
	   view.name);
	ok(filelist_work(fl) - w <= LOG_N, "lookup touches O(log n) entries (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));

	w = filelist_work(fl);
	filelist_update(fl, 76543, grow, &more);
	filelist_update(fl, 80000, damage, "cut short");
	filelist_totals(fl, &t);
	ok(t.bytes == bytes + more && t.damaged == 1, "a size change and damage move the totals");
	ok(filelist_work(fl) - w <= 2 * LOG_N + 1, "two updates touch O(log n) entries (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));
	filelist_get(fl, 80000, &view);
	ok((view.flags & FL_DAMAGED) && !strcmp(view.damage, "cut short"), "damage text kept");
	bytes += more;

	/* Limits that hold: a pass looks at the head and stops. */
	pol.keep_files = 2 * N;
	pol.keep_bytes = 1000 * N * MB;
	pol.keep_age_ms = 365 * 86400 * 1000ULL;
	w = filelist_work(fl);
	deleted_now = filelist_retain(fl, &pol, (T0 + 10 * N + 100) * 1000, NULL, note_delete, NULL);
	ok(deleted_now == 0 && filelist_work(fl) - w <= 1,
	   "a retention pass with nothing to delete touches one entry (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));

	/* One file over: the oldest goes, at the cost of one. */
	pol.keep_files = N - 1;
	ndeleted = 0;
	w = filelist_work(fl);
	deleted_now = filelist_retain(fl, &pol, (T0 + 10 * N + 100) * 1000, NULL, note_delete, NULL);
	filelist_totals(fl, &t);
	ok(deleted_now == 1 && deleted[0] == 1 && t.files == N - 1 && t.bytes == bytes - MB - 1,
	   "keep-files N-1 deletes the oldest (seq %llu)", (unsigned long long)deleted[0]);
	ok(filelist_work(fl) - w <= 3, "deleting one from the head touches O(1) entries (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));

	/* Bytes: the running total decides, ten files go. */
	pol = (struct ret_policy){ .keep_bytes = t.bytes - 10 * MB };
	w = filelist_work(fl);
	ndeleted = 0;
	deleted_now = filelist_retain(fl, &pol, 0, NULL, note_delete, NULL);
	ok(deleted_now == 10 && deleted[0] == 2 && deleted[9] == 11,
	   "keep-bytes: ten oldest go (%zu: %llu..%llu)", deleted_now,
	   (unsigned long long)deleted[0], (unsigned long long)deleted[9]);
	ok(filelist_work(fl) - w <= 12, "work follows what is deleted, not what is kept (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));

	/* Age: the head's age decides. */
	pol = (struct ret_policy){ .keep_age_ms = (10 * N - 170) * 1000ULL };
	ndeleted = 0;
	w = filelist_work(fl);
	deleted_now = filelist_retain(fl, &pol, (T0 + 10 * N + 10) * 1000, NULL, note_delete, NULL);
	ok(deleted_now == 5 && filelist_work(fl) - w <= 7, "keep-age: five old files go (%zu, work %llu)",
	   deleted_now, (unsigned long long)(filelist_work(fl) - w));

	/* Adding the next file, and removing the newest (an empty file at close). */
	seq = N + 1;
	f = file(seq, 0, FL_OPEN);
	w = filelist_work(fl);
	filelist_append(fl, &f, NULL);
	ok(filelist_work(fl) - w <= 1, "adding a file touches O(1) entries (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));
	w = filelist_work(fl);
	ok(filelist_remove(fl, seq, NULL, NULL) == 0, "the newest file is removed");
	ok(filelist_work(fl) - w <= LOG_N, "removing the newest touches O(log n) entries (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));

	/* Time: the first file that can hold a moment, by binary search. */
	w = filelist_work(fl);
	seq = filelist_seq_at(fl, (T0 + 10 * 50000 + 3) * 1000000000LL);
	ok(seq == 50000, "seq_at finds the file holding a time (%llu)", (unsigned long long)seq);
	seq = filelist_seq_from(fl, (T0 + 10 * 50000 + 3) * 1000000000LL);
	ok(seq == 50001, "seq_from finds the first file after it (%llu)", (unsigned long long)seq);
	ok(filelist_work(fl) - w <= 2 * LOG_N, "time lookups touch O(log n) entries (%llu)",
	   (unsigned long long)(filelist_work(fl) - w));

	filelist_totals(fl, &t);
	ok(filelist_memory(fl) / t.files < 300, "under 300 bytes per file (%zu)",
	   filelist_memory(fl) / t.files);
	filelist_free(fl);

	/* A name the list would spell otherwise is kept as it is. */
	fl = filelist_new("eth0-web");
	f = file(42, MB, 0);
	filelist_append(fl, &f, "eth0-web-20261125T000700Z-0000042.pcap");
	filelist_get(fl, 42, &view);
	ok(!strcmp(view.name, "eth0-web-20261125T000700Z-0000042.pcap"), "an odd name is kept: %s",
	   view.name);
	filelist_free(fl);

	for (unsigned seed = 1; seed <= 50; seed++)
		same_as_select(seed);
	ok(early == 0, "files are deleted after their record is gone, outside the list's lock (%zu early)",
	   early);
	return done_testing();
}

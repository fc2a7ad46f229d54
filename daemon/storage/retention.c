/* retention.c: the ring's deletion policy (count, bytes, age, free space), oldest closed file first */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "storage/retention.h"

int retention_may_delete(int open, int preserved)
{
	return !open && !preserved;
}

int retention_over(const struct ret_policy *pol, uint64_t count, uint64_t bytes,
		   int64_t mtime_ms, int64_t now_ms, uint64_t fs_free, uint64_t deleted)
{
	if (deleted < pol->evict)
		return 1;
	if (pol->keep_files && count > pol->keep_files)
		return 1;
	if (pol->keep_bytes && bytes > pol->keep_bytes)
		return 1;
	/* Compared unsigned: an age limit beyond INT64_MAX must not turn negative. */
	if (pol->keep_age_ms && now_ms > mtime_ms &&
	    (uint64_t)now_ms - (uint64_t)mtime_ms > pol->keep_age_ms)
		return 1;
	if (pol->min_free && fs_free < pol->min_free)
		return 1;
	return 0;
}

size_t retention_select(const struct ret_file *files, size_t n, const struct ret_policy *pol,
			int64_t now_ms, uint64_t fs_free, unsigned char *victim)
{
	uint64_t count = n, bytes = 0, freed = 0;
	size_t victims = 0;

	memset(victim, 0, n);
	/* Held files are the cases', not the ring's: they count against no limit. */
	for (size_t i = 0; i < n; i++) {
		if (files[i].preserved)
			count--;
		else
			bytes += files[i].size;
	}

	for (size_t i = 0; i < n; i++) {
		const struct ret_file *f = &files[i];

		if (!retention_over(pol, count, bytes, f->mtime_ms, now_ms, fs_free + freed, victims))
			break;
		/* A kept file still counts against the limits; younger ones go instead. */
		if (!retention_may_delete(f->open, f->preserved))
			continue;
		victim[i] = 1;
		victims++;
		count--;
		bytes -= f->size;
		freed += f->size;
	}
	return victims;
}

/* test_retention.c: the ring deletes the oldest closed files first and never the open or preserved ones */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "storage/retention.h"
#include "tap.h"

#define N 6
#define MB (1024 * 1024ULL)

static struct ret_file files[N];
static unsigned char victim[N];

static void reset(void)
{
	for (int i = 0; i < N; i++) {
		files[i] = (struct ret_file){ .seq = (uint64_t)i + 1, .size = 10 * MB,
					      .mtime_ms = 1000000 + i * 1000 };
	}
	files[N - 1].open = 1;
}

static const char *pattern(void)
{
	static char s[N + 1];

	for (int i = 0; i < N; i++)
		s[i] = victim[i] ? 'x' : '.';
	s[N] = 0;
	return s;
}

int main(void)
{
	struct ret_policy pol;
	size_t n;

	reset();
	memset(&pol, 0, sizeof(pol));
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	ok(n == 0 && !strcmp(pattern(), "......"), "no limits: nothing goes (%s)", pattern());

	pol.keep_files = 4;
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	ok(n == 2 && !strcmp(pattern(), "xx...."), "keep-files 4 of 6: two oldest go (%s)", pattern());

	pol.keep_files = 1;
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	ok(n == 5 && !strcmp(pattern(), "xxxxx."), "keep-files 1: all but the open file (%s)", pattern());

	memset(&pol, 0, sizeof(pol));
	pol.keep_bytes = 35 * MB;
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	ok(n == 3 && !strcmp(pattern(), "xxx..."), "keep-bytes 35M of 60M: three go (%s)", pattern());

	memset(&pol, 0, sizeof(pol));
	pol.keep_age_ms = 2500;
	n = retention_select(files, N, &pol, 1000000 + 5000, 0, victim);
	ok(n == 3 && !strcmp(pattern(), "xxx..."), "keep-age: files older than 2.5s go (%s)", pattern());

	/* 16000000000w: once a cast to int64 made it negative and every closed file went. */
	pol.keep_age_ms = 16000000000ULL * 604800000;
	n = retention_select(files, N, &pol, 1000000 + 5000, 0, victim);
	ok(n == 0 && !strcmp(pattern(), "......"), "keep-age beyond INT64_MAX keeps all (%s)",
	   pattern());

	memset(&pol, 0, sizeof(pol));
	pol.min_free = 100 * MB;
	n = retention_select(files, N, &pol, 2000000, 75 * MB, victim);
	ok(n == 3 && !strcmp(pattern(), "xxx..."), "min-free: delete until 100M free (%s)", pattern());
	n = retention_select(files, N, &pol, 2000000, 500 * MB, victim);
	ok(n == 0, "min-free already met: nothing goes");

	memset(&pol, 0, sizeof(pol));
	pol.keep_files = 3;
	files[0].preserved = 1;
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	/* Held as evidence: not the ring's, so it neither goes nor counts (5 of 6 are the ring's). */
	ok(n == 2 && !strcmp(pattern(), ".xx..."),
	   "a preserved file stays and counts against no limit (%s)", pattern());

	reset();
	pol.keep_files = 1;
	files[N - 1].open = 0;
	files[2].open = 1;
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	ok(!victim[2], "the open file is never a victim (%s)", pattern());

	/* A full disk with the oldest file held: the next one goes (it used to be none). */
	reset();
	memset(&pol, 0, sizeof(pol));
	pol.evict = 1;
	files[0].preserved = 1;
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	ok(n == 1 && !strcmp(pattern(), ".x...."), "disk full: the oldest that may go, past a held one (%s)",
	   pattern());
	pol.evict = 10;
	n = retention_select(files, N, &pol, 2000000, 0, victim);
	ok(n == 4 && !strcmp(pattern(), ".xxxx."), "disk full: never a held or open file (%s)", pattern());

	n = retention_select(files, 0, &pol, 2000000, 0, victim);
	ok(n == 0, "empty ring");
	return done_testing();
}

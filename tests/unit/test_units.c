/* test_units.c: sizes and durations parse as documented and reject everything else */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "tap.h"
#include "units.h"

static int size_is(const char *s, uint64_t want)
{
	uint64_t v = 0;

	return units_parse_size(s, &v) == 0 && v == want;
}

static int dur_is(const char *s, uint64_t want)
{
	uint64_t v = 0;

	return units_parse_duration(s, &v) == 0 && v == want;
}

int main(void)
{
	const char *bad_sizes[] = { "", "M", "-1", "1.5G", "10X", "10 M B", "1MM",
				    "99999999999999999999", "16777216T", "0x10", "8192P",
				    "9223372036854775808" };
	const char *bad_durs[] = { "", "s", "-1s", "1x", "1.5h", "10 s", "1h 2", "5 5",
				   "99999999999999999999s", "1hh", "16000000000w", "15251w",
				   "106751992d", "9223372036855s", "15250w1w" };
	uint64_t v;
	char buf[32];

	ok(size_is("0", 0), "0 is zero bytes");
	ok(size_is("4096", 4096), "bare number is bytes");
	ok(size_is("100K", 100 * 1024), "K is KiB");
	ok(size_is("100M", 100ULL << 20), "M is MiB");
	ok(size_is("10G", 10ULL << 30), "G is GiB");
	ok(size_is("2T", 2ULL << 40), "T is TiB");
	ok(size_is("1m", 1ULL << 20), "suffix is case-insensitive");
	ok(size_is("1MB", 1ULL << 20) && size_is("1MiB", 1ULL << 20), "MB and MiB accepted");
	ok(size_is("512B", 512), "B suffix is bytes");
	for (size_t i = 0; i < sizeof(bad_sizes) / sizeof(bad_sizes[0]); i++)
		ok(units_parse_size(bad_sizes[i], &v) < 0, "size '%s' rejected", bad_sizes[i]);

	ok(dur_is("30", 30000), "bare number is seconds");
	ok(dur_is("30s", 30000), "s");
	ok(dur_is("250ms", 250), "ms");
	ok(dur_is("5m", 300000), "m is minutes");
	ok(dur_is("1h", 3600000), "h");
	ok(dur_is("7d", 7 * 86400000ULL), "d");
	ok(dur_is("2w", 14 * 86400000ULL), "w");
	ok(dur_is("1h30m", 5400000), "pairs add up");
	ok(dur_is("0", 0), "0 is off");
	ok(size_is("8191P", 8191ULL << 50), "8191P is the largest size");
	ok(size_is("9223372036854775807", UNITS_SIZE_MAX), "INT64_MAX bytes accepted");
	ok(dur_is("15250w", 15250ULL * 604800000), "15250w is accepted");
	ok(dur_is("9223372036854ms", UNITS_DURATION_MAX_MS), "the largest duration is accepted");
	ok(units_parse_duration("16000000000w", &v) < 0 && errno == ERANGE,
	   "an overflowing duration says ERANGE");
	ok(units_parse_size("8192P", &v) < 0 && errno == ERANGE, "an overflowing size says ERANGE");
	for (size_t i = 0; i < sizeof(bad_durs) / sizeof(bad_durs[0]); i++)
		ok(units_parse_duration(bad_durs[i], &v) < 0, "duration '%s' rejected", bad_durs[i]);

	ok(!strcmp(units_format_size(100ULL << 20, buf, sizeof(buf)), "100M"), "format 100M: %s", buf);
	ok(!strcmp(units_format_size(1536, buf, sizeof(buf)), "1.5K"), "format 1.5K: %s", buf);
	ok(!strcmp(units_format_size(17, buf, sizeof(buf)), "17B"), "format 17B: %s", buf);
	ok(!strcmp(units_format_duration(5400000, buf, sizeof(buf)), "1h30m"), "format 1h30m: %s", buf);
	ok(!strcmp(units_format_duration(250, buf, sizeof(buf)), "250ms"), "format 250ms: %s", buf);
	return done_testing();
}

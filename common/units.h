/* units.h: parse and print sizes ("100M") and durations ("1h30m") as used in pktcapd.conf */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_UNITS_H
#define PKTCAP_UNITS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The largest values the parsers return. Sizes end up in off_t and in sums
 * of file sizes, durations in signed milliseconds and nanoseconds (about 292
 * years): anything larger would wrap negative after a cast, so it is refused.
 */
#define UNITS_SIZE_MAX ((uint64_t)INT64_MAX)
#define UNITS_DURATION_MAX_MS ((uint64_t)(INT64_MAX / 1000000))

/*
 * Sizes: a whole number with an optional binary suffix K, M, G, T, P
 * (optionally followed by "B" or "iB"), case-insensitive: "100M" is 100 MiB.
 * Returns 0, or -1 for anything else (empty, negative, junk, above UNITS_SIZE_MAX,
 * with errno ERANGE then).
 */
int units_parse_size(const char *s, uint64_t *bytes);

/*
 * Durations: one or more number-unit pairs, units ms, s, m, h, d, w; a bare
 * number is seconds. "1h30m" is 5400000 ms. Returns 0, or -1 for junk or a
 * total above UNITS_DURATION_MAX_MS (errno ERANGE).
 */
int units_parse_duration(const char *s, uint64_t *ms);

/* "1.5G", "512K", "17B" */
char *units_format_size(uint64_t bytes, char *buf, size_t len);
/* "1h30m", "250ms", "7d" */
char *units_format_duration(uint64_t ms, char *buf, size_t len);

#endif

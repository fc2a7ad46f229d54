/* test_timeparse.c: --since/--until accept RFC 3339, times of day, relative and epoch times */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "timeparse.h"

#define S 1000000000LL

int main(void)
{
	/* 2026-11-26T10:15:00Z */
	const int64_t now = 1795688100LL * S;
	const char *bad[] = { "", "yesterday", "25:00", "10:60", "2026-13-01T00:00:00Z",
			      "2026-11-26T10:15:00+1", "10m ago later", "@", "@x", "-", "1.5h ago" };
	const char *range[] = { "@9223372036854775807", "@99999999999999999999", "@4294967296",
				"@-1", "-99999999999d", "-106751991167300d", "30000d ago", "-15250w",
				"9999-12-31T23:59:59Z", "2106-02-08T00:00:00Z", "1969-12-31T23:59:59Z",
				"0000-01-01T00:00:00Z", "2200-01-01 00:00:00" };
	int64_t t;

	setenv("TZ", "UTC", 1);
	ok(timeparse("2026-11-26T10:15:00Z", now, &t) == 0 && t == now, "RFC 3339 UTC");
	ok(timeparse("2026-11-26T11:15:00+01:00", now, &t) == 0 && t == now, "RFC 3339 with offset");
	ok(timeparse("2026-11-26T10:15:00.25Z", now, &t) == 0 && t == now + S / 4, "fraction");
	ok(timeparse("2026-11-26 10:15:00", now, &t) == 0 && t == now, "space and local time");
	ok(timeparse("10:15", now, &t) == 0 && t == now, "HH:MM today");
	ok(timeparse("09:15:30", now, &t) == 0 && t == now - 3600 * S + 30 * S, "HH:MM:SS today");
	ok(timeparse("-10m", now, &t) == 0 && t == now - 600 * S, "-10m");
	ok(timeparse("1h ago", now, &t) == 0 && t == now - 3600 * S, "1h ago");
	ok(timeparse("1h30m ago", now, &t) == 0 && t == now - 5400 * S, "1h30m ago");
	ok(timeparse("now", now, &t) == 0 && t == now, "now");
	ok(timeparse("@1700000000.5", now, &t) == 0 && t == 1700000000LL * S + S / 2, "@epoch");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ok(timeparse(bad[i], now, &t) < 0, "'%s' rejected", bad[i]);
	/* Used to overflow (UBSan) or wrap, and a far-future --since then printed everything. */
	for (size_t i = 0; i < sizeof(range) / sizeof(range[0]); i++) {
		errno = 0;
		ok(timeparse(range[i], now, &t) < 0 && errno == ERANGE, "'%s' out of range", range[i]);
	}
	ok(timeparse("@4294967295.5", now, &t) == 0 && t == 4294967295LL * S + S / 2,
	   "the last second a pcap record can hold");
	ok(timeparse("@0", now, &t) == 0 && t == 0, "the epoch");
	ok(timeparse("-55y", now, &t) < 0 && errno != ERANGE, "junk is not a range error");
	return done_testing();
}

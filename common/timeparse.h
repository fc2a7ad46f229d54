/* timeparse.h: the times pktctl dump accepts for --since and --until */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_TIMEPARSE_H
#define PKTCAP_TIMEPARSE_H

#include <stdint.h>

/* 2106-02-07T06:28:15Z, the last second of a pcap record's unsigned 32-bit field. */
#define TIMEPARSE_MAX_SEC 4294967295LL

/*
 * Parses TEXT relative to NOW_NS (nanoseconds since the epoch) into *ns:
 *   RFC 3339        2026-11-26T10:15:00Z, 2026-11-26T10:15:00.5+01:00,
 *                   "2026-11-26 10:15:00" (local time without an offset)
 *   time of day     10:15 or 10:15:30 (today, local time)
 *   relative        -10m, 10m ago, 1h30m ago, now
 *   epoch           @1700000000 or @1700000000.25
 * Returns 0, or -1: for text it does not understand, and with errno ERANGE
 * for a time before 1970 or after TIMEPARSE_MAX_SEC, which no pcap record
 * (32-bit seconds) can hold.
 */
int timeparse(const char *text, int64_t now_ns, int64_t *ns);

#endif

/* totals.h: per-ring counters that never wrap and survive restarts: since the ring was created */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_TOTALS_H
#define PKTCAP_TOTALS_H

#include <stdint.h>

#include <jansson.h>

struct ring;
struct ring_snapshot;

/*
 * libpcap's pcap_stat counters are 32 bits and wrap; these are 64-bit
 * running totals updated from the deltas, and kept per ring in the file
 * TOTALS_FILE in the ring's directory, so that "since the ring was created"
 * means that across restarts. This run's figures come from a capture
 * snapshot (capture/capctl.h): only the capture thread reads libpcap's.
 * totals_save runs on the capture thread, then once at shutdown after it.
 */
#define TOTALS_FILE "pktcapd.totals"

/* Reads the ring's saved totals (none: the ring is new, and starts now). */
int totals_open(struct ring *r);
/* Adds "total" (since creation) to a ring's status. */
void totals_status(struct ring *r, const struct ring_snapshot *snap, json_t *j);
/* Writes the ring's totals (atomically: a new file renamed over the old), at most every
 * interval_s seconds unless interval_s is 0. */
int totals_save(struct ring *r, int interval_s, const struct ring_snapshot *snap);
void totals_close(void);
/* Adds a 32-bit counter's step from *last to raw (wrapped or not) to *wide. */
void totals_widen(uint64_t *wide, unsigned int *last, unsigned int raw);

#endif

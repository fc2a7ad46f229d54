/* totals.h: per-ring counters that never wrap and survive restarts: since the ring was created */
#ifndef PKTCAP_TOTALS_H
#define PKTCAP_TOTALS_H

#include <stdint.h>

#include <jansson.h>

struct ring;

/*
 * libpcap's pcap_stat counters are 32 bits and wrap; these are 64-bit
 * running totals updated from the deltas, and kept per ring in the file
 * TOTALS_FILE in the ring's directory, so that "since the ring was created"
 * means that across restarts. Everything here runs on the event loop.
 */
#define TOTALS_FILE "pktcapd.totals"

/* Reads the ring's saved totals (none: the ring is new, and starts now). */
int totals_open(struct ring *r);
/* Takes libpcap's counters into the 64-bit totals; often enough that one can wrap at most once. */
void totals_sample(struct ring *r);
/* Sets the widened kernel counters in a ring's status, and adds "total" (since creation). */
void totals_status(struct ring *r, json_t *j);
/* Writes the ring's totals (atomically: a new file renamed over the old), at most every
 * interval_s seconds unless interval_s is 0. */
int totals_save(struct ring *r, int interval_s);
void totals_close(void);
/* Adds a 32-bit counter's step from *last to raw (wrapped or not) to *wide. */
void totals_widen(uint64_t *wide, unsigned int *last, unsigned int raw);

#endif

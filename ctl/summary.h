/* summary.h: pktctl summary: capinfos-style totals, rates, protocols and top talkers of a dump */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_SUMMARY_H
#define PKTCAP_SUMMARY_H

#include <stdint.h>

#include <jansson.h>
#include <pcap/pcap.h>

struct summary;

struct summary *summary_new(void);
void summary_free(struct summary *s);
/* One packet of the merged dump; ns is its time stamp in nanoseconds since the epoch. */
void summary_add(struct summary *s, int linktype, int64_t ns, const struct pcap_pkthdr *h,
		 const u_char *data);
/*
 * The summary as JSON: sources names what was read, since/until the window
 * asked for (0: open), drops what the daemon says about the rings (or NULL).
 */
json_t *summary_json(struct summary *s, json_t *sources, int64_t since, int64_t until,
		     json_t *drops);
/* The same, in one screen of text. */
void summary_print(json_t *j, FILE *out);

#endif

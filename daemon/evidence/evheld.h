/* evheld.h: what each case holds (files, bytes), kept in memory so that status costs the same for any number of held files */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EVHELD_H
#define PKTCAP_EVHELD_H

#include <stdint.h>

#include <jansson.h>

/*
 * Built at start-up from the cases' manifests (evidence_adopt), then moved
 * only by committed changes: a preserve adds, a release sets a case to
 * zero. Every call takes one small lock; none touches the disk.
 */
void evheld_add(const char *case_id, uint64_t files, uint64_t bytes);
void evheld_drop(const char *case_id);
/* Bytes held by every case. */
uint64_t evheld_total(void);
/* {"CASE": bytes, ...} for the cases holding any file; *total gets the sum. */
json_t *evheld_json(uint64_t *total);
void evheld_exit(void);

#endif

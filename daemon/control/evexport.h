/* evexport.h: the packets a case holds, streamed like a dump (pktctl export --case) */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EVEXPORT_H
#define PKTCAP_EVEXPORT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "control/dumpjob.h"
#include "control/expout.h"
#include "daemon.h"
#include "proto.h"

struct evexport;

/*
 * The case's held files (after its last release), of req->rings only when
 * some are named, read through the one reader. xo (an export, or NULL)
 * filters the records and is told the sources and the case's head.
 */
struct evexport *evexport_new(const struct proto_request *req, struct expout *xo,
			      struct daemon *d, char *err, size_t errlen);
/* The same over an open case directory (taken over: closed by evexport_free). */
struct evexport *evexport_open(int casefd, const struct proto_request *req, struct expout *xo,
			       char *err, size_t errlen);
/*
 * ring's directory (dup'd): with --since, a held file that is still the
 * ring's (same inode) and whose index there carries the case's seal for it
 * is entered at the index's seek point instead of read from its start.
 */
void evexport_ring_dir(struct evexport *x, const char *ring, int dirfd);
/*
 * The headers an export of req's case may start with (each selected ring's
 * first held file's, and an empty window's), into req->prep_*: what its
 * filter is compiled for ahead, off the control loop. None on any error.
 */
void evexport_headers(struct proto_request *req);
/*
 * As dump_job_fill: DUMP_MORE or DUMP_DONE. Never changes the case. Each
 * call reads at most about READ_BUDGET bytes of records, whatever --since:
 * records before the window cost the same as those sent.
 */
int evexport_fill(struct evexport *x, uint8_t *out, size_t max, size_t *len);
/* Bytes of records the last evexport_fill read (its work, for the tests). */
uint64_t evexport_step_work(const struct evexport *x);
uint64_t evexport_packets(const struct evexport *x);
/* Copies of one packet from overlapping rings of one interface, left out (pktdedup.h). */
uint64_t evexport_duplicates(const struct evexport *x);
json_t *evexport_damage(const struct evexport *x);
void evexport_free(struct evexport *x);

#endif

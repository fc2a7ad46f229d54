/* dumpjob.h: streaming a ring's stored packets to a control client as one pcap stream */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_DUMPJOB_H
#define PKTCAP_DUMPJOB_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <jansson.h>

#include "daemon.h"
#include "proto.h"

struct dump_job;

/*
 * Picks the ring (the only one when none is named), or reads the case's
 * held files (req->case_id, only req->rings when given); with req->export
 * the daemon filters, hashes and signs the stream (control/expout.h) and
 * names peer, as SO_PEERCRED gave it, as the requester. NULL with a reason
 * in err.
 */
struct dump_job *dump_job_new(struct daemon *d, const struct proto_request *req,
			      const struct ucred *peer, char *err, size_t errlen);
/*
 * Appends up to about max bytes of the pcap stream to out (a buffer of at
 * least max + 256K). Returns DUMP_MORE when it should be called again at
 * once, DUMP_WAIT when following and nothing new is stored yet, DUMP_DONE
 * when the selection is complete.
 */
enum { DUMP_DONE, DUMP_MORE, DUMP_WAIT };
int dump_job_fill(struct dump_job *j, uint8_t *out, size_t max, size_t *len);
/* Copies what compiling req's filter needs from its ring into req (prep_*), on the control loop. */
void dump_job_prep_params(struct daemon *d, struct proto_request *req);
/*
 * On the ctl-worker, before dump_job_new: compiles req's filter for its
 * ring (libpcap may look up host names: seconds with a resolver that does
 * not answer) and keeps the program for the dump (control/ctlfilter.h).
 * The reply says nothing; dump_job_new reports what is wrong.
 */
json_t *dump_job_prepare(struct daemon *d, const struct proto_request *req,
			 const struct ucred *peer);
uint64_t dump_job_packets(const struct dump_job *j);
/* Copies of a packet that overlapping rings of one interface stored, not sent (cases). */
uint64_t dump_job_duplicates(const struct dump_job *j);
/*
 * The damage the dump met, one message per damaged file ("NAME: damaged at
 * byte N: what"), or NULL. Damaged records are never streamed; the files
 * after a damaged one still are.
 */
json_t *dump_job_damage(const struct dump_job *j);
/*
 * The END frame's object once dump_job_fill said DUMP_DONE: {"ok": true,
 * "packets", "damaged"?, "duplicates"?}, an export's signed files besides
 * (expout_end), or {"ok": false, "error"} when an export failed.
 */
json_t *dump_job_end(struct dump_job *j);
void dump_job_free(struct dump_job *j);

#endif

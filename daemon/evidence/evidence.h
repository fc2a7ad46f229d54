/* evidence.h: holds on a time window of capture files, kept under STORAGE/evidence/CASE out of retention's reach */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EVIDENCE_H
#define PKTCAP_EVIDENCE_H

#include <sys/socket.h>

#include <jansson.h>

#include "daemon.h"
#include "proto.h"

/*
 * While privileged: the host's evidence key in the state directory, the
 * storage's evidence directory (owned by the daemon's user), the host name
 * and boot id for the manifests. Returns 0 or -1.
 */
int evidence_init(struct daemon *d, const char *state_dir);
/* After storage_adopt: files of the rings that a case holds are flagged preserved again. */
void evidence_adopt(struct daemon *d);
/*
 * The evidence requests, each answering with a reply object (reply.h);
 * peer is who asked (SO_PEERCRED), recorded in a case's manifest.
 * The control plane's dispatch table says who may ask and on which thread
 * each runs: preserve and release change a case, verify starts a job (or,
 * given one, polls it), cases lists them, key gives the public key.
 */
json_t *evidence_preserve(struct daemon *d, const struct proto_request *req,
			  const struct ucred *peer);
json_t *evidence_release(struct daemon *d, const struct proto_request *req,
			 const struct ucred *peer);
json_t *evidence_cases(struct daemon *d, const struct proto_request *req, const struct ucred *peer);
json_t *evidence_verify(struct daemon *d, const struct proto_request *req, const struct ucred *peer);
json_t *evidence_key(struct daemon *d, const struct proto_request *req, const struct ucred *peer);
/* Adds "evidence" (held bytes per case, free space against min-free) to a status result. */
void evidence_status(struct daemon *d, json_t *result);
/* A line for sd_notify STATUS= when holds push free space under min-free, else "". */
void evidence_space_note(struct daemon *d, char *buf, size_t len);
/* The ids of the cases holding a ring file called name, as a JSON array (list's "cases"). */
json_t *evidence_holders(const char *name);
/* The case's directory fd (O_DIRECTORY|O_NOFOLLOW), for a dump of a case; -1 with errno. */
int evidence_open_case(const char *case_id);
void evidence_exit(void);

/* Verification jobs, off the event loop (evverify.c). */
json_t *evverify_start(struct daemon *d, const struct proto_request *req);
json_t *evverify_poll(uint64_t job);
void evverify_exit(void);

#endif

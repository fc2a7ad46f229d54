/* dispatch.h: the one table of control commands: who may send each, its handler and its thread */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_DISPATCH_H
#define PKTCAP_DISPATCH_H

#include <sys/socket.h>

#include <jansson.h>

#include "control/ctlrights.h"
#include "daemon.h"
#include "proto.h"

/*
 * Where a command is answered. INLINE: at once on the control loop, so it
 * must cost little whatever is stored. STREAM: the server's pump produces it
 * in bounded steps (dump, export). WORKER: on the ctl-worker thread, one
 * request after another; the client waits in the loop, others are served.
 */
enum ctl_kind { CTL_INLINE, CTL_STREAM, CTL_WORKER };

/*
 * A handler answers one request with a reply object (reply.h). It never
 * sees an unknown ring: the dispatcher refuses those first.
 */
typedef json_t *ctl_handler(struct daemon *d, const struct proto_request *req,
			    const struct ucred *peer);

struct ctl_command {
	enum proto_cmd cmd;
	enum ctl_right right;
	ctl_handler *handler;	/* NULL for STREAM: the server runs a dump job */
	enum ctl_kind kind;
	/* A WORKER command whose request this accepts is cheap and answered INLINE. */
	int (*quick)(const struct proto_request *req);
};

/* The row of cmd; NULL for a command the table does not have. */
const struct ctl_command *dispatch_find(enum proto_cmd cmd);
/* The worker's row that compiles a dump's filter before the dump starts (dump_job_prepare). */
const struct ctl_command *dispatch_prepare(void);
/* Where this request runs: the row's kind, unless it is a quick one. */
enum ctl_kind dispatch_kind(const struct ctl_command *c, const struct proto_request *req);
/* Runs the handler, after refusing a ring that does not exist. Any thread. */
json_t *dispatch_call(const struct ctl_command *c, struct daemon *d,
		      const struct proto_request *req, const struct ucred *peer);

#endif

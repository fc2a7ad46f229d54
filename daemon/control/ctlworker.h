/* ctlworker.h: the ctl-worker thread: slow control requests answered off the control loop, in order */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CTLWORKER_H
#define PKTCAP_CTLWORKER_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <jansson.h>

#include "control/dispatch.h"
#include "daemon.h"
#include "proto.h"

struct ctl_job;

/*
 * Called on the control loop with the job's reply as a whole REPLY frame
 * (serialized on the worker, so a large one costs the loop nothing), which
 * it now owns (free()); NULL when out of memory. arg as given.
 */
typedef void ctl_job_done(struct ctl_job *job, uint8_t *frame, size_t len, void *arg);

/*
 * Starts the ctl-worker thread and watches its eventfd in d's loop; call it
 * once the seccomp filter is on (the thread inherits it). Returns 0 or -1.
 */
int ctlworker_start(struct daemon *d);
/*
 * Queues a request for the worker (FIFO). done runs on the loop when the
 * reply is there, unless ctlworker_forget() was called first. Returns the
 * job, or NULL when out of memory or the worker is not running.
 */
struct ctl_job *ctlworker_submit(const struct ctl_command *c, const struct proto_request *req,
				 const struct ucred *peer, ctl_job_done *done, void *arg);
/*
 * As ctlworker_submit, for a job that may wait on something outside the
 * daemon (a host-name lookup): it runs on a thread of its own, beside the
 * queue and other such jobs (a few at once; more wait in the queue).
 */
struct ctl_job *ctlworker_submit_apart(const struct ctl_command *c,
				       const struct proto_request *req, const struct ucred *peer,
				       ctl_job_done *done, void *arg);
/* Whoever waited is gone: the job still runs, its reply is dropped. Loop only. */
void ctlworker_forget(struct ctl_job *job);
/* Stops the thread after the request it is running; queued ones are dropped. */
void ctlworker_stop(void);

/*
 * SIGHUP: a reload like `pktctl reload`, queued behind what the worker has;
 * systemd hears RELOADING=1 now and READY=1 when it is done. A SIGHUP that
 * comes while one is queued or running makes one more run after it.
 */
void control_reload_async(struct daemon *d);
/*
 * Runs d's event loop to its end, like sd_event_loop(), holding d->conf_lock
 * shared while it dispatches: a reload swaps the configuration between two
 * turns of the loop, never during one. Returns the exit code or a negative errno.
 */
int control_loop_run(struct daemon *d);

#endif

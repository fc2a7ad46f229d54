/* ctlworker.c: the ctl-worker thread: slow control requests answered off the control loop, in order */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include "control/ctlworker.h"
#include "log.h"

/*
 * One thread, one FIFO queue: slow requests (preserve, release, reload,
 * reindex, a verify's start) run here one after another, so they never
 * hold the control loop and never run beside each other. The queue and the
 * list of finished jobs are the only shared state, under lock; a finished
 * job is handed back through an eventfd, and its reply is sent by the loop.
 */
struct ctl_job {
	struct ctl_job *next;
	/* Set before queueing, then read by the worker only. */
	const struct ctl_command *cmd;
	struct proto_request req;
	struct ucred peer;
	uint8_t *frame;		/* the reply, the worker's until it is handed back */
	size_t len;
	/* The loop's alone. */
	ctl_job_done *done;
	void *arg;
};

/*
 * Jobs that may wait on something outside (a filter's host-name lookup)
 * each get a thread of their own, so one slow resolver holds up neither
 * the queue nor the other lookups; at most this many at once, then they
 * queue like the rest.
 */
#define MAX_APART 8

/* A turn of the control loop this long is logged (debug): what made it slow comes before. */
#define SLOW_TURN_USEC (20 * 1000)

static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct ctl_job *queue, **tail;	/* waiting, oldest first */
	struct ctl_job *finished;	/* done, any order: each reply goes to its own client */
	int stopping;
	int running;
	int apart;		/* threads of their own running (MAX_APART) */
	pthread_t thread;
	int efd;
	sd_event_source *src;
	struct daemon *d;
	/* The loop's: SIGHUP reloads. */
	int hup_busy, hup_again;
} w = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER, .efd = -1 };

static struct ctl_job *next_job(void)
{
	struct ctl_job *j;

	while (!w.queue && !w.stopping)
		pthread_cond_wait(&w.cond, &w.lock);
	if (w.stopping)
		return NULL;
	j = w.queue;
	w.queue = j->next;
	if (!w.queue)
		w.tail = &w.queue;
	return j;
}

static void answer(struct ctl_job *j)
{
	json_t *reply = dispatch_call(j->cmd, w.d, &j->req, &j->peer);

	j->frame = reply ? proto_frame_json(PROTO_REPLY, reply, &j->len) : NULL;
	json_decref(reply);
}

/* Hands an answered job back to the loop; under w.lock. */
static void finish(struct ctl_job *j)
{
	uint64_t one = 1;

	j->next = w.finished;
	w.finished = j;
	/* A full counter still wakes the loop; nothing is lost by EAGAIN. */
	if (write(w.efd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		log_warn("ctl-worker: cannot wake the control loop: %s", strerror(errno));
}

static void *run(void *arg)
{
	struct ctl_job *j;

	pthread_setname_np(pthread_self(), "ctl-worker");
	pthread_mutex_lock(&w.lock);
	while ((j = next_job())) {
		pthread_mutex_unlock(&w.lock);
		answer(j);
		pthread_mutex_lock(&w.lock);
		finish(j);
	}
	pthread_mutex_unlock(&w.lock);
	return NULL;
}

/*
 * A job on a thread of its own. After ctlworker_stop the job is left as it
 * is (the daemon is exiting, and a client being freed may still name it).
 */
static void *run_apart(void *arg)
{
	struct ctl_job *j = arg;

	pthread_setname_np(pthread_self(), "ctl-lookup");
	answer(j);
	pthread_mutex_lock(&w.lock);
	w.apart--;
	if (!w.stopping)
		finish(j);
	pthread_mutex_unlock(&w.lock);
	return NULL;
}

static void job_free(struct ctl_job *j)
{
	free(j->frame);
	free(j);
}

/* On the loop: each finished job's reply goes to whoever still waits for it. */
static int on_finished(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct ctl_job *list, *j;
	uint64_t n;

	if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		log_warn("ctl-worker: eventfd: %s", strerror(errno));
	pthread_mutex_lock(&w.lock);
	list = w.finished;
	w.finished = NULL;
	pthread_mutex_unlock(&w.lock);
	while ((j = list)) {
		list = j->next;
		if (j->done) {
			j->done(j, j->frame, j->len, j->arg);
			j->frame = NULL;
		}
		job_free(j);
	}
	return 0;
}

int ctlworker_start(struct daemon *d)
{
	pthread_rwlockattr_t attr;

	/* A reload waiting for its swap goes before the loop's next turn. */
	pthread_rwlockattr_init(&attr);
	pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&d->conf_lock, &attr);
	pthread_rwlockattr_destroy(&attr);
	w.d = d;
	w.tail = &w.queue;
	w.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (w.efd < 0 || sd_event_add_io(d->event, &w.src, w.efd, EPOLLIN, on_finished, NULL) < 0) {
		log_err("ctl-worker: cannot make its eventfd: %s", strerror(errno));
		return -1;
	}
	if (pthread_create(&w.thread, NULL, run, NULL) != 0) {
		log_err("ctl-worker: cannot start the thread");
		return -1;
	}
	w.running = 1;
	return 0;
}

static struct ctl_job *new_job(const struct ctl_command *c, const struct proto_request *req,
			       const struct ucred *peer, ctl_job_done *done, void *arg)
{
	struct ctl_job *j;

	if (!w.running)
		return NULL;
	j = calloc(1, sizeof(*j));
	if (!j)
		return NULL;
	j->cmd = c;
	j->req = *req;
	j->peer = *peer;
	j->done = done;
	j->arg = arg;
	return j;
}

/* Into the FIFO queue; under w.lock. */
static void enqueue(struct ctl_job *j)
{
	*w.tail = j;
	w.tail = &j->next;
	pthread_cond_signal(&w.cond);
}

struct ctl_job *ctlworker_submit(const struct ctl_command *c, const struct proto_request *req,
				 const struct ucred *peer, ctl_job_done *done, void *arg)
{
	struct ctl_job *j = new_job(c, req, peer, done, arg);

	if (!j)
		return NULL;
	pthread_mutex_lock(&w.lock);
	enqueue(j);
	pthread_mutex_unlock(&w.lock);
	return j;
}

struct ctl_job *ctlworker_submit_apart(const struct ctl_command *c,
				       const struct proto_request *req, const struct ucred *peer,
				       ctl_job_done *done, void *arg)
{
	struct ctl_job *j = new_job(c, req, peer, done, arg);
	pthread_attr_t attr;
	pthread_t t;

	if (!j)
		return NULL;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_mutex_lock(&w.lock);
	if (w.apart < MAX_APART && pthread_create(&t, &attr, run_apart, j) == 0)
		w.apart++;
	else
		enqueue(j);
	pthread_mutex_unlock(&w.lock);
	pthread_attr_destroy(&attr);
	return j;
}

void ctlworker_forget(struct ctl_job *job)
{
	job->done = NULL;
	job->arg = NULL;
}

void ctlworker_stop(void)
{
	struct ctl_job *j;

	if (w.running) {
		pthread_mutex_lock(&w.lock);
		w.stopping = 1;
		pthread_cond_signal(&w.cond);
		pthread_mutex_unlock(&w.lock);
		pthread_join(w.thread, NULL);
		w.running = 0;
	}
	while ((j = w.queue)) {
		w.queue = j->next;
		job_free(j);
	}
	while ((j = w.finished)) {
		w.finished = j->next;
		job_free(j);
	}
	w.tail = &w.queue;
	sd_event_source_disable_unref(w.src);
	w.src = NULL;
	if (w.efd >= 0)
		close(w.efd);
	w.efd = -1;
}

static void reload_done(struct ctl_job *job, uint8_t *frame, size_t len, void *arg)
{
	struct daemon *d = arg;

	free(frame);
	w.hup_busy = 0;
	if (w.hup_again) {
		w.hup_again = 0;
		control_reload_async(d);
		return;
	}
	sd_notify(0, "READY=1");
}

void control_reload_async(struct daemon *d)
{
	struct proto_request req = { .cmd = CMD_RELOAD };
	struct ucred self = { .pid = getpid(), .uid = geteuid(), .gid = getegid() };

	if (w.hup_busy) {
		w.hup_again = 1;
		return;
	}
	sd_notify(0, "RELOADING=1");
	if (!ctlworker_submit(dispatch_find(CMD_RELOAD), &req, &self, reload_done, d)) {
		log_err("reload: cannot queue it for the ctl-worker; still running on the previous configuration");
		sd_notify(0, "READY=1");
		return;
	}
	w.hup_busy = 1;
}

static uint64_t mono_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

/* One dispatch, under the configuration lock; a slow one is named in the debug log. */
static int turn(struct daemon *d)
{
	uint64_t t0 = mono_usec(), dt;
	int r;

	pthread_rwlock_rdlock(&d->conf_lock);
	r = sd_event_dispatch(d->event);
	pthread_rwlock_unlock(&d->conf_lock);
	dt = mono_usec() - t0;
	if (dt >= SLOW_TURN_USEC)
		log_debug("control loop: one turn took %llu ms", (unsigned long long)dt / 1000);
	return r;
}

int control_loop_run(struct daemon *d)
{
	sd_event *e = d->event;
	int r, code = 0;

	while (sd_event_get_state(e) != SD_EVENT_FINISHED) {
		r = sd_event_prepare(e);
		if (r == 0)
			r = sd_event_wait(e, UINT64_MAX);
		if (r > 0)
			r = turn(d);
		if (r < 0)
			return r;
	}
	sd_event_get_exit_code(e, &code);
	return code;
}

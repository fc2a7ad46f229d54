/* capthread.c: the capture thread: every ring's handle and timers, link events, requests, drain */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-event.h>

#include "capture/capctl.h"
#include "capture/linkmon.h"
#include "capture/ringcap.h"
#include "daemon.h"
#include "log.h"
#include "storage/totals.h"

/*
 * The loop is sd-event, as the main thread's: the sources are the ones the
 * single loop had (an io source per handle, one-shot monotonic timers
 * re-armed at each flush), so their handlers moved unchanged. An sd_event
 * belongs to the thread that made it: this one is made here with
 * sd_event_new (never sd_event_default), so the two loops share nothing.
 */

/* The heartbeat's floor: the loop turns at least this often, whatever the rings do. */
#define BEAT_USEC (250ULL * 1000)
/* Without link events (no netlink socket), how often waiting rings look for their interface. */
#define RETRY_USEC (2ULL * 1000000)
/* How late the kernel hands a packet over: a block waits up to two block timeouts. */
#define SETTLE_MS (2 * CAPTURE_TIMEOUT_MS + 50)
/* A reload's settings: the capture thread takes them between two dispatches. */
#define APPLY_WAIT_MS 2000

enum req_kind { REQ_SNAPSHOT, REQ_ROTATE, REQ_APPLY, REQ_STOP };

struct capreq {
	struct capreq *next;
	enum req_kind kind;
	struct ring *r;
	int refs;		/* the asker's and the queue's; under q.lock */
	int done;
	int rc;
	int err;		/* errno when rc < 0 */
	uint64_t target;	/* REQ_ROTATE: the writer's closes that make it done */
	int64_t until_ns;	/* REQ_ROTATE: packets stamped up to this go in the file closed */
	struct profile_conf conf;	/* REQ_APPLY: conf.filter is the request's own copy */
	struct bpf_program prog;
};

/* The request queue, and what the thread was started with. Lock order: q.lock is a leaf. */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t done;	/* broadcast when a request is done, and at start */
	struct capreq *head, **tail;
	struct capreq *held;	/* rotations waiting for packets the kernel still holds: the thread's */
	int fd;			/* eventfd: a request is queued */
	int running;		/* the thread takes requests */
	int start_done, start_rc;
	pthread_t thread;
	int started;
	/* The thread's alone while it runs. */
	struct daemon *d;
	int linkfd;
	sd_event *event;
	int stop;
	_Atomic uint64_t beat;
} q = { .lock = PTHREAD_MUTEX_INITIALIZER, .fd = -1 };

static uint64_t mono_usec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static void req_free(struct capreq *rq)
{
	if (rq->kind == REQ_APPLY) {
		pcap_freecode(&rq->prog);
		free(rq->conf.filter);
	}
	free(rq);
}

/* Under q.lock. */
static void req_unref(struct capreq *rq)
{
	if (--rq->refs == 0)
		req_free(rq);
}

static void req_finish(struct capreq *rq)
{
	pthread_mutex_lock(&q.lock);
	rq->done = 1;
	pthread_cond_broadcast(&q.done);
	req_unref(rq);
	pthread_mutex_unlock(&q.lock);
}

uint64_t capture_heartbeat(void)
{
	return atomic_load(&q.beat);
}

/* Takes libpcap's counters and publishes what other threads may see of the ring. */
static void publish(struct ring *r)
{
	struct ring_capture *c = r->cap;
	struct pcap_stat st = { 0 };
	struct ring_snapshot *s = &c->pub;
	struct writer_queue_stats qs;

	if (c->pcap && pcap_stats(c->pcap, &st) == 0) {
		totals_widen(&c->wide[0], &c->last[0], st.ps_recv);
		totals_widen(&c->wide[1], &c->last[1], st.ps_drop);
		totals_widen(&c->wide[2], &c->last[2], st.ps_ifdrop);
	}
	writer_queue_stats(r, &qs);
	pthread_mutex_lock(&c->pub_lock);
	s->received = c->wide[0];
	s->dropped_kernel = c->wide[1];
	s->dropped_interface = c->wide[2];
	s->captured = c->captured;
	s->queue_drops = c->queue_drops;
	s->stalls = qs.stalls;
	s->queue_high_water = qs.high_water;
	s->queue_buffers = qs.nbufs;
	s->file_open = c->file_open;
	s->file_bytes = c->file_bytes;
	s->file_packets = c->file_packets;
	snprintf(s->state, sizeof(s->state), "%s", c->state);
	capture_link_status(r, &s->link);
	snprintf(s->filter, sizeof(s->filter), "%s", r->conf.filter);
	s->taken_usec = mono_usec();
	pthread_mutex_unlock(&c->pub_lock);
}

static int ring_stalled(struct ring *r)
{
	struct writer_queue_stats qs;

	writer_queue_stats(r, &qs);
	return qs.stalled;
}

static void run_held(struct ring *only, int cancel);

static int on_capture(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct ring *r = userdata;

	if (capture_dispatch(r) < 0 && r->cap->dispatch_errors > 10) {
		/* A handle that keeps failing must not spin the loop; a new interface wakes it. */
		sd_event_source_set_enabled(s, SD_EVENT_OFF);
		log_ring(LOG_ERR, r->iface, r->profile, "capture stopped: %s", r->cap->state);
	}
	/* The writer is behind: leave packets in the kernel's buffer until it catches up. */
	if (ring_stalled(r))
		sd_event_source_set_enabled(s, SD_EVENT_OFF);
	if (q.held)
		run_held(r, 0);
	return 0;
}

static int on_wake(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct ring *r = userdata;
	uint64_t n;

	if (read(fd, &n, sizeof(n)) < 0)
		return 0;
	sd_event_source_set_enabled(r->cap->io_source, SD_EVENT_ON);
	return 0;
}

static int on_flush(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct ring *r = userdata;

	capture_tick(r);
	ring_tick(r, (int64_t)time(NULL));
	/* Often enough for libpcap's 32-bit counters to wrap at most once between samples. */
	publish(r);
	totals_save(r, 60, &r->cap->pub);
	sd_event_source_set_time(s, usec + r->conf.flush_ms * 1000);
	/* Time sources are one-shot in sd-event: re-arm for the next flush point. */
	sd_event_source_set_enabled(s, SD_EVENT_ON);
	return 0;
}

/* Every ring looks up its interface again; one that was bound anew reads again. */
static void follow_links(void)
{
	for (size_t i = 0; i < q.d->nrings; i++) {
		struct ring *r = q.d->rings[i];

		if (capture_follow(r) > 0 && !ring_stalled(r))
			sd_event_source_set_enabled(r->cap->io_source, SD_EVENT_ON);
	}
}

static int on_link(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	if (linkmon_read(fd) > 0)
		follow_links();
	return 0;
}

static int on_retry(sd_event_source *s, uint64_t usec, void *userdata)
{
	follow_links();
	sd_event_source_set_time(s, usec + RETRY_USEC);
	sd_event_source_set_enabled(s, SD_EVENT_ON);
	return 0;
}

/* Makes the loop turn, so the heartbeat moves while every ring is idle; held rotations retry. */
static int on_beat(sd_event_source *s, uint64_t usec, void *userdata)
{
	if (q.held)
		run_held(NULL, 0);
	sd_event_source_set_time(s, usec + BEAT_USEC);
	sd_event_source_set_enabled(s, SD_EVENT_ON);
	return 0;
}

/* Closes the ring's file now and hands the close to the writer with the buffer. */
static void run_rotate(struct capreq *rq)
{
	struct ring *r = rq->r;
	/* A preserve's: a file begun after its window is none of its business. */
	int was = r->cap->file_open && !(rq->until_ns && r->cap->file_first_ns > rq->until_ns);

	if (was)
		ring_close_file(r);
	if (was && r->cap->file_open) {
		/* No free buffer to carry the close: the writer is behind. */
		rq->rc = -1;
		rq->err = EAGAIN;
		return;
	}
	ring_tick(r, 0);
	/* Done when the writer has closed this file and every one before it. */
	rq->target = r->cap->closes_issued;
	rq->rc = was;
}

/* What a reload changes in place; snaplen, buffers and precision wait for a restart. */
static void copy_settings(struct profile_conf *to, const struct profile_conf *from)
{
	to->rotate_size = from->rotate_size;
	to->rotate_interval_ms = from->rotate_interval_ms;
	to->rotate_packets = from->rotate_packets;
	to->keep_files = from->keep_files;
	to->keep_bytes = from->keep_bytes;
	to->keep_age_ms = from->keep_age_ms;
	to->min_free = from->min_free;
	to->compress = from->compress;
	to->compress_level = from->compress_level;
	to->flush_ms = from->flush_ms;
	to->queue_size = from->queue_size;
}

static void run_apply(struct capreq *rq)
{
	struct ring *r = rq->r;
	const struct profile_conf *p = &rq->conf;
	char *old = NULL;

	rq->rc = 0;
	if (strcmp(p->filter, r->conf.filter)) {
		if (!r->cap->pcap || pcap_setfilter(r->cap->pcap, &rq->prog) < 0) {
			log_ring(LOG_ERR, r->iface, r->profile, "cannot set the new filter: %s",
				 r->cap->pcap ? pcap_geterr(r->cap->pcap) : "no capture handle");
			rq->rc = -1;
		} else {
			old = r->conf.filter;
			log_ring(LOG_NOTICE, r->iface, r->profile, "filter is now \"%s\"", p->filter);
		}
	}
	/* The writer reads these under the lock. */
	pthread_mutex_lock(&r->lock);
	if (old) {
		r->conf.filter = rq->conf.filter;
		rq->conf.filter = old;	/* freed with the request */
	}
	copy_settings(&r->conf, p);
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
	publish(r);
}

/*
 * Whether r has read every packet the kernel stamped up to until_ns: it has
 * read a later one, or a read took everything the kernel had handed over
 * (one stops early only when the writer is behind, and then the packets
 * wait in the kernel's buffer). A packet in a block the kernel has not
 * handed over yet waits at most two block timeouts: the asker lets that
 * much time pass after until_ns before it asks (settle).
 */
static int read_past(struct ring *r, int64_t until_ns)
{
	int n;

	if (r->cap->seen_ns > until_ns || !r->cap->pcap || !r->cap->io_source)
		return 1;
	if (ring_stalled(r))
		return 0;
	r->cap->read_cut = 0;
	n = capture_dispatch(r);
	/* Stopped early at the writer's last buffer, even if the writer has freed one since. */
	if (n == PCAP_ERROR_BREAK || r->cap->read_cut) {
		if (ring_stalled(r))
			sd_event_source_set_enabled(r->cap->io_source, SD_EVENT_OFF);
		return r->cap->seen_ns > until_ns;
	}
	return 1;	/* all that was handed over, or an error: nothing more comes from this handle */
}

/* Held rotations (only r's, or every ring's) that may run now, or, cancel, none will. */
static void run_held(struct ring *only, int cancel)
{
	struct capreq **pp = &q.held;

	while (*pp) {
		struct capreq *rq = *pp;

		if (!cancel && ((only && rq->r != only) || !read_past(rq->r, rq->until_ns))) {
			pp = &rq->next;
			continue;
		}
		*pp = rq->next;
		if (cancel) {
			rq->rc = -1;
			rq->err = ESRCH;
		} else {
			run_rotate(rq);
		}
		req_finish(rq);
	}
}

/* Runs rq; 0 when it waits in q.held instead (it is then finished there). */
static int run(struct capreq *rq)
{
	switch (rq->kind) {
	case REQ_SNAPSHOT:
		publish(rq->r);
		break;
	case REQ_ROTATE:
		if (rq->until_ns && !read_past(rq->r, rq->until_ns)) {
			rq->next = q.held;
			q.held = rq;
			return 0;
		}
		run_rotate(rq);
		break;
	case REQ_APPLY:
		run_apply(rq);
		break;
	case REQ_STOP:
		q.stop = 1;
		break;
	}
	return 1;
}

/* Runs what other threads asked for, in order, between two dispatches. */
static int on_request(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct capreq *list;
	uint64_t n;

	if (read(fd, &n, sizeof(n)) < 0 && errno != EAGAIN)
		log_err("capture: cannot read the request doorbell: %s", strerror(errno));
	pthread_mutex_lock(&q.lock);
	list = q.head;
	q.head = NULL;
	q.tail = &q.head;
	pthread_mutex_unlock(&q.lock);
	while (list) {
		struct capreq *next = list->next;

		if (run(list))
			req_finish(list);
		list = next;
	}
	if (q.stop)
		sd_event_exit(q.event, 0);
	return 0;
}

static struct capreq *req_new(enum req_kind kind, struct ring *r)
{
	struct capreq *rq = calloc(1, sizeof(*rq));

	if (!rq)
		return NULL;
	rq->kind = kind;
	rq->r = r;
	rq->refs = 2;
	return rq;
}

/* Queues rq and rings the doorbell; -1 (rq freed) when the thread takes no requests. */
static int req_post(struct capreq *rq)
{
	uint64_t one = 1;

	pthread_mutex_lock(&q.lock);
	if (!q.running) {
		pthread_mutex_unlock(&q.lock);
		req_free(rq);
		errno = ESRCH;
		return -1;
	}
	*q.tail = rq;
	q.tail = &rq->next;
	pthread_mutex_unlock(&q.lock);
	if (write(q.fd, &one, sizeof(one)) < 0 && errno != EAGAIN)
		log_err("capture: cannot ring the request doorbell: %s", strerror(errno));
	return 0;
}

static void deadline_in(struct timespec *ts, int ms)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ts->tv_sec += ms / 1000;
	ts->tv_nsec += (long)(ms % 1000) * 1000000;
	if (ts->tv_nsec >= 1000000000) {
		ts->tv_sec++;
		ts->tv_nsec -= 1000000000;
	}
}

/*
 * Waits until the capture thread has run rq, or until the deadline; gives
 * up the asker's reference either way. Returns rq's rc (errno set), or -1
 * with ETIMEDOUT. *target gets a rotation's target.
 */
static int req_wait(struct capreq *rq, const struct timespec *until, uint64_t *target)
{
	int rc, err;

	pthread_mutex_lock(&q.lock);
	while (!rq->done)
		if (pthread_cond_timedwait(&q.done, &q.lock, until) == ETIMEDOUT)
			break;
	rc = rq->done ? rq->rc : -1;
	err = rq->done ? rq->err : ETIMEDOUT;
	if (target)
		*target = rq->target;
	req_unref(rq);
	pthread_mutex_unlock(&q.lock);
	if (rc < 0)
		errno = err;
	return rc;
}

int capture_snapshot(struct ring *r, struct ring_snapshot *s)
{
	struct capreq *rq;
	struct timespec until;
	int fresh = 0;

	/* Many askers at once (a status loop per client) share one sample. */
	pthread_mutex_lock(&r->cap->pub_lock);
	if (r->cap->pub.taken_usec && mono_usec() - r->cap->pub.taken_usec < CAPTURE_FRESH_USEC) {
		*s = r->cap->pub;
		pthread_mutex_unlock(&r->cap->pub_lock);
		return 0;
	}
	pthread_mutex_unlock(&r->cap->pub_lock);
	rq = req_new(REQ_SNAPSHOT, r);
	deadline_in(&until, CAPTURE_SNAPSHOT_MS);
	if (rq && req_post(rq) == 0)
		fresh = req_wait(rq, &until, NULL) == 0;
	pthread_mutex_lock(&r->cap->pub_lock);
	*s = r->cap->pub;
	pthread_mutex_unlock(&r->cap->pub_lock);
	return fresh ? 0 : 1;
}

int capture_rotate(struct ring *r)
{
	struct capreq *rq = req_new(REQ_ROTATE, r);

	if (!rq || req_post(rq) < 0)
		return -1;
	/* Nobody waits: the queue's reference is the last. */
	pthread_mutex_lock(&q.lock);
	req_unref(rq);
	pthread_mutex_unlock(&q.lock);
	return 0;
}

/* Sleeps until SETTLE_MS have passed since until_ns (realtime), if they have not yet. */
static void settle(int64_t until_ns)
{
	struct timespec ts;
	int64_t left;

	clock_gettime(CLOCK_REALTIME, &ts);
	left = until_ns + (int64_t)SETTLE_MS * 1000000 -
	       ((int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec);
	if (left <= 0 || left > (int64_t)SETTLE_MS * 1000000)
		return;		/* long past, or a window that ends in the future */
	ts.tv_sec = (time_t)(left / 1000000000);
	ts.tv_nsec = (long)(left % 1000000000);
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int capture_rotate_wait(struct ring *r, int64_t until_ns, int timeout_ms)
{
	struct capreq *rq = req_new(REQ_ROTATE, r);
	struct timespec until;
	uint64_t target = 0;
	int rc;

	if (!rq) {
		errno = ENOMEM;
		return -1;
	}
	rq->until_ns = until_ns;
	if (until_ns)
		settle(until_ns);
	deadline_in(&until, timeout_ms);
	if (req_post(rq) < 0)
		return -1;
	rc = req_wait(rq, &until, &target);
	/* The writer's close event, a condition variable: no polling. */
	if (rc < 0 || writer_wait_closes(r, target, &until) < 0)
		return -1;
	return rc;
}

int capture_apply(struct ring *r, const struct profile_conf *pc, struct bpf_program *prog)
{
	struct capreq *rq = req_new(REQ_APPLY, r);
	struct timespec until;

	if (!rq || !(rq->conf.filter = strdup(pc->filter))) {
		pcap_freecode(prog);
		free(rq);
		errno = ENOMEM;
		return -1;
	}
	copy_settings(&rq->conf, pc);
	/* The program moves into the request, which frees it whoever lets go last. */
	rq->prog = *prog;
	memset(prog, 0, sizeof(*prog));
	deadline_in(&until, APPLY_WAIT_MS);
	if (req_post(rq) < 0)
		return -1;
	return req_wait(rq, &until, NULL);
}

/* Each ring's handle, wake-up and flush timer on this thread's loop. */
static int add_ring(struct ring *r, uint64_t now)
{
	sd_event_source *io, *tm;
	int wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

	if (wake < 0)
		return -1;
	writer_set_wake(r, wake);
	if (sd_event_add_io(q.event, &io, r->cap->pcap_fd, EPOLLIN, on_capture, r) < 0)
		return -1;
	r->cap->io_source = io;
	if (sd_event_add_time(q.event, &tm, CLOCK_MONOTONIC, now + r->conf.flush_ms * 1000, 10000,
			      on_flush, r) < 0)
		return -1;
	r->cap->flush_source = tm;
	return sd_event_add_io(q.event, NULL, wake, EPOLLIN, on_wake, r) < 0 ? -1 : 0;
}

static int loop_setup(void)
{
	uint64_t now;

	if (sd_event_new(&q.event) < 0)
		return -1;
	sd_event_now(q.event, CLOCK_MONOTONIC, &now);
	for (size_t i = 0; i < q.d->nrings; i++)
		if (add_ring(q.d->rings[i], now) < 0)
			return -1;
	if (sd_event_add_io(q.event, NULL, q.fd, EPOLLIN, on_request, NULL) < 0 ||
	    sd_event_add_time(q.event, NULL, CLOCK_MONOTONIC, now + BEAT_USEC, 10000, on_beat,
			      NULL) < 0)
		return -1;
	/* Link events say at once when an interface comes or goes; polling is the fallback. */
	if (q.linkfd >= 0 ? sd_event_add_io(q.event, NULL, q.linkfd, EPOLLIN, on_link, NULL) < 0
			  : sd_event_add_time(q.event, NULL, CLOCK_MONOTONIC, now + RETRY_USEC,
					      100000, on_retry, NULL) < 0)
		return -1;
	/* A link that changed between opening the handles and now. */
	follow_links();
	return 0;
}

/*
 * The kernel hands over a partly filled block only after the block timeout:
 * keep reading that long so the last packets before a stop are kept.
 */
static void drain(void)
{
	struct timespec start, now;
	struct pollfd *pfd = calloc(q.d->nrings, sizeof(*pfd));

	if (!pfd)
		return;
	for (size_t i = 0; i < q.d->nrings; i++) {
		pfd[i].fd = q.d->rings[i]->cap->pcap_fd;
		pfd[i].events = POLLIN;
	}
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		long ms;

		for (size_t i = 0; i < q.d->nrings; i++)
			capture_dispatch(q.d->rings[i]);
		clock_gettime(CLOCK_MONOTONIC, &now);
		ms = (now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000;
		if (ms > 2 * CAPTURE_TIMEOUT_MS + 50)
			break;
		poll(pfd, q.d->nrings, 20);
	}
	free(pfd);
}

/* Refuses new requests and lets every waiting asker go. */
static void close_queue(void)
{
	struct capreq *list;

	run_held(NULL, 1);

	pthread_mutex_lock(&q.lock);
	q.running = 0;
	list = q.head;
	q.head = NULL;
	q.tail = &q.head;
	pthread_mutex_unlock(&q.lock);
	while (list) {
		struct capreq *next = list->next;

		list->rc = -1;
		list->err = ESRCH;
		req_finish(list);
		list = next;
	}
}

static void shutdown_rings(void)
{
	drain();
	for (size_t i = 0; i < q.d->nrings; i++) {
		struct ring *r = q.d->rings[i];

		/* The close rides in the ring's last buffer, which the tick hands over. */
		ring_close_file(r);
		ring_tick(r, 0);
		publish(r);
		if (r->cap->io_source)
			sd_event_source_unref(r->cap->io_source);
		if (r->cap->flush_source)
			sd_event_source_unref(r->cap->flush_source);
		r->cap->io_source = r->cap->flush_source = NULL;
	}
}

static void *capture_main(void *arg)
{
	int rc;

	pthread_setname_np(pthread_self(), "capture");
	atomic_store(&q.beat, mono_usec());
	rc = loop_setup();
	if (rc < 0)
		log_err("capture: cannot set up the event loop");
	pthread_mutex_lock(&q.lock);
	q.start_rc = rc;
	q.start_done = 1;
	q.running = rc == 0;
	pthread_cond_broadcast(&q.done);
	pthread_mutex_unlock(&q.lock);
	while (rc == 0 && !q.stop) {
		atomic_store(&q.beat, mono_usec());
		if (sd_event_run(q.event, UINT64_MAX) < 0)
			break;
	}
	close_queue();
	if (rc == 0)
		shutdown_rings();
	sd_event_unref(q.event);
	q.event = NULL;
	return NULL;
}

int capture_start(struct daemon *d, int linkfd)
{
	pthread_condattr_t ca;
	int err;

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&q.done, &ca);
	pthread_condattr_destroy(&ca);
	q.head = NULL;
	q.tail = &q.head;
	q.d = d;
	q.linkfd = linkfd;
	q.fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (q.fd < 0) {
		log_err("capture: cannot make the request doorbell: %s", strerror(errno));
		return -1;
	}
	/* What status shows before the thread's first sample. */
	for (size_t i = 0; i < d->nrings; i++)
		publish(d->rings[i]);
	err = pthread_create(&q.thread, NULL, capture_main, NULL);
	if (err) {
		log_err("cannot start the capture thread: %s", strerror(err));
		return -1;
	}
	q.started = 1;
	pthread_mutex_lock(&q.lock);
	while (!q.start_done)
		pthread_cond_wait(&q.done, &q.lock);
	pthread_mutex_unlock(&q.lock);
	return q.start_rc;
}

void capture_stop(void)
{
	struct capreq *rq;

	if (!q.started)
		return;
	rq = req_new(REQ_STOP, NULL);
	if (rq && req_post(rq) == 0) {
		pthread_mutex_lock(&q.lock);
		req_unref(rq);
		pthread_mutex_unlock(&q.lock);
	}
	pthread_join(q.thread, NULL);
	q.started = 0;
	close(q.fd);
	q.fd = -1;
	pthread_cond_destroy(&q.done);
}

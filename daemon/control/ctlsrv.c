/* ctlsrv.c: the control socket server: peers checked, requests framed, replies queued, never blocking */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "control/control.h"
#include "control/ctlrights.h"
#include "control/ctlsrv.h"
#include "control/ctlworker.h"
#include "control/dispatch.h"
#include "control/dumpjob.h"
#include "log.h"
#include "proto.h"

/*
 * The limits below are documented in pktcapd(8), CONTROL SOCKET; docs/design.md
 * says why each has its value. Together they bound the memory of all clients
 * to about 128 MiB: MAX_DUMPS dumps of at most 5 MiB each, MAX_REPLIES_TOTAL
 * of replies, and a request buffer of 64 KiB per slot.
 */
#define MAX_CLIENTS 256
/* Slots that only root, the daemon's user and the operator group may take. */
#define RESERVED_SLOTS 16
/* From accept (or a later request's first byte) to the whole request. */
#define REQUEST_USEC (10ULL * 1000000)
/* A client that neither sends nor reads for this long is dropped. */
#define CLIENT_IDLE_USEC (30ULL * 1000000)
/* A dump whose reader takes nothing for this long is dropped. */
#define DUMP_STALL_USEC (60ULL * 1000000)
/* A client waiting this long for the ctl-worker's answer is let go (the work goes on). */
#define WORKER_USEC (120ULL * 1000000)
/* Replies one client has not read yet; past this it is not reading and goes. */
#define MAX_PENDING_OUT (16 * 1024 * 1024)
/* Unread replies of all clients together. */
#define MAX_REPLIES_TOTAL (32 * 1024 * 1024)
/* Dumps at once: each holds its reader's buffers, a frame and its backlog. */
#define MAX_DUMPS 16

struct client {
	struct ctlsrv *srv;
	struct client *next;
	int fd;
	sd_event_source *io;
	sd_event_source *timer;	/* the earliest of the deadlines below */
	struct ucred cred;
	enum ctl_right right;
	uint64_t active;	/* last byte received or sent (CLOCK_MONOTONIC usec) */
	uint64_t req_start;	/* a request is due by req_start + REQUEST_USEC; 0: none */
	uint8_t in[PROTO_HDR_LEN + PROTO_MAX_REQUEST];
	size_t inlen;
	uint8_t *out;
	size_t outlen, outoff;
	size_t counted;		/* reply bytes of out counted in srv->replies */
	int closing;		/* close once the output is written */
	struct dump_job *job;	/* a dump streaming to this client */
	struct ctl_job *work;	/* a request on the ctl-worker: nothing more is read meanwhile */
	struct proto_request *dump_req;	/* a dump whose filter the ctl-worker compiles first */
	uint64_t work_start;
	sd_event_source *retry;	/* a following dump looks for new packets */
	uint8_t *dbuf;		/* one DATA frame being built */
};

struct ctlsrv {
	int fd;
	int from_systemd;
	char *path;
	struct ctlrights rights;
	struct daemon *d;
	sd_event_source *io;
	struct client *clients;
	size_t nclients;
	size_t ndumps;
	size_t replies;		/* unread replies of all clients, bytes (not dump data) */
};

/*
 * Opens the socket's directory (like /run/pktcapd) without following a link,
 * creating it if need be, and leaves it owned by root: a directory the daemon
 * user could write to would let it swap the socket for a link while root
 * still works on it. Its group, the read group, may enter it (mode 0750).
 * Returns the directory's fd, or -1 with a reason in err.
 */
static int open_parent(const char *dir, uid_t uid, gid_t gid, char *err, size_t errlen)
{
	int created = mkdir(dir, 0750) == 0, fd;
	struct stat st;

	if (!created && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", dir, strerror(errno));
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s: %s%s", dir, strerror(errno),
			 errno == ELOOP || errno == ENOTDIR ? " (a link is not followed)" : "");
		goto fail;
	}
	if (geteuid() != 0)
		return fd;
	/* Ours, or given to the daemon user by an older pktcapd or tmpfiles.d: root takes it. */
	if (created || (st.st_uid == uid && uid != 0)) {
		if (fchown(fd, 0, gid) < 0 || fchmod(fd, 0750) < 0) {
			snprintf(err, errlen, "%s: %s", dir, strerror(errno));
			goto fail;
		}
		if (!created)
			log_notice("%s: now owned by root, mode 0750 (was the daemon user's)", dir);
		return fd;
	}
	if ((st.st_mode & S_IWOTH && !(st.st_mode & S_ISVTX)) ||
	    (st.st_gid == gid && st.st_mode & S_IWGRP)) {
		snprintf(err, errlen, "%s: the daemon user could replace the socket there: make it writable by root only",
			 dir);
		goto fail;
	}
	return fd;
fail:
	if (fd >= 0)
		close(fd);
	return -1;
}

int ctlsrv_set_operators(struct ctlsrv *s, const char *group)
{
	if (!s || !strcmp(group, s->rights.op_group))
		return 0;
	if (ctlrights_set_operators(&s->rights, group) < 0)
		return -1;
	log_info("operator group now %s", *group ? group : "(none: root and the daemon user)");
	return 0;
}

/*
 * The daemon group's name, looked up once, at start-up: once confined, a
 * name service that needs a socket (sssd, LDAP, nscd) cannot be asked.
 */
static const char *group_name(gid_t gid)
{
	static char name[64];
	static gid_t known = (gid_t)-1;
	struct group *gr;

	if (known != gid && (gr = getgrgid(gid))) {
		snprintf(name, sizeof(name), "%s", gr->gr_name);
		known = gid;
	}
	return known == gid ? name : NULL;
}

struct ctlsrv *ctlsrv_open(const char *path, uid_t uid, gid_t gid, const char *operators)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct ctlsrv *s = calloc(1, sizeof(*s));
	int n = sd_listen_fds(1), dfd = -1;
	char err[512], *dir = NULL, *name;
	struct stat st;
	mode_t mask;

	if (!s)
		return NULL;
	s->rights.uid = uid;
	s->rights.gid = gid;
	group_name(gid);
	s->fd = -1;
	if (ctlrights_set_operators(&s->rights, operators) < 0)
		goto fail;
	if (n >= 1 && sd_is_socket_unix(SD_LISTEN_FDS_START, SOCK_STREAM, 1, NULL, 0) > 0) {
		s->fd = SD_LISTEN_FDS_START;
		s->from_systemd = 1;
		fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
		log_info("control socket from systemd");
		return s;
	}
	s->path = strdup(path);
	dir = strdup(path);
	if (!s->path || !dir || strlen(path) >= sizeof(sa.sun_path) || !strrchr(dir, '/'))
		goto fail;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	name = strrchr(dir, '/');
	*name++ = 0;
	dfd = open_parent(*dir ? dir : "/", uid, gid, err, sizeof(err));
	if (dfd < 0) {
		log_err("control socket %s: %s", path, err);
		goto fail;
	}
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		goto fail_errno;
	/* A socket file left by a crash is stale if nobody answers on it. */
	if (connect(s->fd, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
		log_err("%s: another pktcapd is answering there", path);
		goto fail;
	}
	close(s->fd);
	unlinkat(dfd, name, 0);
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		goto fail_errno;
	/* Born 0660: no moment exists when others may connect (one thread yet: umask is safe). */
	mask = umask(0117);
	n = bind(s->fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(mask);
	if (n < 0)
		goto fail_errno;
	/* By name in a directory only root writes, never through a link. */
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISSOCK(st.st_mode)) {
		log_err("control socket %s: not the socket just bound", path);
		goto fail;
	}
	if ((geteuid() == 0 && fchownat(dfd, name, uid, gid, AT_SYMLINK_NOFOLLOW) < 0) ||
	    listen(s->fd, 64) < 0)
		goto fail_errno;
	close(dfd);
	free(dir);
	log_info("control socket %s", path);
	return s;
fail_errno:
	log_err("control socket %s: %s", path, strerror(errno));
fail:
	if (dfd >= 0)
		close(dfd);
	if (s->fd >= 0)
		close(s->fd);
	free(dir);
	ctlrights_free(&s->rights);
	free(s->path);
	free(s);
	return NULL;
}

static uint64_t now_usec(struct client *c)
{
	uint64_t now = 0;

	sd_event_now(sd_event_source_get_event(c->io), CLOCK_MONOTONIC, &now);
	return now;
}

static void dump_end(struct client *c)
{
	if (!c->job)
		return;
	dump_job_free(c->job);
	c->job = NULL;
	c->srv->ndumps--;
	free(c->dbuf);
	c->dbuf = NULL;
	if (c->retry)
		sd_event_source_set_enabled(c->retry, SD_EVENT_OFF);
}

static void client_free(struct client *c)
{
	struct ctlsrv *s = c->srv;
	struct client **pp;
	int big = c->job || c->outlen > 64 * 1024;

	for (pp = &s->clients; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	s->nclients--;
	s->replies -= c->counted;
	dump_end(c);
	if (c->work)
		ctlworker_forget(c->work);
	free(c->dump_req);
	sd_event_source_disable_unref(c->io);
	sd_event_source_disable_unref(c->timer);
	sd_event_source_disable_unref(c->retry);
	close(c->fd);
	free(c->out);
	free(c);
	/* Freed buffers go back to the kernel, not only to malloc's free lists. */
	if (big || !s->nclients)
		malloc_trim(0);
}

/* Queues bytes for the client; a reply's count against MAX_REPLIES_TOTAL, a dump's not. */
static int queue_out(struct client *c, const uint8_t *data, size_t len, int reply)
{
	uint8_t *n;

	if (c->outlen - c->outoff + len > MAX_PENDING_OUT)
		return -1;
	if (c->outoff) {
		memmove(c->out, c->out + c->outoff, c->outlen - c->outoff);
		c->outlen -= c->outoff;
		c->outoff = 0;
	}
	n = realloc(c->out, c->outlen + len);
	if (!n)
		return -1;
	c->out = n;
	memcpy(c->out + c->outlen, data, len);
	c->outlen += len;
	if (reply) {
		c->counted += len;
		c->srv->replies += len;
	}
	return 0;
}

/* Queues a REPLY frame, which it frees; -1 when the client must go. */
static int queue_frame(struct client *c, uint8_t *frame, size_t len)
{
	const char *why = NULL;
	json_t *reply;
	int rc;

	/* An answer that cannot be queued whole is replaced by one that says why. */
	if (frame && len > MAX_PENDING_OUT) {
		why = "the answer is too large: ask about one ring at a time";
	} else if (frame && c->srv->replies + len > MAX_REPLIES_TOTAL) {
		/* Others' unread replies fill the budget; one that pipelines unread goes. */
		if (c->outlen > c->outoff) {
			free(frame);
			return -1;
		}
		why = "pktcapd is busy: other clients have not read their answers; try again";
	}
	if (why) {
		free(frame);
		reply = json_pack("{s:b, s:s}", "ok", 0, "error", why);
		frame = proto_frame_json(PROTO_REPLY, reply, &len);
		json_decref(reply);
	}
	rc = frame ? queue_out(c, frame, len, 1) : -1;
	free(frame);
	return rc;
}

static int queue_json(struct client *c, json_t *reply)
{
	size_t len = 0;
	uint8_t *frame = reply ? proto_frame_json(PROTO_REPLY, reply, &len) : NULL;

	json_decref(reply);
	return queue_frame(c, frame, len);
}

static int queue_error(struct client *c, const char *msg)
{
	char clean[512];

	/* json_pack refuses text that is not UTF-8, and the client would get nothing. */
	snprintf(clean, sizeof(clean), "%s", msg);
	proto_utf8_clean(clean);
	return queue_json(c, json_pack("{s:b, s:s}", "ok", 0, "error", clean));
}

/* A DATA frame's worth per step; the client's unread output stays below DUMP_BACKLOG. */
#define DUMP_CHUNK (256 * 1024)
#define DUMP_BACKLOG (1024 * 1024)
#define DUMP_RETRY_USEC (200 * 1000)

static int on_dump_retry(sd_event_source *s, uint64_t usec, void *userdata);

/*
 * Moves the dump forward by one step (one DATA frame, or one read budget
 * spent before the window), while less than DUMP_BACKLOG is unread: a
 * request on another connection waits for at most one step of each running
 * stream. Returns 1 when a following dump waits for packets, 0 when it has
 * more to give (or ended: c->job is NULL then), -1 on failure.
 */
static int pump_dump(struct client *c)
{
	if (c->job && c->outlen - c->outoff < DUMP_BACKLOG) {
		size_t len = 0;
		int rc = dump_job_fill(c->job, c->dbuf + PROTO_HDR_LEN, DUMP_CHUNK, &len);

		if (len) {
			proto_write_hdr(c->dbuf, PROTO_DATA, (uint32_t)len);
			if (queue_out(c, c->dbuf, PROTO_HDR_LEN + len, 0) < 0) {
				log_warn("control client pid %d: dump: out of memory", (int)c->cred.pid);
				return -1;
			}
		}
		if (rc == DUMP_DONE) {
			size_t flen;
			json_t *end = dump_job_end(c->job);
			uint8_t *frame;

			frame = end ? proto_frame_json(PROTO_END, end, &flen) : NULL;

			json_decref(end);
			dump_end(c);
			if (!frame || queue_out(c, frame, flen, 0) < 0) {
				free(frame);
				return -1;
			}
			free(frame);
			c->closing = 1;
			return 0;
		}
		if (rc == DUMP_WAIT)
			return 1;
		/* The loop turns; EPOLLOUT (the socket is writable) brings us back. */
		return 0;
	}
	return 0;
}

/* Writes what the socket takes; -1 when the client must go now. */
static int flush_out(struct client *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
				 MSG_NOSIGNAL | MSG_DONTWAIT);
		size_t replies;

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			log_debug("control client pid %d: %s: closed", (int)c->cred.pid, strerror(errno));
			return -1;
		}
		c->outoff += (size_t)n;
		/* Replies were queued before any dump data: the first bytes out are theirs. */
		replies = (size_t)n < c->counted ? (size_t)n : c->counted;
		c->counted -= replies;
		c->srv->replies -= replies;
		c->active = now_usec(c);
	}
	if (c->outoff == c->outlen) {
		c->outoff = c->outlen = 0;
		/* A dump reuses its buffer; a reply's is returned at once. */
		if (!c->job) {
			free(c->out);
			c->out = NULL;
		}
	}
	return 0;
}

/*
 * One turn of a client: send what is queued, move its dump on, and leave
 * exactly one wake-up armed for the dump: EPOLLOUT while output waits or more
 * can be made (a full socket wakes us when it drains, an empty one at the
 * next turn of the loop, after capture), the retry timer while a following
 * dump waits for packets. Returns -1 when the client must go now.
 */
static int client_turn(struct client *c)
{
	uint32_t events;
	int waiting = 0;

	if (flush_out(c) < 0)
		return -1;
	if (c->job) {
		waiting = pump_dump(c);
		if (waiting < 0 || flush_out(c) < 0)
			return -1;
		/* Output still queued: EPOLLOUT comes back here and pumps again. */
		if (c->outlen > c->outoff)
			waiting = 0;
	}
	if (c->closing && c->outoff == c->outlen)
		return -1;
	/*
	 * A closing client is not read any more: EPOLLIN would fire forever. One
	 * waiting for the worker is read after its answer, so replies keep their
	 * order; its hang-up still comes as EPOLLHUP.
	 */
	events = c->closing || c->work ? 0 : EPOLLIN;
	if (c->outlen > c->outoff || (c->job && !waiting))
		events |= EPOLLOUT;
	sd_event_source_set_io_events(c->io, events);
	if (!waiting) {
		if (c->retry)
			sd_event_source_set_enabled(c->retry, SD_EVENT_OFF);
		return 0;
	}
	if (!c->retry && sd_event_add_time(sd_event_source_get_event(c->io), &c->retry,
					   CLOCK_MONOTONIC, 0, 50000, on_dump_retry, c) < 0)
		return -1;
	sd_event_source_set_time(c->retry, now_usec(c) + DUMP_RETRY_USEC);
	sd_event_source_set_enabled(c->retry, SD_EVENT_ONESHOT);
	return 0;
}

static int on_dump_retry(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct client *c = userdata;

	if (client_turn(c) < 0)
		client_free(c);
	return 0;
}

static void refuse_cmd(struct client *c, enum proto_cmd cmd)
{
	char msg[256];

	ctlrights_refusal(&c->srv->rights, cmd, msg, sizeof(msg));
	log_warn("control client pid %d uid %d: %s refused", (int)c->cred.pid, (int)c->cred.uid,
		 proto_cmd_name(cmd));
	queue_error(c, msg);
}

/*
 * The rotate command: requested rotations are rationed per ring, so that a
 * runaway script cannot rotate a ring's history away. A refusal says when to
 * retry. On the ctl-worker, the only thread that touches the rations.
 */
json_t *ctlsrv_rotate(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	char which[160] = "", msg[400];
	struct timespec ts;
	uint64_t wait;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	wait = ctlrights_ration_rotate(&d->ctl->rights, d, req->ring,
				       (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000,
				       which, sizeof(which));
	if (wait == (uint64_t)-1)
		return control_fail("out of memory");
	if (!wait)
		return control_rotate(d, req, peer);
	wait = (wait + 999999) / 1000000;
	snprintf(msg, sizeof(msg), "ring %s was rotated on request %d times lately (at most %d in a row, then one every %llu s): try again in %llu s",
		 which, CTL_ROTATE_BURST, CTL_ROTATE_BURST, CTL_ROTATE_USEC / 1000000,
		 (unsigned long long)wait);
	proto_utf8_clean(msg);
	log_warn("control client pid %d uid %d: rotate %s refused: rationed", (int)peer->pid,
		 (int)peer->uid, which);
	return json_pack("{s:b, s:s, s:I}", "ok", 0, "error", msg, "retry_after", (json_int_t)wait);
}

static void arm_deadline(struct client *c);
static int process_input(struct client *c);

/* On the loop: the worker's answer to this client, then what it sent meanwhile. */
static void on_work_done(struct ctl_job *job, uint8_t *frame, size_t len, void *arg)
{
	struct client *c = arg;

	c->work = NULL;
	c->active = now_usec(c);
	/* A request sent meanwhile has its 10 s from now. */
	if (c->inlen)
		c->req_start = c->active;
	if (queue_frame(c, frame, len) < 0 || process_input(c) < 0)
		c->closing = 1;
	if (client_turn(c) < 0) {
		client_free(c);
		return;
	}
	arm_deadline(c);
}

/* Hands a slow request to the ctl-worker; -1 when the connection must close. */
static int start_work(struct client *c, const struct ctl_command *cmd,
		      const struct proto_request *req)
{
	c->work = ctlworker_submit(cmd, req, &c->cred, on_work_done, c);
	if (!c->work)
		return queue_error(c, "out of memory") < 0 ? -1 : 0;
	c->work_start = now_usec(c);
	return 0;
}

/* Starts a dump on this connection; -1 when the connection must close. */
static int start_dump(struct client *c, const struct proto_request *req)
{
	char err[256];

	log_debug("control client pid %d uid %d: dump %s", (int)c->cred.pid, (int)c->cred.uid,
		  req->ring);
	if (c->job) {
		queue_error(c, "a dump is already running on this connection");
		return -1;
	}
	if (c->srv->ndumps >= MAX_DUMPS) {
		snprintf(err, sizeof(err), "pktcapd is busy: %d dumps are running; try again", MAX_DUMPS);
		log_warn("control client pid %d: %s", (int)c->cred.pid, err);
		queue_error(c, err);
		return -1;
	}
	c->job = dump_job_new(c->srv->d, req, &c->cred, err, sizeof(err));
	if (!c->job) {
		queue_error(c, err);
		return -1;
	}
	c->srv->ndumps++;
	c->dbuf = malloc(PROTO_HDR_LEN + DUMP_CHUNK + 512 * 1024);
	if (!c->dbuf) {
		dump_end(c);
		queue_error(c, "out of memory");
		return -1;
	}
	return 0;
}

/* The worker compiled the dump's filter (dump_job_prepare): the dump starts now. */
static void on_prepared(struct ctl_job *job, uint8_t *frame, size_t len, void *arg)
{
	struct client *c = arg;
	struct proto_request *req = c->dump_req;

	free(frame);
	c->work = NULL;
	c->dump_req = NULL;
	c->active = now_usec(c);
	if (start_dump(c, req) < 0)
		c->closing = 1;
	free(req);
	/* The dump owns the connection: nothing more is parsed, as in process_input. */
	c->inlen = 0;
	c->req_start = 0;
	if (client_turn(c) < 0) {
		client_free(c);
		return;
	}
	arm_deadline(c);
}

/*
 * A dump or export with a filter: libpcap resolves host names in it, which
 * can take as long as the resolver's time-outs, so the ctl-worker compiles
 * it before the dump starts; the loop serves everyone else meanwhile.
 */
static int start_prepared_dump(struct client *c, const struct proto_request *req)
{
	c->dump_req = malloc(sizeof(*req));
	if (c->dump_req) {
		*c->dump_req = *req;
		dump_job_prep_params(c->srv->d, c->dump_req);
		c->work = ctlworker_submit_apart(dispatch_prepare(), c->dump_req, &c->cred,
						 on_prepared, c);
	}
	if (!c->work) {
		free(c->dump_req);
		c->dump_req = NULL;
		return queue_error(c, "out of memory") < 0 ? -1 : 0;
	}
	c->work_start = now_usec(c);
	return 0;
}

/*
 * Answers one decoded request as the dispatch table says: refused without
 * the right, or inline, streamed, or handed to the worker. -1 when the
 * connection must close.
 */
static int answer(struct client *c, const struct proto_request *req)
{
	const struct ctl_command *cmd = dispatch_find(req->cmd);

	if (!cmd)
		return queue_error(c, "unknown command");
	if (cmd->right > c->right) {
		refuse_cmd(c, req->cmd);
		return 0;
	}
	log_debug("control client pid %d uid %d: %s", (int)c->cred.pid, (int)c->cred.uid,
		  proto_cmd_name(req->cmd));
	switch (dispatch_kind(cmd, req)) {
	case CTL_STREAM:
		if (*req->filter && (!*req->case_id || req->export) && !c->job)
			return start_prepared_dump(c, req);
		return start_dump(c, req);
	case CTL_WORKER:
		return start_work(c, cmd, req);
	case CTL_INLINE:
		break;
	}
	return queue_json(c, dispatch_call(cmd, c->srv->d, req, &c->cred));
}

/* Handles every complete frame in the input; -1 on a protocol error. */
static int process_input(struct client *c)
{
	/* Nothing is answered ahead of the worker's reply. */
	while (!c->work) {
		struct proto_request req;
		struct proto_hdr hdr;
		const char *why = NULL;
		char err[256];
		int rc = proto_read_hdr(c->in, c->inlen, PROTO_MAX_REQUEST, &hdr, &why);

		if (rc == 0)
			return 0;
		if (rc < 0) {
			log_warn("control client pid %d: %s", (int)c->cred.pid, why);
			queue_error(c, why);
			return -1;
		}
		if (c->inlen < PROTO_HDR_LEN + hdr.length)
			return 0;
		if (hdr.type != PROTO_REQUEST) {
			queue_error(c, "only request frames are accepted");
			return -1;
		}
		rc = 0;
		if (proto_decode_request(c->in + PROTO_HDR_LEN, hdr.length, &req, err,
					 sizeof(err)) < 0)
			rc = queue_error(c, err);
		else if (answer(c, &req) < 0)
			return -1;
		if (rc < 0)
			return -1;
		memmove(c->in, c->in + PROTO_HDR_LEN + hdr.length,
			c->inlen - PROTO_HDR_LEN - hdr.length);
		c->inlen -= PROTO_HDR_LEN + hdr.length;
		/* The next request's deadline runs from its first byte. */
		c->req_start = c->inlen ? now_usec(c) : 0;
		/* The dump owns the connection from here: nothing more is parsed. */
		if (c->job) {
			c->inlen = 0;
			c->req_start = 0;
			return 0;
		}
		/* The rest waits for the worker's answer; its clock starts then. */
		if (c->work)
			c->req_start = 0;
	}
	return 0;
}

/* Arms the client's one timer for the earliest of its deadlines. */
static void arm_deadline(struct client *c)
{
	uint64_t t = c->active + (c->job ? DUMP_STALL_USEC : CLIENT_IDLE_USEC);

	if (c->work)
		t = c->work_start + WORKER_USEC;
	if (c->req_start && c->req_start + REQUEST_USEC < t)
		t = c->req_start + REQUEST_USEC;
	sd_event_source_set_time(c->timer, t);
	sd_event_source_set_enabled(c->timer, SD_EVENT_ONESHOT);
}

static int on_client_deadline(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct client *c = userdata;
	uint64_t now = now_usec(c);

	/* Its work is not idleness, but an answer that never comes must not keep the slot. */
	if (c->work) {
		if (now < c->work_start + WORKER_USEC) {
			arm_deadline(c);
			return 0;
		}
		log_warn("control client pid %d uid %d: no answer from the ctl-worker within %llu s: closed",
			 (int)c->cred.pid, (int)c->cred.uid, WORKER_USEC / 1000000);
		client_free(c);
		return 0;
	}
	if (c->req_start && now >= c->req_start + REQUEST_USEC) {
		log_info("control client pid %d uid %d: no whole request within %llu s: closed",
			 (int)c->cred.pid, (int)c->cred.uid, REQUEST_USEC / 1000000);
		client_free(c);
		return 0;
	}
	/* A following dump is quiet when the wire is: that is not idleness. */
	if (c->job && c->outoff == c->outlen)
		c->active = now;
	if (now >= c->active + (c->job ? DUMP_STALL_USEC : CLIENT_IDLE_USEC)) {
		log_info("control client pid %d uid %d: %s: closed", (int)c->cred.pid,
			 (int)c->cred.uid, c->outlen > c->outoff ? "not reading" : "idle");
		client_free(c);
		return 0;
	}
	arm_deadline(c);
	return 0;
}

static int on_client(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct client *c = userdata;

	if ((revents & EPOLLIN) && !c->closing && !c->work) {
		ssize_t n = recv(fd, c->in + c->inlen, sizeof(c->in) - c->inlen, MSG_DONTWAIT);

		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			log_debug("control client pid %d: %s", (int)c->cred.pid,
				  n == 0 ? "went away" : strerror(errno));
			client_free(c);
			return 0;
		}
		if (n > 0) {
			c->active = now_usec(c);
			c->inlen += (size_t)n;
			if (c->job)
				c->inlen = 0;	/* a dump's client has nothing more to say */
			else if (!c->req_start)
				c->req_start = c->active;
			if (!c->job && process_input(c) < 0)
				c->closing = 1;
		}
	} else if (revents & (EPOLLHUP | EPOLLERR)) {
		log_debug("control client pid %d: hung up", (int)c->cred.pid);
		client_free(c);
		return 0;
	}
	if (client_turn(c) < 0) {
		client_free(c);
		return 0;
	}
	arm_deadline(c);
	return 0;
}

/* Says why to a client that is not let in, then closes it. */
static void turn_away(int cfd, const char *msg)
{
	size_t len;
	json_t *j = json_pack("{s:b, s:s}", "ok", 0, "error", msg);
	uint8_t *frame = j ? proto_frame_json(PROTO_REPLY, j, &len) : NULL;

	if (frame && send(cfd, frame, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		log_debug("cannot tell the refused client: %s", strerror(errno));
	free(frame);
	json_decref(j);
	close(cfd);
}

static int on_accept(sd_event_source *src, int fd, uint32_t revents, void *userdata)
{
	struct ctlsrv *s = userdata;
	struct client *c;
	struct ucred cred = { 0 };
	enum ctl_right right;
	char msg[256];
	int cfd;

	/* A bounded batch per wake-up: capture gets its turn. */
	for (int i = 0; i < 32; i++) {
		cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (cfd < 0)
			return 0;
		right = ctlrights_peer(&s->rights, cfd, &cred);
		if (right == CTL_RIGHT_NONE) {
			const char *gr = group_name(s->rights.gid);

			log_warn("control socket: refused pid %d uid %d: not root, the daemon user or group %s",
				 (int)cred.pid, (int)cred.uid, gr ? gr : "?");
			snprintf(msg, sizeof(msg), "permission denied: add yourself to group %s",
				 gr ? gr : "of the socket");
			turn_away(cfd, msg);
			continue;
		}
		/* The last slots stay free for those who can repair things. */
		if (s->nclients >= (right == CTL_RIGHT_OPERATE ? MAX_CLIENTS
					: MAX_CLIENTS - RESERVED_SLOTS)) {
			log_warn("control socket: %zu clients already, refusing pid %d uid %d",
				 s->nclients, (int)cred.pid, (int)cred.uid);
			turn_away(cfd, "pktcapd is busy: too many clients, try again");
			continue;
		}
		c = calloc(1, sizeof(*c));
		if (!c) {
			close(cfd);
			continue;
		}
		c->srv = s;
		c->fd = cfd;
		c->cred = cred;
		c->right = right;
		if (sd_event_add_io(sd_event_source_get_event(src), &c->io, cfd, EPOLLIN, on_client,
				    c) < 0 ||
		    sd_event_add_time(sd_event_source_get_event(src), &c->timer, CLOCK_MONOTONIC, 0,
				      100000, on_client_deadline, c) < 0) {
			sd_event_source_disable_unref(c->io);
			close(cfd);
			free(c);
			continue;
		}
		c->next = s->clients;
		s->clients = c;
		s->nclients++;
		c->active = c->req_start = now_usec(c);
		arm_deadline(c);
	}
	return 0;
}

int ctlsrv_start(struct ctlsrv *s, struct daemon *d)
{
	s->d = d;
	if (ctlworker_start(d) < 0)
		return -1;
	/*
	 * A fixed threshold: every buffer of 128 KiB or more (a dump's) is mapped
	 * on its own and unmapped when freed, instead of glibc raising the
	 * threshold after the first free and keeping later ones on the heap.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
	if (sd_event_add_io(d->event, &s->io, s->fd, EPOLLIN, on_accept, s) < 0) {
		log_err("cannot watch the control socket");
		return -1;
	}
	return 0;
}

void ctlsrv_close(struct ctlsrv *s)
{
	if (!s)
		return;
	/* The worker finishes what it runs (it may use s: a reload); nobody waits for it now. */
	for (struct client *c = s->clients; c; c = c->next)
		if (c->work) {
			ctlworker_forget(c->work);
			c->work = NULL;
		}
	ctlworker_stop();
	while (s->clients)
		client_free(s->clients);
	sd_event_source_disable_unref(s->io);
	if (s->fd >= 0)
		close(s->fd);
	/* Our own socket file goes with us; systemd's stays systemd's. */
	if (s->path && !s->from_systemd)
		unlink(s->path);
	free(s->path);
	ctlrights_free(&s->rights);
	free(s);
}

/* ctlsrv.c: the control socket server: peers checked, requests framed, replies queued, never blocking */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "control.h"
#include "ctlsrv.h"
#include "dumpjob.h"
#include "log.h"
#include "proto.h"

#define MAX_CLIENTS 256
/* A client that neither sends nor reads for this long is dropped. */
#define CLIENT_IDLE_USEC (30ULL * 1000000)
/* Replies a client has not read yet; past this it is not reading and goes. */
#define MAX_PENDING_OUT (16 * 1024 * 1024)

struct client {
	struct ctlsrv *srv;
	struct client *next;
	int fd;
	sd_event_source *io;
	sd_event_source *timer;
	struct ucred cred;
	uint8_t in[PROTO_HDR_LEN + PROTO_MAX_REQUEST];
	size_t inlen;
	uint8_t *out;
	size_t outlen, outoff;
	int closing;		/* close once the output is written */
	struct dump_job *job;	/* a dump streaming to this client */
	sd_event_source *retry;	/* a following dump looks for new packets */
	uint8_t *dbuf;		/* one DATA frame being built */
};

struct ctlsrv {
	int fd;
	int from_systemd;
	char *path;
	uid_t uid;
	gid_t gid;
	struct daemon *d;
	sd_event_source *io;
	struct client *clients;
	size_t nclients;
};

/* Creates the socket's directory (like /run/pktcapd) owned by the daemon user. */
static int make_parent(const char *path, uid_t uid, gid_t gid)
{
	char *dir = strdup(path), *slash;
	int rc = 0;

	if (!dir)
		return -1;
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = 0;
		if (mkdir(dir, 0755) == 0) {
			if (geteuid() == 0 && chown(dir, uid, gid) < 0)
				rc = -1;
		} else if (errno != EEXIST) {
			rc = -1;
		}
	}
	free(dir);
	return rc;
}

struct ctlsrv *ctlsrv_open(const char *path, uid_t uid, gid_t gid)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct ctlsrv *s = calloc(1, sizeof(*s));
	int n = sd_listen_fds(1);

	if (!s)
		return NULL;
	s->uid = uid;
	s->gid = gid;
	s->fd = -1;
	if (n >= 1 && sd_is_socket_unix(SD_LISTEN_FDS_START, SOCK_STREAM, 1, NULL, 0) > 0) {
		s->fd = SD_LISTEN_FDS_START;
		s->from_systemd = 1;
		fcntl(s->fd, F_SETFL, fcntl(s->fd, F_GETFL) | O_NONBLOCK);
		log_info("control socket from systemd");
		return s;
	}
	s->path = strdup(path);
	if (!s->path || strlen(path) >= sizeof(sa.sun_path))
		goto fail;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (make_parent(path, uid, gid) < 0) {
		log_err("cannot create the directory of %s: %s", path, strerror(errno));
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
	unlink(path);
	s->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0 || bind(s->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0)
		goto fail_errno;
	if (chmod(path, 0660) < 0 || (geteuid() == 0 && chown(path, uid, gid) < 0) ||
	    listen(s->fd, 64) < 0)
		goto fail_errno;
	log_info("control socket %s", path);
	return s;
fail_errno:
	log_err("control socket %s: %s", path, strerror(errno));
fail:
	if (s->fd >= 0)
		close(s->fd);
	free(s->path);
	free(s);
	return NULL;
}

static void client_free(struct client *c)
{
	struct ctlsrv *s = c->srv;
	struct client **pp;

	for (pp = &s->clients; *pp; pp = &(*pp)->next)
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	s->nclients--;
	sd_event_source_disable_unref(c->io);
	sd_event_source_disable_unref(c->timer);
	sd_event_source_disable_unref(c->retry);
	dump_job_free(c->job);
	free(c->dbuf);
	close(c->fd);
	free(c->out);
	free(c);
}

static int queue_out(struct client *c, const uint8_t *data, size_t len)
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
	return 0;
}

static int queue_json(struct client *c, json_t *reply)
{
	size_t len;
	uint8_t *frame = proto_frame_json(PROTO_REPLY, reply, &len);
	int rc;

	json_decref(reply);
	/* An answer that cannot be queued whole is replaced by one that says why. */
	if (frame && len > MAX_PENDING_OUT) {
		free(frame);
		reply = json_pack("{s:b, s:s}", "ok", 0, "error",
				  "the answer is too large: ask about one ring at a time");
		frame = proto_frame_json(PROTO_REPLY, reply, &len);
		json_decref(reply);
	}
	rc = frame ? queue_out(c, frame, len) : -1;
	free(frame);
	return rc;
}

static int queue_error(struct client *c, const char *msg)
{
	return queue_json(c, json_pack("{s:b, s:s}", "ok", 0, "error", msg));
}

/* A DATA frame's worth per step; the client's unread output stays below DUMP_BACKLOG. */
#define DUMP_CHUNK (256 * 1024)
#define DUMP_BACKLOG (1024 * 1024)
#define DUMP_RETRY_USEC (200 * 1000)

static int on_dump_retry(sd_event_source *s, uint64_t usec, void *userdata);

/* Moves the dump forward while the client keeps reading; -1 on failure. */
static int pump_dump(struct client *c)
{
	int retry_now = 0;

	while (c->job && c->outlen - c->outoff < DUMP_BACKLOG) {
		size_t len = 0;
		int rc = dump_job_fill(c->job, c->dbuf + PROTO_HDR_LEN, DUMP_CHUNK, &len);

		if (len) {
			proto_write_hdr(c->dbuf, PROTO_DATA, (uint32_t)len);
			if (queue_out(c, c->dbuf, PROTO_HDR_LEN + len) < 0)
				return -1;
		} else if (rc == DUMP_MORE) {
			/*
			 * A read budget spent on packets before the window: let the loop
			 * turn (capture first) and go on at once from the retry timer.
			 */
			rc = DUMP_WAIT;
			retry_now = 1;
		}
		if (rc == DUMP_DONE) {
			size_t flen;
			json_t *end = json_pack("{s:b, s:I}", "ok", 1, "packets",
						(json_int_t)dump_job_packets(c->job));
			json_t *damage = dump_job_damage(c->job);
			uint8_t *frame;

			/* Damaged records were not sent; the client says so and fails. */
			if (damage)
				json_object_set(end, "damaged", damage);
			frame = proto_frame_json(PROTO_END, end, &flen);

			json_decref(end);
			dump_job_free(c->job);
			c->job = NULL;
			if (!frame || queue_out(c, frame, flen) < 0) {
				free(frame);
				return -1;
			}
			free(frame);
			c->closing = 1;
			break;
		}
		if (rc == DUMP_WAIT) {
			uint64_t now;

			sd_event_now(sd_event_source_get_event(c->io), CLOCK_MONOTONIC, &now);
			if (retry_now)
				now -= DUMP_RETRY_USEC;
			if (!c->retry) {
				if (sd_event_add_time(sd_event_source_get_event(c->io), &c->retry,
						      CLOCK_MONOTONIC, now + DUMP_RETRY_USEC, 50000,
						      on_dump_retry, c) < 0)
					return -1;
			} else {
				sd_event_source_set_time(c->retry, now + DUMP_RETRY_USEC);
				sd_event_source_set_enabled(c->retry, SD_EVENT_ONESHOT);
			}
			break;
		}
	}
	return 0;
}

/* Returns -1 when the client must go now. */
static int flush_out(struct client *c)
{
	while (c->outoff < c->outlen) {
		ssize_t n = send(c->fd, c->out + c->outoff, c->outlen - c->outoff,
				 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			return -1;
		}
		c->outoff += (size_t)n;
	}
	if (c->outoff == c->outlen) {
		c->outoff = c->outlen = 0;
		if (c->closing)
			return -1;
	}
	/* A closing client is not read any more: EPOLLIN would fire forever. */
	sd_event_source_set_io_events(c->io, c->closing ? EPOLLOUT
					     : c->outlen ? EPOLLIN | EPOLLOUT : EPOLLIN);
	return 0;
}

static int on_dump_retry(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct client *c = userdata;

	if (pump_dump(c) < 0 || flush_out(c) < 0)
		client_free(c);
	return 0;
}

/* Handles every complete frame in the input; -1 on a protocol error. */
static int process_input(struct client *c)
{
	for (;;) {
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
		if (proto_decode_request(c->in + PROTO_HDR_LEN, hdr.length, &req, err,
					 sizeof(err)) < 0) {
			if (queue_error(c, err) < 0)
				return -1;
		} else if (req.cmd == CMD_DUMP) {
			log_debug("control client pid %d uid %d: dump %s", (int)c->cred.pid,
				  (int)c->cred.uid, req.ring);
			if (c->job) {
				queue_error(c, "a dump is already running on this connection");
				return -1;
			}
			c->job = dump_job_new(c->srv->d, &req, err, sizeof(err));
			if (!c->dbuf)
				c->dbuf = malloc(PROTO_HDR_LEN + DUMP_CHUNK + 512 * 1024);
			if (!c->job || !c->dbuf) {
				queue_error(c, c->job ? "out of memory" : err);
				return -1;
			}
			memmove(c->in, c->in + PROTO_HDR_LEN + hdr.length,
				c->inlen - PROTO_HDR_LEN - hdr.length);
			c->inlen -= PROTO_HDR_LEN + hdr.length;
			/* The dump owns the connection from here: nothing more is parsed. */
			return pump_dump(c);
		} else {
			log_debug("control client pid %d uid %d: %s", (int)c->cred.pid,
				  (int)c->cred.uid, proto_cmd_name(req.cmd));
			if (queue_json(c, control_handle(c->srv->d, &req)) < 0)
				return -1;
		}
		memmove(c->in, c->in + PROTO_HDR_LEN + hdr.length,
			c->inlen - PROTO_HDR_LEN - hdr.length);
		c->inlen -= PROTO_HDR_LEN + hdr.length;
	}
}

static void touch(struct client *c);

static int on_client_idle(sd_event_source *s, uint64_t usec, void *userdata)
{
	struct client *c = userdata;

	/* A following dump is quiet when the wire is: that is not idleness. */
	if (c->job) {
		touch(c);
		return 0;
	}
	log_debug("control client pid %d idle: closed", (int)c->cred.pid);
	client_free(c);
	return 0;
}

static void touch(struct client *c)
{
	uint64_t now;

	sd_event_now(sd_event_source_get_event(c->io), CLOCK_MONOTONIC, &now);
	sd_event_source_set_time(c->timer, now + CLIENT_IDLE_USEC);
	sd_event_source_set_enabled(c->timer, SD_EVENT_ONESHOT);
}

static int on_client(sd_event_source *s, int fd, uint32_t revents, void *userdata)
{
	struct client *c = userdata;

	touch(c);
	if ((revents & EPOLLIN) && !c->closing) {
		ssize_t n = recv(fd, c->in + c->inlen, sizeof(c->in) - c->inlen, MSG_DONTWAIT);

		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			client_free(c);
			return 0;
		}
		if (n > 0) {
			c->inlen += (size_t)n;
			if (c->job)
				c->inlen = 0;	/* a dump's client has nothing more to say */
			else if (process_input(c) < 0)
				c->closing = 1;
		}
	} else if (revents & (EPOLLHUP | EPOLLERR)) {
		client_free(c);
		return 0;
	}
	if (flush_out(c) < 0 || (c->job && pump_dump(c) < 0) || flush_out(c) < 0)
		client_free(c);
	return 0;
}

/* Root, the daemon's own user, or a member of the socket's group. */
static int peer_allowed(struct ctlsrv *s, int fd, struct ucred *cred)
{
	gid_t groups[256];
	socklen_t len = sizeof(*cred);

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, &len) < 0)
		return 0;
	if (cred->uid == 0 || cred->uid == s->uid || cred->gid == s->gid)
		return 1;
	len = sizeof(groups);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == 0)
		for (size_t i = 0; i < len / sizeof(gid_t); i++)
			if (groups[i] == s->gid)
				return 1;
	return 0;
}

static int on_accept(sd_event_source *src, int fd, uint32_t revents, void *userdata)
{
	struct ctlsrv *s = userdata;
	struct client *c;
	struct ucred cred = { 0 };
	int cfd;

	/* A bounded batch per wake-up: capture gets its turn. */
	for (int i = 0; i < 32; i++) {
		cfd = accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (cfd < 0)
			return 0;
		if (!peer_allowed(s, cfd, &cred)) {
			struct group *gr = getgrgid(s->gid);
			char msg[256];
			size_t len;
			json_t *j;
			uint8_t *frame;

			log_warn("control socket: refused pid %d uid %d: not root, the daemon user or group %s",
				 (int)cred.pid, (int)cred.uid, gr ? gr->gr_name : "?");
			snprintf(msg, sizeof(msg), "permission denied: add yourself to group %s",
				 gr ? gr->gr_name : "of the socket");
			j = json_pack("{s:b, s:s}", "ok", 0, "error", msg);
			frame = proto_frame_json(PROTO_REPLY, j, &len);
			if (frame && send(cfd, frame, len, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
				log_debug("cannot tell the refused client: %s", strerror(errno));
			free(frame);
			json_decref(j);
			close(cfd);
			continue;
		}
		if (s->nclients >= MAX_CLIENTS) {
			static const char busy[] = "{\"ok\":false,\"error\":\"pktcapd is busy: too many clients, try again\"}";
			uint8_t frame[PROTO_HDR_LEN + sizeof(busy)];

			log_warn("control socket: %d clients already, refusing pid %d", MAX_CLIENTS,
				 (int)cred.pid);
			proto_write_hdr(frame, PROTO_REPLY, sizeof(busy) - 1);
			memcpy(frame + PROTO_HDR_LEN, busy, sizeof(busy) - 1);
			if (send(cfd, frame, PROTO_HDR_LEN + sizeof(busy) - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
				log_debug("cannot tell the client: %s", strerror(errno));
			close(cfd);
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
		if (sd_event_add_io(sd_event_source_get_event(src), &c->io, cfd, EPOLLIN, on_client,
				    c) < 0 ||
		    sd_event_add_time(sd_event_source_get_event(src), &c->timer, CLOCK_MONOTONIC, 0,
				      1000000, on_client_idle, c) < 0) {
			sd_event_source_disable_unref(c->io);
			close(cfd);
			free(c);
			continue;
		}
		c->next = s->clients;
		s->clients = c;
		s->nclients++;
		touch(c);
	}
	return 0;
}

int ctlsrv_start(struct ctlsrv *s, struct daemon *d)
{
	s->d = d;
	if (sd_event_add_io(d->event, &s->io, s->fd, EPOLLIN, on_accept, s) < 0) {
		log_err("cannot watch the control socket");
		return -1;
	}
	return 0;
}

size_t ctlsrv_clients(const struct ctlsrv *s)
{
	return s ? s->nclients : 0;
}

void ctlsrv_close(struct ctlsrv *s)
{
	if (!s)
		return;
	while (s->clients)
		client_free(s->clients);
	sd_event_source_disable_unref(s->io);
	if (s->fd >= 0)
		close(s->fd);
	/* Our own socket file goes with us; systemd's stays systemd's. */
	if (s->path && !s->from_systemd)
		unlink(s->path);
	free(s->path);
	free(s);
}

/* client.c: one request, one reply over the control socket, with errors turned into advice */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "target.h"
#include "escape.h"
#include "proto.h"

/*
 * The group that may use the socket at path: the socket's own, or, when a
 * closed directory hides it, the directory's. NULL when neither says.
 */
static const char *socket_group(const char *path)
{
	char dir[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct stat st;
	struct group *gr;
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = 0;
	if (stat(path, &st) < 0 && (!slash || stat(dir, &st) < 0))
		return NULL;
	gr = getgrgid(st.st_gid);
	return gr ? gr->gr_name : NULL;
}

static void connect_advice(const char *path, int err, char *buf, size_t len)
{
	const char *group;

	switch (err) {
	case ENOENT:
	case ECONNREFUSED:
		snprintf(buf, len, "cannot connect to %s: %s: is pktcapd running? (systemctl status pktcapd)",
			 path, strerror(err));
		break;
	case EACCES:
	case EPERM:
		group = socket_group(path);
		if (group)
			snprintf(buf, len, "cannot connect to %s: permission denied: add yourself to group %s (usermod -aG %s $USER, then log in again)",
				 path, group, group);
		else
			snprintf(buf, len, "cannot connect to %s: permission denied: ask the owner of %s for access to it",
				 path, path);
		break;
	default:
		snprintf(buf, len, "cannot connect to %s: %s", path, strerror(err));
	}
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads exactly len bytes before the deadline; 0, or -1 with errno. */
static int read_full(int fd, uint8_t *buf, size_t len, int64_t deadline)
{
	size_t done = 0;

	while (done < len) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		int64_t left = deadline - now_ms();
		ssize_t n;

		if (left <= 0) {
			errno = ETIMEDOUT;
			return -1;
		}
		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			return -1;
		/* Only what poll said is there: a dead daemon must not hang us. */
		n = recv(fd, buf + done, len - done, MSG_DONTWAIT);
		if (n == 0) {
			errno = ECONNRESET;
			return -1;
		}
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/*
 * The ssh processes behind -H connections: each one's socket, its stderr
 * (kept for the error message: ssh's last line says what went wrong) and
 * its host. Children are reaped here, never by a process-wide SIGCHLD
 * setting that would change waitpid for every other part of the program.
 */
#define MAX_KIDS 128
static struct kid {
	pid_t pid;		/* 0: a free slot; negative once reaped */
	int fd, errfd;		/* fd is -1 once the caller closed it */
	char host[TARGET_HOST_MAX];
} kids[MAX_KIDS];
static int nkids;

static struct kid *kid_of(int fd)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].pid != 0 && kids[i].fd == fd)
			return &kids[i];
	return NULL;
}

/* Reaps every ssh whose connection is closed and that has ended; never waits. */
static void kids_reap(void)
{
	for (int i = 0; i < nkids; i++)
		if (kids[i].pid > 0 && kids[i].fd < 0 &&
		    waitpid(kids[i].pid, NULL, WNOHANG) != 0) {
			close(kids[i].errfd);
			kids[i].pid = 0;
		}
}

static struct kid *kid_new(void)
{
	kids_reap();
	for (int i = 0; i < nkids; i++)
		if (kids[i].pid == 0)
			return &kids[i];
	return nkids < MAX_KIDS ? &kids[nkids++] : NULL;
}

/* ssh's argv: PKTCTL_SSH's words (or "ssh"), its options, the host, the remote command. */
static int ssh_argv(const struct target *t, char *sshbuf, size_t sshlen, char *remote,
		    size_t remlen, char **argv)
{
	const char *ssh = getenv("PKTCTL_SSH"), *rpktctl = getenv("PKTCTL_REMOTE");
	int argc = 0;

	/* PKTCTL_SSH replaces the ssh command (keys, options), as rsync -e does. */
	snprintf(sshbuf, sshlen, "%s", ssh && *ssh ? ssh : "ssh");
	for (char *w = strtok(sshbuf, " \t"); w && argc < 40; w = strtok(NULL, " \t"))
		argv[argc++] = w;
	argv[argc++] = "-xT";
	argv[argc++] = "-oBatchMode=yes";
	if (*t->port) {
		argv[argc++] = "-p";
		argv[argc++] = (char *)t->port;
	}
	if (*t->user) {
		argv[argc++] = "-l";
		argv[argc++] = (char *)t->user;
	}
	argv[argc++] = "--";
	argv[argc++] = (char *)t->host;
	/* One word for the remote shell: the socket path in single quotes. */
	if ((size_t)snprintf(remote, remlen, "%s%s%s%s --bridge",
			     rpktctl && *rpktctl ? rpktctl : "pktctl", *t->path ? " -S '" : "",
			     t->path, *t->path ? "'" : "") >= remlen)
		return -1;
	argv[argc++] = remote;
	argv[argc] = NULL;
	return 0;
}

static void ssh_child(int sock, int errfd, char **argv)
{
	if (dup2(sock, 0) < 0 || dup2(sock, 1) < 0 || dup2(errfd, 2) < 0)
		_exit(127);
	execvp(argv[0], argv);
	fprintf(stderr, "pktctl: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(126);
}

/*
 * "ssh://[USER@]HOST[:PORT][/SOCKET]": the daemon on HOST, reached through
 * OpenSSH. ssh runs "pktctl [-S SOCKET] --bridge" there, which joins its
 * stdin and stdout to that host's control socket, and our end of a socket
 * pair carries the same frames a local connection would. No new protocol
 * and no listening port: only sshd's, with its keys and its users, whose
 * rights on the remote socket are those of the remote user.
 */
static int ssh_connect(const char *target, char *err, size_t errlen)
{
	static char sshbuf[1024], remote[TARGET_PATH_MAX + 1024];
	char *argv[64];
	struct target t;
	struct kid *k;
	int sv[2] = { -1, -1 }, ev[2] = { -1, -1 };

	if (target_parse(target + strlen(CLIENT_SSH_PREFIX), &t, err, errlen) < 0)
		return -1;
	if (ssh_argv(&t, sshbuf, sizeof(sshbuf), remote, sizeof(remote), argv) < 0) {
		snprintf(err, errlen, "-H %s: the remote command is too long", t.host);
		return -1;
	}
	k = kid_new();
	if (!k) {
		snprintf(err, errlen, "-H %s: more than %d ssh connections at once", t.host, MAX_KIDS);
		return -1;
	}
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0 ||
	    pipe2(ev, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "-H %s: %s", t.host, strerror(errno));
		goto fail;
	}
	k->pid = fork();
	if (k->pid < 0) {
		snprintf(err, errlen, "-H %s: fork: %s", t.host, strerror(errno));
		k->pid = 0;
		goto fail;
	}
	if (k->pid == 0)
		ssh_child(sv[1], ev[1], argv);
	close(sv[1]);
	close(ev[1]);
	k->fd = sv[0];
	k->errfd = ev[0];
	snprintf(k->host, sizeof(k->host), "%s", t.host);
	return sv[0];
fail:
	for (int i = 0; i < 2; i++) {
		if (sv[i] >= 0)
			close(sv[i]);
		if (ev[i] >= 0)
			close(ev[i]);
	}
	return -1;
}

/* The last non-empty line of what the ssh child wrote to stderr, until it ended. */
static void kid_last_line(struct kid *k, int64_t deadline, char *line, size_t len)
{
	char buf[4096], tail[1024] = "";
	const char *last;
	size_t have = 0, cut;

	for (;;) {
		struct pollfd p = { .fd = k->errfd, .events = POLLIN };
		int64_t left = deadline - now_ms();
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) <= 0)
			break;
		n = read(k->errfd, buf, sizeof(buf));
		if (n <= 0)
			break;
		/* Only the end matters: keep the last kilobyte. */
		for (ssize_t i = 0; i < n; i++) {
			if (have == sizeof(tail) - 1) {
				memmove(tail, tail + 512, have - 512);
				have -= 512;
			}
			tail[have++] = buf[i];
		}
	}
	tail[have] = 0;
	while (have && (tail[have - 1] == '\n' || tail[have - 1] == '\r'))
		tail[--have] = 0;
	last = strrchr(tail, '\n');
	last = last ? last + 1 : tail;
	/* Cut to the caller's buffer (a copy, so no truncation warning hides a real one). */
	cut = strlen(last);
	if (len) {
		cut = cut < len - 1 ? cut : len - 1;
		memcpy(line, last, cut);
		line[cut] = 0;
	}
}

/* What an ended ssh's exit status and last stderr line mean, for the operator. */
static void kid_message(const struct kid *k, int status, const char *line, char *err,
			size_t errlen)
{
	const char *sep = *line ? ": " : "";

	if (WIFSIGNALED(status))
		snprintf(err, errlen, "%s: ssh was killed by signal %d%s%s", k->host,
			 WTERMSIG(status), sep, line);
	else if (WEXITSTATUS(status) == 127 || strstr(line, "command not found") ||
		 strstr(line, "pktctl: not found"))
		snprintf(err, errlen, "pktctl not found on %s: set PKTCTL_REMOTE to its path there (%s)",
			 k->host, *line ? line : "exit status 127");
	else if (WEXITSTATUS(status) == 255)
		snprintf(err, errlen, "cannot reach %s over ssh (exit status 255)%s%s", k->host, sep,
			 line);
	else if (WEXITSTATUS(status) == 0)
		snprintf(err, errlen, "pktcapd on %s closed the connection without an answer",
			 k->host);
	else
		snprintf(err, errlen, "%s: the remote pktctl ended with exit status %d%s%s", k->host,
			 WEXITSTATUS(status), sep, line);
}

int client_explain(int fd, char *err, size_t errlen)
{
	struct kid *k = kid_of(fd);
	int64_t deadline = now_ms() + 5000;
	char line[512];
	int status = 0;
	pid_t done = 0;

	if (!k || k->pid < 0)
		return 0;
	/* ssh ends once the remote side has: its stderr then closes. */
	shutdown(fd, SHUT_RDWR);
	kid_last_line(k, deadline, line, sizeof(line));
	while (now_ms() < deadline && (done = waitpid(k->pid, &status, WNOHANG)) == 0)
		poll(NULL, 0, 20);
	if (done == 0) {
		/* Ours to end: a hung ssh would otherwise outlive the command. */
		kill(k->pid, SIGTERM);
		snprintf(err, errlen, "no answer from pktcapd on %s over ssh in time%s%s", k->host,
			 *line ? ": " : "", line);
		return 1;
	}
	k->pid = -k->pid;	/* reaped: close will not wait for it again */
	if (done < 0)	/* SIGCHLD ignored by whoever started us: no status to read */
		snprintf(err, errlen, "%s: ssh ended%s%s", k->host, *line ? ": " : "",
			 *line ? line : " without an answer");
	else
		kid_message(k, status, line, err, errlen);
	return 1;
}

void client_close(int fd)
{
	struct kid *k;

	if (fd < 0)
		return;
	k = kid_of(fd);
	close(fd);
	if (!k)
		return;
	k->fd = -1;
	if (k->pid < 0) {
		close(k->errfd);
		k->pid = 0;
	}
	kids_reap();
}

int client_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

	if (!strncmp(path, CLIENT_SSH_PREFIX, strlen(CLIENT_SSH_PREFIX)))
		return ssh_connect(path, err, errlen);

	if (strlen(path) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "socket path too long: %s", path);
		return -1;
	}
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		connect_advice(path, errno, err, errlen);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

json_t *client_call(const char *path, json_t *request, int timeout_ms, char *err, size_t errlen)
{
	int64_t deadline = now_ms() + timeout_ms;
	uint8_t hdrbuf[PROTO_HDR_LEN], *frame = NULL, *payload = NULL;
	struct proto_hdr hdr;
	const char *why = "";
	json_error_t jerr;
	json_t *reply = NULL;
	size_t len;
	int fd;

	fd = client_connect(path, err, errlen);
	if (fd < 0)
		return NULL;
	frame = proto_frame_json(PROTO_REQUEST, request, &len);
	if (!frame)
		goto out;
	if (send(fd, frame, len, MSG_NOSIGNAL) != (ssize_t)len) {
		int e = errno;

		/* A daemon that refuses us says why and hangs up, maybe before we wrote. */
		if (read_full(fd, hdrbuf, sizeof(hdrbuf), deadline) < 0) {
			if (!client_explain(fd, err, errlen))
				snprintf(err, errlen, "cannot send to %s: %s", path, strerror(e));
			goto out;
		}
	} else if (read_full(fd, hdrbuf, sizeof(hdrbuf), deadline) < 0) {
		int e = errno;

		/* Over ssh, what ssh said is the news, not that the pipe closed. */
		if (!client_explain(fd, err, errlen))
			snprintf(err, errlen, "no answer from pktcapd on %s: %s", path, strerror(e));
		goto out;
	}
	if (proto_read_hdr(hdrbuf, sizeof(hdrbuf), PROTO_MAX_REPLY, &hdr, &why) != 1 ||
	    hdr.type != PROTO_REPLY) {
		snprintf(err, errlen, "bad answer from pktcapd on %s: %s", path,
			 *why ? why : "unexpected frame type");
		goto out;
	}
	payload = malloc(hdr.length ? hdr.length : 1);
	if (!payload || read_full(fd, payload, hdr.length, deadline) < 0) {
		snprintf(err, errlen, "truncated answer from pktcapd on %s: %s", path, strerror(errno));
		goto out;
	}
	reply = json_loadb((const char *)payload, hdr.length, 0, &jerr);
	if (!json_is_object(reply)) {
		json_decref(reply);
		reply = NULL;
		snprintf(err, errlen, "answer from pktcapd is not a JSON object: %s", jerr.text);
	}
out:
	client_close(fd);
	free(frame);
	free(payload);
	return reply;
}

int client_fail(int json, const char *msg)
{
	if (json) {
		json_t *j = json_pack("{s:b, s:s}", "ok", 0, "error", msg);

		json_dumpf(j, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(j);
	} else {
		char esc[2048];

		fprintf(stderr, "pktctl: %s\n", escape_text(esc, sizeof(esc), msg));
	}
	return 1;
}

/* Writes all of buf to fd; 0, or -1 when the other side is gone. */
static int write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int client_bridge(const char *path)
{
	char err[512], buf[65536];
	struct pollfd p[2];
	int fd = client_connect(path, err, sizeof(err)), in_open = 1;

	if (fd < 0) {
		fprintf(stderr, "pktctl --bridge: %s\n", err);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	/* Until the daemon closes: a dump's reply goes on after the request side ended. */
	for (;;) {
		ssize_t n;

		p[0] = (struct pollfd){ .fd = in_open ? 0 : -1, .events = POLLIN };
		p[1] = (struct pollfd){ .fd = fd, .events = POLLIN };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[0].revents) {
			n = read(0, buf, sizeof(buf));
			if (n > 0 && write_all(fd, buf, (size_t)n) < 0)
				break;
			if (n == 0 || (n < 0 && errno != EINTR)) {
				in_open = 0;
				shutdown(fd, SHUT_WR);
			}
		}
		if (p[1].revents) {
			n = read(fd, buf, sizeof(buf));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0 || write_all(1, buf, (size_t)n) < 0)
				break;
		}
	}
	close(fd);
	return 0;
}

/* client.c: one request, one reply over the control socket, with errors turned into advice */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
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
#include "escape.h"
#include "proto.h"

static void connect_advice(const char *path, int err, char *buf, size_t len)
{
	struct stat st;
	struct group *gr;

	switch (err) {
	case ENOENT:
	case ECONNREFUSED:
		snprintf(buf, len, "cannot connect to %s: %s: is pktcapd running? (systemctl status pktcapd)",
			 path, strerror(err));
		break;
	case EACCES:
	case EPERM:
		gr = stat(path, &st) == 0 ? getgrgid(st.st_gid) : NULL;
		snprintf(buf, len, "cannot connect to %s: permission denied: add yourself to group %s (usermod -aG %s $USER, then log in again)",
			 path, gr ? gr->gr_name : "pktcap", gr ? gr->gr_name : "pktcap");
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
 * "ssh://[USER@]HOST[:PORT][/SOCKET]": the daemon on HOST, reached through
 * OpenSSH. ssh runs "pktctl [-S SOCKET] --bridge" there, which joins its
 * stdin and stdout to that host's control socket, and our end of a socket
 * pair carries the same frames a local connection would. No new protocol
 * and no listening port: only sshd's, with its keys and its users, whose
 * rights on the remote socket are those of the remote user.
 */
static int ssh_connect(const char *target, char *err, size_t errlen)
{
	char spec[256], *host, *port = NULL, *path, *user = NULL, remote[1024];
	const char *ssh = getenv("PKTCTL_SSH"), *rpktctl = getenv("PKTCTL_REMOTE");
	char sshbuf[1024], *argv[64];
	int sv[2], argc = 0;
	pid_t pid;

	snprintf(spec, sizeof(spec), "%s", target + strlen(CLIENT_SSH_PREFIX));
	path = strchr(spec, '/');
	if (path) {
		/* The socket path keeps its slash; the host part ends before it. */
		memmove(path + 1, path, strlen(path) + 1);
		*path++ = 0;
	}
	host = spec;
	if (strchr(host, '@')) {
		user = host;
		host = strchr(host, '@');
		*host++ = 0;
	}
	if (*host == '[') {
		char *end = strchr(host, ']');

		if (end) {
			*end = 0;
			if (end[1] == ':')
				port = end + 2;
			host++;
		}
	} else if (strchr(host, ':') == strrchr(host, ':') && strchr(host, ':')) {
		port = strchr(host, ':');
		*port++ = 0;
	}
	if (!*host) {
		snprintf(err, errlen, "-H %s: no host", target + strlen(CLIENT_SSH_PREFIX));
		return -1;
	}
	/* PKTCTL_SSH replaces the ssh command (keys, options), as rsync -e does. */
	snprintf(sshbuf, sizeof(sshbuf), "%s", ssh && *ssh ? ssh : "ssh");
	for (char *w = strtok(sshbuf, " \t"); w && argc < 40; w = strtok(NULL, " \t"))
		argv[argc++] = w;
	argv[argc++] = "-xT";
	argv[argc++] = "-oBatchMode=yes";
	if (port) {
		argv[argc++] = "-p";
		argv[argc++] = port;
	}
	if (user) {
		argv[argc++] = "-l";
		argv[argc++] = user;
	}
	argv[argc++] = "--";
	argv[argc++] = host;
	/* One word for the remote shell: the socket path in single quotes. */
	snprintf(remote, sizeof(remote), "%s%s%s%s --bridge", rpktctl && *rpktctl ? rpktctl : "pktctl",
		 path ? " -S '" : "", path ? path : "", path ? "'" : "");
	if (path && strchr(path, '\'')) {
		snprintf(err, errlen, "-H: a socket path with a quote is not passed to ssh");
		return -1;
	}
	argv[argc++] = remote;
	argv[argc] = NULL;
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		snprintf(err, errlen, "socketpair: %s", strerror(errno));
		return -1;
	}
	/* Many short connections: no zombies left behind. */
	signal(SIGCHLD, SIG_IGN);
	pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	if (pid == 0) {
		if (dup2(sv[1], 0) < 0 || dup2(sv[1], 1) < 0)
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "pktctl: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(sv[1]);
	return sv[0];
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
			snprintf(err, errlen, "cannot send to %s: %s", path, strerror(e));
			goto out;
		}
	} else if (read_full(fd, hdrbuf, sizeof(hdrbuf), deadline) < 0) {
		snprintf(err, errlen, "no answer from pktcapd on %s: %s", path, strerror(errno));
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
	if (fd >= 0)
		close(fd);
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

/* client.c: one request, one reply over the control socket, with errors turned into advice */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
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

int client_connect(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd;

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
		fprintf(stderr, "pktctl: %s\n", msg);
	}
	return 1;
}

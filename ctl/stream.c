/* stream.c: a ring's dump from the daemon: DATA frames carry a pcap file, END closes it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "client.h"
#include "proto.h"
#include "stream.h"

static int read_exact(int fd, void *buf, size_t len)
{
	size_t got = 0;

	while (got < len) {
		ssize_t n = read(fd, (char *)buf + got, len - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

ssize_t stream_read(void *cookie, void *buf, size_t size)
{
	struct stream *s = cookie;

	while (s->off == s->len && !s->done) {
		uint8_t hdrbuf[PROTO_HDR_LEN];
		struct proto_hdr hdr;
		const char *why = "";

		if (read_exact(s->fd, hdrbuf, sizeof(hdrbuf)) < 0) {
			if (!client_explain(s->fd, s->err, sizeof(s->err)))
				snprintf(s->err, sizeof(s->err), "the daemon closed the connection");
			s->done = 1;
			break;
		}
		if (proto_read_hdr(hdrbuf, sizeof(hdrbuf), PROTO_MAX_REPLY, &hdr, &why) != 1) {
			snprintf(s->err, sizeof(s->err), "bad frame from the daemon: %s", why);
			s->done = 1;
			break;
		}
		if (hdr.length > s->cap) {
			uint8_t *n = realloc(s->buf, hdr.length);

			if (!n) {
				snprintf(s->err, sizeof(s->err), "out of memory");
				s->done = 1;
				break;
			}
			s->buf = n;
			s->cap = hdr.length;
		}
		if (read_exact(s->fd, s->buf, hdr.length) < 0) {
			snprintf(s->err, sizeof(s->err), "the daemon closed the connection");
			s->done = 1;
			break;
		}
		s->off = 0;
		s->len = hdr.length;
		if (hdr.type != PROTO_DATA) {
			s->end = json_loadb((const char *)s->buf, s->len, 0, NULL);
			if (!json_is_true(json_object_get(s->end, "ok"))) {
				const char *e = json_string_value(json_object_get(s->end, "error"));

				snprintf(s->err, sizeof(s->err), "%s", e ? e : "the daemon refused");
			}
			s->len = 0;
			s->done = 1;
		}
	}
	if (s->off == s->len)
		return 0;
	if (size > s->len - s->off)
		size = s->len - s->off;
	memcpy(buf, s->buf + s->off, size);
	s->off += size;
	return (ssize_t)size;
}

json_t *stream_damage(const struct stream *s)
{
	json_t *d = json_object_get(s->end, "damaged");

	return json_array_size(d) ? d : NULL;
}

void stream_close(struct stream *s)
{
	client_close(s->fd);
	s->fd = -1;
	free(s->buf);
	s->buf = NULL;
	json_decref(s->end);
	s->end = NULL;
}

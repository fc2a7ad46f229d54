/* stream.h: a ring's dump from the daemon: DATA frames carry a pcap file, END closes it */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_STREAM_H
#define PKTCAP_STREAM_H

#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

struct stream {
	int fd;
	uint8_t *buf;
	size_t len, off, cap;
	int done;
	json_t *end;		/* the END frame, once it came: packets, and any "damaged" */
	char err[512];		/* the daemon's refusal, or what ended the stream */
};

/* A pcapfile reader over the stream: the payloads of DATA frames, in order, until END. */
ssize_t stream_read(void *cookie, void *buf, size_t size);
/* The damage the daemon met (END's "damaged": one message per file), or NULL. */
json_t *stream_damage(const struct stream *s);
/* Closes the socket and drops the END frame; the struct lives on for its error text. */
void stream_close(struct stream *s);

#endif

/* stream.h: a ring's dump from the daemon: DATA frames carry a pcap file, END closes it */
#ifndef PKTCAP_STREAM_H
#define PKTCAP_STREAM_H

#include <stdint.h>
#include <sys/types.h>

struct stream {
	int fd;
	uint8_t *buf;
	size_t len, off, cap;
	int done;
	char err[512];		/* the daemon's refusal, or what ended the stream */
};

/* A pcapfile reader over the stream: the payloads of DATA frames, in order, until END. */
ssize_t stream_read(void *cookie, void *buf, size_t size);
/* Closes the socket; the struct lives on for its error text. */
void stream_close(struct stream *s);

#endif

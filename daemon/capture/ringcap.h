/* ringcap.h: the capture thread's part of a ring; only daemon/capture/ includes this */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_RINGCAP_H
#define PKTCAP_RINGCAP_H

#include <pcap/pcap.h>
#include <pthread.h>
#include <stdint.h>

#include "capture/capctl.h"
#include "ring.h"

struct capture_link;

/*
 * Everything here belongs to the capture thread (before it starts, to
 * start-up on the main thread; after it stops, to shutdown). No other
 * thread reads it: they get a struct ring_snapshot, which the capture
 * thread publishes under pub_lock.
 */
struct ring_capture {
	pcap_t *pcap;
	int pcap_fd;
	void *io_source;	/* sd_event_source of the capture fd */
	void *flush_source;	/* sd_event_source of the flush timer */
	struct wbuf *cur;	/* the buffer being filled */
	int file_open;
	uint64_t file_bytes;	/* uncompressed pcap bytes in the current file */
	uint64_t file_packets;
	int64_t file_first_ns;	/* the stamp of the current file's first packet */
	int64_t file_deadline;	/* time rotation: seconds since the epoch, 0 = none */
	uint64_t captured;
	int64_t seen_ns;	/* the stamp of the last packet read from the kernel */
	int read_cut;		/* a read was stopped early (pcap_breakloop): the writer is behind */
	uint64_t queue_drops;	/* packets dropped because the writer fell behind */
	unsigned dispatch_errors;
	uint64_t closes_issued;	/* WB_CLOSE segments handed to the writer (or pending in cur) */
	struct capture_link *link;	/* the interface behind the handle (capture.c) */
	char state[128];	/* "capturing", or what went wrong */
	/* libpcap's 32-bit received, dropped, interface-dropped, widened. */
	unsigned int last[3];
	uint64_t wide[3];

	pthread_mutex_t pub_lock;
	struct ring_snapshot pub;	/* the last sample, for other threads */
};

#endif

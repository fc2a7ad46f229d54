/* ring.h: one (interface, profile) capture ring: its pcap handle, buffers, writer thread and files */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_RING_H
#define PKTCAP_RING_H

#include <pcap/pcap.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
struct ring_writer;
struct ring_queue;
struct timespec;
struct ring_capture;

#include "conf.h"
#include "pcapidx.h"
#include "sha256.h"
#include "storage/filelist.h"
#include "storage/retention.h"

/*
 * A write buffer carries whole pcap records from the capture thread to the
 * writer thread. It holds one or more segments, each belonging to one file:
 * a rotation ends a segment instead of the buffer, so a burst of small files
 * does not use up a buffer per file.
 */
enum {
	WB_OPEN = 1 << 0,	/* segment: start a new file before writing it */
	WB_CLOSE = 1 << 1,	/* segment: close (seal) the file after writing it */
	WB_FLUSH = 1 << 2,	/* buffer: a flush point: make everything so far readable */
};

#define WB_MAX_SEGS 64

struct wseg {
	size_t end;		/* the segment is data[previous end, end) */
	unsigned flags;		/* WB_OPEN, WB_CLOSE */
	int64_t name_sec;	/* with WB_OPEN: time for the file name */
	int64_t first_ns;	/* first and last packet time in the segment */
	int64_t last_ns;
	uint32_t packets;
};

struct wbuf {
	struct wbuf *next;
	unsigned flags;		/* WB_FLUSH */
	unsigned nseg;		/* at least 1: seg[nseg - 1] is being filled */
	struct wseg seg[WB_MAX_SEGS];
	size_t len;
	size_t cap;
	uint8_t *data;
	int mapped;		/* beyond the write-queue (queue-size): given back after a burst */
	size_t slot;		/* mapped from the burst arena: its slot + 1 (writer.c) */
};

struct ring {
	char *iface;
	char *profile;
	char *prefix;		/* "iface-profile", the start of every file name */
	char *name;		/* "iface/profile", as operators name the ring */
	struct profile_conf conf;	/* a copy: reload may replace it */

	int linktype;		/* what the files hold: set at start-up, or by the capture thread
			 * at a first binding before any packet (reload reads it under lock) */
	int dirfd;		/* STORAGE/iface/profile, opened while privileged */
	uint8_t header[24];	/* the pcap file header of this ring */

	/*
	 * The capture thread's part: the pcap handle, the buffer being filled,
	 * the current file's size and deadline, counters, link state. Private
	 * to daemon/capture/ (capture/ringcap.h); others ask through capctl.h.
	 */
	struct ring_capture *cap;

	/*
	 * Shared between the threads, under lock: the writer's settings in
	 * conf, and the write queue, which is the writer's (writer.c) and
	 * reached through the writer_*buffer calls below.
	 */
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* the writer waits on it for buffers and settings */
	struct ring_queue *q;

	/* The stored files: the list has its own lock and owns their records. */
	struct filelist *files;
	uint64_t next_seq;	/* set by start-up adoption, then the writer's alone */
	struct ring_writer *w;	/* the writer thread's own state: private to writer.c */

	/* Counters the writer updates and anyone may read. */
	_Atomic uint64_t written_packets;
	_Atomic uint64_t written_bytes;	/* bytes on disk */
	_Atomic uint64_t written_raw;	/* the same data as uncompressed pcap */
	_Atomic uint64_t rotations;
	_Atomic uint64_t gzip_chunks;	/* gzip members written */
	_Atomic uint64_t stored_chunks;	/* of which stored uncompressed to keep up */
	_Atomic uint64_t lost_packets;	/* lost to write errors */
	_Atomic uint64_t sync_errors;	/* failed fdatasync calls */
};

/*
 * What other planes may see of a ring's capture: filled by the capture
 * thread (capture/capctl.h, capture_snapshot); here so that storage and
 * evidence read it without including the capture plane.
 */

/* What status shows of a ring's interface. */
struct capture_link_status {
	int waiting;		/* no capture now: the interface is missing or down */
	int up;
	int ifindex;		/* bound to; 0 when none */
	uint64_t lost;		/* times the interface went away */
	uint64_t gap_ms;	/* time without capture since start, the current gap included */
	int64_t last_seen_ns;	/* CLOCK_REALTIME the interface was last there; 0 never */
	int64_t waiting_since_ns;	/* CLOCK_REALTIME the current gap began; 0 if none */
};

/* A ring as the capture thread last saw it. */
struct ring_snapshot {
	uint64_t received;	/* libpcap's counters, widened to 64 bits: this run */
	uint64_t dropped_kernel;
	uint64_t dropped_interface;
	uint64_t captured;	/* handed to the ring's buffers */
	uint64_t queue_drops;	/* dropped: the writer fell behind */
	uint64_t stalls;	/* times capture paused for the writer */
	uint64_t queue_high_water;
	uint64_t queue_buffers;	/* the write queue's size, in buffers */
	int file_open;
	uint64_t file_bytes;	/* uncompressed pcap bytes of the current file */
	uint64_t file_packets;
	char state[128];	/* "capturing", "waiting", or what went wrong */
	struct capture_link_status link;
	char filter[CONF_FILTER_MAX_LEN + 1];	/* the filter the handle runs */
	uint64_t taken_usec;	/* CLOCK_MONOTONIC when sampled */
};

/* Capture side (ring.c). */
struct ring *ring_new(const char *iface, const struct profile_conf *pc);
void ring_free(struct ring *r);
/* "eth0/web" names that ring, "eth0" every ring of the interface, "" every ring. */
int ring_matches(const struct ring *r, const char *want);
/* pcap_handler for pcap_dispatch: user is the ring. */
void ring_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes);
/* Flush point: hand what is buffered to the writer; rotate by time if due. */
void ring_tick(struct ring *r, int64_t now_sec);
/*
 * Close the current file (rotation, shutdown): the capture thread's alone,
 * others use capture_rotate() (capture/capctl.h).
 */
void ring_close_file(struct ring *r);

/* Writer side (writer.c). */
int writer_start(struct ring *r);
void writer_stop(struct ring *r);
/*
 * The write queue: N buffers of BUFSIZE bytes, made with the ring; it
 * grows by BUFSIZE at a time up to conf.queue_size while capture is ahead.
 */
int writer_queue_new(struct ring *r, size_t bufsize, size_t n);
void writer_queue_free(struct ring *r);
/*
 * A free buffer for capture, or NULL when none is left. *stall is set when
 * it was the last one: capture stops reading until the writer frees one
 * and rings the eventfd given to writer_set_wake.
 */
struct wbuf *writer_get_buffer(struct ring *r, int *stall);
/* Frees a buffer capture still holds at the end (ring_free). */
void writer_buffer_free(struct wbuf *b);
/* Hands a filled buffer to the writer thread. */
void writer_queue_buffer(struct ring *r, struct wbuf *b);
void writer_set_wake(struct ring *r, int fd);
struct writer_queue_stats {
	size_t nbufs;		/* buffers in all */
	size_t queued;		/* waiting for the writer now */
	size_t high_water;	/* the most ever queued */
	uint64_t high_water_bytes;	/* the most data ever queued */
	uint64_t limit;		/* the bytes the queue may hold: write-queue or queue-size */
	uint64_t reserved;	/* queue-reserve: burst memory taken so far (-1: not asked) */
	uint64_t stalls;	/* times capture paused for the writer */
	int stalled;		/* paused now */
};
void writer_queue_stats(struct ring *r, struct writer_queue_stats *st);
/*
 * Waits until the writer has closed and sealed TARGET files in all (the
 * WB_CLOSE segments capture handed over), or until UNTIL (CLOCK_MONOTONIC);
 * 0, or -1 with ETIMEDOUT.
 */
int writer_wait_closes(struct ring *r, uint64_t target, const struct timespec *until);

/* Files on disk (storage.c). */
int storage_prepare(struct ring *r, const char *root, uid_t uid, gid_t gid);
/* Lists the ring's files from earlier runs and queues what needs the indexer. */
int storage_adopt(struct ring *r);
int storage_file_name(const struct ring *r, uint64_t seq, int64_t sec, int gzip, char *buf,
		      size_t len);
/* Seconds since the epoch from a file name's time stamp, or -1. */
int64_t storage_name_time(const char *name);

#endif

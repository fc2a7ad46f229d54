/* ring.c: the capture side of a ring: copy each packet into a write buffer and decide rotation */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capture/ringcap.h"
#include "log.h"
#include "ring.h"
#include "storage/indexer.h"

#include <libdeflate.h>

/* Big enough that one write() moves a lot; small enough that a flush is quick. */
#define WBUF_SIZE (1024 * 1024)

struct ring *ring_new(const char *iface, const struct profile_conf *pc)
{
	struct ring *r = calloc(1, sizeof(*r));
	size_t bufsize = WBUF_SIZE, n;

	if (!r)
		return NULL;
	r->cap = calloc(1, sizeof(*r->cap));
	if (!r->cap) {
		free(r);
		return NULL;
	}
	r->cap->pcap_fd = -1;
	pthread_mutex_init(&r->cap->pub_lock, NULL);
	r->iface = strdup(iface);
	r->profile = strdup(pc->name);
	r->conf = *pc;
	r->conf.name = r->profile;
	r->conf.filter = strdup(pc->filter);
	if (asprintf(&r->prefix, "%s-%s", iface, pc->name) < 0)
		r->prefix = NULL;
	if (asprintf(&r->name, "%s/%s", iface, pc->name) < 0)
		r->name = NULL;
	r->files = r->prefix ? filelist_new(r->prefix) : NULL;
	r->dirfd = -1;
	r->next_seq = 1;
	pthread_mutex_init(&r->lock, NULL);
	{
		pthread_condattr_t ca;

		/* Timed waits measure intervals: a wall-clock step must not stretch them. */
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&r->cond, &ca);
		pthread_condattr_destroy(&ca);
	}
	snprintf(r->cap->state, sizeof(r->cap->state), "starting");
	if (!r->iface || !r->profile || !r->conf.filter || !r->prefix || !r->name ||
	    !r->files)
		goto fail;

	/* A buffer must hold the largest record; at least four keep both threads busy. */
	if (bufsize < 2 * ((size_t)pc->snaplen + 16))
		bufsize = 2 * ((size_t)pc->snaplen + 16);
	n = pc->write_queue / bufsize;
	if (n < 4)
		n = 4;
	if (writer_queue_new(r, bufsize, n) < 0)
		goto fail;
	return r;
fail:
	ring_free(r);
	return NULL;
}

void ring_free(struct ring *r)
{
	if (!r)
		return;
	indexer_forget(r);
	if (r->cap->pcap)
		pcap_close(r->cap->pcap);
	if (r->dirfd >= 0)
		close(r->dirfd);
	writer_queue_free(r);
	writer_buffer_free(r->cap->cur);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->cond);
	pthread_mutex_destroy(&r->cap->pub_lock);
	free(r->cap);
	filelist_free(r->files);
	free(r->conf.filter);
	free(r->iface);
	free(r->profile);
	free(r->prefix);
	free(r->name);
	free(r);
}

int ring_matches(const struct ring *r, const char *want)
{
	return !*want || !strcmp(want, r->name) || !strcmp(want, r->iface);
}

static struct wbuf *get_buffer(struct ring *r)
{
	int stall = 0;
	struct wbuf *b = writer_get_buffer(r, &stall);

	/* The writer's last free buffer: leave the rest in the kernel's ring for now. */
	if (stall && r->cap->pcap) {
		pcap_breakloop(r->cap->pcap);
		r->cap->read_cut = 1;
	}
	if (b) {
		b->next = NULL;
		b->flags = 0;
		b->len = 0;
		b->nseg = 1;
		memset(&b->seg[0], 0, sizeof(b->seg[0]));
	}
	return b;
}

/* Hands the current buffer to the writer thread. */
static void push_buffer(struct ring *r, unsigned flags)
{
	struct wbuf *b = r->cap->cur;

	if (!b)
		return;
	r->cap->cur = NULL;
	b->flags |= flags;
	writer_queue_buffer(r, b);
}

void ring_close_file(struct ring *r)
{
	struct wbuf *b;

	if (!r->cap->file_open)
		return;
	if (!r->cap->cur) {
		r->cap->cur = get_buffer(r);
		/*
		 * No buffer to carry the close: the writer is behind. Keep the file
		 * open; the next packet or tick tries again.
		 */
		if (!r->cap->cur)
			return;
	}
	b = r->cap->cur;
	b->seg[b->nseg - 1].flags |= WB_CLOSE;
	r->cap->file_open = 0;
	r->cap->closes_issued++;
	/* The next file starts in a new segment of the same buffer while there is room. */
	if (b->nseg < WB_MAX_SEGS) {
		memset(&b->seg[b->nseg], 0, sizeof(b->seg[0]));
		b->seg[b->nseg].end = b->len;
		b->nseg++;
	} else {
		push_buffer(r, 0);
	}
}

static int64_t next_boundary(int64_t sec, uint64_t interval_ms)
{
	int64_t iv = (int64_t)(interval_ms / 1000);

	if (iv <= 0)
		return 0;
	/* Aligned to the clock, as tcpdump -G does: an hourly file starts on the hour. */
	return (sec / iv + 1) * iv;
}

static int need_rotation(const struct ring *r, uint32_t reclen, int64_t sec)
{
	if (!r->cap->file_packets)
		return 0;
	if (r->conf.rotate_size && r->cap->file_bytes + reclen > r->conf.rotate_size)
		return 1;
	if (r->conf.rotate_packets && r->cap->file_packets >= r->conf.rotate_packets)
		return 1;
	if (r->cap->file_deadline && sec >= r->cap->file_deadline)
		return 1;
	return 0;
}

/* The pcap record header as files store it: 32-bit fields in host order. */
struct rec_hdr {
	uint32_t sec;
	uint32_t frac;
	uint32_t caplen;
	uint32_t len;
};

void ring_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct ring *r = (struct ring *)user;
	uint32_t reclen = (uint32_t)sizeof(struct rec_hdr) + h->caplen;
	struct rec_hdr rh;
	struct wseg *seg;
	int64_t ns = (int64_t)h->ts.tv_sec * 1000000000 +
		     (int64_t)h->ts.tv_usec * (r->conf.nanosecond ? 1 : 1000);

	r->cap->captured++;
	r->cap->seen_ns = ns;
	if (r->cap->file_open && need_rotation(r, reclen, h->ts.tv_sec))
		ring_close_file(r);
	if (!r->cap->cur) {
		r->cap->cur = get_buffer(r);
		if (!r->cap->cur) {
			r->cap->queue_drops++;
			return;
		}
	}
	if (r->cap->cur->len + reclen > r->cap->cur->cap) {
		push_buffer(r, 0);
		r->cap->cur = get_buffer(r);
		if (!r->cap->cur) {
			r->cap->queue_drops++;
			return;
		}
	}
	seg = &r->cap->cur->seg[r->cap->cur->nseg - 1];
	if (!r->cap->file_open) {
		/* ring_close_file left an empty segment (or this is a new buffer). */
		seg->flags |= WB_OPEN;
		seg->name_sec = h->ts.tv_sec;
		r->cap->file_open = 1;
		r->cap->file_bytes = sizeof(r->header);
		r->cap->file_packets = 0;
		r->cap->file_first_ns = ns;
		r->cap->file_deadline = next_boundary(h->ts.tv_sec, r->conf.rotate_interval_ms);
	}
	rh.sec = (uint32_t)h->ts.tv_sec;
	rh.frac = (uint32_t)h->ts.tv_usec;
	rh.caplen = h->caplen;
	rh.len = h->len;
	if (!seg->packets)
		seg->first_ns = ns;
	seg->last_ns = ns;
	memcpy(r->cap->cur->data + r->cap->cur->len, &rh, sizeof(rh));
	memcpy(r->cap->cur->data + r->cap->cur->len + sizeof(rh), bytes, h->caplen);
	r->cap->cur->len += reclen;
	seg->end = r->cap->cur->len;
	seg->packets++;
	r->cap->file_bytes += reclen;
	r->cap->file_packets++;
}

void ring_tick(struct ring *r, int64_t now_sec)
{
	/*
	 * An idle ring still closes its file when the clock passes the
	 * boundary, and the close goes to the writer now, with the file's
	 * packets. It used to wait for the next tick; but a tick that comes
	 * each second just after the boundary, before the kernel has handed
	 * over a packet of the new second (up to CAPTURE_TIMEOUT_MS), finds a
	 * file to close every time, so with rotate-interval = flush-interval
	 * nothing reached the disk until 64 files had filled a buffer's
	 * segments (the evidence-hold.sh flake: 7,565 packets captured, none
	 * written, 15 s after the load started).
	 */
	if (r->cap->file_open && r->cap->file_deadline && now_sec >= r->cap->file_deadline)
		ring_close_file(r);
	if (r->cap->cur && (r->cap->cur->len || r->cap->cur->nseg > 1 || r->cap->cur->seg[0].flags))
		push_buffer(r, WB_FLUSH);
}

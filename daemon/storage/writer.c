/* writer.c: a ring's writer thread: files, compression, flush points, write errors and retention */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <libdeflate.h>

#include "addridx.h"
#include "storage/aidxsum.h"
#include "log.h"
#include "pcapfile.h"
#include "prio.h"
#include "ring.h"

/*
 * The one O_DIRECT write in flight: the io thread writes a chunk while the
 * writer copies, hashes and indexes the next, so the disk stays busy while
 * the CPU works (see "The writer" in docs/design.md). lock guards todo and
 * err; the rest is set by the writer before todo and read back after it.
 */
struct direct_io {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	int started;
	int stop;
	int todo;		/* submitted, not yet written */
	int err;		/* its errno, 0 when written */
	int inflight;		/* the writer's: submitted, not yet reaped */
	int fd;
	uint8_t *buf;
	size_t cap, len;
	uint64_t off;
};

/*
 * A second compressor for gzip rings that fall behind (gz:* thread): it
 * compresses the next member while the writer compresses this one; members
 * are independent, so the file is the same as from one thread. lock guards
 * todo; the job's fields are set before todo and read back after it.
 */
struct zip_job {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	int started;
	int stop;
	int todo;		/* submitted, not yet compressed */
	int pending;		/* the writer's: submitted, not yet taken */
	int level;		/* 0: stored */
	struct libdeflate_compressor *zc;
	int zc_level;
	const uint8_t *in;
	size_t inlen;
	uint8_t *out;
	size_t cap, outlen;	/* outlen 0: failed */
	/* A finished member moved aside, so the next can be submitted before it is written. */
	const uint8_t *ready_in;
	uint8_t *ready;
	size_t ready_cap, ready_len;
};

/*
 * The writer thread's own state: the open file, compression, its index and
 * hash. Nothing outside this file can reach it; other threads learn about
 * the writer's work through the file list and the atomic counters.
 */
struct ring_writer {
	uint64_t cur_seq;	/* the current file's sequence, 0 when it is not listed */
	uint64_t cur_packets;	/* and what the writer has put in it */
	int64_t cur_first_ns, cur_last_ns;
	int fd;			/* current file, -1 if none */
	char cur_name[256];
	uint64_t file_off;	/* bytes of the current file that are on disk */
	uint64_t synced_off;	/* bytes already handed to writeback */
	int header_done;
	int gzip;		/* the current file is compressed */
	struct libdeflate_compressor *zc;
	struct libdeflate_compressor *zc_store;	/* level 0, when the writer is behind */
	int zc_level;
	int dirty;		/* written since the last fdatasync */
	int write_error;	/* logged once until writes succeed again */
	int64_t last_retention_ms;
	/* The current file's index: seek points wait here until their data is on disk. */
	struct pcapidx_writer idx;
	struct sha256 sha;
	uint64_t raw_off;	/* uncompressed pcap bytes of the current file */
	uint64_t last_point_raw;
	int have_point;
	struct pcapidx_point *pending;
	size_t npending, maxpending;
	struct addridx_writer aidx;	/* NAME.aidx: its blocks follow the seek points */
	int sync_failed;	/* a sync of the current file failed: it is not sealed */
	int nano;		/* the ring's files store nanoseconds */
	uint8_t *zout;
	size_t zout_cap;
	/*
	 * O_DIRECT (see "The writer" in docs/design.md): dfd is a second,
	 * O_DIRECT descriptor of the current file, -1 on the page-cache path.
	 * dbuf holds the file's bytes [dbase, file_off), dbase aligned: whole
	 * blocks leave through dfd, the unaligned tail through fd at flush
	 * points, and the next aligned write covers that tail again.
	 */
	int dfd;
	int direct_said;	/* which path was logged: 1 direct, 2 page cache */
	uint8_t *dbuf;
	size_t dcap, dlen;
	uint64_t dbase;
	uint64_t vis_off;	/* bytes readers can see: written through dfd or fd */
	uint64_t good_off;	/* the last record (member) end that readers can see */
	uint64_t ends[64];	/* record (member) ends not yet visible, oldest first */
	uint64_t end_packets[64];	/* and the packets counted as written before each */
	unsigned nends;
	struct direct_io io;
	struct zip_job zip;
	uint8_t *spare;		/* the next dbuf, once the write in flight is done */
	size_t spare_cap;
};

/*
 * The write queue between the capture thread and this writer: buffers go
 * from free_list to capture, back as queued (head) to the writer, and free
 * again. Only writer.c reaches it; capture uses the writer_*buffer calls.
 * Everything here is under r->lock.
 */
struct ring_queue {
	struct wbuf *head;
	struct wbuf **tail;
	struct wbuf *free_list;
	size_t nbufs;
	size_t base;		/* the write-queue's buffers, made with the ring */
	size_t bufsize;
	size_t queued;
	size_t high_water;
	uint64_t queued_bytes;	/* data in the queued buffers */
	uint64_t high_water_bytes;
	uint8_t *arena;		/* address space for the burst buffers (wbuf_grow) */
	size_t arena_len;
	size_t arena_slots;	/* buffers it holds, each bufsize bytes */
	uint8_t *slot_state;	/* SLOT_* of each, read and written atomically */
	size_t slot_hint;	/* no slot below it is free */
	pthread_t fill_thread;	/* queue-reserve: populates the arena, then ends */
	int fill_started;
	int fill_stop;		/* atomic: the ring is stopping */
	size_t filled;		/* atomic: bytes of the arena it has populated */
	int stalled;		/* capture paused: no free buffer left */
	uint64_t stalls;	/* times the writer fell behind and capture paused */
	int wake_fd;		/* eventfd: the writer freed a buffer for a stalled ring */
	int stopping;
	uint64_t closes_done;	/* WB_CLOSE segments done: their files closed and sealed */
	pthread_cond_t closed;	/* broadcast at each of them */
	pthread_t thread;
	int thread_started;
};

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

/*
 * A slot of the burst arena is free, holds a buffer, or is being given
 * back: only the writer moves a slot out of SLOT_RELEASING, so it may read
 * that state without r->lock (release_chain).
 */
enum { SLOT_FREE, SLOT_USED, SLOT_RELEASING };

#define HUGE_PAGE ((size_t)2 << 20)

static int slot_get(const struct ring_queue *q, size_t i)
{
	return __atomic_load_n(&q->slot_state[i], __ATOMIC_RELAXED);
}

static void slot_set(struct ring_queue *q, size_t i, int state)
{
	__atomic_store_n(&q->slot_state[i], (uint8_t)state, __ATOMIC_RELAXED);
}

/* How many old files one write error may evict to make room. */
#define MAX_EVICT_PER_ERROR 8

static int64_t now_ms(int clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int add_file(struct ring *r, uint64_t seq, const char *name, int64_t name_sec)
{
	struct filelist_file f = {
		.seq = seq, .mtime_ms = now_ms(CLOCK_REALTIME), .name_sec = name_sec,
		.flags = FL_OPEN | FL_META | (r->w->gzip ? FL_GZIP : 0),
	};

	if (filelist_append(r->files, &f, name) < 0)
		return -1;
	r->w->cur_seq = seq;
	r->w->cur_packets = 0;
	r->w->cur_first_ns = r->w->cur_last_ns = 0;
	return 0;
}

struct deletion {
	struct ring *r;
	const char *why;
};

/* Called by the list: the data file first, then its index (see filelist_retain, filelist_remove). */
static int unlink_file(struct filelist_file *f, void *arg)
{
	const struct deletion *del = arg;
	struct ring *r = del->r;
	char idx[300];

	if (unlinkat(r->dirfd, f->name, 0) < 0 && errno != ENOENT) {
		rlog(r, LOG_WARNING, "cannot delete %s: %s", f->name, strerror(errno));
		return -1;
	}
	snprintf(idx, sizeof(idx), "%s.idx", f->name);
	unlinkat(r->dirfd, idx, 0);
	snprintf(idx, sizeof(idx), "%s.aidx", f->name);
	unlinkat(r->dirfd, idx, 0);
	rlog(r, LOG_INFO, "deleted %s (%s)", f->name, del->why);
	return 0;
}

static int delete_file(struct ring *r, uint64_t seq, const char *why)
{
	struct deletion del = { r, why };

	return filelist_remove(r->files, seq, unlink_file, &del);
}

static uint64_t fs_free(void *arg)
{
	struct ring *r = arg;
	struct statvfs sv;

	if (fstatvfs(r->dirfd, &sv) < 0)
		return UINT64_MAX;
	return (uint64_t)sv.f_bavail * sv.f_frsize;
}

/* Free space for the policy's min_free; arg is unlink_file's. */
static uint64_t retain_free(void *arg)
{
	return fs_free(((struct deletion *)arg)->r);
}

/*
 * Deletes from the head of the list while a limit is exceeded: the cost is
 * the files deleted, not the files kept (filelist_retain).
 */
static void apply_retention(struct ring *r)
{
	struct deletion del = { r, "retention" };
	struct ret_policy pol;

	/* A reload changes the policy from the main thread, under the lock. */
	pthread_mutex_lock(&r->lock);
	pol = (struct ret_policy){
		.keep_files = r->conf.keep_files, .keep_bytes = r->conf.keep_bytes,
		.keep_age_ms = r->conf.keep_age_ms, .min_free = r->conf.min_free,
	};
	pthread_mutex_unlock(&r->lock);
	r->w->last_retention_ms = now_ms(CLOCK_MONOTONIC);
	filelist_retain(r->files, &pol, now_ms(CLOCK_REALTIME), retain_free, unlink_file, &del);
}

/* Deletes the oldest file that may go, to make room after ENOSPC: retention decides which. */
static int evict_oldest(struct ring *r)
{
	struct deletion del = { r, "disk full" };
	struct ret_policy pol = { .evict = 1 };

	return filelist_retain(r->files, &pol, 0, NULL, unlink_file, &del) ? 0 : -1;
}

/* O_DIRECT wants aligned offsets, lengths and memory: 4 KiB suits 512-byte and 4K disks. */
#define DIRECT_ALIGN 4096
/* Whole blocks leave in writes of at least this: 1 MiB writes measured 30 % faster than 256 KiB. */
#define DIRECT_CHUNK (1024 * 1024)

static int pwrite_all(int fd, const uint8_t *p, size_t len, uint64_t off)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pwrite(fd, p + done, len - done, (off_t)(off + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/* Record ends up to vis_off are places a failed write may cut the file back to. */
static void direct_seen(struct ring_writer *w)
{
	unsigned i = 0;

	while (i < w->nends && w->ends[i] <= w->vis_off)
		w->good_off = w->ends[i++];
	memmove(w->ends, w->ends + i, (w->nends - i) * sizeof(w->ends[0]));
	memmove(w->end_packets, w->end_packets + i, (w->nends - i) * sizeof(w->end_packets[0]));
	w->nends -= i;
}

static void *io_main(void *arg)
{
	struct ring *r = arg;
	struct direct_io *io = &r->w->io;
	char name[16];

	snprintf(name, sizeof(name), "io:%s", r->name);
	pthread_setname_np(pthread_self(), name);
	pthread_mutex_lock(&io->lock);
	for (;;) {
		if (io->todo) {
			int err;

			pthread_mutex_unlock(&io->lock);
			err = pwrite_all(io->fd, io->buf, io->len, io->off) < 0 ? errno : 0;
			pthread_mutex_lock(&io->lock);
			io->err = err;
			io->todo = 0;
			pthread_cond_broadcast(&io->cond);
			continue;
		}
		if (io->stop)
			break;
		pthread_cond_wait(&io->cond, &io->lock);
	}
	pthread_mutex_unlock(&io->lock);
	return NULL;
}

/* After ERR from a write: on ENOSPC old files make room and it is tried again; 0 or an errno. */
static int write_evicting(struct ring *r, int fd, const uint8_t *p, size_t len, uint64_t off,
			  int err)
{
	int tries = 0;

	while (err) {
		if ((err != ENOSPC && err != EDQUOT) || tries++ >= MAX_EVICT_PER_ERROR ||
		    evict_oldest(r) < 0)
			break;
		err = pwrite_all(fd, p, len, off) < 0 ? errno : 0;
	}
	return err;
}

/*
 * Waits for the write in flight. On ENOSPC old files make room and the
 * same chunk is written again here, as the page-cache path does.
 */
static int direct_reap(struct ring *r)
{
	struct ring_writer *w = r->w;
	struct direct_io *io = &w->io;
	int err;

	if (!io->inflight)
		return 0;
	pthread_mutex_lock(&io->lock);
	while (io->todo)
		pthread_cond_wait(&io->cond, &io->lock);
	err = io->err;
	pthread_mutex_unlock(&io->lock);
	io->inflight = 0;
	if (err)
		err = write_evicting(r, io->fd, io->buf, io->len, io->off, err);
	free(w->spare);
	w->spare = io->buf;
	w->spare_cap = io->cap;
	io->buf = NULL;
	if (err) {
		errno = err;
		return -1;
	}
	if (w->vis_off < io->off + io->len)
		w->vis_off = io->off + io->len;
	direct_seen(w);
	return 0;
}

/*
 * Hands dbuf's whole blocks to the io thread and goes on filling the spare
 * buffer, which starts with the unaligned tail: one write in flight.
 */
static int direct_push(struct ring *r)
{
	struct ring_writer *w = r->w;
	struct direct_io *io = &w->io;
	size_t n = w->dlen & ~(size_t)(DIRECT_ALIGN - 1);
	void *nb;

	if (!n)
		return 0;
	if (direct_reap(r) < 0)
		return -1;
	if (!w->spare || w->spare_cap < w->dcap) {
		if (posix_memalign(&nb, DIRECT_ALIGN, w->dcap)) {
			errno = ENOMEM;
			return -1;
		}
		free(w->spare);
		w->spare = nb;
		w->spare_cap = w->dcap;
	}
	memcpy(w->spare, w->dbuf + n, w->dlen - n);
	pthread_mutex_lock(&io->lock);
	io->fd = w->dfd;
	io->buf = w->dbuf;
	io->cap = w->dcap;
	io->len = n;
	io->off = w->dbase;
	io->todo = 1;
	pthread_cond_broadcast(&io->cond);
	pthread_mutex_unlock(&io->lock);
	io->inflight = 1;
	w->dbuf = w->spare;
	w->dcap = w->spare_cap;
	w->spare = NULL;
	w->dbase += n;
	w->dlen -= n;
	return 0;
}

/*
 * A flush point: the tail block goes out through the page cache, so
 * readers see every record; the next aligned write covers it again.
 */
static int direct_show(struct ring *r)
{
	struct ring_writer *w = r->w;

	if (direct_push(r) < 0 || direct_reap(r) < 0)
		return -1;
	if (!w->dlen || w->vis_off == w->dbase + w->dlen)
		return 0;
	if (pwrite_all(w->fd, w->dbuf, w->dlen, w->dbase) < 0) {
		int err = write_evicting(r, w->fd, w->dbuf, w->dlen, w->dbase, errno);

		if (err) {
			errno = err;
			return -1;
		}
	}
	w->vis_off = w->dbase + w->dlen;
	direct_seen(w);
	return 0;
}

static void file_close(struct ring *r);

/*
 * What dbuf held is lost: the file is cut back to its last visible record,
 * stays unsealed (the next start repairs it, like a failed sync), and data
 * goes on in a new file, since this one cannot continue without a hole.
 */
static void direct_fail(struct ring *r, int err)
{
	struct ring_writer *w = r->w;

	/* A write still in flight may yet make more of the file visible. */
	direct_reap(r);
	if (!w->write_error)
		rlog(r, LOG_ERR, "write to %s failed: %s; packets are lost until it works again",
		     w->cur_name, strerror(err));
	w->write_error = 1;
	/* Counted as written when they reached dbuf: lost after all. */
	for (unsigned i = 0; i < w->nends; i++) {
		atomic_fetch_sub(&r->written_packets, w->end_packets[i]);
		atomic_fetch_add(&r->lost_packets, w->end_packets[i]);
	}
	if (ftruncate(w->fd, (off_t)w->good_off) < 0)
		rlog(r, LOG_ERR, "cannot cut %s back to %llu bytes: %s", w->cur_name,
		     (unsigned long long)w->good_off, strerror(errno));
	w->file_off = w->vis_off = w->good_off;
	w->dlen = 0;
	w->nends = 0;
	w->sync_failed = 1;
	file_close(r);
}

static int direct_room(struct ring_writer *w, size_t len)
{
	void *nb;
	size_t cap = w->dcap;

	while (cap < w->dlen + len)
		cap = cap ? cap * 2 : 2 * DIRECT_CHUNK;
	if (cap == w->dcap)
		return 0;
	if (posix_memalign(&nb, DIRECT_ALIGN, cap)) {
		errno = ENOMEM;
		return -1;
	}
	if (w->dlen)
		memcpy(nb, w->dbuf, w->dlen);
	free(w->dbuf);
	w->dbuf = nb;
	w->dcap = cap;
	return 0;
}

/* Appends to dbuf; at DIRECT_CHUNK its whole blocks go to the disk. */
static int direct_write(struct ring *r, const void *data, size_t len)
{
	struct ring_writer *w = r->w;
	int err;

	if (direct_room(w, len) < 0)
		return -1;
	memcpy(w->dbuf + w->dlen, data, len);
	w->dlen += len;
	w->end_packets[w->nends] = 0;
	w->ends[w->nends++] = w->dbase + w->dlen;
	if (w->dlen < DIRECT_CHUNK && w->nends < sizeof(w->ends) / sizeof(w->ends[0]))
		return 0;
	if (direct_push(r) == 0)
		return 0;
	err = errno;
	w->dlen -= len;
	w->nends--;
	direct_fail(r, err);
	errno = err;
	return -1;
}

static ssize_t write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, p + done, len - done);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (n == 0) {
			errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)done;
}

/*
 * Starts writeback of what was just written and waits for, then drops from
 * the page cache, the range before it: memory stays flat and the disk busy.
 */
static void writeback(struct ring *r)
{
	uint64_t start = r->w->synced_off, len = r->w->file_off - r->w->synced_off;

	if (len < 4 * 1024 * 1024)
		return;
	sync_file_range(r->w->fd, (off_t)start, (off_t)len, SYNC_FILE_RANGE_WRITE);
	if (start) {
		uint64_t prev = start > 8 * 1024 * 1024 ? start - 8 * 1024 * 1024 : 0;

		sync_file_range(r->w->fd, (off_t)prev, (off_t)(start - prev),
				SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
				SYNC_FILE_RANGE_WAIT_AFTER);
		posix_fadvise(r->w->fd, (off_t)prev, (off_t)(start - prev), POSIX_FADV_DONTNEED);
	}
	r->w->synced_off = r->w->file_off;
}

/*
 * Appends bytes to the current file. A failed write is cut back to the last
 * whole record so the file stays readable; ENOSPC evicts old files and tries
 * again. Returns 0, or -1 when the data is lost.
 */
static void wrote(struct ring *r, const void *data, size_t len)
{
	/* Only bytes that stay in the file count towards its hash. */
	sha256_update(&r->w->sha, data, len);
	r->w->file_off += len;
	r->w->dirty = 1;
	atomic_fetch_add(&r->written_bytes, len);
	if (r->w->write_error) {
		rlog(r, LOG_NOTICE, "writing %s again", r->w->cur_name);
		r->w->write_error = 0;
	}
}

static int file_write(struct ring *r, const void *data, size_t len)
{
	int tries = 0;

	if (r->w->dfd >= 0) {
		if (direct_write(r, data, len) < 0)
			return -1;
		wrote(r, data, len);
		return 0;
	}
	for (;;) {
		if (write_all(r->w->fd, data, len) >= 0) {
			wrote(r, data, len);
			writeback(r);
			return 0;
		}
		int err = errno;

		if (ftruncate(r->w->fd, (off_t)r->w->file_off) < 0 ||
		    lseek(r->w->fd, (off_t)r->w->file_off, SEEK_SET) < 0)
			rlog(r, LOG_ERR, "cannot cut %s back to %llu bytes: %s", r->w->cur_name,
			     (unsigned long long)r->w->file_off, strerror(errno));
		if (!r->w->write_error)
			rlog(r, LOG_ERR, "write to %s failed: %s; packets are lost until it works again",
			     r->w->cur_name, strerror(err));
		r->w->write_error = 1;
		if ((err != ENOSPC && err != EDQUOT) || tries++ >= MAX_EVICT_PER_ERROR ||
		    evict_oldest(r) < 0)
			return -1;
	}
}

/*
 * gzip rings store each chunk of records as a gzip member of its own:
 * concatenated members are one gzip file for zcat, gzip -t and Wireshark,
 * every member start is a place a reader can begin, a failed write is cut
 * back to a member boundary and leaves a valid file, and libdeflate
 * compresses a whole chunk about twice as fast as zlib's stream.
 */
static size_t queued_now(struct ring *r)
{
	size_t queued;

	pthread_mutex_lock(&r->lock);
	queued = r->q->queued;
	pthread_mutex_unlock(&r->lock);
	return queued;
}

static void *zip_main(void *arg)
{
	struct ring *r = arg;
	struct zip_job *z = &r->w->zip;
	char name[16];

	snprintf(name, sizeof(name), "gz:%s", r->name);
	pthread_setname_np(pthread_self(), name);
	pthread_mutex_lock(&z->lock);
	for (;;) {
		if (z->todo) {
			pthread_mutex_unlock(&z->lock);
			if (!z->zc || z->zc_level != z->level) {
				if (z->zc)
					libdeflate_free_compressor(z->zc);
				z->zc = libdeflate_alloc_compressor(z->level);
				z->zc_level = z->level;
			}
			z->outlen = z->zc ? libdeflate_gzip_compress(z->zc, z->in, z->inlen, z->out,
								     z->cap) : 0;
			pthread_mutex_lock(&z->lock);
			z->todo = 0;
			pthread_cond_broadcast(&z->cond);
			continue;
		}
		if (z->stop)
			break;
		pthread_cond_wait(&z->cond, &z->lock);
	}
	pthread_mutex_unlock(&z->lock);
	return NULL;
}

static void zip_wait(struct ring *r)
{
	struct zip_job *z = &r->w->zip;

	pthread_mutex_lock(&z->lock);
	while (z->todo)
		pthread_cond_wait(&z->cond, &z->lock);
	pthread_mutex_unlock(&z->lock);
}

/*
 * Hands the next piece to the gz thread when the writer is behind (an
 * eighth of the write queue waiting) but not so far that chunks are stored
 * anyway; the thread is started at the first such piece.
 */
static void zip_submit(struct ring *r, const uint8_t *data, size_t len)
{
	struct zip_job *z = &r->w->zip;
	size_t queued = queued_now(r), bound;

	if (z->pending || queued * 8 < r->q->base || queued * 4 >= r->q->base || len <= 4096)
		return;
	if (!z->started) {
		pthread_mutex_init(&z->lock, NULL);
		pthread_cond_init(&z->cond, NULL);
		z->started = pthread_create(&z->thread, NULL, zip_main, r) == 0;
		if (!z->started)
			return;
	}
	bound = libdeflate_gzip_compress_bound(r->w->zc, len);
	if (bound > z->cap) {
		uint8_t *nz = realloc(z->out, bound);

		if (!nz)
			return;
		z->out = nz;
		z->cap = bound;
	}
	z->in = data;
	z->inlen = len;
	z->level = r->w->zc_level;
	pthread_mutex_lock(&z->lock);
	z->todo = 1;
	pthread_cond_broadcast(&z->cond);
	pthread_mutex_unlock(&z->lock);
	z->pending = 1;
}

/* Moves the job's member for DATA aside (ready), freeing the job for the next piece. */
static void zip_collect(struct ring *r, const void *data)
{
	struct zip_job *z = &r->w->zip;
	uint8_t *t;
	size_t c;

	if (!z->pending || z->in != data)
		return;
	zip_wait(r);
	z->pending = 0;
	t = z->ready, z->ready = z->out, z->out = t;
	c = z->ready_cap, z->ready_cap = z->cap, z->cap = c;
	z->ready_in = data;
	z->ready_len = z->outlen;
}

/* The member the gz thread made of exactly DATA, or 0. */
static size_t zip_take(struct ring *r, const void *data)
{
	struct zip_job *z = &r->w->zip;

	if (z->ready_in != data)
		return 0;
	z->ready_in = NULL;
	return z->ready_len;
}

static void zip_stop(struct ring *r)
{
	struct zip_job *z = &r->w->zip;

	if (!z->started)
		return;
	pthread_mutex_lock(&z->lock);
	z->stop = 1;
	pthread_cond_broadcast(&z->cond);
	pthread_mutex_unlock(&z->lock);
	pthread_join(z->thread, NULL);
	z->started = 0;
	if (z->zc)
		libdeflate_free_compressor(z->zc);
	free(z->out);
	free(z->ready);
}

static int gzip_member(struct ring *r, const void *data, size_t len)
{
	struct libdeflate_compressor *zc = r->w->zc;
	size_t bound = libdeflate_gzip_compress_bound(r->w->zc, len), n;

	n = zip_take(r, data);
	if (n) {
		atomic_fetch_add(&r->gzip_chunks, 1);
		return file_write(r, r->w->zip.ready, n);
	}
	/*
	 * Compression must not cost packets: when a quarter of the write queue
	 * is waiting, this chunk is stored (deflate level 0, still gzip) at
	 * memcpy speed so the writer catches up; status counts such chunks.
	 */
	if (queued_now(r) * 4 >= r->q->base && len > 4096) {
		if (!r->w->zc_store)
			r->w->zc_store = libdeflate_alloc_compressor(0);
		if (r->w->zc_store) {
			zc = r->w->zc_store;
			atomic_fetch_add(&r->stored_chunks, 1);
		}
	}
	atomic_fetch_add(&r->gzip_chunks, 1);

	if (bound > r->w->zout_cap) {
		uint8_t *nz = realloc(r->w->zout, bound);

		if (!nz)
			return -1;
		r->w->zout = nz;
		r->w->zout_cap = bound;
	}
	n = libdeflate_gzip_compress(zc, data, len, r->w->zout, r->w->zout_cap);
	if (!n)
		return -1;
	return file_write(r, r->w->zout, n);
}

/* NAME.idx beside the data file; capture goes on without one if it cannot be made. */
static void idx_open(struct ring *r, const char *name)
{
	char path[300];

	snprintf(path, sizeof(path), "%s.idx", name);
	if (pcapidx_writer_open(&r->w->idx, r->dirfd, path, r->header, r->w->gzip) == 0)
		return;
	/*
	 * A full disk is one episode, logged once: its first failure, be it
	 * this index or a write, and then "writing ... again" when a write works.
	 */
	if (errno == ENOSPC || errno == EDQUOT) {
		if (!r->w->write_error)
			rlog(r, LOG_ERR, "cannot create the index of %s: %s; packets are lost until writing works again",
			     name, strerror(errno));
		r->w->write_error = 1;
		return;
	}
	rlog(r, LOG_WARNING, "cannot create the index of %s: %s", name, strerror(errno));
}

/* NAME.aidx beside it, for the pcap header's link type; the indexer makes a missing one. */
static void aidx_open(struct ring *r, const char *name)
{
	char path[300];
	uint32_t linktype;

	memcpy(&linktype, r->header + 20, 4);
	snprintf(path, sizeof(path), "%s.aidx", name);
	/* A full disk is logged once, by idx_open or the write that met it. */
	if (addridx_writer_open(&r->w->aidx, r->dirfd, path, (int)(linktype & 0x03ffffff),
				r->w->gzip) < 0 && errno != ENOSPC && errno != EDQUOT)
		rlog(r, LOG_WARNING, "cannot create the address index of %s: %s", name,
		     strerror(errno));
}

/* Appends the seek points, and the address index's blocks, whose data is now on disk. */
static void idx_flush(struct ring *r)
{
	for (size_t i = 0; i < r->w->npending; i++)
		pcapidx_writer_point(&r->w->idx, &r->w->pending[i]);
	r->w->npending = 0;
	addridx_writer_flush(&r->w->aidx);
}

/*
 * The summary seals the file: its SHA-256, written once. A file whose data
 * may not have reached the disk (a failed sync) is not sealed: it stays
 * writable, and the next start repairs it like any file cut short.
 */
static int set_seal(struct filelist_file *f, void *arg)
{
	const struct pcapidx_summary *sum = arg;

	memcpy(f->sha256, sum->sha256, 32);
	f->seal_size = sum->size;
	f->flags |= FL_SHA;
	return 0;
}

static int idx_close(struct ring *r)
{
	struct pcapidx_summary sum = { 0 };

	if (r->w->sync_failed) {
		r->w->npending = 0;
		pcapidx_writer_abort(&r->w->idx);
		addridx_writer_abort(&r->w->aidx);
		return -1;
	}
	idx_flush(r);
	sum.raw_bytes = r->w->raw_off;
	sum.size = r->w->file_off;
	sha256_final(&r->w->sha, sum.sha256);
	sum.first_ns = r->w->cur_first_ns;
	sum.last_ns = r->w->cur_last_ns;
	sum.packets = r->w->cur_packets;
	sum.has_identity = pcapidx_identify_at(r->dirfd, r->w->cur_name, sum.size, &sum.id) == 0;
	if (r->w->cur_seq)
		filelist_update(r->files, r->w->cur_seq, set_seal, &sum);
	if (pcapidx_writer_finish(&r->w->idx, &sum) < 0)
		rlog(r, LOG_WARNING, "cannot write the index of %s; the indexer rebuilds it", r->w->cur_name);
	if (!sum.has_identity)
		addridx_writer_abort(&r->w->aidx);
	else if (r->w->aidx.fd >= 0 && addridx_writer_finish(&r->w->aidx, &sum.id) < 0)
		rlog(r, LOG_WARNING, "cannot write the address index of %s", r->w->cur_name);
	else if (r->w->cur_seq)	/* its union in memory: the file was just written, reading it back is cheap */
		aidxsum_load(r, r->w->cur_seq, r->w->cur_name, 0);
	return 0;
}

/* Logs which path the ring's files take when it changes: once, not per file. */
static void direct_say(struct ring *r, int path, const char *why)
{
	if (r->w->direct_said == path)
		return;
	r->w->direct_said = path;
	if (path == 1)
		rlog(r, LOG_INFO, "writing files with O_DIRECT");
	else
		rlog(r, LOG_NOTICE, "writing files through the page cache: %s", why);
}

/*
 * The O_DIRECT descriptor beside fd. Memory file systems keep files in the
 * page cache anyway (tmpfs takes O_DIRECT since Linux 6.6 and copies as
 * before), and a file system that refuses O_DIRECT fails the open: both
 * keep the page-cache path.
 */
static void direct_open(struct ring *r, const char *name)
{
	struct ring_writer *w = r->w;
	struct statfs sf;

	w->dfd = -1;
	w->dlen = w->nends = 0;
	w->dbase = w->vis_off = w->good_off = 0;
	if (fstatfs(w->fd, &sf) == 0 && (sf.f_type == TMPFS_MAGIC || sf.f_type == RAMFS_MAGIC)) {
		direct_say(r, 2, "the file system is in memory");
		return;
	}
	if (!w->io.started) {
		direct_say(r, 2, "no io thread");
		return;
	}
	if (!w->dbuf && direct_room(w, 1) < 0) {
		direct_say(r, 2, strerror(errno));
		return;
	}
	w->dfd = openat(r->dirfd, name, O_WRONLY | O_DIRECT | O_NOFOLLOW | O_CLOEXEC);
	if (w->dfd < 0) {
		direct_say(r, 2, strerror(errno));
		return;
	}
	direct_say(r, 1, NULL);
}

static int file_open(struct ring *r, int64_t name_sec)
{
	char name[256];
	uint64_t seq = r->next_seq;
	int fd, level;

	pthread_mutex_lock(&r->lock);
	r->w->gzip = r->conf.compress == COMPRESS_GZIP;
	level = r->conf.compress_level;
	pthread_mutex_unlock(&r->lock);
	if (storage_file_name(r, seq, name_sec, r->w->gzip, name, sizeof(name)) < 0)
		return -1;
	/* Never overwrite: a name that exists means someone else's file. */
	for (int i = 0; i < 1000; i++) {
		fd = openat(r->dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0640);
		if (fd >= 0 || errno != EEXIST)
			break;
		seq++;
		storage_file_name(r, seq, name_sec, r->w->gzip, name, sizeof(name));
	}
	if (fd < 0) {
		if (!r->w->write_error)
			rlog(r, LOG_ERR, "cannot create %s: %s", name, strerror(errno));
		r->w->write_error = 1;
		return -1;
	}
	r->next_seq = seq + 1;
	r->w->fd = fd;
	r->w->file_off = 0;
	r->w->synced_off = 0;
	r->w->header_done = 0;
	r->w->raw_off = 0;
	r->w->have_point = 0;
	r->w->npending = 0;
	r->w->sync_failed = 0;
	{
		uint32_t magic;

		memcpy(&magic, r->header, 4);
		r->w->nano = magic == PCAP_MAGIC_NSEC;
	}
	sha256_init(&r->w->sha);
	snprintf(r->w->cur_name, sizeof(r->w->cur_name), "%s", name);
	direct_open(r, name);
	r->w->cur_seq = 0;
	if (add_file(r, seq, name, name_sec) < 0)
		rlog(r, LOG_WARNING, "cannot list %s: out of memory", name);
	idx_open(r, name);
	aidx_open(r, name);
	rlog(r, LOG_DEBUG, "opened %s", name);

	if (r->w->gzip && (!r->w->zc || r->w->zc_level != level)) {
		if (r->w->zc)
			libdeflate_free_compressor(r->w->zc);
		r->w->zc = libdeflate_alloc_compressor(level);
		r->w->zc_level = level;
		if (!r->w->zc) {
			rlog(r, LOG_ERR, "cannot start compression");
			return -1;
		}
	}
	return 0;
}

/* The header goes with the first data so a full disk never leaves a torn header. */
static int write_data(struct ring *r, const uint8_t *data, size_t len)
{
	if (r->w->gzip) {
		if (!r->w->zc)
			return -1;
		if (!r->w->header_done) {
			if (gzip_member(r, r->header, sizeof(r->header)) < 0)
				return -1;
			atomic_fetch_add(&r->written_raw, sizeof(r->header));
			r->w->raw_off += sizeof(r->header);
			r->w->header_done = 1;
		}
		return len ? gzip_member(r, data, len) : 0;
	}
	if (!r->w->header_done) {
		if (file_write(r, r->header, sizeof(r->header)) < 0)
			return -1;
		atomic_fetch_add(&r->written_raw, sizeof(r->header));
		r->w->raw_off += sizeof(r->header);
		r->w->header_done = 1;
	}
	return len ? file_write(r, data, len) : 0;
}

static int set_current(struct filelist_file *f, void *arg)
{
	const struct ring *r = arg;

	/* What readers can see: O_DIRECT holds up to DIRECT_CHUNK back until a flush point. */
	f->size = r->w->dfd >= 0 ? r->w->vis_off : r->w->file_off;
	f->mtime_ms = now_ms(CLOCK_REALTIME);
	f->packets = r->w->cur_packets;
	f->first_ns = r->w->cur_first_ns;
	f->last_ns = r->w->cur_last_ns;
	return 0;
}

/* The list learns the current file's size and times at each flush point: O(log n). */
static void update_current(struct ring *r)
{
	if (r->w->cur_seq)
		filelist_update(r->files, r->w->cur_seq, set_current, r);
}

static void flush_point(struct ring *r)
{
	if (r->w->fd < 0)
		return;
	if (r->w->dfd >= 0 && direct_show(r) < 0) {
		direct_fail(r, errno);
		return;
	}
	if (r->w->dirty) {
		/* Data and size reach the disk: a power cut loses at most one interval. */
		if (fdatasync(r->w->fd) < 0) {
			/*
			 * What the kernel could not write is gone from its cache: no
			 * index point may promise it, and the file is not sealed.
			 */
			if (!r->w->sync_failed)
				rlog(r, LOG_ERR, "sync of %s failed: %s; the file will not be sealed",
				     r->w->cur_name, strerror(errno));
			r->w->sync_failed = 1;
			atomic_fetch_add(&r->sync_errors, 1);
		}
		r->w->dirty = 0;
	}
	/* Only now may the index point at that data. */
	if (r->w->sync_failed) {
		r->w->npending = 0;
		addridx_writer_abort(&r->w->aidx);
	} else
		idx_flush(r);
	update_current(r);
}

static int set_closed(struct filelist_file *f, void *arg)
{
	(void)arg;
	f->flags &= ~(unsigned)FL_OPEN;
	return 0;
}

static void file_close(struct ring *r)
{
	if (r->w->fd < 0)
		return;
	flush_point(r);
	/* Read-only marks a cleanly closed file; a restart repairs writable ones. */
	if (idx_close(r) == 0 && fchmod(r->w->fd, 0440) < 0)
		rlog(r, LOG_WARNING, "cannot seal %s: %s", r->w->cur_name, strerror(errno));
	close(r->w->fd);
	r->w->fd = -1;
	if (r->w->dfd >= 0)
		close(r->w->dfd);
	r->w->dfd = -1;
	if (r->w->cur_seq) {
		filelist_update(r->files, r->w->cur_seq, set_closed, NULL);
		/* A file that never got its header holds nothing worth keeping. */
		if (r->w->file_off == 0)
			delete_file(r, r->w->cur_seq, "empty");
		else	/* NAME.aidx gets its postings off the capture path */
			aidxsum_postings(r, r->w->cur_seq);
		r->w->cur_seq = 0;
	}
	atomic_fetch_add(&r->rotations, 1);
	rlog(r, LOG_DEBUG, "closed %s", r->w->cur_name);
	apply_retention(r);
}

/* A run of whole records written in one go: for gzip, one member. */
struct piece {
	const uint8_t *data;
	size_t len;
	uint32_t packets;
	int64_t first_ns, last_ns;
};

/* What a written piece adds to the counters and to its file's metadata. */
static void account(struct ring *r, const struct piece *pc)
{
	atomic_fetch_add(&r->written_packets, pc->packets);
	atomic_fetch_add(&r->written_raw, pc->len);
	if (r->w->dfd >= 0 && r->w->nends)
		r->w->end_packets[r->w->nends - 1] += pc->packets;
	r->w->raw_off += pc->len;
	if (!pc->packets)
		return;
	if (!r->w->cur_packets)
		r->w->cur_first_ns = pc->first_ns;
	r->w->cur_last_ns = pc->last_ns;
	r->w->cur_packets += pc->packets;
	update_current(r);
}

/* Seek points every this many uncompressed bytes: a query reads at most about this much extra. */
#define POINT_EVERY (256 * 1024)

/*
 * Records where this piece's first packet will start; in a gzip file that
 * is the start of the piece's own member, from which inflate can start.
 * Points wait in pending until their data is synced.
 */
static void add_point(struct ring *r, const struct piece *pc)
{
	struct pcapidx_point *p;

	if (r->w->have_point && r->w->raw_off - r->w->last_point_raw < POINT_EVERY)
		return;
	if (r->w->npending == r->w->maxpending) {
		size_t n = r->w->maxpending ? r->w->maxpending * 2 : 64;
		struct pcapidx_point *np = realloc(r->w->pending, n * sizeof(*np));

		if (!np)
			return;
		r->w->pending = np;
		r->w->maxpending = n;
	}
	p = &r->w->pending[r->w->npending++];
	p->first_ns = pc->first_ns;
	/* For gzip this is where the piece's member will start. */
	p->off = r->w->header_done ? r->w->file_off : 0;
	p->raw_off = r->w->header_done ? r->w->raw_off : 0;
	p->packets_before = r->w->cur_packets;
	r->w->last_point_raw = r->w->raw_off;
	r->w->have_point = 1;
	addridx_writer_point(&r->w->aidx, p);
}

static int64_t rec_ns(const struct ring *r, const uint8_t *h)
{
	uint32_t sec, frac;

	memcpy(&sec, h, 4);
	memcpy(&frac, h + 4, 4);
	return (int64_t)sec * 1000000000 + (int64_t)frac * (r->w->nano ? 1 : 1000);
}

/*
 * Cuts the segment into pieces of about POINT_EVERY bytes at record
 * boundaries, so that a seek point (and, for gzip, a member) starts every
 * POINT_EVERY bytes however large the write buffers are.
 */
static size_t next_piece(const struct ring *r, const uint8_t *data, size_t len, struct piece *pc)
{
	size_t off = 0;

	pc->data = data;
	pc->packets = 0;
	pc->first_ns = pc->last_ns = 0;
	while (off + PCAP_REC_HDR_LEN <= len && (off < POINT_EVERY || !pc->packets)) {
		uint32_t caplen;

		memcpy(&caplen, data + off + 8, 4);
		if (off + PCAP_REC_HDR_LEN + caplen > len)
			break;
		if (!pc->packets)
			pc->first_ns = rec_ns(r, data + off);
		pc->last_ns = rec_ns(r, data + off);
		pc->packets++;
		off += PCAP_REC_HDR_LEN + caplen;
	}
	/* Records are whole by construction; anything else is taken as it is. */
	if (!pc->packets)
		off = len;
	pc->len = off;
	return off;
}

/* Each packet of a written piece goes to the address index's current block. */
static void aidx_feed(struct ring *r, const struct piece *pc)
{
	size_t off = 0;
	uint32_t caplen;

	if (r->w->aidx.fd < 0)
		return;
	for (; off + PCAP_REC_HDR_LEN <= pc->len; off += PCAP_REC_HDR_LEN + caplen) {
		memcpy(&caplen, pc->data + off + 8, 4);
		if (caplen > pc->len - off - PCAP_REC_HDR_LEN)
			break;
		addridx_writer_packet(&r->w->aidx, pc->data + off + PCAP_REC_HDR_LEN, caplen);
	}
}

static void write_segment(struct ring *r, const struct wseg *seg, const uint8_t *data, size_t len)
{
	if (seg->flags & WB_OPEN) {
		if (r->w->fd >= 0)
			file_close(r);
		file_open(r, seg->name_sec);
	}
	/* After a failed create, data goes to a new file. */
	if (r->w->fd < 0 && len && !(seg->flags & WB_OPEN))
		file_open(r, time(NULL));
	while (len) {
		struct piece pc, ahead;
		size_t n = next_piece(r, data, len, &pc);

		/* The next member compresses on the gz thread while this one does here. */
		zip_collect(r, pc.data);
		if (r->w->gzip && r->w->fd >= 0 && n < len) {
			next_piece(r, data + n, len - n, &ahead);
			zip_submit(r, ahead.data, ahead.len);
		}
		if (r->w->fd < 0) {
			atomic_fetch_add(&r->lost_packets, pc.packets);
		} else {
			if (pc.packets)
				add_point(r, &pc);
			if (write_data(r, pc.data, pc.len) < 0)
				atomic_fetch_add(&r->lost_packets, pc.packets);
			else
				account(r, &pc);
			aidx_feed(r, &pc);
		}
		data += n;
		len -= n;
	}
	/* A member made for a piece that was not written: its input is the buffer's. */
	if (r->w->zip.pending) {
		zip_wait(r);
		r->w->zip.pending = 0;
	}
	r->w->zip.ready_in = NULL;
	if (seg->flags & WB_CLOSE) {
		file_close(r);
		/* Closed and sealed: whoever waits for this rotation (capture_rotate_wait) may go. */
		pthread_mutex_lock(&r->lock);
		r->q->closes_done++;
		pthread_cond_broadcast(&r->q->closed);
		pthread_mutex_unlock(&r->lock);
	}
}

static void handle_buffer(struct ring *r, struct wbuf *b)
{
	size_t start = 0;

	for (unsigned i = 0; i < b->nseg; i++) {
		write_segment(r, &b->seg[i], b->data + start, b->seg[i].end - start);
		start = b->seg[i].end;
	}
	if (b->flags & WB_FLUSH)
		flush_point(r);
}

/*
 * "wr:" and the ring's name ("eth0/web"), cut to the 15 bytes a thread name
 * holds: top -H and ps -L tell the writers apart by interface and profile.
 */
static void name_thread(const struct ring *r)
{
	char name[16];

	snprintf(name, sizeof(name), "wr:%s", r->name);
	pthread_setname_np(pthread_self(), name);
}

static void free_chain(struct wbuf *b);
static void release_chain(struct ring *r, struct wbuf *b);
static void mark_neighbours(struct ring_queue *q, size_t slot);

/*
 * Buffers beyond the write-queue (queue-size) go back to the system once
 * the backlog is under the write-queue again: a burst's memory is lent, not
 * kept. Under r->lock; returns the chain to free without it.
 */
static struct wbuf *give_back(struct ring *r, struct wbuf *b)
{
	struct wbuf *out = NULL, **pp = &r->q->free_list;

	b->next = r->q->free_list;
	r->q->free_list = b;
	if (r->q->queued >= r->q->base)
		return NULL;
	while (*pp) {
		struct wbuf *x = *pp;

		/* queue-reserve keeps the arena's memory: it was taken to be kept. */
		if (!x->mapped || (x->slot && r->conf.queue_reserve)) {
			pp = &x->next;
			continue;
		}
		*pp = x->next;
		x->next = out;
		out = x;
		r->q->nbufs--;
		if (x->slot)
			slot_set(r->q, x->slot - 1, SLOT_RELEASING);
	}
	/* Free slots that share a huge page with these go back with them. */
	for (struct wbuf *x = out; x; x = x->next)
		if (x->slot)
			mark_neighbours(r->q, x->slot - 1);
	return out;
}

static void *writer_main(void *arg)
{
	struct ring *r = arg;
	int64_t last_flush = now_ms(CLOCK_MONOTONIC);

	name_thread(r);
	apply_retention(r);
	pthread_mutex_lock(&r->lock);
	for (;;) {
		struct wbuf *b = r->q->head, *spare;

		if (!b) {
			struct timespec until;
			int64_t now = now_ms(CLOCK_MONOTONIC);

			if (r->q->stopping)
				break;
			/* Nothing queued for a whole interval: make a flush point anyway. */
			if (now - last_flush >= (int64_t)r->conf.flush_ms) {
				pthread_mutex_unlock(&r->lock);
				flush_point(r);
				if (now - r->w->last_retention_ms >= 1000)
					apply_retention(r);
				last_flush = now;
				pthread_mutex_lock(&r->lock);
				continue;
			}
			/* The condition waits on CLOCK_MONOTONIC (ring.c): a clock step cannot stall it. */
			clock_gettime(CLOCK_MONOTONIC, &until);
			until.tv_nsec += (long)(r->conf.flush_ms % 1000) * 1000000;
			until.tv_sec += (time_t)(r->conf.flush_ms / 1000) + until.tv_nsec / 1000000000;
			until.tv_nsec %= 1000000000;
			pthread_cond_timedwait(&r->cond, &r->lock, &until);
			continue;
		}
		r->q->head = b->next;
		if (!r->q->head)
			r->q->tail = &r->q->head;
		r->q->queued--;
		r->q->queued_bytes -= b->len;
		pthread_mutex_unlock(&r->lock);

		handle_buffer(r, b);
		if (b->flags & WB_FLUSH)
			last_flush = now_ms(CLOCK_MONOTONIC);

		pthread_mutex_lock(&r->lock);
		spare = give_back(r, b);
		if (spare) {
			pthread_mutex_unlock(&r->lock);
			release_chain(r, spare);
			pthread_mutex_lock(&r->lock);
		}
		if (r->q->stalled && r->q->wake_fd >= 0) {
			uint64_t one = 1;

			r->q->stalled = 0;
			if (write(r->q->wake_fd, &one, sizeof(one)) < 0)
				rlog(r, LOG_DEBUG, "cannot wake capture: %s", strerror(errno));
		}
	}
	pthread_mutex_unlock(&r->lock);
	file_close(r);
	return NULL;
}

/* Without its io thread a ring writes through the page cache (direct_open). */
static void io_start(struct ring *r)
{
	struct direct_io *io = &r->w->io;
	int err;

	pthread_mutex_init(&io->lock, NULL);
	pthread_cond_init(&io->cond, NULL);
	err = pthread_create(&io->thread, NULL, io_main, r);
	if (err)
		rlog(r, LOG_WARNING, "cannot start the io thread: %s", strerror(err));
	io->started = !err;
}

static void io_stop(struct ring *r)
{
	struct direct_io *io = &r->w->io;

	if (!io->started)
		return;
	pthread_mutex_lock(&io->lock);
	io->stop = 1;
	pthread_cond_broadcast(&io->cond);
	pthread_mutex_unlock(&io->lock);
	pthread_join(io->thread, NULL);
	io->started = 0;
}

static void writer_free(struct ring *r)
{
	struct ring_writer *w = r->w;

	if (!w)
		return;
	io_stop(r);
	zip_stop(r);
	if (w->fd >= 0)
		close(w->fd);
	if (w->dfd >= 0)
		close(w->dfd);
	free(w->dbuf);
	free(w->spare);
	free(w->io.buf);
	pcapidx_writer_abort(&w->idx);
	addridx_writer_abort(&w->aidx);
	free(w->zout);
	free(w->pending);
	sha256_free(&w->sha);
	if (w->zc)
		libdeflate_free_compressor(w->zc);
	if (w->zc_store)
		libdeflate_free_compressor(w->zc_store);
	free(w);
	r->w = NULL;
}

/*
 * queue-reserve: takes the whole arena's memory in the background at idle
 * priority while capture may already use it (populating keeps what a page
 * holds). Never given back (give_back). One huge page per call: each call
 * holds the process's memory map lock for reading, a change to the map
 * (mmap, munmap) waits for it and capture's own populate waits behind that;
 * 64 MiB of new memory takes about 0.1 s on the development VM, longer than
 * a 1M kernel buffer lasts at 20 MB/s.
 */
static void *fill_main(void *arg)
{
	struct ring *r = arg;
	struct ring_queue *q = r->q;
	const size_t step = HUGE_PAGE;
	int64_t t0 = now_ms(CLOCK_MONOTONIC);
	char name[16];

	snprintf(name, sizeof(name), "mem:%s", r->name);
	prio_idle_self(name);
	for (size_t o = 0; o < q->arena_len; o += step) {
		size_t n = q->arena_len - o < step ? q->arena_len - o : step;

		if (__atomic_load_n(&q->fill_stop, __ATOMIC_RELAXED))
			return NULL;
		if (madvise(q->arena + o, n, MADV_POPULATE_WRITE) < 0) {
			rlog(r, LOG_WARNING, "queue-reserve: %zu MiB of the queue taken, then: %s%s;"
			     " the rest is taken during bursts", o >> 20, strerror(errno),
			     errno == EINVAL ? " (MADV_POPULATE_WRITE needs Linux 5.14)" : "");
			return NULL;
		}
		__atomic_store_n(&q->filled, o + n, __ATOMIC_RELAXED);
	}
	rlog(r, LOG_INFO, "queue-reserve: %zu MiB taken for the write queue in %.1f s",
	     q->arena_len >> 20, (double)(now_ms(CLOCK_MONOTONIC) - t0) / 1000);
	return NULL;
}

int writer_start(struct ring *r)
{
	int err;

	r->w = calloc(1, sizeof(*r->w));
	if (!r->w)
		return -1;
	r->w->fd = -1;
	r->w->dfd = -1;
	r->w->idx.fd = -1;
	r->w->aidx.fd = -1;
	r->w->zout_cap = 256 * 1024;
	r->w->zout = malloc(r->w->zout_cap);
	if (!r->w->zout) {
		writer_free(r);
		return -1;
	}
	io_start(r);
	err = pthread_create(&r->q->thread, NULL, writer_main, r);
	if (err) {
		rlog(r, LOG_ERR, "cannot start writer thread: %s", strerror(err));
		writer_free(r);
		return -1;
	}
	r->q->thread_started = 1;
	if (r->conf.queue_reserve && r->q->arena) {
		err = pthread_create(&r->q->fill_thread, NULL, fill_main, r);
		if (err)
			rlog(r, LOG_WARNING, "queue-reserve: cannot start the thread that takes"
			     " the queue's memory (%s): it is taken during bursts", strerror(err));
		r->q->fill_started = !err;
	}
	return 0;
}

void writer_stop(struct ring *r)
{
	if (!r->q->thread_started)
		return;
	if (r->q->fill_started) {
		__atomic_store_n(&r->q->fill_stop, 1, __ATOMIC_RELAXED);
		pthread_join(r->q->fill_thread, NULL);
		r->q->fill_started = 0;
	}
	pthread_mutex_lock(&r->lock);
	r->q->stopping = 1;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->q->thread, NULL);
	r->q->thread_started = 0;
	writer_free(r);
}

/* Arena buffers are slots of q->arena, returned through release_chain. */
static void wbuf_free(struct wbuf *b)
{
	if (!b->mapped)
		free(b->data);
	else if (!b->slot)
		munmap(b->data, b->cap);
	free(b);
}

void writer_buffer_free(struct wbuf *b)
{
	if (b)
		wbuf_free(b);
}

static void free_chain(struct wbuf *b)
{
	while (b) {
		struct wbuf *next = b->next;

		wbuf_free(b);
		b = next;
	}
}

/*
 * Burst buffers (queue-size) are slots of one region reserved when the
 * ring is made: address space only (MAP_NORESERVE), marked for transparent
 * huge pages, with memory taken 2 MiB at a time as slots are used and given
 * back after the burst, or all of it taken once by the mem: thread
 * (queue-reserve). On the development VM the first write into memory the
 * kernel has just handed out runs at 0.3 to 0.8 GB/s, huge pages or not,
 * since the host backs it only then (docs/design.md, "The burst queue"):
 * slower than the disk, so only memory taken ahead holds a fast burst there.
 * Without the region (no address space, or a reload that raised queue-size
 * past it) buffers are mapped one by one.
 */
static void arena_reserve(struct ring *r)
{
	struct ring_queue *q = r->q;
	size_t slots, len;
	uint8_t *p, *a;

	if (r->conf.queue_size <= (uint64_t)q->base * q->bufsize)
		return;
	slots = (size_t)(r->conf.queue_size / q->bufsize) - q->base;
	if (!slots || slots > (SIZE_MAX - 2 * HUGE_PAGE) / q->bufsize)
		return;
	len = (slots * q->bufsize + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	p = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		rlog(r, LOG_INFO, "queue-size: no address space for the burst buffers (%s),"
		     " mapping them one by one", strerror(errno));
		return;
	}
	/* Aligned to a huge page, so that each 2 MiB of it can be one. */
	a = (uint8_t *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1));
	if (a > p)
		munmap(p, (size_t)(a - p));
	if (p + len + HUGE_PAGE > a + len)
		munmap(a + len, (size_t)(p + len + HUGE_PAGE - (a + len)));
	q->slot_state = calloc(slots, 1);
	if (!q->slot_state) {
		munmap(a, len);
		return;
	}
#ifdef MADV_HUGEPAGE
	/* Refused where the kernel has no transparent huge pages: 4 KiB pages then. */
	(void)madvise(a, len, MADV_HUGEPAGE);
#endif
	q->arena = a;
	q->arena_len = len;
	q->arena_slots = slots;
}

/* Under r->lock: the lowest free slot, now used, or -1. */
static long arena_take(struct ring_queue *q)
{
	for (size_t i = q->slot_hint; i < q->arena_slots; i++)
		if (slot_get(q, i) == SLOT_FREE) {
			slot_set(q, i, SLOT_USED);
			q->slot_hint = i + 1;
			return (long)i;
		}
	q->slot_hint = q->arena_slots;
	return -1;
}

/* Under r->lock: slot i is free again. */
static void arena_put(struct ring_queue *q, size_t i)
{
	slot_set(q, i, SLOT_FREE);
	if (i < q->slot_hint)
		q->slot_hint = i;
}

/* The huge pages a slot overlaps: [*lo, *hi) as offsets into the arena. */
static void slot_pages(const struct ring_queue *q, size_t slot, size_t *lo, size_t *hi)
{
	size_t start = slot * q->bufsize, end = start + q->bufsize;

	*lo = start / HUGE_PAGE * HUGE_PAGE;
	*hi = (end + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	if (*hi > q->arena_len)
		*hi = q->arena_len;
}

/* The slots on the huge page at offset pg: [*first, *last]. */
static void page_slots(const struct ring_queue *q, size_t pg, size_t *first, size_t *last)
{
	*first = pg / q->bufsize;
	*last = (pg + HUGE_PAGE - 1) / q->bufsize;
	if (*last >= q->arena_slots)
		*last = q->arena_slots - 1;
}

/* The slots that share a huge page with slot, itself included: [*first, *last]. */
static void slot_neighbours(const struct ring_queue *q, size_t slot, size_t *first, size_t *last)
{
	size_t lo, hi, unused;

	slot_pages(q, slot, &lo, &hi);
	page_slots(q, lo, first, &unused);
	page_slots(q, hi - HUGE_PAGE, &unused, last);
}

/*
 * Under r->lock, from give_back: the free slots on a released slot's huge
 * pages are being given back too, so that a page whose slots were freed at
 * different times still goes back once the last of them does; capture
 * cannot take them meanwhile, and release_chain frees them again.
 */
static void mark_neighbours(struct ring_queue *q, size_t slot)
{
	size_t first, last;

	slot_neighbours(q, slot, &first, &last);
	for (size_t i = first; i <= last; i++)
		if (slot_get(q, i) == SLOT_FREE)
			slot_set(q, i, SLOT_RELEASING);
}

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/*
 * Memory for a slot, without r->lock. Its huge pages may hold parts of
 * neighbouring slots: populating keeps what they hold, and release_chain
 * gives a page back only when every slot on it is being given back.
 */
static int arena_populate(struct ring_queue *q, size_t slot)
{
	size_t lo, hi;

	slot_pages(q, slot, &lo, &hi);
	if (madvise(q->arena + lo, hi - lo, MADV_POPULATE_WRITE) == 0)
		return 0;
	if (errno != EINVAL)
		return -1;
	/* Before Linux 5.14: fault the slot's own pages in by hand. */
	for (size_t o = 0; o < q->bufsize; o += 4096)
		q->arena[slot * q->bufsize + o] = 0;
	return 0;
}

/*
 * Gives back the burst buffers give_back took out of the free list (their
 * slots SLOT_RELEASING), without r->lock held while memory is returned.
 */
static void release_chain(struct ring *r, struct wbuf *chain)
{
	struct ring_queue *q = r->q;

	for (struct wbuf *b = chain; b; b = b->next) {
		size_t lo, hi;

		if (!b->slot)
			continue;
		slot_pages(q, b->slot - 1, &lo, &hi);
		for (size_t pg = lo; pg < hi; pg += HUGE_PAGE) {
			size_t first, last;
			int all = 1;

			page_slots(q, pg, &first, &last);
			for (size_t i = first; i <= last && all; i++)
				all = slot_get(q, i) == SLOT_RELEASING;
			if (all)
				(void)madvise(q->arena + pg, HUGE_PAGE, MADV_DONTNEED);
		}
	}
	/* Every slot give_back marked, the chain's and their neighbours. */
	pthread_mutex_lock(&r->lock);
	for (struct wbuf *b = chain; b; b = b->next) {
		size_t first, last;

		if (!b->slot)
			continue;
		slot_neighbours(q, b->slot - 1, &first, &last);
		for (size_t i = first; i <= last; i++)
			if (slot_get(q, i) == SLOT_RELEASING)
				arena_put(q, i);
	}
	pthread_mutex_unlock(&r->lock);
	free_chain(chain);
}

/*
 * A buffer beyond the write-queue, for a burst: a slot of the arena, or
 * else mapped, not malloc'ed, so that munmap surely returns it (glibc keeps
 * freed heap memory), and populated at once.
 */
static struct wbuf *wbuf_grow(struct ring_queue *q, long slot)
{
	struct wbuf *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	if (slot >= 0) {
		if (arena_populate(q, (size_t)slot) < 0) {
			free(b);
			return NULL;
		}
		b->data = q->arena + (size_t)slot * q->bufsize;
		b->slot = (size_t)slot + 1;
	} else {
		b->data = mmap(NULL, q->bufsize, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (b->data == MAP_FAILED) {
			free(b);
			return NULL;
		}
	}
	b->cap = q->bufsize;
	b->mapped = 1;
	return b;
}

int writer_queue_new(struct ring *r, size_t bufsize, size_t n)
{
	pthread_condattr_t ca;

	r->q = calloc(1, sizeof(*r->q));
	if (!r->q)
		return -1;
	r->q->tail = &r->q->head;
	r->q->wake_fd = -1;
	/* Timed waits measure intervals: a wall-clock step must not stretch them. */
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&r->q->closed, &ca);
	pthread_condattr_destroy(&ca);
	for (size_t i = 0; i < n; i++) {
		struct wbuf *b = calloc(1, sizeof(*b));

		if (!b || !(b->data = malloc(bufsize))) {
			free(b);
			return -1;
		}
		b->cap = bufsize;
		b->next = r->q->free_list;
		r->q->free_list = b;
		r->q->nbufs++;
	}
	r->q->base = r->q->nbufs;
	r->q->bufsize = bufsize;
	arena_reserve(r);
	return 0;
}

void writer_queue_free(struct ring *r)
{
	if (!r->q)
		return;
	if (r->q->wake_fd >= 0)
		close(r->q->wake_fd);
	free_chain(r->q->free_list);
	free_chain(r->q->head);
	if (r->q->arena)
		munmap(r->q->arena, r->q->arena_len);
	free(r->q->slot_state);
	pthread_cond_destroy(&r->q->closed);
	free(r->q);
	r->q = NULL;
}

/* Under r->lock: may the queue take one more buffer (queue-size)? */
static int may_grow(const struct ring *r)
{
	return (r->q->nbufs + 1) * r->q->bufsize <= r->conf.queue_size;
}

struct wbuf *writer_get_buffer(struct ring *r, int *stall)
{
	struct wbuf *b;
	int grow = 0;
	long slot = -1;

	pthread_mutex_lock(&r->lock);
	b = r->q->free_list;
	if (b)
		r->q->free_list = b->next;
	else if (may_grow(r)) {
		r->q->nbufs++;
		grow = 1;
		slot = arena_take(r->q);
	}
	if (grow) {
		/* Counted already, so that the allocation runs without the lock. */
		pthread_mutex_unlock(&r->lock);
		b = wbuf_grow(r->q, slot);
		pthread_mutex_lock(&r->lock);
		if (!b) {
			r->q->nbufs--;
			if (slot >= 0)
				arena_put(r->q, (size_t)slot);
		}
	}
	/*
	 * The last free buffer and no room to grow: capture stops reading the
	 * kernel's ring for now. Packets wait there (buffer-size) instead of
	 * being dropped, and the writer wakes capture up when it returns a buffer.
	 */
	if (b && !r->q->free_list && !may_grow(r) && r->q->wake_fd >= 0 && !r->q->stalled) {
		r->q->stalled = 1;
		r->q->stalls++;
		*stall = 1;
	}
	pthread_mutex_unlock(&r->lock);
	return b;
}

void writer_queue_buffer(struct ring *r, struct wbuf *b)
{
	pthread_mutex_lock(&r->lock);
	*r->q->tail = b;
	r->q->tail = &b->next;
	r->q->queued++;
	if (r->q->queued > r->q->high_water)
		r->q->high_water = r->q->queued;
	/* Bytes, not buffers: the part of a buffer filled before a flush point. */
	r->q->queued_bytes += b->len;
	if (r->q->queued_bytes > r->q->high_water_bytes)
		r->q->high_water_bytes = r->q->queued_bytes;
	pthread_cond_signal(&r->cond);
	pthread_mutex_unlock(&r->lock);
}

void writer_set_wake(struct ring *r, int fd)
{
	pthread_mutex_lock(&r->lock);
	r->q->wake_fd = fd;
	pthread_mutex_unlock(&r->lock);
}

void writer_queue_stats(struct ring *r, struct writer_queue_stats *st)
{
	pthread_mutex_lock(&r->lock);
	st->nbufs = r->q->nbufs;
	st->queued = r->q->queued;
	st->high_water = r->q->high_water;
	st->high_water_bytes = r->q->high_water_bytes;
	st->limit = r->q->base * r->q->bufsize;
	if (r->conf.queue_size > st->limit)
		st->limit = r->q->bufsize ? r->conf.queue_size / r->q->bufsize * r->q->bufsize : 0;
	st->stalls = r->q->stalls;
	st->stalled = r->q->stalled;
	st->reserved = r->conf.queue_reserve ? __atomic_load_n(&r->q->filled, __ATOMIC_RELAXED)
					     : (uint64_t)-1;
	pthread_mutex_unlock(&r->lock);
}

int writer_wait_closes(struct ring *r, uint64_t target, const struct timespec *until)
{
	int ok;

	pthread_mutex_lock(&r->lock);
	while (r->q->closes_done < target)
		if (pthread_cond_timedwait(&r->q->closed, &r->lock, until) == ETIMEDOUT)
			break;
	ok = r->q->closes_done >= target;
	pthread_mutex_unlock(&r->lock);
	if (!ok)
		errno = ETIMEDOUT;
	return ok ? 0 : -1;
}

/* indexer.c: one low-priority thread adopts, repairs, indexes and checks stored files beside capture */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "storage/indexer.h"
#include "addridx.h"
#include "storage/aidxsum.h"
#include "log.h"
#include "pcapfile.h"
#include "pcapidx.h"
#include "prio.h"
#include "ring.h"

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

/* As the writer: a seek point every this many uncompressed bytes. */
#define POINT_EVERY (256 * 1024)
/* How often, in bytes read, the indexer looks whether a writer needs the machine. */
#define YIELD_EVERY (1024 * 1024)
#define MAX_RINGS 256

struct job {
	struct ring *r;
	uint64_t seq;
	uint64_t size;
	enum indexer_job kind;
};

/* A stack of jobs: the newest is taken first. */
struct jobs {
	struct job *q;
	size_t n, max;
};

/*
 * The queue is the only state shared with other threads; its lock guards
 * it and the stats. Repairs wait apart and go first; the rest is a stack,
 * so a ring queued oldest first is indexed newest first, and a file a dump
 * needs is moved to the top (indexer_hurry). Queuing is O(1): the file
 * list's FL_QUEUED flag, set by the caller, keeps a file from being queued
 * twice.
 */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_cond_t idle;	/* a job finished */
	struct jobs repairs, jobs;
	int64_t rate_start_ms;	/* the rate's current window */
	uint64_t rate_bytes;
	int stop;
	int started;
	pthread_t thread;
	struct indexer_stats st;
	struct ring *rings[MAX_RINGS];
	size_t nrings;
} ix = { .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER,
	 .idle = PTHREAD_COND_INITIALIZER };

/* What one pass over a file found. */
struct scan {
	uint8_t header[PCAP_FILE_HDR_LEN];
	int gzip;
	struct pcapidx_point *points;
	size_t npoints, maxpoints;
	uint64_t packets, raw;
	int64_t first_ns, last_ns;
	int damaged;
	char why[800];
	uint64_t good_len;
	uint8_t sha256[32];
	uint64_t size;
};

static int push(struct jobs *js, const struct job *jb)
{
	if (js->n == js->max) {
		size_t n = js->max ? js->max * 2 : 256;
		struct job *nq = realloc(js->q, n * sizeof(*nq));

		if (!nq)
			return -1;
		js->q = nq;
		js->max = n;
	}
	js->q[js->n++] = *jb;
	return 0;
}

int indexer_queue(struct ring *r, uint64_t seq, uint64_t size, enum indexer_job kind)
{
	struct job jb = { r, seq, size, kind };
	int rc;

	pthread_mutex_lock(&ix.lock);
	rc = push(kind == INDEX_REPAIR ? &ix.repairs : &ix.jobs, &jb);
	if (rc == 0) {
		ix.st.files_left++;
		ix.st.bytes_left += size;
		if (ix.nrings < MAX_RINGS) {
			size_t k;

			for (k = 0; k < ix.nrings && ix.rings[k] != r; k++)
				;
			if (k == ix.nrings)
				ix.rings[ix.nrings++] = r;
		}
		pthread_cond_signal(&ix.cond);
	}
	pthread_mutex_unlock(&ix.lock);
	return rc;
}

/* Drops r's jobs from js, keeping the others in their order; returns how many went. */
static size_t drop_ring(struct jobs *js, const struct ring *r)
{
	size_t k = 0, gone = 0;

	for (size_t i = 0; i < js->n; i++) {
		if (js->q[i].r == r) {
			ix.st.bytes_left -= js->q[i].size < ix.st.bytes_left ? js->q[i].size
									  : ix.st.bytes_left;
			gone++;
		} else {
			js->q[k++] = js->q[i];
		}
	}
	js->n = k;
	return gone;
}

void indexer_forget(struct ring *r)
{
	size_t gone, k = 0;

	pthread_mutex_lock(&ix.lock);
	gone = drop_ring(&ix.jobs, r) + drop_ring(&ix.repairs, r);
	ix.st.files_left -= gone < ix.st.files_left ? gone : ix.st.files_left;
	for (size_t i = 0; i < ix.nrings; i++)
		if (ix.rings[i] != r)
			ix.rings[k++] = ix.rings[i];
	ix.nrings = k;
	pthread_mutex_unlock(&ix.lock);
}

int indexer_hurry(struct ring *r, uint64_t seq)
{
	int found = 0;

	pthread_mutex_lock(&ix.lock);
	/* From the top: a dump asks for files near the one it asked for last. */
	for (size_t i = ix.jobs.n; i-- > 0;) {
		struct job jb = ix.jobs.q[i];

		if (jb.r != r || jb.seq != seq)
			continue;
		memmove(&ix.jobs.q[i], &ix.jobs.q[i + 1], (ix.jobs.n - i - 1) * sizeof(jb));
		ix.jobs.q[ix.jobs.n - 1] = jb;
		found = 1;
		break;
	}
	pthread_mutex_unlock(&ix.lock);
	return found;
}

void indexer_wait_idle(void)
{
	pthread_mutex_lock(&ix.lock);
	while (ix.st.files_left && ix.started && !ix.stop)
		pthread_cond_wait(&ix.idle, &ix.lock);
	pthread_mutex_unlock(&ix.lock);
}

void indexer_get_stats(struct indexer_stats *st)
{
	pthread_mutex_lock(&ix.lock);
	*st = ix.st;
	pthread_mutex_unlock(&ix.lock);
	/* A rate not renewed for a while is no longer true. */
	if (!st->files_left)
		st->bytes_per_sec = 0;
}

/*
 * Repairs first (a crash file holds the newest packets and is not sealed),
 * then the newest file: that is what an operator asks about first.
 */
static int take(struct job *jb)
{
	struct jobs *js;

	pthread_mutex_lock(&ix.lock);
	while (!ix.repairs.n && !ix.jobs.n && !ix.stop)
		pthread_cond_wait(&ix.cond, &ix.lock);
	if (ix.stop) {
		pthread_mutex_unlock(&ix.lock);
		return 0;
	}
	js = ix.repairs.n ? &ix.repairs : &ix.jobs;
	*jb = js->q[--js->n];
	pthread_mutex_unlock(&ix.lock);
	return 1;
}

static int64_t mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void done_job(const struct job *jb, int damaged)
{
	pthread_mutex_lock(&ix.lock);
	ix.st.files_left--;
	ix.st.bytes_left -= jb->size < ix.st.bytes_left ? jb->size : ix.st.bytes_left;
	ix.st.files_done++;
	ix.st.bytes_done += jb->size;
	ix.st.damaged += damaged;
	/* The rate over windows of about 2 s, for the backlog's time left. */
	{
		int64_t now = mono_ms();

		ix.rate_bytes += jb->size;
		if (!ix.rate_start_ms) {
			ix.rate_start_ms = now;
			ix.rate_bytes = 0;
		} else if (now - ix.rate_start_ms >= 2000) {
			ix.st.bytes_per_sec = ix.rate_bytes * 1000 / (uint64_t)(now - ix.rate_start_ms);
			ix.rate_start_ms = now;
			ix.rate_bytes = 0;
		}
		if (!ix.st.files_left)
			ix.rate_start_ms = 0;
	}
	pthread_cond_broadcast(&ix.idle);
	pthread_mutex_unlock(&ix.lock);
}

static int stopping(void)
{
	int stop;

	pthread_mutex_lock(&ix.lock);
	stop = ix.stop;
	pthread_mutex_unlock(&ix.lock);
	return stop;
}

/* Waits while any ring's writer has work queued: old files never cost live capture. */
static void yield_to_writers(void)
{
	for (;;) {
		size_t busy = 0, n;

		pthread_mutex_lock(&ix.lock);
		n = ix.nrings;
		pthread_mutex_unlock(&ix.lock);
		for (size_t i = 0; i < n && !busy; i++) {
			struct writer_queue_stats qs;

			writer_queue_stats(ix.rings[i], &qs);
			busy = qs.queued > 1 || qs.stalled;
		}
		if (!busy || stopping())
			return;
		nanosleep(&(struct timespec){ 0, 5 * 1000 * 1000 }, NULL);
	}
}

static int add_point(struct scan *sc, const struct pcapidx_point *p)
{
	if (sc->npoints == sc->maxpoints) {
		size_t n = sc->maxpoints ? sc->maxpoints * 2 : 64;
		struct pcapidx_point *np = realloc(sc->points, n * sizeof(*np));

		if (!np)
			return -1;
		sc->points = np;
		sc->maxpoints = n;
	}
	sc->points[sc->npoints++] = *p;
	return 0;
}

/* The address index the same pass builds, under a temporary name until it is complete. */
struct aidx_out {
	int dirfd;
	char tmp[300];
	struct addridx_writer w;
};

/* Its header, once the file's link type is known; without one the pass goes on. */
static void aidx_begin(struct aidx_out *ao, const struct pcapfile_info *info)
{
	addridx_writer_abort(&ao->w);
	if (addridx_writer_open(&ao->w, ao->dirfd, ao->tmp, (int)(info->linktype & 0x03ffffff),
				info->gzip) == 0)
		ao->w.nosync = 1;
}

/* A seek point: the block before it is on disk already, its set goes out at once. */
static int scan_point(struct scan *sc, struct aidx_out *ao, const struct pcapidx_point *p)
{
	addridx_writer_point(&ao->w, p);
	addridx_writer_flush(&ao->w);
	return add_point(sc, p);
}

/*
 * One sequential pass: records, seek points, times, addresses and (hash)
 * the SHA-256 of every byte; without the hash, size is the file's on disk.
 * -1 with ECANCELED when the daemon stops half-way.
 */
static int scan_file(int fd, const char *name, struct scan *sc, struct aidx_out *ao, int hash)
{
	struct pcapfile_rec rec;
	struct pcapfile *pf;
	uint64_t last_point = 0, since_yield = 0;
	int damaged = 0, rc;

	free(sc->points);
	memset(sc, 0, sizeof(*sc));
	lseek(fd, 0, SEEK_SET);
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	pf = pcapfile_open(fd, name, hash ? PCAPFILE_HASH : 0, sc->why, sizeof(sc->why), &damaged);
	if (!pf) {
		if (!damaged)
			return -1;
		/* No usable header: nothing can be read; run_job still hashes the bytes. */
		sc->damaged = 1;
		return 1;
	}
	memcpy(sc->header, pcapfile_info(pf)->header, PCAP_FILE_HDR_LEN);
	aidx_begin(ao, pcapfile_info(pf));
	sc->gzip = pcapfile_info(pf)->gzip;
	sc->raw = PCAP_FILE_HDR_LEN;
	while ((rc = pcapfile_next(pf, &rec)) == PCAPFILE_OK) {
		if (!sc->packets) {
			if (scan_point(sc, ao, &(struct pcapidx_point){ rec.ns, 0, 0, 0 }) < 0)
				goto nomem;
			sc->first_ns = rec.ns;
		} else if (rec.point_off && rec.raw_off - last_point >= POINT_EVERY) {
			struct pcapidx_point p = { rec.ns, rec.point_off, rec.raw_off, sc->packets };

			if (scan_point(sc, ao, &p) < 0)
				goto nomem;
			last_point = rec.raw_off;
		}
		addridx_writer_packet(&ao->w, rec.data, rec.caplen);
		sc->last_ns = rec.ns;
		sc->packets++;
		sc->raw = rec.raw_off + PCAP_REC_HDR_LEN + rec.caplen;
		since_yield += PCAP_REC_HDR_LEN + rec.caplen;
		if (since_yield >= YIELD_EVERY) {
			since_yield = 0;
			yield_to_writers();
			if (stopping()) {
				/*
				 * No index of the part read (an earlier build wrote
				 * one, and logged it as the file's): the next start
				 * indexes the file whole.
				 */
				pcapfile_close(pf);
				posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
				errno = ECANCELED;
				return -1;
			}
		}
	}
	if (rc == PCAPFILE_ERROR) {
		snprintf(sc->why, sizeof(sc->why), "%s", pcapfile_error(pf));
		pcapfile_close(pf);
		return -1;
	}
	if (rc == PCAPFILE_DAMAGED) {
		sc->damaged = 1;
		snprintf(sc->why, sizeof(sc->why), "%s", pcapfile_error(pf));
	}
	sc->good_len = pcapfile_good_len(pf);
	if (hash) {
		rc = pcapfile_hash(pf, sc->sha256, &sc->size);
	} else {
		struct stat st;

		rc = fstat(fd, &st);
		sc->size = rc == 0 ? (uint64_t)st.st_size : 0;
	}
	pcapfile_close(pf);
	posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
	return rc < 0 ? -1 : 1;
nomem:
	pcapfile_close(pf);
	snprintf(sc->why, sizeof(sc->why), "%s: out of memory", name);
	return -1;
}

struct rename {
	struct ring *r;
	const char *tmp, *idx;
};

static int rename_index(struct filelist_file *f, void *arg)
{
	const struct rename *rn = arg;

	(void)f;
	return renameat(rn->r->dirfd, rn->tmp, rn->r->dirfd, rn->idx);
}

/*
 * Writes NAME.idx anew (through a temporary name) if the file is still the
 * ring's. Not synced: an index the indexer wrote can always be written
 * again from its file, and one lost or torn by a crash is (a sync per file
 * was most of the time per small file).
 */
static int write_index(struct ring *r, uint64_t seq, const char *name, const struct scan *sc,
		       const struct pcapidx_summary *sum)
{
	struct pcapidx_writer w;
	char tmp[300], idx[300];
	struct rename rn = { r, tmp, idx };
	int rc = -1;

	snprintf(tmp, sizeof(tmp), ".%s.idx.tmp", name);
	snprintf(idx, sizeof(idx), "%s.idx", name);
	if (pcapidx_writer_open(&w, r->dirfd, tmp, sc->header, sc->gzip) < 0)
		return -1;
	w.nosync = 1;
	for (size_t i = 0; i < sc->npoints; i++)
		pcapidx_writer_point(&w, &sc->points[i]);
	if (pcapidx_writer_finish(&w, sum) < 0) {
		unlinkat(r->dirfd, tmp, 0);
		return -1;
	}
	/* Retention deletes under the list's lock: an index never outlives its file. */
	if (filelist_update(r->files, seq, rename_index, &rn) == 0)
		rc = 0;
	if (rc < 0)
		unlinkat(r->dirfd, tmp, 0);
	return rc;
}

static int unlink_both(struct filelist_file *f, void *arg)
{
	struct ring *r = arg;
	char idx[300];

	snprintf(idx, sizeof(idx), "%s.idx", f->name);
	unlinkat(r->dirfd, f->name, 0);
	unlinkat(r->dirfd, idx, 0);
	snprintf(idx, sizeof(idx), "%s.aidx", f->name);
	unlinkat(r->dirfd, idx, 0);
	return 0;
}

static void drop_file(struct ring *r, uint64_t seq, const char *name, const char *why)
{
	filelist_remove(r->files, seq, unlink_both, r);
	rlog(r, LOG_NOTICE, "removed %s: %s", name, why);
}

static int unqueue(struct filelist_file *f, void *arg)
{
	(void)arg;
	f->flags &= ~(unsigned)FL_QUEUED;
	return 0;
}

/* What one pass found, for the list: the seal is never replaced. */
struct found {
	const struct scan *sc;
	const uint8_t *seal;
	uint64_t seal_size;
	int damaged;
};

static int store_found(struct filelist_file *f, void *arg)
{
	const struct found *fd = arg;

	f->flags |= FL_META | FL_SHA;
	f->flags &= ~(unsigned)(FL_REPAIR | FL_QUEUED | FL_DAMAGED);
	f->packets = fd->sc->packets;
	f->first_ns = fd->sc->first_ns;
	f->last_ns = fd->sc->last_ns;
	f->size = fd->sc->size;
	memcpy(f->sha256, fd->seal, 32);
	f->seal_size = fd->seal_size;
	if (fd->damaged) {
		f->flags |= FL_DAMAGED;
		snprintf(f->damage, sizeof(f->damage), "%.199s", fd->sc->why);
	}
	return 0;
}

static void hex(const uint8_t d[32], char out[65])
{
	sha256_hex(d, out);
}

/*
 * NAME.aidx from the same pass, bound to the file as the time index is; a
 * pass cut short by a stop leaves none (it would say less than the file holds).
 */
/*
 * The finished index at tmp gets its postings, written to a second
 * temporary name and moved over the first; without them (no memory, say)
 * the index is still good, only slower to ask.
 */
static void add_postings(int dirfd, const char *tmp, const struct pcapidx_identity *id)
{
	char tmp2[310];

	snprintf(tmp2, sizeof(tmp2), "%s.p", tmp);
	if (addridx_write_postings(dirfd, tmp, tmp2, id) == 0 && renameat(dirfd, tmp2, dirfd, tmp) < 0)
		unlinkat(dirfd, tmp2, 0);
}

static void write_aidx(struct ring *r, uint64_t seq, const char *name, struct aidx_out *ao,
		       const struct pcapidx_summary *sum)
{
	char aidx[300];
	struct rename rn = { r, ao->tmp, aidx };
	int rc;

	snprintf(aidx, sizeof(aidx), "%s.aidx", name);
	if (ao->w.fd < 0 || !sum->has_identity || stopping())
		return;
	rc = addridx_writer_finish(&ao->w, &sum->id);
	if (rc == 0)
		add_postings(ao->dirfd, ao->tmp, &sum->id);
	if ((rc < 0 || filelist_update(r->files, seq, rename_index, &rn) < 0) && errno != ENOENT)
		rlog(r, LOG_WARNING, "cannot write the address index of %s: %s", name,
		     strerror(errno));
	else
		aidxsum_load(r, seq, name, 0);	/* the new union replaces what memory had */
}

static int run_job(const struct job *jb, struct scan *sc, struct aidx_out *ao)
{
	struct ring *r = jb->r;
	struct pcapidx_summary sum = { 0 };
	struct filelist_file f;
	struct found fnd;
	char name[256], sealed_hex[65], found_hex[65];
	uint8_t seal[32];
	uint64_t seal_size;
	int has_seal, fd, damaged = 0, was_damaged, aidx_only, rc;
	enum indexer_job kind = jb->kind;

	if (filelist_get(r->files, jb->seq, &f) < 0)
		return 0;
	if (f.flags & FL_OPEN) {
		filelist_update(r->files, jb->seq, unqueue, NULL);
		return 0;
	}
	snprintf(name, sizeof(name), "%s", f.name);
	snprintf(ao->tmp, sizeof(ao->tmp), ".%s.aidx.tmp", name);
	has_seal = !!(f.flags & FL_SHA);
	memcpy(seal, f.sha256, 32);
	seal_size = f.seal_size;
	was_damaged = !!(f.flags & FL_DAMAGED);
	if (f.flags & FL_REPAIR)
		kind = INDEX_REPAIR;

	fd = pcapfile_openat(r->dirfd, name, kind == INDEX_REPAIR ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;	/* retention took it meanwhile */
		rlog(r, LOG_WARNING, "cannot read %s: %s", name,
		     errno == EINVAL ? "not a regular file" : strerror(errno));
		filelist_update(r->files, jb->seq, unqueue, NULL);
		return 0;
	}
	/*
	 * The address index alone: the time index is this file's and sealed,
	 * so the bytes are not hashed again (pktctl reindex and verify check
	 * the seal: half of the pass's CPU at 1500 bytes). A file that reads
	 * otherwise than its time index says is checked whole against its
	 * seal, as any rebuild is.
	 */
	aidx_only = kind == INDEX_AIDX && has_seal && !was_damaged;
	/* What the thread is at, for an operator whose adoption seems slow (and adopt-hash.sh). */
	rlog(r, LOG_DEBUG, "indexing %s (%llu bytes%s)", name, (unsigned long long)jb->size,
	     kind == INDEX_REPAIR ? ", a repair" : aidx_only ? ", its addresses" : "");
	rc = scan_file(fd, name, sc, ao, !aidx_only);
	if (aidx_only && rc > 0 &&
	    (sc->damaged || sc->size != seal_size || sc->packets != f.packets ||
	     sc->first_ns != f.first_ns || sc->last_ns != f.last_ns)) {
		rlog(r, LOG_DEBUG, "%s reads otherwise than its time index says; checking it against its seal",
		     name);
		aidx_only = 0;
		rc = scan_file(fd, name, sc, ao, 1);
	}
	if (rc > 0 && sc->damaged && !sc->size)
		/* No readable header: the bytes still have a hash. */
		rc = lseek(fd, 0, SEEK_SET) < 0 || sha256_fd(fd, sc->sha256, &sc->size) < 0 ? -1 : 1;
	if (rc < 0) {
		if (errno == ECANCELED)	/* the daemon is stopping */
			rlog(r, LOG_DEBUG, "%s: indexing stopped half-way, again at the next start", name);
		else
			rlog(r, LOG_WARNING, "cannot index %s: %s", name, *sc->why ? sc->why : strerror(errno));
		close(fd);
		filelist_update(r->files, jb->seq, unqueue, NULL);
		return 0;
	}
	if (kind == INDEX_REPAIR) {
		/* Only the file a crash left open is ever cut, and only back to its last whole record. */
		if (sc->damaged) {
			uint64_t was = sc->size;

			if (sc->good_len <= PCAP_FILE_HDR_LEN || !sc->packets) {
				close(fd);
				drop_file(r, jb->seq, name, "nothing whole in it");
				return 0;
			}
			if (ftruncate(fd, (off_t)sc->good_len) < 0) {
				rlog(r, LOG_WARNING, "cannot cut %s: %s", name, strerror(errno));
				close(fd);
				return 0;
			}
			rlog(r, LOG_NOTICE, "%s was not closed cleanly: cut after its last %s (%llu bytes dropped)",
			     name, sc->gzip ? "complete gzip member" : "whole record",
			     (unsigned long long)(was - sc->good_len));
			rlog(r, LOG_DEBUG, "what the repair found: %s", sc->why);
			rc = scan_file(fd, name, sc, ao, 1);
			if (rc < 0 && errno == ECANCELED) {
				rlog(r, LOG_DEBUG, "%s: indexing stopped half-way, again at the next start", name);
				close(fd);
				return 0;
			}
			if (rc < 0 || sc->damaged) {
				rlog(r, LOG_WARNING, "%s: still unreadable after the repair: %s", name, sc->why);
				close(fd);
				return 0;
			}
		}
		if (fchmod(fd, 0440) < 0)
			rlog(r, LOG_WARNING, "cannot seal %s: %s", name, strerror(errno));
		has_seal = 0;
	}
	/* Binds the new index to this file: its name and its ends as they are now. */
	sum.has_identity = pcapidx_identify(fd, name, sc->size, &sum.id) == 0;
	close(fd);
	if (aidx_only) {
		/* NAME.idx stays as it is: it is the file's, and says what this pass found. */
		rlog(r, LOG_DEBUG, "indexed the addresses of %s (%llu packets)", name,
		     (unsigned long long)sc->packets);
		write_aidx(r, jb->seq, name, ao, &sum);
		fnd = (struct found){ sc, seal, seal_size, 0 };
		filelist_update(r->files, jb->seq, store_found, &fnd);
		return 0;
	}

	if (!has_seal) {
		/* First seal of this file: what it holds now. */
		memcpy(seal, sc->sha256, 32);
		seal_size = sc->size;
		if (sc->damaged)
			rlog(r, LOG_WARNING, "%s had no seal and is damaged: %s", name, sc->why);
		damaged = sc->damaged;
	} else if (sc->size != seal_size || memcmp(sc->sha256, seal, 32)) {
		hex(seal, sealed_hex);
		hex(sc->sha256, found_hex);
		if (!was_damaged)
			rlog(r, LOG_WARNING, "%s no longer matches its seal: %llu bytes, sha256 %s; sealed %llu bytes, sha256 %s%s%s",
			     name, (unsigned long long)sc->size, found_hex,
			     (unsigned long long)seal_size, sealed_hex, sc->damaged ? "; " : "",
			     sc->damaged ? sc->why : "");
		damaged = 1;
		if (!sc->damaged)
			snprintf(sc->why, sizeof(sc->why), "%s: %llu bytes with sha256 %.16s..., sealed as %llu bytes with sha256 %.16s...",
				 name, (unsigned long long)sc->size, found_hex,
				 (unsigned long long)seal_size, sealed_hex);
	} else if (sc->damaged) {
		/* Sealed damaged: the seal itself covers a damaged file (damage older than the seal). */
		damaged = 1;
	}

	/* The index describes what can still be read; the seal is never replaced. */
	sum.first_ns = sc->first_ns;
	sum.last_ns = sc->last_ns;
	sum.packets = sc->packets;
	sum.raw_bytes = sc->raw;
	sum.size = seal_size;
	memcpy(sum.sha256, seal, 32);
	sum.flags = damaged ? PCAPIDX_DAMAGED : 0;
	if (write_index(r, jb->seq, name, sc, &sum) < 0 && errno != ENOENT)
		rlog(r, LOG_WARNING, "cannot write the index of %s: %s", name, strerror(errno));
	else if (!damaged)
		/* Debug: at thousands of files a second a line each would be the cost. */
		rlog(r, LOG_DEBUG, "indexed %s (%llu packets)%s", name, (unsigned long long)sc->packets,
		     has_seal ? ", matches its seal" : "");
	write_aidx(r, jb->seq, name, ao, &sum);

	fnd = (struct found){ sc, seal, seal_size, damaged };
	filelist_update(r->files, jb->seq, store_found, &fnd);
	return damaged;
}

/*
 * A file the writer just sealed: its NAME.aidx gets its postings, through
 * a temporary name renamed under the list's lock as a rebuild's. An index
 * that is not the file's, or has them already, is left as it is.
 */
static void run_postings(const struct job *jb, struct aidx_out *ao)
{
	struct ring *r = jb->r;
	struct filelist_file f;
	struct pcapidx_identity id;
	char aidx[300];
	struct rename rn = { r, ao->tmp, aidx };
	struct stat st;
	int fd, rc;

	if (filelist_get(r->files, jb->seq, &f) < 0 || (f.flags & (FL_OPEN | FL_REPAIR)))
		return;
	fd = pcapfile_openat(r->dirfd, f.name, O_RDONLY);
	if (fd < 0)
		return;
	rc = fstat(fd, &st) == 0 ? pcapidx_identify(fd, f.name, (uint64_t)st.st_size, &id) : -1;
	close(fd);
	snprintf(aidx, sizeof(aidx), "%s.aidx", f.name);
	snprintf(ao->tmp, sizeof(ao->tmp), ".%s.aidx.tmp", f.name);
	if (rc < 0 || addridx_write_postings(r->dirfd, aidx, ao->tmp, &id) != 0)
		return;
	if (filelist_update(r->files, jb->seq, rename_index, &rn) < 0 && errno != ENOENT)
		rlog(r, LOG_WARNING, "cannot add the postings to %s: %s", aidx, strerror(errno));
}

static void *indexer_main(void *arg)
{
	struct scan sc = { 0 };
	struct job jb;

	(void)arg;
	prio_idle_self("indexer");
	while (take(&jb)) {
		struct aidx_out ao = { .dirfd = jb.r->dirfd, .w.fd = -1 };
		int damaged = 0;

		if (jb.kind == INDEX_POSTINGS) {
			yield_to_writers();
			run_postings(&jb, &ao);
		} else {
			damaged = run_job(&jb, &sc, &ao);
		}

		/* Whatever run_job left unfinished: the writer and its temporary file. */
		addridx_writer_abort(&ao.w);
		if (*ao.tmp)
			unlinkat(ao.dirfd, ao.tmp, 0);
		done_job(&jb, damaged > 0);
	}
	free(sc.points);
	return NULL;
}

int indexer_start(void)
{
	int err = pthread_create(&ix.thread, NULL, indexer_main, NULL);

	if (err) {
		log_err("cannot start the indexer thread: %s", strerror(err));
		return -1;
	}
	ix.started = 1;
	return 0;
}

void indexer_request_stop(void)
{
	if (!ix.started)
		return;
	pthread_mutex_lock(&ix.lock);
	ix.stop = 1;
	pthread_cond_broadcast(&ix.cond);
	pthread_mutex_unlock(&ix.lock);
}

void indexer_stop(void)
{
	if (!ix.started)
		return;
	indexer_request_stop();
	pthread_join(ix.thread, NULL);
	/*
	 * Under the lock: writers still seal files while the daemon shuts down,
	 * and each seal queues its postings (indexer_queue), which must find the
	 * queue either whole or empty, never being freed.
	 */
	pthread_mutex_lock(&ix.lock);
	ix.started = 0;
	ix.stop = 0;
	free(ix.jobs.q);
	free(ix.repairs.q);
	memset(&ix.jobs, 0, sizeof(ix.jobs));
	memset(&ix.repairs, 0, sizeof(ix.repairs));
	ix.rate_start_ms = 0;
	ix.nrings = 0;
	memset(&ix.st, 0, sizeof(ix.st));
	pthread_mutex_unlock(&ix.lock);
}

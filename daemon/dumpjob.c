/* dumpjob.c: read a ring's files in order, including the one being written, and select by time */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "pcapidx.h"

#include "dumpjob.h"
#include "log.h"
#include "ring.h"

/* Work done per call, so capture in the same loop never waits long. */
#define READ_BUDGET (1024 * 1024)
#define RBUF_SIZE (2 * 1024 * 1024)
#define MAX_RECORD (262144 + 16)
#define ZIN_SIZE (256 * 1024)

struct dump_job {
	struct ring *r;
	int64_t since, until;
	int follow;
	uint64_t next_seq;	/* the next file to read has a sequence >= this */
	/* The file being read. */
	int fd;
	int gz;			/* inflate the file through zs */
	z_stream zs;
	uint8_t *zin;		/* compressed bytes read, not yet inflated */
	int zend;		/* the gzip stream ended */
	uint64_t seq;
	int nano;		/* this file's precision */
	int header_read;
	uint8_t *rbuf;		/* bytes read from the file, not yet parsed */
	size_t rlen;
	/* The stream. */
	int sent_header;
	int out_nano;
	uint64_t packets;
	int finished;		/* a packet at or after --until was seen */
};

static struct ring *pick_ring(struct daemon *d, const char *want, char *err, size_t errlen)
{
	struct ring *found = NULL;
	int n = 0;

	for (size_t i = 0; i < d->nrings; i++) {
		if (ring_matches(d->rings[i], want)) {
			found = d->rings[i];
			n++;
		}
	}
	if (n == 1)
		return found;
	if (n == 0)
		snprintf(err, errlen, "no ring \"%s\" (pktctl status lists them)", want);
	else
		snprintf(err, errlen, "%d rings match \"%s\": name one as INTERFACE/PROFILE (pktctl status lists them)",
			 n, *want ? want : "");
	return NULL;
}

struct dump_job *dump_job_new(struct daemon *d, const struct proto_request *req, char *err,
			      size_t errlen)
{
	struct ring *r = pick_ring(d, req->ring, err, errlen);
	struct dump_job *j;

	if (!r)
		return NULL;
	j = calloc(1, sizeof(*j));
	if (!j || !(j->rbuf = malloc(RBUF_SIZE)) || !(j->zin = malloc(ZIN_SIZE))) {
		if (j)
			free(j->rbuf);
		free(j);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	j->r = r;
	j->since = req->since;
	j->until = req->until;
	j->follow = req->follow;
	j->fd = -1;
	return j;
}

uint64_t dump_job_packets(const struct dump_job *j)
{
	return j->packets;
}

static void close_file(struct dump_job *j)
{
	if (j->gz)
		inflateEnd(&j->zs);
	if (j->fd >= 0)
		close(j->fd);
	j->gz = 0;
	j->fd = -1;
	j->rlen = 0;
	j->header_read = 0;
}

void dump_job_free(struct dump_job *j)
{
	if (!j)
		return;
	close_file(j);
	free(j->rbuf);
	free(j->zin);
	free(j);
}

static int64_t file_first(const struct ring_file *f)
{
	int64_t sec;

	if (f->meta && f->packets)
		return f->first_ns;
	sec = storage_name_time(f->name);
	return sec > 0 ? sec * 1000000000 : 0;
}

/*
 * With an index, starts reading at the last seek point before --since
 * instead of the beginning: only the window and at most one point's worth
 * of packets before it are read. Returns 0 when positioned, -1 to read
 * from the start.
 */
static int seek_index(struct dump_job *j, const char *name)
{
	const struct pcapidx_point *p;
	struct pcapidx idx;
	char iname[300];
	int rc = -1;

	snprintf(iname, sizeof(iname), "%s.idx", name);
	if (pcapidx_load(j->r->dirfd, iname, &idx) < 0)
		return -1;
	p = pcapidx_seek(&idx, j->since);
	if (p && p->off && lseek(j->fd, (off_t)p->off, SEEK_SET) == (off_t)p->off) {
		/* A gzip ring's point is the start of a member: inflate starts there cold. */
		if (!j->gz || inflateInit2(&j->zs, 15 + 16) == Z_OK) {
			uint32_t magic;

			memcpy(&magic, idx.pcap_header, 4);
			j->nano = magic == 0xa1b23c4d;
			log_ring(LOG_DEBUG, j->r->iface, j->r->profile,
				 "dump: %s: starting at byte %llu (index point)", name,
				 (unsigned long long)p->off);
			/* The file header is not where we start reading: take it from the index. */
			memcpy(j->rbuf, idx.pcap_header, 24);
			j->rlen = 24;
			rc = 0;
		}
	}
	pcapidx_free(&idx);
	if (rc < 0)
		lseek(j->fd, 0, SEEK_SET);
	return rc;
}

/*
 * Opens the next file that can hold packets of the window. Returns 1 when
 * one is open, 0 when there is none yet, -1 when none can come any more.
 */
static int open_next(struct dump_job *j)
{
	struct ring *r = j->r;
	char name[256] = "";
	int64_t first = 0;
	int gz = 0, found = 0;

	pthread_mutex_lock(&r->lock);
	for (size_t i = 0; i < r->nfiles; i++) {
		struct ring_file *f = &r->files[i];

		if (f->ret.seq < j->next_seq)
			continue;
		/* A closed file whose last packet is before the window is not read at all. */
		if (j->since && f->meta && !f->ret.open && f->packets && f->last_ns < j->since)
			continue;
		/* Every packet of f is older than the next file's first: skip it whole. */
		if (j->since && i + 1 < r->nfiles && file_first(&r->files[i + 1]) &&
		    file_first(&r->files[i + 1]) < j->since - 1000000000LL)
			continue;
		snprintf(name, sizeof(name), "%s", f->name);
		j->seq = f->ret.seq;
		first = file_first(f);
		gz = strstr(f->name, ".pcap.gz") != NULL;
		found = 1;
		break;
	}
	pthread_mutex_unlock(&r->lock);
	if (!found)
		return j->follow ? 0 : -1;
	/* Names carry whole seconds: a file named after the window ended cannot match. */
	if (j->until && first >= j->until + 1000000000LL)
		return -1;
	j->next_seq = j->seq + 1;
	j->fd = openat(r->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (j->fd < 0)
		return 1;	/* deleted by retention meanwhile: go on with the next */
	j->gz = gz;
	j->zend = 0;
	memset(&j->zs, 0, sizeof(j->zs));
	if (j->since && seek_index(j, name) == 0)
		return 1;
	/* From the start: 15 + 16 reads the gzip wrapper. */
	if (gz && inflateInit2(&j->zs, 15 + 16) != Z_OK) {
		close(j->fd);
		j->fd = -1;
		j->gz = 0;
	}
	return 1;
}

static int is_open_in_ring(struct dump_job *j)
{
	struct ring *r = j->r;
	int open = 0;

	pthread_mutex_lock(&r->lock);
	for (size_t i = 0; i < r->nfiles; i++)
		if (r->files[i].ret.seq == j->seq)
			open = r->files[i].ret.open;
	pthread_mutex_unlock(&r->lock);
	return open;
}

/* Reads more of the current file into rbuf; returns bytes read, 0 at its end now. */
static ssize_t fill_rbuf(struct dump_job *j)
{
	size_t room = RBUF_SIZE - j->rlen;
	ssize_t n;

	if (!room)
		return 0;
	if (j->gz) {
		j->zs.next_out = j->rbuf + j->rlen;
		j->zs.avail_out = (uInt)room;
		while (j->zs.avail_out == room && !j->zend) {
			int zrc;

			if (!j->zs.avail_in) {
				ssize_t got = read(j->fd, j->zin, ZIN_SIZE);

				/* At the end of a file still being written: look again later. */
				if (got <= 0)
					break;
				j->zs.next_in = j->zin;
				j->zs.avail_in = (uInt)got;
			}
			zrc = inflate(&j->zs, Z_SYNC_FLUSH);
			/* One member ends, the next (maybe not written yet) follows. */
			if (zrc == Z_STREAM_END)
				inflateReset(&j->zs);
			else if (zrc != Z_OK && zrc != Z_BUF_ERROR)
				j->zend = 1;	/* damaged: what came out is all there is */
		}
		n = (ssize_t)(room - j->zs.avail_out);
	} else {
		n = read(j->fd, j->rbuf + j->rlen, room);
	}
	if (n < 0)
		return 0;
	j->rlen += (size_t)n;
	return n;
}

static void put_header(struct dump_job *j, uint8_t *out, size_t *len, const uint8_t *hdr)
{
	memcpy(out + *len, hdr, 24);
	*len += 24;
	j->out_nano = j->nano;
	j->sent_header = 1;
}

/* The end of the selection; a stream without packets still gets its header. */
static int done(struct dump_job *j, uint8_t *out, size_t *len)
{
	if (!j->sent_header) {
		uint32_t magic;

		memcpy(&magic, j->r->header, 4);
		j->nano = magic == 0xa1b23c4d;
		put_header(j, out, len, j->r->header);
	}
	j->finished = 1;
	return DUMP_DONE;
}

int dump_job_fill(struct dump_job *j, uint8_t *out, size_t max, size_t *len)
{
	size_t budget = READ_BUDGET;

	*len = 0;
	if (j->finished)
		return done(j, out, len);
	while (*len < max && budget) {
		size_t off = 0;
		ssize_t n;

		if (j->fd < 0) {
			int rc = open_next(j);

			if (rc < 0)
				return done(j, out, len);
			if (rc == 0)
				return *len ? DUMP_MORE : DUMP_WAIT;
			if (j->fd < 0)
				continue;
		}
		n = fill_rbuf(j);
		budget = (size_t)n < budget ? budget - (size_t)n : 0;
		if (!j->header_read) {
			uint32_t magic;

			if (j->rlen < 24) {
				if (n > 0)
					continue;
				/* A file with no header yet is being created: wait, or move on. */
				if (is_open_in_ring(j))
					return *len ? DUMP_MORE : (j->follow ? DUMP_WAIT : done(j, out, len));
				close_file(j);
				continue;
			}
			memcpy(&magic, j->rbuf, 4);
			if (magic != 0xa1b2c3d4 && magic != 0xa1b23c4d) {
				log_ring(LOG_WARNING, j->r->iface, j->r->profile,
					 "dump: skipping a file with a bad header (sequence %llu)",
					 (unsigned long long)j->seq);
				close_file(j);
				continue;
			}
			j->nano = magic == 0xa1b23c4d;
			if (!j->sent_header)
				put_header(j, out, len, j->rbuf);
			j->header_read = 1;
			off = 24;
		}
		while (j->rlen - off >= 16) {
			uint32_t rec[4];
			int64_t ns;

			memcpy(rec, j->rbuf + off, 16);
			if (rec[2] > MAX_RECORD) {
				off = j->rlen;	/* damaged: the rest of this file is unusable */
				break;
			}
			if (j->rlen - off < 16 + (size_t)rec[2])
				break;
			ns = (int64_t)rec[0] * 1000000000 + (int64_t)rec[1] * (j->nano ? 1 : 1000);
			/* Files are in time order: nothing after this can be in the window. */
			if (j->until && ns >= j->until) {
				close_file(j);
				j->finished = 1;
				return *len ? DUMP_MORE : done(j, out, len);
			}
			if ((!j->since || ns >= j->since) && (!j->until || ns < j->until)) {
				/* The stream keeps the first file's precision. */
				if (j->nano != j->out_nano)
					rec[1] = j->out_nano ? rec[1] * 1000 : rec[1] / 1000;
				memcpy(out + *len, rec, 16);
				memcpy(out + *len + 16, j->rbuf + off + 16, rec[2]);
				*len += 16 + rec[2];
				j->packets++;
			}
			off += 16 + rec[2];
			if (*len >= max)
				break;
		}
		memmove(j->rbuf, j->rbuf + off, j->rlen - off);
		j->rlen -= off;
		if (n == 0 && *len < max) {
			/* The end of what is on disk: a closed file is done, an open one may grow. */
			if (is_open_in_ring(j) || (j->follow && !j->r->nfiles)) {
				int newer;

				pthread_mutex_lock(&j->r->lock);
				newer = j->r->nfiles && j->r->files[j->r->nfiles - 1].ret.seq > j->seq;
				pthread_mutex_unlock(&j->r->lock);
				if (!newer)
					return *len ? DUMP_MORE : (j->follow ? DUMP_WAIT : done(j, out, len));
			}
			close_file(j);
		}
	}
	return DUMP_MORE;
}

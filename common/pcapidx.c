/* pcapidx.c: encode and load the sidecar time index of a capture file */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "bytes.h"
#include "pcapidx.h"
#include "sha256.h"

void pcapidx_header(uint8_t out[PCAPIDX_HDR_LEN], const uint8_t pcap_header[24], int gzip)
{
	memset(out, 0, PCAPIDX_HDR_LEN);
	memcpy(out, "PKIX", 4);
	out[4] = PCAPIDX_VERSION;
	out[6] = gzip ? PCAPIDX_GZIP : 0;
	memcpy(out + 8, pcap_header, 24);
}

static void seal(uint8_t *rec, uint32_t type)
{
	bytes_put32(rec, type);
	bytes_put32(rec + 4, (uint32_t)crc32(0, rec + 8, PCAPIDX_REC_LEN - 8));
}

void pcapidx_point_rec(uint8_t out[PCAPIDX_REC_LEN], const struct pcapidx_point *p)
{
	memset(out, 0, PCAPIDX_REC_LEN);
	bytes_put64(out + 8, (uint64_t)p->first_ns);
	bytes_put64(out + 16, p->off);
	bytes_put64(out + 24, p->raw_off);
	bytes_put64(out + 32, p->packets_before);
	seal(out, PCAPIDX_POINT);
}

void pcapidx_summary_rec(uint8_t out[PCAPIDX_REC_LEN], const struct pcapidx_summary *s)
{
	memset(out, 0, PCAPIDX_REC_LEN);
	bytes_put64(out + 8, (uint64_t)s->first_ns);
	bytes_put64(out + 16, (uint64_t)s->last_ns);
	bytes_put64(out + 24, s->packets);
	bytes_put64(out + 32, s->raw_bytes);
	bytes_put64(out + 40, s->size);
	memcpy(out + 48, s->sha256, 32);
	bytes_put32(out + 80, s->flags);
	seal(out, PCAPIDX_SUMMARY);
}

static void identity_rec(uint8_t out[PCAPIDX_REC_LEN], const struct pcapidx_identity *id)
{
	memset(out, 0, PCAPIDX_REC_LEN);
	bytes_put64(out + 8, id->span);
	memcpy(out + 16, id->name, 32);
	memcpy(out + 48, id->ends, 32);
	seal(out, PCAPIDX_IDENTITY);
}

int pcapidx_identify(int fd, const char *name, uint64_t size, struct pcapidx_identity *id)
{
	uint8_t head[PCAPIDX_ID_SPAN], tail[PCAPIDX_ID_SPAN];
	struct sha256 h = { 0 };
	int rc = -1;

	id->span = size < PCAPIDX_ID_SPAN ? size : PCAPIDX_ID_SPAN;
	if (bytes_pread_all(fd, head, id->span, 0) < 0 ||
	    bytes_pread_all(fd, tail, id->span, size - id->span) < 0 || sha256_init(&h) < 0)
		goto out;
	sha256_update(&h, name, strlen(name));
	sha256_final(&h, id->name);
	if (sha256_init(&h) < 0)
		goto out;
	sha256_update(&h, head, id->span);
	sha256_update(&h, tail, id->span);
	sha256_final(&h, id->ends);
	rc = 0;
out:
	sha256_free(&h);
	return rc;
}

int pcapidx_identify_at(int dirfd, const char *name, uint64_t size, struct pcapidx_identity *id)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = pcapidx_identify(fd, name, size, id);
	close(fd);
	return rc;
}

int pcapidx_check(const struct pcapidx *idx, int fd, const char *name, uint64_t size)
{
	struct pcapidx_identity now;
	const struct pcapidx_identity *was = &idx->summary.id;

	if (!idx->summary.has_identity)
		return PCAPIDX_NO_IDENTITY;
	if (pcapidx_identify(fd, name, size, &now) < 0)
		return -1;
	if (memcmp(now.name, was->name, 32))
		return PCAPIDX_FOREIGN;
	/* A file of another size has other ends: the size check tells that case better. */
	if (now.span != was->span || memcmp(now.ends, was->ends, 32))
		return PCAPIDX_ENDS_DIFFER;
	return PCAPIDX_MATCH;
}

static int points_valid(const struct pcapidx *idx)
{
	for (size_t i = 0; i < idx->npoints; i++) {
		const struct pcapidx_point *p = &idx->points[i];

		/* The first point is "from the start"; every other one is inside the data. */
		if (i == 0 ? p->off != 0 || p->raw_off != 0 || p->packets_before != 0
			   : p->off <= idx->points[i - 1].off ||
			     p->raw_off <= idx->points[i - 1].raw_off ||
			     p->first_ns < idx->points[i - 1].first_ns ||
			     p->packets_before <= idx->points[i - 1].packets_before || p->raw_off < 24)
			return 0;
		if (idx->has_summary && (p->off >= idx->summary.size ||
					 p->raw_off >= idx->summary.raw_bytes ||
					 p->packets_before >= idx->summary.packets))
			return 0;
		if (!idx->gzip && p->off != p->raw_off)
			return 0;
	}
	return 1;
}

int pcapidx_writer_open(struct pcapidx_writer *w, int dirfd, const char *name,
			const uint8_t pcap_header[24], int gzip)
{
	uint8_t hdr[PCAPIDX_HDR_LEN];

	w->nosync = 0;
	w->fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (w->fd < 0)
		return -1;
	pcapidx_header(hdr, pcap_header, gzip);
	if (bytes_write_all(w->fd, hdr, sizeof(hdr)) < 0) {
		pcapidx_writer_abort(w);
		return -1;
	}
	return 0;
}

int pcapidx_writer_point(struct pcapidx_writer *w, const struct pcapidx_point *p)
{
	uint8_t rec[PCAPIDX_REC_LEN];

	if (w->fd < 0)
		return -1;
	pcapidx_point_rec(rec, p);
	/* A short index is still a true one: give up on the rest of it. */
	if (bytes_write_all(w->fd, rec, sizeof(rec)) < 0) {
		pcapidx_writer_abort(w);
		return -1;
	}
	return 0;
}

int pcapidx_writer_finish(struct pcapidx_writer *w, const struct pcapidx_summary *s)
{
	uint8_t rec[PCAPIDX_REC_LEN];
	int rc = -1;

	if (w->fd < 0)
		return -1;
	if (s->has_identity) {
		identity_rec(rec, &s->id);
		if (bytes_write_all(w->fd, rec, sizeof(rec)) < 0)
			goto out;
	}
	pcapidx_summary_rec(rec, s);
	if (bytes_write_all(w->fd, rec, sizeof(rec)) == 0 && (w->nosync || fdatasync(w->fd) == 0) &&
	    fchmod(w->fd, 0440) == 0)
		rc = 0;
out:
	close(w->fd);
	w->fd = -1;
	return rc;
}

void pcapidx_writer_abort(struct pcapidx_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
}

/* Takes one record; returns 0 to go on, 1 at the summary or the end of what is trusted. */
static int take_record(struct pcapidx *idx, const uint8_t *rec, size_t *max)
{
	uint32_t type = bytes_get32(rec);

	/* A record that fails its check ends the index: nothing after it is trusted. */
	if (bytes_get32(rec + 4) != (uint32_t)crc32(0, rec + 8, PCAPIDX_REC_LEN - 8))
		return 1;
	if (type == PCAPIDX_POINT) {
		struct pcapidx_point *p;

		if (idx->npoints == *max) {
			size_t n = *max ? *max * 2 : 64;

			p = realloc(idx->points, n * sizeof(*p));
			if (!p)
				return 1;
			idx->points = p;
			*max = n;
		}
		p = &idx->points[idx->npoints++];
		p->first_ns = (int64_t)bytes_get64(rec + 8);
		p->off = bytes_get64(rec + 16);
		p->raw_off = bytes_get64(rec + 24);
		p->packets_before = bytes_get64(rec + 32);
		return 0;
	}
	if (type == PCAPIDX_IDENTITY && idx->version >= 2) {
		idx->summary.has_identity = 1;
		idx->summary.id.span = bytes_get64(rec + 8);
		memcpy(idx->summary.id.name, rec + 16, 32);
		memcpy(idx->summary.id.ends, rec + 48, 32);
		return 0;
	}
	if (type == PCAPIDX_SUMMARY) {
		idx->has_summary = 1;
		idx->summary.first_ns = (int64_t)bytes_get64(rec + 8);
		idx->summary.last_ns = (int64_t)bytes_get64(rec + 16);
		idx->summary.packets = bytes_get64(rec + 24);
		idx->summary.raw_bytes = bytes_get64(rec + 32);
		idx->summary.size = bytes_get64(rec + 40);
		memcpy(idx->summary.sha256, rec + 48, 32);
		idx->summary.flags = bytes_get32(rec + 80);
	}
	return 1;
}

/* Bytes read at once: a small file's whole index (header, a point, the summary) in one read. */
#define LOAD_CHUNK (PCAPIDX_HDR_LEN + 42 * PCAPIDX_REC_LEN)

int pcapidx_load_fd(int fd, struct pcapidx *idx)
{
	uint8_t buf[LOAD_CHUNK];
	size_t max = 0, have = 0, pos = PCAPIDX_HDR_LEN;
	struct stat st;
	ssize_t n;
	int done = 0;

	memset(idx, 0, sizeof(*idx));
	/* A FIFO or device planted in its place must not stop the reader. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	while (have < PCAPIDX_HDR_LEN && (n = read(fd, buf + have, sizeof(buf) - have)) > 0)
		have += (size_t)n;
	/* Version 1 (no identity) is still read: the daemon rebuilds it. */
	if (have < PCAPIDX_HDR_LEN || memcmp(buf, "PKIX", 4) || buf[4] < 1 ||
	    buf[4] > PCAPIDX_VERSION)
		return -1;
	idx->version = buf[4];
	idx->gzip = buf[6] & PCAPIDX_GZIP;
	memcpy(idx->pcap_header, buf + 8, 24);
	while (!done) {
		for (; pos + PCAPIDX_REC_LEN <= have && !done; pos += PCAPIDX_REC_LEN)
			done = take_record(idx, buf + pos, &max);
		if (done)
			break;
		/* Keep the part of a record read so far; read on after it. */
		memmove(buf, buf + pos, have - pos);
		have -= pos;
		pos = 0;
		n = read(fd, buf + have, sizeof(buf) - have);
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	if (!points_valid(idx)) {
		free(idx->points);
		idx->points = NULL;
		idx->npoints = 0;
		idx->bad_points = 1;
	}
	return 0;
}

int pcapidx_load(int dirfd, const char *name, struct pcapidx *idx)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	int rc;

	if (fd < 0) {
		memset(idx, 0, sizeof(*idx));
		return -1;
	}
	rc = pcapidx_load_fd(fd, idx);
	close(fd);
	return rc;
}

void pcapidx_free(struct pcapidx *idx)
{
	free(idx->points);
	idx->points = NULL;
	idx->npoints = 0;
}

const struct pcapidx_point *pcapidx_seek(const struct pcapidx *idx, int64_t ns)
{
	size_t lo = 0, hi = idx->npoints;

	/* Points are in time order: binary search for the last one at or before ns. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (idx->points[mid].first_ns <= ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &idx->points[lo - 1] : NULL;
}

/* pcapfile.c: the one reader of stored captures: plain and gzip pcap, CRCs and record headers checked */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "pcapfile.h"
#include "sha256.h"

#define IN_SIZE (256 * 1024)
/* Room for the largest record and then some: plain files are read in pieces this big. */
#define BUF_MIN (1024 * 1024)
/* Member starts and ends not yet passed by the record parser; more are simply not offered as points. */
#define MAX_MARKS 256

struct mark {
	uint64_t raw;		/* offset in the uncompressed stream */
	uint64_t off;		/* the matching offset in the file */
};

struct marks {
	struct mark m[MAX_MARKS];
	size_t head, n;
};

struct pcapfile {
	char name[256];
	unsigned flags;
	struct pcapfile_info info;
	char err[768];
	int sticky;		/* an error already reported: it stays the answer */
	uint64_t damage_off;

	/* The source. */
	int fd;
	pcapfile_read_fn fn;
	void *ctx;
	uint64_t src_off;	/* file offset of the next byte the source gives */
	int src_eof;		/* the source said 0 (a growing file may say more later) */
	struct sha256 sha;
	int hashing;

	/* gzip: members are inflated whole into mbuf, then checked, then released. */
	z_stream z;
	int z_ready;
	uint8_t *in;
	uint64_t member_off;	/* file offset where the member being inflated starts */
	uint64_t cur_member;	/* file offset where the last member released starts */
	uint8_t *mbuf;
	size_t mlen, mcap;
	uint64_t mbuf_raw;	/* raw offset of the member's first byte */
	int m_released;		/* part of this (oversized) member was handed out unchecked */
	struct marks starts;	/* member starts, for index points */
	struct marks ends;	/* member ends, for the good length */

	/* Checked uncompressed bytes: buf[start, end) begins at raw offset raw. */
	uint8_t *buf;
	size_t cap, start, end;
	uint64_t raw;
	uint64_t good_len;
	int point_reads;	/* opened at a point: plain reads of one point's worth (IN_SIZE) */
	int positional;		/* opened at a point: pread at src_off, the fd's offset untouched */
	uint64_t read_end;	/* pcapfile_read_until: reads stop at this file offset, or 0 */
};

static int fail(struct pcapfile *pf, int rc, uint64_t off, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(struct pcapfile *pf, int rc, uint64_t off, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (rc == PCAPFILE_DAMAGED) {
		snprintf(pf->err, sizeof(pf->err), "%s: damaged at byte %llu: %s", pf->name,
			 (unsigned long long)off, what);
		pf->damage_off = off;
	} else {
		snprintf(pf->err, sizeof(pf->err), "%s: %s", pf->name, what);
	}
	pf->sticky = rc;
	return rc;
}

static void mark_push(struct marks *q, uint64_t raw, uint64_t off)
{
	if (q->n == MAX_MARKS)
		return;
	q->m[(q->head + q->n++) % MAX_MARKS] = (struct mark){ raw, off };
}

/* Drops the marks before raw; returns the one at raw, or NULL. */
static const struct mark *mark_at(struct marks *q, uint64_t raw)
{
	while (q->n && q->m[q->head].raw < raw) {
		q->head = (q->head + 1) % MAX_MARKS;
		q->n--;
	}
	return q->n && q->m[q->head].raw == raw ? &q->m[q->head] : NULL;
}

static ssize_t src_read(struct pcapfile *pf, void *buf, size_t len)
{
	ssize_t n;

	/* What lies past read_end is not wanted: no read (and no disk I/O) goes there unless needed. */
	if (pf->read_end > pf->src_off && len > pf->read_end - pf->src_off)
		len = (size_t)(pf->read_end - pf->src_off);
	if (pf->fn) {
		n = pf->fn(pf->ctx, buf, len);
	} else if (pf->positional) {
		do
			n = pread(pf->fd, buf, len, (off_t)pf->src_off);
		while (n < 0 && errno == EINTR);
	} else {
		do
			n = read(pf->fd, buf, len);
		while (n < 0 && errno == EINTR);
	}
	if (n > 0) {
		pf->src_off += (uint64_t)n;
		if (pf->hashing)
			sha256_update(&pf->sha, buf, (size_t)n);
	}
	return n;
}

/* Makes room for len more bytes after buf[end]. */
static int buf_room(struct pcapfile *pf, size_t len)
{
	if (pf->start && pf->end + len > pf->cap) {
		memmove(pf->buf, pf->buf + pf->start, pf->end - pf->start);
		pf->end -= pf->start;
		pf->start = 0;
	}
	if (pf->end + len > pf->cap) {
		size_t ncap = pf->cap ? pf->cap : BUF_MIN;
		uint8_t *nb;

		while (ncap < pf->end + len)
			ncap *= 2;
		nb = realloc(pf->buf, ncap);
		if (!nb)
			return -1;
		pf->buf = nb;
		pf->cap = ncap;
	}
	return 0;
}

/* Moves the (checked, or too large to hold) member output into the record stream. */
static int release_member(struct pcapfile *pf)
{
	if (pf->mlen && buf_room(pf, pf->mlen) < 0)
		return fail(pf, PCAPFILE_ERROR, 0, "out of memory");
	memcpy(pf->buf + pf->end, pf->mbuf, pf->mlen);
	pf->end += pf->mlen;
	pf->mbuf_raw += pf->mlen;
	pf->mlen = 0;
	return 0;
}

static const char *zwhy(const z_stream *z)
{
	if (!z->msg)
		return "not valid gzip data";
	if (!strcmp(z->msg, "incorrect data check"))
		return "gzip member's CRC-32 does not match its data";
	if (!strcmp(z->msg, "incorrect length check"))
		return "gzip member's length (ISIZE) does not match its data";
	return z->msg;
}

/*
 * Inflates until one more member is whole and checked (1), the source has
 * nothing more for now (0), or something is wrong (< 0).
 */
static int gz_member(struct pcapfile *pf)
{
	for (;;) {
		int zrc;

		if (!pf->z.avail_in) {
			ssize_t n = src_read(pf, pf->in, IN_SIZE);

			if (n < 0)
				return fail(pf, PCAPFILE_ERROR, 0, "read failed: %s", strerror(errno));
			if (n == 0) {
				pf->src_eof = 1;
				return 0;
			}
			pf->src_eof = 0;
			pf->z.next_in = pf->in;
			pf->z.avail_in = (uInt)n;
		}
		if (pf->mcap - pf->mlen < 65536) {
			size_t ncap = pf->mcap ? pf->mcap * 2 : 1024 * 1024;
			uint8_t *nb;

			if (pf->mlen >= PCAPFILE_MAX_MEMBER) {
				/* Too large to hold back: hand it out now, check it at its end. */
				if (release_member(pf) < 0)
					return pf->sticky;
				pf->m_released = 1;
				pf->cur_member = pf->member_off;
				return 1;
			}
			nb = realloc(pf->mbuf, ncap);
			if (!nb)
				return fail(pf, PCAPFILE_ERROR, 0, "out of memory");
			pf->mbuf = nb;
			pf->mcap = ncap;
		}
		pf->z.next_out = pf->mbuf + pf->mlen;
		pf->z.avail_out = (uInt)(pf->mcap - pf->mlen);
		zrc = inflate(&pf->z, Z_NO_FLUSH);
		pf->mlen = pf->mcap - pf->z.avail_out;
		if (zrc == Z_STREAM_END) {
			uint64_t end_off = pf->src_off - pf->z.avail_in;
			uint64_t start_raw = pf->mbuf_raw;

			if (!pf->m_released)
				mark_push(&pf->starts, start_raw, pf->member_off);
			pf->cur_member = pf->member_off;
			if (release_member(pf) < 0)
				return pf->sticky;
			mark_push(&pf->ends, pf->mbuf_raw, end_off);
			pf->member_off = end_off;
			pf->m_released = 0;
			if (inflateReset(&pf->z) != Z_OK)
				return fail(pf, PCAPFILE_ERROR, 0, "cannot restart decompression");
			return 1;
		}
		if (zrc == Z_BUF_ERROR)
			continue;	/* wants more input */
		if (zrc != Z_OK)
			return fail(pf, PCAPFILE_DAMAGED, pf->member_off, "%s", zwhy(&pf->z));
	}
}

/*
 * Makes at least need checked bytes available at buf[start]. Returns 1 when
 * they are, 0 at the source's end (fewer are there), < 0 on error.
 */
static int fill(struct pcapfile *pf, size_t need)
{
	while (pf->end - pf->start < need) {
		if (pf->info.gzip) {
			int rc = gz_member(pf);

			/*
			 * A file cut inside a member (not one still growing): what
			 * inflated cleanly before the cut is handed out, as zcat and
			 * tcpdump do; the cut itself is then reported as damage. A
			 * member that fails its checks never gets here.
			 */
			if (rc == 0 && pf->mlen && !(pf->flags & PCAPFILE_GROWING)) {
				if (release_member(pf) < 0)
					return pf->sticky;
				pf->m_released = 1;
				pf->cur_member = pf->member_off;
				continue;
			}
			if (rc <= 0)
				return rc;
			continue;
		}
		{
			size_t want = need - (pf->end - pf->start);
			ssize_t n;
			size_t len;

			if (buf_room(pf, want < BUF_MIN / 2 ? BUF_MIN / 2 : want) < 0)
				return fail(pf, PCAPFILE_ERROR, 0, "out of memory");
			/*
			 * A window or a block read from a seek point needs about a
			 * point's worth: reading 1 MiB cold costs 3 ms more than 256 KiB.
			 */
			len = pf->cap - pf->end;
			if (pf->point_reads && len > IN_SIZE && want <= IN_SIZE)
				len = IN_SIZE;
			n = src_read(pf, pf->buf + pf->end, len);
			if (n < 0)
				return fail(pf, PCAPFILE_ERROR, 0, "read failed: %s", strerror(errno));
			if (n == 0) {
				pf->src_eof = 1;
				return 0;
			}
			pf->src_eof = 0;
			pf->end += (size_t)n;
		}
	}
	return 1;
}

/* The file offset to name for damage at raw offset raw: for gzip, the start of its member. */
static uint64_t where(const struct pcapfile *pf, uint64_t raw)
{
	return pf->info.gzip ? pf->cur_member : raw;
}

/* A source that ended with a torn piece: not yet there (growing), or damage. */
static int torn(struct pcapfile *pf, const char *what)
{
	int mid_member = pf->info.gzip && (pf->z.total_in || pf->z.avail_in);

	if (pf->flags & PCAPFILE_GROWING)
		return PCAPFILE_AGAIN;
	if (mid_member)
		return fail(pf, PCAPFILE_DAMAGED, pf->member_off,
			    "truncated: the file ends inside a gzip member");
	return fail(pf, PCAPFILE_DAMAGED, where(pf, pf->raw), "truncated: the file ends inside %s", what);
}

static void consumed(struct pcapfile *pf, size_t len)
{
	pf->start += len;
	pf->raw += len;
	if (!pf->info.gzip) {
		pf->good_len = pf->raw;
	} else {
		const struct mark *m = mark_at(&pf->ends, pf->raw);

		if (m)
			pf->good_len = m->off;
	}
}

static uint32_t get32(const uint8_t *p, int swapped)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return swapped ? __builtin_bswap32(v) : v;
}

static int parse_header(struct pcapfile *pf, const uint8_t *h)
{
	uint32_t magic;

	memcpy(&magic, h, 4);
	memcpy(pf->info.header, h, PCAP_FILE_HDR_LEN);
	switch (magic) {
	case PCAP_MAGIC_USEC:
		break;
	case PCAP_MAGIC_NSEC:
		pf->info.nano = 1;
		break;
	case PCAP_MAGIC_USEC_SWAPPED:
		pf->info.swapped = 1;
		break;
	case PCAP_MAGIC_NSEC_SWAPPED:
		pf->info.swapped = pf->info.nano = 1;
		break;
	case PCAPNG_MAGIC:
		return fail(pf, PCAPFILE_DAMAGED, 0, "a pcapng file, not pcap");
	default:
		return fail(pf, PCAPFILE_DAMAGED, 0, "not a pcap file (magic %08x)", magic);
	}
	pf->info.snaplen = get32(h + 16, pf->info.swapped);
	pf->info.linktype = get32(h + 20, pf->info.swapped) & 0x03ffffff;
	return 0;
}

static struct pcapfile *alloc(const char *name, unsigned flags, int fd, pcapfile_read_fn fn,
			      void *ctx)
{
	struct pcapfile *pf = calloc(1, sizeof(*pf));

	if (!pf)
		return NULL;
	snprintf(pf->name, sizeof(pf->name), "%s", name);
	pf->flags = flags;
	pf->fd = fd;
	pf->fn = fn;
	pf->ctx = ctx;
	if (flags & PCAPFILE_HASH) {
		if (sha256_init(&pf->sha) < 0) {
			free(pf);
			return NULL;
		}
		pf->hashing = 1;
	}
	return pf;
}

static int start_gzip(struct pcapfile *pf)
{
	pf->info.gzip = 1;
	pf->in = malloc(IN_SIZE);
	if (!pf->in || inflateInit2(&pf->z, 15 + 16) != Z_OK)
		return -1;
	pf->z_ready = 1;
	return 0;
}

/* Reads the first bytes: gzip or not, then the pcap header. */
static int open_common(struct pcapfile *pf, char *err, size_t errlen, int *damaged)
{
	int rc;

	if (buf_room(pf, BUF_MIN / 2) < 0)
		goto nomem;
	/* Two bytes tell gzip from pcap; they stay in buf for whichever reads them. */
	while (pf->end < 2) {
		ssize_t n = src_read(pf, pf->buf + pf->end, 2 - pf->end);

		if (n <= 0)
			break;
		pf->end += (size_t)n;
	}
	if (pf->end == 2 && pf->buf[0] == 0x1f && pf->buf[1] == 0x8b) {
		if (start_gzip(pf) < 0)
			goto nomem;
		memcpy(pf->in, pf->buf, 2);
		pf->z.next_in = pf->in;
		pf->z.avail_in = 2;
		pf->end = 0;
	}
	rc = fill(pf, PCAP_FILE_HDR_LEN);
	if (rc == 0)
		rc = fail(pf, PCAPFILE_DAMAGED, 0, pf->end == pf->start && !pf->z.total_in
			  ? "empty file, not even a pcap header" : "truncated: the file ends inside its pcap header");
	if (rc > 0)
		rc = parse_header(pf, pf->buf + pf->start);
	if (rc < 0) {
		if (damaged)
			*damaged = rc == PCAPFILE_DAMAGED;
		snprintf(err, errlen, "%s", pf->err);
		return -1;
	}
	consumed(pf, PCAP_FILE_HDR_LEN);
	return 0;
nomem:
	snprintf(err, errlen, "%s: out of memory", pf->name);
	return -1;
}

struct pcapfile *pcapfile_open(int fd, const char *name, unsigned flags, char *err, size_t errlen,
			       int *damaged)
{
	struct pcapfile *pf = alloc(name, flags, fd, NULL, NULL);

	if (damaged)
		*damaged = 0;
	if (!pf) {
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	if (open_common(pf, err, errlen, damaged) < 0) {
		pcapfile_close(pf);
		return NULL;
	}
	return pf;
}

struct pcapfile *pcapfile_open_reader(pcapfile_read_fn fn, void *ctx, const char *name,
				      unsigned flags, char *err, size_t errlen, int *damaged)
{
	struct pcapfile *pf = alloc(name, flags, -1, fn, ctx);

	if (damaged)
		*damaged = 0;
	if (!pf) {
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	if (open_common(pf, err, errlen, damaged) < 0) {
		pcapfile_close(pf);
		return NULL;
	}
	return pf;
}

struct pcapfile *pcapfile_open_at(int fd, const char *name, unsigned flags,
				  const uint8_t header[PCAP_FILE_HDR_LEN], int gzip, uint64_t off,
				  uint64_t raw_off, char *err, size_t errlen)
{
	struct pcapfile *pf = alloc(name, flags & ~(unsigned)PCAPFILE_HASH, fd, NULL, NULL);

	if (!pf) {
		snprintf(err, errlen, "%s: out of memory", name);
		return NULL;
	}
	if (parse_header(pf, header) < 0 || buf_room(pf, BUF_MIN / 2) < 0 ||
	    (gzip && start_gzip(pf) < 0)) {
		snprintf(err, errlen, "%s", *pf->err ? pf->err : "out of memory");
		goto fail;
	}
	pf->src_off = off;
	pf->member_off = off;
	pf->cur_member = off;
	pf->raw = raw_off;
	pf->mbuf_raw = raw_off;
	pf->good_len = off;
	pf->point_reads = 1;
	pf->positional = 1;
	return pf;
fail:
	pcapfile_close(pf);
	return NULL;
}

void pcapfile_read_until(struct pcapfile *pf, uint64_t off)
{
	pf->read_end = off;
}

void pcapfile_close(struct pcapfile *pf)
{
	if (!pf)
		return;
	if (pf->z_ready)
		inflateEnd(&pf->z);
	if (pf->hashing)
		sha256_free(&pf->sha);
	free(pf->in);
	free(pf->mbuf);
	free(pf->buf);
	free(pf);
}

const struct pcapfile_info *pcapfile_info(const struct pcapfile *pf)
{
	return &pf->info;
}

const char *pcapfile_error(const struct pcapfile *pf)
{
	return pf->err;
}

uint64_t pcapfile_damage_off(const struct pcapfile *pf)
{
	return pf->damage_off;
}

uint64_t pcapfile_good_len(const struct pcapfile *pf)
{
	return pf->good_len;
}

void pcapfile_stop_growing(struct pcapfile *pf)
{
	pf->flags &= ~(unsigned)PCAPFILE_GROWING;
}

int pcapfile_next(struct pcapfile *pf, struct pcapfile_rec *rec)
{
	const uint8_t *h;
	uint32_t caplen, len, limit, keep;
	int rc;

	if (pf->sticky)
		return pf->sticky;
	rc = fill(pf, PCAP_REC_HDR_LEN);
	if (rc < 0)
		return rc;
	if (rc == 0) {
		if (pf->end == pf->start && !(pf->info.gzip && (pf->z.total_in || pf->z.avail_in)))
			return (pf->flags & PCAPFILE_GROWING) ? PCAPFILE_AGAIN : PCAPFILE_END;
		return torn(pf, "a record header");
	}
	h = pf->buf + pf->start;
	caplen = get32(h + 8, pf->info.swapped);
	len = get32(h + 12, pf->info.swapped);
	limit = pf->info.snaplen && pf->info.snaplen < PCAP_MAX_CAPLEN ? pf->info.snaplen
								     : PCAP_MAX_CAPLEN;
	/* libpcap returns the first snapshot-length bytes and skips the rest. */
	keep = caplen < limit ? caplen : limit;
	if (pf->flags & PCAPFILE_LIBPCAP)
		limit = PCAP_MAX_CAPLEN;
	if (caplen > limit)
		return fail(pf, PCAPFILE_DAMAGED, where(pf, pf->raw),
			    "record of %u bytes is longer than the %s (%u)", caplen,
			    limit == PCAP_MAX_CAPLEN ? "largest record allowed" : "snapshot length",
			    limit);
	if (caplen > len && !(pf->flags & PCAPFILE_LIBPCAP))
		return fail(pf, PCAPFILE_DAMAGED, where(pf, pf->raw),
			    "record captures %u bytes of a %u-byte packet", caplen, len);
	rc = fill(pf, PCAP_REC_HDR_LEN + caplen);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return torn(pf, "a record");
	h = pf->buf + pf->start;
	rec->hdr = h;
	rec->data = h + PCAP_REC_HDR_LEN;
	rec->sec = get32(h, pf->info.swapped);
	rec->frac = get32(h + 4, pf->info.swapped);
	rec->caplen = keep;
	rec->len = len;
	rec->ns = (int64_t)rec->sec * 1000000000 + (int64_t)rec->frac * (pf->info.nano ? 1 : 1000);
	rec->raw_off = pf->raw;
	if (!pf->info.gzip) {
		rec->point_off = where(pf, pf->raw);
	} else {
		const struct mark *m = mark_at(&pf->starts, pf->raw);

		rec->point_off = m ? m->off : 0;
	}
	consumed(pf, PCAP_REC_HDR_LEN + caplen);
	return PCAPFILE_OK;
}

/* Marks popped from q since head was h go back (popped, not overwritten). */
static void unpop(struct marks *q, size_t h)
{
	size_t popped = (q->head + MAX_MARKS - h) % MAX_MARKS;

	q->head = h;
	q->n += popped;
}

/*
 * Nothing moves the buffer between a record's parsing and its consumption,
 * so stepping back over it is exact; a gzip member is not inflated twice,
 * as it would be by closing and opening the file at the point again.
 */
int pcapfile_peek(struct pcapfile *pf, struct pcapfile_rec *rec)
{
	uint64_t good = pf->good_len;
	size_t sh = pf->starts.head, eh = pf->ends.head;
	int rc = pcapfile_next(pf, rec);

	if (rc == PCAPFILE_OK) {
		/* The stored length: PCAPFILE_LIBPCAP may return fewer bytes. */
		uint32_t stored = get32(rec->hdr + 8, pf->info.swapped);

		pf->start -= PCAP_REC_HDR_LEN + stored;
		pf->raw -= PCAP_REC_HDR_LEN + stored;
		pf->good_len = good;
		unpop(&pf->starts, sh);
		unpop(&pf->ends, eh);
	}
	return rc;
}

int pcapfile_hash(struct pcapfile *pf, uint8_t digest[32], uint64_t *size)
{
	uint8_t *tmp;
	ssize_t n;

	if (!pf->hashing)
		return -1;
	tmp = malloc(IN_SIZE);
	if (!tmp)
		return -1;
	while ((n = src_read(pf, tmp, IN_SIZE)) > 0)
		;
	free(tmp);
	if (n < 0)
		return -1;
	sha256_final(&pf->sha, digest);
	*size = pf->src_off;
	return 0;
}

ssize_t pcapfile_hash_more(struct pcapfile *pf, void *buf, size_t len)
{
	return pf->hashing ? src_read(pf, buf, len) : -1;
}

int pcapfile_openat(int dirfd, const char *name, int flags)
{
	int fd = openat(dirfd, name, flags | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

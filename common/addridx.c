/* addridx.c: encode, write and load the address index beside a capture file (NAME.aidx) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "addridx.h"

/* Layout (docs/index.md, "NAME.aidx"): a header, then records of type, length, CRC and body. */
#define AIDX_MAGIC "PKAX"
#define AIDX_VERSION 1
#define AIDX_GZIP 1
#define AIDX_HDR_LEN 16
#define AIDX_REC_HDR 12
#define AIDX_BLOCK 1
#define AIDX_UNION 2
#define AIDX_END 3
#define AIDX_POINT_LEN 32
#define AIDX_END_BODY 88
#define AIDX_END_LEN (AIDX_REC_HDR + AIDX_END_BODY)
/* No record of a sane index comes near this: a larger length is damage. */
#define AIDX_MAX_REC (64u << 20)

/* pcap's LINKTYPE_RAW is DLT_RAW (12 on Linux) for the packet key extractor. */
#define LINKTYPE_RAW 101
#define DLT_RAW_LINUX 12

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t get64(const uint8_t *p)
{
	return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* A growing output buffer; -1 without memory. */
struct out {
	uint8_t **buf;
	size_t *cap;
	size_t len;
};

static int reserve(struct out *o, size_t more)
{
	size_t n = *o->cap ? *o->cap : 256;
	uint8_t *nb;

	if (o->len + more <= *o->cap)
		return 0;
	while (n < o->len + more)
		n *= 2;
	nb = realloc(*o->buf, n);
	if (!nb)
		return -1;
	*o->buf = nb;
	*o->cap = n;
	return 0;
}

/* Unsigned LEB128: 7 bits a byte, low first; the room was reserved by the caller. */
static void put_varint(struct out *o, uint64_t v)
{
	while (v >= 0x80) {
		(*o->buf)[o->len++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	(*o->buf)[o->len++] = (uint8_t)v;
}

static int get_varint(const uint8_t *p, size_t len, size_t *pos, uint64_t max, uint64_t *v)
{
	uint64_t x = 0;

	for (unsigned shift = 0; shift < 64 && *pos < len; shift += 7) {
		uint8_t c = p[(*pos)++];

		x |= (uint64_t)(c & 0x7f) << shift;
		if (!(c & 0x80)) {
			if (x > max)
				return -1;
			*v = x;
			return 0;
		}
	}
	return -1;
}

/* Sorted unique numbers as the first, then each one's distance from the one before (>= 1). */
static void put_deltas32(struct out *o, const uint32_t *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		put_varint(o, i ? v[i] - v[i - 1] : v[i]);
}

static void put_deltas16(struct out *o, const uint16_t *v, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		put_varint(o, (uint64_t)(i ? v[i] - v[i - 1] : v[i]));
}

/* IPv6 addresses, sorted: the length of the prefix shared with the one before, then the rest. */
static void put_ip6(struct out *o, const uint8_t (*a)[16], uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t same = 0;

		while (i && same < 15 && a[i][same] == a[i - 1][same])
			same++;
		(*o->buf)[o->len++] = same;
		memcpy(*o->buf + o->len, a[i] + same, 16u - same);
		o->len += 16u - same;
	}
}

int addridx_encode_set(const struct addrset *s, uint8_t **buf, size_t *cap, size_t *len)
{
	struct out o = { buf, cap, *len };
	uint8_t nproto = 32;

	while (nproto && !s->proto[nproto - 1])
		nproto--;
	/* The worst case: every number a full varint, every address whole. */
	if (reserve(&o, 6 * 10 + 1 + nproto + (size_t)s->n4 * 5 + (size_t)s->n6 * 17 +
			    ((size_t)s->nport + s->nvlan) * 3) < 0)
		return -1;
	put_varint(&o, s->flags);
	put_varint(&o, s->l3);
	(*o.buf)[o.len++] = nproto;
	memcpy(*o.buf + o.len, s->proto, nproto);
	o.len += nproto;
	put_varint(&o, s->n4);
	put_varint(&o, s->n6);
	put_varint(&o, s->nport);
	put_varint(&o, s->nvlan);
	put_deltas32(&o, s->ip4, s->n4);
	put_ip6(&o, (const uint8_t (*)[16])s->ip6, s->n6);
	put_deltas16(&o, s->port, s->nport);
	put_deltas16(&o, s->vlan, s->nvlan);
	*len = o.len;
	return 0;
}

/* Reads n sorted unique numbers up to max into v (32 or 16 bits wide). */
static int get_deltas(const uint8_t *p, size_t len, size_t *pos, uint32_t n, uint64_t max,
		      uint32_t *v32, uint16_t *v16)
{
	uint64_t prev = 0;

	for (uint32_t i = 0; i < n; i++) {
		uint64_t d;

		if (get_varint(p, len, pos, max, &d) < 0 || (i && !d) || prev + d > max)
			return -1;
		prev = i ? prev + d : d;
		if (v32)
			v32[i] = (uint32_t)prev;
		else
			v16[i] = (uint16_t)prev;
	}
	return 0;
}

static int get_ip6(const uint8_t *p, size_t len, size_t *pos, uint32_t n, uint8_t (*a)[16])
{
	for (uint32_t i = 0; i < n; i++) {
		uint8_t same;

		if (*pos >= len)
			return -1;
		same = p[(*pos)++];
		if (same > 15 || (!i && same) || len - *pos < 16u - same)
			return -1;
		if (i)
			memcpy(a[i], a[i - 1], same);
		memcpy(a[i] + same, p + *pos, 16u - same);
		*pos += 16u - same;
		/* Sorted and unique: greater than the one before where they first differ. */
		if (i && a[i][same] <= a[i - 1][same])
			return -1;
	}
	return 0;
}

static void *alloc_n(uint32_t n, size_t size)
{
	return n ? calloc(n, size) : NULL;
}

/* The four counts, each no more than the bytes left could hold (nothing allocated for a bad one). */
static int get_counts(const uint8_t *p, size_t len, size_t *pos, struct addrset *s)
{
	uint64_t c[4];
	static const uint64_t max[4] = { UINT32_MAX, UINT32_MAX, 65536, 4096 };

	for (int i = 0; i < 4; i++)
		if (get_varint(p, len, pos, max[i], &c[i]) < 0 || c[i] > len - *pos)
			return -1;
	s->n4 = (uint32_t)c[0];
	s->n6 = (uint32_t)c[1];
	s->nport = (uint32_t)c[2];
	s->nvlan = (uint32_t)c[3];
	return 0;
}

long addridx_decode_set(const uint8_t *p, size_t len, struct addrset *s)
{
	size_t pos = 0;
	uint64_t v;

	memset(s, 0, sizeof(*s));
	if (get_varint(p, len, &pos, UINT32_MAX, &v) < 0)
		return -1;
	s->flags = (uint32_t)v;
	if (get_varint(p, len, &pos, UINT32_MAX, &v) < 0 || pos >= len || p[pos] > 32 ||
	    len - pos - 1 < p[pos])
		return -1;
	s->l3 = (uint32_t)v;
	memcpy(s->proto, p + pos + 1, p[pos]);
	pos += 1u + p[pos];
	if (get_counts(p, len, &pos, s) < 0)
		goto bad;
	s->ip4 = alloc_n(s->n4, sizeof(*s->ip4));
	s->ip6 = alloc_n(s->n6, sizeof(*s->ip6));
	s->port = alloc_n(s->nport, sizeof(*s->port));
	s->vlan = alloc_n(s->nvlan, sizeof(*s->vlan));
	if ((s->n4 && !s->ip4) || (s->n6 && !s->ip6) || (s->nport && !s->port) ||
	    (s->nvlan && !s->vlan) ||
	    get_deltas(p, len, &pos, s->n4, UINT32_MAX, s->ip4, NULL) < 0 ||
	    get_ip6(p, len, &pos, s->n6, s->ip6) < 0 ||
	    get_deltas(p, len, &pos, s->nport, 65535, NULL, s->port) < 0 ||
	    get_deltas(p, len, &pos, s->nvlan, 4095, NULL, s->vlan) < 0)
		goto bad;
	return (long)pos;
bad:
	free(s->ip4);
	free(s->ip6);
	free(s->port);
	free(s->vlan);
	memset(s, 0, sizeof(*s));
	return -1;
}

/* ---- Writing ---- */

static int write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static uint32_t rec_crc(const uint8_t *rec, size_t len)
{
	return (uint32_t)crc32(crc32(0, rec, 8), rec + AIDX_REC_HDR, (uInt)(len - AIDX_REC_HDR));
}

/* Fills in the record header of rec (len bytes in all) and appends it. */
static int put_record(struct addridx_writer *w, uint8_t *rec, size_t len, uint32_t type)
{
	put32(rec, type);
	put32(rec + 4, (uint32_t)(len - AIDX_REC_HDR));
	put32(rec + 8, rec_crc(rec, len));
	if (write_all(w->fd, rec, len) < 0)
		return -1;
	w->off += len;
	return 0;
}

static void put_point(uint8_t *p, const struct pcapidx_point *at)
{
	put64(p, (uint64_t)at->first_ns);
	put64(p + 8, at->off);
	put64(p + 16, at->raw_off);
	put64(p + 24, at->packets_before);
}

static void get_point(const uint8_t *p, struct pcapidx_point *at)
{
	at->first_ns = (int64_t)get64(p);
	at->off = get64(p + 8);
	at->raw_off = get64(p + 16);
	at->packets_before = get64(p + 24);
}

int addridx_writer_open(struct addridx_writer *w, int dirfd, const char *name, int linktype,
			int gzip)
{
	uint8_t hdr[AIDX_HDR_LEN] = { 0 };
	int dlt = linktype == LINKTYPE_RAW ? DLT_RAW_LINUX : linktype;

	memset(w, 0, sizeof(*w));
	w->fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (w->fd < 0)
		return -1;
	memcpy(hdr, AIDX_MAGIC, 4);
	hdr[4] = AIDX_VERSION;
	hdr[6] = gzip ? AIDX_GZIP : 0;
	put32(hdr + 8, (uint32_t)linktype);
	put32(hdr + 12, (uint32_t)crc32(0, hdr, 12));
	w->b = addrset_builder_new(dlt);
	if (!w->b || write_all(w->fd, hdr, sizeof(hdr)) < 0) {
		addridx_writer_abort(w);
		return -1;
	}
	w->off = AIDX_HDR_LEN;
	return 0;
}

void addridx_writer_packet(struct addridx_writer *w, const uint8_t *pkt, uint32_t caplen)
{
	if (w->fd >= 0)
		addrset_builder_add(w->b, pkt, caplen);
}

/* The block being built ends: its set waits in pending. A set that cannot be taken says "all". */
static int end_block(struct addridx_writer *w)
{
	struct addridx_block *blk;

	if (w->npending == w->maxpending) {
		size_t n = w->maxpending ? w->maxpending * 2 : 16;
		struct addridx_block *np = realloc(w->pending, n * sizeof(*np));

		if (!np)
			return -1;
		w->pending = np;
		w->maxpending = n;
	}
	blk = &w->pending[w->npending++];
	blk->at = w->at;
	if (addrset_builder_take(w->b, &blk->set) < 0) {
		memset(&blk->set, 0, sizeof(blk->set));
		blk->set.flags = ADDRSET_ALL;
	}
	return 0;
}

int addridx_writer_point(struct addridx_writer *w, const struct pcapidx_point *p)
{
	if (w->fd < 0)
		return -1;
	/* Packets before the first point (none in practice) stay in the first block. */
	if (w->have_block && end_block(w) < 0) {
		addridx_writer_abort(w);
		return -1;
	}
	w->at = *p;
	w->have_block = 1;
	return 0;
}

/* Adds a block to the union: merged with equal levels upwards, like a carry. */
static void union_add(struct addridx_writer *w, const struct addrset *set)
{
	struct addrset carry = { 0 };
	unsigned i;

	/* Without memory the union says "all": still true. */
	if (addrset_union(&carry, set) < 0)
		w->union_all = 1;
	for (i = 0; i < 31 && (w->levels & (1u << i)); i++) {
		if (addrset_union(&carry, &w->level[i]) < 0)
			w->union_all = 1;
		addrset_free(&w->level[i]);
		w->levels &= ~(1u << i);
	}
	if (w->levels & (1u << i)) {
		if (addrset_union(&w->level[i], &carry) < 0)
			w->union_all = 1;
		addrset_free(&carry);
		return;
	}
	w->level[i] = carry;
	w->levels |= 1u << i;
}

/* The file's union: every level's. */
static void union_all_levels(struct addridx_writer *w, struct addrset *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned i = 0; i < 32; i++)
		if ((w->levels & (1u << i)) && addrset_union(out, &w->level[i]) < 0)
			w->union_all = 1;
	if (w->union_all)
		out->flags |= ADDRSET_ALL;
}

static int write_block(struct addridx_writer *w, const struct addridx_block *blk)
{
	size_t len = AIDX_REC_HDR + AIDX_POINT_LEN;

	if (reserve(&(struct out){ &w->buf, &w->cap, 0 }, len) < 0 ||
	    addridx_encode_set(&blk->set, &w->buf, &w->cap, &len) < 0)
		return -1;
	put_point(w->buf + AIDX_REC_HDR, &blk->at);
	if (put_record(w, w->buf, len, AIDX_BLOCK) < 0)
		return -1;
	union_add(w, &blk->set);
	w->nblocks++;
	return 0;
}

int addridx_writer_flush(struct addridx_writer *w)
{
	int rc = 0;

	if (w->fd < 0)
		return -1;
	for (size_t i = 0; i < w->npending; i++) {
		if (rc == 0)
			rc = write_block(w, &w->pending[i]);
		addrset_free(&w->pending[i].set);
	}
	w->npending = 0;
	if (rc < 0)
		addridx_writer_abort(w);
	return rc;
}

static int write_end(struct addridx_writer *w, const struct pcapidx_identity *id)
{
	uint8_t rec[AIDX_END_LEN] = { 0 };
	uint64_t union_off = w->off;
	size_t len = AIDX_REC_HDR;
	struct addrset file;
	int rc;

	union_all_levels(w, &file);
	rc = addridx_encode_set(&file, &w->buf, &w->cap, &len);
	addrset_free(&file);
	if (rc < 0 || put_record(w, w->buf, len, AIDX_UNION) < 0)
		return -1;
	put64(rec + AIDX_REC_HDR, union_off);
	put64(rec + AIDX_REC_HDR + 8, w->nblocks);
	put64(rec + AIDX_REC_HDR + 16, id->span);
	memcpy(rec + AIDX_REC_HDR + 24, id->name, 32);
	memcpy(rec + AIDX_REC_HDR + 56, id->ends, 32);
	return put_record(w, rec, sizeof(rec), AIDX_END);
}

int addridx_writer_finish(struct addridx_writer *w, const struct pcapidx_identity *id)
{
	int rc = -1;

	if (w->fd < 0)
		return -1;
	if ((w->have_block && end_block(w) < 0) || addridx_writer_flush(w) < 0)
		goto out;
	if (write_end(w, id) == 0 && (w->nosync || fdatasync(w->fd) == 0) &&
	    fchmod(w->fd, 0440) == 0)
		rc = 0;
out:
	addridx_writer_abort(w);
	return rc;
}

void addridx_writer_abort(struct addridx_writer *w)
{
	if (w->fd >= 0)
		close(w->fd);
	w->fd = -1;
	for (size_t i = 0; i < w->npending; i++)
		addrset_free(&w->pending[i].set);
	free(w->pending);
	w->pending = NULL;
	w->npending = w->maxpending = 0;
	if (w->b)
		addrset_builder_free(w->b);
	w->b = NULL;
	for (unsigned i = 0; i < 32; i++)
		if (w->levels & (1u << i))
			addrset_free(&w->level[i]);
	w->levels = 0;
	free(w->buf);
	w->buf = NULL;
	w->cap = 0;
	w->have_block = 0;
}

/* ---- Loading ---- */

/* Where a load stands: the whole index in memory, and what it found so far. */
struct parse {
	const uint8_t *p;
	size_t len;
	int gzip;
	size_t maxblocks;
	uint64_t union_off;
	int have_union;
	struct pcapidx_identity id;
};

static int check_header(const uint8_t *h, struct addridx *x, int *gzip)
{
	if (memcmp(h, AIDX_MAGIC, 4) || h[4] != AIDX_VERSION || h[5] ||
	    get32(h + 12) != (uint32_t)crc32(0, h, 12))
		return -1;
	*gzip = h[6] & AIDX_GZIP;
	x->linktype = (int)get32(h + 8);
	return 0;
}

/* As the time index's points: the first from the start, then strictly on. */
static int point_follows(const struct addridx *x, const struct pcapidx_point *p, int gzip)
{
	const struct pcapidx_point *q;

	if (!x->nblocks)
		return !p->off && !p->raw_off && !p->packets_before;
	q = &x->blocks[x->nblocks - 1].at;
	return p->off > q->off && p->raw_off > q->raw_off && p->first_ns >= q->first_ns &&
	       p->packets_before > q->packets_before && p->raw_off >= 24 &&
	       (gzip || p->off == p->raw_off);
}

static int take_block(struct parse *ps, struct addridx *x, const uint8_t *body, size_t len)
{
	struct addridx_block *blk;
	long n;

	if (ps->have_union || len < AIDX_POINT_LEN)
		return -1;
	if (x->nblocks == ps->maxblocks) {
		size_t m = ps->maxblocks ? ps->maxblocks * 2 : 64;

		blk = realloc(x->blocks, m * sizeof(*blk));
		if (!blk)
			return -1;
		x->blocks = blk;
		ps->maxblocks = m;
	}
	blk = &x->blocks[x->nblocks];
	get_point(body, &blk->at);
	if (!point_follows(x, &blk->at, ps->gzip))
		return -1;
	n = addridx_decode_set(body + AIDX_POINT_LEN, len - AIDX_POINT_LEN, &blk->set);
	if (n < 0)
		return -1;
	if ((size_t)n != len - AIDX_POINT_LEN) {
		/* Bytes after the set: the block is not counted, so its set is freed here. */
		addrset_free(&blk->set);
		return -1;
	}
	x->nblocks++;
	return 0;
}

static int take_end(struct parse *ps, const struct addridx *x, const uint8_t *body, size_t len)
{
	if (!ps->have_union || len != AIDX_END_BODY || get64(body) != ps->union_off ||
	    get64(body + 8) != x->nblocks)
		return -1;
	ps->id.span = get64(body + 16);
	memcpy(ps->id.name, body + 24, 32);
	memcpy(ps->id.ends, body + 56, 32);
	return 0;
}

/* One record at pos: 0 taken, 1 torn (the trusted part ends here), -1 untrustworthy. */
static int take_record(struct parse *ps, struct addridx *x, size_t *pos)
{
	const uint8_t *rec = ps->p + *pos;
	size_t left = ps->len - *pos, blen;
	long n;

	if (left < AIDX_REC_HDR || (blen = get32(rec + 4)) > AIDX_MAX_REC ||
	    blen > left - AIDX_REC_HDR || get32(rec + 8) != rec_crc(rec, AIDX_REC_HDR + blen))
		return 1;
	*pos += AIDX_REC_HDR + blen;
	switch (get32(rec)) {
	case AIDX_BLOCK:
		return take_block(ps, x, rec + AIDX_REC_HDR, blen);
	case AIDX_UNION:
		if (ps->have_union)
			return -1;
		n = addridx_decode_set(rec + AIDX_REC_HDR, blen, &x->file);
		ps->have_union = 1;
		ps->union_off = (uint64_t)(rec - ps->p);
		return n < 0 || (size_t)n != blen ? -1 : 0;
	case AIDX_END:
		if (take_end(ps, x, rec + AIDX_REC_HDR, blen) < 0 || *pos != ps->len)
			return -1;
		x->complete = 1;
		return 1;
	}
	return -1;
}

static int read_whole(int dirfd, const char *name, uint8_t **buf, size_t *len)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;
	size_t have = 0;
	int rc = -1;

	*buf = NULL;
	if (fd < 0)
		return -1;
	/* A FIFO or device planted in its place must not stop the reader. */
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < AIDX_HDR_LEN ||
	    !(*buf = malloc((size_t)st.st_size)))
		goto out;
	while (have < (size_t)st.st_size) {
		ssize_t n = read(fd, *buf + have, (size_t)st.st_size - have);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		have += (size_t)n;
	}
	*len = have;
	rc = 0;
out:
	close(fd);
	return rc;
}

/* The identity in the index's end is that of the data file open on datafd. */
static int identity_matches(const struct pcapidx_identity *was, int datafd, const char *dataname,
			    uint64_t datasize)
{
	struct pcapidx_identity now;

	return pcapidx_identify(datafd, dataname, datasize, &now) == 0 && now.span == was->span &&
	       !memcmp(now.name, was->name, 32) && !memcmp(now.ends, was->ends, 32);
}

/* Everything the records say that the file must agree with. */
static int fits_file(const struct addridx *x, uint64_t datasize)
{
	return !x->nblocks || x->blocks[x->nblocks - 1].at.off < datasize;
}

static int union_of_blocks(struct addridx *x)
{
	memset(&x->file, 0, sizeof(x->file));
	for (size_t i = 0; i < x->nblocks; i++)
		if (addrset_union(&x->file, &x->blocks[i].set) < 0)
			return -1;
	return 0;
}

int addridx_load(int dirfd, const char *name, int datafd, const char *dataname, uint64_t datasize,
		 struct addridx *x)
{
	struct parse ps = { 0 };
	uint8_t *buf;
	size_t pos = AIDX_HDR_LEN;
	int rc;

	memset(x, 0, sizeof(*x));
	if (read_whole(dirfd, name, &buf, &ps.len) < 0)
		return -1;
	ps.p = buf;
	if (ps.len < AIDX_HDR_LEN || check_header(buf, x, &ps.gzip) < 0)
		goto bad;
	while ((rc = take_record(&ps, x, &pos)) == 0)
		;
	if (rc < 0)
		goto bad;
	if (datafd >= 0 && (!x->complete || !fits_file(x, datasize) ||
			    !identity_matches(&ps.id, datafd, dataname, datasize)))
		goto bad;
	/* A torn index has no union of its own: the blocks it kept make one. */
	if (!x->complete && (addrset_free(&x->file), union_of_blocks(x) < 0))
		goto bad;
	free(buf);
	return 0;
bad:
	free(buf);
	addridx_free(x);
	return -1;
}

void addridx_free(struct addridx *x)
{
	for (size_t i = 0; i < x->nblocks; i++)
		addrset_free(&x->blocks[i].set);
	free(x->blocks);
	addrset_free(&x->file);
	memset(x, 0, sizeof(*x));
}

static int pread_all(int fd, uint8_t *buf, size_t len, uint64_t off)
{
	while (len) {
		ssize_t n = pread(fd, buf, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* The header and the end record of the index open on fd: two small reads. */
static int read_ends(int fd, struct addridx *x, struct parse *ps, uint64_t *size)
{
	uint8_t hdr[AIDX_HDR_LEN], end[AIDX_END_LEN];
	struct stat st;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < AIDX_HDR_LEN + 2 * AIDX_REC_HDR + AIDX_END_BODY ||
	    pread_all(fd, hdr, sizeof(hdr), 0) < 0 || check_header(hdr, x, &ps->gzip) < 0 ||
	    pread_all(fd, end, sizeof(end), (uint64_t)st.st_size - AIDX_END_LEN) < 0 ||
	    get32(end) != AIDX_END || get32(end + 4) != AIDX_END_BODY ||
	    get32(end + 8) != rec_crc(end, sizeof(end)))
		return -1;
	*size = (uint64_t)st.st_size;
	ps->union_off = get64(end + AIDX_REC_HDR);
	ps->have_union = 1;
	if (ps->union_off < AIDX_HDR_LEN || ps->union_off > *size - AIDX_END_LEN - AIDX_REC_HDR)
		return -1;
	return take_end(ps, &(struct addridx){ .nblocks = get64(end + AIDX_REC_HDR + 8) },
			end + AIDX_REC_HDR, AIDX_END_BODY);
}

/* The union record, which must fill the space between union_off and the end record. */
static int read_union(int fd, const struct parse *ps, uint64_t size, struct addridx *x)
{
	size_t len = (size_t)(size - AIDX_END_LEN - ps->union_off);
	uint8_t *rec = len <= AIDX_MAX_REC ? malloc(len) : NULL;
	int rc = -1;
	long n;

	if (!rec || pread_all(fd, rec, len, ps->union_off) < 0 || get32(rec) != AIDX_UNION ||
	    get32(rec + 4) != len - AIDX_REC_HDR || get32(rec + 8) != rec_crc(rec, len))
		goto out;
	n = addridx_decode_set(rec + AIDX_REC_HDR, len - AIDX_REC_HDR, &x->file);
	if (n >= 0 && (size_t)n == len - AIDX_REC_HDR)
		rc = 0;
out:
	free(rec);
	return rc;
}

static int open_index(int dirfd, const char *name)
{
	return openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
}

int addridx_load_union(int dirfd, const char *name, int datafd, const char *dataname,
		       uint64_t datasize, struct addridx *x)
{
	struct parse ps = { 0 };
	uint64_t size;
	int fd, rc = -1;

	memset(x, 0, sizeof(*x));
	if (datafd < 0 || (fd = open_index(dirfd, name)) < 0)
		return -1;
	if (read_ends(fd, x, &ps, &size) == 0 &&
	    identity_matches(&ps.id, datafd, dataname, datasize) &&
	    read_union(fd, &ps, size, x) == 0) {
		x->complete = 1;
		rc = 0;
	}
	close(fd);
	if (rc < 0)
		addridx_free(x);
	return rc;
}

int addridx_check(int dirfd, const char *name, const struct pcapidx_identity *id)
{
	return addridx_check_union(dirfd, name, id, NULL);
}

int addridx_check_union(int dirfd, const char *name, const struct pcapidx_identity *id,
			struct addridx *u)
{
	struct addridx x = { 0 };
	struct parse ps = { 0 };
	uint64_t size;
	int fd = open_index(dirfd, name), rc = -1;

	if (fd < 0)
		return -1;
	if (read_ends(fd, &x, &ps, &size) == 0 && ps.id.span == id->span &&
	    !memcmp(ps.id.name, id->name, 32) && !memcmp(ps.id.ends, id->ends, 32))
		rc = 0;
	if (rc == 0 && u) {
		*u = x;
		rc = read_union(fd, &ps, size, u);
		u->complete = rc == 0;
		if (rc < 0)
			addridx_free(u);
	}
	close(fd);
	return rc;
}

long addridx_block_at(const struct addridx *x, uint64_t raw_off)
{
	size_t lo = 0, hi = x->nblocks;

	/* The last block starting at or before raw_off. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (x->blocks[mid].at.raw_off <= raw_off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? (long)(lo - 1) : -1;
}

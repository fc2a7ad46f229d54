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
#include "bytes.h"
#include "bpfplan.h"

/* Layout (docs/index.md, "NAME.aidx"): a header, then records of type, length, CRC and body. */
#define AIDX_MAGIC "PKAX"
#define AIDX_VERSION 1
#define AIDX_VERSION_POSTINGS 2	/* the same, with postings after the union */
#define AIDX_GZIP 1
#define AIDX_HDR_LEN 16
#define AIDX_REC_HDR 12
#define AIDX_BLOCK 1
#define AIDX_UNION 2
#define AIDX_END 3
#define AIDX_PAGE 4
#define AIDX_DIR 5
#define AIDX_POINT_LEN 32
#define AIDX_END_BODY 88
#define AIDX_END_LEN (AIDX_REC_HDR + AIDX_END_BODY)
/* Version 2's end adds where the postings and their directory start. */
#define AIDX_END_BODY2 (AIDX_END_BODY + 16)
#define AIDX_END_LEN2 (AIDX_REC_HDR + AIDX_END_BODY2)
/* No record of a sane index comes near this: a larger length is damage. */
#define AIDX_MAX_REC (64u << 20)

/* pcap's LINKTYPE_RAW is DLT_RAW (12 on Linux) for the packet key extractor. */
#define LINKTYPE_RAW 101
#define DLT_RAW_LINUX 12

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

static uint32_t rec_crc(const uint8_t *rec, size_t len)
{
	return (uint32_t)crc32(crc32(0, rec, 8), rec + AIDX_REC_HDR, (uInt)(len - AIDX_REC_HDR));
}

/* Fills in the record header of rec (len bytes in all) and appends it. */
static int put_record(struct addridx_writer *w, uint8_t *rec, size_t len, uint32_t type)
{
	bytes_put32(rec, type);
	bytes_put32(rec + 4, (uint32_t)(len - AIDX_REC_HDR));
	bytes_put32(rec + 8, rec_crc(rec, len));
	if (bytes_write_all(w->fd, rec, len) < 0)
		return -1;
	w->off += len;
	return 0;
}

static void put_point(uint8_t *p, const struct pcapidx_point *at)
{
	bytes_put64(p, (uint64_t)at->first_ns);
	bytes_put64(p + 8, at->off);
	bytes_put64(p + 16, at->raw_off);
	bytes_put64(p + 24, at->packets_before);
}

static void get_point(const uint8_t *p, struct pcapidx_point *at)
{
	at->first_ns = (int64_t)bytes_get64(p);
	at->off = bytes_get64(p + 8);
	at->raw_off = bytes_get64(p + 16);
	at->packets_before = bytes_get64(p + 24);
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
	bytes_put32(hdr + 8, (uint32_t)linktype);
	bytes_put32(hdr + 12, (uint32_t)crc32(0, hdr, 12));
	w->b = addrset_builder_new(dlt);
	if (!w->b || bytes_write_all(w->fd, hdr, sizeof(hdr)) < 0) {
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
	bytes_put64(rec + AIDX_REC_HDR, union_off);
	bytes_put64(rec + AIDX_REC_HDR + 8, w->nblocks);
	bytes_put64(rec + AIDX_REC_HDR + 16, id->span);
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

int addridx_write_sets(int dirfd, const char *name, const struct addridx *x, int gzip,
		       const struct pcapidx_identity *id)
{
	struct addridx_writer w;
	int rc = -1;

	if (addridx_writer_open(&w, dirfd, name, x->linktype, gzip) < 0)
		return -1;
	for (size_t b = 0; b < x->nblocks; b++)
		if (write_block(&w, &x->blocks[b]) < 0)
			goto out;
	if (write_end(&w, id) == 0 && fchmod(w.fd, 0440) == 0)
		rc = 0;
out:
	addridx_writer_abort(&w);
	if (rc < 0)
		unlinkat(dirfd, name, 0);
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
	int version;
	uint64_t postings_off, dir_off;	/* version 2 */
	int have_dir;
	uint64_t nblocks;	/* as the end says */
	size_t maxblocks;
	uint64_t union_off;
	int have_union;
	struct pcapidx_identity id;
};

static int check_header(const uint8_t *h, struct addridx *x, struct parse *ps)
{
	if (memcmp(h, AIDX_MAGIC, 4) || (h[4] != AIDX_VERSION && h[4] != AIDX_VERSION_POSTINGS) ||
	    h[5] || bytes_get32(h + 12) != (uint32_t)crc32(0, h, 12))
		return -1;
	ps->gzip = h[6] & AIDX_GZIP;
	ps->version = h[4];
	x->postings = h[4] == AIDX_VERSION_POSTINGS;
	x->linktype = (int)bytes_get32(h + 8);
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

	/* Version 2 holds its blocks in the postings only. */
	if (ps->have_union || len < AIDX_POINT_LEN || ps->version == AIDX_VERSION_POSTINGS)
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

static size_t end_body(const struct parse *ps)
{
	return ps->version == AIDX_VERSION_POSTINGS ? AIDX_END_BODY2 : AIDX_END_BODY;
}

static int take_end(struct parse *ps, const struct addridx *x, const uint8_t *body, size_t len)
{
	/* Version 2's blocks are counted by its directory (parse_dir). */
	if (!ps->have_union || len != end_body(ps) || bytes_get64(body) != ps->union_off ||
	    (ps->version != AIDX_VERSION_POSTINGS && bytes_get64(body + 8) != x->nblocks))
		return -1;
	if (ps->version == AIDX_VERSION_POSTINGS) {
		ps->postings_off = bytes_get64(body + AIDX_END_BODY);
		ps->dir_off = bytes_get64(body + AIDX_END_BODY + 8);
		if (ps->postings_off <= ps->union_off || ps->dir_off < ps->postings_off)
			return -1;
	}
	ps->nblocks = bytes_get64(body + 8);
	ps->id.span = bytes_get64(body + 16);
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

	if (left < AIDX_REC_HDR || (blen = bytes_get32(rec + 4)) > AIDX_MAX_REC ||
	    blen > left - AIDX_REC_HDR || bytes_get32(rec + 8) != rec_crc(rec, AIDX_REC_HDR + blen))
		return 1;
	*pos += AIDX_REC_HDR + blen;
	switch (bytes_get32(rec)) {
	case AIDX_BLOCK:
		return take_block(ps, x, rec + AIDX_REC_HDR, blen);
	case AIDX_UNION:
		if (ps->have_union)
			return -1;
		n = addridx_decode_set(rec + AIDX_REC_HDR, blen, &x->file);
		ps->have_union = 1;
		ps->union_off = (uint64_t)(rec - ps->p);
		return n < 0 || (size_t)n != blen ? -1 : 0;
	case AIDX_PAGE:
		/* Postings: checked by their CRC here, read by addridx_load_for. */
		return ps->version == AIDX_VERSION_POSTINGS && ps->have_union && !ps->have_dir ? 0 : -1;
	case AIDX_DIR:
		if (ps->version != AIDX_VERSION_POSTINGS || !ps->have_union || ps->have_dir)
			return -1;
		ps->have_dir = 1;
		return 0;
	case AIDX_END:
		if (take_end(ps, x, rec + AIDX_REC_HDR, blen) < 0 || *pos != ps->len ||
		    (ps->version == AIDX_VERSION_POSTINGS && !ps->have_dir))
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

/* Where records come from: an index open on fd, or the whole of it in memory (mem). */
struct src {
	int fd;
	const uint8_t *mem;	/* bytes memoff to memoff + memlen of the index, or NULL */
	size_t memlen;
	uint64_t memoff;
};

/* len bytes at off: from memory when they are there, else read. */
static int src_read(const struct src *sr, uint8_t *buf, size_t len, uint64_t off)
{
	if (sr->mem && off >= sr->memoff && off - sr->memoff <= sr->memlen &&
	    len <= sr->memlen - (off - sr->memoff)) {
		memcpy(buf, sr->mem + (off - sr->memoff), len);
		return 0;
	}
	return sr->fd >= 0 ? bytes_pread_all(sr->fd, buf, len, off) : -1;
}

/* As the number of a plan's ranges: every value (a whole load). */
#define WANT_ALL ((size_t)-1)

struct want;
/* Version 2's blocks, from its directory and pages ("Postings" below). */
static int take_postings(const struct src *sr, const struct parse *ps, uint64_t size,
			 const struct want *wt, size_t nw, uint64_t datasize, struct addridx *x);

/* Every record of the index in ps->p: 0, or -1 if one is untrustworthy. */
static int parse_all(struct parse *ps, struct addridx *x)
{
	size_t pos = AIDX_HDR_LEN;
	int rc;

	if (ps->len < AIDX_HDR_LEN || check_header(ps->p, x, ps) < 0)
		return -1;
	while ((rc = take_record(ps, x, &pos)) == 0)
		;
	return rc < 0 ? -1 : 0;
}

int addridx_load(int dirfd, const char *name, int datafd, const char *dataname, uint64_t datasize,
		 struct addridx *x)
{
	struct parse ps = { 0 };
	uint8_t *buf;

	memset(x, 0, sizeof(*x));
	if (read_whole(dirfd, name, &buf, &ps.len) < 0)
		return -1;
	ps.p = buf;
	if (parse_all(&ps, x) < 0)
		goto bad;
	/* Version 2: the blocks are in the postings, every page read (from memory). */
	if (ps.version == AIDX_VERSION_POSTINGS &&
	    (!x->complete || take_postings(&(struct src){ -1, buf, ps.len, 0 }, &ps, ps.len, NULL,
					   WANT_ALL, datafd >= 0 ? datasize : 0, x) < 0))
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

/* The header and the end record of the index open on fd: two small reads. */
static int read_ends(const struct src *sr, struct addridx *x, struct parse *ps, uint64_t *size)
{
	uint8_t hdr[AIDX_HDR_LEN], end[AIDX_END_LEN2];
	size_t elen;
	struct stat st;

	if (fstat(sr->fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size < AIDX_HDR_LEN ||
	    src_read(sr, hdr, sizeof(hdr), 0) < 0 || check_header(hdr, x, ps) < 0)
		return -1;
	elen = AIDX_REC_HDR + end_body(ps);
	if ((uint64_t)st.st_size < AIDX_HDR_LEN + AIDX_REC_HDR + elen ||
	    src_read(sr, end, elen, (uint64_t)st.st_size - elen) < 0 ||
	    bytes_get32(end) != AIDX_END || bytes_get32(end + 4) != end_body(ps) ||
	    bytes_get32(end + 8) != rec_crc(end, elen))
		return -1;
	*size = (uint64_t)st.st_size;
	ps->union_off = bytes_get64(end + AIDX_REC_HDR);
	ps->have_union = 1;
	if (ps->union_off < AIDX_HDR_LEN || ps->union_off > *size - elen - AIDX_REC_HDR ||
	    take_end(ps, &(struct addridx){ .nblocks = bytes_get64(end + AIDX_REC_HDR + 8) },
		     end + AIDX_REC_HDR, end_body(ps)) < 0)
		return -1;
	/* Version 2: the postings lie between the union and the end, the directory last. */
	if (ps->version == AIDX_VERSION_POSTINGS &&
	    (ps->postings_off - ps->union_off < AIDX_REC_HDR ||
	     ps->dir_off > *size - elen - AIDX_REC_HDR))
		return -1;
	return 0;
}

/* Where the union record ends: the end record, or (version 2) the first page. */
static uint64_t union_end(const struct parse *ps, uint64_t size)
{
	return ps->version == AIDX_VERSION_POSTINGS ? ps->postings_off
						      : size - AIDX_REC_HDR - end_body(ps);
}

/* The union record, which must fill the space between union_off and the end record. */
static int read_union(int fd, const struct parse *ps, uint64_t size, struct addridx *x)
{
	size_t len = (size_t)(union_end(ps, size) - ps->union_off);
	uint8_t *rec = len <= AIDX_MAX_REC ? malloc(len) : NULL;
	int rc = -1;
	long n;

	if (!rec || bytes_pread_all(fd, rec, len, ps->union_off) < 0 || bytes_get32(rec) != AIDX_UNION ||
	    bytes_get32(rec + 4) != len - AIDX_REC_HDR || bytes_get32(rec + 8) != rec_crc(rec, len))
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
	if (read_ends(&(struct src){ fd, NULL, 0, 0 }, x, &ps, &size) == 0 &&
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
	if (read_ends(&(struct src){ fd, NULL, 0, 0 }, &x, &ps, &size) == 0 &&
	    ps.id.span == id->span &&
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

/* ---- Postings (docs/index.md, "Postings") ---- */

/* Values a page: a rare value costs one page read, a page stays a few KiB. */
#define POST_PAGE 128
/* Read at once from the end of an index by a plan's load (a 100 MB file's directory: 26 KB). */
#define POST_TAIL (64 * 1024)
/* More plan terms than this and the index is loaded whole. */
#define POST_MAXTERMS 64

enum { K_IP4, K_IP6, K_PORT, K_VLAN, K_N };

/* Each kind's values as keys: big-endian, so memcmp over the width orders them as numbers. */
static const size_t key_width[K_N] = { 4, 16, 2, 2 };

static uint32_t set_count(const struct addrset *s, int k)
{
	return k == K_IP4 ? s->n4 : k == K_IP6 ? s->n6 : k == K_PORT ? s->nport : s->nvlan;
}

static void set_key(const struct addrset *s, int k, uint32_t i, uint8_t key[16])
{
	uint32_t v = k == K_IP4 ? s->ip4[i] : k == K_PORT ? s->port[i] : k == K_VLAN ? s->vlan[i] : 0;

	if (k == K_IP6) {
		memcpy(key, s->ip6[i], 16);
		return;
	}
	for (size_t b = 0; b < key_width[k]; b++)
		key[b] = (uint8_t)(v >> (8 * (key_width[k] - 1 - b)));
}

static uint32_t key_value(int k, const uint8_t *key)
{
	uint32_t v = 0;

	for (size_t b = 0; b < key_width[k]; b++)
		v = v << 8 | key[b];
	return v;
}

/* For one kind, the blocks holding each value of the union u (compressed rows: start has n + 1). */
struct inverted {
	uint32_t n;
	uint32_t *start;
	uint32_t *blocks;
};

/*
 * The first index at or after j whose value is not below v, in a sorted
 * array of n: galloping, then a binary search, so a block's few thousand
 * values cost a few steps each in a union of a hundred thousand. One per
 * key type, the comparison inline (a call per step through a switch was
 * 40 % of adopting 64-byte files, perf).
 */
#define SEEK_FN(name, type, LESS) \
static uint32_t name(const type *u, uint32_t n, uint32_t j, const type *v) \
{ \
	uint32_t lo = j, step = 1, hi; \
\
	while (lo + step < n && LESS(&u[lo + step], v)) { \
		lo += step; \
		step *= 2; \
	} \
	hi = lo + step < n ? lo + step : n; \
	while (lo < hi) { \
		uint32_t mid = lo + (hi - lo) / 2; \
\
		if (LESS(&u[mid], v)) \
			lo = mid + 1; \
		else \
			hi = mid; \
	} \
	return lo; \
}
#define LESS_NUM(a, b) (*(a) < *(b))
#define LESS_IP6(a, b) (memcmp(*(a), *(b), 16) < 0)
SEEK_FN(seek16, uint16_t, LESS_NUM)
SEEK_FN(seek32, uint32_t, LESS_NUM)
SEEK_FN(seek128, ip6_t, LESS_IP6)

/*
 * Block s's values of kind k as indexes into the union u (both sorted), in
 * pos: -1 when a value of the block is not in the union. With at16, the
 * union's index of every 16-bit value (UINT32_MAX where it has none), a
 * port or VLAN id is one load instead of a search.
 */
static int positions(const struct addrset *u, const struct addrset *s, int k, const uint32_t *at16,
		     uint32_t *pos)
{
	uint32_t n = set_count(u, k), m = set_count(s, k), j = 0;

	if (at16) {
		const uint16_t *v = k == K_PORT ? s->port : s->vlan;

		for (uint32_t i = 0; i < m; i++)
			if ((pos[i] = at16[v[i]]) == UINT32_MAX)
				return -1;
		return 0;
	}
	for (uint32_t i = 0; i < m; i++, j++) {
		switch (k) {
		case K_PORT:
		case K_VLAN: {
			const uint16_t *uv = k == K_PORT ? u->port : u->vlan;
			const uint16_t *sv = k == K_PORT ? s->port : s->vlan;

			j = seek16(uv, n, j, &sv[i]);
			if (j == n || uv[j] != sv[i])
				return -1;
			break;
		}
		case K_IP4:
			j = seek32(u->ip4, n, j, &s->ip4[i]);
			if (j == n || u->ip4[j] != s->ip4[i])
				return -1;
			break;
		case K_IP6:
			j = seek128(u->ip6, n, j, &s->ip6[i]);
			if (j == n || memcmp(u->ip6[j], s->ip6[i], 16))
				return -1;
			break;
		default:
			return -1;
		}
		pos[i] = j;
	}
	return 0;
}

/* A file whose blocks hold this many port or VLAN values in all uses a 65,536-entry table. */
#define AT16_MIN 16384

/* One search per (block, value): the positions are kept for the counting and the placing. */
static int invert(const struct addridx *x, const struct addrset *u, int k, struct inverted *iv)
{
	uint32_t *pos = NULL, *next = NULL, *at16 = NULL;
	size_t total = 0, at = 0;
	int rc = -1;

	iv->n = set_count(u, k);
	iv->start = calloc((size_t)iv->n + 1, sizeof(uint32_t));
	iv->blocks = NULL;
	for (size_t b = 0; b < x->nblocks; b++)
		total += set_count(&x->blocks[b].set, k);
	pos = malloc((total + 1) * sizeof(uint32_t));
	if (!iv->start || !pos)
		goto out;
	/*
	 * The table costs 256 KiB written (and, above malloc's mmap threshold,
	 * 64 page faults) however few the values: for a small file's few
	 * hundred it was most of adopting it (perf, 5,000 8 KiB files).
	 */
	if ((k == K_PORT || k == K_VLAN) && total >= AT16_MIN) {
		const uint16_t *v = k == K_PORT ? u->port : u->vlan;

		if (!(at16 = malloc(65536 * sizeof(uint32_t))))
			goto out;
		memset(at16, 0xff, 65536 * sizeof(uint32_t));
		for (uint32_t j = 0; j < iv->n; j++)
			at16[v[j]] = j;
	}
	for (size_t b = 0; b < x->nblocks; b++) {
		if (positions(u, &x->blocks[b].set, k, at16, pos + at) < 0)
			goto out;
		at += set_count(&x->blocks[b].set, k);
	}
	for (size_t i = 0; i < total; i++)
		iv->start[pos[i] + 1]++;
	for (uint32_t j = 0; j < iv->n; j++)
		iv->start[j + 1] += iv->start[j];
	iv->blocks = malloc((total + 1) * sizeof(uint32_t));
	next = malloc(((size_t)iv->n + 1) * sizeof(uint32_t));
	if (!iv->blocks || !next)
		goto out;
	memcpy(next, iv->start, (size_t)iv->n * sizeof(uint32_t));
	at = 0;
	for (size_t b = 0; b < x->nblocks; b++)
		for (uint32_t i = 0; i < set_count(&x->blocks[b].set, k); i++)
			iv->blocks[next[pos[at++]]++] = (uint32_t)b;
	rc = 0;
out:
	free(pos);
	free(next);
	free(at16);
	return rc;
}

static void inverted_free(struct inverted *iv)
{
	free(iv->start);
	free(iv->blocks);
	memset(iv, 0, sizeof(*iv));
}

/* One value's blocks: a bitmap when in one block of 8 or more, else first and differences. */
static int put_row(struct out *o, const uint32_t *b, uint32_t c, uint64_t nblocks)
{
	size_t nbytes = (size_t)((nblocks + 7) / 8);
	int bitmap = (uint64_t)c * 8 >= nblocks;

	if (reserve(o, 10 + (bitmap ? nbytes : (size_t)c * 5)) < 0)
		return -1;
	put_varint(o, (uint64_t)c << 1 | (unsigned)bitmap);
	if (bitmap) {
		memset(*o->buf + o->len, 0, nbytes);
		for (uint32_t i = 0; i < c; i++)
			(*o->buf)[o->len + b[i] / 8] |= (uint8_t)(1u << (b[i] % 8));
		o->len += nbytes;
		return 0;
	}
	for (uint32_t i = 0; i < c; i++)
		put_varint(o, i ? b[i] - b[i - 1] : b[i]);
	return 0;
}

/* Page record body: kind, count, the values (as in a set), each value's row. */
static int encode_page(struct out *o, const struct addrset *u, int k, uint32_t from, uint32_t n,
		       const struct inverted *iv, uint64_t nblocks)
{
	o->len = AIDX_REC_HDR;
	if (reserve(o, 11 + (size_t)n * 17) < 0)
		return -1;
	(*o->buf)[o->len++] = (uint8_t)k;
	put_varint(o, n);
	if (k == K_IP4)
		put_deltas32(o, u->ip4 + from, n);
	else if (k == K_IP6)
		put_ip6(o, (const uint8_t (*)[16])(u->ip6 + from), n);
	else
		put_deltas16(o, (k == K_PORT ? u->port : u->vlan) + from, n);
	for (uint32_t i = from; i < from + n; i++)
		if (put_row(o, iv->blocks + iv->start[i], iv->start[i + 1] - iv->start[i], nblocks) < 0)
			return -1;
	return 0;
}

/* The directory's block table: each block's point and small fields. */
static int encode_blocks(struct out *o, const struct addridx *x)
{
	if (reserve(o, 10 + x->nblocks * (AIDX_POINT_LEN + 21 + 32)) < 0)
		return -1;
	put_varint(o, x->nblocks);
	for (size_t b = 0; b < x->nblocks; b++) {
		const struct addrset *s = &x->blocks[b].set;
		uint8_t nproto = 32;

		while (nproto && !s->proto[nproto - 1])
			nproto--;
		put_point(*o->buf + o->len, &x->blocks[b].at);
		o->len += AIDX_POINT_LEN;
		put_varint(o, s->flags);
		put_varint(o, s->l3);
		(*o->buf)[o->len++] = nproto;
		memcpy(*o->buf + o->len, s->proto, nproto);
		o->len += nproto;
	}
	return 0;
}

/* Writes one kind's pages and appends their directory entries to dir. */
static int write_pages(struct addridx_writer *w, const struct addridx *x, const struct addrset *u,
		       int k, struct out *dir)
{
	struct inverted iv;
	struct out o = { &w->buf, &w->cap, 0 };
	uint32_t npages;
	int rc = -1;

	if (invert(x, u, k, &iv) < 0)
		goto out;
	npages = (iv.n + POST_PAGE - 1) / POST_PAGE;
	if (reserve(dir, 10 + (size_t)npages * (16 + 20)) < 0)
		goto out;
	put_varint(dir, npages);
	for (uint32_t pg = 0; pg < npages; pg++) {
		uint32_t from = pg * POST_PAGE, n = iv.n - from < POST_PAGE ? iv.n - from : POST_PAGE;
		uint64_t at = w->off;

		if (encode_page(&o, u, k, from, n, &iv, x->nblocks) < 0 ||
		    put_record(w, w->buf, o.len, AIDX_PAGE) < 0)
			goto out;
		set_key(u, k, from, *dir->buf + dir->len);
		dir->len += key_width[k];
		put_varint(dir, at);
		put_varint(dir, o.len);
	}
	rc = 0;
out:
	inverted_free(&iv);
	return rc;
}

/* Everything after the union: the pages, the directory and the version 2 end. */
static int write_postings(struct addridx_writer *w, const struct addridx *x,
			  const struct addrset *u, const uint8_t *end_body1)
{
	uint8_t *dbuf = NULL, rec[AIDX_END_LEN2];
	size_t dcap = 0;
	struct out dir = { &dbuf, &dcap, AIDX_REC_HDR };
	uint64_t postings_off = w->off, dir_off;
	int rc = -1;

	if (reserve(&dir, 0) < 0 || encode_blocks(&dir, x) < 0)
		goto out;
	for (int k = 0; k < K_N; k++)
		if (write_pages(w, x, u, k, &dir) < 0)
			goto out;
	dir_off = w->off;
	if (put_record(w, dbuf, dir.len, AIDX_DIR) < 0)
		goto out;
	memcpy(rec + AIDX_REC_HDR, end_body1, AIDX_END_BODY);
	bytes_put64(rec + AIDX_REC_HDR, AIDX_HDR_LEN);	/* the union now follows the header */
	bytes_put64(rec + AIDX_REC_HDR + AIDX_END_BODY, postings_off);
	bytes_put64(rec + AIDX_REC_HDR + AIDX_END_BODY + 8, dir_off);
	rc = put_record(w, rec, sizeof(rec), AIDX_END);
out:
	free(dbuf);
	return rc;
}

/* The header as version 2, then src's union: its block records are what the postings replace. */
static int copy_head(struct addridx_writer *w, const uint8_t *src, const struct parse *ps)
{
	uint8_t hdr[AIDX_HDR_LEN];
	size_t ulen = ps->len - AIDX_END_LEN - (size_t)ps->union_off;

	memcpy(hdr, src, AIDX_HDR_LEN);
	hdr[4] = AIDX_VERSION_POSTINGS;
	bytes_put32(hdr + 12, (uint32_t)crc32(0, hdr, 12));
	if (bytes_write_all(w->fd, hdr, sizeof(hdr)) < 0 ||
	    bytes_write_all(w->fd, src + ps->union_off, ulen) < 0)
		return -1;
	w->off = AIDX_HDR_LEN + ulen;
	return 0;
}

int addridx_write_postings(int dirfd, const char *src, const char *dst,
			   const struct pcapidx_identity *id)
{
	struct addridx_writer w = { .fd = -1 };
	struct addridx x = { 0 };
	struct parse ps = { 0 };
	uint8_t *buf = NULL;
	int rc = -1;

	if (read_whole(dirfd, src, &buf, &ps.len) < 0)
		return -1;
	ps.p = buf;
	if (parse_all(&ps, &x) < 0 || !x.complete || ps.id.span != id->span ||
	    memcmp(ps.id.name, id->name, 32) || memcmp(ps.id.ends, id->ends, 32))
		goto out;
	if (ps.version == AIDX_VERSION_POSTINGS) {
		rc = 1;
		goto out;
	}
	/*
	 * Rows are made against the stored union; one that says "all" (the
	 * writer ran out of memory) may lack values: the blocks' own then.
	 */
	if ((x.file.flags & ADDRSET_ALL) && (addrset_free(&x.file), union_of_blocks(&x) < 0))
		goto out;
	w.fd = openat(dirfd, dst, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (w.fd < 0 || copy_head(&w, buf, &ps) < 0 ||
	    write_postings(&w, &x, &x.file, buf + ps.len - AIDX_END_BODY) < 0 || fchmod(w.fd, 0440) < 0)
		goto out;
	rc = 0;
out:
	if (w.fd >= 0)
		close(w.fd);
	free(w.buf);
	if (rc < 0 && w.fd >= 0)
		unlinkat(dirfd, dst, 0);
	addridx_free(&x);
	free(buf);
	return rc;
}

/* The directory: the block table, then each kind's pages (first key, offset, length). */
struct dir_page {
	uint8_t first[16];
	uint64_t off;
	uint64_t len;
};

struct dir {
	struct dir_page *pages[K_N];
	uint64_t npages[K_N];
};

static void dir_free(struct dir *d)
{
	for (int k = 0; k < K_N; k++)
		free(d->pages[k]);
}

static int get_block_row(const uint8_t *p, size_t len, size_t *pos, const struct parse *ps,
			 struct addridx *x)
{
	struct addridx_block *blk = &x->blocks[x->nblocks];
	uint64_t v;

	if (len - *pos < AIDX_POINT_LEN)
		return -1;
	get_point(p + *pos, &blk->at);
	*pos += AIDX_POINT_LEN;
	if (!point_follows(x, &blk->at, ps->gzip) || get_varint(p, len, pos, UINT32_MAX, &v) < 0)
		return -1;
	blk->set.flags = (uint32_t)v;
	if (get_varint(p, len, pos, UINT32_MAX, &v) < 0 || *pos >= len || p[*pos] > 32 ||
	    len - *pos - 1 < p[*pos])
		return -1;
	blk->set.l3 = (uint32_t)v;
	memcpy(blk->set.proto, p + *pos + 1, p[*pos]);
	*pos += 1u + p[*pos];
	x->nblocks++;
	return 0;
}

/* A kind's page entries: keys increasing, each page between the union and the directory. */
static int get_pages(const uint8_t *p, size_t len, size_t *pos, const struct parse *ps, int k,
		     struct dir *d)
{
	size_t w = key_width[k];
	uint64_t n;

	if (get_varint(p, len, pos, (len - *pos) / (w + 2), &n) < 0 ||
	    (n && !(d->pages[k] = calloc(n, sizeof(struct dir_page)))))
		return -1;
	d->npages[k] = n;
	for (uint64_t i = 0; i < n; i++) {
		struct dir_page *pg = &d->pages[k][i];

		if (len - *pos < w)
			return -1;
		memcpy(pg->first, p + *pos, w);
		*pos += w;
		if ((i && memcmp(pg->first, pg[-1].first, w) <= 0) ||
		    get_varint(p, len, pos, ps->dir_off, &pg->off) < 0 ||
		    get_varint(p, len, pos, AIDX_MAX_REC, &pg->len) < 0 ||
		    pg->off < ps->postings_off || pg->len < AIDX_REC_HDR ||
		    pg->len > ps->dir_off - pg->off)
			return -1;
	}
	return 0;
}

static int parse_dir(const uint8_t *p, size_t len, const struct parse *ps, struct addridx *x,
		     struct dir *d)
{
	size_t pos = 0;
	uint64_t n;

	if (get_varint(p, len, &pos, len / (AIDX_POINT_LEN + 3), &n) < 0 || n != ps->nblocks ||
	    (n && !(x->blocks = calloc(n, sizeof(*x->blocks)))))
		return -1;
	while (x->nblocks < n)
		if (get_block_row(p, len, &pos, ps, x) < 0)
			return -1;
	for (int k = 0; k < K_N; k++)
		if (get_pages(p, len, &pos, ps, k, d) < 0)
			return -1;
	return pos == len ? 0 : -1;
}

/* A record of type at off, len bytes in all, read whole and its CRC checked; NULL otherwise. */
/*
 * A record of type at off, len bytes in all, its CRC checked: read into a
 * buffer to free (*own), or pointing into memory. NULL otherwise.
 */
static const uint8_t *get_record(const struct src *sr, uint64_t off, uint64_t len, uint32_t type,
				 uint8_t **own)
{
	const uint8_t *rec = NULL;

	*own = NULL;
	if (len < AIDX_REC_HDR || len > AIDX_MAX_REC)
		return NULL;
	if (sr->mem && off >= sr->memoff && off - sr->memoff <= sr->memlen &&
	    len <= sr->memlen - (off - sr->memoff))
		rec = sr->mem + (off - sr->memoff);
	else if ((*own = malloc(len)) && src_read(sr, *own, len, off) == 0)
		rec = *own;
	if (rec && (bytes_get32(rec) != type || bytes_get32(rec + 4) != len - AIDX_REC_HDR ||
		    bytes_get32(rec + 8) != rec_crc(rec, len)))
		rec = NULL;
	if (!rec) {
		free(*own);
		*own = NULL;
	}
	return rec;
}

/* The plan's ranges as keys, per kind. */
struct want {
	int kind;
	uint8_t lo[16], hi[16];
};

static size_t plan_wants(const struct bpfplan *p, struct want *wt)
{
	struct bpfplan_term t[POST_MAXTERMS];
	size_t n = bpfplan_terms(p, t, POST_MAXTERMS);
	struct addrset s = { 0 };
	uint32_t v4[2];
	uint16_t v16[2];

	if (n > POST_MAXTERMS)
		return n;
	for (size_t i = 0; i < n; i++) {
		wt[i].kind = t[i].kind == BPFPLAN_IP4 ? K_IP4 : t[i].kind == BPFPLAN_IP6 ? K_IP6 :
			     t[i].kind == BPFPLAN_PORT ? K_PORT : K_VLAN;
		v4[0] = t[i].lo4;
		v4[1] = t[i].hi4;
		v16[0] = t[i].lo;
		v16[1] = t[i].hi;
		s.ip4 = v4;
		s.port = s.vlan = v16;
		s.ip6 = (uint8_t (*)[16])wt[i].lo;
		memcpy(wt[i].lo, t[i].lo6, 16);
		memcpy(wt[i].hi, t[i].hi6, 16);
		if (wt[i].kind != K_IP6) {
			set_key(&s, wt[i].kind, 0, wt[i].lo);
			set_key(&s, wt[i].kind, 1, wt[i].hi);
		}
	}
	return n;
}

static int wanted(const struct want *wt, size_t n, int k, const uint8_t *key)
{
	if (n == WANT_ALL)
		return 1;
	for (size_t i = 0; i < n; i++)
		if (wt[i].kind == k && memcmp(key, wt[i].lo, key_width[k]) >= 0 &&
		    memcmp(key, wt[i].hi, key_width[k]) <= 0)
			return 1;
	return 0;
}

/* Whether page i of kind k can hold a value of a range (its values end below the next page's). */
static int page_wanted(const struct dir *d, int k, uint64_t i, const struct want *wt, size_t n)
{
	size_t w = key_width[k];

	if (n == WANT_ALL)
		return 1;
	for (size_t t = 0; t < n; t++)
		if (wt[t].kind == k && memcmp(d->pages[k][i].first, wt[t].hi, w) <= 0 &&
		    (i + 1 == d->npages[k] || memcmp(d->pages[k][i + 1].first, wt[t].lo, w) > 0))
			return 1;
	return 0;
}

/* The (block, value) pairs found for one kind, spread into the blocks' sets at the end. */
struct hit {
	uint32_t block;
	uint8_t key[16];
};

struct hits {
	struct hit *h;
	size_t n, max;
};

static int add_hit(struct hits *hs, uint32_t block, const uint8_t *key)
{
	if (hs->n == hs->max) {
		size_t m = hs->max ? hs->max * 2 : 64;
		struct hit *nh = realloc(hs->h, m * sizeof(*nh));

		if (!nh)
			return -1;
		hs->h = nh;
		hs->max = m;
	}
	hs->h[hs->n].block = block;
	memcpy(hs->h[hs->n++].key, key, 16);
	return 0;
}

/* Reads one value's row; its blocks go to hs when keep. */
static int get_row(const uint8_t *p, size_t len, size_t *pos, uint64_t nblocks, int keep,
		   const uint8_t *key, struct hits *hs)
{
	uint64_t h, c, b = 0, d;
	size_t nbytes = (size_t)((nblocks + 7) / 8);

	if (get_varint(p, len, pos, (uint64_t)UINT32_MAX << 1 | 1, &h) < 0)
		return -1;
	c = h >> 1;
	if (h & 1) {
		if (len - *pos < nbytes)
			return -1;
		for (uint64_t i = 0; i < nblocks; i++)
			if ((p[*pos + i / 8] >> (i % 8) & 1) && keep && add_hit(hs, (uint32_t)i, key) < 0)
				return -1;
		*pos += nbytes;
		return 0;
	}
	for (uint64_t i = 0; i < c; i++) {
		if (get_varint(p, len, pos, nblocks, &d) < 0 || (i && !d) || b + d >= nblocks)
			return -1;
		b = i ? b + d : d;
		if (keep && add_hit(hs, (uint32_t)b, key) < 0)
			return -1;
	}
	return 0;
}

/* The next value of a page as a key, from the one before (in key); -1 if not strictly greater. */
static int get_key(const uint8_t *p, size_t len, size_t *pos, int k, uint32_t i, uint8_t *key)
{
	uint64_t d, max = k == K_IP4 ? UINT32_MAX : k == K_PORT ? 65535 : 4095;
	struct addrset s = { 0 };
	uint32_t v4;
	uint16_t v16;
	uint8_t same;

	if (k == K_IP6) {
		if (*pos >= len)
			return -1;
		same = p[(*pos)++];
		if (same > 15 || (!i && same) || len - *pos < 16u - same ||
		    (i && p[*pos] <= key[same]))
			return -1;
		memcpy(key + same, p + *pos, 16u - same);
		*pos += 16u - same;
		return 0;
	}
	if (get_varint(p, len, pos, max, &d) < 0 || (i && !d))
		return -1;
	d += i ? key_value(k, key) : 0;
	if (d > max)
		return -1;
	v4 = (uint32_t)d;
	v16 = (uint16_t)d;
	s.ip4 = &v4;
	s.port = s.vlan = &v16;
	set_key(&s, k, 0, key);
	return 0;
}

/*
 * Page i of kind k: its first value the directory's, every value below the
 * next page's first, then each value's row; the wanted ones' blocks into hs.
 */
static int take_page(const uint8_t *p, size_t len, const struct dir *d, int k, uint64_t i,
		     uint64_t nblocks, const struct want *wt, size_t nw, struct hits *hs)
{
	size_t pos = 1, w = key_width[k];
	uint8_t (*keys)[16] = NULL;
	uint64_t n, v;
	int rc = -1;

	if (len < 1 || p[0] != k || get_varint(p, len, &pos, POST_PAGE, &n) < 0 || !n ||
	    !(keys = calloc(n, 16)))
		return -1;
	for (v = 0; v < n; v++) {
		if (v)
			memcpy(keys[v], keys[v - 1], 16);
		if (get_key(p, len, &pos, k, (uint32_t)v, keys[v]) < 0 ||
		    (!v && memcmp(keys[v], d->pages[k][i].first, w)) ||
		    (i + 1 < d->npages[k] && memcmp(keys[v], d->pages[k][i + 1].first, w) >= 0))
			goto out;
	}
	for (v = 0; v < n; v++)
		if (get_row(p, len, &pos, nblocks, wanted(wt, nw, k, keys[v]), keys[v], hs) < 0)
			goto out;
	rc = pos == len ? 0 : -1;
out:
	free(keys);
	return rc;
}

/* Room for m values of kind k in s. */
static int alloc_kind(struct addrset *s, int k, size_t m)
{
	if (k == K_IP4)
		return (s->ip4 = calloc(m, 4)) ? 0 : -1;
	if (k == K_IP6)
		return (s->ip6 = calloc(m, 16)) ? 0 : -1;
	if (k == K_PORT)
		return (s->port = calloc(m, 2)) ? 0 : -1;
	return (s->vlan = calloc(m, 2)) ? 0 : -1;
}

static void put_kind(struct addrset *s, int k, const uint8_t *key)
{
	if (k == K_IP4)
		s->ip4[s->n4++] = key_value(k, key);
	else if (k == K_IP6)
		memcpy(s->ip6[s->n6++], key, 16);
	else if (k == K_PORT)
		s->port[s->nport++] = (uint16_t)key_value(k, key);
	else
		s->vlan[s->nvlan++] = (uint16_t)key_value(k, key);
}

/*
 * Spreads the hits of kind k into the blocks' sets. The pages were read in
 * order and each value once, so every block's values arrive increasing:
 * counting the hits per block is all the sorting needed.
 */
static int spread(struct addridx *x, int k, const struct hits *hs)
{
	size_t *count = calloc(x->nblocks + 1, sizeof(size_t));
	int rc = -1;

	if (!count)
		return -1;
	for (size_t i = 0; i < hs->n; i++)
		count[hs->h[i].block]++;
	for (size_t b = 0; b < x->nblocks; b++)
		if (count[b] && alloc_kind(&x->blocks[b].set, k, count[b]) < 0)
			goto out;
	for (size_t i = 0; i < hs->n; i++)
		put_kind(&x->blocks[hs->h[i].block].set, k, hs->h[i].key);
	rc = 0;
out:
	free(count);
	return rc;
}

/* Reads the pages of kind k that may hold a wanted value, and spreads what they say. */
static int read_kind(const struct src *sr, const struct dir *d, int k, const struct want *wt,
		     size_t nw, struct addridx *x)
{
	struct hits hs = { 0 };
	int rc = -1;

	for (uint64_t i = 0; i < d->npages[k]; i++) {
		const uint8_t *rec;
		uint8_t *own;
		int ok;

		if (!page_wanted(d, k, i, wt, nw))
			continue;
		rec = get_record(sr, d->pages[k][i].off, d->pages[k][i].len, AIDX_PAGE, &own);
		ok = rec && take_page(rec + AIDX_REC_HDR, (size_t)d->pages[k][i].len - AIDX_REC_HDR,
				      d, k, i, x->nblocks, wt, nw, &hs) == 0;
		free(own);
		if (!ok)
			goto out;
	}
	rc = spread(x, k, &hs);
out:
	free(hs.h);
	return rc;
}

/* The blocks from the directory and the wanted pages (nw WANT_ALL: every page). */
static int take_postings(const struct src *sr, const struct parse *ps, uint64_t size,
			 const struct want *wt, size_t nw, uint64_t datasize, struct addridx *x)
{
	struct dir d = { 0 };
	uint64_t dlen = size - AIDX_END_LEN2 - ps->dir_off;
	const uint8_t *rec;
	uint8_t *own = NULL;
	int rc = -1;

	if (!(rec = get_record(sr, ps->dir_off, dlen, AIDX_DIR, &own)) ||
	    parse_dir(rec + AIDX_REC_HDR, (size_t)dlen - AIDX_REC_HDR, ps, x, &d) < 0 ||
	    (datasize && !fits_file(x, datasize)))
		goto out;
	for (int k = 0; k < K_N; k++)
		if (read_kind(sr, &d, k, wt, nw, x) < 0)
			goto out;
	rc = 0;
out:
	free(own);
	dir_free(&d);
	return rc;
}

/* The reduced index for plan p; its union is its blocks'. */
static int load_postings(const struct src *sr, const struct parse *ps, uint64_t size,
			 const struct bpfplan *p, uint64_t datasize, struct addridx *x)
{
	struct want wt[POST_MAXTERMS];
	size_t nw = plan_wants(p, wt);

	if (nw > POST_MAXTERMS || take_postings(sr, ps, size, wt, nw, datasize, x) < 0 ||
	    union_of_blocks(x) < 0)
		return -1;
	x->complete = 1;
	x->reduced = 1;
	return 0;
}

/*
 * The last POST_TAIL bytes of the index (all of a small one) in one read:
 * the end and the directory, and for a small file every page, come from it.
 */
static uint8_t *read_tail(int fd, struct src *sr)
{
	struct stat st;
	size_t n;
	uint8_t *buf;

	sr->fd = fd;
	if (fstat(fd, &st) < 0 || st.st_size <= 0)
		return NULL;
	n = (uint64_t)st.st_size < POST_TAIL ? (size_t)st.st_size : POST_TAIL;
	buf = malloc(n);
	if (!buf || bytes_pread_all(fd, buf, n, (uint64_t)st.st_size - n) < 0) {
		free(buf);
		return NULL;
	}
	sr->mem = buf;
	sr->memlen = n;
	sr->memoff = (uint64_t)st.st_size - n;
	return buf;
}

int addridx_load_for(int dirfd, const char *name, int datafd, const char *dataname,
		     uint64_t datasize, const struct bpfplan *p, struct addridx *x)
{
	struct parse ps = { 0 };
	struct src sr = { -1, NULL, 0, 0 };
	uint8_t *tail;
	uint64_t size;
	int fd, rc = -1;

	memset(x, 0, sizeof(*x));
	if (!p || datafd < 0 || (fd = open_index(dirfd, name)) < 0)
		return addridx_load(dirfd, name, datafd, dataname, datasize, x);
	tail = read_tail(fd, &sr);
	if (read_ends(&sr, x, &ps, &size) == 0 && ps.version == AIDX_VERSION_POSTINGS &&
	    identity_matches(&ps.id, datafd, dataname, datasize) &&
	    load_postings(&sr, &ps, size, p, datasize, x) == 0)
		rc = 0;
	free(tail);
	close(fd);
	if (rc == 0)
		return 0;
	/* No postings, or damaged ones: the whole index, every record checked. */
	addridx_free(x);
	return addridx_load(dirfd, name, datafd, dataname, datasize, x);
}

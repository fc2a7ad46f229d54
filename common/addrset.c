/* addrset.c: the packet key extractor per link type and the sorted sets it builds, asked by binary search */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <endian.h>
#include <pcap/dlt.h>
#include <stdlib.h>
#include <string.h>

#include "addrset.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif
#define LINKTYPE_RAW 101	/* what some files say for DLT_RAW */

#define CACHE4 256		/* recent IPv4 addresses, so repeats do not grow the arrays */
#define CACHE6 64

/* A growable array of n elements of size sz. */
struct vec {
	void *v;
	uint32_t n, cap;
};

struct addrset_builder {
	int linktype;
	int oom;		/* an array could not grow since the last take */
	uint32_t flags, l3;
	uint8_t proto[32];
	struct vec ip4, ip6, port, vlan;
	uint32_t *sort4;	/* scratch for sorting ip4, ip4.cap long */
	uint32_t sort4cap;
	uint64_t cache4[CACHE4];	/* address | 1 << 32, 0 when empty */
	uint8_t cache6[CACHE6][17];	/* address, then 1 when used */
	uint8_t portbit[65536 / 8];	/* ports already in the port array */
	uint8_t vlanbit[4096 / 8];
};

static int vec_push(struct vec *a, const void *x, size_t sz)
{
	if (a->n == a->cap) {
		uint32_t cap = a->cap ? a->cap * 2 : 64;
		void *v = realloc(a->v, (size_t)cap * sz);

		if (!v)
			return -1;
		a->v = v;
		a->cap = cap;
	}
	memcpy((uint8_t *)a->v + (size_t)a->n * sz, x, sz);
	a->n++;
	return 0;
}

static void nomem(struct addrset_builder *b)
{
	b->oom = 1;
	b->flags |= ADDRSET_ALL;
}

static void add_ip4(struct addrset_builder *b, const uint8_t *p)
{
	uint32_t a = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	uint64_t key = a | 1ull << 32;
	uint32_t h = (a * 2654435761u) >> 24;

	if (b->cache4[h] == key)
		return;
	b->cache4[h] = key;
	if (vec_push(&b->ip4, &a, sizeof(a)))
		nomem(b);
}

static void add_ip6(struct addrset_builder *b, const uint8_t *p)
{
	uint32_t h = (uint32_t)(p[15] ^ p[14] * 7u ^ p[13] * 31u ^ p[11] * 131u) % CACHE6;

	if (b->cache6[h][16] && !memcmp(b->cache6[h], p, 16))
		return;
	memcpy(b->cache6[h], p, 16);
	b->cache6[h][16] = 1;
	if (vec_push(&b->ip6, p, 16))
		nomem(b);
}

static void add_port(struct addrset_builder *b, const uint8_t *p)
{
	uint16_t port = (uint16_t)(p[0] << 8 | p[1]);

	if (b->portbit[port >> 3] & (1u << (port & 7)))
		return;
	if (vec_push(&b->port, &port, sizeof(port))) {
		nomem(b);
		return;
	}
	b->portbit[port >> 3] |= (uint8_t)(1u << (port & 7));
}

static void add_vlan(struct addrset_builder *b, uint16_t vid)
{
	b->l3 |= ADDRSET_L3_VLAN;
	if (b->vlanbit[vid >> 3] & (1u << (vid & 7)))
		return;
	if (vec_push(&b->vlan, &vid, sizeof(vid))) {
		nomem(b);
		return;
	}
	b->vlanbit[vid >> 3] |= (uint8_t)(1u << (vid & 7));
}

static void add_proto(struct addrset_builder *b, uint8_t proto)
{
	b->proto[proto >> 3] |= (uint8_t)(1u << (proto & 7));
}

/* The ports BPF reads at the transport header at p (len bytes captured), for TCP, UDP and SCTP. */
static void add_ports(struct addrset_builder *b, uint8_t proto, const uint8_t *p, long len)
{
	if (proto != 6 && proto != 17 && proto != 132)
		return;
	if (len >= 2)
		add_port(b, p);
	if (len >= 4)
		add_port(b, p + 2);
}

/*
 * IPv4 as BPF reads it: addresses at 12 and 16, protocol at 9, ports at
 * 4 * IHL (whatever IHL says, as BPF does) of fragments with offset 0.
 */
static void add_ip4_packet(struct addrset_builder *b, const uint8_t *p, long len)
{
	long hl;

	b->l3 |= ADDRSET_L3_IP4;
	if (len >= 16)
		add_ip4(b, p + 12);
	if (len >= 20)
		add_ip4(b, p + 16);
	if (len < 10)
		return;
	add_proto(b, p[9]);
	if ((p[6] << 8 | p[7]) & 0x1fff)
		return;
	hl = 4 * (p[0] & 0x0f);
	if (len > hl)
		add_ports(b, p[9], p + hl, len - hl);
}

static int ip6_is_ext(uint8_t nh)
{
	return nh == 0 || nh == 43 || nh == 44 || nh == 60 || nh == 51;
}

/* Records every next header along the extension header chain, and the ports after it. */
static void ip6_walk_chain(struct addrset_builder *b, uint8_t nh, const uint8_t *p, long len)
{
	long off = 40;
	int later = 0;

	while (ip6_is_ext(nh) && off < len) {
		long hl;

		if (nh == 44 && off + 4 <= len && ((p[off + 2] << 8 | p[off + 3]) & 0xfff8))
			later = 1;
		if (nh != 44 && off + 2 > len) {
			add_proto(b, p[off]);
			break;
		}
		hl = nh == 44 ? 8 : nh == 51 ? ((long)p[off + 1] + 2) * 4 : ((long)p[off + 1] + 1) * 8;
		nh = p[off];
		add_proto(b, nh);
		off += hl;
	}
	if (!ip6_is_ext(nh) && !later && off < len)
		add_ports(b, nh, p + off, len - off);
}

/*
 * IPv6: addresses, the next header and every next header along the
 * extension header chain, ports right after the fixed header (what BPF
 * reads) and after the chain (a superset), not of later fragments.
 */
static void add_ip6_packet(struct addrset_builder *b, const uint8_t *p, long len)
{
	uint8_t nh;

	b->l3 |= ADDRSET_L3_IP6;
	/* BPF's optimizer drops loads of words a net's mask zeroes: a cut address can match a net */
	if ((len >= 12 && len < 24) || (len >= 28 && len < 40))
		b->flags |= ADDRSET_ALL;
	if (len >= 24)
		add_ip6(b, p + 8);
	if (len >= 40)
		add_ip6(b, p + 24);
	if (len < 7)
		return;
	nh = p[6];
	add_proto(b, nh);
	if (len > 40)
		add_ports(b, nh, p + 40, len - 40);
	ip6_walk_chain(b, nh, p, len);
}

/* ARP and RARP: BPF's host and net read the sender and target protocol addresses at 14 and 24. */
static void add_arp_packet(struct addrset_builder *b, const uint8_t *p, long len)
{
	b->l3 |= ADDRSET_L3_ARP;
	if (len >= 18)
		add_ip4(b, p + 14);
	if (len >= 28)
		add_ip4(b, p + 24);
}

static int is_vlan_type(unsigned type)
{
	return type == 0x8100 || type == 0x88a8 || type == 0x9100;
}

/* A packet of ethertype type with its payload at p: walks VLAN tags, then the network layer. */
static void add_ethertype(struct addrset_builder *b, unsigned type, const uint8_t *p, long len)
{
	while (is_vlan_type(type)) {
		b->l3 |= ADDRSET_L3_VLAN;	/* plain "vlan" tests only the TPID */
		if (len < 2)
			return;
		add_vlan(b, (uint16_t)((p[0] << 8 | p[1]) & 0x0fff));
		if (len < 4)
			return;
		type = (unsigned)(p[2] << 8 | p[3]);
		p += 4;
		len -= 4;
	}
	if (type == 0x0800)
		add_ip4_packet(b, p, len);
	else if (type == 0x86dd)
		add_ip6_packet(b, p, len);
	else if (type == 0x0806 || type == 0x8035)
		add_arp_packet(b, p, len);
	else
		b->l3 |= ADDRSET_L3_OTHER;
}

static int is_af_inet6(uint32_t af)
{
	return af == 10 || af == 24 || af == 28 || af == 30;
}

/* DLT_NULL and DLT_LOOP: a 4-byte address family in either byte order. */
static void add_loopback(struct addrset_builder *b, const uint8_t *p, long len)
{
	uint32_t be, le;

	if (len < 4)
		return;
	be = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	le = (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
	if (be == 2 || le == 2)
		add_ip4_packet(b, p + 4, len - 4);
	else if (is_af_inet6(be) || is_af_inet6(le))
		add_ip6_packet(b, p + 4, len - 4);
	else
		b->l3 |= ADDRSET_L3_OTHER;
}

/* DLT_RAW: the version nibble says which IP; anything else we leave to BPF by answering yes. */
static void add_raw(struct addrset_builder *b, const uint8_t *p, long len)
{
	if (len >= 1 && (p[0] >> 4) == 4)
		add_ip4_packet(b, p, len);
	else if (len >= 1 && (p[0] >> 4) == 6)
		add_ip6_packet(b, p, len);
	else
		b->flags |= ADDRSET_ALL;
}

struct addrset_builder *addrset_builder_new(int linktype)
{
	struct addrset_builder *b = calloc(1, sizeof(*b));

	if (!b)
		return NULL;
	b->linktype = linktype;
	return b;
}

int addrset_builder_add(struct addrset_builder *b, const uint8_t *p, uint32_t caplen)
{
	long len = caplen;

	switch (b->linktype) {
	case DLT_EN10MB:
		if (len >= 14)
			add_ethertype(b, (unsigned)(p[12] << 8 | p[13]), p + 14, len - 14);
		break;
	case DLT_LINUX_SLL:
		if (len >= 16)
			add_ethertype(b, (unsigned)(p[14] << 8 | p[15]), p + 16, len - 16);
		break;
	case DLT_LINUX_SLL2:
		/* the type comes first: BPF tests it even when the rest of the header is cut */
		if (len >= 2)
			add_ethertype(b, (unsigned)(p[0] << 8 | p[1]), p + (len < 20 ? len : 20), len - 20);
		break;
	case DLT_RAW:
	case LINKTYPE_RAW:
		add_raw(b, p, len);
		break;
	case DLT_IPV4:
		add_ip4_packet(b, p, len);
		break;
	case DLT_IPV6:
		add_ip6_packet(b, p, len);
		break;
	case DLT_NULL:
	case DLT_LOOP:
		add_loopback(b, p, len);
		break;
	default:
		b->flags |= ADDRSET_ALL;
		break;
	}
	return b->oom ? -1 : 0;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp_u16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

static int cmp_ip6(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

typedef void sort_fn(void *, size_t, size_t, int (*)(const void *, const void *));

/*
 * Sorts a's elements and drops repeats (sort NULL: sorted and without
 * repeats already), then copies them to an exact array.
 */
static void *vec_take(struct vec *a, size_t sz, sort_fn *sort, int (*cmp)(const void *, const void *),
		      uint32_t *n)
{
	uint8_t *v = a->v, *out;
	uint32_t i, k = 0;

	*n = 0;
	if (!a->n)
		return NULL;
	if (sort) {
		sort(v, a->n, sz, cmp);
		for (i = 0; i < a->n; i++)
			if (!k || memcmp(v + (size_t)(k - 1) * sz, v + (size_t)i * sz, sz))
				memmove(v + (size_t)k++ * sz, v + (size_t)i * sz, sz);
	} else {
		k = a->n;
	}
	out = malloc((size_t)k * sz);
	if (out) {
		memcpy(out, v, (size_t)k * sz);
		*n = k;
	}
	return out;
}

static void builder_reset(struct addrset_builder *b)
{
	uint16_t *port = b->port.v, *vlan = b->vlan.v;
	uint32_t i;

	for (i = 0; i < b->port.n; i++)
		b->portbit[port[i] >> 3] = 0;
	for (i = 0; i < b->vlan.n; i++)
		b->vlanbit[vlan[i] >> 3] = 0;
	memset(b->cache4, 0, sizeof(b->cache4));
	memset(b->cache6, 0, sizeof(b->cache6));
	memset(b->proto, 0, sizeof(b->proto));
	b->ip4.n = b->ip6.n = b->port.n = b->vlan.n = 0;
	b->flags = b->l3 = 0;
	b->oom = 0;
}

/*
 * Sorts the IPv4 addresses by radix, a byte at a time: take runs on the
 * writer thread once per block of thousands of addresses, where qsort's
 * calls per comparison cost more than adding the packets did.
 */
static int sort_ip4(struct addrset_builder *b)
{
	uint32_t *a = b->ip4.v, *t, n = b->ip4.n, i;
	int shift;

	if (b->sort4cap < n) {
		t = realloc(b->sort4, (size_t)n * sizeof(*t));
		if (!t)
			return -1;
		b->sort4 = t;
		b->sort4cap = n;
	}
	t = b->sort4;
	b->ip4.n = 0;
	for (shift = 0; shift < 32; shift += 8) {
		uint32_t count[257] = { 0 }, *swap;

		for (i = 0; i < n; i++)
			count[((a[i] >> shift) & 0xff) + 1]++;
		for (i = 1; i < 257; i++)
			count[i] += count[i - 1];
		for (i = 0; i < n; i++)
			t[count[(a[i] >> shift) & 0xff]++] = a[i];
		swap = a;
		a = t;
		t = swap;
	}
	/* four passes: the sorted copy is back in b->ip4.v; now drop repeats */
	for (i = 0, t = b->ip4.v; i < n; i++)
		if (!b->ip4.n || t[b->ip4.n - 1] != a[i])
			t[b->ip4.n++] = a[i];
	return 0;
}

/* The n values whose bits are set in bitmap bits (nbits long), ascending, in a new array. */
static uint16_t *bits_take(const uint8_t *bits, uint32_t nbits, uint32_t n, uint32_t *out_n)
{
	uint16_t *out;
	uint32_t i, k = 0;

	*out_n = 0;
	if (!n)
		return NULL;
	out = malloc((size_t)n * sizeof(*out));
	if (!out)
		return NULL;
	/* A word at a time: most of a block's 65,536 port bits are clear. */
	for (i = 0; i < nbits / 64 && k < n; i++) {
		uint64_t w;

		memcpy(&w, bits + (size_t)i * 8, 8);
		w = le64toh(w);
		for (; w && k < n; w &= w - 1)
			out[k++] = (uint16_t)(i * 64 + (uint32_t)__builtin_ctzll(w));
	}
	*out_n = k;
	return out;
}

int addrset_builder_take(struct addrset_builder *b, struct addrset *out)
{
	int oom = b->oom;

	memset(out, 0, sizeof(*out));
	out->flags = b->flags;
	out->l3 = b->l3;
	memcpy(out->proto, b->proto, sizeof(out->proto));
	out->ip4 = vec_take(&b->ip4, sizeof(uint32_t), sort_ip4(b) ? qsort : NULL, cmp_u32, &out->n4);
	out->ip6 = vec_take(&b->ip6, 16, qsort, cmp_ip6, &out->n6);
	out->port = bits_take(b->portbit, 65536, b->port.n, &out->nport);
	out->vlan = bits_take(b->vlanbit, 4096, b->vlan.n, &out->nvlan);
	if ((b->ip4.n && !out->ip4) || (b->ip6.n && !out->ip6) || (b->port.n && !out->port) ||
	    (b->vlan.n && !out->vlan))
		oom = 1;
	builder_reset(b);
	if (oom) {
		out->flags |= ADDRSET_ALL;
		return -1;
	}
	return 0;
}

void addrset_builder_free(struct addrset_builder *b)
{
	if (!b)
		return;
	free(b->ip4.v);
	free(b->ip6.v);
	free(b->port.v);
	free(b->vlan.v);
	free(b->sort4);
	free(b);
}

/*
 * The sorted union of two sorted unique arrays, as a new one, one function per element type
 * with the comparison inline: a generic merge calling its comparison and
 * memcpy per element was a tenth of adopting 64-byte files (perf), and it
 * runs on the writer at every block's end.
 */
#define MERGE_FN(name, type, CMP, COPY) \
static type *name(const type *x, uint32_t na, const type *y, uint32_t nb, uint32_t *n) \
{ \
	type *out = malloc(((size_t)na + nb + 1) * sizeof(type)); \
	uint32_t i = 0, j = 0, k = 0; \
\
	if (!out) \
		return NULL; \
	while (i < na && j < nb) { \
		int c = CMP(&x[i], &y[j]); \
\
		COPY(out[k], c <= 0 ? x[i] : y[j]); \
		k++; \
		i += c <= 0; \
		j += c >= 0; \
	} \
	for (; i < na; i++, k++) \
		COPY(out[k], x[i]); \
	for (; j < nb; j++, k++) \
		COPY(out[k], y[j]); \
	*n = k; \
	return out; \
}
#define CMP_NUM(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define CMP_IP6(a, b) memcmp(*(a), *(b), 16)
#define COPY_NUM(d, s) ((d) = (s))
#define COPY_IP6(d, s) memcpy((d), (s), 16)
MERGE_FN(merge32, uint32_t, CMP_NUM, COPY_NUM)
MERGE_FN(merge16, uint16_t, CMP_NUM, COPY_NUM)
MERGE_FN(merge128, ip6_t, CMP_IP6, COPY_IP6)

#define MERGE(field, nfield, fn) do { \
	uint32_t n; \
	void *m = fn(dst->field, dst->nfield, src->field, src->nfield, &n); \
	if (!m) \
		goto nomem; \
	free(dst->field); \
	dst->field = m; \
	dst->nfield = n; \
} while (0)

int addrset_union(struct addrset *dst, const struct addrset *src)
{
	size_t i;

	dst->flags |= src->flags;
	dst->l3 |= src->l3;
	for (i = 0; i < sizeof(dst->proto); i++)
		dst->proto[i] |= src->proto[i];
	MERGE(ip4, n4, merge32);
	MERGE(ip6, n6, merge128);
	MERGE(port, nport, merge16);
	MERGE(vlan, nvlan, merge16);
	return 0;
nomem:
	dst->flags |= ADDRSET_ALL;
	return -1;
}

void addrset_free(struct addrset *s)
{
	free(s->ip4);
	free(s->ip6);
	free(s->port);
	free(s->vlan);
	memset(s, 0, sizeof(*s));
}

/* The index of the first of n sz-byte elements that is not below key. */
static uint32_t lower_bound(const void *v, uint32_t n, size_t sz, const void *key,
			    int (*cmp)(const void *, const void *))
{
	uint32_t lo = 0, hi = n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (cmp((const uint8_t *)v + (size_t)mid * sz, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int addrset_has_ip4(const struct addrset *s, uint32_t lo, uint32_t hi)
{
	uint32_t i;

	if (s->flags & ADDRSET_ALL)
		return 1;
	lo >>= s->cut4;
	hi >>= s->cut4;
	i = lower_bound(s->ip4, s->n4, sizeof(uint32_t), &lo, cmp_u32);
	return i < s->n4 && s->ip4[i] <= hi;
}

int addrset_has_ip6(const struct addrset *s, const uint8_t lo[16], const uint8_t hi[16])
{
	uint8_t l[16], h[16];
	uint32_t i;

	if (s->flags & ADDRSET_ALL)
		return 1;
	/* Cutting the tail keeps the order, so the cut range holds every cut value of the range. */
	memcpy(l, lo, 16);
	memcpy(h, hi, 16);
	memset(l + 16 - s->cut6, 0, s->cut6);
	memset(h + 16 - s->cut6, 0, s->cut6);
	i = lower_bound(s->ip6, s->n6, 16, l, cmp_ip6);
	return i < s->n6 && memcmp(s->ip6[i], h, 16) <= 0;
}

int addrset_has_port(const struct addrset *s, uint16_t lo, uint16_t hi)
{
	uint32_t i;

	if (s->flags & ADDRSET_ALL)
		return 1;
	lo = (uint16_t)(lo >> s->cutport);
	hi = (uint16_t)(hi >> s->cutport);
	i = lower_bound(s->port, s->nport, sizeof(uint16_t), &lo, cmp_u16);
	return i < s->nport && s->port[i] <= hi;
}

int addrset_has_proto(const struct addrset *s, uint8_t proto)
{
	if (s->flags & ADDRSET_ALL)
		return 1;
	return !!(s->proto[proto >> 3] & (1u << (proto & 7)));
}

int addrset_has_vlan(const struct addrset *s, int vid)
{
	uint16_t v = (uint16_t)vid;
	uint32_t i;

	if (s->flags & ADDRSET_ALL)
		return 1;
	if (vid < 0)
		return !!(s->l3 & ADDRSET_L3_VLAN);
	if (vid > 0xfff)
		return 0;
	i = lower_bound(s->vlan, s->nvlan, sizeof(uint16_t), &v, cmp_u16);
	return i < s->nvlan && s->vlan[i] == v;
}

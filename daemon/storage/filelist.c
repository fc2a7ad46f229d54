/* filelist.c: a ring's stored files in sequence order, with running totals and retention from the head */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addrset.h"
#include "bpfplan.h"
#include "storage/filelist.h"

/*
 * One record per file, about 130 bytes: the name is spelled again from the
 * prefix when asked for (only a name the list would spell differently is
 * kept, in oddname), and damage text is kept only for a damaged file.
 */
struct ent {
	uint64_t seq;
	uint64_t size;
	int64_t mtime_ms;
	int64_t name_sec;
	uint64_t packets;
	int64_t first_ns;
	int64_t last_ns;
	uint64_t seal_size;
	uint8_t sha256[32];
	char *oddname;
	char *damage;
	struct fsum *sum;	/* its address index's union in memory, or NULL */
	uint32_t flags;
};

/* A closed file's address-index union, cut to fit its budget (filelist_set_summary). */
struct fsum {
	int linktype;
	int cut;		/* values were cut: a "may" must be asked of the index on disk */
	size_t bytes;		/* what it costs, counted in filelist_memory */
	struct addrset s;
};

/*
 * The files are e[head, head + n): the oldest leaves by moving head, so
 * retention from the head costs nothing per file kept; appending at the end
 * compacts or grows the array, amortized O(1).
 */
struct filelist {
	pthread_mutex_t lock;
	char *prefix;
	struct ent *e;
	size_t head, n, cap;
	size_t extra_bytes;	/* oddname and damage texts, summaries */
	uint64_t bytes, damaged, held;
	uint64_t pres_n, pres_bytes;	/* held as evidence: the cases', counted by no limit */
	uint64_t work;
};

#define HELD (FL_OPEN | FL_PRESERVED)

struct filelist *filelist_new(const char *prefix)
{
	struct filelist *fl = calloc(1, sizeof(*fl));

	if (!fl)
		return NULL;
	fl->prefix = strdup(prefix);
	if (!fl->prefix) {
		free(fl);
		return NULL;
	}
	pthread_mutex_init(&fl->lock, NULL);
	return fl;
}

static void sum_free(struct fsum *m)
{
	if (!m)
		return;
	addrset_free(&m->s);
	free(m);
}

static void ent_free(struct ent *e)
{
	free(e->oddname);
	free(e->damage);
	sum_free(e->sum);
}

static void drop_sum(struct filelist *fl, struct ent *e)
{
	if (e->sum)
		fl->extra_bytes -= e->sum->bytes;
	sum_free(e->sum);
	e->sum = NULL;
}

void filelist_free(struct filelist *fl)
{
	if (!fl)
		return;
	for (size_t i = 0; i < fl->n; i++)
		ent_free(&fl->e[fl->head + i]);
	free(fl->e);
	free(fl->prefix);
	pthread_mutex_destroy(&fl->lock);
	free(fl);
}

int filelist_format_name(const char *prefix, uint64_t seq, int64_t sec, int gzip, char *buf,
			 size_t len)
{
	time_t t = (time_t)sec;
	char stamp[32];
	struct tm tm;
	int n;

	if (!gmtime_r(&t, &tm) || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm))
		return -1;
	n = snprintf(buf, len, "%s-%s-%06llu.pcap%s", prefix, stamp, (unsigned long long)seq,
		     gzip ? ".gz" : "");
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

static struct ent *at(struct filelist *fl, size_t i)
{
	return &fl->e[fl->head + i];
}

/* The first packet's time, or the name's while the file has not been read. */
static int64_t ent_first(const struct ent *e)
{
	if ((e->flags & FL_META) && e->packets)
		return e->first_ns;
	return e->name_sec > 0 ? e->name_sec * 1000000000 : 0;
}

/* Index of the first file with a sequence >= seq. */
static size_t lower_seq(struct filelist *fl, uint64_t seq)
{
	size_t lo = 0, hi = fl->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		fl->work++;
		if (at(fl, mid)->seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Index of the first file whose first packet is at or after t_ns. */
static size_t lower_time(struct filelist *fl, int64_t t_ns)
{
	size_t lo = 0, hi = fl->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		fl->work++;
		if (ent_first(at(fl, mid)) < t_ns)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct ent *find(struct filelist *fl, uint64_t seq, size_t *idx)
{
	size_t i = lower_seq(fl, seq);

	if (i == fl->n || at(fl, i)->seq != seq)
		return NULL;
	if (idx)
		*idx = i;
	return at(fl, i);
}

static void to_view(struct filelist *fl, const struct ent *e, struct filelist_file *f)
{
	f->seq = e->seq;
	f->size = e->size;
	f->mtime_ms = e->mtime_ms;
	f->name_sec = e->name_sec;
	f->flags = e->flags;
	f->packets = e->packets;
	f->first_ns = e->first_ns;
	f->last_ns = e->last_ns;
	f->seal_size = e->seal_size;
	memcpy(f->sha256, e->sha256, 32);
	if (e->oddname)
		snprintf(f->name, sizeof(f->name), "%s", e->oddname);
	else if (filelist_format_name(fl->prefix, e->seq, e->name_sec, e->flags & FL_GZIP, f->name,
				      sizeof(f->name)) < 0)
		f->name[0] = 0;
	snprintf(f->damage, sizeof(f->damage), "%s", e->damage ? e->damage : "");
}

static void set_text(struct filelist *fl, char **slot, const char *s)
{
	if (*slot && s && !strcmp(*slot, s))
		return;
	if (*slot)
		fl->extra_bytes -= strlen(*slot) + 1;
	free(*slot);
	*slot = s ? strdup(s) : NULL;
	if (*slot)
		fl->extra_bytes += strlen(*slot) + 1;
}

/* Stores a view into a record, keeping the totals true. */
static void from_view(struct filelist *fl, struct ent *e, const struct filelist_file *f)
{
	fl->bytes += f->size - e->size;
	fl->damaged += !!(f->flags & FL_DAMAGED) - !!(e->flags & FL_DAMAGED);
	fl->held += !!(f->flags & HELD) - !!(e->flags & HELD);
	fl->pres_n += !!(f->flags & FL_PRESERVED) - !!(e->flags & FL_PRESERVED);
	fl->pres_bytes += ((f->flags & FL_PRESERVED) ? f->size : 0) -
			  ((e->flags & FL_PRESERVED) ? e->size : 0);
	e->size = f->size;
	e->mtime_ms = f->mtime_ms;
	e->name_sec = f->name_sec;
	e->flags = f->flags;
	e->packets = f->packets;
	e->first_ns = f->first_ns;
	e->last_ns = f->last_ns;
	e->seal_size = f->seal_size;
	memcpy(e->sha256, f->sha256, 32);
	set_text(fl, &e->damage, (f->flags & FL_DAMAGED) && f->damage[0] ? f->damage : NULL);
}

/* A new record, zeroed, with the name kept only if the list would spell it otherwise. */
static int ent_init(struct filelist *fl, struct ent *e, const struct filelist_file *f,
		    const char *name)
{
	char spelled[256];

	memset(e, 0, sizeof(*e));
	e->seq = f->seq;
	if (name && (filelist_format_name(fl->prefix, f->seq, f->name_sec, f->flags & FL_GZIP,
					  spelled, sizeof(spelled)) < 0 ||
		     strcmp(spelled, name))) {
		set_text(fl, &e->oddname, name);
		if (!e->oddname)
			return -1;
	}
	from_view(fl, e, f);
	return 0;
}

/* Room for one more at the end: compact when half the array lies before head, else grow. */
static int reserve(struct filelist *fl, size_t more)
{
	if (fl->head + fl->n + more <= fl->cap)
		return 0;
	if (fl->head && fl->head >= fl->cap / 2 && fl->n + more <= fl->cap) {
		memmove(fl->e, at(fl, 0), fl->n * sizeof(*fl->e));
		fl->work += fl->n;
		fl->head = 0;
		return 0;
	}
	{
		size_t cap = fl->cap ? fl->cap : 64;
		struct ent *ne;

		while (cap < fl->n + more)
			cap *= 2;
		if (cap == fl->cap)
			cap *= 2;
		ne = malloc(cap * sizeof(*ne));
		if (!ne)
			return -1;
		if (fl->n)
			memcpy(ne, at(fl, 0), fl->n * sizeof(*ne));
		fl->work += fl->n;
		free(fl->e);
		fl->e = ne;
		fl->cap = cap;
		fl->head = 0;
	}
	return 0;
}

int filelist_append(struct filelist *fl, const struct filelist_file *f, const char *name)
{
	int rc = -1;

	pthread_mutex_lock(&fl->lock);
	if (fl->n && at(fl, fl->n - 1)->seq >= f->seq)
		goto out;
	if (reserve(fl, 1) < 0)
		goto out;
	if (ent_init(fl, &fl->e[fl->head + fl->n], f, name) < 0)
		goto out;
	fl->n++;
	fl->work++;
	rc = 0;
out:
	pthread_mutex_unlock(&fl->lock);
	return rc;
}

static int cmp_seq(const void *a, const void *b)
{
	const struct ent *x = a, *y = b;

	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int filelist_adopt(struct filelist *fl, const struct filelist_file *f, const char *name)
{
	int rc = -1;

	pthread_mutex_lock(&fl->lock);
	if (reserve(fl, 1) == 0 && ent_init(fl, &fl->e[fl->head + fl->n], f, name) == 0) {
		fl->n++;
		fl->work++;
		rc = 0;
	}
	pthread_mutex_unlock(&fl->lock);
	return rc;
}

void filelist_adopt_done(struct filelist *fl)
{
	pthread_mutex_lock(&fl->lock);
	if (fl->n)
		qsort(at(fl, 0), fl->n, sizeof(*fl->e), cmp_seq);
	pthread_mutex_unlock(&fl->lock);
}

int filelist_get(struct filelist *fl, uint64_t seq, struct filelist_file *out)
{
	struct ent *e;

	pthread_mutex_lock(&fl->lock);
	e = find(fl, seq, NULL);
	if (e)
		to_view(fl, e, out);
	pthread_mutex_unlock(&fl->lock);
	return e ? 0 : -1;
}

int filelist_newest(struct filelist *fl, struct filelist_file *out)
{
	int rc = -1;

	pthread_mutex_lock(&fl->lock);
	if (fl->n) {
		to_view(fl, at(fl, fl->n - 1), out);
		fl->work++;
		rc = 0;
	}
	pthread_mutex_unlock(&fl->lock);
	return rc;
}

int filelist_update(struct filelist *fl, uint64_t seq, filelist_fn fn, void *arg)
{
	struct filelist_file f;
	struct ent *e;
	int rc = -1;

	pthread_mutex_lock(&fl->lock);
	e = find(fl, seq, NULL);
	if (e) {
		to_view(fl, e, &f);
		rc = fn(&f, arg);
		from_view(fl, e, &f);
	}
	pthread_mutex_unlock(&fl->lock);
	return rc;
}

/* Takes record i out; the nearer end moves, so the head and the tail cost O(1). */
static void remove_at(struct filelist *fl, size_t i)
{
	struct ent *e = at(fl, i);

	fl->bytes -= e->size;
	fl->damaged -= !!(e->flags & FL_DAMAGED);
	fl->held -= !!(e->flags & HELD);
	if (e->flags & FL_PRESERVED) {
		fl->pres_n--;
		fl->pres_bytes -= e->size;
	}
	set_text(fl, &e->oddname, NULL);
	set_text(fl, &e->damage, NULL);
	drop_sum(fl, e);
	if (i < fl->n - 1 - i) {
		memmove(at(fl, 1), at(fl, 0), i * sizeof(*e));
		fl->work += i;
		fl->head++;
	} else {
		memmove(at(fl, i), at(fl, i + 1), (fl->n - 1 - i) * sizeof(*e));
		fl->work += fl->n - 1 - i;
	}
	fl->n--;
	if (!fl->n)
		fl->head = 0;
}

int filelist_remove(struct filelist *fl, uint64_t seq, filelist_fn fn, void *arg)
{
	struct filelist_file f;
	struct ent *e;
	size_t i;
	int rc = -1;

	pthread_mutex_lock(&fl->lock);
	e = find(fl, seq, &i);
	if (e) {
		to_view(fl, e, &f);
		rc = fn ? fn(&f, arg) : 0;
		if (rc == 0)
			remove_at(fl, i);
	}
	pthread_mutex_unlock(&fl->lock);
	return rc;
}

size_t filelist_copy(struct filelist *fl, uint64_t from_seq, struct filelist_file *out,
		     size_t max)
{
	size_t i, k = 0;

	pthread_mutex_lock(&fl->lock);
	for (i = lower_seq(fl, from_seq); i < fl->n && k < max; i++, k++) {
		to_view(fl, at(fl, i), &out[k]);
		fl->work++;
	}
	pthread_mutex_unlock(&fl->lock);
	return k;
}

uint64_t filelist_seq_at(struct filelist *fl, int64_t t_ns)
{
	uint64_t seq = UINT64_MAX;
	size_t i;

	pthread_mutex_lock(&fl->lock);
	i = lower_time(fl, t_ns - 1000000000LL);
	/* The file before the first that starts after t_ns may still reach it. */
	if (i > 0)
		i--;
	if (i < fl->n)
		seq = at(fl, i)->seq;
	pthread_mutex_unlock(&fl->lock);
	return seq;
}

uint64_t filelist_seq_from(struct filelist *fl, int64_t t_ns)
{
	uint64_t seq = UINT64_MAX;
	size_t i;

	pthread_mutex_lock(&fl->lock);
	i = lower_time(fl, t_ns);
	if (i < fl->n)
		seq = at(fl, i)->seq;
	pthread_mutex_unlock(&fl->lock);
	return seq;
}

size_t filelist_rank(struct filelist *fl, uint64_t seq)
{
	size_t i;

	pthread_mutex_lock(&fl->lock);
	i = lower_seq(fl, seq);
	pthread_mutex_unlock(&fl->lock);
	return i;
}

uint64_t filelist_seq_by_rank(struct filelist *fl, size_t rank)
{
	uint64_t seq = UINT64_MAX;

	pthread_mutex_lock(&fl->lock);
	if (rank < fl->n)
		seq = at(fl, rank)->seq;
	fl->work++;
	pthread_mutex_unlock(&fl->lock);
	return seq;
}

void filelist_totals(struct filelist *fl, struct filelist_totals *t)
{
	pthread_mutex_lock(&fl->lock);
	t->files = fl->n;
	t->bytes = fl->bytes;
	t->damaged = fl->damaged;
	t->held = fl->held;
	t->preserved_bytes = fl->pres_bytes;
	t->oldest_ns = fl->n ? ent_first(at(fl, 0)) : 0;
	fl->work++;
	pthread_mutex_unlock(&fl->lock);
}

/* Records taken out per hold of the lock: a large cut never keeps readers waiting long. */
#define RETAIN_BATCH 64

/*
 * The records go under the lock, the files after it: readers (status, list,
 * dump) never wait for an unlink. Once its record is gone no thread can act
 * on the file: the indexer renames a new index in only under the lock and
 * only for a listed file, so deleting the index after the data file still
 * leaves no index without its file.
 */
size_t filelist_retain(struct filelist *fl, const struct ret_policy *pol, int64_t now_ms,
		       uint64_t (*fs_free)(void *arg), filelist_fn fn, void *arg)
{
	struct filelist_file gone[RETAIN_BATCH];
	uint64_t free_now = 0, freed = 0;
	size_t deleted = 0, batch;

	if (!pol->keep_files && !pol->keep_bytes && !pol->keep_age_ms && !pol->min_free &&
	    !pol->evict)
		return 0;
	if (pol->min_free && fs_free)
		free_now = fs_free(arg);
	do {
		uint64_t count, bytes;
		size_t i = 0;

		batch = 0;
		pthread_mutex_lock(&fl->lock);
		/* Held evidence is the cases', not the ring's: it counts against no limit. */
		count = fl->n - fl->pres_n;
		bytes = fl->bytes - fl->pres_bytes;
		while (i < fl->n && batch < RETAIN_BATCH) {
			struct ent *e = at(fl, i);
			uint64_t size = e->size;

			fl->work++;
			if (!retention_over(pol, count, bytes, e->mtime_ms, now_ms, free_now + freed,
					    deleted + batch))
				break;
			/* A kept file still counts against the limits; younger ones go instead. */
			if (!retention_may_delete(e->flags & FL_OPEN, e->flags & FL_PRESERVED)) {
				i++;
				continue;
			}
			to_view(fl, e, &gone[batch]);
			remove_at(fl, i);
			count--;
			bytes -= size;
			freed += size;
			batch++;
		}
		pthread_mutex_unlock(&fl->lock);
		for (size_t k = 0; fn && k < batch; k++)
			fn(&gone[k], arg);
		deleted += batch;
	} while (batch == RETAIN_BATCH);
	return deleted;
}

uint64_t filelist_work(struct filelist *fl)
{
	uint64_t w;

	pthread_mutex_lock(&fl->lock);
	w = fl->work;
	pthread_mutex_unlock(&fl->lock);
	return w;
}

size_t filelist_memory(struct filelist *fl)
{
	size_t m;

	pthread_mutex_lock(&fl->lock);
	m = sizeof(*fl) + fl->cap * sizeof(*fl->e) + fl->extra_bytes;
	pthread_mutex_unlock(&fl->lock);
	return m;
}

/* ---- each closed file's address-index union, in memory ---- */

static size_t set_bytes(const struct addrset *s)
{
	return (size_t)s->n4 * 4 + (size_t)s->n6 * 16 + (size_t)s->nport * 2 + (size_t)s->nvlan * 2;
}

/* Cuts by more bits off every IPv4 address; sorted stays sorted, equal neighbours merge. */
static void cut_ip4(struct addrset *s, unsigned by)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < s->n4; i++) {
		uint32_t v = s->ip4[i] >> by;

		if (!n || s->ip4[n - 1] != v)
			s->ip4[n++] = v;
	}
	s->n4 = n;
	s->cut4 = (uint8_t)(s->cut4 + by);
}

static void cut_port(struct addrset *s, unsigned by)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < s->nport; i++) {
		uint16_t v = (uint16_t)(s->port[i] >> by);

		if (!n || s->port[n - 1] != v)
			s->port[n++] = v;
	}
	s->nport = n;
	s->cutport = (uint8_t)(s->cutport + by);
}

/* One more byte off the end of every IPv6 address. */
static void cut_ip6(struct addrset *s)
{
	uint32_t n = 0;

	s->cut6++;
	for (uint32_t i = 0; i < s->n6; i++) {
		s->ip6[i][16 - s->cut6] = 0;
		if (!n || memcmp(s->ip6[n - 1], s->ip6[i], 16))
			memmove(s->ip6[n++], s->ip6[i], 16);
	}
	s->n6 = n;
}

/* Cuts the largest array that can still be cut; 0 when none can. */
static int cut_step(struct addrset *s)
{
	size_t b4 = s->cut4 < 31 ? (size_t)s->n4 * 4 : 0;
	size_t b6 = s->cut6 < 16 ? (size_t)s->n6 * 16 : 0;
	size_t bp = s->cutport < 15 ? (size_t)s->nport * 2 : 0;

	if (b4 > 4 && b4 >= b6 && b4 >= bp)
		cut_ip4(s, s->cut4 + 2u <= 31 ? 2 : 1);
	else if (b6 > 16 && b6 >= bp)
		cut_ip6(s);
	else if (bp > 2)
		cut_port(s, s->cutport + 2u <= 15 ? 2 : 1);
	else
		return 0;
	return 1;
}

static void *dup_array(const void *p, size_t n, size_t sz, int *failed)
{
	void *q;

	if (!n)
		return NULL;
	q = malloc(n * sz);
	if (!q)
		*failed = 1;
	else
		memcpy(q, p, n * sz);
	return q;
}

/*
 * A summary of u in at most budget bytes of arrays: exact when it fits,
 * else cut (a coarser set whose "no" is still true; a set that cannot be
 * cut small enough says "may" to everything). NULL without memory.
 */
static struct fsum *sum_make(const struct addrset *u, int linktype, size_t budget)
{
	struct fsum *m = calloc(1, sizeof(*m));
	int failed = 0;

	if (!m)
		return NULL;
	m->linktype = linktype;
	m->s.flags = u->flags;
	m->s.l3 = u->l3;
	memcpy(m->s.proto, u->proto, sizeof(m->s.proto));
	m->s.n4 = u->n4;
	m->s.n6 = u->n6;
	m->s.nport = u->nport;
	m->s.nvlan = u->nvlan;
	m->s.ip4 = dup_array(u->ip4, u->n4, 4, &failed);
	m->s.ip6 = dup_array(u->ip6, u->n6, 16, &failed);
	m->s.port = dup_array(u->port, u->nport, 2, &failed);
	m->s.vlan = dup_array(u->vlan, u->nvlan, 2, &failed);
	if (failed) {
		sum_free(m);
		return NULL;
	}
	while (set_bytes(&m->s) > budget && cut_step(&m->s))
		m->cut = 1;
	if (set_bytes(&m->s) > budget) {
		addrset_free(&m->s);
		m->s.flags = ADDRSET_ALL;
		m->cut = 1;
	}
	m->bytes = sizeof(*m) + set_bytes(&m->s);
	return m;
}

/* About 0.2 % of the file's bytes, at least 1 KiB, at most 256 KiB (docs/index.md). */
static size_t sum_budget(uint64_t size)
{
	uint64_t b = size / 512;

	return b < 1024 ? 1024 : b > 256 * 1024 ? 256 * 1024 : (size_t)b;
}

int filelist_set_summary(struct filelist *fl, uint64_t seq, const struct addrset *u, int linktype)
{
	struct fsum *m = NULL;
	struct ent *e;
	uint64_t size = 0;

	pthread_mutex_lock(&fl->lock);
	e = find(fl, seq, NULL);
	if (e)
		size = e->size;
	pthread_mutex_unlock(&fl->lock);
	/* Built outside the lock: cutting a large union takes a while. */
	if (!e || !(m = sum_make(u, linktype, sum_budget(size))))
		return -1;
	pthread_mutex_lock(&fl->lock);
	e = find(fl, seq, NULL);
	if (e) {
		drop_sum(fl, e);
		e->sum = m;
		fl->extra_bytes += m->bytes;
		m = NULL;
	}
	pthread_mutex_unlock(&fl->lock);
	sum_free(m);
	return e ? 0 : -1;
}

int filelist_ask_summary(struct filelist *fl, uint64_t seq, const struct bpfplan *p, int linktype)
{
	int rc = FILELIST_SUM_NONE;
	struct ent *e;

	pthread_mutex_lock(&fl->lock);
	e = find(fl, seq, NULL);
	if (e && e->sum && e->sum->linktype == linktype) {
		if (!bpfplan_may_match(p, &e->sum->s))
			rc = FILELIST_SUM_NO;
		else
			rc = e->sum->cut ? FILELIST_SUM_CUT : FILELIST_SUM_MAY;
	}
	pthread_mutex_unlock(&fl->lock);
	return rc;
}

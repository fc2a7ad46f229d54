/* evexport.c: a case's held packets as one pcap stream, merged in time order across its rings */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addridx.h"
#include "bpfplan.h"
#include "control/evexport.h"
#include "evidence/evidence.h"
#include "evidence/evmanifest.h"
#include "log.h"
#include "pcapfile.h"
#include "pcapidx.h"
#include "pktdedup.h"
#include "ring.h"

/* Work per call, as for a ring's dump: the loop never waits long. */
#define READ_BUDGET (256 * 1024)

/* A held file: its name and its seal as the manifest gives it. */
struct held {
	char *name;
	char seal[65];
};

/* One ring of the case: its held files in order, and the record at hand. */
struct cursor {
	char ring[160];
	int iface;		/* rings of one interface share it: their copies are dropped */
	int ringfd;		/* the ring's directory, for its files' indexes; -1: none */
	struct held *files;
	size_t nfiles, next;
	int fd;
	struct pcapfile *pf;
	int nano;
	struct pcapfile_rec rec;
	int have;		/* rec holds the next record of this ring */
	int done;		/* no record is left in the window */
};

struct evexport {
	int casefd;
	int64_t since, until;
	struct cursor *c;
	size_t nc;
	int sent_header, out_nano;
	uint32_t linktype;
	uint64_t packets;
	uint64_t work;		/* bytes of records read by the last fill */
	json_t *damage;
	struct expout *xo;
	struct pktdedup dedup;
	char case_id[PROTO_CASE_MAX + 1];
	char *filter;		/* an export's, for the address indexes; NULL: none */
	struct bpfplan *plan;	/* planned for the export's link type once it is known */
	int no_plan;
	uint64_t skipped;	/* held files the address index passed over */
};

static struct cursor *cursor_of(struct evexport *x, const char *ring)
{
	struct cursor *c;
	size_t ilen = strcspn(ring, "/");

	for (size_t i = 0; i < x->nc; i++)
		if (!strcmp(x->c[i].ring, ring))
			return &x->c[i];
	c = realloc(x->c, (x->nc + 1) * sizeof(*c));
	if (!c)
		return NULL;
	x->c = c;
	c = &x->c[x->nc];
	memset(c, 0, sizeof(*c));
	c->fd = -1;
	c->ringfd = -1;
	snprintf(c->ring, sizeof(c->ring), "%s", ring);
	/* "eth0/all" and "eth0/udp" capture on one interface. */
	c->iface = (int)x->nc;
	for (size_t i = 0; i < x->nc; i++)
		if (!strncmp(x->c[i].ring, ring, ilen) && x->c[i].ring[ilen] == '/' && ring[ilen] == '/')
			c->iface = x->c[i].iface;
	x->nc++;
	return c;
}

static int add_file(struct evexport *x, const char *ring, const char *name, const char *seal)
{
	struct cursor *c = cursor_of(x, ring);
	struct held *n;

	if (!c)
		return -1;
	n = realloc(c->files, (c->nfiles + 1) * sizeof(*n));
	if (!n)
		return -1;
	c->files = n;
	n = &c->files[c->nfiles];
	snprintf(n->seal, sizeof(n->seal), "%s", seal ? seal : "");
	n->name = strdup(name);
	if (!n->name)
		return -1;
	c->nfiles++;
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	/* "IFACE-PROFILE-TIME-SEQ": within a ring, name order is time order. */
	return strcmp(((const struct held *)a)->name, ((const struct held *)b)->name);
}

static int selected(const struct proto_request *req, const char *ring)
{
	if (!req->nrings)
		return 1;
	for (size_t i = 0; i < req->nrings; i++)
		if (!strcmp(req->rings[i], ring))
			return 1;
	return 0;
}

/* A held file as provenance.json lists it: its seal and what MANIFEST says of it. */
static json_t *source_of(const struct evm_entry *e)
{
	const char *size = evm_get(e, "size"), *packets = evm_get(e, "packets");

	return json_pack("{s:s, s:s, s:s?, s:I, s:s?, s:s?, s:I, s:b}", "file", evm_get(e, "file"),
			 "ring", evm_get(e, "ring"), "sha256", evm_get(e, "sha256"), "size",
			 (json_int_t)strtoull(size ? size : "0", NULL, 10), "first",
			 evm_get(e, "first"), "last", evm_get(e, "last"), "packets",
			 (json_int_t)strtoull(packets ? packets : "0", NULL, 10), "sealed", 1);
}

/* The files held since the last release, of the rings asked for. */
static int read_case(struct evexport *x, const struct proto_request *req, char *err,
		     size_t errlen)
{
	struct evm m = { 0 };
	size_t from = 0;
	char head[PROTO_CASE_MAX + 160];

	if (evm_read(x->casefd, &m) < 0) {
		snprintf(err, errlen, "case %s: cannot read its manifest: %s", req->case_id,
			 strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < m.n; i++)
		if (!strcmp(m.e[i].type, "release"))
			from = i + 1;
	for (size_t i = from; i < m.n; i++) {
		const char *name = evm_get(&m.e[i], "file"), *ring = evm_get(&m.e[i], "ring");

		if (strcmp(m.e[i].type, "file") || !name || !ring || strchr(name, '/') ||
		    !selected(req, ring))
			continue;
		if (add_file(x, ring, name, evm_get(&m.e[i], "sha256")) < 0) {
			snprintf(err, errlen, "out of memory");
			evm_free(&m);
			return -1;
		}
		if (x->xo)
			expout_source(x->xo, source_of(&m.e[i]));
	}
	if (x->xo && evm_head_text(req->case_id, &m, head, sizeof(head)) > 0) {
		head[strcspn(head, "\n")] = 0;
		expout_case_head(x->xo, head);
	}
	evm_free(&m);
	return 0;
}

/* Every ring asked for must be one the case holds: a typo exports nothing, loudly. */
static int check_rings(struct evexport *x, const struct proto_request *req, char *err,
		       size_t errlen)
{
	for (size_t i = 0; i < req->nrings; i++) {
		size_t k;

		for (k = 0; k < x->nc && strcmp(x->c[k].ring, req->rings[i]); k++)
			;
		if (k == x->nc) {
			snprintf(err, errlen, "case %s holds no files of ring %s (pktctl cases --json lists them)",
				 req->case_id, req->rings[i]);
			return -1;
		}
	}
	if (!x->nc) {
		snprintf(err, errlen, "case %s holds no files (released?)", req->case_id);
		return -1;
	}
	return 0;
}

struct evexport *evexport_open(int casefd, const struct proto_request *req, struct expout *xo,
			       char *err, size_t errlen)
{
	struct evexport *x = calloc(1, sizeof(*x));

	if (!x || !(x->damage = json_array())) {
		if (x)
			x->casefd = -1;
		evexport_free(x);
		close(casefd);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	x->casefd = casefd;
	x->xo = xo;
	pktdedup_init(&x->dedup);
	snprintf(x->case_id, sizeof(x->case_id), "%s", req->case_id);
	x->since = req->since;
	x->until = req->until;
	if (req->export && *req->filter && !(x->filter = strdup(req->filter))) {
		snprintf(err, errlen, "out of memory");
		evexport_free(x);
		return NULL;
	}
	if (read_case(x, req, err, errlen) < 0 || check_rings(x, req, err, errlen) < 0) {
		evexport_free(x);
		return NULL;
	}
	for (size_t i = 0; i < x->nc; i++) {
		size_t same = 0;

		qsort(x->c[i].files, x->c[i].nfiles, sizeof(struct held), cmp_name);
		for (size_t k = 0; k < x->nc; k++)
			same += x->c[k].iface == x->c[i].iface;
		/* Alone on its interface: no copy to look for, no packet to hash. */
		if (same == 1)
			x->c[i].iface = -1;
	}
	return x;
}

/* No packet in the window: an empty stream of the usual header. */
static const uint8_t empty_header[PCAP_FILE_HDR_LEN] = {
	0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0,
};

/* One (link type, snap length) more for req, once. */
static void add_prep(struct proto_request *req, const uint8_t *hdr)
{
	uint32_t snaplen, linktype;

	memcpy(&snaplen, hdr + 16, 4);
	memcpy(&linktype, hdr + 20, 4);
	for (size_t i = 0; i < req->prep_n; i++)
		if (req->prep_linktype[i] == linktype && req->prep_snaplen[i] == snaplen)
			return;
	if (req->prep_n < PROTO_PREP_MAX) {
		req->prep_linktype[req->prep_n] = linktype;
		req->prep_snaplen[req->prep_n++] = snaplen;
	}
}

void evexport_headers(struct proto_request *req)
{
	int casefd = evidence_open_case(req->case_id);
	struct evexport *x;
	char err[512];

	req->prep_n = 0;
	if (casefd < 0)
		return;
	x = evexport_open(casefd, req, NULL, err, sizeof(err));
	if (!x)
		return;
	for (size_t i = 0; i < x->nc; i++) {
		struct cursor *c = &x->c[i];
		struct pcapfile *pf;
		int fd, dmg = 0;

		if (!c->nfiles || (fd = pcapfile_openat(x->casefd, c->files[0].name, O_RDONLY)) < 0)
			continue;
		pf = pcapfile_open(fd, c->files[0].name, 0, err, sizeof(err), &dmg);
		if (pf) {
			add_prep(req, pcapfile_info(pf)->header);
			pcapfile_close(pf);
		}
		close(fd);
	}
	evexport_free(x);
	add_prep(req, empty_header);
}

void evexport_ring_dir(struct evexport *x, const char *ring, int dirfd)
{
	for (size_t i = 0; i < x->nc; i++)
		if (!strcmp(x->c[i].ring, ring) && x->c[i].ringfd < 0)
			x->c[i].ringfd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
}

struct evexport *evexport_new(const struct proto_request *req, struct expout *xo,
			      struct daemon *d, char *err, size_t errlen)
{
	int casefd = evidence_open_case(req->case_id);
	struct evexport *x;

	if (casefd < 0) {
		snprintf(err, errlen, "no case \"%s\" (pktctl cases lists them)", req->case_id);
		return NULL;
	}
	x = evexport_open(casefd, req, xo, err, errlen);
	/* The rings still configured lend their indexes: a late --since seeks. */
	for (size_t i = 0; x && i < d->nrings; i++)
		evexport_ring_dir(x, d->rings[i]->name, d->rings[i]->dirfd);
	return x;
}

static void close_cursor(struct cursor *c)
{
	pcapfile_close(c->pf);
	c->pf = NULL;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static void damaged(struct evexport *x, const char *why)
{
	json_array_append_new(x->damage, json_string(why));
	log_case(LOG_WARNING, x->case_id, NULL, "export: %s", why);
}

static int unhex(const char *hex, uint8_t out[32])
{
	if (strlen(hex) != 64)
		return -1;
	for (int i = 0; i < 32; i++)
		if (sscanf(hex + 2 * i, "%2hhx", &out[i]) != 1)
			return -1;
	return 0;
}

/* The index is the ring's for this very file: same inode, and its seal is the case's. */
static int index_is_for(struct cursor *c, const struct held *h, const struct pcapidx *idx)
{
	struct stat a, b;
	uint8_t seal[32];

	return fstat(c->fd, &a) == 0 &&
	       fstatat(c->ringfd, h->name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
	       a.st_ino == b.st_ino && a.st_dev == b.st_dev && idx->has_summary &&
	       unhex(h->seal, seal) == 0 && !memcmp(seal, idx->summary.sha256, 32);
}

/*
 * With --since, starts at the last seek point before it in the ring's index
 * of this held file (a hard link to the ring's), as a ring's dump does: the
 * records before the window are then mostly not read at all. A point that
 * does not lead to a whole record is not trusted: NULL, read from the start.
 */
static struct pcapfile *seek_held(struct evexport *x, struct cursor *c, const struct held *h)
{
	const struct pcapidx_point *p;
	struct pcapfile *pf = NULL;
	struct pcapfile_rec rec;
	struct pcapidx idx;
	char iname[300], err[512];

	snprintf(iname, sizeof(iname), "%s.idx", h->name);
	if (!x->since || c->ringfd < 0 || pcapidx_load(c->ringfd, iname, &idx) < 0)
		return NULL;
	p = pcapidx_seek(&idx, x->since);
	if (p && p->off && index_is_for(c, h, &idx))
		pf = pcapfile_open_at(c->fd, h->name, 0, idx.pcap_header, idx.gzip, p->off,
				      p->raw_off, err, sizeof(err));
	if (pf) {
		int rc = pcapfile_next(pf, &rec);

		/* Peeked only to check the point: read it again from there. */
		pcapfile_close(pf);
		pf = NULL;
		if (rc == PCAPFILE_OK && rec.ns >= p->first_ns)
			pf = pcapfile_open_at(c->fd, h->name, 0, idx.pcap_header, idx.gzip, p->off,
					      p->raw_off, err, sizeof(err));
	}
	pcapidx_free(&idx);
	/* Without a point the file is read from its start. */
	if (!pf)
		lseek(c->fd, 0, SEEK_SET);
	return pf;
}

/*
 * A held file whose ring still lends its address index (the ring's
 * NAME.aidx beside the ring's link to the same inode, bound to the file's
 * name and ends) is passed over whole when the union says no packet of it
 * can match the export's filter: only what the filter would drop is
 * skipped. Once the export's link type is known, and only for that type:
 * a file of another type is still read, and refused, as without an index.
 */
static int held_cannot_match(struct evexport *x, struct cursor *c, const struct held *h)
{
	int lt = (int)(x->linktype & 0xffff), no;
	struct addridx ax;
	struct stat a, b;
	char aname[300], why[128];

	if (!x->filter || x->no_plan || !x->linktype || c->ringfd < 0 || fstat(c->fd, &a) < 0 ||
	    fstatat(c->ringfd, h->name, &b, AT_SYMLINK_NOFOLLOW) < 0 || a.st_ino != b.st_ino ||
	    a.st_dev != b.st_dev)
		return 0;
	snprintf(aname, sizeof(aname), "%s.aidx", h->name);
	if (addridx_load_union(c->ringfd, aname, c->fd, h->name, (uint64_t)a.st_size, &ax) < 0)
		return 0;
	if (!x->plan) {
		x->plan = bpfplan_new(x->filter, lt, why, sizeof(why));
		x->no_plan = !x->plan;
	}
	no = x->plan && ax.linktype == lt && ax.complete && !bpfplan_may_match(x->plan, &ax.file);
	addridx_free(&ax);
	return no;
}

/* Opens c's next held file; 0 when one is open, -1 when none is left. */
static int open_next(struct evexport *x, struct cursor *c)
{
	char err[512];
	int dmg = 0;

	while (c->next < c->nfiles) {
		const struct held *h = &c->files[c->next++];
		const char *name = h->name;

		c->fd = pcapfile_openat(x->casefd, name, O_RDONLY);
		if (c->fd < 0) {
			snprintf(err, sizeof(err), "%s: %s", name, strerror(errno));
			damaged(x, err);
			continue;
		}
		if (held_cannot_match(x, c, h)) {
			x->skipped++;
			close_cursor(c);
			continue;
		}
		c->pf = seek_held(x, c, h);
		if (!c->pf)
			c->pf = pcapfile_open(c->fd, name, 0, err, sizeof(err), &dmg);
		if (!c->pf) {
			damaged(x, err);
			close_cursor(c);
			continue;
		}
		c->nano = pcapfile_info(c->pf)->nano;
		if (!x->sent_header && !x->linktype)
			x->linktype = pcapfile_info(c->pf)->linktype;
		if (pcapfile_info(c->pf)->linktype == x->linktype)
			return 0;
		snprintf(err, sizeof(err),
			 "%s: link type %u differs from the export's %u: left out (export its ring alone)",
			 name, pcapfile_info(c->pf)->linktype, x->linktype);
		damaged(x, err);
		close_cursor(c);
	}
	return -1;
}

static void charge(size_t *budget, size_t n)
{
	*budget = *budget > n ? *budget - n : 0;
}

/*
 * Moves c to its ring's next record in the window (c->have) or to its end
 * (c->done), spending budget on every record read, sent or not. With the
 * budget spent first, neither is set: the next call goes on from there.
 */
static void advance(struct evexport *x, struct cursor *c, size_t *budget)
{
	c->have = 0;
	while (!c->done && *budget) {
		int rc;

		if (!c->pf && open_next(x, c) < 0) {
			c->done = 1;
			return;
		}
		rc = pcapfile_next(c->pf, &c->rec);
		if (rc == PCAPFILE_OK) {
			charge(budget, PCAP_REC_HDR_LEN + c->rec.caplen);
			x->work += PCAP_REC_HDR_LEN + c->rec.caplen;
			if (x->since && c->rec.ns < x->since)
				continue;
			if (x->until && c->rec.ns >= x->until) {
				close_cursor(c);
				c->done = 1;
				return;
			}
			c->have = 1;
			return;
		}
		if (rc != PCAPFILE_END)
			damaged(x, pcapfile_error(c->pf));
		close_cursor(c);
	}
}

/* Every ring has its next record at hand or is done; 0 when the budget ran out first. */
static int settle(struct evexport *x, size_t *budget)
{
	for (size_t i = 0; i < x->nc; i++) {
		struct cursor *c = &x->c[i];

		if (!c->have && !c->done)
			advance(x, c, budget);
		if (!c->have && !c->done)
			return 0;
	}
	return 1;
}

/* The stream's header: the ring with the oldest record gives it. */
static void put_header(struct evexport *x, uint8_t *out, size_t *len)
{
	struct cursor *first = NULL;

	for (size_t i = 0; i < x->nc; i++)
		if (x->c[i].have && (!first || x->c[i].rec.ns < first->rec.ns))
			first = &x->c[i];
	if (first) {
		memcpy(out, pcapfile_info(first->pf)->header, PCAP_FILE_HDR_LEN);
		x->out_nano = first->nano;
	} else {
		memcpy(out, empty_header, sizeof(empty_header));
	}
	*len = PCAP_FILE_HDR_LEN;
	x->sent_header = 1;
	if (x->xo)
		expout_header(x->xo, out);
}

static void put_record(struct evexport *x, struct cursor *c, uint8_t *out, size_t *len)
{
	uint32_t hdr[4] = { c->rec.sec, c->rec.frac, c->rec.caplen, c->rec.len };

	if (c->nano != x->out_nano)
		hdr[1] = x->out_nano ? c->rec.frac * 1000 : c->rec.frac / 1000;
	memcpy(out + *len, hdr, PCAP_REC_HDR_LEN);
	memcpy(out + *len + PCAP_REC_HDR_LEN, c->rec.data, c->rec.caplen);
	*len += PCAP_REC_HDR_LEN + c->rec.caplen;
	x->packets++;
}

int evexport_fill(struct evexport *x, uint8_t *out, size_t max, size_t *len)
{
	size_t budget = READ_BUDGET;

	*len = 0;
	x->work = 0;
	while (*len < max) {
		struct cursor *c = NULL;

		if (!settle(x, &budget))
			return DUMP_MORE;
		if (!x->sent_header)
			put_header(x, out, len);
		/* The ring whose next record is oldest: time order across rings. */
		for (size_t i = 0; i < x->nc; i++)
			if (x->c[i].have && (!c || x->c[i].rec.ns < c->rec.ns))
				c = &x->c[i];
		if (!c)
			return DUMP_DONE;
		/*
		 * The export's filter (compiled for the header's link type, so only
		 * here), then one packet once: the first ring's copy, in this order.
		 */
		if ((!x->xo || expout_wants(x->xo, &c->rec)) &&
		    !pktdedup_check(&x->dedup, c->iface, (int)(c - x->c), c->rec.ns, c->rec.caplen,
				    c->rec.len, c->rec.data))
			put_record(x, c, out, len);
		advance(x, c, &budget);
	}
	return DUMP_MORE;
}

uint64_t evexport_step_work(const struct evexport *x)
{
	return x->work;
}

uint64_t evexport_packets(const struct evexport *x)
{
	return x->packets;
}

uint64_t evexport_duplicates(const struct evexport *x)
{
	return x->dedup.dropped;
}

json_t *evexport_damage(const struct evexport *x)
{
	return json_array_size(x->damage) ? x->damage : NULL;
}

void evexport_free(struct evexport *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nc; i++) {
		close_cursor(&x->c[i]);
		for (size_t k = 0; k < x->c[i].nfiles; k++)
			free(x->c[i].files[k].name);
		free(x->c[i].files);
		if (x->c[i].ringfd >= 0)
			close(x->c[i].ringfd);
	}
	free(x->c);
	if (x->casefd >= 0)
		close(x->casefd);
	if (x->skipped)
		log_debug("export of case %s: the address index spared %llu held files", x->case_id,
			  (unsigned long long)x->skipped);
	bpfplan_free(x->plan);
	free(x->filter);
	json_decref(x->damage);
	free(x);
}

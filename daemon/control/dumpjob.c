/* dumpjob.c: read a ring's files in order, including the one being written, and select by time */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "addridx.h"
#include "bpfplan.h"
#include "control/ctlfilter.h"
#include "control/dumpjob.h"
#include "control/evexport.h"
#include "control/expout.h"
#include "storage/aidxsum.h"
#include "storage/indexer.h"
#include "log.h"
#include "pcapfile.h"
#include "pcapidx.h"
#include "ring.h"

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

/* Blocks that cannot match are skipped only when the jump passes over at least this many bytes. */
#define JUMP_MIN (1024 * 1024)
/* A file whose plan reads this share of its bytes (in thousandths) or more is read straight through. */
#define COMMON_SHARE 900
/* After this many such files in a row, files that may match are read without loading their index... */
#define COMMON_FILES 2
/* ...but for one in this many, to notice when the filter stops matching (nearly) everything. */
#define PROBE_EVERY 8
/* The kernel is asked to read a run of kept blocks this much at a time. */
#define ADVISE (8 * 1024 * 1024)
/* Work done per call, so capture in the same loop never waits long. */
#define READ_BUDGET (256 * 1024)
/* Damage messages kept for the END frame; more files are counted, not named. */
#define MAX_DAMAGE 16
/* What passing over a file costs a step's budget: an open and an index read. */
#define FILE_COST (16 * 1024)
/* A gzip export's pcap bytes per step: compressed, they fit the caller's out. */
#define EXPORT_STEP (64 * 1024)

struct dump_job {
	struct evexport *ex;	/* a case's held packets instead of a ring's (evexport.c) */
	struct expout *xo;	/* an export: filtered, hashed and signed by us (expout.c) */
	uint8_t *raw;		/* a gzip export's pcap bytes before compression */
	struct ring *r;
	int64_t since, until;
	int follow;
	uint64_t next_seq;	/* the next file to read has a sequence >= this */
	/* The file being read. */
	int fd;
	struct pcapfile *pf;
	uint64_t seq;
	char name[256];
	int nano;		/* this file's precision */
	struct filelist_file cur;	/* its entry when it was opened */
	/* The stream. */
	int sent_header;
	int out_nano;
	uint64_t packets;
	int finished;		/* a packet at or after --until was seen */
	json_t *damage;
	size_t ndamaged;
	/* A dump's filter runs here (an export's in expout): only matches are sent. */
	pcap_t *dead;
	struct bpf_program prog;
	int has_prog;
	/* The plan: what the address index says cannot match is not read. */
	struct bpfplan *plan;
	int plan_linktype;
	unsigned open_flags;	/* the file being read was opened with these */
	struct addridx aidx;	/* the file being read's, when has_aidx */
	int has_aidx;
	uint64_t pos;		/* the raw offset of the next record to read */
	uint64_t run_end;	/* at this raw offset the run of blocks being read ends: plan again */
	size_t run_blk;		/* the block that ends the run */
	uint64_t adv_at;	/* at this raw offset, ask the kernel for the run's next piece... */
	size_t adv_blk;		/* ...from this block */
	unsigned common;	/* files in a row whose plan read (nearly) all of them */
	unsigned probe;
	uint64_t skipped_files, skipped_blocks, unloaded_files;
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

/* An export: the daemon filters, hashes and signs what it sends. */
static int export_setup(struct dump_job *j, const struct proto_request *req,
			const struct ucred *peer, char *err, size_t errlen)
{
	if (req->export && req->follow) {
		snprintf(err, errlen, "an export reads what is stored: no follow");
		return -1;
	}
	if (req->gzip && !req->export) {
		snprintf(err, errlen, "\"gzip\" is for exports");
		return -1;
	}
	if (!req->export)
		return 0;
	j->xo = expout_new(req, peer, err, errlen);
	if (!j->xo)
		return -1;
	/* A step's pcap bytes (EXPORT_STEP and one record) before gzip shrinks them. */
	if (req->gzip && !(j->raw = malloc(EXPORT_STEP + 256 * 1024 + 64))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

/*
 * The request's filter, for the ring's link type: planned against the
 * address indexes, and for a dump compiled (proto.c bounded its terms;
 * libpcap checks the program). The ctl-worker compiled it already
 * (dump_job_prepare): a host name's lookup never holds this thread.
 */
static int filter_setup(struct dump_job *j, const struct proto_request *req, char *err,
			size_t errlen)
{
	uint32_t linktype, snaplen;
	char why[128] = "";

	if (!*req->filter)
		return 0;
	memcpy(&snaplen, j->r->header + 16, 4);
	memcpy(&linktype, j->r->header + 20, 4);
	j->plan_linktype = (int)(linktype & 0xffff);
	j->plan = bpfplan_new(req->filter, j->plan_linktype, why, sizeof(why));
	if (j->plan)
		rlog(j->r, LOG_DEBUG, "dump: filter planned as %s", bpfplan_describe(j->plan));
	else
		rlog(j->r, LOG_DEBUG, "dump: filter without a plan (%s): reading everything", why);
	if (req->export)
		return 0;
	if (ctlfilter_compile(req->filter, j->plan_linktype, (int)snaplen, &j->prog, why,
			      sizeof(why)) < 0) {
		/* As pktctl said it when it compiled the filter itself. */
		snprintf(err, errlen, "filter \"%.100s%s\": %s", req->filter,
			 strlen(req->filter) > 100 ? "..." : "", why);
		return -1;
	}
	j->has_prog = 1;
	return 0;
}

void dump_job_prep_params(struct daemon *d, struct proto_request *req)
{
	struct ring *r;
	char err[256];

	req->prep_n = 0;
	if (!*req->filter)
		return;
	/* A case's export: the header of each ring it holds, and an empty window's. */
	if (*req->case_id) {
		if (req->export)
			evexport_headers(req);
		return;
	}
	if (!(r = pick_ring(d, req->ring, err, sizeof(err))))
		return;
	memcpy(&req->prep_snaplen[0], r->header + 16, 4);
	memcpy(&req->prep_linktype[0], r->header + 20, 4);
	req->prep_n = 1;
}

/*
 * On a ctl-lookup thread of its own: it reads only the request (the ring's
 * header was copied into it on the control loop), so it may outlive the
 * daemon's rings at shutdown without touching them.
 */
json_t *dump_job_prepare(struct daemon *d, const struct proto_request *req,
			 const struct ucred *peer)
{
	(void)d;
	(void)peer;
	for (size_t i = 0; i < req->prep_n && i < PROTO_PREP_MAX; i++)
		ctlfilter_prepare(req->filter, (int)(req->prep_linktype[i] & 0xffff),
				  (int)req->prep_snaplen[i]);
	return json_pack("{s:b}", "ok", 1);
}

struct dump_job *dump_job_new(struct daemon *d, const struct proto_request *req,
			      const struct ucred *peer, char *err, size_t errlen)
{
	struct ring *r = NULL;
	struct dump_job *j;

	if (!*req->case_id) {
		r = pick_ring(d, req->ring, err, errlen);
		if (!r)
			return NULL;
	}
	j = calloc(1, sizeof(*j));
	if (!j || !(j->damage = json_array())) {
		free(j);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	j->fd = -1;
	if ((req->export || req->gzip) && export_setup(j, req, peer, err, errlen) < 0)
		goto fail;
	if (*req->case_id && *req->filter && !req->export) {
		snprintf(err, errlen, "\"filter\" with \"case\" is for exports: pktctl filters a case's dump itself");
		goto fail;
	}
	if (*req->case_id) {
		j->ex = evexport_new(req, j->xo, d, err, errlen);
		if (!j->ex)
			goto fail;
		return j;
	}
	if (req->nrings) {
		snprintf(err, errlen, "\"rings\" selects rings of a case: dump one ring per request");
		goto fail;
	}
	j->r = r;
	if (filter_setup(j, req, err, errlen) < 0)
		goto fail;
	j->since = req->since;
	j->until = req->until;
	j->follow = req->follow;
	/* Following without --since starts at the present, like tcpdump -i. */
	if (j->follow && !j->since) {
		struct timespec now;

		clock_gettime(CLOCK_REALTIME, &now);
		j->since = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
	}
	return j;
fail:
	dump_job_free(j);
	return NULL;
}

uint64_t dump_job_duplicates(const struct dump_job *j)
{
	return j->ex ? evexport_duplicates(j->ex) : 0;
}

uint64_t dump_job_packets(const struct dump_job *j)
{
	if (j->ex)
		return evexport_packets(j->ex);
	return j->packets;
}

json_t *dump_job_damage(const struct dump_job *j)
{
	if (j->ex)
		return evexport_damage(j->ex);
	return j->ndamaged ? j->damage : NULL;
}

static void close_file(struct dump_job *j)
{
	if (j->has_aidx)
		addridx_free(&j->aidx);
	j->has_aidx = 0;
	pcapfile_close(j->pf);
	j->pf = NULL;
	if (j->fd >= 0)
		close(j->fd);
	j->fd = -1;
}

void dump_job_free(struct dump_job *j)
{
	if (!j)
		return;
	evexport_free(j->ex);
	expout_free(j->xo);
	free(j->raw);
	close_file(j);
	json_decref(j->damage);
	if (j->has_prog)
		pcap_freecode(&j->prog);
	if (j->dead)
		pcap_close(j->dead);
	bpfplan_free(j->plan);
	free(j);
}

static int64_t file_first(const struct filelist_file *f)
{
	if ((f->flags & FL_META) && f->packets)
		return f->first_ns;
	return f->name_sec > 0 ? f->name_sec * 1000000000 : 0;
}

struct mark {
	const char *why;	/* damage, or NULL */
	int was_queued;
	uint64_t size;
};

static int mark_for_indexer(struct filelist_file *f, void *arg)
{
	struct mark *m = arg;

	if (m->why) {
		f->flags |= FL_DAMAGED;
		snprintf(f->damage, sizeof(f->damage), "%.199s", m->why);
	}
	m->was_queued = !!(f->flags & FL_QUEUED);
	m->size = f->size;
	f->flags |= FL_QUEUED;
	return 0;
}

/* Has the indexer check the file being read: queued once, or moved to the front. */
static void check_file(struct dump_job *j, const char *why)
{
	struct mark m = { why, 0, 0 };

	if (filelist_update(j->r->files, j->seq, mark_for_indexer, &m) < 0)
		return;
	if (!m.was_queued)
		indexer_queue(j->r, j->seq, m.size, INDEX_VERIFY);
	else
		indexer_hurry(j->r, j->seq);
}

/*
 * The file is damaged: say so in the answer, mark it for list and status,
 * and have the indexer check it against its seal and rebuild its index.
 */
static void met_damage(struct dump_job *j, const char *why)
{
	if (j->ndamaged++ < MAX_DAMAGE)
		json_array_append_new(j->damage, json_string(why));
	rlog(j->r, LOG_WARNING, "dump: %s", why);
	check_file(j, why);
}

/*
 * With a sound index, starts reading at the last seek point before --since:
 * only the window and at most one point's worth of packets before it are
 * read. A point that turns out not to lead to a whole record is not
 * trusted: the file is read from its start and the index rebuilt.
 */
static struct pcapfile *open_at_point(struct dump_job *j, unsigned flags)
{
	const struct pcapidx_point *p;
	struct pcapidx idx;
	struct pcapfile *pf = NULL;
	char iname[300], err[512];

	snprintf(iname, sizeof(iname), "%s.idx", j->name);
	if (pcapidx_load(j->r->dirfd, iname, &idx) < 0)
		return NULL;
	p = pcapidx_seek(&idx, j->since);
	if (p && p->off)
		pf = pcapfile_open_at(j->fd, j->name, flags, idx.pcap_header, idx.gzip, p->off,
				      p->raw_off, err, sizeof(err));
	if (pf) {
		struct pcapfile_rec rec;
		int rc = pcapfile_peek(pf, &rec);

		/* Peeked only to check the point: the record stays the first one read. */
		if (rc != PCAPFILE_OK || rec.ns < p->first_ns) {
			pcapfile_close(pf);
			pf = NULL;
			rlog(j->r, LOG_WARNING,
			     "dump: %s: its index points at byte %llu, where no record starts; reading from the start and rebuilding the index",
			     j->name, (unsigned long long)p->off);
			check_file(j, NULL);
		}
	}
	if (pf)
		rlog(j->r, LOG_DEBUG, "dump: %s: starting at byte %llu (index point)", j->name,
		     (unsigned long long)p->off);
	pcapidx_free(&idx);
	return pf;
}

/* Whether block b of the file being read may hold a match. */
static int block_may(const struct dump_job *j, size_t b)
{
	return bpfplan_may_match(j->plan, &j->aidx.blocks[b].set);
}

/* The blocks whose sets are whole: an open file's last block may still grow. */
static size_t trusted_blocks(const struct addridx *x)
{
	return x->complete ? x->nblocks : (x->nblocks ? x->nblocks - 1 : 0);
}

/*
 * The end (a block number) of the run of blocks to read that starts at
 * block b: blocks that cannot match are read through when fewer than
 * JUMP_MIN bytes lie before the next one that may (a short gap costs less
 * read than a jump); a longer gap, or the end of the file, ends the run.
 */
static size_t run_end_block(const struct dump_job *j, size_t b)
{
	const struct addridx *x = &j->aidx;
	size_t trusted = trusted_blocks(x), i = b, f;

	while (i < trusted) {
		if (block_may(j, i)) {
			i++;
			continue;
		}
		for (f = i + 1; f < trusted && !block_may(j, f); f++)
			;
		if (f == x->nblocks || x->blocks[f].at.raw_off - x->blocks[i].at.raw_off >= JUMP_MIN)
			return i;
		i = f;
	}
	return trusted < x->nblocks ? x->nblocks : i;
}

/* The share of the file's uncompressed bytes, in thousandths, that the plan reads. */
static uint64_t kept_share(const struct dump_job *j, uint64_t size)
{
	const struct addridx *x = &j->aidx;
	const struct pcapidx_point *last;
	uint64_t kept = 0, total;
	size_t b = 0, e;

	if (!x->nblocks)
		return 1000;
	last = &x->blocks[x->nblocks - 1].at;
	/* The last block's length: a plain file's size says it, for gzip about an average block's. */
	if (last->off == last->raw_off)
		total = size > last->raw_off ? size : last->raw_off + 1;
	else
		total = last->raw_off + (x->nblocks > 1 ? last->raw_off / (x->nblocks - 1) : 1);
	while (b < x->nblocks) {
		while (b < x->nblocks && !block_may(j, b))
			b++;
		if (b == x->nblocks)
			break;
		e = run_end_block(j, b);
		kept += (e < x->nblocks ? x->blocks[e].at.raw_off : total) - x->blocks[b].at.raw_off;
		b = e;
	}
	return kept * 1000 / total;
}

/*
 * Loads the file's address index (docs/index.md). Returns 1 when it says no
 * packet of the file can match the filter: the file is not read at all. No
 * index, or one that is not this file's, and every block is read. An index
 * that keeps (nearly) all of the file is let go: the file is read straight
 * through, and after COMMON_FILES such files in a row, the next files with
 * a summary that says "may" are read without loading their index (but one
 * in PROBE_EVERY still is): a host in every block costs no index reads.
 */
static int plan_file(struct dump_job *j, int sum)
{
	struct stat st;
	char aname[300];

	j->run_end = 0;
	if (!j->plan || fstat(j->fd, &st) < 0)
		return 0;
	if (sum != FILELIST_SUM_NONE && j->common >= COMMON_FILES &&
	    j->probe++ % PROBE_EVERY != 0) {
		j->unloaded_files++;
		return 0;
	}
	snprintf(aname, sizeof(aname), "%s.aidx", j->name);
	/* Only what the plan asks: the pages of its values (docs/index.md, "Postings"). */
	if (addridx_load_for(j->r->dirfd, aname, j->fd, j->name, (uint64_t)st.st_size, j->plan,
			     &j->aidx) < 0) {
		aidxsum_rebuild(j->r, &j->cur);
		return 0;
	}
	j->has_aidx = 1;
	/* Loaded whole and checked: its union stays in memory for the next query. */
	if (sum == FILELIST_SUM_NONE && j->aidx.complete && !j->aidx.reduced)
		filelist_set_summary(j->r->files, j->seq, &j->aidx.file, j->aidx.linktype);
	if (j->aidx.linktype != j->plan_linktype) {
		addridx_free(&j->aidx);
		j->has_aidx = 0;
		return 0;
	}
	if (j->aidx.complete && !bpfplan_may_match(j->plan, &j->aidx.file)) {
		j->skipped_files++;
		return 1;
	}
	if (kept_share(j, (uint64_t)st.st_size) >= COMMON_SHARE) {
		j->common++;
		addridx_free(&j->aidx);
		j->has_aidx = 0;
		return 0;
	}
	j->common = 0;
	j->probe = 0;
	return 0;
}

/*
 * Has the kernel read the run's next piece (up to ADVISE bytes of blocks
 * from block a on, and not past the run's end) before the reader asks for
 * it: exactly the bytes the plan keeps, no read-ahead past the run.
 */
static void advise(struct dump_job *j, size_t a)
{
	const struct addridx *x = &j->aidx;
	size_t c = a;
	uint64_t from, to;

	while (c < j->run_blk && c < x->nblocks &&
	       x->blocks[c].at.raw_off - x->blocks[a].at.raw_off < ADVISE)
		c++;
	from = x->blocks[a].at.off;
	to = c < x->nblocks ? x->blocks[c].at.off : 0;	/* 0: to the end of the file */
	/* A length of 0 would advise the whole rest of the file. */
	if (!to || to > from)
		posix_fadvise(j->fd, (off_t)from, to ? (off_t)(to - from) : 0, POSIX_FADV_WILLNEED);
	/* Halfway through what was advised, the next piece is. */
	j->adv_blk = c;
	j->adv_at = c < j->run_blk && c < x->nblocks ? x->blocks[a + (c - a) / 2].at.raw_off
						      : UINT64_MAX;
}

/* The run from block b to block e (run_end_block) is what is read next. */
static void start_run(struct dump_job *j, size_t b, size_t e)
{
	const struct addridx *x = &j->aidx;

	j->run_blk = e;
	j->run_end = e < x->nblocks ? x->blocks[e].at.raw_off : UINT64_MAX;
	pcapfile_read_until(j->pf, e < x->nblocks ? x->blocks[e].at.off : 0);
	advise(j, b);
}

/*
 * Continues the file at block k's seek point (on the same descriptor: the
 * reader there reads with pread), after checking that a record starts
 * there (as open_at_point does); the reader so far stays when the point is
 * not to be trusted. -1 then.
 */
static int jump_to(struct dump_job *j, size_t k, size_t e)
{
	const struct pcapidx_point *p = &j->aidx.blocks[k].at;
	const struct pcapfile_info *info = pcapfile_info(j->pf);
	struct pcapfile *pf, *old = j->pf;
	struct pcapfile_rec rec;
	char err[512];

	pf = pcapfile_open_at(j->fd, j->name, j->open_flags, info->header, info->gzip, p->off,
			      p->raw_off, err, sizeof(err));
	if (pf) {
		j->pf = pf;
		start_run(j, k, e);
		/* Peeked: the record stays the first one read, the block is read (inflated) once. */
		if (pcapfile_peek(pf, &rec) == PCAPFILE_OK && rec.raw_off == p->raw_off &&
		    rec.ns >= p->first_ns) {
			pcapfile_close(old);
			j->pos = p->raw_off;
			return 0;
		}
		j->pf = old;
		pcapfile_close(pf);
	}
	rlog(j->r, LOG_WARNING,
	     "dump: %s: its address index points at byte %llu, where no record starts; reading on without it",
	     j->name, (unsigned long long)p->off);
	return -1;
}

/* The index cannot be followed: the rest of the file is read as without it. */
static void unplan(struct dump_job *j)
{
	addridx_free(&j->aidx);
	j->has_aidx = 0;
	j->run_end = UINT64_MAX;
	j->adv_at = UINT64_MAX;
	pcapfile_read_until(j->pf, 0);
}

/*
 * Before the record at j->pos is read, when the run being read ended (or
 * none started yet): blocks that cannot match are not read, the reader
 * moves on to the next block that may, as --since moves it
 * (open_at_point). Returns 1 when the file has nothing more that can match
 * (it is closed then), 0 when reading goes on.
 */
static int plan_at(struct dump_job *j)
{
	const struct addridx *x = &j->aidx;
	size_t trusted = trusted_blocks(x), k, e;
	long b = addridx_block_at(x, j->pos);

	if (b < 0 || (size_t)b >= trusted) {
		j->run_end = UINT64_MAX;
		j->adv_at = UINT64_MAX;
		pcapfile_read_until(j->pf, 0);
		return 0;
	}
	for (k = (size_t)b; k < trusted && !block_may(j, k); k++)
		;
	if (k == x->nblocks) {
		j->skipped_blocks += k - (size_t)b;
		close_file(j);
		return 1;
	}
	e = run_end_block(j, k);
	/* Already there (pos is where block k starts, or inside it): read on. */
	if (x->blocks[k].at.raw_off <= j->pos) {
		start_run(j, k, e);
		return 0;
	}
	if (jump_to(j, k, e) < 0) {
		unplan(j);
		return 0;
	}
	j->skipped_blocks += k - (size_t)b;
	return 0;
}

/*
 * A file with a plan, plain: its header by one small read, and a reader
 * that has read nothing yet, so the first run (or the jump past blocks
 * that cannot match) decides what is read. NULL for gzip (the header is
 * inside the first member) or a header pcapfile_open is to judge.
 */
static struct pcapfile *open_planned(struct dump_job *j, unsigned flags)
{
	uint8_t h[PCAP_FILE_HDR_LEN];
	char err[512];

	if (pread(j->fd, h, sizeof(h), 0) != (ssize_t)sizeof(h) || (h[0] == 0x1f && h[1] == 0x8b))
		return NULL;
	return pcapfile_open_at(j->fd, j->name, flags, h, 0, PCAP_FILE_HDR_LEN, PCAP_FILE_HDR_LEN, err,
				sizeof(err));
}

/* A reader opened otherwise: where its first record starts, or (none) no plan for the file. */
static void first_pos(struct dump_job *j)
{
	struct pcapfile_rec rec;

	if (pcapfile_peek(j->pf, &rec) == PCAPFILE_OK)
		j->pos = rec.raw_off;
	else
		unplan(j);
}

/*
 * Opens the next file that can hold packets of the window. Returns 1 when
 * one is open, 0 when there is none yet, -1 when none can come any more.
 */
static int open_next(struct dump_job *j)
{
	struct ring *r = j->r;
	struct filelist_file fs[2];
	uint64_t from = j->next_seq;
	int64_t first = 0;
	int found = 0, growing = 0, hurry = 0, sum;
	unsigned flags;
	char err[512];
	size_t n;

	/* The window's first file by binary search: a query costs the same in any ring. */
	if (j->since) {
		uint64_t at = filelist_seq_at(r->files, j->since);

		if (at != UINT64_MAX && at > from)
			from = at;
	}
	while ((n = filelist_copy(r->files, from, fs, 2)) > 0) {
		struct filelist_file *f = &fs[0];

		from = f->seq + 1;
		/* A closed file whose last packet is before the window is not read at all. */
		if (j->since && (f->flags & FL_META) && !(f->flags & FL_OPEN) && f->packets &&
		    f->last_ns < j->since)
			continue;
		/* Every packet of f is older than the next file's first: skip it whole. */
		if (j->since && n == 2 && file_first(&fs[1]) &&
		    file_first(&fs[1]) < j->since - 1000000000LL)
			continue;
		snprintf(j->name, sizeof(j->name), "%s", f->name);
		j->seq = f->seq;
		j->cur = *f;
		first = file_first(f);
		/* A file being written, or one a crash left torn and not yet repaired. */
		growing = (f->flags & (FL_OPEN | FL_REPAIR)) != 0;
		/* Still waiting for the indexer: the dump needs it now. */
		hurry = (f->flags & FL_QUEUED) && !(f->flags & FL_OPEN);
		found = 1;
		break;
	}
	if (hurry && indexer_hurry(r, j->seq))
		rlog(r, LOG_DEBUG, "dump: %s waits for the indexer: it goes next", j->name);
	if (!found)
		return j->follow ? 0 : -1;
	/* Names carry whole seconds: a file named after the window ended cannot match. */
	if (j->until && first >= j->until + 1000000000LL)
		return -1;
	j->next_seq = j->seq + 1;
	/* The file's union in memory rules it out without opening anything. */
	sum = j->plan ? filelist_ask_summary(r->files, j->seq, j->plan, j->plan_linktype)
		      : FILELIST_SUM_NONE;
	if (sum == FILELIST_SUM_NO) {
		j->skipped_files++;
		return 1;
	}
	j->fd = pcapfile_openat(r->dirfd, j->name, O_RDONLY);
	if (j->fd < 0) {
		if (errno != ENOENT)	/* ENOENT: deleted by retention meanwhile */
			rlog(r, LOG_WARNING, "dump: cannot open %s: %s", j->name,
			     errno == EINVAL ? "not a regular file" : strerror(errno));
		return 1;
	}
	if (plan_file(j, sum)) {
		close_file(j);
		return 1;
	}
	flags = growing ? PCAPFILE_GROWING : 0;
	j->open_flags = flags;
	if (j->since)
		j->pf = open_at_point(j, flags);
	j->pos = PCAP_FILE_HDR_LEN;
	if (!j->pf && j->has_aidx)
		j->pf = open_planned(j, flags);
	else if (j->pf && j->has_aidx)
		first_pos(j);
	if (!j->pf) {
		int damaged = 0;

		lseek(j->fd, 0, SEEK_SET);
		/* With a plan (a gzip file), its first piece is read without the kernel's read-ahead. */
		if (j->has_aidx)
			posix_fadvise(j->fd, 0, 0, POSIX_FADV_RANDOM);
		j->pf = pcapfile_open(j->fd, j->name, flags, err, sizeof(err), &damaged);
		if (j->has_aidx)
			posix_fadvise(j->fd, 0, 0, POSIX_FADV_NORMAL);
		if (!j->pf) {
			/* A file still without its header is being created: look again later. */
			if (!damaged || growing) {
				close_file(j);
				j->next_seq = j->seq;
				return growing ? (j->follow ? 0 : -1) : 1;
			}
			met_damage(j, err);
			close_file(j);
			return 1;
		}
		if (j->has_aidx)
			first_pos(j);
	}
	j->nano = pcapfile_info(j->pf)->nano;
	if (j->xo) {
		const struct filelist_file *f = &j->cur;
		int sealed = (f->flags & FL_SHA) && !growing;

		expout_source(j->xo, expout_file(r->name, j->name, sealed ? f->sha256 : NULL,
						 sealed ? f->seal_size : f->size,
						 (f->flags & FL_META) ? f->first_ns : 0,
						 (f->flags & FL_META) ? f->last_ns : 0, f->packets));
	}
	return 1;
}

/* Whether the file being read is still the one the writer is writing. */
static int still_growing(struct dump_job *j)
{
	struct filelist_file f;

	if (filelist_get(j->r->files, j->seq, &f) < 0)
		return 0;
	return (f.flags & (FL_OPEN | FL_REPAIR)) != 0;
}

static void put_header(struct dump_job *j, uint8_t *out, size_t *len, const uint8_t *hdr)
{
	memcpy(out + *len, hdr, PCAP_FILE_HDR_LEN);
	*len += PCAP_FILE_HDR_LEN;
	if (j->xo)
		expout_header(j->xo, hdr);
	j->out_nano = j->nano;
	j->sent_header = 1;
}

/* The end of the selection; a stream without packets still gets its header. */
static int done(struct dump_job *j, uint8_t *out, size_t *len)
{
	if (!j->sent_header) {
		uint32_t magic;

		memcpy(&magic, j->r->header, 4);
		j->nano = magic == PCAP_MAGIC_NSEC;
		put_header(j, out, len, j->r->header);
	}
	j->finished = 1;
	return DUMP_DONE;
}

static int filter_wants(const struct dump_job *j, const struct pcapfile_rec *rec)
{
	struct pcap_pkthdr ph = { .caplen = rec->caplen, .len = rec->len };

	return pcap_offline_filter(&j->prog, &ph, rec->data) != 0;
}

static int fill_ring(struct dump_job *j, uint8_t *out, size_t max, size_t *len)
{
	size_t budget = READ_BUDGET;

	*len = 0;
	if (j->finished)
		return done(j, out, len);
	while (*len < max && budget) {
		struct pcapfile_rec rec;
		int rc;

		if (!j->pf) {
			rc = open_next(j);
			if (rc < 0)
				return done(j, out, len);
			if (rc == 0)
				return *len ? DUMP_MORE : DUMP_WAIT;
			/*
			 * A file passed over (its address index rules it out, or it is
			 * gone) still costs the step: thousands of them in a row must
			 * not hold the loop.
			 */
			if (!j->pf) {
				budget = budget > FILE_COST ? budget - FILE_COST : 0;
				continue;
			}
			if (!j->sent_header)
				put_header(j, out, len, pcapfile_info(j->pf)->header);
		}
		/* The run being read ended: the plan says where the next one starts. */
		if (j->has_aidx && j->pos >= j->run_end && plan_at(j))
			continue;
		if (j->has_aidx && j->pos >= j->adv_at)
			advise(j, j->adv_blk);
		rc = pcapfile_next(j->pf, &rec);
		if (rc == PCAPFILE_AGAIN) {
			/* The end of what is on disk: an open file may grow, a closed one is done. */
			if (still_growing(j))
				return *len ? DUMP_MORE : (j->follow ? DUMP_WAIT : done(j, out, len));
			pcapfile_stop_growing(j->pf);
			continue;
		}
		if (rc == PCAPFILE_DAMAGED || rc == PCAPFILE_ERROR) {
			if (rc == PCAPFILE_DAMAGED)
				met_damage(j, pcapfile_error(j->pf));
			else
				rlog(j->r, LOG_WARNING, "dump: %s", pcapfile_error(j->pf));
			close_file(j);
			continue;
		}
		if (rc == PCAPFILE_END) {
			close_file(j);
			continue;
		}
		j->pos = rec.raw_off + PCAP_REC_HDR_LEN + rec.caplen;
		budget = budget > PCAP_REC_HDR_LEN + rec.caplen ? budget - PCAP_REC_HDR_LEN - rec.caplen : 0;
		/* Files are in time order: nothing after this can be in the window. */
		if (j->until && rec.ns >= j->until) {
			close_file(j);
			j->finished = 1;
			return *len ? DUMP_MORE : done(j, out, len);
		}
		if (j->since && rec.ns < j->since)
			continue;
		if (j->xo && !expout_wants(j->xo, &rec))
			continue;
		if (j->has_prog && !filter_wants(j, &rec))
			continue;
		{
			uint32_t hdr[4] = { rec.sec, rec.frac, rec.caplen, rec.len };

			/* The stream keeps the first file's precision. */
			if (j->nano != j->out_nano)
				hdr[1] = j->out_nano ? rec.frac * 1000 : rec.frac / 1000;
			memcpy(out + *len, hdr, PCAP_REC_HDR_LEN);
			memcpy(out + *len + PCAP_REC_HDR_LEN, rec.data, rec.caplen);
			*len += PCAP_REC_HDR_LEN + rec.caplen;
			j->packets++;
		}
	}
	return DUMP_MORE;
}

static int fill_raw(struct dump_job *j, uint8_t *out, size_t max, size_t *len)
{
	return j->ex ? evexport_fill(j->ex, out, max, len) : fill_ring(j, out, max, len);
}

/*
 * An export's step: the pcap bytes, straight into out, or (gzip) into raw
 * first, at most EXPORT_STEP and one record, whose compressed form fits in
 * the max + 256K out has room for. expout_put hashes what goes out.
 */
int dump_job_fill(struct dump_job *j, uint8_t *out, size_t max, size_t *len)
{
	uint8_t *raw = j->raw ? j->raw : out;
	size_t rawlen = 0;
	int rc;

	if (!j->xo)
		return fill_raw(j, out, max, len);
	rc = fill_raw(j, raw, j->raw ? EXPORT_STEP : max, &rawlen);
	if (expout_put(j->xo, raw, rawlen, rc == DUMP_DONE, out, max + 256 * 1024, len) < 0)
		return DUMP_DONE;
	return rc;
}

/* What the plan spared: {"plan": {"files_skipped", "blocks_skipped"}} in END, and the log. */
static void plan_end(const struct dump_job *j, json_t *end)
{
	if (!j->plan)
		return;
	rlog(j->r, LOG_DEBUG,
	     "dump: the address index spared %llu files and %llu blocks; %llu files read whole without loading theirs",
	     (unsigned long long)j->skipped_files, (unsigned long long)j->skipped_blocks,
	     (unsigned long long)j->unloaded_files);
	if (end)
		json_object_set_new(end, "plan", json_pack("{s:I, s:I}", "files_skipped",
							   (json_int_t)j->skipped_files,
							   "blocks_skipped",
							   (json_int_t)j->skipped_blocks));
}

json_t *dump_job_end(struct dump_job *j)
{
	json_t *damage = dump_job_damage(j), *end;

	if (j->xo) {
		plan_end(j, NULL);
		return expout_end(j->xo, dump_job_packets(j), dump_job_duplicates(j), damage);
	}
	end = json_pack("{s:b, s:I}", "ok", 1, "packets", (json_int_t)dump_job_packets(j));
	/* Damaged records were not sent; the client says so and fails. */
	if (end && damage)
		json_object_set(end, "damaged", damage);
	if (end && j->ex)
		json_object_set_new(end, "duplicates", json_integer((json_int_t)dump_job_duplicates(j)));
	plan_end(j, end);
	return end;
}

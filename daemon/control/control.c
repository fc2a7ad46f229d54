/* control.c: the answers to status, list, interfaces, rotate, reindex and reload requests */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "aidxmatch.h"
#include "storage/aidxsum.h"
#include "capture/capctl.h"
#include "control/control.h"
#include "evidence/evidence.h"
#include "storage/indexer.h"
#include "log.h"
#include "storage/totals.h"
#include "ring.h"
#include "sha256.h"

/* RFC 3339 in UTC with microseconds: what a script and a person can both read. */
static json_t *json_time(int64_t ns)
{
	time_t sec = (time_t)(ns / 1000000000);
	char buf[64], stamp[32];
	struct tm tm;

	if (ns <= 0 || !gmtime_r(&sec, &tm))
		return json_null();
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "%s.%06ldZ", stamp, (long)(ns % 1000000000 / 1000));
	return json_string(buf);
}

static int64_t file_first_ns(const struct filelist_file *f)
{
	if ((f->flags & FL_META) && f->packets)
		return f->first_ns;
	return f->name_sec > 0 ? f->name_sec * 1000000000 : 0;
}

/* open, damaged, repairing, indexing (not yet read), sealed or unsealed. */
static const char *file_state(const struct filelist_file *f)
{
	if (f->flags & FL_OPEN)
		return "open";
	if (f->flags & FL_DAMAGED)
		return "damaged";
	if (f->flags & FL_REPAIR)
		return "repairing";
	if (f->flags & FL_QUEUED)
		return "indexing";
	return f->flags & FL_SHA ? "sealed" : "unsealed";
}

/* The ring's interface: there or not, and what its coming and going cost. */
static void link_status(const struct capture_link_status *l, json_t *j)
{
	const struct capture_link_status ls = *l;

	json_object_set_new(j, "interface_index",
			    ls.ifindex ? json_integer(ls.ifindex) : json_null());
	json_object_set_new(j, "interface_last_seen", json_time(ls.last_seen_ns));
	json_object_set_new(j, "waiting_since", json_time(ls.waiting_since_ns));
	json_object_set_new(j, "interface_lost", json_integer((json_int_t)ls.lost));
	json_object_set_new(j, "seconds_without_capture",
			    json_real((double)(ls.gap_ms / 100) / 10.0));
}

static json_t *ring_status(struct ring *r)
{
	struct ring_snapshot st;
	struct writer_queue_stats qs;
	struct statvfs sv;
	uint64_t raw = atomic_load(&r->written_raw);
	uint64_t disk = atomic_load(&r->written_bytes);
	struct filelist_totals t;
	struct filelist_file newest;
	const char *current = NULL;
	json_t *j;

	/* The capture thread's sample: pcap_stats is its alone. */
	capture_snapshot(r, &st);
	/* Running totals: status costs the same at 100 files or 100,000. */
	filelist_totals(r->files, &t);
	if (filelist_newest(r->files, &newest) == 0 && (newest.flags & FL_OPEN))
		current = newest.name;
	pthread_mutex_lock(&r->lock);
	j = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I,"
		      " s:f, s:s?, s:I, s:I, s:o, s:I, s:I, s:I}",
		      "name", r->name, "interface", r->iface, "profile", r->profile,
		      "filter", st.filter, "state", st.state,
		      "packets_received", (json_int_t)st.received,
		      "packets_captured", (json_int_t)st.captured,
		      "dropped_kernel", (json_int_t)st.dropped_kernel,
		      "dropped_interface", (json_int_t)st.dropped_interface,
		      "dropped_queue", (json_int_t)st.queue_drops,
		      "lost_write", (json_int_t)atomic_load(&r->lost_packets),
		      "packets_written", (json_int_t)atomic_load(&r->written_packets),
		      "bytes_written", (json_int_t)disk,
		      "bytes_captured", (json_int_t)raw,
		      "compression_ratio", disk ? (double)raw / (double)disk : 1.0,
		      "current_file", current,
		      "files", (json_int_t)t.files, "bytes_kept", (json_int_t)(t.bytes - t.preserved_bytes),
		      "oldest_packet", json_time(t.oldest_ns),
		      "queue_high_water", (json_int_t)st.queue_high_water,
		      "queue_buffers", (json_int_t)st.queue_buffers,
		      "files_closed", (json_int_t)atomic_load(&r->rotations));
	pthread_mutex_unlock(&r->lock);
	if (j) {
		json_object_set_new(j, "files_damaged", json_integer((json_int_t)t.damaged));
		json_object_set_new(j, "sync_errors",
				    json_integer((json_int_t)atomic_load(&r->sync_errors)));
		json_object_set_new(j, "writer_stalls", json_integer((json_int_t)st.stalls));
		writer_queue_stats(r, &qs);
		json_object_set_new(j, "queue_high_water_bytes",
				    json_integer((json_int_t)qs.high_water_bytes));
		json_object_set_new(j, "queue_size", json_integer((json_int_t)qs.limit));
		if (qs.reserved != (uint64_t)-1)
			json_object_set_new(j, "queue_reserved_bytes",
					    json_integer((json_int_t)qs.reserved));
		json_object_set_new(j, "gzip_chunks",
				    json_integer((json_int_t)atomic_load(&r->gzip_chunks)));
		json_object_set_new(j, "gzip_chunks_stored",
				    json_integer((json_int_t)atomic_load(&r->stored_chunks)));
	}
	if (j)
		link_status(&st.link, j);
	if (j)
		totals_status(r, &st, j);
	if (j && fstatvfs(r->dirfd, &sv) == 0)
		json_object_set_new(j, "fs_free", json_integer((json_int_t)(sv.f_bavail * sv.f_frsize)));
	return j;
}

json_t *control_status(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	json_t *rings = json_array(), *res;
	struct indexer_stats ist;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	for (size_t i = 0; i < d->nrings; i++)
		if (ring_matches(d->rings[i], req->ring))
			json_array_append_new(rings, ring_status(d->rings[i]));
	indexer_get_stats(&ist);
	res = json_pack("{s:s, s:i, s:I, s:o, s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I, s:I, s:I}}",
			    "version", PACKAGE_VERSION,
			    "pid", (int)getpid(), "uptime", (json_int_t)(now.tv_sec - d->started_mono),
			    "started", json_time(d->started * 1000000000LL), "config", d->conf_file,
			    "storage", d->storage, "rings", rings, "indexer",
			    "files_left", (json_int_t)ist.files_left,
			    "bytes_left", (json_int_t)ist.bytes_left,
			    "files_done", (json_int_t)ist.files_done,
			    "bytes_done", (json_int_t)ist.bytes_done,
			    "files_damaged", (json_int_t)ist.damaged,
			    "bytes_per_second", (json_int_t)ist.bytes_per_sec);
	if (res)
		evidence_status(d, res);
	return control_ok(res);
}

static json_t *file_json(const struct ring *r, const struct filelist_file *f)
{
	json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:b, s:b}", "ring", r->name, "name", f->name,
			      "seq", (json_int_t)f->seq, "size", (json_int_t)f->size,
			      "open", !!(f->flags & FL_OPEN), "preserved", !!(f->flags & FL_PRESERVED));
	int meta = !!(f->flags & FL_META);

	if (!j)
		return NULL;
	json_object_set_new(j, "state", json_string(file_state(f)));
	if (f->flags & FL_DAMAGED)
		json_object_set_new(j, "damage", json_string(f->damage));
	if (f->flags & FL_PRESERVED)
		json_object_set_new(j, "cases", evidence_holders(f->name));
	json_object_set_new(j, "first", json_time(file_first_ns(f)));
	json_object_set_new(j, "last", meta ? json_time(f->last_ns) : json_null());
	json_object_set_new(j, "packets", meta ? json_integer((json_int_t)f->packets) : json_null());
	if (f->flags & FL_SHA) {
		char hex[65];

		sha256_hex(f->sha256, hex);
		json_object_set_new(j, "sha256", json_string(hex));
	} else {
		json_object_set_new(j, "sha256", json_null());
	}
	return j;
}

/* A list with a filter: per ring, the plan the address indexes answer. */
struct listplan {
	struct bpfplan *plan;	/* NULL: no plan, every file may match */
	int linktype;
	char why[128];		/* why there is none */
	uint64_t skipped;	/* files left out */
};

#define LIST_CHUNK 256
/* Files per reply, whatever the request's limit: a page costs the loop about 2 ms. */
#define LIST_PAGE_MAX 128

/* The files a list request selects in one ring: ranks [lo, hi) of the list. */
struct selection {
	size_t lo, hi;
	size_t matched;		/* by time alone, before "last" */
};

/* Binary searches only: a window costs the same at 100 files or 100,000. */
static void select_files(struct ring *r, const struct proto_request *req, struct selection *sel)
{
	struct filelist_totals t;
	uint64_t seq;

	filelist_totals(r->files, &t);
	sel->lo = 0;
	sel->hi = t.files;
	if (req->since) {
		seq = filelist_seq_at(r->files, req->since);
		sel->lo = seq == UINT64_MAX ? t.files : filelist_rank(r->files, seq);
	}
	if (req->until) {
		seq = filelist_seq_from(r->files, req->until);
		sel->hi = seq == UINT64_MAX ? t.files : filelist_rank(r->files, seq);
	}
	if (sel->hi < sel->lo)
		sel->hi = sel->lo;
	sel->matched = sel->hi - sel->lo;
	if (req->last && sel->hi - sel->lo > req->last)
		sel->lo = sel->hi - req->last;
}

static json_t *ring_summary(struct ring *r, const struct selection *sel,
			    const struct proto_request *req, const struct listplan *lp)
{
	struct filelist_totals t;
	struct filelist_file newest;
	int64_t last = 0;
	json_t *j;

	filelist_totals(r->files, &t);
	if (filelist_newest(r->files, &newest) == 0 && (newest.flags & FL_META))
		last = newest.last_ns;
	j = json_pack("{s:s, s:I, s:I, s:I, s:o, s:o, s:I, s:I}", "ring", r->name,
			 "files", (json_int_t)t.files, "bytes", (json_int_t)t.bytes,
			 "damaged", (json_int_t)t.damaged, "first", json_time(t.oldest_ns),
			 "last", json_time(last), "matched", (json_int_t)sel->matched,
			 "selected", (json_int_t)(sel->hi - sel->lo));
	/* The plan the filter got, or why there is none (then every file is listed). */
	if (j && *req->filter) {
		json_object_set_new(j, "plan", lp->plan ? json_string(bpfplan_describe(lp->plan))
							: json_null());
		if (!lp->plan)
			json_object_set_new(j, "plan_why", json_string(lp->why));
	}
	return j;
}

/* The filter, compiled as a dump compiles it (so a list fails where a dump would), then planned. */
static int listplan_setup(const struct ring *r, const char *filter, struct listplan *lp,
			  char *err, size_t errlen)
{
	return aidxmatch_plan(filter, r->header, &lp->plan, &lp->linktype, lp->why,
			      sizeof(lp->why), err, errlen);
}

/* An open file's index grows: its last block may not have all its packets yet. */
static size_t trusted_blocks(const struct addridx *x)
{
	return x->complete ? x->nblocks : (x->nblocks ? x->nblocks - 1 : 0);
}

static int block_may(const struct addridx *x, const struct bpfplan *p, size_t b)
{
	return b >= trusted_blocks(x) || bpfplan_may_match(p, &x->blocks[b].set);
}

/* Runs of blocks that may hold matches: [{"since", "until"}], times as in the list. */
static json_t *block_runs(const struct addridx *x, const struct bpfplan *p,
			  const struct filelist_file *f)
{
	json_t *runs = json_array();

	for (size_t b = 0; runs && b < x->nblocks; b++) {
		size_t e = b + 1;
		int64_t until;

		if (!block_may(x, p, b))
			continue;
		while (e < x->nblocks && block_may(x, p, e))
			e++;
		until = e < x->nblocks ? x->blocks[e].at.first_ns :
			(f->flags & FL_META) && f->packets ? f->last_ns + 1 : 0;
		json_array_append_new(runs, json_pack("{s:o, s:o}", "since",
						      json_time(x->blocks[b].at.first_ns),
						      "until", json_time(until)));
		b = e - 1;
	}
	return runs;
}

/*
 * What f's address index says, from the index alone (no packet is read):
 * 0 no packet of f can match, 1 some may ("match": "index", and with
 * blocks the runs that may), 2 it cannot tell ("match": "unknown": no plan,
 * no index, or not this file's).
 */
static int file_may_match(struct ring *r, const struct filelist_file *f,
			  const struct listplan *lp, json_t **blocks)
{
	struct addridx x;
	int rc = aidxsum_match(r, f, lp->plan, lp->linktype, blocks ? &x : NULL);

	if (rc != AIDXMATCH_MAY)
		return rc == AIDXMATCH_NO ? 0 : 2;
	if (blocks) {
		*blocks = block_runs(&x, lp->plan, f);
		addridx_free(&x);
	}
	return 1;
}

/* A file's entry, or NULL when the filter's plan leaves it out. */
static json_t *list_file(struct ring *r, const struct filelist_file *f,
			 const struct proto_request *req, struct listplan *lp)
{
	json_t *blocks = NULL, *j;
	int may;

	if (!*req->filter)
		return file_json(r, f);
	may = file_may_match(r, f, lp, req->blocks ? &blocks : NULL);
	if (!may) {
		lp->skipped++;
		return NULL;
	}
	j = file_json(r, f);
	if (j)
		json_object_set_new(j, "match", json_string(may == 1 ? "index" : "unknown"));
	if (j && blocks)
		json_object_set_new(j, "blocks", blocks);
	else
		json_decref(blocks);
	return j;
}

/*
 * Files of the selected rings, oldest first. With "limit", a reply holds at
 * most that many, and never more than LIST_PAGE_MAX; "next" says where the
 * following page starts (a later request names it in from_ring and from):
 * no page grows with the ring. Without, all of them (older clients): the
 * dispatch table sends that one to the ctl-worker. The first page also has
 * each ring's summary.
 */
json_t *control_list(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	struct filelist_file *buf = malloc(LIST_CHUNK * sizeof(*buf));
	json_t *files = json_array(), *rings = json_array(), *next = NULL, *res;
	uint64_t room = req->limit ? (req->limit < LIST_PAGE_MAX ? req->limit : LIST_PAGE_MAX)
				   : UINT64_MAX;
	int started = !*req->from_ring;
	struct listplan lp = { 0 };
	uint64_t skipped = 0;
	char err[512] = "";

	if (!buf || !files || !rings) {
		free(buf);
		json_decref(files);
		json_decref(rings);
		return control_fail("out of memory");
	}
	for (size_t i = 0; i < d->nrings && !next; i++) {
		struct ring *r = d->rings[i];
		struct selection sel;
		uint64_t from;
		size_t rank;

		if (!ring_matches(r, req->ring))
			continue;
		select_files(r, req, &sel);
		bpfplan_free(lp.plan);
		memset(&lp, 0, sizeof(lp));
		if (*req->filter && listplan_setup(r, req->filter, &lp, err, sizeof(err)) < 0)
			break;
		if (!*req->from_ring)
			json_array_append_new(rings, ring_summary(r, &sel, req, &lp));
		if (!started) {
			if (strcmp(r->name, req->from_ring))
				continue;
			started = 1;
		}
		rank = sel.lo;
		if (*req->from_ring && !strcmp(r->name, req->from_ring) && req->from) {
			size_t at = filelist_rank(r->files, req->from);

			if (at > rank)
				rank = at;
		}
		from = filelist_seq_by_rank(r->files, rank);
		while (rank < sel.hi) {
			size_t want = sel.hi - rank, n;

			if (want > LIST_CHUNK)
				want = LIST_CHUNK;
			if (!room) {
				next = json_pack("{s:s, s:I}", "ring", r->name, "from", (json_int_t)from);
				break;
			}
			if (want > room)
				want = (size_t)room;
			n = filelist_copy(r->files, from, buf, want);
			if (!n)
				break;
			for (size_t k = 0; k < n; k++) {
				json_t *fj = list_file(r, &buf[k], req, &lp);

				/* A file the plan leaves out takes no room on the page. */
				if (fj) {
					json_array_append_new(files, fj);
					room--;
				}
			}
			rank += n;
			from = buf[n - 1].seq + 1;
		}
		skipped += lp.skipped;
	}
	bpfplan_free(lp.plan);
	free(buf);
	if (*err) {
		json_decref(files);
		json_decref(rings);
		json_decref(next);
		return control_fail("%s", err);
	}
	res = json_pack("{s:o}", "files", files);
	if (*req->filter)
		json_object_set_new(res, "skipped", json_integer((json_int_t)skipped));
	if (!*req->from_ring)
		json_object_set_new(res, "rings", rings);
	else
		json_decref(rings);
	if (next)
		json_object_set_new(res, "next", next);
	return control_ok(res);
}

json_t *control_interfaces(struct daemon *d, const struct proto_request *req,
			   const struct ucred *peer)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	pcap_if_t *all, *dev;
	json_t *list = json_array();

	if (pcap_findalldevs(&all, errbuf) < 0) {
		json_decref(list);
		return control_fail("cannot list interfaces: %s", errbuf);
	}
	for (dev = all; dev; dev = dev->next) {
		json_t *rings = json_array();

		for (size_t i = 0; i < d->nrings; i++)
			if (!strcmp(d->rings[i]->iface, dev->name))
				json_array_append_new(rings, json_string(d->rings[i]->name));
		json_array_append_new(list, json_pack("{s:s, s:s?, s:I, s:o}", "name", dev->name,
						      "description", dev->description,
						      "flags", (json_int_t)dev->flags,
						      "rings", rings));
	}
	pcap_freealldevs(all);
	return control_ok(json_pack("{s:o}", "interfaces", list));
}

/* A close reaches the writer within a flush; then it seals the file. */
#define ROTATE_WAIT_MS 5000

json_t *control_rotate(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	json_t *done = json_array();

	for (size_t i = 0; i < d->nrings; i++) {
		struct ring *r = d->rings[i];

		int rc;

		if (!ring_matches(r, req->ring))
			continue;
		/* The capture thread closes the file; the writer's close event ends the wait. */
		rc = capture_rotate_wait(r, 0, ROTATE_WAIT_MS);
		if (rc == 0)
			continue;
		if (rc < 0) {
			json_decref(done);
			return control_fail("ring %s: %s; try again", r->name,
					    errno == EAGAIN ? "the writer is behind"
							    : "the file was not closed in time");
		}
		json_array_append_new(done, json_string(r->name));
		log_ring(LOG_INFO, r->iface, r->profile, "rotated on request");
	}
	return control_ok(json_pack("{s:o}", "rotated", done));
}

static int mark_queued(struct filelist_file *f, void *arg)
{
	int *was = arg;

	*was = !!(f->flags & FL_QUEUED);
	f->flags |= FL_QUEUED;
	return 0;
}

/*
 * Asks the indexer to read every closed file again against its seal (and
 * to index any without one): damage is found, reported and kept apart, and
 * a seal is never replaced. The indexer works at idle priority.
 */
json_t *control_reindex(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	struct filelist_file *buf = malloc(LIST_CHUNK * sizeof(*buf));
	json_t *queued = json_array();

	if (!buf || !queued) {
		free(buf);
		json_decref(queued);
		return control_fail("out of memory");
	}
	for (size_t i = 0; i < d->nrings; i++) {
		struct ring *r = d->rings[i];
		uint64_t from = 0;
		size_t n;

		if (!ring_matches(r, req->ring))
			continue;
		while ((n = filelist_copy(r->files, from, buf, LIST_CHUNK)) > 0) {
			for (size_t k = 0; k < n; k++) {
				struct filelist_file *f = &buf[k];
				int was = 0;

				if (f->flags & FL_OPEN)
					continue;
				/* Queued already: it is read anyway, and listed as queued. */
				if (filelist_update(r->files, f->seq, mark_queued, &was) < 0)
					continue;
				if (!was && indexer_queue(r, f->seq, f->size, INDEX_VERIFY) < 0)
					continue;
				json_array_append_new(queued, json_string(f->name));
			}
			from = buf[n - 1].seq + 1;
		}
	}
	free(buf);
	return control_ok(json_pack("{s:o}", "queued", queued));
}

json_t *control_reload(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	char err[1024], note[2048];

	if (daemon_reload(d, err, sizeof(err), note, sizeof(note)) < 0)
		return json_pack("{s:b, s:s}", "ok", 0, "error", err);
	return control_ok(json_pack("{s:s}", "restart_needed", note));
}

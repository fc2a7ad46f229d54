/* evverify.c: pktctl verify: common/evcheck's checks of a case (or a ring's seals) on threads of their own */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "evcheck.h"
#include "evidence/evidence.h"
#include "evidence/evmanifest.h"
#include "log.h"
#include "prio.h"

/*
 * Hashing a case of a few GB takes seconds to minutes: it runs on a thread
 * of its own ("verify") at idle priority, never on the event loop. verify
 * starts a job and answers with its number at once; pktctl asks about the
 * job until it is done. At most MAX_JOBS are kept; a finished job is
 * forgotten once its result was fetched, or when a new job needs its slot.
 * The checks themselves are common/evcheck.c's, the same that pktctl
 * verify --dir runs on a copy anywhere.
 *
 * The lock guards the job table, findings and progress. A job's thread
 * takes it for each finding and each MiB, so it is never held while
 * joining a thread that may still run: at exit the jobs are told to stop
 * (they look once per MiB) and joined with the lock released.
 */
#define MAX_JOBS 4
/* How long a ring's file that is gone may still be listed while retention deletes it. */
#define GONE_WAIT_MS 1000

struct vfile {
	char name[256];
	uint64_t seq;
	uint8_t sha256[32];
	uint64_t size;
	int has_sha;
};

struct vjob {
	uint64_t id;
	int used, done, joined;
	atomic_int stop;
	pthread_t thread;
	char case_id[PROTO_CASE_MAX + 1];
	char ring[160];
	int dirfd;		/* the case's or the ring's directory */
	struct evcheck_key *key;	/* for a case */
	struct filelist *fl;	/* for a ring: its list, to tell deleted from missing */
	struct vfile *files;	/* for a ring: a copy of its closed files */
	size_t nfiles;
	json_t *findings;	/* strings */
	uint64_t checked, bytes;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct vjob jobs[MAX_JOBS];
static uint64_t next_id = 1;

static void on_finding(void *arg, const char *text)
{
	struct vjob *j = arg;
	json_t *s = json_string(text);

	pthread_mutex_lock(&lock);
	json_array_append_new(j->findings, s ? s : json_string("(a finding that is not UTF-8)"));
	pthread_mutex_unlock(&lock);
}

/* Progress is read by the event loop (evverify_poll): under the lock, like findings. */
static void on_progress(void *arg, uint64_t files, uint64_t bytes)
{
	struct vjob *j = arg;

	pthread_mutex_lock(&lock);
	j->checked = files;
	j->bytes = bytes;
	pthread_mutex_unlock(&lock);
}

static void check_init(struct vjob *j, struct evcheck *c)
{
	memset(c, 0, sizeof(*c));
	c->dirfd = j->dirfd;
	c->case_id = j->case_id;
	c->key = j->key;
	c->stop = &j->stop;
	c->finding = on_finding;
	c->progress = on_progress;
	c->arg = j;
}

/* True while the ring still lists the file as v names it (retention may be deleting it). */
static int still_listed(struct vjob *j, const struct vfile *v)
{
	struct filelist_file f;

	for (int ms = 0; ms < GONE_WAIT_MS; ms += 50) {
		struct timespec ts = { 0, 50 * 1000000L };

		if (filelist_get(j->fl, v->seq, &f) < 0 || strcmp(f.name, v->name))
			return 0;
		if (faccessat(j->dirfd, v->name, F_OK, AT_SYMLINK_NOFOLLOW) == 0 ||
		    atomic_load(&j->stop))
			return 1;
		nanosleep(&ts, NULL);
	}
	return 1;
}

static void verify_ring(struct vjob *j)
{
	struct evcheck c;

	check_init(j, &c);
	for (size_t i = 0; i < j->nfiles && !c.stopped; i++) {
		const struct vfile *v = &j->files[i];
		int rc;

		if (!v->has_sha) {
			evcheck_report(&c, v->name, "not sealed");
			continue;
		}
		rc = evcheck_file(&c, v->name, v->sha256, v->size, NULL);
		/* A file retention deleted meanwhile is not missing: ask the list again. */
		if (rc == EVCHECK_MISSING && still_listed(j, v))
			evcheck_report(&c, v->name, "missing file");
	}
}

static void *run(void *arg)
{
	struct vjob *j = arg;
	struct evcheck c;

	/* Named, at idle CPU and I/O priority, like the indexer: capture comes first. */
	prio_idle_self("verify");
	if (*j->case_id) {
		check_init(j, &c);
		evcheck_dir(&c);
	} else {
		verify_ring(j);
	}
	pthread_mutex_lock(&lock);
	j->done = 1;
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* Frees a job whose thread is joined or never started; under lock. */
static void job_clear(struct vjob *j)
{
	if (!j->joined)
		pthread_join(j->thread, NULL);	/* done: it takes the lock no more */
	if (j->dirfd >= 0)
		close(j->dirfd);
	evcheck_key_free(j->key);
	json_decref(j->findings);
	free(j->files);
	memset(j, 0, sizeof(*j));
	j->dirfd = -1;
}

/* A free slot, taking one of a finished job if needed; under lock. NULL when all run. */
static struct vjob *slot(void)
{
	for (int i = 0; i < MAX_JOBS; i++)
		if (!jobs[i].used)
			return &jobs[i];
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].done) {
			job_clear(&jobs[i]);
			return &jobs[i];
		}
	return NULL;
}

/* A snapshot of the ring's closed files; the list may change meanwhile. */
static int snapshot_ring(struct vjob *j, struct ring *r)
{
	struct filelist_totals t;
	struct filelist_file f;
	uint64_t from = 0;

	snprintf(j->ring, sizeof(j->ring), "%s", r->name);
	j->dirfd = dup(r->dirfd);
	j->fl = r->files;
	filelist_totals(r->files, &t);
	j->files = calloc(t.files ? t.files : 1, sizeof(*j->files));
	while (j->files && j->nfiles < t.files && filelist_copy(r->files, from, &f, 1) == 1) {
		struct vfile *v = &j->files[j->nfiles];

		from = f.seq + 1;
		if (f.flags & (FL_OPEN | FL_REPAIR))
			continue;
		snprintf(v->name, sizeof(v->name), "%s", f.name);
		v->seq = f.seq;
		memcpy(v->sha256, f.sha256, 32);
		v->size = f.seal_size;
		v->has_sha = !!(f.flags & FL_SHA);
		j->nfiles++;
	}
	return j->files && j->dirfd >= 0 ? 0 : -1;
}

/* The case's directory and the key its signatures must be made with. */
static int open_case(struct vjob *j, const char *case_id, const char **why)
{
	char err[128];
	const char *pem = evm_pubkey_pem();

	snprintf(j->case_id, sizeof(j->case_id), "%s", case_id);
	if (!pem || !(j->key = evcheck_key_pem(pem, strlen(pem), err, sizeof(err)))) {
		*why = "the evidence key is not loaded (see the daemon's log at start-up)";
		return -1;
	}
	j->dirfd = evidence_open_case(case_id);
	*why = "no such case (pktctl cases lists them)";
	return j->dirfd < 0 ? -1 : 0;
}

static struct ring *one_ring(struct daemon *d, const char *want)
{
	struct ring *r = NULL;

	for (size_t i = 0; i < d->nrings && !r; i++)
		if (ring_matches(d->rings[i], want))
			r = d->rings[i];
	return r && (*want || d->nrings == 1) ? r : NULL;
}

json_t *evverify_start(struct daemon *d, const struct proto_request *req)
{
	const char *why = "cannot start the verification";
	struct ring *r = NULL;
	struct vjob *j;
	uint64_t id;
	json_t *e;

	if (!*req->case_id && !(r = one_ring(d, req->ring)))
		return json_pack("{s:b, s:s}", "ok", 0, "error", "verify needs --case ID or one RING");
	pthread_mutex_lock(&lock);
	j = slot();
	if (!j) {
		pthread_mutex_unlock(&lock);
		return json_pack("{s:b, s:s}", "ok", 0, "error",
				 "pktcapd is busy: other verifications are running; try again");
	}
	j->used = 1;
	j->joined = 1;		/* until the thread exists */
	j->dirfd = -1;
	j->findings = json_array();
	j->id = id = next_id++;
	pthread_mutex_unlock(&lock);
	if (r ? snapshot_ring(j, r) < 0 : open_case(j, req->case_id, &why) < 0)
		goto fail;
	if (pthread_create(&j->thread, NULL, run, j) != 0)
		goto fail;
	pthread_mutex_lock(&lock);
	j->joined = 0;
	pthread_mutex_unlock(&lock);
	return json_pack("{s:b, s:{s:I, s:b}}", "ok", 1, "result", "job", (json_int_t)id, "done", 0);
fail:
	e = json_pack("{s:b, s:s}", "ok", 0, "error", why);
	pthread_mutex_lock(&lock);
	job_clear(j);
	pthread_mutex_unlock(&lock);
	return e;
}

json_t *evverify_poll(uint64_t id)
{
	json_t *res = NULL;

	pthread_mutex_lock(&lock);
	for (int i = 0; i < MAX_JOBS; i++) {
		struct vjob *j = &jobs[i];

		if (!j->used || j->id != id)
			continue;
		if (!j->done) {
			res = json_pack("{s:b, s:{s:I, s:b, s:I, s:I}}", "ok", 1, "result", "job",
					(json_int_t)id, "done", 0, "files_checked",
					(json_int_t)j->checked, "bytes_checked", (json_int_t)j->bytes);
			break;
		}
		res = json_pack("{s:b, s:{s:I, s:b, s:s, s:s, s:b, s:O, s:I, s:I}}", "ok", 1, "result",
				"job", (json_int_t)id, "done", 1, "case", j->case_id, "ring", j->ring,
				"verified", json_array_size(j->findings) == 0, "findings",
				j->findings, "files_checked", (json_int_t)j->checked,
				"bytes_checked", (json_int_t)j->bytes);
		if (*j->case_id)
			log_case(json_array_size(j->findings) ? LOG_WARNING : LOG_INFO, j->case_id, NULL,
				 "verified: %s", json_array_size(j->findings) ? "FINDINGS" : "OK");
		job_clear(j);
		break;
	}
	pthread_mutex_unlock(&lock);
	return res ? res : json_pack("{s:b, s:s}", "ok", 0, "error", "no such verification job");
}

/* Stops every job within a MiB of hashing and joins it with the lock released. */
void evverify_exit(void)
{
	pthread_t running[MAX_JOBS];
	int n = 0;

	pthread_mutex_lock(&lock);
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].used && !jobs[i].joined) {
			atomic_store(&jobs[i].stop, 1);
			running[n++] = jobs[i].thread;
			jobs[i].joined = 1;
		}
	pthread_mutex_unlock(&lock);
	for (int i = 0; i < n; i++)
		pthread_join(running[i], NULL);
	pthread_mutex_lock(&lock);
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].used)
			job_clear(&jobs[i]);
	pthread_mutex_unlock(&lock);
}

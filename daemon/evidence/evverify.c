/* evverify.c: pktctl verify: re-hash a case's (or a ring's) files against their seals on a thread of its own */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "evidence/evidence.h"
#include "evidence/evmanifest.h"
#include "log.h"
#include "pcapfile.h"
#include "sha256.h"

/*
 * Hashing a case of a few GB takes seconds to minutes: it runs on a thread
 * at idle priority, never on the event loop. verify starts a job and
 * answers with its number at once; pktctl asks about the job until it is
 * done. At most MAX_JOBS are kept; a finished job is forgotten once its
 * result was fetched, or when a new job needs its slot.
 */
#define MAX_JOBS 4

struct vfile {
	char name[256];
	uint8_t sha256[32];
	uint64_t size;
	int has_sha;
};

struct vjob {
	uint64_t id;
	int used, done, joined;
	pthread_t thread;
	char case_id[PROTO_CASE_MAX + 1];
	char ring[160];
	int dirfd;		/* the case's or the ring's directory */
	struct vfile *files;	/* for a ring: a copy of its closed files */
	size_t nfiles;
	json_t *findings;	/* strings */
	uint64_t checked, bytes;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct vjob jobs[MAX_JOBS];
static uint64_t next_id = 1;

static void finding(struct vjob *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void finding(struct vjob *j, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	proto_utf8_clean(msg);
	pthread_mutex_lock(&lock);
	json_array_append_new(j->findings, json_string(msg));
	pthread_mutex_unlock(&lock);
}

/* Every byte of name through the one reader; compares with the seal. */
static void check_file(struct vjob *j, const char *name, const uint8_t want[32], uint64_t size)
{
	char err[256], hex[65], whex[65];
	int fd = pcapfile_openat(j->dirfd, name, O_RDONLY), damaged = 0;
	struct pcapfile *pf;
	uint8_t got[32];
	uint64_t got_size = 0;
	struct stat st;

	if (fd < 0) {
		finding(j, "%s: %s", name, errno == ENOENT ? "missing file" : strerror(errno));
		return;
	}
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_size != size) {
		finding(j, "%s: %s: %llu bytes, sealed at %llu", name,
			(uint64_t)st.st_size < size ? "truncated" : "grown",
			(unsigned long long)st.st_size, (unsigned long long)size);
		close(fd);
		return;
	}
	pf = pcapfile_open(fd, name, PCAPFILE_HASH, err, sizeof(err), &damaged);
	if (!pf) {
		finding(j, "%s: altered: %s", name, err);
		close(fd);
		return;
	}
	if (pcapfile_hash(pf, got, &got_size) < 0) {
		finding(j, "%s: cannot read: %s", name, strerror(errno));
	} else if (memcmp(got, want, 32)) {
		sha256_hex(got, hex);
		sha256_hex(want, whex);
		finding(j, "%s: altered: same size, SHA-256 %s, sealed %s (bytes were changed)", name,
			hex, whex);
	}
	/* Progress is read by the event loop (evverify_poll): under the lock, like findings. */
	pthread_mutex_lock(&lock);
	j->checked++;
	j->bytes += got_size;
	pthread_mutex_unlock(&lock);
	pcapfile_close(pf);
	close(fd);
}

static int unhex32(const char *s, uint8_t out[32])
{
	if (!s || strlen(s) != 64)
		return -1;
	for (int i = 0; i < 32; i++) {
		unsigned v;

		if (sscanf(s + 2 * i, "%2x", &v) != 1)
			return -1;
		out[i] = (uint8_t)v;
	}
	return 0;
}

static int listed(const struct evm *m, size_t from, const char *name)
{
	for (size_t i = from; i < m->n; i++)
		if (!strcmp(m->e[i].type, "file") && evm_get(&m->e[i], "file") &&
		    !strcmp(evm_get(&m->e[i], "file"), name))
			return 1;
	return 0;
}

static void verify_case(struct vjob *j)
{
	char head[256], sigbuf[128];
	size_t from = 0, len;
	struct evm m;
	ssize_t n;
	int fd;
	DIR *dir;
	struct dirent *de;

	if (evm_read(j->dirfd, &m) < 0) {
		finding(j, "MANIFEST: cannot read: %s", strerror(errno));
		return;
	}
	if (!m.n)
		finding(j, "MANIFEST: missing or empty");
	for (size_t i = 0; i < m.n; i++)
		if (m.e[i].broken)
			finding(j, "MANIFEST: %s", m.e[i].why);
	/* HEAD must be what this manifest gives, and carry this host's signature. */
	len = (size_t)evm_head_text(j->case_id, &m, head, sizeof(head));
	fd = openat(j->dirfd, EVM_HEAD, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	n = fd >= 0 ? read(fd, sigbuf, sizeof(sigbuf) - 1) : -1;
	if (fd >= 0)
		close(fd);
	if (n < 0)
		finding(j, "HEAD: missing");
	else if ((size_t)n != len || memcmp(sigbuf, head, len))
		finding(j, "HEAD: does not match the manifest (%zu entries): the signed head is not the hash of its last line (lines were changed, removed or added)",
			m.n);
	fd = openat(j->dirfd, EVM_SIG, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	n = fd >= 0 ? read(fd, sigbuf, sizeof(sigbuf)) : -1;
	if (fd >= 0)
		close(fd);
	if (n < 0)
		finding(j, "MANIFEST.sig: missing");
	else if (evm_check(head, len, (const uint8_t *)sigbuf, (size_t)n) != 1)
		finding(j, "MANIFEST.sig: bad signature: the manifest head is not signed by this host's evidence key");
	for (size_t i = 0; i < m.n; i++)
		if (!strcmp(m.e[i].type, "release"))
			from = i + 1;
	for (size_t i = from; i < m.n; i++) {
		const struct evm_entry *e = &m.e[i];
		const char *name = evm_get(e, "file"), *size = evm_get(e, "size");
		uint8_t want[32];

		if (strcmp(e->type, "file") || e->broken)
			continue;
		if (!name || !size || unhex32(evm_get(e, "sha256"), want) < 0 || strchr(name, '/')) {
			finding(j, "MANIFEST: entry %u: no file, size or sha256", e->n);
			continue;
		}
		check_file(j, name, want, strtoull(size, NULL, 10));
	}
	fd = dup(j->dirfd);
	dir = fd >= 0 ? fdopendir(fd) : NULL;
	if (!dir && fd >= 0)
		close(fd);
	while (dir && (de = readdir(dir))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, EVM_MANIFEST) ||
		    !strcmp(de->d_name, EVM_HEAD) || !strcmp(de->d_name, EVM_SIG) ||
		    !strcmp(de->d_name, EVM_SUMS) || !strcmp(de->d_name, EVM_SUMS_SIG))
			continue;
		if (!listed(&m, from, de->d_name))
			finding(j, "%s: extra file: not in the manifest", de->d_name);
	}
	if (dir)
		closedir(dir);
	evm_free(&m);
}

static void verify_ring(struct vjob *j)
{
	for (size_t i = 0; i < j->nfiles; i++) {
		if (!j->files[i].has_sha) {
			finding(j, "%s: not sealed", j->files[i].name);
			continue;
		}
		check_file(j, j->files[i].name, j->files[i].sha256, j->files[i].size);
	}
}

static void *run(void *arg)
{
	struct vjob *j = arg;

	/* Idle CPU and I/O priority, like the indexer: capture comes first. */
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 19);
	syscall(SYS_ioprio_set, 1, (int)syscall(SYS_gettid), 3 << 13);
	if (*j->case_id)
		verify_case(j);
	else
		verify_ring(j);
	pthread_mutex_lock(&lock);
	j->done = 1;
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void job_clear(struct vjob *j)
{
	if (!j->joined)
		pthread_join(j->thread, NULL);
	if (j->dirfd >= 0)
		close(j->dirfd);
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

json_t *evverify_start(struct daemon *d, const struct proto_request *req)
{
	struct vjob *j;
	struct ring *r = NULL;
	uint64_t id;

	if (!*req->case_id) {
		for (size_t i = 0; i < d->nrings && !r; i++)
			if (ring_matches(d->rings[i], req->ring))
				r = d->rings[i];
		if (!r || (!*req->ring && d->nrings > 1))
			return json_pack("{s:b, s:s}", "ok", 0, "error",
					 "verify needs --case ID or one RING");
	}
	pthread_mutex_lock(&lock);
	j = slot();
	if (!j) {
		pthread_mutex_unlock(&lock);
		return json_pack("{s:b, s:s}", "ok", 0, "error",
				 "pktcapd is busy: other verifications are running; try again");
	}
	j->used = 1;
	j->dirfd = -1;
	j->findings = json_array();
	j->id = id = next_id++;
	pthread_mutex_unlock(&lock);
	if (*req->case_id) {
		snprintf(j->case_id, sizeof(j->case_id), "%s", req->case_id);
		j->dirfd = evidence_open_case(req->case_id);
		if (j->dirfd < 0)
			goto fail;
	} else {
		snprintf(j->ring, sizeof(j->ring), "%s", r->name);
		j->dirfd = dup(r->dirfd);
		{
			struct filelist_totals t;
			struct filelist_file f;
			uint64_t from = 0;

			/* A snapshot of the ring's closed files; the list may change meanwhile. */
			filelist_totals(r->files, &t);
			j->files = calloc(t.files ? t.files : 1, sizeof(*j->files));
			while (j->files && j->nfiles < t.files &&
			       filelist_copy(r->files, from, &f, 1) == 1) {
				struct vfile *v = &j->files[j->nfiles];

				from = f.seq + 1;
				if (f.flags & (FL_OPEN | FL_REPAIR))
					continue;
				snprintf(v->name, sizeof(v->name), "%s", f.name);
				memcpy(v->sha256, f.sha256, 32);
				v->size = f.seal_size;
				v->has_sha = !!(f.flags & FL_SHA);
				j->nfiles++;
			}
		}
		if (!j->files || j->dirfd < 0)
			goto fail;
	}
	if (pthread_create(&j->thread, NULL, run, j) != 0)
		goto fail;
	return json_pack("{s:b, s:{s:I, s:b}}", "ok", 1, "result", "job", (json_int_t)id, "done", 0);
fail:
	{
		json_t *e = json_pack("{s:b, s:s}", "ok", 0, "error",
				      *req->case_id ? "no such case (pktctl cases lists them)"
						    : "cannot start the verification");

		pthread_mutex_lock(&lock);
		j->joined = 1;
		job_clear(j);
		pthread_mutex_unlock(&lock);
		return e;
	}
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

void evverify_exit(void)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < MAX_JOBS; i++)
		if (jobs[i].used)
			job_clear(&jobs[i]);
	pthread_mutex_unlock(&lock);
}

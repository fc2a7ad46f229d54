/* evidence.c: preserve a window of a ring's files into a case, list cases, release them, and count what they hold */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "aidxmatch.h"
#include "bytes.h"
#include "storage/aidxsum.h"
#include "capture/capctl.h"
#include "evidence/evheld.h"
#include "evidence/evidence.h"
#include "evidence/evmanifest.h"
#include "evidence/evtxn.h"
#include "log.h"
#include "reply.h"
#include "ring.h"
#include "sha256.h"

#define EVIDENCE_DIR "evidence"
/* How long preserve waits for the writer to close and seal the file it rotated. */
#define CLOSE_WAIT_MS 5000

static int evfd = -1;		/* STORAGE/evidence */
static char host[256] = "?";
static char boot_id[64] = "?";

int evidence_init(struct daemon *d, const char *state_dir)
{
	int root = -1, fd, rc = -1;
	uid_t uid = geteuid() == 0 ? d->uid : (uid_t)-1;
	struct stat st;

	if (evm_key_init(state_dir, uid, d->gid) < 0)
		return -1;
	if (gethostname(host, sizeof(host) - 1) < 0)
		snprintf(host, sizeof(host), "?");
	fd = open("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		ssize_t n = read(fd, boot_id, sizeof(boot_id) - 1);

		boot_id[n > 0 ? n : 0] = 0;
		boot_id[strcspn(boot_id, "\n")] = 0;
		close(fd);
	}
	root = open(d->storage, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root < 0)
		goto fail;
	if (mkdirat(root, EVIDENCE_DIR, 0750) == 0) {
		if (uid != (uid_t)-1 && fchownat(root, EVIDENCE_DIR, uid, d->gid,
						 AT_SYMLINK_NOFOLLOW) < 0)
			goto fail;
	} else if (errno != EEXIST) {
		goto fail;
	}
	evfd = openat(root, EVIDENCE_DIR, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (evfd < 0 || fstat(evfd, &st) < 0)
		goto fail;
	if (uid != (uid_t)-1 && st.st_uid != uid) {
		log_err("%s/%s: belongs to uid %d, not to the daemon's user", d->storage, EVIDENCE_DIR,
			(int)st.st_uid);
		goto out;
	}
	rc = 0;
	goto out;
fail:
	log_err("%s/%s: %s", d->storage, EVIDENCE_DIR, strerror(errno));
out:
	if (root >= 0)
		close(root);
	return rc;
}

void evidence_exit(void)
{
	evverify_exit();
	evheld_exit();
	if (evfd >= 0)
		close(evfd);
	evfd = -1;
	evm_key_free();
}

int evidence_open_case(const char *case_id)
{
	if (evfd < 0 || !proto_case_valid(case_id)) {
		errno = EINVAL;
		return -1;
	}
	return openat(evfd, case_id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
}

/*
 * Preserve and release change a case one at a time: each is a transaction
 * (evtxn.c) and cases reads no case in the middle of one.
 */
static pthread_mutex_t txn_lock = PTHREAD_MUTEX_INITIALIZER;

typedef void (*case_fn)(struct daemon *d, const char *case_id, void *arg);

static void for_each_case(struct daemon *d, case_fn fn, void *arg)
{
	int dfd = evfd >= 0 ? dup(evfd) : -1;
	DIR *top = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *de;

	if (!top) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	rewinddir(top);
	while ((de = readdir(top)))
		if (proto_case_valid(de->d_name))
			fn(d, de->d_name, arg);
	closedir(top);
}

/* A case holds a file while its directory has a link of that name: release removes it. */
static void holder(struct daemon *d, const char *case_id, void *arg)
{
	json_t *h = arg;
	const char *name = json_string_value(json_object_get(h, "name"));
	char path[PATH_MAX];
	struct stat st;

	(void)d;
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", case_id, name) < sizeof(path) &&
	    fstatat(evfd, path, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
		json_array_append_new(json_object_get(h, "cases"), json_string(case_id));
}

json_t *evidence_holders(const char *name)
{
	json_t *h = json_pack("{s:s, s:[]}", "name", name, "cases"), *cases;

	if (!h || strchr(name, '/') || name[0] == '.') {
		json_decref(h);
		return json_array();
	}
	for_each_case(NULL, holder, h);
	cases = json_incref(json_object_get(h, "cases"));
	json_decref(h);
	return cases;
}

/* The file's ring, from the entry's ring=, or any ring that lists a file of that name. */
static void flag_held(struct daemon *d, const struct evm_entry *e, const char *name)
{
	struct ring *r = evm_get(e, "ring") ? daemon_find_ring(d, evm_get(e, "ring")) : NULL;

	if (r && evtxn_mark(r, name, FL_PRESERVED, 0, NULL) == 0)
		return;
	for (size_t i = 0; i < d->nrings; i++)
		if (evtxn_mark(d->rings[i], name, FL_PRESERVED, 0, NULL) == 0)
			return;
}

/* One case at start-up: its held files are flagged and counted. */
static void adopt_case(struct daemon *d, const char *case_id, void *arg)
{
	int cfd = evidence_open_case(case_id);
	uint64_t files = 0, bytes = 0;
	struct evm m;

	(void)arg;
	if (cfd < 0 || evm_read(cfd, &m) < 0) {
		if (cfd >= 0)
			close(cfd);
		return;
	}
	for (size_t i = evm_held_from(&m); i < m.n; i++) {
		const char *name = evm_get(&m.e[i], "file");
		struct stat st;

		if (strcmp(m.e[i].type, "file") || !name || strchr(name, '/') || name[0] == '.' ||
		    fstatat(cfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(st.st_mode))
			continue;
		flag_held(d, &m.e[i], name);
		files++;
		bytes += (uint64_t)st.st_size;
	}
	if (files)
		evheld_add(case_id, files, bytes);
	evm_free(&m);
	close(cfd);
}

void evidence_adopt(struct daemon *d)
{
	if (evfd < 0)
		return;
	/* Changes a crash cut short first: what they held, or let go, is then as on disk. */
	evtxn_recover_all(d, evfd);
	for_each_case(d, adopt_case, NULL);
}

/*
 * The open file of r, if its packets may fall in the window: closed, then
 * waited for. Also when the newest file is closed but began before the
 * window's end: the window's last packets may still be in the kernel's
 * buffer, on their way to a file not yet opened.
 */
static int rotate_into_window(struct ring *r, int64_t until, char *err, size_t errlen)
{
	struct filelist_file f;
	int need = 1;

	if (filelist_newest(r->files, &f) == 0)
		need = !(f.flags & FL_META) || !f.packets || f.first_ns <= until;
	if (!need)
		return 0;
	/*
	 * The capture thread closes it once it has read the window's packets
	 * from the kernel; the writer's close event ends the wait, sealed.
	 */
	if (capture_rotate_wait(r, until, CLOSE_WAIT_MS) >= 0)
		return 0;
	if (errno == EAGAIN)
		snprintf(err, errlen, "ring %s: the writer is behind; try again", r->name);
	else
		snprintf(err, errlen,
			 "ring %s: the window's packets were not all written and sealed within %d s "
			 "(the disk is behind); nothing was held, try again",
			 r->name, CLOSE_WAIT_MS / 1000);
	return -1;
}

static void who(const struct ucred *peer, struct evm_line *l)
{
	struct passwd *pw = getpwuid(peer->uid);

	evm_addu(l, "uid", peer->uid);
	evm_add(l, "user", pw ? pw->pw_name : "?");
	evm_addu(l, "pid", (uint64_t)peer->pid);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* A manifest entry for one held file, from the ring's record of it (the seal as written). */
static void file_entry(struct evm_line *l, const char *case_id, struct ring *r,
		       const struct filelist_file *f, const struct proto_request *req,
		       const struct ucred *peer, int64_t at)
{
	struct ring_snapshot st;
	char hex[65];

	capture_snapshot(r, &st);
	sha256_hex(f->sha256, hex);
	evm_add(l, "case", case_id);
	evm_add(l, "file", f->name);
	evm_add(l, "sha256", hex);
	evm_addu(l, "size", f->seal_size);
	evm_addtime(l, "first", f->first_ns);
	evm_addtime(l, "last", f->last_ns);
	evm_addu(l, "packets", f->packets);
	evm_add(l, "damaged", (f->flags & FL_DAMAGED) ? f->damage : "no");
	evm_add(l, "ring", r->name);
	evm_add(l, "interface", r->iface);
	evm_add(l, "profile", r->profile);
	evm_add(l, "filter", st.filter);
	evm_addu(l, "snaplen", (uint64_t)r->conf.snaplen);
	evm_addu(l, "dropped_kernel", st.dropped_kernel);
	evm_addu(l, "dropped_interface", st.dropped_interface);
	evm_add(l, "host", host);
	evm_add(l, "boot_id", boot_id);
	evm_add(l, "version", PACKAGE_VERSION);
	who(peer, l);
	evm_addtime(l, "at", at);
	evm_addtime(l, "since", req->since);
	evm_addtime(l, "until", req->until);
	evm_add(l, "note", req->note);
	/* The filter that chose the files (whole files are held, not the matches). */
	if (*req->filter)
		evm_add(l, "query", req->filter);
}

struct pick {
	struct ring *r;
	struct filelist_file f;	/* a copy, as the list gives them */
	int link;		/* to be linked into the case */
	int entry;		/* to be entered in the manifest */
	int flagged;		/* FL_PRESERVED set by this preserve */
};

/*
 * The closed, sealed files of r with packets in the window (with a filter,
 * only those whose address index says they can hold a match: docs/index.md);
 * -1 when memory is short.
 */
static int pick_ring(struct ring *r, const struct proto_request *req, struct pick **picks,
		     size_t *n, size_t *skipped)
{
	struct filelist_file f;
	uint64_t from = filelist_seq_at(r->files, req->since);
	struct bpfplan *plan = NULL;
	char why[128], err[256];
	int lt = 0, rc = 0;

	/* Checked by check_filter already: no plan just means no file is ruled out. */
	if (*req->filter)
		aidxmatch_plan(req->filter, r->header, &plan, &lt, why, sizeof(why), err, sizeof(err));

	while (from != UINT64_MAX && filelist_copy(r->files, from, &f, 1) == 1) {
		struct pick *np;

		from = f.seq + 1;
		if (f.flags & FL_OPEN)
			continue;
		/* Files are in time order: nothing after this one is in the window. */
		if ((f.flags & FL_META) && f.packets && f.first_ns > req->until)
			break;
		if (!(f.flags & FL_META) || !f.packets || f.last_ns < req->since)
			continue;
		if (!(f.flags & FL_SHA)) {
			(*skipped)++;
			continue;
		}
		if (plan && aidxsum_match(r, &f, plan, lt, NULL) == AIDXMATCH_NO)
			continue;
		if (!(np = bytes_grow(*picks, *n, sizeof(*np)))) {
			rc = -1;
			break;
		}
		*picks = np;
		memset(&np[*n], 0, sizeof(*np));
		np[*n].r = r;
		np[(*n)++].f = f;
	}
	bpfplan_free(plan);
	return rc;
}

/* A preserve's filter must compile for the ring, as a dump's must. */
static int check_filter(const struct ring *r, const char *filter, char *err, size_t errlen)
{
	struct bpfplan *plan;
	char why[128];
	int lt;

	if (aidxmatch_plan(filter, r->header, &plan, &lt, why, sizeof(why), err, errlen) < 0)
		return -1;
	bpfplan_free(plan);
	return 0;
}

/* 1 when the manifest holds a file of that name now. */
static int held_in(const struct evm *m, const char *name)
{
	for (size_t i = evm_held_from(m); i < m->n; i++)
		if (!strcmp(m->e[i].type, "file") && evm_get(&m->e[i], "file") &&
		    !strcmp(evm_get(&m->e[i], "file"), name))
			return 1;
	return 0;
}

/*
 * What each pick needs: a link and an entry (not in the case), nothing
 * (held already), or only an entry (the same file is in the directory
 * but not in the manifest). Another file of the same name refuses all.
 */
static int classify(int casefd, struct pick *p, size_t n, char *err, size_t errlen)
{
	struct evm m = { 0 };
	int rc = -1;

	if (casefd >= 0 && evm_read(casefd, &m) < 0) {
		snprintf(err, errlen, "cannot read its manifest: %s", strerror(errno));
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat a, b;

		p[i].link = casefd < 0 || fstatat(casefd, p[i].f.name, &b, AT_SYMLINK_NOFOLLOW) < 0;
		p[i].entry = p[i].link || !held_in(&m, p[i].f.name);
		if (p[i].link || !p[i].entry)
			continue;
		if (fstatat(p[i].r->dirfd, p[i].f.name, &a, AT_SYMLINK_NOFOLLOW) < 0 ||
		    a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
			snprintf(err, errlen, "it has another file named %s; nothing was held",
				 p[i].f.name);
			goto out;
		}
	}
	rc = 0;
out:
	evm_free(&m);
	return rc;
}

/*
 * Room for a change's records: the lines appended, the intent record and
 * the companions, each written beside the old one before a rename, with a
 * margin for the directory blocks. A link itself takes no data block.
 */
static int room_for(uint64_t bytes, char *err, size_t errlen)
{
	struct statvfs sv;
	uint64_t need = 256 * 1024 + 4 * bytes, avail;

	if (fstatvfs(evfd, &sv) < 0) {
		snprintf(err, errlen, "cannot tell the free space: %s", strerror(errno));
		return -1;
	}
	avail = (uint64_t)sv.f_bavail * sv.f_frsize;
	if (avail >= need)
		return 0;
	snprintf(err, errlen,
		 "not enough free space for its records (%llu KiB needed, %llu KiB free); nothing was changed",
		 (unsigned long long)(need >> 10), (unsigned long long)(avail >> 10));
	errno = ENOSPC;
	return -1;
}

/* Flags and links every pick that needs it; the case's directory synced. */
static int link_picks(int casefd, struct pick *p, size_t n, char *err, size_t errlen)
{
	for (size_t i = 0; i < n; i++) {
		if (!p[i].link)
			continue;
		/* Held before the link is made: retention may not take the file meanwhile. */
		if (evtxn_mark(p[i].r, p[i].f.name, FL_PRESERVED, 0, &p[i].flagged) == 0)
			p[i].flagged = !p[i].flagged;
		/* A second link to the same inode: no byte is copied, retention cannot free it. */
		if (linkat(p[i].r->dirfd, p[i].f.name, casefd, p[i].f.name, 0) < 0) {
			snprintf(err, errlen, "cannot hold %s: %s%s; nothing was held", p[i].f.name,
				 strerror(errno),
				 errno == EXDEV ? " (the ring's directory is on another file system than STORAGE/evidence)" : "");
			return -1;
		}
	}
	if (fsync(casefd) < 0) {
		snprintf(err, errlen, "cannot sync its directory: %s; nothing was held", strerror(errno));
		return -1;
	}
	return 0;
}

/* The flags this preserve set go again: it was taken back. */
static void unflag_picks(struct pick *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].flagged)
			evtxn_mark(p[i].r, p[i].f.name, 0, FL_PRESERVED, NULL);
}

struct preserve {
	struct daemon *d;
	const struct proto_request *req;
	const struct ucred *peer;
	struct pick *picks;
	size_t npick;
	struct evm_line *lines;
	const char **types;
	size_t nlines;
	struct evtxn t;
	struct evm_txn mt;
	uint64_t bytes;		/* of the files entered */
	char err[512];
};

/* The manifest lines and the intent record of a preserve; -1 with p->err. */
static int plan_preserve(struct preserve *p, int casefd)
{
	int64_t at = now_ns();

	p->lines = calloc(p->npick, sizeof(*p->lines));
	p->types = calloc(p->npick, sizeof(*p->types));
	if (!p->lines || !p->types)
		goto nomem;
	for (size_t i = 0; i < p->npick; i++) {
		struct pick *k = &p->picks[i];

		if (!k->entry)
			continue;
		file_entry(&p->lines[p->nlines], p->req->case_id, k->r, &k->f, p->req, p->peer, at);
		p->types[p->nlines++] = "file";
		p->bytes += k->f.seal_size;
		if (k->link && evtxn_add(&p->t, k->r->name, k->f.name) < 0)
			goto nomem;
	}
	if (!p->nlines)
		return 0;
	if (evm_prepare(casefd, p->req->case_id, p->types, p->lines, p->nlines, &p->mt) < 0) {
		snprintf(p->err, sizeof(p->err), "cannot write its manifest: %s", strerror(errno));
		return -1;
	}
	p->t.old_len = p->mt.old_len;
	p->t.new_len = p->mt.new_len;
	memcpy(p->t.new_head, p->mt.new_head, 32);
	return room_for(p->mt.len + p->t.n * 400 + (p->mt.new_entries + 3) * 400, p->err,
			sizeof(p->err));
nomem:
	snprintf(p->err, sizeof(p->err), "out of memory");
	return -1;
}

/* Intent, directory, links, manifest, companions: all of it, or none (then -1 with p->err). */
static int run_preserve(struct preserve *p, int *casefd)
{
	if (evtxn_begin(evfd, &p->t) < 0) {
		snprintf(p->err, sizeof(p->err), "cannot record the change: %s; nothing was held",
			 strerror(errno));
		return -1;
	}
	if (p->t.new_case &&
	    ((mkdirat(evfd, p->req->case_id, 0750) < 0 && errno != EEXIST) ||
	     (*casefd = evidence_open_case(p->req->case_id)) < 0)) {
		snprintf(p->err, sizeof(p->err), "cannot make it: %s", strerror(errno));
		return -1;
	}
	if (link_picks(*casefd, p->picks, p->npick, p->err, sizeof(p->err)) < 0)
		return -1;
	if (evm_commit(*casefd, &p->mt) < 0 || evm_refresh(*casefd, p->req->case_id) < 0) {
		snprintf(p->err, sizeof(p->err), "cannot write its manifest: %s; nothing was held",
			 strerror(errno));
		return -1;
	}
	return 0;
}

static json_t *preserved(struct preserve *p, size_t skipped)
{
	json_t *held = json_array();
	char head[65];

	sha256_hex(p->mt.new_head, head);
	for (size_t i = 0; i < p->npick; i++) {
		const struct pick *k = &p->picks[i];

		if (k->entry)
			json_array_append_new(held, json_pack("{s:s, s:s, s:I}", "file", k->f.name,
							      "ring", k->r->name,
							      "size", (json_int_t)k->f.seal_size));
		else
			json_array_append_new(held, json_pack("{s:s, s:b}", "file", k->f.name,
							      "already", 1));
	}
	if (p->nlines)
		log_case(LOG_NOTICE, p->req->case_id, head, "%zu file%s held by uid %d%s%s", p->nlines,
			 p->nlines == 1 ? "" : "s", (int)p->peer->uid, *p->req->note ? ": " : "", p->req->note);
	return control_ok(json_pack("{s:s, s:o, s:s, s:I}", "case", p->req->case_id, "files", held,
				    "manifest_head", p->nlines ? head : "", "skipped",
				    (json_int_t)skipped));
}

/* The preserve proper, under txn_lock: the picks are known. */
static json_t *preserve_case(struct preserve *p, size_t skipped)
{
	const char *id = p->req->case_id;
	int casefd = evidence_open_case(id), rc = -1;
	json_t *res = NULL;

	if (casefd < 0 && errno != ENOENT) {
		snprintf(p->err, sizeof(p->err), "%s", strerror(errno));
		goto out;
	}
	p->t.new_case = casefd < 0;
	snprintf(p->t.case_id, sizeof(p->t.case_id), "%s", id);
	if (classify(casefd, p->picks, p->npick, p->err, sizeof(p->err)) < 0 ||
	    plan_preserve(p, casefd) < 0)
		goto out;
	if (p->nlines && run_preserve(p, &casefd) < 0) {
		if (evtxn_finish(p->d, evfd, &p->t, 1) == 0)
			unflag_picks(p->picks, p->npick);
		goto out;
	}
	/* Whole: a record that will not go is finished again (it stays if that fails too). */
	if (p->nlines && evtxn_end(evfd, id) < 0)
		evtxn_finish(p->d, evfd, &p->t, 0);
	evheld_add(id, p->nlines, p->bytes);
	rc = 0;
out:
	if (rc == 0)
		res = preserved(p, skipped);
	else
		res = control_fail("case %s: %s", id, p->err);
	if (casefd >= 0)
		close(casefd);
	return res;
}

json_t *evidence_preserve(struct daemon *d, const struct proto_request *req,
			  const struct ucred *peer)
{
	struct preserve p = { .d = d, .req = req, .peer = peer };
	size_t skipped = 0;
	json_t *res = NULL;
	char err[256];

	if (!*req->case_id || !req->since || !req->until || req->since > req->until)
		return control_fail("preserve needs --case ID and a window, --since before --until");
	if (evfd < 0)
		return control_fail("evidence is not available (see the daemon's log at start-up)");
	for (size_t i = 0; i < d->nrings; i++) {
		struct ring *r = d->rings[i];

		if (!ring_matches(r, req->ring))
			continue;
		if (*req->filter && check_filter(r, req->filter, err, sizeof(err)) < 0) {
			res = control_fail("%s", err);
			goto out;
		}
		if (rotate_into_window(r, req->until, err, sizeof(err)) < 0) {
			res = control_fail("%s", err);
			goto out;
		}
		if (pick_ring(r, req, &p.picks, &p.npick, &skipped) < 0)
			break;
	}
	if (!p.npick) {
		res = control_fail("no stored packets between the times given%s%s%s%s",
			   *req->filter ? " that can match the filter" : "",
			   *req->ring ? " in " : "", req->ring,
			   skipped ? " (some files are still being indexed: try again shortly)" : "");
		goto out;
	}
	pthread_mutex_lock(&txn_lock);
	if (evtxn_recover_case(d, evfd, req->case_id) < 0)
		res = control_fail("case %s: an earlier change could not be finished (see the daemon's log)",
				   req->case_id);
	else
		res = preserve_case(&p, skipped);
	pthread_mutex_unlock(&txn_lock);
out:
	for (size_t i = 0; i < p.nlines; i++)
		evm_line_free(&p.lines[i]);
	free(p.lines);
	free(p.types);
	free(p.picks);
	evtxn_free(&p.t);
	evm_txn_free(&p.mt);
	return res;
}

/* One case as cases lists it: read from its manifest and directory. */
static json_t *case_summary(const char *case_id)
{
	int cfd = evidence_open_case(case_id);
	uint64_t files = 0, bytes = 0;
	struct evm m;
	json_t *j;
	const struct evm_entry *created = NULL, *released = NULL;
	json_t *held = json_array();

	/* An empty manifest: a new case whose first preserve is not whole (or never was). */
	if (cfd < 0 || evm_read(cfd, &m) < 0 || !m.n) {
		if (cfd >= 0 && m.n == 0)
			evm_free(&m);
		json_decref(held);
		if (cfd >= 0)
			close(cfd);
		return NULL;
	}
	for (size_t i = 0; i < m.n; i++) {
		const struct evm_entry *e = &m.e[i];
		struct stat st;

		if (!strcmp(e->type, "release")) {
			released = e;
			json_array_clear(held);
			files = bytes = 0;
			continue;
		}
		if (strcmp(e->type, "file"))
			continue;
		if (!created)
			created = e;
		files++;
		json_array_append_new(held, json_pack("{s:s?, s:s?, s:s?, s:s?, s:s?, s:s?, s:s?}",
						      "file", evm_get(e, "file"),
						      "ring", evm_get(e, "ring"),
						      "sha256", evm_get(e, "sha256"),
						      "size", evm_get(e, "size"),
						      "first", evm_get(e, "first"),
						      "last", evm_get(e, "last"),
						      "packets", evm_get(e, "packets")));
		if (evm_get(e, "file") && fstatat(cfd, evm_get(e, "file"), &st,
						  AT_SYMLINK_NOFOLLOW) == 0)
			bytes += (uint64_t)st.st_size;
	}
	j = json_pack("{s:s, s:I, s:I, s:b}", "case", case_id, "files", (json_int_t)files,
		      "bytes", (json_int_t)bytes, "held", files > 0);
	if (created) {
		json_object_set_new(j, "note", json_string(evm_get(created, "note") ?: ""));
		json_object_set_new(j, "created_by", json_string(evm_get(created, "user") ?: "?"));
		json_object_set_new(j, "created_uid", json_string(evm_get(created, "uid") ?: "?"));
		json_object_set_new(j, "created_at", json_string(evm_get(created, "at") ?: "?"));
		json_object_set_new(j, "since", json_string(evm_get(created, "since") ?: "?"));
		json_object_set_new(j, "until", json_string(evm_get(created, "until") ?: "?"));
	}
	if (released && !files) {
		json_object_set_new(j, "released_by", json_string(evm_get(released, "user") ?: "?"));
		json_object_set_new(j, "released_at", json_string(evm_get(released, "at") ?: "?"));
	}
	json_object_set_new(j, "entries", json_integer((json_int_t)m.n));
	json_object_set_new(j, "held_files", held);
	{
		char hex[65];

		sha256_hex(m.head, hex);
		json_object_set_new(j, "manifest_head", json_string(hex));
	}
	evm_free(&m);
	close(cfd);
	return j;
}

json_t *evidence_cases(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	json_t *list = json_array();
	int dfd;
	DIR *dir;
	struct dirent *de;

	if (evfd < 0 || (dfd = dup(evfd)) < 0 || !(dir = fdopendir(dfd)))
		return control_ok(json_pack("{s:o}", "cases", list));
	rewinddir(dir);
	pthread_mutex_lock(&txn_lock);
	while ((de = readdir(dir))) {
		json_t *c;

		if (!proto_case_valid(de->d_name) || !(c = case_summary(de->d_name)))
			continue;
		json_array_append_new(list, c);
	}
	pthread_mutex_unlock(&txn_lock);
	closedir(dir);
	return control_ok(json_pack("{s:o}", "cases", list));
}

/* The files a release lets go: those held, still in the case. */
static int plan_release(int cfd, const struct evm *m, struct evtxn *t)
{
	for (size_t i = evm_held_from(m); i < m->n; i++) {
		const struct evm_entry *e = &m->e[i];
		const char *name = evm_get(e, "file"), *ring = evm_get(e, "ring");

		/* Names from the manifest stay in the case and ring directories. */
		if (strcmp(e->type, "file") || !name || strchr(name, '/') || name[0] == '.' ||
		    faccessat(cfd, name, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (evtxn_add(t, ring ? ring : "", name) < 0)
			return -1;
	}
	return 0;
}

/*
 * Ends a hold, as one transaction: the release entry, HEAD, signatures and
 * SHA256SUMS are durable first; only then are the files let go (evtxn.c):
 * the case's links go, the ring's files return to retention, or with
 * delete are deleted through their ring's file list.
 */
static json_t *release_case(struct daemon *d, const struct proto_request *req,
			    const struct ucred *peer, int cfd, struct evtxn *t)
{
	struct evm_line line = { 0 };
	const char *type = "release";
	struct evm_txn mt = { 0 };
	struct evm m;
	char err[256], head[65];
	json_t *files = json_array(), *res = NULL;

	if (evm_read(cfd, &m) < 0) {
		res = control_fail("case %s: cannot read its manifest: %s", req->case_id, strerror(errno));
		goto out;
	}
	if (plan_release(cfd, &m, t) < 0) {
		evm_free(&m);
		res = control_fail("out of memory");
		goto out;
	}
	evm_free(&m);
	evm_add(&line, "case", req->case_id);
	evm_addu(&line, "files", t->n);
	evm_add(&line, "delete", req->del ? "yes" : "no");
	evm_add(&line, "host", host);
	evm_add(&line, "version", PACKAGE_VERSION);
	who(peer, &line);
	evm_addtime(&line, "at", now_ns());
	if (evm_prepare(cfd, req->case_id, &type, &line, 1, &mt) < 0) {
		res = control_fail("case %s: cannot write its manifest: %s; nothing was released",
				   req->case_id, strerror(errno));
		goto out;
	}
	t->old_len = mt.old_len;
	t->new_len = mt.new_len;
	memcpy(t->new_head, mt.new_head, 32);
	if (room_for(mt.len + t->n * 400 + mt.new_entries * 400, err, sizeof(err)) < 0) {
		res = control_fail("case %s: %s", req->case_id, err);
		goto out;
	}
	if (evtxn_begin(evfd, t) < 0 || evm_commit(cfd, &mt) < 0 ||
	    evm_refresh(cfd, req->case_id) < 0) {
		snprintf(err, sizeof(err), "%s", strerror(errno));
		evtxn_finish(d, evfd, t, 1);
		res = control_fail("case %s: cannot write its manifest: %s; nothing was released",
				   req->case_id, err);
		goto out;
	}
	/* Durable: whatever happens now, the release is finished, here or at the next start. */
	evheld_drop(req->case_id);
	if (evtxn_release_files(d, cfd, t) < 0 || evtxn_end(evfd, req->case_id) < 0)
		evtxn_finish(d, evfd, t, 0);
	for (size_t i = 0; i < t->n; i++)
		json_array_append_new(files, json_string(t->files[i].name));
	sha256_hex(mt.new_head, head);
	log_case(LOG_NOTICE, req->case_id, head, "released by uid %d: %zu file%s %s", (int)peer->uid,
		 t->n, t->n == 1 ? "" : "s", req->del ? "deleted" : "returned to retention");
	res = control_ok(json_pack("{s:s, s:O, s:b, s:s}", "case", req->case_id, "files", files,
				   "deleted", req->del, "manifest_head", head));
out:
	json_decref(files);
	evm_line_free(&line);
	evm_txn_free(&mt);
	return res;
}

json_t *evidence_release(struct daemon *d, const struct proto_request *req,
			 const struct ucred *peer)
{
	struct evtxn t = { .release = 1, .del = req->del };
	json_t *res;
	int cfd;

	if (!*req->case_id)
		return control_fail("release needs --case ID");
	snprintf(t.case_id, sizeof(t.case_id), "%s", req->case_id);
	pthread_mutex_lock(&txn_lock);
	if (evfd >= 0 && evtxn_recover_case(d, evfd, req->case_id) < 0) {
		pthread_mutex_unlock(&txn_lock);
		return control_fail("case %s: an earlier change could not be finished (see the daemon's log)",
				    req->case_id);
	}
	cfd = evidence_open_case(req->case_id);
	if (cfd < 0)
		res = control_fail("no case \"%s\" (pktctl cases lists them)", req->case_id);
	else
		res = release_case(d, req, peer, cfd, &t);
	pthread_mutex_unlock(&txn_lock);
	if (cfd >= 0)
		close(cfd);
	evtxn_free(&t);
	return res;
}

/* The largest min-free of the rings, and the space free now. */
static uint64_t min_free_of(struct daemon *d, uint64_t *avail)
{
	uint64_t want = 0;
	struct statvfs sv;

	for (size_t i = 0; i < d->nrings; i++) {
		struct ring *r = d->rings[i];

		/* A reload's settings are swapped in by the capture thread under r->lock. */
		pthread_mutex_lock(&r->lock);
		if (r->conf.min_free > want)
			want = r->conf.min_free;
		pthread_mutex_unlock(&r->lock);
	}
	*avail = evfd >= 0 && fstatvfs(evfd, &sv) == 0 ? (uint64_t)sv.f_bavail * sv.f_frsize
						     : UINT64_MAX;
	return want;
}

/* From memory (evheld.c): no case is opened, so status costs the same for any number of holds. */
void evidence_status(struct daemon *d, json_t *result)
{
	uint64_t total, avail, want = min_free_of(d, &avail);
	json_t *cases = evheld_json(&total), *j;

	j = json_pack("{s:I, s:o}", "held_bytes", (json_int_t)total, "cases", cases);
	if (j && want) {
		json_object_set_new(j, "min_free", json_integer((json_int_t)want));
		json_object_set_new(j, "below_min_free", json_boolean(avail < want && total));
	}
	if (j)
		json_object_set_new(result, "evidence", j);
}

void evidence_space_note(struct daemon *d, char *buf, size_t len)
{
	uint64_t avail, want = min_free_of(d, &avail), total = evheld_total();

	static int warned;

	*buf = 0;
	if (want && avail < want && total)
		snprintf(buf, len,
			 "evidence holds %llu MiB: free space %llu MiB is under min-free %llu MiB; evicting unheld files only",
			 (unsigned long long)(total >> 20), (unsigned long long)(avail >> 20),
			 (unsigned long long)(want >> 20));
	/* Once per episode in the journal; STATUS= says it as long as it lasts. */
	if (*buf && !warned)
		log_warn("%s", buf);
	else if (!*buf && warned)
		log_notice("free space is over min-free again");
	warned = *buf != 0;
}

json_t *evidence_verify(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	return req->job ? evverify_poll(req->job) : evverify_start(d, req);
}

json_t *evidence_key(struct daemon *d, const struct proto_request *req, const struct ucred *peer)
{
	return evm_pubkey_pem() ? control_ok(json_pack("{s:s}", "public_key", evm_pubkey_pem()))
				: control_fail("the evidence key is not loaded");
}

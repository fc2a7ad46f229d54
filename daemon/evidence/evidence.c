/* evidence.c: preserve a window of a ring's files into a case, list cases, release them, and count what they hold */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "control/control.h"
#include "evidence/evidence.h"
#include "evidence/evmanifest.h"
#include "log.h"
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

int evidence_handles(enum proto_cmd cmd)
{
	return cmd == CMD_PRESERVE || cmd == CMD_CASES || cmd == CMD_RELEASE ||
	       cmd == CMD_VERIFY || cmd == CMD_KEY;
}

/* Case directories, for each of the held files: f(d, case, name, arg). */
typedef void (*held_fn)(const char *case_id, int casefd, const char *name, const struct stat *st,
			void *arg);

static int is_own_file(const char *name)
{
	return !strcmp(name, EVM_MANIFEST) || !strcmp(name, EVM_HEAD) ||
	       !strcmp(name, EVM_SIG) || !strcmp(name, EVM_SUMS) || strstr(name, ".tmp");
}

static void for_each_held(held_fn fn, void *arg)
{
	int dfd;
	DIR *top;
	struct dirent *de;

	if (evfd < 0 || (dfd = dup(evfd)) < 0)
		return;
	top = fdopendir(dfd);
	if (!top) {
		close(dfd);
		return;
	}
	rewinddir(top);
	while ((de = readdir(top))) {
		int cfd;
		DIR *cd;
		struct dirent *fe;

		if (!proto_case_valid(de->d_name))
			continue;
		cfd = evidence_open_case(de->d_name);
		if (cfd < 0)
			continue;
		cd = fdopendir(cfd);
		if (!cd) {
			close(cfd);
			continue;
		}
		while ((fe = readdir(cd))) {
			struct stat st;

			if (fe->d_name[0] == '.' || is_own_file(fe->d_name))
				continue;
			if (fstatat(cfd, fe->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
			    S_ISREG(st.st_mode))
				fn(de->d_name, cfd, fe->d_name, &st, arg);
		}
		closedir(cd);
	}
	closedir(top);
}

/* The sequence number in a ring file's name (PREFIX-TIME-NNNNNN.pcap[.gz]), or 0. */
static uint64_t seq_of(const char *name)
{
	const char *dot = strstr(name, ".pcap"), *p;
	uint64_t seq = 0;

	if (!dot)
		return 0;
	for (p = dot; p > name && p[-1] >= '0' && p[-1] <= '9'; p--)
		;
	if (p == dot || p == name || p[-1] != '-')
		return 0;
	for (; p < dot; p++)
		seq = seq * 10 + (uint64_t)(*p - '0');
	return seq;
}

struct mark {
	const char *name;
	unsigned set, clear;	/* FL_* flags */
	const char *damage;	/* with FL_DAMAGED in set */
};

static int mark_file(struct filelist_file *f, void *arg)
{
	const struct mark *m = arg;

	if (strcmp(f->name, m->name))
		return -1;
	f->flags = (f->flags | m->set) & ~m->clear;
	if (m->damage)
		snprintf(f->damage, sizeof(f->damage), "%s", m->damage);
	return 0;
}

/* Sets and clears flags of the ring's file of that name; -1 if it is not the ring's. */
static int mark_named(struct ring *r, const char *name, unsigned set, unsigned clear,
		      const char *damage)
{
	struct mark m = { name, set, clear, damage };
	uint64_t seq = seq_of(name);

	return seq ? filelist_update(r->files, seq, mark_file, &m) : -1;
}

static void flag_held(const char *case_id, int casefd, const char *name, const struct stat *st,
		      void *arg)
{
	struct daemon *d = arg;

	for (size_t i = 0; i < d->nrings; i++)
		mark_named(d->rings[i], name, FL_PRESERVED, 0, NULL);
}

void evidence_adopt(struct daemon *d)
{
	for_each_held(flag_held, d);
}

/* The open file of r, if its packets may fall in the window: closed, then waited for. */
static int rotate_into_window(struct ring *r, int64_t until, char *err, size_t errlen)
{
	struct filelist_file f;
	uint64_t seq = 0;
	int need = 0;

	if (filelist_newest(r->files, &f) == 0 && (f.flags & FL_OPEN)) {
		seq = f.seq;
		need = !(f.flags & FL_META) || !f.packets || f.first_ns <= until;
	}
	if (!need || !r->file_open)
		return 0;
	ring_close_file(r);
	if (r->file_open) {
		snprintf(err, errlen, "ring %s: the writer is behind; try again", r->name);
		return -1;
	}
	ring_tick(r, 0);
	/*
	 * The writer closes and seals the file as soon as it takes the buffer,
	 * within milliseconds; capture waits meanwhile in the kernel's ring.
	 */
	for (int ms = 0; ms < CLOSE_WAIT_MS; ms += 5) {
		struct timespec ts = { 0, 5 * 1000000 };

		if (filelist_get(r->files, seq, &f) < 0 || !(f.flags & FL_OPEN))
			return 0;
		nanosleep(&ts, NULL);
	}
	snprintf(err, errlen, "ring %s: the rotated file was not closed within %d s; try again",
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
	struct pcap_stat st = { 0 };
	char hex[65];

	if (r->pcap)
		pcap_stats(r->pcap, &st);
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
	evm_add(l, "filter", r->conf.filter ? r->conf.filter : "");
	evm_addu(l, "snaplen", (uint64_t)r->conf.snaplen);
	evm_addu(l, "dropped_kernel", st.ps_drop);
	evm_addu(l, "dropped_interface", st.ps_ifdrop);
	evm_add(l, "host", host);
	evm_add(l, "boot_id", boot_id);
	evm_add(l, "version", PACKAGE_VERSION);
	who(peer, l);
	evm_addtime(l, "at", at);
	evm_addtime(l, "since", req->since);
	evm_addtime(l, "until", req->until);
	evm_add(l, "note", req->note);
}

struct pick {
	struct ring *r;
	struct filelist_file f;	/* a copy, as the list gives them */
};

static json_t *do_preserve(struct daemon *d, const struct proto_request *req,
			   const struct ucred *peer)
{
	struct pick *picks = NULL;
	struct evm_line *lines = NULL;
	const char **types = NULL;
	size_t npick = 0, nlines = 0, skipped = 0;
	json_t *held = json_array(), *res = NULL;
	char err[256], head[65] = "";
	int casefd = -1;
	int64_t at = now_ns();

	if (!*req->case_id || !req->since || !req->until || req->since > req->until) {
		res = control_fail("preserve needs --case ID and a window, --since before --until");
		goto out;
	}
	if (evfd < 0) {
		res = control_fail("evidence is not available (see the daemon's log at start-up)");
		goto out;
	}
	for (size_t i = 0; i < d->nrings; i++) {
		struct ring *r = d->rings[i];

		if (!ring_matches(r, req->ring))
			continue;
		if (rotate_into_window(r, req->until, err, sizeof(err)) < 0) {
			res = control_fail("%s", err);
			goto out;
		}
		{
			struct filelist_file f;
			uint64_t from = filelist_seq_at(r->files, req->since);

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
					skipped++;
					continue;
				}
				np = realloc(picks, (npick + 1) * sizeof(*np));
				if (!np)
					break;
				picks = np;
				picks[npick].r = r;
				picks[npick++].f = f;
			}
		}
	}
	if (!npick) {
		res = control_fail("no stored packets between the times given%s%s%s",
			   *req->ring ? " in " : "", req->ring,
			   skipped ? " (some files are still being indexed: try again shortly)" : "");
		goto out;
	}
	if (mkdirat(evfd, req->case_id, 0750) < 0 && errno != EEXIST) {
		res = control_fail("cannot make case %s: %s", req->case_id, strerror(errno));
		goto out;
	}
	casefd = evidence_open_case(req->case_id);
	lines = calloc(npick, sizeof(*lines));
	types = calloc(npick, sizeof(*types));
	if (casefd < 0 || !lines || !types) {
		res = control_fail("case %s: %s", req->case_id, strerror(errno));
		goto out;
	}
	for (size_t i = 0; i < npick; i++) {
		struct ring *r = picks[i].r;
		struct filelist_file *f = &picks[i].f;
		struct stat a, b;

		/* A second link to the same inode: no byte is copied, retention cannot free it. */
		if (linkat(r->dirfd, f->name, casefd, f->name, 0) < 0) {
			if (errno == EEXIST &&
			    fstatat(r->dirfd, f->name, &a, AT_SYMLINK_NOFOLLOW) == 0 &&
			    fstatat(casefd, f->name, &b, AT_SYMLINK_NOFOLLOW) == 0 &&
			    a.st_ino == b.st_ino && a.st_dev == b.st_dev) {
				json_array_append_new(held, json_pack("{s:s, s:b}", "file", f->name,
								      "already", 1));
				continue;
			}
			res = control_fail("%s: cannot hold %s: %s%s", r->name, f->name, strerror(errno),
				   errno == EXDEV ? " (the ring's directory is on another file system than STORAGE/evidence)" : "");
			goto write;
		}
		mark_named(r, f->name, FL_PRESERVED, 0, NULL);
		file_entry(&lines[nlines], req->case_id, r, f, req, peer, at);
		types[nlines++] = "file";
		json_array_append_new(held, json_pack("{s:s, s:s, s:I}", "file", f->name, "ring",
						      r->name, "size", (json_int_t)f->seal_size));
	}
write:
	if (nlines && evm_append(casefd, req->case_id, types, lines, nlines, head) < 0) {
		json_decref(res);
		res = control_fail("case %s: cannot write its manifest: %s", req->case_id, strerror(errno));
		goto out;
	}
	if (nlines)
		log_case(LOG_NOTICE, req->case_id, head, "%zu files held by uid %d%s%s", nlines,
			 (int)peer->uid, *req->note ? ": " : "", req->note);
	if (!res)
		res = control_ok(json_pack("{s:s, s:O, s:s, s:I}", "case", req->case_id, "files", held,
				   "manifest_head", head, "skipped", (json_int_t)skipped));
out:
	for (size_t i = 0; i < nlines; i++)
		evm_line_free(&lines[i]);
	free(lines);
	free(types);
	free(picks);
	json_decref(held);
	if (casefd >= 0)
		close(casefd);
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

	if (cfd < 0 || evm_read(cfd, &m) < 0) {
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

static json_t *do_cases(void)
{
	json_t *list = json_array();
	int dfd;
	DIR *dir;
	struct dirent *de;

	if (evfd < 0 || (dfd = dup(evfd)) < 0 || !(dir = fdopendir(dfd)))
		return control_ok(json_pack("{s:o}", "cases", list));
	rewinddir(dir);
	while ((de = readdir(dir))) {
		json_t *c;

		if (!proto_case_valid(de->d_name) || !(c = case_summary(de->d_name)))
			continue;
		json_array_append_new(list, c);
	}
	closedir(dir);
	return control_ok(json_pack("{s:o}", "cases", list));
}

/*
 * Ends a hold. Each file's link in the case goes; the ring's own link, if
 * it is still listed, loses its preserved flag and returns to retention.
 * With delete, that link goes too (the list keeps an entry marked deleted
 * until the writer's retention drops it). A file whose ring link is gone
 * (not listed by any ring) is moved back into its ring's directory, to be
 * adopted at the next start.
 */
static json_t *do_release(struct daemon *d, const struct proto_request *req,
			  const struct ucred *peer)
{
	int cfd;
	struct evm m;
	struct evm_line line = { 0 };
	const char *type = "release";
	char head[65] = "";
	size_t released = 0;
	json_t *files = json_array();

	if (!*req->case_id)
		return control_fail("release needs --case ID");
	cfd = evidence_open_case(req->case_id);
	if (cfd < 0) {
		json_decref(files);
		return control_fail("no case \"%s\" (pktctl cases lists them)", req->case_id);
	}
	if (evm_read(cfd, &m) < 0) {
		close(cfd);
		json_decref(files);
		return control_fail("case %s: cannot read its manifest: %s", req->case_id, strerror(errno));
	}
	for (size_t i = 0; i < m.n; i++) {
		const struct evm_entry *e = &m.e[i];
		const char *name = evm_get(e, "file"), *ring = evm_get(e, "ring");
		struct ring *r = ring ? daemon_find_ring(d, ring) : NULL;
		int listed = 0;

		if (!strcmp(e->type, "release")) {
			json_array_clear(files);
			continue;
		}
		/* Names from the manifest stay in the case and ring directories. */
		if (strcmp(e->type, "file") || !name || strchr(name, '/') || name[0] == '.' ||
		    faccessat(cfd, name, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (r) {
			char why[200];

			snprintf(why, sizeof(why), "deleted on release of case %s", req->case_id);
			listed = mark_named(r, name, req->del ? FL_DAMAGED : 0, FL_PRESERVED,
					    req->del ? why : NULL) == 0;
			if (listed && req->del)
				unlinkat(r->dirfd, name, 0);
		}
		if (listed || req->del || !r)
			unlinkat(cfd, name, 0);
		else if (renameat(cfd, name, r->dirfd, name) < 0)
			log_case(LOG_WARNING, req->case_id, NULL, "cannot return %s to ring %s: %s",
				 name, r->name, strerror(errno));
		json_array_append_new(files, json_string(name));
		released++;
	}
	evm_free(&m);
	evm_add(&line, "case", req->case_id);
	evm_addu(&line, "files", released);
	evm_add(&line, "delete", req->del ? "yes" : "no");
	evm_add(&line, "host", host);
	evm_add(&line, "version", PACKAGE_VERSION);
	who(peer, &line);
	evm_addtime(&line, "at", now_ns());
	if (evm_append(cfd, req->case_id, &type, &line, 1, head) < 0) {
		evm_line_free(&line);
		close(cfd);
		json_decref(files);
		return control_fail("case %s: cannot write its manifest: %s", req->case_id, strerror(errno));
	}
	evm_line_free(&line);
	close(cfd);
	log_case(LOG_NOTICE, req->case_id, head, "released by uid %d: %zu files %s",
		 (int)peer->uid, released, req->del ? "deleted" : "returned to retention");
	return control_ok(json_pack("{s:s, s:o, s:b, s:s}", "case", req->case_id, "files", files, "deleted",
			    req->del, "manifest_head", head));
}

struct held_sum {
	json_t *cases;
	uint64_t total;
};

static void add_held(const char *case_id, int casefd, const char *name, const struct stat *st,
		     void *arg)
{
	struct held_sum *h = arg;
	json_t *v = json_object_get(h->cases, case_id);

	h->total += (uint64_t)st->st_size;
	json_object_set_new(h->cases, case_id,
			    json_integer(json_integer_value(v) + (json_int_t)st->st_size));
}

/* The largest min-free of the rings, and the space free now. */
static uint64_t min_free_of(struct daemon *d, uint64_t *avail)
{
	uint64_t want = 0;
	struct statvfs sv;

	for (size_t i = 0; i < d->nrings; i++)
		if (d->rings[i]->conf.min_free > want)
			want = d->rings[i]->conf.min_free;
	*avail = evfd >= 0 && fstatvfs(evfd, &sv) == 0 ? (uint64_t)sv.f_bavail * sv.f_frsize
						     : UINT64_MAX;
	return want;
}

void evidence_status(struct daemon *d, json_t *result)
{
	struct held_sum h = { .cases = json_object() };
	uint64_t avail, want = min_free_of(d, &avail);
	json_t *j;

	for_each_held(add_held, &h);
	j = json_pack("{s:I, s:o}", "held_bytes", (json_int_t)h.total, "cases", h.cases);
	if (j && want) {
		json_object_set_new(j, "min_free", json_integer((json_int_t)want));
		json_object_set_new(j, "below_min_free", json_boolean(avail < want && h.total));
	}
	if (j)
		json_object_set_new(result, "evidence", j);
}

void evidence_space_note(struct daemon *d, char *buf, size_t len)
{
	struct held_sum h = { .cases = json_object() };
	uint64_t avail, want = min_free_of(d, &avail);

	static int warned;

	*buf = 0;
	if (want && avail < want) {
		for_each_held(add_held, &h);
		if (h.total)
			snprintf(buf, len,
				 "evidence holds %llu MiB: free space %llu MiB is under min-free %llu MiB; evicting unheld files only",
				 (unsigned long long)(h.total >> 20), (unsigned long long)(avail >> 20),
				 (unsigned long long)(want >> 20));
	}
	json_decref(h.cases);
	/* Once per episode in the journal; STATUS= says it as long as it lasts. */
	if (*buf && !warned)
		log_warn("%s", buf);
	else if (!*buf && warned)
		log_notice("free space is over min-free again");
	warned = *buf != 0;
}

json_t *evidence_handle(struct daemon *d, const struct proto_request *req,
			const struct ucred *peer)
{
	switch (req->cmd) {
	case CMD_PRESERVE:
		return do_preserve(d, req, peer);
	case CMD_CASES:
		return do_cases();
	case CMD_RELEASE:
		return do_release(d, req, peer);
	case CMD_VERIFY:
		return req->job ? evverify_poll(req->job) : evverify_start(d, req);
	case CMD_KEY:
		return evm_pubkey_pem() ? control_ok(json_pack("{s:s}", "public_key", evm_pubkey_pem()))
					: control_fail("the evidence key is not loaded");
	default:
		return control_fail("unknown command");
	}
}

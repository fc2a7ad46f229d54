/* evtxn.c: a case change's intent record, and completing or rolling back a change that a failure or a crash cut short */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes.h"
#include "evidence/evmanifest.h"
#include "evidence/evtxn.h"
#include "log.h"
#include "ring.h"
#include "sha256.h"

#define RECORD_PREFIX ".txn-"
#define RECORD_MAGIC "pktcap-txn 1"

int evtxn_add(struct evtxn *t, const char *ring, const char *name)
{
	struct evtxn_file *f = bytes_grow(t->files, t->n, sizeof(*f));

	if (!f)
		return -1;
	t->files = f;
	snprintf(f[t->n].ring, sizeof(f->ring), "%s", ring);
	snprintf(f[t->n].name, sizeof(f->name), "%s", name);
	t->n++;
	return 0;
}

void evtxn_free(struct evtxn *t)
{
	free(t->files);
	t->files = NULL;
	t->n = 0;
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
	int was_set;		/* every flag of set was set before */
};

static int mark_file(struct filelist_file *f, void *arg)
{
	struct mark *m = arg;

	if (strcmp(f->name, m->name))
		return -1;
	m->was_set = (f->flags & m->set) == m->set;
	f->flags = (f->flags | m->set) & ~m->clear;
	return 0;
}

int evtxn_mark(struct ring *r, const char *name, unsigned set, unsigned clear, int *was_set)
{
	struct mark m = { name, set, clear, 0 };
	uint64_t seq = seq_of(name);
	int rc = seq ? filelist_update(r->files, seq, mark_file, &m) : -1;

	if (was_set)
		*was_set = rc == 0 && m.was_set;
	return rc;
}

static void record_name(const char *case_id, char *buf, size_t len, int tmp)
{
	snprintf(buf, len, RECORD_PREFIX "%s%s", case_id, tmp ? ".tmp" : "");
}

/* The record's text: one "key value" per line, one "file RING NAME" per file. */
static char *record_text(const struct evtxn *t, size_t *len)
{
	char hex[65], *text = NULL;
	size_t cap = 512 + t->n * (sizeof(t->files->ring) + sizeof(t->files->name) + 8), n;

	text = malloc(cap);
	if (!text)
		return NULL;
	sha256_hex(t->new_head, hex);
	n = (size_t)snprintf(text, cap,
			     RECORD_MAGIC "\nop %s\ncase %s\nnew %d\ndelete %d\nold_len %llu\nnew_len %llu\nnew_head %s\n",
			     t->release ? "release" : "preserve", t->case_id, t->new_case, t->del,
			     (unsigned long long)t->old_len, (unsigned long long)t->new_len, hex);
	for (size_t i = 0; i < t->n; i++)
		n += (size_t)snprintf(text + n, cap - n, "file %s %s\n", t->files[i].ring,
				      t->files[i].name);
	*len = n;
	return text;
}

int evtxn_begin(int evfd, const struct evtxn *t)
{
	char tmp[96], name[96], *text;
	size_t len = 0;
	int fd = -1, rc = -1, saved;

	record_name(t->case_id, tmp, sizeof(tmp), 1);
	record_name(t->case_id, name, sizeof(name), 0);
	text = record_text(t, &len);
	if (!text)
		return -1;
	unlinkat(evfd, tmp, 0);
	fd = openat(evfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0)
		goto out;
	errno = 0;
	if (write(fd, text, len) != (ssize_t)len || fsync(fd) < 0) {
		if (!errno)
			errno = ENOSPC;
		goto out;
	}
	if (renameat(evfd, tmp, evfd, name) < 0 || fsync(evfd) < 0)
		goto out;
	rc = 0;
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		unlinkat(evfd, tmp, 0);
	free(text);
	errno = saved;
	return rc;
}

int evtxn_end(int evfd, const char *case_id)
{
	char name[96];

	record_name(case_id, name, sizeof(name), 0);
	if (unlinkat(evfd, name, 0) < 0 && errno != ENOENT)
		return -1;
	return fsync(evfd);
}

static int unhex32(const char *hex, uint8_t out[32])
{
	unsigned int b;

	if (strlen(hex) != 64)
		return -1;
	for (int i = 0; i < 32; i++) {
		if (sscanf(hex + 2 * i, "%2x", &b) != 1)
			return -1;
		out[i] = (uint8_t)b;
	}
	return 0;
}

/* One "key value" line of a record into t; 0, or -1 when it is not one. */
static int parse_item(struct evtxn *t, char *line)
{
	char *v = strchr(line, ' '), *sp;

	if (!v)
		return -1;
	*v++ = 0;
	if (!strcmp(line, "op"))
		t->release = !strcmp(v, "release");
	else if (!strcmp(line, "case"))
		snprintf(t->case_id, sizeof(t->case_id), "%s", v);
	else if (!strcmp(line, "new"))
		t->new_case = atoi(v);
	else if (!strcmp(line, "delete"))
		t->del = atoi(v);
	else if (!strcmp(line, "old_len"))
		t->old_len = strtoull(v, NULL, 10);
	else if (!strcmp(line, "new_len"))
		t->new_len = strtoull(v, NULL, 10);
	else if (!strcmp(line, "new_head"))
		return unhex32(v, t->new_head);
	else if (!strcmp(line, "file") && (sp = strchr(v, ' ')))
		return *sp = 0, evtxn_add(t, v, sp + 1);
	else
		return -1;
	return 0;
}

/* Reads the record of case_id; 1 when there is one, 0 when not, -1 when unreadable. */
static int read_record(int evfd, const char *case_id, struct evtxn *t)
{
	char name[96], *text = NULL, *line, *save = NULL;
	struct stat st;
	int fd, rc = -1;

	memset(t, 0, sizeof(*t));
	record_name(case_id, name, sizeof(name), 0);
	fd = openat(evfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || !(text = calloc(1, (size_t)st.st_size + 1)) ||
	    read(fd, text, (size_t)st.st_size) != st.st_size)
		goto out;
	line = strtok_r(text, "\n", &save);
	if (!line || strcmp(line, RECORD_MAGIC))
		goto out;
	while ((line = strtok_r(NULL, "\n", &save)))
		if (parse_item(t, line) < 0)
			goto out;
	rc = strcmp(t->case_id, case_id) ? -1 : 1;
out:
	if (rc < 0)
		log_case(LOG_ERR, case_id, NULL, "%s is not a readable change record; left as it is",
			 name);
	free(text);
	close(fd);
	return rc;
}

/* A ring's file and its indexes go under the list's lock, the record with them. */
static int unlink_ring_file(struct filelist_file *f, void *arg)
{
	struct ring *r = arg;
	char idx[300];

	if (unlinkat(r->dirfd, f->name, 0) < 0 && errno != ENOENT)
		return -1;
	snprintf(idx, sizeof(idx), "%s.idx", f->name);
	unlinkat(r->dirfd, idx, 0);
	snprintf(idx, sizeof(idx), "%s.aidx", f->name);
	unlinkat(r->dirfd, idx, 0);
	return 0;
}

static int delete_ring_file(struct ring *r, const char *name)
{
	struct filelist_file f;
	uint64_t seq = seq_of(name);

	if (seq && filelist_get(r->files, seq, &f) == 0 && !strcmp(f.name, name))
		return filelist_remove(r->files, seq, unlink_ring_file, r);
	/* Not listed (returned by an earlier release, not yet adopted): no record to keep in step. */
	snprintf(f.name, sizeof(f.name), "%s", name);
	return unlink_ring_file(&f, r);
}

/* One released file: the case's link goes; the ring's returns to retention or is deleted. */
static int let_go(struct daemon *d, int casefd, const struct evtxn *t, const struct evtxn_file *f)
{
	struct ring *r = daemon_find_ring(d, f->ring);
	struct stat c, rs;
	int in_ring, others;

	if (fstatat(casefd, f->name, &c, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : -1;	/* let go already */
	in_ring = r && fstatat(r->dirfd, f->name, &rs, AT_SYMLINK_NOFOLLOW) == 0 &&
		  rs.st_ino == c.st_ino && rs.st_dev == c.st_dev;
	/* Another case links the same file: it stays held, and stays. */
	others = c.st_nlink > 1u + (unsigned)in_ring;
	if (in_ring && !others && t->del) {
		if (delete_ring_file(r, f->name) < 0)
			return -1;
	} else if (in_ring && !others) {
		evtxn_mark(r, f->name, 0, FL_PRESERVED, NULL);
	} else if (r && !in_ring && !others && !t->del) {
		/* No ring lists it any more: back to its ring's directory, adopted at the next start. */
		return renameat(casefd, f->name, r->dirfd, f->name);
	}
	return unlinkat(casefd, f->name, 0) < 0 && errno != ENOENT ? -1 : 0;
}

int evtxn_release_files(struct daemon *d, int casefd, const struct evtxn *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (let_go(d, casefd, t, &t->files[i]) < 0) {
			log_case(LOG_ERR, t->case_id, NULL, "cannot release %s: %s", t->files[i].name,
				 strerror(errno));
			return -1;
		}
	return fsync(casefd);
}

/* A new case taken back: its own files, then its directory. */
static int remove_case(int evfd, int casefd, const char *case_id)
{
	static const char *const own[] = { EVM_MANIFEST, EVM_HEAD, EVM_SIG, EVM_SUMS, EVM_SUMS_SIG };

	for (size_t i = 0; i < sizeof(own) / sizeof(own[0]); i++)
		if (unlinkat(casefd, own[i], 0) < 0 && errno != ENOENT)
			return -1;
	if (unlinkat(evfd, case_id, AT_REMOVEDIR) < 0 && errno != ENOENT)
		return -1;
	return fsync(evfd);
}

static int backward(int evfd, int casefd, const struct evtxn *t)
{
	/* MANIFEST first: once it is cut, the change reads as never made, whatever follows. */
	if (evm_truncate(casefd, t->old_len) < 0)
		return -1;
	evm_clean_tmp(casefd);
	for (size_t i = 0; !t->release && i < t->n; i++)
		if (unlinkat(casefd, t->files[i].name, 0) < 0 && errno != ENOENT)
			return -1;
	if (t->new_case)
		return remove_case(evfd, casefd, t->case_id);
	return evm_refresh(casefd, t->case_id) < 0 || fsync(casefd) < 0 ? -1 : 0;
}

static int forward(struct daemon *d, int casefd, const struct evtxn *t)
{
	for (size_t i = 0; !t->release && i < t->n; i++)
		if (faccessat(casefd, t->files[i].name, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
			log_case(LOG_ERR, t->case_id, NULL,
				 "%s is in the manifest but not in the case (pktctl verify will say so)",
				 t->files[i].name);
	evm_clean_tmp(casefd);
	if (evm_refresh(casefd, t->case_id) < 0)
		return -1;
	return t->release ? evtxn_release_files(d, casefd, t) : 0;
}

int evtxn_finish(struct daemon *d, int evfd, struct evtxn *t, int back)
{
	const char *what = t->release ? "release" : "preserve";
	int casefd = openat(evfd, t->case_id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	int done = 0, rc = -1;

	if (casefd < 0 && errno != ENOENT)
		goto out;
	/* No directory: a new case that was never made; nothing to take back. */
	if (casefd >= 0) {
		done = back ? 0 : evm_committed(casefd, t->new_len, t->new_head);
		if (done < 0 || (done ? forward(d, casefd, t) : backward(evfd, casefd, t)) < 0)
			goto out;
	}
	if (evtxn_end(evfd, t->case_id) < 0)
		goto out;
	log_case(done ? LOG_NOTICE : LOG_WARNING, t->case_id, NULL, "%s of %zu file%s %s", what, t->n,
		 t->n == 1 ? "" : "s", done ? "completed" : "rolled back");
	rc = 0;
out:
	if (rc < 0)
		log_case(LOG_ERR, t->case_id, NULL,
			 "%s of %zu file%s left unfinished: %s; it is finished or rolled back at the next change of the case or the next start",
			 what, t->n, t->n == 1 ? "" : "s", strerror(errno));
	if (casefd >= 0)
		close(casefd);
	return rc;
}

int evtxn_recover_case(struct daemon *d, int evfd, const char *case_id)
{
	struct evtxn t;
	int rc = read_record(evfd, case_id, &t);

	if (rc > 0)
		rc = evtxn_finish(d, evfd, &t, 0);
	evtxn_free(&t);
	return rc;
}

/* A case directory with nothing in its manifest and no change under way is a leftover. */
static void tidy_case(int evfd, const char *case_id)
{
	int cfd = openat(evfd, case_id, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	struct stat st;

	if (cfd < 0)
		return;
	evm_clean_tmp(cfd);
	if (fstatat(cfd, EVM_MANIFEST, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT) {
		if (remove_case(evfd, cfd, case_id) == 0)
			log_case(LOG_NOTICE, case_id, NULL, "removed a case directory with no manifest");
		else
			log_case(LOG_WARNING, case_id, NULL,
				 "a case directory with files but no manifest: left for the operator");
	}
	close(cfd);
}

void evtxn_recover_all(struct daemon *d, int evfd)
{
	int dfd = dup(evfd);
	DIR *dir = dfd >= 0 ? fdopendir(dfd) : NULL;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;

	if (!dir) {
		if (dfd >= 0)
			close(dfd);
		return;
	}
	rewinddir(dir);
	while ((de = readdir(dir))) {
		char **nn;

		if (de->d_name[0] == '.' && strncmp(de->d_name, RECORD_PREFIX, strlen(RECORD_PREFIX)))
			continue;
		nn = bytes_grow(names, n, sizeof(*nn));
		if (!nn || !(nn[n] = strdup(de->d_name))) {
			names = nn ? nn : names;
			break;
		}
		names = nn;
		n++;
	}
	closedir(dir);
	/* Records first: a case is tidied only once its change is finished. */
	for (size_t i = 0; i < n; i++) {
		const char *id = names[i] + strlen(RECORD_PREFIX);
		size_t len = strlen(names[i]);

		if (strncmp(names[i], RECORD_PREFIX, strlen(RECORD_PREFIX)))
			continue;
		if (len > 4 && !strcmp(names[i] + len - 4, ".tmp"))
			unlinkat(evfd, names[i], 0);	/* never written whole: nothing followed it */
		else if (proto_case_valid(id))
			evtxn_recover_case(d, evfd, id);
	}
	for (size_t i = 0; i < n; i++) {
		char rec[96];

		record_name(names[i], rec, sizeof(rec), 0);
		if (proto_case_valid(names[i]) && faccessat(evfd, rec, F_OK, AT_SYMLINK_NOFOLLOW) < 0)
			tidy_case(evfd, names[i]);
		free(names[i]);
	}
	free(names);
}

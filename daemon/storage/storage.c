/* storage.c: a ring's directory: file names, adopting files from earlier runs, repairing torn ones */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "storage/indexer.h"
#include "addridx.h"
#include "log.h"
#include "ring.h"

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

int storage_file_name(const struct ring *r, uint64_t seq, int64_t sec, int gzip, char *buf,
		      size_t len)
{
	return filelist_format_name(r->prefix, seq, sec, gzip, buf, len);
}

/* Parses "PREFIX-YYYYMMDDTHHMMSSZ-SEQ.pcap[.gz]"; returns the sequence or 0. */
static uint64_t parse_name(const struct ring *r, const char *name)
{
	size_t plen = strlen(r->prefix);
	const char *p = name + plen;
	uint64_t seq = 0;

	if (strncmp(name, r->prefix, plen) || *p++ != '-')
		return 0;
	for (int i = 0; i < 16; i++, p++) {
		int want_digit = i != 8 && i != 15;

		if (!*p || (want_digit && !isdigit((unsigned char)*p)))
			return 0;
	}
	if (name[plen + 1 + 8] != 'T' || name[plen + 1 + 15] != 'Z' || *p++ != '-')
		return 0;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p)) {
		if (seq > UINT64_MAX / 10 - 10)
			return 0;
		seq = seq * 10 + (uint64_t)(*p++ - '0');
	}
	if (strcmp(p, ".pcap") && strcmp(p, ".pcap.gz"))
		return 0;
	return seq;
}

/* Opens (creating if needed) one directory level below dirfd, owned by uid:gid. */
static int open_subdir(int dirfd, const char *name, uid_t uid, gid_t gid, mode_t mode)
{
	int fd;

	if (mkdirat(dirfd, name, mode) == 0) {
		int nfd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (nfd >= 0 && uid != (uid_t)-1 && fchown(nfd, uid, gid) < 0) {
			close(nfd);
			return -1;
		}
		return nfd;
	}
	if (errno != EEXIST)
		return -1;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return fd;
}

/*
 * A storage path outside the unit's writable paths fails here with EROFS
 * (ProtectSystem=strict) or EACCES: say which drop-in lets the service
 * write there, rather than leave the operator with the errno alone.
 */
static void unwritable_hint(const char *root, int err)
{
	if (err != EROFS && err != EACCES)
		return;
	if (getenv("INVOCATION_ID"))
		log_err("storage %s is outside the paths the unit may write (StateDirectory=/var/lib/pktcapd, ReadWritePaths=); add them with \"systemctl edit pktcapd\": [Service] ReadWritePaths=%s",
			root, root);
	else if (err == EROFS)
		log_err("storage %s is on a read-only file system (or mount); under systemd, add it with \"systemctl edit pktcapd\": [Service] ReadWritePaths=%s",
			root, root);
}

int storage_prepare(struct ring *r, const char *root, uid_t uid, gid_t gid)
{
	char *path = strdup(root), *p, *next;
	int fd = -1, nfd;

	if (!path)
		return -1;
	fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* Parents of the storage root are created like mkdir -p; only the root is ours. */
	for (p = path; fd >= 0 && p && *p; p = next) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		next = strchr(p, '/');
		if (next)
			*next++ = 0;
		while (next && *next == '/')
			next++;
		nfd = (next && *next) ? open_subdir(fd, p, (uid_t)-1, (gid_t)-1, 0755)
				      : open_subdir(fd, p, uid, gid, 0750);
		if (nfd < 0) {
			int e = errno;

			log_err("storage %s: cannot create or open %s: %s", root, p, strerror(e));
			unwritable_hint(root, e);
			close(fd);
			fd = -1;
			break;
		}
		close(fd);
		fd = nfd;
	}
	free(path);
	if (fd < 0)
		return -1;
	nfd = open_subdir(fd, r->iface, uid, gid, 0750);
	close(fd);
	if (nfd < 0) {
		int e = errno;

		rlog(r, LOG_ERR, "cannot create %s/%s: %s", root, r->iface, strerror(e));
		unwritable_hint(root, e);
		return -1;
	}
	fd = open_subdir(nfd, r->profile, uid, gid, 0750);
	close(nfd);
	/* Directories made earlier still exist on a read-only mount: ask for writing. */
	if (fd >= 0 && faccessat(fd, ".", W_OK, AT_EACCESS) < 0 &&
	    (errno == EROFS || errno == EACCES)) {
		int e = errno;

		close(fd);
		fd = -1;
		errno = e;
	}
	if (fd < 0) {
		int e = errno;

		rlog(r, LOG_ERR, "cannot create %s/%s/%s: %s", root, r->iface, r->profile,
		     strerror(e));
		unwritable_hint(root, e);
		return -1;
	}
	/* Only the daemon writes here: a directory others may write to is made private. */
	{
		struct stat st;

		if (fstat(fd, &st) == 0 && (st.st_mode & (S_IWGRP | S_IWOTH))) {
			rlog(r, LOG_WARNING, "%s/%s/%s was writable by others (mode %04o): made 0750",
			     root, r->iface, r->profile, (unsigned)(st.st_mode & 07777));
			if (fchmod(fd, 0750) < 0)
				rlog(r, LOG_WARNING, "cannot change its mode: %s", strerror(errno));
		}
	}
	r->dirfd = fd;
	return 0;
}

/*
 * Whether the index is this file's (pcapidx_check: its name, then its
 * first and last bytes, two small reads). Returns the check's answer; an
 * index written for another file is deleted, since nothing in it, its seal
 * included, says anything about this one.
 */
static int identity(struct ring *r, const struct filelist_file *f, const struct pcapidx *idx,
		    int dfd)
{
	char iname[300];
	int m;

	m = dfd < 0 ? -1 : pcapidx_check(idx, dfd, f->name, f->size);
	if (m == PCAPIDX_FOREIGN) {
		rlog(r, LOG_WARNING, "%s.idx was written for another file: deleted; the file is indexed and sealed as found",
		     f->name);
		snprintf(iname, sizeof(iname), "%s.idx", f->name);
		unlinkat(r->dirfd, iname, 0);
	}
	return m;
}

static int adopt_damaged(struct ring *r, struct filelist_file *f, const char *why, uint64_t sealed)
{
	f->flags |= FL_DAMAGED;
	snprintf(f->damage, sizeof(f->damage), "%.120s: %llu bytes, sealed as %llu%s", f->name,
		 (unsigned long long)f->size, (unsigned long long)sealed, why);
	rlog(r, LOG_WARNING, "%s no longer has its sealed size or ends: %llu bytes, sealed as %llu%s",
	     f->name, (unsigned long long)f->size, (unsigned long long)sealed, why);
	return INDEX_VERIFY;
}

/*
 * NAME.aidx is complete and this file's (its header and end: two small
 * reads; id is the time index's, checked already), and its union, the
 * record before the end, stays in memory for filtered queries (docs/index.md,
 * "In memory"). A missing, torn, foreign or older index is rebuilt by the
 * indexer, from files of earlier versions on.
 */
static int aidx_ok(struct ring *r, const struct filelist_file *f, const struct pcapidx_identity *id)
{
	struct addridx u;
	char name[300];

	snprintf(name, sizeof(name), "%s.aidx", f->name);
	if (addridx_check_union(r->dirfd, name, id, &u) < 0)
		return 0;
	filelist_set_summary(r->files, f->seq, &u.file, u.linktype);
	/* An index from before its postings gets them, at idle priority. */
	if (!u.postings)
		indexer_queue(r, f->seq, 0, INDEX_POSTINGS);
	addridx_free(&u);
	return 1;
}

/*
 * A closed file is adopted from its index alone: one small read, and two
 * for its identity. The index must be the file's (else it is dropped and
 * the file indexed as if it had none) and have a summary whose size is the
 * file's; anything else goes to the indexer. A file that no longer has its
 * sealed size or ends is damaged, and keeps its seal. A version 1 index
 * (no identity) is used and rebuilt. Returns the job the file needs, or -1.
 */
static int adopt_index(struct ring *r, struct filelist_file *f, int fd, int dfd)
{
	struct pcapidx idx = { 0 };
	int job, m = PCAPIDX_NO_IDENTITY;

	if (fd < 0 || pcapidx_load_fd(fd, &idx) < 0 || !idx.has_summary ||
	    (idx.summary.has_identity && (m = identity(r, f, &idx, dfd)) == PCAPIDX_FOREIGN)) {
		pcapidx_free(&idx);
		return INDEX_ADOPT;
	}
	f->flags |= FL_META | FL_SHA;
	f->packets = idx.summary.packets;
	f->first_ns = idx.summary.first_ns;
	f->last_ns = idx.summary.last_ns;
	memcpy(f->sha256, idx.summary.sha256, 32);
	f->seal_size = idx.summary.size;
	if (idx.summary.flags & PCAPIDX_DAMAGED) {
		f->flags |= FL_DAMAGED;
		snprintf(f->damage, sizeof(f->damage),
			 "found damaged earlier; %llu bytes, sealed as %llu (pktctl reindex checks it again)",
			 (unsigned long long)f->size, (unsigned long long)idx.summary.size);
		rlog(r, LOG_WARNING, "%s was found damaged earlier and keeps its seal: %llu bytes, sealed as %llu",
		     f->name, (unsigned long long)f->size, (unsigned long long)idx.summary.size);
		job = -1;
	} else if (idx.summary.size != f->size) {
		job = adopt_damaged(r, f, "", idx.summary.size);
	} else if (m == PCAPIDX_ENDS_DIFFER) {
		job = adopt_damaged(r, f, "; its first or last bytes changed", idx.summary.size);
	} else if (idx.bad_points || m != PCAPIDX_MATCH) {
		/* Points that cannot be true, no identity (version 1) or unreadable ends: rebuild. */
		if (idx.bad_points)
			rlog(r, LOG_WARNING, "%s: its index has seek points that cannot be true; rebuilding it",
			     f->name);
		job = INDEX_VERIFY;
	} else {
		job = aidx_ok(r, f, &idx.summary.id) ? -1 : INDEX_AIDX;
	}
	pcapidx_free(&idx);
	return job;
}

/* What adopt_index read goes into the list, and the file is marked for the indexer. */
static int store_adopted(struct filelist_file *f, void *arg)
{
	*f = *(const struct filelist_file *)arg;
	return 0;
}

/* Indexes opened and asked for at once: a cold disk gets a deep queue, not one read at a time. */
#define ADOPT_CHUNK 128

static int open_index(struct ring *r, const struct filelist_file *f)
{
	char name[300];
	int fd;

	if (f->flags & FL_REPAIR)
		return -1;
	snprintf(name, sizeof(name), "%s.idx", f->name);
	fd = openat(r->dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0)
		posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
	return fd;
}

/* The capture file, for its identity: its two ends asked for with the index. */
static int open_data(struct ring *r, const struct filelist_file *f)
{
	uint64_t span = f->size < PCAPIDX_ID_SPAN ? f->size : PCAPIDX_ID_SPAN;
	int fd;

	if (f->flags & FL_REPAIR)
		return -1;
	fd = openat(r->dirfd, f->name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		posix_fadvise(fd, 0, (off_t)span, POSIX_FADV_WILLNEED);
		posix_fadvise(fd, (off_t)(f->size - span), (off_t)span, POSIX_FADV_WILLNEED);
	}
	return fd;
}

/*
 * One directory read, one small read per index and two of each closed
 * file (its identity, pcapidx_check); the files are listed in
 * the order readdir gives them and sorted once. Start-up is O(n log n) with
 * no per-file sync and no per-file log line.
 */
int storage_adopt(struct ring *r)
{
	int fd = dup(r->dirfd);
	struct filelist_file *buf;
	uint64_t from = 0;
	size_t n, nfiles = 0;
	struct dirent *de;
	DIR *d;

	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		rlog(r, LOG_ERR, "cannot read its directory: %s", strerror(errno));
		return -1;
	}
	rewinddir(d);
	while ((de = readdir(d))) {
		uint64_t seq = parse_name(r, de->d_name);
		struct filelist_file f = { 0 };
		struct stat st;

		if (!seq || fstatat(r->dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
			continue;
		if (!S_ISREG(st.st_mode)) {
			rlog(r, LOG_WARNING, "%s is not a regular file: ignored", de->d_name);
			continue;
		}
		f.seq = seq;
		f.size = (uint64_t)st.st_size;
		f.mtime_ms = (int64_t)st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
		f.name_sec = storage_name_time(de->d_name);
		if (strlen(de->d_name) > 3 && !strcmp(de->d_name + strlen(de->d_name) - 3, ".gz"))
			f.flags |= FL_GZIP;
		/* Writable means the daemon stopped without closing it. */
		if (st.st_mode & S_IWUSR)
			f.flags |= FL_REPAIR;
		if (filelist_adopt(r->files, &f, de->d_name) < 0) {
			rlog(r, LOG_ERR, "cannot list %s: out of memory", de->d_name);
			break;
		}
		if (seq >= r->next_seq)
			r->next_seq = seq + 1;
		nfiles++;
	}
	closedir(d);
	filelist_adopt_done(r->files);

	/* In order, oldest first: the indexer takes the newest first. */
	buf = malloc(ADOPT_CHUNK * sizeof(*buf));
	if (!buf)
		return -1;
	while ((n = filelist_copy(r->files, from, buf, ADOPT_CHUNK)) > 0) {
		int fds[ADOPT_CHUNK], dfds[ADOPT_CHUNK];

		for (size_t i = 0; i < n; i++) {
			fds[i] = open_index(r, &buf[i]);
			dfds[i] = fds[i] >= 0 ? open_data(r, &buf[i]) : -1;
		}
		for (size_t i = 0; i < n; i++) {
			struct filelist_file *f = &buf[i];
			int job = f->flags & FL_REPAIR ? INDEX_REPAIR
						       : adopt_index(r, f, fds[i], dfds[i]);

			if (fds[i] >= 0)
				close(fds[i]);
			if (dfds[i] >= 0)
				close(dfds[i]);

			if (job >= 0)
				f->flags |= FL_QUEUED;
			filelist_update(r->files, f->seq, store_adopted, f);
			if (job >= 0)
				indexer_queue(r, f->seq, f->size, (enum indexer_job)job);
		}
		from = buf[n - 1].seq + 1;
	}
	free(buf);
	if (nfiles)
		rlog(r, LOG_INFO, "found %zu file%s from earlier runs; numbering goes on at %llu",
		     nfiles, nfiles == 1 ? "" : "s", (unsigned long long)r->next_seq);
	return 0;
}

int64_t storage_name_time(const char *name)
{
	const char *p = strrchr(name, 'Z');
	struct tm tm = { 0 };

	/* The stamp is the 16 characters before the last "Z-": YYYYMMDDTHHMMSSZ. */
	while (p && (p - name < 15 || p[1] != '-'))
		p = p > name ? memrchr(name, 'Z', (size_t)(p - name)) : NULL;
	if (!p)
		return -1;
	p -= 15;
	if (sscanf(p, "%4d%2d%2dT%2d%2d%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}


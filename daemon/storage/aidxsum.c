/* aidxsum.c: each closed file's address-index union kept in memory, so a filtered query rules files out without the disk */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "aidxmatch.h"
#include "log.h"
#include "pcapfile.h"
#include "ring.h"
#include "storage/aidxsum.h"
#include "storage/indexer.h"

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

/*
 * Loads dirfd/NAME.aidx as NAME's (its identity checked against the file as
 * it is): whole, or with p only what p asks (addridx_load_for), or its union.
 */
static int load(struct ring *r, const char *name, int whole, const struct bpfplan *p,
		struct addridx *x)
{
	char aname[300];
	struct stat st;
	int fd, rc;

	fd = pcapfile_openat(r->dirfd, name, O_RDONLY);
	if (fd < 0)
		return -1;
	snprintf(aname, sizeof(aname), "%s.aidx", name);
	rc = fstat(fd, &st);
	if (rc == 0 && whole && p)
		rc = addridx_load_for(r->dirfd, aname, fd, name, (uint64_t)st.st_size, p, x);
	else if (rc == 0 && whole)
		rc = addridx_load(r->dirfd, aname, fd, name, (uint64_t)st.st_size, x);
	else if (rc == 0)
		rc = addridx_load_union(r->dirfd, aname, fd, name, (uint64_t)st.st_size, x);
	close(fd);
	return rc;
}

int aidxsum_load(struct ring *r, uint64_t seq, const char *name, int whole)
{
	struct addridx x;
	int rc;

	if (load(r, name, whole, NULL, &x) < 0)
		return -1;
	rc = x.complete ? filelist_set_summary(r->files, seq, &x.file, x.linktype) : -1;
	addridx_free(&x);
	return rc;
}

struct mark {
	int was_queued;
	uint64_t size;
};

static int mark_queued(struct filelist_file *f, void *arg)
{
	struct mark *m = arg;

	m->was_queued = !!(f->flags & FL_QUEUED);
	m->size = f->size;
	f->flags |= FL_QUEUED;
	return 0;
}

void aidxsum_rebuild(struct ring *r, const struct filelist_file *f)
{
	struct mark m = { 0, 0 };
	char aname[300];

	/* A missing one is the adoption's to make; an open file's grows. */
	snprintf(aname, sizeof(aname), "%s.aidx", f->name);
	if ((f->flags & (FL_OPEN | FL_REPAIR)) || faccessat(r->dirfd, aname, F_OK, 0) < 0)
		return;
	if (filelist_update(r->files, f->seq, mark_queued, &m) < 0 || m.was_queued)
		return;
	rlog(r, LOG_WARNING, "%s: its address index does not load; rebuilding it", f->name);
	indexer_queue(r, f->seq, m.size, INDEX_VERIFY);
}

void aidxsum_postings(struct ring *r, uint64_t seq)
{
	/* Not FL_QUEUED: the file is sealed and indexed, a dump need not wait for this. */
	indexer_queue(r, seq, 0, INDEX_POSTINGS);
}

int aidxsum_match(struct ring *r, const struct filelist_file *f, const struct bpfplan *p,
		  int linktype, struct addridx *x)
{
	struct addridx own;
	int sum, rc = AIDXMATCH_UNKNOWN;

	if (!p)
		return AIDXMATCH_UNKNOWN;
	sum = filelist_ask_summary(r->files, f->seq, p, linktype);
	if (sum == FILELIST_SUM_NO)
		return AIDXMATCH_NO;
	if (sum == FILELIST_SUM_MAY && !x)
		return AIDXMATCH_MAY;
	if (f->flags & FL_OPEN)
		return aidxmatch_file(r->dirfd, f->name, p, linktype, x);
	if (!x)
		x = &own;
	/*
	 * The first look reads it whole: damage inside a block is found only so.
	 * Later ones read what the plan asks (the postings), if the index has them.
	 */
	if (load(r, f->name, x != &own || sum == FILELIST_SUM_NONE,
		 sum == FILELIST_SUM_NONE ? NULL : p, x) < 0) {
		aidxsum_rebuild(r, f);
		return AIDXMATCH_UNKNOWN;
	}
	if (sum == FILELIST_SUM_NONE && x->complete)
		filelist_set_summary(r->files, f->seq, &x->file, x->linktype);
	if (x->linktype == linktype)
		rc = x->complete && !bpfplan_may_match(p, &x->file) ? AIDXMATCH_NO : AIDXMATCH_MAY;
	if (rc != AIDXMATCH_MAY || x == &own)
		addridx_free(x);
	return rc;
}

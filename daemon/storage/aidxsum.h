/* aidxsum.h: each closed file's address-index union kept in memory, so a filtered query rules files out without the disk */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_AIDXSUM_H
#define PKTCAP_AIDXSUM_H

#include <stdint.h>

#include "addridx.h"
#include "bpfplan.h"
#include "storage/filelist.h"

struct ring;

/*
 * Reads the closed file's NAME.aidx (the whole index with whole, else only
 * its union: three small reads) and keeps its union with the file's record
 * (filelist_set_summary): the writer calls it when it seals a file, the
 * indexer when it rebuilt one. -1 without a sound, complete index.
 */
int aidxsum_load(struct ring *r, uint64_t seq, const char *name, int whole);

/*
 * What plan p (for link type linktype) makes of file f, as aidxmatch_file
 * answers (AIDXMATCH_NO, _MAY with the index loaded in *x when x is given,
 * _UNKNOWN), but from memory first: a file the summary rules out is never
 * touched, and without x a file whose exact summary says "may" is not
 * either. The first time a closed file is asked, its whole index is loaded
 * (every record's CRC checked) and its union kept; an index that fails to
 * load has the indexer rebuild it (aidxsum_rebuild).
 */
int aidxsum_match(struct ring *r, const struct filelist_file *f, const struct bpfplan *p,
		  int linktype, struct addridx *x);

/*
 * A closed file whose NAME.aidx exists but failed to load (damage inside a
 * block is only found by a whole load): the indexer re-reads the file and
 * rebuilds its indexes, once queued. Any thread.
 */
void aidxsum_rebuild(struct ring *r, const struct filelist_file *f);

/*
 * A file just sealed: the indexer adds the postings to its NAME.aidx at
 * idle priority (docs/index.md, "Postings"). The writer's thread.
 */
void aidxsum_postings(struct ring *r, uint64_t seq);

#endif

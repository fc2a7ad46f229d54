/* addridx.h: the address index beside every capture file (NAME.aidx), see docs/index.md */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_ADDRIDX_H
#define PKTCAP_ADDRIDX_H

#include <stddef.h>
#include <stdint.h>

#include "addrset.h"
#include "pcapidx.h"

/*
 * NAME.aidx sits beside NAME (NAME.pcap or NAME.pcap.gz) and its time index
 * NAME.idx. It holds one addrset per block of the file, a block being the
 * data from one seek point to the next (the time index's points: a reader
 * seeks to a block's start exactly as for a time), and, once the file is
 * closed, the union of them all. The layout is in docs/index.md.
 */
struct addridx_block {
	struct pcapidx_point at;	/* where the block starts (as the time index's point) */
	struct addrset set;
};

struct addridx {
	int linktype;
	int complete;		/* sealed with its file: the blocks cover all of it */
	struct addridx_block *blocks;
	size_t nblocks;
	struct addrset file;	/* the union of all blocks */
	/*
	 * Loaded for one plan (addridx_load_for): every set, the union too,
	 * holds only the values the plan asks about, with the blocks' flags,
	 * layers and protocols whole. It answers that plan exactly as the
	 * whole index would, and nothing else: never keep its union.
	 */
	int reduced;
	int postings;		/* the index has postings (version 2); set by every load and check */
};

/*
 * Loads dirfd/name (an .aidx); -1 if it is missing, damaged, or not the
 * index of the file open on datafd (size given; its identity is checked as
 * pcapidx_check does), so a copied or altered index is never trusted.
 * datafd -1 is for a file still being written: an index without its end
 * is then taken (complete 0, file the union of the blocks read), a torn
 * tail dropped; nothing binds it to its file, so use it only for FL_OPEN ones.
 */
int addridx_load(int dirfd, const char *name, int datafd, const char *dataname, uint64_t datasize,
		 struct addridx *x);
void addridx_free(struct addridx *x);

/*
 * Only the file-level union (nblocks 0): three small reads, for skipping
 * whole files. -1 as addridx_load, or if the index is not complete.
 */
int addridx_load_union(int dirfd, const char *name, int datafd, const char *dataname,
		       uint64_t datasize, struct addridx *x);
/*
 * Whether dirfd/name looks complete and belongs to the file whose identity
 * is id (its header and end only, no CRC of the blocks): what adoption
 * checks before it trusts an index and skips rebuilding it. 0 or -1.
 */
int addridx_check(int dirfd, const char *name, const struct pcapidx_identity *id);
/* addridx_check, and the union loaded into *u (as addridx_load_union) when it is there. */
int addridx_check_union(int dirfd, const char *name, const struct pcapidx_identity *id,
			struct addridx *u);

/*
 * As addridx_load, but for plan p only: from an index with postings
 * (docs/index.md, "Postings") it reads the end, the directory and the pages
 * holding p's values, and returns a reduced index (x->reduced 1) on which
 * bpfplan_may_match(p, ...) answers as on the whole one. An index without
 * postings, or whose postings fail a check, is loaded whole (reduced 0).
 */
struct bpfplan;
int addridx_load_for(int dirfd, const char *name, int datafd, const char *dataname,
		     uint64_t datasize, const struct bpfplan *p, struct addridx *x);

/*
 * Writes dst (replacing it, mode 0440, not synced): the complete index src,
 * bound to the file whose identity is id, with its postings added. 1 when
 * src has them already (nothing written), 0 done, -1 otherwise (dst removed).
 */
int addridx_write_postings(int dirfd, const char *src, const char *dst,
			   const struct pcapidx_identity *id);

/*
 * Writes x's blocks as a version 1 index (no postings) at dirfd/name, bound
 * to identity id, mode 0440, not synced: what an earlier pktcapd wrote
 * (tests, tools). 0 or -1.
 */
int addridx_write_sets(int dirfd, const char *name, const struct addridx *x, int gzip,
		       const struct pcapidx_identity *id);

/* The block holding uncompressed offset raw_off, or -1. */
long addridx_block_at(const struct addridx *x, uint64_t raw_off);

/*
 * Writes an index while its file is written: packets go to a builder, a
 * seek point ends the block before it, and blocks are appended (flush) only
 * once their data is on disk. Every call is a no-op after a failure.
 */
struct addridx_writer {
	int fd;
	int nosync;		/* set after open: a rebuilt index needs no sync */
	struct addrset_builder *b;
	int have_block;
	struct pcapidx_point at;	/* where the block being built starts */
	struct addridx_block *pending;	/* ended blocks whose data may not be on disk yet */
	size_t npending, maxpending;
	uint64_t nblocks;
	uint64_t off;		/* bytes written */
	/*
	 * The union of the blocks written, as a binary counter: level i holds
	 * 2^i blocks' union, so each value is merged O(log blocks) times, not
	 * once per block as one growing union would.
	 */
	struct addrset level[32];
	uint32_t levels;	/* bit i: level i is in use */
	int union_all;		/* a merge ran out of memory: the union says "all" */
	uint8_t *buf;
	size_t cap;
};

/* Creates dirfd/name (replacing it) with its header; -1 if it cannot. */
int addridx_writer_open(struct addridx_writer *w, int dirfd, const char *name, int linktype,
			int gzip);
/* One packet of the block being built (caplen bytes captured). */
void addridx_writer_packet(struct addridx_writer *w, const uint8_t *pkt, uint32_t caplen);
/* A new block starts at p: the one before it ends and waits for addridx_writer_flush. */
int addridx_writer_point(struct addridx_writer *w, const struct pcapidx_point *p);
/* The ended blocks' data is on disk: append them. */
int addridx_writer_flush(struct addridx_writer *w);
/* Ends the last block, appends it, the union and the end (binding id), syncs, seals 0440, closes. */
int addridx_writer_finish(struct addridx_writer *w, const struct pcapidx_identity *id);
void addridx_writer_abort(struct addridx_writer *w);

/* Encodes/decodes one set as in a record (tests, tools); decode returns the bytes used or -1. */
int addridx_encode_set(const struct addrset *s, uint8_t **buf, size_t *cap, size_t *len);
long addridx_decode_set(const uint8_t *p, size_t len, struct addrset *s);

#endif

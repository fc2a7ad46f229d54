/* addridx.h: the address index beside every capture file (NAME.aidx), see docs/index.md */
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
};

/*
 * Loads dirfd/name (an .aidx); -1 if it is missing, damaged, or not the
 * index of the file open on datafd (size given; its identity is checked as
 * pcapidx_check does), so a copied or altered index is never trusted.
 */
int addridx_load(int dirfd, const char *name, int datafd, const char *dataname, uint64_t datasize,
		 struct addridx *x);
void addridx_free(struct addridx *x);

/* The block holding uncompressed offset raw_off, or -1. */
long addridx_block_at(const struct addridx *x, uint64_t raw_off);

#endif

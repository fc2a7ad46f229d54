/* pktdedup.h: one packet once: the copies that overlapping rings of one interface stored */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PKTDEDUP_H
#define PKTCAP_PKTDEDUP_H

#include <stddef.h>
#include <stdint.h>

/*
 * Two profiles on one interface whose filters overlap each store the same
 * packet: same interface, same captured bytes, same original length, and
 * nearly the same time stamp: each ring's socket stamps its own copy, a few
 * microseconds apart (1 to 2 us on an idle veth). A merge in time order
 * meets the copies within PKTDEDUP_WINDOW_NS of each other, so only that
 * window is remembered, at most PKTDEDUP_MAX packets of it (past that the
 * oldest are forgotten: a copy is then kept, never a packet wrongly
 * dropped). The first copy in merge order is kept. A ring's own packets are
 * never dropped: two equal packets of one ring are two packets, and each
 * absorbs at most one copy from every other ring, so a packet one ring
 * missed (a kernel drop) never takes another's place.
 */
#define PKTDEDUP_WINDOW_NS 1000000
#define PKTDEDUP_MAX 1024
#define PKTDEDUP_RINGS 64

struct pktdedup_ent {
	int64_t ns;
	uint8_t digest[32];	/* SHA-256 of the captured bytes */
	uint32_t caplen, len;
	int iface, ring;
	uint64_t absorbed;	/* rings whose copy of this packet was dropped */
};

struct pktdedup {
	size_t head, n;		/* the window: e[head], e[head + 1], ... (mod PKTDEDUP_MAX) */
	uint64_t dropped;
	struct pktdedup_ent e[PKTDEDUP_MAX];
};

/* Zeroes d: nothing seen, nothing dropped. */
void pktdedup_init(struct pktdedup *d);
/*
 * Whether this packet of ring (0 .. PKTDEDUP_RINGS - 1) on iface is a copy
 * of one another ring of iface gave within the window: 1 to drop it
 * (counted in d->dropped), 0 to keep it. iface < 0 never matches (a file,
 * not a ring). Packets come in time order (a merge's).
 */
int pktdedup_check(struct pktdedup *d, int iface, int ring, int64_t ns, uint32_t caplen,
		   uint32_t len, const uint8_t *data);

#endif

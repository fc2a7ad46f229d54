/* pktdedup.h: one packet once: the copies that overlapping rings of one interface stored */
#ifndef PKTCAP_PKTDEDUP_H
#define PKTCAP_PKTDEDUP_H

#include <stddef.h>
#include <stdint.h>

/*
 * Two profiles on one interface whose filters overlap each store the same
 * packet: same interface, same time stamp, same captured bytes, same
 * original length. A merge in time order meets the copies within one run
 * of equal time stamps, so only that run is remembered (at most
 * PKTDEDUP_RUN packets of it: past that, later packets of the run are kept,
 * never wrongly dropped). The first ring's copy, in merge order, is kept.
 * A ring's own packets are never dropped: two equal packets of one ring are
 * two packets, and each absorbs at most one copy from every other ring.
 */
#define PKTDEDUP_RUN 256
#define PKTDEDUP_RINGS 64

struct pktdedup_ent {
	uint8_t digest[32];	/* SHA-256 of the captured bytes */
	uint32_t caplen, len;
	int iface, ring;
	uint64_t absorbed;	/* rings whose copy of this packet was dropped */
};

struct pktdedup {
	int64_t ns;		/* the run's time stamp */
	size_t n;
	uint64_t dropped;
	struct pktdedup_ent e[PKTDEDUP_RUN];
};

/* Zeroes d: nothing seen, nothing dropped. */
void pktdedup_init(struct pktdedup *d);
/*
 * Whether this packet of ring (0 .. PKTDEDUP_RINGS - 1) on iface is a copy
 * of one another ring of iface gave in this run: 1 to drop it (counted in
 * d->dropped), 0 to keep it. iface < 0 never matches (a file, not a ring).
 */
int pktdedup_check(struct pktdedup *d, int iface, int ring, int64_t ns, uint32_t caplen,
		   uint32_t len, const uint8_t *data);

#endif

/* rnd.h: the unit tests' pseudo-random numbers (xorshift64), from a fixed seed so every run draws the same */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_TEST_RND_H
#define PKTCAP_TEST_RND_H

#include <stdint.h>

/* A test may define RND_SEED (not 0) before including this to draw another sequence. */
#ifndef RND_SEED
#define RND_SEED 0x9e3779b97f4a7c15ull
#endif

static uint64_t rnd_state = RND_SEED;

static inline uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

#endif

/* test_totals.c: libpcap's 32-bit counters widened to 64 bits across a wrap */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdint.h>

#include "tap.h"
#include "storage/totals.h"

int main(void)
{
	uint64_t wide = 0;
	unsigned int last = 0;

	totals_widen(&wide, &last, 1000);
	ok(wide == 1000, "a first sample counts from zero (%llu)", (unsigned long long)wide);
	totals_widen(&wide, &last, 4294967000u);
	totals_widen(&wide, &last, 200);	/* wrapped: 296 to the top, then 200 */
	ok(wide == 4294967000ull + 296 + 200,
	   "a wrap of the 32-bit counter adds only the step (%llu)", (unsigned long long)wide);
	for (int i = 0; i < 3; i++) {
		totals_widen(&wide, &last, 4000000000u);
		totals_widen(&wide, &last, 100);
	}
	ok(wide > 12000000000ull, "three more wraps go past 2^32 times two (%llu)",
	   (unsigned long long)wide);
	/* The same value again: nothing happened in between. */
	totals_widen(&wide, &last, 100);
	ok(wide == 4294967496ull + (4000000000ull - 200) + 2 * (4000000000ull - 100) +
		   3 * 294967396ull,
	   "no step, no change (%llu)", (unsigned long long)wide);
	return done_testing();
}

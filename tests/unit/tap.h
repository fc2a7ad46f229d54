/* tap.h: a few macros so unit tests print TAP lines and fail the run on any failed check */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_TAP_H
#define PKTCAP_TAP_H

#include <stdio.h>

static int tap_n, tap_failed;

#define ok(cond, ...) do { \
	tap_n++; \
	if (cond) { \
		printf("ok %d - ", tap_n); \
	} else { \
		tap_failed++; \
		printf("not ok %d - %s:%d: ", tap_n, __FILE__, __LINE__); \
	} \
	printf(__VA_ARGS__); \
	printf("\n"); \
} while (0)

#define done_testing() (printf("1..%d\n", tap_n), tap_failed ? 1 : 0)

#endif

/* test_evheld.c: the in-memory count of what each case holds agrees with a model through random preserves and releases */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "evidence/evheld.h"
#include "proto.h"
#define RND_SEED 0x2545f4914f6cdd1dull
#include "rnd.h"
#include "tap.h"

#define NIDS 600

static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";

static char ids[NIDS][PROTO_CASE_MAX + 1];
static uint64_t files[NIDS], bytes[NIDS];

/*
 * Distinct valid case IDs of every allowed length (1 to PROTO_CASE_MAX) and
 * every allowed character: the first character never '.' or '-'; the index
 * in the last two characters keeps them apart.
 */
static void make_ids(void)
{
	for (int i = 0; i < NIDS; i++) {
		size_t len = 3 + (size_t)i % (PROTO_CASE_MAX - 2);

		for (size_t c = 0; c < len; c++)
			ids[i][c] = chars[rnd() % (sizeof(chars) - 1)];
		if (ids[i][0] == '.' || ids[i][0] == '-')
			ids[i][0] = 'x';
		ids[i][len - 2] = chars[i / 62];
		ids[i][len - 1] = chars[i % 62];
		ids[i][len] = '\0';
	}
	/* The shortest and the longest, whole. */
	strcpy(ids[0], "a");
	memset(ids[1], 'Z', PROTO_CASE_MAX);
	ids[1][PROTO_CASE_MAX] = '\0';
}

/* Does evheld say what the model says? */
static int agrees(void)
{
	uint64_t sum = 0, total = 0;
	size_t want = 0;
	json_t *j = evheld_json(&total);
	int good = j != NULL;

	for (int i = 0; good && i < NIDS; i++) {
		json_t *v = json_object_get(j, ids[i]);

		sum += bytes[i];
		if (!files[i]) {
			good = v == NULL;
			continue;
		}
		want++;
		good = json_is_integer(v) && (uint64_t)json_integer_value(v) == bytes[i];
	}
	good = good && json_object_size(j) == want && total == sum && evheld_total() == sum;
	json_decref(j);
	return good;
}

int main(void)
{
	int good = 1, step;

	make_ids();
	ok(proto_case_valid(ids[0]) && proto_case_valid(ids[1]) && proto_case_valid(ids[NIDS - 1]),
	   "the test's case IDs are valid ones");
	ok(agrees(), "nothing is held at first");
	for (step = 0; good && step < 20000; step++) {
		int i = (int)(rnd() % NIDS);

		if (rnd() % 4 == 0) {
			evheld_drop(ids[i]);
			files[i] = bytes[i] = 0;
		} else {
			uint64_t f = 1 + rnd() % 50, b = rnd() % (1ull << 40);

			evheld_add(ids[i], f, b);
			files[i] += f;
			bytes[i] += b;
		}
		good = agrees();
	}
	ok(good, "20000 random preserves and releases over %d cases of every length: "
	   "each case's bytes and the total agree with the model (stopped at step %d)", NIDS, step);

	/* Every case at once, then every one released. */
	for (int i = 0; i < NIDS; i++)
		if (!files[i]) {
			evheld_add(ids[i], 1, (uint64_t)i);
			files[i] = 1;
			bytes[i] = (uint64_t)i;
		}
	ok(agrees(), "all %d cases held at once", NIDS);
	for (int i = NIDS - 1; i >= 0; i--) {
		evheld_drop(ids[i]);
		files[i] = bytes[i] = 0;
	}
	ok(agrees() && evheld_total() == 0, "every case released: nothing held, total 0");
	evheld_drop("never-held");
	ok(agrees(), "releasing a case that holds nothing changes nothing");
	evheld_exit();
	return done_testing();
}

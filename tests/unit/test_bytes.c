/* test_bytes.c: bytes_grow keeps room for every append, with removals between, and copies a dozen times for 100,000 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "rnd.h"
#include "tap.h"

/* Every realloc of the library's code comes here (linked with --wrap=realloc). */
void *__real_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n);
static size_t reallocs;

void *__wrap_realloc(void *p, size_t n)
{
	reallocs++;
	return __real_realloc(p, n);
}

/* Element i of size sz: bytes that name it, so a lost or moved one shows. */
static void fill(uint8_t *e, size_t sz, size_t i)
{
	for (size_t b = 0; b < sz; b++)
		e[b] = (uint8_t)(i * 31 + b);
}

static int holds(const uint8_t *e, size_t sz, size_t i)
{
	for (size_t b = 0; b < sz; b++)
		if (e[b] != (uint8_t)(i * 31 + b))
			return 0;
	return 1;
}

/*
 * Appends up to max elements of sz bytes, now and then taking a few off
 * the end (as a list that drops entries does): after every grow the block
 * has room for the next, and every element kept is intact.
 */
static int run(size_t sz, size_t max)
{
	uint8_t *a = NULL;
	size_t n = 0;
	int good = 1;

	while (n < max) {
		uint8_t *g = bytes_grow(a, n, sz);

		if (!g)
			return 0;
		a = g;
		if (malloc_usable_size(a) < (n + 1) * sz) {
			printf("# size %zu: %zu bytes of room for element %zu\n", sz, malloc_usable_size(a), n);
			good = 0;
			break;
		}
		fill(a + n * sz, sz, n);
		n++;
		if (rnd() % 50 == 0) {
			size_t k = (size_t)(rnd() % 4);

			n -= k < n ? k : 0;
		}
	}
	for (size_t i = 0; good && i < n; i++)
		good = holds(a + i * sz, sz, i);
	free(a);
	return good;
}

int main(void)
{
	size_t sizes[] = { 1, 8, 24, 288, 384 };
	int all = 1;
	uint8_t *a = NULL;
	void *small;

	for (size_t s = 0; s < sizeof(sizes) / sizeof(*sizes); s++)
		for (size_t max = 1; max <= 5000; max = max * 3 + 1)
			all &= run(sizes[s], max);
	ok(all, "appends with removals between, up to 5,000 of 1 to 384 bytes: room for each, none lost");

	reallocs = 0;
	for (size_t n = 0; n < 100000; n++) {
		uint8_t *g = bytes_grow(a, n, 288);

		if (!g)
			break;
		a = g;
		a[n * 288] = (uint8_t)n;
	}
	free(a);
	ok(reallocs <= 14, "100,000 appends of 288 bytes: %zu reallocs (one each would be 100,000)", reallocs);

	small = malloc(16);
	errno = 0;
	ok(small && !bytes_grow(small, (SIZE_MAX >> 1) + 1, 8) && errno == ENOMEM,
	   "room past SIZE_MAX: NULL with ENOMEM");
	errno = 0;
	ok(!bytes_grow(small, 1u << 20, SIZE_MAX >> 10) && errno == ENOMEM,
	   "n times the size past SIZE_MAX: NULL with ENOMEM");
	ok(bytes_grow(small, 1, 8) == small && bytes_grow(small, 15, 1) == small,
	   "no copy while the room is there");
	free(small);	/* untouched by the refusals: ASan would see a double free */
	return done_testing();
}

/* test_ndprintf.c: nd_printf's own formatter prints exactly what snprintf prints for the same format */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nd.h"
#include "tap.h"

/* One format through nd_printf (into a memory stream) and snprintf; 1 if the texts match. */
#define SAME(fmt, ...) do { \
	char want[512], *got = NULL; \
	size_t gotlen = 0; \
	FILE *fp = open_memstream(&got, &gotlen); \
	struct nd nd; \
	snprintf(want, sizeof(want), fmt, __VA_ARGS__); \
	if (fp && nd_init(&nd, fp) == 0) { \
		nd_printf(&nd, fmt, __VA_ARGS__); \
		nd_free(&nd); \
	} \
	if (fp) \
		fclose(fp); \
	ok(got && strcmp(want, got) == 0, "%s: \"%s\" is \"%s\"", fmt, got ? got : "", want); \
	free(got); \
} while (0)

static void integers(int v, unsigned u)
{
	SAME("%d|%5d|%-5d|%05d|%i", v, v, v, v, v);
	SAME("%u|%8u|%-8u|%08u|%1u", u, u, u, u, u);
	SAME("%x|%X|%04x|%-6x|%#x|%#06x|%#X", u, u, u, u, u, u, u);
	SAME("%.2x|%.0x|%5.3x|%-5.3x|%.3d|%8.4d", u, u, u, u, v, v);
	SAME("%*d|%-*d|%*u", 6, v, 6, v, -6, u);
	SAME("%hhu|%hu|%hhd|%hd|%hhx", (unsigned char)u, (unsigned short)u, (signed char)v, (short)v,
	     (unsigned char)u);
}

int main(void)
{
	static const int iv[] = { 0, 1, -1, 9, 10, 99, -100, 12345, -2147483647 - 1, 2147483647 };
	static const unsigned uv[] = { 0, 1, 15, 16, 255, 256, 4095, 65535, 4294967295u };

	for (size_t i = 0; i < sizeof(iv) / sizeof(iv[0]); i++)
		integers(iv[i], uv[i % (sizeof(uv) / sizeof(uv[0]))]);
	SAME("%lu|%llu|%lx|%llx|%zu|%ld|%lld", 18446744073709551615ul, 1ull << 63, 1ul << 40,
	     0xfedcba9876543210ull, (size_t)12345, -9223372036854775807l - 1, -1ll);
	SAME("[%s]|[%10s]|[%-10s]|[%.3s]|[%8.2s]|[%.*s]|[%*s]", "abc", "abc", "abc", "abcdef",
	     "abcdef", 2, "xyz", -5, "q");
	SAME("%c|%3c|%-3c|100%%|%s", 'a', 'b', 'c', "");
	SAME("no conversions at all%s", "");
	SAME("%#o|%.2f|%+d|% d|%e", 8u, 1.5, 3, 4, 2.0);
	return done_testing();
}

/* test_escape.c: escape_text leaves text and UTF-8 alone and turns every control and bad byte into an escape */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "escape.h"
#include "tap.h"

static int esc_is(const char *in, const char *want)
{
	char out[256];

	escape_text(out, sizeof(out), in);
	if (strcmp(out, want)) {
		printf("# '%s' gave '%s', want '%s'\n", in, out, want);
		return 0;
	}
	return 1;
}

int main(void)
{
	char small[8];
	char all[2 * 256], out[4 * sizeof(all)];

	ok(esc_is("host X, 03:12", "host X, 03:12"), "plain text unchanged");
	ok(esc_is("Grüße, 日本, \xf0\x9f\x98\x80", "Grüße, 日本, \xf0\x9f\x98\x80"), "UTF-8 unchanged");
	ok(esc_is("a\nb\rc\td\\e", "a\\nb\\rc\\td\\\\e"), "newline, CR, tab, backslash");
	ok(esc_is("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"), "ANSI colour");
	ok(esc_is("\x01\x7f", "\\x01\\x7f"), "other C0 and DEL");
	ok(esc_is("\xc2\x9b" "2J", "\\xc2\\x9b2J"), "C1 CSI (U+009B)");
	ok(esc_is("a\xe2\x80\xae" "b", "a\\xe2\\x80\\xaeb"), "bidi override U+202E");
	ok(esc_is("a\xe2\x80\xa8" "b", "a\\xe2\\x80\\xa8b"), "line separator U+2028");
	ok(esc_is("\xff\xfe", "\\xff\\xfe"), "invalid bytes");
	ok(esc_is("\xc0\xaf", "\\xc0\\xaf"), "overlong /");
	ok(esc_is("\xed\xa0\x80", "\\xed\\xa0\\x80"), "surrogate");
	ok(esc_is("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"), "beyond U+10FFFF");
	ok(esc_is("\xe6\x97", "\\xe6\\x97"), "cut sequence");
	escape_text(small, 6, "abc\x1b" "def");
	ok(!strcmp(small, "abc"), "an escape that does not fit is left out whole ('%s')", small);
	escape_text(small, sizeof(small), "abcdefghij");
	ok(!strcmp(small, "abcdefg"), "truncated and terminated");

	/* Every byte value after every other: no control byte survives, and 4n + 1 always fits. */
	for (int i = 0; i < 255; i++) {
		all[2 * i] = (char)(i + 1);
		all[2 * i + 1] = (char)(255 - i);
	}
	all[sizeof(all) - 2] = 'x';
	all[sizeof(all) - 1] = '\0';
	escape_text(out, sizeof(out), all);
	int clean = out[strlen(out) - 1] == 'x';

	for (size_t i = 0; out[i]; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			clean = 0;
	ok(clean, "all byte values: whole, and no control byte left");
	return done_testing();
}

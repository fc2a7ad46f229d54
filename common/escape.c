/* escape.c: untrusted text made safe for a terminal and a log line, one line, no control characters */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"

/* The length of the valid UTF-8 sequence at s (2 to 4 bytes), or 0. */
static size_t utf8_len(const unsigned char *s)
{
	unsigned c = s[0];

	if (c >= 0xc2 && c <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		/* Overlong forms, and UTF-16 surrogates. */
		if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0))
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		/* Overlong forms, and beyond U+10FFFF. */
		if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/*
 * Valid, but they still move the cursor or the reading order: C1 controls
 * (U+0080 to U+009F), U+2028/2029 and the bidirectional embeddings,
 * overrides and isolates (U+202A to U+202E, U+2066 to U+2069).
 */
static int is_format_control(const unsigned char *s, size_t n)
{
	if (n == 2)
		return s[0] == 0xc2 && s[1] < 0xa0;
	if (n == 3 && s[0] == 0xe2 && s[1] == 0x80)
		return s[2] >= 0xa8 && s[2] <= 0xae;
	if (n == 3 && s[0] == 0xe2 && s[1] == 0x81)
		return s[2] >= 0xa6 && s[2] <= 0xa9;
	return 0;
}

/* The escape for the single byte c, or NULL if it prints as itself. */
static const char *byte_escape(unsigned char c, char buf[5])
{
	switch (c) {
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	case '\\':
		return "\\\\";
	}
	if (c < 0x20 || c >= 0x7f) {
		snprintf(buf, 5, "\\x%02x", c);
		return buf;
	}
	return NULL;
}

char *escape_text(char *dst, size_t len, const char *src)
{
	const unsigned char *s = (const unsigned char *)src;
	const char *e;
	size_t o = 0, n, el;
	char buf[5];

	if (!len)
		return dst;
	while (*s) {
		n = *s >= 0x80 ? utf8_len(s) : 0;
		if (n && !is_format_control(s, n)) {
			if (o + n >= len)
				break;
			memcpy(dst + o, s, n);
			o += n;
			s += n;
			continue;
		}
		/* One byte at a time: an escaped sequence's bytes each get their \xNN. */
		e = byte_escape(*s, buf);
		el = e ? strlen(e) : 1;

		if (o + el >= len)
			break;
		if (e)
			memcpy(dst + o, e, el);
		else
			dst[o] = (char)*s;
		o += el;
		s++;
	}
	dst[o] = '\0';
	return dst;
}

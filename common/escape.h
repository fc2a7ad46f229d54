/* escape.h: untrusted text made safe for a terminal and a log line, one line, no control characters */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_ESCAPE_H
#define PKTCAP_ESCAPE_H

#include <stddef.h>

/*
 * Copies src into dst (len bytes, always terminated) so that it prints as
 * one line that cannot steer a terminal or forge a log line: newline, CR and
 * tab become \n, \r and \t, a backslash \\, and every other C0 or C1
 * control, DEL, the Unicode line separators and bidirectional overrides and
 * each byte of invalid UTF-8 \xNN. Other text, UTF-8 included, is unchanged.
 * An escape that does not fit is left out whole. A dst of 4 * strlen(src) + 1
 * bytes always holds all of it. Returns dst.
 */
char *escape_text(char *dst, size_t len, const char *src);

#endif

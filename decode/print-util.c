/* print-util.c: the text helpers several printers share: escaped strings, durations, raw data */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "nd.h"

/* tcpdump's fn_print_char: M- for the high bit, ^ for control characters. */
void nd_print_char(struct nd *nd, uint8_t c)
{
	if (c & 0x80) {
		c &= 0x7f;
		nd_puts(nd, "M-");
	}
	if (c < 0x20 || c == 0x7f) {
		c ^= 0x40;
		nd_putc(nd, '^');
	}
	nd_putc(nd, (char)c);
}

void nd_printjnp(struct nd *nd, const uint8_t *s, unsigned n)
{
	for (; n > 0; n--, s++) {
		unsigned c = GET_U_1(s);

		if (c == 0)
			break;
		nd_print_char(nd, (uint8_t)c);
	}
}

void nd_printn(struct nd *nd, const uint8_t *s, unsigned n)
{
	for (; n > 0; n--, s++)
		nd_print_char(nd, GET_U_1(s));
}

void nd_relts_print(struct nd *nd, uint32_t secs)
{
	static const char units[] = "ywdhms";
	static const uint32_t span[] = { 31536000, 604800, 86400, 3600, 60, 1 };

	if (!secs) {
		nd_puts(nd, "0s");
		return;
	}
	for (int k = 0; secs; k++) {
		if (secs >= span[k]) {
			nd_printf(nd, "%u%c", secs / span[k], units[k]);
			secs %= span[k];
		}
	}
}

int nd_print_unknown_data(struct nd *nd, const uint8_t *p, const char *indent, unsigned len)
{
	if (p < nd->packet || p > nd->snapend) {
		nd_printf(nd, "%sDissector error: print_unknown_data called with pointer past end of packet",
			  indent);
		return 0;
	}
	nd_hex_print(nd, indent, p, len);
	return 1;
}

int nd_printn_upto(struct nd *nd, const uint8_t *s, unsigned n)
{
	for (; n > 0 && s < nd->snapend; n--, s++)
		nd_print_char(nd, GET_U_1(s));
	return n != 0;
}

unsigned nd_printztn(struct nd *nd, const uint8_t *s, unsigned n)
{
	unsigned bytes = 0;
	uint8_t c;

	for (;;) {
		/* Running out of the field or the capture before the NUL counts as truncated. */
		if (n == 0 || s >= nd->snapend)
			return 0;
		c = GET_U_1(s);
		s++;
		bytes++;
		n--;
		if (c == '\0')
			return bytes;
		nd_print_char(nd, c);
	}
}

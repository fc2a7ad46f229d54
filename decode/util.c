/* util.c: helpers shared by the application printers: packet text shown as tcpdump shows it */
#include "config.h"

#include "print-app.h"

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

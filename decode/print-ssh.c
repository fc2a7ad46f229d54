/* print-ssh.c: SSH on TCP port 22: the version banner, as tcpdump prints it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

/* The banner's length up to its line end, or 0 if the segment holds no whole banner line. */
static unsigned banner_len(struct nd *nd, const uint8_t *bp, unsigned length)
{
	static const char magic[] = "SSH-";

	for (unsigned i = 0; i < 4; i++)
		if (GET_U_1(bp + i) != (uint8_t)magic[i])
			return 0;
	for (unsigned i = 4; i < length; i++) {
		uint8_t c = GET_U_1(bp + i);

		if (c == '\n')
			return i;
		/* A CR must end the line, or the rest is binary data. */
		if (c == '\r')
			return i + 1 < length && GET_U_1(bp + i + 1) == '\n' ? i : 0;
		if (c < 0x20 || c > 0x7e)
			return 0;
	}
	return 0;
}

void nd_ssh_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned n;

	nd->protocol = "ssh";
	n = banner_len(nd, bp, length);
	if (n == 0)
		return;
	nd_puts(nd, ": SSH: ");
	nd_write(nd, (const char *)bp, n);
}

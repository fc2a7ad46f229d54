/* print-tftp.c: TFTP (RFC 1350, 2347 options) as tcpdump prints it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define TFTP_RRQ 1
#define TFTP_WRQ 2
#define TFTP_DATA 3
#define TFTP_ACK 4
#define TFTP_ERROR 5
#define TFTP_OACK 6

static const struct nd_tok op2str[] = {
	{ TFTP_RRQ, "RRQ" }, { TFTP_WRQ, "WRQ" }, { TFTP_DATA, "DATA" }, { TFTP_ACK, "ACK" },
	{ TFTP_ERROR, "ERROR" }, { TFTP_OACK, "OACK" }, { 0, NULL },
};

static const struct nd_tok err2str[] = {
	{ 0, "EUNDEF" }, { 1, "ENOTFOUND" }, { 2, "EACCESS" }, { 3, "ENOSPACE" },
	{ 4, "EBADOP" }, { 5, "EBADID" }, { 6, "EEXISTS" }, { 7, "ENOUSER" }, { 0, NULL },
};

/*
 * The NUL-terminated strings up to the end of the message (options and
 * their values), each after a space unless it is empty; 0 on truncation.
 */
static int print_strings(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned used;

	while (length != 0) {
		if (GET_U_1(bp) != '\0')
			nd_putc(nd, ' ');
		used = nd_printztn(nd, bp, length);
		if (used == 0)
			return 0;
		bp += used;
		length -= used;
	}
	return 1;
}

void nd_tftp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned opcode, used;
	const char *op;
	char buf[32];

	nd->protocol = "tftp";
	nd_printf(nd, "TFTP, length %u", length);
	if (length < 2)
		goto trunc;
	opcode = GET_BE_U_2(bp);
	op = nd_tok2str(op2str, "tftp-#%u", opcode, buf, sizeof(buf));
	nd_printf(nd, ", %s", op);
	if (op == buf)
		return;
	bp += 2;
	length -= 2;
	switch (opcode) {
	case TFTP_RRQ:
	case TFTP_WRQ:
		if (length == 0)
			goto trunc;
		nd_puts(nd, " \"");
		used = nd_printztn(nd, bp, length);
		nd_putc(nd, '"');
		if (used == 0)
			goto trunc;
		bp += used;
		length -= used;
		/* the mode, then any options */
		if (length == 0)
			goto trunc;
		nd_putc(nd, ' ');
		used = nd_printztn(nd, bp, length);
		if (used == 0)
			goto trunc;
		if (!print_strings(nd, bp + used, length - used))
			goto trunc;
		break;
	case TFTP_OACK:
		if (!print_strings(nd, bp, length))
			goto trunc;
		break;
	case TFTP_ACK:
	case TFTP_DATA:
		if (length < 2)
			goto trunc;
		nd_printf(nd, " block %u", GET_BE_U_2(bp));
		break;
	case TFTP_ERROR:
		if (length < 2)
			goto trunc;
		/* tcpdump's fallback opens a quote that the message then closes */
		nd_printf(nd, " %s", nd_tok2str(err2str, "tftp-err-#%u \"", GET_BE_U_2(bp), buf,
						 sizeof(buf)));
		bp += 2;
		length -= 2;
		if (length == 0)
			goto trunc;
		nd_puts(nd, " \"");
		used = nd_printztn(nd, bp, length);
		nd_putc(nd, '"');
		if (used == 0)
			goto trunc;
		break;
	}
	return;
trunc:
	nd_print_trunc(nd);
}

/* print-resp.c: RESP, the Redis protocol on TCP port 6379: every item of every pipelined message */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <limits.h>

#include "print-app.h"

/* What a length field held, when it is not a length: tcpdump's codes. */
#define LEN_NULL (-1)
#define LEN_TRUNC (-2)
#define LEN_TOO_LARGE (-3)
#define LEN_NEGATIVE (-4)
#define LEN_INVALID (-5)

static int resp_parse(struct nd *nd, const uint8_t *bp, int length);

/* A quoted item; 0, or -1 if the capture ended inside it. */
static int print_segment(struct nd *nd, const uint8_t *bp, unsigned len)
{
	nd_puts(nd, " \"");
	if (nd_printn_upto(nd, bp, len))
		return -1;
	nd_putc(nd, '"');
	return 0;
}

/* The offset of the next CR LF at or after bp, or -1 if the message ends first. */
static int find_crlf(struct nd *nd, const uint8_t *bp, int len)
{
	for (int i = 0;; i++) {
		if (len - i < 2)
			return -1;
		if (!ND_TTEST_LEN(nd, bp + i, 2))
			return -1;
		if (GET_U_1(bp + i) == '\r' && GET_U_1(bp + i + 1) == '\n')
			return i;
	}
}

/* +simple, -error, :integer, up to CR LF */
static int print_line(struct nd *nd, const uint8_t *bp, int length)
{
	int len = find_crlf(nd, bp + 1, length - 1);

	if (len < 0 || print_segment(nd, bp + 1, (unsigned)len) < 0)
		return -1;
	return 1 + len + 2;
}

/* A decimal length and its CR LF, as tcpdump's resp_get_length reads it. */
static int get_length(struct nd *nd, const uint8_t *bp, int len, const uint8_t **endp)
{
	int result = 0, saw_digit = 0, neg = 0, too_large = 0;
	uint8_t c;

	*endp = bp;
	if (len == 0)
		return LEN_TRUNC;
	if (GET_U_1(bp) == '-') {
		neg = 1;
		bp++;
		len--;
	}
	for (;;) {
		if (len == 0) {
			*endp = bp;
			return LEN_TRUNC;
		}
		c = GET_U_1(bp);
		if (c < '0' || c > '9') {
			if (!saw_digit) {
				*endp = bp + 1;
				return LEN_INVALID;
			}
			break;
		}
		c -= '0';
		if (result > INT_MAX / 10)
			too_large = 1;
		else if (result * 10 == (INT_MAX / 10) * 10 && c > INT_MAX % 10)
			too_large = 1;
		else
			result = result * 10 + c;
		bp++;
		len--;
		saw_digit = 1;
	}
	if (GET_U_1(bp) != '\r') {
		*endp = bp + 1;
		return LEN_INVALID;
	}
	bp++;
	len--;
	if (len == 0) {
		*endp = bp;
		return LEN_TRUNC;
	}
	*endp = bp + 1;
	if (GET_U_1(bp) != '\n')
		return LEN_INVALID;
	if (neg)
		return too_large || result != 1 ? LEN_NEGATIVE : LEN_NULL;
	return too_large ? LEN_TOO_LARGE : result;
}

/* What a negative length prints; -1 if it means the message is cut off. */
static int print_bad_length(struct nd *nd, int n)
{
	switch (n) {
	case 0:
		nd_puts(nd, " empty");
		break;
	case LEN_NULL:
		nd_puts(nd, " null");
		break;
	case LEN_TRUNC:
		return -1;
	case LEN_TOO_LARGE:
		nd_puts(nd, " length too large");
		break;
	case LEN_NEGATIVE:
		nd_puts(nd, " length negative and not -1");
		break;
	default:
		nd_puts(nd, " invalid");
		break;
	}
	return 0;
}

/* $<length>\r\n<bytes>\r\n */
static int print_bulk_string(struct nd *nd, const uint8_t *bp, int length)
{
	const uint8_t *p = bp + 1, *end;
	int cur = length - 1, n, crlf;

	n = get_length(nd, p, cur, &end);
	cur -= (int)(end - p);
	p = end;
	if (n < 0)
		return print_bad_length(nd, n) < 0 ? -1 : length - cur;
	if (n == 0) {
		nd_puts(nd, " empty");
	} else {
		if (cur < n || !ND_TTEST_LEN(nd, p, (unsigned)n))
			return -1;
		if (print_segment(nd, p, (unsigned)n) < 0)
			return -1;
		p += n;
		cur -= n;
	}
	/* tcpdump skips to the next CR LF wherever it is. */
	crlf = find_crlf(nd, p, cur);
	if (crlf < 0)
		return -1;
	cur -= crlf + 2;
	return length - cur;
}

/* *<count>\r\n and count items */
static int print_array(struct nd *nd, const uint8_t *bp, int length)
{
	const uint8_t *p = bp + 1, *end;
	unsigned cur = (unsigned)length - 1;
	int n, rl;

	n = get_length(nd, p, (int)cur, &end);
	cur -= (unsigned)(end - p);
	p = end;
	if (n <= 0)
		return print_bad_length(nd, n) < 0 ? -1 : length - (int)cur;
	for (int i = 0; i < n; i++) {
		rl = resp_parse(nd, p, (int)cur);
		if (rl < 0)
			return -1;
		p += rl;
		cur -= (unsigned)rl;
	}
	return length - (int)cur;
}

/* Skips CR and LF bytes; -1 if the message or capture ends before any was seen. */
static int skip_cr_lf(struct nd *nd, const uint8_t **p, int *len)
{
	int found = 0;

	for (;;) {
		if (*len == 0 || !ND_TTEST_LEN(nd, *p, 1))
			return found ? 0 : -1;
		if (GET_U_1(*p) != '\r' && GET_U_1(*p) != '\n')
			return 0;
		found = 1;
		(*p)++;
		(*len)--;
	}
}

/* A command line as typed into telnet: text up to CR or LF. */
static int print_inline(struct nd *nd, const uint8_t *bp, int length)
{
	int cur = length;
	const uint8_t *p;

	if (skip_cr_lf(nd, &bp, &cur) < 0)
		return -1;
	p = bp;
	for (;;) {
		if (cur < 1)
			return -1;
		if (GET_U_1(p) == '\r' || GET_U_1(p) == '\n')
			break;
		p++;
		cur--;
	}
	if (print_segment(nd, bp, (unsigned)(p - bp)) < 0)
		return -1;
	if (skip_cr_lf(nd, &p, &cur) < 0)
		return -1;
	return length - cur;
}

static int resp_parse(struct nd *nd, const uint8_t *bp, int length)
{
	if (length < 1)
		return -1;
	switch (GET_U_1(bp)) {
	case '+':
	case ':':
	case '-':
		return print_line(nd, bp, length);
	case '$':
		return print_bulk_string(nd, bp, length);
	case '*':
		return print_array(nd, bp, length);
	default:
		return print_inline(nd, bp, length);
	}
}

void nd_resp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	int rl;

	nd->protocol = "resp";
	nd_puts(nd, ": RESP");
	/* Pipelined commands: parse until the segment is used up or cut off. */
	while (length > 0) {
		rl = resp_parse(nd, bp, (int)length);
		if (rl < 0) {
			nd_print_trunc(nd);
			return;
		}
		bp += rl;
		length -= (unsigned)rl;
	}
}

/* print-http.c: HTTP request and response lines (every text line with -v), as tcpdump 4.99 does */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <strings.h>

#include "nd.h"

#define TOKEN_MAX 128

/* Request methods tcpdump knows, WebDAV's included; matched without regard to case. */
static const char *const methods[] = {
	"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
	"MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE",
	"NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT",
	"CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT",
	"MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL",
	"BASELINE-CONTROL", NULL,
};

static int is_print(uint8_t c)
{
	return c >= 0x20 && c <= 0x7e;
}

static int is_space(uint8_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Copies the token at idx into tok and returns the index of the next
 * token on the line, or 0 if there is no printable token there.
 */
static unsigned token_get(struct nd *nd, const uint8_t *p, unsigned idx, unsigned len, char *tok)
{
	unsigned n = 0;
	uint8_t c;

	for (; idx < len; idx++) {
		if (!ND_TTEST_LEN(nd, p + idx, 1))
			return 0;
		c = GET_U_1(p + idx);
		if (c & 0x80)
			return 0;
		if (is_space(c))
			break;
		if (!is_print(c) || n + 2 > TOKEN_MAX + 1)
			return 0;
		tok[n++] = (char)c;
	}
	if (!n)
		return 0;
	tok[n] = '\0';
	/* Blanks after the token, up to the line's end or the next token. */
	for (; idx < len && ND_TTEST_LEN(nd, p + idx, 1); idx++) {
		c = GET_U_1(p + idx);
		if (c == '\r' || c == '\n' || !is_print(c) || !is_space(c))
			break;
	}
	return idx;
}

static void text_out(struct nd *nd, const char *prefix, const uint8_t *p, unsigned n)
{
	nd_puts(nd, prefix);
	nd_write(nd, (const char *)p, n);
}

/*
 * Prints the line at idx after prefix and returns where the next one
 * starts; 0 if the line is not plain text, or has no end here (a final
 * unterminated text line is still printed, marked as cut short).
 */
static unsigned line_print(struct nd *nd, const char *prefix, const uint8_t *p, unsigned idx,
			   unsigned len)
{
	unsigned start = idx;
	uint8_t c;

	for (; idx < len; idx++) {
		c = GET_U_1(p + idx);
		if (c == '\n') {
			text_out(nd, prefix, p + start, idx - start);
			return idx + 1;
		}
		if (c == '\r') {
			if (idx + 1 >= len)
				return 0;
			if (GET_U_1(p + idx + 1) != '\n')
				return 0;
			text_out(nd, prefix, p + start, idx - start);
			return idx + 2;
		}
		if (!is_print(c) && c != '\t')
			return 0;
	}
	text_out(nd, prefix, p + start, idx - start);
	nd_print_trunc(nd);
	return 0;
}

static int looks_like_http(struct nd *nd, const uint8_t *p, unsigned len)
{
	char tok[TOKEN_MAX + 1];
	unsigned idx;
	int yes = 0;

	idx = token_get(nd, p, 0, len, tok);
	if (!idx)
		return 0;
	for (const char *const *m = methods; *m; m++) {
		if (!strcasecmp(tok, *m)) {
			yes = 1;
			break;
		}
	}
	/* A response has a three-digit status as its second token. */
	idx = token_get(nd, p, idx, len, tok);
	if (idx && tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' && tok[1] <= '9' &&
	    tok[2] >= '0' && tok[2] <= '9' && tok[3] == '\0')
		yes = 1;
	return yes;
}

void nd_http_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned idx, next;

	nd->protocol = "http";
	nd_puts(nd, "HTTP");
	if (!looks_like_http(nd, bp, length))
		return;
	if (!nd->o.vflag) {
		line_print(nd, ": ", bp, 0, length);
		return;
	}
	nd_printf(nd, ", length: %u", length);
	for (idx = 0; idx < length; idx = next) {
		next = line_print(nd, "\n\t", bp, idx, length);
		if (!next)
			break;
	}
}

/* print-pppoe.c: PPPoE (RFC 2516) discovery packets with their tags, and session packets carrying PPP */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ppp.h"

#define PPPOE_HDRLEN 6
#define PPPOE_PADI 0x09
#define MAXTAGPRINT 80

static const struct nd_tok pppoe_codes[] = {
	{ 0x09, "PADI" }, { 0x07, "PADO" }, { 0x19, "PADR" }, { 0x65, "PADS" }, { 0xa7, "PADT" },
	{ 0, "" }, { 0, NULL },
};

static const struct nd_tok pppoe_tags[] = {
	{ 0x0000, "EOL" }, { 0x0101, "Service-Name" }, { 0x0102, "AC-Name" },
	{ 0x0103, "Host-Uniq" }, { 0x0104, "AC-Cookie" }, { 0x0105, "Vendor-Specific" },
	{ 0x0110, "Relay-Session-ID" }, { 0x0120, "PPP-Max-Payload" },
	{ 0x0201, "Service-Name-Error" }, { 0x0202, "AC-System-Error" },
	{ 0x0203, "Generic-Error" }, { 0, NULL },
};

/* A tag's value: as text when most of its first 79 bytes are printable, else in hex. */
static void tag_value_print(struct nd *nd, const char *name, const uint8_t *p, unsigned len)
{
	char str[MAXTAGPRINT];
	unsigned n = 0, ascii = 0, garbage = 0;

	ND_TCHECK_LEN(nd, p, len);
	for (; n < len && n < MAXTAGPRINT - 1; n++) {
		uint8_t c = p[n];

		if (c >= 0x20 && c <= 0x7e) {
			str[n] = (char)c;
			ascii++;
		} else {
			str[n] = '.';
			garbage++;
		}
	}
	str[n] = '\0';
	nd_puts(nd, " [");
	nd_puts(nd, name);
	if (ascii > garbage) {
		nd_puts(nd, " \"");
		nd_write(nd, str, n);
		nd_puts(nd, "\"]");
		return;
	}
	nd_puts(nd, " 0x");
	nd_ppp_hex(nd, p, len, 1);
	nd_putc(nd, ']');
}

static void tags_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	const uint8_t *end = p + length;
	unsigned type = 0xffff, len;
	const char *name;
	char buf[32];

	while (type && p < end) {
		type = GET_BE_U_2(p);
		len = GET_BE_U_2(p + 2);
		p += 4;
		name = nd_tok2str(pppoe_tags, "TAG-0x%x", type, buf, sizeof(buf));
		if (len) {
			tag_value_print(nd, name, p, len);
		} else {
			nd_puts(nd, " [");
			nd_puts(nd, name);
			nd_putc(nd, ']');
		}
		p += len;
	}
}

unsigned nd_pppoe_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned ver, type, code, ses, plen;
	char buf[16];

	nd->protocol = "pppoe";
	if (length < PPPOE_HDRLEN) {
		nd_printf(nd, " (length %u < %u)", length, PPPOE_HDRLEN);
		nd_print_invalid(nd);
		return 0;
	}
	length -= PPPOE_HDRLEN;
	ND_TCHECK_LEN(nd, bp, PPPOE_HDRLEN);
	ver = GET_U_1(bp) >> 4;
	type = GET_U_1(bp) & 0x0f;
	code = GET_U_1(bp + 1);
	ses = GET_BE_U_2(bp + 2);
	plen = GET_BE_U_2(bp + 4);
	if (ver != 1)
		nd_printf(nd, " [ver %u]", ver);
	if (type != 1)
		nd_printf(nd, " [type %u]", type);
	nd_puts(nd, "PPPoE ");
	nd_puts(nd, nd_tok2str(pppoe_codes, "PAD-%x", code, buf, sizeof(buf)));
	if (code == PPPOE_PADI && plen > 1484 - PPPOE_HDRLEN)
		nd_printf(nd, " [len %u!]", plen);
	if (plen > length) {
		nd_printf(nd, " [len %u > %u!]", plen, length);
		plen = length;
	}
	if (ses) {
		nd_puts(nd, " [ses 0x");
		nd_putx(nd, ses, 0);
		nd_putc(nd, ']');
	}
	if (code) {
		tags_print(nd, bp + PPPOE_HDRLEN, plen);
		return PPPOE_HDRLEN;
	}
	nd_putc(nd, ' ');
	return PPPOE_HDRLEN + nd_ppp_print(nd, bp + PPPOE_HDRLEN, plen);
}

/* DLT_PPP_ETHER: a PPPoE header with no Ethernet header before it. */
unsigned nd_pppoe_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	(void)caplen;
	nd->protocol = "pppoe";
	return nd_pppoe_print(nd, p, length);
}

/* print-dns-edns.c: the options of a DNS OPT record (EDNS0), printed as tcpdump 4.99 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "nd.h"
#include "print-dns.h"

enum {
	EO_NSID = 3, EO_DAU = 5, EO_DHU = 6, EO_N3U = 7, EO_ECS = 8, EO_EXPIRE = 9,
	EO_COOKIE = 10, EO_KEEPALIVE = 11, EO_PADDING = 12, EO_CHAIN = 13, EO_KEYTAG = 14,
};

static const struct nd_tok edns_opt_names[] = {
	{ 1, "LLQ" }, { 2, "UL" }, { 3, "NSID" }, { 5, "DAU" }, { 6, "DHU" }, { 7, "N3U" },
	{ 8, "ECS" }, { 9, "EXPIRE" }, { 10, "COOKIE" }, { 11, "KEEPALIVE" },
	{ 12, "PADDING" }, { 13, "CHAIN" }, { 14, "KEY-TAG" }, { 16, "CLIENT-TAG" },
	{ 17, "SERVER-TAG" }, { 0, NULL },
};

static const struct nd_tok dau_names[] = {
	{ 0, "DELETE" }, { 1, "RSAMD5" }, { 2, "DH" }, { 3, "DS" }, { 5, "RSASHA1" },
	{ 6, "DSA-NSEC3-SHA1" }, { 7, "RSASHA1-NSEC3-SHA1" }, { 8, "RSASHA256" },
	{ 10, "RSASHA512" }, { 12, "ECC-GOST" }, { 13, "ECDSAP256SHA256" },
	{ 14, "ECDSAP384SHA384" }, { 15, "ED25519" }, { 16, "ED448" }, { 252, "INDIRECT" },
	{ 253, "PRIVATEDNS" }, { 254, "PRIVATEOID" }, { 0, NULL },
};

static const struct nd_tok dhu_names[] = {
	{ 1, "SHA-1" }, { 2, "SHA-256" }, { 3, "GOST_R_34.11-94" }, { 4, "SHA-384" },
	{ 0, NULL },
};

static const struct nd_tok n3u_names[] = {
	{ 1, "SHA-1" }, { 0, NULL },
};

/* EDNS client subnet: "addr/source/scope". */
static void ecs_print(struct nd *nd, const uint8_t *cp, unsigned len)
{
	uint8_t addr[16] = { 0 };
	char buf[INET6_ADDRSTRLEN];
	unsigned family, src, scope, bits;

	if (len < 4) {
		nd_print_invalid(nd);
		return;
	}
	family = GET_BE_U_2(cp);
	src = GET_U_1(cp + 2);
	scope = GET_U_1(cp + 3);
	if (family == 1) {
		bits = 32;
	} else if (family == 2) {
		bits = 128;
	} else {
		nd_print_invalid(nd);
		return;
	}
	if (len - 4 > bits / 8 || src > bits || scope > bits || (src + 7) / 8 != len - 4) {
		nd_print_invalid(nd);
		return;
	}
	for (unsigned k = 0; k < len - 4; k++)
		addr[k] = GET_U_1(cp + 4 + k);
	inet_ntop(family == 1 ? AF_INET : AF_INET6, addr, buf, sizeof(buf));
	nd_printf(nd, "%s/%d/%d", buf, (int)src, (int)scope);
}

static void alg_list_print(struct nd *nd, const struct nd_tok *names, const uint8_t *cp,
			   unsigned len)
{
	char buf[16];

	for (unsigned k = 0; k < len; k++) {
		if (k)
			nd_putc(nd, ' ');
		nd_puts(nd, nd_tok2str(names, "Alg_%u", GET_U_1(cp + k), buf, sizeof(buf)));
	}
}

/* One EDNS option; returns the next one or NULL when it runs off the capture. */
const uint8_t *nd_dns_edns_opt_print(struct nd *nd, const uint8_t *cp)
{
	char buf[16];
	unsigned code, len, k;

	if (!ND_TTEST_LEN(nd, cp, 2))
		return NULL;
	code = GET_BE_U_2(cp);
	cp += 2;
	nd_puts(nd, nd_tok2str(edns_opt_names, "Opt%u", code, buf, sizeof(buf)));
	if (!ND_TTEST_LEN(nd, cp, 2))
		return NULL;
	len = GET_BE_U_2(cp);
	cp += 2;
	if (!ND_TTEST_LEN(nd, cp, len))
		return NULL;
	if (!len)
		return cp;
	nd_putc(nd, ' ');
	switch (code) {
	case EO_ECS:
		ecs_print(nd, cp, len);
		break;
	case EO_COOKIE:
		if (len < 8 || (len > 8 && len < 16) || len > 40) {
			nd_print_invalid(nd);
			break;
		}
		for (k = 0; k < len; k++) {
			if (k == 8)
				nd_putc(nd, ' ');
			nd_printf(nd, "%02x", GET_U_1(cp + k));
		}
		break;
	case EO_KEEPALIVE:
		if (len != 2)
			nd_print_invalid(nd);
		else
			nd_printf(nd, "%0.1f sec", GET_BE_U_2(cp) / 10.0);
		break;
	case EO_EXPIRE:
		if (len != 4)
			nd_print_invalid(nd);
		else
			nd_printf(nd, "%u sec", GET_BE_U_4(cp));
		break;
	case EO_PADDING:
		nd_printf(nd, "(%u)", len);
		break;
	case EO_KEYTAG:
		if (len % 2) {
			nd_print_invalid(nd);
			break;
		}
		for (k = 0; k < len; k += 2)
			nd_printf(nd, k ? " %u" : "%u", GET_BE_U_2(cp + k));
		break;
	case EO_DAU:
		alg_list_print(nd, dau_names, cp, len);
		break;
	case EO_DHU:
		alg_list_print(nd, dhu_names, cp, len);
		break;
	case EO_N3U:
		alg_list_print(nd, n3u_names, cp, len);
		break;
	case EO_CHAIN:
		/* tcpdump counts this name's pointers from the option's end. */
		nd_dns_name_print(nd, cp, cp + len);
		break;
	default:
		for (k = 0; k < len; k++)
			nd_printf(nd, "%02x", GET_U_1(cp + k));
		break;
	}
	return cp + len;
}


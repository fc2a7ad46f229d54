/* print-cnfp.c: Cisco NetFlow v1, v5 and v6 export datagrams, which tcpdump prints with -T cnfp */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

/*
 * Record sizes as tcpdump's structures have them: v5 and v6 records carry
 * a peer next hop after the 48 bytes of the format, so tcpdump steps 52.
 */
#define CNFP_V1_HDRLEN 16
#define CNFP_V56_HDRLEN 24
#define CNFP_V1_RECLEN 48
#define CNFP_V56_RECLEN 52

/* An address with, from v5 on, its mask and AS: "10.0.0.1/24:65001:80 ". */
static void endpoint(struct nd *nd, const uint8_t *r, unsigned ver, unsigned addr, unsigned port,
		     unsigned mask, unsigned as)
{
	char buf[20] = "", asbuf[20] = "";

	if (ver != 1) {
		snprintf(buf, sizeof(buf), "/%u", GET_U_1(r + mask));
		snprintf(asbuf, sizeof(asbuf), ":%u", GET_BE_U_2(r + as));
	}
	nd_printf(nd, "%s%s%s:%u ", nd_ipaddr_string(nd, r + addr), buf, asbuf,
		  GET_BE_U_2(r + port));
}

static void record(struct nd *nd, const uint8_t *r, unsigned ver)
{
	unsigned proto, flags, fl_off = ver == 1 ? 40 : 37;
	char buf[24] = "";

	nd_printf(nd, "\n  started %u.%03u, last %u.%03u", GET_BE_U_4(r + 24) / 1000,
		  GET_BE_U_4(r + 24) % 1000, GET_BE_U_4(r + 28) / 1000, GET_BE_U_4(r + 28) % 1000);
	nd_puts(nd, "\n    ");
	endpoint(nd, r, ver, 0, 32, 44, 40);
	nd_puts(nd, "> ");
	endpoint(nd, r, ver, 4, 34, 45, 42);
	nd_printf(nd, ">> %s\n    ", nd_ipaddr_string(nd, r + 8));
	proto = GET_U_1(r + 38);
	nd_printf(nd, "%u ", proto);
	if (proto == 6) {
		flags = GET_U_1(r + fl_off);
		nd_printf(nd, "%s%s%s%s%s%s%s", flags & 0x01 ? "F" : "", flags & 0x02 ? "S" : "",
			  flags & 0x04 ? "R" : "", flags & 0x08 ? "P" : "", flags & 0x10 ? "A" : "",
			  flags & 0x20 ? "U" : "", flags ? " " : "");
	}
	if (ver == 6)
		snprintf(buf, sizeof(buf), "(%u<>%u encaps)", GET_U_1(r + 46), GET_U_1(r + 47));
	nd_printf(nd, "tos %u, %u (%u octets) %s", GET_U_1(r + 39), GET_BE_U_4(r + 16),
		  GET_BE_U_4(r + 20), buf);
}

static void print_flows(struct nd *nd, const uint8_t *cp, unsigned ver)
{
	unsigned hdrlen = ver == 1 ? CNFP_V1_HDRLEN : CNFP_V56_HDRLEN;
	unsigned reclen = ver == 1 ? CNFP_V1_RECLEN : CNFP_V56_RECLEN;
	uint32_t nrecs, up;
	const uint8_t *r;

	if (!ND_TTEST_LEN(nd, cp, hdrlen))
		goto trunc;
	/* tcpdump reads the 16-bit count as 32 bits: with the uptime's top half. */
	nrecs = GET_BE_U_4(cp + 2);
	up = GET_BE_U_4(cp + 4);
	nd_printf(nd, "NetFlow v%x, %u.%03u uptime, %u.%09u, ", ver, up / 1000, up % 1000,
		  GET_BE_U_4(cp + 8), GET_BE_U_4(cp + 12));
	if (ver != 1)
		nd_printf(nd, "#%u, ", GET_BE_U_4(cp + 16));
	nd_printf(nd, "%2u recs", nrecs);
	for (r = cp + hdrlen; nrecs != 0; r += reclen, nrecs--) {
		if (!ND_TTEST_LEN(nd, r, reclen))
			goto trunc;
		record(nd, r, ver);
	}
	return;
trunc:
	nd_print_trunc(nd);
}

void nd_cnfp_print(struct nd *nd, const uint8_t *cp)
{
	unsigned ver;

	nd->protocol = "cnfp";
	ver = GET_BE_U_2(cp);
	if (ver == 1 || ver == 5 || ver == 6)
		print_flows(nd, cp, ver);
	else
		nd_printf(nd, "NetFlow v%x", ver);
}

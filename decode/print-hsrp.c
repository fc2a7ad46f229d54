/* print-hsrp.c: Cisco's Hot Standby Router Protocol (RFC 2281) on UDP port 1985 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define HSRP_AUTH_SIZE 8

static const struct nd_tok hsrp_opcodes[] = {
	{ 0, "hello" }, { 1, "coup" }, { 2, "resign" }, { 0, NULL },
};

static const struct nd_tok hsrp_states[] = {
	{ 0, "initial" }, { 1, "learn" }, { 2, "listen" }, { 4, "speak" },
	{ 8, "standby" }, { 16, "active" }, { 0, NULL },
};

/* -v: the timers, priority and the authentication text. */
static void print_detail(struct nd *nd, const uint8_t *bp)
{
	nd_puts(nd, " hellotime=");
	nd_relts_print(nd, GET_U_1(bp + 3));
	nd_puts(nd, " holdtime=");
	nd_relts_print(nd, GET_U_1(bp + 4));
	nd_printf(nd, " priority=%u", GET_U_1(bp + 5));
	nd_puts(nd, " auth=\"");
	nd_printjnp(nd, bp + 8, HSRP_AUTH_SIZE);
	nd_putc(nd, '"');
}

void nd_hsrp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned version, rsvd;
	char buf[32];

	nd->protocol = "hsrp";
	version = GET_U_1(bp);
	nd_puts(nd, "HSRPv");
	nd_putu(nd, version);
	/* Version 2's TLVs tcpdump leaves undecoded too. */
	if (version != 0)
		return;
	nd_putc(nd, '-');
	nd_printf(nd, "%s ",
		  nd_tok2str(hsrp_opcodes, "unknown (%u)", GET_U_1(bp + 1), buf, sizeof(buf)));
	nd_printf(nd, "%u: ", length);
	/* Each field is read before its label is printed, as tcpdump's ND_PRINT does. */
	nd_printf(nd, "state=%s ",
		  nd_tok2str(hsrp_states, "Unknown (%u)", GET_U_1(bp + 2), buf, sizeof(buf)));
	nd_printf(nd, "group=%u ", GET_U_1(bp + 6));
	rsvd = GET_U_1(bp + 7);
	if (rsvd)
		nd_printf(nd, "[reserved=%u!] ", rsvd);
	nd_printf(nd, "addr=%s", nd_ipaddr_string(nd, bp + 16));
	if (nd->o.vflag)
		print_detail(nd, bp);
}

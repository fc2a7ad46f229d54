/* print-pim.c: PIM version 2 (IP protocol 103, RFC 7761, 5059, 5015) and version 1 (inside IGMP) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

enum pim_addrtype { PIM_UNICAST, PIM_GROUP, PIM_SOURCE };

static const struct nd_tok pimv1_types[] = {
	{ 0, "Query" }, { 1, "Register" }, { 2, "Register-Stop" }, { 3, "Join/Prune" },
	{ 4, "RP-reachable" }, { 5, "Assert" }, { 6, "Graft" }, { 7, "Graft-ACK" }, { 0, NULL },
};

static const struct nd_tok pimv2_types[] = {
	{ 0, "Hello" }, { 1, "Register" }, { 2, "Register Stop" }, { 3, "Join / Prune" },
	{ 4, "Bootstrap" }, { 5, "Assert" }, { 6, "Graft" }, { 7, "Graft Acknowledgement" },
	{ 8, "Candidate RP Advertisement" }, { 9, "Prune Refresh" }, { 10, "DF Election" },
	{ 11, "ECMP Redirect" }, { 0, NULL },
};

static const struct nd_tok hello_options[] = {
	{ 1, "Hold Time" }, { 2, "LAN Prune Delay" }, { 18, "DR Priority (Old)" },
	{ 19, "DR Priority" }, { 20, "Generation ID" }, { 21, "State Refresh Capability" },
	{ 22, "Bi-Directional Capability" }, { 24, "Address List" },
	{ 65001, "Address List (Old)" }, { 0, NULL },
};

static const struct nd_tok register_flags[] = {
	{ 0x80000000, "Border" }, { 0x40000000, "Null" }, { 0, NULL },
};

static const struct nd_tok df_subtypes[] = {
	{ 1, "Offer" }, { 2, "Winner" }, { 3, "Backoff" }, { 4, "Pass" }, { 0, NULL },
};

/* ---- version 1 ---- */

/* The one-line form tcpdump uses for a single group with a single source. */
static int jp1_short(struct nd *nd, const uint8_t *bp)
{
	unsigned njoin, hold;

	if (!ND_TTEST_LEN(nd, bp, 30) || GET_U_1(bp + 11) != 1)
		return 0;
	njoin = GET_BE_U_2(bp + 20);
	if (njoin + GET_BE_U_2(bp + 22) != 1)
		return 0;
	nd_printf(nd, " RPF %s ", nd_ipaddr_string(nd, bp));
	hold = GET_BE_U_2(bp + 6);
	if (hold != 180) {
		nd_puts(nd, "Hold ");
		nd_relts_print(nd, hold);
	}
	nd_printf(nd, "%s (%s/%u, %s", njoin ? "Join" : "Prune", nd_ipaddr_string(nd, bp + 26),
		  GET_U_1(bp + 25) & 0x3f, nd_ipaddr_string(nd, bp + 12));
	if (GET_BE_U_4(bp + 16) != 0xffffffff)
		nd_printf(nd, "/%s", nd_ipaddr_string(nd, bp + 16));
	nd_printf(nd, ") %s%s %s", (GET_U_1(bp + 24) & 0x01) ? "Sparse" : "Dense",
		  (GET_U_1(bp + 25) & 0x80) ? " WC" : "", (GET_U_1(bp + 25) & 0x40) ? "RP" : "SPT");
	return 1;
}

/* One group's joined and pruned sources; -1 when the message ends first. */
static int jp1_group(struct nd *nd, const uint8_t **pp, unsigned *lenp)
{
	const uint8_t *bp = *pp;
	unsigned len = *lenp, njoin, nprune;

	if (len < 4)
		return -1;
	nd_printf(nd, "\n\tGroup: %s", nd_ipaddr_string(nd, bp));
	if (len - 4 < 4)
		return -1;
	if (GET_BE_U_4(bp + 4) != 0xffffffff)
		nd_printf(nd, "/%s", nd_ipaddr_string(nd, bp + 4));
	if (len - 8 < 4)
		return -1;
	njoin = GET_BE_U_2(bp + 8);
	nprune = GET_BE_U_2(bp + 10);
	nd_printf(nd, " joined: %u pruned: %u", njoin, nprune);
	bp += 12;
	len -= 12;
	for (unsigned i = 0; i < njoin + nprune; i++, bp += 6, len -= 6) {
		if (len < 6)
			return -1;
		nd_printf(nd, "\n\t%s %s%s%s%s/%u", i < njoin ? "Join " : "Prune",
			  (GET_U_1(bp) & 0x01) ? "Sparse " : "Dense ",
			  (GET_U_1(bp + 1) & 0x80) ? "WC " : "",
			  (GET_U_1(bp + 1) & 0x40) ? "RP " : "SPT ", nd_ipaddr_string(nd, bp + 2),
			  GET_U_1(bp + 1) & 0x3f);
	}
	*pp = bp;
	*lenp = len;
	return 0;
}

static void jp1_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned ngroups;

	if (jp1_short(nd, bp))
		return;
	if (len < 4)
		goto trunc;
	if (nd->o.vflag > 1)
		nd_putc(nd, '\n');
	nd_printf(nd, " Upstream Nbr: %s", nd_ipaddr_string(nd, bp));
	if (len - 4 < 4)
		goto trunc;
	if (nd->o.vflag > 1)
		nd_putc(nd, '\n');
	nd_puts(nd, " Hold time: ");
	nd_relts_print(nd, GET_BE_U_2(bp + 6));
	if (nd->o.vflag < 2)
		return;
	if (len - 8 < 4)
		goto trunc;
	ngroups = GET_U_1(bp + 11);
	bp += 12;
	len -= 12;
	for (; ngroups; ngroups--)
		if (jp1_group(nd, &bp, &len) < 0)
			goto trunc;
	return;
trunc:
	nd_print_trunc(nd);
}

static void pimv1_query(struct nd *nd, const uint8_t *bp)
{
	static const char *const modes[] = { " Dense-mode", " Sparse-mode", " Sparse-Dense-mode" };

	if (ND_TTEST_LEN(nd, bp + 8, 1)) {
		unsigned mode = GET_U_1(bp + 8) >> 4;

		if (mode < 3)
			nd_puts(nd, modes[mode]);
		else
			nd_printf(nd, " mode-%u", mode);
	}
	if (nd->o.vflag) {
		nd_puts(nd, " (Hold-time ");
		nd_relts_print(nd, GET_BE_U_2(bp + 10));
		nd_putc(nd, ')');
	}
}

static void pimv1_rp_reach(struct nd *nd, const uint8_t *bp)
{
	nd_printf(nd, " group %s", nd_ipaddr_string(nd, bp + 8));
	if (GET_BE_U_4(bp + 12) != 0xffffffff)
		nd_printf(nd, "/%s", nd_ipaddr_string(nd, bp + 12));
	nd_printf(nd, " RP %s hold ", nd_ipaddr_string(nd, bp + 16));
	nd_relts_print(nd, GET_BE_U_2(bp + 22));
}

static void pimv1_assert(struct nd *nd, const uint8_t *bp)
{
	nd_printf(nd, " for %s > %s", nd_ipaddr_string(nd, bp + 16), nd_ipaddr_string(nd, bp + 8));
	if (GET_BE_U_4(bp + 12) != 0xffffffff)
		nd_printf(nd, "/%s", nd_ipaddr_string(nd, bp + 12));
	nd_printf(nd, " %s pref %u metric %u", (GET_U_1(bp + 20) & 0x80) ? "RP-tree" : "SPT",
		  GET_BE_U_4(bp + 20) & 0x7fffffff, GET_BE_U_4(bp + 24));
}

void nd_pimv1_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned type;
	char buf[24];

	nd->protocol = "pimv1";
	type = GET_U_1(bp + 1);
	nd_printf(nd, " %s", nd_tok2str(pimv1_types, "[type %u]", type, buf, sizeof(buf)));
	switch (type) {
	case 0:
		pimv1_query(nd, bp);
		break;
	case 1:
		if (!ND_TTEST_LEN(nd, bp + 8, 20)) {
			nd_print_trunc(nd);
			return;
		}
		nd_printf(nd, " for %s > %s", nd_ipaddr_string(nd, bp + 20),
			  nd_ipaddr_string(nd, bp + 24));
		break;
	case 2:
		nd_printf(nd, " for %s > %s", nd_ipaddr_string(nd, bp + 8),
			  nd_ipaddr_string(nd, bp + 12));
		break;
	case 4:
		if (nd->o.vflag)
			pimv1_rp_reach(nd, bp);
		break;
	case 5:
		pimv1_assert(nd, bp);
		break;
	case 3:
	case 6:
	case 7:
		if (nd->o.vflag) {
			if (len < 8) {
				nd_print_trunc(nd);
				return;
			}
			jp1_print(nd, bp + 8, len - 8);
		}
		break;
	}
	if ((GET_U_1(bp + 4) >> 4) != 1)
		nd_printf(nd, " [v%u]", GET_U_1(bp + 4) >> 4);
}

/* ---- Cisco's auto-RP (UDP port 496), version 1+ of its 1998 specification ---- */

static const char *const autorp_versions[] = { " PIMv?", " PIMv1", " PIMv2", " PIMv1+2" };

/* One RP and its groups; -1 when the message ends first. */
static int autorp_rp(struct nd *nd, const uint8_t **pp, unsigned *lp)
{
	const uint8_t *bp = *pp;
	unsigned len = *lp, n, f;
	char sep = ' ';

	if (len < 4)
		return -1;
	nd_printf(nd, " RP %s", nd_ipaddr_string(nd, bp));
	if (len - 4 < 1)
		return -1;
	f = GET_U_1(bp + 4);
	nd_puts(nd, autorp_versions[f & 3]);
	if (f & 0xfc)
		nd_printf(nd, " [rsvd=0x%02x]", f & 0xfc);
	if (len - 5 < 1)
		return -1;
	n = GET_U_1(bp + 5);
	bp += 6;
	len -= 6;
	for (; n; n--, bp += 6, len -= 6, sep = ',') {
		if (len < 6)
			return -1;
		f = GET_U_1(bp);
		nd_printf(nd, "%c%s%s/%u", sep, f & 1 ? "!" : "", nd_ipaddr_string(nd, bp + 2),
			  GET_U_1(bp + 1));
		if (f & 0x02)
			nd_puts(nd, " bidir");
		if (f & 0xfc)
			nd_printf(nd, "[rsvd=0x%02x]", f & 0xfc);
	}
	*pp = bp;
	*lp = len;
	return 0;
}

void nd_autorp_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned type, numrps, hold;

	nd->protocol = "cisco_autorp";
	if (len < 8)
		goto trunc;
	nd_puts(nd, " auto-rp ");
	type = GET_U_1(bp);
	if (type == 0x11)
		nd_puts(nd, "candidate-advert");
	else if (type == 0x12)
		nd_puts(nd, "mapping");
	else
		nd_printf(nd, "type-0x%02x", type);
	numrps = GET_U_1(bp + 1);
	nd_puts(nd, " Hold ");
	hold = GET_BE_U_2(bp + 2);
	if (hold)
		nd_relts_print(nd, hold);
	else
		nd_puts(nd, "FOREVER");
	bp += 8;
	len -= 8;
	for (; numrps; numrps--)
		if (autorp_rp(nd, &bp, &len) < 0)
			goto trunc;
	return;
trunc:
	nd_print_trunc(nd);
}

/* ---- version 2 ---- */

/* The source address flags: Sparse, Wildcard, RPT, and any reserved bits. */
static void source_flags(struct nd *nd, unsigned f)
{
	nd_printf(nd, "(%s%s%s", f & 0x04 ? "S" : "", f & 0x02 ? "W" : "", f & 0x01 ? "R" : "");
	if (f & 0xf8)
		nd_printf(nd, "+0x%02x", f & 0xf8);
	nd_putc(nd, ')');
}

/*
 * An encoded address: family and encoding first, unless the header gave an
 * address length (RFC 2117's encoding). Returns the bytes used, -1 if it is
 * not one tcpdump decodes or the message ends first.
 */
static int addr_print(struct nd *nd, const uint8_t *bp, unsigned len, enum pim_addrtype at,
		      unsigned alen)
{
	unsigned hdr = 0, f;
	int v6;

	if (alen == 0) {
		if (len < 2)
			return -1;
		f = GET_U_1(bp);
		if ((f != 1 && f != 2) || GET_U_1(bp + 1) != 0)
			return -1;
		alen = f == 1 ? 4 : 16;
		hdr = 2;
	} else if (alen != 4 && alen != 16) {
		return -1;
	}
	v6 = alen == 16;
	bp += hdr;
	len -= hdr;
	if (at == PIM_UNICAST) {
		if (len < alen)
			return -1;
		if (!ND_TTEST_LEN(nd, bp, alen))
			return -1;
		nd_puts(nd, v6 ? nd_ip6addr_string(nd, bp) : nd_ipaddr_string(nd, bp));
		return (int)(hdr + alen);
	}
	if (len < alen + 2)
		return -1;
	if (!ND_TTEST_LEN(nd, bp, alen + 2))
		return -1;
	nd_puts(nd, v6 ? nd_ip6addr_string(nd, bp + 2) : nd_ipaddr_string(nd, bp + 2));
	if (GET_U_1(bp + 1) != (v6 ? 128 : 32))
		nd_printf(nd, "/%u", GET_U_1(bp + 1));
	f = GET_U_1(bp);
	if (f && at == PIM_GROUP)
		nd_printf(nd, "(0x%02x)", f);
	else if (f)
		source_flags(nd, f);
	return (int)(hdr + 2 + alen);
}

/* A cursor over the message: the address length from the header, what is left. */
struct pim_cur {
	const uint8_t *bp;
	unsigned len;
	unsigned alen;
};

/* Prints label and an address, advancing the cursor; -1 if it could not be printed. */
static int cur_addr(struct nd *nd, struct pim_cur *c, const char *label, enum pim_addrtype at)
{
	int adv;

	nd_puts(nd, label);
	adv = addr_print(nd, c->bp, c->len, at, c->alen);
	if (adv < 0)
		return -1;
	c->bp += adv;
	c->len -= (unsigned)adv;
	return 0;
}

static void cur_skip(struct pim_cur *c, unsigned n)
{
	c->bp += n;
	c->len -= n;
}

static int invalid_len(struct nd *nd, unsigned olen, unsigned want)
{
	nd_printf(nd, "[option length %u != %u]", olen, want);
	nd_print_invalid(nd);
	return -1;
}

static int hello_refresh(struct nd *nd, const uint8_t *bp)
{
	nd_printf(nd, "v%u", GET_U_1(bp));
	if (GET_U_1(bp + 1) != 0) {
		nd_puts(nd, ", interval ");
		nd_relts_print(nd, GET_U_1(bp + 1));
	}
	if (GET_BE_U_2(bp + 2) != 0)
		nd_printf(nd, " ?0x%04x?", GET_BE_U_2(bp + 2));
	return 0;
}

static int hello_addrs(struct nd *nd, const uint8_t *bp, unsigned len, unsigned olen,
		       unsigned alen)
{
	const uint8_t *p = bp;
	int adv;

	if (nd->o.vflag < 2)
		return 0;
	while (p < bp + olen) {
		nd_puts(nd, "\n\t    ");
		adv = addr_print(nd, p, len, PIM_UNICAST, alen);
		if (adv < 0)
			return -2;
		p += adv;
		len -= (unsigned)adv;
	}
	return 0;
}

/* One Hello option's value: 0 printed, -1 invalid (printed), -2 truncated. */
static int hello_option(struct nd *nd, unsigned type, const uint8_t *bp, unsigned olen,
			unsigned len, unsigned alen)
{
	unsigned v;

	switch (type) {
	case 1:
		if (olen != 2)
			return invalid_len(nd, olen, 2);
		nd_relts_print(nd, GET_BE_U_2(bp));
		return 0;
	case 2:
		if (olen != 4)
			return invalid_len(nd, olen, 4);
		v = GET_BE_U_2(bp);
		nd_printf(nd, "\n\t    T-bit=%u, LAN delay %ums, Override interval %ums",
			  v >> 15, v & 0x7fff, GET_BE_U_2(bp + 2));
		return 0;
	case 18:
	case 19:
		if (olen == 0)
			nd_puts(nd, "Bi-Directional Capability (Old)");
		else if (olen == 4)
			nd_putu(nd, GET_BE_U_4(bp));
		else
			return invalid_len(nd, olen, 4);
		return 0;
	case 20:
		if (olen != 4)
			return invalid_len(nd, olen, 4);
		nd_printf(nd, "0x%08x", GET_BE_U_4(bp));
		return 0;
	case 21:
		if (olen != 4)
			return invalid_len(nd, olen, 4);
		return hello_refresh(nd, bp);
	case 22:
		return 0;
	case 24:
	case 65001:
		return hello_addrs(nd, bp, len, olen, alen);
	}
	if (nd->o.vflag <= 1)
		nd_print_unknown_data(nd, bp, "\n\t    ", olen);
	return 0;
}

static int hello_print(struct nd *nd, struct pim_cur *c)
{
	unsigned type, olen;
	char buf[24];
	int rc;

	while (c->len > 0) {
		if (c->len < 4)
			return -1;
		type = GET_BE_U_2(c->bp);
		olen = GET_BE_U_2(c->bp + 2);
		nd_printf(nd, "\n\t  %s Option (%u), length %u, Value: ",
			  nd_tok2str(hello_options, "Unknown", type, buf, sizeof(buf)), type, olen);
		cur_skip(c, 4);
		if (c->len < olen)
			return -1;
		if (!ND_TTEST_LEN(nd, c->bp, olen))
			return -1;
		rc = hello_option(nd, type, c->bp, olen, c->len, c->alen);
		if (rc == -1)
			return 0;
		if (rc < 0)
			return -1;
		if (nd->o.vflag > 1)
			nd_print_unknown_data(nd, c->bp, "\n\t    ", olen);
		cur_skip(c, olen);
	}
	return 0;
}

static int register_print(struct nd *nd, struct pim_cur *c)
{
	char buf[16];
	unsigned v;

	if (c->len < 4)
		return -1;
	if (!ND_TTEST_LEN(nd, c->bp, 4))
		return -1;
	nd_printf(nd, ", Flags [ %s ]\n\t",
		  nd_tok2str(register_flags, "none", GET_BE_U_4(c->bp), buf, sizeof(buf)));
	cur_skip(c, 4);
	if (c->len == 0)
		return -1;
	v = GET_U_1(c->bp) >> 4;
	if (v == 0) {
		nd_printf(nd, "IP-Null-header %s > %s", nd_ipaddr_string(nd, c->bp + 12),
			  nd_ipaddr_string(nd, c->bp + 16));
	} else if (v == 4) {
		nd_ip_print(nd, c->bp, c->len);
	} else if (v == 6) {
		nd_ip6_print(nd, c->bp, c->len);
	} else {
		nd_printf(nd, "IP ver %u", v);
	}
	return 0;
}

static int jp_group(struct nd *nd, struct pim_cur *c, unsigned i)
{
	unsigned njoin, nprune, j;

	nd_printf(nd, "\n\t    group #%u: ", i + 1);
	if (cur_addr(nd, c, "", PIM_GROUP) < 0 || c->len < 4)
		return -1;
	if (!ND_TTEST_LEN(nd, c->bp, 4))
		return -1;
	njoin = GET_BE_U_2(c->bp);
	nprune = GET_BE_U_2(c->bp + 2);
	nd_printf(nd, ", joined sources: %u, pruned sources: %u", njoin, nprune);
	cur_skip(c, 4);
	for (j = 0; j < njoin; j++) {
		nd_printf(nd, "\n\t      joined source #%u: ", j + 1);
		if (cur_addr(nd, c, "", PIM_SOURCE) < 0)
			return -1;
	}
	for (j = 0; j < nprune; j++) {
		nd_printf(nd, "\n\t      pruned source #%u: ", j + 1);
		if (cur_addr(nd, c, "", PIM_SOURCE) < 0)
			return -1;
	}
	return 0;
}

/* Join/Prune, Graft and Graft-Ack (type 7, which has no upstream neighbor or holdtime). */
static int join_prune_print(struct nd *nd, struct pim_cur *c, unsigned type)
{
	unsigned ngroup, hold;

	if (type != 7 && cur_addr(nd, c, ", upstream-neighbor: ", PIM_UNICAST) < 0)
		return -1;
	if (c->len < 4)
		return -1;
	if (!ND_TTEST_LEN(nd, c->bp, 4))
		return -1;
	ngroup = GET_U_1(c->bp + 1);
	hold = GET_BE_U_2(c->bp + 2);
	nd_printf(nd, "\n\t  %u group(s)", ngroup);
	if (type != 7) {
		nd_puts(nd, ", holdtime: ");
		if (hold == 0xffff)
			nd_puts(nd, "infinite");
		else
			nd_relts_print(nd, hold);
	}
	cur_skip(c, 4);
	for (unsigned i = 0; i < ngroup; i++)
		if (jp_group(nd, c, i) < 0)
			return -1;
	return 0;
}

static int bsr_group(struct nd *nd, struct pim_cur *c, unsigned i)
{
	unsigned frpcnt;

	nd_printf(nd, " (group%u: ", i);
	if (cur_addr(nd, c, "", PIM_GROUP) < 0 || c->len < 1)
		return -1;
	nd_printf(nd, " RPcnt=%u", GET_U_1(c->bp));
	if (c->len < 2)
		return -1;
	frpcnt = GET_U_1(c->bp + 1);
	nd_printf(nd, " FRPcnt=%u", frpcnt);
	if (c->len < 4)
		return -1;
	cur_skip(c, 4);
	for (unsigned j = 0; j < frpcnt && c->len > 0; j++) {
		nd_printf(nd, " RP%u=", j);
		if (cur_addr(nd, c, "", PIM_UNICAST) < 0 || c->len < 2)
			return -1;
		nd_puts(nd, ",holdtime=");
		nd_relts_print(nd, GET_BE_U_2(c->bp));
		if (c->len < 3)
			return -1;
		nd_printf(nd, ",prio=%u", GET_U_1(c->bp + 2));
		if (c->len < 4)
			return -1;
		cur_skip(c, 4);
	}
	nd_putc(nd, ')');
	return 0;
}

static int bootstrap_print(struct nd *nd, struct pim_cur *c)
{
	if (c->len < 2)
		return -1;
	nd_printf(nd, " tag=%x", GET_BE_U_2(c->bp));
	cur_skip(c, 2);
	if (c->len < 1)
		return -1;
	nd_printf(nd, " hashmlen=%u", GET_U_1(c->bp));
	if (c->len < 2)
		return -1;
	if (!ND_TTEST_LEN(nd, c->bp + 2, 1))
		return -1;
	nd_printf(nd, " BSRprio=%u", GET_U_1(c->bp + 1));
	cur_skip(c, 2);
	if (cur_addr(nd, c, " BSR=", PIM_UNICAST) < 0)
		return -1;
	for (unsigned i = 0; c->len > 0; i++)
		if (bsr_group(nd, c, i) < 0)
			return -1;
	return 0;
}

static int assert_print(struct nd *nd, struct pim_cur *c)
{
	if (cur_addr(nd, c, " group=", PIM_GROUP) < 0 || cur_addr(nd, c, " src=", PIM_UNICAST) < 0)
		return -1;
	if (c->len < 8)
		return -1;
	if (!ND_TTEST_LEN(nd, c->bp, 8))
		return -1;
	if (GET_U_1(c->bp) & 0x80)
		nd_puts(nd, " RPT");
	nd_printf(nd, " pref=%u", GET_BE_U_4(c->bp) & 0x7fffffff);
	nd_printf(nd, " metric=%u", GET_BE_U_4(c->bp + 4));
	return 0;
}

static int crp_print(struct nd *nd, struct pim_cur *c)
{
	unsigned pfxcnt;

	if (c->len < 1)
		return -1;
	pfxcnt = GET_U_1(c->bp);
	nd_printf(nd, " prefix-cnt=%u", pfxcnt);
	if (c->len < 2)
		return -1;
	nd_printf(nd, " prio=%u", GET_U_1(c->bp + 1));
	if (c->len < 4)
		return -1;
	nd_puts(nd, " holdtime=");
	nd_relts_print(nd, GET_BE_U_2(c->bp + 2));
	cur_skip(c, 4);
	if (cur_addr(nd, c, " RP=", PIM_UNICAST) < 0)
		return -1;
	for (unsigned i = 0; i < pfxcnt && c->len > 0; i++) {
		nd_printf(nd, " Group%u=", i);
		if (cur_addr(nd, c, "", PIM_GROUP) < 0)
			return -1;
	}
	return 0;
}

static int prune_refresh_print(struct nd *nd, struct pim_cur *c)
{
	if (cur_addr(nd, c, " src=", PIM_UNICAST) < 0 || cur_addr(nd, c, " grp=", PIM_GROUP) < 0 ||
	    cur_addr(nd, c, " forwarder=", PIM_UNICAST) < 0 || c->len < 2)
		return -1;
	nd_puts(nd, " TUNR ");
	nd_relts_print(nd, GET_BE_U_2(c->bp));
	return 0;
}

/* tcpdump reads the fixed fields here without checking the message length (only the capture). */
static int df_print(struct nd *nd, struct pim_cur *c, unsigned subtype)
{
	const char *w = subtype == 3 ? "offer" : "new winner";
	char buf[16];

	nd_printf(nd, "\n\t  %s,", nd_tok2str(df_subtypes, "Unknown", subtype, buf, sizeof(buf)));
	if (cur_addr(nd, c, " rpa=", PIM_UNICAST) < 0)
		return -1;
	nd_printf(nd, " sender pref=%u", GET_BE_U_4(c->bp));
	nd_printf(nd, " sender metric=%u", GET_BE_U_4(c->bp + 4));
	cur_skip(c, 8);
	if (subtype != 3 && subtype != 4)
		return 0;
	nd_printf(nd, "\n\t  %s addr=", w);
	if (cur_addr(nd, c, "", PIM_UNICAST) < 0)
		return -1;
	nd_printf(nd, " %s pref=%u", w, GET_BE_U_4(c->bp));
	nd_printf(nd, " %s metric=%u", w, GET_BE_U_4(c->bp + 4));
	cur_skip(c, 8);
	if (subtype == 3)
		nd_printf(nd, " interval %dms", GET_BE_U_2(c->bp));
	return 0;
}

/* The checksum over n bytes: with IPv6's pseudo-header, plain over IPv4. */
static const char *cksum_status(struct nd *nd, const uint8_t *bp, const uint8_t *ip, unsigned n)
{
	struct nd_cksum_vec vec = { bp, n };
	unsigned v = GET_U_1(ip) >> 4;
	uint16_t sum;

	if (!ND_TTEST_LEN(nd, bp, n) || (v != 4 && v != 6))
		return "(unverified)";
	sum = v == 4 ? nd_in_cksum(&vec, 1) : nd_nextproto_cksum(nd, ip, bp, n, 103);
	return sum ? "(incorrect)" : "(correct)";
}

static void print_cksum(struct nd *nd, const uint8_t *bp, unsigned len, const uint8_t *ip,
			unsigned type)
{
	const char *st;

	nd_printf(nd, ", cksum 0x%04x ", GET_BE_U_2(bp + 2));
	if (GET_BE_U_2(bp + 2) == 0) {
		nd_puts(nd, "(unverified)");
		return;
	}
	/* A Register's sum covers its header, though some senders sum the whole message. */
	if (type == 1) {
		st = cksum_status(nd, bp, ip, 8);
		if (st[1] == 'i')
			st = cksum_status(nd, bp, ip, len);
	} else {
		st = cksum_status(nd, bp, ip, len);
	}
	nd_puts(nd, st);
}

static int pimv2_body(struct nd *nd, struct pim_cur *c, unsigned type, unsigned rsv)
{
	switch (type) {
	case 0:
		return hello_print(nd, c);
	case 1:
		return register_print(nd, c);
	case 2:
		if (cur_addr(nd, c, " group=", PIM_GROUP) < 0)
			return -1;
		return cur_addr(nd, c, " source=", PIM_UNICAST);
	case 3:
	case 6:
	case 7:
		return join_prune_print(nd, c, type);
	case 4:
		return bootstrap_print(nd, c);
	case 5:
		return assert_print(nd, c);
	case 8:
		return crp_print(nd, c);
	case 9:
		return prune_refresh_print(nd, c);
	case 10:
		return df_print(nd, c, rsv >> 4);
	}
	nd_printf(nd, " [type %u]", type);
	return 0;
}

static void pimv2_print(struct nd *nd, const uint8_t *bp, unsigned len, const uint8_t *ip)
{
	struct pim_cur c;
	unsigned type, rsv;

	nd->protocol = "pimv2";
	if (len < 2) {
		nd_printf(nd, "[length %u < 2]", len);
		nd_print_invalid(nd);
		return;
	}
	type = GET_U_1(bp) & 0x0f;
	rsv = GET_U_1(bp + 1);
	if (rsv & 0x0f)
		nd_puts(nd, ", RFC2117-encoding");
	if (len < 4) {
		nd_printf(nd, "[length %u < 4]", len);
		nd_print_invalid(nd);
		return;
	}
	print_cksum(nd, bp, len, ip, type);
	c.bp = bp + 4;
	c.len = len - 4;
	c.alen = rsv & 0x0f;
	if (pimv2_body(nd, &c, type, rsv) < 0)
		nd_print_trunc(nd);
}

void nd_pim_print(struct nd *nd, const uint8_t *bp, unsigned len, const uint8_t *ip)
{
	unsigned tv, ver;
	char buf[32];
	const char *tn;

	nd->protocol = "pim";
	tv = GET_U_1(bp);
	ver = tv >> 4;
	if (ver != 2) {
		nd_printf(nd, "PIMv%u, length %u", ver, len);
		return;
	}
	tn = nd_tok2str(pimv2_types, "Unknown Type", tv & 0x0f, buf, sizeof(buf));
	if (!nd->o.vflag) {
		nd_printf(nd, "PIMv%u, %s, length %u", ver, tn, len);
		return;
	}
	nd_printf(nd, "PIMv%u, length %u\n\t%s", ver, len, tn);
	pimv2_print(nd, bp, len, ip);
}

/* print-dvmrp.c: DVMRP (RFC 1075 and the mrouted drafts) inside IGMP type 0x13 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

enum {
	DVMRP_PROBE = 1, DVMRP_REPORT, DVMRP_ASK_NEIGHBORS, DVMRP_NEIGHBORS, DVMRP_ASK_NEIGHBORS2,
	DVMRP_NEIGHBORS2, DVMRP_PRUNE, DVMRP_GRAFT, DVMRP_GRAFT_ACK,
};

static const struct nd_tok msg_types[] = {
	{ DVMRP_PROBE, "Probe" }, { DVMRP_REPORT, "Report" },
	{ DVMRP_ASK_NEIGHBORS, "Ask-neighbors(old)" }, { DVMRP_NEIGHBORS, "Neighbors(old)" },
	{ DVMRP_ASK_NEIGHBORS2, "Ask-neighbors2" }, { DVMRP_NEIGHBORS2, "Neighbors2" },
	{ DVMRP_PRUNE, "Prune" }, { DVMRP_GRAFT, "Graft" }, { DVMRP_GRAFT_ACK, "Graft-ACK" },
	{ 0, NULL },
};

static void put_quad(struct nd *nd, const char *pre, uint32_t a)
{
	nd_printf(nd, "%s%u.%u.%u.%u", pre, a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

/* Routes under one mask: the origin is sent in as few bytes as the mask needs. */
static int report_mask(struct nd *nd, const uint8_t **pp, unsigned *lp)
{
	const uint8_t *bp = *pp;
	unsigned len = *lp, width = 1, metric, done, i;
	uint32_t origin;

	if (GET_U_1(bp))
		width = 2;
	if (GET_U_1(bp + 1))
		width = 3;
	if (GET_U_1(bp + 2))
		width = 4;
	put_quad(nd, "\n\tMask ", 0xffu << 24 | (uint32_t)GET_U_1(bp) << 16 |
		 (uint32_t)GET_U_1(bp + 1) << 8 | GET_U_1(bp + 2));
	bp += 3;
	len -= 3;
	do {
		if (len < width + 1) {
			nd_puts(nd, "\n\t  [Truncated Report]");
			return -1;
		}
		origin = 0;
		for (i = 0; i < 4; i++)
			origin = origin << 8 | (i < width ? GET_U_1(bp + i) : 0);
		metric = GET_U_1(bp + width);
		bp += width + 1;
		done = metric & 0x80;
		put_quad(nd, "\n\t  ", origin);
		nd_printf(nd, " metric %u", metric & 0x7f);
		len -= width + 1;
	} while (!done);
	*pp = bp;
	*lp = len;
	return 0;
}

static void report_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	while (len > 0) {
		if (len < 3) {
			nd_printf(nd, " [length %u < 3]", len);
			goto invalid;
		}
		if (report_mask(nd, &bp, &len) < 0)
			goto invalid;
	}
	return;
invalid:
	nd_print_invalid(nd);
}

static void probe_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	if (len < 4) {
		nd_printf(nd, " [full length %u < 4]", len);
		goto invalid;
	}
	nd_puts(nd, nd->o.vflag > 1 ? "\n\t" : " ");
	nd_printf(nd, "genid %u", GET_BE_U_4(bp));
	if (nd->o.vflag < 2)
		return;
	for (bp += 4, len -= 4; len > 0; bp += 4, len -= 4) {
		if (len < 4) {
			nd_printf(nd, "[remaining length %u < 4]", len);
			goto invalid;
		}
		nd_printf(nd, "\n\tneighbor %s", nd_ipaddr_string(nd, bp));
	}
	return;
invalid:
	nd_print_invalid(nd);
}

static void neighbors_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	const uint8_t *laddr;
	unsigned metric, thresh;
	int ncount;

	while (len > 0) {
		if (len < 7) {
			nd_printf(nd, " [length %u < 7]", len);
			goto invalid;
		}
		laddr = bp;
		metric = GET_U_1(bp + 4);
		thresh = GET_U_1(bp + 5);
		ncount = GET_U_1(bp + 6);
		bp += 7;
		len -= 7;
		for (; --ncount >= 0; bp += 4, len -= 4) {
			if (len < 4) {
				nd_printf(nd, " [length %u < 4]", len);
				goto invalid;
			}
			nd_printf(nd, " [%s ->", nd_ipaddr_string(nd, laddr));
			nd_printf(nd, " %s, (%u/%u)]", nd_ipaddr_string(nd, bp), metric, thresh);
		}
	}
	return;
invalid:
	nd_print_invalid(nd);
}

static void nbr_flags(struct nd *nd, unsigned flags)
{
	if (flags & 0x01)
		nd_puts(nd, "/tunnel");
	if (flags & 0x02)
		nd_puts(nd, "/srcrt");
	if (flags & 0x40)
		nd_puts(nd, "/querier");
	if (flags & 0x20)
		nd_puts(nd, "/disabled");
	if (flags & 0x10)
		nd_puts(nd, "/down");
}

static void neighbors2_print(struct nd *nd, const uint8_t *bp, unsigned len, unsigned major,
			     unsigned minor)
{
	const uint8_t *laddr;
	unsigned metric, thresh, flags;
	int ncount;

	nd_printf(nd, " (v %u.%u):", major, minor);
	while (len > 0) {
		if (len < 8) {
			nd_printf(nd, " [length %u < 8]", len);
			goto invalid;
		}
		laddr = bp;
		metric = GET_U_1(bp + 4);
		thresh = GET_U_1(bp + 5);
		flags = GET_U_1(bp + 6);
		ncount = GET_U_1(bp + 7);
		bp += 8;
		len -= 8;
		for (; --ncount >= 0 && len > 0; bp += 4, len -= 4) {
			if (len < 4) {
				nd_printf(nd, " [length %u < 4]", len);
				goto invalid;
			}
			nd_printf(nd, " [%s -> ", nd_ipaddr_string(nd, laddr));
			nd_printf(nd, "%s (%u/%u", nd_ipaddr_string(nd, bp), metric, thresh);
			nbr_flags(nd, flags);
			nd_puts(nd, ")]");
		}
		if (ncount != -1) {
			nd_puts(nd, " [invalid ncount]");
			goto invalid;
		}
	}
	return;
invalid:
	nd_print_invalid(nd);
}

void nd_dvmrp_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned type;
	char buf[24];

	nd->protocol = "dvmrp";
	if (len < 8) {
		nd_printf(nd, " [length %u < 8]", len);
		nd_print_invalid(nd);
		return;
	}
	type = GET_U_1(bp + 1);
	nd_printf(nd, " %s", nd_tok2str(msg_types, "[type %u]", type, buf, sizeof(buf)));
	switch (type) {
	case DVMRP_PROBE:
		if (nd->o.vflag)
			probe_print(nd, bp + 8, len - 8);
		break;
	case DVMRP_REPORT:
		if (nd->o.vflag > 1)
			report_print(nd, bp + 8, len - 8);
		break;
	case DVMRP_NEIGHBORS:
		neighbors_print(nd, bp + 8, len - 8);
		break;
	case DVMRP_NEIGHBORS2:
		/* The version is in the IGMP group address field. */
		neighbors2_print(nd, bp + 8, len - 8, GET_U_1(bp + 7), GET_U_1(bp + 6));
		break;
	case DVMRP_PRUNE:
		nd_printf(nd, " src %s grp %s", nd_ipaddr_string(nd, bp + 8),
			  nd_ipaddr_string(nd, bp + 12));
		nd_puts(nd, " timer ");
		nd_relts_print(nd, GET_BE_U_4(bp + 16));
		break;
	case DVMRP_GRAFT:
	case DVMRP_GRAFT_ACK:
		nd_printf(nd, " src %s grp %s", nd_ipaddr_string(nd, bp + 8),
			  nd_ipaddr_string(nd, bp + 12));
		break;
	}
}

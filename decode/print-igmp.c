/* print-igmp.c: IGMP v1, v2 and v3 (RFC 1112, 2236, 3376) and mtrace queries and replies */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "nd.h"
#include "print-app.h"

static const struct nd_tok v3_record_types[] = {
	{ 1, "is_in" }, { 2, "is_ex" }, { 3, "to_in" }, { 4, "to_ex" }, { 5, "allow" },
	{ 6, "block" }, { 0, NULL },
};

static void mtrace_print(struct nd *nd, const char *name, const uint8_t *bp, unsigned len)
{
	if (len < 8 + 16) {
		nd_printf(nd, " [invalid len %u]", len);
		return;
	}
	nd_printf(nd, "%s %u: ", name, GET_BE_U_3(bp + 8 + 13));
	nd_puts(nd, nd_ipaddr_string(nd, bp + 8));
	nd_puts(nd, " to ");
	nd_puts(nd, nd_ipaddr_string(nd, bp + 12));
	nd_puts(nd, " reply-to ");
	nd_puts(nd, nd_ipaddr_string(nd, bp + 16));
	/* A multicast response address gets the TTL to send the reply with. */
	if ((GET_BE_U_4(bp + 16) & 0xf0000000) == 0xe0000000)
		nd_printf(nd, " with-ttl %u", GET_U_1(bp + 20));
}

static void v3_report_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned ngroups, nsrcs, group = 8;
	const char *gaddr;
	char buf[32];

	if (len < 16 || (len & 3)) {
		nd_printf(nd, " [invalid len %u]", len);
		return;
	}
	ngroups = GET_BE_U_2(bp + 6);
	nd_printf(nd, ", %u group record(s)", ngroups);
	if (!nd->o.vflag)
		return;
	for (unsigned i = 0; i < ngroups; i++) {
		if (len < group + 8) {
			nd_puts(nd, " [invalid number of groups]");
			return;
		}
		gaddr = nd_ipaddr_string(nd, bp + group + 4);
		nd_puts(nd, " [gaddr ");
		nd_puts(nd, gaddr);
		nd_putc(nd, ' ');
		nd_puts(nd, nd_tok2str(v3_record_types, " [v3-report-#%u]", GET_U_1(bp + group),
				       buf, sizeof(buf)));
		nsrcs = GET_BE_U_2(bp + group + 2);
		if (len < group + 8 + (nsrcs << 2)) {
			nd_printf(nd, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (nd->o.vflag == 1) {
			nd_printf(nd, ", %u source(s)", nsrcs);
		} else {
			nd_puts(nd, " {");
			for (unsigned j = 0; j < nsrcs; j++) {
				nd_printf(nd, " %s", nd_ipaddr_string(nd, bp + group + 8 + (j << 2)));
			}
			nd_puts(nd, " }");
		}
		group += 8 + (nsrcs << 2);
		nd_putc(nd, ']');
	}
}

static void v3_query_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned mrc, mrt, nsrcs;

	nd_puts(nd, " v3");
	if (len < 12 || (len & 3)) {
		nd_printf(nd, " [invalid len %u]", len);
		return;
	}
	/* Codes from 128 up are a floating point number of tenths of a second. */
	mrc = GET_U_1(bp + 1);
	mrt = mrc < 128 ? mrc : ((mrc & 0x0f) | 0x10) << (((mrc & 0x70) >> 4) + 3);
	if (mrc != 100) {
		nd_puts(nd, " [max resp time ");
		if (mrt < 600)
			nd_printf(nd, "%.1fs", mrt * 0.1);
		else
			nd_relts_print(nd, mrt / 10);
		nd_putc(nd, ']');
	}
	if (GET_BE_U_4(bp + 4) == 0)
		return;
	nd_puts(nd, " [gaddr ");
	nd_puts(nd, nd_ipaddr_string(nd, bp + 4));
	nsrcs = GET_BE_U_2(bp + 10);
	if (nsrcs > 0) {
		if (len < 12 + (nsrcs << 2)) {
			nd_puts(nd, " [invalid number of sources]");
		} else if (nd->o.vflag > 1) {
			nd_puts(nd, " {");
			for (unsigned i = 0; i < nsrcs; i++) {
				nd_printf(nd, " %s", nd_ipaddr_string(nd, bp + 12 + (i << 2)));
			}
			nd_puts(nd, " }");
		} else {
			nd_printf(nd, ", %u source(s)", nsrcs);
		}
	}
	nd_putc(nd, ']');
}

void nd_igmp_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned type;

	nd->protocol = "igmp";
	if (nd->o.qflag) {
		nd_puts(nd, "igmp");
		return;
	}
	type = GET_U_1(bp);
	switch (type) {
	case 0x11:
		nd_puts(nd, "igmp query");
		if (len >= 12) {
			v3_query_print(nd, bp, len);
			break;
		}
		if (GET_U_1(bp + 1)) {
			nd_puts(nd, " v2");
			if (GET_U_1(bp + 1) != 100)
				nd_printf(nd, " [max resp time %u]", GET_U_1(bp + 1));
		} else {
			nd_puts(nd, " v1");
		}
		if (GET_BE_U_4(bp + 4)) {
			nd_puts(nd, " [gaddr ");
			nd_puts(nd, nd_ipaddr_string(nd, bp + 4));
			nd_putc(nd, ']');
		}
		if (len != 8)
			nd_printf(nd, " [len %u]", len);
		break;
	case 0x12:
		nd_printf(nd, "igmp v1 report %s", nd_ipaddr_string(nd, bp + 4));
		if (len != 8)
			nd_printf(nd, " [len %u]", len);
		break;
	case 0x16:
		nd_printf(nd, "igmp v2 report %s", nd_ipaddr_string(nd, bp + 4));
		break;
	case 0x22:
		nd_puts(nd, "igmp v3 report");
		v3_report_print(nd, bp, len);
		break;
	case 0x17:
		nd_printf(nd, "igmp leave %s", nd_ipaddr_string(nd, bp + 4));
		break;
	case 0x1e:
		mtrace_print(nd, "mresp", bp, len);
		break;
	case 0x1f:
		mtrace_print(nd, "mtrace", bp, len);
		break;
	case 0x13:
		nd_puts(nd, "igmp dvmrp");
		if (len < 8)
			nd_printf(nd, " [len %u]", len);
		else
			nd_dvmrp_print(nd, bp, len);
		break;
	case 0x14:
		nd_puts(nd, "igmp pimv1");
		nd_pimv1_print(nd, bp, len);
		break;
	default:
		nd_printf(nd, "igmp-%u", type);
		break;
	}
	if (nd->o.vflag && len >= 4 && ND_TTEST_LEN(nd, bp, len)) {
		struct nd_cksum_vec vec = { bp, len };

		if (nd_in_cksum(&vec, 1))
			nd_printf(nd, " bad igmp cksum %x!", GET_BE_U_2(bp + 2));
	}
}

/* print-isis-tlv.c: IS-IS reachability TLVs and sub-TLVs (RFC 5305, 5120, 4205, 8667, 6329) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "print-isis.h"
#include "print-ospf.h"

static const struct nd_tok ext_is_subtlvs[] = {
	{ 3, "Administrative groups" }, { 4, "Link Local/Remote Identifier" },
	{ 5, "Link Remote Identifier" }, { 6, "IPv4 interface address" },
	{ 8, "IPv4 neighbor address" }, { 9, "Maximum link bandwidth" },
	{ 10, "Reservable link bandwidth" }, { 11, "Unreserved bandwidth" },
	{ 18, "Traffic Engineering Metric" }, { 19, "Link Attribute" },
	{ 20, "Link Protection Type" }, { 21, "Interface Switching Capability" },
	{ 12, "Bandwidth Constraints (old)" }, { 22, "Bandwidth Constraints" },
	{ 32, "LAN Adjacency Segment Identifier" }, { 29, "SPB Metric" },
	{ 250, "Reserved for cisco specific extensions" },
	{ 251, "Reserved for cisco specific extensions" },
	{ 252, "Reserved for cisco specific extensions" },
	{ 253, "Reserved for cisco specific extensions" },
	{ 254, "Reserved for cisco specific extensions" },
	{ 255, "Reserved for future expansion" }, { 0, NULL },
};

static const struct nd_tok ext_ip_subtlvs[] = {
	{ 1, "32-Bit Administrative tag" }, { 2, "64-Bit Administrative tag" },
	{ 3, "Prefix SID" }, { 117, "Management Prefix Color" }, { 0, NULL },
};

static const struct nd_tok prefix_sid_flags[] = {
	{ 0x80, "Readvertisement" }, { 0x40, "Node" }, { 0x20, "No-PHP" },
	{ 0x10, "Explicit NULL" }, { 0x08, "Value" }, { 0x04, "Local" }, { 0, NULL },
};

static const struct nd_tok prefix_sid_algos[] = { { 0, "SPF" }, { 1, "strict-SPF" }, { 0, NULL } };

static const struct nd_tok link_attributes[] = {
	{ 0x01, "Local Protection Available" },
	{ 0x02, "Link excluded from local protection path" },
	{ 0x04, "Local maintenance required" }, { 0, NULL },
};

static const struct nd_tok lan_adj_sid_flags[] = {
	{ 0x80, "Address family IPv6" }, { 0x40, "Backup" }, { 0x20, "Value" },
	{ 0x10, "Local significance" }, { 0x08, "Set of adjacencies" }, { 0x04, "Persistent" },
	{ 0, NULL },
};

static const struct nd_tok tsc_indications[] = {
	{ 0, "Standard SONET/SDH" }, { 1, "Arbitrary SONET/SDH" }, { 0, NULL },
};

static const struct nd_tok bc_models[] = {
	{ 0, "Russian dolls" }, { 1, "Maximum allocation" },
	{ 254, "Maximum allocation with E-LSP support" }, { 0, NULL },
};

static const struct nd_tok mt_values[] = {
	{ 0, "IPv4 unicast" }, { 1, "In-Band Management" }, { 2, "IPv6 unicast" },
	{ 3, "Multicast" }, { 4095, "Development, Experimental or Proprietary" }, { 0, NULL },
};

static const struct nd_tok mt_flags[] = {
	{ 0x4000, "ATT bit set" }, { 0x8000, "Overload bit set" }, { 0, NULL },
};

static const struct nd_tok router_cap_subtlvs[] = { { 2, "SR-Capabilities" }, { 0, NULL } };

static const struct nd_tok router_cap_sr_flags[] = {
	{ 0x80, "ipv4" }, { 0x40, "ipv6" }, { 0, NULL },
};

static const struct nd_tok mt_port_cap_subtlvs[] = {
	{ 4, "SPB MCID" }, { 5, "SPB Digest" }, { 6, "SPB BVID" }, { 0, NULL },
};

static const struct nd_tok mt_capability_subtlvs[] = {
	{ 1, "SPB Instance" }, { 3, "SPBM Service Identifier and Unicast Address" }, { 0, NULL },
};

static char *put_hex2(char *o, uint8_t v)
{
	static const char hex[] = "0123456789abcdef";

	*o++ = hex[v >> 4];
	*o++ = hex[v & 15];
	return o;
}

/* Written out rather than with snprintf: IDs are on nearly every line of -v. */
const char *nd_isis_id(struct nd *nd, const uint8_t *cp, unsigned id_len, char *buf)
{
	unsigned sys = id_len < ISIS_SYSTEM_ID_LEN ? id_len : ISIS_SYSTEM_ID_LEN, i;
	char *pos = buf;

	for (i = 1; i <= sys; i++) {
		pos = put_hex2(pos, GET_U_1(cp));
		cp++;
		if (i == 2 || i == 4)
			*pos++ = '.';
	}
	if (id_len >= ISIS_NODE_ID_LEN) {
		*pos++ = '.';
		pos = put_hex2(pos, GET_U_1(cp));
		cp++;
	}
	if (id_len == ISIS_LSP_ID_LEN) {
		*pos++ = '-';
		pos = put_hex2(pos, GET_U_1(cp));
	}
	*pos = '\0';
	return buf;
}

const char *nd_isis_ie(struct nd *nd, const uint8_t *p)
{
	return (GET_U_1(p) & 0x40) ? "External" : "Internal";
}

void nd_isis_metric_block(struct nd *nd, const uint8_t *p)
{
	static const char *const names[] = { "Delay", "Expense", "Error" };

	nd_printf(nd, ", Default Metric: %u, %s", GET_U_1(p) & 0x3f, nd_isis_ie(nd, p));
	for (unsigned i = 1; i < 4; i++)
		if (!(GET_U_1(p + i) & 0x80))
			nd_printf(nd, "\n\t\t  %s Metric: %u, %s", names[i - 1], GET_U_1(p + i) & 0x3f,
				  nd_isis_ie(nd, p + i));
}

static int mask2plen(uint32_t mask)
{
	for (int plen = 32; plen >= 0; plen--)
		if ((plen ? 0xffffffffu << (32 - plen) : 0) == mask)
			return plen;
	return -1;
}

/* One entry of the old IP reachability TLVs (128, 130): metric block, prefix, mask. */
static void ip_reach_entry(struct nd *nd, const uint8_t *cp, const char *ident)
{
	static const char *const names[] = { "Delay", "Expense", "Error" };
	int plen = mask2plen(GET_BE_U_4(cp + 8));

	if (plen == -1)
		nd_printf(nd, "%sIPv4 prefix: %s mask %s", ident, nd_ipaddr_string(nd, cp + 4),
			  nd_ipaddr_string(nd, cp + 8));
	else
		nd_printf(nd, "%sIPv4 prefix: %15s/%u", ident, nd_ipaddr_string(nd, cp + 4), plen);
	nd_printf(nd, ", Distribution: %s, Metric: %u, %s", (GET_U_1(cp) & 0x80) ? "down" : "up",
		  GET_U_1(cp) & 0x3f, nd_isis_ie(nd, cp));
	for (unsigned i = 1; i < 4; i++)
		if (!(GET_U_1(cp + i) & 0x80))
			nd_printf(nd, "%s  %s Metric: %u, %s", ident, names[i - 1],
				  GET_U_1(cp + i) & 0x3f, nd_isis_ie(nd, cp + i));
}

int nd_isis_tlv_ip_reach(struct nd *nd, const uint8_t *cp, const char *ident, unsigned length)
{
	while (length > 0) {
		if (length < 12) {
			nd_printf(nd, "short IPv4 Reachability (%u vs %u)", length, 12);
			return 0;
		}
		if (!ND_TTEST_LEN(nd, cp, 12))
			return 0;
		ip_reach_entry(nd, cp, ident);
		length -= 12;
		cp += 12;
	}
	return 1;
}

/* ---- Extended IS reachability (22, 24, 222) ---- */

/* A bandwidth: an IEEE float of bytes per second, shown in Mbit/s computed in float. */
static double mbps(struct nd *nd, const uint8_t *p)
{
	uint32_t i = GET_BE_U_4(p);
	float f;

	memcpy(&f, &i, sizeof(f));
	return (double)(f * 8 / 1000000);
}

/* A cursor over the sub-TLVs of one neighbor. */
struct subtlv_cur {
	const uint8_t *p;
	unsigned len;		/* this sub-TLV's bytes left */
	unsigned sum;		/* all sub-TLVs' bytes left */
	int proc;		/* bytes used of the TLV */
};

static void cur_adv(struct subtlv_cur *c, unsigned n)
{
	c->p += n;
	c->len -= n;
	c->sum -= n;
	c->proc += (int)n;
}

static void isc_print(struct nd *nd, struct subtlv_cur *c, const char *ident)
{
	unsigned cap = GET_U_1(c->p);
	char buf[64];

	nd_printf(nd, "%s  Interface Switching Capability:%s", ident,
		  nd_tok2str(nd_gmpls_switch_caps, "Unknown", cap, buf, sizeof(buf)));
	nd_printf(nd, ", LSP Encoding: %s",
		  nd_tok2str(nd_gmpls_encodings, "Unknown", GET_U_1(c->p + 1), buf, sizeof(buf)));
	cur_adv(c, 4);
	nd_printf(nd, "%s  Max LSP Bandwidth:", ident);
	for (unsigned lvl = 0; lvl < 8; lvl++) {
		nd_printf(nd, "%s    priority level %u: %.3f Mbps", ident, lvl, mbps(nd, c->p));
		cur_adv(c, 4);
	}
	if (cap >= 1 && cap <= 4) {
		if (c->len < 6)
			return;
		nd_printf(nd, "%s  Min LSP Bandwidth: %.3f Mbps", ident, mbps(nd, c->p));
		nd_printf(nd, "%s  Interface MTU: %u", ident, GET_BE_U_2(c->p + 4));
	} else if (cap == 100) {
		if (c->len < 8)
			return;
		nd_printf(nd, "%s  Min LSP Bandwidth: %.3f Mbps", ident, mbps(nd, c->p));
		nd_printf(nd, "%s  Indication %s", ident,
			  nd_tok2str(tsc_indications, "Unknown (%u)", GET_U_1(c->p + 4), buf,
				     sizeof(buf)));
	} else if (c->len != 0) {
		nd_print_unknown_data(nd, c->p, "\n\t\t    ", c->len);
	}
}

static void lan_adj_sid(struct nd *nd, struct subtlv_cur *c, const char *ident)
{
	unsigned f = GET_U_1(c->p);
	char buf[128];

	nd_printf(nd, "%s  Flags: [%s]", ident,
		  nd_bittok2str(lan_adj_sid_flags, "none", f, ", ", buf, sizeof(buf)));
	cur_adv(c, 1);
	nd_printf(nd, "%s  Weight: %u", ident, GET_U_1(c->p));
	cur_adv(c, 1);
	if (c->len >= ISIS_SYSTEM_ID_LEN) {
		if (!ND_TTEST_LEN(nd, c->p, ISIS_SYSTEM_ID_LEN))
			nd_trunc_longjmp(nd);
		nd_printf(nd, "%s  Neighbor System-ID: %s", ident,
			  nd_isis_id(nd, c->p, ISIS_SYSTEM_ID_LEN, buf));
	}
	if ((f & 0x20) && (f & 0x10))
		nd_printf(nd, "%s  Label: %u", ident, GET_BE_U_3(c->p + ISIS_SYSTEM_ID_LEN));
	else if (!(f & 0x20) && !(f & 0x10))
		nd_printf(nd, "%s  Index: %u", ident, GET_BE_U_4(c->p + ISIS_SYSTEM_ID_LEN));
	else
		nd_print_invalid(nd);
}

static void bw_constraints(struct nd *nd, struct subtlv_cur *c, const char *ident)
{
	char buf[64];

	if (c->len == 0)
		return;
	nd_printf(nd, "%sBandwidth Constraints Model ID: %s (%u)", ident,
		  nd_tok2str(bc_models, "unknown", GET_U_1(c->p), buf, sizeof(buf)), GET_U_1(c->p));
	cur_adv(c, 1);
	for (unsigned tc = 0; c->len != 0 && c->len >= 4; tc++) {
		nd_printf(nd, "%s  Bandwidth constraint CT%u: %.3f Mbps", ident, tc, mbps(nd, c->p));
		cur_adv(c, 4);
	}
}

static void ext_is_subtlv(struct nd *nd, unsigned type, struct subtlv_cur *c, const char *ident)
{
	char buf[128];

	switch (type) {
	case 3:
	case 4:
	case 5:
		if (c->len >= 4) {
			nd_printf(nd, ", 0x%08x", GET_BE_U_4(c->p));
			if (c->len == 8)
				nd_printf(nd, ", 0x%08x", GET_BE_U_4(c->p + 4));
		}
		break;
	case 6:
	case 8:
		if (c->len >= 4)
			nd_printf(nd, ", %s", nd_ipaddr_string(nd, c->p));
		break;
	case 9:
	case 10:
		if (c->len >= 4)
			nd_printf(nd, ", %.3f Mbps", mbps(nd, c->p));
		break;
	case 11:
		if (c->len >= 32)
			for (unsigned tc = 0; tc < 8; tc++) {
				nd_printf(nd, "%s  TE-Class %u: %.3f Mbps", ident, tc, mbps(nd, c->p));
				cur_adv(c, 4);
			}
		break;
	case 12:
	case 22:
		bw_constraints(nd, c, ident);
		break;
	case 18:
		if (c->len >= 3)
			nd_printf(nd, ", %u", GET_BE_U_3(c->p));
		break;
	case 19:
		if (c->len == 2)
			nd_printf(nd, ", [ %s ] (0x%04x)",
				  nd_bittok2str(link_attributes, "Unknown", GET_BE_U_2(c->p), ", ", buf,
						sizeof(buf)),
				  GET_BE_U_2(c->p));
		break;
	case 20:
		if (c->len >= 2)
			nd_printf(nd, ", %s, Priority %u",
				  nd_bittok2str(nd_gmpls_link_protection, "none", GET_U_1(c->p), ", ", buf,
						sizeof(buf)),
				  GET_U_1(c->p + 1));
		break;
	case 29:
		if (c->len >= 6) {
			nd_printf(nd, ", LM: %u", GET_BE_U_3(c->p));
			cur_adv(c, 3);
			nd_printf(nd, ", P: %u", GET_U_1(c->p));
			cur_adv(c, 1);
			nd_printf(nd, ", P-ID: %u", GET_BE_U_2(c->p));
		}
		break;
	case 21:
		if (c->len >= 36)
			isc_print(nd, c, ident);
		break;
	case 32:
		if (c->len >= 8)
			lan_adj_sid(nd, c, ident);
		break;
	default:
		nd_print_unknown_data(nd, c->p, "\n\t\t    ", c->len);
		break;
	}
}

/* The sub-TLVs of one neighbor; returns 0 for truncation (the caller prints it), else 1. */
static int ext_is_subtlvs_print(struct nd *nd, struct subtlv_cur *c, unsigned *remaining,
				const char *ident)
{
	unsigned type;
	char buf[64];

	while (c->sum != 0) {
		if (!ND_TTEST_LEN(nd, c->p, 2))
			return 0;
		if (*remaining < 2) {
			nd_printf(nd, "%sRemaining data in TLV shorter than a subTLV header", ident);
			c->proc += (int)*remaining;
			break;
		}
		if (c->sum < 2) {
			nd_printf(nd, "%sRemaining data in subTLVs shorter than a subTLV header", ident);
			c->proc += (int)c->sum;
			break;
		}
		type = GET_U_1(c->p);
		c->len = GET_U_1(c->p + 1);
		c->p += 2;
		*remaining -= 2;
		c->sum -= 2;
		c->proc += 2;
		nd_puts(nd, ident);
		nd_puts(nd, nd_tok2str(ext_is_subtlvs, "unknown", type, buf, sizeof(buf)));
		nd_puts(nd, " subTLV #");
		nd_putu(nd, type);
		nd_puts(nd, ", length: ");
		nd_putu(nd, c->len);
		if (c->sum < c->len) {
			nd_puts(nd, " (remaining data in subTLVs shorter than the current subTLV)");
			c->proc += (int)c->sum;
			break;
		}
		if (*remaining < c->len) {
			nd_puts(nd, " (> remaining tlv length)");
			c->proc += (int)*remaining;
			break;
		}
		if (!ND_TTEST_LEN(nd, c->p, c->len))
			return 0;
		/* What a printer consumes is not taken from *remaining: tcpdump's count. */
		ext_is_subtlv(nd, type, c, ident);
		c->p += c->len;
		*remaining -= c->len;
		c->sum -= c->len;
		c->proc += (int)c->len;
	}
	return 1;
}

unsigned nd_isis_ext_is_reach(struct nd *nd, const uint8_t *tptr, const char *ident,
			      unsigned tlv_type, unsigned remaining)
{
	struct subtlv_cur c;
	char idb[24], ib[24];

	if (!ND_TTEST_LEN(nd, tptr, ISIS_NODE_ID_LEN) || remaining < ISIS_NODE_ID_LEN)
		return 0;
	nd_puts(nd, ident);
	nd_puts(nd, "IS Neighbor: ");
	nd_puts(nd, nd_isis_id(nd, tptr, ISIS_NODE_ID_LEN, idb));
	c.p = tptr + ISIS_NODE_ID_LEN;
	remaining -= ISIS_NODE_ID_LEN;
	c.proc = ISIS_NODE_ID_LEN;
	if (tlv_type != ISIS_TLV_IS_ALIAS_ID) {
		if (!ND_TTEST_LEN(nd, c.p, 3) || remaining < 3)
			return 0;
		nd_puts(nd, ", Metric: ");
		nd_putu(nd, GET_BE_U_3(c.p));
		c.p += 3;
		remaining -= 3;
		c.proc += 3;
	}
	if (!ND_TTEST_LEN(nd, c.p, 1) || remaining < 1)
		return 0;
	c.sum = GET_U_1(c.p);
	c.p++;
	remaining--;
	c.proc++;
	nd_printf(nd, ", %ssub-TLVs present", c.sum ? "" : "no ");
	if (c.sum) {
		nd_printf(nd, " (%u)", c.sum);
		snprintf(ib, sizeof(ib), "%s  ", ident);
		if (!ext_is_subtlvs_print(nd, &c, &remaining, ib))
			return 0;
	}
	return (unsigned)c.proc;
}

uint8_t nd_isis_mtid(struct nd *nd, const uint8_t *tptr, const char *ident, unsigned remaining)
{
	char b1[48], b2[48];
	unsigned v;

	if (remaining < 2)
		return 0;
	v = GET_BE_U_2(tptr);
	nd_printf(nd, "%s%s", ident,
		  nd_tok2str(mt_values, "Reserved for IETF Consensus", v & 0x0fff, b1, sizeof(b1)));
	nd_printf(nd, " Topology (0x%03x), Flags: [%s]", v & 0x0fff,
		  nd_bittok2str(mt_flags, "none", v & 0xf000, ", ", b2, sizeof(b2)));
	return 2;
}

/* ---- Extended IP reachability (135, 235, 236, 237) ---- */

static int prefix_sid(struct nd *nd, const uint8_t *p, unsigned subl)
{
	unsigned flags = GET_U_1(p), algo = GET_U_1(p + 1), sid;
	char b1[96], b2[16];

	if (flags & 0x08) {
		if (subl < 5)
			return -1;
		sid = GET_BE_U_3(p + 2);
	} else {
		if (subl < 6)
			return -1;
		sid = GET_BE_U_4(p + 2);
	}
	nd_printf(nd, ", Flags [%s], Algo %s (%u), %s %u",
		  nd_bittok2str(prefix_sid_flags, "None", flags, ", ", b1, sizeof(b1)),
		  nd_tok2str(prefix_sid_algos, "Unknown", algo, b2, sizeof(b2)), algo,
		  flags & 0x08 ? "label" : "index", sid);
	return 0;
}

/* One sub-TLV of a prefix; 0 if truncated (the marker printed here, once more by the caller). */
static int ip_reach_subtlv(struct nd *nd, const uint8_t *p, unsigned subt, unsigned subl,
			   const char *ident)
{
	char buf[48];

	nd_printf(nd, "%s%s subTLV #%u, length: %u", ident,
		  nd_tok2str(ext_ip_subtlvs, "unknown", subt, buf, sizeof(buf)), subt, subl);
	if (!ND_TTEST_LEN(nd, p, subl))
		goto trunc;
	switch (subt) {
	case 117:
	case 1:
		for (; subl >= 4; p += 4, subl -= 4)
			nd_printf(nd, ", 0x%08x (=%u)", GET_BE_U_4(p), GET_BE_U_4(p));
		break;
	case 2:
		for (; subl >= 8; p += 8, subl -= 8)
			nd_printf(nd, ", 0x%08x%08x", GET_BE_U_4(p), GET_BE_U_4(p + 4));
		break;
	case 3:
		if (prefix_sid(nd, p, subl) < 0)
			goto trunc;
		break;
	default:
		if (!nd_print_unknown_data(nd, p, "\n\t\t    ", subl))
			return 0;
		break;
	}
	return 1;
trunc:
	nd_print_trunc(nd);
	return 0;
}

static void prefix_text(const uint8_t *pfx, unsigned bits, int v6, const char *ident,
			struct nd *nd)
{
	char ab[INET6_ADDRSTRLEN];

	if (!v6)
		nd_printf(nd, "%sIPv4 prefix: %15s/%u", ident,
			  inet_ntop(AF_INET, pfx, ab, sizeof(ab)), bits);
	else
		nd_printf(nd, "%sIPv6 prefix: %s/%u", ident, inet_ntop(AF_INET6, pfx, ab, sizeof(ab)),
			  bits);
}

unsigned nd_isis_extd_ip_reach(struct nd *nd, const uint8_t *tptr, const char *ident, int v6)
{
	uint8_t pfx[16];
	unsigned metric, status, bits, bytes, sublen, processed, st, sl;
	char ib[24];
	int subtlvs;

	metric = GET_BE_U_4(tptr);
	processed = 4;
	tptr += 4;
	status = GET_U_1(tptr);
	bits = v6 ? GET_U_1(tptr + 1) : status & 0x3f;
	if (bits > (v6 ? 128u : 32u)) {
		nd_printf(nd, "%sIPv%c prefix: bad bit length %u", ident, v6 ? '6' : '4', bits);
		return 0;
	}
	tptr += v6 ? 2 : 1;
	processed += v6 ? 2 : 1;
	bytes = (bits + 7) / 8;
	memset(pfx, 0, sizeof(pfx));
	for (unsigned i = 0; i < bytes; i++)
		pfx[i] = GET_U_1(tptr + i);
	tptr += bytes;
	processed += bytes;
	prefix_text(pfx, bits, v6, ident, nd);
	nd_puts(nd, (status & 0x80) ? ", Distribution: down, Metric: " : ", Distribution: up, Metric: ");
	nd_putu(nd, metric);
	subtlvs = v6 ? (status & 0x20) : (status & 0x40);
	if (!v6 && subtlvs)
		nd_puts(nd, ", sub-TLVs present");
	else if (v6)
		nd_printf(nd, ", %s%s", (status & 0x40) ? "External" : "Internal",
			  subtlvs ? ", sub-TLVs present" : "");
	if (!subtlvs)
		return processed;
	sublen = GET_U_1(tptr);
	tptr++;
	processed += sublen + 1;
	nd_printf(nd, " (%u)", sublen);
	/* As tcpdump: a sub-TLV longer than what is left wraps the count and reads on. */
	while (sublen > 0) {
		st = GET_U_1(tptr);
		sl = GET_U_1(tptr + 1);
		tptr += 2;
		snprintf(ib, sizeof(ib), "%s  ", ident);
		if (!ip_reach_subtlv(nd, tptr, st, sl, ib))
			return 0;
		tptr += sl;
		sublen -= sl + 2;
	}
	return processed;
}

/* ---- Router capability (242) and SPB (143, 144) sub-TLVs ---- */

static void sr_capabilities(struct nd *nd, const uint8_t *p, uint8_t subl)
{
	const uint8_t *sp = p + 4;
	uint8_t tlen = (uint8_t)(subl - 4), type, len;
	char buf[32];

	nd_printf(nd, ", Flags [%s], Range %u",
		  nd_bittok2str(router_cap_sr_flags, "None", GET_U_1(p), ", ", buf, sizeof(buf)),
		  GET_BE_U_3(p + 1));
	while (tlen >= 5) {
		type = GET_U_1(sp);
		len = GET_U_1(sp + 1);
		tlen -= 2;
		sp += 2;
		if (len > tlen)
			break;
		if (type != 1)
			nd_print_unknown_data(nd, sp, "\n\t\t  ", len);
		else if (len == 3)
			nd_printf(nd, ", SID value %u", GET_BE_U_3(sp));
		else if (len == 4)
			nd_printf(nd, ", SID value %u", GET_BE_U_4(sp));
		else
			nd_printf(nd, ", Unknown SID length%u", len);
		sp += len;
		tlen -= len;
	}
}

void nd_isis_router_cap_subtlv(struct nd *nd, const uint8_t *tptr, uint8_t tlen)
{
	uint8_t subt, subl;
	char buf[32];

	while (tlen >= 2) {
		subt = GET_U_1(tptr);
		subl = GET_U_1(tptr + 1);
		tlen -= 2;
		tptr += 2;
		nd_printf(nd, "\n\t\t%s subTLV #%u, length: %u",
			  nd_tok2str(router_cap_subtlvs, "unknown", subt, buf, sizeof(buf)), subt, subl);
		if (subl > tlen || !ND_TTEST_LEN(nd, tptr, subl))
			return;
		if (subt == 2)
			sr_capabilities(nd, tptr, subl);
		else
			nd_print_unknown_data(nd, tptr, "\n\t\t", subl);
		tlen -= subl;
		tptr += subl;
	}
}

static void mcid_print(struct nd *nd, const uint8_t *m)
{
	if (!ND_TTEST_LEN(nd, m, 51)) {
		nd_print_trunc(nd);
		return;
	}
	nd_printf(nd, "ID: %u, Name: ", GET_U_1(m));
	nd_printjnp(nd, m + 1, 32);
	nd_printf(nd, "\n\t              Lvl: %u", GET_BE_U_2(m + 33));
	nd_puts(nd, ", Digest: ");
	for (unsigned i = 0; i < 16; i++)
		nd_printf(nd, "%.2x ", GET_U_1(m + 35 + i));
}

/* SPB digest and BVID sub-TLVs; -1 when one is too short. */
static int spb_digest(struct nd *nd, const uint8_t **pp, unsigned *len, unsigned *slen)
{
	const uint8_t *p = *pp;

	if (*slen < 33)
		return -1;
	nd_printf(nd, "\n\t        RES: %u V: %u A: %u D: %u", GET_U_1(p) >> 5,
		  (GET_U_1(p) >> 4) & 1, (GET_U_1(p) >> 2) & 3, GET_U_1(p) & 3);
	p++;
	nd_puts(nd, "\n\t         Digest: ");
	for (unsigned i = 1; i <= 8; i++, p += 4) {
		nd_printf(nd, "%08x ", GET_BE_U_4(p));
		if (i % 4 == 0 && i != 8)
			nd_puts(nd, "\n\t                 ");
	}
	*pp = p;
	*len -= 33;
	*slen -= 33;
	return 0;
}

static int spb_bvid(struct nd *nd, const uint8_t **pp, unsigned *len, unsigned *slen)
{
	const uint8_t *p = *pp;

	while (*slen != 0) {
		if (*slen < 4)
			return -1;
		nd_printf(nd, "\n\t           ECT: %08x", GET_BE_U_4(p));
		p += 4;
		*len -= 4;
		*slen -= 4;
		*pp = p;
		if (*slen < 2)
			return -1;
		nd_printf(nd, " BVID: %u, U:%01x M:%01x ", GET_BE_U_2(p) >> 4, (GET_BE_U_2(p) >> 3) & 1,
			  (GET_BE_U_2(p) >> 2) & 1);
		p += 2;
		*len -= 2;
		*slen -= 2;
		*pp = p;
	}
	return 0;
}

void nd_isis_mt_port_cap_subtlv(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned type, slen;
	char buf[24];
	int rc;

	while (len > 2) {
		rc = 0;
		type = GET_U_1(p);
		slen = GET_U_1(p + 1);
		nd_printf(nd, "\n\t       %s subTLV #%u, length: %u",
			  nd_tok2str(mt_port_cap_subtlvs, "unknown", type, buf, sizeof(buf)), type, slen);
		p += 2;
		len -= 2;
		if (len < slen) {
			nd_puts(nd, " (> containing TLV length)");
			return;
		}
		if (!ND_TTEST_LEN(nd, p, slen)) {
			nd_print_trunc(nd);
			return;
		}
		if (type == 4) {
			if (slen < 102)
				goto too_short;
			nd_puts(nd, "\n\t         MCID: ");
			mcid_print(nd, p);
			nd_puts(nd, "\n\t         AUX-MCID: ");
			mcid_print(nd, p + 51);
			p += 102;
			len -= 102;
			slen -= 102;
		} else if (type == 5) {
			rc = spb_digest(nd, &p, &len, &slen);
		} else if (type == 6) {
			rc = spb_bvid(nd, &p, &len, &slen);
		}
		if (rc < 0)
			goto too_short;
		p += slen;
		len -= slen;
	}
	return;
too_short:
	nd_puts(nd, " (too short)");
}

static int spb_instance(struct nd *nd, const uint8_t **pp, unsigned *len, unsigned *slen)
{
	const uint8_t *p = *pp;
	unsigned trees;

	if (*slen < 19)
		return -2;
	nd_printf(nd, "\n\t        CIST Root-ID: %08x", GET_BE_U_4(p));
	nd_printf(nd, " %08x", GET_BE_U_4(p + 4));
	nd_printf(nd, ", Path Cost: %08x", GET_BE_U_4(p + 8));
	nd_printf(nd, ", Prio: %u", GET_BE_U_2(p + 12));
	nd_printf(nd, "\n\t        RES: %u", GET_BE_U_2(p + 14) >> 5);
	nd_printf(nd, ", V: %u", (GET_BE_U_2(p + 14) >> 4) & 1);
	nd_printf(nd, ", SPSource-ID: %u", GET_BE_U_4(p + 14) & 0x000fffff);
	nd_printf(nd, ", No of Trees: %x", GET_U_1(p + 18));
	trees = GET_U_1(p + 18);
	p += 19;
	*len -= 19;
	*slen -= 19;
	for (; trees; trees--, p += 8, *len -= 8, *slen -= 8) {
		*pp = p;
		if (*slen < 8)
			return -1;
		nd_printf(nd, "\n\t         U:%u, M:%u, A:%u, RES:%u", GET_U_1(p) >> 7,
			  (GET_U_1(p) >> 6) & 1, (GET_U_1(p) >> 5) & 1, GET_U_1(p) & 0x1f);
		nd_printf(nd, ", ECT: %08x", GET_BE_U_4(p + 1));
		nd_printf(nd, ", BVID: %u, SPVID: %u", (GET_BE_U_3(p + 5) >> 12) & 0xfff,
			  GET_BE_U_3(p + 5) & 0xfff);
	}
	*pp = p;
	return 0;
}

static int spbm_si(struct nd *nd, const uint8_t **pp, unsigned *len, unsigned *slen)
{
	const uint8_t *p = *pp;

	if (*slen < 8)
		return -1;
	nd_printf(nd, "\n\t        BMAC: %08x", GET_BE_U_4(p));
	nd_printf(nd, "%04x", GET_BE_U_2(p + 4));
	nd_printf(nd, ", RES: %u, VID: %u", GET_BE_U_2(p + 6) >> 12, GET_BE_U_2(p + 6) & 0x0fff);
	p += 8;
	*len -= 8;
	*slen -= 8;
	for (; *slen >= 4; p += 4, *len -= 4, *slen -= 4) {
		uint32_t v = GET_BE_U_4(p);

		nd_printf(nd, "\n\t        T: %u, R: %u, RES: %u, ISID: %u", v >> 31, (v >> 30) & 1,
			  (v >> 24) & 0x3f, v & 0xffffff);
	}
	*pp = p;
	return 0;
}

void nd_isis_mt_capability_subtlv(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned type, slen;
	char buf[64];
	int rc;

	while (len > 2) {
		rc = 0;
		type = GET_U_1(p);
		slen = GET_U_1(p + 1);
		p += 2;
		len -= 2;
		nd_printf(nd, "\n\t      %s subTLV #%u, length: %u",
			  nd_tok2str(mt_capability_subtlvs, "unknown", type, buf, sizeof(buf)), type,
			  slen);
		if (len < slen) {
			nd_puts(nd, " (> containing TLV length)");
			return;
		}
		if (!ND_TTEST_LEN(nd, p, slen)) {
			nd_print_trunc(nd);
			return;
		}
		if (type == 1)
			rc = spb_instance(nd, &p, &len, &slen);
		else if (type == 3)
			rc = spbm_si(nd, &p, &len, &slen);
		if (rc == -2) {
			nd_puts(nd, " (too short)");
			return;
		}
		if (rc < 0) {
			nd_print_trunc(nd);
			return;
		}
		p += slen;
		len -= slen;
	}
}

/* print-rip.c: RIP v1 and v2 (RFC 1058, 2453, 4822) on UDP port 520, RIPng (RFC 2080) on 521 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define RIP_HDRLEN 4
#define RIP_ROUTELEN 20
#define RIP_AUTHLEN 16
#define AF_INET_BSD 2

static const struct nd_tok rip_cmds[] = {
	{ 1, "Request" }, { 2, "Response" }, { 3, "Trace on" }, { 4, "Trace off" },
	{ 5, "Poll" }, { 6, "Poll Entry" }, { 0, NULL },
};

/* tcpdump's BSD address family names (af.c). */
static const struct nd_tok bsd_afs[] = {
	{ 2, "IPv4" }, { 6, "NS" }, { 7, "ISO" }, { 16, "Appletalk" }, { 23, "IPX" },
	{ 24, "IPv6" }, { 28, "IPv6" }, { 30, "IPv6" }, { 0, NULL },
};

static int mask2plen(uint32_t mask)
{
	for (int plen = 32; plen >= 0; plen--)
		if ((plen ? 0xffffffffu << (32 - plen) : 0) == mask)
			return plen;
	return -1;
}

/* One RFC 1058 entry: its size, or 0 if it is cut off. */
static unsigned entry_v1(struct nd *nd, const uint8_t *p, unsigned remaining)
{
	unsigned family;
	char buf[24];

	if (remaining < RIP_ROUTELEN || !ND_TTEST_LEN(nd, p, RIP_ROUTELEN))
		return 0;
	family = GET_BE_U_2(p);
	if (family != AF_INET_BSD && family != 0) {
		nd_puts(nd, "\n\t AFI ");
		nd_puts(nd, nd_tok2str(bsd_afs, "Unknown (%u)", family, buf, sizeof(buf)));
		nd_puts(nd, ", ");
		nd_print_unknown_data(nd, p + 4, "\n\t  ", RIP_ROUTELEN - 4);
		return RIP_ROUTELEN;
	}
	if (GET_BE_U_2(p + 2) || GET_BE_U_4(p + 8) || GET_BE_U_4(p + 12)) {
		nd_print_unknown_data(nd, p, "\n\t  ", RIP_ROUTELEN);
		return RIP_ROUTELEN;
	}
	nd_puts(nd, family == 0 ? "\n\t  AFI 0, " : "\n\t  ");
	nd_puts(nd, nd_ipaddr_string(nd, p + 4));
	nd_puts(nd, ", metric: ");
	nd_putu(nd, GET_BE_U_4(p + 16));
	return RIP_ROUTELEN;
}

/* RFC 2453's authentication entry (family 0xffff): simple, keyed (RFC 4822) or unknown. */
static unsigned entry_v2_auth(struct nd *nd, const uint8_t *p, unsigned remaining)
{
	unsigned type = GET_BE_U_2(p + 2);

	p += 4;
	remaining -= 4;
	if (type == 2) {
		nd_puts(nd, "\n\t  Simple Text Authentication data: ");
		nd_printjnp(nd, p, RIP_AUTHLEN);
	} else if (type == 3) {
		if (!ND_TTEST_LEN(nd, p, 16) || remaining < 16)
			return 0;
		nd_printf(nd, "\n\t  Auth header: Packet Len %u, Key-ID %u, Auth Data Len %u,",
			  GET_BE_U_2(p), GET_U_1(p + 2), GET_U_1(p + 3));
		nd_printf(nd, " SeqNo %u, MBZ %u, MBZ %u", GET_BE_U_4(p + 4), GET_BE_U_4(p + 8),
			  GET_BE_U_4(p + 12));
	} else {
		if (type == 1)
			nd_puts(nd, "\n\t  Auth trailer:");
		else
			nd_printf(nd, "\n\t  Unknown (%u) Authentication data:", type);
		nd_print_unknown_data(nd, p, "\n\t  ", remaining);
		return 4 + remaining;	/* it runs to the end of the packet */
	}
	return RIP_ROUTELEN;
}

static unsigned entry_v2(struct nd *nd, const uint8_t *p, unsigned remaining)
{
	unsigned family;
	char buf[24];

	if (remaining < 4 || !ND_TTEST_LEN(nd, p, 4))
		return 0;
	family = GET_BE_U_2(p);
	if (family == 0xffff)
		return entry_v2_auth(nd, p, remaining);
	if (family != AF_INET_BSD && family != 0) {
		nd_puts(nd, "\n\t  AFI ");
		nd_puts(nd, nd_tok2str(bsd_afs, "Unknown (%u)", family, buf, sizeof(buf)));
		nd_print_unknown_data(nd, p + 4, "\n\t  ", RIP_ROUTELEN - 4);
		return RIP_ROUTELEN;
	}
	if (!ND_TTEST_LEN(nd, p, RIP_ROUTELEN) || remaining < RIP_ROUTELEN)
		return 0;
	nd_printf(nd, "\n\t  AFI %s, %15s/%-2d, tag 0x%04x, metric: %u, next-hop: ",
		  nd_tok2str(bsd_afs, "%u", family, buf, sizeof(buf)), nd_ipaddr_string(nd, p + 4),
		  mask2plen(GET_BE_U_4(p + 8)), GET_BE_U_2(p + 2), GET_BE_U_4(p + 16));
	nd_puts(nd, GET_BE_U_4(p + 12) ? nd_ipaddr_string(nd, p + 12) : "self");
	return RIP_ROUTELEN;
}

/* The entries of a request or response; len is what was captured of them. */
static void print_entries(struct nd *nd, const uint8_t *p, unsigned len, unsigned vers)
{
	while (len != 0) {
		unsigned n = vers == 1 ? entry_v1(nd, p, len) : entry_v2(nd, p, len);

		if (n == 0) {
			nd_print_trunc(nd);
			break;
		}
		if (len < n) {
			nd_printf(nd, " [remaining entries length %u < %u]", len, n);
			nd_print_invalid(nd);
			break;
		}
		p += n;
		len -= n;
	}
}

void nd_rip_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned len, vers, cmd;
	char buf[40];

	nd->protocol = "rip";
	len = (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp);
	if (len > length)
		len = length;
	if (len < RIP_HDRLEN) {
		nd_print_trunc(nd);
		return;
	}
	len -= RIP_HDRLEN;
	vers = GET_U_1(bp + 1);
	nd_puts(nd, nd->o.vflag >= 1 ? "\n\tRIPv" : "RIPv");
	nd_putu(nd, vers);
	if (vers == 0) {
		nd_print_unknown_data(nd, bp, "\n\t", length);
		return;
	}
	cmd = GET_U_1(bp);
	nd_printf(nd, ", %s, length: %u",
		  nd_tok2str(rip_cmds, "unknown command (%u)", cmd, buf, sizeof(buf)), length);
	if (nd->o.vflag < 1)
		return;
	if (cmd == 1 || cmd == 2) {
		if (vers == 1 || vers == 2) {
			nd_printf(nd, vers == 1 ? ", routes: %u" : ", routes: %u or less",
				  length / RIP_ROUTELEN);
			print_entries(nd, bp + RIP_HDRLEN, len, vers);
		} else {
			nd_puts(nd, ", unknown version");
		}
	} else if (cmd != 4 && cmd != 5 && cmd != 6 && nd->o.vflag <= 1) {
		nd_print_unknown_data(nd, bp, "\n\t", length);
	}
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, bp, "\n\t", length);
}

/* RIPng: one route, as prefix/length [tag] (metric). */
static void entry6(struct nd *nd, const uint8_t *p, int print_metric)
{
	const char *a = nd_ip6addr_string(nd, p);
	unsigned tag, metric;

	nd_printf(nd, "%s/%u", a, GET_U_1(p + 18));
	tag = GET_BE_U_2(p + 16);
	if (tag)
		nd_printf(nd, " [%u]", tag);
	metric = GET_U_1(p + 19);
	if (metric && print_metric)
		nd_printf(nd, " (%u)", metric);
}

static int is_dump_request(struct nd *nd, const uint8_t *e)
{
	if (GET_U_1(e + 19) != 16)
		return 0;
	for (unsigned i = 0; i < 16; i++)
		if (GET_U_1(e + i))
			return 0;
	return 1;
}

void nd_ripng_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned cmd, vers, left, j;
	const uint8_t *e = bp + RIP_HDRLEN;

	nd->protocol = "ripng";
	vers = GET_U_1(bp + 1);
	if (vers != 1) {
		nd_printf(nd, " [vers %u]", vers);
		goto invalid;
	}
	cmd = GET_U_1(bp);
	if (cmd != 1 && cmd != 2) {
		nd_printf(nd, " ripng-%u ?? %u", cmd, length);
		goto invalid;
	}
	if (length < RIP_HDRLEN)
		goto invalid;
	left = length - RIP_HDRLEN;
	j = left / RIP_ROUTELEN;
	if (cmd == 1 && j == 1 && is_dump_request(nd, e)) {
		nd_puts(nd, " ripng-req dump");
		return;
	}
	nd_puts(nd, cmd == 1 ? " ripng-req " : " ripng-resp ");
	nd_putu(nd, j);
	if (j * RIP_ROUTELEN != left)
		nd_printf(nd, "[%u]", length);
	nd_putc(nd, ':');
	for (; left >= RIP_ROUTELEN; left -= RIP_ROUTELEN, e += RIP_ROUTELEN) {
		nd_puts(nd, nd->o.vflag > 1 ? "\n\t" : " ");
		entry6(nd, e, cmd == 2);
	}
	if (left == 0)
		return;
invalid:
	nd_print_invalid(nd);
}

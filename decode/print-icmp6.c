/* print-icmp6.c: ICMPv6 with neighbour and router discovery and MLD, as tcpdump prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>

#include "nd.h"

static const struct nd_tok icmp6_types[] = {
	{ 1, "destination unreachable" },
	{ 2, "packet too big" },
	{ 3, "time exceeded in-transit" },
	{ 4, "parameter problem" },
	{ 128, "echo request" },
	{ 129, "echo reply" },
	{ 130, "multicast listener query" },
	{ 131, "multicast listener report" },
	{ 132, "multicast listener done" },
	{ 133, "router solicitation" },
	{ 134, "router advertisement" },
	{ 135, "neighbor solicitation" },
	{ 136, "neighbor advertisement" },
	{ 137, "redirect" },
	{ 138, "router renumbering" },
	{ 141, "inverse neighbor solicitation" },
	{ 142, "inverse neighbor advertisement" },
	{ 143, "multicast listener report v2" },
	{ 144, "ha discovery request" },
	{ 145, "ha discovery reply" },
	{ 146, "mobile router solicitation" },
	{ 147, "mobile router advertisement" },
	{ 139, "node information query" },
	{ 140, "node information reply" },
	{ 200, "mtrace response" },
	{ 201, "mtrace message" },
	{ 155, "RPL" },
	{ 0, NULL },
};

static const struct nd_tok unreach_codes[] = {
	{ 0, "unreachable route" },
	{ 1, " unreachable prohibited" },
	{ 2, "beyond scope" },
	{ 3, "unreachable address" },
	{ 4, "unreachable port" },
	{ 0, NULL },
};

static const struct nd_tok pi_flags[] = {
	{ 0x80, "onlink" }, { 0x40, "auto" }, { 0x20, "router" }, { 0, NULL },
};

static const struct nd_tok ra_flags[] = {
	{ 0x80, "managed" }, { 0x40, "other stateful" }, { 0x20, "home agent" }, { 0, NULL },
};

static const struct nd_tok na_flags[] = {
	{ 0x80000000u, "router" }, { 0x40000000u, "solicited" }, { 0x20000000u, "override" },
	{ 0, NULL },
};

static const struct nd_tok opt_names[] = {
	{ 1, "source link-address" },
	{ 2, "destination link-address" },
	{ 3, "prefix info" },
	{ 4, "redirected header" },
	{ 5, "mtu" },
	{ 25, "rdnss" },
	{ 31, "dnssl" },
	{ 7, "advertisement interval" },
	{ 8, "homeagent information" },
	{ 24, "route info" },
	{ 0, NULL },
};

static const struct nd_tok mldv2_rec_types[] = {
	{ 1, "is_in" }, { 2, "is_ex" }, { 3, "to_in" }, { 4, "to_ex" }, { 5, "allow" },
	{ 6, "block" }, { 0, NULL },
};

static const char *rtpref(unsigned v)
{
	static const char *const s[] = { "medium", "high", "rsv", "low" };

	return s[(v & 0x18) >> 3];
}

static void print_lifetime(struct nd *nd, uint32_t v)
{
	if (v == 0xffffffffu) {
		nd_puts(nd, "infinity");
	} else {
		nd_putu(nd, v);
		nd_putc(nd, 's');
	}
}

/* tcpdump's print_unknown_data: a hex dump of what was captured of it. */
static void unknown_data(struct nd *nd, const uint8_t *cp, const char *indent, unsigned len)
{
	if (cp < nd->packet || cp > nd->snapend) {
		nd_printf(nd, "%sDissector error: print_unknown_data called with pointer past end of packet",
			  indent);
		return;
	}
	nd_hex_print(nd, indent, cp, len);
}

/* A domain name in wire form, without compression; returns what follows it or NULL. */
static const uint8_t *fqdn_print(struct nd *nd, const uint8_t *cp)
{
	unsigned n;

	while ((n = GET_U_1(cp)) != 0) {
		if (n >= 0xc0 || n > 63)
			return NULL;
		cp++;
		for (unsigned i = 0; i < n; i++)
			nd_putc(nd, (char)GET_U_1(cp + i));
		cp += n;
		nd_putc(nd, '.');
	}
	return cp + 1;
}

/* The options after an ND message; -1 when they run past the capture. */
static int opts_print(struct nd *nd, const uint8_t *bp, int resid)
{
	const uint8_t *cp = bp;
	char buf[64];

	while (cp < nd->snapend) {
		unsigned type, len, l;

		if (!ND_TTEST_LEN(nd, cp + 1, 1))
			return -1;
		if (resid <= 0)
			return 0;
		type = GET_U_1(cp);
		len = GET_U_1(cp + 1);
		if (len == 0)
			return -1;
		if (cp + (len << 3) > nd->snapend)
			return -1;
		nd_puts(nd, "\n\t  ");
		nd_puts(nd, nd_tok2str(opt_names, "unknown", type, buf, sizeof(buf)));
		nd_printf(nd, " option (%u), length %u (%u): ", type, len << 3, len);
		switch (type) {
		case 1:
		case 2:
			l = (len << 3) - 2;
			for (unsigned i = 0; i < l; i++)
				nd_printf(nd, i ? ":%02x" : "%02x", GET_U_1(cp + 2 + i));
			break;
		case 3: {
			const char *pfx = nd_ip6addr_string(nd, cp + 16);
			unsigned plen = GET_U_1(cp + 2);

			nd_printf(nd, "%s/%u%s, Flags [%s], valid time ", pfx, plen,
				  len != 4 ? "badlen" : "",
				  nd_bittok2str(pi_flags, "none", GET_U_1(cp + 3), ", ", buf,
						sizeof(buf)));
			print_lifetime(nd, GET_BE_U_4(cp + 4));
			nd_puts(nd, ", pref. time ");
			print_lifetime(nd, GET_BE_U_4(cp + 8));
			break;
		}
		case 4:
			/* tcpdump dumps from the first option here, not this one. */
			unknown_data(nd, bp, "\n\t    ", len << 3);
			break;
		case 5:
			nd_printf(nd, " %u%s", GET_BE_U_4(cp + 4), len != 1 ? "bad option length" : "");
			break;
		case 25:
			l = (len - 1) / 2;
			nd_printf(nd, " lifetime %us,", GET_BE_U_4(cp + 4));
			for (unsigned i = 0; i < l; i++) {
				nd_printf(nd, " addr: %s", nd_ip6addr_string(nd, cp + 8 + 16 * i));
			}
			break;
		case 31: {
			const uint8_t *dom = cp + 8;

			nd_printf(nd, " lifetime %us, domain(s):", GET_BE_U_4(cp + 4));
			while (dom < cp + (len << 3) && GET_U_1(dom) != 0) {
				nd_putc(nd, ' ');
				dom = fqdn_print(nd, dom);
				if (!dom)
					return -1;
			}
			break;
		}
		case 7:
			nd_printf(nd, " %ums", GET_BE_U_4(cp + 4));
			break;
		case 8:
			nd_printf(nd, " preference %u, lifetime %u", GET_BE_U_2(cp + 4),
				  GET_BE_U_2(cp + 6));
			break;
		case 24: {
			uint8_t in6[16];
			char a[64];

			ND_TCHECK_LEN(nd, cp + 4, 4);
			memset(in6, 0, sizeof(in6));
			if (len == 2) {
				ND_TCHECK_LEN(nd, cp + 8, 8);
				memcpy(in6, cp + 8, 8);
			} else if (len == 3) {
				ND_TCHECK_LEN(nd, cp + 8, 16);
				memcpy(in6, cp + 8, 16);
			} else if (len != 1) {
				return -1;
			}
			if (!inet_ntop(AF_INET6, in6, a, sizeof(a)))
				strcpy(a, "?");
			nd_printf(nd, " %s/%u", a, GET_U_1(cp + 2));
			nd_printf(nd, ", pref=%s", rtpref(GET_U_1(cp + 3)));
			nd_puts(nd, ", lifetime=");
			print_lifetime(nd, GET_BE_U_4(cp + 4));
			break;
		}
		default:
			if (nd->o.vflag <= 1) {
				unknown_data(nd, cp + 2, "\n\t  ", (len << 3) - 2);
				return 0;
			}
			break;
		}
		if (nd->o.vflag > 1)
			unknown_data(nd, cp + 2, "\n\t    ", (len << 3) - 2);
		cp += len << 3;
		resid -= (int)(len << 3);
	}
	return 0;
}

static void mld6_print(struct nd *nd, const uint8_t *bp)
{
	if (!ND_TTEST_LEN(nd, bp, 24))
		return;
	nd_printf(nd, "max resp delay: %u ", GET_BE_U_2(bp + 4));
	nd_printf(nd, "addr: %s", nd_ip6addr_string(nd, bp + 8));
}

static void mldv2_report_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned ngroups, group = 8;
	char buf[32];

	if (len < 8) {
		nd_printf(nd, " [invalid len %u]", len);
		return;
	}
	ngroups = GET_BE_U_2(bp + 6);
	nd_printf(nd, ", %u group record(s)", ngroups);
	if (!nd->o.vflag)
		return;
	for (unsigned i = 0; i < ngroups; i++) {
		unsigned nsrcs;

		if (len < group + 20) {
			nd_puts(nd, " [invalid number of groups]");
			return;
		}
		nd_printf(nd, " [gaddr %s", nd_ip6addr_string(nd, bp + group + 4));
		nd_putc(nd, ' ');
		nd_puts(nd, nd_tok2str(mldv2_rec_types, " [v2-report-#%u]", GET_U_1(bp + group), buf,
				       sizeof(buf)));
		nsrcs = GET_BE_U_2(bp + group + 2);
		if (len < group + 20 + nsrcs * 16) {
			nd_printf(nd, " [invalid number of sources %u]", nsrcs);
			return;
		}
		if (nd->o.vflag == 1) {
			nd_printf(nd, ", %u source(s)", nsrcs);
		} else {
			nd_puts(nd, " {");
			for (unsigned j = 0; j < nsrcs; j++) {
				nd_printf(nd, " %s", nd_ip6addr_string(nd, bp + group + 20 + j * 16));
			}
			nd_puts(nd, " }");
		}
		group += 20 + nsrcs * 16;
		nd_putc(nd, ']');
	}
}

static void mldv2_query_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned mrc, mrt, nsrcs;

	if (len < 28) {
		nd_printf(nd, " [invalid len %u]", len);
		return;
	}
	mrc = GET_BE_U_2(bp + 4);
	if (mrc < 32768)
		mrt = mrc;
	else
		mrt = ((mrc & 0x0fff) | 0x1000) << (((mrc & 0x7000) >> 12) + 3);
	if (nd->o.vflag)
		nd_printf(nd, " [max resp delay=%u]", mrt);
	nd_printf(nd, " [gaddr %s", nd_ip6addr_string(nd, bp + 8));
	if (nd->o.vflag) {
		unsigned b = GET_U_1(bp + 24), q = GET_U_1(bp + 25), qqi;

		if (b & 0x08)
			nd_puts(nd, " sflag");
		if (b & 0x07)
			nd_printf(nd, " robustness=%u", b & 0x07);
		qqi = q < 128 ? q : ((q & 0x0f) | 0x10) << (((q & 0x70) >> 4) + 3);
		nd_printf(nd, " qqi=%u", qqi);
	}
	nsrcs = GET_BE_U_2(bp + 26);
	if (nsrcs > 0) {
		if (len < 28 + nsrcs * 16) {
			nd_puts(nd, " [invalid number of sources]");
		} else if (nd->o.vflag > 1) {
			nd_puts(nd, " {");
			for (unsigned i = 0; i < nsrcs; i++) {
				nd_printf(nd, " %s", nd_ip6addr_string(nd, bp + 28 + i * 16));
			}
			nd_puts(nd, " }");
		} else {
			nd_printf(nd, ", %u source(s)", nsrcs);
		}
	}
	nd_putc(nd, ']');
}

/* The transport header inside a quoted packet, past its extension headers. */
static const uint8_t *upperlayer(struct nd *nd, const uint8_t *bp, unsigned *prot)
{
	unsigned nh, hlen = 40;

	if (!ND_TTEST_LEN(nd, bp + 6, 1))
		return NULL;
	nh = GET_U_1(bp + 6);
	while (bp < nd->snapend) {
		bp += hlen;
		switch (nh) {
		case 6:
		case 17:
			if (!ND_TTEST_LEN(nd, bp + 2, 2))
				return NULL;
			*prot = nh;
			return bp;
		case 0:
		case 60:
		case 43:
			if (!ND_TTEST_LEN(nd, bp + 1, 1))
				return NULL;
			nh = GET_U_1(bp);
			hlen = (GET_U_1(bp + 1) + 1) << 3;
			break;
		case 44:
			if (!ND_TTEST_LEN(nd, bp + 2, 2))
				return NULL;
			if (GET_BE_U_2(bp + 2) & 0xfff8)
				return NULL;
			nh = GET_U_1(bp);
			hlen = 8;
			break;
		case 51:
			if (!ND_TTEST_LEN(nd, bp + 1, 1))
				return NULL;
			nh = GET_U_1(bp);
			hlen = (GET_U_1(bp + 1) + 2) << 2;
			break;
		default:
			*prot = nh;
			return NULL;
		}
	}
	return NULL;
}

static int unreach_print(struct nd *nd, const uint8_t *dp, unsigned code, unsigned length)
{
	const uint8_t *oip = dp + 8, *ouh;
	unsigned prot = 0, dport;

	switch (code) {
	case 0:
	case 1:
	case 3:
		nd_printf(nd, " %s", nd_ip6addr_string(nd, oip + 24));
		break;
	case 2: {
		const char *d = nd_ip6addr_string(nd, oip + 24);
		const char *s = nd_ip6addr_string(nd, oip + 8);

		nd_printf(nd, " %s, source address %s", d, s);
		break;
	}
	case 4:
		ouh = upperlayer(nd, oip, &prot);
		if (!ouh)
			return -1;
		dport = GET_BE_U_2(ouh + 2);
		nd_printf(nd, ", %s", nd_ip6addr_string(nd, oip + 24));
		if (prot == 6)
			nd_printf(nd, " tcp port %u", dport);
		else if (prot == 17)
			nd_printf(nd, " udp port %u", dport);
		else
			nd_printf(nd, " protocol %u port %u unreachable", prot, dport);
		break;
	default:
		if (nd->o.vflag <= 1) {
			unknown_data(nd, dp, "\n\t", length);
			return 1;
		}
		break;
	}
	return 0;
}

void nd_icmp6_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int fragmented)
{
	unsigned type, code;
	char buf[64];
	int rc;

	nd->protocol = "icmp6";
	if (length == 0) {
		nd_puts(nd, "ICMP6, length 0");
		nd_print_invalid(nd);
		return;
	}
	if (nd->o.vflag && !fragmented && ND_TTEST_LEN(nd, bp, length)) {
		uint16_t sum = nd_nextproto_cksum(nd, ip, bp, length, 58);
		uint16_t icmp_sum = GET_BE_U_2(bp + 2);

		if (sum != 0)
			nd_printf(nd, "[bad icmp6 cksum 0x%04x -> 0x%04x!] ", icmp_sum,
				  nd_in_cksum_shouldbe(icmp_sum, sum));
		else
			nd_puts(nd, "[icmp6 sum ok] ");
	}
	type = GET_U_1(bp);
	nd_puts(nd, "ICMP6, ");
	nd_puts(nd, nd_tok2str(icmp6_types, "unknown icmp6 type (%u)", type, buf, sizeof(buf)));
	/* ND messages print their length early when -v prints more after it. */
	if (nd->o.vflag && ((type >= 133 && type <= 137) || type == 145 || type == 147)) {
		nd_puts(nd, ", length ");
		nd_putu(nd, length);
	}
	code = GET_U_1(bp + 1);
	switch (type) {
	case 1:
		nd_puts(nd, ", ");
		nd_puts(nd, nd_tok2str(unreach_codes, "unknown unreach code (%u)", code, buf,
				       sizeof(buf)));
		rc = unreach_print(nd, bp, code, length);
		if (rc < 0)
			goto trunc;
		if (rc > 0)
			return;
		break;
	case 2:
		nd_printf(nd, ", mtu %u", GET_BE_U_4(bp + 4));
		break;
	case 3:
		if (code == 0) {
			nd_printf(nd, " for %s", nd_ip6addr_string(nd, bp + 8 + 24));
		} else if (code == 1) {
			nd_puts(nd, " (reassembly)");
		} else {
			nd_printf(nd, ", unknown code (%u)", code);
		}
		break;
	case 4: {
		static const char *const what[] = { "erroneous", "next header", "option",
						    "incomplete header chain" };

		if (!ND_TTEST_LEN(nd, bp + 8 + 24, 16))
			goto trunc;
		if (code < 4)
			nd_printf(nd, ", %s - octet %u", what[code], GET_BE_U_4(bp + 4));
		else
			nd_printf(nd, ", code-#%u", code);
		break;
	}
	case 128:
	case 129:
		nd_printf(nd, ", id %u, seq %u", GET_BE_U_2(bp + 4), GET_BE_U_2(bp + 6));
		break;
	case 130:
		if (length == 24) {
			mld6_print(nd, bp);
		} else if (length >= 28) {
			nd_puts(nd, " v2");
			mldv2_query_print(nd, bp, length);
		} else {
			nd_printf(nd, " unknown-version (len %u) ", length);
		}
		break;
	case 131:
	case 132:
		mld6_print(nd, bp);
		break;
	case 133:
		if (nd->o.vflag && opts_print(nd, bp + 8, (int)length - 8) < 0)
			goto trunc;
		break;
	case 134:
		if (nd->o.vflag) {
			unsigned hl = GET_U_1(bp + 4), fl = GET_U_1(bp + 5);
			unsigned life = GET_BE_U_2(bp + 6);
			uint32_t reach = GET_BE_U_4(bp + 8), retrans = GET_BE_U_4(bp + 12);

			nd_printf(nd, "\n\thop limit %u, Flags [%s], pref %s, router lifetime %us, "
				      "reachable time %ums, retrans timer %ums",
				  hl, nd_bittok2str(ra_flags, "none", fl, ", ", buf, sizeof(buf)),
				  rtpref(fl), life, reach, retrans);
			if (opts_print(nd, bp + 16, (int)length - 16) < 0)
				goto trunc;
		}
		break;
	case 135:
		nd_printf(nd, ", who has %s", nd_ip6addr_string(nd, bp + 8));
		if (nd->o.vflag && opts_print(nd, bp + 24, (int)length - 24) < 0)
			goto trunc;
		break;
	case 136:
		nd_printf(nd, ", tgt is %s", nd_ip6addr_string(nd, bp + 8));
		if (nd->o.vflag) {
			nd_printf(nd, ", Flags [%s]",
				  nd_bittok2str(na_flags, "none", GET_BE_U_4(bp + 4), ", ", buf,
						sizeof(buf)));
			if (opts_print(nd, bp + 24, (int)length - 24) < 0)
				goto trunc;
		}
		break;
	case 137:
		nd_printf(nd, ", %s", nd_ip6addr_string(nd, bp + 24));
		nd_printf(nd, " to %s", nd_ip6addr_string(nd, bp + 8));
		if (nd->o.vflag && opts_print(nd, bp + 40, (int)length - 40) < 0)
			goto trunc;
		break;
	case 141:
	case 142:
		break;
	case 143:
		mldv2_report_print(nd, bp, length);
		break;
	case 144:
	case 146:
		nd_printf(nd, ", id 0x%04x", GET_BE_U_2(bp + 4));
		break;
	case 145:
		if (nd->o.vflag) {
			size_t avail = ND_BYTES_AVAILABLE_AFTER(nd, bp);
			const uint8_t *end = bp + (length < avail ? length : avail);

			nd_printf(nd, ", id 0x%04x", GET_BE_U_2(bp + 4));
			for (const uint8_t *p = bp + 8; p < end; p += 16) {
				nd_printf(nd, ", %s", nd_ip6addr_string(nd, p));
			}
		}
		break;
	case 147:
		if (nd->o.vflag) {
			unsigned flags;

			nd_printf(nd, ", id 0x%04x", GET_BE_U_2(bp + 4));
			flags = GET_BE_U_2(bp + 6);
			if (flags & 0xc000)
				nd_putc(nd, ' ');
			if (flags & 0x8000)
				nd_putc(nd, 'M');
			if (flags & 0x4000)
				nd_putc(nd, 'O');
			if (opts_print(nd, bp + 8, (int)length - 8) < 0)
				goto trunc;
		}
		break;
	default:
		nd_puts(nd, ", length ");
		nd_putu(nd, length);
		if (nd->o.vflag <= 1)
			unknown_data(nd, bp, "\n\t", length);
		return;
	}
	if (!nd->o.vflag) {
		nd_puts(nd, ", length ");
		nd_putu(nd, length);
	}
	return;
trunc:
	nd_print_trunc(nd);
}

/* print-ip.c: IPv4: the header, its options, fragments and the dispatch to the next protocol */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"
#include "print-app.h"

#define IP_HDRLEN 20
#define IP_RES 0x8000
#define IP_DF 0x4000
#define IP_MF 0x2000
#define IP_OFFMASK 0x1fff

#define IPOPT_EOL 0
#define IPOPT_NOP 1
#define IPOPT_RR 7
#define IPOPT_TS 68
#define IPOPT_SECURITY 130
#define IPOPT_LSRR 131
#define IPOPT_SSRR 137
#define IPOPT_RA 148

/* The names of tcpdump's -v "proto NAME (N)". */
static const struct nd_tok ipproto_values[] = {
	{ 0, "Options" }, { 1, "ICMP" }, { 2, "IGMP" }, { 4, "IPIP" }, { 6, "TCP" },
	{ 8, "EGP" }, { 9, "IGRP" }, { 17, "UDP" }, { 33, "DCCP" }, { 41, "IPv6" },
	{ 43, "Routing" }, { 44, "Fragment" }, { 46, "RSVP" }, { 47, "GRE" }, { 50, "ESP" },
	{ 51, "AH" }, { 55, "Mobile IP" }, { 58, "ICMPv6" }, { 62, "Mobile IP (old)" },
	{ 88, "EIGRP" }, { 89, "OSPF" }, { 103, "PIM" }, { 108, "Compressed IP" },
	{ 112, "VRRP" }, { 113, "PGM" }, { 132, "SCTP" }, { 135, "Mobility" },
	{ 143, "Ethernet" }, { 0, NULL },
};

static const struct nd_tok ip_option_values[] = {
	{ IPOPT_EOL, "EOL" }, { IPOPT_NOP, "NOP" }, { IPOPT_TS, "timestamp" },
	{ IPOPT_SECURITY, "security" }, { IPOPT_RR, "RR" }, { IPOPT_SSRR, "SSRR" },
	{ IPOPT_LSRR, "LSRR" }, { IPOPT_RA, "RA" }, { 82, "traceroute" }, { 0, NULL },
};

static const struct nd_tok ip_frag_values[] = {
	{ IP_MF, "+" }, { IP_DF, "DF" }, { IP_RES, "rsvd" }, { 0, NULL },
};

const char *nd_ipproto_tok(unsigned proto)
{
	for (const struct nd_tok *t = ipproto_values; t->s; t++)
		if (t->v == proto)
			return t->s;
	return NULL;
}

/* A recorded or source route; returns -1 if the addresses run past the capture. */
static int printroute(struct nd *nd, const uint8_t *cp, unsigned length)
{
	unsigned ptr;

	if (length < 3) {
		nd_printf(nd, " [bad length %u]", length);
		return 0;
	}
	if ((length + 1) & 3)
		nd_printf(nd, " [bad length %u]", length);
	ptr = GET_U_1(cp + 2) - 1;
	if (ptr < 3 || ((ptr + 1) & 3) || ptr > length + 1)
		nd_printf(nd, " [bad ptr %u]", GET_U_1(cp + 2));
	for (unsigned len = 3; len < length; len += 4) {
		if (!ND_TTEST_LEN(nd, cp + len, 4))
			return -1;
		nd_printf(nd, " %s", nd_ipaddr_string(nd, cp + len));
		if (ptr > len)
			nd_putc(nd, ',');
	}
	return 0;
}

static int printts(struct nd *nd, const uint8_t *cp, unsigned length)
{
	unsigned ptr, len = 0, hoplen, flags;
	const char *type;

	if (length < 4) {
		nd_printf(nd, "[bad length %u]", length);
		return 0;
	}
	nd_puts(nd, " TS{");
	flags = GET_U_1(cp + 3);
	hoplen = (flags & 0xf) != 0 ? 8 : 4;
	if ((length - 4) & (hoplen - 1))
		nd_printf(nd, "[bad length %u]", length);
	ptr = GET_U_1(cp + 2) - 1;
	if (ptr < 4 || ((ptr - 4) & (hoplen - 1)) || ptr > length + 1)
		nd_printf(nd, "[bad ptr %u]", GET_U_1(cp + 2));
	switch (flags & 0xf) {
	case 0:
		nd_puts(nd, "TSONLY");
		break;
	case 1:
		nd_puts(nd, "TS+ADDR");
		break;
	case 3:
		nd_puts(nd, "PRESPEC");
		break;
	default:
		nd_printf(nd, "[bad ts type %u]", flags & 0xf);
		goto done;
	}
	type = " ";
	for (len = 4; len < length; len += hoplen) {
		if (ptr == len)
			type = " ^ ";
		if (!ND_TTEST_LEN(nd, cp + len, hoplen))
			return -1;
		nd_printf(nd, "%s%u@%s", type, GET_BE_U_4(cp + len + hoplen - 4),
			  hoplen != 8 ? "" : nd_ipaddr_string(nd, cp + len));
		type = " ";
	}
done:
	nd_puts(nd, ptr == len ? " ^ " : "");
	if (flags >> 4)
		nd_printf(nd, " [%u hops not recorded]} ", flags >> 4);
	else
		nd_putc(nd, '}');
	return 0;
}

/* The options inside "options (...)"; returns -1 if one is cut short by the capture. */
static int optprint(struct nd *nd, const uint8_t *cp, unsigned length)
{
	unsigned option_len;
	const char *sep = "";
	char buf[32];

	for (; length > 0; cp += option_len, length -= option_len) {
		unsigned code;

		nd_puts(nd, sep);
		sep = ",";
		code = GET_U_1(cp);
		nd_puts(nd, nd_tok2str(ip_option_values, "unknown %u", code, buf, sizeof(buf)));
		if (code == IPOPT_NOP || code == IPOPT_EOL) {
			option_len = 1;
		} else {
			option_len = GET_U_1(cp + 1);
			if (option_len < 2) {
				nd_printf(nd, " [bad length %u]", option_len);
				return 0;
			}
		}
		if (option_len > length) {
			nd_printf(nd, " [bad length %u]", option_len);
			return 0;
		}
		if (!ND_TTEST_LEN(nd, cp, option_len))
			return -1;
		switch (code) {
		case IPOPT_EOL:
			return 0;
		case IPOPT_TS:
			if (printts(nd, cp, option_len) < 0)
				return -1;
			break;
		case IPOPT_RR:
		case IPOPT_SSRR:
		case IPOPT_LSRR:
			if (printroute(nd, cp, option_len) < 0)
				return -1;
			break;
		case IPOPT_RA:
			if (option_len < 4) {
				nd_printf(nd, " [bad length %u]", option_len);
				break;
			}
			if (GET_BE_U_2(cp + 2) != 0)
				nd_printf(nd, " value %u", GET_BE_U_2(cp + 2));
			break;
		default:
			break;
		}
	}
	return 0;
}

/* The protocols tcpdump prints without a printer of their own. */
static void demux_print(struct nd *nd, const uint8_t *bp, unsigned length, int fragmented,
			unsigned ttl, unsigned proto, const uint8_t *ip)
{
	int advance;

	/* AH, then what it protects, as tcpdump's ip_demux_print loops. */
	while (proto == 51) {
		if (!ND_TTEST_LEN(nd, bp, 1)) {
			nd->protocol = "ah";
			nd_print_trunc(nd);
			return;
		}
		proto = GET_U_1(bp);
		advance = nd_ah_print(nd, bp);
		bp += advance;
		length -= (unsigned)advance;
	}
	switch (proto) {
	case 6:
		nd_tcp_print(nd, bp, length, ip, fragmented);
		break;
	case 17:
		nd_udp_print(nd, bp, length, ip, fragmented, ttl);
		break;
	case 1:
		nd_icmp_print(nd, bp, length, ip, fragmented);
		break;
	case 132:
		nd_sctp_print(nd, bp, length, ip);
		break;
	case 33:
		nd_dccp_print(nd, bp, length, ip);
		break;
	case 4:
		nd_ip_print(nd, bp, length);
		break;
	case 41:
		nd_ip6_print(nd, bp, length);
		break;
	case 47:
		nd_gre_print(nd, bp, length);
		break;
	case 2:
		nd_igmp_print(nd, bp, length);
		break;
	case 89:
		nd_ospf_print(nd, bp, length);
		break;
	case 103:
		nd_pim_print(nd, bp, length, ip);
		break;
	case 88:
		nd_eigrp_print(nd, bp, length);
		break;
	case 112:
		if (nd->o.packettype == ND_PT_CARP)
			nd_carp_print(nd, bp, length, ttl);
		else
			nd_vrrp_print(nd, bp, length, ip, ttl);
		break;
	case 58:
	case 143:
		nd_printf(nd, "[%s requires IPv6]", nd_ipproto_tok(proto));
		nd_print_invalid(nd);
		break;
	case 59:
		nd_puts(nd, "no next header");
		break;
	case 77:
		nd_printf(nd, " nd %u", length);
		break;
	case 50:
		/* Without keys ESP shows only its clear header. */
		nd->protocol = "esp";
		if (!ND_TTEST_LEN(nd, bp, 9)) {
			nd_print_trunc(nd);
			break;
		}
		nd_printf(nd, "ESP(spi=0x%08x", GET_BE_U_4(bp));
		nd_printf(nd, ",seq=0x%x)", GET_BE_U_4(bp + 4));
		nd_printf(nd, ", length %u", length);
		break;
	case 108:
		nd->protocol = "ipcomp";
		nd_printf(nd, "IPComp(cpi=0x%04x)", GET_BE_U_2(bp + 2));
		break;
	default:
		nd_printf(nd, " ip-proto-%u %u", proto, length);
		break;
	}
}

static void print_tos(struct nd *nd, unsigned tos)
{
	static const char *const ecn[] = { "", ",ECT(1)", ",ECT(0)", ",CE" };

	nd_puts(nd, "(tos 0x");
	nd_putx(nd, tos, 0);
	nd_puts(nd, ecn[tos & 3]);
}

/* The -v header fields; returns -1 if an option ran past the capture. */
static int print_verbose(struct nd *nd, const uint8_t *bp, unsigned hlen, unsigned off,
			 unsigned proto)
{
	char fbuf[32];
	int truncated = 0;
	unsigned ttl;

	print_tos(nd, GET_U_1(bp + 1));
	ttl = GET_U_1(bp + 8);
	/* Every -v packet passes here: puts and putu, not printf. */
	if (ttl >= 1) {
		nd_puts(nd, ", ttl ");
		nd_putu(nd, ttl);
	}
	nd_puts(nd, ", id ");
	nd_putu(nd, GET_BE_U_2(bp + 4));
	nd_puts(nd, ", offset ");
	nd_putu(nd, (off & IP_OFFMASK) * 8);
	nd_puts(nd, ", flags [");
	nd_puts(nd, nd_bittok2str(ip_frag_values, "none", off & (IP_RES | IP_DF | IP_MF), ", ", fbuf,
				  sizeof(fbuf)));
	nd_puts(nd, "], proto ");
	nd_puts(nd, nd_ipproto_tok(proto) ? nd_ipproto_tok(proto) : "unknown");
	nd_puts(nd, " (");
	nd_putu(nd, proto);
	nd_puts(nd, "), length ");
	nd_putu(nd, GET_BE_U_2(bp + 2));
	if (hlen > IP_HDRLEN) {
		nd_puts(nd, ", options (");
		if (optprint(nd, bp + IP_HDRLEN, hlen - IP_HDRLEN) < 0) {
			nd_puts(nd, " [truncated-option]");
			truncated = 1;
		}
		nd_putc(nd, ')');
	}
	if (bp + hlen <= nd->snapend) {
		struct nd_cksum_vec vec = { bp, hlen };
		uint16_t sum = nd_in_cksum(&vec, 1);

		if (sum != 0) {
			uint16_t ip_sum = GET_BE_U_2(bp + 10);

			nd_printf(nd, ", bad cksum %x (->%x)!", ip_sum,
				  nd_in_cksum_shouldbe(ip_sum, sum));
		}
	}
	nd_puts(nd, ")\n    ");
	return truncated ? -1 : 0;
}

void nd_ip_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	const uint8_t *save;
	unsigned ver, hlen, len, off, proto;

	nd->protocol = "ip";
	ver = GET_U_1(bp) >> 4;
	if (ver != 4) {
		if (ver == 6)
			nd_puts(nd, "IP6, wrong link-layer encapsulation");
		else
			nd_printf(nd, "IP%u", ver);
		nd_print_invalid(nd);
		return;
	}
	if (!nd->o.eflag)
		nd_puts(nd, "IP ");
	if (!ND_TTEST_LEN(nd, bp, IP_HDRLEN)) {
		nd_print_trunc(nd);
		return;
	}
	if (length < IP_HDRLEN) {
		nd_printf(nd, "truncated-ip %u", length);
		return;
	}
	hlen = (GET_U_1(bp) & 0x0f) * 4;
	if (hlen < IP_HDRLEN) {
		nd_printf(nd, "bad-hlen %u", hlen);
		return;
	}
	len = GET_BE_U_2(bp + 2);
	if (length < len)
		nd_printf(nd, "truncated-ip - %u bytes missing! ", len - length);
	if (len < hlen) {
		nd_printf(nd, "bad-len %u", len);
		return;
	}
	/* Whatever follows the datagram (link padding) is not its payload. */
	save = nd->snapend;
	if (bp + len < nd->snapend)
		nd->snapend = bp + len;
	len -= hlen;
	off = GET_BE_U_2(bp + 6);
	proto = GET_U_1(bp + 9);

	if (nd->o.vflag && print_verbose(nd, bp, hlen, off, proto) < 0) {
		nd_puts(nd, nd_ipaddr_string(nd, bp + 12));
		nd_puts(nd, " > ");
		nd_puts(nd, nd_ipaddr_string(nd, bp + 16));
		nd_puts(nd, ": ");
		nd_print_trunc(nd);
		nd->snapend = save;
		return;
	}

	if ((off & IP_OFFMASK) == 0) {
		/* TCP and UDP print the addresses with their ports. */
		if (proto != 6 && proto != 17 && proto != 132 && proto != 33) {
			const char *src = nd_ipaddr_string(nd, bp + 12);
			const char *dst = nd_ipaddr_string(nd, bp + 16);

			nd_puts(nd, src);
			nd_puts(nd, " > ");
			nd_puts(nd, dst);
			nd_puts(nd, ": ");
		}
		if (!ND_TTEST_LEN(nd, bp, hlen)) {
			nd_printf(nd, " [remaining caplen(%u) < header length(%u)]",
				  (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, bp), hlen);
			nd_trunc_longjmp(nd);
		}
		demux_print(nd, bp + hlen, len, (off & IP_MF) != 0, GET_U_1(bp + 8), proto, bp);
	} else if (nd->o.qflag <= 1) {
		/* A later fragment: the next header is in the first one. */
		nd_printf(nd, "%s > %s:", nd_ipaddr_string(nd, bp + 12),
			  nd_ipaddr_string(nd, bp + 16));
		nd_printf(nd, " ip-proto-%u", proto);
	}
	nd->snapend = save;
}

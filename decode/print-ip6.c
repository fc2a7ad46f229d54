/* print-ip6.c: IPv6 and its extension headers, and the pseudo-header checksum for TCP/UDP */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "nd.h"
#include "print-app.h"

#define IP6_HDRLEN 40

/* IPv4's final destination: the last hop of a loose or strict source route. */
static const uint8_t *ip4_finddst(struct nd *nd, const uint8_t *ip)
{
	unsigned hlen = (GET_U_1(ip) & 0x0f) * 4, left, len;
	const uint8_t *cp = ip + 20;

	left = hlen > 20 ? hlen - 20 : 0;
	for (; left != 0; cp += len, left -= len) {
		unsigned opt = GET_U_1(cp);

		if (opt == 0)
			break;
		if (opt == 1) {
			len = 1;
		} else {
			len = GET_U_1(cp + 1);
			if (len < 2)
				break;
		}
		if (left < len || !ND_TTEST_LEN(nd, cp, len))
			break;
		if ((opt == 131 || opt == 137) && len >= 7)
			return cp + len - 4;
	}
	return ip + 16;
}

/* IPv6's final destination: the last address of a type 0 or 2 routing header. */
static const uint8_t *ip6_finddst(struct nd *nd, const uint8_t *ip6)
{
	const uint8_t *cp = ip6 + 40, *dst = ip6 + 24;
	unsigned nh = GET_U_1(ip6 + 6);

	while (cp < nd->snapend) {
		unsigned len, type;

		switch (nh) {
		case 0:
		case 60:
		case 135:
		case 62:
			nh = GET_U_1(cp);
			cp += (GET_U_1(cp + 1) + 1) * 8;
			break;
		case 44:
			nh = GET_U_1(cp);
			cp += 8;
			break;
		case 43:
			type = GET_U_1(cp + 2);
			if (type == 4) {
				/* Segment routing: the first segment is the final one. */
				if (ND_TTEST_LEN(nd, cp + 8, 16))
					dst = cp + 8;
			} else if (type == 0 || type == 2) {
				len = GET_U_1(cp + 1);
				if (len % 2 == 1)
					return dst;
				len >>= 1;
				for (unsigned i = 0; i < len; i++) {
					if (!ND_TTEST_LEN(nd, cp + 8 + 16 * i, 16))
						return dst;
					dst = cp + 8 + 16 * i;
				}
			}
			return dst;
		default:
			return dst;
		}
	}
	return dst;
}

uint16_t nd_nextproto_cksum(struct nd *nd, const uint8_t *ip, const uint8_t *data, unsigned len,
			    unsigned proto)
{
	uint8_t ph[40];
	struct nd_cksum_vec vec[2];

	if ((GET_U_1(ip) >> 4) == 6) {
		unsigned nh = GET_U_1(ip + 6);
		const uint8_t *dst = ip + 24;

		if (nh == 0 || nh == 60 || nh == 62 || nh == 135 || nh == 44 || nh == 43)
			dst = ip6_finddst(nd, ip);
		ND_TCHECK_LEN(nd, ip + 8, 16);
		ND_TCHECK_LEN(nd, dst, 16);
		memcpy(ph, ip + 8, 16);
		memcpy(ph + 16, dst, 16);
		ph[32] = (uint8_t)(len >> 24);
		ph[33] = (uint8_t)(len >> 16);
		ph[34] = (uint8_t)(len >> 8);
		ph[35] = (uint8_t)len;
		ph[36] = ph[37] = ph[38] = 0;
		ph[39] = (uint8_t)proto;
		vec[0].len = 40;
	} else {
		const uint8_t *dst = ip + 16;

		if ((GET_U_1(ip) & 0x0f) > 5)
			dst = ip4_finddst(nd, ip);
		ND_TCHECK_LEN(nd, ip + 12, 4);
		ND_TCHECK_LEN(nd, dst, 4);
		memcpy(ph, ip + 12, 4);
		memcpy(ph + 4, dst, 4);
		ph[8] = 0;
		ph[9] = (uint8_t)proto;
		ph[10] = (uint8_t)(len >> 8);
		ph[11] = (uint8_t)len;
		vec[0].len = 12;
	}
	ND_TCHECK_LEN(nd, data, len);
	vec[0].ptr = ph;
	vec[1].ptr = data;
	vec[1].len = len;
	return nd_in_cksum(vec, 2);
}

static const struct nd_tok ipproto_values[] = {
	{ 0, "Options" }, { 1, "ICMP" }, { 2, "IGMP" }, { 4, "IPIP" }, { 6, "TCP" },
	{ 8, "EGP" }, { 9, "IGRP" }, { 17, "UDP" }, { 33, "DCCP" }, { 41, "IPv6" },
	{ 43, "Routing" }, { 44, "Fragment" }, { 46, "RSVP" }, { 47, "GRE" }, { 50, "ESP" },
	{ 51, "AH" }, { 54, "NARP" }, { 58, "ICMPv6" }, { 77, "ND" }, { 88, "EIGRP" },
	{ 89, "OSPF" }, { 94, "MOBILE" }, { 98, "ENCAP" }, { 103, "PIM" }, { 108, "IPComp" },
	{ 112, "VRRP" }, { 113, "PGM" }, { 115, "L2TP" }, { 132, "SCTP" }, { 135, "Mobility" },
	{ 0, NULL },
};

/*
 * The options of a hop-by-hop or destination header. payload_len is NULL for
 * destination options, where a jumbo length is not valid. Returns -1 when an
 * option runs past the header.
 */
static int opts_print(struct nd *nd, const uint8_t *bp, unsigned len, int *found_jumbop,
		      uint32_t *payload_len)
{
	int found_jumbo = 0;
	unsigned optlen;
	int v = nd->o.vflag;

	for (unsigned i = 0; i < len; i += optlen) {
		unsigned type = GET_U_1(bp + i), olen;

		if (type == 0) {
			optlen = 1;
		} else {
			if (i + 1 >= len)
				return -1;
			optlen = GET_U_1(bp + i + 1) + 2;
		}
		if (i + optlen > len)
			return -1;
		switch (type) {
		case 0:
			if (v)
				nd_puts(nd, "(pad1)");
			break;
		case 1:
			if (len - i < 2) {
				nd_puts(nd, "(padn: trunc)");
				return -1;
			}
			if (v)
				nd_puts(nd, "(padn)");
			break;
		case 5:
			if (len - i < 4) {
				nd_puts(nd, "(rtalert: trunc)");
				return -1;
			}
			olen = GET_U_1(bp + i + 1);
			if (olen != 2) {
				nd_printf(nd, "(rtalert: invalid len %u)", olen);
				return -1;
			}
			if (v)
				nd_printf(nd, "(rtalert: 0x%04x) ", GET_BE_U_2(bp + i + 2));
			break;
		case 0xc2: {
			uint32_t jumbolen;
			const char *why = NULL;

			if (len - i < 6) {
				nd_puts(nd, "(jumbo: trunc)");
				return -1;
			}
			olen = GET_U_1(bp + i + 1);
			if (olen != 4) {
				nd_printf(nd, "(jumbo: invalid len %u)", olen);
				return -1;
			}
			jumbolen = GET_BE_U_4(bp + i + 2);
			if (found_jumbo) {
				why = " - already seen";
			} else {
				found_jumbo = 1;
				if (!payload_len)
					why = " - not a hop-by-hop option";
				else if (*payload_len != 0)
					why = " - payload len != 0";
				else if (jumbolen < 65536)
					why = " - < 65536";
				else {
					*found_jumbop = 1;
					*payload_len = jumbolen;
					why = "";
				}
			}
			if (v)
				nd_printf(nd, "(jumbo: %u%s) ", jumbolen, why);
			break;
		}
		case 0xc9:
			if (len - i < 18) {
				nd_puts(nd, "(homeaddr: trunc)");
				return -1;
			}
			olen = GET_U_1(bp + i + 1);
			if (olen < 16) {
				nd_printf(nd, "(homeaddr: invalid len %u)", olen);
				return -1;
			}
			if (v) {
				nd_puts(nd, "(homeaddr: ");
				nd_puts(nd, nd_ip6addr_string(nd, bp + i + 2));
				nd_putc(nd, ')');
			}
			break;
		default:
			if (len - i < 2) {
				nd_printf(nd, "(type %u: trunc)", type);
				return -1;
			}
			if (v)
				nd_printf(nd, "(opt_type 0x%02x: len=%u)", type,
					  GET_U_1(bp + i + 1));
			break;
		}
	}
	if (v)
		nd_putc(nd, ' ');
	return 0;
}

/* Hop-by-hop or destination options; returns the header length or -1 after " [|...]". */
static int optshdr_print(struct nd *nd, const uint8_t *bp, int hbh, int *found_jumbo,
			 uint32_t *payload_len)
{
	unsigned hlen;

	nd->protocol = hbh ? "hbhopt" : "dstopt";
	hlen = (GET_U_1(bp + 1) + 1) * 8;
	if (!ND_TTEST_LEN(nd, bp, hlen)) {
		nd_print_trunc(nd);
		return -1;
	}
	nd_puts(nd, hbh ? "HBH " : "DSTOPT ");
	if (opts_print(nd, bp + 2, hlen - 2, found_jumbo, hbh ? payload_len : NULL) < 0) {
		nd_print_trunc(nd);
		return -1;
	}
	return (int)hlen;
}

static int rt6_print(struct nd *nd, const uint8_t *bp)
{
	unsigned len, type, n;
	const uint8_t *p;

	nd->protocol = "rt6";
	nd_puts(nd, "RT6");
	len = GET_U_1(bp + 1);
	nd_printf(nd, " (len=%u", len);
	type = GET_U_1(bp + 2);
	nd_printf(nd, ", type=%u", type);
	if (type == 0)
		nd_puts(nd, " [Deprecated]");
	nd_printf(nd, ", segleft=%u", GET_U_1(bp + 3));
	switch (type) {
	case 0:
	case 2:
		if (nd->o.vflag)
			nd_printf(nd, ", rsv=0x%0x", GET_BE_U_4(bp + 4));
		if (len % 2 == 1) {
			nd_puts(nd, " #invalid length#");
			nd_print_invalid(nd);
			return -1;
		}
		n = len / 2;
		p = bp + 8;
		break;
	case 4:
		n = GET_U_1(bp + 4) + 1;
		nd_puts(nd, ", last-entry=");
		nd_putu(nd, n - 1);
		if (nd->o.vflag)
			nd_printf(nd, ", flags=0x%0x", GET_U_1(bp + 5));
		nd_printf(nd, ", tag=%x", GET_BE_U_2(bp + 6));
		p = bp + 8;
		break;
	default:
		nd_puts(nd, " (unknown type)");
		nd_print_invalid(nd);
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		const char *a = nd_ip6addr_string(nd, p + 16 * i);

		nd_puts(nd, ", [");
		nd_putu(nd, i);
		nd_putc(nd, ']');
		nd_puts(nd, a);
	}
	nd_puts(nd, ") ");
	return (int)((len + 1) * 8);
}

/* Returns the header length, or -1 for a later fragment, which is not decoded. */
static int frag6_print(struct nd *nd, const uint8_t *bp, const uint8_t *ip6)
{
	unsigned off;
	long rest;

	nd->protocol = "frag6";
	off = GET_BE_U_2(bp + 2) & 0xfff8;
	rest = IP6_HDRLEN + (long)GET_BE_U_2(ip6 + 4) - (long)(bp - ip6) - 8;
	if (nd->o.vflag)
		nd_printf(nd, "frag (0x%08x:%u|%ld)", GET_BE_U_4(bp + 4), off, rest);
	else
		nd_printf(nd, "frag (%u|%ld)", off, rest);
	if (off != 0)
		return -1;
	nd_putc(nd, ' ');
	return 8;
}

static void esp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	nd->protocol = "esp";
	/* tcpdump wants a byte past the SPI and sequence number. */
	if (!ND_TTEST_LEN(nd, bp, 9)) {
		nd_print_trunc(nd);
		return;
	}
	nd_printf(nd, "ESP(spi=0x%08x,seq=0x%x), length %u", GET_BE_U_4(bp), GET_BE_U_4(bp + 4),
		  length);
}

/* The upper-layer protocols, as tcpdump's ip_demux_print hands them out. */
static void demux(struct nd *nd, const uint8_t *bp, unsigned length, int fragmented, unsigned nh,
		  const uint8_t *ip6)
{
	int advance;

	for (;;) {
		switch (nh) {
		case 51:
			if (!ND_TTEST_LEN(nd, bp, 1)) {
				nd->protocol = "ah";
				nd_print_trunc(nd);
				return;
			}
			nh = GET_U_1(bp);
			advance = nd_ah_print(nd, bp);
			if (advance <= 0)
				return;
			bp += advance;
			length -= (unsigned)advance;
			continue;
		case 50:
			esp_print(nd, bp, length);
			return;
		case 6:
			nd_tcp_print(nd, bp, length, ip6, fragmented);
			return;
		case 17:
			nd_udp_print(nd, bp, length, ip6, fragmented, GET_U_1(ip6 + 7));
			return;
		case 58:
			nd_icmp6_print(nd, bp, length, ip6, fragmented);
			return;
		case 132:
			nd_sctp_print(nd, bp, length, ip6);
			return;
		case 33:
			nd_dccp_print(nd, bp, length, ip6);
			return;
		case 1:
		case 2:
			nd_printf(nd, "[%s requires IPv4]", nh == 1 ? "ICMP" : "IGMP");
			nd_print_invalid(nd);
			return;
		case 77:
			nd_puts(nd, " nd ");
			nd_putu(nd, length);
			return;
		case 4:
			nd_ip_print(nd, bp, length);
			return;
		case 41:
			nd_ip6_print(nd, bp, length);
			return;
		case 47:
			nd_gre_print(nd, bp, length);
			return;
		case 103:
			nd_pim_print(nd, bp, length, ip6);
			return;
		case 88:
			nd_eigrp_print(nd, bp, length);
			return;
		case 112:
			if (nd->o.packettype == ND_PT_CARP)
				nd_carp_print(nd, bp, length, GET_U_1(ip6 + 7));
			else
				nd_vrrp_print(nd, bp, length, ip6, GET_U_1(ip6 + 7));
			return;
		case 59:
			nd_puts(nd, "no next header");
			return;
		default:
			nd_puts(nd, " ip-proto-");
			nd_putu(nd, nh);
			nd_putc(nd, ' ');
			nd_putu(nd, length);
			return;
		}
	}
}

void nd_ip6_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	const uint8_t *cp, *saved_snapend = nd->snapend;
	uint32_t payload_len;
	unsigned len, nh, ph = 255, total = 0;
	int advance, fragmented = 0, found_ext = 0, found_jumbo = 0, found_hbh = 0;

	nd->protocol = "ip6";
	if (!ND_TTEST_LEN(nd, bp, IP6_HDRLEN)) {
		nd_print_trunc(nd);
		return;
	}
	if (length < IP6_HDRLEN) {
		nd_puts(nd, "truncated-ip6 ");
		nd_putu(nd, length);
		return;
	}
	if (!nd->o.eflag)
		nd_puts(nd, "IP6 ");
	if ((GET_U_1(bp) >> 4) != 6) {
		nd_puts(nd, "version error: ");
		nd_putu(nd, GET_U_1(bp) >> 4);
		nd_puts(nd, " != 6");
		return;
	}
	payload_len = GET_BE_U_2(bp + 4);
	/* A zero payload length may be a jumbogram: the real length is in hop-by-hop. */
	if (payload_len != 0) {
		len = payload_len + IP6_HDRLEN;
		if (length < len)
			nd_printf(nd, "truncated-ip6 - %u bytes missing!", len - length);
	} else {
		len = length + IP6_HDRLEN;
	}
	nh = GET_U_1(bp + 6);
	if (nd->o.vflag) {
		uint32_t flow = GET_BE_U_4(bp);
		char buf[16];

		nd_putc(nd, '(');
		if (flow & 0x0ff00000)
			nd_printf(nd, "class 0x%02x, ", (flow & 0x0ff00000) >> 20);
		if (flow & 0x000fffff)
			nd_printf(nd, "flowlabel 0x%05x, ", flow & 0x000fffff);
		nd_puts(nd, "hlim ");
		nd_putu(nd, GET_U_1(bp + 7));
		nd_puts(nd, ", next-header ");
		nd_puts(nd, nd_tok2str(ipproto_values, "unknown", nh, buf, sizeof(buf)));
		nd_puts(nd, " (");
		nd_putu(nd, nh);
		nd_puts(nd, ") payload length: ");
		nd_putu(nd, payload_len);
		nd_puts(nd, ") ");
	}
	/* Nothing past the datagram's own length is looked at. */
	if (len < ND_BYTES_AVAILABLE_AFTER(nd, bp))
		nd->snapend = bp + len;

	cp = bp;
	advance = IP6_HDRLEN;
	while (cp < nd->snapend && advance > 0) {
		if (len < (unsigned)advance) {
			nd_print_trunc(nd);
			break;
		}
		cp += advance;
		len -= (unsigned)advance;
		total += (unsigned)advance;
		if (cp == bp + IP6_HDRLEN && nh != 6 && nh != 17 && nh != 33 && nh != 132) {
			nd_puts(nd, nd_ip6addr_string(nd, bp + 8));
			nd_puts(nd, " > ");
			nd_puts(nd, nd_ip6addr_string(nd, bp + 24));
			nd_puts(nd, ": ");
		}
		switch (nh) {
		case 0:
			if (found_hbh) {
				nd_puts(nd, "[The Hop-by-Hop Options header was already found]");
				nd_print_invalid(nd);
				goto out;
			}
			if (ph != 255) {
				nd_puts(nd, "[The Hop-by-Hop Options header don't follow the IPv6 header]");
				nd_print_invalid(nd);
				goto out;
			}
			advance = optshdr_print(nd, cp, 1, &found_jumbo, &payload_len);
			if (payload_len == 0 && !found_jumbo) {
				nd_puts(nd, "[No valid Jumbo Payload Hop-by-Hop option found]");
				nd_print_invalid(nd);
				goto out;
			}
			if (advance < 0)
				goto out;
			found_ext = found_hbh = 1;
			nh = GET_U_1(cp);
			break;
		case 60:
			advance = optshdr_print(nd, cp, 0, NULL, NULL);
			if (advance < 0)
				goto out;
			found_ext = 1;
			nh = GET_U_1(cp);
			break;
		case 44:
			advance = frag6_print(nd, cp, bp);
			if (advance < 0 || nd->snapend <= cp + advance)
				goto out;
			found_ext = 1;
			nh = GET_U_1(cp);
			fragmented = 1;
			break;
		case 43:
			/* tcpdump's ND_TCHECK here returns, not longjmps: -x starts at the IP header. */
			if (!ND_TTEST_LEN(nd, cp, 1)) {
				nd_print_trunc(nd);
				goto out;
			}
			advance = rt6_print(nd, cp);
			if (advance < 0)
				goto out;
			found_ext = 1;
			nh = GET_U_1(cp);
			break;
		default:
			if (found_jumbo) {
				len = payload_len + IP6_HDRLEN;
				if (len < total) {
					nd_print_trunc(nd);
					goto out;
				}
				if (length < len)
					nd_printf(nd, "truncated-ip6 - %u bytes missing!",
						  len - length);
				nd->snapend = saved_snapend;
				if (len < ND_BYTES_AVAILABLE_AFTER(nd, bp))
					nd->snapend = bp + len;
				len -= total;
			} else if (payload_len == 0) {
				/* No payload: there was no room for extension headers. */
				if (found_ext) {
					nd_print_trunc(nd);
					goto out;
				}
				len = IP6_HDRLEN;
				nd->snapend = saved_snapend;
				if (len < ND_BYTES_AVAILABLE_AFTER(nd, bp))
					nd->snapend = bp + len;
				len -= total;
			}
			demux(nd, cp, len, fragmented, nh, bp);
			goto out;
		}
		ph = nh;
		nd->protocol = "ip6";
	}
out:
	nd->snapend = saved_snapend;
}

/* print-udp.c: UDP, its checksum and length checks, and the port dispatch to the printers above it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "nd.h"
#include "print-app.h"
#include "print-ppp.h"
#include "print-bgp.h"

#define UDP_HDRLEN 8

/* tcpdump prints addresses only if UDP follows the IP header directly. */
static void print_addrs(struct nd *nd, const uint8_t *ip, int v6, int sport, int dport)
{
	unsigned nxt = v6 ? GET_U_1(ip + 6) : GET_U_1(ip + 9);
	const uint8_t *src = v6 ? ip + 8 : ip + 12, *dst = v6 ? ip + 24 : ip + 16;

	if (nxt == 17) {
		nd_puts(nd, v6 ? nd_ip6addr_string(nd, src) : nd_ipaddr_string(nd, src));
		if (sport != -1) {
			nd_putc(nd, '.');
			nd_putu(nd, (unsigned)sport);
		}
		nd_puts(nd, " > ");
		nd_puts(nd, v6 ? nd_ip6addr_string(nd, dst) : nd_ipaddr_string(nd, dst));
		if (dport != -1) {
			nd_putc(nd, '.');
			nd_putu(nd, (unsigned)dport);
		}
		nd_puts(nd, ": ");
	} else if (sport != -1) {
		nd_putu(nd, (unsigned)sport);
		nd_puts(nd, " > ");
		nd_putu(nd, (unsigned)dport);
		nd_puts(nd, ": ");
	}
}

static void print_cksum(struct nd *nd, const uint8_t *up, const uint8_t *ip, int v6,
			unsigned length)
{
	uint16_t sum, udp_sum;

	/* tcpdump checks UDP over IPv4 only from -vv, and reports a zero sum. */
	if (!v6) {
		if (nd->o.vflag < 2)
			return;
		udp_sum = GET_BE_U_2(up + 6);
		if (udp_sum == 0) {
			nd_puts(nd, "[no cksum] ");
			return;
		}
	}
	if (!ND_TTEST_LEN(nd, up + UDP_HDRLEN, length))
		return;
	sum = nd_nextproto_cksum(nd, ip, up, length + UDP_HDRLEN, 17);
	udp_sum = GET_BE_U_2(up + 6);
	if (sum != 0)
		nd_printf(nd, "[bad udp cksum 0x%04x -> 0x%04x!] ", udp_sum,
			  nd_in_cksum_shouldbe(udp_sum, sum));
	else
		nd_puts(nd, "[udp sum ok] ");
}

static int is_port(unsigned sport, unsigned dport, unsigned p)
{
	return sport == p || dport == p;
}

static void print_length(struct nd *nd, unsigned ulen, unsigned length, int fragmented)
{
	if (ulen > length && !fragmented) {
		nd_puts(nd, "UDP, bad length ");
		nd_putu(nd, ulen);
		nd_puts(nd, " > ");
		nd_putu(nd, length);
	} else {
		nd_puts(nd, "UDP, length ");
		nd_putu(nd, ulen);
	}
}

/*
 * -T: tcpdump skips the checksum and -q and prints the type asked for; a
 * type it has no UDP printer for prints nothing after "IP ", and one whose
 * printer we lack prints the plain UDP line.
 */
static void print_packettype(struct nd *nd, const uint8_t *cp, const uint8_t *ip, int v6,
			     unsigned sport, unsigned dport, unsigned ulen, unsigned length,
			     int fragmented)
{
	int pt = nd->o.packettype;

	if (pt == ND_PT_CARP || pt == ND_PT_ZMTP1 || pt == ND_PT_RESP)
		return;
	if (pt == ND_PT_RPC) {	/* prints the addresses its own way */
		nd_sunrpc_print(nd, cp, length, ip);
		return;
	}
	print_addrs(nd, ip, v6, (int)sport, (int)dport);
	if (pt == ND_PT_SNMP)
		nd_snmp_print(nd, cp, length);
	else if (pt == ND_PT_TFTP)
		nd_tftp_print(nd, cp, length);
	else if (pt == ND_PT_RADIUS)
		nd_radius_print(nd, cp, length);
	else if (pt == ND_PT_VXLAN)
		nd_vxlan_print(nd, cp, length);
	else if (pt == ND_PT_DOMAIN)
		nd_dns_print(nd, cp, length, 0, 0);
	else if (pt == ND_PT_PTP)
		nd_ptp_print(nd, cp, length);
	else if (pt == ND_PT_VAT)
		nd_vat_print(nd, cp, length);
	else if (pt == ND_PT_RTP)
		nd_rtp_print(nd, cp, length);
	else if (pt == ND_PT_RTCP)
		nd_rtcp_print(nd, cp);
	else if (pt == ND_PT_CNFP)
		nd_cnfp_print(nd, cp);
	else if (pt == ND_PT_SOMEIP)
		nd_someip_print(nd, cp, length);
	else
		print_length(nd, ulen, length, fragmented);
}

/* The ports after tcpdump's first ones, in its order (see nd_udp_print). */
static int print_port_late(struct nd *nd, const uint8_t *cp, unsigned sport, unsigned dport,
			   unsigned length)
{
	if (is_port(sport, dport, 514))
		nd_syslog_print(nd, cp, length);
	else if (is_port(sport, dport, 8472))
		nd_otv_print(nd, cp, length);
	else if (is_port(sport, dport, 4789))
		nd_vxlan_print(nd, cp, length);
	else if (is_port(sport, dport, 6081))
		nd_geneve_print(nd, cp, length);
	else if (is_port(sport, dport, 6635))
		nd_mpls_print(nd, cp, length);
	else if (is_port(sport, dport, 319) || is_port(sport, dport, 320))
		nd_ptp_print(nd, cp, length);
	else if (is_port(sport, dport, 30490))
		nd_someip_print(nd, cp, length);
	else
		return 0;
	return 1;
}

void nd_udp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		  int fragmented, unsigned ttl_hlim)
{
	int v6 = (GET_U_1(ip) >> 4) == 6;
	unsigned sport, dport, ulen;
	const uint8_t *cp = bp + UDP_HDRLEN;

	(void)ttl_hlim;
	nd->protocol = "udp";
	if (!ND_TTEST_LEN(nd, bp + 2, 2)) {
		print_addrs(nd, ip, v6, -1, -1);
		nd_print_trunc(nd);
		return;
	}
	sport = GET_BE_U_2(bp);
	dport = GET_BE_U_2(bp + 2);
	if (length < UDP_HDRLEN) {
		print_addrs(nd, ip, v6, (int)sport, (int)dport);
		nd_puts(nd, "truncated-udp ");
		nd_putu(nd, length);
		return;
	}
	if (!ND_TTEST_LEN(nd, bp + 4, 2)) {
		print_addrs(nd, ip, v6, (int)sport, (int)dport);
		nd_print_trunc(nd);
		return;
	}
	ulen = GET_BE_U_2(bp + 4);
	/* RFC 2675 jumbograms carry 0 here and the real length in IPv6's option. */
	if (ulen == 0 && length > 65535)
		ulen = length;
	if (ulen < UDP_HDRLEN) {
		print_addrs(nd, ip, v6, (int)sport, (int)dport);
		nd_puts(nd, "truncated-udplength ");
		nd_putu(nd, ulen);
		return;
	}
	ulen -= UDP_HDRLEN;
	length -= UDP_HDRLEN;
	if (ulen < length)
		length = ulen;
	if (cp > nd->snapend) {
		print_addrs(nd, ip, v6, (int)sport, (int)dport);
		nd_print_trunc(nd);
		return;
	}
	if (nd->o.packettype) {
		print_packettype(nd, cp, ip, v6, sport, dport, ulen, length, fragmented);
		return;
	}
	print_addrs(nd, ip, v6, (int)sport, (int)dport);
	if (!nd->o.qflag && nd_nfs_udp_print(nd, cp, length, ip, sport, dport))
		return;
	if (nd->o.vflag && !fragmented)
		print_cksum(nd, bp, ip, v6, length);
	if (nd->o.qflag) {
		print_length(nd, ulen, length, fragmented);
		return;
	}
	/* tcpdump's order, which decides when the two ports name different protocols */
	if (is_port(sport, dport, 53))
		nd_dns_print(nd, cp, length, 0, 0);
	else if (is_port(sport, dport, 5353))
		nd_dns_print(nd, cp, length, 0, 1);
	else if (is_port(sport, dport, 69))
		nd_tftp_print(nd, cp, length);
	else if (is_port(sport, dport, 67) || is_port(sport, dport, 68))
		nd_bootp_print(nd, cp, length);
	else if (is_port(sport, dport, 520))
		nd_rip_print(nd, cp, length);
	else if (is_port(sport, dport, 500))
		nd_isakmp_print(nd, cp, length, ip);
	else if (is_port(sport, dport, 4500)) {
		if (!nd_udp_esp_print(nd, cp, length))
			nd_isakmp_natt_print(nd, cp, length, ip);
	}
	else if (is_port(sport, dport, 7500) || is_port(sport, dport, 8500))
		nd_isakmp_print(nd, cp, length, ip);
	else if (is_port(sport, dport, 161) || is_port(sport, dport, 162))
		nd_snmp_print(nd, cp, length);
	else if (is_port(sport, dport, 123))
		nd_ntp_print(nd, cp, length);
	else if (is_port(sport, dport, 1701) && !is_port(sport, dport, 88) &&
		 !is_port(sport, dport, 750))	/* Kerberos comes first in tcpdump */
		nd_l2tp_print(nd, cp, length);
	else if ((sport >= 7000 && sport <= 7009) || (dport >= 7000 && dport <= 7009))
		nd_rx_print(nd, cp, length);
	else if (is_port(sport, dport, 521))
		nd_ripng_print(nd, cp, length);
	else if (is_port(sport, dport, 546) || is_port(sport, dport, 547))
		nd_dhcp6_print(nd, cp, length);
	else if (is_port(sport, dport, 5359))
		nd_ahcp_print(nd, cp, length);
	else if (is_port(sport, dport, 6696) || is_port(sport, dport, 6697))
		nd_babel_print(nd, cp, length);
	else if (is_port(sport, dport, 496))
		nd_autorp_print(nd, cp, length);
	else if (is_port(sport, dport, 1645) || is_port(sport, dport, 1812) ||
		 is_port(sport, dport, 1646) || is_port(sport, dport, 1813) ||
		 is_port(sport, dport, 1700) || is_port(sport, dport, 3799))
		nd_radius_print(nd, cp, length);
	else if (dport == 1985)
		nd_hsrp_print(nd, cp, length);
	else if (is_port(sport, dport, 646))
		nd_ldp_print(nd, cp, length);
	else if (is_port(sport, dport, 3503))
		nd_lspping_print(nd, cp, length);
	else if (dport == 3784 || dport == 4784 || dport == 6784 || dport == 3785)
		nd_bfd_print(nd, cp, length, dport);
	else if (print_port_late(nd, cp, sport, dport, length))
		;
	else	/* also for the ports tcpdump has other printers for: see the report */
		print_length(nd, ulen, length, fragmented);
}

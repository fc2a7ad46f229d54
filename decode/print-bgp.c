/* print-bgp.c: BGP-4 (RFC 4271) messages on TCP port 179: OPEN, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "print-bgp.h"

#define BGP_HDR 19
#define BGP_OPEN_HDR 29
#define BGP_NOTIF_HDR 21
#define BGP_RR_HDR 23
#define BGP_MAX_NEST 10

enum { AFI_IP = 1, AFI_IP6 = 2, AFI_NSAP = 3, AFI_VPLS = 25, AFI_L2VPN = 196 };
enum {
	SAFI_UNI = 1, SAFI_MULTI = 2, SAFI_UNIMULTI = 3, SAFI_LABUNI = 4, SAFI_MVPN = 5,
	SAFI_VPLS = 65, SAFI_MDT = 66, SAFI_VPNUNI = 128, SAFI_VPNMULTI = 129,
	SAFI_VPNUNIMULTI = 130, SAFI_RTC = 132,
};
#define AFSAFI(a, s) ((unsigned)(a) << 8 | (s))

/* Message, option, capability and notification code names as tcpdump prints them. */
static const struct nd_tok msg_types[] = {
	{ 1, "Open" }, { 2, "Update" }, { 3, "Notification" }, { 4, "Keepalive" },
	{ 5, "Route Refresh" }, { 0, NULL },
};

static const struct nd_tok attr_types[] = {
	{ 1, "Origin" }, { 2, "AS Path" }, { 17, "AS4 Path" }, { 3, "Next Hop" },
	{ 4, "Multi Exit Discriminator" }, { 5, "Local Preference" }, { 6, "Atomic Aggregate" },
	{ 7, "Aggregator" }, { 18, "Aggregator4" }, { 8, "Community" }, { 9, "Originator ID" },
	{ 10, "Cluster List" }, { 11, "DPA" }, { 12, "Advertisers" },
	{ 13, "RCID Path / Cluster ID" }, { 14, "Multi-Protocol Reach NLRI" },
	{ 15, "Multi-Protocol Unreach NLRI" }, { 16, "Extended Community" },
	{ 22, "PMSI Tunnel" }, { 23, "Tunnel Encapsulation" }, { 24, "Traffic Engineering" },
	{ 25, "IPv6 Extended Community" }, { 26, "Accumulated IGP Metric" },
	{ 27, "PE Distinguisher Label" }, { 28, "Entropy Label" }, { 32, "Large Community" },
	{ 128, "Attribute Set" }, { 255, "Reserved for development" }, { 0, NULL },
};

static const struct nd_tok seg_open[] = {
	{ 2, "" }, { 1, "{ " }, { 3, "( " }, { 4, "({ " }, { 0, NULL },
};

static const struct nd_tok seg_close[] = {
	{ 2, "" }, { 1, "}" }, { 3, ")" }, { 4, "})" }, { 0, NULL },
};

static const struct nd_tok opt_types[] = {
	{ 1, "Authentication Information" }, { 2, "Capabilities Advertisement" }, { 0, NULL },
};

static const struct nd_tok cap_codes[] = {
	{ 1, "Multiprotocol Extensions" }, { 2, "Route Refresh" },
	{ 3, "Cooperative Route Filtering" }, { 4, "Multiple Routes to a Destination" },
	{ 5, "Extended Next Hop Encoding" }, { 8, "Multiple Labels" }, { 64, "Graceful Restart" },
	{ 65, "32-Bit AS Number" }, { 67, "Dynamic Capability" }, { 68, "Multisession BGP" },
	{ 69, "Multiple Paths" }, { 70, "Enhanced Route Refresh" },
	{ 71, "Long-lived Graceful Restart" }, { 128, "Route Refresh (Cisco)" }, { 0, NULL },
};

static const struct nd_tok notify_major[] = {
	{ 1, "Message Header Error" }, { 2, "OPEN Message Error" }, { 3, "UPDATE Message Error" },
	{ 4, "Hold Timer Expired" }, { 5, "Finite State Machine Error" }, { 6, "Cease" },
	{ 7, "Capability Message Error" }, { 0, NULL },
};

static const struct nd_tok notify_cease[] = {
	{ 1, "Maximum Number of Prefixes Reached" }, { 2, "Administrative Shutdown" },
	{ 3, "Peer Unconfigured" }, { 4, "Administrative Reset" }, { 5, "Connection Rejected" },
	{ 6, "Other Configuration Change" }, { 7, "Connection Collision Resolution" },
	{ 0, NULL },
};

static const struct nd_tok notify_msg[] = {
	{ 1, "Connection Not Synchronized" }, { 2, "Bad Message Length" },
	{ 3, "Bad Message Type" }, { 0, NULL },
};

static const struct nd_tok notify_open[] = {
	{ 1, "Unsupported Version Number" }, { 2, "Bad Peer AS" }, { 3, "Bad BGP Identifier" },
	{ 4, "Unsupported Optional Parameter" }, { 5, "Authentication Failure" },
	{ 6, "Unacceptable Hold Time" }, { 7, "Capability Message Error" }, { 0, NULL },
};

static const struct nd_tok notify_update[] = {
	{ 1, "Malformed Attribute List" }, { 2, "Unrecognized Well-known Attribute" },
	{ 3, "Missing Well-known Attribute" }, { 4, "Attribute Flags Error" },
	{ 5, "Attribute Length Error" }, { 6, "Invalid ORIGIN Attribute" },
	{ 7, "AS Routing Loop" }, { 8, "Invalid NEXT_HOP Attribute" },
	{ 9, "Optional Attribute Error" }, { 10, "Invalid Network Field" },
	{ 11, "Malformed AS_PATH" }, { 0, NULL },
};

static const struct nd_tok notify_fsm[] = {
	{ 0, "Unspecified Error" }, { 1, "In OpenSent State" }, { 2, "In OpenConfirm State" },
	{ 3, "In Established State" }, { 0, NULL },
};

static const struct nd_tok notify_cap[] = {
	{ 1, "Invalid Action Value" }, { 2, "Invalid Capability Length" },
	{ 3, "Malformed Capability Value" }, { 4, "Unsupported Capability Code" }, { 0, NULL },
};

static const struct nd_tok origins[] = {
	{ 0, "IGP" }, { 1, "EGP" }, { 2, "Incomplete" }, { 0, NULL },
};

static const struct nd_tok safis[] = {
	{ 0, "Reserved" }, { 1, "Unicast" }, { 2, "Multicast" }, { 3, "Unicast+Multicast" },
	{ 4, "labeled Unicast" }, { 64, "Tunnel" }, { 65, "VPLS" }, { 66, "MDT" }, { 70, "EVPN" },
	{ 128, "labeled VPN Unicast" }, { 129, "labeled VPN Multicast" },
	{ 130, "labeled VPN Unicast+Multicast" }, { 132, "Route Target Routing Information" },
	{ 5, "Multicast VPN" }, { 0, NULL },
};

/* tcpdump's af_values (af.c), the IANA address family numbers. */
static const struct nd_tok afis[] = {
	{ 0, "Reserved" }, { 1, "IPv4" }, { 2, "IPv6" }, { 3, "NSAP" }, { 4, "HDLC" },
	{ 5, "BBN 1822" }, { 6, "802" }, { 7, "E.163" }, { 8, "E.164" }, { 9, "F.69" },
	{ 10, "X.121" }, { 11, "Novell IPX" }, { 12, "Appletalk" }, { 13, "Decnet IV" },
	{ 14, "Banyan Vines" }, { 15, "E.164 with NSAP subaddress" }, { 196, "Layer-2 VPN" },
	{ 25, "VPLS" }, { 0, NULL },
};

static const struct nd_tok addpath_modes[] = {
	{ 1, "Receive" }, { 2, "Send" }, { 3, "Both" }, { 0, NULL },
};

static const struct nd_tok ext_flags[] = {
	{ 0x8000, "vendor-specific" }, { 0x4000, "non-transitive" }, { 0, NULL },
};

static const struct nd_tok ext_types[] = {
	{ 0x0002, "target" }, { 0x0102, "target" }, { 0x0202, "target" },
	{ 0x0003, "origin" }, { 0x0103, "origin" }, { 0x0203, "origin" },
	{ 0x4004, "link-BW" }, { 0x0005, "ospf-domain" }, { 0x0105, "ospf-domain" },
	{ 0x0205, "ospf-domain" }, { 0x8005, "ospf-domain" }, { 0x0306, "ospf-route-type" },
	{ 0x8000, "ospf-route-type" }, { 0x030c, "encapsulation" }, { 0x0107, "ospf-router-id" },
	{ 0x8001, "ospf-router-id" }, { 0x800a, "layer2-info" },
	{ 0x8800, "eigrp-general-route (flag, tag)" },
	{ 0x8801, "eigrp-route-metric (AS, delay)" },
	{ 0x8802, "eigrp-route-metric (reliability, nexthop, bandwidth)" },
	{ 0x8803, "eigrp-route-metric (load, MTU)" },
	{ 0x8804, "eigrp-external-route (remote-AS, remote-ID)" },
	{ 0x8805, "eigrp-external-route (remote-proto, remote-metric)" },
	{ 0x0009, "source-AS" }, { 0x010b, "vrf-route-import" }, { 0x000a, "l2vpn-id" },
	{ 0xf10a, "l2vpn-id" }, { 0, NULL },
};

static const struct nd_tok encap_tunnels[] = {
	{ 1, "L2TPv3 over IP" }, { 2, "GRE" }, { 3, "Transmit Tunnel" }, { 4, "IPsec" },
	{ 5, "IP in IP with IPsec" }, { 6, "MPLS in IP with IPsec" }, { 7, "IP in IP" },
	{ 8, "VXLAN" }, { 9, "NVGRE" }, { 10, "MPLS" }, { 11, "MPLS in GRE" },
	{ 12, "VXLAN GPE" }, { 13, "MPLS in UDP" }, { 14, "IPv6" }, { 15, "SR TE" },
	{ 16, "Bare" }, { 17, "SR" }, { 0, NULL },
};

static const struct nd_tok ospf_rtypes[] = {
	{ 1, "Router" }, { 2, "Network" }, { 3, "Summary" }, { 5, "External" },
	{ 7, "NSSA External" }, { 129, "MPLS-VPN Sham" }, { 0, NULL },
};

/* tcpdump's l2vpn_encaps_values (l2vpn.c), for the layer2-info community. */
static const struct nd_tok l2vpn_encaps[] = {
	{ 0, "Reserved" }, { 1, "Frame Relay" }, { 2, "ATM AAL5 SDU VCC transport" },
	{ 3, "ATM transparent cell transport" }, { 4, "Ethernet (VLAN) Tagged Mode" },
	{ 5, "Ethernet Raw Mode" }, { 6, "Cisco HDLC" }, { 7, "PPP" },
	{ 8, "SONET/SDH Circuit Emulation Service over MPLS" },
	{ 9, "ATM n-to-one VCC cell transport" }, { 10, "ATM n-to-one VPC cell transport" },
	{ 11, "IP layer 2 transport" }, { 15, "Frame Relay Port mode" },
	{ 17, "Structure-agnostic E1 over packet" },
	{ 18, "Structure-agnostic T1 (DS1) over packet" }, { 19, "VPLS" },
	{ 20, "Structure-agnostic T3 (DS3) over packet" },
	{ 21, "Nx64kbit/s Basic Service using Structure-aware" }, { 25, "Frame Relay DLCI" },
	{ 40, "Structure-agnostic E3 over packet" },
	{ 41, "Octet-aligned playload for Structure-agnostic DS1 circuits" },
	{ 42, "E1 Nx64kbit/s with CAS using Structure-aware" },
	{ 43, "DS1 (ESF) Nx64kbit/s with CAS using Structure-aware" },
	{ 44, "DS1 (SF) Nx64kbit/s with CAS using Structure-aware" }, { 0, NULL },
};

static const struct nd_tok pmsi_tunnels[] = {
	{ 1, "RSVP-TE P2MP LSP" }, { 2, "LDP P2MP LSP" }, { 3, "PIM-SSM Tree" },
	{ 4, "PIM-SM Tree" }, { 5, "PIM-Bidir Tree" }, { 6, "Ingress Replication" },
	{ 7, "LDP MP2MP LSP" }, { 0, NULL },
};

static const struct nd_tok pmsi_flags[] = {
	{ 0x01, "Leaf Information required" }, { 0, NULL },
};

/* A table lookup with a fixed default (no number in it). */
static const char *tok(const struct nd_tok *t, const char *dflt, unsigned v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return dflt;
}

/*
 * "PRE NAME (CODE)": the shape of most BGP lines, written without printf,
 * which was most of -v's time.
 */
static void put_named(struct nd *nd, const char *pre, const char *name, unsigned code)
{
	nd_puts(nd, pre);
	nd_puts(nd, name);
	nd_puts(nd, " (");
	nd_putu(nd, code);
	nd_putc(nd, ')');
}

static void put_text_num(struct nd *nd, const char *text, unsigned v)
{
	nd_puts(nd, text);
	nd_putu(nd, v);
}

static const char *afi_name(unsigned afi, const char *dflt)
{
	return tok(afis, dflt, afi);
}

const char *nd_af_name(unsigned afi)
{
	return tok(afis, NULL, afi);
}

static const char *safi_name(unsigned safi, const char *dflt)
{
	return tok(safis, dflt, safi);
}

/*
 * The address strings of addr.c for a local copy: they check their reads
 * against the packet, so the copy stands in for it for the call (it is
 * whole, so the check cannot fail). inet_ntop was slower, through sprintf.
 */
static const char *local_addr_string(struct nd *nd, const uint8_t *a, int v6)
{
	const uint8_t *packet = nd->packet, *snapend = nd->snapend;
	const char *str;

	nd->packet = a;
	nd->snapend = a + (v6 ? 16 : 4);
	str = v6 ? nd_ip6addr_string(nd, a) : nd_ipaddr_string(nd, a);
	nd->packet = packet;
	nd->snapend = snapend;
	return str;
}

/* A prefix's address: the captured bytes, the rest zero, the bits past plen cleared. */
static void prefix_text(struct nd *nd, const uint8_t *p, unsigned plen, int v6, char *buf,
			size_t len)
{
	uint8_t a[16] = { 0 };
	unsigned n = (plen + 7) / 8;

	ND_TCHECK_LEN(nd, p, n);
	memcpy(a, p, n);
	if (plen % 8)
		a[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	snprintf(buf, len, "%s", local_addr_string(nd, a, v6));
}

/* "ADDR/PLEN" without snprintf (prefixes are the bulk of an UPDATE). */
static void prefix_join(char *buf, size_t len, const char *a, unsigned plen)
{
	size_t n = strlen(a);
	char num[4];
	int k = 0;

	if (n + 5 > len)	/* callers' buffers always fit; cut rather than overrun */
		n = len > 5 ? len - 5 : 0;
	memcpy(buf, a, n);
	buf[n++] = '/';
	do
		num[k++] = (char)('0' + plen % 10);
	while ((plen /= 10) && k < 3);
	while (k)
		buf[n++] = num[--k];
	buf[n] = 0;
}

/* An RFC 4271 prefix: the bytes used, -1 for a prefix length too long, -2 if itemlen is short. */
static int decode_prefix(struct nd *nd, const uint8_t *p, unsigned itemlen, int v6, char *buf,
			 size_t len)
{
	unsigned plen, bytes;
	char a[64];

	if (itemlen < 1)
		return -2;
	plen = GET_U_1(p);
	if (plen > (v6 ? 128u : 32u))
		return -1;
	bytes = (plen + 7) / 8;
	if (itemlen - 1 < bytes)
		return -2;
	prefix_text(nd, p + 1, plen, v6, a, sizeof(a));
	prefix_join(buf, len, a, plen);
	return (int)(1 + bytes);
}

int nd_decode_prefix(struct nd *nd, const uint8_t *p, unsigned itemlen, int v6, char *buf,
		     size_t len)
{
	return decode_prefix(nd, p, itemlen, v6, buf, len);
}

static const char *bos_text(struct nd *nd, const uint8_t *p)
{
	return (GET_U_1(p + 3) & 1) ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)";
}

/* RFC 3107 (label, prefix): -2 if the label is not captured, -3 if itemlen is short. */
static int decode_labeled(struct nd *nd, const uint8_t *p, unsigned itemlen, int v6, char *buf,
			  size_t len)
{
	unsigned plen, bytes;
	char a[64];

	if (!ND_TTEST_LEN(nd, p, 4))
		return -2;
	if (itemlen < 4)
		return -3;
	plen = GET_U_1(p);
	if (plen < 24 || plen - 24 > (v6 ? 128u : 32u))
		return -1;
	plen -= 24;
	bytes = (plen + 7) / 8;
	/* tcpdump checks the item's length for IPv4 only. */
	if (!v6 && itemlen - 4 < bytes)
		return -3;
	prefix_text(nd, p + 4, plen, v6, a, sizeof(a));
	snprintf(buf, len, "%s/%u, label:%u %s", a, plen, GET_BE_U_3(p + 1) >> 4, bos_text(nd, p));
	return (int)(4 + bytes);
}

/* An RFC 4364 route distinguisher as tcpdump prints it. */
static void rd_text(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	switch (GET_BE_U_2(p)) {
	case 0:
		snprintf(buf, len, "%u:%u (= %u.%u.%u.%u)", GET_BE_U_2(p + 2), GET_BE_U_4(p + 4),
			 GET_U_1(p + 4), GET_U_1(p + 5), GET_U_1(p + 6), GET_U_1(p + 7));
		break;
	case 1:
		snprintf(buf, len, "%u.%u.%u.%u:%u", GET_U_1(p + 2), GET_U_1(p + 3), GET_U_1(p + 4),
			 GET_U_1(p + 5), GET_BE_U_2(p + 6));
		break;
	case 2:
		snprintf(buf, len, "%u:%u (%u.%u.%u.%u:%u)", GET_BE_U_4(p + 2), GET_BE_U_2(p + 6),
			 GET_U_1(p + 2), GET_U_1(p + 3), GET_U_1(p + 4), GET_U_1(p + 5),
			 GET_BE_U_2(p + 6));
		break;
	default:
		snprintf(buf, len, "unknown RD format");
		break;
	}
}

/* RFC 4364 (label, RD, prefix); -1 for a bad prefix length. */
static int decode_labeled_vpn(struct nd *nd, const uint8_t *p, int v6, char *buf, size_t len)
{
	unsigned plen = GET_U_1(p);
	char a[64], rd[64];

	if (plen < 88 || plen - 88 > (v6 ? 128u : 32u))
		return -1;
	plen -= 88;
	prefix_text(nd, p + 12, plen, v6, a, sizeof(a));
	rd_text(nd, p + 4, rd, sizeof(rd));
	snprintf(buf, len, "RD: %s, %s/%u, label:%u %s", rd, a, plen, GET_BE_U_3(p + 1) >> 4,
		 bos_text(nd, p));
	return (int)(12 + (plen + 7) / 8);
}

/*
 * Whether NLRI of length bytes look like RFC 7911 (path id, prefix) pairs:
 * an OPEN that would say so may not be in the capture, so tcpdump guesses.
 */
static int check_add_path(struct nd *nd, const uint8_t *p, unsigned length, unsigned maxbits)
{
	unsigned off, plen;

	if (length < 5)
		return 0;
	for (off = 0; off < length;) {
		off += 4;
		if (!ND_TTEST_LEN(nd, p + off, 1))
			break;
		plen = GET_U_1(p + off);
		if (plen > maxbits)
			return 0;
		off += 1 + (plen + 7) / 8;
	}
	if (off > length)
		return 0;
	for (off = 0; off < length;) {
		if (!ND_TTEST_LEN(nd, p + off, 1))
			break;
		plen = GET_U_1(p + off);
		if (plen < 1 || plen > maxbits)
			return 1;
		off += 1 + (plen + 7) / 8;
	}
	return off > length;
}

/* Whether tcpdump decodes this AFI/SAFI (its bgp_mp_af_print list); EVPN is not among them. */
static int nlri_known(unsigned afsafi)
{
	switch (afsafi) {
	case AFSAFI(AFI_IP, SAFI_UNI): case AFSAFI(AFI_IP, SAFI_MULTI):
	case AFSAFI(AFI_IP, SAFI_UNIMULTI): case AFSAFI(AFI_IP, SAFI_LABUNI):
	case AFSAFI(AFI_IP, SAFI_VPNUNI): case AFSAFI(AFI_IP, SAFI_VPNMULTI):
	case AFSAFI(AFI_IP, SAFI_VPNUNIMULTI):
	case AFSAFI(AFI_IP6, SAFI_UNI): case AFSAFI(AFI_IP6, SAFI_MULTI):
	case AFSAFI(AFI_IP6, SAFI_UNIMULTI): case AFSAFI(AFI_IP6, SAFI_LABUNI):
	case AFSAFI(AFI_IP6, SAFI_VPNUNI): case AFSAFI(AFI_IP6, SAFI_VPNMULTI):
	case AFSAFI(AFI_IP6, SAFI_VPNUNIMULTI):
	case AFSAFI(AFI_IP, SAFI_RTC): case AFSAFI(AFI_IP, SAFI_MVPN):
	case AFSAFI(AFI_IP, SAFI_MDT):
	case AFSAFI(AFI_L2VPN, SAFI_VPNUNI): case AFSAFI(AFI_L2VPN, SAFI_VPNMULTI):
	case AFSAFI(AFI_L2VPN, SAFI_VPNUNIMULTI): case AFSAFI(AFI_VPLS, SAFI_VPLS):
	case AFSAFI(AFI_NSAP, SAFI_UNI): case AFSAFI(AFI_NSAP, SAFI_MULTI):
	case AFSAFI(AFI_NSAP, SAFI_UNIMULTI): case AFSAFI(AFI_NSAP, SAFI_VPNUNI):
	case AFSAFI(AFI_NSAP, SAFI_VPNMULTI): case AFSAFI(AFI_NSAP, SAFI_VPNUNIMULTI):
		return 1;
	}
	return 0;
}


/* tcpdump's NLRI text buffer (MAXHOSTNAMELEN + 100): longer NLRI text is cut there. */
#define NLRI_BUF 164

/* Appends to a NUL-terminated buffer, cut at its size (tcpdump's strlen-and-snprintf appends). */
__attribute__((format(printf, 3, 4)))
static void bufcat(char *buf, size_t size, const char *fmt, ...)
{
	size_t off = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + off, size - off, fmt, ap);
	va_end(ap);
}

/* An address of len bits as tcpdump's bgp_vpn_ip_print writes it. */
static void vpn_ip_text(struct nd *nd, const uint8_t *p, unsigned bits, char *buf, size_t len)
{
	if (bits == 32)
		snprintf(buf, len, "%s", nd_ipaddr_string(nd, p));
	else if (bits == 128)
		snprintf(buf, len, "%s", nd_ip6addr_string(nd, p));
	else
		snprintf(buf, len, "bogus address length %u", bits);
}

/* An RFC 4684 route target prefix of plen bits (from a zero-padded copy). */
static void rt_prefix_text(const uint8_t *rt, unsigned plen, char *out, size_t len)
{
	char hex[20] = "";
	unsigned n = (plen + 7) / 8, type;
	size_t off = 0;

	if (plen == 0) {
		snprintf(out, len, "route-target: 0:0/0");
		return;
	}
	for (unsigned i = 0; i < n; i++)
		off += (size_t)snprintf(hex + off, sizeof(hex) - off, "%02x%s", rt[i],
					(i % 2 == 1 && i < n - 1) ? " " : "");
	if (plen < 16) {
		snprintf(out, len, "route-target: partial-type: (%s/%u)", hex, plen);
		return;
	}
	type = (unsigned)rt[0] << 8 | rt[1];
	if (type == 0x0002)
		snprintf(out, len, "route-target: %u:%u/%u (%s)", (unsigned)rt[2] << 8 | rt[3],
			 (uint32_t)rt[4] << 24 | (uint32_t)rt[5] << 16 | (uint32_t)rt[6] << 8 | rt[7],
			 plen, hex);
	else if (type == 0x0102)
		snprintf(out, len, "route-target: %u.%u.%u.%u:%u/%u (%s)", rt[2], rt[3], rt[4], rt[5],
			 (unsigned)rt[6] << 8 | rt[7], plen, hex);
	else if (type == 0x0202)
		snprintf(out, len, "route-target: %u:%u/%u (%s)",
			 (uint32_t)rt[2] << 24 | (uint32_t)rt[3] << 16 | (uint32_t)rt[4] << 8 | rt[5],
			 (unsigned)rt[6] << 8 | rt[7], plen, hex);
	else
		snprintf(out, len, "route target: unknown-type(%04x) (%s/%u)", type, hex, plen);
}

/* RFC 4684 route target membership NLRI: printed here; the bytes used or -1. */
static int decode_rt_routing_info(struct nd *nd, const uint8_t *p)
{
	unsigned plen = GET_U_1(p), n;
	uint8_t rt[8] = { 0 };
	uint32_t as;
	char out[61];

	if (plen == 0) {
		nd_puts(nd, "\n\t      default route target");
		return 1;
	}
	if (plen < 32 || plen - 32 > 64) {
		if (plen >= 32)
			(void)GET_BE_U_4(p + 1);
		nd_puts(nd, "\n\t      (illegal prefix length)");
		return -1;
	}
	as = GET_BE_U_4(p + 1);
	plen -= 32;
	n = (plen + 7) / 8;
	ND_TCHECK_LEN(nd, p + 5, n);
	memcpy(rt, p + 5, n);
	if (plen % 8)
		rt[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	rt_prefix_text(rt, plen, out, sizeof(out));
	nd_printf(nd, "\n\t      origin AS: %u, %s", as, out);
	return (int)(5 + n);
}

/* RFC 6037 MDT SAFI NLRI: RD, VPN address and group; -1 for another length, -2 if cut. */
static int decode_mdt(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	char rd[64];

	if (GET_U_1(p) != 128)
		return -1;
	if (!ND_TTEST_LEN(nd, p + 1, 8))
		return -2;
	rd_text(nd, p + 1, rd, sizeof(rd));
	snprintf(buf, len, "RD: %s, VPN IP Address: %s, MC Group Address: %s", rd,
		 nd_ipaddr_string(nd, p + 9), nd_ipaddr_string(nd, p + 13));
	return 17;
}

static const struct nd_tok mvpn_types[] = {
	{ 1, "Intra-AS I-PMSI" }, { 2, "Inter-AS I-PMSI" }, { 3, "S-PMSI" },
	{ 4, "Intra-AS Segment-Leaf" }, { 5, "Source-Active" }, { 6, "Shared Tree Join" },
	{ 7, "Source Tree Join" }, { 0, NULL },
};

/* A multicast (S,G) of an MVPN route; the bytes tcpdump counts for it. */
static unsigned vpn_sg_text(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned total = 0;
	char a[64];

	for (int i = 0; i < 2; i++) {
		unsigned bits = GET_U_1(p);

		p++;
		if (!ND_TTEST_LEN(nd, p, bits >> 3))
			break;
		total += (bits >> 3) + 1;
		if (bits) {
			vpn_ip_text(nd, p, bits, a, sizeof(a));
			bufcat(buf, len, i ? ", Group %s" : ", Source %s", a);
			p += bits >> 3;
		}
	}
	return total;
}

/* RFC 6514 MVPN NLRI; the bytes used, or -2 if cut. */
static int decode_mvpn(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned type = GET_U_1(p), rlen = GET_U_1(p + 1), sg;
	char rd[64], a[64];

	p += 2;
	snprintf(buf, len, "Route-Type: %s (%u), length: %u", tok(mvpn_types, "Unknown", type), type,
		 rlen);
	switch (type) {
	case 1:
		if (!ND_TTEST_LEN(nd, p, 8))
			return -2;
		rd_text(nd, p, rd, sizeof(rd));
		vpn_ip_text(nd, p + 8, (rlen - 8u) << 3, a, sizeof(a));
		bufcat(buf, len, ", RD: %s, Originator %s", rd, a);
		break;
	case 2:
	case 6:
	case 7:
		if (!ND_TTEST_LEN(nd, p, 12))
			return -2;
		rd_text(nd, p, rd, sizeof(rd));
		bufcat(buf, len, ", RD: %s, Source-AS %u", rd, GET_BE_U_4(p + 8));
		if (type != 2)
			vpn_sg_text(nd, p + 12, buf, len);
		break;
	case 3:
	case 5:
		if (!ND_TTEST_LEN(nd, p, 8))
			return -2;
		rd_text(nd, p, rd, sizeof(rd));
		bufcat(buf, len, ", RD: %s", rd);
		p += 8;
		sg = vpn_sg_text(nd, p, buf, len);
		if (type == 5)
			break;
		/* tcpdump reads the originator where the (S,G) starts, its length less the (S,G)'s */
		if (!ND_TTEST_LEN(nd, p, rlen - sg))
			return -2;
		vpn_ip_text(nd, p, (rlen - sg) << 3, a, sizeof(a));
		bufcat(buf, len, ", Originator %s", a);
		break;
	}
	return (int)(rlen + 2);
}

/* tcpdump's L2VPN text writer: once a piece does not fit, nothing more is written. */
struct l2buf {
	char *p;
	size_t left;
};

__attribute__((format(printf, 2, 3)))
static void l2_add(struct l2buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->left == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p, b->left, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->left) {
		b->p += n < 0 ? 0 : b->left;
		b->left = 0;
	} else {
		b->p += n;
		b->left -= (size_t)n;
	}
}

/*
 * The TLVs after an old-format L2VPN NLRI, tlen bytes, as tcpdump walks
 * them (its lengths leave out the TLV headers, and an unknown TLV's value
 * is not skipped). -2 if cut.
 */
static int l2_tlvs(struct nd *nd, const uint8_t *p, unsigned tlen, struct l2buf *b)
{
	while (tlen != 0) {
		unsigned type, bits, bytes;

		if (tlen < 3) {
			l2_add(b, "\n\t\tran past the end");
			return 0;
		}
		type = GET_U_1(p);
		bits = GET_BE_U_2(p + 1);
		bytes = (bits + 7) / 8;
		p += 3;
		if (type != 1) {
			l2_add(b, "\n\t\tunknown TLV #%u, length: %u", type, bits);
			if (tlen < bytes) {
				l2_add(b, " (ran past the end)");
				return 0;
			}
			tlen -= bytes;
			continue;
		}
		l2_add(b, "\n\t\tcircuit status vector (%u) length: %u: 0x", type, bits);
		for (; bytes != 0; bytes--, tlen--) {
			if (tlen < 1) {
				l2_add(b, " (ran past the end)");
				return 0;
			}
			if (!ND_TTEST_LEN(nd, p, 1))
				return -2;
			if (b->left != 0)
				l2_add(b, "%02x", GET_U_1(p++));
		}
	}
	return 0;
}

/* RFC 4761/6074 L2VPN and VPLS NLRI; the bytes used, or -2 if cut or of an odd length. */
static int decode_l2vpn(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned plen = GET_BE_U_2(p);
	struct l2buf b = { buf, len };
	char rd[64];

	p += 2;
	buf[0] = 0;
	if (plen == 12) {
		if (!ND_TTEST_LEN(nd, p, 12))
			return -2;
		rd_text(nd, p, rd, sizeof(rd));
		l2_add(&b, "RD: %s, BGPNH: %s", rd, nd_ipaddr_string(nd, p + 8));
		return (int)plen + 2;
	}
	if (plen <= 17 || !ND_TTEST_LEN(nd, p, 15))
		return -2;
	rd_text(nd, p, rd, sizeof(rd));
	l2_add(&b, "RD: %s, CE-ID: %u, Label-Block Offset: %u, Label Base %u", rd,
	       GET_BE_U_2(p + 8), GET_BE_U_2(p + 10), GET_BE_U_3(p + 12) >> 4);
	if (l2_tlvs(nd, p + 15, plen - 15, &b) < 0)
		return -2;
	return (int)plen + 2;
}

/* An ISO NSAP as tcpdump's isonsap_string writes it ("47.0005.80ff..."). */
static void nsap_text(const uint8_t *a, unsigned n, char *buf, size_t len)
{
	size_t off = 0;

	if (n < 1 || n > 20) {
		snprintf(buf, len, "isonsap_string: illegal length");
		return;
	}
	for (unsigned i = 0; i < n && off + 4 < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%02x%s", a[i],
					(!(i & 1) && i + 1 < n) ? "." : "");
}

/*
 * A CLNP prefix: tcpdump copies the address from 4 bytes after the length
 * byte (not 1), and we print what it prints. The bytes used, or -1.
 */
static int decode_clnp_prefix(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned plen = GET_U_1(p), n;
	uint8_t a[19] = { 0 };
	char t[64];

	if (plen > 152)
		return -1;
	n = (plen + 7) / 8;
	ND_TCHECK_LEN(nd, p + 4, n);
	memcpy(a, p + 4, n);
	if (plen % 8)
		a[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	nsap_text(a, n, t, sizeof(t));
	snprintf(buf, len, "%s/%u", t, plen);
	return (int)(1 + n);
}

static int decode_labeled_vpn_clnp(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned plen = GET_U_1(p), n;
	uint8_t a[19] = { 0 };
	char t[64], rd[64];

	if (plen < 88 || plen - 88 > 152)
		return -1;
	plen -= 88;
	n = (plen + 7) / 8;
	ND_TCHECK_LEN(nd, p + 12, n);
	memcpy(a, p + 12, n);
	if (plen % 8)
		a[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	rd_text(nd, p + 4, rd, sizeof(rd));
	nsap_text(a, n, t, sizeof(t));
	snprintf(buf, len, "RD: %s, %s/%u, label:%u %s", rd, t, plen, GET_BE_U_3(p + 1) >> 4,
		 bos_text(nd, p));
	return (int)(12 + n);
}

/* One unicast prefix, with its path id under add-path; what tcpdump's bgp_nlri_print returns. */
static int nlri_plain(struct nd *nd, const uint8_t *p, unsigned len, int v6, int addpath)
{
	unsigned path_id = 0;
	char buf[128];
	int adv;

	if (addpath) {
		path_id = GET_BE_U_4(p);
		p += 4;
	}
	adv = decode_prefix(nd, p, len, v6, buf, sizeof(buf));
	if (adv == -2)
		return -2;
	if (adv == -1) {
		nd_puts(nd, "\n\t    (illegal prefix length)");
	} else {
		nd_puts(nd, "\n\t      ");
		nd_puts(nd, buf);
	}
	if (addpath) {
		put_text_num(nd, "   Path Id: ", path_id);
		adv += 4;
	}
	return adv;
}

/* The text of one decoded NLRI, or tcpdump's note for a bad length; adv is passed on. */
static int nlri_text(struct nd *nd, int adv, const char *buf)
{
	if (adv == -1)
		nd_puts(nd, "\n\t    (illegal prefix length)");
	else if (adv >= 0) {
		nd_puts(nd, "\n\t      ");
		nd_puts(nd, buf);
	}
	return adv;
}

static int nlri_print(struct nd *nd, unsigned afsafi, const uint8_t *p, unsigned len, int add4,
		      int add6)
{
	int v6 = afsafi >> 8 == AFI_IP6, adv;
	char buf[256];

	switch (afsafi) {
	case AFSAFI(AFI_IP, SAFI_RTC):
		return decode_rt_routing_info(nd, p);
	case AFSAFI(AFI_IP, SAFI_MVPN):
		return nlri_text(nd, decode_mvpn(nd, p, buf, NLRI_BUF), buf);
	case AFSAFI(AFI_IP, SAFI_MDT):
		return nlri_text(nd, decode_mdt(nd, p, buf, sizeof(buf)), buf);
	case AFSAFI(AFI_VPLS, SAFI_VPLS): case AFSAFI(AFI_L2VPN, SAFI_VPNUNI):
	case AFSAFI(AFI_L2VPN, SAFI_VPNMULTI): case AFSAFI(AFI_L2VPN, SAFI_VPNUNIMULTI):
		return nlri_text(nd, decode_l2vpn(nd, p, buf, NLRI_BUF), buf);
	case AFSAFI(AFI_NSAP, SAFI_UNI): case AFSAFI(AFI_NSAP, SAFI_MULTI):
	case AFSAFI(AFI_NSAP, SAFI_UNIMULTI):
		return nlri_text(nd, decode_clnp_prefix(nd, p, buf, sizeof(buf)), buf);
	case AFSAFI(AFI_NSAP, SAFI_VPNUNI): case AFSAFI(AFI_NSAP, SAFI_VPNMULTI):
	case AFSAFI(AFI_NSAP, SAFI_VPNUNIMULTI):
		return nlri_text(nd, decode_labeled_vpn_clnp(nd, p, buf, sizeof(buf)), buf);
	}
	switch (afsafi & 0xff) {
	case SAFI_UNI:
	case SAFI_MULTI:
	case SAFI_UNIMULTI:
		return nlri_plain(nd, p, len, v6, v6 ? add6 : add4);
	case SAFI_LABUNI:
		adv = decode_labeled(nd, p, len, v6, buf, sizeof(buf));
		break;
	default:
		adv = decode_labeled_vpn(nd, p, v6, buf, sizeof(buf));
		break;
	}
	return nlri_text(nd, adv, buf);
}

/* The NLRI of MP_REACH/MP_UNREACH from p to the attribute's end; 0 if truncated. */
static int mp_nlri_print(struct nd *nd, unsigned afsafi, const uint8_t *p, const uint8_t *attr,
			 unsigned len)
{
	unsigned left = len - (unsigned)(p - attr);
	int add4 = check_add_path(nd, p, left, 32), add6 = check_add_path(nd, p, left, 128);

	while (p < attr + len) {
		int adv = nlri_print(nd, afsafi, p, len, add4, add6);

		if (adv == -2)
			return 0;
		if (adv < 0)
			break;
		p += adv;
	}
	return 1;
}

/* The AFI/SAFI line of MP_REACH/MP_UNREACH: 0 to go on, -1 if not decoded, -2 if truncated. */
static int mp_af_print(struct nd *nd, const uint8_t *p, unsigned tlen, unsigned *afsafi)
{
	unsigned afi = GET_BE_U_2(p), safi = GET_U_1(p + 2);

	*afsafi = AFSAFI(afi, safi);
	put_named(nd, "\n\t    AFI: ", afi_name(afi, "Unknown AFI"), afi);
	put_named(nd, safi > 128 ? ", vendor specific SAFI: " : ", SAFI: ",
		  safi_name(safi, "Unknown SAFI"), safi);
	if (nlri_known(*afsafi))
		return 0;
	if (!ND_TTEST_LEN(nd, p, tlen))
		return -2;
	nd_printf(nd, "\n\t    no AFI %u / SAFI %u decoder", afi, safi);
	if (nd->o.vflag <= 1)
		nd_print_unknown_data(nd, p, "\n\t    ", tlen);
	return -1;
}

/* One next hop of an MP_REACH; the bytes it used (all of tnhlen when it is invalid). */
/* An ISO next hop (all of tnhlen), with the IPv4 or IPv6 address it may map (RFC 986, 1888). */
static unsigned nsap_nexthop_print(struct nd *nd, unsigned afsafi, const uint8_t *p,
				   unsigned tnhlen)
{
	char t[64], rd[64];

	ND_TCHECK_LEN(nd, p, tnhlen);
	if ((afsafi & 0xff) < SAFI_VPNUNI) {
		nsap_text(p, tnhlen, t, sizeof(t));
		nd_puts(nd, t);
		return tnhlen;
	}
	if (tnhlen < 9) {
		nd_puts(nd, "invalid len");
		return tnhlen;
	}
	rd_text(nd, p, rd, sizeof(rd));
	nsap_text(p + 8, tnhlen - 8, t, sizeof(t));
	nd_printf(nd, "RD: %s, %s", rd, t);
	if (GET_BE_U_4(p + 8) == 0x47000601)
		nd_printf(nd, " = %s", nd_ipaddr_string(nd, p + 12));
	else if (GET_BE_U_3(p + 8) == 0x350000)
		nd_printf(nd, " = %s", nd_ip6addr_string(nd, p + 11));
	return tnhlen;
}

static unsigned nexthop_print(struct nd *nd, unsigned afsafi, const uint8_t *p, unsigned tnhlen)
{
	unsigned need = afsafi >> 8 == AFI_IP6 ? 16 : 4;
	int vpn = (afsafi & 0xff) >= SAFI_VPNUNI && (afsafi & 0xff) <= SAFI_VPNUNIMULTI &&
		  afsafi >> 8 != AFI_L2VPN;
	char rd[64];

	if (vpn)
		need += 8;
	if (tnhlen < need) {
		nd_puts(nd, "invalid len");
		return tnhlen;
	}
	if (vpn) {
		rd_text(nd, p, rd, sizeof(rd));
		nd_printf(nd, "RD: %s, ", rd);
		p += 8;
	}
	nd_puts(nd, need - (vpn ? 8 : 0) == 16 ? nd_ip6addr_string(nd, p) : nd_ipaddr_string(nd, p));
	return need;
}

/* The next hops, nhlen bytes at p (inside the attribute), comma separated. */
static void nexthops_print(struct nd *nd, unsigned afsafi, const uint8_t *p, unsigned nhlen)
{
	nd_puts(nd, "\n\t    nexthop: ");
	for (unsigned n = 0; nhlen != 0; n++) {
		unsigned used;

		if (n > 0)
			nd_puts(nd, ", ");
		if (afsafi >> 8 == AFI_NSAP)
			used = nsap_nexthop_print(nd, afsafi, p, nhlen);
		else
			used = nexthop_print(nd, afsafi, p, nhlen);
		p += used;
		nhlen -= used;
	}
}

/* RFC 2858's SNPAs at *pp (their count and lengths, as tcpdump shows them); 0 if cut. */
static int snpas_print(struct nd *nd, const uint8_t **pp, unsigned *tlen)
{
	const uint8_t *p = *pp;
	unsigned snpa;

	if (*tlen < 1)
		return 0;
	snpa = GET_U_1(p);
	p++;
	--*tlen;
	if (!snpa) {
		nd_puts(nd, ", no SNPA");
	} else {
		put_text_num(nd, "\n\t    ", snpa);
		nd_puts(nd, " SNPA");
	}
	for (; snpa != 0; snpa--) {
		unsigned sl;

		if (*tlen < 1)
			return 0;
		sl = GET_U_1(p);
		put_text_num(nd, "\n\t      ", sl);
		nd_puts(nd, " bytes");
		p++;
		--*tlen;
		if (*tlen < sl || !ND_TTEST_LEN(nd, p, sl))
			return 0;
		p += sl;
		*tlen -= sl;
	}
	*pp = p;
	return 1;
}

/* MP_REACH_NLRI (RFC 4760): AFI/SAFI, next hops, SNPAs, NLRI; 0 if truncated. */
static int mp_reach_print(struct nd *nd, const uint8_t *attr, unsigned len)
{
	const uint8_t *p = attr;
	unsigned tlen = len, afsafi, nhlen;
	int ret;

	if (!ND_TTEST_LEN(nd, p, 3) || tlen < 3)
		return 0;
	ret = mp_af_print(nd, p, tlen, &afsafi);
	if (ret < 0)
		return ret == -2 ? 0 : 1;
	p += 3;
	tlen -= 3;
	if (!ND_TTEST_LEN(nd, p, 1) || tlen < 1)
		return 0;
	nhlen = GET_U_1(p);
	p++;
	tlen--;
	if (nhlen) {
		if (tlen < nhlen)
			return 0;
		nexthops_print(nd, afsafi, p, nhlen);
		p += nhlen;
		tlen -= nhlen;
	}
	put_text_num(nd, ", nh-length: ", nhlen);
	if (!snpas_print(nd, &p, &tlen))
		return 0;
	return mp_nlri_print(nd, afsafi, p, attr, len);
}

static int mp_unreach_print(struct nd *nd, const uint8_t *attr, unsigned len)
{
	unsigned afsafi;
	int ret;

	if (!ND_TTEST_LEN(nd, attr, 3))
		return 0;
	ret = mp_af_print(nd, attr, len, &afsafi);
	if (ret < 0)
		return ret == -2 ? 0 : 1;
	if (len == 3)
		nd_puts(nd, "\n\t      End-of-Rib Marker (empty NLRI)");
	return mp_nlri_print(nd, afsafi, attr + 3, attr, len);
}

/* tcpdump's guess of the AS size in an AS_PATH: 2 if the segments add up that way, else 4. */
static unsigned as_size(struct nd *nd, unsigned type, const uint8_t *attr, unsigned len)
{
	const uint8_t *p = attr;

	if (type == 17)
		return 4;
	while (p < attr + len) {
		unsigned seg = GET_U_1(p);

		if (seg < 1 || seg > 4)
			return 4;
		p += 2 + GET_U_1(p + 1) * 2;
	}
	return p == attr + len ? 2 : 4;
}

static int as_path_print(struct nd *nd, unsigned type, const uint8_t *attr, unsigned len)
{
	const uint8_t *p = attr;
	unsigned size;

	if (len % 2) {
		nd_puts(nd, "invalid len");
		return 1;
	}
	if (!len) {
		nd_puts(nd, "empty");
		return 1;
	}
	size = as_size(nd, type, attr, len);
	while (p < attr + len) {
		unsigned seg = GET_U_1(p), n = GET_U_1(p + 1);

		nd_puts(nd, tok(seg_open, "?", seg));
		for (unsigned i = 0; i < n * size; i += size) {
			if (!ND_TTEST_LEN(nd, p + 2 + i, size))
				return 0;
			nd_putu(nd, size == 2 ? GET_BE_U_2(p + 2 + i) : GET_BE_U_4(p + 2 + i));
			nd_putc(nd, ' ');
		}
		nd_puts(nd, tok(seg_close, "?", seg));
		p += 2 + n * size;
	}
	return 1;
}

static void aggregator_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	if ((type == 7 && len != 6 && len != 8) || (type == 18 && len != 8)) {
		nd_puts(nd, "invalid len");
		return;
	}
	ND_TCHECK_LEN(nd, p, len);
	put_text_num(nd, " AS #", len == 6 ? GET_BE_U_2(p) : GET_BE_U_4(p));
	nd_puts(nd, ", origin ");
	nd_puts(nd, nd_ipaddr_string(nd, p + len - 4));
}

static void communities_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (len % 4) {
		nd_puts(nd, "invalid len");
		return;
	}
	for (; len != 0; len -= 4, p += 4) {
		uint32_t c = GET_BE_U_4(p);

		if (c == 0xffffff01)
			nd_puts(nd, " NO_EXPORT");
		else if (c == 0xffffff02)
			nd_puts(nd, " NO_ADVERTISE");
		else if (c == 0xffffff03)
			nd_puts(nd, " NO_EXPORT_SUBCONFED");
		else {
			nd_putu(nd, c >> 16);
			nd_putc(nd, ':');
			nd_putu(nd, c & 0xffff);
			if (len > 4)
				nd_puts(nd, ", ");
		}
	}
}

static void cluster_list_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (len % 4) {
		nd_puts(nd, "invalid len");
		return;
	}
	for (; len != 0; len -= 4, p += 4) {
		nd_puts(nd, nd_ipaddr_string(nd, p));
		if (len > 4)
			nd_puts(nd, ", ");
	}
}

/* The value of one RFC 4360 extended community (8 bytes, captured). */
static void ext_community_value(struct nd *nd, const uint8_t *p)
{
	unsigned type = GET_BE_U_2(p), rt;
	uint32_t bits;
	float bw;

	switch (type) {
	case 0x0002: case 0x0003: case 0x000a:
		put_text_num(nd, "", GET_BE_U_2(p + 2));	/* the 8 bytes are captured */
		put_text_num(nd, ":", GET_BE_U_4(p + 4));
		nd_puts(nd, " (= ");
		nd_puts(nd, nd_ipaddr_string(nd, p + 4));
		nd_putc(nd, ')');
		break;
	case 0x0102: case 0x0103: case 0xf10a: case 0x010b:
		nd_puts(nd, nd_ipaddr_string(nd, p + 2));
		put_text_num(nd, ":", GET_BE_U_2(p + 6));
		break;
	case 0x0202: case 0x0203:
		put_text_num(nd, "", GET_BE_U_4(p + 2));
		put_text_num(nd, ":", GET_BE_U_2(p + 6));
		break;
	case 0x4004:
		bits = GET_BE_U_4(p + 4);
		memcpy(&bw, &bits, sizeof(bw));
		nd_printf(nd, "bandwidth: %.3f Mbps", (double)(bw * 8 / 1000000));
		break;
	case 0x0005: case 0x0105: case 0x0205: case 0x8005: case 0x0107: case 0x8001:
		nd_puts(nd, nd_ipaddr_string(nd, p + 2));
		break;
	case 0x0306: case 0x8000:
		rt = GET_U_1(p + 6);
		nd_printf(nd, "area:%s, router-type:", nd_ipaddr_string(nd, p + 2));
		if (tok(ospf_rtypes, NULL, rt))
			nd_puts(nd, tok(ospf_rtypes, NULL, rt));
		else
			nd_printf(nd, "unknown (0x%02x)", rt);
		nd_printf(nd, ", metric-type:%s%s", (GET_U_1(p + 7) & 1) ? "E2" : "",
			  rt == 5 || rt == 7 ? "E1" : "");
		break;
	case 0x800a:
		nd_printf(nd, "%s Control Flags [0x%02x]:MTU %u",
			  tok(l2vpn_encaps, "unknown encaps", GET_U_1(p + 2)), GET_U_1(p + 3),
			  GET_BE_U_2(p + 4));
		break;
	case 0x0009:
		nd_printf(nd, "AS %u", GET_BE_U_2(p + 2));
		break;
	case 0x030c:
		nd_printf(nd, "Tunnel type: %s",
			  tok(encap_tunnels, "unknown encaps", GET_BE_U_2(p + 6)));
		break;
	default:
		for (unsigned i = 2; i < 8; i++)
			nd_putx(nd, GET_U_1(p + i), 2);
		break;
	}
}

static int ext_communities_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	char fb[64];

	if (len % 8) {
		nd_puts(nd, "invalid len");
		return 1;
	}
	for (; len != 0; len -= 8, p += 8) {
		unsigned t;

		if (!ND_TTEST_LEN(nd, p, 2))
			return 0;
		t = GET_BE_U_2(p);
		nd_puts(nd, "\n\t    ");
		nd_puts(nd, tok(ext_types, "unknown extd community typecode", t));
		nd_puts(nd, " (0x");
		nd_putx(nd, t, 4);
		nd_puts(nd, "), Flags [");
		nd_puts(nd, nd_bittok2str(ext_flags, "none", t, ", ", fb, sizeof(fb)));
		nd_putc(nd, ']');
		if (!ND_TTEST_LEN(nd, p, 8))
			return 0;
		nd_puts(nd, ": ");
		ext_community_value(nd, p);
	}
	return 1;
}

static void large_communities_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (len == 0 || len % 12) {
		nd_puts(nd, "invalid len");
		return;
	}
	nd_puts(nd, "\n\t    ");
	for (; len != 0; len -= 12, p += 12)
		nd_printf(nd, "%u:%u:%u%s", GET_BE_U_4(p), GET_BE_U_4(p + 4), GET_BE_U_4(p + 8),
			  len > 12 ? ", " : "");
}

static void pmsi_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned flags = GET_U_1(p), type = GET_U_1(p + 1);
	char fb[64];

	nd_printf(nd, "\n\t    Tunnel-type %s (%u), Flags [%s], MPLS Label %u",
		  tok(pmsi_tunnels, "Unknown", type), type,
		  nd_bittok2str(pmsi_flags, "none", flags, ", ", fb, sizeof(fb)),
		  GET_BE_U_3(p + 2) >> 4);
	p += 5;
	tlen -= 5;
	switch (type) {
	case 3:
	case 4:
	case 5:
		nd_printf(nd, "\n\t      %s %s, P-Group %s", type == 3 ? "Root-Node" : "Sender",
			  nd_ipaddr_string(nd, p), nd_ipaddr_string(nd, p + 4));
		break;
	case 6:
		nd_printf(nd, "\n\t      Tunnel-Endpoint %s", nd_ipaddr_string(nd, p));
		break;
	case 1:
	case 2:
	case 7:
		nd_printf(nd, "\n\t      %s %s, %s 0x%08x",
			  type == 1 ? "Extended-Tunnel-ID" : "Root-Node", nd_ipaddr_string(nd, p),
			  type == 1 ? "P2MP-ID" : "LSP-ID", GET_BE_U_4(p + 4));
		break;
	default:
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p, "\n\t      ", tlen);
		break;
	}
}

static int aigp_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	while (tlen >= 3) {
		unsigned type = GET_U_1(p), length = GET_BE_U_2(p + 1);

		p += 3;
		tlen -= 3;
		nd_printf(nd, "\n\t    %s TLV (%u), length %u", type == 1 ? "AIGP" : "Unknown", type,
			  length);
		if (length < 3)
			return 0;
		length -= 3;
		if (tlen < length)
			return 0;
		if (type == 1) {
			if (length < 8)
				return 0;
			nd_printf(nd, ", metric %" PRIu64,
				  (uint64_t)GET_BE_U_4(p) << 32 | GET_BE_U_4(p + 4));
		} else if (nd->o.vflag <= 1) {
			nd_print_unknown_data(nd, p, "\n\t      ", length);
		}
		p += length;
		tlen -= length;
	}
	return 1;
}

static int attr_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len, unsigned level);

/* "(flags)" after an attribute's name and length, as tcpdump writes them. */
static void attr_flags_print(struct nd *nd, unsigned flags)
{
	char f[8], *o = f;

	if (flags & 0x80)
		*o++ = 'O';
	if (flags & 0x40)
		*o++ = 'T';
	if (flags & 0x20)
		*o++ = 'P';
	if (flags & 0x10)
		*o++ = 'E';
	if (flags & 0xf) {
		*o++ = '+';
		*o++ = "0123456789abcdef"[flags & 0xf];
	}
	*o = 0;
	nd_puts(nd, ", Flags [");
	nd_puts(nd, f);
	nd_putc(nd, ']');
}

/* ATTR_SET (RFC 6368): an origin AS and nested attributes, at most ten levels deep. */
static int attr_set_print(struct nd *nd, const uint8_t *p, unsigned len, unsigned level,
			  unsigned *left)
{
	if (!ND_TTEST_LEN(nd, p, 4) || len < 4)
		return 0;
	nd_printf(nd, "\n\t    Origin AS: %u", GET_BE_U_4(p));
	p += 4;
	len -= 4;
	while (len) {
		unsigned flags, type, ll, alen;

		if (!ND_TTEST_LEN(nd, p, 2))
			return 0;
		if (len < 2)
			goto short_attr;
		flags = GET_U_1(p);
		type = GET_U_1(p + 1);
		p += 2;
		len -= 2;
		ll = flags & 0x10 ? 2 : 1;
		if (!ND_TTEST_LEN(nd, p, ll))
			return 0;
		if (len < ll)
			goto short_attr;
		alen = ll == 2 ? GET_BE_U_2(p) : GET_U_1(p);
		p += ll;
		len -= ll;
		put_named(nd, "\n\t      ", tok(attr_types, "Unknown Attribute", type), type);
		put_text_num(nd, ", length: ", alen);
		if (flags)
			attr_flags_print(nd, flags);
		nd_puts(nd, ": ");
		if (len < alen)
			goto short_attr;
		if (level == BGP_MAX_NEST)
			nd_puts(nd, "(too many nested levels, not recursing)");
		else if (!attr_print(nd, type, p, alen, level + 1))
			return 0;
		p += alen;
		len -= alen;
	}
	*left = 0;
	return 1;
short_attr:
	/* tcpdump's -vv dump then shows what was left of the set. */
	nd_puts(nd, " [path attr too short]");
	*left = len;
	return 1;
}

/* The value of one path attribute; 0 if it was cut short (the caller marks it). */
static int attr_value_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned *lenp,
			    unsigned level)
{
	unsigned len = *lenp;

	switch (type) {
	case 1:
		if (len != 1)
			nd_puts(nd, "invalid len");
		else
			nd_puts(nd, tok(origins, "Unknown Origin Typecode", GET_U_1(p)));
		return 1;
	case 2:
	case 17:
		return as_path_print(nd, type, p, len);
	case 3:
	case 9:
		if (len != 4)
			nd_puts(nd, "invalid len");
		else
			nd_puts(nd, nd_ipaddr_string(nd, p));
		return 1;
	case 4:
	case 5:
		if (len != 4)
			nd_puts(nd, "invalid len");
		else
			nd_putu(nd, GET_BE_U_4(p));
		return 1;
	case 6:
		if (len != 0)
			nd_puts(nd, "invalid len");
		return 1;
	case 7:
	case 18:
		aggregator_print(nd, type, p, len);
		return 1;
	case 8:
		communities_print(nd, p, len);
		return 1;
	case 10:
		cluster_list_print(nd, p, len);
		return 1;
	case 14:
		return mp_reach_print(nd, p, len);
	case 15:
		return mp_unreach_print(nd, p, len);
	case 16:
		return ext_communities_print(nd, p, len);
	case 22:
		if (!ND_TTEST_LEN(nd, p, 5) || len < 5)
			return 0;
		pmsi_print(nd, p, len);
		return 1;
	case 26:
		return aigp_print(nd, p, len);
	case 128:
		return attr_set_print(nd, p, len, level, lenp);
	case 32:
		/* tcpdump's loop uses up the length, so -vv adds no dump. */
		large_communities_print(nd, p, len);
		if (len && len % 12 == 0)
			*lenp = 0;
		return 1;
	}
	if (!ND_TTEST_LEN(nd, p, len))
		return 0;
	nd_printf(nd, "\n\t    no Attribute %u decoder", type);
	if (nd->o.vflag <= 1)
		nd_print_unknown_data(nd, p, "\n\t    ", len);
	return 1;
}

static int attr_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len, unsigned level)
{
	/* -vv adds the raw bytes of every attribute (of a set, what its loop left). */
	if (!attr_value_print(nd, type, p, &len, level))
		return 0;
	if (nd->o.vflag > 1 && len) {
		if (!ND_TTEST_LEN(nd, p, len))
			return 0;
		nd_print_unknown_data(nd, p, "\n\t    ", len);
	}
	return 1;
}

/* Up to n (AFI, SAFI, x) entries of 4 bytes from p, with tcpdump's wording for each capability. */
static void cap_afis_print(struct nd *nd, const uint8_t *p, unsigned len, unsigned code)
{
	for (; len >= 4; len -= 4, p += 4) {
		unsigned afi = GET_BE_U_2(p), safi = GET_U_1(p + 2), x = GET_U_1(p + 3);
		char b[32];

		put_named(nd, code == 64 ? "\n\t\t  AFI " : "\n\t\tAFI ", afi_name(afi, "Unknown"), afi);
		put_named(nd, ", SAFI ", safi_name(safi, "Unknown"), safi);
		if (code == 8) {
			put_text_num(nd, ", Count: ", x);
		} else if (code == 64) {
			nd_puts(nd, x & 0x80 ? ", Forwarding state preserved: yes" :
				", Forwarding state preserved: no");
		} else {
			snprintf(b, sizeof(b), "Bogus (0x%02x)", x);
			nd_puts(nd, ", Send/Receive: ");
			nd_puts(nd, tok(addpath_modes, b, x));
		}
	}
	if (code == 69 && len)
		nd_print_invalid(nd);
}

/* One capability's value (captured); 0 if it is too short to go on with the list. */
static int cap_print(struct nd *nd, unsigned code, const uint8_t *p, unsigned len)
{
	switch (code) {
	case 1:
		if (len < 4)
			goto too_short;
		put_named(nd, "\n\t\tAFI ", afi_name(GET_BE_U_2(p), "Unknown"), GET_BE_U_2(p));
		put_named(nd, ", SAFI ", safi_name(GET_U_1(p + 3), "Unknown"), GET_U_1(p + 3));
		break;
	case 8:
		cap_afis_print(nd, p, len, code);
		break;
	case 64:
		if (len < 2)
			goto too_short;
		nd_printf(nd, "\n\t\tRestart Flags: [%s], Restart Time %us",
			  (GET_U_1(p) & 0x80) ? "R" : "none", GET_BE_U_2(p) & 0xfff);
		cap_afis_print(nd, p + 2, len - 2, code);
		break;
	case 2:
	case 71:
	case 128:
		break;
	case 65:
		if (len < 4)
			goto too_short;
		put_text_num(nd, "\n\t\t 4 Byte AS ", GET_BE_U_4(p));
		break;
	case 69:
		if (len == 0)
			nd_puts(nd, " (bogus)");
		else
			cap_afis_print(nd, p, len, code);
		break;
	default:
		nd_printf(nd, "\n\t\tno decoder for Capability %u", code);
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p, "\n\t\t", len);
		break;
	}
	if (nd->o.vflag > 1 && len != 0)
		nd_print_unknown_data(nd, p, "\n\t\t", len);
	return 1;
too_short:
	nd_printf(nd, " (too short, < %u)", code == 64 ? 2 : 4);
	return 0;
}

static void caps_print(struct nd *nd, const uint8_t *p, unsigned caps_len)
{
	for (unsigned i = 0; i < caps_len;) {
		unsigned code, len;

		if (!ND_TTEST_LEN(nd, p + i, 2))
			goto trunc;
		code = GET_U_1(p + i);
		len = GET_U_1(p + i + 1);
		put_named(nd, "\n\t      ", tok(cap_codes, "Unknown", code), code);
		put_text_num(nd, ", length: ", len);
		if (!ND_TTEST_LEN(nd, p + i + 2, len))
			goto trunc;
		if (!cap_print(nd, code, p + i + 2, len))
			return;
		i += 2 + len;
	}
	return;
trunc:
	nd_print_trunc(nd);
}

static void open_print(struct nd *nd, const uint8_t *dat, unsigned length)
{
	unsigned optslen;
	const uint8_t *opt = dat + BGP_OPEN_HDR;

	if (!ND_TTEST_LEN(nd, dat, BGP_OPEN_HDR) || length < BGP_OPEN_HDR)
		goto trunc;
	put_text_num(nd, "\n\t  Version ", GET_U_1(dat + 19));	/* all captured (above) */
	put_text_num(nd, ", my AS ", GET_BE_U_2(dat + 20));
	put_text_num(nd, ", Holdtime ", GET_BE_U_2(dat + 22));
	nd_puts(nd, "s, ID ");
	nd_puts(nd, nd_ipaddr_string(nd, dat + 24));
	optslen = GET_U_1(dat + 28);
	put_text_num(nd, "\n\t  Optional parameters, length: ", optslen);
	length -= BGP_OPEN_HDR;
	for (unsigned i = 0; i < optslen;) {
		unsigned type, len;

		if (!ND_TTEST_LEN(nd, opt + i, 2) || length < 2 + i)
			goto trunc;
		type = GET_U_1(opt + i);
		len = GET_U_1(opt + i + 1);
		if (2 + i + len > optslen) {
			nd_printf(nd, "\n\t     Option %u, length: %u, goes past the end of the options",
				  type, len);
			break;
		}
		put_named(nd, "\n\t    Option ", tok(opt_types, "Unknown", type), type);
		put_text_num(nd, ", length: ", len);
		if (type == 2)
			caps_print(nd, opt + i + 2, len);
		else
			nd_printf(nd, "\n\t      no decoder for option %u", type);
		i += 2 + len;
	}
	return;
trunc:
	nd_print_trunc(nd);
}

/*
 * IPv4 prefixes (withdrawn or updated routes) of an UPDATE, from *pp for
 * *lenp bytes; both are advanced as far as tcpdump goes. -1 if truncated.
 */
static int routes_print(struct nd *nd, const uint8_t **pp, unsigned *lenp, unsigned *length,
			int add_path)
{
	const uint8_t *p = *pp;
	unsigned len = *lenp, path_id = 0;
	char buf[64];
	int ret = 0;

	while (len != 0) {
		int n;

		if (add_path) {
			if (len < 4 || !ND_TTEST_LEN(nd, p, 4)) {
				ret = len < 4 ? 1 : -1;	/* a withdrawal ends, an update is cut */
				break;
			}
			path_id = GET_BE_U_4(p);
			p += 4;
			*length -= 4;
			len -= 4;
		}
		n = decode_prefix(nd, p, len, 0, buf, sizeof(buf));
		if (n == -1) {
			nd_puts(nd, "\n\t    (illegal prefix length)");
			break;
		}
		if (n == -2) {
			ret = -1;
			break;
		}
		nd_puts(nd, "\n\t    ");
		nd_puts(nd, buf);
		if (add_path)
			put_text_num(nd, "   Path Id: ", path_id);
		p += n;
		*length -= (unsigned)n;
		len -= (unsigned)n;
	}
	*pp = p;
	*lenp = len;
	return ret;
}

static int withdrawn_print(struct nd *nd, const uint8_t **pp, unsigned *wlen, unsigned *length)
{
	int ret;

	if (!ND_TTEST_LEN(nd, *pp, *wlen) || *length < *wlen)
		return -1;
	if (*wlen <= 1) {
		*pp += *wlen;
		*length -= *wlen;
		return 0;
	}
	nd_puts(nd, "\n\t  Withdrawn routes:");
	ret = routes_print(nd, pp, wlen, length, check_add_path(nd, *pp, *wlen, 32));
	if (ret == 1) {		/* a path id that does not fit: skip the rest */
		*pp += *wlen;
		*length -= *wlen;
		ret = 0;
	}
	return ret;
}

/* The path attributes of an UPDATE; -1 if truncated. */
static int attrs_print(struct nd *nd, const uint8_t **pp, unsigned len, unsigned *length)
{
	const uint8_t *p = *pp;
	int ret = 0;

	if (*length < len)
		return -1;
	while (len) {
		unsigned flags, type, ll, alen;

		if (!ND_TTEST_LEN(nd, p, 2) || *length < 2)
			return -1;
		if (len < 2)
			goto short_attrs;
		flags = GET_U_1(p);
		type = GET_U_1(p + 1);
		p += 2;
		len -= 2;
		*length -= 2;
		ll = flags & 0x10 ? 2 : 1;
		if (!ND_TTEST_LEN(nd, p, ll) || *length < ll)
			return -1;
		if (len < ll)
			goto short_attrs;
		alen = ll == 2 ? GET_BE_U_2(p) : GET_U_1(p);
		p += ll;
		len -= ll;
		*length -= ll;
		put_named(nd, "\n\t  ", tok(attr_types, "Unknown Attribute", type), type);
		put_text_num(nd, ", length: ", alen);
		if (flags) {
			attr_flags_print(nd, flags);
			nd_puts(nd, ": ");
		}
		if (len < alen) {
			nd_puts(nd, " [path attrs too short]");
			goto skip;
		}
		if (*length < alen || !attr_print(nd, type, p, alen, 0))
			return -1;
		p += alen;
		len -= alen;
		*length -= alen;
	}
	*pp = p;
	return ret;
short_attrs:
	nd_puts(nd, "\n\t  [path attrs too short]");
skip:
	*pp = p + len;
	*length -= len;
	return 0;
}

static void update_print(struct nd *nd, const uint8_t *dat, unsigned length)
{
	const uint8_t *p = dat + BGP_HDR;
	unsigned wlen, len;

	length -= BGP_HDR;
	if (!ND_TTEST_LEN(nd, p, 2) || length < 2)
		goto trunc;
	wlen = GET_BE_U_2(p);
	p += 2;
	length -= 2;
	if (withdrawn_print(nd, &p, &wlen, &length) < 0)
		goto trunc;
	if (!ND_TTEST_LEN(nd, p, 2) || length < 2)
		goto trunc;
	len = GET_BE_U_2(p);
	p += 2;
	length -= 2;
	if (wlen == 0 && len == 0 && length == 0) {
		nd_puts(nd, "\n\t  End-of-Rib Marker (empty NLRI)");
		return;
	}
	if (len && attrs_print(nd, &p, len, &length) < 0)
		goto trunc;
	if (length) {
		int add_path = check_add_path(nd, p, length, 32);

		nd_puts(nd, "\n\t  Updated routes:");
		len = length;
		if (routes_print(nd, &p, &len, &length, add_path) != 0)
			goto trunc;
	}
	return;
trunc:
	nd_print_trunc(nd);
}

/* RFC 9003: the shutdown communication of a Cease, then any data after it in hex. */
static void shutdown_comm_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned clen = GET_U_1(p), skip = 0;

	if (clen > length - (BGP_NOTIF_HDR + 1)) {
		nd_puts(nd, ", invalid Shutdown Communication length");
	} else if (clen == 0) {
		nd_puts(nd, ", empty Shutdown Communication");
		skip = 1;
	} else {
		nd_printf(nd, ", Shutdown Communication (length: %u): \"", clen);
		nd_printn_upto(nd, p + 1, clen);
		nd_putc(nd, '"');
		skip = clen + 1;
	}
	if (length - (skip + BGP_NOTIF_HDR) > 0) {
		nd_printf(nd, ", Data: (length: %u)", length - (skip + BGP_NOTIF_HDR));
		nd_hex_print(nd, "\n\t\t", p + skip, length - (skip + BGP_NOTIF_HDR));
	}
}

static void notification_print(struct nd *nd, const uint8_t *dat, unsigned length)
{
	static const struct nd_tok *const minors[] = {
		NULL, notify_msg, notify_open, notify_update, NULL, notify_fsm, notify_cease,
		notify_cap,
	};
	const uint8_t *p = dat + BGP_NOTIF_HDR;
	unsigned major, minor;

	if (!ND_TTEST_LEN(nd, dat, BGP_NOTIF_HDR)) {
		nd_print_trunc(nd);
		return;
	}
	if (length < BGP_NOTIF_HDR)
		return;
	major = GET_U_1(dat + 19);
	minor = GET_U_1(dat + 20);
	nd_printf(nd, ", %s (%u)", tok(notify_major, "Unknown Error", major), major);
	if (major >= 8 || !minors[major])
		return;
	nd_printf(nd, "%s subcode %s (%u)", major == 5 || major == 7 ? "" : ",",
		  tok(minors[major], "Unknown", minor), minor);
	if (major != 6)
		return;
	if (minor == 1 && length >= BGP_NOTIF_HDR + 7)
		nd_printf(nd, ", AFI %s (%u), SAFI %s (%u), Max Prefixes: %u",
			  afi_name(GET_BE_U_2(p), "Unknown"), GET_BE_U_2(p),
			  safi_name(GET_U_1(p + 2), "Unknown"), GET_U_1(p + 2), GET_BE_U_4(p + 3));
	if ((minor == 2 || minor == 4) && length >= BGP_NOTIF_HDR + 1)
		shutdown_comm_print(nd, p, length);
}

static void route_refresh_print(struct nd *nd, const uint8_t *dat, unsigned len)
{
	if (!ND_TTEST_LEN(nd, dat, BGP_RR_HDR)) {
		nd_print_trunc(nd);
		return;
	}
	if (len < BGP_RR_HDR)
		return;
	nd_printf(nd, "\n\t  AFI %s (%u), SAFI %s (%u)", afi_name(GET_BE_U_2(dat + 19), "Unknown"),
		  GET_BE_U_2(dat + 19), safi_name(GET_U_1(dat + 22), "Unknown"), GET_U_1(dat + 22));
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, dat, "\n\t  ", len);
}

static void pdu_print(struct nd *nd, const uint8_t *dat, unsigned length)
{
	unsigned type = GET_U_1(dat + 18);

	nd_puts(nd, "\n\t");
	put_named(nd, tok(msg_types, "Unknown", type), " Message", type);
	put_text_num(nd, ", length: ", length);
	switch (type) {
	case 1:
		open_print(nd, dat, length);
		break;
	case 2:
		update_print(nd, dat, length);
		break;
	case 3:
		notification_print(nd, dat, length);
		break;
	case 4:
		break;
	case 5:
		route_refresh_print(nd, dat, length);
		break;
	default:
		nd_printf(nd, "\n\t  no Message %u decoder", type);
		nd_print_unknown_data(nd, dat, "\n\t  ", length);
		break;
	}
}

/* The 16-byte all-ones marker that starts every BGP message. */
static int at_marker(struct nd *nd, const uint8_t *p)
{
	for (unsigned i = 0; i < 16; i++)
		if (p[i] != 0xff)
			return 0;
	(void)nd;
	return 1;
}

/*
 * tcpdump scans the captured bytes for markers, so a segment that starts
 * mid-message still shows the messages after it (marked as truncated).
 */
void nd_bgp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	const uint8_t *p = bp, *start = bp;

	(void)length;
	nd->protocol = "bgp";
	nd_puts(nd, ": BGP");
	if (nd->o.vflag < 1)
		return;
	while (p < nd->snapend) {
		unsigned hlen;

		if (GET_U_1(p) != 0xff) {
			p++;
			continue;
		}
		if (!ND_TTEST_LEN(nd, p, 16))
			break;
		if (!at_marker(nd, p)) {
			p++;
			continue;
		}
		if (!ND_TTEST_LEN(nd, p, BGP_HDR)) {
			nd_print_trunc(nd);
			return;
		}
		if (start != p)
			nd_print_trunc(nd);
		hlen = GET_BE_U_2(p + 16);
		if (hlen < BGP_HDR) {
			nd_printf(nd, "\nmessage length %u < %u", hlen, BGP_HDR);
			nd_print_invalid(nd);
			break;
		}
		if (!ND_TTEST_LEN(nd, p, hlen)) {
			nd_printf(nd, "\n[|BGP %s]", tok(msg_types, "Unknown Message Type",
							 GET_U_1(p + 18)));
			break;
		}
		pdu_print(nd, p, hlen);
		p += hlen;
		start = p;
	}
}

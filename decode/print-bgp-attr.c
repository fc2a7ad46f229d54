/* print-bgp-attr.c: BGP path attributes (RFC 4271 and the ones added since) as tcpdump 4.99 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "print-bgp-int.h"

#define BGP_MAX_NEST 10

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

static const struct nd_tok origins[] = {
	{ 0, "IGP" }, { 1, "EGP" }, { 2, "Incomplete" }, { 0, NULL },
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

const char *nd_bgp_attr_name(unsigned type)
{
	return nd_bgp_tok(attr_types, "Unknown Attribute", type);
}

/* The AFI/SAFI line of MP_REACH/MP_UNREACH: 0 to go on, -1 if not decoded, -2 if truncated. */
static int mp_af_print(struct nd *nd, const uint8_t *p, unsigned tlen, unsigned *afsafi)
{
	unsigned afi = GET_BE_U_2(p), safi = GET_U_1(p + 2);

	*afsafi = AFSAFI(afi, safi);
	nd_bgp_put_named(nd, "\n\t    AFI: ", nd_bgp_afi_name(afi, "Unknown AFI"), afi);
	nd_bgp_put_named(nd, safi > 128 ? ", vendor specific SAFI: " : ", SAFI: ",
		  nd_bgp_safi_name(safi, "Unknown SAFI"), safi);
	if (nd_bgp_nlri_known(*afsafi))
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
		nd_bgp_nsap_text(p, tnhlen, t, sizeof(t));
		nd_puts(nd, t);
		return tnhlen;
	}
	if (tnhlen < 9) {
		nd_puts(nd, "invalid len");
		return tnhlen;
	}
	nd_bgp_rd_text(nd, p, rd, sizeof(rd));
	nd_bgp_nsap_text(p + 8, tnhlen - 8, t, sizeof(t));
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
		nd_bgp_rd_text(nd, p, rd, sizeof(rd));
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
		nd_bgp_put_num(nd, "\n\t    ", snpa);
		nd_puts(nd, " SNPA");
	}
	for (; snpa != 0; snpa--) {
		unsigned sl;

		if (*tlen < 1)
			return 0;
		sl = GET_U_1(p);
		nd_bgp_put_num(nd, "\n\t      ", sl);
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
	nd_bgp_put_num(nd, ", nh-length: ", nhlen);
	if (!snpas_print(nd, &p, &tlen))
		return 0;
	return nd_bgp_mp_nlri_print(nd, afsafi, p, attr, len);
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
	return nd_bgp_mp_nlri_print(nd, afsafi, attr + 3, attr, len);
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

		nd_puts(nd, nd_bgp_tok(seg_open, "?", seg));
		for (unsigned i = 0; i < n * size; i += size) {
			if (!ND_TTEST_LEN(nd, p + 2 + i, size))
				return 0;
			nd_putu(nd, size == 2 ? GET_BE_U_2(p + 2 + i) : GET_BE_U_4(p + 2 + i));
			nd_putc(nd, ' ');
		}
		nd_puts(nd, nd_bgp_tok(seg_close, "?", seg));
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
	nd_bgp_put_num(nd, " AS #", len == 6 ? GET_BE_U_2(p) : GET_BE_U_4(p));
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
		nd_bgp_put_num(nd, "", GET_BE_U_2(p + 2));	/* the 8 bytes are captured */
		nd_bgp_put_num(nd, ":", GET_BE_U_4(p + 4));
		nd_puts(nd, " (= ");
		nd_puts(nd, nd_ipaddr_string(nd, p + 4));
		nd_putc(nd, ')');
		break;
	case 0x0102: case 0x0103: case 0xf10a: case 0x010b:
		nd_puts(nd, nd_ipaddr_string(nd, p + 2));
		nd_bgp_put_num(nd, ":", GET_BE_U_2(p + 6));
		break;
	case 0x0202: case 0x0203:
		nd_bgp_put_num(nd, "", GET_BE_U_4(p + 2));
		nd_bgp_put_num(nd, ":", GET_BE_U_2(p + 6));
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
		if (nd_bgp_tok(ospf_rtypes, NULL, rt))
			nd_puts(nd, nd_bgp_tok(ospf_rtypes, NULL, rt));
		else
			nd_printf(nd, "unknown (0x%02x)", rt);
		nd_printf(nd, ", metric-type:%s%s", (GET_U_1(p + 7) & 1) ? "E2" : "",
			  rt == 5 || rt == 7 ? "E1" : "");
		break;
	case 0x800a:
		nd_printf(nd, "%s Control Flags [0x%02x]:MTU %u",
			  nd_bgp_tok(l2vpn_encaps, "unknown encaps", GET_U_1(p + 2)), GET_U_1(p + 3),
			  GET_BE_U_2(p + 4));
		break;
	case 0x0009:
		nd_printf(nd, "AS %u", GET_BE_U_2(p + 2));
		break;
	case 0x030c:
		nd_printf(nd, "Tunnel type: %s",
			  nd_bgp_tok(encap_tunnels, "unknown encaps", GET_BE_U_2(p + 6)));
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
		nd_puts(nd, nd_bgp_tok(ext_types, "unknown extd community typecode", t));
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
		  nd_bgp_tok(pmsi_tunnels, "Unknown", type), type,
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

/* "(flags)" after an attribute's name and length, as tcpdump writes them. */
void nd_bgp_attr_flags_print(struct nd *nd, unsigned flags)
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
		nd_bgp_put_named(nd, "\n\t      ", nd_bgp_attr_name(type), type);
		nd_bgp_put_num(nd, ", length: ", alen);
		if (flags)
			nd_bgp_attr_flags_print(nd, flags);
		nd_puts(nd, ": ");
		if (len < alen)
			goto short_attr;
		if (level == BGP_MAX_NEST)
			nd_puts(nd, "(too many nested levels, not recursing)");
		else if (!nd_bgp_attr_print(nd, type, p, alen, level + 1))
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
			nd_puts(nd, nd_bgp_tok(origins, "Unknown Origin Typecode", GET_U_1(p)));
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

int nd_bgp_attr_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len, unsigned level)
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

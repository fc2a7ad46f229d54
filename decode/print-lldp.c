/* print-lldp.c: LLDP (IEEE 802.1AB) and the 802.1, 802.3, LLDP-MED, DCBX and IANA TLVs in it */
#include "config.h"

#include <inttypes.h>

#include "print-ip.h"

#define T(v, s) { v, s }

static const struct nd_tok tlv_names[] = {
	T(0, "End"), T(1, "Chassis ID"), T(2, "Port ID"), T(3, "Time to Live"),
	T(4, "Port Description"), T(5, "System Name"), T(6, "System Description"),
	T(7, "System Capabilities"), T(8, "Management Address"), T(127, "Organization specific"),
	T(0, NULL),
};

static const struct nd_tok chassis_subtypes[] = {
	T(1, "Chassis component"), T(2, "Interface alias"), T(3, "Port component"),
	T(4, "MAC address"), T(5, "Network address"), T(6, "Interface name"), T(7, "Local"),
	T(0, NULL),
};

static const struct nd_tok port_subtypes[] = {
	T(1, "Interface alias"), T(2, "Port component"), T(3, "MAC address"),
	T(4, "Network Address"), T(5, "Interface Name"), T(6, "Agent circuit ID"), T(7, "Local"),
	T(0, NULL),
};

static const struct nd_tok caps[] = {
	T(0x01, "Other"), T(0x02, "Repeater"), T(0x04, "Bridge"), T(0x08, "WLAN AP"),
	T(0x10, "Router"), T(0x20, "Telephone"), T(0x40, "Docsis"), T(0x80, "Station Only"),
	T(0, NULL),
};

static const struct nd_tok subtypes_8021[] = {
	T(1, "Port VLAN Id"), T(2, "Port and Protocol VLAN ID"), T(3, "VLAN name"),
	T(4, "Protocol Identity"), T(7, "Link aggregation"), T(8, "Congestion Notification"),
	T(9, "ETS Configuration"), T(10, "ETS Recommendation"),
	T(11, "Priority Flow Control Configuration"), T(12, "Application Priority"), T(13, "EVB"),
	T(14, "CDCP"), T(0, NULL),
};

static const struct nd_tok ppvid_flags[] = {
	T(0x02, "supported"), T(0x04, "enabled"), T(0, NULL),
};

static const struct nd_tok subtypes_8023[] = {
	T(1, "MAC/PHY configuration/status"), T(2, "Power via MDI"), T(3, "Link aggregation"),
	T(4, "Max frame size"), T(0, NULL),
};

static const struct nd_tok subtypes_tia[] = {
	T(1, "LLDP-MED Capabilities"), T(2, "Network policy"), T(3, "Location identification"),
	T(4, "Extended power-via-MDI"), T(5, "Inventory - hardware revision"),
	T(6, "Inventory - firmware revision"), T(7, "Inventory - software revision"),
	T(8, "Inventory - serial number"), T(9, "Inventory - manufacturer name"),
	T(10, "Inventory - model name"), T(11, "Inventory - asset ID"), T(0, NULL),
};

static const struct nd_tok altitude_types[] = {
	T(1, "meters"), T(2, "floors"), T(0, NULL),
};

static const struct nd_tok lci_catypes[] = {
	T(1, "national subdivisions (state,canton,region,province,prefecture)"),
	T(2, "county, parish, gun, district"), T(3, "city, township, shi"),
	T(4, "city division, borough, city district, ward chou"), T(5, "neighborhood, block"),
	T(6, "street"), T(0, NULL),
};

static const struct nd_tok lci_what[] = {
	T(0, "location of DHCP server"),
	T(1, "location of the network element believed to be closest to the client"),
	T(2, "location of the client"), T(0, NULL),
};

static const struct nd_tok mau_types[] = {
	T(0, "Unknown"), T(1, "AUI"), T(2, "10BASE_5"), T(3, "FOIRL"), T(4, "10BASE2"),
	T(5, "10BASET duplex mode unknown"), T(6, "10BASEFP"), T(7, "10BASEFB"),
	T(8, "10BASEFL duplex mode unknown"), T(9, "10BROAD36"), T(10, "10BASET hdx"),
	T(11, "10BASET fdx"), T(12, "10BASEFL hdx"), T(13, "10BASEFL fdx"), T(14, "100BASET4"),
	T(15, "100BASETX hdx"), T(16, "100BASETX fdx"), T(17, "100BASEFX hdx"),
	T(18, "100BASEFX fdx"), T(19, "100BASET2 hdx"), T(20, "100BASET2 fdx"),
	T(21, "1000BASEX hdx"), T(22, "1000BASEX fdx"), T(23, "1000BASELX hdx"),
	T(24, "1000BASELX fdx"), T(25, "1000BASESX hdx"), T(26, "1000BASESX fdx"),
	T(27, "1000BASECX hdx"), T(28, "1000BASECX fdx"), T(29, "1000BASET hdx"),
	T(30, "1000BASET fdx"), T(31, "10GBASEX"), T(32, "10GBASELX4"), T(33, "10GBASER"),
	T(34, "10GBASEER"), T(35, "10GBASELR"), T(36, "10GBASESR"), T(37, "10GBASEW"),
	T(38, "10GBASEEW"), T(39, "10GBASELW"), T(40, "10GBASESW"), T(0, NULL),
};

static const struct nd_tok autoneg[] = {
	T(0x01, "supported"), T(0x02, "enabled"), T(0, NULL),
};

static const struct nd_tok tia_caps[] = {
	T(0x01, "LLDP-MED capabilities"), T(0x02, "network policy"),
	T(0x04, "location identification"), T(0x08, "extended power via MDI-PSE"),
	T(0x10, "extended power via MDI-PD"), T(0x20, "Inventory"), T(0, NULL),
};

static const struct nd_tok tia_device_types[] = {
	T(1, "endpoint class 1"), T(2, "endpoint class 2"), T(3, "endpoint class 3"),
	T(4, "network connectivity"), T(0, NULL),
};

static const struct nd_tok tia_applications[] = {
	T(1, "voice"), T(2, "voice signaling"), T(3, "guest voice"), T(4, "guest voice signaling"),
	T(5, "softphone voice"), T(6, "video conferencing"), T(7, "streaming video"),
	T(8, "video signaling"), T(0, NULL),
};

static const struct nd_tok tia_policy_bits[] = {
	T(0x80, "Unknown"), T(0x40, "Tagged"), T(0x20, "reserved"), T(0, NULL),
};

static const struct nd_tok location_formats[] = {
	T(1, "coordinate-based LCI"), T(2, "civic address LCI"), T(3, "ECS ELIN"), T(0, NULL),
};

static const struct nd_tok datums[] = {
	T(1, "World Geodesic System 1984"), T(2, "North American Datum 1983 (NAVD88)"),
	T(3, "North American Datum 1983 (MLLW)"), T(0, NULL),
};

static const struct nd_tok power_sources[] = {
	T(1, "PSE - primary power source"), T(2, "local - backup power source"),
	T(3, "PSE+local - reserved"), T(0, NULL),
};

static const struct nd_tok power_priorities[] = {
	T(1, "critical"), T(2, "high"), T(3, "low"), T(0, NULL),
};

static const struct nd_tok inventory[] = {
	T(5, "Hardware revision"), T(6, "Firmware revision"), T(7, "Software revision"),
	T(8, "Serial number"), T(9, "Manufacturer name"), T(10, "Model name"), T(11, "Asset ID"),
	T(0, NULL),
};

static const struct nd_tok pmd_caps[] = {
	T(1 << 14, "10BASE-T hdx"), T(1 << 13, "10BASE-T fdx"), T(1 << 12, "100BASE-T4"),
	T(1 << 11, "100BASE-TX hdx"), T(1 << 10, "100BASE-TX fdx"), T(1 << 9, "100BASE-T2 hdx"),
	T(1 << 8, "100BASE-T2 fdx"), T(1 << 7, "Pause for fdx links"),
	T(1 << 6, "Asym PAUSE for fdx"), T(1 << 5, "Sym PAUSE for fdx"),
	T(1 << 4, "Asym and Sym PAUSE for fdx"), T(1 << 3, "1000BASE-{X LX SX CX} hdx"),
	T(1 << 2, "1000BASE-{X LX SX CX} fdx"), T(1 << 1, "1000BASE-T hdx"),
	T(1 << 0, "1000BASE-T fdx"), T(0, NULL),
};

static const struct nd_tok mdi_bits[] = {
	T(0x01, "PSE"), T(0x02, "supported"), T(0x04, "enabled"), T(0x08, "can be controlled"),
	T(0, NULL),
};

static const struct nd_tok mdi_pairs[] = {
	T(1, "signal"), T(2, "spare"), T(0, NULL),
};

static const struct nd_tok mdi_classes[] = {
	T(1, "class0"), T(2, "class1"), T(3, "class2"), T(4, "class3"), T(5, "class4"),
	T(0, NULL),
};

static const struct nd_tok aggregation[] = {
	T(0x01, "supported"), T(0x02, "enabled"), T(0, NULL),
};

static const struct nd_tok dcbx_subtypes[] = {
	T(1, "DCB Capability Exchange Protocol Rev 1"),
	T(2, "DCB Capability Exchange Protocol Rev 1.01"), T(0, NULL),
};

static const struct nd_tok intf_numbering[] = {
	T(2, "Interface Index"), T(3, "System Port Number"), T(0, NULL),
};

static const struct nd_tok evb_modes[] = {
	T(0, "Not Supported"), T(1, "EVB Bridge"), T(2, "EVB Station"),
	T(3, "Reserved for future Standardization"), T(0, NULL),
};

static const struct nd_tok iana_subtypes[] = {
	T(1, "MUD-URL"), T(0, NULL),
};

static const struct nd_tok af_names[] = {
	T(0, "Reserved"), T(1, "IPv4"), T(2, "IPv6"), T(3, "NSAP"), T(4, "HDLC"), T(5, "BBN 1822"),
	T(6, "802"), T(7, "E.163"), T(8, "E.164"), T(9, "F.69"), T(10, "X.121"),
	T(11, "Novell IPX"), T(12, "Appletalk"), T(13, "Decnet IV"), T(14, "Banyan Vines"),
	T(15, "E.164 with NSAP subaddress"), T(25, "Layer-2 VPN"), T(65, "VPLS"), T(0, NULL),
};

/* Scratch for the table lookups below; LLDP never needs two at once from the same call. */
struct bufs {
	char a[256], b[256], c[64];
};

static const char *tok(const struct nd_tok *t, const char *dflt, unsigned v, char *buf)
{
	return nd_tok2str(t, dflt, v, buf, 256);
}

static const char *bits(const struct nd_tok *t, const char *none, unsigned v, char *buf)
{
	return nd_bittok2str(t, none, v, ", ", buf, 256);
}

static void subtype_print(struct nd *nd, const struct nd_tok *t, unsigned subtype)
{
	char buf[64];

	nd_puts(nd, "\n\t  ");
	nd_puts(nd, nd_tok2str(t, "unknown", subtype, buf, sizeof(buf)));
	nd_puts(nd, " Subtype (");
	nd_putu(nd, subtype);
	nd_putc(nd, ')');
}

static void table_row(struct nd *nd, const char *title, const char *head, const char *label,
		      const unsigned v[8])
{
	nd_printf(nd, "\n\t    %s\n\t     %s: 0   1   2   3   4   5   6   7\n\t     %s: "
		  "%-3d %-3d %-3d %-3d %-3d %-3d %-3d %-3d", title, head, label,
		  (int)v[0], (int)v[1], (int)v[2], (int)v[3], (int)v[4], (int)v[5], (int)v[6],
		  (int)v[7]);
}

/* The ETS tables: a nibble per priority, then a byte per traffic class twice. */
static void ets_tables(struct nd *nd, const uint8_t *p)
{
	unsigned v[8];

	for (int i = 0; i < 8; i++)
		v[i] = i & 1 ? GET_U_1(p + i / 2) & 0x0f : GET_U_1(p + i / 2) >> 4;
	table_row(nd, "Priority Assignment Table", "Priority ", "Value    ", v);
	for (int i = 0; i < 8; i++)
		v[i] = GET_U_1(p + 4 + i);
	table_row(nd, "TC Bandwidth Table", "TC%   ", "Value ", v);
	for (int i = 0; i < 8; i++)
		v[i] = GET_U_1(p + 12 + i);
	table_row(nd, "TSA Assignment Table", "Traffic Class", "Value        ", v);
}

static void bit_row(struct nd *nd, const char *title, unsigned v)
{
	if (title)
		nd_printf(nd, "\n\t    %s", title);
	nd_puts(nd, "\n\t     Priority : 0  1  2  3  4  5  6  7\n\t     Value    : ");
	for (int i = 0; i < 8; i++)
		nd_printf(nd, "%-2d ", (int)((v >> i) & 1));
}

/* Each private printer returns 1 if the TLV should also be hex dumped. */
static int ieee8021_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	struct bufs b;
	unsigned subtype, sublen, v;

	if (len < 4)
		return 0;
	subtype = GET_U_1(tp + 3);
	subtype_print(nd, subtypes_8021, subtype);
	switch (subtype) {
	case 1:
		if (len < 6)
			return 0;
		nd_printf(nd, "\n\t    port vlan id (PVID): %u", GET_BE_U_2(tp + 4));
		break;
	case 2:
		if (len < 7)
			return 0;
		nd_printf(nd, "\n\t    port and protocol vlan id (PPVID): %u, flags [%s] (0x%02x)",
			  GET_BE_U_2(tp + 5), bits(ppvid_flags, "none", GET_U_1(tp + 4), b.a),
			  GET_U_1(tp + 4));
		break;
	case 3:
		if (len < 6)
			return 0;
		nd_printf(nd, "\n\t    vlan id (VID): %u", GET_BE_U_2(tp + 4));
		if (len < 7)
			return 0;
		sublen = GET_U_1(tp + 6);
		if (len < 7 + sublen)
			return 0;
		nd_puts(nd, "\n\t    vlan name: ");
		nd_printjnp(nd, tp + 7, sublen);
		break;
	case 4:
		if (len < 5)
			return 0;
		sublen = GET_U_1(tp + 4);
		if (len < 5 + sublen)
			return 0;
		nd_puts(nd, "\n\t    protocol identity: ");
		nd_printjnp(nd, tp + 5, sublen);
		break;
	case 7:
		if (len < 9)
			return 0;
		nd_printf(nd, "\n\t    aggregation status [%s], aggregation port ID %u",
			  bits(aggregation, "none", GET_U_1(tp + 4), b.a), GET_BE_U_4(tp + 5));
		break;
	case 8:
		if (len < 6)
			return 0;
		bit_row(nd, "Pre-Priority CNPV Indicator", GET_U_1(tp + 4));
		bit_row(nd, "Pre-Priority Ready Indicator", GET_U_1(tp + 5));
		break;
	case 9:
		if (len < 25)
			return 0;
		v = GET_U_1(tp + 4);
		nd_printf(nd, "\n\t    Willing:%u, CBS:%u, RES:%u, Max TCs:%u", v >> 7, (v >> 6) & 0x02,
			  (v >> 3) & 0x07, v & 0x07);
		ets_tables(nd, tp + 5);
		break;
	case 10:
		if (len < 25)
			return 0;
		nd_printf(nd, "\n\t    RES: %u", GET_U_1(tp + 4));
		ets_tables(nd, tp + 5);
		break;
	case 11:
		if (len < 6)
			return 0;
		v = GET_U_1(tp + 4);
		nd_printf(nd, "\n\t    Willing: %u, MBC: %u, RES: %u, PFC cap:%u ", v >> 7,
			  (v >> 6) & 0x01, (v >> 4) & 0x03, v & 0x0f);
		nd_puts(nd, "\n\t    PFC Enable");
		bit_row(nd, NULL, GET_U_1(tp + 5));
		break;
	case 12:
		if (len < 5)
			return 0;
		nd_printf(nd, "\n\t    RES: %u", GET_U_1(tp + 4));
		if (len <= 5)
			return 0;
		sublen = len - 5;
		if (sublen % 3 != 0)
			return 0;
		nd_puts(nd, "\n\t    Application Priority Table");
		for (unsigned i = 0; i < sublen; i += 3) {
			v = GET_U_1(tp + i + 5);
			nd_printf(nd, "\n\t      Priority: %u, RES: %u, Sel: %u, Protocol ID: %u",
				  v >> 5, (v >> 3) & 0x03, v & 0x07, GET_BE_U_2(tp + i + 6));
		}
		break;
	case 13:
		if (len < 9)
			return 0;
		nd_puts(nd, "\n\t    EVB Bridge Status");
		v = GET_U_1(tp + 4);
		nd_printf(nd, "\n\t      RES: %u, BGID: %u, RRCAP: %u, RRCTR: %u", v >> 3,
			  (v >> 2) & 0x01, (v >> 1) & 0x01, v & 0x01);
		nd_puts(nd, "\n\t    EVB Station Status");
		v = GET_U_1(tp + 5);
		nd_printf(nd, "\n\t      RES: %u, SGID: %u, RRREQ: %u,RRSTAT: %u", v >> 4,
			  (v >> 3) & 0x01, (v >> 2) & 0x01, v & 0x03);
		v = GET_U_1(tp + 6);
		nd_printf(nd, "\n\t    R: %u, RTE: %u, ", v >> 5, v & 0x1f);
		v = GET_U_1(tp + 7);
		nd_printf(nd, "EVB Mode: %s [%u]", tok(evb_modes, "unknown", v >> 6, b.a), v >> 6);
		nd_printf(nd, "\n\t    ROL: %u, RWD: %u, ", (v >> 5) & 0x01, v & 0x1f);
		v = GET_U_1(tp + 8);
		nd_printf(nd, "RES: %u, ROL: %u, RKA: %u", v >> 6, (v >> 5) & 0x01, v & 0x1f);
		break;
	case 14:
		if (len < 8)
			return 0;
		v = GET_U_1(tp + 4);
		nd_printf(nd, "\n\t    Role: %u, RES: %u, Scomp: %u ", v >> 7, (v >> 4) & 0x07,
			  (v >> 3) & 0x01);
		nd_printf(nd, "ChnCap: %u", GET_BE_U_2(tp + 6) & 0x0fff);
		sublen = len - 8;
		if (sublen % 3 != 0)
			return 0;
		for (unsigned i = 0; i < sublen; i += 3) {
			v = GET_BE_U_3(tp + i + 8);
			nd_printf(nd, "\n\t    SCID: %u, SVID: %u", v >> 12, v & 0x000fff);
		}
		break;
	default:
		return 1;
	}
	return 0;
}

static int ieee8023_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	struct bufs b;
	unsigned subtype;

	if (len < 4)
		return 0;
	subtype = GET_U_1(tp + 3);
	subtype_print(nd, subtypes_8023, subtype);
	switch (subtype) {
	case 1:
		if (len < 9)
			return 0;
		nd_printf(nd, "\n\t    autonegotiation [%s] (0x%02x)",
			  bits(autoneg, "none", GET_U_1(tp + 4), b.a), GET_U_1(tp + 4));
		nd_printf(nd, "\n\t    PMD autoneg capability [%s] (0x%04x)",
			  bits(pmd_caps, "unknown", GET_BE_U_2(tp + 5), b.a), GET_BE_U_2(tp + 5));
		nd_printf(nd, "\n\t    MAU type %s (0x%04x)",
			  tok(mau_types, "unknown", GET_BE_U_2(tp + 7), b.a), GET_BE_U_2(tp + 7));
		break;
	case 2:
		if (len < 7)
			return 0;
		nd_printf(nd, "\n\t    MDI power support [%s], power pair %s, power class %s",
			  bits(mdi_bits, "none", GET_U_1(tp + 4), b.a),
			  tok(mdi_pairs, "unknown", GET_U_1(tp + 5), b.b),
			  tok(mdi_classes, "unknown", GET_U_1(tp + 6), b.c));
		break;
	case 3:
		if (len < 9)
			return 0;
		nd_printf(nd, "\n\t    aggregation status [%s], aggregation port ID %u",
			  bits(aggregation, "none", GET_U_1(tp + 4), b.a), GET_BE_U_4(tp + 5));
		break;
	case 4:
		if (len < 6)
			return 0;
		nd_printf(nd, "\n\t    MTU size %u", GET_BE_U_2(tp + 4));
		break;
	default:
		return 1;
	}
	return 0;
}

static int iana_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	unsigned subtype;

	if (len < 8)
		return 0;
	subtype = GET_U_1(tp + 3);
	subtype_print(nd, iana_subtypes, subtype);
	if (subtype != 1)
		return 1;
	nd_puts(nd, "\n\t  MUD-URL=");
	nd_printn(nd, tp + 4, len - 4);
	return 0;
}

/* 34 bits of latitude or longitude. */
static uint64_t latlon(struct nd *nd, const uint8_t *p)
{
	return (uint64_t)(GET_U_1(p) & 3) << 32 | GET_BE_U_4(p + 1);
}

static int tia_location_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	struct bufs b;
	unsigned format, lci_len;

	if (len < 5)
		return 0;
	format = GET_U_1(tp + 4);
	nd_printf(nd, "\n\t    Location data format %s (0x%02x)",
		  tok(location_formats, "unknown", format, b.a), format);
	switch (format) {
	case 1:
		if (len < 21)
			return 0;
		nd_printf(nd, "\n\t    Latitude resolution %u, latitude value %" PRIu64,
			  GET_U_1(tp + 5) >> 2, latlon(nd, tp + 5));
		nd_printf(nd, "\n\t    Longitude resolution %u, longitude value %" PRIu64,
			  GET_U_1(tp + 10) >> 2, latlon(nd, tp + 10));
		nd_printf(nd, "\n\t    Altitude type %s (%u)",
			  tok(altitude_types, "unknown", GET_U_1(tp + 15) >> 4, b.a),
			  GET_U_1(tp + 15) >> 4);
		nd_printf(nd, "\n\t    Altitude resolution %u, altitude value 0x%x",
			  (GET_BE_U_2(tp + 15) >> 6) & 0x3f, GET_BE_U_4(tp + 16) & 0x3fffffff);
		nd_printf(nd, "\n\t    Datum %s (0x%02x)",
			  tok(datums, "unknown", GET_U_1(tp + 20), b.a), GET_U_1(tp + 20));
		break;
	case 2:
		if (len < 6)
			return 0;
		lci_len = GET_U_1(tp + 5);
		if (lci_len < 3 || len < 7 + lci_len)
			return 0;
		nd_printf(nd, "\n\t    LCI length %u, LCI what %s (0x%02x), Country-code ", lci_len,
			  tok(lci_what, "unknown", GET_U_1(tp + 6), b.a), GET_U_1(tp + 6));
		nd_printjnp(nd, tp + 7, 2);
		lci_len -= 3;
		tp += 9;
		while (lci_len > 0) {
			unsigned ca_type, ca_len;

			if (lci_len < 2)
				return 0;
			ca_type = GET_U_1(tp);
			ca_len = GET_U_1(tp + 1);
			tp += 2;
			lci_len -= 2;
			nd_printf(nd, "\n\t      CA type '%s' (%u), length %u: ",
				  tok(lci_catypes, "unknown", ca_type, b.a), ca_type, ca_len);
			if (ca_type == 0 || ca_len == 0 || lci_len < ca_len)
				return 0;
			nd_printjnp(nd, tp, ca_len);
			tp += ca_len;
			lci_len -= ca_len;
		}
		break;
	case 3:
		nd_puts(nd, "\n\t    ECS ELIN id ");
		nd_printjnp(nd, tp + 5, len - 5);
		break;
	default:
		nd_puts(nd, "\n\t    Location ID ");
		nd_print_unknown_data(nd, tp + 5, "\n\t      ", len - 5);
		break;
	}
	return 0;
}

static int tia_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	struct bufs b;
	unsigned subtype, v;

	if (len < 4)
		return 0;
	subtype = GET_U_1(tp + 3);
	subtype_print(nd, subtypes_tia, subtype);
	switch (subtype) {
	case 1:
		if (len < 7)
			return 0;
		nd_printf(nd, "\n\t    Media capabilities [%s] (0x%04x)",
			  bits(tia_caps, "none", GET_BE_U_2(tp + 4), b.a), GET_BE_U_2(tp + 4));
		nd_printf(nd, "\n\t    Device type [%s] (0x%02x)",
			  tok(tia_device_types, "unknown", GET_U_1(tp + 6), b.a), GET_U_1(tp + 6));
		break;
	case 2:
		if (len < 8)
			return 0;
		nd_printf(nd, "\n\t    Application type [%s] (0x%02x)",
			  tok(tia_applications, "none", GET_U_1(tp + 4), b.a), GET_U_1(tp + 4));
		nd_printf(nd, ", Flags [%s]", bits(tia_policy_bits, "none", GET_U_1(tp + 5), b.a));
		nd_printf(nd, "\n\t    Vlan id %u", (GET_BE_U_2(tp + 5) & 0x1ffe) >> 1);
		nd_printf(nd, ", L2 priority %u", (GET_BE_U_2(tp + 6) & 0x01ff) >> 6);
		nd_printf(nd, ", DSCP value %u", GET_BE_U_2(tp + 6) & 0x003f);
		break;
	case 3:
		return tia_location_print(nd, tp, len);
	case 4:
		if (len < 7)
			return 0;
		v = GET_U_1(tp + 4);
		/* tcpdump tests "v & 0xC0 >> 6", which is v & 3: its words, its test. */
		nd_printf(nd, "\n\t    Power type [%s]", (v & 3) ? "PD device" : "PSE device");
		nd_printf(nd, ", Power source [%s]",
			  tok(power_sources, "none", (v & 0x30) >> 4, b.a));
		nd_printf(nd, "\n\t    Power priority [%s] (0x%02x)",
			  tok(power_priorities, "none", v & 0x0f, b.a), v & 0x0f);
		v = GET_BE_U_2(tp + 5);
		if (v < 1024)
			nd_printf(nd, ", Power %.1f Watts", (double)((float)v / 10));
		else
			nd_printf(nd, ", Power %u (Reserved)", v);
		break;
	case 5: case 6: case 7: case 8: case 9: case 10: case 11:
		nd_printf(nd, "\n\t  %s ", tok(inventory, "unknown", subtype, b.a));
		nd_printjnp(nd, tp + 4, len - 4);
		break;
	default:
		return 1;
	}
	return 0;
}

static void dcbx_info_block(struct nd *nd, const uint8_t *tp)
{
	unsigned v;

	nd_printf(nd, "\n\t      Oper_Version: %u", GET_U_1(tp));
	nd_printf(nd, "\n\t      Max_Version: %u", GET_U_1(tp + 1));
	nd_printf(nd, "\n\t      Info block(0x%02X): ", GET_U_1(tp + 2));
	v = GET_U_1(tp + 2);
	nd_printf(nd, "Enable bit: %u, Willing bit: %u, Error Bit: %u", (v & 0x80) ? 1 : 0,
		  (v & 0x40) ? 1 : 0, (v & 0x20) ? 1 : 0);
	nd_printf(nd, "\n\t      SubType: %u", GET_U_1(tp + 3));
}

/* DCBX 1.01's own TLVs; a cut or bad one ends the TLV quietly, as in tcpdump. */
static int dcbx_print(struct nd *nd, const uint8_t *pp, unsigned len)
{
	const uint8_t *tp;
	unsigned subtype, tlen;
	int hexdump = 0;

	if (len < 4)
		return 0;
	subtype = GET_U_1(pp + 3);
	subtype_print(nd, dcbx_subtypes, subtype);
	if (subtype == 1)
		return 1;
	tp = pp + 4;
	tlen = len - 4;
	while (tlen >= 2) {
		unsigned tlv, type, tlv_len, v;

		if (!ND_TTEST_LEN(nd, tp, 2))
			break;
		tlv = GET_BE_U_2(tp);
		type = tlv >> 9;
		tlv_len = tlv & 0x1ff;
		hexdump = 0;
		tlen -= 2;
		tp += 2;
		if (!type || !tlv_len)
			break;
		if (!ND_TTEST_LEN(nd, tp, tlv_len) || tlen < tlv_len)
			break;
		switch (type) {
		case 1:
			if (tlv_len < 10)
				return hexdump;
			nd_printf(nd, "\n\t    Control - Protocol Control (type 0x%x, length %u)", 1,
				  tlv_len);
			nd_printf(nd, "\n\t      Oper_Version: %u", GET_U_1(tp));
			nd_printf(nd, "\n\t      Max_Version: %u", GET_U_1(tp + 1));
			nd_printf(nd, "\n\t      Sequence Number: %u", GET_BE_U_4(tp + 2));
			nd_printf(nd, "\n\t      Acknowledgement Number: %u", GET_BE_U_4(tp + 6));
			break;
		case 2:
			if (tlv_len < 17)
				return hexdump;
			nd_printf(nd, "\n\t    Feature - Priority Group (type 0x%x, length %u)", 2,
				  tlv_len);
			dcbx_info_block(nd, tp);
			nd_puts(nd, "\n\t      Priority Allocation");
			v = GET_BE_U_4(tp + 4);
			for (unsigned i = 0; i <= 7; i++)
				nd_printf(nd, "\n\t          PgId_%u: %u", i, (v >> (28 - 4 * i)) & 0xf);
			nd_puts(nd, "\n\t      Priority Group Allocation");
			for (unsigned i = 0; i <= 7; i++)
				nd_printf(nd, "\n\t          Pg percentage[%u]: %u", i,
					  GET_U_1(tp + 8 + i));
			nd_printf(nd, "\n\t      NumTCsSupported: %u", GET_U_1(tp + 16));
			break;
		case 3:
			if (tlv_len < 6)
				return hexdump;
			nd_puts(nd, "\n\t    Feature - Priority Flow Control");
			nd_printf(nd, " (type 0x%x, length %u)", 3, tlv_len);
			dcbx_info_block(nd, tp);
			v = GET_U_1(tp + 4);
			nd_printf(nd, "\n\t      PFC Config (0x%02X)", v);
			for (unsigned i = 0; i <= 7; i++)
				nd_printf(nd, "\n\t          Priority Bit %u: %s", i,
					  (v & (1u << i)) ? "Enabled" : "Disabled");
			nd_printf(nd, "\n\t      NumTCPFCSupported: %u", GET_U_1(tp + 5));
			break;
		case 4: {
			const uint8_t *mp = tp + 4;

			if (tlv_len < 4)
				return hexdump;
			nd_printf(nd, "\n\t    Feature - Application (type 0x%x, length %u)", 4,
				  tlv_len);
			dcbx_info_block(nd, tp);
			for (v = tlv_len - 4; v >= 6; v -= 6, mp += 6) {
				unsigned u;

				nd_puts(nd, "\n\t      Application Value");
				nd_printf(nd, "\n\t          Application Protocol ID: 0x%04x",
					  GET_BE_U_2(mp));
				u = GET_BE_U_3(mp + 2);
				nd_printf(nd, "\n\t          SF (0x%x) Application Protocol ID is %s",
					  u >> 22, (u >> 22) ? "Socket Number" : "L2 EtherType");
				nd_printf(nd, "\n\t          OUI: 0x%06x", u & 0x3fffff);
				nd_printf(nd, "\n\t          User Priority Map: 0x%02x",
					  GET_U_1(mp + 5));
			}
			break;
		}
		default:
			hexdump = 1;
			break;
		}
		if (nd->o.vflag > 1 || (nd->o.vflag && hexdump))
			nd_print_unknown_data(nd, tp, "\n\t    ", tlv_len);
		tlen -= tlv_len;
		tp += tlv_len;
	}
	return hexdump;
}

/* "AFI IPv4 (1): 192.0.2.1" into buf, or NULL if the address does not fit its length. */
static const char *network_addr(struct nd *nd, const uint8_t *tp, unsigned len, char *buf,
				size_t size)
{
	const char *addr = NULL, *afname;
	unsigned af;
	char name[64];

	if (len < 1)
		return NULL;
	len--;
	af = GET_U_1(tp);
	if ((af == 1 && len < 4) || (af == 2 && len < 16) || (af == 6 && len < 6))
		return NULL;
	if (af == 1)
		addr = nd_ipaddr_string(nd, tp + 1);
	else if (af == 2)
		addr = nd_ip6addr_string(nd, tp + 1);
	else if (af == 6)
		addr = nd_etheraddr_string(nd, tp + 1);
	afname = nd_tok2str(af_names, "Unknown", af, name, sizeof(name));
	if (addr)
		snprintf(buf, size, "AFI %s (%u): %s", afname, af, addr);
	else
		snprintf(buf, size, "AFI %s (%u), no AF printer !", afname, af);
	return buf;
}

static int mgmt_addr_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	unsigned addr_len, subtype, oid_len;
	char buf[128], name[64];
	const char *addr;

	if (len < 1)
		return 0;
	addr_len = GET_U_1(tp);
	tp++;
	len--;
	if (len < addr_len)
		return 0;
	addr = network_addr(nd, tp, addr_len, buf, sizeof(buf));
	if (!addr)
		return 0;
	nd_printf(nd, "\n\t  Management Address length %u, %s", addr_len, addr);
	tp += addr_len;
	len -= addr_len;
	if (len < 5)
		return 0;
	subtype = GET_U_1(tp);
	nd_printf(nd, "\n\t  %s Interface Numbering (%u): %u",
		  nd_tok2str(intf_numbering, "Unknown", subtype, name, sizeof(name)), subtype,
		  GET_BE_U_4(tp + 1));
	tp += 5;
	len -= 5;
	/* The OID is optional. */
	if (len) {
		oid_len = GET_U_1(tp);
		if (len < 1 + oid_len)
			return 0;
		if (oid_len) {
			nd_printf(nd, "\n\t  OID length %u", oid_len);
			nd_printjnp(nd, tp + 1, oid_len);
		}
	}
	return 1;
}

/* Chassis and port IDs share a layout; 0 if the TLV is malformed, -1 to hex dump it. */
static int id_print(struct nd *nd, const uint8_t *tp, unsigned len, const struct nd_tok *names,
		    unsigned mac, unsigned netaddr)
{
	unsigned subtype;
	char buf[128];
	const char *addr;

	if (len < 2)
		return 0;
	subtype = GET_U_1(tp);
	nd_puts(nd, "\n\t  Subtype ");
	nd_puts(nd, nd_tok2str(names, "Unknown", subtype, buf, sizeof(buf)));
	nd_puts(nd, " (");
	nd_putu(nd, subtype);
	nd_puts(nd, "): ");
	if (subtype == mac) {
		if (len < 7)
			return 0;
		nd_puts(nd, nd_etheraddr_string(nd, tp + 1));
	} else if (subtype == netaddr) {
		addr = network_addr(nd, tp + 1, len - 1, buf, sizeof(buf));
		if (!addr)
			return 0;
		nd_puts(nd, addr);
	} else if (subtype >= 1 && subtype <= 7) {
		nd_printjnp(nd, tp + 1, len - 1);
	} else {
		return -1;
	}
	return 1;
}

void nd_lldp_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	const uint8_t *tp = bp;
	unsigned tlen = len;
	struct bufs b;

	nd->protocol = "lldp";
	nd_puts(nd, "LLDP, length ");
	nd_putu(nd, len);
	while (tlen >= 2) {
		unsigned tlv, type, tlv_len, oui;
		int hexdump = 0, r;

		/* tcpdump's checks here print " [|lldp]" and return: no longjmp. */
		if (!ND_TTEST_LEN(nd, tp, 2))
			goto trunc;
		tlv = GET_BE_U_2(tp);
		type = tlv >> 9;
		tlv_len = tlv & 0x1ff;
		tlen -= 2;
		tp += 2;
		if (nd->o.vflag) {
			nd_puts(nd, "\n\t");
			nd_puts(nd, tok(tlv_names, "Unknown", type, b.a));
			nd_puts(nd, " TLV (");
			nd_putu(nd, type);
			nd_puts(nd, "), length ");
			nd_putu(nd, tlv_len);
		}
		if (!type || !tlv_len)
			break;
		if (!ND_TTEST_LEN(nd, tp, tlv_len) || tlen < tlv_len)
			goto trunc;
		switch (type) {
		case 1:
		case 2:
			if (!nd->o.vflag)
				break;
			r = type == 1 ? id_print(nd, tp, tlv_len, chassis_subtypes, 4, 5)
				      : id_print(nd, tp, tlv_len, port_subtypes, 3, 4);
			if (r == 0)
				goto trunc;
			hexdump = r < 0;
			break;
		case 3:
			if (!nd->o.vflag)
				break;
			if (tlv_len < 2)
				goto trunc;
			nd_puts(nd, ": TTL ");
			nd_putu(nd, GET_BE_U_2(tp));
			nd_putc(nd, 's');
			break;
		case 4:
			if (!nd->o.vflag)
				break;
			nd_puts(nd, ": ");
			nd_printjnp(nd, tp, tlv_len);
			break;
		case 5:
			/* The system name shows without -v too. */
			nd_puts(nd, ": ");
			nd_printjnp(nd, tp, tlv_len);
			break;
		case 6:
			if (!nd->o.vflag)
				break;
			nd_puts(nd, "\n\t  ");
			nd_printjnp(nd, tp, tlv_len);
			break;
		case 7:
			if (!nd->o.vflag)
				break;
			if (tlv_len < 4)
				goto trunc;
			nd_printf(nd, "\n\t  System  Capabilities [%s] (0x%04x)",
				  bits(caps, "none", GET_BE_U_2(tp), b.a), GET_BE_U_2(tp));
			nd_printf(nd, "\n\t  Enabled Capabilities [%s] (0x%04x)",
				  bits(caps, "none", GET_BE_U_2(tp + 2), b.a), GET_BE_U_2(tp + 2));
			break;
		case 8:
			if (nd->o.vflag && !mgmt_addr_print(nd, tp, tlv_len))
				goto trunc;
			break;
		case 127: {
			const char *name;

			if (!nd->o.vflag)
				break;
			if (tlv_len < 3)
				goto trunc;
			oui = GET_BE_U_3(tp);
			name = nd_oui_name(oui);
			nd_printf(nd, ": OUI %s (0x%06x)", name ? name : "Unknown", oui);
			if (oui == 0x0080c2)
				hexdump = ieee8021_print(nd, tp, tlv_len);
			else if (oui == 0x00120f)
				hexdump = ieee8023_print(nd, tp, tlv_len);
			else if (oui == 0x00005e)
				hexdump = iana_print(nd, tp, tlv_len);
			else if (oui == 0x0012bb)
				hexdump = tia_print(nd, tp, tlv_len);
			else if (oui == 0x001b21)
				hexdump = dcbx_print(nd, tp, tlv_len);
			else
				hexdump = 1;
			break;
		}
		default:
			hexdump = 1;
			break;
		}
		if (nd->o.vflag > 1 || (nd->o.vflag && hexdump))
			nd_print_unknown_data(nd, tp, "\n\t  ", tlv_len);
		tlen -= tlv_len;
		tp += tlv_len;
	}
	return;
trunc:
	nd_print_trunc(nd);
}

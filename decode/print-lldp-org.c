/* print-lldp-org.c: LLDP TLVs of IEEE 802.1 and 802.3, LLDP-MED, DCBX and IANA */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-lldp.h"

static const struct nd_tok subtypes_8021[] = {
	{ 1, "Port VLAN Id" }, { 2, "Port and Protocol VLAN ID" }, { 3, "VLAN name" },
	{ 4, "Protocol Identity" }, { 7, "Link aggregation" }, { 8, "Congestion Notification" },
	{ 9, "ETS Configuration" }, { 10, "ETS Recommendation" },
	{ 11, "Priority Flow Control Configuration" }, { 12, "Application Priority" }, { 13, "EVB" },
	{ 14, "CDCP" }, { 0, NULL },
};

static const struct nd_tok ppvid_flags[] = {
	{ 0x02, "supported" }, { 0x04, "enabled" }, { 0, NULL },
};

static const struct nd_tok subtypes_8023[] = {
	{ 1, "MAC/PHY configuration/status" }, { 2, "Power via MDI" }, { 3, "Link aggregation" },
	{ 4, "Max frame size" }, { 0, NULL },
};

static const struct nd_tok subtypes_tia[] = {
	{ 1, "LLDP-MED Capabilities" }, { 2, "Network policy" }, { 3, "Location identification" },
	{ 4, "Extended power-via-MDI" }, { 5, "Inventory - hardware revision" },
	{ 6, "Inventory - firmware revision" }, { 7, "Inventory - software revision" },
	{ 8, "Inventory - serial number" }, { 9, "Inventory - manufacturer name" },
	{ 10, "Inventory - model name" }, { 11, "Inventory - asset ID" }, { 0, NULL },
};

static const struct nd_tok altitude_types[] = {
	{ 1, "meters" }, { 2, "floors" }, { 0, NULL },
};

static const struct nd_tok lci_catypes[] = {
	{ 1, "national subdivisions (state,canton,region,province,prefecture)" },
	{ 2, "county, parish, gun, district" }, { 3, "city, township, shi" },
	{ 4, "city division, borough, city district, ward chou" }, { 5, "neighborhood, block" },
	{ 6, "street" }, { 0, NULL },
};

static const struct nd_tok lci_what[] = {
	{ 0, "location of DHCP server" },
	{ 1, "location of the network element believed to be closest to the client" },
	{ 2, "location of the client" }, { 0, NULL },
};

static const struct nd_tok mau_types[] = {
	{ 0, "Unknown" }, { 1, "AUI" }, { 2, "10BASE_5" }, { 3, "FOIRL" }, { 4, "10BASE2" },
	{ 5, "10BASET duplex mode unknown" }, { 6, "10BASEFP" }, { 7, "10BASEFB" },
	{ 8, "10BASEFL duplex mode unknown" }, { 9, "10BROAD36" }, { 10, "10BASET hdx" },
	{ 11, "10BASET fdx" }, { 12, "10BASEFL hdx" }, { 13, "10BASEFL fdx" }, { 14, "100BASET4" },
	{ 15, "100BASETX hdx" }, { 16, "100BASETX fdx" }, { 17, "100BASEFX hdx" },
	{ 18, "100BASEFX fdx" }, { 19, "100BASET2 hdx" }, { 20, "100BASET2 fdx" },
	{ 21, "1000BASEX hdx" }, { 22, "1000BASEX fdx" }, { 23, "1000BASELX hdx" },
	{ 24, "1000BASELX fdx" }, { 25, "1000BASESX hdx" }, { 26, "1000BASESX fdx" },
	{ 27, "1000BASECX hdx" }, { 28, "1000BASECX fdx" }, { 29, "1000BASET hdx" },
	{ 30, "1000BASET fdx" }, { 31, "10GBASEX" }, { 32, "10GBASELX4" }, { 33, "10GBASER" },
	{ 34, "10GBASEER" }, { 35, "10GBASELR" }, { 36, "10GBASESR" }, { 37, "10GBASEW" },
	{ 38, "10GBASEEW" }, { 39, "10GBASELW" }, { 40, "10GBASESW" }, { 0, NULL },
};

static const struct nd_tok autoneg[] = {
	{ 0x01, "supported" }, { 0x02, "enabled" }, { 0, NULL },
};

static const struct nd_tok tia_caps[] = {
	{ 0x01, "LLDP-MED capabilities" }, { 0x02, "network policy" },
	{ 0x04, "location identification" }, { 0x08, "extended power via MDI-PSE" },
	{ 0x10, "extended power via MDI-PD" }, { 0x20, "Inventory" }, { 0, NULL },
};

static const struct nd_tok tia_device_types[] = {
	{ 1, "endpoint class 1" }, { 2, "endpoint class 2" }, { 3, "endpoint class 3" },
	{ 4, "network connectivity" }, { 0, NULL },
};

static const struct nd_tok tia_applications[] = {
	{ 1, "voice" }, { 2, "voice signaling" }, { 3, "guest voice" }, { 4, "guest voice signaling" },
	{ 5, "softphone voice" }, { 6, "video conferencing" }, { 7, "streaming video" },
	{ 8, "video signaling" }, { 0, NULL },
};

static const struct nd_tok tia_policy_bits[] = {
	{ 0x80, "Unknown" }, { 0x40, "Tagged" }, { 0x20, "reserved" }, { 0, NULL },
};

static const struct nd_tok location_formats[] = {
	{ 1, "coordinate-based LCI" }, { 2, "civic address LCI" }, { 3, "ECS ELIN" }, { 0, NULL },
};

static const struct nd_tok datums[] = {
	{ 1, "World Geodesic System 1984" }, { 2, "North American Datum 1983 (NAVD88)" },
	{ 3, "North American Datum 1983 (MLLW)" }, { 0, NULL },
};

static const struct nd_tok power_sources[] = {
	{ 1, "PSE - primary power source" }, { 2, "local - backup power source" },
	{ 3, "PSE+local - reserved" }, { 0, NULL },
};

static const struct nd_tok power_priorities[] = {
	{ 1, "critical" }, { 2, "high" }, { 3, "low" }, { 0, NULL },
};

static const struct nd_tok inventory[] = {
	{ 5, "Hardware revision" }, { 6, "Firmware revision" }, { 7, "Software revision" },
	{ 8, "Serial number" }, { 9, "Manufacturer name" }, { 10, "Model name" }, { 11, "Asset ID" },
	{ 0, NULL },
};

static const struct nd_tok pmd_caps[] = {
	{ 1 << 14, "10BASE-T hdx" }, { 1 << 13, "10BASE-T fdx" }, { 1 << 12, "100BASE-T4" },
	{ 1 << 11, "100BASE-TX hdx" }, { 1 << 10, "100BASE-TX fdx" }, { 1 << 9, "100BASE-T2 hdx" },
	{ 1 << 8, "100BASE-T2 fdx" }, { 1 << 7, "Pause for fdx links" },
	{ 1 << 6, "Asym PAUSE for fdx" }, { 1 << 5, "Sym PAUSE for fdx" },
	{ 1 << 4, "Asym and Sym PAUSE for fdx" }, { 1 << 3, "1000BASE-{X LX SX CX} hdx" },
	{ 1 << 2, "1000BASE-{X LX SX CX} fdx" }, { 1 << 1, "1000BASE-T hdx" },
	{ 1 << 0, "1000BASE-T fdx" }, { 0, NULL },
};

static const struct nd_tok mdi_bits[] = {
	{ 0x01, "PSE" }, { 0x02, "supported" }, { 0x04, "enabled" }, { 0x08, "can be controlled" },
	{ 0, NULL },
};

static const struct nd_tok mdi_pairs[] = {
	{ 1, "signal" }, { 2, "spare" }, { 0, NULL },
};

static const struct nd_tok mdi_classes[] = {
	{ 1, "class0" }, { 2, "class1" }, { 3, "class2" }, { 4, "class3" }, { 5, "class4" },
	{ 0, NULL },
};

static const struct nd_tok aggregation[] = {
	{ 0x01, "supported" }, { 0x02, "enabled" }, { 0, NULL },
};

static const struct nd_tok dcbx_subtypes[] = {
	{ 1, "DCB Capability Exchange Protocol Rev 1" },
	{ 2, "DCB Capability Exchange Protocol Rev 1.01" }, { 0, NULL },
};

static const struct nd_tok evb_modes[] = {
	{ 0, "Not Supported" }, { 1, "EVB Bridge" }, { 2, "EVB Station" },
	{ 3, "Reserved for future Standardization" }, { 0, NULL },
};

static const struct nd_tok iana_subtypes[] = {
	{ 1, "MUD-URL" }, { 0, NULL },
};

/* Scratch for table lookups: one line may need three at once; tok() and bits() fill 1024, as tcpdump's bittok2str. */
struct bufs {
	char a[1024], b[1024], c[1024];
};

static const char *tok(const struct nd_tok *t, const char *dflt, unsigned v, char *buf)
{
	return nd_tok2str(t, dflt, v, buf, 1024);
}

static const char *bits(const struct nd_tok *t, const char *none, unsigned v, char *buf)
{
	return nd_bittok2str(t, none, v, ", ", buf, 1024);
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

int nd_lldp_8021_print(struct nd *nd, const uint8_t *tp, unsigned len)
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

int nd_lldp_8023_print(struct nd *nd, const uint8_t *tp, unsigned len)
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

int nd_lldp_iana_print(struct nd *nd, const uint8_t *tp, unsigned len)
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

int nd_lldp_tia_print(struct nd *nd, const uint8_t *tp, unsigned len)
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
int nd_lldp_dcbx_print(struct nd *nd, const uint8_t *pp, unsigned len)
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

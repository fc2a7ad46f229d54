/* print-lldp.c: LLDP (IEEE 802.1AB): its TLVs, the organisation-specific ones by OUI */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"
#include "print-lldp.h"

static const struct nd_tok tlv_names[] = {
	{ 0, "End" }, { 1, "Chassis ID" }, { 2, "Port ID" }, { 3, "Time to Live" },
	{ 4, "Port Description" }, { 5, "System Name" }, { 6, "System Description" },
	{ 7, "System Capabilities" }, { 8, "Management Address" }, { 127, "Organization specific" },
	{ 0, NULL },
};

static const struct nd_tok chassis_subtypes[] = {
	{ 1, "Chassis component" }, { 2, "Interface alias" }, { 3, "Port component" },
	{ 4, "MAC address" }, { 5, "Network address" }, { 6, "Interface name" }, { 7, "Local" },
	{ 0, NULL },
};

static const struct nd_tok port_subtypes[] = {
	{ 1, "Interface alias" }, { 2, "Port component" }, { 3, "MAC address" },
	{ 4, "Network Address" }, { 5, "Interface Name" }, { 6, "Agent circuit ID" }, { 7, "Local" },
	{ 0, NULL },
};

static const struct nd_tok caps[] = {
	{ 0x01, "Other" }, { 0x02, "Repeater" }, { 0x04, "Bridge" }, { 0x08, "WLAN AP" },
	{ 0x10, "Router" }, { 0x20, "Telephone" }, { 0x40, "Docsis" }, { 0x80, "Station Only" },
	{ 0, NULL },
};

static const struct nd_tok intf_numbering[] = {
	{ 2, "Interface Index" }, { 3, "System Port Number" }, { 0, NULL },
};

static const struct nd_tok af_names[] = {
	{ 0, "Reserved" }, { 1, "IPv4" }, { 2, "IPv6" }, { 3, "NSAP" }, { 4, "HDLC" }, { 5, "BBN 1822" },
	{ 6, "802" }, { 7, "E.163" }, { 8, "E.164" }, { 9, "F.69" }, { 10, "X.121" },
	{ 11, "Novell IPX" }, { 12, "Appletalk" }, { 13, "Decnet IV" }, { 14, "Banyan Vines" },
	{ 15, "E.164 with NSAP subaddress" }, { 25, "Layer-2 VPN" }, { 65, "VPLS" }, { 0, NULL },
};

/* Scratch for the table lookups below; tok() and bits() fill 1024, as tcpdump's bittok2str. */
struct bufs {
	char a[1024];
};

static const char *tok(const struct nd_tok *t, const char *dflt, unsigned v, char *buf)
{
	return nd_tok2str(t, dflt, v, buf, 1024);
}

static const char *bits(const struct nd_tok *t, const char *none, unsigned v, char *buf)
{
	return nd_bittok2str(t, none, v, ", ", buf, 1024);
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
				hexdump = nd_lldp_8021_print(nd, tp, tlv_len);
			else if (oui == 0x00120f)
				hexdump = nd_lldp_8023_print(nd, tp, tlv_len);
			else if (oui == 0x00005e)
				hexdump = nd_lldp_iana_print(nd, tp, tlv_len);
			else if (oui == 0x0012bb)
				hexdump = nd_lldp_tia_print(nd, tp, tlv_len);
			else if (oui == 0x001b21)
				hexdump = nd_lldp_dcbx_print(nd, tp, tlv_len);
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

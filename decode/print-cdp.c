/* print-cdp.c: Cisco Discovery Protocol (SNAP OUI 0x00000c, PID 0x2000) and its TLVs */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "print-app.h"

#define CDP_HDRLEN 4
#define CDP_TLV_HDRLEN 4
#define CDP_DEV_ID 0x01
#define CDP_T_MAX 0x17

static const struct nd_tok capabilities[] = {
	{ 0x01, "Router" }, { 0x02, "Transparent Bridge" }, { 0x04, "Source Route Bridge" },
	{ 0x08, "L2 Switch" }, { 0x10, "L3 capable" }, { 0x20, "IGMP snooping" },
	{ 0x40, "L1 capable" }, { 0, NULL },
};

enum cdp_printer {
	P_NONE, P_STRING, P_ADDR, P_CAPABILITY, P_VERSION, P_PREFIXES, P_UINT16, P_DUPLEX,
	P_ATA186, P_POWER, P_MTU, P_UINT8X, P_PHYS_LOC,
};

/* Each type tcpdump knows: its name, how its value prints, its length bounds (0: none). */
struct cdp_tlvinfo {
	const char *name;
	enum cdp_printer printer;
	unsigned min_len, max_len;
};

static const struct cdp_tlvinfo tlvs[CDP_T_MAX + 1] = {
	[0x01] = { "Device-ID", P_STRING, 0, 0 },
	[0x02] = { "Address", P_ADDR, 0, 0 },
	[0x03] = { "Port-ID", P_STRING, 0, 0 },
	[0x04] = { "Capability", P_CAPABILITY, 4, 4 },
	[0x05] = { "Version String", P_VERSION, 0, 0 },
	[0x06] = { "Platform", P_STRING, 0, 0 },
	[0x07] = { "Prefixes", P_PREFIXES, 0, 0 },
	[0x08] = { "Protocol-Hello option", P_NONE, 0, 0 },
	[0x09] = { "VTP Management Domain", P_STRING, 0, 0 },
	[0x0a] = { "Native VLAN ID", P_UINT16, 2, 2 },
	[0x0b] = { "Duplex", P_DUPLEX, 1, 1 },
	[0x0e] = { "ATA-186 VoIP VLAN assignment", P_ATA186, 3, 3 },
	[0x0f] = { "ATA-186 VoIP VLAN request", P_ATA186, 2, 3 },
	[0x10] = { "power consumption", P_POWER, 1, 3 },
	[0x11] = { "MTU", P_MTU, 4, 4 },
	[0x12] = { "AVVID trust bitmap", P_UINT8X, 1, 1 },
	[0x13] = { "AVVID untrusted ports CoS", P_UINT8X, 1, 1 },
	[0x14] = { "System Name", P_STRING, 0, 0 },
	[0x15] = { "System Object ID (not decoded)", P_NONE, 0, 0 },
	[0x16] = { "Management Addresses", P_ADDR, 4, 0 },
	[0x17] = { "Physical Location", P_PHYS_LOC, 1, 0 },
};

static const char *plural(unsigned n)
{
	return n == 1 ? "" : "s";
}

/* A field that is not valid: the rest must still be in the capture, else it is truncated too. */
static void invalid(struct nd *nd, const uint8_t *p, unsigned l)
{
	nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, p, l);
}

/* An address that is neither IPv4 nor IPv6: its protocol and address bytes in hex. */
static int addr_generic(struct nd *nd, const uint8_t **pp, unsigned *lp, unsigned pt,
			unsigned pl, unsigned al)
{
	const uint8_t *p = *pp;
	unsigned l = *lp;

	nd_printf(nd, "pt=0x%02x, pl=%u, pb=", pt, pl);
	for (; pl; pl--, p++, l--)
		nd_printf(nd, " %02x", GET_U_1(p));
	nd_printf(nd, ", al=%u, a=", al);
	p += 2;
	l -= 2;
	if (l < al) {
		nd_puts(nd, " (not enough space for A)");
		*pp = p;
		*lp = l;
		return -1;
	}
	for (; al; al--, p++, l--)
		nd_printf(nd, " %02x", GET_U_1(p));
	*pp = p;
	*lp = l;
	return 0;
}

static int is_ipv6_llc(struct nd *nd, const uint8_t *p)
{
	static const uint8_t llc_ipv6[] = { 0xaa, 0xaa, 0x03, 0x00, 0x00, 0x00, 0x86, 0xdd };

	return ND_TTEST_LEN(nd, p, 8) && memcmp(p, llc_ipv6, 8) == 0;
}

/* One address: IPv4 by NLPID 0xcc, IPv6 by an LLC/SNAP header, anything else in hex. */
static int addr_one(struct nd *nd, const uint8_t **pp, unsigned *lp, unsigned num)
{
	const uint8_t *p = *pp;
	unsigned l = *lp, pt, pl, al;
	int v4, v6;

	if (l < 2) {
		nd_puts(nd, " (not enough space for PT+PL)");
		return -1;
	}
	pt = GET_U_1(p);
	pl = GET_U_1(p + 1);
	p += 2;
	l -= 2;
	*pp = p;
	*lp = l;
	if (l < pl + 2) {
		nd_puts(nd, " (not enough space for P+AL)");
		return -1;
	}
	al = GET_BE_U_2(p + pl);
	v4 = pt == 1 && pl == 1 && GET_U_1(p) == 0xcc && al == 4;
	v6 = !v4 && pt == 2 && pl == 8 && is_ipv6_llc(nd, p) && al == 16;
	if (!v4 && !v6)
		return addr_generic(nd, pp, lp, pt, pl, al);
	*pp = p += pl + 2;
	*lp = l -= pl + 2;
	if (l < al) {
		nd_puts(nd, " (not enough space for A)");
		return -1;
	}
	nd_printf(nd, "%s (%u) %s", v4 ? "IPv4" : "IPv6", num,
		  v4 ? nd_ipaddr_string(nd, p) : nd_ip6addr_string(nd, p));
	*pp = p + al;
	*lp = l - al;
	return 0;
}

static void addr_print(struct nd *nd, const uint8_t *p, unsigned l)
{
	unsigned num;

	if (l < 4) {
		nd_puts(nd, " (not enough space for num)");
		ND_TCHECK_LEN(nd, p, l);
		return;
	}
	num = GET_BE_U_4(p);
	p += 4;
	l -= 4;
	while (num) {
		if (addr_one(nd, &p, &l, num) < 0) {
			/* tcpdump ends here without the "(invalid)" mark */
			ND_TCHECK_LEN(nd, p, l);
			return;
		}
		num--;
		if (num)
			nd_putc(nd, ' ');
	}
	if (l)
		nd_printf(nd, " (%u bytes of stray data)", l);
}

static void prefixes_print(struct nd *nd, const uint8_t *p, unsigned l)
{
	if (l % 5) {
		nd_printf(nd, " [length %u is not a multiple of 5]", l);
		ND_TCHECK_LEN(nd, p, l);
		return;
	}
	nd_printf(nd, " IPv4 Prefixes (%u):", l / 5);
	for (; l > 0; l -= 5, p += 5)
		nd_printf(nd, " %u.%u.%u.%u/%u", GET_U_1(p), GET_U_1(p + 1), GET_U_1(p + 2),
			  GET_U_1(p + 3), GET_U_1(p + 4));
}

static void version_print(struct nd *nd, const uint8_t *p, unsigned l)
{
	nd_puts(nd, "\n\t  ");
	for (unsigned i = 0; i < l; i++) {
		uint8_t c = GET_U_1(p + i);

		if (c == '\n')
			nd_puts(nd, "\n\t  ");
		else
			nd_print_char(nd, c);
	}
}

static void power_print(struct nd *nd, const uint8_t *p, unsigned l)
{
	unsigned val = l == 1 ? GET_U_1(p) : l == 2 ? GET_BE_U_2(p) : GET_BE_U_3(p);

	nd_printf(nd, "%1.2fW", val / 1000.0);
}

static void value_print(struct nd *nd, enum cdp_printer pr, const uint8_t *p, unsigned l)
{
	char buf[160];

	switch (pr) {
	case P_NONE:
		ND_TCHECK_LEN(nd, p, l);
		break;
	case P_STRING:
		nd_putc(nd, '\'');
		nd_printn(nd, p, l);
		nd_putc(nd, '\'');
		break;
	case P_ADDR:
		addr_print(nd, p, l);
		break;
	case P_CAPABILITY:
		nd_printf(nd, "(0x%08x): %s", GET_BE_U_4(p),
			  nd_bittok2str(capabilities, "none", GET_BE_U_4(p), ", ", buf, sizeof(buf)));
		break;
	case P_VERSION:
		version_print(nd, p, l);
		break;
	case P_PREFIXES:
		prefixes_print(nd, p, l);
		break;
	case P_UINT16:
		nd_putu(nd, GET_BE_U_2(p));
		break;
	case P_DUPLEX:
		nd_puts(nd, GET_U_1(p) ? "full" : "half");
		break;
	case P_ATA186:
		if (l == 2)
			nd_printf(nd, "unknown 0x%04x", GET_BE_U_2(p));
		else
			nd_printf(nd, "app %u, vlan %u", GET_U_1(p), GET_BE_U_2(p + 1));
		break;
	case P_POWER:
		power_print(nd, p, l);
		break;
	case P_MTU:
		nd_printf(nd, "%u bytes", GET_BE_U_4(p));
		break;
	case P_UINT8X:
		nd_printf(nd, "0x%02x", GET_U_1(p));
		break;
	case P_PHYS_LOC:
		nd_printf(nd, "0x%02x", GET_U_1(p));
		if (l > 1) {
			nd_putc(nd, '/');
			nd_printn(nd, p + 1, l - 1);
		}
		break;
	}
}

/* One TLV's value; the header was checked and skipped. */
static void tlv_value(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	/* The unnamed types up to CDP_T_MAX count as known: no printer, so no hex dump either. */
	const struct cdp_tlvinfo *info = type <= CDP_T_MAX ? &tlvs[type] : NULL;

	if (info) {
		if ((info->min_len && len < info->min_len) || (info->max_len && len > info->max_len)) {
			nd_puts(nd, " (malformed TLV)");
		} else if (nd->o.vflag || type == CDP_DEV_ID) {
			value_print(nd, info->printer, p, len);
			return;
		}
	}
	ND_TCHECK_LEN(nd, p, len);
	nd_print_unknown_data(nd, p, "\n\t  ", len);
}

void nd_cdp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned orig = length, type, len;
	const char *name;

	nd->protocol = "cdp";
	if (length < CDP_HDRLEN) {
		nd_printf(nd, " (packet length %u < %u)", length, CDP_HDRLEN);
		goto bad;
	}
	nd_printf(nd, "CDPv%u, ttl: %us", GET_U_1(p), GET_U_1(p + 1));
	if (nd->o.vflag)
		nd_printf(nd, ", checksum: 0x%04x (unverified), length %u", GET_BE_U_2(p + 2), orig);
	else
		(void)GET_BE_U_2(p + 2);
	p += CDP_HDRLEN;
	length -= CDP_HDRLEN;
	while (length) {
		if (length < CDP_TLV_HDRLEN) {
			nd_printf(nd, " (remaining packet length %u < %u)", length, CDP_TLV_HDRLEN);
			goto bad;
		}
		type = GET_BE_U_2(p);
		len = GET_BE_U_2(p + 2);
		name = type <= CDP_T_MAX && tlvs[type].name ? tlvs[type].name : "unknown field type";
		if (len < CDP_TLV_HDRLEN) {
			if (nd->o.vflag)
				nd_printf(nd, "\n\t%s (0x%02x), TLV length: %u byte%s (too short)", name,
					  type, len, plural(len));
			else
				nd_printf(nd, ", %s TLV length %u too short", name, len);
			goto bad;
		}
		if (len > length) {
			nd_printf(nd, " (TLV length %u > %u)", len, length);
			goto bad;
		}
		p += CDP_TLV_HDRLEN;
		length -= CDP_TLV_HDRLEN;
		len -= CDP_TLV_HDRLEN;
		if (!nd->o.vflag && type == CDP_DEV_ID)
			nd_puts(nd, ", Device-ID ");
		else if (nd->o.vflag)
			nd_printf(nd, "\n\t%s (0x%02x), value length: %u byte%s: ", name, type, len,
				  plural(len));
		tlv_value(nd, type, p, len);
		p += len;
		length -= len;
	}
	if (nd->o.vflag < 1)
		nd_printf(nd, ", length %u", orig);
	return;
bad:
	invalid(nd, p, length);
}

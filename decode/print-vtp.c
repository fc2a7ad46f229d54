/* print-vtp.c: Cisco's VLAN Trunking Protocol (SNAP OUI 0x00000c, PID 0x2003) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define VTP_HEADER_LEN 36
#define VTP_DOMAIN_NAME_LEN 32
#define VTP_VLAN_FIXED_LEN 12	/* a VLAN info field before the name */
#define VTP_SUMMARY_ADV 1
#define VTP_SUBSET_ADV 2
#define VTP_ADV_REQUEST 3

static const struct nd_tok msg_types[] = {
	{ 1, "Summary advertisement" }, { 2, "Subset advertisement" },
	{ 3, "Advertisement request" }, { 4, "Join message" }, { 0, NULL },
};

/* What the header's third byte is, by message type. */
static const struct nd_tok header_fields[] = {
	{ 1, "Followers" }, { 2, "Seq number" }, { 3, "Rsvd" }, { 4, "Rsvd" }, { 0, NULL },
};

static const struct nd_tok vlan_types[] = {
	{ 1, "Ethernet" }, { 2, "FDDI" }, { 3, "TrCRF" }, { 4, "FDDI-net" }, { 5, "TrBRF" },
	{ 0, NULL },
};

static const struct nd_tok vlan_status[] = { { 0, "Operational" }, { 1, "Suspended" }, { 0, NULL } };

static const struct nd_tok vlan_tlvs[] = {
	{ 1, "Source-Routing Ring Number TLV" }, { 2, "Source-Routing Bridge Number TLV" },
	{ 3, "STP type TLV" }, { 4, "Parent VLAN TLV" }, { 5, "Translationally bridged VLANs TLV" },
	{ 6, "Pruning TLV" }, { 7, "Bridge Type TLV" }, { 8, "Max ARP Hop Count TLV" },
	{ 9, "Max STE Hop Count TLV" }, { 10, "Backup CRF Mode TLV" }, { 0, NULL },
};

static const struct nd_tok stp_types[] = { { 1, "SRT" }, { 2, "SRB" }, { 3, "Auto" }, { 0, NULL } };

/* One VLAN TLV's 2-byte value (the TLV is 4 bytes at p, all captured). */
static void vlan_tlv_value(struct nd *nd, unsigned type, const uint8_t *p)
{
	unsigned v = GET_BE_U_2(p + 2);
	char buf[32];

	if (type == 9)
		nd_printf(nd, ", %u", v);
	else if (type == 6)
		nd_printf(nd, ", %s (%u)", v == 1 ? "Enabled" : "Disabled", v);
	else if (type == 3)
		nd_printf(nd, ", %s (%u)", nd_tok2str(stp_types, "Unknown", v, buf, sizeof(buf)), v);
	else if (type == 7)
		nd_printf(nd, ", %s (%u)", v == 1 ? "SRB" : "SRT", v);
	else if (type == 10)
		nd_printf(nd, ", %s (%u)", v == 1 ? "Backup" : "Not backup", v);
	else
		nd_print_unknown_data(nd, p, "\n\t\t  ", 4);
}

/* The TLVs after a VLAN's name (1-byte type and length in 16-bit words); -1 if invalid. */
static int vlan_tlvs_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned type, tlen;
	char buf[48];

	while (len > 0) {
		if (len < 2)
			return -1;
		type = GET_U_1(p);
		tlen = GET_U_1(p + 1);
		nd_printf(nd, "\n\t\t%s (0x%04x) TLV",
			  nd_tok2str(vlan_tlvs, "Unknown", type, buf, sizeof(buf)), type);
		if (len < tlen * 2 + 2) {
			nd_puts(nd, " (TLV goes past the end of the packet)");
			return -1;
		}
		ND_TCHECK_LEN(nd, p, tlen * 2 + 2);
		if (tlen != 1) {
			nd_printf(nd, " (invalid TLV length %u != 1)", tlen);
			return -1;
		}
		vlan_tlv_value(nd, type, p);
		len -= 4;
		p += 4;
	}
	return 0;
}

/* A subset advertisement's VLAN info fields, from p to the end; -1 if invalid. */
static int vlans_print(struct nd *nd, const uint8_t *bp, const uint8_t *p, unsigned length)
{
	unsigned len, name;
	char b1[16], b2[16];

	while ((unsigned)(p - bp) < length) {
		len = GET_U_1(p);
		if (len == 0)
			break;
		ND_TCHECK_LEN(nd, p, len);
		if (len < VTP_VLAN_FIXED_LEN)
			return -1;
		nd_printf(nd, "\n\tVLAN info status %s, type %s, VLAN-id %u, MTU %u, SAID 0x%08x, Name ",
			  nd_tok2str(vlan_status, "Unknown", GET_U_1(p + 1), b1, sizeof(b1)),
			  nd_tok2str(vlan_types, "Unknown", GET_U_1(p + 2), b2, sizeof(b2)),
			  GET_BE_U_2(p + 4), GET_BE_U_2(p + 6), GET_BE_U_4(p + 8));
		name = 4 * ((GET_U_1(p + 3) + 3) / 4);	/* names are padded to 32 bits */
		len -= VTP_VLAN_FIXED_LEN;
		if (len < name)
			return -1;
		nd_printjnp(nd, p + VTP_VLAN_FIXED_LEN, GET_U_1(p + 3));
		if (vlan_tlvs_print(nd, p + VTP_VLAN_FIXED_LEN + name, len - name) < 0)
			return -1;
		p += VTP_VLAN_FIXED_LEN + len;
	}
	return 0;
}

/* -v: the domain, then each message's fields; -1 where tcpdump says invalid. */
static int detail_print(struct nd *nd, const uint8_t *bp, unsigned type, unsigned length)
{
	const uint8_t *p = bp + VTP_HEADER_LEN;
	unsigned dlen = GET_U_1(bp + 3);
	char buf[32];

	nd_puts(nd, "\n\tDomain name: ");
	if (dlen < 1 || dlen > VTP_DOMAIN_NAME_LEN) {
		nd_printf(nd, " [invalid MgmtD Len %u]", dlen);
		return -1;
	}
	nd_printjnp(nd, bp + 4, dlen);
	nd_printf(nd, ", %s: %u", nd_tok2str(header_fields, "Unknown", type, buf, sizeof(buf)),
		  GET_U_1(bp + 2));
	if (type == VTP_SUMMARY_ADV) {
		nd_printf(nd, "\n\t  Config Rev %x, Updater %s", GET_BE_U_4(p),
			  nd_ipaddr_string(nd, p + 4));
		nd_printf(nd, ", Timestamp 0x%08x 0x%08x 0x%08x", GET_BE_U_4(p + 8),
			  GET_BE_U_4(p + 12), GET_BE_U_4(p + 16));
		nd_printf(nd, ", MD5 digest: %08x%08x%08x%08x", GET_BE_U_4(p + 20),
			  GET_BE_U_4(p + 24), GET_BE_U_4(p + 28), GET_BE_U_4(p + 32));
	} else if (type == VTP_SUBSET_ADV) {
		nd_printf(nd, ", Config Rev %x", GET_BE_U_4(p));
		return vlans_print(nd, bp, p + 4, length);
	} else if (type == VTP_ADV_REQUEST) {
		nd_printf(nd, "\n\tStart value: %u", GET_BE_U_4(p));
	}
	return 0;
}

void nd_vtp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned type;
	char buf[32];

	nd->protocol = "vtp";
	if (length >= VTP_HEADER_LEN) {
		ND_TCHECK_LEN(nd, bp, VTP_HEADER_LEN);
		type = GET_U_1(bp + 1);
		nd_printf(nd, "VTPv%u, Message %s (0x%02x), length %u", GET_U_1(bp),
			  nd_tok2str(msg_types, "Unknown message type", type, buf, sizeof(buf)), type,
			  length);
		if (nd->o.vflag < 1) {
			ND_TCHECK_LEN(nd, bp, length);
			return;
		}
		if (detail_print(nd, bp, type, length) == 0)
			return;
	}
	nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, bp, length);
}

/* print-ether.c: Ethernet, 802.1Q/QinQ, 802.2 LLC/SNAP and the Ethernet-type dispatch */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"
#include "print-ppp.h"
#include "print-app.h"

#define ETHER_HDRLEN 14
#define MAX_ETHERNET_LENGTH_VAL 1500

#define ETHERTYPE_IP 0x0800
#define ETHERTYPE_ARP 0x0806
#define ETHERTYPE_REVARP 0x8035
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_8021Q 0x8100
#define ETHERTYPE_8021QINQ 0x88a8
#define ETHERTYPE_8021Q9100 0x9100
#define ETHERTYPE_8021Q9200 0x9200
#define ETHERTYPE_JUMBO 0x8870
#define ETHERTYPE_MPLS 0x8847
#define ETHERTYPE_MPLS_MULTI 0x8848
#define ETHERTYPE_LLDP 0x88cc
#define ETHERTYPE_PTP 0x88f7
#define ETHERTYPE_SLOW 0x8809

/* Names as tcpdump spells them; the first match wins, as in its tok2str. */
static const struct nd_tok ethertype_values[] = {
	{ 0x0800, "IPv4" }, { 0x8847, "MPLS unicast" }, { 0x8848, "MPLS multicast" },
	{ 0x86dd, "IPv6" }, { 0x8100, "802.1Q" }, { 0x9100, "802.1Q-9100" },
	{ 0x88a8, "802.1Q-QinQ" }, { 0x9200, "802.1Q-9200" }, { 0x88e5, "802.1AE MACsec" },
	{ 0x0200, "PUP" }, { 0x0806, "ARP" }, { 0x8035, "Reverse ARP" }, { 0x0600, "NS" },
	{ 0x0500, "Sprite" }, { 0x1000, "Trail" }, { 0x6001, "MOP DL" }, { 0x6002, "MOP RC" },
	{ 0x6003, "DN" }, { 0x6004, "LAT" }, { 0x6007, "SCA" }, { 0x6558, "TEB" },
	{ 0x8038, "Lanbridge" }, { 0x803c, "DEC DNS" }, { 0x803e, "DEC DTS" }, { 0x805b, "VEXP" },
	{ 0x805c, "VPROD" }, { 0x809b, "Appletalk" }, { 0x80f3, "Appletalk ARP" },
	{ 0x8137, "IPX" }, { 0x880b, "PPP" }, { 0x8808, "MPCP" }, { 0x8809, "Slow Protocols" },
	{ 0x8863, "PPPoE D" }, { 0x8864, "PPPoE S" }, { 0x888e, "EAPOL" },
	{ 0x8899, "Realtek protocols" }, { 0x886f, "MS NLB heartbeat" }, { 0x8870, "Jumbo" },
	{ 0x894f, "NSH" }, { 0x9000, "Loopback" }, { 0xfefe, "OSI" }, { 0x00fe, "GRE-OSI" },
	{ 0xabcd, "CFM (old)" }, { 0x8902, "CFM" }, { 0x893a, "IEEE1905.1" }, { 0x88cc, "LLDP" },
	{ 0x88ca, "TIPC" }, { 0x0707, "GeoNet (old)" }, { 0x8947, "GeoNet" },
	{ 0x1111, "CALM FAST" }, { 0x88a2, "AoE" }, { 0x88f7, "PTP" },
	{ 0xd28b, "Arista Vendor Specific Protocol" }, { 0, NULL },
};

const char *nd_ethertype_name(unsigned type)
{
	for (const struct nd_tok *t = ethertype_values; t->s; t++)
		if (t->v == type)
			return t->s;
	return NULL;
}

int nd_want_default_print(const struct nd *nd)
{
	return !nd->o.qflag && !nd->o.xflag && !nd->o.Xflag;
}

void nd_default_print(struct nd *nd, const uint8_t *p, unsigned caplen)
{
	nd_hex_and_ascii_print(nd, "\n\t", p, caplen);
}

void nd_vlan_tci_print(struct nd *nd, unsigned tci)
{
	nd_printf(nd, "vlan %u, p %u%s", tci & 0xfff, tci >> 13, (tci & 0x1000) ? ", DEI" : "");
}

int nd_ethertype_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned length,
		       unsigned caplen)
{
	(void)caplen;
	switch (type) {
	case ETHERTYPE_IP:
		nd_ip_print(nd, p, length);
		return 1;
	case ETHERTYPE_IPV6:
		nd_ip6_print(nd, p, length);
		return 1;
	case ETHERTYPE_ARP:
	case ETHERTYPE_REVARP:
		nd_arp_print(nd, p, length, caplen);
		return 1;
	case ETHERTYPE_MPLS:
	case ETHERTYPE_MPLS_MULTI:
		nd_mpls_print(nd, p, length);
		return 1;
	case ETHERTYPE_LLDP:
		nd_lldp_print(nd, p, length);
		return 1;
	case ETHERTYPE_PTP:
		nd_ptp_print(nd, p, length);
		return 1;
	case ETHERTYPE_SLOW:
		nd_slow_print(nd, p, length);
		return 1;
	case 0x8863: /* PPPoE discovery, session and 3Com's pre-standard types */
	case 0x8864:
	case 0x3c12:
	case 0x3c13:
		nd_pppoe_print(nd, p, length);
		return 1;
	case 0x880b: /* PPP */
		if (length) {
			nd_puts(nd, ": ");
			nd_ppp_print(nd, p, length);
		}
		return 1;
	case 0xfefe:	/* OSI, after a byte tcpdump skips */
		if (length == 0 || caplen == 0) {
			nd->protocol = "isoclns";
			nd_print_trunc(nd);
			return 1;
		}
		return nd_isoclns_print(nd, p + 1, length - 1);
	case 0x9000:	/* Loopback (configuration testing) */
		nd_loopback_print(nd, p, length);
		return 1;
	default:
		return 0;
	}
}

/* ---- 802.2 LLC and SNAP ---- */

#define LLC_U_FMT 3
#define LLC_GSAP 1
#define LLC_IG 1
#define LLC_S_FMT 1
#define LLC_U_POLL 0x10
#define LLC_IS_POLL 0x0100
#define LLC_XID_FI 0x81
#define LLC_UI 0x03
#define LLC_XID 0xaf
#define LLCSAP_IP 0x06
#define LLCSAP_SNAP 0xaa
#define LLCSAP_8021D 0x42
#define OUI_CISCO 0x00000c
#define PID_CISCO_PVST 0x010b
#define PID_CISCO_VLANBRIDGE 0x010c

static const struct nd_tok llc_values[] = {
	{ 0x00, "Null" }, { 0xff, "Global" }, { 0x02, "802.1B I" }, { 0x03, "802.1B G" },
	{ 0x06, "IP" }, { 0x04, "SNA" }, { 0x0e, "ProWay NM" }, { 0x42, "STP" },
	{ 0x4e, "RS511" }, { 0x7e, "ISO8208" }, { 0x8e, "ProWay" }, { 0xaa, "SNAP" },
	{ 0xe0, "IPX" }, { 0xf0, "NetBeui" }, { 0xfe, "OSI" }, { 0, NULL },
};

static const struct nd_tok llc_cmd_values[] = {
	{ 0x03, "ui" }, { 0xe3, "test" }, { 0xaf, "xid" }, { 0x63, "ua" }, { 0x43, "disc" },
	{ 0x0f, "dm" }, { 0x6f, "sabme" }, { 0x87, "frmr" }, { 0, NULL },
};

static const struct nd_tok llc_flag_values[] = {
	{ 0, "Command" }, { LLC_GSAP, "Response" }, { LLC_U_POLL, "Poll" },
	{ LLC_GSAP | LLC_U_POLL, "Final" }, { LLC_IS_POLL, "Poll" },
	{ LLC_GSAP | LLC_IS_POLL, "Final" }, { 0, NULL },
};

static const struct nd_tok llc_supervisory_values[] = {
	{ 0, "Receiver Ready" }, { 1, "Receiver not Ready" }, { 2, "Reject" }, { 0, NULL },
};

static const struct nd_tok oui_values[] = {
	{ 0x000000, "Ethernet" }, { 0x00000c, "Cisco" }, { 0x0000f8, "Cisco bridged" },
	{ 0x080007, "Appletalk" }, { 0x0080c2, "Ethernet bridged" }, { 0x00a03e, "ATM Forum" },
	{ 0x00e02f, "DOCSIS Spanning Tree" }, { 0x009069, "Juniper" },
	{ 0x080009, "Hewlett-Packard" }, { 0x00120f, "IEEE 802.3 Private" },
	{ 0x0012bb, "ANSI/TIA" }, { 0x001b21, "DCBX" }, { 0x002320, "Nicira Networks" },
	{ 0x5c16c7, "Big Switch Networks" }, { 0xb0d2f5, "Vello Systems" }, { 0x002481, "HP" },
	{ 0x0004ea, "HP-Labs" }, { 0x748771, "Infoblox Inc" }, { 0xa42305, "Open Networking Lab" },
	{ 0x00049f, "Freescale" }, { 0x0015ad, "Netronome" }, { 0x001018, "Broadcom" },
	{ 0x00e004, "PMC-Sierra" }, { 0x00005e, "IANA" }, { 0x000081, "Nortel Networks SONMP" },
	{ 0xd0f0db, "Ericsson" }, { 0, NULL },
};

const char *nd_oui_name(unsigned oui)
{
	for (const struct nd_tok *t = oui_values; t->s; t++)
		if (t->v == oui)
			return t->s;
	return NULL;
}

static const struct nd_tok cisco_pid_values[] = {
	{ 0x2000, "CDP" }, { 0x2003, "VTP" }, { 0x2004, "DTP" }, { 0x0111, "UDLD" },
	{ 0x010b, "PVST" }, { 0x010c, "VLAN Bridge" }, { 0, NULL },
};

static const struct nd_tok bridged_pid_values[] = {
	{ 0x0001, "Ethernet + FCS" }, { 0x0007, "Ethernet w/o FCS" }, { 0x0002, "802.4 + FCS" },
	{ 0x0008, "802.4 w/o FCS" }, { 0x0003, "Token Ring + FCS" },
	{ 0x0009, "Token Ring w/o FCS" }, { 0x0004, "FDDI + FCS" }, { 0x000a, "FDDI w/o FCS" },
	{ 0x0005, "802.6 + FCS" }, { 0x000b, "802.6 w/o FCS" }, { 0x000e, "BPDU" }, { 0, NULL },
};

/* The PID table that goes with an OUI: some reuse the Ethernet types. */
static const struct nd_tok *oui_pid_table(unsigned oui)
{
	switch (oui) {
	case 0x000000:
	case 0x0000f8:
	case 0x080007:
		return ethertype_values;
	case 0x00000c:
		return cisco_pid_values;
	case 0x0080c2:
		return bridged_pid_values;
	default:
		return NULL;
	}
}

static int snap_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
		      const uint8_t *src, const uint8_t *dst);

/* A SNAP header with no MAC addresses (Frame Relay's NLPID 0x80). */
int nd_snap_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	return snap_print(nd, p, length, caplen, NULL, NULL);
}

/* Returns 1 if the SNAP payload was printed. */
static int snap_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
		      const uint8_t *src, const uint8_t *dst)
{
	unsigned oui, et;
	char b1[32], b2[32];

	nd->protocol = "snap";
	if (!ND_TTEST_LEN(nd, p, 5) || caplen < 5 || length < 5) {
		nd_print_trunc(nd);
		return 1;
	}
	oui = GET_BE_U_3(p);
	et = GET_BE_U_2(p + 3);
	if (nd->o.eflag)
		nd_printf(nd, "oui %s (0x%06x), %s %s (0x%04x), length %u: ",
			  nd_tok2str(oui_values, "Unknown", oui, b1, sizeof(b1)), oui,
			  oui == 0 ? "ethertype" : "pid",
			  nd_tok2str(oui_pid_table(oui), "Unknown", et, b2, sizeof(b2)), et,
			  length - 5);
	p += 5;
	length -= 5;
	caplen -= 5;
	/* Only an Ethernet type behind an encapsulating OUI is decoded here. */
	if ((oui == 0x000000 || oui == 0x0000f8) && nd_ethertype_print(nd, et, p, length, caplen))
		return 1;
	if (oui == OUI_CISCO && (et == PID_CISCO_PVST || et == PID_CISCO_VLANBRIDGE)) {
		nd_stp_print(nd, p, length);
		return 1;
	}
	if (oui == OUI_CISCO && et == 0x2000) {
		nd_cdp_print(nd, p, length);
		return 1;
	}
	if (oui == OUI_CISCO && et == 0x2004) {
		nd_dtp_print(nd, p, length);
		return 1;
	}
	if (oui == OUI_CISCO && et == 0x2003) {
		nd_vtp_print(nd, p, length);
		return 1;
	}
	if (!nd->o.eflag) {
		if (src && dst)
			nd_printf(nd, "%s > %s ", nd_etheraddr_string(nd, src),
				  nd_etheraddr_string(nd, dst));
		if (oui == 0)
			nd_printf(nd, "SNAP, ethertype %s (0x%04x), length %u: ",
				  nd_tok2str(ethertype_values, "Unknown", et, b2, sizeof(b2)), et,
				  length);
		else
			nd_printf(nd, "SNAP, oui %s (0x%06x), pid %s (0x%04x), length %u: ",
				  nd_tok2str(oui_values, "Unknown", oui, b1, sizeof(b1)), oui,
				  nd_tok2str(oui_pid_table(oui), "Unknown", et, b2, sizeof(b2)), et,
				  length);
	}
	return 0;
}

static const char *sap_name(unsigned sap, const char *fmt, char *buf, size_t len)
{
	return nd_tok2str(llc_values, fmt, sap, buf, len);
}

int nd_llc_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
		 const uint8_t *src, const uint8_t *dst)
{
	unsigned dsap_field, ssap_field, dsap, ssap, control, hdrlen;
	int is_u;
	char b1[32], b2[32], b3[32];

	nd->protocol = "llc";
	if (caplen < 3 || length < 3) {
		nd_print_trunc(nd);
		nd_default_print(nd, p, caplen);
		return (int)(caplen < 3 ? caplen : length);
	}
	dsap_field = GET_U_1(p);
	ssap_field = GET_U_1(p + 1);
	control = GET_U_1(p + 2);
	if ((control & LLC_U_FMT) == LLC_U_FMT) {
		is_u = 1;
		hdrlen = 3;
	} else {
		/* I and S frames carry a two-byte, little-endian control field. */
		if (caplen < 4 || length < 4) {
			nd->protocol = "llc";
			nd_print_trunc(nd);
			nd_default_print(nd, p, caplen);
			return (int)(caplen < 4 ? caplen : length);
		}
		control = GET_LE_U_2(p + 2);
		is_u = 0;
		hdrlen = 4;
	}
	dsap = dsap_field & ~LLC_IG;
	ssap = ssap_field & ~LLC_GSAP;
	if (nd->o.eflag) {
		nd_printf(nd, "LLC, dsap %s (0x%02x) %s, ssap %s (0x%02x) %s",
			  sap_name(dsap, "Unknown", b1, sizeof(b1)), dsap,
			  (dsap_field & LLC_IG) ? "Group" : "Individual",
			  sap_name(ssap, "Unknown", b2, sizeof(b2)), ssap,
			  nd_tok2str(llc_flag_values, "Unknown", ssap_field & LLC_GSAP, b3,
				     sizeof(b3)));
		nd_printf(nd, is_u ? ", ctrl 0x%02x: " : ", ctrl 0x%04x: ", control);
	}
	p += hdrlen;
	length -= hdrlen;
	caplen -= hdrlen;

	if (ssap == LLCSAP_SNAP && dsap == LLCSAP_SNAP && control == LLC_UI)
		return snap_print(nd, p, length, caplen, src, dst) ? (int)hdrlen + 5
								    : -((int)hdrlen + 5);
	if (ssap == LLCSAP_8021D && dsap == LLCSAP_8021D && control == LLC_UI) {
		nd_stp_print(nd, p, length);
		return (int)hdrlen;
	}
	if (ssap == LLCSAP_IP && dsap == LLCSAP_IP && control == LLC_UI) {
		nd_ip_print(nd, p, length);
		return (int)hdrlen;
	}
	if (ssap == 0xfe && dsap == 0xfe && control == LLC_UI && nd_isoclns_print(nd, p, length))
		return (int)hdrlen;

	if (!nd->o.eflag) {
		if (ssap == dsap) {
			if (!src || !dst)
				nd_printf(nd, "%s ", sap_name(dsap, "Unknown DSAP 0x%02x", b1,
							      sizeof(b1)));
			else
				nd_printf(nd, "%s > %s %s ", nd_etheraddr_string(nd, src),
					  nd_etheraddr_string(nd, dst),
					  sap_name(dsap, "Unknown DSAP 0x%02x", b1, sizeof(b1)));
		} else {
			if (!src || !dst)
				nd_printf(nd, "%s > %s ",
					  sap_name(ssap, "Unknown SSAP 0x%02x", b1, sizeof(b1)),
					  sap_name(dsap, "Unknown DSAP 0x%02x", b2, sizeof(b2)));
			else
				nd_printf(nd, "%s %s > %s %s ", nd_etheraddr_string(nd, src),
					  sap_name(ssap, "Unknown SSAP 0x%02x", b1, sizeof(b1)),
					  nd_etheraddr_string(nd, dst),
					  sap_name(dsap, "Unknown DSAP 0x%02x", b2, sizeof(b2)));
		}
	}

	if (is_u) {
		nd_printf(nd, "Unnumbered, %s, Flags [%s], length %u",
			  nd_tok2str(llc_cmd_values, "%02x", control & 0xef, b1, sizeof(b1)),
			  nd_tok2str(llc_flag_values, "?",
				     (ssap_field & LLC_GSAP) | (control & LLC_U_POLL), b2,
				     sizeof(b2)),
			  length + hdrlen);
		if ((control & ~LLC_U_POLL) == LLC_XID) {
			if (length == 0)
				return (int)hdrlen;
			if (caplen < 1) {
				nd->protocol = "llc";
				nd_print_trunc(nd);
				return (int)hdrlen;
			}
			if (GET_U_1(p) == LLC_XID_FI) {
				if (caplen < 3 || length < 3) {
					nd->protocol = "llc";
					nd_print_trunc(nd);
					nd_default_print(nd, p, caplen);
				} else {
					nd_printf(nd, ": %02x %02x", GET_U_1(p + 1), GET_U_1(p + 2));
				}
				return (int)hdrlen;
			}
		}
	} else if ((control & LLC_S_FMT) == LLC_S_FMT) {
		nd_printf(nd, "Supervisory, %s, rcv seq %u, Flags [%s], length %u",
			  nd_tok2str(llc_supervisory_values, "?", (control >> 2) & 3, b1, sizeof(b1)),
			  (control >> 9) & 0x7f,
			  nd_tok2str(llc_flag_values, "?",
				     (ssap_field & LLC_GSAP) | (control & LLC_IS_POLL), b2,
				     sizeof(b2)),
			  length + hdrlen);
		/* Supervisory frames carry no payload to dump. */
		return (int)hdrlen;
	} else {
		nd_printf(nd, "Information, send seq %u, rcv seq %u, Flags [%s], length %u",
			  (control >> 1) & 0x7f, (control >> 9) & 0x7f,
			  nd_tok2str(llc_flag_values, "?",
				     (ssap_field & LLC_GSAP) | (control & LLC_IS_POLL), b2,
				     sizeof(b2)),
			  length + hdrlen);
	}
	return -(int)hdrlen;
}

/* ---- Ethernet ---- */

static void ether_type_print(struct nd *nd, unsigned type)
{
	const char *name = nd_ethertype_name(type);

	if (!nd->o.qflag)
		nd_printf(nd, "ethertype %s (0x%04x)", name ? name : "Unknown", type);
	else if (name)
		nd_puts(nd, name);
	else
		nd_printf(nd, "Unknown Ethertype (0x%04x)", type);
}

static void ether_addresses_print(struct nd *nd, const uint8_t *p)
{
	nd_printf(nd, "%s > %s, ", nd_etheraddr_string(nd, p + 6), nd_etheraddr_string(nd, p));
}

static int is_vlan_type(unsigned type)
{
	return type == ETHERTYPE_8021Q || type == ETHERTYPE_8021Q9100 ||
	       type == ETHERTYPE_8021Q9200 || type == ETHERTYPE_8021QINQ;
}

/* The 802.2 payload of a length frame or a jumbo frame; returns the header length. */
static unsigned ether_llc(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
			  const uint8_t *eh)
{
	int n = nd_llc_print(nd, p, length, caplen, eh + 6, eh);

	if (n < 0) {
		if (nd_want_default_print(nd))
			nd_default_print(nd, p, caplen);
		n = -n;
	}
	return (unsigned)n;
}

unsigned nd_ether_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	const uint8_t *eh = p;
	unsigned orig_length = length, hdrlen, type;
	int printed_length = 0;

	nd->protocol = "ether";
	if (caplen < ETHER_HDRLEN) {
		nd_print_trunc(nd);
		nd->ll_hdr_len = caplen;
		return caplen;
	}
	if (nd->o.eflag)
		ether_addresses_print(nd, eh);
	type = GET_BE_U_2(p + 12);
	p += ETHER_HDRLEN;
	length -= ETHER_HDRLEN;
	caplen -= ETHER_HDRLEN;
	hdrlen = ETHER_HDRLEN;

	while (is_vlan_type(type)) {
		if (caplen < 4 || length < 4) {
			unsigned rest = caplen < 4 ? caplen : length;

			nd->protocol = "vlan";
			nd_print_trunc(nd);
			nd->ll_hdr_len = hdrlen + rest;
			return hdrlen + rest;
		}
		if (nd->o.eflag) {
			ether_type_print(nd, type);
			if (!printed_length) {
				nd_printf(nd, ", length %u: ", orig_length);
				printed_length = 1;
			} else {
				nd_puts(nd, ", ");
			}
			nd_vlan_tci_print(nd, GET_BE_U_2(p));
			nd_puts(nd, ", ");
		}
		type = GET_BE_U_2(p + 2);
		p += 4;
		length -= 4;
		caplen -= 4;
		hdrlen += 4;
	}

	if (type <= MAX_ETHERNET_LENGTH_VAL) {
		const uint8_t *save = nd->snapend;

		/* The length field says where the payload ends: the rest is padding. */
		if (type < length) {
			length = type;
			if (caplen > length)
				caplen = length;
		}
		if (p + length < nd->snapend)
			nd->snapend = p + length;
		if (nd->o.eflag) {
			nd_puts(nd, "802.3");
			if (!printed_length)
				nd_printf(nd, ", length %u: ", length);
		}
		hdrlen += ether_llc(nd, p, length, caplen, eh);
		nd->snapend = save;
	} else if (type == ETHERTYPE_JUMBO) {
		hdrlen += ether_llc(nd, p, length, caplen, eh);
	} else {
		if (nd->o.eflag) {
			ether_type_print(nd, type);
			if (!printed_length)
				nd_printf(nd, ", length %u: ", orig_length);
			else
				nd_puts(nd, ", ");
		}
		if (!nd_ethertype_print(nd, type, p, length, caplen)) {
			if (!nd->o.eflag) {
				ether_addresses_print(nd, eh);
				ether_type_print(nd, type);
				nd_printf(nd, ", length %u: ", orig_length);
			}
			if (nd_want_default_print(nd))
				nd_default_print(nd, p, caplen);
		}
	}
	/* Set only now: a longjmp out of the payload makes -x dump the whole frame, as tcpdump does. */
	nd->ll_hdr_len = hdrlen;
	return hdrlen;
}

/* A frame inside a tunnel: the outer link header stays the one -x skips. */
void nd_ether_encap_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	unsigned ll_hdr_len = nd->ll_hdr_len;

	nd_ether_print(nd, p, length, caplen);
	nd->ll_hdr_len = ll_hdr_len;
}

/* print-bgp.c: BGP-4 (RFC 4271) messages on TCP port 179: OPEN and capabilities, UPDATE, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "print-bgp-int.h"

#define BGP_HDR 19
#define BGP_OPEN_HDR 29
#define BGP_NOTIF_HDR 21
#define BGP_RR_HDR 23


/* Message, option, capability and notification code names as tcpdump prints them. */
static const struct nd_tok msg_types[] = {
	{ 1, "Open" }, { 2, "Update" }, { 3, "Notification" }, { 4, "Keepalive" },
	{ 5, "Route Refresh" }, { 0, NULL },
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

const char *nd_bgp_afi_name(unsigned afi, const char *dflt)
{
	return nd_bgp_tok(afis, dflt, afi);
}

const char *nd_af_name(unsigned afi)
{
	return nd_bgp_tok(afis, NULL, afi);
}

const char *nd_bgp_safi_name(unsigned safi, const char *dflt)
{
	return nd_bgp_tok(safis, dflt, safi);
}

/* Up to n (AFI, SAFI, x) entries of 4 bytes from p, with tcpdump's wording for each capability. */
static void cap_afis_print(struct nd *nd, const uint8_t *p, unsigned len, unsigned code)
{
	for (; len >= 4; len -= 4, p += 4) {
		unsigned afi = GET_BE_U_2(p), safi = GET_U_1(p + 2), x = GET_U_1(p + 3);
		char b[32];

		nd_bgp_put_named(nd, code == 64 ? "\n\t\t  AFI " : "\n\t\tAFI ", nd_bgp_afi_name(afi, "Unknown"), afi);
		nd_bgp_put_named(nd, ", SAFI ", nd_bgp_safi_name(safi, "Unknown"), safi);
		if (code == 8) {
			nd_bgp_put_num(nd, ", Count: ", x);
		} else if (code == 64) {
			nd_puts(nd, x & 0x80 ? ", Forwarding state preserved: yes" :
				", Forwarding state preserved: no");
		} else {
			snprintf(b, sizeof(b), "Bogus (0x%02x)", x);
			nd_puts(nd, ", Send/Receive: ");
			nd_puts(nd, nd_bgp_tok(addpath_modes, b, x));
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
		nd_bgp_put_named(nd, "\n\t\tAFI ", nd_bgp_afi_name(GET_BE_U_2(p), "Unknown"), GET_BE_U_2(p));
		nd_bgp_put_named(nd, ", SAFI ", nd_bgp_safi_name(GET_U_1(p + 3), "Unknown"), GET_U_1(p + 3));
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
		nd_bgp_put_num(nd, "\n\t\t 4 Byte AS ", GET_BE_U_4(p));
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
		nd_bgp_put_named(nd, "\n\t      ", nd_bgp_tok(cap_codes, "Unknown", code), code);
		nd_bgp_put_num(nd, ", length: ", len);
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
	nd_bgp_put_num(nd, "\n\t  Version ", GET_U_1(dat + 19));	/* all captured (above) */
	nd_bgp_put_num(nd, ", my AS ", GET_BE_U_2(dat + 20));
	nd_bgp_put_num(nd, ", Holdtime ", GET_BE_U_2(dat + 22));
	nd_puts(nd, "s, ID ");
	nd_puts(nd, nd_ipaddr_string(nd, dat + 24));
	optslen = GET_U_1(dat + 28);
	nd_bgp_put_num(nd, "\n\t  Optional parameters, length: ", optslen);
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
		nd_bgp_put_named(nd, "\n\t    Option ", nd_bgp_tok(opt_types, "Unknown", type), type);
		nd_bgp_put_num(nd, ", length: ", len);
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
		n = nd_decode_prefix(nd, p, len, 0, buf, sizeof(buf));
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
			nd_bgp_put_num(nd, "   Path Id: ", path_id);
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
	ret = routes_print(nd, pp, wlen, length, nd_bgp_check_add_path(nd, *pp, *wlen, 32));
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
		nd_bgp_put_named(nd, "\n\t  ", nd_bgp_attr_name(type), type);
		nd_bgp_put_num(nd, ", length: ", alen);
		if (flags) {
			nd_bgp_attr_flags_print(nd, flags);
			nd_puts(nd, ": ");
		}
		if (len < alen) {
			nd_puts(nd, " [path attrs too short]");
			goto skip;
		}
		if (*length < alen || !nd_bgp_attr_print(nd, type, p, alen, 0))
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
		int add_path = nd_bgp_check_add_path(nd, p, length, 32);

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
	nd_printf(nd, ", %s (%u)", nd_bgp_tok(notify_major, "Unknown Error", major), major);
	if (major >= 8 || !minors[major])
		return;
	nd_printf(nd, "%s subcode %s (%u)", major == 5 || major == 7 ? "" : ",",
		  nd_bgp_tok(minors[major], "Unknown", minor), minor);
	if (major != 6)
		return;
	if (minor == 1 && length >= BGP_NOTIF_HDR + 7)
		nd_printf(nd, ", AFI %s (%u), SAFI %s (%u), Max Prefixes: %u",
			  nd_bgp_afi_name(GET_BE_U_2(p), "Unknown"), GET_BE_U_2(p),
			  nd_bgp_safi_name(GET_U_1(p + 2), "Unknown"), GET_U_1(p + 2), GET_BE_U_4(p + 3));
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
	nd_printf(nd, "\n\t  AFI %s (%u), SAFI %s (%u)", nd_bgp_afi_name(GET_BE_U_2(dat + 19), "Unknown"),
		  GET_BE_U_2(dat + 19), nd_bgp_safi_name(GET_U_1(dat + 22), "Unknown"), GET_U_1(dat + 22));
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, dat, "\n\t  ", len);
}

static void pdu_print(struct nd *nd, const uint8_t *dat, unsigned length)
{
	unsigned type = GET_U_1(dat + 18);

	nd_puts(nd, "\n\t");
	nd_bgp_put_named(nd, nd_bgp_tok(msg_types, "Unknown", type), " Message", type);
	nd_bgp_put_num(nd, ", length: ", length);
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
			nd_printf(nd, "\n[|BGP %s]", nd_bgp_tok(msg_types, "Unknown Message Type",
							 GET_U_1(p + 18)));
			break;
		}
		pdu_print(nd, p, hlen);
		p += hlen;
		start = p;
	}
}

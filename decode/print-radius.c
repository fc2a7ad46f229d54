/* print-radius.c: RADIUS (RFC 2865, 2866 and later attributes) as tcpdump prints it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <time.h>

#include "print-radius.h"

#define MIN_RADIUS_LEN 20

/* Attributes with a format of their own. */
#define FRM_IPADDR 8
#define LOG_IPHOST 14
#define FRM_IPX 23
#define SESSION_TIMEOUT 27
#define IDLE_TIMEOUT 28
#define FRM_ATALK_LINK 37
#define FRM_ATALK_NETWORK 38
#define ACCT_DELAY 41
#define ACCT_SESSION_TIME 46
#define EGRESS_VLAN_ID 56
#define EGRESS_VLAN_NAME 58
#define TUNNEL_TYPE 64
#define TUNNEL_MEDIUM 65
#define TUNNEL_CLIENT_END 66
#define TUNNEL_SERVER_END 67
#define TUNNEL_PASS 69
#define ARAP_PASS 70
#define ARAP_FEATURES 71
#define EAP_MESSAGE 79
#define TUNNEL_PRIV_GROUP 81
#define TUNNEL_ASSIGN_ID 82
#define TUNNEL_PREFERENCE 83
#define ARAP_CHALLENGE_RESP 84
#define ACCT_INT_INTERVAL 85
#define TUNNEL_CLIENT_AUTH 90
#define TUNNEL_SERVER_AUTH 91
#define ERROR_CAUSE 101

static const struct nd_tok radius_command_values[] = {
	{ 1, "Access-Request" }, { 2, "Access-Accept" }, { 3, "Access-Reject" },
	{ 4, "Accounting-Request" }, { 5, "Accounting-Response" }, { 11, "Access-Challenge" },
	{ 12, "Status-Server" }, { 13, "Status-Client" }, { 40, "Disconnect-Request" },
	{ 41, "Disconnect-ACK" }, { 42, "Disconnect-NAK" }, { 43, "CoA-Request" },
	{ 44, "CoA-ACK" }, { 45, "CoA-NAK" }, { 255, "Reserved" }, { 0, NULL },
};

static const struct nd_tok rfc4675_tagged[] = {
	{ 0x31, "Tagged" }, { 0x32, "Untagged" }, { 0, NULL },
};

static const struct nd_tok errorcausetype[] = {
	{ 201, "Residual Session Context Removed" }, { 202, "Invalid EAP Packet (Ignored)" },
	{ 401, "Unsupported Attribute" }, { 402, "Missing Attribute" },
	{ 403, "NAS Identification Mismatch" }, { 404, "Invalid Request" },
	{ 405, "Unsupported Service" }, { 406, "Unsupported Extension" },
	{ 407, "Invalid Attribute Value" }, { 501, "Administratively Prohibited" },
	{ 502, "Request Not Routable (Proxy)" }, { 503, "Session Context Not Found" },
	{ 504, "Session Context Not Removable" }, { 505, "Other Proxy Processing Error" },
	{ 506, "Resources Unavailable" }, { 507, "Request Initiated" },
	{ 508, "Multiple Session Selection Unsupported" }, { 509, "Location Info Required" },
	{ 0, NULL },
};

static const struct {
	uint64_t v;
	const char *s;
} mip6_feature_vector[] = {
	{ 0x0000000000000001ull, "MIP6_INTEGRATED" },
	{ 0x0000000000000002ull, "LOCAL_HOME_AGENT_ASSIGNMENT" },
	{ 0x0000010000000000ull, "PMIP6_SUPPORTED" },
	{ 0x0000020000000000ull, "IP4_HOA_SUPPORTED" },
	{ 0x0000040000000000ull, "LOCAL_MAG_ROUTING_SUPPORTED" },
	{ 0x0000080000000000ull, "ASSIGN_LOCAL_IP" },
	{ 0x0000100000000000ull, "MIP4_SUPPORTED" },
	{ 0x0000200000000000ull, "OPTIMIZED_IDLE_MODE_MOBILITY" },
	{ 0x0000400000000000ull, "GTPv2_SUPPORTED" },
	{ 0x0000800000000000ull, "IP4_TRANSPORT_SUPPORTED" },
	{ 0x0001000000000000ull, "IP4_HOA_ONLY_SUPPORTED" },
	{ 0x0002000000000000ull, "INTER_MAG_ROUTING_SUPPORTED" },
};

static const struct nd_tok operator_name_vector[] = {
	{ 0x30, "TADIG" }, { 0x31, "REALM" }, { 0x32, "E212" }, { 0x33, "ICC" }, { 0, NULL },
};

static const struct nd_tok location_information_code_vector[] = {
	{ 0, "Civic" }, { 1, "Geospatial" }, { 0, NULL },
};

static const struct nd_tok location_information_entity_vector[] = {
	{ 0, "User" }, { 1, "RADIUS" }, { 0, NULL },
};

static const struct nd_tok blpr_bm[] = {
	{ 0x0001, "MBZ-15" }, { 0x0002, "MBZ-14" }, { 0x0004, "MBZ-13" }, { 0x0008, "MBZ-12" },
	{ 0x0010, "MBZ-11" }, { 0x0020, "MBZ-10" }, { 0x0040, "MBZ-9" }, { 0x0080, "MBZ-8" },
	{ 0x0100, "MBZ-7" }, { 0x0200, "MBZ-6" }, { 0x0400, "MBZ-5" }, { 0x0800, "MBZ-4" },
	{ 0x1000, "MBZ-3" }, { 0x2000, "MBZ-2" }, { 0x4000, "MBZ-1" },
	{ 0x8000, "Retransmission Allowed" }, { 0, NULL },
};


/* Printable ASCII as itself, anything else as a dot. */
static void print_dotted(struct nd *nd, uint8_t c)
{
	nd_putc(nd, c >= 0x20 && c < 0x7f ? (char)c : '.');
}

/* RFC 4675's tag byte of the egress VLAN attributes. */
static void print_vlan_tag(struct nd *nd, unsigned tag)
{
	char buf[32];

	nd_printf(nd, "%s (0x%02x) ", nd_tok2str(rfc4675_tagged, "Unknown tag", tag, buf,
						 sizeof(buf)), tag);
}

static void print_tag(struct nd *nd, unsigned tag)
{
	if (tag)
		nd_printf(nd, "Tag[%u] ", tag);
	else
		nd_puts(nd, "Tag[Unused] ");
}

/*
 * The value printers below follow tcpdump's two ways out: a value not
 * captured in full prints [|radius] and the next attribute follows, while
 * a field read past the capture ends the packet (the accessors' longjmp).
 */
static void print_attr_string(struct nd *nd, const uint8_t *data, unsigned length,
			      unsigned code)
{
	if (!ND_TTEST_LEN(nd, data, length))
		goto trunc;
	switch (code) {
	case TUNNEL_PASS:
		if (length < 3)
			goto trunc;
		if (GET_U_1(data) && GET_U_1(data) <= 0x1f)
			nd_printf(nd, "Tag[%u] ", GET_U_1(data));
		else
			nd_puts(nd, "Tag[Unused] ");
		nd_printf(nd, "Salt %u ", GET_BE_U_2(data + 1));
		data += 3;
		length -= 3;
		break;
	case TUNNEL_CLIENT_END:
	case TUNNEL_SERVER_END:
	case TUNNEL_PRIV_GROUP:
	case TUNNEL_ASSIGN_ID:
	case TUNNEL_CLIENT_AUTH:
	case TUNNEL_SERVER_AUTH:
		if (GET_U_1(data) <= 0x1f) {
			print_tag(nd, GET_U_1(data));
			data++;
			length--;
		}
		break;
	case EGRESS_VLAN_NAME:
		print_vlan_tag(nd, GET_U_1(data));
		data++;
		length--;
		break;
	case EAP_MESSAGE:
		nd_eap_print(nd, data, length);
		return;
	}
	for (unsigned i = 0; i < length && GET_U_1(data + i); i++)
		print_dotted(nd, GET_U_1(data + i));
	return;
trunc:
	nd_print_trunc(nd);
}

static void print_vendor_attr(struct nd *nd, const uint8_t *data, unsigned length)
{
	unsigned id, type, vlen;
	char buf[32];

	if (length < 4) {
		nd_print_trunc(nd);
		return;
	}
	id = GET_BE_U_4(data);
	data += 4;
	length -= 4;
	nd_printf(nd, "Vendor: %s (%u)", nd_tok2str(nd_smi_values, "Unknown", id, buf, sizeof(buf)),
		  id);
	while (length >= 2) {
		type = GET_U_1(data);
		vlen = GET_U_1(data + 1);
		if (vlen < 2) {
			nd_printf(nd, "\n\t    Vendor Attribute: %u, Length: %u "
				  "(bogus, must be >= 2)", type, vlen);
			return;
		}
		if (vlen > length) {
			nd_printf(nd, "\n\t    Vendor Attribute: %u, Length: %u (bogus, "
				  "goes past end of vendor-specific attribute)", type, vlen);
			return;
		}
		data += 2;
		vlen -= 2;
		length -= 2;
		if (!ND_TTEST_LEN(nd, data, vlen)) {
			nd_print_trunc(nd);
			return;
		}
		nd_printf(nd, "\n\t    Vendor Attribute: %u, Length: %u, Value: ", type, vlen);
		for (unsigned i = 0; i < vlen; i++, data++)
			print_dotted(nd, GET_U_1(data));
		length -= vlen;
	}
}

static void print_timeout(struct nd *nd, uint32_t t)
{
	if (t < 60)
		nd_printf(nd, "%02u secs", t);
	else if (t < 3600)
		nd_printf(nd, "%02u:%02u min", t / 60, t % 60);
	else
		nd_printf(nd, "%02u:%02u:%02u hours", t / 3600, t % 3600 / 60, t % 60);
}

static void print_attr_num(struct nd *nd, const uint8_t *data, unsigned length, unsigned code)
{
	const struct nd_radius_attr *a = &nd_radius_attrs[code];
	uint32_t v;

	if (length != 4) {
		nd_printf(nd, "ERROR: length %u != 4", length);
		return;
	}
	if (a->nvalues) {
		/* The tunnel attributes carry a tag in the first byte. */
		if (code == TUNNEL_TYPE || code == TUNNEL_MEDIUM) {
			print_tag(nd, GET_U_1(data));
			v = GET_BE_U_3(data + 1);
		} else {
			v = GET_BE_U_4(data);
		}
		if (v >= a->first && v - a->first < a->nvalues)
			nd_puts(nd, a->values[v - a->first]);
		else
			nd_printf(nd, "#%u", v);
		return;
	}
	switch (code) {
	case FRM_IPX:
		if (GET_BE_U_4(data) == 0xfffffffe)
			nd_puts(nd, "NAS Select");
		else
			nd_putu(nd, GET_BE_U_4(data));
		break;
	case SESSION_TIMEOUT:
	case IDLE_TIMEOUT:
	case ACCT_DELAY:
	case ACCT_SESSION_TIME:
	case ACCT_INT_INTERVAL:
		print_timeout(nd, GET_BE_U_4(data));
		break;
	case FRM_ATALK_LINK:
	case FRM_ATALK_NETWORK:
		if (GET_BE_U_4(data))
			nd_putu(nd, GET_BE_U_4(data));
		else
			nd_puts(nd, code == FRM_ATALK_LINK ? "Unnumbered" : "NAS assigned");
		break;
	case TUNNEL_PREFERENCE:
		print_tag(nd, GET_U_1(data));
		nd_putu(nd, GET_BE_U_3(data + 1));
		break;
	case EGRESS_VLAN_ID:
		print_vlan_tag(nd, GET_U_1(data));
		nd_putu(nd, GET_BE_U_3(data + 1));
		break;
	default:
		nd_putu(nd, GET_BE_U_4(data));
		break;
	}
}

static void print_attr_address(struct nd *nd, const uint8_t *data, unsigned length,
			       unsigned code)
{
	if (length != 4) {
		nd_printf(nd, "ERROR: length %u != 4", length);
		return;
	}
	if ((code == FRM_IPADDR || code == LOG_IPHOST) && GET_BE_U_4(data) == 0xffffffff)
		nd_puts(nd, "User Selected");
	else if ((code == FRM_IPADDR || code == LOG_IPHOST) && GET_BE_U_4(data) == 0xfffffffe)
		nd_puts(nd, "NAS Select");
	else
		nd_puts(nd, nd_ipaddr_string(nd, data));
}

/* An IPv6 address in a local buffer: the string helpers only read packet bytes. */
static const char *ip6addr_local(struct nd *nd, const uint8_t addr[16])
{
	const uint8_t *packet = nd->packet, *snapend = nd->snapend;
	const char *s;

	nd->packet = addr;
	nd->snapend = addr + 16;
	s = nd_ip6addr_string(nd, addr);
	nd->packet = packet;
	nd->snapend = snapend;
	return s;
}

static void print_attr_netmask6(struct nd *nd, const uint8_t *data, unsigned length)
{
	uint8_t addr[16] = { 0 };
	unsigned plen;

	if (length < 2 || length > 18) {
		nd_printf(nd, "ERROR: length %u not in range (2..18)", length);
		return;
	}
	if (!ND_TTEST_LEN(nd, data, length)) {
		nd_print_trunc(nd);
		return;
	}
	plen = GET_U_1(data + 1);
	if (plen > 128) {
		nd_printf(nd, "ERROR: netmask %u not in range (0..128)", plen);
		return;
	}
	for (unsigned i = 0; i < length - 2; i++)
		addr[i] = GET_U_1(data + 2 + i);
	nd_printf(nd, "%s/%u", ip6addr_local(nd, addr), plen);
	if (plen > 8 * (length - 2))
		nd_puts(nd, " (inconsistent prefix length)");
}

static void print_attr_home_link(struct nd *nd, const uint8_t *data, unsigned length)
{
	if (length != 17) {
		nd_printf(nd, "ERROR: length %u != 17", length);
		return;
	}
	if (!ND_TTEST_LEN(nd, data, length)) {
		nd_print_trunc(nd);
		return;
	}
	if (GET_U_1(data) > 128) {
		nd_printf(nd, "ERROR: netmask %u not in range (0..128)", GET_U_1(data));
		return;
	}
	nd_printf(nd, "%s/%u", nd_ip6addr_string(nd, data + 1), GET_U_1(data));
}

/* Text of exactly n bytes, read through the accessors (no stop at a NUL). */
static void print_text(struct nd *nd, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		nd_print_char(nd, GET_U_1(p + i));
}

static void print_attr_operator(struct nd *nd, const uint8_t *data, unsigned length)
{
	char buf[32];

	if (!ND_TTEST_LEN(nd, data, length)) {
		nd_print_trunc(nd);
		return;
	}
	if (length < 2) {
		nd_printf(nd, "ERROR: length %u < 2", length);
		return;
	}
	nd_printf(nd, "[%s] ", nd_tok2str(operator_name_vector, "unknown namespace %u",
					  GET_U_1(data), buf, sizeof(buf)));
	print_text(nd, data + 1, length - 1);
}

static void print_attr_loc_info(struct nd *nd, const uint8_t *data, unsigned length)
{
	char b1[32], b2[32];

	if (!ND_TTEST_LEN(nd, data, length)) {
		nd_print_trunc(nd);
		return;
	}
	if (length < 21) {
		nd_printf(nd, "ERROR: length %u < 21", length);
		return;
	}
	nd_printf(nd, "index %u, code %s, entity %s, ", GET_BE_U_2(data),
		  nd_tok2str(location_information_code_vector, "Unknown (%u)", GET_U_1(data + 2),
			     b1, sizeof(b1)),
		  nd_tok2str(location_information_entity_vector, "Unknown (%u)",
			     GET_U_1(data + 3), b2, sizeof(b2)));
	nd_puts(nd, "sighting time ");
	nd_ntp_time_print(nd, data + 4);
	nd_puts(nd, ", time to live ");
	nd_ntp_time_print(nd, data + 12);
	nd_puts(nd, ", method \"");
	print_text(nd, data + 20, length - 20);
	nd_putc(nd, '"');
}

static void print_attr_loc_data(struct nd *nd, const uint8_t *data, unsigned length)
{
	if (!ND_TTEST_LEN(nd, data, length)) {
		nd_print_trunc(nd);
		return;
	}
	if (length < 3) {
		nd_printf(nd, "ERROR: length %u < 3", length);
		return;
	}
	nd_printf(nd, "index %u, location", GET_BE_U_2(data));
	nd_hex_and_ascii_print(nd, "\n\t    ", data + 2, length - 2);
}

static void print_attr_blpr(struct nd *nd, const uint8_t *data, unsigned length)
{
	char buf[512];

	if (!ND_TTEST_LEN(nd, data, length)) {
		nd_print_trunc(nd);
		return;
	}
	if (length < 10) {
		nd_printf(nd, "ERROR: length %u < 10", length);
		return;
	}
	nd_printf(nd, "flags [%s], ",
		  nd_bittok2str(blpr_bm, "none", GET_BE_U_2(data), ", ", buf, sizeof(buf)));
	nd_puts(nd, "retention expires ");
	nd_ntp_time_print(nd, data + 2);
	if (length > 10) {
		nd_puts(nd, ", note well \"");
		print_text(nd, data + 10, length - 10);
		nd_putc(nd, '"');
	}
}

/* Seconds since 1970 in local time, as ctime(3) writes them. */
static void print_attr_time(struct nd *nd, const uint8_t *data, unsigned length)
{
	static const char days[] = "SunMonTueWedThuFriSat";
	static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
	time_t t;
	struct tm tm;

	if (length != 4) {
		nd_printf(nd, "ERROR: length %u != 4", length);
		return;
	}
	t = (time_t)GET_BE_U_4(data);
	if (!localtime_r(&t, &tm))
		return;
	nd_printf(nd, "%.3s %.3s%3d %.2d:%.2d:%.2d %d", days + 3 * tm.tm_wday,
		  months + 3 * tm.tm_mon, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		  1900 + tm.tm_year);
}

static void print_attr_vector64(struct nd *nd, const uint8_t *data, unsigned length)
{
	const char *sep = "";
	uint64_t v;

	if (length != 8) {
		nd_printf(nd, "ERROR: length %u != 8", length);
		return;
	}
	nd_putc(nd, '[');
	v = (uint64_t)GET_BE_U_4(data) << 32 | GET_BE_U_4(data + 4);
	for (size_t i = 0; i < sizeof(mip6_feature_vector) / sizeof(mip6_feature_vector[0]); i++) {
		if (v & mip6_feature_vector[i].v) {
			nd_printf(nd, "%s%s", sep, mip6_feature_vector[i].s);
			sep = ", ";
		}
	}
	nd_putc(nd, ']');
}

static void print_hex_upper(struct nd *nd, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		nd_printf(nd, "%02X", GET_U_1(p + i));
}

static void print_attr_strange(struct nd *nd, const uint8_t *data, unsigned length,
			       unsigned code)
{
	char buf[48];

	switch (code) {
	case ARAP_PASS:
		if (length != 16) {
			nd_printf(nd, "ERROR: length %u != 16", length);
			return;
		}
		nd_puts(nd, "User_challenge (");
		print_hex_upper(nd, data, 8);
		nd_puts(nd, ") User_resp(");
		print_hex_upper(nd, data + 8, 8);
		nd_putc(nd, ')');
		break;
	case ARAP_FEATURES:
		if (length != 14) {
			nd_printf(nd, "ERROR: length %u != 14", length);
			return;
		}
		nd_puts(nd, GET_U_1(data) ? "User can change password" :
					    "User cannot change password");
		nd_printf(nd, ", Min password length: %u", GET_U_1(data + 1));
		nd_puts(nd, ", created at: ");
		print_hex_upper(nd, data + 2, 4);
		nd_puts(nd, ", expires in: ");
		print_hex_upper(nd, data + 6, 4);
		nd_puts(nd, ", Current Time: ");
		print_hex_upper(nd, data + 10, 4);
		break;
	case ARAP_CHALLENGE_RESP:
		if (length < 8) {
			nd_printf(nd, "ERROR: length %u != 8", length);
			return;
		}
		print_hex_upper(nd, data, 8);
		break;
	case ERROR_CAUSE:
		if (length != 4) {
			nd_printf(nd, "Error: length %u != 4", length);
			return;
		}
		nd_printf(nd, "Error cause %u: %s", GET_BE_U_4(data),
			  nd_tok2str(errorcausetype, "Error-Cause %u not known", GET_BE_U_4(data),
				     buf, sizeof(buf)));
		break;
	}
}

static void print_value(struct nd *nd, const uint8_t *data, unsigned length, unsigned code)
{
	switch (nd_radius_attrs[code].fmt) {
	case RAD_NONE:
		break;
	case RAD_STRING:
		print_attr_string(nd, data, length, code);
		break;
	case RAD_NUM:
		print_attr_num(nd, data, length, code);
		break;
	case RAD_ADDR:
		print_attr_address(nd, data, length, code);
		break;
	case RAD_ADDR6:
		if (length != 16)
			nd_printf(nd, "ERROR: length %u != 16", length);
		else
			nd_puts(nd, nd_ip6addr_string(nd, data));
		break;
	case RAD_NETMASK6:
		print_attr_netmask6(nd, data, length);
		break;
	case RAD_VENDOR:
		print_vendor_attr(nd, data, length);
		break;
	case RAD_TIME:
		print_attr_time(nd, data, length);
		break;
	case RAD_VECTOR64:
		print_attr_vector64(nd, data, length);
		break;
	case RAD_STRANGE:
		print_attr_strange(nd, data, length, code);
		break;
	case RAD_HOME_LINK:
		print_attr_home_link(nd, data, length);
		break;
	case RAD_OPERATOR:
		print_attr_operator(nd, data, length);
		break;
	case RAD_LOC_INFO:
		print_attr_loc_info(nd, data, length);
		break;
	case RAD_LOC_DATA:
		print_attr_loc_data(nd, data, length);
		break;
	case RAD_BLPR:
		print_attr_blpr(nd, data, length);
		break;
	}
}

static void radius_attrs_print(struct nd *nd, const uint8_t *attr, unsigned length)
{
	unsigned type, len;
	const char *name;

	while (length > 0) {
		if (length < 2 || !ND_TTEST_LEN(nd, attr, 2)) {
			nd_print_trunc(nd);
			return;
		}
		type = GET_U_1(attr);
		len = GET_U_1(attr + 1);
		name = "Unknown";
		if (type != 0 && type < nd_radius_nattrs)
			name = nd_radius_attrs[type].name;
		nd_printf(nd, "\n\t  %s Attribute (%u), length: %u", name, type, len);
		if (len < 2) {
			nd_puts(nd, " (bogus, must be >= 2)");
			return;
		}
		if (len > length) {
			nd_puts(nd, " (bogus, goes past end of packet)");
			return;
		}
		nd_puts(nd, ", Value: ");
		if (type < nd_radius_nattrs && len > 2)
			print_value(nd, attr + 2, len - 2, type);
		if (nd->o.vflag > 1)
			nd_print_unknown_data(nd, attr + 2, "\n\t    ", len - 2);
		length -= len;
		attr += len;
	}
}

void nd_radius_print(struct nd *nd, const uint8_t *dat, unsigned length)
{
	unsigned len, code;
	const char *name;
	char buf[32];

	nd->protocol = "radius";
	if (!ND_TTEST_LEN(nd, dat, MIN_RADIUS_LEN)) {
		nd_print_trunc(nd);
		return;
	}
	len = GET_BE_U_2(dat + 2);
	if (len < MIN_RADIUS_LEN) {
		nd_print_trunc(nd);
		return;
	}
	if (len > length)
		len = length;
	code = GET_U_1(dat);
	name = nd_tok2str(radius_command_values, "Unknown Command", code, buf, sizeof(buf));
	if (nd->o.vflag < 1) {
		nd_printf(nd, "RADIUS, %s (%u), id: 0x%02x length: %u", name, code,
			  GET_U_1(dat + 1), len);
		return;
	}
	nd_printf(nd, "RADIUS, length: %u\n\t%s (%u), id: 0x%02x, Authenticator: ", len, name, code,
		  GET_U_1(dat + 1));
	for (unsigned i = 0; i < 16; i++)
		nd_printf(nd, "%02x", GET_U_1(dat + 4 + i));
	if (len > MIN_RADIUS_LEN)
		radius_attrs_print(nd, dat + MIN_RADIUS_LEN, len - MIN_RADIUS_LEN);
}

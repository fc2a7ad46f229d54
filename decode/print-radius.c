/* print-radius.c: RADIUS (RFC 2865, 2866 and later attributes) as tcpdump prints it */
#include "config.h"

#include <time.h>

#include "nd.h"

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

/* Standard values of the enumerated attributes, from the first value on. */
static const char *const serv_type[] = {
	"Login", "Framed", "Callback Login", "Callback Framed", "Outbound", "Administrative",
	"NAS Prompt", "Authenticate Only", "Callback NAS Prompt", "Call Check",
	"Callback Administrative", "Voice", "Fax", "Modem Relay", "IAPP-Register",
	"IAPP-AP-Check", "Authorize Only", "Framed-Management", "Additional-Authorization",
};
static const char *const frm_proto[] = {
	"PPP", "SLIP", "ARAP", "Gandalf proprietary", "Xylogics IPX/SLIP", "X.75 Synchronous",
	"GPRS PDP Context",
};
static const char *const frm_routing[] = { "None", "Send", "Listen", "Send&Listen" };
static const char *const frm_comp[] = { "None", "VJ TCP/IP", "IPX", "Stac-LZS" };
static const char *const login_serv[] = {
	"Telnet", "Rlogin", "TCP Clear", "PortMaster(proprietary)", "LAT", "X.25-PAD",
	"X.25-T3POS", "Unassigned", "TCP Clear Quiet",
};
static const char *const term_action[] = { "Default", "RADIUS-Request" };
static const char *const ingress_filters[] = { "Enabled", "Disabled" };
static const char *const nas_port_type[] = {
	"Async", "Sync", "ISDN Sync", "ISDN Async V.120", "ISDN Async V.110", "Virtual", "PIAFS",
	"HDLC Clear Channel", "X.25", "X.75", "G.3 Fax", "SDSL", "ADSL-CAP", "ADSL-DMT",
	"ISDN-DSL", "Ethernet", "xDSL", "Cable", "Wireless - Other", "Wireless - IEEE 802.11",
	"Token-Ring", "FDDI", "Wireless - CDMA200", "Wireless - UMTS", "Wireless - 1X-EV", "IAPP",
	"FTTP", "Wireless - IEEE 802.16", "Wireless - IEEE 802.20", "Wireless - IEEE 802.22",
	"PPPoA", "PPPoEoA", "PPPoEoE", "PPPoEoVLAN", "PPPoEoQinQ", "xPON", "Wireless - XGP",
	"WiMAX Pre-Release 8 IWK Function", "WIMAX-WIFI-IWK", "WIMAX-SFF", "WIMAX-HA-LMA",
	"WIMAX-DHCP", "WIMAX-LBS", "WIMAX-WVS",
};
static const char *const acct_status[] = {
	"Start", "Stop", "Interim-Update", "Unassigned", "Unassigned", "Unassigned",
	"Accounting-On", "Accounting-Off", "Tunnel-Start", "Tunnel-Stop", "Tunnel-Reject",
	"Tunnel-Link-Start", "Tunnel-Link-Stop", "Tunnel-Link-Reject", "Failed",
};
static const char *const acct_auth[] = { "RADIUS", "Local", "Remote", "Diameter" };
static const char *const acct_term[] = {
	"User Request", "Lost Carrier", "Lost Service", "Idle Timeout", "Session Timeout",
	"Admin Reset", "Admin Reboot", "Port Error", "NAS Error", "NAS Request", "NAS Reboot",
	"Port Unneeded", "Port Preempted", "Port Suspended", "Service Unavailable", "Callback",
	"User Error", "Host Request", "Supplicant Restart", "Reauthentication Failure",
	"Port Reinitialized", "Port Administratively Disabled", "Lost Power",
};
static const char *const tunnel_type[] = {
	"PPTP", "L2F", "L2TP", "ATMP", "VTP", "AH", "IP-IP", "MIN-IP-IP", "ESP", "GRE", "DVS",
	"IP-in-IP Tunneling", "VLAN",
};
static const char *const tunnel_medium[] = {
	"IPv4", "IPv6", "NSAP", "HDLC", "BBN 1822", "802", "E.163", "E.164", "F.69", "X.121",
	"IPX", "Appletalk", "Decnet IV", "Banyan Vines", "E.164 with NSAP subaddress",
};
static const char *const arap_zone[] = {
	"Only access to dfl zone", "Use zone filter inc.", "Not used", "Use zone filter exc.",
};
static const char *const prompt[] = { "No Echo", "Echo" };

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

/* SMI network management private enterprise codes that tcpdump names. */
static const struct nd_tok smi_values[] = {
	{ 0, "IETF (reserved)" }, { 5, "ACC" }, { 9, "Cisco" }, { 11, "Hewlett Packard" },
	{ 42, "Sun Microsystems" }, { 61, "Merit" }, { 74, "AT&T" }, { 161, "Motorola" },
	{ 166, "Shiva" }, { 193, "Ericsson AB" }, { 255, "Cisco VPN 5000" },
	{ 307, "Livingston" }, { 311, "Microsoft" }, { 429, "3Com" }, { 529, "Ascend" },
	{ 1584, "Bay Networks" }, { 1991, "Foundry" }, { 2180, "Versanet" }, { 2352, "Redback" },
	{ 2636, "Juniper Networks" }, { 2637, "Aptis" }, { 2937, "Deutsche Telekom AG" },
	{ 3054, "Ixia Communications" }, { 3076, "Cisco VPN 3000" },
	{ 3085, "CoSine Communications" }, { 3224, "Netscreen" }, { 3199, "Shasta" },
	{ 3309, "Nomadix" }, { 3414, "T-Mobile" }, { 3561, "The Broadband Forum" },
	{ 3902, "ZTE" }, { 4329, "Siemens" }, { 4491, "CableLabs" },
	{ 4874, "Unisphere Networks" }, { 5263, "Cisco BBSM" },
	{ 5535, "3rd Generation Partnership Project 2 (3GPP2)" }, { 5806, "SK Telecom" },
	{ 5925, "ipUnplugged" }, { 5948, "Issanni Communications" }, { 5951, "Netscaler" },
	{ 6490, "T-Mobile" }, { 6618, "Quintum" }, { 6728, "Interlink" }, { 7951, "CNCTC" },
	{ 8164, "Starent Networks" }, { 8744, "Colubris" }, { 10415, "3GPP" },
	{ 10529, "Gemtek-Systems" }, { 10704, "Barracuda Networks" },
	{ 10923, "Ericsson AB - Packet Core Networks" }, { 11665, "dacom" },
	{ 11862, "Columbia University" }, { 12356, "Fortinet" }, { 12951, "Verizon Wireless" },
	{ 13745, "Plixer" }, { 14122, "Wi-Fi Alliance" }, { 16787, "T-Systems Nova" },
	{ 20942, "China Telecom - Guangzhou Research Institute" }, { 26866, "Gigamon Systems" },
	{ 32622, "CACE Technologies" }, { 35632, "ntop" }, { 46098, "Ericsson Canada" },
	{ 0, NULL },
};

enum attr_fmt {
	A_NONE, A_STRING, A_NUM, A_ADDR, A_ADDR6, A_NETMASK6, A_VENDOR, A_TIME, A_VECTOR64,
	A_STRANGE, A_HOME_LINK, A_OPERATOR, A_LOC_INFO, A_LOC_DATA, A_BLPR,
};

#define VALUES(t, first) t, sizeof(t) / sizeof(t[0]), first

/* Each attribute type: its name, how its value prints, and its standard values if any. */
static const struct attrtype {
	const char *name;
	enum attr_fmt fmt;
	const char *const *values;
	unsigned nvalues;
	unsigned first;
} attr_type[] = {
	{ NULL, A_NONE, NULL, 0, 0 },
	{ "User-Name", A_STRING, NULL, 0, 0 },
	{ "User-Password", A_NONE, NULL, 0, 0 },
	{ "CHAP-Password", A_NONE, NULL, 0, 0 },
	{ "NAS-IP-Address", A_ADDR, NULL, 0, 0 },
	{ "NAS-Port", A_NUM, NULL, 0, 0 },
	{ "Service-Type", A_NUM, VALUES(serv_type, 1) },
	{ "Framed-Protocol", A_NUM, VALUES(frm_proto, 1) },
	{ "Framed-IP-Address", A_ADDR, NULL, 0, 0 },
	{ "Framed-IP-Netmask", A_ADDR, NULL, 0, 0 },
	{ "Framed-Routing", A_NUM, VALUES(frm_routing, 0) },
	{ "Filter-Id", A_STRING, NULL, 0, 0 },
	{ "Framed-MTU", A_NUM, NULL, 0, 0 },
	{ "Framed-Compression", A_NUM, VALUES(frm_comp, 0) },
	{ "Login-IP-Host", A_ADDR, NULL, 0, 0 },
	{ "Login-Service", A_NUM, VALUES(login_serv, 0) },
	{ "Login-TCP-Port", A_NUM, NULL, 0, 0 },
	{ "Unassigned", A_NONE, NULL, 0, 0 },
	{ "Reply-Message", A_STRING, NULL, 0, 0 },
	{ "Callback-Number", A_STRING, NULL, 0, 0 },
	{ "Callback-Id", A_STRING, NULL, 0, 0 },
	{ "Unassigned", A_NONE, NULL, 0, 0 },
	{ "Framed-Route", A_STRING, NULL, 0, 0 },
	{ "Framed-IPX-Network", A_NUM, NULL, 0, 0 },
	{ "State", A_STRING, NULL, 0, 0 },
	{ "Class", A_STRING, NULL, 0, 0 },
	{ "Vendor-Specific", A_VENDOR, NULL, 0, 0 },
	{ "Session-Timeout", A_NUM, NULL, 0, 0 },
	{ "Idle-Timeout", A_NUM, NULL, 0, 0 },
	{ "Termination-Action", A_NUM, VALUES(term_action, 0) },
	{ "Called-Station-Id", A_STRING, NULL, 0, 0 },
	{ "Calling-Station-Id", A_STRING, NULL, 0, 0 },
	{ "NAS-Identifier", A_STRING, NULL, 0, 0 },
	{ "Proxy-State", A_STRING, NULL, 0, 0 },
	{ "Login-LAT-Service", A_STRING, NULL, 0, 0 },
	{ "Login-LAT-Node", A_STRING, NULL, 0, 0 },
	{ "Login-LAT-Group", A_STRING, NULL, 0, 0 },
	{ "Framed-AppleTalk-Link", A_NUM, NULL, 0, 0 },
	{ "Framed-AppleTalk-Network", A_NUM, NULL, 0, 0 },
	{ "Framed-AppleTalk-Zone", A_STRING, NULL, 0, 0 },
	{ "Acct-Status-Type", A_NUM, VALUES(acct_status, 1) },
	{ "Acct-Delay-Time", A_NUM, NULL, 0, 0 },
	{ "Acct-Input-Octets", A_NUM, NULL, 0, 0 },
	{ "Acct-Output-Octets", A_NUM, NULL, 0, 0 },
	{ "Acct-Session-Id", A_STRING, NULL, 0, 0 },
	{ "Acct-Authentic", A_NUM, VALUES(acct_auth, 1) },
	{ "Acct-Session-Time", A_NUM, NULL, 0, 0 },
	{ "Acct-Input-Packets", A_NUM, NULL, 0, 0 },
	{ "Acct-Output-Packets", A_NUM, NULL, 0, 0 },
	{ "Acct-Terminate-Cause", A_NUM, VALUES(acct_term, 1) },
	{ "Acct-Multi-Session-Id", A_STRING, NULL, 0, 0 },
	{ "Acct-Link-Count", A_NUM, NULL, 0, 0 },
	{ "Acct-Input-Gigawords", A_NUM, NULL, 0, 0 },
	{ "Acct-Output-Gigawords", A_NUM, NULL, 0, 0 },
	{ "Unassigned", A_NONE, NULL, 0, 0 },
	{ "Event-Timestamp", A_TIME, NULL, 0, 0 },
	{ "Egress-VLANID", A_NUM, NULL, 0, 0 },
	{ "Ingress-Filters", A_NUM, VALUES(ingress_filters, 1) },
	{ "Egress-VLAN-Name", A_STRING, NULL, 0, 0 },
	{ "User-Priority-Table", A_NONE, NULL, 0, 0 },
	{ "CHAP-Challenge", A_STRING, NULL, 0, 0 },
	{ "NAS-Port-Type", A_NUM, VALUES(nas_port_type, 0) },
	{ "Port-Limit", A_NUM, NULL, 0, 0 },
	{ "Login-LAT-Port", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Type", A_NUM, VALUES(tunnel_type, 1) },
	{ "Tunnel-Medium-Type", A_NUM, VALUES(tunnel_medium, 1) },
	{ "Tunnel-Client-Endpoint", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Server-Endpoint", A_STRING, NULL, 0, 0 },
	{ "Acct-Tunnel-Connection", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Password", A_STRING, NULL, 0, 0 },
	{ "ARAP-Password", A_STRANGE, NULL, 0, 0 },
	{ "ARAP-Features", A_STRANGE, NULL, 0, 0 },
	{ "ARAP-Zone-Access", A_NUM, VALUES(arap_zone, 1) },
	{ "ARAP-Security", A_STRING, NULL, 0, 0 },
	{ "ARAP-Security-Data", A_STRING, NULL, 0, 0 },
	{ "Password-Retry", A_NUM, NULL, 0, 0 },
	{ "Prompt", A_NUM, VALUES(prompt, 0) },
	{ "Connect-Info", A_STRING, NULL, 0, 0 },
	{ "Configuration-Token", A_STRING, NULL, 0, 0 },
	{ "EAP-Message", A_STRING, NULL, 0, 0 },
	{ "Message-Authenticator", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Private-Group-ID", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Assignment-ID", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Preference", A_NUM, NULL, 0, 0 },
	{ "ARAP-Challenge-Response", A_STRANGE, NULL, 0, 0 },
	{ "Acct-Interim-Interval", A_NUM, NULL, 0, 0 },
	{ "Acct-Tunnel-Packets-Lost", A_NUM, NULL, 0, 0 },
	{ "NAS-Port-Id", A_STRING, NULL, 0, 0 },
	{ "Framed-Pool", A_STRING, NULL, 0, 0 },
	{ "CUI", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Client-Auth-ID", A_STRING, NULL, 0, 0 },
	{ "Tunnel-Server-Auth-ID", A_STRING, NULL, 0, 0 },
	{ "NAS-Filter-Rule", A_STRING, NULL, 0, 0 },
	{ "Unassigned", A_NONE, NULL, 0, 0 },
	{ "Originating-Line-Info", A_NONE, NULL, 0, 0 },
	{ "NAS-IPv6-Address", A_ADDR6, NULL, 0, 0 },
	{ "Framed-Interface-ID", A_NONE, NULL, 0, 0 },
	{ "Framed-IPv6-Prefix", A_NETMASK6, NULL, 0, 0 },
	{ "Login-IPv6-Host", A_ADDR6, NULL, 0, 0 },
	{ "Framed-IPv6-Route", A_STRING, NULL, 0, 0 },
	{ "Framed-IPv6-Pool", A_STRING, NULL, 0, 0 },
	{ "Error-Cause", A_STRANGE, NULL, 0, 0 },
	{ "EAP-Key-Name", A_NONE, NULL, 0, 0 },
	{ "Digest-Response", A_STRING, NULL, 0, 0 },
	{ "Digest-Realm", A_STRING, NULL, 0, 0 },
	{ "Digest-Nonce", A_STRING, NULL, 0, 0 },
	{ "Digest-Response-Auth", A_STRING, NULL, 0, 0 },
	{ "Digest-Nextnonce", A_STRING, NULL, 0, 0 },
	{ "Digest-Method", A_STRING, NULL, 0, 0 },
	{ "Digest-URI", A_STRING, NULL, 0, 0 },
	{ "Digest-Qop", A_STRING, NULL, 0, 0 },
	{ "Digest-Algorithm", A_STRING, NULL, 0, 0 },
	{ "Digest-Entity-Body-Hash", A_STRING, NULL, 0, 0 },
	{ "Digest-CNonce", A_STRING, NULL, 0, 0 },
	{ "Digest-Nonce-Count", A_STRING, NULL, 0, 0 },
	{ "Digest-Username", A_STRING, NULL, 0, 0 },
	{ "Digest-Opaque", A_STRING, NULL, 0, 0 },
	{ "Digest-Auth-Param", A_STRING, NULL, 0, 0 },
	{ "Digest-AKA-Auts", A_STRING, NULL, 0, 0 },
	{ "Digest-Domain", A_STRING, NULL, 0, 0 },
	{ "Digest-Stale", A_STRING, NULL, 0, 0 },
	{ "Digest-HA1", A_STRING, NULL, 0, 0 },
	{ "SIP-AOR", A_STRING, NULL, 0, 0 },
	{ "Delegated-IPv6-Prefix", A_NETMASK6, NULL, 0, 0 },
	{ "MIP6-Feature-Vector", A_VECTOR64, NULL, 0, 0 },
	{ "MIP6-Home-Link-Prefix", A_HOME_LINK, NULL, 0, 0 },
	{ "Operator-Name", A_OPERATOR, NULL, 0, 0 },
	{ "Location-Information", A_LOC_INFO, NULL, 0, 0 },
	{ "Location-Data", A_LOC_DATA, NULL, 0, 0 },
	{ "Basic-Location-Policy-Rules", A_BLPR, NULL, 0, 0 },
};

#define NATTR (sizeof(attr_type) / sizeof(attr_type[0]))

/* Printable ASCII as itself, anything else as a dot. */
static void print_dotted(struct nd *nd, uint8_t c)
{
	nd_putc(nd, c >= 0x20 && c < 0x7f ? (char)c : '.');
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
	char buf[32];

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
		nd_printf(nd, "%s (0x%02x) ",
			  nd_tok2str(rfc4675_tagged, "Unknown tag", GET_U_1(data), buf, sizeof(buf)),
			  GET_U_1(data));
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
	nd_printf(nd, "Vendor: %s (%u)", nd_tok2str(smi_values, "Unknown", id, buf, sizeof(buf)),
		  id);
	while (length >= 2) {
		type = GET_U_1(data);
		vlen = GET_U_1(data + 1);
		if (vlen < 2) {
			nd_printf(nd, "\n\t    Vendor Attribute: %u, Length: %u (bogus, must be >= 2)",
				  type, vlen);
			return;
		}
		if (vlen > length) {
			nd_printf(nd, "\n\t    Vendor Attribute: %u, Length: %u (bogus, goes past end "
				  "of vendor-specific attribute)", type, vlen);
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
	const struct attrtype *a = &attr_type[code];
	uint32_t v;
	char buf[32];

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
		nd_printf(nd, "%s (0x%02x) ",
			  nd_tok2str(rfc4675_tagged, "Unknown tag", GET_U_1(data), buf, sizeof(buf)),
			  GET_U_1(data));
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
	switch (attr_type[code].fmt) {
	case A_NONE:
		break;
	case A_STRING:
		print_attr_string(nd, data, length, code);
		break;
	case A_NUM:
		print_attr_num(nd, data, length, code);
		break;
	case A_ADDR:
		print_attr_address(nd, data, length, code);
		break;
	case A_ADDR6:
		if (length != 16)
			nd_printf(nd, "ERROR: length %u != 16", length);
		else
			nd_puts(nd, nd_ip6addr_string(nd, data));
		break;
	case A_NETMASK6:
		print_attr_netmask6(nd, data, length);
		break;
	case A_VENDOR:
		print_vendor_attr(nd, data, length);
		break;
	case A_TIME:
		print_attr_time(nd, data, length);
		break;
	case A_VECTOR64:
		print_attr_vector64(nd, data, length);
		break;
	case A_STRANGE:
		print_attr_strange(nd, data, length, code);
		break;
	case A_HOME_LINK:
		print_attr_home_link(nd, data, length);
		break;
	case A_OPERATOR:
		print_attr_operator(nd, data, length);
		break;
	case A_LOC_INFO:
		print_attr_loc_info(nd, data, length);
		break;
	case A_LOC_DATA:
		print_attr_loc_data(nd, data, length);
		break;
	case A_BLPR:
		print_attr_blpr(nd, data, length);
		break;
	}
}

static void radius_attrs_print(struct nd *nd, const uint8_t *attr, unsigned length)
{
	unsigned type, len;

	while (length > 0) {
		if (length < 2 || !ND_TTEST_LEN(nd, attr, 2)) {
			nd_print_trunc(nd);
			return;
		}
		type = GET_U_1(attr);
		len = GET_U_1(attr + 1);
		nd_printf(nd, "\n\t  %s Attribute (%u), length: %u",
			  type != 0 && type < NATTR ? attr_type[type].name : "Unknown", type, len);
		if (len < 2) {
			nd_puts(nd, " (bogus, must be >= 2)");
			return;
		}
		if (len > length) {
			nd_puts(nd, " (bogus, goes past end of packet)");
			return;
		}
		nd_puts(nd, ", Value: ");
		if (type < NATTR && len > 2)
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
		nd_printf(nd, "RADIUS, %s (%u), id: 0x%02x length: %u", name, code, GET_U_1(dat + 1),
			  len);
		return;
	}
	nd_printf(nd, "RADIUS, length: %u\n\t%s (%u), id: 0x%02x, Authenticator: ", len, name, code,
		  GET_U_1(dat + 1));
	for (unsigned i = 0; i < 16; i++)
		nd_printf(nd, "%02x", GET_U_1(dat + 4 + i));
	if (len > MIN_RADIUS_LEN)
		radius_attrs_print(nd, dat + MIN_RADIUS_LEN, len - MIN_RADIUS_LEN);
}

/* print-dhcp6.c: DHCPv6 (RFC 8415 and its option RFCs) as tcpdump prints it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"
#include "print-dns.h"

#define DH6_RENEW 5
#define DH6_INFORM_REQ 11
#define DH6_RELAY_FORW 12
#define DH6_RELAY_REPLY 13

#define DH6OPT_CLIENTID 1
#define DH6OPT_SERVERID 2
#define DH6OPT_IA_NA 3
#define DH6OPT_IA_TA 4
#define DH6OPT_IA_ADDR 5
#define DH6OPT_ORO 6
#define DH6OPT_PREFERENCE 7
#define DH6OPT_ELAPSED_TIME 8
#define DH6OPT_RELAY_MSG 9
#define DH6OPT_AUTH 11
#define DH6OPT_STATUS_CODE 13
#define DH6OPT_RAPID_COMMIT 14
#define DH6OPT_INTERFACE_ID 18
#define DH6OPT_RECONF_MSG 19
#define DH6OPT_RECONF_ACCEPT 20
#define DH6OPT_SIP_SERVER_D 21
#define DH6OPT_SIP_SERVER_A 22
#define DH6OPT_DNS_SERVERS 23
#define DH6OPT_DOMAIN_LIST 24
#define DH6OPT_IA_PD 25
#define DH6OPT_IA_PD_PREFIX 26
#define DH6OPT_NIS_SERVERS 27
#define DH6OPT_NISP_SERVERS 28
#define DH6OPT_SNTP_SERVERS 31
#define DH6OPT_LIFETIME 32
#define DH6OPT_BCMCS_SERVER_A 34
#define DH6OPT_REMOTE_ID 37
#define DH6OPT_SUBSCRIBER_ID 38
#define DH6OPT_PANA_AGENT 40
#define DH6OPT_NEW_POSIX_TIMEZONE 41
#define DH6OPT_NEW_TZDB_TIMEZONE 42
#define DH6OPT_ERO 43
#define DH6OPT_LQ_QUERY 44
#define DH6OPT_CLIENT_DATA 45
#define DH6OPT_CLT_TIME 46
#define DH6OPT_LQ_RELAY_DATA 47
#define DH6OPT_LQ_CLIENT_LINK 48
#define DH6OPT_NTP_SERVER 56
#define DH6OPT_AFTR_NAME 64
#define DH6OPT_MUDURL 112

#define DH6OPT_AUTHPROTO_DELAYED 2
#define DH6OPT_AUTHPROTO_RECONFIG 3

#define NTP_SUBOPTION_SRV_ADDR 1
#define NTP_SUBOPTION_MC_ADDR 2
#define NTP_SUBOPTION_SRV_FQDN 3

static const struct nd_tok dh6_msgtype_str[] = {
	{ 1, "solicit" }, { 2, "advertise" }, { 3, "request" }, { 4, "confirm" },
	{ 5, "renew" }, { 6, "rebind" }, { 7, "reply" }, { 8, "release" }, { 9, "decline" },
	{ 10, "reconfigure" }, { 11, "inf-req" }, { 12, "relay-fwd" }, { 13, "relay-reply" },
	{ 14, "leasequery" }, { 15, "leasequery-reply" }, { 0, NULL },
};

static const struct nd_tok dh6opt_str[] = {
	{ 1, "client-ID" }, { 2, "server-ID" }, { 3, "IA_NA" }, { 4, "IA_TA" },
	{ 5, "IA_ADDR" }, { 6, "option-request" }, { 7, "preference" }, { 8, "elapsed-time" },
	{ 9, "relay-message" }, { 11, "authentication" }, { 12, "server-unicast" },
	{ 13, "status-code" }, { 14, "rapid-commit" }, { 15, "user-class" },
	{ 16, "vendor-class" }, { 17, "vendor-specific-info" }, { 18, "interface-ID" },
	{ 19, "reconfigure-message" }, { 20, "reconfigure-accept" },
	{ 21, "SIP-servers-domain" }, { 22, "SIP-servers-address" }, { 23, "DNS-server" },
	{ 24, "DNS-search-list" }, { 25, "IA_PD" }, { 26, "IA_PD-prefix" },
	{ 31, "SNTP-servers" }, { 32, "lifetime" }, { 27, "NIS-server" }, { 28, "NIS+-server" },
	{ 29, "NIS-domain-name" }, { 30, "NIS+-domain-name" }, { 33, "BCMCS-domain-name" },
	{ 34, "BCMCS-server" }, { 36, "Geoconf-Civic" }, { 37, "Remote-ID" },
	{ 38, "Subscriber-ID" }, { 39, "Client-FQDN" }, { 40, "PANA-agent" },
	{ 41, "POSIX-timezone" }, { 42, "POSIX-tz-database" }, { 43, "Echo-request-option" },
	{ 44, "Lease-query" }, { 45, "LQ-client-data" }, { 46, "Clt-time" },
	{ 47, "LQ-relay-data" }, { 48, "LQ-client-link" }, { 56, "NTP-server" },
	{ 64, "AFTR-Name" }, { 112, "MUD-URL" }, { 0, NULL },
};

static const struct nd_tok dh6opt_stcode_str[] = {
	{ 0, "Success" }, { 1, "UnspecFail" }, { 2, "NoAddrsAvail" }, { 3, "NoBinding" },
	{ 4, "NotOnLink" }, { 5, "UseMulticast" }, { 6, "NoPrefixAvail" },
	{ 7, "UnknownQueryType" }, { 8, "MalformedQuery" }, { 9, "NotConfigured" },
	{ 10, "NotAllowed" }, { 0, NULL },
};

static void dhcp6_msg_print(struct nd *nd, const uint8_t *cp, unsigned length);

/* The first n bytes as hex, no separators. */
static void print_hex(struct nd *nd, const uint8_t *p, unsigned from, unsigned to)
{
	for (unsigned i = from; i < to; i++)
		nd_printf(nd, "%02x", GET_U_1(p + i));
}

static void print_duid(struct nd *nd, const uint8_t *tp, unsigned optlen)
{
	if (optlen < 2) {
		nd_puts(nd, " ?)");
		return;
	}
	switch (GET_BE_U_2(tp)) {
	case 1:	/* link-layer address plus time */
		if (optlen < 2 + 6)
			break;
		nd_printf(nd, " hwaddr/time type %u time %u ", GET_BE_U_2(tp + 2),
			  GET_BE_U_4(tp + 4));
		print_hex(nd, tp, 8, optlen);
		nd_putc(nd, ')');
		return;
	case 2:	/* vendor-assigned */
		if (optlen < 2 + 8)
			break;
		nd_puts(nd, " vid ");
		print_hex(nd, tp, 2, 10);
		nd_putc(nd, ')');
		return;
	case 3:	/* link-layer address */
		if (optlen < 2 + 2)
			break;
		nd_printf(nd, " hwaddr type %u ", GET_BE_U_2(tp + 2));
		print_hex(nd, tp, 4, optlen);
		nd_putc(nd, ')');
		return;
	default:
		nd_printf(nd, " type %u)", GET_BE_U_2(tp));
		return;
	}
	nd_puts(nd, " ?)");
}

static void print_auth(struct nd *nd, const uint8_t *tp, unsigned optlen)
{
	unsigned proto, alg, rdm, info, realm;

	if (optlen < 11) {
		nd_puts(nd, " ?)");
		return;
	}
	proto = GET_U_1(tp);
	if (proto == DH6OPT_AUTHPROTO_DELAYED)
		nd_puts(nd, " proto: delayed");
	else if (proto == DH6OPT_AUTHPROTO_RECONFIG)
		nd_puts(nd, " proto: reconfigure");
	else
		nd_printf(nd, " proto: %u", proto);
	alg = GET_U_1(tp + 1);
	if (alg == 1)
		nd_puts(nd, ", alg: HMAC-MD5");
	else
		nd_printf(nd, ", alg: %u", alg);
	rdm = GET_U_1(tp + 2);
	if (rdm == 0)
		nd_puts(nd, ", RDM: mono");
	else
		nd_printf(nd, ", RDM: %u", rdm);
	nd_puts(nd, ", RD:");
	for (unsigned i = 0; i < 4; i++)
		nd_printf(nd, " %04x", GET_BE_U_2(tp + 3 + 2 * i));
	tp += 11;
	info = optlen - 11;
	switch (proto) {
	case DH6OPT_AUTHPROTO_DELAYED:
		if (info == 0)
			break;
		if (info < 20) {
			nd_puts(nd, " ??");
			break;
		}
		realm = info - 20;
		if (realm > 0)
			nd_puts(nd, ", realm: ");
		print_hex(nd, tp, 0, realm);
		tp += realm;
		nd_printf(nd, ", key ID: %08x", GET_BE_U_4(tp));
		nd_puts(nd, ", HMAC-MD5:");
		for (unsigned i = 0; i < 4; i++)
			nd_printf(nd, " %08x", GET_BE_U_4(tp + 4 + 4 * i));
		break;
	case DH6OPT_AUTHPROTO_RECONFIG:
		if (info != 17) {
			nd_puts(nd, " ??");
			break;
		}
		switch (GET_U_1(tp)) {
		case 1:
			nd_puts(nd, " reconfig-key");
			break;
		case 2:
			nd_puts(nd, " type: HMAC-MD5");
			break;
		default:
			nd_puts(nd, " type: ??");
			break;
		}
		nd_puts(nd, " value:");
		for (unsigned i = 0; i < 4; i++)
			nd_printf(nd, " %08x", GET_BE_U_4(tp + 1 + 4 * i));
		break;
	default:
		nd_puts(nd, " ??");
		break;
	}
	nd_putc(nd, ')');
}

/* RFC 5908's sub-options; 0 when one runs past the option. */
static int print_ntp_server(struct nd *nd, const uint8_t *tp, const uint8_t *end)
{
	unsigned code, len;

	while (tp < end - 4) {
		code = GET_BE_U_2(tp);
		len = GET_BE_U_2(tp + 2);
		tp += 4;
		if (tp + len > end)
			return 0;
		nd_printf(nd, " subopt:%u", code);
		switch (code) {
		case NTP_SUBOPTION_SRV_ADDR:
		case NTP_SUBOPTION_MC_ADDR:
			if (len != 16)
				nd_puts(nd, " ?");
			else
				nd_printf(nd, " %s", nd_ip6addr_string(nd, tp));
			break;
		case NTP_SUBOPTION_SRV_FQDN:
			nd_putc(nd, ' ');
			if (!nd_dns_name_print(nd, tp, tp + len))
				return 0;
			break;
		default:
			nd_puts(nd, " ?");
			break;
		}
		tp += len;
	}
	nd_putc(nd, ')');
	return 1;
}

/* RFC 6334's tunnel endpoint name: uncompressed labels. */
static void print_aftr_name(struct nd *nd, const uint8_t *tp, unsigned remain)
{
	unsigned l;

	nd_putc(nd, ' ');
	while (remain && GET_U_1(tp)) {
		l = GET_U_1(tp);
		tp++;
		if (l >= remain - 1) {
			nd_puts(nd, " ?");
			break;
		}
		nd_printjnp(nd, tp, l);
		tp += l;
		remain -= l + 1;
		if (GET_U_1(tp))
			nd_putc(nd, '.');
	}
	nd_putc(nd, ')');
}

/*
 * The options in [cp, ep), each as " (name ...)". A length that runs past
 * ep prints [|dhcp6] and ends only this list: an enclosing option still
 * closes its parenthesis, as in tcpdump.
 */
static void dhcp6opt_print(struct nd *nd, const uint8_t *cp, const uint8_t *ep)
{
	const uint8_t *tp, *end;
	unsigned type, optlen, v;
	char buf[32];

	while (cp < ep) {
		if (ep < cp + 4 || !ND_TTEST_LEN(nd, cp, 4))
			goto trunc;
		optlen = GET_BE_U_2(cp + 2);
		if (ep < cp + 4 + optlen)
			goto trunc;
		type = GET_BE_U_2(cp);
		nd_printf(nd, " (%s", nd_tok2str(dh6opt_str, "opt_%u", type, buf, sizeof(buf)));
		if (!ND_TTEST_LEN(nd, cp + 4, optlen))
			goto trunc;
		tp = cp + 4;
		end = tp + optlen;
		switch (type) {
		case DH6OPT_CLIENTID:
		case DH6OPT_SERVERID:
			print_duid(nd, tp, optlen);
			break;
		case DH6OPT_IA_ADDR:
			if (optlen < 24) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_printf(nd, " %s", nd_ip6addr_string(nd, tp));
			nd_printf(nd, " pltime:%u vltime:%u", GET_BE_U_4(tp + 16),
				  GET_BE_U_4(tp + 20));
			if (optlen > 24)
				dhcp6opt_print(nd, tp + 24, end);
			nd_putc(nd, ')');
			break;
		case DH6OPT_ORO:
		case DH6OPT_ERO:
			if (optlen % 2) {
				nd_puts(nd, " ?)");
				break;
			}
			for (unsigned i = 0; i < optlen; i += 2) {
				v = GET_BE_U_2(tp + i);
				nd_printf(nd, " %s",
					  nd_tok2str(dh6opt_str, "opt_%u", v, buf, sizeof(buf)));
			}
			nd_putc(nd, ')');
			break;
		case DH6OPT_PREFERENCE:
		case DH6OPT_ELAPSED_TIME:
		case DH6OPT_LIFETIME:
		case DH6OPT_CLT_TIME:
			v = type == DH6OPT_PREFERENCE ? 1 : type == DH6OPT_ELAPSED_TIME ? 2 : 4;
			if (optlen != v) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_printf(nd, " %u)", v == 1 ? GET_U_1(tp) : v == 2 ? GET_BE_U_2(tp) :
						     GET_BE_U_4(tp));
			break;
		case DH6OPT_RELAY_MSG: {
			/* The relayed message ends with this option, whatever follows. */
			const uint8_t *save = nd->snapend;

			nd_puts(nd, " (");
			if (end < nd->snapend)
				nd->snapend = end;
			dhcp6_msg_print(nd, tp, optlen);
			nd->snapend = save;
			nd_putc(nd, ')');
			break;
		}
		case DH6OPT_AUTH:
			print_auth(nd, tp, optlen);
			break;
		case DH6OPT_RAPID_COMMIT:
		case DH6OPT_RECONF_ACCEPT:
			nd_putc(nd, ')');
			break;
		case DH6OPT_INTERFACE_ID:
		case DH6OPT_SUBSCRIBER_ID:
			/* the encoding is anyone's guess: at most 10 bytes of hex */
			nd_putc(nd, ' ');
			print_hex(nd, tp, 0, optlen < 10 ? optlen : 10);
			nd_puts(nd, "...)");
			break;
		case DH6OPT_RECONF_MSG:
			if (optlen != 1) {
				nd_puts(nd, " ?)");
				break;
			}
			v = GET_U_1(tp);
			if (v == DH6_RENEW)
				nd_puts(nd, " for renew)");
			else if (v == DH6_INFORM_REQ)
				nd_puts(nd, " for inf-req)");
			else
				nd_printf(nd, " for ?\?\?(%02x))", v);
			break;
		case DH6OPT_SIP_SERVER_A:
		case DH6OPT_DNS_SERVERS:
		case DH6OPT_SNTP_SERVERS:
		case DH6OPT_NIS_SERVERS:
		case DH6OPT_NISP_SERVERS:
		case DH6OPT_BCMCS_SERVER_A:
		case DH6OPT_PANA_AGENT:
		case DH6OPT_LQ_CLIENT_LINK:
			if (optlen % 16) {
				nd_puts(nd, " ?)");
				break;
			}
			for (unsigned i = 0; i < optlen; i += 16)
				nd_printf(nd, " %s", nd_ip6addr_string(nd, tp + i));
			nd_putc(nd, ')');
			break;
		case DH6OPT_SIP_SERVER_D:
		case DH6OPT_DOMAIN_LIST:
			/* tcpdump resolves compression against the option's end, so we do too */
			while (tp < end) {
				nd_putc(nd, ' ');
				tp = nd_dns_name_print(nd, tp, end);
				if (!tp)
					goto trunc;
			}
			nd_putc(nd, ')');
			break;
		case DH6OPT_STATUS_CODE:
			if (optlen < 2) {
				nd_puts(nd, " ?)");
				break;
			}
			v = GET_BE_U_2(tp);
			nd_printf(nd, " %s)", v > 255 ? "INVALID code" :
				  nd_tok2str(dh6opt_stcode_str, "code%u", v, buf, sizeof(buf)));
			break;
		case DH6OPT_IA_NA:
		case DH6OPT_IA_PD:
			if (optlen < 12) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_printf(nd, " IAID:%u T1:%u T2:%u", GET_BE_U_4(tp), GET_BE_U_4(tp + 4),
				  GET_BE_U_4(tp + 8));
			if (optlen > 12)
				dhcp6opt_print(nd, tp + 12, end);
			nd_putc(nd, ')');
			break;
		case DH6OPT_IA_TA:
			if (optlen < 4) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_printf(nd, " IAID:%u", GET_BE_U_4(tp));
			if (optlen > 4)
				dhcp6opt_print(nd, tp + 4, end);
			nd_putc(nd, ')');
			break;
		case DH6OPT_IA_PD_PREFIX:
			if (optlen < 25) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_printf(nd, " %s/%u", nd_ip6addr_string(nd, tp + 9), GET_U_1(tp + 8));
			nd_printf(nd, " pltime:%u vltime:%u", GET_BE_U_4(tp), GET_BE_U_4(tp + 4));
			if (optlen > 25)
				dhcp6opt_print(nd, tp + 25, end);
			nd_putc(nd, ')');
			break;
		case DH6OPT_REMOTE_ID:
			if (optlen < 4) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_printf(nd, " %u ", GET_BE_U_4(tp));
			print_hex(nd, tp, 4, optlen < 14 ? optlen : 14);
			nd_puts(nd, "...)");
			break;
		case DH6OPT_LQ_QUERY:
			if (optlen < 17) {
				nd_puts(nd, " ?)");
				break;
			}
			v = GET_U_1(tp);
			if (v == 1)
				nd_puts(nd, " by-address");
			else if (v == 2)
				nd_puts(nd, " by-clientID");
			else
				nd_printf(nd, " type_%u", v);
			nd_printf(nd, " %s", nd_ip6addr_string(nd, tp + 1));
			if (optlen > 17)
				dhcp6opt_print(nd, tp + 17, end);
			nd_putc(nd, ')');
			break;
		case DH6OPT_CLIENT_DATA:
			if (optlen > 0)
				dhcp6opt_print(nd, tp, end);
			nd_putc(nd, ')');
			break;
		case DH6OPT_LQ_RELAY_DATA:
			if (optlen < 16) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_printf(nd, " %s ", nd_ip6addr_string(nd, tp));
			print_hex(nd, tp, 16, optlen < 26 ? optlen : 26);
			nd_puts(nd, "...)");
			break;
		case DH6OPT_NTP_SERVER:
			if (optlen < 4) {
				nd_puts(nd, " ?)");
				break;
			}
			if (!print_ntp_server(nd, tp, end))
				goto trunc;
			break;
		case DH6OPT_AFTR_NAME:
			if (optlen < 3) {
				nd_puts(nd, " ?)");
				break;
			}
			print_aftr_name(nd, tp, optlen);
			break;
		case DH6OPT_NEW_POSIX_TIMEZONE:
		case DH6OPT_NEW_TZDB_TIMEZONE:
		case DH6OPT_MUDURL:
			if (optlen < 5) {
				nd_puts(nd, " ?)");
				break;
			}
			nd_putc(nd, ' ');
			nd_printjnp(nd, tp, optlen);
			nd_putc(nd, ')');
			break;
		default:
			nd_putc(nd, ')');
			break;
		}
		cp = end;
	}
	return;
trunc:
	nd_print_trunc(nd);
}

static void dhcp6_msg_print(struct nd *nd, const uint8_t *cp, unsigned length)
{
	const uint8_t *ep = nd->snapend;
	unsigned msgtype;
	const char *name;
	char buf[32];

	nd->protocol = "dhcp6";
	nd_puts(nd, "dhcp6");
	if (cp + length < ep)
		ep = cp + length;
	if (!ND_TTEST_LEN(nd, cp, 4)) {
		nd_print_trunc(nd);
		return;
	}
	msgtype = GET_U_1(cp);
	name = nd_tok2str(dh6_msgtype_str, "msgtype-%u", msgtype, buf, sizeof(buf));
	if (!nd->o.vflag) {
		nd_printf(nd, " %s", name);
		return;
	}
	nd_printf(nd, " %s (", name);
	if (msgtype != DH6_RELAY_FORW && msgtype != DH6_RELAY_REPLY) {
		nd_printf(nd, "xid=%x", GET_BE_U_4(cp) & 0x00ffffff);
		dhcp6opt_print(nd, cp + 4, ep);
	} else {
		nd_printf(nd, "linkaddr=%s", nd_ip6addr_string(nd, cp + 2));
		nd_printf(nd, " peeraddr=%s", nd_ip6addr_string(nd, cp + 18));
		dhcp6opt_print(nd, cp + 34, ep);
	}
	nd_putc(nd, ')');
}

void nd_dhcp6_print(struct nd *nd, const uint8_t *cp, unsigned length)
{
	dhcp6_msg_print(nd, cp, length);
}

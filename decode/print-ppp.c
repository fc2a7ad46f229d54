/* print-ppp.c: PPP (RFC 1661) frames and what they carry: LCP, IPCP, IP6CP, CCP, BACP, CHAP, PAP, MLPPP, IP */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"
#include "print-ppp.h"

#define PPP_IP 0x0021
#define PPP_OSI 0x0023
#define PPP_VJNC 0x002f
#define PPP_ML 0x003d
#define PPP_IPV6 0x0057
#define PPP_COMP 0x00fd
#define PPP_MPLS_UCAST 0x0281
#define PPP_MPLS_MCAST 0x0283
#define PPP_IPCP 0x8021
#define PPP_OSICP 0x8023
#define PPP_IPV6CP 0x8057
#define PPP_CCP 0x80fd
#define PPP_MPLSCP 0x8281
#define PPP_LCP 0xc021
#define PPP_PAP 0xc023
#define PPP_LQM 0xc025
#define PPP_SPAP 0xc027
#define PPP_CHAP 0xc223
#define PPP_BACP 0xc02b
#define PPP_BAP 0xc02d
#define PPP_SPAP_OLD 0xc123
#define PPP_EAP 0xc227
#define PPP_VJC 0x002d

static const struct nd_tok ppptype2str[] = {
	{ 0x0021, "IP" }, { 0x0023, "OSI" }, { 0x0025, "NS" }, { 0x0027, "DECNET" },
	{ 0x0029, "APPLE" }, { 0x002b, "IPX" }, { 0x002d, "VJC IP" }, { 0x002f, "VJNC IP" },
	{ 0x0031, "BRPDU" }, { 0x0033, "STII" }, { 0x0035, "VINES" }, { 0x0281, "MPLS" },
	{ 0x0283, "MPLS" }, { 0x00fd, "Compressed" }, { 0x003d, "MLPPP" }, { 0x0057, "IP6" },
	{ 0x0201, "HELLO" }, { 0x0231, "LUXCOM" }, { 0x0233, "SNS" }, { 0x8021, "IPCP" },
	{ 0x8023, "OSICP" }, { 0x8025, "NSCP" }, { 0x8027, "DECNETCP" }, { 0x8029, "APPLECP" },
	{ 0x802b, "IPXCP" }, { 0x8033, "STIICP" }, { 0x8035, "VINESCP" }, { 0x8057, "IP6CP" },
	{ 0x8281, "MPLSCP" }, { 0xc021, "LCP" }, { 0xc023, "PAP" }, { 0xc025, "LQM" },
	{ 0xc223, "CHAP" }, { 0xc227, "EAP" }, { 0xc027, "SPAP" }, { 0xc123, "Old-SPAP" },
	{ 0xc02b, "BACP" }, { 0xc02d, "BAP" }, { 0xc03d, "MLPPP-CP" }, { 0x80fd, "CCP" },
	{ 0, NULL },
};

enum {
	CP_VEXT, CP_CONF_REQ, CP_CONF_ACK, CP_CONF_NAK, CP_CONF_REJ, CP_TERM_REQ, CP_TERM_ACK,
	CP_CODE_REJ, CP_PROT_REJ, CP_ECHO_REQ, CP_ECHO_RPL, CP_DISC_REQ, CP_ID, CP_TIME_REM,
};

static const struct nd_tok cpcodes[] = {
	{ 0, "Vendor-Extension" }, { 1, "Conf-Request" }, { 2, "Conf-Ack" }, { 3, "Conf-Nack" },
	{ 4, "Conf-Reject" }, { 5, "Term-Request" }, { 6, "Term-Ack" }, { 7, "Code-Reject" },
	{ 8, "Prot-Reject" }, { 9, "Echo-Request" }, { 10, "Echo-Reply" }, { 11, "Disc-Req" },
	{ 12, "Ident" }, { 13, "Time-Rem" }, { 14, "Reset-Req" }, { 15, "Reset-Ack" },
	{ 0, NULL },
};

static const char *const lcpconfopts[] = {
	"Vend-Ext", "MRU", "ACCM", "Auth-Prot", "Qual-Prot", "Magic-Num", "deprecated(6)",
	"PFC", "ACFC", "FCS-Alt", "SDP", "Num-Mode", "deprecated(12)", "Call-Back",
	"deprecated(14)", "deprecated(15)", "deprecated(16)", "MRRU", "12-Bit seq #",
	"End-Disc", "Proprietary", "DCE-Id", "MP+", "Link-Disc", "LCP-Auth-Opt", "COBS",
	"Prefix-elision", "Multilink-header-Form", "I18N", "SDL-over-SONET/SDH", "PPP-Muxing",
};
#define NUM_LCPOPTS (sizeof(lcpconfopts) / sizeof(lcpconfopts[0]))

static const struct nd_tok ccpconfopts[] = {
	{ 0, "OUI" }, { 1, "Pred-1" }, { 2, "Pred-2" }, { 3, "Puddle" }, { 16, "HP-PPC" },
	{ 17, "Stac-LZS" }, { 18, "MPPC" }, { 19, "Gand-FZA" }, { 20, "V.42bis" },
	{ 21, "BSD-Comp" }, { 23, "LZS-DCP" }, { 24, "MVRCA" }, { 25, "DEC" }, { 26, "Deflate" },
	{ 255, "Reserved" }, { 0, NULL },
};

static const struct nd_tok bacconfopts[] = { { 1, "Favored-Peer" }, { 0, NULL } };

static const struct nd_tok ipcpopts[] = {
	{ 1, "IP-Addrs" }, { 2, "IP-Comp" }, { 3, "IP-Addr" }, { 4, "Home-Addr" },
	{ 129, "Pri-DNS" }, { 130, "Pri-NBNS" }, { 131, "Sec-DNS" }, { 132, "Sec-NBNS" },
	{ 0, NULL },
};

#define IPCOMP_HDRCOMP 0x61
#define IPCOMP_MINLEN 14

static const struct nd_tok ipcomp_protos[] = {
	{ PPP_VJC, "VJ-Comp" }, { IPCOMP_HDRCOMP, "IP Header Compression" }, { 0, NULL },
};

static const struct nd_tok ipcomp_subopts[] = {
	{ 1, "RTP-Compression" }, { 2, "Enhanced RTP-Compression" }, { 0, NULL },
};

static const struct nd_tok ip6cpopts[] = { { 1, "Interface-ID" }, { 0, NULL } };

static const struct nd_tok authalgs[] = {
	{ 5, "MD5" }, { 128, "MS-CHAPv1" }, { 129, "MS-CHAPv2" }, { 0, NULL },
};

static const struct nd_tok callbacks[] = {
	{ 0, "UserAuth" }, { 1, "DialString" }, { 2, "LocalID" }, { 3, "E.164" },
	{ 4, "X.500" }, { 6, "CBCP" }, { 0, NULL },
};

static const struct nd_tok chapcodes[] = {
	{ 1, "Challenge" }, { 2, "Response" }, { 3, "Success" }, { 4, "Fail" }, { 0, NULL },
};

static const struct nd_tok papcodes[] = {
	{ 1, "Auth-Req" }, { 2, "Auth-ACK" }, { 3, "Auth-NACK" }, { 0, NULL },
};

static const struct nd_tok ml_flags[] = { { 0x80, "begin" }, { 0x40, "end" }, { 0, NULL } };

/* An option's printer: the bytes it used, 0 to stop the list (tcpdump's contract). */
typedef unsigned (*opt_fn)(struct nd *nd, const uint8_t *p, unsigned length);

/* Every option list ends with its bytes in hex at -vv, after the header. */
static unsigned opt_end(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, p + 2, "\n\t    ", len - 2);
	return len;
}

/* Options tcpdump does not decode: their bytes at -v (at -vv opt_end prints them). */
static unsigned opt_unknown(struct nd *nd, const uint8_t *p, unsigned len)
{
	if (nd->o.vflag < 2)
		nd_print_unknown_data(nd, p + 2, "\n\t    ", len - 2);
	return opt_end(nd, p, len);
}

/*
 * The common option header: 0 with *len unset when the list should stop;
 * prints the "bogus" line for lengths under 2 with name.
 */
static int opt_head(struct nd *nd, const uint8_t *p, unsigned length, const char *trunc,
		    unsigned *opt, unsigned *len)
{
	if (length < 2)
		return 0;
	if (!ND_TTEST_LEN(nd, p, 2)) {
		nd_printf(nd, "[|%s]", trunc);
		return 0;
	}
	*opt = GET_U_1(p);
	*len = GET_U_1(p + 1);
	return length >= *len;
}

/* "0x" and v in at least width hex digits. */
static void hex_print(struct nd *nd, unsigned v, int width)
{
	nd_puts(nd, "0x");
	nd_putx(nd, v, width);
}

static int opt_name_print(struct nd *nd, const char *name, unsigned opt, unsigned len)
{
	nd_puts(nd, "\n\t  ");
	nd_puts(nd, name);
	nd_puts(nd, " Option (");
	hex_print(nd, opt, 2);
	nd_puts(nd, "), length ");
	nd_putu(nd, len);
	if (len < 2) {
		nd_puts(nd, " (length bogus, should be >= 2)");
		return 0;
	}
	return 1;
}

static void bogus(struct nd *nd, const char *rel, unsigned n)
{
	nd_printf(nd, " (length bogus, should be %s %u)", rel, n);
}

static unsigned lcp_opt_ap(struct nd *nd, const uint8_t *p, unsigned len)
{
	char buf[48];
	unsigned proto;

	if (len < 4) {
		bogus(nd, ">=", 4);
		return len;
	}
	proto = GET_BE_U_2(p + 2);
	nd_puts(nd, ": ");
	nd_puts(nd, nd_tok2str(ppptype2str, "Unknown Auth Proto (0x04x)", proto, buf, sizeof(buf)));
	switch (proto) {
	case PPP_CHAP:
		proto = GET_U_1(p + 4);
		nd_puts(nd, ", ");
		nd_puts(nd, nd_tok2str(authalgs, "Unknown Auth Alg %u", proto, buf, sizeof(buf)));
		break;
	case PPP_PAP:
	case PPP_EAP:
	case PPP_SPAP:
	case PPP_SPAP_OLD:
		break;
	default:
		nd_print_unknown_data(nd, p, "\n\t", len);
	}
	return opt_end(nd, p, len);
}

static unsigned lcp_opt_mled(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned cls;

	if (len < 3) {
		bogus(nd, ">=", 3);
		return 0;
	}
	cls = GET_U_1(p + 2);
	switch (cls) {
	case 0:
		nd_puts(nd, ": Null");
		break;
	case 1:
		nd_puts(nd, ": Local");
		break;
	case 2:
		if (len != 7) {
			bogus(nd, "=", 7);
			return 0;
		}
		nd_printf(nd, ": IPv4 %s", nd_ipaddr_string(nd, p + 3));
		break;
	case 3:
		if (len != 9) {
			bogus(nd, "=", 9);
			return 0;
		}
		nd_printf(nd, ": MAC %s", nd_etheraddr_string(nd, p + 3));
		break;
	case 4:
		nd_puts(nd, ": Magic-Num-Block");
		break;
	case 5:
		nd_puts(nd, ": PSNDN");
		break;
	default:
		nd_printf(nd, ": Unknown class %u", cls);
		break;
	}
	return opt_end(nd, p, len);
}

/* A fixed-size option: 1 if its length is right, else the bogus note and 0. */
static int fixed_len(struct nd *nd, unsigned len, unsigned want)
{
	if (len == want)
		return 1;
	bogus(nd, "=", want);
	return 0;
}

static unsigned lcp_opt_vext(struct nd *nd, const uint8_t *p, unsigned len)
{
	const char *name;
	unsigned oui;

	if (len < 6) {
		bogus(nd, ">=", 6);
		return len;
	}
	oui = GET_BE_U_3(p + 2);
	name = nd_oui_name(oui);
	nd_printf(nd, ": Vendor: %s (%u)", name ? name : "Unknown", oui);
	return opt_end(nd, p, len);
}

static unsigned lcp_opt_body(struct nd *nd, const uint8_t *p, unsigned opt, unsigned len)
{
	char buf[32];

	switch (opt) {
	case 0:
		return lcp_opt_vext(nd, p, len);
	case 1: /* MRU */
		if (!fixed_len(nd, len, 4))
			return len;
		opt = GET_BE_U_2(p + 2);
		nd_puts(nd, ": ");
		nd_putu(nd, opt);
		break;
	case 2: /* ACCM */
		if (!fixed_len(nd, len, 6))
			return len;
		opt = GET_BE_U_4(p + 2);
		nd_puts(nd, ": ");
		hex_print(nd, opt, 8);
		break;
	case 3:
		return lcp_opt_ap(nd, p, len);
	case 4: /* quality protocol */
		if (len < 4) {
			bogus(nd, ">=", 4);
			return 0;
		}
		nd_puts(nd, GET_BE_U_2(p + 2) == PPP_LQM ? ": LQR" : ": unknown");
		break;
	case 5: /* magic number */
		if (!fixed_len(nd, len, 6))
			return 0;
		opt = GET_BE_U_4(p + 2);
		nd_puts(nd, ": ");
		hex_print(nd, opt, 8);
		break;
	case 7: /* PFC */
	case 8: /* ACFC */
		break;
	case 23: /* link discriminator */
		if (!fixed_len(nd, len, 4))
			return 0;
		nd_printf(nd, ": 0x%04x", GET_BE_U_2(p + 2));
		break;
	case 13: /* callback */
		if (len < 3) {
			bogus(nd, ">=", 3);
			return 0;
		}
		nd_puts(nd, ": ");
		opt = GET_U_1(p + 2);
		nd_printf(nd, ": Callback Operation %s (%u)",
			  nd_tok2str(callbacks, "Unknown", opt, buf, sizeof(buf)), opt);
		break;
	case 17: /* MRRU */
		if (!fixed_len(nd, len, 4))
			return 0;
		nd_printf(nd, ": %u", GET_BE_U_2(p + 2));
		break;
	case 19:
		return lcp_opt_mled(nd, p, len);
	default:
		return opt_unknown(nd, p, len);
	}
	return opt_end(nd, p, len);
}

static unsigned lcp_opt_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned opt, len;

	if (!opt_head(nd, p, length, "lcp", &opt, &len))
		return 0;
	if (opt >= NUM_LCPOPTS) {
		nd_printf(nd, "\n\tunknown LCP option 0x%02x", opt);
		return len < 2 ? 0 : len;
	}
	if (!opt_name_print(nd, lcpconfopts[opt], opt, len))
		return 0;
	return lcp_opt_body(nd, p, opt, len);
}

/* RFC 3544 IP header compression: its parameters and sub-options. */
static unsigned ipcp_hdrcomp(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned total, sub, sublen;
	char buf[32];

	if (len < IPCOMP_MINLEN) {
		nd_printf(nd, " (length bogus, should be >= %u)", IPCOMP_MINLEN);
		return 0;
	}
	if (!ND_TTEST_LEN(nd, p + 2, IPCOMP_MINLEN)) {
		nd_puts(nd, "[|ipcp]");
		return 0;
	}
	nd_printf(nd, "\n\t    TCP Space %u, non-TCP Space %u, maxPeriod %u, maxTime %u, maxHdr %u",
		  GET_BE_U_2(p + 4), GET_BE_U_2(p + 6), GET_BE_U_2(p + 8), GET_BE_U_2(p + 10),
		  GET_BE_U_2(p + 12));
	if (len <= IPCOMP_MINLEN)
		return opt_end(nd, p, len);
	total = len - IPCOMP_MINLEN;
	nd_printf(nd, "\n\t      Suboptions, length %u", total);
	p += IPCOMP_MINLEN;
	while (total >= 2) {
		if (!ND_TTEST_LEN(nd, p, 2)) {
			nd_puts(nd, "[|ipcp]");
			return 0;
		}
		sub = GET_U_1(p);
		sublen = GET_U_1(p + 1);
		if (sub == 0 || sublen == 0)
			break;
		nd_printf(nd, "\n\t\t%s Suboption #%u, length %u",
			  nd_tok2str(ipcomp_subopts, "Unknown", sub, buf, sizeof(buf)), sub, sublen);
		if (total < sublen) {
			nd_printf(nd, " [remaining suboptions length %u < %u]", total, sublen);
			nd_print_invalid(nd);
			break;
		}
		total -= sublen;
		p += sublen;
	}
	/* tcpdump's -vv dump starts where the sub-options ended, not at the option. */
	return opt_end(nd, p, len);
}

static unsigned ipcp_opt_body(struct nd *nd, const uint8_t *p, unsigned opt, unsigned len)
{
	char buf[48];
	unsigned proto;

	switch (opt) {
	case 1:
		if (!fixed_len(nd, len, 10))
			return len;
		nd_printf(nd, ": src %s, dst %s", nd_ipaddr_string(nd, p + 2),
			  nd_ipaddr_string(nd, p + 6));
		break;
	case 2:
		if (len < 4) {
			bogus(nd, ">=", 4);
			return 0;
		}
		proto = GET_BE_U_2(p + 2);
		nd_printf(nd, ": %s (0x%02x):",
			  nd_tok2str(ipcomp_protos, "Unknown", proto, buf, sizeof(buf)), proto);
		if (proto == IPCOMP_HDRCOMP)
			return ipcp_hdrcomp(nd, p, len);
		break;
	case 3:
	case 4:
	case 129:
	case 130:
	case 131:
	case 132:
		if (!fixed_len(nd, len, 6))
			return 0;
		{
			const char *a = nd_ipaddr_string(nd, p + 2);

			nd_puts(nd, ": ");
			nd_puts(nd, a);
		}
		break;
	default:
		return opt_unknown(nd, p, len);
	}
	return opt_end(nd, p, len);
}

static unsigned ipcp_opt_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned opt, len;
	char buf[32];

	if (!opt_head(nd, p, length, "ipcp", &opt, &len))
		return 0;
	if (!opt_name_print(nd, nd_tok2str(ipcpopts, "unknown", opt, buf, sizeof(buf)), opt, len))
		return 0;
	return ipcp_opt_body(nd, p, opt, len);
}

static unsigned ip6cp_opt_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned opt, len;
	char buf[32];

	if (!opt_head(nd, p, length, "ip6cp", &opt, &len))
		return 0;
	if (!opt_name_print(nd, nd_tok2str(ip6cpopts, "unknown", opt, buf, sizeof(buf)), opt, len))
		return 0;
	if (opt != 1)
		return opt_unknown(nd, p, len);
	if (!fixed_len(nd, len, 10))
		return len;
	if (!ND_TTEST_LEN(nd, p + 2, 8)) {
		nd_puts(nd, "[|ip6cp]");
		return 0;
	}
	nd_printf(nd, ": %04x:%04x:%04x:%04x", GET_BE_U_2(p + 2), GET_BE_U_2(p + 4),
		  GET_BE_U_2(p + 6), GET_BE_U_2(p + 8));
	return opt_end(nd, p, len);
}

static unsigned ccp_opt_body(struct nd *nd, const uint8_t *p, unsigned opt, unsigned len)
{
	unsigned b;

	switch (opt) {
	case 21: /* BSD-Comp */
		if (len < 3) {
			bogus(nd, ">=", 3);
			return len;
		}
		b = GET_U_1(p + 2);
		nd_printf(nd, ": Version: %u, Dictionary Bits: %u", b >> 5, b & 0x1f);
		break;
	case 24: /* MVRCA */
		if (len < 4) {
			bogus(nd, ">=", 4);
			return len;
		}
		b = GET_U_1(p + 2);
		nd_printf(nd, ": Features: %u, PxP: %s, History: %u, #CTX-ID: %u", (b & 0xc0) >> 6,
			  (b & 0x20) ? "Enabled" : "Disabled", b & 0x1f, GET_U_1(p + 3));
		break;
	case 26: /* Deflate */
		if (len < 4) {
			bogus(nd, ">=", 4);
			return len;
		}
		b = GET_U_1(p + 2);
		nd_printf(nd, ": Window: %uK, Method: %s (0x%x), MBZ: %u, CHK: %u", (b & 0xf0) >> 4,
			  (b & 0x0f) == 8 ? "zlib" : "unknown", b & 0x0f,
			  (GET_U_1(p + 3) & 0xfc) >> 2, GET_U_1(p + 3) & 0x03);
		break;
	default:
		return opt_unknown(nd, p, len);
	}
	return opt_end(nd, p, len);
}

static unsigned ccp_opt_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned opt, len;
	char buf[32];

	if (!opt_head(nd, p, length, "ccp", &opt, &len))
		return 0;
	if (!opt_name_print(nd, nd_tok2str(ccpconfopts, "Unknown", opt, buf, sizeof(buf)), opt,
			    len))
		return 0;
	return ccp_opt_body(nd, p, opt, len);
}

static unsigned bacp_opt_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned opt, len;
	char buf[32];

	if (!opt_head(nd, p, length, "bacp", &opt, &len))
		return 0;
	if (!opt_name_print(nd, nd_tok2str(bacconfopts, "Unknown", opt, buf, sizeof(buf)), opt,
			    len))
		return 0;
	if (opt != 1)
		return opt_unknown(nd, p, len);
	if (!fixed_len(nd, len, 6))
		return len;
	nd_printf(nd, ": Magic-Num 0x%08x", GET_BE_U_4(p + 2));
	return opt_end(nd, p, len);
}

static opt_fn opt_printer(unsigned proto)
{
	switch (proto) {
	case PPP_LCP:
		return lcp_opt_print;
	case PPP_IPCP:
		return ipcp_opt_print;
	case PPP_IPV6CP:
		return ip6cp_opt_print;
	case PPP_CCP:
		return ccp_opt_print;
	case PPP_BACP:
		return bacp_opt_print;
	default:
		return NULL;
	}
}

/* A Configure-* packet's options; len is the packet's encoded length, as tcpdump passes it. */
static void conf_print(struct nd *nd, unsigned proto, const uint8_t *p, unsigned len)
{
	opt_fn fn = opt_printer(proto);
	unsigned tlen = len - 4, adv;

	if (!fn)
		return;
	do {
		adv = fn(nd, p, len);
		if (adv == 0)
			break;
		if (tlen < adv) {
			nd_printf(nd, " [remaining options length %u < %u]", tlen, adv);
			nd_print_invalid(nd);
			break;
		}
		tlen -= adv;
		p += adv;
	} while (tlen != 0);
}

static void magic_print(struct nd *nd, const uint8_t *p)
{
	uint32_t v = GET_BE_U_4(p);

	nd_puts(nd, "\n\t  Magic-Num ");
	hex_print(nd, v, 8);
}

/*
 * The body of a control packet after its length field; 0 if tcpdump ends it
 * with its "[|LCP]"-style marker. pptr is the packet's start (code field).
 */
static int ctrl_body(struct nd *nd, unsigned proto, unsigned code, const uint8_t *pptr,
		     const uint8_t *p, unsigned len)
{
	char buf[48];
	unsigned v;

	switch (code) {
	case CP_VEXT:
		if (len < 11)
			break;
		magic_print(nd, p);
		v = GET_BE_U_3(p + 4);
		nd_printf(nd, " Vendor: %s (%u)", nd_oui_name(v) ? nd_oui_name(v) : "Unknown", v);
		break;
	case CP_CONF_REQ:
	case CP_CONF_ACK:
	case CP_CONF_NAK:
	case CP_CONF_REJ:
		conf_print(nd, proto, p, len);
		break;
	case CP_TERM_REQ:
	case CP_TERM_ACK:
	case CP_CODE_REJ:
		break;
	case CP_PROT_REJ:
		if (len < 6)
			break;
		v = GET_BE_U_2(p);
		nd_printf(nd, "\n\t  Rejected %s Protocol (0x%04x)",
			  nd_tok2str(ppptype2str, "unknown", v, buf, sizeof(buf)), v);
		if (len > 6) {
			nd_puts(nd, "\n\t  Rejected Packet");
			nd_print_unknown_data(nd, p + 2, "\n\t    ", len - 2);
		}
		break;
	case CP_ECHO_REQ:
	case CP_ECHO_RPL:
	case CP_DISC_REQ:
		if (len < 8)
			break;
		magic_print(nd, p);
		if (len > 8) {
			nd_puts(nd, "\n\t  -----trailing data-----");
			if (!ND_TTEST_LEN(nd, p + 4, len - 8))
				return 0;
			nd_print_unknown_data(nd, p + 4, "\n\t  ", len - 8);
		}
		break;
	case CP_ID:
		if (len < 8)
			break;
		magic_print(nd, p);
		if (len > 8) {
			nd_puts(nd, "\n\t  Message\n\t    ");
			/* tcpdump prints len - 4 bytes here, past the message's end. */
			if (nd_printn_upto(nd, p + 4, len - 4))
				return 0;
		}
		break;
	case CP_TIME_REM:
		if (len < 12)
			break;
		magic_print(nd, p);
		nd_printf(nd, ", Seconds-Remaining %us", GET_BE_U_4(p + 4));
		break;
	default:
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, pptr - 2, "\n\t  ", len + 2);
		break;
	}
	return 1;
}

/* LCP, IPCP, IP6CP, CCP, BACP and the other control protocols (RFC 1661 packet format). */
static void ctrl_print(struct nd *nd, unsigned proto, const uint8_t *pptr, unsigned length)
{
	char tbuf[48], cbuf[32];
	const char *typestr;
	unsigned code, len;

	typestr = nd_tok2str(ppptype2str, "unknown ctrl-proto (0x%04x)", proto, tbuf, sizeof(tbuf));
	nd_puts(nd, typestr);
	nd_puts(nd, ", ");
	if (length < 4 || !ND_TTEST_LEN(nd, pptr, 2))
		goto trunc;
	code = GET_U_1(pptr);
	nd_puts(nd, nd_tok2str(cpcodes, "Unknown Opcode", code, cbuf, sizeof(cbuf)));
	nd_puts(nd, " (");
	hex_print(nd, code, 2);
	nd_puts(nd, "), id ");
	nd_putu(nd, GET_U_1(pptr + 1));
	nd_puts(nd, ", length ");
	nd_putu(nd, length + 2);
	if (!nd->o.vflag)
		return;
	len = GET_BE_U_2(pptr + 2);
	if (len < 4) {
		nd_printf(nd, "\n\tencoded length %u (< 4))", len);
		return;
	}
	if (len > length) {
		nd_printf(nd, "\n\tencoded length %u (> packet length %u))", len, length);
		return;
	}
	nd_puts(nd, "\n\tencoded length ");
	nd_putu(nd, len);
	nd_puts(nd, " (=Option(s) length ");
	nd_putu(nd, len - 4);
	nd_putc(nd, ')');
	if (len == 4)
		return;
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, pptr - 2, "\n\t", 6);
	if (ctrl_body(nd, proto, code, pptr, pptr + 4, len))
		return;
trunc:
	nd_printf(nd, "[|%s]", typestr);
}

static void mlppp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	char buf[32];

	if (!nd->o.eflag)
		nd_puts(nd, "MLPPP, ");
	if (length < 2 || !ND_TTEST_LEN(nd, p, 2)) {
		nd_puts(nd, "[|mlppp]");
		return;
	}
	nd_printf(nd, "seq 0x%03x, Flags [%s], length %u", GET_BE_U_2(p) & 0x0fff,
		  nd_bittok2str(ml_flags, "none", GET_U_1(p) & 0xc0, ", ", buf, sizeof(buf)),
		  length);
}

/* n characters as tcpdump's fn_print_char loop prints them (each read checked). */
static void chars_print(struct nd *nd, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		nd_print_char(nd, GET_U_1(p + i));
}

/* The start of CHAP and PAP: 0 if the packet is shorter than their header. */
static int auth_head(struct nd *nd, const uint8_t *p, unsigned length, const char *name,
		     const struct nd_tok *codes)
{
	char buf[16];
	unsigned code;

	if (length < 1) {
		nd_printf(nd, "[|%s]", name);
		return 0;
	}
	if (length < 4) {
		nd_printf(nd, "[|%s 0x%02x]", name, GET_U_1(p));
		return 0;
	}
	code = GET_U_1(p);
	nd_puts(nd, name[0] == 'c' ? "CHAP, " : "PAP, ");
	nd_puts(nd, nd_tok2str(codes, "unknown", code, buf, sizeof(buf)));
	nd_puts(nd, " (");
	hex_print(nd, code, 2);
	nd_putc(nd, ')');
	code = GET_U_1(p + 1);
	nd_puts(nd, ", id ");
	nd_putu(nd, code);
	return 1;
}

/* CHAP (RFC 1994): what MD5, MS-CHAPv1 and v2 have in common. */
static void chap_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned code, len, vsize;

	if (!auth_head(nd, p, length, "chap", chapcodes))
		return;
	code = GET_U_1(p);
	len = GET_BE_U_2(p + 2);
	switch (code) {
	case 1:
	case 2:
		if (length < 5)
			return;
		vsize = GET_U_1(p + 4);
		if (length - 5 < vsize)
			return;
		nd_puts(nd, ", Value ");
		nd_ppp_hex(nd, p + 5, vsize, 0);
		nd_puts(nd, ", Name ");
		chars_print(nd, p + 5 + vsize, len - (5 + vsize));
		break;
	case 3:
	case 4:
		nd_puts(nd, ", Msg ");
		chars_print(nd, p + 4, len - 4);
		break;
	}
}

/* A PAP field: its length byte, then its text; 0 if the packet ends first. */
static int pap_field(struct nd *nd, const uint8_t **pp, const uint8_t *end, const char *label)
{
	unsigned n;

	if (end - *pp < 1)
		return 0;
	n = GET_U_1(*pp);
	(*pp)++;
	if ((unsigned)(end - *pp) < n)
		return 0;
	nd_puts(nd, label);
	chars_print(nd, *pp, n);
	*pp += n;
	return 1;
}

/* PAP (RFC 1334). */
static void pap_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	const uint8_t *q = p + 4;
	unsigned code, len;

	if (!auth_head(nd, p, length, "pap", papcodes))
		return;
	code = GET_U_1(p);
	len = GET_BE_U_2(p + 2);
	if (len > length) {
		nd_printf(nd, ", length %u > packet size", len);
		return;
	}
	if (len < 4) {
		nd_printf(nd, ", length %u < PAP header length", len);
		return;
	}
	if (code == 1) {
		if (len < 6) {
			nd_puts(nd, "[|pap]");
			return;
		}
		if (pap_field(nd, &q, p + len, ", Peer "))
			pap_field(nd, &q, p + len, ", Name ");
	} else if (code == 2 || code == 3) {
		if (len < 5) {
			nd_puts(nd, "[|pap]");
			return;
		}
		pap_field(nd, &q, p + len, ", Msg ");
	}
}

static void ppp_payload_print(struct nd *nd, unsigned proto, const uint8_t *p, unsigned length)
{
	char buf[48];

	switch (proto) {
	case 0x0800:
	case PPP_VJNC:
	case PPP_IP:
		nd_ip_print(nd, p, length);
		break;
	case 0x86dd:
	case PPP_IPV6:
		nd_ip6_print(nd, p, length);
		break;
	case PPP_MPLS_UCAST:
	case PPP_MPLS_MCAST:
		nd_mpls_print(nd, p, length);
		break;
	case PPP_COMP:
		nd_puts(nd, "compressed PPP data");
		break;
	default:
		nd_printf(nd, "%s ", nd_tok2str(ppptype2str, "unknown PPP protocol (0x%04x)", proto,
						 buf, sizeof(buf)));
		nd_print_unknown_data(nd, p, "\n\t", length);
		break;
	}
}

static void handle_ppp(struct nd *nd, unsigned proto, const uint8_t *p, unsigned length);

/*
 * tcpdump's guess at a frame after its HDLC escapes are removed: IPv4 or
 * IPv6 by a one-byte protocol, else an address and control field or a
 * two-byte protocol. The unescaped copy becomes the packet to print.
 */
static void hdlc_guess_print(struct nd *nd, const uint8_t *b, unsigned length)
{
	unsigned proto;

	if (length < 1)
		goto trunc;
	proto = GET_U_1(b);
	if (proto == PPP_IP) {
		nd_ip_print(nd, b + 1, length - 1);
		return;
	}
	if (proto == PPP_IPV6) {
		nd_ip6_print(nd, b + 1, length - 1);
		return;
	}
	if (length < 2)
		goto trunc;
	proto = GET_BE_U_2(b);
	if (proto == 0xff03) {
		if (length < 4)
			goto trunc;
		proto = GET_BE_U_2(b + 2);
		b += 2;
		length -= 2;
	}
	if ((proto & 0xff00) == 0x7e00)
		nd_printf(nd, "(protocol 0x%04x invalid)", proto);
	else
		handle_ppp(nd, proto, b + 2, length - 2);
	return;
trunc:
	nd_print_trunc(nd);
}

/*
 * The largest capture a pcap file may hold: the unescaped copy is never
 * longer. A frame nested in an unescaped one (PPP in GRE in IP in PPP) is
 * unescaped in place: each byte is written at or before where it was read.
 */
static uint8_t hdlc_buf[262144];

static void ppp_hdlc(struct nd *nd, const uint8_t *p)
{
	const uint8_t *savep = nd->packet, *savee = nd->snapend;
	size_t caplen = ND_BYTES_AVAILABLE_AFTER(nd, p), n = 0;

	if (caplen == 0 || p < nd->packet)
		return;
	for (size_t i = 0; i < caplen && n < sizeof(hdlc_buf); i++) {
		uint8_t c = p[i];

		if (c == 0x7d) {
			if (i + 1 >= caplen)
				break;
			c = p[++i] ^ 0x20;
		}
		hdlc_buf[n++] = c;
	}
	nd->packet = hdlc_buf;
	nd->snapend = hdlc_buf + n;
	hdlc_guess_print(nd, hdlc_buf, (unsigned)n);
	nd->packet = savep;
	nd->snapend = savee;
}

static void handle_ppp(struct nd *nd, unsigned proto, const uint8_t *p, unsigned length)
{
	if ((proto & 0xff00) == 0x7e00) {	/* an HDLC escape: tcpdump unescapes from here */
		if (length)
			ppp_hdlc(nd, p - 1);
		return;
	}
	switch (proto) {
	case PPP_LCP:
	case PPP_IPCP:
	case PPP_OSICP:
	case PPP_MPLSCP:
	case PPP_IPV6CP:
	case PPP_CCP:
	case PPP_BACP:
		ctrl_print(nd, proto, p, length);
		break;
	case PPP_ML:
		mlppp_print(nd, p, length);
		break;
	case PPP_CHAP:
		chap_print(nd, p, length);
		break;
	case PPP_PAP:
		pap_print(nd, p, length);
		break;
	case PPP_BAP:
		break;
	default:
		ppp_payload_print(nd, proto, p, length);
		break;
	}
}

/* The address and control field as tcpdump recognises it: its length (0 or 2). */
static unsigned addr_ctrl(struct nd *nd, const uint8_t *p)
{
	switch (GET_BE_U_2(p)) {
	case 0x0003: /* pppd's "in" direction */
		if (nd->o.eflag)
			nd_puts(nd, "In  ");
		return 2;
	case 0x0103:
		if (nd->o.eflag)
			nd_puts(nd, "Out ");
		return 2;
	case 0xff03:
		return 2;
	default:
		return 0;
	}
}

unsigned nd_ppp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned proto, olen = length, hdr;
	char buf[48];
	const char *typestr;

	nd->protocol = "ppp";
	if (length < 2)
		goto trunc;
	hdr = addr_ctrl(nd, p);
	p += hdr;
	length -= hdr;
	if (length < 2)
		goto trunc;
	if (GET_U_1(p) % 2) {	/* protocol field compression */
		proto = GET_U_1(p);
		p++;
		length--;
		hdr++;
	} else {
		proto = GET_BE_U_2(p);
		p += 2;
		length -= 2;
		hdr += 2;
	}
	if (nd->o.eflag) {
		typestr = nd_tok2str(ppptype2str, "unknown", proto, buf, sizeof(buf));
		nd_puts(nd, typestr);
		nd_puts(nd, " (");
		hex_print(nd, proto, 4);
		nd_puts(nd, "), length ");
		nd_putu(nd, olen);
		if (*typestr == 'u')
			return hdr;
		nd_puts(nd, ": ");
	}
	handle_ppp(nd, proto, p, length);
	return hdr;
trunc:
	nd_print_trunc(nd);
	return 0;
}

/* DLT_PPP and DLT_PPP_PPPD: the frame as it is; -x skips a 4-byte header. */
unsigned nd_ppp_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	nd->protocol = "ppp";
	if (caplen < 4) {
		nd_print_trunc(nd);
		return caplen;
	}
	nd_ppp_print(nd, p, length);
	return 4;
}

/* DLT_PPP_SERIAL (RFC 1662 HDLC-like framing), where Cisco HDLC frames may appear too. */
unsigned nd_ppp_hdlc_if_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	char buf[48];
	unsigned proto, addr;

	nd->protocol = "ppp_hdlc";
	if (caplen < 2)
		goto trunc;
	addr = GET_U_1(p);
	if (addr == 0x0f || addr == 0x8f)
		return nd_chdlc_if_print(nd, p, length, caplen);
	if (caplen < 4)
		goto trunc;
	if (nd->o.eflag)
		nd_printf(nd, "%02x %02x %u ", GET_U_1(p), GET_U_1(p + 1), length);
	if (addr != 0xff) {
		nd_printf(nd, "unknown addr %02x; ctrl %02x", GET_U_1(p + 2), GET_U_1(p + 3));
		return 2;
	}
	proto = GET_BE_U_2(p + 2);
	nd_printf(nd, "%s: ", nd_tok2str(ppptype2str, "unknown PPP protocol (0x%04x)", proto, buf,
					  sizeof(buf)));
	handle_ppp(nd, proto, p + 4, length - 4);
	return 4;
trunc:
	nd_print_trunc(nd);
	return caplen;
}

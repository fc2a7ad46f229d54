/* print-bootp.c: BOOTP and DHCP (RFC 951, 2131, 2132 and the option RFCs) as tcpdump prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

/* Offsets in the fixed header (RFC 951). */
#define BP_OP 0
#define BP_HTYPE 1
#define BP_HLEN 2
#define BP_HOPS 3
#define BP_XID 4
#define BP_SECS 8
#define BP_FLAGS 10
#define BP_CIADDR 12
#define BP_YIADDR 16
#define BP_SIADDR 20
#define BP_GIADDR 24
#define BP_CHADDR 28
#define BP_SNAME 44
#define BP_SNAME_LEN 64
#define BP_FILE 108
#define BP_FILE_LEN 128
#define BP_VEND 236

#define VM_RFC1048 0x63825363u
#define VM_CMU 0x434d5500u

#define BOOTPREQUEST 1
#define MAC_ADDR_LEN 6

#define TAG_PAD 0
#define TAG_NETBIOS_NODE 46
#define TAG_OPT_OVERLOAD 52
#define TAG_DHCP_MESSAGE 53
#define TAG_PARM_REQUEST 55
#define TAG_CLIENT_ID 61
#define TAG_USER_CLASS 77
#define TAG_CLIENT_FQDN 81
#define TAG_AGENT_CIRCUIT 82
#define TAG_CLASSLESS_STATIC_RT 121
#define TAG_CLASSLESS_STA_RT_MS 249
#define TAG_END 255

static const struct nd_tok bootp_op_values[] = {
	{ 1, "Request" }, { 2, "Reply" }, { 0, NULL },
};

static const struct nd_tok bootp_flag_values[] = {
	{ 0x8000, "Broadcast" }, { 0, NULL },
};

/*
 * tcpdump's option names; the first character says how the data prints:
 * i IPv4 addresses, p address pairs, l unsigned and L signed 32-bit numbers,
 * s 16-bit numbers, b dotted bytes, x colon-separated hex, a text,
 * B booleans, $ an option of its own, ' ' none.
 */
static const struct nd_tok tag2str[] = {
	{ 0, " PAD" }, { 1, "iSubnet-Mask" }, { 2, "LTime-Zone" }, { 3, "iDefault-Gateway" },
	{ 4, "iTime-Server" }, { 5, "iIEN-Name-Server" }, { 6, "iDomain-Name-Server" },
	{ 7, "iLOG" }, { 8, "iCS" }, { 9, "iLPR-Server" }, { 10, "iIM" }, { 11, "iRL" },
	{ 12, "aHostname" }, { 13, "sBS" }, { 255, " END" },
	{ 14, "aDP" }, { 15, "aDomain-Name" }, { 16, "iSS" }, { 17, "aRP" }, { 18, "aEP" },
	{ 19, "BIPF" }, { 20, "BSRT" }, { 21, "pPF" }, { 22, "sRSZ" }, { 23, "bTTL" },
	{ 24, "lMTU-Timeout" }, { 25, "sMTU-Table" }, { 26, "sMTU" }, { 27, "BLSN" },
	{ 28, "iBR" }, { 29, "BMD" }, { 30, "BMS" }, { 31, "BRouter-Discovery" }, { 32, "iRSA" },
	{ 33, "pStatic-Route" }, { 34, "BUT" }, { 35, "lAT" }, { 36, "BIE" }, { 37, "bTT" },
	{ 38, "lKI" }, { 39, "BKG" }, { 40, "aYD" }, { 41, "iYS" }, { 42, "iNTP" },
	{ 43, "bVendor-Option" }, { 44, "iNetbios-Name-Server" }, { 45, "iWDD" },
	{ 46, "$Netbios-Node" }, { 47, "aNetbios-Scope" }, { 48, "iXFS" }, { 49, "iXDM" },
	{ 64, "sN+D" }, { 65, "iN+S" }, { 68, "iMH" }, { 69, "iSMTP" }, { 70, "iPOP3" },
	{ 71, "iNNTP" }, { 72, "iWWW" }, { 73, "iFG" }, { 74, "iIRC" }, { 75, "iSTS" },
	{ 76, "iSTDA" }, { 50, "iRequested-IP" }, { 51, "lLease-Time" }, { 52, "$OO" },
	{ 66, "aTFTP" }, { 67, "aBF" }, { 53, " DHCP-Message" }, { 54, "iServer-ID" },
	{ 55, "bParameter-Request" }, { 56, "aMSG" }, { 57, "sMSZ" }, { 58, "lRN" },
	{ 59, "lRB" }, { 60, "aVendor-Class" }, { 61, "$Client-ID" }, { 98, "aUAP" },
	{ 116, "BNOAUTO" }, { 78, "bSLP-DA" }, { 79, "bSLP-SCOPE" }, { 117, "sNSSEARCH" },
	{ 77, "$User-Class" }, { 118, "iSUBNET" }, { 121, "$Classless-Static-Route" },
	{ 249, "$Classless-Static-Route-Microsoft" }, { 150, "iTFTP-Server-Address" },
	{ 80, "aSLP-NA" }, { 81, "$FQDN" }, { 82, "$Agent-Information" }, { 83, "bARMT" },
	{ 88, "aTZSTR" }, { 89, "bFQDNS" }, { 90, "bAUTH" }, { 91, "LLast-Transaction-Time" },
	{ 92, "iAssociated-IP" }, { 93, "sARCH" }, { 94, "bNDI" }, { 97, "bGUID" },
	{ 95, "aLDAP" }, { 100, "aPOSIX-TZ" }, { 101, "aTZ-Name" }, { 112, "iNI" },
	{ 113, "aNITAG" }, { 114, "aURL" }, { 161, "aMUD-URL" }, { 0, NULL },
};

static const struct nd_tok oo2str[] = {
	{ 1, "file" }, { 2, "sname" }, { 3, "file+sname" }, { 0, NULL },
};

static const struct nd_tok nbo2str[] = {
	{ 1, "b-node" }, { 2, "p-node" }, { 4, "m-node" }, { 8, "h-node" }, { 0, NULL },
};

static const struct nd_tok arp2str[] = {
	{ 1, "ether" }, { 6, "ieee802" }, { 7, "arcnet" }, { 15, "frelay" },
	{ 23, "strip" }, { 24, "ieee1394" }, { 0, NULL },
};

static const struct nd_tok dhcp_msg_values[] = {
	{ 1, "Discover" }, { 2, "Offer" }, { 3, "Request" }, { 4, "Decline" }, { 5, "ACK" },
	{ 6, "NACK" }, { 7, "Release" }, { 8, "Inform" }, { 10, "LeaseQuery" },
	{ 11, "LeaseUnassigned" }, { 12, "LeaseUnknown" }, { 13, "LeaseActive" }, { 0, NULL },
};

static const struct nd_tok agent_suboption_values[] = {
	{ 1, "Circuit-ID" }, { 2, "Remote-ID" }, { 6, "Subscriber-ID" }, { 0, NULL },
};

/* Text of len bytes in quotes; a capture that ends inside it is truncation. */
static void print_quoted(struct nd *nd, const uint8_t *bp, unsigned len)
{
	nd_putc(nd, '"');
	if (nd_printn_upto(nd, bp, len)) {
		nd_putc(nd, '"');
		nd_trunc_longjmp(nd);
	}
	nd_putc(nd, '"');
}

static const char *tag_name(unsigned tag)
{
	for (const struct nd_tok *t = tag2str; t->s; t++)
		if (t->v == tag)
			return t->s;
	return "?Unknown";
}

static void print_fqdn(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned flags;

	if (len < 3) {
		nd_puts(nd, "[ERROR: length < 3 bytes]");
		return;
	}
	flags = GET_U_1(bp);
	if (flags & 0xf0)
		nd_printf(nd, "[ERROR: MBZ nibble 0x%x != 0] ", (flags & 0xf0) >> 4);
	if (flags & 0x0f)
		nd_printf(nd, "[%s%s%s%s] ", flags & 1 ? "S" : "", flags & 2 ? "O" : "",
			  flags & 4 ? "E" : "", flags & 8 ? "N" : "");
	if (GET_U_1(bp + 1) || GET_U_1(bp + 2))
		nd_printf(nd, "%u/%u ", GET_U_1(bp + 1), GET_U_1(bp + 2));
	print_quoted(nd, bp + 3, len - 3);
}

static void print_client_id(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned type;
	char buf[32];

	if (len < 1) {
		nd_puts(nd, "[ERROR: length < 1 bytes]");
		return;
	}
	type = GET_U_1(bp);
	if (type == 0) {
		print_quoted(nd, bp + 1, len - 1);
		return;
	}
	nd_puts(nd, nd_tok2str(arp2str, "hardware-type %u,", type, buf, sizeof(buf)));
	nd_putc(nd, ' ');
	for (unsigned i = 1; i < len; i++)
		nd_printf(nd, i > 1 ? ":%02x" : "%02x", GET_U_1(bp + i));
}

/* RFC 3046 relay agent sub-options; returns the odd byte left over, if any. */
static unsigned print_agent(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned subopt, sublen;
	char buf[32];

	while (len >= 2) {
		subopt = GET_U_1(bp);
		sublen = GET_U_1(bp + 1);
		bp += 2;
		len -= 2;
		nd_printf(nd, "\n\t      %s SubOption %u, length %u:",
			  nd_tok2str(agent_suboption_values, "Unknown", subopt, buf, sizeof(buf)),
			  subopt, sublen);
		if (sublen > len) {
			nd_puts(nd, " length goes past end of option");
			return 0;
		}
		nd_putc(nd, ' ');
		if (subopt == 1 || subopt == 2 || subopt == 6) {
			if (nd_printn_upto(nd, bp, sublen))
				nd_trunc_longjmp(nd);
		} else {
			nd_print_unknown_data(nd, bp, "\n\t\t", sublen);
		}
		len -= sublen;
		bp += sublen;
	}
	return len;
}

/* RFC 3442: a mask width, the significant octets of the destination, then the router. */
static void print_classless(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned width, octets, i;
	int first = 1;

	if (len < 5) {
		nd_puts(nd, "[ERROR: length < 5 bytes]");
		return;
	}
	while (len > 0) {
		if (!first)
			nd_putc(nd, ',');
		first = 0;
		width = GET_U_1(bp);
		bp++;
		len--;
		if (width > 32) {
			nd_printf(nd, "[ERROR: Mask width (%u) > 32]", width);
			return;
		}
		octets = (width + 7) / 8;
		if (len < octets + 4) {
			nd_printf(nd, "[ERROR: Remaining length (%u) < %u bytes]", len, octets + 4);
			return;
		}
		nd_putc(nd, '(');
		if (width == 0) {
			nd_puts(nd, "default");
		} else {
			for (i = 0; i < octets; i++, bp++)
				nd_printf(nd, i ? ".%u" : "%u", GET_U_1(bp));
			for (; i < 4; i++)
				nd_puts(nd, ".0");
			nd_printf(nd, "/%u", width);
		}
		nd_printf(nd, ":%s)", nd_ipaddr_string(nd, bp));
		bp += 4;
		len -= octets + 4;
	}
}

static void print_user_class(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned n = 1, sublen;

	if (len < 2) {
		nd_puts(nd, "[ERROR: length < 2 bytes]");
		return;
	}
	while (len > 0) {
		sublen = GET_U_1(bp);
		bp++;
		len--;
		nd_printf(nd, "\n\t      instance#%u: ", n);
		if (sublen == 0) {
			nd_puts(nd, "[ERROR: suboption length must be non-zero]");
			return;
		}
		if (len < sublen) {
			nd_puts(nd, "[ERROR: invalid option]");
			return;
		}
		print_quoted(nd, bp, sublen);
		nd_printf(nd, ", length %u", sublen);
		n++;
		len -= sublen;
		bp += sublen;
	}
}

/*
 * The options that have a format of their own. Returns how many bytes of
 * the option are left over (printed as trailing data by the caller).
 */
static unsigned print_special(struct nd *nd, unsigned tag, const uint8_t *bp, unsigned len)
{
	char buf[32];

	switch (tag) {
	case TAG_NETBIOS_NODE:
	case TAG_OPT_OVERLOAD:
		if (len < 1) {
			nd_puts(nd, "[ERROR: length < 1 bytes]");
			return 0;
		}
		nd_puts(nd, nd_tok2str(tag == TAG_OPT_OVERLOAD ? oo2str : nbo2str, NULL,
				       GET_U_1(bp), buf, sizeof(buf)));
		return len - 1;
	case TAG_CLIENT_FQDN:
		print_fqdn(nd, bp, len);
		return 0;
	case TAG_CLIENT_ID:
		print_client_id(nd, bp, len);
		return 0;
	case TAG_AGENT_CIRCUIT:
		return print_agent(nd, bp, len);
	case TAG_CLASSLESS_STATIC_RT:
	case TAG_CLASSLESS_STA_RT_MS:
		print_classless(nd, bp, len);
		return 0;
	case TAG_USER_CLASS:
		print_user_class(nd, bp, len);
		return 0;
	}
	nd_printf(nd, "[unknown special tag %u, size %u]", tag, len);
	return 0;
}

/* The fixed-size formats; returns the bytes of the option left over. */
static unsigned print_data(struct nd *nd, char c, const uint8_t *bp, unsigned len)
{
	int first = 1;
	unsigned v;

	switch (c) {
	case 'a':
		print_quoted(nd, bp, len);
		return 0;
	case 'i':
	case 'l':
	case 'L':
		for (; len >= 4; len -= 4, bp += 4, first = 0) {
			if (!first)
				nd_putc(nd, ',');
			if (c == 'i')
				nd_puts(nd, nd_ipaddr_string(nd, bp));
			else if (c == 'L')
				nd_printf(nd, "%d", (int32_t)GET_BE_U_4(bp));
			else
				nd_putu(nd, GET_BE_U_4(bp));
		}
		return len;
	case 'p':
		for (; len >= 8; len -= 8, bp += 8, first = 0) {
			if (!first)
				nd_putc(nd, ',');
			nd_printf(nd, "(%s:", nd_ipaddr_string(nd, bp));
			nd_printf(nd, "%s)", nd_ipaddr_string(nd, bp + 4));
		}
		return len;
	case 's':
		for (; len >= 2; len -= 2, bp += 2, first = 0) {
			if (!first)
				nd_putc(nd, ',');
			nd_putu(nd, GET_BE_U_2(bp));
		}
		return len;
	case 'B':
		for (; len > 0; len--, bp++, first = 0) {
			if (!first)
				nd_putc(nd, ',');
			v = GET_U_1(bp);
			if (v == 0)
				nd_putc(nd, 'N');
			else if (v == 1)
				nd_putc(nd, 'Y');
			else
				nd_printf(nd, "%u?", v);
		}
		return 0;
	}
	for (; len > 0; len--, bp++, first = 0) {
		if (!first)
			nd_putc(nd, c == 'x' ? ':' : '.');
		if (c == 'x')
			nd_printf(nd, "%02x", GET_U_1(bp));
		else
			nd_putu(nd, GET_U_1(bp));
	}
	return 0;
}

static void print_param_request(struct nd *nd, const uint8_t *bp, unsigned len)
{
	for (unsigned i = 0; i < len; i++) {
		unsigned tag = GET_U_1(bp + i);

		nd_puts(nd, i % 4 == 0 ? "\n\t      " : ", ");
		nd_printf(nd, "%s (%u)", tag_name(tag) + 1, tag);
	}
}

/* The options after the magic cookie, up to END or the end of the capture. */
static void rfc1048_print(struct nd *nd, const uint8_t *bp)
{
	unsigned tag, len, left, ntag;
	const char *name;
	char buf[32];
	char c;

	nd_puts(nd, "\n\t  Vendor-rfc1048 Extensions");
	nd_printf(nd, "\n\t    Magic Cookie 0x%08x", GET_BE_U_4(bp));
	bp += 4;
	while (ND_TTEST_LEN(nd, bp, 1)) {
		tag = GET_U_1(bp);
		bp++;
		if (tag == TAG_PAD && nd->o.vflag < 3)
			continue;
		if (tag == TAG_END && nd->o.vflag < 3)
			return;
		name = tag_name(tag);
		c = *name++;
		len = 0;
		if (tag != TAG_PAD && tag != TAG_END) {
			len = GET_U_1(bp);
			bp++;
		}
		nd_printf(nd, "\n\t    %s (%u), length %u%s", name, tag, len, len > 0 ? ": " : "");
		if (tag == TAG_PAD) {
			for (ntag = 1; ND_TTEST_LEN(nd, bp, 1) && GET_U_1(bp) == TAG_PAD; bp++)
				ntag++;
			if (ntag > 1)
				nd_printf(nd, ", occurs %u", ntag);
		}
		ND_TCHECK_LEN(nd, bp, len);
		if (tag == TAG_DHCP_MESSAGE && len == 1) {
			nd_puts(nd, nd_tok2str(dhcp_msg_values, "Unknown (%u)", GET_U_1(bp), buf,
					       sizeof(buf)));
			bp++;
			continue;
		}
		if (tag == TAG_PARM_REQUEST) {
			print_param_request(nd, bp, len);
			bp += len;
			continue;
		}
		/* Unknown options print by their size. */
		if (c == '?')
			c = len & 1 ? 'b' : len & 2 ? 's' : 'l';
		if (c == '$')
			left = print_special(nd, tag, bp, len);
		else
			left = print_data(nd, c, bp, len);
		bp += len;
		if (left)
			nd_printf(nd, "\n\t  trailing data length %u", left);
	}
}

/* The CMU vendor area: addresses that are set, the subnet mask starred if not flagged valid. */
static void cmu_print(struct nd *nd, const uint8_t *bp)
{
	static const struct {
		unsigned off;
		const char *name;
	} addrs[] = {
		{ 12, "DG" }, { 8, "SM" }, { 16, "NS1" }, { 20, "NS2" },
		{ 24, "IEN1" }, { 28, "IEN2" }, { 32, "TS1" }, { 36, "TS2" },
	};
	unsigned flags;

	nd_puts(nd, " vend-cmu");
	ND_TCHECK_LEN(nd, bp + 4, 4);
	flags = GET_U_1(bp + 4);
	if (flags & ~1u)
		nd_printf(nd, " F:0x%x", flags);
	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		const uint8_t *a = bp + addrs[i].off;
		const char *name = addrs[i].name;

		if (GET_BE_U_4(a) == 0)
			continue;
		if (addrs[i].off == 8 && !(flags & 1))
			name = "SM*";
		nd_printf(nd, " %s:%s", name, nd_ipaddr_string(nd, a));
	}
}

/* A NUL-terminated name field of the fixed header, as sname "..." or file "...". */
static void print_name_field(struct nd *nd, const char *label, const uint8_t *p, unsigned size)
{
	if (!GET_U_1(p))
		return;
	nd_printf(nd, "\n\t  %s \"", label);
	if (nd_printztn(nd, p, size) == 0) {
		nd_putc(nd, '"');
		nd_trunc_longjmp(nd);
	}
	nd_putc(nd, '"');
}

static void print_addr_field(struct nd *nd, const char *label, const uint8_t *p)
{
	if (GET_BE_U_4(p))
		nd_printf(nd, "\n\t  %s %s", label, nd_ipaddr_string(nd, p));
}

void nd_bootp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned op, htype, hlen, magic;
	char buf[64];

	nd->protocol = "bootp";
	op = GET_U_1(bp + BP_OP);
	nd_puts(nd, "BOOTP/DHCP, ");
	nd_puts(nd, nd_tok2str(bootp_op_values, "unknown (0x%02x)", op, buf, sizeof(buf)));
	htype = GET_U_1(bp + BP_HTYPE);
	hlen = GET_U_1(bp + BP_HLEN);
	if (htype == 1 && hlen == MAC_ADDR_LEN && op == BOOTPREQUEST)
		nd_printf(nd, " from %s", nd_etheraddr_string(nd, bp + BP_CHADDR));
	nd_printf(nd, ", length %u", length);
	if (!nd->o.vflag)
		return;
	ND_TCHECK_LEN(nd, bp + BP_SECS, 2);
	if (htype != 1)
		nd_printf(nd, ", htype %u", htype);
	if (htype != 1 || hlen != MAC_ADDR_LEN)
		nd_printf(nd, ", hlen %u", hlen);
	if (GET_U_1(bp + BP_HOPS))
		nd_printf(nd, ", hops %u", GET_U_1(bp + BP_HOPS));
	if (GET_BE_U_4(bp + BP_XID))
		nd_printf(nd, ", xid 0x%x", GET_BE_U_4(bp + BP_XID));
	if (GET_BE_U_2(bp + BP_SECS))
		nd_printf(nd, ", secs %u", GET_BE_U_2(bp + BP_SECS));
	nd_printf(nd, ", Flags [%s]", nd_bittok2str(bootp_flag_values, "none",
						     GET_BE_U_2(bp + BP_FLAGS), ", ", buf,
						     sizeof(buf)));
	if (nd->o.vflag > 1)
		nd_printf(nd, " (0x%04x)", GET_BE_U_2(bp + BP_FLAGS));
	print_addr_field(nd, "Client-IP", bp + BP_CIADDR);
	print_addr_field(nd, "Your-IP", bp + BP_YIADDR);
	print_addr_field(nd, "Server-IP", bp + BP_SIADDR);
	print_addr_field(nd, "Gateway-IP", bp + BP_GIADDR);
	if (htype == 1 && hlen == MAC_ADDR_LEN)
		nd_printf(nd, "\n\t  Client-Ethernet-Address %s",
			  nd_etheraddr_string(nd, bp + BP_CHADDR));
	print_name_field(nd, "sname", bp + BP_SNAME, BP_SNAME_LEN);
	print_name_field(nd, "file", bp + BP_FILE, BP_FILE_LEN);
	/* The vendor area's magic number says how to read it (RFC 1048, or CMU's "CMU\0"). */
	magic = GET_BE_U_4(bp + BP_VEND);
	if (magic == VM_RFC1048)
		rfc1048_print(nd, bp + BP_VEND);
	else if (magic == VM_CMU)
		cmu_print(nd, bp + BP_VEND);
	else if (magic)
		nd_printf(nd, "\n\t  Vendor-#0x%x", magic);
}

/* print-icmp.c: ICMP for IPv4, with the quoted datagram of errors and RFC 4884 extensions */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "print-ip.h"

#define ICMP_ECHOREPLY 0
#define ICMP_UNREACH 3
#define ICMP_SOURCEQUENCH 4
#define ICMP_REDIRECT 5
#define ICMP_ECHO 8
#define ICMP_ROUTERADVERT 9
#define ICMP_TIMXCEED 11
#define ICMP_PARAMPROB 12
#define ICMP_TSTAMP 13
#define ICMP_TSTAMPREPLY 14
#define ICMP_MASKREPLY 18

/* Where the quoted datagram's fields sit, counted from the ICMP header. */
#define OIP 8
#define OIP_DST (OIP + 16)

/* An extension header starts 128 bytes into the quote (RFC 4884). */
#define ICMP_EXTD_MINLEN (156 - 20)
#define ICMP_EXT_STRUCT_LEN 141

static const struct nd_tok icmp2str[] = {
	{ 0, "echo reply" }, { 4, "source quench" }, { 8, "echo request" },
	{ 10, "router solicitation" }, { 13, "time stamp request" }, { 14, "time stamp reply" },
	{ 15, "information request" }, { 16, "information reply" },
	{ 17, "address mask request" }, { 0, NULL },
};

/* Unreachable codes that only name the quoted destination; %s is that address. */
static const struct nd_tok unreach2str[] = {
	{ 0, "net %s unreachable" },
	{ 1, "host %s unreachable" },
	{ 5, "%s unreachable - source route failed" },
	{ 6, "net %s unreachable - unknown" },
	{ 7, "host %s unreachable - unknown" },
	{ 8, "%s unreachable - source host isolated" },
	{ 9, "net %s unreachable - admin prohibited" },
	{ 10, "host %s unreachable - admin prohibited" },
	{ 11, "net %s unreachable - tos prohibited" },
	{ 12, "host %s unreachable - tos prohibited" },
	{ 13, "host %s unreachable - admin prohibited filter" },
	{ 14, "host %s unreachable - host precedence violation" },
	{ 15, "host %s unreachable - precedence cutoff" },
	{ 0, NULL },
};

static const struct nd_tok redirect2str[] = {
	{ 0, "redirect %s to net %s" },
	{ 1, "redirect %s to host %s" },
	{ 2, "redirect-tos %s to net %s" },
	{ 3, "redirect-tos %s to host %s" },
	{ 0, NULL },
};

static const struct nd_tok ext_obj_values[] = {
	{ 1, "MPLS Stack Entry" }, { 2, "Interface Identification" }, { 0, NULL },
};

static int is_errtype(unsigned t)
{
	return t == ICMP_UNREACH || t == ICMP_SOURCEQUENCH || t == ICMP_REDIRECT ||
	       t == ICMP_TIMXCEED || t == ICMP_PARAMPROB;
}

static int is_multipart_type(unsigned t)
{
	return t == ICMP_UNREACH || t == ICMP_TIMXCEED || t == ICMP_PARAMPROB;
}

/* Milliseconds since midnight UTC, as hh:mm:ss.mmm. */
static const char *tstamp_str(uint32_t ms, char *buf, size_t len)
{
	unsigned sec = ms / 1000, min = sec / 60, hrs = min / 60;

	snprintf(buf, len, "%02u:%02u:%02u.%03u", hrs, min % 60, sec % 60, ms % 1000);
	return buf;
}

/* The tok formats carry %s placeholders: they are tcpdump's own wording. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void unreach_str(struct nd *nd, const uint8_t *bp, unsigned code, char *buf, size_t len)
{
	const char *dst, *fmt = NULL;

	switch (code) {
	case 2:
		dst = nd_ipaddr_string(nd, bp + OIP_DST);
		snprintf(buf, len, "%s protocol %u unreachable", dst, GET_U_1(bp + OIP + 9));
		return;
	case 3: {
		unsigned hlen, dport, proto;

		if (!ND_TTEST_LEN(nd, bp + OIP + 9, 1)) {
			nd_print_trunc(nd);
			buf[0] = 0;
			return;
		}
		hlen = (GET_U_1(bp + OIP) & 0x0f) * 4;
		dport = GET_BE_U_2(bp + OIP + hlen + 2);
		proto = GET_U_1(bp + OIP + 9);
		dst = nd_ipaddr_string(nd, bp + OIP_DST);
		if (proto == 6)
			snprintf(buf, len, "%s tcp port %s unreachable", dst,
				 nd_tcpport_string(nd, (uint16_t)dport));
		else if (proto == 17)
			snprintf(buf, len, "%s udp port %s unreachable", dst,
				 nd_udpport_string(nd, (uint16_t)dport));
		else
			snprintf(buf, len, "%s protocol %u port %u unreachable", dst, proto, dport);
		return;
	}
	case 4: {
		unsigned mtu = GET_BE_U_2(bp + 6);

		dst = nd_ipaddr_string(nd, bp + OIP_DST);
		if (mtu)
			snprintf(buf, len, "%s unreachable - need to frag (mtu %u)", dst, mtu);
		else
			snprintf(buf, len, "%s unreachable - need to frag", dst);
		return;
	}
	default:
		for (const struct nd_tok *t = unreach2str; t->s; t++)
			if (t->v == code)
				fmt = t->s;
		dst = nd_ipaddr_string(nd, bp + OIP_DST);
		if (fmt)
			snprintf(buf, len, fmt, dst);
		else
			snprintf(buf, len, "%s unreachable - #%u", dst, code);
		return;
	}
}

static void redirect_str(struct nd *nd, const uint8_t *bp, unsigned code, char *buf, size_t len)
{
	const char *dst = nd_ipaddr_string(nd, bp + OIP_DST);
	const char *gw = nd_ipaddr_string(nd, bp + 4);

	for (const struct nd_tok *t = redirect2str; t->s; t++) {
		if (t->v == code) {
			snprintf(buf, len, t->s, dst, gw);
			return;
		}
	}
	snprintf(buf, len, "redirect-#%u %s to %s", code, dst, gw);
}
#pragma GCC diagnostic pop

/* Returns -1 if an advertised router entry is cut short by the capture. */
static int routeradvert_str(struct nd *nd, const uint8_t *bp, char *buf, size_t len)
{
	unsigned lifetime, num, size;
	size_t n;

	if (!ND_TTEST_LEN(nd, bp + 4, 4))
		return -1;
	lifetime = GET_BE_U_2(bp + 6);
	if (lifetime < 60)
		n = (size_t)snprintf(buf, len, "router advertisement lifetime %u", lifetime);
	else if (lifetime < 3600)
		n = (size_t)snprintf(buf, len, "router advertisement lifetime %u:%02u",
				     lifetime / 60, lifetime % 60);
	else
		n = (size_t)snprintf(buf, len, "router advertisement lifetime %u:%02u:%02u",
				     lifetime / 3600, lifetime % 3600 / 60, lifetime % 60);
	num = GET_U_1(bp + 4);
	n += (size_t)snprintf(buf + n, len - n, " %u:", num);
	size = GET_U_1(bp + 5);
	if (size != 2) {
		snprintf(buf + n, len - n, " [size %u]", size);
		return 0;
	}
	for (const uint8_t *e = bp + 8; num > 0; num--, e += 8) {
		if (!ND_TTEST_LEN(nd, e, 8))
			return -1;
		if (n < len)
			n += (size_t)snprintf(buf + n, len - n, " {%s %u}", nd_ipaddr_string(nd, e),
					      GET_BE_U_4(e + 4));
	}
	return 0;
}

/* RFC 4884 multi-part extensions (MPLS label stacks and the like) after the quote. */
static void ext_print(struct nd *nd, const uint8_t *bp, unsigned plen)
{
	const uint8_t *ext = bp + ICMP_EXTD_MINLEN, *obj;
	unsigned hlen, ver;
	char buf[32];

	if (!ND_TTEST_LEN(nd, bp, ICMP_EXT_STRUCT_LEN)) {
		nd_print_trunc(nd);
		return;
	}
	/* Not every sender fills in the length: then only a good checksum shows there is one. */
	if (GET_U_1(bp + 5) == 0 && ND_TTEST_LEN(nd, ext, plen - ICMP_EXTD_MINLEN)) {
		struct nd_cksum_vec vec = { ext, plen - ICMP_EXTD_MINLEN };

		if (nd_in_cksum(&vec, 1))
			return;
	}
	ver = GET_U_1(ext) >> 4;
	nd_printf(nd, "\n\tICMP Multi-Part extension v%u", ver);
	if (ver != 2) {
		nd_puts(nd, " packet not supported");
		return;
	}
	hlen = plen - ICMP_EXTD_MINLEN;
	if (ND_TTEST_LEN(nd, ext, hlen)) {
		struct nd_cksum_vec vec = { ext, hlen };

		nd_printf(nd, ", checksum 0x%04x (%scorrect), length %u", GET_BE_U_2(ext + 2),
			  nd_in_cksum(&vec, 1) ? "in" : "", hlen);
	}
	hlen -= 4;
	obj = ext + 4;
	while (hlen > 4) {
		unsigned obj_tlen, cls, ctype;

		if (!ND_TTEST_LEN(nd, obj, 4)) {
			nd_print_trunc(nd);
			return;
		}
		obj_tlen = GET_BE_U_2(obj);
		cls = GET_U_1(obj + 2);
		ctype = GET_U_1(obj + 3);
		obj += 4;
		nd_printf(nd, "\n\t  %s Object (%u), Class-Type: %u, length %u",
			  nd_tok2str(ext_obj_values, "unknown", cls, buf, sizeof(buf)), cls, ctype,
			  obj_tlen);
		hlen -= 4;
		/* A zero class or a length short of its own header would loop for ever. */
		if (cls == 0 || obj_tlen < 4)
			return;
		obj_tlen -= 4;
		if (cls == 1 && ctype == 1) {
			uint32_t label = GET_BE_U_4(obj);

			nd_printf(nd, "\n\t    label %u, tc %u", label >> 12, (label >> 9) & 7);
			if (label & 0x100)
				nd_puts(nd, ", [S]");
			nd_printf(nd, ", ttl %u", label & 0xff);
		} else {
			nd_hex_print(nd, "\n\t    ", obj, obj_tlen);
		}
		if (hlen < obj_tlen)
			break;
		hlen -= obj_tlen;
		obj += obj_tlen;
	}
}

void nd_icmp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		   int fragmented)
{
	/* tcpdump formats into MAXHOSTNAMELEN + 100 bytes: longer adverts are cut there. */
	char buf[164], t1[16], t2[16], t3[16];
	const char *str = buf;
	unsigned type, code;

	(void)ip;
	nd->protocol = "icmp";
	type = GET_U_1(bp);
	code = GET_U_1(bp + 1);
	buf[0] = 0;
	switch (type) {
	case ICMP_ECHO:
	case ICMP_ECHOREPLY:
		snprintf(buf, sizeof(buf), "echo %s, id %u, seq %u",
			 type == ICMP_ECHO ? "request" : "reply", GET_BE_U_2(bp + 4),
			 GET_BE_U_2(bp + 6));
		break;
	case ICMP_UNREACH:
		unreach_str(nd, bp, code, buf, sizeof(buf));
		if (!buf[0])
			return;
		break;
	case ICMP_REDIRECT:
		redirect_str(nd, bp, code, buf, sizeof(buf));
		break;
	case ICMP_ROUTERADVERT:
		if (routeradvert_str(nd, bp, buf, sizeof(buf)) < 0) {
			nd_print_trunc(nd);
			return;
		}
		break;
	case ICMP_TIMXCEED:
		if (!ND_TTEST_LEN(nd, bp + OIP_DST, 4)) {
			nd_print_trunc(nd);
			return;
		}
		if (code == 0)
			str = "time exceeded in-transit";
		else if (code == 1)
			str = "ip reassembly time exceeded";
		else
			snprintf(buf, sizeof(buf), "time exceeded-#%u", code);
		break;
	case ICMP_PARAMPROB:
		if (code)
			snprintf(buf, sizeof(buf), "parameter problem - code %u", code);
		else
			snprintf(buf, sizeof(buf), "parameter problem - octet %u", GET_U_1(bp + 4));
		break;
	case ICMP_MASKREPLY:
		snprintf(buf, sizeof(buf), "address mask is 0x%08x", GET_BE_U_4(bp + 8));
		break;
	case ICMP_TSTAMP:
		snprintf(buf, sizeof(buf), "time stamp query id %u seq %u", GET_BE_U_2(bp + 4),
			 GET_BE_U_2(bp + 6));
		break;
	case ICMP_TSTAMPREPLY:
		if (!ND_TTEST_LEN(nd, bp + 16, 4)) {
			nd_print_trunc(nd);
			return;
		}
		snprintf(buf, sizeof(buf),
			 "time stamp reply id %u seq %u: org %s, recv %s, xmit %s",
			 GET_BE_U_2(bp + 4), GET_BE_U_2(bp + 6),
			 tstamp_str(GET_BE_U_4(bp + 8), t1, sizeof(t1)),
			 tstamp_str(GET_BE_U_4(bp + 12), t2, sizeof(t2)),
			 tstamp_str(GET_BE_U_4(bp + 16), t3, sizeof(t3)));
		break;
	default:
		str = nd_tok2str(icmp2str, "type-#%u", type, buf, sizeof(buf));
		break;
	}
	nd_printf(nd, "ICMP %s, length %u", str, length);

	/* A fragment holds only part of the message: its checksum cannot be checked. */
	if (nd->o.vflag && !fragmented && ND_TTEST_LEN(nd, bp, length)) {
		struct nd_cksum_vec vec = { bp, length };
		uint16_t sum = nd_in_cksum(&vec, 1);

		if (sum != 0) {
			uint16_t icmp_sum = GET_BE_U_2(bp + 2);

			nd_printf(nd, " (wrong icmp cksum %x (->%x)!)", icmp_sum,
				  nd_in_cksum_shouldbe(icmp_sum, sum));
		}
	}

	if (nd->o.vflag && is_errtype(type)) {
		const uint8_t *oip = bp + OIP, *save = nd->snapend;
		unsigned olen;

		nd_puts(nd, "\n\t");
		olen = GET_BE_U_2(oip + 2);
		/* Extensions may follow the quote: it ends where its own length says. */
		if (oip + olen < nd->snapend)
			nd->snapend = oip + olen;
		/* Read again inside the new bound, so a length under 4 is a truncation, as in tcpdump. */
		nd_ip_print(nd, oip, GET_BE_U_2(oip + 2));
		nd->snapend = save;
		nd->protocol = "icmp";
	}

	if (nd->o.vflag && length > ICMP_EXTD_MINLEN && is_multipart_type(type))
		ext_print(nd, bp, length);
}

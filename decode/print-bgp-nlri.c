/* print-bgp-nlri.c: BGP prefixes and the NLRI of every AFI/SAFI tcpdump 4.99 decodes */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "print-bgp-int.h"

/*
 * The address strings of addr.c for a local copy: they check their reads
 * against the packet, so the copy stands in for it for the call (it is
 * whole, so the check cannot fail). inet_ntop was slower, through sprintf.
 */
static const char *local_addr_string(struct nd *nd, const uint8_t *a, int v6)
{
	const uint8_t *packet = nd->packet, *snapend = nd->snapend;
	const char *str;

	nd->packet = a;
	nd->snapend = a + (v6 ? 16 : 4);
	str = v6 ? nd_ip6addr_string(nd, a) : nd_ipaddr_string(nd, a);
	nd->packet = packet;
	nd->snapend = snapend;
	return str;
}

/* A prefix's address: the captured bytes, the rest zero, the bits past plen cleared. */
static void prefix_text(struct nd *nd, const uint8_t *p, unsigned plen, int v6, char *buf,
			size_t len)
{
	uint8_t a[16] = { 0 };
	unsigned n = (plen + 7) / 8;

	ND_TCHECK_LEN(nd, p, n);
	memcpy(a, p, n);
	if (plen % 8)
		a[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	snprintf(buf, len, "%s", local_addr_string(nd, a, v6));
}

/* "ADDR/PLEN" without snprintf (prefixes are the bulk of an UPDATE). */
static void prefix_join(char *buf, size_t len, const char *a, unsigned plen)
{
	size_t n = strlen(a);
	char num[4];
	int k = 0;

	if (n + 5 > len)	/* callers' buffers always fit; cut rather than overrun */
		n = len > 5 ? len - 5 : 0;
	memcpy(buf, a, n);
	buf[n++] = '/';
	do
		num[k++] = (char)('0' + plen % 10);
	while ((plen /= 10) && k < 3);
	while (k)
		buf[n++] = num[--k];
	buf[n] = 0;
}

/* An RFC 4271 prefix: the bytes used, -1 for a prefix length too long, -2 if itemlen is short. */
static int decode_prefix(struct nd *nd, const uint8_t *p, unsigned itemlen, int v6, char *buf,
			 size_t len)
{
	unsigned plen, bytes;
	char a[64];

	if (itemlen < 1)
		return -2;
	plen = GET_U_1(p);
	if (plen > (v6 ? 128u : 32u))
		return -1;
	bytes = (plen + 7) / 8;
	if (itemlen - 1 < bytes)
		return -2;
	prefix_text(nd, p + 1, plen, v6, a, sizeof(a));
	prefix_join(buf, len, a, plen);
	return (int)(1 + bytes);
}

int nd_decode_prefix(struct nd *nd, const uint8_t *p, unsigned itemlen, int v6, char *buf,
		     size_t len)
{
	return decode_prefix(nd, p, itemlen, v6, buf, len);
}

static const char *bos_text(struct nd *nd, const uint8_t *p)
{
	return (GET_U_1(p + 3) & 1) ? "(bottom)" : "(BOGUS: Bottom of Stack NOT set!)";
}

/* RFC 3107 (label, prefix): -2 if the label is not captured, -3 if itemlen is short. */
static int decode_labeled(struct nd *nd, const uint8_t *p, unsigned itemlen, int v6, char *buf,
			  size_t len)
{
	unsigned plen, bytes;
	char a[64];

	if (!ND_TTEST_LEN(nd, p, 4))
		return -2;
	if (itemlen < 4)
		return -3;
	plen = GET_U_1(p);
	if (plen < 24 || plen - 24 > (v6 ? 128u : 32u))
		return -1;
	plen -= 24;
	bytes = (plen + 7) / 8;
	/* tcpdump checks the item's length for IPv4 only. */
	if (!v6 && itemlen - 4 < bytes)
		return -3;
	prefix_text(nd, p + 4, plen, v6, a, sizeof(a));
	snprintf(buf, len, "%s/%u, label:%u %s", a, plen, GET_BE_U_3(p + 1) >> 4, bos_text(nd, p));
	return (int)(4 + bytes);
}

/* An RFC 4364 route distinguisher as tcpdump prints it. */
void nd_bgp_rd_text(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	switch (GET_BE_U_2(p)) {
	case 0:
		snprintf(buf, len, "%u:%u (= %u.%u.%u.%u)", GET_BE_U_2(p + 2), GET_BE_U_4(p + 4),
			 GET_U_1(p + 4), GET_U_1(p + 5), GET_U_1(p + 6), GET_U_1(p + 7));
		break;
	case 1:
		snprintf(buf, len, "%u.%u.%u.%u:%u", GET_U_1(p + 2), GET_U_1(p + 3), GET_U_1(p + 4),
			 GET_U_1(p + 5), GET_BE_U_2(p + 6));
		break;
	case 2:
		snprintf(buf, len, "%u:%u (%u.%u.%u.%u:%u)", GET_BE_U_4(p + 2), GET_BE_U_2(p + 6),
			 GET_U_1(p + 2), GET_U_1(p + 3), GET_U_1(p + 4), GET_U_1(p + 5),
			 GET_BE_U_2(p + 6));
		break;
	default:
		snprintf(buf, len, "unknown RD format");
		break;
	}
}

/* RFC 4364 (label, RD, prefix); -1 for a bad prefix length. */
static int decode_labeled_vpn(struct nd *nd, const uint8_t *p, int v6, char *buf, size_t len)
{
	unsigned plen = GET_U_1(p);
	char a[64], rd[64];

	if (plen < 88 || plen - 88 > (v6 ? 128u : 32u))
		return -1;
	plen -= 88;
	prefix_text(nd, p + 12, plen, v6, a, sizeof(a));
	nd_bgp_rd_text(nd, p + 4, rd, sizeof(rd));
	snprintf(buf, len, "RD: %s, %s/%u, label:%u %s", rd, a, plen, GET_BE_U_3(p + 1) >> 4,
		 bos_text(nd, p));
	return (int)(12 + (plen + 7) / 8);
}

/*
 * Whether NLRI of length bytes look like RFC 7911 (path id, prefix) pairs:
 * an OPEN that would say so may not be in the capture, so tcpdump guesses.
 */
int nd_bgp_check_add_path(struct nd *nd, const uint8_t *p, unsigned length, unsigned maxbits)
{
	unsigned off, plen;

	if (length < 5)
		return 0;
	for (off = 0; off < length;) {
		off += 4;
		if (!ND_TTEST_LEN(nd, p + off, 1))
			break;
		plen = GET_U_1(p + off);
		if (plen > maxbits)
			return 0;
		off += 1 + (plen + 7) / 8;
	}
	if (off > length)
		return 0;
	for (off = 0; off < length;) {
		if (!ND_TTEST_LEN(nd, p + off, 1))
			break;
		plen = GET_U_1(p + off);
		if (plen < 1 || plen > maxbits)
			return 1;
		off += 1 + (plen + 7) / 8;
	}
	return off > length;
}

/* Whether tcpdump decodes this AFI/SAFI (its bgp_mp_af_print list); EVPN is not among them. */
int nd_bgp_nlri_known(unsigned afsafi)
{
	switch (afsafi) {
	case AFSAFI(AFI_IP, SAFI_UNI): case AFSAFI(AFI_IP, SAFI_MULTI):
	case AFSAFI(AFI_IP, SAFI_UNIMULTI): case AFSAFI(AFI_IP, SAFI_LABUNI):
	case AFSAFI(AFI_IP, SAFI_VPNUNI): case AFSAFI(AFI_IP, SAFI_VPNMULTI):
	case AFSAFI(AFI_IP, SAFI_VPNUNIMULTI):
	case AFSAFI(AFI_IP6, SAFI_UNI): case AFSAFI(AFI_IP6, SAFI_MULTI):
	case AFSAFI(AFI_IP6, SAFI_UNIMULTI): case AFSAFI(AFI_IP6, SAFI_LABUNI):
	case AFSAFI(AFI_IP6, SAFI_VPNUNI): case AFSAFI(AFI_IP6, SAFI_VPNMULTI):
	case AFSAFI(AFI_IP6, SAFI_VPNUNIMULTI):
	case AFSAFI(AFI_IP, SAFI_RTC): case AFSAFI(AFI_IP, SAFI_MVPN):
	case AFSAFI(AFI_IP, SAFI_MDT):
	case AFSAFI(AFI_L2VPN, SAFI_VPNUNI): case AFSAFI(AFI_L2VPN, SAFI_VPNMULTI):
	case AFSAFI(AFI_L2VPN, SAFI_VPNUNIMULTI): case AFSAFI(AFI_VPLS, SAFI_VPLS):
	case AFSAFI(AFI_NSAP, SAFI_UNI): case AFSAFI(AFI_NSAP, SAFI_MULTI):
	case AFSAFI(AFI_NSAP, SAFI_UNIMULTI): case AFSAFI(AFI_NSAP, SAFI_VPNUNI):
	case AFSAFI(AFI_NSAP, SAFI_VPNMULTI): case AFSAFI(AFI_NSAP, SAFI_VPNUNIMULTI):
		return 1;
	}
	return 0;
}


/* tcpdump's NLRI text buffer (MAXHOSTNAMELEN + 100): longer NLRI text is cut there. */
#define NLRI_BUF 164

/* Appends to a NUL-terminated buffer, cut at its size (tcpdump's strlen-and-snprintf appends). */
__attribute__((format(printf, 3, 4)))
static void bufcat(char *buf, size_t size, const char *fmt, ...)
{
	size_t off = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + off, size - off, fmt, ap);
	va_end(ap);
}

/* An address of len bits as tcpdump's bgp_vpn_ip_print writes it. */
static void vpn_ip_text(struct nd *nd, const uint8_t *p, unsigned bits, char *buf, size_t len)
{
	if (bits == 32)
		snprintf(buf, len, "%s", nd_ipaddr_string(nd, p));
	else if (bits == 128)
		snprintf(buf, len, "%s", nd_ip6addr_string(nd, p));
	else
		snprintf(buf, len, "bogus address length %u", bits);
}

/* An RFC 4684 route target prefix of plen bits (from a zero-padded copy). */
static void rt_prefix_text(const uint8_t *rt, unsigned plen, char *out, size_t len)
{
	char hex[20] = "";
	unsigned n = (plen + 7) / 8, type;
	size_t off = 0;

	if (plen == 0) {
		snprintf(out, len, "route-target: 0:0/0");
		return;
	}
	for (unsigned i = 0; i < n; i++)
		off += (size_t)snprintf(hex + off, sizeof(hex) - off, "%02x%s", rt[i],
					(i % 2 == 1 && i < n - 1) ? " " : "");
	if (plen < 16) {
		snprintf(out, len, "route-target: partial-type: (%s/%u)", hex, plen);
		return;
	}
	type = (unsigned)rt[0] << 8 | rt[1];
	if (type == 0x0002)
		snprintf(out, len, "route-target: %u:%u/%u (%s)", (unsigned)rt[2] << 8 | rt[3],
			 (uint32_t)rt[4] << 24 | (uint32_t)rt[5] << 16 | (uint32_t)rt[6] << 8 | rt[7],
			 plen, hex);
	else if (type == 0x0102)
		snprintf(out, len, "route-target: %u.%u.%u.%u:%u/%u (%s)", rt[2], rt[3], rt[4], rt[5],
			 (unsigned)rt[6] << 8 | rt[7], plen, hex);
	else if (type == 0x0202)
		snprintf(out, len, "route-target: %u:%u/%u (%s)",
			 (uint32_t)rt[2] << 24 | (uint32_t)rt[3] << 16 | (uint32_t)rt[4] << 8 | rt[5],
			 (unsigned)rt[6] << 8 | rt[7], plen, hex);
	else
		snprintf(out, len, "route target: unknown-type(%04x) (%s/%u)", type, hex, plen);
}

/* RFC 4684 route target membership NLRI: printed here; the bytes used or -1. */
static int decode_rt_routing_info(struct nd *nd, const uint8_t *p)
{
	unsigned plen = GET_U_1(p), n;
	uint8_t rt[8] = { 0 };
	uint32_t as;
	char out[61];

	if (plen == 0) {
		nd_puts(nd, "\n\t      default route target");
		return 1;
	}
	if (plen < 32 || plen - 32 > 64) {
		if (plen >= 32)
			(void)GET_BE_U_4(p + 1);
		nd_puts(nd, "\n\t      (illegal prefix length)");
		return -1;
	}
	as = GET_BE_U_4(p + 1);
	plen -= 32;
	n = (plen + 7) / 8;
	ND_TCHECK_LEN(nd, p + 5, n);
	memcpy(rt, p + 5, n);
	if (plen % 8)
		rt[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	rt_prefix_text(rt, plen, out, sizeof(out));
	nd_printf(nd, "\n\t      origin AS: %u, %s", as, out);
	return (int)(5 + n);
}

/* RFC 6037 MDT SAFI NLRI: RD, VPN address and group; -1 for another length, -2 if cut. */
static int decode_mdt(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	char rd[64];

	if (GET_U_1(p) != 128)
		return -1;
	if (!ND_TTEST_LEN(nd, p + 1, 8))
		return -2;
	nd_bgp_rd_text(nd, p + 1, rd, sizeof(rd));
	snprintf(buf, len, "RD: %s, VPN IP Address: %s, MC Group Address: %s", rd,
		 nd_ipaddr_string(nd, p + 9), nd_ipaddr_string(nd, p + 13));
	return 17;
}

static const struct nd_tok mvpn_types[] = {
	{ 1, "Intra-AS I-PMSI" }, { 2, "Inter-AS I-PMSI" }, { 3, "S-PMSI" },
	{ 4, "Intra-AS Segment-Leaf" }, { 5, "Source-Active" }, { 6, "Shared Tree Join" },
	{ 7, "Source Tree Join" }, { 0, NULL },
};

/* A multicast (S,G) of an MVPN route; the bytes tcpdump counts for it. */
static unsigned vpn_sg_text(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned total = 0;
	char a[64];

	for (int i = 0; i < 2; i++) {
		unsigned bits = GET_U_1(p);

		p++;
		if (!ND_TTEST_LEN(nd, p, bits >> 3))
			break;
		total += (bits >> 3) + 1;
		if (bits) {
			vpn_ip_text(nd, p, bits, a, sizeof(a));
			bufcat(buf, len, i ? ", Group %s" : ", Source %s", a);
			p += bits >> 3;
		}
	}
	return total;
}

/* RFC 6514 MVPN NLRI; the bytes used, or -2 if cut. */
static int decode_mvpn(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned type = GET_U_1(p), rlen = GET_U_1(p + 1), sg;
	char rd[64], a[64];

	p += 2;
	snprintf(buf, len, "Route-Type: %s (%u), length: %u", nd_bgp_tok(mvpn_types, "Unknown", type), type,
		 rlen);
	switch (type) {
	case 1:
		if (!ND_TTEST_LEN(nd, p, 8))
			return -2;
		nd_bgp_rd_text(nd, p, rd, sizeof(rd));
		vpn_ip_text(nd, p + 8, (rlen - 8u) << 3, a, sizeof(a));
		bufcat(buf, len, ", RD: %s, Originator %s", rd, a);
		break;
	case 2:
	case 6:
	case 7:
		if (!ND_TTEST_LEN(nd, p, 12))
			return -2;
		nd_bgp_rd_text(nd, p, rd, sizeof(rd));
		bufcat(buf, len, ", RD: %s, Source-AS %u", rd, GET_BE_U_4(p + 8));
		if (type != 2)
			vpn_sg_text(nd, p + 12, buf, len);
		break;
	case 3:
	case 5:
		if (!ND_TTEST_LEN(nd, p, 8))
			return -2;
		nd_bgp_rd_text(nd, p, rd, sizeof(rd));
		bufcat(buf, len, ", RD: %s", rd);
		p += 8;
		sg = vpn_sg_text(nd, p, buf, len);
		if (type == 5)
			break;
		/* tcpdump reads the originator where the (S,G) starts, its length less the (S,G)'s */
		if (!ND_TTEST_LEN(nd, p, rlen - sg))
			return -2;
		vpn_ip_text(nd, p, (rlen - sg) << 3, a, sizeof(a));
		bufcat(buf, len, ", Originator %s", a);
		break;
	}
	return (int)(rlen + 2);
}

/* tcpdump's L2VPN text writer: once a piece does not fit, nothing more is written. */
struct l2buf {
	char *p;
	size_t left;
};

__attribute__((format(printf, 2, 3)))
static void l2_add(struct l2buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->left == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p, b->left, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= b->left) {
		b->p += n < 0 ? 0 : b->left;
		b->left = 0;
	} else {
		b->p += n;
		b->left -= (size_t)n;
	}
}

/*
 * The TLVs after an old-format L2VPN NLRI, tlen bytes, as tcpdump walks
 * them (its lengths leave out the TLV headers, and an unknown TLV's value
 * is not skipped). -2 if cut.
 */
static int l2_tlvs(struct nd *nd, const uint8_t *p, unsigned tlen, struct l2buf *b)
{
	while (tlen != 0) {
		unsigned type, bits, bytes;

		if (tlen < 3) {
			l2_add(b, "\n\t\tran past the end");
			return 0;
		}
		type = GET_U_1(p);
		bits = GET_BE_U_2(p + 1);
		bytes = (bits + 7) / 8;
		p += 3;
		if (type != 1) {
			l2_add(b, "\n\t\tunknown TLV #%u, length: %u", type, bits);
			if (tlen < bytes) {
				l2_add(b, " (ran past the end)");
				return 0;
			}
			tlen -= bytes;
			continue;
		}
		l2_add(b, "\n\t\tcircuit status vector (%u) length: %u: 0x", type, bits);
		for (; bytes != 0; bytes--, tlen--) {
			if (tlen < 1) {
				l2_add(b, " (ran past the end)");
				return 0;
			}
			if (!ND_TTEST_LEN(nd, p, 1))
				return -2;
			if (b->left != 0)
				l2_add(b, "%02x", GET_U_1(p++));
		}
	}
	return 0;
}

/* RFC 4761/6074 L2VPN and VPLS NLRI; the bytes used, or -2 if cut or of an odd length. */
static int decode_l2vpn(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned plen = GET_BE_U_2(p);
	struct l2buf b = { buf, len };
	char rd[64];

	p += 2;
	buf[0] = 0;
	if (plen == 12) {
		if (!ND_TTEST_LEN(nd, p, 12))
			return -2;
		nd_bgp_rd_text(nd, p, rd, sizeof(rd));
		l2_add(&b, "RD: %s, BGPNH: %s", rd, nd_ipaddr_string(nd, p + 8));
		return (int)plen + 2;
	}
	if (plen <= 17 || !ND_TTEST_LEN(nd, p, 15))
		return -2;
	nd_bgp_rd_text(nd, p, rd, sizeof(rd));
	l2_add(&b, "RD: %s, CE-ID: %u, Label-Block Offset: %u, Label Base %u", rd,
	       GET_BE_U_2(p + 8), GET_BE_U_2(p + 10), GET_BE_U_3(p + 12) >> 4);
	if (l2_tlvs(nd, p + 15, plen - 15, &b) < 0)
		return -2;
	return (int)plen + 2;
}

/* An ISO NSAP as tcpdump's isonsap_string writes it ("47.0005.80ff..."). */
void nd_bgp_nsap_text(const uint8_t *a, unsigned n, char *buf, size_t len)
{
	size_t off = 0;

	if (n < 1 || n > 20) {
		snprintf(buf, len, "isonsap_string: illegal length");
		return;
	}
	for (unsigned i = 0; i < n && off + 4 < len; i++)
		off += (size_t)snprintf(buf + off, len - off, "%02x%s", a[i],
					(!(i & 1) && i + 1 < n) ? "." : "");
}

/*
 * A CLNP prefix: tcpdump copies the address from 4 bytes after the length
 * byte (not 1), and we print what it prints. The bytes used, or -1.
 */
static int decode_clnp_prefix(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned plen = GET_U_1(p), n;
	uint8_t a[19] = { 0 };
	char t[64];

	if (plen > 152)
		return -1;
	n = (plen + 7) / 8;
	ND_TCHECK_LEN(nd, p + 4, n);
	memcpy(a, p + 4, n);
	if (plen % 8)
		a[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	nd_bgp_nsap_text(a, n, t, sizeof(t));
	snprintf(buf, len, "%s/%u", t, plen);
	return (int)(1 + n);
}

static int decode_labeled_vpn_clnp(struct nd *nd, const uint8_t *p, char *buf, size_t len)
{
	unsigned plen = GET_U_1(p), n;
	uint8_t a[19] = { 0 };
	char t[64], rd[64];

	if (plen < 88 || plen - 88 > 152)
		return -1;
	plen -= 88;
	n = (plen + 7) / 8;
	ND_TCHECK_LEN(nd, p + 12, n);
	memcpy(a, p + 12, n);
	if (plen % 8)
		a[n - 1] &= (uint8_t)(0xff00 >> (plen % 8));
	nd_bgp_rd_text(nd, p + 4, rd, sizeof(rd));
	nd_bgp_nsap_text(a, n, t, sizeof(t));
	snprintf(buf, len, "RD: %s, %s/%u, label:%u %s", rd, t, plen, GET_BE_U_3(p + 1) >> 4,
		 bos_text(nd, p));
	return (int)(12 + n);
}

/* One unicast prefix, with its path id under add-path; what tcpdump's bgp_nlri_print returns. */
static int nlri_plain(struct nd *nd, const uint8_t *p, unsigned len, int v6, int addpath)
{
	unsigned path_id = 0;
	char buf[128];
	int adv;

	if (addpath) {
		path_id = GET_BE_U_4(p);
		p += 4;
	}
	adv = decode_prefix(nd, p, len, v6, buf, sizeof(buf));
	if (adv == -2)
		return -2;
	if (adv == -1) {
		nd_puts(nd, "\n\t    (illegal prefix length)");
	} else {
		nd_puts(nd, "\n\t      ");
		nd_puts(nd, buf);
	}
	if (addpath) {
		nd_bgp_put_num(nd, "   Path Id: ", path_id);
		adv += 4;
	}
	return adv;
}

/* The text of one decoded NLRI, or tcpdump's note for a bad length; adv is passed on. */
static int nlri_text(struct nd *nd, int adv, const char *buf)
{
	if (adv == -1)
		nd_puts(nd, "\n\t    (illegal prefix length)");
	else if (adv >= 0) {
		nd_puts(nd, "\n\t      ");
		nd_puts(nd, buf);
	}
	return adv;
}

static int nlri_print(struct nd *nd, unsigned afsafi, const uint8_t *p, unsigned len, int add4,
		      int add6)
{
	int v6 = afsafi >> 8 == AFI_IP6, adv;
	char buf[256];

	switch (afsafi) {
	case AFSAFI(AFI_IP, SAFI_RTC):
		return decode_rt_routing_info(nd, p);
	case AFSAFI(AFI_IP, SAFI_MVPN):
		return nlri_text(nd, decode_mvpn(nd, p, buf, NLRI_BUF), buf);
	case AFSAFI(AFI_IP, SAFI_MDT):
		return nlri_text(nd, decode_mdt(nd, p, buf, sizeof(buf)), buf);
	case AFSAFI(AFI_VPLS, SAFI_VPLS): case AFSAFI(AFI_L2VPN, SAFI_VPNUNI):
	case AFSAFI(AFI_L2VPN, SAFI_VPNMULTI): case AFSAFI(AFI_L2VPN, SAFI_VPNUNIMULTI):
		return nlri_text(nd, decode_l2vpn(nd, p, buf, NLRI_BUF), buf);
	case AFSAFI(AFI_NSAP, SAFI_UNI): case AFSAFI(AFI_NSAP, SAFI_MULTI):
	case AFSAFI(AFI_NSAP, SAFI_UNIMULTI):
		return nlri_text(nd, decode_clnp_prefix(nd, p, buf, sizeof(buf)), buf);
	case AFSAFI(AFI_NSAP, SAFI_VPNUNI): case AFSAFI(AFI_NSAP, SAFI_VPNMULTI):
	case AFSAFI(AFI_NSAP, SAFI_VPNUNIMULTI):
		return nlri_text(nd, decode_labeled_vpn_clnp(nd, p, buf, sizeof(buf)), buf);
	}
	switch (afsafi & 0xff) {
	case SAFI_UNI:
	case SAFI_MULTI:
	case SAFI_UNIMULTI:
		return nlri_plain(nd, p, len, v6, v6 ? add6 : add4);
	case SAFI_LABUNI:
		adv = decode_labeled(nd, p, len, v6, buf, sizeof(buf));
		break;
	default:
		adv = decode_labeled_vpn(nd, p, v6, buf, sizeof(buf));
		break;
	}
	return nlri_text(nd, adv, buf);
}

/* The NLRI of MP_REACH/MP_UNREACH from p to the attribute's end; 0 if truncated. */
int nd_bgp_mp_nlri_print(struct nd *nd, unsigned afsafi, const uint8_t *p, const uint8_t *attr,
			 unsigned len)
{
	unsigned left = len - (unsigned)(p - attr);
	int add4 = nd_bgp_check_add_path(nd, p, left, 32), add6 = nd_bgp_check_add_path(nd, p, left, 128);

	while (p < attr + len) {
		int adv = nlri_print(nd, afsafi, p, len, add4, add6);

		if (adv == -2)
			return 0;
		if (adv < 0)
			break;
		p += adv;
	}
	return 1;
}

/* print-ospf.c: OSPFv2 (RFC 2328): the header, Hello, DD, LS requests, updates with LSAs, acks */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ospf.h"

#define OSPF_HDRLEN 24
#define LSA_HDRLEN 20
#define AUTH_MD5 2
#define AUTH_MD5_LEN 16
#define OPTION_L 0x10

static const struct nd_tok options[] = {
	{ 0x01, "MultiTopology" }, { 0x02, "External" }, { 0x04, "Multicast" },
	{ 0x08, "NSSA" },	   { 0x10, "LLS" },	 { 0x20, "Demand Circuit" },
	{ 0x40, "Opaque" },	   { 0x80, "Up/Down" },	 { 0, NULL },
};

static const struct nd_tok auth_types[] = {
	{ 0, "none" }, { 1, "simple" }, { 2, "MD5" }, { 0, NULL },
};

static const struct nd_tok router_flags[] = {
	{ 0x01, "ABR" }, { 0x02, "ASBR" }, { 0x04, "Virtual" }, { 0x08, "Wildcard" },
	{ 0x10, "Nt" },	 { 0x80, "Host" }, { 0, NULL },
};

static const struct nd_tok packet_types[] = {
	{ 1, "Hello" }, { 2, "Database Description" }, { 3, "LS-Request" }, { 4, "LS-Update" },
	{ 5, "LS-Ack" }, { 0, NULL },
};

static const struct nd_tok lsa_types[] = {
	{ 1, "Router" },	     { 2, "Network" },		  { 3, "Summary" },
	{ 4, "ASBR Summary" },	     { 5, "External" },		  { 6, "Multicast Group" },
	{ 7, "NSSA" },		     { 9, "Link Local Opaque" },  { 10, "Area Local Opaque" },
	{ 11, "Domain Wide Opaque" }, { 0, NULL },
};

static const struct nd_tok dd_flags[] = {
	{ 0x04, "Init" }, { 0x02, "More" }, { 0x01, "Master" }, { 0x08, "OOBResync" }, { 0, NULL },
};

static const struct nd_tok opaque_types[] = {
	{ 1, "Traffic Engineering" }, { 3, "Graceful restart" }, { 4, "Router Information" },
	{ 0, NULL },
};

static const struct nd_tok grace_tlvs[] = {
	{ 1, "Grace Period" }, { 2, "Graceful restart Reason" }, { 3, "IPv4 interface address" },
	{ 0, NULL },
};

static const struct nd_tok grace_reasons[] = {
	{ 0, "Unknown" }, { 1, "Software Restart" }, { 2, "Software Reload/Upgrade" },
	{ 3, "Control Processor Switch" }, { 0, NULL },
};

static const struct nd_tok ri_tlvs[] = {
	{ 1, "Router Capabilities" }, { 0, NULL },
};

static const struct nd_tok ri_caps[] = {
	{ 1, "Reserved" }, { 2, "Reserved" }, { 4, "Reserved" }, { 8, "Reserved" },
	{ 16, "graceful restart capable" }, { 32, "graceful restart helper" },
	{ 64, "Stub router support" }, { 128, "Traffic engineering" }, { 256, "p2p over LAN" },
	{ 512, "path computation server" }, { 0, NULL },
};

static const struct nd_tok topologies[] = {
	{ 0, "default" }, { 1, "multicast" }, { 2, "management" }, { 0, NULL },
};

static const struct nd_tok lls_tlvs[] = {
	{ 1, "Extended Options" }, { 2, "MD5 Authentication" }, { 0, NULL },
};

static const struct nd_tok lls_eo_options[] = {
	{ 0x00000001, "LSDB resync" }, { 0x00000002, "Restart" }, { 0, NULL },
};

static const char *tok(const struct nd_tok *t, const char *dflt, unsigned v, char *buf,
		       size_t len)
{
	return nd_tok2str(t, dflt, v, buf, len);
}

static const char *bits(const struct nd_tok *t, const char *none, unsigned v, char *buf,
			size_t len)
{
	return nd_bittok2str(t, none, v, ", ", buf, len);
}

/* The address is read first: if it was cut off, "before" must not have been printed. */
static void ipaddr(struct nd *nd, const char *before, const uint8_t *p)
{
	const char *s = nd_ipaddr_string(nd, p);

	nd_puts(nd, before);
	nd_puts(nd, s);
}

/* One LSA header; returns the LSA's length, or -1 if that is shorter than the header. */
static int lshdr_print(struct nd *nd, const uint8_t *lsh)
{
	unsigned len = GET_BE_U_2(lsh + 18), type;
	char b1[64], b2[64];

	if (len < LSA_HDRLEN) {
		nd_printf(nd, "\n\t    Bogus length %u < header (%u)", len, LSA_HDRLEN);
		return -1;
	}
	ipaddr(nd, "\n\t  Advertising Router ", lsh + 8);
	nd_printf(nd, ", seq 0x%08x, age %us, length %u", GET_BE_U_4(lsh + 12),
		  GET_BE_U_2(lsh), len - LSA_HDRLEN);
	type = GET_U_1(lsh + 3);
	if (type >= 9 && type <= 11) {
		nd_printf(nd, "\n\t    %s LSA (%u), Opaque-Type %s LSA (%u), Opaque-ID %u",
			  tok(lsa_types, "unknown", type, b1, sizeof(b1)), type,
			  tok(opaque_types, "unknown", GET_U_1(lsh + 4), b2, sizeof(b2)),
			  GET_U_1(lsh + 4), GET_BE_U_3(lsh + 5));
	} else {
		nd_printf(nd, "\n\t    %s LSA (%u), LSA-ID: ",
			  tok(lsa_types, "unknown", type, b1, sizeof(b1)), type);
		nd_puts(nd, nd_ipaddr_string(nd, lsh + 4));
	}
	nd_printf(nd, "\n\t    Options: [%s]",
		  bits(options, "none", GET_U_1(lsh + 2), b1, sizeof(b1)));
	return (int)len;
}

/* A router link's metrics: the link's own for the default topology, then one per TOS. */
static void tos_metrics_print(struct nd *nd, const uint8_t *tos)
{
	unsigned count = GET_U_1(tos + 1) + 1;
	char buf[32];

	for (unsigned n = 0; n < count; n++, tos += 4) {
		unsigned type = n ? GET_U_1(tos) : 0;

		nd_printf(nd, "\n\t\ttopology %s (%u), metric %u",
			  tok(topologies, "Unknown", type, buf, sizeof(buf)), type,
			  GET_BE_U_2(tos + 2));
	}
}

/* Returns -1 at a link type it does not know, where tcpdump stops printing the LSA. */
static int router_lsa_print(struct nd *nd, const uint8_t *body)
{
	const uint8_t *rl = body + 4;
	unsigned count;
	char buf[64];

	nd_printf(nd, "\n\t    Router LSA Options: [%s]",
		  bits(router_flags, "none", GET_U_1(body), buf, sizeof(buf)));
	count = GET_BE_U_2(body + 2);
	ND_TCHECK_LEN(nd, rl, 12);
	for (; count != 0; count--) {
		static const char *const what[][2] = {
			{ NULL, NULL },
			{ "Neighbor Router-ID: ", ", Interface Address: " },
			{ "Neighbor Network-ID: ", ", Interface Address: " },
			{ "Stub Network: ", ", Mask: " },
			{ "Virtual Link: Neighbor Router-ID: ", ", Interface Address: " },
		};
		unsigned type;

		ND_TCHECK_LEN(nd, rl, 12);
		type = GET_U_1(rl + 8);
		if (type < 1 || type > 4) {
			nd_printf(nd, "\n\t      Unknown Router Link Type (%u)", type);
			return -1;
		}
		nd_puts(nd, "\n\t      ");
		nd_puts(nd, what[type][0]);
		nd_puts(nd, nd_ipaddr_string(nd, rl));
		nd_puts(nd, what[type][1]);
		nd_puts(nd, nd_ipaddr_string(nd, rl + 4));
		tos_metrics_print(nd, rl + 8);
		rl += 12 + GET_U_1(rl + 9) * 4;
	}
	return 0;
}

static void summary_metrics_print(struct nd *nd, const uint8_t *lp, const uint8_t *end)
{
	char buf[32];

	for (; lp < end; lp += 4) {
		uint32_t ul = GET_BE_U_4(lp);
		unsigned topo = (ul & 0x7f000000) >> 24;

		nd_printf(nd, "\n\t\ttopology %s (%u) metric %u",
			  tok(topologies, "Unknown", topo, buf, sizeof(buf)), topo, ul & 0x00ffffff);
	}
}

static void external_lsa_print(struct nd *nd, const uint8_t *body, const uint8_t *end)
{
	char buf[32];

	ND_TCHECK_LEN(nd, body, 4);
	ipaddr(nd, "\n\t    Mask ", body);
	ND_TCHECK_LEN(nd, body + 4, 4);
	for (const uint8_t *m = body + 4; m < end; m += 12) {
		uint32_t ul = GET_BE_U_4(m);
		unsigned topo = (ul & 0x7f000000) >> 24;

		nd_printf(nd, "\n\t\ttopology %s (%u), type %u, metric",
			  tok(topologies, "Unknown", topo, buf, sizeof(buf)), topo,
			  (ul & 0x80000000) ? 2 : 1);
		if ((ul & 0x00ffffff) == 0xffffff)
			nd_puts(nd, " infinite");
		else
			nd_printf(nd, " %u", ul & 0x00ffffff);
		if (GET_BE_U_4(m + 4) != 0)
			ipaddr(nd, ", forward ", m + 4);
		if (GET_BE_U_4(m + 8) != 0)
			ipaddr(nd, ", tag ", m + 8);
	}
}

/* Graceful restart TLVs; -1 to stop printing the LSA. */
static int grace_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	char buf[64];

	while (len > 0) {
		unsigned type, tlen;

		if (!ND_TTEST_LEN(nd, tp, 4))
			return -1;
		if (len < 4) {
			nd_printf(nd, "\n\t    Remaining LS length %u < 4", len);
			return -1;
		}
		type = GET_BE_U_2(tp);
		tlen = GET_BE_U_2(tp + 2);
		tp += 4;
		len -= 4;
		nd_printf(nd, "\n\t    %s TLV (%u), length %u, value: ",
			  tok(grace_tlvs, "unknown", type, buf, sizeof(buf)), type, tlen);
		if (tlen > len) {
			nd_printf(nd, "\n\t    Bogus length %u > %u", tlen, len);
			return -1;
		}
		if (type == 0 || tlen == 0)
			return -1;
		if (!ND_TTEST_LEN(nd, tp, tlen))
			return -1;
		switch (type) {
		case 1:
			if (tlen != 4) {
				nd_printf(nd, "\n\t    Bogus length %u != 4", tlen);
				return -1;
			}
			nd_printf(nd, "%us", GET_BE_U_4(tp));
			break;
		case 2:
			if (tlen != 1) {
				nd_printf(nd, "\n\t    Bogus length %u != 1", tlen);
				return -1;
			}
			nd_printf(nd, "%s (%u)",
				  tok(grace_reasons, "Unknown", GET_U_1(tp), buf, sizeof(buf)),
				  GET_U_1(tp));
			break;
		case 3:
			if (tlen != 4) {
				nd_printf(nd, "\n\t    Bogus length %u != 4", tlen);
				return -1;
			}
			nd_puts(nd, nd_ipaddr_string(nd, tp));
			break;
		default:
			if (nd->o.vflag <= 1 && !nd_print_unknown_data(nd, tp, "\n\t      ", tlen))
				return -1;
			break;
		}
		/* TLVs are padded to 32 bits. */
		if (tlen % 4)
			tlen += 4 - tlen % 4;
		len -= tlen;
		tp += tlen;
	}
	return 0;
}

/* Router Information TLVs; -1 to stop printing the LSA. */
static int ri_print(struct nd *nd, const uint8_t *tp, unsigned len)
{
	char buf[256];

	while (len != 0) {
		unsigned type, tlen;

		ND_TCHECK_LEN(nd, tp, 4);
		if (len < 4) {
			nd_printf(nd, "\n\t    Remaining LS length %u < 4", len);
			return -1;
		}
		type = GET_BE_U_2(tp);
		tlen = GET_BE_U_2(tp + 2);
		tp += 4;
		len -= 4;
		nd_printf(nd, "\n\t    %s TLV (%u), length: %u, value: ",
			  tok(ri_tlvs, "unknown", type, buf, sizeof(buf)), type, tlen);
		if (tlen > len) {
			nd_printf(nd, "\n\t    Bogus length %u > remaining LS length %u", tlen, len);
			return -1;
		}
		ND_TCHECK_LEN(nd, tp, tlen);
		if (type == 1) {
			if (tlen != 4) {
				nd_printf(nd, "\n\t    Bogus length %u != 4", tlen);
				return -1;
			}
			nd_printf(nd, "Capabilities: %s",
				  bits(ri_caps, "Unknown", GET_BE_U_4(tp), buf, sizeof(buf)));
		} else if (nd->o.vflag <= 1 && !nd_print_unknown_data(nd, tp, "\n\t      ", tlen)) {
			return -1;
		}
		tp += tlen;
		len -= tlen;
	}
	return 0;
}

/* One whole LSA; returns what follows it (its length may lie). */
static const uint8_t *lsa_print(struct nd *nd, const uint8_t *lsa)
{
	const uint8_t *body = lsa + LSA_HDRLEN, *end;
	int ret = lshdr_print(nd, lsa);
	unsigned len;

	if (ret < 0)
		nd_trunc_longjmp(nd);
	end = lsa + ret;
	len = (unsigned)ret - LSA_HDRLEN;
	switch (GET_U_1(lsa + 3)) {
	case 1:
		if (router_lsa_print(nd, body) < 0)
			return end;
		break;
	case 2:
		ipaddr(nd, "\n\t    Mask ", body);
		nd_puts(nd, "\n\t    Connected Routers:");
		for (const uint8_t *ap = body + 4; ap < end; ap += 4)
			ipaddr(nd, "\n\t      ", ap);
		break;
	case 3:
		ND_TCHECK_LEN(nd, body, 4);
		ipaddr(nd, "\n\t    Mask ", body);
		ND_TCHECK_LEN(nd, body + 4, 4);
		summary_metrics_print(nd, body + 4, end);
		break;
	case 4:
		ND_TCHECK_LEN(nd, body + 4, 4);
		summary_metrics_print(nd, body + 4, end);
		break;
	case 5:
	case 7:
		external_lsa_print(nd, body, end);
		break;
	case 6:
		for (const uint8_t *mc = body; mc < end; mc += 8) {
			unsigned vtype = GET_BE_U_4(mc);

			if (vtype == 1)
				ipaddr(nd, "\n\t    Router Router-ID ", mc + 4);
			else if (vtype == 2)
				ipaddr(nd, "\n\t    Network Designated Router ", mc + 4);
			else
				nd_printf(nd, "\n\t    unknown VertexType (%u)", vtype);
		}
		break;
	case 9:
	case 10:
	case 11:
		switch (GET_U_1(lsa + 4)) {
		case 4:
			if (ri_print(nd, body, len) < 0)
				return end;
			break;
		case 3:
			if (grace_print(nd, body, len) < 0)
				return end;
			break;
		case 1:
			if (nd_ospf_te_print(nd, body, len) < 0)
				return end;
			break;
		default:
			if (nd->o.vflag <= 1 && !nd_print_unknown_data(nd, body, "\n\t    ", len))
				return end;
			break;
		}
		break;
	}
	if (nd->o.vflag > 1 && !nd_print_unknown_data(nd, body, "\n\t    ", len))
		return end;
	return end;
}

/* Link-local signalling (RFC 5613) after the OSPF packet proper. */
static void lls_print(struct nd *nd, const uint8_t *op, unsigned length)
{
	const uint8_t *dp, *end = op + length;
	unsigned type = GET_U_1(op + 1), len2, lls_len;
	char buf[64];

	if (type == 1) {
		if (!(GET_U_1(op + 30) & OPTION_L))
			return;
	} else if (type == 2) {
		if (!(GET_U_1(op + 26) & OPTION_L))
			return;
	} else {
		return;
	}
	len2 = GET_BE_U_2(op + 2);
	dp = op + len2;
	if (GET_BE_U_2(op + 14) == AUTH_MD5) {
		dp += GET_U_1(op + 16 + 3);
		len2 += GET_U_1(op + 16 + 3);
	}
	if (len2 >= length) {
		nd_puts(nd, "\n\t[LLS truncated]");
		return;
	}
	nd_printf(nd, "\n\t  LLS: checksum: 0x%04x", GET_BE_U_2(dp));
	dp += 2;
	nd_printf(nd, ", length: %u", GET_BE_U_2(dp));
	dp += 2;
	while (dp < end) {
		unsigned t = GET_BE_U_2(dp);

		nd_printf(nd, "\n\t    %s (%u)", tok(lls_tlvs, "Unknown TLV", t, buf, sizeof(buf)), t);
		dp += 2;
		lls_len = GET_BE_U_2(dp);
		nd_printf(nd, ", length: %u", lls_len);
		dp += 2;
		if (t == 1) {
			uint32_t flags;

			if (lls_len != 4) {
				nd_puts(nd, " [should be 4]");
				lls_len = 4;
			}
			flags = GET_BE_U_4(dp);
			nd_printf(nd, "\n\t      Options: 0x%08x [%s]", flags,
				  bits(lls_eo_options, "?", flags, buf, sizeof(buf)));
		} else if (t == 2) {
			if (lls_len != 20) {
				nd_puts(nd, " [should be 20]");
				lls_len = 20;
			}
			nd_printf(nd, "\n\t      Sequence number: 0x%08x", GET_BE_U_4(dp));
		}
		dp += lls_len;
	}
}

static void hello_print(struct nd *nd, const uint8_t *op, const uint8_t *end)
{
	char buf[128];

	nd_printf(nd, "\n\tOptions [%s]", bits(options, "none", GET_U_1(op + 30), buf, sizeof(buf)));
	nd_printf(nd, "\n\t  Hello Timer %us, Dead Timer %us, Mask ", GET_BE_U_2(op + 28),
		  GET_BE_U_4(op + 32));
	nd_puts(nd, nd_ipaddr_string(nd, op + 24));
	nd_printf(nd, ", Priority %u", GET_U_1(op + 31));
	if (GET_BE_U_4(op + 36) != 0)
		ipaddr(nd, "\n\t  Designated Router ", op + 36);
	if (GET_BE_U_4(op + 40) != 0)
		ipaddr(nd, ", Backup Designated Router ", op + 40);
	if (op + 44 < end)
		nd_puts(nd, "\n\t  Neighbor List:");
	for (const uint8_t *ap = op + 44; ap < end; ap += 4)
		ipaddr(nd, "\n\t    ", ap);
}

static void v2_print(struct nd *nd, const uint8_t *op, const uint8_t *end)
{
	char buf[128];
	const uint8_t *p;

	switch (GET_U_1(op + 1)) {
	case 1:
		hello_print(nd, op, end);
		break;
	case 2:
		nd_printf(nd, "\n\tOptions [%s]",
			  bits(options, "none", GET_U_1(op + 26), buf, sizeof(buf)));
		nd_printf(nd, ", DD Flags [%s]", bits(dd_flags, "none", GET_U_1(op + 27), buf,
							sizeof(buf)));
		if (GET_BE_U_2(op + 24))
			nd_printf(nd, ", MTU: %u", GET_BE_U_2(op + 24));
		nd_printf(nd, ", Sequence: 0x%08x", GET_BE_U_4(op + 28));
		for (p = op + 32; p < end && lshdr_print(nd, p) != -1; p += LSA_HDRLEN)
			;
		break;
	case 3:
		for (p = op + OSPF_HDRLEN; p < end; p += 12) {
			unsigned type;

			ND_TCHECK_LEN(nd, p, 12);
			type = GET_BE_U_4(p);
			ipaddr(nd, "\n\t  Advertising Router: ", p + 8);
			nd_printf(nd, ", %s LSA (%u)", tok(lsa_types, "unknown", type, buf,
							    sizeof(buf)), type);
			if (type >= 9 && type <= 11)
				nd_printf(nd, ", Opaque-Type: %s LSA (%u), Opaque-ID: %u",
					  tok(opaque_types, "unknown", GET_U_1(p + 4), buf,
					      sizeof(buf)),
					  GET_U_1(p + 4), GET_BE_U_3(p + 5));
			else
				ipaddr(nd, ", LSA-ID: ", p + 4);
		}
		break;
	case 4: {
		uint32_t n = GET_BE_U_4(op + 24);

		nd_printf(nd, ", %u LSA%s", n, n == 1 ? "" : "s");
		p = op + 28;
		for (uint32_t i = 1; i <= n && i != 0; i++) {
			nd_printf(nd, "\n\t  LSA #%u", i);
			p = lsa_print(nd, p);
		}
		break;
	}
	case 5:
		/* tcpdump reads LSA headers until one is bogus or the capture ends. */
		for (p = op + OSPF_HDRLEN; lshdr_print(nd, p) != -1; p += LSA_HDRLEN)
			;
		break;
	}
}

void nd_ospf_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned type, ospf_len, auth;
	const uint8_t *end;
	const char *name;
	char buf[64];

	nd->protocol = "ospf2";
	/* The MD5 digest trails the packet: tcpdump leaves it out of length and capture. */
	if (GET_BE_U_2(bp + 14) == AUTH_MD5) {
		length -= AUTH_MD5_LEN;
		nd->snapend = ND_BYTES_AVAILABLE_AFTER(nd, nd->packet) > AUTH_MD5_LEN ?
				      nd->snapend - AUTH_MD5_LEN : nd->packet;
	}
	type = GET_U_1(bp + 1);
	name = nd_tok2str(packet_types, "unknown LS-type %u", type, buf, sizeof(buf));
	nd_printf(nd, "OSPFv%u, %s, length %u", GET_U_1(bp), name, length);
	if (name[0] == 'u' || !nd->o.vflag)
		return;
	ospf_len = GET_BE_U_2(bp + 2);
	if (length != ospf_len)
		nd_printf(nd, " [len %u]", ospf_len);
	end = bp + (length > ospf_len ? ospf_len : length);
	ipaddr(nd, "\n\tRouter-ID ", bp + 4);
	if (GET_BE_U_4(bp + 8) != 0)
		ipaddr(nd, ", Area ", bp + 8);
	else
		nd_puts(nd, ", Backbone Area");
	ND_TCHECK_LEN(nd, bp + 16, 8);
	auth = GET_BE_U_2(bp + 14);
	nd_printf(nd, ", Authentication Type: %s (%u)",
		  nd_tok2str(auth_types, "unknown", auth, buf, sizeof(buf)), auth);
	switch (auth) {
	case 0:
		break;
	case 1:
		nd_puts(nd, "\n\tSimple text password: ");
		nd_printjnp(nd, bp + 16, 8);
		break;
	case AUTH_MD5:
		nd_printf(nd, "\n\tKey-ID: %u, Auth-Length: %u, Crypto Sequence Number: 0x%08x",
			  GET_U_1(bp + 18), GET_U_1(bp + 19), GET_BE_U_4(bp + 20));
		break;
	default:
		return;
	}
	if (GET_U_1(bp) != 2) {
		nd_printf(nd, " ospf [version %u]", GET_U_1(bp));
		return;
	}
	v2_print(nd, bp, end);
	if (length > ospf_len)
		lls_print(nd, bp, length);
}

/* print-eigrp.c: Cisco's EIGRP (IP protocol 88, RFC 7868): the header and its TLVs */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "print-app.h"

#define EIGRP_HDRLEN 20
#define TLV_HDRLEN 4

static const struct nd_tok opcodes[] = {
	{ 1, "Update" }, { 3, "Query" }, { 4, "Reply" }, { 5, "Hello" }, { 6, "IPX SAP" },
	{ 7, "Probe" }, { 0, NULL },
};

static const struct nd_tok header_flags[] = {
	{ 0x01, "Init" }, { 0x02, "Conditionally Received" }, { 0x04, "Restart" },
	{ 0x08, "End-of-Table" }, { 0, NULL },
};

static const struct nd_tok tlv_names[] = {
	{ 0x0001, "General Parameters" }, { 0x0002, "Authentication" }, { 0x0003, "Sequence" },
	{ 0x0004, "Software Version" }, { 0x0005, "Next Multicast Sequence" },
	{ 0x0102, "IP Internal routes" }, { 0x0103, "IP External routes" },
	{ 0x0202, "AppleTalk Internal routes" }, { 0x0203, "AppleTalk External routes" },
	{ 0x0204, "AppleTalk Cable setup" }, { 0x0302, "IPX Internal routes" },
	{ 0x0303, "IPX External routes" }, { 0, NULL },
};

static const struct nd_tok ext_protos[] = {
	{ 0x01, "IGRP" }, { 0x02, "EIGRP" }, { 0x03, "Static" }, { 0x04, "RIP" },
	{ 0x05, "Hello" }, { 0x06, "OSPF" }, { 0x07, "IS-IS" }, { 0x08, "EGP" }, { 0x09, "BGP" },
	{ 0x0a, "IDRP" }, { 0x0b, "Connected" }, { 0, NULL },
};

/*
 * The metric block both route TLVs end with: delay, bandwidth, MTU, hops,
 * reliability, load. Read whole first (tcpdump's one printf), then written
 * without printf, as it follows every route.
 */
static void metric_print(struct nd *nd, const uint8_t *p)
{
	uint32_t v[6] = { GET_BE_U_4(p) / 100, GET_BE_U_4(p + 4), GET_BE_U_3(p + 8),
			  GET_U_1(p + 11), GET_U_1(p + 12), GET_U_1(p + 13) };
	static const char *const label[] = { "\n\t      delay ", " ms, bandwidth ",
					     " Kbps, mtu ", ", hop ", ", reliability ", ", load " };

	for (unsigned i = 0; i < 6; i++) {
		nd_puts(nd, label[i]);
		nd_putu(nd, v[i]);
	}
}

/* The prefix (only as many bytes as its length needs) and the next hop; -1 if the length is bad. */
static int prefix_print(struct nd *nd, const uint8_t *nh, const uint8_t *plen)
{
	unsigned bits = GET_U_1(plen), bytes;
	uint8_t pfx[4] = { 0, 0, 0, 0 };
	char buf[16];

	if (bits > 32) {
		nd_printf(nd, "\n\t    illegal prefix length %u", bits);
		return -1;
	}
	bytes = (bits + 7) / 8;
	for (unsigned i = 0; i < bytes; i++)
		pfx[i] = GET_U_1(plen + 1 + i);
	snprintf(buf, sizeof(buf), "%u.%u.%u.%u", pfx[0], pfx[1], pfx[2], pfx[3]);
	nd_puts(nd, "\n\t    IPv4 prefix: ");
	for (size_t n = strlen(buf); n < 15; n++)
		nd_putc(nd, ' ');
	nd_puts(nd, buf);
	nd_putc(nd, '/');
	nd_putu(nd, bits);
	nd_puts(nd, ", nexthop: ");
	if (GET_BE_U_4(nh) == 0)
		nd_puts(nd, "self");
	else
		nd_puts(nd, nd_ipaddr_string(nd, nh));
	return 0;
}

static void ip_ext_print(struct nd *nd, const uint8_t *p)
{
	char buf[16];

	if (prefix_print(nd, p, p + 40) < 0)
		return;
	nd_printf(nd, "\n\t      origin-router %s, origin-as %u, origin-proto %s, flags [0x%02x], tag 0x%08x, metric %u",
		  nd_ipaddr_string(nd, p + 4), GET_BE_U_4(p + 8),
		  nd_tok2str(ext_protos, "unknown", GET_U_1(p + 22), buf, sizeof(buf)),
		  GET_U_1(p + 23), GET_BE_U_4(p + 12), GET_BE_U_4(p + 16));
	metric_print(nd, p + 24);
}

/* AppleTalk's next hop is a network and node number. */
static void at_nexthop(struct nd *nd, const uint8_t *p, const uint8_t *cable)
{
	nd_printf(nd, "\n\t     Cable-Range: %u-%u, nexthop: ", GET_BE_U_2(cable),
		  GET_BE_U_2(cable + 2));
	if (GET_BE_U_4(p) == 0)
		nd_puts(nd, "self");
	else
		nd_printf(nd, "%u.%u", GET_BE_U_2(p), GET_BE_U_2(p + 2));
}

static void at_ext_print(struct nd *nd, const uint8_t *p)
{
	char buf[16];

	at_nexthop(nd, p, p + 36);
	nd_printf(nd, "\n\t      origin-router %u, origin-as %u, origin-proto %s, flags [0x%02x], tag 0x%08x, metric %u",
		  GET_BE_U_4(p + 4), GET_BE_U_4(p + 8),
		  nd_tok2str(ext_protos, "unknown", GET_U_1(p + 16), buf, sizeof(buf)),
		  GET_U_1(p + 17), GET_BE_U_4(p + 12), GET_BE_U_2(p + 18));
	metric_print(nd, p + 20);
}

/* The size of each TLV tcpdump decodes (with its header), 0 for the ones it dumps. */
static unsigned tlv_min(unsigned type)
{
	switch (type) {
	case 0x0001:
		return 12;
	case 0x0004:
		return 8;
	case 0x0102:
		return 26;
	case 0x0103:
		return 46;
	case 0x0204:
		return 12;
	case 0x0202:
		return 28;
	case 0x0203:
		return 44;
	}
	return 0;
}

static void tlv_body(struct nd *nd, unsigned type, const uint8_t *p, unsigned len)
{
	switch (type) {
	case 0x0001:
		nd_printf(nd, "\n\t    holdtime: %us, k1 %u, k2 %u, k3 %u, k4 %u, k5 %u",
			  GET_BE_U_2(p + 6), GET_U_1(p), GET_U_1(p + 1), GET_U_1(p + 2),
			  GET_U_1(p + 3), GET_U_1(p + 4));
		break;
	case 0x0004:
		nd_printf(nd, "\n\t    IOS version: %u.%u, EIGRP version %u.%u", GET_U_1(p),
			  GET_U_1(p + 1), GET_U_1(p + 2), GET_U_1(p + 3));
		break;
	case 0x0102:
		if (prefix_print(nd, p, p + 20) == 0)
			metric_print(nd, p + 4);
		break;
	case 0x0103:
		ip_ext_print(nd, p);
		break;
	case 0x0204:
		nd_printf(nd, "\n\t    Cable-range: %u-%u, Router-ID %u", GET_BE_U_2(p),
			  GET_BE_U_2(p + 2), GET_BE_U_4(p + 4));
		break;
	case 0x0202:
		at_nexthop(nd, p, p + 20);
		metric_print(nd, p + 4);
		break;
	case 0x0203:
		at_ext_print(nd, p);
		break;
	default:
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p, "\n\t    ", len);
		break;
	}
}

/* One TLV; returns its length, 0 when the rest was dumped instead. */
static unsigned tlv_print(struct nd *nd, const uint8_t *p, unsigned tlen)
{
	unsigned type, len, min;
	char buf[32];

	if (!ND_TTEST_LEN(nd, p, TLV_HDRLEN))
		goto trunc;
	len = GET_BE_U_2(p + 2);
	type = GET_BE_U_2(p);
	if (len < TLV_HDRLEN || len > tlen) {
		nd_print_unknown_data(nd, p + TLV_HDRLEN, "\n\t    ", tlen);
		return 0;
	}
	nd_printf(nd, "\n\t  %s TLV (0x%04x), length: %u",
		  nd_tok2str(tlv_names, "Unknown", type, buf, sizeof(buf)), type, len);
	if (!ND_TTEST_LEN(nd, p, len))
		goto trunc;
	min = tlv_min(type);
	if (min && len < min)
		nd_printf(nd, " (too short, < %u)", min);
	else
		tlv_body(nd, type, p + TLV_HDRLEN, len - TLV_HDRLEN);
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, p + TLV_HDRLEN, "\n\t    ", len - TLV_HDRLEN);
	return len;
trunc:
	nd_print_trunc(nd);
	return 0;
}

void nd_eigrp_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	unsigned op, tlen, n;
	char buf[32], fbuf[96];

	nd->protocol = "eigrp";
	if (!ND_TTEST_LEN(nd, bp, EIGRP_HDRLEN)) {
		nd_print_trunc(nd);
		return;
	}
	if (GET_U_1(bp) != 2) {
		nd_printf(nd, "EIGRP version %u packet not supported", GET_U_1(bp));
		return;
	}
	op = GET_U_1(bp + 1);
	if (nd->o.vflag < 1 || len < EIGRP_HDRLEN) {
		nd_printf(nd, "EIGRP %s, length: %u",
			  nd_tok2str(opcodes, "unknown (%u)", op, buf, sizeof(buf)), len);
		if (nd->o.vflag >= 1)
			nd_printf(nd, " (too short, < %u)", EIGRP_HDRLEN);
		return;
	}
	tlen = len - EIGRP_HDRLEN;
	nd_printf(nd, "\n\tEIGRP v%u, opcode: %s (%u), chksum: 0x%04x, Flags: [%s]", 2,
		  nd_tok2str(opcodes, "unknown, type: %u", op, buf, sizeof(buf)), op,
		  GET_BE_U_2(bp + 2),
		  nd_bittok2str(header_flags, "none", GET_BE_U_4(bp + 4), ", ", fbuf, sizeof(fbuf)));
	nd_printf(nd, "\n\tseq: 0x%08x, ack: 0x%08x, VRID: %u, AS: %u, length: %u",
		  GET_BE_U_4(bp + 8), GET_BE_U_4(bp + 12), GET_BE_U_2(bp + 16), GET_BE_U_2(bp + 18),
		  tlen);
	bp += EIGRP_HDRLEN;
	while (tlen > 0) {
		n = tlv_print(nd, bp, tlen);
		if (n == 0)
			return;
		bp += n;
		tlen -= n;
	}
}

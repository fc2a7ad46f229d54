/* test_addrset.c: the key extractor per link type (tags, IPv6 chains, fragments, ARP, cut packets), sets and their queries */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <pcap/dlt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "addrset.h"
#include "tap.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif

static uint32_t v4(const char *s)
{
	struct in_addr a;

	inet_pton(AF_INET, s, &a);
	return ntohl(a.s_addr);
}

static int has4(const struct addrset *s, const char *a)
{
	return addrset_has_ip4(s, v4(a), v4(a));
}

static int has6(const struct addrset *s, const char *a)
{
	uint8_t b[16];

	inet_pton(AF_INET6, a, b);
	return addrset_has_ip6(s, b, b);
}

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* An IPv4 header at p (20 bytes) with transport ports after it; returns 24. */
static size_t ip4(uint8_t *p, const char *src, const char *dst, uint8_t proto, unsigned frag,
		  unsigned sport, unsigned dport)
{
	struct in_addr a;

	memset(p, 0, 24);
	p[0] = 0x45;
	put16(p + 6, frag);
	p[9] = proto;
	inet_pton(AF_INET, src, &a);
	memcpy(p + 12, &a, 4);
	inet_pton(AF_INET, dst, &a);
	memcpy(p + 16, &a, 4);
	put16(p + 20, sport);
	put16(p + 22, dport);
	return 24;
}

/* An IPv6 header at p with next header nh; returns 40. */
static size_t ip6(uint8_t *p, const char *src, const char *dst, uint8_t nh)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	p[6] = nh;
	inet_pton(AF_INET6, src, p + 8);
	inet_pton(AF_INET6, dst, p + 24);
	return 40;
}

static size_t ether(uint8_t *p, unsigned type)
{
	memset(p, 0xaa, 12);
	put16(p + 12, type);
	return 14;
}

/* Builds one set from one packet. */
static void one(int linktype, const uint8_t *pkt, size_t len, struct addrset *s)
{
	struct addrset_builder *b = addrset_builder_new(linktype);

	addrset_builder_add(b, pkt, (uint32_t)len);
	addrset_builder_take(b, s);
	addrset_builder_free(b);
}

static void test_ethernet(void)
{
	uint8_t pkt[256];
	struct addrset s;
	size_t n;

	n = ether(pkt, 0x0800);
	n += ip4(pkt + n, "10.0.0.1", "10.0.0.2", 6, 0x4000, 1234, 80);
	one(DLT_EN10MB, pkt, n, &s);
	ok(has4(&s, "10.0.0.1") && has4(&s, "10.0.0.2") && !has4(&s, "10.0.0.3"), "IPv4 addresses");
	ok(addrset_has_port(&s, 80, 80) && addrset_has_port(&s, 1234, 1234) &&
	   !addrset_has_port(&s, 81, 1233), "TCP ports");
	ok(addrset_has_proto(&s, 6) && !addrset_has_proto(&s, 17), "protocol");
	ok(s.l3 == ADDRSET_L3_IP4 && !addrset_has_vlan(&s, -1), "layer, no tag");
	addrset_free(&s);

	/* QinQ: 802.1ad 100, then 802.1Q 200, then IPv4 UDP */
	n = ether(pkt, 0x88a8);
	put16(pkt + 14, 0x2000 | 100);
	put16(pkt + 16, 0x8100);
	put16(pkt + 18, 200);
	put16(pkt + 20, 0x0800);
	n = 22 + ip4(pkt + 22, "192.168.1.1", "192.168.1.2", 17, 0, 53, 5353);
	one(DLT_EN10MB, pkt, n, &s);
	ok(addrset_has_vlan(&s, 100) && addrset_has_vlan(&s, 200) && !addrset_has_vlan(&s, 300) &&
	   addrset_has_vlan(&s, -1), "both VLAN ids of QinQ, priority bits dropped");
	ok(has4(&s, "192.168.1.1") && addrset_has_port(&s, 5353, 5353) && addrset_has_proto(&s, 17),
	   "addresses inside the tags");
	addrset_free(&s);

	/* a later fragment: protocol yes, ports no */
	n = ether(pkt, 0x0800);
	n += ip4(pkt + n, "10.0.0.1", "10.0.0.2", 17, 0x0010, 1111, 2222);
	one(DLT_EN10MB, pkt, n, &s);
	ok(addrset_has_proto(&s, 17) && !addrset_has_port(&s, 0, 65535) && has4(&s, "10.0.0.1"),
	   "a fragment with offset > 0 gives no ports");
	addrset_free(&s);

	/* ARP request: sender and target protocol addresses */
	n = ether(pkt, 0x0806);
	memset(pkt + n, 0, 28);
	inet_pton(AF_INET, "10.1.1.1", pkt + n + 14);
	inet_pton(AF_INET, "10.1.1.2", pkt + n + 24);
	one(DLT_EN10MB, pkt, n + 28, &s);
	ok(has4(&s, "10.1.1.1") && has4(&s, "10.1.1.2") && s.l3 == ADDRSET_L3_ARP, "ARP");
	addrset_free(&s);

	/* cut after the source address */
	n = ether(pkt, 0x0800);
	ip4(pkt + n, "10.0.0.1", "10.0.0.2", 6, 0, 1, 2);
	one(DLT_EN10MB, pkt, n + 17, &s);
	ok(has4(&s, "10.0.0.1") && !has4(&s, "10.0.0.2") && !addrset_has_port(&s, 0, 65535) &&
	   addrset_has_proto(&s, 6), "a cut packet gives what was captured");
	addrset_free(&s);
	one(DLT_EN10MB, pkt, 10, &s);
	ok(!s.l3 && !s.n4 && !s.flags, "a cut Ethernet header gives nothing");
	addrset_free(&s);
	ether(pkt, 0x8847);
	one(DLT_EN10MB, pkt, 60, &s);
	ok(s.l3 == ADDRSET_L3_OTHER && !s.n4, "MPLS is another layer");
	addrset_free(&s);
}

static void test_ipv6(void)
{
	uint8_t pkt[256];
	struct addrset s;
	size_t n;

	/* hop-by-hop, then fragment (offset 0), then TCP */
	n = ether(pkt, 0x86dd);
	n += ip6(pkt + n, "2001:db8::1", "2001:db8::2", 0);
	memset(pkt + n, 0, 16);
	pkt[n] = 44;
	pkt[n + 8] = 6;
	n += 16;
	memset(pkt + n, 0, 20);
	put16(pkt + n, 443);
	put16(pkt + n + 2, 50000);
	one(DLT_EN10MB, pkt, n + 20, &s);
	ok(has6(&s, "2001:db8::1") && has6(&s, "2001:db8::2") && !has6(&s, "2001:db8::3"),
	   "IPv6 addresses");
	ok(addrset_has_proto(&s, 0) && addrset_has_proto(&s, 44) && addrset_has_proto(&s, 6) &&
	   !addrset_has_proto(&s, 17), "every next header of the chain");
	ok(addrset_has_port(&s, 443, 443) && addrset_has_port(&s, 50000, 50000), "ports after the chain");
	ok(s.l3 == ADDRSET_L3_IP6, "layer");
	addrset_free(&s);

	/* a later fragment: the chain's protocols, no ports */
	n = ether(pkt, 0x86dd);
	n += ip6(pkt + n, "2001:db8::1", "2001:db8::2", 44);
	memset(pkt + n, 0, 8);
	pkt[n] = 17;
	put16(pkt + n + 2, 0x0100);
	n += 8;
	put16(pkt + n, 53);
	put16(pkt + n + 2, 53);
	one(DLT_EN10MB, pkt, n + 8, &s);
	ok(addrset_has_proto(&s, 17) && !addrset_has_port(&s, 0, 65535), "IPv6 later fragment");
	addrset_free(&s);

	/* an address cut in the middle: BPF can still match a net on its first words */
	n = ether(pkt, 0x86dd);
	ip6(pkt + n, "2001:db8::1", "2001:db8::2", 6);
	one(DLT_EN10MB, pkt, n + 16, &s);
	ok(s.flags & ADDRSET_ALL, "cut inside an IPv6 address: answer yes");
	addrset_free(&s);
}

static void test_linktypes(void)
{
	uint8_t pkt[256];
	struct addrset s;
	uint32_t af;

	memset(pkt, 0, 16);
	put16(pkt + 14, 0x0800);
	ip4(pkt + 16, "10.0.0.9", "10.0.0.8", 6, 0, 1, 2);
	one(DLT_LINUX_SLL, pkt, 40, &s);
	ok(has4(&s, "10.0.0.9") && addrset_has_port(&s, 2, 2), "Linux cooked v1");
	addrset_free(&s);

	memset(pkt, 0, 20);
	put16(pkt, 0x86dd);
	ip6(pkt + 20, "fe80::1", "fe80::2", 17);
	one(DLT_LINUX_SLL2, pkt, 60, &s);
	ok(has6(&s, "fe80::2") && addrset_has_proto(&s, 17), "Linux cooked v2");
	addrset_free(&s);
	one(DLT_LINUX_SLL2, pkt, 4, &s);
	ok(s.l3 == ADDRSET_L3_IP6, "Linux cooked v2 cut after the type: the layer still shows");
	addrset_free(&s);

	ip4(pkt, "10.0.0.9", "10.0.0.8", 6, 0, 1, 2);
	one(DLT_RAW, pkt, 24, &s);
	ok(has4(&s, "10.0.0.8") && s.l3 == ADDRSET_L3_IP4, "raw IPv4");
	addrset_free(&s);
	ip6(pkt, "fe80::1", "fe80::2", 58);
	one(DLT_RAW, pkt, 40, &s);
	ok(has6(&s, "fe80::1") && addrset_has_proto(&s, 58), "raw IPv6");
	addrset_free(&s);
	pkt[0] = 0x10;
	one(DLT_RAW, pkt, 40, &s);
	ok(s.flags & ADDRSET_ALL, "raw, neither version: answer yes");
	addrset_free(&s);

	af = 2;			/* little-endian writer */
	memcpy(pkt, &af, 4);
	ip4(pkt + 4, "10.0.0.9", "10.0.0.8", 6, 0, 1, 2);
	one(DLT_NULL, pkt, 28, &s);
	ok(has4(&s, "10.0.0.9"), "BSD loopback, AF_INET");
	addrset_free(&s);
	af = htonl(30);
	memcpy(pkt, &af, 4);
	ip6(pkt + 4, "::1", "::1", 6);
	one(DLT_LOOP, pkt, 44, &s);
	ok(has6(&s, "::1"), "OpenBSD loopback, Darwin's AF_INET6");
	addrset_free(&s);

	one(105, pkt, 44, &s);
	ok(s.flags & ADDRSET_ALL && has4(&s, "1.2.3.4") && addrset_has_vlan(&s, 5),
	   "another link type: answer yes to everything");
	addrset_free(&s);
}

static void test_sets(void)
{
	struct addrset_builder *b = addrset_builder_new(DLT_RAW);
	struct addrset s, t;
	uint8_t pkt[64], lo[16], hi[16];
	char a[32];
	int i;

	for (i = 0; i < 5000; i++) {
		snprintf(a, sizeof(a), "10.%d.%d.1", (i * 7) % 200, i % 3);
		ip4(pkt, a, "10.255.0.1", 17, 0, (unsigned)(i % 100), 9999);
		addrset_builder_add(b, pkt, 24);
	}
	ok(addrset_builder_take(b, &s) == 0, "take");
	ok(s.n4 == 601 && s.nport == 101, "sorted unique: 600 + 1 addresses, 100 + 1 ports (%u, %u)",
	   s.n4, s.nport);
	for (i = 1; i < (int)s.n4; i++)
		if (s.ip4[i - 1] >= s.ip4[i])
			break;
	ok(i == (int)s.n4, "addresses ascend");
	ok(addrset_has_ip4(&s, v4("10.5.0.0"), v4("10.5.255.255")) &&
	   !addrset_has_ip4(&s, v4("10.200.0.0"), v4("10.254.255.255")) &&
	   !addrset_has_ip4(&s, v4("11.0.0.0"), v4("255.255.255.255")), "IPv4 ranges");
	ok(addrset_has_port(&s, 99, 200) && !addrset_has_port(&s, 100, 9998) &&
	   addrset_has_port(&s, 9999, 65535), "port ranges");

	ip6(pkt, "2001:db8::5", "2001:db8::9", 6);
	addrset_builder_add(b, pkt, 40);
	addrset_builder_take(b, &t);
	ok(t.n4 == 0 && t.n6 == 2 && !addrset_has_port(&t, 0, 65535), "take starts afresh");
	inet_pton(AF_INET6, "2001:db8::6", lo);
	inet_pton(AF_INET6, "2001:db8::8", hi);
	ok(!addrset_has_ip6(&t, lo, hi), "IPv6 range between");
	inet_pton(AF_INET6, "2001:db8::ffff", hi);
	ok(addrset_has_ip6(&t, lo, hi), "IPv6 range over");
	ok(addrset_union(&s, &t) == 0 && s.n4 == 601 && s.n6 == 2 && s.nport == 101 &&
	   s.l3 == (ADDRSET_L3_IP4 | ADDRSET_L3_IP6) && addrset_has_proto(&s, 6) &&
	   addrset_has_proto(&s, 17), "union");
	ok(addrset_union(&s, &t) == 0 && s.n6 == 2, "union with itself's part adds nothing");
	addrset_free(&s);
	addrset_free(&t);
	addrset_builder_free(b);
}

int main(void)
{
	test_ethernet();
	test_ipv6();
	test_linktypes();
	test_sets();
	return done_testing();
}

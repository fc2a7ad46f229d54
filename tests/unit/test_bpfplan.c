/* test_bpfplan.c: the planner parses like libpcap, refuses what it cannot bound, and never skips a block libpcap's filter would match */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "addrset.h"
#include "bpfplan.h"
#include "tap.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#define DLT_IPV6 229
#endif

/* ---- unit cases ---- */

static int plans_as(const char *filter, const char *want)
{
	char why[128] = "";
	struct bpfplan *p = bpfplan_new(filter, DLT_EN10MB, why, sizeof(why));
	int good = p && !strcmp(bpfplan_describe(p), want);

	if (!good)
		printf("# '%s' planned as '%s' (%s), want '%s'\n", filter,
		       p ? bpfplan_describe(p) : "NULL", why, want);
	bpfplan_free(p);
	return good;
}

static int refused(const char *filter, int linktype)
{
	char why[128] = "";
	struct bpfplan *p = bpfplan_new(filter, linktype, why, sizeof(why));

	if (p)
		printf("# '%s' planned as '%s'\n", filter, bpfplan_describe(p));
	else
		printf("# '%s': %s\n", filter, why);
	bpfplan_free(p);
	return !p && why[0];
}

static void test_describe(void)
{
	ok(plans_as("host 10.0.0.1", "host 10.0.0.1"), "host");
	ok(plans_as("src host 10.0.0.1", "host 10.0.0.1"), "src host");
	ok(plans_as("dst 10.0.0.1", "host 10.0.0.1"), "dst without host");
	ok(plans_as("src or dst host 10.0.0.1", "host 10.0.0.1"), "src or dst");
	ok(plans_as("src and dst host 10.0.0.1", "host 10.0.0.1"), "src and dst");
	ok(plans_as("ip host 10.0.0.1", "ip host 10.0.0.1"), "ip host");
	ok(plans_as("ip6 host 2001:db8::1", "ip6 host 2001:db8::1"), "ip6 host");
	ok(plans_as("host 2001:db8::1", "host 2001:db8::1"), "IPv6 host");
	ok(plans_as("host 10.0.0.1 or 10.0.0.2", "(host 10.0.0.1 or host 10.0.0.2)"),
	   "host A or B inherits host");
	ok(plans_as("port 80 or 443", "(port 80 or port 443)"), "port 80 or 443");
	ok(plans_as("tcp dst port 80 or 443", "(tcp port 80 or tcp port 443)"),
	   "tcp dst port 80 or 443");
	ok(plans_as("host (10.0.0.1 or 10.0.0.2)", "(host 10.0.0.1 or host 10.0.0.2)"),
	   "host (A or B)");
	ok(plans_as("host 10.0.0.1 and not 10.0.0.2", "(host 10.0.0.1 and *)"), "host A and not B");
	ok(plans_as("tcp and not host 10.0.0.1 or 10.0.0.2", "((tcp and *) or host 10.0.0.2)"),
	   "not applies to the first only");
	ok(plans_as("host 10.0.0.1 and port 80 or port 22",
		    "((host 10.0.0.1 and port 80) or port 22)"), "and, or left to right");
	ok(plans_as("host 10.0.0.1 or port 80 and port 22",
		    "((host 10.0.0.1 or port 80) and port 22)"), "or, and left to right (equal precedence)");
	ok(plans_as("host 10.0.0.1 || port 80 && tcp", "((host 10.0.0.1 or port 80) and tcp)"),
	   "&& and ||");
	ok(plans_as("! host 10.0.0.1 and tcp", "(* and tcp)"), "! binds tighter than and");
	ok(plans_as("host 10.0.0.1 and (port 80) or 10.0.0.3",
		    "((host 10.0.0.1 and port 80) or host 10.0.0.3)"),
	   "a value after ( ) takes the qualifiers from before the parenthesis");
	ok(plans_as("host 10.0.0.1 and (port 80 or 443)",
		    "(host 10.0.0.1 and (port 80 or port 443))"), "parentheses");
	ok(plans_as("net 10", "net 10.0.0.0/8"), "net 10 is 10/8");
	ok(plans_as("net 10.1", "net 10.1.0.0/16"), "net 10.1 is 10.1/16");
	ok(plans_as("host 10.1", "net 10.1.0.0/16"), "host 10.1 is a net too in libpcap");
	ok(plans_as("net 10.0.0.0/8", "net 10.0.0.0/8"), "CIDR");
	ok(plans_as("net 192.168.0.0 mask 255.255.0.0", "net 192.168.0.0/16"), "net mask");
	ok(plans_as("net fe80::/10", "net fe80::/10"), "IPv6 net");
	ok(plans_as("portrange 90-80", "portrange 80-90"), "portrange swapped");
	ok(plans_as("udp portrange 1-1024", "udp portrange 1-1024"), "udp portrange");
	ok(plans_as("port 0x50", "port 80"), "hex port");
	ok(plans_as("port 0120", "port 80"), "octal port, as libpcap's scanner reads it");
	ok(plans_as("portrange 010-020", "portrange 10-20"), "portrange is decimal (sscanf)");
	ok(plans_as("proto \\tcp", "proto 6"), "proto \\tcp");
	ok(plans_as("ip proto 17", "ip proto 17"), "ip proto");
	ok(plans_as("ip6 proto \\udp", "ip6 proto 17"), "ip6 proto \\udp");
	ok(plans_as("tcp or udp or sctp or icmp or icmp6", "((((tcp or udp) or sctp) or icmp) or icmp6)"),
	   "protocol names");
	ok(plans_as("ip or ip6 or arp", "((ip or ip6) or arp)"), "layers");
	ok(plans_as("vlan 100 and host 10.0.0.1", "(vlan 100 and host 10.0.0.1)"), "vlan N");
	ok(plans_as("vlan and vlan 200", "(vlan and vlan 200)"), "QinQ");
	ok(plans_as("less 100 and host 10.0.0.1", "(* and host 10.0.0.1)"), "less is may");
	ok(plans_as("ether host 00:11:22:33:44:55 and port 80", "(* and port 80)"), "ether host is may");
}

static void test_refuse(void)
{
	ok(refused("", DLT_EN10MB), "empty filter");
	ok(refused("not host 10.0.0.1", DLT_EN10MB), "a negation alone bounds nothing");
	ok(refused("less 100", DLT_EN10MB), "less alone");
	ok(refused("host 10.0.0.1 or less 100", DLT_EN10MB), "or with an unbounded side");
	ok(refused("mpls and host 10.0.0.1", DLT_EN10MB), "mpls");
	ok(refused("pppoes and host 10.0.0.1", DLT_EN10MB), "pppoes");
	ok(refused("geneve and host 10.0.0.1", DLT_EN10MB), "geneve");
	ok(refused("host example.com", DLT_EN10MB), "host names");
	ok(refused("port http", DLT_EN10MB), "port names");
	ok(refused("ip[9] = 6", DLT_EN10MB), "byte expressions");
	ok(refused("len < 100", DLT_EN10MB), "len");
	ok(refused("ip protochain 6", DLT_EN10MB), "protochain");
	ok(refused("gateway foo", DLT_EN10MB), "gateway");
	ok(refused("tcp or 80", DLT_EN10MB), "a value after a bare protocol");
	ok(refused("host 10.0.0.1 and (", DLT_EN10MB), "unbalanced");
	ok(refused("host 10.0.0.1 )", DLT_EN10MB), "trailing )");
	ok(refused("vlan 100", DLT_LINUX_SLL), "vlan where libpcap has none");
	ok(refused("host 10.0.0.1", 105), "a link type the extractor does not follow");
	ok(refused("host 10.0.0.1 and HOST 10.0.0.2", DLT_EN10MB), "unknown word");
	ok(refused("port 65536", DLT_EN10MB), "port out of range");
	ok(refused("vlan 4096", DLT_EN10MB), "vlan out of range");
	ok(refused("inbound and host 10.0.0.1", DLT_EN10MB), "words it does not know");
}

static int may(const char *filter, const struct addrset *s)
{
	struct bpfplan *p = bpfplan_new(filter, DLT_EN10MB, NULL, 0);
	int m = bpfplan_may_match(p, s);

	bpfplan_free(p);
	return m;
}

static void test_eval(void)
{
	uint32_t ip4[] = { 0x0a000001, 0x0a000002 };
	uint16_t port[] = { 80, 1234 };
	uint16_t vlan[] = { 100 };
	struct addrset s = { 0 };

	s.l3 = ADDRSET_L3_IP4 | ADDRSET_L3_VLAN;
	s.proto[0] = 1 << 6;
	s.ip4 = ip4;
	s.n4 = 2;
	s.port = port;
	s.nport = 2;
	s.vlan = vlan;
	s.nvlan = 1;
	ok(may("host 10.0.0.1", &s) == 1, "host present");
	ok(may("host 10.0.0.3", &s) == 0, "host absent");
	ok(may("net 10.0.0.0/24", &s) == 1 && may("net 10.0.1.0/24", &s) == 0, "net");
	ok(may("port 80", &s) == 1 && may("port 81", &s) == 0, "port");
	s.proto[0] = 1 << 1;
	ok(may("port 80", &s) == 0 && may("portrange 0-65535", &s) == 0,
	   "port needs TCP, UDP or SCTP");
	s.proto[0] = 1 << 6;
	ok(may("udp port 80", &s) == 0 && may("tcp port 80", &s) == 1, "tcp/udp port");
	ok(may("portrange 70-79", &s) == 0 && may("portrange 70-80", &s) == 1, "portrange");
	ok(may("host 10.0.0.3 or port 80", &s) == 1, "or");
	ok(may("host 10.0.0.1 and port 81", &s) == 0, "and");
	ok(may("host 10.0.0.3 and not port 80", &s) == 0, "and not");
	ok(may("ip6 or arp", &s) == 0 && may("ip", &s) == 1, "layers");
	ok(may("icmp", &s) == 0 && may("tcp", &s) == 1, "protocols");
	ok(may("vlan 100 and host 10.0.0.1", &s) == 1, "vlan N present");
	ok(may("vlan 200 and host 10.0.0.1", &s) == 0, "vlan N absent");
	ok(may("vlan and host 10.0.0.3", &s) == 0, "host inside the tag absent");
	ok(may("vlan or host 10.0.0.3", &s) == 1,
	   "after 'vlan or', host is read 4 bytes in on untagged packets: may");
	ok(may("not vlan and host 10.0.0.3", &s) == 1, "after 'not vlan' too");
	ok(may("(vlan 100 or vlan 200) and host 10.0.0.3", &s) == 1,
	   "'vlan 200' after 'vlan 100 or' tests the inner tag: the host is read two tags in");
	ok(may("vlan and vlan and host 10.0.0.3", &s) == 0, "two tags, then inside");
	ok(may("(vlan 100 or vlan 100) and host 10.0.0.3", &s) == 1, "deeper on one side of or");
	ok(may("vlan 100 and (host 10.0.0.3 or vlan) and host 10.0.0.3", &s) == 1,
	   "a later vlan on one side of or");
	s.flags = ADDRSET_ALL;
	ok(may("host 10.0.0.3", &s) == 1, "ADDRSET_ALL");
}

/* ---- the property: a plan's "no" is libpcap's "no" for every packet of the block ---- */

static uint64_t rng;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return n ? (uint32_t)(rng >> 11) % n : 0;
}

static const char *const hosts4[] = { "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.7",
				     "192.168.1.1", "172.16.5.4" };
static const char *const hosts6[] = { "2001:db8::1", "2001:db8::2", "2001:db8:1::5", "fe80::1" };
static const uint16_t ports[] = { 22, 53, 80, 443, 8080, 0 };
static const uint16_t vids[] = { 1, 100, 200 };
static const uint8_t protos[] = { 6, 17, 132, 1, 58, 47, 0, 44, 43, 60, 51 };

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void put_ip4(uint8_t *p)
{
	if (rnd(8))
		inet_pton(AF_INET, hosts4[rnd(NELEM(hosts4))], p);
	else
		memcpy(p, (uint8_t[]){ (uint8_t)rnd(256), (uint8_t)rnd(256), 10, 0 }, 4);
}

static void put_ip6(uint8_t *p)
{
	inet_pton(AF_INET6, hosts6[rnd(NELEM(hosts6))], p);
}

static void put_ports(uint8_t *p)
{
	put16(p, rnd(5) ? ports[rnd(NELEM(ports))] : rnd(65536));
	put16(p + 2, rnd(5) ? ports[rnd(NELEM(ports))] : rnd(65536));
}

/*
 * Fills len bytes with what a shifted or misplaced read could mistake for
 * something: pool addresses and ports, ethertypes, protocol numbers, noise.
 * A planner that trusted reads BPF makes elsewhere ("vlan or host X" reads
 * untagged packets 4 bytes in) is caught only if such bytes are there.
 */
static void fill(uint8_t *p, size_t len)
{
	static const unsigned types[] = { 0x0800, 0x86dd, 0x0806, 0x8100, 0x88a8 };
	uint8_t chunk[16];
	size_t i, n;

	for (i = 0; i < len; i += n) {
		switch (rnd(6)) {
		case 0:
			inet_pton(AF_INET, hosts4[rnd(NELEM(hosts4))], chunk);
			n = 4;
			break;
		case 1:
			put16(chunk, ports[rnd(NELEM(ports))]);
			n = 2;
			break;
		case 2:
			put16(chunk, types[rnd(NELEM(types))]);
			n = 2;
			break;
		case 3:
			put_ip6(chunk);
			n = 16;
			break;
		case 4:
			chunk[0] = protos[rnd(NELEM(protos))];
			n = 1;
			break;
		default:
			chunk[0] = (uint8_t)rnd(256);
			n = 1;
		}
		memcpy(p + i, chunk, n < len - i ? n : len - i);
	}
}

static size_t gen_ip4(uint8_t *p)
{
	unsigned ihl = rnd(6) ? 5 : rnd(2) ? 6 : rnd(5);

	fill(p, 80);
	p[0] = (uint8_t)(0x40 | ihl);
	put16(p + 6, rnd(4) ? (rnd(2) ? 0x4000 : 0) : rnd(65536));
	p[9] = rnd(4) ? protos[rnd(4)] : protos[rnd(NELEM(protos))];
	put_ip4(p + 12);
	put_ip4(p + 16);
	put_ports(p + 4 * ihl);
	return 4 * ihl + 20;
}

static size_t gen_ip6(uint8_t *p)
{
	size_t off = 40, i, n = rnd(3) ? 0 : rnd(3);
	uint8_t *nh = p + 6;

	fill(p, 140);
	p[0] = 0x60;
	put_ip6(p + 8);
	put_ip6(p + 24);
	for (i = 0; i < n; i++) {
		static const uint8_t ext[] = { 0, 43, 44, 60, 51 };
		uint8_t e = ext[rnd(NELEM(ext))];

		*nh = e;
		nh = p + off;
		if (e == 44) {
			put16(p + off + 2, rnd(2) ? 0 : rnd(65536));
			off += 8;
		} else if (e == 51) {
			p[off + 1] = 1;
			off += 12;
		} else {
			p[off + 1] = 0;
			off += 8;
		}
	}
	*nh = rnd(4) ? protos[rnd(5)] : protos[rnd(NELEM(protos))];
	put_ports(p + off);
	return off + 20;
}

static size_t gen_arp(uint8_t *p)
{
	fill(p, 40);
	put_ip4(p + 14);
	put_ip4(p + 24);
	return 28;
}

/* The network layer: returns its length and sets *type to its ethertype. */
static size_t gen_l3(uint8_t *p, unsigned *type, int raw)
{
	unsigned k = rnd(raw ? 2 : 10);

	if (k < 1 || k > 6) {
		*type = 0x86dd;
		return gen_ip6(p);
	}
	if (k < 5 || raw) {
		*type = 0x0800;
		return gen_ip4(p);
	}
	if (k < 6) {
		*type = rnd(2) ? 0x0806 : 0x8035;
		return gen_arp(p);
	}
	*type = rnd(2) ? 0x88cc : 0x8847;
	fill(p, 60);
	return 60;
}

/* VLAN tags in front of a payload of ethertype type, at p: returns the bytes added, *type the outer TPID. */
static size_t gen_tags(uint8_t *p, unsigned *type, uint8_t *payload, size_t len)
{
	static const unsigned tpid[] = { 0x8100, 0x88a8, 0x9100 };
	size_t n = rnd(3) ? 0 : 1 + rnd(2), i;

	memmove(p + 4 * n, payload, len);
	for (i = n; i-- > 0;) {
		put16(p + 4 * i, (rnd(8) << 12) | vids[rnd(NELEM(vids))]);
		put16(p + 4 * i + 2, *type);
		*type = tpid[rnd(NELEM(tpid))];
	}
	return 4 * n;
}

static size_t gen_packet(int linktype, uint8_t *pkt)
{
	uint8_t l3[256];
	unsigned type;
	size_t len, hl;
	uint32_t af;

	memset(pkt, 0, 512);
	switch (linktype) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
		hl = linktype == DLT_EN10MB ? 14 : linktype == DLT_LINUX_SLL ? 16 : 20;
		len = gen_l3(l3, &type, 0);
		len += gen_tags(pkt + hl, &type, l3, len);
		fill(pkt, 12);
		put16(pkt + (linktype == DLT_EN10MB ? 12 : linktype == DLT_LINUX_SLL ? 14 : 0), type);
		return hl + len;
	case DLT_RAW:
		return gen_l3(pkt, &type, 1);
	case DLT_IPV4:
		return gen_ip4(pkt);
	case DLT_IPV6:
		return gen_ip6(pkt);
	default:
		len = gen_l3(pkt + 4, &type, 1);
		af = type == 0x0800 ? 2 : (uint32_t[]){ 10, 24, 28, 30 }[rnd(4)];
		if (linktype == DLT_LOOP || rnd(2))
			af = htonl(af);
		memcpy(pkt, &af, 4);
		return len + 4;
	}
}

static const char *pick_host4(void)
{
	return hosts4[rnd(NELEM(hosts4))];
}

/* An IPv6 net around one of the pool's hosts, prefix length 0 to 128 (no host bits set). */
static void gen_net6(char *out, size_t n)
{
	uint8_t a[16];
	char buf[INET6_ADDRSTRLEN];
	unsigned len = rnd(129), i;

	inet_pton(AF_INET6, hosts6[rnd(NELEM(hosts6))], a);
	for (i = 0; i < 16; i++)
		if (len <= 8 * i)
			a[i] = 0;
		else if (len < 8 * (i + 1))
			a[i] &= (uint8_t)(0xff00 >> (len - 8 * i));
	inet_ntop(AF_INET6, a, buf, sizeof(buf));
	snprintf(out, n, "%s/%u", buf, len);
}

/* A random id for qualifiers of kind k (0 host, 1 net, 2 port, 3 portrange, 4 proto). */
static void gen_value(char *out, size_t n, int k)
{
	static const char *const nets[] = { "10", "10.0", "10.0.0", "192.168", "172.16.5" };

	switch (k) {
	case 0:
		snprintf(out, n, "%s", rnd(3) ? pick_host4() : hosts6[rnd(NELEM(hosts6))]);
		break;
	case 1:
		if (rnd(3) == 0)
			snprintf(out, n, "%s", nets[rnd(NELEM(nets))]);
		else if (rnd(4) == 0)
			gen_net6(out, n);
		else if (rnd(3) == 0)
			snprintf(out, n, "%s mask 255.255.255.0", rnd(2) ? "10.0.0.0" : "10.0.1.0");
		else {
			unsigned len = rnd(33);
			uint32_t a = ntohl(inet_addr(pick_host4()));
			struct in_addr in = { htonl(len ? a & (0xffffffffu << (32 - len)) : 0) };

			snprintf(out, n, "%s/%u", inet_ntoa(in), len);
		}
		break;
	case 2: {
		unsigned p = rnd(6) ? ports[rnd(NELEM(ports))] : rnd(65536), f = rnd(5);

		snprintf(out, n, f == 3 ? "0x%x" : f == 4 ? "0%o" : "%u", p);
		break;
	}
	case 3: {
		unsigned a = ports[rnd(NELEM(ports))], b = a + rnd(100);

		snprintf(out, n, rnd(8) ? "%u-%u" : "0%u-0%u", rnd(4) ? a : b, rnd(4) ? b : a);
		break;
	}
	default:
		if (rnd(3))
			snprintf(out, n, "%u", protos[rnd(NELEM(protos))]);
		else
			snprintf(out, n, "\\%s", rnd(2) ? "tcp" : rnd(2) ? "udp" : "icmp");
		break;
	}
}

static void cat(char *out, size_t n, const char *s)
{
	size_t l = strlen(out);

	snprintf(out + l, n - l, "%s", s);
}

/* A primitive with its head, then maybe more bare values inheriting it ("host A or B"). */
static void gen_prim(char *out, size_t n)
{
	static const char *const pnames[] = { "tcp", "udp", "sctp", "icmp", "icmp6", "ip", "ip6",
					      "arp", "rarp" };
	static const char *const dirs[] = { "", "", "src ", "dst ", "src or dst ", "src and dst " };
	static const char *const others[] = { "vlan", "less 80", "greater 100", "broadcast",
					      "ether host 00:11:22:33:44:55" };
	char v[64];
	int k = (int)rnd(5), i, extra;

	switch (rnd(10)) {
	case 0:
		cat(out, n, pnames[rnd(NELEM(pnames))]);
		return;
	case 1:
		if (rnd(2)) {
			snprintf(v, sizeof(v), "vlan %u", vids[rnd(NELEM(vids))]);
			cat(out, n, v);
		} else {
			cat(out, n, others[rnd(NELEM(others))]);
		}
		return;
	}
	if (k == 4)
		cat(out, n, rnd(2) ? "" : rnd(2) ? "ip " : "ip6 ");
	else if (k >= 2)
		cat(out, n, (const char *[]){ "", "", "tcp ", "udp ", "sctp " }[rnd(5)]);
	else if (rnd(4) == 0)
		cat(out, n, (const char *[]){ "ip ", "ip6 ", "arp " }[rnd(3)]);
	if (k != 4)
		cat(out, n, dirs[rnd(NELEM(dirs))]);
	cat(out, n, (const char *[]){ "host ", "net ", "port ", "portrange ", "proto " }[k]);
	gen_value(v, sizeof(v), k);
	cat(out, n, v);
	extra = rnd(4) ? 0 : 1 + (int)rnd(2);
	for (i = 0; i < extra; i++) {
		cat(out, n, rnd(2) ? " or " : rnd(2) ? " and " : " and not ");
		if (rnd(3) == 0) {
			cat(out, n, "(");
			gen_value(v, sizeof(v), k);
			cat(out, n, v);
			cat(out, n, rnd(2) ? " or " : " and ");
			gen_value(v, sizeof(v), k);
			cat(out, n, v);
			cat(out, n, ")");
			continue;
		}
		gen_value(v, sizeof(v), k);
		cat(out, n, v);
	}
}

static void gen_expr(char *out, size_t n, int depth)
{
	unsigned r = depth > 3 ? 0 : rnd(6);

	if (rnd(5) == 0)
		cat(out, n, rnd(2) ? "not " : "! ");
	if (r == 0 || r == 1) {
		gen_prim(out, n);
	} else if (r == 2) {
		cat(out, n, "(");
		gen_expr(out, n, depth + 1);
		cat(out, n, ")");
	} else {
		char v[64];

		gen_expr(out, n, depth + 1);
		cat(out, n, (const char *[]){ " and ", " or ", " && ", " || " }[rnd(4)]);
		if (rnd(6)) {
			gen_expr(out, n, depth + 1);
			return;
		}
		/* a bare value: takes the qualifiers of what came before, even across ( ); never a
		 * word libpcap could take for a name to resolve (that would wait for DNS) */
		gen_value(v, sizeof(v), (int)rnd(3));
		cat(out, n, v);
	}
}

struct pkt {
	uint32_t caplen, len;
	uint8_t data[512];
};

struct stats {
	long filters, compiled, planned, checks, skips, wrong;
};

/* Every block the plan skips must hold no packet the compiled filter accepts. */
static void check_filter(int linktype, const char *filter, struct pkt *pk, const int *bstart,
			 struct addrset *sets, int nblocks, pcap_t *dead, struct stats *st)
{
	struct bpf_program prog;
	struct bpfplan *p;
	int b, i;

	st->filters++;
	if (pcap_compile(dead, &prog, filter, 1, PCAP_NETMASK_UNKNOWN))
		return;
	st->compiled++;
	p = bpfplan_new(filter, linktype, NULL, 0);
	if (p)
		st->planned++;
	for (b = 0; p && b < nblocks; b++) {
		st->checks++;
		if (bpfplan_may_match(p, &sets[b]))
			continue;
		st->skips++;
		for (i = bstart[b]; i < bstart[b + 1]; i++) {
			struct pcap_pkthdr h = { .caplen = pk[i].caplen, .len = pk[i].len };

			if (pcap_offline_filter(&prog, &h, pk[i].data)) {
				if (st->wrong++ < 5)
					printf("# linktype %d: '%s' (plan %s) skipped block %d, packet %d matches\n",
					       linktype, filter, bpfplan_describe(p), b, i);
				break;
			}
		}
	}
	bpfplan_free(p);
	pcap_freecode(&prog);
}

#define NPKT 600

static int property(int linktype, int nfilters, struct stats *st)
{
	static struct pkt pk[NPKT];
	int bstart[NPKT + 1], nblocks = 0, i, wrong = (int)st->wrong;
	struct addrset sets[NPKT];
	struct addrset_builder *bld = addrset_builder_new(linktype);
	pcap_t *dead = pcap_open_dead(linktype, 65535);

	for (i = 0; i < NPKT; i++) {
		pk[i].len = (uint32_t)gen_packet(linktype, pk[i].data);
		pk[i].caplen = rnd(5) ? pk[i].len : rnd(pk[i].len + 1);
		if (i == 0 || rnd(6) == 0) {
			if (i) {
				addrset_builder_take(bld, &sets[nblocks]);
				nblocks++;
			}
			bstart[nblocks] = i;
		}
		addrset_builder_add(bld, pk[i].data, pk[i].caplen);
	}
	addrset_builder_take(bld, &sets[nblocks]);
	bstart[++nblocks] = NPKT;
	for (i = 0; i < nfilters; i++) {
		char filter[1024] = "";

		gen_expr(filter, sizeof(filter), 0);
		check_filter(linktype, filter, pk, bstart, sets, nblocks, dead, st);
	}
	for (i = 0; i < nblocks; i++)
		addrset_free(&sets[i]);
	addrset_builder_free(bld);
	pcap_close(dead);
	return (int)st->wrong == wrong;
}

static void test_property(void)
{
	static const int linktypes[] = { DLT_EN10MB, DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2,
					 DLT_RAW, DLT_IPV4, DLT_IPV6, DLT_NULL, DLT_LOOP };
	const char *env = getenv("PKTCAP_PLAN_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);
	struct stats st = { 0 };
	clock_t t0 = clock();
	size_t i;
	int round, good = 1;

	for (round = 0; round < 4 && good; round++) {
		for (i = 0; i < NELEM(linktypes) && good; i++) {
			rng = (seed + round * 1000 + i) * 0x9e3779b97f4a7c15ull | 1;
			good = property(linktypes[i], 250, &st);
		}
		if ((double)(clock() - t0) / CLOCKS_PER_SEC > 10)
			break;
	}
	printf("# %ld filters, %ld compiled, %ld planned; %ld of %ld block checks skipped (%.1f%%)\n",
	       st.filters, st.compiled, st.planned, st.skips, st.checks,
	       st.checks ? 100.0 * st.skips / st.checks : 0.0);
	ok(good && st.compiled > 1000 && st.planned > 300,
	   "planned reads skip only blocks libpcap rejects (seed %llu, replay with PKTCAP_PLAN_SEED)",
	   (unsigned long long)seed);
}

int main(void)
{
	test_describe();
	test_refuse();
	test_eval();
	test_property();
	return done_testing();
}

/* bpfplan.c: parses a tcpdump filter as libpcap does and asks an address set whether it may match */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <pcap/dlt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bpfplan.h"

#ifndef DLT_LINUX_SLL2
#define DLT_LINUX_SLL2 276
#endif
#ifndef DLT_IPV4
#define DLT_IPV4 228
#endif
#ifndef DLT_IPV6
#define DLT_IPV6 229
#endif

#define MAXTOK 512
#define MAXDEPTH 64

/*
 * libpcap's qualifiers (grammar.y): a protocol, a direction and an address
 * kind. A bare value takes the qualifiers of what came before it, which is
 * how "host A or B" and "tcp dst port 80 or 443" work.
 */
enum { Q_UNDEF, Q_DEFAULT, Q_IP, Q_IP6, Q_ARP, Q_RARP, Q_TCP, Q_UDP, Q_SCTP, Q_ICMP, Q_ICMP6,
	Q_LINK };
enum { A_UNDEF, A_DEFAULT, A_HOST, A_NET, A_PORT, A_PORTRANGE, A_PROTO };

struct qual {
	int proto, dir, addr;	/* dir: 1 when src or dst was given (libpcap then reads both, we too) */
};

static const struct qual qerr = { Q_UNDEF, 0, A_UNDEF };

enum { N_AND, N_OR, N_NOT, N_ANY, N_PRIM, N_VLAN };

#define PROTO_PORTS -3		/* a port without tcp/udp/sctp: one of the three must occur */

/* What a primitive asks of a set: every condition set here must hold. */
struct node {
	int type;
	int shift;		/* how many "vlan" keywords came before it: BPF reads that deep */
	struct node *a, *b;
	uint32_t l3;		/* one of these layers must occur (0: no condition) */
	int proto;		/* this IP protocol must occur (-1: none, PROTO_PORTS: TCP, UDP or SCTP) */
	int kind;		/* 4: ip4 range, 6: ip6 range, 'p': port range, 0: none */
	uint32_t lo4, hi4;
	uint8_t lo6[16], hi6[16];
	uint16_t plo, phi;
	int vid;		/* N_VLAN: the id, -1 for any */
	char text[64];		/* for bpfplan_describe */
};

struct bpfplan {
	struct node *root;
	char *desc;
};

struct parser {
	char *tok[MAXTOK];
	int ntok, pos, depth;
	int vlans;		/* "vlan" keywords so far: libpcap moves later offsets by 4 each */
	int linktype;
	int failed;
	char why[96];
};

static int refuse(struct parser *ps, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int refuse(struct parser *ps, const char *fmt, ...)
{
	va_list ap;

	if (!ps->failed) {
		va_start(ap, fmt);
		vsnprintf(ps->why, sizeof(ps->why), fmt, ap);
		va_end(ap);
	}
	ps->failed = 1;
	return -1;
}

/* ---- tokens ---- */

static int is_word_char(int c)
{
	return isalnum(c) || c == '.' || c == ':' || c == '_' || c == '-';
}

/* Splits filter into words and the punctuation libpcap knows. */
static int tokenize(struct parser *ps, const char *s)
{
	while (*s) {
		const char *start = s;
		size_t n;

		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if ((s[0] == '&' && s[1] == '&') || (s[0] == '|' && s[1] == '|'))
			s += 2;
		else if (*s == '\\')
			for (s++; *s && !isspace((unsigned char)*s) && !strchr("!()", *s); s++)
				;
		else if (is_word_char((unsigned char)*s))
			while (is_word_char((unsigned char)*s))
				s++;
		else
			s++;
		if (ps->ntok == MAXTOK)
			return refuse(ps, "too long");
		n = (size_t)(s - start);
		ps->tok[ps->ntok] = strndup(start, n);
		if (!ps->tok[ps->ntok])
			return refuse(ps, "out of memory");
		ps->ntok++;
	}
	return 0;
}

static const char *peek(const struct parser *ps, int ahead)
{
	int i = ps->pos + ahead;

	return i < ps->ntok ? ps->tok[i] : "";
}

static int is(const struct parser *ps, int ahead, const char *word)
{
	return !strcmp(peek(ps, ahead), word);
}

static int is_and(const struct parser *ps, int ahead)
{
	return is(ps, ahead, "and") || is(ps, ahead, "&&");
}

static int is_or(const struct parser *ps, int ahead)
{
	return is(ps, ahead, "or") || is(ps, ahead, "||");
}

static int is_not(const struct parser *ps, int ahead)
{
	return is(ps, ahead, "not") || is(ps, ahead, "!");
}

/* NUM as libpcap's scanner reads it: decimal, 0x hex, or octal with a leading 0. */
static int parse_num(const char *s, uint32_t *v)
{
	unsigned long long x = 0;
	int base = 10;

	if (!*s)
		return -1;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
		if (!*s)
			return -1;
	} else if (s[0] == '0' && s[1]) {
		base = 8;
	}
	for (; *s; s++) {
		int d = isdigit((unsigned char)*s) ? *s - '0' :
			isxdigit((unsigned char)*s) ? tolower((unsigned char)*s) - 'a' + 10 : 99;

		if (d >= base)
			return -1;
		x = x * (unsigned)base + (unsigned)d;
		if (x > 0xffffffffull)
			return -1;
	}
	*v = (uint32_t)x;
	return 0;
}

/* HID: two to four dotted decimal parts; *bits says how many were given (libpcap's __pcap_atoin). */
static int parse_hid(const char *s, uint32_t *v, int *bits)
{
	int parts = 0;

	*v = 0;
	for (;;) {
		unsigned n = 0;
		int digits = 0;

		while (isdigit((unsigned char)*s) && digits < 4) {
			n = n * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (!digits || n > 255 || parts == 4)
			return -1;
		*v = *v << 8 | n;
		parts++;
		if (!*s)
			break;
		if (*s++ != '.')
			return -1;
	}
	if (parts < 2)
		return -1;
	*bits = 8 * parts;
	return 0;
}

static int is_hid(const char *s)
{
	uint32_t v;
	int bits;

	return strchr(s, '.') && !parse_hid(s, &v, &bits);
}

static int is_hid6(const char *s, uint8_t a[16])
{
	uint8_t tmp[16];

	return strchr(s, ':') && inet_pton(AF_INET6, s, a ? a : tmp) == 1;
}

static int is_mac(const char *s)
{
	int digits = 0, groups = 1;

	for (; *s; s++) {
		if (isxdigit((unsigned char)*s)) {
			digits++;
		} else if (*s == ':' || *s == '-' || *s == '.') {
			groups++;
		} else {
			return 0;
		}
	}
	return digits == 12 && groups > 1;
}

/* The words this planner knows; libpcap's other keywords end planning as unknown words. */
static const char *const keywords[] = {
	"and", "or", "not", "host", "net", "mask", "port", "portrange", "proto", "src", "dst",
	"ip", "ip6", "arp", "rarp", "tcp", "udp", "sctp", "icmp", "icmp6", "ether", "link",
	"vlan", "less", "greater", "broadcast", "multicast", NULL
};

static int is_keyword(const char *s)
{
	int i;

	for (i = 0; keywords[i]; i++)
		if (!strcmp(s, keywords[i]))
			return 1;
	return 0;
}

/* A value: where libpcap's grammar has an id (a number, an address or a name). */
static int is_value(const char *s)
{
	if (*s == '\\')
		return 1;
	return (isalnum((unsigned char)*s) || *s == ':') && !is_keyword(s);
}

/* ---- nodes ---- */

static struct node *node_new(struct parser *ps, int type)
{
	struct node *n = calloc(1, sizeof(*n));

	if (!n) {
		refuse(ps, "out of memory");
		return NULL;
	}
	n->type = type;
	n->proto = -1;
	n->shift = ps->vlans;
	return n;
}

static void node_free(struct node *n)
{
	if (!n)
		return;
	node_free(n->a);
	node_free(n->b);
	free(n);
}

static struct node *node_join(struct parser *ps, int type, struct node *a, struct node *b)
{
	struct node *n;

	if (!a || !b) {
		node_free(a);
		node_free(b);
		return NULL;
	}
	n = node_new(ps, type);
	if (!n) {
		node_free(a);
		node_free(b);
		return NULL;
	}
	n->a = a;
	n->b = b;
	return n;
}

static struct node *node_not(struct parser *ps, struct node *a)
{
	struct node *n;

	if (!a)
		return NULL;
	n = node_new(ps, N_NOT);
	if (!n) {
		node_free(a);
		return NULL;
	}
	n->a = a;
	return n;
}

/* A primitive the planner cannot bound but that moves no offsets ("less 100"): may match. */
static struct node *node_any(struct parser *ps, const char *text)
{
	struct node *n = node_new(ps, N_ANY);

	if (n)
		snprintf(n->text, sizeof(n->text), "%s", text);
	return n;
}

/* ---- primitives: a qualified value, checked as libpcap's gen_ncode/gen_mcode/gen_scode do ---- */

static const char *proto_prefix(int proto)
{
	static const char *const names[] = {
		[Q_IP] = "ip ", [Q_IP6] = "ip6 ", [Q_ARP] = "arp ", [Q_RARP] = "rarp ",
		[Q_TCP] = "tcp ", [Q_UDP] = "udp ", [Q_SCTP] = "sctp ",
	};

	return proto >= 0 && proto < (int)(sizeof(names) / sizeof(names[0])) && names[proto] ?
	       names[proto] : "";
}

static struct node *prim_ip4(struct parser *ps, struct qual q, uint32_t v, uint32_t mask)
{
	struct node *n;
	struct in_addr a = { htonl(v & mask) };
	char buf[INET_ADDRSTRLEN];
	int bits = 0;

	if (q.proto != Q_DEFAULT && q.proto != Q_IP && q.proto != Q_ARP && q.proto != Q_RARP) {
		refuse(ps, "IPv4 address with this qualifier");
		return NULL;
	}
	n = node_new(ps, N_PRIM);
	if (!n)
		return NULL;
	n->kind = mask ? 4 : 0;	/* a /0 loads no address: any IPv4 or ARP packet matches */
	n->lo4 = v & mask;
	n->hi4 = (v & mask) | ~mask;
	n->l3 = q.proto == Q_IP ? ADDRSET_L3_IP4 :
		q.proto != Q_DEFAULT ? ADDRSET_L3_ARP : mask ? 0 : ADDRSET_L3_IP4 | ADDRSET_L3_ARP;
	while (bits < 32 && (mask << bits))
		bits++;
	inet_ntop(AF_INET, &a, buf, sizeof(buf));
	if (mask == 0xffffffff)
		snprintf(n->text, sizeof(n->text), "%shost %s", proto_prefix(q.proto), buf);
	else
		snprintf(n->text, sizeof(n->text), "%snet %s/%d", proto_prefix(q.proto), buf, bits);
	return n;
}

static struct node *prim_ip6(struct parser *ps, struct qual q, const uint8_t a[16], int bits)
{
	struct node *n;
	char buf[INET6_ADDRSTRLEN];
	int i;

	if (q.proto != Q_DEFAULT && q.proto != Q_IP6) {
		refuse(ps, "IPv6 address with this qualifier");
		return NULL;
	}
	if (q.addr == A_PORT || q.addr == A_PORTRANGE || q.addr == A_PROTO || bits < 0 || bits > 128) {
		refuse(ps, "IPv6 address where libpcap wants something else");
		return NULL;
	}
	n = node_new(ps, N_PRIM);
	if (!n)
		return NULL;
	n->kind = bits ? 6 : 0;
	n->l3 = q.proto == Q_IP6 || !bits ? ADDRSET_L3_IP6 : 0;
	for (i = 0; i < 16; i++) {
		int keep = bits >= 8 * (i + 1) ? 8 : bits > 8 * i ? bits - 8 * i : 0;
		uint8_t m = (uint8_t)(0xff00 >> keep);

		n->lo6[i] = a[i] & m;
		n->hi6[i] = (a[i] & m) | (uint8_t)~m;
	}
	inet_ntop(AF_INET6, n->lo6, buf, sizeof(buf));
	if (bits == 128)
		snprintf(n->text, sizeof(n->text), "%shost %s", proto_prefix(q.proto), buf);
	else
		snprintf(n->text, sizeof(n->text), "%snet %s/%d", proto_prefix(q.proto), buf, bits);
	return n;
}

/* The transport protocol a port qualifier names, -1 for any of TCP, UDP and SCTP. */
static int port_proto(struct parser *ps, int proto)
{
	switch (proto) {
	case Q_TCP:
		return 6;
	case Q_UDP:
		return 17;
	case Q_SCTP:
		return 132;
	case Q_DEFAULT:
		return PROTO_PORTS;
	}
	return refuse(ps, "port with this qualifier"), -2;
}

static struct node *prim_port(struct parser *ps, struct qual q, uint32_t lo, uint32_t hi)
{
	struct node *n;
	int proto = port_proto(ps, q.proto);

	if (proto == -2)
		return NULL;
	if (lo > 65535 || hi > 65535) {
		refuse(ps, "port above 65535");
		return NULL;
	}
	n = node_new(ps, N_PRIM);
	if (!n)
		return NULL;
	if (lo > hi) {
		uint32_t t = lo;

		lo = hi;
		hi = t;
	}
	n->kind = lo == 0 && hi == 65535 ? 0 : 'p';	/* BPF may drop loads it cannot fail */
	n->plo = (uint16_t)lo;
	n->phi = (uint16_t)hi;
	n->proto = proto;
	if (lo == hi)
		snprintf(n->text, sizeof(n->text), "%sport %u", proto_prefix(q.proto), lo);
	else
		snprintf(n->text, sizeof(n->text), "%sportrange %u-%u", proto_prefix(q.proto), lo, hi);
	return n;
}

static struct node *prim_proto(struct parser *ps, struct qual q, uint32_t v)
{
	struct node *n;

	if (q.proto == Q_LINK)
		return node_any(ps, "*");
	if (q.proto != Q_DEFAULT && q.proto != Q_IP && q.proto != Q_IP6) {
		refuse(ps, "proto with this qualifier");
		return NULL;
	}
	if (v > 255)
		return node_any(ps, "*");
	n = node_new(ps, N_PRIM);
	if (!n)
		return NULL;
	n->proto = (int)v;
	n->l3 = q.proto == Q_IP ? ADDRSET_L3_IP4 : q.proto == Q_IP6 ? ADDRSET_L3_IP6 : 0;
	snprintf(n->text, sizeof(n->text), "%sproto %u", proto_prefix(q.proto), v);
	return n;
}

/* IP protocol names as /etc/protocols spells them (libpcap asks getprotobyname). */
static int proto_by_name(const char *s)
{
	static const struct {
		const char *name;
		int num;
	} names[] = {
		{ "icmp", 1 }, { "igmp", 2 }, { "tcp", 6 }, { "udp", 17 }, { "gre", 47 },
		{ "esp", 50 }, { "ah", 51 }, { "ipv6-icmp", 58 }, { "icmp6", 58 }, { "icmpv6", 58 },
		{ "pim", 103 }, { "vrrp", 112 }, { "sctp", 132 },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name))
			return names[i].num;
	return -1;
}

/* A number value: host 0.0.0.N, a short net (libpcap promotes "net 10" to 10/8), a port, a proto. */
static struct node *prim_num(struct parser *ps, struct qual q, uint32_t v)
{
	uint32_t mask = 0xffffffff;

	switch (q.addr) {
	case A_DEFAULT:
	case A_HOST:
	case A_NET:
		if (q.proto == Q_LINK)
			break;
		if (q.addr == A_NET)
			while (v && !(v & 0xff000000)) {
				v <<= 8;
				mask <<= 8;
			}
		return prim_ip4(ps, q, v, mask);
	case A_PORT:
	case A_PORTRANGE:
		return prim_port(ps, q, v, v);
	case A_PROTO:
		return prim_proto(ps, q, v);
	}
	refuse(ps, "a number where libpcap wants something else");
	return NULL;
}

/* A name (host, port or protocol names need a resolver, except portranges "A-B" and protocols). */
static struct node *prim_name(struct parser *ps, struct qual q, const char *s)
{
	uint32_t lo, hi;
	const char *dash = strchr(s, '-');
	char first[16];

	if (q.addr == A_PROTO && proto_by_name(s) >= 0 && q.proto != Q_LINK)
		return prim_proto(ps, q, (uint32_t)proto_by_name(s));
	if (q.addr == A_PORTRANGE && dash && dash - s < (long)sizeof(first) && dash != s) {
		memcpy(first, s, (size_t)(dash - s));
		first[dash - s] = '\0';
		/* decimal even with a leading 0: libpcap reads these with sscanf("%d-%d") */
		if (strspn(first, "0123456789") == strlen(first) && strlen(first) < 9 &&
		    strspn(dash + 1, "0123456789") == strlen(dash + 1) && dash[1] &&
		    strlen(dash + 1) < 9) {
			lo = (uint32_t)strtoul(first, NULL, 10);
			hi = (uint32_t)strtoul(dash + 1, NULL, 10);
			return prim_port(ps, q, lo, hi);
		}
	}
	refuse(ps, "'%.40s' needs a name lookup", s);
	return NULL;
}

/* NET/LEN or NET mask MASK (libpcap's gen_mcode and gen_mcode6): networks only. */
static struct node *prim_masked(struct parser *ps, struct qual q, const char *s)
{
	uint8_t a6[16];
	uint32_t v, m, len;
	int bits, mbits;

	if (is(ps, 0, "/")) {
		if (parse_num(peek(ps, 1), &len))
			return refuse(ps, "bad prefix length"), NULL;
		ps->pos += 2;
		if (q.addr != A_NET)
			return refuse(ps, "mask syntax for networks only"), NULL;
		if (is_hid6(s, a6))
			return prim_ip6(ps, q, a6, (int)len);
		if (parse_hid(s, &v, &bits) || len > 32)
			return refuse(ps, "bad network"), NULL;
		m = len ? 0xffffffffu << (32 - len) : 0;
		return prim_ip4(ps, q, v << (32 - bits), m);
	}
	if (parse_hid(s, &v, &bits) || parse_hid(peek(ps, 1), &m, &mbits) || bits != 32 ||
	    mbits != 32 || q.addr != A_NET)
		return refuse(ps, "bad net ... mask ..."), NULL;
	ps->pos += 2;
	return prim_ip4(ps, q, v, m);
}

/* A value (and, for nets, what follows it: "/LEN" or "mask M") with the qualifiers q. */
static struct node *prim(struct parser *ps, struct qual q)
{
	const char *s = peek(ps, 0);
	uint8_t a6[16];
	uint32_t v;
	int bits;

	if (q.addr == A_UNDEF)
		return refuse(ps, "value without a qualifier"), NULL;
	ps->pos++;
	if (*s == '\\')
		return prim_name(ps, q, s + 1);
	if (is(ps, 0, "/") || is(ps, 0, "mask"))
		return prim_masked(ps, q, s);
	if (!parse_num(s, &v))
		return prim_num(ps, q, v);
	if (is_hid(s)) {
		if (q.addr != A_DEFAULT && q.addr != A_HOST && q.addr != A_NET)
			return refuse(ps, "address where libpcap wants something else"), NULL;
		parse_hid(s, &v, &bits);
		return prim_ip4(ps, q, v << (32 - bits), 0xffffffffu << (32 - bits));
	}
	if (is_hid6(s, a6))
		return prim_ip6(ps, q, a6, 128);
	if (is_mac(s) && q.proto == Q_LINK && q.addr != A_PORT && q.addr != A_PORTRANGE &&
	    q.addr != A_PROTO && q.addr != A_NET)
		return node_any(ps, "*");
	return prim_name(ps, q, s);
}

/* ---- the grammar (libpcap's grammar.y): and/or equal and left-associative, not binds tighter ---- */

static struct node *parse_expr(struct parser *ps, struct qual ctx, struct qual *qout);

static int enter(struct parser *ps)
{
	if (++ps->depth > MAXDEPTH)
		return refuse(ps, "nested too deep");
	return 0;
}

/* id: a value, "not id", or "( id and/or id ... )", every value with the qualifiers ctx. */
static struct node *parse_id(struct parser *ps, struct qual ctx)
{
	struct node *n;

	if (enter(ps))
		return NULL;
	if (is_not(ps, 0)) {
		ps->pos++;
		n = node_not(ps, parse_id(ps, ctx));
	} else if (is(ps, 0, "(")) {
		ps->pos++;
		n = parse_id(ps, ctx);
		while (n && (is_and(ps, 0) || is_or(ps, 0))) {
			int type = is_and(ps, 0) ? N_AND : N_OR;

			ps->pos++;
			n = node_join(ps, type, n, parse_id(ps, ctx));
		}
		if (n && !is(ps, 0, ")")) {
			node_free(n);
			n = NULL;
			refuse(ps, "missing )");
		}
		ps->pos++;
	} else if (is_value(peek(ps, 0))) {
		n = prim(ps, ctx);
	} else {
		refuse(ps, "unexpected '%.40s'", peek(ps, 0));
		n = NULL;
	}
	ps->depth--;
	return n;
}

/* After and/or: is what follows a bare value (libpcap's "expr and id") rather than a term? */
static int next_is_id(const struct parser *ps)
{
	int i = 0;

	while (is_not(ps, i) || is(ps, i, "("))
		i++;
	return is_value(peek(ps, i));
}

static int pname(const char *s)
{
	static const struct {
		const char *name;
		int q;
	} names[] = {
		{ "ip", Q_IP }, { "ip6", Q_IP6 }, { "arp", Q_ARP }, { "rarp", Q_RARP },
		{ "tcp", Q_TCP }, { "udp", Q_UDP }, { "sctp", Q_SCTP }, { "icmp", Q_ICMP },
		{ "icmp6", Q_ICMP6 }, { "ether", Q_LINK }, { "link", Q_LINK },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name))
			return names[i].q;
	return Q_UNDEF;
}

/* A protocol name alone ("tcp", "ip6", "arp"): what libpcap's gen_proto_abbrev tests. */
static struct node *proto_abbrev(struct parser *ps, int proto, const char *word)
{
	struct node *n = node_new(ps, N_PRIM);

	if (!n)
		return NULL;
	snprintf(n->text, sizeof(n->text), "%s", word);
	switch (proto) {
	case Q_IP:
		n->l3 = ADDRSET_L3_IP4;
		break;
	case Q_IP6:
		n->l3 = ADDRSET_L3_IP6;
		break;
	case Q_ARP:
	case Q_RARP:
		n->l3 = ADDRSET_L3_ARP;
		break;
	case Q_TCP:
		n->proto = 6;
		break;
	case Q_UDP:
		n->proto = 17;
		break;
	case Q_SCTP:
		n->proto = 132;
		break;
	case Q_ICMP:
		n->proto = 1;
		n->l3 = ADDRSET_L3_IP4;
		break;
	case Q_ICMP6:
		n->proto = 58;
		n->l3 = ADDRSET_L3_IP6;
		break;
	default:
		node_free(n);
		refuse(ps, "'%.40s' alone", word);
		return NULL;
	}
	return n;
}

/* head: [pname] [src|dst|src or dst|src and dst] [host|net|port|portrange] or [pname] proto. */
static int parse_head(struct parser *ps, struct qual *q)
{
	int start = ps->pos;

	q->proto = pname(peek(ps, 0)) != Q_UNDEF ? pname(peek(ps, 0)) : Q_DEFAULT;
	q->dir = 0;
	q->addr = A_DEFAULT;
	if (q->proto != Q_DEFAULT)
		ps->pos++;
	if (is(ps, 0, "proto")) {
		ps->pos++;
		q->addr = A_PROTO;
		return 1;
	}
	if (is(ps, 0, "src") || is(ps, 0, "dst")) {
		const char *other = is(ps, 0, "src") ? "dst" : "src";

		ps->pos++;
		q->dir = 1;
		if ((is_and(ps, 0) || is_or(ps, 0)) && is(ps, 1, other))
			ps->pos += 2;
	}
	if (is(ps, 0, "host") || is(ps, 0, "net") || is(ps, 0, "port") || is(ps, 0, "portrange")) {
		q->addr = is(ps, 0, "host") ? A_HOST : is(ps, 0, "net") ? A_NET :
			  is(ps, 0, "port") ? A_PORT : A_PORTRANGE;
		ps->pos++;
		return 1;
	}
	if (q->dir)
		return 1;
	ps->pos = start;
	return 0;
}

/* vlan [N]: from here on libpcap reads every later primitive 4 bytes further in. */
static struct node *parse_vlan(struct parser *ps)
{
	struct node *n;
	uint32_t v;

	if (ps->linktype != DLT_EN10MB)
		return refuse(ps, "vlan on a link type without it"), NULL;
	n = node_new(ps, N_VLAN);
	if (!n)
		return NULL;
	ps->pos++;
	n->vid = -1;
	if (!parse_num(peek(ps, 0), &v)) {
		if (v > 4095) {
			node_free(n);
			return refuse(ps, "vlan id above 4095"), NULL;
		}
		n->vid = (int)v;
		ps->pos++;
	}
	if (n->vid < 0)
		snprintf(n->text, sizeof(n->text), "vlan");
	else
		snprintf(n->text, sizeof(n->text), "vlan %d", n->vid);
	ps->vlans++;
	return n;
}

/* less N, greater N, [ether|ip|ip6] broadcast|multicast: bounds nothing, moves nothing. */
static struct node *parse_other(struct parser *ps)
{
	uint32_t v;

	if (is(ps, 0, "less") || is(ps, 0, "greater")) {
		if (parse_num(peek(ps, 1), &v))
			return refuse(ps, "%s without a number", peek(ps, 0)), NULL;
		ps->pos += 2;
		return node_any(ps, "*");
	}
	if (is(ps, 0, "ether") || is(ps, 0, "ip") || is(ps, 0, "ip6"))
		ps->pos++;
	ps->pos++;
	return node_any(ps, "*");
}

static int other_ahead(const struct parser *ps)
{
	int i = is(ps, 0, "ether") || is(ps, 0, "ip") || is(ps, 0, "ip6");

	return is(ps, 0, "less") || is(ps, 0, "greater") || is(ps, i, "broadcast") ||
	       is(ps, i, "multicast");
}

/* rterm: head id | ( expr ) | pname | vlan [N] | other. */
static struct node *parse_rterm(struct parser *ps, struct qual ctx, struct qual *qout)
{
	static const char *const shifting[] = { "mpls", "pppoes", "pppoed", "geneve", "vxlan", NULL };
	struct qual q;
	struct node *n;
	int i;

	*qout = qerr;
	for (i = 0; shifting[i]; i++)
		if (is(ps, 0, shifting[i]))
			return refuse(ps, "uses %s", shifting[i]), NULL;
	if (is(ps, 0, "(")) {
		ps->pos++;
		n = parse_expr(ps, ctx, &q);
		if (n && !is(ps, 0, ")")) {
			node_free(n);
			return refuse(ps, "missing )"), NULL;
		}
		ps->pos++;
		*qout = ctx;
		return n;
	}
	if (is(ps, 0, "vlan"))
		return parse_vlan(ps);
	if (other_ahead(ps))
		return parse_other(ps);
	if (parse_head(ps, &q)) {
		*qout = q;
		return parse_id(ps, q);
	}
	if (pname(peek(ps, 0)) != Q_UNDEF) {
		ps->pos++;
		return proto_abbrev(ps, pname(peek(ps, -1)), peek(ps, -1));
	}
	if (!*peek(ps, 0))
		return refuse(ps, "ends early"), NULL;
	return refuse(ps, "'%.40s' is not planned", peek(ps, 0)), NULL;
}

/* term: rterm | not term. */
static struct node *parse_term(struct parser *ps, struct qual ctx, struct qual *qout)
{
	struct node *n;

	if (enter(ps))
		return NULL;
	if (is_not(ps, 0)) {
		ps->pos++;
		n = node_not(ps, parse_term(ps, ctx, qout));
	} else {
		n = parse_rterm(ps, ctx, qout);
	}
	ps->depth--;
	return n;
}

/* expr: term | expr and term | expr and id | expr or term | expr or id (left to right). */
static struct node *parse_expr(struct parser *ps, struct qual ctx, struct qual *qout)
{
	struct node *n = parse_term(ps, ctx, qout);

	while (n && (is_and(ps, 0) || is_or(ps, 0))) {
		int type = is_and(ps, 0) ? N_AND : N_OR;

		ps->pos++;
		if (next_is_id(ps))
			n = node_join(ps, type, n, parse_id(ps, *qout));
		else
			n = node_join(ps, type, n, parse_term(ps, *qout, qout));
	}
	return n;
}

/* ---- evaluation ---- */

static int prim_may(const struct node *n, const struct addrset *s)
{
	if (n->l3 && !(s->l3 & n->l3))
		return 0;
	if (n->proto >= 0 && !addrset_has_proto(s, (uint8_t)n->proto))
		return 0;
	if (n->proto == PROTO_PORTS && !addrset_has_proto(s, 6) && !addrset_has_proto(s, 17) &&
	    !addrset_has_proto(s, 132))
		return 0;
	switch (n->kind) {
	case 4:
		return addrset_has_ip4(s, n->lo4, n->hi4);
	case 6:
		return addrset_has_ip6(s, n->lo6, n->hi6);
	case 'p':
		return addrset_has_port(s, n->plo, n->phi);
	}
	return 1;
}

/*
 * Could a packet of s make n true? depth is how many VLAN tags every packet
 * that gets here is known to carry (the "vlan" tests on the way that must
 * have passed); *pass is that number for packets that make n true. A
 * primitive deeper than depth reads bytes BPF takes from the wrong place
 * ("vlan or host X" tests host X 4 bytes in on untagged packets): may.
 */
static int eval(const struct node *n, const struct addrset *s, int depth, int *pass)
{
	int pa, pb, ma, mb;

	*pass = depth;
	if (s->flags & ADDRSET_ALL)
		return 1;
	switch (n->type) {
	case N_AND:
		if (!eval(n->a, s, depth, &pa))
			return 0;
		return eval(n->b, s, pa, pass);
	case N_OR:
		ma = eval(n->a, s, depth, &pa);
		mb = eval(n->b, s, depth, &pb);
		*pass = pa < pb ? pa : pb;
		return ma || mb;
	case N_NOT:
	case N_ANY:
		return 1;
	}
	if (n->shift > depth)
		return 1;
	if (n->type == N_VLAN) {
		if (n->shift + 1 > depth)
			*pass = n->shift + 1;
		return addrset_has_vlan(s, n->vid);
	}
	return prim_may(n, s);
}

int bpfplan_may_match(const struct bpfplan *p, const struct addrset *s)
{
	int pass;

	if (!p)
		return 1;
	return eval(p->root, s, 0, &pass);
}

/* Appends n's value ranges; what eval never asks (under not, a vlan without an id) adds nothing. */
static void terms(const struct node *n, struct bpfplan_term *out, size_t max, size_t *k)
{
	struct bpfplan_term t = { 0 };

	if (n->type == N_AND || n->type == N_OR) {
		terms(n->a, out, max, k);
		terms(n->b, out, max, k);
		return;
	}
	if (n->type == N_VLAN && n->vid >= 0 && n->vid <= 0xfff) {
		t.kind = BPFPLAN_VLAN;
		t.lo = t.hi = (uint16_t)n->vid;
	} else if (n->type == N_PRIM && n->kind == 4) {
		t.kind = BPFPLAN_IP4;
		t.lo4 = n->lo4;
		t.hi4 = n->hi4;
	} else if (n->type == N_PRIM && n->kind == 6) {
		t.kind = BPFPLAN_IP6;
		memcpy(t.lo6, n->lo6, 16);
		memcpy(t.hi6, n->hi6, 16);
	} else if (n->type == N_PRIM && n->kind == 'p') {
		t.kind = BPFPLAN_PORT;
		t.lo = n->plo;
		t.hi = n->phi;
	} else {
		return;
	}
	if (*k < max)
		out[*k] = t;
	(*k)++;
}

size_t bpfplan_terms(const struct bpfplan *p, struct bpfplan_term *out, size_t max)
{
	size_t k = 0;

	if (p)
		terms(p->root, out, max, &k);
	return k;
}

/* ---- the plan ---- */

/* Appends n's readable form to buf (of size len, *used so far); parts it cannot bound print as '*'. */
static void describe(const struct node *n, char *buf, size_t len, size_t *used)
{
	const char *text = n->type == N_NOT || n->type == N_ANY ? "*" : n->text;

	if (*used >= len)
		return;
	if (n->type == N_AND || n->type == N_OR) {
		*used += (size_t)snprintf(buf + *used, len - *used, "(");
		describe(n->a, buf, len, used);
		if (*used < len)
			*used += (size_t)snprintf(buf + *used, len - *used, " %s ",
						  n->type == N_AND ? "and" : "or");
		describe(n->b, buf, len, used);
		if (*used < len)
			*used += (size_t)snprintf(buf + *used, len - *used, ")");
		return;
	}
	*used += (size_t)snprintf(buf + *used, len - *used, "%s", text);
}

static int linktype_indexed(int linktype)
{
	switch (linktype) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_RAW:
	case 101:
	case DLT_IPV4:
	case DLT_IPV6:
	case DLT_NULL:
	case DLT_LOOP:
		return 1;
	}
	return 0;
}

static struct node *parse_all(struct parser *ps, const char *filter)
{
	struct qual q;
	struct node *root;

	if (tokenize(ps, filter))
		return NULL;
	if (!ps->ntok)
		return refuse(ps, "matches every packet"), NULL;
	root = parse_expr(ps, qerr, &q);
	if (root && ps->pos < ps->ntok) {
		refuse(ps, "unexpected '%.40s'", peek(ps, 0));
		node_free(root);
		return NULL;
	}
	return root;
}

struct bpfplan *bpfplan_new(const char *filter, int linktype, char *why, size_t whylen)
{
	struct parser ps = { .linktype = linktype };
	struct addrset empty = { 0 };
	struct bpfplan *p = NULL;
	struct node *root = NULL;
	size_t used = 0, len;
	int i;

	if (!linktype_indexed(linktype))
		refuse(&ps, "link type %d is not indexed", linktype);
	else
		root = parse_all(&ps, filter);
	if (root && bpfplan_may_match(&(struct bpfplan){ .root = root }, &empty))
		refuse(&ps, "cannot rule anything out");
	if (!ps.failed) {
		len = (size_t)(ps.ntok + 1) * 80;
		p = calloc(1, sizeof(*p));
		if (p)
			p->desc = malloc(len);
		if (!p || !p->desc) {
			refuse(&ps, "out of memory");
			free(p);
			p = NULL;
		} else {
			p->root = root;
			describe(root, p->desc, len, &used);
		}
	}
	if (!p)
		node_free(root);
	if (!p && why && whylen)
		snprintf(why, whylen, "%s", ps.why);
	for (i = 0; i < ps.ntok; i++)
		free(ps.tok[i]);
	return p;
}

const char *bpfplan_describe(const struct bpfplan *p)
{
	return p ? p->desc : "*";
}

void bpfplan_free(struct bpfplan *p)
{
	if (!p)
		return;
	node_free(p->root);
	free(p->desc);
	free(p);
}

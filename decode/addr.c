/* addr.c: addresses and protocol names as tcpdump -n prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "nd.h"

static char *slot(struct nd *nd)
{
	return nd->addrbuf[nd->addrslot++ % 4];
}

const char *nd_ipaddr_string(struct nd *nd, const uint8_t *p)
{
	char *s = slot(nd);

	char *o = s;

	ND_TCHECK_LEN(nd, p, 4);
	/* Dotted quad by hand: snprintf is the slowest thing on the common path. */
	for (int i = 0; i < 4; i++) {
		unsigned v = p[i];

		if (v >= 100)
			*o++ = (char)('0' + v / 100);
		if (v >= 10)
			*o++ = (char)('0' + v / 10 % 10);
		*o++ = (char)('0' + v % 10);
		*o++ = '.';
	}
	o[-1] = 0;
	return s;
}

/*
 * RFC 5952 text, as inet_ntop writes it: lowercase, no leading zeros, the
 * longest run of two or more zero groups (the first of equals) as "::",
 * and the last 32 bits as a dotted quad for IPv4-mapped and -compatible
 * addresses. Written out because inet_ntop's sprintf dominated -nn.
 */
const char *nd_ip6addr_string(struct nd *nd, const uint8_t *p)
{
	static const char hex[] = "0123456789abcdef";
	char *s = slot(nd), *o = s;
	int best = -1, bestlen = 0, cur = -1, curlen = 0;
	unsigned w[8];

	ND_TCHECK_LEN(nd, p, 16);
	for (int i = 0; i < 8; i++) {
		w[i] = (unsigned)(p[2 * i] << 8 | p[2 * i + 1]);
		if (!w[i]) {
			if (cur < 0)
				cur = i, curlen = 0;
			curlen++;
			if (curlen > bestlen)
				best = cur, bestlen = curlen;
		} else {
			cur = -1;
		}
	}
	if (bestlen < 2)
		best = -1;
	for (int i = 0; i < 8; i++) {
		if (best >= 0 && i >= best && i < best + bestlen) {
			if (i == best)
				*o++ = ':';
			continue;
		}
		if (i)
			*o++ = ':';
		if (i == 6 && best == 0 && (bestlen == 6 || (bestlen == 5 && w[5] == 0xffff))) {
			char q[16];

			memcpy(q, nd_ipaddr_string(nd, p + 12), sizeof(q));
			q[15] = 0;
			memcpy(o, q, strlen(q));
			o += strlen(q);
			break;
		}
		if (w[i] >= 0x1000)
			*o++ = hex[w[i] >> 12];
		if (w[i] >= 0x100)
			*o++ = hex[w[i] >> 8 & 15];
		if (w[i] >= 0x10)
			*o++ = hex[w[i] >> 4 & 15];
		*o++ = hex[w[i] & 15];
	}
	if (best >= 0 && best + bestlen == 8)
		*o++ = ':';
	*o = 0;
	return s;
}

const char *nd_etheraddr_string(struct nd *nd, const uint8_t *p)
{
	char *s = slot(nd);

	static const char hex[] = "0123456789abcdef";

	ND_TCHECK_LEN(nd, p, 6);
	for (int i = 0; i < 6; i++) {
		s[3 * i] = hex[p[i] >> 4];
		s[3 * i + 1] = hex[p[i] & 15];
		s[3 * i + 2] = ':';
	}
	s[17] = 0;
	return s;
}

/* With -n (our default: we never resolve names), ports print as numbers. */
const char *nd_tcpport_string(struct nd *nd, uint16_t port)
{
	char *s = slot(nd), buf[8];
	int i = sizeof(buf);

	do {
		buf[--i] = (char)('0' + port % 10);
		port /= 10;
	} while (port);
	memcpy(s, buf + i, sizeof(buf) - (size_t)i);
	s[sizeof(buf) - (size_t)i] = 0;
	return s;
}

const char *nd_udpport_string(struct nd *nd, uint16_t port)
{
	return nd_tcpport_string(nd, port);
}

static const struct nd_tok ipproto_names[] = {
	{ 0, "hopopt" }, { 1, "icmp" }, { 2, "igmp" }, { 4, "ipip" }, { 6, "tcp" },
	{ 8, "egp" }, { 9, "igrp" }, { 17, "udp" }, { 33, "dccp" }, { 41, "ip6" },
	{ 43, "routing" }, { 44, "frag" }, { 46, "rsvp" }, { 47, "gre" }, { 50, "esp" },
	{ 51, "ah" }, { 58, "icmp6" }, { 59, "nonext" }, { 60, "dstopts" }, { 89, "ospf" },
	{ 103, "pim" }, { 108, "comp" }, { 112, "vrrp" }, { 115, "l2tp" }, { 132, "sctp" },
	{ 135, "mobility" }, { 0, NULL },
};

const char *nd_ipproto_name(unsigned proto)
{
	for (const struct nd_tok *t = ipproto_names; t->s; t++)
		if (t->v == proto)
			return t->s;
	return NULL;
}

/* addr.c: addresses and protocol names as tcpdump -n prints them */
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

	ND_TCHECK_LEN(nd, p, 4);
	snprintf(s, 64, "%u.%u.%u.%u", p[0], p[1], p[2], p[3]);
	return s;
}

const char *nd_ip6addr_string(struct nd *nd, const uint8_t *p)
{
	char *s = slot(nd);

	ND_TCHECK_LEN(nd, p, 16);
	if (!inet_ntop(AF_INET6, p, s, 64))
		snprintf(s, 64, "?");
	return s;
}

const char *nd_etheraddr_string(struct nd *nd, const uint8_t *p)
{
	char *s = slot(nd);

	ND_TCHECK_LEN(nd, p, 6);
	snprintf(s, 64, "%02x:%02x:%02x:%02x:%02x:%02x", p[0], p[1], p[2], p[3], p[4], p[5]);
	return s;
}

/* With -n (our default: we never resolve names), ports print as numbers. */
const char *nd_tcpport_string(struct nd *nd, uint16_t port)
{
	char *s = slot(nd);

	snprintf(s, 64, "%u", port);
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

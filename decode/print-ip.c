/* print-ip.c: IPv4 (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_ip_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned hlen, len, proto;

	nd->protocol = "ip";
	hlen = (GET_U_1(bp) & 0x0f) * 4;
	len = GET_BE_U_2(bp + 2);
	proto = GET_U_1(bp + 9);
	nd_printf(nd, "IP %s > %s: ", nd_ipaddr_string(nd, bp + 12), nd_ipaddr_string(nd, bp + 16));
	switch (proto) {
	case 6:
		nd_tcp_print(nd, bp + hlen, len - hlen, bp, 0);
		break;
	case 17:
		nd_udp_print(nd, bp + hlen, len - hlen, bp, 0, GET_U_1(bp + 8));
		break;
	case 1:
		nd_icmp_print(nd, bp + hlen, len - hlen, bp, 0);
		break;
	default:
		nd_printf(nd, "ip-proto-%u %u", proto, len - hlen);
	}
}

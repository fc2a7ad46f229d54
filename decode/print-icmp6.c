/* print-icmp6.c: ICMPv6 with neighbour and router discovery (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_icmp6_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int fragmented)
{
	nd->protocol = "icmp6";
	nd_printf(nd, "ICMP6, length %u", length);
}

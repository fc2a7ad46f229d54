/* print-ip6.c: IPv6 and its extension headers (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_ip6_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	nd->protocol = "ip6";
	nd_printf(nd, "IP6 %s > %s: ", nd_ip6addr_string(nd, bp + 8), nd_ip6addr_string(nd, bp + 24));
}

/* print-udp.c: UDP and the dispatch to DNS (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_udp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		  int fragmented, unsigned ttl_hlim)
{
	nd->protocol = "udp";
	nd_printf(nd, "UDP, length %u", length - 8);
}

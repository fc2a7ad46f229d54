/* print-icmp.c: ICMP (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_icmp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		   int fragmented)
{
	nd->protocol = "icmp";
	nd_printf(nd, "ICMP, length %u", length);
}

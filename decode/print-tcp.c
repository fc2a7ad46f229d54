/* print-tcp.c: TCP (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_tcp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		  int fragmented)
{
	nd->protocol = "tcp";
	nd_printf(nd, "tcp %u", length);
}

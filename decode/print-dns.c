/* print-dns.c: DNS over UDP and TCP (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_dns_print(struct nd *nd, const uint8_t *bp, unsigned length, int over_tcp, int mdns)
{
	nd->protocol = "domain";
}

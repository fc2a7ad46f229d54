/* print-arp.c: ARP (stub: to be completed) */
#include "config.h"

#include "nd.h"

void nd_arp_print(struct nd *nd, const uint8_t *bp, unsigned length, unsigned caplen)
{
	nd->protocol = "arp";
	nd_printf(nd, "ARP, length %u", length);
}

/* print-ether.c: Ethernet, 802.1Q/QinQ, and the Ethernet-type dispatch (stub: to be completed) */
#include "config.h"

#include "nd.h"

int nd_ethertype_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned length,
		       unsigned caplen)
{
	switch (type) {
	case 0x0800:
		nd_ip_print(nd, p, length);
		return 1;
	case 0x86dd:
		nd_ip6_print(nd, p, length);
		return 1;
	case 0x0806:
		nd_arp_print(nd, p, length, caplen);
		return 1;
	default:
		return 0;
	}
}

unsigned nd_ether_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	unsigned type;

	nd->protocol = "ether";
	ND_TCHECK_LEN(nd, p, 14);
	nd->ll_hdr_len = 14;
	type = GET_BE_U_2(p + 12);
	if (nd_ethertype_print(nd, type, p + 14, length - 14, caplen - 14))
		return 14;
	nd_printf(nd, "ethertype Unknown (0x%04x), length %u: ", type, length);
	return 14;
}

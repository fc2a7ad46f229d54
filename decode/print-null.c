/* print-null.c: BSD loopback (DLT_NULL, DLT_LOOP) and raw IP link types (stub: to be completed) */
#include "config.h"

#include "nd.h"

unsigned nd_null_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
		       int loop)
{
	nd->protocol = "null";
	ND_TCHECK_LEN(nd, p, 4);
	nd->ll_hdr_len = 4;
	nd_ip_print(nd, p + 4, length - 4);
	return 4;
}

unsigned nd_raw_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	nd->protocol = "raw";
	if ((GET_U_1(p) >> 4) == 6)
		nd_ip6_print(nd, p, length);
	else
		nd_ip_print(nd, p, length);
	return 0;
}

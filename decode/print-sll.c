/* print-sll.c: Linux cooked captures, SLL and SLL2 (stub: to be completed) */
#include "config.h"

#include "nd.h"

unsigned nd_sll_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	nd->protocol = "sll";
	ND_TCHECK_LEN(nd, p, 16);
	nd->ll_hdr_len = 16;
	nd_ethertype_print(nd, GET_BE_U_2(p + 14), p + 16, length - 16, caplen - 16);
	return 16;
}

unsigned nd_sll2_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen)
{
	nd->protocol = "sll2";
	ND_TCHECK_LEN(nd, p, 20);
	nd->ll_hdr_len = 20;
	nd_ethertype_print(nd, GET_BE_U_2(p), p + 20, length - 20, caplen - 20);
	return 20;
}

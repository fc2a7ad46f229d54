/* print-bgp.h: the printers for routing protocols above TCP (BGP on port 179) */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_BGP_H
#define PKTCAP_PRINT_BGP_H

#include "nd.h"

/* print-bgp.c: every BGP message found in a TCP segment (details with -v). */
void nd_bgp_print(struct nd *nd, const uint8_t *bp, unsigned length);

#endif

/* print-ospf.h: what OSPF's two files share: the traffic engineering LSA printer */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_OSPF_H
#define PKTCAP_PRINT_OSPF_H

#include <stdint.h>

#include "nd.h"

/* The TLVs of a TE opaque LSA's body, ls_length bytes; -1 where tcpdump stops printing it. */
int nd_ospf_te_print(struct nd *nd, const uint8_t *tp, unsigned ls_length);
/* GMPLS names tcpdump shares between OSPF-TE and IS-IS (its gmpls.c): print-ospf-te.c. */
extern const struct nd_tok nd_gmpls_link_protection[];
extern const struct nd_tok nd_gmpls_switch_caps[];
extern const struct nd_tok nd_gmpls_encodings[];

#endif

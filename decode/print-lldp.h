/* print-lldp.h: what LLDP's two files share: the printers of organisation-specific TLVs */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_LLDP_H
#define PKTCAP_PRINT_LLDP_H

#include <stdint.h>

#include "nd.h"

/*
 * The TLV's value at tp (OUI and subtype first), len bytes, known to be
 * captured; each returns 1 if tcpdump would also hex dump the TLV.
 */
int nd_lldp_8021_print(struct nd *nd, const uint8_t *tp, unsigned len);
int nd_lldp_8023_print(struct nd *nd, const uint8_t *tp, unsigned len);
int nd_lldp_iana_print(struct nd *nd, const uint8_t *tp, unsigned len);
int nd_lldp_tia_print(struct nd *nd, const uint8_t *tp, unsigned len);
int nd_lldp_dcbx_print(struct nd *nd, const uint8_t *pp, unsigned len);

#endif

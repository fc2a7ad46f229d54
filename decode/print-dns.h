/* print-dns.h: what the DNS printer's files share */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_DNS_H
#define PKTCAP_PRINT_DNS_H

#include <stdint.h>

#include "nd.h"

/* A domain name at cp, compression pointers resolved against msg; returns what follows or NULL. */
const uint8_t *nd_dns_name_print(struct nd *nd, const uint8_t *cp, const uint8_t *msg);
/* One EDNS0 option at cp; returns what follows. */
const uint8_t *nd_dns_edns_opt_print(struct nd *nd, const uint8_t *cp);

#endif

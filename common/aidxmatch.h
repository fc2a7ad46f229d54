/* aidxmatch.h: a filter's plan asked of one stored file's address index, without reading a packet (list, preserve) */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_AIDXMATCH_H
#define PKTCAP_AIDXMATCH_H

#include <stddef.h>
#include <stdint.h>

#include "addridx.h"
#include "bpfplan.h"

/*
 * The filter for a ring whose files start with the pcap file header hdr:
 * compiled as a dump compiles it (libpcap checks it; the caller bounds
 * its terms, proto.h), then planned. *plan is NULL when there is no plan
 * (why says why): every file may match. -1 with the reason in err when the
 * filter does not compile.
 */
int aidxmatch_plan(const char *filter, const uint8_t hdr[24], struct bpfplan **plan,
		   int *linktype, char *why, size_t whylen, char *err, size_t errlen);

enum { AIDXMATCH_NO, AIDXMATCH_MAY, AIDXMATCH_UNKNOWN };
/*
 * What the address index of dirfd/name says of plan p: AIDXMATCH_NO when
 * no packet of the file can match, AIDXMATCH_MAY when some may (and, with
 * x, the index is left loaded in *x for the caller to addridx_free), and
 * AIDXMATCH_UNKNOWN without a usable index (none, damaged, another file's,
 * another link type) or without a plan.
 */
int aidxmatch_file(int dirfd, const char *name, const struct bpfplan *p, int linktype,
		   struct addridx *x);

#endif

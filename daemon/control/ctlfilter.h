/* ctlfilter.h: a client's filter compiled off the control loop: libpcap may look up host names, which can take seconds */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CTLFILTER_H
#define PKTCAP_CTLFILTER_H

#include <stddef.h>

#include <pcap/pcap.h>

/*
 * On the ctl-worker, before a dump or export with a filter starts: compiles
 * filter for the link type and snap length (0: 262144) and keeps the
 * program, or libpcap's refusal, for ctlfilter_compile. At most 16 are kept,
 * the oldest dropped first.
 */
void ctlfilter_prepare(const char *filter, int linktype, int snaplen);
/*
 * The program for filter: the one ctlfilter_prepare kept (taken, so each
 * is used once), or compiled here when there is none. 0, or -1 with
 * libpcap's message in err. Any thread.
 */
int ctlfilter_compile(const char *filter, int linktype, int snaplen, struct bpf_program *prog,
		      char *err, size_t errlen);

#endif

/* pcapng.h: a minimal pcapng writer for dumps that merge hosts: one named interface per host */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PCAPNG_H
#define PKTCAP_PCAPNG_H

#include <stdint.h>
#include <stdio.h>

#include <pcap/pcap.h>

struct pcapng_if {
	int linktype;
	int snaplen;		/* 0: unknown */
	const char *name;	/* if_name, e.g. the host */
};

/* A section header, then an interface description per entry, with nanosecond time stamps. */
void pcapng_write_header(FILE *f, const struct pcapng_if *ifs, int n);
/* An enhanced packet block on interface ifid (its index in the header). */
void pcapng_write_packet(FILE *f, uint32_t ifid, uint64_t ns, const struct pcap_pkthdr *h,
			 const u_char *data);

#endif

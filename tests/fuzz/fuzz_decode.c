/* fuzz_decode.c: libFuzzer target for the packet printers: link type, options and bytes from the input */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nd.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const int linktypes[] = { DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_NULL, DLT_LOOP,
				 101, DLT_IPV4, DLT_IPV6 };
/* With byte 0's high five bits all set (no -T type has that number): the serial link types. */
static const int linktypes2[] = { DLT_PPP, DLT_PPP_SERIAL, DLT_PPP_ETHER, 166 /* DLT_PPP_PPPD */,
				  DLT_C_HDLC, DLT_FRELAY };

static int linktype_of(uint8_t b)
{
	if (b >> 3 == 31)
		return linktypes2[(b & 7) % (sizeof(linktypes2) / sizeof(linktypes2[0]))];
	return linktypes[b % (sizeof(linktypes) / sizeof(linktypes[0]))];
}

/*
 * Byte 0 picks the link type (low three bits) and a -T type (the rest: 0 or
 * more than 20 for none; 31 switches to the second table of link types), byte 1 the options (-v levels, -e, -q, -x/-X,
 * -A), byte 2 how much of the packet counts as captured; the rest is the
 * packet. Output goes to /dev/null: only crashes and bad reads matter.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *devnull;
	struct pcap_pkthdr h;
	struct nd nd;
	uint8_t flags, *copy;
	size_t len;

	if (size < 3)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	if (nd_init(&nd, devnull) < 0)
		return 0;
	flags = data[1];
	nd.o.vflag = flags & 3;
	nd.o.eflag = (flags >> 2) & 1;
	nd.o.qflag = (flags >> 3) & 1;
	nd.o.Xflag = (flags >> 4) & 1;
	nd.o.xflag = (flags >> 5) & 1;
	nd.o.Aflag = (flags >> 6) & 1;
	nd.o.Sflag = (flags >> 7) & 1;
	nd.o.packettype = data[0] >> 3 <= ND_PT_DOMAIN ? data[0] >> 3 : 0;
	len = size - 3;
	/* A private copy of exactly the captured bytes, so ASan sees any read past it. */
	copy = malloc(len ? len : 1);
	if (!copy) {
		nd_free(&nd);
		return 0;
	}
	memcpy(copy, data + 3, len);
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = 1700000000;
	h.caplen = (bpf_u_int32)len;
	h.len = (bpf_u_int32)len + data[2];
	if (h.caplen > 0)
		nd_print_packet(&nd, linktype_of(data[0]), &h, copy, 0);
	/* A second packet exercises the per-connection TCP state. */
	if (h.caplen > 0)
		nd_print_packet(&nd, linktype_of(data[0]), &h, copy, 0);
	free(copy);
	nd_free(&nd);
	return 0;
}

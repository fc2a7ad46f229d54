/* capture.h: opening a ring's libpcap handle while the daemon still has the right to */
#ifndef PKTCAP_CAPTURE_H
#define PKTCAP_CAPTURE_H

#include "ring.h"

/* Opens, configures, activates and filters the ring's handle; logs and returns -1 on failure. */
int capture_open(struct ring *r, int promisc);
/* Reads everything the kernel has for the ring now; returns packets read or -1. */
int capture_dispatch(struct ring *r);
/* The 24-byte pcap file header exactly as libpcap writes it for handle P. */
int capture_file_header(pcap_t *p, uint8_t *out);
/* The block timeout of the handle: a partly filled kernel block is handed over after it. */
#define CAPTURE_TIMEOUT_MS 100

#endif

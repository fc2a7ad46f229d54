/* capture.h: each ring's libpcap handle, made while privileged and re-bound to new interfaces */
/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Start-up opens the handles; from then on every call here but
 * capture_open and capture_close belongs to the capture thread
 * (capthread.c). Other threads go through capture/capctl.h.
 */
#ifndef PKTCAP_CAPTURE_H
#define PKTCAP_CAPTURE_H

#include <stdint.h>

#include "ring.h"

/*
 * Opens, configures, activates and filters the ring's handle; logs and
 * returns -1 on failure. An interface that is missing or down is no
 * failure: the handle is made on a placeholder and the ring waits.
 */
int capture_open(struct ring *r, int promisc);
/* Closes the handle and frees what capture_open made; the ring itself stays. */
void capture_close(struct ring *r);
/* Reads everything the kernel has for the ring now; returns packets read or -1. */
int capture_dispatch(struct ring *r);
/*
 * Looks up the interface that has the ring's name now and follows it:
 * re-binds the handle to a new interface of that name, or lets the ring
 * wait while there is none (or it is down). Needs no privilege. Returns 1
 * when the handle was bound to a new interface.
 */
int capture_follow(struct ring *r);
/* Closes a vanished interface's file once its last packets are read; from the flush timer. */
void capture_tick(struct ring *r);
/*
 * Compiles FILTER for the link type the ring's files hold, on the ring's own
 * handle (start-up, capture thread); the reason for a failure goes to err.
 * Reload uses capture_compile_for (capctl.h).
 */
int capture_compile(struct ring *r, const char *filter, struct bpf_program *prog, char *err,
		    size_t errlen);

void capture_link_status(const struct ring *r, struct capture_link_status *st);

/* The block timeout of the handle: a partly filled kernel block is handed over after it. */
#define CAPTURE_TIMEOUT_MS 100
/* The 24-byte pcap file header exactly as libpcap writes it for handle P. */
int capture_file_header(pcap_t *p, uint8_t *out);

#endif

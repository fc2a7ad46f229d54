/* print-nfs.h: what the NFS, file handle and SunRPC printers share */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_NFS_H
#define PKTCAP_PRINT_NFS_H

#include "print-app.h"

/* print-nfsfh.c: " fh ..." for a handle of words 32-bit words (all captured). */
void nd_nfs_printfh(struct nd *nd, const uint8_t *fh, unsigned words);
/* print-nfs.c: an RPC reply, with the addresses as tcpdump's -T rpc prints them. */
void nd_nfsreply_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip);

#endif

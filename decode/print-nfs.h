/* print-nfs.h: what the NFS, file handle and SunRPC printers share */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_NFS_H
#define PKTCAP_PRINT_NFS_H

#include "print-app.h"

/* print-nfsfh.c: " fh ..." for a handle of words 32-bit words (all captured). */
void nd_nfs_printfh(struct nd *nd, const uint8_t *fh, unsigned words);

/* NFS v3 procedure numbers; v2 calls are mapped onto them. */
enum {
	NFSP_NULL, NFSP_GETATTR, NFSP_SETATTR, NFSP_LOOKUP, NFSP_ACCESS, NFSP_READLINK,
	NFSP_READ, NFSP_WRITE, NFSP_CREATE, NFSP_MKDIR, NFSP_SYMLINK, NFSP_MKNOD, NFSP_REMOVE,
	NFSP_RMDIR, NFSP_RENAME, NFSP_LINK, NFSP_READDIR, NFSP_READDIRPLUS, NFSP_FSSTAT,
	NFSP_FSINFO, NFSP_PATHCONF, NFSP_COMMIT, NFSP_NOOP = 25,
};

#define ND_NFS_NPROCS 26

/* print-nfs.c: what calls and replies share (tcpdump's names, the v2 to v3 procedure map). */
extern const uint8_t nd_nfs_v2_procs[ND_NFS_NPROCS];
extern const struct nd_tok nd_nfs_proc_names[], nd_nfs_write_modes[], nd_nfs_file_types[];
uint64_t nd_nfs_be64(struct nd *nd, const uint8_t *p);
const char *nd_nfs_tok(const struct nd_tok *t, const char *fmt, unsigned v, char *buf,
		       size_t len);
/* p + n, or the end of the capture if that is nearer (a later read there fails as tcpdump's). */
const uint8_t *nd_nfs_skip(struct nd *nd, const uint8_t *p, uint64_t n);
/* A file handle (" fh ...") or a name ("\"...\""); NULL when not all captured. */
const uint8_t *nd_nfs_parsefh(struct nd *nd, const uint8_t *dp, int v3);
const uint8_t *nd_nfs_parsefn(struct nd *nd, const uint8_t *dp);
/* The call a reply answers: 0 and its procedure and version, or -1. */
int nd_nfs_xid_find(struct nd *nd, const uint8_t *rp, const uint8_t *ip, uint32_t *proc,
		    uint32_t *vers);

/* print-nfsreply.c: a reply after "NFS reply xid N "; with the addresses as -T rpc prints them. */
void nd_nfsreply_noaddr_print(struct nd *nd, const uint8_t *rp, unsigned length,
			      const uint8_t *ip);
void nd_nfsreply_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip);

#endif

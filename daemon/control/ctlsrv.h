/* ctlsrv.h: the control socket: accept, check peers, frame requests, answer without blocking */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CTLSRV_H
#define PKTCAP_CTLSRV_H

#include <sys/socket.h>
#include <sys/types.h>

#include <jansson.h>

#include "daemon.h"
#include "proto.h"

/*
 * Binds PATH (mode 0660, group gid: the read group) in a directory only root
 * may write, or adopts systemd's socket. OPERATORS names the group that may
 * also rotate, reload and reindex ("" for root and the daemon user only).
 */
struct ctlsrv *ctlsrv_open(const char *path, uid_t uid, gid_t gid, const char *operators);
/* A reload's new operator-group; -1 (and no change) when there is no such group. */
int ctlsrv_set_operators(struct ctlsrv *s, const char *group);
/*
 * Starts accepting in the event loop, and the ctl-worker; each request goes
 * where the dispatch table (dispatch.c) says.
 */
int ctlsrv_start(struct ctlsrv *s, struct daemon *d);
void ctlsrv_close(struct ctlsrv *s);
/* The rotate command's handler: rationed per ring, then control_rotate(). Loop only. */
json_t *ctlsrv_rotate(struct daemon *d, const struct proto_request *req, const struct ucred *peer);

#endif

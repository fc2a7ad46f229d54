/* ctlsrv.h: the control socket: accept, check peers, frame requests, answer without blocking */
#ifndef PKTCAP_CTLSRV_H
#define PKTCAP_CTLSRV_H

#include <sys/types.h>

#include "daemon.h"

/*
 * Binds PATH (mode 0660, group gid: the read group) in a directory only root
 * may write, or adopts systemd's socket. OPERATORS names the group that may
 * also rotate, reload and reindex ("" for root and the daemon user only).
 */
struct ctlsrv *ctlsrv_open(const char *path, uid_t uid, gid_t gid, const char *operators);
/* A reload's new operator-group; -1 (and no change) when there is no such group. */
int ctlsrv_set_operators(struct ctlsrv *s, const char *group);
/* Starts accepting in the event loop; requests go to control_handle(). */
int ctlsrv_start(struct ctlsrv *s, struct daemon *d);
void ctlsrv_close(struct ctlsrv *s);

#endif

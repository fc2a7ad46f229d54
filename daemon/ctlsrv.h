/* ctlsrv.h: the control socket: accept, check peers, frame requests, answer without blocking */
#ifndef PKTCAP_CTLSRV_H
#define PKTCAP_CTLSRV_H

#include <sys/types.h>

#include "daemon.h"

/* Binds PATH (mode 0660, group gid) while privileged, or adopts systemd's socket. */
struct ctlsrv *ctlsrv_open(const char *path, uid_t uid, gid_t gid);
/* Starts accepting in the event loop; requests go to control_handle(). */
int ctlsrv_start(struct ctlsrv *s, struct daemon *d);
void ctlsrv_close(struct ctlsrv *s);
size_t ctlsrv_clients(const struct ctlsrv *s);

#endif

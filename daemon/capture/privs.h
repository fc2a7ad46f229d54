/* privs.h: giving up root and every capability for good once the captures are open */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRIVS_H
#define PKTCAP_PRIVS_H

#include <sys/types.h>

/* Looks up USER and GROUP; logs and returns -1 when either does not exist. */
int privs_lookup(const char *user, const char *group, uid_t *uid, gid_t *gid);

/*
 * As root: clear supplementary groups, switch to uid/gid, empty every
 * capability set (bounding and ambient included). Unprivileged (file
 * capabilities): only drop the capabilities. Then set no_new_privs and verify
 * that root and capabilities cannot come back. Returns 0 or -1.
 */
int privs_drop(uid_t uid, gid_t gid);

#endif

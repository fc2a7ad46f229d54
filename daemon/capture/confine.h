/* confine.h: the daemon's own seccomp filter, installed after the privilege drop */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CONFINE_H
#define PKTCAP_CONFINE_H

/*
 * Loads an allow-list of the system calls the daemon needs once it runs
 * unprivileged, on every thread (TSYNC), for good: anything else fails with
 * EPERM and is logged by the kernel; network sockets fail with EAFNOSUPPORT;
 * execve, execveat and ptrace kill the process. Needs no_new_privs (set by
 * privs_drop). Logs and returns -1 if the filter cannot be loaded.
 */
int confine_install(void);

#endif

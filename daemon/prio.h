/* prio.h: background threads (indexer, verify) lower themselves to idle CPU and I/O priority */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRIO_H
#define PKTCAP_PRIO_H

/*
 * Puts the calling thread, and only it, in the idle CPU class (SCHED_IDLE,
 * nice 19) and the idle I/O class, and names it (at most 15 bytes). Every
 * call names its target as 0, "the caller": the daemon's seccomp filter
 * allows priority changes for that target only, so no thread can change
 * another's. Returns 0, or -1 when any of the three could not be set (logged
 * at warning level: the thread then competes with capture).
 */
int prio_idle_self(const char *name);

#endif

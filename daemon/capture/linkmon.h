/* linkmon.h: rtnetlink link events, the doorbell that tells the rings an interface came or went */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_LINKMON_H
#define PKTCAP_LINKMON_H

/* A non-blocking NETLINK_ROUTE socket joined to RTMGRP_LINK, or -1 (logged). */
int linkmon_open(void);
/*
 * Reads what is pending. Returns 1 when a link was added, changed or
 * removed, or when events were lost (look at every interface again), and
 * 0 otherwise.
 */
int linkmon_read(int fd);

#endif

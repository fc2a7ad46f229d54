/* linkmon.c: rtnetlink link events, the doorbell that tells the rings an interface came or went */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "capture/linkmon.h"
#include "log.h"

/* Reads per wake-up: the loop comes back for the rest, so a storm cannot starve it. */
#define LINKMON_BATCH 64

int linkmon_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = RTMGRP_LINK };
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, NETLINK_ROUTE);

	if (fd < 0) {
		log_warn("cannot open a netlink socket for link events: %s", strerror(errno));
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		log_warn("cannot listen to link events: %s", strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

int linkmon_read(int fd)
{
	union {
		struct nlmsghdr nh;
		char buf[16384];
	} u;
	int changed = 0;

	for (int i = 0; i < LINKMON_BATCH; i++) {
		struct sockaddr_nl from;
		socklen_t fromlen = sizeof(from);
		ssize_t n = recvfrom(fd, u.buf, sizeof(u.buf), 0, (struct sockaddr *)&from, &fromlen);
		struct nlmsghdr *nh;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			/* The socket overflowed and events were lost: every ring looks again. */
			if (errno == ENOBUFS) {
				changed = 1;
				continue;
			}
			break;
		}
		/* Only the kernel speaks for the links. */
		if (fromlen != sizeof(from) || from.nl_pid != 0)
			continue;
		for (nh = &u.nh; NLMSG_OK(nh, n); nh = NLMSG_NEXT(nh, n))
			if (nh->nlmsg_type == RTM_NEWLINK || nh->nlmsg_type == RTM_DELLINK)
				changed = 1;
	}
	return changed;
}

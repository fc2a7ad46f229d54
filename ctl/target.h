/* target.h: pktctl -H's target, "[USER@]HOST[:PORT][/SOCKET]", taken apart for ssh */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_TARGET_H
#define PKTCAP_TARGET_H

#include <stddef.h>

/* A DNS name is at most 253 characters; a user name, a port and a path have their own limits. */
#define TARGET_HOST_MAX 256
#define TARGET_USER_MAX 256
#define TARGET_PORT_MAX 8
#define TARGET_PATH_MAX 4096

struct target {
	char user[TARGET_USER_MAX];	/* "" when not given: ssh's own default */
	char host[TARGET_HOST_MAX];	/* without the brackets of "[::1]" */
	char port[TARGET_PORT_MAX];	/* "" when not given */
	char path[TARGET_PATH_MAX];	/* the remote socket, "" for its default */
};

/*
 * Takes apart SPEC, "[USER@]HOST[:PORT][/SOCKET]" (HOST may be "[IPV6]"),
 * into t. Every part is checked against its buffer and against what ssh
 * and the remote shell would make of it; 0, or -1 with the reason in err.
 */
int target_parse(const char *spec, struct target *t, char *err, size_t errlen);

#endif

/* ctlrights.h: who may send which control request, and how often a ring may be rotated on request */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CTLRIGHTS_H
#define PKTCAP_CTLRIGHTS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "daemon.h"
#include "proto.h"

/*
 * Two rights. The socket's group (group in pktcapd.conf) reads; root, the
 * daemon's own user and operator-group also operate. Operating implies
 * reading. Which command needs which is a column of the dispatch table
 * (dispatch.c).
 */
enum ctl_right { CTL_RIGHT_NONE, CTL_RIGHT_READ, CTL_RIGHT_OPERATE };

/* Requested rotations per ring: CTL_ROTATE_BURST in a row, then one per CTL_ROTATE_USEC. */
#define CTL_ROTATE_BURST 3
#define CTL_ROTATE_USEC (10ULL * 1000000)

struct ctl_rotate_slot;

struct ctlrights {
	uid_t uid;		/* the daemon's user */
	gid_t gid;		/* the socket's group: readers */
	int has_operators;	/* operator-group is set */
	gid_t op_gid;
	char *op_group;		/* its name, "" for none */
	struct ctl_rotate_slot *rot;
	size_t nrot;
};

/* Looks the operator group up ("" for none); -1 and no change if it does not exist. */
int ctlrights_set_operators(struct ctlrights *r, const char *group);
/* The right of the peer on fd, its credentials in *cred. */
enum ctl_right ctlrights_peer(const struct ctlrights *r, int fd, struct ucred *cred);
/* Why cmd is refused, naming the group that grants it. */
void ctlrights_refusal(const struct ctlrights *r, enum proto_cmd cmd, char *msg, size_t len);
/*
 * Takes one requested rotation from every ring matching want, or none when
 * one of them has none left: then returns the microseconds until it has one
 * and names that ring in which. Returns 0 when the rotation may go on, and
 * (uint64_t)-1 when out of memory.
 */
uint64_t ctlrights_ration_rotate(struct ctlrights *r, struct daemon *d, const char *want,
				 uint64_t now, char *which, size_t len);
void ctlrights_free(struct ctlrights *r);

#endif

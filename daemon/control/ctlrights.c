/* ctlrights.c: the read and operator rights of control clients, and rotations on request rationed */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control/ctlrights.h"
#include "log.h"

/* When a ring may next be rotated on request: a GCRA, a burst and then a steady rate. */
struct ctl_rotate_slot {
	char ring[160];
	uint64_t tat;
};

int ctlrights_set_operators(struct ctlrights *r, const char *group)
{
	struct group *gr = *group ? getgrnam(group) : NULL;
	char *copy;

	if (*group && !gr) {
		log_err("operator-group '%s' not found (create it, or leave operator-group out; once confined, pktcapd asks only file-based name services)",
			group);
		return -1;
	}
	copy = strdup(group);
	if (!copy)
		return -1;
	free(r->op_group);
	r->op_group = copy;
	r->has_operators = gr != NULL;
	r->op_gid = gr ? gr->gr_gid : 0;
	return 0;
}

enum ctl_right ctlrights_peer(const struct ctlrights *r, int fd, struct ucred *cred)
{
	gid_t groups[256];
	socklen_t len = sizeof(*cred);
	enum ctl_right right = CTL_RIGHT_NONE;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, &len) < 0)
		return CTL_RIGHT_NONE;
	if (cred->uid == 0 || cred->uid == r->uid || (r->has_operators && cred->gid == r->op_gid))
		return CTL_RIGHT_OPERATE;
	if (cred->gid == r->gid)
		right = CTL_RIGHT_READ;
	len = sizeof(groups);
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) == 0)
		for (size_t i = 0; i < len / sizeof(gid_t); i++) {
			if (r->has_operators && groups[i] == r->op_gid)
				return CTL_RIGHT_OPERATE;
			if (groups[i] == r->gid)
				right = CTL_RIGHT_READ;
		}
	return right;
}

void ctlrights_refusal(const struct ctlrights *r, enum proto_cmd cmd, char *msg, size_t len)
{
	if (r->has_operators)
		snprintf(msg, len, "permission denied: %s needs group %s (operator-group), or root",
			 proto_cmd_name(cmd), r->op_group);
	else
		snprintf(msg, len, "permission denied: %s needs root or the daemon's user (no operator-group is set in pktcapd.conf)",
			 proto_cmd_name(cmd));
}

static struct ctl_rotate_slot *slot_of(struct ctlrights *r, const char *ring)
{
	struct ctl_rotate_slot *n;

	for (size_t i = 0; i < r->nrot; i++)
		if (!strcmp(r->rot[i].ring, ring))
			return &r->rot[i];
	n = realloc(r->rot, (r->nrot + 1) * sizeof(*n));
	if (!n)
		return NULL;
	r->rot = n;
	n = &r->rot[r->nrot++];
	snprintf(n->ring, sizeof(n->ring), "%s", ring);
	n->tat = 0;
	return n;
}

uint64_t ctlrights_ration_rotate(struct ctlrights *r, struct daemon *d, const char *want,
				 uint64_t now, char *which, size_t len)
{
	const uint64_t slack = (CTL_ROTATE_BURST - 1) * CTL_ROTATE_USEC;
	uint64_t wait = 0;

	/* Checked first, charged only when every ring has a rotation left. */
	for (int charge = 0; charge < 2 && !wait; charge++)
		for (size_t i = 0; i < d->nrings; i++) {
			struct ctl_rotate_slot *slot;
			uint64_t tat;

			if (!ring_matches(d->rings[i], want))
				continue;
			slot = slot_of(r, d->rings[i]->name);
			if (!slot)
				return (uint64_t)-1;
			tat = slot->tat > now ? slot->tat : now;
			if (charge) {
				slot->tat = tat + CTL_ROTATE_USEC;
			} else if (tat - now > slack && tat - now - slack > wait) {
				wait = tat - now - slack;
				snprintf(which, len, "%s", slot->ring);
			}
		}
	return wait;
}

void ctlrights_free(struct ctlrights *r)
{
	free(r->op_group);
	free(r->rot);
	r->op_group = NULL;
	r->rot = NULL;
	r->nrot = 0;
}

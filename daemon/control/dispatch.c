/* dispatch.c: the one table of control commands: who may send each, its handler and its thread */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stddef.h>

#include "control/control.h"
#include "control/ctlsrv.h"
#include "control/dispatch.h"
#include "control/dumpjob.h"
#include "evidence/evidence.h"
#include "reply.h"

/*
 * A list with a limit is one page, small whatever the ring holds; one
 * without is everything. One with a filter reads an address index per file.
 */
static int list_pages(const struct proto_request *req)
{
	return req->limit != 0 && !*req->filter;
}

/* A verify that names its job only asks how far it got. */
static int verify_polls(const struct proto_request *req)
{
	return req->job != 0;
}

/*
 * Every command the daemon answers. Adding one means a row here, a name in
 * proto.c and a handler. Operating (changing what is kept or how the daemon
 * runs) needs CTL_RIGHT_OPERATE; reading all captured traffic needs
 * CTL_RIGHT_READ. WORKER is for whatever may take long: a case's files
 * linked and signed, a configuration parsed and its filters compiled, a
 * whole ring queued for re-reading.
 */
static const struct ctl_command commands[] = {
	{ CMD_STATUS, CTL_RIGHT_READ, control_status, CTL_INLINE, NULL },
	{ CMD_LIST, CTL_RIGHT_READ, control_list, CTL_WORKER, list_pages },
	{ CMD_INTERFACES, CTL_RIGHT_READ, control_interfaces, CTL_INLINE, NULL },
	{ CMD_DUMP, CTL_RIGHT_READ, NULL, CTL_STREAM, NULL },
	/* Reads every case's manifest, and waits for a preserve or release that is writing one. */
	{ CMD_CASES, CTL_RIGHT_READ, evidence_cases, CTL_WORKER, NULL },
	{ CMD_KEY, CTL_RIGHT_READ, evidence_key, CTL_INLINE, NULL },
	{ CMD_VERIFY, CTL_RIGHT_READ, evidence_verify, CTL_WORKER, verify_polls },
	/* Waits for the writer to seal the file capture closed. */
	{ CMD_ROTATE, CTL_RIGHT_OPERATE, ctlsrv_rotate, CTL_WORKER, NULL },
	{ CMD_RELOAD, CTL_RIGHT_OPERATE, control_reload, CTL_WORKER, NULL },
	{ CMD_REINDEX, CTL_RIGHT_OPERATE, control_reindex, CTL_WORKER, NULL },
	{ CMD_PRESERVE, CTL_RIGHT_OPERATE, evidence_preserve, CTL_WORKER, NULL },
	{ CMD_RELEASE, CTL_RIGHT_OPERATE, evidence_release, CTL_WORKER, NULL },
};

/* Not a command: a dump's or export's filter, compiled on the worker before the stream starts. */
static const struct ctl_command prepare = {
	CMD_DUMP, CTL_RIGHT_READ, dump_job_prepare, CTL_WORKER, NULL
};

const struct ctl_command *dispatch_prepare(void)
{
	return &prepare;
}

const struct ctl_command *dispatch_find(enum proto_cmd cmd)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (commands[i].cmd == cmd)
			return &commands[i];
	return NULL;
}

enum ctl_kind dispatch_kind(const struct ctl_command *c, const struct proto_request *req)
{
	if (c->kind == CTL_WORKER && c->quick && c->quick(req))
		return CTL_INLINE;
	return c->kind;
}

/* A named ring (or interface) must exist: the rings never change while the daemon runs. */
static int ring_known(const struct daemon *d, const char *want)
{
	if (!*want)
		return 1;
	for (size_t i = 0; i < d->nrings; i++)
		if (ring_matches(d->rings[i], want))
			return 1;
	return 0;
}

json_t *dispatch_call(const struct ctl_command *c, struct daemon *d,
		      const struct proto_request *req, const struct ucred *peer)
{
	if (!ring_known(d, req->ring))
		return control_fail("no ring \"%s\" (pktctl status lists them)", req->ring);
	if (!c->handler)
		return control_fail("%s is not answered here", proto_cmd_name(c->cmd));
	return c->handler(d, req, peer);
}

/* control.h: the handlers of status, list, interfaces, rotate, reindex and reload, answering in JSON */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CONTROL_H
#define PKTCAP_CONTROL_H

#include <sys/socket.h>

#include <jansson.h>

#include "daemon.h"
#include "proto.h"
#include "reply.h"

/*
 * Each returns the reply object, {"ok": true, "result": ...} or {"ok":
 * false, "error": ...}. dispatch.c names the thread each runs on; a named
 * ring is known to exist by then. peer is who asked (SO_PEERCRED).
 */
json_t *control_status(struct daemon *d, const struct proto_request *req, const struct ucred *peer);
json_t *control_list(struct daemon *d, const struct proto_request *req, const struct ucred *peer);
json_t *control_interfaces(struct daemon *d, const struct proto_request *req,
			   const struct ucred *peer);
json_t *control_rotate(struct daemon *d, const struct proto_request *req, const struct ucred *peer);
json_t *control_reindex(struct daemon *d, const struct proto_request *req, const struct ucred *peer);
json_t *control_reload(struct daemon *d, const struct proto_request *req, const struct ucred *peer);

#endif

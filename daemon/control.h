/* control.h: what each control request does, answering in JSON */
#ifndef PKTCAP_CONTROL_H
#define PKTCAP_CONTROL_H

#include <jansson.h>

#include "daemon.h"
#include "proto.h"

/* Returns the reply object: {"ok": true, "result": ...} or {"ok": false, "error": ...}. */
json_t *control_handle(struct daemon *d, const struct proto_request *req);

#endif

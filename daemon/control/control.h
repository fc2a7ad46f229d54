/* control.h: what each control request does, answering in JSON */
#ifndef PKTCAP_CONTROL_H
#define PKTCAP_CONTROL_H

#include <jansson.h>

#include "daemon.h"
#include "proto.h"

/* Returns the reply object: {"ok": true, "result": ...} or {"ok": false, "error": ...}. */
json_t *control_handle(struct daemon *d, const struct proto_request *req);
/* The two reply shapes, for every request handler: result (may be NULL), or an error text. */
json_t *control_ok(json_t *result);
json_t *control_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

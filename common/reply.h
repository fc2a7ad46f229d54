/* reply.h: the two shapes of a control reply, for every plane that answers a request */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_REPLY_H
#define PKTCAP_REPLY_H

#include <jansson.h>

/*
 * {"ok": true, "result": RESULT} (an empty object for NULL), or
 * {"ok": false, "error": TEXT}, the text cleaned to valid UTF-8. The names
 * keep their control_ prefix from before they moved here, so that evidence
 * code answers requests without depending on the control plane.
 */
json_t *control_ok(json_t *result);
json_t *control_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif

/* reply.c: the two shapes of a control reply, ok with a result or an error text */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "proto.h"
#include "reply.h"

json_t *control_ok(json_t *result)
{
	return json_pack("{s:b, s:o}", "ok", 1, "result", result ? result : json_object());
}

json_t *control_fail(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* An error may quote a name from the request: it must stay valid UTF-8 to be sent. */
	proto_utf8_clean(msg);
	return json_pack("{s:b, s:s}", "ok", 0, "error", msg);
}

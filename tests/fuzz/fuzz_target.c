/* fuzz_target.c: libFuzzer target for pktctl -H's target parser ("[USER@]HOST[:PORT][/SOCKET]") */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is one -H argument; every part that comes back must be a string within its buffer. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *spec = malloc(size + 1), err[256];
	struct target t;

	if (!spec)
		return 0;
	memcpy(spec, data, size);
	spec[size] = 0;
	if (target_parse(spec, &t, err, sizeof(err)) == 0 &&
	    (!memchr(t.host, 0, sizeof(t.host)) || !*t.host || !memchr(t.path, 0, sizeof(t.path)) ||
	     strchr(t.path, '\'') || t.host[0] == '-'))
		__builtin_trap();
	free(spec);
	return 0;
}

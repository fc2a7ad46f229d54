/* fuzz_conf.c: libFuzzer target for pktcapd.conf as pktcapd -t reads it */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is the text of a configuration file, NUL bytes and all. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct conf *conf = NULL;
	char err[1024];
	char *text;

	if (size > CONF_FILE_MAX)
		return 0;
	text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = 0;
	if (conf_load_text("fuzz.conf", text, size, &conf, err, sizeof(err)) == 0) {
		/* What the daemon relies on after a successful load. */
		if (!conf || !conf->nifaces || !conf->user || !conf->storage ||
		    conf->storage[0] != '/')
			__builtin_trap();
		for (size_t i = 0; i < conf->nifaces; i++)
			for (size_t j = 0; j < conf->ifaces[i].nprofiles; j++)
				if (!conf->ifaces[i].resolved[j])
					__builtin_trap();
		for (size_t i = 0; i < conf->nprofiles; i++)
			if (conf->profiles[i].keep_age_ms > INT64_MAX / 1000000 ||
			    conf->profiles[i].write_queue > CONF_WRITE_QUEUE_MAX)
				__builtin_trap();
	} else if (conf || strncmp(err, "fuzz.conf:", 10)) {
		/* A failure allocates nothing and always names the file. */
		__builtin_trap();
	}
	conf_free(conf);
	free(text);
	return 0;
}

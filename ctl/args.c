/* args.c: pktctl's words after the options: which name rings, which begin the filter */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "args.h"
#include "client.h"

/* The daemon's rings, asked for once: over ssh every question is a connection. */
static json_t *known_rings(const char *const *socks, int nsocks)
{
	static json_t *rings;
	static int asked;

	if (asked)
		return rings;
	asked = 1;
	for (int i = 0; i < nsocks && !rings; i++) {
		json_t *req = json_pack("{s:s}", "cmd", "status"), *reply;
		char err[512];

		reply = req ? client_call(socks[i], req, 5000, err, sizeof(err)) : NULL;
		json_decref(req);
		rings = json_object_get(json_object_get(reply, "result"), "rings");
		if (json_is_array(rings))
			json_incref(rings);
		else
			rings = NULL;
		json_decref(reply);
	}
	return rings;
}

int args_rings(const char *const *socks, int nsocks, const char *word, char (*names)[160],
	       int max)
{
	json_t *rings, *ring;
	size_t i;
	int n = 0, typo = 0;

	if (strpbrk(word, " \t\n") || !*word)
		return 0;
	rings = known_rings(socks, nsocks);
	if (!rings) {
		if (!strchr(word, '/') || max < 1)
			return 0;
		snprintf(names[0], sizeof(names[0]), "%s", word);
		return 1;
	}
	json_array_foreach(rings, i, ring) {
		const char *name = json_string_value(json_object_get(ring, "name"));
		const char *iface = json_string_value(json_object_get(ring, "interface"));

		if (!name || !iface)
			continue;
		if ((!strcmp(name, word) || !strcmp(iface, word)) && n < max)
			snprintf(names[n++], sizeof(names[0]), "%s", name);
		/* "eth0/wbe": a profile the interface lacks, which the daemon will say. */
		if (!strncmp(word, iface, strlen(iface)) && word[strlen(iface)] == '/')
			typo = 1;
	}
	if (!n && typo && max > 0) {
		snprintf(names[0], sizeof(names[0]), "%s", word);
		n = 1;
	}
	return n;
}

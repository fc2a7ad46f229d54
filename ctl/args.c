/* args.c: pktctl's words after the options: which name rings, which begin the filter */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <ctype.h>
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

/*
 * IFACE/PROFILE: a letter, then letters, digits, '_', '.' or '-', a slash
 * and the same again. libpcap's grammar has a slash only after a numeric
 * address (10.0.0.0/8, 2001:db8::/32), so such a word cannot begin a
 * filter: it is a ring without asking the daemon (a round trip of 2 to
 * 5 ms before the first byte of a cold window); the daemon says when it has
 * no such ring.
 */
static int ring_shaped(const char *word)
{
	const char *slash = strchr(word, '/');

	if (!slash || strchr(slash + 1, '/') || !isalpha((unsigned char)word[0]) ||
	    !isalpha((unsigned char)slash[1]))
		return 0;
	for (const char *c = word; *c; c++)
		if (c != slash && !isalnum((unsigned char)*c) && !strchr("_.-", *c))
			return 0;
	return 1;
}

int args_rings(const char *const *socks, int nsocks, const char *word, char (*names)[160],
	       int max)
{
	json_t *rings, *ring;
	size_t i;
	int n = 0, typo = 0;

	if (strpbrk(word, " \t\n") || !*word)
		return 0;
	if (ring_shaped(word) && max > 0 && strlen(word) < sizeof(names[0])) {
		snprintf(names[0], sizeof(names[0]), "%s", word);
		return 1;
	}
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

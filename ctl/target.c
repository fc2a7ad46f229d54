/* target.c: pktctl -H's target, "[USER@]HOST[:PORT][/SOCKET]", taken apart for ssh */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "target.h"

/* Copies n bytes of src into a buffer of size bytes; -1 when they do not fit. */
static int part(char *dst, size_t size, const char *src, size_t n)
{
	if (n >= size)
		return -1;
	memcpy(dst, src, n);
	dst[n] = 0;
	return 0;
}

/* Digits only, 1 to 65535: anything else would reach ssh as an option's text. */
static int port_ok(const char *p)
{
	unsigned long v = 0;

	if (!*p || strlen(p) > 5 || strspn(p, "0123456789") != strlen(p))
		return 0;
	sscanf(p, "%lu", &v);
	return v >= 1 && v <= 65535;
}

/* HOST or [HOST], then an optional :PORT, over the n bytes of s. */
static int host_port(const char *s, size_t n, struct target *t)
{
	const char *colon;

	if (n && s[0] == '[') {
		const char *end = memchr(s, ']', n);

		if (!end || part(t->host, sizeof(t->host), s + 1, (size_t)(end - s - 1)) < 0)
			return -1;
		if ((size_t)(end - s) + 1 == n)
			return 0;
		if (end[1] != ':')
			return -1;
		return part(t->port, sizeof(t->port), end + 2, n - (size_t)(end - s) - 2);
	}
	colon = memchr(s, ':', n);
	/* Two colons and no brackets: an IPv6 address without a port. */
	if (colon && !memchr(colon + 1, ':', n - (size_t)(colon - s) - 1)) {
		if (part(t->port, sizeof(t->port), colon + 1, n - (size_t)(colon - s) - 1) < 0)
			return -1;
		n = (size_t)(colon - s);
	}
	return part(t->host, sizeof(t->host), s, n);
}

int target_parse(const char *spec, struct target *t, char *err, size_t errlen)
{
	const char *slash = strchr(spec, '/'), *at;
	size_t n = slash ? (size_t)(slash - spec) : strlen(spec);

	memset(t, 0, sizeof(*t));
	/* The last @ before the path: a user name may not hold one, a host never does. */
	at = memchr(spec, '@', n);
	if (at) {
		if (part(t->user, sizeof(t->user), spec, (size_t)(at - spec)) < 0 || !*t->user) {
			snprintf(err, errlen, "-H %.80s: the user name is empty or too long", spec);
			return -1;
		}
		n -= (size_t)(at - spec) + 1;
		spec = at + 1;
	}
	if (host_port(spec, n, t) < 0 || !*t->host) {
		snprintf(err, errlen, "-H %.80s%s: no host, or one of more than %d characters", spec,
			 strlen(spec) > 80 ? "..." : "", TARGET_HOST_MAX - 1);
		return -1;
	}
	/* ssh would take "-oProxyCommand=..." for an option, whatever "--" says to others. */
	if (t->host[0] == '-' || t->user[0] == '-' || strpbrk(t->host, " \t\n@")) {
		snprintf(err, errlen, "-H %.80s: not a host name", t->host);
		return -1;
	}
	if (*t->port && !port_ok(t->port)) {
		snprintf(err, errlen, "-H: port '%.8s' is not a number from 1 to 65535", t->port);
		return -1;
	}
	if (slash && part(t->path, sizeof(t->path), slash, strlen(slash)) < 0) {
		snprintf(err, errlen, "-H: the socket path is longer than %d characters",
			 TARGET_PATH_MAX - 1);
		return -1;
	}
	/* The path goes to the remote shell in single quotes, which cannot hold one. */
	if (strchr(t->path, '\'') || strchr(t->path, '\n')) {
		snprintf(err, errlen, "-H: a socket path with a quote or a newline is not passed to ssh");
		return -1;
	}
	return 0;
}

/* slowdns.c: LD_PRELOAD shim whose getaddrinfo answers NAME.slow.invalid late (PKTCAP_SLOWDNS_SEC) with the address NAME spells */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"	/* _GNU_SOURCE, for RTLD_NEXT */

#include <dlfcn.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * A resolver that does not answer, without a network: "203-0-113-7.slow.invalid"
 * waits PKTCAP_SLOWDNS_SEC seconds (default 3), then resolves to
 * 203.0.113.7. Every other name goes to the real getaddrinfo.
 */
#define SUFFIX ".slow.invalid"

typedef int gai_fn(const char *, const char *, const struct addrinfo *, struct addrinfo **);

int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints,
		struct addrinfo **res)
{
	static gai_fn *real;
	size_t n = node ? strlen(node) : 0, k = strlen(SUFFIX);
	char addr[64];
	const char *sec;
	struct timespec ts = { 3, 0 };

	if (!real)
		real = (gai_fn *)dlsym(RTLD_NEXT, "getaddrinfo");
	if (n <= k || n - k >= sizeof(addr) || strcmp(node + n - k, SUFFIX))
		return real(node, service, hints, res);
	sec = getenv("PKTCAP_SLOWDNS_SEC");
	if (sec)
		ts.tv_sec = atoi(sec);
	nanosleep(&ts, NULL);
	memcpy(addr, node, n - k);
	addr[n - k] = 0;
	for (char *p = addr; *p; p++)
		if (*p == '-')
			*p = '.';
	return real(addr, service, hints, res);
}

/* test_target.c: pktctl -H's target parser: every form the man page gives, and what it refuses */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "target.h"

static struct target t;
static char err[256];

static int parse(const char *spec)
{
	return target_parse(spec, &t, err, sizeof(err));
}

/* The parts of spec, as "user|host|port|path". */
static const char *parts(const char *spec)
{
	static char buf[8192];

	if (parse(spec) < 0)
		return err;
	snprintf(buf, sizeof(buf), "%s|%s|%s|%s", t.user, t.host, t.port, t.path);
	return buf;
}

int main(void)
{
	char spec[8192];

	ok(!strcmp(parts("s1"), "|s1||"), "a bare host");
	ok(!strcmp(parts("root@s1:2222"), "root|s1|2222|"), "user, host and port");
	ok(!strcmp(parts("[2001:db8::1]:22/run/x.sock"), "|2001:db8::1|22|/run/x.sock"),
	   "an IPv6 address in brackets, a port and a socket");
	ok(!strcmp(parts("fe80::1"), "|fe80::1||"), "an IPv6 address without a port");
	ok(!strcmp(parts("a@b@c"), "a|b@c||") || parse("a@b@c") < 0, "a second @ is no host");
	ok(parse("") < 0 && parse("@h") < 0 && parse("u@") < 0, "no host, no user: refused");
	ok(parse("-oProxyCommand=x") < 0, "a host that ssh would read as an option is refused");
	ok(parse("h:0") < 0 && parse("h:65536") < 0 && parse("h:22x") < 0, "a port that is no port");
	ok(parse("h/run/it's.sock") < 0, "a quote in the socket path");
	/* The overflow of the old parser: a 300-character target with a socket path. */
	memset(spec, 'h', 10);
	spec[10] = '/';
	memset(spec + 11, 'p', 290);
	spec[301] = 0;
	ok(parse(spec) == 0 && strlen(t.path) == 291 && !strcmp(t.host, "hhhhhhhhhh"),
	   "300 characters, most of them the socket path");
	memset(spec, 'h', 300);
	spec[300] = 0;
	ok(parse(spec) < 0 && strstr(err, "more than 255"), "a 300-character host: %s", err);
	memset(spec, 'h', 255);
	spec[255] = 0;
	ok(parse(spec) == 0 && strlen(t.host) == 255, "a 255-character host fits exactly");
	return done_testing();
}

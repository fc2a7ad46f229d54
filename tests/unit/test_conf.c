/* test_conf.c: pktcapd.conf parses as documented and every mistake names its file and line */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conf.h"
#include "tap.h"

static char path[] = "/tmp/pktcap-test-conf-XXXXXX";
static char err[1024];

static int load(const char *text, struct conf **out)
{
	FILE *f = fopen(path, "w");

	fputs(text, f);
	fclose(f);
	return conf_load(path, out, err, sizeof(err));
}

/* Expects TEXT to fail at LINE with a message containing WANT. */
static void bad(const char *text, int line, const char *want)
{
	struct conf *c = NULL;
	char prefix[128];
	int rc = load(text, &c);

	snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	ok(rc < 0 && c == NULL && !strncmp(err, prefix, strlen(prefix)) && strstr(err, want),
	   "rejected at line %d with '%s': got '%s'", line, want, err);
	conf_free(c);
}

#define IFACE "interface eth0 {\n profiles = { p }\n}\n"

int main(void)
{
	struct conf *c = NULL;
	struct profile_conf *p;
	int fd = mkstemp(path);

	close(fd);

	ok(load("user = nobody\n"
		"group = nogroup\n"
		"operator-group = ops\n"
		"storage = /srv/cap\n"
		"log-level = debug\n"
		"profile web {\n"
		"  filter = \"tcp port 80\"\n"
		"  snaplen = 1500\n"
		"  rotate-size = 10M\n"
		"  rotate-interval = 1h\n"
		"  rotate-packets = 5000\n"
		"  keep-files = 10\n"
		"  keep-bytes = 1G\n"
		"  keep-age = 7d\n"
		"  min-free = 2G\n"
		"  compress = gzip\n"
		"  compress-level = 6\n"
		"  flush-interval = 500ms\n"
		"  timestamp-precision = nano\n"
		"}\n"
		"profile all { }\n"
		"interface eth0 {\n"
		"  profiles = { web, all }\n"
		"  promisc = false\n"
		"}\n"
		"interface lo { profiles = { all } }\n", &c) == 0, "full config loads: %s", err);
	if (c) {
		p = conf_profile(c, "web");
		ok(!strcmp(c->user, "nobody") && !strcmp(c->storage, "/srv/cap"), "globals");
		ok(!strcmp(c->operator_group, "ops"), "operator-group");
		ok(c->nprofiles == 2 && c->nifaces == 2, "two profiles, two interfaces");
		ok(p && !strcmp(p->filter, "tcp port 80") && p->snaplen == 1500, "filter and snaplen");
		ok(p && p->rotate_size == 10 << 20 && p->rotate_interval_ms == 3600000 &&
		   p->rotate_packets == 5000, "rotation");
		ok(p && p->keep_files == 10 && p->keep_bytes == 1ULL << 30 &&
		   p->keep_age_ms == 7 * 86400000ULL && p->min_free == 2ULL << 30, "retention");
		ok(p && p->compress == COMPRESS_GZIP && p->compress_level == 6 && p->flush_ms == 500 &&
		   p->nanosecond == 1, "compression, flush, precision");
		p = conf_profile(c, "all");
		ok(p && p->keep_files == 0 && p->keep_bytes == 0 && p->rotate_size == 100 << 20 &&
		   p->flush_ms == 1000 && p->compress == COMPRESS_NONE && *p->filter == 0,
		   "defaults: no retention limits, 100M files, 1s flush, no compression");
		ok(c->ifaces[0].promisc == 0 && c->ifaces[1].promisc == 1, "promisc per interface");
		ok(c->ifaces[0].nprofiles == 2 && c->ifaces[0].resolved[1] == p, "profiles resolved");
	}
	conf_free(c);
	c = NULL;
	ok(load("profile p { }\n" IFACE, &c) == 0 && c && !strcmp(c->operator_group, ""),
	   "operator-group: none by default");
	conf_free(c);

	bad("profile p {\n bogus = 1\n}\n" IFACE, 2, "no such option 'bogus'");
	bad("colour = blue\n", 1, "no such option 'colour'");
	bad("profile p {\n\n rotate-size = 10Q\n}\n" IFACE, 3, "rotate-size = '10Q' is not a size");
	bad("profile p {\n keep-bytes = lots\n}\n" IFACE, 2, "keep-bytes = 'lots' is not a size");
	bad("profile p {\n rotate-interval = 1y\n}\n" IFACE, 2, "is not a duration");
	bad("profile p {\n keep-age = soon\n}\n" IFACE, 2, "keep-age = 'soon' is not a duration");
	bad("profile p {\n filter = \"tcp port http and\"\n}\n" IFACE, 2,
	    "profile 'p': filter \"tcp port http and\" does not compile");
	bad("profile p {\n filter = \"udp prot 53\"\n}\n" IFACE, 2, "does not compile");
	bad("profile p { }\ninterface eth0 {\n profiles = { p, nope }\n}\n", 3,
	    "profile 'nope' does not exist");
	bad("profile p { }\nprofile q { }\nprofile p { }\n" IFACE, 3, "duplicate title 'p'");
	bad("profile p { }\n" IFACE "interface eth0 {\n profiles = { p }\n}\n", 5,
	    "duplicate title 'eth0'");
	bad("profile p {\n\n keep-files = 0\n}\n" IFACE, 3, "keep-files = 0 would keep no file");
	bad("profile p {\n keep-bytes = 0\n}\n" IFACE, 2, "keep-bytes = 0 would keep nothing");
	bad("profile p {\n keep-age = 0\n}\n" IFACE, 2, "keep-age = 0");
	bad("profile p {\n rotate-size = 100M\n keep-bytes = 10M\n}\n" IFACE, 3,
	    "keep-bytes (10M) is smaller than rotate-size (100M)");
	bad("profile p {\n compress = lz4\n}\n" IFACE, 2, "compress = 'lz4'");
	bad("profile p {\n snaplen = 10\n}\n" IFACE, 2, "snaplen 10 is outside");
	bad("profile p {\n timestamp-precision = pico\n}\n" IFACE, 2, "use micro or nano");
	bad("profile p {\n flush-interval = 0\n}\n" IFACE, 2, "flush-interval must be between");
	bad("log-level = chatty\nprofile p { }\n" IFACE, 1, "log-level = 'chatty'");
	bad("storage = relative/dir\nprofile p { }\n" IFACE, 1, "must be an absolute path");
	bad("profile p { }\ninterface eth0 {\n promisc = true\n}\n", 3, "no profiles");
	bad("profile p { }\ninterface eth0 {\n profiles = { p, p }\n}\n", 3, "listed twice");
	bad("profile p { }\n", 2, "no interface section");
	bad("profile ../x { }\n" IFACE, 1, "a name may use letters");
	bad("profile p {\n keep-files = three\n}\n" IFACE, 2, "invalid integer");
	bad("profile p {\n", 2, "");

	/* Values that used to pass the check and then misbehave at run time. */
	bad("profile p {\n keep-age = 16000000000w\n}\n" IFACE, 2,
	    "keep-age = '16000000000w' is too long");
	bad("profile p {\n rotate-interval = 106751992d\n}\n" IFACE, 2, "is too long");
	bad("profile p {\n keep-bytes = 8192P\n}\n" IFACE, 2, "keep-bytes = '8192P' is too large");
	bad("profile p {\n min-free = 99999999999999999999\n}\n" IFACE, 2, "is too large");
	bad("profile p {\n rotate-packets = 99999999999999999999\n}\n" IFACE, 2, "out of range");
	bad("profile p {\n keep-files = 9223372036854775808\n}\n" IFACE, 2, "out of range");
	bad("profile p {\n write-queue = 1T\n}\n" IFACE, 2, "write-queue must be at most 1G");
	bad("profile p {\n buffer-size = 4G\n}\n" IFACE, 2, "between 64K and 2047M");
	bad("profile p {\n write-queue = 32M\n queue-size = 16M\n}\n" IFACE, 3,
	    "queue-size must be between the write-queue and 1T");
	bad("profile p {\n queue-size = 2T\n}\n" IFACE, 2, "queue-size must be between");
	ok(load("profile p {\n queue-size = 4G\n}\nprofile q { }\n"
		"interface eth0 {\n profiles = { p, q }\n}\n", &c) == 0 &&
	   c->profiles[0].queue_size == 4ULL << 30 && c->profiles[1].queue_size == 16ULL << 20,
	   "queue-size = 4G is taken, and without it the queue is the write-queue: %s", err);
	conf_free(c);
	c = NULL;
	ok(load("profile p {\n queue-size = 4G\n queue-reserve = yes\n}\nprofile q { }\n"
		"interface eth0 {\n profiles = { p, q }\n}\n", &c) == 0 &&
	   c->profiles[0].queue_reserve == 1 && c->profiles[1].queue_reserve == 0,
	   "queue-reserve = yes is taken, and it is off by default: %s", err);
	conf_free(c);
	c = NULL;
	bad("profile p {\n queue-reserve = maybe\n}\n" IFACE, 2, "queue-reserve");
	bad("profile p {\n keep-age = 1d\n\n keep-age = 2d\n}\n" IFACE, 4,
	    "keep-age is set twice in the same section (first on line 2)");
	bad("user = a\nuser = b\nprofile p { }\n" IFACE, 2, "user is set twice");
	bad("profile p {\n\n filter = \"tcp\\0 or not tcp\"\n}\n" IFACE, 3, "NUL");
	bad("profile p {\n filter = \"tcp\\x00 or udp\"\n}\n" IFACE, 2, "NUL");
	bad("profile p {\n filter = \"tcp\\000\"\n}\n" IFACE, 2, "NUL");
	{
		static const char raw[] = "profile p {\n filter = \"tcp\0port 80\"\n}\n" IFACE;
		FILE *f = fopen(path, "w");

		fwrite(raw, 1, sizeof(raw) - 1, f);
		fclose(f);
		ok(conf_load(path, &c, err, sizeof(err)) < 0 && strstr(err, ":2: a NUL byte"),
		   "a NUL byte in the file is refused: %s", err);
	}
	setenv("PKTCAP_TEST_DIR", "/srv/cap", 1);
	bad("\nstorage = ${PKTCAP_TEST_DIR}\nprofile p { }\n" IFACE, 2, "is not expanded");
	bad("storage = \"${PKTCAP_TEST_DIR}\"\nprofile p { }\n" IFACE, 1, "is not expanded");
	/* "//" inside a word is no comment for libconfuse, so not for the check either. */
	bad("storage = /srv//${PKTCAP_TEST_DIR}\nprofile p { }\n" IFACE, 1, "is not expanded");
	ok(load("# storage = ${HOME}\n/* ${HOME} */ storage = '/srv/${x}'\n"
		"socket = \"/run/a\\x01\"\nprofile p { }\n" IFACE, &c) == 0 &&
	   !strcmp(c->storage, "/srv/${x}"),
	   "${ in comments and single quotes, and \\x01, are left alone: %s", err);
	conf_free(c);
	c = NULL;
	ok(load("profile p {\n keep-age = 15250w\n buffer-size = 2047M\n write-queue = 1G\n}\n"
		IFACE, &c) == 0 && c->profiles[0].keep_age_ms == 15250ULL * 604800000,
	   "the largest values are accepted: %s", err);
	conf_free(c);
	c = NULL;

	/* The filter bound: terms are primitives; a bare portrange weighs 4. */
	ok(conf_filter_terms("") == 1 && conf_filter_terms("udp") == 1 &&
	   conf_filter_terms("tcp port 80 or tcp port 443") == 2 &&
	   conf_filter_terms("a&&b||(c and not d)") == 4 &&
	   conf_filter_terms("portrange 1-2 or tcp") == 5 &&
	   conf_filter_terms("host orange and port 1") == 2,
	   "filter terms are counted by operator, portrange heavier");
	{
		char text[16384];
		size_t n = (size_t)snprintf(text, sizeof(text), "profile p {\n filter = \"udp");

		for (int i = 0; i < CONF_FILTER_MAX_TERMS - 1; i++)
			n += (size_t)snprintf(text + n, sizeof(text) - n, " or port 1");
		snprintf(text + n, sizeof(text) - n, "\"\n}\n" IFACE);
		ok(load(text, &c) == 0, "a filter of %d terms is accepted: %s", CONF_FILTER_MAX_TERMS,
		   err);
		conf_free(c);
		c = NULL;
		snprintf(text + n, sizeof(text) - n, " or port 2\"\n}\n" IFACE);
		bad(text, 2, "257 terms, more than 256");
	}

	ok(conf_load("/nonexistent/pktcapd.conf", &c, err, sizeof(err)) < 0 &&
	   strstr(err, "/nonexistent/pktcapd.conf: cannot read"), "missing file: %s", err);
	unlink(path);
	return done_testing();
}

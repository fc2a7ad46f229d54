/* list.c: pktctl list: a window of a ring's files, asked for and printed a page at a time */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "client.h"
#include "format.h"
#include "list.h"
#include "proto.h"
#include "timeparse.h"

/* Files per request: a reply stays small however many the ring keeps. */
#define PAGE 1000
/* What a terminal shows without --since, --until, --last or --all. */
#define TERMINAL_LAST 20

void list_usage(FILE *out)
{
	fprintf(out,
		"Usage: pktctl list [RING] [--since TIME] [--until TIME] [--last N] [--all] [-v] [--json] [FILTER]\n"
		"List the stored files with first and last packet time, packets and size.\n\n"
		"  --since TIME   files holding packets from TIME on (as for dump: 10:15, -1h, ...)\n"
		"  --until TIME   files that start before TIME\n"
		"  --last N       only the newest N files of the selection\n"
		"  --all          every file (a terminal otherwise gets the last %d)\n"
		"  -v, --verbose  with a FILTER: the time ranges of each file that can hold matches\n"
		"  -j, --json     the files as JSON, streamed as they come\n"
		"  FILTER         only files that can hold matches, from the address indexes alone\n\n"
		"Examples:\n  pktctl list eth0/web --since -1h\n"
		"  pktctl list eth0/web --since -7d -v host 203.0.113.7\n", TERMINAL_LAST);
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

struct list {
	const char *socket;
	int timeout_ms;
	int json;
	const char *ring;
	int64_t since, until;
	uint64_t last;
	uint64_t files;		/* printed so far */
	uint64_t hidden;	/* matched by time but left out by --last */
	char filter[PROTO_FILTER_MAX + 1];	/* only files whose index says they may match */
	int verbose;		/* and the blocks that may */
	int noplan;		/* a ring said no index can answer the filter */
	uint64_t skipped;	/* files the filter left out */
};

static json_t *request(const struct list *l, const char *from_ring, json_int_t from)
{
	json_t *req = json_pack("{s:s, s:I}", "cmd", "list", "limit", (json_int_t)PAGE);

	if (!req)
		return NULL;
	if (l->ring)
		json_object_set_new(req, "ring", json_string(l->ring));
	if (l->since)
		json_object_set_new(req, "since", json_integer(l->since));
	if (l->until)
		json_object_set_new(req, "until", json_integer(l->until));
	if (l->last)
		json_object_set_new(req, "last", json_integer((json_int_t)l->last));
	if (*l->filter)
		json_object_set_new(req, "filter", json_string(l->filter));
	if (*l->filter && l->verbose)
		json_object_set_new(req, "blocks", json_true());
	if (from_ring) {
		json_object_set_new(req, "from_ring", json_string(from_ring));
		json_object_set_new(req, "from", json_integer(from));
	}
	return req;
}

/* The first page: the rings' summaries, and the start of the output. */
static void begin(struct list *l, json_t *rings)
{
	json_t *ring;
	size_t i;

	json_array_foreach(rings, i, ring)
		l->hidden += (uint64_t)(json_integer_value(json_object_get(ring, "matched")) -
					json_integer_value(json_object_get(ring, "selected")));
	if (l->json) {
		char *s = json_dumps(rings, JSON_COMPACT);

		printf("{\"ok\": true, \"result\": {\"rings\": %s, \"files\": [", s ? s : "[]");
		free(s);
		return;
	}
	json_array_foreach(rings, i, ring) {
		format_list_ring(ring);
		/* Without a plan, every file is listed: say why. */
		if (*l->filter && json_is_null(json_object_get(ring, "plan")) && ++l->noplan)
			printf("  no index can answer the filter (%s): every file may hold matches\n",
			       json_string_value(json_object_get(ring, "plan_why")) ?: "?");
	}
	format_list_head();
}

static void file(struct list *l, json_t *f)
{
	if (l->json) {
		char *s = json_dumps(f, JSON_COMPACT);

		printf("%s\n  %s", l->files ? "," : "", s ? s : "null");
		free(s);
	} else {
		json_t *b;
		size_t i;

		format_list_file(f);
		json_array_foreach(json_object_get(f, "blocks"), i, b)
			printf("  may match from %s until %s\n",
			       json_string_value(json_object_get(b, "since")) ?: "?",
			       json_string_value(json_object_get(b, "until")) ?: "the end");
		if (l->verbose && !l->noplan && !strcmp(json_string_value(json_object_get(f, "match")) ?: "", "unknown"))
			printf("  may match anywhere: no address index answers for it\n");
	}
	l->files++;
}

/*
 * Pages until the daemon gives no "next": the output, JSON included, goes
 * out as the pages come, so the client never holds the whole ring either.
 */
static int run(struct list *l)
{
	char err[512], from_ring[160] = "";
	json_int_t from = 0;
	int first = 1;

	for (;;) {
		json_t *req = request(l, first ? NULL : from_ring, from), *reply, *res, *f, *next;
		size_t i;

		reply = req ? client_call(l->socket, req, l->timeout_ms, err, sizeof(err)) : NULL;
		json_decref(req);
		if (!reply) {
			if (!first)
				fflush(stdout);
			return client_fail(l->json && first, req ? err : "out of memory");
		}
		if (!json_is_true(json_object_get(reply, "ok"))) {
			if (l->json && first) {
				json_dumpf(reply, stdout, JSON_INDENT(2));
				putchar('\n');
			} else {
				fprintf(stderr, "pktctl: %s\n", format_error(reply));
			}
			json_decref(reply);
			return 1;
		}
		res = json_object_get(reply, "result");
		/* Not "next": its ring name goes back to the daemon as it came. */
		if (!l->json) {
			format_escape_tree(json_object_get(res, "rings"));
			format_escape_tree(json_object_get(res, "files"));
		}
		if (first)
			begin(l, json_object_get(res, "rings"));
		first = 0;
		json_array_foreach(json_object_get(res, "files"), i, f)
			file(l, f);
		l->skipped += (uint64_t)json_integer_value(json_object_get(res, "skipped"));
		next = json_object_get(res, "next");
		if (!json_is_object(next)) {
			json_decref(reply);
			break;
		}
		snprintf(from_ring, sizeof(from_ring), "%s",
			 json_string_value(json_object_get(next, "ring")) ?: "");
		from = json_integer_value(json_object_get(next, "from"));
		json_decref(reply);
	}
	if (l->json) {
		printf("%s]", l->files ? "\n" : "");
		if (*l->filter)
			printf(", \"skipped\": %" PRIu64, l->skipped);
		printf("}}\n");
	} else if (l->hidden) {
		printf("%" PRIu64 " more; use --since/--until or --all\n", l->hidden);
	}
	if (!l->json && *l->filter)
		printf("%" PRIu64 " file%s without matches left out\n", l->skipped,
		       l->skipped == 1 ? "" : "s");
	return 0;
}

/* Words a filter starts with (so it is not taken for a ring), as tcpdump reads them. */
int list_filter_start(const char *w)
{
	static const char *const words[] = {
		"host", "net", "port", "portrange", "src", "dst", "tcp", "udp", "sctp", "icmp",
		"icmp6", "ip", "ip6", "arp", "rarp", "proto", "vlan", "not", "ether", "less",
		"greater", "len", "gateway", "mpls", "pppoes", "geneve", "vxlan", "inbound",
		"outbound", "broadcast", "multicast", "igmp", "link", "wlan", "atalk", "decnet",
	};

	/* "ip[0] = 0x45", "tcp[13]": the word before a byte offset counts. */
	size_t n = strcspn(w, "[");

	if (*w == '(' || *w == '!' || strchr(w, ' '))
		return 1;
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strlen(words[i]) == n && !strncmp(w, words[i], n))
			return 1;
	return 0;
}

/* [RING] [FILTER...]: the ring is the first word unless a filter starts there. */
static int take_words(struct list *l, int argc, char **argv, char *err, size_t errlen)
{
	int i = optind;

	if (i < argc && (strchr(argv[i], '/') || !list_filter_start(argv[i])))
		l->ring = argv[i++];
	for (; i < argc; i++) {
		size_t n = strlen(l->filter);

		if (n + strlen(argv[i]) + 1 >= sizeof(l->filter)) {
			snprintf(err, errlen, "the filter is longer than %d bytes", PROTO_FILTER_MAX);
			return -1;
		}
		snprintf(l->filter + n, sizeof(l->filter) - n, "%s%s", n ? " " : "", argv[i]);
	}
	if (proto_filter_terms(l->filter) > PROTO_FILTER_MAX_TERMS) {
		snprintf(err, errlen, "the filter has %u terms, more than %d (and, or; a portrange counts 4)",
			 proto_filter_terms(l->filter), PROTO_FILTER_MAX_TERMS);
		return -1;
	}
	return 0;
}

int list_main(int argc, char **argv, const char *socket, int json, int timeout_ms)
{
	enum { OPT_SINCE = 256, OPT_UNTIL, OPT_LAST, OPT_ALL };
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "last", required_argument, NULL, OPT_LAST },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "verbose", no_argument, NULL, 'v' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct list l = { .socket = socket, .timeout_ms = timeout_ms, .json = json };
	int ch, all = 0;
	char err[256], *end;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "jhv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			l.json = 1;
			break;
		case 'v':
			l.verbose = 1;
			break;
		case 'h':
			list_usage(stdout);
			return 0;
		case OPT_SINCE:
		case OPT_UNTIL: {
			int64_t t;

			if (timeparse(optarg, now_ns(), &t) < 0) {
				snprintf(err, sizeof(err),
					 "%s %s: not a time (use 2026-11-26T10:15:00Z, 10:15, -10m, \"1h ago\" or @EPOCH)",
					 ch == OPT_SINCE ? "--since" : "--until", optarg);
				return client_fail(l.json, err);
			}
			if (ch == OPT_SINCE)
				l.since = t;
			else
				l.until = t;
			break;
		}
		case OPT_LAST:
			errno = 0;
			l.last = strtoull(optarg, &end, 10);
			if (errno || *end || !*optarg || *optarg == '-' || !l.last) {
				snprintf(err, sizeof(err), "--last %s: not a count of files (1 or more)",
					 optarg);
				return client_fail(l.json, err);
			}
			break;
		case OPT_ALL:
			all = 1;
			break;
		default:
			list_usage(stderr);
			return 2;
		}
	}
	if (take_words(&l, argc, argv, err, sizeof(err)) < 0)
		return client_fail(l.json, err);
	if (l.since && l.until && l.until <= l.since)
		return client_fail(l.json, "--until must be later than --since");
	/* A person at a terminal sees the newest files and how to get the rest. */
	if (!l.json && !all && !l.since && !l.until && !l.last && isatty(STDOUT_FILENO))
		l.last = TERMINAL_LAST;
	return run(&l);
}

/* evidence.c: pktctl preserve, cases, release, verify and key: the evidence holds of docs/evidence.md */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client.h"
#include "evidence.h"
#include "format.h"
#include "timeparse.h"

/* Verification of a large case takes a while: ask every 200 ms, for at most this long. */
#define VERIFY_POLL_MS 200
#define VERIFY_MAX_S (6 * 3600)

enum { OPT_SINCE = 256, OPT_UNTIL, OPT_CASE, OPT_NOTE, OPT_DELETE };

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Sends req; prints the error (or the JSON) and returns 1 when it failed, else 0 with *result. */
static int call(const struct evidence_opts *o, json_t *req, json_t **reply, json_t **result)
{
	char err[512];

	*reply = client_call(o->socket, req, o->timeout_ms, err, sizeof(err));
	json_decref(req);
	if (!*reply)
		return client_fail(o->json, err);
	if (!json_is_true(json_object_get(*reply, "ok"))) {
		const char *e = json_string_value(json_object_get(*reply, "error"));

		if (o->json) {
			json_dumpf(*reply, stdout, JSON_INDENT(2));
			putchar('\n');
		} else {
			fprintf(stderr, "pktctl: %s\n", e ? e : "the daemon reported an error");
		}
		json_decref(*reply);
		return 1;
	}
	*result = json_object_get(*reply, "result");
	return 0;
}

static void print_json(json_t *reply)
{
	json_dumpf(reply, stdout, JSON_INDENT(2));
	putchar('\n');
}

static int parse_args(struct evidence_opts *o, int argc, char **argv, const char *cmd,
		      json_t *req, const char **ring)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "case", required_argument, NULL, OPT_CASE },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "delete", no_argument, NULL, OPT_DELETE },
		{ "json", no_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	*ring = NULL;
	optind = 0;
	while ((ch = getopt_long(argc, argv, "j", longopts, NULL)) != -1) {
		int64_t t;

		switch (ch) {
		case OPT_SINCE:
		case OPT_UNTIL:
			if (timeparse(optarg, now_ns(), &t) < 0) {
				fprintf(stderr, "pktctl %s: cannot read the time '%s'\n", cmd, optarg);
				return -1;
			}
			json_object_set_new(req, ch == OPT_SINCE ? "since" : "until", json_integer(t));
			break;
		case OPT_CASE:
			json_object_set_new(req, "case", json_string(optarg));
			break;
		case OPT_NOTE:
			json_object_set_new(req, "note", json_string(optarg));
			break;
		case OPT_DELETE:
			json_object_set_new(req, "delete", json_true());
			break;
		case 'j':
			o->json = 1;
			break;
		default:
			return -1;
		}
	}
	if (optind < argc)
		*ring = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "pktctl %s: unexpected argument '%s'\n", cmd, argv[optind]);
		return -1;
	}
	return 0;
}

int evidence_preserve(struct evidence_opts *o, int argc, char **argv)
{
	json_t *req = json_pack("{s:s}", "cmd", "preserve"), *reply, *res, *f;
	const char *ring;
	size_t i;

	if (parse_args(o, argc, argv, "preserve", req, &ring) < 0) {
		json_decref(req);
		return 2;
	}
	if (!json_object_get(req, "case") || !json_object_get(req, "since") ||
	    !json_object_get(req, "until")) {
		json_decref(req);
		fprintf(stderr, "pktctl preserve: --case, --since and --until are needed\n");
		return 2;
	}
	if (ring)
		json_object_set_new(req, "ring", json_string(ring));
	if (call(o, req, &reply, &res))
		return 1;
	if (o->json) {
		print_json(reply);
	} else {
		json_array_foreach(json_object_get(res, "files"), i, f)
			printf("%s %s\n", json_is_true(json_object_get(f, "already")) ? "already held"
										 : "held",
			       json_string_value(json_object_get(f, "file")));
		printf("case %s: manifest head %s\n", json_string_value(json_object_get(res, "case")),
		       json_string_value(json_object_get(res, "manifest_head")));
	}
	json_decref(reply);
	return 0;
}

int evidence_cases(struct evidence_opts *o, int argc, char **argv)
{
	json_t *req = json_pack("{s:s}", "cmd", "cases"), *reply, *res, *c;
	const char *ring;
	size_t i;

	if (parse_args(o, argc, argv, "cases", req, &ring) < 0 || ring) {
		json_decref(req);
		return 2;
	}
	if (call(o, req, &reply, &res))
		return 1;
	if (o->json) {
		print_json(reply);
		json_decref(reply);
		return 0;
	}
	format_escape_tree(res);
	printf("%-20s %6s %12s  %-30s %-30s %-12s %s\n", "CASE", "FILES", "BYTES", "SINCE", "UNTIL",
	       "BY", "NOTE");
	json_array_foreach(json_object_get(res, "cases"), i, c) {
		const char *s = json_string_value(json_object_get(c, "since"));
		const char *u = json_string_value(json_object_get(c, "until"));
		const char *by = json_string_value(json_object_get(c, "created_by"));
		const char *note = json_string_value(json_object_get(c, "note"));

		printf("%-20s %6lld %12lld  %-30s %-30s %-12s %s%s\n",
		       json_string_value(json_object_get(c, "case")),
		       (long long)json_integer_value(json_object_get(c, "files")),
		       (long long)json_integer_value(json_object_get(c, "bytes")), s ? s : "-",
		       u ? u : "-", by ? by : "-", note ? note : "",
		       json_is_true(json_object_get(c, "held")) ? "" : " (released)");
	}
	json_decref(reply);
	return 0;
}

int evidence_release(struct evidence_opts *o, int argc, char **argv)
{
	json_t *req = json_pack("{s:s}", "cmd", "release"), *reply, *res;
	const char *ring;

	if (parse_args(o, argc, argv, "release", req, &ring) < 0 || ring ||
	    !json_object_get(req, "case")) {
		json_decref(req);
		fprintf(stderr, "Usage: pktctl release --case ID [--delete]\n");
		return 2;
	}
	if (call(o, req, &reply, &res))
		return 1;
	if (o->json)
		print_json(reply);
	else
		printf("case %s: %zu files %s; manifest head %s\n",
		       json_string_value(json_object_get(res, "case")),
		       json_array_size(json_object_get(res, "files")),
		       json_is_true(json_object_get(res, "deleted")) ? "deleted"
								     : "returned to retention",
		       json_string_value(json_object_get(res, "manifest_head")));
	json_decref(reply);
	return 0;
}

int evidence_verify(struct evidence_opts *o, int argc, char **argv)
{
	json_t *req = json_pack("{s:s}", "cmd", "verify"), *reply, *res, *f;
	const char *ring;
	json_int_t job;
	size_t i;
	int rc;

	if (parse_args(o, argc, argv, "verify", req, &ring) < 0) {
		json_decref(req);
		return 2;
	}
	if (ring)
		json_object_set_new(req, "ring", json_string(ring));
	if (call(o, req, &reply, &res))
		return 1;
	job = json_integer_value(json_object_get(res, "job"));
	json_decref(reply);
	for (long waited = 0;; waited += VERIFY_POLL_MS) {
		struct timespec ts = { 0, VERIFY_POLL_MS * 1000000L };

		if (waited / 1000 > VERIFY_MAX_S)
			return client_fail(o->json, "verify: no answer in time");
		if (call(o, json_pack("{s:s, s:I}", "cmd", "verify", "job", job), &reply, &res))
			return 1;
		if (json_is_true(json_object_get(res, "done")))
			break;
		json_decref(reply);
		nanosleep(&ts, NULL);
	}
	rc = json_is_true(json_object_get(res, "verified")) ? 0 : 1;
	if (o->json) {
		print_json(reply);
	} else {
		json_array_foreach(json_object_get(res, "findings"), i, f)
			printf("%s\n", json_string_value(f));
		if (!rc)
			printf("OK: %lld files, %lld bytes match their seals\n",
			       (long long)json_integer_value(json_object_get(res, "files_checked")),
			       (long long)json_integer_value(json_object_get(res, "bytes_checked")));
	}
	json_decref(reply);
	return rc;
}

int evidence_key(struct evidence_opts *o, int argc, char **argv)
{
	json_t *req = json_pack("{s:s}", "cmd", "key"), *reply, *res;
	const char *ring;

	if (parse_args(o, argc, argv, "key", req, &ring) < 0 || ring) {
		json_decref(req);
		return 2;
	}
	if (call(o, req, &reply, &res))
		return 1;
	if (o->json)
		print_json(reply);
	else
		fputs(json_string_value(json_object_get(res, "public_key")), stdout);
	json_decref(reply);
	return 0;
}

/* evidence.c: pktctl preserve, cases, release, verify and key: the evidence holds of docs/evidence.md */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "evcheck.h"
#include "evidence.h"
#include "format.h"
#include "list.h"
#include "proto.h"
#include "timeparse.h"

/* Verification of a large case takes a while: ask every 200 ms, for at most this long. */
#define VERIFY_POLL_MS 200
#define VERIFY_MAX_S (6 * 3600)

enum { OPT_SINCE = 256, OPT_UNTIL, OPT_CASE, OPT_NOTE, OPT_DELETE, OPT_DIR, OPT_KEY };

/* verify --dir DIR --key PUBKEY: checked here, without the daemon. */
struct local_args {
	const char *dir, *key;
};

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

/* The rest of the line is preserve's filter; the daemon compiles it and bounds its terms. */
static int take_filter(json_t *req, int argc, char **argv)
{
	char filter[PROTO_FILTER_MAX + 1] = "";

	for (; optind < argc; optind++) {
		size_t n = strlen(filter);

		if (n + strlen(argv[optind]) + 1 >= sizeof(filter)) {
			fprintf(stderr, "pktctl preserve: the filter is longer than %d bytes\n",
				PROTO_FILTER_MAX);
			return -1;
		}
		snprintf(filter + n, sizeof(filter) - n, "%s%s", n ? " " : "", argv[optind]);
	}
	json_object_set_new(req, "filter", json_string(filter));
	return 0;
}

static int parse_args(struct evidence_opts *o, int argc, char **argv, const char *cmd,
		      json_t *req, const char **ring, struct local_args *local)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "case", required_argument, NULL, OPT_CASE },
		{ "note", required_argument, NULL, OPT_NOTE },
		{ "delete", no_argument, NULL, OPT_DELETE },
		{ "dir", required_argument, NULL, OPT_DIR },
		{ "key", required_argument, NULL, OPT_KEY },
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
		case OPT_DIR:
		case OPT_KEY:
			if (!local) {
				fprintf(stderr, "pktctl %s: --dir and --key are verify's\n", cmd);
				return -1;
			}
			*(ch == OPT_DIR ? &local->dir : &local->key) = optarg;
			break;
		case 'j':
			o->json = 1;
			break;
		default:
			return -1;
		}
	}
	/* preserve [RING] [FILTER]: only the files that can hold a match. */
	if (optind < argc && !(!strcmp(cmd, "preserve") && list_filter_start(argv[optind])))
		*ring = argv[optind++];
	if (optind < argc && !strcmp(cmd, "preserve"))
		return take_filter(req, argc, argv);
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

	if (parse_args(o, argc, argv, "preserve", req, &ring, NULL) < 0) {
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

	if (parse_args(o, argc, argv, "cases", req, &ring, NULL) < 0 || ring) {
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

	if (parse_args(o, argc, argv, "release", req, &ring, NULL) < 0 || ring ||
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
		printf("case %s: %zu %s %s; manifest head %s\n",
		       json_string_value(json_object_get(res, "case")),
		       json_array_size(json_object_get(res, "files")),
		       FORMAT_PLURAL(json_array_size(json_object_get(res, "files")), "file", "files"),
		       json_is_true(json_object_get(res, "deleted")) ? "deleted"
								     : "returned to retention",
		       json_string_value(json_object_get(res, "manifest_head")));
	json_decref(reply);
	return 0;
}

/* The public key file given with --key; NULL after saying why. */
static struct evcheck_key *read_key(const char *path)
{
	char pem[8192], err[160];
	FILE *f = fopen(path, "re");
	size_t n = f ? fread(pem, 1, sizeof(pem), f) : 0;
	struct evcheck_key *k = NULL;

	if (!f) {
		fprintf(stderr, "pktctl verify: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	if (ferror(f) || n == sizeof(pem))
		fprintf(stderr, "pktctl verify: %s: cannot read a PEM key from it\n", path);
	else if (!(k = evcheck_key_pem(pem, n, err, sizeof(err))))
		fprintf(stderr, "pktctl verify: %s: %s\n", path, err);
	fclose(f);
	return k;
}

static void print_finding(void *arg, const char *text)
{
	json_t *findings = arg;

	json_array_append_new(findings, json_string(text));
}

/*
 * A copied case or an export directory, checked here by the same code the
 * daemon runs (common/evcheck.c): no daemon, no root, any machine. 0 when
 * everything checks out, 1 on any finding, 2 when it cannot start.
 */
static int verify_dir(const struct evidence_opts *o, const char *dir, const char *keyfile)
{
	struct evcheck c = { 0 };
	struct evcheck_key *key = read_key(keyfile);
	json_t *findings = json_array(), *f;
	size_t i;
	int rc = 2;

	c.dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (!key || c.dirfd < 0) {
		if (c.dirfd < 0)
			fprintf(stderr, "pktctl verify: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	c.key = key;
	c.finding = print_finding;
	c.arg = findings;
	evcheck_dir(&c);
	rc = c.findings ? 1 : 0;
	if (o->json) {
		json_t *j = json_pack("{s:b, s:{s:s, s:b, s:O, s:I, s:I}}", "ok", 1, "result", "dir",
				      dir, "verified", !rc, "findings", findings, "files_checked",
				      (json_int_t)c.files, "bytes_checked", (json_int_t)c.bytes);

		print_json(j);
		json_decref(j);
	} else {
		json_array_foreach(findings, i, f)
			printf("%s\n", json_string_value(f));
		if (!rc)
			printf("OK: %llu %s, %llu bytes; the signatures, SHA256SUMS and every file check out\n",
			       (unsigned long long)c.files, FORMAT_PLURAL(c.files, "file", "files"),
			       (unsigned long long)c.bytes);
	}
out:
	if (c.dirfd >= 0)
		close(c.dirfd);
	evcheck_key_free(key);
	json_decref(findings);
	return rc;
}

int evidence_verify(struct evidence_opts *o, int argc, char **argv)
{
	json_t *req = json_pack("{s:s}", "cmd", "verify"), *reply, *res, *f;
	struct local_args local = { NULL, NULL };
	const char *ring;
	json_int_t job;
	size_t i;
	int rc;

	if (parse_args(o, argc, argv, "verify", req, &ring, &local) < 0) {
		json_decref(req);
		return 2;
	}
	if (local.dir || local.key) {
		if (!local.dir || !local.key || ring || json_object_get(req, "case")) {
			json_decref(req);
			fprintf(stderr, "Usage: pktctl verify --dir DIR --key PUBKEY (without --case or RING)\n");
			return 2;
		}
		json_decref(req);
		return verify_dir(o, local.dir, local.key);
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
			printf("OK: %lld %s, %lld bytes %s\n",
			       (long long)json_integer_value(json_object_get(res, "files_checked")),
			       FORMAT_PLURAL(json_integer_value(json_object_get(res, "files_checked")),
					     "file", "files"),
			       (long long)json_integer_value(json_object_get(res, "bytes_checked")),
			       json_string_length(json_object_get(res, "case"))
				       ? "; the signatures, SHA256SUMS and every file check out"
				       : "match their seals");
	}
	json_decref(reply);
	return rc;
}

int evidence_key(struct evidence_opts *o, int argc, char **argv)
{
	json_t *req = json_pack("{s:s}", "cmd", "key"), *reply, *res;
	const char *ring;

	if (parse_args(o, argc, argv, "key", req, &ring, NULL) < 0 || ring) {
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

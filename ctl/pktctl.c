/* pktctl.c: the operator's tool: a table of commands, each asking pktcapd over its socket */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "client.h"
#include "escape.h"
#include "dump.h"
#include "evidence.h"
#include "format.h"
#include "metrics.h"
#include "list.h"

/* The FHS place, whatever the build prefix: the units and the config use it too. */
#define DEFAULT_SOCKET "/run/pktcapd/pktcapd.sock"
/* -H, repeatable: the daemons of several servers at once. */
#define MAX_HOSTS 16

struct opts {
	const char *socket;
	int json;
	int timeout_ms;
};

struct cmd {
	const char *name;
	const char *args;
	const char *help;
	const char *example;
	int (*run)(struct opts *o, int argc, char **argv, const struct cmd *c);
	const char *proto;	/* request "cmd" */
	int takes_ring;
	void (*print)(json_t *result);
};

static int cmd_help(struct opts *o, int argc, char **argv, const struct cmd *c);
static int cmd_dump(struct opts *o, int argc, char **argv, const struct cmd *c);
static int cmd_list(struct opts *o, int argc, char **argv, const struct cmd *c);
static int cmd_request(struct opts *o, int argc, char **argv, const struct cmd *c);
static int cmd_evidence(struct opts *o, int argc, char **argv, const struct cmd *c);
static int cmd_metrics(struct opts *o, int argc, char **argv, const struct cmd *c);

/* One row per command: dispatch, help and an example. */
static const struct cmd commands[] = {
	{ "status", "[RING] [--json]",
	  "Show the daemon and every ring: packets, drops, files, disk, how far back it sees",
	  "pktctl status eth0/web", cmd_request, "status", 1, format_status },
	{ "list", "[RING] [OPTIONS]",
	  "List the stored files with first and last packet time, packets and size",
	  "pktctl list eth0 --since -1h", cmd_list, "list", 1, format_list },
	{ "interfaces", "[--json]",
	  "List the interfaces as tcpdump -D does, with the rings that capture each",
	  "pktctl interfaces", cmd_request, "interfaces", 0, format_interfaces },
	{ "rotate", "[RING] [--json]",
	  "Close the current file of every ring (or of RING) now; the next packet starts a new one",
	  "pktctl rotate eth0/web", cmd_request, "rotate", 1, format_rotate },
	{ "reindex", "[RING] [--json]",
	  "Check every closed file against its seal and rebuild its index (in the background)",
	  "pktctl reindex eth0/web", cmd_request, "reindex", 1, format_reindex },
	{ "reload", "[--json]",
	  "Re-read the configuration; an invalid one is reported and the old one keeps running",
	  "pktctl reload", cmd_request, "reload", 0, format_reload },
	{ "dump", "[RING...] [OPTIONS] [FILTER]",
	  "Print stored packets as tcpdump does (or write pcap with -w); -r reads files",
	  "pktctl dump eth0/web --since 03:12 --until 03:13 -nn port 443", cmd_dump, NULL, 0,
	  NULL },
	{ "preserve", "[RING] --since T --until T --case ID [--note TEXT]",
	  "Hold the files of a time window as evidence in case ID, out of retention's reach",
	  "pktctl preserve eth0 --since 03:12 --until 03:13 --case INC-42 --note 'host X'",
	  cmd_evidence, "preserve", 0, NULL },
	{ "cases", "[--json]", "List the evidence cases: files, bytes, window, who made them",
	  "pktctl cases", cmd_evidence, "cases", 0, NULL },
	{ "verify", "[--case ID | RING | --dir DIR --key PUBKEY]",
	  "Re-hash a case's files, check its chain, signatures and SHA256SUMS (or a ring's seals; --dir: a copy, without the daemon)",
	  "pktctl verify --dir INC-42 --key host.pem", cmd_evidence, "verify", 0, NULL },
	{ "release", "--case ID [--delete]",
	  "End a hold: the files return to retention (or are deleted); the manifest records it",
	  "pktctl release --case INC-42", cmd_evidence, "release", 0, NULL },
	{ "export", "(--case ID | RING --since T --until T) [-z] -o DIR [FILTER]",
	  "Write a case's (or a window's) packets to DIR with provenance.json and signed SHA256SUMS",
	  "pktctl export --case INC-42 -o /tmp/INC-42 host 192.0.2.7", cmd_evidence, "export", 0,
	  NULL },
	{ "key", "[--json]", "Print the host's evidence public key (PEM) that signs manifests",
	  "pktctl key > host-key.pem", cmd_evidence, "key", 0, NULL },
	{ "summary", "[RING...] [--since T] [--until T] [FILTER]",
	  "Sum up stored packets as capinfos does: rates, drops, protocols, top talkers",
	  "pktctl summary eth0 --since 03:00 --until 04:00", cmd_dump, NULL, 0, NULL },
	{ "metrics", "[RING]",
	  "Print counters and gauges in the Prometheus text format, for node_exporter",
	  "pktctl metrics > /var/lib/prometheus/node-exporter/pktcap.prom", cmd_metrics, NULL, 1,
	  NULL },
	{ "help", "[COMMAND]", "Show this help, or one command's", "pktctl help status", cmd_help,
	  NULL, 0, NULL },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: pktctl [-S SOCKET] [-H HOST]... [--json] COMMAND [ARGS]\n"
		"Ask pktcapd, the packet-capture daemon, about its rings and files.\n\n"
		"Commands (any unique prefix will do):\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-11s %-16s %s\n", commands[i].name, commands[i].args,
			commands[i].help);
	fprintf(out,
		"\nOptions:\n"
		"  -S, --socket PATH  control socket (default %s); with -H, the remote one\n"
		"  -H, --host [USER@]HOST[:PORT]  ask HOST's daemon over ssh (pktctl --bridge there);\n"
		"                     repeatable: dump and summary merge the hosts by time, status\n"
		"                     is one table, --json one object keyed by host; a failing\n"
		"                     host is named on stderr (and in the JSON), exit 1\n"
		"  -j, --json         print the daemon's JSON answer (also on errors)\n"
		"  -V, --version      print the version\n"
		"  -h, --help         this help\n\n"
		"RING is INTERFACE/PROFILE, e.g. eth0/web, or INTERFACE for all its rings.\n",
		DEFAULT_SOCKET);
}

static void command_usage(FILE *out, const struct cmd *c)
{
	fprintf(out, "Usage: pktctl %s %s\n%s.\n\nExample:\n  %s\n", c->name, c->args, c->help,
		c->example);
}

/* Exact name, else a unique prefix; an empty word matches nothing. */
static int json_errors;	/* --json came before the command: usage errors are JSON too */

static void usage_error(const char *msg)
{
	client_fail(json_errors, msg);
}

static const struct cmd *find_command(const char *word)
{
	const struct cmd *found = NULL;
	int matches = 0;
	char msg[256];
	size_t off;

	if (!*word)
		return NULL;
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (!strcmp(commands[i].name, word))
			return &commands[i];
		if (!strncmp(commands[i].name, word, strlen(word))) {
			found = &commands[i];
			matches++;
		}
	}
	if (matches > 1) {
		off = (size_t)snprintf(msg, sizeof(msg), "'%.40s' is ambiguous:", word);
		for (size_t i = 0; i < NCOMMANDS && off < sizeof(msg); i++)
			if (!strncmp(commands[i].name, word, strlen(word)))
				off += (size_t)snprintf(msg + off, sizeof(msg) - off, " %s",
							commands[i].name);
		usage_error(msg);
		exit(2);
	}
	return found;
}

static int fail(struct opts *o, const char *msg)
{
	return client_fail(o->json, msg);
}

static int cmd_help(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	const struct cmd *which;

	if (argc < 2) {
		usage(stdout);
		return 0;
	}
	which = find_command(argv[1]);
	if (!which) {
		fprintf(stderr, "pktctl: no command '%s'\n", argv[1]);
		return 2;
	}
	if (which->run == cmd_dump) {
		if (!strcmp(which->name, "summary"))
			dump_summary_usage(stdout);
		else
			dump_usage(stdout);
		return 0;
	}
	if (which->run == cmd_list) {
		list_usage(stdout);
		return 0;
	}
	command_usage(stdout, which);
	return 0;
}

static int cmd_dump(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	return dump_main(argc, argv, o->socket, o->json);
}

static int cmd_evidence(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	struct evidence_opts eo = { o->socket, o->json, o->timeout_ms };

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		command_usage(stdout, c);
		return 0;
	}
	if (!strcmp(c->proto, "preserve"))
		return evidence_preserve(&eo, argc, argv);
	if (!strcmp(c->proto, "cases"))
		return evidence_cases(&eo, argc, argv);
	if (!strcmp(c->proto, "verify"))
		return evidence_verify(&eo, argc, argv);
	if (!strcmp(c->proto, "export"))
		return evidence_export(&eo, argc, argv);
	if (!strcmp(c->proto, "release"))
		return evidence_release(&eo, argc, argv);
	return evidence_key(&eo, argc, argv);
}

static int cmd_metrics(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	return metrics_main(argc, argv, o->socket, o->timeout_ms);
}

static int cmd_list(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	(void)c;
	return list_main(argc, argv, o->socket, o->json, o->timeout_ms);
}

/* A simple command's words: --json, --help, and RING where it takes one. -1: go on. */
static int request_args(struct opts *o, int argc, char **argv, const struct cmd *c,
			const char **ring)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	*ring = NULL;
	optind = 0;	/* 0: glibc starts over, forgetting the earlier "+" scan */
	while ((ch = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'j':
			o->json = 1;
			break;
		case 'h':
			command_usage(stdout, c);
			return 0;
		default:
			/* pktctl's own options go before the command word. */
			if (optopt == 'S' || optopt == 'H')
				fprintf(stderr,
					"pktctl: -%c is pktctl's option, not %s's: put it before the command (pktctl -%c ... %s)\n",
					optopt, c->name, optopt, c->name);
			command_usage(stderr, c);
			return 2;
		}
	}
	if (optind < argc) {
		if (!c->takes_ring || optind + 1 < argc) {
			fprintf(stderr, "pktctl %s: unexpected argument '%s'\n", c->name, argv[optind]);
			command_usage(stderr, c);
			return 2;
		}
		*ring = argv[optind];
	}
	return -1;
}

static json_t *request(struct opts *o, const char *sock, const struct cmd *c, const char *ring,
		       char *err, size_t errlen)
{
	json_t *req = json_pack("{s:s}", "cmd", c->proto), *reply;

	if (ring)
		json_object_set_new(req, "ring", json_string(ring));
	reply = client_call(sock, req, o->timeout_ms, err, errlen);
	json_decref(req);
	return reply;
}

static int cmd_request(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	const char *ring;
	json_t *reply;
	char err[1024];
	int rc = request_args(o, argc, argv, c, &ring);

	if (rc >= 0)
		return rc;
	reply = request(o, o->socket, c, ring, err, sizeof(err));
	if (!reply)
		return fail(o, err);
	rc = json_is_true(json_object_get(reply, "ok")) ? 0 : 1;
	if (o->json) {
		json_dumpf(reply, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (rc) {
		fprintf(stderr, "pktctl: %s\n", format_error(reply));
	} else {
		format_escape_tree(reply);
		c->print(json_object_get(reply, "result"));
	}
	json_decref(reply);
	return rc;
}

/* One host's failure on stderr, naming it (once: ssh's messages may already). */
static void host_error(const char *host, const char *msg)
{
	char esc[2048];

	escape_text(esc, sizeof(esc), msg);
	if (strstr(msg, host))
		fprintf(stderr, "pktctl: %s\n", esc);
	else
		fprintf(stderr, "pktctl: %s: %s\n", host, esc);
}

/*
 * status over several hosts: one table with a HOST column, and with --json
 * one object keyed by host, each the daemon's whole answer (or the error).
 */
static int status_hosts(struct opts *o, int argc, char **argv, const struct cmd *c,
			const char **socks, const char **hosts, int n)
{
	json_t *replies[MAX_HOSTS], *results[MAX_HOSTS], *all;
	const char *ring;
	char err[1024];
	int rc = request_args(o, argc, argv, c, &ring);

	if (rc >= 0)
		return rc;
	rc = 0;
	all = json_object();
	for (int i = 0; i < n; i++) {
		replies[i] = request(o, socks[i], c, ring, err, sizeof(err));
		results[i] = json_object_get(replies[i], "result");
		if (!json_is_true(json_object_get(replies[i], "ok"))) {
			rc = 1;
			host_error(hosts[i], replies[i] ? format_error(replies[i]) : err);
			if (!replies[i])
				replies[i] = json_pack("{s:b, s:s}", "ok", 0, "error", err);
			results[i] = NULL;
		}
		json_object_set(all, hosts[i], replies[i]);
	}
	if (o->json) {
		json_dumpf(all, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		for (int i = 0; i < n; i++)
			format_escape_tree(results[i]);
		format_status_hosts(hosts, results, n);
	}
	for (int i = 0; i < n; i++)
		json_decref(replies[i]);
	json_decref(all);
	return rc;
}

/* Whether the command's own words ask for JSON (pktctl -H a -H b list --json). */
static int wants_json(struct opts *o, int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "-j"))
			return 1;
	return o->json;
}

/* Puts fd 1 or 2 into a fresh temporary file; the old one comes back from restore. */
static FILE *capture(int fd, int *saved)
{
	FILE *tmp = tmpfile();

	fflush(fd == STDOUT_FILENO ? stdout : stderr);
	*saved = tmp ? dup(fd) : -1;
	if (*saved < 0 || dup2(fileno(tmp), fd) < 0) {
		if (*saved >= 0)
			close(*saved);
		if (tmp)
			fclose(tmp);
		return NULL;
	}
	return tmp;
}

static void restore(int fd, int saved, FILE *tmp)
{
	if (!tmp)
		return;
	fflush(fd == STDOUT_FILENO ? stdout : stderr);
	dup2(saved, fd);
	close(saved);
	rewind(tmp);
}

/*
 * What one host's command said on stderr, each line naming the host; the
 * last line (its error) stays in last. A usage text goes out as it was.
 */
static void relay_errors(const char *host, FILE *errs, int usage, char *last, size_t len)
{
	char line[1024];

	while (errs && fgets(line, sizeof(line), errs)) {
		if (usage) {
			fputs(line, stderr);
			continue;
		}
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		snprintf(last, len, "%s", strncmp(line, "pktctl: ", 8) ? line : line + 8);
		host_error(host, last);
	}
}

/*
 * One host's JSON document: the command's own, run with stdout and stderr
 * caught; an answer cut short, or none, becomes {"ok": false, "error": ...}
 * so that the whole output stays one document.
 */
static json_t *host_document(struct opts *o, const struct cmd *c, int argc, char **argv,
			     const char *host, int *rc)
{
	int out_fd, err_fd;
	FILE *out = capture(STDOUT_FILENO, &out_fd);
	FILE *errs = out ? capture(STDERR_FILENO, &err_fd) : NULL;
	char last[1024] = "";
	json_t *doc;

	if (!errs) {
		restore(STDOUT_FILENO, out_fd, out);
		if (out)
			fclose(out);
		*rc = 1;
		return json_pack("{s:b, s:s}", "ok", 0, "error", "cannot make a temporary file");
	}
	*rc = c->run(o, argc, argv, c);
	restore(STDOUT_FILENO, out_fd, out);
	restore(STDERR_FILENO, err_fd, errs);
	relay_errors(host, errs, *rc == 2, last, sizeof(last));
	doc = json_loadf(out, 0, NULL);
	fclose(out);
	fclose(errs);
	if (!json_is_object(doc)) {
		json_decref(doc);
		*rc = *rc ? *rc : 1;
		return json_pack("{s:b, s:s}", "ok", 0, "error", *last ? last : "no answer");
	}
	/* An error answered in JSON said nothing on stderr: name the host there too. */
	if (!*last && !json_is_true(json_object_get(doc, "ok")))
		host_error(host, format_error(doc));
	return doc;
}

/*
 * --json over several hosts: one document, an object keyed by host, each
 * the host's own answer (as status --json gives); a failing host is an
 * {"ok": false, "error": ...} entry there, and named on stderr.
 */
static int json_hosts(struct opts *o, const struct cmd *c, int argc, char **argv,
		      const char **socks, const char **hosts, int n)
{
	json_t *all = json_object();
	int rc = 0;

	for (int i = 0; i < n; i++) {
		json_t *doc;
		int r;

		o->socket = socks[i];
		doc = host_document(o, c, argc, argv, hosts[i], &r);
		/* A usage error is the same for every host: said once, no document. */
		if (r == 2) {
			json_decref(doc);
			json_decref(all);
			return 2;
		}
		json_object_set_new(all, hosts[i], doc);
		if (r > rc)
			rc = r;
	}
	json_dumpf(all, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(all);
	return rc;
}

/*
 * -H: the command against each host's daemon over ssh. dump and summary
 * read all of them at once, merged by time; status makes one table, metrics
 * one file with a host label, --json one document keyed by host; the others
 * run once per host under a "== HOST" line. A host that fails is named on
 * stderr and the others still answer; the exit status is then non-zero.
 */
static int run_hosts(struct opts *o, const struct cmd *c, int argc, char **argv,
		     const char **hosts, int nhosts, const char *remote_socket)
{
	static char socks[MAX_HOSTS][512];
	const char *sockv[MAX_HOSTS];
	int rc = 0;

	/* The path goes after the host in ssh://HOST/PATH, and means nothing relative there. */
	if (remote_socket && remote_socket[0] != '/') {
		fprintf(stderr, "pktctl: -S %s: with -H, the remote socket is an absolute path\n",
			remote_socket);
		return 2;
	}
	for (int i = 0; i < nhosts; i++) {
		snprintf(socks[i], sizeof(socks[i]), "%s%s%s", CLIENT_SSH_PREFIX, hosts[i],
			 remote_socket ? remote_socket : "");
		sockv[i] = socks[i];
	}
	if (c->run == cmd_dump) {
		dump_set_hosts(sockv, hosts, nhosts);
		return dump_main(argc, argv, sockv[0], o->json);
	}
	if (nhosts > 1 && c->print == format_status)
		return status_hosts(o, argc, argv, c, sockv, hosts, nhosts);
	if (nhosts > 1 && c->run == cmd_metrics)
		return metrics_hosts(argc, argv, sockv, hosts, nhosts, o->timeout_ms);
	if (nhosts > 1 && (c->run == cmd_request || c->run == cmd_list || c->run == cmd_evidence) &&
	    wants_json(o, argc, argv))
		return json_hosts(o, c, argc, argv, sockv, hosts, nhosts);
	for (int i = 0; i < nhosts; i++) {
		FILE *errs = NULL;
		char last[1024];
		int r, err_fd = -1;

		if (nhosts > 1) {
			printf("%s== %s\n", i ? "\n" : "", hosts[i]);
			fflush(stdout);
			/* Its errors name it: stderr may go elsewhere than the "== HOST" lines. */
			errs = capture(STDERR_FILENO, &err_fd);
		}
		o->socket = sockv[i];
		r = c->run(o, argc, argv, c);
		fflush(stdout);
		if (errs) {
			restore(STDERR_FILENO, err_fd, errs);
			relay_errors(hosts[i], errs, r == 2, last, sizeof(last));
			fclose(errs);
		}
		if (r > rc)
			rc = r;
	}
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 'S' },
		{ "host", required_argument, NULL, 'H' },
		{ "bridge", no_argument, NULL, 'B' },
		{ "json", no_argument, NULL, 'j' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .socket = getenv("PKTCAPD_SOCKET"), .timeout_ms = 10000 };
	const struct cmd *c;
	const char *hosts[MAX_HOSTS];
	int ch, nhosts = 0, bridge = 0, socket_given = 0;

	if (!o.socket || !*o.socket)
		o.socket = DEFAULT_SOCKET;
	/* "+": options after the command word belong to the command. */
	while ((ch = getopt_long(argc, argv, "+S:H:jVh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			o.socket = optarg;
			socket_given = 1;
			break;
		case 'H':
			if (nhosts == MAX_HOSTS) {
				fprintf(stderr, "pktctl: at most %d hosts\n", MAX_HOSTS);
				return 2;
			}
			hosts[nhosts++] = optarg;
			break;
		case 'B':
			bridge = 1;
			break;
		case 'j':
			o.json = 1;
			break;
		case 'V':
			printf("pktctl %s\n", PACKAGE_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (bridge)
		return client_bridge(o.socket);
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	json_errors = o.json;
	c = find_command(argv[optind]);
	if (!c) {
		char msg[256];
		size_t off = (size_t)snprintf(msg, sizeof(msg), "no command '%.40s'; the commands are:",
					      argv[optind]);

		for (size_t i = 0; i < NCOMMANDS && off < sizeof(msg); i++)
			off += (size_t)snprintf(msg + off, sizeof(msg) - off, " %s", commands[i].name);
		if (off < sizeof(msg))
			snprintf(msg + off, sizeof(msg) - off, " (pktctl help)");
		usage_error(msg);
		return 2;
	}
	if (nhosts)
		return run_hosts(&o, c, argc - optind, argv + optind, hosts, nhosts,
				 socket_given ? o.socket : NULL);
	return c->run(&o, argc - optind, argv + optind, c);
}

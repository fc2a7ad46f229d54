/* pktctl.c: the operator's tool: a table of commands, each asking pktcapd over its socket */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "client.h"
#include "dump.h"
#include "format.h"
#include "list.h"

/* The FHS place, whatever the build prefix: the units and the config use it too. */
#define DEFAULT_SOCKET "/run/pktcapd/pktcapd.sock"

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
	{ "dump", "[RING] [OPTIONS] [FILTER]",
	  "Print stored packets as tcpdump does (or write pcap with -w); -r reads files",
	  "pktctl dump eth0/web --since 03:12 --until 03:13 -nn port 443", cmd_dump, NULL, 0,
	  NULL },
	{ "help", "[COMMAND]", "Show this help, or one command's", "pktctl help status", cmd_help,
	  NULL, 0, NULL },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: pktctl [-S SOCKET] [--json] COMMAND [ARGS]\n"
		"Ask pktcapd, the packet-capture daemon, about its rings and files.\n\n"
		"Commands (any unique prefix will do):\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-11s %-16s %s\n", commands[i].name, commands[i].args,
			commands[i].help);
	fprintf(out,
		"\nOptions:\n"
		"  -S, --socket PATH  control socket (default %s)\n"
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

static int cmd_list(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	(void)c;
	return list_main(argc, argv, o->socket, o->json, o->timeout_ms);
}

static int cmd_request(struct opts *o, int argc, char **argv, const struct cmd *c)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *ring = NULL;
	json_t *req, *reply, *okv;
	char err[512];
	int ch, rc;

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
		ring = argv[optind];
	}
	req = json_pack("{s:s}", "cmd", c->proto);
	if (ring)
		json_object_set_new(req, "ring", json_string(ring));
	reply = client_call(o->socket, req, o->timeout_ms, err, sizeof(err));
	json_decref(req);
	if (!reply)
		return fail(o, err);
	okv = json_object_get(reply, "ok");
	rc = json_is_true(okv) ? 0 : 1;
	if (o->json) {
		json_dumpf(reply, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (rc) {
		const char *e = json_string_value(json_object_get(reply, "error"));

		fprintf(stderr, "pktctl: %s\n", e ? e : "the daemon reported an error");
	} else {
		c->print(json_object_get(reply, "result"));
	}
	json_decref(reply);
	return rc;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "socket", required_argument, NULL, 'S' },
		{ "json", no_argument, NULL, 'j' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { .socket = getenv("PKTCAPD_SOCKET"), .timeout_ms = 10000 };
	const struct cmd *c;
	int ch;

	if (!o.socket || !*o.socket)
		o.socket = DEFAULT_SOCKET;
	/* "+": options after the command word belong to the command. */
	while ((ch = getopt_long(argc, argv, "+S:jVh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			o.socket = optarg;
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
	return c->run(&o, argc - optind, argv + optind, c);
}

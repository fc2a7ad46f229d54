/* export.c: pktctl export: writes the capture and the statement the daemon made and signed */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "client.h"
#include "evidence.h"
#include "format.h"
#include "proto.h"
#include "sha256.h"
#include "stream.h"
#include "timeparse.h"

enum { OPT_SINCE = 256, OPT_UNTIL, OPT_CASE };

struct export {
	struct evidence_opts *o;
	const char *case_id, *ring, *dir;
	char filter[PROTO_FILTER_MAX + 1];
	json_t *rings;		/* --case: the rings asked for, [] for all */
	int64_t since, until;
	int gz;
	char err[4096];
};

static void export_usage(FILE *out)
{
	fprintf(out,
		"Usage: pktctl export --case ID [RING...] [--since TIME] [--until TIME] [-z] -o DIR [FILTER]\n"
		"       pktctl export RING --since TIME --until TIME [-z] -o DIR [FILTER]\n"
		"The daemon reads the selected packets (one copy of each: overlapping rings of one\n"
		"interface stored some twice), filters them, and sends DIR/capture.pcap (or .pcap.gz\n"
		"with -z) with DIR/provenance.json and DIR/SHA256SUMS, which it signs with the host's\n"
		"evidence key (DIR/SHA256SUMS.sig). RING words name rings of the case (or an\n"
		"interface: all its rings in the case); the other words are the filter. DIR must\n"
		"be new or empty. The case is not changed.\n");
}

/* DIR is made, or is empty: the receiver's check refuses any file SHA256SUMS does not list. */
static int make_dir(const char *dir, char *err, size_t errlen)
{
	DIR *d;
	struct dirent *e;
	int extra = 0;

	if (mkdir(dir, 0755) == 0)
		return 0;
	if (errno != EEXIST || !(d = opendir(dir))) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			extra = 1;
	closedir(d);
	if (extra)
		snprintf(err, errlen, "%s is not empty: an export directory holds the export alone", dir);
	return extra ? -1 : 0;
}

/* The rings the case holds, from "cases": {"eth0/all": 1, ...}. */
static json_t *case_rings(struct export *x)
{
	json_t *req = json_pack("{s:s}", "cmd", "cases"), *reply, *c, *f, *rings = json_object();
	size_t i, k;

	reply = client_call(x->o->socket, req, x->o->timeout_ms, x->err, sizeof(x->err));
	json_decref(req);
	json_array_foreach(json_object_get(json_object_get(reply, "result"), "cases"), i, c) {
		if (strcmp(json_string_value(json_object_get(c, "case")) ?: "", x->case_id))
			continue;
		json_array_foreach(json_object_get(c, "held_files"), k, f)
			if (json_is_string(json_object_get(f, "ring")))
				json_object_set_new(rings, json_string_value(json_object_get(f, "ring")),
						    json_true());
	}
	json_decref(reply);
	return rings;
}

/* Adds the rings word names (a ring, or an interface: its rings); 0 when it names none. */
static int take_ring_word(struct export *x, json_t *held, const char *word)
{
	const char *name;
	json_t *v;
	size_t n = strlen(word);
	int found = 0;

	json_object_foreach(held, name, v) {
		if (strcmp(name, word) && !(!strchr(word, '/') && !strncmp(name, word, n) &&
					    name[n] == '/'))
			continue;
		json_array_append_new(x->rings, json_string(name));
		found = 1;
	}
	return found;
}

/* tcpdump's habit: leading words that name rings of the case are rings, the rest the filter. */
static int parse_words(struct export *x, int argc, char **argv)
{
	json_t *held = NULL;
	int i = optind;

	if (!x->case_id && i < argc && argv[i][0] != '-')
		x->ring = argv[i++];
	if (x->case_id && i < argc) {
		held = case_rings(x);
		while (i < argc && take_ring_word(x, held, argv[i]))
			i++;
		json_decref(held);
	}
	for (; i < argc; i++) {
		size_t l = strlen(x->filter);

		if (l + strlen(argv[i]) + 1 >= sizeof(x->filter)) {
			snprintf(x->err, sizeof(x->err), "the filter is longer than %d bytes",
				 PROTO_FILTER_MAX);
			return -1;
		}
		snprintf(x->filter + l, sizeof(x->filter) - l, "%s%s", l ? " " : "", argv[i]);
	}
	/* The daemon compiles it: the bound on its terms keeps that short. */
	if (proto_filter_terms(x->filter) > PROTO_FILTER_MAX_TERMS) {
		snprintf(x->err, sizeof(x->err),
			 "the filter has %u terms, more than %d (and, or; a portrange counts 4): use net masks or portrange",
			 proto_filter_terms(x->filter), PROTO_FILTER_MAX_TERMS);
		return -1;
	}
	return 0;
}

static int parse(struct export *x, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "case", required_argument, NULL, OPT_CASE },
		{ "output", required_argument, NULL, 'o' },
		{ "gzip", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct timespec now;
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "o:zh", longopts, NULL)) != -1) {
		int64_t t;

		switch (ch) {
		case OPT_SINCE:
		case OPT_UNTIL:
			clock_gettime(CLOCK_REALTIME, &now);
			if (timeparse(optarg, (int64_t)now.tv_sec * 1000000000 + now.tv_nsec, &t) < 0) {
				fprintf(stderr, "pktctl export: cannot read the time '%s'\n", optarg);
				return 2;
			}
			*(ch == OPT_SINCE ? &x->since : &x->until) = t;
			break;
		case OPT_CASE: x->case_id = optarg; break;
		case 'o': x->dir = optarg; break;
		case 'z': x->gz = 1; break;
		case 'h':
			export_usage(stdout);
			return 0;
		default:
			export_usage(stderr);
			return 2;
		}
	}
	return -1;
}

static int send_request(struct export *x, struct stream *s)
{
	json_t *req = json_pack("{s:s, s:b, s:b}", "cmd", "dump", "export", 1, "gzip", x->gz);
	uint8_t *frame;
	size_t len;
	int rc = 0;

	if (x->case_id) {
		json_object_set_new(req, "case", json_string(x->case_id));
		if (json_array_size(x->rings))
			json_object_set(req, "rings", x->rings);
	} else {
		json_object_set_new(req, "ring", json_string(x->ring));
	}
	if (*x->filter)
		json_object_set_new(req, "filter", json_string(x->filter));
	if (x->since)
		json_object_set_new(req, "since", json_integer(x->since));
	if (x->until)
		json_object_set_new(req, "until", json_integer(x->until));
	frame = proto_frame_json(PROTO_REQUEST, req, &len);
	json_decref(req);
	s->fd = client_connect(x->o->socket, x->err, sizeof(x->err));
	if (s->fd < 0)
		rc = -1;
	/* A failed send may be a refusal already on its way: the stream reads it. */
	else if (!frame || send(s->fd, frame, len, MSG_NOSIGNAL) != (ssize_t)len)
		snprintf(x->err, sizeof(x->err), "cannot send to %s: %s", x->o->socket, strerror(errno));
	free(frame);
	return rc;
}

static int open_out(struct export *x, const char *name)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", x->dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		snprintf(x->err, sizeof(x->err), "%.2000s: %s", path, strerror(errno));
	return fd;
}

static int write_all(int fd, const void *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p = (const char *)p + w;
		n -= (size_t)w;
	}
	return 0;
}

/* The capture, byte for byte as the daemon sent (and hashed) it. */
static int receive_capture(struct export *x, struct stream *s, const char *name)
{
	static uint8_t buf[256 * 1024];
	int fd = open_out(x, name), rc = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	while ((n = stream_read(s, buf, sizeof(buf))) > 0)
		if (!rc && write_all(fd, buf, (size_t)n) < 0) {
			snprintf(x->err, sizeof(x->err), "%s/%s: %s", x->dir, name, strerror(errno));
			rc = -1;
		}
	if (fsync(fd) < 0 || close(fd) < 0) {
		snprintf(x->err, sizeof(x->err), "%s/%s: %s", x->dir, name, strerror(errno));
		rc = -1;
	}
	if (!rc && *s->err) {
		snprintf(x->err, sizeof(x->err), "%s", s->err);
		rc = -1;
	}
	return rc;
}

static int write_file(struct export *x, const char *name, const void *data, size_t len)
{
	int fd = open_out(x, name);

	if (fd < 0)
		return -1;
	if (write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		snprintf(x->err, sizeof(x->err), "%s/%s: %s", x->dir, name, strerror(errno));
		close(fd);
		return -1;
	}
	return close(fd);
}

/* provenance.json, SHA256SUMS and SHA256SUMS.sig, as the daemon made and signed them. */
static int write_signed(struct export *x, json_t *files)
{
	const char *prov = json_string_value(json_object_get(files, "provenance.json"));
	const char *sums = json_string_value(json_object_get(files, "SHA256SUMS"));
	const char *sighex = json_string_value(json_object_get(files, "SHA256SUMS.sig"));
	uint8_t sig[64];

	if (!prov || !sums || !sighex || strlen(sighex) != 128) {
		snprintf(x->err, sizeof(x->err), "the daemon's end of the export lacks its signed files");
		return -1;
	}
	for (int i = 0; i < 64; i++)
		if (sscanf(sighex + 2 * i, "%2hhx", &sig[i]) != 1) {
			snprintf(x->err, sizeof(x->err), "the daemon sent a signature that is not hex");
			return -1;
		}
	if (write_file(x, "provenance.json", prov, strlen(prov)) < 0 ||
	    write_file(x, "SHA256SUMS", sums, strlen(sums)) < 0 ||
	    write_file(x, "SHA256SUMS.sig", sig, sizeof(sig)) < 0)
		return -1;
	return 0;
}

/*
 * Hashes every file SHA256SUMS names, as written: a byte lost or changed on
 * the way to the disk fails the export here, not at the receiver's.
 */
static int recheck(struct export *x, const char *sums)
{
	const char *line = sums;
	int n = 0;

	while (*line) {
		const char *nl = strchr(line, '\n');
		char name[256], path[4096], hex[65];
		uint8_t d[32];
		uint64_t size;
		int fd;

		if (!nl || nl - line < 67 || nl - line - 66 >= (long)sizeof(name))
			break;
		snprintf(name, sizeof(name), "%.*s", (int)(nl - line - 66), line + 66);
		snprintf(path, sizeof(path), "%s/%s", x->dir, name);
		fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 || sha256_fd(fd, d, &size) < 0) {
			snprintf(x->err, sizeof(x->err), "%.2000s: %s", path, strerror(errno));
			if (fd >= 0)
				close(fd);
			return -1;
		}
		close(fd);
		sha256_hex(d, hex);
		if (strncmp(hex, line, 64)) {
			snprintf(x->err, sizeof(x->err), "%.2000s: what was written is not what the daemon sent and signed (sha256 %s)",
				 path, hex);
			return -1;
		}
		n++;
		line = nl + 1;
	}
	if (n != 2 || *line) {
		snprintf(x->err, sizeof(x->err), "the daemon's SHA256SUMS is not in the agreed format");
		return -1;
	}
	return 0;
}

static void report(struct export *x, json_t *end)
{
	json_int_t packets = json_integer_value(json_object_get(end, "packets"));
	json_int_t dups = json_integer_value(json_object_get(end, "duplicates"));
	json_t *files = json_object_get(end, "export");

	if (x->o->json) {
		json_t *j = json_pack("{s:s, s:s, s:I, s:I, s:O?}", "dir", x->dir, "capture",
				      json_string_value(json_object_get(files, "capture")), "packets",
				      packets, "duplicates_dropped", dups, "damaged",
				      json_object_get(end, "damaged"));

		json_dumpf(j, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(j);
		return;
	}
	printf("%lld %s to %s/%s; provenance.json and SHA256SUMS signed by the daemon (SHA256SUMS.sig)\n",
	       (long long)packets, FORMAT_PLURAL(packets, "packet", "packets"), x->dir, json_string_value(json_object_get(files, "capture")));
	if (dups)
		printf("%lld duplicate %s from overlapping rings dropped\n", (long long)dups,
		       FORMAT_PLURAL(dups, "packet", "packets"));
	if (json_array_size(json_object_get(end, "damaged")))
		printf("damaged records were left out: see provenance.json\n");
}

static int run_export(struct export *x)
{
	struct stream s = { .fd = -1 };
	const char *cname = x->gz ? "capture.pcap.gz" : "capture.pcap";
	static const char *const names[] = { "capture.pcap", "capture.pcap.gz", "provenance.json",
					     "SHA256SUMS", "SHA256SUMS.sig" };
	json_t *files;
	int rc = -1, created = 0;

	if (make_dir(x->dir, x->err, sizeof(x->err)) < 0)
		goto out;
	/* DIR is ours and empty from here: the names below are only ours. */
	created = 1;
	if (send_request(x, &s) < 0)
		goto out;
	if (receive_capture(x, &s, cname) < 0)
		goto out;
	files = json_object_get(s.end, "export");
	if (!files || strcmp(json_string_value(json_object_get(files, "capture")) ?: "", cname)) {
		snprintf(x->err, sizeof(x->err), "the daemon did not sign the export (an older pktcapd?)");
		goto out;
	}
	if (write_signed(x, files) < 0 ||
	    recheck(x, json_string_value(json_object_get(files, "SHA256SUMS"))) < 0)
		goto out;
	report(x, s.end);
	rc = json_array_size(json_object_get(s.end, "damaged")) ? 1 : 0;
out:
	stream_close(&s);
	/* Nothing unsigned or half written is left to pass for an export. */
	for (size_t i = 0; rc < 0 && created && i < sizeof(names) / sizeof(names[0]); i++) {
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s", x->dir, names[i]);
		unlink(path);
	}
	return rc;
}

int evidence_export(struct evidence_opts *o, int argc, char **argv)
{
	struct export x = { .o = o };
	int rc = parse(&x, argc, argv);

	if (rc >= 0)
		return rc;
	x.rings = json_array();
	if (parse_words(&x, argc, argv) < 0)
		return client_fail(o->json, x.err);
	if (!x.dir || (!x.case_id && (!x.ring || !x.since || !x.until))) {
		json_decref(x.rings);
		export_usage(stderr);
		return 2;
	}
	rc = run_export(&x);
	json_decref(x.rings);
	if (rc < 0) {
		client_fail(o->json, *x.err ? x.err : "the export failed");
		return 1;
	}
	return rc;
}

/* metrics.c: pktctl metrics: the daemon's status as Prometheus text for node_exporter's textfile collector */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "client.h"
#include "metrics.h"

/*
 * The Prometheus text exposition format (version 0.0.4), which node_exporter's
 * textfile collector reads: "# HELP" and "# TYPE" once per family, then one
 * sample line per ring. Counters are the ring's totals since it was created
 * (pktcapd keeps them across restarts, 64 bits wide), so they only go down
 * when pktcapd.totals is deleted, which Prometheus takes as a reset.
 */

static uint64_t num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) && json_integer_value(v) > 0 ? (uint64_t)json_integer_value(v) : 0;
}

/* "2026-11-26T10:15:00.123456Z" as seconds since the epoch, 0 if absent. */
static double epoch(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	struct tm tm = { 0 };
	double frac = 0;
	int n = 0;

	if (!s || sscanf(s, "%d-%d-%dT%d:%d:%d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			 &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
		return 0;
	if (s[n] == '.')
		sscanf(s + n, "%lf", &frac);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (double)timegm(&tm) + frac;
}

/* A label value: backslash, double quote and newline escaped. */
static void label(const char *v)
{
	for (; v && *v; v++) {
		if (*v == '\\' || *v == '"')
			printf("\\%c", *v);
		else if (*v == '\n')
			printf("\\n");
		else
			putchar(*v);
	}
}

static void family(const char *name, const char *type, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

/*
 * The answers being printed: one daemon's, or with -H over several hosts
 * each host's, whose samples then carry a host label (and one HELP and TYPE
 * per family for all of them, as the format requires).
 */
static struct {
	int n;
	const char **hosts;	/* NULL: one daemon, no host label */
	json_t **res;		/* a host's status result, NULL when it did not answer */
} set;

/* Calls fn for every ring of every host that answered, with that host's index. */
#define FOR_RINGS(h, i, ring) \
	for (int h = 0; h < set.n; h++) \
		json_array_foreach(json_object_get(set.res[h], "rings"), i, ring)

static void host_label(int h, int more)
{
	if (!set.hosts)
		return;
	printf("host=\"");
	label(set.hosts[h]);
	printf("\"%s", more ? "," : "");
}

static void ring_labels(int h, json_t *ring, const char *extra)
{
	printf("{");
	host_label(h, 1);
	printf("ring=\"");
	label(json_string_value(json_object_get(ring, "name")));
	printf("\",interface=\"");
	label(json_string_value(json_object_get(ring, "interface")));
	printf("\",profile=\"");
	label(json_string_value(json_object_get(ring, "profile")));
	printf("\"%s}", extra ? extra : "");
}

/* Where a family's figure comes from: this run's, the ring's totals, or the totals when there are some. */
enum from { FROM_RING, FROM_TOTAL, FROM_TOTAL_OR_RING };

static void per_ring(const char *name, const char *type, const char *key, const char *help,
		     enum from from)
{
	json_t *ring;
	size_t i;

	family(name, type, help);
	FOR_RINGS(h, i, ring) {
		json_t *t = json_object_get(ring, "total");

		if (from == FROM_RING || (from == FROM_TOTAL_OR_RING && !t))
			t = ring;
		printf("%s", name);
		ring_labels(h, ring, NULL);
		printf(" %" PRIu64 "\n", num(t, key));
	}
}

/* A counter from the ring's totals (or, without one, this run's figures). */
static void counter(const char *name, const char *key, const char *help)
{
	per_ring(name, "counter", key, help, FROM_TOTAL_OR_RING);
}

static void gauge(const char *name, const char *key, const char *help)
{
	per_ring(name, "gauge", key, help, FROM_RING);
}

static void drops(void)
{
	static const char *const why[][2] = {
		{ "kernel", "dropped_kernel" }, { "interface", "dropped_interface" },
		{ "writer_queue", "dropped_queue" }, { "write_error", "lost_write" },
	};
	json_t *ring;
	size_t i;
	char extra[64];

	family("pktcap_dropped_packets_total", "counter",
	       "Packets lost, by where: the kernel's buffer, the interface, pktcapd's writer queue, write errors.");
	FOR_RINGS(h, i, ring) {
		json_t *t = json_object_get(ring, "total");

		for (size_t k = 0; k < sizeof(why) / sizeof(why[0]); k++) {
			snprintf(extra, sizeof(extra), ",reason=\"%s\"", why[k][0]);
			printf("pktcap_dropped_packets_total");
			ring_labels(h, ring, extra);
			printf(" %" PRIu64 "\n", num(t ? t : ring, why[k][1]));
		}
	}
}

/* pktcap_up, one sample per daemon; 1 when any of them answered. */
static int daemons_up(void)
{
	int up = 0;

	family("pktcap_up", "gauge", "1 when pktctl reached pktcapd, 0 when it did not.");
	for (int h = 0; h < set.n; h++) {
		printf("pktcap_up%s", set.hosts ? "{" : "");
		host_label(h, 0);
		printf("%s %d\n", set.hosts ? "}" : "", set.res[h] != NULL);
		up |= set.res[h] != NULL;
	}
	return up;
}

/* Start time and version of each daemon that answered. */
static void daemons(void)
{
	family("pktcap_start_time_seconds", "gauge", "When pktcapd started, in seconds since the epoch.");
	for (int h = 0; h < set.n; h++)
		if (set.res[h]) {
			printf("pktcap_start_time_seconds%s", set.hosts ? "{" : "");
			host_label(h, 0);
			printf("%s %.0f\n", set.hosts ? "}" : "", epoch(set.res[h], "started"));
		}
	family("pktcap_build_info", "gauge", "pktcapd's version, as a label.");
	for (int h = 0; h < set.n; h++)
		if (set.res[h]) {
			printf("pktcap_build_info{");
			host_label(h, 1);
			printf("version=\"");
			label(json_string_value(json_object_get(set.res[h], "version")));
			printf("\"} 1\n");
		}
}

/* How far back each ring sees: as a time stamp (which a stale textfile keeps true) and as an age. */
static void oldest(void)
{
	struct timespec ts;
	json_t *ring;
	double now;
	size_t i;

	/* With its fraction: a packet from this very second has an age too. */
	clock_gettime(CLOCK_REALTIME, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	family("pktcap_oldest_packet_timestamp_seconds", "gauge",
	       "Time stamp of the oldest packet the ring still keeps, in seconds since the epoch (0: none yet).");
	FOR_RINGS(h, i, ring) {
		printf("pktcap_oldest_packet_timestamp_seconds");
		ring_labels(h, ring, NULL);
		printf(" %.6f\n", epoch(ring, "oldest_packet"));
	}
	family("pktcap_oldest_packet_age_seconds", "gauge",
	       "Age of the oldest packet the ring still keeps: how far back it can see.");
	FOR_RINGS(h, i, ring) {
		double t = epoch(ring, "oldest_packet");

		printf("pktcap_oldest_packet_age_seconds");
		ring_labels(h, ring, NULL);
		printf(" %.3f\n", t > 0 && now > t ? now - t : 0.0);
	}
}

static void states(void)
{
	static const char *const names[] = { "capturing", "waiting", "error", "starting" };
	json_t *ring;
	size_t i;

	family("pktcap_capture_state", "gauge",
	       "1 for the ring's state: capturing, waiting (for its interface), error, starting.");
	FOR_RINGS(h, i, ring) {
		const char *st = json_string_value(json_object_get(ring, "state"));

		for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
			char extra[64];

			snprintf(extra, sizeof(extra), ",state=\"%s\"", names[k]);
			printf("pktcap_capture_state");
			ring_labels(h, ring, extra);
			printf(" %d\n", st && !strncmp(st, names[k], strlen(names[k])));
		}
	}
}

/* Evidence is held per case, outside every ring's retention. */
static void evidence(void)
{
	int any = 0;

	for (int h = 0; h < set.n; h++)
		any |= json_object_get(set.res[h], "evidence") != NULL;
	if (!any)
		return;
	family("pktcap_evidence_held_bytes", "gauge",
	       "Bytes of preserved evidence held outside retention, per case.");
	for (int h = 0; h < set.n; h++) {
		json_t *ev = json_object_get(set.res[h], "evidence"), *bytes;
		const char *id;

		json_object_foreach(json_object_get(ev, "cases"), id, bytes) {
			printf("pktcap_evidence_held_bytes{");
			host_label(h, 1);
			printf("case=\"");
			label(id);
			printf("\"} %" PRIu64 "\n", (uint64_t)json_integer_value(bytes));
		}
	}
}

static void print_metrics(void)
{
	/* No daemon answered: pktcap_up 0 says it all, and node_exporter shows it down. */
	if (!daemons_up())
		return;
	daemons();
	counter("pktcap_packets_captured_total", "packets_captured",
		"Packets the ring's capture handle delivered, since the ring was created.");
	counter("pktcap_packets_written_total", "packets_written",
		"Packets written to the ring's files, since the ring was created.");
	counter("pktcap_packets_received_total", "packets_received",
		"Packets the kernel's filter accepted (libpcap's ps_recv, widened), since the ring was created.");
	drops();
	counter("pktcap_captured_bytes_total", "bytes_captured",
		"Bytes captured, counted as uncompressed pcap (packet data with record and file headers) before any compression, since the ring was created.");
	counter("pktcap_written_bytes_total", "bytes_written",
		"Bytes written to disk (after compression), since the ring was created.");
	counter("pktcap_files_closed_total", "files_closed",
		"Files the ring closed (rotations), since the ring was created.");
	counter("pktcap_gzip_chunks_total", "gzip_chunks",
		"gzip members written, since the ring was created.");
	counter("pktcap_writer_stalls_total", "writer_stalls",
		"Times the writer fell behind and capture paused, since the ring was created.");
	per_ring("pktcap_gzip_chunks_stored_total", "counter", "gzip_chunks_stored",
		 "gzip members stored uncompressed to keep up, since pktcapd started.", FROM_RING);
	gauge("pktcap_files", "files", "Files the ring keeps now.");
	gauge("pktcap_kept_bytes", "bytes_kept", "Bytes the ring's files take on disk now.");
	gauge("pktcap_filesystem_free_bytes", "fs_free",
	      "Bytes free for pktcapd on the ring's file system.");
	gauge("pktcap_files_damaged", "files_damaged",
	      "Closed files that no longer match their seal or cannot be read whole.");
	gauge("pktcap_write_queue_high_water_bytes", "queue_high_water_bytes",
	      "The most data ever queued for the ring's writer at once, in bytes, since pktcapd started.");
	oldest();
	states();
	per_ring("pktcap_ring_created_time_seconds", "gauge", "since_epoch",
		 "When the ring was created (its totals count from then), in seconds since the epoch.",
		 FROM_TOTAL);
	evidence();
}

/* Asks each daemon for its status; a host that fails is named on stderr and is down (pktcap_up 0). */
static int collect(const char *const *socks, int argc, char **argv, int timeout_ms,
		   json_t **replies)
{
	int rc = 0;

	for (int h = 0; h < set.n; h++) {
		json_t *req = json_pack("{s:s}", "cmd", "status");
		char err[1024];
		const char *e;

		if (argc == 2)
			json_object_set_new(req, "ring", json_string(argv[1]));
		replies[h] = client_call(socks[h], req, timeout_ms, err, sizeof(err));
		json_decref(req);
		set.res[h] = NULL;
		if (json_is_true(json_object_get(replies[h], "ok"))) {
			set.res[h] = json_object_get(replies[h], "result");
			continue;
		}
		e = replies[h] ? json_string_value(json_object_get(replies[h], "error")) : err;
		if (!e)
			e = "the daemon reported an error";
		/* Still a valid file: node_exporter then shows the daemon as down. */
		if (set.hosts && !strstr(e, set.hosts[h]))
			fprintf(stderr, "pktctl: %s: %s\n", set.hosts[h], e);
		else
			fprintf(stderr, "pktctl: %s\n", e);
		rc = 1;
	}
	return rc;
}

static int run(const char *const *socks, const char **hosts, int n, int argc, char **argv,
	       int timeout_ms)
{
	json_t *replies[METRICS_MAX_HOSTS], *res[METRICS_MAX_HOSTS];
	int rc;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "Usage: pktctl metrics [RING]\n");
		return 2;
	}
	set.n = n < METRICS_MAX_HOSTS ? n : METRICS_MAX_HOSTS;
	set.hosts = hosts;
	set.res = res;
	rc = collect(socks, argc, argv, timeout_ms, replies);
	print_metrics();
	for (int h = 0; h < set.n; h++)
		json_decref(replies[h]);
	return rc;
}

int metrics_main(int argc, char **argv, const char *sock, int timeout_ms)
{
	return run(&sock, NULL, 1, argc, argv, timeout_ms);
}

int metrics_hosts(int argc, char **argv, const char **socks, const char **hosts, int n,
		  int timeout_ms)
{
	return run(socks, hosts, n, argc, argv, timeout_ms);
}

/* metrics.c: pktctl metrics: the daemon's status as Prometheus text for node_exporter's textfile collector */
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

static void ring_labels(json_t *ring, const char *extra)
{
	printf("{ring=\"");
	label(json_string_value(json_object_get(ring, "name")));
	printf("\",interface=\"");
	label(json_string_value(json_object_get(ring, "interface")));
	printf("\",profile=\"");
	label(json_string_value(json_object_get(ring, "profile")));
	printf("\"%s}", extra ? extra : "");
}

/* One counter family from the rings' totals (or, without one, this run's figures). */
static void counter(json_t *rings, const char *name, const char *key, const char *help)
{
	json_t *ring;
	size_t i;

	family(name, "counter", help);
	json_array_foreach(rings, i, ring) {
		json_t *t = json_object_get(ring, "total");

		printf("%s", name);
		ring_labels(ring, NULL);
		printf(" %" PRIu64 "\n", num(t ? t : ring, key));
	}
}

static void gauge(json_t *rings, const char *name, const char *key, const char *help)
{
	json_t *ring;
	size_t i;

	family(name, "gauge", help);
	json_array_foreach(rings, i, ring) {
		printf("%s", name);
		ring_labels(ring, NULL);
		printf(" %" PRIu64 "\n", num(ring, key));
	}
}

static void drops(json_t *rings)
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
	json_array_foreach(rings, i, ring) {
		json_t *t = json_object_get(ring, "total");

		for (size_t k = 0; k < sizeof(why) / sizeof(why[0]); k++) {
			snprintf(extra, sizeof(extra), ",reason=\"%s\"", why[k][0]);
			printf("pktcap_dropped_packets_total");
			ring_labels(ring, extra);
			printf(" %" PRIu64 "\n", num(t ? t : ring, why[k][1]));
		}
	}
}

static void print_metrics(json_t *r)
{
	json_t *rings = json_object_get(r, "rings"), *ring;
	struct timespec ts;
	double now;
	size_t i;

	/* With its fraction: a packet from this very second has an age too. */
	clock_gettime(CLOCK_REALTIME, &ts);
	now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
	family("pktcap_up", "gauge", "1 when pktctl reached pktcapd, 0 when it did not.");
	printf("pktcap_up 1\n");
	family("pktcap_start_time_seconds", "gauge", "When pktcapd started, in seconds since the epoch.");
	printf("pktcap_start_time_seconds %.0f\n", epoch(r, "started"));
	family("pktcap_build_info", "gauge", "pktcapd's version, as a label.");
	printf("pktcap_build_info{version=\"");
	label(json_string_value(json_object_get(r, "version")));
	printf("\"} 1\n");

	counter(rings, "pktcap_packets_captured_total", "packets_captured",
		"Packets the ring's capture handle delivered, since the ring was created.");
	counter(rings, "pktcap_packets_written_total", "packets_written",
		"Packets written to the ring's files, since the ring was created.");
	counter(rings, "pktcap_packets_received_total", "packets_received",
		"Packets the kernel's filter accepted (libpcap's ps_recv, widened), since the ring was created.");
	drops(rings);
	counter(rings, "pktcap_captured_bytes_total", "bytes_captured",
		"Bytes written, as uncompressed pcap, since the ring was created.");
	counter(rings, "pktcap_written_bytes_total", "bytes_written",
		"Bytes written to disk (after compression), since the ring was created.");
	counter(rings, "pktcap_files_closed_total", "files_closed",
		"Files the ring closed (rotations), since the ring was created.");
	counter(rings, "pktcap_gzip_chunks_total", "gzip_chunks",
		"gzip members written, since the ring was created.");
	counter(rings, "pktcap_writer_stalls_total", "writer_stalls",
		"Times the writer fell behind and capture paused, since the ring was created.");
	family("pktcap_gzip_chunks_stored_total", "counter",
	       "gzip members stored uncompressed to keep up, since pktcapd started.");
	json_array_foreach(rings, i, ring) {
		printf("pktcap_gzip_chunks_stored_total");
		ring_labels(ring, NULL);
		printf(" %" PRIu64 "\n", num(ring, "gzip_chunks_stored"));
	}
	gauge(rings, "pktcap_files", "files", "Files the ring keeps now.");
	gauge(rings, "pktcap_kept_bytes", "bytes_kept", "Bytes the ring's files take on disk now.");
	gauge(rings, "pktcap_filesystem_free_bytes", "fs_free",
	      "Bytes free for pktcapd on the ring's file system.");
	gauge(rings, "pktcap_files_damaged", "files_damaged",
	      "Closed files that no longer match their seal or cannot be read whole.");
	/* Held evidence, where the daemon reports it (pktctl preserve). */
	family("pktcap_oldest_packet_age_seconds", "gauge",
	       "Age of the oldest packet the ring still keeps: how far back it can see.");
	json_array_foreach(rings, i, ring) {
		double t = epoch(ring, "oldest_packet");

		printf("pktcap_oldest_packet_age_seconds");
		ring_labels(ring, NULL);
		printf(" %.3f\n", t > 0 && now > t ? now - t : 0.0);
	}
	family("pktcap_capture_state", "gauge",
	       "1 for the ring's state: capturing, waiting (for its interface), error, starting.");
	json_array_foreach(rings, i, ring) {
		static const char *const states[] = { "capturing", "waiting", "error", "starting" };
		const char *st = json_string_value(json_object_get(ring, "state"));

		for (size_t k = 0; k < sizeof(states) / sizeof(states[0]); k++) {
			char extra[64];

			snprintf(extra, sizeof(extra), ",state=\"%s\"", states[k]);
			printf("pktcap_capture_state");
			ring_labels(ring, extra);
			printf(" %d\n", st && !strncmp(st, states[k], strlen(states[k])));
		}
	}
	family("pktcap_ring_created_time_seconds", "gauge",
	       "When the ring was created (its totals count from then), in seconds since the epoch.");
	json_array_foreach(rings, i, ring) {
		printf("pktcap_ring_created_time_seconds");
		ring_labels(ring, NULL);
		printf(" %" PRIu64 "\n", num(json_object_get(ring, "total"), "since_epoch"));
	}
	/* Evidence is held per case, outside every ring's retention. */
	{
		json_t *ev = json_object_get(r, "evidence"), *bytes;
		const char *id;

		if (ev) {
			family("pktcap_evidence_held_bytes", "gauge",
			       "Bytes of preserved evidence held outside retention, per case.");
			json_object_foreach(json_object_get(ev, "cases"), id, bytes) {
				printf("pktcap_evidence_held_bytes{case=\"");
				for (const char *c = id; *c; c++)
					printf(*c == '"' || *c == '\\' ? "\\%c" : "%c", *c);
				printf("\"} %" PRIu64 "\n", (uint64_t)json_integer_value(bytes));
			}
		}
	}
}

int metrics_main(int argc, char **argv, const char *sock, int timeout_ms)
{
	json_t *req, *reply;
	char err[512];
	int rc = 1;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "Usage: pktctl metrics [RING]\n");
		return 2;
	}
	req = json_pack("{s:s}", "cmd", "status");
	if (argc == 2)
		json_object_set_new(req, "ring", json_string(argv[1]));
	reply = client_call(sock, req, timeout_ms, err, sizeof(err));
	json_decref(req);
	if (reply && json_is_true(json_object_get(reply, "ok"))) {
		print_metrics(json_object_get(reply, "result"));
		rc = 0;
	} else {
		const char *e = reply ? json_string_value(json_object_get(reply, "error")) : err;

		/* Still a valid file: node_exporter then shows the daemon as down. */
		family("pktcap_up", "gauge", "1 when pktctl reached pktcapd, 0 when it did not.");
		printf("pktcap_up 0\n");
		fprintf(stderr, "pktctl: %s\n", e ? e : "the daemon reported an error");
	}
	json_decref(reply);
	return rc;
}

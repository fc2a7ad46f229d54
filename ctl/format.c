/* format.c: compact tables with human units for pktctl's answers */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include <pcap/pcap.h>

#include "escape.h"
#include "format.h"
#include "units.h"

static uint64_t num(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) && json_integer_value(v) > 0 ? (uint64_t)json_integer_value(v) : 0;
}

static const char *str(json_t *o, const char *key, const char *dflt)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : dflt;
}

static void escape_string(json_t *j)
{
	const char *s = json_string_value(j);
	size_t n = strlen(s) * 4 + 1;
	char *e = malloc(n);

	/* Out of memory: the string is dropped rather than printed raw. */
	if (!e || strcmp(escape_text(e, n, s), s))
		json_string_set(j, e ? e : "?");
	free(e);
}

void format_escape_tree(json_t *j)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_string(j))
		escape_string(j);
	else if (json_is_object(j))
		json_object_foreach(j, key, v)
			format_escape_tree(v);
	else if (json_is_array(j))
		json_array_foreach(j, i, v)
			format_escape_tree(v);
}

const char *format_error(json_t *reply)
{
	json_t *e = json_object_get(reply, "error");

	if (!json_is_string(e))
		return "the daemon reported an error";
	escape_string(e);
	return json_string_value(e);
}

/* Counts in SI units: 999, 1.2k, 34M. */
static const char *count(uint64_t n, char *buf, size_t len)
{
	static const char units[] = "kMGTP";
	double v = (double)n;
	int i = -1;

	while (v >= 1000 && i < 4) {
		v /= 1000;
		i++;
	}
	if (i < 0)
		snprintf(buf, len, "%" PRIu64, n);
	else
		snprintf(buf, len, v < 10 ? "%.1f%c" : "%.0f%c", v, units[i]);
	return buf;
}

static const char *bytes(uint64_t n, char *buf, size_t len)
{
	return units_format_size(n, buf, len);
}

/* "2026-11-26T06:20:29.123456Z" -> "2026-11-26T06:20:29Z" */
static const char *when(const char *rfc3339, char *buf, size_t len)
{
	if (!rfc3339)
		return "-";
	snprintf(buf, len, "%.19sZ", rfc3339);
	return buf;
}

static const char *duration(uint64_t sec, char *buf, size_t len)
{
	return units_format_duration(sec * 1000, buf, len);
}

/* A ring without its interface, and what the interface's coming and going cost. */
static void print_link(json_t *ring)
{
	const char *since = str(ring, "waiting_since", NULL), *seen;
	double gap = json_number_value(json_object_get(ring, "seconds_without_capture"));
	uint64_t lost = num(ring, "interface_lost"), gap_ms;
	char a[40], b[40], c[32];

	if (since) {
		seen = str(ring, "interface_last_seen", NULL);
		printf("  waiting: for %s to %s, since %s; last seen %s\n", str(ring, "interface", "?"),
		       json_is_integer(json_object_get(ring, "interface_index")) ? "come up" : "appear",
		       when(since, a, sizeof(a)), seen ? when(seen, b, sizeof(b)) : "never");
	}
	/* Whole seconds once there is one: "1m12s", not "1m12s300ms". */
	gap_ms = gap > 0 ? (uint64_t)(gap * 1000) : 0;
	if (gap_ms >= 1000)
		gap_ms -= gap_ms % 1000;
	if (since || lost)
		printf("  interface: went away %" PRIu64 " time%s; %s without capture\n", lost,
		       lost == 1 ? "" : "s", units_format_duration(gap_ms, c, sizeof(c)));
}

/* Held bytes are the cases', apart from every ring's (docs/evidence.md). */
static void format_evidence(json_t *ev, const char *host)
{
	size_t n = json_object_size(json_object_get(ev, "cases"));

	if (!json_is_object(ev) || !n)
		return;
	printf("%s%sevidence: %" PRIu64 " %s held in %zu %s (pktctl cases)\n", host ? host : "",
	       host ? ": " : "", num(ev, "held_bytes"), FORMAT_PLURAL(num(ev, "held_bytes"), "byte", "bytes"),
	       n, FORMAT_PLURAL(n, "case", "cases"));
	if (json_is_true(json_object_get(ev, "below_min_free")))
		printf("  free space is under min-free because of the holds: only unheld files are evicted; release cases to get it back\n");
}

/* The daemon's lines above the table; with a host, each begins with it. */
static void status_daemon(json_t *r, const char *host)
{
	json_t *ix = json_object_get(r, "indexer");
	char a[32], b[32];
	const char *pre = host ? host : "", *sep = host ? ": " : "";

	printf("%s%spktcapd %s, pid %" PRIu64 ", up %s, config %s\n", pre, sep,
	       str(r, "version", "?"), num(r, "pid"), duration(num(r, "uptime"), a, sizeof(a)),
	       str(r, "config", "?"));
	printf("%s%sstorage %s\n", pre, sep, str(r, "storage", "?"));
	if (num(ix, "files_left") && num(ix, "bytes_per_second"))
		printf("%s%sindexer: %" PRIu64 " %s (%s) left to index or check at %s/s, %" PRIu64 " done\n",
		       pre, sep, num(ix, "files_left"), FORMAT_PLURAL(num(ix, "files_left"), "file", "files"),
		       bytes(num(ix, "bytes_left"), a, sizeof(a)),
		       bytes(num(ix, "bytes_per_second"), b, sizeof(b)), num(ix, "files_done"));
	else if (num(ix, "files_left"))
		printf("%s%sindexer: %" PRIu64 " %s (%s) left to index or check, %" PRIu64 " done\n",
		       pre, sep, num(ix, "files_left"), FORMAT_PLURAL(num(ix, "files_left"), "file", "files"),
		       bytes(num(ix, "bytes_left"), a, sizeof(a)), num(ix, "files_done"));
}

/* width: the HOST column's, 0 for none. */
static void status_head(int width)
{
	if (width)
		printf("%-*s ", width, "HOST");
	printf("%-20s %-10s %8s %8s %8s %7s %5s %5s %7s %7s  %s\n", "RING", "STATE", "CAPTURED",
	       "DROPPED", "WRITTEN", "BYTES", "RATIO", "FILES", "KEPT", "FREE", "OLDEST");
}

/* What a ring's row leaves out, on indented lines below it. */
static void status_details(json_t *ring, const char *state)
{
	json_t *t = json_object_get(ring, "total");
	char a[32], b[32], c[32], d[32];
	uint64_t n;

	printf("  filter: %s\n", *str(ring, "filter", "") ? str(ring, "filter", "") : "(all)");
	printf("  current: %s\n", str(ring, "current_file", "(none: opens at the next packet)"));
	if (strlen(state) > 10)
		printf("  state: %s\n", state);
	print_link(ring);
	printf("  dropped: %" PRIu64 " by kernel, %" PRIu64 " by interface, %" PRIu64
	       " writer queue full, %" PRIu64 " write %s; queue high water %" PRIu64
	       " %s (%s of %s; %" PRIu64 " now), writer stalls %" PRIu64 "\n",
	       num(ring, "dropped_kernel"), num(ring, "dropped_interface"),
	       num(ring, "dropped_queue"), num(ring, "lost_write"),
	       FORMAT_PLURAL(num(ring, "lost_write"), "error", "errors"),
	       num(ring, "queue_high_water"),
	       FORMAT_PLURAL(num(ring, "queue_high_water"), "buffer", "buffers"),
	       bytes(num(ring, "queue_high_water_bytes"), a, sizeof(a)),
	       bytes(num(ring, "queue_size"), b, sizeof(b)), num(ring, "queue_buffers"),
	       num(ring, "writer_stalls"));
	if (json_object_get(ring, "queue_reserved_bytes"))
		printf("  queue reserve: %s taken\n",
		       bytes(num(ring, "queue_reserved_bytes"), a, sizeof(a)));
	if (t)
		printf("  since %s (created): %s captured, %s written, %s dropped, %s on disk\n",
		       str(t, "since", "?"), count(num(t, "packets_captured"), a, sizeof(a)),
		       count(num(t, "packets_written"), b, sizeof(b)),
		       count(num(t, "dropped_kernel") + num(t, "dropped_interface") +
			     num(t, "dropped_queue") + num(t, "lost_write"), c, sizeof(c)),
		       bytes(num(t, "bytes_written"), d, sizeof(d)));
	/* Compression given up to keep every packet shows up here. */
	n = num(ring, "files_damaged");
	if (n)
		printf("  damaged: %" PRIu64 " %s (pktctl list shows them)\n", n,
		       n == 1 ? "file no longer matches its seal or cannot be read whole"
			      : "files no longer match their seal or cannot be read whole");
	if (num(ring, "sync_errors"))
		printf("  sync errors: %" PRIu64 " (files written then are not sealed)\n",
		       num(ring, "sync_errors"));
	if (num(ring, "gzip_chunks"))
		printf("  gzip: %" PRIu64 " %s, %" PRIu64 " stored uncompressed to keep up\n",
		       num(ring, "gzip_chunks"), FORMAT_PLURAL(num(ring, "gzip_chunks"), "chunk", "chunks"),
		       num(ring, "gzip_chunks_stored"));
}

static void status_ring(json_t *ring, const char *host, int width)
{
	uint64_t dropped = num(ring, "dropped_kernel") + num(ring, "dropped_interface") +
			   num(ring, "dropped_queue") + num(ring, "lost_write");
	double ratio = json_real_value(json_object_get(ring, "compression_ratio"));
	const char *state = str(ring, "state", "?");
	char a[32], b[32], c[32], d[32], e[32], f[32], g[40], word[11];

	/* A long state ("error: The interface went down") shows its first word here, in full below. */
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(state, ": ("), state);
	if (strlen(state) <= 10)
		snprintf(word, sizeof(word), "%s", state);
	if (host)
		printf("%-*s ", width, host);
	printf("%-20s %-10s %8s %8s %8s %7s %5.2f %5" PRIu64 " %7s %7s  %s\n",
	       str(ring, "name", "?"), word,
	       count(num(ring, "packets_captured"), a, sizeof(a)),
	       count(dropped, b, sizeof(b)), count(num(ring, "packets_written"), c, sizeof(c)),
	       bytes(num(ring, "bytes_written"), d, sizeof(d)), ratio, num(ring, "files"),
	       bytes(num(ring, "bytes_kept"), e, sizeof(e)),
	       bytes(num(ring, "fs_free"), f, sizeof(f)),
	       when(str(ring, "oldest_packet", NULL), g, sizeof(g)));
	status_details(ring, state);
}

void format_status(json_t *r)
{
	json_t *ring;
	size_t i;

	status_daemon(r, NULL);
	printf("\n");
	status_head(0);
	json_array_foreach(json_object_get(r, "rings"), i, ring)
		status_ring(ring, NULL, 0);
	format_evidence(json_object_get(r, "evidence"), NULL);
}

void format_status_hosts(const char **hosts, json_t **results, int n)
{
	json_t *ring;
	size_t k;
	int width = 4;

	for (int i = 0; i < n; i++) {
		if ((int)strlen(hosts[i]) > width)
			width = (int)strlen(hosts[i]);
		if (results[i])
			status_daemon(results[i], hosts[i]);
	}
	printf("\n");
	status_head(width);
	for (int i = 0; i < n; i++)
		json_array_foreach(json_object_get(results[i], "rings"), k, ring)
			status_ring(ring, hosts[i], width);
	for (int i = 0; i < n; i++)
		format_evidence(json_object_get(results[i], "evidence"), hosts[i]);
}

/* One ring's line above its files: how many, how much, how far back. */
void format_list_ring(json_t *ring)
{
	char a[40], b[40], c[32];

	printf("%s: %" PRIu64 " %s, %s, %s .. %s", str(ring, "ring", "?"), num(ring, "files"),
	       FORMAT_PLURAL(num(ring, "files"), "file", "files"), bytes(num(ring, "bytes"), c, sizeof(c)), when(str(ring, "first", NULL), a, sizeof(a)),
	       when(str(ring, "last", NULL), b, sizeof(b)));
	if (num(ring, "damaged"))
		printf(", %" PRIu64 " damaged", num(ring, "damaged"));
	printf("\n");
}

void format_list_head(void)
{
	printf("%-16s %-44s %-20s %-20s %8s %7s  %-16s\n", "RING", "FILE", "FIRST", "LAST",
	       "PACKETS", "SIZE", "SHA256");
}

/* "  preserved in INC-42,INC-43": the cases that hold the file, where the daemon names them. */
static void print_holders(json_t *f)
{
	json_t *cases = json_object_get(f, "cases"), *id;
	size_t i;

	if (!json_is_true(json_object_get(f, "preserved")))
		return;
	printf("  preserved");
	json_array_foreach(cases, i, id)
		printf("%s%s", i ? "," : " in ", json_string_value(id) ? json_string_value(id) : "?");
}

void format_list_file(json_t *f)
{
	json_t *packets = json_object_get(f, "packets");
	char a[40], b[40], c[32], d[32];

	printf("%-16s %-44s %-20s %-20s %8s %7s  %-16.16s%s%s", str(f, "ring", "?"),
	       str(f, "name", "?"), when(str(f, "first", NULL), a, sizeof(a)),
	       when(str(f, "last", NULL), b, sizeof(b)),
	       json_is_integer(packets) ? count(num(f, "packets"), c, sizeof(c)) : "?",
	       bytes(num(f, "size"), d, sizeof(d)), str(f, "sha256", "-"),
	       strcmp(str(f, "state", "sealed"), "sealed") ? "  " : "",
	       strcmp(str(f, "state", "sealed"), "sealed") ? str(f, "state", "") : "");
	print_holders(f);
	printf("\n");
	if (json_object_get(f, "damage"))
		printf("  damage: %s\n", str(f, "damage", ""));
}

void format_list(json_t *r)
{
	json_t *f;
	size_t i;

	json_array_foreach(json_object_get(r, "rings"), i, f)
		format_list_ring(f);
	format_list_head();
	json_array_foreach(json_object_get(r, "files"), i, f)
		format_list_file(f);
}

/* The flags exactly as tcpdump -D prints them. */
static void print_flags(uint64_t flags)
{
	static const struct {
		uint64_t bit;
		const char *name;
	} names[] = {
		{ PCAP_IF_UP, "Up" },
		{ PCAP_IF_RUNNING, "Running" },
		{ PCAP_IF_LOOPBACK, "Loopback" },
		{ PCAP_IF_WIRELESS, "Wireless" },
	};
	int first = 1;

	if (!flags)
		return;
	printf(" [");
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (flags & names[i].bit) {
			printf("%s%s", first ? "" : ", ", names[i].name);
			first = 0;
		}
	if (first)
		printf("none");
	switch (flags & PCAP_IF_CONNECTION_STATUS) {
	case PCAP_IF_CONNECTION_STATUS_UNKNOWN:
		printf(flags & PCAP_IF_WIRELESS ? ", Association status unknown"
						: ", Connection status unknown");
		break;
	case PCAP_IF_CONNECTION_STATUS_CONNECTED:
		printf(flags & PCAP_IF_WIRELESS ? ", Associated" : ", Connected");
		break;
	case PCAP_IF_CONNECTION_STATUS_DISCONNECTED:
		printf(flags & PCAP_IF_WIRELESS ? ", Not associated" : ", Disconnected");
		break;
	default:
		break;
	}
	printf("]");
}

void format_interfaces(json_t *r)
{
	json_t *list = json_object_get(r, "interfaces"), *dev, *ring;
	size_t i, k;

	json_array_foreach(list, i, dev) {
		const char *desc = str(dev, "description", NULL);
		json_t *rings = json_object_get(dev, "rings");

		printf("%zu.%s", i + 1, str(dev, "name", "?"));
		if (desc)
			printf(" (%s)", desc);
		print_flags(num(dev, "flags"));
		if (json_array_size(rings)) {
			printf(" rings:");
			json_array_foreach(rings, k, ring)
				printf(" %s", json_string_value(ring));
		}
		printf("\n");
	}
}

void format_rotate(json_t *r)
{
	json_t *list = json_object_get(r, "rotated"), *ring;
	size_t i;

	if (!json_array_size(list))
		printf("no ring had an open file\n");
	json_array_foreach(list, i, ring)
		printf("rotated %s\n", json_string_value(ring));
}

void format_reload(json_t *r)
{
	const char *note = str(r, "restart_needed", "");

	printf("configuration reloaded\n");
	if (*note)
		printf("needs a restart: %s\n", note);
}

void format_reindex(json_t *r)
{
	json_t *list = json_object_get(r, "queued"), *name;
	size_t i;

	if (!json_array_size(list))
		printf("no closed file to check\n");
	json_array_foreach(list, i, name)
		printf("checking %s\n", json_string_value(name));
	if (json_array_size(list))
		printf("%zu %s queued: each is read again against its seal and its index rebuilt;\n"
		       "pktctl status shows the indexer's progress, pktctl list any damaged file\n",
		       json_array_size(list), FORMAT_PLURAL(json_array_size(list), "file", "files"));
}

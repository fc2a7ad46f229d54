/* summary.c: pktctl summary: capinfos-style totals, rates, protocols and top talkers of a dump */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "summary.h"

#define TOP 10
#define KEYLEN 100

/* A count of packets and bytes per key (an address, a pair, a port), in an open-addressed table. */
struct tally {
	char key[KEYLEN];
	uint64_t packets, bytes;
};

struct table {
	struct tally *slots;
	size_t cap, used;
};

struct summary {
	uint64_t packets, bytes, captured;
	int64_t first_ns, last_ns;
	/* Packets come merged by time: a second's count is final when the next second starts. */
	int64_t sec;
	uint64_t sec_packets, sec_bytes;
	uint64_t peak_packets, peak_bytes;
	int64_t peak_packets_at, peak_bytes_at;
	struct table links, protos, hosts, convs, ports;
};

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static int grow(struct table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 256;
	struct tally *n = calloc(ncap, sizeof(*n));

	if (!n)
		return -1;
	for (size_t i = 0; i < t->cap; i++) {
		size_t k;

		if (!t->slots[i].key[0])
			continue;
		for (k = hash(t->slots[i].key) & (ncap - 1); n[k].key[0]; k = (k + 1) & (ncap - 1))
			;
		n[k] = t->slots[i];
	}
	free(t->slots);
	t->slots = n;
	t->cap = ncap;
	return 0;
}

static void count(struct table *t, const char *key, uint64_t bytes)
{
	size_t k;

	if ((t->used + 1) * 10 > t->cap * 7 && grow(t) < 0)
		return;
	for (k = hash(key) & (t->cap - 1); t->slots[k].key[0]; k = (k + 1) & (t->cap - 1))
		if (!strcmp(t->slots[k].key, key))
			break;
	if (!t->slots[k].key[0]) {
		snprintf(t->slots[k].key, KEYLEN, "%s", key);
		t->used++;
	}
	t->slots[k].packets++;
	t->slots[k].bytes += bytes;
}

struct summary *summary_new(void)
{
	return calloc(1, sizeof(struct summary));
}

void summary_free(struct summary *s)
{
	if (!s)
		return;
	free(s->links.slots);
	free(s->protos.slots);
	free(s->hosts.slots);
	free(s->convs.slots);
	free(s->ports.slots);
	free(s);
}

static const char *ip_proto(int p)
{
	switch (p) {
	case 1: return "ICMP";
	case 2: return "IGMP";
	case 6: return "TCP";
	case 17: return "UDP";
	case 47: return "GRE";
	case 50: return "ESP";
	case 58: return "ICMPv6";
	case 89: return "OSPF";
	case 132: return "SCTP";
	default: return NULL;
	}
}

/* The network layer: IPv4 or IPv6 (addresses, protocol, ports), else the ethertype's name. */
static void network(struct summary *s, int ethertype, const u_char *p, size_t len, uint64_t bytes)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN], key[KEYLEN], pname[16];
	const char *fam, *pn;
	int proto, v6;
	size_t hl;

	if (ethertype == 0x0806) {
		count(&s->protos, "ARP", bytes);
		return;
	}
	v6 = ethertype == 0x86dd;
	if ((ethertype != 0x0800 && !v6) || len < (v6 ? 40u : 20u) ||
	    (p[0] >> 4) != (v6 ? 6 : 4)) {
		if (ethertype >= 0)
			snprintf(key, sizeof(key), "ethertype 0x%04x", (unsigned)ethertype);
		else
			snprintf(key, sizeof(key), "other");
		count(&s->protos, key, bytes);
		return;
	}
	fam = v6 ? "IPv6" : "IPv4";
	if (v6) {
		inet_ntop(AF_INET6, p + 8, a, sizeof(a));
		inet_ntop(AF_INET6, p + 24, b, sizeof(b));
		proto = p[6];
		hl = 40;
	} else {
		inet_ntop(AF_INET, p + 12, a, sizeof(a));
		inet_ntop(AF_INET, p + 16, b, sizeof(b));
		proto = p[9];
		hl = (size_t)(p[0] & 0x0f) * 4;
		/* A later fragment has no transport header. */
		if ((((p[6] & 0x1f) << 8) | p[7]) != 0)
			hl = len + 1;
	}
	pn = ip_proto(proto);
	if (!pn) {
		snprintf(pname, sizeof(pname), "proto %d", proto);
		pn = pname;
	}
	snprintf(key, sizeof(key), "%s/%s", fam, pn);
	count(&s->protos, key, bytes);
	count(&s->hosts, a, bytes);
	if (strcmp(a, b))
		count(&s->hosts, b, bytes);
	/* A conversation is the unordered pair. */
	snprintf(key, sizeof(key), "%s <-> %s", strcmp(a, b) < 0 ? a : b, strcmp(a, b) < 0 ? b : a);
	count(&s->convs, key, bytes);
	if ((proto == 6 || proto == 17 || proto == 132) && hl >= 20 && len >= hl + 4) {
		unsigned sp = (unsigned)(p[hl] << 8 | p[hl + 1]), dp = (unsigned)(p[hl + 2] << 8 | p[hl + 3]);
		const char *t = proto == 6 ? "tcp" : proto == 17 ? "udp" : "sctp";

		snprintf(key, sizeof(key), "%s/%u", t, dp);
		count(&s->ports, key, bytes);
		if (sp != dp) {
			snprintf(key, sizeof(key), "%s/%u", t, sp);
			count(&s->ports, key, bytes);
		}
	}
}

static void link_layer(struct summary *s, int linktype, const u_char *p, size_t len, uint64_t bytes)
{
	int et = -1;

	switch (linktype) {
	case DLT_EN10MB:
		if (len < 14)
			break;
		et = p[12] << 8 | p[13];
		p += 14;
		len -= 14;
		/* 802.1Q and 802.1ad tags, as many as there are. */
		while ((et == 0x8100 || et == 0x88a8 || et == 0x9100) && len >= 4) {
			et = p[2] << 8 | p[3];
			p += 4;
			len -= 4;
		}
		break;
	case DLT_LINUX_SLL:
		if (len < 16)
			break;
		et = p[14] << 8 | p[15];
		p += 16;
		len -= 16;
		break;
	case DLT_LINUX_SLL2:
		if (len < 20)
			break;
		et = p[0] << 8 | p[1];
		p += 20;
		len -= 20;
		break;
	case DLT_RAW:		/* 12 or 14 by platform; the file may say 101 */
	case 101:
		if (len >= 1)
			et = (p[0] >> 4) == 6 ? 0x86dd : 0x0800;
		break;
	case DLT_NULL:
	case DLT_LOOP:
		if (len < 4)
			break;
		et = (p[4] >> 4) == 6 ? 0x86dd : 0x0800;
		p += 4;
		len -= 4;
		break;
	}
	network(s, et, p, len, bytes);
}

static void close_second(struct summary *s)
{
	if (s->sec_packets > s->peak_packets) {
		s->peak_packets = s->sec_packets;
		s->peak_packets_at = s->sec;
	}
	if (s->sec_bytes > s->peak_bytes) {
		s->peak_bytes = s->sec_bytes;
		s->peak_bytes_at = s->sec;
	}
}

void summary_add(struct summary *s, int linktype, int64_t ns, const struct pcap_pkthdr *h,
		 const u_char *data)
{
	int64_t sec = ns / 1000000000;
	char name[32];
	const char *ln;

	if (!s->packets || ns < s->first_ns)
		s->first_ns = ns;
	if (!s->packets || ns > s->last_ns)
		s->last_ns = ns;
	if (s->packets && sec != s->sec) {
		close_second(s);
		s->sec_packets = s->sec_bytes = 0;
	}
	s->sec = sec;
	s->sec_packets++;
	s->sec_bytes += h->len;
	s->packets++;
	s->bytes += h->len;
	s->captured += h->caplen;
	ln = pcap_datalink_val_to_name(linktype);
	if (!ln) {
		snprintf(name, sizeof(name), "DLT %d", linktype);
		ln = name;
	}
	count(&s->links, ln, h->len);
	link_layer(s, linktype, data, h->caplen, h->len);
}

static int by_packets(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	return x->packets != y->packets ? (x->packets < y->packets ? 1 : -1) : strcmp(x->key, y->key);
}

static int by_bytes(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	return x->bytes != y->bytes ? (x->bytes < y->bytes ? 1 : -1) : strcmp(x->key, y->key);
}

/* The table's entries sorted, at most max (0: all), as [{"name", "packets", "bytes"}]. */
static json_t *top(struct table *t, int (*cmp)(const void *, const void *), size_t max)
{
	struct tally *v = calloc(t->used ? t->used : 1, sizeof(*v));
	json_t *a = json_array();
	size_t n = 0;

	if (!v)
		return a;
	for (size_t i = 0; i < t->cap; i++)
		if (t->slots[i].key[0])
			v[n++] = t->slots[i];
	qsort(v, n, sizeof(*v), cmp);
	for (size_t i = 0; i < n && (!max || i < max); i++)
		json_array_append_new(a, json_pack("{s:s, s:I, s:I}", "name", v[i].key, "packets",
						   (json_int_t)v[i].packets, "bytes",
						   (json_int_t)v[i].bytes));
	free(v);
	return a;
}

static json_t *stamp(int64_t ns)
{
	time_t sec = (time_t)(ns / 1000000000);
	char buf[48], d[32];
	struct tm tm;

	if (!ns || !gmtime_r(&sec, &tm))
		return json_null();
	strftime(d, sizeof(d), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "%s.%06dZ", d, (int)(ns % 1000000000 / 1000));
	return json_string(buf);
}

json_t *summary_json(struct summary *s, json_t *sources, int64_t since, int64_t until,
		     json_t *drops)
{
	double dur = s->packets > 1 ? (double)(s->last_ns - s->first_ns) / 1e9 : 0;
	json_t *j;

	if (s->packets)
		close_second(s);
	j = json_pack("{s:o, s:o, s:o, s:o, s:o, s:I, s:I, s:I, s:f, s:f, s:f}",
		      "sources", sources, "since", stamp(since), "until", stamp(until),
		      "first_packet", stamp(s->packets ? s->first_ns : 0),
		      "last_packet", stamp(s->packets ? s->last_ns : 0),
		      "packets", (json_int_t)s->packets, "bytes", (json_int_t)s->bytes,
		      "bytes_captured", (json_int_t)s->captured, "duration", dur,
		      "average_packets_per_second", dur > 0 ? (double)s->packets / dur : 0.0,
		      "average_bytes_per_second", dur > 0 ? (double)s->bytes / dur : 0.0);
	json_object_set_new(j, "peak_packets_per_second",
			    json_pack("{s:I, s:o}", "value", (json_int_t)s->peak_packets, "second",
				      stamp(s->peak_packets ? s->peak_packets_at * 1000000000 : 0)));
	json_object_set_new(j, "peak_bytes_per_second",
			    json_pack("{s:I, s:o}", "value", (json_int_t)s->peak_bytes, "second",
				      stamp(s->peak_bytes ? s->peak_bytes_at * 1000000000 : 0)));
	json_object_set_new(j, "drops", drops ? drops : json_null());
	json_object_set_new(j, "link_types", top(&s->links, by_packets, 0));
	json_object_set_new(j, "protocols", top(&s->protos, by_packets, 0));
	json_object_set_new(j, "top_hosts_by_packets", top(&s->hosts, by_packets, TOP));
	json_object_set_new(j, "top_hosts_by_bytes", top(&s->hosts, by_bytes, TOP));
	json_object_set_new(j, "top_conversations_by_packets", top(&s->convs, by_packets, TOP));
	json_object_set_new(j, "top_conversations_by_bytes", top(&s->convs, by_bytes, TOP));
	json_object_set_new(j, "top_ports_by_packets", top(&s->ports, by_packets, TOP));
	json_object_set_new(j, "top_ports_by_bytes", top(&s->ports, by_bytes, TOP));
	return j;
}

static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "-";
}

static uint64_t num(json_t *o, const char *key)
{
	return (uint64_t)json_integer_value(json_object_get(o, key));
}

/* "name packets/bytes" lists, one line each, indented. */
static void list(FILE *out, const char *title, json_t *a, int bytes_first)
{
	json_t *e;
	size_t i;

	if (!json_array_size(a))
		return;
	fprintf(out, "%s:\n", title);
	json_array_foreach(a, i, e)
		fprintf(out, bytes_first ? "  %-46s %12" PRIu64 " bytes %10" PRIu64 " packets\n"
					 : "  %-46s %10" PRIu64 " packets %12" PRIu64 " bytes\n",
			str(e, "name"), bytes_first ? num(e, "bytes") : num(e, "packets"),
			bytes_first ? num(e, "packets") : num(e, "bytes"));
}

void summary_print(json_t *j, FILE *out)
{
	json_t *src = json_object_get(j, "sources"), *e, *drops = json_object_get(j, "drops");
	json_t *pk = json_object_get(j, "peak_packets_per_second");
	json_t *pb = json_object_get(j, "peak_bytes_per_second");
	size_t i;

	fprintf(out, "Read:          ");
	json_array_foreach(src, i, e)
		fprintf(out, "%s%s", i ? ", " : "", json_string_value(e));
	fprintf(out, "\nWindow:        %s to %s\n", str(j, "since"), str(j, "until"));
	fprintf(out, "First packet:  %s\nLast packet:   %s\n", str(j, "first_packet"),
		str(j, "last_packet"));
	fprintf(out, "Duration:      %.6f s\n", json_real_value(json_object_get(j, "duration")));
	fprintf(out, "Packets:       %" PRIu64 "\n", num(j, "packets"));
	if (num(j, "duplicates_dropped"))
		fprintf(out, "Duplicates:    %" PRIu64 " copies from overlapping rings dropped (each packet counted once)\n",
			num(j, "duplicates_dropped"));
	fprintf(out, "Bytes:         %" PRIu64 " on the wire, %" PRIu64 " captured\n", num(j, "bytes"),
		num(j, "bytes_captured"));
	fprintf(out, "Average rate:  %.1f packets/s, %.1f bytes/s\n",
		json_real_value(json_object_get(j, "average_packets_per_second")),
		json_real_value(json_object_get(j, "average_bytes_per_second")));
	fprintf(out, "Peak rate:     %" PRIu64 " packets/s (second from %s), %" PRIu64
		     " bytes/s (second from %s)\n",
		num(pk, "value"), str(pk, "second"), num(pb, "value"), str(pb, "second"));
	json_array_foreach(drops, i, e)
		fprintf(out, "Drops:         %s: %" PRIu64 " since pktcapd started, %" PRIu64
			     " since the ring was created (pktcapd counts drops per ring, not per time)\n",
			str(e, "ring"), num(e, "since_start"), num(e, "since_created"));
	list(out, "Link types", json_object_get(j, "link_types"), 0);
	list(out, "Protocols", json_object_get(j, "protocols"), 0);
	list(out, "Top hosts by packets", json_object_get(j, "top_hosts_by_packets"), 0);
	list(out, "Top hosts by bytes", json_object_get(j, "top_hosts_by_bytes"), 1);
	list(out, "Top conversations by packets", json_object_get(j, "top_conversations_by_packets"), 0);
	list(out, "Top conversations by bytes", json_object_get(j, "top_conversations_by_bytes"), 1);
	list(out, "Top ports by packets", json_object_get(j, "top_ports_by_packets"), 0);
	list(out, "Top ports by bytes", json_object_get(j, "top_ports_by_bytes"), 1);
}

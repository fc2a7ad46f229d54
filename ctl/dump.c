/* dump.c: pktctl dump: read rings (through the daemon) or files, filter, merge by time, print */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sys/stat.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "args.h"
#include "client.h"
#include "dump.h"
#include "escape.h"
#include "format.h"
#include "nd.h"
#include "pcapfile.h"
#include "pcapng.h"
#include "pktdedup.h"
#include "proto.h"
#include "stream.h"
#include "summary.h"
#include "timeparse.h"

#define MAX_SOURCES 64

struct source {
	struct pcapfile *pf;
	int fd;			/* -r FILE, closed with the source */
	char name[256];
	int linktype, snaplen, nano;
	pcap_t *dead;		/* for compiling the filter */
	struct pcap_pkthdr hdr;
	struct bpf_program prog;
	int has_prog;
	struct pcap_pkthdr *h;	/* the packet waiting to be merged, or NULL at the end */
	const u_char *data;
	int done;
	struct stream *stream;	/* a ring's connection to the daemon, NULL for -r */
	int host;		/* pktctl -H: which host's daemon it comes from */
	int iface;		/* rings of one interface share it (pktdedup), -1: a file */
	int64_t ns;		/* the waiting packet's time stamp */
	const char *sock;	/* the daemon it was read from */
	int filtered;		/* the daemon ran the filter: only matches come */
};

#define MAX_HOSTS 16
/* pktctl -H with several hosts: their client sockets and names, see dump_set_hosts. */
static const char *host_socks[MAX_HOSTS], *host_labels[MAX_HOSTS];
static int nhosts;

struct dump {
	struct nd nd;
	struct source src[MAX_SOURCES];
	int nsrc;
	const char *filter;
	int local_filter;	/* a daemon refused to run it: filter here */
	int64_t since, until;	/* nanoseconds; 0 = open */
	long long count;	/* -c: stop after this many */
	int follow;
	const char *wfile;
	pcap_dumper_t *dumper;
	pcap_t *dead;
	int out_nano;
	int nano_ts;		/* records carry nanoseconds (else microseconds) */
	int errors;
	struct summary *summary;	/* pktctl summary: count instead of printing */
	struct summary *host_summary[MAX_HOSTS];	/* and per host, with several */
	FILE *ng;		/* -w over several rings: pcapng, one interface per ring */
	struct pktdedup *dedup;	/* one packet once across the rings of an interface */
	uint64_t dups[MAX_HOSTS];	/* copies dropped, per host */
	char host_err[MAX_HOSTS][1024];	/* why host h was left out: its summary says this */
};

void dump_usage(FILE *out)
{
	fprintf(out,
		"Usage: pktctl dump [RING...] [--since TIME] [--until TIME] [-c COUNT] [-f|--follow]\n"
		"                   [-n] [-v...] [-e] [-q] [-x|-xx|-X|-XX|-A] [-t...] [-#] [-S] [-T TYPE]\n"
		"                   [--time-stamp-precision=micro|nano] [-w FILE] [-r FILE]... [FILTER...]\n"
		"Print a ring's stored packets (through pktcapd, no root needed) or pcap files given\n"
		"with -r (plain or gzip; several are merged by time) exactly as tcpdump prints them.\n"
		"Names are never resolved: output is that of tcpdump -n.\n\n"
		"  RING...           INTERFACE/PROFILE, or INTERFACE for all its rings; several are\n"
		"                    merged by time; may be left out when there is one ring\n"
		"  --since TIME      from TIME: 2026-11-26T10:15:00Z, 10:15, -10m, \"1h ago\", @EPOCH\n"
		"  --until TIME      up to (not including) TIME\n"
		"  -c COUNT          stop after COUNT packets\n"
		"  -f, --follow      keep printing packets as they are captured (until Ctrl-C or -c)\n"
		"  -r FILE           read FILE instead of a ring (\"-\" is stdin); repeatable\n"
		"  -w FILE           write the selected packets as pcap (\"-\" is stdout) instead of text\n"
		"  FILTER            a BPF expression, as for tcpdump\n"
		"  -n -v -e -q -x -X -A -t -# -T  and --time-stamp-precision: as for tcpdump\n\n"
		"Examples:\n"
		"  pktctl dump eth0/web --since 03:12 --until 03:13 -nn -v port 443\n"
		"  pktctl dump -r capture.pcap.gz -X icmp\n"
		"  pktctl dump eth0/web --since -1h -w - | wireshark -k -i -\n");
}

void dump_set_hosts(const char **socks, const char **labels, int n)
{
	nhosts = n < MAX_HOSTS ? n : MAX_HOSTS;
	for (int i = 0; i < nhosts; i++) {
		host_socks[i] = socks[i];
		host_labels[i] = labels[i];
	}
}

void dump_summary_usage(FILE *out)
{
	fprintf(out,
		"Usage: pktctl summary [RING...] [--since TIME] [--until TIME] [-c COUNT] [--json]\n"
		"                      [-r FILE]... [FILTER...]\n"
		"Sum up stored packets as capinfos does, in one screen (or JSON): packets, bytes,\n"
		"duration, average and peak rates, drops, link types, protocols, and the top hosts,\n"
		"conversations and ports by packets and by bytes. Reads what dump reads.\n\n"
		"Examples:\n"
		"  pktctl summary eth0 --since 03:00 --until 04:00\n"
		"  pktctl summary eth0/web --since -1h --json port 443\n");
}

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void source_info(struct source *src)
{
	const struct pcapfile_info *info = pcapfile_info(src->pf);

	src->linktype = (int)info->linktype;
	src->snaplen = info->snaplen ? (int)info->snaplen : PCAP_MAX_CAPLEN;
	src->nano = info->nano;
}

/*
 * Whether the daemon can run the filter: within the bound it compiles on
 * the thread serving clients (proto.h); a longer one is run here, as with
 * a daemon from before filters ran there.
 */
static int remote_filter(const struct dump *d)
{
	return d->filter && *d->filter && !d->local_filter &&
	       strlen(d->filter) <= PROTO_FILTER_MAX &&
	       proto_filter_terms(d->filter) <= PROTO_FILTER_MAX_TERMS;
}

static int open_ring(struct dump *d, struct source *src, const char *sock, const char *ring,
		     char *err, size_t errlen)
{
	struct stream *s = calloc(1, sizeof(*s));
	json_t *req;
	uint8_t *frame;
	size_t len;

	if (!s)
		return -1;
	s->fd = client_connect(sock, err, errlen);
	if (s->fd < 0) {
		free(s);
		return -1;
	}
	req = json_pack("{s:s, s:b}", "cmd", "dump", "follow", d->follow);
	if (ring)
		json_object_set_new(req, "ring", json_string(ring));
	if (d->since)
		json_object_set_new(req, "since", json_integer(d->since));
	if (d->until)
		json_object_set_new(req, "until", json_integer(d->until));
	/* The filter runs next to the data: only matches cross the socket. */
	src->filtered = remote_filter(d);
	if (src->filtered)
		json_object_set_new(req, "filter", json_string(d->filter));
	frame = proto_frame_json(PROTO_REQUEST, req, &len);
	json_decref(req);
	/* A failed send may be a refusal already on its way: read it below. */
	if (!frame || send(s->fd, frame, len, MSG_NOSIGNAL) != (ssize_t)len)
		snprintf(err, errlen, "cannot send to %s: %s", sock, strerror(errno));
	free(frame);
	src->stream = s;
	src->fd = -1;
	snprintf(src->name, sizeof(src->name), "%s", ring ? ring : "ring");
	src->pf = pcapfile_open_reader(stream_read, s, src->name, 0, err, errlen, NULL);
	if (!src->pf) {
		/* The daemon's own error says more than "truncated header". */
		if (*s->err)
			snprintf(err, errlen, "%s", s->err);
		return -1;
	}
	source_info(src);
	return 0;
}

static int open_file(struct source *src, const char *path, char *err, size_t errlen)
{
	src->fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);
	snprintf(src->name, sizeof(src->name), "%s", path);
	if (src->fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* A file given by the user is read as tcpdump reads it (see PCAPFILE_LIBPCAP). */
	src->pf = pcapfile_open(src->fd, path, PCAPFILE_LIBPCAP, err, errlen, NULL);
	if (!src->pf)
		return -1;
	source_info(src);
	return 0;
}

/* ---- merging, filtering, printing ---- */

static int advance(struct dump *d, struct source *s)
{
	for (;;) {
		struct pcapfile_rec rec;
		int rc = pcapfile_next(s->pf, &rec);

		if (rc != PCAPFILE_OK) {
			/* Damage ends this source after what came before it, as tcpdump does. */
			if (rc != PCAPFILE_END) {
				fprintf(stderr, "pktctl: %s\n", pcapfile_error(s->pf));
				d->errors++;
			}
			s->done = 1;
			return 0;
		}
		/*
		 * The fields in the precision printed, scaled as libpcap scales
		 * them when tcpdump opens a file in that precision (odd values
		 * included): nanoseconds for -w, so nothing is lost in the copy.
		 */
		s->hdr.ts.tv_sec = (time_t)(int32_t)rec.sec;
		{
			/* libpcap reads both fields as signed 32-bit numbers. */
			int64_t frac = (int32_t)rec.frac;

			if (s->nano != d->nano_ts)
				frac = d->nano_ts ? frac * 1000 : frac / 1000;
			s->hdr.ts.tv_usec = (suseconds_t)frac;
		}
		s->hdr.caplen = rec.caplen;
		s->hdr.len = rec.len;
		s->h = &s->hdr;
		s->data = rec.data;
		s->ns = rec.ns;
		if (d->since && rec.ns < d->since)
			continue;
		if (d->until && rec.ns >= d->until) {
			/* Files are in time order: nothing later can match. */
			if (!d->follow) {
				s->done = 1;
				return 0;
			}
			continue;
		}
		if (s->has_prog && !pcap_offline_filter(&s->prog, s->h, s->data))
			continue;
		return 1;
	}
}

static int ng_open(struct dump *d, char *err, size_t errlen);

static int open_output(struct dump *d, char *err, size_t errlen)
{
	int nano = 0;

	if (!d->wfile)
		return 0;
	if (nhosts > 1 || (d->nsrc > 1 && d->src[0].stream))
		return ng_open(d, err, errlen);
	for (int i = 0; i < d->nsrc; i++) {
		if (d->src[i].linktype != d->src[0].linktype) {
			snprintf(err, errlen, "-w: %s and %s have different link types",
				 d->src[0].name, d->src[i].name);
			return -1;
		}
		nano |= d->src[i].nano;
	}
	d->out_nano = nano || d->nd.o.nano;
	d->dead = pcap_open_dead_with_tstamp_precision(d->src[0].linktype,
						       d->src[0].snaplen,
						       d->out_nano ? PCAP_TSTAMP_PRECISION_NANO
								   : PCAP_TSTAMP_PRECISION_MICRO);
	if (!d->dead)
		return -1;
	d->dumper = strcmp(d->wfile, "-") ? pcap_dump_open(d->dead, d->wfile)
					  : pcap_dump_fopen(d->dead, stdout);
	if (!d->dumper) {
		snprintf(err, errlen, "%s: %s", d->wfile, pcap_geterr(d->dead));
		return -1;
	}
	return 0;
}

/*
 * The name of source i's interface block: its ring, after its host with
 * several hosts (the host alone when it gives one ring, as -H always did).
 */
static void ng_name(struct dump *d, int i, char *buf, size_t len)
{
	int n = 0;

	for (int k = 0; k < d->nsrc; k++)
		n += d->src[k].host == d->src[i].host;
	if (nhosts > 1 && n == 1)
		snprintf(buf, len, "%s", host_labels[d->src[i].host]);
	else if (nhosts > 1)
		snprintf(buf, len, "%s %s", host_labels[d->src[i].host], d->src[i].name);
	else
		snprintf(buf, len, "%s", d->src[i].name);
}

/*
 * -w over several rings (or hosts): pcapng, one interface block per ring
 * named after it, so each packet says which ring stored it (pcap has no names).
 */
static int ng_open(struct dump *d, char *err, size_t errlen)
{
	static char names[MAX_SOURCES][256];
	struct pcapng_if ifs[MAX_SOURCES];

	d->ng = strcmp(d->wfile, "-") ? fopen(d->wfile, "wb") : stdout;
	if (!d->ng) {
		snprintf(err, errlen, "%s: %s", d->wfile, strerror(errno));
		return -1;
	}
	for (int i = 0; i < d->nsrc; i++) {
		ng_name(d, i, names[i], sizeof(names[i]));
		ifs[i] = (struct pcapng_if){ .linktype = d->src[i].linktype,
					     .snaplen = d->src[i].snaplen, .name = names[i] };
	}
	pcapng_write_header(d->ng, ifs, d->nsrc);
	return 0;
}

static void emit(struct dump *d, struct source *s)
{
	if (d->summary) {
		int64_t ns = (int64_t)s->h->ts.tv_sec * 1000000000 +
			     (int64_t)s->h->ts.tv_usec * (d->nano_ts ? 1 : 1000);

		summary_add(d->summary, s->linktype, ns, s->h, s->data);
		if (d->host_summary[s->host])
			summary_add(d->host_summary[s->host], s->linktype, ns, s->h, s->data);
		return;
	}
	if (d->ng) {
		pcapng_write_packet(d->ng, (uint32_t)(s - d->src),
				    (uint64_t)s->h->ts.tv_sec * 1000000000 +
					    (uint64_t)s->h->ts.tv_usec * (d->nano_ts ? 1 : 1000),
				    s->h, s->data);
		return;
	}
	if (d->dumper) {
		struct pcap_pkthdr h = *s->h;

		if (!d->out_nano && d->nano_ts)
			h.ts.tv_usec /= 1000;
		pcap_dump((u_char *)d->dumper, &h, s->data);
		if (d->follow)
			pcap_dump_flush(d->dumper);
		return;
	}
	/* Several hosts: each line names its own. */
	if (nhosts > 1) {
		nd_puts(&d->nd, host_labels[s->host]);
		nd_putc(&d->nd, ' ');
	}
	nd_print_packet(&d->nd, s->linktype, s->h, s->data, d->nano_ts);
}

static int run(struct dump *d)
{
	long long printed = 0;

	for (int i = 0; i < d->nsrc; i++)
		advance(d, &d->src[i]);
	while (d->count <= 0 || printed < d->count) {
		struct source *best = NULL;

		for (int i = 0; i < d->nsrc; i++) {
			struct source *s = &d->src[i];

			if (s->done)
				continue;
			/* In nanoseconds: pktdedup meets the copies side by side. */
			if (!best || s->ns < best->ns)
				best = s;
		}
		if (!best)
			break;
		if (d->dedup && pktdedup_check(d->dedup, best->iface, (int)(best - d->src), best->ns,
					       best->h->caplen, best->h->len, best->data)) {
			d->dups[best->host]++;
			advance(d, best);
			continue;
		}
		emit(d, best);
		/* Reading on would wait for a packet nobody asked for when following. */
		if (++printed == d->count)
			break;
		advance(d, best);
	}
	return 0;
}

/* Whether rings a and b capture on one interface of one host ("eth0/all", "eth0/udp"). */
static int same_iface(const struct source *a, const struct source *b)
{
	size_t n = strcspn(a->name, "/");

	return a->stream && b->stream && a->host == b->host && a->name[n] == '/' &&
	       !strncmp(a->name, b->name, n + 1);
}

/*
 * Rings of one interface may hold the same packet (overlapping profiles):
 * they share an interface number, and the merge keeps one copy of each.
 */
static int plan_dedup(struct dump *d)
{
	int shared = 0;

	for (int i = 0; i < d->nsrc; i++) {
		d->src[i].iface = -1;
		for (int k = 0; k < i && d->src[i].iface < 0; k++)
			if (same_iface(&d->src[k], &d->src[i])) {
				d->src[i].iface = d->src[k].iface = k;
				shared = 1;
			}
	}
	if (!shared)
		return 0;
	d->dedup = malloc(sizeof(*d->dedup));
	if (!d->dedup)
		return -1;
	pktdedup_init(d->dedup);
	return 0;
}

static int compile_filters(struct dump *d, char *err, size_t errlen)
{
	if (!d->filter || !*d->filter)
		return 0;
	for (int i = 0; i < d->nsrc; i++) {
		struct source *s = &d->src[i];

		/* The daemon compiled it for this ring's link type, and ran it. */
		if (s->filtered)
			continue;
		s->dead = pcap_open_dead(s->linktype, s->snaplen);
		if (!s->dead)
			return -1;
		if (pcap_compile(s->dead, &s->prog, d->filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			/* libpcap's reason comes after at most 100 bytes of the filter, never cut off. */
			snprintf(err, errlen, "filter \"%.100s%s\": %s", d->filter,
				 strlen(d->filter) > 100 ? "..." : "", pcap_geterr(s->dead));
			return -1;
		}
		s->has_prog = 1;
	}
	return 0;
}

static int fail(int json, const char *msg)
{
	return client_fail(json, msg);
}

/* A control socket on disk, or a path that is meant to be one. */
static int looks_like_socket(const char *word)
{
	size_t n = strlen(word);
	struct stat st;

	if (n > 5 && !strcmp(word + n - 5, ".sock"))
		return 1;
	return stat(word, &st) == 0 && S_ISSOCK(st.st_mode);
}

/* The rings the daemon has on an interface called word ("eth0": all its profiles), or 0. */
static int iface_rings(const char *sock, const char *word, char (*names)[160], int max)
{
	json_t *req = json_pack("{s:s}", "cmd", "status"), *reply, *ring;
	char err[256];
	size_t i;
	int n = 0;

	reply = client_call(sock, req, 5000, err, sizeof(err));
	json_decref(req);
	json_array_foreach(json_object_get(json_object_get(reply, "result"), "rings"), i, ring) {
		const char *iface = json_string_value(json_object_get(ring, "interface"));
		const char *name = json_string_value(json_object_get(ring, "name"));

		if (iface && name && !strcmp(iface, word) && n < max)
			snprintf(names[n++], sizeof(names[0]), "%s", name);
	}
	json_decref(reply);
	return n;
}

/* Opens the next source: ring (NULL: the only one) of host h's daemon at hsock. */
static int open_one(struct dump *d, int h, const char *hsock, const char *ring, char *err,
		    size_t errlen)
{
	struct source *src;

	if (d->nsrc == MAX_SOURCES) {
		snprintf(err, errlen, "more than %d rings", MAX_SOURCES);
		return -1;
	}
	src = &d->src[d->nsrc++];
	src->host = h;
	src->sock = hsock;
	if (open_ring(d, src, hsock, ring, err, errlen) == 0)
		return 0;
	/* A daemon from before dumps took a filter: read it all and filter here. */
	if (!src->filtered || !strstr(err, "are for exports"))
		return -1;
	pcapfile_close(src->pf);
	src->pf = NULL;
	stream_close(src->stream);
	free(src->stream);
	memset(src, 0, sizeof(*src));
	src->host = h;
	src->sock = hsock;
	d->local_filter = 1;
	return open_ring(d, src, hsock, ring, err, errlen);
}

/* What the daemon counts of each ring's drops: since it started, and since the ring was created. */
static json_t *ring_drops(struct dump *d, int host)
{
	json_t *drops = json_array();

	for (int i = 0; i < d->nsrc; i++) {
		const char *sock = d->src[i].sock;

		json_t *req, *reply, *rings, *ring, *r, *t;
		char err[256];
		size_t k;

		if (!d->src[i].stream || (host >= 0 && d->src[i].host != host))
			continue;
		req = json_pack("{s:s}", "cmd", "status");
		reply = client_call(sock, req, 5000, err, sizeof(err));
		json_decref(req);
		rings = json_object_get(json_object_get(reply, "result"), "rings");
		ring = NULL;
		json_array_foreach(rings, k, r) {
			const char *name = json_string_value(json_object_get(r, "name"));

			/* Without a ring word the daemon's only ring was read. */
			if ((name && !strcmp(name, d->src[i].name)) || json_array_size(rings) == 1)
				ring = r;
		}
		if (ring) {
			static const char *const keys[] = { "dropped_kernel", "dropped_interface",
							    "dropped_queue", "lost_write" };
			json_int_t now = 0, all = 0;

			t = json_object_get(ring, "total");
			for (size_t n = 0; n < 4; n++) {
				now += json_integer_value(json_object_get(ring, keys[n]));
				all += json_integer_value(json_object_get(t, keys[n]));
			}
			json_array_append_new(drops, json_pack("{s:s, s:I, s:I}", "ring",
							       json_string_value(json_object_get(ring, "name")),
							       "since_start", now, "since_created", all));
		}
		json_decref(reply);
	}
	return drops;
}

/* The summary of host h's sources (sum), or of all of them (h < 0). */
static json_t *summary_of(struct dump *d, struct summary *sum, int h, int nfiles)
{
	json_t *names = json_array(), *j;
	uint64_t dups = 0;

	/* A host that failed has no counts: zero packets would be a lie. */
	if (h >= 0 && *d->host_err[h]) {
		json_decref(names);
		return json_pack("{s:s}", "error", d->host_err[h]);
	}
	for (int i = 0; i < d->nsrc; i++)
		if (h < 0 || d->src[i].host == h)
			json_array_append_new(names, json_string(d->src[i].name));
	for (int k = 0; k < MAX_HOSTS; k++)
		if (h < 0 || k == h)
			dups += d->dups[k];
	j = summary_json(sum ? sum : d->summary, names, d->since, d->until,
			 nfiles ? NULL : ring_drops(d, h));
	if (j)
		json_object_set_new(j, "duplicates_dropped", json_integer((json_int_t)dups));
	return j;
}

/*
 * With several hosts, one that fails is named on stderr and left out, so
 * the others' packets still come (pdsh's way); the dump then fails. -1
 * with one host (or -r files): the error is the whole answer.
 */
static int host_failed(struct dump *d, int h, const char *err)
{
	if (nhosts < 2)
		return -1;
	fprintf(stderr, "pktctl: %s: %s\n", host_labels[h], err);
	snprintf(d->host_err[h], sizeof(d->host_err[h]), "%s", err);
	d->errors++;
	while (d->nsrc && d->src[d->nsrc - 1].host == h) {
		struct source *src = &d->src[--d->nsrc];

		pcapfile_close(src->pf);
		if (src->stream) {
			stream_close(src->stream);
			free(src->stream);
		}
		memset(src, 0, sizeof(*src));
	}
	return 0;
}

/*
 * summary's output: with several hosts, each host's then all of them
 * merged; a host that failed is {"error": ...} (a line in text), not zeros.
 */
static void print_summary(struct dump *d, int nfiles, int json)
{
	json_t *j = summary_of(d, NULL, -1, nfiles), *all;
	char esc[4096];

	if (nhosts > 1) {
		/* Per host, then all of them merged. */
		all = json_object();
		for (int h = 0; h < nhosts; h++)
			json_object_set_new(all, host_labels[h],
					    summary_of(d, d->host_summary[h], h, nfiles));
		json_object_set_new(all, "all hosts", j);
		j = all;
	}
	if (json) {
		json_dumpf(j, stdout, JSON_INDENT(2));
		putchar('\n');
	} else if (nhosts > 1) {
		for (int h = 0; h < nhosts; h++) {
			printf("%s== %s\n", h ? "\n" : "", host_labels[h]);
			if (*d->host_err[h])
				printf("no summary: %s\n",
				       escape_text(esc, sizeof(esc), d->host_err[h]));
			else
				summary_print(json_object_get(j, host_labels[h]), stdout);
		}
		printf("\n== all hosts\n");
		summary_print(json_object_get(j, "all hosts"), stdout);
	} else {
		summary_print(j, stdout);
	}
	json_decref(j);
}

int dump_main(int argc, char **argv, const char *sock, int json)
{
	enum { OPT_SINCE = 1000, OPT_UNTIL, OPT_PREC };
	static const struct option longopts[] = {
		{ "since", required_argument, NULL, OPT_SINCE },
		{ "until", required_argument, NULL, OPT_UNTIL },
		{ "follow", no_argument, NULL, 'f' },
		{ "count", required_argument, NULL, 'c' },
		{ "time-stamp-precision", required_argument, NULL, OPT_PREC },
		{ "number", no_argument, NULL, '#' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *files[MAX_SOURCES], *words[MAX_SOURCES];
	static char expanded[MAX_SOURCES][160];
	int nrings = 0, nexp = 0, nwords = 0;
	struct dump d;
	int nfiles = 0, ch, rc = 1;
	char err[1024], *filter = NULL;
	size_t flen = 0;

	memset(&d, 0, sizeof(d));
	if (!strcmp(argv[0], "summary")) {
		d.summary = summary_new();
		for (int h = 0; nhosts > 1 && h < nhosts; h++)
			d.host_summary[h] = summary_new();
		if (!d.summary || (nhosts > 1 && !d.host_summary[nhosts - 1]))
			return fail(json, "out of memory");
	}
	/* Every exit below goes through out: nd_init's output buffer is 256 KiB. */
	if (nd_init(&d.nd, stdout) < 0)
		return fail(json, "out of memory");
	optind = 0;	/* 0: glibc starts over, forgetting the earlier "+" scan */
	while ((ch = getopt_long(argc, argv, "c:fr:w:nvxXAeqtS#T:jh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			d.count = strtoll(optarg, NULL, 10);
			if (d.count <= 0) {
				rc = fail(json, "-c wants a positive count");
				goto out;
			}
			break;
		case 'f': d.follow = 1; break;
		case 'j': json = 1; break;
		case 'r':
			if (nfiles == MAX_SOURCES) {
				rc = fail(json, "too many -r files");
				goto out;
			}
			files[nfiles++] = optarg;
			break;
		case 'w': d.wfile = optarg; break;
		case 'n': d.nd.o.nflag++; break;
		case 'v': d.nd.o.vflag++; break;
		case 'x': d.nd.o.xflag++; break;
		case 'X': d.nd.o.Xflag++; break;
		case 'A': d.nd.o.Aflag++; break;
		case 'e': d.nd.o.eflag++; break;
		case 'q': d.nd.o.qflag++; break;
		case 't': d.nd.o.tflag++; break;
		case 'S': d.nd.o.Sflag++; break;
		case '#': d.nd.o.number++; break;
		case 'T':
			d.nd.o.packettype = nd_packettype_parse(optarg);
			if (!d.nd.o.packettype) {
				snprintf(err, sizeof(err), "unknown packet type `%s'", optarg);
				rc = fail(json, err);
				goto out;
			}
			break;
		case OPT_SINCE:
		case OPT_UNTIL: {
			int64_t t;

			if (timeparse(optarg, now_ns(), &t) < 0) {
				const char *opt = ch == OPT_SINCE ? "--since" : "--until";

				if (errno == ERANGE)
					snprintf(err, sizeof(err),
						 "%s %s: out of range (packets carry times from 1970-01-01 to 2106-02-07)",
						 opt, optarg);
				else
					snprintf(err, sizeof(err),
						 "%s %s: not a time (use 2026-11-26T10:15:00Z, 10:15, -10m, \"1h ago\" or @EPOCH)",
						 opt, optarg);
				rc = fail(json, err);
				goto out;
			}
			if (ch == OPT_SINCE)
				d.since = t;
			else
				d.until = t;
			break;
		}
		case OPT_PREC:
			if (!strcmp(optarg, "nano"))
				d.nd.o.nano = 1;
			else if (strcmp(optarg, "micro")) {
				rc = fail(json, "--time-stamp-precision: micro or nano");
				goto out;
			}
			break;
		case 'h':
			if (d.summary)
				dump_summary_usage(stdout);
			else
				dump_usage(stdout);
			rc = 0;
			goto out;
		default:
			dump_usage(stderr);
			rc = 2;
			goto out;
		}
	}
	if (d.nd.o.tflag > 5)
		d.nd.o.tflag = 5;
	/*
	 * In dump, -S is tcpdump's (absolute TCP sequence numbers) and takes no
	 * argument, so "dump -S /run/x.sock" makes the path a ring: say where
	 * pktctl's -S goes instead of asking a daemon for a ring of that name.
	 */
	if (d.nd.o.Sflag && optind < argc && looks_like_socket(argv[optind])) {
		snprintf(err, sizeof(err),
			 "dump -S is tcpdump's -S (absolute TCP sequence numbers), not a socket: '%.200s' would be taken as a ring; give the socket before the command: pktctl -S %.200s dump ...",
			 argv[optind], argv[optind]);
		rc = fail(json, err);
		goto out;
	}
	/*
	 * The first words are rings while they look like one (INTERFACE/PROFILE)
	 * or name an interface (all its rings); the rest is the filter.
	 */
	while (!nfiles && optind < argc && nrings < MAX_SOURCES) {
		const char *w = argv[optind];
		int n = args_rings(nhosts ? host_socks : &sock, nhosts ? nhosts : 1, w,
				   expanded + nexp, MAX_SOURCES - nrings);

		if (n <= 0)
			break;
		/* Only counted here: each host is asked for its own rings below. */
		nrings += n;
		nexp += n;
		words[nwords++] = w;
		optind++;
	}
	for (int i = optind; i < argc; i++) {
		size_t n = strlen(argv[i]);
		char *nf = realloc(filter, flen + n + 2);

		if (!nf) {
			rc = fail(json, "out of memory");
			goto out;
		}
		filter = nf;
		if (flen)
			filter[flen++] = ' ';
		memcpy(filter + flen, argv[i], n + 1);
		flen += n;
	}
	d.filter = filter;
	/* Files are printed in the precision tcpdump would open them in. */
	d.nano_ts = d.nd.o.nano || d.wfile || d.summary;
	if (d.summary && (d.follow || d.wfile)) {
		rc = fail(json, "summary reads what is stored: no --follow, no -w");
		goto out;
	}
	if (d.since && d.until && d.until <= d.since) {
		rc = fail(json, "--until must be later than --since");
		goto out;
	}
	/*
	 * Before any connection: opening a following dump may wait for its first
	 * packet, and merging several would stall on each in turn.
	 */
	if (d.follow && (nrings > 1 || nhosts > 1)) {
		rc = fail(json, "--follow takes one ring");
		goto out;
	}

	if (nfiles) {
		if (d.follow) {
			rc = fail(json, "--follow reads a ring, not -r files");
			goto out;
		}
		for (int i = 0; i < nfiles; i++) {
			d.nsrc++;
			if (open_file(&d.src[i], files[i], err, sizeof(err)) < 0) {
				rc = fail(json, err);
				goto out;
			}
		}
	} else {
		int nh = nhosts ? nhosts : 1;

		for (int h = 0; h < nh; h++) {
			const char *hsock = nhosts ? host_socks[h] : sock;

			/* The daemon picks the ring when it has only one. */
			if (!nrings && open_one(&d, h, hsock, NULL, err, sizeof(err)) < 0) {
				if (host_failed(&d, h, err) == 0)
					continue;
				rc = fail(json, err);
				goto out;
			}
			for (int i = 0; i < nwords; i++) {
				char names[MAX_SOURCES][160];
				int n = 1;

				if (strchr(words[i], '/'))
					snprintf(names[0], sizeof(names[0]), "%s", words[i]);
				else
					n = iface_rings(hsock, words[i], names, MAX_SOURCES);
				/* Not there, or no answer: the daemon (or ssh) says which below. */
				if (n <= 0) {
					snprintf(names[0], sizeof(names[0]), "%s", words[i]);
					n = 1;
				}
				for (int k = 0; k < n; k++)
					if (open_one(&d, h, hsock, names[k], err, sizeof(err)) < 0) {
						if (host_failed(&d, h, err) < 0) {
							rc = fail(json, err);
							goto out;
						}
						i = nwords;
						break;
					}
			}
		}
		/* Every host failed, each named above (and in the summary). */
		if (d.nsrc == 0) {
			if (d.summary)
				print_summary(&d, nfiles, json);
			goto out;
		}
		/* A following dump blocks on each ring in turn: merging them would stall. */
		if (d.follow && d.nsrc > 1) {
			rc = fail(json, "--follow takes one ring");
			goto out;
		}
	}
	if (plan_dedup(&d) < 0) {
		rc = fail(json, "out of memory");
		goto out;
	}
	if (compile_filters(&d, err, sizeof(err)) < 0 || open_output(&d, err, sizeof(err)) < 0) {
		rc = fail(json, err);
		goto out;
	}
	d.nd.line_flush = d.follow;
	signal(SIGPIPE, SIG_DFL);
	run(&d);
	rc = d.errors ? 1 : 0;	/* a host left out above counts too */
	if (!d.summary && d.dedup && d.dedup->dropped)
		fprintf(stderr, "%llu duplicate %s from overlapping rings dropped\n",
			(unsigned long long)d.dedup->dropped,
			FORMAT_PLURAL(d.dedup->dropped, "packet", "packets"));
	/* A ring's stream that ended badly, or met damaged files, fails the dump. */
	for (int i = 0; i < d.nsrc; i++) {
		struct stream *st = d.src[i].stream;
		json_t *dmg = st ? stream_damage(st) : NULL, *m;
		size_t k;

		if (!st)
			continue;
		if (*st->err) {
			fprintf(stderr, "pktctl: %s: %s\n", d.src[i].name, st->err);
			/* Its host's counts stop short: the summary says why instead. */
			if (nhosts > 1 && !*d.host_err[d.src[i].host]) {
				char why[sizeof(d.host_err[0])];

				/* Through a copy: GCC cannot tell the source from the destination, both in d. */
				snprintf(why, sizeof(why), "%s: %s", d.src[i].name, st->err);
				memcpy(d.host_err[d.src[i].host], why, sizeof(why));
			}
			rc = 1;
		}
		/* What came before was printed; damaged records never are. */
		json_array_foreach(dmg, k, m)
			fprintf(stderr, "pktctl: %s\n", json_string_value(m));
		if (dmg) {
			fprintf(stderr, "pktctl: %s: %zu damaged %s: their damaged records were left out (pktctl list shows them)\n",
				d.src[i].name, json_array_size(dmg),
				FORMAT_PLURAL(json_array_size(dmg), "file", "files"));
			rc = 1;
		}
	}
	if (d.summary)
		print_summary(&d, nfiles, json);
out:
	summary_free(d.summary);
	for (int h = 0; h < MAX_HOSTS; h++)
		summary_free(d.host_summary[h]);
	if (d.ng && d.ng != stdout)
		fclose(d.ng);
	else if (d.ng)
		fflush(d.ng);
	nd_free(&d.nd);
	if (d.dumper)
		pcap_dump_close(d.dumper);
	if (d.dead)
		pcap_close(d.dead);
	for (int i = 0; i < d.nsrc; i++) {
		if (d.src[i].has_prog)
			pcap_freecode(&d.src[i].prog);
		if (d.src[i].dead)
			pcap_close(d.src[i].dead);
		pcapfile_close(d.src[i].pf);
		if (d.src[i].fd >= 0)
			close(d.src[i].fd);
	}
	free(filter);
	free(d.dedup);
	for (int i = 0; i < d.nsrc; i++)
		if (d.src[i].stream) {
			stream_close(d.src[i].stream);
			free(d.src[i].stream);
		}
	return rc;
}

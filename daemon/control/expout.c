/* expout.c: what an export sends: filtered, gzip'd, hashed as sent, then described and signed */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>
#include <zlib.h>

#include "control/ctlfilter.h"
#include "control/expout.h"
#include "evidence/evmanifest.h"
#include "log.h"
#include "sha256.h"

struct expout {
	struct proto_request req;
	struct ucred peer;
	pcap_t *dead;
	struct bpf_program prog;
	int has_prog;
	z_stream z;
	int zinit, zdone;
	struct sha256 sha;
	uint64_t size;		/* bytes sent */
	json_t *sources;
	char *case_head;
	char err[512];		/* why the export failed; "" while it has not */
};

struct expout *expout_new(const struct proto_request *req, const struct ucred *peer, char *err,
			  size_t errlen)
{
	struct expout *x = calloc(1, sizeof(*x));

	if (!x || !(x->sources = json_array()) || sha256_init(&x->sha) < 0) {
		snprintf(err, errlen, "out of memory");
		expout_free(x);
		return NULL;
	}
	x->req = *req;
	x->peer = *peer;
	/*
	 * Deterministic gzip: no name, time 0 in the header (windowBits + 16),
	 * fixed level and memory: the same packets give the same bytes with one
	 * zlib build. The signature never depends on that: it covers the bytes
	 * this daemon sent, hashed as they were sent.
	 */
	if (req->gzip) {
		if (deflateInit2(&x->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
			snprintf(err, errlen, "out of memory");
			expout_free(x);
			return NULL;
		}
		x->zinit = 1;
	}
	return x;
}

/* The first failure is the one the client is told. */
static void failed(struct expout *x, const char *what, const char *detail)
{
	if (!*x->err)
		snprintf(x->err, sizeof(x->err), "%s%s", what, detail);
}

void expout_header(struct expout *x, const uint8_t *hdr)
{
	uint32_t linktype, snaplen;
	char err[PCAP_ERRBUF_SIZE];

	if (!*x->req.filter || x->has_prog || *x->err)
		return;
	memcpy(&snaplen, hdr + 16, 4);
	memcpy(&linktype, hdr + 20, 4);
	/* The ctl-worker compiled it for a ring's export (control/ctlfilter.h). */
	if (ctlfilter_compile(x->req.filter, (int)(linktype & 0xffff), (int)snaplen, &x->prog, err,
			      sizeof(err)) < 0) {
		failed(x, "filter: ", err);
		return;
	}
	x->has_prog = 1;
}

int expout_wants(struct expout *x, const struct pcapfile_rec *rec)
{
	struct pcap_pkthdr ph = { .caplen = rec->caplen, .len = rec->len };

	if (*x->err)
		return 0;
	return !x->has_prog || pcap_offline_filter(&x->prog, &ph, rec->data);
}

static int deflate_into(struct expout *x, const uint8_t *raw, size_t len, int last,
			uint8_t *out, size_t cap, size_t *outlen)
{
	int rc;

	x->z.next_in = (Bytef *)raw;
	x->z.avail_in = (uInt)len;
	x->z.next_out = out;
	x->z.avail_out = (uInt)cap;
	rc = deflate(&x->z, last ? Z_FINISH : Z_NO_FLUSH);
	/* out has room for all of it (dumpjob.c sizes the step): anything left is a bug. */
	if (rc == Z_STREAM_ERROR || x->z.avail_in || (last && rc != Z_STREAM_END)) {
		failed(x, "gzip: the compressed step does not fit its buffer", "");
		return -1;
	}
	*outlen = cap - x->z.avail_out;
	x->zdone = last;
	return 0;
}

int expout_put(struct expout *x, const uint8_t *raw, size_t len, int last, uint8_t *out,
	       size_t cap, size_t *outlen)
{
	*outlen = 0;
	if (*x->err)
		return -1;
	if (x->zinit) {
		if (x->zdone)
			return 0;
		if (deflate_into(x, raw, len, last, out, cap, outlen) < 0)
			return -1;
	} else {
		/* In place (out == raw) the bytes are there already. */
		if (out != raw && len > cap) {
			failed(x, "the step does not fit its buffer", "");
			return -1;
		}
		if (out != raw)
			memcpy(out, raw, len);
		*outlen = len;
	}
	sha256_update(&x->sha, out, *outlen);
	x->size += *outlen;
	return 0;
}

int expout_gzip(const struct expout *x)
{
	return x->zinit;
}

void expout_source(struct expout *x, json_t *src)
{
	if (src)
		json_array_append_new(x->sources, src);
}

void expout_case_head(struct expout *x, const char *head)
{
	free(x->case_head);
	x->case_head = strdup(head);
}

/* RFC 3339 in UTC with nanoseconds, as MANIFEST writes times; NULL for 0 (open). */
static json_t *iso(int64_t ns)
{
	time_t sec = (time_t)(ns / 1000000000);
	char s[32], buf[48];
	struct tm tm;

	if (!ns || !gmtime_r(&sec, &tm))
		return json_null();
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "%s.%09lldZ", s, (long long)(ns % 1000000000));
	return json_string(buf);
}

json_t *expout_file(const char *ring, const char *name, const uint8_t *seal, uint64_t size,
		    int64_t first, int64_t last, uint64_t packets)
{
	char hex[65];

	if (seal)
		sha256_hex(seal, hex);
	return json_pack("{s:s, s:s, s:s?, s:I, s:o, s:o, s:I, s:b}", "file", name, "ring", ring,
			 "sha256", seal ? hex : NULL, "size", (json_int_t)size, "first", iso(first),
			 "last", iso(last), "packets", (json_int_t)packets, "sealed", seal != NULL);
}

static json_t *ns_or_null(int64_t ns)
{
	return ns ? json_integer(ns) : json_null();
}

static json_t *requester(const struct ucred *p)
{
	struct passwd *pw = getpwuid(p->uid);

	return json_pack("{s:I, s:I, s:I, s:s?}", "uid", (json_int_t)p->uid, "gid",
			 (json_int_t)p->gid, "pid", (json_int_t)p->pid, "user",
			 pw ? pw->pw_name : NULL);
}

static json_t *rings_of(const struct proto_request *req)
{
	json_t *a = json_array();

	for (size_t i = 0; i < req->nrings; i++)
		json_array_append_new(a, json_string(req->rings[i]));
	if (!req->nrings && *req->ring)
		json_array_append_new(a, json_string(req->ring));
	return a;
}

/* provenance.json: what the capture file is, where its packets came from, who asked. */
static char *provenance(struct expout *x, const char *hex, uint64_t packets, uint64_t dups,
			json_t *damage)
{
	const struct proto_request *r = &x->req;
	struct timespec now;
	char host[256] = "?";
	json_t *p;
	char *text, *nl = NULL;

	clock_gettime(CLOCK_REALTIME, &now);
	gethostname(host, sizeof(host) - 1);
	p = json_pack("{s:s, s:{s:s, s:s, s:I, s:I}, s:s?, s:s?, s:o, s:s, "
		      "s:{s:o, s:o, s:o, s:o}, s:I, s:O, s:o, s:s, s:s, s:o, s:O}",
		      "format", "pktcap-export-2",
		      "capture", "file", x->zinit ? "capture.pcap.gz" : "capture.pcap",
		      "sha256", hex, "size", (json_int_t)x->size, "packets", (json_int_t)packets,
		      "case", *r->case_id ? r->case_id : NULL, "case_head", x->case_head,
		      "rings", rings_of(r), "filter", r->filter,
		      "window", "since", iso(r->since), "until", iso(r->until),
		      "since_ns", ns_or_null(r->since), "until_ns", ns_or_null(r->until),
		      "duplicates_dropped", (json_int_t)dups,
		      "damaged", damage ? damage : json_null(),
		      "requester", requester(&x->peer), "host", host, "version", PACKAGE_VERSION,
		      "exported_at", iso((int64_t)now.tv_sec * 1000000000 + now.tv_nsec),
		      "sources", x->sources);
	text = p ? json_dumps(p, JSON_INDENT(2)) : NULL;
	json_decref(p);
	if (text && asprintf(&nl, "%s\n", text) < 0)
		nl = NULL;
	free(text);
	return nl;
}

static void hex_of(const void *data, size_t len, char *out)
{
	uint8_t d[32];
	struct sha256 s = { 0 };

	if (sha256_init(&s) < 0) {
		*out = 0;
		return;
	}
	sha256_update(&s, data, len);
	sha256_final(&s, d);
	sha256_free(&s);
	sha256_hex(d, out);
}

/* SHA256SUMS, in the agreed format (docs/evidence.md), and its signature. */
static json_t *signed_files(struct expout *x, const char *chex, char *prov)
{
	const char *cname = x->zinit ? "capture.pcap.gz" : "capture.pcap";
	char phex[65], *sums = NULL, sighex[129];
	uint8_t sig[64];
	json_t *res = NULL;

	hex_of(prov, strlen(prov), phex);
	/* Sorted by name: "capture.pcap[.gz]" before "provenance.json". */
	if (!*phex || asprintf(&sums, "%s  %s\n%s  provenance.json\n", chex, cname, phex) < 0) {
		failed(x, "out of memory", "");
		return NULL;
	}
	if (evm_sign(sums, strlen(sums), sig) < 0) {
		failed(x, "cannot sign the export: the evidence key is not loaded", "");
		free(sums);
		return NULL;
	}
	for (int i = 0; i < 64; i++)
		snprintf(sighex + 2 * i, 3, "%02x", sig[i]);
	res = json_pack("{s:s, s:s, s:s, s:s}", "capture", cname, "provenance.json", prov,
			"SHA256SUMS", sums, "SHA256SUMS.sig", sighex);
	free(sums);
	return res;
}

json_t *expout_end(struct expout *x, uint64_t packets, uint64_t dups, json_t *damage)
{
	uint8_t d[32];
	char hex[65], *prov = NULL;
	json_t *files = NULL;

	if (!*x->err) {
		sha256_final(&x->sha, d);
		sha256_hex(d, hex);
		prov = provenance(x, hex, packets, dups, damage);
		if (!prov)
			failed(x, "out of memory", "");
	}
	if (prov)
		files = signed_files(x, hex, prov);
	free(prov);
	if (!files) {
		log_warn("export for uid %d failed: %s", (int)x->peer.uid, x->err);
		return json_pack("{s:b, s:s}", "ok", 0, "error", x->err);
	}
	log_notice("export for uid %d pid %d: %s%s%s%llu packet%s, %llu bytes, sha256 %s",
		   (int)x->peer.uid, (int)x->peer.pid, *x->req.case_id ? "case " : "",
		   *x->req.case_id ? x->req.case_id : "", *x->req.case_id ? ": " : "",
		   (unsigned long long)packets, packets == 1 ? "" : "s",
		   (unsigned long long)x->size, hex);
	return json_pack("{s:b, s:I, s:I, s:O?, s:o}", "ok", 1, "packets", (json_int_t)packets,
			 "duplicates", (json_int_t)dups, "damaged", damage, "export", files);
}

void expout_free(struct expout *x)
{
	if (!x)
		return;
	if (x->has_prog)
		pcap_freecode(&x->prog);
	if (x->dead)
		pcap_close(x->dead);
	if (x->zinit)
		deflateEnd(&x->z);
	sha256_free(&x->sha);
	json_decref(x->sources);
	free(x->case_head);
	free(x);
}

/* export.c: pktctl export: a case's (or a ring window's) packets into DIR with provenance.json and signed SHA256SUMS */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <pcap/pcap.h>
#include <zlib.h>

#include "client.h"
#include "evidence.h"
#include "pcapfile.h"
#include "proto.h"
#include "sha256.h"
#include "stream.h"
#include "timeparse.h"

enum { OPT_SINCE = 256, OPT_UNTIL, OPT_CASE };

static json_t *ask(const char *sock, json_t *req, int timeout_ms, char *err, size_t errlen)
{
	json_t *reply = client_call(sock, req, timeout_ms, err, errlen), *res;

	json_decref(req);
	if (!reply)
		return NULL;
	if (!json_is_true(json_object_get(reply, "ok"))) {
		const char *e = json_string_value(json_object_get(reply, "error"));

		snprintf(err, errlen, "%s", e ? e : "the daemon refused");
		json_decref(reply);
		return NULL;
	}
	res = json_incref(json_object_get(reply, "result"));
	json_decref(reply);
	return res;
}

static int hash_file(const char *path, char hex[65])
{
	uint8_t d[32];
	uint64_t size;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = sha256_fd(fd, d, &size);
	close(fd);
	sha256_hex(d, hex);
	return rc;
}

static int write_text(const char *dir, const char *name, const void *data, size_t len)
{
	char path[4096];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	if (write(fd, data, len) != (ssize_t)len) {
		close(fd);
		return -1;
	}
	return close(fd);
}

static void iso(int64_t ns, char *buf, size_t len)
{
	time_t sec = (time_t)(ns / 1000000000);
	struct tm tm;
	char s[32];

	if (!ns || !gmtime_r(&sec, &tm)) {
		snprintf(buf, len, "-");
		return;
	}
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%09lldZ", s, (long long)(ns % 1000000000));
}

/* The sources and their seals: a case's held files, or a ring's files in the window. */
static json_t *sources(const struct evidence_opts *o, const char *case_id, const char *ring,
		       int64_t since, int64_t until, json_t **head, char *err, size_t errlen)
{
	json_t *res, *out = json_array(), *v;
	size_t i;

	if (case_id) {
		res = ask(o->socket, json_pack("{s:s}", "cmd", "cases"), o->timeout_ms, err, errlen);
		if (!res)
			goto fail;
		json_array_foreach(json_object_get(res, "cases"), i, v)
			if (!strcmp(json_string_value(json_object_get(v, "case")) ?: "", case_id)) {
				json_array_extend(out, json_object_get(v, "held_files"));
				*head = json_incref(json_object_get(v, "manifest_head"));
			}
		json_decref(res);
		if (!*head) {
			snprintf(err, errlen, "no case \"%s\" (pktctl cases lists them)", case_id);
			goto fail;
		}
		return out;
	}
	res = ask(o->socket, json_pack("{s:s, s:s}", "cmd", "list", "ring", ring), o->timeout_ms, err,
		  errlen);
	if (!res)
		goto fail;
	json_array_foreach(json_object_get(res, "files"), i, v) {
		char a[48], b[48];
		const char *first = json_string_value(json_object_get(v, "first"));
		const char *last = json_string_value(json_object_get(v, "last"));

		iso(since, a, sizeof(a));
		iso(until, b, sizeof(b));
		/* RFC 3339 in UTC compares as text; the daemon's have microseconds only. */
		if (first && last && strncmp(first, b, 26) <= 0 && strncmp(last, a, 26) >= 0)
			json_array_append_new(out, json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O}",
						"file", json_object_get(v, "name"),
						"ring", json_object_get(v, "ring"),
						"sha256", json_object_get(v, "sha256"),
						"size", json_object_get(v, "size"),
						"first", json_object_get(v, "first"),
						"last", json_object_get(v, "last"),
						"packets", json_object_get(v, "packets")));
	}
	json_decref(res);
	return out;
fail:
	json_decref(out);
	return NULL;
}

/* Writes to the gzip stream or, without one, the plain file; 1 when all was written. */
static int put(gzFile gzf, FILE *plain, const void *p, size_t n)
{
	if (gzf)
		return gzwrite(gzf, p, (unsigned)n) == (int)n;
	return fwrite(p, 1, n, plain) == n;
}

static void export_usage(FILE *out)
{
	fprintf(out,
		"Usage: pktctl export (--case ID | RING --since TIME --until TIME) [--since TIME]\n"
		"                     [--until TIME] [-z] -o DIR [FILTER]\n"
		"Writes the selected packets, in time order, to DIR/capture.pcap (or .pcap.gz\n"
		"with -z), with DIR/provenance.json and DIR/SHA256SUMS signed by the host's\n"
		"evidence key (SHA256SUMS.signed, SHA256SUMS.sig). The case is not changed.\n");
}

int evidence_export(struct evidence_opts *o, int argc, char **argv)
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
	const char *case_id = NULL, *ring = NULL, *dir = NULL;
	char err[512] = "", filter[2048] = "", path[4096], hex[65], phex[65], *text = NULL;
	int64_t since = 0, until = 0;
	int gz = 0, ch, rc = 1, damaged = 0;
	struct stream s = { .fd = -1 };
	struct pcapfile *pf = NULL;
	struct bpf_program prog = { 0 };
	pcap_t *dead = NULL;
	json_t *src = NULL, *head = NULL, *prov = NULL, *req, *signed_res = NULL;
	uint64_t packets = 0;
	gzFile gzf = NULL;
	FILE *plain = NULL;
	struct passwd *pw = getpwuid(getuid());
	struct timespec now;
	uint8_t *frame;
	size_t len;

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
			*(ch == OPT_SINCE ? &since : &until) = t;
			break;
		case OPT_CASE:
			case_id = optarg;
			break;
		case 'o':
			dir = optarg;
			break;
		case 'z':
			gz = 1;
			break;
		case 'h':
			export_usage(stdout);
			return 0;
		default:
			export_usage(stderr);
			return 2;
		}
	}
	if (!case_id && optind < argc && argv[optind][0] != '-')
		ring = argv[optind++];
	for (; optind < argc; optind++) {
		size_t l = strlen(filter);

		snprintf(filter + l, sizeof(filter) - l, "%s%s", l ? " " : "", argv[optind]);
	}
	if (!dir || (!case_id && (!ring || !since || !until))) {
		export_usage(stderr);
		return 2;
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		snprintf(err, sizeof(err), "%s: %s", dir, strerror(errno));
		goto out;
	}
	src = sources(o, case_id, ring, since, until, &head, err, sizeof(err));
	if (!src)
		goto out;

	/* The packets, streamed by the daemon, which alone can read the files. */
	s.fd = client_connect(o->socket, err, sizeof(err));
	if (s.fd < 0)
		goto out;
	req = json_pack("{s:s}", "cmd", "dump");
	json_object_set_new(req, case_id ? "case" : "ring", json_string(case_id ? case_id : ring));
	if (since)
		json_object_set_new(req, "since", json_integer(since));
	if (until)
		json_object_set_new(req, "until", json_integer(until));
	frame = proto_frame_json(PROTO_REQUEST, req, &len);
	json_decref(req);
	if (!frame || send(s.fd, frame, len, MSG_NOSIGNAL) != (ssize_t)len) {
		free(frame);
		snprintf(err, sizeof(err), "cannot send to %s: %s", o->socket, strerror(errno));
		goto out;
	}
	free(frame);
	pf = pcapfile_open_reader(stream_read, &s, case_id ? case_id : ring, 0, err, sizeof(err),
				  NULL);
	if (!pf) {
		if (*s.err)
			snprintf(err, sizeof(err), "%s", s.err);
		goto out;
	}
	dead = pcap_open_dead((int)pcapfile_info(pf)->linktype,
			      pcapfile_info(pf)->snaplen ? (int)pcapfile_info(pf)->snaplen
							 : PCAP_MAX_CAPLEN);
	if (*filter && pcap_compile(dead, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, sizeof(err), "filter: %s", pcap_geterr(dead));
		goto out;
	}
	snprintf(path, sizeof(path), "%s/capture.pcap%s", dir, gz ? ".gz" : "");
	{
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);

		if (fd < 0 || !(gz ? (gzf = gzdopen(fd, "wb6")) != NULL
				   : (plain = fdopen(fd, "w")) != NULL)) {
			snprintf(err, sizeof(err), "%.400s: %s", path, strerror(errno));
			if (fd >= 0)
				close(fd);
			goto out;
		}
	}
	if (!put(gzf, plain, pcapfile_info(pf)->header, PCAP_FILE_HDR_LEN))
		goto write_error;
	for (;;) {
		struct pcapfile_rec rec;
		int r = pcapfile_next(pf, &rec);
		struct pcap_pkthdr ph;

		if (r == PCAPFILE_END)
			break;
		if (r != PCAPFILE_OK) {
			snprintf(err, sizeof(err), "%s", *s.err ? s.err : pcapfile_error(pf));
			goto out;
		}
		ph.caplen = rec.caplen;
		ph.len = rec.len;
		ph.ts.tv_sec = rec.sec;
		ph.ts.tv_usec = rec.frac;
		if (*filter && !pcap_offline_filter(&prog, &ph, rec.data))
			continue;
		/* Records as stored, bytes unchanged. */
		if (!put(gzf, plain, rec.hdr, PCAP_REC_HDR_LEN) ||
		    !put(gzf, plain, rec.data, rec.caplen))
			goto write_error;
		packets++;
	}
	if (*s.err) {
		snprintf(err, sizeof(err), "%s", s.err);
		goto out;
	}
	damaged = json_array_size(stream_damage(&s)) > 0;
	if (gz ? gzclose(gzf) != Z_OK : fclose(plain) != 0) {
		gzf = NULL;
		plain = NULL;
		goto write_error;
	}
	gzf = NULL;
	plain = NULL;
	if (hash_file(path, hex) < 0)
		goto write_error;

	/* What it is, where it came from, who made it. */
	clock_gettime(CLOCK_REALTIME, &now);
	{
		char at[48], a[48], b[48], hostname[256] = "?";

		iso((int64_t)now.tv_sec * 1000000000 + now.tv_nsec, at, sizeof(at));
		iso(since, a, sizeof(a));
		iso(until, b, sizeof(b));
		gethostname(hostname, sizeof(hostname) - 1);
		prov = json_pack("{s:s, s:s?, s:s?, s:O?, s:O, s:s, s:s, s:s, s:I, s:s, s:{s:i, s:s}, s:s, s:s, s:s, s:O?}",
				 "format", "pktcap-export 1", "case", case_id, "ring", ring,
				 "manifest_head", head, "sources", src, "filter", filter,
				 "since", since ? a : "-", "until", until ? b : "-",
				 "packets", (json_int_t)packets, "file", strrchr(path, '/') + 1,
				 "exported_by", "uid", (int)getuid(), "user", pw ? pw->pw_name : "?",
				 "exported_at", at, "host", hostname, "version", PACKAGE_VERSION,
				 "damaged", stream_damage(&s));
	}
	text = prov ? json_dumps(prov, JSON_INDENT(2)) : NULL;
	if (!text || write_text(dir, "provenance.json", text, strlen(text)) < 0)
		goto write_error;
	free(text);
	snprintf(path, sizeof(path), "%s/provenance.json", dir);
	if (hash_file(path, phex) < 0 ||
	    asprintf(&text, "%s  %s\n%s  provenance.json\n", hex,
		     gz ? "capture.pcap.gz" : "capture.pcap", phex) < 0)
		goto write_error;
	if (write_text(dir, "SHA256SUMS", text, strlen(text)) < 0)
		goto write_error;
	signed_res = ask(o->socket, json_pack("{s:s, s:s}", "cmd", "sign", "sums", text),
			 o->timeout_ms, err, sizeof(err));
	if (!signed_res)
		goto out;
	{
		const char *st = json_string_value(json_object_get(signed_res, "signed"));
		const char *sh = json_string_value(json_object_get(signed_res, "signature"));
		uint8_t sig[64];

		for (int i = 0; sh && i < 64; i++)
			sscanf(sh + 2 * i, "%2hhx", &sig[i]);
		if (!st || !sh || strlen(sh) != 128 ||
		    write_text(dir, "SHA256SUMS.signed", st, strlen(st)) < 0 ||
		    write_text(dir, "SHA256SUMS.sig", sig, sizeof(sig)) < 0)
			goto write_error;
	}
	printf("%llu packets to %s/capture.pcap%s; provenance.json, SHA256SUMS signed%s\n",
	       (unsigned long long)packets, dir, gz ? ".gz" : "",
	       damaged ? " (damaged records were left out: see provenance.json)" : "");
	rc = damaged ? 1 : 0;
	goto out;
write_error:
	snprintf(err, sizeof(err), "%s: %s", dir, strerror(errno ? errno : EIO));
out:
	if (rc && *err)
		client_fail(o->json, err);
	if (gzf)
		gzclose(gzf);
	if (plain)
		fclose(plain);
	pcapfile_close(pf);
	stream_close(&s);
	if (dead) {
		pcap_freecode(&prog);
		pcap_close(dead);
	}
	free(text);
	json_decref(src);
	json_decref(head);
	json_decref(prov);
	json_decref(signed_res);
	return rc;
}

/* proto.h: the control socket's wire protocol, shared by pktcapd and pktctl */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PROTO_H
#define PKTCAP_PROTO_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

/*
 * Every message is a frame: an 8-byte header, then LENGTH bytes of payload.
 *
 *    0       1       2       3       4       5       6       7
 *  +-------+-------+-------+-------+-------+-------+-------+-------+
 *  |  'P'  |  'K'  |version| type  |   payload length, big-endian  |
 *  +-------+-------+-------+-------+-------+-------+-------+-------+
 *  |  payload ...                                                  |
 *
 * The client sends one REQUEST frame (a JSON object, at most
 * PROTO_MAX_REQUEST bytes) per command and reads frames until a REPLY or an
 * END frame. A command that streams (dump) answers with
 * DATA frames followed by END. Replies are JSON objects:
 *   {"ok": true, "result": {...}}  or  {"ok": false, "error": "text"}
 * A frame with another magic or version, an unknown type, an oversized
 * length or a payload that is not the expected JSON gets an error reply,
 * and the daemon closes the connection when it cannot find the next frame.
 * docs/protocol.md describes every request and reply.
 */
#define PROTO_VERSION 1
#define PROTO_HDR_LEN 8
#define PROTO_MAX_REQUEST (64 * 1024)
#define PROTO_MAX_REPLY (64 * 1024 * 1024)

enum proto_type {
	PROTO_REQUEST = 1,
	PROTO_REPLY = 2,
	PROTO_DATA = 3,
	PROTO_END = 4,
};

struct proto_hdr {
	uint8_t version;
	uint8_t type;
	uint32_t length;
};

/*
 * Reads a header from BUF. Returns 1 with *hdr filled, 0 if fewer than
 * PROTO_HDR_LEN bytes are there yet, -1 with a reason in *why if it is not a
 * frame this side accepts (bad magic, version, type, or length over max).
 */
int proto_read_hdr(const uint8_t *buf, size_t len, size_t max, struct proto_hdr *hdr,
		   const char **why);
void proto_write_hdr(uint8_t *buf, uint8_t type, uint32_t length);

/* The commands a client may send, with the argument each one accepts. */
enum proto_cmd {
	CMD_STATUS,
	CMD_LIST,
	CMD_INTERFACES,
	CMD_ROTATE,
	CMD_RELOAD,
	CMD_DUMP,
	CMD_REINDEX,
	CMD_PRESERVE,
	CMD_CASES,
	CMD_RELEASE,
	CMD_VERIFY,
	CMD_KEY,
	CMD_COUNT,
};

/* A case ID: 1 to PROTO_CASE_MAX of [A-Za-z0-9._-], not starting with '.' or '-'. */
#define PROTO_CASE_MAX 64
int proto_case_valid(const char *id);
/*
 * A dump's or list's filter is compiled by the daemon on the thread that
 * serves clients: its terms (and, or; a portrange counts 4, as in
 * conf.c) bound what libpcap's optimizer may spend on it: 48 terms take
 * about 25 ms at worst ("port 1 or port 2 ...", measured with libpcap
 * 1.10); 64 take 260 ms, 256 take 17 s. A longer filter is refused, and
 * pktctl filters a dump itself instead.
 */
#define PROTO_FILTER_MAX 2048
#define PROTO_FILTER_MAX_TERMS 48
/* The terms of a filter as the bound above counts them. */
unsigned proto_filter_terms(const char *filter);
#define PROTO_RINGS_MAX 16
/* Link types and snap lengths a filter is compiled for ahead of a dump (daemon-only). */
#define PROTO_PREP_MAX 8

struct proto_request {
	enum proto_cmd cmd;
	char ring[160];		/* "" = all rings */
	int64_t since;		/* dump: nanoseconds since the epoch, 0 = from the oldest */
	int64_t until;		/* dump: 0 = up to the newest */
	int follow;		/* dump: keep streaming new packets */
	/* Evidence (docs/evidence.md): preserve, release, verify, dump of a case. */
	char case_id[PROTO_CASE_MAX + 1];	/* a safe name: proto_case_valid */
	char note[512];		/* preserve: free text for the manifest */
	int del;		/* release: delete the files instead of returning them */
	uint64_t job;		/* verify: the job to ask about, 0 = start one */
	/* dump: an export the daemon hashes and signs (docs/evidence.md). */
	int export;
	int gzip;		/* export: the capture as capture.pcap.gz */
	char filter[PROTO_FILTER_MAX + 1];	/* dump, list: a BPF filter the daemon applies */
	char rings[PROTO_RINGS_MAX][160];	/* dump of a case: only these rings */
	size_t nrings;
	/* list: since and until select files by time, as for dump. */
	uint64_t last;		/* list: only the newest N files of the selection, 0 = all */
	uint64_t limit;		/* list: at most this many files per reply, 0 = all (one reply) */
	char from_ring[160];	/* list: a later page starts in this ring ... */
	uint64_t from;		/* ... at this sequence number */
	int blocks;		/* list with a filter: the blocks of each file that may match */
	/* Set by pktcapd on its control loop for a thread that must not touch the daemon (never on the wire). */
	size_t prep_n;		/* headers to compile the filter for: a ring's, or each of a case's rings' */
	uint32_t prep_linktype[PROTO_PREP_MAX], prep_snaplen[PROTO_PREP_MAX];
};

/*
 * Decodes a REQUEST payload: {"cmd": "status", "ring": "eth0/web"}, or for
 * dump also "since", "until" (integers, ns) and "follow" (boolean); preserve
 * takes "ring", "since", "until", "case" and "note"; release "case" and
 * "delete"; verify "case" or "ring", and "job"; dump also "case", "rings" (an
 * array of ring names, with "case"), "export", "gzip" (booleans) and
 * "filter" (a BPF filter the daemon runs, at most PROTO_FILTER_MAX_TERMS
 * terms); list "since", "until", "last", "limit", "from" (integers),
 * "from_ring", "filter" and "blocks" (boolean). Returns 0,
 * or -1 with a message for the client in err.
 */
int proto_decode_request(const uint8_t *payload, size_t len, struct proto_request *req,
			 char *err, size_t errlen);
const char *proto_cmd_name(enum proto_cmd cmd);

/*
 * Text for the client must be UTF-8 (JSON strings are): proto_utf8_prefix
 * returns how many bytes of s, at most max, end on a character boundary (for
 * "%.*s"); proto_utf8_clean drops a character cut at the end of s and
 * replaces any other byte that is not UTF-8 with '?'.
 */
int proto_utf8_prefix(const char *s, int max);
void proto_utf8_clean(char *s);

/* Serializes a JSON object into a complete frame (header included); free() it. */
uint8_t *proto_frame_json(uint8_t type, json_t *obj, size_t *len);

#endif

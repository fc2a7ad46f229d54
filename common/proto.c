/* proto.c: frame headers and request decoding, written for hostile input */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "proto.h"

static const char *const cmd_names[CMD_COUNT] = {
	[CMD_STATUS] = "status",
	[CMD_LIST] = "list",
	[CMD_INTERFACES] = "interfaces",
	[CMD_ROTATE] = "rotate",
	[CMD_RELOAD] = "reload",
	[CMD_DUMP] = "dump",
	[CMD_REINDEX] = "reindex",
	[CMD_PRESERVE] = "preserve",
	[CMD_CASES] = "cases",
	[CMD_RELEASE] = "release",
	[CMD_VERIFY] = "verify",
	[CMD_KEY] = "key",
};

int proto_case_valid(const char *id)
{
	size_t n = strlen(id);

	if (!n || n > PROTO_CASE_MAX || id[0] == '.' || id[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)id[i]) && !strchr("._-", id[i]))
			return 0;
	return 1;
}

/* A bare portrange expands per protocol and defeats the optimizer's merging. */
#define PORTRANGE_TERMS 4

static int filter_word(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '.' || c == '-' || c == ':' ||
	       c == '/';
}

unsigned proto_filter_terms(const char *f)
{
	unsigned terms = 1;

	while (*f) {
		size_t n = 0;

		if ((f[0] == '&' && f[1] == '&') || (f[0] == '|' && f[1] == '|')) {
			terms++;
			f += 2;
			continue;
		}
		while (filter_word(f[n]))
			n++;
		if (!n) {
			f++;
			continue;
		}
		if ((n == 3 && !strncasecmp(f, "and", 3)) || (n == 2 && !strncasecmp(f, "or", 2)))
			terms++;
		else if (n == 9 && !strncasecmp(f, "portrange", 9))
			terms += PORTRANGE_TERMS - 1;
		f += n;
	}
	return terms;
}

/* Refused before anything compiles it: the bound is checked in a moment, whatever it says. */
static int decode_filter(json_t *v, struct proto_request *req, char *err, size_t errlen)
{
	unsigned terms;

	if (!json_is_string(v) || json_string_length(v) >= sizeof(req->filter) ||
	    strlen(json_string_value(v)) != json_string_length(v)) {
		snprintf(err, errlen, "\"filter\" must be a string of at most %zu bytes",
			 sizeof(req->filter) - 1);
		return -1;
	}
	terms = proto_filter_terms(json_string_value(v));
	if (terms > PROTO_FILTER_MAX_TERMS) {
		snprintf(err, errlen, "\"filter\" has %u terms, more than %d (libpcap's optimizer would need long for it)",
			 terms, PROTO_FILTER_MAX_TERMS);
		return -1;
	}
	snprintf(req->filter, sizeof(req->filter), "%s", json_string_value(v));
	return 0;
}

/* Which members each command takes besides "cmd" and "ring". */
static int takes(enum proto_cmd cmd, const char *key)
{
	if (!strcmp(key, "since") || !strcmp(key, "until"))
		return cmd == CMD_DUMP || cmd == CMD_PRESERVE || cmd == CMD_LIST;
	if (!strcmp(key, "case"))
		return cmd == CMD_PRESERVE || cmd == CMD_RELEASE || cmd == CMD_VERIFY ||
		       cmd == CMD_DUMP;
	if (!strcmp(key, "note"))
		return cmd == CMD_PRESERVE;
	if (!strcmp(key, "delete"))
		return cmd == CMD_RELEASE;
	if (!strcmp(key, "job"))
		return cmd == CMD_VERIFY;
	if (!strcmp(key, "filter"))
		return cmd == CMD_DUMP || cmd == CMD_LIST || cmd == CMD_PRESERVE;
	if (!strcmp(key, "follow") || !strcmp(key, "export") || !strcmp(key, "gzip") ||
	    !strcmp(key, "rings"))
		return cmd == CMD_DUMP;
	return 0;
}

const char *proto_cmd_name(enum proto_cmd cmd)
{
	return (unsigned)cmd < CMD_COUNT ? cmd_names[cmd] : "?";
}

/* Bytes of a valid UTF-8 sequence at s (at most n available), 0 if there is none. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF are not UTF-8. */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

int proto_utf8_prefix(const char *s, int max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), at = 0;

	while (at < n) {
		size_t len = utf8_seq(u + at, n - at);

		if (!len || at + len > (size_t)max)
			break;
		at += len;
	}
	return (int)at;
}

void proto_utf8_clean(char *s)
{
	unsigned char *u = (unsigned char *)s;
	size_t n = strlen(s);

	for (size_t at = 0; at < n;) {
		size_t len = utf8_seq(u + at, n - at);

		/* A sequence cut at the end (by a buffer's size) goes; any other bad byte is a '?'. */
		if (!len && u[at] >= 0xc2 && u[at] <= 0xf4 &&
		    n - at < (u[at] >= 0xf0 ? 4u : u[at] >= 0xe0 ? 3u : 2u)) {
			size_t k = at + 1;

			while (k < n && (u[k] & 0xc0) == 0x80)
				k++;
			if (k == n) {
				u[at] = 0;
				return;
			}
		}
		if (!len) {
			u[at++] = '?';
			continue;
		}
		at += len;
	}
}

int proto_read_hdr(const uint8_t *buf, size_t len, size_t max, struct proto_hdr *hdr,
		   const char **why)
{
	if (len < PROTO_HDR_LEN)
		return 0;
	if (buf[0] != 'P' || buf[1] != 'K') {
		*why = "not a pktcap frame (bad magic)";
		return -1;
	}
	hdr->version = buf[2];
	hdr->type = buf[3];
	hdr->length = (uint32_t)buf[4] << 24 | (uint32_t)buf[5] << 16 | (uint32_t)buf[6] << 8 |
		      buf[7];
	if (hdr->version != PROTO_VERSION) {
		*why = "unsupported protocol version";
		return -1;
	}
	if (hdr->type < PROTO_REQUEST || hdr->type > PROTO_END) {
		*why = "unknown frame type";
		return -1;
	}
	if (hdr->length > max) {
		*why = "frame too large";
		return -1;
	}
	return 1;
}

void proto_write_hdr(uint8_t *buf, uint8_t type, uint32_t length)
{
	buf[0] = 'P';
	buf[1] = 'K';
	buf[2] = PROTO_VERSION;
	buf[3] = type;
	buf[4] = (uint8_t)(length >> 24);
	buf[5] = (uint8_t)(length >> 16);
	buf[6] = (uint8_t)(length >> 8);
	buf[7] = (uint8_t)length;
}

/* "rings": ["eth0/all", ...], each a ring's name, at most PROTO_RINGS_MAX. */
static int decode_rings(json_t *v, struct proto_request *req, char *err, size_t errlen)
{
	json_t *r;
	size_t i;

	if (!json_is_array(v) || json_array_size(v) > PROTO_RINGS_MAX) {
		snprintf(err, errlen, "\"rings\" must be an array of at most %d ring names",
			 PROTO_RINGS_MAX);
		return -1;
	}
	json_array_foreach(v, i, r) {
		if (!json_is_string(r) || !json_string_length(r) ||
		    json_string_length(r) >= sizeof(req->rings[0]) ||
		    strlen(json_string_value(r)) != json_string_length(r)) {
			snprintf(err, errlen, "\"rings\" must hold ring names like \"eth0/web\"");
			return -1;
		}
		snprintf(req->rings[i], sizeof(req->rings[i]), "%s", json_string_value(r));
	}
	req->nrings = json_array_size(v);
	return 0;
}

int proto_decode_request(const uint8_t *payload, size_t len, struct proto_request *req,
			 char *err, size_t errlen)
{
	json_error_t jerr;
	json_t *root, *v;
	const char *key;
	int rc = -1;

	memset(req, 0, sizeof(*req));
	/* JSON_REJECT_DUPLICATES: one request must not mean two things. */
	root = json_loadb((const char *)payload, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		snprintf(err, errlen, "request is not valid JSON: %s", jerr.text);
		return -1;
	}
	if (!json_is_object(root)) {
		snprintf(err, errlen, "request must be a JSON object");
		goto out;
	}
	v = json_object_get(root, "cmd");
	if (!json_is_string(v)) {
		snprintf(err, errlen, "request has no \"cmd\" string");
		goto out;
	}
	for (req->cmd = 0; req->cmd < CMD_COUNT; req->cmd++)
		if (!strcmp(json_string_value(v), cmd_names[req->cmd]))
			break;
	if (req->cmd == CMD_COUNT) {
		snprintf(err, errlen, "unknown command \"%.*s\"",
			 proto_utf8_prefix(json_string_value(v), 64), json_string_value(v));
		goto out;
	}
	json_object_foreach(root, key, v) {
		if (!strcmp(key, "cmd"))
			continue;
		if (takes(req->cmd, key) && !strcmp(key, "case")) {
			if (!json_is_string(v) || !proto_case_valid(json_string_value(v))) {
				snprintf(err, errlen, "\"case\" must be 1 to %d letters, digits, '.', '_' or '-', not starting with '.' or '-'",
					 PROTO_CASE_MAX);
				goto out;
			}
			snprintf(req->case_id, sizeof(req->case_id), "%s", json_string_value(v));
			continue;
		}
		if (takes(req->cmd, key) && !strcmp(key, "note")) {
			if (!json_is_string(v) || json_string_length(v) >= sizeof(req->note) ||
			    strlen(json_string_value(v)) != json_string_length(v)) {
				snprintf(err, errlen, "\"note\" must be a string of at most %zu bytes",
					 sizeof(req->note) - 1);
				goto out;
			}
			snprintf(req->note, sizeof(req->note), "%s", json_string_value(v));
			continue;
		}
		if (takes(req->cmd, key) && !strcmp(key, "filter")) {
			if (decode_filter(v, req, err, errlen) < 0)
				goto out;
			continue;
		}
		if (takes(req->cmd, key) && !strcmp(key, "rings")) {
			if (decode_rings(v, req, err, errlen) < 0)
				goto out;
			continue;
		}
		if (takes(req->cmd, key) && !strcmp(key, "delete")) {
			if (!json_is_boolean(v)) {
				snprintf(err, errlen, "\"delete\" must be true or false");
				goto out;
			}
			req->del = json_is_true(v);
			continue;
		}
		if (takes(req->cmd, key) && !strcmp(key, "job")) {
			if (!json_is_integer(v) || json_integer_value(v) <= 0) {
				snprintf(err, errlen, "\"job\" must be a positive integer");
				goto out;
			}
			req->job = (uint64_t)json_integer_value(v);
			continue;
		}
		if (takes(req->cmd, key) && (!strcmp(key, "since") || !strcmp(key, "until"))) {
			if (!json_is_integer(v) || json_integer_value(v) < 0) {
				snprintf(err, errlen, "\"%s\" must be nanoseconds since the epoch", key);
				goto out;
			}
			if (!strcmp(key, "since"))
				req->since = json_integer_value(v);
			else
				req->until = json_integer_value(v);
			continue;
		}
		if (req->cmd == CMD_LIST && (!strcmp(key, "last") || !strcmp(key, "limit") ||
					     !strcmp(key, "from"))) {
			if (!json_is_integer(v) || json_integer_value(v) < 0) {
				snprintf(err, errlen, "\"%s\" must be a count, 0 or more", key);
				goto out;
			}
			if (!strcmp(key, "last"))
				req->last = (uint64_t)json_integer_value(v);
			else if (!strcmp(key, "limit"))
				req->limit = (uint64_t)json_integer_value(v);
			else
				req->from = (uint64_t)json_integer_value(v);
			continue;
		}
		if (req->cmd == CMD_LIST && !strcmp(key, "blocks")) {
			if (!json_is_boolean(v)) {
				snprintf(err, errlen, "\"blocks\" must be true or false");
				goto out;
			}
			req->blocks = json_is_true(v);
			continue;
		}
		if (req->cmd == CMD_LIST && !strcmp(key, "from_ring")) {
			if (!json_is_string(v) || json_string_length(v) >= sizeof(req->from_ring)) {
				snprintf(err, errlen, "\"from_ring\" must be a ring's name");
				goto out;
			}
			snprintf(req->from_ring, sizeof(req->from_ring), "%s", json_string_value(v));
			continue;
		}
		if (takes(req->cmd, key) && (!strcmp(key, "follow") || !strcmp(key, "export") ||
					     !strcmp(key, "gzip"))) {
			if (!json_is_boolean(v)) {
				snprintf(err, errlen, "\"%s\" must be true or false", key);
				goto out;
			}
			*(!strcmp(key, "follow") ? &req->follow :
			  !strcmp(key, "export") ? &req->export : &req->gzip) = json_is_true(v);
			continue;
		}
		if (!strcmp(key, "ring") && (req->cmd == CMD_LIST || req->cmd == CMD_ROTATE ||
					     req->cmd == CMD_STATUS || req->cmd == CMD_DUMP ||
					     req->cmd == CMD_REINDEX || req->cmd == CMD_PRESERVE ||
					     req->cmd == CMD_VERIFY)) {
			if (!json_is_string(v) || json_string_length(v) >= sizeof(req->ring)) {
				snprintf(err, errlen, "\"ring\" must be a string like \"eth0/web\"");
				goto out;
			}
			snprintf(req->ring, sizeof(req->ring), "%s", json_string_value(v));
			continue;
		}
		snprintf(err, errlen, "%s takes no argument \"%.*s\"", cmd_names[req->cmd],
			 proto_utf8_prefix(key, 64), key);
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
	/* The message goes back as a JSON string: it must be UTF-8 even when cut by errlen. */
	if (rc < 0 && errlen)
		proto_utf8_clean(err);
	return rc;
}

uint8_t *proto_frame_json(uint8_t type, json_t *obj, size_t *len)
{
	char *text = json_dumps(obj, JSON_COMPACT);
	size_t n;
	uint8_t *frame;

	if (!text)
		return NULL;
	n = strlen(text);
	frame = malloc(PROTO_HDR_LEN + n);
	if (frame) {
		proto_write_hdr(frame, type, (uint32_t)n);
		memcpy(frame + PROTO_HDR_LEN, text, n);
		*len = PROTO_HDR_LEN + n;
	}
	free(text);
	return frame;
}

/* proto.c: frame headers and request decoding, written for hostile input */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto.h"

static const char *const cmd_names[CMD_COUNT] = {
	[CMD_STATUS] = "status",
	[CMD_LIST] = "list",
	[CMD_INTERFACES] = "interfaces",
	[CMD_ROTATE] = "rotate",
	[CMD_RELOAD] = "reload",
	[CMD_DUMP] = "dump",
	[CMD_REINDEX] = "reindex",
};

const char *proto_cmd_name(enum proto_cmd cmd)
{
	return (unsigned)cmd < CMD_COUNT ? cmd_names[cmd] : "?";
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
		snprintf(err, errlen, "unknown command \"%.64s\"", json_string_value(v));
		goto out;
	}
	json_object_foreach(root, key, v) {
		if (!strcmp(key, "cmd"))
			continue;
		if (req->cmd == CMD_DUMP && (!strcmp(key, "since") || !strcmp(key, "until"))) {
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
		if (req->cmd == CMD_DUMP && !strcmp(key, "follow")) {
			if (!json_is_boolean(v)) {
				snprintf(err, errlen, "\"follow\" must be true or false");
				goto out;
			}
			req->follow = json_is_true(v);
			continue;
		}
		if (!strcmp(key, "ring") && (req->cmd == CMD_LIST || req->cmd == CMD_ROTATE ||
					     req->cmd == CMD_STATUS || req->cmd == CMD_DUMP ||
					     req->cmd == CMD_REINDEX)) {
			if (!json_is_string(v) || json_string_length(v) >= sizeof(req->ring)) {
				snprintf(err, errlen, "\"ring\" must be a string like \"eth0/web\"");
				goto out;
			}
			snprintf(req->ring, sizeof(req->ring), "%s", json_string_value(v));
			continue;
		}
		snprintf(err, errlen, "%s takes no argument \"%.64s\"", cmd_names[req->cmd], key);
		goto out;
	}
	rc = 0;
out:
	json_decref(root);
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

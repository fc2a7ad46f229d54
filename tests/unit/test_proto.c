/* test_proto.c: request errors stay valid UTF-8, so the daemon can always send them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "proto.h"
#include "tap.h"

/* Decodes payload and checks that its error message packs into a JSON reply. */
static int error_packs(const char *payload, char *err, size_t errlen)
{
	struct proto_request req;
	json_t *j;

	if (proto_decode_request((const uint8_t *)payload, strlen(payload), &req, err, errlen) == 0)
		return 0;
	j = json_pack("{s:b, s:s}", "ok", 0, "error", err);
	json_decref(j);
	return j != NULL;
}

static int decode(const char *payload, struct proto_request *req, char *err)
{
	return proto_decode_request((const uint8_t *)payload, strlen(payload), req, err, 256);
}

int main(void)
{
	struct proto_request req;
	char s[64], err[256], payload[1024], name[400] = "";

	ok(proto_utf8_prefix("abc", 2) == 2, "ASCII is cut anywhere");
	ok(proto_utf8_prefix("a\xc3\xa9", 2) == 1, "a 2-byte character is not split");
	ok(proto_utf8_prefix("\xe2\x82\xac\xe2\x82\xac", 5) == 3, "a 3-byte character is not split");
	ok(proto_utf8_prefix("\xf0\x9f\x93\xa6", 3) == 0, "a 4-byte character is not split");
	ok(proto_utf8_prefix("\xc3\xa9", 64) == 2, "a short string is whole");

	strcpy(s, "ok\xc3");
	proto_utf8_clean(s);
	ok(!strcmp(s, "ok"), "a character cut at the end is dropped");
	strcpy(s, "a\xff" "b\xc0\xaf" "c");
	proto_utf8_clean(s);
	ok(!strcmp(s, "a?b??c"), "bytes that are not UTF-8 become '?': %s", s);
	strcpy(s, "\xed\xa0\x80");
	proto_utf8_clean(s);
	ok(!strcmp(s, "???"), "a surrogate is not UTF-8: %s", s);
	strcpy(s, "\xe2\x82\xac \xf0\x9f\x93\xa6");
	proto_utf8_clean(s);
	ok(!strcmp(s, "\xe2\x82\xac \xf0\x9f\x93\xa6"), "valid text is unchanged");

	/* 40 two-byte characters: byte 64 falls inside one of them after the quote... */
	for (int i = 0; i < 40; i++)
		strcat(name, "\xc3\xa9");
	snprintf(payload, sizeof(payload), "{\"cmd\": \"x%s\"}", name);
	ok(error_packs(payload, err, sizeof(err)), "unknown multibyte command: %s", err);
	ok(strstr(err, "unknown command") != NULL, "the error names the mistake");
	snprintf(payload, sizeof(payload), "{\"cmd\": \"status\", \"x%s\": 1}", name);
	ok(error_packs(payload, err, sizeof(err)), "unknown multibyte argument: %s", err);
	/* ...and a buffer too small cuts inside a character too. */
	snprintf(payload, sizeof(payload), "{\"cmd\": \"%s\"}", name);
	ok(error_packs(payload, err, 20), "an error cut by its buffer: %s", err);

	/* Evidence requests: their members, and a case ID that cannot leave its directory. */
	ok(decode("{\"cmd\": \"preserve\", \"ring\": \"eth0/web\", \"since\": 1, "
		  "\"until\": 2, \"case\": \"INC-42\", \"note\": \"host X\"}", &req, err) == 0 &&
	   req.cmd == CMD_PRESERVE && req.since == 1 && req.until == 2 &&
	   !strcmp(req.case_id, "INC-42") && !strcmp(req.note, "host X") &&
	   !strcmp(req.ring, "eth0/web"), "preserve takes ring, window, case and note");
	ok(decode("{\"cmd\": \"release\", \"case\": \"a.b_c\", \"delete\": true}", &req, err) == 0 &&
	   req.cmd == CMD_RELEASE && req.del, "release takes case and delete");
	ok(decode("{\"cmd\": \"verify\", \"case\": \"c1\", \"job\": 7}", &req, err) == 0 &&
	   req.job == 7, "verify takes a job");
	ok(decode("{\"cmd\": \"dump\", \"case\": \"c1\"}", &req, err) == 0 &&
	   !strcmp(req.case_id, "c1"), "dump takes a case");
	ok(decode("{\"cmd\": \"cases\"}", &req, err) == 0 && req.cmd == CMD_CASES, "cases");
	ok(decode("{\"cmd\": \"key\"}", &req, err) == 0 && req.cmd == CMD_KEY, "key");
	ok(decode("{\"cmd\": \"preserve\", \"case\": \"../etc\"}", &req, err) < 0 &&
	   strstr(err, "\"case\""), "a case with a slash is refused: %s", err);
	ok(decode("{\"cmd\": \"preserve\", \"case\": \".hidden\"}", &req, err) < 0,
	   "a case starting with a dot is refused");
	ok(decode("{\"cmd\": \"preserve\", \"case\": \"\"}", &req, err) < 0,
	   "an empty case is refused");
	ok(decode("{\"cmd\": \"release\", \"note\": \"x\"}", &req, err) < 0 &&
	   strstr(err, "takes no argument"), "release takes no note: %s", err);
	ok(decode("{\"cmd\": \"status\", \"case\": \"c1\"}", &req, err) < 0,
	   "status takes no case");
	ok(decode("{\"cmd\": \"release\", \"delete\": 1}", &req, err) < 0,
	   "delete must be a boolean");
	ok(decode("{\"cmd\": \"preserve\", \"note\": \"a\\u0000b\"}", &req, err) < 0,
	   "a note with a NUL is refused");
	/* Only the daemon signs, what it produced: a client's text is never signed (issue 17). */
	ok(decode("{\"cmd\": \"sign\", \"sums\": \"abc  x.pcap\\n\"}", &req, err) < 0 &&
	   strstr(err, "unknown command"), "sign is an unknown command");
	ok(decode("{\"cmd\": \"dump\", \"case\": \"c\", \"export\": true, \"gzip\": true, "
		  "\"filter\": \"udp\", \"rings\": [\"eth0/all\", \"eth0/udp\"]}", &req, err) == 0 &&
	   req.export && req.gzip && !strcmp(req.filter, "udp") && req.nrings == 2 &&
	   !strcmp(req.rings[1], "eth0/udp"), "an export: export, gzip, filter, rings");
	ok(decode("{\"cmd\": \"dump\", \"rings\": [1]}", &req, err) < 0, "rings are names");
	/* A dump's or list's filter runs in the daemon, bounded by its terms (issue 19). */
	ok(decode("{\"cmd\": \"dump\", \"filter\": \"host 10.0.0.1 and port 80\"}", &req, err) == 0 &&
	   !strcmp(req.filter, "host 10.0.0.1 and port 80") && !req.export, "a dump takes a filter");
	ok(decode("{\"cmd\": \"list\", \"filter\": \"net 10.0.0.0/8\", \"blocks\": true}", &req,
		  err) == 0 && !strcmp(req.filter, "net 10.0.0.0/8") && req.blocks,
	   "a list takes a filter and blocks");
	ok(decode("{\"cmd\": \"status\", \"filter\": \"udp\"}", &req, err) < 0, "status takes no filter");
	ok(proto_filter_terms("port 1") == 1 && proto_filter_terms("port 1 or port 2 and port 3") == 3 &&
	   proto_filter_terms("a||b&&c") == 3 && proto_filter_terms("portrange 1-2") == 4 &&
	   proto_filter_terms("tcp and portrange 1-2") == 5 && proto_filter_terms("oregon") == 1,
	   "proto_filter_terms counts and, or, &&, || and portrange as conf.c does");
	{
		char big[1024] = "port 1", msg[1200];

		for (int i = 2; i <= PROTO_FILTER_MAX_TERMS; i++)
			snprintf(big + strlen(big), sizeof(big) - strlen(big), " or port %d", i);
		snprintf(msg, sizeof(msg), "{\"cmd\": \"dump\", \"filter\": \"%s\"}", big);
		ok(decode(msg, &req, err) == 0, "a filter of %d terms is taken", PROTO_FILTER_MAX_TERMS);
		snprintf(msg, sizeof(msg), "{\"cmd\": \"dump\", \"filter\": \"%s or port 99\"}", big);
		ok(decode(msg, &req, err) < 0 && strstr(err, "terms"), "one term more is refused: %s", err);
	}
	ok(decode("{\"cmd\": \"status\", \"export\": true}", &req, err) < 0, "status takes no export");
	ok(proto_case_valid("INC-2026.11_27") && !proto_case_valid("a/b") &&
	   !proto_case_valid("-x") && !proto_case_valid("a b"), "proto_case_valid");
	/* list: a window and a page (issue 13). */
	{
		static const char list[] = "{\"cmd\": \"list\", \"ring\": \"eth0\", \"since\": 5, "
					   "\"until\": 9, \"last\": 20, \"limit\": 1000, "
					   "\"from_ring\": \"eth0/web\", \"from\": 42}";

		ok(proto_decode_request((const uint8_t *)list, strlen(list), &req, err, sizeof(err)) == 0 &&
		   req.since == 5 && req.until == 9 && req.last == 20 && req.limit == 1000 &&
		   req.from == 42 && !strcmp(req.from_ring, "eth0/web"),
		   "list takes since, until, last, limit, from_ring and from");
		snprintf(payload, sizeof(payload), "{\"cmd\": \"list\", \"last\": -1}");
		ok(proto_decode_request((const uint8_t *)payload, strlen(payload), &req, err,
					sizeof(err)) < 0 && strstr(err, "last"), "a negative count is refused: %s",
		   err);
		snprintf(payload, sizeof(payload), "{\"cmd\": \"status\", \"last\": 3}");
		ok(proto_decode_request((const uint8_t *)payload, strlen(payload), &req, err,
					sizeof(err)) < 0, "status takes no \"last\": %s", err);
	}
	return done_testing();
}

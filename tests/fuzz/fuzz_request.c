/* fuzz_request.c: libFuzzer target for the control protocol's frame header and request decoder */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input is a byte stream as a client would send it: frames, one after another. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	while (size) {
		struct proto_request req;
		struct proto_hdr hdr;
		const char *why = NULL;
		char err[256];
		int rc = proto_read_hdr(data, size, PROTO_MAX_REQUEST, &hdr, &why);

		if (rc <= 0 || size - PROTO_HDR_LEN < hdr.length)
			break;
		if (proto_decode_request(data + PROTO_HDR_LEN, hdr.length, &req, err, sizeof(err)) == 0 &&
		    (req.cmd >= CMD_COUNT || memchr(req.ring, 0, sizeof(req.ring)) == NULL))
			__builtin_trap();
		data += PROTO_HDR_LEN + hdr.length;
		size -= PROTO_HDR_LEN + hdr.length;
	}
	return 0;
}

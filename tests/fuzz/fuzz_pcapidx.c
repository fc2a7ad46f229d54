/* fuzz_pcapidx.c: libFuzzer target for the .idx loader, reading a file as daemon and pktctl do */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "pcapidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int dirfd_once(void)
{
	static int dfd = -1;
	char tmpl[] = "/tmp/fuzz-pcapidx-XXXXXX";

	/* pcapidx_load opens dirfd-relative with O_NOFOLLOW: a real file in a private directory. */
	if (dfd < 0 && mkdtemp(tmpl))
		dfd = open(tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return dfd;
}

/*
 * The first byte is a switch: odd, and every whole record gets a correct
 * CRC, so the fuzzer reaches the record parsing behind the check; even, and
 * the bytes go in as they are.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int dfd = dirfd_once(), fd;
	struct pcapidx idx;
	uint8_t *buf;

	if (dfd < 0 || size < 1)
		return 0;
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	size--;
	if (data[0] & 1)
		for (size_t off = PCAPIDX_HDR_LEN; off + PCAPIDX_REC_LEN <= size;
		     off += PCAPIDX_REC_LEN) {
			uint32_t c = (uint32_t)crc32(0, buf + off + 8, PCAPIDX_REC_LEN - 8);

			for (int i = 0; i < 4; i++)
				buf[off + 4 + i] = (uint8_t)(c >> (8 * i));
		}
	fd = openat(dfd, "f.idx", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, buf, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return 0;
	}
	close(fd);
	if (pcapidx_load(dfd, "f.idx", &idx) == 0) {
		int64_t probes[] = { INT64_MIN, -1, 0, 1700000000000000000LL, INT64_MAX };

		if (idx.npoints && !idx.points)
			__builtin_trap();
		if (idx.npoints)
			probes[1] = idx.points[idx.npoints / 2].first_ns;
		for (size_t i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
			const struct pcapidx_point *p = pcapidx_seek(&idx, probes[i]);

			if (p && (p < idx.points || p >= idx.points + idx.npoints))
				__builtin_trap();
		}
		pcapidx_free(&idx);
	}
	free(buf);
	return 0;
}

/* fuzz_addridx.c: libFuzzer target for the .aidx loaders, reading a file as the daemon does */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "addridx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int dirfd_once(void)
{
	static int dfd = -1;
	char tmpl[] = "/tmp/fuzz-addridx-XXXXXX";

	/* The loaders open dirfd-relative with O_NOFOLLOW: a real file in a private directory. */
	if (dfd < 0 && mkdtemp(tmpl))
		dfd = open(tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return dfd;
}

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Correct CRCs for the header and every whole record, so inputs reach the parsing behind them. */
static void fix_crcs(uint8_t *buf, size_t size)
{
	size_t off = 16;

	if (size < 16)
		return;
	put32(buf + 12, (uint32_t)crc32(0, buf, 12));
	while (off + 12 <= size && get32(buf + off + 4) <= size - off - 12) {
		uint32_t len = get32(buf + off + 4);

		put32(buf + off + 8, (uint32_t)crc32(crc32(0, buf + off, 8), buf + off + 12, len));
		off += 12 + len;
	}
}

/* Whatever a loader accepted keeps the set's promises: sorted, unique, in range. */
static void check_set(const struct addrset *s)
{
	for (uint32_t i = 1; i < s->n4; i++)
		if (s->ip4[i] <= s->ip4[i - 1])
			__builtin_trap();
	for (uint32_t i = 1; i < s->n6; i++)
		if (memcmp(s->ip6[i], s->ip6[i - 1], 16) <= 0)
			__builtin_trap();
	for (uint32_t i = 1; i < s->nport; i++)
		if (s->port[i] <= s->port[i - 1])
			__builtin_trap();
	for (uint32_t i = 0; i < s->nvlan; i++)
		if (s->vlan[i] > 4095 || (i && s->vlan[i] <= s->vlan[i - 1]))
			__builtin_trap();
}

/*
 * The first byte is a switch: odd, and the CRCs are made right; even, and
 * the bytes go in as they are. The data file the index is checked against
 * is the input itself, so identity checks run too.
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int dfd = dirfd_once(), fd;
	struct addridx x;
	uint8_t *buf;

	if (dfd < 0 || size < 1)
		return 0;
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	size--;
	if (data[0] & 1)
		fix_crcs(buf, size);
	fd = openat(dfd, "f.aidx", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, buf, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return 0;
	}
	if (addridx_load(dfd, "f.aidx", -1, NULL, 0, &x) == 0) {
		for (size_t i = 0; i < x.nblocks; i++)
			check_set(&x.blocks[i].set);
		check_set(&x.file);
		if (x.nblocks && addridx_block_at(&x, UINT64_MAX) != (long)x.nblocks - 1)
			__builtin_trap();
		addridx_free(&x);
	}
	if (addridx_load(dfd, "f.aidx", fd, "f.aidx", size, &x) == 0)
		addridx_free(&x);
	if (addridx_load_union(dfd, "f.aidx", fd, "f.aidx", size, &x) == 0) {
		check_set(&x.file);
		addridx_free(&x);
	}
	close(fd);
	free(buf);
	return 0;
}

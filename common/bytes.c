/* bytes.c: whole writes and positioned reads of a descriptor, for the index formats */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

#include "bytes.h"

void *bytes_grow(void *arr, size_t n, size_t size)
{
	size_t room;

	if (n && (n < 16 || (n & (n - 1))))
		return arr;
	room = n ? 2 * n : 16;
	if (!size || n > SIZE_MAX / 2 || room > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(arr, room * size);
}

int bytes_write_all(int fd, const void *buf, size_t len)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int bytes_pread_all(int fd, uint8_t *buf, size_t len, uint64_t off)
{
	while (len) {
		ssize_t n = pread(fd, buf, len, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

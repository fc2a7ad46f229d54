/* bytes.h: little-endian integers in byte buffers, and whole writes and reads of a descriptor (the index formats') */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_BYTES_H
#define PKTCAP_BYTES_H

#include <stddef.h>
#include <stdint.h>

static inline void bytes_put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline void bytes_put64(uint8_t *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint32_t bytes_get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t bytes_get64(const uint8_t *p)
{
	return (uint64_t)bytes_get32(p) | (uint64_t)bytes_get32(p + 4) << 32;
}

/*
 * Room for one more element in arr, which holds n elements of size bytes
 * and was only ever grown by this: arr itself, or arr moved to twice the
 * room when n is 0 (16) or a power of two from 16 on, so n alone says
 * when and appending thousands copies the array a dozen times, not once
 * each (an allocator whose realloc always copies, as ASan's does, made
 * that quadratic). NULL with errno, arr untouched, when memory is short.
 * Removing elements keeps this sound: the room never falls below it.
 */
void *bytes_grow(void *arr, size_t n, size_t size);

/* All len bytes written (retrying short writes and EINTR); -1 with errno (EIO for a write of 0). */
int bytes_write_all(int fd, const void *buf, size_t len);
/* All len bytes read at off; -1 with errno (EIO when the file ends first). */
int bytes_pread_all(int fd, uint8_t *buf, size_t len, uint64_t off);

#endif

/* memfill.c: the first write into new memory, and capture-like copies into reused or new memory */
/* SPDX-License-Identifier: BSD-2-Clause */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

/*
 * Usage:
 *   memfill fill MIB [PAUSE_S]
 *     For each way of taking MIB of new memory (pktcapd's queue-size buffers
 *     were MAP_POPULATE; the arena is MADV_HUGEPAGE + MADV_POPULATE_WRITE),
 *     the time to take it, then two passes of memset over it. PAUSE_S
 *     seconds (default 5) go by before each way, so that memory freed by
 *     the one before has been handed back to a VM's host, as a daemon's
 *     would between bursts.
 *   memfill copy DEST_MIB
 *     A producer pinned to CPU 1 writes 1500-byte frames into a 256 MiB
 *     ring, as the kernel fills a capture ring; a consumer pinned to CPU 0
 *     copies each one 256 KiB behind it into a DEST_MIB destination taken
 *     once (1 MiB: a reused write buffer; 2048: a burst's new memory), and
 *     prints the consumer's nanoseconds per frame.
 */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static void fill_one(const char *name, size_t len, int map_flags, int huge, int populate)
{
	double t0 = now(), t1, t2, t3;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | map_flags,
		       -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	if (huge && madvise(p, len, MADV_HUGEPAGE) < 0)
		perror("MADV_HUGEPAGE");
	if (populate && madvise(p, len, MADV_POPULATE_WRITE) < 0)
		perror("MADV_POPULATE_WRITE");
	t1 = now();
	memset(p, 1, len);
	t2 = now();
	memset(p, 2, len);
	t3 = now();
	printf("%-34s take %6.3f s, first pass %6.2f GB/s, second %6.2f GB/s, take+first %6.2f GB/s\n",
	       name, t1 - t0, (double)len / 1e9 / (t2 - t1), (double)len / 1e9 / (t3 - t2),
	       (double)len / 1e9 / (t2 - t0));
	munmap(p, len);
}

#define FRAME 1500
#define SLOT 1536
#define RING ((size_t)256 << 20)
#define NSLOTS (RING / SLOT)
#define LAG_FRAMES ((256 << 10) / SLOT)
#define FRAMES 1000000

static uint8_t *ring;
static atomic_ulong produced, consumed;

static void *producer(void *arg)
{
	uint8_t frame[FRAME];

	(void)arg;
	memset(frame, 0x5a, sizeof(frame));
	pin(1);
	for (unsigned long i = 0; i < FRAMES; i++) {
		/* Stay 8 MiB short of overwriting what the consumer has yet to copy. */
		while ((i - atomic_load(&consumed)) * SLOT > RING - (8 << 20))
			sched_yield();
		memcpy(ring + (i % NSLOTS) * SLOT, frame, FRAME);
		atomic_store(&produced, i + 1);
	}
	return NULL;
}

static void copy_test(size_t dest_len)
{
	pthread_t t;
	size_t d = 0;
	double busy = 0;
	uint8_t *dest = mmap(NULL, dest_len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

	ring = mmap(NULL, RING, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (dest == MAP_FAILED || ring == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	/* The ring is the kernel's, written many times over: backed already. */
	memset(ring, 0, RING);
	pin(0);
	pthread_create(&t, NULL, producer, NULL);
	for (unsigned long i = 0; i < FRAMES; i++) {
		unsigned long want = i + 1 + LAG_FRAMES < FRAMES ? i + 1 + LAG_FRAMES : FRAMES;
		double t0;

		while (atomic_load(&produced) < want)
			;
		if (d + FRAME > dest_len)
			d = 0;
		t0 = now();
		memcpy(dest + d, ring + (i % NSLOTS) * SLOT, FRAME);
		busy += now() - t0;
		d += FRAME + 16;
		atomic_store(&consumed, i + 1);
	}
	pthread_join(t, NULL);
	printf("copy 1500-byte frames from CPU 1's ring into %zu MiB taken once: %.0f ns per frame\n",
	       dest_len >> 20, busy * 1e9 / FRAMES);
}

int main(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "fill")) {
		size_t len = strtoull(argv[2], NULL, 10) << 20;
		unsigned pause = argc > 3 ? (unsigned)atoi(argv[3]) : 5;

		sleep(pause);
		fill_one("malloc-like (fault per page)", len, 0, 0, 0);
		sleep(pause);
		fill_one("MAP_POPULATE", len, MAP_POPULATE, 0, 0);
		sleep(pause);
		fill_one("MADV_POPULATE_WRITE", len, 0, 0, 1);
		sleep(pause);
		fill_one("MADV_HUGEPAGE + POPULATE_WRITE", len, 0, 1, 1);
		fill_one("the same again at once", len, 0, 1, 1);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "copy")) {
		copy_test(strtoull(argv[2], NULL, 10) << 20);
		return 0;
	}
	fprintf(stderr, "usage: memfill fill MIB [PAUSE_S] | memfill copy DEST_MIB\n");
	return 2;
}

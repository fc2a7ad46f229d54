/* writepath.c: how fast, at what CPU and page-cache cost, each way of appending a file writes it */
/* SPDX-License-Identifier: BSD-2-Clause */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#ifndef RWF_DONTCACHE
#define RWF_DONTCACHE 0x00000080	/* Linux 6.14: buffered, dropped from the cache once written */
#endif

/*
 * Usage: writepath METHOD FILE MIB [CHUNK_KIB]
 * METHOD: cached (write, sync_file_range, FADV_DONTNEED: pktcapd's page-cache
 * path), direct (O_DIRECT pwrite), dontcache (pwritev2 RWF_DONTCACHE), dsync
 * (pwritev2 RWF_DSYNC). Prints MB/s, CPU seconds and the page cache's growth.
 */
static long cached_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "Cached: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int put(const char *m, int fd, void *buf, size_t len, off_t off, off_t *synced)
{
	struct iovec iov = { buf, len };

	if (!strcmp(m, "dontcache"))
		return pwritev2(fd, &iov, 1, off, RWF_DONTCACHE) == (ssize_t)len ? 0 : -1;
	if (!strcmp(m, "dsync"))
		return pwritev2(fd, &iov, 1, off, RWF_DSYNC) == (ssize_t)len ? 0 : -1;
	if (pwrite(fd, buf, len, off) != (ssize_t)len)
		return -1;
	/* pktcapd's writeback(): start 4 MiB, wait for and drop the 8 MiB before. */
	if (!strcmp(m, "cached") && off + (off_t)len - *synced >= 4 << 20) {
		sync_file_range(fd, *synced, off + (off_t)len - *synced, SYNC_FILE_RANGE_WRITE);
		if (*synced) {
			off_t prev = *synced > (8 << 20) ? *synced - (8 << 20) : 0;

			sync_file_range(fd, prev, *synced - prev, SYNC_FILE_RANGE_WAIT_BEFORE |
					SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
			posix_fadvise(fd, prev, *synced - prev, POSIX_FADV_DONTNEED);
		}
		*synced = off + (off_t)len;
	}
	return 0;
}

int main(int argc, char **argv)
{
	size_t chunk = (argc > 4 ? (size_t)atol(argv[4]) : 1024) * 1024;
	long mib = argc > 3 ? atol(argv[3]) : 0, kb0, kb1;
	int fd, flags = O_WRONLY | O_CREAT | O_TRUNC;
	off_t off = 0, synced = 0;
	struct rusage ru;
	void *buf;
	double t0, t1;

	if (argc < 4 || mib <= 0 || !chunk) {
		fprintf(stderr, "usage: writepath cached|direct|dontcache|dsync FILE MIB [CHUNK_KIB]\n");
		return 2;
	}
	if (!strcmp(argv[1], "direct"))
		flags |= O_DIRECT;
	if (posix_memalign(&buf, 4096, chunk))
		return 1;
	/* Text-like bytes, not zeros: nothing on the way may shortcut them. */
	for (size_t i = 0; i < chunk; i++)
		((char *)buf)[i] = (char)(' ' + i * 7 % 90);
	fd = open(argv[2], flags, 0600);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	kb0 = cached_kb();
	t0 = now();
	for (; off < (off_t)mib << 20; off += (off_t)chunk)
		if (put(argv[1], fd, buf, chunk, off, &synced) < 0) {
			fprintf(stderr, "writepath: %s: %s\n", argv[1], strerror(errno));
			return 1;
		}
	if (fdatasync(fd) < 0)
		perror("fdatasync");
	t1 = now();
	kb1 = cached_kb();
	getrusage(RUSAGE_SELF, &ru);
	printf("%s chunk %zu KiB: %.0f MB/s, CPU %.2f s (user %.2f, sys %.2f), page cache %+ld MB\n",
	       argv[1], chunk / 1024, (double)off / (t1 - t0) / 1e6,
	       ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
	       ru.ru_stime.tv_usec / 1e6, ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6,
	       ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6, (kb1 - kb0) / 1024);
	close(fd);
	unlink(argv[2]);
	return 0;
}

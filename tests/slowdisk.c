/* slowdisk.c: LD_PRELOAD shim that makes every write to a .pcap file wait first, as long as a disk of a given speed would take */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"	/* _GNU_SOURCE, for RTLD_NEXT */

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * Each write or pwrite to a file whose name ends in ".pcap" first sleeps
 * PKTCAP_SLOWDISK_MS milliseconds (default 100) per MiB it writes: a disk
 * of 1 MiB per that many ms (10 MiB/s by default), whatever the size of
 * each write. Nothing else is touched.
 */
static void slow(int fd, size_t len)
{
	static long ms = -1;
	char link[64], path[4096];
	struct timespec ts;
	long long ns;
	ssize_t n;

	if (ms < 0) {
		const char *e = getenv("PKTCAP_SLOWDISK_MS");

		ms = e ? atol(e) : 100;
	}
	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, sizeof(path) - 1);
	if (n < 6)
		return;
	path[n] = 0;
	if (strcmp(path + n - 5, ".pcap"))
		return;
	ns = (long long)ms * 1000000 * (long long)len / (1 << 20);
	ts.tv_sec = (time_t)(ns / 1000000000);
	ts.tv_nsec = (long)(ns % 1000000000);
	nanosleep(&ts, NULL);
}

ssize_t pwrite(int fd, const void *buf, size_t len, off_t off)
{
	static ssize_t (*real)(int, const void *, size_t, off_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
	slow(fd, len);
	return real(fd, buf, len, off);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	slow(fd, len);
	return real(fd, buf, len);
}

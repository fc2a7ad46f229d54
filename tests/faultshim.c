/* faultshim.c: LD_PRELOAD shim that fails (or kills the process at) the Nth link, write, fsync, rename or unlink under a directory */
/* SPDX-License-Identifier: BSD-2-Clause */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Armed by the file named in PKTCAP_FAULT_CTL, read again whenever it
 * changes (so a test re-arms a running daemon without a restart):
 *
 *	CALL N ERROR PREFIX
 *
 * CALL is link, write, fsync, rename, unlink or any; the Nth such call on
 * a path under PREFIX fails with ERROR (ENOSPC or EIO), or with KILL the
 * process is killed (SIGKILL) instead of making it. Each firing appends
 * "CALL N PATH" to CTL.fired, so the test knows N was reached. No file:
 * nothing fails. Only stat, readlink, open and the real calls are used
 * (the daemon's seccomp filter allows them).
 */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct timespec seen;
static ino_t seen_ino;
static char call[16], prefix[4096];
static long target, count;
static int error;

static void *real(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

/* Re-reads the control file when it changed; under the lock. */
static void arm(void)
{
	const char *ctl = getenv("PKTCAP_FAULT_CTL");
	char buf[4200] = "", err[16] = "";
	struct stat st;
	int fd;
	ssize_t n;

	if (!ctl || stat(ctl, &st) < 0) {
		target = 0;
		seen_ino = 0;
		return;
	}
	if (st.st_ino == seen_ino && st.st_mtim.tv_sec == seen.tv_sec &&
	    st.st_mtim.tv_nsec == seen.tv_nsec)
		return;
	seen_ino = st.st_ino;
	seen = st.st_mtim;
	count = target = 0;
	fd = open(ctl, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	if (sscanf(buf, "%15s %ld %15s %4095s", call, &target, err, prefix) != 4)
		target = 0;
	error = !strcmp(err, "EIO") ? EIO : !strcmp(err, "KILL") ? -1 : ENOSPC;
}

static void fired(const char *what, const char *path)
{
	char name[4200], line[4300];
	int fd, n;

	snprintf(name, sizeof(name), "%s.fired", getenv("PKTCAP_FAULT_CTL"));
	n = snprintf(line, sizeof(line), "%s %ld %s\n", what, target, path);
	fd = open(name, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (syscall(SYS_write, fd, line, (size_t)n) < 0)
			n = 0;
		close(fd);
	}
}

/* 1 when this call is to fail (errno set): the Nth of its kind under the prefix. */
static int hit(const char *what, const char *path)
{
	int fail = 0;

	pthread_mutex_lock(&lock);
	arm();
	if (target > 0 && (!strcmp(call, what) || !strcmp(call, "any")) &&
	    !strncmp(path, prefix, strlen(prefix)) && ++count == target) {
		fired(what, path);
		if (error < 0)
			kill(getpid(), SIGKILL);
		fail = 1;
	}
	pthread_mutex_unlock(&lock);
	if (fail)
		errno = error;
	return fail;
}

static void fd_path(int fd, char *buf, size_t len)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, buf, len - 1);
	buf[n > 0 ? n : 0] = 0;
}

static void at_path(int dirfd, const char *name, char *buf, size_t len)
{
	if (name[0] == '/' || dirfd == AT_FDCWD) {
		snprintf(buf, len, "%s", name);
		return;
	}
	fd_path(dirfd, buf, len);
	snprintf(buf + strlen(buf), len - strlen(buf), "/%s", name);
}

/* Data the writer and indexer write beside the evidence are not the test's. */
static int fd_hit(const char *what, int fd)
{
	char path[4200];

	if (!target && !getenv("PKTCAP_FAULT_CTL"))
		return 0;
	fd_path(fd, path, sizeof(path));
	if (path[0] != '/' || strstr(path, ".pcap") || strstr(path, ".idx"))
		return 0;
	return hit(what, path);
}

static int at_hit(const char *what, int dirfd, const char *name)
{
	char path[4200];

	if (!getenv("PKTCAP_FAULT_CTL"))
		return 0;
	at_path(dirfd, name, path, sizeof(path));
	return hit(what, path);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	static ssize_t (*f)(int, const void *, size_t);

	if (!f)
		f = real("write");
	return fd_hit("write", fd) ? -1 : f(fd, buf, len);
}

int fsync(int fd)
{
	static int (*f)(int);

	if (!f)
		f = real("fsync");
	return fd_hit("fsync", fd) ? -1 : f(fd);
}

int fdatasync(int fd)
{
	static int (*f)(int);

	if (!f)
		f = real("fdatasync");
	return fd_hit("fsync", fd) ? -1 : f(fd);
}

int linkat(int olddir, const char *old, int newdir, const char *new, int flags)
{
	static int (*f)(int, const char *, int, const char *, int);

	if (!f)
		f = real("linkat");
	return at_hit("link", newdir, new) ? -1 : f(olddir, old, newdir, new, flags);
}

int link(const char *old, const char *new)
{
	return linkat(AT_FDCWD, old, AT_FDCWD, new, 0);
}

int renameat(int olddir, const char *old, int newdir, const char *new)
{
	static int (*f)(int, const char *, int, const char *);

	if (!f)
		f = real("renameat");
	return at_hit("rename", newdir, new) ? -1 : f(olddir, old, newdir, new);
}

int rename(const char *old, const char *new)
{
	return renameat(AT_FDCWD, old, AT_FDCWD, new);
}

int unlinkat(int dirfd, const char *name, int flags)
{
	static int (*f)(int, const char *, int);

	if (!f)
		f = real("unlinkat");
	return at_hit("unlink", dirfd, name) ? -1 : f(dirfd, name, flags);
}

int unlink(const char *name)
{
	return unlinkat(AT_FDCWD, name, 0);
}

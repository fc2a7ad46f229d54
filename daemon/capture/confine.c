/* confine.c: the seccomp allow-list the daemon puts on itself once privileges are gone */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <linux/sockios.h>
#include <seccomp.h>

#include "capture/confine.h"
#include "log.h"

/*
 * Every system call the daemon makes after the drop, found with strace -f on
 * the integration tests (capture, rotation, gzip, index, dump, reload,
 * status, interfaces, disk full, sd_notify and the journal). Grouped by what
 * needs them; the ones with argument checks are added in confine_install.
 */
static const int allowed[] = {
	/* Memory, threads and signals: libc, sd-event, libpcap's ring. */
	SCMP_SYS(brk), SCMP_SYS(mmap), SCMP_SYS(munmap), SCMP_SYS(mremap), SCMP_SYS(mprotect),
	SCMP_SYS(madvise), SCMP_SYS(futex), SCMP_SYS(set_robust_list), SCMP_SYS(rseq),
	SCMP_SYS(exit), SCMP_SYS(exit_group), SCMP_SYS(gettid), SCMP_SYS(getpid),
	SCMP_SYS(getuid), SCMP_SYS(geteuid), SCMP_SYS(getgid), SCMP_SYS(getegid),
	SCMP_SYS(rt_sigaction), SCMP_SYS(rt_sigprocmask), SCMP_SYS(rt_sigreturn),
	SCMP_SYS(sigaltstack), SCMP_SYS(restart_syscall), SCMP_SYS(getrandom),
	SCMP_SYS(sched_yield), SCMP_SYS(sched_getaffinity), SCMP_SYS(clock_gettime),
	SCMP_SYS(clock_nanosleep), SCMP_SYS(nanosleep), SCMP_SYS(gettimeofday),
	/* The event loop. */
	SCMP_SYS(epoll_create1), SCMP_SYS(epoll_ctl), SCMP_SYS(epoll_wait),
	SCMP_SYS(epoll_pwait), SCMP_SYS(poll), SCMP_SYS(ppoll), SCMP_SYS(signalfd4),
	SCMP_SYS(timerfd_create), SCMP_SYS(timerfd_settime), SCMP_SYS(timerfd_gettime),
	SCMP_SYS(eventfd2),
	/* Files under the storage root, the configuration on reload, /proc for status. */
	SCMP_SYS(read), SCMP_SYS(write), SCMP_SYS(readv), SCMP_SYS(writev), SCMP_SYS(pread64),
	SCMP_SYS(pwrite64), SCMP_SYS(lseek), SCMP_SYS(openat), SCMP_SYS(close), SCMP_SYS(dup),
	/* The older spellings of openat and readlinkat: sanitizer runtimes write their reports with them. */
	SCMP_SYS(open), SCMP_SYS(readlink),
	SCMP_SYS(fcntl), SCMP_SYS(newfstatat), SCMP_SYS(fstat), SCMP_SYS(statx),
	SCMP_SYS(fstatfs), SCMP_SYS(getdents64), SCMP_SYS(fdatasync), SCMP_SYS(fsync),
	SCMP_SYS(ftruncate), SCMP_SYS(fchmod), SCMP_SYS(unlink), SCMP_SYS(unlinkat),
	SCMP_SYS(renameat), SCMP_SYS(renameat2), SCMP_SYS(linkat), SCMP_SYS(mkdirat), SCMP_SYS(readlinkat),
	SCMP_SYS(faccessat), SCMP_SYS(faccessat2), SCMP_SYS(memfd_create), SCMP_SYS(fadvise64),
	SCMP_SYS(fallocate),
	/* Reading priorities; setting them is allowed for the calling thread only (below). */
	SCMP_SYS(getpriority), SCMP_SYS(ioprio_get), SCMP_SYS(sched_getscheduler),
	SCMP_SYS(sched_getparam), SCMP_SYS(sched_getattr),
	/* The control socket, dump streams, sd_notify and the journal (sockets checked below). */
	SCMP_SYS(accept4), SCMP_SYS(recvfrom), SCMP_SYS(recvmsg), SCMP_SYS(sendto),
	SCMP_SYS(sendmsg), SCMP_SYS(getsockopt), SCMP_SYS(setsockopt), SCMP_SYS(getsockname),
	SCMP_SYS(getpeername), SCMP_SYS(shutdown), SCMP_SYS(bind), SCMP_SYS(connect),
};

/* The ioctls libc (isatty) and libpcap's interface listing make. */
static const unsigned long ioctls[] = {
	TCGETS, FIONREAD, SIOCGIFNAME, SIOCGIFINDEX, SIOCGIFFLAGS, SIOCGIFHWADDR, SIOCGIFMTU,
	SIOCETHTOOL, 0x8B01 /* SIOCGIWNAME, wireless probe */,
};

/* libseccomp's SCMP_An macros leave datum_b to the compiler: every field spelled out here. */
static struct scmp_arg_cmp arg_cmp(unsigned arg, enum scmp_compare op, scmp_datum_t a,
				   scmp_datum_t b)
{
	struct scmp_arg_cmp c = { .arg = arg, .op = op, .datum_a = a, .datum_b = b };

	return c;
}

static int allow(scmp_filter_ctx ctx, int nr, unsigned n, const struct scmp_arg_cmp *cmp)
{
	int rc = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, nr, n, cmp);

	if (rc < 0) {
		char *name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);

		log_err("seccomp: cannot allow %s: %s", name ? name : "?", strerror(-rc));
		free(name);
	}
	return rc;
}

/* The process's threads, from /proc/self/status; 0 if it cannot be read. */
static int threads(void)
{
	char line[128];
	int n = 0;
	FILE *f = fopen("/proc/self/status", "re");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

int confine_install(void)
{
	struct scmp_arg_cmp cmp[2];
	scmp_filter_ctx ctx;
	uint32_t kill;
	int rc = -1;

	/* Anything not listed fails with EPERM, and the kernel logs it (audit). */
	ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM));
	if (!ctx) {
		log_err("seccomp: cannot create a filter");
		return -1;
	}
	/*
	 * TSYNC needs the seccomp() system call, which an outer filter (a
	 * systemd unit's SystemCallFilter=) may refuse; libseccomp then falls
	 * back to prctl(). That is enough while this is the only thread: every
	 * thread started later inherits the filter.
	 */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1) < 0) {
		if (threads() != 1) {
			log_err("seccomp: the kernel cannot apply a filter to every thread");
			goto out;
		}
		log_debug("seccomp: no thread synchronisation; single-threaded, so none is needed");
	}
	/* Logging needs Linux 4.14; without it denials are silent, not allowed. */
	if (seccomp_attr_set(ctx, SCMP_FLTATR_CTL_LOG, 1) < 0)
		log_warn("seccomp: the kernel cannot log refused system calls");
	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (allow(ctx, allowed[i], 0, NULL) < 0)
			goto out;

	/* Threads yes (pthread_create), new processes no. */
	cmp[0] = arg_cmp(0, SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD);
	if (allow(ctx, SCMP_SYS(clone), 1, cmp) < 0)
		goto out;
	/* clone3 hides its flags in memory: "not implemented" makes glibc use clone. */
	if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) < 0)
		goto out;
	/* Signals only to the daemon itself (abort, raise). */
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, (scmp_datum_t)getpid(), 0);
	if (allow(ctx, SCMP_SYS(tgkill), 1, cmp) < 0 || allow(ctx, SCMP_SYS(kill), 1, cmp) < 0)
		goto out;
	/*
	 * The indexer and verify threads lower their own CPU and I/O priority
	 * (prio.c): a process (thread) target of 0, the calling thread, and no
	 * other; not a process group or a user's processes either.
	 */
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, PRIO_PROCESS, 0);
	cmp[1] = arg_cmp(1, SCMP_CMP_EQ, 0, 0);
	if (allow(ctx, SCMP_SYS(setpriority), 2, cmp) < 0)
		goto out;
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, 1 /* IOPRIO_WHO_PROCESS */, 0);
	if (allow(ctx, SCMP_SYS(ioprio_set), 2, cmp) < 0)
		goto out;
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, 0, 0);
	if (allow(ctx, SCMP_SYS(sched_setscheduler), 1, cmp) < 0 ||
	    allow(ctx, SCMP_SYS(sched_setattr), 1, cmp) < 0)
		goto out;
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, PR_SET_NAME, 0);
	if (allow(ctx, SCMP_SYS(prctl), 1, cmp) < 0)
		goto out;
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, PR_GET_NAME, 0);
	if (allow(ctx, SCMP_SYS(prctl), 1, cmp) < 0)
		goto out;
	for (size_t i = 0; i < sizeof(ioctls) / sizeof(ioctls[0]); i++) {
		cmp[0] = arg_cmp(1, SCMP_CMP_EQ, ioctls[i], 0);
		if (allow(ctx, SCMP_SYS(ioctl), 1, cmp) < 0)
			goto out;
	}

	/*
	 * Sockets: datagrams to local UNIX sockets (sd_notify, the journal), and
	 * the netlink families libpcap lists interfaces with (read-only without
	 * CAP_NET_ADMIN). Other families get "address family not supported":
	 * libpcap's Bluetooth probe then takes Bluetooth as absent, not as an
	 * error, and nothing can reach the network.
	 */
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, AF_UNIX, 0);
	cmp[1] = arg_cmp(1, SCMP_CMP_MASKED_EQ, 0xf, SOCK_DGRAM);
	if (allow(ctx, SCMP_SYS(socket), 2, cmp) < 0)
		goto out;
	cmp[0] = arg_cmp(0, SCMP_CMP_EQ, AF_NETLINK, 0);
	cmp[1] = arg_cmp(2, SCMP_CMP_EQ, NETLINK_ROUTE, 0);
	if (allow(ctx, SCMP_SYS(socket), 2, cmp) < 0)
		goto out;
	cmp[1] = arg_cmp(2, SCMP_CMP_EQ, NETLINK_GENERIC, 0);
	if (allow(ctx, SCMP_SYS(socket), 2, cmp) < 0)
		goto out;
	/* nflog and nfqueue are listed by opening one (binding needs CAP_NET_ADMIN). */
	cmp[1] = arg_cmp(2, SCMP_CMP_EQ, NETLINK_NETFILTER, 0);
	if (allow(ctx, SCMP_SYS(socket), 2, cmp) < 0)
		goto out;
	cmp[0] = arg_cmp(0, SCMP_CMP_NE, AF_UNIX, 0);
	if (seccomp_rule_add_array(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1, cmp) < 0)
		goto out;

	/*
	 * Only an attacker runs a program from a capture daemon: that ends the
	 * process. Killing the whole process needs the seccomp() system call
	 * (API level 3); under an outer filter that refuses it, the calling
	 * thread is killed instead, which still stops the exec.
	 */
	kill = seccomp_api_get() >= 3 ? SCMP_ACT_KILL_PROCESS : SCMP_ACT_KILL;
	if (seccomp_rule_add(ctx, kill, SCMP_SYS(execve), 0) < 0 ||
	    seccomp_rule_add(ctx, kill, SCMP_SYS(execveat), 0) < 0 ||
	    seccomp_rule_add(ctx, kill, SCMP_SYS(ptrace), 0) < 0) {
		log_err("seccomp: cannot add the rules that stop exec");
		goto out;
	}

	rc = seccomp_load(ctx);
	if (rc < 0) {
		log_err("seccomp: cannot load the filter: %s", strerror(-rc));
		rc = -1;
		goto out;
	}
	log_info("seccomp filter installed on every thread: %zu system calls, and clone, kill, prctl, ioctl, socket and priorities with arguments checked",
		 sizeof(allowed) / sizeof(allowed[0]));
	rc = 0;
out:
	seccomp_release(ctx);
	return rc;
}

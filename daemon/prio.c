/* prio.c: background threads (indexer, verify) lower themselves to idle CPU and I/O priority */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "prio.h"

/* IOPRIO_WHO_PROCESS, and IOPRIO_CLASS_IDLE shifted by IOPRIO_CLASS_SHIFT (13). */
#define WHO_PROCESS 1
#define CLASS_IDLE (3 << 13)

int prio_idle_self(const char *name)
{
	struct sched_param sp = { 0 };
	int rc = 0;

	pthread_setname_np(pthread_self(), name);
	/*
	 * The raw calls with pid 0: glibc's pthread_setschedparam passes the
	 * thread id, which the filter refuses. On Linux pid 0 and PRIO_PROCESS
	 * with who 0 mean the calling thread, not the whole process.
	 */
	if (syscall(SYS_sched_setscheduler, 0, SCHED_IDLE, &sp) < 0) {
		log_warn("%s: no idle CPU class: %s", name, strerror(errno));
		rc = -1;
	}
	/* Nice 19 too: it is what top shows, and it holds if the class is refused. */
	if (setpriority(PRIO_PROCESS, 0, 19) < 0) {
		log_warn("%s: cannot lower its nice value: %s", name, strerror(errno));
		rc = -1;
	}
	if (syscall(SYS_ioprio_set, WHO_PROCESS, 0, CLASS_IDLE) < 0) {
		log_warn("%s: no idle I/O class: %s", name, strerror(errno));
		rc = -1;
	}
	return rc;
}

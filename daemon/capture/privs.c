/* privs.c: drop user, groups and all capabilities, then prove they are gone */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "log.h"
#include "capture/privs.h"

int privs_lookup(const char *user, const char *group, uid_t *uid, gid_t *gid)
{
	struct passwd *pw = getpwnam(user);
	struct group *gr = getgrnam(group);

	if (!pw) {
		log_err("user '%s' does not exist (create it, e.g. with systemd-sysusers, or set user =)",
			user);
		return -1;
	}
	if (!gr) {
		log_err("group '%s' does not exist (create it, or set group =)", group);
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = gr->gr_gid;
	return 0;
}

static int last_cap(void)
{
	FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "r");
	int n = CAP_LAST_CAP;

	if (f) {
		if (fscanf(f, "%d", &n) != 1)
			n = CAP_LAST_CAP;
		fclose(f);
	}
	return n;
}

static int caps_clear(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	memset(data, 0, sizeof(data));
	return (int)syscall(SYS_capset, &hdr, data);
}

static int caps_empty(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[2];

	if (syscall(SYS_capget, &hdr, data) < 0)
		return 0;
	for (int i = 0; i < 2; i++)
		if (data[i].effective || data[i].permitted || data[i].inheritable)
			return 0;
	return 1;
}

int privs_drop(uid_t uid, gid_t gid)
{
	int root = geteuid() == 0;
	int ncap = last_cap();

	if (root) {
		if (setgroups(0, NULL) < 0 || setresgid(gid, gid, gid) < 0) {
			log_err("cannot switch to group %u: %s", (unsigned)gid, strerror(errno));
			return -1;
		}
	}
	/* The bounding set needs CAP_SETPCAP, so it goes before the user switch. */
	for (int c = 0; c <= ncap; c++)
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL && root) {
			log_err("cannot drop capability %d from the bounding set: %s", c,
				strerror(errno));
			return -1;
		}
	if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL) {
		log_err("cannot clear ambient capabilities: %s", strerror(errno));
		return -1;
	}
	if (root) {
		if (prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) < 0 || setresuid(uid, uid, uid) < 0) {
			log_err("cannot switch to user %u: %s", (unsigned)uid, strerror(errno));
			return -1;
		}
	}
	if (caps_clear() < 0) {
		log_err("cannot clear capabilities: %s", strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		log_err("cannot set no_new_privs: %s", strerror(errno));
		return -1;
	}

	/* Trust nothing: check that the way back is closed. */
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0)) {
		log_err("privileges could be regained after dropping them; refusing to run");
		return -1;
	}
	if (gid != 0 && getegid() == gid && (setgid(0) == 0 || setegid(0) == 0)) {
		log_err("group root could be regained after dropping it; refusing to run");
		return -1;
	}
	if (!caps_empty()) {
		log_err("capabilities remain after dropping them; refusing to run");
		return -1;
	}
	for (int c = 0; c <= ncap; c++) {
		if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, c, 0, 0) == 1) {
			log_err("ambient capability %d remains; refusing to run", c);
			return -1;
		}
		/* Without CAP_SETPCAP (file capabilities only) the bounding set cannot shrink. */
		if (root && prctl(PR_CAPBSET_READ, c, 0, 0, 0) == 1) {
			log_err("capability %d remains in the bounding set; refusing to run", c);
			return -1;
		}
	}
	log_info("running as uid %u gid %u with no capabilities", (unsigned)getuid(),
		 (unsigned)getgid());
	return 0;
}

/* daemon.h: the state of a running pktcapd that the event loop, reload and control server share */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_DAEMON_H
#define PKTCAP_DAEMON_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>

#include <systemd/sd-event.h>

#include "conf.h"
#include "ring.h"

struct ctlsrv;

struct daemon {
	struct conf *conf;
	char *conf_file;
	struct ring **rings;
	size_t nrings;
	sd_event *event;
	struct ctlsrv *ctl;
	uid_t uid;		/* the user the daemon runs as */
	gid_t gid;		/* its group, also the control socket's group */
	int64_t started;	/* CLOCK_REALTIME seconds: when, for people */
	int64_t started_mono;	/* CLOCK_MONOTONIC seconds: for uptime, which a clock step must not change */
	char *storage;		/* storage root in use (a reload cannot move it) */
	char *user;		/* user and group in use: config or -Z */
	char *group;
	int level_override;	/* -l given: a reload keeps that level */
	int user_override;	/* -Z given */
	int storage_override;	/* -w given */
	int socket_override;	/* -S given, or systemd passed the socket: a reload keeps it */
	char *socket_path;	/* the control socket in use (-S or the config's) */
	uint64_t status_usec;	/* when STATUS= was last sent */
	/*
	 * The configuration lock: conf, each ring's conf and the operator group.
	 * The control loop holds it shared for each turn (control_loop_run); a
	 * reload, on the ctl-worker, takes it exclusively only to swap in what
	 * it parsed and compiled beforehand (docs/design.md).
	 */
	pthread_rwlock_t conf_lock;
};

/*
 * Re-reads the configuration file. An invalid file changes nothing and
 * returns -1 with the errors in err. Otherwise filters, rotation, retention
 * and flush settings change in place and 0 is returned; changes that need
 * privileges the daemon gave up are described in note (empty if none).
 * Never on the control loop, which holds conf_lock shared while it runs
 * (the swap would wait for itself): the ctl-worker runs it.
 */
int daemon_reload(struct daemon *d, char *err, size_t errlen, char *note, size_t notelen);
struct ring *daemon_find_ring(struct daemon *d, const char *name);

#endif

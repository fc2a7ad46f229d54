/* pktcapd.c: the capture daemon: start-up in order, the event loop, and a clean shutdown */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>

#include "capture/capctl.h"
#include "capture/capture.h"
#include "conf.h"
#include "capture/confine.h"
#include "control/ctlsrv.h"
#include "control/ctlworker.h"
#include "daemon.h"
#include "evidence/evidence.h"
#include "storage/indexer.h"
#include "capture/linkmon.h"
#include "log.h"
#include "capture/privs.h"
#include "ring.h"
#include "storage/totals.h"

/* Rings over 2 GiB: configure's AC_SYS_LARGEFILE, through config.h included first. */
_Static_assert(sizeof(off_t) == 8, "off_t must be 64 bits: include config.h before any header");

/* How often STATUS= tells systemd what the rings are doing. */
#define STATUS_USEC (5ULL * 1000000)

static void usage(FILE *out)
{
	fprintf(out,
		"Usage: pktcapd [-n] [-t] [-f FILE] [-S SOCKET] [-w DIR] [-Z USER] [-l LEVEL]\n"
		"Capture the configured interfaces into ring-rotated pcap files.\n\n"
		"  -f, --config FILE      configuration file (default %s)\n"
		"  -n, --foreground       stay in the foreground and log to stderr\n"
		"  -t, --check            check the configuration and exit\n"
		"  -S, --socket SOCKET    control socket path instead of the configured one\n"
		"  -w, --storage DIR      store captures under DIR instead of the configured storage\n"
		"  -Z, --user USER        run as USER (and its primary group) instead of the configured ones\n"
		"  -l, --log-level LEVEL  log level: debug, info, notice, warning, error\n"
		"  -V, --version          print the version and exit\n"
		"  -h, --help             print this help and exit\n\n"
		"In the background it logs to syslog; under systemd, to the journal.\n",
		CONF_DEFAULT_FILE);
}

static void send_status(struct daemon *d)
{
	uint64_t packets = 0, dropped = 0, lost = 0;
	size_t waiting = 0;
	char wait_note[64] = "", space[200];

	for (size_t i = 0; i < d->nrings; i++) {
		struct ring *r = d->rings[i];
		struct ring_snapshot st;
		int first_on_iface = 1;

		capture_snapshot(r, &st);
		waiting += st.link.waiting != 0;
		/* The interface's own drops are the same figure on each of its rings. */
		for (size_t k = 0; k < i; k++)
			if (!strcmp(d->rings[k]->iface, r->iface))
				first_on_iface = 0;
		packets += atomic_load(&r->written_packets);
		dropped += st.dropped_kernel + (first_on_iface ? st.dropped_interface : 0) +
			   st.queue_drops;
		lost += atomic_load(&r->lost_packets);
	}
	if (waiting)
		snprintf(wait_note, sizeof(wait_note), ", %zu waiting for their interface", waiting);
	evidence_space_note(d, space, sizeof(space));
	sd_notifyf(0, "STATUS=%zu ring%s, %llu packet%s written, %llu dropped, %llu lost to write errors%s%s%s",
		   d->nrings, d->nrings == 1 ? "" : "s", (unsigned long long)packets,
		   packets == 1 ? "" : "s", (unsigned long long)dropped,
		   (unsigned long long)lost, wait_note, *space ? "; " : "", space);
}

/*
 * The watchdog ping says the daemon works, and its work is capture: it goes
 * out only while the capture loop's heartbeat is fresh, so a capture thread
 * that is stuck gets the service restarted even though this loop turns.
 */
static int on_watchdog(sd_event_source *s, uint64_t usec, void *userdata)
{
	uint64_t *period = userdata, beat = capture_heartbeat(), now, age;
	static int warned;
	struct timespec ts;

	/* Now, not usec (when the timer was due): the beat may be later than that. */
	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
	age = beat && now > beat ? now - beat : 0;
	if (beat && age <= *period / 2) {
		sd_notify(0, "WATCHDOG=1");
		warned = 0;
	} else if (!warned++) {
		log_err("the capture thread has not turned for %llu ms: no watchdog ping",
			(unsigned long long)(age / 1000));
	}
	sd_event_source_set_time(s, usec + *period / 4);
	sd_event_source_set_enabled(s, SD_EVENT_ON);
	return 0;
}

static int on_status(sd_event_source *s, uint64_t usec, void *userdata)
{
	send_status(userdata);
	sd_event_source_set_time(s, usec + STATUS_USEC);
	sd_event_source_set_enabled(s, SD_EVENT_ON);
	return 0;
}

static int on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata)
{
	struct daemon *d = userdata;

	if (si->ssi_signo == SIGHUP) {
		control_reload_async(d);
		return 0;
	}
	log_info("%s: shutting down", strsignal((int)si->ssi_signo));
	sd_notify(0, "STOPPING=1");
	sd_event_exit(d->event, 0);
	return 0;
}

static int setup_rings(struct daemon *d)
{
	struct conf *c = d->conf;
	size_t n = 0;

	for (size_t i = 0; i < c->nifaces; i++)
		n += c->ifaces[i].nprofiles;
	d->rings = calloc(n, sizeof(*d->rings));
	if (!d->rings)
		return -1;
	for (size_t i = 0; i < c->nifaces; i++) {
		struct iface_conf *ic = &c->ifaces[i];

		for (size_t j = 0; j < ic->nprofiles; j++) {
			struct ring *r = ring_new(ic->name, ic->resolved[j]);

			if (!r) {
				log_err("out of memory");
				return -1;
			}
			d->rings[d->nrings++] = r;
			if (capture_open(r, ic->promisc) < 0)
				return -1;
		}
	}
	return 0;
}

/* Blocked before any thread starts, so only the loop's signalfd sees them. */
static void block_signals(void)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* The control loop: signals, the watchdog, STATUS= and the control socket. */
static int setup_loop(struct daemon *d, uint64_t *watchdog_usec)
{
	uint64_t now;

	sd_event_add_signal(d->event, NULL, SIGTERM, on_signal, d);
	sd_event_add_signal(d->event, NULL, SIGINT, on_signal, d);
	sd_event_add_signal(d->event, NULL, SIGHUP, on_signal, d);
	sd_event_now(d->event, CLOCK_MONOTONIC, &now);
	if (sd_watchdog_enabled(0, watchdog_usec) > 0 &&
	    sd_event_add_time(d->event, NULL, CLOCK_MONOTONIC, now + *watchdog_usec / 4, 10000,
			      on_watchdog, watchdog_usec) < 0)
		return -1;
	if (sd_event_add_time(d->event, NULL, CLOCK_MONOTONIC, now + STATUS_USEC, 100000, on_status,
			      d) < 0) {
		log_err("cannot set up the event loop");
		return -1;
	}
	return d->ctl ? ctlsrv_start(d->ctl, d) : 0;
}

/* After the capture thread stopped: its last sample, and the writer's final counts. */
static void report(struct ring *r, const struct ring_snapshot *st)
{
	log_ring(LOG_INFO, r->iface, r->profile,
		 "%llu packet%s captured, %llu written, %llu dropped by kernel, %llu dropped by interface, %llu dropped by writer queue, %llu lost to write errors",
		 (unsigned long long)st->captured, st->captured == 1 ? "" : "s",
		 (unsigned long long)atomic_load(&r->written_packets),
		 (unsigned long long)st->dropped_kernel, (unsigned long long)st->dropped_interface,
		 (unsigned long long)st->queue_drops,
		 (unsigned long long)atomic_load(&r->lost_packets));
}

/* Applies -w, -Z and -l on top of the configuration. */
static int apply_overrides(struct daemon *d, const char *storage, const char *user,
			   const char *level)
{
	/* Copies: a reload frees the configuration these came from. */
	d->storage = strdup(storage ? storage : d->conf->storage);
	d->user = strdup(user ? user : d->conf->user);
	d->group = strdup(d->conf->group);
	if (!d->storage || !d->user || !d->group)
		return -1;
	if (storage && storage[0] != '/') {
		char *abs = realpath(storage, NULL);

		if (!abs) {
			char cwd[4096];

			while (storage[0] == '.' && storage[1] == '/')
				storage += 2;
			if (!getcwd(cwd, sizeof(cwd)) || asprintf(&abs, "%s/%s", cwd, storage) < 0)
				return -1;
		}
		free(d->storage);
		d->storage = abs;
	}
	d->storage_override = storage != NULL;
	d->user_override = user != NULL;
	if (user) {
		struct passwd *pw = getpwnam(user);
		struct group *gr = pw ? getgrgid(pw->pw_gid) : NULL;

		if (!pw || !gr) {
			fprintf(stderr, "pktcapd: -Z %s: no such user\n", user);
			return -1;
		}
		free(d->group);
		d->group = strdup(gr->gr_name);
		if (!d->group)
			return -1;
	}
	if (level) {
		int l = log_level_parse(level);

		if (l < 0) {
			fprintf(stderr, "pktcapd: -l %s: unknown log level\n", level);
			return -1;
		}
		d->conf->log_level = l;
		d->level_override = 1;
	}
	return 0;
}

/*
 * -w DIR keeps a trial run under DIR: the state directory (the evidence key)
 * goes there too, and the control socket into DIR/run/ (a directory of its
 * own, since ctlsrv gives the socket's directory to root), unless the
 * configuration names them or -S is given.
 */
static int storage_paths(struct daemon *d, const char **sock, char *buf, size_t len)
{
	if (!d->storage_override)
		return 0;
	if (!d->conf->state_dir_set) {
		char *s = strdup(d->storage);

		if (!s)
			return -1;
		free(d->conf->state_dir);
		d->conf->state_dir = s;
	}
	if (!*sock && !d->conf->socket_set) {
		if ((size_t)snprintf(buf, len, "%s/run/pktcapd.sock", d->storage) >= len) {
			fprintf(stderr, "pktcapd: -w %s: %s/run/pktcapd.sock is too long for a socket: give one with -S\n",
				d->storage, d->storage);
			return -1;
		}
		*sock = buf;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'f' },
		{ "foreground", no_argument, NULL, 'n' },
		{ "check", no_argument, NULL, 't' },
		{ "socket", required_argument, NULL, 'S' },
		{ "storage", required_argument, NULL, 'w' },
		{ "user", required_argument, NULL, 'Z' },
		{ "log-level", required_argument, NULL, 'l' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *storage = NULL, *user = NULL, *level = NULL, *sock = NULL;
	int foreground = 0, check = 0, c, rc = 1;
	struct daemon d = { .conf_file = CONF_DEFAULT_FILE };
	char err[1024], *conf_abs = NULL, sockbuf[108];
	int linkfd = -1;
	uint64_t watchdog_usec = 0;

	while ((c = getopt_long(argc, argv, "f:ntS:w:Z:l:Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': d.conf_file = optarg; break;
		case 'n': foreground = 1; break;
		case 't': check = 1; break;
		case 'S': sock = optarg; break;
		case 'w': storage = optarg; break;
		case 'Z': user = optarg; break;
		case 'l': level = optarg; break;
		case 'V': printf("pktcapd %s\n", PACKAGE_VERSION); return 0;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc) {
		/* pktcapd takes no operands: a file meant for -f is the usual slip. */
		fprintf(stderr, "pktcapd: unexpected argument '%s'%s (see pktcapd --help)\n",
			argv[optind], argv[optind][0] == '/' || strchr(argv[optind], '.') ?
			"; a configuration file is given with -f" : "");
		return 2;
	}
	log_init("pktcapd", LOG_TO_STDERR, LOG_INFO);
	/* An absolute path: reload must find the file after daemon() changed to /. */
	conf_abs = realpath(d.conf_file, NULL);
	if (conf_abs)
		d.conf_file = conf_abs;

	/* 1. The configuration. */
	if (conf_load(d.conf_file, &d.conf, err, sizeof(err)) < 0) {
		fprintf(stderr, "pktcapd: %s\n", err);
		goto out;
	}
	if (apply_overrides(&d, storage, user, level) < 0 ||
	    storage_paths(&d, &sock, sockbuf, sizeof(sockbuf)) < 0)
		goto out;
	log_set_level(d.conf->log_level);
	if (geteuid() == 0) {
		if (privs_lookup(d.user, d.group, &d.uid, &d.gid) < 0)
			goto out;
	} else {
		d.uid = getuid();
		d.gid = getgid();
	}
	/* Allowed, for a quick test, but every parser bug would then run as root. */
	if (d.uid == 0)
		log_warn("%s: user = %s: the daemon keeps running as root after start-up; use an unprivileged user such as pktcap",
			 d.conf_file, d.user);
	/* Here too, so that -t reports it. */
	if (*d.conf->operator_group && !getgrnam(d.conf->operator_group)) {
		log_err("operator-group '%s' does not exist (create it, or leave operator-group out)",
			d.conf->operator_group);
		goto out;
	}
	if (check) {
		printf("%s: configuration OK (%zu profile%s, %zu interface%s)\n", d.conf_file,
		       d.conf->nprofiles, d.conf->nprofiles == 1 ? "" : "s", d.conf->nifaces,
		       d.conf->nifaces == 1 ? "" : "s");
		rc = 0;
		goto out;
	}
	if (!foreground && log_stderr_is_journal())
		log_init("pktcapd", LOG_TO_JOURNAL, d.conf->log_level);

	/* 2. While privileged: capture handles, storage directories, the control socket. */
	if (setup_rings(&d) < 0)
		goto out;
	/* Reload compiles filters beside capture, on a handle of its own. */
	capture_compiler_open();
	/* Needs no privilege, but whatever confines the daemon later need not allow a socket(). */
	linkfd = linkmon_open();
	for (size_t i = 0; i < d.nrings; i++)
		if (storage_prepare(d.rings[i], d.storage, geteuid() == 0 ? d.uid : (uid_t)-1,
				    geteuid() == 0 ? d.gid : (gid_t)-1) < 0)
			goto out;
	/* The evidence key and directory: made here, owned by the daemon's user. */
	if (evidence_init(&d, d.conf->state_dir) < 0)
		log_err("evidence holds are off: preserve, export signatures and key will fail until this is fixed and pktcapd restarted");
	d.socket_path = strdup(sock ? sock : d.conf->socket);
	d.socket_override = sock || sd_listen_fds(0) > 0;
	d.ctl = ctlsrv_open(sock ? sock : d.conf->socket, d.uid, d.gid, d.conf->operator_group);
	if (!d.ctl)
		goto out;

	/* 3. Privileges go, for good, before any thread exists. */
	if (privs_drop(d.uid, d.gid) < 0)
		goto out;
	for (size_t i = 0; i < d.nrings; i++)
		if (storage_adopt(d.rings[i]) < 0 || totals_open(d.rings[i]) < 0)
			goto out;
	evidence_adopt(&d);
	if (!foreground && !getenv("NOTIFY_SOCKET")) {
		if (daemon(0, 0) < 0) {
			log_err("cannot go to the background: %s", strerror(errno));
			goto out;
		}
		/* Not under systemd, and stderr is now /dev/null: syslog, opened before seccomp. */
		log_init("pktcapd", LOG_TO_SYSLOG, d.conf->log_level);
	}
	block_signals();
	/* After daemon()'s fork, before the first thread: nothing runs unfiltered. */
	if (confine_install() < 0)
		goto out;
	for (size_t i = 0; i < d.nrings; i++)
		if (writer_start(d.rings[i]) < 0)
			goto out;

	/* Old files are adopted, repaired and indexed beside capture, never in its way. */
	if (indexer_start() < 0)
		goto out;

	/* 4. The loop. */
	d.started = (int64_t)time(NULL);
	{
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		d.started_mono = ts.tv_sec;
	}
	/* Capture gets a thread and loop of its own; this one is the control loop. */
	if (capture_start(&d, linkfd) < 0)
		goto out;
	if (sd_event_default(&d.event) < 0 || setup_loop(&d, &watchdog_usec) < 0)
		goto out;
	sd_notifyf(0, "READY=1\nSTATUS=capturing %zu ring%s", d.nrings, d.nrings == 1 ? "" : "s");
	log_notice("pktcapd %s capturing %zu ring%s into %s", PACKAGE_VERSION, d.nrings,
		   d.nrings == 1 ? "" : "s", d.storage);
	rc = control_loop_run(&d) < 0 ? 1 : 0;
out:
	/*
	 * The indexer first: it may be half-way through a big file, and under
	 * a CPU quota the steps below took longer than the rest of that file
	 * (adopt-hash.sh saw a 64 MiB file finished after the signal).
	 */
	indexer_request_stop();
	/* Drains the kernel and hands each ring's last buffer, with its close, to the writer. */
	capture_stop();
	ctlsrv_close(d.ctl);
	evidence_exit();
	indexer_stop();
	for (size_t i = 0; i < d.nrings; i++) {
		struct ring_snapshot st;

		writer_stop(d.rings[i]);
		/* After the writer: its last file's packets and bytes are counted. */
		capture_snapshot(d.rings[i], &st);
		totals_save(d.rings[i], 0, &st);
		if (d.event)
			report(d.rings[i], &st);
		capture_close(d.rings[i]);
		ring_free(d.rings[i]);
	}
	if (linkfd >= 0)
		close(linkfd);
	capture_compiler_close();
	free(d.rings);
	totals_close();
	sd_event_unref(d.event);
	free(d.user);
	free(d.group);
	free(d.socket_path);
	free(d.storage);
	conf_free(d.conf);
	free(conf_abs);
	return rc;
}

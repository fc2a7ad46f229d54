/* reload.c: apply a new configuration in place, or keep the old one and say why */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture/capctl.h"
#include "control/ctlsrv.h"
#include "daemon.h"
#include "log.h"

struct ring *daemon_find_ring(struct daemon *d, const char *name)
{
	for (size_t i = 0; i < d->nrings; i++)
		if (!strcmp(d->rings[i]->name, name))
			return d->rings[i];
	return NULL;
}

static void append(char *note, size_t len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void append(char *note, size_t len, const char *fmt, ...)
{
	size_t used = strlen(note);
	va_list ap;

	if (used && used + 2 < len)
		strcat(note, "; ");
	used = strlen(note);
	va_start(ap, fmt);
	if (used < len)
		vsnprintf(note + used, len - used, fmt, ap);
	va_end(ap);
}

/* Finds the (interface, profile) of ring r in the new configuration. */
static const struct profile_conf *find_in(const struct conf *c, const struct ring *r)
{
	for (size_t i = 0; i < c->nifaces; i++) {
		if (strcmp(c->ifaces[i].name, r->iface))
			continue;
		for (size_t j = 0; j < c->ifaces[i].nprofiles; j++)
			if (!strcmp(c->ifaces[i].profiles[j], r->profile))
				return c->ifaces[i].resolved[j];
	}
	return NULL;
}

/*
 * Every filter must compile before anything changes. This runs on the
 * thread that asked for the reload, never the capture thread, and conf_load
 * has already refused any filter past the bound (CONF_FILTER_MAX_TERMS), so
 * each compile takes well under a second.
 */
static int compile_all(struct daemon *d, const struct conf *nc, struct bpf_program *progs,
		       char *err, size_t errlen)
{
	char why[PCAP_ERRBUF_SIZE];

	for (size_t i = 0; i < d->nrings; i++) {
		const struct profile_conf *p = find_in(nc, d->rings[i]);

		memset(&progs[i], 0, sizeof(progs[i]));
		if (!p)
			continue;
		if (capture_compile_for(d->rings[i], p->filter, &progs[i], why, sizeof(why)) < 0) {
			snprintf(err, errlen,
				 "%s: profile '%s': filter \"%.100s%s\" does not compile for %s: %s",
				 nc->file, p->name, p->filter, strlen(p->filter) > 100 ? "..." : "",
				 d->rings[i]->iface, why);
			for (size_t k = 0; k < i; k++)
				pcap_freecode(&progs[k]);
			return -1;
		}
	}
	return 0;
}

static void update_ring(struct ring *r, const struct profile_conf *p, struct bpf_program *prog,
			char *note, size_t notelen)
{
	const char *name = r->name;

	/* The capture thread sets the filter and swaps the settings; prog is its now. */
	if (capture_apply(r, p, prog) < 0)
		append(note, notelen, "%s: cannot set the new filter", name);
	if (p->snaplen != r->conf.snaplen || p->buffer_size != r->conf.buffer_size ||
	    p->nanosecond != r->conf.nanosecond || p->write_queue != r->conf.write_queue)
		append(note, notelen,
		       "%s: snaplen, buffer-size, timestamp-precision and write-queue change at restart",
		       name);
}

/* SIGHUP on the control loop and a reload request on a worker may come at once. */
static pthread_mutex_t reload_lock = PTHREAD_MUTEX_INITIALIZER;

static int reload(struct daemon *d, char *err, size_t errlen, char *note, size_t notelen);

int daemon_reload(struct daemon *d, char *err, size_t errlen, char *note, size_t notelen)
{
	int rc;

	pthread_mutex_lock(&reload_lock);
	rc = reload(d, err, errlen, note, notelen);
	pthread_mutex_unlock(&reload_lock);
	return rc;
}

static int reload(struct daemon *d, char *err, size_t errlen, char *note, size_t notelen)
{
	struct bpf_program *progs;
	struct conf *nc;

	note[0] = 0;
	if (conf_load(d->conf_file, &nc, err, errlen) < 0) {
		log_err("reload: %s; still running on the previous configuration", err);
		return -1;
	}
	progs = calloc(d->nrings + 1, sizeof(*progs));
	if (!progs || compile_all(d, nc, progs, err, errlen) < 0) {
		if (!progs)
			snprintf(err, errlen, "out of memory");
		log_err("reload: %s; still running on the previous configuration", err);
		free(progs);
		conf_free(nc);
		return -1;
	}
	/* Parsed and compiled off the loop: only the swap excludes it (daemon.h). */
	pthread_rwlock_wrlock(&d->conf_lock);
	for (size_t i = 0; i < d->nrings; i++) {
		const struct profile_conf *p = find_in(nc, d->rings[i]);

		if (p)
			update_ring(d->rings[i], p, &progs[i], note, notelen);
		else
			append(note, notelen, "%s/%s is no longer configured: it stops at restart",
			       d->rings[i]->iface, d->rings[i]->profile);
	}
	free(progs);
	for (size_t i = 0; i < nc->nifaces; i++)
		for (size_t j = 0; j < nc->ifaces[i].nprofiles; j++) {
			char name[300];

			snprintf(name, sizeof(name), "%s/%s", nc->ifaces[i].name,
				 nc->ifaces[i].profiles[j]);
			if (!daemon_find_ring(d, name))
				append(note, notelen,
				       "%s is new: opening a capture needs privileges pktcapd gave up, so it starts at restart",
				       name);
		}
	for (size_t i = 0; i < nc->nifaces; i++)
		for (size_t k = 0; k < d->conf->nifaces; k++)
			if (!strcmp(nc->ifaces[i].name, d->conf->ifaces[k].name) &&
			    nc->ifaces[i].promisc != d->conf->ifaces[k].promisc)
				append(note, notelen, "%s: promisc changes at restart",
				       nc->ifaces[i].name);
	/* Against what runs now, so the note stays until a restart applies it. */
	if (!d->user_override && (strcmp(nc->user, d->user) || strcmp(nc->group, d->group)))
		append(note, notelen, "user and group change at restart");
	if (!d->storage_override && strcmp(nc->storage, d->storage))
		append(note, notelen, "storage changes at restart");
	/* -S, or a socket from pktcapd.socket, is kept at restart whatever the file says. */
	if (d->socket_path && !d->socket_override && strcmp(nc->socket, d->socket_path))
		append(note, notelen, "socket changes at restart");
	if (ctlsrv_set_operators(d->ctl, nc->operator_group) < 0)
		append(note, notelen, "operator-group '%s' not found by the file-based name services a confined pktcapd can ask (one from sssd, LDAP or nscd applies at restart): operators stay as they were",
		       nc->operator_group);
	if (!d->level_override)
		log_set_level(nc->log_level);
	conf_free(d->conf);
	d->conf = nc;
	pthread_rwlock_unlock(&d->conf_lock);
	log_notice("reloaded %s%s%s", d->conf_file, *note ? "; needs a restart: " : "", note);
	return 0;
}

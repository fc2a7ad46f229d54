/* ctlfilter.c: a client's filter compiled off the control loop: libpcap may look up host names, which can take seconds */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "control/ctlfilter.h"

/*
 * A host name in a filter is resolved by pcap_compile (getaddrinfo), and
 * a resolver that does not answer holds the caller for as long as its
 * time-outs last. The ctl-worker compiles first (ctlsrv hands it every
 * dump with a filter) and leaves the program here; the dump, on the
 * control loop, takes it. Kept programs are few and used once.
 */
#define KEPT 16

struct kept {
	char *filter;
	int linktype, snaplen;
	int ok;
	struct bpf_program prog;
	char err[PCAP_ERRBUF_SIZE];
	uint64_t age;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct kept kept[KEPT];
static uint64_t ticks;

static int compile(const char *filter, int linktype, int snaplen, struct bpf_program *prog,
		   char *err, size_t errlen)
{
	pcap_t *dead = pcap_open_dead(linktype, snaplen ? snaplen : 262144);
	int rc = 0;

	if (!dead) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (pcap_compile(dead, prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		snprintf(err, errlen, "%s", pcap_geterr(dead));
		rc = -1;
	}
	pcap_close(dead);
	return rc;
}

static void drop(struct kept *k)
{
	if (k->ok)
		pcap_freecode(&k->prog);
	free(k->filter);
	memset(k, 0, sizeof(*k));
}

void ctlfilter_prepare(const char *filter, int linktype, int snaplen)
{
	struct kept k = { .linktype = linktype, .snaplen = snaplen };
	size_t i, old = 0;

	k.filter = strdup(filter);
	if (!k.filter)
		return;
	k.ok = compile(filter, linktype, snaplen, &k.prog, k.err, sizeof(k.err)) == 0;
	pthread_mutex_lock(&lock);
	for (i = 0; i < KEPT && kept[i].filter; i++)
		if (kept[i].age < kept[old].age)
			old = i;
	if (i == KEPT) {
		i = old;
		drop(&kept[i]);
	}
	k.age = ++ticks;
	kept[i] = k;
	pthread_mutex_unlock(&lock);
}

/* Takes the kept program for these arguments out of the table; -1 if there is none. */
static int take(const char *filter, int linktype, int snaplen, struct kept *out)
{
	int rc = -1;

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < KEPT; i++) {
		struct kept *k = &kept[i];

		if (k->filter && k->linktype == linktype && k->snaplen == snaplen &&
		    !strcmp(k->filter, filter)) {
			*out = *k;
			memset(k, 0, sizeof(*k));
			rc = 0;
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return rc;
}

int ctlfilter_compile(const char *filter, int linktype, int snaplen, struct bpf_program *prog,
		      char *err, size_t errlen)
{
	struct kept k;

	if (take(filter, linktype, snaplen, &k) < 0)
		return compile(filter, linktype, snaplen, prog, err, errlen);
	if (k.ok)
		*prog = k.prog;
	else
		snprintf(err, errlen, "%s", k.err);
	free(k.filter);
	return k.ok ? 0 : -1;
}

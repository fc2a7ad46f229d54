/* conf.h: pktcapd's configuration: global settings, capture profiles and interfaces */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CONF_H
#define PKTCAP_CONF_H

#include <stddef.h>
#include <stdint.h>

#define CONF_DEFAULT_FILE SYSCONFDIR "/pktcapd.conf"

/* Upper limits beyond which start-up would fail rather than the check. */
#define CONF_BUFFER_SIZE_MAX (2047ULL << 20)
#define CONF_WRITE_QUEUE_MAX (1ULL << 30)
/* Taken only while a burst needs it; beyond this it is a typo. */
#define CONF_QUEUE_SIZE_MAX (1ULL << 40)
/* A configuration file is text of a few KiB; anything this big is a mistake. */
#define CONF_FILE_MAX (1 << 20)
/*
 * A filter's bound: libpcap's optimizer needs time and memory that grow much
 * faster than the filter (udp plus 1,000 "or port 1": 4.7 s and 391 MB; see
 * docs/design.md), and start-up and reload run it. One bound, checked by
 * conf_load, so that pktcapd -t refuses exactly what a reload refuses.
 */
#define CONF_FILTER_MAX_LEN 8192
#define CONF_FILTER_MAX_TERMS 256

enum compress { COMPRESS_NONE, COMPRESS_GZIP };

/* A named capture policy; every limit of 0 means "no limit". */
struct profile_conf {
	char *name;
	char *filter;		/* BPF expression, "" captures everything */
	int snaplen;
	uint64_t buffer_size;	/* kernel capture buffer */
	uint64_t rotate_size;
	uint64_t rotate_interval_ms;
	uint64_t rotate_packets;
	uint64_t keep_files;
	uint64_t keep_bytes;
	uint64_t keep_age_ms;
	uint64_t min_free;
	/* Upper limits beyond which start-up would fail rather than the check. */
#define CONF_BUFFER_SIZE_MAX (2047ULL << 20)
#define CONF_WRITE_QUEUE_MAX (1ULL << 30)
/* A configuration file is text of a few KiB; anything this big is a mistake. */
#define CONF_FILE_MAX (1 << 20)

enum compress compress;
	int compress_level;
	uint64_t flush_ms;
	int nanosecond;		/* nanosecond timestamps in the files */
	uint64_t write_queue;	/* bytes of buffers between capture and writer */
	uint64_t queue_size;	/* what the queue may grow to in a burst; >= write_queue */
	int queue_reserve;	/* queue-size's memory taken at start-up and kept */
	int line;
};

struct iface_conf {
	char *name;
	int promisc;
	char **profiles;	/* names, each resolved to a profile_conf */
	struct profile_conf **resolved;
	size_t nprofiles;
	int line;
};

struct conf {
	char *file;
	char *user;
	char *group;
	char *operator_group;	/* may also rotate, reload, reindex; "" = none */
	char *storage;
	char *socket;
	char *state_dir;		/* the evidence key (evidence.c) */
	int socket_set, state_dir_set;	/* given in the file, not defaults: -w keeps them */
	int log_level;
	struct profile_conf *profiles;
	size_t nprofiles;
	struct iface_conf *ifaces;
	size_t nifaces;
};

/*
 * Parses and validates FILE. On error returns -1 and leaves a message of the
 * form "file:line: what is wrong" in err; nothing is allocated then.
 */
int conf_load(const char *file, struct conf **out, char *err, size_t errlen);
/* The same for a configuration held in memory, TEXT[LEN] == 0; FILE names it in messages. */
int conf_load_text(const char *file, const char *text, size_t len, struct conf **out, char *err,
		   size_t errlen);
void conf_free(struct conf *conf);
struct profile_conf *conf_profile(const struct conf *conf, const char *name);
/* What FILTER costs the optimizer, in terms (primitives, a portrange counting 4). */
unsigned conf_filter_terms(const char *filter);

#endif

/* totals.c: per-ring counters that never wrap and survive restarts: since the ring was created */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "ring.h"
#include "storage/totals.h"

/* What one ring counts; the saved file holds one "name value" line per field. */
enum { T_RECEIVED, T_CAPTURED, T_WRITTEN, T_BYTES_CAPTURED, T_BYTES_WRITTEN, T_DROP_KERNEL,
       T_DROP_IFACE, T_DROP_QUEUE, T_LOST_WRITE, T_STALLS, T_FILES_CLOSED, T_GZIP_CHUNKS,
       T_COUNT };

static const char *const names[T_COUNT] = {
	"packets_received", "packets_captured", "packets_written", "bytes_captured",
	"bytes_written", "dropped_kernel", "dropped_interface", "dropped_queue", "lost_write",
	"writer_stalls", "files_closed", "gzip_chunks",
};

struct slot {
	const struct ring *r;
	uint64_t base[T_COUNT];	/* saved by earlier runs */
	int64_t created;	/* seconds since the epoch */
	time_t saved;		/* the capture thread's (and shutdown's, after it) */
};

static struct slot *slots;
static size_t nslots;

static struct slot *find(const struct ring *r)
{
	for (size_t i = 0; i < nslots; i++)
		if (slots[i].r == r)
			return &slots[i];
	return NULL;
}

/* This run's figures, in the order of names[]. */
static void current(struct ring *r, const struct ring_snapshot *snap, uint64_t now[T_COUNT])
{
	now[T_RECEIVED] = snap->received;
	now[T_CAPTURED] = snap->captured;
	now[T_WRITTEN] = atomic_load(&r->written_packets);
	now[T_BYTES_CAPTURED] = atomic_load(&r->written_raw);
	now[T_BYTES_WRITTEN] = atomic_load(&r->written_bytes);
	now[T_DROP_KERNEL] = snap->dropped_kernel;
	now[T_DROP_IFACE] = snap->dropped_interface;
	now[T_DROP_QUEUE] = snap->queue_drops;
	now[T_LOST_WRITE] = atomic_load(&r->lost_packets);
	now[T_STALLS] = snap->stalls;
	now[T_FILES_CLOSED] = atomic_load(&r->rotations);
	now[T_GZIP_CHUNKS] = atomic_load(&r->gzip_chunks);
}

int totals_open(struct ring *r)
{
	struct slot *ns = realloc(slots, (nslots + 1) * sizeof(*slots)), *s;
	char line[128], name[64];
	unsigned long long v;
	FILE *f;
	int fd;

	if (!ns)
		return -1;
	slots = ns;
	s = &slots[nslots++];
	memset(s, 0, sizeof(*s));
	s->r = r;
	s->created = (int64_t)time(NULL);
	s->saved = time(NULL);
	fd = openat(r->dirfd, TOTALS_FILE, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			log_ring(LOG_WARNING, r->iface, r->profile, "cannot read %s: %s; totals start again",
				 TOTALS_FILE, strerror(errno));
		return 0;
	}
	f = fdopen(fd, "r");
	if (!f) {
		close(fd);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %llu", name, &v) != 2)
			continue;
		if (!strcmp(name, "created"))
			s->created = (int64_t)v;
		for (int i = 0; i < T_COUNT; i++)
			if (!strcmp(name, names[i]))
				s->base[i] = v;
	}
	fclose(f);
	return 0;
}

void totals_widen(uint64_t *wide, unsigned int *last, unsigned int raw)
{
	/* Unsigned 32-bit subtraction: a counter that wrapped once still gives its delta. */
	*wide += (unsigned int)(raw - *last);
	*last = raw;
}

void totals_status(struct ring *r, const struct ring_snapshot *snap, json_t *j)
{
	struct slot *s = find(r);
	uint64_t now[T_COUNT];
	struct tm tm;
	char when[32];
	time_t c;
	json_t *t;

	if (!s)
		return;
	current(r, snap, now);
	c = (time_t)s->created;
	gmtime_r(&c, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	t = json_pack("{s:s, s:I}", "since", when, "since_epoch", (json_int_t)s->created);
	for (int i = 0; t && i < T_COUNT; i++)
		json_object_set_new(t, names[i], json_integer((json_int_t)(s->base[i] + now[i])));
	if (t)
		json_object_set_new(j, "total", t);
}

int totals_save(struct ring *r, int interval_s, const struct ring_snapshot *snap)
{
	struct slot *s = find(r);
	uint64_t now[T_COUNT];
	char buf[1024], tmp[64];
	size_t off;
	int fd, rc = -1;

	if (!s || (interval_s && time(NULL) - s->saved < interval_s))
		return 0;
	s->saved = time(NULL);
	current(r, snap, now);
	off = (size_t)snprintf(buf, sizeof(buf), "# pktcapd: this ring's counters since it was created\ncreated %" PRId64 "\n",
			       s->created);
	for (int i = 0; i < T_COUNT && off < sizeof(buf); i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%s %" PRIu64 "\n", names[i],
					s->base[i] + now[i]);
	snprintf(tmp, sizeof(tmp), ".%s.new", TOTALS_FILE);
	fd = openat(r->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
	if (fd < 0)
		goto out;
	if (write(fd, buf, off) != (ssize_t)off) {
		close(fd);
		goto out;
	}
	close(fd);
	rc = renameat(r->dirfd, tmp, r->dirfd, TOTALS_FILE);
out:
	if (rc < 0)
		log_ring(LOG_WARNING, r->iface, r->profile, "cannot save %s: %s", TOTALS_FILE,
			 strerror(errno));
	return rc;
}

void totals_close(void)
{
	free(slots);
	slots = NULL;
	nslots = 0;
}

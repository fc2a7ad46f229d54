/* evexport.c: a case's held packets as one pcap stream, merged in time order across its rings */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "control/evexport.h"
#include "evidence/evidence.h"
#include "evidence/evmanifest.h"
#include "log.h"
#include "pcapfile.h"

/* Work per call, as for a ring's dump: the loop never waits long. */
#define READ_BUDGET (1024 * 1024)

/* One ring of the case: its held files in order, and the record at hand. */
struct cursor {
	char ring[160];
	char **names;
	size_t nnames, next;
	int fd;
	struct pcapfile *pf;
	int nano;
	struct pcapfile_rec rec;
	int have;		/* rec holds the next record of this ring */
};

struct evexport {
	int casefd;
	int64_t since, until;
	struct cursor *c;
	size_t nc;
	int sent_header, out_nano;
	uint32_t linktype;
	uint64_t packets;
	json_t *damage;
	char case_id[PROTO_CASE_MAX + 1];
};

static int add_file(struct evexport *x, const char *ring, const char *name)
{
	struct cursor *c = NULL;
	char **n;

	for (size_t i = 0; i < x->nc; i++)
		if (!strcmp(x->c[i].ring, ring))
			c = &x->c[i];
	if (!c) {
		c = realloc(x->c, (x->nc + 1) * sizeof(*c));
		if (!c)
			return -1;
		x->c = c;
		c = &x->c[x->nc++];
		memset(c, 0, sizeof(*c));
		c->fd = -1;
		snprintf(c->ring, sizeof(c->ring), "%s", ring);
	}
	n = realloc(c->names, (c->nnames + 1) * sizeof(*n));
	if (!n)
		return -1;
	c->names = n;
	c->names[c->nnames] = strdup(name);
	return c->names[c->nnames++] ? 0 : -1;
}

static int cmp_name(const void *a, const void *b)
{
	/* "IFACE-PROFILE-TIME-SEQ": within a ring, name order is time order. */
	return strcmp(*(char *const *)a, *(char *const *)b);
}

struct evexport *evexport_new(const struct proto_request *req, char *err, size_t errlen)
{
	struct evexport *x = calloc(1, sizeof(*x));
	struct evm m = { 0 };
	size_t from = 0;

	if (!x || !(x->damage = json_array())) {
		free(x);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	x->casefd = -1;
	snprintf(x->case_id, sizeof(x->case_id), "%s", req->case_id);
	x->since = req->since;
	x->until = req->until;
	x->casefd = evidence_open_case(req->case_id);
	if (x->casefd < 0) {
		snprintf(err, errlen, "no case \"%s\" (pktctl cases lists them)", req->case_id);
		goto fail;
	}
	if (evm_read(x->casefd, &m) < 0) {
		snprintf(err, errlen, "case %s: cannot read its manifest: %s", req->case_id,
			 strerror(errno));
		goto fail;
	}
	for (size_t i = 0; i < m.n; i++)
		if (!strcmp(m.e[i].type, "release"))
			from = i + 1;
	for (size_t i = from; i < m.n; i++) {
		const char *name = evm_get(&m.e[i], "file"), *ring = evm_get(&m.e[i], "ring");

		if (strcmp(m.e[i].type, "file") || !name || !ring || strchr(name, '/'))
			continue;
		if (add_file(x, ring, name) < 0) {
			snprintf(err, errlen, "out of memory");
			goto fail;
		}
	}
	evm_free(&m);
	if (!x->nc) {
		snprintf(err, errlen, "case %s holds no files (released?)", req->case_id);
		goto fail;
	}
	for (size_t i = 0; i < x->nc; i++)
		qsort(x->c[i].names, x->c[i].nnames, sizeof(char *), cmp_name);
	return x;
fail:
	evm_free(&m);
	evexport_free(x);
	return NULL;
}

static void close_cursor(struct cursor *c)
{
	pcapfile_close(c->pf);
	c->pf = NULL;
	if (c->fd >= 0)
		close(c->fd);
	c->fd = -1;
}

static void damaged(struct evexport *x, const char *why)
{
	json_array_append_new(x->damage, json_string(why));
	log_case(LOG_WARNING, x->case_id, NULL, "export: %s", why);
}

/* Moves c to its ring's next record in the window; c->have = 0 at the end. */
static void advance(struct evexport *x, struct cursor *c)
{
	char err[512];

	c->have = 0;
	for (;;) {
		int rc, dmg = 0;

		if (!c->pf) {
			if (c->next >= c->nnames)
				return;
			c->fd = pcapfile_openat(x->casefd, c->names[c->next], O_RDONLY);
			if (c->fd < 0) {
				snprintf(err, sizeof(err), "%s: %s", c->names[c->next], strerror(errno));
				damaged(x, err);
				c->next++;
				continue;
			}
			c->pf = pcapfile_open(c->fd, c->names[c->next], 0, err, sizeof(err), &dmg);
			c->next++;
			if (!c->pf) {
				damaged(x, err);
				close_cursor(c);
				continue;
			}
			c->nano = pcapfile_info(c->pf)->nano;
			if (!x->sent_header && !x->linktype)
				x->linktype = pcapfile_info(c->pf)->linktype;
			if (pcapfile_info(c->pf)->linktype != x->linktype) {
				snprintf(err, sizeof(err),
					 "%s: link type %u differs from the export's %u: left out (export its ring alone)",
					 c->names[c->next - 1], pcapfile_info(c->pf)->linktype,
					 x->linktype);
				damaged(x, err);
				close_cursor(c);
				continue;
			}
		}
		rc = pcapfile_next(c->pf, &c->rec);
		if (rc == PCAPFILE_OK) {
			if (x->since && c->rec.ns < x->since)
				continue;
			if (x->until && c->rec.ns >= x->until) {
				close_cursor(c);
				c->next = c->nnames;
				return;
			}
			c->have = 1;
			return;
		}
		if (rc != PCAPFILE_END)
			damaged(x, pcapfile_error(c->pf));
		close_cursor(c);
	}
}

int evexport_fill(struct evexport *x, uint8_t *out, size_t max, size_t *len)
{
	size_t budget = READ_BUDGET;

	*len = 0;
	if (!x->sent_header) {
		struct cursor *first = NULL;

		for (size_t i = 0; i < x->nc; i++)
			advance(x, &x->c[i]);
		for (size_t i = 0; i < x->nc; i++)
			if (x->c[i].pf && (!first || x->c[i].rec.ns < first->rec.ns))
				first = &x->c[i];
		if (first) {
			memcpy(out, pcapfile_info(first->pf)->header, PCAP_FILE_HDR_LEN);
			x->out_nano = first->nano;
		} else {
			/* No packet in the window: an empty stream of the usual header. */
			static const uint8_t hdr[PCAP_FILE_HDR_LEN] = {
				0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				0, 0, 4, 0, 1, 0, 0, 0,
			};

			memcpy(out, hdr, sizeof(hdr));
		}
		*len = PCAP_FILE_HDR_LEN;
		x->sent_header = 1;
	}
	while (*len < max && budget) {
		struct cursor *c = NULL;
		uint32_t hdr[4];

		/* The ring whose next record is oldest: time order across rings. */
		for (size_t i = 0; i < x->nc; i++)
			if (x->c[i].have && (!c || x->c[i].rec.ns < c->rec.ns))
				c = &x->c[i];
		if (!c)
			return DUMP_DONE;
		hdr[0] = c->rec.sec;
		hdr[1] = c->rec.frac;
		hdr[2] = c->rec.caplen;
		hdr[3] = c->rec.len;
		if (c->nano != x->out_nano)
			hdr[1] = x->out_nano ? c->rec.frac * 1000 : c->rec.frac / 1000;
		memcpy(out + *len, hdr, PCAP_REC_HDR_LEN);
		memcpy(out + *len + PCAP_REC_HDR_LEN, c->rec.data, c->rec.caplen);
		*len += PCAP_REC_HDR_LEN + c->rec.caplen;
		budget = budget > PCAP_REC_HDR_LEN + c->rec.caplen ?
				 budget - PCAP_REC_HDR_LEN - c->rec.caplen : 0;
		x->packets++;
		advance(x, c);
	}
	return DUMP_MORE;
}

uint64_t evexport_packets(const struct evexport *x)
{
	return x->packets;
}

json_t *evexport_damage(const struct evexport *x)
{
	return json_array_size(x->damage) ? x->damage : NULL;
}

void evexport_free(struct evexport *x)
{
	if (!x)
		return;
	for (size_t i = 0; i < x->nc; i++) {
		close_cursor(&x->c[i]);
		for (size_t k = 0; k < x->c[i].nnames; k++)
			free(x->c[i].names[k]);
		free(x->c[i].names);
	}
	free(x->c);
	if (x->casefd >= 0)
		close(x->casefd);
	json_decref(x->damage);
	free(x);
}

/* pktdedup.c: one packet once: the copies that overlapping rings of one interface stored */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "pktdedup.h"
#include "sha256.h"

void pktdedup_init(struct pktdedup *d)
{
	memset(d, 0, sizeof(*d));
}

static void digest(const uint8_t *data, uint32_t caplen, uint8_t out[32])
{
	struct sha256 s = { 0 };

	/* A failed init leaves a digest no packet has: nothing is dropped. */
	if (sha256_init(&s) < 0) {
		memset(out, 0xff, 32);
		return;
	}
	sha256_update(&s, data, caplen);
	sha256_final(&s, out);
	sha256_free(&s);
}

/* Forgets what is older than the window, and the oldest when it is full. */
static void expire(struct pktdedup *d, int64_t ns)
{
	while (d->n && (d->e[d->head].ns < ns - PKTDEDUP_WINDOW_NS || d->n == PKTDEDUP_MAX)) {
		d->head = (d->head + 1) % PKTDEDUP_MAX;
		d->n--;
	}
}

static void remember(struct pktdedup *d, int iface, int ring, int64_t ns, uint32_t caplen,
		     uint32_t len, const uint8_t h[32])
{
	struct pktdedup_ent *e = &d->e[(d->head + d->n++) % PKTDEDUP_MAX];

	e->ns = ns;
	memcpy(e->digest, h, 32);
	e->caplen = caplen;
	e->len = len;
	e->iface = iface;
	e->ring = ring;
	e->absorbed = 0;
}

int pktdedup_check(struct pktdedup *d, int iface, int ring, int64_t ns, uint32_t caplen,
		   uint32_t len, const uint8_t *data)
{
	uint8_t h[32];

	if (iface < 0 || ring < 0 || ring >= PKTDEDUP_RINGS)
		return 0;
	expire(d, ns);
	digest(data, caplen, h);
	for (size_t i = 0; i < d->n; i++) {
		struct pktdedup_ent *e = &d->e[(d->head + i) % PKTDEDUP_MAX];

		if (e->iface != iface || e->ring == ring || e->caplen != caplen || e->len != len ||
		    (e->absorbed & (1ULL << ring)) || memcmp(e->digest, h, 32))
			continue;
		e->absorbed |= 1ULL << ring;
		d->dropped++;
		return 1;
	}
	remember(d, iface, ring, ns, caplen, len, h);
	return 0;
}

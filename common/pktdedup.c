/* pktdedup.c: one packet once: the copies that overlapping rings of one interface stored */
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

	/* A failed init leaves a digest no other packet has: nothing is dropped. */
	if (sha256_init(&s) < 0) {
		memset(out, 0xff, 32);
		return;
	}
	sha256_update(&s, data, caplen);
	sha256_final(&s, out);
	sha256_free(&s);
}

int pktdedup_check(struct pktdedup *d, int iface, int ring, int64_t ns, uint32_t caplen,
		   uint32_t len, const uint8_t *data)
{
	struct pktdedup_ent *e;
	uint8_t h[32];

	if (iface < 0 || ring < 0 || ring >= PKTDEDUP_RINGS)
		return 0;
	if (ns != d->ns || !d->n) {
		d->ns = ns;
		d->n = 0;
	}
	digest(data, caplen, h);
	for (size_t i = 0; i < d->n; i++) {
		e = &d->e[i];
		if (e->iface != iface || e->ring == ring || e->caplen != caplen || e->len != len ||
		    (e->absorbed & (1ULL << ring)) || memcmp(e->digest, h, 32))
			continue;
		e->absorbed |= 1ULL << ring;
		d->dropped++;
		return 1;
	}
	if (d->n < PKTDEDUP_RUN) {
		e = &d->e[d->n++];
		memcpy(e->digest, h, 32);
		e->caplen = caplen;
		e->len = len;
		e->iface = iface;
		e->ring = ring;
		e->absorbed = 0;
	}
	return 0;
}

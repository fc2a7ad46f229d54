/* pcapng.c: a minimal pcapng writer for dumps that merge hosts: one named interface per host */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <string.h>

#include "pcapng.h"

/*
 * Blocks as the pcapng specification draws them, in host byte order (the
 * section header's byte-order magic tells readers which): type, total
 * length, body padded to 32 bits, total length again.
 */
static void block(FILE *f, uint32_t type, const void *body, uint32_t len)
{
	static const uint8_t pad[4];
	uint32_t padded = (len + 3) & ~3u, total = 12 + padded;

	fwrite(&type, 4, 1, f);
	fwrite(&total, 4, 1, f);
	fwrite(body, 1, len, f);
	fwrite(pad, 1, padded - len, f);
	fwrite(&total, 4, 1, f);
}

static size_t option(uint8_t *p, uint16_t code, const void *val, uint16_t len)
{
	memcpy(p, &code, 2);
	memcpy(p + 2, &len, 2);
	memcpy(p + 4, val, len);
	memset(p + 4 + len, 0, ((len + 3u) & ~3u) - len);
	return 4 + ((len + 3u) & ~3u);
}

void pcapng_write_header(FILE *f, const struct pcapng_if *ifs, int n)
{
	/* Byte-order magic, version 1.0, section length unknown (-1). */
	static const uint8_t shb[16] = { 0x4d, 0x3c, 0x2b, 0x1a, 1, 0, 0, 0,
					 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t nano = 9;	/* if_tsresol: 10^-9 s */

	block(f, 0x0A0D0D0A, shb, sizeof(shb));
	for (int i = 0; i < n; i++) {
		uint8_t idb[8 + 260 + 8 + 4] = { 0 };
		uint16_t lt = (uint16_t)ifs[i].linktype;
		uint32_t snap = (uint32_t)ifs[i].snaplen;
		size_t nl = strlen(ifs[i].name), off = 8;

		if (nl > 255)
			nl = 255;
		memcpy(idb, &lt, 2);
		memcpy(idb + 4, &snap, 4);
		off += option(idb + off, 2, ifs[i].name, (uint16_t)nl);	/* if_name */
		off += option(idb + off, 9, &nano, 1);
		off += 4;	/* opt_endofopt */
		block(f, 1, idb, (uint32_t)off);
	}
}

void pcapng_write_packet(FILE *f, uint32_t ifid, uint64_t ns, const struct pcap_pkthdr *h,
			 const u_char *data)
{
	static const uint8_t pad[4];
	uint32_t hi = (uint32_t)(ns >> 32), lo = (uint32_t)ns, cap = h->caplen, len = h->len;
	uint32_t type = 6, padded = (cap + 3) & ~3u, total = 32 + padded;

	fwrite(&type, 4, 1, f);
	fwrite(&total, 4, 1, f);
	fwrite(&ifid, 4, 1, f);
	fwrite(&hi, 4, 1, f);
	fwrite(&lo, 4, 1, f);
	fwrite(&cap, 4, 1, f);
	fwrite(&len, 4, 1, f);
	fwrite(data, 1, cap, f);
	fwrite(pad, 1, padded - cap, f);
	fwrite(&total, 4, 1, f);
}

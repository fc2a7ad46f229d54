/* print-nfsfh.c: an NFS file handle as tcpdump shows it: its guess at device and inode */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <ctype.h>

#include "print-nfs.h"

enum fh_type {
	FHT_UNKNOWN, FHT_AUSPEX, FHT_DECOSF, FHT_IRIX4, FHT_IRIX5, FHT_SUNOS4, FHT_SUNOS5,
	FHT_ULTRIX, FHT_VMSUCX, FHT_HPUX9, FHT_BSD44,
};

struct fh_id {
	uint32_t major, minor, ino;
	char opaque[2 * 32 + 1];	/* hex of an unknown handle (minor 257) */
};

/* VMS UCX: at least 28 bytes, bytes 1 to 13 a printable name then NULs. */
static int is_ucx(struct nd *nd, const uint8_t *fh, unsigned words)
{
	int seen_null = 0;

	if (words < 7)
		return 0;
	for (unsigned i = 1; i < 14; i++) {
		uint8_t c = GET_U_1(fh + i);

		if (c >= 0x20 && c < 0x7f) {
			if (seen_null)
				return 0;
		} else if (c == 0) {
			seen_null = 1;
		} else {
			return 0;
		}
	}
	return 1;
}

#define B(i) GET_U_1(fh + (i))

/* Handles whose first two bytes are zero. */
static enum fh_type guess_zero(struct nd *nd, const uint8_t *fh)
{
	if (B(2) == 0 && B(3) == 0)
		return FHT_AUSPEX;
	if (B(4) != 0 && B(5) == 0 && B(8) == 12 && B(9) == 0)
		return FHT_DECOSF;
	if (B(4) == 0 && B(5) == 8 && B(6) == 0 && B(7) == 0)
		return FHT_IRIX4;
	return FHT_SUNOS4;
}

/* tcpdump's decision tree over the first bytes (parsenfsfh.c). */
static enum fh_type guess(struct nd *nd, const uint8_t *fh, unsigned words)
{
	if (words < 4)
		return FHT_UNKNOWN;
	if (B(0) == 0 && B(1) == 0)
		return guess_zero(nd, fh);
	if (B(2) == 0 && B(3) == 0) {
		if (B(6) == 0 && B(7) == 0)
			return FHT_BSD44;
		if (words >= 6 && B(21) == 0 && B(23) == 0)
			return FHT_ULTRIX;
		return B(9) == 10 ? FHT_SUNOS5 : FHT_UNKNOWN;
	}
	if (B(8) == 12 && B(9) == 0)
		return FHT_DECOSF;
	if (B(8) == 0 && B(9) == 10) {
		if (B(7) == 0 && B(6) == 0 && B(5) == 0 && B(4) == 0)
			return FHT_HPUX9;
		return FHT_SUNOS5;
	}
	return is_ucx(nd, fh, words) ? FHT_VMSUCX : FHT_UNKNOWN;
}

static void parse_unknown(struct nd *nd, const uint8_t *fh, unsigned words, struct fh_id *id)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned i;

	for (i = 0; i < words * 4 && i * 2 < sizeof(id->opaque) - 1; i++) {
		id->opaque[i * 2] = hex[B(i) >> 4];
		id->opaque[i * 2 + 1] = hex[B(i) & 0xf];
	}
	id->opaque[i * 2] = '\0';
	id->major = id->minor = 257;
	id->ino = 1;
}

static enum fh_type parse_fh(struct nd *nd, const uint8_t *fh, unsigned words, struct fh_id *id)
{
	enum fh_type type = guess(nd, fh, words);
	uint32_t t;

	memset(id, 0, sizeof(*id));
	switch (type) {
	case FHT_AUSPEX:
		id->minor = B(7), id->major = B(6), id->ino = GET_BE_U_4(fh + 12);
		break;
	case FHT_BSD44:
		id->minor = B(0), id->major = B(1), id->ino = GET_LE_U_4(fh + 12);
		break;
	case FHT_DECOSF:
		t = GET_LE_U_4(fh);
		id->minor = t & 0xfffff, id->major = (t >> 20) & 0xfff;
		id->ino = GET_LE_U_4(fh + 12);
		break;
	case FHT_IRIX4:
		id->minor = B(3), id->major = B(2), id->ino = GET_BE_U_4(fh + 8);
		break;
	case FHT_SUNOS4:
		id->minor = B(3), id->major = B(2), id->ino = GET_BE_U_4(fh + 12);
		break;
	case FHT_SUNOS5:
		id->major = (GET_BE_U_2(fh) >> 2) & 0x3fff;
		id->minor = GET_BE_U_3(fh + 1) & 0x3ffff;
		id->ino = GET_BE_U_4(fh + 12);
		break;
	case FHT_ULTRIX:
		id->minor = B(0), id->major = B(1), id->ino = GET_LE_U_4(fh + 4);
		break;
	case FHT_HPUX9:
		id->major = B(0), id->minor = GET_BE_U_3(fh + 1), id->ino = GET_BE_U_4(fh + 12);
		break;
	case FHT_VMSUCX:
		/* tcpdump copies 14 bytes over its structure: little-endian words on its hosts */
		id->minor = GET_LE_U_4(fh), id->major = GET_LE_U_4(fh + 4);
		for (unsigned i = 0; i < 6; i++)
			id->opaque[i] = (char)B(8 + i);
		id->ino = (uint32_t)B(26) << 24 | (uint32_t)B(27) << 16 | GET_LE_U_2(fh + 22);
		break;
	default:
		parse_unknown(nd, fh, words, id);
		break;
	}
	return type;
}

/* " fh NAME/" for the handles that carry a name, as tcpdump copies it (at most words bytes). */
static void print_fsname(struct nd *nd, const uint8_t *name, unsigned words)
{
	unsigned n = words > 64 ? 64 : words;

	nd_puts(nd, " fh ");
	for (unsigned i = 0; i < n && name[i] != '\0' && name[i] != ' '; i++)
		nd_putc(nd, (char)name[i]);
	nd_putc(nd, '/');
}

void nd_nfs_printfh(struct nd *nd, const uint8_t *fh, unsigned words)
{
	static const uint8_t unknown[] = "Unknown";
	struct fh_id id;
	enum fh_type type = parse_fh(nd, fh, words, &id);

	if (type == FHT_VMSUCX)
		print_fsname(nd, fh + 1, words);
	else if (type == FHT_UNKNOWN)
		print_fsname(nd, unknown, words);
	else
		nd_printf(nd, " fh %u,%u/", id.major, id.minor);
	/*
	 * Minor 257 prints tcpdump's opaque text; for the types that do not
	 * fill it in, tcpdump prints whatever its stack held, here nothing.
	 */
	if (id.minor == 257)
		nd_write(nd, id.opaque, strlen(id.opaque));
	else
		nd_printf(nd, "%u", id.ino);
}

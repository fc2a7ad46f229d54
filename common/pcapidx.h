/* pcapidx.h: the sidecar time index next to every capture file (NAME.idx), see docs/index.md */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PCAPIDX_H
#define PKTCAP_PCAPIDX_H

#include <stddef.h>
#include <stdint.h>

/*
 * NAME.idx, all integers little-endian:
 *
 *   header  64 bytes: "PKIX", u16 version (2; 1 is read too), u16 flags (1 = gzip data),
 *           the file's 24-byte pcap header, zeros
 *   record  96 bytes each, appended:
 *           u32 type, u32 crc32 of bytes 8..95, then
 *           type 1 (seek point): i64 first_ns, u64 off, u64 raw_off, u64 packets_before
 *             "the packet at uncompressed offset raw_off, stored from byte off
 *              of the file (for gzip, the start of a gzip member), is the first one at or
 *              after first_ns; packets_before packets precede it"
 *           type 2 (summary, last, once the file is closed): i64 first_ns,
 *             i64 last_ns, u64 packets, u64 raw_bytes, u64 size, u8 sha256[32],
 *             u32 flags (1 = the file no longer matches size and sha256, its seal)
 *           type 3 (identity, version 2, just before the summary): u64 span,
 *             u8 name_sha256[32] (of the file's name), u8 ends_sha256[32]
 *             (of its first span bytes, then its last span bytes)
 *
 * Records are written only after the data they describe is on disk, so a
 * crash can lose the last ones but never leaves one pointing past the data;
 * a torn last record fails its CRC and is ignored.
 */
#define PCAPIDX_HDR_LEN 64
#define PCAPIDX_REC_LEN 96
#define PCAPIDX_POINT 1
#define PCAPIDX_SUMMARY 2
#define PCAPIDX_IDENTITY 3
#define PCAPIDX_VERSION 2
/* Bytes hashed at each end of a file for its identity: one small read each. */
#define PCAPIDX_ID_SPAN 4096
#define PCAPIDX_GZIP 1
/* Summary flag: the file was found damaged; size and sha256 are still its seal. */
#define PCAPIDX_DAMAGED 1

struct pcapidx_point {
	int64_t first_ns;
	uint64_t off;
	uint64_t raw_off;
	uint64_t packets_before;
};

/*
 * Which file an index belongs to: its name, and its first and last bytes.
 * An index copied beside another file has another name; a file changed at
 * its start or end (its name unchanged) no longer matches its ends.
 */
struct pcapidx_identity {
	uint64_t span;		/* bytes hashed at each end: the file's size, at most PCAPIDX_ID_SPAN */
	uint8_t name[32];
	uint8_t ends[32];
};

struct pcapidx_summary {
	int64_t first_ns;
	int64_t last_ns;
	uint64_t packets;
	uint64_t raw_bytes;
	uint64_t size;
	uint8_t sha256[32];	/* the seal: written once, never recomputed into place */
	uint32_t flags;		/* PCAPIDX_DAMAGED */
	int has_identity;	/* the identity record precedes the summary (version 2) */
	struct pcapidx_identity id;
};

struct pcapidx {
	int version;
	int gzip;
	uint8_t pcap_header[24];
	struct pcapidx_point *points;
	size_t npoints;
	int has_summary;
	struct pcapidx_summary summary;
	int bad_points;		/* points that cannot be true were dropped: rebuild it */
};

/* Writes an index: header, points as their data reaches the disk, the summary last. */
struct pcapidx_writer {
	int fd;
	int nosync;		/* set after open: an index that can be rebuilt needs no sync */
};

void pcapidx_header(uint8_t out[PCAPIDX_HDR_LEN], const uint8_t pcap_header[24], int gzip);
void pcapidx_point_rec(uint8_t out[PCAPIDX_REC_LEN], const struct pcapidx_point *p);
void pcapidx_summary_rec(uint8_t out[PCAPIDX_REC_LEN], const struct pcapidx_summary *s);
/* Creates dirfd/name (replacing it) with its header; -1 if it cannot. */
int pcapidx_writer_open(struct pcapidx_writer *w, int dirfd, const char *name,
			const uint8_t pcap_header[24], int gzip);
int pcapidx_writer_point(struct pcapidx_writer *w, const struct pcapidx_point *p);
/* Appends the summary, syncs and seals (0440) the index, and closes it. */
int pcapidx_writer_finish(struct pcapidx_writer *w, const struct pcapidx_summary *s);
void pcapidx_writer_abort(struct pcapidx_writer *w);
/*
 * Reads an index (dirfd-relative name); -1 if missing or its header is bad.
 * Points must be in order (offsets increasing, times not decreasing) and,
 * with a summary, inside the file; if any is not, all are dropped and
 * bad_points is set, so readers scan instead of trusting them.
 */
int pcapidx_load(int dirfd, const char *name, struct pcapidx *idx);
/* The same from an open descriptor (read from where it stands); the caller closes it. */
int pcapidx_load_fd(int fd, struct pcapidx *idx);
void pcapidx_free(struct pcapidx *idx);
/*
 * The identity of the file open on fd (readable, its size given) called
 * name; pcapidx_identify_at opens dirfd/name itself. 0, or -1 (errno set).
 */
int pcapidx_identify(int fd, const char *name, uint64_t size, struct pcapidx_identity *id);
int pcapidx_identify_at(int dirfd, const char *name, uint64_t size, struct pcapidx_identity *id);

/* What pcapidx_check found: the index is the file's, has no identity, is another's, or the file changed. */
enum pcapidx_match { PCAPIDX_MATCH, PCAPIDX_NO_IDENTITY, PCAPIDX_FOREIGN, PCAPIDX_ENDS_DIFFER };
/*
 * Checks a loaded index with a summary against the file open on fd (size
 * given): the name at no cost, then its ends with two small reads.
 * PCAPIDX_FOREIGN means the index was written for another file (trust
 * nothing in it, its seal included); PCAPIDX_ENDS_DIFFER means this file's
 * first or last bytes changed (it keeps its seal and is damaged). -1 if
 * the file cannot be read.
 */
int pcapidx_check(const struct pcapidx *idx, int fd, const char *name, uint64_t size);

/* The last seek point at or before ns, or NULL. */
const struct pcapidx_point *pcapidx_seek(const struct pcapidx *idx, int64_t ns);

#endif

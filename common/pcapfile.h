/* pcapfile.h: the one reader of stored captures (plain and gzip pcap), with every byte checked */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PCAPFILE_H
#define PKTCAP_PCAPFILE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * A pcap file is a 24-byte header and then records, each a 16-byte header
 * (seconds, microseconds or nanoseconds, captured length, original length)
 * and the captured bytes. pktcapd's gzip rings are a sequence of gzip
 * members, one per chunk of whole records.
 *
 * Everything that reads stored captures goes through this reader: the
 * daemon's dumps, crash repair, indexing and seal checks, and pktctl -r.
 * A gzip member's records are handed out only after its CRC-32 and ISIZE
 * have been checked, and every record header is checked (caplen at most
 * the snapshot length and PCAP_MAX_CAPLEN, and at most the original
 * length), so damage comes back as an error naming the file and the byte
 * offset, never as packets.
 */
#define PCAP_MAGIC_USEC 0xa1b2c3d4u
#define PCAP_MAGIC_NSEC 0xa1b23c4du
#define PCAP_MAGIC_USEC_SWAPPED 0xd4c3b2a1u
#define PCAP_MAGIC_NSEC_SWAPPED 0x4d3cb2a1u
#define PCAPNG_MAGIC 0x0a0d0d0au
#define PCAP_FILE_HDR_LEN 24
#define PCAP_REC_HDR_LEN 16
/* libpcap's MAXIMUM_SNAPLEN: the largest record pktcapd writes and the largest any reader accepts. */
#define PCAP_MAX_CAPLEN 262144
/*
 * A gzip member larger than this is handed out before its CRC is known
 * (a foreign file compressed whole by gzip(1)); a bad CRC is then still
 * reported, at the member's end. pktcapd's own members are far smaller.
 */
#define PCAPFILE_MAX_MEMBER (64 * 1024 * 1024)

enum {
	/* The file is still being written: a torn tail means "not yet", not damage. */
	PCAPFILE_GROWING = 1 << 0,
	/* SHA-256 every byte read from the source (see pcapfile_hash). */
	PCAPFILE_HASH = 1 << 1,
	/*
	 * Read records as libpcap does (pktctl dump -r): a record longer than
	 * the file's snapshot length, up to PCAP_MAX_CAPLEN, is returned cut
	 * to the snapshot length, and one capturing more than the packet's
	 * length is returned as it is (the printer flags both), not damage. The daemon never
	 * sets it: for its files both are signs of damage.
	 */
	PCAPFILE_LIBPCAP = 1 << 2,
};

/* What pcapfile_next returns. */
enum {
	PCAPFILE_DAMAGED = -2,	/* the data is not what it claims: see pcapfile_error */
	PCAPFILE_ERROR = -1,	/* reading failed (I/O, memory): see pcapfile_error */
	PCAPFILE_END = 0,	/* a clean end after the last whole record */
	PCAPFILE_OK = 1,	/* *rec holds the next record */
	PCAPFILE_AGAIN = 2,	/* PCAPFILE_GROWING: the next record is not all there yet */
};

struct pcapfile_info {
	uint8_t header[PCAP_FILE_HDR_LEN];	/* as stored */
	int nano;		/* timestamps in nanoseconds */
	int swapped;		/* written on a machine of the other byte order */
	int gzip;
	uint32_t snaplen;
	uint32_t linktype;
};

struct pcapfile_rec {
	int64_t ns;		/* time stamp in nanoseconds since the epoch */
	uint32_t sec, frac;	/* as stored (frac: micro- or nanoseconds), host order */
	uint32_t caplen, len;
	const uint8_t *hdr;	/* the 16-byte record header as stored */
	const uint8_t *data;	/* caplen bytes; valid until the next call */
	uint64_t raw_off;	/* offset of the record header in the uncompressed stream */
	/*
	 * A place a reader can start from to reach this record: for a plain
	 * file raw_off; for gzip the start of the member the record starts,
	 * or 0 when the record does not start a member.
	 */
	uint64_t point_off;
};

/* Reads up to len bytes; returns how many (>= 1), 0 at the end, -1 on error (errno set). */
typedef ssize_t (*pcapfile_read_fn)(void *ctx, void *buf, size_t len);

struct pcapfile;

/*
 * Opens a reader on fd from its current position (the file's start; the
 * caller keeps the fd and closes it after pcapfile_close). The header is
 * read at once; gzip is recognised by its magic. name is used in messages.
 * Returns NULL with the reason in err (a bad or missing header is damage,
 * and *damaged is set when damaged is not NULL).
 */
struct pcapfile *pcapfile_open(int fd, const char *name, unsigned flags, char *err, size_t errlen,
			       int *damaged);
/* The same from a byte source (a pipe, the daemon's socket); the reader never seeks. */
struct pcapfile *pcapfile_open_reader(pcapfile_read_fn fn, void *ctx, const char *name,
				      unsigned flags, char *err, size_t errlen, int *damaged);
/*
 * Opens fd at an index point: off in the file (for gzip, a member start),
 * raw_off in the uncompressed stream, with the file header taken from the
 * index. The first record is checked like any other. It reads with pread:
 * the fd's offset is left alone, so readers at other points (or one opened
 * with pcapfile_open) can share the fd.
 */
struct pcapfile *pcapfile_open_at(int fd, const char *name, unsigned flags,
				  const uint8_t header[PCAP_FILE_HDR_LEN], int gzip, uint64_t off,
				  uint64_t raw_off, char *err, size_t errlen);
void pcapfile_close(struct pcapfile *pf);
/*
 * Reads from the source stop at file offset off (0: no limit) as long as
 * what is asked for lies before it: a reader that knows where the data it
 * wants ends (an address-index run) reads exactly that. Past off, reads
 * go on as without it.
 */
void pcapfile_read_until(struct pcapfile *pf, uint64_t off);

const struct pcapfile_info *pcapfile_info(const struct pcapfile *pf);
int pcapfile_next(struct pcapfile *pf, struct pcapfile_rec *rec);
/* As pcapfile_next, but the record stays the next one (a point checked without reading twice). */
int pcapfile_peek(struct pcapfile *pf, struct pcapfile_rec *rec);
/* The last error, "NAME: damaged at byte N: what" or "NAME: what failed: why". */
const char *pcapfile_error(const struct pcapfile *pf);
/* File offset of the damage pcapfile_next reported (for a gzip file, the member's start). */
uint64_t pcapfile_damage_off(const struct pcapfile *pf);
/*
 * The length the file could be cut to and still hold exactly the records
 * returned so far, whole (after the last whole record; for gzip after the
 * last whole member that ended on a record boundary).
 */
uint64_t pcapfile_good_len(const struct pcapfile *pf);
/* A file that was growing is now closed: its torn tail, if any, is damage from now on. */
void pcapfile_stop_growing(struct pcapfile *pf);
/*
 * PCAPFILE_HASH: reads what is left of the source and returns the SHA-256
 * and the size of every byte of it, damaged or not: what a seal covers.
 */
int pcapfile_hash(struct pcapfile *pf, uint8_t digest[32], uint64_t *size);
/*
 * PCAPFILE_HASH: hashes up to len more bytes of the source through buf, so
 * a caller can stop between pieces; then pcapfile_hash gives the result.
 * Returns the bytes read, 0 at the end, -1 on error (errno set).
 */
ssize_t pcapfile_hash_more(struct pcapfile *pf, void *buf, size_t len);

/*
 * Opens a stored file for reading: O_NONBLOCK so a FIFO planted in its place
 * cannot stop the caller, O_NOFOLLOW, then fstat: anything but a regular file
 * is refused (errno EINVAL for "not a regular file"). Returns the fd or -1.
 */
int pcapfile_openat(int dirfd, const char *name, int flags);

#endif

/* pcapin.c: libpcap's savefile reader, fed through zlib when the data is gzip-compressed */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "pcapin.h"

/*
 * A stdio cookie between libpcap and the real source. It answers every read
 * with what it has instead of waiting for a full buffer, so a live stream
 * (a following dump) is printed as it comes; it inflates gzip and notes the
 * pcap magic on the way.
 */
struct src {
	pcapin_read_fn rd;
	pcapin_close_fn cl;
	void *ctx;
	int gz;
	int zdone;
	z_stream z;
	uint8_t in[65536];
	size_t inlen, inoff;	/* raw bytes read ahead (the peeked prefix, or gzip input) */
	uint8_t magic[4];
	size_t seen;
};

static ssize_t raw_read(struct src *s, void *buf, size_t size)
{
	if (s->inoff < s->inlen) {
		size_t n = s->inlen - s->inoff < size ? s->inlen - s->inoff : size;

		memcpy(buf, s->in + s->inoff, n);
		s->inoff += n;
		return (ssize_t)n;
	}
	return s->rd(s->ctx, buf, size);
}

static ssize_t gz_read(struct src *s, char *buf, size_t size)
{
	uInt want = (uInt)(size > 1U << 30 ? 1U << 30 : size);

	s->z.next_out = (Bytef *)buf;
	s->z.avail_out = want;
	while (s->z.avail_out == want && !s->zdone) {
		int rc;

		if (!s->z.avail_in) {
			ssize_t n;

			if (s->inoff < s->inlen) {
				s->z.next_in = s->in + s->inoff;
				s->z.avail_in = (uInt)(s->inlen - s->inoff);
				s->inoff = s->inlen;
			} else {
				n = s->rd(s->ctx, s->in, sizeof(s->in));
				if (n <= 0)
					break;	/* cut short: what came out is all there is */
				s->inlen = (size_t)n;
				s->inoff = s->inlen;
				s->z.next_in = s->in;
				s->z.avail_in = (uInt)n;
			}
		}
		rc = inflate(&s->z, Z_NO_FLUSH);
		if (rc == Z_STREAM_END) {
			/* Concatenated members are one stream, as for zcat. */
			if (inflateReset(&s->z) != Z_OK)
				s->zdone = 1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			s->zdone = 1;
			if (s->z.avail_out == want) {
				errno = EIO;
				return -1;
			}
		}
	}
	return (ssize_t)(want - s->z.avail_out);
}

static ssize_t src_read(void *cookie, char *buf, size_t size)
{
	struct src *s = cookie;
	ssize_t n = s->gz ? gz_read(s, buf, size) : raw_read(s, buf, size);

	for (ssize_t i = 0; i < n && s->seen < sizeof(s->magic); i++)
		s->magic[s->seen++] = (uint8_t)buf[i];
	return n;
}

static int src_close(void *cookie)
{
	struct src *s = cookie;

	if (s->gz)
		inflateEnd(&s->z);
	if (s->cl)
		s->cl(s->ctx);
	free(s);
	return 0;
}

int pcapin_open_reader(struct pcapin *in, pcapin_read_fn read_fn, pcapin_close_fn close_fn,
		       void *ctx, const char *name, int precision, char *err, size_t errlen)
{
	cookie_io_functions_t io = { .read = src_read, .close = src_close };
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct src *s = calloc(1, sizeof(*s));
	FILE *cf;

	memset(in, 0, sizeof(*in));
	snprintf(in->name, sizeof(in->name), "%s", name);
	if (!s) {
		snprintf(err, errlen, "%s: out of memory", name);
		if (close_fn)
			close_fn(ctx);
		return -1;
	}
	s->rd = read_fn;
	s->cl = close_fn;
	s->ctx = ctx;
	/* Peek at two bytes to tell gzip from pcap, keeping them for the reader. */
	while (s->inlen < 2) {
		ssize_t n = read_fn(ctx, s->in + s->inlen, 2 - s->inlen);

		if (n <= 0)
			break;
		s->inlen += (size_t)n;
	}
	if (s->inlen == 2 && s->in[0] == 0x1f && s->in[1] == 0x8b) {
		s->gz = 1;
		/* 15 + 32: a zlib or gzip header, detected by zlib. */
		if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
			snprintf(err, errlen, "%s: cannot start decompression", name);
			src_close(s);
			return -1;
		}
	}
	cf = fopencookie(s, "rb", io);
	if (!cf) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		src_close(s);
		return -1;
	}
	in->p = pcap_fopen_offline_with_tstamp_precision(cf, precision, errbuf);
	if (!in->p) {
		snprintf(err, errlen, "%s: %s", name,
			 *errbuf ? errbuf : "not a pcap file (or truncated header)");
		fclose(cf);
		return -1;
	}
	in->nano_ts = precision == PCAP_TSTAMP_PRECISION_NANO;
	in->linktype = pcap_datalink(in->p);
	in->snaplen = pcap_snapshot(in->p);
	in->nano = (s->magic[0] == 0xa1 && s->magic[1] == 0xb2 && s->magic[2] == 0x3c &&
		    s->magic[3] == 0x4d) ||
		   (s->magic[0] == 0x4d && s->magic[1] == 0x3c && s->magic[2] == 0xb2 &&
		    s->magic[3] == 0xa1);
	return 0;
}

static ssize_t fd_read(void *ctx, void *buf, size_t len)
{
	int fd = (int)(intptr_t)ctx;
	ssize_t n;

	do
		n = read(fd, buf, len);
	while (n < 0 && errno == EINTR);
	return n;
}

static void fd_close(void *ctx)
{
	int fd = (int)(intptr_t)ctx;

	if (fd != 0)
		close(fd);
}

/*
 * A regular file that is not compressed goes to libpcap as a plain FILE:
 * no cookie layer between them, which is most of the reading cost.
 */
static int open_plain(struct pcapin *in, int fd, const char *path, int precision, char *err,
		      size_t errlen)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	uint8_t m[4];
	FILE *f;

	if (pread(fd, m, sizeof(m), 0) != (ssize_t)sizeof(m) || (m[0] == 0x1f && m[1] == 0x8b))
		return 1;
	f = fdopen(fd, "rb");
	if (!f)
		return 1;
	memset(in, 0, sizeof(*in));
	snprintf(in->name, sizeof(in->name), "%s", path);
	in->p = pcap_fopen_offline_with_tstamp_precision(f, precision, errbuf);
	if (!in->p) {
		snprintf(err, errlen, "%s: %s", path,
			 *errbuf ? errbuf : "not a pcap file (or truncated header)");
		fclose(f);
		return -1;
	}
	in->nano_ts = precision == PCAP_TSTAMP_PRECISION_NANO;
	in->linktype = pcap_datalink(in->p);
	in->snaplen = pcap_snapshot(in->p);
	in->nano = (m[0] == 0xa1 && m[1] == 0xb2 && m[2] == 0x3c && m[3] == 0x4d) ||
		   (m[0] == 0x4d && m[1] == 0x3c && m[2] == 0xb2 && m[3] == 0xa1);
	return 0;
}

int pcapin_open(struct pcapin *in, const char *path, int precision, char *err, size_t errlen)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	struct stat st;

	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (fd != 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		int rc = open_plain(in, fd, path, precision, err, errlen);

		if (rc <= 0)
			return rc;
	}
	return pcapin_open_reader(in, fd_read, fd_close, (void *)(intptr_t)fd, path, precision, err,
				  errlen);
}

void pcapin_close(struct pcapin *in)
{
	if (in->p)
		pcap_close(in->p);
	in->p = NULL;
}

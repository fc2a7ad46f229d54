/* pcapin.c: libpcap's savefile reader, fed through zlib when the data is gzip-compressed */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "pcapin.h"

/* A stdio cookie over the real stream: inflates gzip, remembers the pcap magic. */
struct src {
	FILE *f;
	int gz;
	int zdone;
	z_stream z;
	uint8_t in[65536];
	uint8_t magic[4];
	size_t seen;
};

static ssize_t src_read(void *cookie, char *buf, size_t size)
{
	struct src *s = cookie;
	ssize_t n;

	if (!s->gz) {
		n = (ssize_t)fread(buf, 1, size, s->f);
		if (n == 0 && ferror(s->f))
			return -1;
	} else {
		s->z.next_out = (Bytef *)buf;
		s->z.avail_out = (uInt)(size > 1U << 30 ? 1U << 30 : size);
		while (s->z.avail_out == (uInt)(size > 1U << 30 ? 1U << 30 : size) && !s->zdone) {
			int rc;

			if (!s->z.avail_in) {
				s->z.avail_in = (uInt)fread(s->in, 1, sizeof(s->in), s->f);
				s->z.next_in = s->in;
				if (!s->z.avail_in)
					break;	/* a gzip file cut short: what came out is all there is */
			}
			rc = inflate(&s->z, Z_NO_FLUSH);
			if (rc == Z_STREAM_END) {
				/* Concatenated members are one stream, as for zcat. */
				if (inflateReset(&s->z) != Z_OK)
					s->zdone = 1;
			} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
				s->zdone = 1;
				if (s->z.avail_out == (uInt)size) {
					errno = EIO;
					return -1;
				}
			}
		}
		n = (ssize_t)((size > 1U << 30 ? 1U << 30 : size) - s->z.avail_out);
	}
	for (ssize_t i = 0; i < n && s->seen < sizeof(s->magic); i++)
		s->magic[s->seen++] = (uint8_t)buf[i];
	return n;
}

static int src_close(void *cookie)
{
	struct src *s = cookie;

	if (s->gz)
		inflateEnd(&s->z);
	if (s->f && s->f != stdin)
		fclose(s->f);
	free(s);
	return 0;
}

int pcapin_fopen(struct pcapin *in, FILE *f, const char *name, char *err, size_t errlen)
{
	cookie_io_functions_t io = { .read = src_read, .close = src_close };
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct src *s = calloc(1, sizeof(*s));
	FILE *cf;
	int c;

	memset(in, 0, sizeof(*in));
	snprintf(in->name, sizeof(in->name), "%s", name);
	if (!s) {
		snprintf(err, errlen, "%s: out of memory", name);
		if (f != stdin)
			fclose(f);
		return -1;
	}
	s->f = f;
	c = getc(f);
	if (c == 0x1f) {
		int c2 = getc(f);

		if (c2 == 0x8b) {
			s->gz = 1;
			/* 15 + 32: zlib or gzip header, detected. */
			if (inflateInit2(&s->z, 15 + 32) != Z_OK) {
				snprintf(err, errlen, "%s: cannot start decompression", name);
				src_close(s);
				return -1;
			}
			s->in[0] = 0x1f;
			s->in[1] = 0x8b;
			s->z.next_in = s->in;
			s->z.avail_in = 2;
		} else if (c2 != EOF) {
			ungetc(c2, f);
			/* Two bytes cannot both be pushed back portably: replay the first. */
			s->in[0] = (uint8_t)c;
		}
		if (!s->gz && c2 != EOF) {
			snprintf(err, errlen, "%s: unknown file format", name);
			src_close(s);
			return -1;
		}
	} else if (c != EOF) {
		ungetc(c, f);
	}
	cf = fopencookie(s, "rb", io);
	if (!cf) {
		snprintf(err, errlen, "%s: %s", name, strerror(errno));
		src_close(s);
		return -1;
	}
	in->p = pcap_fopen_offline_with_tstamp_precision(cf, PCAP_TSTAMP_PRECISION_NANO, errbuf);
	if (!in->p) {
		snprintf(err, errlen, "%s: %s", name,
			 *errbuf ? errbuf : "not a pcap file (or truncated header)");
		fclose(cf);
		return -1;
	}
	in->linktype = pcap_datalink(in->p);
	in->snaplen = pcap_snapshot(in->p);
	in->nano = (s->magic[0] == 0xa1 && s->magic[1] == 0xb2 && s->magic[2] == 0x3c &&
		    s->magic[3] == 0x4d) ||
		   (s->magic[0] == 0x4d && s->magic[1] == 0x3c && s->magic[2] == 0xb2 &&
		    s->magic[3] == 0xa1);
	return 0;
}

int pcapin_open(struct pcapin *in, const char *path, char *err, size_t errlen)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return pcapin_fopen(in, f, path, err, errlen);
}

void pcapin_close(struct pcapin *in)
{
	if (in->p)
		pcap_close(in->p);
	in->p = NULL;
}

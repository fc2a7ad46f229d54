/* pcapin.h: reading pcap and gzip-compressed pcap files (and streams) through libpcap */
#ifndef PKTCAP_PCAPIN_H
#define PKTCAP_PCAPIN_H

#include <stdio.h>
#include <sys/types.h>

#include <pcap/pcap.h>

struct pcapin {
	pcap_t *p;
	int nano;		/* the file itself stores nanoseconds */
	int nano_ts;		/* ts.tv_usec comes back in nanoseconds */
	int linktype;
	int snaplen;
	char name[256];
};

/* A source of bytes: returns what it has (at least 1), 0 at the end, -1 on error. */
typedef ssize_t (*pcapin_read_fn)(void *ctx, void *buf, size_t len);
typedef void (*pcapin_close_fn)(void *ctx);

/*
 * Opens PATH ("-" for stdin); gzip data is recognised by its magic and
 * decompressed on the fly, from a file or a pipe. Timestamps come back in
 * PRECISION (PCAP_TSTAMP_PRECISION_MICRO or _NANO) whatever the file holds,
 * scaled by libpcap. Returns -1 with a message in err.
 */
int pcapin_open(struct pcapin *in, const char *path, int precision, char *err, size_t errlen);
/* The same for bytes from a reader (e.g. the daemon's socket); close_fn frees ctx. */
int pcapin_open_reader(struct pcapin *in, pcapin_read_fn read_fn, pcapin_close_fn close_fn,
		       void *ctx, const char *name, int precision, char *err, size_t errlen);
void pcapin_close(struct pcapin *in);

#endif

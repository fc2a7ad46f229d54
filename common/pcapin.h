/* pcapin.h: reading pcap and gzip-compressed pcap files (and streams) through libpcap */
#ifndef PKTCAP_PCAPIN_H
#define PKTCAP_PCAPIN_H

#include <stdio.h>

#include <pcap/pcap.h>

struct pcapin {
	pcap_t *p;
	int nano;		/* the file itself stores nanoseconds */
	int linktype;
	int snaplen;
	char name[256];
};

/*
 * Opens PATH ("-" for stdin); gzip data is recognised by its magic and
 * decompressed on the fly, from a file or a pipe. Timestamps come back in
 * nanoseconds whatever the file holds. Returns -1 with a message in err.
 */
int pcapin_open(struct pcapin *in, const char *path, char *err, size_t errlen);
/* The same for a stream the caller supplies (e.g. the daemon's socket). */
int pcapin_fopen(struct pcapin *in, FILE *f, const char *name, char *err, size_t errlen);
void pcapin_close(struct pcapin *in);

#endif

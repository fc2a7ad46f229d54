/* pcaplazy.c: the libpcap calls pktctl makes, with libpcap loaded only when a filter is compiled */
/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * On Debian libpcap brings libdbus, which brings libsystemd, libgcrypt,
 * liblzma, libzstd, liblz4 and libcap: loading and relocating them was
 * most of pktctl's start-up (docs/benchmarks.md, "Start-up"), paid by
 * every command although only a filter needs libpcap (its BPF compiler).
 * So pktctl is linked without it and these definitions stand in for
 * libpcap's: writing pcap (pcap_open_dead and pcap_dump*) is done here for
 * the link types whose savefile number is their DLT number, byte for byte
 * as libpcap writes it; everything else (compiling, filtering, naming
 * link types, other link types) goes to the real libpcap, opened with
 * dlopen the first time it is needed.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PCAP_SONAME
#define PCAP_SONAME "libpcap.so.1"
#endif

/* Our pcap_t: what a savefile header needs, and libpcap's own handle once made. */
struct pcap {
	pcap_t *real;
	int linktype;
	int snaplen;
	unsigned precision;
	int err_real;		/* the last error is the real handle's */
	char err[PCAP_ERRBUF_SIZE];
};

struct pcap_dumper {
	FILE *f;
	pcap_dumper_t *real;	/* libpcap's dumper, for link types written through it */
};

static struct {
	int tried;
	void *h;
	pcap_t *(*open_dead)(int, int, u_int);
	int (*compile)(pcap_t *, struct bpf_program *, const char *, int, bpf_u_int32);
	int (*offline_filter)(const struct bpf_program *, const struct pcap_pkthdr *, const u_char *);
	void (*freecode)(struct bpf_program *);
	void (*close)(pcap_t *);
	char *(*geterr)(pcap_t *);
	const char *(*dlt_name)(int);
	pcap_dumper_t *(*dump_open)(pcap_t *, const char *);
	pcap_dumper_t *(*dump_fopen)(pcap_t *, FILE *);
	void (*dump)(u_char *, const struct pcap_pkthdr *, const u_char *);
	int (*dump_flush)(pcap_dumper_t *);
	void (*dump_close)(pcap_dumper_t *);
} lib;

static void *sym(const char *name, int *bad)
{
	void *p = dlsym(lib.h, name);

	if (!p)
		*bad = 1;
	return p;
}

/* Opens libpcap once; 0 if every function pktctl uses is there. */
static int load(void)
{
	int bad = 0;

	if (lib.tried)
		return lib.h ? 0 : -1;
	lib.tried = 1;
	lib.h = dlopen(PCAP_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!lib.h) {
		fprintf(stderr, "pktctl: %s\n", dlerror());
		return -1;
	}
	lib.open_dead = sym("pcap_open_dead_with_tstamp_precision", &bad);
	lib.compile = sym("pcap_compile", &bad);
	lib.offline_filter = sym("pcap_offline_filter", &bad);
	lib.freecode = sym("pcap_freecode", &bad);
	lib.close = sym("pcap_close", &bad);
	lib.geterr = sym("pcap_geterr", &bad);
	lib.dlt_name = sym("pcap_datalink_val_to_name", &bad);
	lib.dump_open = sym("pcap_dump_open", &bad);
	lib.dump_fopen = sym("pcap_dump_fopen", &bad);
	lib.dump = sym("pcap_dump", &bad);
	lib.dump_flush = sym("pcap_dump_flush", &bad);
	lib.dump_close = sym("pcap_dump_close", &bad);
	if (bad) {
		fprintf(stderr, "pktctl: %s lacks a function pktctl needs\n", PCAP_SONAME);
		dlclose(lib.h);
		lib.h = NULL;
		return -1;
	}
	return 0;
}

/* libpcap's handle for p, made on first use; NULL (error in p) if libpcap cannot be loaded. */
static pcap_t *real(pcap_t *p)
{
	if (!p->real && load() == 0)
		p->real = lib.open_dead(p->linktype, p->snaplen, p->precision);
	if (!p->real) {
		snprintf(p->err, sizeof(p->err), "cannot load %s", PCAP_SONAME);
		p->err_real = 0;
	} else {
		p->err_real = 1;
	}
	return p->real;
}

/*
 * Link types whose savefile number is the DLT number (libpcap writes these
 * unchanged): null, Ethernet, 802.11, loopback, Linux cooked v1/v2, raw
 * IPv4/IPv6, radiotap, nflog, netlink. Others are written by libpcap.
 */
static int native(const pcap_t *p)
{
	static const int same[] = { DLT_NULL, DLT_EN10MB, DLT_IEEE802_11, DLT_LOOP, DLT_LINUX_SLL,
				    DLT_LINUX_SLL2, DLT_IPV4, DLT_IPV6, DLT_IEEE802_11_RADIO, DLT_NFLOG,
				    DLT_NETLINK };

	if (p->snaplen <= 0 || p->snaplen > 262144)
		return 0;
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (p->linktype == same[i])
			return 1;
	return 0;
}

pcap_t *pcap_open_dead_with_tstamp_precision(int linktype, int snaplen, u_int precision)
{
	pcap_t *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->linktype = linktype;
	p->snaplen = snaplen;
	p->precision = precision;
	return p;
}

pcap_t *pcap_open_dead(int linktype, int snaplen)
{
	return pcap_open_dead_with_tstamp_precision(linktype, snaplen, PCAP_TSTAMP_PRECISION_MICRO);
}

void pcap_close(pcap_t *p)
{
	if (p && p->real)
		lib.close(p->real);
	free(p);
}

char *pcap_geterr(pcap_t *p)
{
	return p->err_real && p->real ? lib.geterr(p->real) : p->err;
}

int pcap_compile(pcap_t *p, struct bpf_program *prog, const char *str, int optimize, bpf_u_int32 mask)
{
	if (!real(p))
		return PCAP_ERROR;
	return lib.compile(p->real, prog, str, optimize, mask);
}

/* Only ever called with a program pcap_compile made, so libpcap is loaded. */
int pcap_offline_filter(const struct bpf_program *prog, const struct pcap_pkthdr *h, const u_char *pkt)
{
	return lib.offline_filter(prog, h, pkt);
}

void pcap_freecode(struct bpf_program *prog)
{
	if (lib.h)
		lib.freecode(prog);
}

const char *pcap_datalink_val_to_name(int dlt)
{
	return load() == 0 ? lib.dlt_name(dlt) : NULL;
}

/* The savefile header as libpcap writes it: host byte order, version 2.4. */
static int write_header(pcap_t *p, FILE *f)
{
	struct {
		uint32_t magic;
		uint16_t major, minor;
		int32_t thiszone;
		uint32_t sigfigs, snaplen, linktype;
	} h = { p->precision == PCAP_TSTAMP_PRECISION_NANO ? 0xa1b23c4d : 0xa1b2c3d4, 2, 4, 0, 0,
		(uint32_t)p->snaplen, (uint32_t)p->linktype };

	return fwrite(&h, sizeof(h), 1, f) == 1 ? 0 : -1;
}

static pcap_dumper_t *dumper(pcap_t *p, FILE *f, const char *name)
{
	pcap_dumper_t *d = calloc(1, sizeof(*d));

	if (!d || write_header(p, f) < 0) {
		snprintf(p->err, sizeof(p->err), "Can't write to %s: %s", name, strerror(errno));
		p->err_real = 0;
		free(d);
		return NULL;
	}
	d->f = f;
	return d;
}

/* A dumper around libpcap's, for link types libpcap maps. */
static pcap_dumper_t *wrap(pcap_t *p, pcap_dumper_t *r)
{
	pcap_dumper_t *d;

	if (!r)
		return NULL;
	d = calloc(1, sizeof(*d));
	if (!d) {
		lib.dump_close(r);
		return NULL;
	}
	d->real = r;
	return d;
}

pcap_dumper_t *pcap_dump_fopen(pcap_t *p, FILE *f)
{
	if (!native(p))
		return real(p) ? wrap(p, lib.dump_fopen(p->real, f)) : NULL;
	return dumper(p, f, "stream");
}

pcap_dumper_t *pcap_dump_open(pcap_t *p, const char *name)
{
	pcap_dumper_t *d;
	FILE *f;

	if (!native(p))
		return real(p) ? wrap(p, lib.dump_open(p->real, name)) : NULL;
	if (!strcmp(name, "-"))
		return dumper(p, stdout, "standard output");
	f = fopen(name, "wb");
	if (!f) {
		snprintf(p->err, sizeof(p->err), "%s: %s", name, strerror(errno));
		p->err_real = 0;
		return NULL;
	}
	d = dumper(p, f, name);
	if (!d)
		fclose(f);
	return d;
}

void pcap_dump(u_char *user, const struct pcap_pkthdr *h, const u_char *pkt)
{
	pcap_dumper_t *d = (pcap_dumper_t *)user;
	uint32_t r[4] = { (uint32_t)h->ts.tv_sec, (uint32_t)h->ts.tv_usec, h->caplen, h->len };

	if (d->real) {
		lib.dump((u_char *)d->real, h, pkt);
		return;
	}
	/* Errors show at pcap_dump_flush and pcap_dump_close, as with libpcap. */
	if (fwrite(r, sizeof(r), 1, d->f) == 1)
		fwrite(pkt, h->caplen, 1, d->f);
}

int pcap_dump_flush(pcap_dumper_t *d)
{
	if (d->real)
		return lib.dump_flush(d->real);
	return fflush(d->f) == EOF || ferror(d->f) ? -1 : 0;
}

void pcap_dump_close(pcap_dumper_t *d)
{
	if (d->real)
		lib.dump_close(d->real);
	else
		fclose(d->f);
	free(d);
}

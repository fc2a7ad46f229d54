/* capture.c: one libpcap handle per ring: snaplen, promisc, kernel buffer, BPF filter */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "log.h"

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

/* The 24-byte file header exactly as libpcap writes it for this handle. */
int capture_file_header(pcap_t *p, uint8_t *out)
{
	char *mem = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&mem, &size);
	pcap_dumper_t *d;

	if (!f)
		return -1;
	d = pcap_dump_fopen(p, f);
	if (!d) {
		fclose(f);
		free(mem);
		return -1;
	}
	pcap_dump_flush(d);
	pcap_dump_close(d);
	if (size < 24) {
		free(mem);
		return -1;
	}
	memcpy(out, mem, 24);
	free(mem);
	return 0;
}

static const char *activate_advice(int rc)
{
	switch (rc) {
	case PCAP_ERROR_PERM_DENIED:
		return "no permission to capture: run as root, or give the binary CAP_NET_RAW (setcap cap_net_raw+ep pktcapd)";
	case PCAP_ERROR_NO_SUCH_DEVICE:
		return "no such interface";
	case PCAP_ERROR_IFACE_NOT_UP:
		return "the interface is not up";
	case PCAP_ERROR_PROMISC_PERM_DENIED:
		return "no permission for promiscuous mode: set promisc = false or grant CAP_NET_RAW";
	default:
		return NULL;
	}
}

int capture_open(struct ring *r, int promisc)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct bpf_program prog;
	const char *advice;
	int rc;

	r->pcap = pcap_create(r->iface, errbuf);
	if (!r->pcap) {
		rlog(r, LOG_ERR, "cannot open %s: %s", r->iface, errbuf);
		return -1;
	}
	pcap_set_snaplen(r->pcap, r->conf.snaplen);
	pcap_set_promisc(r->pcap, promisc);
	pcap_set_timeout(r->pcap, CAPTURE_TIMEOUT_MS);
	pcap_set_buffer_size(r->pcap, (int)(r->conf.buffer_size > 0x7fffffff ? 0x7fffffff
								 : r->conf.buffer_size));
	pcap_set_immediate_mode(r->pcap, 0);
	if (pcap_set_tstamp_precision(r->pcap, r->conf.nanosecond ? PCAP_TSTAMP_PRECISION_NANO
								  : PCAP_TSTAMP_PRECISION_MICRO) < 0)
		rlog(r, LOG_WARNING, "timestamp precision not supported; using microseconds");

	rc = pcap_activate(r->pcap);
	if (rc < 0) {
		advice = activate_advice(rc);
		rlog(r, LOG_ERR, "cannot capture on %s: %s%s%s", r->iface,
		     advice ? advice : pcap_geterr(r->pcap), advice ? " - " : "",
		     advice ? pcap_geterr(r->pcap) : "");
		return -1;
	}
	if (rc > 0)
		rlog(r, LOG_WARNING, "%s: %s", r->iface, pcap_statustostr(rc));

	if (pcap_compile(r->pcap, &prog, r->conf.filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		rlog(r, LOG_ERR, "filter \"%s\" does not compile for %s: %s", r->conf.filter,
		     r->iface, pcap_geterr(r->pcap));
		return -1;
	}
	rc = pcap_setfilter(r->pcap, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		rlog(r, LOG_ERR, "cannot set filter: %s", pcap_geterr(r->pcap));
		return -1;
	}
	if (pcap_setnonblock(r->pcap, 1, errbuf) < 0) {
		rlog(r, LOG_ERR, "cannot make the handle non-blocking: %s", errbuf);
		return -1;
	}
	r->pcap_fd = pcap_get_selectable_fd(r->pcap);
	r->linktype = pcap_datalink(r->pcap);
	if (r->pcap_fd < 0 || capture_file_header(r->pcap, r->header) < 0) {
		rlog(r, LOG_ERR, "cannot set up the capture handle");
		return -1;
	}
	rlog(r, LOG_INFO, "capturing on %s (%s, snaplen %d, filter \"%s\")", r->iface,
	     pcap_datalink_val_to_name(r->linktype), r->conf.snaplen, r->conf.filter);
	return 0;
}

int capture_dispatch(struct ring *r)
{
	int n = pcap_dispatch(r->pcap, -1, ring_packet, (u_char *)r);

	if (n < 0 && n != PCAP_ERROR_BREAK) {
		if (!r->dispatch_errors++)
			rlog(r, LOG_ERR, "capture error: %s", pcap_geterr(r->pcap));
		snprintf(r->state, sizeof(r->state), "error: %s", pcap_geterr(r->pcap));
		return -1;
	}
	if (r->dispatch_errors) {
		rlog(r, LOG_NOTICE, "capturing again");
		r->dispatch_errors = 0;
		snprintf(r->state, sizeof(r->state), "capturing");
	}
	return n;
}

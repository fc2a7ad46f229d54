/* capture.c: each ring's libpcap handle, made while privileged and re-bound to new interfaces */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <errno.h>
#include <linux/if_ether.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netpacket/packet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>

#include "capture/capture.h"
#include "capture/capctl.h"
#include "capture/ringcap.h"
#include "log.h"
#include "pcapfile.h"

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

/*
 * Where a waiting ring's socket sits: bound to the loopback interface for
 * IEEE 802 Local Experimental Ethertype 2, which no stack sends, so it
 * receives nothing until it is bound to its own interface again.
 */
#define PLACEHOLDER_IFACE "lo"
#define PARK_PROTO 0x88b6

/* The interface behind a ring's handle; the event loop's alone. */
struct capture_link {
	int promisc;
	int ifindex;		/* bound to; 0 while the ring waits for its interface */
	int arphrd;		/* hardware type the ring's link type was chosen for */
	int fresh;		/* still on the placeholder: the link type may change once */
	int up;
	int waiting;
	int type_refused;	/* came back with a link type the files cannot hold */
	uint64_t lost;
	int64_t wait_start_ms;	/* CLOCK_MONOTONIC */
	int64_t wait_since_ns;	/* CLOCK_REALTIME */
	uint64_t waited_ms;	/* in gaps that ended */
	int64_t last_seen_ns;
	int64_t close_at_ms;	/* CLOCK_MONOTONIC: close the vanished interface's file then */
};

struct ifinfo {
	int index;
	int type;
	int up;
};

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t now_real_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

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

/* Device ioctls work on any socket and need no privilege; the handle's own will do. */
static int iface_lookup(int fd, const char *name, struct ifinfo *fi)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	if (strlen(name) >= sizeof(ifr.ifr_name))
		return -1;
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, SIOCGIFINDEX, &ifr) < 0)
		return -1;
	fi->index = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) < 0)
		return -1;
	fi->type = ifr.ifr_hwaddr.sa_family;
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) < 0)
		return -1;
	fi->up = (ifr.ifr_flags & IFF_UP) != 0;
	return 0;
}

/* The link type libpcap gives a raw (not cooked) socket on this hardware type, or -1. */
static int raw_dlt(int arphrd)
{
	switch (arphrd) {
	case ARPHRD_ETHER:
	case ARPHRD_LOOPBACK:
		return DLT_EN10MB;
	case ARPHRD_NONE:	/* tun, wireguard: the packet starts with its IP header */
	case ARPHRD_TUNNEL:
	case ARPHRD_SIT:
		return DLT_RAW;
	default:
		return -1;
	}
}

static const char *dlt_name(int dlt)
{
	const char *n = pcap_datalink_val_to_name(dlt);

	return n ? n : "unknown";
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

static pcap_t *create(struct ring *r, const char *dev, int promisc, int proto)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	pcap_t *p = pcap_create(dev, errbuf);

	if (!p) {
		rlog(r, LOG_ERR, "cannot open %s: %s", dev, errbuf);
		return NULL;
	}
	pcap_set_snaplen(p, r->conf.snaplen);
	pcap_set_promisc(p, promisc);
	pcap_set_timeout(p, CAPTURE_TIMEOUT_MS);
	pcap_set_buffer_size(p, (int)(r->conf.buffer_size > 0x7fffffff ? 0x7fffffff
								 : r->conf.buffer_size));
	pcap_set_immediate_mode(p, 0);
	if (proto)
		pcap_set_protocol_linux(p, proto);
	if (pcap_set_tstamp_precision(p, r->conf.nanosecond ? PCAP_TSTAMP_PRECISION_NANO
							    : PCAP_TSTAMP_PRECISION_MICRO) < 0)
		rlog(r, LOG_WARNING, "timestamp precision not supported; using microseconds");
	return p;
}

int capture_compile(struct ring *r, const char *filter, struct bpf_program *prog, char *err,
		    size_t errlen)
{
	pcap_t *p = r->cap->pcap, *dead = NULL;
	int rc;

	/*
	 * The live handle knows the kernel's VLAN offload, so it compiles
	 * whenever its link type is the files'; a ring that took another link
	 * type at its first binding compiles for that one.
	 */
	if (pcap_datalink(r->cap->pcap) != r->linktype) {
		dead = pcap_open_dead(r->linktype, r->conf.snaplen);
		if (!dead) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		p = dead;
	}
	rc = pcap_compile(p, prog, filter, 1, PCAP_NETMASK_UNKNOWN);
	if (rc < 0)
		snprintf(err, errlen, "%s", pcap_geterr(p));
	if (dead)
		pcap_close(dead);
	return rc < 0 ? -1 : 0;
}

/*
 * Reload compiles off the capture thread, so not on a ring's handle. A
 * dead handle would not do: libpcap generates VLAN tests for a live
 * Linux handle from the packet's metadata (the kernel strips the tag), for
 * a dead one from the packet bytes. So one live handle, made while
 * privileged on the placeholder and parked (it receives nothing), compiles
 * for every ring whose files hold its link type; its lock is only ever
 * taken by reload.
 */
static pcap_t *compiler;
static pthread_mutex_t compiler_lock = PTHREAD_MUTEX_INITIALIZER;

void capture_compiler_open(void)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";

	compiler = pcap_create(PLACEHOLDER_IFACE, errbuf);
	if (!compiler)
		return;
	pcap_set_snaplen(compiler, 65535);
	pcap_set_buffer_size(compiler, 64 * 1024);
	pcap_set_protocol_linux(compiler, PARK_PROTO);
	if (pcap_activate(compiler) < 0) {
		log_warn("cannot make the filter compiler's handle (%s); reload compiles for a dead handle",
			 pcap_geterr(compiler));
		pcap_close(compiler);
		compiler = NULL;
	}
}

void capture_compiler_close(void)
{
	if (compiler)
		pcap_close(compiler);
	compiler = NULL;
}

int capture_compile_for(struct ring *r, const char *filter, struct bpf_program *prog, char *err,
			size_t errlen)
{
	pcap_t *dead = NULL, *p;
	int linktype, rc;

	pthread_mutex_lock(&r->lock);
	linktype = r->linktype;
	pthread_mutex_unlock(&r->lock);
	pthread_mutex_lock(&compiler_lock);
	p = compiler && pcap_datalink(compiler) == linktype ? compiler : NULL;
	if (!p)
		p = dead = pcap_open_dead(linktype, r->conf.snaplen);
	if (!p) {
		pthread_mutex_unlock(&compiler_lock);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	rc = pcap_compile(p, prog, filter, 1, PCAP_NETMASK_UNKNOWN);
	if (rc < 0)
		snprintf(err, errlen, "%s", pcap_geterr(p));
	if (dead)
		pcap_close(dead);
	pthread_mutex_unlock(&compiler_lock);
	return rc < 0 ? -1 : 0;
}

static int set_filter(struct ring *r)
{
	struct bpf_program prog;
	char err[PCAP_ERRBUF_SIZE];
	int rc;

	if (capture_compile(r, r->conf.filter, &prog, err, sizeof(err)) < 0) {
		rlog(r, LOG_ERR, "filter \"%s\" does not compile for %s (%s): %s", r->conf.filter,
		     r->iface, dlt_name(r->linktype), err);
		return -1;
	}
	rc = pcap_setfilter(r->cap->pcap, &prog);
	pcap_freecode(&prog);
	if (rc < 0) {
		rlog(r, LOG_ERR, "cannot set filter: %s", pcap_geterr(r->cap->pcap));
		return -1;
	}
	return 0;
}

static void wait_begin(struct ring *r)
{
	struct capture_link *l = r->cap->link;

	if (l->waiting)
		return;
	l->waiting = 1;
	l->wait_start_ms = now_ms();
	l->wait_since_ns = now_real_ns();
	snprintf(r->cap->state, sizeof(r->cap->state), "waiting");
}

static void wait_end(struct ring *r)
{
	struct capture_link *l = r->cap->link;

	if (!l->waiting)
		return;
	l->waiting = 0;
	l->waited_ms += (uint64_t)(now_ms() - l->wait_start_ms);
	l->wait_start_ms = 0;
	l->wait_since_ns = 0;
	snprintf(r->cap->state, sizeof(r->cap->state), "capturing");
}

/* Binds the socket to IFINDEX for PROTO (network order); no capability is checked here. */
static int bind_to(struct ring *r, int ifindex, uint16_t proto)
{
	struct sockaddr_ll sll = {
		.sll_family = AF_PACKET,
		.sll_protocol = proto,
		.sll_ifindex = ifindex,
	};

	return bind(r->cap->pcap_fd, (struct sockaddr *)&sll, sizeof(sll));
}

static void membership(struct ring *r, int ifindex, int add)
{
	struct packet_mreq mr = { .mr_ifindex = ifindex, .mr_type = PACKET_MR_PROMISC };

	if (setsockopt(r->cap->pcap_fd, SOL_PACKET, add ? PACKET_ADD_MEMBERSHIP : PACKET_DROP_MEMBERSHIP,
		       &mr, sizeof(mr)) < 0 && add)
		rlog(r, LOG_WARNING, "%s: cannot set promiscuous mode: %s", r->iface,
		     strerror(errno));
}

/*
 * The ring's interface went away, or its name now belongs to another one.
 * The socket is parked so it cannot keep capturing a renamed interface;
 * the file stays open until the kernel has handed over its last block
 * (two block timeouts, with room to spare), then capture_tick closes it.
 */
static void vanished(struct ring *r)
{
	struct capture_link *l = r->cap->link;
	struct ifinfo lo;

	rlog(r, LOG_WARNING, "%s went away (ifindex %d); waiting for it to come back", r->iface,
	     l->ifindex);
	if (l->promisc)
		membership(r, l->ifindex, 0);
	if (iface_lookup(r->cap->pcap_fd, PLACEHOLDER_IFACE, &lo) == 0)
		bind_to(r, lo.index, htons(PARK_PROTO));
	l->ifindex = 0;
	l->lost++;
	l->last_seen_ns = now_real_ns();
	if (r->cap->file_open)
		l->close_at_ms = now_ms() + 2 * CAPTURE_TIMEOUT_MS + 100;
	wait_begin(r);
}

/* Can the ring's files hold what a raw socket delivers from hardware type ARPHRD? */
static int link_fits(struct ring *r, int arphrd)
{
	int dlt = raw_dlt(arphrd);

	/* A cooked handle gives every hardware type the same header. */
	if (r->linktype == DLT_LINUX_SLL || r->linktype == DLT_LINUX_SLL2)
		return 1;
	return arphrd == r->cap->link->arphrd || (dlt >= 0 && dlt == r->linktype);
}

/* Before its first packet a ring can still take the link type its interface turned out to have. */
static int take_linktype(struct ring *r, int dlt)
{
	uint32_t magic;
	uint8_t header[24];
	pcap_t *dead;
	int rc;

	memcpy(&magic, r->header, sizeof(magic));
	dead = pcap_open_dead_with_tstamp_precision(dlt, r->conf.snaplen,
						    magic == PCAP_MAGIC_NSEC ? PCAP_TSTAMP_PRECISION_NANO
									: PCAP_TSTAMP_PRECISION_MICRO);
	if (!dead)
		return -1;
	rc = capture_file_header(dead, header);
	pcap_close(dead);
	if (rc < 0)
		return -1;
	memcpy(r->header, header, sizeof(header));
	/* Reload compiles for it on another thread. */
	pthread_mutex_lock(&r->lock);
	r->linktype = dlt;
	pthread_mutex_unlock(&r->lock);
	return set_filter(r);
}

/* Binds the handle to the interface that now has the ring's name; 1 when bound. */
static int attach(struct ring *r, const struct ifinfo *fi)
{
	struct capture_link *l = r->cap->link;
	int dlt = raw_dlt(fi->type);

	if (!link_fits(r, fi->type)) {
		if (!(l->fresh && !r->cap->captured && dlt >= 0)) {
			if (!l->type_refused)
				rlog(r, LOG_ERR,
				     "%s is back with hardware type %d, which the ring's %s files cannot hold: restart pktcapd to capture it",
				     r->iface, fi->type, dlt_name(r->linktype));
			l->type_refused = 1;
			return 0;
		}
		if (take_linktype(r, dlt) < 0)
			return 0;
		rlog(r, LOG_INFO, "%s carries %s: the ring's files hold that", r->iface,
		     dlt_name(dlt));
	}
	/* The new interface starts a new file; numbering goes on. */
	if (l->close_at_ms) {
		ring_close_file(r);
		l->close_at_ms = 0;
	}
	if (bind_to(r, fi->index, htons(ETH_P_ALL)) < 0) {
		/* Gone again already: the next link event tells. */
		if (errno != ENODEV)
			rlog(r, LOG_ERR, "cannot bind to %s (ifindex %d): %s", r->iface, fi->index,
			     strerror(errno));
		return 0;
	}
	if (l->promisc)
		membership(r, fi->index, 1);
	rlog(r, LOG_NOTICE, "%s on %s (ifindex %d, %s)%s", fi->up ? "capturing" : "bound",
	     r->iface, fi->index, dlt_name(r->linktype),
	     fi->up ? (l->lost ? " again" : "") : "; it is down: capture starts when it is up");
	l->ifindex = fi->index;
	l->arphrd = fi->type;
	l->fresh = 0;
	l->type_refused = 0;
	l->last_seen_ns = now_real_ns();
	r->cap->dispatch_errors = 0;
	return 1;
}

/* Capture stops while the interface is down: the kernel unhooks the socket until it is up. */
static void set_up(struct ring *r, int up, int quiet)
{
	struct capture_link *l = r->cap->link;

	if (up && l->waiting) {
		wait_end(r);
		if (!quiet)
			rlog(r, LOG_NOTICE, "%s is up: capturing", r->iface);
	} else if (!up && !l->waiting) {
		rlog(r, LOG_WARNING, "%s is down: nothing to capture until it is up", r->iface);
		wait_begin(r);
	}
	l->up = up;
}

int capture_follow(struct ring *r)
{
	struct capture_link *l = r->cap->link;
	struct ifinfo fi;
	int present, bound = 0;

	if (!l || !r->cap->pcap)
		return 0;
	present = iface_lookup(r->cap->pcap_fd, r->iface, &fi) == 0;
	if (present && fi.index == l->ifindex) {
		set_up(r, fi.up, 0);
		return 0;
	}
	if (l->ifindex)
		vanished(r);
	if (present)
		bound = attach(r, &fi);
	if (bound)
		set_up(r, fi.up, 1);
	return bound;
}

void capture_tick(struct ring *r)
{
	struct capture_link *l = r->cap->link;

	if (!l || !l->close_at_ms || now_ms() < l->close_at_ms)
		return;
	ring_close_file(r);
	/* No buffer to carry the close yet: the next tick tries again. */
	if (!r->cap->file_open)
		l->close_at_ms = 0;
}

void capture_link_status(const struct ring *r, struct capture_link_status *st)
{
	const struct capture_link *l = r->cap->link;

	memset(st, 0, sizeof(*st));
	if (!l)
		return;
	st->waiting = l->waiting;
	st->up = l->up;
	st->ifindex = l->ifindex;
	st->lost = l->lost;
	st->gap_ms = l->waited_ms + (l->waiting ? (uint64_t)(now_ms() - l->wait_start_ms) : 0);
	st->waiting_since_ns = l->waiting ? l->wait_since_ns : 0;
	/* While the ring has its interface, it is seen now. */
	st->last_seen_ns = l->ifindex ? now_real_ns() : l->last_seen_ns;
}

/* Opens the handle on the placeholder, parked, for an interface that is not there (or not up). */
static int open_placeholder(struct ring *r)
{
	r->cap->link->fresh = 1;
	r->cap->pcap = create(r, PLACEHOLDER_IFACE, 0, PARK_PROTO);
	return r->cap->pcap ? pcap_activate(r->cap->pcap) : PCAP_ERROR;
}

int capture_open(struct ring *r, int promisc)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct capture_link *l;
	struct ifinfo fi;
	const char *advice;
	int rc;

	l = r->cap->link = calloc(1, sizeof(*r->cap->link));
	if (!l) {
		rlog(r, LOG_ERR, "out of memory");
		return -1;
	}
	l->promisc = promisc;
	l->arphrd = -1;
	r->cap->pcap = create(r, r->iface, promisc, 0);
	if (!r->cap->pcap)
		return -1;
	rc = pcap_activate(r->cap->pcap);
	if (rc == PCAP_ERROR_NO_SUCH_DEVICE || rc == PCAP_ERROR_IFACE_NOT_UP) {
		/*
		 * Only a socket made now, while privileged, can capture later:
		 * make it on the placeholder and bind it when the interface is there.
		 */
		rlog(r, LOG_WARNING, "%s: %s; the ring waits for it", r->iface, activate_advice(rc));
		pcap_close(r->cap->pcap);
		rc = open_placeholder(r);
	}
	if (rc < 0) {
		advice = activate_advice(rc);
		rlog(r, LOG_ERR, "cannot capture on %s: %s%s%s", r->iface,
		     advice ? advice : pcap_geterr(r->cap->pcap), advice ? " - " : "",
		     advice ? pcap_geterr(r->cap->pcap) : "");
		return -1;
	}
	if (rc > 0)
		rlog(r, LOG_WARNING, "%s: %s", r->iface, pcap_statustostr(rc));

	r->linktype = pcap_datalink(r->cap->pcap);
	if (set_filter(r) < 0)
		return -1;
	if (pcap_setnonblock(r->cap->pcap, 1, errbuf) < 0) {
		rlog(r, LOG_ERR, "cannot make the handle non-blocking: %s", errbuf);
		return -1;
	}
	r->cap->pcap_fd = pcap_get_selectable_fd(r->cap->pcap);
	if (r->cap->pcap_fd < 0 || capture_file_header(r->cap->pcap, r->header) < 0) {
		rlog(r, LOG_ERR, "cannot set up the capture handle");
		return -1;
	}
	if (l->fresh) {
		wait_begin(r);
		/* There but down: bind now, and the kernel starts delivering when it comes up. */
		capture_follow(r);
		return 0;
	}
	if (iface_lookup(r->cap->pcap_fd, r->iface, &fi) == 0) {
		l->ifindex = fi.index;
		l->arphrd = fi.type;
		l->last_seen_ns = now_real_ns();
	}
	l->up = 1;
	snprintf(r->cap->state, sizeof(r->cap->state), "capturing");
	rlog(r, LOG_INFO, "capturing on %s (%s, snaplen %d, filter \"%s\")", r->iface,
	     dlt_name(r->linktype), r->conf.snaplen, r->conf.filter);
	return 0;
}

void capture_close(struct ring *r)
{
	if (r->cap->pcap)
		pcap_close(r->cap->pcap);
	r->cap->pcap = NULL;
	r->cap->pcap_fd = -1;
	free(r->cap->link);
	r->cap->link = NULL;
}

int capture_dispatch(struct ring *r)
{
	int n = pcap_dispatch(r->cap->pcap, -1, ring_packet, (u_char *)r);

	if (n < 0 && n != PCAP_ERROR_BREAK) {
		/* "The interface disappeared", most likely: see who has the name now. */
		if (r->cap->link && !r->cap->link->waiting)
			capture_follow(r);
		if (r->cap->link && r->cap->link->waiting)
			return -1;
		if (!r->cap->dispatch_errors++)
			rlog(r, LOG_ERR, "capture error: %s", pcap_geterr(r->cap->pcap));
		snprintf(r->cap->state, sizeof(r->cap->state), "error: %s", pcap_geterr(r->cap->pcap));
		return -1;
	}
	if (r->cap->dispatch_errors) {
		rlog(r, LOG_NOTICE, "capturing again");
		r->cap->dispatch_errors = 0;
		snprintf(r->cap->state, sizeof(r->cap->state), "capturing");
	}
	return n;
}

/* nd.h: the packet printer framework: options, bounds-checked reads, buffered output */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_ND_H
#define PKTCAP_ND_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <pcap/pcap.h>

/* tcpdump's options, with tcpdump's meaning; each counts how often it was given. */
struct nd_opts {
	int nflag;		/* -n: no host names (we never resolve); -nn: no port names either */
	int vflag;
	int eflag;
	int qflag;
	int xflag;		/* -x, -xx */
	int Xflag;		/* -X, -XX */
	int Aflag;
	int tflag;		/* 0 default, 1 -t, 2 -tt, 3 -ttt, 4 -tttt, 5 -ttttt */
	int number;		/* -#: packet numbers */
	int nano;		/* --time-stamp-precision=nano */
	int Sflag;		/* -S: absolute TCP sequence numbers */
	int packettype;		/* -T: an ND_PT_* type, 0 for dispatch by port */
};

/* tcpdump's -T types, with tcpdump's numbers (netdissect.h's PT_*). */
enum {
	ND_PT_VAT = 1, ND_PT_WB, ND_PT_RPC, ND_PT_RTP, ND_PT_RTCP, ND_PT_SNMP, ND_PT_CNFP,
	ND_PT_TFTP, ND_PT_AODV, ND_PT_CARP, ND_PT_RADIUS, ND_PT_ZMTP1, ND_PT_VXLAN, ND_PT_PGM,
	ND_PT_PGM_ZMTP1, ND_PT_LMP, ND_PT_RESP, ND_PT_PTP, ND_PT_SOMEIP, ND_PT_DOMAIN,
};

/* The ND_PT_* type named by a -T argument (any case, as tcpdump), or 0 if unknown. */
int nd_packettype_parse(const char *name);

struct nd_tcp_state;

/* tcpdump's ISAKMP initiator cookie cache (print-isakmp.c), kept from packet to packet. */
#define ND_IKE_COOKIES 20
struct nd_ike_cookie {
	uint8_t ck[8];
	unsigned version;
	uint8_t iaddr[16], raddr[16];
};

#define ND_NFS_XIDS 64
struct nd_nfs_xid {
	uint32_t xid, proc, vers;
	unsigned ipver;
	uint8_t client[16], server[16];
};

struct nd {
	struct nd_opts o;
	/* The packet being printed: every read must stay below snapend. */
	const uint8_t *packet;
	const uint8_t *snapend;
	const char *protocol;	/* for " [|protocol]" when a read runs off the end */
	unsigned ll_hdr_len;	/* link-layer header length, for -x/-X without -xx/-XX */
	jmp_buf trunc;
	/* Output is buffered here and written in large blocks. */
	FILE *fp;
	char *out;
	size_t outlen, outcap;
	int line_flush;		/* flush after every packet (follow mode) */
	/* The broken-down local time of the last second printed. */
	struct tm tm_cache;
	time_t tm_sec;
	int tm_valid;
	/*
	 * The reference for -ttt (previous packet) and -ttttt (first packet), as
	 * tcpdump keeps it: seconds and fraction, "unset" while both are zero.
	 */
	int64_t ref_sec, ref_frac;
	uint64_t count;
	struct nd_tcp_state *tcp;	/* relative sequence numbers */
	struct {
		struct nd_ike_cookie cache[ND_IKE_COOKIES];
		unsigned next;
	} ike;
	/* tcpdump's NFS call cache (print-nfs.c): replies are printed by the call they answer. */
	struct {
		struct nd_nfs_xid map[ND_NFS_XIDS];
		unsigned next, hint;
	} nfs;
	/* Scratch for address strings returned by the helpers. */
	char addrbuf[4][64];
	unsigned addrslot;
};

int nd_init(struct nd *nd, FILE *fp);
void nd_free(struct nd *nd);
int nd_flush(struct nd *nd);
/*
 * Prints one packet, as tcpdump would, for pcap LINKTYPE linktype. h->ts is
 * what libpcap returns (the file's signed 32-bit fields, the fraction scaled
 * by 1000 up or down), in nanoseconds if nano_ts, else microseconds. It should be in the
 * precision printed (o.nano), as tcpdump opens files; otherwise it is scaled
 * here the way libpcap would have scaled it.
 */
void nd_print_packet(struct nd *nd, int linktype, const struct pcap_pkthdr *h, const uint8_t *p,
		     int nano_ts);
/* True if this link type has a printer (else tcpdump's "unsupported" line is printed). */
int nd_has_printer(int linktype);

/* Output. */
void nd_printf(struct nd *nd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void nd_write_slow(struct nd *nd, const char *s, size_t len);
void nd_putu(struct nd *nd, uint64_t v);
/* Lowercase hex: at least width digits (0 = as many as needed), like %0*x. */
void nd_putx(struct nd *nd, uint64_t v, int width);

/*
 * Most pieces written are a few bytes long (a name, a number, an address): two
 * overlapping fixed-size copies instead of a call to memcpy for each.
 */
static inline void nd_copy(char *d, const char *s, size_t len)
{
	if (__builtin_constant_p(len) || len > 16) {
		memcpy(d, s, len);
	} else if (len >= 8) {
		memcpy(d, s, 8);
		memcpy(d + len - 8, s + len - 8, 8);
	} else if (len >= 4) {
		memcpy(d, s, 4);
		memcpy(d + len - 4, s + len - 4, 4);
	} else if (len) {
		d[0] = s[0];
		d[len / 2] = s[len / 2];
		d[len - 1] = s[len - 1];
	}
}

/* The output calls every printer makes: inline, with the buffer full as the rare case. */
static inline void nd_write(struct nd *nd, const char *s, size_t len)
{
	if (nd->outlen + len <= nd->outcap) {
		nd_copy(nd->out + nd->outlen, s, len);
		nd->outlen += len;
	} else {
		nd_write_slow(nd, s, len);
	}
}

static inline void nd_puts(struct nd *nd, const char *s)
{
	nd_write(nd, s, strlen(s));
}

static inline void nd_putc(struct nd *nd, char c)
{
	if (nd->outlen < nd->outcap)
		nd->out[nd->outlen++] = c;
	else
		nd_write_slow(nd, &c, 1);
}

/* Truncation: " [|proto]" is printed by the framework after the longjmp. */
__attribute__((noreturn)) void nd_trunc_longjmp(struct nd *nd);
/* Prints " [|proto]" and lets the printer return normally. */
void nd_print_trunc(struct nd *nd);
void nd_print_invalid(struct nd *nd);

/* Bounds checks. */
#define ND_BYTES_AVAILABLE_AFTER(nd, p) \
	((const uint8_t *)(p) < (nd)->snapend ? (size_t)((nd)->snapend - (const uint8_t *)(p)) : 0)
#define ND_TTEST_LEN(nd, p, l) \
	((const uint8_t *)(p) >= (nd)->packet && (const uint8_t *)(p) <= (nd)->snapend && \
	 ND_BYTES_AVAILABLE_AFTER(nd, p) >= (size_t)(l))
#define ND_TCHECK_LEN(nd, p, l) do { if (!ND_TTEST_LEN(nd, p, l)) nd_trunc_longjmp(nd); } while (0)

static inline uint8_t nd_get_u8(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 1);
	return p[0];
}

static inline uint16_t nd_get_be16(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 2);
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t nd_get_be24(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 3);
	return (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2];
}

static inline uint32_t nd_get_be32(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 4);
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static inline uint16_t nd_get_le16(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 2);
	return (uint16_t)(p[1] << 8 | p[0]);
}

static inline uint32_t nd_get_le32(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 4);
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

#define GET_U_1(p) nd_get_u8(nd, (const uint8_t *)(p))
#define GET_BE_U_2(p) nd_get_be16(nd, (const uint8_t *)(p))
#define GET_BE_U_3(p) nd_get_be24(nd, (const uint8_t *)(p))
#define GET_BE_U_4(p) nd_get_be32(nd, (const uint8_t *)(p))
#define GET_LE_U_2(p) nd_get_le16(nd, (const uint8_t *)(p))
#define GET_LE_U_4(p) nd_get_le32(nd, (const uint8_t *)(p))

/* Address and name strings (bounds-checked; valid until four more calls). */
const char *nd_ipaddr_string(struct nd *nd, const uint8_t *p);
const char *nd_ip6addr_string(struct nd *nd, const uint8_t *p);
const char *nd_etheraddr_string(struct nd *nd, const uint8_t *p);
/* Port as tcpdump -n prints it: a number (names are never resolved). */
const char *nd_tcpport_string(struct nd *nd, uint16_t port);
const char *nd_udpport_string(struct nd *nd, uint16_t port);
/* IP protocol name ("tcp", "udp", ...) or NULL. */
const char *nd_ipproto_name(unsigned proto);

/* A value-to-text table, like tcpdump's tok. */
struct nd_tok {
	unsigned v;
	const char *s;
};
const char *nd_tok2str(const struct nd_tok *t, const char *fmt, unsigned v, char *buf, size_t len);
/* Bit names joined with sep, "none" if no bit is set: tcpdump's bittok2str(_nosep). */
const char *nd_bittok2str(const struct nd_tok *t, const char *none, unsigned v, const char *sep,
			  char *buf, size_t len);

/* Internet checksum over several pieces. */
struct nd_cksum_vec {
	const uint8_t *ptr;
	size_t len;
};
uint16_t nd_in_cksum(const struct nd_cksum_vec *vec, int n);
uint16_t nd_in_cksum_shouldbe(uint16_t sum, uint16_t computed);
/* TCP/UDP checksum over an IPv4/IPv6 pseudo-header (final destination) and data: 0 if right. */
uint16_t nd_nextproto_cksum(struct nd *nd, const uint8_t *ip, const uint8_t *data, unsigned len,
			    unsigned proto);

/*
 * Text helpers (print-util.c), as tcpdump's: a string of at most n bytes,
 * stopping at a NUL (printjnp) or not (printn), with control and 8-bit
 * characters escaped; a duration as "1h2m3s"; bytes a printer does not
 * decode as a hex dump of what was captured (0 if p is past the end).
 */
/* One byte as tcpdump shows text: M- for the high bit, ^ for control characters. */
void nd_print_char(struct nd *nd, uint8_t c);
void nd_printjnp(struct nd *nd, const uint8_t *s, unsigned n);
/*
 * For the application printers: nd_printn_upto stops at the end of the
 * capture and returns 1 if it did (nd_printn ends the packet there as
 * truncated); nd_printztn prints a NUL-terminated field and returns the
 * bytes used including the NUL, 0 if the field or the capture ended first.
 */
int nd_printn_upto(struct nd *nd, const uint8_t *s, unsigned n);
unsigned nd_printztn(struct nd *nd, const uint8_t *s, unsigned n);
void nd_printn(struct nd *nd, const uint8_t *s, unsigned n);
void nd_relts_print(struct nd *nd, uint32_t secs);
int nd_print_unknown_data(struct nd *nd, const uint8_t *p, const char *indent, unsigned len);

/* Hex and ASCII dumps exactly as tcpdump's -x, -X and -A. */
void nd_hex_print(struct nd *nd, const char *indent, const uint8_t *p, unsigned len);
void nd_hex_and_ascii_print(struct nd *nd, const char *indent, const uint8_t *p, unsigned len);
void nd_ascii_print(struct nd *nd, const uint8_t *p, unsigned len);

/*
 * The printers, one file each, named after tcpdump's: a link-layer printer
 * returns the length of the header it consumed; the rest print what they
 * can of bp[0..length) and read only through the accessors above.
 */
unsigned nd_ether_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
unsigned nd_sll_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
unsigned nd_sll2_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
unsigned nd_null_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen,
		       int loop);
unsigned nd_raw_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
/* Dispatch by Ethernet type (after the link header); returns 0 if unknown. */
int nd_ethertype_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned length,
		       unsigned caplen);
/* An Ethernet frame carried in a tunnel (VXLAN, Geneve, GRE): -x still skips the outer link. */
void nd_ether_encap_print(struct nd *nd, const uint8_t *p, unsigned length, unsigned caplen);
/* Tunnels: print-vxlan.c, print-geneve.c, print-gre.c, print-mpls.c. */
void nd_vxlan_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_geneve_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_gre_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_mpls_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* print-igmp.c, print-vrrp.c (ip is the IPv4 or IPv6 header), print-ospf.c. */
void nd_igmp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_vrrp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		   unsigned ttl);
void nd_ospf_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* print-lldp.c: an LLDP frame's TLVs (Ethernet type 0x88cc). */
void nd_lldp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_arp_print(struct nd *nd, const uint8_t *bp, unsigned length, unsigned caplen);
void nd_ip_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_ip6_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_tcp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		  int fragmented);
void nd_udp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		  int fragmented, unsigned ttl_hlim);
void nd_icmp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		   int fragmented);
void nd_icmp6_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		    int fragmented);
void nd_dns_print(struct nd *nd, const uint8_t *bp, unsigned length, int over_tcp, int mdns);
void nd_http_print(struct nd *nd, const uint8_t *bp, unsigned length);

#endif

/* print-app.h: the application printers above UDP */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_APP_H
#define PKTCAP_PRINT_APP_H

#include "nd.h"

/* The printers, one file each, called by print-udp.c's port dispatch. */
void nd_bootp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_ntp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_syslog_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_tftp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_radius_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_dhcp6_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_snmp_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* print-rip.c (RIP on 520, RIPng on 521), print-hsrp.c, print-bfd.c, print-ptp.c. */
void nd_rip_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_ripng_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_hsrp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_bfd_print(struct nd *nd, const uint8_t *bp, unsigned length, unsigned port);
void nd_ptp_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* print-rtp.c: what -T vat, rtp and rtcp print (RTCP: every packet up to the end of the capture). */
void nd_vat_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_rtp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_rtcp_print(struct nd *nd, const uint8_t *bp);
/* print-otv.c: OTV on UDP port 8472, with the Ethernet frame it carries. */
void nd_otv_print(struct nd *nd, const uint8_t *bp, unsigned len);
/* print-someip.c: SOME/IP on UDP port 30490 (and -T someip). */
void nd_someip_print(struct nd *nd, const uint8_t *bp, unsigned len);
/* print-cnfp.c: NetFlow v1, v5 and v6 (-T cnfp). */
void nd_cnfp_print(struct nd *nd, const uint8_t *cp);
/* print-carp.c: IP protocol 112 with -T carp (VRRP otherwise). */
void nd_carp_print(struct nd *nd, const uint8_t *bp, unsigned len, unsigned ttl);
/* print-ah.c: the header; returns its length (what follows is the next protocol). */
int nd_ah_print(struct nd *nd, const uint8_t *bp);
/* print-esp.c: UDP port 4500; 0 (nothing printed) for IKE, which is not decoded. */
int nd_udp_esp_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* Link layer: print-stp.c (LLC SAP 0x42, Cisco PVST), print-slow.c (Ethernet type 0x8809). */
void nd_stp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_slow_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* Above TCP: print-resp.c (Redis, port 6379), print-ssh.c (port 22). */
void nd_resp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_ssh_print(struct nd *nd, const uint8_t *bp, unsigned length);

/* print-sctp.c: IP protocol 132; ip is the enclosing IPv4 or IPv6 header (for the addresses). */
void nd_sctp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip);
/* print-m3ua.c: an M3UA message in a DATA chunk (payload protocol 3), with -vv. */
void nd_m3ua_print(struct nd *nd, const uint8_t *buf, unsigned size);

/* print-isakmp.c: ISAKMP/IKE on UDP 500 (7500, 8500), and on 4500 after the zero non-ESP marker. */
void nd_isakmp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip);
void nd_isakmp_natt_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip);

/* print-rx.c: AFS's RX on UDP ports 7000-7009 (the header and acks). */
void nd_rx_print(struct nd *nd, const uint8_t *bp, unsigned length);

/* An EAP packet, as in a RADIUS EAP-Message attribute. */
void nd_eap_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* A 64-bit NTP time stamp as tcpdump's p_ntp_time prints it (also for RADIUS). */
void nd_ntp_time_print(struct nd *nd, const uint8_t *p);

/* print-dccp.c: IP protocol 33; ip is the enclosing IPv4 or IPv6 header. */
void nd_dccp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip);
/*
 * print-mptcp.c: a TCP option of kind 30 (opt points at the kind, len bytes
 * captured), flags the TCP flags; returns 0 for tcpdump's "[bad opt]".
 */
int nd_mptcp_print(struct nd *nd, const uint8_t *opt, unsigned len, unsigned flags);
/* print-telnet.c: telnet commands and option negotiation at the start of a TCP port 23 payload. */
void nd_telnet_print(struct nd *nd, const uint8_t *sp, unsigned length);
/*
 * print-nfs.c: NFS over SunRPC. The UDP one prints a call to port 2049 or a
 * reply from it and returns 1, else returns 0 having printed nothing; the
 * TCP one does the same after the record mark. ip is the IPv4 or IPv6
 * header (the call cache matches replies by address and xid).
 */
int nd_nfs_udp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     unsigned sport, unsigned dport);
void nd_nfs_tcp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		      unsigned sport, unsigned dport);
/* print-sunrpc.c: -T rpc over UDP (with the addresses, as tcpdump). */
void nd_sunrpc_print(struct nd *nd, const uint8_t *rp, unsigned length, const uint8_t *ip);
/* print-pim.c: PIM (IP protocol 103; ip is the IPv4 or IPv6 header), PIMv1 inside IGMP. */
void nd_pim_print(struct nd *nd, const uint8_t *bp, unsigned len, const uint8_t *ip);
void nd_pimv1_print(struct nd *nd, const uint8_t *bp, unsigned len);
/* Cisco's auto-RP on UDP port 496, also in print-pim.c. */
void nd_autorp_print(struct nd *nd, const uint8_t *bp, unsigned len);
/* print-eigrp.c: EIGRP (IP protocol 88). */
void nd_eigrp_print(struct nd *nd, const uint8_t *bp, unsigned len);
/* print-babel.c: Babel on UDP ports 6696 and 6697. */
void nd_babel_print(struct nd *nd, const uint8_t *cp, unsigned length);
/* print-cdp.c: CDP (SNAP OUI 0x00000c, PID 0x2000). */
void nd_cdp_print(struct nd *nd, const uint8_t *p, unsigned length);
/* print-dvmrp.c: DVMRP, the IGMP message of type 0x13 (len at least 8). */
void nd_dvmrp_print(struct nd *nd, const uint8_t *bp, unsigned len);
/* print-isis.c: an OSI PDU behind LLC SAP 0xfe; 0 (nothing printed) unless it is IS-IS. */
int nd_isoclns_print(struct nd *nd, const uint8_t *p, unsigned length);

/* print-lspping.c: MPLS LSP ping on UDP port 3503. */
void nd_lspping_print(struct nd *nd, const uint8_t *bp, unsigned len);

/* print-dtp.c: Cisco DTP (SNAP OUI 0x00000c, PID 0x2004). */
void nd_dtp_print(struct nd *nd, const uint8_t *p, unsigned length);

/* print-vtp.c: Cisco VTP (SNAP OUI 0x00000c, PID 0x2003). */
void nd_vtp_print(struct nd *nd, const uint8_t *bp, unsigned length);

/* print-loopback.c: Ethernet type 0x9000, configuration testing. */
void nd_loopback_print(struct nd *nd, const uint8_t *cp, unsigned len);

/* print-ahcp.c: AHCP on UDP port 5359. */
void nd_ahcp_print(struct nd *nd, const uint8_t *cp, unsigned len);

#endif

/* print-app.h: the application printers above UDP, and the text helpers they share */
#ifndef PKTCAP_PRINT_APP_H
#define PKTCAP_PRINT_APP_H

#include "nd.h"

/*
 * Packet text as tcpdump shows it (util.c): M- for the high bit, ^ for
 * control characters. nd_printn_upto stops at snapend and returns 1 if it
 * did (nd_printn, in nd.h, ends the packet there as truncated);
 * nd_printztn prints a NUL-terminated field and returns the bytes used
 * including the NUL, 0 if the field or the capture ended first.
 * nd_printjnp and nd_print_unknown_data are in nd.h.
 */
void nd_print_char(struct nd *nd, uint8_t c);
int nd_printn_upto(struct nd *nd, const uint8_t *s, unsigned n);
unsigned nd_printztn(struct nd *nd, const uint8_t *s, unsigned n);

/* The printers, one file each, called by print-udp.c's port dispatch. */
void nd_bootp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_ntp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_syslog_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_tftp_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_radius_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_dhcp6_print(struct nd *nd, const uint8_t *bp, unsigned length);
void nd_snmp_print(struct nd *nd, const uint8_t *bp, unsigned length);

/* An EAP packet, as in a RADIUS EAP-Message attribute. */
void nd_eap_print(struct nd *nd, const uint8_t *bp, unsigned length);
/* A 64-bit NTP time stamp as tcpdump's p_ntp_time prints it (also for RADIUS). */
void nd_ntp_time_print(struct nd *nd, const uint8_t *p);

#endif

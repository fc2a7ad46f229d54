/* print-bgp-int.h: what the BGP printer's files share: AFI/SAFI numbers, output helpers, the attribute and NLRI printers */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_BGP_INT_H
#define PKTCAP_PRINT_BGP_INT_H

#include "print-bgp.h"

enum { AFI_IP = 1, AFI_IP6 = 2, AFI_NSAP = 3, AFI_VPLS = 25, AFI_L2VPN = 196 };
enum {
	SAFI_UNI = 1, SAFI_MULTI = 2, SAFI_UNIMULTI = 3, SAFI_LABUNI = 4, SAFI_MVPN = 5,
	SAFI_VPLS = 65, SAFI_MDT = 66, SAFI_VPNUNI = 128, SAFI_VPNMULTI = 129,
	SAFI_VPNUNIMULTI = 130, SAFI_RTC = 132,
};
#define AFSAFI(a, s) ((unsigned)(a) << 8 | (s))

/* A table lookup with a fixed default (no number in it). */
static inline const char *nd_bgp_tok(const struct nd_tok *t, const char *dflt, unsigned v)
{
	for (; t->s; t++)
		if (t->v == v)
			return t->s;
	return dflt;
}

/*
 * "PRE NAME (CODE)" and "TEXT NUMBER": the shape of most BGP lines,
 * written without printf, which was most of -v's time.
 */
static inline void nd_bgp_put_named(struct nd *nd, const char *pre, const char *name, unsigned code)
{
	nd_puts(nd, pre);
	nd_puts(nd, name);
	nd_puts(nd, " (");
	nd_putu(nd, code);
	nd_putc(nd, ')');
}

static inline void nd_bgp_put_num(struct nd *nd, const char *text, unsigned v)
{
	nd_puts(nd, text);
	nd_putu(nd, v);
}

/* print-bgp.c: AFI and SAFI names (tcpdump's af_values and bgp_safi_values), dflt if unknown. */
const char *nd_bgp_afi_name(unsigned afi, const char *dflt);
const char *nd_bgp_safi_name(unsigned safi, const char *dflt);

/* print-bgp-nlri.c */
/* An RFC 4364 route distinguisher (8 captured bytes at p) as tcpdump prints it. */
void nd_bgp_rd_text(struct nd *nd, const uint8_t *p, char *buf, size_t len);
/* An ISO NSAP of n bytes as tcpdump's isonsap_string ("49.0001..."). */
void nd_bgp_nsap_text(const uint8_t *a, unsigned n, char *buf, size_t len);
/* tcpdump's guess whether length bytes of NLRI carry RFC 7911 path ids. */
int nd_bgp_check_add_path(struct nd *nd, const uint8_t *p, unsigned length, unsigned maxbits);
/* Whether tcpdump decodes this AFI/SAFI (AFSAFI()) at all. */
int nd_bgp_nlri_known(unsigned afsafi);
/* MP_REACH/MP_UNREACH NLRI from p to the end of the attribute (attr, len); 0 if truncated. */
int nd_bgp_mp_nlri_print(struct nd *nd, unsigned afsafi, const uint8_t *p, const uint8_t *attr,
			 unsigned len);

/* print-bgp-attr.c */
const char *nd_bgp_attr_name(unsigned type);
/* ", Flags [OTPE+x]" after an attribute's length. */
void nd_bgp_attr_flags_print(struct nd *nd, unsigned flags);
/* One path attribute's value (and -vv's dump), len bytes at p; 0 if it was cut short. */
int nd_bgp_attr_print(struct nd *nd, unsigned type, const uint8_t *p, unsigned len, unsigned level);

#endif

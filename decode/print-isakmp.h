/* print-isakmp.h: what the ISAKMP header, IKEv1 and IKEv2 payload printers share */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_ISAKMP_H
#define PKTCAP_PRINT_ISAKMP_H

#include "nd.h"

/* One message's walk: the end tcpdump reads to, the version, a buffer for "#N" names. */
struct nd_ike {
	const uint8_t *ep;
	const uint8_t *bp;
	int v2;
	unsigned doi, proto;	/* of the SA and proposal being printed */
	char numbuf[16];
};

/* A payload printer's answer when tcpdump has none for the type: print its name. */
#define ND_IKE_NOPRINTER ((const uint8_t *)1)

const char *nd_ike_str(struct nd_ike *w, unsigned x, const char *const *tab, size_t n);
#define ND_IKE_STR(w, x, tab) nd_ike_str(w, x, tab, sizeof(tab) / sizeof(tab[0]))
const char *nd_ike_npstr(struct nd_ike *w, unsigned np);
const char *nd_ike_protoidstr(struct nd_ike *w, unsigned id);
int nd_ike_raw(struct nd *nd, const uint8_t *p, unsigned len);
int nd_ike_somedata(struct nd *nd, const uint8_t *cp, const uint8_t *ep);
void nd_ike_indent(struct nd *nd, int depth);
const uint8_t *nd_ike_sub_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				int depth);
/* Transform attributes (also IKEv2's): one attribute, or NULL when the capture ends. */
struct nd_ike_attrmap {
	const char *type;
	unsigned nvalue;
	const char *value[30];
};
const uint8_t *nd_ike_attr_print(struct nd *nd, const uint8_t *p, const uint8_t *ep2,
				 const struct nd_ike_attrmap *map, size_t nmap);
extern const char *const nd_ike_dh_map[19];
extern const struct nd_ike_attrmap nd_ike_oakley_map[];
extern const size_t nd_ike_oakley_nmap;
extern const char *const nd_ike_esp_map[13];

/* print-isakmp-v1.c (payloads 1-13) and print-isakmp-v2.c (33-48). */
const uint8_t *nd_ikev1_payload_print(struct nd *nd, struct nd_ike *w, unsigned np,
				      const uint8_t *ext, unsigned item_len, int depth);
const uint8_t *nd_ikev2_payload_print(struct nd *nd, struct nd_ike *w, unsigned np,
				      const uint8_t *ext, unsigned item_len, int depth);
/* print-isakmp-idn.c: IKEv1's ID and N payloads. */
const uint8_t *nd_ikev1_id_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
				 unsigned item_len);
const uint8_t *nd_ikev1_n_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
				unsigned item_len);
const uint8_t *nd_ikev2_n_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
				unsigned item_len);
const uint8_t *nd_ikev2_e_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				unsigned item_len);

#endif

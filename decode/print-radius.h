/* print-radius.h: what the RADIUS printer's files share: the attribute table */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_PRINT_RADIUS_H
#define PKTCAP_PRINT_RADIUS_H

#include "print-app.h"

/* How an attribute's value prints. */
enum nd_radius_fmt {
	RAD_NONE, RAD_STRING, RAD_NUM, RAD_ADDR, RAD_ADDR6, RAD_NETMASK6, RAD_VENDOR, RAD_TIME,
	RAD_VECTOR64, RAD_STRANGE, RAD_HOME_LINK, RAD_OPERATOR, RAD_LOC_INFO, RAD_LOC_DATA,
	RAD_BLPR,
};

/* One attribute type: its name, its format, and its standard values if any. */
struct nd_radius_attr {
	const char *name;
	enum nd_radius_fmt fmt;
	const char *const *values;
	unsigned nvalues;
	unsigned first;		/* the value of values[0] */
};

/* Indexed by attribute type; types past the end print as "Unknown". */
extern const struct nd_radius_attr nd_radius_attrs[];
extern const unsigned nd_radius_nattrs;
/* The SMI private enterprise numbers tcpdump names (vendor-specific attributes). */
extern const struct nd_tok nd_smi_values[];

#endif

/* packettype.c: the names of tcpdump's -T ("interpret as") packet types */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <strings.h>

#include "nd.h"

/* tcpdump 4.99.3's list, in its order: syslog and quic are not in it. */
static const struct nd_tok packettypes[] = {
	{ ND_PT_VAT, "vat" },	    { ND_PT_WB, "wb" },	      { ND_PT_RPC, "rpc" },
	{ ND_PT_RTP, "rtp" },	    { ND_PT_RTCP, "rtcp" },   { ND_PT_SNMP, "snmp" },
	{ ND_PT_CNFP, "cnfp" },	    { ND_PT_TFTP, "tftp" },   { ND_PT_AODV, "aodv" },
	{ ND_PT_CARP, "carp" },	    { ND_PT_RADIUS, "radius" }, { ND_PT_ZMTP1, "zmtp1" },
	{ ND_PT_VXLAN, "vxlan" },   { ND_PT_PGM, "pgm" },     { ND_PT_PGM_ZMTP1, "pgm_zmtp1" },
	{ ND_PT_LMP, "lmp" },	    { ND_PT_RESP, "resp" },   { ND_PT_PTP, "ptp" },
	{ ND_PT_SOMEIP, "someip" }, { ND_PT_DOMAIN, "domain" }, { 0, NULL },
};

int nd_packettype_parse(const char *name)
{
	for (const struct nd_tok *t = packettypes; t->s; t++)
		if (!strcasecmp(name, t->s))
			return (int)t->v;
	return 0;
}

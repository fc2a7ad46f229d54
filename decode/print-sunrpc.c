/* print-sunrpc.c: -T rpc over UDP: calls as portmapper calls, replies as NFS replies */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-nfs.h"

#define RPC_MSGLEN 32		/* tcpdump's struct sunrpc_msg */
#define PMAP_PORT 111

static const struct nd_tok pmap_procs[] = {
	{ 0, "null" }, { 1, "set" }, { 2, "unset" }, { 3, "getport" }, { 4, "dump" },
	{ 5, "call" }, { 0, NULL },
};

static void sunrpc_call_print(struct nd *nd, const uint8_t *rp, unsigned length,
			      const uint8_t *ip)
{
	int v6 = (GET_U_1(ip) >> 4) == 6;
	uint32_t proc, x;
	char buf[32];

	nd->protocol = "sunrpc";
	ND_TCHECK_LEN(nd, rp, RPC_MSGLEN);
	nd_printf(nd, "%s.0x%x > ", v6 ? nd_ip6addr_string(nd, ip + 8) :
		  nd_ipaddr_string(nd, ip + 12), GET_BE_U_4(rp));
	nd_printf(nd, "%s.0x%x: %u", v6 ? nd_ip6addr_string(nd, ip + 24) :
		  nd_ipaddr_string(nd, ip + 16), PMAP_PORT, length);
	proc = GET_BE_U_4(rp + 20);
	nd_printf(nd, " %s", nd_tok2str(pmap_procs, " proc #%u", proc, buf, sizeof(buf)));
	x = GET_BE_U_4(rp + 8);
	if (x != 2)
		nd_printf(nd, " [rpcver %u]", x);
	/* set, unset, getport and call name a program and version (by number: we are always -n) */
	if (proc == 1 || proc == 2 || proc == 3 || proc == 5)
		nd_printf(nd, " %u.%u", GET_BE_U_4(rp + 12), GET_BE_U_4(rp + 16));
}

void nd_sunrpc_print(struct nd *nd, const uint8_t *rp, unsigned length, const uint8_t *ip)
{
	if (GET_BE_U_4(rp + 4) == 0)
		sunrpc_call_print(nd, rp, length, ip);
	else
		nd_nfsreply_print(nd, rp, length, ip);
}

/* print-vrrp.c: VRRP v2 and v3 advertisements (RFC 3768, 5798), IP protocol 112 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "nd.h"

static const struct nd_tok auth_types[] = {
	{ 0, "none" }, { 1, "simple" }, { 2, "ah" }, { 0, NULL },
};

void nd_vrrp_print(struct nd *nd, const uint8_t *bp, unsigned len, const uint8_t *ip,
		   unsigned ttl)
{
	unsigned version, type, auth = 0, naddrs, ipver = GET_U_1(ip) >> 4;
	char buf[32];

	nd->protocol = "vrrp";
	nd_puts(nd, "VRRP");
	version = GET_U_1(bp) >> 4;
	type = GET_U_1(bp) & 0x0f;
	nd_printf(nd, "v%u, ", version);
	if (type == 1)
		nd_puts(nd, "Advertisement");
	else
		nd_printf(nd, "unknown type (%u)", type);
	if (ttl != 255)
		nd_printf(nd, ", (ttl %u)", ttl);
	if (version < 2 || version > 3 || type != 1)
		return;
	nd_printf(nd, ", vrid %u, prio %u", GET_U_1(bp + 1), GET_U_1(bp + 2));
	if (version == 2) {
		auth = GET_U_1(bp + 4);
		nd_printf(nd, ", authtype %s", nd_tok2str(auth_types, "#%d", auth, buf, sizeof(buf)));
		nd_printf(nd, ", intvl %us, length %u", GET_U_1(bp + 5), len);
	} else {
		nd_printf(nd, ", intvl %ucs, length %u",
			  (GET_U_1(bp + 4) & 0x0f) << 8 | GET_U_1(bp + 5), len);
	}
	if (!nd->o.vflag)
		return;
	naddrs = GET_U_1(bp + 3);
	if (ND_TTEST_LEN(nd, bp, len)) {
		/* v2 sums the message alone, v3 with the IP pseudo-header. */
		struct nd_cksum_vec vec = { bp, len };
		uint16_t sum = version == 2 ? nd_in_cksum(&vec, 1)
					    : nd_nextproto_cksum(nd, ip, bp, len, 112);

		if (sum)
			nd_printf(nd, ", (bad vrrp cksum %x)", GET_BE_U_2(bp + 6));
	}
	nd_puts(nd, ", addrs");
	if (naddrs > 1)
		nd_printf(nd, "(%u)", naddrs);
	nd_putc(nd, ':');
	bp += 8;
	for (unsigned i = 0; i < naddrs; i++) {
		const char *s = ipver == 4 ? nd_ipaddr_string(nd, bp) : nd_ip6addr_string(nd, bp);

		nd_putc(nd, i ? ',' : ' ');
		nd_puts(nd, s);
		bp += ipver == 4 ? 4 : 16;
	}
	if (version == 2 && auth == 1) {
		/* An 8-byte password, zero-filled when shorter. */
		nd_puts(nd, " auth \"");
		nd_printjnp(nd, bp, 8);
		nd_putc(nd, '"');
	}
}

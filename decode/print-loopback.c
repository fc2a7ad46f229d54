/* print-loopback.c: Ethernet configuration testing protocol (ethertype 0x9000, "Loopback") */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

static const struct nd_tok functions[] = { { 1, "Reply" }, { 2, "Forward Data" }, { 0, NULL } };

/* The first message after the skipped octets; -1 when tcpdump calls it invalid. */
static int message_print(struct nd *nd, const uint8_t **cpp, unsigned *lenp)
{
	unsigned function, need;
	char buf[32];

	if (*lenp < 2)
		return -1;
	function = GET_LE_U_2(*cpp);
	*cpp += 2;
	*lenp -= 2;
	nd_printf(nd, ", %s", nd_tok2str(functions, " invalid (%u)", function, buf, sizeof(buf)));
	if (function == 1 || function == 2) {
		need = function == 1 ? 2 : 6;
		if (*lenp < need)
			return -1;
		if (function == 1)
			nd_printf(nd, ", receipt number %u", GET_LE_U_2(*cpp));
		else
			nd_printf(nd, ", forwarding address %s", nd_etheraddr_string(nd, *cpp));
		*cpp += need;
		*lenp -= need;
		nd_printf(nd, ", data (%u octets)", *lenp);
	}
	ND_TCHECK_LEN(nd, *cpp, *lenp);
	return 0;
}

void nd_loopback_print(struct nd *nd, const uint8_t *cp, unsigned len)
{
	unsigned skip;

	nd->protocol = "loopback";
	nd_puts(nd, "Loopback");
	if (len >= 2) {
		skip = GET_LE_U_2(cp);
		cp += 2;
		len -= 2;
		nd_printf(nd, ", skipCount %u", skip);
		if (skip % 8)
			nd_puts(nd, " (bogus)");
		if (skip <= len) {
			ND_TCHECK_LEN(nd, cp, skip);
			cp += skip;
			len -= skip;
			if (message_print(nd, &cp, &len) == 0)
				return;
		}
	}
	nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, cp, len);
}

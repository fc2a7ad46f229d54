/* print-slow.c: IEEE slow protocols (Ethernet type 0x8809): LACP and marker PDUs; OAM's header only */
#include "config.h"

#include "print-app.h"

#define SLOW_LACP 1
#define SLOW_MARKER 2
#define SLOW_OAM 3

static const struct nd_tok slow_protos[] = {
	{ SLOW_LACP, "LACP" }, { SLOW_MARKER, "MARKER" }, { SLOW_OAM, "OAM" }, { 0, NULL },
};

static const struct nd_tok slow_tlvs[] = {
	{ (SLOW_LACP << 8) + 0, "Terminator" }, { (SLOW_LACP << 8) + 1, "Actor Information" },
	{ (SLOW_LACP << 8) + 2, "Partner Information" },
	{ (SLOW_LACP << 8) + 3, "Collector Information" },
	{ (SLOW_MARKER << 8) + 0, "Terminator" }, { (SLOW_MARKER << 8) + 1, "Marker Information" },
	{ 0, NULL },
};

static const struct nd_tok lacp_states[] = {
	{ 0x01, "Activity" }, { 0x02, "Timeout" }, { 0x04, "Aggregation" },
	{ 0x08, "Synchronization" }, { 0x10, "Collecting" }, { 0x20, "Distributing" },
	{ 0x40, "Default" }, { 0x80, "Expired" }, { 0, NULL },
};

/* The body of a TLV tcpdump decodes; -1 if its length is wrong (then only -vv's dump follows). */
static int tlv_body(struct nd *nd, const uint8_t *p, unsigned len, unsigned key)
{
	char buf[128];
	unsigned want;

	switch (key) {
	case (SLOW_LACP << 8) + 1:
	case (SLOW_LACP << 8) + 2:
		want = 18;
		break;
	case (SLOW_LACP << 8) + 3:	/* max delay and 12 pad bytes */
	case (SLOW_MARKER << 8) + 1:	/* port, system, transaction id, 2 pad bytes */
		want = 14;
		break;
	default:
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p, "\n\t  ", len);
		return 0;
	}
	if (len != want) {
		nd_printf(nd, "\n\t    ERROR: illegal length - should be %u", want + 2);
		return -1;
	}
	if (key == ((SLOW_LACP << 8) + 3))
		nd_printf(nd, "\n\t  Max Delay %u", GET_BE_U_2(p));
	else if (key == ((SLOW_MARKER << 8) + 1))
		nd_printf(nd, "\n\t  Request System %s, Request Port %u, Request Transaction ID 0x%08x",
			  nd_etheraddr_string(nd, p + 2), GET_BE_U_2(p), GET_BE_U_4(p + 8));
	else
		nd_printf(nd, "\n\t  System %s, System Priority %u, Key %u, Port %u, Port Priority %u"
			  "\n\t  State Flags [%s]",
			  nd_etheraddr_string(nd, p + 2), GET_BE_U_2(p), GET_BE_U_2(p + 8),
			  GET_BE_U_2(p + 12), GET_BE_U_2(p + 10),
			  nd_bittok2str(lacp_states, "none", GET_U_1(p + 14), ", ", buf, sizeof(buf)));
	return 0;
}

static void marker_lacp_print(struct nd *nd, const uint8_t *p, unsigned len, unsigned subtype)
{
	char buf[32];

	while (len > 0) {
		unsigned type, tlen, key;

		if (len < 2)
			goto tooshort;
		type = GET_U_1(p);
		tlen = GET_U_1(p + 1);
		key = (subtype << 8) + type;
		nd_printf(nd, "\n\t%s TLV (0x%02x), length %u",
			  nd_tok2str(slow_tlvs, "Unknown", key, buf, sizeof(buf)), type, tlen);
		if (type == 0)
			return;
		if (tlen < 2) {
			nd_puts(nd, "\n\t    ERROR: illegal length - should be >= 2");
			return;
		}
		if (len < tlen)
			goto tooshort;
		ND_TCHECK_LEN(nd, p, tlen);
		tlv_body(nd, p + 2, tlen - 2, key);
		if (nd->o.vflag > 1)
			nd_print_unknown_data(nd, p + 2, "\n\t  ", tlen - 2);
		p += tlen;
		len -= tlen;
	}
	return;
tooshort:
	nd_puts(nd, "\n\t\t packet is too short");
}

static void too_short(struct nd *nd)
{
	nd_puts(nd, nd->o.vflag ? "\n\t\t packet is too short" : " (packet is too short)");
}

void nd_slow_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned subtype, version = 0;
	char buf[32];

	nd->protocol = "slow";
	if (len < 1) {
		too_short(nd);
		return;
	}
	subtype = GET_U_1(p);
	if (subtype == SLOW_LACP || subtype == SLOW_MARKER) {
		if (len < 2) {
			too_short(nd);
			return;
		}
		version = GET_U_1(p + 1);
		if (version != 1) {
			nd_printf(nd, "%s version %u packet not supported",
				  subtype == SLOW_LACP ? "LACP" : "MARKER", version);
			return;
		}
		nd_printf(nd, "%sv%u, length %u",
			  nd_tok2str(slow_protos, "unknown (%u)", subtype, buf, sizeof(buf)), version,
			  len);
	} else {
		nd_printf(nd, "%s, length %u",
			  nd_tok2str(slow_protos, "unknown (%u)", subtype, buf, sizeof(buf)), len);
		if (subtype != SLOW_OAM) {
			nd_print_unknown_data(nd, p, "\n\t", len);
			return;
		}
	}
	/* OAM's PDUs with -v are not decoded yet. */
	if (!nd->o.vflag || subtype == SLOW_OAM)
		return;
	marker_lacp_print(nd, p + 2, len - 2, subtype);
}

/* print-slow.c: IEEE slow protocols (Ethernet type 0x8809): LACP, marker and 802.3ah OAM PDUs */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-app.h"
#include "print-ip.h"

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

static const struct nd_tok oam_flags[] = {
	{ 0x0001, "Link Fault" }, { 0x0002, "Dying Gasp" }, { 0x0004, "Critical Event" },
	{ 0x0008, "Local Evaluating" }, { 0x0010, "Local Stable" }, { 0x0020, "Remote Evaluating" },
	{ 0x0040, "Remote Stable" }, { 0, NULL },
};

static const struct nd_tok oam_codes[] = {
	{ 0x00, "Information" }, { 0x01, "Event Notification" }, { 0x02, "Variable Request" },
	{ 0x03, "Variable Response" }, { 0x04, "Loopback Control" }, { 0xfe, "Vendor Private" },
	{ 0, NULL },
};

static const struct nd_tok oam_info_types[] = {
	{ 0x00, "End of TLV marker" }, { 0x01, "Local" }, { 0x02, "Remote" },
	{ 0xfe, "Organization specific" }, { 0, NULL },
};

static const struct nd_tok oam_parser_actions[] = {
	{ 0x00, "forwarding" }, { 0x01, "looping back" }, { 0x02, "discarding" },
	{ 0x03, "reserved" }, { 0, NULL },
};

static const struct nd_tok oam_mux_actions[] = {
	{ 0x00, "forwarding" }, { 0x04, "discarding" }, { 0, NULL },
};

static const struct nd_tok oam_config_flags[] = {
	{ 0x01, "Active" }, { 0x02, "Unidirectional" }, { 0x04, "Remote-Loopback" },
	{ 0x08, "Link-Events" }, { 0x10, "Variable-Retrieval" }, { 0, NULL },
};

static const struct nd_tok oam_link_events[] = {
	{ 0x00, "End of TLV marker" }, { 0x01, "Errored Symbol Period Event" },
	{ 0x02, "Errored Frame Event" }, { 0x03, "Errored Frame Period Event" },
	{ 0x04, "Errored Frame Seconds Summary Event" }, { 0xfe, "Organization specific" },
	{ 0, NULL },
};

static const struct nd_tok oam_loopback_cmds[] = {
	{ 0x01, "Enable OAM Remote Loopback" }, { 0x02, "Disable OAM Remote Loopback" },
	{ 0, NULL },
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

static uint64_t get_be64(struct nd *nd, const uint8_t *p)
{
	ND_TCHECK_LEN(nd, p, 8);
	return (uint64_t)GET_BE_U_4(p) << 32 | GET_BE_U_4(p + 4);
}

/* An Information TLV's body: 1 if only a hex dump follows. */
static int oam_info(struct nd *nd, const uint8_t *p, unsigned type)
{
	unsigned state, oui;
	char b1[24], b2[24], b3[96];

	if (type != 0x01 && type != 0x02)
		return 1;
	if (GET_U_1(p + 1) != 16) {
		nd_puts(nd, "\n\t    ERROR: illegal length - should be 16");
		return 1;
	}
	nd_printf(nd, "\n\t    OAM-Version %u, Revision %u", GET_U_1(p + 2), GET_BE_U_2(p + 3));
	state = GET_U_1(p + 5);
	nd_printf(nd, "\n\t    State-Parser-Action %s, State-MUX-Action %s",
		  nd_tok2str(oam_parser_actions, "Reserved", state & 3, b1, sizeof(b1)),
		  nd_tok2str(oam_mux_actions, "Reserved", state & 4, b2, sizeof(b2)));
	nd_printf(nd, "\n\t    OAM-Config Flags [%s], OAM-PDU-Config max-PDU size %u",
		  nd_bittok2str(oam_config_flags, "none", GET_U_1(p + 6), ", ", b3, sizeof(b3)),
		  GET_BE_U_2(p + 7) & 0x7ff);
	oui = GET_BE_U_3(p + 9);
	nd_printf(nd, "\n\t    OUI %s (0x%06x), Vendor-Private 0x%08x",
		  nd_oui_name(oui) ? nd_oui_name(oui) : "Unknown", oui, GET_BE_U_4(p + 12));
	return 0;
}

/* A Link Event TLV's body: 1 if only a hex dump follows. */
static int oam_event(struct nd *nd, const uint8_t *p, unsigned type)
{
	uint64_t w, t, e, r;

	if (type < 0x01 || type > 0x04)
		return 1;
	if (GET_U_1(p + 1) != 40) {
		nd_puts(nd, "\n\t    ERROR: illegal length - should be 40");
		return 1;
	}
	w = get_be64(nd, p + 4);
	t = get_be64(nd, p + 12);
	e = get_be64(nd, p + 20);
	r = get_be64(nd, p + 28);
	nd_printf(nd, "\n\t    Timestamp %u ms, Errored Window %" PRIu64 "\n\t    Errored Threshold %"
		  PRIu64 "\n\t    Errors %" PRIu64 "\n\t    Error Running Total %" PRIu64
		  "\n\t    Event Running Total %u", GET_BE_U_2(p + 2) * 100, w, t, e, r,
		  GET_BE_U_4(p + 36));
	return 0;
}

/* The TLVs of Information (events 0) and Event Notification (events 1) PDUs. */
static void oam_tlvs(struct nd *nd, const uint8_t *p, unsigned len, int events)
{
	char buf[48];

	while (len > 0) {
		unsigned type, tlen, dump;

		if (len < 2)
			goto tooshort;
		type = GET_U_1(p);
		tlen = GET_U_1(p + 1);
		nd_printf(nd, events ? "\n\t  %s Link Event Type (%u), length %u" :
				       "\n\t  %s Information Type (%u), length %u",
			  nd_tok2str(events ? oam_link_events : oam_info_types, "Reserved", type, buf,
				     sizeof(buf)), type, tlen);
		if (type == 0)
			return;
		if (tlen < 2) {
			nd_puts(nd, "\n\t    ERROR: illegal length - should be >= 2");
			return;
		}
		if (len < tlen)
			goto tooshort;
		ND_TCHECK_LEN(nd, p, tlen);
		dump = events ? oam_event(nd, p, type) : oam_info(nd, p, type);
		if (nd->o.vflag > 1 || dump)
			nd_print_unknown_data(nd, p, "\n\t  ", tlen);
		len -= tlen;
		p += tlen;
	}
	return;
tooshort:
	nd_puts(nd, "\n\t\t packet is too short");
}

static void oam_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned code, cmd;
	char b1[32], b2[160];

	if (len < 3)
		goto tooshort;
	code = GET_U_1(p + 2);
	nd_printf(nd, "\n\tCode %s OAM PDU, Flags [%s]",
		  nd_tok2str(oam_codes, "Unknown (%u)", code, b1, sizeof(b1)),
		  nd_bittok2str(oam_flags, "none", GET_BE_U_2(p), ", ", b2, sizeof(b2)));
	p += 3;
	len -= 3;
	switch (code) {
	case 0x00:
		oam_tlvs(nd, p, len, 0);
		return;
	case 0x01:
		if (len < 2)
			goto tooshort;
		nd_printf(nd, "\n\t  Sequence Number %u", GET_BE_U_2(p));
		oam_tlvs(nd, p + 2, len - 2, 1);
		return;
	case 0x04:
		if (len < 1)
			goto tooshort;
		cmd = GET_U_1(p);
		nd_printf(nd, "\n\t  Command %s (%u)",
			  nd_tok2str(oam_loopback_cmds, "Unknown", cmd, b1, sizeof(b1)), cmd);
		return;
	default:
		if (nd->o.vflag <= 1)
			nd_print_unknown_data(nd, p, "\n\t  ", len);
		return;
	}
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
	if (!nd->o.vflag)
		return;
	if (subtype == SLOW_OAM)
		oam_print(nd, p + 1, len - 1);
	else
		marker_lacp_print(nd, p + 2, len - 2, subtype);
}

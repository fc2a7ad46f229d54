/* print-stp.c: spanning tree BPDUs (802.1D STP, 802.1w RSTP, 802.1s MSTP, 802.1aq SPB) in LLC SAP 0x42 */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define STP_BPDU_LEN 36		/* the configuration BPDU with RSTP's v1 length */
#define STP_BPDU_MSTP_MIN_LEN 102
#define MST_V3LEN_OFF 36
#define MST_NAME_OFF 39
#define MST_DIGEST_OFF 73
#define MST_INT_COST_OFF 89
#define MST_BRIDGE_OFF 93
#define MST_HOPS_OFF 101
#define MST_MSTI_OFF 102
#define MST_MSTI_LEN 16
#define MST_CONFIG_LEN 64
#define SPB_MIN_LEN 87

static const struct nd_tok stp_protos[] = {
	{ 0x00, "802.1d" }, { 0x02, "802.1w" }, { 0x03, "802.1s" }, { 0x04, "802.1aq" },
	{ 0, NULL },
};

static const struct nd_tok stp_flags[] = {
	{ 0x01, "Topology change" }, { 0x02, "Proposal" }, { 0x10, "Learn" }, { 0x20, "Forward" },
	{ 0x40, "Agreement" }, { 0x80, "Topology change ACK" }, { 0, NULL },
};

static const struct nd_tok stp_types[] = {
	{ 0x00, "Config" }, { 0x02, "Rapid STP" }, { 0x80, "Topology Change" }, { 0, NULL },
};

static const struct nd_tok port_roles[] = {
	{ 0x00, "Unknown" }, { 0x01, "Alternate" }, { 0x02, "Root" }, { 0x03, "Designated" },
	{ 0, NULL },
};

/* A bridge id as priority.MAC: "8000.00:11:22:33:44:55"; buf holds 24 bytes. */
static const char *bridge_id(struct nd *nd, const uint8_t *p, char *buf)
{
	snprintf(buf, 24, "%.2x%.2x.%.2x:%.2x:%.2x:%.2x:%.2x:%.2x", GET_U_1(p), GET_U_1(p + 1),
		 GET_U_1(p + 2), GET_U_1(p + 3), GET_U_1(p + 4), GET_U_1(p + 5), GET_U_1(p + 6),
		 GET_U_1(p + 7));
	return buf;
}

static const char *role(unsigned flags, char *buf, size_t len)
{
	return nd_tok2str(port_roles, "Unknown", (flags & 0x0c) >> 2, buf, len);
}

/* Timers count 1/256 s. */
static void print_timers(struct nd *nd, const uint8_t *p)
{
	nd_printf(nd, "\n\tmessage-age %.2fs, max-age %.2fs, hello-time %.2fs, forwarding-delay %.2fs",
		  GET_BE_U_2(p + 27) / 256.0, GET_BE_U_2(p + 29) / 256.0, GET_BE_U_2(p + 31) / 256.0,
		  GET_BE_U_2(p + 33) / 256.0);
}

static void print_config(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned flags = GET_U_1(p + 4);
	char buf[128], id[24];

	nd_printf(nd, ", Flags [%s]", nd_bittok2str(stp_flags, "none", flags, ", ", buf, sizeof(buf)));
	nd_printf(nd, ", bridge-id %s.%04x, length %u", bridge_id(nd, p + 17, id),
		  GET_BE_U_2(p + 25), length);
	if (!nd->o.vflag)
		return;
	print_timers(nd, p);
	nd_printf(nd, "\n\troot-id %s, root-pathcost %u", bridge_id(nd, p + 5, id),
		  GET_BE_U_4(p + 13));
	if (GET_U_1(p + 2) == 0x02)
		nd_printf(nd, ", port-role %s", role(flags, buf, sizeof(buf)));
}

static void print_msti(struct nd *nd, const uint8_t *m)
{
	char buf[128], rbuf[16], id[24];
	unsigned msti = GET_BE_U_2(m + 1) & 0x0fff, f = GET_U_1(m);

	nd_printf(nd, "\n\tMSTI %u, Flags [%s], port-role %s", msti,
		  nd_bittok2str(stp_flags, "none", f, ", ", buf, sizeof(buf)),
		  role(f, rbuf, sizeof(rbuf)));
	nd_printf(nd, "\n\t\tMSTI regional-root-id %s, pathcost %u", bridge_id(nd, m + 1, id),
		  GET_BE_U_4(m + 9));
	nd_printf(nd, "\n\t\tMSTI bridge-prio %u, port-prio %u, hops %u", GET_U_1(m + 13) >> 4,
		  GET_U_1(m + 14) >> 4, GET_U_1(m + 15));
}

static void print_mstp(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned flags = GET_U_1(p + 4), v3len;
	char buf[128], id[24];

	nd_printf(nd, ", CIST Flags [%s], length %u",
		  nd_bittok2str(stp_flags, "none", flags, ", ", buf, sizeof(buf)), length);
	if (!nd->o.vflag)
		return;
	nd_printf(nd, "\n\tport-role %s, ", role(flags, buf, sizeof(buf)));
	nd_printf(nd, "CIST root-id %s, CIST ext-pathcost %u", bridge_id(nd, p + 5, id),
		  GET_BE_U_4(p + 13));
	nd_printf(nd, "\n\tCIST regional-root-id %s, ", bridge_id(nd, p + 17, id));
	nd_printf(nd, "CIST port-id %04x,", GET_BE_U_2(p + 25));
	print_timers(nd, p);
	nd_printf(nd, "\n\tv3len %u, ", GET_BE_U_2(p + MST_V3LEN_OFF));
	nd_puts(nd, "MCID Name ");
	nd_printjnp(nd, p + MST_NAME_OFF, 32);
	nd_printf(nd, ", rev %u,\n\t\tdigest %08x%08x%08x%08x, ", GET_BE_U_2(p + MST_NAME_OFF + 32),
		  GET_BE_U_4(p + MST_DIGEST_OFF), GET_BE_U_4(p + MST_DIGEST_OFF + 4),
		  GET_BE_U_4(p + MST_DIGEST_OFF + 8), GET_BE_U_4(p + MST_DIGEST_OFF + 12));
	nd_printf(nd, "CIST int-root-pathcost %u,", GET_BE_U_4(p + MST_INT_COST_OFF));
	nd_printf(nd, "\n\tCIST bridge-id %s, ", bridge_id(nd, p + MST_BRIDGE_OFF, id));
	nd_printf(nd, "CIST remaining-hops %u", GET_U_1(p + MST_HOPS_OFF));
	v3len = GET_BE_U_2(p + MST_V3LEN_OFF);
	if (v3len <= MST_CONFIG_LEN)
		return;
	for (unsigned len = (v3len - MST_CONFIG_LEN) & 0xffff, off = MST_MSTI_OFF;
	     len >= MST_MSTI_LEN; len -= MST_MSTI_LEN, off += MST_MSTI_LEN)
		print_msti(nd, p + off);
}

static void print_spb(struct nd *nd, const uint8_t *p)
{
	unsigned a, f, c;

	if (!nd->o.vflag)
		return;
	nd_printf(nd, "\n\tv4len %u, ", GET_BE_U_2(p));
	nd_puts(nd, "AUXMCID Name ");
	nd_printjnp(nd, p + 3, 32);
	nd_printf(nd, ", Rev %u,\n\t\tdigest %08x%08x%08x%08x", GET_BE_U_2(p + 35),
		  GET_BE_U_4(p + 37), GET_BE_U_4(p + 41), GET_BE_U_4(p + 45), GET_BE_U_4(p + 49));
	a = GET_U_1(p + 53);
	f = GET_U_1(p + 55);
	c = GET_U_1(p + 56);
	nd_printf(nd, "\n\tAgreement num %u, Discarded Agreement num %u, Agreement valid-flag %u,"
		  "\n\tRestricted role-flag: %u, Format id %u cap %u, Convention id %u cap %u,"
		  "\n\tEdge count %u, Agreement digest %08x%08x%08x%08x%08x",
		  a >> 6, a >> 4 & 3, a >> 3 & 1, a >> 2 & 1, f >> 4, f, c >> 4, c,
		  GET_BE_U_2(p + 57), GET_BE_U_4(p + 67), GET_BE_U_4(p + 71), GET_BE_U_4(p + 75),
		  GET_BE_U_4(p + 79), GET_BE_U_4(p + 83));
}

/* MSTP and SPB BPDUs: 0 if printed, -1 if invalid. */
static int print_mst(struct nd *nd, const uint8_t *p, unsigned length, unsigned version)
{
	unsigned mstp_len, spb_len;

	if (length < STP_BPDU_MSTP_MIN_LEN || GET_U_1(p + 35) != 0)
		return -1;
	mstp_len = GET_BE_U_2(p + MST_V3LEN_OFF) + 2;
	if (length < STP_BPDU_LEN + mstp_len)
		return -1;
	print_mstp(nd, p, length);
	if (version != 0x04)
		return 0;
	spb_len = GET_BE_U_2(p + MST_V3LEN_OFF + mstp_len) + 2;
	if (length < STP_BPDU_LEN + mstp_len + spb_len || spb_len < SPB_MIN_LEN)
		return -1;
	print_spb(nd, p + STP_BPDU_LEN + mstp_len);
	return 0;
}

void nd_stp_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned version, type;
	char buf[48];

	nd->protocol = "stp";
	if (length < 4)
		goto invalid;
	if (GET_BE_U_2(p)) {
		nd_printf(nd, "unknown STP version, length %u", length);
		return;
	}
	version = GET_U_1(p + 2);
	nd_printf(nd, "STP %s",
		  nd_tok2str(stp_protos, "Unknown STP protocol (0x%02x)", version, buf, sizeof(buf)));
	if (version != 0 && version != 2 && version != 3 && version != 4)
		return;
	type = GET_U_1(p + 3);
	nd_printf(nd, ", %s",
		  nd_tok2str(stp_types, "Unknown BPDU Type (0x%02x)", type, buf, sizeof(buf)));
	if (type == 0x00) {
		if (length < STP_BPDU_LEN - 1)
			goto invalid;
		print_config(nd, p, length);
	} else if (type == 0x02 && version == 0x02) {
		if (length < STP_BPDU_LEN)
			goto invalid;
		print_config(nd, p, length);
	} else if (type == 0x02 && version >= 0x03) {
		if (print_mst(nd, p, length, version) < 0)
			goto invalid;
	}
	return;
invalid:
	nd_print_invalid(nd);
}

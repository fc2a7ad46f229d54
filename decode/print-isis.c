/* print-isis.c: IS-IS (ISO 10589, RFC 1195) behind LLC SAP 0xfe: the PDU headers and TLVs */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-ip.h"
#include "print-app.h"
#include "print-isis.h"

#define ISIS_COMMON_LEN 8
#define ISIS_IIH_LAN_LEN 19
#define ISIS_IIH_PTP_LEN 12
#define ISIS_LSP_LEN 19
#define ISIS_CSNP_LEN 25
#define ISIS_PSNP_LEN 9

/* What the PDU printer tells its caller: done, or dump the whole PDU in hex. */
#define ISIS_DONE 1
#define ISIS_DUMP 0

const struct nd_tok nd_nlpids[] = {
	{ 0x00, "NULL" }, { 0x08, "Q.933" }, { 0x09, "LMI" }, { 0x80, "SNAP" }, { 0x81, "CLNP" },
	{ 0x82, "ES-IS" }, { 0x83, "IS-IS" }, { 0x84, "CONS" }, { 0x85, "IDRP" },
	{ 0xc1, "ISIS_SPB" }, { 0xb1, "FRF.15" }, { 0xcc, "IPv4" }, { 0xcf, "PPP" },
	{ 0x8a, "X25 ES-IS" }, { 0x8e, "IPv6" }, { 0, NULL },
};

static const struct nd_tok pdu_types[] = {
	{ 15, "L1 Lan IIH" }, { 16, "L2 Lan IIH" }, { 17, "p2p IIH" }, { 18, "L1 LSP" },
	{ 20, "L2 LSP" }, { 24, "L1 CSNP" }, { 25, "L2 CSNP" }, { 26, "L1 PSNP" },
	{ 27, "L2 PSNP" }, { 0, NULL },
};

static const struct nd_tok tlv_names[] = {
	{ 1, "Area address(es)" }, { 2, "IS Reachability" }, { 3, "ES Neighbor(s)" },
	{ 4, "Partition DIS" }, { 5, "Prefix Neighbors" }, { 6, "IS Neighbor(s)" },
	{ 7, "Instance Identifier" }, { 8, "Padding" }, { 9, "LSP entries" },
	{ 10, "Authentication" }, { 12, "Checksum" }, { 13, "Purge Originator Identifier" },
	{ 14, "LSP Buffersize" }, { 22, "Extended IS Reachability" }, { 24, "IS Alias ID" },
	{ 42, "DECnet Phase IV" }, { 66, "Lucent Proprietary" },
	{ 128, "IPv4 Internal Reachability" }, { 129, "Protocols supported" },
	{ 130, "IPv4 External Reachability" }, { 131, "Inter-Domain Information Type" },
	{ 132, "IPv4 Interface address(es)" }, { 133, "IPv4 authentication (deprecated)" },
	{ 134, "Traffic Engineering Router ID" }, { 135, "Extended IPv4 Reachability" },
	{ 138, "Shared Risk Link Group" }, { 143, "Multi-Topology-Aware Port Capability" },
	{ 144, "Multi-Topology Capability" }, { 176, "Nortel Proprietary" },
	{ 177, "Nortel Proprietary" }, { 137, "Hostname" }, { 211, "Restart Signaling" },
	{ 222, "Multi Topology IS Reachability" }, { 229, "Multi Topology" },
	{ 232, "IPv6 Interface address(es)" }, { 235, "Multi-Topology IPv4 Reachability" },
	{ 236, "IPv6 reachability" }, { 237, "Multi-Topology IP6 Reachability" },
	{ 240, "Point-to-point Adjacency State" }, { 241, "Hello PDU Sequence Number" },
	{ 242, "IS-IS Router Capability" }, { 250, "Vendor Private" }, { 0, NULL },
};

static const struct nd_tok circuit_types[] = {
	{ 1, "Level 1 only" }, { 2, "Level 2 only" }, { 3, "Level 1, Level 2" }, { 0, NULL },
};

static const struct nd_tok lsp_istypes[] = {
	{ 0, "Unused 0x0 (invalid)" }, { 1, "L1 IS" }, { 2, "Unused 0x2 (invalid)" },
	{ 3, "L2 IS" }, { 0, NULL },
};

static const struct nd_tok auth_types[] = {
	{ 1, "simple text password" }, { 3, "Generic Crypto key-id" }, { 54, "HMAC-MD5 password" },
	{ 255, "Routing Domain private password" }, { 0, NULL },
};

static const struct nd_tok ptp_adj_states[] = {
	{ 0, "Up" }, { 1, "Initializing" }, { 2, "Down" }, { 0, NULL },
};

static const struct nd_tok restart_flags[] = {
	{ 0x1, "Restart Request" }, { 0x2, "Restart Acknowledgement" },
	{ 0x4, "Suppress adjacency advertisement" }, { 0, NULL },
};

static const struct nd_tok idrp_types[] = {
	{ 0, "Reserved" }, { 1, "Routing-Domain Specific" }, { 2, "AS Number Tag" }, { 0, NULL },
};

static const struct nd_tok router_cap_flags[] = { { 0x01, "S bit" }, { 0x02, "D bit" }, { 0, NULL } };

static const struct nd_tok virtual_flags[] = { { 0, "IsNotVirtual" }, { 1, "IsVirtual" }, { 0, NULL } };

/* The PDU being printed: its start and length (for checksums), what is left, the position. */
struct isis_pdu {
	const uint8_t *optr;
	unsigned length;
	unsigned packet_len;
	const uint8_t *pptr;
	char id[24];
};

/* ISO 8473's Fletcher checksum as tcpdump computes it, with the checksum bytes as zero. */
static uint16_t osi_cksum(const uint8_t *p, int off, int length)
{
	uint32_t c0 = 0, c1 = 0, mul;
	int x, y;

	for (int i = 0; i < length; i++) {
		if (i != off && i != off + 1)
			c0 += p[i];
		c1 += c0;
	}
	c0 %= 255;
	c1 %= 255;
	mul = (uint32_t)(length - off) * c0;
	x = (int)(mul - c0 - c1);
	y = (int)(c1 - mul - 1);
	if (y >= 0)
		y++;
	if (x < 0)
		x--;
	x %= 255;
	y %= 255;
	if (x == 0)
		x = 255;
	if (y == 0)
		y = 255;
	/* x can be negative here: shifted as unsigned, which is what tcpdump's int shift yields */
	return (uint16_t)(((unsigned)x << 8) | (unsigned)(y & 0xff));
}

void nd_osi_print_cksum(struct nd *nd, const uint8_t *p, unsigned sum, int off, unsigned len)
{
	uint16_t calc;

	if (!sum || off < 0 || !ND_TTEST_LEN(nd, p + off, 2) || (unsigned)off > len ||
	    !ND_TTEST_LEN(nd, p, len)) {
		nd_puts(nd, " (unverified)");
		return;
	}
	calc = osi_cksum(p, off, (int)len);
	if (sum == calc)
		nd_puts(nd, " (correct)");
	else
		nd_printf(nd, " (incorrect should be 0x%04x)", calc);
}

/* An NSAP or area address: hex, a dot after the first byte and then after every second. */
const char *nd_isonsap(struct nd *nd, const uint8_t *p, unsigned len, char *buf)
{
	char *o = buf;

	ND_TCHECK_LEN(nd, p, len);
	if (len < 1 || len > 20)
		return "isonsap_string: illegal length";
	for (unsigned i = 0; i < len; i++) {
		o += snprintf(o, 3, "%02x", p[i]);
		if ((i & 1) == 0 && i + 1 < len)
			*o++ = '.';
	}
	*o = '\0';
	return buf;
}

/* ---- the PDU headers ---- */

static int hdr_done(struct nd *nd, struct isis_pdu *d, unsigned hlen, unsigned pdu_len)
{
	if (nd->o.vflag > 1 &&
	    !nd_print_unknown_data(nd, d->optr + ISIS_COMMON_LEN, "\n\t  ", hlen))
		return -1;
	(void)pdu_len;
	if (d->packet_len < ISIS_COMMON_LEN + hlen) {
		nd_printf(nd, " [packet length %u < %u]", d->packet_len, ISIS_COMMON_LEN + hlen);
		nd_print_invalid(nd);
		return 1;
	}
	d->packet_len -= ISIS_COMMON_LEN + hlen;
	d->pptr = d->optr + ISIS_COMMON_LEN + hlen;
	return 0;
}

/* The PDU length field bounds the TLVs when it is shorter than the packet. */
static unsigned pdu_length(struct nd *nd, struct isis_pdu *d, const uint8_t *field)
{
	unsigned pdu_len = GET_BE_U_2(field);

	if (d->packet_len > pdu_len) {
		d->packet_len = pdu_len;
		d->length = pdu_len;
	}
	return pdu_len;
}

static int iih_lan(struct nd *nd, struct isis_pdu *d)
{
	const uint8_t *h = d->optr + ISIS_COMMON_LEN;
	char b2[24], cb[48];
	unsigned pdu_len;

	if (nd->o.vflag == 0) {
		nd_printf(nd, ", src-id %s", nd_isis_id(nd, h + 1, ISIS_SYSTEM_ID_LEN, d->id));
		nd_printf(nd, ", lan-id %s, prio %u", nd_isis_id(nd, h + 12, ISIS_NODE_ID_LEN, b2),
			  GET_U_1(h + 11));
		nd_printf(nd, ", length %u", d->length);
		return 1;
	}
	pdu_len = pdu_length(nd, d, h + 9);
	nd_printf(nd, "\n\t  source-id: %s,  holding time: %us, Flags: [%s]",
		  nd_isis_id(nd, h + 1, ISIS_SYSTEM_ID_LEN, d->id), GET_BE_U_2(h + 7),
		  nd_tok2str(circuit_types, "unknown circuit type 0x%02x", GET_U_1(h), cb,
			     sizeof(cb)));
	nd_printf(nd, "\n\t  lan-id:    %s, Priority: %u, PDU length: %u",
		  nd_isis_id(nd, h + 12, ISIS_NODE_ID_LEN, b2), GET_U_1(h + 11) & 0x7f, pdu_len);
	return hdr_done(nd, d, ISIS_IIH_LAN_LEN, pdu_len);
}

static int iih_ptp(struct nd *nd, struct isis_pdu *d)
{
	const uint8_t *h = d->optr + ISIS_COMMON_LEN;
	char cb[48];
	unsigned pdu_len;

	if (nd->o.vflag == 0) {
		nd_printf(nd, ", src-id %s", nd_isis_id(nd, h + 1, ISIS_SYSTEM_ID_LEN, d->id));
		nd_printf(nd, ", length %u", d->length);
		return 1;
	}
	pdu_len = pdu_length(nd, d, h + 9);
	nd_printf(nd, "\n\t  source-id: %s, holding time: %us, Flags: [%s]",
		  nd_isis_id(nd, h + 1, ISIS_SYSTEM_ID_LEN, d->id), GET_BE_U_2(h + 7),
		  nd_tok2str(circuit_types, "unknown circuit type 0x%02x", GET_U_1(h), cb,
			     sizeof(cb)));
	nd_printf(nd, "\n\t  circuit-id: 0x%02x, PDU length: %u", GET_U_1(h + 11), pdu_len);
	return hdr_done(nd, d, ISIS_IIH_PTP_LEN, pdu_len);
}

static void lsp_flags(struct nd *nd, unsigned tb)
{
	char buf[32];

	nd_printf(nd, "%s", (tb & 0x04) ? "Overload bit set, " : "");
	if (tb & 0x78) {
		nd_puts(nd, (tb & 0x08) ? "default " : "");
		nd_puts(nd, (tb & 0x10) ? "delay " : "");
		nd_puts(nd, (tb & 0x20) ? "expense " : "");
		nd_puts(nd, (tb & 0x40) ? "error " : "");
		nd_puts(nd, "ATT bit set, ");
	}
	nd_puts(nd, (tb & 0x80) ? "P bit set, " : "");
	nd_printf(nd, "%s ]", nd_tok2str(lsp_istypes, "Unknown(0x%x)", tb & 3, buf, sizeof(buf)));
}

static int lsp_hdr(struct nd *nd, struct isis_pdu *d)
{
	const uint8_t *h = d->optr + ISIS_COMMON_LEN;
	unsigned pdu_len;

	if (nd->o.vflag == 0) {
		nd_printf(nd, ", lsp-id %s, seq 0x%08x, lifetime %5us",
			  nd_isis_id(nd, h + 4, ISIS_LSP_ID_LEN, d->id), GET_BE_U_4(h + 12),
			  GET_BE_U_2(h + 2));
		nd_printf(nd, ", length %u", d->length);
		return 1;
	}
	pdu_len = pdu_length(nd, d, h);
	nd_printf(nd, "\n\t  lsp-id: %s, seq: 0x%08x, lifetime: %5us\n\t  chksum: 0x%04x",
		  nd_isis_id(nd, h + 4, ISIS_LSP_ID_LEN, d->id), GET_BE_U_4(h + 12),
		  GET_BE_U_2(h + 2), GET_BE_U_2(h + 16));
	nd_osi_print_cksum(nd, h + 4, GET_BE_U_2(h + 16), 12, d->length - 12);
	nd_printf(nd, ", PDU length: %u, Flags: [ ", pdu_len);
	lsp_flags(nd, GET_U_1(h + 18));
	return hdr_done(nd, d, ISIS_LSP_LEN, pdu_len);
}

/*
 * What CSNP and PSNP headers begin with: the one-line form (returns 1,
 * nothing more to print) or, with -v, the source and PDU length (returns 0).
 */
static int snp_source(struct nd *nd, struct isis_pdu *d, const uint8_t *h, unsigned *pdu_len)
{
	if (nd->o.vflag == 0) {
		nd_printf(nd, ", src-id %s", nd_isis_id(nd, h + 2, ISIS_NODE_ID_LEN, d->id));
		nd_printf(nd, ", length %u", d->length);
		return 1;
	}
	*pdu_len = pdu_length(nd, d, h);
	nd_printf(nd, "\n\t  source-id:    %s, PDU length: %u",
		  nd_isis_id(nd, h + 2, ISIS_NODE_ID_LEN, d->id), *pdu_len);
	return 0;
}

static int csnp_hdr(struct nd *nd, struct isis_pdu *d)
{
	const uint8_t *h = d->optr + ISIS_COMMON_LEN;
	unsigned pdu_len;

	if (snp_source(nd, d, h, &pdu_len))
		return 1;
	nd_printf(nd, "\n\t  start lsp-id: %s", nd_isis_id(nd, h + 9, ISIS_LSP_ID_LEN, d->id));
	nd_printf(nd, "\n\t  end lsp-id:   %s", nd_isis_id(nd, h + 17, ISIS_LSP_ID_LEN, d->id));
	return hdr_done(nd, d, ISIS_CSNP_LEN, pdu_len);
}

static int psnp_hdr(struct nd *nd, struct isis_pdu *d)
{
	const uint8_t *h = d->optr + ISIS_COMMON_LEN;
	unsigned pdu_len;

	if (snp_source(nd, d, h, &pdu_len))
		return 1;
	return hdr_done(nd, d, ISIS_PSNP_LEN, pdu_len);
}

/* ---- the TLVs ---- */

/* What a TLV printer returns: go on, the PDU is truncated, or stop (1) or dump (0) at once. */
enum tlv_rc { TLV_OK, TLV_SHORT, TLV_TRUNC, TLV_RET1, TLV_RET0, TLV_OTHER };

static enum tlv_rc tlv_area(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[64];
	unsigned alen;

	while (len != 0) {
		alen = GET_U_1(p);
		p++;
		len--;
		if (len < alen)
			return TLV_SHORT;
		nd_printf(nd, "\n\t      Area address (length: %u): %s", alen,
			  nd_isonsap(nd, p, alen, buf));
		p += alen;
		len = (uint8_t)(len - alen);
	}
	return TLV_OK;
}

static enum tlv_rc tlv_isneigh(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[24];

	for (; len != 0; len -= 6, p += 6) {
		if (len < 6)
			return TLV_SHORT;
		if (!ND_TTEST_LEN(nd, p, 6))
			return TLV_TRUNC;
		nd_printf(nd, "\n\t      SNPA: %s", nd_isis_id(nd, p, 6, buf));
	}
	return TLV_OK;
}

static enum tlv_rc tlv_instance(struct nd *nd, const uint8_t *p, uint8_t len)
{
	unsigned n;

	if (len < 4)
		return TLV_SHORT;
	n = (unsigned)(len - 2) / 2;
	nd_printf(nd, "\n\t      Instance ID: %u, ITIDs(%u)%s ", GET_BE_U_2(p), n, n ? ":" : "");
	p += 2;
	for (unsigned i = 0; i < n; i++, p += 2) {
		nd_putu(nd, GET_BE_U_2(p));
		if (i < n - 1)
			nd_puts(nd, ", ");
	}
	return TLV_OK;
}

/* TLVs 22, 24 and 222 (after its topology id): neighbors until the TLV ends. */
static enum tlv_rc ext_is_list(struct nd *nd, const uint8_t *p, uint8_t len, unsigned type)
{
	unsigned n;

	while (len != 0) {
		n = nd_isis_ext_is_reach(nd, p, "\n\t      ", type, len);
		if (n == 0)
			return TLV_TRUNC;
		if (len < n) {
			nd_printf(nd, " [remaining tlv length %u < %u]", len, n);
			nd_print_invalid(nd);
			break;
		}
		len = (uint8_t)(len - (uint8_t)n);
		p += (uint8_t)n;
	}
	return TLV_OK;
}

static enum tlv_rc ext_ip_list(struct nd *nd, const uint8_t *p, uint8_t len, int v6)
{
	unsigned n;

	while (len != 0) {
		n = nd_isis_extd_ip_reach(nd, p, "\n\t      ", v6);
		if (n == 0)
			return TLV_TRUNC;
		if (len < n) {
			nd_printf(nd, " [remaining tlv length %u < %u]", len, n);
			nd_print_invalid(nd);
			break;
		}
		len = (uint8_t)(len - (uint8_t)n);
		p += (uint8_t)n;
	}
	return TLV_OK;
}

/* The multi-topology forms: the topology id first. */
static enum tlv_rc mt_list(struct nd *nd, const uint8_t *p, uint8_t len, unsigned type)
{
	uint8_t n = nd_isis_mtid(nd, p, "\n\t      ", len);

	if (n == 0)
		return TLV_TRUNC;
	p += n;
	len = (uint8_t)(len - n);
	if (type == 222)
		return ext_is_list(nd, p, len, type);
	return ext_ip_list(nd, p, len, type == 237);
}

static enum tlv_rc tlv_is_reach(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[48];

	if (len < 1)
		return TLV_SHORT;
	nd_printf(nd, "\n\t      %s",
		  nd_tok2str(virtual_flags, "bogus virtual flag 0x%02x", GET_U_1(p), buf,
			     sizeof(buf)));
	p++;
	len--;
	for (; len != 0; len -= 11, p += 11) {
		if (len < 11)
			return TLV_SHORT;
		if (!ND_TTEST_LEN(nd, p, 11))
			return TLV_TRUNC;
		nd_printf(nd, "\n\t      IS Neighbor: %s", nd_isis_id(nd, p + 4, ISIS_NODE_ID_LEN, buf));
		nd_isis_metric_block(nd, p);
	}
	return TLV_OK;
}

static enum tlv_rc tlv_es_neigh(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[24];

	for (; len != 0; len -= 10, p += 10) {
		if (len < 10)
			return TLV_SHORT;
		if (!ND_TTEST_LEN(nd, p, 10))
			return TLV_TRUNC;
		nd_printf(nd, "\n\t      ES Neighbor: %s",
			  nd_isis_id(nd, p + 4, ISIS_SYSTEM_ID_LEN, buf));
		nd_isis_metric_block(nd, p);
	}
	return TLV_OK;
}

static enum tlv_rc tlv_ip6addr(struct nd *nd, const uint8_t *p, uint8_t len, int v6)
{
	unsigned sz = v6 ? 16 : 4;

	for (; len != 0; len = (uint8_t)(len - sz), p += sz) {
		if (len < sz)
			return TLV_SHORT;
		if (v6)
			nd_printf(nd, "\n\t      IPv6 interface address: %s", nd_ip6addr_string(nd, p));
		else
			nd_printf(nd, "\n\t      IPv4 interface address: %s", nd_ipaddr_string(nd, p));
	}
	return TLV_OK;
}

static void hex_run(struct nd *nd, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		nd_printf(nd, "%02x", GET_U_1(p + i));
}

static enum tlv_rc tlv_auth(struct nd *nd, const uint8_t *p, uint8_t len)
{
	unsigned type;
	char buf[48];

	if (len < 1)
		return TLV_SHORT;
	type = GET_U_1(p);
	p++;
	len--;
	nd_printf(nd, "\n\t      %s: ",
		  nd_tok2str(auth_types, "unknown Authentication type 0x%02x", type, buf,
			     sizeof(buf)));
	switch (type) {
	case 1:
		nd_printjnp(nd, p, len);
		break;
	case 54:
		hex_run(nd, p, len);
		if (len != 16)
			nd_puts(nd, ", (invalid subTLV) ");
		/* without a secret (tcpdump's -M) the signature is never checked */
		nd_puts(nd, " (unchecked)");
		break;
	case 3:
		if (len < 2)
			return TLV_SHORT;
		nd_printf(nd, "%u, password: ", GET_BE_U_2(p));
		hex_run(nd, p + 2, (unsigned)len - 2);
		break;
	default:
		if (!nd_print_unknown_data(nd, p, "\n\t\t  ", len))
			return TLV_RET0;
		break;
	}
	return TLV_OK;
}

static enum tlv_rc tlv_ptp_adj(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[24];

	if (len >= 1) {
		nd_printf(nd, "\n\t      Adjacency State: %s (%u)",
			  nd_tok2str(ptp_adj_states, "unknown", GET_U_1(p), buf, sizeof(buf)),
			  GET_U_1(p));
		len--;
	}
	if (len > 4) {
		nd_printf(nd, "\n\t      Extended Local circuit-ID: 0x%08x", GET_BE_U_4(p + 1));
		len -= 4;
	}
	if (len >= ISIS_SYSTEM_ID_LEN) {
		if (!ND_TTEST_LEN(nd, p + 5, ISIS_SYSTEM_ID_LEN))
			return TLV_TRUNC;
		nd_printf(nd, "\n\t      Neighbor System-ID: %s",
			  nd_isis_id(nd, p + 5, ISIS_SYSTEM_ID_LEN, buf));
		len -= ISIS_SYSTEM_ID_LEN;
	}
	if (len >= 4)
		nd_printf(nd, "\n\t      Neighbor Extended Local circuit-ID: 0x%08x",
			  GET_BE_U_4(p + 11));
	return TLV_OK;
}

static enum tlv_rc tlv_protocols(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[24];

	nd_puts(nd, "\n\t      NLPID(s): ");
	for (; len != 0; p++, len--) {
		nd_printf(nd, "%s (0x%02x)", nd_tok2str(nd_nlpids, "unknown", GET_U_1(p), buf, sizeof(buf)),
			  GET_U_1(p));
		if (len > 1)
			nd_puts(nd, ", ");
	}
	return TLV_OK;
}

static enum tlv_rc tlv_mt_caps(struct nd *nd, const uint8_t *p, uint8_t len, unsigned type)
{
	unsigned v;

	if (len < 2)
		return TLV_SHORT;
	v = GET_BE_U_2(p);
	if (type == 143) {
		nd_printf(nd, "\n\t       RES: %u, MTID(s): %u", v >> 12, v & 0x0fff);
		if (len - 2)
			nd_isis_mt_port_cap_subtlv(nd, p + 2, (unsigned)len - 2);
	} else {
		nd_printf(nd, "\n\t      O: %u, RES: %u, MTID(s): %u", (v >> 15) & 1, (v >> 12) & 7,
			  v & 0x0fff);
		if (len - 2)
			nd_isis_mt_capability_subtlv(nd, p + 2, (unsigned)len - 2);
	}
	return TLV_OK;
}

static enum tlv_rc tlv_srlg(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[24];

	if (len < ISIS_NODE_ID_LEN)
		return TLV_OK;
	if (!ND_TTEST_LEN(nd, p, ISIS_NODE_ID_LEN))
		return TLV_TRUNC;
	nd_printf(nd, "\n\t      IS Neighbor: %s", nd_isis_id(nd, p, ISIS_NODE_ID_LEN, buf));
	p += 7;
	len -= 7;
	if (len < 1)
		return TLV_OK;
	nd_printf(nd, ", Flags: [%s]", (GET_U_1(p) & 1) ? "numbered" : "unnumbered");
	p++;
	len--;
	if (len < 4)
		return TLV_OK;
	nd_printf(nd, "\n\t      IPv4 interface address: %s", nd_ipaddr_string(nd, p));
	p += 4;
	len -= 4;
	if (len < 4)
		return TLV_OK;
	nd_printf(nd, "\n\t      IPv4 neighbor address: %s", nd_ipaddr_string(nd, p));
	p += 4;
	len -= 4;
	for (; len != 0; p += 4, len -= 4) {
		if (len < 4)
			return TLV_SHORT;
		nd_printf(nd, "\n\t      Link-ID: 0x%08x", GET_BE_U_4(p));
	}
	return TLV_OK;
}

static enum tlv_rc tlv_lsp_entries(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[24];

	for (; len != 0; len -= 16, p += 16) {
		if (len < 16)
			return TLV_SHORT;
		if (!ND_TTEST_LEN(nd, p + 2 + ISIS_LSP_ID_LEN - 1, 1))
			return TLV_TRUNC;
		nd_printf(nd, "\n\t      lsp-id: %s", nd_isis_id(nd, p + 2, ISIS_LSP_ID_LEN, buf));
		nd_printf(nd, ", seq: 0x%08x", GET_BE_U_4(p + 10));
		nd_printf(nd, ", lifetime: %5ds", GET_BE_U_2(p));
		nd_printf(nd, ", chksum: 0x%04x", GET_BE_U_2(p + 14));
	}
	return TLV_OK;
}

static enum tlv_rc tlv_poi(struct nd *nd, const uint8_t *p, uint8_t len)
{
	unsigned n;
	char buf[24];

	if (len < 1)
		return TLV_SHORT;
	n = GET_U_1(p);
	p++;
	len--;
	if (n == 0) {
		nd_puts(nd, " No system IDs supplied");
		return TLV_OK;
	}
	if (len < 6)
		return TLV_SHORT;
	if (!ND_TTEST_LEN(nd, p, 6))
		return TLV_TRUNC;
	nd_printf(nd, "\n\t      Purge Originator System-ID: %s", nd_isis_id(nd, p, 6, buf));
	p += 6;
	len -= 6;
	if (n > 1) {
		if (len < 6)
			return TLV_SHORT;
		if (!ND_TTEST_LEN(nd, p, 6) || !ND_TTEST_LEN(nd, p, 13))
			return TLV_TRUNC;
		nd_printf(nd, "\n\t      Received from System-ID: %s", nd_isis_id(nd, p, 6, buf));
	}
	return TLV_OK;
}

static enum tlv_rc tlv_mt_supported(struct nd *nd, const uint8_t *p, uint8_t len)
{
	uint8_t n;

	while (len != 0) {
		if (len == 1) {
			nd_puts(nd, "\n\t      invalid MT-ID");
			break;
		}
		n = nd_isis_mtid(nd, p, "\n\t      ", len);
		if (n == 0)
			return TLV_TRUNC;
		p += n;
		len = (uint8_t)(len - n);
	}
	return TLV_OK;
}

static enum tlv_rc tlv_restart(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[96];

	if (len < 1)
		return TLV_OK;
	if (!ND_TTEST_LEN(nd, p, 1))
		return TLV_TRUNC;
	nd_printf(nd, "\n\t      Flags [%s]",
		  nd_bittok2str(restart_flags, "none", GET_U_1(p), ", ", buf, sizeof(buf)));
	p++;
	len--;
	if (len == 0 || len < 2)
		return TLV_OK;
	if (!ND_TTEST_LEN(nd, p, 2))
		return TLV_TRUNC;
	nd_printf(nd, ", Remaining holding time %us", GET_BE_U_2(p));
	p += 2;
	len -= 2;
	if (len == ISIS_SYSTEM_ID_LEN) {
		if (!ND_TTEST_LEN(nd, p, ISIS_SYSTEM_ID_LEN))
			return TLV_TRUNC;
		nd_printf(nd, ", for %s", nd_isis_id(nd, p, ISIS_SYSTEM_ID_LEN, buf));
	}
	return TLV_OK;
}

static enum tlv_rc tlv_idrp(struct nd *nd, const uint8_t *p, uint8_t len)
{
	unsigned t;
	char buf[32];

	if (len < 1)
		return TLV_OK;
	t = GET_U_1(p);
	nd_printf(nd, "\n\t      Inter-Domain Information Type: %s",
		  nd_tok2str(idrp_types, "Unknown (0x%02x)", t, buf, sizeof(buf)));
	p++;
	len--;
	if (t == 2) {
		if (len < 2)
			return TLV_SHORT;
		nd_printf(nd, "AS Number: %u", GET_BE_U_2(p));
	} else if (!nd_print_unknown_data(nd, p, "\n\t      ", len)) {
		return TLV_RET0;
	}
	return TLV_OK;
}

static enum tlv_rc tlv_part_dis(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[24];

	for (; len != 0; p += 6, len -= 6) {
		if (len < 6)
			return TLV_SHORT;
		if (!ND_TTEST_LEN(nd, p, 6))
			return TLV_TRUNC;
		nd_printf(nd, "\n\t      %s", nd_isis_id(nd, p, 6, buf));
	}
	return TLV_OK;
}

static enum tlv_rc tlv_prefix_neigh(struct nd *nd, const uint8_t *p, uint8_t len)
{
	unsigned plen;
	char buf[64];

	if (len < 4)
		return TLV_OK;
	if (!ND_TTEST_LEN(nd, p, 4))
		return TLV_TRUNC;
	nd_puts(nd, "\n\t      Metric Block");
	nd_isis_metric_block(nd, p);
	p += 4;
	len -= 4;
	while (len != 0) {
		plen = GET_U_1(p);
		p++;
		len--;
		if (plen < 2) {
			nd_printf(nd, "\n\t\tAddress: prefix length %u < 2", plen);
			break;
		}
		if (len < plen / 2)
			break;
		nd_printf(nd, "\n\t\tAddress: %s/%u", nd_isonsap(nd, p, plen / 2, buf), plen * 4);
		p += plen / 2;
		len = (uint8_t)(len - plen / 2);
	}
	return TLV_OK;
}

static enum tlv_rc tlv_router_cap(struct nd *nd, const uint8_t *p, uint8_t len)
{
	char buf[32];

	if (len < 5) {
		nd_printf(nd, " [object length %u < 5]", len);
		nd_print_invalid(nd);
		return TLV_OK;
	}
	nd_printf(nd, "\n\t      Router-ID %s", nd_ipaddr_string(nd, p));
	nd_printf(nd, ", Flags [%s]",
		  nd_bittok2str(router_cap_flags, "none", GET_U_1(p + 4), ", ", buf, sizeof(buf)));
	if (len > 5)
		nd_isis_router_cap_subtlv(nd, p + 5, (uint8_t)(len - 5));
	return TLV_OK;
}

static enum tlv_rc tlv_vendor(struct nd *nd, const uint8_t *p, uint8_t len)
{
	unsigned oui;
	const char *name;

	if (len < 3)
		return TLV_OK;
	oui = GET_BE_U_3(p);
	name = nd_oui_name(oui);
	nd_printf(nd, "\n\t      Vendor: %s (%u)", name ? name : "Unknown", oui);
	if (len - 3 != 0 && !nd_print_unknown_data(nd, p + 3, "\n\t\t", (unsigned)len - 3))
		return TLV_RET0;
	return TLV_OK;
}

static enum tlv_rc tlv_checksum(struct nd *nd, struct isis_pdu *d, const uint8_t *p, uint8_t len)
{
	if (len < 2)
		return TLV_OK;
	if (!ND_TTEST_LEN(nd, p, 2))
		return TLV_TRUNC;
	nd_printf(nd, "\n\t      checksum: 0x%04x ", GET_BE_U_2(p));
	nd_osi_print_cksum(nd, d->optr, GET_BE_U_2(p), (int)(p - d->optr), d->length);
	return TLV_OK;
}

/* One TLV's value, by type (split in two for length); TLV_OTHER for the rest. */
static enum tlv_rc tlv_value(struct nd *nd, unsigned type, const uint8_t *p, uint8_t len)
{
	switch (type) {
	case 1:
		return tlv_area(nd, p, len);
	case 6:
		return tlv_isneigh(nd, p, len);
	case 7:
		return tlv_instance(nd, p, len);
	case 8:
		return TLV_OK;
	case 222:
	case 235:
	case 237:
		return mt_list(nd, p, len, type);
	case 24:
	case 22:
		return ext_is_list(nd, p, len, type);
	case 2:
		return tlv_is_reach(nd, p, len);
	case 3:
		return tlv_es_neigh(nd, p, len);
	case 128:
	case 130:
		return nd_isis_tlv_ip_reach(nd, p, "\n\t      ", len) ? TLV_OK : TLV_RET1;
	case 135:
	case 236:
		return ext_ip_list(nd, p, len, type == 236);
	case 232:
	case 132:
		return tlv_ip6addr(nd, p, len, type == 232);
	case 10:
		return tlv_auth(nd, p, len);
	case 240:
		return tlv_ptp_adj(nd, p, len);
	case 129:
		return tlv_protocols(nd, p, len);
	}
	return TLV_OTHER;
}

static enum tlv_rc tlv_value2(struct nd *nd, struct isis_pdu *d, unsigned type, const uint8_t *p,
			      uint8_t len)
{
	switch (type) {
	case 143:
	case 144:
		return tlv_mt_caps(nd, p, len, type);
	case 134:
		if (len < 4)
			return TLV_SHORT;
		nd_printf(nd, "\n\t      Traffic Engineering Router ID: %s", nd_ipaddr_string(nd, p));
		return TLV_OK;
	case 137:
		nd_puts(nd, "\n\t      Hostname: ");
		nd_printjnp(nd, p, len);
		return TLV_OK;
	case 138:
		return tlv_srlg(nd, p, len);
	case 9:
		return tlv_lsp_entries(nd, p, len);
	case 12:
		return tlv_checksum(nd, d, p, len);
	case 13:
		return tlv_poi(nd, p, len);
	case 229:
		return tlv_mt_supported(nd, p, len);
	case 211:
		return tlv_restart(nd, p, len);
	case 131:
		return tlv_idrp(nd, p, len);
	case 14:
		if (len >= 2)
			nd_printf(nd, "\n\t      LSP Buffersize: %u", GET_BE_U_2(p));
		return TLV_OK;
	case 4:
		return tlv_part_dis(nd, p, len);
	case 5:
		return tlv_prefix_neigh(nd, p, len);
	case 241:
		if (len >= 4)
			nd_printf(nd, "\n\t      Sequence number: %u", GET_BE_U_4(p));
		return TLV_OK;
	case 242:
		return tlv_router_cap(nd, p, len);
	case 250:
		return tlv_vendor(nd, p, len);
	}
	if (nd->o.vflag <= 1 && !nd_print_unknown_data(nd, p, "\n\t\t", len))
		return TLV_RET0;
	return TLV_OK;
}

static int tlvs_print(struct nd *nd, struct isis_pdu *d)
{
	unsigned type, len;
	enum tlv_rc rc;
	char buf[48];

	while (d->packet_len > 0) {
		if (!ND_TTEST_LEN(nd, d->pptr, 2) || d->packet_len < 2)
			goto trunc;
		type = GET_U_1(d->pptr);
		len = GET_U_1(d->pptr + 1);
		d->pptr += 2;
		d->packet_len -= 2;
		/* puts and putu rather than printf: this line starts every TLV */
		nd_puts(nd, "\n\t    ");
		nd_puts(nd, nd_tok2str(tlv_names, "unknown", type, buf, sizeof(buf)));
		nd_puts(nd, " TLV #");
		nd_putu(nd, type);
		nd_puts(nd, ", length: ");
		nd_putu(nd, len);
		if (d->packet_len < len)
			goto trunc;
		rc = tlv_value(nd, type, d->pptr, (uint8_t)len);
		if (rc == TLV_OTHER)
			rc = tlv_value2(nd, d, type, d->pptr, (uint8_t)len);
		if (rc == TLV_TRUNC)
			goto trunc;
		if (rc == TLV_RET1)
			return ISIS_DONE;
		if (rc == TLV_RET0)
			return ISIS_DUMP;
		if (nd->o.vflag > 1 && !nd_print_unknown_data(nd, d->pptr, "\n\t      ", len))
			return ISIS_DUMP;
		d->pptr += len;
		d->packet_len -= len;
	}
	if (d->packet_len != 0)
		nd_printf(nd, "\n\t      %u straggler bytes", d->packet_len);
	return ISIS_DONE;
trunc:
	nd_print_trunc(nd);
	return ISIS_DONE;
}

/* ---- the common header ---- */

/* The checks of the common header tcpdump makes; 0 if the PDU is one it decodes. */
static int common_check(struct nd *nd, const uint8_t *p, unsigned length, unsigned *max_area)
{
	unsigned v, idlen, fixed, ma;

	v = GET_U_1(p + 2);
	if (v != 1) {
		nd_printf(nd, "version %u packet not supported", v);
		return -1;
	}
	idlen = GET_U_1(p + 3);
	if (idlen != ISIS_SYSTEM_ID_LEN && idlen != 0) {
		nd_printf(nd, "system ID length of %u is not supported", idlen);
		return -1;
	}
	v = GET_U_1(p + 5);
	if (v != 1) {
		nd_printf(nd, "version %u packet not supported", v);
		return -1;
	}
	fixed = GET_U_1(p + 1);
	if (length < fixed) {
		nd_printf(nd, "fixed header length %u > packet length %u", fixed, length);
		return -1;
	}
	if (fixed < ISIS_COMMON_LEN) {
		nd_printf(nd, "fixed header length %u < minimum header size %u", fixed,
			  ISIS_COMMON_LEN);
		return -1;
	}
	ma = GET_U_1(p + 7);
	if (ma == 255) {
		nd_puts(nd, "bad packet -- 255 areas");
		return -1;
	}
	*max_area = ma ? ma : 3;
	return 0;
}

static const unsigned hdr_lens[] = {
	[15] = ISIS_IIH_LAN_LEN, [16] = ISIS_IIH_LAN_LEN, [17] = ISIS_IIH_PTP_LEN,
	[18] = ISIS_LSP_LEN, [20] = ISIS_LSP_LEN, [24] = ISIS_CSNP_LEN, [25] = ISIS_CSNP_LEN,
	[26] = ISIS_PSNP_LEN, [27] = ISIS_PSNP_LEN,
};

/* The type's fixed header, checked against the PDU; 0 to go on, else what to return. */
static int fixed_check(struct nd *nd, struct isis_pdu *d, unsigned type, unsigned fixed,
		       int *ret)
{
	unsigned hlen = type < 28 ? hdr_lens[type] : 0;

	if (fixed != ISIS_COMMON_LEN + hlen) {
		/* tcpdump's LSP message names the LSP header's size alone */
		nd_printf(nd, "%s bogus fixed header length %u should be %u",
			  type == 26 || type == 27 ? "-" : ",", fixed,
			  type == 18 || type == 20 ? hlen : ISIS_COMMON_LEN + hlen);
		*ret = ISIS_DUMP;
		return -1;
	}
	if (!ND_TTEST_LEN(nd, d->optr + ISIS_COMMON_LEN, hlen) ||
	    d->length < ISIS_COMMON_LEN + hlen) {
		nd_print_trunc(nd);
		*ret = ISIS_DONE;
		return -1;
	}
	return 0;
}

static int pdu_print(struct nd *nd, struct isis_pdu *d, unsigned type, unsigned fixed)
{
	int rc, ret;

	if (type >= 28 || !hdr_lens[type]) {
		if (nd->o.vflag == 0) {
			nd_printf(nd, ", length %u", d->length);
			return ISIS_DONE;
		}
		nd_print_unknown_data(nd, d->optr + ISIS_COMMON_LEN, "\n\t  ", d->length);
		return ISIS_DUMP;
	}
	if (fixed_check(nd, d, type, fixed, &ret) < 0)
		return ret;
	if (type == 15 || type == 16)
		rc = iih_lan(nd, d);
	else if (type == 17)
		rc = iih_ptp(nd, d);
	else if (type == 18 || type == 20)
		rc = lsp_hdr(nd, d);
	else if (type == 24 || type == 25)
		rc = csnp_hdr(nd, d);
	else
		rc = psnp_hdr(nd, d);
	if (rc < 0)
		return ISIS_DUMP;
	if (rc > 0)
		return ISIS_DONE;
	return tlvs_print(nd, d);
}

static int isis_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	struct isis_pdu d = { .optr = p, .length = length, .packet_len = length };
	unsigned max_area, type, fixed;
	char buf[32];

	nd->protocol = "isis";
	if (!ND_TTEST_LEN(nd, p, ISIS_COMMON_LEN) || length < ISIS_COMMON_LEN) {
		nd_print_trunc(nd);
		return ISIS_DONE;
	}
	if (!nd->o.eflag)
		nd_puts(nd, "IS-IS");
	if (common_check(nd, p, length, &max_area) < 0)
		return ISIS_DUMP;
	fixed = GET_U_1(p + 1);
	type = GET_U_1(p + 4);
	if (nd->o.vflag == 0) {
		nd_printf(nd, "%s%s", nd->o.eflag ? "" : ", ",
			  nd_tok2str(pdu_types, "unknown PDU-Type %u", type, buf, sizeof(buf)));
	} else {
		/* every -v PDU starts with these two lines: written without printf */
		static const char *const label[] = { ", hlen: ", ", v: ", ", pdu-v: ",
						     ", sys-id-len: 6 (", "), max-area: ", " (" };
		unsigned v[6] = { fixed, GET_U_1(p + 2), GET_U_1(p + 5), GET_U_1(p + 3), max_area,
				  GET_U_1(p + 7) };

		nd_puts(nd, nd->o.eflag ? "length " : ", length ");
		nd_putu(nd, length);
		nd_puts(nd, "\n\t");
		nd_puts(nd, nd_tok2str(pdu_types, "unknown, type %u", type, buf, sizeof(buf)));
		for (unsigned i = 0; i < 6; i++) {
			nd_puts(nd, label[i]);
			nd_putu(nd, v[i]);
		}
		nd_putc(nd, ')');
		if (nd->o.vflag > 1 && !nd_print_unknown_data(nd, p, "\n\t", 8))
			return ISIS_DUMP;
	}
	return pdu_print(nd, &d, type, fixed);
}

int nd_isoclns_print(struct nd *nd, const uint8_t *p, unsigned length)
{
	unsigned nlpid;
	char buf[24];

	/* tcpdump reads the NLPID first: a frame that ends before it is truncated here */
	nd->protocol = "isoclns";
	nlpid = GET_U_1(p);
	/* Q.933 and PPP are not decoded here: they keep the caller's output. */
	if (nlpid == 0x08 || nlpid == 0xcf)
		return 0;
	if (nd->o.eflag)
		nd_printf(nd, "OSI NLPID %s (0x%02x): ",
			  nd_tok2str(nd_nlpids, "Unknown", nlpid, buf, sizeof(buf)), nlpid);
	switch (nlpid) {
	case 0x81:
		if (!nd_clnp_print(nd, p, length))
			nd_print_unknown_data(nd, p, "\n\t", length);
		break;
	case 0x82:
		nd_esis_print(nd, p, length);
		break;
	case 0x83:
		if (isis_print(nd, p, length) == ISIS_DUMP)
			nd_print_unknown_data(nd, p, "\n\t", length);
		break;
	case 0x00:
		nd_printf(nd, "%slength: %u", nd->o.eflag ? "" : ", ", length);
		break;
	case 0xcc:
		nd_ip_print(nd, p + 1, length - 1);
		break;
	case 0x8e:
		nd_ip6_print(nd, p + 1, length - 1);
		break;
	default:
		if (!nd->o.eflag)
			nd_printf(nd, "OSI NLPID 0x%02x unknown", nlpid);
		nd_printf(nd, "%slength: %u", nd->o.eflag ? "" : ", ", length);
		if (length > 1)
			nd_print_unknown_data(nd, p, "\n\t", length);
		break;
	}
	return 1;
}

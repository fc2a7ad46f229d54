/* print-isakmp-v2.c: the IKEv2 payloads (RFC 7296) tcpdump 4.99.3 prints with -v */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-isakmp.h"

enum { NP_P = 2, NP_T = 3, V2_SA = 33, V2_KE, V2_IDI, V2_IDR, V2_CERT, V2_CR, V2_AUTH, V2_NONCE,
       V2_N, V2_D, V2_VID, V2_TSI, V2_TSR, V2_E, V2_CP, V2_EAP };

static const char *const t_type_map[] = { NULL, "encr", "prf", "integ", "dh", "esn" };
static const char *const prf_p_map[] = {
	NULL, "hmac-md5", "hmac-sha", "hmac-tiger", "aes128_xcbc",
};
static const char *const integ_p_map[] = {
	NULL, "hmac-md5", "hmac-sha", "dec-mac", "kpdk-md5", "aes-xcbc",
};
static const char *const esn_p_map[] = { "no-esn", "esn" };
static const char *const v2_auth[] = { "invalid", "rsasig", "shared-secret", "dsssig" };

/* Only the key length of an encryption transform has a name. */
static const struct nd_ike_attrmap encr_t_map[] = {
	{ NULL, 0, { NULL } }, { NULL, 0, { NULL } }, { NULL, 0, { NULL } },
	{ NULL, 0, { NULL } }, { NULL, 0, { NULL } }, { NULL, 0, { NULL } },
	{ NULL, 0, { NULL } }, { NULL, 0, { NULL } }, { NULL, 0, { NULL } },
	{ NULL, 0, { NULL } }, { NULL, 0, { NULL } }, { NULL, 0, { NULL } },
	{ NULL, 0, { NULL } }, { NULL, 0, { NULL } }, { "keylen", 14, { NULL } },
};

static void pay_print(struct nd *nd, const char *name, unsigned critical)
{
	nd_printf(nd, "%s%s:", name, (critical & 0x80) ? "[C]" : "");
}

static const uint8_t *trunc_mark(struct nd *nd, struct nd_ike *w, unsigned np)
{
	nd_printf(nd, " [|%s]", nd_ike_npstr(w, np));
	return NULL;
}

/* CERT, CR, D, TS, CP and EAP: the length, and the bytes in hex with -vvv. */
static const uint8_t *gen_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				unsigned item_len)
{
	if (!ND_TTEST_LEN(nd, ext, 4))
		return trunc_mark(nd, w, np);
	pay_print(nd, nd_ike_npstr(w, np), GET_U_1(ext + 1));
	nd_printf(nd, " len=%u", item_len - 4);
	if (nd->o.vflag > 2 && item_len > 4) {
		nd_putc(nd, ' ');
		if (!nd_ike_raw(nd, ext + 4, item_len - 4))
			return trunc_mark(nd, w, np);
	}
	return ext + item_len;
}

static const char *t_idstr(struct nd_ike *w, unsigned type, unsigned id,
			   const struct nd_ike_attrmap **map, size_t *nmap)
{
	*map = NULL;
	*nmap = 0;
	switch (type) {
	case 1:
		*map = encr_t_map;
		*nmap = sizeof(encr_t_map) / sizeof(encr_t_map[0]);
		return ND_IKE_STR(w, id, nd_ike_esp_map);
	case 2:
		return ND_IKE_STR(w, id, prf_p_map);
	case 3:
		return ND_IKE_STR(w, id, integ_p_map);
	case 4:
		return ND_IKE_STR(w, id, nd_ike_dh_map);
	case 5:
		return ND_IKE_STR(w, id, esn_p_map);
	default:
		return NULL;
	}
}

static const uint8_t *t_print(struct nd *nd, struct nd_ike *w, int tcount, const uint8_t *ext,
			      unsigned item_len)
{
	const struct nd_ike_attrmap *map;
	const uint8_t *cp, *ep2;
	const char *idstr;
	unsigned type, id;
	size_t nmap;
	char tbuf[16];

	if (!ND_TTEST_LEN(nd, ext, 8))
		return trunc_mark(nd, w, NP_T);
	pay_print(nd, "t", GET_U_1(ext + 1));
	id = GET_BE_U_2(ext + 6);
	type = GET_U_1(ext + 4);
	idstr = t_idstr(w, type, id, &map, &nmap);
	snprintf(tbuf, sizeof(tbuf), "%s", ND_IKE_STR(w, type, t_type_map));
	if (idstr)
		nd_printf(nd, " #%d type=%s id=%s ", tcount, tbuf, idstr);
	else
		nd_printf(nd, " #%d type=%s id=%u ", tcount, tbuf, id);
	cp = ext + 8;
	ep2 = ext + item_len;
	while (cp < w->ep && cp < ep2) {
		cp = nd_ike_attr_print(nd, cp, ep2, nmap ? map : NULL, nmap);
		if (cp == NULL)
			return trunc_mark(nd, w, NP_T);
	}
	if (w->ep < ep2)
		nd_puts(nd, "...");
	return cp;
}

/*
 * The items of an SA (proposals) or of a proposal (transforms): each in
 * its own parentheses, the walk cut short ("[|p]" and the rest skipped)
 * when an item is longer than what its container has left.
 */
struct v2_items {
	unsigned want_np, left;
	int depth;
	const char *name;
};

static const uint8_t *item_print(struct nd *nd, struct nd_ike *w, unsigned np, int count,
				 const uint8_t *ext, unsigned len, int depth);

static const uint8_t *items_print(struct nd *nd, struct nd_ike *w, struct v2_items *it,
				  const uint8_t *cp)
{
	const uint8_t *ext = cp;
	unsigned np, item_len;
	int count = 0;

	for (np = it->want_np; np != 0; np = GET_U_1(ext)) {
		count++;
		ext = cp;
		if (it->left < 4)
			goto toolong;
		if (!ND_TTEST_LEN(nd, ext, 4))
			goto trunc;
		item_len = GET_BE_U_2(ext + 2);
		if (item_len <= 4)
			goto trunc;
		if (it->left < item_len)
			goto toolong;
		if (!ND_TTEST_LEN(nd, cp, item_len))
			goto trunc;
		nd_ike_indent(nd, it->depth + 1);
		cp = item_print(nd, w, np == it->want_np ? np : 0x100 | np, count, ext, item_len,
				it->depth + 1);
		if (cp == NULL)
			return NULL;
		nd_putc(nd, ')');
		it->left -= item_len;
	}
	return cp;
toolong:
	nd_printf(nd, " [|%s]", it->name);
	return cp + it->left;
trunc:
	nd_printf(nd, " [|%s]", it->name);
	return NULL;
}

static const uint8_t *p_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
			      unsigned oprop_length, int depth)
{
	struct v2_items it = { NP_T, oprop_length - 4, depth, "p" };
	unsigned spi_size;
	const uint8_t *cp;

	if (!ND_TTEST_LEN(nd, ext, 8))
		return trunc_mark(nd, w, NP_P);
	pay_print(nd, "p", GET_U_1(ext + 1));
	nd_printf(nd, " #%u protoid=%s transform=%u len=%u", GET_U_1(ext + 4),
		  nd_ike_protoidstr(w, GET_U_1(ext + 5)), GET_U_1(ext + 7), oprop_length);
	cp = ext + 8;
	spi_size = GET_U_1(ext + 6);
	if (spi_size) {
		if (it.left < spi_size) {
			nd_puts(nd, " [|p]");
			return cp + it.left;
		}
		nd_puts(nd, " spi=");
		if (!nd_ike_raw(nd, cp, spi_size))
			return trunc_mark(nd, w, NP_P);
		cp += spi_size;
		it.left -= spi_size;
	}
	return items_print(nd, w, &it, cp);
}

/* np 0x100|N: an item of another type than the container holds, printed by name. */
static const uint8_t *item_print(struct nd *nd, struct nd_ike *w, unsigned np, int count,
				 const uint8_t *ext, unsigned len, int depth)
{
	if (np == NP_P)
		return p_print(nd, w, ext, len, depth);
	if (np == NP_T)
		return t_print(nd, w, count, ext, len);
	nd_puts(nd, nd_ike_npstr(w, np & 0xff));
	return ext + len;
}

static const uint8_t *sa_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
			       int depth)
{
	struct v2_items it = { NP_P, 0, depth, nd_ike_npstr(w, np) };
	char name[16];

	if (!ND_TTEST_LEN(nd, ext, 4))
		return trunc_mark(nd, w, np);
	pay_print(nd, "sa", GET_U_1(ext + 1));
	it.left = GET_BE_U_2(ext + 2) - 4;
	nd_printf(nd, " len=%u", it.left);
	snprintf(name, sizeof(name), "%s", it.name);
	it.name = name;
	return items_print(nd, w, &it, ext + 4);
}

static const uint8_t *ke_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
			       unsigned item_len)
{
	if (!ND_TTEST_LEN(nd, ext, 8))
		return trunc_mark(nd, w, np);
	pay_print(nd, nd_ike_npstr(w, np), GET_U_1(ext + 1));
	if (item_len < 8) {
		nd_printf(nd, " len=%u < 8", item_len);
		return ext + item_len;
	}
	nd_printf(nd, " len=%u group=%s", item_len - 8,
		  ND_IKE_STR(w, GET_BE_U_2(ext + 4), nd_ike_dh_map));
	if (nd->o.vflag > 2 && item_len > 8) {
		nd_putc(nd, ' ');
		if (!nd_ike_raw(nd, ext + 8, item_len - 8))
			return trunc_mark(nd, w, np);
	}
	return ext + item_len;
}

static void ascii_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned i, c;

	for (i = 0; i < len; i++) {
		c = GET_U_1(p + i);
		nd_putc(nd, c >= 0x20 && c < 0x7f ? (char)c : '.');
	}
}

static const uint8_t *id_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
			       unsigned item_len)
{
	static const char *const names[] = {
		NULL, " ipv4:", " fqdn:", " rfc822:", NULL, " ipv6:", NULL, NULL, NULL, " dn:",
		" gn:", " keyid:",
	};
	unsigned type, len = item_len - 8;

	if (!ND_TTEST_LEN(nd, ext, 8))
		return trunc_mark(nd, w, np);
	pay_print(nd, nd_ike_npstr(w, np), GET_U_1(ext + 1));
	nd_printf(nd, " len=%u", item_len - 4);
	if (nd->o.vflag > 2 && item_len > 4) {
		nd_putc(nd, ' ');
		if (!nd_ike_raw(nd, ext + 4, item_len - 4))
			return trunc_mark(nd, w, np);
	}
	type = GET_U_1(ext + 4);
	if (type >= sizeof(names) / sizeof(names[0]) || !names[type])
		return ext + item_len;
	nd_puts(nd, names[type]);
	if (type == 2 || type == 3) {
		if (!ND_TTEST_LEN(nd, ext + 8, len))
			return trunc_mark(nd, w, np);
		ascii_print(nd, ext + 8, len);
	} else if (!nd_ike_raw(nd, ext + 8, len)) {
		return trunc_mark(nd, w, np);
	}
	return ext + item_len;
}

static const uint8_t *auth_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				 unsigned item_len)
{
	if (!ND_TTEST_LEN(nd, ext, 8))
		return trunc_mark(nd, w, np);
	pay_print(nd, nd_ike_npstr(w, np), GET_U_1(ext + 1));
	nd_printf(nd, " len=%u method=%s", item_len - 4, ND_IKE_STR(w, GET_U_1(ext + 4), v2_auth));
	if (item_len > 4 && nd->o.vflag > 1) {
		nd_puts(nd, " authdata=(");
		if (!nd_ike_raw(nd, ext + 8, item_len - 8))
			return trunc_mark(nd, w, np);
		nd_puts(nd, ") ");
	} else if (item_len > 4 && !nd_ike_somedata(nd, ext + 8, w->ep)) {
		return trunc_mark(nd, w, np);
	}
	return ext + item_len;
}

static const uint8_t *nonce_print(struct nd *nd, struct nd_ike *w, unsigned np,
				  const uint8_t *ext, unsigned item_len)
{
	if (!ND_TTEST_LEN(nd, ext, 4))
		return trunc_mark(nd, w, np);
	pay_print(nd, "nonce", GET_U_1(ext + 1));
	nd_printf(nd, " len=%u", item_len - 4);
	if (nd->o.vflag > 1 && item_len > 4) {
		nd_puts(nd, " nonce=(");
		if (!nd_ike_raw(nd, ext + 4, item_len - 4))
			return trunc_mark(nd, w, np);
		nd_puts(nd, ") ");
	} else if (item_len > 4 && !nd_ike_somedata(nd, ext + 4, w->ep)) {
		return trunc_mark(nd, w, np);
	}
	return ext + item_len;
}

static const uint8_t *vid_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				unsigned item_len)
{
	unsigned len = item_len - 4;

	if (!ND_TTEST_LEN(nd, ext, 4))
		return trunc_mark(nd, w, np);
	pay_print(nd, nd_ike_npstr(w, np), GET_U_1(ext + 1));
	nd_printf(nd, " len=%u vid=", len);
	if (!ND_TTEST_LEN(nd, ext + 4, len))
		return trunc_mark(nd, w, np);
	ascii_print(nd, ext + 4, len);
	if (nd->o.vflag > 2 && len > 4) {
		nd_putc(nd, ' ');
		if (!nd_ike_raw(nd, ext + 4, len))
			return trunc_mark(nd, w, np);
	}
	return ext + item_len;
}

/* The E payload ends the walk: without keys its contents stay unread. */
const uint8_t *nd_ikev2_e_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				unsigned item_len)
{
	unsigned dlen = item_len - 4;

	if (!ND_TTEST_LEN(nd, ext, 4))
		return trunc_mark(nd, w, np);
	pay_print(nd, nd_ike_npstr(w, np), GET_U_1(ext + 1));
	nd_printf(nd, " len=%u", dlen);
	if (nd->o.vflag > 2 && dlen > 4) {
		nd_putc(nd, ' ');
		if (!nd_ike_raw(nd, ext + 4, dlen))
			return trunc_mark(nd, w, np);
	}
	if (!ND_TTEST_LEN(nd, ext + 4, dlen))
		return trunc_mark(nd, w, np);
	return NULL;
}

const uint8_t *nd_ikev2_payload_print(struct nd *nd, struct nd_ike *w, unsigned np,
				      const uint8_t *ext, unsigned item_len, int depth)
{
	switch (np) {
	case V2_SA:
		return sa_print(nd, w, np, ext, depth);
	case V2_KE:
		return ke_print(nd, w, np, ext, item_len);
	case V2_IDI:
	case V2_IDR:
		return id_print(nd, w, np, ext, item_len);
	case V2_AUTH:
		return auth_print(nd, w, np, ext, item_len);
	case V2_NONCE:
		return nonce_print(nd, w, np, ext, item_len);
	case V2_N:
		return nd_ikev2_n_print(nd, w, ext, item_len);
	case V2_VID:
		return vid_print(nd, w, np, ext, item_len);
	case V2_CERT:
	case V2_CR:
	case V2_D:
	case V2_TSI:
	case V2_TSR:
	case V2_CP:
	case V2_EAP:
		return gen_print(nd, w, np, ext, item_len);
	default:
		return ND_IKE_NOPRINTER;
	}
}

/* tcpdump's names for the notify types it knows, and whether it shows the SPI. */
static const struct {
	unsigned type;
	const char *name;
	int showspi;
} v2_notify[] = {
	{ 1, "unsupported_critical_payload", 0 }, { 4, "invalid_ike_spi", 1 },
	{ 5, "invalid_major_version", 0 }, { 7, "invalid_syntax", 1 },
	{ 9, "invalid_message_id", 1 }, { 11, "invalid_spi", 1 },
	{ 14, "no_protocol_chosen", 1 }, { 17, "invalid_ke_payload", 1 },
	{ 24, "authentication_failed", 1 }, { 34, "single_pair_required", 1 },
	{ 35, "no_additional_sas", 0 }, { 36, "internal_address_failure", 0 },
	{ 37, "failed:cp_required", 0 }, { 39, "invalid_selectors", 0 },
	{ 16384, "initial_contact", 0 }, { 16385, "set_window_size", 0 },
	{ 16386, "additional_ts_possible", 0 }, { 16387, "ipcomp_supported", 0 },
	{ 16388, "nat_detection_source_ip", 1 }, { 16389, "nat_detection_destination_ip", 1 },
	{ 16390, "cookie", 1 }, { 16391, "use_transport_mode", 0 },
	{ 16392, "http_cert_lookup_supported", 0 }, { 16393, "rekey_sa", 1 },
	{ 16394, "tfc_padding_not_supported", 0 }, { 16395, "non_first_fragment_also", 0 },
};

static const char *n_name(unsigned type, int *showspi)
{
	size_t i;

	*showspi = 1;
	for (i = 0; i < sizeof(v2_notify) / sizeof(v2_notify[0]); i++)
		if (v2_notify[i].type == type) {
			*showspi = v2_notify[i].showspi;
			return v2_notify[i].name;
		}
	if (type < 8192)
		return "error";
	if (type < 16384)
		return "private-error";
	return type < 40960 ? "status" : "private-status";
}

/* The notification data: all of it with -vvvv or a short cookie, some of a long cookie. */
static int n_data_print(struct nd *nd, struct nd_ike *w, const uint8_t *cp, int cookie)
{
	if (nd->o.vflag > 3 || (cookie && w->ep - cp < 30)) {
		nd_puts(nd, " data=(");
		if (!nd_ike_raw(nd, cp, (unsigned)(w->ep - cp)))
			return 0;
		nd_putc(nd, ')');
	} else if (cookie && !nd_ike_somedata(nd, cp, w->ep)) {
		return 0;
	}
	return 1;
}

const uint8_t *nd_ikev2_n_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
				unsigned item_len)
{
	unsigned type, spi_size;
	const uint8_t *cp;
	int showspi;

	if (!ND_TTEST_LEN(nd, ext, 8))
		return trunc_mark(nd, w, 11);
	pay_print(nd, "n", GET_U_1(ext + 1));
	nd_printf(nd, " prot_id=%s", nd_ike_protoidstr(w, GET_U_1(ext + 4)));
	type = GET_BE_U_2(ext + 6);
	nd_printf(nd, " type=%u(%s)", type, n_name(type, &showspi));
	spi_size = GET_U_1(ext + 5);
	if (showspi && spi_size) {
		nd_puts(nd, " spi=");
		if (!nd_ike_raw(nd, ext + 8, spi_size))
			return trunc_mark(nd, w, 11);
	}
	cp = ext + 8 + spi_size;
	if (cp < w->ep && !n_data_print(nd, w, cp, type == 16390))
		return trunc_mark(nd, w, 11);
	return ext + item_len;
}

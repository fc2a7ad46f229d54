/* print-isakmp-v1.c: the IKEv1 payloads (RFC 2408, 2409) tcpdump 4.99.3 prints with -v */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-isakmp.h"

enum { NP_SA = 1, NP_P, NP_T, NP_KE, NP_ID, NP_CERT, NP_CR, NP_HASH, NP_SIG, NP_NONCE, NP_N,
       NP_D, NP_VID };

static const char *const ikev1_p_map[] = { NULL, "ike" };
static const char *const ah_p_map[] = {
	NULL, "(reserved)", "md5", "sha", "1des", "sha2-256", "sha2-384", "sha2-512",
};
static const char *const ipcomp_p_map[] = { NULL, "oui", "deflate", "lzs" };
static const char *const certstr[] = {
	"none", "pkcs7", "pgp", "dns", "x509sign", "x509ke", "kerberos", "crl", "arl", "spki",
	"x509attr",
};

const char *const nd_ike_dh_map[19] = {
	NULL, "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536", "iana-grp06",
	"iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", "iana-grp12",
	"iana-grp13", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192",
};
const char *const nd_ike_esp_map[13] = {
	NULL, "1des-iv64", "1des", "3des", "rc5", "idea", "cast", "blowfish", "3idea", "1des-iv32",
	"rc4", "null", "aes",
};

#define DH_NAMES { NULL, "modp768", "modp1024", "EC2N 2^155", "EC2N 2^185", "modp1536", \
	"iana-grp06", "iana-grp07", "iana-grp08", "iana-grp09", "iana-grp10", "iana-grp11", \
	"iana-grp12", "iana-grp13", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192" }

static const struct nd_ike_attrmap ipsec_t_map[] = {
	{ NULL, 0, { NULL } },
	{ "lifetype", 3, { NULL, "sec", "kb" } },
	{ "life", 0, { NULL } },
	{ "group desc", 18, DH_NAMES },
	{ "enc mode", 3, { NULL, "tunnel", "transport" } },
	{ "auth", 5, { NULL, "hmac-md5", "hmac-sha1", "1des-mac", "keyed" } },
	{ "keylen", 0, { NULL } },
	{ "rounds", 0, { NULL } },
	{ "dictsize", 0, { NULL } },
	{ "privalg", 0, { NULL } },
};

const struct nd_ike_attrmap nd_ike_oakley_map[] = {
	{ NULL, 0, { NULL } },
	{ "enc", 8, { NULL, "1des", "idea", "blowfish", "rc5", "3des", "cast", "aes" } },
	{ "hash", 7, { NULL, "md5", "sha1", "tiger", "sha2-256", "sha2-384", "sha2-512" } },
	{ "auth", 6, { NULL, "preshared", "dss", "rsa sig", "rsa enc", "rsa enc revised" } },
	{ "group desc", 18, DH_NAMES },
	{ "group type", 4, { NULL, "MODP", "ECP", "EC2N" } },
	{ "group prime", 0, { NULL } },
	{ "group gen1", 0, { NULL } },
	{ "group gen2", 0, { NULL } },
	{ "group curve A", 0, { NULL } },
	{ "group curve B", 0, { NULL } },
	{ "lifetype", 3, { NULL, "sec", "kb" } },
	{ "lifeduration", 0, { NULL } },
	{ "prf", 0, { NULL } },
	{ "keylen", 0, { NULL } },
	{ "field", 0, { NULL } },
	{ "order", 0, { NULL } },
};

const size_t nd_ike_oakley_nmap = 17;

/* A value's name from the map, else its two bytes in hex. */
static int attr_value_print(struct nd *nd, const uint8_t *p, const struct nd_ike_attrmap *m)
{
	unsigned v = GET_BE_U_2(p + 2);

	if (m && v < m->nvalue && m->value[v]) {
		nd_puts(nd, m->value[v]);
		return 1;
	}
	return nd_ike_raw(nd, p + 2, 2);
}

/* ikev1_attrmap_print and ikev1_attr_print (map NULL): "(type=... value=...)". */
const uint8_t *nd_ike_attr_print(struct nd *nd, const uint8_t *p, const uint8_t *ep2,
				 const struct nd_ike_attrmap *map, size_t nmap)
{
	unsigned totlen = (GET_U_1(p) & 0x80) ? 4 : 4 + GET_BE_U_2(p + 2), t;
	const struct nd_ike_attrmap *m = NULL;

	if (ep2 < p + totlen) {
		nd_puts(nd, "[|attr]");
		return ep2 + 1;
	}
	t = GET_BE_U_2(p) & 0x7fff;
	if (map && t < nmap && map[t].type)
		m = &map[t];
	if (m)
		nd_printf(nd, "(type=%s ", m->type);
	else
		nd_printf(nd, "(type=#%u ", t);
	if (GET_U_1(p) & 0x80) {
		nd_puts(nd, "value=");
		if (!attr_value_print(nd, p, map ? m : NULL)) {
			nd_putc(nd, ')');
			return NULL;
		}
	} else {
		nd_printf(nd, "len=%u value=", totlen - 4);
		if (!nd_ike_raw(nd, p + 4, totlen - 4)) {
			nd_putc(nd, ')');
			return NULL;
		}
	}
	nd_putc(nd, ')');
	return p + totlen;
}

static const uint8_t *sa_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext, int depth)
{
	unsigned doi, sit;
	const uint8_t *np;

	nd_puts(nd, "sa:");
	if (!ND_TTEST_LEN(nd, ext, 12))
		goto trunc;
	doi = GET_BE_U_4(ext + 4);
	sit = GET_BE_U_4(ext + 8);
	if (doi != 1) {
		nd_printf(nd, " doi=%u situation=%u", doi, sit);
		return ext + 12;
	}
	nd_puts(nd, " doi=ipsec situation=");
	if (sit & 0x01)
		nd_puts(nd, "identity");
	if (sit & 0x02)
		nd_printf(nd, "%ssecrecy", (sit & 0x01) ? "+" : "");
	if (sit & 0x04)
		nd_printf(nd, "%sintegrity", (sit & 0x03) ? "+" : "");
	np = ext + 12;
	if (sit != 0x01) {
		/* tcpdump reads the identifier at ext + 1 generic headers: the DOI. */
		nd_printf(nd, " ident=%u", GET_BE_U_4(ext + 4));
		np += 4;
	}
	if (!ND_TTEST_LEN(nd, np, 4))
		goto trunc;
	w->doi = doi;
	return nd_ike_sub_print(nd, w, NP_P, np, depth);
trunc:
	nd_puts(nd, " [|sa]");
	return NULL;
}

static const uint8_t *p_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext, int depth)
{
	unsigned spi_size;
	const uint8_t *t;

	nd_puts(nd, "p:");
	if (!ND_TTEST_LEN(nd, ext, 8))
		goto trunc;
	nd_printf(nd, " #%u protoid=%s transform=%u", GET_U_1(ext + 4),
		  nd_ike_protoidstr(w, GET_U_1(ext + 5)), GET_U_1(ext + 7));
	spi_size = GET_U_1(ext + 6);
	if (spi_size) {
		nd_puts(nd, " spi=");
		if (!nd_ike_raw(nd, ext + 8, spi_size))
			goto trunc;
	}
	t = ext + 8 + spi_size;
	if (!ND_TTEST_LEN(nd, t, 4))
		goto trunc;
	w->proto = GET_U_1(ext + 5);
	return nd_ike_sub_print(nd, w, NP_T, t, depth);
trunc:
	nd_puts(nd, " [|p]");
	return NULL;
}

/* The transform's name and attribute map, by the proposal's protocol. */
static const char *t_names(struct nd_ike *w, unsigned id, const struct nd_ike_attrmap **map,
			   size_t *nmap)
{
	*map = ipsec_t_map;
	*nmap = sizeof(ipsec_t_map) / sizeof(ipsec_t_map[0]);
	switch (w->proto) {
	case 1:
		*map = nd_ike_oakley_map;
		*nmap = nd_ike_oakley_nmap;
		return ND_IKE_STR(w, id, ikev1_p_map);
	case 2:
		return ND_IKE_STR(w, id, ah_p_map);
	case 3:
		return ND_IKE_STR(w, id, nd_ike_esp_map);
	case 4:
		return ND_IKE_STR(w, id, ipcomp_p_map);
	default:
		*map = NULL;
		*nmap = 0;
		return NULL;
	}
}

static const uint8_t *t_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
			      unsigned item_len)
{
	const struct nd_ike_attrmap *map;
	const uint8_t *cp, *ep2;
	const char *idstr;
	size_t nmap;

	nd_puts(nd, "t:");
	if (!ND_TTEST_LEN(nd, ext, 8))
		goto trunc;
	idstr = t_names(w, GET_U_1(ext + 5), &map, &nmap);
	if (idstr)
		nd_printf(nd, " #%u id=%s ", GET_U_1(ext + 4), idstr);
	else
		nd_printf(nd, " #%u id=%u ", GET_U_1(ext + 4), GET_U_1(ext + 5));
	cp = ext + 8;
	ep2 = ext + item_len;
	while (cp < w->ep && cp < ep2) {
		cp = nd_ike_attr_print(nd, cp, ep2, nmap ? map : NULL, nmap);
		if (cp == NULL)
			goto trunc;
	}
	if (w->ep < ep2)
		nd_puts(nd, "...");
	return cp;
trunc:
	nd_puts(nd, " [|t]");
	return NULL;
}

/* KE, CERT, CR, HASH, SIG and VID: a length (and a type), the bytes in hex with -vvv. */
static const uint8_t *blob_print(struct nd *nd, struct nd_ike *w, unsigned np, const uint8_t *ext,
				 unsigned item_len)
{
	const char *name = nd_ike_npstr(w, np);

	nd_printf(nd, "%s:", name);
	if (!ND_TTEST_LEN(nd, ext, np == NP_CERT || np == NP_CR ? 6 : 4))
		goto trunc;
	nd_printf(nd, np == NP_KE ? " key len=%u" : " len=%u", item_len - 4);
	if (np == NP_CERT || np == NP_CR)
		nd_printf(nd, " type=%s", ND_IKE_STR(w, GET_U_1(ext + 4), certstr));
	if (nd->o.vflag > 2 && item_len > 4) {
		nd_putc(nd, ' ');
		if (!nd_ike_raw(nd, ext + 4, item_len - 4))
			goto trunc;
	}
	return ext + item_len;
trunc:
	nd_printf(nd, " [|%s]", name);
	return NULL;
}

static const uint8_t *nonce_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
				  unsigned item_len)
{
	nd_puts(nd, "nonce:");
	if (!ND_TTEST_LEN(nd, ext, 4))
		goto trunc;
	nd_printf(nd, " n len=%u", item_len - 4);
	if (item_len > 4 && nd->o.vflag > 2) {
		nd_putc(nd, ' ');
		if (!nd_ike_raw(nd, ext + 4, item_len - 4))
			goto trunc;
	} else if (item_len > 4 && nd->o.vflag > 1) {
		nd_putc(nd, ' ');
		if (!nd_ike_somedata(nd, ext + 4, w->ep))
			goto trunc;
	}
	return ext + item_len;
trunc:
	nd_puts(nd, " [|nonce]");
	return NULL;
}

static const uint8_t *d_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext)
{
	unsigned doi, proto, spi_size, num_spi, i;
	const uint8_t *q;

	nd_puts(nd, "d:");
	if (!ND_TTEST_LEN(nd, ext, 12))
		goto trunc;
	doi = GET_BE_U_4(ext + 4);
	proto = GET_U_1(ext + 8);
	if (doi != 1)
		nd_printf(nd, " doi=%u proto=%u", doi, proto);
	else
		nd_printf(nd, " doi=ipsec proto=%s", nd_ike_protoidstr(w, proto));
	spi_size = GET_U_1(ext + 9);
	num_spi = GET_BE_U_2(ext + 10);
	nd_printf(nd, " spilen=%u nspi=%u spi=", spi_size, num_spi);
	q = ext + 12;
	for (i = 0; i < num_spi; i++, q += spi_size) {
		if (i)
			nd_putc(nd, ',');
		if (!nd_ike_raw(nd, q, spi_size))
			goto trunc;
	}
	return q;
trunc:
	nd_puts(nd, " [|d]");
	return NULL;
}

const uint8_t *nd_ikev1_payload_print(struct nd *nd, struct nd_ike *w, unsigned np,
				      const uint8_t *ext, unsigned item_len, int depth)
{
	switch (np) {
	case NP_SA:
		return sa_print(nd, w, ext, depth);
	case NP_P:
		return p_print(nd, w, ext, depth);
	case NP_T:
		return t_print(nd, w, ext, item_len);
	case NP_KE:
	case NP_CERT:
	case NP_CR:
	case NP_HASH:
	case NP_SIG:
	case NP_VID:
		return blob_print(nd, w, np, ext, item_len);
	case NP_NONCE:
		return nonce_print(nd, w, ext, item_len);
	case NP_D:
		return d_print(nd, w, ext);
	case NP_ID:
		return nd_ikev1_id_print(nd, w, ext, item_len);
	case NP_N:
		return nd_ikev1_n_print(nd, w, ext, item_len);
	default:
		return ND_IKE_NOPRINTER;
	}
}

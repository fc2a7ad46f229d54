/* print-isakmp-idn.c: IKEv1's identification and notification payloads as tcpdump 4.99.3 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-isakmp.h"

#define ID_HDRLEN 8
#define N_HDRLEN 12
#define NTYPE_RESPONDER_LIFETIME 24576
#define NTYPE_REPLAY_STATUS 24577

static const char *const ipsecidtypestr[] = {
	NULL, "IPv4", "FQDN", "user FQDN", "IPv4net", "IPv6", "IPv6net", "IPv4range", "IPv6range",
	"ASN1 DN", "ASN1 GN", "keyid",
};

static const char *const notify_error_str[] = {
	NULL, "INVALID-PAYLOAD-TYPE", "DOI-NOT-SUPPORTED", "SITUATION-NOT-SUPPORTED",
	"INVALID-COOKIE", "INVALID-MAJOR-VERSION", "INVALID-MINOR-VERSION",
	"INVALID-EXCHANGE-TYPE", "INVALID-FLAGS", "INVALID-MESSAGE-ID", "INVALID-PROTOCOL-ID",
	"INVALID-SPI", "INVALID-TRANSFORM-ID", "ATTRIBUTES-NOT-SUPPORTED", "NO-PROPOSAL-CHOSEN",
	"BAD-PROPOSAL-SYNTAX", "PAYLOAD-MALFORMED", "INVALID-KEY-INFORMATION",
	"INVALID-ID-INFORMATION", "INVALID-CERT-ENCODING", "INVALID-CERTIFICATE",
	"CERT-TYPE-UNSUPPORTED", "INVALID-CERT-AUTHORITY", "INVALID-HASH-INFORMATION",
	"AUTHENTICATION-FAILED", "INVALID-SIGNATURE", "ADDRESS-NOTIFICATION",
	"NOTIFY-SA-LIFETIME", "CERTIFICATE-UNAVAILABLE", "UNSUPPORTED-EXCHANGE-TYPE",
	"UNEQUAL-PAYLOAD-LENGTHS",
};
static const char *const ipsec_notify_error_str[] = { "RESERVED" };
static const char *const notify_status_str[] = { "CONNECTED" };
static const char *const ipsec_notify_status_str[] = {
	"RESPONDER-LIFETIME", "REPLAY-STATUS", "INITIAL-CONTACT",
};

/* The address forms: "len=N ADDR", or "[bad: < M]" when too short. */
static void id_addr_print(struct nd *nd, unsigned type, const uint8_t *d, unsigned len)
{
	static const unsigned need[] = { 0, 4, 0, 0, 8, 16, 32, 8, 32 };
	unsigned i;

	if (len < need[type]) {
		nd_printf(nd, " len=%u [bad: < %u]", len, need[type]);
		return;
	}
	nd_printf(nd, " len=%u ", len);
	if (type == 1 || type == 4 || type == 7)
		nd_puts(nd, nd_ipaddr_string(nd, d));
	else
		nd_puts(nd, nd_ip6addr_string(nd, d));
	if (type == 4)
		nd_printf(nd, "/%u.%u.%u.%u", GET_U_1(d + 4), GET_U_1(d + 5), GET_U_1(d + 6),
			  GET_U_1(d + 7));
	if (type == 7)
		nd_printf(nd, "-%s", nd_ipaddr_string(nd, d + 4));
	if (type == 8)
		nd_printf(nd, "-%s", nd_ip6addr_string(nd, d + 16));
	if (type == 6) {
		nd_puts(nd, "/0x");
		for (i = 0; i < 16; i++)
			nd_putx(nd, GET_U_1(d + 16 + i), 2);
	}
}

/* Returns the bytes left to show as "len=N" (0 when the type printed them). */
static unsigned id_data_print(struct nd *nd, unsigned type, const uint8_t *d, unsigned len)
{
	unsigned i;

	switch (type) {
	case 1: case 4: case 5: case 6: case 7: case 8:
		id_addr_print(nd, type, d, len);
		return 0;
	case 2: case 3:
		nd_printf(nd, " len=%u ", len);
		for (i = 0; i < len; i++)
			nd_print_char(nd, GET_U_1(d + i));
		return 0;
	default:
		return len;
	}
}

const uint8_t *nd_ikev1_id_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
				 unsigned item_len)
{
	const uint8_t *data = item_len > ID_HDRLEN ? ext + ID_HDRLEN : NULL;
	unsigned len = item_len > ID_HDRLEN ? item_len - ID_HDRLEN : 0, type;

	nd_puts(nd, "id:");
	if (!ND_TTEST_LEN(nd, ext, ID_HDRLEN))
		goto trunc;
	/* tcpdump reads phase 1's identities with the IPsec DOI too. */
	type = GET_U_1(ext + 4);
	nd_printf(nd, " idtype=%s", ND_IKE_STR(w, type, ipsecidtypestr));
	nd_printf(nd, " protoid=%u", GET_U_1(ext + 5));
	nd_printf(nd, " port=%u", GET_BE_U_2(ext + 6));
	if (len) {
		if (!ND_TTEST_LEN(nd, data, len))
			goto trunc;
		len = id_data_print(nd, type, data, len);
	}
	if (data && len) {
		nd_printf(nd, " len=%u", len);
		if (nd->o.vflag > 2) {
			nd_putc(nd, ' ');
			if (!nd_ike_raw(nd, data, len))
				goto trunc;
		}
	}
	return ext + item_len;
trunc:
	nd_puts(nd, " [|id]");
	return NULL;
}

static const char *n_type_str(struct nd_ike *w, unsigned type, int ipsec)
{
	if (type < 8192)
		return ND_IKE_STR(w, type, notify_error_str);
	if (type < 16384)
		return ipsec ? ND_IKE_STR(w, type - 8192, ipsec_notify_error_str)
			     : nd_ike_str(w, type, NULL, 0);
	if (type < 24576)
		return ND_IKE_STR(w, type - 16384, notify_status_str);
	if (type < 32768 && ipsec)
		return ND_IKE_STR(w, type - 24576, ipsec_notify_status_str);
	return nd_ike_str(w, type, NULL, 0);
}

/* What follows the SPI: lifetime attributes, the replay status, or some data. */
static int n_data_print(struct nd *nd, struct nd_ike *w, unsigned type, const uint8_t *cp,
			const uint8_t *ep2)
{
	switch (type) {
	case NTYPE_RESPONDER_LIFETIME:
		nd_puts(nd, " attrs=(");
		while (cp < w->ep && cp < ep2) {
			cp = nd_ike_attr_print(nd, cp, ep2, nd_ike_oakley_map, nd_ike_oakley_nmap);
			if (cp == NULL) {
				nd_putc(nd, ')');
				return 0;
			}
		}
		nd_putc(nd, ')');
		return 1;
	case NTYPE_REPLAY_STATUS:
		/* Printed before the read, which may end the packet as truncated. */
		nd_puts(nd, " status=(");
		nd_printf(nd, "replay detection %sabled)", GET_BE_U_4(cp) ? "en" : "dis");
		return 1;
	default:
		if (nd->o.vflag > 3) {
			nd_puts(nd, " data=(");
			if (!nd_ike_raw(nd, cp, (unsigned)(w->ep - cp)))
				return 0;
			nd_putc(nd, ')');
			return 1;
		}
		return nd_ike_somedata(nd, cp, w->ep);
	}
}

const uint8_t *nd_ikev1_n_print(struct nd *nd, struct nd_ike *w, const uint8_t *ext,
				unsigned item_len)
{
	unsigned doi, proto, type, spi_size;
	const uint8_t *cp;

	nd_puts(nd, "n:");
	if (!ND_TTEST_LEN(nd, ext, N_HDRLEN))
		goto trunc;
	doi = GET_BE_U_4(ext + 4);
	proto = GET_U_1(ext + 8);
	type = GET_BE_U_2(ext + 10);
	if (doi != 1)
		nd_printf(nd, " doi=%u proto=%u", doi, proto);
	else
		nd_printf(nd, " doi=ipsec proto=%s", nd_ike_protoidstr(w, proto));
	nd_printf(nd, " type=%s", n_type_str(w, type, doi == 1));
	spi_size = GET_U_1(ext + 9);
	if (spi_size) {
		nd_puts(nd, " spi=");
		if (!nd_ike_raw(nd, ext + N_HDRLEN, spi_size))
			goto trunc;
	}
	cp = ext + N_HDRLEN + spi_size;
	if (doi != 1)
		return cp;
	if (cp < w->ep && !n_data_print(nd, w, type, cp, ext + item_len))
		goto trunc;
	return ext + item_len;
trunc:
	nd_puts(nd, " [|n]");
	return NULL;
}

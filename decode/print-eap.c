/* print-eap.c: EAP packets (RFC 3748) as tcpdump prints them in RADIUS EAP-Message attributes */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define EAP_REQUEST 1
#define EAP_RESPONSE 2

#define EAP_TYPE_IDENTITY 1
#define EAP_TYPE_NOTIFICATION 2
#define EAP_TYPE_NAK 3
#define EAP_TYPE_TLS 13
#define EAP_TYPE_SIM 18
#define EAP_TYPE_TTLS 21
#define EAP_TYPE_AKA 23
#define EAP_TYPE_FAST 43

/* The L bit of TLS, TTLS and FAST: a 4-byte message length follows the flags. */
#define EAP_TLS_FLAG_L 0x80

static const struct nd_tok eap_code_values[] = {
	{ 1, "Request" }, { 2, "Response" }, { 3, "Success" }, { 4, "Failure" }, { 0, NULL },
};

static const struct nd_tok eap_type_values[] = {
	{ 0, "No proposed" }, { 1, "Identity" }, { 2, "Notification" }, { 3, "Nak" },
	{ 4, "MD5-challenge" }, { 5, "OTP" }, { 6, "GTC" }, { 13, "TLS" }, { 18, "SIM" },
	{ 21, "TTLS" }, { 23, "AKA" }, { 43, "FAST" }, { 254, "Expanded types" },
	{ 255, "Experimental" }, { 0, NULL },
};

static const struct nd_tok eap_tls_flags_values[] = {
	{ 0x80, "L bit" }, { 0x40, "More fragments bit" }, { 0x20, "Start bit" }, { 0, NULL },
};

static const struct nd_tok eap_aka_subtype_values[] = {
	{ 1, "Challenge" }, { 2, "Auth reject" }, { 4, "Sync failure" }, { 5, "Identity" },
	{ 10, "Start" }, { 11, "Challenge" }, { 12, "Notification" }, { 13, "Reauth" },
	{ 14, "Client error" }, { 0, NULL },
};

/* TLS, TTLS and FAST: version (not for TLS), flags and the optional length. */
static void print_tls(struct nd *nd, const uint8_t *cp, unsigned len, unsigned subtype)
{
	const char *name = subtype == EAP_TYPE_FAST ? "FAST" : "TLS/TTLS";
	unsigned flags;
	char buf[64];

	if (len < 6) {
		nd_printf(nd, " (too short for EAP %s request/response)", name);
		return;
	}
	flags = GET_U_1(cp + 5);
	if (subtype == EAP_TYPE_TTLS)
		nd_printf(nd, " TTLSv%u", flags & 7);
	else if (subtype == EAP_TYPE_FAST)
		nd_printf(nd, " FASTv%u", flags & 7);
	nd_printf(nd, " flags [%s] 0x%02x",
		  nd_bittok2str(eap_tls_flags_values, "none", flags, ", ", buf, sizeof(buf)), flags);
	if (flags & EAP_TLS_FLAG_L) {
		if (len < 10) {
			nd_printf(nd, " (too short for EAP %s request/response with length)", name);
			return;
		}
		nd_printf(nd, ", len %u", GET_BE_U_4(cp + 6));
	}
}

void nd_eap_print(struct nd *nd, const uint8_t *cp, unsigned length)
{
	unsigned code, subtype, len;
	char buf[32];

	code = GET_U_1(cp);
	len = GET_BE_U_2(cp + 2);
	/* A length that disagrees is most likely one fragment of a longer message. */
	if (len != length) {
		nd_puts(nd, "EAP fragment?");
		return;
	}
	nd_printf(nd, "%s (%u), id %u, len %u",
		  nd_tok2str(eap_code_values, "unknown", code, buf, sizeof(buf)), code,
		  GET_U_1(cp + 1), len);
	if (len < 4) {
		nd_puts(nd, " (too short for EAP header)");
		return;
	}
	if (!ND_TTEST_LEN(nd, cp, len)) {
		nd_print_trunc(nd);
		return;
	}
	if (code != EAP_REQUEST && code != EAP_RESPONSE)
		return;
	if (len < 5) {
		nd_puts(nd, " (too short for EAP request/response)");
		return;
	}
	subtype = GET_U_1(cp + 4);
	nd_printf(nd, "\n\t\t Type %s (%u)",
		  nd_tok2str(eap_type_values, "unknown", subtype, buf, sizeof(buf)), subtype);
	switch (subtype) {
	case EAP_TYPE_IDENTITY:
		/* the identity is optional */
		if (len > 5) {
			nd_puts(nd, ", Identity: ");
			nd_printjnp(nd, cp + 5, len - 5);
		}
		break;
	case EAP_TYPE_NOTIFICATION:
		if (len < 6) {
			nd_puts(nd, " (too short for EAP Notification request/response)");
			return;
		}
		nd_puts(nd, ", Notification: ");
		nd_printjnp(nd, cp + 5, len - 5);
		break;
	case EAP_TYPE_NAK:
		if (len < 6) {
			nd_puts(nd, " (too short for EAP Legacy NAK request/response)");
			return;
		}
		for (unsigned i = 5; i < len; i++) {
			unsigned t = GET_U_1(cp + i);

			nd_printf(nd, "%s %s (%u)", i > 5 ? "," : "",
				  nd_tok2str(eap_type_values, "unknown", t, buf, sizeof(buf)), t);
		}
		break;
	case EAP_TYPE_TLS:
	case EAP_TYPE_TTLS:
	case EAP_TYPE_FAST:
		print_tls(nd, cp, len, subtype);
		break;
	case EAP_TYPE_AKA:
	case EAP_TYPE_SIM:
		if (len < 6) {
			nd_puts(nd, " (too short for EAP SIM/AKA request/response)");
			return;
		}
		nd_printf(nd, " subtype [%s] 0x%02x",
			  nd_tok2str(eap_aka_subtype_values, "unknown", GET_U_1(cp + 5), buf,
				     sizeof(buf)),
			  GET_U_1(cp + 5));
		break;
	}
}

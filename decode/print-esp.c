/* print-esp.c: the clear ESP header (RFC 4303) and UDP-encapsulated ESP on port 4500 (RFC 3948) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

/* Without keys ESP shows only its SPI and sequence number, as tcpdump without -E. */
static void esp_header(struct nd *nd, const uint8_t *bp, unsigned length)
{
	nd->protocol = "esp";
	/* tcpdump wants a byte past the SPI and sequence number. */
	if (!ND_TTEST_LEN(nd, bp, 9)) {
		nd_print_trunc(nd);
		return;
	}
	nd_printf(nd, "ESP(spi=0x%08x", GET_BE_U_4(bp));
	nd_printf(nd, ",seq=0x%x)", GET_BE_U_4(bp + 4));
	nd_printf(nd, ", length %u", length);
}

/*
 * UDP port 4500: a NAT keep-alive, ESP, or IKE behind four zero bytes. IKE
 * is not decoded (see docs/decoding.md): it returns 0 so that the caller
 * prints the plain UDP line, printing nothing before.
 */
int nd_udp_esp_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	nd->protocol = "isakmp_rfc3948";
	if (length == 1 && GET_U_1(bp) == 0xff) {
		nd_puts(nd, "isakmp-nat-keep-alive");
		return 1;
	}
	if (length < 4) {
		nd_print_trunc(nd);
		return 1;
	}
	if (GET_BE_U_4(bp) == 0)
		return 0;
	nd_puts(nd, "UDP-encap: ");
	esp_header(nd, bp, length);
	return 1;
}

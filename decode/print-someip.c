/* print-someip.c: AUTOSAR SOME/IP headers on UDP port 30490 (and with -T someip) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define SOMEIP_HDRLEN 16

static const struct nd_tok someip_msg_types[] = {
	{ 0x00, "REQUEST" }, { 0x01, "REQUEST_NO_RETURN" }, { 0x02, "NOTIFICATION" },
	{ 0x80, "RESPONSE" }, { 0x81, "ERROR" }, { 0x20, "TP_REQUEST" },
	{ 0x21, "TP_REQUEST_NO_RETURN" }, { 0x22, "TP_NOTIFICATION" }, { 0xa0, "TP_RESPONSE" },
	{ 0xa1, "TP_ERROR" }, { 0, NULL },
};

static const struct nd_tok someip_return_codes[] = {
	{ 0x00, "E_OK" }, { 0x01, "E_NOT_OK" }, { 0x02, "E_UNKNOWN_SERVICE" },
	{ 0x03, "E_UNKNOWN_METHOD" }, { 0x04, "E_NOT_READY" }, { 0x05, "E_NOT_REACHABLE" },
	{ 0x06, "E_TIMEOUT" }, { 0x07, "E_WRONG_PROTOCOL_VERSION" },
	{ 0x08, "E_WRONG_INTERFACE_VERSION" }, { 0x09, "E_MALFORMED_MESSAGE" },
	{ 0x0a, "E_WRONG_MESSAGE_TYPE" }, { 0x0b, "E_E2E_REPEATED" },
	{ 0x0c, "E_E2E_WRONG_SEQUENCE" }, { 0x0d, "E_E2E" }, { 0x0e, "E_E2E_NOT_AVAILABLE" },
	{ 0x0f, "E_E2E_NO_NEW_DATA" }, { 0, NULL },
};

void nd_someip_print(struct nd *nd, const uint8_t *bp, unsigned len)
{
	uint32_t id;
	char buf[32];

	nd->protocol = "someip";
	nd_puts(nd, "SOMEIP");
	if (len < SOMEIP_HDRLEN) {
		nd_print_invalid(nd);
		return;
	}
	id = GET_BE_U_4(bp);
	nd_printf(nd, ", service %u, %s %u", id >> 16, (id & 0x8000) ? "event" : "method",
		  id & 0x7fff);
	nd_printf(nd, ", len %u", GET_BE_U_4(bp + 4));
	id = GET_BE_U_4(bp + 8);
	nd_printf(nd, ", client %u, session %u", id >> 16, id & 0xffff);
	nd_printf(nd, ", pver %u", GET_U_1(bp + 12));
	nd_printf(nd, ", iver %u", GET_U_1(bp + 13));
	nd_printf(nd, ", msgtype %s",
		  nd_tok2str(someip_msg_types, "Unknown", GET_U_1(bp + 14), buf, sizeof(buf)));
	nd_printf(nd, ", retcode %s\n",
		  nd_tok2str(someip_return_codes, "Unknown", GET_U_1(bp + 15), buf, sizeof(buf)));
}

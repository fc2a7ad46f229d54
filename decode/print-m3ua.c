/* print-m3ua.c: M3UA (RFC 4666) messages inside SCTP DATA chunks with -vv, as tcpdump 4.99.3 prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

#define M3UA_HDRLEN 8

static const struct nd_tok classes[] = {
	{ 0, "Management" }, { 1, "Transfer" }, { 2, "SS7" }, { 3, "ASP" }, { 4, "ASP" },
	{ 9, "Routing Key Management" }, { 0, NULL },
};
static const struct nd_tok mgmt_msgs[] = { { 0, "Error" }, { 1, "Notify" }, { 0, NULL } };
static const struct nd_tok transfer_msgs[] = { { 1, "Data" }, { 0, NULL } };
static const struct nd_tok ss7_msgs[] = {
	{ 1, "Destination Unavailable" }, { 2, "Destination Available" },
	{ 3, "Destination State Audit" }, { 4, "Signalling Congestion" },
	{ 5, "Destination User Part Unavailable" }, { 6, "Destination Restricted" }, { 0, NULL },
};
static const struct nd_tok aspsm_msgs[] = {
	{ 1, "Up" }, { 2, "Down" }, { 3, "Heartbeat" }, { 4, "Up Acknowledgement" },
	{ 5, "Down Acknowledgement" }, { 6, "Heartbeat Acknowledgement" }, { 0, NULL },
};
static const struct nd_tok asptm_msgs[] = {
	{ 1, "Active" }, { 2, "Inactive" }, { 3, "Active Acknowledgement" },
	{ 4, "Inactive Acknowledgement" }, { 0, NULL },
};
static const struct nd_tok rkm_msgs[] = {
	{ 1, "Registration Request" }, { 2, "Registration Response" },
	{ 3, "Deregistration Request" }, { 4, "Deregistration Response" }, { 0, NULL },
};
static const struct nd_tok params[] = {
	{ 0x0004, "INFO String" }, { 0x0006, "Routing Context" }, { 0x0007, "Diagnostic Info" },
	{ 0x0009, "Heartbeat Data" }, { 0x000b, "Traffic Mode Type" }, { 0x000c, "Error Code" },
	{ 0x000d, "Status" }, { 0x0011, "ASP Identifier" }, { 0x0012, "Affected Point Code" },
	{ 0x0013, "Correlation ID" }, { 0x0200, "Network Appearance" }, { 0x0204, "User/Cause" },
	{ 0x0205, "Congestion Indications" }, { 0x0206, "Concerned Destination" },
	{ 0x0207, "Routing Key" }, { 0x0208, "Registration Result" },
	{ 0x0209, "Deregistration Result" }, { 0x020a, "Local Routing Key Identifier" },
	{ 0x020b, "Destination Point Code" }, { 0x020c, "Service Indicators" },
	{ 0x020e, "Originating Point Code List" }, { 0x0210, "Protocol Data" },
	{ 0x0212, "Registration Status" }, { 0x0213, "Deregistration Status" }, { 0, NULL },
};

static const struct nd_tok *class_msgs(unsigned c)
{
	switch (c) {
	case 0: return mgmt_msgs;
	case 1: return transfer_msgs;
	case 2: return ss7_msgs;
	case 3: return aspsm_msgs;
	case 4: return asptm_msgs;
	case 9: return rkm_msgs;
	default: return NULL;
	}
}

/*
 * A parameter's value. tcpdump hands its printer the parameter with its
 * header, so the 32-bit values it shows are the tag and length.
 */
static void value_print(struct nd *nd, const uint8_t *p, unsigned tag, unsigned size)
{
	if (tag == 0x0200 || tag == 0x0006 || tag == 0x0013) {
		if (size < 4)
			nd_print_invalid(nd);
		else
			nd_printf(nd, "0x%08x", GET_BE_U_4(p));
	} else {
		nd_printf(nd, "(length %u)", size + 4);
	}
	ND_TCHECK_LEN(nd, p, size);
}

static void tags_print(struct nd *nd, const uint8_t *buf, unsigned size)
{
	const uint8_t *p = buf;
	unsigned tag, len, align;
	char tb[48];

	while (p < buf + size) {
		if (p + 4 > buf + size)
			goto invalid;
		tag = GET_BE_U_2(p);
		nd_printf(nd, "\n\t\t\t%s: ",
			  nd_tok2str(params, "Unknown Parameter (0x%04x)", tag, tb, sizeof(tb)));
		len = GET_BE_U_2(p + 2);
		if (len < 4)
			goto invalid;
		align = (unsigned)(p + len - buf) % 4;
		align = align ? 4 - align : 0;
		ND_TCHECK_LEN(nd, p, len + align);
		value_print(nd, p, tag, len - 4);
		p += len + align;
	}
	return;
invalid:
	nd_print_invalid(nd);
	ND_TCHECK_LEN(nd, buf, size);
}

void nd_m3ua_print(struct nd *nd, const uint8_t *buf, unsigned size)
{
	const struct nd_tok *dict;
	unsigned cls;
	char cb[48], mb[32];

	nd->protocol = "m3ua";
	if (size < M3UA_HDRLEN) {
		nd_print_invalid(nd);
		ND_TCHECK_LEN(nd, buf, size);
		return;
	}
	ND_TCHECK_LEN(nd, buf, M3UA_HDRLEN);
	if (GET_U_1(buf) != 1)
		return;
	cls = GET_U_1(buf + 2);
	dict = class_msgs(cls);
	nd_printf(nd, "\n\t\t%s", nd_tok2str(classes, "Unknown message class %i", cls, cb, sizeof(cb)));
	if (dict)
		nd_printf(nd, " %s Message",
			  nd_tok2str(dict, "Unknown (0x%02x)", GET_U_1(buf + 3), mb, sizeof(mb)));
	if (size != GET_BE_U_4(buf + 4))
		nd_printf(nd, "\n\t\t\t@@@@@@ Corrupted length %u of message @@@@@@",
			  GET_BE_U_4(buf + 4));
	else
		tags_print(nd, buf + M3UA_HDRLEN, GET_BE_U_4(buf + 4) - M3UA_HDRLEN);
}

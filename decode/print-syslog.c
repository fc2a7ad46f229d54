/* print-syslog.c: syslog over UDP (RFC 3164, 5424): priority and message, as tcpdump prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include "print-app.h"

/* tcpdump reads at most three digits of priority. */
#define SYSLOG_MAX_DIGITS 3

static const struct nd_tok syslog_severity_values[] = {
	{ 0, "emergency" }, { 1, "alert" }, { 2, "critical" }, { 3, "error" },
	{ 4, "warning" }, { 5, "notice" }, { 6, "info" }, { 7, "debug" }, { 0, NULL },
};

static const struct nd_tok syslog_facility_values[] = {
	{ 0, "kernel" }, { 1, "user" }, { 2, "mail" }, { 3, "daemon" }, { 4, "auth" },
	{ 5, "syslog" }, { 6, "lpr" }, { 7, "news" }, { 8, "uucp" }, { 9, "cron" },
	{ 10, "authpriv" }, { 11, "ftp" }, { 12, "ntp" }, { 13, "security" }, { 14, "console" },
	{ 15, "cron" }, { 16, "local0" }, { 17, "local1" }, { 18, "local2" }, { 19, "local3" },
	{ 20, "local4" }, { 21, "local5" }, { 22, "local6" }, { 23, "local7" }, { 0, NULL },
};

void nd_syslog_print(struct nd *nd, const uint8_t *bp, unsigned length)
{
	unsigned off = 0, pri = 0, facility, severity;
	char fbuf[24], sbuf[24];

	nd->protocol = "syslog";
	if (GET_U_1(bp) != '<') {
		nd_print_invalid(nd);
		return;
	}
	off++;
	while (off <= SYSLOG_MAX_DIGITS && GET_U_1(bp + off) >= '0' && GET_U_1(bp + off) <= '9') {
		pri = pri * 10 + (GET_U_1(bp + off) - '0');
		off++;
	}
	if (GET_U_1(bp + off) != '>') {
		nd_print_invalid(nd);
		return;
	}
	off++;
	facility = (pri & 0x03f8) >> 3;
	severity = pri & 7;
	if (nd->o.vflag < 1) {
		nd_printf(nd, "SYSLOG %s.%s, length: %u",
			  nd_tok2str(syslog_facility_values, "unknown (%u)", facility, fbuf,
				     sizeof(fbuf)),
			  nd_tok2str(syslog_severity_values, "unknown (%u)", severity, sbuf,
				     sizeof(sbuf)),
			  length);
		return;
	}
	nd_printf(nd, "SYSLOG, length: %u\n\tFacility %s (%u), Severity %s (%u)\n\tMsg: ", length,
		  nd_tok2str(syslog_facility_values, "unknown (%u)", facility, fbuf, sizeof(fbuf)),
		  facility,
		  nd_tok2str(syslog_severity_values, "unknown (%u)", severity, sbuf, sizeof(sbuf)),
		  severity);
	/* The whole message as sent, control characters and all; a cut capture is truncation. */
	for (unsigned i = off; i < length; i++)
		nd_print_char(nd, GET_U_1(bp + i));
	if (nd->o.vflag > 1)
		nd_print_unknown_data(nd, bp, "\n\t", length);
}

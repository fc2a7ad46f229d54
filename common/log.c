/* log.c: route daemon messages to stderr or the journal with structured ring fields */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <systemd/sd-journal.h>

#include "escape.h"
#include "log.h"

static const char *log_ident = "pktcap";
static enum log_target log_target = LOG_TO_STDERR;
/* Set by reload on the event loop, read by every thread that logs. */
static _Atomic int log_level = LOG_INFO;

static const char *const level_names[] = {
	[LOG_EMERG] = "emerg", [LOG_ALERT] = "alert", [LOG_CRIT] = "crit",
	[LOG_ERR] = "error", [LOG_WARNING] = "warning", [LOG_NOTICE] = "notice",
	[LOG_INFO] = "info", [LOG_DEBUG] = "debug",
};

void log_init(const char *ident, enum log_target target, int level)
{
	log_ident = ident;
	log_target = target;
	log_level = level;
	if (target == LOG_TO_SYSLOG)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void log_set_level(int level)
{
	log_level = level;
}

int log_level_parse(const char *name)
{
	for (size_t i = 0; i < sizeof(level_names) / sizeof(level_names[0]); i++)
		if (!strcasecmp(name, level_names[i]))
			return (int)i;
	if (!strcasecmp(name, "err"))
		return LOG_ERR;
	if (!strcasecmp(name, "warn"))
		return LOG_WARNING;
	return -1;
}

const char *log_level_name(int level)
{
	if (level < 0 || level > LOG_DEBUG)
		return "unknown";
	return level_names[level];
}

int log_stderr_is_journal(void)
{
	const char *e = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;

	if (!e || sscanf(e, "%llu:%llu", &dev, &ino) != 2)
		return 0;
	if (fstat(2, &st) < 0)
		return 0;
	return st.st_dev == dev && st.st_ino == ino;
}

/*
 * Every message is escaped whole (escape_text): client-supplied text (case
 * ids, notes, ring and file names) reaches the log through many %s, and
 * one place catches them all; a message the daemon writes itself has no
 * control characters, so it is unchanged.
 */
void log_ring(int level, const char *iface, const char *profile, const char *fmt, ...)
{
	char raw[1024], msg[4 * sizeof(raw)], ifb[4 * 64 + 1], pfb[4 * 256 + 1];
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	escape_text(msg, sizeof(msg), raw);
	if (iface && profile) {
		iface = escape_text(ifb, sizeof(ifb), iface);
		profile = escape_text(pfb, sizeof(pfb), profile);
	}

	if (log_target == LOG_TO_JOURNAL) {
		if (iface && profile)
			sd_journal_send("MESSAGE=ring %s/%s: %s", iface, profile, msg,
					"PRIORITY=%d", level, "SYSLOG_IDENTIFIER=%s", log_ident,
					"RING=%s/%s", iface, profile, "INTERFACE=%s", iface,
					"PROFILE=%s", profile, NULL);
		else
			sd_journal_send("MESSAGE=%s", msg, "PRIORITY=%d", level,
					"SYSLOG_IDENTIFIER=%s", log_ident, NULL);
		return;
	}
	if (log_target == LOG_TO_SYSLOG) {
		if (iface && profile)
			syslog(level, "ring %s/%s: %s", iface, profile, msg);
		else
			syslog(level, "%s", msg);
		return;
	}
	if (iface && profile)
		fprintf(stderr, "%s: ring %s/%s: %s\n", log_ident, iface, profile, msg);
	else
		fprintf(stderr, "%s: %s\n", log_ident, msg);
}

void log_case(int level, const char *case_id, const char *head, const char *fmt, ...)
{
	char raw[1024], msg[4 * sizeof(raw)], idb[4 * 128 + 1];
	va_list ap;

	if (level > log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	escape_text(msg, sizeof(msg), raw);
	case_id = escape_text(idb, sizeof(idb), case_id);
	if (log_target == LOG_TO_JOURNAL) {
		sd_journal_send("MESSAGE=case %s: %s", case_id, msg, "PRIORITY=%d", level,
				"SYSLOG_IDENTIFIER=%s", log_ident, "CASE=%s", case_id,
				"MANIFEST_HEAD=%s", head ? head : "", NULL);
		return;
	}
	fprintf(stderr, "%s: case %s: %s%s%s\n", log_ident, case_id, msg,
		head ? " MANIFEST_HEAD=" : "", head ? head : "");
}

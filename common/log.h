/* log.h: one logging wrapper for pktcapd: stderr in the foreground, the journal under systemd */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_LOG_H
#define PKTCAP_LOG_H

#include <syslog.h>


/*
 * Where messages go: LOG_TO_STDERR for the foreground and tools,
 * LOG_TO_JOURNAL under systemd, LOG_TO_SYSLOG in the background elsewhere
 * (log_init opens the syslog socket at once, so later calls need no socket()).
 */
enum log_target { LOG_TO_STDERR, LOG_TO_JOURNAL, LOG_TO_SYSLOG };

void log_init(const char *ident, enum log_target target, int level);
void log_set_level(int level);
/* Parses "debug", "info", "notice", "warning", "error"; returns the syslog level or -1. */
int log_level_parse(const char *name);
const char *log_level_name(int level);
/* True when stderr is connected to the journal (systemd sets JOURNAL_STREAM). */
int log_stderr_is_journal(void);

/*
 * iface and profile may be NULL; when given they become the journal fields
 * INTERFACE=, PROFILE= and RING=iface/profile, and prefix the stderr line.
 */
void log_ring(int level, const char *iface, const char *profile, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * An evidence event: in the journal with the fields CASE= and, when head is
 * not NULL, MANIFEST_HEAD= (the case manifest's last chain hash).
 */
void log_case(int level, const char *case_id, const char *head, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#define log_err(...)    log_ring(LOG_ERR, NULL, NULL, __VA_ARGS__)
#define log_warn(...)   log_ring(LOG_WARNING, NULL, NULL, __VA_ARGS__)
#define log_notice(...) log_ring(LOG_NOTICE, NULL, NULL, __VA_ARGS__)
#define log_info(...)   log_ring(LOG_INFO, NULL, NULL, __VA_ARGS__)
#define log_debug(...)  log_ring(LOG_DEBUG, NULL, NULL, __VA_ARGS__)

#endif

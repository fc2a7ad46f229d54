/* timeparse.c: RFC 3339, time of day, relative and epoch times for --since/--until */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timeparse.h"
#include "units.h"

#define S 1000000000LL

/* Seconds to nanoseconds, or ERANGE outside what a pcap record can hold. */
static int to_ns(int64_t sec, int64_t frac, int64_t *ns)
{
	if (sec < 0 || sec > TIMEPARSE_MAX_SEC) {
		errno = ERANGE;
		return -1;
	}
	*ns = sec * S + frac;
	return 0;
}

/* NOW_NS minus a duration of MS milliseconds (at most UNITS_DURATION_MAX_MS). */
static int before(int64_t now_ns, uint64_t ms, int64_t *ns)
{
	int64_t t = now_ns - (int64_t)ms * 1000000;

	if (t < 0) {
		errno = ERANGE;
		return -1;
	}
	*ns = t;
	return 0;
}

/* ".123" after seconds: up to nine digits of fraction. */
static const char *fraction(const char *p, int64_t *ns)
{
	int64_t scale = 100000000;

	*ns = 0;
	if (*p != '.')
		return p;
	p++;
	if (!isdigit((unsigned char)*p))
		return NULL;
	while (isdigit((unsigned char)*p)) {
		*ns += (*p - '0') * scale;
		scale /= 10;
		p++;
	}
	return p;
}

static int rfc3339(const char *s, int64_t *ns)
{
	struct tm tm = { 0 };
	int64_t frac;
	const char *p;
	int n = 0, off = 0;
	time_t t;

	if (sscanf(s, "%4d-%2d-%2d%*1[Tt ]%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6 || n != 19)
		return -1;
	p = fraction(s + n, &frac);
	if (!p)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	if (tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	if (*p == 'Z' || *p == 'z') {
		t = timegm(&tm);
		p++;
	} else if (*p == '+' || *p == '-') {
		int hh, mm;

		if (sscanf(p + 1, "%2d:%2d", &hh, &mm) != 2 || strlen(p) != 6)
			return -1;
		off = (hh * 3600 + mm * 60) * (*p == '+' ? 1 : -1);
		t = timegm(&tm) - off;
		p += 6;
	} else if (!*p) {
		tm.tm_isdst = -1;
		t = mktime(&tm);
	} else {
		return -1;
	}
	if (*p)
		return -1;
	return to_ns((int64_t)t, frac, ns);
}

static int time_of_day(const char *s, int64_t now_ns, int64_t *ns)
{
	time_t now = (time_t)(now_ns / 1000000000);
	int hh, mm, ss = 0, n = 0;
	int64_t frac = 0;
	const char *p;
	struct tm tm;

	if (sscanf(s, "%2d:%2d%n", &hh, &mm, &n) != 2 || n != 5)
		return -1;
	p = s + n;
	if (*p == ':') {
		if (sscanf(p, ":%2d%n", &ss, &n) != 1 || n != 3)
			return -1;
		p = fraction(p + n, &frac);
		if (!p)
			return -1;
	}
	if (*p || hh > 23 || mm > 59 || ss > 60)
		return -1;
	localtime_r(&now, &tm);
	tm.tm_hour = hh;
	tm.tm_min = mm;
	tm.tm_sec = ss;
	tm.tm_isdst = -1;
	return to_ns((int64_t)mktime(&tm), frac, ns);
}

int timeparse(const char *text, int64_t now_ns, int64_t *ns)
{
	char buf[128];
	uint64_t ms;
	size_t len;

	errno = 0;
	if (!text || strlen(text) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", text);
	len = strlen(buf);
	while (len && isspace((unsigned char)buf[len - 1]))
		buf[--len] = 0;
	if (!strcmp(buf, "now")) {
		*ns = now_ns;
		return 0;
	}
	if (buf[0] == '@') {
		char *end;
		long long sec;
		int64_t frac;
		const char *p;

		if (!isdigit((unsigned char)buf[1]) && buf[1] != '-')
			return -1;
		errno = 0;
		sec = strtoll(buf + 1, &end, 10);
		if (end == buf + 1)
			return -1;
		p = fraction(end, &frac);
		if (!p || *p)
			return -1;
		/* strtoll's ERANGE stands: LLONG_MAX is out of range below too. */
		return to_ns(errno == ERANGE ? -1 : sec, frac, ns);
	}
	if (buf[0] == '-') {
		errno = 0;
		if (units_parse_duration(buf + 1, &ms) == 0)
			return before(now_ns, ms, ns);
		if (errno == ERANGE)
			return -1;
	}
	if (len > 4 && !strcmp(buf + len - 4, " ago")) {
		buf[len - 4] = 0;
		errno = 0;
		if (units_parse_duration(buf, &ms) < 0)
			return -1;
		return before(now_ns, ms, ns);
	}
	errno = 0;
	if (rfc3339(buf, ns) == 0)
		return 0;
	if (errno == ERANGE)
		return -1;
	return time_of_day(buf, now_ns, ns);
}

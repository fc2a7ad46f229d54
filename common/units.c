/* units.c: size and duration parsing that rejects anything ambiguous */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "units.h"

/* Reads decimal digits; fails on none or on overflow. */
static int read_number(const char **p, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = *p;

	if (!isdigit((unsigned char)*s))
		return -1;
	while (isdigit((unsigned char)*s)) {
		unsigned d = (unsigned)(*s - '0');

		if (v > (UINT64_MAX - d) / 10) {
			errno = ERANGE;
			return -1;
		}
		v = v * 10 + d;
		s++;
	}
	*p = s;
	*out = v;
	return 0;
}

int units_parse_size(const char *s, uint64_t *bytes)
{
	static const char suffixes[] = "KMGTP";
	uint64_t v, mult = 1;
	const char *p;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	if (read_number(&s, &v) < 0)
		return -1;
	if (*s && (p = strchr(suffixes, toupper((unsigned char)*s)))) {
		for (int i = 0; i <= p - suffixes; i++)
			mult *= 1024;
		s++;
		if (!strcasecmp(s, "iB"))
			s += 2;
		else if (toupper((unsigned char)*s) == 'B')
			s++;
	} else if (toupper((unsigned char)*s) == 'B') {
		s++;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s)
		return -1;
	if (v > UNITS_SIZE_MAX || (v && mult > UNITS_SIZE_MAX / v)) {
		errno = ERANGE;
		return -1;
	}
	*bytes = v * mult;
	return 0;
}

int units_parse_duration(const char *s, uint64_t *ms)
{
	static const struct {
		const char *name;
		uint64_t ms;
	} units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "m", 60000 }, { "h", 3600000 },
		{ "d", 86400000 }, { "w", 604800000 },
	};
	uint64_t total = 0;
	int pairs = 0;

	if (!s)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	while (*s && !isspace((unsigned char)*s)) {
		uint64_t v, mult = 0;
		size_t n = 0;

		if (read_number(&s, &v) < 0)
			return -1;
		while (isalpha((unsigned char)s[n]))
			n++;
		if (n == 0) {
			/* A bare number is seconds, and only alone. */
			if (pairs || (*s && !isspace((unsigned char)*s)))
				return -1;
			mult = 1000;
		}
		for (size_t i = 0; n && i < sizeof(units) / sizeof(units[0]); i++)
			if (strlen(units[i].name) == n && !strncasecmp(s, units[i].name, n))
				mult = units[i].ms;
		if (!mult)
			return -1;
		if (v > UNITS_DURATION_MAX_MS || (v && mult > UNITS_DURATION_MAX_MS / v) ||
		    total > UNITS_DURATION_MAX_MS - v * mult) {
			errno = ERANGE;
			return -1;
		}
		total += v * mult;
		s += n;
		pairs++;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s || !pairs)
		return -1;
	*ms = total;
	return 0;
}

char *units_format_size(uint64_t bytes, char *buf, size_t len)
{
	static const char suffixes[] = "KMGTP";
	double v = (double)bytes;
	int i = -1;

	while (v >= 1024 && i < 4) {
		v /= 1024;
		i++;
	}
	if (i < 0)
		snprintf(buf, len, "%lluB", (unsigned long long)bytes);
	else if (v < 10 && (uint64_t)(v * 10) % 10)
		snprintf(buf, len, "%.1f%c", v, suffixes[i]);
	else
		snprintf(buf, len, "%.0f%c", v, suffixes[i]);
	return buf;
}

char *units_format_duration(uint64_t ms, char *buf, size_t len)
{
	static const struct {
		const char *name;
		uint64_t ms;
	} units[] = {
		{ "w", 604800000 }, { "d", 86400000 }, { "h", 3600000 },
		{ "m", 60000 }, { "s", 1000 }, { "ms", 1 },
	};
	size_t off = 0;

	if (!len)
		return buf;
	buf[0] = 0;
	if (ms == 0) {
		snprintf(buf, len, "0s");
		return buf;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]) && ms; i++) {
		uint64_t n = ms / units[i].ms;
		int w;

		if (!n)
			continue;
		ms -= n * units[i].ms;
		w = snprintf(buf + off, len - off, "%llu%s", (unsigned long long)n, units[i].name);
		if (w < 0 || (size_t)w >= len - off)
			break;
		off += (size_t)w;
	}
	return buf;
}

/* test_aidxsum.c: the file list keeps each file's address-index union in bounded memory, and its "no" is always true */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addrset.h"
#include "bpfplan.h"
#include "storage/filelist.h"
#include "tap.h"

#define LT 1			/* DLT_EN10MB */
#define MB (1024 * 1024ULL)

static uint32_t rnd(void)
{
	static uint64_t x = 88172645463325252ULL;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return (uint32_t)x;
}

static int cmp32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int cmp16(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

static int cmp6(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

/* Sorts and makes unique n elements of size sz; returns how many are left. */
static uint32_t uniq(void *v, uint32_t n, size_t sz, int (*cmp)(const void *, const void *))
{
	uint8_t *p = v;
	uint32_t k = 0;

	qsort(v, n, sz, cmp);
	for (uint32_t i = 0; i < n; i++)
		if (!k || cmp(p + (size_t)(k - 1) * sz, p + (size_t)i * sz))
			memmove(p + (size_t)k++ * sz, p + (size_t)i * sz, sz);
	return k;
}

/* n4 addresses in 10.0.0.0/8 (some clustered), n6 in 2001:db8::/32, nport ports. */
static void make_set(struct addrset *s, uint32_t n4, uint32_t n6, uint32_t nport)
{
	memset(s, 0, sizeof(*s));
	s->l3 = ADDRSET_L3_IP4 | ADDRSET_L3_IP6;
	s->proto[0] = 1u << 6;
	s->proto[2] = 1u << 1;	/* 17 */
	s->ip4 = malloc((n4 + 1) * 4);
	s->ip6 = malloc((n6 + 1) * 16);
	s->port = malloc((nport + 1) * 2);
	for (uint32_t i = 0; i < n4; i++)
		s->ip4[i] = 0x0a000000u | (rnd() & (i % 2 ? 0xffffff : 0x00ff0fff));
	for (uint32_t i = 0; i < n6; i++) {
		uint32_t r = rnd();

		memset(s->ip6[i], 0, 16);
		memcpy(s->ip6[i], "\x20\x01\x0d\xb8", 4);
		memcpy(s->ip6[i] + 12, &r, 4);
		s->ip6[i][7] = (uint8_t)(i & 3);
	}
	for (uint32_t i = 0; i < nport; i++)
		s->port[i] = (uint16_t)(i % 4 ? 1024 + rnd() % 60000 : 80 + i % 8);
	s->n4 = uniq(s->ip4, n4, 4, cmp32);
	s->n6 = uniq(s->ip6, n6, 16, cmp6);
	s->nport = uniq(s->port, nport, 2, cmp16);
}

static struct bpfplan *plan(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static struct bpfplan *plan(const char *fmt, ...)
{
	char f[200], why[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(f, sizeof(f), fmt, ap);
	va_end(ap);
	return bpfplan_new(f, LT, why, sizeof(why));
}

/* A random filter that the exact set may or may not hold. */
static struct bpfplan *random_plan(const struct addrset *s)
{
	uint32_t a = s->n4 && rnd() % 2 ? s->ip4[rnd() % s->n4] : 0x0a000000u | (rnd() & 0xffffff);
	uint32_t p = s->nport && rnd() % 2 ? s->port[rnd() % s->nport] : rnd() % 65536;

	switch (rnd() % 5) {
	case 0:
		return plan("host %u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
	case 1:
		return plan("net %u.%u.%u.0/24", a >> 24, (a >> 16) & 255, (a >> 8) & 255);
	case 2:
		return plan("port %u", p);
	case 3:
		return plan("portrange %u-%u", p, p + rnd() % 50 > 65535 ? 65535 : p + rnd() % 50);
	default:
		return plan("host 2001:db8::%x:%x", rnd() & 0xffff, rnd() & 0xffff);
	}
}

static struct filelist_file file(uint64_t seq, uint64_t size)
{
	struct filelist_file f = { 0 };

	f.seq = seq;
	f.size = size;
	f.name_sec = 1795600000LL + (int64_t)seq;
	f.flags = FL_META | FL_SHA;
	return f;
}

/*
 * Every answer of a file's summary against the exact union: never "no"
 * where the union says "may"; returns how many "no"s the exact union gave
 * and the summary kept (out of the union's).
 */
static void compare(struct filelist *fl, uint64_t seq, const struct addrset *u, int tries,
		    int *wrong, int *kept, int *nos)
{
	for (int i = 0; i < tries; i++) {
		struct bpfplan *p = random_plan(u);
		int exact, got;

		if (!p)
			continue;
		exact = bpfplan_may_match(p, u);
		got = filelist_ask_summary(fl, seq, p, LT);
		if (exact && got == FILELIST_SUM_NO)
			(*wrong)++;
		if (!exact) {
			(*nos)++;
			*kept += got == FILELIST_SUM_NO;
		}
		bpfplan_free(p);
	}
}

int main(void)
{
	struct filelist *fl = filelist_new("eth0-default");
	struct filelist_file f;
	/* Sizes as in docs/index.md: a 1 MB file, a 90 MB one with 36,526 addresses. */
	static const struct {
		uint64_t size;
		uint32_t n4, n6, nport;
	} cases[] = {
		{ 1 * MB, 20, 4, 10 },
		{ 1 * MB, 1400, 0, 700 },
		{ 1 * MB, 3000, 200, 3000 },
		{ 90 * MB, 36526, 0, 30000 },
		{ 76 * MB, 98623, 500, 60000 },
	};
	size_t before, after;

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct addrset u;
		int wrong = 0, kept = 0, nos = 0;
		struct bpfplan *p;

		f = file(c + 1, cases[c].size);
		ok(filelist_append(fl, &f, NULL) == 0, "file %zu listed", c + 1);
		make_set(&u, cases[c].n4, cases[c].n6, cases[c].nport);
		p = plan("host 10.0.0.1");
		ok(filelist_ask_summary(fl, c + 1, p, LT) == FILELIST_SUM_NONE, "no summary before one is set");
		before = filelist_memory(fl);
		ok(filelist_set_summary(fl, c + 1, &u, LT) == 0, "summary set");
		after = filelist_memory(fl);
		ok(after - before <= cases[c].size / 512 + 1024 + 128,
		   "%llu MB file, %u IPv4 %u IPv6 %u ports: %zu bytes in memory (union %zu)",
		   (unsigned long long)(cases[c].size / MB), u.n4, u.n6, u.nport, after - before,
		   (size_t)u.n4 * 4 + (size_t)u.n6 * 16 + (size_t)u.nport * 2);
		ok(filelist_ask_summary(fl, c + 1, p, 2) == FILELIST_SUM_NONE, "another link type: no answer");
		bpfplan_free(p);
		compare(fl, c + 1, &u, 3000, &wrong, &kept, &nos);
		ok(!wrong, "never \"no\" where the union may match (%d wrong)", wrong);
		ok(kept > 0 && (cases[c].size > MB || cases[c].n4 > 1000 || kept == nos),
		   "%d of the union's %d \"no\"s answered from memory", kept, nos);
		addrset_free(&u);
	}
	/* Replaced, then freed with the file. */
	before = filelist_memory(fl);
	ok(filelist_remove(fl, 4, NULL, NULL) == 0 && filelist_remove(fl, 5, NULL, NULL) == 0,
	   "files removed");
	after = filelist_memory(fl);
	ok(before - after > 200 * 1024, "their summaries are freed with them (%zu bytes)", before - after);
	{
		struct bpfplan *p = plan("host 10.0.0.1");

		ok(filelist_ask_summary(fl, 4, p, LT) == FILELIST_SUM_NONE, "a removed file has no summary");
		bpfplan_free(p);
	}
	filelist_free(fl);
	return done_testing();
}

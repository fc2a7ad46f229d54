/* evheld.c: the held files and bytes of each case, in memory, under one small lock */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "bytes.h"
#include "evidence/evheld.h"
#include "proto.h"

struct held {
	char id[PROTO_CASE_MAX + 1];
	uint64_t files, bytes;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct held *cases;
static size_t ncases;
static uint64_t total;

/* The case's record, made when missing; NULL when memory is short. Under the lock. */
static struct held *find(const char *case_id, int make)
{
	for (size_t i = 0; i < ncases; i++)
		if (!strcmp(cases[i].id, case_id))
			return &cases[i];
	if (!make)
		return NULL;
	struct held *c = bytes_grow(cases, ncases, sizeof(*c));

	if (!c)
		return NULL;
	cases = c;
	memset(&cases[ncases], 0, sizeof(*cases));
	strncpy(cases[ncases].id, case_id, PROTO_CASE_MAX);
	return &cases[ncases++];
}

void evheld_add(const char *case_id, uint64_t files, uint64_t bytes)
{
	struct held *h;

	pthread_mutex_lock(&lock);
	h = find(case_id, 1);
	if (h) {
		h->files += files;
		h->bytes += bytes;
		total += bytes;
	}
	pthread_mutex_unlock(&lock);
}

void evheld_drop(const char *case_id)
{
	struct held *h;

	pthread_mutex_lock(&lock);
	h = find(case_id, 0);
	if (h) {
		total -= h->bytes;
		*h = cases[--ncases];
	}
	pthread_mutex_unlock(&lock);
}

uint64_t evheld_total(void)
{
	uint64_t t;

	pthread_mutex_lock(&lock);
	t = total;
	pthread_mutex_unlock(&lock);
	return t;
}

json_t *evheld_json(uint64_t *sum)
{
	json_t *j = json_object();

	pthread_mutex_lock(&lock);
	for (size_t i = 0; j && i < ncases; i++)
		if (cases[i].files)
			json_object_set_new(j, cases[i].id, json_integer((json_int_t)cases[i].bytes));
	*sum = total;
	pthread_mutex_unlock(&lock);
	return j;
}

void evheld_exit(void)
{
	pthread_mutex_lock(&lock);
	free(cases);
	cases = NULL;
	ncases = 0;
	total = 0;
	pthread_mutex_unlock(&lock);
}

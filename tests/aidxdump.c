/* aidxdump.c: prints an address index (NAME.aidx) as text, for tests and for looking at one by hand */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "addridx.h"

static void print_set(const char *what, const struct addrset *s)
{
	char a[INET6_ADDRSTRLEN];

	printf("%s flags=%" PRIu32 " l3=%" PRIu32 " proto=", what, s->flags, s->l3);
	for (int p = 0; p < 256; p++)
		if (s->proto[p / 8] & (1u << (p % 8)))
			printf("%d,", p);
	printf("\n");
	for (uint32_t i = 0; i < s->n4; i++) {
		uint32_t be = htonl(s->ip4[i]);

		printf("  ip4 %s\n", inet_ntop(AF_INET, &be, a, sizeof(a)));
	}
	for (uint32_t i = 0; i < s->n6; i++)
		printf("  ip6 %s\n", inet_ntop(AF_INET6, s->ip6[i], a, sizeof(a)));
	for (uint32_t i = 0; i < s->nport; i++)
		printf("  port %u\n", s->port[i]);
	for (uint32_t i = 0; i < s->nvlan; i++)
		printf("  vlan %u\n", s->vlan[i]);
}

int main(int argc, char **argv)
{
	struct addridx x;
	struct stat st;
	int datafd = -1;
	const char *v1 = NULL;

	/* -1 OUT: also write the index as version 1 (without postings) to OUT, for tests. */
	if (argc > 2 && !strcmp(argv[1], "-1")) {
		v1 = argv[2];
		argc -= 2;
		argv += 2;
	}
	if (argc < 2 || argc > 3 || (v1 && argc != 3)) {
		fprintf(stderr, "usage: aidxdump [-1 OUT] NAME.aidx [NAME: check the index against its file]\n");
		return 2;
	}
	if (argc == 3 && ((datafd = open(argv[2], O_RDONLY)) < 0 || fstat(datafd, &st) < 0)) {
		perror(argv[2]);
		return 2;
	}
	/* The identity binds the file's name as stored: its last path component. */
	if (addridx_load(AT_FDCWD, argv[1], datafd,
			 argc == 3 ? (strrchr(argv[2], '/') ? strrchr(argv[2], '/') + 1 : argv[2]) : NULL,
			 argc == 3 ? (uint64_t)st.st_size : 0, &x) < 0) {
		fprintf(stderr, "%s: not a usable address index%s\n", argv[1],
			argc == 3 ? " of that file" : "");
		return 1;
	}
	if (v1) {
		struct pcapidx_identity id;

		if (pcapidx_identify(datafd, strrchr(argv[2], '/') ? strrchr(argv[2], '/') + 1 : argv[2],
				     (uint64_t)st.st_size, &id) < 0 ||
		    addridx_write_sets(AT_FDCWD, v1, &x, 0, &id) < 0) {
			perror(v1);
			return 1;
		}
	}
	printf("linktype=%d complete=%d blocks=%zu\n", x.linktype, x.complete, x.nblocks);
	for (size_t i = 0; i < x.nblocks; i++) {
		char what[128];

		snprintf(what, sizeof(what), "block %zu first_ns=%" PRId64 " off=%" PRIu64
			 " raw_off=%" PRIu64 " packets_before=%" PRIu64, i, x.blocks[i].at.first_ns,
			 x.blocks[i].at.off, x.blocks[i].at.raw_off, x.blocks[i].at.packets_before);
		print_set(what, &x.blocks[i].set);
	}
	print_set("file", &x.file);
	addridx_free(&x);
	return 0;
}

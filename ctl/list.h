/* list.h: pktctl list: a window of a ring's files, asked for and printed a page at a time */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_LIST_H
#define PKTCAP_LIST_H

#include <stdio.h>

/* argv[0] is "list"; json asks for JSON output (and errors). */
int list_main(int argc, char **argv, const char *socket, int json, int timeout_ms);
void list_usage(FILE *out);
/* Whether a command-line word starts a tcpdump filter (host, net, port, "(", ...) rather than naming a ring. */
int list_filter_start(const char *word);

#endif

/* dump.h: pktctl dump: select stored packets and print them as tcpdump does, or write pcap */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_DUMP_H
#define PKTCAP_DUMP_H

/* argv[0] is "dump"; socket is the daemon's, json asks for errors as JSON. */
int dump_main(int argc, char **argv, const char *socket, int json);
void dump_usage(FILE *out);
/* argv[0] "summary" makes dump_main sum the packets up instead of printing them. */
void dump_summary_usage(FILE *out);
/*
 * pktctl -H: read the rings of each of these daemons (client sockets, as
 * "ssh://HOST") and merge them; labels name each host in the output.
 */
void dump_set_hosts(const char **socks, const char **labels, int n);

#endif

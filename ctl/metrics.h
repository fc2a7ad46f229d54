/* metrics.h: pktctl metrics: the daemon's status as Prometheus text for node_exporter's textfile collector */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_METRICS_H
#define PKTCAP_METRICS_H

/* Runs "pktctl metrics [RING]"; prints pktcap_up 0 (and returns 1) when the daemon does not answer. */
int metrics_main(int argc, char **argv, const char *sock, int timeout_ms);
/*
 * The same for several hosts (pktctl -H ... -H ...): one file, every sample
 * labelled host="HOST"; a host that does not answer has pktcap_up 0, is
 * named on stderr, and makes the return 1.
 */
#define METRICS_MAX_HOSTS 16
int metrics_hosts(int argc, char **argv, const char **socks, const char **hosts, int n,
		  int timeout_ms);

#endif

/* metrics.h: pktctl metrics: the daemon's status as Prometheus text for node_exporter's textfile collector */
#ifndef PKTCAP_METRICS_H
#define PKTCAP_METRICS_H

/* Runs "pktctl metrics [RING]"; prints pktcap_up 0 (and returns 1) when the daemon does not answer. */
int metrics_main(int argc, char **argv, const char *sock, int timeout_ms);

#endif

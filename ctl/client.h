/* client.h: pktctl's side of the control socket: connect, ask, read the answer */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CLIENT_H
#define PKTCAP_CLIENT_H

#include <jansson.h>

/*
 * Connects to the daemon's socket; -1 with advice in err ("is pktcapd running?").
 * A path "ssh://[USER@]HOST[:PORT][/SOCKET]" reaches the daemon on HOST over
 * OpenSSH (pktctl -H), through "pktctl --bridge" there.
 */
#define CLIENT_SSH_PREFIX "ssh://"
int client_connect(const char *path, char *err, size_t errlen);
/*
 * After a connection from client_connect ended without an answer: when it
 * went over ssh, puts what happened in err (the host, ssh's exit status and
 * its last error line, or that pktctl is missing there) and returns 1;
 * returns 0 for a local socket, whose errno says enough.
 */
int client_explain(int fd, char *err, size_t errlen);
/* Closes a connection from client_connect, and reaps its ssh once that has ended. */
void client_close(int fd);
/* pktctl --bridge: joins stdin and stdout to the socket at path until either side ends. */
int client_bridge(const char *path);

/*
 * Sends REQUEST to the daemon at SOCKET and returns its reply object, or
 * NULL with advice for the operator in err ("is pktcapd running?").
 */
json_t *client_call(const char *socket, json_t *request, int timeout_ms, char *err, size_t errlen);

/*
 * Reports a failure the way every pktctl command does: a JSON object
 * {"ok": false, "error": msg} on stdout with --json, else one line on
 * stderr. Returns 1, the exit status for it.
 */
int client_fail(int json, const char *msg);

#endif

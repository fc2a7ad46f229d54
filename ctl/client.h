/* client.h: pktctl's side of the control socket: connect, ask, read the answer */
#ifndef PKTCAP_CLIENT_H
#define PKTCAP_CLIENT_H

#include <jansson.h>

/*
 * Sends REQUEST to the daemon at SOCKET and returns its reply object, or
 * NULL with advice for the operator in err ("is pktcapd running?").
 */
/*
 * Connects to the daemon's socket; -1 with advice in err ("is pktcapd running?").
 * A path "ssh://[USER@]HOST[:PORT][/SOCKET]" reaches the daemon on HOST over
 * OpenSSH (pktctl -H), through "pktctl --bridge" there.
 */
#define CLIENT_SSH_PREFIX "ssh://"
int client_connect(const char *path, char *err, size_t errlen);
/* pktctl --bridge: joins stdin and stdout to the socket at path until either side ends. */
int client_bridge(const char *path);

json_t *client_call(const char *socket, json_t *request, int timeout_ms, char *err, size_t errlen);

/*
 * Reports a failure the way every pktctl command does: a JSON object
 * {"ok": false, "error": msg} on stdout with --json, else one line on
 * stderr. Returns 1, the exit status for it.
 */
int client_fail(int json, const char *msg);

#endif

/* client.h: pktctl's side of the control socket: connect, ask, read the answer */
#ifndef PKTCAP_CLIENT_H
#define PKTCAP_CLIENT_H

#include <jansson.h>

/*
 * Sends REQUEST to the daemon at SOCKET and returns its reply object, or
 * NULL with advice for the operator in err ("is pktcapd running?").
 */
json_t *client_call(const char *socket, json_t *request, int timeout_ms, char *err, size_t errlen);

#endif

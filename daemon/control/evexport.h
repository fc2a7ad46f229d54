/* evexport.h: the packets a case holds, streamed like a dump (pktctl export --case) */
#ifndef PKTCAP_EVEXPORT_H
#define PKTCAP_EVEXPORT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "control/dumpjob.h"
#include "proto.h"

struct evexport;

/* The case's held files (after its last release), read through the one reader. */
struct evexport *evexport_new(const struct proto_request *req, char *err, size_t errlen);
/* As dump_job_fill: DUMP_MORE or DUMP_DONE. Never changes the case. */
int evexport_fill(struct evexport *x, uint8_t *out, size_t max, size_t *len);
uint64_t evexport_packets(const struct evexport *x);
json_t *evexport_damage(const struct evexport *x);
void evexport_free(struct evexport *x);

#endif

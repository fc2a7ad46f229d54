/* format.h: pktctl's human-readable output for each answer */
#ifndef PKTCAP_FORMAT_H
#define PKTCAP_FORMAT_H

#include <jansson.h>

void format_status(json_t *result);
void format_list(json_t *result);
void format_interfaces(json_t *result);
void format_rotate(json_t *result);
void format_reload(json_t *result);
void format_reindex(json_t *result);

#endif

/* format.h: pktctl's human-readable output for each answer */
#ifndef PKTCAP_FORMAT_H
#define PKTCAP_FORMAT_H

#include <jansson.h>

void format_status(json_t *result);
void format_list(json_t *result);
/* list, a page at a time: each ring's summary, the table's head, one file. */
void format_list_ring(json_t *ring);
void format_list_head(void);
void format_list_file(json_t *file);
void format_interfaces(json_t *result);
void format_rotate(json_t *result);
void format_reload(json_t *result);
void format_reindex(json_t *result);

#endif

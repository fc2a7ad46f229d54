/* format.h: pktctl's human-readable output for each answer */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_FORMAT_H
#define PKTCAP_FORMAT_H

#include <jansson.h>

/*
 * Escapes, in place, every string in j (objects and arrays walked whole)
 * with escape_text, for human output: a note, case id, file or ring name a
 * client sent then cannot move the cursor, colour the terminal or forge a
 * line. JSON output is printed from the reply untouched, exact.
 */
void format_escape_tree(json_t *j);
/* The reply's error text, escaped, or a generic one; for the line on stderr. */
const char *format_error(json_t *reply);

/* "1 file", "2 files": the word that goes with count n. */
#define FORMAT_PLURAL(n, one, many) ((n) == 1 ? (one) : (many))

void format_status(json_t *result);
/* Several hosts' status results (NULL: that host failed) as one table with a HOST column. */
void format_status_hosts(const char **hosts, json_t **results, int n);
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

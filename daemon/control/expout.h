/* expout.h: what an export sends: filtered, gzip'd, hashed as sent, then described and signed */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_EXPOUT_H
#define PKTCAP_EXPOUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include <jansson.h>

#include "pcapfile.h"
#include "proto.h"

/*
 * An export is a dump that the daemon signs (docs/evidence.md, Export): the
 * dump job hands every record it read to expout_wants (the request's filter)
 * and every byte of the stream to expout_put, which gzips it when asked and
 * hashes exactly what goes to the client. At the end expout_end writes
 * provenance.json and SHA256SUMS and signs SHA256SUMS with the host key;
 * nothing a client sends is ever signed.
 */
struct expout;

/* peer: who asked, as SO_PEERCRED saw them. NULL with a reason in err. */
struct expout *expout_new(const struct proto_request *req, const struct ucred *peer, char *err,
			  size_t errlen);
/* The stream's pcap file header: the filter is compiled for its link type. */
void expout_header(struct expout *x, const uint8_t *hdr);
/* Whether the record goes into the export (the filter); 0 once the export failed. */
int expout_wants(struct expout *x, const struct pcapfile_rec *rec);
/*
 * Turns len bytes of the pcap stream at raw into what is sent, at out (raw
 * itself for a plain export), at most cap bytes, and hashes them; last ends
 * the gzip stream. -1 when the export failed (expout_end says why).
 */
int expout_put(struct expout *x, const uint8_t *raw, size_t len, int last, uint8_t *out,
	       size_t cap, size_t *outlen);
int expout_gzip(const struct expout *x);
/* A file the export read: {file, ring, sha256 (its seal, null while open), size, ...}. */
void expout_source(struct expout *x, json_t *src);
/* The entry for a ring's file; seal NULL: still open, not sealed yet. */
json_t *expout_file(const char *ring, const char *name, const uint8_t *seal, uint64_t size,
		    int64_t first, int64_t last, uint64_t packets);
/* The case's signed head ("pktcap-manifest case=... head=..."), for provenance.json. */
void expout_case_head(struct expout *x, const char *head);
/*
 * The END frame: {"ok": true, "packets", "duplicates", "damaged", "export":
 * {"capture", "provenance.json", "SHA256SUMS", "SHA256SUMS.sig" (hex)}}, or
 * {"ok": false, "error"} when the export cannot be signed or failed.
 */
json_t *expout_end(struct expout *x, uint64_t packets, uint64_t dups, json_t *damage);
void expout_free(struct expout *x);

#endif

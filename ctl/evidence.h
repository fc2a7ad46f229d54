/* evidence.h: pktctl's evidence commands: preserve, cases, release, verify, key */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_CTL_EVIDENCE_H
#define PKTCAP_CTL_EVIDENCE_H

struct evidence_opts {
	const char *socket;
	int json;
	int timeout_ms;
};

/* Each takes the command's own arguments (argv[0] is its name) and returns the exit status. */
int evidence_preserve(struct evidence_opts *o, int argc, char **argv);
int evidence_cases(struct evidence_opts *o, int argc, char **argv);
int evidence_release(struct evidence_opts *o, int argc, char **argv);
int evidence_verify(struct evidence_opts *o, int argc, char **argv);
int evidence_key(struct evidence_opts *o, int argc, char **argv);
/* export.c */
int evidence_export(struct evidence_opts *o, int argc, char **argv);

#endif

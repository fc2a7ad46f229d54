/* args.h: pktctl's words after the options: which name rings, which begin the filter */
/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef PKTCAP_ARGS_H
#define PKTCAP_ARGS_H

/*
 * The rings WORD names on the daemons at socks[0..nsocks-1] (the first that
 * answers is asked, once per run): 1 with names[0] = WORD for a ring
 * ("eth0/web"), n for an interface (all its rings), 0 when WORD is part of
 * the filter: it holds a space, or no ring or interface has that name, so
 * "pktctl dump eth0/all 'net 10.0.0.0/8 and port 80'" reads as tcpdump's
 * users mean it. "INTERFACE/NAME" for an interface the daemon has is a
 * ring even when the profile is not one (1): the daemon's "no ring" then
 * names the mistake, where a filter error would hide it. With no daemon answering, a word with a slash and no space
 * is taken for a ring, so that the daemon's own error is what is reported.
 */
int args_rings(const char *const *socks, int nsocks, const char *word, char (*names)[160],
	       int max);

#endif

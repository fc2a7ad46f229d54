/* aidxmatch.c: a filter's plan asked of one stored file's address index, without reading a packet (list, preserve) */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "aidxmatch.h"
#include "pcapfile.h"

int aidxmatch_plan(const char *filter, const uint8_t hdr[24], struct bpfplan **plan,
		   int *linktype, char *why, size_t whylen, char *err, size_t errlen)
{
	uint32_t lt, snaplen;
	struct bpf_program prog;
	pcap_t *dead;

	*plan = NULL;
	memcpy(&snaplen, hdr + 16, 4);
	memcpy(&lt, hdr + 20, 4);
	*linktype = (int)(lt & 0xffff);
	dead = pcap_open_dead(*linktype, snaplen ? (int)snaplen : 262144);
	if (!dead) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (pcap_compile(dead, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
		/* As pktctl says it when it compiles the filter itself. */
		snprintf(err, errlen, "filter \"%.100s%s\": %s", filter,
			 strlen(filter) > 100 ? "..." : "", pcap_geterr(dead));
		pcap_close(dead);
		return -1;
	}
	pcap_freecode(&prog);
	pcap_close(dead);
	*plan = bpfplan_new(filter, *linktype, why, whylen);
	return 0;
}

int aidxmatch_file(int dirfd, const char *name, const struct bpfplan *p, int linktype,
		   struct addridx *x)
{
	struct addridx own;
	struct stat st;
	char aname[300];
	int fd, rc = AIDXMATCH_UNKNOWN;

	if (!p)
		return AIDXMATCH_UNKNOWN;
	if (!x)
		x = &own;
	fd = pcapfile_openat(dirfd, name, O_RDONLY);
	if (fd < 0)
		return AIDXMATCH_UNKNOWN;
	snprintf(aname, sizeof(aname), "%s.aidx", name);
	if (fstat(fd, &st) < 0 || addridx_load(dirfd, aname, fd, name, (uint64_t)st.st_size, x) < 0) {
		close(fd);
		return AIDXMATCH_UNKNOWN;
	}
	close(fd);
	if (x->linktype == linktype)
		rc = x->complete && !bpfplan_may_match(p, &x->file) ? AIDXMATCH_NO : AIDXMATCH_MAY;
	if (rc != AIDXMATCH_MAY || x == &own)
		addridx_free(x);
	return rc;
}

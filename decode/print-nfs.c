/* print-nfs.c: NFS v2 and v3 over SunRPC on port 2049: calls, and the call cache for replies */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-nfs.h"

#define NFS_PORT 2049
#define RPC_CALL 0
#define RPC_REPLY 1

/* tcpdump's map of the v2 procedure numbers onto v3's */
const uint8_t nd_nfs_v2_procs[ND_NFS_NPROCS] = {
	NFSP_NULL, NFSP_GETATTR, NFSP_SETATTR, NFSP_NOOP, NFSP_LOOKUP, NFSP_READLINK,
	NFSP_READ, NFSP_NOOP, NFSP_WRITE, NFSP_CREATE, NFSP_REMOVE, NFSP_RENAME, NFSP_LINK,
	NFSP_SYMLINK, NFSP_MKDIR, NFSP_RMDIR, NFSP_READDIR, NFSP_FSSTAT, NFSP_NOOP, NFSP_NOOP,
	NFSP_NOOP, NFSP_NOOP, NFSP_NOOP, NFSP_NOOP, NFSP_NOOP, NFSP_NOOP,
};

const struct nd_tok nd_nfs_proc_names[] = {
	{ NFSP_NOOP, "nop" }, { NFSP_NULL, "null" }, { NFSP_GETATTR, "getattr" },
	{ NFSP_SETATTR, "setattr" }, { NFSP_LOOKUP, "lookup" }, { NFSP_ACCESS, "access" },
	{ NFSP_READLINK, "readlink" }, { NFSP_READ, "read" }, { NFSP_WRITE, "write" },
	{ NFSP_CREATE, "create" }, { NFSP_MKDIR, "mkdir" }, { NFSP_SYMLINK, "symlink" },
	{ NFSP_MKNOD, "mknod" }, { NFSP_REMOVE, "remove" }, { NFSP_RMDIR, "rmdir" },
	{ NFSP_RENAME, "rename" }, { NFSP_LINK, "link" }, { NFSP_READDIR, "readdir" },
	{ NFSP_READDIRPLUS, "readdirplus" }, { NFSP_FSSTAT, "fsstat" }, { NFSP_FSINFO, "fsinfo" },
	{ NFSP_PATHCONF, "pathconf" }, { NFSP_COMMIT, "commit" }, { 0, NULL },
};

const struct nd_tok nd_nfs_write_modes[] = {
	{ 0, "unstable" }, { 1, "datasync" }, { 2, "filesync" }, { 0, NULL },
};

/* No NFSOCK (6): tcpdump's table lacks it. */
const struct nd_tok nd_nfs_file_types[] = {
	{ 0, "NON" }, { 1, "REG" }, { 2, "DIR" }, { 3, "BLK" }, { 4, "CHR" }, { 5, "LNK" },
	{ 7, "FIFO" }, { 0, NULL },
};

uint64_t nd_nfs_be64(struct nd *nd, const uint8_t *p)
{
	return (uint64_t)GET_BE_U_4(p) << 32 | GET_BE_U_4(p + 4);
}

const uint8_t *nd_nfs_skip(struct nd *nd, const uint8_t *p, uint64_t n)
{
	uint64_t avail = ND_BYTES_AVAILABLE_AFTER(nd, p);

	return n <= avail ? p + n : nd->snapend;
}

const char *nd_nfs_tok(const struct nd_tok *t, const char *fmt, unsigned v, char *buf,
		       size_t len)
{
	return nd_tok2str(t, fmt, v, buf, len);
}

/* ---- the call cache ---- */

static void addrs(const uint8_t *ip, unsigned ipver, const uint8_t **src, const uint8_t **dst,
		  size_t *alen)
{
	*src = ipver == 4 ? ip + 12 : ip + 8;
	*dst = ipver == 4 ? ip + 16 : ip + 24;
	*alen = ipver == 4 ? 4 : 16;
}

static int xid_enter(struct nd *nd, const uint8_t *rp, const uint8_t *ip)
{
	struct nd_nfs_xid *e;
	const uint8_t *src, *dst;
	unsigned ipver = GET_U_1(ip) >> 4;
	size_t alen;

	if (!ND_TTEST_LEN(nd, rp + 20, 4))
		return 0;
	if (ipver != 4 && ipver != 6)
		return 1;
	e = &nd->nfs.map[nd->nfs.next];
	if (++nd->nfs.next >= ND_NFS_XIDS)
		nd->nfs.next = 0;
	addrs(ip, ipver, &src, &dst, &alen);
	e->xid = GET_BE_U_4(rp);
	e->ipver = ipver;
	memcpy(e->client, src, alen);
	memcpy(e->server, dst, alen);
	e->proc = GET_BE_U_4(rp + 20);
	e->vers = GET_BE_U_4(rp + 16);
	return 1;
}

/* The call a reply answers (same xid, addresses swapped), searched from the last hit. */
int nd_nfs_xid_find(struct nd *nd, const uint8_t *rp, const uint8_t *ip, uint32_t *proc,
		    uint32_t *vers)
{
	unsigned ipver = GET_U_1(ip) >> 4, i = nd->nfs.hint;
	uint32_t xid = GET_BE_U_4(rp);
	const uint8_t *src, *dst;
	size_t alen;

	addrs(ip, ipver, &src, &dst, &alen);
	do {
		const struct nd_nfs_xid *e = &nd->nfs.map[i];

		if (e->ipver == ipver && e->xid == xid && (ipver == 4 || ipver == 6) &&
		    !memcmp(src, e->server, alen) && !memcmp(dst, e->client, alen)) {
			nd->nfs.hint = i;
			*proc = e->proc;
			*vers = e->vers;
			return 0;
		}
		if (++i >= ND_NFS_XIDS)
			i = 0;
	} while (i != nd->nfs.hint);
	return -1;
}

/* ---- pieces of calls ---- */

/* The call's arguments after the credentials and verifier, or NULL if they were not captured. */
static const uint8_t *parsereq(struct nd *nd, const uint8_t *rp, unsigned length)
{
	const uint8_t *dp = rp + 24;
	uint32_t len, rounded;

	if (length < 8)
		return NULL;
	len = GET_BE_U_4(dp + 4);
	rounded = (len + 3) & ~3u;
	if (!ND_TTEST_LEN(nd, dp + 8, rounded) || 8 + (uint64_t)rounded > length)
		return NULL;
	dp = nd_nfs_skip(nd, dp, ((uint64_t)len + 11) / 4 * 4);
	length -= 8 + rounded;
	if (length < 8)
		return NULL;
	len = GET_BE_U_4(dp + 4);
	rounded = (len + 3) & ~3u;
	if (!ND_TTEST_LEN(nd, dp + 8, rounded) || 8 + (uint64_t)rounded >= length)
		return NULL;
	return nd_nfs_skip(nd, dp, ((uint64_t)len + 11) / 4 * 4);
}

const uint8_t *nd_nfs_parsefh(struct nd *nd, const uint8_t *dp, int v3)
{
	unsigned words = 8;

	if (v3) {
		words = GET_BE_U_4(dp) / 4;
		dp += 4;
	}
	if (!ND_TTEST_LEN(nd, dp, (size_t)words * 4))
		return NULL;
	nd_nfs_printfh(nd, dp, words);
	return dp + (size_t)words * 4;
}

const uint8_t *nd_nfs_parsefn(struct nd *nd, const uint8_t *dp)
{
	uint32_t len = GET_BE_U_4(dp), rounded;

	dp += 4;
	if (UINT32_MAX - len < 3) {
		nd_puts(nd, "[cannot pad to 32-bit boundaries]");
		nd_print_invalid(nd);
		return NULL;
	}
	rounded = (len + 3) & ~3u;
	if (!ND_TTEST_LEN(nd, dp, rounded))
		return NULL;
	nd_putc(nd, '"');
	nd_printn(nd, dp, len);
	nd_putc(nd, '"');
	return dp + rounded;
}

static const uint8_t *parsefhn(struct nd *nd, const uint8_t *dp, int v3)
{
	dp = nd_nfs_parsefh(nd, dp, v3);
	if (!dp)
		return NULL;
	nd_putc(nd, ' ');
	return nd_nfs_parsefn(nd, dp);
}

struct sattr3 {
	uint32_t set[6], val[6][2];	/* mode, uid, gid, size, atime, mtime */
};

static const uint8_t *parse_sattr3(struct nd *nd, const uint8_t *dp, struct sattr3 *sa)
{
	for (unsigned i = 0; i < 6; i++) {
		sa->set[i] = GET_BE_U_4(dp);
		dp += 4;
		if (i < 4 ? sa->set[i] != 0 : sa->set[i] == 2) {
			sa->val[i][0] = GET_BE_U_4(dp);
			dp += 4;
			if (i >= 4) {
				sa->val[i][1] = GET_BE_U_4(dp);
				dp += 4;
			}
		}
	}
	return dp;
}

static void print_sattr3(struct nd *nd, const struct sattr3 *sa, int verbose)
{
	if (sa->set[0])
		nd_printf(nd, " mode %o", sa->val[0][0]);
	if (sa->set[1])
		nd_printf(nd, " uid %u", sa->val[1][0]);
	if (sa->set[2])
		nd_printf(nd, " gid %u", sa->val[2][0]);
	if (verbose > 1 && sa->set[4] == 2)
		nd_printf(nd, " atime %u.%06u", sa->val[4][0], sa->val[4][1]);
	if (verbose > 1 && sa->set[5] == 2)
		nd_printf(nd, " mtime %u.%06u", sa->val[5][0], sa->val[5][1]);
}

static void print_access(struct nd *nd, uint32_t f)
{
	static const char *const names[] = {
		"NFS_ACCESS_READ", "NFS_ACCESS_LOOKUP", "NFS_ACCESS_MODIFY",
		"NFS_ACCESS_EXTEND", "NFS_ACCESS_DELETE", "NFS_ACCESS_EXECUTE",
	};
	char sep = ' ';

	if (f & ~0x3fu) {
		nd_printf(nd, " %04x", f);
		return;
	}
	if (f == 0x3f) {
		nd_puts(nd, " NFS_ACCESS_FULL");
		return;
	}
	for (unsigned i = 0; i < 6; i++) {
		if (f & (1u << i)) {
			nd_printf(nd, "%c%s", sep, names[i]);
			sep = '|';
		}
	}
}

/* ---- calls ---- */

static int req_io(struct nd *nd, const uint8_t *dp, unsigned proc, int v3)
{
	char buf[32];

	switch (proc) {
	case NFSP_READ:
		if (v3)
			nd_printf(nd, " %u bytes @ %" PRIu64, GET_BE_U_4(dp + 8), nd_nfs_be64(nd, dp));
		else
			nd_printf(nd, " %u bytes @ %u", GET_BE_U_4(dp + 4), GET_BE_U_4(dp));
		break;
	case NFSP_WRITE:
		if (!v3) {
			nd_printf(nd, " %u (%u) bytes @ %u (%u)", GET_BE_U_4(dp + 12),
				  GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 4), GET_BE_U_4(dp));
			break;
		}
		nd_printf(nd, " %u (%u) bytes @ %" PRIu64, GET_BE_U_4(dp + 16), GET_BE_U_4(dp + 8),
			  nd_nfs_be64(nd, dp));
		if (nd->o.vflag)
			nd_printf(nd, " <%s>", nd_nfs_tok(nd_nfs_write_modes, "#%d", GET_BE_U_4(dp + 12), buf,
						   sizeof(buf)));
		break;
	case NFSP_READDIR:
		if (!v3) {
			nd_printf(nd, " %u bytes @ %u", GET_BE_U_4(dp + 4), GET_BE_U_4(dp));
			break;
		}
		nd_printf(nd, " %u bytes @ %" PRId64, GET_BE_U_4(dp + 16), (int64_t)nd_nfs_be64(nd, dp));
		if (nd->o.vflag)
			nd_printf(nd, " verf %08x%08x", GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 12));
		break;
	case NFSP_READDIRPLUS:
		nd_printf(nd, " %u bytes @ %" PRId64, GET_BE_U_4(dp + 16), (int64_t)nd_nfs_be64(nd, dp));
		if (nd->o.vflag)
			nd_printf(nd, " max %u verf %08x%08x", GET_BE_U_4(dp + 20), GET_BE_U_4(dp + 8),
				  GET_BE_U_4(dp + 12));
		break;
	case NFSP_COMMIT:
		nd_printf(nd, " %u bytes @ %" PRIu64, GET_BE_U_4(dp + 8), nd_nfs_be64(nd, dp));
		break;
	}
	return 0;
}

static int req_symlink_mknod(struct nd *nd, const uint8_t *dp, unsigned proc, int v3)
{
	struct sattr3 sa;
	char buf[32];
	uint32_t type;

	if (!(dp = parsefhn(nd, dp, v3)))
		return -1;
	if (proc == NFSP_SYMLINK) {
		nd_puts(nd, " ->");
		if (v3)
			dp = parse_sattr3(nd, dp, &sa);
		if (!nd_nfs_parsefn(nd, dp))
			return -1;
		if (v3 && nd->o.vflag)
			print_sattr3(nd, &sa, nd->o.vflag);
		return 0;
	}
	type = GET_BE_U_4(dp);
	dp = parse_sattr3(nd, dp + 4, &sa);
	nd_printf(nd, " %s", nd_nfs_tok(nd_nfs_file_types, "unk-ft %u", type, buf, sizeof(buf)));
	if (nd->o.vflag && (type == 4 || type == 3))
		nd_printf(nd, " %u/%u", GET_BE_U_4(dp), GET_BE_U_4(dp + 4));
	if (nd->o.vflag)
		print_sattr3(nd, &sa, nd->o.vflag);
	return 0;
}

/* A call's arguments; -1 when they stop short (tcpdump's trunc). */
static int req_args(struct nd *nd, const uint8_t *rp, unsigned length, unsigned proc, int v3)
{
	const uint8_t *dp;

	if (proc == NFSP_NULL || proc > NFSP_COMMIT)
		return 0;
	if (!(dp = parsereq(nd, rp, length)))
		return -1;
	switch (proc) {
	case NFSP_LOOKUP: case NFSP_CREATE: case NFSP_MKDIR: case NFSP_REMOVE: case NFSP_RMDIR:
		return parsefhn(nd, dp, v3) ? 0 : -1;
	case NFSP_SYMLINK: case NFSP_MKNOD:
		return req_symlink_mknod(nd, dp, proc, v3);
	case NFSP_RENAME: case NFSP_LINK:
		dp = proc == NFSP_RENAME ? parsefhn(nd, dp, v3) : nd_nfs_parsefh(nd, dp, v3);
		if (!dp)
			return -1;
		nd_puts(nd, " ->");
		return parsefhn(nd, dp, v3) ? 0 : -1;
	}
	if (!(dp = nd_nfs_parsefh(nd, dp, v3)))
		return -1;
	if (proc == NFSP_ACCESS)
		print_access(nd, GET_BE_U_4(dp));
	else
		req_io(nd, dp, proc, v3);
	return 0;
}

static void nfsreq_noaddr_print(struct nd *nd, const uint8_t *rp, unsigned length,
				const uint8_t *ip)
{
	uint32_t proc;
	char buf[32];
	int v3;

	nd->protocol = "nfs";
	nd_putu(nd, length);
	if (!xid_enter(nd, rp, ip)) {
		nd_print_trunc(nd);
		return;
	}
	v3 = GET_BE_U_4(rp + 16) == 3;
	proc = GET_BE_U_4(rp + 20);
	if (!v3 && proc < ND_NFS_NPROCS)
		proc = nd_nfs_v2_procs[proc];
	nd_printf(nd, " %s", nd_nfs_tok(nd_nfs_proc_names, "proc-%u", proc, buf, sizeof(buf)));
	if (req_args(nd, rp, length, proc, v3) < 0)
		nd_print_trunc(nd);
}

/* A call to port 2049 or a reply from it: "NFS request xid N " and the call, or the reply. */
static int nfs_dispatch(struct nd *nd, const uint8_t *rp, unsigned length, const uint8_t *ip,
			unsigned sport, unsigned dport, const char *lead)
{
	uint32_t dir;

	if (!ND_TTEST_LEN(nd, rp + 4, 4))
		return 0;
	dir = GET_BE_U_4(rp + 4);
	if (dport == NFS_PORT && dir == RPC_CALL) {
		nd_printf(nd, "%sNFS request xid %u ", lead, GET_BE_U_4(rp));
		nfsreq_noaddr_print(nd, rp, length, ip);
		return 1;
	}
	if (sport == NFS_PORT && dir == RPC_REPLY) {
		nd_printf(nd, "%sNFS reply xid %u ", lead, GET_BE_U_4(rp));
		nd_nfsreply_noaddr_print(nd, rp, length, ip);
		return 1;
	}
	return 0;
}

int nd_nfs_udp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		     unsigned sport, unsigned dport)
{
	return nfs_dispatch(nd, bp, length, ip, sport, dport, "");
}

/* Over TCP the message follows its record mark, whose length bounds it. */
void nd_nfs_tcp_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip,
		      unsigned sport, unsigned dport)
{
	uint32_t fraglen;

	if (length < 4 || !ND_TTEST_LEN(nd, bp, 4))
		return;
	fraglen = GET_BE_U_4(bp) & 0x7fffffff;
	if (fraglen > length - 4)
		fraglen = length - 4;
	nfs_dispatch(nd, bp + 4, fraglen, ip, sport, dport, ": ");
}

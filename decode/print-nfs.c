/* print-nfs.c: NFS v2 and v3 calls and replies over SunRPC (UDP and TCP port 2049), as tcpdump prints them */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-nfs.h"

#define NFS_PORT 2049
#define RPC_CALL 0
#define RPC_REPLY 1

/* NFS v3 procedure numbers; v2 calls are mapped onto them. */
enum {
	P_NULL, P_GETATTR, P_SETATTR, P_LOOKUP, P_ACCESS, P_READLINK, P_READ, P_WRITE, P_CREATE,
	P_MKDIR, P_SYMLINK, P_MKNOD, P_REMOVE, P_RMDIR, P_RENAME, P_LINK, P_READDIR,
	P_READDIRPLUS, P_FSSTAT, P_FSINFO, P_PATHCONF, P_COMMIT, P_NOOP = 25,
};

#define NFS_NPROCS 26
static const uint8_t v2_procs[NFS_NPROCS] = {
	P_NULL, P_GETATTR, P_SETATTR, P_NOOP, P_LOOKUP, P_READLINK, P_READ, P_NOOP, P_WRITE,
	P_CREATE, P_REMOVE, P_RENAME, P_LINK, P_SYMLINK, P_MKDIR, P_RMDIR, P_READDIR, P_FSSTAT,
	P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP, P_NOOP,
};

static const struct nd_tok proc_names[] = {
	{ P_NOOP, "nop" }, { P_NULL, "null" }, { P_GETATTR, "getattr" }, { P_SETATTR, "setattr" },
	{ P_LOOKUP, "lookup" }, { P_ACCESS, "access" }, { P_READLINK, "readlink" },
	{ P_READ, "read" }, { P_WRITE, "write" }, { P_CREATE, "create" }, { P_MKDIR, "mkdir" },
	{ P_SYMLINK, "symlink" }, { P_MKNOD, "mknod" }, { P_REMOVE, "remove" },
	{ P_RMDIR, "rmdir" }, { P_RENAME, "rename" }, { P_LINK, "link" },
	{ P_READDIR, "readdir" }, { P_READDIRPLUS, "readdirplus" }, { P_FSSTAT, "fsstat" },
	{ P_FSINFO, "fsinfo" }, { P_PATHCONF, "pathconf" }, { P_COMMIT, "commit" }, { 0, NULL },
};

static const struct nd_tok status_names[] = {
	{ 1, "Operation not permitted" }, { 2, "No such file or directory" },
	{ 5, "Input/output error" }, { 6, "Device not configured" },
	{ 11, "Resource deadlock avoided" }, { 12, "Cannot allocate memory" },
	{ 13, "Permission denied" }, { 17, "File exists" }, { 18, "Cross-device link" },
	{ 19, "Operation not supported by device" }, { 20, "Not a directory" },
	{ 21, "Is a directory" }, { 22, "Invalid argument" }, { 26, "Text file busy" },
	{ 27, "File too large" }, { 28, "No space left on device" },
	{ 30, "Read-only file system" }, { 31, "Too many links" },
	{ 45, "Operation not supported" }, { 62, "Too many levels of symbolic links" },
	{ 63, "File name too long" }, { 66, "Directory not empty" },
	{ 69, "Disc quota exceeded" }, { 70, "Stale NFS file handle" },
	{ 71, "Too many levels of remote in path" }, { 99, "Write cache flushed to disk" },
	{ 10001, "Illegal NFS file handle" }, { 10002, "Update synchronization mismatch" },
	{ 10003, "READDIR/READDIRPLUS cookie is stale" }, { 10004, "Operation not supported" },
	{ 10005, "Buffer or request is too small" }, { 10006, "Unspecified error on server" },
	{ 10007, "Object of that type not supported" },
	{ 10008, "Request couldn't be completed in time" }, { 0, NULL },
};

static const struct nd_tok write_modes[] = {
	{ 0, "unstable" }, { 1, "datasync" }, { 2, "filesync" }, { 0, NULL },
};

/* No NFSOCK (6): tcpdump's table lacks it. */
static const struct nd_tok file_types[] = {
	{ 0, "NON" }, { 1, "REG" }, { 2, "DIR" }, { 3, "BLK" }, { 4, "CHR" }, { 5, "LNK" },
	{ 7, "FIFO" }, { 0, NULL },
};

static const struct nd_tok auth_stats[] = {
	{ 0, "OK" }, { 1, "Bogus Credentials (seal broken)" },
	{ 2, "Rejected Credentials (client should begin new session)" },
	{ 3, "Bogus Verifier (seal broken)" }, { 4, "Verifier expired or was replayed" },
	{ 5, "Credentials are too weak" }, { 6, "Bogus response verifier" },
	{ 7, "Unknown failure" }, { 0, NULL },
};

static const struct nd_tok accept_stats[] = {
	{ 1, "PROG_UNAVAIL" }, { 2, "PROG_MISMATCH" }, { 3, "PROC_UNAVAIL" },
	{ 4, "GARBAGE_ARGS" }, { 5, "SYSTEM_ERR" }, { 0, NULL },
};

#define NFSX_V2FATTR 68
#define NFSX_V3FATTR 84

/* The parse state of one reply: whether an NFS error already explains a stop. */
struct rep {
	int err;
};

static uint64_t get_be64(struct nd *nd, const uint8_t *p)
{
	return (uint64_t)GET_BE_U_4(p) << 32 | GET_BE_U_4(p + 4);
}

/* p + n, or the end of the capture if that is nearer (a later read there fails as tcpdump's does). */
static const uint8_t *skip(struct nd *nd, const uint8_t *p, uint64_t n)
{
	uint64_t avail = ND_BYTES_AVAILABLE_AFTER(nd, p);

	return n <= avail ? p + n : nd->snapend;
}

static const char *tok(const struct nd_tok *t, const char *fmt, unsigned v, char *buf,
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
static int xid_find(struct nd *nd, const uint8_t *rp, const uint8_t *ip, uint32_t *proc,
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
	dp = skip(nd, dp, ((uint64_t)len + 11) / 4 * 4);
	length -= 8 + rounded;
	if (length < 8)
		return NULL;
	len = GET_BE_U_4(dp + 4);
	rounded = (len + 3) & ~3u;
	if (!ND_TTEST_LEN(nd, dp + 8, rounded) || 8 + (uint64_t)rounded >= length)
		return NULL;
	return skip(nd, dp, ((uint64_t)len + 11) / 4 * 4);
}

static const uint8_t *parsefh(struct nd *nd, const uint8_t *dp, int v3)
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

static const uint8_t *parsefn(struct nd *nd, const uint8_t *dp)
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
	dp = parsefh(nd, dp, v3);
	if (!dp)
		return NULL;
	nd_putc(nd, ' ');
	return parsefn(nd, dp);
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
	case P_READ:
		if (v3)
			nd_printf(nd, " %u bytes @ %" PRIu64, GET_BE_U_4(dp + 8), get_be64(nd, dp));
		else
			nd_printf(nd, " %u bytes @ %u", GET_BE_U_4(dp + 4), GET_BE_U_4(dp));
		break;
	case P_WRITE:
		if (!v3) {
			nd_printf(nd, " %u (%u) bytes @ %u (%u)", GET_BE_U_4(dp + 12),
				  GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 4), GET_BE_U_4(dp));
			break;
		}
		nd_printf(nd, " %u (%u) bytes @ %" PRIu64, GET_BE_U_4(dp + 16), GET_BE_U_4(dp + 8),
			  get_be64(nd, dp));
		if (nd->o.vflag)
			nd_printf(nd, " <%s>", tok(write_modes, "#%d", GET_BE_U_4(dp + 12), buf,
						   sizeof(buf)));
		break;
	case P_READDIR:
		if (!v3) {
			nd_printf(nd, " %u bytes @ %u", GET_BE_U_4(dp + 4), GET_BE_U_4(dp));
			break;
		}
		nd_printf(nd, " %u bytes @ %" PRId64, GET_BE_U_4(dp + 16), (int64_t)get_be64(nd, dp));
		if (nd->o.vflag)
			nd_printf(nd, " verf %08x%08x", GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 12));
		break;
	case P_READDIRPLUS:
		nd_printf(nd, " %u bytes @ %" PRId64, GET_BE_U_4(dp + 16), (int64_t)get_be64(nd, dp));
		if (nd->o.vflag)
			nd_printf(nd, " max %u verf %08x%08x", GET_BE_U_4(dp + 20), GET_BE_U_4(dp + 8),
				  GET_BE_U_4(dp + 12));
		break;
	case P_COMMIT:
		nd_printf(nd, " %u bytes @ %" PRIu64, GET_BE_U_4(dp + 8), get_be64(nd, dp));
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
	if (proc == P_SYMLINK) {
		nd_puts(nd, " ->");
		if (v3)
			dp = parse_sattr3(nd, dp, &sa);
		if (!parsefn(nd, dp))
			return -1;
		if (v3 && nd->o.vflag)
			print_sattr3(nd, &sa, nd->o.vflag);
		return 0;
	}
	type = GET_BE_U_4(dp);
	dp = parse_sattr3(nd, dp + 4, &sa);
	nd_printf(nd, " %s", tok(file_types, "unk-ft %u", type, buf, sizeof(buf)));
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

	if (proc == P_NULL || proc > P_COMMIT)
		return 0;
	if (!(dp = parsereq(nd, rp, length)))
		return -1;
	switch (proc) {
	case P_LOOKUP: case P_CREATE: case P_MKDIR: case P_REMOVE: case P_RMDIR:
		return parsefhn(nd, dp, v3) ? 0 : -1;
	case P_SYMLINK: case P_MKNOD:
		return req_symlink_mknod(nd, dp, proc, v3);
	case P_RENAME: case P_LINK:
		dp = proc == P_RENAME ? parsefhn(nd, dp, v3) : parsefh(nd, dp, v3);
		if (!dp)
			return -1;
		nd_puts(nd, " ->");
		return parsefhn(nd, dp, v3) ? 0 : -1;
	}
	if (!(dp = parsefh(nd, dp, v3)))
		return -1;
	if (proc == P_ACCESS)
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
	if (!v3 && proc < NFS_NPROCS)
		proc = v2_procs[proc];
	nd_printf(nd, " %s", tok(proc_names, "proc-%u", proc, buf, sizeof(buf)));
	if (req_args(nd, rp, length, proc, v3) < 0)
		nd_print_trunc(nd);
}

/* ---- pieces of replies ---- */

/* The results after the verifier, or NULL (with the RPC error printed when there is one). */
static const uint8_t *parserep(struct nd *nd, const uint8_t *rp, unsigned length, struct rep *r)
{
	const uint8_t *dp = rp + 12;
	uint32_t len = GET_BE_U_4(dp + 4), astat;
	char buf[32];

	if (len >= length)
		return NULL;
	dp = skip(nd, dp, ((uint64_t)len + 11) / 4 * 4);
	astat = GET_BE_U_4(dp);
	if (astat != 0) {
		nd_printf(nd, " %s", tok(accept_stats, "ar_stat %u", astat, buf, sizeof(buf)));
		r->err = 1;
		return NULL;
	}
	return dp + 4;
}

static const uint8_t *parsestatus(struct nd *nd, const uint8_t *dp, unsigned *er, struct rep *r)
{
	uint32_t e = GET_BE_U_4(dp);
	char buf[32];

	*er = e;
	if (e != 0) {
		if (!nd->o.qflag)
			nd_printf(nd, " ERROR: %s", tok(status_names, "unk %u", e, buf, sizeof(buf)));
		r->err = 1;
	}
	return dp + 4;
}

static void print_times(struct nd *nd, const uint8_t *t, int n)
{
	for (int i = 0; i < n; i++)
		nd_printf(nd, " %u.%06u", GET_BE_U_4(t + 8 * i), GET_BE_U_4(t + 8 * i + 4));
}

static const uint8_t *parsefattr(struct nd *nd, const uint8_t *dp, int verbose, int v3)
{
	char buf[32];

	if (!ND_TTEST_LEN(nd, dp + 16, 4))
		return NULL;
	if (verbose) {
		nd_printf(nd, " %s %o ids %d/%d", tok(file_types, "unk-ft %u ", GET_BE_U_4(dp), buf,
						      sizeof(buf)), GET_BE_U_4(dp + 4),
			  (int32_t)GET_BE_U_4(dp + 12), (int32_t)GET_BE_U_4(dp + 16));
		if (v3)
			nd_printf(nd, " sz %" PRIu64, get_be64(nd, dp + 20));
		else
			nd_printf(nd, " sz %u", GET_BE_U_4(dp + 20));
	}
	if (verbose > 1 && v3) {
		if (!ND_TTEST_LEN(nd, dp + 76, 8))
			return NULL;
		nd_printf(nd, " nlink %u rdev %u/%u", GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 36),
			  GET_BE_U_4(dp + 40));
		nd_printf(nd, " fsid %" PRIx64, get_be64(nd, dp + 44));
		nd_printf(nd, " fileid %" PRIx64, get_be64(nd, dp + 52));
		nd_puts(nd, " a/m/ctime");
		print_times(nd, dp + 60, 3);
	} else if (verbose > 1) {
		if (!ND_TTEST_LEN(nd, dp + 60, 8))
			return NULL;
		nd_printf(nd, " nlink %u rdev 0x%x fsid 0x%x nodeid 0x%x a/m/ctime",
			  GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 28), GET_BE_U_4(dp + 36),
			  GET_BE_U_4(dp + 40));
		print_times(nd, dp + 44, 3);
	}
	return dp + (v3 ? NFSX_V3FATTR : NFSX_V2FATTR);
}

static int parseattrstat(struct nd *nd, const uint8_t *dp, int verbose, int v3, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (er)
		return 1;
	return parsefattr(nd, dp, verbose, v3) != NULL;
}

static int parsediropres(struct nd *nd, const uint8_t *dp, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (er)
		return 1;
	if (!(dp = parsefh(nd, dp, 0)))
		return 0;
	return parsefattr(nd, dp, nd->o.vflag, 0) != NULL;
}

static const uint8_t *parse_pre_op_attr(struct nd *nd, const uint8_t *dp, int verbose)
{
	if (!GET_BE_U_4(dp))
		return dp + 4;
	dp += 4;
	if (!ND_TTEST_LEN(nd, dp, 24))
		return NULL;
	if (verbose > 1) {
		nd_printf(nd, " sz %" PRIu64, get_be64(nd, dp));
		nd_printf(nd, " mtime %u.%06u ctime %u.%06u", GET_BE_U_4(dp + 8),
			  GET_BE_U_4(dp + 12), GET_BE_U_4(dp + 16), GET_BE_U_4(dp + 20));
	}
	return dp + 24;
}

static const uint8_t *parse_post_op_attr(struct nd *nd, const uint8_t *dp, int verbose)
{
	if (!GET_BE_U_4(dp))
		return dp + 4;
	dp += 4;
	if (verbose)
		return parsefattr(nd, dp, verbose, 1);
	return skip(nd, dp, NFSX_V3FATTR);
}

static const uint8_t *parse_wcc_data(struct nd *nd, const uint8_t *dp, int verbose)
{
	if (verbose > 1)
		nd_puts(nd, " PRE:");
	if (!(dp = parse_pre_op_attr(nd, dp, verbose)))
		return NULL;
	if (verbose)
		nd_puts(nd, " POST:");
	return parse_post_op_attr(nd, dp, verbose);
}

static int parselinkres(struct nd *nd, const uint8_t *dp, int v3, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (er)
		return 1;
	if (v3 && !(dp = parse_post_op_attr(nd, dp, nd->o.vflag)))
		return 0;
	nd_putc(nd, ' ');
	return parsefn(nd, dp) != NULL;
}

static int parsestatfs(struct nd *nd, const uint8_t *dp, int v3, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if ((!v3 && er) || nd->o.qflag)
		return 1;
	if (v3) {
		if (nd->o.vflag)
			nd_puts(nd, " POST:");
		if (!(dp = parse_post_op_attr(nd, dp, nd->o.vflag)))
			return 0;
	}
	if (!ND_TTEST_LEN(nd, dp, v3 ? 52 : 20))
		return 0;
	if (!v3) {
		nd_printf(nd, " tsize %u bsize %u blocks %u bfree %u bavail %u", GET_BE_U_4(dp),
			  GET_BE_U_4(dp + 4), GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 12),
			  GET_BE_U_4(dp + 16));
		return 1;
	}
	nd_printf(nd, " tbytes %" PRIu64 " fbytes %" PRIu64 " abytes %" PRIu64, get_be64(nd, dp),
		  get_be64(nd, dp + 8), get_be64(nd, dp + 16));
	if (nd->o.vflag)
		nd_printf(nd, " tfiles %" PRIu64 " ffiles %" PRIu64 " afiles %" PRIu64 " invar %u",
			  get_be64(nd, dp + 24), get_be64(nd, dp + 32), get_be64(nd, dp + 40),
			  GET_BE_U_4(dp + 48));
	return 1;
}

static int parserddires(struct nd *nd, const uint8_t *dp, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (er || nd->o.qflag)
		return 1;
	nd_printf(nd, " offset 0x%x size %u ", GET_BE_U_4(dp), GET_BE_U_4(dp + 4));
	if (GET_BE_U_4(dp + 8) != 0)
		nd_puts(nd, " eof");
	return 1;
}

static const uint8_t *parsecreateopres(struct nd *nd, const uint8_t *dp, int verbose,
				       struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (er)
		return parse_wcc_data(nd, dp, verbose);
	if (!GET_BE_U_4(dp))
		return dp + 4;
	if (!(dp = parsefh(nd, dp + 4, 1)))
		return NULL;
	if (verbose) {
		if (!(dp = parse_post_op_attr(nd, dp, verbose)))
			return NULL;
		if (nd->o.vflag > 1) {
			nd_puts(nd, " dir attr:");
			dp = parse_wcc_data(nd, dp, verbose);
		}
	}
	return dp;
}

static const uint8_t *parsewccres(struct nd *nd, const uint8_t *dp, int verbose, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	return parse_wcc_data(nd, dp, verbose);
}

static const uint8_t *parsev3rddirres(struct nd *nd, const uint8_t *dp, int verbose,
				      struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (nd->o.vflag)
		nd_puts(nd, " POST:");
	if (!(dp = parse_post_op_attr(nd, dp, verbose)))
		return NULL;
	if (er)
		return dp;
	if (nd->o.vflag) {
		nd_printf(nd, " verf %08x%08x", GET_BE_U_4(dp), GET_BE_U_4(dp + 4));
		dp += 8;
	}
	return dp;
}

/* FSINFO and PATHCONF: status, attributes, then a fixed block. */
static int parse_fsinfo_pathconf(struct nd *nd, const uint8_t *dp, unsigned proc, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (nd->o.vflag)
		nd_puts(nd, " POST:");
	if (!(dp = parse_post_op_attr(nd, dp, nd->o.vflag)))
		return 0;
	if (er)
		return 1;
	if (proc == P_PATHCONF) {
		if (!ND_TTEST_LEN(nd, dp, 24))
			return 0;
		nd_printf(nd, " linkmax %u namemax %u %s %s %s %s", GET_BE_U_4(dp),
			  GET_BE_U_4(dp + 4), GET_BE_U_4(dp + 8) ? "notrunc" : "",
			  GET_BE_U_4(dp + 12) ? "chownres" : "", GET_BE_U_4(dp + 16) ? "igncase" : "",
			  GET_BE_U_4(dp + 20) ? "keepcase" : "");
		return 1;
	}
	if (!ND_TTEST_LEN(nd, dp, 48))
		return 0;
	nd_printf(nd, " rtmax %u rtpref %u wtmax %u wtpref %u dtpref %u", GET_BE_U_4(dp),
		  GET_BE_U_4(dp + 4), GET_BE_U_4(dp + 12), GET_BE_U_4(dp + 16), GET_BE_U_4(dp + 24));
	if (nd->o.vflag) {
		nd_printf(nd, " rtmult %u wtmult %u maxfsz %" PRIu64, GET_BE_U_4(dp + 8),
			  GET_BE_U_4(dp + 20), get_be64(nd, dp + 28));
		nd_printf(nd, " delta %u.%06u ", GET_BE_U_4(dp + 36), GET_BE_U_4(dp + 40));
	}
	return 1;
}

/* ---- replies, by the procedure of the call ---- */

static int rep_lookup(struct nd *nd, const uint8_t *dp, int v3, struct rep *r)
{
	unsigned er;

	if (!v3)
		return parsediropres(nd, dp, r);
	dp = parsestatus(nd, dp, &er, r);
	if (!er) {
		if (!(dp = parsefh(nd, dp, v3)))
			return 0;
		if (!(dp = parse_post_op_attr(nd, dp, nd->o.vflag)))
			return 0;
	}
	if (nd->o.vflag > 1) {
		nd_puts(nd, " post dattr:");
		if (!parse_post_op_attr(nd, dp, nd->o.vflag))
			return 0;
	}
	return 1;
}

static int rep_read_write(struct nd *nd, const uint8_t *dp, unsigned proc, struct rep *r)
{
	unsigned er;
	char buf[32];

	dp = parsestatus(nd, dp, &er, r);
	if (proc == P_ACCESS && nd->o.vflag)
		nd_puts(nd, " attr:");
	if (proc == P_WRITE)
		dp = parse_wcc_data(nd, dp, nd->o.vflag);
	else
		dp = parse_post_op_attr(nd, dp, nd->o.vflag);
	if (!dp)
		return 0;
	if (er)
		return 1;
	if (proc == P_ACCESS) {
		nd_printf(nd, " c %04x", GET_BE_U_4(dp));
	} else if (nd->o.vflag) {
		nd_printf(nd, " %u bytes", GET_BE_U_4(dp));
		if (proc == P_READ && GET_BE_U_4(dp + 4))
			nd_puts(nd, " EOF");
		if (proc == P_WRITE && nd->o.vflag > 1) {
			nd_printf(nd, " <%s>", tok(write_modes, "#%d", GET_BE_U_4(dp + 4), buf,
						   sizeof(buf)));
			nd_printf(nd, " verf %" PRIx64, get_be64(nd, dp + 8));
		}
	}
	return 1;
}

static int rep_rename_link(struct nd *nd, const uint8_t *dp, unsigned proc, struct rep *r)
{
	unsigned er;

	dp = parsestatus(nd, dp, &er, r);
	if (!nd->o.vflag)
		return 1;
	nd_puts(nd, proc == P_RENAME ? " from:" : " file POST:");
	dp = proc == P_RENAME ? parse_wcc_data(nd, dp, nd->o.vflag) :
				parse_post_op_attr(nd, dp, nd->o.vflag);
	if (!dp)
		return 0;
	nd_puts(nd, proc == P_RENAME ? " to:" : " dir:");
	return parse_wcc_data(nd, dp, nd->o.vflag) != NULL;
}

static int rep_v3(struct nd *nd, const uint8_t *dp, unsigned proc, struct rep *r)
{
	int v = nd->o.vflag;

	switch (proc) {
	case P_SETATTR: case P_REMOVE: case P_RMDIR:
		return parsewccres(nd, dp, v, r) != NULL;
	case P_ACCESS: case P_READ: case P_WRITE:
		return rep_read_write(nd, dp, proc, r);
	case P_CREATE: case P_MKDIR: case P_SYMLINK: case P_MKNOD:
		return parsecreateopres(nd, dp, v, r) != NULL;
	case P_RENAME: case P_LINK:
		return rep_rename_link(nd, dp, proc, r);
	case P_READDIR: case P_READDIRPLUS:
		return parsev3rddirres(nd, dp, v, r) != NULL;
	}
	return 1;
}

static int rep_v2(struct nd *nd, const uint8_t *dp, unsigned proc, struct rep *r)
{
	unsigned er;

	switch (proc) {
	case P_SETATTR:
		return parseattrstat(nd, dp, !nd->o.qflag, 0, r);
	case P_READ: case P_WRITE:
		return parseattrstat(nd, dp, nd->o.vflag, 0, r);
	case P_CREATE: case P_MKDIR:
		return parsediropres(nd, dp, r);
	case P_SYMLINK: case P_REMOVE: case P_RMDIR: case P_RENAME: case P_LINK:
		parsestatus(nd, dp, &er, r);
		return 1;
	case P_READDIR:
		return parserddires(nd, dp, r);
	case P_MKNOD:
		return parsecreateopres(nd, dp, nd->o.vflag, r) != NULL;
	case P_READDIRPLUS:
		return parsev3rddirres(nd, dp, nd->o.vflag, r) != NULL;
	}
	return 1;
}

static void interp_reply(struct nd *nd, const uint8_t *rp, uint32_t proc, uint32_t vers,
			 unsigned length)
{
	struct rep r = { 0 };
	const uint8_t *dp;
	int v3 = vers == 3, ok;
	char buf[32];

	if (!v3 && proc < NFS_NPROCS)
		proc = v2_procs[proc];
	nd_printf(nd, " %s", tok(proc_names, "proc-%u", proc, buf, sizeof(buf)));
	if (proc == P_NULL || proc > P_COMMIT)
		return;
	if (!(dp = parserep(nd, rp, length, &r))) {
		ok = 0;
	} else if (proc == P_GETATTR) {
		ok = parseattrstat(nd, dp, !nd->o.qflag, v3, &r);
	} else if (proc == P_LOOKUP) {
		ok = rep_lookup(nd, dp, v3, &r);
	} else if (proc == P_READLINK) {
		ok = parselinkres(nd, dp, v3, &r);
	} else if (proc == P_FSSTAT) {
		ok = parsestatfs(nd, dp, v3, &r);
	} else if (proc == P_FSINFO || proc == P_PATHCONF) {
		ok = parse_fsinfo_pathconf(nd, dp, proc, &r);
	} else if (proc == P_COMMIT) {
		ok = (dp = parsewccres(nd, dp, nd->o.vflag, &r)) != NULL;
		if (ok && nd->o.vflag > 1)
			nd_printf(nd, " verf %" PRIx64, get_be64(nd, dp));
	} else {
		ok = v3 ? rep_v3(nd, dp, proc, &r) : rep_v2(nd, dp, proc, &r);
	}
	if (!ok && !r.err)
		nd_print_trunc(nd);
}

static void print_denied(struct nd *nd, const uint8_t *rp, unsigned length)
{
	uint32_t rstat;
	char buf[48];

	nd_printf(nd, "reply ERR %u: ", length);
	if (!ND_TTEST_LEN(nd, rp + 12, 4))
		goto trunc;
	rstat = GET_BE_U_4(rp + 12);
	if (rstat == 0) {
		if (!ND_TTEST_LEN(nd, rp + 20, 4))
			goto trunc;
		nd_printf(nd, "RPC Version mismatch (%u-%u)", GET_BE_U_4(rp + 16),
			  GET_BE_U_4(rp + 20));
	} else if (rstat == 1) {
		if (!ND_TTEST_LEN(nd, rp + 16, 4))
			goto trunc;
		nd_printf(nd, "Auth %s", tok(auth_stats, "Invalid failure code %u",
					     GET_BE_U_4(rp + 16), buf, sizeof(buf)));
	} else {
		nd_printf(nd, "Unknown reason for rejecting rpc message %u", rstat);
	}
	return;
trunc:
	nd_print_trunc(nd);
}

static void nfsreply_noaddr_print(struct nd *nd, const uint8_t *rp, unsigned length,
				  const uint8_t *ip)
{
	uint32_t stat, proc, vers;

	nd->protocol = "nfs";
	if (!ND_TTEST_LEN(nd, rp + 8, 4)) {
		nd_print_trunc(nd);
		return;
	}
	stat = GET_BE_U_4(rp + 8);
	if (stat == 0) {
		nd_printf(nd, "reply ok %u", length);
		if (xid_find(nd, rp, ip, &proc, &vers) >= 0)
			interp_reply(nd, rp, proc, vers, length);
	} else if (stat == 1) {
		print_denied(nd, rp, length);
	} else {
		nd_printf(nd, "reply Unknown rpc response code=%u %u", stat, length);
	}
}

void nd_nfsreply_print(struct nd *nd, const uint8_t *bp, unsigned length, const uint8_t *ip)
{
	int v6 = (GET_U_1(ip) >> 4) == 6;

	nd->protocol = "nfs";
	nd_printf(nd, "%s.%u > ", v6 ? nd_ip6addr_string(nd, ip + 8) : nd_ipaddr_string(nd, ip + 12),
		  NFS_PORT);
	nd_printf(nd, "%s.%u: ", v6 ? nd_ip6addr_string(nd, ip + 24) : nd_ipaddr_string(nd, ip + 16),
		  GET_BE_U_4(bp));
	nfsreply_noaddr_print(nd, bp, length, ip);
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
		nfsreply_noaddr_print(nd, rp, length, ip);
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

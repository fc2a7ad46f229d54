/* print-nfsreply.c: NFS v2 and v3 replies, read by the procedure of the call they answer */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <inttypes.h>

#include "print-nfs.h"

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

#define NFS_PORT 2049
#define NFSX_V2FATTR 68
#define NFSX_V3FATTR 84

/* The parse state of one reply: whether an NFS error already explains a stop. */
struct rep {
	int err;
};

/* ---- pieces of replies ---- */

/* The results after the verifier, or NULL (with the RPC error printed when there is one). */
static const uint8_t *parserep(struct nd *nd, const uint8_t *rp, unsigned length, struct rep *r)
{
	const uint8_t *dp = rp + 12;
	uint32_t len = GET_BE_U_4(dp + 4), astat;
	char buf[32];

	if (len >= length)
		return NULL;
	dp = nd_nfs_skip(nd, dp, ((uint64_t)len + 11) / 4 * 4);
	astat = GET_BE_U_4(dp);
	if (astat != 0) {
		nd_printf(nd, " %s", nd_nfs_tok(accept_stats, "ar_stat %u", astat, buf, sizeof(buf)));
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
			nd_printf(nd, " ERROR: %s", nd_nfs_tok(status_names, "unk %u", e, buf, sizeof(buf)));
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
		nd_printf(nd, " %s %o ids %d/%d", nd_nfs_tok(nd_nfs_file_types, "unk-ft %u ", GET_BE_U_4(dp), buf,
						      sizeof(buf)), GET_BE_U_4(dp + 4),
			  (int32_t)GET_BE_U_4(dp + 12), (int32_t)GET_BE_U_4(dp + 16));
		if (v3)
			nd_printf(nd, " sz %" PRIu64, nd_nfs_be64(nd, dp + 20));
		else
			nd_printf(nd, " sz %u", GET_BE_U_4(dp + 20));
	}
	if (verbose > 1 && v3) {
		if (!ND_TTEST_LEN(nd, dp + 76, 8))
			return NULL;
		nd_printf(nd, " nlink %u rdev %u/%u", GET_BE_U_4(dp + 8), GET_BE_U_4(dp + 36),
			  GET_BE_U_4(dp + 40));
		nd_printf(nd, " fsid %" PRIx64, nd_nfs_be64(nd, dp + 44));
		nd_printf(nd, " fileid %" PRIx64, nd_nfs_be64(nd, dp + 52));
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
	if (!(dp = nd_nfs_parsefh(nd, dp, 0)))
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
		nd_printf(nd, " sz %" PRIu64, nd_nfs_be64(nd, dp));
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
	return nd_nfs_skip(nd, dp, NFSX_V3FATTR);
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
	return nd_nfs_parsefn(nd, dp) != NULL;
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
	nd_printf(nd, " tbytes %" PRIu64 " fbytes %" PRIu64 " abytes %" PRIu64, nd_nfs_be64(nd, dp),
		  nd_nfs_be64(nd, dp + 8), nd_nfs_be64(nd, dp + 16));
	if (nd->o.vflag)
		nd_printf(nd, " tfiles %" PRIu64 " ffiles %" PRIu64 " afiles %" PRIu64 " invar %u",
			  nd_nfs_be64(nd, dp + 24), nd_nfs_be64(nd, dp + 32), nd_nfs_be64(nd, dp + 40),
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
	if (!(dp = nd_nfs_parsefh(nd, dp + 4, 1)))
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
	if (proc == NFSP_PATHCONF) {
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
			  GET_BE_U_4(dp + 20), nd_nfs_be64(nd, dp + 28));
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
		if (!(dp = nd_nfs_parsefh(nd, dp, v3)))
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
	if (proc == NFSP_ACCESS && nd->o.vflag)
		nd_puts(nd, " attr:");
	if (proc == NFSP_WRITE)
		dp = parse_wcc_data(nd, dp, nd->o.vflag);
	else
		dp = parse_post_op_attr(nd, dp, nd->o.vflag);
	if (!dp)
		return 0;
	if (er)
		return 1;
	if (proc == NFSP_ACCESS) {
		nd_printf(nd, " c %04x", GET_BE_U_4(dp));
	} else if (nd->o.vflag) {
		nd_printf(nd, " %u bytes", GET_BE_U_4(dp));
		if (proc == NFSP_READ && GET_BE_U_4(dp + 4))
			nd_puts(nd, " EOF");
		if (proc == NFSP_WRITE && nd->o.vflag > 1) {
			nd_printf(nd, " <%s>", nd_nfs_tok(nd_nfs_write_modes, "#%d", GET_BE_U_4(dp + 4), buf,
						   sizeof(buf)));
			nd_printf(nd, " verf %" PRIx64, nd_nfs_be64(nd, dp + 8));
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
	nd_puts(nd, proc == NFSP_RENAME ? " from:" : " file POST:");
	dp = proc == NFSP_RENAME ? parse_wcc_data(nd, dp, nd->o.vflag) :
				parse_post_op_attr(nd, dp, nd->o.vflag);
	if (!dp)
		return 0;
	nd_puts(nd, proc == NFSP_RENAME ? " to:" : " dir:");
	return parse_wcc_data(nd, dp, nd->o.vflag) != NULL;
}

static int rep_v3(struct nd *nd, const uint8_t *dp, unsigned proc, struct rep *r)
{
	int v = nd->o.vflag;

	switch (proc) {
	case NFSP_SETATTR: case NFSP_REMOVE: case NFSP_RMDIR:
		return parsewccres(nd, dp, v, r) != NULL;
	case NFSP_ACCESS: case NFSP_READ: case NFSP_WRITE:
		return rep_read_write(nd, dp, proc, r);
	case NFSP_CREATE: case NFSP_MKDIR: case NFSP_SYMLINK: case NFSP_MKNOD:
		return parsecreateopres(nd, dp, v, r) != NULL;
	case NFSP_RENAME: case NFSP_LINK:
		return rep_rename_link(nd, dp, proc, r);
	case NFSP_READDIR: case NFSP_READDIRPLUS:
		return parsev3rddirres(nd, dp, v, r) != NULL;
	}
	return 1;
}

static int rep_v2(struct nd *nd, const uint8_t *dp, unsigned proc, struct rep *r)
{
	unsigned er;

	switch (proc) {
	case NFSP_SETATTR:
		return parseattrstat(nd, dp, !nd->o.qflag, 0, r);
	case NFSP_READ: case NFSP_WRITE:
		return parseattrstat(nd, dp, nd->o.vflag, 0, r);
	case NFSP_CREATE: case NFSP_MKDIR:
		return parsediropres(nd, dp, r);
	case NFSP_SYMLINK: case NFSP_REMOVE: case NFSP_RMDIR: case NFSP_RENAME: case NFSP_LINK:
		parsestatus(nd, dp, &er, r);
		return 1;
	case NFSP_READDIR:
		return parserddires(nd, dp, r);
	case NFSP_MKNOD:
		return parsecreateopres(nd, dp, nd->o.vflag, r) != NULL;
	case NFSP_READDIRPLUS:
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

	if (!v3 && proc < ND_NFS_NPROCS)
		proc = nd_nfs_v2_procs[proc];
	nd_printf(nd, " %s", nd_nfs_tok(nd_nfs_proc_names, "proc-%u", proc, buf, sizeof(buf)));
	if (proc == NFSP_NULL || proc > NFSP_COMMIT)
		return;
	if (!(dp = parserep(nd, rp, length, &r))) {
		ok = 0;
	} else if (proc == NFSP_GETATTR) {
		ok = parseattrstat(nd, dp, !nd->o.qflag, v3, &r);
	} else if (proc == NFSP_LOOKUP) {
		ok = rep_lookup(nd, dp, v3, &r);
	} else if (proc == NFSP_READLINK) {
		ok = parselinkres(nd, dp, v3, &r);
	} else if (proc == NFSP_FSSTAT) {
		ok = parsestatfs(nd, dp, v3, &r);
	} else if (proc == NFSP_FSINFO || proc == NFSP_PATHCONF) {
		ok = parse_fsinfo_pathconf(nd, dp, proc, &r);
	} else if (proc == NFSP_COMMIT) {
		ok = (dp = parsewccres(nd, dp, nd->o.vflag, &r)) != NULL;
		if (ok && nd->o.vflag > 1)
			nd_printf(nd, " verf %" PRIx64, nd_nfs_be64(nd, dp));
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
		nd_printf(nd, "Auth %s", nd_nfs_tok(auth_stats, "Invalid failure code %u",
					     GET_BE_U_4(rp + 16), buf, sizeof(buf)));
	} else {
		nd_printf(nd, "Unknown reason for rejecting rpc message %u", rstat);
	}
	return;
trunc:
	nd_print_trunc(nd);
}

void nd_nfsreply_noaddr_print(struct nd *nd, const uint8_t *rp, unsigned length,
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
		if (nd_nfs_xid_find(nd, rp, ip, &proc, &vers) >= 0)
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
	nd_nfsreply_noaddr_print(nd, bp, length, ip);
}

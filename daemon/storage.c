/* storage.c: a ring's directory: file names, adopting files from earlier runs, repairing torn ones */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "log.h"
#include "ring.h"

#define rlog(r, level, ...) log_ring(level, (r)->iface, (r)->profile, __VA_ARGS__)

/* Largest record a repair accepts; libpcap's own limit for any link type. */
#define MAX_CAPLEN (256 * 1024 * 1024)

int storage_file_name(const struct ring *r, uint64_t seq, int64_t sec, int gzip, char *buf,
		      size_t len)
{
	time_t t = (time_t)sec;
	char stamp[32];
	struct tm tm;
	int n;

	if (!gmtime_r(&t, &tm) || !strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm))
		return -1;
	n = snprintf(buf, len, "%s-%s-%06llu.pcap%s", r->prefix, stamp, (unsigned long long)seq,
		     gzip ? ".gz" : "");
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Parses "PREFIX-YYYYMMDDTHHMMSSZ-SEQ.pcap[.gz]"; returns the sequence or 0. */
static uint64_t parse_name(const struct ring *r, const char *name)
{
	size_t plen = strlen(r->prefix);
	const char *p = name + plen;
	uint64_t seq = 0;

	if (strncmp(name, r->prefix, plen) || *p++ != '-')
		return 0;
	for (int i = 0; i < 16; i++, p++) {
		int want_digit = i != 8 && i != 15;

		if (!*p || (want_digit && !isdigit((unsigned char)*p)))
			return 0;
	}
	if (name[plen + 1 + 8] != 'T' || name[plen + 1 + 15] != 'Z' || *p++ != '-')
		return 0;
	if (!isdigit((unsigned char)*p))
		return 0;
	while (isdigit((unsigned char)*p)) {
		if (seq > UINT64_MAX / 10 - 10)
			return 0;
		seq = seq * 10 + (uint64_t)(*p++ - '0');
	}
	if (strcmp(p, ".pcap") && strcmp(p, ".pcap.gz"))
		return 0;
	return seq;
}

/* Opens (creating if needed) one directory level below dirfd, owned by uid:gid. */
static int open_subdir(int dirfd, const char *name, uid_t uid, gid_t gid, mode_t mode)
{
	int fd;

	if (mkdirat(dirfd, name, mode) == 0) {
		int nfd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (nfd >= 0 && uid != (uid_t)-1 && fchown(nfd, uid, gid) < 0) {
			close(nfd);
			return -1;
		}
		return nfd;
	}
	if (errno != EEXIST)
		return -1;
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	return fd;
}

int storage_prepare(struct ring *r, const char *root, uid_t uid, gid_t gid)
{
	char *path = strdup(root), *p, *next;
	int fd = -1, nfd;

	if (!path)
		return -1;
	fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* Parents of the storage root are created like mkdir -p; only the root is ours. */
	for (p = path; fd >= 0 && p && *p; p = next) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		next = strchr(p, '/');
		if (next)
			*next++ = 0;
		while (next && *next == '/')
			next++;
		nfd = (next && *next) ? open_subdir(fd, p, (uid_t)-1, (gid_t)-1, 0755)
				      : open_subdir(fd, p, uid, gid, 0750);
		if (nfd < 0) {
			log_err("storage %s: cannot create or open %s: %s", root, p, strerror(errno));
			close(fd);
			fd = -1;
			break;
		}
		close(fd);
		fd = nfd;
	}
	free(path);
	if (fd < 0)
		return -1;
	nfd = open_subdir(fd, r->iface, uid, gid, 0750);
	close(fd);
	if (nfd < 0) {
		rlog(r, LOG_ERR, "cannot create %s/%s: %s", root, r->iface, strerror(errno));
		return -1;
	}
	fd = open_subdir(nfd, r->profile, uid, gid, 0750);
	close(nfd);
	if (fd < 0) {
		rlog(r, LOG_ERR, "cannot create %s/%s/%s: %s", root, r->iface, r->profile,
		     strerror(errno));
		return -1;
	}
	r->dirfd = fd;
	return 0;
}

static void adopt_index(struct ring *r, struct ring_file *f)
{
	struct pcapidx idx;
	char name[300];

	snprintf(name, sizeof(name), "%s.idx", f->name);
	if (pcapidx_load(r->dirfd, name, &idx) < 0)
		return;
	if (idx.has_summary && idx.summary.size == f->ret.size) {
		f->meta = 1;
		f->packets = idx.summary.packets;
		f->first_ns = idx.summary.first_ns;
		f->last_ns = idx.summary.last_ns;
		memcpy(f->sha256, idx.summary.sha256, 32);
		f->has_sha = 1;
	}
	pcapidx_free(&idx);
}

static int cmp_files(const void *a, const void *b)
{
	const struct ring_file *x = a, *y = b;

	return x->ret.seq < y->ret.seq ? -1 : x->ret.seq > y->ret.seq;
}

int storage_adopt(struct ring *r)
{
	int fd = dup(r->dirfd);
	struct dirent *de;
	DIR *d;

	if (fd < 0 || !(d = fdopendir(fd))) {
		if (fd >= 0)
			close(fd);
		rlog(r, LOG_ERR, "cannot read its directory: %s", strerror(errno));
		return -1;
	}
	rewinddir(d);
	while ((de = readdir(d))) {
		uint64_t seq = parse_name(r, de->d_name);
		struct ring_file *f;
		struct stat st;

		if (!seq || fstatat(r->dirfd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (r->nfiles == r->maxfiles) {
			size_t n = r->maxfiles ? r->maxfiles * 2 : 64;
			struct ring_file *nf = realloc(r->files, n * sizeof(*nf));

			if (!nf)
				break;
			r->files = nf;
			r->maxfiles = n;
		}
		f = &r->files[r->nfiles++];
		memset(f, 0, sizeof(*f));
		f->ret.seq = seq;
		f->ret.size = (uint64_t)st.st_size;
		f->ret.mtime_ms = (int64_t)st.st_mtim.tv_sec * 1000 + st.st_mtim.tv_nsec / 1000000;
		snprintf(f->name, sizeof(f->name), "%s", de->d_name);
		if (seq >= r->next_seq)
			r->next_seq = seq + 1;
		/* A closed file's index says what it holds without reading it. */
		if (!(st.st_mode & S_IWUSR))
			adopt_index(r, f);
	}
	closedir(d);
	if (r->nfiles)
		qsort(r->files, r->nfiles, sizeof(*r->files), cmp_files);
	if (r->nfiles)
		rlog(r, LOG_INFO, "found %zu files from earlier runs; numbering goes on at %llu",
		     r->nfiles, (unsigned long long)r->next_seq);
	return 0;
}

/* Cuts a plain pcap file after its last whole record. */
static void repair_pcap(struct ring *r, struct ring_file *f, int fd)
{
	uint32_t hdr[6], rec[4];
	off_t off = 24, size = lseek(fd, 0, SEEK_END);

	if (size < 24 || pread(fd, hdr, sizeof(hdr), 0) != sizeof(hdr) ||
	    (hdr[0] != 0xa1b2c3d4 && hdr[0] != 0xa1b23c4d)) {
		rlog(r, LOG_WARNING, "%s has no valid pcap header; left as it is", f->name);
		return;
	}
	while (off + 16 <= size) {
		if (pread(fd, rec, sizeof(rec), off) != sizeof(rec) || rec[2] > MAX_CAPLEN ||
		    off + 16 + (off_t)rec[2] > size)
			break;
		off += 16 + (off_t)rec[2];
	}
	if (off < size) {
		if (ftruncate(fd, off) < 0) {
			rlog(r, LOG_WARNING, "cannot cut %s: %s", f->name, strerror(errno));
			return;
		}
		rlog(r, LOG_NOTICE, "%s was cut after its last whole record (%lld bytes dropped)",
		     f->name, (long long)(size - off));
	}
	f->ret.size = (uint64_t)off;
}

/*
 * A gzip ring file is a sequence of members, one per chunk of whole
 * records. A crash can leave the last member torn: cut the file after the
 * last complete member, which leaves a complete gzip file of whole records.
 */
static void repair_gz(struct ring *r, struct ring_file *f, int fd)
{
	uint8_t in[65536], out[65536];
	uint64_t fed = 0, good = 0;
	z_stream z = { 0 };
	int zrc = Z_OK;
	off_t size = lseek(fd, 0, SEEK_END);
	ssize_t n;

	if (inflateInit2(&z, 15 + 16) != Z_OK)
		return;
	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, in, sizeof(in))) > 0) {
		fed += (uint64_t)n;
		z.next_in = in;
		z.avail_in = (uInt)n;
		while (z.avail_in) {
			z.next_out = out;
			z.avail_out = sizeof(out);
			zrc = inflate(&z, Z_NO_FLUSH);
			if (zrc == Z_STREAM_END) {
				good = fed - z.avail_in;
				inflateReset(&z);
			} else if (zrc != Z_OK) {
				break;
			}
		}
		if (zrc != Z_OK && zrc != Z_STREAM_END)
			break;
	}
	inflateEnd(&z);
	if ((off_t)good == size)
		return;
	/* Not one whole member: nothing is lost by removing it (storage_repair drops it). */
	if (ftruncate(fd, (off_t)good) < 0) {
		rlog(r, LOG_WARNING, "cannot cut %s: %s", f->name, strerror(errno));
		return;
	}
	f->ret.size = good;
	rlog(r, LOG_NOTICE, "%s was not closed cleanly: cut after its last complete gzip member (%lld bytes dropped)",
	     f->name, (long long)(size - (off_t)good));
}

void storage_repair(struct ring *r)
{
	for (size_t i = 0; i < r->nfiles; i++) {
		struct ring_file *f = &r->files[i];
		struct stat st;
		int fd;

		if (f->ret.open)
			continue;
		if (fstatat(r->dirfd, f->name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !(st.st_mode & S_IWUSR))
			continue;
		/* Writable means the daemon stopped without closing it. */
		fd = openat(r->dirfd, f->name, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0) {
			rlog(r, LOG_WARNING, "cannot open %s to repair it: %s", f->name,
			     strerror(errno));
			continue;
		}
		if (st.st_size == 0) {
			close(fd);
			unlinkat(r->dirfd, f->name, 0);
			rlog(r, LOG_NOTICE, "removed %s: empty", f->name);
			memmove(f, f + 1, (r->nfiles - i - 1) * sizeof(*f));
			r->nfiles--;
			i--;
			continue;
		}
		if (strstr(f->name, ".gz"))
			repair_gz(r, f, fd);
		else
			repair_pcap(r, f, fd);
		/* The index of an interrupted file has no summary: build it anew. */
		{
			char idx[300];

			snprintf(idx, sizeof(idx), "%s.idx", f->name);
			unlinkat(r->dirfd, idx, 0);
			f->meta = 0;
		}
		/* Nothing whole was left in it: the file goes. */
		if (lseek(fd, 0, SEEK_END) == 0) {
			close(fd);
			unlinkat(r->dirfd, f->name, 0);
			rlog(r, LOG_NOTICE, "removed %s: nothing whole in it", f->name);
			memmove(f, f + 1, (r->nfiles - i - 1) * sizeof(*f));
			r->nfiles--;
			i--;
			continue;
		}
		if (fchmod(fd, 0440) < 0)
			rlog(r, LOG_WARNING, "cannot seal %s: %s", f->name, strerror(errno));
		close(fd);
	}
}

int64_t storage_name_time(const char *name)
{
	const char *p = strrchr(name, 'Z');
	struct tm tm = { 0 };

	/* The stamp is the 16 characters before the last "Z-": YYYYMMDDTHHMMSSZ. */
	while (p && (p - name < 15 || p[1] != '-'))
		p = p > name ? memrchr(name, 'Z', (size_t)(p - name)) : NULL;
	if (!p)
		return -1;
	p -= 15;
	if (sscanf(p, "%4d%2d%2dT%2d%2d%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

/* Reads exactly len bytes from a plain or gzip file; 0 at a clean end, -1 short. */
static int read_exact(int fd, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, (char *)buf + done, len - done);

		if (n <= 0)
			return done ? -1 : 0;
		done += (size_t)n;
	}
	return 1;
}

/* Reads a whole file for its SHA-256, as stored on disk. */
static int hash_file(int dirfd, const char *name, uint8_t digest[32], uint64_t *size)
{
	uint8_t *buf = malloc(1 << 20);
	struct sha256 sha = { 0 };
	ssize_t n;
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0 || !buf) {
		if (fd >= 0)
			close(fd);
		free(buf);
		return -1;
	}
	sha256_init(&sha);
	*size = 0;
	while ((n = read(fd, buf, 1 << 20)) > 0) {
		sha256_update(&sha, buf, (size_t)n);
		*size += (uint64_t)n;
	}
	sha256_final(&sha, digest);
	sha256_free(&sha);
	close(fd);
	free(buf);
	return n < 0 ? -1 : 0;
}


/*
 * Sequential reading of a gzip ring file that notes where each member
 * starts, in the file and in the uncompressed stream: those are the places
 * a rebuilt index can point at.
 */
struct zreader {
	int fd;
	z_stream z;
	uint8_t in[65536];
	uint64_t fed;		/* compressed bytes read from the file */
	uint64_t member_off;	/* the latest member start: file offset */
	uint64_t member_raw;	/* and uncompressed offset */
	int end;
};

static int zr_read(struct zreader *zr, void *buf, size_t len)
{
	size_t done = 0;

	while (done < len && !zr->end) {
		int rc;

		if (!zr->z.avail_in) {
			ssize_t n = read(zr->fd, zr->in, sizeof(zr->in));

			if (n <= 0) {
				zr->end = 1;
				break;
			}
			zr->fed += (uint64_t)n;
			zr->z.next_in = zr->in;
			zr->z.avail_in = (uInt)n;
		}
		zr->z.next_out = (Bytef *)buf + done;
		zr->z.avail_out = (uInt)(len - done);
		rc = inflate(&zr->z, Z_NO_FLUSH);
		done = len - zr->z.avail_out;
		if (rc == Z_STREAM_END) {
			zr->member_raw += zr->z.total_out;
			zr->member_off = zr->fed - zr->z.avail_in;
			inflateReset(&zr->z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			zr->end = 1;
		}
	}
	return done == len ? 1 : (done ? -1 : 0);
}

/*
 * A file from an earlier run without a usable index: count its packets,
 * note its first and last time, hash it, and write its index anew (seek
 * points for plain files; for gzip files at the members' starts).
 */
int storage_scan_meta(struct ring *r, struct ring_file *f)
{
	struct pcapidx_summary sum = { 0 };
	struct pcapidx_point *points = NULL;
	size_t npoints = 0, maxpoints = 0;
	uint64_t packets = 0, raw = 24, last_point = 0;
	int64_t first = 0, last = 0;
	uint32_t hdr[6] = { 0 }, rec[4];
	int fd, nano, have_hdr = 0, gz_file = strstr(f->name, ".pcap.gz") != NULL;
	struct zreader *zr = NULL;
	uint8_t *skip = NULL;
	const uint32_t skiplen = 65536;
	char idxname[300], tmp[300];

	fd = openat(r->dirfd, f->name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		goto done;
	if (gz_file) {
		skip = malloc(skiplen);
		zr = calloc(1, sizeof(*zr));
		if (!skip || !zr || inflateInit2(&zr->z, 15 + 16) != Z_OK) {
			free(zr);
			zr = NULL;
			close(fd);
			goto done;
		}
		zr->fd = fd;
	}
	if ((zr ? zr_read(zr, hdr, sizeof(hdr)) : read_exact(fd, hdr, sizeof(hdr))) != 1 ||
	    (hdr[0] != 0xa1b2c3d4 && hdr[0] != 0xa1b23c4d))
		goto close;
	have_hdr = 1;
	nano = hdr[0] == 0xa1b23c4d;
	while ((zr ? zr_read(zr, rec, sizeof(rec)) : read_exact(fd, rec, sizeof(rec))) == 1 &&
	       rec[2] <= MAX_CAPLEN) {
		int64_t ns = (int64_t)rec[0] * 1000000000 + (int64_t)rec[1] * (nano ? 1 : 1000);
		uint32_t left = rec[2];
		/* In a gzip file only a record that starts a member can be pointed at. */
		int can_point = !zr || packets == 0 || (zr->member_raw == raw && zr->member_off);

		if (can_point && (packets == 0 || raw - last_point >= 256 * 1024)) {
			if (npoints == maxpoints) {
				size_t n = maxpoints ? maxpoints * 2 : 64;
				struct pcapidx_point *np = realloc(points, n * sizeof(*np));

				if (!np)
					break;
				points = np;
				maxpoints = n;
			}
			points[npoints++] = (struct pcapidx_point){
				.first_ns = ns,
				.off = packets ? (zr ? zr->member_off : raw) : 0,
				.raw_off = packets ? raw : 0,
				.packets_before = packets,
			};
			last_point = raw;
		}
		if (zr) {
			while (left) {
				uint32_t n = left < skiplen ? left : skiplen;

				if (zr_read(zr, skip, n) != 1)
					goto close;
				left -= n;
			}
		} else if (lseek(fd, left, SEEK_CUR) < 0) {
			break;
		}
		if (!packets)
			first = ns;
		last = ns;
		packets++;
		raw += 16 + rec[2];
	}
close:
	if (zr) {
		inflateEnd(&zr->z);
		free(zr);
	}
	close(fd);
	/* The index of a closed file, written whole and then put in place. */
	if (have_hdr && !f->ret.open && hash_file(r->dirfd, f->name, sum.sha256, &sum.size) == 0) {
		uint8_t hbuf[PCAPIDX_HDR_LEN], rbuf[PCAPIDX_REC_LEN];
		int ifd;

		snprintf(idxname, sizeof(idxname), "%s.idx", f->name);
		snprintf(tmp, sizeof(tmp), ".%s.idx.tmp", f->name);
		ifd = openat(r->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0440);
		if (ifd >= 0) {
			int ok = 1;

			pcapidx_header(hbuf, (const uint8_t *)hdr, gz_file);
			ok &= write(ifd, hbuf, sizeof(hbuf)) == (ssize_t)sizeof(hbuf);
			for (size_t i = 0; i < npoints && ok; i++) {
				pcapidx_point_rec(rbuf, &points[i]);
				ok &= write(ifd, rbuf, sizeof(rbuf)) == (ssize_t)sizeof(rbuf);
			}
			sum.first_ns = first;
			sum.last_ns = last;
			sum.packets = packets;
			sum.raw_bytes = raw;
			pcapidx_summary_rec(rbuf, &sum);
			ok &= write(ifd, rbuf, sizeof(rbuf)) == (ssize_t)sizeof(rbuf);
			ok &= fdatasync(ifd) == 0;
			close(ifd);
			if (ok && renameat(r->dirfd, tmp, r->dirfd, idxname) == 0)
				rlog(r, LOG_INFO, "indexed %s (%llu packets)", f->name,
				     (unsigned long long)packets);
			else
				unlinkat(r->dirfd, tmp, 0);
		}
	}
done:
	free(skip);
	free(points);
	pthread_mutex_lock(&r->lock);
	f->packets = packets;
	f->first_ns = first;
	f->last_ns = last;
	f->meta = 1;
	if (sum.size) {
		memcpy(f->sha256, sum.sha256, 32);
		f->has_sha = 1;
	}
	pthread_mutex_unlock(&r->lock);
	return 0;
}

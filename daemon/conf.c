/* conf.c: every libconfuse option table of pktcapd, and the checks that run after parsing */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <syslog.h>
#include <unistd.h>

#include <confuse.h>

#include "conf.h"
#include "proto.h"
#include "log.h"
#include "pcapfile.h"
#include "units.h"

/*
 * The syntax, for reference (conf/pktcapd.conf documents every option):
 *
 *   user = pktcap
 *   storage = /var/lib/pktcapd
 *   profile web {
 *           filter = "tcp port 80 or tcp port 443"
 *           rotate-size = 100M
 *           keep-bytes = 10G
 *   }
 *   interface eth0 {
 *           profiles = { web }
 *   }
 */
static cfg_opt_t profile_opts[] = {
	CFG_STR("filter", "", CFGF_NONE),
	CFG_INT("snaplen", PCAP_MAX_CAPLEN, CFGF_NONE),
	CFG_STR("buffer-size", "32M", CFGF_NONE),
	CFG_STR("rotate-size", "100M", CFGF_NONE),
	CFG_STR("rotate-interval", "0", CFGF_NONE),
	CFG_INT("rotate-packets", 0, CFGF_NONE),
	CFG_INT("keep-files", 0, CFGF_NODEFAULT),
	CFG_STR("keep-bytes", NULL, CFGF_NODEFAULT),
	CFG_STR("keep-age", NULL, CFGF_NODEFAULT),
	CFG_STR("min-free", NULL, CFGF_NODEFAULT),
	CFG_STR("compress", "none", CFGF_NONE),
	CFG_INT("compress-level", 1, CFGF_NONE),
	CFG_STR("flush-interval", "1s", CFGF_NONE),
	CFG_STR("timestamp-precision", "micro", CFGF_NONE),
	CFG_STR("write-queue", "16M", CFGF_NONE),
	CFG_STR("queue-size", "0", CFGF_NONE),
	CFG_BOOL("queue-reserve", cfg_false, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t iface_opts[] = {
	CFG_STR_LIST("profiles", NULL, CFGF_NODEFAULT),
	CFG_BOOL("promisc", cfg_true, CFGF_NONE),
	CFG_END()
};

static cfg_opt_t top_opts[] = {
	CFG_STR("user", "pktcap", CFGF_NONE),
	CFG_STR("group", "pktcap", CFGF_NONE),
	CFG_STR("operator-group", "", CFGF_NONE),
	CFG_STR("storage", "/var/lib/pktcapd", CFGF_NONE),
	CFG_STR("state-directory", "/var/lib/pktcapd", CFGF_NONE),
	CFG_STR("socket", "/run/pktcapd/pktcapd.sock", CFGF_NONE),
	CFG_STR("log-level", "info", CFGF_NONE),
	CFG_SEC("profile", profile_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_SEC("interface", iface_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_END()
};

/*
 * libconfuse only knows the current line while it parses, so a validator on
 * every option remembers where each one was set; the checks that need the
 * whole file (does this profile exist?) can then still name the line.
 */
struct opt_line {
	char section[64];
	char title[128];
	char option[32];
	int line;
};

struct load_ctx {
	char *err;
	size_t errlen;
	int failed;
	const char *file;
	struct opt_line *lines;
	size_t nlines, maxlines;
};

static struct load_ctx *ctx;

static void set_error(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void set_error(int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (ctx->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(ctx->err, ctx->errlen, "%s:%d: %s", ctx->file, line, msg);
	ctx->failed = 1;
}

static void confuse_error(cfg_t *cfg, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

static void confuse_error(cfg_t *cfg, const char *fmt, va_list ap)
{
	char msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (cfg)
		set_error(cfg->line, "%s", msg);
	else
		set_error(0, "%s", msg);
}

static int remember_line(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *section = cfg->name ? cfg->name : "";
	const char *title = cfg_title(cfg) ? cfg_title(cfg) : "";
	struct opt_line *l;

	/*
	 * libconfuse keeps the last of two settings silently: one of them is a
	 * mistake. (Lists call this once per value; their "+=" appends on purpose.)
	 */
	for (size_t i = 0; !(opt->flags & CFGF_LIST) && i < ctx->nlines; i++) {
		l = &ctx->lines[i];
		if (!strcmp(l->section, section) && !strcmp(l->title, title) &&
		    !strcmp(l->option, opt->name)) {
			set_error(cfg->line, "%s is set twice in the same section (first on line %d)",
				  opt->name, l->line);
			return -1;
		}
	}
	if (ctx->nlines == ctx->maxlines) {
		size_t n = ctx->maxlines ? ctx->maxlines * 2 : 64;
		struct opt_line *nl = realloc(ctx->lines, n * sizeof(*nl));

		if (!nl)
			return 0;
		ctx->lines = nl;
		ctx->maxlines = n;
	}
	l = &ctx->lines[ctx->nlines++];
	snprintf(l->section, sizeof(l->section), "%s", section);
	snprintf(l->title, sizeof(l->title), "%s", title);
	snprintf(l->option, sizeof(l->option), "%s", opt->name);
	l->line = cfg->line;
	return 0;
}

/* Line of OPTION in section SECTION "TITLE", else the section's last line. */
static int line_of(cfg_t *sec, const char *option)
{
	const char *title = cfg_title(sec) ? cfg_title(sec) : "";

	for (size_t i = ctx->nlines; i-- > 0;) {
		struct opt_line *l = &ctx->lines[i];

		if (!strcmp(l->section, sec->name) && !strcmp(l->title, title) &&
		    (!option || !strcmp(l->option, option)))
			return l->line;
	}
	return sec->line;
}

static int get_size(cfg_t *sec, const char *opt, uint64_t *out)
{
	const char *s = cfg_getstr(sec, opt);

	errno = 0;
	if (units_parse_size(s, out) == 0)
		return 0;
	if (errno == ERANGE)
		set_error(line_of(sec, opt), "%s '%s': %s = '%s' is too large (at most 8191P)",
			  sec->name, cfg_title(sec), opt, s);
	else
		set_error(line_of(sec, opt),
			  "%s '%s': %s = '%s' is not a size (use a number with K, M, G, T or P, e.g. 100M)",
			  sec->name, cfg_title(sec), opt, s ? s : "");
	return -1;
}

static int get_duration(cfg_t *sec, const char *opt, uint64_t *out)
{
	const char *s = cfg_getstr(sec, opt);

	errno = 0;
	if (units_parse_duration(s, out) == 0)
		return 0;
	if (errno == ERANGE)
		set_error(line_of(sec, opt),
			  "%s '%s': %s = '%s' is too long (at most 106751d, about 292 years)",
			  sec->name, cfg_title(sec), opt, s);
	else
		set_error(line_of(sec, opt),
			  "%s '%s': %s = '%s' is not a duration (use ms, s, m, h, d or w, e.g. 30s, 1h, 7d)",
			  sec->name, cfg_title(sec), opt, s ? s : "");
	return -1;
}

/* Names become directory and file names, so keep them to a safe alphabet. */
static int valid_name(const char *s)
{
	if (!*s || *s == '.' || *s == '-' || strlen(s) > 64)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._-", *s))
			return 0;
	return 1;
}

/* Counted as a client's filter is (common/proto.c), so one bound means one thing. */
unsigned conf_filter_terms(const char *f)
{
	return proto_filter_terms(f);
}

/* Before pcap_compile: a filter past the bound is refused in a moment, whatever it says. */
static int filter_bounded(const struct profile_conf *p, int line)
{
	size_t len = strlen(p->filter);
	unsigned terms;

	terms = conf_filter_terms(p->filter);
	if (terms > CONF_FILTER_MAX_TERMS) {
		set_error(line,
			  "profile '%s': filter has %u terms, more than %d (libpcap's optimizer would need seconds to minutes and GBs for it): use net masks, portrange with tcp or udp, or several profiles",
			  p->name, terms, CONF_FILTER_MAX_TERMS);
		return -1;
	}
	if (len > CONF_FILTER_MAX_LEN) {
		set_error(line, "profile '%s': filter of %zu bytes is longer than %d", p->name, len,
			  CONF_FILTER_MAX_LEN);
		return -1;
	}
	return 0;
}

/* 0 (the default) is the write-queue: no growth. */
static int check_queue_size(cfg_t *sec, struct profile_conf *p)
{
	if (!p->queue_size)
		p->queue_size = p->write_queue;
	if (p->queue_size < p->write_queue || p->queue_size > CONF_QUEUE_SIZE_MAX) {
		set_error(line_of(sec, "queue-size"),
			  "profile '%s': queue-size must be between the write-queue and 1T", p->name);
		return -1;
	}
	return 0;
}

static int load_profile(cfg_t *sec, struct profile_conf *p)
{
	const char *s;
	long v;

	p->name = strdup(cfg_title(sec));
	p->filter = strdup(cfg_getstr(sec, "filter"));
	p->line = line_of(sec, NULL);
	if (!p->name || !p->filter)
		goto nomem;
	if (!valid_name(p->name)) {
		set_error(p->line, "profile '%s': a name may use letters, digits, '.', '_' and '-' only",
			  p->name);
		return -1;
	}
	v = cfg_getint(sec, "snaplen");
	if (v < 64 || v > PCAP_MAX_CAPLEN) {
		set_error(line_of(sec, "snaplen"), "profile '%s': snaplen %ld is outside 64..%d",
			  p->name, v, PCAP_MAX_CAPLEN);
		return -1;
	}
	p->snaplen = (int)v;
	if (get_size(sec, "buffer-size", &p->buffer_size) < 0 ||
	    get_size(sec, "rotate-size", &p->rotate_size) < 0 ||
	    get_duration(sec, "rotate-interval", &p->rotate_interval_ms) < 0 ||
	    get_duration(sec, "flush-interval", &p->flush_ms) < 0 ||
	    get_size(sec, "write-queue", &p->write_queue) < 0 ||
	    get_size(sec, "queue-size", &p->queue_size) < 0)
		return -1;
	p->queue_reserve = cfg_getbool(sec, "queue-reserve");
	/* libpcap takes the kernel buffer size as an int. */
	if (p->buffer_size < 64 * 1024 || p->buffer_size > CONF_BUFFER_SIZE_MAX) {
		set_error(line_of(sec, "buffer-size"),
			  "profile '%s': buffer-size must be between 64K and 2047M", p->name);
		return -1;
	}
	if (p->rotate_size && p->rotate_size < 4096) {
		set_error(line_of(sec, "rotate-size"),
			  "profile '%s': rotate-size must be 0 (off) or at least 4K", p->name);
		return -1;
	}
	if (p->rotate_interval_ms && p->rotate_interval_ms < 1000) {
		set_error(line_of(sec, "rotate-interval"),
			  "profile '%s': rotate-interval must be 0 (off) or at least 1s", p->name);
		return -1;
	}
	v = cfg_getint(sec, "rotate-packets");
	if (v < 0) {
		set_error(line_of(sec, "rotate-packets"),
			  "profile '%s': rotate-packets cannot be negative", p->name);
		return -1;
	}
	p->rotate_packets = (uint64_t)v;
	if (p->flush_ms < 10 || p->flush_ms > 3600000) {
		set_error(line_of(sec, "flush-interval"),
			  "profile '%s': flush-interval must be between 10ms and 1h", p->name);
		return -1;
	}
	/* Allocated whole at start-up: a typo such as 1T must fail here, not there. */
	if (p->write_queue > CONF_WRITE_QUEUE_MAX) {
		set_error(line_of(sec, "write-queue"),
			  "profile '%s': write-queue must be at most 1G (it is allocated at start-up)",
			  p->name);
		return -1;
	}
	if (p->write_queue < 256 * 1024 || p->write_queue < 4 * ((uint64_t)p->snaplen + 16)) {
		set_error(line_of(sec, "write-queue"),
			  "profile '%s': write-queue must be at least 256K and four packets of snaplen",
			  p->name);
		return -1;
	}
	if (check_queue_size(sec, p) < 0)
		return -1;

	if (cfg_size(sec, "keep-files")) {
		v = cfg_getint(sec, "keep-files");
		if (v < 1) {
			set_error(line_of(sec, "keep-files"),
				  "profile '%s': keep-files = %ld would keep no file at all, not even the one being written; remove the line for no limit",
				  p->name, v);
			return -1;
		}
		p->keep_files = (uint64_t)v;
	}
	if (cfg_size(sec, "keep-bytes")) {
		if (get_size(sec, "keep-bytes", &p->keep_bytes) < 0)
			return -1;
		if (p->keep_bytes == 0) {
			set_error(line_of(sec, "keep-bytes"),
				  "profile '%s': keep-bytes = 0 would keep nothing; remove the line for no limit",
				  p->name);
			return -1;
		}
		if (p->rotate_size && p->keep_bytes < p->rotate_size) {
			char a[32], b[32];

			set_error(line_of(sec, "keep-bytes"),
				  "profile '%s': keep-bytes (%s) is smaller than rotate-size (%s): not one closed file could be kept",
				  p->name, units_format_size(p->keep_bytes, a, sizeof(a)),
				  units_format_size(p->rotate_size, b, sizeof(b)));
			return -1;
		}
	}
	if (cfg_size(sec, "keep-age")) {
		if (get_duration(sec, "keep-age", &p->keep_age_ms) < 0)
			return -1;
		if (p->keep_age_ms == 0) {
			set_error(line_of(sec, "keep-age"),
				  "profile '%s': keep-age = 0 would delete every file as it closes; remove the line for no limit",
				  p->name);
			return -1;
		}
	}
	if (cfg_size(sec, "min-free") && get_size(sec, "min-free", &p->min_free) < 0)
		return -1;

	s = cfg_getstr(sec, "compress");
	if (!strcmp(s, "none")) {
		p->compress = COMPRESS_NONE;
	} else if (!strcmp(s, "gzip")) {
		p->compress = COMPRESS_GZIP;
	} else {
		set_error(line_of(sec, "compress"), "profile '%s': compress = '%s': use none or gzip",
			  p->name, s);
		return -1;
	}
	v = cfg_getint(sec, "compress-level");
	if (v < 1 || v > 9) {
		set_error(line_of(sec, "compress-level"),
			  "profile '%s': compress-level %ld is outside 1..9", p->name, v);
		return -1;
	}
	p->compress_level = (int)v;

	s = cfg_getstr(sec, "timestamp-precision");
	if (!strcmp(s, "micro")) {
		p->nanosecond = 0;
	} else if (!strcmp(s, "nano")) {
		p->nanosecond = 1;
	} else {
		set_error(line_of(sec, "timestamp-precision"),
			  "profile '%s': timestamp-precision = '%s': use micro or nano", p->name, s);
		return -1;
	}

	if (filter_bounded(p, line_of(sec, "filter")) < 0)
		return -1;
	/* Compile against Ethernet: the check catches syntax and unknown names. */
	if (*p->filter) {
		pcap_t *dead = pcap_open_dead(DLT_EN10MB, p->snaplen);
		struct bpf_program prog;

		if (!dead)
			goto nomem;
		if (pcap_compile(dead, &prog, p->filter, 1, PCAP_NETMASK_UNKNOWN) < 0) {
			/* At most 100 bytes of the filter, so libpcap's reason is never cut off. */
			set_error(line_of(sec, "filter"),
				  "profile '%s': filter \"%.100s%s\" does not compile: %s", p->name,
				  p->filter, strlen(p->filter) > 100 ? "..." : "", pcap_geterr(dead));
			pcap_close(dead);
			return -1;
		}
		pcap_freecode(&prog);
		pcap_close(dead);
	}
	return 0;
nomem:
	set_error(p->line, "out of memory");
	return -1;
}

static int load_iface(cfg_t *sec, struct conf *conf, struct iface_conf *ic)
{
	unsigned n = cfg_size(sec, "profiles");

	ic->name = strdup(cfg_title(sec));
	ic->line = line_of(sec, NULL);
	ic->promisc = cfg_getbool(sec, "promisc");
	if (!ic->name) {
		set_error(ic->line, "out of memory");
		return -1;
	}
	if (!*ic->name || strlen(ic->name) >= IFNAMSIZ || strchr(ic->name, '/') ||
	    !valid_name(ic->name)) {
		set_error(ic->line, "interface '%s': not a valid interface name", ic->name);
		return -1;
	}
	if (n == 0) {
		set_error(ic->line, "interface '%s': no profiles: add e.g. profiles = { all }",
			  ic->name);
		return -1;
	}
	ic->profiles = calloc(n, sizeof(*ic->profiles));
	ic->resolved = calloc(n, sizeof(*ic->resolved));
	if (!ic->profiles || !ic->resolved) {
		set_error(ic->line, "out of memory");
		return -1;
	}
	for (unsigned i = 0; i < n; i++) {
		const char *name = cfg_getnstr(sec, "profiles", i);

		ic->profiles[i] = strdup(name);
		ic->nprofiles++;
		if (!ic->profiles[i]) {
			set_error(ic->line, "out of memory");
			return -1;
		}
		ic->resolved[i] = conf_profile(conf, name);
		if (!ic->resolved[i]) {
			set_error(line_of(sec, "profiles"),
				  "interface '%s': profile '%s' does not exist", ic->name, name);
			return -1;
		}
		for (unsigned j = 0; j < i; j++)
			if (!strcmp(ic->profiles[j], name)) {
				set_error(line_of(sec, "profiles"),
					  "interface '%s': profile '%s' is listed twice", ic->name,
					  name);
				return -1;
			}
	}
	return 0;
}

struct profile_conf *conf_profile(const struct conf *conf, const char *name)
{
	for (size_t i = 0; i < conf->nprofiles; i++)
		if (!strcmp(conf->profiles[i].name, name))
			return &conf->profiles[i];
	return NULL;
}

static int load_top(cfg_t *cfg, struct conf *conf)
{
	const char *level = cfg_getstr(cfg, "log-level");

	conf->user = strdup(cfg_getstr(cfg, "user"));
	conf->group = strdup(cfg_getstr(cfg, "group"));
	conf->operator_group = strdup(cfg_getstr(cfg, "operator-group"));
	conf->storage = strdup(cfg_getstr(cfg, "storage"));
	conf->socket = strdup(cfg_getstr(cfg, "socket"));
	conf->state_dir = strdup(cfg_getstr(cfg, "state-directory"));
	conf->socket_set = !!(cfg_getopt(cfg, "socket")->flags & CFGF_MODIFIED);
	conf->state_dir_set = !!(cfg_getopt(cfg, "state-directory")->flags & CFGF_MODIFIED);
	if (!conf->user || !conf->group || !conf->operator_group || !conf->storage ||
	    !conf->socket || !conf->state_dir) {
		set_error(0, "out of memory");
		return -1;
	}
	conf->log_level = log_level_parse(level);
	if (conf->log_level < 0) {
		set_error(line_of(cfg, "log-level"),
			  "log-level = '%s': use debug, info, notice, warning or error", level);
		return -1;
	}
	if (conf->storage[0] != '/') {
		set_error(line_of(cfg, "storage"), "storage = '%s' must be an absolute path",
			  conf->storage);
		return -1;
	}
	if (conf->state_dir[0] != '/') {
		set_error(line_of(cfg, "state-directory"),
			  "state-directory = '%s' must be an absolute path", conf->state_dir);
		return -1;
	}
	if (conf->socket[0] != '/' || strlen(conf->socket) >= 108) {
		set_error(line_of(cfg, "socket"),
			  "socket = '%s' must be an absolute path shorter than 108 bytes", conf->socket);
		return -1;
	}
	return 0;
}

static void add_validators(cfg_t *cfg)
{
	static const char *const paths[] = {
		"user", "group", "operator-group", "storage", "socket", "log-level", "state-directory",
		"interface|profiles", "interface|promisc",
	};

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		cfg_set_validate_func(cfg, paths[i], remember_line);
	for (cfg_opt_t *o = profile_opts; o->name; o++) {
		char path[64];

		snprintf(path, sizeof(path), "profile|%s", o->name);
		cfg_set_validate_func(cfg, path, remember_line);
	}
}

/* Whether the escape after a backslash ("0", "x00", ...) is libconfuse's NUL. */
static int escapes_nul(const char *p)
{
	const char *digits = "01234567";
	int max = 3, i;

	if (*p == 'x') {
		p++;
		digits = "0123456789abcdefABCDEF";
		max = 2;
	}
	if (!*p || !strchr(digits, *p))
		return 0;
	for (i = 0; i < max && p[i] && strchr(digits, p[i]); i++)
		if (p[i] != '0')
			return 0;
	return 1;
}

/*
 * libconfuse replaces ${NAME} with the daemon's environment and ends a string
 * at an escaped NUL: the first makes the file mean something else under
 * systemd than in a shell, the second cuts a filter short without a word.
 * Both are refused here, before libconfuse sees the text; comments and single
 * quotes (taken literally) are skipped the way its lexer skips them.
 */
static int check_text(const char *text, size_t len)
{
	enum { PLAIN, DQUOTE, SQUOTE, LINE_COMMENT, BLOCK_COMMENT } st = PLAIN;
	int line = 1, at_token;

	for (size_t i = 0; i < len; i++) {
		char c = text[i], n = i + 1 < len ? text[i + 1] : 0;

		if (!c) {
			set_error(line, "a NUL byte is not allowed in the configuration");
			return -1;
		}
		if (c == '\n') {
			line++;
			if (st == LINE_COMMENT)
				st = PLAIN;
			continue;
		}
		if (c == '$' && n == '{' && (st == PLAIN || st == DQUOTE)) {
			set_error(line,
				  "${...} is not expanded: environment variables are not read, write the value itself");
			return -1;
		}
		switch (st) {
		case PLAIN:
			/* '#' starts a comment anywhere, "//" and slash-star only as a token. */
			at_token = i == 0 || strchr(" \t\r\n{},=", text[i - 1]);
			if (c == '#' || (c == '/' && n == '/' && at_token)) {
				st = LINE_COMMENT;
			} else if (c == '/' && n == '*' && at_token) {
				st = BLOCK_COMMENT;
				i++;
			} else if (c == '"') {
				st = DQUOTE;
			} else if (c == '\'') {
				st = SQUOTE;
			}
			break;
		case DQUOTE:
			if (c == '"') {
				st = PLAIN;
			} else if (c == '\\' && escapes_nul(text + i + 1)) {
				set_error(line, "a string may not contain a NUL character (\\0)");
				return -1;
			} else if (c == '\\' && n && n != '\n') {
				i++;
			}
			break;
		case SQUOTE:
			if (c == '\'')
				st = PLAIN;
			else if (c == '\\' && (n == '\'' || n == '\\'))
				i++;
			break;
		case BLOCK_COMMENT:
			if (c == '*' && n == '/') {
				st = PLAIN;
				i++;
			}
			break;
		case LINE_COMMENT:
			break;
		}
	}
	return 0;
}

int conf_load_text(const char *file, const char *text, size_t len, struct conf **out, char *err,
		   size_t errlen)
{
	struct load_ctx lc = { .err = err, .errlen = errlen, .file = file };
	struct conf *conf;
	cfg_t *cfg;
	int rc = -1;

	ctx = &lc;
	err[0] = 0;
	conf = calloc(1, sizeof(*conf));
	cfg = cfg_init(top_opts, CFGF_NONE);
	if (!conf || !cfg) {
		snprintf(err, errlen, "%s: out of memory", file);
		goto out;
	}
	cfg_set_error_function(cfg, confuse_error);
	add_validators(cfg);
	conf->file = strdup(file);
	if (!conf->file) {
		snprintf(err, errlen, "%s: out of memory", file);
		goto out;
	}
	if (check_text(text, len) < 0)
		goto out;

	if (cfg_parse_buf(cfg, text) != CFG_SUCCESS) {
		if (!lc.failed)
			snprintf(err, errlen, "%s: parse error", file);
		goto out;
	}
	if (load_top(cfg, conf) < 0)
		goto out;

	conf->nprofiles = cfg_size(cfg, "profile");
	conf->profiles = calloc(conf->nprofiles + 1, sizeof(*conf->profiles));
	conf->nifaces = cfg_size(cfg, "interface");
	conf->ifaces = calloc(conf->nifaces + 1, sizeof(*conf->ifaces));
	if (!conf->profiles || !conf->ifaces) {
		snprintf(err, errlen, "%s: out of memory", file);
		goto out;
	}
	for (size_t i = 0; i < conf->nprofiles; i++)
		if (load_profile(cfg_getnsec(cfg, "profile", (unsigned)i), &conf->profiles[i]) < 0)
			goto out;
	if (conf->nifaces == 0) {
		set_error(cfg->line, "no interface section: nothing to capture");
		goto out;
	}
	for (size_t i = 0; i < conf->nifaces; i++)
		if (load_iface(cfg_getnsec(cfg, "interface", (unsigned)i), conf, &conf->ifaces[i]) < 0)
			goto out;
	rc = 0;
out:
	if (cfg)
		cfg_free(cfg);
	free(lc.lines);
	ctx = NULL;
	if (rc < 0) {
		conf_free(conf);
		conf = NULL;
	}
	*out = conf;
	return rc;
}

int conf_load(const char *file, struct conf **out, char *err, size_t errlen)
{
	size_t len = 0, cap = 0;
	char *text = NULL;
	int fd, rc = -1;

	*out = NULL;
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	for (;;) {
		ssize_t n;

		if (cap - len < 4096) {
			char *nt;

			cap = cap ? cap * 2 : 8192;
			nt = realloc(text, cap + 1);
			if (!nt)
				goto fail;
			text = nt;
		}
		n = read(fd, text + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CONF_FILE_MAX) {
			snprintf(err, errlen, "%s: larger than %d KiB, not a configuration file", file,
				 CONF_FILE_MAX >> 10);
			goto out;
		}
	}
	text[len] = 0;
	rc = conf_load_text(file, text, len, out, err, errlen);
	goto out;
fail:
	snprintf(err, errlen, "%s: cannot read: %s", file, strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	free(text);
	return rc;
}

void conf_free(struct conf *conf)
{
	if (!conf)
		return;
	for (size_t i = 0; i < conf->nprofiles; i++) {
		free(conf->profiles[i].name);
		free(conf->profiles[i].filter);
	}
	for (size_t i = 0; i < conf->nifaces; i++) {
		for (size_t j = 0; j < conf->ifaces[i].nprofiles; j++)
			free(conf->ifaces[i].profiles[j]);
		free(conf->ifaces[i].profiles);
		free(conf->ifaces[i].resolved);
		free(conf->ifaces[i].name);
	}
	free(conf->profiles);
	free(conf->ifaces);
	free(conf->file);
	free(conf->user);
	free(conf->group);
	free(conf->operator_group);
	free(conf->storage);
	free(conf->state_dir);
	free(conf->socket);
	free(conf);
}

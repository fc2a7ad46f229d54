/* nd.c: the framework around the printers: output buffer, timestamps, hex dumps, truncation */
/* SPDX-License-Identifier: BSD-2-Clause */
#include "config.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nd.h"
#include "print-ppp.h"

#define OUT_CAP (256 * 1024)

int nd_init(struct nd *nd, FILE *fp)
{
	memset(nd, 0, sizeof(*nd));
	nd->fp = fp;
	nd->outcap = OUT_CAP;
	nd->out = malloc(nd->outcap);
	return nd->out ? 0 : -1;
}

void nd_free(struct nd *nd)
{
	nd_flush(nd);
	free(nd->out);
	nd->out = NULL;
	free(nd->tcp);
	nd->tcp = NULL;
}

int nd_flush(struct nd *nd)
{
	int rc = 0;

	if (nd->outlen && fwrite(nd->out, 1, nd->outlen, nd->fp) != nd->outlen)
		rc = -1;
	nd->outlen = 0;
	if (fflush(nd->fp) != 0)
		rc = -1;
	return rc;
}

static void reserve(struct nd *nd, size_t len)
{
	if (nd->outlen + len > nd->outcap) {
		if (nd->outlen && fwrite(nd->out, 1, nd->outlen, nd->fp) != nd->outlen)
			nd->outlen = 0;
		nd->outlen = 0;
		if (len > nd->outcap) {
			char *n = realloc(nd->out, len);

			if (n) {
				nd->out = n;
				nd->outcap = len;
			}
		}
	}
}

void nd_write_slow(struct nd *nd, const char *s, size_t len)
{
	reserve(nd, len);
	if (len > nd->outcap)
		len = nd->outcap;
	memcpy(nd->out + nd->outlen, s, len);
	nd->outlen += len;
}

/* Two digits per step from a table; most values printed are short: those go straight out. */
static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
				  "25262728293031323334353637383940414243444546474849"
				  "50515253545556575859606162636465666768697071727374"
				  "75767778798081828384858687888990919293949596979899";

void nd_putu(struct nd *nd, uint64_t v)
{
	char buf[24];
	char *p = buf + sizeof(buf);

	if (v < 10) {
		nd_putc(nd, (char)('0' + v));
		return;
	}
	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		p -= 2;
		memcpy(p, digit_pairs + 2 * r, 2);
	}
	if (v >= 10) {
		p -= 2;
		memcpy(p, digit_pairs + 2 * v, 2);
	} else {
		*--p = (char)('0' + v);
	}
	nd_write(nd, p, (size_t)(buf + sizeof(buf) - p));
}

void nd_putx(struct nd *nd, uint64_t v, int width)
{
	static const char digits[] = "0123456789abcdef";
	char buf[20];
	int i = sizeof(buf);

	do {
		buf[--i] = digits[v & 15];
		v >>= 4;
	} while (v);
	while ((int)sizeof(buf) - i < width && i > 0)
		buf[--i] = '0';
	nd_write(nd, buf + i, sizeof(buf) - (size_t)i);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void printf_libc(struct nd *nd, const char *fmt, va_list ap0)
{
	va_list ap;
	int n;

	reserve(nd, 512);
	va_copy(ap, ap0);
	n = vsnprintf(nd->out + nd->outlen, nd->outcap - nd->outlen, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= nd->outcap - nd->outlen) {
		/* Longer than the room left: make room and format again. */
		reserve(nd, (size_t)n + 1);
		va_copy(ap, ap0);
		n = vsnprintf(nd->out + nd->outlen, nd->outcap - nd->outlen, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if ((size_t)n >= nd->outcap - nd->outlen)
			n = (int)(nd->outcap - nd->outlen - 1);
	}
	nd->outlen += (size_t)n;
}
#pragma GCC diagnostic pop

/*
 * The printers call nd_printf several times a packet, and vsnprintf's set-up was
 * most of -v's time. The formats they use are few: text, %s, %c and integers with
 * a width and the '-' or '0' flag. Those are formatted here exactly as printf
 * would; any other format (precision on an integer, '#', '+', floating point...)
 * goes to vsnprintf whole.
 */
struct spec {
	int left, zero, alt, width, prec;
	char len;	/* 'H' hh, 'h', 0, 'l', 'L' ll, 'z', 'j', 't' */
	char conv;
};

static const char *spec_len(const char *f, struct spec *sp)
{
	if (f[0] == 'h' && f[1] == 'h') {
		sp->len = 'H';
		f += 2;
	} else if (f[0] == 'l' && f[1] == 'l') {
		sp->len = 'L';
		f += 2;
	} else if (*f == 'h' || *f == 'l' || *f == 'z' || *f == 'j' || *f == 't') {
		sp->len = *f++;
	}
	sp->conv = *f;
	switch (*f) {
	case 'x': case 'X':
		return f + 1;
	case 'd': case 'i': case 'u':
		return sp->alt ? NULL : f + 1;
	case 's': case 'c':
		/* "%ls" is wide, and a '0' flag on text is undefined: printf's business. */
		return sp->len || sp->zero || sp->alt || (sp->conv == 'c' && sp->prec != -1) ?
		       NULL : f + 1;
	case '%':
		return sp->len || sp->left || sp->zero || sp->alt || sp->width || sp->prec != -1 ?
		       NULL : f + 1;
	default:
		return NULL;
	}
}


/* Flags, width, precision and length of one conversion; NULL if this file does not do it. */
static const char *spec_parse(const char *f, struct spec *sp)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; f++) {
		if (*f == '-')
			sp->left = 1;
		else if (*f == '0')
			sp->zero = 1;
		else if (*f == '#')
			sp->alt = 1;
		else
			break;
	}
	if (*f == '*') {
		sp->width = -1;
		f++;
	} else {
		while (*f >= '0' && *f <= '9')
			sp->width = sp->width * 10 + (*f++ - '0');
	}
	if (*f == '.') {
		f++;
		sp->prec = 0;
		if (*f == '*') {
			sp->prec = -2;
			f++;
		} else {
			while (*f >= '0' && *f <= '9')
				sp->prec = sp->prec * 10 + (*f++ - '0');
		}
	}
	return spec_len(f, sp);
}

/* Whether every conversion in fmt is one fmt_fast does. */
static int fmt_simple(const char *f)
{
	struct spec sp;

	while ((f = strchr(f, '%')))
		if (!(f = spec_parse(f + 1, &sp)))
			return 0;
	return 1;
}

/*
 * fmt_simple's answer, remembered by the format's address: the formats are the
 * printers' string literals, a few hundred of them. Per thread, for a decoder
 * running in several.
 */
static int fmt_simple_cached(const char *f)
{
	static _Thread_local struct {
		const char *fmt;
		int simple;
	} seen[512];
	size_t h = (size_t)(((uint64_t)(uintptr_t)f * 0x9e3779b97f4a7c15ULL) >> 55);

	if (seen[h].fmt != f) {
		seen[h].simple = fmt_simple(f);
		seen[h].fmt = f;
	}
	return seen[h].simple;
}

static void pad(struct nd *nd, char c, int n)
{
	static const char spaces[32] = "                                ";
	static const char zeros[32] = "00000000000000000000000000000000";

	/* Indentation is often tens of spaces: a run at a time, not a byte. */
	while (n > 0) {
		int k = n < 32 ? n : 32;

		nd_write(nd, c == ' ' ? spaces : zeros, (size_t)k);
		n -= k;
	}
}

/* sp's field: spaces, the prefix ("-" or "0x"), zeros, the text, as printf lays them out. */
static void put_field(struct nd *nd, const struct spec *sp, const char *pre, int zeros,
		      const char *s, size_t n)
{
	size_t plen = strlen(pre);
	int fill = sp->width - (int)n - (int)plen - zeros;

	if (!sp->left && !sp->zero)
		pad(nd, ' ', fill);
	nd_write(nd, pre, plen);
	if (!sp->left && sp->zero)
		pad(nd, '0', fill);
	pad(nd, '0', zeros);
	nd_write(nd, s, n);
	if (sp->left)
		pad(nd, ' ', fill);
}

/* The argument of an integer conversion, as printf's length modifier reads it. */
static uint64_t int_arg(const struct spec *sp, va_list *ap, int *neg)
{
	int64_t v;

	if (sp->conv != 'd' && sp->conv != 'i') {
		switch (sp->len) {
		case 'H': return (unsigned char)va_arg(*ap, unsigned);
		case 'h': return (unsigned short)va_arg(*ap, unsigned);
		case 'l': return va_arg(*ap, unsigned long);
		case 'L': return va_arg(*ap, unsigned long long);
		case 'z': return va_arg(*ap, size_t);
		case 'j': return va_arg(*ap, uintmax_t);
		case 't': return (uint64_t)va_arg(*ap, ptrdiff_t);
		default: return va_arg(*ap, unsigned);
		}
	}
	switch (sp->len) {
	case 'H': v = (signed char)va_arg(*ap, int); break;
	case 'h': v = (short)va_arg(*ap, int); break;
	case 'l': v = va_arg(*ap, long); break;
	case 'L': v = va_arg(*ap, long long); break;
	case 'z': v = (int64_t)va_arg(*ap, size_t); break;
	case 'j': v = va_arg(*ap, intmax_t); break;
	case 't': v = va_arg(*ap, ptrdiff_t); break;
	default: v = va_arg(*ap, int); break;
	}
	*neg = v < 0;
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

static void put_int(struct nd *nd, const struct spec *sp, va_list *ap)
{
	static const char lower[] = "0123456789abcdef", upper[] = "0123456789ABCDEF";
	const char *dig = sp->conv == 'X' ? upper : lower;
	unsigned base = sp->conv == 'x' || sp->conv == 'X' ? 16 : 10;
	char buf[24];
	int neg = 0, i = sizeof(buf), n;
	uint64_t v = int_arg(sp, ap, &neg);
	const char *pre = neg ? "-" : sp->alt && v ? (sp->conv == 'X' ? "0X" : "0x") : "";
	struct spec field = *sp;

	/* Constant divisors: a division by a variable base was a third of this function. */
	if (base == 16) {
		for (; v; v >>= 4)
			buf[--i] = dig[v & 15];
	} else {
		for (; v; v /= 10)
			buf[--i] = (char)('0' + v % 10);
	}
	/* Zero prints as "0", but as nothing with a precision of 0. */
	if (i == (int)sizeof(buf) && sp->prec != 0)
		buf[--i] = '0';
	n = (int)sizeof(buf) - i;
	/* A precision is the least number of digits, and turns the '0' flag off. */
	if (sp->prec >= 0)
		field.zero = 0;
	put_field(nd, &field, pre, sp->prec > n ? sp->prec - n : 0, buf + i, (size_t)n);
}

static void put_conv(struct nd *nd, struct spec *sp, va_list *ap)
{
	const char *s;
	char c;

	if (sp->width == -1) {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = 1;
			sp->width = -sp->width;
		}
	}
	if (sp->prec == -2) {
		sp->prec = va_arg(*ap, int);
		if (sp->prec < 0)
			sp->prec = -1;
	}
	switch (sp->conv) {
	case 's':
		s = va_arg(*ap, const char *);
		if (!s)	/* as glibc */
			s = sp->prec == -1 || sp->prec >= 6 ? "(null)" : "";
		put_field(nd, sp, "", 0, s, sp->prec == -1 ? strlen(s) : strnlen(s, (size_t)sp->prec));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_field(nd, sp, "", 0, &c, 1);
		break;
	case '%':
		nd_putc(nd, '%');
		break;
	default:
		put_int(nd, sp, ap);
	}
}

static void fmt_fast(struct nd *nd, const char *f, va_list *ap)
{
	struct spec sp;
	const char *pct;

	for (;;) {
		/* By hand: the text between conversions is a few characters. */
		for (pct = f; *pct && *pct != '%'; pct++)
			;
		nd_write(nd, f, (size_t)(pct - f));
		if (!*pct)
			return;
		f = spec_parse(pct + 1, &sp);
		/* Only if a format's address was reused for other text: stop, never guess. */
		if (!f)
			return;
		put_conv(nd, &sp, ap);
	}
}

void nd_printf(struct nd *nd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (fmt_simple_cached(fmt))
		fmt_fast(nd, fmt, &ap);
	else
		printf_libc(nd, fmt, ap);
	va_end(ap);
}

void nd_trunc_longjmp(struct nd *nd)
{
	longjmp(nd->trunc, 1);
}

void nd_print_trunc(struct nd *nd)
{
	nd_printf(nd, " [|%s]", nd->protocol ? nd->protocol : "");
}

void nd_print_invalid(struct nd *nd)
{
	nd_puts(nd, " (invalid)");
}

/* The fallback format comes from the printers' own tables of tcpdump's wording. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
const char *nd_tok2str(const struct nd_tok *t, const char *fmt, unsigned v, char *buf, size_t len)
{
	for (; t && t->s; t++)
		if (t->v == v)
			return t->s;
	snprintf(buf, len, fmt ? fmt : "#%u", v);
	return buf;
}
#pragma GCC diagnostic pop

/* Joined by hand: snprintf per name was a tenth of -v's time. */
const char *nd_bittok2str(const struct nd_tok *t, const char *none, unsigned v, const char *sep,
			  char *buf, size_t len)
{
	size_t off = 0, seplen = strlen(sep);
	int first = 1;

	if (!len)
		return buf;
	for (; t->s; t++) {
		size_t n;

		if (!t->v || (v & t->v) != t->v)
			continue;
		if (!first) {
			n = seplen < len - 1 - off ? seplen : len - 1 - off;
			memcpy(buf + off, sep, n);
			off += n;
		}
		n = strlen(t->s);
		if (n > len - 1 - off)
			n = len - 1 - off;
		memcpy(buf + off, t->s, n);
		off += n;
		first = 0;
	}
	buf[off] = 0;
	/* Without a bit set, the "none" text itself is the answer: no copy needed. */
	return first ? none : buf;
}

uint16_t nd_in_cksum(const struct nd_cksum_vec *vec, int n)
{
	uint64_t sum = 0;
	int odd = 0;

	for (int i = 0; i < n; i++) {
		const uint8_t *p = vec[i].ptr;
		size_t len = vec[i].len;

		/* An odd byte left from the previous piece pairs with this one's first. */
		if (odd && len) {
			sum += *p++;
			len--;
			odd = 0;
		}
		while (len >= 2) {
			sum += (uint32_t)(p[0] << 8 | p[1]);
			p += 2;
			len -= 2;
		}
		if (len) {
			sum += (uint32_t)p[0] << 8;
			odd = 1;
		}
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/*
 * The checksum field value that would have made the sum come out right
 * (RFC 1624 arithmetic): the stored field plus the computed sum, folded.
 */
uint16_t nd_in_cksum_shouldbe(uint16_t sum, uint16_t computed)
{
	uint32_t shouldbe = (uint32_t)sum + computed;

	shouldbe = (shouldbe & 0xffff) + (shouldbe >> 16);
	shouldbe = (shouldbe & 0xffff) + (shouldbe >> 16);
	return (uint16_t)shouldbe;
}

static const char hexdigits[] = "0123456789abcdef";

/* "<indent>0x0010: " without printf: at least four hex digits, more past 0xffff, as %04x. */
static size_t line_start(char *line, const char *indent, size_t ilen, unsigned off)
{
	size_t n = ilen;
	int digits = 4;

	while (digits < 8 && off >> (4 * digits))
		digits++;
	memcpy(line, indent, n);
	line[n++] = '0';
	line[n++] = 'x';
	while (digits--)
		line[n++] = hexdigits[off >> (4 * digits) & 15];
	line[n++] = ':';
	line[n++] = ' ';
	return n;
}

/* A whole line's sixteen bytes: no test per byte (most lines are whole). */
static size_t line_full(char *line, size_t n, const uint8_t *p, int ascii)
{
	for (int g = 0; g < 16; g += 2) {
		line[n] = ' ';
		line[n + 1] = hexdigits[p[g] >> 4];
		line[n + 2] = hexdigits[p[g] & 15];
		line[n + 3] = hexdigits[p[g + 1] >> 4];
		line[n + 4] = hexdigits[p[g + 1] & 15];
		n += 5;
	}
	if (ascii) {
		line[n++] = ' ';
		line[n++] = ' ';
		for (int i = 0; i < 16; i++)
			line[n++] = (uint8_t)(p[i] - 0x21) <= 0x7e - 0x21 ? (char)p[i] : '.';
	}
	return n;
}

/* The last line, shorter than sixteen: -X pads the hex to full width before the text. */
static size_t line_part(char *line, size_t n, const uint8_t *p, unsigned end, int ascii)
{
	unsigned i;

	for (i = 0; i < (ascii ? 16 : end); i++) {
		if (!(i & 1))
			line[n++] = ' ';
		line[n++] = i < end ? hexdigits[p[i] >> 4] : ' ';
		line[n++] = i < end ? hexdigits[p[i] & 15] : ' ';
	}
	if (ascii) {
		line[n++] = ' ';
		line[n++] = ' ';
		for (i = 0; i < end; i++)
			line[n++] = p[i] >= 0x21 && p[i] <= 0x7e ? (char)p[i] : '.';
	}
	return n;
}

/* tcpdump's -x lines, and with ascii its -X lines: hex padded to full width, then the text. */
static void dump_lines(struct nd *nd, const char *indent, const uint8_t *p, unsigned len,
		       int ascii)
{
	unsigned avail = (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p);
	size_t ilen = strlen(indent);
	char line[160];

	if (len > avail)
		len = avail;
	/* The indent is "\n\t" or a printer's own few characters; longer is cut, never overrun. */
	if (ilen > 64)
		ilen = 64;
	for (unsigned off = 0; off < len; off += 16) {
		size_t n = line_start(line, indent, ilen, off);

		if (len - off >= 16)
			n = line_full(line, n, p + off, ascii);
		else
			n = line_part(line, n, p + off, len - off, ascii);
		nd_write(nd, line, n);
	}
}

void nd_hex_print(struct nd *nd, const char *indent, const uint8_t *p, unsigned len)
{
	dump_lines(nd, indent, p, len, 0);
}

void nd_hex_and_ascii_print(struct nd *nd, const char *indent, const uint8_t *p, unsigned len)
{
	dump_lines(nd, indent, p, len, 1);
}

void nd_ascii_print(struct nd *nd, const uint8_t *p, unsigned len)
{
	unsigned avail = (unsigned)ND_BYTES_AVAILABLE_AFTER(nd, p);

	if (len > avail)
		len = avail;
	nd_putc(nd, '\n');
	for (unsigned i = 0; i < len; i++) {
		uint8_t c = p[i];

		/* A CR is dropped before a newline and near the end, else shown as '.'. */
		if (c == '\r') {
			if (len - i - 1 > 1 && p[i + 1] != '\n')
				nd_putc(nd, '.');
			continue;
		}
		if (c == '\n' || c == '\t' || c == ' ' || (c >= 0x21 && c <= 0x7e))
			nd_putc(nd, (char)c);
		else
			nd_putc(nd, '.');
	}
}

/* Fixed-width decimal digits, without printf: this runs for every packet. */
static void put_digits(struct nd *nd, uint64_t v, int width)
{
	char buf[24];
	int i = width;

	/* Two digits per division, as nd_putu. */
	for (; i >= 2; i -= 2) {
		memcpy(buf + i - 2, digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (i)
		buf[0] = (char)('0' + v % 10);
	nd_write(nd, buf, (size_t)width);
}

/*
 * The fraction as tcpdump prints it: the field as an unsigned 32-bit number,
 * at least six (micro) or nine (nano) digits; a field of a million or more
 * microseconds is printed as it is, digits and all.
 */
static void print_frac(struct nd *nd, int64_t frac)
{
	uint32_t v = (uint32_t)frac;
	int width = nd->o.nano ? 9 : 6;
	uint32_t t = v;
	int n = 0;

	do
		n++;
	while (t /= 10);
	nd_putc(nd, '.');
	put_digits(nd, v, n > width ? n : width);
}

/* localtime_r is slow; packets come many to a second, so remember the last one. */
static const struct tm *local_tm(struct nd *nd, time_t sec)
{
	if (!nd->tm_valid || sec != nd->tm_sec) {
		if (!localtime_r(&sec, &nd->tm_cache))
			return NULL;
		nd->tm_sec = sec;
		nd->tm_valid = 1;
	}
	return &nd->tm_cache;
}

/*
 * tcpdump's test for a time it will not convert: bit 31 of the seconds,
 * which is every record time from 2038 on (libpcap reads them as signed
 * 32-bit numbers) and every delta of 68 years or more.
 */
static int bad_time(int64_t sec)
{
	return ((uint32_t)sec & 0x80000000) != 0;
}

/* HH:MM:SS, remembered for the second it belongs to: packets come many to a second. */
static void put_hms(struct nd *nd, const struct tm *tm, int64_t sec, int local)
{
	static _Thread_local struct {
		int64_t sec;
		int local, valid;
		char txt[8];
	} last;

	if (!last.valid || last.sec != sec || last.local != local) {
		memcpy(last.txt, digit_pairs + 2 * tm->tm_hour, 2);
		last.txt[2] = ':';
		memcpy(last.txt + 3, digit_pairs + 2 * tm->tm_min, 2);
		last.txt[5] = ':';
		memcpy(last.txt + 6, digit_pairs + 2 * tm->tm_sec, 2);
		last.sec = sec;
		last.local = local;
		last.valid = 1;
	}
	nd_write(nd, last.txt, sizeof(last.txt));
}

/* [YYYY-MM-DD ]HH:MM:SS.frac, local time or UTC (deltas). */
static void print_hmsfrac(struct nd *nd, int64_t sec, int64_t frac, int date, int local)
{
	time_t t = (time_t)sec;
	const struct tm *tm;
	struct tm utc;

	tm = bad_time(sec) ? NULL : local ? local_tm(nd, t) : gmtime_r(&t, &utc);
	if (!tm) {
		nd_puts(nd, "[Error converting time]");
		return;
	}
	if (date) {
		nd_printf(nd, "%04d-", tm->tm_year + 1900);
		put_digits(nd, (uint64_t)tm->tm_mon + 1, 2);
		nd_putc(nd, '-');
		put_digits(nd, (uint64_t)tm->tm_mday, 2);
		nd_putc(nd, ' ');
	}
	put_hms(nd, tm, sec, local);
	print_frac(nd, frac);
}

/*
 * -ttt and -ttttt: the distance to the reference, computed as tcpdump does,
 * in whole seconds and fractions with one borrow and no normalising, so odd
 * fractions come out the same odd way. A reference of exactly 0.0 counts as
 * unset, and the packet becomes the reference.
 */
static void print_delta(struct nd *nd, int64_t sec, int64_t frac)
{
	int64_t a_sec = sec, a_frac = frac, b_sec, b_frac, d_sec, d_frac;
	int negative;

	if (!nd->ref_sec && !nd->ref_frac) {
		nd->ref_sec = sec;
		nd->ref_frac = frac;
	}
	b_sec = nd->ref_sec;
	b_frac = nd->ref_frac;
	negative = a_sec == b_sec ? a_frac < b_frac : a_sec < b_sec;
	if (negative) {
		d_sec = b_sec - a_sec;
		d_frac = b_frac - a_frac;
	} else {
		d_sec = a_sec - b_sec;
		d_frac = a_frac - b_frac;
	}
	if (d_frac < 0) {
		d_sec--;
		d_frac += nd->o.nano ? 1000000000 : 1000000;
	}
	nd_putc(nd, negative ? '-' : ' ');
	print_hmsfrac(nd, d_sec, d_frac, 0, 0);
	if (nd->o.tflag == 3) {
		nd->ref_sec = sec;
		nd->ref_frac = frac;
	}
}

static void ts_print(struct nd *nd, int64_t sec, int64_t frac)
{
	switch (nd->o.tflag) {
	case 0: /* local time of day */
		print_hmsfrac(nd, sec, frac, 0, 1);
		break;
	case 1:
		return;
	case 2:
		if (bad_time(sec)) {
			nd_puts(nd, "[Error converting time]");
		} else {
			nd_putu(nd, (uint32_t)sec);
			print_frac(nd, frac);
		}
		break;
	case 3: /* since the previous packet */
		print_delta(nd, sec, frac);
		break;
	case 4:
		print_hmsfrac(nd, sec, frac, 1, 1);
		break;
	default: /* since the first packet */
		print_delta(nd, sec, frac);
		break;
	}
	nd_putc(nd, ' ');
}

int nd_has_printer(int linktype)
{
	switch (linktype) {
	case DLT_EN10MB:
	case DLT_LINUX_SLL:
	case DLT_LINUX_SLL2:
	case DLT_NULL:
	case DLT_LOOP:
	case DLT_RAW:
	case 101: /* LINKTYPE_RAW */
	case DLT_IPV4:
	case DLT_IPV6:
	case DLT_PPP:
	case 166: /* DLT_PPP_PPPD */
	case DLT_PPP_SERIAL:
	case DLT_PPP_ETHER:
	case DLT_C_HDLC:
	case DLT_FRELAY:
		return 1;
	default:
		return 0;
	}
}

static unsigned link_print(struct nd *nd, int linktype, const uint8_t *p, unsigned len,
			   unsigned caplen)
{
	switch (linktype) {
	case DLT_EN10MB:
		return nd_ether_print(nd, p, len, caplen);
	case DLT_LINUX_SLL:
		return nd_sll_print(nd, p, len, caplen);
	case DLT_LINUX_SLL2:
		return nd_sll2_print(nd, p, len, caplen);
	case DLT_NULL:
		return nd_null_print(nd, p, len, caplen, 0);
	case DLT_LOOP:
		return nd_null_print(nd, p, len, caplen, 1);
	case DLT_RAW:
	case 101:
	case DLT_IPV4:
	case DLT_IPV6:
		return nd_raw_print(nd, p, len, caplen);
	case DLT_PPP:
	case 166:
		return nd_ppp_if_print(nd, p, len, caplen);
	case DLT_PPP_SERIAL:
		return nd_ppp_hdlc_if_print(nd, p, len, caplen);
	case DLT_PPP_ETHER:
		return nd_pppoe_if_print(nd, p, len, caplen);
	case DLT_C_HDLC:
		return nd_chdlc_if_print(nd, p, len, caplen);
	case DLT_FRELAY:
		return nd_fr_if_print(nd, p, len, caplen);
	default:
		return 0;
	}
}

void nd_print_packet(struct nd *nd, int linktype, const struct pcap_pkthdr *h, const uint8_t *p,
		     int nano_ts)
{
	int64_t sec = h->ts.tv_sec, frac = h->ts.tv_usec;
	unsigned hdrlen;

	/* As libpcap scales when the file's precision differs from the one asked for. */
	if (nano_ts && !nd->o.nano)
		frac /= 1000;
	else if (!nano_ts && nd->o.nano)
		frac *= 1000;

	nd->count++;
	if (nd->o.number)
		nd_printf(nd, "%5llu  ", (unsigned long long)nd->count);
	if (h->caplen == 0 || h->len == 0 || h->len < h->caplen || h->caplen > 262144 ||
	    h->len > 262144) {
		int first = 1;

		if (h->caplen == 0) {
			nd_puts(nd, "[Invalid header: caplen==0");
			first = 0;
		}
		if (h->len == 0) {
			nd_puts(nd, first ? "[Invalid header:" : ",");
			nd_puts(nd, " len==0");
			first = 0;
		} else if (h->len < h->caplen) {
			nd_puts(nd, first ? "[Invalid header:" : ",");
			nd_printf(nd, " len(%u) < caplen(%u)", h->len, h->caplen);
			first = 0;
		}
		if (h->caplen > 262144) {
			nd_puts(nd, first ? "[Invalid header:" : ",");
			nd_printf(nd, " caplen(%u) > %u", h->caplen, 262144);
			first = 0;
		}
		if (h->len > 262144) {
			nd_puts(nd, first ? "[Invalid header:" : ",");
			nd_printf(nd, " len(%u) > %u", h->len, 262144);
		}
		nd_puts(nd, "]\n");
		return;
	}
	ts_print(nd, sec, frac);
	nd->packet = p;
	nd->snapend = p + h->caplen;
	nd->protocol = "";
	nd->ll_hdr_len = 0;
	if (setjmp(nd->trunc) == 0) {
		if (nd_has_printer(linktype)) {
			hdrlen = link_print(nd, linktype, p, h->len, h->caplen);
		} else {
			nd_printf(nd, "[unsupported link type %d]", linktype);
			hdrlen = 0;
		}
	} else {
		nd_print_trunc(nd);
		hdrlen = nd->ll_hdr_len;
	}
	nd->snapend = p + h->caplen;
	if (nd->o.Xflag) {
		if (nd->o.Xflag > 1)
			nd_hex_and_ascii_print(nd, "\n\t", p, h->caplen);
		else if (h->caplen > hdrlen)
			nd_hex_and_ascii_print(nd, "\n\t", p + hdrlen, h->caplen - hdrlen);
	} else if (nd->o.xflag) {
		if (nd->o.xflag > 1)
			nd_hex_print(nd, "\n\t", p, h->caplen);
		else if (h->caplen > hdrlen)
			nd_hex_print(nd, "\n\t", p + hdrlen, h->caplen - hdrlen);
	} else if (nd->o.Aflag) {
		if (nd->o.Aflag > 1)
			nd_ascii_print(nd, p, h->caplen);
		else if (h->caplen > hdrlen)
			nd_ascii_print(nd, p + hdrlen, h->caplen - hdrlen);
	}
	nd_putc(nd, '\n');
	if (nd->line_flush)
		nd_flush(nd);
}

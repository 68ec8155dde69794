/* csv.c: a streaming RFC 4180 reader and the missing-value tokens.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Scanner states; a record may stop in any of them when the input runs dry,
 * so that a reader fed one byte at a time never rescans. */
enum {
	S_UNQ,   /* in an unquoted field (also at its start) */
	S_Q,     /* inside quotes */
	S_QQ,    /* a '"' inside quotes: a doubled quote or the closing one */
	S_AFTER  /* after the closing quote, until the delimiter */
};

#define CHUNK 65536

struct ferrum_csv {
	ferrum_read_fn read;   /* NULL for a buffer reader */
	void *ctx;
	const char *in;        /* the input bytes: the caller's buffer or own */
	char *own;             /* streaming buffer, cap bytes */
	size_t cap;
	size_t len;            /* valid bytes of in */
	size_t pos;            /* next byte to scan */
	size_t rec;            /* start of the current record in in */
	size_t rec_len;        /* raw record bytes without the line end */
	int eof;               /* read returned 0 (always set for buffers) */
	int started;           /* the byte order mark question is settled */
	int ends_known;        /* the line-end question is settled */
	int comments;          /* skip comment lines (fe_csv_set_comments) */
	int comments_done;     /* ... those at the start are done */
	int cr_lines;          /* lines end in '\r' alone: each read as '\n' */
	int done;              /* end of input reported */
	size_t max_record;
	size_t max_fields;
	int delim;             /* the delimiter, FERRUM_CSV_SPACES or AUTO */
	int sep;               /* the byte the scanner splits at, or -1 for
	                          runs of blanks (spaces mode) */
	unsigned char stop[256]; /* bytes that stop the unquoted loop */

	char *fbuf;            /* unquoted field texts, each NUL-terminated */
	size_t fcap, flen;
	size_t *foff;          /* per field: offset in fbuf, length */
	size_t nf, nfcap;

	int state;
	int quoted;            /* the current field was quoted */
	int first_quoted;      /* field 0 was quoted (a "" line is not blank) */
	unsigned hi;           /* OR of the current field's bytes */
	size_t fstart;         /* the current field's first byte in fbuf */
	size_t qend;           /* S_AFTER: where the quoted content ended */
	long long line;        /* line of the next byte */
	long long rec_line;    /* line where the record started */
	long long fline;       /* line where the current field started */
	int status;            /* sticky error, or 0 */
	ferrum_error err;
};

/* Word-at-a-time search for the bytes that stop the unquoted loop, in
 * portable C on 64-bit words (no intrinsics, so wasm gets it too); on a
 * little-endian machine the lowest flagged byte is the first in memory.
 * SWAR_ZERO(x) flags, in bit 7 of each byte, the bytes of x that are zero;
 * only flags above a true zero byte can be false, so the lowest flag is
 * exact. */
#ifndef FE_CSV_SWAR
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FE_CSV_SWAR 1
#else
#define FE_CSV_SWAR 0
#endif
#endif
#if FE_CSV_SWAR
#define SWAR_BYTES(b) ((uint64_t)0x0101010101010101u * (uint64_t)(b))
#define SWAR_ZERO(x) (((x) - SWAR_BYTES(1)) & ~(x) & SWAR_BYTES(0x80))

/* The index of the lowest flagged byte of @m (m != 0). */
static unsigned
swar_first(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(m) >> 3;
#else
	unsigned k = 0;

	while ((m & 0x80) == 0) {
		m >>= 8;
		k++;
	}
	return k;
#endif
}
#endif

/* Bytes that stop the quoted fast loop. */
static const unsigned char stop_q[256] = {
	[0] = 1, ['\n'] = 1, ['"'] = 1,
};

/* ---- UTF-8 -------------------------------------------------------------- */

/* 1 if the @n bytes at @s are well-formed UTF-8 (no overlongs, surrogates or
 * code points past U+10FFFF: what Rust's String accepts). */
static int
utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i];

		if (c < 0x80) {
			i++;
		} else if (c >= 0xC2 && c <= 0xDF) {
			if (n - i < 2 || (s[i + 1] & 0xC0) != 0x80)
				return 0;
			i += 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;

			if (n - i < 3 || s[i + 1] < lo || s[i + 1] > hi || (s[i + 2] & 0xC0) != 0x80)
				return 0;
			i += 3;
		} else if (c >= 0xF0 && c <= 0xF4) {
			unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;

			if (n - i < 4 || s[i + 1] < lo || s[i + 1] > hi ||
			    (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80)
				return 0;
			i += 4;
		} else {
			return 0;
		}
	}
	return 1;
}

/* The length of the White_Space character at the start of @s (@n bytes),
 * or 0.  The set is Rust's char::is_whitespace. */
static size_t
ws_head(const unsigned char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))
		return 1;
	if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)
		return 3;
	if (s[0] == 0xE2 && s[1] == 0x80 &&
	    (s[2] <= 0x8A || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
		return 3; /* U+2000..U+200A (0x80..0x8A), U+2028, U+2029, U+202F */
	if (s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F)
		return 3;
	if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* The length of the White_Space character ending @s (@n bytes of valid
 * UTF-8), or 0.  Lead bytes are never continuation bytes, so matching the
 * whole tail sequence is unambiguous. */
static size_t
ws_tail(const unsigned char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[n - 1] < 0x80)
		return ws_head(s + n - 1, 1);
	if (n >= 2 && s[n - 2] == 0xC2)
		return ws_head(s + n - 2, 2);
	if (n >= 3 && ws_head(s + n - 3, 3) == 3)
		return 3;
	return 0;
}

/* Trim White_Space from both ends of @*s / @*n (valid UTF-8). */
static void
trim(const unsigned char **s, size_t *n)
{
	size_t k;

	while ((k = ws_head(*s, *n)) > 0) {
		*s += k;
		*n -= k;
	}
	while ((k = ws_tail(*s, *n)) > 0)
		*n -= k;
}

/* 1 if the @n bytes at @s are nothing but White_Space. */
static int
all_space(const unsigned char *s, size_t n)
{
	if (!utf8_valid(s, n))
		return 0;
	trim(&s, &n);
	return n == 0;
}

/* ---- missing values ----------------------------------------------------- */

int
ferrum_is_missing(const char *s, size_t len)
{
	if (s == NULL)
		return 1;
	return len == 0 || (len == 2 && s[0] == 'N' && s[1] == 'A') || (len == 1 && s[0] == '?');
}

/* ---- the reader --------------------------------------------------------- */

/* Use the delimiter @d (not AUTO): the stop table and the split byte. */
static void
set_sep(ferrum_csv *c, int d)
{
	memset(c->stop, 0, sizeof c->stop);
	c->stop[0] = c->stop['\n'] = c->stop['"'] = 1;
	c->delim = d;
	if (d == FERRUM_CSV_SPACES) {
		c->stop[' '] = c->stop['\t'] = 1;
		c->sep = -1;
	} else {
		c->stop[(unsigned char)d] = 1;
		c->sep = d;
	}
}

static int
csv_alloc(ferrum_csv **out, ferrum_error *err)
{
	ferrum_csv *c = calloc(1, sizeof *c);

	*out = NULL;
	if (c == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	c->max_record = FERRUM_CSV_MAX_RECORD;
	c->max_fields = FERRUM_CSV_MAX_FIELDS;
	set_sep(c, ',');
	c->line = 1;
	c->rec_line = 1;
	ferrum_error_clear(&c->err);
	*out = c;
	return FERRUM_OK;
}

int
ferrum_csv_new(ferrum_csv **out, ferrum_read_fn read, void *ctx, ferrum_error *err)
{
	ferrum_csv *c;
	int rc;

	if (out == NULL || read == NULL)
		return fe_error(err, FERRUM_EINVAL, "no read function");
	rc = csv_alloc(&c, err);
	if (rc != FERRUM_OK)
		return rc;
	c->read = read;
	c->ctx = ctx;
	*out = c;
	return FERRUM_OK;
}

int
ferrum_csv_new_buffer(ferrum_csv **out, const char *buf, size_t len, ferrum_error *err)
{
	ferrum_csv *c;
	int rc;

	if (out == NULL || (buf == NULL && len > 0))
		return fe_error(err, FERRUM_EINVAL, "no buffer");
	rc = csv_alloc(&c, err);
	if (rc != FERRUM_OK)
		return rc;
	c->in = buf != NULL ? buf : "";
	c->len = len;
	c->eof = 1;
	*out = c;
	return FERRUM_OK;
}

void
ferrum_csv_free(ferrum_csv *c)
{
	if (c == NULL)
		return;
	free(c->own);
	free(c->fbuf);
	free(c->foff);
	free(c);
}

void
ferrum_csv_set_limits(ferrum_csv *c, size_t max_record, size_t max_fields)
{
	if (c == NULL)
		return;
	if (max_record > 0)
		c->max_record = max_record < SIZE_MAX / 4 ? max_record : SIZE_MAX / 4;
	if (max_fields > 0)
		c->max_fields = max_fields;
}

size_t
ferrum_csv_nfields(const ferrum_csv *c)
{
	return c->nf;
}

const char *
ferrum_csv_field(const ferrum_csv *c, size_t i, size_t *len)
{
	if (i >= c->nf) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	if (len != NULL)
		*len = c->foff[2 * i + 1];
	return c->fbuf + c->foff[2 * i];
}

const size_t *
fe_csv_fields(const ferrum_csv *c, const char **base)
{
	*base = c->fbuf;
	return c->foff;
}

const char *
ferrum_csv_record(const ferrum_csv *c, size_t *len)
{
	if (len != NULL)
		*len = c->nf > 0 ? c->rec_len : 0;
	return c->nf > 0 ? c->in + c->rec : "";
}

long long
ferrum_csv_line(const ferrum_csv *c)
{
	return c->rec_line;
}

const ferrum_error *
ferrum_csv_error(const ferrum_csv *c)
{
	return &c->err;
}

static int
fail(ferrum_csv *c, int code, long long line, long long field, const char *what)
{
	if (field > 0)
		fe_error_line(&c->err, code, line, field, "line %lld: field %lld: %s", line, field,
		              what);
	else
		fe_error_line(&c->err, code, line, -1, "line %lld: %s", line, what);
	c->status = code;
	c->nf = 0;
	return code;
}

static int
too_long(ferrum_csv *c)
{
	char msg[80];

	fe_snprintf(msg, sizeof msg, "record longer than %zu bytes", c->max_record);
	return fail(c, FERRUM_ERANGE, c->rec_line, -1, msg);
}

/* Close the current field: check the text after a closing quote, validate
 * the UTF-8, trim an unquoted field, NUL-terminate and record it. */
static int end_field_any(ferrum_csv *c);

/* 1 for the ASCII white space a field is trimmed of. */
#define ASCII_SPACE(x) ((x) == ' ' || (unsigned)((x) - '\t') < 5u)

/* 1 when the current field is unquoted ASCII and its offsets have room:
 * close_plain() then ends it. */
#define PLAIN_FIELD(c) \
	((c)->state == S_UNQ && !(c)->quoted && !((c)->hi & 0x80) && (c)->nf < (c)->nfcap)

/* End the PLAIN_FIELD whose bytes in fbuf end at @b: trim it, record it,
 * NUL-terminate it.  Returns the new fill of fbuf.  The same as
 * end_field_any() does for such a field. */
static inline size_t
close_plain(ferrum_csv *c, size_t b)
{
	unsigned char *f = (unsigned char *)c->fbuf;
	size_t a = c->fstart;

	while (a < b && ASCII_SPACE(f[a]))
		a++;
	while (b > a && ASCII_SPACE(f[b - 1]))
		b--;
	if (c->nf == 0)
		c->first_quoted = 0;
	c->foff[2 * c->nf] = a;
	c->foff[2 * c->nf + 1] = b - a;
	c->nf++;
	f[b] = '\0';
	c->fstart = b + 1;
	c->hi = 0;
	c->fline = c->line;
	return b + 1;
}

/* Close the current field. */
static int
end_field(ferrum_csv *c)
{
	if (!PLAIN_FIELD(c))
		return end_field_any(c);
	c->flen = close_plain(c, c->flen);
	return FERRUM_OK;
}

static int
end_field_any(ferrum_csv *c)
{
	const unsigned char *s;
	size_t n;

	if (c->state == S_QQ)
		c->qend = c->flen; /* the quote seen last was the closing one */
	if (c->state == S_QQ || c->state == S_AFTER) {
		if (c->flen > c->qend &&
		    !all_space((const unsigned char *)c->fbuf + c->qend, c->flen - c->qend))
			return fail(c, FERRUM_EINPUT, c->line, (long long)c->nf + 1,
			            "text after closing quote");
		c->flen = c->qend;
	}
	s = (const unsigned char *)c->fbuf + c->fstart;
	n = c->flen - c->fstart;
	if ((c->hi & 0x80) && !utf8_valid(s, n))
		return fail(c, FERRUM_EINPUT, c->fline, (long long)c->nf + 1,
		            "invalid UTF-8 (convert the file, for example with iconv -f latin1 "
		            "-t utf-8)");
	if (c->quoted) {
		/* kept as written */
	} else if (c->hi & 0x80) {
		trim(&s, &n);
	} else {
		while (n > 0 && (*s == ' ' || (*s >= '\t' && *s <= '\r'))) {
			s++;
			n--;
		}
		while (n > 0 && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
			n--;
	}
	if (c->nf == c->nfcap) {
		size_t want = c->nfcap ? c->nfcap * 2 : 64;
		size_t *p;

		if (c->nf >= c->max_fields) {
			char msg[80];

			fe_snprintf(msg, sizeof msg, "more than %zu fields", c->max_fields);
			return fail(c, FERRUM_ERANGE, c->rec_line, -1, msg);
		}
		if (want > c->max_fields)
			want = c->max_fields;
		p = fe_alloc_array(want, 2 * sizeof *p);
		if (p == NULL)
			return fail(c, FERRUM_ENOMEM, c->rec_line, -1, "out of memory");
		if (c->nf > 0)
			memcpy(p, c->foff, c->nf * 2 * sizeof *p);
		free(c->foff);
		c->foff = p;
		c->nfcap = want;
	}
	if (c->nf == 0)
		c->first_quoted = c->quoted;
	c->foff[2 * c->nf] = (size_t)((const char *)s - c->fbuf);
	c->foff[2 * c->nf + 1] = n;
	c->nf++;
	c->fbuf[(size_t)((const char *)s - c->fbuf) + n] = '\0';
	c->flen = (size_t)((const char *)s - c->fbuf) + n + 1;
	c->fstart = c->flen;
	c->state = S_UNQ;
	c->quoted = 0;
	c->hi = 0;
	c->fline = c->line;
	return FERRUM_OK;
}

static void
begin_record(ferrum_csv *c)
{
	c->rec = c->pos;
	c->rec_line = c->line;
	c->fline = c->line;
	c->nf = 0;
	c->flen = 0;
	c->fstart = 0;
	c->state = S_UNQ;
	c->quoted = 0;
	c->first_quoted = 0;
	c->hi = 0;
}

/* Close the record whose line end (or the input's end) is at @end. */
static int
end_record(ferrum_csv *c, size_t end)
{
	/* in spaces mode, blanks ending a line do not make a field */
	int blank_tail = c->sep < 0 && !c->quoted && c->nf > 0;
	int rc = end_field(c);

	if (rc != FERRUM_OK)
		return rc;
	if (blank_tail && c->foff[2 * (c->nf - 1) + 1] == 0)
		c->nf--;
	c->rec_len = end - c->rec;
	if (c->rec_len > 0 && c->in[c->rec + c->rec_len - 1] == '\r')
		c->rec_len--;
	if (c->rec_len > c->max_record)
		return too_long(c);
	return 1;
}

/* Scan the bytes at hand.  Returns 1 when a record is complete (c->pos past
 * its line end), 0 when more input is needed, or a negative status. */
static int
scan(ferrum_csv *c)
{
	const unsigned char *p = (const unsigned char *)c->in + c->pos;
	const unsigned char *end = (const unsigned char *)c->in + c->len;
	unsigned char *o;
	size_t room;
	const unsigned char *lim;
	size_t recmax = c->rec + c->max_record + 2;
	/* the split byte; 256 (never a byte) in spaces mode, whose blanks
	 * take the slow path */
	const unsigned d = c->sep < 0 ? 256u : (unsigned)c->sep;
	const int spaces = c->sep < 0;
	const unsigned char *stop_unq = c->stop;
#if FE_CSV_SWAR
	const uint64_t dw = SWAR_BYTES(spaces ? ' ' : d);
#endif
	int rc;

	for (;;) {
		/* Every byte consumed adds at most one byte to fbuf (content or
		 * the NUL that replaces a delimiter); keep two spare for the
		 * NUL of a field the input's end closes. */
		if (c->fcap - c->flen < 3) {
			size_t limit = c->max_record + 8;
			size_t cap = c->fcap ? c->fcap * 2 : 256;
			char *nb;

			if (c->fcap >= limit)
				return too_long(c);
			if (cap > limit)
				cap = limit;
			nb = realloc(c->fbuf, cap);
			if (nb == NULL)
				return fail(c, FERRUM_ENOMEM, c->rec_line, -1, "out of memory");
			c->fbuf = nb;
			c->fcap = cap;
		}
		o = (unsigned char *)c->fbuf + c->flen;
		if (p == end)
			break;
		/* A record may take max_record bytes plus "\r\n".  Stopping at
		 * exactly that byte makes the buffer and the streaming reader
		 * report the same error whatever the chunks. */
		if ((size_t)(p - (const unsigned char *)c->in) >= recmax)
			return too_long(c);
		room = c->fcap - c->flen - 2;
		lim = (size_t)(end - p) > room ? p + room : end;
		if ((size_t)(lim - (const unsigned char *)c->in) > recmax)
			lim = (const unsigned char *)c->in + recmax;

		while (p < lim) {
			unsigned ch;

			switch (c->state) {
			case S_UNQ: {
				unsigned hi = c->hi;

			unq_next:
#if FE_CSV_SWAR
				/* Eight bytes a time while none of them stops the loop:
				 * the bytes that follow a stop are written to fbuf but
				 * not counted, and room covers them (p + 8 <= lim). */
				while (lim - p >= 8) {
					uint64_t w, stop;

					memcpy(&w, p, 8);
					stop = SWAR_ZERO(w) | SWAR_ZERO(w ^ dw) |
					       SWAR_ZERO(w ^ SWAR_BYTES('\n')) |
					       SWAR_ZERO(w ^ SWAR_BYTES('"'));
					if (spaces)
						stop |= SWAR_ZERO(w ^ SWAR_BYTES('\t'));
					memcpy(o, p, 8);
					if (stop != 0) {
						unsigned k = swar_first(stop);

						/* the bytes before the stop, for the high bit */
						if (k > 0 && (w << (64 - 8 * k)) & SWAR_BYTES(0x80))
							hi |= 0x80;
						p += k;
						o += k;
						goto unq_stop;
					}
					hi |= (w & SWAR_BYTES(0x80)) != 0 ? 0x80 : 0;
					p += 8;
					o += 8;
				}
#endif
				while (p < lim && !stop_unq[*p]) {
					hi |= *p;
					*o++ = *p++;
				}
				if (p == lim) {
					c->hi = hi;
					break;
				}
#if FE_CSV_SWAR
			unq_stop:
#endif
				c->hi = hi;
				ch = *p++;
				if (ch == d && PLAIN_FIELD(c)) {
					/* the common case, without a call */
					c->flen = close_plain(c, (size_t)(o - (unsigned char *)c->fbuf));
					o = (unsigned char *)c->fbuf + c->flen;
					if (p < lim) {
						hi = 0;
						goto unq_next;
					}
					continue;
				}
				if (ch == d || ch == '\n') {
					c->flen = (size_t)(o - (unsigned char *)c->fbuf);
					c->pos = (size_t)(p - (const unsigned char *)c->in);
					if (ch == d) {
						rc = end_field(c);
						if (rc != FERRUM_OK)
							return rc;
						o = (unsigned char *)c->fbuf + c->flen;
						continue;
					}
					rc = end_record(c, c->pos - 1);
					c->line++;
					return rc;
				}
				if (ch == 0)
					return fail(c, FERRUM_EINPUT, c->line, (long long)c->nf + 1,
					            "NUL byte");
				if (ch != '"') {
					/* a blank in spaces mode: it ends a field, or
					 * it is more of a run (or leading) */
					if (o == (unsigned char *)c->fbuf + c->fstart) {
						/* leading, or more of a run */
					} else if (PLAIN_FIELD(c)) {
						c->flen = close_plain(c, (size_t)(o - (unsigned char *)c->fbuf));
						o = (unsigned char *)c->fbuf + c->flen;
					} else {
						c->flen = (size_t)(o - (unsigned char *)c->fbuf);
						c->pos = (size_t)(p - (const unsigned char *)c->in);
						rc = end_field(c);
						if (rc != FERRUM_OK)
							return rc;
						o = (unsigned char *)c->fbuf + c->flen;
					}
					break;
				}
				/* '"': it opens a quoted field if only space precedes it */
				{
					const unsigned char *fs = (unsigned char *)c->fbuf + c->fstart;
					size_t n = (size_t)(o - fs);

					if (n == 0 || all_space(fs, n)) {
						o = (unsigned char *)c->fbuf + c->fstart;
						c->quoted = 1;
						c->hi = 0;
						c->fline = c->line;
						c->state = S_Q;
					} else {
						*o++ = '"';
					}
				}
				break;
			}
			case S_Q: {
				unsigned hi = c->hi;

				while (p < lim && !stop_q[*p]) {
					hi |= *p;
					*o++ = *p++;
				}
				c->hi = hi;
				if (p == lim)
					break;
				ch = *p++;
				if (ch == '"') {
					c->state = S_QQ;
				} else if (ch == '\n') {
					*o++ = '\n';
					c->line++;
				} else {
					return fail(c, FERRUM_EINPUT, c->line, (long long)c->nf + 1,
					            "NUL byte");
				}
				break;
			}
			case S_QQ:
				if (*p == '"') {
					*o++ = '"';
					p++;
					c->state = S_Q;
				} else {
					c->qend = (size_t)(o - (unsigned char *)c->fbuf);
					c->state = S_AFTER;
				}
				break;
			default: /* S_AFTER */
				ch = *p;
				if (ch == d || ch == '\n' || (spaces && (ch == ' ' || ch == '\t'))) {
					c->flen = (size_t)(o - (unsigned char *)c->fbuf);
					c->pos = (size_t)(p + 1 - (const unsigned char *)c->in);
					p++;
					if (ch != '\n') {
						rc = end_field(c);
						if (rc != FERRUM_OK)
							return rc;
						o = (unsigned char *)c->fbuf + c->flen;
						continue;
					}
					rc = end_record(c, c->pos - 1);
					c->line++;
					return rc;
				}
				if (ch == 0)
					return fail(c, FERRUM_EINPUT, c->line, (long long)c->nf + 1,
					            "NUL byte");
				*o++ = (unsigned char)ch;
				p++;
				break;
			}
		}
		c->flen = (size_t)(o - (unsigned char *)c->fbuf);
		c->pos = (size_t)(p - (const unsigned char *)c->in);
	}
	c->flen = (size_t)(o - (unsigned char *)c->fbuf);
	c->pos = (size_t)(p - (const unsigned char *)c->in);
	return 0;
}

/* Each '\r' of the @n bytes at @s becomes '\n'. */
static void
cr_to_lf(char *s, size_t n)
{
	char *p = s, *e = s + n;

	while (p < e && (p = memchr(p, '\r', (size_t)(e - p))) != NULL)
		*p++ = '\n';
}

/* Pull more input, keeping the current record contiguous at the front;
 * in cr_lines mode, with each '\r' read as '\n'. */
static int
refill(ferrum_csv *c)
{
	long n;

	if (c->rec > 0) {
		memmove(c->own, c->own + c->rec, c->len - c->rec);
		c->len -= c->rec;
		c->pos -= c->rec;
		c->rec = 0;
	}
	if (c->len == c->cap) {
		size_t limit = c->max_record + 3; /* the record, "\r\n" and one more */
		size_t cap = c->cap ? c->cap * 2 : CHUNK;
		char *nb;

		if (c->cap >= limit)
			return too_long(c);
		if (cap > limit)
			cap = limit;
		nb = realloc(c->own, cap);
		if (nb == NULL)
			return fail(c, FERRUM_ENOMEM, c->rec_line, -1, "out of memory");
		c->own = nb;
		c->in = nb;
		c->cap = cap;
	}
	do {
		errno = 0;
		n = c->read(c->ctx, c->own + c->len, c->cap - c->len);
	} while (n < 0 && errno == EINTR);
	if (n < 0) {
		char msg[128];

		fe_snprintf(msg, sizeof msg, "read error: %s", strerror(errno ? errno : EIO));
		fe_error(&c->err, FERRUM_EIO, "%s", msg);
		c->err.line = c->line;
		c->status = FERRUM_EIO;
		return FERRUM_EIO;
	}
	if ((size_t)n > c->cap - c->len) {
		fe_error(&c->err, FERRUM_EIO, "read callback returned too much");
		c->status = FERRUM_EIO;
		return FERRUM_EIO;
	}
	if (n == 0)
		c->eof = 1;
	else if (c->cr_lines)
		cr_to_lf(c->own + c->len, (size_t)n);
	if (n > 0)
		c->len += (size_t)n;
	return FERRUM_OK;
}

/* Lines that end in a carriage return alone (classic Mac OS; Excel's
 * "CSV (Macintosh)" still writes them) are read as if each '\r' were a
 * '\n', quoted ones included: the first line end at hand decides.  A
 * misjudged "\r\n" file (a lone '\r' in a quoted field of its first line)
 * would read "\n\n", a blank line more per record, which is skipped.
 * Text that starts with a UTF-16 byte order mark is refused. */
static int
line_ends(ferrum_csv *c)
{
	size_t i = c->pos, lim = c->max_record + 3, stop;
	int rc, cr;

	/* Both readers look at the first lim bytes only, as sniff_input(). */
	for (;;) {
		stop = c->len < lim ? c->len : lim;
		while (i < stop && c->in[i] != '\n' && c->in[i] != '\r')
			i++;
		/* the first line end, and the byte after a '\r' */
		if (i + 1 < stop || (i < stop && c->in[i] == '\n'))
			break;
		if (c->len >= lim || c->eof || c->read == NULL)
			break;
		/* (c->rec is 0 here: refill moves nothing) */
		if ((rc = refill(c)) < 0)
			return rc;
	}
	/* a '\r' alone: before another byte, or the input's very last */
	cr = i < stop && c->in[i] == '\r' &&
	     (i + 1 < stop ? c->in[i + 1] != '\n' : i + 1 == c->len && (c->eof || c->read == NULL));
	c->ends_known = 1;
	if (c->len - c->pos >= 2 && ((unsigned char)c->in[c->pos] == 0xFF ||
	                             (unsigned char)c->in[c->pos] == 0xFE) &&
	    (unsigned char)c->in[c->pos + 1] == ((unsigned char)c->in[c->pos] ^ 0x01))
		return fail(c, FERRUM_EINPUT, 1, -1,
		            "UTF-16 text (convert the file, for example with iconv -f utf-16 -t "
		            "utf-8)");
	if (!cr)
		return FERRUM_OK;
	if (c->read == NULL) {
		/* the caller's buffer stays as it is: read a copy */
		char *copy = malloc(c->len > 0 ? c->len : 1);

		if (copy == NULL)
			return fail(c, FERRUM_ENOMEM, 1, -1, "out of memory");
		memcpy(copy, c->in, c->len);
		c->own = copy;
		c->in = copy;
		c->cap = c->len;
	}
	c->cr_lines = 1;
	cr_to_lf(c->own + c->pos, c->len - c->pos);
	return FERRUM_OK;
}

/* 1 if the line at @s (@n bytes of it at hand) is a comment: '#' then a
 * blank, another '#' or the line's end ("# generated by ...", numpy's
 * "# a,b,c"); not "#ff0000" or a header's "#,name". */
static int
comment_line(const unsigned char *s, size_t n)
{
	return n >= 1 && s[0] == '#' &&
	       (n == 1 || s[1] == ' ' || s[1] == '\t' || s[1] == '#' || s[1] == '\n' || s[1] == '\r');
}

void
fe_csv_set_comments(ferrum_csv *c, int on)
{
	c->comments = on != 0;
}

static int sniff_input(ferrum_csv *c);
static void sniff_fields(const unsigned char *s, size_t len, int d, size_t *n, size_t *agree,
                         size_t *total);

#define NO_LINE ((size_t)-1)

/* The end of the line that starts at @i, read in as needed: the offset of
 * its '\n', or c->len when the input ends first.  NO_LINE when it does
 * not end within the first max_record + 3 bytes (both readers look at
 * those only, as sniff_input() does), or on a read error (*@rc). */
static size_t
line_at_hand(ferrum_csv *c, size_t i, int *rc)
{
	size_t lim = c->max_record + 3;

	*rc = FERRUM_OK;
	for (;;) {
		size_t stop = c->len < lim ? c->len : lim;
		const char *nl = i < stop ? memchr(c->in + i, '\n', stop - i) : NULL;

		if (nl != NULL)
			return (size_t)(nl - c->in);
		if (c->len >= lim)
			return NO_LINE;
		if (c->eof || c->read == NULL)
			return c->len;
		/* (c->rec is 0 before the first record: refill moves nothing) */
		if ((*rc = refill(c)) < 0)
			return NO_LINE;
	}
}

/* 1 if the @n bytes at @s are blanks only. */
static int
blank_bytes(const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r'))
		s++, n--;
	return n == 0;
}

/* Skip the comment lines at the start (fe_csv_set_comments).  The last
 * of them is the header instead when, without its '#' and the blanks
 * after it, it has as many fields as the first line below it (numpy's
 * savetxt writes its header so).  The lines are counted; the delimiter
 * is sniffed from the lines below them. */
static int
skip_comments(ferrum_csv *c)
{
	const unsigned char *in;
	size_t i = c->pos, last = 0, hs, de, nh, nd, agree, total;
	long long line = c->line, last_line = 0;
	int found = 0, rc;

	c->comments_done = 1;
	for (;;) {
		/* a line too long to tell is left to the reader, which says so */
		if ((de = line_at_hand(c, i, &rc)) == NO_LINE)
			break;
		if (i >= c->len ||
		    !comment_line((const unsigned char *)c->in + i, de - i + (de < c->len)))
			break;
		found = 1;
		last = i;
		last_line = line;
		i = de < c->len ? de + 1 : c->len;
		line++;
	}
	if (rc < 0)
		return rc;
	if (!found)
		return FERRUM_OK;
	c->pos = i;
	c->line = line;
	if (c->delim == FERRUM_CSV_AUTO && (rc = sniff_input(c)) < 0)
		return rc;
	/* The first line below with more than blanks, whole at hand. */
	for (;;) {
		if ((de = line_at_hand(c, i, &rc)) == NO_LINE)
			return rc; /* too long to tell, or the read error */
		if (de == c->len || !blank_bytes(c->in + i, de - i))
			break;
		i = de + 1;
	}
	in = (const unsigned char *)c->in;
	for (hs = last + 1; hs < c->len && (in[hs] == ' ' || in[hs] == '\t'); hs++)
		;
	sniff_fields(in + hs, c->pos - hs, c->delim, &nh, &agree, &total);
	sniff_fields(in + i, de - i + (de < c->len), c->delim, &nd, &agree, &total);
	if (total == 1 && nh == nd && nd > 1) {
		c->pos = hs;
		c->line = last_line;
	}
	return FERRUM_OK;
}

/* FERRUM_CSV_AUTO: read until FERRUM_CSV_SNIFF_LINES lines are at hand
 * (or the end of the input, or a buffer of max_record bytes), then pick the
 * delimiter from them. */
static int
sniff_input(ferrum_csv *c)
{
	/* the bytes a streaming reader can hold: the buffer reader looks no
	 * further, so that both pick the same */
	size_t lim = c->max_record + 3, scanned = c->pos, end;
	unsigned lines = 0;
	int rc;

	for (;;) {
		size_t stop = c->len < lim ? c->len : lim;
		const char *nl;

		while (lines < FERRUM_CSV_SNIFF_LINES && scanned < stop &&
		       (nl = memchr(c->in + scanned, '\n', stop - scanned)) != NULL) {
			scanned = (size_t)(nl - c->in) + 1;
			lines++;
		}
		if (lines == FERRUM_CSV_SNIFF_LINES || c->eof || c->read == NULL || c->len >= lim)
			break;
		if ((rc = refill(c)) < 0)
			return rc;
	}
	end = lines == FERRUM_CSV_SNIFF_LINES ? scanned : c->len < lim ? c->len : lim;
	set_sep(c, end > c->pos ? ferrum_csv_sniff(c->in + c->pos, end - c->pos) : ',');
	return FERRUM_OK;
}

int
ferrum_csv_next(ferrum_csv *c)
{
	int rc;

	if (c == NULL)
		return FERRUM_EINVAL;
	if (c->status < 0)
		return c->status;
	if (c->done) {
		c->nf = 0;
		return 0;
	}
	/* Decide about a byte order mark as soon as the bytes at hand allow,
	 * so that a short first line typed interactively is not held back. */
	while (!c->started) {
		size_t have = c->len - c->pos;

		if (have >= 3 || c->eof ||
		    (have > 0 && memcmp(c->in + c->pos, "\xEF\xBB\xBF", have) != 0)) {
			if (c->len - c->pos >= 3 && memcmp(c->in + c->pos, "\xEF\xBB\xBF", 3) == 0)
				c->pos += 3;
			c->started = 1;
		} else if ((rc = refill(c)) < 0) {
			return rc;
		}
	}
	if (!c->ends_known && (rc = line_ends(c)) < 0)
		return rc;
	if (c->comments && !c->comments_done && (rc = skip_comments(c)) < 0)
		return rc;
	if (c->delim == FERRUM_CSV_AUTO && (rc = sniff_input(c)) < 0)
		return rc;
	begin_record(c);
	for (;;) {
		rc = scan(c);
		if (rc < 0)
			return rc;
		if (rc == 0 && c->eof) {
			if (c->state == S_Q)
				return fail(c, FERRUM_EINPUT, c->fline, (long long)c->nf + 1,
				            "unterminated quoted field");
			if (c->pos == c->rec) {
				c->done = 1;
				c->nf = 0;
				return 0;
			}
			rc = end_record(c, c->pos);
			if (rc < 0)
				return rc;
		}
		if (rc == 1) {
			/* a line of nothing but white space is blank; so is,
			 * when asked, a comment line further down (one line:
			 * no quote in it opened a field over the line end) */
			if ((c->nf == 1 && c->foff[1] == 0 && !c->first_quoted) ||
			    (c->comments &&
			     comment_line((const unsigned char *)c->in + c->rec, c->rec_len) &&
			     memchr(c->in + c->rec, '\n', c->rec_len) == NULL)) {
				if (c->pos == c->len && c->eof) {
					c->done = 1;
					c->nf = 0;
					return 0;
				}
				begin_record(c);
				continue;
			}
			return 1;
		}
		if (c->read == NULL) {
			c->eof = 1;
			continue;
		}
		rc = refill(c);
		if (rc < 0)
			return rc;
	}
}

/* ---- the delimiter ------------------------------------------------------ */

int
ferrum_csv_set_delimiter(ferrum_csv *c, int delim)
{
	if (c == NULL || c->started || c->status != 0)
		return FERRUM_EINVAL;
	switch (delim) {
	case ',':
	case ';':
	case '\t':
	case '|':
	case FERRUM_CSV_SPACES:
		set_sep(c, delim);
		return FERRUM_OK;
	case FERRUM_CSV_AUTO:
		set_sep(c, ',');
		c->delim = FERRUM_CSV_AUTO;
		return FERRUM_OK;
	default:
		return FERRUM_EINVAL;
	}
}

int
ferrum_csv_delimiter(const ferrum_csv *c)
{
	return c->delim;
}

/* How @d cuts the records of @s (@len bytes, at most
 * FERRUM_CSV_SNIFF_LINES of them): in *@n the most common field count
 * (ties: the larger), in *@agree the records that have it, in *@total the
 * records.  Records end at a '\n' (or a '\r' alone) outside quotes; a
 * quote opens a field only at its start (after blanks); blank lines do
 * not count; a last record without its line end counts only when it is
 * the only one. */
static void
sniff_fields(const unsigned char *s, size_t len, int d, size_t *n, size_t *agree,
             size_t *total)
{
	size_t count[FERRUM_CSV_SNIFF_LINES], nrec = 0, i = 0, a, b;
	int spaces = d == FERRUM_CSV_SPACES;

	while (i < len && nrec < FERRUM_CSV_SNIFF_LINES) {
		size_t nf = 1;
		int q = 0, fstart = 1, blank = 1, ended = 0;

		for (; i < len; i++) {
			unsigned ch = s[i];

			if (q) {
				if (ch == '"') {
					if (i + 1 < len && s[i + 1] == '"')
						i++;
					else
						q = 0;
				}
				continue;
			}
			if (ch == '\n' || (ch == '\r' && (i + 1 == len || s[i + 1] != '\n'))) {
				ended = 1; /* '\r' alone ends a line too (line_ends()) */
				i++;
				break;
			}
			if (spaces ? (ch == ' ' || ch == '\t') : ch == (unsigned)d) {
				if (!spaces || !fstart)
					nf++;
				fstart = 1;
				continue;
			}
			if (ch == ' ' || ch == '\t' || ch == '\r')
				continue;
			blank = 0;
			if (ch == '"' && fstart)
				q = 1;
			fstart = 0;
		}
		if (spaces && fstart && nf > 1)
			nf--; /* blanks ending the line */
		if (!ended && nrec > 0)
			break; /* an unfinished last line */
		if (!blank)
			count[nrec++] = nf;
	}
	*n = 0;
	*agree = 0;
	*total = nrec;
	for (a = 0; a < nrec; a++) {
		size_t same = 0;

		for (b = 0; b < nrec; b++)
			same += count[b] == count[a];
		if (same > *agree || (same == *agree && count[a] > *n)) {
			*agree = same;
			*n = count[a];
		}
	}
}

int
ferrum_csv_sniff(const char *buf, size_t len)
{
	static const int cand[] = { ',', '\t', ';', '|', FERRUM_CSV_SPACES };
	const unsigned char *s = (const unsigned char *)buf;
	size_t best_n = 1, best_agree = 0, k, n, agree, total;
	int best = ',', best_all = 0;

	if (s == NULL)
		return best;
	if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
		len -= 3;
	}
	/* comment lines at the start say nothing of the delimiter */
	while (len > 0 && comment_line(s, len)) {
		const unsigned char *nl = memchr(s, '\n', len);
		size_t skip = nl != NULL ? (size_t)(nl - s) + 1 : len;

		s += skip;
		len -= skip;
	}
	for (k = 0; k < sizeof cand / sizeof cand[0]; k++) {
		int all;

		sniff_fields(s, len, cand[k], &n, &agree, &total);
		all = agree == total;
		/* more than one field, on every line, or else on most lines */
		if (n < 2 || 2 * agree <= total)
			continue;
		if (all > best_all || (all && best_all && n > best_n) ||
		    (!all && !best_all && (agree > best_agree || (agree == best_agree && n > best_n)))) {
			best = cand[k];
			best_n = n;
			best_agree = agree;
			best_all = all;
		}
	}
	return best;
}

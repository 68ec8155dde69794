/* error.c: status codes, error records, checked allocation and the byte buffer.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

const char *
ferrum_version(void)
{
	return FERRUM_VERSION_STRING;
}

const char *
ferrum_strerror(int code)
{
	switch (code) {
	case FERRUM_OK: return "success";
	case FERRUM_ENOMEM: return "out of memory";
	case FERRUM_EIO: return "input/output error";
	case FERRUM_EFORMAT: return "not a valid FINF model";
	case FERRUM_EVERSION: return "unsupported FINF version";
	case FERRUM_ESHAPE: return "dimensions do not agree";
	case FERRUM_EINVAL: return "invalid argument";
	case FERRUM_EINPUT: return "bad input data";
	case FERRUM_ERANGE: return "too large";
	default: return "unknown error";
	}
}

void
ferrum_error_clear(ferrum_error *err)
{
	if (err == NULL)
		return;
	err->code = FERRUM_OK;
	err->offset = -1;
	err->line = -1;
	err->column = -1;
	err->message[0] = '\0';
}

void
ferrum_free(void *p)
{
	free(p);
}

/* ---- formatted text without libc's printf ------------------------------ */

/* Output into a caller's buffer of @cap bytes; @len counts every byte
 * produced, also those that did not fit. */
typedef struct fmt_out {
	char *s;
	size_t cap;
	size_t len;
} fmt_out;

static void
fmt_put(fmt_out *o, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++, o->len++)
		if (o->len + 1 < o->cap)
			o->s[o->len] = p[i];
}

int
fe_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	fmt_out o;

	o.s = buf;
	o.cap = size;
	o.len = 0;
	while (*fmt != '\0') {
		const char *start = fmt, *body;
		char num[24];
		int prec = -1, lng = 0;
		size_t n;

		if (*fmt != '%') {
			for (; *fmt != '\0' && *fmt != '%'; fmt++)
				;
			fmt_put(&o, start, (size_t)(fmt - start));
			continue;
		}
		if (*++fmt == '.') {
			prec = 0;
			if (*++fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			}
			for (; *fmt >= '0' && *fmt <= '9'; fmt++)
				prec = prec * 10 + (*fmt - '0');
		}
		for (;; fmt++) {
			if (*fmt == 'l')
				lng++;
			else if (*fmt == 'z')
				lng = 3;
			else
				break;
		}
		if (*fmt == 'd' || *fmt == 'u') {
			unsigned long long v;
			int neg = 0;
			size_t k = sizeof num;

			if (*fmt == 'd') {
				long long sv = lng == 3 ? (long long)va_arg(ap, ptrdiff_t)
				               : lng == 2 ? va_arg(ap, long long)
				               : lng == 1 ? va_arg(ap, long)
				                          : va_arg(ap, int);

				neg = sv < 0;
				v = neg ? 0ULL - (unsigned long long)sv : (unsigned long long)sv;
			} else {
				v = lng == 3 ? (unsigned long long)va_arg(ap, size_t)
				    : lng == 2 ? va_arg(ap, unsigned long long)
				    : lng == 1 ? va_arg(ap, unsigned long)
				               : va_arg(ap, unsigned);
			}
			do {
				num[--k] = (char)('0' + v % 10);
				v /= 10;
			} while (v > 0);
			if (neg)
				num[--k] = '-';
			body = num + k;
			n = sizeof num - k;
		} else if (*fmt == 's') {
			body = va_arg(ap, const char *);
			for (n = 0; (prec < 0 || n < (size_t)prec) && body[n] != '\0'; n++)
				;
		} else {
			/* %% and anything this does not know (flags, widths, and
			 * floating point, which num.c prints): copied as it stands. */
			if (*fmt == '\0')
				fmt--;
			body = *fmt == '%' ? fmt : start;
			n = (size_t)(fmt + 1 - body);
		}
		fmt++;
		fmt_put(&o, body, n);
	}
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len > INT_MAX ? -1 : (int)o.len;
}

int
fe_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fe_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static int verror(ferrum_error *err, int code, long long offset, long long line,
                  long long column, const char *fmt, va_list ap) FE_PRINTF(6, 0);

static int
verror(ferrum_error *err, int code, long long offset, long long line, long long column,
       const char *fmt, va_list ap)
{
	if (err == NULL)
		return code;
	err->code = code;
	err->offset = offset;
	err->line = line;
	err->column = column;
	fe_vsnprintf(err->message, sizeof err->message, fmt, ap);
	if (err->message[0] == '\0')
		fe_snprintf(err->message, sizeof err->message, "%s", ferrum_strerror(code));
	return code;
}

int
fe_error(ferrum_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(err, code, -1, -1, -1, fmt, ap);
	va_end(ap);
	return code;
}

int
fe_error_at(ferrum_error *err, int code, long long offset, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(err, code, offset, -1, -1, fmt, ap);
	va_end(ap);
	return code;
}

int
fe_error_line(ferrum_error *err, int code, long long line, long long column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror(err, code, -1, line, column, fmt, ap);
	va_end(ap);
	return code;
}

void
fe_error_drop_line(ferrum_error *err)
{
	const char *p;

	if (err == NULL || strncmp(err->message, "line ", 5) != 0)
		return;
	for (p = err->message + 5; *p >= '0' && *p <= '9'; p++)
		;
	if (p[0] == ':' && p[1] == ' ')
		memmove(err->message, p + 2, strlen(p + 2) + 1);
}

int
fe_buf_give(fe_buf *b, char **out, size_t *len)
{
	size_t n = 0;

	*out = fe_buf_take(b, &n);
	if (*out == NULL)
		return FERRUM_ENOMEM;
	if (len != NULL)
		*len = n;
	return FERRUM_OK;
}

int
fe_mul_size(size_t a, size_t b, size_t *out)
{
	if (a != 0 && b > SIZE_MAX / a)
		return -1;
	*out = a * b;
	return 0;
}

int
fe_add_size(size_t a, size_t b, size_t *out)
{
	if (b > SIZE_MAX - a)
		return -1;
	*out = a + b;
	return 0;
}

void *
fe_alloc_array(size_t n, size_t size)
{
	size_t bytes;

	if (fe_mul_size(n, size, &bytes) != 0)
		return NULL;
	return malloc(bytes ? bytes : 1);
}

void *
fe_realloc_array(void *p, size_t n, size_t size)
{
	size_t bytes;

	if (fe_mul_size(n, size, &bytes) != 0)
		return NULL;
	return realloc(p, bytes ? bytes : 1);
}

uint64_t
fe_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211u;
	}
	return h;
}

void *
fe_calloc_array(size_t n, size_t size)
{
	size_t bytes;

	if (fe_mul_size(n, size, &bytes) != 0)
		return NULL;
	return calloc(n ? n : 1, size ? size : 1);
}

char *
fe_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d == NULL)
		return NULL;
	if (n > 0)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

char *
fe_strdup(const char *s)
{
	return fe_strndup(s, strlen(s));
}

void
fe_buf_init(fe_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->failed = 0;
}

void
fe_buf_free(fe_buf *b)
{
	free(b->data);
	fe_buf_init(b);
}

/* Make room for @n more bytes plus a NUL; 0 on success. */
static int
reserve(fe_buf *b, size_t n)
{
	size_t need, cap;
	char *p;

	if (b->failed)
		return -1;
	if (fe_add_size(b->len, n, &need) != 0 || fe_add_size(need, 1, &need) != 0) {
		b->failed = 1;
		return -1;
	}
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	p = realloc(b->data, cap);
	if (p == NULL) {
		b->failed = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

void
fe_buf_add(fe_buf *b, const void *p, size_t n)
{
	if (reserve(b, n) != 0)
		return;
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
fe_buf_puts(fe_buf *b, const char *s)
{
	fe_buf_add(b, s, strlen(s));
}

void
fe_buf_putc(fe_buf *b, char c)
{
	fe_buf_add(b, &c, 1);
}

void
fe_buf_printf(fe_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = fe_vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return;
	}
	if (reserve(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	fe_vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
fe_buf_take(fe_buf *b, size_t *len)
{
	char *d;

	if (b->failed) {
		fe_buf_free(b);
		return NULL;
	}
	if (reserve(b, 0) != 0)
		return NULL;
	d = b->data;
	if (len != NULL)
		*len = b->len;
	fe_buf_init(b);
	return d;
}

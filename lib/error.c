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

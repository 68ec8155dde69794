/* json.c: a strict RFC 8259 reader into a small DOM, and compact writers.
 * SPDX-License-Identifier: MIT
 *
 * Choices where RFC 8259 leaves room (documented in finf(5)):
 * - a \u escape of a lone or misordered surrogate is an error, as is any
 *   byte sequence that is not well-formed UTF-8 (overlong, surrogate,
 *   above U+10FFFF), so every decoded string is valid UTF-8;
 * - duplicate object keys are kept; fe_json_get() returns the first;
 * - nesting deeper than FE_JSON_MAX_DEPTH is an error;
 * - numbers are converted with '.' as the radix whatever the locale. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the reader ---------------------------------------------------------- */

typedef struct parser {
	const unsigned char *s;
	size_t len;
	size_t pos;
	ferrum_error *err;
} parser;

static int
fail(parser *p, size_t at, const char *what)
{
	fe_error_at(p->err, FERRUM_EINPUT, (long long)at, "%s", what);
	if (p->err != NULL)
		p->err->column = (long long)at + 1;
	return FERRUM_EINPUT;
}

static int
nomem(parser *p)
{
	return fe_error(p->err, FERRUM_ENOMEM, "out of memory");
}

static void
skip_ws(parser *p)
{
	while (p->pos < p->len) {
		unsigned char c = p->s[p->pos];

		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static void
free_children(fe_json *v)
{
	size_t i;

	if (v->type == FE_JSON_ARRAY || v->type == FE_JSON_OBJECT) {
		for (i = 0; i < v->n; i++)
			free_children(&v->items[i]);
		if (v->keys != NULL)
			for (i = 0; i < v->n; i++)
				free((char *)v->keys[i]);
		free(v->items);
		free(v->keys);
		free(v->key_lens);
	}
	free((char *)v->text);
}

void
fe_json_free(fe_json *v)
{
	if (v == NULL)
		return;
	free_children(v);
	free(v);
}

/* Length of the well-formed UTF-8 sequence at s[0..n), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t k, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		k = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		k = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		k = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return k;
}

static int
hex4(const unsigned char *s, unsigned long *out)
{
	unsigned long v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned char c = s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned long)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned long)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned long)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void
put_utf8(fe_buf *b, unsigned long cp)
{
	char u[4];

	if (cp < 0x80) {
		u[0] = (char)cp;
		fe_buf_add(b, u, 1);
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		fe_buf_add(b, u, 2);
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		fe_buf_add(b, u, 3);
	} else {
		u[0] = (char)(0xF0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		fe_buf_add(b, u, 4);
	}
}

/* Parse the string starting at the opening quote into a malloc'd decoded
 * copy. */
static int
parse_string(parser *p, char **out, size_t *out_len)
{
	fe_buf b;
	size_t start;

	fe_buf_init(&b);
	p->pos++; /* the opening quote */
	for (;;) {
		unsigned char c;

		if (p->pos >= p->len) {
			fe_buf_free(&b);
			return fail(p, p->pos, "unterminated string");
		}
		c = p->s[p->pos];
		if (c == '"') {
			p->pos++;
			break;
		}
		if (c < 0x20) {
			fe_buf_free(&b);
			return fail(p, p->pos, "control character in string");
		}
		if (c == '\\') {
			unsigned long cp, lo;

			start = p->pos;
			if (p->pos + 1 >= p->len) {
				fe_buf_free(&b);
				return fail(p, p->pos, "unterminated string");
			}
			c = p->s[p->pos + 1];
			p->pos += 2;
			switch (c) {
			case '"': fe_buf_putc(&b, '"'); continue;
			case '\\': fe_buf_putc(&b, '\\'); continue;
			case '/': fe_buf_putc(&b, '/'); continue;
			case 'b': fe_buf_putc(&b, '\b'); continue;
			case 'f': fe_buf_putc(&b, '\f'); continue;
			case 'n': fe_buf_putc(&b, '\n'); continue;
			case 'r': fe_buf_putc(&b, '\r'); continue;
			case 't': fe_buf_putc(&b, '\t'); continue;
			case 'u': break;
			default:
				fe_buf_free(&b);
				return fail(p, start, "bad escape in string");
			}
			if (p->len - p->pos < 4 || hex4(p->s + p->pos, &cp) != 0) {
				fe_buf_free(&b);
				return fail(p, start, "bad \\u escape in string");
			}
			p->pos += 4;
			if (cp >= 0xDC00 && cp <= 0xDFFF) {
				fe_buf_free(&b);
				return fail(p, start, "lone low surrogate in string");
			}
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (p->len - p->pos < 6 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u' ||
				    hex4(p->s + p->pos + 2, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF) {
					fe_buf_free(&b);
					return fail(p, start, "lone high surrogate in string");
				}
				p->pos += 6;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			put_utf8(&b, cp);
			continue;
		}
		{
			size_t k = utf8_len(p->s + p->pos, p->len - p->pos);

			if (k == 0) {
				fe_buf_free(&b);
				return fail(p, p->pos, "invalid UTF-8 in string");
			}
			fe_buf_add(&b, p->s + p->pos, k);
			p->pos += k;
		}
	}
	*out = fe_buf_take(&b, out_len);
	if (*out == NULL)
		return nomem(p);
	return 0;
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

const char *
fe_json_number_end(const char *text, size_t n, size_t *end)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i >= n || !is_digit(s[i]))
		return "bad number";
	if (s[i] == '0') {
		i++;
		if (i < n && is_digit(s[i]))
			return "leading zero in number";
	} else {
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !is_digit(s[i]))
			return "bad number: no digit after '.'";
		while (i < n && is_digit(s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit(s[i]))
			return "bad number: no digit in exponent";
		while (i < n && is_digit(s[i]))
			i++;
	}
	*end = i;
	return NULL;
}

static int
parse_number(parser *p, fe_json *v)
{
	size_t start = p->pos, i;
	const unsigned char *s = p->s;
	char *text;
	const char *why = fe_json_number_end((const char *)s + start, p->len - start, &i);

	if (why != NULL)
		return fail(p, start, why);
	i += start;
	text = fe_strndup((const char *)s + start, i - start);
	if (text == NULL)
		return nomem(p);
	/* RFC 8259's number grammar is a part of ferrum_parse_float()'s. */
	fe_num_parse_double(text, i - start, &v->number);
	v->type = FE_JSON_NUMBER;
	v->text = text;
	v->text_len = i - start;
	p->pos = i;
	return 0;
}

static int parse_value(parser *p, fe_json *v, int depth);

/* Grow *items (and the key arrays for objects) to hold one more. */
static int
grow(fe_json *v, size_t *cap)
{
	size_t nc = *cap ? *cap * 2 : 4;
	fe_json *it;

	if (v->n < *cap)
		return 0;
	if (nc < *cap)
		return -1;
	it = realloc(v->items, nc * sizeof *it);
	if (it == NULL || nc > SIZE_MAX / sizeof *it) {
		if (it != NULL)
			v->items = it;
		return -1;
	}
	v->items = it;
	if (v->type == FE_JSON_OBJECT) {
		const char **k = realloc((void *)v->keys, nc * sizeof *k);
		size_t *kl;

		if (k == NULL)
			return -1;
		v->keys = k;
		kl = realloc(v->key_lens, nc * sizeof *kl);
		if (kl == NULL)
			return -1;
		v->key_lens = kl;
	}
	*cap = nc;
	return 0;
}

static int
parse_container(parser *p, fe_json *v, int depth)
{
	int object = p->s[p->pos] == '{';
	unsigned char close = object ? '}' : ']';
	size_t cap = 0;
	int rc;

	if (depth >= FE_JSON_MAX_DEPTH)
		return fail(p, p->pos, "nested too deeply");
	v->type = object ? FE_JSON_OBJECT : FE_JSON_ARRAY;
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == close) {
		p->pos++;
		return 0;
	}
	for (;;) {
		fe_json *item;

		if (grow(v, &cap) != 0)
			return nomem(p);
		item = &v->items[v->n];
		memset(item, 0, sizeof *item);
		if (object) {
			char *key;
			size_t klen;

			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != '"')
				return fail(p, p->pos, "expected a string key");
			if ((rc = parse_string(p, &key, &klen)) != 0)
				return rc;
			v->keys[v->n] = key;
			v->key_lens[v->n] = klen;
			skip_ws(p);
			if (p->pos >= p->len || p->s[p->pos] != ':') {
				v->n++; /* so that the key is freed */
				return fail(p, p->pos, "expected ':'");
			}
			p->pos++;
		}
		v->n++;
		if ((rc = parse_value(p, item, depth + 1)) != 0)
			return rc;
		skip_ws(p);
		if (p->pos >= p->len)
			return fail(p, p->pos, object ? "expected ',' or '}'" : "expected ',' or ']'");
		if (p->s[p->pos] == close) {
			p->pos++;
			return 0;
		}
		if (p->s[p->pos] != ',')
			return fail(p, p->pos, object ? "expected ',' or '}'" : "expected ',' or ']'");
		p->pos++;
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == close)
			return fail(p, p->pos, "trailing comma");
	}
}

static int
literal(parser *p, const char *word, int type, fe_json *v)
{
	size_t n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return fail(p, p->pos, "unexpected character");
	v->type = type;
	p->pos += n;
	return 0;
}

static int
parse_value(parser *p, fe_json *v, int depth)
{
	unsigned char c;

	skip_ws(p);
	v->offset = p->pos;
	if (p->pos >= p->len)
		return fail(p, p->pos, "unexpected end of document");
	c = p->s[p->pos];
	switch (c) {
	case '{':
	case '[':
		return parse_container(p, v, depth);
	case '"': {
		char *s;
		size_t n;
		int rc = parse_string(p, &s, &n);

		if (rc != 0)
			return rc;
		v->type = FE_JSON_STRING;
		v->text = s;
		v->text_len = n;
		return 0;
	}
	case 't': return literal(p, "true", FE_JSON_TRUE, v);
	case 'f': return literal(p, "false", FE_JSON_FALSE, v);
	case 'n': return literal(p, "null", FE_JSON_NULL, v);
	default:
		if (c == '-' || is_digit(c))
			return parse_number(p, v);
		return fail(p, p->pos, "unexpected character");
	}
}

int
fe_json_parse(const char *text, size_t len, fe_json **out, ferrum_error *err)
{
	parser p;
	fe_json *v;
	int rc;

	*out = NULL;
	v = calloc(1, sizeof *v);
	if (v == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	p.s = (const unsigned char *)text;
	p.len = len;
	p.pos = 0;
	p.err = err;
	/* A byte-order mark is not JSON (RFC 8259 section 8.1 lets us refuse it). */
	rc = parse_value(&p, v, 0);
	if (rc == 0) {
		skip_ws(&p);
		if (p.pos < p.len)
			rc = fail(&p, p.pos, "trailing characters after the document");
	}
	if (rc != 0) {
		fe_json_free(v);
		return rc;
	}
	*out = v;
	return 0;
}

const fe_json *
fe_json_get(const fe_json *obj, const char *key)
{
	size_t i, n;

	if (obj == NULL || obj->type != FE_JSON_OBJECT)
		return NULL;
	n = strlen(key);
	for (i = 0; i < obj->n; i++)
		if (obj->key_lens[i] == n && memcmp(obj->keys[i], key, n) == 0)
			return &obj->items[i];
	return NULL;
}

/* ---- the writers ------------------------------------------------------------ */

/* One escape set for every JSON the library writes: '"' and '\\', the
 * control characters JSON has a short form for (\b \f \n \r \t), every
 * other control character and DEL as \u00XX, all other bytes (UTF-8
 * included) as they are. */
void
fe_json_put_string(fe_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	char esc[8] = "\\u00";

	fe_buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = NULL;

		switch (c) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default:
			if (c < 0x20 || c == 0x7F) {
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 15];
				esc[6] = '\0';
				e = esc;
			}
		}
		if (e == NULL)
			continue;
		fe_buf_add(b, s + run, i - run);
		fe_buf_puts(b, e);
		run = i + 1;
	}
	fe_buf_add(b, s + run, len - run);
	fe_buf_putc(b, '"');
}

void
fe_json_put_cstring(fe_buf *b, const char *s)
{
	if (s != NULL)
		fe_json_put_string(b, s, strlen(s));
	else
		fe_buf_puts(b, "null");
}

void
fe_json_put_value(fe_buf *b, const fe_json *v)
{
	size_t i;

	switch (v->type) {
	case FE_JSON_NULL: fe_buf_puts(b, "null"); break;
	case FE_JSON_TRUE: fe_buf_puts(b, "true"); break;
	case FE_JSON_FALSE: fe_buf_puts(b, "false"); break;
	case FE_JSON_NUMBER:
		if (v->text != NULL)
			fe_buf_add(b, v->text, v->text_len);
		else
			fe_json_put_double(b, v->number);
		break;
	case FE_JSON_STRING: fe_json_put_string(b, v->text, v->text_len); break;
	case FE_JSON_ARRAY:
	case FE_JSON_OBJECT:
		fe_buf_putc(b, v->type == FE_JSON_ARRAY ? '[' : '{');
		for (i = 0; i < v->n; i++) {
			if (i > 0)
				fe_buf_putc(b, ',');
			if (v->type == FE_JSON_OBJECT) {
				fe_json_put_string(b, v->keys[i], v->key_lens[i]);
				fe_buf_putc(b, ':');
			}
			fe_json_put_value(b, &v->items[i]);
		}
		fe_buf_putc(b, v->type == FE_JSON_ARRAY ? ']' : '}');
		break;
	default: fe_buf_puts(b, "null"); break;
	}
}

void
fe_json_put_float(fe_buf *b, float f)
{
	char t[FE_NUM_TEXT_MAX];

	if (!isfinite(f)) {
		fe_buf_puts(b, "null");
		return;
	}
	fe_buf_add(b, t, fe_num_shortest_float(t, f));
}

void
fe_json_put_double(fe_buf *b, double d)
{
	char t[FE_NUM_TEXT_MAX];

	if (!isfinite(d)) {
		fe_buf_puts(b, "null");
		return;
	}
	fe_buf_add(b, t, fe_num_shortest_double(t, d));
}

void
fe_json_put_sep(fe_buf *b)
{
	char c = b->len > 0 ? b->data[b->len - 1] : '{';

	if (c != '{' && c != '[' && c != ',' && c != ':')
		fe_buf_putc(b, ',');
}

void
fe_json_put_key(fe_buf *b, const char *key)
{
	fe_json_put_sep(b);
	fe_json_put_cstring(b, key);
	fe_buf_putc(b, ':');
}

void
fe_json_put_size(fe_buf *b, size_t n)
{
	char t[24];
	size_t i = sizeof t;

	do {
		t[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	fe_buf_add(b, t + i, sizeof t - i);
}

void
fe_json_put_matrix(fe_buf *b, const size_t *m, size_t n)
{
	size_t i, j;

	fe_buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		fe_buf_puts(b, i > 0 ? ",[" : "[");
		for (j = 0; j < n; j++) {
			if (j > 0)
				fe_buf_putc(b, ',');
			fe_json_put_size(b, m[i * n + j]);
		}
		fe_buf_putc(b, ']');
	}
	fe_buf_putc(b, ']');
}

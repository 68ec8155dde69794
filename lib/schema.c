/* schema.c: column kinds and the encoding of raw rows; the "schema" member.
 * SPDX-License-Identifier: MIT
 *
 * A schema is what the default recipe stores beside the network so that
 * the commands take the raw rows it was trained on: which source column
 * gives which inputs, the levels of the categorical ones, the values that
 * fill a numeric gap.  This file holds the object, the encoding of one row
 * and the member's JSON text, written and read back; the kinds are
 * inferred in infer.c. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- the object ------------------------------------------------------------ */

static void
column_free(ferrum_column *c)
{
	size_t k;

	free((void *)c->name);
	free((void *)c->why);
	if (c->levels != NULL)
		for (k = 0; k < c->n_levels; k++)
			free((void *)c->levels[k]);
	free((void *)c->levels);
	free((void *)c->counts);
	free((void *)c->edges);
}

void
ferrum_schema_free(ferrum_schema *s)
{
	size_t j;

	if (s == NULL)
		return;
	for (j = 0; j < s->n_cols && s->cols != NULL; j++)
		column_free(&s->cols[j]);
	free(s->cols);
	fe_na_free(&s->na);
	free(s);
}

/* Copy column @c into @d (zeroed); -1 when out of memory (@d then holds
 * what was copied, for column_free()). */
static int
column_copy(ferrum_column *d, const ferrum_column *c)
{
	char **levels;
	size_t *counts, k;

	*d = *c;
	d->name = NULL;
	d->why = NULL;
	d->levels = NULL;
	d->counts = NULL;
	d->n_levels = 0;
	d->edges = NULL;
	d->n_edges = 0;
	if (c->name != NULL && (d->name = fe_strdup(c->name)) == NULL)
		return -1;
	if (c->why != NULL && (d->why = fe_strdup(c->why)) == NULL)
		return -1;
	if (c->n_edges > 0) {
		float *e = fe_alloc_array(c->n_edges, sizeof *e);

		if (e == NULL)
			return -1;
		memcpy(e, c->edges, c->n_edges * sizeof *e);
		d->edges = e;
		d->n_edges = c->n_edges;
	}
	if (c->n_levels == 0)
		return 0;
	levels = fe_calloc_array(c->n_levels, sizeof *levels);
	if (levels == NULL)
		return -1;
	d->levels = (const char *const *)levels;
	d->n_levels = c->n_levels;
	for (k = 0; k < c->n_levels; k++)
		if ((levels[k] = fe_strdup(c->levels[k])) == NULL)
			return -1;
	if (c->counts != NULL) {
		counts = fe_alloc_array(c->n_levels, sizeof *counts);
		if (counts == NULL)
			return -1;
		memcpy(counts, c->counts, c->n_levels * sizeof *counts);
		d->counts = counts;
	}
	return 0;
}

ferrum_schema *
fe_schema_copy(const ferrum_schema *s)
{
	ferrum_schema *d;
	size_t j;

	if (s == NULL)
		return NULL;
	d = calloc(1, sizeof *d);
	if (d == NULL)
		return NULL;
	d->target = s->target;
	d->header = s->header;
	d->decimal_comma = s->decimal_comma;
	d->n_inputs = s->n_inputs;
	for (j = 0; j < s->na.n; j++) {
		if ((d->na.item[j] = fe_strndup(s->na.item[j], s->na.len[j])) == NULL)
			goto fail;
		d->na.len[j] = s->na.len[j];
		d->na.n = j + 1;
	}
	d->cols = fe_calloc_array(s->n_cols ? s->n_cols : 1, sizeof *d->cols);
	if (d->cols == NULL)
		goto fail;
	for (j = 0; j < s->n_cols; j++) {
		d->n_cols = j + 1;
		if (column_copy(&d->cols[j], &s->cols[j]) != 0)
			goto fail;
	}
	return d;
fail:
	ferrum_schema_free(d);
	return NULL;
}

int
fe_schema_layout(ferrum_schema *s)
{
	size_t j, at = 0;

	for (j = 0; j < s->n_cols; j++) {
		ferrum_column *c = &s->cols[j];
		size_t n = 0;

		switch (c->kind) {
		case FERRUM_COLUMN_NUMERIC:
		case FERRUM_COLUMN_DATE: n = fe_column_n_values(c) + (c->indicator ? 1 : 0); break;
		case FERRUM_COLUMN_CATEGORICAL:
			n = c->n_levels;
			if (c->other > 0 && fe_add_size(n, 1, &n) != 0)
				return FERRUM_ERANGE;
			if (c->missing > 0 && fe_add_size(n, 1, &n) != 0)
				return FERRUM_ERANGE;
			break;
		default: n = 0; break;
		}
		c->input = at;
		c->n_inputs = n;
		if (fe_add_size(at, n, &at) != 0)
			return FERRUM_ERANGE;
	}
	s->n_inputs = at;
	return FERRUM_OK;
}

/* ---- accessors ---------------------------------------------------------------- */

size_t
ferrum_schema_n_columns(const ferrum_schema *s)
{
	return s != NULL ? s->n_cols : 0;
}

size_t
ferrum_schema_target(const ferrum_schema *s)
{
	return s != NULL ? s->target : 0;
}

int
ferrum_schema_header(const ferrum_schema *s)
{
	return s != NULL && s->header;
}

size_t
ferrum_schema_n_inputs(const ferrum_schema *s)
{
	return s != NULL ? s->n_inputs : 0;
}

const ferrum_column *
ferrum_schema_column(const ferrum_schema *s, size_t j)
{
	if (s == NULL || j >= s->n_cols)
		return NULL;
	return &s->cols[j];
}

static const char *const kind_names[] = {"numeric", "categorical", "date", "ignored",
                                         "target"};
#define N_KINDS (sizeof kind_names / sizeof kind_names[0])

const char *
ferrum_column_kind_name(int kind)
{
	if (kind < 0 || (size_t)kind >= N_KINDS)
		return NULL;
	return kind_names[kind];
}

/* ---- dates ------------------------------------------------------------------- */

/* @n digits at @s as a number, or -1. */
static long
digits(const char *s, size_t n)
{
	long v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Days from 1970-01-01 to @y-@m-@d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil, for years 0..9999). */
static long
days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
fe_date_parse(const char *s, size_t len, double *days)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	const char *p = s, *e = s + len;
	long y, mo, d, h = 0, mi = 0, sec = 0, off = 0;
	double frac = 0.0, scale = 0.1;

	if (len < 10 || (s[4] != '-' && s[4] != '/') || s[7] != s[4])
		return -1;
	y = digits(s, 4);
	mo = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] + (mo == 2 && leap(y) ? 1 : 0))
		return -1;
	p += 10;
	if (p < e) {
		if (*p != 'T' && *p != ' ')
			return -1;
		p++;
		if (e - p < 5 || p[2] != ':')
			return -1;
		h = digits(p, 2);
		mi = digits(p + 3, 2);
		if (h < 0 || h > 23 || mi < 0 || mi > 59)
			return -1;
		p += 5;
		if (p < e && *p == ':') {
			if (e - p < 3 || (sec = digits(p + 1, 2)) < 0 || sec > 59)
				return -1;
			p += 3;
			if (p < e && *p == '.') {
				const char *f = ++p;

				for (; p < e && *p >= '0' && *p <= '9'; p++, scale /= 10)
					frac += (*p - '0') * scale;
				if (p == f)
					return -1;
			}
		}
		if (p < e && *p == 'Z') {
			p++;
		} else if (p < e && (*p == '+' || *p == '-')) {
			long oh, om;

			if (e - p != 6 || p[3] != ':')
				return -1;
			oh = digits(p + 1, 2);
			om = digits(p + 4, 2);
			if (oh < 0 || oh > 23 || om < 0 || om > 59)
				return -1;
			off = (oh * 60 + om) * 60;
			if (*p == '-')
				off = -off;
			p += 6;
		}
		if (p != e)
			return -1;
	}
	*days = (double)days_from_civil(y, mo, d) +
	        ((double)(h * 3600 + mi * 60 + sec - off) + frac) / 86400.0;
	return 0;
}

/* ---- feature names ---------------------------------------------------------- */

/* Append the name of input @k of column @c. */
static void
put_input_name(fe_buf *b, const ferrum_column *c, size_t k)
{
	fe_buf_puts(b, c->name);
	if (c->kind != FERRUM_COLUMN_CATEGORICAL) {
		if (k >= fe_column_n_values(c))
			fe_buf_puts(b, "=(missing)");
		else if (c->n_edges > 0)
			fe_buf_printf(b, "~%zu", k + 1);
		return;
	}
	fe_buf_putc(b, '=');
	if (k < c->n_levels)
		fe_buf_puts(b, c->levels[k]);
	else if (k == c->n_levels && c->other > 0)
		fe_buf_puts(b, "(other)");
	else
		fe_buf_puts(b, "(missing)");
}

void
fe_schema_input_name(fe_buf *b, const ferrum_schema *s, size_t i)
{
	size_t j;

	/* Columns without inputs may hold any c->input: look only at the
	 * others. */
	for (j = 0; j < s->n_cols; j++) {
		const ferrum_column *c = &s->cols[j];

		if (c->n_inputs > 0 && i >= c->input && i - c->input < c->n_inputs) {
			put_input_name(b, c, i - c->input);
			return;
		}
	}
}

/* ---- encoding a row ---------------------------------------------------------- */

size_t
fe_column_n_values(const ferrum_column *c)
{
	return c->n_edges >= 2 ? c->n_edges - 1 : 1;
}

/* In double, rounded once to float: the page (web/ferrum.js) computes the
 * same numbers in JavaScript's doubles and stores them as float32. */
void
fe_column_values(const ferrum_column *c, float v, float *o)
{
	size_t t, n = c->n_edges;

	if (n < 2) {
		o[0] = v;
		return;
	}
	for (t = 1; t < n; t++) {
		double lo = c->edges[t - 1], hi = c->edges[t];
		double d = ((double)v - lo) / (hi - lo);

		if (t > 1 && d < 0.0)
			d = 0.0;
		if (t < n - 1 && d > 1.0)
			d = 1.0;
		o[t - 1] = (float)d;
	}
}

/* Bytes of a cell or a name shown in a message. */
#define SHOW 40

static int
not_a(ferrum_error *err, const ferrum_column *c, size_t j, const char *cell, size_t len,
      const char *what)
{
	return fe_error(err, FERRUM_EINPUT,
	                "column '%.*s' (%zu): '%.*s'%s is not a %s; the model reads a %s "
	                "there (an empty cell is a missing value)",
	                SHOW, c->name, j + 1, (int)(len > SHOW ? SHOW : len), cell,
	                len > SHOW ? "..." : "", what, what);
}

/* Byte order of NUL-terminated @a against @b (@n bytes). */
static int
cmp_text(const char *a, const char *b, size_t n)
{
	size_t la = strlen(a);
	int r = memcmp(a, b, la < n ? la : n);

	if (r != 0)
		return r;
	return la < n ? -1 : la > n;
}

/* The level of @c that the cell @cell (@len bytes) is, or n_levels. */
static size_t
find_level(const ferrum_column *c, const char *cell, size_t len)
{
	size_t lo = 0, hi = c->n_levels;
	double v = 0.0, l;

	if (c->codes && fe_num_parse_double(cell, len, &v) != FERRUM_OK)
		return c->n_levels;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int r;

		if (c->codes) {
			const char *t = c->levels[mid];

			if (fe_num_parse_double(t, strlen(t), &l) != FERRUM_OK)
				return c->n_levels;
			r = l < v ? -1 : l > v;
		} else {
			r = cmp_text(c->levels[mid], cell, len);
		}
		if (r == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return c->n_levels;
}

/* A finite value of the numeric or date column @c, or an error. */
static int
value_of(const ferrum_column *c, size_t j, const char *cell, size_t len, float *out,
         ferrum_error *err)
{
	double d;
	float f;

	if (c->kind == FERRUM_COLUMN_DATE) {
		if (fe_date_parse(cell, len, &d) != 0)
			return not_a(err, c, j, cell, len, "date");
		f = (float)d;
	} else if (!fe_num_fast_float(cell, len, &f) &&
	           fe_num_parse_float(cell, len, &f) != FERRUM_OK) {
		return not_a(err, c, j, cell, len, "number");
	}
	if (!isfinite(f))
		return not_a(err, c, j, cell, len, "number");
	*out = f;
	return FERRUM_OK;
}

int
fe_schema_encode(const ferrum_schema *s, const char *const *cells, const size_t *lens,
                 unsigned flags, float *x, unsigned *unfamiliar, ferrum_error *err)
{
	unsigned u = 0;
	size_t j;
	int rc;

	for (j = 0; j < s->n_cols; j++) {
		const ferrum_column *c = &s->cols[j];
		const char *cell = cells[j];
		size_t len, k, nv;
		float *o = x + c->input, v = 0.0f;

		if (c->n_inputs == 0)
			continue;
		if (cell == NULL)
			return fe_error(err, FERRUM_EINPUT, "missing column '%.*s'", SHOW, c->name);
		len = lens[j];
		for (k = 0; k < c->n_inputs; k++)
			o[k] = 0.0f;
		if (c->kind == FERRUM_COLUMN_CATEGORICAL) {
			if (fe_na_match(&s->na, cell, len)) {
				if (c->missing > 0)
					o[c->n_inputs - 1] = 1.0f;
				else
					u |= FE_UNFAMILIAR_GAP;
				continue;
			}
			k = find_level(c, cell, len);
			if (k < c->n_levels) {
				o[k] = 1.0f;
				continue;
			}
			u |= FE_UNFAMILIAR_LEVEL;
			if (c->other > 0)
				o[c->n_levels] = 1.0f;
			continue;
		}
		/* numeric or date: nv value inputs, then the indicator */
		nv = fe_column_n_values(c);
		if (fe_na_match(&s->na, cell, len)) {
			if (flags & FE_ENCODE_NAN)
				for (k = 0; k < nv; k++)
					o[k] = NAN;
			else
				fe_column_values(c, c->median, o);
			if (c->indicator && c->n_inputs > nv)
				o[nv] = 1.0f;
			else
				u |= FE_UNFAMILIAR_GAP;
			continue;
		}
		if ((rc = value_of(c, j, cell, len, &v, err)) != FERRUM_OK)
			return rc;
		fe_column_values(c, v, o);
		if (isfinite(c->min) && isfinite(c->max)) {
			double w = (double)c->max - (double)c->min;

			if ((double)v < (double)c->min - w || (double)v > (double)c->max + w)
				u |= FE_UNFAMILIAR_RANGE;
		}
	}
	if (unfamiliar != NULL)
		*unfamiliar = u;
	return FERRUM_OK;
}

/* ---- the member's JSON ------------------------------------------------------- */

void
fe_schema_write(fe_buf *b, const ferrum_schema *s)
{
	size_t j, k;

	fe_buf_puts(b, "{\"version\":1,\"header\":");
	fe_buf_puts(b, s->header ? "true" : "false");
	/* Only when set: every other model keeps its bytes. */
	if (s->decimal_comma)
		fe_buf_puts(b, ",\"decimal\":\",\"");
	fe_buf_puts(b, ",\"na\":[");
	for (k = 0; k < s->na.n; k++) {
		if (k > 0)
			fe_buf_putc(b, ',');
		fe_json_put_string(b, s->na.item[k], s->na.len[k]);
	}
	fe_buf_puts(b, "],\"columns\":[");
	for (j = 0; j < s->n_cols; j++) {
		const ferrum_column *c = &s->cols[j];
		const char *kind = ferrum_column_kind_name(c->kind);

		fe_buf_puts(b, j > 0 ? ",{\"name\":" : "{\"name\":");
		fe_json_put_cstring(b, c->name != NULL ? c->name : "");
		fe_buf_puts(b, ",\"kind\":");
		fe_json_put_cstring(b, kind != NULL ? kind : "ignored");
		switch (c->kind) {
		case FERRUM_COLUMN_NUMERIC:
		case FERRUM_COLUMN_DATE:
			fe_buf_puts(b, ",\"median\":");
			fe_json_put_float(b, c->median);
			fe_buf_puts(b, ",\"min\":");
			fe_json_put_float(b, c->min);
			fe_buf_puts(b, ",\"max\":");
			fe_json_put_float(b, c->max);
			break;
		case FERRUM_COLUMN_CATEGORICAL:
			if (c->codes)
				fe_buf_puts(b, ",\"codes\":true");
			fe_buf_puts(b, ",\"levels\":[");
			for (k = 0; k < c->n_levels; k++) {
				if (k > 0)
					fe_buf_putc(b, ',');
				fe_json_put_cstring(b, c->levels[k]);
			}
			fe_buf_puts(b, "],\"counts\":[");
			for (k = 0; k < c->n_levels; k++) {
				if (k > 0)
					fe_buf_putc(b, ',');
				fe_json_put_size(b, c->counts != NULL ? c->counts[k] : 0);
			}
			fe_buf_putc(b, ']');
			if (c->other > 0) {
				fe_buf_puts(b, ",\"other\":");
				fe_json_put_size(b, c->other);
			}
			break;
		case FERRUM_COLUMN_IGNORED:
			if (c->why != NULL) {
				fe_buf_puts(b, ",\"why\":");
				fe_json_put_cstring(b, c->why);
			}
			break;
		default: break;
		}
		if ((c->kind == FERRUM_COLUMN_NUMERIC || c->kind == FERRUM_COLUMN_DATE ||
		     c->kind == FERRUM_COLUMN_CATEGORICAL) &&
		    c->missing > 0) {
			fe_buf_puts(b, ",\"missing\":");
			fe_json_put_size(b, c->missing);
		}
		if ((c->kind == FERRUM_COLUMN_NUMERIC || c->kind == FERRUM_COLUMN_DATE) &&
		    c->indicator)
			fe_buf_puts(b, ",\"indicator\":true");
		if ((c->kind == FERRUM_COLUMN_NUMERIC || c->kind == FERRUM_COLUMN_DATE) &&
		    c->n_edges > 0) {
			fe_buf_puts(b, ",\"encode\":{\"kind\":\"ple\",\"edges\":[");
			for (k = 0; k < c->n_edges; k++) {
				if (k > 0)
					fe_buf_putc(b, ',');
				fe_json_put_float(b, c->edges[k]);
			}
			fe_buf_puts(b, "]}");
		}
		fe_buf_putc(b, '}');
	}
	fe_buf_puts(b, "]}");
}

int
ferrum_schema_json(const ferrum_schema *s, char **json, size_t *len)
{
	fe_buf b;

	if (json == NULL)
		return FERRUM_EINVAL;
	*json = NULL;
	if (s == NULL)
		return FERRUM_EINVAL;
	fe_buf_init(&b);
	fe_schema_write(&b, s);
	return fe_buf_give(&b, json, len);
}

/* ---- reading the member back --------------------------------------------------- */

/* Bytes of a name shown in a parser's message. */
#define SHOW_NAME 40

/* The index of @key in @allowed (@n), or -1. */
static int
key_index(const char *key, size_t len, const char *const *allowed, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (strlen(allowed[i]) == len && memcmp(allowed[i], key, len) == 0)
			return i;
	return -1;
}

/* Every member of @obj is one of @allowed (at most 16), each at most
 * once; else an error about @what. */
static int
check_keys(const fe_json *obj, const char *const *allowed, int n, const char *what,
           ferrum_error *err)
{
	unsigned seen = 0;
	size_t i;

	for (i = 0; i < obj->n; i++) {
		const char *k = obj->keys[i];
		size_t kl = obj->key_lens[i];
		int x = key_index(k, kl, allowed, n);

		if (x < 0)
			return fe_error(err, FERRUM_EFORMAT, "schema: %s: unknown key \"%.*s\"", what,
			                SHOW_NAME, memchr(k, '\0', kl) != NULL ? "(with NUL)" : k);
		if (seen & (1u << x))
			return fe_error(err, FERRUM_EFORMAT, "schema: %s: \"%s\" appears twice", what,
			                allowed[x]);
		seen |= 1u << x;
	}
	return FERRUM_OK;
}

/* A string without NUL, copied; NULL with *@rc set otherwise. */
static char *
get_text(const fe_json *v, int *rc)
{
	char *t;

	if (v->type != FE_JSON_STRING || memchr(v->text, '\0', v->text_len) != NULL) {
		*rc = FERRUM_EFORMAT;
		return NULL;
	}
	t = fe_strndup(v->text, v->text_len);
	*rc = t != NULL ? FERRUM_OK : FERRUM_ENOMEM;
	return t;
}

/* A whole number in size_t from JSON (digits only). */
static int
get_count(const fe_json *v, size_t *out)
{
	size_t i, x = 0;

	if (v->type != FE_JSON_NUMBER || v->text == NULL || v->text_len == 0)
		return -1;
	for (i = 0; i < v->text_len; i++) {
		unsigned d = (unsigned)(v->text[i] - '0');

		if (d > 9 || fe_mul_size(x, 10, &x) != 0 || fe_add_size(x, d, &x) != 0)
			return -1;
	}
	*out = x;
	return 0;
}

/* A finite float from a JSON number. */
static int
get_float(const fe_json *v, float *out)
{
	float f;

	if (v->type != FE_JSON_NUMBER || v->text == NULL ||
	    fe_num_parse_float(v->text, v->text_len, &f) != FERRUM_OK || !isfinite(f))
		return -1;
	*out = f;
	return 0;
}

static int
get_bool(const fe_json *v, int *out)
{
	if (v->type != FE_JSON_TRUE && v->type != FE_JSON_FALSE)
		return -1;
	*out = v->type == FE_JSON_TRUE;
	return 0;
}

/* The error of column @j (0-based): "schema: column 3 ('Sex'): WHY". */
static int
col_error(ferrum_error *err, size_t j, const char *name, const char *why)
{
	if (name == NULL)
		return fe_error(err, FERRUM_EFORMAT, "schema: column %zu: %s", j + 1, why);
	return fe_error(err, FERRUM_EFORMAT, "schema: column %zu ('%.*s'): %s", j + 1, SHOW_NAME,
	                name, why);
}

static const char *const col_keys[] = {"name",  "kind",   "why",     "median",
                                       "min",   "max",    "missing", "indicator",
                                       "codes", "levels", "counts",  "other",
                                       "encode"};
enum { K_NAME, K_KIND, K_WHY, K_MEDIAN, K_MIN, K_MAX, K_MISSING, K_INDICATOR, K_CODES,
       K_LEVELS, K_COUNTS, K_OTHER, K_ENCODE, N_COL_KEYS };

/* The keys each kind may have (bits of the K_ numbers). */
static unsigned
kind_keys(int kind)
{
	unsigned base = 1u << K_NAME | 1u << K_KIND;

	switch (kind) {
	case FERRUM_COLUMN_NUMERIC:
	case FERRUM_COLUMN_DATE:
		return base | 1u << K_MEDIAN | 1u << K_MIN | 1u << K_MAX | 1u << K_MISSING |
		       1u << K_INDICATOR | 1u << K_ENCODE;
	case FERRUM_COLUMN_CATEGORICAL:
		return base | 1u << K_CODES | 1u << K_LEVELS | 1u << K_COUNTS | 1u << K_OTHER |
		       1u << K_MISSING;
	case FERRUM_COLUMN_IGNORED: return base | 1u << K_WHY;
	default: return base;
	}
}

/* The levels and counts of categorical column @c from @lv and @cv. */
static int
parse_levels(ferrum_column *c, size_t j, const fe_json *lv, const fe_json *cv,
             ferrum_error *err)
{
	char **levels;
	size_t *counts, k;
	double prev = 0.0, d;
	int rc;

	if (lv == NULL || lv->type != FE_JSON_ARRAY)
		return col_error(err, j, c->name, "\"levels\" is not an array of strings");
	if (cv == NULL || cv->type != FE_JSON_ARRAY || cv->n != lv->n)
		return col_error(err, j, c->name, "\"counts\" is not one count per level");
	if (lv->n == 0)
		return FERRUM_OK;
	/* Both arrays exist in the parsed document: their lengths are
	 * bounded by its size. */
	levels = fe_calloc_array(lv->n, sizeof *levels);
	if (levels == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	c->levels = (const char *const *)levels;
	c->n_levels = lv->n;
	counts = fe_calloc_array(lv->n, sizeof *counts);
	if (counts == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	c->counts = counts;
	for (k = 0; k < lv->n; k++) {
		levels[k] = get_text(&lv->items[k], &rc);
		if (rc == FERRUM_ENOMEM)
			return fe_error(err, rc, "out of memory");
		if (rc != FERRUM_OK)
			return col_error(err, j, c->name, "\"levels\" is not an array of strings");
		if (get_count(&cv->items[k], &counts[k]) != 0)
			return col_error(err, j, c->name, "\"counts\" holds something not a count");
		if (c->codes) {
			char t[FE_NUM_TEXT_MAX];
			size_t tl;

			if (fe_num_parse_double(levels[k], strlen(levels[k]), &d) != FERRUM_OK ||
			    !isfinite(d))
				return col_error(err, j, c->name, "a level of codes is not a number");
			tl = fe_num_shortest_double(t, d);
			if (tl != strlen(levels[k]) || memcmp(t, levels[k], tl) != 0)
				return col_error(err, j, c->name,
				                 "a level of codes is not in its shortest form");
			if (k > 0 && !(prev < d))
				return col_error(err, j, c->name, "levels are not in numeric order");
			prev = d;
		} else if (k > 0 && strcmp(levels[k - 1], levels[k]) >= 0) {
			return col_error(err, j, c->name, "levels are not in byte order");
		}
	}
	return FERRUM_OK;
}

static const char *const encode_keys[] = {"kind", "edges"};

/* The "encode" member @v of numeric or date column @c: a piecewise-linear
 * encoding's edges, at least 2, at most FERRUM_ENCODE_MAX_BINS + 1, finite
 * floats in increasing order. */
static int
parse_encode(ferrum_column *c, size_t j, const fe_json *v, ferrum_error *err)
{
	const fe_json *kind, *ev;
	float *e;
	size_t k;
	int rc;

	if (v->type != FE_JSON_OBJECT)
		return col_error(err, j, c->name, "\"encode\" is not a JSON object");
	if ((rc = check_keys(v, encode_keys, 2, "an encoding", err)) != FERRUM_OK)
		return rc;
	kind = fe_json_get(v, "kind");
	ev = fe_json_get(v, "edges");
	if (kind == NULL || kind->type != FE_JSON_STRING || kind->text_len != 3 ||
	    memcmp(kind->text, "ple", 3) != 0)
		return col_error(err, j, c->name, "\"encode\" is not of kind \"ple\"");
	if (ev == NULL || ev->type != FE_JSON_ARRAY || ev->n < 2 ||
	    ev->n > FERRUM_ENCODE_MAX_BINS + 1)
		return fe_error(err, FERRUM_EFORMAT,
		                "schema: column %zu ('%.*s'): \"edges\" is not a list of 2 to %d "
		                "numbers",
		                j + 1, SHOW_NAME, c->name, FERRUM_ENCODE_MAX_BINS + 1);
	e = fe_alloc_array(ev->n, sizeof *e);
	if (e == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	c->edges = e;
	c->n_edges = ev->n;
	for (k = 0; k < ev->n; k++) {
		if (get_float(&ev->items[k], &e[k]) != 0)
			return col_error(err, j, c->name, "\"edges\" holds something not a finite number");
		if (k > 0 && !(e[k - 1] < e[k]))
			return col_error(err, j, c->name, "\"edges\" are not increasing");
	}
	return FERRUM_OK;
}

/* Column @j from the object @v into @c (zeroed). */
static int
parse_column(const fe_json *v, size_t j, ferrum_column *c, ferrum_error *err)
{
	const fe_json *m[N_COL_KEYS];
	unsigned allowed;
	size_t i;
	int rc, kind;

	c->median = c->min = c->max = NAN;
	if (v->type != FE_JSON_OBJECT)
		return col_error(err, j, NULL, "not a JSON object");
	if ((rc = check_keys(v, col_keys, N_COL_KEYS, "a column", err)) != FERRUM_OK)
		return rc;
	for (i = 0; i < N_COL_KEYS; i++)
		m[i] = fe_json_get(v, col_keys[i]);
	if (m[K_NAME] == NULL)
		return col_error(err, j, NULL, "no \"name\"");
	c->name = get_text(m[K_NAME], &rc);
	if (rc == FERRUM_ENOMEM)
		return fe_error(err, rc, "out of memory");
	if (rc != FERRUM_OK || c->name[0] == '\0')
		return col_error(err, j, NULL, "\"name\" is not a non-empty string");
	if (m[K_KIND] == NULL || m[K_KIND]->type != FE_JSON_STRING)
		return col_error(err, j, c->name, "\"kind\" is not a string");
	for (kind = 0; kind < (int)N_KINDS; kind++)
		if (strlen(kind_names[kind]) == m[K_KIND]->text_len &&
		    memcmp(kind_names[kind], m[K_KIND]->text, m[K_KIND]->text_len) == 0)
			break;
	if (kind == (int)N_KINDS)
		return col_error(err, j, c->name, "unknown \"kind\"");
	c->kind = kind;
	allowed = kind_keys(kind);
	for (i = 0; i < N_COL_KEYS; i++)
		if (m[i] != NULL && !(allowed & (1u << i)))
			return fe_error(err, FERRUM_EFORMAT,
			                "schema: column %zu ('%.*s'): \"%s\" does not go with kind "
			                "\"%s\"",
			                j + 1, SHOW_NAME, c->name, col_keys[i], kind_names[kind]);
	if (m[K_WHY] != NULL) {
		c->why = get_text(m[K_WHY], &rc);
		if (rc == FERRUM_ENOMEM)
			return fe_error(err, rc, "out of memory");
		if (rc != FERRUM_OK)
			return col_error(err, j, c->name, "\"why\" is not a string");
	}
	if (m[K_MISSING] != NULL && get_count(m[K_MISSING], &c->missing) != 0)
		return col_error(err, j, c->name, "\"missing\" is not a count");
	if (m[K_OTHER] != NULL && get_count(m[K_OTHER], &c->other) != 0)
		return col_error(err, j, c->name, "\"other\" is not a count");
	if (m[K_INDICATOR] != NULL && get_bool(m[K_INDICATOR], &c->indicator) != 0)
		return col_error(err, j, c->name, "\"indicator\" is not true or false");
	if (m[K_CODES] != NULL && get_bool(m[K_CODES], &c->codes) != 0)
		return col_error(err, j, c->name, "\"codes\" is not true or false");
	if (kind == FERRUM_COLUMN_NUMERIC || kind == FERRUM_COLUMN_DATE) {
		if (m[K_MEDIAN] == NULL || get_float(m[K_MEDIAN], &c->median) != 0)
			return col_error(err, j, c->name, "\"median\" is not a finite number");
		if (m[K_MIN] == NULL || get_float(m[K_MIN], &c->min) != 0)
			return col_error(err, j, c->name, "\"min\" is not a finite number");
		if (m[K_MAX] == NULL || get_float(m[K_MAX], &c->max) != 0)
			return col_error(err, j, c->name, "\"max\" is not a finite number");
		if (c->min > c->max)
			return col_error(err, j, c->name, "\"min\" is above \"max\"");
		if (m[K_ENCODE] != NULL && (rc = parse_encode(c, j, m[K_ENCODE], err)) != FERRUM_OK)
			return rc;
	}
	if (kind == FERRUM_COLUMN_CATEGORICAL)
		return parse_levels(c, j, m[K_LEVELS], m[K_COUNTS], err);
	return FERRUM_OK;
}

static int
cmp_names(const void *a, const void *b)
{
	const ferrum_column *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/* No two columns share a name (sorted, so a hostile count stays cheap). */
static int
check_unique(const ferrum_schema *s, ferrum_error *err)
{
	const ferrum_column **v = fe_alloc_array(s->n_cols, sizeof *v);
	size_t j;
	int rc = FERRUM_OK;

	if (v == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (j = 0; j < s->n_cols; j++)
		v[j] = &s->cols[j];
	qsort(v, s->n_cols, sizeof *v, cmp_names);
	for (j = 1; j < s->n_cols && rc == FERRUM_OK; j++)
		if (strcmp(v[j - 1]->name, v[j]->name) == 0)
			rc = fe_error(err, FERRUM_EFORMAT, "schema: two columns are named '%.*s'",
			              SHOW_NAME, v[j]->name);
	free(v);
	return rc;
}

/* 1 if @feat is @name (@nl bytes), or NAME=SUFFIX when @suffix is not
 * NULL.  Lengths first: the work is bounded by the feature names' size. */
static int
name_is(const char *feat, const char *name, size_t nl, const char *suffix)
{
	size_t fl = strlen(feat), sl;

	if (suffix == NULL)
		return fl == nl && memcmp(feat, name, nl) == 0;
	sl = strlen(suffix);
	if (fl <= nl || fl - nl - 1 != sl)
		return 0;
	return memcmp(feat, name, nl) == 0 && feat[nl] == '=' && memcmp(feat + nl + 1, suffix, sl) == 0;
}

/* The inputs the columns derive are @names (@n), in order. */
static int
check_features(const ferrum_schema *s, char *const *names, size_t n, ferrum_error *err)
{
	size_t j, k;

	if (s->n_inputs != n)
		return fe_error(err, FERRUM_EFORMAT,
		                "schema: the columns give %zu inputs but the model has %zu features",
		                s->n_inputs, n);
	for (j = 0; j < s->n_cols; j++) {
		const ferrum_column *c = &s->cols[j];
		size_t nl = strlen(c->name);

		for (k = 0; k < c->n_inputs; k++) {
			const char *suffix = NULL, *f = names[c->input + k];

			int ok;

			if (c->kind == FERRUM_COLUMN_CATEGORICAL)
				suffix = k < c->n_levels ? c->levels[k]
				         : k == c->n_levels && c->other > 0 ? "(other)"
				                                            : "(missing)";
			else if (k >= fe_column_n_values(c))
				suffix = "(missing)";
			if (suffix == NULL && c->n_edges > 0) {
				char t[32];

				fe_snprintf(t, sizeof t, "~%zu", k + 1);
				ok = f != NULL && strncmp(f, c->name, nl) == 0 && strcmp(f + nl, t) == 0;
			} else {
				ok = f != NULL && name_is(f, c->name, nl, suffix);
			}
			if (!ok)
				return fe_error(err, FERRUM_EFORMAT,
				                "schema: feature %zu ('%.*s') is not what column %zu "
				                "('%.*s') gives",
				                c->input + k + 1, SHOW_NAME, f != NULL ? f : "", j + 1,
				                SHOW_NAME, c->name);
		}
	}
	return FERRUM_OK;
}

static const char *const top_keys[] = {"version", "header", "decimal", "na", "columns"};

int
fe_schema_parse(const fe_json *v, char *const *feature_names, size_t n, ferrum_schema **out,
                ferrum_error *err)
{
	const fe_json *ver, *hdr, *dec, *na, *cols;
	ferrum_schema *s = NULL;
	size_t j, targets = 0;
	int rc;

	*out = NULL;
	if (v == NULL || v->type != FE_JSON_OBJECT)
		return fe_error(err, FERRUM_EFORMAT, "schema: not a JSON object");
	if ((rc = check_keys(v, top_keys, 5, "the member", err)) != FERRUM_OK)
		return rc;
	ver = fe_json_get(v, "version");
	hdr = fe_json_get(v, "header");
	dec = fe_json_get(v, "decimal");
	na = fe_json_get(v, "na");
	cols = fe_json_get(v, "columns");
	if (ver == NULL || ver->type != FE_JSON_NUMBER || ver->text == NULL || ver->text_len != 1 ||
	    ver->text[0] != '1')
		return fe_error(err, FERRUM_EFORMAT, "schema: \"version\" is not 1");
	if (cols == NULL || cols->type != FE_JSON_ARRAY || cols->n == 0)
		return fe_error(err, FERRUM_EFORMAT, "schema: \"columns\" is not a list of columns");
	if (na != NULL && (na->type != FE_JSON_ARRAY || na->n > FE_NA_MAX))
		return fe_error(err, FERRUM_EFORMAT,
		                "schema: \"na\" is not a list of at most %d markers", FE_NA_MAX);
	s = calloc(1, sizeof *s);
	if (s == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	if (hdr != NULL && get_bool(hdr, &s->header) != 0) {
		rc = fe_error(err, FERRUM_EFORMAT, "schema: \"header\" is not true or false");
		goto fail;
	}
	if (dec != NULL) {
		if (dec->type != FE_JSON_STRING || dec->text_len != 1 ||
		    (dec->text[0] != ',' && dec->text[0] != '.')) {
			rc = fe_error(err, FERRUM_EFORMAT, "schema: \"decimal\" is not \",\" or \".\"");
			goto fail;
		}
		s->decimal_comma = dec->text[0] == ',';
	}
	for (j = 0; na != NULL && j < na->n; j++) {
		s->na.item[j] = get_text(&na->items[j], &rc);
		if (rc == FERRUM_ENOMEM) {
			rc = fe_error(err, rc, "out of memory");
			goto fail;
		}
		if (rc != FERRUM_OK || na->items[j].text_len == 0) {
			free(s->na.item[j]);
			rc = fe_error(err, FERRUM_EFORMAT,
			              "schema: \"na\" holds something not a non-empty string");
			goto fail;
		}
		s->na.len[j] = na->items[j].text_len;
		s->na.n = j + 1;
	}
	/* The columns exist in the parsed document: their count is bounded
	 * by its size. */
	s->cols = fe_calloc_array(cols->n, sizeof *s->cols);
	if (s->cols == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto fail;
	}
	for (j = 0; j < cols->n; j++) {
		s->n_cols = j + 1;
		if ((rc = parse_column(&cols->items[j], j, &s->cols[j], err)) != FERRUM_OK)
			goto fail;
		if (s->cols[j].kind == FERRUM_COLUMN_TARGET) {
			s->target = j;
			targets++;
		}
	}
	if (targets != 1) {
		rc = fe_error(err, FERRUM_EFORMAT, "schema: %s target column",
		              targets == 0 ? "no" : "more than one");
		goto fail;
	}
	if ((rc = check_unique(s, err)) != FERRUM_OK)
		goto fail;
	if (fe_schema_layout(s) != FERRUM_OK) {
		rc = fe_error(err, FERRUM_EFORMAT, "schema: too many inputs");
		goto fail;
	}
	if ((rc = check_features(s, feature_names, n, err)) != FERRUM_OK)
		goto fail;
	*out = s;
	return FERRUM_OK;
fail:
	ferrum_schema_free(s);
	return rc;
}

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
	if (c->name != NULL && (d->name = fe_strdup(c->name)) == NULL)
		return -1;
	if (c->why != NULL && (d->why = fe_strdup(c->why)) == NULL)
		return -1;
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
		case FERRUM_COLUMN_DATE: n = c->indicator ? 2 : 1; break;
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

	if (len < 10 || s[4] != '-' || s[7] != '-')
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
		if (k > 0)
			fe_buf_puts(b, "=(missing)");
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

/* Bytes of a cell or a name shown in a message. */
#define SHOW 40

static int
not_a(ferrum_error *err, const ferrum_column *c, size_t j, const char *cell, size_t len,
      const char *what)
{
	return fe_error(err, FERRUM_EINPUT,
	                "column '%.*s' (%zu): '%.*s'%s is not a %s; mark missing values with "
	                "--na or ignore the column with -x",
	                SHOW, c->name, j + 1, (int)(len > SHOW ? SHOW : len), cell,
	                len > SHOW ? "..." : "", what);
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
		size_t len, k;
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
		/* numeric or date */
		if (fe_na_match(&s->na, cell, len)) {
			o[0] = (flags & FE_ENCODE_NAN) ? NAN : c->median;
			if (c->indicator && c->n_inputs > 1)
				o[1] = 1.0f;
			else
				u |= FE_UNFAMILIAR_GAP;
			continue;
		}
		if ((rc = value_of(c, j, cell, len, &v, err)) != FERRUM_OK)
			return rc;
		o[0] = v;
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

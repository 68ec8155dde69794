/* describe.c: a summary of every column of a CSV (finf-stats --describe),
 * computed once here so that the terminal and the browser show the same.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct column {
	ferrum_column_summary s; /* what the accessors hand out */
	char *name;
	fe_buf text;             /* the values present, each NUL-terminated */
	size_t *at;              /* where each value starts in text */
	double *num;             /* their numbers, while every one is a number */
	size_t cap;              /* entries allocated in at and num */
	int numeric;             /* every value so far is a finite number */
} column;

struct ferrum_summary {
	size_t n_columns;
	size_t n_rows;
	column *cols;
};

void
ferrum_summary_free(ferrum_summary *s)
{
	size_t j;

	if (s == NULL)
		return;
	for (j = 0; j < s->n_columns; j++) {
		free(s->cols[j].name);
		fe_buf_free(&s->cols[j].text);
		free(s->cols[j].at);
		free(s->cols[j].num);
	}
	free(s->cols);
	free(s);
}

size_t
ferrum_summary_n_columns(const ferrum_summary *s)
{
	return s->n_columns;
}

size_t
ferrum_summary_n_rows(const ferrum_summary *s)
{
	return s->n_rows;
}

const ferrum_column_summary *
ferrum_summary_column(const ferrum_summary *s, size_t j)
{
	return j < s->n_columns ? &s->cols[j].s : NULL;
}

/* ---- reading ---------------------------------------------------------- */

/* The first record: the column names, and whether it is a header (the
 * rule of ferrum_table_read(): its last field is not a number). */
static int
start(ferrum_summary *s, const ferrum_csv *csv, int *header)
{
	size_t j, n = ferrum_csv_nfields(csv), len;
	const char *last = ferrum_csv_field(csv, n - 1, &len);

	*header = !ferrum_is_number(last, len);
	s->cols = fe_calloc_array(n, sizeof *s->cols);
	if (s->cols == NULL)
		return FERRUM_ENOMEM;
	s->n_columns = n;
	for (j = 0; j < n; j++) {
		column *c = &s->cols[j];
		char t[32];

		fe_buf_init(&c->text);
		c->numeric = 1;
		if (*header) {
			c->name = fe_strdup(ferrum_csv_field(csv, j, NULL));
		} else {
			fe_snprintf(t, sizeof t, "column_%zu", j + 1);
			c->name = fe_strdup(t);
		}
		if (c->name == NULL)
			return FERRUM_ENOMEM;
	}
	return FERRUM_OK;
}

/* Keep one value present of column @c. */
static int
add_value(column *c, const char *f, size_t len)
{
	size_t n = c->s.count;
	double d;

	if (n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		size_t *at;

		/* A double is the widest entry: no size below overflows. */
		if (cap > (size_t)-1 / sizeof(double) / 2)
			return FERRUM_ENOMEM;
		at = realloc(c->at, cap * sizeof *at);
		if (at == NULL)
			return FERRUM_ENOMEM;
		c->at = at;
		if (c->numeric) {
			double *num = realloc(c->num, cap * sizeof *num);

			if (num == NULL)
				return FERRUM_ENOMEM;
			c->num = num;
		}
		c->cap = cap;
	}
	c->at[n] = c->text.len;
	fe_buf_add(&c->text, f, len);
	fe_buf_putc(&c->text, '\0');
	if (c->text.failed)
		return FERRUM_ENOMEM;
	if (c->numeric) {
		if (!ferrum_is_number(f, len))
			c->numeric = 0;
		else if (fe_num_parse_double(f, len, &d) != 0)
			return FERRUM_ENOMEM;
		else if (!isfinite(d))
			c->numeric = 0; /* "inf", "nan", "1e999" */
		else
			c->num[n] = d;
		if (!c->numeric) {
			free(c->num);
			c->num = NULL;
		}
	}
	c->s.count = n + 1;
	return FERRUM_OK;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Linear interpolation between order statistics (the usual "type 7"). */
static double
quantile(const double *v, size_t n, double q)
{
	double h = (double)(n - 1) * q, f = floor(h), d;
	size_t i = (size_t)f;

	if (i + 1 >= n)
		return v[n - 1];
	d = v[i + 1] - v[i];
	/* Far apart values (-1e308 and 1e308) have no finite difference:
	 * weigh them instead, which stays between them. */
	if (!isfinite(d))
		return v[i] * (1.0 - (h - f)) + v[i + 1] * (h - f);
	return v[i] + (h - f) * d;
}

/* The numbers of a column whose values are all numbers: sums in double in
 * input order, then order statistics. */
static void
finish_numeric(column *c)
{
	ferrum_column_summary *s = &c->s;
	double sum = 0.0, ss = 0.0, q[5];
	size_t i, n = s->count;

	for (i = 0; i < n; i++)
		sum += c->num[i];
	s->mean = sum / (double)n;
	for (i = 0; i < n; i++)
		ss += (c->num[i] - s->mean) * (c->num[i] - s->mean);
	s->std = sqrt(ss / (double)n);
	qsort(c->num, n, sizeof *c->num, cmp_double);
	for (i = 0; i < 5; i++)
		q[i] = quantile(c->num, n, (double)i / 4.0);
	s->min = q[0];
	s->q1 = q[1];
	s->median = q[2];
	s->q3 = q[3];
	s->max = q[4];
	for (i = 0; i < n; i++)
		if (i == 0 || c->num[i] != c->num[i - 1])
			s->distinct++;
}

/* The distinct texts of a column and its most frequent one (on a tie the
 * first in byte order). */
static int
finish_text(column *c)
{
	ferrum_column_summary *s = &c->s;
	size_t i, n = s->count, run = 0;
	char **v = fe_alloc_array(n, sizeof *v);

	if (v == NULL)
		return FERRUM_ENOMEM;
	for (i = 0; i < n; i++)
		v[i] = c->text.data + c->at[i];
	qsort(v, n, sizeof *v, cmp_str);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i], v[i - 1]) != 0) {
			s->distinct++;
			run = 0;
		}
		run++;
		if (run > s->top_count) {
			s->top_count = run;
			s->top = v[i];
		}
	}
	free(v);
	return FERRUM_OK;
}

static int
finish(column *c)
{
	ferrum_column_summary *s = &c->s;
	int rc = FERRUM_OK;

	s->name = c->name;
	s->numeric = c->numeric && s->count > 0;
	s->mean = s->std = NAN;
	s->min = s->q1 = s->median = s->q3 = s->max = NAN;
	if (s->numeric)
		finish_numeric(c);
	else if (s->count > 0)
		rc = finish_text(c);
	/* What the summary no longer needs: a categorical column keeps its
	 * text for top. */
	free(c->at);
	c->at = NULL;
	free(c->num);
	c->num = NULL;
	if (s->numeric)
		fe_buf_free(&c->text);
	return rc;
}

int
ferrum_summary_read(ferrum_csv *csv, ferrum_summary **out, ferrum_error *err)
{
	ferrum_summary *s = calloc(1, sizeof *s);
	size_t j, nf, len;
	int rc, header;

	*out = NULL;
	ferrum_error_clear(err);
	if (s == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	while ((rc = ferrum_csv_next(csv)) == 1) {
		nf = ferrum_csv_nfields(csv);
		if (s->cols == NULL) {
			rc = start(s, csv, &header);
			if (rc != FERRUM_OK)
				goto fail;
			if (header)
				continue;
		}
		if (nf != s->n_columns) {
			rc = fe_error_line(err, FERRUM_EINPUT, ferrum_csv_line(csv), -1,
			                   "expected %zu fields, got %zu", s->n_columns, nf);
			goto fail;
		}
		for (j = 0; j < nf; j++) {
			column *c = &s->cols[j];
			const char *f = ferrum_csv_field(csv, j, &len);

			if (ferrum_is_missing(f, len))
				c->s.missing++;
			else if ((rc = add_value(c, f, len)) != FERRUM_OK)
				goto fail;
		}
		s->n_rows++;
	}
	if (rc < 0) {
		if (err != NULL) {
			*err = *ferrum_csv_error(csv);
			fe_error_drop_line(err);
		}
		goto fail;
	}
	if (s->cols == NULL) {
		rc = fe_error(err, FERRUM_EINPUT, "empty input");
		goto fail;
	}
	for (j = 0; j < s->n_columns; j++)
		if ((rc = finish(&s->cols[j])) != FERRUM_OK)
			goto fail;
	*out = s;
	return FERRUM_OK;
fail:
	if (rc == FERRUM_ENOMEM)
		fe_error(err, rc, "out of memory");
	ferrum_summary_free(s);
	return rc;
}

/* ---- writing ---------------------------------------------------------- */

int
ferrum_summary_json(const ferrum_summary *s, char **json, size_t *len)
{
	static const char *const key[5] = {"min", "q1", "median", "q3", "max"};
	size_t j, i;
	fe_buf b;

	fe_buf_init(&b);
	for (j = 0; j < s->n_columns; j++) {
		const ferrum_column_summary *c = &s->cols[j].s;
		double q[5];

		q[0] = c->min;
		q[1] = c->q1;
		q[2] = c->median;
		q[3] = c->q3;
		q[4] = c->max;
		fe_buf_puts(&b, "{\"column\":");
		fe_json_put_string(&b, c->name, strlen(c->name));
		fe_buf_printf(&b, ",\"kind\":\"%s\",\"count\":%zu,\"missing\":%zu,\"mean\":",
		              c->numeric ? "numeric" : "categorical", c->count, c->missing);
		fe_json_put_double(&b, c->mean);
		fe_buf_puts(&b, ",\"std\":");
		fe_json_put_double(&b, c->std);
		for (i = 0; i < 5; i++) {
			fe_buf_printf(&b, ",\"%s\":", key[i]);
			fe_json_put_double(&b, q[i]);
		}
		fe_buf_printf(&b, ",\"distinct\":%zu,\"top\":", c->distinct);
		if (c->top != NULL)
			fe_json_put_string(&b, c->top, strlen(c->top));
		else
			fe_buf_puts(&b, "null");
		fe_buf_printf(&b, ",\"top_count\":%zu}\n", c->top_count);
	}
	return fe_buf_give(&b, json, len);
}

/* Append "  @key " and @d as "%.6g". */
static void
put_g(fe_buf *b, const char *key, double d)
{
	fe_buf_puts(b, "  ");
	fe_buf_puts(b, key);
	fe_buf_putc(b, ' ');
	fe_num_put_g(b, d, 6);
}

int
ferrum_summary_text(const ferrum_summary *s, int flags, char **text, size_t *len)
{
	int color = (flags & FERRUM_TEXT_COLOR) != 0;
	size_t j;
	fe_buf b;

	fe_buf_init(&b);
	fe_buf_printf(&b, "%zu columns, %zu rows\n", s->n_columns, s->n_rows);
	for (j = 0; j < s->n_columns; j++) {
		const ferrum_column_summary *c = &s->cols[j].s;

		fe_buf_printf(&b, "\n%s%s%s (%s): count %zu, missing %zu, distinct %zu\n",
		              color ? "\033[1m" : "", c->name, color ? "\033[0m" : "",
		              c->numeric ? "numeric" : "categorical", c->count, c->missing,
		              c->distinct);
		if (c->numeric) {
			put_g(&b, "mean", c->mean);
			put_g(&b, "std", c->std);
			fe_buf_putc(&b, '\n');
			put_g(&b, "min", c->min);
			put_g(&b, "q1", c->q1);
			put_g(&b, "median", c->median);
			put_g(&b, "q3", c->q3);
			put_g(&b, "max", c->max);
			fe_buf_putc(&b, '\n');
		} else if (c->top != NULL) {
			fe_buf_printf(&b, "  most frequent: %s (%zu)\n", c->top, c->top_count);
		}
	}
	return fe_buf_give(&b, text, len);
}

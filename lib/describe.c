/* describe.c: a summary of every column of a CSV (finf-stats --describe),
 * computed once here so that the terminal and the browser show the same.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct column {
	ferrum_column_summary s; /* what the accessors hand out */
	const char **val;        /* the values present (in the frame's text) */
	double *num;             /* their numbers, while every one is a number */
	int numeric;             /* every value so far is a finite number */
} column;

struct ferrum_summary {
	size_t n_columns;
	size_t n_rows;
	column *cols;
	fe_frame frame;          /* the cells, which names and top point into */
};

void
ferrum_summary_free(ferrum_summary *s)
{
	size_t j;

	if (s == NULL)
		return;
	for (j = 0; j < s->n_columns; j++) {
		free(s->cols[j].val);
		free(s->cols[j].num);
	}
	free(s->cols);
	fe_frame_free(&s->frame);
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

/* Column @j of the frame: its values present, their numbers. */
static int
add_column(column *c, const fe_frame *f, size_t j, const fe_na *na)
{
	size_t i, len, n = 0;
	double d;

	c->s.name = f->names[j];
	c->numeric = 1;
	c->val = fe_alloc_array(f->n_rows ? f->n_rows : 1, sizeof *c->val);
	c->num = fe_alloc_array(f->n_rows ? f->n_rows : 1, sizeof *c->num);
	if (c->val == NULL || c->num == NULL)
		return FERRUM_ENOMEM;
	for (i = 0; i < f->n_rows; i++) {
		const char *v = fe_frame_cell(f, i, j, &len);

		if (fe_na_match(na, v, len)) {
			c->s.missing++;
			continue;
		}
		c->val[n] = v;
		if (c->numeric) {
			if (!ferrum_is_number(v, len))
				c->numeric = 0;
			else if (fe_num_parse_double(v, len, &d) != 0)
				return FERRUM_ENOMEM;
			else if (!isfinite(d))
				c->numeric = 0; /* "inf", "1e999" */
			else
				c->num[n] = d;
		}
		n++;
	}
	c->s.count = n;
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
		v[i] = (char *)c->val[i];
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

	s->numeric = c->numeric && s->count > 0;
	s->mean = s->std = NAN;
	s->min = s->q1 = s->median = s->q3 = s->max = NAN;
	if (s->numeric)
		finish_numeric(c);
	else if (s->count > 0)
		rc = finish_text(c);
	free(c->val);
	c->val = NULL;
	free(c->num);
	c->num = NULL;
	return rc;
}

int
ferrum_summary_read(ferrum_csv *csv, ferrum_summary **out, ferrum_error *err)
{
	ferrum_summary *s = calloc(1, sizeof *s);
	fe_na na;
	size_t j;
	int rc;

	*out = NULL;
	ferrum_error_clear(err);
	if (s == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	fe_frame_init(&s->frame);
	if ((rc = fe_na_init(&na, NULL, err)) != FERRUM_OK) {
		free(s);
		return rc;
	}
	rc = fe_frame_read_csv(csv, -1, &na, &s->frame, err);
	if (rc != FERRUM_OK) {
		fe_error_drop_line(err);
		goto fail;
	}
	s->n_rows = s->frame.n_rows;
	s->cols = fe_calloc_array(s->frame.n_cols, sizeof *s->cols);
	if (s->cols == NULL) {
		rc = FERRUM_ENOMEM;
		goto fail;
	}
	s->n_columns = s->frame.n_cols;
	for (j = 0; j < s->n_columns; j++) {
		if ((rc = add_column(&s->cols[j], &s->frame, j, &na)) != FERRUM_OK ||
		    (rc = finish(&s->cols[j])) != FERRUM_OK)
			goto fail;
	}
	fe_na_free(&na);
	*out = s;
	return FERRUM_OK;
fail:
	if (rc == FERRUM_ENOMEM)
		fe_error(err, rc, "out of memory");
	fe_na_free(&na);
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

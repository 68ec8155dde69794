/* table.c: a data set in memory: encoded inputs, the target, the classes.
 * SPDX-License-Identifier: MIT
 *
 * Two ways in: the original engine's rules (strict_ferrum: every field a
 * number, read straight from the CSV records), and the real-table rules,
 * which read a text frame (frame.c), infer the columns' kinds (infer.c)
 * and encode every row through that schema (schema.c), leaving NaN where
 * a numeric gap waits for the median of the rows a fit trains on
 * (fit.c). */
#include "ferrum-internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ferrum_table {
	size_t n_rows;
	size_t n_features;
	size_t target_col;     /* 0-based column of the target in the file */
	int has_header;
	int task;              /* enum ferrum_task */
	char **feature_names;  /* n_features */
	char *target_name;     /* "" without a header */
	size_t n_classes;      /* 0 for regression */
	char **class_names;    /* n_classes, first-appearance order */
	size_t *class_counts;  /* n_classes */
	float *x;              /* n_rows x n_features */
	float *y;              /* n_rows regression targets, or NULL */
	uint32_t *labels;      /* n_rows class indices, or NULL */
	long long *lines;      /* n_rows input lines */
	/* Real tables (NULL / 0 under the original's rules): */
	ferrum_schema *schema; /* the columns' kinds and the inputs */
	unsigned char *gap;    /* n_features: 1 if some row has NaN there */
	size_t n_skipped;      /* rows left out: their target is missing */
};


/* The original strips every leading and trailing '"' (Rust trim_matches). */
static void
strip_quotes(const char **s, size_t *n)
{
	while (*n > 0 && (*s)[0] == '"') {
		(*s)++;
		(*n)--;
	}
	while (*n > 0 && (*s)[*n - 1] == '"')
		(*n)--;
}

/* A field's text for a message, shortened so that the message fits. */
static void
quote_field(char *out, size_t cap, const char *s, size_t n)
{
	if (n > 40)
		fe_snprintf(out, cap, "%.37s...", s);
	else
		fe_snprintf(out, cap, "%.*s", (int)n, s);
}

void
ferrum_table_options_init(ferrum_table_options *o)
{
	if (o == NULL)
		return;
	o->target = NULL;
	o->task = -1;
	o->strict_ferrum = 0;
	o->header = -1;
	o->ignore = NULL;
	o->categorical = NULL;
	o->na = NULL;
	o->max_levels = FERRUM_MAX_LEVELS;
}

void
ferrum_table_free(ferrum_table *t)
{
	size_t i;

	if (t == NULL)
		return;
	if (t->feature_names != NULL)
		for (i = 0; i < t->n_features; i++)
			free(t->feature_names[i]);
	free(t->feature_names);
	free(t->target_name);
	if (t->class_names != NULL)
		for (i = 0; i < t->n_classes; i++)
			free(t->class_names[i]);
	free(t->class_names);
	free(t->class_counts);
	free(t->x);
	free(t->y);
	free(t->labels);
	free(t->lines);
	ferrum_schema_free(t->schema);
	free(t->gap);
	free(t);
}

/* The header's fields, '"'-stripped, kept until the column count is known. */
typedef struct header {
	size_t n;
	char **name;
} header;

static void
header_free(header *h)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		free(h->name[i]);
	free(h->name);
	h->n = 0;
	h->name = NULL;
}

static int
header_take(header *h, const ferrum_csv *csv)
{
	size_t i, n = ferrum_csv_nfields(csv);

	h->name = fe_calloc_array(n, sizeof *h->name);
	if (h->name == NULL)
		return FERRUM_ENOMEM;
	h->n = n;
	for (i = 0; i < n; i++) {
		size_t len;
		const char *s = ferrum_csv_field(csv, i, &len);

		strip_quotes(&s, &len);
		h->name[i] = fe_strndup(s, len);
		if (h->name[i] == NULL)
			return FERRUM_ENOMEM;
	}
	return FERRUM_OK;
}

/* Resolve the target column among @ncols: one of the @n_names header
 * names first, then a 1-based number; the last column when NULL. */
static int
find_target(const char *target, char *const *names, size_t n_names, size_t ncols, size_t *col,
            ferrum_error *err)
{
	size_t i, k = 0;
	const char *p;

	if (target == NULL) {
		*col = ncols - 1;
		return FERRUM_OK;
	}
	for (i = 0; i < n_names; i++)
		if (strcmp(names[i], target) == 0) {
			*col = i;
			return FERRUM_OK;
		}
	for (p = target; *p >= '0' && *p <= '9'; p++)
		k = k > ncols ? k : k * 10 + (size_t)(*p - '0');
	if (*p == '\0' && p != target) {
		if (k >= 1 && k <= ncols) {
			*col = k - 1;
			return FERRUM_OK;
		}
		return fe_error(err, FERRUM_EINVAL, "target column %s out of range 1-%zu", target,
		                ncols);
	}
	if (n_names == 0)
		return fe_error(err, FERRUM_EINVAL,
		                "no header: name the target column '%s' by its number", target);
	return fe_error(err, FERRUM_EINVAL, "no column named '%s'", target);
}

/* 1 if column @j of @f has no header name (it is named by its number)
 * and no value. */
static int
unnamed_and_empty(const fe_frame *f, size_t j)
{
	char num[32];
	size_t i, len;

	fe_snprintf(num, sizeof num, "%zu", j + 1);
	if (f->has_header && strcmp(f->names[j], num) != 0)
		return 0;
	for (i = 0; i < f->n_rows; i++) {
		fe_frame_cell(f, i, j, &len);
		if (len > 0)
			return 0;
	}
	return 1;
}

/* The growing state of ferrum_table_read. */
typedef struct reader {
	ferrum_table *t;
	size_t ncols;         /* fields per data row */
	size_t rows_cap;      /* capacity (rows) of x, lines, lab */
	size_t *lab;          /* label index per row */
	fe_tset l;
} reader;

static int
add_row(reader *r, const ferrum_csv *csv, ferrum_error *err)
{
	ferrum_table *t = r->t;
	long long line = ferrum_csv_line(csv);
	size_t j, k, i = t->n_rows, len;
	const char *s;
	float *row;
	char shown[48];

	if (i == r->rows_cap) {
		size_t cap = r->rows_cap ? r->rows_cap * 2 : 256, w;

		if (cap < i || fe_mul_size(cap, t->n_features, &w) != 0)
			return fe_error(err, FERRUM_ERANGE, "too many rows");
		long long *ln;
		size_t *lab;
		float *x;

		if ((ln = fe_realloc_array(t->lines, cap, sizeof *ln)) == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		t->lines = ln;
		if ((lab = fe_realloc_array(r->lab, cap, sizeof *lab)) == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		r->lab = lab;
		if ((x = fe_realloc_array(t->x, w, sizeof *x)) == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		t->x = x;
		r->rows_cap = cap;
	}
	row = t->x + i * t->n_features;
	for (j = 0, k = 0; j < r->ncols; j++) {
		float v;

		if (j == t->target_col)
			continue;
		s = ferrum_csv_field(csv, j, &len);
		if (ferrum_is_missing(s, len))
			return fe_error_line(err, FERRUM_EINPUT, line, (long long)j + 1,
			                     "line %lld: field %zu: missing value", line, j + 1);
		if (ferrum_parse_float(s, len, &v) != FERRUM_OK) {
			quote_field(shown, sizeof shown, s, len);
			return fe_error_line(err, FERRUM_EINPUT, line, (long long)j + 1,
			                     "line %lld: field %zu: '%s' is not a number", line, j + 1,
			                     shown);
		}
		if (!isfinite(v)) {
			quote_field(shown, sizeof shown, s, len);
			return fe_error_line(err, FERRUM_EINPUT, line, (long long)j + 1,
			                     "line %lld: field %zu: '%s' is not a finite number", line,
			                     j + 1, shown);
		}
		row[k++] = v;
	}
	s = ferrum_csv_field(csv, t->target_col, &len);
	if (ferrum_is_missing(s, len))
		return fe_error_line(err, FERRUM_EINPUT, line, (long long)t->target_col + 1,
		                     "line %lld: field %zu: missing value", line, t->target_col + 1);
	strip_quotes(&s, &len);
	r->lab[i] = fe_tset_add(&r->l, s, len);
	if (r->lab[i] == (size_t)-1)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	t->lines[i] = line;
	t->n_rows++;
	return FERRUM_OK;
}

/* A class target names a label only if its values repeat: more than
 * FE_LABEL_MAX_FREE classes, more than half of them on a single row, is a
 * free-text column (names, versions, descriptions).  Trained, it would
 * cost minutes and learn nothing; refused, it costs the reading. */
#define FE_LABEL_MAX_FREE 20

static int
check_label(const ferrum_table *t, const fe_tset *l, int numeric, ferrum_error *err)
{
	size_t k, single = 0;
	char shown[48], col[72];

	if (l->n <= FE_LABEL_MAX_FREE)
		return FERRUM_OK;
	for (k = 0; k < l->n; k++)
		single += l->count[k] == 1;
	if (single <= l->n / 2)
		return FERRUM_OK;
	quote_field(shown, sizeof shown, t->target_name, strlen(t->target_name));
	if (shown[0] != '\0')
		fe_snprintf(col, sizeof col, "'%s' (column %zu)", shown, t->target_col + 1);
	else
		fe_snprintf(col, sizeof col, "column %zu", t->target_col + 1);
	return fe_error_line(err, FERRUM_EINPUT, -1, (long long)t->target_col + 1,
	                "target %s has %zu classes in %zu rows, %zu of them on a single row: "
	                "not a label to learn from; choose another with --target%s",
	                col, l->n, t->n_rows, single, numeric ? " or --task=regression" : "");
}

/* 1 if the number @s (@len bytes) has a fractional part. */
static int
fractional(const char *s, size_t len)
{
	double v;

	return fe_num_parse_double(s, len, &v) == FERRUM_OK && isfinite(v) && v != floor(v);
}

/* Set the task and build the targets or the class list.  The original's
 * rule: regression when every label is a number and there are more
 * distinct labels than the threshold; with @real (the real-table rules)
 * also when any label has a fractional part, which no class number has. */
static int
finish(reader *r, int task, int real, ferrum_error *err)
{
	ferrum_table *t = r->t;
	fe_tset *l = &r->l;
	size_t i, k, threshold;
	int numeric = 1, frac = 0, rc;
	char shown[48];

	for (k = 0; k < l->n && numeric; k++) {
		numeric = ferrum_is_number(l->text.data + l->off[k], l->len[k]);
		frac |= real && numeric && fractional(l->text.data + l->off[k], l->len[k]);
	}
	threshold = t->n_rows > 50 ? 15 : t->n_rows / 3;
	if (task < 0)
		task = numeric && (l->n > threshold || frac) ? FERRUM_TASK_REGRESSION
		                                             : FERRUM_TASK_CLASSIFICATION;
	t->task = task;
	if (task == FERRUM_TASK_REGRESSION) {
		float *v = fe_alloc_array(l->n, sizeof *v);
		int constant = 1;

		if (v == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		for (k = 0; k < l->n; k++)
			if (ferrum_parse_float(l->text.data + l->off[k], l->len[k], &v[k]) != FERRUM_OK)
				v[k] = NAN;
		t->y = fe_alloc_array(t->n_rows, sizeof *t->y);
		if (t->y == NULL) {
			free(v);
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		}
		for (i = 0; i < t->n_rows; i++) {
			float y = v[r->lab[i]];

			if (!isfinite(y)) {
				const char *s = l->text.data + l->off[r->lab[i]];

				quote_field(shown, sizeof shown, s, l->len[r->lab[i]]);
				free(v);
				if (t->schema != NULL)
					return fe_error_line(
						err, FERRUM_EINPUT, t->lines[i],
						(long long)t->target_col + 1,
						"column '%s' (%zu): line %lld: target '%s' is not %s; "
						"choose another with --target or --task",
						t->schema->cols[t->target_col].name,
						t->target_col + 1, t->lines[i], shown,
						ferrum_is_number(s, strlen(s)) ? "a finite number"
						                               : "a number");
				return fe_error_line(err, FERRUM_EINPUT, t->lines[i],
				                     (long long)t->target_col + 1,
				                     "line %lld: field %zu: target '%s' is not %s",
				                     t->lines[i], t->target_col + 1, shown,
				                     ferrum_is_number(s, strlen(s)) ? "a finite number"
				                                                    : "a number");
			}
			t->y[i] = y;
			constant &= y == t->y[0];
		}
		free(v);
		if (constant) {
			fe_num_format_g(shown, (double)t->y[0], 9);
			return fe_error_line(err, FERRUM_EINPUT, -1, (long long)t->target_col + 1,
			                     "the target is constant (every value is %s); nothing to "
			                     "learn",
			                     shown);
		}
		return FERRUM_OK;
	}
	if (l->n == 1) {
		quote_field(shown, sizeof shown, l->text.data, l->len[0]);
		return fe_error_line(err, FERRUM_EINPUT, -1, (long long)t->target_col + 1,
		                     "only one class ('%s'); nothing to learn", shown);
	}
	if (l->n > UINT32_MAX)
		return fe_error(err, FERRUM_ERANGE, "too many classes");
	if ((rc = check_label(t, l, numeric, err)) != FERRUM_OK)
		return rc;
	t->labels = fe_alloc_array(t->n_rows, sizeof *t->labels);
	t->class_names = fe_calloc_array(l->n, sizeof *t->class_names);
	t->class_counts = fe_alloc_array(l->n, sizeof *t->class_counts);
	if (t->labels == NULL || t->class_names == NULL || t->class_counts == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	t->n_classes = l->n;
	for (k = 0; k < l->n; k++) {
		t->class_names[k] = fe_strndup(l->text.data + l->off[k], l->len[k]);
		if (t->class_names[k] == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		t->class_counts[k] = l->count[k];
	}
	for (i = 0; i < t->n_rows; i++)
		t->labels[i] = (uint32_t)r->lab[i];
	return FERRUM_OK;
}

/* Names, target and widths, once the first data row fixed the column count. */
static int
setup(reader *r, header *h, const ferrum_table_options *o, long long line, ferrum_error *err)
{
	ferrum_table *t = r->t;
	size_t j, k;
	int rc;

	if (r->ncols < 2)
		return fe_error_line(err, FERRUM_EINPUT, line, -1,
		                     "line %lld: a data row needs at least 2 fields, got %zu", line,
		                     r->ncols);
	/* A one-field header names nothing: the original falls back to
	 * feature_0... and so do we. */
	if (h->n > 1 && h->n != r->ncols)
		return fe_error_line(err, FERRUM_EINPUT, line, -1,
		                     "line %lld: the header has %zu fields but the data rows have %zu",
		                     line, h->n, r->ncols);
	if (h->n == 1)
		header_free(h);
	rc = find_target(o->target, h->name, h->n, r->ncols, &t->target_col, err);
	if (rc != FERRUM_OK)
		return rc;
	t->n_features = r->ncols - 1;
	t->feature_names = fe_calloc_array(t->n_features, sizeof *t->feature_names);
	if (t->feature_names == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (j = 0, k = 0; j < r->ncols; j++) {
		char gen[40];

		if (j == t->target_col)
			continue;
		if (h->n > 0) {
			t->feature_names[k] = fe_strdup(h->name[j]);
		} else {
			fe_snprintf(gen, sizeof gen, "feature_%zu", k);
			t->feature_names[k] = fe_strdup(gen);
		}
		if (t->feature_names[k] == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		k++;
	}
	t->target_name = fe_strdup(h->n > 0 ? h->name[t->target_col] : "");
	if (t->target_name == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	return FERRUM_OK;
}

static int read_real(ferrum_csv *csv, const ferrum_table_options *o, ferrum_table **out,
                     ferrum_error *err);

/* The options in force: *@o, or the defaults (filled into @defaults) for
 * NULL; FERRUM_EINVAL for a task that is not one. */
static int
table_options(const ferrum_table_options **o, ferrum_table_options *defaults,
              ferrum_error *err)
{
	if (*o == NULL) {
		ferrum_table_options_init(defaults);
		*o = defaults;
	}
	if ((*o)->task != -1 && (*o)->task != FERRUM_TASK_CLASSIFICATION &&
	    (*o)->task != FERRUM_TASK_REGRESSION)
		return fe_error(err, FERRUM_EINVAL, "unknown task %d", (*o)->task);
	return FERRUM_OK;
}

FE_OUTLINE int
ferrum_table_read(ferrum_csv *csv, const ferrum_table_options *o, ferrum_table **out,
                  ferrum_error *err)
{
	ferrum_table_options defaults;
	reader r;
	header h = { 0, NULL };
	int rc, first = 1;
	ferrum_table *t;

	if (out == NULL || csv == NULL)
		return fe_error(err, FERRUM_EINVAL, "no input");
	*out = NULL;
	if ((rc = table_options(&o, &defaults, err)) != FERRUM_OK)
		return rc;
	if (!o->strict_ferrum)
		return read_real(csv, o, out, err);
	memset(&r, 0, sizeof r);
	fe_buf_init(&r.l.text);
	t = calloc(1, sizeof *t);
	if (t == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	r.t = t;

	while ((rc = ferrum_csv_next(csv)) == 1) {
		size_t nf = ferrum_csv_nfields(csv);
		long long line = ferrum_csv_line(csv);

		if (first) {
			size_t len;
			const char *last = ferrum_csv_field(csv, nf - 1, &len);

			first = 0;
			if (!ferrum_is_number(last, len)) {
				t->has_header = 1;
				rc = header_take(&h, csv);
				if (rc != FERRUM_OK) {
					fe_error(err, rc, "out of memory");
					goto fail;
				}
				continue;
			}
		}
		if (o->strict_ferrum && nf < 2)
			continue;
		if (r.ncols == 0) {
			r.ncols = nf;
			rc = setup(&r, &h, o, line, err);
			if (rc != FERRUM_OK)
				goto fail;
		} else if (nf != r.ncols) {
			rc = fe_error_line(err, FERRUM_EINPUT, line, -1,
			                   "line %lld: expected %zu fields, got %zu", line, r.ncols, nf);
			goto fail;
		}
		rc = add_row(&r, csv, err);
		if (rc != FERRUM_OK)
			goto fail;
	}
	if (rc < 0) {
		if (err != NULL)
			*err = *ferrum_csv_error(csv);
		goto fail;
	}
	if (first) {
		rc = fe_error(err, FERRUM_EINPUT, "empty input");
		goto fail;
	}
	if (t->n_rows == 0) {
		rc = fe_error(err, FERRUM_EINPUT, "no data rows");
		goto fail;
	}
	rc = finish(&r, o->task, 0, err);
	if (rc != FERRUM_OK)
		goto fail;
	header_free(&h);
	fe_tset_free(&r.l);
	free(r.lab);
	*out = t;
	return FERRUM_OK;
fail:
	header_free(&h);
	fe_tset_free(&r.l);
	free(r.lab);
	ferrum_table_free(t);
	return rc;
}

/* ---- real tables ---------------------------------------------------------- */

int
fe_table_from_frame(const fe_frame *f, const ferrum_table_options *o, ferrum_table **out,
                    ferrum_error *err)
{
	ferrum_table_options defaults;
	reader r;
	ferrum_table *t;
	const char **cells = NULL;
	size_t *lens = NULL, i, j, nf, cells_n;
	fe_buf nb;
	int rc;

	if (out == NULL || f == NULL)
		return fe_error(err, FERRUM_EINVAL, "no input");
	*out = NULL;
	if ((rc = table_options(&o, &defaults, err)) != FERRUM_OK)
		return rc;
	if (f->n_cols < 2)
		return fe_error_line(err, FERRUM_EINPUT, f->n_rows > 0 ? f->lines[0] : -1, -1,
		                     "a table needs at least 2 columns (features and a target), "
		                     "got %zu", f->n_cols);
	memset(&r, 0, sizeof r);
	fe_buf_init(&r.l.text);
	fe_buf_init(&nb);
	t = calloc(1, sizeof *t);
	if (t == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	r.t = t;
	t->has_header = f->has_header;
	rc = find_target(o->target, f->names, f->has_header ? f->n_cols : 0, f->n_cols,
	                 &t->target_col, err);
	/* The last column, by default, is the last with a name or a value:
	 * a delimiter at the end of every line makes one more column with
	 * neither, and nothing to learn. */
	while (rc == FERRUM_OK && o->target == NULL && t->target_col > 0 &&
	       unnamed_and_empty(f, t->target_col))
		t->target_col--;
	if (rc == FERRUM_OK)
		rc = fe_schema_infer(f, t->target_col, o, &t->schema, err);
	if (rc != FERRUM_OK)
		goto fail;
	nf = t->n_features = t->schema->n_inputs;
	t->target_name = fe_strdup(f->has_header ? f->names[t->target_col] : "");
	t->feature_names = fe_calloc_array(nf ? nf : 1, sizeof *t->feature_names);
	t->gap = fe_calloc_array(nf ? nf : 1, sizeof *t->gap);
	cells_n = f->n_cols;
	cells = fe_calloc_array(cells_n, sizeof *cells);
	lens = fe_calloc_array(cells_n, sizeof *lens);
	if (t->target_name == NULL || t->feature_names == NULL || t->gap == NULL ||
	    cells == NULL || lens == NULL)
		goto nomem;
	/* Column by column, each through a one-column view of the schema:
	 * fe_schema_input_name() looks for the column of an input, and wide
	 * tables would pay for that search once per input. */
	for (i = 0; i < t->schema->n_cols; i++) {
		ferrum_schema view = *t->schema;
		const ferrum_column *c = &t->schema->cols[i];

		view.n_cols = 1;
		view.cols = &t->schema->cols[i];
		for (j = c->input; j < c->input + c->n_inputs && j < nf; j++) {
			fe_schema_input_name(&nb, &view, j);
			t->feature_names[j] = fe_buf_take(&nb, NULL);
			if (t->feature_names[j] == NULL)
				goto nomem;
		}
	}
	for (j = 0; j < nf; j++)
		if (t->feature_names[j] == NULL)
			goto nomem;
	/* Every row at most: one allocation of each. */
	if (f->n_rows > 0) {
		size_t w;

		if (fe_mul_size(f->n_rows, nf ? nf : 1, &w) != 0) {
			rc = fe_error(err, FERRUM_ERANGE, "too many rows");
			goto fail;
		}
		t->x = fe_alloc_array(w, sizeof *t->x);
		t->lines = fe_alloc_array(f->n_rows, sizeof *t->lines);
		r.lab = fe_alloc_array(f->n_rows, sizeof *r.lab);
		if (t->x == NULL || t->lines == NULL || r.lab == NULL)
			goto nomem;
		r.rows_cap = f->n_rows;
	}
	for (i = 0; i < f->n_rows; i++) {
		size_t len, k = t->n_rows;
		const char *s = fe_frame_cell(f, i, t->target_col, &len);
		float *row = t->x + k * nf;

		if (fe_na_match(&t->schema->na, s, len)) {
			t->n_skipped++;
			continue;
		}
		for (j = 0; j < f->n_cols; j++)
			cells[j] = fe_frame_cell(f, i, j, &lens[j]);
		rc = fe_schema_encode(t->schema, cells, lens, FE_ENCODE_NAN, row, NULL, err);
		if (rc != FERRUM_OK) {
			if (err != NULL && err->line < 0)
				err->line = f->lines[i];
			goto fail;
		}
		for (j = 0; j < nf; j++)
			if (row[j] != row[j])
				t->gap[j] = 1;
		r.lab[k] = fe_tset_add(&r.l, s, len);
		if (r.lab[k] == (size_t)-1)
			goto nomem;
		t->lines[k] = f->lines[i];
		t->n_rows++;
	}
	if (t->n_rows == 0) {
		rc = t->n_skipped > 0
		             ? fe_error_line(err, FERRUM_EINPUT, -1, (long long)t->target_col + 1,
		                             "no data rows: the target column '%s' (%zu) is missing "
		                             "in all %zu rows",
		                             f->names[t->target_col], t->target_col + 1,
		                             t->n_skipped)
		             : fe_error(err, FERRUM_EINPUT, "no data rows");
		goto fail;
	}
	rc = finish(&r, o->task, 1, err);
	if (rc != FERRUM_OK)
		goto fail;
	free(cells);
	free(lens);
	fe_buf_free(&nb);
	fe_tset_free(&r.l);
	free(r.lab);
	*out = t;
	return FERRUM_OK;
nomem:
	rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
fail:
	free(cells);
	free(lens);
	fe_buf_free(&nb);
	fe_tset_free(&r.l);
	free(r.lab);
	ferrum_table_free(t);
	return rc;
}

/* ---- numeric encodings ---------------------------------------------------- */

static int
cmp_float(const void *a, const void *b)
{
	float x = *(const float *)a, y = *(const float *)b;

	return x < y ? -1 : x > y;
}

/* 1 if @name is an item of the comma-separated @list. */
static int
in_list(const char *list, const char *name)
{
	size_t nl = strlen(name);

	while (*list != '\0') {
		const char *e = strchr(list, ',');
		size_t l = e != NULL ? (size_t)(e - list) : strlen(list);

		if (l == nl && memcmp(list, name, l) == 0)
			return 1;
		list += l;
		if (*list == ',')
			list++;
	}
	return 0;
}

/* Every item of @list names a numeric or date column of @s. */
static int
check_encode_list(const ferrum_schema *s, const char *list, ferrum_error *err)
{
	while (*list != '\0') {
		const char *e = strchr(list, ',');
		size_t l = e != NULL ? (size_t)(e - list) : strlen(list), j;

		for (j = 0; j < s->n_cols; j++) {
			const ferrum_column *c = &s->cols[j];

			if (strlen(c->name) == l && memcmp(c->name, list, l) == 0 &&
			    c->n_inputs > 0 &&
			    (c->kind == FERRUM_COLUMN_NUMERIC || c->kind == FERRUM_COLUMN_DATE))
				break;
		}
		if (j == s->n_cols)
			return fe_error(err, FERRUM_EINVAL, "encode: no numeric column '%.*s'",
			                (int)(l > 40 ? 40 : l), list);
		list += l;
		if (*list == ',')
			list++;
	}
	return FERRUM_OK;
}

/* The edges of column @c (fitted, old layout in @t) over @rows (@n): the
 * values at the quantiles k/@bins, gaps as the median, equal ones merged;
 * none when the rows have fewer than @min_distinct distinct values. */
static int
fit_edges(const ferrum_table *t, const size_t *rows, size_t n, unsigned bins,
          unsigned min_distinct, ferrum_column *c, float *buf)
{
	size_t i, k, m = 0;
	float *e;

	for (i = 0; i < n; i++) {
		float v = t->x[rows[i] * t->n_features + c->input];

		buf[i] = v == v ? v : c->median;
	}
	qsort(buf, n, sizeof *buf, cmp_float);
	if (min_distinct > 1) {
		size_t distinct = 1;

		for (i = 1; i < n && distinct < min_distinct; i++)
			distinct += buf[i] != buf[i - 1];
		if (distinct < min_distinct)
			return 0; /* too few values: left as one input */
	}
	e = fe_alloc_array((size_t)bins + 1, sizeof *e);
	if (e == NULL)
		return -1;
	for (k = 0; k <= bins; k++) {
		float v = buf[(size_t)((double)k * (double)(n - 1) / bins)];

		if (m == 0 || e[m - 1] < v)
			e[m++] = v;
	}
	if (m < 2) {
		free(e);
		return 0;
	}
	c->edges = e;
	c->n_edges = m;
	return 0;
}

FE_OUTLINE int
fe_table_encode(const ferrum_table *t, const size_t *rows, size_t n,
                const ferrum_train_options *o, ferrum_table **out, ferrum_error *err)
{
	ferrum_table *d = NULL;
	ferrum_schema *s;
	size_t *old_at = NULL, i, j, k, nf, w;
	float *buf = NULL;
	fe_buf nb;
	int rc;

	*out = NULL;
	if (t->schema == NULL)
		return fe_error(err, FERRUM_EINVAL,
		                "encode: the table was read with the original engine's rules");
	if (o->recipe == FERRUM_RECIPE_FERRUM)
		return fe_error(err, FERRUM_EINVAL, "encode: the ferrum recipe takes no encoding");
	if (o->encode_bins < 1 || o->encode_bins > FERRUM_ENCODE_MAX_BINS)
		return fe_error(err, FERRUM_EINVAL, "encode: bins must be 1 to %d",
		                FERRUM_ENCODE_MAX_BINS);
	if (n == 0)
		return fe_error(err, FERRUM_EINVAL, "cannot fit on 0 rows");
	if (o->encode_columns != NULL &&
	    (rc = check_encode_list(t->schema, o->encode_columns, err)) != FERRUM_OK)
		return rc;
	fe_buf_init(&nb);
	s = fe_schema_copy(t->schema);
	d = calloc(1, sizeof *d);
	if (s == NULL || d == NULL) {
		ferrum_schema_free(s);
		free(d);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	d->schema = s;
	if ((rc = fe_fit_schema(t, rows, n, s, err)) != FERRUM_OK)
		goto fail;
	old_at = fe_alloc_array(s->n_cols ? s->n_cols : 1, sizeof *old_at);
	buf = fe_alloc_array(n, sizeof *buf);
	if (old_at == NULL || buf == NULL)
		goto nomem;
	for (j = 0; j < s->n_cols; j++) {
		ferrum_column *c = &s->cols[j];

		old_at[j] = c->input;
		if ((c->kind != FERRUM_COLUMN_NUMERIC && c->kind != FERRUM_COLUMN_DATE) ||
		    c->n_inputs == 0 || c->n_edges > 0 ||
		    (o->encode_columns != NULL && !in_list(o->encode_columns, c->name)))
			continue;
		if (fit_edges(t, rows, n, o->encode_bins, o->encode_min_distinct, c, buf) != 0)
			goto nomem;
	}
	if (fe_schema_layout(s) != FERRUM_OK) {
		rc = fe_error(err, FERRUM_ERANGE, "encode: too many inputs");
		goto fail;
	}
	nf = d->n_features = s->n_inputs;
	d->n_rows = t->n_rows;
	d->target_col = t->target_col;
	d->has_header = t->has_header;
	d->task = t->task;
	d->n_skipped = t->n_skipped;
	d->n_classes = t->n_classes;
	if (fe_mul_size(t->n_rows, nf ? nf : 1, &w) != 0) {
		rc = fe_error(err, FERRUM_ERANGE, "too many rows");
		goto fail;
	}
	d->x = fe_alloc_array(w, sizeof *d->x);
	d->lines = fe_alloc_array(t->n_rows, sizeof *d->lines);
	d->target_name = fe_strdup(t->target_name);
	d->feature_names = fe_calloc_array(nf ? nf : 1, sizeof *d->feature_names);
	d->gap = fe_calloc_array(nf ? nf : 1, sizeof *d->gap);
	if (d->x == NULL || d->lines == NULL || d->target_name == NULL ||
	    d->feature_names == NULL || d->gap == NULL)
		goto nomem;
	memcpy(d->lines, t->lines, t->n_rows * sizeof *d->lines);
	if (t->y != NULL) {
		if ((d->y = fe_alloc_array(t->n_rows, sizeof *d->y)) == NULL)
			goto nomem;
		memcpy(d->y, t->y, t->n_rows * sizeof *d->y);
	}
	if (t->labels != NULL) {
		if ((d->labels = fe_alloc_array(t->n_rows, sizeof *d->labels)) == NULL)
			goto nomem;
		memcpy(d->labels, t->labels, t->n_rows * sizeof *d->labels);
	}
	if (t->n_classes > 0) {
		d->class_names = fe_calloc_array(t->n_classes, sizeof *d->class_names);
		d->class_counts = fe_alloc_array(t->n_classes, sizeof *d->class_counts);
		if (d->class_names == NULL || d->class_counts == NULL)
			goto nomem;
		for (k = 0; k < t->n_classes; k++)
			if ((d->class_names[k] = fe_strdup(t->class_names[k])) == NULL)
				goto nomem;
		memcpy(d->class_counts, t->class_counts, t->n_classes * sizeof *d->class_counts);
	}
	/* Names a column at a time, as fe_table_from_frame() does. */
	for (j = 0; j < s->n_cols; j++) {
		ferrum_schema view = *s;
		const ferrum_column *c = &s->cols[j];

		view.n_cols = 1;
		view.cols = &s->cols[j];
		for (k = c->input; k < c->input + c->n_inputs; k++) {
			fe_schema_input_name(&nb, &view, k);
			if ((d->feature_names[k] = fe_buf_take(&nb, NULL)) == NULL)
				goto nomem;
		}
	}
	for (i = 0; i < t->n_rows; i++) {
		const float *a = t->x + i * t->n_features;
		float *b = d->x + i * nf;

		for (j = 0; j < s->n_cols; j++) {
			const ferrum_column *c = &s->cols[j];
			const float *v = a + old_at[j];
			float *o2 = b + c->input;

			if (c->n_inputs == 0)
				continue;
			if (c->n_edges == 0) {
				memcpy(o2, v, c->n_inputs * sizeof *o2);
				continue;
			}
			/* The fitted gap value, as fe_schema_encode() gives it. */
			fe_column_values(c, v[0] == v[0] ? v[0] : c->median, o2);
			if (c->indicator)
				o2[c->n_inputs - 1] = v[1];
		}
		for (k = 0; k < nf; k++)
			if (b[k] != b[k])
				d->gap[k] = 1;
	}
	free(old_at);
	free(buf);
	*out = d;
	return FERRUM_OK;
nomem:
	rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
fail:
	fe_buf_free(&nb);
	free(old_at);
	free(buf);
	ferrum_table_free(d);
	return rc;
}

/* The real-table rules: a frame, then fe_table_from_frame(). */
static int
read_real(ferrum_csv *csv, const ferrum_table_options *o, ferrum_table **out, ferrum_error *err)
{
	fe_na na;
	fe_frame f;
	int rc;

	rc = fe_na_init(&na, o->na, err);
	if (rc != FERRUM_OK)
		return rc;
	rc = fe_frame_read_csv(csv, o->header, &na, &f, err);
	fe_na_free(&na);
	if (rc != FERRUM_OK)
		return rc;
	rc = fe_table_from_frame(&f, o, out, err);
	fe_frame_free(&f);
	return rc;
}

int
ferrum_table_read_jsonl(ferrum_read_fn read, void *ctx, const ferrum_table_options *o,
                        ferrum_table **out, ferrum_error *err)
{
	ferrum_table_options defaults;
	fe_frame f;
	int rc;

	if (out == NULL || read == NULL)
		return fe_error(err, FERRUM_EINVAL, "no input");
	*out = NULL;
	if (o == NULL) {
		ferrum_table_options_init(&defaults);
		o = &defaults;
	}
	if (o->strict_ferrum)
		return fe_error(err, FERRUM_EINVAL,
		                "JSON Lines need the real-table rules (strict_ferrum 0)");
	rc = fe_frame_read_jsonl(read, ctx, &f, err);
	if (rc != FERRUM_OK)
		return rc;
	rc = fe_table_from_frame(&f, o, out, err);
	fe_frame_free(&f);
	return rc;
}

size_t
ferrum_table_n_skipped(const ferrum_table *t)
{
	return t->n_skipped;
}

const ferrum_schema *
ferrum_table_schema(const ferrum_table *t)
{
	return t->schema;
}

const unsigned char *
fe_table_gaps(const ferrum_table *t)
{
	return t->schema != NULL ? t->gap : NULL;
}

size_t
ferrum_table_n_rows(const ferrum_table *t)
{
	return t->n_rows;
}

size_t
ferrum_table_n_features(const ferrum_table *t)
{
	return t->n_features;
}

int
ferrum_table_has_header(const ferrum_table *t)
{
	return t->has_header;
}

const char *
ferrum_table_feature_name(const ferrum_table *t, size_t j)
{
	return j < t->n_features ? t->feature_names[j] : NULL;
}

const char *
ferrum_table_target_name(const ferrum_table *t)
{
	return t->target_name;
}

size_t
ferrum_table_target_column(const ferrum_table *t)
{
	return t->target_col;
}

int
ferrum_table_task(const ferrum_table *t)
{
	return t->task;
}

size_t
ferrum_table_n_classes(const ferrum_table *t)
{
	return t->n_classes;
}

const char *
ferrum_table_class_name(const ferrum_table *t, size_t k)
{
	return k < t->n_classes ? t->class_names[k] : NULL;
}

size_t
ferrum_table_class_count(const ferrum_table *t, size_t k)
{
	return k < t->n_classes ? t->class_counts[k] : 0;
}

const float *
ferrum_table_features(const ferrum_table *t)
{
	return t->x;
}

const float *
ferrum_table_targets(const ferrum_table *t)
{
	return t->y;
}

const uint32_t *
ferrum_table_labels(const ferrum_table *t)
{
	return t->labels;
}

long long
ferrum_table_row_line(const ferrum_table *t, size_t i)
{
	return i < t->n_rows ? t->lines[i] : -1;
}

/* infer.c: the kinds of a table's columns, inferred from their values.
 * SPDX-License-Identifier: MIT
 *
 * fe_schema_infer() looks at every cell of a frame once or twice and
 * decides, column by column, what it is (numeric, categorical, date,
 * ignored) with the rules of ferrum_table_options and finf-train(1); it
 * keeps the levels of the categorical columns and numbers the network
 * inputs.  The medians, minima and maxima are left NaN: they belong to the
 * rows each fit trains on (fit.c, train.c). */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Distinct texts in a column, counted with their rows, and for codes
 * the number each text is. */
typedef struct dset {
	fe_tset set;
	double *num;     /* set.n values (codes) */
	size_t cap;      /* entries allocated in num */
	int failed;      /* out of memory */
} dset;

static void
dset_free(dset *d)
{
	fe_tset_free(&d->set);
	free(d->num);
	memset(d, 0, sizeof *d);
}

/* Count one more row of text @s (@n bytes), with its value @v for codes. */
static void
dset_add(dset *d, const char *s, size_t n, double v)
{
	size_t i;

	if (d->failed)
		return;
	i = fe_tset_add(&d->set, s, n);
	if (i == (size_t)-1)
		goto nomem;
	if (i == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		double *dv = fe_realloc_array(d->num, cap, sizeof *dv);

		if (dv == NULL)
			goto nomem;
		d->num = dv;
		d->cap = cap;
	}
	d->num[i] = v;
	return;
nomem:
	d->failed = 1;
}

/* ---- COLS lists ------------------------------------------------------------ */

/* Mark in @mark (n_cols entries) the columns of the comma-separated list
 * @list: each item a column name or, failing that, a 1-based number.
 * FERRUM_EINVAL naming an item that matches no column. */
static int
mark_cols(const fe_frame *f, const char *list, const char *what, unsigned char *mark,
          ferrum_error *err)
{
	const char *p, *e;

	if (list == NULL)
		return FERRUM_OK;
	for (p = list;; p = e + 1) {
		size_t n, j, k = 0;
		const char *q;
		int found = 0;

		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		if (n == 0)
			return fe_error(err, FERRUM_EINVAL, "%s: an empty column name", what);
		for (j = 0; j < f->n_cols && !found; j++)
			if (strlen(f->names[j]) == n && memcmp(f->names[j], p, n) == 0) {
				mark[j] = 1;
				found = 1;
			}
		if (!found) {
			for (q = p; q < e && *q >= '0' && *q <= '9'; q++)
				k = k > f->n_cols ? k : k * 10 + (size_t)(*q - '0');
			if (q == e && k >= 1 && k <= f->n_cols) {
				mark[k - 1] = 1;
				found = 1;
			}
		}
		if (!found) {
			if (n > 64)
				return fe_error(err, FERRUM_EINVAL, "%s: no column named '%.61s...'",
				                what, p);
			return fe_error(err, FERRUM_EINVAL, "%s: no column named '%.*s'", what,
			                (int)n, p);
		}
		if (*e == '\0')
			break;
	}
	return FERRUM_OK;
}

/* ---- one column ---------------------------------------------------------- */

/* A value's text for a message, shortened so that the message fits. */
static void
shown(char *out, size_t cap, const char *s, size_t n)
{
	if (n > 40)
		fe_snprintf(out, cap, "%.37s...", s);
	else
		fe_snprintf(out, cap, "%.*s", (int)n, s);
}

/* 1 if @s is a number that is finite as a float (a numeric value). */
static int
finite_number(const char *s, size_t n)
{
	float v;

	if (!ferrum_is_number(s, n) || ferrum_parse_float(s, n, &v) != FERRUM_OK)
		return 0;
	return isfinite(v) ? 1 : 0;
}

static int
set_why(ferrum_column *c, const char *why, ferrum_error *err)
{
	c->kind = FERRUM_COLUMN_IGNORED;
	c->why = fe_strdup(why);
	if (c->why == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	return FERRUM_OK;
}

/* What a first pass over a column finds. */
typedef struct scan {
	size_t present, missing;
	size_t numbers;     /* present values that are finite numbers */
	size_t texts;       /* present values that are not */
	size_t dates;       /* texts that are ISO 8601 dates */
	size_t first_text;  /* row of the first text (texts > 0) */
	size_t n_kinds;     /* distinct texts seen, up to 4 */
	const char *kind_s[4];
	size_t kind_n[4];
	int constant;       /* every present value has the first one's bytes */
	size_t first;       /* row of the first present value */
} scan;

static void
scan_column(const fe_frame *f, size_t j, const fe_na *na, scan *sc)
{
	size_t i, k, len, flen = 0;
	const char *s, *fs = NULL;

	memset(sc, 0, sizeof *sc);
	sc->constant = 1;
	for (i = 0; i < f->n_rows; i++) {
		s = fe_frame_cell(f, i, j, &len);
		if (fe_na_match(na, s, len)) {
			sc->missing++;
			continue;
		}
		if (sc->present++ == 0) {
			fs = s;
			flen = len;
			sc->first = i;
		} else if (sc->constant && (len != flen || memcmp(s, fs, len) != 0)) {
			sc->constant = 0;
		}
		if (finite_number(s, len)) {
			sc->numbers++;
			continue;
		}
		if (sc->texts++ == 0)
			sc->first_text = i;
		{
			double days;

			if (fe_date_parse(s, len, &days) == 0)
				sc->dates++;
		}
		for (k = 0; k < sc->n_kinds; k++)
			if (sc->kind_n[k] == len && memcmp(sc->kind_s[k], s, len) == 0)
				break;
		if (k == sc->n_kinds && sc->n_kinds < 4) {
			sc->kind_s[k] = s;
			sc->kind_n[k] = len;
			sc->n_kinds++;
		}
	}
}

/* 1 if column @j has no name of its own: no header, an empty name (named
 * by its number), R's row names, or pandas' "Unnamed: 0". */
static int
unnamed(const fe_frame *f, size_t j)
{
	char num[32];

	if (!f->has_header || (f->row_names && j == 0))
		return 1;
	fe_snprintf(num, sizeof num, "%zu", j + 1);
	return strcmp(f->names[j], num) == 0 || strncmp(f->names[j], "Unnamed: ", 9) == 0;
}

/* A numeric column that only counts its rows: distinct integers going up
 * by exactly 1 from each row to the next, with no gap, from 0 or 1 (as
 * R, pandas and spreadsheets number rows), or from anywhere under no name
 * of its own (a subset's row names).  A named run from elsewhere is data:
 * Year 1751, 1752, ... */
static int
row_numbers(const fe_frame *f, size_t j)
{
	size_t i, len;
	double first = 0.0, prev = 0.0, v;

	if (f->n_rows < 2)
		return 0;
	for (i = 0; i < f->n_rows; i++) {
		const char *s = fe_frame_cell(f, i, j, &len);

		if (fe_num_parse_double(s, len, &v) != FERRUM_OK || v != floor(v) ||
		    fabs(v) > 9007199254740992.0)
			return 0;
		if (i == 0)
			first = v;
		else if (v != prev + 1.0)
			return 0;
		prev = v;
	}
	return first == 0.0 || first == 1.0 || unnamed(f, j);
}

/* 1 if @name reads as an identifier's: "id", "key", "index", "idx",
 * "rowid", "obs", or ending in "_id", "-id", ".id", " id" (any case) or
 * in "Id" or "ID" after a lowercase letter (PassengerId, CustomerID; not
 * "paid", "GRID"). */
static int
id_name(const char *name)
{
	static const char *const whole[] = {"id", "key", "index", "idx", "rowid", "obs"};
	size_t n = strlen(name), k;
	char low[8];

	if (n < sizeof low) {
		for (k = 0; k <= n; k++)
			low[k] = (char)(name[k] >= 'A' && name[k] <= 'Z' ? name[k] - 'A' + 'a' : name[k]);
		for (k = 0; k < sizeof whole / sizeof *whole; k++)
			if (strcmp(low, whole[k]) == 0)
				return 1;
	}
	if (n < 3 || (name[n - 2] != 'i' && name[n - 2] != 'I') ||
	    (name[n - 1] != 'd' && name[n - 1] != 'D'))
		return 0;
	if (strchr("_-. ", name[n - 3]) != NULL)
		return 1;
	return name[n - 2] == 'I' && name[n - 3] >= 'a' && name[n - 3] <= 'z';
}

static int
cmp_double(const void *pa, const void *pb)
{
	const double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

/* A numeric column that identifies its rows in some other order than
 * theirs (row_numbers() takes the ordered ones): a name that says so,
 * and a different integer on every row, none missing.  -1 when out of
 * memory. */
static int
identifiers(const fe_frame *f, size_t j)
{
	size_t i, len, n = f->n_rows;
	double *v;
	int distinct = 1;

	if (!f->has_header || n < 2 || !id_name(f->names[j]))
		return 0;
	if ((v = fe_alloc_array(n, sizeof *v)) == NULL)
		return -1;
	for (i = 0; i < n && distinct; i++) {
		const char *s = fe_frame_cell(f, i, j, &len);

		distinct = fe_num_parse_double(s, len, &v[i]) == FERRUM_OK && v[i] == floor(v[i]) &&
		           fabs(v[i]) <= 9007199254740992.0;
	}
	if (distinct) {
		qsort(v, n, sizeof *v, cmp_double);
		for (i = 1; i < n && distinct; i++)
			distinct = v[i] != v[i - 1];
	}
	free(v);
	return distinct;
}

/* Every present value of a numeric column is the same number. */
static int
same_number(const fe_frame *f, size_t j, const fe_na *na)
{
	size_t i, len;
	double first = 0.0, v;
	int seen = 0;

	for (i = 0; i < f->n_rows; i++) {
		const char *s = fe_frame_cell(f, i, j, &len);

		if (fe_na_match(na, s, len))
			continue;
		if (fe_num_parse_double(s, len, &v) != FERRUM_OK)
			return 0;
		if (!seen) {
			first = v;
			seen = 1;
		} else if (v != first) {
			return 0;
		}
	}
	return seen;
}

/* A level being ordered: qsort has no context, so each carries its own. */
typedef struct level {
	const char *s;
	size_t len, count;
	double num;
	int codes; /* order by num */
} level;

/* Level order: byte order of the texts, or numeric order for codes. */
static int
cmp_order(const void *pa, const void *pb)
{
	const level *a = pa, *b = pb;
	int c;

	if (a->codes)
		return a->num < b->num ? -1 : (a->num > b->num ? 1 : 0);
	c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
	if (c != 0)
		return c;
	return a->len < b->len ? -1 : (a->len > b->len ? 1 : 0);
}

/* The most frequent first, level order on a tie. */
static int
cmp_frequent(const void *pa, const void *pb)
{
	const level *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return cmp_order(pa, pb);
}

/* Count a categorical column's values into @d; for codes, every value by
 * its number's shortest text.  Stops early (*@many set) when the column
 * is text (@cap_distinct) and has more distinct values than @max_levels
 * and than half of its @present values. */
static int
count_levels(const fe_frame *f, size_t j, const fe_na *na, int codes, int cap_distinct,
             size_t max_levels, size_t present, dset *d, int *many, ferrum_error *err)
{
	size_t i, len;
	char buf[FE_NUM_TEXT_MAX];

	*many = 0;
	fe_tset_init(&d->set);
	for (i = 0; i < f->n_rows; i++) {
		const char *s = fe_frame_cell(f, i, j, &len);
		double v = 0.0;

		if (fe_na_match(na, s, len))
			continue;
		if (codes) {
			if (fe_num_parse_double(s, len, &v) != FERRUM_OK)
				v = 0.0;
			if (v == 0.0)
				v = 0.0; /* -0 is 0 */
			len = fe_num_shortest_double(buf, v);
			s = buf;
		}
		dset_add(d, s, len, v);
		if (d->failed)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		if (cap_distinct && d->set.n > max_levels && 2 * d->set.n > present) {
			*many = 1;
			return FERRUM_OK;
		}
	}
	return FERRUM_OK;
}

/* Keep the @max_levels most frequent values of @d as @c's levels, in level
 * order; the rest are folded into c->other. */
static int
keep_levels(ferrum_column *c, const dset *d, size_t max_levels, ferrum_error *err)
{
	level *lv = fe_alloc_array(d->set.n ? d->set.n : 1, sizeof *lv);
	size_t k, keep;
	char **levels;
	size_t *counts;

	if (lv == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (k = 0; k < d->set.n; k++) {
		lv[k].s = fe_tset_text(&d->set, k);
		lv[k].len = d->set.len[k];
		lv[k].count = d->set.count[k];
		lv[k].num = d->num[k];
		lv[k].codes = c->codes;
	}
	keep = d->set.n;
	if (keep > max_levels) {
		qsort(lv, d->set.n, sizeof *lv, cmp_frequent);
		for (k = max_levels; k < d->set.n; k++)
			c->other += lv[k].count;
		keep = max_levels;
	}
	qsort(lv, keep, sizeof *lv, cmp_order);
	levels = fe_calloc_array(keep ? keep : 1, sizeof *levels);
	counts = fe_calloc_array(keep ? keep : 1, sizeof *counts);
	c->levels = (const char *const *)levels;
	c->counts = counts;
	if (levels == NULL || counts == NULL) {
		free(lv);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	c->n_levels = keep;
	for (k = 0; k < keep; k++) {
		levels[k] = fe_strndup(lv[k].s, lv[k].len);
		counts[k] = lv[k].count;
		if (levels[k] == NULL) {
			free(lv);
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		}
	}
	free(lv);
	return FERRUM_OK;
}

/* Decide column @j's kind into @c. */
static int
infer_column(const fe_frame *f, size_t j, const ferrum_schema *s, const unsigned char *ignore,
             const unsigned char *categorical, size_t max_levels, ferrum_column *c,
             ferrum_error *err)
{
	const fe_na *na = &s->na;
	scan sc;
	dset d;
	int rc, many = 0, codes = 0;

	c->median = c->min = c->max = NAN;
	if (ignore[j])
		return set_why(c, "-x", err);
	scan_column(f, j, na, &sc);
	c->missing = sc.missing;
	if (sc.present == 0)
		return set_why(c, "empty", err);
	if (sc.missing == 0 && (sc.constant || (sc.texts == 0 && same_number(f, j, na))))
		return set_why(c, "constant", err);
	if (categorical[j]) {
		codes = sc.texts == 0;
	} else if (sc.texts == 0) {
		if (sc.missing == 0 && row_numbers(f, j))
			return set_why(c, "row numbers", err);
		if (sc.missing == 0 && (rc = identifiers(f, j)) != 0)
			return rc < 0 ? fe_error(err, FERRUM_ENOMEM, "out of memory")
			              : set_why(c, "identifiers", err);
		c->kind = FERRUM_COLUMN_NUMERIC;
		c->indicator = sc.missing > 0;
		return FERRUM_OK;
	} else if (sc.numbers == 0 && sc.dates == sc.texts) {
		c->kind = FERRUM_COLUMN_DATE;
		c->indicator = sc.missing > 0;
		return FERRUM_OK;
	} else if (sc.numbers > 0 && sc.texts * 20 <= sc.present && sc.n_kinds <= 3) {
		size_t len;
		const char *t = fe_frame_cell(f, sc.first_text, j, &len);
		char buf[48];

		shown(buf, sizeof buf, t, len);
		return fe_error_line(err, FERRUM_EINPUT, f->lines[sc.first_text], (long long)j + 1,
		                     "column '%s' (%zu): line %lld: '%s' is not a number; mark "
		                     "missing values with --na or ignore the column with -x",
		                     f->names[j], j + 1, f->lines[sc.first_text], buf);
	}
	memset(&d, 0, sizeof d);
	rc = count_levels(f, j, na, codes, !categorical[j], max_levels, sc.present, &d, &many,
	                  err);
	if (rc == FERRUM_OK && many) {
		dset_free(&d);
		return set_why(c, "distinct values", err);
	}
	if (rc == FERRUM_OK) {
		c->kind = FERRUM_COLUMN_CATEGORICAL;
		c->codes = codes;
		rc = keep_levels(c, &d, max_levels, err);
	}
	dset_free(&d);
	return rc;
}

int
fe_schema_infer(const fe_frame *f, size_t target, const ferrum_table_options *o,
                ferrum_schema **out, ferrum_error *err)
{
	ferrum_schema *s;
	unsigned char *ignore = NULL, *categorical = NULL;
	size_t j, input = 0, max_levels;
	int rc;

	*out = NULL;
	if (f->n_cols == 0 || target >= f->n_cols)
		return fe_error(err, FERRUM_EINVAL, "no target column");
	max_levels = o != NULL && o->max_levels > 0 ? o->max_levels : FERRUM_MAX_LEVELS;
	s = calloc(1, sizeof *s);
	if (s == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	rc = fe_na_init(&s->na, o != NULL ? o->na : NULL, err);
	if (rc != FERRUM_OK) {
		free(s);
		return rc;
	}
	s->n_cols = f->n_cols;
	s->target = target;
	s->header = f->has_header;
	s->decimal_comma = f->decimal_comma;
	s->cols = fe_calloc_array(f->n_cols, sizeof *s->cols);
	ignore = fe_calloc_array(f->n_cols, 1);
	categorical = fe_calloc_array(f->n_cols, 1);
	if (s->cols == NULL || ignore == NULL || categorical == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto out;
	}
	if (o != NULL) {
		rc = mark_cols(f, o->ignore, "--ignore", ignore, err);
		if (rc == FERRUM_OK)
			rc = mark_cols(f, o->categorical, "--categorical", categorical, err);
		if (rc != FERRUM_OK)
			goto out;
	}
	if (ignore[target] || categorical[target]) {
		rc = fe_error(err, FERRUM_EINVAL, "%s: column '%s' (%zu) is the target",
		              ignore[target] ? "--ignore" : "--categorical", f->names[target],
		              target + 1);
		goto out;
	}
	for (j = 0; j < f->n_cols; j++) {
		ferrum_column *c = &s->cols[j];

		c->name = fe_strdup(f->names[j]);
		if (c->name == NULL) {
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
			goto out;
		}
		c->input = input;
		if (j == target) {
			c->kind = FERRUM_COLUMN_TARGET;
			c->median = c->min = c->max = NAN;
			continue;
		}
		rc = infer_column(f, j, s, ignore, categorical, max_levels, c, err);
		if (rc != FERRUM_OK)
			goto out;
		switch (c->kind) {
		case FERRUM_COLUMN_NUMERIC:
		case FERRUM_COLUMN_DATE:
			c->n_inputs = 1 + (c->indicator ? 1 : 0);
			break;
		case FERRUM_COLUMN_CATEGORICAL:
			c->n_inputs = c->n_levels + (c->other > 0) + (c->missing > 0);
			break;
		default:
			c->n_inputs = 0;
		}
		input += c->n_inputs;
	}
	s->n_inputs = input;
	rc = FERRUM_OK;
out:
	free(ignore);
	free(categorical);
	if (rc != FERRUM_OK)
		ferrum_schema_free(s);
	else
		*out = s;
	return rc;
}

/* fit.c: what every training recipe stands on: the gaps' medians, the normaliser, the normalised rows.
 * SPDX-License-Identifier: MIT
 *
 * A recipe (recipe-*.c) fits a normaliser on its training rows, trains on
 * the rows as that normaliser maps them, and builds its network with
 * fe_net_mlp(); the first two steps are here, in the original engine's
 * float arithmetic, so that every recipe sees the same numbers.  A real
 * table's numeric gaps (NaN) take the median of the rows the fit trains on
 * (never of the rows it is scored on), so a held-out figure is honest. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- gaps: the medians of the training rows ---------------------------- */

static int
cmp_float(const void *pa, const void *pb)
{
	float a = *(const float *)pa, b = *(const float *)pb;

	return a < b ? -1 : (a > b ? 1 : 0);
}

/* The @k-th smallest (0-based) of the @m floats at @v, which it reorders:
 * Hoare's selection with a median-of-three pivot, in linear time on
 * average; after 2 log2(m) + 8 rounds (inputs built to defeat the pivot)
 * the rest is sorted instead, so no input takes more than m log m. */
static float
select_kth(float *v, size_t m, size_t k)
{
	size_t lo = 0, hi = m - 1, rounds = 8;

	for (size_t n = m; n > 1; n /= 2)
		rounds += 2;
	while (hi > lo) {
		size_t i, j, mid = lo + (hi - lo) / 2;
		float p, tmp;

		if (rounds-- == 0) {
			qsort(v + lo, hi - lo + 1, sizeof *v, cmp_float);
			return v[k];
		}
		/* v[lo] <= v[mid] <= v[hi], the pivot in the middle. */
		if (v[mid] < v[lo]) {
			tmp = v[mid]; v[mid] = v[lo]; v[lo] = tmp;
		}
		if (v[hi] < v[lo]) {
			tmp = v[hi]; v[hi] = v[lo]; v[lo] = tmp;
		}
		if (v[hi] < v[mid]) {
			tmp = v[hi]; v[hi] = v[mid]; v[mid] = tmp;
		}
		p = v[mid];
		i = lo;
		j = hi;
		for (;;) {
			while (v[i] < p)
				i++;
			while (p < v[j])
				j--;
			if (i >= j)
				break;
			tmp = v[i]; v[i] = v[j]; v[j] = tmp;
			i++;
			j--;
		}
		/* v[lo..j] <= p <= v[j+1..hi] */
		if (k <= j)
			hi = j;
		else
			lo = j + 1;
	}
	return v[k];
}

/* The median, minimum and maximum of feature @j's present (not NaN)
 * values over @rows, with @buf room for @n floats; all 0 when there is
 * none.  The median of an even count is the mean of the two middle values,
 * in double, rounded to float once; a zero median is +0.  Returns the
 * values counted. */
static size_t
feature_stats(const ferrum_table *t, const size_t *rows, size_t n, size_t j, float *buf,
              float *median, float *min, float *max)
{
	const size_t nf = ferrum_table_n_features(t);
	const float *x = ferrum_table_features(t);
	size_t i, m = 0;
	float lo = 0.0f, hi = 0.0f, upper;

	for (i = 0; i < n; i++) {
		float v = x[rows[i] * nf + j];

		if (v != v)
			continue;
		if (m == 0 || v < lo)
			lo = v;
		if (m == 0 || v >= hi)
			hi = v;
		buf[m++] = v;
	}
	if (m == 0) {
		*median = *min = *max = 0.0f;
		return 0;
	}
	*min = lo;
	*max = hi;
	upper = select_kth(buf, m, m / 2);
	if (m % 2 == 1) {
		*median = upper;
	} else {
		/* The lower middle value is the largest of those selected
		 * below the upper one. */
		float lower = buf[0];

		for (i = 1; i < m / 2; i++)
			if (buf[i] > lower)
				lower = buf[i];
		*median = (float)(((double)lower + (double)upper) / 2.0);
	}
	if (*median == 0.0f)
		*median = 0.0f;
	return m;
}

int
fe_fit_fill(const ferrum_table *t, const size_t *rows, size_t n, float **fill,
            ferrum_error *err)
{
	const unsigned char *gap = fe_table_gaps(t);
	const size_t nf = ferrum_table_n_features(t);
	float *f, *buf, lo, hi;
	size_t j;
	int any = 0;

	*fill = NULL;
	for (j = 0; gap != NULL && j < nf && !any; j++)
		any = gap[j];
	if (!any)
		return FERRUM_OK;
	f = fe_calloc_array(nf, sizeof *f);
	buf = fe_alloc_array(n ? n : 1, sizeof *buf);
	if (f == NULL || buf == NULL) {
		free(f);
		free(buf);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	for (j = 0; j < nf; j++)
		if (gap[j])
			feature_stats(t, rows, n, j, buf, &f[j], &lo, &hi);
	free(buf);
	*fill = f;
	return FERRUM_OK;
}

int
fe_fit_schema(const ferrum_table *t, const size_t *rows, size_t n, ferrum_schema *s,
              ferrum_error *err)
{
	float *buf = fe_alloc_array(n ? n : 1, sizeof *buf);
	size_t j;

	if (buf == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (j = 0; j < s->n_cols; j++) {
		ferrum_column *c = &s->cols[j];

		/* An encoded column's value is not an input: fe_table_encode()
		 * fitted it. */
		if ((c->kind != FERRUM_COLUMN_NUMERIC && c->kind != FERRUM_COLUMN_DATE) ||
		    c->n_inputs == 0 || c->input >= ferrum_table_n_features(t) || c->n_edges > 0)
			continue;
		feature_stats(t, rows, n, c->input, buf, &c->median, &c->min, &c->max);
	}
	free(buf);
	return FERRUM_OK;
}

/* ---- the normaliser ---------------------------------------------------- */

/* fe_fit_norm with the gaps of each feature @j taken as @fill[j] (@fill
 * NULL: the table has none). */
static int
fit_norm(const ferrum_table *t, const size_t *rows, size_t n, const float *fill, fe_norm *norm,
         ferrum_error *err)
{
	size_t nf = ferrum_table_n_features(t);
	const float *x = ferrum_table_features(t);
	const float *y = ferrum_table_targets(t);
	int reg = ferrum_table_task(t) == FERRUM_TASK_REGRESSION;
	size_t np = nf + (reg ? 1 : 0), i, j;
	float fn = (float)n;
	float *sum;

	memset(norm, 0, sizeof *norm);
	if (n == 0)
		return fe_error(err, FERRUM_EINVAL, "cannot fit on 0 rows");
	norm->mean = fe_calloc_array(np, sizeof *norm->mean);
	norm->std = fe_calloc_array(np, sizeof *norm->std);
	sum = fe_calloc_array(np, sizeof *sum);
	if (norm->mean == NULL || norm->std == NULL || sum == NULL) {
		free(sum);
		fe_norm_free(norm);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	norm->n = np;
	/* Row by row in the given order, every column at once: each column's
	 * sum still sees its terms in row order. */
	for (j = 0; j < nf; j++)
		sum[j] = 0.0f;
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;

		if (fill == NULL) {
			for (j = 0; j < nf; j++)
				sum[j] += xi[j];
		} else {
			for (j = 0; j < nf; j++)
				sum[j] += xi[j] == xi[j] ? xi[j] : fill[j];
		}
	}
	for (j = 0; j < nf; j++)
		norm->mean[j] = sum[j] / fn;
	for (j = 0; j < nf; j++)
		sum[j] = 0.0f;
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;

		for (j = 0; j < nf; j++) {
			float v = fill == NULL || xi[j] == xi[j] ? xi[j] : fill[j];
			float d = v - norm->mean[j];

			sum[j] += d * d;
		}
	}
	for (j = 0; j < nf; j++) {
		float s = sqrtf(sum[j] / fn);

		norm->std[j] = s < 1e-8f ? 1.0f : s;
	}
	if (reg) {
		/* The original sums the target with an iterator sum that starts
		 * from -0.0 (a mean of all -0 targets stays -0). */
		float ts = -0.0f, vs = -0.0f, m, s;

		for (i = 0; i < n; i++)
			ts += y[rows[i]];
		m = ts / fn;
		for (i = 0; i < n; i++) {
			float d = y[rows[i]] - m;

			vs += d * d;
		}
		s = sqrtf(vs / fn);
		norm->mean[nf] = m;
		norm->std[nf] = s > 1e-8f ? s : 1e-8f;
	}
	free(sum);
	return FERRUM_OK;
}

int
fe_fit_norm(const ferrum_table *t, const size_t *rows, size_t n, fe_norm *norm,
            ferrum_error *err)
{
	float *fill;
	int rc;

	memset(norm, 0, sizeof *norm);
	rc = fe_fit_fill(t, rows, n, &fill, err);
	if (rc == FERRUM_OK)
		rc = fit_norm(t, rows, n, fill, norm, err);
	free(fill);
	return rc;
}

void
fe_fit_data_free(fe_fit_data *d)
{
	if (d == NULL)
		return;
	fe_norm_free(&d->norm);
	free(d->z);
	free(d->y);
	free(d->c);
	memset(d, 0, sizeof *d);
}

int
fe_fit_data_new(const ferrum_table *t, const size_t *rows, size_t n, fe_fit_data *d,
                ferrum_error *err)
{
	const float *x = ferrum_table_features(t);
	const float *y = ferrum_table_targets(t);
	const uint32_t *lab = ferrum_table_labels(t);
	size_t nf = ferrum_table_n_features(t), i, j;
	float *fill;
	int rc;

	memset(d, 0, sizeof *d);
	d->n = n;
	d->nf = nf;
	d->cls = ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION;
	d->no = d->cls ? ferrum_table_n_classes(t) : 1;
	rc = fe_fit_fill(t, rows, n, &fill, err);
	if (rc != FERRUM_OK)
		return rc;
	rc = fit_norm(t, rows, n, fill, &d->norm, err);
	if (rc != FERRUM_OK) {
		free(fill);
		return rc;
	}
	d->z = fe_alloc_array(n, nf * sizeof *d->z);
	if (d->cls)
		d->c = fe_alloc_array(n, sizeof *d->c);
	else
		d->y = fe_alloc_array(n, sizeof *d->y);
	if (d->z == NULL || (d->cls ? d->c == NULL : d->y == NULL)) {
		free(fill);
		fe_fit_data_free(d);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	/* The format's normalisation: subtract, then divide. */
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;
		float *zi = d->z + i * nf;

		for (j = 0; j < nf; j++) {
			float v = fill == NULL || xi[j] == xi[j] ? xi[j] : fill[j];

			zi[j] = (v - d->norm.mean[j]) / d->norm.std[j];
		}
		if (d->cls)
			d->c[i] = lab[rows[i]];
		else
			d->y[i] = (y[rows[i]] - d->norm.mean[nf]) / d->norm.std[nf];
	}
	free(fill);
	return FERRUM_OK;
}

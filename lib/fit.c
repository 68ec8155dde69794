/* fit.c: what every training recipe stands on: the normaliser and the normalised rows.
 * SPDX-License-Identifier: MIT
 *
 * A recipe (recipe-*.c) fits a normaliser on its training rows, trains on
 * the rows as that normaliser maps them, and builds its network with
 * fe_net_mlp(); the first two steps are here, in the original engine's
 * float arithmetic, so that every recipe sees the same numbers. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int
fe_fit_norm(const ferrum_table *t, const size_t *rows, size_t n, fe_norm *norm,
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

		for (j = 0; j < nf; j++)
			sum[j] += xi[j];
	}
	for (j = 0; j < nf; j++)
		norm->mean[j] = sum[j] / fn;
	for (j = 0; j < nf; j++)
		sum[j] = 0.0f;
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;

		for (j = 0; j < nf; j++) {
			float d = xi[j] - norm->mean[j];

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
	int rc;

	memset(d, 0, sizeof *d);
	d->n = n;
	d->nf = nf;
	d->cls = ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION;
	d->no = d->cls ? ferrum_table_n_classes(t) : 1;
	rc = fe_fit_norm(t, rows, n, &d->norm, err);
	if (rc != FERRUM_OK)
		return rc;
	d->z = fe_alloc_array(n, nf * sizeof *d->z);
	if (d->cls)
		d->c = fe_alloc_array(n, sizeof *d->c);
	else
		d->y = fe_alloc_array(n, sizeof *d->y);
	if (d->z == NULL || (d->cls ? d->c == NULL : d->y == NULL)) {
		fe_fit_data_free(d);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	/* The format's normalisation: subtract, then divide. */
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;
		float *zi = d->z + i * nf;

		for (j = 0; j < nf; j++)
			zi[j] = (xi[j] - d->norm.mean[j]) / d->norm.std[j];
		if (d->cls)
			d->c[i] = lab[rows[i]];
		else
			d->y[i] = (y[rows[i]] - d->norm.mean[nf]) / d->norm.std[nf];
	}
	return FERRUM_OK;
}

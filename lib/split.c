/* split.c: which rows train and which are held out: the hold-out split and the k folds.
 * SPDX-License-Identifier: MIT
 *
 * Two ways to hold rows out: the original engine's (shuffle every row,
 * hold out the first ones) and a stratified one that keeps each class's
 * share; and the stratified k folds that cross-validation and the default
 * recipe's ensemble deal the rows into.  Every choice is a shuffle with
 * the caller's generator, so one seed gives one split. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The number of held-out rows for @n rows: max(1, round(n * frac)), the
 * original's rule in float (roundf rounds half away from zero). */
size_t
fe_split_count(size_t n, double frac)
{
	float v = roundf((float)n * (float)frac);
	size_t k = v < 1.0f ? 1 : (size_t)v;

	return k > n ? n : k;
}

/* The positions 0..n-1 of @rows grouped by class: order[] lists them class
 * by class (each class's in ascending position), start[k] .. start[k+1]
 * delimit class k.  Regression puts every row in one group. */
static int
group_by_class(const ferrum_table *t, const size_t *rows, size_t n, size_t **order,
               size_t **start, size_t *groups)
{
	const uint32_t *lab = ferrum_table_labels(t);
	size_t nc = lab != NULL ? ferrum_table_n_classes(t) : 1;
	size_t *o, *s, *fill, i;

	if (nc == 0)
		nc = 1;
	o = fe_alloc_array(n ? n : 1, sizeof *o);
	s = fe_calloc_array(nc + 1, sizeof *s);
	fill = fe_calloc_array(nc + 1, sizeof *fill);
	if (o == NULL || s == NULL || fill == NULL) {
		free(o);
		free(s);
		free(fill);
		return FERRUM_ENOMEM;
	}
	for (i = 0; i < n; i++)
		s[(lab != NULL ? lab[rows[i]] : 0) + 1]++;
	for (i = 0; i < nc; i++)
		s[i + 1] += s[i];
	memcpy(fill, s, (nc + 1) * sizeof *fill);
	for (i = 0; i < n; i++)
		o[fill[lab != NULL ? lab[rows[i]] : 0]++] = i;
	free(fill);
	*order = o;
	*start = s;
	*groups = nc;
	return FERRUM_OK;
}

int
fe_split_holdout(const ferrum_table *t, const size_t *rows, size_t n, double frac, fe_rng *rng,
               size_t *train, size_t *n_train, size_t *hold, size_t *n_hold, ferrum_error *err)
{
	size_t *order, *start, *quota, groups, total, given, k, i, nt = 0, nh = 0;
	double *rem;

	if (n < 2)
		return fe_error(err, FERRUM_EINVAL, "cannot split %zu row%s", n, n == 1 ? "" : "s");
	if (!(frac > 0.0 && frac < 1.0))
		return fe_error(err, FERRUM_EINVAL, "the held-out fraction must be between 0 and 1");
	if (group_by_class(t, rows, n, &order, &start, &groups) != FERRUM_OK)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	total = fe_split_count(n, frac);
	if (total >= n)
		total = n - 1; /* keep at least one training row */
	quota = fe_calloc_array(groups, sizeof *quota);
	rem = fe_calloc_array(groups, sizeof *rem);
	if (quota == NULL || rem == NULL) {
		free(quota);
		free(rem);
		free(order);
		free(start);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	/* Largest remainders: each class gets the floor of its exact share of
	 * the held-out rows; the rows left over go to the classes with the
	 * largest fractional parts (the lower class index on a tie). */
	given = 0;
	for (k = 0; k < groups; k++) {
		size_t nk = start[k + 1] - start[k];
		double exact = (double)total * (double)nk / (double)n;

		quota[k] = (size_t)floor(exact);
		rem[k] = exact - (double)quota[k];
		given += quota[k];
	}
	while (given < total) {
		size_t best = groups;

		for (k = 0; k < groups; k++) {
			size_t nk = start[k + 1] - start[k];

			if (quota[k] < nk && (best == groups || rem[k] > rem[best]))
				best = k;
		}
		if (best == groups)
			break;
		quota[best]++;
		rem[best] = -1.0;
		given++;
	}
	/* Shuffle within each class; its first quota rows are held out. */
	for (k = 0; k < groups; k++) {
		size_t nk = start[k + 1] - start[k];

		fe_rng_shuffle(rng, order + start[k], nk);
		for (i = 0; i < nk; i++) {
			if (i < quota[k])
				hold[nh++] = rows[order[start[k] + i]];
			else
				train[nt++] = rows[order[start[k] + i]];
		}
	}
	free(quota);
	free(rem);
	free(order);
	free(start);
	*n_train = nt;
	*n_hold = nh;
	return FERRUM_OK;
}

int
fe_split_folds(const ferrum_table *t, const size_t *rows, size_t n, unsigned k, fe_rng *rng,
               unsigned *fold, ferrum_error *err)
{
	size_t *order, *start, groups, g, pos;
	unsigned next = 0;

	if (k < 2 || (size_t)k > n)
		return fe_error(err, FERRUM_EINVAL, "cannot cut %zu rows into %u folds", n, k);
	if (group_by_class(t, rows, n, &order, &start, &groups) != FERRUM_OK)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	/* Dealing round-robin across the classes in turn keeps every fold's
	 * class mix within one row of the whole's, and the fold sizes within
	 * one row of each other. */
	for (g = 0; g < groups; g++) {
		fe_rng_shuffle(rng, order + start[g], start[g + 1] - start[g]);
		for (pos = start[g]; pos < start[g + 1]; pos++) {
			fold[order[pos]] = next;
			next = (next + 1) % k;
		}
	}
	free(order);
	free(start);
	return FERRUM_OK;
}

int
fe_split_shuffled(const ferrum_table *t, const size_t *rows, size_t n, double frac, fe_rng *rng,
                  size_t *train, size_t *n_train, size_t *hold, size_t *n_hold, ferrum_error *err)
{
	size_t nho, ntr;

	(void)t;
	if (n < 2)
		return fe_error(err, FERRUM_EINVAL, "cannot split %zu row%s", n, n == 1 ? "" : "s");
	if (!(frac > 0.0 && frac < 1.0))
		return fe_error(err, FERRUM_EINVAL, "the held-out fraction must be between 0 and 1");
	/* @hold receives the whole shuffled list; its first nho rows are the
	 * held-out ones, the rest are copied to @train. */
	memcpy(hold, rows, n * sizeof *hold);
	fe_rng_shuffle(rng, hold, n);
	nho = fe_split_count(n, frac);
	ntr = n - nho;
	if (ntr == 0)
		return fe_error(err, FERRUM_EINPUT, "cannot fit on 0 rows (%zu held out of %zu)", nho, n);
	memcpy(train, hold + nho, ntr * sizeof *train);
	*n_train = ntr;
	*n_hold = nho;
	return FERRUM_OK;
}

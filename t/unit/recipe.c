/* t/unit/recipe.c: the default recipe: determinism, early stopping's restored epoch, its folds, learning.
 * SPDX-License-Identifier: MIT
 *
 * The data are synthetic and generated here; the expectations follow from
 * how they were made (a separable rule, a linear target, labels that are
 * pure noise), never from this code's output. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ferrum_table *
read_table(const char *text)
{
	ferrum_csv *c;
	ferrum_table *t = NULL;
	ferrum_error err;

	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	if (ferrum_table_read(c, NULL, &t, &err) != FERRUM_OK)
		bail("table: %s", err.message);
	ferrum_csv_free(c);
	return t;
}

/* A uniform draw in [-1, 1) from a private generator (not the recipe's). */
static double
u11(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*s >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

/* @n rows of two features; kind 0: class "a" when x0 + x1 > 0, else "b"
 * (separable); kind 1: a class drawn independently of the features (pure
 * noise); kind 2: a regression target 3 x0 - 2 x1 + 10. */
static ferrum_table *
synth(size_t n, int kind, uint64_t seed)
{
	fe_buf b;
	ferrum_table *t;
	size_t i;

	fe_buf_init(&b);
	fe_buf_puts(&b, "x0,x1,y\n");
	for (i = 0; i < n; i++) {
		double x0 = u11(&seed), x1 = u11(&seed), r = u11(&seed);
		char line[96]; /* libc's printf: the library's does no floating point */

		if (kind == 0)
			snprintf(line, sizeof line, "%.6f,%.6f,%s\n", x0, x1, x0 + x1 > 0 ? "a" : "b");
		else if (kind == 1)
			snprintf(line, sizeof line, "%.6f,%.6f,%s\n", x0, x1, r > 0 ? "a" : "b");
		else
			snprintf(line, sizeof line, "%.6f,%.6f,%.6f\n", x0, x1, 3 * x0 - 2 * x1 + 10);
		fe_buf_puts(&b, line);
	}
	if (b.failed)
		bail("out of memory");
	t = read_table(b.data);
	fe_buf_free(&b);
	return t;
}

typedef struct fitted {
	fe_norm norm;
	fe_net net;
	fe_fit_info info;
} fitted;

static void
fit(const ferrum_table *t, const size_t *rows, size_t n, uint64_t seed, size_t hidden,
    size_t epochs, fitted *f)
{
	ferrum_train_options o;
	ferrum_error err;
	fe_rng rng;

	ferrum_train_options_init(&o);
	o.hidden = hidden;
	o.epochs = epochs;
	fe_rng_seed(&rng, seed);
	memset(f, 0, sizeof *f);
	if (fe_recipe_default.fit(&fe_recipe_default, t, rows, n, &o, &rng, &f->norm, &f->net,
	                          &f->info, &err) != FERRUM_OK)
		bail("fit: %s", err.message);
}

static void
fitted_free(fitted *f)
{
	fe_norm_free(&f->norm);
	fe_net_free(&f->net);
}

/* 1 when both networks hold the same bits. */
static int
same_net(const fe_net *a, const fe_net *b)
{
	size_t i;

	if (a->n_layers != b->n_layers)
		return 0;
	for (i = 0; i < a->n_layers; i++) {
		const fe_layer *x = &a->layers[i], *y = &b->layers[i];

		if (x->kind != y->kind || x->act != y->act || x->in != y->in || x->out != y->out)
			return 0;
		if (x->kind == FERRUM_LAYER_LINEAR &&
		    (memcmp(x->w, y->w, x->in * x->out * sizeof *x->w) != 0 ||
		     memcmp(x->b, y->b, x->out * sizeof *x->b) != 0))
			return 0;
	}
	return 1;
}

/* Outputs of @f for table rows @rows: class indices (argmax) or raw-unit
 * predictions. */
static void
predict(const ferrum_table *t, const fitted *f, const size_t *rows, size_t n, double *out)
{
	const size_t nf = ferrum_table_n_features(t), no = f->net.out_width;
	const float *x = ferrum_table_features(t);
	float *z = malloc(nf * sizeof *z), *o = malloc(no * sizeof *o);
	float *work = malloc(2 * f->net.max_width * sizeof *work);
	size_t i, j;

	if (z == NULL || o == NULL || work == NULL)
		bail("out of memory");
	for (i = 0; i < n; i++) {
		for (j = 0; j < nf; j++)
			z[j] = (x[rows[i] * nf + j] - f->norm.mean[j]) / f->norm.std[j];
		fe_net_forward(&f->net, 1, z, o, work);
		if (ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION)
			out[i] = (double)ferrum_argmax(o, no);
		else
			out[i] = (double)(o[0] * f->norm.std[nf] + f->norm.mean[nf]);
	}
	free(z);
	free(o);
	free(work);
}

static void
test_shape_and_determinism(void)
{
	ferrum_table *t = synth(120, 0, 11);
	size_t rows[120], i;
	fitted a, b, c;

	for (i = 0; i < 120; i++)
		rows[i] = i;
	fit(t, rows, 120, 42, 0, 0, &a);
	fit(t, rows, 120, 42, 0, 0, &b);
	fit(t, rows, 120, 43, 0, 0, &c);
	ok(a.net.n_layers == 4 && a.net.layers[0].kind == FERRUM_LAYER_LINEAR &&
	   a.net.layers[1].act == FERRUM_ACT_RELU && a.net.layers[2].kind == FERRUM_LAYER_LINEAR &&
	   a.net.layers[3].act == FERRUM_ACT_SOFTMAX,
	   "Linear, ReLU, Linear, Softmax");
	is_int((long long)a.net.layers[0].in, 2, "two inputs");
	is_int((long long)a.net.layers[0].out, 160, "default width 160 (5 members of 32)");
	is_int((long long)a.info.hidden, 160, "info.hidden says so");
	is_int((long long)a.net.layers[2].out, 2, "two outputs");
	is_int((long long)a.norm.n, 2, "one normaliser pair per feature");
	ok(a.info.best_epoch >= 1 && a.info.best_epoch <= a.info.epochs_run &&
	   a.info.epochs_run <= a.info.epochs,
	   "1 <= best epoch (%zu) <= epochs run (%zu) <= limit (%zu)", a.info.best_epoch,
	   a.info.epochs_run, a.info.epochs);
	ok(same_net(&a.net, &b.net), "same seed, same rows: the same weights, bit for bit");
	ok(memcmp(a.norm.mean, b.norm.mean, 2 * sizeof(float)) == 0 &&
	   memcmp(a.norm.std, b.norm.std, 2 * sizeof(float)) == 0,
	   "and the same normaliser");
	is_int((long long)a.info.best_epoch, (long long)b.info.best_epoch, "and the same epoch");
	ok(!same_net(&a.net, &c.net), "another seed gives other weights");
	fitted_free(&a);
	fitted_free(&b);
	fitted_free(&c);

	/* An explicit width is the merged network's width, split among the
	 * members (7 = 2+2+1+1+1; 3 units make 3 members of 1). */
	fit(t, rows, 120, 42, 7, 5, &a);
	is_int((long long)a.net.layers[0].out, 7, "--hidden 7 gives a network 7 wide");
	is_int((long long)a.info.epochs, 5, "an explicit epoch limit is kept");
	fit(t, rows, 120, 42, 3, 5, &b);
	is_int((long long)b.net.layers[0].out, 3, "--hidden 3 gives a network 3 wide");
	fitted_free(&a);
	fitted_free(&b);

	/* Two rows cannot be cut into validation folds: one network trains
	 * for the whole limit. */
	rows[0] = 0;
	rows[1] = 1;
	fit(t, rows, 2, 42, 0, 7, &a);
	is_int((long long)a.info.epochs_run, 7, "two rows: no early stopping, all 7 epochs");
	is_int((long long)a.info.best_epoch, 7, "and the last epoch is the one kept");
	fitted_free(&a);
	ferrum_table_free(t);
}

/* Early stopping keeps the best epoch: on labels that are pure noise the
 * validation score peaks early.  A fit whose limit is exactly that epoch
 * ends with the weights of that epoch; a fit allowed one more epoch (which
 * was no better) must restore them too, and the fit with the long limit
 * as well: all three carry the same bits. */
static void
test_early_stopping(void)
{
	ferrum_table *t = synth(80, 1, 5);
	size_t rows[80], i, b;
	fitted a, c, d;

	for (i = 0; i < 80; i++)
		rows[i] = i;
	fit(t, rows, 80, 7, 0, 300, &a);
	b = a.info.best_epoch;
	ok(b < a.info.epochs_run, "noise labels: stopped early (best %zu, ran %zu)", b,
	   a.info.epochs_run);
	is_int((long long)(a.info.epochs_run - b), 100, "after 100 epochs without improvement");
	fit(t, rows, 80, 7, 0, b, &c);
	fit(t, rows, 80, 7, 0, b + 1, &d);
	is_int((long long)c.info.best_epoch, (long long)b, "a limit of %zu epochs keeps epoch %zu", b,
	       b);
	is_int((long long)d.info.epochs_run, (long long)b + 1, "a limit one higher runs %zu",
	       b + 1);
	is_int((long long)d.info.best_epoch, (long long)b, "and keeps epoch %zu", b);
	ok(same_net(&a.net, &c.net), "the long fit's weights are those after epoch %zu", b);
	ok(same_net(&d.net, &c.net), "so are the weights of the fit one epoch longer");
	fitted_free(&a);
	fitted_free(&c);
	fitted_free(&d);
	ferrum_table_free(t);
}

/* The recipe's validation folds come from fe_split_folds with K = 5:
 * every row in exactly one fold, fold sizes within one of n/5, and each
 * class spread evenly (within one row of its count / 5). */
static void
test_folds(void)
{
	enum { N = 103 };
	char text[N * 16 + 16], *p = text;
	ferrum_table *t;
	size_t rows[N], i, f, size[5] = {0}, per[5][3] = {{0}};
	unsigned fold[N];
	const size_t count[3] = {65, 26, 12};
	fe_rng rng;
	ferrum_error err;
	int ok_size = 1, ok_class = 1, ok_range = 1;

	/* Per 8 rows 5 a, 2 b (i % 8 = 3, 5) and 1 c (i % 8 = 7): 12 full
	 * cycles and rows 96..102, so 65 a, 26 b and 12 c. */
	p += sprintf(p, "x,y\n");
	for (i = 0; i < N; i++) {
		const char *c = i % 8 == 7 ? "c" : (i % 8 == 3 || i % 8 == 5 ? "b" : "a");

		p += sprintf(p, "%zu,%s\n", i, c);
	}
	t = read_table(text);
	is_int((long long)ferrum_table_class_count(t, 0), 65, "class a has 65 rows");
	is_int((long long)ferrum_table_class_count(t, 1), 26, "class b has 26 rows");
	is_int((long long)ferrum_table_class_count(t, 2), 12, "class c has 12 rows");
	for (i = 0; i < N; i++)
		rows[i] = i;
	fe_rng_seed(&rng, 9);
	if (fe_split_folds(t, rows, N, 5, &rng, fold, &err) != FERRUM_OK)
		bail("folds: %s", err.message);
	for (i = 0; i < N; i++) {
		if (fold[i] >= 5) {
			ok_range = 0;
			continue;
		}
		size[fold[i]]++;
		per[fold[i]][ferrum_table_labels(t)[i]]++;
	}
	ok(ok_range, "every row has a fold in [0, 5)");
	for (f = 0; f < 5; f++) {
		size_t k;

		/* 103 / 5 = 20.6: sizes 20 or 21. */
		if (size[f] < 20 || size[f] > 21)
			ok_size = 0;
		for (k = 0; k < 3; k++) {
			double want = (double)count[k] / 5.0;

			if (fabs((double)per[f][k] - want) >= 1.0)
				ok_class = 0;
		}
	}
	ok(ok_size, "fold sizes are 20 or 21 (%zu %zu %zu %zu %zu)", size[0], size[1], size[2],
	   size[3], size[4]);
	ok(ok_class, "each fold holds each class's share within one row");
	ferrum_table_free(t);
}

/* The fit learns: on held-out rows of a separable problem it is far above
 * the majority class, and on a linear target its error is far below the
 * target's spread. */
static void
test_learns(void)
{
	ferrum_table *t = synth(400, 0, 3);
	size_t rows[400], i, right = 0, major = 0;
	double pred[100], se = 0.0, mean = 0.0, var = 0.0;
	fitted f;
	const uint32_t *lab;
	const float *y;

	for (i = 0; i < 400; i++)
		rows[i] = i;
	fit(t, rows, 300, 1, 0, 0, &f);
	predict(t, &f, rows + 300, 100, pred);
	lab = ferrum_table_labels(t);
	for (i = 300; i < 400; i++) {
		right += pred[i - 300] == (double)lab[i];
		major += lab[i] == 0;
	}
	if (major < 50)
		major = 100 - major;
	ok(right >= 95, "separable rule: %zu of 100 held-out rows right (majority baseline %zu)",
	   right, major);
	fitted_free(&f);
	ferrum_table_free(t);

	t = synth(400, 2, 4);
	fit(t, rows, 300, 1, 0, 0, &f);
	is_int((long long)f.norm.n, 3, "regression: a target pair after the feature pairs");
	ok(f.net.layers[3].act == FERRUM_ACT_IDENTITY, "regression ends in Identity");
	predict(t, &f, rows + 300, 100, pred);
	y = ferrum_table_targets(t);
	for (i = 300; i < 400; i++)
		mean += y[i] / 100.0;
	for (i = 300; i < 400; i++) {
		se += (pred[i - 300] - y[i]) * (pred[i - 300] - y[i]);
		var += (y[i] - mean) * (y[i] - mean);
	}
	/* Predicting the mean scores RMSE = sd(y) ~ 2.1 (3 x0 - 2 x1 with
	 * uniform x in [-1, 1]); a fit should be ten times closer. */
	ok(sqrt(se / 100.0) < 0.1 * sqrt(var / 100.0),
	   "linear target: held-out RMSE %.4f below a tenth of its sd %.4f", sqrt(se / 100.0),
	   sqrt(var / 100.0));
	fitted_free(&f);
	ferrum_table_free(t);
}

/* The step size: constant, or on a budget-cut run falling linearly from
 * lr0 in the first epoch to lr0 / epochs in the last. */
static void
test_step_size(void)
{
	size_t e;
	int monotone = 1;

	ok(fe_recipe_step_size(0.004f, 0, 0, 90) == 0.004f &&
	   fe_recipe_step_size(0.004f, 0, 89, 90) == 0.004f, "constant step size without the budget");
	ok(fe_recipe_step_size(0.006f, 1, 0, 90) == 0.006f, "annealed: lr0 in the first epoch");
	ok(fabs(fe_recipe_step_size(0.006f, 1, 89, 90) - 0.006 / 90.0) < 1e-9,
	   "annealed: lr0 / epochs in the last epoch");
	ok(fabs(fe_recipe_step_size(0.006f, 1, 45, 90) - 0.003) < 1e-9, "annealed: half way, half");
	for (e = 1; e < 90; e++)
		if (!(fe_recipe_step_size(0.006f, 1, e, 90) < fe_recipe_step_size(0.006f, 1, e - 1, 90)))
			monotone = 0;
	ok(monotone, "annealed: falls every epoch");
}

/* On an input large enough for the row budget to cut the epoch limit
 * (1.5M row-epochs: 250 epochs for 6000 rows) the step size anneals: the
 * fit differs from the constant-step fit of the same limit, and on a
 * noise-free linear target it ends closer, the steps having shrunk. */
static void
test_budget_anneals(void)
{
	ferrum_table *t = synth(6000, 2, 5);
	size_t *rows = malloc(6000 * sizeof *rows), i;
	double pa[6000], pc[6000], sa = 0.0, sc = 0.0;
	const float *y = ferrum_table_targets(t);
	fitted a, c;

	if (rows == NULL)
		bail("out of memory");
	for (i = 0; i < 6000; i++)
		rows[i] = i;
	fit(t, rows, 6000, 1, 10, 0, &a);
	is_int((long long)a.info.epochs, 250, "the budget cuts the limit to 250 epochs");
	fit(t, rows, 6000, 1, 10, 250, &c);
	ok(!same_net(&a.net, &c.net), "the budget-cut fit is not the constant-step one");
	predict(t, &a, rows, 6000, pa);
	predict(t, &c, rows, 6000, pc);
	for (i = 0; i < 6000; i++) {
		sa += (pa[i] - y[i]) * (pa[i] - y[i]);
		sc += (pc[i] - y[i]) * (pc[i] - y[i]);
	}
	ok(sa < sc, "annealed steps fit the linear target closer: RMSE %.5f < %.5f",
	   sqrt(sa / 6000.0), sqrt(sc / 6000.0));
	fitted_free(&a);
	fitted_free(&c);
	free(rows);
	ferrum_table_free(t);
}

int
main(void)
{
	plan_lazy();
	test_shape_and_determinism();
	test_early_stopping();
	test_folds();
	test_learns();
	test_step_size();
	test_budget_anneals();
	return done_testing();
}

/* t/unit/train.c: the training module: split sizes and stratification, folds, the normaliser
 * fit, the metrics against hand-computed figures, the report and its JSON, determinism.
 * SPDX-License-Identifier: MIT
 *
 * Expected values are worked out by hand in the comments (or follow from
 * the original engine's rules in the format notes, section 8), never taken
 * from this code's output. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ferrum_table *
read_table(const char *text, int task)
{
	ferrum_csv *c;
	ferrum_table *t = NULL;
	ferrum_table_options o;
	ferrum_error err;

	ferrum_table_options_init(&o);
	o.task = task;
	o.strict_ferrum = 1; /* every column a feature, as these tests count them */
	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	if (ferrum_table_read(c, &o, &t, &err) != FERRUM_OK)
		bail("table: %s", err.message);
	ferrum_csv_free(c);
	return t;
}

/* A classification table of @n rows whose label of row i is lab[i]. */
static ferrum_table *
class_table(size_t n, const int *lab)
{
	char *text = malloc(32 * n + 16), *p = text;
	ferrum_table *t;
	size_t i;

	p += sprintf(p, "x,y,label\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "%zu,%zu,c%d\n", i, (i * 7) % 11, lab[i]);
	t = read_table(text, FERRUM_TASK_CLASSIFICATION);
	free(text);
	return t;
}

static void
test_split(void)
{
	int lab[150];
	size_t rows[150], tr[150], ho[150], ntr, nho, i, count[3];
	char seen[150];
	ferrum_table *t;
	fe_rng rng;
	ferrum_error err;
	int disjoint = 1;

	/* 150 rows, three classes of 50: a fifth held out is 30 rows, 10 of
	 * each class. */
	for (i = 0; i < 150; i++) {
		lab[i] = (int)(i % 3);
		rows[i] = i;
	}
	t = class_table(150, lab);
	fe_rng_seed(&rng, 1337);
	is_int(fe_split_holdout(t, rows, 150, 0.2, &rng, tr, &ntr, ho, &nho, &err), 0, "split 150");
	is_int((long long)nho, 30, "30 held out");
	is_int((long long)ntr, 120, "120 to train");
	memset(seen, 0, sizeof seen);
	memset(count, 0, sizeof count);
	for (i = 0; i < nho; i++) {
		disjoint &= !seen[ho[i]];
		seen[ho[i]] = 1;
		count[lab[ho[i]]]++;
	}
	for (i = 0; i < ntr; i++) {
		disjoint &= !seen[tr[i]];
		seen[tr[i]] = 1;
	}
	ok(disjoint && memchr(seen, 0, sizeof seen) == NULL, "every row once, in one part");
	ok(count[0] == 10 && count[1] == 10 && count[2] == 10, "10 held out per class (%zu %zu %zu)",
	   count[0], count[1], count[2]);
	ferrum_table_free(t);

	/* 10 rows, classes of 7 and 3, fraction 0.3: 3 held out; exact shares
	 * 2.1 and 0.9, floors 2 and 0, the spare row goes to the larger
	 * remainder (0.9): 2 and 1. */
	for (i = 0; i < 10; i++) {
		lab[i] = i < 7 ? 0 : 1;
		rows[i] = i;
	}
	t = class_table(10, lab);
	fe_rng_seed(&rng, 1);
	is_int(fe_split_holdout(t, rows, 10, 0.3, &rng, tr, &ntr, ho, &nho, &err), 0, "split 10");
	memset(count, 0, sizeof count);
	for (i = 0; i < nho; i++)
		count[lab[ho[i]]]++;
	ok(nho == 3 && count[0] == 2 && count[1] == 1, "largest remainder: 2 + 1 (%zu: %zu %zu)", nho,
	   count[0], count[1]);

	/* A tiny fraction still holds out one row; a row must stay to train. */
	fe_rng_seed(&rng, 1);
	fe_split_holdout(t, rows, 10, 0.001, &rng, tr, &ntr, ho, &nho, &err);
	ok(nho == 1 && ntr == 9, "at least one held out (%zu)", nho);
	fe_rng_seed(&rng, 1);
	fe_split_holdout(t, rows, 10, 0.99, &rng, tr, &ntr, ho, &nho, &err);
	ok(nho == 9 && ntr == 1, "at least one to train (%zu)", ntr);
	is_int(fe_split_holdout(t, rows, 1, 0.2, &rng, tr, &ntr, ho, &nho, &err), FERRUM_EINVAL,
	       "one row cannot be split");
	is_int(fe_split_holdout(t, rows, 10, 1.0, &rng, tr, &ntr, ho, &nho, &err), FERRUM_EINVAL,
	       "fraction 1 refused");

	/* The same seed, the same split. */
	{
		size_t ho2[150], nho2, ntr2;

		fe_rng_seed(&rng, 99);
		fe_split_holdout(t, rows, 10, 0.3, &rng, tr, &ntr, ho, &nho, &err);
		fe_rng_seed(&rng, 99);
		fe_split_holdout(t, rows, 10, 0.3, &rng, tr, &ntr2, ho2, &nho2, &err);
		ok(nho == nho2 && memcmp(ho, ho2, nho * sizeof *ho) == 0, "seeded: reproducible");
	}
	ferrum_table_free(t);
}

static void
test_folds(void)
{
	int lab[23];
	size_t rows[23], i, f, size[5], per[5][2];
	unsigned fold[23];
	ferrum_table *t;
	fe_rng rng;
	ferrum_error err;
	int fine = 1;

	/* 23 rows: 15 of class 0, 8 of class 1, in 5 folds.  Sizes must be 4
	 * or 5 (23 = 3*5 + 2*4), class 0 gives each fold 3 rows, class 1
	 * gives 1 or 2. */
	for (i = 0; i < 23; i++) {
		lab[i] = i < 15 ? 0 : 1;
		rows[i] = i;
	}
	t = class_table(23, lab);
	{
		size_t c0 = 0;

		for (i = 0; i < 23; i++)
			c0 += lab[i] == 0;
		if (c0 != 15)
			bail("fixture: %zu rows of class 0", c0);
	}
	fe_rng_seed(&rng, 5);
	is_int(fe_split_folds(t, rows, 23, 5, &rng, fold, &err), 0, "folds");
	memset(size, 0, sizeof size);
	memset(per, 0, sizeof per);
	for (i = 0; i < 23; i++) {
		if (fold[i] >= 5) {
			fine = 0;
			continue;
		}
		size[fold[i]]++;
		per[fold[i]][lab[i]]++;
	}
	ok(fine, "fold numbers in range");
	for (f = 0; f < 5; f++) {
		fine &= size[f] == 4 || size[f] == 5;
		fine &= per[f][0] == 3;
		fine &= per[f][1] == 1 || per[f][1] == 2;
	}
	ok(fine, "fold sizes 4-5, class 0: 3 per fold, class 1: 1-2 per fold");
	is_int(fe_split_folds(t, rows, 23, 1, &rng, fold, &err), FERRUM_EINVAL, "k = 1 refused");
	is_int(fe_split_folds(t, rows, 3, 4, &rng, fold, &err), FERRUM_EINVAL, "k > n refused");
	ferrum_table_free(t);
}

static void
test_norm(void)
{
	/* Column a: 1 2 3 4 (mean 2.5, population variance 1.25); column b
	 * constant 7 (std 0 becomes 1); the target 10 20 30 40 (mean 25,
	 * variance 125).  Fitted on rows 0-3 only; row 4 must not count. */
	const char *text = "a,b,y\n1,7,10\n2,7,20\n3,7,30\n4,7,40\n100,8,1000\n";
	size_t rows[4] = {3, 1, 0, 2};
	ferrum_table *t = read_table(text, FERRUM_TASK_REGRESSION);
	fe_norm n;
	ferrum_error err;

	is_int(fe_fit_norm(t, rows, 4, &n, &err), 0, "norm fit");
	is_int((long long)n.n, 3, "two features and the target pair");
	is_double(n.mean[0], 2.5, 0, "mean a");
	is_double(n.std[0], sqrtf(1.25f), 0, "population std a");
	is_double(n.mean[1], 7, 0, "mean b");
	is_double(n.std[1], 1, 0, "constant feature: std 1");
	is_double(n.mean[2], 25, 0, "target mean");
	is_double(n.std[2], sqrtf(125.0f), 0, "target std");
	fe_norm_free(&n);
	ferrum_table_free(t);

	/* A constant target keeps max(std, 1e-8), not 1; and its sum starts
	 * at -0, so targets that are all -0 give a mean of -0. */
	t = read_table("a,y\n1,-0\n2,-0.0\n3,-0.00\n4,5\n", FERRUM_TASK_REGRESSION);
	{
		size_t r3[3] = {0, 1, 2};

		is_int(fe_fit_norm(t, r3, 3, &n, &err), 0, "norm fit, -0 targets");
		ok(n.mean[1] == 0.0f && signbit(n.mean[1]), "target mean is -0");
		is_double(n.std[1], 1e-8f, 0, "zero target variance: std 1e-8");
		ok(!signbit(n.mean[0]), "feature sums start from +0");
		fe_norm_free(&n);
	}
	ferrum_table_free(t);
}

static void
test_metrics(void)
{
	/* Six rows, three classes.  Truth 0 0 1 1 2 2; predictions (argmax)
	 * 0 1 1 1 2 0.  Confusion [true][pred]: [1 1 0; 0 2 0; 1 0 1].
	 * Accuracy 4/6.  F1: class 0: tp 1, fp 1, fn 1 -> 2/4 = 0.5;
	 * class 1: tp 2, fp 1, fn 0 -> 4/5 = 0.8; class 2: tp 1, fp 0, fn 1 ->
	 * 2/3.  Macro-F1 (0.5 + 0.8 + 2/3) / 3.  Log-loss: the mean of -ln of
	 * the true class's probability: .7 .3 .6 .5 .8 .1. */
	const float out[18] = {
		.7f, .2f, .1f,
		.3f, .6f, .1f,
		.2f, .6f, .2f,
		.25f, .5f, .25f,
		.1f, .1f, .8f,
		.5f, .4f, .1f,
	};
	const uint32_t lab[6] = {0, 0, 1, 1, 2, 2};
	const size_t want[9] = {1, 1, 0, 0, 2, 0, 1, 0, 1};
	size_t conf[9];
	ferrum_metrics m;
	double ll;

	ferrum_metrics_compute(FERRUM_TASK_CLASSIFICATION, 6, 3, out, lab, NULL, &m, conf);
	is_blob(conf, sizeof conf, want, sizeof want, "confusion matrix");
	is_double(m.accuracy, 4.0 / 6.0, 1e-15, "accuracy");
	is_double(m.macro_f1, (0.5 + 0.8 + 2.0 / 3.0) / 3.0, 1e-12, "macro-F1");
	ll = -(log(.7f) + log(.3f) + log(.6f) + log(.5f) + log(.8f) + log(.1f)) / 6.0;
	is_double(m.log_loss, ll, 1e-12, "log-loss");
	ok(isnan(m.rmse) && isnan(m.r2), "regression figures are NaN");
	is_int((long long)m.rows, 6, "rows");

	/* Class 2 is neither true nor predicted in these rows: the mean runs
	 * over classes 0 and 1 only.  Truth 0 0 1, predictions 0 1 1: class 0
	 * F1 2/3 (tp 1, fn 1), class 1 F1 2/3 (tp 1, fp 1). */
	{
		const float o2[9] = {.9f, .1f, 0, .4f, .6f, 0, .2f, .8f, 0};
		const uint32_t l2[3] = {0, 0, 1};

		ferrum_metrics_compute(FERRUM_TASK_CLASSIFICATION, 3, 3, o2, l2, NULL, &m, NULL);
		is_double(m.macro_f1, 2.0 / 3.0, 1e-12, "macro-F1 skips a class absent from both");
	}
	/* A class predicted but never true counts with F1 0: truth 0 0,
	 * predictions 0 1: class 0 F1 2/3, class 1 F1 0. */
	{
		const float o3[4] = {.9f, .1f, .1f, .9f};
		const uint32_t l3[2] = {0, 0};

		ferrum_metrics_compute(FERRUM_TASK_CLASSIFICATION, 2, 2, o3, l3, NULL, &m, NULL);
		is_double(m.macro_f1, (2.0 / 3.0 + 0.0) / 2.0, 1e-12, "a wrongly predicted class scores 0");
	}
	/* A zero probability is clamped at 1e-15. */
	{
		const float o4[2] = {1, 0};
		const uint32_t l4[1] = {1};

		ferrum_metrics_compute(FERRUM_TASK_CLASSIFICATION, 1, 2, o4, l4, NULL, &m, NULL);
		is_double(m.log_loss, -log(1e-15), 1e-9, "log-loss clamped at 1e-15");
	}
	/* Regression: predictions 1 2 3 4 against 1 2 3 4 are perfect: R2 1,
	 * RMSE 0.  Against 2 2 2 6: errors -1 0 1 -2, squared 1 0 1 4 (mean
	 * 1.5), absolute mean 1; SS_tot about the mean 3.0 is 1+1+1+9 = 12,
	 * R2 = 1 - 6/12. */
	{
		const float p[4] = {1, 2, 3, 4}, y1[4] = {1, 2, 3, 4}, y2[4] = {2, 2, 2, 6};

		ferrum_metrics_compute(FERRUM_TASK_REGRESSION, 4, 1, p, NULL, y1, &m, NULL);
		is_double(m.r2, 1.0, 0, "perfect prediction: R2 1");
		is_double(m.rmse, 0.0, 0, "perfect prediction: RMSE 0");
		ferrum_metrics_compute(FERRUM_TASK_REGRESSION, 4, 1, p, NULL, y2, &m, NULL);
		is_double(m.rmse, sqrt(1.5), 1e-15, "RMSE");
		is_double(m.mae, 1.0, 1e-15, "MAE");
		is_double(m.r2, 0.5, 1e-15, "R2");
		ok(isnan(m.accuracy), "accuracy is NaN for regression");
		ferrum_metrics_compute(FERRUM_TASK_REGRESSION, 4, 1, p, NULL, (const float[]){3, 3, 3, 3},
		                       &m, NULL);
		ok(isnan(m.r2), "constant targets: R2 undefined (NaN)");
	}
}

static ferrum_table *
iris_like(void)
{
	/* Three well separated classes of 20 rows in two features, 60 rows. */
	static char text[4096];
	char *p = text;
	int i;

	p += sprintf(p, "u,v,kind\n");
	for (i = 0; i < 60; i++) {
		int k = i % 3;

		p += sprintf(p, "%d.%d,%d.%d,%s\n", k * 3 + i % 2, i % 10, k * 2, (i * 7) % 10,
		             k == 0 ? "red" : k == 1 ? "green" : "blue");
	}
	return read_table(text, -1);
}

static void
test_train(void)
{
	ferrum_table *t = iris_like();
	ferrum_train_options o;
	ferrum_model *m1 = NULL, *m2 = NULL;
	ferrum_train_report *r = NULL;
	ferrum_error err;
	unsigned char *b1 = NULL, *b2 = NULL;
	size_t l1 = 0, l2 = 0;
	char *json = NULL;
	fe_json *doc = NULL;
	size_t len;

	ferrum_train_options_init(&o);
	is_int(o.recipe, FERRUM_RECIPE_DEFAULT, "default recipe by default");
	is_int((long long)o.seed, 1337, "seed 1337 by default");
	is_double(o.holdout, 0.2, 0, "held-out 0.2 by default");
	o.recipe = FERRUM_RECIPE_FERRUM;
	o.epochs = 20;
	o.hidden = 8;
	o.dataset_name = "unit";
	is_int(ferrum_train(t, &o, &m1, &r, &err), 0, "ferrum_train: %s", err.message);
	if (r == NULL || m1 == NULL)
		bail("no model or report");
	/* 60 rows: val_n = roundf(60 * 0.2f) = 12. */
	is_int((long long)r->holdout_rows, 12, "ferrum split: 12 held out");
	is_int((long long)r->train_rows, 48, "ferrum split: 48 trained on");
	is_int((long long)r->epochs_run, 20, "epochs run");
	is_int((long long)r->n_classes, 3, "three classes");
	is_int((long long)r->holdout.rows, 12, "held-out metrics on 12 rows");
	{
		size_t i, sum = 0;

		for (i = 0; i < 9; i++)
			sum += r->confusion[i];
		is_int((long long)sum, 12, "confusion matrix counts the held-out rows");
	}
	ok(r->holdout.accuracy >= 0 && r->holdout.accuracy <= 1, "accuracy is a fraction");
	is_int(ferrum_train(t, &o, &m2, NULL, &err), 0, "again, without a report");
	ferrum_model_write(m1, &b1, &l1, NULL);
	ferrum_model_write(m2, &b2, &l2, NULL);
	is_blob(b1, l1, b2, l2, "same options, same bytes");
	ok(ferrum_model_metadata_get(m1, "recipe") == NULL,
	   "the ferrum recipe writes only the nine standard keys");
	is_string(ferrum_model_dataset_name(m1), "unit", "dataset name");
	is_string(ferrum_model_target_name(m1), "", "classification target name is empty");

	is_int(ferrum_train_report_json(r, &json, &len), 0, "report JSON");
	is_int(fe_json_parse(json, len, &doc, NULL), 0, "report JSON parses");
	if (doc != NULL) {
		static const char *keys[] = {"task",         "rows",    "features", "train_rows",
		                             "holdout_rows", "seed",    "recipe",   "epochs_run",
		                             "seconds",      "holdout", "train",    "confusion",
		                             "skipped"};
		size_t i;
		int all = 1;

		for (i = 0; i < sizeof keys / sizeof *keys; i++)
			all &= fe_json_get(doc, keys[i]) != NULL;
		ok(all && doc->n == sizeof keys / sizeof *keys, "exactly the report keys (%zu)", doc->n);
		ok(fe_json_get(doc, "cv") == NULL, "no cv without --cv");
		{
			/* The held-out matrix, row by row, as r->confusion holds it. */
			const fe_json *c = fe_json_get(doc, "confusion");
			size_t j;
			int same = c != NULL && c->type == FE_JSON_ARRAY && c->n == 3;

			for (i = 0; same && i < 3; i++) {
				same &= c->items[i].type == FE_JSON_ARRAY && c->items[i].n == 3;
				for (j = 0; same && j < 3; j++)
					same &= c->items[i].items[j].type == FE_JSON_NUMBER &&
					        c->items[i].items[j].number ==
					            (double)r->confusion[i * 3 + j];
			}
			ok(same, "confusion: the 3 x 3 matrix of the report");
		}
		ok(fe_json_get(fe_json_get(doc, "holdout"), "macro_f1") != NULL, "holdout.macro_f1");
		is_string(fe_json_get(doc, "recipe")->text, "ferrum", "recipe name");
	}
	fe_json_free(doc);
	ferrum_free(json);
	ferrum_train_report_free(r);
	r = NULL;
	ferrum_model_free(m2);
	m2 = NULL;
	free(b2);

	/* Cross-validation: K fold figures and their mean; the model is
	 * still the single fit. */
	o.cv = 4;
	is_int(ferrum_train(t, &o, &m2, &r, &err), 0, "with --cv=4");
	is_int((long long)r->cv_k, 4, "four folds");
	{
		double mean = 0;
		size_t rows = 0;
		unsigned f;

		for (f = 0; f < 4; f++) {
			mean += r->cv_folds[f].accuracy;
			rows += r->cv_folds[f].rows;
		}
		is_int((long long)rows, 60, "the folds cover every row once");
		is_double(r->cv_mean.accuracy, mean / 4, 1e-12, "mean of the folds");
	}
	ferrum_model_write(m2, &b2, &l2, NULL);
	is_blob(b2, l2, b1, l1, "cross-validation leaves the model unchanged");
	ferrum_train_report_json(r, &json, &len);
	doc = NULL;
	fe_json_parse(json, len, &doc, NULL);
	ok(doc != NULL && fe_json_get(doc, "cv") != NULL &&
	       fe_json_get(fe_json_get(doc, "cv"), "folds")->n == 4,
	   "JSON cv.folds has 4 entries");
	fe_json_free(doc);
	ferrum_free(json);
	ferrum_train_report_free(r);
	ferrum_model_free(m2);
	free(b2);
	ferrum_model_free(m1);

	/* Option checks. */
	o.cv = 1;
	is_int(ferrum_train(t, &o, NULL, NULL, &err), FERRUM_EINVAL, "cv 1 refused");
	o.cv = 0;
	o.holdout = 0;
	is_int(ferrum_train(t, &o, NULL, NULL, &err), FERRUM_EINVAL, "held-out 0 refused");
	o.holdout = 0.2;
	o.seed = 7;
	m1 = NULL;
	is_int(ferrum_train(t, &o, &m1, NULL, &err), 0, "another seed");
	ferrum_model_write(m1, &b2, &l2, NULL);
	ok(l1 != l2 || memcmp(b1, b2, l1) != 0, "another seed, other bytes");
	free(b1);
	free(b2);
	ferrum_model_free(m1);
	ferrum_table_free(t);
}

/* Real tables: a numeric gap takes the median of the rows a fit trains
 * on, and nothing of the others. */
static void
test_gaps(void)
{
	/* Column a: 1, gap, 3, 10, gap, 100; b has no gap. */
	const char *text = "a,b,y\n1,5,p\nNA,6,q\n3,7,p\n10,8,q\n,9,p\n100,4,q\n";
	ferrum_csv *c;
	ferrum_table *t = NULL;
	ferrum_error err;
	float *fill = NULL;
	size_t r3[3] = {0, 1, 2}, r4[4] = {3, 0, 2, 1}, r2[2] = {1, 4}, all[6] = {0, 1, 2, 3, 4, 5};
	const unsigned char *gap;
	ferrum_schema *s;

	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	is_int(ferrum_table_read(c, NULL, &t, &err), 0, "a real table with gaps (%s)", err.message);
	ferrum_csv_free(c);
	if (t == NULL)
		return;
	is_int((long long)ferrum_table_n_features(t), 3, "a, a=(missing), b");
	ok(isnan(ferrum_table_features(t)[3]), "the gap stays NaN in the table");
	gap = fe_table_gaps(t);
	ok(gap != NULL && gap[0] == 1 && gap[1] == 0 && gap[2] == 0, "only input a has gaps");
	is_int(fe_fit_fill(t, r3, 3, &fill, &err), 0, "fill on rows 0-2");
	ok(fill != NULL && fill[0] == 2.0f, "median of 1 and 3 (row 1 a gap, rows 3-5 unseen): %g",
	   fill != NULL ? (double)fill[0] : -1.0);
	free(fill);
	is_int(fe_fit_fill(t, r4, 4, &fill, &err), 0, "fill on rows 0-3");
	ok(fill != NULL && fill[0] == 3.0f, "median of 1, 3, 10: 3");
	free(fill);
	is_int(fe_fit_fill(t, r2, 2, &fill, &err), 0, "fill on two gaps");
	ok(fill != NULL && fill[0] == 0.0f, "no value among the rows: 0");
	free(fill);
	s = fe_schema_copy(ferrum_table_schema(t));
	is_int(fe_fit_schema(t, all, 6, s, &err), 0, "schema fit on every row");
	if (s != NULL) {
		const ferrum_column *a = ferrum_schema_column(s, 0), *b = ferrum_schema_column(s, 1);

		ok(a->median == 6.5f && a->min == 1.0f && a->max == 100.0f,
		   "a: median 6.5 (mean of 3 and 10), min 1, max 100");
		ok(b->median == 6.5f && b->min == 4.0f && b->max == 9.0f, "b: median 6.5, 4..9");
	}
	ferrum_schema_free(s);
	/* The normaliser sees the filled values: mean of 1, 2, 3 on rows 0-2. */
	{
		fe_norm n;

		is_int(fe_fit_norm(t, r3, 3, &n, &err), 0, "norm fit with a gap");
		ok(n.mean[0] == 2.0f && n.mean[1] == 1.0f / 3.0f, "mean a 2 (gap filled), indicator 1/3");
		fe_norm_free(&n);
	}
	ferrum_table_free(t);
}

/* The monitor: called once per epoch of the final fit, in order; a stop
 * keeps the best epoch so far; a monitor that never stops changes no
 * byte. */
typedef struct mon {
	size_t calls, stop_at, last;
	int in_order, finite, consistent;
	int validates; /* expect a finite validation loss */
} mon;

static int
on_monitor(void *ctx, const ferrum_progress *p)
{
	mon *m = ctx;

	m->calls++;
	if (p->epoch != m->last + 1)
		m->in_order = 0;
	m->last = p->epoch;
	if (!isfinite(p->loss) ||
	    (m->validates ? !isfinite(p->val_loss) || !isfinite(p->best_val_loss)
	                  : !isnan(p->val_loss) || !isnan(p->best_val_loss)))
		m->finite = 0;
	if (p->best_epoch < 1 || p->best_epoch > p->epoch || p->last_epoch < p->epoch ||
	    p->last_epoch > p->epochs)
		m->consistent = 0;
	return m->stop_at != 0 && p->epoch >= m->stop_at;
}

static void
test_monitor(void)
{
	ferrum_table *t = iris_like();
	ferrum_train_options o;
	ferrum_model *m0 = NULL, *m1 = NULL, *back = NULL;
	ferrum_train_report *r = NULL;
	ferrum_error err;
	unsigned char *b0 = NULL, *b1 = NULL;
	size_t l0 = 0, l1 = 0, len = 0;
	char *json = NULL;
	mon mo;
	int recipe;

	for (recipe = FERRUM_RECIPE_DEFAULT; recipe <= FERRUM_RECIPE_FERRUM; recipe++) {
		const char *rn = recipe == FERRUM_RECIPE_DEFAULT ? "default" : "ferrum";

		ferrum_train_options_init(&o);
		o.recipe = recipe;
		o.hidden = 10;
		o.epochs = 40;
		is_int(ferrum_train(t, &o, &m0, NULL, &err), 0, "%s: without a monitor", rn);
		ferrum_model_write(m0, &b0, &l0, NULL);

		memset(&mo, 0, sizeof mo);
		mo.in_order = mo.finite = mo.consistent = 1;
		mo.validates = recipe == FERRUM_RECIPE_DEFAULT;
		o.monitor = on_monitor;
		o.monitor_ctx = &mo;
		is_int(ferrum_train(t, &o, &m1, &r, &err), 0, "%s: with a monitor", rn);
		if (r == NULL)
			bail("no report");
		is_int((long long)mo.calls, (long long)r->epochs_run, "%s: one call per epoch run (%zu)",
		       rn, mo.calls);
		ok(mo.in_order, "%s: epochs 1, 2, ... in order", rn);
		ok(mo.finite, "%s: finite losses (validation loss NaN without validation)", rn);
		ok(mo.consistent, "%s: best_epoch <= epoch <= last_epoch <= epochs", rn);
		is_int(r->stopped, 0, "%s: not stopped", rn);
		ferrum_model_write(m1, &b1, &l1, NULL);
		is_blob(b1, l1, b0, l0, "%s: a monitor that never stops changes no byte", rn);
		ferrum_train_report_json(r, &json, &len);
		ok(json != NULL && strstr(json, "\"stopped\"") == NULL, "%s: no stopped in the JSON",
		   rn);
		ferrum_free(json);
		json = NULL;
		ferrum_train_report_free(r);
		r = NULL;
		ferrum_model_free(m1);
		m1 = NULL;
		free(b1);
		b1 = NULL;

		/* Stop after epoch 3. */
		memset(&mo, 0, sizeof mo);
		mo.in_order = mo.finite = mo.consistent = 1;
		mo.validates = recipe == FERRUM_RECIPE_DEFAULT;
		mo.stop_at = 3;
		is_int(ferrum_train(t, &o, &m1, &r, &err), 0, "%s: stopped after epoch 3", rn);
		if (r == NULL || m1 == NULL)
			bail("no model or report");
		is_int((long long)mo.calls, 3, "%s: three calls", rn);
		is_int(r->stopped, 1, "%s: the report says stopped", rn);
		is_int((long long)r->epochs_run, 3, "%s: epochs_run 3", rn);
		ok(r->best_epoch >= 1 && r->best_epoch <= 3, "%s: best epoch %zu <= 3", rn,
		   r->best_epoch);
		ok(isfinite(r->holdout.accuracy), "%s: scored as usual", rn);
		if (recipe == FERRUM_RECIPE_DEFAULT)
			is_string(ferrum_model_metadata_get(m1, "epochs_run"), "3",
			          "%s: metadata epochs_run 3", rn);
		ferrum_train_report_json(r, &json, &len);
		ok(json != NULL && strstr(json, ",\"stopped\":true") != NULL,
		   "%s: \"stopped\":true in the JSON", rn);
		ferrum_free(json);
		json = NULL;
		ferrum_model_write(m1, &b1, &l1, NULL);
		is_int(ferrum_model_read(b1, l1, &back, &err), 0, "%s: the kept model loads", rn);
		ok(l1 != l0 || memcmp(b1, b0, l0) != 0, "%s: other bytes than the full run", rn);
		ferrum_model_free(back);
		back = NULL;
		ferrum_train_report_free(r);
		r = NULL;
		ferrum_model_free(m1);
		m1 = NULL;
		ferrum_model_free(m0);
		m0 = NULL;
		free(b1);
		b1 = NULL;
		free(b0);
		b0 = NULL;
	}
	ferrum_table_free(t);
}

/* --cv with a numeric encoding fits each fold's edges on that fold's own
 * training rows: every fold's figures are those of training, with the
 * encoding switched off, on the table encoded by hand with those rows'
 * edges (the folds depend on the seed and the labels only). */
static void
test_cv_encode(void)
{
	enum { N = 90, K = 3 };
	char *text = malloc(40 * N + 32), *p = text;
	ferrum_csv *c;
	ferrum_table *t = NULL, *main_enc = NULL;
	ferrum_table_options to;
	ferrum_train_options o, plain;
	ferrum_train_report *r = NULL;
	ferrum_error err;
	size_t all[N], tr[N], ho[N], ntr, nho, i;
	unsigned fold[N], f;
	int differ = 0;
	fe_rng rng;

	p += sprintf(p, "size,weight,label\n");
	for (i = 0; i < N; i++)
		p += sprintf(p, "%zu,%zu.%zu,%s\n", (i * i * 37) % 251, (i * 53) % 97, i % 10,
		             (i * i * 37) % 251 > 120 ? "big" : "small");
	ferrum_table_options_init(&to);
	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK ||
	    ferrum_table_read(c, &to, &t, &err) != FERRUM_OK)
		bail("the real table: %s", err.message);
	ferrum_csv_free(c);
	free(text);

	ferrum_train_options_init(&o);
	o.epochs = 8;
	o.hidden = 6;
	o.seed = 11;
	o.cv = K;
	o.encode_bins = 4;
	plain = o;
	plain.encode_bins = 0;
	if (!ok(ferrum_train(t, &o, NULL, &r, &err) == FERRUM_OK, "--cv=3 --encode=ple:4"))
		bail("%s", err.message);

	for (i = 0; i < N; i++)
		all[i] = i;
	fe_rng_seed(&rng, o.seed);
	if (fe_split_folds(t, all, N, K, &rng, fold, &err) != FERRUM_OK)
		bail("%s", err.message);
	/* The main split's training rows, as ferrum_train() draws them. */
	fe_rng_seed(&rng, o.seed);
	if (fe_split_holdout(t, all, N, o.holdout, &rng, tr, &ntr, ho, &nho, &err) != FERRUM_OK ||
	    fe_table_encode(t, tr, ntr, &o, &main_enc, &err) != FERRUM_OK)
		bail("%s", err.message);
	for (f = 0; f < K; f++) {
		ferrum_table *enc = NULL;
		ferrum_train_report *hand = NULL;
		const ferrum_column *a, *b;

		ntr = 0;
		for (i = 0; i < N; i++)
			if (fold[i] != f)
				tr[ntr++] = i;
		if (fe_table_encode(t, tr, ntr, &o, &enc, &err) != FERRUM_OK ||
		    ferrum_train(enc, &plain, NULL, &hand, &err) != FERRUM_OK)
			bail("fold %u: %s", f, err.message);
		a = &ferrum_table_schema(enc)->cols[0];
		b = &ferrum_table_schema(main_enc)->cols[0];
		if (a->n_edges != b->n_edges || memcmp(a->edges, b->edges, a->n_edges * sizeof *a->edges) != 0)
			differ++;
		is_int((long long)r->cv_folds[f].rows, (long long)hand->cv_folds[f].rows,
		       "fold %u: the same held-out rows", f);
		is_double(r->cv_folds[f].accuracy, hand->cv_folds[f].accuracy, 0,
		          "fold %u: the accuracy of training it by hand", f);
		is_double(r->cv_folds[f].log_loss, hand->cv_folds[f].log_loss, 0,
		          "fold %u: the log-loss of training it by hand", f);
		ferrum_train_report_free(hand);
		ferrum_table_free(enc);
	}
	ok(differ > 0, "the folds' edges are not the main split's (%d of %d differ)", differ, K);
	ferrum_train_report_free(r);
	ferrum_table_free(main_enc);
	ferrum_table_free(t);
}

/* A real table (real-table rules) of @n rows: two numeric columns and a
 * class; or, @strict, the same read with the original engine's rules. */
static ferrum_table *
real_table(size_t n, int strict)
{
	char *text = malloc(32 * n + 16), *p = text;
	ferrum_csv *c;
	ferrum_table *t = NULL;
	ferrum_table_options o;
	ferrum_error err;
	size_t i;

	p += sprintf(p, "x,z,label\n");
	for (i = 0; i < n; i++)
		p += sprintf(p, "%zu,%zu,%s\n", i, (i * 7) % 11, (i * 7) % 11 < 5 ? "lo" : "hi");
	ferrum_table_options_init(&o);
	o.strict_ferrum = strict;
	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	if (ferrum_table_read(c, &o, &t, &err) != FERRUM_OK)
		bail("table: %s", err.message);
	ferrum_csv_free(c);
	free(text);
	return t;
}

/* FERRUM_EFFORT_HIGH: what it chooses, where, and what it leaves to the
 * options; the report and the model say it. */
static void
test_effort(void)
{
	ferrum_table *big = real_table(FERRUM_EFFORT_ROWS, 0);
	ferrum_table *small = real_table(FERRUM_EFFORT_ROWS - 1, 0);
	ferrum_table *strict = real_table(FERRUM_EFFORT_ROWS, 1);
	ferrum_train_options o, out;
	ferrum_train_report *r = NULL;
	ferrum_model *m = NULL, *m2 = NULL;
	ferrum_error err;
	size_t widths[2] = {16, 8};
	char *json = NULL;
	unsigned char *b1 = NULL, *b2 = NULL;
	size_t l1 = 0, l2 = 0;

	ferrum_train_options_init(&o);
	is_int(o.effort, FERRUM_EFFORT_NORMAL, "the effort is normal by default");
	is_int(ferrum_effort_choose(big, &o, &out), 0, "normal chooses nothing");
	ok(memcmp(&o, &out, sizeof o) == 0, "normal: the options as they are");

	o.effort = FERRUM_EFFORT_HIGH;
	is_int(ferrum_effort_choose(big, &o, &out), 1, "high, %d rows: a richer setting",
	       FERRUM_EFFORT_ROWS);
	is_int(out.encode_bins, 8, "high: ple:8");
	ok(out.encode_columns == NULL, "high: on every numeric column");
	is_int((long long)out.n_layers, 2, "high: two hidden layers");
	ok(out.n_layers == 2 && out.layers[0] == 160 && out.layers[1] == 80, "high: 160 and 80");
	is_int((long long)out.hidden, 0, "high: hidden stays 0");

	{
		ferrum_table *huge = real_table(FERRUM_EFFORT_DEEP_ROWS, 0);

		is_int(ferrum_effort_choose(huge, &o, &out), 1, "high, %d rows: a richer setting",
		       FERRUM_EFFORT_DEEP_ROWS);
		ok(out.encode_bins == 8 && out.n_layers == 0 && out.hidden == 0,
		   "high, %d rows: ple:8, one layer", FERRUM_EFFORT_DEEP_ROWS);
		ferrum_table_free(huge);
	}
	{
		char *text = malloc(16 * FERRUM_EFFORT_ROWS + 16), *p = text;
		ferrum_csv *c;
		ferrum_table *cat = NULL;
		int i;

		/* Categories only: nothing to encode, the layers still. */
		p += sprintf(p, "color,label\n");
		for (i = 0; i < FERRUM_EFFORT_ROWS; i++)
			p += sprintf(p, "%s,%s\n", i % 3 ? "red" : "blue", i % 2 ? "p" : "q");
		if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK ||
		    ferrum_table_read(c, NULL, &cat, &err) != FERRUM_OK)
			bail("categories: %s", err.message);
		ferrum_csv_free(c);
		free(text);
		is_int(ferrum_effort_choose(cat, &o, &out), 1, "high, categories only: a change");
		ok(out.encode_bins == 0 && out.n_layers == 2, "no encoding, two layers");
		ferrum_table_free(cat);
	}
	is_int(ferrum_effort_choose(small, &o, &out), 1, "high, %d rows: a richer setting",
	       FERRUM_EFFORT_ROWS - 1);
	ok(out.members == 10 && out.encode_bins == 0 && out.n_layers == 0 && out.hidden == 0,
	   "high on a small classifier: ten members, nothing else");
	o.members = 3;
	is_int(ferrum_effort_choose(small, &o, &out), 0, "high, small, members given: nothing");
	ok(memcmp(&o, &out, sizeof o) == 0, "the options as they are");
	o.members = 0;
	is_int(ferrum_effort_choose(strict, &o, &out), 0,
	       "high on a table read with the original rules: nothing");
	o.recipe = FERRUM_RECIPE_FERRUM;
	is_int(ferrum_effort_choose(big, &o, &out), 0, "high with the ferrum recipe: nothing");
	o.recipe = FERRUM_RECIPE_DEFAULT;

	/* What the options give stays theirs. */
	o.hidden = 32;
	is_int(ferrum_effort_choose(big, &o, &out), 1, "high with -H 32: the encoding only");
	ok(out.hidden == 32 && out.n_layers == 0 && out.encode_bins == 8, "-H 32 kept, ple:8");
	o.hidden = 0;
	o.n_layers = 2;
	o.layers = widths;
	o.encode_bins = 4;
	o.encode_columns = "x";
	is_int(ferrum_effort_choose(big, &o, &out), 0, "high with --layers and --encode: nothing");
	ok(out.layers == widths && out.encode_bins == 4 && strcmp(out.encode_columns, "x") == 0,
	   "their layers and encoding kept");

	/* ferrum_train refuses what it cannot do. */
	ferrum_train_options_init(&o);
	o.effort = 2;
	is_int(ferrum_train(small, &o, NULL, NULL, &err), FERRUM_EINVAL, "effort 2: EINVAL (%s)",
	       err.message);
	o.effort = FERRUM_EFFORT_HIGH;
	o.recipe = FERRUM_RECIPE_FERRUM;
	is_int(ferrum_train(strict, &o, NULL, NULL, &err), FERRUM_EINVAL,
	       "high with the ferrum recipe: EINVAL (%s)", err.message);

	/* High on a small table with members given: normal's weights; the
	 * report says so. */
	ferrum_train_options_init(&o);
	o.epochs = 3;
	o.hidden = 10;
	o.members = 5;
	o.effort = FERRUM_EFFORT_HIGH;
	is_int(ferrum_train(small, &o, &m, &r, &err), 0, "high, small table: trains (%s)",
	       err.message);
	o.effort = FERRUM_EFFORT_NORMAL;
	is_int(ferrum_train(small, &o, &m2, NULL, &err), 0, "normal, small table: trains (%s)",
	       err.message);
	if (r != NULL) {
		ok(r->effort == FERRUM_EFFORT_HIGH && r->effort_chose == 0 && r->encode_bins == 0,
		   "the report: high asked, nothing chosen");
		ferrum_train_report_json(r, &json, NULL);
		ok(json != NULL && strstr(json, "\"effort\":{\"level\":\"high\",\"chose\":false,"
		                                "\"encode_bins\":0,\"members\":5}") != NULL,
		   "the JSON report says so");
		free(json);
		json = NULL;
	}
	if (m != NULL && m2 != NULL) {
		ok(strstr(ferrum_model_metadata_json(m), "\"effort\":\"high\"") != NULL,
		   "the metadata says effort high");
		ok(strstr(ferrum_model_metadata_json(m2), "\"effort\"") == NULL,
		   "normal's metadata has no effort (its models keep their bytes)");
		ok(ferrum_model_n_params(m) == ferrum_model_n_params(m2),
		   "high on a small table: normal's network");
	}
	ferrum_train_report_free(r);
	r = NULL;
	ferrum_model_free(m);
	ferrum_model_free(m2);
	m = m2 = NULL;

	/* High on a large one: encoded, two layers, in the report. */
	o.effort = FERRUM_EFFORT_HIGH;
	o.hidden = 0;
	o.members = 0;
	o.epochs = 2;
	is_int(ferrum_train(big, &o, &m, &r, &err), 0, "high, large table: trains (%s)",
	       err.message);
	if (r != NULL) {
		ok(r->effort_chose == 1 && r->encode_bins == 8 && r->n_layers == 2 &&
		   r->layers[0] == 160 && r->layers[1] == 80,
		   "the report: ple:8 and 160+80");
		ok(r->features > 2, "x and z as more inputs than two (%zu)", r->features);
		ferrum_train_report_json(r, &json, NULL);
		ok(json != NULL && strstr(json, "\"effort\":{\"level\":\"high\",\"chose\":true,"
		                                "\"encode_bins\":8,\"members\":0}") != NULL,
		   "the JSON report says what high chose");
		free(json);
	}
	/* The same options twice: the same bytes. */
	is_int(ferrum_train(big, &o, &m2, NULL, &err), 0, "again (%s)", err.message);
	if (m != NULL && m2 != NULL && ferrum_model_write(m, &b1, &l1, &err) == FERRUM_OK &&
	    ferrum_model_write(m2, &b2, &l2, &err) == FERRUM_OK)
		ok(l1 == l2 && memcmp(b1, b2, l1) == 0, "high: the same bytes twice");
	free(b1);
	free(b2);
	ferrum_train_report_free(r);
	ferrum_model_free(m);
	ferrum_model_free(m2);
	ferrum_table_free(big);
	ferrum_table_free(small);
	ferrum_table_free(strict);
}

/* @o's model of @t as bytes into @b / @l (NULL on failure); its report
 * into @r when not NULL. */
static void
train_bytes(const ferrum_table *t, const ferrum_train_options *o, unsigned char **b, size_t *l,
            ferrum_train_report **r)
{
	ferrum_model *m = NULL;
	ferrum_error err;

	*b = NULL;
	*l = 0;
	if (ferrum_train(t, o, &m, r, &err) != FERRUM_OK ||
	    ferrum_model_write(m, b, l, &err) != FERRUM_OK)
		diag("train_bytes: %s", err.message);
	ferrum_model_free(m);
}

static int
same_bytes(const unsigned char *a, size_t la, const unsigned char *b, size_t lb)
{
	return a != NULL && b != NULL && la == lb && memcmp(a, b, la) == 0;
}

/* Weight decay, label smoothing, patience, members and budget: 0 is the
 * recipe's own setting, the recipe's own values give the same bytes,
 * each other value changes the fit, and bad values are EINVAL. */
static void
test_tuning(void)
{
	ferrum_table *t = real_table(300, 0);
	ferrum_train_options o;
	ferrum_train_report *r = NULL;
	ferrum_error err;
	unsigned char *b0 = NULL, *b1 = NULL;
	size_t l0 = 0, l1 = 0, widths[2] = {16, 8};

	ferrum_train_options_init(&o);
	ok(o.weight_decay == 0.0 && o.smoothing == 0.0 && o.patience == 0 && o.members == 0 &&
	   o.budget == 0, "the tuning options are 0 by default");
	o.epochs = 4;
	o.hidden = 20;
	train_bytes(t, &o, &b0, &l0, NULL);
	o.weight_decay = 5e-4;
	o.smoothing = 0.1;
	o.patience = 100;
	o.members = 5;
	o.budget = 1500000;
	train_bytes(t, &o, &b1, &l1, NULL);
	ok(same_bytes(b0, l0, b1, l1), "the recipe's own values: the same bytes");
	free(b1);
#define CHANGES(field, value, what)                                                     \
	do {                                                                            \
		ferrum_train_options_init(&o);                                          \
		o.epochs = 4;                                                           \
		o.hidden = 20;                                                          \
		o.field = value;                                                        \
		train_bytes(t, &o, &b1, &l1, NULL);                                     \
		ok(b1 != NULL && !same_bytes(b0, l0, b1, l1), what ": another model"); \
		free(b1);                                                               \
	} while (0)
	CHANGES(weight_decay, 0.05, "weight decay 0.05");
	CHANGES(smoothing, 0.3, "smoothing 0.3");
	CHANGES(members, 4, "4 members");
#undef CHANGES
	free(b0);

	/* Patience: early stopping after that many epochs without a gain. */
	ferrum_train_options_init(&o);
	o.epochs = 200;
	o.hidden = 20;
	o.patience = 2;
	train_bytes(t, &o, &b1, &l1, &r);
	if (r != NULL)
		ok(r->epochs_run <= r->best_epoch + 2 && r->epochs_run < 200,
		   "patience 2: stopped 2 epochs after the best (%zu, %zu)", r->best_epoch,
		   r->epochs_run);
	else
		ok(0, "patience 2: a report");
	ferrum_train_report_free(r);
	r = NULL;
	free(b1);
	/* Budget: the epoch limit is budget / rows, at least 30. */
	ferrum_train_options_init(&o);
	o.hidden = 20;
	o.budget = 240 * 40; /* 240 training rows */
	o.patience = 1;
	train_bytes(t, &o, &b1, &l1, &r);
	if (r != NULL)
		is_int((int)r->epochs, 40, "budget 9600 on 240 rows: 40 epochs");
	else
		ok(0, "budget: a report");
	ferrum_train_report_free(r);
	r = NULL;
	free(b1);
	/* Members with hidden layers: each member takes its share of both. */
	ferrum_train_options_init(&o);
	o.epochs = 4;
	o.n_layers = 2;
	o.layers = widths;
	train_bytes(t, &o, &b0, &l0, NULL);
	o.members = 4;
	train_bytes(t, &o, &b1, &l1, NULL);
	ok(b1 != NULL && !same_bytes(b0, l0, b1, l1), "16,8 with 4 members: another model");
	free(b0);
	free(b1);

	/* Bad values. */
#define REFUSED(field, value, what)                                                        \
	do {                                                                               \
		ferrum_train_options_init(&o);                                             \
		o.field = value;                                                           \
		is_int(ferrum_train(t, &o, NULL, NULL, &err), FERRUM_EINVAL, what ": EINVAL (%s)", \
		       err.message);                                                       \
	} while (0)
	REFUSED(weight_decay, -1e-3, "weight decay -1e-3");
	REFUSED(weight_decay, 1.5, "weight decay 1.5");
	REFUSED(weight_decay, NAN, "weight decay NaN");
	REFUSED(smoothing, 1.0, "smoothing 1");
	REFUSED(smoothing, -0.1, "smoothing -0.1");
	REFUSED(patience, (size_t)200000000, "patience 2e8");
	REFUSED(members, 1, "1 member");
	REFUSED(members, FERRUM_MEMBERS_MAX + 1, "65 members");
#undef REFUSED
	ferrum_train_options_init(&o);
	o.recipe = FERRUM_RECIPE_FERRUM;
	o.members = 3;
	is_int(ferrum_train(t, &o, NULL, NULL, &err), FERRUM_EINVAL,
	       "members with the ferrum recipe: EINVAL (%s)", err.message);

	/* encode_min_distinct: 1 is every column, as 0; more values than
	 * any column has is none, another model. */
	ferrum_train_options_init(&o);
	o.epochs = 3;
	o.hidden = 10;
	o.encode_bins = 4;
	train_bytes(t, &o, &b0, &l0, NULL);
	o.encode_min_distinct = 1;
	train_bytes(t, &o, &b1, &l1, NULL);
	ok(same_bytes(b0, l0, b1, l1), "encode_min_distinct 1: every column, as 0");
	free(b1);
	o.encode_min_distinct = 1000000;
	train_bytes(t, &o, &b1, &l1, NULL);
	ok(b1 != NULL && !same_bytes(b0, l0, b1, l1), "encode_min_distinct 1e6: no column encoded");
	free(b0);
	free(b1);
	ferrum_table_free(t);
}

int
main(void)
{
	plan_lazy();
	test_gaps();
	test_split();
	test_folds();
	test_norm();
	test_metrics();
	test_train();
	test_monitor();
	test_cv_encode();
	test_effort();
	test_tuning();
	return done_testing();
}

/* evaluate.c: the streaming evaluator against ferrum_metrics_compute().
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "model.h"

#include <math.h>
#include <stdio.h>

/* Classes "b", "a", "10", "2" (a name order unlike the index order, and
 * names that are numbers). */
static ferrum_model *
classifier(void)
{
	return make_model("0,1",
	                  "{\"dataset_name\":\"c\",\"task\":\"classification\","
	                  "\"feature_names\":[\"f\"],\"feature_ranges\":[[0,1]],"
	                  "\"class_names\":[\"b\",\"a\",\"10\",\"2\"],\"target_name\":\"y\","
	                  "\"target_range\":[0,3],\"input_dim\":1,\"output_dim\":4}",
	                  1, 4, FERRUM_ACT_SOFTMAX);
}

/* A regressor whose target normaliser is mean 100, std 20. */
static ferrum_model *
regressor(void)
{
	return make_model("0,1;100,20",
	                  "{\"dataset_name\":\"r\",\"task\":\"regression\","
	                  "\"feature_names\":[\"f\"],\"feature_ranges\":[[0,1]],"
	                  "\"class_names\":[],\"target_name\":\"price\","
	                  "\"target_range\":[0,200],\"input_dim\":1,\"output_dim\":1}",
	                  1, 1, FERRUM_ACT_IDENTITY);
}

static uint64_t seed = 42;

static double
uniform(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (double)(seed >> 11) / 9007199254740992.0;
}

#define N 5000

static void
test_classification(void)
{
	static const char *const names[] = {"b", "a", "10", "2"};
	ferrum_model *m = classifier();
	ferrum_eval *e;
	ferrum_metrics want, got;
	ferrum_error err;
	static float out[N * 4];
	static uint32_t lab[N];
	size_t cw[16], cg[16], i, k;
	char *json;
	size_t len;
	int same = 1;

	is_int(ferrum_eval_new(m, &e, &err), FERRUM_OK, "classifier: new");
	for (i = 0; i < N; i++) {
		double s = 0.0;

		for (k = 0; k < 4; k++) {
			out[i * 4 + k] = (float)(uniform() * uniform());
			s += out[i * 4 + k];
		}
		for (k = 0; k < 4; k++)
			out[i * 4 + k] = (float)(out[i * 4 + k] / s);
		if (i % 97 == 3)
			out[i * 4 + 1] = 0.0f; /* log-loss's floor */
		lab[i] = (uint32_t)(uniform() * 4);
		if (ferrum_eval_add(e, out + i * 4, names[lab[i]], strlen(names[lab[i]]), &err) !=
		    FERRUM_OK)
			same = 0;
	}
	ok(same, "every row added");
	ferrum_metrics_compute(FERRUM_TASK_CLASSIFICATION, N, 4, out, lab, NULL, &want, cw);
	is_int(ferrum_eval_metrics(e, &got, cg), FERRUM_OK, "metrics");
	is_int((long long)got.rows, N, "rows");
	is_double(got.accuracy, want.accuracy, 0, "accuracy: the same bits");
	is_double(got.macro_f1, want.macro_f1, 0, "macro-F1: the same bits");
	is_double(got.log_loss, want.log_loss, 0, "log-loss: the same bits");
	is_double(got.brier, want.brier, 0, "Brier: the same bits");
	is_double(got.ece, want.ece, 0, "ECE: the same bits");
	ok(isnan(got.rmse) && isnan(got.mae) && isnan(got.r2), "regression metrics NaN");
	ok(memcmp(cw, cg, sizeof cw) == 0, "the same confusion matrix");

	/* Missing truth, unknown labels, labels matched as numbers. */
	is_int(ferrum_eval_add(e, out, NULL, 0, &err), FERRUM_OK, "missing truth");
	is_int(ferrum_eval_add(e, out, "zz", 2, &err), FERRUM_OK, "unknown label");
	is_int(ferrum_eval_add(e, out, "c", 1, &err), FERRUM_OK, "another unknown label");
	is_int((long long)ferrum_eval_n_skipped(e), 1, "skipped counted");
	is_int((long long)ferrum_eval_n_unknown(e), 2, "unknown counted");
	is_string(ferrum_eval_first_unknown(e), "zz", "first unknown kept");
	ferrum_eval_metrics(e, &got, NULL);
	is_int((long long)got.rows, N, "neither is scored");
	ferrum_eval_add(e, out, "10.0", 4, &err);
	ferrum_eval_add(e, out, "2e0", 3, &err);
	ferrum_eval_add(e, out, "1e1", 3, &err);
	ferrum_eval_metrics(e, &got, cg);
	is_int((long long)got.rows, N + 3, "numbers match numeric class names");
	is_int((long long)(cg[2 * 4 + ferrum_argmax(out, 4)] - cw[2 * 4 + ferrum_argmax(out, 4)]), 2,
	       "'10.0' and '1e1' are class '10'");
	is_int((long long)ferrum_eval_n_unknown(e), 2, "no more unknown");
	ferrum_eval_free(e);

	/* JSON of a small case. */
	ferrum_eval_new(m, &e, &err);
	{
		static const float p[4] = {0.7f, 0.1f, 0.1f, 0.1f};

		ferrum_eval_add(e, p, "b", 1, &err);
		ferrum_eval_add(e, p, "a", 1, &err);
		ferrum_eval_add(e, p, "", 0, &err);
		ferrum_eval_add(e, p, "x", 1, &err);
		ferrum_eval_add(e, p, NULL, 0, &err);
	}
	is_int(ferrum_eval_json(e, &json, &len), FERRUM_OK, "json");
	is_string(json,
	          "{\"task\":\"classification\",\"rows\":2,\"skipped\":1,\"unknown_labels\":2,"
	          "\"metrics\":{\"accuracy\":0.5,\"macro_f1\":0.3333333333333333,"
	          "\"log_loss\":1.3296300195307578,\"brier\":0.7199999946355821,"
	          "\"ece\":0.19999998807907104},\"classes\":[\"b\",\"a\",\"10\",\"2\"],"
	          "\"confusion\":[[1,0,0,0],[1,0,0,0],[0,0,0,0],[0,0,0,0]]}",
	          "json: the keys and the figures");
	/* By hand: (0.09 + 3 * 0.01 + 0.49 + 0.81 + 2 * 0.01) / 2, and both
	 * rows in the bin of 0.7 with one right: |1 - 1.4| / 2. */
	ferrum_eval_metrics(e, &got, NULL);
	is_double(got.brier, 0.72, 1e-7, "Brier of the small case, by hand");
	is_double(got.ece, 0.2, 1e-7, "ECE of the small case, by hand");
	is_int((long long)len, (long long)strlen(json), "json length");
	ferrum_free(json);
	ferrum_eval_free(e);

	/* Rows in two reliability bins, by hand: the Brier score
	 * (0.005 + 1.805 + 0.5) / 3 and the ECE (|1 - 1.9| + |1 - 0.4|) / 3. */
	ferrum_eval_new(m, &e, &err);
	{
		static const float p1[4] = {0.95f, 0.05f, 0.0f, 0.0f};
		static const float p2[4] = {0.4f, 0.3f, 0.2f, 0.1f};
		size_t rows;
		double conf, acc;

		ferrum_eval_add(e, p1, "b", 1, &err);
		ferrum_eval_add(e, p1, "a", 1, &err);
		ferrum_eval_add(e, p2, "b", 1, &err);
		ferrum_eval_metrics(e, &got, NULL);
		is_double(got.brier, 0.77, 1e-7, "Brier over two bins, by hand");
		is_double(got.ece, 0.5, 1e-7, "ECE over two bins, by hand");
		is_int(ferrum_eval_bin(e, 14, &rows, &conf, &acc), FERRUM_OK, "bin 14");
		ok(rows == 2 && fabs(conf - 0.95) < 1e-7 && acc == 0.5,
		   "bin 14: 2 rows, confidence 0.95, accuracy 0.5");
		ferrum_eval_bin(e, 6, &rows, &conf, &acc);
		ok(rows == 1 && fabs(conf - 0.4) < 1e-7 && acc == 1.0,
		   "bin 6: 1 row, confidence 0.4, accuracy 1");
		ferrum_eval_bin(e, 0, &rows, &conf, &acc);
		ok(rows == 0 && isnan(conf) && isnan(acc), "an empty bin: 0 rows, NaN");
		is_int(ferrum_eval_bin(e, FERRUM_CALIBRATION_BINS, &rows, &conf, &acc), FERRUM_EINVAL,
		       "no bin past the last");
	}
	ferrum_eval_free(e);

	/* Nothing scored: NaN, null. */
	ferrum_eval_new(m, &e, &err);
	ferrum_eval_metrics(e, &got, NULL);
	ok(isnan(got.accuracy) && got.rows == 0, "no rows: NaN");
	ferrum_eval_json(e, &json, &len);
	ok(strstr(json, "\"accuracy\":null") != NULL, "no rows: null in JSON");
	ferrum_free(json);
	ferrum_eval_free(e);
	ferrum_model_free(m);
}

static void
test_regression(void)
{
	ferrum_model *m = regressor();
	ferrum_eval *e;
	ferrum_metrics want, got;
	ferrum_error err;
	static float y[N], raw[N], t[N];
	char text[64];
	size_t i;
	int same = 1;
	char *json;
	size_t len;

	is_int(ferrum_eval_new(m, &e, &err), FERRUM_OK, "regressor: new");
	for (i = 0; i < N; i++) {
		y[i] = (float)(uniform() * 4 - 2);
		raw[i] = ferrum_model_denormalize(m, y[i]);
		snprintf(text, sizeof text, "%.9g", 1e6 + uniform() * 50);
		t[i] = strtof(text, NULL);
		if (ferrum_eval_add(e, &y[i], text, strlen(text), &err) != FERRUM_OK)
			same = 0;
	}
	ok(same, "every row added");
	ferrum_metrics_compute(FERRUM_TASK_REGRESSION, N, 1, raw, NULL, t, &want, NULL);
	is_int(ferrum_eval_metrics(e, &got, NULL), FERRUM_OK, "metrics");
	is_double(got.rmse, want.rmse, 0, "RMSE: the same bits");
	is_double(got.mae, want.mae, 0, "MAE: the same bits");
	is_double(got.r2, want.r2, 1e-9 * fabs(want.r2) + 1e-12, "R2 within rounding (large mean)");
	ok(isnan(got.accuracy), "accuracy NaN");
	is_int(ferrum_eval_add(e, y, "abc", 3, &err), FERRUM_EINPUT, "a truth that is no number");
	is_string(err.message, "'abc' is not a number", "message");
	is_int(ferrum_eval_add(e, y, "inf", 3, &err), FERRUM_EINPUT, "infinity refused");
	ferrum_eval_metrics(e, &got, NULL);
	is_int((long long)got.rows, N, "not counted");
	ferrum_eval_free(e);

	/* One row, constant truth: R2 NaN; JSON. */
	ferrum_eval_new(m, &e, &err);
	y[0] = 0.5f; /* 110 */
	ferrum_eval_add(e, y, "100", 3, &err);
	ferrum_eval_add(e, y, NULL, 0, &err);
	ferrum_eval_json(e, &json, &len);
	is_string(json,
	          "{\"task\":\"regression\",\"rows\":1,\"skipped\":1,\"unknown_labels\":0,"
	          "\"metrics\":{\"rmse\":10,\"mae\":10,\"r2\":null}}",
	          "regression json");
	ferrum_free(json);
	ferrum_eval_free(e);
	ferrum_model_free(m);
}

int
main(void)
{
	plan_lazy();
	test_classification();
	test_regression();
	return done_testing();
}

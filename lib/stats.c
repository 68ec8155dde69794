/* stats.c: the numbers of the two statistics panels, shared by finf-stats
 * and the web page so that both show the same values.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- model statistics ------------------------------------------------- */

static int
z_band(double z)
{
	double a = fabs(z);

	if (a < 1.0)
		return 0;
	if (a <= 2.0)
		return 1;
	return 2; /* also NaN, which is never familiar */
}

void
ferrum_stats_features(const ferrum_model *m, const float *x, ferrum_feature_stat *out,
                      size_t *n_unfamiliar)
{
	size_t i, n = ferrum_model_n_features(m), unfamiliar = 0;

	for (i = 0; i < n; i++) {
		ferrum_feature_stat *s = &out[i];
		float mean = 0.0f, std = 1.0f, lo, hi, z;

		memset(s, 0, sizeof *s);
		(void)ferrum_model_feature_norm(m, i, &mean, &std);
		/* The same float arithmetic as ferrum_model_normalize(), so the
		 * z shown is the value the network sees. */
		z = (x[i] - mean) / std;
		s->value = x[i];
		s->mean = mean;
		s->std = std;
		s->z = z;
		s->band = z_band(s->z);
		s->unusual = fabs(s->z) > 3.0 || isnan(s->z);
		/* NaN passes both comparisons and stays NaN. */
		s->z_bar = (s->z > 3.0 ? 3.0 : s->z < -3.0 ? -3.0 : s->z) / 3.0;
		if (ferrum_model_feature_range(m, i, &lo, &hi) == FERRUM_OK) {
			s->has_range = 1;
			s->lo = lo;
			s->hi = hi;
			s->range_pos = hi > lo ? (s->value - s->lo) / (s->hi - s->lo) : 0.5;
			s->out_of_range = s->value < s->lo || s->value > s->hi;
		} else {
			s->range_pos = NAN;
		}
		if (s->out_of_range || s->unusual)
			unfamiliar++;
	}
	if (n_unfamiliar != NULL)
		*n_unfamiliar = unfamiliar;
}

/* ---- classification report ------------------------------------------- */

const char *
ferrum_badge_name(int badge)
{
	switch (badge) {
	case FERRUM_BADGE_CERTAIN: return "Certain";
	case FERRUM_BADGE_CONFIDENT: return "Confident";
	case FERRUM_BADGE_UNCERTAIN: return "Uncertain";
	case FERRUM_BADGE_TOSSUP: return "Toss-up";
	default: return "unknown";
	}
}

/* FERRUM_OK when @p is @n >= 1 probabilities, else FERRUM_EINVAL. */
static int
check_probabilities(const float *p, size_t n)
{
	size_t i;

	if (n == 0)
		return FERRUM_EINVAL;
	for (i = 0; i < n; i++)
		if (!(p[i] >= 0.0f && p[i] <= 1.0f))
			return FERRUM_EINVAL;
	return FERRUM_OK;
}

/* The class order of @p without the checks: an insertion sort by "p[a] >
 * p[b], or equal and a > b", each new index passing every earlier one
 * whose p is not larger. */
static void
sort_classes(const float *p, size_t n, size_t *order)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && p[order[j - 1]] <= p[i]; j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
}

int
ferrum_stats_class_order(const float *p, size_t n, size_t *order)
{
	if (check_probabilities(p, n) != FERRUM_OK)
		return FERRUM_EINVAL;
	sort_classes(p, n, order);
	return FERRUM_OK;
}

int
ferrum_stats_classes(const float *p, size_t n, ferrum_class_stat *per,
                     ferrum_class_summary *out)
{
	size_t i, top, second;
	double h = 0.0, h_norm;

	if (check_probabilities(p, n) != FERRUM_OK)
		return FERRUM_EINVAL;
	memset(out, 0, sizeof *out);
	top = ferrum_argmax(p, n);
	/* The runner-up: the largest of the others, ties to the highest
	 * index as for the top. */
	second = top;
	for (i = 0; i < n; i++) {
		if (i == top)
			continue;
		if (second == top || p[i] >= p[second])
			second = i;
	}
	for (i = 0; i < n; i++) {
		double q = p[i];

		if (q > 0.0)
			h -= q * fe_log(q);
		if (per != NULL) {
			per[i].p = q;
			per[i].log_p = q > 0.0 ? fe_log(q) : -INFINITY;
			per[i].odds = q < 1.0 ? q / (1.0 - q) : INFINITY;
		}
	}
	if (h < 0.0) /* -0.0 from a one-hot vector, or rounding */
		h = 0.0;
	out->n_classes = n;
	out->top = top;
	out->second = second;
	out->confidence = p[top];
	out->margin = second == top ? (double)p[top] : (double)p[top] - (double)p[second];
	out->entropy = h;
	out->entropy_max = fe_log((double)n);
	if (n > 1) {
		h_norm = h / out->entropy_max;
		/* Probabilities that do not sum to exactly 1 can push H a hair
		 * past ln C. */
		if (h_norm > 1.0)
			h_norm = 1.0;
	} else {
		h_norm = 0.0;
	}
	out->entropy_norm = h_norm;
	out->certainty = 1.0 - h_norm;
	if (h_norm < FERRUM_BADGE_CERTAIN_BELOW)
		out->badge = FERRUM_BADGE_CERTAIN;
	else if (h_norm < FERRUM_BADGE_CONFIDENT_BELOW)
		out->badge = FERRUM_BADGE_CONFIDENT;
	else if (h_norm < FERRUM_BADGE_UNCERTAIN_BELOW)
		out->badge = FERRUM_BADGE_UNCERTAIN;
	else
		out->badge = FERRUM_BADGE_TOSSUP;
	return FERRUM_OK;
}

/* ---- regression report ------------------------------------------------ */

int
ferrum_stats_regression(const ferrum_model *m, float value, ferrum_regression_stats *out)
{
	float mean, std, lo = 0.0f, hi = 0.0f;
	double cut;

	if (ferrum_model_task(m) != FERRUM_TASK_REGRESSION ||
	    ferrum_model_target_norm(m, &mean, &std) != FERRUM_OK)
		return FERRUM_EINVAL;
	memset(out, 0, sizeof *out);
	ferrum_model_target_range(m, &lo, &hi);
	out->value = value;
	out->mean = mean;
	out->std = std;
	out->z = (out->value - out->mean) / out->std;
	out->pct_from_mean = out->mean != 0.0 ? 100.0 * (out->value - out->mean) / fabs(out->mean)
	                                      : NAN;
	out->sigma_lo = out->mean - out->std;
	out->sigma_hi = out->mean + out->std;
	out->within_sigma = out->value >= out->sigma_lo && out->value <= out->sigma_hi;
	/* Compare values, not z, so that a value exactly on a cut lands on
	 * the documented side whatever the rounding of the division. */
	cut = FERRUM_QUARTILE_Z * out->std;
	if (out->value < out->mean - cut)
		out->quartile = 1;
	else if (out->value < out->mean)
		out->quartile = 2;
	else if (out->value < out->mean + cut)
		out->quartile = 3;
	else
		out->quartile = 4;
	out->lo = lo;
	out->hi = hi;
	if (out->hi > out->lo) {
		out->range_pos = (out->value - out->lo) / (out->hi - out->lo);
		out->mean_pos = (out->mean - out->lo) / (out->hi - out->lo);
	} else {
		out->range_pos = 0.5;
		out->mean_pos = 0.5;
	}
	out->out_of_range = out->value < out->lo || out->value > out->hi;
	/* The inverse of ferrum_model_denormalize(), in float. */
	out->output = (value - mean) / std;
	return FERRUM_OK;
}

int
ferrum_stats_regression_output(const ferrum_model *m, float y, ferrum_regression_stats *out)
{
	int rc = ferrum_stats_regression(m, ferrum_model_denormalize(m, y), out);

	if (rc == FERRUM_OK)
		out->output = y;
	return rc;
}

/* ---- JSON ------------------------------------------------------------- */

/* Append @key (a member name with its punctuation) and @v, as a float or
 * as a double (fe_json_put_float, fe_json_put_double). */
static void
put_float(fe_buf *b, const char *key, double v)
{
	fe_buf_puts(b, key);
	fe_json_put_float(b, (float)v);
}

static void
put_double(fe_buf *b, const char *key, double v)
{
	fe_buf_puts(b, key);
	fe_json_put_double(b, v);
}

/* Predict @x into the model's output width; @out has room for it. */
static int
predict_row(ferrum_model *m, const float *x, float **out, ferrum_error *err)
{
	size_t n = ferrum_model_n_outputs(m);

	*out = fe_alloc_array(n > 0 ? n : 1, sizeof **out);
	if (*out == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	return ferrum_model_predict(m, x, *out, err);
}

static int
finish_json(fe_buf *b, char **json, size_t *len, ferrum_error *err)
{
	if (fe_buf_give(b, json, len) != FERRUM_OK)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	return FERRUM_OK;
}

int
ferrum_predict_json(ferrum_model *m, const float *x, char **json, size_t *len,
                    ferrum_error *err)
{
	fe_buf b;
	float *y;
	int rc;

	*json = NULL;
	rc = predict_row(m, x, &y, err);
	if (rc != FERRUM_OK) {
		free(y);
		return rc;
	}
	fe_buf_init(&b);
	fe_buf_putc(&b, '{');
	fe_put_prediction(&b, m, y);
	fe_buf_putc(&b, '}');
	free(y);
	return finish_json(&b, json, len, err);
}

static void
put_architecture(fe_buf *b, const ferrum_model *m)
{
	const fe_net *net = &m->net;
	size_t i, k;

	fe_buf_puts(b, "\"model\":{\"dataset\":");
	fe_json_put_cstring(b, ferrum_model_dataset_name(m));
	fe_buf_printf(b, ",\"task\":\"%s\",\"format_version\":%d,\"features\":%zu,"
	                 "\"outputs\":%zu,\"parameters\":%zu,\"layers\":[",
	              ferrum_model_task(m) == FERRUM_TASK_REGRESSION ? "regression"
	                                                              : "classification",
	              FERRUM_FINF_VERSION, ferrum_model_n_features(m), ferrum_model_n_outputs(m),
	              ferrum_model_n_params(m));
	for (i = 0; i < net->n_layers; i++) {
		const fe_layer *l = &net->layers[i];

		if (i > 0)
			fe_buf_putc(b, ',');
		if (l->kind == FERRUM_LAYER_LINEAR) {
			fe_buf_printf(b, "{\"kind\":\"linear\",\"in\":%zu,\"out\":%zu,\"params\":%zu}",
			              l->in, l->out, l->in * l->out + l->out);
		} else {
			fe_buf_puts(b, "{\"kind\":\"activation\",\"activation\":");
			fe_json_put_cstring(b, fe_act_name(l->act));
			fe_buf_putc(b, '}');
		}
	}
	/* FINF v3 normalises every feature (and a regression target) by its
	 * training mean and standard deviation; the loss follows the task. */
	fe_buf_printf(b, "],\"normaliser\":\"z-score\",\"loss\":\"%s\",\"hidden\":[",
	              ferrum_model_task(m) == FERRUM_TASK_REGRESSION ? "mse" : "cross-entropy");
	/* The hidden widths: the outputs of every Linear layer but the last,
	 * which in a chain that connects are the inputs of all but the first. */
	for (i = 0, k = 0; i < net->n_layers; i++)
		if (net->layers[i].kind == FERRUM_LAYER_LINEAR && k++ > 0)
			fe_buf_printf(b, k > 2 ? ",%zu" : "%zu", net->layers[i].in);
	fe_buf_puts(b, "]}");
}

static void
put_features(fe_buf *b, const ferrum_model *m, const ferrum_feature_stat *fs, size_t nu)
{
	size_t i, n = ferrum_model_n_features(m);

	fe_buf_puts(b, "\"features\":[");
	for (i = 0; i < n; i++) {
		const ferrum_feature_stat *s = &fs[i];

		if (i > 0)
			fe_buf_putc(b, ',');
		fe_buf_puts(b, "{\"name\":");
		fe_json_put_cstring(b, ferrum_model_feature_name(m, i));
		put_float(b, ",\"value\":", s->value);
		put_float(b, ",\"mean\":", s->mean);
		put_float(b, ",\"std\":", s->std);
		put_float(b, ",\"z\":", s->z);
		put_double(b, ",\"z_bar\":", s->z_bar);
		/* NaN prints as null: no range. */
		fe_buf_printf(b, ",\"band\":%d,\"min\":", s->band);
		fe_json_put_float(b, s->has_range ? (float)s->lo : NAN);
		put_float(b, ",\"max\":", s->has_range ? (float)s->hi : NAN);
		put_double(b, ",\"range_pos\":", s->range_pos);
		fe_buf_printf(b, ",\"out_of_range\":%s,\"unusual\":%s}",
		              s->out_of_range ? "true" : "false", s->unusual ? "true" : "false");
	}
	fe_buf_printf(b, "],\"unfamiliar\":%zu", nu);
}

static void
put_classes(fe_buf *b, const ferrum_model *m, const float *y, const ferrum_class_stat *per,
            const size_t *order, const ferrum_class_summary *cs)
{
	size_t i;

	fe_buf_puts(b, "\"classes\":[");
	for (i = 0; i < cs->n_classes; i++) {
		if (i > 0)
			fe_buf_putc(b, ',');
		fe_buf_puts(b, "{\"label\":");
		fe_json_put_cstring(b, ferrum_model_class_name(m, i));
		put_float(b, ",\"p\":", y[i]);
		put_double(b, ",\"log_p\":", per[i].log_p);
		put_double(b, ",\"odds\":", per[i].odds);
		fe_buf_putc(b, '}');
	}
	put_double(b, "],\"entropy\":", cs->entropy);
	put_double(b, ",\"entropy_max\":", cs->entropy_max);
	put_double(b, ",\"entropy_norm\":", cs->entropy_norm);
	put_double(b, ",\"margin\":", cs->margin);
	fe_buf_puts(b, ",\"runner_up\":");
	fe_json_put_cstring(b, ferrum_model_class_name(m, cs->second));
	fe_buf_puts(b, ",\"badge\":");
	fe_json_put_cstring(b, ferrum_badge_name(cs->badge));
	put_double(b, ",\"certainty\":", cs->certainty);
	fe_buf_puts(b, ",\"order\":[");
	for (i = 0; i < cs->n_classes; i++)
		fe_buf_printf(b, i > 0 ? ",%zu" : "%zu", order[i]);
	fe_buf_putc(b, ']');
}

static void
put_regression(fe_buf *b, const ferrum_regression_stats *r)
{
	put_float(b, "\"value\":", r->value);
	put_float(b, ",\"target_mean\":", r->mean);
	put_float(b, ",\"target_std\":", r->std);
	put_double(b, ",\"z\":", r->z);
	put_double(b, ",\"pct_from_mean\":", r->pct_from_mean);
	put_double(b, ",\"sigma_interval\":[", r->sigma_lo);
	fe_buf_putc(b, ',');
	fe_json_put_double(b, r->sigma_hi);
	fe_buf_printf(b, "],\"within_sigma\":%s,\"quartile\":%d,\"target_min\":",
	              r->within_sigma ? "true" : "false", r->quartile);
	fe_json_put_float(b, (float)r->lo);
	put_float(b, ",\"target_max\":", r->hi);
	put_double(b, ",\"range_pos\":", r->range_pos);
	put_double(b, ",\"mean_pos\":", r->mean_pos);
	fe_buf_printf(b, ",\"out_of_range\":%s,\"output\":", r->out_of_range ? "true" : "false");
	fe_json_put_float(b, (float)r->output);
}

/* ferrum_stats_json() keeps a class's entry, order and output in the room
 * of one feature entry. */
typedef char fe_stats_class_fits_a_feature[sizeof(ferrum_feature_stat) >=
                                                   sizeof(ferrum_class_stat) + sizeof(size_t) +
                                                           sizeof(float)
                                           ? 1
                                           : -1];

int
ferrum_stats_json(ferrum_model *m, const float *x, char **json, size_t *len, ferrum_error *err)
{
	size_t nf = ferrum_model_n_features(m), n = ferrum_model_n_outputs(m), nu = 0, *order;
	ferrum_feature_stat *fs;
	ferrum_class_stat *per;
	float *y;
	fe_buf b;
	int rc;

	*json = NULL;
	/* One block: the feature entries, then the class entries, the class
	 * order and the outputs, which take less room per class than a
	 * feature entry (fe_stats_class_fits_a_feature). */
	fs = fe_calloc_array(nf + n + 1, sizeof *fs);
	if (fs == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	per = (ferrum_class_stat *)(fs + nf);
	order = (size_t *)(per + n);
	y = (float *)(order + n);
	rc = ferrum_model_predict(m, x, y, err);
	if (rc != FERRUM_OK)
		goto out;
	ferrum_stats_features(m, x, fs, &nu);
	fe_buf_init(&b);
	fe_buf_putc(&b, '{');
	put_features(&b, m, fs, nu);
	fe_buf_puts(&b, ",\"prediction\":{");
	fe_put_prediction(&b, m, y);
	fe_buf_puts(&b, "},\"report\":{");
	if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		ferrum_regression_stats r;

		rc = ferrum_stats_regression_output(m, y[0], &r);
		if (rc == FERRUM_OK)
			put_regression(&b, &r);
	} else {
		ferrum_class_summary cs;

		rc = ferrum_stats_classes(y, n, per, &cs);
		if (rc == FERRUM_OK) {
			sort_classes(y, n, order);
			put_classes(&b, m, y, per, order, &cs);
		}
	}
	if (rc != FERRUM_OK) {
		fe_buf_free(&b);
		rc = fe_error(err, rc, "the model's output is not a valid prediction");
		goto out;
	}
	fe_buf_puts(&b, "},");
	put_architecture(&b, m);
	fe_buf_putc(&b, '}');
	rc = finish_json(&b, json, len, err);
out:
	free(fs);
	return rc;
}

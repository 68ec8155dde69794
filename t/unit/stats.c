/* stats.c: every number of the statistics panels against hand calculations.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* H/ln 2 of a two-class distribution, computed naively. */
static double
h2(double p)
{
	double q = 1.0 - p, h = 0.0;

	if (p > 0)
		h -= p * log(p);
	if (q > 0)
		h -= q * log(q);
	return h / log(2.0);
}

static void
test_classes(void)
{
	float uni[4] = {0.25f, 0.25f, 0.25f, 0.25f}, hot[3] = {0.0f, 1.0f, 0.0f};
	float bin[2] = {0.75f, 0.25f}, three[3] = {0.5f, 0.3f, 0.2f}, tie[2] = {0.5f, 0.5f};
	float one[1] = {1.0f}, bad[2] = {0.5f, NAN}, big[2] = {1.5f, -0.5f};
	ferrum_class_stat per[4];
	ferrum_class_summary s;

	is_int(ferrum_stats_classes(uni, 4, per, &s), FERRUM_OK, "uniform: ok");
	is_double(s.entropy, log(4.0), 1e-15, "uniform: H = ln 4");
	is_double(s.entropy_max, log(4.0), 0, "H_max = ln C");
	is_double(s.entropy_norm, 1.0, 1e-15, "uniform: normalised H = 1");
	is_double(s.margin, 0.0, 0, "uniform: margin 0");
	is_int(s.badge, FERRUM_BADGE_TOSSUP, "uniform: Toss-up");
	is_int((long long)s.top, 3, "uniform: the tie goes to the highest index");
	is_int((long long)s.second, 2, "uniform: runner-up is the next highest index");
	is_double(per[0].odds, 1.0 / 3.0, 1e-15, "odds of 1/4 are 1/3");
	is_double(per[0].log_p, -log(4.0), 1e-15, "log of 1/4");

	is_int(ferrum_stats_classes(hot, 3, per, &s), FERRUM_OK, "one-hot: ok");
	is_double(s.entropy, 0.0, 0, "one-hot: H = 0");
	ok(!signbit(s.entropy), "one-hot: H is +0, not -0");
	is_double(s.margin, 1.0, 0, "one-hot: margin 1");
	is_int(s.badge, FERRUM_BADGE_CERTAIN, "one-hot: Certain");
	is_int((long long)s.top, 1, "one-hot: top");
	ok(isinf(per[1].odds) && per[1].odds > 0, "odds of p = 1 are +inf");
	ok(isinf(per[0].log_p) && per[0].log_p < 0, "log of p = 0 is -inf");
	is_double(per[0].odds, 0.0, 0, "odds of p = 0 are 0");

	is_int(ferrum_stats_classes(bin, 2, per, &s), FERRUM_OK, "3:1: ok");
	/* -(3/4 ln 3/4 + 1/4 ln 1/4) = ln 4 - (3/4) ln 3 */
	is_double(s.entropy, log(4.0) - 0.75 * log(3.0), 1e-15, "3:1: H by hand");
	is_double(per[0].odds, 3.0, 0, "3:1: odds 3");
	is_double(per[1].odds, 1.0 / 3.0, 1e-15, "3:1: odds 1/3");
	is_double(per[0].log_p, log(0.75), 0, "3:1: log p");
	is_double(s.margin, 0.5, 0, "3:1: margin 0.5");
	is_double(s.confidence, 0.75, 0, "3:1: confidence");

	is_int(ferrum_stats_classes(three, 3, NULL, &s), FERRUM_OK, "per may be NULL");
	is_double(s.margin, (double)0.5f - (double)0.3f, 0, "margin = p1 - p2 of the floats");
	is_int((long long)s.second, 1, "runner-up");

	is_int(ferrum_stats_classes(tie, 2, per, &s), FERRUM_OK, "tie: ok");
	is_int((long long)s.top, 1, "tie: top is the highest index (the format's argmax)");
	is_int((long long)s.second, 0, "tie: runner-up");
	is_double(s.margin, 0.0, 0, "tie: margin 0");
	is_double(s.entropy_norm, 1.0, 1e-15, "tie: normalised H 1");

	is_int(ferrum_stats_classes(one, 1, per, &s), FERRUM_OK, "one class: ok");
	is_double(s.entropy_max, 0.0, 0, "one class: ln 1 = 0");
	is_double(s.entropy_norm, 0.0, 0, "one class: normalised H 0");
	is_int(s.badge, FERRUM_BADGE_CERTAIN, "one class: Certain");
	is_double(s.margin, 1.0, 0, "one class: margin is p");

	is_int(ferrum_stats_classes(one, 0, per, &s), FERRUM_EINVAL, "no classes: EINVAL");
	is_int(ferrum_stats_classes(bad, 2, per, &s), FERRUM_EINVAL, "NaN: EINVAL");
	is_int(ferrum_stats_classes(big, 2, per, &s), FERRUM_EINVAL, "outside [0, 1]: EINVAL");

	{
		float *vs[] = {uni, hot, bin, three, tie, one};
		size_t ns[] = {4, 3, 2, 3, 2, 1}, k;

		for (k = 0; k < sizeof ns / sizeof ns[0]; k++) {
			ferrum_stats_classes(vs[k], ns[k], NULL, &s);
			ok(s.certainty == 1.0 - s.entropy_norm, "vector %zu: certainty = 1 - H_norm",
			   k);
		}
	}
	is_double(s.certainty, 1.0, 0, "one class: certainty 1");
	ferrum_stats_classes(uni, 4, NULL, &s);
	is_double(s.certainty, 0.0, 1e-15, "uniform: certainty 0");

	is_string(ferrum_badge_name(FERRUM_BADGE_CERTAIN), "Certain", "badge name 0");
	is_string(ferrum_badge_name(FERRUM_BADGE_CONFIDENT), "Confident", "badge name 1");
	is_string(ferrum_badge_name(FERRUM_BADGE_UNCERTAIN), "Uncertain", "badge name 2");
	is_string(ferrum_badge_name(FERRUM_BADGE_TOSSUP), "Toss-up", "badge name 3");
}

/* The class order: a permutation, sorted by p, ties as top/runner-up. */
static void
test_order(void)
{
	static const struct {
		size_t n;
		float p[6];
		size_t want[6];
	} c[] = {
		{3, {0.5f, 0.3f, 0.2f}, {0, 1, 2}},
		{3, {0.2f, 0.3f, 0.5f}, {2, 1, 0}},
		{4, {0.25f, 0.25f, 0.25f, 0.25f}, {3, 2, 1, 0}},
		{5, {0.1f, 0.3f, 0.1f, 0.3f, 0.2f}, {3, 1, 4, 2, 0}},
		{3, {0.0f, 1.0f, 0.0f}, {1, 2, 0}},
		{1, {1.0f}, {0}},
		{6, {0.05f, 0.4f, 0.05f, 0.1f, 0.4f, 0.0f}, {4, 1, 3, 2, 0, 5}},
	};
	float bad[2] = {0.5f, NAN};
	size_t order[6], i, k;
	unsigned seed = 1;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		ferrum_class_summary s;
		int same = 1;

		is_int(ferrum_stats_class_order(c[i].p, c[i].n, order), FERRUM_OK, "order %zu: ok", i);
		for (k = 0; k < c[i].n; k++)
			same &= order[k] == c[i].want[k];
		ok(same, "order %zu: as worked out by hand", i);
		ferrum_stats_classes(c[i].p, c[i].n, NULL, &s);
		is_int((long long)order[0], (long long)s.top, "order %zu: first is the top", i);
		is_int((long long)order[c[i].n > 1], (long long)s.second,
		       "order %zu: then the runner-up", i);
	}
	/* Random vectors with many ties: a permutation, sorted, ties by the
	 * higher index first, and the top two of ferrum_stats_classes(). */
	for (i = 0; i < 500; i++) {
		float p[6];
		size_t n = 1 + i % 6, seen = 0;
		ferrum_class_summary s;
		int sorted = 1;

		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			p[k] = (float)((seed >> 16) % 5) / 4.0f;
		}
		ferrum_stats_class_order(p, n, order);
		for (k = 0; k < n; k++)
			seen |= (size_t)1 << order[k];
		for (k = 1; k < n; k++)
			sorted &= p[order[k - 1]] > p[order[k]] ||
			          (p[order[k - 1]] == p[order[k]] && order[k - 1] > order[k]);
		ferrum_stats_classes(p, n, NULL, &s);
		if (!(seen == ((size_t)1 << n) - 1 && sorted && order[0] == s.top &&
		      order[n > 1] == s.second))
			break;
	}
	is_int((long long)i, 500, "500 random vectors: permutations, sorted, top and runner-up");
	order[0] = 7;
	is_int(ferrum_stats_class_order(bad, 2, order), FERRUM_EINVAL, "order of a NaN: EINVAL");
	is_int(ferrum_stats_class_order(bad, 0, order), FERRUM_EINVAL, "order of none: EINVAL");
	is_int((long long)order[0], 7, "order untouched on EINVAL");
}

/* For each threshold, the pair of adjacent float probabilities whose
 * normalised entropies straddle it: the badges must change there. */
static void
test_badge_boundaries(void)
{
	static const struct {
		double t;
		int below, above;
	} cut[] = {
		{FERRUM_BADGE_CERTAIN_BELOW, FERRUM_BADGE_CERTAIN, FERRUM_BADGE_CONFIDENT},
		{FERRUM_BADGE_CONFIDENT_BELOW, FERRUM_BADGE_CONFIDENT, FERRUM_BADGE_UNCERTAIN},
		{FERRUM_BADGE_UNCERTAIN_BELOW, FERRUM_BADGE_UNCERTAIN, FERRUM_BADGE_TOSSUP},
	};
	size_t i;

	is_double(FERRUM_BADGE_CERTAIN_BELOW, 0.1, 0, "Certain below 0.1");
	is_double(FERRUM_BADGE_CONFIDENT_BELOW, 0.4, 0, "Confident below 0.4");
	is_double(FERRUM_BADGE_UNCERTAIN_BELOW, 0.8, 0, "Uncertain below 0.8");
	for (i = 0; i < sizeof cut / sizeof cut[0]; i++) {
		double lo = 0.5, hi = 1.0;
		float p, q, v[2];
		ferrum_class_summary s;
		int k;

		/* h2 falls from 1 at 0.5 to 0 at 1: bisect for h2(p) = t. */
		for (k = 0; k < 200; k++) {
			double mid = (lo + hi) / 2;

			if (h2(mid) > cut[i].t)
				lo = mid;
			else
				hi = mid;
		}
		p = (float)hi;
		while (h2((double)p) >= cut[i].t)
			p = nextafterf(p, 1.0f);
		while (h2((double)nextafterf(p, 0.0f)) < cut[i].t)
			p = nextafterf(p, 0.0f);
		q = nextafterf(p, 0.0f); /* h2(q) >= t > h2(p) */
		/* The library sums p ln p over the floats p and 1 - p. */
		v[0] = p;
		v[1] = 1.0f - p;
		ferrum_stats_classes(v, 2, NULL, &s);
		diag("threshold %.1f at p = %.9g: h = %.17g", cut[i].t, (double)p, s.entropy_norm);
		if (s.entropy_norm < cut[i].t)
			is_int(s.badge, cut[i].below, "just below %.1f: %s", cut[i].t,
			       ferrum_badge_name(cut[i].below));
		else
			skip(1, "float rounding put p on the other side");
		v[0] = q;
		v[1] = 1.0f - q;
		ferrum_stats_classes(v, 2, NULL, &s);
		if (s.entropy_norm >= cut[i].t)
			is_int(s.badge, cut[i].above, "at or just above %.1f: %s", cut[i].t,
			       ferrum_badge_name(cut[i].above));
		else
			skip(1, "float rounding put q on the other side");
	}
}

static void
test_features(void)
{
	/* Feature a: mean 10, std 2, range [4, 16]; b: mean 0, std 1, range [5, 5]. */
	ferrum_model *m = make_model(
		"10,2;0,1",
		"{\"dataset_name\":\"t\",\"task\":\"classification\",\"feature_names\":[\"a\",\"b\"],"
		"\"feature_ranges\":[[4,16],[5,5]],\"class_names\":[\"x\",\"y\"],\"target_name\":\"\","
		"\"target_range\":[0,1],\"input_dim\":2,\"output_dim\":2}",
		2, 2, FERRUM_ACT_SOFTMAX);
	static const struct {
		float a;
		double z, pos;
		int band, oor, unusual;
	} c[] = {
		{10.0f, 0.0, 0.5, 0, 0, 0},    {11.0f, 0.5, 7.0 / 12, 0, 0, 0},
		{12.0f, 1.0, 8.0 / 12, 1, 0, 0}, {14.0f, 2.0, 10.0 / 12, 1, 0, 0},
		{15.0f, 2.5, 11.0 / 12, 2, 0, 0}, {16.0f, 3.0, 1.0, 2, 0, 0},
		{17.0f, 3.5, 13.0 / 12, 2, 1, 1}, {7.0f, -1.5, 0.25, 1, 0, 0},
		{3.0f, -3.5, -1.0 / 12, 2, 1, 1},
	};
	ferrum_feature_stat fs[2];
	size_t i, nu;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		float x[2] = {c[i].a, 5.0f};

		ferrum_stats_features(m, x, fs, &nu);
		is_double(fs[0].z, c[i].z, 0, "a = %g: z", (double)c[i].a);
		is_double(fs[0].range_pos, c[i].pos, 1e-15, "a = %g: range position", (double)c[i].a);
		is_int(fs[0].band, c[i].band, "a = %g: band", (double)c[i].a);
		is_int(fs[0].out_of_range, c[i].oor, "a = %g: out of range", (double)c[i].a);
		is_int(fs[0].unusual, c[i].unusual, "a = %g: unusual", (double)c[i].a);
		is_double(fs[0].z_bar, c[i].z > 3 ? 1 : c[i].z < -3 ? -1 : c[i].z / 3, 0,
		          "a = %g: z_bar", (double)c[i].a);
		is_int((long long)nu, c[i].oor || c[i].unusual ? 2 : 1,
		       "a = %g: unfamiliar count (b has z = 5)", (double)c[i].a);
	}
	{
		float x[2] = {10.0f, 5.0f};

		ferrum_stats_features(m, x, fs, NULL);
		is_double(fs[1].range_pos, 0.5, 0, "an empty range puts the value in the middle");
		is_int(fs[1].out_of_range, 0, "the range's only value is inside it");
		is_int(fs[1].unusual, 1, "b = 5 with std 1: unusual");
		is_double(fs[0].mean, 10.0, 0, "mean reported");
		is_double(fs[0].std, 2.0, 0, "std reported");
		is_double(fs[0].lo, 4.0, 0, "lo reported");
		is_double(fs[0].hi, 16.0, 0, "hi reported");
		is_double(fs[1].z_bar, 1.0, 0, "z 5: z_bar clipped at 1");
	}
	{
		float x[2] = {-1e30f, NAN};

		ferrum_stats_features(m, x, fs, NULL);
		is_double(fs[0].z_bar, -1.0, 0, "z far below: z_bar -1");
		ok(isnan(fs[1].z_bar), "NaN z: NaN z_bar");
		x[0] = nextafterf(16.0f, 17.0f);
		ferrum_stats_features(m, x, fs, NULL);
		is_double(fs[0].z_bar, 1.0, 0, "z just over 3: z_bar 1");
		ok(fs[0].z > 3.0, "... and z is over 3");
		x[0] = 10.0f;
		ferrum_stats_features(m, x, fs, NULL);
		ok(fs[0].z_bar == 0.0 && !signbit(fs[0].z_bar), "z 0: z_bar +0");
	}
	ferrum_model_free(m);
}

static void
test_regression(void)
{
	/* One feature; target mean 100, std 20, range [40, 200]. */
	ferrum_model *m = make_model(
		"0,1;100,20",
		"{\"dataset_name\":\"r\",\"task\":\"regression\",\"feature_names\":[\"f\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[],\"target_name\":\"value\","
		"\"target_range\":[40,200],\"input_dim\":1,\"output_dim\":1}",
		1, 1, FERRUM_ACT_IDENTITY);
	ferrum_model *z = make_model(
		"0,1;0,5",
		"{\"dataset_name\":\"r\",\"task\":\"regression\",\"feature_names\":[\"f\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[],\"target_name\":\"value\","
		"\"target_range\":[-10,10],\"input_dim\":1,\"output_dim\":1}",
		1, 1, FERRUM_ACT_IDENTITY);
	ferrum_model *c = make_model(
		"0,1",
		"{\"dataset_name\":\"c\",\"task\":\"classification\",\"feature_names\":[\"f\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[\"a\",\"b\"],\"target_name\":\"\","
		"\"target_range\":[0,1],\"input_dim\":1,\"output_dim\":2}",
		1, 2, FERRUM_ACT_SOFTMAX);
	double cut = 0.6744897501960817 * 20.0;
	ferrum_regression_stats r;
	float below1 = nextafterf((float)(100.0 - cut), 0.0f);

	is_int(ferrum_stats_regression(m, 130.0f, &r), FERRUM_OK, "regression: ok");
	is_double(r.z, 1.5, 0, "z = (130 - 100) / 20");
	is_double(r.pct_from_mean, 30.0, 0, "30 %% above the mean");
	is_double(r.sigma_lo, 80.0, 0, "+-1 sigma: 80");
	is_double(r.sigma_hi, 120.0, 0, "+-1 sigma: 120");
	is_int(r.within_sigma, 0, "130 is outside +-1 sigma");
	is_int(r.quartile, 4, "z 1.5: quartile 4");
	is_double(r.range_pos, 90.0 / 160.0, 1e-15, "range position");
	is_double(r.mean_pos, 60.0 / 160.0, 1e-15, "mean position");
	is_int(r.out_of_range, 0, "inside the range");

	ferrum_stats_regression(m, 70.0f, &r);
	is_double(r.pct_from_mean, -30.0, 0, "30 %% below the mean");
	is_int(r.quartile, 1, "z -1.5: quartile 1");
	ferrum_stats_regression(m, 120.0f, &r);
	is_int(r.within_sigma, 1, "mean + std is inside the interval");

	/* The quartile cuts: mean - 0.6745 std, mean, mean + 0.6745 std. */
	ferrum_stats_regression(m, 100.0f, &r);
	is_int(r.quartile, 3, "the mean itself: quartile 3 (a cut belongs upwards)");
	ferrum_stats_regression(m, nextafterf(100.0f, 0.0f), &r);
	is_int(r.quartile, 2, "just below the mean: quartile 2");
	ferrum_stats_regression(m, below1, &r);
	is_int(r.quartile, 1, "just below mean - 0.6745 std: quartile 1");
	ferrum_stats_regression(m, nextafterf(below1, 200.0f), &r);
	is_int(r.quartile, (double)nextafterf(below1, 200.0f) < 100.0 - cut ? 1 : 2,
	       "just above mean - 0.6745 std: quartile 2");
	ferrum_stats_regression(m, (float)(100.0 + cut) - 0.001f, &r);
	is_int(r.quartile, 3, "just below mean + 0.6745 std: quartile 3");
	ferrum_stats_regression(m, (float)(100.0 + cut) + 0.001f, &r);
	is_int(r.quartile, 4, "just above mean + 0.6745 std: quartile 4");
	ferrum_stats_regression(m, 201.0f, &r);
	is_int(r.out_of_range, 1, "201 is above the training range");
	ferrum_stats_regression(m, 39.0f, &r);
	is_int(r.out_of_range, 1, "39 is below the training range");
	is_double(r.range_pos, -1.0 / 160.0, 1e-15, "range position is not clamped");

	ferrum_stats_regression(m, 130.0f, &r);
	is_double(r.output, 1.5, 0, "output: the normalised value, (130 - 100) / 20");
	is_int(ferrum_stats_regression_output(m, 1.5f, &r), FERRUM_OK, "from the output: ok");
	is_double(r.value, 130.0, 0, "from the output: 1.5 * 20 + 100");
	is_double(r.output, 1.5, 0, "from the output: output kept");
	is_double(r.z, 1.5, 0, "from the output: z");
	{
		float y = 0.1f, v = ferrum_model_denormalize(m, y);

		ferrum_stats_regression_output(m, y, &r);
		ok(r.output == (double)y, "output 0.1f kept to the bit");
		ok(r.value == (double)v, "value is ferrum_model_denormalize(output)");
		ok((float)((float)r.output * (float)r.std) + (float)r.mean == (float)r.value,
		   "output * std + mean = value in float");
	}
	is_int(ferrum_stats_regression_output(c, 0.5f, &r), FERRUM_EINVAL,
	       "from the output, a classifier: EINVAL");

	is_int(ferrum_stats_regression(z, 2.0f, &r), FERRUM_OK, "zero mean: ok");
	ok(isnan(r.pct_from_mean), "zero mean: no percentage");
	is_int(ferrum_stats_regression(c, 1.0f, &r), FERRUM_EINVAL, "a classifier: EINVAL");
	ferrum_model_free(m);
	ferrum_model_free(z);
	ferrum_model_free(c);
}

/* A model of Linear(1, 5), ReLU, Linear(5, 4), tanh, Linear(4, out), @act
 * with zero weights and the last layer's biases @bias (out floats). */
static ferrum_model *
make_deep(const char *norm, const char *meta, size_t out, int act, const float *bias)
{
	static const size_t width[4] = {1, 5, 4, 0};
	static const int acts[2] = {FERRUM_ACT_RELU, FERRUM_ACT_TANH};
	ferrum_model *model = NULL;
	ferrum_error err;
	fe_norm n;
	fe_meta m;
	fe_net net;
	size_t i;

	memset(&net, 0, sizeof net);
	if (fe_norm_parse(norm, strlen(norm), &n, &err) != 0 ||
	    fe_meta_parse(meta, strlen(meta), &m, &err) != 0)
		bail("parse: %s", err.message);
	net.n_layers = 6;
	net.layers = calloc(6, sizeof *net.layers);
	if (net.layers == NULL)
		bail("out of memory");
	for (i = 0; i < 3; i++) {
		fe_layer *l = &net.layers[2 * i];

		l->kind = FERRUM_LAYER_LINEAR;
		l->in = width[i];
		l->out = i < 2 ? width[i + 1] : out;
		l->w = calloc(l->in * l->out, sizeof(float));
		l->b = calloc(l->out, sizeof(float));
		if (l->w == NULL || l->b == NULL)
			bail("out of memory");
		if (i == 2)
			memcpy(l->b, bias, out * sizeof *bias);
		l[1].kind = FERRUM_LAYER_ACTIVATION;
		l[1].act = i < 2 ? acts[i] : act;
	}
	if (fe_model_assemble(&model, &n, &m, &net, &err) != 0)
		bail("assemble: %s", err.message);
	return model;
}

/* The members of the stats object that describe the model and its
 * output: normaliser, loss, hidden widths, certainty, order, output. */
static void
test_json_panels(void)
{
	static const float logits[4] = {1.0f, 3.0f, 1.0f, 2.0f}, y[1] = {0.1f};
	ferrum_model *c = make_deep(
		"0,1",
		"{\"dataset_name\":\"d\",\"task\":\"classification\",\"feature_names\":[\"a\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[\"p\",\"q\",\"r\",\"s\"],"
		"\"target_name\":\"\",\"target_range\":[0,3],\"input_dim\":1,\"output_dim\":4}",
		4, FERRUM_ACT_SOFTMAX, logits);
	ferrum_model *r = make_deep(
		"0,1;100,20",
		"{\"dataset_name\":\"e\",\"task\":\"regression\",\"feature_names\":[\"a\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[],\"target_name\":\"v\","
		"\"target_range\":[40,200],\"input_dim\":1,\"output_dim\":1}",
		1, FERRUM_ACT_IDENTITY, y);
	float x[1] = {-9.0f}, p[4];
	ferrum_class_summary cs;
	const fe_json *v, *rep;
	ferrum_error err;
	fe_json *doc;
	size_t len, k;
	char *text;

	is_int(ferrum_stats_json(c, x, &text, &len, &err), FERRUM_OK, "deep classifier: stats json");
	is_int(fe_json_parse(text, len, &doc, &err), FERRUM_OK, "parses");
	ferrum_free(text);
	v = fe_json_get(doc, "model");
	is_string(fe_json_get(v, "normaliser")->text, "z-score", "normaliser: z-score");
	is_string(fe_json_get(v, "loss")->text, "cross-entropy", "classifier: cross-entropy loss");
	v = fe_json_get(v, "hidden");
	ok(v != NULL && v->type == FE_JSON_ARRAY && v->n == 2 && v->items[0].number == 5 &&
	           v->items[1].number == 4,
	   "hidden: [5, 4], not the output layer");
	v = fe_json_get(fe_json_get(doc, "features")->items, "z_bar");
	is_double(v->number, -1, 0, "z -9: z_bar -1");
	ferrum_model_predict(c, x, p, &err);
	ferrum_stats_classes(p, 4, NULL, &cs);
	rep = fe_json_get(doc, "report");
	ok(fe_json_get(rep, "certainty")->number == 1.0 - fe_json_get(rep, "entropy_norm")->number,
	   "JSON certainty = 1 - entropy_norm, to the bit");
	is_double(fe_json_get(rep, "certainty")->number, cs.certainty, 0, "JSON certainty");
	v = fe_json_get(rep, "order");
	ok(v != NULL && v->type == FE_JSON_ARRAY && v->n == 4, "order: four indices");
	if (v != NULL && v->n == 4) {
		static const double want[4] = {1, 3, 2, 0};

		for (k = 0; k < 4; k++)
			is_double(v->items[k].number, want[k], 0, "order[%zu]", k);
	}
	fe_json_free(doc);

	is_int(ferrum_stats_json(r, x, &text, &len, &err), FERRUM_OK, "deep regressor: stats json");
	is_int(fe_json_parse(text, len, &doc, &err), FERRUM_OK, "parses");
	ferrum_free(text);
	v = fe_json_get(doc, "model");
	is_string(fe_json_get(v, "normaliser")->text, "z-score", "regressor: z-score");
	is_string(fe_json_get(v, "loss")->text, "mse", "regressor: mse loss");
	ok(fe_json_get(v, "hidden")->n == 2, "regressor: two hidden widths");
	rep = fe_json_get(doc, "report");
	ok((float)fe_json_get(rep, "output")->number == 0.1f, "output: the network's 0.1f");
	is_double(fe_json_get(rep, "output")->number,
	          fe_json_get(fe_json_get(doc, "prediction"), "value_norm")->number, 0,
	          "output equals the prediction's value_norm");
	is_double(fe_json_get(rep, "value")->number, (double)ferrum_model_denormalize(r, 0.1f), 0,
	          "value: the output de-normalised");
	ok(fe_json_get(fe_json_get(doc, "report"), "certainty") == NULL &&
	           fe_json_get(fe_json_get(doc, "report"), "order") == NULL,
	   "no certainty or order for a regressor");
	fe_json_free(doc);
	ferrum_model_free(c);
	ferrum_model_free(r);
}

/* The JSON producers: parse the text back and compare with the structs. */
static void
test_json(void)
{
	ferrum_model *m = make_model(
		"10,2",
		"{\"dataset_name\":\"t\",\"task\":\"classification\",\"feature_names\":[\"a\"],"
		"\"feature_ranges\":[[4,16]],\"class_names\":[\"x\",\"y\",\"z\"],"
		"\"target_name\":\"\",\"target_range\":[0,2],\"input_dim\":1,\"output_dim\":3}",
		1, 3, FERRUM_ACT_SOFTMAX);
	ferrum_model *r = make_model(
		"0,1;100,20",
		"{\"dataset_name\":\"r\",\"task\":\"regression\",\"feature_names\":[\"f\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[],\"target_name\":\"value\","
		"\"target_range\":[40,200],\"input_dim\":1,\"output_dim\":1}",
		1, 1, FERRUM_ACT_IDENTITY);
	float x[1] = {17.0f};
	char *text;
	size_t len;
	fe_json *doc;
	const fe_json *v, *rep;
	ferrum_error err;

	/* Zero weights: the softmax of three zeros is uniform. */
	is_int(ferrum_predict_json(m, x, &text, &len, &err), FERRUM_OK, "predict json");
	is_int((long long)len, (long long)strlen(text), "length");
	is_string(text,
	          "{\"type\":\"classification\",\"class_index\":2,\"label\":\"z\","
	          "\"confidence\":0.33333334,\"probabilities\":[0.33333334,0.33333334,"
	          "0.33333334]}",
	          "classification shape (1/3 as a float needs 8 digits)");
	ferrum_free(text);

	is_int(ferrum_stats_json(m, x, &text, &len, &err), FERRUM_OK, "stats json");
	is_int(fe_json_parse(text, len, &doc, &err), FERRUM_OK, "stats json parses");
	v = fe_json_get(doc, "features");
	ok(v != NULL && v->type == FE_JSON_ARRAY && v->n == 1, "features array");
	if (v != NULL && v->n == 1) {
		const fe_json *f = &v->items[0];

		is_double(fe_json_get(f, "z")->number, 3.5, 0, "feature z");
		ok(fe_json_get(f, "out_of_range")->type == FE_JSON_TRUE, "out_of_range true");
		ok(fe_json_get(f, "unusual")->type == FE_JSON_TRUE, "unusual true");
		is_int(fe_json_get(f, "band")->number, 2, "band 2");
		is_double(fe_json_get(f, "range_pos")->number, 13.0 / 12, 1e-15, "range_pos");
	}
	is_double(fe_json_get(doc, "unfamiliar")->number, 1, 0, "unfamiliar count");
	rep = fe_json_get(doc, "report");
	ok(rep != NULL, "report object");
	if (rep != NULL) {
		is_double(fe_json_get(rep, "entropy")->number, -3 * (double)(1.0f / 3) *
		                                                   log((double)(1.0f / 3)),
		          1e-15, "entropy of the float thirds");
		is_double(fe_json_get(rep, "entropy_max")->number, log(3.0), 0, "ln 3");
		is_string(fe_json_get(rep, "badge")->text, "Toss-up", "badge");
		is_double(fe_json_get(rep, "margin")->number, 0, 0, "margin");
		ok(fe_json_get(rep, "classes")->n == 3, "three classes");
		is_double(fe_json_get(&fe_json_get(rep, "classes")->items[0], "odds")->number,
		          (double)(1.0f / 3) / (1 - (double)(1.0f / 3)), 1e-15, "odds");
	}
	v = fe_json_get(doc, "model");
	ok(v != NULL && fe_json_get(v, "parameters")->number == 6 &&
	           fe_json_get(v, "format_version")->number == 3 &&
	           fe_json_get(v, "layers")->n == 2,
	   "architecture card: 6 parameters, FINF v3, two layers");
	fe_json_free(doc);
	ferrum_free(text);

	x[0] = 0.0f;
	is_int(ferrum_predict_json(r, x, &text, &len, &err), FERRUM_OK, "regression json");
	is_string(text, "{\"type\":\"regression\",\"value\":100,\"value_norm\":0}",
	          "regression shape: zero output is the target mean");
	ferrum_free(text);
	is_int(ferrum_stats_json(r, x, &text, &len, &err), FERRUM_OK, "regression stats json");
	is_int(fe_json_parse(text, len, &doc, &err), FERRUM_OK, "parses");
	rep = fe_json_get(doc, "report");
	is_int(fe_json_get(rep, "quartile")->number, 3, "quartile");
	is_double(fe_json_get(rep, "z")->number, 0, 0, "z");
	is_double(fe_json_get(rep, "sigma_interval")->items[1].number, 120, 0,
	          "sigma interval upper end");
	fe_json_free(doc);
	ferrum_free(text);

	x[0] = NAN;
	is_int(ferrum_predict_json(r, x, &text, &len, &err), FERRUM_EINPUT, "NaN input refused");
	ok(text == NULL, "no text on error");
	ferrum_model_free(m);
	ferrum_model_free(r);
}

int
main(void)
{
	plan_lazy();
	test_classes();
	test_order();
	test_badge_boundaries();
	test_features();
	test_regression();
	test_json();
	test_json_panels();
	return done_testing();
}

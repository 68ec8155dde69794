/* t/unit/calibrate.c: temperature scaling: the fitted T, its folding into the network, the ensemble's out-of-fold logits.
 * SPDX-License-Identifier: MIT
 *
 * Every expectation is worked out here from how the case is made: a
 * two-class case whose best temperature has a closed form, the bounds of
 * the search, softmax(logits / T) computed directly, and a two-member
 * ensemble small enough to score by hand. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Logits (a, 0) on every row, q of the rows of class 0: the log-loss is
 * least where sigmoid(a / T) = q, at T = a / ln(q / (1 - q)). */
static void
test_closed_form(void)
{
	double lg[20];
	uint32_t c[10];
	size_t i;

	for (i = 0; i < 10; i++) {
		lg[2 * i] = 2.0;
		lg[2 * i + 1] = 0.0;
		c[i] = i < 8 ? 0 : 1;
	}
	/* q = 0.8: T = 2 / ln 4 = 1 / ln 2.  A search by values finds a
	 * minimum to about the square root of their precision: 1e-7 of T,
	 * a float's own precision. */
	is_double(fe_temperature_fit(10, 2, lg, c), 1.0 / log(2.0), 1e-7,
	          "two classes, 8 of 10 rows right at logit 2: T = 1 / ln 2");
	for (i = 0; i < 10; i++)
		c[i] = i < 5 ? 0 : 1;
	/* q = 0.5 wants T infinite: the upper bound. */
	is_double(fe_temperature_fit(10, 2, lg, c), 20.0, 1e-7, "a coin toss: T at its bound 20");
	for (i = 0; i < 10; i++)
		c[i] = 0;
	/* Every row right: the bolder the better, down to the bound. */
	is_double(fe_temperature_fit(10, 2, lg, c), 0.05, 1e-9, "every row right: T at its bound 0.05");
	/* Scaling the logits scales T: the same rows, logits (6, 0). */
	for (i = 0; i < 10; i++) {
		lg[2 * i] = 6.0;
		c[i] = i < 8 ? 0 : 1;
	}
	is_double(fe_temperature_fit(10, 2, lg, c), 3.0 / log(2.0), 3e-7,
	          "logits three times larger: T three times larger");
	is_double(fe_temperature_fit(0, 2, lg, c), 1.0, 0, "no rows: T = 1");
}

/* Three classes, logits whose best T has no closed form: T is where the
 * mean log-loss's derivative in 1/T, E_p[l] - l_c, sums to zero. */
static void
test_stationary(void)
{
	static const double lg[12] = {2.0, 0.5, -1.0, 0.1, 1.5, 0.3, -0.5, 0.2, 1.8, 1.0, 1.1, 0.9};
	static const uint32_t c[4] = {0, 1, 2, 2};
	double t = fe_temperature_fit(4, 3, lg, c), b = 1.0 / t, g = 0.0;
	size_t i, j;

	for (i = 0; i < 4; i++) {
		double s = 0.0, el = 0.0;

		for (j = 0; j < 3; j++)
			s += exp(b * lg[i * 3 + j]);
		for (j = 0; j < 3; j++)
			el += exp(b * lg[i * 3 + j]) / s * lg[i * 3 + j];
		g += el - lg[i * 3 + c[i]];
	}
	ok(t > 0.05 && t < 20.0, "an inner optimum (T = %.6f)", t);
	is_double(g / 4.0, 0.0, 1e-9, "the derivative vanishes there");
}

/* The folded network's probabilities are softmax(logits / T). */
static void
test_fold(void)
{
	fe_net logit, prob;
	ferrum_error err;
	float x[3 * 4], lo[3 * 3], po[3 * 3], work[2 * 3 * 5];
	uint64_t s = 7;
	size_t i, j, l;
	float t;
	int close = 1;

	if (fe_net_mlp(&logit, 4, 5, 3, FERRUM_ACT_IDENTITY, &err) != FERRUM_OK ||
	    fe_net_mlp(&prob, 4, 5, 3, FERRUM_ACT_SOFTMAX, &err) != FERRUM_OK)
		bail("fe_net_mlp: %s", err.message);
	for (l = 0; l < 4; l += 2) {
		fe_layer *a = &logit.layers[l], *b = &prob.layers[l];

		for (i = 0; i < a->in * a->out; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			a->w[i] = b->w[i] = (float)((double)(s >> 11) / 9007199254740992.0 * 4.0 - 2.0);
		}
		for (i = 0; i < a->out; i++)
			a->b[i] = b->b[i] = (float)i * 0.25f - 0.3f;
	}
	for (i = 0; i < 12; i++)
		x[i] = (float)i / 6.0f - 1.0f;
	fe_net_forward(&logit, 3, x, lo, work);
	t = fe_temperature_fold(&prob, 2.5);
	is_double(t, 2.5, 0, "the folded temperature is returned");
	fe_net_forward(&prob, 3, x, po, work);
	for (i = 0; i < 3; i++) {
		double mx = lo[i * 3], sum = 0.0;

		for (j = 1; j < 3; j++)
			if (lo[i * 3 + j] > mx)
				mx = lo[i * 3 + j];
		for (j = 0; j < 3; j++)
			sum += exp(((double)lo[i * 3 + j] - mx) / 2.5);
		for (j = 0; j < 3; j++) {
			double want = exp(((double)lo[i * 3 + j] - mx) / 2.5) / sum;

			if (fabs(want - (double)po[i * 3 + j]) > 1e-6) {
				diag("row %zu class %zu: %.9g, want %.9g", i, j, (double)po[i * 3 + j], want);
				close = 0;
			}
		}
	}
	ok(close, "probabilities of the folded network = softmax(logits / T)");
	is_double(fe_temperature_fold(&prob, 1.0), 1.0, 0, "T = 1 changes nothing");
	fe_net_free(&logit);
	fe_net_free(&prob);
}

/* Two members of one hidden unit each, Linear(1, 2) ReLU Linear(2, 2):
 * member 0's unit is relu(x) with output weights (1, -1), member 1's
 * relu(-x) with (-2, 2), merged with the weights halved; member biases
 * (0.5, 0) and (0, 0.25).  T is fitted on row i scored by member fold[i]
 * alone, then multiplied by the ensemble's spread over the members' mean
 * spread (for two classes the spread is |l0 - l1| / sqrt 2). */
static void
test_members(void)
{
	static const float z[6] = {1.0f, -0.5f, 2.0f, -1.5f, 0.25f, -3.0f};
	static const uint32_t c[6] = {0, 1, 1, 1, 0, 0};
	static const unsigned fold[6] = {0, 1, 0, 1, 1, 0};
	static const size_t off[3] = {0, 1, 2};
	static const float bias[4] = {0.5f, 0.0f, 0.0f, 0.25f};
	fe_net net;
	fe_fit_data d;
	fe_fit_info info;
	ferrum_error err;
	double lg[12], t, ens = 0.0, mem = 0.0;
	size_t i;
	float want;

	if (fe_net_mlp(&net, 1, 2, 2, FERRUM_ACT_SOFTMAX, &err) != FERRUM_OK)
		bail("fe_net_mlp: %s", err.message);
	net.layers[0].w[0] = 1.0f;
	net.layers[0].w[1] = -1.0f;
	net.layers[2].w[0] = 0.5f;  /* unit 0 -> class 0: 1 / 2 */
	net.layers[2].w[1] = -0.5f; /* unit 0 -> class 1 */
	net.layers[2].w[2] = -1.0f; /* unit 1 -> class 0: -2 / 2 */
	net.layers[2].w[3] = 1.0f;
	net.layers[2].b[0] = 0.25f; /* the members' biases averaged */
	net.layers[2].b[1] = 0.125f;
	for (i = 0; i < 6; i++) {
		const double h = fold[i] == 0 ? (z[i] > 0 ? z[i] : 0.0) : (z[i] < 0 ? -z[i] : 0.0);
		const double h0 = z[i] > 0 ? z[i] : 0.0, h1 = z[i] < 0 ? -z[i] : 0.0;
		const double d0 = 0.5 + 2.0 * h0, d1 = -0.25 - 4.0 * h1; /* l0 - l1 */

		ens += fabs(d0 + d1) / 2.0;
		mem += (fabs(d0) + fabs(d1)) / 2.0;
		if (fold[i] == 0) {
			lg[2 * i] = 0.5 + h;
			lg[2 * i + 1] = -h;
		} else {
			lg[2 * i] = -2.0 * h;
			lg[2 * i + 1] = 0.25 + 2.0 * h;
		}
	}
	t = fe_temperature_fit(6, 2, lg, c) * (ens / mem);
	ok(ens < mem, "the average's spread is smaller (%g < %g)", ens, mem);
	memset(&d, 0, sizeof d);
	d.n = 6;
	d.nf = 1;
	d.no = 2;
	d.cls = 1;
	d.z = (float *)z;
	d.c = (uint32_t *)c;
	memset(&info, 0, sizeof info);
	is_int(fe_calibrate_members(&net, &d, fold, 2, off, bias, &info, &err), FERRUM_OK,
	       "two members: calibrated");
	is_double(info.temperature, (float)t, 1e-6,
	          "T from each row's own member, times the shrinking (T = %.6f)", t);
	is_int((long long)info.calibration_rows, 6, "on all six rows");
	want = 0.5f / info.temperature;
	is_double(net.layers[2].w[0], want, 0, "the last layer's weights divided by T");
	want = 0.125f / info.temperature;
	is_double(net.layers[2].b[1], want, 0, "and its bias");
	want = 1.0f;
	is_double(net.layers[0].w[0], want, 0, "the first layer untouched");
	fe_net_free(&net);
}

/* Regression and a single member: nothing to calibrate. */
static void
test_nothing(void)
{
	fe_net net;
	fe_fit_data d;
	fe_fit_info info;
	ferrum_error err;
	static const float z[2] = {1.0f, 2.0f};
	static const uint32_t c[2] = {0, 1};
	static const unsigned fold[2] = {0, 0};
	static const size_t off[2] = {0, 2};
	static const float bias[2] = {0.0f, 0.0f};

	if (fe_net_mlp(&net, 1, 2, 2, FERRUM_ACT_SOFTMAX, &err) != FERRUM_OK)
		bail("fe_net_mlp: %s", err.message);
	net.layers[2].w[0] = 3.0f;
	memset(&d, 0, sizeof d);
	d.n = 2;
	d.nf = 1;
	d.no = 2;
	d.cls = 1;
	d.z = (float *)z;
	d.c = (uint32_t *)c;
	memset(&info, 0, sizeof info);
	is_int(fe_calibrate_members(&net, &d, fold, 1, off, bias, &info, &err), FERRUM_OK,
	       "one member: nothing to do");
	ok(info.temperature == 0.0f && net.layers[2].w[0] == 3.0f, "and nothing done");
	d.cls = 0;
	is_int(fe_calibrate_members(&net, &d, fold, 2, off, bias, &info, &err), FERRUM_OK,
	       "regression: nothing to do");
	ok(info.temperature == 0.0f && net.layers[2].w[0] == 3.0f, "and nothing done");
	fe_net_free(&net);
}

int
main(void)
{
	plan_lazy();
	test_closed_form();
	test_stationary();
	test_fold();
	test_members();
	test_nothing();
	return done_testing();
}

/* t/unit/act.c: activation values and gradients (central finite differences).
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <string.h>

#define N 6
static const float xs[N] = { -2.5f, -0.75f, -0.125f, 0.3f, 1.1f, 2.75f };

/* d/dx_k of sum_j w_j * act(x)_j by a central difference on the float
 * forward pass. */
static double
fd(int act, size_t m, size_t n, const float *x, const float *w, size_t k, float h)
{
	float xp[N], xm[N];
	double lp = 0.0, lm = 0.0;
	size_t j;

	memcpy(xp, x, m * n * sizeof *x);
	memcpy(xm, x, m * n * sizeof *x);
	xp[k] += h;
	xm[k] -= h;
	fe_act_forward(act, m, n, xp);
	fe_act_forward(act, m, n, xm);
	for (j = 0; j < m * n; j++) {
		lp += (double)w[j] * xp[j];
		lm += (double)w[j] * xm[j];
	}
	return (lp - lm) / (2.0 * ((double)(x[k] + h) - x[k]));
}

static void
check_grad(int act, size_t m, size_t n, const char *what)
{
	float y[N], dy[N], dx[N];
	static const float w[N] = { 0.7f, -1.3f, 0.4f, 2.1f, -0.6f, 1.5f };
	double worst = 0.0;
	size_t k;

	memcpy(y, xs, sizeof y);
	fe_act_forward(act, m, n, y);
	memcpy(dy, w, sizeof dy);
	fe_act_backward(act, m, n, y, dy, dx);
	for (k = 0; k < m * n; k++) {
		double g = fd(act, m, n, xs, w, k, 1e-2f);

		if (fabs(g - dx[k]) > worst)
			worst = fabs(g - dx[k]);
	}
	if (!ok(worst < 2e-3, "%s backward matches central differences", what))
		diag("worst difference %g", worst);
	/* dx may alias dy. */
	fe_act_backward(act, m, n, y, dy, dy);
	ok(memcmp(dx, dy, sizeof dx) == 0, "%s backward works in place", what);
}

int
main(void)
{
	float x[N], y[N];
	size_t i;
	int good;

	plan_lazy();

	memcpy(x, xs, sizeof x);
	fe_act_forward(FERRUM_ACT_RELU, 2, 3, x);
	for (good = 1, i = 0; i < N; i++)
		if (x[i] != (xs[i] > 0 ? xs[i] : 0.0f))
			good = 0;
	ok(good, "relu forward is max(x, 0)");
	{
		float z[3] = { NAN, -0.0f, 0.0f };

		fe_act_forward(FERRUM_ACT_RELU, 1, 3, z);
		ok(z[0] == 0.0f && z[1] == 0.0f && z[2] == 0.0f, "relu maps NaN and zeros to 0");
	}

	memcpy(x, xs, sizeof x);
	fe_act_forward(FERRUM_ACT_SIGMOID, 3, 2, x);
	for (good = 1, i = 0; i < N; i++)
		if (fabs(x[i] - 1.0 / (1.0 + exp(-(double)xs[i]))) > 1e-7)
			good = 0;
	ok(good, "sigmoid forward matches 1/(1+exp(-x)) in double");
	x[0] = 0.0f;
	fe_act_forward(FERRUM_ACT_SIGMOID, 1, 1, x);
	is_double(x[0], 0.5, 0, "sigmoid(0) is 0.5");

	memcpy(x, xs, sizeof x);
	fe_act_forward(FERRUM_ACT_TANH, 1, N, x);
	for (good = 1, i = 0; i < N; i++)
		if (fabs(x[i] - tanh((double)xs[i])) > 1e-7)
			good = 0;
	ok(good, "tanh forward matches tanh in double");

	memcpy(x, xs, sizeof x);
	fe_act_forward(FERRUM_ACT_IDENTITY, 2, 3, x);
	ok(memcmp(x, xs, sizeof x) == 0, "identity forward changes nothing");

	memcpy(x, xs, sizeof x);
	memcpy(y, xs, sizeof y);
	fe_act_forward(FERRUM_ACT_SOFTMAX, 2, 3, x);
	fe_softmax_rows(2, 3, y);
	ok(memcmp(x, y, sizeof x) == 0, "softmax forward is the row-wise softmax");
	{
		double z = exp(-2.5) + exp(-0.75) + exp(-0.125);

		is_double(x[0], exp(-2.5) / z, 1e-7, "softmax row 0, column 0");
		is_double(x[2], exp(-0.125) / z, 1e-7, "softmax row 0, column 2");
	}

	check_grad(FERRUM_ACT_IDENTITY, 2, 3, "identity");
	check_grad(FERRUM_ACT_RELU, 2, 3, "relu");
	check_grad(FERRUM_ACT_SIGMOID, 2, 3, "sigmoid");
	check_grad(FERRUM_ACT_TANH, 2, 3, "tanh");
	check_grad(FERRUM_ACT_SOFTMAX, 2, 3, "softmax (2 rows of 3)");
	check_grad(FERRUM_ACT_SOFTMAX, 1, 6, "softmax (1 row of 6)");

	{
		/* At exactly 0 the ReLU gradient is blocked. */
		float yz[2] = { 0.0f, 1.0f }, dyz[2] = { 5.0f, 5.0f }, dxz[2];

		fe_act_backward(FERRUM_ACT_RELU, 1, 2, yz, dyz, dxz);
		ok(dxz[0] == 0.0f && dxz[1] == 5.0f, "relu backward blocks at 0, passes above");
	}

	is_string(fe_act_name(FERRUM_ACT_IDENTITY), "identity", "name of identity");
	is_string(fe_act_name(FERRUM_ACT_RELU), "relu", "name of relu");
	is_string(fe_act_name(FERRUM_ACT_SIGMOID), "sigmoid", "name of sigmoid");
	is_string(fe_act_name(FERRUM_ACT_TANH), "tanh", "name of tanh");
	is_string(fe_act_name(FERRUM_ACT_SOFTMAX), "softmax", "name of softmax");
	ok(fe_act_name(5) == NULL && fe_act_name(-1) == NULL, "unknown kinds have no name");
	return done_testing();
}

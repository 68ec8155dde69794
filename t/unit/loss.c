/* t/unit/loss.c: loss values, gradients by central differences, and the
 * reciprocal scaling of the reference trainer.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <string.h>

#define M 3
#define K 4

static const float logits0[M * K] = {
	0.31f, -1.7f, 2.2f, 0.05f,
	-0.4f, 0.9f, 0.9f, -2.6f,
	1.35f, 0.12f, -0.83f, 0.6f,
};
static const uint32_t target[M] = { 2, 0, 3 };

static void
test_xent(void)
{
	float g[M * K], p[M * K], lg[M * K];
	double want = 0.0, worst = 0.0, got;
	size_t i, j, ndiff = 0;
	int exact = 1;

	/* The value: mean of -ln softmax_target, softmax in double. */
	for (i = 0; i < M; i++) {
		double z = 0.0;

		for (j = 0; j < K; j++)
			z += exp((double)logits0[i * K + j]);
		want -= log(exp((double)logits0[i * K + target[i]]) / z);
	}
	want /= M;
	got = fe_loss_xent(M, K, logits0, target, g);
	is_double(got, want, 1e-6, "cross-entropy value matches a double computation");
	is_double(fe_loss_xent(M, K, logits0, target, NULL), got, 0,
	          "the value does not depend on asking for the gradient");

	/* Central differences on the returned loss. */
	for (i = 0; i < M * K; i++) {
		const float h = 1e-2f;
		double lp, lm, d;

		memcpy(lg, logits0, sizeof lg);
		lg[i] += h;
		lp = fe_loss_xent(M, K, lg, target, NULL);
		lg[i] = logits0[i] - h;
		lm = fe_loss_xent(M, K, lg, target, NULL);
		d = (lp - lm) / (2.0 * h);
		if (fabs(d - g[i]) > worst)
			worst = fabs(d - g[i]);
	}
	if (!ok(worst < 1e-4, "cross-entropy gradient matches central differences"))
		diag("worst difference %g", worst);

	/* (p - onehot) * (1.0f / 3.0f), bit for bit; a division by 3 gives
	 * other bits for some elements, which the count shows. */
	memcpy(p, logits0, sizeof p);
	fe_softmax_rows(M, K, p);
	for (i = 0; i < M; i++)
		for (j = 0; j < K; j++) {
			float d = p[i * K + j] - (j == target[i] ? 1.0f : 0.0f);
			float w = d * (1.0f / 3.0f);

			if (memcmp(&w, &g[i * K + j], sizeof w) != 0)
				exact = 0;
			if (d / 3.0f != w)
				ndiff++;
		}
	ok(exact, "cross-entropy gradient is (p - onehot) * (1.0f/3.0f) bit for bit");
	if (!ok(ndiff > 0, "the data tell the reciprocal from a division"))
		diag("no element differs; the test above proves less");

	/* A target probability below 1e-12 is clamped. */
	{
		float x[2] = { 0.0f, -100.0f };
		uint32_t t = 1;

		is_double(fe_loss_xent(1, 2, x, &t, NULL), -log((double)1e-12f), 1e-9,
		          "a probability below 1e-12 counts as 1e-12");
	}
	{
		float x[2] = { 0.0f, 0.0f };
		uint32_t t = 2;

		ok(isnan(fe_loss_xent(1, 2, x, &t, NULL)), "an out-of-range class gives NaN");
	}
	is_double(fe_loss_xent(0, 3, NULL, NULL, NULL), 0.0, 0, "no rows, no loss");
}

static void
test_mse(void)
{
	static const float pred[M] = { 0.7f, -1.3f, 2.05f };
	static const float tgt[M] = { 0.25f, -0.1f, 2.5f };
	float g[M], pp[M];
	double want = 0.0, worst = 0.0;
	size_t i, ndiff = 0;
	int exact = 1;

	for (i = 0; i < M; i++) {
		double d = (double)pred[i] - tgt[i];

		want += d * d;
	}
	want /= M;
	is_double(fe_loss_mse(M, pred, tgt, g), want, 1e-6, "mse value matches double");
	for (i = 0; i < M; i++) {
		const float h = 1e-2f;
		double lp, lm, d;

		memcpy(pp, pred, sizeof pp);
		pp[i] += h;
		lp = fe_loss_mse(M, pp, tgt, NULL);
		pp[i] = pred[i] - h;
		lm = fe_loss_mse(M, pp, tgt, NULL);
		d = (lp - lm) / ((double)(pred[i] + h) - (double)(pred[i] - h));
		if (fabs(d - g[i]) > worst)
			worst = fabs(d - g[i]);
	}
	if (!ok(worst < 1e-4, "mse gradient matches central differences"))
		diag("worst difference %g", worst);
	for (i = 0; i < M; i++) {
		float w = (2.0f * (pred[i] - tgt[i])) * (1.0f / 3.0f);

		if (memcmp(&w, &g[i], sizeof w) != 0)
			exact = 0;
		if (2.0f * (pred[i] - tgt[i]) / 3.0f != w)
			ndiff++;
	}
	ok(exact, "mse gradient is (2 * (pred - t)) * (1.0f/3.0f) bit for bit");
	if (!ok(ndiff > 0, "the data tell the reciprocal from a division"))
		diag("no element differs; the test above proves less");
	is_double(fe_loss_mse(0, NULL, NULL, NULL), 0.0, 0, "no rows, no loss");
}

/* The default recipe's row loss: its value against a double computation
 * and its gradient (label smoothing and the caller's scale included)
 * against central differences of that value. */
static void
test_row(void)
{
	const float smooth = 0.1f, scale = 0.25f;
	float o[K], g[K];
	double want, z = 0.0, u = 0.0, worst = 0.0;
	size_t j;

	for (j = 0; j < K; j++)
		z += exp((double)logits0[j]);
	for (j = 0; j < K; j++)
		u -= log(exp((double)logits0[j]) / z);
	want = (1.0 - smooth) * -log(exp((double)logits0[2]) / z) + smooth * u / K;
	memcpy(o, logits0, sizeof o);
	is_double(fe_loss_row(1, K, o, 2, 0.0f, 0.0f, smooth), want, 1e-6,
	          "row loss: smoothed cross-entropy matches a double computation");
	memcpy(g, logits0, sizeof g);
	fe_loss_row(1, K, g, 2, 0.0f, scale, smooth);
	for (j = 0; j < K; j++) {
		const float h = 1e-2f;
		double lp, lm, d;

		memcpy(o, logits0, sizeof o);
		o[j] += h;
		lp = fe_loss_row(1, K, o, 2, 0.0f, 0.0f, smooth);
		memcpy(o, logits0, sizeof o);
		o[j] -= h;
		lm = fe_loss_row(1, K, o, 2, 0.0f, 0.0f, smooth);
		d = scale * (lp - lm) / (2.0 * h);
		if (fabs(d - g[j]) > worst)
			worst = fabs(d - g[j]);
	}
	if (!ok(worst < 1e-4, "row loss: smoothed gradient matches central differences"))
		diag("worst difference %g", worst);
	o[0] = 1.5f;
	is_double(fe_loss_row(0, 1, o, 0, 0.25f, 0.0f, 0.0f), 1.5625, 0,
	          "row loss: squared error");
	fe_loss_row(0, 1, o, 0, 0.25f, scale, 0.0f);
	is_double(o[0], 2.0 * 1.25 * scale, 1e-7, "row loss: squared error gradient, scaled");
}

int
main(void)
{
	plan_lazy();
	test_xent();
	test_mse();
	test_row();
	return done_testing();
}

/* loss.c: the training losses and their gradients.
 * SPDX-License-Identifier: MIT
 *
 * The gradients are part of the FINF reference arithmetic: float, scaled by
 * the float reciprocal of the batch size computed once (a division gives
 * other bits unless m is a power of two).  The returned loss values are for
 * reporting only: each per-row term is taken in double and summed in double,
 * then divided by m, so they may differ from the reference's float figures
 * in the last digits. */
#include "ferrum-internal.h"

#include <math.h>

double
fe_loss_xent(size_t m, size_t n, const float *logits, const uint32_t *target, float *grad)
{
	float inv;
	double sum = 0.0;
	size_t i, j;

	if (m == 0)
		return 0.0;
	inv = 1.0f / (float)m; /* once, as the reference does */
	for (i = 0; i < m; i++) {
		const float *x = logits + i * n;
		float *g = grad ? grad + i * n : NULL;
		size_t t = target[i];
		float mx = -INFINITY, s = 0.0f, p;

		/* The softmax of fe_softmax_rows, recomputed rather than stored
		 * so that no scratch is needed: expf gives the same bits twice. */
		for (j = 0; j < n; j++)
			if (x[j] > mx)
				mx = x[j];
		for (j = 0; j < n; j++)
			s += expf(x[j] - mx);
		if (t >= n) {
			/* Out-of-range class: poison the loss, never read past x. */
			sum = NAN;
			p = 0.0f;
		} else {
			p = expf(x[t] - mx) / s;
		}
		sum += -log((double)(p > 1e-12f ? p : 1e-12f));
		if (g != NULL)
			for (j = 0; j < n; j++) {
				float pj = expf(x[j] - mx) / s;
				float oh = j == t ? 1.0f : 0.0f;

				g[j] = (pj - oh) * inv;
			}
	}
	return sum / (double)m;
}

double
fe_loss_mse(size_t m, const float *pred, const float *target, float *grad)
{
	float inv;
	double sum = 0.0;
	size_t i;

	if (m == 0)
		return 0.0;
	inv = 1.0f / (float)m;
	for (i = 0; i < m; i++) {
		float d = pred[i] - target[i];

		sum += (double)d * (double)d;
		if (grad != NULL)
			grad[i] = (2.0f * d) * inv;
	}
	return sum / (double)m;
}

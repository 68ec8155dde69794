/* act.c: the activation functions of a FINF network and their gradients.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"

#include <math.h>
#include <string.h>

void
fe_act_forward(int act, size_t m, size_t n, float *x)
{
	size_t i, len = m * n;

	switch (act) {
	case FERRUM_ACT_RELU:
		/* Like the reference's max(x, 0), a NaN becomes 0. */
		for (i = 0; i < len; i++)
			x[i] = x[i] > 0.0f ? x[i] : 0.0f;
		break;
	case FERRUM_ACT_SIGMOID:
		for (i = 0; i < len; i++)
			x[i] = 1.0f / (1.0f + expf(-x[i]));
		break;
	case FERRUM_ACT_TANH:
		for (i = 0; i < len; i++)
			x[i] = tanhf(x[i]);
		break;
	case FERRUM_ACT_SOFTMAX:
		fe_softmax_rows(m, n, x);
		break;
	default: /* identity; unknown kinds never get past fe_net_finish */
		break;
	}
}

void
fe_act_backward(int act, size_t m, size_t n, const float *y, const float *dy, float *dx)
{
	size_t i, j, len = m * n;

	switch (act) {
	case FERRUM_ACT_RELU:
		/* A multiplication by the 0/1 mask, as the reference does: a
		 * select would differ on -0 and on inf * 0.  An output > 0 means
		 * the pre-activation was > 0 (a NaN one gives 0 and is blocked). */
		for (i = 0; i < len; i++)
			dx[i] = dy[i] * (y[i] > 0.0f ? 1.0f : 0.0f);
		break;
	case FERRUM_ACT_SIGMOID:
		for (i = 0; i < len; i++)
			dx[i] = dy[i] * (y[i] * (1.0f - y[i]));
		break;
	case FERRUM_ACT_TANH:
		for (i = 0; i < len; i++)
			dx[i] = dy[i] * (1.0f - y[i] * y[i]);
		break;
	case FERRUM_ACT_SOFTMAX:
		/* dx_j = y_j * (dy_j - sum_k y_k dy_k); the dot is taken before
		 * any write, so dx may alias dy. */
		for (i = 0; i < m; i++) {
			const float *yi = y + i * n, *dyi = dy + i * n;
			float *dxi = dx + i * n;
			double dot = 0.0;

			for (j = 0; j < n; j++)
				dot += (double)yi[j] * dyi[j];
			for (j = 0; j < n; j++)
				dxi[j] = yi[j] * (float)((double)dyi[j] - dot);
		}
		break;
	default:
		if (dx != dy)
			memmove(dx, dy, len * sizeof *dx);
		break;
	}
}

const char *
fe_act_name(int act)
{
	switch (act) {
	case FERRUM_ACT_IDENTITY: return "identity";
	case FERRUM_ACT_RELU: return "relu";
	case FERRUM_ACT_SIGMOID: return "sigmoid";
	case FERRUM_ACT_TANH: return "tanh";
	case FERRUM_ACT_SOFTMAX: return "softmax";
	default: return NULL;
	}
}

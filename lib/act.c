/* act.c: the activation functions of a FINF network and their gradients.
 * SPDX-License-Identifier: MIT */
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
			x[i] = 1.0f / (1.0f + fe_expf(-x[i]));
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

/* d[i] *= 0 or 1: the ReLU's gradient as a multiplication by the 0/1
 * mask, as the reference does (a select would differ on -0 and on
 * inf * 0).  An output > 0 means the pre-activation was > 0; a NaN one
 * gives 0 and is blocked.  In blocks of 8 with restrict pointers, which
 * gcc -O2's cheap vectoriser takes (see fe_axpy). */
FE_HOT static void
relu_backward(size_t len, const float *restrict y, float *restrict d)
{
	size_t i = 0, q;

#ifdef FE_SIMD128
	{
		const v128_t zero = wasm_f32x4_splat(0.0f), one = wasm_f32x4_splat(1.0f);

		for (; i + 4 <= len; i += 4) {
			const v128_t yi = wasm_v128_load(y + i);
			const v128_t mi = wasm_v128_and(wasm_f32x4_gt(yi, zero), one);

			wasm_v128_store(d + i, wasm_f32x4_mul(wasm_v128_load(d + i), mi));
		}
	}
#endif
	for (; i + 8 <= len; i += 8) {
		float m[8];

		/* The mask first, then the product: fused, gcc turns the
		 * multiplication by 1 into a branch and vectorises nothing. */
		for (q = 0; q < 8; q++)
			m[q] = y[i + q] > 0.0f ? 1.0f : 0.0f;
		for (q = 0; q < 8; q++)
			d[i + q] = d[i + q] * m[q];
	}
	for (; i < len; i++)
		d[i] = d[i] * (y[i] > 0.0f ? 1.0f : 0.0f);
}

FE_HOT void
fe_act_backward(int act, size_t m, size_t n, const float *y, const float *dy, float *dx)
{
	size_t i, j, len = m * n;

	switch (act) {
	case FERRUM_ACT_RELU:
		if (dx != dy)
			memmove(dx, dy, len * sizeof *dx);
		relu_backward(len, y, dx);
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

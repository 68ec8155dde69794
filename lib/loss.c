/* loss.c: the training losses and their gradients.
 * SPDX-License-Identifier: MIT
 *
 * The gradients are part of the FINF reference arithmetic: float, scaled by
 * the float reciprocal of the batch size computed once (a division gives
 * other bits unless m is a power of two).  The returned loss values are for
 * reporting only: each per-row term is taken in double and summed in double,
 * then divided by m, so they may differ from the reference's float figures
 * in the last digits.  fe_loss_row() is the default recipe's per-row loss,
 * with label smoothing and a caller's scale. */
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

		/* The softmax of fe_softmax_rows.  With a gradient to fill, its
		 * exponentials are kept there; without, recomputed, which needs
		 * no scratch: expf gives the same bits twice. */
		for (j = 0; j < n; j++)
			if (x[j] > mx)
				mx = x[j];
		if (g != NULL)
			for (j = 0; j < n; j++) {
				g[j] = fe_expf(x[j] - mx);
				s += g[j];
			}
		else
			for (j = 0; j < n; j++)
				s += fe_expf(x[j] - mx);
		if (t >= n) {
			/* Out-of-range class: poison the loss, never read past x. */
			sum = NAN;
			p = 0.0f;
		} else {
			p = (g != NULL ? g[t] : fe_expf(x[t] - mx)) / s;
		}
		sum += -fe_logd((double)(p > 1e-12f ? p : 1e-12f));
		if (g != NULL)
			for (j = 0; j < n; j++) {
				float pj = g[j] / s;
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

/* The default recipe's loss: its own arithmetic (the loss in double, the
 * maximum from the first logit), which its models are made of. */
double
fe_loss_row(int cls, size_t no, float *o, uint32_t c, float y, float scale, float smooth)
{
	size_t j;

	if (cls) {
		float mx = o[0], s = 0.0f;
		double l;

		for (j = 1; j < no; j++)
			mx = o[j] > mx ? o[j] : mx;
		for (j = 0; j < no; j++) {
			o[j] = fe_expf(o[j] - mx);
			s += o[j];
		}
		/* A training step's loss (@scale > 0) is only shown, never
		 * compared: it takes fe_log, the same bits everywhere and a
		 * fraction of the cost of glibc's log emulated in WebAssembly;
		 * the validation loss, which picks the epoch that is kept,
		 * takes fe_logd. */
		double (*ln)(double) = scale > 0.0f ? fe_log : fe_logd;

		l = -ln((double)o[c] / (double)s);
		if (smooth > 0.0f) {
			double u = 0.0;

			for (j = 0; j < no; j++)
				u -= ln((double)o[j] / (double)s);
			l = (1.0 - smooth) * l + smooth * u / (double)no;
		}
		if (scale > 0.0f)
			for (j = 0; j < no; j++)
				o[j] = (o[j] / s - (j == c ? 1.0f - smooth : 0.0f) - smooth / (float)no) * scale;
		return l;
	} else {
		float d = o[0] - y;

		if (scale > 0.0f)
			o[0] = 2.0f * d * scale;
		return (double)d * (double)d;
	}
}

/* optim.c: parameter updates (the reference's SGD with momentum, and AdamW).
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"

#include <math.h>

void
fe_sgd_momentum(size_t n, float *p, float *v, const float *g, float lr, float mu)
{
	size_t i;

	/* Two separately rounded float steps, as in the reference. */
	for (i = 0; i < n; i++) {
		v[i] = mu * v[i] + g[i];
		p[i] = p[i] - lr * v[i];
	}
}

void
fe_adam_step(const fe_adam *a, size_t n, float *p, float *m1, float *m2, const float *g)
{
	uint64_t t = a->t ? a->t : 1; /* step 0 would divide by zero */
	/* The bias corrections are computed once per call in double and
	 * rounded to float: powf of a large t would lose more. */
	float bc1 = (float)(1.0 - pow((double)a->beta1, (double)t));
	float bc2 = (float)(1.0 - pow((double)a->beta2, (double)t));
	float c1 = 1.0f - a->beta1, c2 = 1.0f - a->beta2;
	size_t i;

	for (i = 0; i < n; i++) {
		float mhat, vhat;

		m1[i] = a->beta1 * m1[i] + c1 * g[i];
		m2[i] = a->beta2 * m2[i] + c2 * (g[i] * g[i]);
		mhat = m1[i] / bc1;
		vhat = m2[i] / bc2;
		/* Decoupled decay on the pre-step value (AdamW). */
		p[i] = p[i] - a->lr * (mhat / (sqrtf(vhat) + a->eps) + a->weight_decay * p[i]);
	}
}

/* optim.c: parameter updates (the reference's SGD with momentum, and AdamW).
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <math.h>

FE_HOT void
fe_sgd_momentum(size_t n, float *p, float *v, const float *g, float lr, float mu)
{
	size_t i;

	/* Two separately rounded float steps, as in the reference. */
	for (i = 0; i < n; i++) {
		v[i] = mu * v[i] + g[i];
		p[i] = p[i] - lr * v[i];
	}
}

FE_HOT void
fe_adam_step(const fe_adam *a, size_t n, float *restrict p, float *restrict m1,
             float *restrict m2, const float *restrict g)
{
	uint64_t t = a->t ? a->t : 1; /* step 0 would divide by zero */
	/* The bias corrections are computed once per call in double and
	 * rounded to float: powf of a large t would lose more. */
	const float bc1 = (float)(1.0 - pow((double)a->beta1, (double)t));
	const float bc2 = (float)(1.0 - pow((double)a->beta2, (double)t));
	const float b1 = a->beta1, b2 = a->beta2, c1 = 1.0f - b1, c2 = 1.0f - b2;
	const float lr = a->lr, eps = a->eps, wd = a->weight_decay;
	size_t i;

	/* Locals and restrict pointers let the compiler vectorise the loop
	 * (sqrtf too, with -fno-math-errno); every operation is IEEE
	 * single precision either way, so the result is the same. */
	for (i = 0; i < n; i++) {
		const float gi = g[i], pi = p[i];
		const float u = b1 * m1[i] + c1 * gi;
		const float v = b2 * m2[i] + c2 * (gi * gi);

		m1[i] = u;
		m2[i] = v;
		/* Decoupled decay on the pre-step value (AdamW). */
		p[i] = pi - lr * ((u / bc1) / (sqrtf(v / bc2) + eps) + wd * pi);
	}
}

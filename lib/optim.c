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
	size_t i = 0;

#ifdef FE_SIMD128
	{
		const v128_t vb1 = wasm_f32x4_splat(b1), vb2 = wasm_f32x4_splat(b2);
		const v128_t vc1 = wasm_f32x4_splat(c1), vc2 = wasm_f32x4_splat(c2);
		const v128_t vbc1 = wasm_f32x4_splat(bc1), vbc2 = wasm_f32x4_splat(bc2);
		const v128_t vlr = wasm_f32x4_splat(lr), veps = wasm_f32x4_splat(eps);
		const v128_t vwd = wasm_f32x4_splat(wd);

		/* The loop below, four elements at a time. */
		for (; i + 4 <= n; i += 4) {
			const v128_t gi = wasm_v128_load(g + i), pi = wasm_v128_load(p + i);
			const v128_t u = wasm_f32x4_add(wasm_f32x4_mul(vb1, wasm_v128_load(m1 + i)),
			                                wasm_f32x4_mul(vc1, gi));
			const v128_t v = wasm_f32x4_add(wasm_f32x4_mul(vb2, wasm_v128_load(m2 + i)),
			                                wasm_f32x4_mul(vc2, wasm_f32x4_mul(gi, gi)));
			const v128_t q = wasm_f32x4_div(
				wasm_f32x4_div(u, vbc1),
				wasm_f32x4_add(wasm_f32x4_sqrt(wasm_f32x4_div(v, vbc2)), veps));

			wasm_v128_store(m1 + i, u);
			wasm_v128_store(m2 + i, v);
			wasm_v128_store(p + i, wasm_f32x4_sub(pi, wasm_f32x4_mul(vlr, wasm_f32x4_add(
				q, wasm_f32x4_mul(vwd, pi)))));
		}
	}
#endif
	/* Locals and restrict pointers let the compiler vectorise the loop
	 * (sqrtf too, with -fno-math-errno); every operation is IEEE
	 * single precision either way, so the result is the same. */
	for (; i < n; i++) {
		const float gi = g[i], pi = p[i];
		const float u = b1 * m1[i] + c1 * gi;
		const float v = b2 * m2[i] + c2 * (gi * gi);

		m1[i] = u;
		m2[i] = v;
		/* Decoupled decay on the pre-step value (AdamW). */
		p[i] = pi - lr * ((u / bc1) / (sqrtf(v / bc2) + eps) + wd * pi);
	}
}

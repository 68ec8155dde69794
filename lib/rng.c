/* rng.c: the FINF reference generator (xorshift 13/7/17 with a multiply).
 * SPDX-License-Identifier: MIT
 *
 * The split, the initial weights and the minibatch draws of a trained model
 * all come from this stream, so it must match the reference bit for bit. */
#include "ferrum-internal.h"

#include <math.h>

void
fe_rng_seed(fe_rng *r, uint64_t seed)
{
	/* xorshift never leaves the all-zero state. */
	r->state = seed ? seed : UINT64_C(0x9E3779B97F4A7C15);
}

uint64_t
fe_rng_next(fe_rng *r)
{
	uint64_t x = r->state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	r->state = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

float
fe_rng_uniform(fe_rng *r)
{
	/* 24 bits convert to float exactly, so the result is below 1. */
	return (float)(fe_rng_next(r) >> 40) / 16777216.0f;
}

float
fe_rng_normal(fe_rng *r)
{
	float u1 = fe_rng_uniform(r);
	float u2 = fe_rng_uniform(r);

	if (u1 < 1e-7f)
		u1 = 1e-7f; /* keeps the logarithm finite */
	return sqrtf(-2.0f * fe_logf(u1)) * fe_cosf(6.2831855f * u2);
}

/* Out of line in WebAssembly (FE_OUTLINE): a loop over the rows that the
 * epoch loop, entered once per fit, runs every epoch. */
FE_OUTLINE void
fe_rng_shuffle(fe_rng *r, size_t *idx, size_t n)
{
	size_t i;

	for (i = n; i-- > 1;) {
		size_t j = (size_t)(fe_rng_next(r) % (uint64_t)(i + 1));
		size_t t = idx[i];

		idx[i] = idx[j];
		idx[j] = t;
	}
}

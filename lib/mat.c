/* mat.c: row-major float kernels in the FINF reference summation order.
 * SPDX-License-Identifier: MIT
 *
 * Every sum runs in float, in ascending index order, from +0.0f, because the
 * golden models were produced that way; the build forbids FMA contraction
 * (-ffp-contract=off).  The inner loops run over j with restrict pointers so
 * that a compiler may vectorise across j: each c[i][j] still receives its
 * terms in the same order, so vectorising never changes a bit.
 * The output of a kernel must not overlap its inputs. */
#include "ferrum-internal.h"

#include <math.h>
#include <string.h>

FE_HOT void
fe_gemm(size_t m, size_t k, size_t n, const float *a, const float *b, float *c)
{
	size_t i, p, j;

	for (i = 0; i < m; i++) {
		const float *ai = a + i * k;
		float *ci = c + i * n;

		for (j = 0; j + 16 <= n; j += 16)
			fe_sum16(k, ai, 1, b + j, n, NULL, 0, ci + j);
		/* The last columns (all of a regressor's one), one ascending
		 * sum each, kept in a register. */
		for (; j < n; j++) {
			float s = 0.0f;

			for (p = 0; p < k; p++)
				s += ai[p] * b[p * n + j];
			ci[j] = s;
		}
	}
}

FE_HOT void
fe_gemm_tn(size_t m, size_t k, size_t n, const float *a, const float *b, float *c)
{
	size_t i, p, j;

	/* c[p][j] sums a[i][p] * b[i][j] over the rows i in ascending order. */
	for (p = 0; p < k; p++) {
		float *cp = c + p * n;

		for (j = 0; j + 16 <= n; j += 16)
			fe_sum16(m, a + p, k, b + j, n, NULL, 0, cp + j);
		for (; j < n; j++) {
			float s = 0.0f;

			for (i = 0; i < m; i++)
				s += a[i * k + p] * b[i * n + j];
			cp[j] = s;
		}
	}
}

void
fe_bias_add(size_t m, size_t n, float *c, const float *bias)
{
	size_t i, j;

	for (i = 0; i < m; i++) {
		float *restrict ci = c + i * n;
		const float *restrict bj = bias;

		for (j = 0; j < n; j++)
			ci[j] += bj[j];
	}
}

FE_HOT void
fe_col_sums(size_t m, size_t n, const float *a, float *out)
{
	size_t i, j;

	for (j = 0; j < n; j++)
		out[j] = 0.0f;
	/* out += 1 * a_i: a multiplication by 1 is exact, so these are the
	 * plain sums, through the loop the compiler vectorises. */
	for (i = 0; i < m; i++)
		fe_axpy(n, 1.0f, a + i * n, out);
}

void
fe_softmax_rows(size_t m, size_t n, float *x)
{
	size_t i, j;

	for (i = 0; i < m; i++) {
		float *xi = x + i * n;
		float mx = -INFINITY;
		float sum = 0.0f;

		for (j = 0; j < n; j++)
			if (xi[j] > mx)
				mx = xi[j];
		for (j = 0; j < n; j++) {
			xi[j] = fe_expf(xi[j] - mx);
			sum += xi[j];
		}
		for (j = 0; j < n; j++)
			xi[j] = xi[j] / sum;
	}
}

size_t
ferrum_argmax(const float *v, size_t n)
{
	size_t i, best = 0;
	float bv = -INFINITY;

	/* ">=" keeps the last maximum, as the reference does; a NaN compares
	 * false and so never wins. */
	for (i = 0; i < n; i++)
		if (v[i] >= bv) {
			bv = v[i];
			best = i;
		}
	return best;
}

double
fe_log(double x)
{
	/* Natural logarithm from IEEE operations alone, so that every platform
	 * (glibc, the wasm build's musl) prints the same statistics: with
	 * m in [sqrt(1/2), sqrt(2)) and s = (m - 1) / (m + 1),
	 * ln m = 2 atanh s = 2s (1 + z/3 + z^2/5 + ...), z = s^2 <= 0.0295,
	 * and the series to z^12 is below half an ulp.  Error: about 1 ulp. */
	static const double ln2_hi = 6.93147180369123816490e-01; /* 0x3FE62E42FEE00000 */
	static const double ln2_lo = 1.90821492927058770002e-10; /* ln 2 - ln2_hi */
	double m, f, s, z, r;
	int e, k;

	if (isnan(x) || x < 0.0)
		return NAN;
	if (x == 0.0)
		return -INFINITY;
	if (isinf(x))
		return x;
	m = frexp(x, &e); /* exact: x = m * 2^e, m in [0.5, 1) */
	if (m < 0.70710678118654752440) {
		m *= 2.0;
		e--;
	}
	f = m - 1.0; /* exact (Sterbenz) */
	s = f / (2.0 + f);
	z = s * s;
	r = 0.0;
	for (k = 12; k >= 1; k--)
		r = z * (1.0 / (2 * k + 1) + r);
	return (double)e * ln2_hi + ((2.0 * s + 2.0 * s * r) + (double)e * ln2_lo);
}

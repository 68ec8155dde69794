/* t/unit/mat.c: the float kernels against naive loops and a double reference.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A private generator, so these tests do not depend on lib/rng.c. */
static uint32_t lcg = 12345u;

static float
rnd(void)
{
	lcg = lcg * 1664525u + 1013904223u;
	return (float)((lcg >> 8) & 0xFFFF) / 8192.0f - 4.0f; /* [-4, 4) */
}

static float *
rnd_array(size_t n)
{
	float *v = malloc((n ? n : 1) * sizeof *v);
	size_t i;

	if (v == NULL)
		bail("out of memory");
	for (i = 0; i < n; i++)
		v[i] = rnd();
	return v;
}

static float *
nan_array(size_t n)
{
	float *v = malloc((n ? n : 1) * sizeof *v);
	size_t i;

	if (v == NULL)
		bail("out of memory");
	for (i = 0; i < n; i++)
		v[i] = NAN; /* the kernels must overwrite every element */
	return v;
}

/* Bitwise equality, so +0.0 and -0.0 differ and NaN is caught. */
static int
same_bits(const float *a, const float *b, size_t n)
{
	return n == 0 || memcmp(a, b, n * sizeof *a) == 0;
}

static const size_t dims[] = { 0, 1, 2, 3, 7, 17, 33 };
#define NDIMS (sizeof dims / sizeof dims[0])

/* One TAP line per kernel over all shapes; a failure names its shape. */
enum { K_GEMM, K_GEMM_TOL, K_BIAS, K_TN, K_NT, K_COLS, K_N };
static int kernel_ok[K_N] = { 1, 1, 1, 1, 1, 1 };
static const char *const kernel_name[K_N] = {
	"gemm", "gemm (tolerance)", "bias_add", "gemm_tn", "gemm_nt", "col_sums"
};

static void
check(int cond, int kernel, size_t m, size_t k, size_t n)
{
	if (!cond && kernel_ok[kernel]) {
		diag("%s first fails at m=%zu k=%zu n=%zu", kernel_name[kernel], m, k, n);
		kernel_ok[kernel] = 0;
	}
}

static void
test_gemm(size_t m, size_t k, size_t n)
{
	float *a = rnd_array(m * k), *b = rnd_array(k * n), *bias = rnd_array(n);
	float *c = nan_array(m * n), *want = nan_array(m * n);
	float *tn = nan_array(k * n), *tn_want = nan_array(k * n);
	float *bt = rnd_array(n * k), *nt = nan_array(m * k), *nt_want = nan_array(m * k);
	float *tb = rnd_array(m * n), *cs = nan_array(n), *cs_want = nan_array(n);
	double worst = 0.0;
	size_t i, j, p;
	int bias_ok = 1, tol_ok = 1;

	/* gemm: the reference order, written as the obvious dot-product loop. */
	fe_gemm(m, k, n, a, b, c);
	for (i = 0; i < m; i++)
		for (j = 0; j < n; j++) {
			float s = 0.0f;
			double d = 0.0, mag = 0.0;

			for (p = 0; p < k; p++) {
				s += a[i * k + p] * b[p * n + j];
				d += (double)a[i * k + p] * b[p * n + j];
				mag += fabs((double)a[i * k + p] * b[p * n + j]);
			}
			want[i * n + j] = s;
			/* The classic bound for a float sum of k products:
			 * |error| <= k * 2^-24 * sum |terms| (plus slack). */
			if (fabs(c[i * n + j] - d) > (double)(k + 1) * 0x1p-24 * mag) {
				tol_ok = 0;
				if (fabs(c[i * n + j] - d) > worst)
					worst = fabs(c[i * n + j] - d);
			}
		}
	check(same_bits(c, want, m * n), K_GEMM, m, k, n);
	if (!tol_ok)
		diag("gemm %zux%zux%zu: worst error %g", m, k, n, worst);
	check(tol_ok, K_GEMM_TOL, m, k, n);

	fe_bias_add(m, n, c, bias);
	for (i = 0; i < m; i++)
		for (j = 0; j < n; j++)
			if (c[i * n + j] != want[i * n + j] + bias[j])
				bias_ok = 0;
	check(bias_ok, K_BIAS, m, k, n);

	/* gemm_tn: a (m x k) transposed times tb (m x n). */
	fe_gemm_tn(m, k, n, a, tb, tn);
	for (p = 0; p < k; p++)
		for (j = 0; j < n; j++) {
			float s = 0.0f;

			for (i = 0; i < m; i++)
				s += a[i * k + p] * tb[i * n + j];
			tn_want[p * n + j] = s;
		}
	check(same_bits(tn, tn_want, k * n), K_TN, m, k, n);

	/* tb (m x n) times bt (k x n) transposed, the input gradient
	 * dy . W^T, is a gemm with bt laid out transposed ([n][k]). */
	{
		float *btt = nan_array(n * k);

		for (p = 0; p < k; p++)
			for (j = 0; j < n; j++)
				btt[j * k + p] = bt[p * n + j];
		fe_gemm(m, n, k, tb, btt, nt);
		free(btt);
	}
	for (i = 0; i < m; i++)
		for (p = 0; p < k; p++) {
			float s = 0.0f;

			for (j = 0; j < n; j++)
				s += tb[i * n + j] * bt[p * n + j];
			nt_want[i * k + p] = s;
		}
	check(same_bits(nt, nt_want, m * k), K_NT, m, k, n);

	fe_col_sums(m, n, tb, cs);
	for (j = 0; j < n; j++) {
		float s = 0.0f;

		for (i = 0; i < m; i++)
			s += tb[i * n + j];
		cs_want[j] = s;
	}
	check(same_bits(cs, cs_want, n), K_COLS, m, k, n);

	free(a), free(b), free(bias), free(c), free(want), free(tn), free(tn_want);
	free(bt), free(nt), free(nt_want), free(tb), free(cs), free(cs_want);
}

static void
test_zero_start(void)
{
	/* (-0) * 1 summed from +0.0 is +0.0; a start from -0.0 would keep -0. */
	float a[1] = { -0.0f }, b[1] = { 1.0f }, c[1] = { NAN };

	fe_gemm(1, 1, 1, a, b, c);
	ok(c[0] == 0.0f && !signbit(c[0]), "gemm sums start from +0.0");
	c[0] = NAN;
	fe_gemm_tn(1, 1, 1, a, b, c);
	ok(c[0] == 0.0f && !signbit(c[0]), "gemm_tn sums start from +0.0");
	c[0] = NAN;
	fe_gemm(1, 1, 1, b, a, c);
	ok(c[0] == 0.0f && !signbit(c[0]), "gemm sums start from +0.0, either operand -0");
	c[0] = NAN;
	fe_col_sums(1, 1, a, c);
	ok(c[0] == 0.0f && !signbit(c[0]), "col_sums start from +0.0");
}

static void
test_order(void)
{
	/* Terms 1, 1e8, -1e8: in ascending order the 1 is absorbed by 1e8
	 * and the sum is 0; in descending order it is 1. */
	float a[3] = { 1.0f, 1e8f, -1e8f }, b[3] = { 1.0f, 1.0f, 1.0f }, c[1];

	fe_gemm(1, 3, 1, a, b, c);
	is_double(c[0], 0.0, 0, "gemm adds the terms in ascending p order");
	fe_gemm(1, 3, 1, b, a, c);
	is_double(c[0], 0.0, 0, "gemm adds the terms in ascending p order, either operand");
	fe_gemm_tn(3, 1, 1, a, b, c);
	is_double(c[0], 0.0, 0, "gemm_tn adds the terms in ascending i order");
	fe_col_sums(3, 1, a, c);
	is_double(c[0], 0.0, 0, "col_sums adds the rows in ascending order");
}

static void
test_softmax(void)
{
	float x[3 * 5], y[3 * 5], big[3] = { 1000.0f, 999.0f, 998.0f };
	double sum, e1 = exp(-1.0), e2 = exp(-2.0), z = 1.0 + e1 + e2;
	size_t i, j;
	int row_ok = 1;
	double worst = 0.0;

	for (i = 0; i < 15; i++)
		x[i] = y[i] = rnd();
	for (i = 0; i < 5; i++)
		y[5 + i] = x[5 + i] + 3.0f; /* exact: |x| <= 4, step 1/8192 */
	fe_softmax_rows(3, 5, x);
	for (i = 0; i < 3; i++) {
		sum = 0.0;
		for (j = 0; j < 5; j++)
			sum += x[i * 5 + j];
		if (fabs(sum - 1.0) > 1e-6)
			row_ok = 0;
	}
	ok(row_ok, "softmax rows sum to 1 within 1e-6");
	/* Row 1 of y is row 1 of the original plus 3. */
	memcpy(y, y + 5, 5 * sizeof *y);
	fe_softmax_rows(1, 5, y);
	for (j = 0; j < 5; j++)
		if (fabs(y[j] - x[5 + j]) > worst)
			worst = fabs(y[j] - x[5 + j]);
	ok(worst <= 1e-6, "softmax is invariant to adding a constant (max diff %g)", worst);

	fe_softmax_rows(1, 3, big);
	ok(isfinite(big[0]) && isfinite(big[1]) && isfinite(big[2]),
	   "softmax of 1000, 999, 998 stays finite");
	is_double(big[0], 1.0 / z, 1e-6, "softmax(1000) matches exp in double");
	is_double(big[1], e1 / z, 1e-6, "softmax(999) matches exp in double");
	is_double(big[2], e2 / z, 1e-6, "softmax(998) matches exp in double");

	{
		/* The reference formula bit for bit: max, expf(x - max), float
		 * sum in order, divide. */
		float r[4] = { 0.5f, -1.25f, 2.0f, 0.75f }, w[4];
		float mx = 2.0f, s = 0.0f;

		for (j = 0; j < 4; j++)
			s += (w[j] = expf(r[j] - mx));
		for (j = 0; j < 4; j++)
			w[j] = w[j] / s;
		fe_softmax_rows(1, 4, r);
		ok(same_bits(r, w, 4), "softmax follows the reference formula bit for bit");
	}
	{
		/* All negative: the max must start below every value. */
		float r[3] = { -3.5f, -1.25f, -2.0f }, w[3];
		float mx = -1.25f, s = 0.0f;
		float lo[2] = { -1000.0f, -1001.0f };

		for (j = 0; j < 3; j++)
			s += (w[j] = expf(r[j] - mx));
		for (j = 0; j < 3; j++)
			w[j] = w[j] / s;
		fe_softmax_rows(1, 3, r);
		ok(same_bits(r, w, 3), "softmax of negative values, bit for bit");
		fe_softmax_rows(1, 2, lo);
		is_double(lo[0], 1.0 / (1.0 + exp(-1.0)), 1e-6, "softmax of -1000, -1001 does not underflow");
	}
}

static void
test_argmax(void)
{
	float tie[5] = { 1.0f, 3.0f, 2.0f, 3.0f, -1.0f };
	float nan_first[3] = { NAN, 1.0f, 0.5f };
	float nan_last[3] = { 0.5f, 2.0f, NAN };
	float all_nan[2] = { NAN, NAN };
	float neg[3] = { -INFINITY, -INFINITY, -INFINITY };
	float one[1] = { 7.0f };
	float dec[4] = { 4.0f, 3.0f, 2.0f, 1.0f };

	is_int((long long)ferrum_argmax(tie, 5), 3, "argmax: a tie goes to the last index");
	is_int((long long)ferrum_argmax(nan_first, 3), 1, "argmax: a leading NaN never wins");
	is_int((long long)ferrum_argmax(nan_last, 3), 1, "argmax: a trailing NaN never wins");
	is_int((long long)ferrum_argmax(all_nan, 2), 0, "argmax: all NaN gives 0");
	is_int((long long)ferrum_argmax(neg, 3), 2, "argmax: all -inf is a tie, last wins");
	is_int((long long)ferrum_argmax(one, 1), 0, "argmax of one value is 0");
	is_int((long long)ferrum_argmax(dec, 4), 0, "argmax finds a maximum at index 0");
	is_int((long long)ferrum_argmax(NULL, 0), 0, "argmax of nothing is 0");
}

static void
test_log(void)
{
	/* fe_log against libm's log: within 2 ulp over a sweep of magnitudes,
	 * exact where the answer is exact, and the special values. */
	double x, want, got, worst = 0.0;
	unsigned long long u = 88172645463325252ULL;
	int i, bad = 0;

	for (i = 0; i < 200000; i++) {
		u ^= u << 13;
		u ^= u >> 7;
		u ^= u << 17;
		x = ldexp((double)(u >> 11) / 9007199254740992.0 + 0.5, (int)(u % 200) - 100);
		want = log(x);
		got = fe_log(x);
		if (fabs(got - want) > 2.0 * DBL_EPSILON * fabs(want) + DBL_MIN) {
			bad++;
			if (bad < 4)
				diag("fe_log(%.17g) = %.17g, log = %.17g", x, got, want);
		}
		if (want != 0.0 && fabs((got - want) / want) > worst)
			worst = fabs((got - want) / want);
	}
	ok(bad == 0, "fe_log is within 2 ulp of log() on 200000 values (worst %.3g)", worst);
	is_double(fe_log(1.0), 0.0, 0, "fe_log(1) is 0");
	is_double(fe_log(3.0), log(3.0), 2.0 * DBL_EPSILON * log(3.0), "fe_log(3) is ln 3");
	is_double(fe_log(1e-300), log(1e-300), 2.0 * DBL_EPSILON * 700, "fe_log of a tiny number");
	ok(isinf(fe_log(0.0)) && fe_log(0.0) < 0, "fe_log(0) is -inf");
	ok(isnan(fe_log(-1.0)), "fe_log of a negative number is NaN");
	ok(isinf(fe_log(INFINITY)) && fe_log(INFINITY) > 0, "fe_log(inf) is inf");
	ok(isnan(fe_log(NAN)), "fe_log(NaN) is NaN");
}

int
main(void)
{
	size_t i, j, l;

	plan_lazy();
	for (i = 0; i < NDIMS; i++)
		for (j = 0; j < NDIMS; j++)
			for (l = 0; l < NDIMS; l += 2)
				test_gemm(dims[i], dims[j], dims[l]);
	test_gemm(32, 64, 64);
	ok(kernel_ok[K_GEMM], "gemm equals the naive float loop bit for bit, all shapes");
	ok(kernel_ok[K_GEMM_TOL], "gemm is within the float error bound of a double reference");
	ok(kernel_ok[K_BIAS], "bias_add adds the bias to every row, all shapes");
	ok(kernel_ok[K_TN], "gemm_tn equals the naive loop bit for bit, all shapes");
	ok(kernel_ok[K_NT], "gemm times a transposed matrix equals the naive loop bit for bit, all shapes");
	ok(kernel_ok[K_COLS], "col_sums equals the naive loop bit for bit, all shapes");
	test_zero_start();
	test_order();
	test_softmax();
	test_argmax();
	test_log();
	return done_testing();
}

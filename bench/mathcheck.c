/* mathcheck.c: compare the library's fe_expf, fe_logf, fe_cosf and fe_logd
 * with the host C library's expf, logf, cosf and log, bit for bit, on every
 * input that training can give them, and on every float for the float
 * functions when asked.  Run by bench/mathcheck (`make bench-math'); not a
 * test, since it is the host library that is being compared.
 *
 *   mathcheck [all|log]   all: also every float, not only the training
 *                         domains; log: only log */
#include "ferrum-internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Equal bits, or both NaN (a NaN's payload and sign are not compared). */
static int
same_f(float a, float b)
{
	return fe_f2u(a) == fe_f2u(b) || (a != a && b != b);
}

static int
same_d(double a, double b)
{
	return fe_d2u(a) == fe_d2u(b) || (a != a && b != b);
}

typedef struct tally {
	const char *what;
	unsigned long long n, bad;
} tally;

static void
report(const tally *t)
{
	printf("%-44s %12llu inputs %10llu differ\n", t->what, t->n, t->bad);
}

static void
check_f(tally *t, float (*mine)(float), float (*host)(float), float x)
{
	volatile float v = x;
	float a = mine(v), b = host(v);

	t->n++;
	if (!same_f(a, b) && t->bad++ < 5)
		printf("  %s(%a): %a (0x%08lx), host %a (0x%08lx)\n", t->what, (double)x, (double)a,
		       (unsigned long)fe_f2u(a), (double)b, (unsigned long)fe_f2u(b));
}

static void
check_d(tally *t, double x)
{
	volatile double v = x;
	double a = fe_logd(v), b = log(v);

	t->n++;
	if (!same_d(a, b) && t->bad++ < 5)
		printf("  %s(%a): %a, host %a\n", t->what, x, a, b);
}

static float
host_expf(float x)
{
	return expf(x);
}

static float
host_logf(float x)
{
	return logf(x);
}

static float
host_cosf(float x)
{
	return cosf(x);
}

/* A small generator for the samples of log's domain. */
static uint64_t
next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x * UINT64_C(0x2545F4914F6CDD1D);
}

int
main(int argc, char **argv)
{
	const int all = argc > 1 && strcmp(argv[1], "all") == 0;
	const int logonly = argc > 1 && strcmp(argv[1], "log") == 0;
	tally te = {"expf, every float <= 0", 0, 0};
	tally tep = {"expf, every float in (0, 89]", 0, 0};
	tally tl = {"logf(max(k/2^24, 1e-7f)), k < 2^24", 0, 0};
	tally tc = {"cosf(6.2831855f * k/2^24), k < 2^24", 0, 0};
	tally tea = {"expf, every float", 0, 0};
	tally tla = {"logf, every float", 0, 0};
	tally tca = {"cosf, every float", 0, 0};
	tally td1 = {"log(a/b), a <= b floats from softmax sums", 0, 0};
	tally td2 = {"log, 2^26 random doubles in (0, 1]", 0, 0};
	tally td3 = {"log, 2^24 random doubles near 1", 0, 0};
	tally td4 = {"log, 2^24 random positive doubles", 0, 0};
	uint64_t s = UINT64_C(0x9E3779B97F4A7C15);
	uint32_t u;
	long k;
	int bad;

	/* expf: the softmax's exponents are <= 0; the sigmoid's are any. */
	for (u = 0x80000000u; !logonly; u++) {
		check_f(&te, fe_expf, host_expf, fe_u2f(u));
		if (u == 0xffffffffu)
			break;
	}
	for (u = 1; u <= fe_f2u(89.0f) && !logonly; u++)
		check_f(&tep, fe_expf, host_expf, fe_u2f(u));
	check_f(&te, fe_expf, host_expf, 0.0f);
	report(&te);
	report(&tep);
	fflush(stdout);
	/* The normal draws' inputs, exactly as fe_rng_normal forms them. */
	for (k = 0; k < (1L << 24) && !logonly; k++) {
		volatile float v = (float)k / 16777216.0f;
		float u1 = v < 1e-7f ? 1e-7f : v;

		check_f(&tl, fe_logf, host_logf, u1);
		check_f(&tc, fe_cosf, host_cosf, 6.2831855f * v);
	}
	report(&tl);
	report(&tc);
	fflush(stdout);
	/* log of a softmax probability o_c / s, both in double from floats
	 * (o_c <= s); random float pairs, and the exact ratios of small sums. */
	for (k = 0; k < (1L << 26); k++) {
		uint64_t r = next(&s);
		float a = fe_u2f((uint32_t)(r & 0x7fffffff) % 0x3f800001u);
		float b = fe_u2f((uint32_t)(r >> 33) % 0x3f800001u);

		if (a != a || b != b || b == 0.0f)
			continue;
		if (a > b) {
			float t = a;

			a = b;
			b = t;
		}
		check_d(&td1, (double)a / (double)b);
	}
	report(&td1);
	for (k = 0; k < (1L << 26); k++) {
		double x;
		uint64_t r = next(&s);

		memcpy(&x, &r, sizeof x);
		x = (double)(r >> 11) * 0x1p-53;
		if (k & 1) /* also the small ones, by a random exponent */
			x = ldexp(1.0 + x, -(int)(next(&s) % 1074));
		check_d(&td2, x > 1.0 ? 1.0 : x);
	}
	report(&td2);
	for (k = 0; k < (1L << 24); k++) {
		double x = 1.0 + ((double)(next(&s) >> 11) * 0x1p-53 - 0.5) * 0x1.2p-3;

		check_d(&td3, x);
	}
	report(&td3);
	for (k = 0; k < (1L << 24); k++) {
		uint64_t r = next(&s) & UINT64_C(0x7fffffffffffffff);
		double x;

		memcpy(&x, &r, sizeof x);
		check_d(&td4, x);
	}
	report(&td4);
	bad = te.bad || tep.bad || tl.bad || tc.bad || td1.bad || td2.bad || td3.bad || td4.bad;
	if (all) {
		u = 0;
		do {
			check_f(&tea, fe_expf, host_expf, fe_u2f(u));
			check_f(&tla, fe_logf, host_logf, fe_u2f(u));
			check_f(&tca, fe_cosf, host_cosf, fe_u2f(u));
		} while (++u != 0);
		report(&tea);
		report(&tla);
		report(&tca);
		bad = bad || tea.bad || tla.bad || tca.bad;
	}
	return bad ? 1 : 0;
}

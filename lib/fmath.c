/* fmath.c: the library's own expf, logf, cosf and log.
 * SPDX-License-Identifier: MIT
 *
 * The initial weights (logf and cosf in the normal draws), the softmax and
 * the sigmoid (expf) and the validation loss that picks the kept epoch
 * (log) decide a model's bytes, so they may not depend on the C library or
 * on the CPU.  glibc 2.36 on x86-64 picks, at run time, variants of these
 * functions compiled for CPUs with fused multiply-add, whose results
 * differ from the plain builds' on some inputs; musl (the WebAssembly
 * build's C library) has the plain build of expf and another cosf.  The
 * golden models were written with glibc's FMA variants.
 *
 * These are the same algorithms (Arm's optimized routines, MIT licensed,
 * Copyright (c) 2017-2018 Arm Limited: the expf, logf and log of glibc and
 * musl, and the cosf of glibc), with every multiply-add that the FMA build
 * of glibc fuses written as an explicit fma() and every other operation a
 * separately rounded IEEE one (the library is built with
 * -ffp-contract=off).  fma() rounds once on every conforming C library, in
 * hardware or in software, so the results are the same bits everywhere,
 * and they equal glibc's on an FMA CPU (bench/mathcheck compares them on
 * every input that training can give).  Errors raised by the C library's
 * versions (errno, the floating-point flags) are not reproduced. */
#include "ferrum-internal.h"

#include <math.h>
#include <string.h>

/* The fused multiply-add: on x86-64 with gcc and glibc each function is
 * compiled twice, and the loader picks the build with the FMA instruction
 * on CPUs that have it (the other calls glibc's fma(), exact too); where
 * the compiler knows of a fast fma() (__FP_FAST_FMA), that; elsewhere
 * (WebAssembly has no fused multiply-add, and musl's fma() is slow) an
 * emulation, exact for every operand these functions give it.
 * FE_FMATH_SOFT forces the emulation, for bench/mathcheck. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__GLIBC__) && \
	!defined(__EMSCRIPTEN__) && !defined(FE_FMATH_SOFT)
#define FE_FMATH __attribute__((target_clones("fma", "default")))
#define FMA fma
#elif defined(__FP_FAST_FMA) && !defined(FE_FMATH_SOFT)
#define FE_FMATH
#define FMA fma
#else
#define FE_FMATH
#define FMA fma_soft
#define FE_FMA_SOFT 1
#endif

#ifdef FE_FMA_SOFT
/* a * b + c rounded once (Boldo and Melquiond, "Emulation of FMA and
 * correctly rounded sums: proved algorithms using rounding to odd", IEEE
 * Trans. Computers 57(4), 2008): the product exactly as uh + ul (Dekker,
 * with Veltkamp's split), c + uh exactly as th + tl, then tl + ul rounded
 * to odd, and the sum with th rounded to nearest.  Exact unless a product
 * or a sum overflows or the product's low part underflows, which no input
 * of these functions comes near (their products are zero or at least
 * 2^-200 in magnitude, and below 2^13).  Inlined for speed, except
 * in the predictor's WebAssembly (FE_FMATH_SMALL), where one copy is
 * smaller. */
#ifdef FE_FMATH_SMALL
static double
#else
FE_INLINE double
#endif
fma_soft(double a, double b, double c)
{
	static const double split = 134217729.0; /* 2^27 + 1 */
	double t, ah, al, bh, bl, uh, ul, th, tl, v, e, bv;
	uint64_t u;

	t = split * a;
	ah = t - (t - a);
	al = a - ah;
	t = split * b;
	bh = t - (t - b);
	bl = b - bh;
	uh = a * b;
	ul = ((ah * bh - uh) + ah * bl + al * bh) + al * bl;
	th = c + uh;
	bv = th - c;
	tl = (c - (th - bv)) + (uh - bv);
	v = tl + ul;
	bv = v - tl;
	e = (tl - (v - bv)) + (ul - bv);
	if (e != 0.0) {
		/* Round to odd: an even v moves one unit towards the exact sum. */
		memcpy(&u, &v, sizeof u);
		if ((u & 1) == 0) {
			u = (e > 0.0) == (v > 0.0) ? u + 1 : u - 1;
			memcpy(&v, &u, sizeof v);
		}
	}
	return th + v;
}

/* @a without its low 27 bits: 26 significant bits, so that its product
 * with a float (24 bits) or a small integer is exact, and a - hi26(a) is
 * exact too. */
FE_INLINE double
hi26(double a)
{
	return fe_u2d(fe_d2u(a) & ~UINT64_C(0x7ffffff));
}

/* Whether every double within 64 units in the last place of @w rounds to
 * the float that @w rounds to: the 29 bits a float drops are not within 64
 * of a half, and the float is normal.  The emulated functions evaluate
 * their polynomial with separate roundings first, a few units from the
 * fused evaluation, and take the exact one only when this fails (about one
 * input in 2^22; bench/mathcheck-soft compares them on every input). */
FE_INLINE int
float_safe(double w)
{
	const uint64_t u = fe_d2u(w);

	if ((u & UINT64_C(0x7ff0000000000000)) < UINT64_C(0x3810000000000000))
		return 0; /* below 2^-126 */
	return (uint32_t)(u & 0x1fffffff) - (0x10000000u - 64u) > 128u;
}

/* hi + y rounded, in *@res; whether that is also the rounding of hi + y'
 * for every y' within @delta of y (the exact sum is farther than @delta
 * from the two midpoints around it).  |hi + y| >= 2^-60. */
FE_INLINE int
sum_safe(double hi, double y, double delta, double *res)
{
	const double s = hi + y, bv = s - hi, e = (hi - (s - bv)) + (y - bv);
	const uint64_t u = fe_d2u(s);
	double half = fe_u2d((u & UINT64_C(0x7ff0000000000000)) - (UINT64_C(53) << 52));
	const double ae = e < 0.0 ? -e : e;

	/* Below a power of two the midpoint is half as far. */
	if ((u & UINT64_C(0x000fffffffffffff)) == 0 && (e < 0.0) != (s < 0.0))
		half *= 0.5;
	*res = s;
	return ae + delta < half;
}

/* Dekker's product: the rounding error of a * b (exact). */
FE_INLINE double
mul_err(double a, double b, double ab)
{
	static const double split = 134217729.0; /* 2^27 + 1 */
	double t, ah, al, bh, bl;

	t = split * a;
	ah = t - (t - a);
	al = a - ah;
	t = split * b;
	bh = t - (t - b);
	bl = b - bh;
	return ((ah * bh - ab) + ah * bl + al * bh) + al * bl;
}
#endif

/* ---- expf ------------------------------------------------------------- */

/* 2^(i/32) as bits, minus i << 47, so that adding k << 47 for k = 32 q + i
 * gives 2^(k/32). */
static const uint64_t exp_tab[32] = {
	0x3ff0000000000000, 0x3fefd9b0d3158574, 0x3fefb5586cf9890f, 0x3fef9301d0125b51,
	0x3fef72b83c7d517b, 0x3fef54873168b9aa, 0x3fef387a6e756238, 0x3fef1e9df51fdee1,
	0x3fef06fe0a31b715, 0x3feef1a7373aa9cb, 0x3feedea64c123422, 0x3feece086061892d,
	0x3feebfdad5362a27, 0x3feeb42b569d4f82, 0x3feeab07dd485429, 0x3feea47eb03a5585,
	0x3feea09e667f3bcd, 0x3fee9f75e8ec5f74, 0x3feea11473eb0187, 0x3feea589994cce13,
	0x3feeace5422aa0db, 0x3feeb737b0cdc5e5, 0x3feec49182a3f090, 0x3feed503b23e255d,
	0x3feee89f995ad3ad, 0x3feeff76f2fb5e47, 0x3fef199bdd85529c, 0x3fef3720dcef9069,
	0x3fef5818dcfba487, 0x3fef7c97337b9b5f, 0x3fefa4afa2a490da, 0x3fefd0765b6e4540,
};

FE_FMATH float
fe_expf(float x)
{
	/* 32/ln 2, the shift that rounds to an integer, and the cubic for
	 * 2^(r/32) - 1 on |r| <= 1/2. */
	static const double inv_ln2_n = 0x1.71547652b82fep+0 * 32;
	static const double shift = 0x1.8p+52;
	static const double c0 = 0x1.c6af84b912394p-5 / 32 / 32 / 32;
	static const double c1 = 0x1.ebfce50fac4f3p-3 / 32 / 32;
	static const double c2 = 0x1.62e42ff0c52d6p-1 / 32;
	const uint32_t abstop = (fe_f2u(x) >> 20) & 0x7ff;
	const double xd = x;
	double kd, r, r2, s, y, z;
	uint64_t ki, t;

	if (abstop >= 0x42b) { /* |x| >= 88, or NaN */
		if (fe_f2u(x) == 0xff800000)
			return 0.0f;
		if (abstop >= 0x7f8)
			return x + x;
		if (x > 0x1.62e42ep6f)
			return INFINITY;
		if (x < -0x1.9fe368p6f)
			return 0.0f;
	}
	/* x 32/ln 2 = k + r, k an integer, |r| <= 1/2. */
#if defined(FE_FMA_SOFT) && !defined(FE_FMATH_SMALL)
	{
		/* The same k and r from the exact product uh + ul: k is the
		 * integer nearest to uh unless uh is a half-integer, when ul
		 * decides; uh - k is exact, so r = (uh - k) + ul rounds once. */
		const double ih = hi26(inv_ln2_n), il = inv_ln2_n - ih;
		const double uh = inv_ln2_n * xd, ul = (ih * xd - uh) + il * xd;
		double d;

		kd = uh + shift;
		d = uh - (kd - shift);
		if ((d == 0.5 || d == -0.5) && ul != 0.0)
			kd = (uh + (ul > 0.0 ? 0.5 : -0.5)) + shift;
		ki = fe_d2u(kd);
		kd -= shift;
		r = (uh - kd) + ul;
	}
#else
	kd = FMA(inv_ln2_n, xd, shift);
	ki = fe_d2u(kd);
	kd -= shift;
	r = FMA(inv_ln2_n, xd, -kd);
#endif
	/* e^x = 2^(k/32) 2^(r/32) ~= s (c0 r^3 + c1 r^2 + c2 r + 1) */
	t = exp_tab[ki % 32] + (ki << 47);
	s = fe_u2d(t);
#if defined(FE_FMA_SOFT) && !defined(FE_FMATH_SMALL)
	/* FE_FMATH_SMALL (the predictor's WebAssembly, sized to the byte)
	 * leaves this shortcut out: the fused evaluation below gives the
	 * same float. */
	r2 = r * r;
	y = (c0 * r + c1) * r2 + (c2 * r + 1.0);
	if (float_safe(y * s))
		return (float)(y * s);
#endif
	z = FMA(c0, r, c1);
	r2 = r * r;
	y = FMA(c2, r, 1.0);
	y = FMA(z, r2, y);
	return (float)(y * s);
}

/* ---- logf ------------------------------------------------------------- */

/* 1/c and log(c) for the 16 subintervals of [0x3f330000, 2 * that). */
static const double logf_tab[16][2] = {
	{0x1.661ec79f8f3bep+0, -0x1.57bf7808caadep-2},
	{0x1.571ed4aaf883dp+0, -0x1.2bef0a7c06ddbp-2},
	{0x1.49539f0f010bp+0, -0x1.01eae7f513a67p-2},
	{0x1.3c995b0b80385p+0, -0x1.b31d8a68224e9p-3},
	{0x1.30d190c8864a5p+0, -0x1.6574f0ac07758p-3},
	{0x1.25e227b0b8eap+0, -0x1.1aa2bc79c81p-3},
	{0x1.1bb4a4a1a343fp+0, -0x1.a4e76ce8c0e5ep-4},
	{0x1.12358f08ae5bap+0, -0x1.1973c5a611cccp-4},
	{0x1.0953f419900a7p+0, -0x1.252f438e10c1ep-5},
	{0x1p+0, 0x0p+0},
	{0x1.e608cfd9a47acp-1, 0x1.aa5aa5df25984p-5},
	{0x1.ca4b31f026aap-1, 0x1.c5e53aa362eb4p-4},
	{0x1.b2036576afce6p-1, 0x1.526e57720db08p-3},
	{0x1.9c2d163a1aa2dp-1, 0x1.bc2860d22477p-3},
	{0x1.886e6037841edp-1, 0x1.1058bc8a07ee1p-2},
	{0x1.767dcf5534862p-1, 0x1.4043057b6ee09p-2},
};

FE_FMATH float
fe_logf(float x)
{
	static const double ln2 = 0x1.62e42fefa39efp-1;
	static const double a0 = -0x1.00ea348b88334p-2;
	static const double a1 = 0x1.5575b0be00b6ap-2;
	static const double a2 = -0x1.ffffef20a4123p-2;
	uint32_t ix = fe_f2u(x), tmp, iz;
	double z, r, r2, y, y0, invc, logc;
	int k, i;

	if (ix == 0x3f800000)
		return 0.0f;
	if (ix - 0x00800000 >= 0x7f800000 - 0x00800000) {
		/* Zero, subnormal, negative, infinite or NaN. */
		if (ix * 2 == 0)
			return -INFINITY;
		if (ix == 0x7f800000)
			return x;
		if ((ix & 0x80000000) || ix * 2 >= 0xff000000)
			return NAN;
		ix = fe_f2u(x * 0x1p23f) - (23u << 23);
	}
	/* x = 2^k z, z in [0x3f330000, 2 * that) and exact; the subinterval's
	 * c is near z: log x = log1p(z/c - 1) + log c + k ln 2. */
	tmp = ix - 0x3f330000;
	i = (int)((tmp >> 19) % 16);
	k = (int)(tmp >> 23) - (int)((tmp >> 31) << 9); /* arithmetic shift */
	iz = ix - (tmp & 0x1ffu << 23);
	invc = logf_tab[i][0];
	logc = logf_tab[i][1];
	z = (double)fe_u2f(iz);
#ifdef FE_FMA_SOFT
	{
		/* z has 24 bits: z invc = uh + ul exactly, and uh - 1 is exact. */
		const double ih = hi26(invc), il = invc - ih;
		const double uh = z * invc, ul = (ih * z - uh) + il * z;

		r = (uh - 1.0) + ul;
		r2 = r * r;
		y = (a0 * r2 + (a1 * r + a2)) * r2 + (((double)k * ln2 + logc) + r);
		if (float_safe(y))
			return (float)y;
	}
#else
	r = FMA(z, invc, -1.0);
#endif
	y0 = FMA((double)k, ln2, logc);
	r2 = r * r;
	y = FMA(a1, r, a2);
	y = FMA(a0, r2, y);
	y = FMA(y, r2, y0 + r);
	return (float)y;
}

/* ---- cosf ------------------------------------------------------------- */

/* A quadrant's polynomial: the signs of the four quadrants, 2/pi scaled by
 * 2^24, pi/2, the cosine's c0..c4 (negated in the second entry) and the
 * sine's s1..s3. */
typedef struct sincos_poly {
	double sign[4];
	double hpi_inv, hpi, c0, c1, c2, c3, c4, s1, s2, s3;
} sincos_poly;

static const sincos_poly sincos_tab[2] = {
	{{1.0, -1.0, -1.0, 1.0}, 0x1.45F306DC9C883p+23, 0x1.921FB54442D18p0, 0x1p0,
	 -0x1.ffffffd0c621cp-2, 0x1.55553e1068f19p-5, -0x1.6c087e89a359dp-10,
	 0x1.99343027bf8c3p-16, -0x1.555545995a603p-3, 0x1.1107605230bc4p-7,
	 -0x1.994eb3774cf24p-13},
	{{1.0, -1.0, -1.0, 1.0}, 0x1.45F306DC9C883p+23, 0x1.921FB54442D18p0, -0x1p0,
	 0x1.ffffffd0c621cp-2, -0x1.55553e1068f19p-5, 0x1.6c087e89a359dp-10,
	 -0x1.99343027bf8c3p-16, -0x1.555545995a603p-3, 0x1.1107605230bc4p-7,
	 -0x1.994eb3774cf24p-13},
};

/* 4/pi to 192 bits, 8 new bits per entry. */
static const uint32_t inv_pio4[24] = {
	0xa2,       0xa2f9,     0xa2f983,   0xa2f9836e, 0xf9836e4e, 0x836e4e44,
	0x6e4e4415, 0x4e441529, 0x441529fc, 0x1529fc27, 0x29fc2757, 0xfc2757d1,
	0x2757d1f5, 0x57d1f534, 0xd1f534dd, 0xf534ddc0, 0x34ddc0db, 0xddc0db62,
	0xc0db6295, 0xdb629599, 0x6295993c, 0x95993c43, 0x993c4390, 0x3c439041,
};

/* sin x (n even) or cos x (n odd) on |x| <= pi/4, x2 = x * x. */
FE_INLINE float
sincos_eval(double x, double x2, const sincos_poly *p, int n)
{
	double x3, x4, x6, x7, s, c, c1, c2, s1;

#ifdef FE_FMA_SOFT
	if ((n & 1) == 0) {
		x3 = x * x2;
		s = (x + x3 * p->s1) + (x3 * x2) * (p->s2 + x2 * p->s3);
	} else {
		x4 = x2 * x2;
		s = ((p->c0 + x2 * p->c1) + x4 * p->c2) + (x4 * x2) * (p->c3 + x2 * p->c4);
	}
	if (float_safe(s))
		return (float)s;
#endif
	if ((n & 1) == 0) {
		x3 = x * x2;
		s1 = FMA(x2, p->s3, p->s2);
		x7 = x3 * x2;
		s = FMA(x3, p->s1, x);
		return (float)FMA(x7, s1, s);
	}
	x4 = x2 * x2;
	c2 = FMA(x2, p->c4, p->c3);
	c1 = FMA(x2, p->c1, p->c0);
	x6 = x4 * x2;
	c = FMA(x4, p->c2, c1);
	return (float)FMA(x6, c2, c);
}

FE_FMATH float
fe_cosf(float y)
{
	const uint32_t top = (fe_f2u(y) >> 20) & 0x7ff;
	const sincos_poly *p = &sincos_tab[0];
	double x = y, s;
	int n;

	if (top < 0x3f4) { /* |y| < pi/4 */
		if (top < 0x398) /* |y| < 2^-12 */
			return 1.0f;
		return sincos_eval(x, x * x, p, 1);
	}
	if (top < 0x42f) { /* |y| < 120: one multiply-subtract */
		double r = x * p->hpi_inv;
		int32_t q = (int32_t)r + 0x800000;

		n = (int)(q >= 0 ? q >> 24 : -(int)((-(int64_t)q + 0xffffff) >> 24));
#ifdef FE_FMA_SOFT
		{
			/* n < 2^7: n hpi = n hh + n hl exactly, and x - n hh is
			 * exact (Sterbenz), so one rounding remains. */
			const double hh = hi26(p->hpi), hl = p->hpi - hh;

			x = (x - (double)n * hh) - (double)n * hl;
		}
#else
		x = FMA(-(double)n, p->hpi, x);
#endif
		s = p->sign[n & 3];
		if (n & 2)
			p = &sincos_tab[1];
		return sincos_eval(x * s, x * x, p, n ^ 1);
	}
	if (top < 0x7f8) {
		/* 4/pi times the mantissa in 2.62 fixed point, exactly. */
		uint32_t xi = fe_f2u(y);
		const int sign = (int)(xi >> 31);
		const uint32_t *arr = &inv_pio4[(xi >> 26) & 15];
		const int shift = (int)((xi >> 23) & 7);
		uint64_t q, res0, res1, res2;

		xi = ((xi & 0xffffff) | 0x800000) << shift;
		res0 = (uint64_t)(uint32_t)(xi * arr[0]);
		res1 = (uint64_t)xi * arr[4];
		res2 = (uint64_t)xi * arr[8];
		res0 = (res2 >> 32) | (res0 << 32);
		res0 += res1;
		q = (res0 + (UINT64_C(1) << 61)) >> 62;
		res0 -= q << 62;
		x = (double)(int64_t)res0 * 0x1.921FB54442D18p-62;
		n = (int)q;
		s = p->sign[(n + sign) & 3];
		if ((n + sign) & 2)
			p = &sincos_tab[1];
		return sincos_eval(x * s, x * x, p, n ^ 1);
	}
	return NAN; /* infinite or NaN */
}

/* ---- log -------------------------------------------------------------- */

/* 1/c and log(c) for the 128 subintervals of [0x3fe6000000000000, twice
 * that), c chosen so that k ln2hi + log c is exact. */
static const double log_tab[128][2] = {
	{0x1.734f0c3e0de9fp+0, -0x1.7cc7f79e69000p-2},
	{0x1.713786a2ce91fp+0, -0x1.76feec20d0000p-2},
	{0x1.6f26008fab5a0p+0, -0x1.713e31351e000p-2},
	{0x1.6d1a61f138c7dp+0, -0x1.6b85b38287800p-2},
	{0x1.6b1490bc5b4d1p+0, -0x1.65d5590807800p-2},
	{0x1.69147332f0cbap+0, -0x1.602d076180000p-2},
	{0x1.6719f18224223p+0, -0x1.5a8ca86909000p-2},
	{0x1.6524f99a51ed9p+0, -0x1.54f4356035000p-2},
	{0x1.63356aa8f24c4p+0, -0x1.4f637c36b4000p-2},
	{0x1.614b36b9ddc14p+0, -0x1.49da7fda85000p-2},
	{0x1.5f66452c65c4cp+0, -0x1.445923989a800p-2},
	{0x1.5d867b5912c4fp+0, -0x1.3edf439b0b800p-2},
	{0x1.5babccb5b90dep+0, -0x1.396ce448f7000p-2},
	{0x1.59d61f2d91a78p+0, -0x1.3401e17bda000p-2},
	{0x1.5805612465687p+0, -0x1.2e9e2ef468000p-2},
	{0x1.56397cee76bd3p+0, -0x1.2941b3830e000p-2},
	{0x1.54725e2a77f93p+0, -0x1.23ec58cda8800p-2},
	{0x1.52aff42064583p+0, -0x1.1e9e129279000p-2},
	{0x1.50f22dbb2bddfp+0, -0x1.1956d2b48f800p-2},
	{0x1.4f38f4734ded7p+0, -0x1.141679ab9f800p-2},
	{0x1.4d843cfde2840p+0, -0x1.0edd094ef9800p-2},
	{0x1.4bd3ec078a3c8p+0, -0x1.09aa518db1000p-2},
	{0x1.4a27fc3e0258ap+0, -0x1.047e65263b800p-2},
	{0x1.4880524d48434p+0, -0x1.feb224586f000p-3},
	{0x1.46dce1b192d0bp+0, -0x1.f474a7517b000p-3},
	{0x1.453d9d3391854p+0, -0x1.ea4443d103000p-3},
	{0x1.43a2744b4845ap+0, -0x1.e020d44e9b000p-3},
	{0x1.420b54115f8fbp+0, -0x1.d60a22977f000p-3},
	{0x1.40782da3ef4b1p+0, -0x1.cc00104959000p-3},
	{0x1.3ee8f5d57fe8fp+0, -0x1.c202956891000p-3},
	{0x1.3d5d9a00b4ce9p+0, -0x1.b81178d811000p-3},
	{0x1.3bd60c010c12bp+0, -0x1.ae2c9ccd3d000p-3},
	{0x1.3a5242b75dab8p+0, -0x1.a45402e129000p-3},
	{0x1.38d22cd9fd002p+0, -0x1.9a877681df000p-3},
	{0x1.3755bc5847a1cp+0, -0x1.90c6d69483000p-3},
	{0x1.35dce49ad36e2p+0, -0x1.87120a645c000p-3},
	{0x1.34679984dd440p+0, -0x1.7d68fb4143000p-3},
	{0x1.32f5cceffcb24p+0, -0x1.73cb83c627000p-3},
	{0x1.3187775a10d49p+0, -0x1.6a39a9b376000p-3},
	{0x1.301c8373e3990p+0, -0x1.60b3154b7a000p-3},
	{0x1.2eb4ebb95f841p+0, -0x1.5737d76243000p-3},
	{0x1.2d50a0219a9d1p+0, -0x1.4dc7b8fc23000p-3},
	{0x1.2bef9a8b7fd2ap+0, -0x1.4462c51d20000p-3},
	{0x1.2a91c7a0c1babp+0, -0x1.3b08abc830000p-3},
	{0x1.293726014b530p+0, -0x1.31b996b490000p-3},
	{0x1.27dfa5757a1f5p+0, -0x1.2875490a44000p-3},
	{0x1.268b39b1d3bbfp+0, -0x1.1f3b9f879a000p-3},
	{0x1.2539d838ff5bdp+0, -0x1.160c8252ca000p-3},
	{0x1.23eb7aac9083bp+0, -0x1.0ce7f57f72000p-3},
	{0x1.22a012ba940b6p+0, -0x1.03cdc49fea000p-3},
	{0x1.2157996cc4132p+0, -0x1.f57bdbc4b8000p-4},
	{0x1.201201dd2fc9bp+0, -0x1.e370896404000p-4},
	{0x1.1ecf4494d480bp+0, -0x1.d17983ef94000p-4},
	{0x1.1d8f5528f6569p+0, -0x1.bf9674ed8a000p-4},
	{0x1.1c52311577e7cp+0, -0x1.adc79202f6000p-4},
	{0x1.1b17c74cb26e9p+0, -0x1.9c0c3e7288000p-4},
	{0x1.19e010c2c1ab6p+0, -0x1.8a646b372c000p-4},
	{0x1.18ab07bb670bdp+0, -0x1.78d01b3ac0000p-4},
	{0x1.1778a25efbcb6p+0, -0x1.674f145380000p-4},
	{0x1.1648d354c31dap+0, -0x1.55e0e6d878000p-4},
	{0x1.151b990275fddp+0, -0x1.4485cdea1e000p-4},
	{0x1.13f0ea432d24cp+0, -0x1.333d94d6aa000p-4},
	{0x1.12c8b7210f9dap+0, -0x1.22079f8c56000p-4},
	{0x1.11a3028ecb531p+0, -0x1.10e4698622000p-4},
	{0x1.107fbda8434afp+0, -0x1.ffa6c6ad20000p-5},
	{0x1.0f5ee0f4e6bb3p+0, -0x1.dda8d4a774000p-5},
	{0x1.0e4065d2a9fcep+0, -0x1.bbcece4850000p-5},
	{0x1.0d244632ca521p+0, -0x1.9a1894012c000p-5},
	{0x1.0c0a77ce2981ap+0, -0x1.788583302c000p-5},
	{0x1.0af2f83c636d1p+0, -0x1.5715e67d68000p-5},
	{0x1.09ddb98a01339p+0, -0x1.35c8a49658000p-5},
	{0x1.08cabaf52e7dfp+0, -0x1.149e364154000p-5},
	{0x1.07b9f2f4e28fbp+0, -0x1.e72c082eb8000p-6},
	{0x1.06ab58c358f19p+0, -0x1.a55f152528000p-6},
	{0x1.059eea5ecf92cp+0, -0x1.63d62cf818000p-6},
	{0x1.04949cdd12c90p+0, -0x1.228fb8caa0000p-6},
	{0x1.038c6c6f0ada9p+0, -0x1.c317b20f90000p-7},
	{0x1.02865137932a9p+0, -0x1.419355daa0000p-7},
	{0x1.0182427ea7348p+0, -0x1.81203c2ec0000p-8},
	{0x1.008040614b195p+0, -0x1.0040979240000p-9},
	{0x1.fe01ff726fa1ap-1, 0x1.feff384900000p-9},
	{0x1.fa11cc261ea74p-1, 0x1.7dc41353d0000p-7},
	{0x1.f6310b081992ep-1, 0x1.3cea3c4c28000p-6},
	{0x1.f25f63ceeadcdp-1, 0x1.b9fc114890000p-6},
	{0x1.ee9c8039113e7p-1, 0x1.1b0d8ce110000p-5},
	{0x1.eae8078cbb1abp-1, 0x1.58a5bd001c000p-5},
	{0x1.e741aa29d0c9bp-1, 0x1.95c8340d88000p-5},
	{0x1.e3a91830a99b5p-1, 0x1.d276aef578000p-5},
	{0x1.e01e009609a56p-1, 0x1.07598e598c000p-4},
	{0x1.dca01e577bb98p-1, 0x1.253f5e30d2000p-4},
	{0x1.d92f20b7c9103p-1, 0x1.42edd8b380000p-4},
	{0x1.d5cac66fb5ccep-1, 0x1.606598757c000p-4},
	{0x1.d272caa5ede9dp-1, 0x1.7da76356a0000p-4},
	{0x1.cf26e3e6b2ccdp-1, 0x1.9ab434e1c6000p-4},
	{0x1.cbe6da2a77902p-1, 0x1.b78c7bb0d6000p-4},
	{0x1.c8b266d37086dp-1, 0x1.d431332e72000p-4},
	{0x1.c5894bd5d5804p-1, 0x1.f0a3171de6000p-4},
	{0x1.c26b533bb9f8cp-1, 0x1.067152b914000p-3},
	{0x1.bf583eeece73fp-1, 0x1.147858292b000p-3},
	{0x1.bc4fd75db96c1p-1, 0x1.2266ecdca3000p-3},
	{0x1.b951e0c864a28p-1, 0x1.303d7a6c55000p-3},
	{0x1.b65e2c5ef3e2cp-1, 0x1.3dfc33c331000p-3},
	{0x1.b374867c9888bp-1, 0x1.4ba366b7a8000p-3},
	{0x1.b094b211d304ap-1, 0x1.5933928d1f000p-3},
	{0x1.adbe885f2ef7ep-1, 0x1.66acd2418f000p-3},
	{0x1.aaf1d31603da2p-1, 0x1.740f8ec669000p-3},
	{0x1.a82e63fd358a7p-1, 0x1.815c0f51af000p-3},
	{0x1.a5740ef09738bp-1, 0x1.8e92954f68000p-3},
	{0x1.a2c2a90ab4b27p-1, 0x1.9bb3602f84000p-3},
	{0x1.a01a01393f2d1p-1, 0x1.a8bed1c2c0000p-3},
	{0x1.9d79f24db3c1bp-1, 0x1.b5b515c01d000p-3},
	{0x1.9ae2505c7b190p-1, 0x1.c2967ccbcc000p-3},
	{0x1.9852ef297ce2fp-1, 0x1.cf635d5486000p-3},
	{0x1.95cbaeea44b75p-1, 0x1.dc1bd3446c000p-3},
	{0x1.934c69de74838p-1, 0x1.e8c01b8cfe000p-3},
	{0x1.90d4f2f6752e6p-1, 0x1.f5509c0179000p-3},
	{0x1.8e6528effd79dp-1, 0x1.00e6c121fb800p-2},
	{0x1.8bfce9fcc007cp-1, 0x1.071b80e93d000p-2},
	{0x1.899c0dabec30ep-1, 0x1.0d46b9e867000p-2},
	{0x1.87427aa2317fbp-1, 0x1.13687334bd000p-2},
	{0x1.84f00acb39a08p-1, 0x1.1980d67234800p-2},
	{0x1.82a49e8653e55p-1, 0x1.1f8ffe0cc8000p-2},
	{0x1.8060195f40260p-1, 0x1.2595fd7636800p-2},
	{0x1.7e22563e0a329p-1, 0x1.2b9300914a800p-2},
	{0x1.7beb377dcb5adp-1, 0x1.3187210436000p-2},
	{0x1.79baa679725c2p-1, 0x1.377266dec1800p-2},
	{0x1.77907f2170657p-1, 0x1.3d54ffbaf3000p-2},
	{0x1.756cadbd6130cp-1, 0x1.432eee32fe000p-2},
};

FE_FMATH double
fe_logd(double x)
{
	static const double ln2hi = 0x1.62e42fefa3800p-1;
	static const double ln2lo = 0x1.ef35793c76730p-45;
	/* log(1 + r) - r on |r| < 2^-8 (coefficients of r^2 ..). */
	static const double a[5] = {
		-0x1.0000000000001p-1, 0x1.555555551305bp-2, -0x1.fffffffeb459p-3,
		0x1.999b324f10111p-3,  -0x1.55575e506c89fp-3,
	};
	/* log(1 + r) near x = 1, coefficients of r^2 .. r^12. */
	static const double b[11] = {
		-0x1p-1,
		0x1.5555555555577p-2,
		-0x1.ffffffffffdcbp-3,
		0x1.999999995dd0cp-3,
		-0x1.55555556745a7p-3,
		0x1.24924a344de3p-3,
		-0x1.fffffa4423d65p-4,
		0x1.c7184282ad6cap-4,
		-0x1.999eb43b068ffp-4,
		0x1.78182f7afd085p-4,
		-0x1.5521375d145cdp-4,
	};
	uint64_t ix = fe_d2u(x), tmp, iz;
	uint32_t top = (uint32_t)(ix >> 48);
	double w, z, r, r2, r3, y, invc, logc, kd, hi, lo;
	int k, i;

	if (ix - fe_d2u(1.0 - 0x1p-4) < fe_d2u(1.0 + 0x1.09p-4) - fe_d2u(1.0 - 0x1p-4)) {
		double rhi, rlo, p;

		if (ix == fe_d2u(1.0))
			return 0.0;
		r = x - 1.0;
		r2 = r * r;
		r3 = r * r2;
		p = FMA(r3, FMA(r3, FMA(r3, b[10], FMA(r2, b[9], FMA(r, b[8], b[7]))),
		                FMA(r2, b[6], FMA(r, b[5], b[4]))),
		        FMA(r2, b[3], FMA(r, b[2], b[1])));
		/* r^2 / 2 split exactly: rhi has 26 bits. */
		w = r * 0x1p27;
		rhi = r + w - w;
		rlo = r - rhi;
		w = rhi * rhi * b[0];
		hi = r + w;
		lo = r - hi + w;
#ifdef FE_FMA_SOFT
		{
			/* With separate roundings first: each of the dozen
			 * operations errs by at most 2^-52 of the magnitudes
			 * summed in t, so 2^-45 t bounds the distance to the
			 * fused evaluation. */
			const double q = b[0] * rlo * (rhi + r);
			double p2, lo2, y2, t, res;

			p2 = ((b[1] + r * b[2]) + r2 * b[3]) +
			    r3 * (((b[4] + r * b[5]) + r2 * b[6]) +
			          r3 * (((b[7] + r * b[8]) + r2 * b[9]) + r3 * b[10]));
			lo2 = q + lo;
			y2 = r3 * p2 + lo2;
			t = fabs(r3 * p2) + fabs(lo2) + fabs(q) + fabs(lo);
			if (sum_safe(hi, y2, t * 0x1p-45, &res))
				return res;
		}
#endif
		lo = FMA(b[0] * rlo, rhi + r, lo);
		y = FMA(r3, p, lo);
		return y + hi;
	}
	if (top - 0x0010 >= 0x7ff0 - 0x0010) {
		/* Zero, subnormal, negative, infinite or NaN. */
		if (ix * 2 == 0)
			return -INFINITY;
		if (ix == fe_d2u(INFINITY))
			return x;
		if ((top & 0x8000) || (top & 0x7ff0) == 0x7ff0)
			return NAN;
		ix = fe_d2u(x * 0x1p52) - (UINT64_C(52) << 52);
	}
	tmp = ix - UINT64_C(0x3fe6000000000000);
	i = (int)((tmp >> 45) % 128);
	k = (int)(tmp >> 52) - (int)((tmp >> 63) << 12); /* arithmetic shift */
	iz = ix - (tmp & UINT64_C(0xfff) << 52);
	invc = log_tab[i][0];
	logc = log_tab[i][1];
	z = fe_u2d(iz);
	/* log x = log1p(z/c - 1) + log c + k ln 2 = lo + (log1p(r) - r) + hi */
#ifdef FE_FMA_SOFT
	{
		/* r exactly as the fused z invc - 1: uh - 1 is exact. */
		const double uh = z * invc;

		r = (uh - 1.0) + mul_err(z, invc, uh);
	}
#else
	r = FMA(z, invc, -1.0);
#endif
	kd = (double)k;
	w = FMA(kd, ln2hi, logc);
	hi = w + r;
#ifdef FE_FMA_SOFT
	{
		/* k ln2hi is exact, so w is the fused one.  The rest with
		 * separate roundings first, 2^-47 t from the fused result. */
		const double q = kd * ln2lo;
		double lo2, y2, rp, t, res;

		lo2 = q + (w - hi + r);
		r2 = r * r;
		rp = r * r2 * ((a[1] + r * a[2]) + r2 * (a[3] + r * a[4]));
		y2 = (lo2 + r2 * a[0]) + rp;
		t = fabs(q) + fabs(lo2) + fabs(r2 * a[0]) + fabs(rp);
		if (sum_safe(hi, y2, t * 0x1p-47, &res))
			return res;
	}
#endif
	lo = FMA(kd, ln2lo, w - hi + r);
	r2 = r * r;
	y = FMA(r2, a[0], lo);
	y = FMA(r * r2, FMA(r2, FMA(r, a[4], a[3]), FMA(r, a[2], a[1])), y);
	return y + hi;
}

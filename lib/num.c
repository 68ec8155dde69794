/* num.c: decimal text to float and double and back, exactly, without libc.
 * SPDX-License-Identifier: MIT
 *
 * Every conversion here is exact and ignores the locale: the parser rounds
 * correctly (to nearest, ties to even) for any length of digits and any
 * exponent, and the printers give the digits printf's %g and %f give for
 * the exact binary value (glibc rounds that value half to even).  The
 * common cases take fast paths in exact double arithmetic (Clinger); the
 * rest goes through a big decimal of up to 800 digits, which can shift
 * left and right by powers of two exactly ("simple decimal conversion",
 * as in Go's strconv and Wuffs): every float and double, subnormals
 * included, is an exact decimal of at most 767 significant digits, so the
 * big decimal holds each exactly and the halfway points between them. */
#include "ferrum-internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

/* ---- the big decimal -------------------------------------------------- */

#define DEC_DIGITS 800
#define DEC_SHIFT 60 /* the widest shift one pass can do in 64 bits */

/* The value 0.d[0]d[1]...d[nd-1] * 10^dp, d[0] != 0 unless nd == 0. */
typedef struct dec {
	unsigned char d[DEC_DIGITS]; /* digit values 0..9, no trailing zeros */
	int nd;                      /* digits used */
	int dp;                      /* the decimal point's position */
	int trunc;                   /* non-zero digits were dropped past d[799] */
} dec;

static void
dec_trim(dec *a)
{
	while (a->nd > 0 && a->d[a->nd - 1] == 0)
		a->nd--;
	if (a->nd == 0)
		a->dp = 0;
}

static void
dec_set_u64(dec *a, uint64_t v)
{
	unsigned char t[20];
	int n = 0, i;

	while (v > 0) {
		t[n++] = (unsigned char)(v % 10);
		v /= 10;
	}
	for (i = 0; i < n; i++)
		a->d[i] = t[n - 1 - i];
	a->nd = a->dp = n;
	a->trunc = 0;
	dec_trim(a);
}

/* a /= 2^k, 0 < k <= DEC_SHIFT. */
static void
dec_rshift(dec *a, unsigned k)
{
	int r = 0, w = 0;
	uint64_t n = 0, mask = ((uint64_t)1 << k) - 1;

	for (; (n >> k) == 0; r++) {
		if (r >= a->nd) {
			if (n == 0) {
				a->nd = 0;
				a->dp = 0;
				return;
			}
			while ((n >> k) == 0) {
				n *= 10;
				r++;
			}
			break;
		}
		n = n * 10 + a->d[r];
	}
	a->dp -= r - 1;
	for (; r < a->nd; r++) {
		unsigned c = a->d[r];

		a->d[w++] = (unsigned char)(n >> k);
		n = (n & mask) * 10 + c;
	}
	while (n > 0) {
		unsigned dig = (unsigned)(n >> k);

		n &= mask;
		if (w < DEC_DIGITS)
			a->d[w++] = (unsigned char)dig;
		else if (dig > 0)
			a->trunc = 1;
		n *= 10;
	}
	a->nd = w;
	dec_trim(a);
}

/* a *= 2^k, 0 < k <= DEC_SHIFT. */
static void
dec_lshift(dec *a, unsigned k)
{
	unsigned char t[DEC_DIGITS + 20];
	int r = a->nd, w = (int)sizeof t, len, i;
	uint64_t n = 0, q;

	while (--r >= 0) {
		n += (uint64_t)a->d[r] << k;
		q = n / 10;
		t[--w] = (unsigned char)(n - 10 * q);
		n = q;
	}
	while (n > 0) {
		q = n / 10;
		t[--w] = (unsigned char)(n - 10 * q);
		n = q;
	}
	len = (int)sizeof t - w;
	a->dp += len - a->nd;
	if (len > DEC_DIGITS) {
		for (i = DEC_DIGITS; i < len; i++)
			if (t[w + i] != 0)
				a->trunc = 1;
		len = DEC_DIGITS;
	}
	memcpy(a->d, t + w, (size_t)len);
	a->nd = len;
	dec_trim(a);
}

/* a *= 2^k for any k. */
static void
dec_shift(dec *a, int k)
{
	if (a->nd == 0)
		return;
	for (; k > DEC_SHIFT; k -= DEC_SHIFT)
		dec_lshift(a, DEC_SHIFT);
	for (; k < -DEC_SHIFT; k += DEC_SHIFT)
		dec_rshift(a, DEC_SHIFT);
	if (k > 0)
		dec_lshift(a, (unsigned)k);
	else if (k < 0)
		dec_rshift(a, (unsigned)-k);
}

/* Whether cutting a to @nd digits should round up: above half, or exactly
 * half and odd (a dropped tail makes a half a little more). */
static int
dec_round_up(const dec *a, int nd)
{
	if (nd < 0 || nd >= a->nd)
		return 0;
	if (a->d[nd] == 5 && nd + 1 == a->nd) {
		if (a->trunc)
			return 1;
		return nd > 0 && (a->d[nd - 1] & 1);
	}
	return a->d[nd] >= 5;
}

/* Round a to @nd significant digits, half to even (nd may be <= 0). */
static void
dec_round(dec *a, int nd)
{
	int i;

	if (nd < 0 || nd >= a->nd)
		return;
	if (dec_round_up(a, nd)) {
		for (i = nd - 1; i >= 0; i--)
			if (a->d[i] < 9) {
				a->d[i]++;
				a->nd = i + 1;
				return;
			}
		a->d[0] = 1; /* all nines: 10^dp */
		a->nd = 1;
		a->dp++;
	} else {
		a->nd = nd;
		dec_trim(a);
	}
}

/* a rounded to an integer (a < 2^64 assumed), half to even. */
static uint64_t
dec_rounded_int(const dec *a)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < a->dp && i < a->nd; i++)
		n = n * 10 + a->d[i];
	for (; i < a->dp; i++)
		n *= 10;
	if (dec_round_up(a, a->dp))
		n++;
	return n;
}

/* The IEEE bits (sign excluded) nearest to a, for a format with @mbits
 * stored mantissa bits and @ebits exponent bits. */
static uint64_t
dec_to_bits(dec *a, int mbits, int ebits)
{
	static const unsigned char powtab[] = {1, 3, 6, 9, 13, 16, 19, 23, 26};
	int bias = -((1 << (ebits - 1)) - 1), e = 0, n;
	int emax = (1 << ebits) - 1;
	uint64_t m;

	if (a->nd == 0 || a->dp < -330)
		return 0;
	if (a->dp > 310)
		return (uint64_t)emax << mbits;
	/* Scale by powers of two into [0.5, 1). */
	while (a->dp > 0) {
		n = a->dp >= (int)sizeof powtab ? 27 : powtab[a->dp];
		dec_shift(a, -n);
		e += n;
	}
	while (a->dp < 0 || (a->dp == 0 && a->d[0] < 5)) {
		n = -a->dp >= (int)sizeof powtab ? 27 : powtab[-a->dp];
		dec_shift(a, n);
		e -= n;
	}
	e--; /* [0.5, 1) to [1, 2) */
	if (e < bias + 1) { /* subnormal: fix the exponent, lose bits */
		n = bias + 1 - e;
		dec_shift(a, -n);
		e += n;
	}
	if (e - bias >= emax)
		return (uint64_t)emax << mbits;
	dec_shift(a, 1 + mbits);
	m = dec_rounded_int(a);
	if (m == (uint64_t)2 << mbits) { /* rounding carried out */
		m >>= 1;
		e++;
		if (e - bias >= emax)
			return (uint64_t)emax << mbits;
	}
	if ((m & ((uint64_t)1 << mbits)) == 0)
		e = bias; /* subnormal */
	return (m & (((uint64_t)1 << mbits) - 1)) | ((uint64_t)(e - bias) << mbits);
}

/* ---- scanning decimal text -------------------------------------------- */

/* What the grammar found in a number's text. */
typedef struct numtext {
	const char *mant, *mant_end; /* the digits and the point */
	uint64_t m;                  /* the first 19 significant digits */
	long long exp10;             /* m * 10^exp10 is the value when !lost */
	long long ex;                /* the explicit exponent, capped */
	int lost;                    /* non-zero digits beyond those in m */
	int neg;
	int special;                 /* 0 a number, 1 infinity, 2 NaN */
} numtext;

static int
ieq(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (word[i] == '\0' || c != word[i])
			return 0;
	}
	return word[n] == '\0';
}

/* The grammar of ferrum_parse_float(); FERRUM_EINPUT when @s is not in it. */
static int
scan(const char *s, size_t len, numtext *t)
{
	const char *p = s, *e = s + len, *digits;
	uint64_t m = 0;
	int nd = 0, lost = 0;
	long long exp10 = 0, ex = 0;
	size_t ndig = 0;

	t->neg = 0;
	t->special = 0;
	if (p == e)
		return FERRUM_EINPUT;
	if (*p == '+' || *p == '-') {
		t->neg = *p == '-';
		p++;
	}
	if (p == e)
		return FERRUM_EINPUT;
	digits = p;
	/* Up to 19 significant digits fit m exactly. */
	for (; p < e && (unsigned)(*p - '0') < 10; p++, ndig++) {
		if (nd < 19) {
			m = m * 10 + (unsigned)(*p - '0');
			nd += m != 0;
		} else {
			exp10++;
			lost |= *p != '0';
		}
	}
	if (p < e && *p == '.') {
		for (p++; p < e && (unsigned)(*p - '0') < 10; p++, ndig++) {
			if (nd < 19) {
				m = m * 10 + (unsigned)(*p - '0');
				nd += m != 0;
				exp10--;
			} else {
				lost |= *p != '0';
			}
		}
	}
	if (ndig == 0) {
		size_t n = (size_t)(e - digits);

		if (ieq(digits, n, "inf") || ieq(digits, n, "infinity")) {
			t->special = 1;
			return FERRUM_OK;
		}
		if (ieq(digits, n, "nan")) {
			t->special = 2;
			return FERRUM_OK;
		}
		return FERRUM_EINPUT;
	}
	t->mant = digits;
	t->mant_end = p;
	if (p < e && (*p == 'e' || *p == 'E')) {
		int eneg = 0;
		const char *d0;

		p++;
		if (p < e && (*p == '+' || *p == '-')) {
			eneg = *p == '-';
			p++;
		}
		for (d0 = p; p < e && (unsigned)(*p - '0') < 10; p++)
			if (ex < 1000000000)
				ex = ex * 10 + (*p - '0');
		if (p == d0)
			return FERRUM_EINPUT;
		if (eneg)
			ex = -ex;
	}
	if (p != e)
		return FERRUM_EINPUT;
	t->m = m;
	t->lost = lost;
	t->ex = ex;
	t->exp10 = exp10 + ex;
	return FERRUM_OK;
}

/* The digits of @t into a big decimal. */
static void
dec_from_text(dec *a, const numtext *t)
{
	const char *p;
	long long dp = 0;
	int frac = 0;

	a->nd = 0;
	a->trunc = 0;
	for (p = t->mant; p < t->mant_end; p++) {
		unsigned c = (unsigned)(*p - '0');

		if (*p == '.') {
			frac = 1;
			continue;
		}
		dp += !frac;
		if (a->nd == 0 && c == 0) {
			dp--; /* a leading zero only moves the point */
			continue;
		}
		if (a->nd < DEC_DIGITS)
			a->d[a->nd++] = (unsigned char)c;
		else if (c != 0)
			a->trunc = 1;
	}
	dp += t->ex;
	/* Far beyond either end the value is 0 or infinite whatever it is. */
	if (dp > 100000)
		dp = 100000;
	if (dp < -100000)
		dp = -100000;
	a->dp = (int)dp;
	dec_trim(a);
}

static const float pow10f_tab[] = {1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f,
                                   1e6f, 1e7f, 1e8f, 1e9f, 1e10f};
static const double pow10_tab[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* The double m * 10^e10, when exactly computed and then rounded once
 * (Clinger); 0 when the arithmetic would not be exact. */
static int
clinger(uint64_t m, long long e10, double *out)
{
#if FLT_EVAL_METHOD == 0
	if (m <= ((uint64_t)1 << 53) && e10 >= -22 && e10 <= 22) {
		double d = (double)m;

		*out = e10 < 0 ? d / pow10_tab[-e10] : d * pow10_tab[e10];
		return 1;
	}
#else
	(void)m;
	(void)e10;
	(void)out;
	(void)pow10_tab;
#endif
	return 0;
}

/* m * 10^e10 within a few ulps, for the exponents of the float range;
 * 0 outside it. */
static int
approx(uint64_t m, long long e10, double *out)
{
#if FLT_EVAL_METHOD == 0
	double d = (double)m;

	if (e10 < -66 || e10 > 60)
		return 0;
	while (e10 > 22) {
		d *= 1e22;
		e10 -= 22;
	}
	while (e10 < -22) {
		d /= 1e22;
		e10 += 22;
	}
	*out = e10 < 0 ? d / pow10_tab[-e10] : d * pow10_tab[e10];
	return 1;
#else
	(void)m;
	(void)e10;
	(void)out;
	return 0;
#endif
}

static float
to_float(const numtext *t)
{
	dec a;
	uint64_t bits;
	uint32_t u;
	float f;

	if (t->special)
		return t->special == 1 ? (t->neg ? -INFINITY : INFINITY) : (t->neg ? -NAN : NAN);
	if (t->m == 0 && !t->lost)
		return t->neg ? -0.0f : 0.0f;
#if FLT_EVAL_METHOD == 0
	if (!t->lost) {
		/* Exact operands and one rounding. */
		if (t->m <= ((uint64_t)1 << 24) && t->exp10 >= -10 && t->exp10 <= 10) {
			f = (float)t->m;
			f = t->exp10 < 0 ? f / pow10f_tab[-t->exp10] : f * pow10f_tab[t->exp10];
			return t->neg ? -f : f;
		}
	}
#endif
	/* In double, then to float.  The double carries at most a few ulps of
	 * error (one rounding each for m, for up to two powers of ten, for
	 * each product and for the digits beyond m), 2^-52 relative at most;
	 * rounding it to float can only differ from rounding the exact value
	 * when the double lies within that error of a float halfway point,
	 * which its low 29 mantissa bits show for results in the float normal
	 * range.  When Clinger's conditions hold the double is the correctly
	 * rounded one, and only a double exactly on a halfway point is in
	 * doubt. */
	{
		double d;
		uint64_t db, low, half = (uint64_t)1 << 28, err = 64;

		if (!t->lost && clinger(t->m, t->exp10, &d))
			err = 0;
		else if (!approx(t->m, t->exp10, &d))
			d = 0;
		if (d >= FLT_MIN && d <= FLT_MAX) {
			memcpy(&db, &d, sizeof db);
			low = db & ((half << 1) - 1);
			if (low + err < half || low > half + err) {
				f = (float)d;
				return t->neg ? -f : f;
			}
		}
	}
	dec_from_text(&a, t);
	bits = dec_to_bits(&a, 23, 8);
	u = (uint32_t)bits | (t->neg ? 0x80000000u : 0);
	memcpy(&f, &u, sizeof f);
	return f;
}

static double
to_double(const numtext *t)
{
	dec a;
	uint64_t bits;
	double d;

	if (t->special)
		return t->special == 1 ? (t->neg ? -INFINITY : INFINITY) : (t->neg ? -NAN : NAN);
	if (t->m == 0 && !t->lost)
		return t->neg ? -0.0 : 0.0;
	if (!t->lost && clinger(t->m, t->exp10, &d))
		return t->neg ? -d : d;
	dec_from_text(&a, t);
	bits = dec_to_bits(&a, 52, 11) | (t->neg ? (uint64_t)1 << 63 : 0);
	memcpy(&d, &bits, sizeof d);
	return d;
}

int
ferrum_parse_float(const char *s, size_t len, float *out)
{
	numtext t;
	int rc;

	if (s == NULL || out == NULL)
		return FERRUM_EINVAL;
	rc = scan(s, len, &t);
	if (rc == FERRUM_OK)
		*out = to_float(&t);
	return rc;
}

int
ferrum_is_number(const char *s, size_t len)
{
	numtext t;

	return s != NULL && scan(s, len, &t) == FERRUM_OK;
}

int
fe_num_parse_double(const char *s, size_t len, double *out)
{
	numtext t;
	int rc = scan(s, len, &t);

	if (rc == FERRUM_OK)
		*out = to_double(&t);
	return rc;
}

int
fe_num_parse_float(const char *s, size_t len, float *out)
{
	numtext t;
	int rc = scan(s, len, &t);

	if (rc == FERRUM_OK)
		*out = to_float(&t);
	return rc;
}

/* ---- printing --------------------------------------------------------- */

/* |v| exactly (v finite and non-zero). */
static void
dec_of_double(dec *a, double v)
{
	uint64_t bits, m;
	int be;

	memcpy(&bits, &v, sizeof bits);
	be = (int)((bits >> 52) & 0x7ff);
	m = bits & (((uint64_t)1 << 52) - 1);
	if (be != 0)
		m |= (uint64_t)1 << 52;
	else
		be = 1;
	be -= 1075;
	while ((m & 1) == 0) { /* fewer bits, fewer digits to shift */
		m >>= 1;
		be++;
	}
	dec_set_u64(a, m);
	dec_shift(a, be);
}

/* Write "nan", "inf", "-inf" for a non-finite @v; 0 if @v is finite. */
static size_t
put_special(char *t, double v)
{
	const char *s = isnan(v) ? "nan" : isinf(v) ? (v < 0 ? "-inf" : "inf") : NULL;
	size_t n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	memcpy(t, s, n + 1);
	return n;
}

/* The digits @d[0..@nd) (no trailing zeros; nd == 0 for zero) times
 * 10^(@dp - @nd), as %.{prec}g prints it. */
static size_t
put_digits_g(char *t, int neg, const unsigned char *d, int nd, int dp, int prec)
{
	size_t o = 0;
	int i, x = dp - 1;

	if (neg)
		t[o++] = '-';
	if (nd == 0) {
		t[o++] = '0';
	} else if (x < -4 || x >= prec) {
		t[o++] = (char)('0' + d[0]);
		if (nd > 1) {
			t[o++] = '.';
			for (i = 1; i < nd; i++)
				t[o++] = (char)('0' + d[i]);
		}
		t[o++] = 'e';
		t[o++] = x < 0 ? '-' : '+';
		if (x < 0)
			x = -x;
		if (x >= 100)
			t[o++] = (char)('0' + x / 100);
		t[o++] = (char)('0' + x / 10 % 10);
		t[o++] = (char)('0' + x % 10);
	} else if (x >= 0) {
		for (i = 0; i <= x; i++)
			t[o++] = (char)('0' + (i < nd ? d[i] : 0));
		if (nd > x + 1) {
			t[o++] = '.';
			for (i = x + 1; i < nd; i++)
				t[o++] = (char)('0' + d[i]);
		}
	} else {
		t[o++] = '0';
		t[o++] = '.';
		for (i = 0; i < -x - 1; i++)
			t[o++] = '0';
		for (i = 0; i < nd; i++)
			t[o++] = (char)('0' + d[i]);
	}
	t[o] = '\0';
	return o;
}

/* @a (already rounded to at most @prec digits) as %.{prec}g prints it. */
static size_t
put_g(char *t, int neg, const dec *a, int prec)
{
	return put_digits_g(t, neg, a->d, a->nd, a->dp, prec);
}

size_t
fe_num_format_g(char *buf, double v, int prec)
{
	dec a;
	size_t n = put_special(buf, v);

	if (n > 0)
		return n;
	if (prec < 1)
		prec = 1;
	if (prec > FE_NUM_PREC_MAX)
		prec = FE_NUM_PREC_MAX;
	a.nd = a.dp = 0;
	if (v != 0) {
		dec_of_double(&a, v);
		dec_round(&a, prec);
	}
	return put_g(buf, signbit(v) != 0, &a, prec);
}

void
fe_num_put_g(fe_buf *b, double v, int prec)
{
	char t[FE_NUM_TEXT_MAX];

	fe_buf_add(b, t, fe_num_format_g(t, v, prec));
}

void
fe_num_put_fixed(fe_buf *b, double v, int prec)
{
	char t[8];
	dec a;
	int i;

	if (put_special(t, v) > 0) {
		fe_buf_puts(b, t);
		return;
	}
	if (signbit(v))
		fe_buf_putc(b, '-');
	a.nd = a.dp = 0;
	if (v != 0) {
		dec_of_double(&a, v);
		dec_round(&a, a.dp + prec);
	}
	if (a.dp <= 0)
		fe_buf_putc(b, '0');
	for (i = 0; i < a.dp; i++)
		fe_buf_putc(b, (char)('0' + (i < a.nd ? a.d[i] : 0)));
	if (prec > 0)
		fe_buf_putc(b, '.');
	for (i = a.dp; i < a.dp + prec; i++)
		fe_buf_putc(b, (char)('0' + (i >= 0 && i < a.nd ? a.d[i] : 0)));
}

/* 10^k for k = 0..12: exact in double, and 5^12 < 2^28, so a float (24
 * bits, 25 for a midpoint between two floats) times any of them is exact
 * in double's 53 bits. */
static const double pow10_12[13] = {1e0, 1e1, 1e2, 1e3, 1e4,  1e5,  1e6,
                                    1e7, 1e8, 1e9, 1e10, 1e11, 1e12};

/* The shortest %.Ng (N = 6..9) of a normal float in [1e-3, 1e9) that
 * reads back as @f, by exact double arithmetic; 0 when @f is outside the
 * range where the arithmetic is exact. */
static size_t
shortest_fast(char *t, float f)
{
	double a = fabs((double)f), up, lo, hi, prod;
	float next, prev;
	int d, n, k, x, even, i;
	unsigned char dg[9];

	if (!(a >= 1e-3 && a < 1e9) || !isnormal(f))
		return 0;
	/* d: 10^d <= a < 10^(d+1), by exact comparisons. */
	if (a >= 1.0) {
		for (d = 0; d < 9 && a >= pow10_12[d + 1]; d++)
			;
	} else {
		for (d = -1; a * pow10_12[-d] < 1.0; d--)
			;
	}
	/* The neighbours' midpoints bound the decimals that read back as f;
	 * a decimal on a midpoint reads back as the float with an even
	 * mantissa. */
	{
		uint32_t u, v;

		memcpy(&u, &f, sizeof u);
		u &= 0x7fffffffu; /* |f|; its neighbours are the next bit patterns */
		even = (u & 1) == 0;
		v = u + 1;
		memcpy(&next, &v, sizeof next);
		v = u - 1;
		memcpy(&prev, &v, sizeof prev);
	}
	up = ((double)next + a) / 2;
	lo = ((double)prev + a) / 2;
	for (n = 6; n <= 9; n++) {
		double q;

		k = n - 1 - d;
		if (k < 0 || k > 12)
			return 0;
		prod = a * pow10_12[k]; /* exact, below 10^9 */
		/* rounded half to even, as printf rounds: below 2^52, adding
		 * 2^52 leaves no bits for a fraction (a libm call on x86-64
		 * without SSE4.1 for nearbyint) */
		q = (prod + 0x1p52) - 0x1p52;
		hi = up * pow10_12[k];  /* exact: 25 bits times 5^k < 2^28 */
		if ((q < hi || (q == hi && even)) &&
		    (q > lo * pow10_12[k] || (q == lo * pow10_12[k] && even))) {
			uint64_t iq;

			x = d;
			if (q >= pow10_12[n]) { /* 9.9999995 became 10.00000 */
				q /= 10;
				x = d + 1;
			}
			iq = (uint64_t)q;
			for (i = n - 1; i >= 0; i--) {
				dg[i] = (unsigned char)(iq % 10);
				iq /= 10;
			}
			for (i = n; i > 1 && dg[i - 1] == 0; i--)
				;
			return put_digits_g(t, signbit(f) != 0, dg, i, x + 1, n);
		}
	}
	return 0; /* not reached: nine digits always suffice */
}

/* The shortest %.Ng, N from @lo to @hi, of @v that reads back as itself
 * (as a float when @single). */
static size_t
shortest(char *t, double v, int lo, int hi, int single)
{
	dec exact, a;
	size_t n = put_special(t, v);
	int prec;

	if (n > 0)
		return n;
	if (v == 0) {
		a.nd = a.dp = 0;
		return put_g(t, signbit(v) != 0, &a, lo);
	}
	dec_of_double(&exact, v);
	for (prec = lo;; prec++) {
		float fb;
		double db;

		a = exact;
		dec_round(&a, prec);
		n = put_g(t, signbit(v) != 0, &a, prec);
		if (prec >= hi)
			break;
		if (single ? fe_num_parse_float(t, n, &fb) == 0 && fb == (float)v
		           : fe_num_parse_double(t, n, &db) == 0 && db == v)
			break;
	}
	return n;
}

size_t
fe_num_shortest_float(char *buf, float f)
{
	size_t n = shortest_fast(buf, f);

	return n > 0 ? n : shortest(buf, (double)f, 6, 9, 1);
}

size_t
fe_num_shortest_double(char *buf, double d)
{
	return shortest(buf, d, 15, 17, 0);
}

size_t
ferrum_format_float(char *buf, size_t size, float f)
{
	char t[FE_NUM_TEXT_MAX];
	size_t n;

	if (buf == NULL)
		return 0;
	n = fe_num_shortest_float(t, f);
	if (n >= size)
		return 0;
	memcpy(buf, t, n + 1);
	return n;
}

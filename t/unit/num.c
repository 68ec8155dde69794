/* t/unit/num.c: the number layer against glibc's strtod, strtof and printf.
 * SPDX-License-Identifier: MIT
 *
 * glibc converts exactly in both directions (round to nearest, ties to
 * even, on the exact values), so every result here must equal its bit for
 * bit and byte for byte: random digit strings of 1 to 40 digits with
 * random exponents, exact halfway points between neighbouring floats and
 * doubles (printed exactly by printf through long double) and the decimals
 * next to them, the subnormal and overflow boundaries, long runs of zeros;
 * then millions of float bit patterns through the shortest text, and
 * doubles through %g and %f. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static uint64_t rs = 0x9E3779B97F4A7C15u;

static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs * 0x2545F4914F6CDD1Du;
}

static unsigned long bad_f, bad_d, checked;

/* Compare both parsers with glibc on the NUL-terminated @s. */
static void
check(const char *s)
{
	size_t n = strlen(s);
	float f = 0, wf = strtof(s, NULL);
	double d = 0, wd = strtod(s, NULL);

	checked++;
	if (ferrum_parse_float(s, n, &f) != FERRUM_OK || memcmp(&f, &wf, sizeof f) != 0) {
		if (bad_f++ < 5)
			diag("float '%.60s': got %a, strtof %a", s, (double)f, (double)wf);
	}
	if (fe_num_parse_double(s, n, &d) != FERRUM_OK || memcmp(&d, &wd, sizeof d) != 0) {
		if (bad_d++ < 5)
			diag("double '%.60s': got %a, strtod %a", s, d, wd);
	}
}

static void
test_edges(void)
{
	static const char *cases[] = {
		"0", "-0", "+0", "0.0", "000.000", ".0", "0.", "0e0", "0e999999999", "-0e-99",
		"1", "-1", "1.", ".5", "5e-1", "1e0", "1E+0", "1e-0", "00001", "1.000000000000",
		"0.1", "0.2", "0.3", "3.14159", "-122.23", "37.88", "8.3252", "880", "452600",
		"1e38", "3.4028235e38", "3.40282346638528859811704183484516925440e+38",
		"3.4028235677973366e38", "3.4028235677973367e38", "3.402823567797336e38",
		"3.40282357e38", "1e39", "-1e39", "1.7976931348623157e308",
		"1.7976931348623158e308", "1.7976931348623159e308", "1e309", "1e400",
		"1e-45", "1.4e-45", "1.401298464324817e-45", "7e-46", "7.006492321624085e-46",
		"7.006492321624086e-46", "1e-46", "1.17549435e-38", "1.1754942e-38",
		"1.1754943e-38", "1.17549421e-38", "4.9406564584124654e-324", "5e-324",
		"2.4703282292062327e-324", "2.4703282292062328e-324", "3e-324", "1e-324",
		"2.2250738585072011e-308", "2.2250738585072012e-308", "2.2250738585072014e-308",
		"1e-400", "1e-99999", "1e99999", "123456789012345678901234567890",
		"0.000000000000000000000000000000000000000000001",
		"9007199254740993", "9007199254740992.5", "9007199254740993.0000000000001",
		"16777217", "16777217.000000001", "16777216.999999999", "33554431",
		"1.00000005960464477539062500001", "1.000000059604644775390625",
		"1.0000000596046447753906249999", "0.1000000000000000055511151231257827",
		"1e22", "1e23", "8.589973e9", "4.294967296e9", "1.8446744073709552e19",
		"18446744073709551615", "18446744073709551616", "18446744073709551617",
		"99999999999999999999", "10000000000000000000000000000000000000000001",
		"2.22507385850720113605740979670913197593481954635164564e-308",
		"inf", "-Infinity", "INF", "nan", "-NaN",
	};
	size_t i;
	unsigned long before_f = bad_f, before_d = bad_d;
	char s[2200];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (strstr(cases[i], "an") || strstr(cases[i], "AN")) {
			float f;

			ok(ferrum_parse_float(cases[i], strlen(cases[i]), &f) == 0 && isnan(f), "%s",
			   cases[i]);
			continue;
		}
		check(cases[i]);
	}
	/* Long runs of zeros, before and after the digits. */
	for (i = 1; i < 2000; i += 97) {
		memset(s, '0', i);
		strcpy(s + i, "1.5");
		check(s);
		s[0] = '.';
		memset(s + 1, '0', i);
		strcpy(s + 1 + i, "15e-3");
		check(s);
		strcpy(s, "1.");
		memset(s + 2, '0', i);
		strcpy(s + 2 + i, "1e2");
		check(s);
		strcpy(s, "7");
		memset(s + 1, '0', i);
		strcpy(s + 1 + i, "e-2000");
		check(s);
	}
	ok(bad_f == before_f && bad_d == before_d, "edge cases and runs of zeros agree with glibc");
}

/* Random decimal strings: 1 to 40 digits, a point anywhere or nowhere, a
 * random exponent, now and then leading zeros and a sign. */
static void
test_random(unsigned long n)
{
	unsigned long i, before_f = bad_f, before_d = bad_d;
	char s[128];

	for (i = 0; i < n; i++) {
		uint64_t r = rnd();
		int nd = 1 + (int)(r % 40), dot = (int)((r >> 8) % (unsigned)(nd + 2)) - 1, k = 0, j;
		int wide = (r >> 16) & 1, ex;

		if ((r >> 20) & 1)
			s[k++] = '-';
		if (((r >> 21) & 7) == 0)
			for (j = 0; j < (int)((r >> 24) & 7); j++)
				s[k++] = '0';
		for (j = 0; j < nd; j++) {
			if (j == dot)
				s[k++] = '.';
			s[k++] = (char)('0' + (j == 0 ? 1 + rnd() % 9 : rnd() % 10));
		}
		/* Half near the float range, half over the whole double range. */
		ex = wide ? (int)(rnd() % 701) - 360 : (int)(rnd() % 101) - 60;
		if (((r >> 28) & 3) != 0)
			k += snprintf(s + k, sizeof s - (size_t)k, "e%d", ex - (dot < 0 ? 0 : nd - dot));
		s[k] = '\0';
		check(s);
	}
	ok(bad_f == before_f && bad_d == before_d, "%lu random decimal strings agree with glibc", n);
}

/* Exact halfway points between neighbouring floats and doubles, printed
 * with all their digits, and the decimals just below and above them (the
 * last digit moved, or a tail of digits added). */
static void
test_halfway(unsigned long n)
{
	unsigned long i, before_f = bad_f, before_d = bad_d;
	char s[1200];

	for (i = 0; i < n; i++) {
		uint64_t r = rnd();
		long double mid;
		size_t len;

		if (i & 1) {
			uint32_t u = (uint32_t)r & 0x7f7fffffu; /* finite, below FLT_MAX */
			float a, b;

			if (i % 7 == 1)
				u &= 0x00ffffffu; /* subnormal and smallest normals */
			memcpy(&a, &u, sizeof a);
			u++;
			memcpy(&b, &u, sizeof b);
			mid = ((long double)a + (long double)b) / 2;
			snprintf(s, sizeof s, "%.*Le", 160, mid);
		} else {
			uint64_t u = r & 0x7fefffffffffffffu;
			double a, b;

			if (i % 7 == 0)
				u &= 0x001fffffffffffffu;
			memcpy(&a, &u, sizeof a);
			u++;
			memcpy(&b, &u, sizeof b);
			mid = ((long double)a + (long double)b) / 2;
			snprintf(s, sizeof s, "%.*Le", 800, mid);
		}
		/* Trim the zeros after the last significant digit. */
		{
			char *e = strchr(s, 'e'), *p = e;
			char tail[16];

			strcpy(tail, e);
			while (p[-1] == '0')
				p--;
			if (p[-1] == '.')
				p--;
			strcpy(p, tail);
			len = (size_t)(p - s);
		}
		check(s);
		/* one more digit, above the point */
		{
			char t[1220];

			memcpy(t, s, len);
			if (memchr(t, '.', len) == NULL)
				t[len++] = '.';
			t[len] = '1';
			strcpy(t + len + 1, strchr(s, 'e'));
			check(t);
			if (len > 2 && t[len - 1] > '0' && t[len - 1] <= '9') {
				t[len - 1]--; /* last digit down: just below the midpoint */
				t[len] = '9';
				check(t);
			}
		}
	}
	ok(bad_f == before_f && bad_d == before_d,
	   "%lu halfway points and their neighbours agree with glibc", n);
}

/* The parser's grammar: what ferrum_parse_float() refuses, the double
 * parser refuses too, and neither touches the result. */
static void
test_grammar(void)
{
	static const char *bad[] = {"", "+", "-", ".", "e5", "1e", "1e+", "--1", "1.2.3",
	                            " 1", "1 ", "0x10", "1,5", "infinit", "nana", "1e5x"};
	size_t i;
	int all = 1;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		float f = 42;
		double d = 42;

		all &= ferrum_parse_float(bad[i], strlen(bad[i]), &f) == FERRUM_EINPUT && f == 42;
		all &= fe_num_parse_double(bad[i], strlen(bad[i]), &d) == FERRUM_EINPUT && d == 42;
		all &= !ferrum_is_number(bad[i], strlen(bad[i]));
	}
	ok(all, "%zu malformed numbers are refused and leave the result alone",
	   sizeof bad / sizeof bad[0]);
}

/* The shortest %.Ng (N from lo) that strtof/strtod reads back, by search. */
static void
naive(char *t, size_t cap, double v, int lo, int hi, int single)
{
	int p;

	for (p = lo; p <= hi; p++) {
		snprintf(t, cap, "%.*g", p, v);
		if (single ? strtof(t, NULL) == (float)v : strtod(t, NULL) == v)
			return;
	}
}

/* The significant digits of a %g text. */
static size_t
sig_digits(const char *t)
{
	size_t n = 0;
	int seen = 0;

	for (; *t != '\0' && *t != 'e'; t++) {
		seen |= *t >= '1' && *t <= '9';
		n += seen && *t >= '0' && *t <= '9';
	}
	return n;
}

static void
test_shortest(unsigned long n)
{
	unsigned long i, bad = 0, back = 0, longer = 0;
	char t[FE_NUM_TEXT_MAX], want[400], g9[400];

	for (i = 0; i < n; i++) {
		uint32_t u = (uint32_t)(rnd() >> 7);
		float f, b;
		size_t len;

		if (i % 4 == 0)
			u = 0x3a800000u + (uint32_t)(rnd() % 0x0f000000u); /* 1e-3 .. 1e6 */
		memcpy(&f, &u, sizeof f);
		if (!isfinite(f))
			continue;
		len = fe_num_shortest_float(t, f);
		/* printf's text at our precision, and one digit less fails */
		{
			int p = (int)sig_digits(t);

			if (p < 6)
				p = 6;
			snprintf(want, sizeof want, "%.*g", p, (double)f);
			if (strcmp(t, want) != 0 || len != strlen(want) ||
			    (p > 6 && (snprintf(g9, sizeof g9, "%.*g", p - 1, (double)f),
			               strtof(g9, NULL) == f))) {
				if (bad++ < 5)
					diag("%a: got '%s', printf '%s'", (double)f, t, want);
			}
		}
		b = strtof(t, NULL);
		if (memcmp(&b, &f, sizeof f) != 0)
			back++;
		/* as many significant digits as %.9g at most */
		snprintf(g9, sizeof g9, "%.9g", (double)f);
		if (sig_digits(t) > sig_digits(g9))
			longer++;
	}
	ok(back == 0, "%lu float bit patterns read back from their shortest text", n);
	ok(bad == 0, "and the text is the shortest %%.Ng (N = 6..9) that does");
	ok(longer == 0, "never more significant digits than %%.9g");
	bad = 0;
	for (i = 0; i < n / 100; i++) {
		uint64_t u = rnd() >> 1;
		double d;

		memcpy(&d, &u, sizeof d);
		if (!isfinite(d))
			continue;
		fe_num_shortest_double(t, d);
		naive(want, sizeof want, d, 15, 17, 0);
		if (strcmp(t, want) != 0 && bad++ < 5)
			diag("%a: got '%s', search '%s'", d, t, want);
	}
	ok(bad == 0, "%lu doubles: the shortest %%.Ng (N = 15..17) that reads back", n / 100);
	{
		static const float special[] = {0.0f, -0.0f, 1e-45f, FLT_MIN, FLT_MAX, 1.0f, 0.1f};
		char z[8];
		size_t k;

		bad = 0;
		for (k = 0; k < sizeof special / sizeof special[0]; k++) {
			fe_num_shortest_float(t, special[k]);
			naive(want, sizeof want, (double)special[k], 6, 9, 1);
			bad += strcmp(t, want) != 0;
		}
		fe_num_shortest_float(z, NAN);
		bad += strcmp(z, "nan") != 0;
		fe_num_shortest_double(z, -INFINITY);
		bad += strcmp(z, "-inf") != 0;
		ok(bad == 0, "zeros, the extremes, NaN and infinities");
	}
}

/* %g at every precision and the fixed formats of the FINF header. */
static void
test_printf(unsigned long n)
{
	unsigned long i, bad_g = 0, bad_x = 0;
	char t[FE_NUM_TEXT_MAX], want[1200];
	fe_buf b;

	fe_buf_init(&b);
	for (i = 0; i < n; i++) {
		uint64_t u = rnd();
		double d;
		float f;
		int p = 1 + (int)(u % 17);

		if (i & 1) {
			uint32_t w = (uint32_t)(u >> 20);

			memcpy(&f, &w, sizeof f);
			d = f;
		} else {
			u >>= 1;
			memcpy(&d, &u, sizeof d);
			if (i % 3 == 0) /* everyday magnitudes, where %f prints digits */
				d = ldexp((double)(u >> 11), (int)(rnd() % 80) - 90);
		}
		if (isnan(d))
			continue;
		fe_num_format_g(t, d, p);
		snprintf(want, sizeof want, "%.*g", p, d);
		if (strcmp(t, want) != 0 && bad_g++ < 5)
			diag("%%.%dg of %a: got '%s', printf '%s'", p, d, t, want);
		p = i % 2 ? 6 : 8;
		b.len = 0;
		fe_num_put_fixed(&b, d, p);
		fe_buf_putc(&b, '\0');
		snprintf(want, sizeof want, "%.*f", p, d);
		if (!b.failed && strcmp(b.data, want) != 0 && bad_x++ < 5)
			diag("%%.%df of %a: got '%s', printf '%s'", p, d, b.data, want);
	}
	/* Exact ties: printf rounds them to even. */
	{
		static const double ties[] = {0.0078125, 0.5, 1.5, 2.5, -0.0000005, 0.00000025,
		                              1e-9, -1e-9, 0.125, 1e300};

		for (i = 0; i < sizeof ties / sizeof ties[0]; i++) {
			int p;

			for (p = 0; p <= 8; p++) {
				b.len = 0;
				fe_num_put_fixed(&b, ties[i], p);
				fe_buf_putc(&b, '\0');
				snprintf(want, sizeof want, "%.*f", p, ties[i]);
				if (!b.failed && strcmp(b.data, want) != 0 && bad_x++ < 5)
					diag("%%.%df of %a: got '%s', printf '%s'", p, ties[i], b.data,
					     want);
			}
		}
	}
	fe_buf_free(&b);
	ok(bad_g == 0, "%lu values: %%.Ng, N = 1..17, as printf prints them", n);
	ok(bad_x == 0, "and %%.6f and %%.8f, ties to even included");
}

/* The library's message formatter (error.c) against snprintf, for the
 * directives it knows; the others are copied as they stand. */
static void
test_messages(void)
{
	char got[128], want[128];
	int bad = 0, n;

	n = fe_snprintf(got, sizeof got, "%d %d %u %lu %lld %llu %zu %s|%.3s|%.*s|%%", -7, 0, 42u,
	                4294967295ul, -9223372036854775807ll - 1, 18446744073709551615ull,
	                (size_t)12345, "text", "abcdef", 2, "xyz");
	snprintf(want, sizeof want, "%d %d %u %lu %lld %llu %zu %s|%.3s|%.*s|%%", -7, 0, 42u,
	         4294967295ul, -9223372036854775807ll - 1, 18446744073709551615ull, (size_t)12345,
	         "text", "abcdef", 2, "xyz");
	bad += strcmp(got, want) != 0 || n != (int)strlen(want);
	n = fe_snprintf(got, 8, "%s and more", "a long text");
	bad += n != 20 || strcmp(got, "a long ") != 0;
	is_int(bad, 0, "fe_snprintf prints the library's messages as snprintf does");
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#endif
	fe_snprintf(got, sizeof got, "%5d %g %", 1, 2.0);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
	is_string(got, "%5d %g %", "and copies what it does not know");
}

int
main(void)
{
	const char *big = getenv("FERRUM_NUM_BIG");
	unsigned long scale = big != NULL ? strtoul(big, NULL, 10) : 1;
	clock_t t0;

	if (scale == 0)
		scale = 1;
	plan_lazy();
	test_messages();
	test_grammar();
	t0 = clock();
	test_edges();
	test_random(200000 * scale);
	diag("random: %.2f s", (double)(clock() - t0) / CLOCKS_PER_SEC);
	t0 = clock();
	test_halfway(10000 * scale);
	diag("halfway: %.2f s", (double)(clock() - t0) / CLOCKS_PER_SEC);
	t0 = clock();
	test_shortest(1000000 * scale);
	diag("shortest: %.2f s", (double)(clock() - t0) / CLOCKS_PER_SEC);
	t0 = clock();
	test_printf(100000 * scale);
	diag("printf: %.2f s", (double)(clock() - t0) / CLOCKS_PER_SEC);
	diag("%lu strings parsed both ways", checked);
	return done_testing();
}

/* norm.c: the normaliser's "mean,std;..." text: decoding, rejections, encoding.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static char *
encode(const float *mean, const float *std, size_t n)
{
	fe_norm nm;
	fe_buf b;

	nm.n = n;
	nm.mean = (float *)mean;
	nm.std = (float *)std;
	fe_buf_init(&b);
	fe_norm_write(&b, &nm);
	return fe_buf_take(&b, NULL);
}

static void
test_encode(void)
{
	/* Exact binary values whose 8-decimal rounding is known by hand:
	 * 1/512 = 0.001953125 is a tie and rounds to even, 0.00195312. */
	float mean[] = { 1.0f / 512, -0.0f, 207606.515625f, -119.578979492f, -1e-9f };
	float std[] = { 0.5f, 1.0f, 3.25f, 0.0009765625f, 2.0f };
	float nan_mean[] = { NAN, INFINITY };
	float nan_std[] = { -INFINITY, 1.0f };
	char *t;

	t = encode(mean, std, 5);
	is_string(t,
	          "0.00195312,0.50000000;-0.00000000,1.00000000;207606.51562500,3.25000000;"
	          "-119.57897949,0.00097656;-0.00000000,2.00000000",
	          "fixed 8 decimals, ties to even, negative zero keeps its sign");
	free(t);
	t = encode(nan_mean, nan_std, 2);
	is_string(t, "NaN,-inf;inf,1.00000000", "NaN and infinities are spelt as the original does");
	free(t);
}

static const struct {
	const char *text;
	size_t pairs;
	float mean0, std_last;
} good[] = {
	{ "1,2", 1, 1.0f, 2.0f },
	{ "5.,.5", 1, 5.0f, 0.5f },
	{ "+1e2,-2.5E-1", 1, 100.0f, -0.25f },
	{ "0.00195312,1;3,4;5,6", 3, 0.00195312f, 6.0f },
	{ "inf,INFINITY", 1, INFINITY, INFINITY },
	{ "-Inf,1", 1, -INFINITY, 1.0f },
	{ "1e40,1", 1, INFINITY, 1.0f },
};

static const struct {
	const char *text;
	long long at;
	const char *why;
} bad[] = {
	{ "", 0, "empty string" },
	{ "1,2;", 4, "trailing ';'" },
	{ ";1,2", 0, "leading ';'" },
	{ "1,2;;3,4", 4, "empty pair" },
	{ "1;2", 0, "no comma" },
	{ "1,2,3", 0, "two commas" },
	{ "1, 2", 2, "space after the comma" },
	{ " 1,2", 0, "leading space" },
	{ "1,2 ", 2, "trailing space" },
	{ "0x10,1", 0, "hex" },
	{ "1_000,1", 0, "underscore" },
	{ ".,1", 0, "a lone point" },
	{ "1e,1", 0, "empty exponent" },
	{ "e5,1", 0, "exponent without digits" },
	{ "nan(1),1", 0, "NaN payload syntax" },
	{ "infin,1", 0, "cut infinity" },
	{ "1,", 2, "empty std" },
	{ ",1", 0, "empty mean" },
	{ "--1,1", 0, "two signs" },
};

static void
test_decode(void)
{
	size_t i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		fe_norm n;
		ferrum_error err;
		int rc = fe_norm_parse(good[i].text, strlen(good[i].text), &n, &err);

		if (!is_int(rc, 0, "accepts \"%s\"", good[i].text)) {
			diag("%s", err.message);
			continue;
		}
		is_int((long long)n.n, (long long)good[i].pairs, "\"%s\": pairs", good[i].text);
		ok(n.mean[0] == good[i].mean0 && n.std[n.n - 1] == good[i].std_last,
		   "\"%s\": values", good[i].text);
		fe_norm_free(&n);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		fe_norm n;
		ferrum_error err;
		int rc = fe_norm_parse(bad[i].text, strlen(bad[i].text), &n, &err);

		is_int(rc, FERRUM_EFORMAT, "rejects %s", bad[i].why);
		is_int(err.offset, bad[i].at, "%s: offset", bad[i].why);
		ok(n.mean == NULL && n.n == 0, "%s: nothing left allocated", bad[i].why);
	}
	{
		fe_norm n;
		ferrum_error err;
		int rc = fe_norm_parse("nan,-NaN", 8, &n, &err);

		ok(rc == 0 && isnan(n.mean[0]) && isnan(n.std[0]) && signbit(n.std[0]),
		   "NaN in any case, with its sign");
		if (rc == 0)
			fe_norm_free(&n);
	}
}

/* strtof rounds once.  The float 0x3dcccccd (0.100000001490116...) and the
 * next one up, 0x3dccccce, have the midpoint 0.1000000052154064178466796875,
 * which a double holds exactly.  The text below is 1e-30 less than the
 * midpoint: correctly rounded it is 0x3dcccccd, but strtod rounds it to
 * the midpoint and the cast to float then goes to the even 0x3dccccce. */
static void
test_rounding(void)
{
	const char *t = "0.100000005215406417846679687499,1";
	fe_norm n;
	ferrum_error err;
	uint32_t u = 0;

	if (fe_norm_parse(t, strlen(t), &n, &err) != 0)
		bail("%s", err.message);
	memcpy(&u, &n.mean[0], 4);
	is_int(u, 0x3dcccccd, "correctly rounded once (not via double)");
	fe_norm_free(&n);
}

/* Decode then encode gives the same text for 8-decimal input. */
static void
test_roundtrip(void)
{
	const char *t = "14.85630894,2.87279510;0.00000000,1.00000000;-0.00000000,0.00195312;"
	                "340282346638528859811704183484516925440.00000000,1.00000000";
	fe_norm n;
	ferrum_error err;
	fe_buf b;
	char *s;

	if (fe_norm_parse(t, strlen(t), &n, &err) != 0)
		bail("%s", err.message);
	fe_buf_init(&b);
	fe_norm_write(&b, &n);
	s = fe_buf_take(&b, NULL);
	is_string(s, t, "decode then encode reproduces the text");
	free(s);
	fe_norm_free(&n);
}

int
main(void)
{
	plan_lazy();
	test_encode();
	test_decode();
	test_rounding();
	test_roundtrip();
	return done_testing();
}

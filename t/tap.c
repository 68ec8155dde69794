/* tap.c: the TAP producer behind t/tap.h.
 * SPDX-License-Identifier: MIT */
#include "tap.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int tap_count;  /* tests run so far */
static int tap_failed; /* of which failed */
static int tap_lazy;   /* plan printed at the end */

void
plan(int n)
{
	printf("1..%d\n", n);
	fflush(stdout);
}

void
plan_lazy(void)
{
	tap_lazy = 1;
}

int
done_testing(void)
{
	if (tap_lazy)
		printf("1..%d\n", tap_count);
	fflush(stdout);
	return tap_failed != 0;
}

void
skip_all(const char *fmt, ...)
{
	va_list ap;

	printf("1..0 # SKIP ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	exit(0);
}

void
bail(const char *fmt, ...)
{
	va_list ap;

	printf("Bail out! ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	exit(255);
}

void
diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

void
skip(int n, const char *fmt, ...)
{
	va_list ap;
	int i;

	for (i = 0; i < n; i++) {
		printf("ok %d # SKIP ", ++tap_count);
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
}

static int vreport(int pass, const char *fmt, va_list ap) TAP_PRINTF(2, 0);

static int
vreport(int pass, const char *fmt, va_list ap)
{
	++tap_count;
	if (!pass)
		tap_failed++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_count);
	vprintf(fmt, ap);
	printf("\n");
	return pass;
}

int
ok(int cond, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vreport(cond != 0, fmt, ap);
	va_end(ap);
	return r;
}

int
is_int(long long got, long long want, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vreport(got == want, fmt, ap);
	va_end(ap);
	if (!r)
		diag("     got: %lld\n#   wanted: %lld", got, want);
	return r;
}

int
is_double(double got, double want, double eps, const char *fmt, ...)
{
	va_list ap;
	int pass, r;

	if (isnan(got) || isnan(want))
		pass = isnan(got) && isnan(want);
	else if (eps == 0)
		pass = got == want;
	else
		pass = fabs(got - want) <= eps;
	va_start(ap, fmt);
	r = vreport(pass, fmt, ap);
	va_end(ap);
	if (!r)
		diag("     got: %.17g\n#   wanted: %.17g (+- %g)", got, want, eps);
	return r;
}

int
is_string(const char *got, const char *want, const char *fmt, ...)
{
	va_list ap;
	int pass, r;

	pass = (got == NULL && want == NULL) ||
	       (got != NULL && want != NULL && strcmp(got, want) == 0);
	va_start(ap, fmt);
	r = vreport(pass, fmt, ap);
	va_end(ap);
	if (!r)
		diag("     got: '%s'\n#   wanted: '%s'", got ? got : "(null)", want ? want : "(null)");
	return r;
}

int
is_blob(const void *got, size_t got_len, const void *want, size_t want_len, const char *fmt, ...)
{
	va_list ap;
	size_t i, n;
	int pass, r;

	pass = got_len == want_len && (got_len == 0 || memcmp(got, want, got_len) == 0);
	va_start(ap, fmt);
	r = vreport(pass, fmt, ap);
	va_end(ap);
	if (!r) {
		n = got_len < want_len ? got_len : want_len;
		for (i = 0; i < n && ((const unsigned char *)got)[i] == ((const unsigned char *)want)[i]; i++)
			;
		diag("     got %zu bytes, wanted %zu; first difference at byte %zu", got_len, want_len, i);
	}
	return r;
}

const char *
tap_env_dir(const char *var)
{
	const char *d = getenv(var);

	return d != NULL && *d != '\0' ? d : NULL;
}

char *
tap_slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, got;

	if (fp == NULL)
		bail("cannot open %s", path);
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = cap ? cap * 2 : 8192;
			buf = realloc(buf, cap);
			if (buf == NULL)
				bail("out of memory reading %s", path);
		}
		got = fread(buf + n, 1, cap - n - 1, fp);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(fp))
		bail("cannot read %s", path);
	fclose(fp);
	buf[n] = '\0';
	if (len != NULL)
		*len = n;
	return buf;
}

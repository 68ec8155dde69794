/* norm.c: the z-score normaliser and its "mean,std;mean,std" text encoding.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void
fe_norm_free(fe_norm *n)
{
	if (n == NULL)
		return;
	free(n->mean);
	free(n->std);
	n->mean = NULL;
	n->std = NULL;
	n->n = 0;
}

static int
ieq(const char *s, size_t len, const char *word)
{
	size_t i;

	if (strlen(word) != len)
		return 0;
	for (i = 0; i < len; i++) {
		char c = s[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != word[i])
			return 0;
	}
	return 1;
}

/* 1 if @s is a number in the grammar of the original engine's float
 * parser: [+-] then inf, infinity or nan in any case, or digits with an
 * optional '.' (at least one digit on either side) and an optional
 * exponent.  Everything else, spaces, hex and '_' included, is refused. */
static int
valid_number(const char *s, size_t len)
{
	size_t i = 0, digits = 0;

	if (i < len && (s[i] == '+' || s[i] == '-'))
		i++;
	if (ieq(s + i, len - i, "inf") || ieq(s + i, len - i, "infinity") ||
	    ieq(s + i, len - i, "nan"))
		return 1;
	while (i < len && s[i] >= '0' && s[i] <= '9') {
		i++;
		digits++;
	}
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && s[i] >= '0' && s[i] <= '9') {
			i++;
			digits++;
		}
	}
	if (digits == 0)
		return 0;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= len || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < len && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == len;
}

static int
parse_number(const char *s, size_t len, float *out)
{
	size_t i = 0;
	int neg = 0;

	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		i++;
	}
	/* strtof would also take "nan(...)" and hex; the grammar check ran
	 * first, so only the plain spellings reach it.  NaN is spelt out so
	 * that its sign is what the text says. */
	if (ieq(s + i, len - i, "nan")) {
		*out = neg ? -NAN : NAN;
		return 0;
	}
	return fe_strtof_c(s, len, out);
}

int
fe_norm_parse(const char *s, size_t len, fe_norm *out, ferrum_error *err)
{
	size_t pairs = 1, i, k, start;
	int rc;

	out->n = 0;
	out->mean = NULL;
	out->std = NULL;
	if (len == 0)
		return fe_error_at(err, FERRUM_EFORMAT, 0, "normaliser is empty");
	for (i = 0; i < len; i++)
		pairs += s[i] == ';';
	/* Each pair takes at least 4 bytes ("0,0;"), so pairs <= len. */
	out->mean = fe_alloc_array(pairs, sizeof *out->mean);
	out->std = fe_alloc_array(pairs, sizeof *out->std);
	if (out->mean == NULL || out->std == NULL) {
		fe_norm_free(out);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	for (k = 0, start = 0; k < pairs; k++) {
		size_t end = start, comma = len, commas = 0;

		while (end < len && s[end] != ';') {
			if (s[end] == ',') {
				commas++;
				if (comma == len)
					comma = end;
			}
			end++;
		}
		if (commas != 1) {
			rc = fe_error_at(err, FERRUM_EFORMAT, (long long)start,
			                 "normaliser pair %zu is not \"mean,std\" (%zu commas)", k + 1,
			                 commas);
			fe_norm_free(out);
			return rc;
		}
		if (!valid_number(s + start, comma - start)) {
			rc = fe_error_at(err, FERRUM_EFORMAT, (long long)start,
			                 "normaliser pair %zu: bad mean \"%.*s\"", k + 1,
			                 (int)(comma - start > 40 ? 40 : comma - start), s + start);
			fe_norm_free(out);
			return rc;
		}
		if (!valid_number(s + comma + 1, end - comma - 1)) {
			rc = fe_error_at(err, FERRUM_EFORMAT, (long long)comma + 1,
			                 "normaliser pair %zu: bad std \"%.*s\"", k + 1,
			                 (int)(end - comma - 1 > 40 ? 40 : end - comma - 1),
			                 s + comma + 1);
			fe_norm_free(out);
			return rc;
		}
		if (parse_number(s + start, comma - start, &out->mean[k]) != 0 ||
		    parse_number(s + comma + 1, end - comma - 1, &out->std[k]) != 0) {
			fe_norm_free(out);
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		}
		start = end + 1;
	}
	out->n = pairs;
	return 0;
}

/* One number the way the original engine prints it: fixed 8 decimals,
 * NaN as "NaN", infinities as "inf" and "-inf". */
static void
put_number(fe_buf *b, float f)
{
	char t[64];

	if (isnan(f)) {
		fe_buf_puts(b, "NaN");
		return;
	}
	if (isinf(f)) {
		fe_buf_puts(b, f < 0 ? "-inf" : "inf");
		return;
	}
	/* The largest float has 39 integer digits: 50 bytes at most. */
	fe_snprintf_c(t, sizeof t, "%.8f", (double)f);
	fe_buf_puts(b, t);
}

void
fe_norm_write(fe_buf *b, const fe_norm *n)
{
	size_t i;

	for (i = 0; i < n->n; i++) {
		if (i > 0)
			fe_buf_putc(b, ';');
		put_number(b, n->mean[i]);
		fe_buf_putc(b, ',');
		put_number(b, n->std[i]);
	}
}

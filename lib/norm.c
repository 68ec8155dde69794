/* norm.c: the z-score normaliser and its "mean,std;mean,std" text encoding.
 * SPDX-License-Identifier: MIT */
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
		/* The original engine's float grammar, which the CSV reader
		 * implements: no spaces, hex or '_'; inf and NaN spelled out. */
		if (ferrum_parse_float(s + start, comma - start, &out->mean[k]) != FERRUM_OK) {
			rc = fe_error_at(err, FERRUM_EFORMAT, (long long)start,
			                 "normaliser pair %zu: bad mean \"%.*s\"", k + 1,
			                 (int)(comma - start > 40 ? 40 : comma - start), s + start);
			fe_norm_free(out);
			return rc;
		}
		if (ferrum_parse_float(s + comma + 1, end - comma - 1, &out->std[k]) != FERRUM_OK) {
			rc = fe_error_at(err, FERRUM_EFORMAT, (long long)comma + 1,
			                 "normaliser pair %zu: bad std \"%.*s\"", k + 1,
			                 (int)(end - comma - 1 > 40 ? 40 : end - comma - 1),
			                 s + comma + 1);
			fe_norm_free(out);
			return rc;
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
	if (isnan(f)) {
		fe_buf_puts(b, "NaN");
		return;
	}
	if (isinf(f)) {
		fe_buf_puts(b, f < 0 ? "-inf" : "inf");
		return;
	}
	fe_num_put_fixed(b, (double)f, 8);
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

/* fuzz-csv.c: libFuzzer harness for the CSV reader, the number parser, the
 * table reader and the column summaries.
 * SPDX-License-Identifier: MIT
 *
 * The same bytes go through the in-place buffer reader and through the
 * streaming reader fed in small uneven chunks; both must see the same
 * records, fields and errors, so a bug at a refill boundary shows up as a
 * difference even when it does not touch memory it should not.  The
 * promises of ferrum.h are checked on every field: NUL-terminated, no NUL
 * inside, valid UTF-8. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrum-internal.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, long long line)
{
	fprintf(stderr, "fuzz-csv: %s (record at line %lld)\n", what, line);
	abort();
}

static int
valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], need, cp, min;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, cp = c & 0x1F, min = 0x80;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, cp = c & 0x0F, min = 0x800;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, cp = c & 0x07, min = 0x10000;
		else
			return 0;
		if (n - i <= need)
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += need + 1;
	}
	return 1;
}

static void
check_field(const char *f, size_t len, long long line)
{
	float v;
	int ok;

	if (f == NULL)
		fail("field in range is NULL", line);
	if (f[len] != '\0' || strlen(f) != len)
		fail("field not NUL-terminated at its length, or holds a NUL", line);
	if (!valid_utf8((const unsigned char *)f, len))
		fail("field is not valid UTF-8", line);
	ok = ferrum_parse_float(f, len, &v) == FERRUM_OK;
	if (ok != ferrum_is_number(f, len))
		fail("ferrum_is_number disagrees with ferrum_parse_float", line);
	if (ok && v == v) {
		/* the number layer both ways: its shortest text reads back */
		char t[FERRUM_FLOAT_TEXT_MAX];
		size_t n = ferrum_format_float(t, sizeof t, v);
		float back;

		if (n == 0 || ferrum_parse_float(t, n, &back) != FERRUM_OK ||
		    memcmp(&back, &v, sizeof v) != 0)
			fail("a parsed number does not read back from its shortest text", line);
	}
	(void)ferrum_is_missing(f, len);
}

static void
compare(ferrum_csv *a, ferrum_csv *b)
{
	for (;;) {
		int ra = ferrum_csv_next(a), rb = ferrum_csv_next(b);
		long long line = ferrum_csv_line(a);
		size_t n, i, la, lb;
		const char *fa, *fb;

		if (ra != rb) {
			fprintf(stderr, "buffer: %d %s; stream: %d %s\n", ra,
			        ferrum_csv_error(a)->message, rb, ferrum_csv_error(b)->message);
			fail("buffer and stream readers disagree on the status", line);
		}
		if (ra < 0) {
			const ferrum_error *ea = ferrum_csv_error(a), *eb = ferrum_csv_error(b);
			if (ea->code != ra || ea->message[0] == '\0')
				fail("an error without its code or message", line);
			/* Over both limits at once, which one trips first may
			 * depend on the chunking: then only the line must agree. */
			if (ea->line != eb->line ||
			    (ra != FERRUM_ERANGE && (ea->column != eb->column ||
			                             strcmp(ea->message, eb->message) != 0))) {
				fprintf(stderr, "buffer: %s\nstream: %s\n", ea->message, eb->message);
				fail("buffer and stream readers report another error", line);
			}
			if (ea->code == FERRUM_EINPUT && ea->line < 1)
				fail("an input error without a line", line);
			/* Errors are sticky. */
			if (ferrum_csv_next(a) != ra)
				fail("the error did not stick", line);
			return;
		}
		if (ra == 0)
			return;
		if (line != ferrum_csv_line(b) || line < 1)
			fail("buffer and stream readers disagree on the line", line);
		n = ferrum_csv_nfields(a);
		if (n < 1 || n != ferrum_csv_nfields(b))
			fail("field counts disagree (or are 0)", line);
		for (i = 0; i < n; i++) {
			fa = ferrum_csv_field(a, i, &la);
			fb = ferrum_csv_field(b, i, &lb);
			check_field(fa, la, line);
			if (fb == NULL || la != lb || memcmp(fa, fb, la) != 0)
				fail("buffer and stream readers disagree on a field", line);
		}
		if (ferrum_csv_field(a, n, NULL) != NULL)
			fail("a field past the end is not NULL", line);
		fa = ferrum_csv_record(a, &la);
		fb = ferrum_csv_record(b, &lb);
		if (la != lb || (la > 0 && memcmp(fa, fb, la) != 0))
			fail("buffer and stream readers disagree on the raw record", line);
		if (la > 0 && (fa[la - 1] == '\n'))
			fail("the raw record keeps its line end", line);
	}
}

/* A real table's schema numbers the inputs in column order, one run per
 * column, covering the features; the gaps are filled for a fit. */
static void
table_schema(const ferrum_table *t)
{
	const ferrum_schema *s = ferrum_table_schema(t);
	size_t j, next = 0, nr = ferrum_table_n_rows(t), nf = ferrum_table_n_features(t);
	size_t *rows;
	fe_fit_data d;
	ferrum_error err;

	if (s == NULL)
		return;
	for (j = 0; j < ferrum_schema_n_columns(s); j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);

		if (c->n_inputs == 0)
			continue;
		if (c->input != next)
			fail("a schema's inputs out of order", -1);
		next += c->n_inputs;
	}
	if (next != nf || ferrum_schema_n_inputs(s) != nf)
		fail("a schema's inputs do not cover the features", -1);
	if (nr == 0 || nf == 0 || (rows = malloc(nr * sizeof *rows)) == NULL)
		return;
	for (j = 0; j < nr; j++)
		rows[j] = j;
	/* (Huge values may still overflow the normaliser into NaN: only the
	 * fill's memory and arithmetic are exercised here.) */
	if (fe_fit_data_new(t, rows, nr, &d, &err) == FERRUM_OK)
		fe_fit_data_free(&d);
	free(rows);
}

static void
table(const uint8_t *data, size_t size)
{
	ferrum_table_options o;
	ferrum_table *t = NULL;
	ferrum_csv *c = NULL;
	ferrum_error err;
	size_t i, sink = 0;

	ferrum_error_clear(&err);
	if (ferrum_csv_new_buffer(&c, (const char *)data, size, &err) != FERRUM_OK)
		return;
	ferrum_table_options_init(&o);
	switch (size % 5) {
	case 1: o.target = "1"; break;
	case 2: o.task = FERRUM_TASK_REGRESSION; break;
	case 3: o.task = FERRUM_TASK_CLASSIFICATION; o.strict_ferrum = 1; break;
	default: break;
	}
	/* The real-table options, in a second cycle of their own. */
	switch (size % 7) {
	case 1: o.ignore = "1"; break;
	case 2: o.categorical = "1,2"; break;
	case 3: o.na = "x,,0"; o.max_levels = 1; break;
	case 4: o.header = 1; break;
	case 5: o.header = 0; o.max_levels = 2; break;
	default: break;
	}
	if (ferrum_table_read(c, &o, &t, &err) == FERRUM_OK) {
		size_t nr = ferrum_table_n_rows(t), nf = ferrum_table_n_features(t);
		size_t nc = ferrum_table_n_classes(t);
		const float *x = ferrum_table_features(t);
		const float *y = ferrum_table_targets(t);
		const uint32_t *lab = ferrum_table_labels(t);

		if (nr == 0)
			fail("a table without rows", -1);
		for (i = 0; i < nf; i++)
			sink += strlen(ferrum_table_feature_name(t, i));
		sink += strlen(ferrum_table_target_name(t)) + ferrum_table_target_column(t);
		sink += (size_t)ferrum_table_has_header(t);
		for (i = 0; i < nc; i++)
			sink += strlen(ferrum_table_class_name(t, i)) + ferrum_table_class_count(t, i);
		if (nr > 0 && nf > 0)
			sink += x[nr * nf - 1] > 0.0f;
		for (i = 0; i < nr; i++) {
			if (lab != NULL && lab[i] >= nc)
				fail("a label outside the classes", ferrum_table_row_line(t, i));
			if (y != NULL)
				sink += y[i] > 0.0f;
			sink += (size_t)ferrum_table_row_line(t, i);
		}
		table_schema(t);
		ferrum_table_free(t);
	} else if (err.message[0] == '\0') {
		fail("a table error without a message", -1);
	}
	ferrum_csv_free(c);
	if (sink == (size_t)-1)
		abort();
}

/* The column summaries of finf-stats --describe, and their promises:
 * every row counted once per column, ordered quartiles, counts within
 * bounds, both writers succeed. */
static void
summary(const uint8_t *data, size_t size)
{
	ferrum_summary *s = NULL;
	ferrum_csv *c = NULL;
	ferrum_error err;
	char *text;
	size_t j, len;

	ferrum_error_clear(&err);
	if (ferrum_csv_new_buffer(&c, (const char *)data, size, &err) != FERRUM_OK)
		return;
	if (ferrum_summary_read(c, &s, &err) == FERRUM_OK) {
		size_t rows = ferrum_summary_n_rows(s);

		for (j = 0; j < ferrum_summary_n_columns(s); j++) {
			const ferrum_column_summary *k = ferrum_summary_column(s, j);

			if (k->count + k->missing != rows)
				fail("a summary that loses rows", -1);
			if (k->distinct > k->count || k->top_count > k->count ||
			    (k->top != NULL) != (k->top_count > 0))
				fail("a summary's counts out of bounds", -1);
			if (k->numeric && !(k->min <= k->q1 && k->q1 <= k->median &&
			                    k->median <= k->q3 && k->q3 <= k->max))
				fail("unordered quartiles", -1);
			if (k->numeric && k->top != NULL)
				fail("a numeric column with a most frequent value", -1);
		}
		if (ferrum_summary_column(s, j) != NULL)
			fail("a column past the end", -1);
		if (ferrum_summary_json(s, &text, &len) != FERRUM_OK || strlen(text) != len)
			fail("summary JSON", -1);
		ferrum_free(text);
		if (ferrum_summary_text(s, FERRUM_TEXT_COLOR, &text, &len) != FERRUM_OK ||
		    len == 0)
			fail("summary text", -1);
		ferrum_free(text);
		ferrum_summary_free(s);
	} else if (err.message[0] == '\0') {
		fail("a summary error without a message", -1);
	}
	ferrum_csv_free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ferrum_csv *a = NULL, *b = NULL;
	fuzz_feeder f = {data, size, 0, 0};
	ferrum_error err;

	ferrum_error_clear(&err);
	if (ferrum_csv_new_buffer(&a, (const char *)data, size, &err) != FERRUM_OK)
		return 0;
	if (ferrum_csv_new(&b, fuzz_feed, &f, &err) != FERRUM_OK) {
		ferrum_csv_free(a);
		return 0;
	}
	/* Small limits now and then, to reach the limit paths. */
	if (size % 8 == 7) {
		ferrum_csv_set_limits(a, 64, 5);
		ferrum_csv_set_limits(b, 64, 5);
	}
	/* Every delimiter, and detected. */
	{
		static const int delims[] = { ',', ';', '\t', '|', FERRUM_CSV_SPACES, FERRUM_CSV_AUTO };
		int d = delims[(size / 8) % 6];

		if (ferrum_csv_set_delimiter(a, d) != FERRUM_OK ||
		    ferrum_csv_set_delimiter(b, d) != FERRUM_OK)
			fail("a delimiter refused", 0);
	}
	/* Comment lines at the start skipped, as the real-table readers ask. */
	if (size % 3 == 1) {
		fe_csv_set_comments(a, 1);
		fe_csv_set_comments(b, 1);
	}
	compare(a, b);
	if (ferrum_csv_delimiter(a) != ferrum_csv_delimiter(b))
		fail("buffer and stream readers sniffed different delimiters", 0);
	ferrum_csv_free(a);
	ferrum_csv_free(b);
	table(data, size);
	summary(data, size);
	/* Rows for a model, as finf-predict reads them (CSV or, by the first
	 * byte, JSON Lines). */
	fuzz_rows(data, size, size % 2 ? FERRUM_ROWS_AUTO : FERRUM_ROWS_CSV);
	return 0;
}

/* fuzz-schema.c: libFuzzer harness for the "schema" member of model metadata.
 * SPDX-License-Identifier: MIT
 *
 * The input is model metadata, as a model file carries it: its feature
 * names and its "schema" member go to fe_schema_parse(), as
 * ferrum_schema_from_model() does.  What is accepted must write back to a
 * member that parses again and writes the same bytes (write -> parse ->
 * write is stable), every input must have its feature name, and rows made
 * from the schema's own levels and values, and from junk, must encode
 * without a crash.  The bytes are also read as an ISO 8601 date. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrum-internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-schema: %s%s%s\n", what, detail != NULL ? ": " : "",
	        detail != NULL ? detail : "");
	abort();
}

static int
parse_member(const char *text, size_t len, char *const *names, size_t n, ferrum_schema **out,
             ferrum_error *err)
{
	fe_json *v;
	int rc;

	*out = NULL;
	rc = fe_json_parse(text, len, &v, err);
	if (rc != FERRUM_OK)
		return rc;
	rc = fe_schema_parse(v, names, n, out, err);
	fe_json_free(v);
	if (rc != FERRUM_OK && (*out != NULL || err->code != rc || err->message[0] == '\0'))
		fail("a refusal without its status or message, or with a schema", NULL);
	if (rc != FERRUM_OK && rc != FERRUM_EFORMAT && rc != FERRUM_ENOMEM)
		fail("a refusal that is not FERRUM_EFORMAT", err->message);
	return rc;
}

/* Rows from the schema itself (each column's first level or median, a
 * date, gaps), with absent cells and with junk: the encoder must take a
 * row of the schema's own values and refuse the others with a message. */
static void
rows(const ferrum_schema *s)
{
	const char **cells;
	char **owned;
	size_t *lens, j, r;
	float *x;

	if (s->n_cols > 4096 || s->n_inputs > 65536)
		return;
	cells = calloc(s->n_cols, sizeof *cells);
	owned = calloc(s->n_cols, sizeof *owned);
	lens = calloc(s->n_cols, sizeof *lens);
	x = calloc(s->n_inputs ? s->n_inputs : 1, sizeof *x);
	if (cells == NULL || owned == NULL || lens == NULL || x == NULL)
		goto out;
	for (r = 0; r < 4; r++) {
		ferrum_error err;
		unsigned u;
		int rc;

		for (j = 0; j < s->n_cols; j++) {
			const ferrum_column *c = &s->cols[j];
			char num[FE_NUM_TEXT_MAX];

			switch (r) {
			case 0:
				cells[j] = "x";
				if (c->kind == FERRUM_COLUMN_CATEGORICAL)
					cells[j] = c->n_levels > 0 ? c->levels[0] : "";
				else if (c->kind == FERRUM_COLUMN_DATE)
					cells[j] = "2001-02-03T04:05:06.7+08:00";
				else if (c->kind == FERRUM_COLUMN_NUMERIC) {
					num[fe_num_shortest_float(num, c->median)] = '\0';
					cells[j] = owned[j] = fe_strdup(num);
				}
				break;
			case 1: cells[j] = NULL; break;
			case 2: cells[j] = ""; break;
			default: cells[j] = j % 2 ? "zz" : "1e400"; break;
			}
			lens[j] = cells[j] != NULL ? strlen(cells[j]) : 0;
		}
		ferrum_error_clear(&err);
		rc = fe_schema_encode(s, cells, lens, r == 2 ? FE_ENCODE_NAN : 0, x, &u, &err);
		if (rc != FERRUM_OK && (err.code != rc || err.message[0] == '\0'))
			fail("an encoding refusal without its message", NULL);
		if (r == 0 && rc != FERRUM_OK && rc != FERRUM_ENOMEM)
			fail("a row of the schema's own values is refused", err.message);
		for (j = 0; j < s->n_cols; j++) {
			free(owned[j]);
			owned[j] = NULL;
		}
	}
out:
	free(cells);
	free(owned);
	free(lens);
	free(x);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fe_meta m;
	ferrum_schema *s = NULL, *t = NULL;
	ferrum_error err;
	fe_buf a, b;
	const char *member = NULL;
	size_t i;
	int rc;

	/* The same bytes as a date: one that reads is a day of years 0..9999. */
	{
		double d = 0.0;

		if (fe_date_parse((const char *)data, size, &d) == 0 &&
		    !(d >= -719529.0 && d <= 2932898.0))
			fail("a date outside years 0..9999", NULL);
	}
	ferrum_error_clear(&err);
	if (fe_meta_parse((const char *)data, size, &m, &err) != FERRUM_OK)
		return 0;
	for (i = 0; i < m.n_extra; i++)
		if (strcmp(m.extra_keys[i], "schema") == 0)
			member = m.extra_values[i];
	fe_buf_init(&a);
	fe_buf_init(&b);
	if (member == NULL)
		goto out;
	rc = parse_member(member, strlen(member), m.feature_names, m.n_features, &s, &err);
	if (rc != FERRUM_OK)
		goto out;
	if (s->n_inputs != m.n_features)
		fail("an accepted schema with another input count", member);
	for (i = 0; i < s->n_inputs; i++) {
		fe_buf_init(&a);
		fe_schema_input_name(&a, s, i);
		fe_buf_putc(&a, '\0');
		if (!a.failed && strcmp(a.data, m.feature_names[i]) != 0)
			fail("an input whose name is not the feature's", a.data);
		fe_buf_free(&a);
	}
	fe_schema_write(&a, s);
	if (a.failed)
		goto out;
	rc = parse_member(a.data, a.len, m.feature_names, m.n_features, &t, &err);
	if (rc == FERRUM_ENOMEM)
		goto out;
	if (rc != FERRUM_OK)
		fail("the written member does not parse back", err.message);
	fe_schema_write(&b, t);
	if (!b.failed && (a.len != b.len || memcmp(a.data, b.data, a.len) != 0))
		fail("write -> parse -> write is not stable", a.data);
	{
		ferrum_schema *c = fe_schema_copy(s);

		fe_buf_free(&b);
		fe_buf_init(&b);
		if (c != NULL) {
			fe_schema_write(&b, c);
			if (!b.failed && (a.len != b.len || memcmp(a.data, b.data, a.len) != 0))
				fail("a copy writes other bytes", a.data);
		}
		ferrum_schema_free(c);
	}
	rows(s);
out:
	fe_buf_free(&a);
	fe_buf_free(&b);
	ferrum_schema_free(s);
	ferrum_schema_free(t);
	fe_meta_free(&m);
	return 0;
}

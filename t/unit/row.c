/* row.c: mapping CSV records and JSON Lines onto a model's features.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static ferrum_model *model;

/* Features a, b, c; a zero-weight softmax classifier. */
static ferrum_model *
make_model(void)
{
	static const char norm[] = "0,1;0,1;0,1";
	static const char meta[] =
		"{\"dataset_name\":\"t\",\"task\":\"classification\","
		"\"feature_names\":[\"a\",\"b\",\"c\"],\"feature_ranges\":[[0,1],[0,1],[0,1]],"
		"\"class_names\":[\"x\",\"y\"],\"target_name\":\"\",\"target_range\":[0,1],"
		"\"input_dim\":3,\"output_dim\":2}";
	fe_norm n;
	fe_meta m;
	fe_net net;
	ferrum_model *out = NULL;
	ferrum_error err;

	memset(&net, 0, sizeof net);
	if (fe_norm_parse(norm, strlen(norm), &n, &err) != 0 ||
	    fe_meta_parse(meta, strlen(meta), &m, &err) != 0)
		bail("%s", err.message);
	net.n_layers = 2;
	net.layers = calloc(2, sizeof *net.layers);
	net.layers[0].kind = FERRUM_LAYER_LINEAR;
	net.layers[0].in = 3;
	net.layers[0].out = 2;
	net.layers[0].w = calloc(6, sizeof(float));
	net.layers[0].b = calloc(2, sizeof(float));
	net.layers[1].kind = FERRUM_LAYER_ACTIVATION;
	net.layers[1].act = FERRUM_ACT_SOFTMAX;
	if (fe_model_assemble(&out, &n, &m, &net, &err) != 0)
		bail("%s", err.message);
	return out;
}

static int
row_is(const float *x, float a, float b, float c)
{
	return x[0] == a && x[1] == b && x[2] == c;
}

/* A CSV reader over a string, advanced to its first record. */
static ferrum_csv *
csv_at_first(const char *text)
{
	ferrum_csv *c;

	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK ||
	    ferrum_csv_next(c) != 1)
		bail("csv");
	return c;
}

static void
test_rowmap(void)
{
	static const char *const names[] = {"c", "x", "a", "b"};
	static const char *const missing[] = {"a", "c", "z"};
	static const char *const twice[] = {"a", "b", "c", "a"};
	ferrum_rowmap *map;
	ferrum_error err;
	ferrum_csv *csv;
	float x[3];
	int header;

	is_int(ferrum_rowmap_new(model, names, 4, &map, &err), FERRUM_OK, "by name, any order");
	is_int((long long)ferrum_rowmap_n_fields(map), 4, "fields expected: 4");
	csv = csv_at_first("3,9,1,2\n");
	is_int(ferrum_rowmap_fill(map, csv, x, &err), FERRUM_OK, "fill");
	ok(row_is(x, 1, 2, 3), "columns reordered, extra column ignored");
	ferrum_csv_free(csv);
	ferrum_rowmap_free(map);

	is_int(ferrum_rowmap_new(model, missing, 3, &map, &err), FERRUM_EINPUT, "missing feature");
	is_string(err.message, "missing feature 'b'", "the message names it");
	ok(map == NULL, "no map on error");
	is_int(ferrum_rowmap_new(model, twice, 4, &map, &err), FERRUM_EINPUT, "column twice");
	is_string(err.message, "column 'a' appears twice (fields 1 and 4)", "message");
	is_int(ferrum_rowmap_new(model, NULL, 2, &map, &err), FERRUM_EINPUT,
	       "positional needs the feature count");
	is_string(err.message, "expected 3 fields, got 2", "message");

	/* A header, matched by name, from the CSV reader itself. */
	csv = csv_at_first("b,junk,c,a\n2,x,3,1\n");
	is_int(ferrum_rowmap_from_csv(model, csv, &map, &header, &err), FERRUM_OK, "from a header");
	is_int(header, 1, "it is a header");
	ferrum_csv_next(csv);
	is_int(ferrum_rowmap_fill(map, csv, x, &err), FERRUM_OK, "fill past a text column");
	ok(row_is(x, 1, 2, 3), "values by name");
	ferrum_rowmap_free(map);
	ferrum_csv_free(csv);

	csv = csv_at_first("1,2,3\n");
	is_int(ferrum_rowmap_from_csv(model, csv, &map, &header, &err), FERRUM_OK, "all numbers");
	is_int(header, 0, "no header: positional");
	is_int(ferrum_rowmap_fill(map, csv, x, &err), FERRUM_OK, "the first record is data");
	ok(row_is(x, 1, 2, 3), "values by position");
	ferrum_rowmap_free(map);
	ferrum_csv_free(csv);

	csv = csv_at_first("1,2\n");
	is_int(ferrum_rowmap_from_csv(model, csv, &map, &header, &err), FERRUM_EINPUT,
	       "positional with too few fields");
	is_int(err.line, 1, "line of the record");
	ferrum_csv_free(csv);

	csv = csv_at_first("a,c\n");
	is_int(ferrum_rowmap_from_csv(model, csv, &map, &header, &err), FERRUM_EINPUT,
	       "header without a feature");
	is_string(err.message, "missing feature 'b'", "names it");
	ferrum_csv_free(csv);
}

static void
test_fill_errors(void)
{
	static const struct {
		const char *rec, *msg;
		long long col;
	} c[] = {
		{"1,x,3", "field 2: 'x' is not a number", 2},
		{"1,2", "expected 3 fields, got 2", -1},
		{"1,2,3,4", "expected 3 fields, got 4", -1},
		{"nan,2,3", "field 1: 'nan' is not a finite number", 1},
		{"1,inf,3", "field 2: 'inf' is not a finite number", 2},
		{"1,2,-Infinity", "field 3: '-Infinity' is not a finite number", 3},
		{"1e39,2,3", "field 1: '1e39' is out of range", 1},
		{"1,-1e39,3", "field 2: '-1e39' is out of range", 2},
		{"1,,3", "field 2: missing value", 2},
		{"1,NA,3", "field 2: missing value", 2},
		{"?,2,3", "field 1: missing value", 1},
		{"1,0x10,3", "field 2: '0x10' is not a number", 2},
		{"1,2 3,3", "field 2: '2 3' is not a number", 2},
	};
	ferrum_rowmap *map;
	ferrum_error err;
	size_t i;
	float x[3];
	char text[64];

	if (ferrum_rowmap_new(model, NULL, 3, &map, &err) != FERRUM_OK)
		bail("map");
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		ferrum_csv *csv;

		snprintf(text, sizeof text, "1,2,3\n%s\n", c[i].rec);
		csv = csv_at_first(text);
		ferrum_csv_next(csv);
		ferrum_error_clear(&err);
		is_int(ferrum_rowmap_fill(map, csv, x, &err), FERRUM_EINPUT, "'%s' refused", c[i].rec);
		is_string(err.message, c[i].msg, "'%s': message", c[i].rec);
		is_int(err.line, 2, "'%s': line", c[i].rec);
		is_int(err.column, c[i].col, "'%s': field", c[i].rec);
		ferrum_csv_free(csv);
	}
	{
		/* The largest float and the smallest subnormal are fine. */
		ferrum_csv *csv = csv_at_first("3.4028235e38,1e-45,-0\n");

		is_int(ferrum_rowmap_fill(map, csv, x, &err), FERRUM_OK, "extremes accepted");
		ok(x[0] == FLT_MAX && x[1] > 0 && x[2] == 0, "extremes read exactly");
		ferrum_csv_free(csv);
	}
	ferrum_rowmap_free(map);
}

static void
test_json(void)
{
	static const struct {
		const char *line, *msg;
	} bad[] = {
		{"{\"a\":1,\"b\":2}", "missing feature 'c'"},
		{"[1,2]", "expected 3 values, got 2"},
		{"[1,2,3,4]", "expected 3 values, got 4"},
		{"{\"a\":1,\"b\":\"2\",\"c\":3}", "'b': expected a number"},
		{"{\"a\":1,\"b\":null,\"c\":3}", "'b': missing value"},
		{"[1,2,1e39]", "value 3: '1e39' is out of range"},
		{"[1,true,3]", "value 2: expected a number"},
		{"5", "expected a JSON object or array"},
	};
	ferrum_error err;
	float x[3];
	size_t i;
	const char *s;

	s = "{\"c\":3,\"z\":\"ignored\",\"a\":1,\"b\":2}";
	is_int(ferrum_json_row(model, s, strlen(s), x, &err), FERRUM_OK, "object, keys any order");
	ok(row_is(x, 1, 2, 3), "object values by name");
	s = "[1,2.5,-3e2]";
	is_int(ferrum_json_row(model, s, strlen(s), x, &err), FERRUM_OK, "array");
	ok(row_is(x, 1, 2.5f, -300), "array values in order");
	/* Correctly rounded from the literal, not through a double. */
	s = "[0.1,16777217,1.00000005960464477539062500000001]";
	is_int(ferrum_json_row(model, s, strlen(s), x, &err), FERRUM_OK, "rounding cases");
	ok(x[0] == 0.1f && x[1] == 16777216.0f && x[2] == nextafterf(1.0f, 2.0f),
	   "each literal rounded once to float");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ferrum_error_clear(&err);
		is_int(ferrum_json_row(model, bad[i].line, strlen(bad[i].line), x, &err),
		       FERRUM_EINPUT, "%s refused", bad[i].line);
		is_string(err.message, bad[i].msg, "%s: message", bad[i].line);
	}
	s = "{\"a\":1,";
	ferrum_error_clear(&err);
	is_int(ferrum_json_row(model, s, strlen(s), x, &err), FERRUM_EINPUT, "broken JSON");
	ok(err.column > 0 && err.line == -1, "a byte column, no line");
}

/* A read callback over a string, a few bytes at a time. */
typedef struct src {
	const char *s;
	size_t len, pos, step;
} src;

static long
read_str(void *ctx, char *buf, size_t cap)
{
	src *r = ctx;
	size_t n = r->len - r->pos;

	if (n > cap)
		n = cap;
	if (n > r->step)
		n = r->step;
	memcpy(buf, r->s + r->pos, n);
	r->pos += n;
	return (long)n;
}

static void
test_reader(void)
{
	static const char csv[] = "\xEF\xBB\xBF" "c,b,a,label\n3,2,1,x\n3,oops,1,x\n6,5,4,y\n";
	static const char jsonl[] = "\n  {\"a\":1,\"b\":2,\"c\":3}\r\n\n[4,5,6]\n{\"a\":1}\n[7,8,9]";
	static const char broken[] = "a,b,c\n1,2,3\n\"4,5,6\n";
	ferrum_rowreader *r;
	ferrum_error err;
	src s;
	float x[3];
	size_t len;
	const char *rec;

	s.s = csv;
	s.len = strlen(csv);
	s.pos = 0;
	s.step = 3;
	ferrum_rowreader_new(model, FERRUM_ROWS_AUTO, read_str, &s, &r, &err);
	is_int(ferrum_rowreader_next(r, x, &err), 1, "csv: first row");
	is_int(ferrum_rowreader_format(r), FERRUM_ROWS_CSV, "auto: CSV");
	ok(row_is(x, 1, 2, 3), "csv: by name behind a BOM");
	rec = ferrum_rowreader_header(r, &len);
	is_blob(rec, len, "c,b,a,label", 11, "raw header kept");
	is_int((long long)ferrum_rowreader_n_columns(r), 4, "four columns");
	is_string(ferrum_rowreader_column(r, 3), "label", "column name");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "csv: bad row");
	is_int(err.line, 3, "on line 3");
	is_string(err.message, "field 2: 'oops' is not a number", "message");
	is_int(ferrum_rowreader_fatal(r), 0, "a bad row is not fatal");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "csv: goes on after it");
	ok(row_is(x, 4, 5, 6), "the row after");
	rec = ferrum_rowreader_record(r, &len);
	is_blob(rec, len, "6,5,4,y", 7, "raw record");
	is_int(ferrum_rowreader_next(r, x, &err), 0, "csv: end");
	ferrum_rowreader_free(r);

	s.s = jsonl;
	s.len = strlen(jsonl);
	s.pos = 0;
	s.step = 5;
	ferrum_rowreader_new(model, FERRUM_ROWS_AUTO, read_str, &s, &r, &err);
	is_int(ferrum_rowreader_next(r, x, &err), 1, "jsonl: first row");
	is_int(ferrum_rowreader_format(r), FERRUM_ROWS_JSONL, "auto: JSON Lines");
	ok(row_is(x, 1, 2, 3), "object row");
	is_int(ferrum_rowreader_line(r), 2, "after a blank line: line 2");
	rec = ferrum_rowreader_record(r, &len);
	is_blob(rec, len, "{\"a\":1,\"b\":2,\"c\":3}", 19, "record trimmed (CR too)");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "array row");
	ok(row_is(x, 4, 5, 6), "array values");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "missing key");
	is_int(err.line, 5, "line 5");
	is_string(err.message, "missing feature 'b'", "message");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "last line without a newline");
	ok(row_is(x, 7, 8, 9), "its values");
	is_int(ferrum_rowreader_next(r, x, &err), 0, "jsonl: end");
	ferrum_rowreader_free(r);

	s.s = jsonl;
	s.len = strlen(jsonl);
	s.pos = 0;
	ferrum_rowreader_new(model, FERRUM_ROWS_CSV, read_str, &s, &r, &err);
	ok(ferrum_rowreader_next(r, x, &err) < 0, "JSON forced as CSV fails");
	is_int(ferrum_rowreader_fatal(r), 1, "the header is fatal");
	ferrum_rowreader_free(r);

	s.s = broken;
	s.len = strlen(broken);
	s.pos = 0;
	ferrum_rowreader_new(model, FERRUM_ROWS_AUTO, read_str, &s, &r, &err);
	is_int(ferrum_rowreader_next(r, x, &err), 1, "broken: first row");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "broken: unterminated quote");
	is_int(ferrum_rowreader_fatal(r), 1, "a syntax error is fatal");
	is_int(err.line, 3, "where the quote opened");
	is_string(err.message, "field 1: unterminated quoted field",
	          "the reader's message without its line");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "sticky");
	ferrum_rowreader_free(r);

	s.s = "";
	s.len = 0;
	s.pos = 0;
	ferrum_rowreader_new(model, FERRUM_ROWS_AUTO, read_str, &s, &r, &err);
	is_int(ferrum_rowreader_next(r, x, &err), 0, "empty input: no rows");
	is_int(ferrum_rowreader_n_columns(r), 0, "and no columns");
	ferrum_rowreader_free(r);
	is_int(ferrum_rowreader_new(model, 7, read_str, &s, &r, &err), FERRUM_EINVAL,
	       "unknown format");
}

static void
test_format_float(void)
{
	static const struct {
		float f;
		const char *want;
	} c[] = {
		{0.1f, "0.1"}, {1.0f, "1"}, {-2.5f, "-2.5"}, {0.0f, "0"},
		{1.0f / 3, "0.33333334"}, {16777216.0f, "16777216"}, {1e-45f, "1.4013e-45"},
		{3.4028235e38f, "3.4028235e+38"}, {247300.0f, "247300"}, {0.981f, "0.981"},
	};
	char buf[FERRUM_FLOAT_TEXT_MAX];
	size_t i, n;

	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		n = ferrum_format_float(buf, sizeof buf, c[i].f);
		is_string(buf, c[i].want, "format %s", c[i].want);
		is_int((long long)n, (long long)strlen(c[i].want), "length of %s", c[i].want);
		ok(strtof(buf, NULL) == c[i].f, "%s reads back", c[i].want);
	}
	ferrum_format_float(buf, sizeof buf, NAN);
	is_string(buf, "nan", "NaN");
	ferrum_format_float(buf, sizeof buf, -INFINITY);
	is_string(buf, "-inf", "-inf");
	is_int((long long)ferrum_format_float(buf, 3, 0.125f), 0, "too small a buffer");
	/* Every float of two sweeps (one over all exponents, one dense over the
	 * values of everyday data) gives the text of a naive search with
	 * snprintf and strtof, and reads back exactly. */
	{
		unsigned long bad = 0, diff = 0, k;

		for (k = 0; k < 1200000; k++) {
			uint32_t bits = k < 400000 ? (uint32_t)(k * 10737u + 12345u)
			                           : (uint32_t)(0x3a800000u + (k - 400000) * 1499u);
			float f, back;
			char ref[48];
			int prec;

			memcpy(&f, &bits, sizeof f);
			if (!isfinite(f))
				continue;
			ferrum_format_float(buf, sizeof buf, f);
			back = strtof(buf, NULL);
			if (memcmp(&back, &f, sizeof f) != 0)
				bad++;
			for (prec = 6; prec <= 9; prec++) {
				snprintf(ref, sizeof ref, "%.*g", prec, (double)f);
				if (strtof(ref, NULL) == f)
					break;
			}
			if (strcmp(ref, buf) != 0 && diff++ < 5)
				diag("%a: got %s, want %s", (double)f, buf, ref);
		}
		is_int((long long)bad, 0, "1.2 million floats round-trip");
		is_int((long long)diff, 0, "and print as the naive search prints them");
	}
}

int
main(void)
{
	plan_lazy();
	model = make_model();
	test_rowmap();
	test_fill_errors();
	test_json();
	test_reader();
	test_format_float();
	ferrum_model_free(model);
	return done_testing();
}

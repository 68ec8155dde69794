/* rowschema.c: the row reader with a schema: raw rows by source column
 * name or position, cells encoded, unfamiliar values, the target kept.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "model.h"

#include <math.h>
#include <stdio.h>

/* id (ignored), age (numeric, gaps in training), sex, port (categorical,
 * rare levels folded, gaps), survived (the target): nine inputs. */
static const char *const sex_levels[] = {"female", "male"};
static const size_t sex_counts[] = {3, 5};
static const char *const port_levels[] = {"C", "Q", "S"};
static const size_t port_counts[] = {2, 1, 4};

static ferrum_schema *
make_schema(void)
{
	ferrum_column cols[5];
	ferrum_schema s, *out;
	ferrum_error err;

	memset(cols, 0, sizeof cols);
	memset(&s, 0, sizeof s);
	cols[0].name = "id";
	cols[0].kind = FERRUM_COLUMN_IGNORED;
	cols[0].why = "row numbers";
	cols[1].name = "age";
	cols[1].kind = FERRUM_COLUMN_NUMERIC;
	cols[1].median = 30.0f;
	cols[1].min = 0.0f;
	cols[1].max = 80.0f;
	cols[1].missing = 2;
	cols[1].indicator = 1;
	cols[2].name = "sex";
	cols[2].kind = FERRUM_COLUMN_CATEGORICAL;
	cols[2].n_levels = 2;
	cols[2].levels = sex_levels;
	cols[2].counts = sex_counts;
	cols[3].name = "port";
	cols[3].kind = FERRUM_COLUMN_CATEGORICAL;
	cols[3].n_levels = 3;
	cols[3].levels = port_levels;
	cols[3].counts = port_counts;
	cols[3].other = 2;
	cols[3].missing = 1;
	cols[4].name = "survived";
	cols[4].kind = FERRUM_COLUMN_TARGET;
	s.n_cols = 5;
	s.cols = cols;
	s.target = 4;
	s.header = 1;
	if (fe_na_init(&s.na, NULL, &err) != FERRUM_OK)
		bail("na: %s", err.message);
	if (fe_schema_layout(&s) != FERRUM_OK || s.n_inputs != 9)
		bail("layout");
	out = fe_schema_copy(&s);
	fe_na_free(&s.na);
	if (out == NULL)
		bail("copy");
	return out;
}

static ferrum_model *
make_classifier(void)
{
	return make_model("0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1",
	                  "{\"dataset_name\":\"t\",\"task\":\"classification\","
	                  "\"feature_names\":[\"age\",\"age=(missing)\",\"sex=female\","
	                  "\"sex=male\",\"port=C\",\"port=Q\",\"port=S\",\"port=(other)\","
	                  "\"port=(missing)\"],"
	                  "\"feature_ranges\":[[0,80],[0,1],[0,1],[0,1],[0,1],[0,1],[0,1],[0,1],"
	                  "[0,1]],\"class_names\":[\"0\",\"1\"],\"target_name\":\"survived\","
	                  "\"target_range\":[0,1],\"input_dim\":9,\"output_dim\":2}",
	                  9, 2, FERRUM_ACT_SOFTMAX);
}

typedef struct text {
	const char *s;
	size_t len, pos;
} text;

static long
read_text(void *ctx, char *buf, size_t cap)
{
	text *t = ctx;
	size_t n = t->len - t->pos;

	if (n > cap)
		n = cap;
	memcpy(buf, t->s + t->pos, n);
	t->pos += n;
	return (long)n;
}

static ferrum_model *model;
static ferrum_schema *schema;
static text input;

static ferrum_rowreader *
reader(const char *s)
{
	ferrum_rowreader *r;
	ferrum_error err;

	input.s = s;
	input.len = strlen(s);
	input.pos = 0;
	if (ferrum_rowreader_new(model, FERRUM_ROWS_AUTO, read_text, &input, &r, &err) !=
	        FERRUM_OK ||
	    fe_rowreader_use_schema(r, schema, &err) != FERRUM_OK)
		bail("reader: %s", err.message);
	return r;
}

static int
row_is(const float *x, const float *want)
{
	size_t i;

	for (i = 0; i < 9; i++)
		if (!(x[i] == want[i]))
			return 0;
	return 1;
}

static void
test_header(void)
{
	static const float r1[9] = {22, 0, 0, 1, 0, 0, 1, 0, 0};
	static const float r2[9] = {30, 1, 1, 0, 0, 0, 0, 1, 0};
	static const float r3[9] = {500, 0, 0, 1, 0, 0, 0, 0, 1};
	ferrum_rowreader *r;
	ferrum_error err;
	float x[9];
	size_t len;
	const char *t;

	r = reader("sex,extra,age,port,survived\n"
	           "male,x,22,S,0\n"
	           "female,y,NA,Z,1\n"
	           "male,z,abc,S,1\n"
	           "male,z,500,,\n"
	           "male,z,1\n");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "header by name: a row");
	ok(row_is(x, r1), "any order, extra column ignored, levels one-hot");
	is_int((long long)ferrum_rowreader_unfamiliar(r), 0, "nothing unfamiliar");
	ok(ferrum_rowreader_has_target(r), "the target column is there");
	is_string(ferrum_rowreader_target_name(r), "survived", "named");
	t = ferrum_rowreader_target(r, &len);
	ok(t != NULL && len == 1 && t[0] == '0', "its text");
	t = ferrum_rowreader_cell(r, 3, &len);
	ok(t != NULL && len == 1 && t[0] == 'S', "a cell by source column");
	ok(ferrum_rowreader_cell(r, 0, &len) == NULL, "no cell for a column the input lacks");
	is_int((long long)ferrum_rowreader_n_columns(r), 5, "the header's columns");

	is_int(ferrum_rowreader_next(r, x, &err), 1, "gap and unseen level");
	ok(row_is(x, r2), "median and indicator; '(other)'");
	is_int((long long)ferrum_rowreader_unfamiliar(r), FERRUM_UNFAMILIAR_LEVEL, "unseen level");
	is_int((long long)ferrum_rowreader_cell_unfamiliar(r, 3), FERRUM_UNFAMILIAR_LEVEL,
	       "... in port");
	is_int((long long)ferrum_rowreader_cell_unfamiliar(r, 1), 0, "... not in age");

	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "text in a numeric column");
	is_string(err.message,
	          "column 'age' (3): 'abc' is not a number; the model reads a number there "
	          "(an empty cell is a missing value)",
	          "named by name and its field in this input");
	is_int(err.line, 4, "its line");
	is_int(err.column, 3, "its field");
	ok(!ferrum_rowreader_fatal(r), "not fatal");

	is_int(ferrum_rowreader_next(r, x, &err), 1, "far out of range, categorical gap");
	ok(row_is(x, r3), "the value as it is; '(missing)'");
	is_int((long long)ferrum_rowreader_unfamiliar(r), FERRUM_UNFAMILIAR_RANGE, "out of range");
	ok(ferrum_rowreader_target(r, NULL) == NULL, "a missing target");

	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "a short row");
	is_string(err.message, "expected 5 fields, got 3", "short row: message");
	is_int(ferrum_rowreader_next(r, x, &err), 0, "the end");
	ferrum_rowreader_free(r);

	r = reader("sex,survived,port\nmale,0,S\n");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "a needed column missing");
	ok(strncmp(err.message, "missing column 'age'", 20) == 0, "named: %s", err.message);
	ok(ferrum_rowreader_fatal(r), "fatal");
	ferrum_rowreader_free(r);

	r = reader("age,sex,port\n22,male,S\n");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "no target, no id: fine");
	ok(row_is(x, r1), "the same row");
	ok(!ferrum_rowreader_has_target(r), "no target column");
	ferrum_rowreader_free(r);
}

static void
test_positional(void)
{
	static const float r1[9] = {22, 0, 0, 1, 0, 0, 1, 0, 0};
	ferrum_rowreader *r;
	ferrum_error err;
	float x[9];

	r = reader("7,22,male,S,0\n");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "positional, every column");
	ok(row_is(x, r1), "encoded");
	ok(ferrum_rowreader_has_target(r), "with the target");
	is_string(ferrum_rowreader_target_name(r), "5", "the fifth field");
	ferrum_rowreader_free(r);

	r = reader("7,22,male,S\n");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "positional, without the target");
	ok(row_is(x, r1), "encoded");
	ok(!ferrum_rowreader_has_target(r), "no target");
	ferrum_rowreader_free(r);

	r = reader("1,2,3,4,5,6,7,8\n");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "the wrong data");
	is_string(err.message,
	          "expected 5 fields (4 without the target), got 8: is this the data the model "
	          "was trained on?",
	          "says so");
	ok(ferrum_rowreader_fatal(r), "fatal");
	ferrum_rowreader_free(r);
}

static void
test_jsonl(void)
{
	static const float r1[9] = {30, 1, 1, 0, 1, 0, 0, 0, 0};
	static const float r2[9] = {22, 0, 0, 1, 0, 0, 1, 0, 0};
	ferrum_rowreader *r;
	ferrum_error err;
	float x[9];
	size_t len;
	const char *t;

	r = reader("{\"port\":\"C\",\"age\":null,\"sex\":\"female\",\"survived\":1}\n"
	           "[7,22,\"male\",\"S\"]\n"
	           "{\"port\":\"C\",\"sex\":\"female\"}\n"
	           "{\"port\":[1],\"age\":3,\"sex\":\"female\"}\n");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "JSON object");
	ok(row_is(x, r1), "null is a gap");
	t = ferrum_rowreader_target(r, &len);
	ok(t != NULL && len == 1 && *t == '1', "the target, a number's literal");
	is_int(ferrum_rowreader_next(r, x, &err), 1, "JSON array without the target");
	ok(row_is(x, r2), "positional");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "a needed key absent");
	is_string(err.message, "missing column 'age'", "named");
	is_int(ferrum_rowreader_next(r, x, &err), FERRUM_EINPUT, "a nested value");
	is_string(err.message, "column 'port': expected a string, a number or null", "said");
	is_int(ferrum_rowreader_next(r, x, &err), 0, "the end");
	ferrum_rowreader_free(r);
}

int
main(void)
{
	plan_lazy();
	model = make_classifier();
	schema = make_schema();
	test_header();
	test_positional();
	test_jsonl();
	ferrum_schema_free(schema);
	ferrum_model_free(model);
	return done_testing();
}

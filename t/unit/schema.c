/* schema.c: the column schema: accessors, dates, input names, encoding, the member's JSON.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The example of the design: every kind and every optional key. */
static const char titanic[] =
	"{\"version\":1,\"header\":true,"
	"\"na\":[\"NA\",\"N/A\",\"NaN\",\"null\",\"?\",\"-\",\"#N/A\",\"NULL\",\"n/a\",\"nan\"],"
	"\"columns\":["
	"{\"name\":\"PassengerId\",\"kind\":\"ignored\",\"why\":\"row numbers\"},"
	"{\"name\":\"Survived\",\"kind\":\"target\"},"
	"{\"name\":\"Pclass\",\"kind\":\"numeric\",\"median\":3,\"min\":1,\"max\":3},"
	"{\"name\":\"Sex\",\"kind\":\"categorical\",\"levels\":[\"female\",\"male\"],"
	"\"counts\":[314,577]},"
	"{\"name\":\"Age\",\"kind\":\"numeric\",\"median\":28,\"min\":0.42,\"max\":80,"
	"\"missing\":177,\"indicator\":true},"
	"{\"name\":\"Embarked\",\"kind\":\"categorical\",\"levels\":[\"C\",\"Q\",\"S\"],"
	"\"counts\":[168,77,644],\"missing\":2},"
	"{\"name\":\"cp\",\"kind\":\"categorical\",\"codes\":true,\"levels\":[\"1\",\"2\",\"3\","
	"\"10\"],\"counts\":[23,50,86,144],\"other\":5},"
	"{\"name\":\"when\",\"kind\":\"date\",\"median\":19000.5,\"min\":18000,\"max\":19500}]}";

static const char *const titanic_inputs[] = {
	"Pclass", "Sex=female", "Sex=male", "Age", "Age=(missing)", "Embarked=C", "Embarked=Q",
	"Embarked=S", "Embarked=(missing)", "cp=1", "cp=2", "cp=3", "cp=10", "cp=(other)", "when"};
#define N_TITANIC_INPUTS (sizeof titanic_inputs / sizeof titanic_inputs[0])

static ferrum_column *
add_col(ferrum_schema *s, const char *name, int kind)
{
	ferrum_column *c = &s->cols[s->n_cols++];

	memset(c, 0, sizeof *c);
	c->name = fe_strdup(name);
	c->kind = kind;
	c->median = c->min = c->max = NAN;
	return c;
}

static void
set_range(ferrum_column *c, float median, float min, float max)
{
	c->median = median;
	c->min = min;
	c->max = max;
}

static void
set_levels(ferrum_column *c, size_t n, const char *const *levels, const size_t *counts)
{
	char **l = calloc(n, sizeof *l);
	size_t *k = calloc(n, sizeof *k), i;

	if (l == NULL || k == NULL)
		bail("out of memory");
	for (i = 0; i < n; i++)
		l[i] = fe_strdup(levels[i]);
	memcpy(k, counts, n * sizeof *k);
	c->levels = (const char *const *)l;
	c->counts = k;
	c->n_levels = n;
}

/* The design's example, built by hand. */
static ferrum_schema *
make_titanic(void)
{
	static const char *const sex[] = {"female", "male"}, *const port[] = {"C", "Q", "S"},
	                         *const cp[] = {"1", "2", "3", "10"};
	static const size_t sex_n[] = {314, 577}, port_n[] = {168, 77, 644},
	                    cp_n[] = {23, 50, 86, 144};
	ferrum_schema *s = calloc(1, sizeof *s);
	ferrum_column *c;

	if (s == NULL || (s->cols = calloc(8, sizeof *s->cols)) == NULL)
		bail("out of memory");
	if (fe_na_init(&s->na, NULL, NULL) != FERRUM_OK)
		bail("fe_na_init");
	s->header = 1;
	c = add_col(s, "PassengerId", FERRUM_COLUMN_IGNORED);
	c->why = fe_strdup("row numbers");
	add_col(s, "Survived", FERRUM_COLUMN_TARGET);
	s->target = 1;
	set_range(add_col(s, "Pclass", FERRUM_COLUMN_NUMERIC), 3, 1, 3);
	set_levels(add_col(s, "Sex", FERRUM_COLUMN_CATEGORICAL), 2, sex, sex_n);
	c = add_col(s, "Age", FERRUM_COLUMN_NUMERIC);
	set_range(c, 28, 0.42f, 80);
	c->missing = 177;
	c->indicator = 1;
	c = add_col(s, "Embarked", FERRUM_COLUMN_CATEGORICAL);
	set_levels(c, 3, port, port_n);
	c->missing = 2;
	c = add_col(s, "cp", FERRUM_COLUMN_CATEGORICAL);
	set_levels(c, 4, cp, cp_n);
	c->codes = 1;
	c->other = 5;
	set_range(add_col(s, "when", FERRUM_COLUMN_DATE), 19000.5f, 18000, 19500);
	if (fe_schema_layout(s) != FERRUM_OK)
		bail("fe_schema_layout");
	return s;
}

static char *
write_text(const ferrum_schema *s)
{
	fe_buf b;

	fe_buf_init(&b);
	fe_schema_write(&b, s);
	return fe_buf_take(&b, NULL);
}

static void
test_accessors(void)
{
	ferrum_schema *s = make_titanic(), *d;
	const ferrum_column *c;
	char *t, *j;
	size_t i, len = 0;
	int names_ok = 1;

	is_int((long long)ferrum_schema_n_columns(s), 8, "eight source columns");
	is_int((long long)ferrum_schema_target(s), 1, "the target is column 2");
	is_int(ferrum_schema_header(s), 1, "the data had a header");
	is_int((long long)ferrum_schema_n_inputs(s), (long long)N_TITANIC_INPUTS,
	       "inputs follow the kinds");
	c = ferrum_schema_column(s, 4);
	ok(c != NULL && strcmp(c->name, "Age") == 0 && c->input == 3 && c->n_inputs == 2,
	   "Age gives inputs 3 and 4");
	c = ferrum_schema_column(s, 0);
	ok(c != NULL && c->n_inputs == 0 && strcmp(c->why, "row numbers") == 0,
	   "an ignored column gives no input and says why");
	ok(ferrum_schema_column(s, 8) == NULL, "a column out of range is NULL");
	ok(ferrum_schema_column(NULL, 0) == NULL && ferrum_schema_n_columns(NULL) == 0,
	   "a NULL schema has no columns");
	is_string(ferrum_column_kind_name(FERRUM_COLUMN_NUMERIC), "numeric", "kind name numeric");
	is_string(ferrum_column_kind_name(FERRUM_COLUMN_CATEGORICAL), "categorical",
	          "kind name categorical");
	is_string(ferrum_column_kind_name(FERRUM_COLUMN_DATE), "date", "kind name date");
	is_string(ferrum_column_kind_name(FERRUM_COLUMN_IGNORED), "ignored", "kind name ignored");
	is_string(ferrum_column_kind_name(FERRUM_COLUMN_TARGET), "target", "kind name target");
	ok(ferrum_column_kind_name(5) == NULL && ferrum_column_kind_name(-1) == NULL,
	   "another kind has no name");

	for (i = 0; i < N_TITANIC_INPUTS; i++) {
		fe_buf b;

		fe_buf_init(&b);
		fe_schema_input_name(&b, s, i);
		fe_buf_putc(&b, '\0');
		if (strcmp(b.data, titanic_inputs[i]) != 0) {
			diag("input %zu: got '%s', want '%s'", i, b.data, titanic_inputs[i]);
			names_ok = 0;
		}
		fe_buf_free(&b);
	}
	ok(names_ok, "the feature names of the inputs");

	t = write_text(s);
	is_string(t, titanic, "fe_schema_write writes the member");
	is_int(ferrum_schema_json(s, &j, &len), FERRUM_OK, "ferrum_schema_json");
	is_string(j, titanic, "the same text");
	is_int((long long)len, (long long)strlen(titanic), "and its length");
	ferrum_free(j);
	free(t);

	d = fe_schema_copy(s);
	ok(d != NULL, "a copy");
	ferrum_schema_free(s);
	t = write_text(d);
	is_string(t, titanic, "the copy is deep: it outlives the original");
	free(t);
	ferrum_schema_free(d);
	ferrum_schema_free(NULL);
	ok(fe_schema_copy(NULL) == NULL, "a copy of NULL is NULL");
}

static void
test_write_plain(void)
{
	ferrum_schema *s = calloc(1, sizeof *s);
	ferrum_column *c;
	char *t;

	if (s == NULL || (s->cols = calloc(3, sizeof *s->cols)) == NULL)
		bail("out of memory");
	if (fe_na_init(&s->na, "", NULL) != FERRUM_OK)
		bail("fe_na_init");
	set_range(add_col(s, "1", FERRUM_COLUMN_NUMERIC), -0.5f, -1e-7f, 3.4e38f);
	c = add_col(s, "a \"q\"\n", FERRUM_COLUMN_IGNORED);
	c->why = fe_strdup("-x");
	add_col(s, "3", FERRUM_COLUMN_TARGET);
	s->target = 2;
	fe_schema_layout(s);
	t = write_text(s);
	is_string(t,
	          "{\"version\":1,\"header\":false,\"na\":[],\"columns\":["
	          "{\"name\":\"1\",\"kind\":\"numeric\",\"median\":-0.5,\"min\":-1e-07,"
	          "\"max\":3.4e+38},{\"name\":\"a \\\"q\\\"\\n\",\"kind\":\"ignored\",\"why\":\"-x\"},"
	          "{\"name\":\"3\",\"kind\":\"target\"}]}",
	          "no header, no markers, escapes and exponents");
	free(t);
	/* A median not fitted yet is written as null. */
	s->cols[0].median = NAN;
	t = write_text(s);
	ok(strstr(t, "\"median\":null") != NULL, "an unfitted median is null");
	free(t);
	ferrum_schema_free(s);
}

static void
test_dates(void)
{
	static const struct {
		const char *s;
		double days;
	} good[] = {
		{"1970-01-01", 0},
		{"1970-01-02", 1},
		{"1969-12-31", -1},
		{"2000-03-01", 11017},
		{"2024-02-29", 19782},
		{"0000-01-01", -719528},
		{"9999-12-31", 2932896},
		{"1970-01-01T12:00", 0.5},
		{"1970-01-01 06:00", 0.25},
		{"1970-01-01T12:00:00", 0.5},
		{"1970-01-01T00:00:00.5", 0.5 / 86400},
		{"1970-01-01T18:00Z", 0.75},
		{"1970-01-01T12:00:00+12:00", 0},
		{"1970-01-01T00:00:00.000-06:00", 0.25},
		{"1970/01/01", 0},
		{"2024/02/29", 19782},
		{"2010/01/01 06:00", 14610.25},
	};
	static const char *const bad[] = {
		"", "1970", "1970-1-01", "1970-01-1", "19700101", "1970/01-01", "1970-01/01",
		"1970.01.01", "01/01/1970", "1970/1/01", "2023/02/29", "1970-00-01",
		"1970-13-01", "1970-01-00", "1970-01-32", "2023-02-29", "1900-02-29", "1970-04-31",
		"1970-01-01T", "1970-01-01T1:00", "1970-01-01T24:00", "1970-01-01T12:60",
		"1970-01-01T12:00:60", "1970-01-01T12:00:00.", "1970-01-01x", "1970-01-01Z",
		"1970-01-01T12:00+1", "1970-01-01T12:00+01:00x", "1970-01-01T12:00ZZ", "+970-01-01",
		"1970-01-01T12:00+24:00", " 1970-01-01", "abcd-ef-gh",
	};
	size_t i;
	double d;
	int all = 1;

	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		d = -1e9;
		if (fe_date_parse(good[i].s, strlen(good[i].s), &d) != 0 ||
		    fabs(d - good[i].days) > 1e-9) {
			diag("'%s': got %.17g, want %.17g", good[i].s, d, good[i].days);
			all = 0;
		}
	}
	ok(all, "ISO 8601 dates and times read as days since 1970-01-01 UTC");
	all = 1;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (fe_date_parse(bad[i], strlen(bad[i]), &d) == 0) {
			diag("'%s' read as a date", bad[i]);
			all = 0;
		}
	}
	ok(all, "other text is not a date");
	ok(fe_date_parse("2024-03-01junk", 10, &d) == 0 && d == 19783,
	   "only @len bytes are read");
}

/* Encode a row of @n cells given as strings (NULL: absent). */
static int
encode(const ferrum_schema *s, const char *const *row, unsigned flags, float *x, unsigned *u,
       ferrum_error *err)
{
	size_t lens[16], j;

	for (j = 0; j < s->n_cols; j++)
		lens[j] = row[j] != NULL ? strlen(row[j]) : 0;
	return fe_schema_encode(s, row, lens, flags, x, u, err);
}

static int
same(const float *x, const float *want, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!(x[i] == want[i] || (isnan(x[i]) && isnan(want[i])))) {
			diag("input %zu: got %g, want %g", i, (double)x[i], (double)want[i]);
			return 0;
		}
	return 1;
}

static void
test_encode(void)
{
	ferrum_schema *s = make_titanic();
	float x[N_TITANIC_INPUTS];
	unsigned u = 99;
	ferrum_error err;
	int rc;

	{
		const char *row[] = {"1", "0", "3", "male", "22", "S", "2", "2022-01-01"};
		const float want[] = {3, 0, 1, 22, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 18993};

		rc = encode(s, row, 0, x, &u, &err);
		ok(rc == FERRUM_OK && same(x, want, N_TITANIC_INPUTS) && u == 0,
		   "a familiar row: one-hot levels, numbers and a date");
	}
	{
		const char *row[] = {NULL, NULL, "1", "female", "NA", "", "3.0", "2020-01-01"};
		const float want[] = {1, 1, 0, 28, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 18262};

		rc = encode(s, row, 0, x, &u, &err);
		ok(rc == FERRUM_OK && same(x, want, N_TITANIC_INPUTS) && u == 0,
		   "gaps: the median and the indicator; a missing level; codes as numbers; "
		   "absent ignored and target columns");
	}
	{
		const char *row[] = {"7", "1", "1", "female", "?", "S", "1", "2020-01-01"};
		const float want[] = {1, 1, 0, NAN, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 18262};

		rc = encode(s, row, FE_ENCODE_NAN, x, &u, &err);
		ok(rc == FERRUM_OK && same(x, want, N_TITANIC_INPUTS),
		   "FE_ENCODE_NAN leaves a numeric gap NaN for the fit");
	}
	{
		const char *row[] = {"1", "0", "3", "other", "22", "S", "7", "2022-01-01"};
		const float want[] = {3, 0, 0, 22, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 18993};

		rc = encode(s, row, 0, x, &u, &err);
		ok(rc == FERRUM_OK && same(x, want, N_TITANIC_INPUTS) && u == FE_UNFAMILIAR_LEVEL,
		   "unseen levels: all zero, or \"(other)\" when there is one");
	}
	{
		const char *row[] = {"1", "0", "", "", "160", "Q", "x", "2022-01-01"};
		const float want[] = {3, 0, 0, 160, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 18993};

		rc = encode(s, row, 0, x, &u, &err);
		ok(rc == FERRUM_OK && same(x, want, N_TITANIC_INPUTS) &&
		       u == (FE_UNFAMILIAR_GAP | FE_UNFAMILIAR_RANGE | FE_UNFAMILIAR_LEVEL),
		   "gaps where training had none; far outside the range");
	}
	{
		const char *row[] = {"1", "0", "3", "male", "-79", "S", "1", "2027-07-01"};

		rc = encode(s, row, 0, x, &u, &err);
		ok(rc == FERRUM_OK && u == 0, "min - w and max + w are still familiar");
		row[4] = "-79.2";
		rc = encode(s, row, 0, x, &u, &err);
		ok(rc == FERRUM_OK && u == FE_UNFAMILIAR_RANGE, "just below min - w is not");
		row[4] = "30";
		row[7] = "2027-07-02";
		rc = encode(s, row, 0, x, &u, &err);
		ok(rc == FERRUM_OK && u == FE_UNFAMILIAR_RANGE, "dates have a range too");
	}
	{
		const char *row[] = {"1", "0", "3", "male", "abc", "S", "1", "2022-01-01"};

		rc = encode(s, row, 0, x, NULL, &err);
		is_int(rc, FERRUM_EINPUT, "text in a numeric column");
		is_string(err.message,
		          "column 'Age' (5): 'abc' is not a number; the model reads a number "
		          "there (an empty cell is a missing value)",
		          "names the column and says what to do");
		row[4] = "inf";
		rc = encode(s, row, 0, x, NULL, &err);
		is_int(rc, FERRUM_EINPUT, "an infinity is not a number");
		row[4] = "1e39";
		rc = encode(s, row, 0, x, NULL, &err);
		is_int(rc, FERRUM_EINPUT, "nor is a number past a float's range");
		row[4] = "30";
		row[7] = "yesterday";
		rc = encode(s, row, 0, x, NULL, &err);
		is_string(err.message,
		          "column 'when' (8): 'yesterday' is not a date; the model reads a date "
		          "there (an empty cell is a missing value)",
		          "text in a date column");
		row[7] = "2022-01-01";
		row[4] = "0123456789012345678901234567890123456789012345678901234567890123456789";
		rc = encode(s, row, 0, x, NULL, &err);
		ok(rc == FERRUM_EINPUT && strstr(err.message, "'0123456789012345678901234567890123456789'... is") != NULL,
		   "a long cell is cut in the message");
		row[4] = "30";
		row[3] = NULL;
		rc = encode(s, row, 0, x, NULL, &err);
		is_int(rc, FERRUM_EINPUT, "a needed column absent");
		is_string(err.message, "missing column 'Sex'", "is named");
	}
	ferrum_schema_free(s);
}


/* Parse @text against @names (@n); the status, with *@out set on success. */
static int
parse_text(const char *text, const char *const *names, size_t n, ferrum_schema **out,
           ferrum_error *err)
{
	fe_json *v;
	int rc;

	*out = NULL;
	if (fe_json_parse(text, strlen(text), &v, err) != FERRUM_OK)
		return -100;
	rc = fe_schema_parse(v, (char *const *)names, n, out, err);
	fe_json_free(v);
	return rc;
}

static void
test_round_trip(void)
{
	ferrum_schema *s = NULL, *again = NULL;
	ferrum_error err;
	char *t, *t2;
	int rc;

	rc = parse_text(titanic, titanic_inputs, N_TITANIC_INPUTS, &s, &err);
	if (!is_int(rc, FERRUM_OK, "the design's example parses")) {
		diag("%s", err.message);
		return;
	}
	t = write_text(s);
	is_string(t, titanic, "write, parse, write: the same bytes");
	is_int((long long)s->n_inputs, (long long)N_TITANIC_INPUTS, "its inputs");
	ok(s->cols[6].codes && s->cols[6].other == 5 && s->cols[4].indicator &&
	       s->cols[4].missing == 177 && s->cols[4].min == 0.42f && s->cols[7].median == 19000.5f &&
	       s->target == 1 && s->header == 1 && s->na.n == 10 && strcmp(s->na.item[5], "-") == 0 &&
	       strcmp(s->cols[0].why, "row numbers") == 0,
	   "every field is read");
	rc = parse_text(t, titanic_inputs, N_TITANIC_INPUTS, &again, &err);
	t2 = again != NULL ? write_text(again) : NULL;
	ok(rc == FERRUM_OK && t2 != NULL && strcmp(t, t2) == 0, "and again");
	free(t);
	free(t2);
	ferrum_schema_free(again);
	ferrum_schema_free(s);

	/* Whitespace, key order and escapes are free; the rewrite is canonical. */
	{
		const char *doc = " { \"columns\" : [ {\"kind\":\"target\",\"name\":\"y\"},\n"
		                  " {\"indicator\":false,\"kind\":\"numeric\",\"name\":\"\\u0078\","
		                  "\"max\":2.50,\"min\":-1e0,\"median\":0}],\"version\":1} ";
		const char *names[] = {"x"};

		rc = parse_text(doc, names, 1, &s, &err);
		t = s != NULL ? write_text(s) : NULL;
		ok(rc == FERRUM_OK && t != NULL &&
		       strcmp(t, "{\"version\":1,\"header\":false,\"na\":[],\"columns\":[{\"name\":\"y\","
		                 "\"kind\":\"target\"},{\"name\":\"x\",\"kind\":\"numeric\",\"median\":0,"
		                 "\"min\":-1,\"max\":2.5}]}") == 0,
		   "free form reads, canonical form writes");
		if (rc != FERRUM_OK)
			diag("%s", err.message);
		free(t);
		ferrum_schema_free(s);
	}
}

/* Replace the first @from in the example with @to. */
static char *
mutate(const char *from, const char *to)
{
	const char *p = strstr(titanic, from);
	size_t a, lf = strlen(from), lt = strlen(to);
	char *r;

	if (p == NULL)
		bail("'%s' is not in the example", from);
	a = (size_t)(p - titanic);
	r = malloc(sizeof titanic + lt);
	if (r == NULL)
		bail("out of memory");
	memcpy(r, titanic, a);
	memcpy(r + a, to, lt);
	strcpy(r + a + lt, p + lf);
	return r;
}

static void
test_hostile(void)
{
	static const struct {
		const char *from, *to, *why;
	} cases[] = {
		{"\"version\":1", "\"version\":2", "\"version\" is not 1"},
		{"\"version\":1", "\"version\":1.0", "\"version\" is not 1"},
		{"\"version\":1,", "", "\"version\" is not 1"},
		{"\"header\":true", "\"header\":1", "\"header\" is not true or false"},
		{"\"header\":true", "\"headers\":true", "unknown key \"headers\""},
		{"\"header\":true", "\"version\":1", "\"version\" appears twice"},
		{"\"header\":true", "\"header\":true,\"decimal\":\";\"", "\"decimal\" is not \",\" or \".\""},
		{"\"header\":true", "\"header\":true,\"decimal\":44", "\"decimal\" is not \",\" or \".\""},
		{"\"header\":true", "\"header\":true,\"decimal\":\",,\"", "\"decimal\" is not \",\" or \".\""},
		{"\"na\":[\"NA\"", "\"na\":[7", "\"na\" holds something"},
		{"\"na\":[\"NA\"", "\"na\":[\"\"", "\"na\" holds something"},
		{"\"na\":[\"NA\"", "\"na\":[\"N\\u0000A\"", "\"na\" holds something"},
		{"\"na\":[\"NA\",", "\"na\":{},\"x\":[", "unknown key"},
		{"{\"name\":\"PassengerId\",\"kind\":\"ignored\",\"why\":\"row numbers\"},", "7,",
		 "column 1: not a JSON object"},
		{"\"name\":\"PassengerId\",", "", "column 1: no \"name\""},
		{"\"name\":\"PassengerId\"", "\"name\":\"\"", "\"name\" is not a non-empty string"},
		{"\"name\":\"PassengerId\"", "\"name\":\"a\\u0000b\"", "\"name\" is not a non-empty"},
		{"\"name\":\"PassengerId\"", "\"name\":\"Pclass\"", "two columns are named 'Pclass'"},
		{"\"kind\":\"ignored\"", "\"kind\":\"text\"", "column 1 ('PassengerId'): unknown \"kind\""},
		{"\"kind\":\"ignored\"", "\"kind\":7", "\"kind\" is not a string"},
		{"\"kind\":\"ignored\",\"why\":\"row numbers\"", "\"kind\":\"target\"",
		 "more than one target"},
		{"\"kind\":\"target\"", "\"kind\":\"ignored\"", "no target column"},
		{"\"why\":\"row numbers\"", "\"why\":false", "\"why\" is not a string"},
		{"\"why\":\"row numbers\"", "\"median\":3", "\"median\" does not go with kind \"ignored\""},
		{"\"median\":3", "\"median\":null", "'Pclass'): \"median\" is not a finite number"},
		{"\"median\":3", "\"median\":\"3\"", "\"median\" is not a finite number"},
		{"\"median\":3", "\"median\":1e39", "\"median\" is not a finite number"},
		{"\"median\":3,", "", "\"median\" is not a finite number"},
		{"\"min\":1", "\"min\":4", "\"min\" is above \"max\""},
		{"\"max\":3", "\"max\":\"3\"", "\"max\" is not a finite number"},
		{"\"max\":3}", "\"max\":3,\"levels\":[]}", "\"levels\" does not go with kind \"numeric\""},
		{"\"missing\":177", "\"missing\":-1", "\"missing\" is not a count"},
		{"\"missing\":177", "\"missing\":1e2", "\"missing\" is not a count"},
		{"\"missing\":177", "\"missing\":99999999999999999999999", "\"missing\" is not a count"},
		{"\"indicator\":true", "\"indicator\":1", "\"indicator\" is not true or false"},
		{"\"indicator\":true", "\"indicator\":false", "the columns give 14 inputs"},
		{"\"missing\":177,", "\"missing\":177,\"missing\":1,", "\"missing\" appears twice"},
		{"\"levels\":[\"female\",\"male\"]", "\"levels\":[\"male\",\"female\"]",
		 "levels are not in byte order"},
		{"\"levels\":[\"female\",\"male\"]", "\"levels\":[\"female\",\"female\"]",
		 "levels are not in byte order"},
		{"\"levels\":[\"female\",\"male\"]", "\"levels\":[\"female\",1]",
		 "\"levels\" is not an array of strings"},
		{"\"levels\":[\"female\",\"male\"]", "\"levels\":\"female\"",
		 "\"levels\" is not an array of strings"},
		{"\"counts\":[314,577]", "\"counts\":[314]", "\"counts\" is not one count per level"},
		{"\"counts\":[314,577]", "\"counts\":[314,-577]", "\"counts\" holds something"},
		{"\"counts\":[314,577]", "\"counts\":[314,5.77]", "\"counts\" holds something"},
		{"\"levels\":[\"female\",\"male\"],\"counts\":[314,577]", "\"levels\":[\"female\",\"male\"]",
		 "\"counts\" is not one count per level"},
		{"\"levels\":[\"C\",\"Q\",\"S\"]", "\"levels\":[\"C\",\"Q\",\"T\"]",
		 "feature 8 ('Embarked=S') is not what column 6 ('Embarked') gives"},
		{"\"codes\":true", "\"codes\":\"yes\"", "\"codes\" is not true or false"},
		{"\"1\",\"2\",\"3\",\"10\"", "\"1\",\"3\",\"2\",\"10\"", "levels are not in numeric order"},
		{"\"1\",\"2\",\"3\",\"10\"", "\"1\",\"2.0\",\"3\",\"10\"", "not in its shortest form"},
		{"\"1\",\"2\",\"3\",\"10\"", "\"1\",\"2\",\"x\",\"10\"", "a level of codes is not a number"},
		{"\"1\",\"2\",\"3\",\"10\"", "\"1\",\"2\",\"inf\",\"10\"", "a level of codes is not a number"},
		{"\"other\":5", "\"other\":0", "the columns give 14 inputs but the model has 15 features"},
		{"\"other\":5", "\"other\":5,\"why\":\"x\"", "\"why\" does not go with kind \"categorical\""},
		{"\"kind\":\"date\"", "\"kind\":\"numeric\",\"x\":1", "unknown key \"x\""},
		{"\"name\":\"when\"", "\"name\":\"When\"", "feature 15 ('when') is not what column 8"},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *doc = mutate(cases[i].from, cases[i].to);
		ferrum_schema *s = NULL;
		ferrum_error err;
		int rc;

		ferrum_error_clear(&err);
		rc = parse_text(doc, titanic_inputs, N_TITANIC_INPUTS, &s, &err);
		if (!ok(rc == FERRUM_EFORMAT && s == NULL && strstr(err.message, cases[i].why) != NULL &&
		            strncmp(err.message, "schema: ", 8) == 0,
		        "refused: %s", cases[i].why))
			diag("rc %d, message '%s'", rc, err.message);
		ferrum_schema_free(s);
		free(doc);
	}
	{
		ferrum_schema *s = NULL;
		ferrum_error err;

		ok(parse_text(titanic, titanic_inputs, N_TITANIC_INPUTS - 1, &s, &err) ==
		           FERRUM_EFORMAT &&
		       strstr(err.message, "the columns give 15 inputs but the model has 14") != NULL,
		   "fewer features than inputs");
		ok(parse_text("{\"version\":1,\"columns\":{}}", titanic_inputs, 1, &s, &err) ==
		           FERRUM_EFORMAT &&
		       strstr(err.message, "\"columns\" is not a list") != NULL,
		   "columns not an array");
		ok(parse_text("{\"version\":1,\"columns\":[]}", titanic_inputs, 1, &s, &err) ==
		           FERRUM_EFORMAT &&
		       strstr(err.message, "\"columns\" is not a list") != NULL,
		   "no columns");
		ok(parse_text("[]", titanic_inputs, 1, &s, &err) == FERRUM_EFORMAT &&
		       strcmp(err.message, "schema: not a JSON object") == 0,
		   "not an object");
	}
}

/* @i in seven digits (static storage). */
static const char *
level7(size_t i)
{
	static char t[8];
	int k;

	for (k = 6; k >= 0; k--, i /= 10)
		t[k] = (char)('0' + i % 10);
	t[7] = '\0';
	return t;
}

/* A million levels (or columns) cost time and memory in proportion to the
 * text, not more. */
static void
test_large(void)
{
	const size_t n = 200000;
	fe_buf b, names;
	char **feat;
	size_t i, off;
	ferrum_schema *s;
	ferrum_error err;
	int rc;

	fe_buf_init(&b);
	fe_buf_init(&names);
	fe_buf_puts(&b, "{\"version\":1,\"columns\":[{\"name\":\"y\",\"kind\":\"target\"},"
	                "{\"name\":\"c\",\"kind\":\"categorical\",\"levels\":[");
	for (i = 0; i < n; i++) {
		fe_buf_puts(&b, i ? ",\"" : "\"");
		fe_buf_puts(&b, level7(i));
		fe_buf_putc(&b, '"');
	}
	fe_buf_puts(&b, "],\"counts\":[");
	for (i = 0; i < n; i++)
		fe_buf_puts(&b, i ? ",1" : "1");
	fe_buf_puts(&b, "]}]}");
	feat = calloc(n, sizeof *feat);
	for (i = 0; i < n; i++) {
		fe_buf_puts(&names, "c=");
		fe_buf_puts(&names, level7(i));
		fe_buf_putc(&names, '\0');
	}
	if (b.failed || names.failed || feat == NULL)
		bail("out of memory");
	for (i = 0, off = 0; i < n; i++, off += 10)
		feat[i] = names.data + off;
	rc = parse_text(b.data, (const char *const *)feat, n, &s, &err);
	ok(rc == FERRUM_OK && s->n_inputs == n, "200000 levels parse");
	if (rc != FERRUM_OK)
		diag("%s", err.message);
	ferrum_schema_free(s);
	free(feat);
	fe_buf_free(&b);
	fe_buf_free(&names);
}

/* The member read from a model's metadata. */
static void
test_from_model(void)
{
	const char *meta_plain =
		"{\"task\":\"classification\",\"feature_names\":[\"a\",\"b=x\",\"b=y\"],"
		"\"class_names\":[\"n\",\"y\"],\"input_dim\":3,\"output_dim\":2}";
	const char *member =
		"{\"version\":1,\"header\":true,\"na\":[\"NA\"],\"columns\":[{\"name\":\"a\","
		"\"kind\":\"numeric\",\"median\":1,\"min\":0,\"max\":2},{\"name\":\"b\",\"kind\":"
		"\"categorical\",\"levels\":[\"x\",\"y\"],\"counts\":[3,4]},{\"name\":\"t\","
		"\"kind\":\"target\"}]}";
	const char *norm = "0,1;0,1;0,1";
	fe_buf b;
	ferrum_model *m;
	ferrum_schema *s = (ferrum_schema *)&s;
	ferrum_error err;
	char *meta, *j = NULL;

	m = make_model(norm, meta_plain, 3, 2, FERRUM_ACT_SOFTMAX);
	is_int(ferrum_schema_from_model(m, &s, &err), FERRUM_OK, "a model without the member");
	ok(s == NULL, "has no schema");
	ferrum_model_free(m);

	fe_buf_init(&b);
	fe_buf_add(&b, meta_plain, strlen(meta_plain) - 1);
	fe_buf_puts(&b, ",\"schema\":");
	fe_buf_puts(&b, member);
	fe_buf_putc(&b, '}');
	meta = fe_buf_take(&b, NULL);
	m = make_model(norm, meta, 3, 2, FERRUM_ACT_SOFTMAX);
	is_int(ferrum_schema_from_model(m, &s, &err), FERRUM_OK, "a model with the member");
	ok(s != NULL && ferrum_schema_n_columns(s) == 3 && ferrum_schema_target(s) == 2 &&
	       ferrum_schema_n_inputs(s) == 3,
	   "reads it");
	if (s != NULL && ferrum_schema_json(s, &j, NULL) == FERRUM_OK)
		is_string(j, member, "and gives back the same text");
	ferrum_free(j);
	ferrum_schema_free(s);
	ferrum_model_free(m);
	free(meta);

	/* A member that does not match the model's features. */
	fe_buf_init(&b);
	fe_buf_add(&b, meta_plain, strlen(meta_plain) - 1);
	fe_buf_puts(&b, ",\"schema\":");
	fe_buf_puts(&b, member);
	fe_buf_putc(&b, '}');
	meta = fe_buf_take(&b, NULL);
	memcpy(strstr(meta, "\"b=y\""), "\"b=z\"", 5);
	m = make_model(norm, meta, 3, 2, FERRUM_ACT_SOFTMAX);
	s = (ferrum_schema *)&s;
	is_int(ferrum_schema_from_model(m, &s, &err), FERRUM_EFORMAT, "a mismatched member");
	ok(s == NULL, "gives no schema");
	is_string(err.message, "schema: feature 3 ('b=z') is not what column 2 ('b') gives",
	          "and says why");
	ferrum_model_free(m);
	free(meta);

	m = make_model(norm, "{\"task\":\"classification\",\"feature_names\":[\"a\",\"b=x\","
	                     "\"b=y\"],\"schema\":[1],\"input_dim\":3,\"output_dim\":2}",
	               3, 2, FERRUM_ACT_SOFTMAX);
	is_int(ferrum_schema_from_model(m, &s, &err), FERRUM_EFORMAT, "a member not an object");
	ferrum_model_free(m);
}

/* A piecewise-linear encoding: the member, its inputs, its values. */
static const char ple[] =
	"{\"version\":1,\"header\":true,\"na\":[\"NA\"],\"columns\":["
	"{\"name\":\"x\",\"kind\":\"numeric\",\"median\":2,\"min\":-1,\"max\":9,\"missing\":3,"
	"\"indicator\":true,\"encode\":{\"kind\":\"ple\",\"edges\":[0,1,3,7]}},"
	"{\"name\":\"y\",\"kind\":\"target\"}]}";
static const char *const ple_inputs[] = {"x~1", "x~2", "x~3", "x=(missing)"};

static void
test_ple(void)
{
	static const struct {
		const char *cell;
		float want[4];
	} rows[] = {
		{"-1", {-1, 0, 0, 0}},  /* the first is not clamped below */
		{"0", {0, 0, 0, 0}},    {"0.5", {0.5f, 0, 0, 0}}, {"1", {1, 0, 0, 0}},
		{"2", {1, 0.5f, 0, 0}}, {"3", {1, 1, 0, 0}},      {"4", {1, 1, 0.25f, 0}},
		{"7", {1, 1, 1, 0}},
		{"9", {1, 1, 1.5f, 0}}, /* the last is not clamped above */
		{"NA", {1, 0.5f, 0, 1}} /* a gap: the median's inputs and the indicator */
	};
	static const struct {
		const char *from, *to, *why;
	} bad[] = {
		{"[0,1,3,7]", "[0,1,1,7]", "\"edges\" are not increasing"},
		{"[0,1,3,7]", "[0,3,1,7]", "\"edges\" are not increasing"},
		{"[0,1,3,7]", "[0,1,null,7]", "\"edges\" holds something not a finite number"},
		{"[0,1,3,7]", "[0,1,3e39,7]", "\"edges\" holds something not a finite number"},
		{"[0,1,3,7]", "[0,1,\"3\",7]", "\"edges\" holds something not a finite number"},
		{"[0,1,3,7]", "[0]", "\"edges\" is not a list of 2 to 257 numbers"},
		{"[0,1,3,7]", "{}", "\"edges\" is not a list of 2 to 257 numbers"},
		{"\"kind\":\"ple\"", "\"kind\":\"periodic\"", "\"encode\" is not of kind \"ple\""},
		{"\"kind\":\"ple\",", "", "\"encode\" is not of kind \"ple\""},
		{"\"kind\":\"ple\"", "\"kind\":\"ple\",\"bins\":3", "an encoding: unknown key \"bins\""},
		{"{\"kind\":\"ple\",\"edges\":[0,1,3,7]}", "[0,1,3,7]", "\"encode\" is not a JSON object"},
		{"[0,1,3,7]", "[0,1,3,7,8]", "the columns give 5 inputs but the model has 4"},
		{"[0,1,3,7]", "[0,1,3]", "the columns give 3 inputs but the model has 4"},
		{"\"kind\":\"target\"", "\"kind\":\"target\",\"encode\":{}",
		 "\"encode\" does not go with kind \"target\""},
	};
	ferrum_schema *s = NULL;
	ferrum_error err;
	float x[4];
	char *j = NULL, *doc;
	size_t i, n;
	int rc;

	rc = parse_text(ple, ple_inputs, 4, &s, &err);
	if (!ok(rc == FERRUM_OK, "a member with an encoding parses"))
		bail("%s", err.message);
	ok(s->n_inputs == 4 && s->cols[0].n_inputs == 4 && s->cols[0].n_edges == 4 &&
	       s->cols[0].edges[3] == 7.0f,
	   "three value inputs and the indicator");
	if (ferrum_schema_json(s, &j, NULL) == FERRUM_OK)
		is_string(j, ple, "and is written back as it was read");
	ferrum_free(j);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		const char *row[2] = {rows[i].cell, NULL};

		rc = encode(s, row, 0, x, NULL, &err);
		ok(rc == FERRUM_OK && same(x, rows[i].want, 4), "x = %s", rows[i].cell);
	}
	{
		fe_buf b;
		int names_ok = 1;

		fe_buf_init(&b);
		for (i = 0; i < 4; i++) {
			fe_schema_input_name(&b, s, i);
			fe_buf_putc(&b, '\0');
		}
		for (i = 0, n = 0; i < 4; n += strlen(ple_inputs[i]) + 1, i++)
			names_ok &= b.data != NULL && strcmp(b.data + n, ple_inputs[i]) == 0;
		ok(names_ok, "the inputs are named x~1, x~2, x~3, x=(missing)");
		fe_buf_free(&b);
	}
	{
		ferrum_schema *d = fe_schema_copy(s);

		ok(d != NULL && d->cols[0].n_edges == 4 && d->cols[0].edges != s->cols[0].edges &&
		       memcmp(d->cols[0].edges, s->cols[0].edges, 4 * sizeof(float)) == 0,
		   "a copy has its own edges");
		ferrum_schema_free(d);
	}
	ferrum_schema_free(s);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *p = strstr(ple, bad[i].from);
		size_t a, lf = strlen(bad[i].from), lt = strlen(bad[i].to);

		if (p == NULL)
			bail("'%s' is not in the example", bad[i].from);
		a = (size_t)(p - ple);
		doc = malloc(sizeof ple + lt);
		if (doc == NULL)
			bail("out of memory");
		memcpy(doc, ple, a);
		memcpy(doc + a, bad[i].to, lt);
		strcpy(doc + a + lt, p + lf);
		ferrum_error_clear(&err);
		rc = parse_text(doc, ple_inputs, 4, &s, &err);
		if (!ok(rc == FERRUM_EFORMAT && s == NULL && strstr(err.message, bad[i].why) != NULL,
		        "refused: %s", bad[i].why))
			diag("rc %d, message '%s'", rc, err.message);
		ferrum_schema_free(s);
		free(doc);
	}
	{
		/* Too many edges: 258. */
		fe_buf b;

		fe_buf_init(&b);
		fe_buf_puts(&b, "{\"version\":1,\"columns\":[{\"name\":\"x\",\"kind\":\"numeric\","
		                "\"median\":0,\"min\":0,\"max\":1,\"encode\":{\"kind\":\"ple\","
		                "\"edges\":[");
		for (i = 0; i < FERRUM_ENCODE_MAX_BINS + 2; i++)
			fe_buf_printf(&b, i ? ",%zu" : "%zu", i);
		fe_buf_puts(&b, "]}},{\"name\":\"y\",\"kind\":\"target\"}]}");
		rc = b.failed ? -1 : parse_text(b.data, ple_inputs, 4, &s, &err);
		ok(rc == FERRUM_EFORMAT && strstr(err.message, "is not a list of 2 to 257") != NULL,
		   "refused: 258 edges");
		ferrum_schema_free(s);
		fe_buf_free(&b);
	}
}

int
main(void)
{
	plan_lazy();
	test_accessors();
	test_write_plain();
	test_dates();
	test_encode();
	test_round_trip();
	test_hostile();
	test_large();
	test_from_model();
	test_ple();
	return done_testing();
}

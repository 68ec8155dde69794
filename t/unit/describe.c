/* describe.c: column summaries (finf-stats --describe) against hand counts.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Summarise the CSV text @s; NULL on error, with @err filled. */
static ferrum_summary *
summarise(const char *s, ferrum_error *err)
{
	ferrum_csv *csv = NULL;
	ferrum_summary *sum = NULL;

	ferrum_error_clear(err);
	if (ferrum_csv_new_buffer(&csv, s, strlen(s), err) != FERRUM_OK)
		bail("csv: %s", err->message);
	if (ferrum_summary_read(csv, &sum, err) != FERRUM_OK)
		sum = NULL;
	ferrum_csv_free(csv);
	return sum;
}

static const char small[] = "x,colour,y\n"
                            "1,red,10\n"
                            "2,blue,NA\n"
                            "3,red,\n"
                            "4,green,?\n"
                            "10,red,20\n";

static void
test_values(void)
{
	ferrum_error err;
	ferrum_summary *s = summarise(small, &err);
	const ferrum_column_summary *x, *c, *y;

	if (s == NULL)
		bail("small: %s", err.message);
	is_int((long long)ferrum_summary_n_columns(s), 3, "three columns");
	is_int((long long)ferrum_summary_n_rows(s), 5, "five data rows, the header apart");
	x = ferrum_summary_column(s, 0);
	c = ferrum_summary_column(s, 1);
	y = ferrum_summary_column(s, 2);
	ok(ferrum_summary_column(s, 3) == NULL, "a column past the end is NULL");
	is_string(x->name, "x", "names from the header");
	ok(x->numeric, "x is numeric");
	is_int((long long)x->count, 5, "x: count");
	is_int((long long)x->missing, 0, "x: nothing missing");
	is_double(x->mean, 4.0, 0, "x: mean of 1,2,3,4,10");
	is_double(x->std, sqrt(10.0), 0, "x: population std is sqrt 10");
	is_double(x->min, 1, 0, "x: min");
	is_double(x->q1, 2, 0, "x: q1");
	is_double(x->median, 3, 0, "x: median");
	is_double(x->q3, 4, 0, "x: q3");
	is_double(x->max, 10, 0, "x: max");
	is_int((long long)x->distinct, 5, "x: distinct");
	ok(x->top == NULL && x->top_count == 0, "x: no most frequent value for a number column");

	ok(!c->numeric, "colour is categorical");
	ok(isnan(c->mean) && isnan(c->std) && isnan(c->min) && isnan(c->median) && isnan(c->max),
	   "colour: no numbers");
	is_int((long long)c->distinct, 3, "colour: three distinct values");
	is_string(c->top, "red", "colour: red is the most frequent");
	is_int((long long)c->top_count, 3, "colour: three times");

	ok(y->numeric, "y is numeric");
	is_int((long long)y->count, 2, "y: two values");
	is_int((long long)y->missing, 3, "y: '', NA and ? are missing");
	is_double(y->mean, 15, 0, "y: mean");
	is_double(y->std, 5, 0, "y: std");
	is_double(y->q1, 12.5, 0, "y: q1 interpolated");
	is_double(y->q3, 17.5, 0, "y: q3 interpolated");
	ferrum_summary_free(s);
}

static void
test_writers(void)
{
	ferrum_error err;
	ferrum_summary *s = summarise(small, &err);
	char *text = NULL;
	size_t len = 0;

	if (s == NULL)
		bail("small: %s", err.message);
	is_int(ferrum_summary_json(s, &text, &len), FERRUM_OK, "json");
	is_string(text,
	          "{\"column\":\"x\",\"kind\":\"numeric\",\"count\":5,\"missing\":0,\"mean\":4,"
	          "\"std\":3.1622776601683795,\"min\":1,\"q1\":2,\"median\":3,\"q3\":4,\"max\":10,"
	          "\"distinct\":5,\"top\":null,\"top_count\":0}\n"
	          "{\"column\":\"colour\",\"kind\":\"categorical\",\"count\":5,\"missing\":0,"
	          "\"mean\":null,\"std\":null,\"min\":null,\"q1\":null,\"median\":null,\"q3\":null,"
	          "\"max\":null,\"distinct\":3,\"top\":\"red\",\"top_count\":3}\n"
	          "{\"column\":\"y\",\"kind\":\"numeric\",\"count\":2,\"missing\":3,\"mean\":15,"
	          "\"std\":5,\"min\":10,\"q1\":12.5,\"median\":15,\"q3\":17.5,\"max\":20,"
	          "\"distinct\":2,\"top\":null,\"top_count\":0}\n",
	          "json: one line per column, shortest doubles, null for what does not apply");
	is_int((long long)len, (long long)strlen(text), "json: the length");
	ferrum_free(text);

	is_int(ferrum_summary_text(s, 0, &text, NULL), FERRUM_OK, "text");
	is_string(text,
	          "3 columns, 5 rows\n"
	          "\n"
	          "x (numeric): count 5, missing 0, distinct 5\n"
	          "  mean 4  std 3.16228\n"
	          "  min 1  q1 2  median 3  q3 4  max 10\n"
	          "\n"
	          "colour (categorical): count 5, missing 0, distinct 3\n"
	          "  most frequent: red (3)\n"
	          "\n"
	          "y (numeric): count 2, missing 3, distinct 2\n"
	          "  mean 15  std 5\n"
	          "  min 10  q1 12.5  median 15  q3 17.5  max 20\n",
	          "text: the finf-stats --describe layout");
	ferrum_free(text);

	is_int(ferrum_summary_text(s, FERRUM_TEXT_COLOR, &text, NULL), FERRUM_OK, "text in colour");
	ok(strstr(text, "\n\033[1mcolour\033[0m (categorical)") != NULL, "colour: names in bold");
	ferrum_free(text);
	ferrum_summary_free(s);
}

static void
test_shapes(void)
{
	ferrum_error err;
	ferrum_summary *s;
	const ferrum_column_summary *c;
	char *text;

	/* The first record is of the same kinds as the rows below: no
	 * header. */
	s = summarise("1,5\n2,6\n2.0,7\n", &err);
	ok(s != NULL && ferrum_summary_n_rows(s) == 3, "headerless: every record is data");
	if (s != NULL) {
		is_string(ferrum_summary_column(s, 0)->name, "1", "headerless: column 1");
		is_string(ferrum_summary_column(s, 1)->name, "2", "headerless: column 2");
		is_int((long long)ferrum_summary_column(s, 0)->distinct, 2, "numbers compared as numbers (2 and 2.0)");
	}
	ferrum_summary_free(s);

	/* A string label in the first row is data when the label column
	 * holds strings below too (the old last-field rule took it for a
	 * header); "-" and "N/A" are missing. */
	s = summarise("5.1,setosa\n4.9,setosa\n-,versicolor\nN/A,virginica\n", &err);
	ok(s != NULL && ferrum_summary_n_rows(s) == 4, "a text label in the first row is data");
	if (s != NULL) {
		is_int((long long)ferrum_summary_column(s, 0)->missing, 2, "'-' and 'N/A' are missing");
		is_int((long long)ferrum_summary_column(s, 1)->distinct, 3, "three labels");
	}
	ferrum_summary_free(s);

	/* Ties go to the first value in byte order; non-finite numbers and
	 * overflow make a column categorical; -0 and 0 are one number. */
	s = summarise("a,b,c,d\nz,inf,1e999,-0\ny,1,1,0\nz,2,2,0\ny,3,3,1\n", &err);
	if (s == NULL)
		bail("ties: %s", err.message);
	c = ferrum_summary_column(s, 0);
	is_string(c->top, "y", "a tie goes to the first value in byte order");
	is_int((long long)c->top_count, 2, "tie: its count");
	ok(!ferrum_summary_column(s, 1)->numeric, "'inf' makes a column categorical");
	ok(!ferrum_summary_column(s, 2)->numeric, "'1e999' (not finite) makes a column categorical");
	is_int((long long)ferrum_summary_column(s, 3)->distinct, 2, "-0 and 0 are one number");
	ferrum_summary_free(s);

	/* Values too far apart for their difference to be finite: the
	 * quartiles stay between them (min was NaN, the quartiles inf). */
	s = summarise("a\n-1e308\n1e308\n", &err);
	if (s == NULL)
		bail("far: %s", err.message);
	c = ferrum_summary_column(s, 0);
	is_double(c->min, -1e308, 0, "far apart: min");
	is_double(c->q1, -0.75e308 + 0.25e308, 1e293, "far apart: q1 between them");
	is_double(c->median, 0, 0, "far apart: median");
	is_double(c->max, 1e308, 0, "far apart: max");
	ferrum_summary_free(s);

	/* A header only: columns without values are categorical, without top. */
	s = summarise("a,b\n", &err);
	if (s == NULL)
		bail("header only: %s", err.message);
	is_int((long long)ferrum_summary_n_rows(s), 0, "header only: no rows");
	c = ferrum_summary_column(s, 1);
	ok(!c->numeric && c->count == 0 && c->top == NULL && c->distinct == 0,
	   "header only: an empty categorical column");
	is_int(ferrum_summary_json(s, &text, NULL), FERRUM_OK, "header only: json");
	ok(strstr(text, "\"top\":null,\"top_count\":0}\n") != NULL, "header only: top is null");
	ferrum_free(text);
	ferrum_summary_free(s);

	/* Control characters in names and values are JSON-escaped. */
	s = summarise("\"a\tb\",c\n\"x\ny\",1\n", &err);
	if (s == NULL)
		bail("escapes: %s", err.message);
	is_int(ferrum_summary_json(s, &text, NULL), FERRUM_OK, "escapes: json");
	ok(strncmp(text, "{\"column\":\"a\\tb\"", 16) == 0, "escapes: a tab in a name");
	ok(strstr(text, "\"top\":\"x\\ny\"") != NULL, "escapes: a line break in a value");
	ferrum_free(text);
	ferrum_summary_free(s);
}

static void
test_errors(void)
{
	ferrum_error err;
	ferrum_summary *s;
	ferrum_csv *csv;

	s = summarise("", &err);
	ok(s == NULL, "empty input is refused");
	is_int(err.code, FERRUM_EINPUT, "empty input: EINPUT");
	is_string(err.message, "empty input", "empty input: message");

	s = summarise("a,b\n1,2\n3\n", &err);
	ok(s == NULL, "a short record is refused");
	is_string(err.message, "expected 2 fields, got 1", "short record: message");
	is_int(err.line, 3, "short record: its line");

	s = summarise("a,b\n1,\"x\n", &err);
	ok(s == NULL, "a CSV error is passed on");
	is_int(err.code, FERRUM_EINPUT, "CSV error: EINPUT");
	is_string(err.message, "field 2: unterminated quoted field",
	          "CSV error: the reader's message without the line");
	is_int(err.line, 2, "CSV error: its line");

	/* err may be NULL. */
	if (ferrum_csv_new_buffer(&csv, "", 0, NULL) != FERRUM_OK)
		bail("csv");
	s = (ferrum_summary *)&err;
	is_int(ferrum_summary_read(csv, &s, NULL), FERRUM_EINPUT, "err may be NULL");
	ok(s == NULL, "*out is NULL on failure");
	ferrum_csv_free(csv);
	ferrum_summary_free(NULL);
	ok(1, "ferrum_summary_free(NULL) is a no-op");
}

int
main(void)
{
	plan_lazy();
	test_values();
	test_writers();
	test_shapes();
	test_errors();
	return done_testing();
}

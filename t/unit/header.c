/* t/unit/header.c: the frame of a real table: missing-value markers, the
 * header rule decided from the data, and the column names.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <stdio.h>
#include <string.h>

static ferrum_error last;

/* Read @text with header mode @header into @f; the status. */
static int
frame(const char *text, int header, fe_frame *f)
{
	ferrum_csv *c;
	fe_na na;
	int rc;

	ferrum_error_clear(&last);
	if (fe_na_init(&na, NULL, NULL) != FERRUM_OK)
		bail("fe_na_init");
	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	/* Semicolons where the text has any (finf-train sniffs them). */
	ferrum_csv_set_delimiter(c, strchr(text, ';') != NULL ? ';' : ',');
	rc = fe_frame_read_csv(c, header, &na, f, &last);
	ferrum_csv_free(c);
	fe_na_free(&na);
	return rc;
}

/* The names of @f joined with '|'. */
static const char *
names(const fe_frame *f)
{
	static char buf[256];
	size_t j, n = 0;

	buf[0] = '\0';
	for (j = 0; j < f->n_cols; j++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", j ? "|" : "", f->names[j]);
	return buf;
}

/* @text reads with a header (@hdr) or not, @rows rows, names @want. */
static void
reads(const char *text, int mode, int hdr, size_t rows, const char *want, const char *what)
{
	fe_frame f;

	if (frame(text, mode, &f) != FERRUM_OK) {
		ok(0, "%s: read (%s)", what, last.message);
		return;
	}
	ok(f.has_header == hdr, "%s: header %d", what, hdr);
	is_int((long long)f.n_rows, (long long)rows, "%s: rows", what);
	is_string(names(&f), want, "%s: names", what);
	fe_frame_free(&f);
}

static void
test_na(void)
{
	fe_na na;
	ferrum_error e;
	char many[4 * FE_NA_MAX + 8];
	size_t i, n = 0;

	ok(fe_na_init(&na, NULL, NULL) == FERRUM_OK, "default markers");
	ok(fe_na_match(&na, "", 0) && fe_na_match(&na, "NA", 2) && fe_na_match(&na, "N/A", 3) &&
	   fe_na_match(&na, "NaN", 3) && fe_na_match(&na, "null", 4) && fe_na_match(&na, "?", 1) &&
	   fe_na_match(&na, "-", 1) && fe_na_match(&na, "#N/A", 4) && fe_na_match(&na, "NULL", 4) &&
	   fe_na_match(&na, "n/a", 3) && fe_na_match(&na, "nan", 3),
	   "the default markers and the empty field are missing");
	ok(!fe_na_match(&na, "na", 2) && !fe_na_match(&na, "0", 1) && !fe_na_match(&na, "--", 2) &&
	   !fe_na_match(&na, "NAN", 3) && !fe_na_match(&na, "None", 4) && !fe_na_match(&na, "Null", 4),
	   "markers match byte for byte");
	fe_na_free(&na);
	ok(fe_na_init(&na, "unknown,,x", NULL) == FERRUM_OK, "a marker list");
	ok(fe_na_match(&na, "unknown", 7) && fe_na_match(&na, "x", 1) && fe_na_match(&na, "", 0) &&
	   !fe_na_match(&na, "NA", 2), "a list replaces the defaults; the empty field stays missing");
	fe_na_free(&na);
	for (i = 0; i <= FE_NA_MAX; i++)
		n += (size_t)snprintf(many + n, sizeof many - n, "%s%zu", i ? "," : "", i % 10);
	ok(fe_na_init(&na, many, &e) == FERRUM_EINVAL, "more than %d markers are refused",
	   FE_NA_MAX);
}

int
main(void)
{
	fe_frame f;

	plan_lazy();
	test_na();

	reads("a,b,c\n1,2,x\n3,4,y\n", -1, 1, 2, "a|b|c", "a text header over numbers");
	reads("5.1,3.5,setosa\n4.9,3,setosa\n", -1, 0, 2, "1|2|3",
	      "a string label in the first row is data, not a header");
	reads("x,y\nu,v\nw,z\n", -1, 0, 3, "1|2", "all text: the first row is data");
	reads("x,y\nu,v\n", 1, 1, 1, "x|y", "--header");
	reads("a,b\n1,2\n", 0, 0, 2, "1|2", "--no-header");
	reads("150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n", -1, 1, 1,
	      "150|4|setosa|versicolor|virginica", "a header of counts and names");
	reads("x,NA\n1,2\n?,3\n", -1, 1, 2, "x|NA", "gaps below do not change the kind");
	reads("id,v\n,1\n,2\n", -1, 1, 2, "id|v", "a header over an empty column and a numeric one");
	reads("a,b,y\n,,x\n,,z\n", -1, 1, 2, "a|b|y", "names over columns of nothing but gaps");
	reads("name,2012,2013\nAruba,1.5,\nChad,6.1,\n", -1, 1, 2, "name|2012|2013",
	      "a year over a column with no data yet");
	reads("x,1,2\ny,3,4\n", -1, 0, 2, "1|2|3", "text and numbers over the same kinds");
	reads("'x',\"y\",,x\n1,2,3,4\n", -1, 1, 1, "x|y|3|x.2",
	      "quoted names unquoted, an empty name numbered, a repeat suffixed");
	reads("a,a,a,a.2\n1,2,3,4\n", -1, 1, 1, "a|a.2|a.3|a.2.2", "repeats made unique");
	reads("color,size,y\nred,big,yes\nblue,small,no\nred,small,yes\n", -1, 1, 3,
	      "color|size|y", "names over columns of categories");
	reads("red,big,yes\nblue,small,no\nred,small,yes\n", -1, 0, 3, "1|2|3",
	      "categories without a header: the first row's values come again");
	reads("color,size,y\nred,big,yes\nblue,small,no\n", -1, 0, 3, "1|2|3",
	      "two rows of text that never repeat: no sign of a header");
	reads("a,b\nr1,1,2\nr2,3,4\n", -1, 1, 2, "1|a|b", "R's row names under a short header");
	reads("a;b\n1,5;2\n3,5;4\n", -1, 1, 2, "a|b", "a header over decimal commas");
	reads("a,b\n1,2,\n3,4,\n", -1, 1, 2, "a|b|3", "a delimiter at the end of the rows only");
	reads("a,b\n1,2,\n3,4,5\n", -1, 1, 2, "1|a|b", "... of some rows: R's row names");
		reads("a,b\n", -1, 1, 0, "a|b", "a lone header");
	reads("1,2\n", -1, 0, 1, "1|2", "a lone data row");

	ok(frame("a,b\n1,2\n3\n", -1, &f) == FERRUM_EINPUT && last.line == 3,
	   "a short row is refused with its line");
	is_string(last.message, "expected 2 fields, got 1", "... and says what it expected");
	ok(frame("", -1, &f) == FERRUM_EINPUT, "empty input");
	is_string(last.message, "empty input", "... says so");
	ok(frame("\n\n  \n", -1, &f) == FERRUM_EINPUT, "blank lines only are empty input");

	if (frame("a;b\n1,5;x\n-2,25;y\n", -1, &f) != FERRUM_OK)
		bail("read: %s", last.message);
	ok(f.decimal_comma && strcmp(fe_frame_cell(&f, 0, 0, NULL), "1.5") == 0 &&
	   strcmp(fe_frame_cell(&f, 1, 0, NULL), "-2.25") == 0, "decimal commas read as points");
	fe_frame_free(&f);
	if (frame("a;b\n1,5;1\n2.5;2\n", -1, &f) != FERRUM_OK)
		bail("read: %s", last.message);
	ok(!f.decimal_comma && strcmp(fe_frame_cell(&f, 0, 0, NULL), "1,5") == 0,
	   "a decimal point anywhere: commas stay");
	fe_frame_free(&f);
	if (frame("a,b\n\"1,5\",x\n\"2,5\",y\n", -1, &f) != FERRUM_OK)
		bail("read: %s", last.message);
	ok(!f.decimal_comma, "commas between the fields: no decimal commas");
	fe_frame_free(&f);
	ok(fe_decimal_comma("2,5", 3) == 1 && fe_decimal_comma(" -0,25e-3 ", 10) == 3 &&
	   fe_decimal_comma("12,0", 4) == 2, "numbers with a decimal comma");
	ok(!fe_decimal_comma(",5", 2) && !fe_decimal_comma("5,", 2) && !fe_decimal_comma("1,2,3", 5) &&
	   !fe_decimal_comma("1.5", 3) && !fe_decimal_comma("a,5", 3) && !fe_decimal_comma("1,5e", 4),
	   "and what is not one");

	if (frame("a,b\n1,x\n2,y\n", -1, &f) != FERRUM_OK)
		bail("read: %s", last.message);
	{
		size_t len;
		const char *s = fe_frame_cell(&f, 1, 1, &len);

		ok(strcmp(s, "y") == 0 && len == 1 && f.lines[1] == 3, "cells and lines");
	}
	fe_frame_free(&f);
	return done_testing();
}

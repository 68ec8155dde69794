/* t/unit/table.c: the data set reader: header rule, target choice, task
 * rule, classes, every error, and the ten shared data sets.
 * SPDX-License-Identifier: MIT
 *
 * Expectations come from the original engine's rules (format notes,
 * section 8 and section 11), from hand counting, and for the data sets from
 * the figures in their SOURCES.md plus a naive split-and-strtof reader. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ferrum_error last;

/* Read @text with the target @target, task @task and strictness @strict. */
static ferrum_table *
read_opts(const char *text, const char *target, int task, int strict)
{
	ferrum_csv *c;
	ferrum_table *t = NULL;
	ferrum_table_options o;

	ferrum_table_options_init(&o);
	o.target = target;
	o.task = task;
	o.strict_ferrum = strict;
	ferrum_error_clear(&last);
	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	if (ferrum_table_read(c, &o, &t, &last) != FERRUM_OK)
		t = NULL;
	ferrum_csv_free(c);
	return t;
}

/* The original engine's rules (strict_ferrum), which these tests pin. */
static ferrum_table *
read_text(const char *text)
{
	return read_opts(text, NULL, -1, 1);
}

/* The read fails with @code and the message @msg (and line/column). */
static void
fails(const char *text, int strict, int code, const char *msg, long long line, long long col,
      const char *name)
{
	ferrum_table *t = read_opts(text, NULL, -1, strict);

	ok(t == NULL && last.code == code, "%s: refused with %d (got %d)", name, code, last.code);
	is_string(last.message, msg, "%s: message", name);
	ok(last.line == line && last.column == col, "%s: line %lld column %lld (got %lld %lld)",
	   name, line, col, last.line, last.column);
	ferrum_table_free(t);
}

/* "x,y": @repeated classes "cK" of 5 rows each, then @single classes
 * "sK" of one row each. */
static char *
make_singletons(size_t repeated, size_t single)
{
	fe_buf b;
	size_t i, k, n = 0;

	fe_buf_init(&b);
	fe_buf_puts(&b, "x,y\n");
	for (k = 0; k < repeated; k++)
		for (i = 0; i < 5; i++)
			fe_buf_printf(&b, "%zu,c%zu\n", n++, k);
	for (k = 0; k < single; k++)
		fe_buf_printf(&b, "%zu,s%zu\n", n++, k);
	return fe_buf_take(&b, NULL);
}

/* @rows rows "i,LABEL" where the label cycles through @k integers between
 * @pre and @post ("c7", "7.5"). */
static char *
make_labels(size_t rows, size_t k, const char *pre, const char *post)
{
	fe_buf b;
	size_t i;

	fe_buf_init(&b);
	fe_buf_puts(&b, "x,y\n");
	for (i = 0; i < rows; i++) {
		fe_buf_printf(&b, "%zu,", i);
		fe_buf_printf(&b, "%s%d%s", pre, (int)(i % k), post);
		fe_buf_putc(&b, '\n');
	}
	return fe_buf_take(&b, NULL);
}

static int
task_of(const char *text)
{
	ferrum_table *t = read_text(text);
	int task = t != NULL ? ferrum_table_task(t) : -99;

	if (t == NULL)
		diag("refused: %s", last.message);
	ferrum_table_free(t);
	return task;
}

static void
test_basic(void)
{
	ferrum_table *t;
	const float *x;
	const uint32_t *lab;

	t = read_text("a,b,label\n1,2,cat\n3,4,dog\n5,6,cat\n7,8.5,emu\n");
	ok(t != NULL, "a small table");
	if (t == NULL)
		return;
	is_int((long long)ferrum_table_n_rows(t), 4, "4 rows");
	is_int((long long)ferrum_table_n_features(t), 2, "2 features");
	is_int(ferrum_table_has_header(t), 1, "a header");
	is_string(ferrum_table_feature_name(t, 0), "a", "feature 0 is a");
	is_string(ferrum_table_feature_name(t, 1), "b", "feature 1 is b");
	ok(ferrum_table_feature_name(t, 2) == NULL, "no feature 2");
	is_string(ferrum_table_target_name(t), "label", "target name");
	is_int((long long)ferrum_table_target_column(t), 2, "target column");
	is_int(ferrum_table_task(t), FERRUM_TASK_CLASSIFICATION, "classification");
	is_int((long long)ferrum_table_n_classes(t), 3, "3 classes");
	is_string(ferrum_table_class_name(t, 0), "cat", "first appearance: cat");
	is_string(ferrum_table_class_name(t, 1), "dog", "then dog");
	is_string(ferrum_table_class_name(t, 2), "emu", "then emu");
	ok(ferrum_table_class_count(t, 0) == 2 && ferrum_table_class_count(t, 1) == 1 &&
	   ferrum_table_class_count(t, 2) == 1, "counts 2, 1, 1");
	x = ferrum_table_features(t);
	ok(x[0] == 1 && x[1] == 2 && x[2] == 3 && x[3] == 4 && x[6] == 7 && x[7] == 8.5f,
	   "features row-major in file order");
	lab = ferrum_table_labels(t);
	ok(lab[0] == 0 && lab[1] == 1 && lab[2] == 0 && lab[3] == 2, "labels 0 1 0 2");
	ok(ferrum_table_targets(t) == NULL, "no regression targets");
	ok(ferrum_table_row_line(t, 0) == 2 && ferrum_table_row_line(t, 3) == 5, "row lines");
	ferrum_table_free(t);

	/* header rule: a numeric last field means no header */
	t = read_text("1,2,3\n4,5,6\n7,8,3\n");
	ok(t != NULL && !ferrum_table_has_header(t) && ferrum_table_n_rows(t) == 3,
	   "numeric last field: no header, 3 rows");
	if (t != NULL) {
		is_string(ferrum_table_feature_name(t, 0), "feature_0", "generated name 0");
		is_string(ferrum_table_feature_name(t, 1), "feature_1", "generated name 1");
		is_string(ferrum_table_target_name(t), "", "no target name");
	}
	ferrum_table_free(t);
	/* only the last field decides: "a,b,1" is data, "1,2,x" a header */
	t = read_text("a,b,1\n");
	ok(t == NULL && strcmp(last.message, "line 1: field 1: 'a' is not a number") == 0,
	   "'a,b,1' is a data row (%s)", last.message);
	t = read_text("1,2,x\n3,4,y\n5,6,x\n");
	ok(t != NULL && ferrum_table_has_header(t) && ferrum_table_n_rows(t) == 2,
	   "'1,2,x' is a header");
	if (t != NULL)
		is_string(ferrum_table_feature_name(t, 1), "2", "numeric header name kept");
	ferrum_table_free(t);
	t = read_text("a,b,nan\n1,2,x\n3,4,y\n");
	ok(t == NULL && strcmp(last.message, "line 1: field 1: 'a' is not a number") == 0,
	   "a last field 'nan' is a number, so no header (%s)", last.message);

	/* quotes, Unicode trimming, CRLF, BOM, blank lines */
	t = read_text("\xEF\xBB\xBF\r\n\"a,1\",\xC2\xA0" "b\xC2\xA0,\"\"\"lab\"\"\"\r\n"
	              "\xC2\xA0" "1.5\xE3\x80\x80,\"2\",\"x,y\"\r\n\r\n  \r\n3,4,\"z\"\r\n");
	ok(t != NULL, "quotes, no-break spaces, CRLF, BOM, blank lines (%s)", last.message);
	if (t != NULL) {
		is_string(ferrum_table_feature_name(t, 0), "a,1", "quoted name with a comma");
		is_string(ferrum_table_feature_name(t, 1), "b", "no-break spaces trimmed from a name");
		is_string(ferrum_table_target_name(t), "lab", "'\"' stripped from the target name");
		ok(ferrum_table_features(t)[0] == 1.5f && ferrum_table_features(t)[1] == 2.0f &&
		   ferrum_table_features(t)[2] == 3.0f, "1.5 between no-break spaces, quoted 2");
		is_string(ferrum_table_class_name(t, 0), "x,y", "quoted class name");
		ok(ferrum_table_row_line(t, 1) == 6, "line numbers count the blank lines");
	}
	ferrum_table_free(t);
}

static void
test_target(void)
{
	static const char csv[] = "a,b,c,d\n1,2,x,4\n5,6,y,8\n9,10,x,12\n";
	ferrum_table *t;
	const float *x;

	t = read_opts(csv, "c", -1, 1);
	ok(t != NULL, "target by name");
	if (t != NULL) {
		x = ferrum_table_features(t);
		is_int((long long)ferrum_table_target_column(t), 2, "column 3");
		is_string(ferrum_table_feature_name(t, 2), "d", "the others keep file order");
		ok(x[0] == 1 && x[1] == 2 && x[2] == 4 && x[3] == 5 && x[5] == 8,
		   "features skip the target column");
		is_string(ferrum_table_class_name(t, 1), "y", "classes from column c");
	}
	ferrum_table_free(t);
	t = read_opts(csv, "3", -1, 1);
	ok(t != NULL && ferrum_table_target_column(t) == 2 &&
	   strcmp(ferrum_table_target_name(t), "c") == 0, "target by 1-based index");
	ferrum_table_free(t);
	t = read_opts("1,2\n3,4\n5,6\n", "1", -1, 1);
	ok(t != NULL && ferrum_table_target_column(t) == 0 && ferrum_table_features(t)[0] == 2,
	   "target by index without a header");
	ferrum_table_free(t);
	t = read_opts("2,1,y\n1,2,5\n3,4,6\n7,8,9\n", "2", -1, 1);
	ok(t != NULL && ferrum_table_target_column(t) == 0, "a header name wins over an index");
	ferrum_table_free(t);
	t = read_opts(csv, "e", -1, 1);
	ok(t == NULL && last.code == FERRUM_EINVAL, "unknown name refused");
	is_string(last.message, "no column named 'e'", "unknown name message");
	t = read_opts(csv, "5", -1, 1);
	ok(t == NULL && last.code == FERRUM_EINVAL, "index 5 of 4 refused");
	is_string(last.message, "target column 5 out of range 1-4", "index message");
	t = read_opts(csv, "0", -1, 1);
	ok(t == NULL && last.code == FERRUM_EINVAL, "index 0 refused");
	t = read_opts("1,2\n3,4\n", "y", -1, 1);
	ok(t == NULL && last.code == FERRUM_EINVAL, "a name without a header refused");
}

static void
test_task(void)
{
	char *s;
	ferrum_table *t;

	s = make_labels(51, 15, "", "");
	is_int(task_of(s), FERRUM_TASK_CLASSIFICATION, "51 rows, 15 distinct numbers: classification");
	free(s);
	s = make_labels(51, 16, "", "");
	is_int(task_of(s), FERRUM_TASK_REGRESSION, "51 rows, 16 distinct numbers: regression");
	free(s);
	s = make_labels(50, 16, "", "");
	is_int(task_of(s), FERRUM_TASK_CLASSIFICATION,
	       "50 rows, 16 distinct: classification (threshold 16)");
	free(s);
	s = make_labels(50, 17, "", "");
	is_int(task_of(s), FERRUM_TASK_REGRESSION, "50 rows, 17 distinct: regression");
	free(s);
	s = make_labels(30, 10, "", "");
	is_int(task_of(s), FERRUM_TASK_CLASSIFICATION, "30 rows, 10 distinct: classification");
	free(s);
	s = make_labels(30, 11, "", "");
	is_int(task_of(s), FERRUM_TASK_REGRESSION, "30 rows, 11 distinct: regression");
	free(s);
	s = make_labels(48, 16, "", "");
	is_int(task_of(s), FERRUM_TASK_CLASSIFICATION, "48 rows, 16 distinct: classification");
	free(s);
	s = make_labels(3, 2, "", "");
	is_int(task_of(s), FERRUM_TASK_REGRESSION, "3 rows, 2 distinct: regression (threshold 1)");
	free(s);
	s = make_labels(2, 2, "", "");
	is_int(task_of(s), FERRUM_TASK_REGRESSION, "2 rows, 2 distinct: regression (threshold 0)");
	free(s);
	s = make_labels(60, 20, "c", "");
	is_int(task_of(s), FERRUM_TASK_CLASSIFICATION, "20 distinct texts: classification");
	free(s);
	/* The real-table rules: a label with a fractional part is no class
	 * number, however few the distinct labels; the original's rules
	 * count them only. */
	s = make_labels(60, 12, "", ".5");
	is_int(task_of(s), FERRUM_TASK_CLASSIFICATION, "12 distinct x.5, original rules: classification");
	t = read_opts(s, NULL, -1, 0);
	ok(t != NULL && ferrum_table_task(t) == FERRUM_TASK_REGRESSION,
	   "12 distinct x.5, real-table rules: regression");
	ferrum_table_free(t);
	free(s);
	s = make_labels(60, 12, "", ".0");
	t = read_opts(s, NULL, -1, 0);
	ok(t != NULL && ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION,
	   "12 distinct x.0, real-table rules: whole numbers, classification");
	ferrum_table_free(t);
	free(s);
	s = make_labels(60, 3, "", "");
	t = read_opts(s, NULL, FERRUM_TASK_CLASSIFICATION, 0);
	ok(t != NULL && ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION,
	   "three whole numbers, real-table rules: classification");
	ferrum_table_free(t);
	free(s);
	s = make_labels(60, 12, "", ".5");
	t = read_opts(s, NULL, FERRUM_TASK_CLASSIFICATION, 0);
	ok(t != NULL && ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION,
	   "x.5 with the task given as classification: classification");
	ferrum_table_free(t);
	free(s);
	s = make_labels(60, 20, "", "");
	s[strlen(s) - 2] = 'z'; /* one label non-numeric */
	is_int(task_of(s), FERRUM_TASK_CLASSIFICATION, "one non-numeric label: classification");
	free(s);

	/* "18" and "18.0" are two labels: 8 values x 2 spellings = 16 */
	{
		fe_buf b;
		size_t i;

		fe_buf_init(&b);
		fe_buf_puts(&b, "x,y\n");
		for (i = 0; i < 64; i++)
			fe_buf_printf(&b, "%zu,%d%s\n", i, (int)(i % 8) + 18, (i / 8) % 2 ? ".0" : "");
		s = fe_buf_take(&b, NULL);
		t = read_text(s);
		ok(t != NULL && ferrum_table_task(t) == FERRUM_TASK_REGRESSION,
		   "'18' and '18.0' are distinct: 16 labels, regression");
		if (t != NULL) {
			ok(ferrum_table_targets(t)[0] == 18 && ferrum_table_targets(t)[15] == 25,
			   "regression targets parsed");
			ok(ferrum_table_labels(t) == NULL && ferrum_table_n_classes(t) == 0,
			   "no classes for regression");
		}
		ferrum_table_free(t);
		free(s);
	}

	s = make_labels(60, 20, "", "");
	t = read_opts(s, NULL, FERRUM_TASK_CLASSIFICATION, 1);
	ok(t != NULL && ferrum_table_n_classes(t) == 20 &&
	   strcmp(ferrum_table_class_name(t, 3), "3") == 0, "forced classification: 20 classes");
	ferrum_table_free(t);
	free(s);
	s = make_labels(9, 3, "", ".5");
	t = read_opts(s, NULL, FERRUM_TASK_REGRESSION, 1);
	ok(t != NULL && ferrum_table_task(t) == FERRUM_TASK_REGRESSION &&
	   ferrum_table_targets(t)[2] == 2.5f, "forced regression");
	ferrum_table_free(t);
	free(s);
	t = read_opts("x,y\n1,2\n2,three\n", NULL, FERRUM_TASK_REGRESSION, 1);
	ok(t == NULL, "forced regression with a word");
	is_string(last.message, "line 3: field 2: target 'three' is not a number",
	          "forced regression message");
	t = read_opts("x,y\n1,2\n2,inf\n", NULL, FERRUM_TASK_REGRESSION, 1);
	is_string(last.message, "line 3: field 2: target 'inf' is not a finite number",
	          "infinite target refused");
}

static void
test_errors(void)
{
	fails("", 1, FERRUM_EINPUT, "empty input", -1, -1, "empty");
	fails("\n \n\r\n", 1, FERRUM_EINPUT, "empty input", -1, -1, "blank lines only");
	fails("a,b,c\n", 1, FERRUM_EINPUT, "no data rows", -1, -1, "header only");
	fails("a,b,c\n\n\n", 1, FERRUM_EINPUT, "no data rows", -1, -1, "header and blank lines");
	fails("a,b,c\n1,2,x\n3,4\n", 1, FERRUM_EINPUT, "line 3: expected 3 fields, got 2", 3, -1,
	      "short row");
	fails("a,b,c\n1,2,x\n3,4,5,y\n", 1, FERRUM_EINPUT, "line 3: expected 3 fields, got 4", 3,
	      -1, "long row");
	fails("a,b,c,d\n1,2,x\n", 1, FERRUM_EINPUT,
	      "line 2: the header has 4 fields but the data rows have 3", 2, -1, "header mismatch");
	fails("a,b,c\n1,2,x\n1,abc,y\n", 1, FERRUM_EINPUT, "line 3: field 2: 'abc' is not a number",
	      3, 2, "bad number");
	fails("a,b,c\n1,2,x\n\"1 \",2,y\n", 1, FERRUM_EINPUT, "line 3: field 1: '1 ' is not a number",
	      3, 1, "quoted space is kept");
	fails("a,b,c\n1,male,x\n", 1, FERRUM_EINPUT, "line 2: field 2: 'male' is not a number", 2,
	      2, "string feature");
	fails("a,b,c\n1,2,x\n1,,y\n", 1, FERRUM_EINPUT, "line 3: field 2: missing value", 3, 2,
	      "empty feature");
	fails("a,b,c\n1,2,x\nNA,2,y\n", 1, FERRUM_EINPUT, "line 3: field 1: missing value", 3, 1,
	      "NA feature");
	fails("a,b,c\n1,?,x\n", 1, FERRUM_EINPUT, "line 2: field 2: missing value", 2, 2,
	      "? feature");
	fails("a,b,c\n1,2,\n", 1, FERRUM_EINPUT, "line 2: field 3: missing value", 2, 3,
	      "empty label");
	fails("a,b,c\n1,NaN,x\n", 1, FERRUM_EINPUT, "line 2: field 2: 'NaN' is not a finite number",
	      2, 2, "NaN feature");
	fails("a,b,c\n-inf,1,x\n", 1, FERRUM_EINPUT,
	      "line 2: field 1: '-inf' is not a finite number", 2, 1, "infinite feature");
	fails("a,b,c\n1e39,1,x\n", 1, FERRUM_EINPUT,
	      "line 2: field 1: '1e39' is not a finite number", 2, 1, "overflowing feature");
	fails("a,b,c\n1,2,x\n3,4,x\n", 1, FERRUM_EINPUT, "only one class ('x'); nothing to learn",
	      -1, 3, "single class");
	/* The refusals of the target as a whole name its column and no line. */
	fails("a,y\n1,\n2,NA\n", 0, FERRUM_EINPUT,
	      "no data rows: the target column 'y' (2) is missing in all 2 rows", -1, 2,
	      "target missing on every row");
	fails("a,b,c\n1,2,x\n3,4,x\n", 0, FERRUM_EINPUT, "only one class ('x'); nothing to learn",
	      -1, 3, "single class (real-table rules)");
	/* More than 20 classes, more than half of them on a single row: a
	 * free-text column, refused under both rules; at half, a label. */
	{
		int strict;

		for (strict = 0; strict <= 1; strict++) {
			char *s = make_singletons(10, 11);
			ferrum_table *t;

			fails(s, strict, FERRUM_EINPUT,
			      "target 'y' (column 2) has 21 classes in 61 rows, 11 of them on a "
			      "single row: not a label to learn from; choose another with --target",
			      -1, 2, strict ? "21 classes, 11 single (strict)" : "21 classes, 11 single");
			free(s);
			s = make_singletons(11, 10);
			t = read_opts(s, NULL, -1, strict);
			ok(t != NULL && ferrum_table_n_classes(t) == 21,
			   "21 classes, 10 single: a label (strict %d)", strict);
			ferrum_table_free(t);
			free(s);
			s = make_singletons(0, 20);
			t = read_opts(s, NULL, -1, strict);
			ok(t != NULL && ferrum_table_n_classes(t) == 20,
			   "20 classes, all single: few enough (strict %d)", strict);
			ferrum_table_free(t);
			free(s);
		}
	}
	{
		char *s;

		/* every label 7, spelled in 20 ways: regression, constant */
		{
			fe_buf b;
			size_t i;

			fe_buf_init(&b);
			fe_buf_puts(&b, "x,y\n");
			for (i = 0; i < 60; i++)
				fe_buf_printf(&b, "%zu,7%s%.*s\n", i, i % 20 ? "." : "", (int)(i % 20),
				              "00000000000000000000");
			s = fe_buf_take(&b, NULL);
		}
		fails(s, 1, FERRUM_EINPUT, "the target is constant (every value is 7); nothing to learn",
		      -1, 2, "constant regression target");
		free(s);
	}
	/* One-field records: the original skips them (test_strict); the
	 * real-table rules refuse them. */
	fails("a,b\n1,x\n2\n", 0, FERRUM_EINPUT, "expected 2 fields, got 1", 3, -1,
	      "one-field row");
	fails("a\n1\n2\n", 0, FERRUM_EINPUT,
	      "a table needs at least 2 columns (features and a target), got 1", 2, -1,
	      "one column");
	fails("a,b\n1,\"x\n", 1, FERRUM_EINPUT, "line 2: field 2: unterminated quoted field", 2, 2,
	      "CSV errors come through");
	fails("a,b\n1,\xff\n", 1, FERRUM_EINPUT,
	      "line 2: field 2: invalid UTF-8 (convert the file, for example with iconv -f latin1 "
	      "-t utf-8)",
	      2, 2,
	      "invalid UTF-8");
}

static void
test_strict(void)
{
	ferrum_table *t;
	static const char ragged[] = "a,b,c\n1,2,x\nlonely\n3,4,y\n\n5\n";

	t = read_opts(ragged, NULL, -1, 1);
	ok(t != NULL && ferrum_table_n_rows(t) == 2,
	   "strict: one-field lines skipped silently, as the original did");
	ferrum_table_free(t);
	t = read_opts(ragged, NULL, -1, 0);
	ok(t == NULL && strcmp(last.message, "expected 3 fields, got 1") == 0 && last.line == 3,
	   "real-table rules: refused (%s)", last.message);
	t = read_opts("5\n1,2,x\n3,4,y\n", NULL, -1, 1);
	ok(t != NULL && !ferrum_table_has_header(t) && ferrum_table_n_rows(t) == 2,
	   "strict: a numeric one-field first line is skipped data");
	ferrum_table_free(t);
	/* section 11, 5b: a one-field header names nothing */
	t = read_opts("name\n1,2,x\n3,4,y\n", NULL, -1, 1);
	ok(t != NULL && ferrum_table_has_header(t) && ferrum_table_n_rows(t) == 2,
	   "a one-field header is consumed");
	if (t != NULL) {
		is_string(ferrum_table_feature_name(t, 0), "feature_0", "and gives feature_0");
		is_string(ferrum_table_feature_name(t, 1), "feature_1", "and feature_1");
	}
	ferrum_table_free(t);
	t = read_opts("a,b,c,d\n1,2,x\n3,4,y\n", NULL, -1, 1);
	ok(t == NULL, "strict too refuses a header that disagrees with the rows");
}

/* ---- the shared data sets ---------------------------------------------- */

static const struct dataset {
	const char *file;
	size_t rows, features;
	int task;
	size_t classes;
	const char *names[3]; /* class names in first-appearance order */
	size_t counts[3];
	double lo, hi; /* regression target range */
} sets[] = {
	/* figures from SOURCES.md */
	{ "iris.csv", 150, 4, 0, 3, { "Iris-setosa", "Iris-versicolor", "Iris-virginica" },
	  { 50, 50, 50 }, 0, 0 },
	{ "penguins.csv", 342, 4, 0, 3, { "Adelie", "Gentoo", "Chinstrap" }, { 151, 123, 68 }, 0, 0 },
	{ "seeds.csv", 210, 7, 0, 3, { "Kama", "Rosa", "Canadian" }, { 70, 70, 70 }, 0, 0 },
	{ "wine.csv", 1599, 11, 0, 3, { "low", "medium", "high" }, { 744, 638, 217 }, 0, 0 },
	{ "diabetes.csv", 768, 8, 0, 2, { "1", "0", NULL }, { 268, 500, 0 }, 0, 0 },
	{ "heart.csv", 297, 13, 0, 2, { "0", "1", NULL }, { 160, 137, 0 }, 0, 0 },
	{ "cancer.csv", 569, 30, 0, 2, { "M", "B", NULL }, { 212, 357, 0 }, 0, 0 },
	{ "titanic.csv", 891, 6, 0, 2, { "0", "1", NULL }, { 549, 342, 0 }, 0, 0 },
	{ "mpg.csv", 392, 6, 1, 0, { NULL, NULL, NULL }, { 0, 0, 0 }, 9.0, 46.6 },
	{ "housing.csv", 20433, 8, 1, 0, { NULL, NULL, NULL }, { 0, 0, 0 }, 14999, 500001 },
};

/* A naive reader: split each line after the first on ',' and strtof every
 * field but the last.  1 if every value matches bit for bit. */
static int
naive_same(const char *text, const ferrum_table *t)
{
	const char *p = strchr(text, '\n') + 1;
	const float *x = ferrum_table_features(t);
	size_t row = 0, nf = ferrum_table_n_features(t);

	while (*p != '\0') {
		size_t j;

		for (j = 0; j < nf; j++) {
			char *end;
			float v = strtof(p, &end);

			if (*end != ',' || memcmp(&v, &x[row * nf + j], 4) != 0)
				return 0;
			p = end + 1;
		}
		p = strchr(p, '\n');
		if (p == NULL)
			break;
		p++;
		row++;
	}
	return row == ferrum_table_n_rows(t);
}

static void
test_datasets(void)
{
	const char *dir = tap_env_dir("FERRUM_DATASETS");
	size_t i, k;

	if (dir == NULL) {
		skip(1, "FERRUM_DATASETS is not set (configure --with-datasets)");
		return;
	}
	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		const struct dataset *d = &sets[i];
		char path[4096];
		size_t len;
		char *text;
		ferrum_csv *c;
		ferrum_table *t = NULL;
		ferrum_error e;
		int good;

		snprintf(path, sizeof path, "%s/%s", dir, d->file);
		text = tap_slurp(path, &len);
		ferrum_csv_new_buffer(&c, text, len, NULL);
		if (ferrum_table_read(c, NULL, &t, &e) != FERRUM_OK) {
			ok(0, "%s: %s", d->file, e.message);
			ferrum_csv_free(c);
			free(text);
			continue;
		}
		ok(ferrum_table_n_rows(t) == d->rows && ferrum_table_n_features(t) == d->features &&
		   ferrum_table_task(t) == d->task && ferrum_table_n_classes(t) == d->classes,
		   "%s: %zu x %zu, %s, %zu classes (got %zu x %zu, %d, %zu)", d->file, d->rows,
		   d->features, d->task ? "regression" : "classification", d->classes,
		   ferrum_table_n_rows(t), ferrum_table_n_features(t), ferrum_table_task(t),
		   ferrum_table_n_classes(t));
		if (d->task == 0) {
			good = 1;
			for (k = 0; k < d->classes; k++)
				good &= strcmp(ferrum_table_class_name(t, k), d->names[k]) == 0 &&
				        ferrum_table_class_count(t, k) == d->counts[k];
			ok(good, "%s: class names and counts", d->file);
		} else {
			const float *y = ferrum_table_targets(t);
			float lo = INFINITY, hi = -INFINITY;

			for (k = 0; k < ferrum_table_n_rows(t); k++) {
				lo = fminf(lo, y[k]);
				hi = fmaxf(hi, y[k]);
			}
			ok(lo == (float)d->lo && hi == (float)d->hi, "%s: target range %g..%g",
			   d->file, (double)lo, (double)hi);
		}
		ok(naive_same(text, t), "%s: every feature equals a naive split-and-strtof", d->file);
		ferrum_table_free(t);
		ferrum_csv_free(c);
		free(text);
	}
}

/* ---- the real-table rules: fe_schema_infer -------------------------------- */

/* Infer the schema of @text (the first record the header) with options
 * @ignore, @categorical and @max_levels; NULL on error (in last). */
static ferrum_schema *
infer(const char *text, const char *ignore, const char *categorical, size_t max_levels)
{
	ferrum_csv *c;
	ferrum_table_options o;
	ferrum_schema *s = NULL;
	fe_frame f;
	fe_na na;

	ferrum_table_options_init(&o);
	o.ignore = ignore;
	o.categorical = categorical;
	o.max_levels = max_levels;
	ferrum_error_clear(&last);
	if (ferrum_csv_new_buffer(&c, text, strlen(text), NULL) != FERRUM_OK ||
	    fe_na_init(&na, NULL, NULL) != FERRUM_OK)
		bail("setup");
	if (fe_frame_read_csv(c, 1, &na, &f, &last) == FERRUM_OK) {
		if (fe_schema_infer(&f, f.n_cols - 1, &o, &s, &last) != FERRUM_OK)
			s = NULL;
		fe_frame_free(&f);
	}
	fe_na_free(&na);
	ferrum_csv_free(c);
	return s;
}

/* @rows rows of "V,y" where V is @fmt with the row index. */
static char *
column_of(size_t rows, const char *(*value)(size_t i, char *buf))
{
	fe_buf b;
	size_t i;
	char buf[64];

	fe_buf_init(&b);
	fe_buf_puts(&b, "v,y\n");
	for (i = 0; i < rows; i++)
		fe_buf_printf(&b, "%s,%s\n", value(i, buf), i % 2 ? "p" : "q");
	return fe_buf_take(&b, NULL);
}

/* 95 numbers and 5 texts of one kind, 94 and 6, or 96 numbers and 4
 * texts of four kinds. */
static const char *
five_pct(size_t i, char *buf)
{
	if (i % 20 == 7)
		return "oops";
	fe_snprintf(buf, 64, "%zu.5", i % 9);
	return buf;
}

static const char *
six_pct(size_t i, char *buf)
{
	if (i % 20 == 7 || i == 8)
		return "oops";
	fe_snprintf(buf, 64, "%zu.5", i % 9);
	return buf;
}

static const char *
four_kinds(size_t i, char *buf)
{
	static const char *const k[] = {"a", "b", "c", "d"};

	if (i % 25 == 3)
		return k[i / 25];
	fe_snprintf(buf, 64, "%zu.5", i % 9);
	return buf;
}

static void
test_infer(void)
{
	ferrum_schema *s;
	const ferrum_column *c;
	char *text;

	/* Levels: the most frequent kept (a tie goes to byte order), stored
	 * in byte order; the rest counted in (other). */
	s = infer("c,y\nz,p\nz,q\nb,p\nb,q\na,p\nm,q\nm,p\nz,q\n", NULL, NULL, 2);
	ok(s != NULL, "levels with a cap of 2 (%s)", last.message);
	if (s != NULL) {
		c = ferrum_schema_column(s, 0);
		ok(c->kind == FERRUM_COLUMN_CATEGORICAL && c->n_levels == 2, "two levels kept");
		ok(c->n_levels == 2 && strcmp(c->levels[0], "b") == 0 &&
		   strcmp(c->levels[1], "z") == 0, "z (3) and b (2, before m on the tie), in byte order");
		ok(c->n_levels == 2 && c->counts[0] == 2 && c->counts[1] == 3 && c->other == 3,
		   "counts 2, 3; other 3");
		is_int((long long)c->n_inputs, 3, "inputs: b, z, (other)");
	}
	ferrum_schema_free(s);

	/* Codes: shortest text, numeric order, -0 is 0. */
	s = infer("c,y\n10,p\n2.0,q\n-0,p\n0,q\n2,p\n", NULL, "c", 0);
	ok(s != NULL, "--categorical on numbers");
	if (s != NULL) {
		c = ferrum_schema_column(s, 0);
		ok(c->codes && c->n_levels == 3 && strcmp(c->levels[0], "0") == 0 &&
		   strcmp(c->levels[1], "2") == 0 && strcmp(c->levels[2], "10") == 0,
		   "codes 0, 2, 10");
		ok(c->n_levels == 3 && c->counts[0] == 2 && c->counts[1] == 2, "-0 and 0, 2.0 and 2");
	}
	ferrum_schema_free(s);

	/* A numeric gap: an indicator; a categorical one: a (missing) level. */
	s = infer("n,c,y\n1.5,a,p\n,b,q\n2.5,,p\nNA,a,q\n", NULL, NULL, 0);
	ok(s != NULL, "gaps");
	if (s != NULL) {
		c = ferrum_schema_column(s, 0);
		ok(c->kind == FERRUM_COLUMN_NUMERIC && c->indicator && c->missing == 2 &&
		   c->n_inputs == 2 && isnan(c->median), "numeric: 2 gaps, an indicator, no median yet");
		c = ferrum_schema_column(s, 1);
		ok(c->kind == FERRUM_COLUMN_CATEGORICAL && c->missing == 1 && c->n_inputs == 3 &&
		   c->input == 2, "categorical: a, b, (missing), from input 2");
		is_int((long long)ferrum_schema_n_inputs(s), 5, "5 inputs");
	}
	ferrum_schema_free(s);

	/* Dates; a constant with a gap is kept (the gap is information). */
	s = infer("d,k,y\n2024-01-01,7,p\n2024-02-29,,q\n1999-12-31,7,p\n", NULL, NULL, 0);
	ok(s != NULL && ferrum_schema_column(s, 0)->kind == FERRUM_COLUMN_DATE, "ISO dates");
	ok(s != NULL && ferrum_schema_column(s, 1)->kind == FERRUM_COLUMN_NUMERIC,
	   "one value with a gap: numeric, not constant");
	ferrum_schema_free(s);

	/* Row numbers need every row, by exactly 1, from 0 or 1 or under no
	 * name of its own. */
	s = infer("i,j,y\n1,1,p\n2,2,q\n3,4,p\n", NULL, NULL, 0);
	ok(s != NULL && ferrum_schema_column(s, 0)->kind == FERRUM_COLUMN_IGNORED &&
	   strcmp(ferrum_schema_column(s, 0)->why, "row numbers") == 0 &&
	   ferrum_schema_column(s, 1)->kind == FERRUM_COLUMN_NUMERIC,
	   "1, 2, 3 counts rows; 1, 2, 4 does not");
	ferrum_schema_free(s);
	s = infer(",Unnamed: 0,i,Year,y\n3,3,0,1751,p\n4,4,1,1752,q\n5,5,2,1753,p\n", NULL, NULL,
	          0);
	ok(s != NULL && ferrum_schema_column(s, 0)->kind == FERRUM_COLUMN_IGNORED &&
	   ferrum_schema_column(s, 1)->kind == FERRUM_COLUMN_IGNORED &&
	   ferrum_schema_column(s, 2)->kind == FERRUM_COLUMN_IGNORED &&
	   ferrum_schema_column(s, 3)->kind == FERRUM_COLUMN_NUMERIC,
	   "3, 4, 5 unnamed or 'Unnamed: 0' and 0, 1, 2 count rows; Year 1751, 1752, 1753 is data");
	ferrum_schema_free(s);
	{
		ferrum_table *t = read_opts("3,1,p\n4,2,q\n5,4,p\n", NULL, -1, 0);
		const ferrum_schema *ts = t != NULL ? ferrum_table_schema(t) : NULL;

		ok(ts != NULL && ferrum_schema_column(ts, 0)->kind == FERRUM_COLUMN_IGNORED &&
		   strcmp(ferrum_schema_column(ts, 0)->why, "row numbers") == 0,
		   "without a header, 3, 4, 5 counts rows");
		ferrum_table_free(t);
	}
	s = infer("d,y\n2010/01/01 00:00,p\n2010/01/01 01:00,q\n2010/01/02 00:00,p\n", NULL, NULL, 0);
	ok(s != NULL && ferrum_schema_column(s, 0)->kind == FERRUM_COLUMN_DATE,
	   "dates with slashes, year first");
	ferrum_schema_free(s);

	/* The stray-text rule at its edges: 5 % and 3 kinds. */
	text = column_of(100, five_pct);
	s = infer(text, NULL, NULL, 0);
	ok(s == NULL && last.code == FERRUM_EINPUT && last.line == 9 && last.column == 1,
	   "5 %% texts: refused at line 9 column 1");
	is_string(last.message,
	          "column 'v' (1): line 9: 'oops' is not a number; mark missing values with --na "
	          "or ignore the column with -x", "the message");
	free(text);
	text = column_of(100, six_pct);
	s = infer(text, NULL, NULL, 0);
	ok(s != NULL && ferrum_schema_column(s, 0)->kind == FERRUM_COLUMN_CATEGORICAL,
	   "6 %% texts: a categorical column");
	ferrum_schema_free(s);
	free(text);
	text = column_of(100, four_kinds);
	s = infer(text, NULL, NULL, 0);
	ok(s != NULL && ferrum_schema_column(s, 0)->kind == FERRUM_COLUMN_CATEGORICAL,
	   "4 kinds of text in 4 %%: a categorical column");
	ferrum_schema_free(s);
	free(text);

	/* COLS: names first, then numbers; unknown names and the target refused. */
	s = infer("2,b,y\nx,1.5,p\ny,2.5,q\n", "2", NULL, 0);
	ok(s != NULL && strcmp(ferrum_schema_column(s, 0)->why, "-x") == 0 &&
	   ferrum_schema_column(s, 1)->kind == FERRUM_COLUMN_NUMERIC, "-x 2: the column named 2");
	ferrum_schema_free(s);
	s = infer("a,b,y\nx,1.5,p\ny,2.5,q\n", "a,zz", NULL, 0);
	ok(s == NULL && last.code == FERRUM_EINVAL, "-x naming no column: EINVAL");
	is_string(last.message, "--ignore: no column named 'zz'", "and its name");
	s = infer("a,b,y\nx,1.5,p\ny,2.5,q\n", NULL, "3", 0);
	is_string(last.message, "--categorical: column 'y' (3) is the target", "the target refused");
}

int
main(void)
{
	plan_lazy();
	test_infer();
	test_basic();
	test_target();
	test_task();
	test_errors();
	test_strict();
	test_datasets();
	return done_testing();
}

/* t/unit/jsonl.c: JSON Lines into a frame of text cells, and CSV frames
 * with each delimiter.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"
#include "model.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

typedef struct feeder {
	const char *s;
	size_t len, pos, step;
} feeder;

static long
feed(void *ctx, char *buf, size_t cap)
{
	feeder *f = ctx;
	size_t n = f->len - f->pos;

	if (n > f->step)
		n = f->step;
	if (n > cap)
		n = cap;
	memcpy(buf, f->s + f->pos, n);
	f->pos += n;
	return (long)n;
}

/* The frame as "name|name\nLINE:cell|cell\n...", or "error LINE: MSG". */
static char *
dump_frame(const fe_frame *f)
{
	fe_buf b;
	size_t i, k;

	fe_buf_init(&b);
	for (k = 0; k < f->n_cols; k++)
		fe_buf_printf(&b, "%s%s", k ? "|" : "", f->names[k]);
	fe_buf_putc(&b, '\n');
	for (i = 0; i < f->n_rows; i++) {
		fe_buf_printf(&b, "%lld:", f->lines[i]);
		for (k = 0; k < f->n_cols; k++)
			fe_buf_printf(&b, "%s%s", k ? "|" : "", fe_frame_cell(f, i, k, NULL));
		fe_buf_putc(&b, '\n');
	}
	return fe_buf_take(&b, NULL);
}

static char *
read_jsonl(const char *s, size_t len, size_t step)
{
	feeder fd = { s, len, 0, step };
	fe_frame f;
	ferrum_error e;
	char *r;

	ferrum_error_clear(&e);
	if (fe_frame_read_jsonl(feed, &fd, &f, &e) != FERRUM_OK) {
		fe_buf b;

		fe_buf_init(&b);
		fe_buf_printf(&b, "error %lld: %s", e.line, e.message);
		return fe_buf_take(&b, NULL);
	}
	r = dump_frame(&f);
	fe_frame_free(&f);
	return r;
}

/* Read @in whole and 1 and 5 bytes at a time: each gives @want. */
static void
check_len(const char *name, const char *in, size_t len, const char *want)
{
	static const size_t steps[] = { 1, 5, 1 << 20 };
	size_t i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char *got = read_jsonl(in, len, steps[i]);

		is_string(got, want, "%s (%zu bytes a read)", name, steps[i]);
		free(got);
	}
}

#define check(name, in, want) check_len(name, in, sizeof(in) - 1, want)

static void
test_jsonl(void)
{
	check("plain", "{\"a\":1,\"b\":\"x\"}\n{\"a\":2.50,\"b\":\"y z\"}\n",
	      "a|b\n1:1|x\n2:2.50|y z\n");
	check("keys in order of first appearance, gaps",
	      "{\"b\":1}\n\n  \r\n{\"a\":true,\"b\":false}\n{\"c\":null}",
	      "b|a|c\n1:1||\n4:false|true|\n5:||\n");
	check("CRLF, BOM, blanks", "\xEF\xBB\xBF {\"a\":-1e3} \r\n\t{\"a\":\"\\u00e9\\n\"}\r\n",
	      "a\n1:-1e3\n2:\xC3\xA9\n\n");
	check("nested objects flattened",
	      "{\"input\":{\"x\":1,\"y\":\"a\"},\"label\":\"b\",\"probabilities\":[0.25,0.75]}\n",
	      "x|y|label|probabilities\n1:1|a|b|[0.25,0.75]\n");
	check("arrays kept as compact JSON", "{\"v\":[ 1 , \"a\" , {\"k\" : null} ]}\n",
	      "v\n1:[1,\"a\",{\"k\":null}]\n");
	check("empty object: a row of gaps", "{\"a\":1}\n{}\n", "a\n1:1\n2:\n");
	check("only empty objects", "\n{}\n{ }\n", "error 2: no object has a key");
	check("deeply nested", "{\"a\":{\"b\":{\"c\":{\"d\":7}}}}\n", "d\n1:7\n");

	check("empty input", "", "error -1: empty input");
	check("only blank lines", "\n \n\r\n", "error -1: empty input");
	check("not an object", "{\"a\":1}\n[1,2]\n", "error 2: expected a JSON object");
	check("a number line", "5\n", "error 1: expected a JSON object");
	check("broken JSON", "{\"a\":1}\n{\"a\":}\n", "error 2: byte 6: unexpected character");
	check("two objects on a line", "{\"a\":1} {\"a\":2}\n",
	      "error 1: byte 9: trailing characters after the document");
	check("duplicate key", "{\"a\":1,\"a\":2}\n", "error 1: key 'a' appears twice");
	check("duplicate through flattening", "{\"x\":1,\"in\":{\"x\":2}}\n",
	      "error 1: key 'x' appears twice");
	check("string holding NUL", "{\"a\":\"x\\u0000y\"}\n",
	      "error 1: key 'a': a string holding a NUL character");
	check("key holding NUL", "{\"a\\u0000b\":1}\n", "error 1: a key holding a NUL character");
	check("invalid UTF-8", "{\"a\":\"\xff\"}\n", "error 1: byte 7: invalid UTF-8 in string");
	check("NUL byte", "{\"a\":1}\n{\"a\":\0}\n", "error 2: byte 6: unexpected character");
}

/* A line past FERRUM_CSV_MAX_RECORD is refused after a bounded read. */
typedef struct endless {
	size_t given;
} endless;

static long
endless_read(void *ctx, char *buf, size_t cap)
{
	endless *e = ctx;

	if (e->given == 0 && cap > 0) {
		buf[0] = '{';
		e->given = 1;
		return 1;
	}
	memset(buf, ' ', cap);
	e->given += cap;
	return (long)cap;
}

static long
fail_read(void *ctx, char *buf, size_t cap)
{
	(void)ctx;
	(void)buf;
	(void)cap;
	errno = EIO;
	return -1;
}

static void
test_limits(void)
{
	endless e = { 0 };
	fe_frame f;
	ferrum_error err;
	fe_buf b;
	size_t i;
	int rc;

	ferrum_error_clear(&err);
	rc = fe_frame_read_jsonl(endless_read, &e, &f, &err);
	is_int(rc, FERRUM_ERANGE, "an endless line is refused");
	ok(e.given <= FERRUM_CSV_MAX_RECORD + 4, "after a bounded read (%zu bytes)", e.given);
	ok(strstr(err.message, "line longer than") != NULL, "message: %s", err.message);

	rc = fe_frame_read_jsonl(fail_read, NULL, &f, &err);
	is_int(rc, FERRUM_EIO, "a read error");
	ok(strstr(err.message, "read error") != NULL, "message: %s", err.message);
	is_int(fe_frame_read_jsonl(NULL, NULL, &f, &err), FERRUM_EINVAL, "no read function");

	/* one wide row, then many empty ones: too sparse for the input */
	fe_buf_init(&b);
	fe_buf_putc(&b, '{');
	for (i = 0; i < 20000; i++)
		fe_buf_printf(&b, "%s\"%zu\":1", i ? "," : "", i);
	fe_buf_puts(&b, "}\n");
	for (i = 0; i < 20000; i++)
		fe_buf_puts(&b, "{}\n");
	{
		feeder fd = { b.data, b.len, 0, 1 << 20 };

		rc = fe_frame_read_jsonl(feed, &fd, &f, &err);
		is_int(rc, FERRUM_ERANGE, "a sparse frame bigger than the input allows");
		ok(strstr(err.message, "too sparse") != NULL, "message: %s", err.message);
	}
	fe_buf_free(&b);

	/* many columns are fine */
	fe_buf_init(&b);
	for (i = 0; i < 3; i++) {
		size_t k;

		fe_buf_putc(&b, '{');
		for (k = 0; k < 5000; k++)
			fe_buf_printf(&b, "%s\"c%zu\":%zu", k ? "," : "", (k * 7 + i) % 5000, k);
		fe_buf_puts(&b, "}\n");
	}
	{
		feeder fd = { b.data, b.len, 0, 4096 };

		rc = fe_frame_read_jsonl(feed, &fd, &f, &err);
		is_int(rc, FERRUM_OK, "5000 keys in three orders");
		if (rc == FERRUM_OK) {
			is_int((long long)f.n_cols, 5000, "5000 columns");
			is_int((long long)f.n_rows, 3, "3 rows");
			is_string(f.names[1], "c7", "first appearance order");
			is_string(fe_frame_cell(&f, 1, 1, NULL), "2858", "cells by name");
			is_string(fe_frame_cell(&f, 2, 0, NULL), "714", "cells by name, last row");
			fe_frame_free(&f);
		}
	}
	fe_buf_free(&b);
}

/* CSV frames remember their delimiter. */
static void
test_csv_frames(void)
{
	static const struct {
		const char *in;
		int delim;
	} t[] = {
		{ "a,b\n1,2\n", ',' },
		{ "a;b\n\"1,5\";2\n", ';' },
		{ "a\tb\n1\t2\n", '\t' },
		{ "a|b\n1|2\n", '|' },
		{ "a   b\n 1 2 \n", ' ' },
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		ferrum_csv *c;
		fe_frame f;
		fe_na na;
		ferrum_error e;
		int rc;

		if (ferrum_csv_new_buffer(&c, t[i].in, strlen(t[i].in), NULL) != FERRUM_OK ||
		    fe_na_init(&na, NULL, NULL) != FERRUM_OK)
			bail("setup");
		ferrum_csv_set_delimiter(c, FERRUM_CSV_AUTO);
		rc = fe_frame_read_csv(c, -1, &na, &f, &e);
		is_int(rc, FERRUM_OK, "frame %zu reads", i);
		if (rc == FERRUM_OK) {
			is_int(f.delimiter, t[i].delim, "frame %zu: delimiter '%c'", i, t[i].delim);
			is_int((long long)f.n_cols, 2, "frame %zu: two columns", i);
			fe_frame_free(&f);
		}
		fe_na_free(&na);
		ferrum_csv_free(c);
	}
}

/* Header names: unquoted, numbered when empty, repeats renamed. */
static void
test_names(void)
{
	ferrum_csv *c;
	fe_frame f;
	fe_na na;
	ferrum_error e;
	fe_buf b;
	size_t i;
	int rc;
	const char *in = "a,a.2,a,,'a',\"\"\"q\"\"\"\n1,2,3,4,5,6\n";

	if (fe_na_init(&na, NULL, NULL) != FERRUM_OK ||
	    ferrum_csv_new_buffer(&c, in, strlen(in), NULL) != FERRUM_OK)
		bail("setup");
	rc = fe_frame_read_csv(c, 1, &na, &f, &e);
	is_int(rc, FERRUM_OK, "a header with repeats");
	if (rc == FERRUM_OK) {
		char *d = dump_frame(&f);

		is_string(d, "a|a.2|a.3|4|a.4|q\n2:1|2|3|4|5|6\n", "repeats renamed, none twice");
		free(d);
		fe_frame_free(&f);
	}
	ferrum_csv_free(c);

	/* 60000 columns of one name: quick, and all different */
	fe_buf_init(&b);
	for (i = 0; i < 60000; i++)
		fe_buf_puts(&b, i ? ",x" : "x");
	fe_buf_putc(&b, '\n');
	for (i = 0; i < 60000; i++)
		fe_buf_puts(&b, i ? ",1" : "1");
	fe_buf_putc(&b, '\n');
	if (ferrum_csv_new_buffer(&c, b.data, b.len, NULL) != FERRUM_OK)
		bail("new");
	rc = fe_frame_read_csv(c, -1, &na, &f, &e);
	is_int(rc, FERRUM_OK, "60000 columns named x");
	if (rc == FERRUM_OK) {
		is_string(f.names[0], "x", "the first keeps its name");
		is_string(f.names[59999], "x.60000", "the last is x.60000");
		ok(f.has_header, "a header by the rule");
		fe_frame_free(&f);
	}
	ferrum_csv_free(c);
	fe_buf_free(&b);
	fe_na_free(&na);
}

/* The rowreader sniffs the delimiter from the first line and reads no
 * further than the row it returns: fed a byte at a time, the first row
 * comes back with the input read exactly to its line end. */
static void
test_rowreader(void)
{
	static const struct {
		const char *in;
		int delim;
		const char *name;
	} t[] = {
		{ "a;b;c\n1;2;3\n4;5;6\n", FERRUM_CSV_AUTO, "';' sniffed" },
		{ "c\tb\ta\n3\t2\t1\n6\t5\t4\n", FERRUM_CSV_AUTO, "tab sniffed, by name" },
		{ "  a  b c\n 1 2   3 \n4 5 6\n", FERRUM_CSV_AUTO, "spaces sniffed" },
		{ "1|2|3\n4|5|6\n", FERRUM_CSV_AUTO, "'|' sniffed, positional" },
		{ "a,b,c\n1,2,3\n4,5,6\n", FERRUM_CSV_AUTO, "',' sniffed" },
		{ "a|b|c\n1|2|3\n4|5|6\n", '|', "'|' given" },
	};
	ferrum_model *m = make_model("0,1;0,1;0,1",
	                             "{\"dataset_name\":\"t\",\"task\":\"classification\","
	                             "\"feature_names\":[\"a\",\"b\",\"c\"],"
	                             "\"feature_ranges\":[[0,1],[0,1],[0,1]],"
	                             "\"class_names\":[\"x\",\"y\"],\"target_name\":\"\","
	                             "\"target_range\":[0,1],\"input_dim\":3,\"output_dim\":2}",
	                             3, 2, FERRUM_ACT_SOFTMAX);
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		feeder fd = { t[i].in, strlen(t[i].in), 0, 1 };
		const char *first = strchr(t[i].in, '\n') + 1;
		size_t want = (size_t)(strchr(first, '\n') + 1 - t[i].in);
		ferrum_rowreader *r;
		ferrum_error e;
		float x[3] = { 0, 0, 0 };
		int rc;

		if (t[i].in[0] == '1')
			want = (size_t)(first - t[i].in);
		if (ferrum_rowreader_new(m, FERRUM_ROWS_AUTO, feed, &fd, &r, &e) != FERRUM_OK)
			bail("rowreader");
		is_int(ferrum_rowreader_set_delimiter(r, t[i].delim), FERRUM_OK, "%s: set", t[i].name);
		rc = ferrum_rowreader_next(r, x, &e);
		is_int(rc, 1, "%s: a row", t[i].name);
		ok(x[0] == 1 && x[1] == 2 && x[2] == 3, "%s: 1 2 3 (%g %g %g)", t[i].name, x[0], x[1],
		   x[2]);
		is_int((long long)fd.pos, (long long)want, "%s: read to the row's line end only",
		       t[i].name);
		is_int(ferrum_rowreader_set_delimiter(r, ','), FERRUM_EINVAL, "%s: too late", t[i].name);
		rc = ferrum_rowreader_next(r, x, &e);
		ok(rc == 1 && x[0] == 4 && x[2] == 6, "%s: the next row", t[i].name);
		is_int(ferrum_rowreader_next(r, x, &e), 0, "%s: the end", t[i].name);
		ferrum_rowreader_free(r);
	}
	{
		ferrum_rowreader *r;
		ferrum_error e;
		feeder fd = { "", 0, 0, 1 };

		if (ferrum_rowreader_new(m, FERRUM_ROWS_CSV, feed, &fd, &r, &e) != FERRUM_OK)
			bail("rowreader");
		is_int(ferrum_rowreader_set_delimiter(r, ':'), FERRUM_EINVAL, "':' refused");
		is_int(ferrum_rowreader_set_delimiter(NULL, ','), FERRUM_EINVAL, "NULL refused");
		ferrum_rowreader_free(r);
	}
	ferrum_model_free(m);
}

int
main(void)
{
	plan_lazy();
	test_jsonl();
	test_limits();
	test_csv_frames();
	test_names();
	test_rowreader();
	return done_testing();
}

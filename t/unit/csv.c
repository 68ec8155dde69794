/* t/unit/csv.c: the CSV reader (quoting, line ends, trimming, errors,
 * streaming) and the number grammar against strtof.
 * SPDX-License-Identifier: MIT
 *
 * Expected record lists are written by hand from RFC 4180 and the original
 * engine's rules (format notes, section 8 and section 11 item 6); numbers are
 * checked against glibc's correctly rounded strtof in the C locale. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The message of a field that is not UTF-8. */
#define ICONV "invalid UTF-8 (convert the file, for example with iconv -f latin1 -t utf-8)"

/* A read callback handing out at most @step bytes per call. */
typedef struct feeder {
	const char *s;
	size_t len, pos, step;
	int fail_at_end; /* return -1 (EIO) instead of 0 at the end */
} feeder;

static long
feed(void *ctx, char *buf, size_t cap)
{
	feeder *f = ctx;
	size_t n = f->len - f->pos;

	if (n == 0) {
		if (f->fail_at_end) {
			errno = EIO;
			return -1;
		}
		return 0;
	}
	if (n > f->step)
		n = f->step;
	if (n > cap)
		n = cap;
	memcpy(buf, f->s + f->pos, n);
	f->pos += n;
	return (long)n;
}

/* Every record as "LINE[f1|f2|...]\n", then "end\n" or "error CODE L C: MSG\n". */
static char *
dump_reader(ferrum_csv *c)
{
	fe_buf b;
	int rc;

	fe_buf_init(&b);
	while ((rc = ferrum_csv_next(c)) == 1) {
		size_t i, n = ferrum_csv_nfields(c);

		fe_buf_printf(&b, "%lld[", ferrum_csv_line(c));
		for (i = 0; i < n; i++) {
			size_t len;
			const char *f = ferrum_csv_field(c, i, &len);

			if (i > 0)
				fe_buf_putc(&b, '|');
			fe_buf_add(&b, f, len);
			if (strlen(f) != len)
				fe_buf_puts(&b, "<len mismatch>");
		}
		fe_buf_puts(&b, "]\n");
	}
	if (rc == 0) {
		fe_buf_puts(&b, "end\n");
	} else {
		const ferrum_error *e = ferrum_csv_error(c);

		fe_buf_printf(&b, "error %d %lld %lld: %s\n", rc, e->line, e->column, e->message);
		/* errors are sticky */
		if (ferrum_csv_next(c) != rc)
			fe_buf_puts(&b, "not sticky\n");
	}
	return fe_buf_take(&b, NULL);
}

/* The delimiter the readers of check() are given, and whether they skip
 * comment lines at the start (fe_csv_set_comments). */
static int delim = ',';
static int comments;

static char *
dump_buffer(const char *s, size_t len)
{
	ferrum_csv *c;
	char *r;

	if (ferrum_csv_new_buffer(&c, s, len, NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	if (ferrum_csv_set_delimiter(c, delim) != FERRUM_OK)
		bail("ferrum_csv_set_delimiter");
	fe_csv_set_comments(c, comments);
	r = dump_reader(c);
	ferrum_csv_free(c);
	return r;
}

static char *
dump_stream(const char *s, size_t len, size_t step)
{
	ferrum_csv *c;
	feeder f = { s, len, 0, step, 0 };
	char *r;

	if (ferrum_csv_new(&c, feed, &f, NULL) != FERRUM_OK)
		bail("ferrum_csv_new");
	if (ferrum_csv_set_delimiter(c, delim) != FERRUM_OK)
		bail("ferrum_csv_set_delimiter");
	fe_csv_set_comments(c, comments);
	r = dump_reader(c);
	ferrum_csv_free(c);
	return r;
}

/* The buffer reader gives @want, and so does the stream fed 1, 2, 3 and 7
 * bytes at a time. */
static void
check(const char *name, const char *in, size_t len, const char *want)
{
	static const size_t steps[] = { 1, 2, 3, 7, 100000 };
	char *got = dump_buffer(in, len);
	size_t i;
	int same = 1;

	is_string(got, want, "%s", name);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		char *s = dump_stream(in, len, steps[i]);

		if (strcmp(s, got) != 0) {
			diag("stream step %zu gives:\n%s", steps[i], s);
			same = 0;
		}
		free(s);
	}
	ok(same, "%s: streaming 1, 2, 3, 7 bytes at a time gives the same", name);
	free(got);
}

#define CHECK(name, lit, want) check(name, lit, sizeof(lit) - 1, want)

static void
test_records(void)
{
	CHECK("plain", "a,b,c\n1,2,3\n", "1[a|b|c]\n2[1|2|3]\nend\n");
	CHECK("no final line end", "a,b\n1,2", "1[a|b]\n2[1|2]\nend\n");
	CHECK("empty input", "", "end\n");
	CHECK("only blank lines", "\n \n\t\r\n", "end\n");
	CHECK("quoted comma", "\"a,b\",c\n", "1[a,b|c]\nend\n");
	CHECK("doubled quotes", "\"say \"\"hi\"\"\",x\n\"\"\"\"\n",
	      "1[say \"hi\"|x]\n2[\"]\nend\n");
	CHECK("embedded line end", "\"one\ntwo\",x\nnext,y\n", "1[one\ntwo|x]\n3[next|y]\nend\n");
	CHECK("embedded CRLF kept", "\"a\r\nb\",c\r\nd,e\r\n", "1[a\r\nb|c]\n3[d|e]\nend\n");
	CHECK("CRLF", "a,b\r\n1,2\r\n", "1[a|b]\n2[1|2]\nend\n");
	/* Lines ended by a carriage return alone (classic Mac OS): the first
	 * line end decides, and every '\r' is then a '\n', quoted ones too. */
	CHECK("CR alone", "a,b\r1,2\r3,4", "1[a|b]\n2[1|2]\n3[3|4]\nend\n");
	CHECK("CR alone, BOM, blank lines", "\xEF\xBB\xBF" "a,b\r\r1,2\r", "1[a|b]\n3[1|2]\nend\n");
	CHECK("CR alone, quoted", "\"x\ry\",b\r1,2\r", "1[x\ny|b]\n3[1|2]\nend\n");
	CHECK("CR alone ends the input", "a,b\r", "1[a|b]\nend\n");
	CHECK("LF first: a later CR stays", "a,b\n\"x\ry\",2\n", "1[a|b]\n2[x\ry|2]\nend\n");
	/* misjudged, rarely: "\r\n" reads as a line end and a blank line */
	CHECK("a lone CR quoted in a CRLF file's first line", "\"x\ry\",b\r\n1,2\r\n",
	      "1[x\ny|b]\n4[1|2]\nend\n");
	/* Comment lines at the start, when asked for: skipped, or the last
	 * of them the header when it has the fields of the line below. */
	comments = 1;
	CHECK("comments skipped", "# made by x, on y\n#\n## z\na,b,c\n1,2,3\n",
	      "4[a|b|c]\n5[1|2|3]\nend\n");
	CHECK("numpy's header", "# a,b,c\n1,2,3\n", "1[a|b|c]\n2[1|2|3]\nend\n");
	CHECK("a comment, then numpy's header, blank lines", "# made by x\n#  a,b\n\n1,2\n",
	      "2[a|b]\n4[1|2]\nend\n");
	CHECK("comments, CR line ends", "# made by x, y\r#\ta,b\r1,2\r", "2[a|b]\n3[1|2]\nend\n");
	CHECK("'#' before a letter is data", "#ff0000,1\n#00ff00,2\n",
	      "1[#ff0000|1]\n2[#00ff00|2]\nend\n");
	CHECK("a header '#,name' is data", "#,name\n1,x\n", "1[#|name]\n2[1|x]\nend\n");
	CHECK("comments only", "# a\n# b\n", "end\n");
	CHECK("a comment without a line end", "# a,b", "end\n");
	CHECK("comments further down are skipped", "a,b\n# c,d\n1,2\n## e ##\n#\n3,4\n#",
	      "1[a|b]\n3[1|2]\n6[3|4]\nend\n");
	CHECK("a comment whose quote opens a field over its line end is a record",
	      "a,b\n# c, \"d\ne\",f\n", "1[a|b]\n2[# c|d\ne|f]\nend\n");
	CHECK("'#' before a letter further down is data", "a,b\n#ff,1\n", "1[a|b]\n2[#ff|1]\nend\n");
	comments = 0;
	CHECK("without comments, a comment is a row", "# a,b\n1,2\n", "1[# a|b]\n2[1|2]\nend\n");
	CHECK("UTF-16LE", "\xFF\xFE" "a\0,\0b\0\n\0",
	      "error -7 1 -1: line 1: UTF-16 text (convert the file, for example with iconv -f "
	      "utf-16 -t utf-8)\n");
	CHECK("UTF-16BE", "\xFE\xFF" "\0a\0,\0b\0\n",
	      "error -7 1 -1: line 1: UTF-16 text (convert the file, for example with iconv -f "
	      "utf-16 -t utf-8)\n");
	CHECK("BOM", "\xEF\xBB\xBF" "a,b\n1,2\n", "1[a|b]\n2[1|2]\nend\n");
	CHECK("BOM only at the start", "a,b\n\xEF\xBB\xBF" "c,d\n",
	      "1[a|b]\n2[\xEF\xBB\xBF" "c|d]\nend\n");
	CHECK("BOM alone", "\xEF\xBB\xBF", "end\n");
	CHECK("blank lines", "\n\n  \na,b\n\n \t \r\n1,2\n\n", "4[a|b]\n7[1|2]\nend\n");
	CHECK("no-break space blank line", "a\n\xC2\xA0\xE3\x80\x80\nb\n", "1[a]\n3[b]\nend\n");
	CHECK("empty fields", ",,\n,\n", "1[||]\n2[|]\nend\n");
	CHECK("empty quoted field is a record", "\"\"\n", "1[]\nend\n");
	CHECK("ASCII trim", " a , \tb\t ,\x0b" "c\x0c\n", "1[a|b|c]\nend\n");
	CHECK("Unicode trim",
	      "\xC2\xA0" "1.5\xC2\xA0,\xE3\x80\x80x\xE2\x80\x8A,\xE1\x9A\x80y\xE2\x80\xA8\xE2\x80\xA9,"
	      "\xE2\x80\xAF\xE2\x81\x9Fz\xC2\x85\xE2\x80\x80\n",
	      "1[1.5|x|y|z]\nend\n");
	/* U+200B, U+FEFF, U+180E and the ASCII separators 0x1C-0x1F are not
	 * White_Space; é after a space keeps its bytes. */
	CHECK("not white space",
	      "\xE2\x80\x8B" "a\xE2\x80\x8B,\xEF\xBB\xBF" "b,\x1c" "c\x1f, \xC3\xA9 ,\xE1\xA0\x8E\n",
	      "1[\xE2\x80\x8B" "a\xE2\x80\x8B|\xEF\xBB\xBF" "b|\x1c" "c\x1f|\xC3\xA9|\xE1\xA0\x8E]\nend\n");
	CHECK("quoted keeps its spaces", "  \" a \"  ,\xC2\xA0\"b\"\xC2\xA0\n", "1[ a |b]\nend\n");
	CHECK("quote inside an unquoted field", "ab\"c,d\"\n", "1[ab\"c|d\"]\nend\n");
	CHECK("line numbers after a multi-line field", "\"a\n\nb\"\nc\n\n\"d\ne\"\nf\n",
	      "1[a\n\nb]\n4[c]\n6[d\ne]\n8[f]\nend\n");

	CHECK("quoted field at the end", "a,\"b\"", "1[a|b]\nend\n");
	CHECK("quoted field, CR at the end", "a,\"b\"\r", "1[a|b]\nend\n");
	CHECK("doubled quote at the end is no close", "\"a\"\"",
	      "error -7 1 1: line 1: field 1: unterminated quoted field\n");
	CHECK("unterminated quote", "a,b\n1,\"xx\n\nmore\n",
	      "1[a|b]\nerror -7 2 2: line 2: field 2: unterminated quoted field\n");
	CHECK("text after closing quote", "x,y\n\"ab\"x,c\n",
	      "1[x|y]\nerror -7 2 1: line 2: field 1: text after closing quote\n");
	CHECK("text after closing quote, last field", "\"ab\" \"\n",
	      "error -7 1 1: line 1: field 1: text after closing quote\n");
	CHECK("space after closing quote", "\"ab\" \t\xC2\xA0,c\r\n", "1[ab|c]\nend\n");
	CHECK("NUL byte", "a,b\nc,d\0e\n", "1[a|b]\nerror -7 2 2: line 2: field 2: NUL byte\n");
	CHECK("NUL byte in quotes", "\"a\nb\0\",c\n", "error -7 2 1: line 2: field 1: NUL byte\n");
	CHECK("invalid UTF-8", "a,\xff\n", "error -7 1 2: line 1: field 2: " ICONV "\n");
	CHECK("overlong UTF-8", "a\n\xC0\xAF\n", "1[a]\nerror -7 2 1: line 2: field 1: " ICONV "\n");
	CHECK("surrogate in UTF-8", "x,y,\xED\xA0\x80\n",
	      "error -7 1 3: line 1: field 3: " ICONV "\n");
	CHECK("truncated UTF-8", "x,\xE2\x80\n", "error -7 1 2: line 1: field 2: " ICONV "\n");
	CHECK("beyond U+10FFFF", "\xF4\x90\x80\x80\n",
	      "error -7 1 1: line 1: field 1: " ICONV "\n");
	CHECK("4-byte UTF-8 is fine", "\xF0\x9F\x98\x80,\xF4\x8F\xBF\xBF\n",
	      "1[\xF0\x9F\x98\x80|\xF4\x8F\xBF\xBF]\nend\n");
}

/* Each delimiter, quoting with it, line ends, spaces mode. */
/* ferrum_csv_sniff() over a string literal, its NUL left out. */
#define SNIFF(lit) ferrum_csv_sniff(lit, sizeof(lit) - 1)

static void
test_delimiters(void)
{
	ferrum_csv *c;

	delim = ';';
	CHECK("';'", "a;b;c\n1;2,5;3\n", "1[a|b|c]\n2[1|2,5|3]\nend\n");
	CHECK("';' quoted", "\"x;y\";\"a,b\"\r\n\"\";z\r\n", "1[x;y|a,b]\n2[|z]\nend\n");
	CHECK("';' text after quote", "\"a\"b;c\n",
	      "error -7 1 1: line 1: field 1: text after closing quote\n");
	delim = '\t';
	CHECK("tab", "a\tb\n 1 \t\t3\r\n", "1[a|b]\n2[1||3]\nend\n");
	CHECK("tab quoted", "\"a\tb\"\t\"c\"  \t d\n", "1[a\tb|c|d]\nend\n");
	delim = '|';
	CHECK("'|'", "a|b\n|\n\"|\"|x\n", "1[a|b]\n2[|]\n3[||x]\nend\n");
	delim = FERRUM_CSV_SPACES;
	CHECK("spaces", "a b  c\n  1\t 2 \t3  \n", "1[a|b|c]\n2[1|2|3]\nend\n");
	CHECK("spaces CRLF", "a b \r\n1 2\r\n", "1[a|b]\n2[1|2]\nend\n");
	CHECK("spaces quoted", "\"a b\" \"\"  \"c\"\"d\" e\n", "1[a b||c\"d|e]\nend\n");
	CHECK("spaces quoted last", "x \"y z\"   \n", "1[x|y z]\nend\n");
	CHECK("spaces blank lines", "  \n\t\na\n \n", "3[a]\nend\n");
	CHECK("spaces no final line end", "1 2", "1[1|2]\nend\n");
	CHECK("spaces commas are text", "a,b c\n", "1[a,b|c]\nend\n");
	CHECK("spaces UTF-8", "\xC3\xA9t\xC3\xA9 x\n", "1[\xC3\xA9t\xC3\xA9|x]\nend\n");
	CHECK("spaces NUL", "a \0\n", "error -7 1 2: line 1: field 2: NUL byte\n");
	delim = FERRUM_CSV_AUTO;
	CHECK("auto ';' with commas in quotes", "name;v\n\"Smith, J\";1,5\n\"Doe, A\";2\n",
	      "1[name|v]\n2[Smith, J|1,5]\n3[Doe, A|2]\nend\n");
	CHECK("auto tab", "a\tb c\n1\t2 3 4\n", "1[a|b c]\n2[1|2 3 4]\nend\n");
	CHECK("auto: spaces cut more", "a\tb c\n1\t2 3\n", "1[a|b|c]\n2[1|2|3]\nend\n");
	CHECK("auto spaces", "  a  b c\n 1 2   3\n", "1[a|b|c]\n2[1|2|3]\nend\n");
	CHECK("auto '|'", "a|b\n1|2\n", "1[a|b]\n2[1|2]\nend\n");
	CHECK("auto comma", "a,b\n1,2\n", "1[a|b]\n2[1|2]\nend\n");
	CHECK("auto empty", "", "end\n");
	CHECK("auto BOM", "\xEF\xBB\xBF" "a;b\n1;2", "1[a|b]\n2[1|2]\nend\n");
	delim = ',';

	is_int(SNIFF("a,b\n1,2\n"), ',', "sniff ','");
	is_int(SNIFF("a;b\n1;2\n"), ';', "sniff ';'");
	is_int(SNIFF("a\tb\n1\t2\n"), '\t', "sniff tab");
	is_int(SNIFF("a|b\n1|2\n"), '|', "sniff '|'");
	is_int(SNIFF("a b\n1  2\n"), ' ', "sniff spaces");
	is_int(SNIFF("abc\n1\n"), ',', "one column: ','");
	is_int(SNIFF(""), ',', "nothing: ','");
	is_int(ferrum_csv_sniff(NULL, 0), ',', "NULL: ','");
	is_int(SNIFF("a;b,c;d\r1;2,5;3\r4;5,5;6\r"), ';', "lines ended by '\\r' alone: ';'");
	is_int(SNIFF("a,b;c\n1,2;3\n"), ',', "tie ',' and ';': ','");
	is_int(SNIFF("a;b|c\n1;2|3\n"), ';', "tie ';' and '|': ';'");
	is_int(SNIFF("a\tb\n1\t2\n"), '\t', "tie tab and spaces: tab");
	is_int(SNIFF("a;b;c\n1,2;3;4\n"), ';', "more fields win");
	is_int(SNIFF("a;b\n1;2;3\n"), ',', "ragged, no majority: ','");
	is_int(SNIFF("a;b\n1;2\n3;4;5\n"), ';', "ragged: most lines agree");
	is_int(SNIFF("a;b|c\n1;2|3\n4;5\n"), ';', "every line beats most lines");
	is_int(SNIFF("a,b\n\"1,\n2\",3\n4,5,6\n7,8\n"), ',',
	       "ragged with a quoted line end");
	is_int(SNIFF("a;b\n1;2\n3"), ';', "an unfinished last line is ignored");
	is_int(SNIFF("a;b"), ';', "unless it is the only one");
	is_int(SNIFF("a;b\n\n  \n1;2\n"), ';', "blank lines do not count");
	is_int(SNIFF("\"x;\ny\";b\n1;2\n"), ';', "quoted line end");
	is_int(SNIFF("\"a,b\";c\n\"d,e\";f\n"), ';', "commas in quotes");
	is_int(SNIFF("x \"a b\"\ny \"c d e\"\n"), ' ', "spaces in quotes");
	is_int(SNIFF("\xEF\xBB\xBF" "a;b\n"), ';', "BOM");

	/* FERRUM_CSV_SNIFF_LINES: the 21st line does not count */
	{
		fe_buf b;
		int i;

		fe_buf_init(&b);
		for (i = 0; i < FERRUM_CSV_SNIFF_LINES; i++)
			fe_buf_puts(&b, "1;2\n");
		fe_buf_puts(&b, "1;2;3\n");
		if (ferrum_csv_new_buffer(&c, b.data, b.len, NULL) != FERRUM_OK)
			bail("new");
		is_int(ferrum_csv_delimiter(c), ',', "a new reader uses ','");
		ok(ferrum_csv_set_delimiter(c, FERRUM_CSV_AUTO) == FERRUM_OK, "set AUTO");
		is_int(ferrum_csv_delimiter(c), FERRUM_CSV_AUTO, "AUTO until read");
		is_int(ferrum_csv_next(c), 1, "first record");
		is_int(ferrum_csv_delimiter(c), ';', "sniffed from the first lines only");
		is_int(ferrum_csv_set_delimiter(c, ','), FERRUM_EINVAL, "too late to change");
		ferrum_csv_free(c);
		fe_buf_free(&b);
	}
	if (ferrum_csv_new_buffer(&c, "", 0, NULL) != FERRUM_OK)
		bail("new");
	is_int(ferrum_csv_set_delimiter(c, ':'), FERRUM_EINVAL, "':' is not a delimiter");
	is_int(ferrum_csv_set_delimiter(c, '"'), FERRUM_EINVAL, "'\"' is not a delimiter");
	is_int(ferrum_csv_set_delimiter(c, '\n'), FERRUM_EINVAL, "'\\n' is not a delimiter");
	is_int(ferrum_csv_set_delimiter(NULL, ','), FERRUM_EINVAL, "NULL reader");
	ok(ferrum_csv_set_delimiter(c, FERRUM_CSV_SPACES) == FERRUM_OK &&
	   ferrum_csv_delimiter(c) == ' ', "spaces");
	ferrum_csv_free(c);
}

/* Large inputs cross the stream buffer's edges and make it grow. */
static void
test_large(void)
{
	fe_buf b;
	size_t i, len;
	char *text, *want, *got;
	static const size_t steps[] = { 1, 4096, 65537, 1 << 20 };

	fe_buf_init(&b);
	for (i = 0; i < 60000; i++) {
		if (i % 7 == 0)
			fe_buf_printf(&b, "\"q%zu,\"\"x\"\"\n\",%zu.5 , end\r\n", i, i);
		else
			fe_buf_printf(&b, "%zu,%zu.25,\xC2\xA0w%zu\n", i, i * 3, i);
		if (i == 30000) {
			size_t k;

			/* one record of 200,000 bytes: beyond the first buffer */
			fe_buf_putc(&b, '"');
			for (k = 0; k < 200000; k++)
				fe_buf_putc(&b, (char)('a' + k % 26));
			fe_buf_puts(&b, "\",1\n");
		}
	}
	text = fe_buf_take(&b, &len);
	want = dump_buffer(text, len);
	ok(strstr(want, "\n68573[59999|179997.25|w59999]\nend\n") != NULL &&
	   strstr(want, "\n9[q7,\"x\"\n|7.5|end]\n") != NULL,
	   "a large input read from a buffer");
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		got = dump_stream(text, len, steps[i]);
		ok(strcmp(got, want) == 0, "the same streamed %zu bytes at a time", steps[i]);
		free(got);
	}
	free(want);
	free(text);
}

static void
test_raw_record(void)
{
	static const char in[] = "\"a,b\",c\r\n  x ,\"y\ny\"\nlast";
	ferrum_csv *c;
	const char *r;
	size_t len;

	ferrum_csv_new_buffer(&c, in, sizeof in - 1, NULL);
	ferrum_csv_next(c);
	r = ferrum_csv_record(c, &len);
	is_blob(r, len, "\"a,b\",c", 7, "raw record: quotes kept, CRLF gone");
	ferrum_csv_next(c);
	r = ferrum_csv_record(c, &len);
	is_blob(r, len, "  x ,\"y\ny\"", 10, "raw record: spaces and the embedded line end kept");
	ferrum_csv_next(c);
	r = ferrum_csv_record(c, &len);
	is_blob(r, len, "last", 4, "raw record at the end of the input");
	is_int(ferrum_csv_next(c), 0, "then the end");
	is_int(ferrum_csv_next(c), 0, "and the end again");
	ok(ferrum_csv_field(c, 0, NULL) == NULL, "no fields after the end");
	ferrum_csv_free(c);
}

static void
test_limits(void)
{
	ferrum_csv *c;
	feeder f;
	static const char wide[] = "1,2,3\n1,2,3,4\n";
	static const char longrec[] = "123456789\n12345678901\n";

	ferrum_csv_new_buffer(&c, wide, sizeof wide - 1, NULL);
	ferrum_csv_set_limits(c, 0, 3);
	is_int(ferrum_csv_next(c), 1, "3 fields within a limit of 3");
	is_int(ferrum_csv_next(c), FERRUM_ERANGE, "4 fields over a limit of 3");
	is_string(ferrum_csv_error(c)->message, "line 2: more than 3 fields", "field limit message");
	ferrum_csv_free(c);

	ferrum_csv_new_buffer(&c, longrec, sizeof longrec - 1, NULL);
	ferrum_csv_set_limits(c, 10, 0);
	is_int(ferrum_csv_next(c), 1, "9 bytes within a limit of 10");
	is_int(ferrum_csv_next(c), FERRUM_ERANGE, "11 bytes over a limit of 10");
	is_string(ferrum_csv_error(c)->message, "line 2: record longer than 10 bytes",
	          "record limit message");
	ferrum_csv_free(c);

	/* The limit fires at the same byte whatever the chunks, so an error
	 * before it wins and one after it does not. */
	{
		static const char late[] = "x,\xff yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n";
		static const char early[] = "x,\xff,yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n";
		static const size_t steps[] = { 0, 1, 5, 64, 66, 67, 1000 };
		size_t k;
		int same_late = 1, same_early = 1;

		for (k = 0; k < sizeof steps / sizeof steps[0]; k++) {
			feeder f1 = { late, sizeof late - 1, 0, steps[k], 0 };
			feeder f2 = { early, sizeof early - 1, 0, steps[k], 0 };
			ferrum_csv *c1, *c2;

			if (steps[k] == 0) {
				ferrum_csv_new_buffer(&c1, late, sizeof late - 1, NULL);
				ferrum_csv_new_buffer(&c2, early, sizeof early - 1, NULL);
			} else {
				ferrum_csv_new(&c1, feed, &f1, NULL);
				ferrum_csv_new(&c2, feed, &f2, NULL);
			}
			ferrum_csv_set_limits(c1, 64, 0);
			ferrum_csv_set_limits(c2, 64, 0);
			same_late &= ferrum_csv_next(c1) == FERRUM_ERANGE;
			same_early &= ferrum_csv_next(c2) == FERRUM_EINPUT;
			ferrum_csv_free(c1);
			ferrum_csv_free(c2);
		}
		ok(same_late, "bad UTF-8 in a field ending past the limit: too long, in every mode");
		ok(same_early, "bad UTF-8 in a field ending before the limit: bad UTF-8, in every mode");
	}
	/* A first line end past the limit tells nothing of the line ends, in
	 * every mode: the record is too long (fuzz-frame found the buffer
	 * reader deciding on a '\r' the streaming one could not see). */
	{
		/* a byte order mark, then a line of 64 bytes: its '\r' is byte 68 */
		static const char far[] = "\xEF\xBB\xBF"
			"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\rb,c\rd,e\n";
		static const size_t steps[] = { 0, 1, 7, 64, 1000 };
		size_t k;
		int same = 1;

		for (k = 0; k < sizeof steps / sizeof steps[0]; k++) {
			feeder f1 = { far, sizeof far - 1, 0, steps[k], 0 };
			ferrum_csv *c1;

			if (steps[k] == 0)
				ferrum_csv_new_buffer(&c1, far, sizeof far - 1, NULL);
			else
				ferrum_csv_new(&c1, feed, &f1, NULL);
			ferrum_csv_set_limits(c1, 64, 0);
			same &= ferrum_csv_next(c1) == FERRUM_ERANGE;
			ferrum_csv_free(c1);
		}
		ok(same, "a '\\r' past the record limit: too long, in every mode");
	}

	/* Streaming, the buffer stays bounded: the reader must stop rather
	 * than swallow an endless record. */
	{
		size_t n = 1000000, i;
		char *big = malloc(n);

		for (i = 0; i < n; i++)
			big[i] = 'x';
		f = (feeder){ big, n, 0, 4096, 0 };
		ferrum_csv_new(&c, feed, &f, NULL);
		ferrum_csv_set_limits(c, 100000, 0);
		is_int(ferrum_csv_next(c), FERRUM_ERANGE, "an endless record is refused");
		ok(f.pos < 300000, "after reading a bounded amount (%zu bytes)", f.pos);
		ferrum_csv_free(c);
		free(big);
	}

	/* A line is delivered without waiting for more input (tail -f). */
	f = (feeder){ "1\n", 2, 0, 100, 1 };
	ferrum_csv_new(&c, feed, &f, NULL);
	is_int(ferrum_csv_next(c), 1, "a short first line comes without another read");
	ferrum_csv_free(c);
	f = (feeder){ "\xEF\xBB\xBFx\n", 5, 0, 100, 1 };
	ferrum_csv_new(&c, feed, &f, NULL);
	ok(ferrum_csv_next(c) == 1 && strcmp(ferrum_csv_field(c, 0, NULL), "x") == 0,
	   "so does a line after a byte order mark");
	ferrum_csv_free(c);

	f = (feeder){ "a,b\nc", 5, 0, 2, 1 };
	ferrum_csv_new(&c, feed, &f, NULL);
	is_int(ferrum_csv_next(c), 1, "a record before a read error");
	is_int(ferrum_csv_next(c), FERRUM_EIO, "a read error is FERRUM_EIO");
	ok(strstr(ferrum_csv_error(c)->message, "read error") != NULL, "read error message: %s",
	   ferrum_csv_error(c)->message);
	ferrum_csv_free(c);
}

/* ---- numbers ------------------------------------------------------------ */

static int
same_float(float a, float b)
{
	uint32_t x, y;

	memcpy(&x, &a, 4);
	memcpy(&y, &b, 4);
	return x == y || (isnan(a) && isnan(b));
}

/* Compare ferrum_parse_float with strtof on @s; count a mismatch. */
static int
agree(const char *s)
{
	static int shown;
	float got = 0, want = strtof(s, NULL);

	if (ferrum_parse_float(s, strlen(s), &got) != FERRUM_OK) {
		if (shown++ < 30)
			diag("'%s' refused", s);
		return 0;
	}
	if (!same_float(got, want)) {
		if (shown++ < 30)
			diag("'%s': got %.9g, strtof %.9g", s, (double)got, (double)want);
		return 0;
	}
	return 1;
}

static uint64_t rs = 88172645463325252u;
static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

static void
test_numbers(void)
{
	static const char *good[] = {
		"0", "-0", "+0", "1", "+1", "-1", "5.", ".5", "-.5", "+5.", "1e5", "1E5", "1e+5",
		"1e-5", "00012", "0.1", "3.4028235e38", "3.4028236e38", "3.5e38", "1e39",
		"1.17549435e-38", "1.4e-45", "7e-46", "7.1e-46", "1e-50", "16777217", "16777219",
		"123456789012345678901234567890", "0.000000000000000000000000000000001",
		"-122.23", "37.88", "452600.0", "8.3252", "10.0333333333333", "3504.",
		"1e0000000000000000000000001", "9007199254740993", "1.00000005960464477539062500000001",
		"1.000000059604644775390625", "1.0000001788139343261718750", "0.30000001192092896",
		"2.5e-3", "100e-2", "1e10", "1e11", "12345678e-10", "4.9406564584124654e-324",
	};
	static const char *bad[] = {
		"", "+", "-", ".", "+.", "-.e1", "e5", "1e", "1e+", "1e-", "0x10", "0X1p3", " 1", "1 ",
		"\t1", "1\xC2\xA0", "1_0", "1,5", "1.2.3", "--1", "+-1", "1e5.5", "1e5e5", "inf ",
		"infinit", "infinityy", "nan1", "nana", "in", "n", "1f", "1d", "\xD9\xA1", "NA", "?",
		"1.5 ", "0b1", "1..", "..1", "+inf+", "\"1\"",
	};
	static const struct {
		const char *s;
		int sign; /* +1 or -1 infinity, 0 NaN */
	} special[] = {
		{ "inf", 1 }, { "INF", 1 }, { "+Inf", 1 }, { "-inf", -1 }, { "infinity", 1 },
		{ "-Infinity", -1 }, { "INFINITY", 1 }, { "nan", 0 }, { "NaN", 0 }, { "-nAn", 0 },
		{ "+NAN", 0 },
	};
	size_t i;
	int good_all = 1;
	float v;
	char buf[128];

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		good_all &= agree(good[i]);
	ok(good_all, "%zu hand-picked values agree with strtof", sizeof good / sizeof good[0]);

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v = 42.0f;
		ok(ferrum_parse_float(bad[i], strlen(bad[i]), &v) == FERRUM_EINPUT && v == 42.0f &&
		   !ferrum_is_number(bad[i], strlen(bad[i])),
		   "'%s' refused, output untouched", bad[i]);
	}
	for (i = 0; i < sizeof special / sizeof special[0]; i++) {
		v = 0;
		ok(ferrum_parse_float(special[i].s, strlen(special[i].s), &v) == FERRUM_OK &&
		   (special[i].sign == 0 ? isnan(v) : isinf(v) && (v > 0) == (special[i].sign > 0)),
		   "'%s' is %s", special[i].s,
		   special[i].sign == 0 ? "NaN" : special[i].sign > 0 ? "+inf" : "-inf");
	}
	ok(ferrum_parse_float("-0", 2, &v) == FERRUM_OK && v == 0 && signbit(v), "-0 keeps its sign");
	ok(ferrum_parse_float("1.5xyz", 3, &v) == FERRUM_OK && v == 1.5f,
	   "only @len bytes are read");
	ok(ferrum_parse_float("2e", 1, &v) == FERRUM_OK && v == 2.0f, "a length cutting '2e'");

	/* Long digit strings: 500 digits, and a halfway case decided by its
	 * 120th digit. */
	{
		char big[600];

		memset(big, '0', sizeof big);
		big[0] = '0';
		big[1] = '.';
		big[501] = '1';
		big[502] = '\0';
		good_all = agree(big);
		memset(big, '9', 500);
		big[500] = '\0';
		good_all &= agree(big);
		/* 1 + 2^-24 exactly is a tie between 1 and 1 + 2^-23: even, down */
		strcpy(big, "1.000000059604644775390625");
		for (i = strlen(big); i < 150; i++)
			big[i] = '0';
		big[150] = '\0';
		good_all &= agree(big);
		big[149] = '1'; /* just above the tie: up */
		good_all &= agree(big);
		ok(good_all, "long digit strings agree with strtof");
	}

	/* Random floats printed with various precisions, and the exact halfway
	 * points between neighbours, plus and minus one last digit. */
	{
		int bad_n = 0, total = 0;
		static const int prec[] = { 9, 6, 3, 12, 17, 1 };

		for (i = 0; i < 200000; i++) {
			uint32_t bits = (uint32_t)rnd();
			float f;

			memcpy(&f, &bits, 4);
			if (!isfinite(f))
				continue;
			if (i % 6 == 3)
				snprintf(buf, sizeof buf, "%.*e", prec[i % 6], (double)f);
			else if (i % 6 == 5)
				snprintf(buf, sizeof buf, "%.*f", prec[i % 6], (double)f);
			else
				snprintf(buf, sizeof buf, "%.*g", prec[i % 6], (double)f);
			total++;
			if (!agree(buf) && ++bad_n > 20)
				break;
		}
		ok(bad_n == 0 && total > 150000, "%d random floats in six formats agree with strtof",
		   total);
	}
	{
		int bad_n = 0, total = 0;

		for (i = 0; i < 50000; i++) {
			uint32_t bits = (uint32_t)rnd() & 0x7f7fffffu;
			float f, g;
			double mid;
			size_t len;

			memcpy(&f, &bits, 4);
			g = nextafterf(f, INFINITY);
			if (!isfinite(g))
				continue;
			mid = ((double)f + (double)g) / 2; /* exact in double */
			snprintf(buf, sizeof buf, "%.60e", mid);
			total++;
			bad_n += !agree(buf);
			/* nudge the last digit up and down */
			len = strcspn(buf, "e");
			if (buf[len - 1] < '9') {
				buf[len - 1]++;
				bad_n += !agree(buf);
				buf[len - 1]--;
			}
			if (buf[len - 1] > '0') {
				buf[len - 1]--;
				bad_n += !agree(buf);
			}
			/* and the short form %.17g that lands near the tie */
			snprintf(buf, sizeof buf, "%.17g", mid);
			bad_n += !agree(buf);
		}
		ok(bad_n == 0, "%d halfway points and their neighbours agree with strtof", total);
	}
	/* Random decimal strings of 1-25 digits and exponents -60..50. */
	{
		int bad_n = 0;

		for (i = 0; i < 200000; i++) {
			size_t nd = 1 + rnd() % 25, k, dot = rnd() % (nd + 1), o = 0;

			if (rnd() % 2)
				buf[o++] = '-';
			for (k = 0; k < nd; k++) {
				if (k == dot)
					buf[o++] = '.';
				buf[o++] = (char)('0' + rnd() % 10);
			}
			o += (size_t)snprintf(buf + o, sizeof buf - o, "e%d", (int)(rnd() % 111) - 60);
			bad_n += !agree(buf);
		}
		ok(bad_n == 0, "200000 random decimal strings agree with strtof");
	}

	ok(ferrum_is_missing("", 0) && ferrum_is_missing("NA", 2) && ferrum_is_missing("?", 1),
	   "'', 'NA' and '?' are missing");
	ok(!ferrum_is_missing("na", 2) && !ferrum_is_missing("N/A", 3) &&
	   !ferrum_is_missing(" NA", 3) && !ferrum_is_missing("0", 1),
	   "'na', 'N/A', ' NA', '0' are not");
}

int
main(void)
{
	plan_lazy();
	test_records();
	test_delimiters();
	test_large();
	test_raw_record();
	test_limits();
	test_numbers();
	return done_testing();
}

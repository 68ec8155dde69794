/* json.c: the strict JSON reader on valid and invalid documents, and the writers.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Documents RFC 8259 accepts, with their compact re-serialisation written
 * out by hand. */
static const struct {
	const char *doc, *compact;
} valid[] = {
	{ "null", "null" },
	{ " true ", "true" },
	{ "\t\r\nfalse\n", "false" },
	{ "0", "0" },
	{ "-0", "-0" },
	{ "-12.5e+3", "-12.5e+3" },
	{ "1E-2", "1E-2" },
	{ "\"\"", "\"\"" },
	{ "\"a\\\"b\\\\c\\/d\"", "\"a\\\"b\\\\c/d\"" },
	{ "\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"" },
	{ "\"\\u0041\\u00e9\"", "\"A\xc3\xa9\"" },
	{ "\"\\ud83d\\ude00\"", "\"\xf0\x9f\x98\x80\"" },
	{ "\"\xe2\x82\xac\"", "\"\xe2\x82\xac\"" },
	{ "\"\\u0001\"", "\"\\u0001\"" },
	{ "[]", "[]" },
	{ "{}", "{}" },
	{ "[1, [2, [3]], {\"a\" : {}}]", "[1,[2,[3]],{\"a\":{}}]" },
	{ "{ \"b\": 1, \"a\": [true, null] }", "{\"b\":1,\"a\":[true,null]}" },
	{ "{\"k\":1,\"k\":2}", "{\"k\":1,\"k\":2}" },
};

/* Documents it refuses, with the 0-based byte offset of the problem. */
static const struct {
	const char *doc;
	long long at;
	const char *why;
} invalid[] = {
	{ "", 0, "empty document" },
	{ "   ", 3, "only whitespace" },
	{ "[1,]", 3, "trailing comma in an array" },
	{ "{\"a\":1,}", 7, "trailing comma in an object" },
	{ "[1 2]", 3, "missing comma" },
	{ "01", 0, "leading zero" },
	{ "-01", 0, "leading zero after minus" },
	{ "1.", 0, "no digit after the point" },
	{ ".5", 0, "no digit before the point" },
	{ "1e", 0, "empty exponent" },
	{ "+1", 0, "plus sign" },
	{ "0x10", 1, "hex" },
	{ "NaN", 0, "NaN" },
	{ "Infinity", 0, "Infinity" },
	{ "\"a\tb\"", 2, "raw tab in a string" },
	{ "\"a\nb\"", 2, "raw newline in a string" },
	{ "\"\\x\"", 1, "bad escape" },
	{ "\"\\u12g4\"", 1, "bad hex in \\u" },
	{ "\"\\ud800\"", 1, "lone high surrogate" },
	{ "\"\\udc00\"", 1, "lone low surrogate" },
	{ "\"\\ud800\\u0041\"", 1, "high surrogate then a non-surrogate" },
	{ "\"\xff\"", 1, "invalid UTF-8 byte" },
	{ "\"\xc0\xaf\"", 1, "overlong UTF-8" },
	{ "\"\xed\xa0\x80\"", 1, "UTF-8 encoded surrogate" },
	{ "\"\xf4\x90\x80\x80\"", 1, "above U+10FFFF" },
	{ "\"\xe2\x82\"", 1, "cut UTF-8 sequence" },
	{ "\"abc", 4, "unterminated string" },
	{ "{\"a\" 1}", 5, "missing colon" },
	{ "{1:2}", 1, "non-string key" },
	{ "[1] [2]", 4, "two documents" },
	{ "tru", 0, "cut literal" },
	{ "True", 0, "literal in the wrong case" },
	{ "\xef\xbb\xbf{}", 0, "byte-order mark" },
	{ "{\"a\":[}", 6, "bracket mismatch" },
};

static void
test_valid(void)
{
	size_t i;

	for (i = 0; i < sizeof valid / sizeof valid[0]; i++) {
		fe_json *v = NULL;
		ferrum_error err;
		fe_buf b;
		char *s;
		int rc = fe_json_parse(valid[i].doc, strlen(valid[i].doc), &v, &err);

		if (!is_int(rc, 0, "valid document %zu parses", i)) {
			diag("%s", err.message);
			continue;
		}
		fe_buf_init(&b);
		fe_json_put_value(&b, v);
		s = fe_buf_take(&b, NULL);
		is_string(s, valid[i].compact, "valid %zu: compact form", i);
		free(s);
		fe_json_free(v);
	}
}

static void
test_invalid(void)
{
	size_t i;

	for (i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		fe_json *v = NULL;
		ferrum_error err;
		int rc = fe_json_parse(invalid[i].doc, strlen(invalid[i].doc), &v, &err);

		is_int(rc, FERRUM_EINPUT, "invalid: %s", invalid[i].why);
		is_int(err.offset, invalid[i].at, "invalid: %s: offset", invalid[i].why);
		ok(err.column == invalid[i].at + 1 && err.message[0] != '\0',
		   "invalid: %s: column and message (%s)", invalid[i].why, err.message);
		ok(v == NULL, "invalid: %s: no document", invalid[i].why);
	}
}

static void
test_depth(void)
{
	char deep[FE_JSON_MAX_DEPTH * 2 + 4];
	fe_json *v;
	ferrum_error err;
	int n;

	for (n = FE_JSON_MAX_DEPTH; n <= FE_JSON_MAX_DEPTH + 1; n++) {
		memset(deep, '[', (size_t)n);
		memset(deep + n, ']', (size_t)n);
		v = NULL;
		if (n == FE_JSON_MAX_DEPTH) {
			is_int(fe_json_parse(deep, 2 * (size_t)n, &v, &err), 0, "depth %d is accepted", n);
		} else {
			is_int(fe_json_parse(deep, 2 * (size_t)n, &v, &err), FERRUM_EINPUT,
			       "depth %d is refused", n);
			ok(strstr(err.message, "deep") != NULL, "the message says why");
		}
		fe_json_free(v);
	}
}

static void
test_access(void)
{
	const char *doc = "{\"a\":1,\"b\":\"x\\u0000y\",\"a\":2,\"n\":-2.5e-3}";
	fe_json *v;
	ferrum_error err;
	const fe_json *a, *b, *n;

	if (fe_json_parse(doc, strlen(doc), &v, &err) != 0)
		bail("%s", err.message);
	a = fe_json_get(v, "a");
	b = fe_json_get(v, "b");
	n = fe_json_get(v, "n");
	ok(a != NULL && a->number == 1.0, "duplicate keys: the first wins");
	ok(b != NULL && b->text_len == 3 && memcmp(b->text, "x\0y", 3) == 0,
	   "\\u0000 decodes to a NUL inside the string");
	ok(n != NULL && n->number == -2.5e-3, "number value is correctly rounded");
	ok(fe_json_get(v, "zz") == NULL, "a missing key gives NULL");
	is_int((long long)a->offset, 5, "values remember their offset");
	fe_json_free(v);
}

/* Every byte 1..127 plus UTF-8 and NUL through the string writer and back. */
static void
test_escape_roundtrip(void)
{
	char s[200];
	size_t n = 0, i;
	fe_buf b;
	fe_json *v = NULL;
	ferrum_error err;
	char *t;
	size_t tl;

	for (i = 0; i < 128; i++)
		s[n++] = (char)i;
	memcpy(s + n, "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 9);
	n += 9;
	fe_buf_init(&b);
	fe_json_put_string(&b, s, n);
	t = fe_buf_take(&b, &tl);
	for (i = 0; i < tl; i++)
		if ((unsigned char)t[i] < 0x20)
			break;
	is_int((long long)i, (long long)tl, "the written string has no raw control characters");
	ok(strstr(t, "\\n") != NULL && strstr(t, "\\u0000") != NULL && strstr(t, "\\\"") != NULL,
	   "newline, NUL and quote are escaped");
	is_int(fe_json_parse(t, tl, &v, &err), 0, "the written string parses");
	if (v != NULL)
		is_blob(v->text, v->text_len, s, n, "and decodes to the original bytes");
	fe_json_free(v);
	free(t);
}

static void
test_floats(void)
{
	/* Values and their shortest round-trip text: no shorter decimal
	 * reads back as the same float. */
	static const struct {
		float f;
		const char *text;
	} cases[] = {
		{ 0.1f, "0.1" },
		{ 1.0f, "1" },
		{ -2.5f, "-2.5" },
		{ 16777216.0f, "16777216" },
		{ 0.3333333432674408f, "0.33333334" },
		{ 3.4028234663852886e38f, "3.4028235e+38" },
	};
	size_t i;
	uint32_t u;
	unsigned long ok_count = 0;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		fe_buf b;
		char *t;

		fe_buf_init(&b);
		fe_json_put_float(&b, cases[i].f);
		t = fe_buf_take(&b, NULL);
		is_string(t, cases[i].text, "float %s", cases[i].text);
		free(t);
	}
	/* Round trip of 20000 spread bit patterns. */
	for (u = 0x00000001u, i = 0; i < 20000; i++, u += 0x0001A2B3u * 13u) {
		float f, back = 0;
		fe_buf b;
		char *t;

		memcpy(&f, &u, sizeof f);
		if (!isfinite(f)) {
			ok_count++;
			continue;
		}
		fe_buf_init(&b);
		fe_json_put_float(&b, f);
		t = fe_buf_take(&b, NULL);
		fe_num_parse_float(t, strlen(t), &back);
		if (memcmp(&back, &f, sizeof f) == 0)
			ok_count++;
		free(t);
	}
	is_int((long long)ok_count, 20000, "20000 float bit patterns round-trip through text");
	{
		fe_buf b;
		char *t;

		fe_buf_init(&b);
		fe_json_put_float(&b, NAN);
		fe_buf_putc(&b, ' ');
		fe_json_put_float(&b, -INFINITY);
		fe_buf_putc(&b, ' ');
		fe_json_put_double(&b, 0.1);
		t = fe_buf_take(&b, NULL);
		is_string(t, "null null 0.1", "NaN and infinity are null; doubles are shortest too");
		free(t);
	}
}

/* The object and array helpers put the commas; sizes print in decimal. */
static void
test_builders(void)
{
	fe_buf b;
	char *t;

	fe_buf_init(&b);
	fe_buf_putc(&b, '{');
	fe_json_put_key(&b, "n");
	fe_json_put_size(&b, 0);
	fe_json_put_key(&b, "big");
	fe_json_put_size(&b, (size_t)4294967295u);
	fe_json_put_key(&b, "a\"b");
	fe_buf_putc(&b, '[');
	fe_json_put_sep(&b);
	fe_json_put_float(&b, 0.5f);
	fe_json_put_sep(&b);
	fe_json_put_double(&b, 1e300);
	fe_json_put_sep(&b);
	fe_json_put_cstring(&b, "\x7f\t");
	fe_buf_puts(&b, "]}");
	t = fe_buf_take(&b, NULL);
	is_string(t, "{\"n\":0,\"big\":4294967295,\"a\\\"b\":[0.5,1e+300,\"\\u007f\\t\"]}",
	          "keys, items and separators");
	free(t);
}

/* The library never calls setlocale, but a program may; a locale with a
 * decimal comma must not change how numbers read or print. */
static void
test_locale(void)
{
	const char *names[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8", "de_DE" };
	size_t i;
	double d = 0;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (setlocale(LC_NUMERIC, names[i]) != NULL)
			break;
	if (i == sizeof names / sizeof names[0]) {
		skip(2, "no locale with a decimal comma installed");
		return;
	}
	fe_num_parse_double("2.5", 3, &d);
	ok(d == 2.5, "with LC_NUMERIC=%s \"2.5\" still reads as 2.5", names[i]);
	{
		fe_buf b;
		char *p;

		fe_buf_init(&b);
		fe_num_put_fixed(&b, 2.5, 3);
		fe_buf_putc(&b, ' ');
		fe_json_put_double(&b, 0.25);
		p = fe_buf_take(&b, NULL);
		is_string(p, "2.500 0.25", "and prints with a point");
		free(p);
	}
	setlocale(LC_NUMERIC, "C");
}

int
main(void)
{
	plan_lazy();
	test_valid();
	test_invalid();
	test_depth();
	test_access();
	test_escape_roundtrip();
	test_floats();
	test_builders();
	test_locale();
	return done_testing();
}

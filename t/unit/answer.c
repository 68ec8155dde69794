/* answer.c: the header and answer lines of finf-predict, byte for byte.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"
#include "../tap.h"
#include "model.h"

#include <stdlib.h>
#include <string.h>

/* A read callback over a string. */
typedef struct text {
	const char *s;
	size_t len, pos;
} text;

static long
read_text(void *ctx, char *buf, size_t cap)
{
	text *t = ctx;
	size_t n = t->len - t->pos < cap ? t->len - t->pos : cap;

	memcpy(buf, t->s + t->pos, n);
	t->pos += n;
	return (long)n;
}

/* The caller's line buffer, kept across calls as finf-predict keeps it. */
static char *line;
static size_t cap;

static const char *
header(const ferrum_model *m, const ferrum_rowreader *r, int flags)
{
	size_t len;

	if (ferrum_predict_header(m, r, flags, &line, &cap, &len) != FERRUM_OK)
		bail("header failed");
	if (len != strlen(line))
		bail("header length %zu for %zu bytes", len, strlen(line));
	return line;
}

static const char *
answer(const ferrum_model *m, const ferrum_rowreader *r, const float *x, const float *y,
       int flags)
{
	size_t len;

	if (ferrum_predict_line(m, r, x, y, flags, &line, &cap, &len) != FERRUM_OK)
		bail("line failed");
	if (len != strlen(line))
		bail("line length %zu for %zu bytes", len, strlen(line));
	return line;
}

/* One feature f; classes "a,b" and " c" (both need CSV quotes). */
static ferrum_model *
classifier(void)
{
	return make_model("0,1",
	                  "{\"dataset_name\":\"c\",\"task\":\"classification\","
	                  "\"feature_names\":[\"f\"],\"feature_ranges\":[[0,1]],"
	                  "\"class_names\":[\"a,b\",\" c\"],\"target_name\":\"\","
	                  "\"target_range\":[0,1],\"input_dim\":1,\"output_dim\":2}",
	                  1, 2, FERRUM_ACT_SOFTMAX);
}

/* Read the first row of @input for @m into @x; the reader stays open. */
static ferrum_rowreader *
first_row(const ferrum_model *m, text *t, const char *input, float *x)
{
	ferrum_rowreader *r = NULL;
	ferrum_error err;

	t->s = input;
	t->len = strlen(input);
	t->pos = 0;
	if (ferrum_rowreader_new(m, FERRUM_ROWS_AUTO, read_text, t, &r, &err) != FERRUM_OK ||
	    ferrum_rowreader_next(r, x, &err) != 1)
		bail("row of '%s': %s", input, err.message);
	return r;
}

static void
test_regressor(void)
{
	/* Zero weights: the output is 0 in normalised units, the mean raw. */
	ferrum_model *m = make_model(
		"0,1;100.5,20",
		"{\"dataset_name\":\"r\",\"task\":\"regression\",\"feature_names\":[\"f\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[],\"target_name\":\"value\","
		"\"target_range\":[40,200],\"input_dim\":1,\"output_dim\":1}",
		1, 1, FERRUM_ACT_IDENTITY);
	float x[1] = {3.0f}, y[1] = {0.0f};

	is_string(header(m, NULL, 0), "value\n", "regressor: header");
	is_string(answer(m, NULL, x, y, 0), "100.5\n", "regressor: the value in raw units");
	is_string(answer(m, NULL, x, y, 0), "100.5\n", "regressor: again, in the grown buffer");
	y[0] = -1.0f;
	is_string(answer(m, NULL, x, y, 0), "80.5\n", "regressor: out * std + mean");
	is_string(answer(m, NULL, x, y, FERRUM_LINE_JSON),
	          "{\"type\":\"regression\",\"value\":80.5,\"value_norm\":-1}\n",
	          "regressor: JSON, as ferrum_predict_json");
	ferrum_model_free(m);
}

static void
test_classifier(void)
{
	ferrum_model *m = classifier();
	float x[1] = {0.0f}, y[2] = {0.25f, 0.75f};
	size_t len = 7;
	char *json;

	is_string(header(m, NULL, 0), "label,confidence\n", "classifier: header");
	is_string(header(m, NULL, FERRUM_LINE_PROBS), "label,confidence,\"p_a,b\",p_ c\n",
	          "classifier: a p_<class> column each, quoted where CSV needs it");
	is_int(ferrum_predict_header(m, NULL, FERRUM_LINE_JSON, &line, &cap, &len), FERRUM_OK,
	       "JSON: a header call is fine");
	is_int((long long)len, 0, "JSON: no header line");
	is_string(answer(m, NULL, x, y, 0), "\" c\",0.75\n",
	          "classifier: label and confidence, the label quoted for its blank");
	is_string(answer(m, NULL, x, y, FERRUM_LINE_PROBS), "\" c\",0.75,0.25,0.75\n",
	          "classifier: every probability");
	y[0] = 0.875f;
	y[1] = 0.125f;
	is_string(answer(m, NULL, x, y, 0), "\"a,b\",0.875\n", "classifier: a comma is quoted");
	is_string(answer(m, NULL, x, y, FERRUM_LINE_JSON),
	          "{\"type\":\"classification\",\"class_index\":0,\"label\":\"a,b\","
	          "\"confidence\":0.875,\"probabilities\":[0.875,0.125]}\n",
	          "classifier: JSON");
	/* The JSON line is ferrum_predict_json()'s object plus a newline. */
	x[0] = 0.5f;
	if (ferrum_model_predict(m, x, y, NULL) != FERRUM_OK ||
	    ferrum_predict_json(m, x, &json, &len, NULL) != FERRUM_OK)
		bail("predict");
	answer(m, NULL, x, y, FERRUM_LINE_JSON);
	ok(strncmp(line, json, len) == 0 && strcmp(line + len, "\n") == 0,
	   "JSON line = ferrum_predict_json + newline");
	ferrum_free(json);

	is_int(ferrum_predict_line(m, NULL, x, y, FERRUM_LINE_KEEP, &line, &cap, &len),
	       FERRUM_EINVAL, "keep without a reader: EINVAL");
	is_int(ferrum_predict_header(m, NULL, FERRUM_LINE_KEEP, &line, &cap, &len), FERRUM_EINVAL,
	       "keep without a reader: EINVAL for the header too");
	ferrum_model_free(m);
}

static void
test_keep(void)
{
	ferrum_model *m = classifier();
	float x[1], y[2] = {0.25f, 0.75f};
	ferrum_rowreader *r;
	text t;

	/* CSV with a header, extra columns, quotes. */
	r = first_row(m, &t, "g,f,h\n\"x,y\", 2 ,007\n", x);
	is_string(header(m, r, FERRUM_LINE_KEEP), "g,f,h,label,confidence\n",
	          "keep: the input's header in front");
	is_string(answer(m, r, x, y, FERRUM_LINE_KEEP), "\"x,y\", 2 ,007,\" c\",0.75\n",
	          "keep: the record as it came in front");
	is_string(answer(m, r, x, y, FERRUM_LINE_KEEP | FERRUM_LINE_JSON),
	          "{\"input\":{\"g\":\"x,y\",\"f\":2,\"h\":\"007\"},\"type\":\"classification\","
	          "\"class_index\":1,\"label\":\" c\",\"confidence\":0.75,"
	          "\"probabilities\":[0.25,0.75]}\n",
	          "keep, JSON: the record as an object, JSON numbers as numbers");
	ferrum_rowreader_free(r);

	/* Fields that are and are not JSON numbers. */
	r = first_row(m, &t, "f,a,b,c,d,e,g\n1,-0.5e3,1.,.5,,-,1E+2\n", x);
	is_string(answer(m, r, x, y, FERRUM_LINE_KEEP | FERRUM_LINE_JSON),
	          "{\"input\":{\"f\":1,\"a\":-0.5e3,\"b\":\"1.\",\"c\":\".5\",\"d\":\"\",\"e\":\"-\","
	          "\"g\":1E+2},\"type\":\"classification\",\"class_index\":1,\"label\":\" c\","
	          "\"confidence\":0.75,\"probabilities\":[0.25,0.75]}\n",
	          "keep, JSON: only RFC 8259 numbers are copied as numbers");
	ferrum_rowreader_free(r);

	/* No header: positional; the feature names head the kept columns. */
	r = first_row(m, &t, "0.5\n", x);
	is_string(header(m, r, FERRUM_LINE_KEEP | FERRUM_LINE_PROBS),
	          "f,label,confidence,\"p_a,b\",p_ c\n", "keep, no header: the feature names");
	is_string(answer(m, r, x, y, FERRUM_LINE_KEEP), "0.5,\" c\",0.75\n",
	          "keep, no header: the record");
	ferrum_rowreader_free(r);

	/* JSON Lines: CSV shows the values read, JSON the record as it came. */
	r = first_row(m, &t, "  {\"f\": 2.50, \"z\": [1]}  \n", x);
	is_string(answer(m, r, x, y, FERRUM_LINE_KEEP), "2.5,\" c\",0.75\n",
	          "keep, JSON Lines to CSV: the values");
	is_string(answer(m, r, x, y, FERRUM_LINE_KEEP | FERRUM_LINE_JSON),
	          "{\"input\":{\"f\": 2.50, \"z\": [1]},\"type\":\"classification\","
	          "\"class_index\":1,\"label\":\" c\",\"confidence\":0.75,"
	          "\"probabilities\":[0.25,0.75]}\n",
	          "keep, JSON Lines to JSON: the record");
	ferrum_rowreader_free(r);
	ferrum_model_free(m);
}

static void
test_long(void)
{
	ferrum_model *m = classifier();
	float x[1], y[2] = {0.5f, 0.5f};
	ferrum_rowreader *r;
	char *in = malloc(20000), *want = malloc(20000);
	size_t i, n = 0;
	text t;

	/* A record longer than any internal staging: 600 columns. */
	if (in == NULL || want == NULL)
		bail("out of memory");
	for (i = 0; i < 600; i++)
		n += (size_t)sprintf(in + n, "%sc%zu", i ? "," : "", i);
	n += (size_t)sprintf(in + n, ",f\n");
	for (i = 0; i < 600; i++)
		n += (size_t)sprintf(in + n, "%zu,", i);
	sprintf(in + n, "1\n");
	r = first_row(m, &t, in, x);
	sprintf(want, "%s", strchr(in, '\n') + 1);
	want[strlen(want) - 1] = '\0';
	strcat(want, ",\" c\",0.5\n");
	is_string(answer(m, r, x, y, FERRUM_LINE_KEEP), want, "a long record is kept whole");
	ferrum_rowreader_free(r);
	ferrum_model_free(m);
	free(in);
	free(want);
}

int
main(void)
{
	plan_lazy();
	test_regressor();
	test_classifier();
	test_keep();
	test_long();
	ferrum_free(line);
	return done_testing();
}

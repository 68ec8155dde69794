/* model.h: a small fixed model for the harnesses that read rows for a model.
 * SPDX-License-Identifier: MIT
 *
 * Three features named "a", "b", "c" (so JSON objects and CSV headers can
 * name them), two classes, Linear 3 -> 2 then Softmax, built as FINF bytes
 * and read once through the public reader. */
#ifndef FUZZ_MODEL_H
#define FUZZ_MODEL_H

#include <stdlib.h>
#include <string.h>

#include "ferrum.h"

static size_t
fuzz_put_u32(unsigned char *p, size_t at, unsigned long v)
{
	p[at] = (unsigned char)(v & 0xFF);
	p[at + 1] = (unsigned char)(v >> 8 & 0xFF);
	p[at + 2] = (unsigned char)(v >> 16 & 0xFF);
	p[at + 3] = (unsigned char)(v >> 24 & 0xFF);
	return at + 4;
}

static size_t
fuzz_put_str(unsigned char *p, size_t at, const char *s)
{
	size_t n = strlen(s);

	at = fuzz_put_u32(p, at, (unsigned long)n);
	memcpy(p + at, s, n);
	return at + n;
}

/* The model, or abort(): without it the harness tests nothing. */
static ferrum_model *
fuzz_model(void)
{
	static ferrum_model *m;
	static const char norm[] = "0.50000000,2.00000000;-1.00000000,1.00000000;3.00000000,0.25000000";
	static const char meta[] =
		"{\"dataset_name\":\"fuzz\",\"task\":\"classification\","
		"\"feature_names\":[\"a\",\"b\",\"c\"],"
		"\"feature_ranges\":[[0.000000,1.000000],[-2.000000,2.000000],[1.000000,5.000000]],"
		"\"class_names\":[\"x\",\"y\"],\"target_name\":\"\","
		"\"target_range\":[0.000000,1.000000],\"input_dim\":3,\"output_dim\":2}";
	unsigned char buf[1024];
	size_t at = 0, i;

	if (m != NULL)
		return m;
	memcpy(buf, "FINF", 4);
	at = fuzz_put_u32(buf, 4, 3);
	at = fuzz_put_str(buf, at, norm);
	at = fuzz_put_str(buf, at, meta);
	at = fuzz_put_u32(buf, at, 2);
	buf[at++] = 0; /* Linear 3 -> 2 */
	at = fuzz_put_u32(buf, at, 3);
	at = fuzz_put_u32(buf, at, 2);
	for (i = 0; i < 3 * 2 + 2; i++) {
		/* 0.25f * (i + 1): exact, so no rounding question arises */
		static const unsigned long bits[] = {0x3E800000, 0x3F000000, 0x3F400000, 0x3F800000,
		                                     0x3FA00000, 0x3FC00000, 0x3FE00000, 0x40000000};
		at = fuzz_put_u32(buf, at, bits[i]);
	}
	buf[at++] = 1; /* Softmax */
	buf[at++] = 4;
	if (ferrum_model_read(buf, at, &m, NULL) != FERRUM_OK)
		abort();
	return m;
}

/* A model that carries a column schema, so that the rows are raw: "a"
 * numeric (gaps in training, an indicator input), "b" categorical (two
 * levels and "(other)"), "c" the target; Linear 5 -> 2 then Softmax.  Or
 * abort(). */
static ferrum_model *
fuzz_schema_model(void)
{
	static ferrum_model *m;
	static const char norm[] = "1.00000000,1.00000000;0.00000000,1.00000000;0.50000000,1.00000000;"
	                           "0.50000000,1.00000000;0.00000000,1.00000000";
	static const char meta[] =
		"{\"dataset_name\":\"fuzz\",\"task\":\"classification\","
		"\"feature_names\":[\"a\",\"a=(missing)\",\"b=u\",\"b=v\",\"b=(other)\"],"
		"\"feature_ranges\":[[0.000000,2.000000],[0.000000,1.000000],[0.000000,1.000000],"
		"[0.000000,1.000000],[0.000000,1.000000]],"
		"\"class_names\":[\"x\",\"y\"],\"target_name\":\"c\","
		"\"target_range\":[0.000000,1.000000],\"input_dim\":5,\"output_dim\":2,"
		"\"schema\":{\"version\":1,\"header\":true,\"na\":[\"NA\",\"?\"],\"columns\":["
		"{\"name\":\"a\",\"kind\":\"numeric\",\"median\":1,\"min\":0,\"max\":2,"
		"\"missing\":1,\"indicator\":true},"
		"{\"name\":\"b\",\"kind\":\"categorical\",\"levels\":[\"u\",\"v\"],"
		"\"counts\":[1,1],\"other\":1},"
		"{\"name\":\"c\",\"kind\":\"target\"}]}}";
	unsigned char buf[2048];
	size_t at = 0, i;

	if (m != NULL)
		return m;
	memcpy(buf, "FINF", 4);
	at = fuzz_put_u32(buf, 4, 3);
	at = fuzz_put_str(buf, at, norm);
	at = fuzz_put_str(buf, at, meta);
	at = fuzz_put_u32(buf, at, 2);
	buf[at++] = 0; /* Linear 5 -> 2 */
	at = fuzz_put_u32(buf, at, 5);
	at = fuzz_put_u32(buf, at, 2);
	for (i = 0; i < 5 * 2 + 2; i++)
		at = fuzz_put_u32(buf, at, i % 2 ? 0x3E800000 : 0xBF000000); /* 0.25, -0.5 */
	buf[at++] = 1; /* Softmax */
	buf[at++] = 4;
	if (ferrum_model_read(buf, at, &m, NULL) != FERRUM_OK)
		abort();
	return m;
}

typedef struct fuzz_feeder {
	const unsigned char *data;
	size_t size, pos;
	unsigned step; /* varies the chunk sizes */
} fuzz_feeder;

/* A read callback handing out the input in small uneven chunks. */
static long
fuzz_feed(void *ctx, char *buf, size_t cap)
{
	fuzz_feeder *f = ctx;
	size_t n = 1 + (f->step++ * 7 + f->size) % 13;

	if (n > cap)
		n = cap;
	if (n > f->size - f->pos)
		n = f->size - f->pos;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

/* Read every row of the input as finf-predict does; bad rows are skipped
 * the way --skip-bad does, a fatal error ends it. */
static void
fuzz_rows(const unsigned char *data, size_t size, int format)
{
	/* now and then raw rows, through a model with a schema */
	int raw = size % 5 == 1;
	ferrum_model *m = raw ? fuzz_schema_model() : fuzz_model();
	size_t nf = raw ? 5 : 3;
	fuzz_feeder f = {data, size, 0, 0};
	ferrum_rowreader *r = NULL;
	ferrum_error err;
	float x[5];
	size_t len, guard = 0;
	int rc;

	if (ferrum_rowreader_new(m, format, fuzz_feed, &f, &r, &err) != FERRUM_OK)
		abort(); /* both models' schemas read */
	if (raw && ferrum_rowreader_schema(r) == NULL)
		abort();
	if (size % 7 == 3 && ferrum_rowreader_keep_target(r) != FERRUM_OK)
		abort();
	/* the delimiter sniffed from the first line, now and then */
	if (size % 3 == 2 && ferrum_rowreader_set_delimiter(r, FERRUM_CSV_AUTO) != FERRUM_OK)
		abort();
	while ((rc = ferrum_rowreader_next(r, x, &err)) != 0 && guard++ <= size + 1) {
		(void)ferrum_rowreader_record(r, &len);
		if (rc < 0) {
			if (err.message[0] == '\0' || err.code != rc)
				abort();
			if (ferrum_rowreader_fatal(r)) {
				if (ferrum_rowreader_next(r, x, &err) != rc)
					abort(); /* fatal errors stick */
				break;
			}
			continue;
		}
		for (len = 0; len < nf; len++)
			if (!(x[len] - x[len] == 0.0f))
				abort(); /* a row must be finite */
		(void)ferrum_rowreader_line(r);
		(void)ferrum_rowreader_target(r, &len);
		if (ferrum_rowreader_unfamiliar(r) > 7)
			abort();
		for (len = 0; raw && len < 4; len++) {
			size_t cl;

			(void)ferrum_rowreader_cell(r, len, &cl);
			(void)ferrum_rowreader_cell_missing(r, len);
			if (ferrum_rowreader_cell_unfamiliar(r, len) > 7)
				abort();
		}
	}
	if (guard > size + 1)
		abort(); /* more rows than bytes: the reader does not advance */
	ferrum_rowreader_free(r);
}

#endif /* FUZZ_MODEL_H */

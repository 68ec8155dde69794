/* fuzz-frame.c: libFuzzer harness for the readers of real tables: the
 * delimiter sniffer, CSV into a frame of text cells with the header rule
 * (every delimiter, and detected), and JSON Lines into a frame (nested
 * objects flattened, arrays as text).
 * SPDX-License-Identifier: MIT
 *
 * Promises checked on every frame: at least one column and a row or a
 * header, unique
 * NUL-terminated names without a NUL inside, every cell NUL-terminated at
 * its length with no NUL inside, rows in increasing line order; and the
 * same frame whatever the chunks the input arrives in. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrum-internal.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what)
{
	fprintf(stderr, "fuzz-frame: %s\n", what);
	abort();
}

/* A read callback handing out the whole rest at once. */
static long
whole(void *ctx, char *buf, size_t cap)
{
	fuzz_feeder *f = ctx;
	size_t n = f->size - f->pos;

	if (n > cap)
		n = cap;
	memcpy(buf, f->data + f->pos, n);
	f->pos += n;
	return (long)n;
}

static void
check_frame(const fe_frame *f)
{
	size_t i, j, k, len;

	/* (a header alone makes a frame without rows) */
	if (f->n_cols == 0 || (f->n_rows == 0 && !f->has_header))
		fail("an empty frame read fine");
	for (j = 0; j < f->n_cols; j++) {
		if (f->names[j] == NULL)
			fail("a NULL name");
		for (k = 0; k < j; k++)
			if (f->n_cols < 2000 && strcmp(f->names[j], f->names[k]) == 0)
				fail("a name given twice");
	}
	for (i = 0; i < f->n_rows; i++) {
		if (i > 0 && f->lines[i] <= f->lines[i - 1])
			fail("rows out of line order");
		for (j = 0; j < f->n_cols; j++) {
			const char *s = fe_frame_cell(f, i, j, &len);

			if (s[len] != '\0' || strlen(s) != len)
				fail("a cell not NUL-terminated at its length, or holding a NUL");
		}
	}
}

/* The same frame: names, delimiter, header, cells and lines. */
static void
same_frame(const fe_frame *a, const fe_frame *b)
{
	size_t i, j, la, lb;

	if (a->n_cols != b->n_cols || a->n_rows != b->n_rows || a->has_header != b->has_header ||
	    a->delimiter != b->delimiter)
		fail("frames of the same bytes differ in shape");
	for (j = 0; j < a->n_cols; j++)
		if (strcmp(a->names[j], b->names[j]) != 0)
			fail("frames of the same bytes differ in a name");
	for (i = 0; i < a->n_rows; i++) {
		if (a->lines[i] != b->lines[i])
			fail("frames of the same bytes differ in a line");
		for (j = 0; j < a->n_cols; j++) {
			const char *sa = fe_frame_cell(a, i, j, &la), *sb = fe_frame_cell(b, i, j, &lb);

			if (la != lb || memcmp(sa, sb, la) != 0)
				fail("frames of the same bytes differ in a cell");
		}
	}
}

static void
csv_frames(const uint8_t *data, size_t size, int delim, int header, const fe_na *na)
{
	fuzz_feeder f = {data, size, 0, 0};
	ferrum_csv *a = NULL, *b = NULL;
	fe_frame fa, fb;
	ferrum_error ea, eb;
	int ra, rb;

	ferrum_error_clear(&ea);
	ferrum_error_clear(&eb);
	if (ferrum_csv_new_buffer(&a, (const char *)data, size, NULL) != FERRUM_OK)
		return;
	if (ferrum_csv_new(&b, fuzz_feed, &f, NULL) != FERRUM_OK) {
		ferrum_csv_free(a);
		return;
	}
	if (ferrum_csv_set_delimiter(a, delim) != FERRUM_OK ||
	    ferrum_csv_set_delimiter(b, delim) != FERRUM_OK)
		fail("a delimiter refused");
	if (size % 8 == 7) {
		ferrum_csv_set_limits(a, 64, 5);
		ferrum_csv_set_limits(b, 64, 5);
	}
	ra = fe_frame_read_csv(a, header, na, &fa, &ea);
	rb = fe_frame_read_csv(b, header, na, &fb, &eb);
	if (ra != rb)
		fail("buffer and stream frames disagree on the status");
	if (ra == FERRUM_OK) {
		int d = ferrum_csv_delimiter(a);

		check_frame(&fa);
		same_frame(&fa, &fb);
		if (d != ',' && d != ';' && d != '\t' && d != '|' && d != FERRUM_CSV_SPACES)
			fail("no delimiter after reading");
		if (delim != FERRUM_CSV_AUTO && d != delim)
			fail("the delimiter changed");
		fe_frame_free(&fa);
		fe_frame_free(&fb);
	} else if (ea.message[0] == '\0' || eb.message[0] == '\0') {
		fail("a frame error without a message");
	}
	ferrum_csv_free(a);
	ferrum_csv_free(b);
}

static void
jsonl_frames(const uint8_t *data, size_t size)
{
	fuzz_feeder f1 = {data, size, 0, 0}, f2 = {data, size, 0, 0};
	fe_frame fa, fb;
	ferrum_error ea, eb;
	int ra, rb;

	ferrum_error_clear(&ea);
	ferrum_error_clear(&eb);
	ra = fe_frame_read_jsonl(whole, &f1, &fa, &ea);
	rb = fe_frame_read_jsonl(fuzz_feed, &f2, &fb, &eb);
	if (ra != rb || (ra != FERRUM_OK && (ea.line != eb.line || strcmp(ea.message, eb.message))))
		fail("JSON Lines frames disagree with the chunks");
	if (ra == FERRUM_OK) {
		check_frame(&fa);
		same_frame(&fa, &fb);
		if (fa.delimiter != 0 || !fa.has_header)
			fail("a JSON Lines frame with a delimiter or without names");
		fe_frame_free(&fa);
		fe_frame_free(&fb);
	} else if (ea.message[0] == '\0') {
		fail("a JSON Lines error without a message");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int delims[] = { FERRUM_CSV_AUTO, ',', ';', '\t', '|', FERRUM_CSV_SPACES };
	fe_na na;
	int d = ferrum_csv_sniff((const char *)data, size);

	if (d != ',' && d != ';' && d != '\t' && d != '|' && d != FERRUM_CSV_SPACES)
		fail("ferrum_csv_sniff gave no delimiter");
	if (fe_na_init(&na, size % 3 ? NULL : "x,,-", NULL) != FERRUM_OK)
		return 0;
	csv_frames(data, size, delims[(size / 3) % 6], (int)(size % 3) - 1, &na);
	fe_na_free(&na);
	jsonl_frames(data, size);
	/* rows for a model, as finf-predict reads them */
	fuzz_rows(data, size, size % 2 ? FERRUM_ROWS_AUTO : FERRUM_ROWS_CSV);
	return 0;
}

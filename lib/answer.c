/* answer.c: the lines finf-predict writes, its CSV header and one answer
 * per row (CSV or JSON), built into a buffer the caller keeps from row to
 * row so that streaming allocates nothing once the longest line is known.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <string.h>

void
fe_put_prediction(fe_buf *b, const ferrum_model *m, const float *y)
{
	size_t i, n = ferrum_model_n_outputs(m);

	if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		fe_buf_puts(b, "\"type\":\"regression\",\"value\":");
		fe_json_put_float(b, ferrum_model_denormalize(m, y[0]));
		fe_buf_puts(b, ",\"value_norm\":");
		fe_json_put_float(b, y[0]);
	} else {
		size_t k = ferrum_argmax(y, n);
		const char *label = ferrum_model_class_name(m, k);

		fe_buf_printf(b, "\"type\":\"classification\",\"class_index\":%zu,\"label\":", k);
		if (label != NULL)
			fe_json_put_string(b, label, strlen(label));
		else
			fe_buf_printf(b, "\"%zu\"", k);
		fe_buf_puts(b, ",\"confidence\":");
		fe_json_put_float(b, y[k]);
		fe_buf_puts(b, ",\"probabilities\":[");
		for (i = 0; i < n; i++) {
			if (i > 0)
				fe_buf_putc(b, ',');
			fe_json_put_float(b, y[i]);
		}
		fe_buf_putc(b, ']');
	}
}

/* ---- CSV ---------------------------------------------------------------- */

/* CSV text is gathered in a small stack buffer in front of the line's
 * fe_buf, so that a row's few fields and numbers cost one append, not one
 * each (finf-predict is a streaming filter: this is its inner loop). */
typedef struct stage {
	fe_buf *b;
	size_t n;    /* bytes held in t */
	char t[256];
} stage;

static void
stage_flush(stage *s)
{
	fe_buf_add(s->b, s->t, s->n);
	s->n = 0;
}

static void
stage_add(stage *s, const char *p, size_t n)
{
	if (n > sizeof s->t - s->n) {
		stage_flush(s);
		if (n > sizeof s->t) {
			fe_buf_add(s->b, p, n);
			return;
		}
	}
	memcpy(s->t + s->n, p, n);
	s->n += n;
}

static void
stage_putc(stage *s, char c)
{
	if (s->n == sizeof s->t)
		stage_flush(s);
	s->t[s->n++] = c;
}

/* A float as ferrum_format_float() writes it ("nan", "inf" included),
 * then @sep. */
static void
put_float(stage *s, float f, char sep)
{
	if (sizeof s->t - s->n < FERRUM_FLOAT_TEXT_MAX + 1)
		stage_flush(s);
	s->n += ferrum_format_float(s->t + s->n, FERRUM_FLOAT_TEXT_MAX, f);
	s->t[s->n++] = sep;
}

/* A CSV field, quoted when it must be for a CSV reader to get it back:
 * for a comma, a quote or a line break, and for surrounding blanks, which
 * an unquoted field loses. */
static void
put_csv(stage *s, const char *f, size_t n)
{
	size_t i, run = 0;

	if (strpbrk(f, ",\"\r\n") == NULL &&
	    (n == 0 || (f[0] != ' ' && f[0] != '\t' && f[n - 1] != ' ' && f[n - 1] != '\t'))) {
		stage_add(s, f, n);
		return;
	}
	stage_putc(s, '"');
	for (i = 0; i < n; i++)
		if (f[i] == '"') {
			stage_add(s, f + run, i + 1 - run); /* the quote, then again */
			run = i;
		}
	stage_add(s, f + run, n - run);
	stage_putc(s, '"');
}

static void
put_csv_str(stage *s, const char *f)
{
	if (f == NULL)
		f = "";
	put_csv(s, f, strlen(f));
}

/* The input columns in front of the CSV header. */
static void
put_csv_columns(stage *s, const ferrum_model *m, const ferrum_rowreader *r)
{
	size_t i, n, hl;
	const char *h = ferrum_rowreader_header(r, &hl);

	if (h != NULL) {
		stage_add(s, h, hl);
	} else {
		n = ferrum_rowreader_n_columns(r);
		if (n == 0)
			n = ferrum_model_n_features(m);
		for (i = 0; i < n; i++) {
			const char *c = ferrum_rowreader_column(r, i);

			if (i > 0)
				stage_putc(s, ',');
			put_csv_str(s, c != NULL ? c : ferrum_model_feature_name(m, i));
		}
	}
	stage_putc(s, ',');
}

/* The kept input in front of a CSV answer: the record as it came, or the
 * values of a JSON Lines row. */
static void
put_csv_input(stage *s, const ferrum_model *m, const ferrum_rowreader *r, const float *x)
{
	size_t i, n, len;

	if (ferrum_rowreader_csv(r) != NULL) {
		const char *rec = ferrum_rowreader_record(r, &len);

		stage_add(s, rec, len);
		stage_putc(s, ',');
	} else {
		n = ferrum_model_n_features(m);
		for (i = 0; i < n; i++)
			put_float(s, x[i], ',');
		if (n == 0)
			stage_putc(s, ',');
	}
}

/* The answer proper and the line's end. */
static void
put_csv_answer(stage *s, const ferrum_model *m, const float *y, int probs)
{
	size_t i, k, n = ferrum_model_n_outputs(m);

	if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		put_float(s, ferrum_model_denormalize(m, y[0]), '\n');
		return;
	}
	k = ferrum_argmax(y, n);
	put_csv_str(s, ferrum_model_class_name(m, k));
	stage_putc(s, ',');
	put_float(s, y[k], probs && n > 0 ? ',' : '\n');
	for (i = 0; probs && i < n; i++)
		put_float(s, y[i], i + 1 < n ? ',' : '\n');
}

/* ---- JSON --------------------------------------------------------------- */

/* 1 if @s is a JSON number literal (RFC 8259 section 6), which can then be
 * copied into JSON as it is. */
static int
json_number(const char *s, size_t n)
{
	size_t end;

	return fe_json_number_end(s, n, &end) == NULL && end == n;
}

/* "input": the JSON Lines record as it came, or the CSV record as an
 * object keyed by the input's column names, numbers as numbers. */
static void
put_json_input(fe_buf *b, const ferrum_rowreader *r)
{
	const ferrum_csv *csv = ferrum_rowreader_csv(r);
	size_t i, n, len;

	fe_buf_puts(b, "\"input\":");
	if (csv == NULL) {
		const char *rec = ferrum_rowreader_record(r, &len);

		fe_buf_add(b, rec, len);
	} else {
		n = ferrum_csv_nfields(csv);
		fe_buf_putc(b, '{');
		for (i = 0; i < n; i++) {
			const char *f = ferrum_csv_field(csv, i, &len);
			const char *c = ferrum_rowreader_column(r, i);

			if (i > 0)
				fe_buf_putc(b, ',');
			if (c == NULL)
				c = "";
			fe_json_put_string(b, c, strlen(c));
			fe_buf_putc(b, ':');
			if (json_number(f, len))
				fe_buf_add(b, f, len);
			else
				fe_json_put_string(b, f, len);
		}
		fe_buf_putc(b, '}');
	}
	fe_buf_putc(b, ',');
}

/* ---- the public writers ----------------------------------------------- */

/* Write into the caller's buffer: start empty over *@buf (*@cap bytes
 * malloc'd, or NULL), which fe_buf grows with realloc. */
static void
open_line(fe_buf *b, char **buf, size_t *cap)
{
	fe_buf_init(b);
	if (*buf != NULL) {
		b->data = *buf;
		b->cap = *cap;
	}
}

/* Hand the buffer back, grown or not, even after a failed append (it is
 * then still the caller's to free). */
static int
close_line(fe_buf *b, char **buf, size_t *cap, size_t *len)
{
	*buf = b->data;
	*cap = b->cap;
	*len = b->failed ? 0 : b->len;
	return b->failed ? FERRUM_ENOMEM : FERRUM_OK;
}

int
ferrum_predict_header(const ferrum_model *m, const ferrum_rowreader *r, int flags, char **buf,
                      size_t *cap, size_t *len)
{
	size_t i, n;
	fe_buf b;
	stage s;

	*len = 0;
	if ((flags & FERRUM_LINE_KEEP) && r == NULL)
		return FERRUM_EINVAL;
	if (flags & FERRUM_LINE_JSON)
		return FERRUM_OK; /* JSON Lines have no header */
	open_line(&b, buf, cap);
	s.b = &b;
	s.n = 0;
	if (flags & FERRUM_LINE_KEEP)
		put_csv_columns(&s, m, r);
	if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		stage_add(&s, "value", 5);
	} else {
		stage_add(&s, "label,confidence", 16);
		n = ferrum_model_n_classes(m);
		for (i = 0; (flags & FERRUM_LINE_PROBS) && i < n; i++) {
			const char *c = ferrum_model_class_name(m, i);
			fe_buf t;

			/* "p_" and the name, quoted as one field. */
			fe_buf_init(&t);
			fe_buf_puts(&t, "p_");
			fe_buf_puts(&t, c != NULL ? c : "");
			stage_putc(&s, ',');
			if (t.failed)
				b.failed = 1;
			else
				put_csv(&s, t.data, t.len);
			fe_buf_free(&t);
		}
	}
	stage_putc(&s, '\n');
	stage_flush(&s);
	return close_line(&b, buf, cap, len);
}

int
ferrum_predict_line(const ferrum_model *m, const ferrum_rowreader *r, const float *x,
                    const float *y, int flags, char **buf, size_t *cap, size_t *len)
{
	fe_buf b;

	*len = 0;
	if ((flags & FERRUM_LINE_KEEP) && (r == NULL || x == NULL))
		return FERRUM_EINVAL;
	/* The common streaming case, a regressor's value alone, straight into
	 * a buffer that has room. */
	if (flags == 0 && *buf != NULL && *cap > FERRUM_FLOAT_TEXT_MAX + 1 &&
	    ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		*len = ferrum_format_float(*buf, FERRUM_FLOAT_TEXT_MAX, ferrum_model_denormalize(m, y[0]));
		(*buf)[(*len)++] = '\n';
		(*buf)[*len] = '\0';
		return FERRUM_OK;
	}
	open_line(&b, buf, cap);
	if (flags & FERRUM_LINE_JSON) {
		fe_buf_putc(&b, '{');
		if (flags & FERRUM_LINE_KEEP)
			put_json_input(&b, r);
		fe_put_prediction(&b, m, y);
		fe_buf_add(&b, "}\n", 2);
	} else {
		stage s;

		s.b = &b;
		s.n = 0;
		if (flags & FERRUM_LINE_KEEP)
			put_csv_input(&s, m, r, x);
		put_csv_answer(&s, m, y, (flags & FERRUM_LINE_PROBS) != 0);
		stage_flush(&s);
	}
	return close_line(&b, buf, cap, len);
}

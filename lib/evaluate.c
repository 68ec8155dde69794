/* evaluate.c: scoring a model on labelled rows as they stream past.
 * SPDX-License-Identifier: MIT
 *
 * The figures are ferrum_metrics_compute()'s (train.c), gathered one row
 * at a time: a classifier keeps its per-class counts (and the confusion
 * matrix), a regressor a few sums, so that memory does not grow with the
 * rows.  The sums are taken in row order as ferrum_metrics_compute()
 * takes them, so accuracy, macro-F1, log-loss, RMSE and MAE come out the
 * same to the bit; R^2's total sum of squares is Welford's running one
 * (one pass, no cancellation) where ferrum_metrics_compute() makes two
 * passes, so R^2 agrees within rounding. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_UNKNOWN_MAX 64

struct ferrum_eval {
	const ferrum_model *m;
	int task;
	size_t width;      /* outputs: classes, or 1 */
	size_t rows, skipped, unknown;
	char first_unknown[FIRST_UNKNOWN_MAX + 1];
	/* classification */
	size_t correct;
	size_t *tp, *fp, *fn; /* width each (one block) */
	size_t *confusion;    /* width * width, or NULL past the limit */
	double ll;            /* sum of -ln p_true */
	fe_calib cal;         /* Brier score and reliability bins */
	size_t *by_name;      /* class indices sorted by name (byte order) */
	size_t *by_value;     /* classes whose names are numbers, by value */
	double *value;        /* each class name's number (NaN: not one) */
	size_t n_by_value;
	/* regression */
	double se, ae;        /* sums of squared and absolute errors */
	double mean, m2;      /* Welford: running mean and sum of squares of
	                         the targets */
};

void
ferrum_eval_free(ferrum_eval *e)
{
	if (e == NULL)
		return;
	free(e->tp);
	free(e->confusion);
	free(e->by_name);
	free(e->by_value);
	free(e->value);
	free(e);
}

/* Order of class indices @a and @b: by name in byte order (@by_value 0)
 * or by the names' numbers, the index breaking ties. */
static int
before(const ferrum_eval *e, int by_value, size_t a, size_t b)
{
	if (by_value) {
		if (e->value[a] != e->value[b])
			return e->value[a] < e->value[b];
	} else {
		const char *x = ferrum_model_class_name(e->m, a);
		const char *y = ferrum_model_class_name(e->m, b);
		int c = strcmp(x != NULL ? x : "", y != NULL ? y : "");

		if (c != 0)
			return c < 0;
	}
	return a < b;
}

/* Heapsort of @n class indices (qsort(3) takes no context, and the
 * library keeps no global state). */
static void
sift(const ferrum_eval *e, int by_value, size_t *v, size_t i, size_t n)
{
	for (;;) {
		size_t c = 2 * i + 1, t;

		if (c >= n)
			return;
		if (c + 1 < n && before(e, by_value, v[c], v[c + 1]))
			c++;
		if (!before(e, by_value, v[i], v[c]))
			return;
		t = v[i];
		v[i] = v[c];
		v[c] = t;
		i = c;
	}
}

static void
sort_classes(const ferrum_eval *e, int by_value, size_t *v, size_t n)
{
	size_t i, t;

	for (i = n / 2; i-- > 0;)
		sift(e, by_value, v, i, n);
	for (i = n; i-- > 1;) {
		t = v[0];
		v[0] = v[i];
		v[i] = t;
		sift(e, by_value, v, 0, i);
	}
}

int
ferrum_eval_new(const ferrum_model *m, ferrum_eval **out, ferrum_error *err)
{
	ferrum_eval *e;
	size_t k, w;

	*out = NULL;
	e = calloc(1, sizeof *e);
	if (e == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	e->m = m;
	e->task = ferrum_model_task(m);
	e->width = w = ferrum_model_n_outputs(m);
	if (e->task == FERRUM_TASK_CLASSIFICATION) {
		e->tp = fe_calloc_array(w > 0 ? 3 * w : 1, sizeof *e->tp);
		e->by_name = fe_alloc_array(w > 0 ? w : 1, sizeof *e->by_name);
		e->by_value = fe_alloc_array(w > 0 ? w : 1, sizeof *e->by_value);
		e->value = fe_alloc_array(w > 0 ? w : 1, sizeof *e->value);
		if (w <= FERRUM_EVAL_MAX_CONFUSION)
			e->confusion = fe_calloc_array(w > 0 ? w * w : 1, sizeof *e->confusion);
		if (e->tp == NULL || e->by_name == NULL || e->by_value == NULL || e->value == NULL ||
		    (w <= FERRUM_EVAL_MAX_CONFUSION && e->confusion == NULL)) {
			ferrum_eval_free(e);
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		}
		e->fp = e->tp + w;
		e->fn = e->fp + w;
		for (k = 0; k < w; k++) {
			const char *c = ferrum_model_class_name(m, k);

			e->by_name[k] = k;
			e->value[k] = NAN;
			if (c != NULL && fe_num_parse_double(c, strlen(c), &e->value[k]) == FERRUM_OK &&
			    ferrum_is_number(c, strlen(c)) && !isnan(e->value[k]))
				e->by_value[e->n_by_value++] = k;
			else
				e->value[k] = NAN;
		}
		sort_classes(e, 0, e->by_name, w);
		sort_classes(e, 1, e->by_value, e->n_by_value);
	}
	*out = e;
	return FERRUM_OK;
}

/* The class named @s (@len bytes), or the width when there is none. */
static size_t
find_class(const ferrum_eval *e, const char *s, size_t len)
{
	size_t lo = 0, hi = e->width;
	double v;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, k = e->by_name[mid], cl;
		const char *c = ferrum_model_class_name(e->m, k);
		int d;

		if (c == NULL)
			c = "";
		cl = strlen(c);
		d = memcmp(c, s, cl < len ? cl : len);
		if (d == 0 && cl != len)
			d = cl < len ? -1 : 1;
		if (d == 0)
			return k;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* "1.0" for the class "1": the same number. */
	if (e->n_by_value == 0 || !ferrum_is_number(s, len) ||
	    fe_num_parse_double(s, len, &v) != FERRUM_OK || isnan(v))
		return e->width;
	lo = 0;
	hi = e->n_by_value;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		double c = e->value[e->by_value[mid]];

		if (c == v)
			return e->by_value[mid];
		if (c < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return e->width;
}

int
ferrum_eval_add(ferrum_eval *e, const float *y, const char *truth, size_t len,
                ferrum_error *err)
{
	if (truth == NULL) {
		e->skipped++;
		return FERRUM_OK;
	}
	if (e->task == FERRUM_TASK_CLASSIFICATION) {
		size_t k = find_class(e, truth, len), pred;
		double p;

		if (k >= e->width) {
			if (e->unknown++ == 0) {
				size_t n = len < FIRST_UNKNOWN_MAX ? len : FIRST_UNKNOWN_MAX;

				/* whole UTF-8 sequences only */
				while (n > 0 && n < len && ((unsigned char)truth[n] & 0xC0) == 0x80)
					n--;
				memcpy(e->first_unknown, truth, n);
				e->first_unknown[n] = '\0';
			}
			return FERRUM_OK;
		}
		pred = ferrum_argmax(y, e->width);
		p = (double)y[k];
		if (!(p > 1e-15)) /* also NaN */
			p = 1e-15;
		e->ll += -fe_logd(p);
		if (pred == k) {
			e->correct++;
			e->tp[k]++;
		} else {
			e->fp[pred]++;
			e->fn[k]++;
		}
		if (e->confusion != NULL)
			e->confusion[k * e->width + pred]++;
		fe_calib_add(&e->cal, y, e->width, k);
		e->rows++;
	} else {
		float t;
		double d, dm;

		if (ferrum_parse_float(truth, len, &t) != FERRUM_OK || !isfinite(t))
			return fe_error(err, FERRUM_EINPUT, "'%.*s' is not a number",
			                len > 40 ? 40 : (int)len, truth);
		d = (double)ferrum_model_denormalize(e->m, y[0]) - (double)t;
		e->se += d * d;
		e->ae += fabs(d);
		e->rows++;
		dm = (double)t - e->mean;
		e->mean += dm / (double)e->rows;
		e->m2 += dm * ((double)t - e->mean);
	}
	return FERRUM_OK;
}

int
ferrum_eval_metrics(const ferrum_eval *e, ferrum_metrics *m, size_t *confusion)
{
	size_t k, n = e->rows, used = 0;
	double f1 = 0.0;

	m->task = e->task;
	m->rows = n;
	m->accuracy = m->macro_f1 = m->log_loss = NAN;
	m->rmse = m->mae = m->r2 = NAN;
	m->brier = m->ece = NAN;
	if (e->task == FERRUM_TASK_CLASSIFICATION) {
		if (confusion != NULL && e->confusion != NULL)
			memcpy(confusion, e->confusion, e->width * e->width * sizeof *confusion);
		if (n > 0 && e->width > 0) {
			for (k = 0; k < e->width; k++) {
				if (e->tp[k] + e->fp[k] + e->fn[k] == 0)
					continue; /* a class absent from truth and predictions */
				f1 += 2.0 * (double)e->tp[k] /
				      (double)(2 * e->tp[k] + e->fp[k] + e->fn[k]);
				used++;
			}
			m->accuracy = (double)e->correct / (double)n;
			m->macro_f1 = used ? f1 / (double)used : NAN;
			m->log_loss = e->ll / (double)n;
			fe_calib_metrics(&e->cal, n, m);
		}
		if (confusion != NULL && e->confusion == NULL)
			return FERRUM_ERANGE;
	} else if (n > 0) {
		m->rmse = sqrt(e->se / (double)n);
		m->mae = e->ae / (double)n;
		m->r2 = e->m2 > 0.0 ? 1.0 - e->se / e->m2 : NAN;
	}
	return FERRUM_OK;
}

int
ferrum_eval_bin(const ferrum_eval *e, size_t bin, size_t *rows, double *confidence,
                double *accuracy)
{
	size_t n;

	if (e->task != FERRUM_TASK_CLASSIFICATION || bin >= FERRUM_CALIBRATION_BINS)
		return FERRUM_EINVAL;
	n = e->cal.rows[bin];
	*rows = n;
	*confidence = n > 0 ? e->cal.conf[bin] / (double)n : NAN;
	*accuracy = n > 0 ? (double)e->cal.correct[bin] / (double)n : NAN;
	return FERRUM_OK;
}

size_t
ferrum_eval_n_skipped(const ferrum_eval *e)
{
	return e->skipped;
}

size_t
ferrum_eval_n_unknown(const ferrum_eval *e)
{
	return e->unknown;
}

const char *
ferrum_eval_first_unknown(const ferrum_eval *e)
{
	return e->first_unknown;
}

int
ferrum_eval_json(const ferrum_eval *e, char **json, size_t *len)
{
	ferrum_metrics mt;
	fe_buf b;
	size_t i;
	int cls = e->task == FERRUM_TASK_CLASSIFICATION;

	*json = NULL;
	if (len != NULL)
		*len = 0;
	(void)ferrum_eval_metrics(e, &mt, NULL);
	fe_buf_init(&b);
	fe_buf_printf(&b, "{\"task\":\"%s\",\"rows\":%zu,\"skipped\":%zu,\"unknown_labels\":%zu,",
	              cls ? "classification" : "regression", e->rows, e->skipped, e->unknown);
	if (cls) {
		fe_buf_puts(&b, "\"metrics\":{\"accuracy\":");
		fe_json_put_double(&b, mt.accuracy);
		fe_buf_puts(&b, ",\"macro_f1\":");
		fe_json_put_double(&b, mt.macro_f1);
		fe_buf_puts(&b, ",\"log_loss\":");
		fe_json_put_double(&b, mt.log_loss);
		fe_buf_puts(&b, ",\"brier\":");
		fe_json_put_double(&b, mt.brier);
		fe_buf_puts(&b, ",\"ece\":");
		fe_json_put_double(&b, mt.ece);
		fe_buf_puts(&b, "},\"classes\":[");
		for (i = 0; i < e->width; i++) {
			if (i > 0)
				fe_buf_putc(&b, ',');
			fe_json_put_cstring(&b, ferrum_model_class_name(e->m, i));
		}
		fe_buf_putc(&b, ']');
		if (e->confusion != NULL) {
			fe_buf_puts(&b, ",\"confusion\":");
			fe_json_put_matrix(&b, e->confusion, e->width);
		}
	} else {
		fe_buf_puts(&b, "\"metrics\":{\"rmse\":");
		fe_json_put_double(&b, mt.rmse);
		fe_buf_puts(&b, ",\"mae\":");
		fe_json_put_double(&b, mt.mae);
		fe_buf_puts(&b, ",\"r2\":");
		fe_json_put_double(&b, mt.r2);
		fe_buf_putc(&b, '}');
	}
	fe_buf_putc(&b, '}');
	return fe_buf_give(&b, json, len);
}

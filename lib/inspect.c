/* inspect.c: what is inside a model, as the text and the JSON of
 * finf-inspect, so that any front end shows the same report.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <math.h>
#include <string.h>

/* What the values of one tensor look like. */
typedef struct tensor_stats {
	size_t n, nan, inf, finite;
	float min, max; /* of the finite values */
	double mean;    /* of the finite values, summed in double; NaN if none */
} tensor_stats;

static void
get_stats(const float *v, size_t n, tensor_stats *s)
{
	double sum = 0.0;
	size_t i;

	memset(s, 0, sizeof *s);
	s->n = n;
	s->min = INFINITY;
	s->max = -INFINITY;
	for (i = 0; i < n; i++) {
		if (isnan(v[i])) {
			s->nan++;
		} else if (isinf(v[i])) {
			s->inf++;
		} else {
			s->finite++;
			sum += v[i];
			if (v[i] < s->min)
				s->min = v[i];
			if (v[i] > s->max)
				s->max = v[i];
		}
	}
	s->mean = s->finite > 0 ? sum / (double)s->finite : NAN;
}

static const char *
act_name(int act)
{
	const char *name = fe_act_name(act);

	return name != NULL ? name : "unknown";
}

static const char *
task_name(const ferrum_model *m)
{
	return ferrum_model_task(m) == FERRUM_TASK_REGRESSION ? "regression" : "classification";
}

/* ---- JSON ------------------------------------------------------------- */

static void
put_pair(fe_buf *b, float lo, float hi)
{
	fe_buf_putc(b, '[');
	fe_json_put_float(b, lo);
	fe_buf_putc(b, ',');
	fe_json_put_float(b, hi);
	fe_buf_putc(b, ']');
}

static void
put_stats(fe_buf *b, const tensor_stats *s)
{
	fe_buf_printf(b, "{\"count\":%zu,\"min\":", s->n);
	if (s->finite > 0)
		fe_json_put_float(b, s->min);
	else
		fe_buf_puts(b, "null");
	fe_buf_puts(b, ",\"max\":");
	if (s->finite > 0)
		fe_json_put_float(b, s->max);
	else
		fe_buf_puts(b, "null");
	fe_buf_puts(b, ",\"mean\":");
	if (s->finite > 0) {
		/* Seventeen digits, not the shortest text: the bytes the report
		 * has always had. */
		fe_num_put_g(b, s->mean, 17);
	} else {
		fe_buf_puts(b, "null");
	}
	fe_buf_printf(b, ",\"nan\":%zu,\"inf\":%zu}", s->nan, s->inf);
}

int
ferrum_model_inspect_json(const ferrum_model *m, const char *file, size_t size, char **json,
                          size_t *len)
{
	size_t i, nf = ferrum_model_n_features(m), nl = ferrum_model_n_layers(m);
	float lo, hi, mean, sd;
	fe_buf b;

	fe_buf_init(&b);
	fe_buf_puts(&b, "{\"file\":");
	fe_json_put_cstring(&b, file);
	fe_buf_printf(&b, ",\"size\":%zu,\"version\":%d,\"task\":\"%s\",\"dataset_name\":", size,
	              FERRUM_FINF_VERSION, task_name(m));
	fe_json_put_cstring(&b, ferrum_model_dataset_name(m));
	fe_buf_printf(&b, ",\"n_features\":%zu,\"features\":[", nf);
	for (i = 0; i < nf; i++) {
		fe_buf_puts(&b, i > 0 ? ",{\"name\":" : "{\"name\":");
		fe_json_put_cstring(&b, ferrum_model_feature_name(m, i));
		fe_buf_puts(&b, ",\"range\":");
		if (ferrum_model_feature_range(m, i, &lo, &hi) == FERRUM_OK)
			put_pair(&b, lo, hi);
		else
			fe_buf_puts(&b, "null");
		ferrum_model_feature_norm(m, i, &mean, &sd);
		fe_buf_puts(&b, ",\"mean\":");
		fe_json_put_float(&b, mean);
		fe_buf_puts(&b, ",\"std\":");
		fe_json_put_float(&b, sd);
		fe_buf_putc(&b, '}');
	}
	fe_buf_printf(&b, "],\"n_outputs\":%zu,\"class_names\":[", ferrum_model_n_outputs(m));
	for (i = 0; ferrum_model_class_name(m, i) != NULL; i++) {
		if (i > 0)
			fe_buf_putc(&b, ',');
		fe_json_put_cstring(&b, ferrum_model_class_name(m, i));
	}
	fe_buf_puts(&b, "],\"target\":{\"name\":");
	fe_json_put_cstring(&b, ferrum_model_target_name(m));
	ferrum_model_target_range(m, &lo, &hi);
	fe_buf_puts(&b, ",\"range\":");
	put_pair(&b, lo, hi);
	if (ferrum_model_target_norm(m, &mean, &sd) == FERRUM_OK) {
		fe_buf_puts(&b, ",\"mean\":");
		fe_json_put_float(&b, mean);
		fe_buf_puts(&b, ",\"std\":");
		fe_json_put_float(&b, sd);
	}
	fe_buf_puts(&b, "},\"layers\":[");
	for (i = 0; i < nl; i++) {
		ferrum_layer_info li;
		tensor_stats s;

		if (i > 0)
			fe_buf_putc(&b, ',');
		if (ferrum_model_layer(m, i, &li) != FERRUM_OK) {
			fe_buf_puts(&b, "null");
			continue;
		}
		if (li.kind == FERRUM_LAYER_LINEAR) {
			fe_buf_printf(&b, "{\"index\":%zu,\"kind\":\"linear\",\"in\":%zu,\"out\":%zu,"
			                  "\"params\":%zu,\"weights\":",
			              i, li.in, li.out, li.n_params);
			get_stats(li.weights, li.in * li.out, &s);
			put_stats(&b, &s);
			fe_buf_puts(&b, ",\"bias\":");
			get_stats(li.bias, li.out, &s);
			put_stats(&b, &s);
			fe_buf_putc(&b, '}');
		} else {
			fe_buf_printf(&b, "{\"index\":%zu,\"kind\":\"activation\",\"activation\":\"%s\","
			                  "\"params\":0}",
			              i, act_name(li.act));
		}
	}
	fe_buf_printf(&b, "],\"n_params\":%zu,\"metadata\":", ferrum_model_n_params(m));
	fe_buf_puts(&b, ferrum_model_metadata_json(m));
	fe_buf_putc(&b, '}');
	return fe_buf_give(&b, json, len);
}

/* ---- text ------------------------------------------------------------- */

/* A float as ferrum_format_float() writes it, in one of four slots so
 * that a line can hold several. */
typedef struct floats {
	char t[4][FERRUM_FLOAT_TEXT_MAX];
} floats;

static const char *
fmt(floats *f, int slot, float v)
{
	ferrum_format_float(f->t[slot], sizeof f->t[slot], v);
	return f->t[slot];
}

/* @s in a column of @width bytes, on the right or (@left) on the left, as
 * printf's "%*s" and "%-*s" do. */
static void
pad(fe_buf *b, const char *s, size_t width, int left)
{
	size_t n = strlen(s);

	if (left)
		fe_buf_puts(b, s);
	for (; n < width; n++)
		fe_buf_putc(b, ' ');
	if (!left)
		fe_buf_puts(b, s);
}

/* "  @n" with @n right-aligned in three columns ("%3zu"). */
static void
put_index(fe_buf *b, size_t n)
{
	char t[24];

	fe_snprintf(t, sizeof t, "%zu", n);
	fe_buf_puts(b, "  ");
	pad(b, t, 3, 0);
}

/* One row of the feature table: index, name, min, max, mean, std. */
static void
feature_row(fe_buf *b, const char *index, const char *name, size_t width, const char *min,
            const char *max, const char *mean, const char *std)
{
	fe_buf_puts(b, "  ");
	pad(b, index, 3, 0);
	fe_buf_puts(b, "  ");
	pad(b, name, width, 1);
	fe_buf_puts(b, "  ");
	pad(b, min, 12, 0);
	fe_buf_puts(b, "  ");
	pad(b, max, 12, 0);
	fe_buf_puts(b, "  ");
	pad(b, mean, 14, 0);
	fe_buf_puts(b, "  ");
	pad(b, std, 14, 0);
	fe_buf_putc(b, '\n');
}

static void
text_features(fe_buf *b, const ferrum_model *m)
{
	size_t i, nf = ferrum_model_n_features(m), width = 4;
	float lo, hi, mean, sd;
	char t[24];
	floats f;

	for (i = 0; i < nf; i++) {
		const char *name = ferrum_model_feature_name(m, i);

		if (name != NULL && strlen(name) > width)
			width = strlen(name);
	}
	feature_row(b, "#", "name", width, "min", "max", "mean", "std");
	for (i = 0; i < nf; i++) {
		const char *name = ferrum_model_feature_name(m, i);
		int has_range = ferrum_model_feature_range(m, i, &lo, &hi) == FERRUM_OK;

		ferrum_model_feature_norm(m, i, &mean, &sd);
		fe_snprintf(t, sizeof t, "%zu", i + 1);
		feature_row(b, t, name != NULL ? name : "-", width, has_range ? fmt(&f, 0, lo) : "-",
		            has_range ? fmt(&f, 1, hi) : "-", fmt(&f, 2, mean), fmt(&f, 3, sd));
	}
}

static void
text_layers(fe_buf *b, const ferrum_model *m)
{
	size_t i, nl = ferrum_model_n_layers(m);
	floats f;

	fe_buf_printf(b, "layers:     %zu\n", nl);
	for (i = 0; i < nl; i++) {
		ferrum_layer_info li;
		tensor_stats s;

		if (ferrum_model_layer(m, i, &li) != FERRUM_OK)
			continue;
		put_index(b, i);
		if (li.kind != FERRUM_LAYER_LINEAR) {
			fe_buf_printf(b, "  activation %s\n", act_name(li.act));
			continue;
		}
		get_stats(li.weights, li.in * li.out, &s);
		fe_buf_printf(b, "  linear %zu -> %zu, %zu parameters", li.in, li.out, li.n_params);
		if (s.finite > 0) {
			fe_buf_printf(b, ", weights min %s max %s mean ", fmt(&f, 0, s.min),
			              fmt(&f, 1, s.max));
			fe_num_put_g(b, s.mean, 6);
		}
		if (s.nan > 0 || s.inf > 0)
			fe_buf_printf(b, ", %zu NaN, %zu infinite", s.nan, s.inf);
		get_stats(li.bias, li.out, &s);
		if (s.nan > 0 || s.inf > 0)
			fe_buf_printf(b, ", bias %zu NaN, %zu infinite", s.nan, s.inf);
		fe_buf_putc(b, '\n');
	}
}

/* ---- the schema (text) ------------------------------------------------- */

/* Days since 1970-01-01 as "YYYY-MM-DD" (H. Hinnant's civil_from_days),
 * the day the instant falls on; a number outside years 0..9999 as it is. */
static void
put_date(fe_buf *b, float days)
{
	double d = floor((double)days);
	long z, era, doe, yoe, y, doy, mp, dd, mm;
	char t[16];
	int k;

	if (!(d >= -719528.0 && d <= 2932896.0)) {
		fe_num_put_g(b, (double)days, 9);
		return;
	}
	z = (long)d + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dd = doy - (153 * mp + 2) / 5 + 1;
	mm = mp < 10 ? mp + 3 : mp - 9;
	y += mm <= 2;
	for (k = 3; k >= 0; k--, y /= 10)
		t[k] = (char)('0' + y % 10);
	t[4] = '-';
	t[5] = (char)('0' + mm / 10);
	t[6] = (char)('0' + mm % 10);
	t[7] = '-';
	t[8] = (char)('0' + dd / 10);
	t[9] = (char)('0' + dd % 10);
	t[10] = '\0';
	fe_buf_puts(b, t);
}

/* A numeric or date column's value. */
static void
put_value(fe_buf *b, const ferrum_column *c, float v)
{
	floats f;

	if (c->kind == FERRUM_COLUMN_DATE)
		put_date(b, v);
	else
		fe_buf_puts(b, fmt(&f, 0, v));
}

/* One line per source column: number, name, kind, the inputs it gives
 * (1-based, as the feature table numbers them), then the levels and their
 * training counts, the median and range, or why it is ignored. */
static void
text_schema(fe_buf *b, const ferrum_schema *s)
{
	size_t j, k, width = 4, nc = ferrum_schema_n_columns(s);
	char t[48];

	fe_buf_printf(b, "schema:     %zu columns, %s header; missing values: empty", nc,
	              ferrum_schema_header(s) ? "a" : "no");
	for (k = 0; k < s->na.n; k++) {
		fe_buf_puts(b, ", ");
		fe_buf_add(b, s->na.item[k], s->na.len[k]);
	}
	fe_buf_putc(b, '\n');
	for (j = 0; j < nc; j++)
		if (strlen(ferrum_schema_column(s, j)->name) > width)
			width = strlen(ferrum_schema_column(s, j)->name);
	for (j = 0; j < nc; j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);

		put_index(b, j + 1);
		fe_buf_puts(b, "  ");
		pad(b, c->name, width, 1);
		fe_buf_puts(b, "  ");
		pad(b, ferrum_column_kind_name(c->kind), 11, 1);
		if (c->n_inputs == 0)
			fe_snprintf(t, sizeof t, "-");
		else if (c->n_inputs == 1)
			fe_snprintf(t, sizeof t, "%zu", c->input + 1);
		else
			fe_snprintf(t, sizeof t, "%zu-%zu", c->input + 1, c->input + c->n_inputs);
		fe_buf_puts(b, "  ");
		switch (c->kind) {
		case FERRUM_COLUMN_NUMERIC:
		case FERRUM_COLUMN_DATE:
			pad(b, t, 7, 1);
			fe_buf_puts(b, "  median ");
			put_value(b, c, c->median);
			fe_buf_puts(b, ", range ");
			put_value(b, c, c->min);
			fe_buf_puts(b, " to ");
			put_value(b, c, c->max);
			if (c->missing > 0)
				fe_buf_printf(b, ", %zu missing", c->missing);
			if (c->n_edges > 0)
				fe_buf_printf(b, ", piecewise-linear in %zu bins", c->n_edges - 1);
			break;
		case FERRUM_COLUMN_CATEGORICAL:
			pad(b, t, 7, 1);
			fe_buf_puts(b, c->codes ? "  codes " : "  ");
			for (k = 0; k < c->n_levels; k++)
				fe_buf_printf(b, "%s%s %zu", k > 0 ? ", " : "", c->levels[k],
				              c->counts != NULL ? c->counts[k] : 0);
			if (c->other > 0)
				fe_buf_printf(b, "%s(other) %zu", c->n_levels > 0 ? ", " : "", c->other);
			if (c->missing > 0)
				fe_buf_printf(b, "%s(missing) %zu",
				              c->n_levels > 0 || c->other > 0 ? ", " : "", c->missing);
			break;
		case FERRUM_COLUMN_IGNORED:
			if (c->why != NULL) {
				pad(b, t, 7, 1);
				fe_buf_printf(b, "  %s", c->why);
			} else {
				fe_buf_puts(b, t);
			}
			break;
		default: fe_buf_puts(b, t); break;
		}
		fe_buf_putc(b, '\n');
	}
}

int
ferrum_model_inspect_text(const ferrum_model *m, const char *file, size_t size, char **text,
                          size_t *len)
{
	size_t i, shown;
	float lo, hi, mean, sd;
	floats f;
	fe_buf b;
	ferrum_schema *s = NULL;
	ferrum_error err;
	int rc;

	fe_buf_init(&b);
	fe_buf_printf(&b, "file:       %s\n", file != NULL ? file : "");
	fe_buf_printf(&b, "size:       %zu bytes\n", size);
	fe_buf_printf(&b, "format:     FINF version %d\n", FERRUM_FINF_VERSION);
	fe_buf_printf(&b, "task:       %s\n", task_name(m));
	fe_buf_printf(&b, "dataset:    %s\n", ferrum_model_dataset_name(m));
	fe_buf_printf(&b, "features:   %zu\n", ferrum_model_n_features(m));
	text_features(&b, m);
	if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		ferrum_model_target_range(m, &lo, &hi);
		fe_buf_printf(&b, "target:     %s, range %s to %s", ferrum_model_target_name(m),
		              fmt(&f, 0, lo), fmt(&f, 1, hi));
		if (ferrum_model_target_norm(m, &mean, &sd) == FERRUM_OK)
			fe_buf_printf(&b, ", mean %s, std %s", fmt(&f, 2, mean), fmt(&f, 3, sd));
		fe_buf_putc(&b, '\n');
	} else {
		fe_buf_printf(&b, "classes:    %zu:", ferrum_model_n_classes(m));
		for (i = 0; ferrum_model_class_name(m, i) != NULL; i++)
			fe_buf_printf(&b, "%s %s", i > 0 ? "," : "", ferrum_model_class_name(m, i));
		fe_buf_putc(&b, '\n');
	}
	/* The schema, when the model has one, as a table of its own (not
	 * as an extra member); one that does not read says why. */
	rc = ferrum_schema_from_model(m, &s, &err);
	if (rc == FERRUM_ENOMEM) {
		fe_buf_free(&b);
		*text = NULL;
		return rc;
	}
	if (s != NULL)
		text_schema(&b, s);
	else if (rc != FERRUM_OK)
		fe_buf_printf(&b, "schema:     not valid: %s\n", err.message);
	text_layers(&b, m);
	fe_buf_printf(&b, "parameters: %zu\n", ferrum_model_n_params(m));
	for (i = 0, shown = 0; i < ferrum_model_metadata_n_extra(m); i++) {
		const char *key = ferrum_model_metadata_key(m, i);

		if (s != NULL && strcmp(key, "schema") == 0)
			continue;
		fe_buf_printf(&b, "%s %s = %s\n", shown++ == 0 ? "extra:     " : "           ", key,
		              ferrum_model_metadata_get(m, key));
	}
	ferrum_schema_free(s);
	return fe_buf_give(&b, text, len);
}

/* finf-stats.c: the two statistics panels for each input row, and a
 * column summary of a CSV (--describe).
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { OPT_INPUT = 256, OPT_JSON, OPT_DESCRIBE, OPT_COLOR, OPT_EVALUATE };

static const struct option long_options[] = {
	{"input", required_argument, NULL, OPT_INPUT},
	{"delimiter", required_argument, NULL, 'd'},
	{"json", no_argument, NULL, OPT_JSON},
	{"describe", no_argument, NULL, OPT_DESCRIBE},
	{"evaluate", no_argument, NULL, OPT_EVALUATE},
	{"color", required_argument, NULL, OPT_COLOR},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

static void
usage(void)
{
	printf("Usage: %s [OPTIONS] MODEL [ROWS]\n"
	       "       %s --evaluate [OPTIONS] MODEL [ROWS]\n"
	       "       %s --describe [OPTIONS] [DATA]\n"
	       "For each row of ROWS (CSV or JSON Lines; standard input when absent or\n"
	       "'-') print what the FINF model MODEL makes of it: the model statistics\n"
	       "(each input against the training data) and the quantitative report (the\n"
	       "prediction's probabilities, entropy and margin, or its place among the\n"
	       "training targets).  --evaluate scores a classifier on labelled ROWS and\n"
	       "prints its reliability table instead; --describe summarises each column\n"
	       "of a CSV.\n"
	       "\n"
	       "      --evaluate        the reliability table of labelled ROWS: rows by\n"
	       "                        top probability, their accuracy, log-loss, Brier\n"
	       "                        score and expected calibration error\n"
	       "      --describe        summarise the columns of DATA\n"
	       "      --input=FORMAT    auto, csv or jsonl [auto]\n"
	       "  -d, --delimiter=D     CSV: ',' ';' tab '|' space or auto [auto]\n"
	       "      --json            one JSON object per row (per column with\n"
	       "                        --describe) instead of text\n"
	       "      --color=WHEN      auto, always or never [auto: on a terminal,\n"
	       "                        unless NO_COLOR is set]\n"
	       "  -h, --help            show this help and exit\n"
	       "  -V, --version         show the version and exit\n",
	       finf_progname, finf_progname, finf_progname);
}

/* ---- text panels --------------------------------------------------------- */

static int color;
/* -d/--delimiter */
static int delim = FERRUM_CSV_AUTO;

#define C_RESET "\033[0m"
#define C_GREEN "\033[32m"
#define C_YELLOW "\033[33m"
#define C_RED "\033[31m"
#define C_BOLD "\033[1m"
#define C_DIM "\033[2m"

static const char *
paint(const char *c)
{
	return color ? c : "";
}

static const char *band_color[3] = {C_GREEN, C_YELLOW, C_RED};

/* A bar of @width cells filled to the fraction @f (clamped). */
static void
bar(double f, int width)
{
	int i, fill;

	if (isnan(f))
		f = 0.0;
	if (f < 0.0)
		f = 0.0;
	if (f > 1.0)
		f = 1.0;
	fill = (int)(f * width + 0.5);
	for (i = 0; i < width; i++)
		putchar(i < fill ? '#' : '.');
}

/* A centred z-bar of the signed length @zb (ferrum_feature_stat.z_bar: z
 * clipped to [-3, 3] over 3): 0 in the middle, z = +-3 at the ends; '|'
 * marks 0.  With @trim the blanks at its end are left out (nothing
 * follows it). */
static void
zbar(double zb, int half, int trim)
{
	char t[64];
	int i, cells, n = 0;

	if (isnan(zb))
		zb = 0.0;
	if (half > 30)
		half = 30;
	cells = (int)(fabs(zb) * half + 0.5);
	if (cells > half)
		cells = half;
	for (i = -half; i <= half; i++) {
		if (i == 0)
			t[n++] = '|';
		else if ((zb < 0 && i < 0 && -i <= cells) || (zb > 0 && i > 0 && i <= cells))
			t[n++] = '=';
		else
			t[n++] = ' ';
	}
	while (trim && n > 0 && t[n - 1] == ' ')
		n--;
	fwrite(t, 1, (size_t)n, stdout);
}

/* The length of @s cut to @w bytes (whole UTF-8 sequences), one byte
 * short to leave room for a '~' when it is cut. */
static int
cut_len(const char *s, int w)
{
	int n = (int)strlen(s);

	if (n > w) {
		n = w - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
	}
	return n;
}

/* A name cut to at most @w bytes, marked '~' when cut, not padded. */
static void
name_cut(const char *s, int w)
{
	int n;

	if (s == NULL)
		s = "";
	n = cut_len(s, w);
	printf("%.*s%s", n, s, s[n] != '\0' ? "~" : "");
}

/* A name cut to @w bytes (keeping whole UTF-8 sequences). */
static void
name_col(const char *s, int w)
{
	int n = (int)strlen(s != NULL ? s : "");

	if (s == NULL)
		s = "";
	if (n > w) {
		n = w - 1;
		while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
			n--;
		printf("%.*s~%*s", n, s, w - n - 1, "");
	} else {
		printf("%-*s", w, s);
	}
}

/* The architecture card: the layers (wrapped at 80 columns), the hidden
 * widths, the normaliser and the loss, then the size, task and format. */
static void
architecture(const ferrum_model *m)
{
	size_t i, n = ferrum_model_n_layers(m), linear = 0;
	ferrum_layer_info info;
	static const char *acts[] = {"identity", "relu", "sigmoid", "tanh", "softmax"};
	int regression = ferrum_model_task(m) == FERRUM_TASK_REGRESSION, col;
	char step[64];

	col = printf("%sArchitecture:%s %zu inputs", paint(C_BOLD), paint(C_RESET),
	             ferrum_model_n_features(m)) -
	      (int)(strlen(paint(C_BOLD)) + strlen(paint(C_RESET)));
	for (i = 0; i < n; i++) {
		int len;

		if (ferrum_model_layer(m, i, &info) != FERRUM_OK)
			continue;
		if (info.kind == FERRUM_LAYER_LINEAR)
			len = snprintf(step, sizeof step, " -> linear %zux%zu", info.in, info.out);
		else
			len = snprintf(step, sizeof step, " -> %s",
			               info.act >= 0 && info.act <= 4 ? acts[info.act] : "?");
		if (col + len > 80) {
			printf("\n ");
			col = 1;
		}
		fputs(step, stdout);
		col += len;
	}
	/* The hidden widths: every Linear layer's output but the last's. */
	printf("\n  hidden");
	for (i = 0; i < n; i++) {
		if (ferrum_model_layer(m, i, &info) != FERRUM_OK || info.kind != FERRUM_LAYER_LINEAR)
			continue;
		if (linear++ > 0)
			printf("%s %zu", linear > 2 ? "," : "", info.in);
	}
	printf("%s; z-score normaliser, %s loss\n", linear > 1 ? "" : " none",
	       regression ? "mse" : "cross-entropy");
	printf("  %zu parameters, %s, FINF v%d\n", ferrum_model_n_params(m),
	       regression ? "regression" : "classification", FERRUM_FINF_VERSION);
}

static void
model_panel(const ferrum_model *m, const float *x, ferrum_feature_stat *fs)
{
	size_t i, n = ferrum_model_n_features(m), nu = 0;

	ferrum_stats_features(m, x, fs, &nu);
	printf("%sModel statistics%s\n", paint(C_BOLD), paint(C_RESET));
	printf("%-18s %11s %7s  %-12s %5s  %s\n", "feature", "value", "z", "range", "pos",
	       "-3    0    +3");
	for (i = 0; i < n; i++) {
		const ferrum_feature_stat *s = &fs[i];

		name_col(ferrum_model_feature_name(m, i), 18);
		printf(" %11.5g %s%7.2f%s  [", s->value, paint(band_color[s->band]), s->z,
		       paint(C_RESET));
		bar(s->range_pos, 10);
		if (s->has_range)
			printf("] %4.0f%%  ", 100.0 * s->range_pos);
		else
			printf("]    -   ");
		zbar(s->z_bar, 6, !(s->out_of_range || s->unusual));
		if (s->out_of_range || s->unusual)
			printf(" %s!%s", paint(C_RED), paint(C_RESET));
		putchar('\n');
	}
	if (nu > 0) {
		printf("%sunfamiliar input:%s %zu of %zu features outside the training range or "
		       "|z| > 3\n",
		       paint(C_RED), paint(C_RESET), nu, n);
		for (i = 0; i < n; i++) {
			const ferrum_feature_stat *s = &fs[i];

			if (!s->out_of_range && !s->unusual)
				continue;
			printf("  ! ");
			name_col(ferrum_model_feature_name(m, i), 18);
			if (s->out_of_range)
				printf(" %.6g outside [%.6g, %.6g]", s->value, s->lo, s->hi);
			if (s->unusual)
				printf(" z = %.2f", s->z);
			putchar('\n');
		}
	} else {
		printf("all %zu features inside the training range, |z| <= 3\n", n);
	}
	architecture(m);
}

static const char *badge_color[4] = {C_GREEN, C_GREEN, C_YELLOW, C_RED};

/* A gauge line of the report: @label, a bar of @f and its percentage,
 * then the caller's text. */
static void
gauge(const char *label, double f)
{
	printf("%-10s [", label);
	bar(f, 20);
	printf("] %5.1f%%  ", 100.0 * f);
}

static int
class_panel(const ferrum_model *m, const float *y, ferrum_class_stat *per, size_t *order)
{
	size_t i, k, n = ferrum_model_n_outputs(m);
	ferrum_class_summary cs;

	if (ferrum_stats_classes(y, n, per, &cs) != FERRUM_OK ||
	    ferrum_stats_class_order(y, n, order) != FERRUM_OK)
		return -1;
	printf("%sQuantitative report%s\n", paint(C_BOLD), paint(C_RESET));
	printf("prediction: %s%s%s  P = %.6f  %s[%s]%s\n", paint(C_BOLD),
	       ferrum_model_class_name(m, cs.top), paint(C_RESET), cs.confidence,
	       paint(badge_color[cs.badge]), ferrum_badge_name(cs.badge), paint(C_RESET));
	printf("%-18s %10s  %-20s %10s %10s\n", "class", "P", "bar", "log P", "odds");
	for (k = 0; k < n; k++) {
		i = order[k]; /* most probable first */
		if (k == FINF_TEXT_MAX_CLASSES) {
			/* The rest in one line: --json lists every class. */
			double rest = 0.0;
			char more[40];

			for (; k < n; k++)
				rest += per[order[k]].p;
			snprintf(more, sizeof more, "... and %zu more", n - FINF_TEXT_MAX_CLASSES);
			printf("%-18s %10.6f  (together; --json lists every class)\n", more, rest);
			break;
		}
		name_col(ferrum_model_class_name(m, i), 18);
		printf(" %10.6f  ", per[i].p);
		bar(per[i].p, 20);
		printf(" %10.4g", per[i].log_p);
		if (isinf(per[i].odds))
			printf(" %10s\n", "inf");
		else
			printf(" %10.4g\n", per[i].odds);
	}
	gauge("entropy", cs.entropy_norm);
	printf("H = %.4f nats of ln %zu = %.4f\n", cs.entropy, n, cs.entropy_max);
	gauge("certainty", cs.certainty);
	printf("1 - H / ln %zu = %.6f\n", n, cs.certainty);
	/* The top-2 margin, then the two classes, on a line of their own
	 * when they do not fit after it. */
	gauge("margin", cs.margin);
	printf("%.6f", cs.margin);
	if (n > 1) {
		const char *a = ferrum_model_class_name(m, cs.top);
		const char *b = ferrum_model_class_name(m, cs.second);

		if (a == NULL)
			a = "";
		if (b == NULL)
			b = "";
		if (42 + 10 + strlen(a) + 6 + strlen(b) <= 80)
			printf(", ");
		else
			printf(",\n%11s", "");
		name_cut(a, 31);
		printf(" over ");
		name_cut(b, 31);
	}
	putchar('\n');
	printf("confidence: %s%s%s (normalised entropy %.3f)\n", paint(badge_color[cs.badge]),
	       ferrum_badge_name(cs.badge), paint(C_RESET), cs.entropy_norm);
	return 0;
}

static int
regression_panel(const ferrum_model *m, float output)
{
	ferrum_regression_stats r;
	const char *t = ferrum_model_target_name(m);
	int i, w = 40, at, mean_at;
	char num[FERRUM_FLOAT_TEXT_MAX];

	if (ferrum_stats_regression_output(m, output, &r) != FERRUM_OK)
		return -1;
	printf("%sQuantitative report%s\n", paint(C_BOLD), paint(C_RESET));
	printf("prediction: %s%.9g%s %s\n", paint(C_BOLD), r.value, paint(C_RESET),
	       t != NULL ? t : "");
	at = (int)(fmin(fmax(r.range_pos, 0.0), 1.0) * (w - 1) + 0.5);
	mean_at = (int)(fmin(fmax(r.mean_pos, 0.0), 1.0) * (w - 1) + 0.5);
	printf("%10.6g [", r.lo);
	for (i = 0; i < w; i++)
		putchar(i == at ? '*' : i == mean_at ? '|' : '-');
	printf("] %.6g\n", r.hi);
	printf("           (* the prediction at %.1f%% of the range, | the training mean)\n",
	       100.0 * r.range_pos);
	if (r.out_of_range)
		printf("           the prediction is outside the training range\n");
	printf("z = %.3f against the target mean %.6g (std %.6g)\n", r.z, r.mean, r.std);
	if (isnan(r.pct_from_mean))
		printf("percent from the mean: undefined (the mean is 0)\n");
	else
		printf("%.1f%% %s the mean\n", fabs(r.pct_from_mean),
		       r.pct_from_mean >= 0 ? "above" : "below");
	printf("+-1 sigma interval: [%.6g, %.6g], %s\n", r.sigma_lo, r.sigma_hi,
	       r.within_sigma ? "inside" : "outside");
	printf("quartile: %d of 4 (normal approximation)\n", r.quartile);
	ferrum_format_float(num, sizeof num, (float)r.output);
	printf("normalised output: %s (the network's, before x std + mean)\n",
	       num);
	return 0;
}

/* ---- source columns (a model with a schema) ----------------------------- */

/* Training rows of a categorical column: its levels, "(other)", gaps. */
static size_t
training_rows(const ferrum_column *c)
{
	size_t k, n = c->other + c->missing;

	for (k = 0; k < c->n_levels; k++)
		n += c->counts != NULL ? c->counts[k] : 0;
	return n;
}

/* The level a categorical cell became (its input set to 1), or n_levels. */
static size_t
level_of(const ferrum_column *c, const float *x)
{
	size_t k;

	for (k = 0; k < c->n_levels; k++)
		if (x[c->input + k] == 1.0f)
			return k;
	return c->n_levels;
}

/* The source columns of the current row: each value, a category's
 * training frequency, and what is unlike the training data. */
static void
columns_panel(const ferrum_rowreader *r, const float *x)
{
	const ferrum_schema *s = ferrum_rowreader_schema(r);
	size_t j, n = ferrum_schema_n_columns(s), len, unlike = 0;

	printf("%sSource columns%s\n", paint(C_BOLD), paint(C_RESET));
	for (j = 0; j < n; j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);
		const char *cell = ferrum_rowreader_cell(r, j, &len);
		unsigned u = ferrum_rowreader_cell_unfamiliar(r, j);
		int gap = ferrum_rowreader_cell_missing(r, j);

		if (c->n_inputs == 0 || cell == NULL)
			continue;
		name_col(c->name, 18);
		printf(" %-14.*s ", len > 14 ? 14 : (int)len, gap && len == 0 ? "(empty)" : cell);
		if (gap && len == 0)
			len = 7;
		if (c->kind == FERRUM_COLUMN_CATEGORICAL) {
			size_t k = level_of(c, x), total = training_rows(c);

			if (gap && c->missing > 0)
				printf("a gap: %zu of %zu training rows had one", c->missing, total);
			else if (k < c->n_levels && c->counts != NULL)
				printf("%zu of %zu training rows (%.1f%%)", c->counts[k], total,
				       total > 0 ? 100.0 * (double)c->counts[k] / (double)total : 0.0);
			else if (!gap && c->other > 0)
				printf("taken as (other): %zu of %zu training rows", c->other, total);
			else if (!gap)
				printf("not a level of the training rows");
			else
				printf("a gap");
		} else if (gap) {
			printf("a gap: the training median %.6g", c->median);
		} else {
			printf("training range [%.6g, %.6g]", c->min, c->max);
		}
		if (u != 0) {
			unlike++;
			printf(" %s!%s", paint(C_RED), paint(C_RESET));
		}
		putchar('\n');
	}
	if (unlike == 0) {
		printf("all values like the training data\n");
		return;
	}
	printf("%sunlike the training data:%s %zu column%s\n", paint(C_RED), paint(C_RESET), unlike,
	       unlike == 1 ? "" : "s");
	for (j = 0; j < n; j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);
		unsigned u = ferrum_rowreader_cell_unfamiliar(r, j);

		if (u == 0 || c == NULL)
			continue;
		printf("  ! ");
		name_col(c->name, 18);
		if (u & FERRUM_UNFAMILIAR_LEVEL)
			printf(" a level never seen in training%s", c->other > 0
			                                                 ? ", taken as (other)"
			                                                 : "; all its inputs are 0");
		if (u & FERRUM_UNFAMILIAR_RANGE)
			printf(" far outside the training range [%.6g, %.6g]", c->min, c->max);
		if (u & FERRUM_UNFAMILIAR_GAP)
			printf(" a gap, where the training rows had none%s",
			       c->kind == FERRUM_COLUMN_CATEGORICAL ? "; all its inputs are 0"
			                                            : "; the median stands in");
		putchar('\n');
	}
}

/* A JSON string (the few escapes JSON needs). */
static void
json_string(const char *t, size_t n)
{
	size_t i;

	putchar('"');
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)t[i];

		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20 || ch == 0x7f)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

/* The same facts as JSON members: ,"columns":[...],"unlike_training":B */
static void
columns_json(const ferrum_rowreader *r, const float *x)
{
	const ferrum_schema *s = ferrum_rowreader_schema(r);
	size_t j, n = ferrum_schema_n_columns(s), len;
	int first = 1, unlike = 0;

	printf(",\"columns\":[");
	for (j = 0; j < n; j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);
		const char *cell = ferrum_rowreader_cell(r, j, &len);
		unsigned u = ferrum_rowreader_cell_unfamiliar(r, j);
		int gap = ferrum_rowreader_cell_missing(r, j);

		if (c->n_inputs == 0 || cell == NULL)
			continue;
		printf(first ? "{\"column\":" : ",{\"column\":");
		first = 0;
		json_string(c->name, strlen(c->name));
		printf(",\"kind\":\"%s\",\"value\":", ferrum_column_kind_name(c->kind));
		json_string(cell, len);
		printf(",\"missing\":%s", gap ? "true" : "false");
		if (c->kind == FERRUM_COLUMN_CATEGORICAL) {
			size_t k = level_of(c, x);

			printf(",\"level\":");
			if (k < c->n_levels) {
				json_string(c->levels[k], strlen(c->levels[k]));
				printf(",\"count\":%zu", c->counts != NULL ? c->counts[k] : 0);
			} else {
				printf("null,\"count\":null");
			}
			printf(",\"training_rows\":%zu", training_rows(c));
		}
		printf(",\"unfamiliar\":[");
		if (u & FERRUM_UNFAMILIAR_LEVEL)
			printf("\"level\"%s", u & (FERRUM_UNFAMILIAR_RANGE | FERRUM_UNFAMILIAR_GAP) ? "," : "");
		if (u & FERRUM_UNFAMILIAR_RANGE)
			printf("\"range\"%s", u & FERRUM_UNFAMILIAR_GAP ? "," : "");
		if (u & FERRUM_UNFAMILIAR_GAP)
			printf("\"gap\"");
		printf("]}");
		unlike |= u != 0;
	}
	printf("],\"unlike_training\":%s", unlike ? "true" : "false");
}

static int
stats_stream(ferrum_model *m, const char *name, ferrum_rowreader *r, int json)
{
	size_t nf = ferrum_model_n_features(m), nout = ferrum_model_n_outputs(m);
	float *x = calloc(nf ? nf : 1, sizeof *x), *y = calloc(nout ? nout : 1, sizeof *y);
	ferrum_feature_stat *fs = calloc(nf ? nf : 1, sizeof *fs);
	ferrum_class_stat *per = calloc(nout ? nout : 1, sizeof *per);
	size_t *order = calloc(nout ? nout : 1, sizeof *order);
	int status = FINF_EXIT_OK, rc;
	long long rows = 0;
	ferrum_error err;
	char *text;
	size_t len;

	if (x == NULL || y == NULL || fs == NULL || per == NULL || order == NULL) {
		finf_error("out of memory");
		status = FINF_EXIT_FAIL;
		goto out;
	}
	for (;;) {
		ferrum_error_clear(&err);
		rc = ferrum_rowreader_next(r, x, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			break;
		}
		if (json) {
			rc = ferrum_stats_json(m, x, &text, &len, &err);
			if (rc == FERRUM_OK) {
				if (ferrum_rowreader_schema(r) != NULL && len > 0) {
					/* The source columns as members of the same object. */
					fwrite(text, 1, len - 1, stdout);
					columns_json(r, x);
					putchar('}');
				} else {
					fwrite(text, 1, len, stdout);
				}
				putchar('\n');
				ferrum_free(text);
			}
		} else {
			rc = ferrum_model_predict(m, x, y, &err);
			if (rc == FERRUM_OK) {
				if (rows > 0)
					putchar('\n');
				printf("%s== row %lld (%s:%lld) ==%s%s%s%s\n", paint(C_BOLD), rows + 1, name,
				       ferrum_rowreader_line(r), paint(C_RESET),
				       ferrum_rowreader_unfamiliar(r) != 0 ? paint(C_RED) : "",
				       ferrum_rowreader_unfamiliar(r) != 0
				               ? " values unlike the training data"
				               : "",
				       ferrum_rowreader_unfamiliar(r) != 0 ? paint(C_RESET) : "");
				if (ferrum_rowreader_schema(r) != NULL) {
					columns_panel(r, x);
					putchar('\n');
				}
				model_panel(m, x, fs);
				putchar('\n');
				if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION)
					rc = regression_panel(m, y[0]);
				else
					rc = class_panel(m, y, per, order);
				if (rc != 0) {
					ferrum_error_clear(&err);
					err.code = FERRUM_EINVAL;
					snprintf(err.message, sizeof err.message,
					         "the model's output is not a valid prediction");
				}
			}
		}
		if (rc != FERRUM_OK) {
			err.line = ferrum_rowreader_line(r);
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			break;
		}
		rows++;
	}
out:
	free(x);
	free(y);
	free(fs);
	free(per);
	free(order);
	return status;
}

/* ---- --describe ---------------------------------------------------------- */

static int
describe(const char *path, int json)
{
	FILE *in = finf_open_read(path);
	const char *name = finf_display_name(path);
	ferrum_summary *sum = NULL;
	ferrum_csv *csv = NULL;
	ferrum_error err;
	finf_source src;
	char *text = NULL;
	size_t len = 0;
	int status = FINF_EXIT_OK;

	if (in == NULL)
		return FINF_EXIT_FAIL;
	finf_source_init(&src, fileno(in), 1, name);
	ferrum_error_clear(&err);
	if (ferrum_csv_new(&csv, finf_read, &src, &err) != FERRUM_OK ||
	    ferrum_csv_set_delimiter(csv, delim) != FERRUM_OK ||
	    ferrum_summary_read(csv, &sum, &err) != FERRUM_OK ||
	    (json ? ferrum_summary_json(sum, &text, &len)
	          : ferrum_summary_text(sum, color ? FERRUM_TEXT_COLOR : 0, &text, &len)) !=
	        FERRUM_OK) {
		if (err.code == FERRUM_OK)
			err.code = FERRUM_ENOMEM;
		finf_report(name, &err);
		status = FINF_EXIT_FAIL;
	} else {
		fwrite(text, 1, len, stdout);
	}
	ferrum_free(text);
	ferrum_summary_free(sum);
	ferrum_csv_free(csv);
	finf_source_close(&src);
	if (in != stdin)
		fclose(in);
	return status;
}

/* ---- --evaluate: the reliability table ------------------------------------ */

/* Score a classifier on the labelled rows of @r and print its reliability
 * table: the rows binned by their top probability, each bin's mean top
 * probability and accuracy, and the log-loss, Brier score and ECE. */
static int
reliability(ferrum_model *m, const char *name, ferrum_rowreader *r, int json)
{
	size_t nf = ferrum_model_n_features(m), nout = ferrum_model_n_outputs(m), tlen, b, n;
	float *x = calloc(nf ? nf : 1, sizeof *x), *y = calloc(nout ? nout : 1, sizeof *y);
	int status = FINF_EXIT_OK, rc;
	ferrum_eval *e = NULL;
	ferrum_metrics mt;
	ferrum_error err;
	const char *truth, *t;
	double conf, acc;

	ferrum_error_clear(&err);
	if (x == NULL || y == NULL || ferrum_eval_new(m, &e, &err) != FERRUM_OK ||
	    ferrum_rowreader_keep_target(r) != FERRUM_OK) {
		finf_error("out of memory");
		status = FINF_EXIT_FAIL;
		goto out;
	}
	for (;;) {
		ferrum_error_clear(&err);
		rc = ferrum_rowreader_next(r, x, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			goto out;
		}
		if (ferrum_rowreader_format(r) == FERRUM_ROWS_CSV && !ferrum_rowreader_has_target(r)) {
			t = ferrum_model_target_name(m);
			if (*t != '\0')
				finf_error("%s: no target column '%s': --evaluate needs the true values "
				           "in the rows", name, t);
			else
				finf_error("%s: no target column: the model does not name its target, so "
				           "--evaluate takes it as the one column besides the features",
				           name);
			status = FINF_EXIT_FAIL;
			goto out;
		}
		truth = ferrum_rowreader_target(r, &tlen);
		rc = ferrum_model_predict(m, x, y, &err);
		if (rc == FERRUM_OK)
			rc = ferrum_eval_add(e, y, truth, tlen, &err);
		if (rc != FERRUM_OK) {
			err.line = ferrum_rowreader_line(r);
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			goto out;
		}
	}
	ferrum_eval_metrics(e, &mt, NULL);
	if (mt.rows == 0) {
		finf_error("%s: no row to score", name);
		status = FINF_EXIT_FAIL;
		goto out;
	}
	if (json) {
		char *text = NULL;
		size_t len;

		/* The evaluation's object, the bins added as its last member. */
		if (ferrum_eval_json(e, &text, &len) != FERRUM_OK || len == 0) {
			ferrum_free(text);
			finf_error("out of memory");
			status = FINF_EXIT_FAIL;
			goto out;
		}
		fwrite(text, 1, len - 1, stdout);
		ferrum_free(text);
		printf(",\"reliability\":[");
		for (b = 0; b < FERRUM_CALIBRATION_BINS; b++) {
			ferrum_eval_bin(e, b, &n, &conf, &acc);
			printf("%s{\"bin\":%zu,\"low\":%.17g,\"high\":%.17g,\"rows\":%zu", b ? "," : "", b,
			       (double)b / FERRUM_CALIBRATION_BINS,
			       (double)(b + 1) / FERRUM_CALIBRATION_BINS, n);
			if (n > 0)
				printf(",\"confidence\":%.17g,\"accuracy\":%.17g,\"gap\":%.17g}", conf, acc,
				       acc - conf);
			else
				printf(",\"confidence\":null,\"accuracy\":null,\"gap\":null}");
		}
		printf("]}\n");
		goto out;
	}
	printf("%s: classification, %zu row%s scored", name, mt.rows, mt.rows == 1 ? "" : "s");
	t = ferrum_rowreader_target_name(r);
	if (t != NULL)
		printf(" against column '%s'", t);
	putchar('\n');
	if (ferrum_eval_n_skipped(e) > 0)
		printf("skipped: %zu row%s without a true value\n", ferrum_eval_n_skipped(e),
		       ferrum_eval_n_skipped(e) == 1 ? "" : "s");
	if (ferrum_eval_n_unknown(e) > 0)
		printf("not scored: %zu row%s with a label the model does not know (first: '%s')\n",
		       ferrum_eval_n_unknown(e), ferrum_eval_n_unknown(e) == 1 ? "" : "s",
		       ferrum_eval_first_unknown(e));
	printf("%sReliability%s (rows by top probability; gap: accuracy - confidence)\n",
	       paint(C_BOLD), paint(C_RESET));
	printf("  %-11s %7s %11s %9s %8s\n", "top p", "rows", "confidence", "accuracy", "gap");
	for (b = 0; b < FERRUM_CALIBRATION_BINS; b++) {
		ferrum_eval_bin(e, b, &n, &conf, &acc);
		if (n == 0)
			continue;
		printf("  %.3f-%.3f %7zu %11.4f %9.4f %s%+8.4f%s\n", (double)b / FERRUM_CALIBRATION_BINS,
		       (double)(b + 1) / FERRUM_CALIBRATION_BINS, n, conf, acc,
		       paint(fabs(acc - conf) > 0.1 ? C_RED : ""), acc - conf,
		       paint(fabs(acc - conf) > 0.1 ? C_RESET : ""));
	}
	printf("%-10s  %12.2f%%\n", "accuracy", 100.0 * mt.accuracy);
	printf("%-10s  %12.4f\n", "log-loss", mt.log_loss);
	printf("%-10s  %12.4f\n", "Brier", mt.brier);
	printf("%-10s  %12.4f\n", "ECE", mt.ece);
out:
	ferrum_eval_free(e);
	free(x);
	free(y);
	return status;
}

int
main(int argc, char **argv)
{
	int format = FERRUM_ROWS_AUTO, json = 0, desc = 0, eval = 0, c, status, when = -1;
	const char *model_path, *rows_path = NULL, *name;
	ferrum_model *m = NULL;
	ferrum_rowreader *r = NULL;
	ferrum_error err;
	finf_source src;
	FILE *in;

	finf_init(argv[0]);
	while ((c = finf_getopt(argc, argv, "d:hV", long_options)) != -1) {
		switch (c) {
		case OPT_INPUT: format = finf_rows_format(optarg); break;
		case 'd': delim = finf_delimiter(optarg); break;
		case OPT_JSON: json = 1; break;
		case OPT_DESCRIBE: desc = 1; break;
		case OPT_EVALUATE: eval = 1; break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				when = -1;
			else if (strcmp(optarg, "always") == 0)
				when = 1;
			else if (strcmp(optarg, "never") == 0)
				when = 0;
			else
				finf_usage("invalid --color '%s' (auto, always or never)", optarg);
			break;
		case 'h': usage(); return finf_finish(FINF_EXIT_OK);
		case 'V': finf_version();
		}
	}
	color = !json && (when >= 0 ? when : finf_use_color(stdout));
	if (desc && eval)
		finf_usage("--describe and --evaluate do not go together");
	if (desc) {
		if (format == FERRUM_ROWS_JSONL)
			finf_usage("--describe reads CSV only");
		if (argc - optind > 1)
			finf_usage("extra operand '%s'", argv[optind + 1]);
		return finf_finish(describe(optind < argc ? argv[optind] : NULL, json));
	}
	finf_model_rows_operands(argc, argv, optind, &model_path, &rows_path);

	ferrum_error_clear(&err);
	if (ferrum_model_load(model_path, &m, &err) != FERRUM_OK) {
		finf_report(finf_display_name(model_path), &err);
		return finf_finish(FINF_EXIT_FAIL);
	}
	if (eval && ferrum_model_task(m) != FERRUM_TASK_CLASSIFICATION) {
		finf_error("%s: --evaluate needs a classifier; this model is a regressor "
		           "(finf-predict --evaluate scores it)", finf_display_name(model_path));
		ferrum_model_free(m);
		return finf_finish(FINF_EXIT_FAIL);
	}
	in = finf_open_read(rows_path);
	if (in == NULL) {
		ferrum_model_free(m);
		return finf_finish(FINF_EXIT_FAIL);
	}
	name = finf_display_name(rows_path);
	finf_source_init(&src, fileno(in), 1, name);
	if (ferrum_rowreader_new(m, format, finf_read, &src, &r, &err) != FERRUM_OK ||
	    ferrum_rowreader_set_delimiter(r, delim) != FERRUM_OK) {
		/* A schema member that does not read is the model's fault. */
		finf_report(err.code == FERRUM_EFORMAT ? finf_display_name(model_path) : name, &err);
		status = FINF_EXIT_FAIL;
	} else if (eval) {
		status = reliability(m, name, r, json);
	} else {
		status = stats_stream(m, name, r, json);
	}
	ferrum_rowreader_free(r);
	finf_source_close(&src);
	if (in != stdin)
		fclose(in);
	ferrum_model_free(m);
	return finf_finish(status);
}

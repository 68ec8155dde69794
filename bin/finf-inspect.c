/* finf-inspect.c: show what is inside FINF model files, or check them.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "cli.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static int opt_json;  /* one JSON object per file */
static int opt_check; /* validate only */

static void
help(void)
{
	printf("Usage: %s [OPTION]... [MODEL]...\n", finf_progname);
	printf("Show the format version, metadata, normaliser and layers of FINF model\n"
	       "files (none or \"-\" reads standard input), as text or JSON Lines on stdout.\n"
	       "\n"
	       "  -c, --check     print nothing; report what is wrong with bad files\n"
	       "  -j, --json      one JSON object per file and line (default: text)\n"
	       "  -h, --help      show this help and exit\n"
	       "  -V, --version   show the version and exit\n"
	       "\n"
	       "Exit status: 0 if every file is a valid model, 1 if any is not, 2 on a\n"
	       "usage error.\n");
	exit(finf_finish(FINF_EXIT_OK));
}

/* The shortest %g text (6 to 9 digits) that reads back as the same float. */
static const char *
fmt(float f, char *buf, size_t size)
{
	int prec;

	if (isnan(f))
		return "nan";
	if (isinf(f))
		return f < 0 ? "-inf" : "inf";
	for (prec = 6; prec <= 9; prec++) {
		snprintf(buf, size, "%.*g", prec, (double)f);
		if (strtof(buf, NULL) == f)
			break;
	}
	return buf;
}

static void
json_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7F)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* A float as JSON: NaN and infinities have no spelling there. */
static void
json_float(float f)
{
	char b[32];

	fputs(isfinite(f) ? fmt(f, b, sizeof b) : "null", stdout);
}

struct stats {
	size_t n, nan, inf, finite;
	float min, max;
	double mean; /* of the finite values, summed in double */
};

static void
get_stats(const float *v, size_t n, struct stats *s)
{
	double sum = 0;
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
	static const char *const names[] = { "identity", "relu", "sigmoid", "tanh", "softmax" };

	return act >= 0 && act <= 4 ? names[act] : "unknown";
}

static void
json_stats(const struct stats *s)
{
	char b[40];

	printf("{\"count\":%zu,\"min\":", s->n);
	if (s->finite > 0)
		json_float(s->min);
	else
		fputs("null", stdout);
	fputs(",\"max\":", stdout);
	if (s->finite > 0)
		json_float(s->max);
	else
		fputs("null", stdout);
	fputs(",\"mean\":", stdout);
	if (s->finite > 0) {
		snprintf(b, sizeof b, "%.17g", s->mean);
		fputs(b, stdout);
	} else {
		fputs("null", stdout);
	}
	printf(",\"nan\":%zu,\"inf\":%zu}", s->nan, s->inf);
}

static void
show_json(const char *name, size_t size, const ferrum_model *m)
{
	size_t i, nf = ferrum_model_n_features(m), nl = ferrum_model_n_layers(m);
	int reg = ferrum_model_task(m) == FERRUM_TASK_REGRESSION;
	float lo, hi, mean, sd;

	fputs("{\"file\":", stdout);
	json_string(name);
	printf(",\"size\":%zu,\"version\":%d,\"task\":\"%s\",\"dataset_name\":", size,
	       FERRUM_FINF_VERSION, reg ? "regression" : "classification");
	json_string(ferrum_model_dataset_name(m));
	printf(",\"n_features\":%zu,\"features\":[", nf);
	for (i = 0; i < nf; i++) {
		const char *fname = ferrum_model_feature_name(m, i);

		fputs(i > 0 ? ",{\"name\":" : "{\"name\":", stdout);
		if (fname != NULL)
			json_string(fname);
		else
			fputs("null", stdout);
		fputs(",\"range\":", stdout);
		if (ferrum_model_feature_range(m, i, &lo, &hi) == 0) {
			putchar('[');
			json_float(lo);
			putchar(',');
			json_float(hi);
			putchar(']');
		} else {
			fputs("null", stdout);
		}
		ferrum_model_feature_norm(m, i, &mean, &sd);
		fputs(",\"mean\":", stdout);
		json_float(mean);
		fputs(",\"std\":", stdout);
		json_float(sd);
		putchar('}');
	}
	printf("],\"n_outputs\":%zu,\"class_names\":[", ferrum_model_n_outputs(m));
	for (i = 0; ferrum_model_class_name(m, i) != NULL; i++) {
		if (i > 0)
			putchar(',');
		json_string(ferrum_model_class_name(m, i));
	}
	fputs("],\"target\":{\"name\":", stdout);
	json_string(ferrum_model_target_name(m));
	ferrum_model_target_range(m, &lo, &hi);
	fputs(",\"range\":[", stdout);
	json_float(lo);
	putchar(',');
	json_float(hi);
	putchar(']');
	if (ferrum_model_target_norm(m, &mean, &sd) == 0) {
		fputs(",\"mean\":", stdout);
		json_float(mean);
		fputs(",\"std\":", stdout);
		json_float(sd);
	}
	fputs("},\"layers\":[", stdout);
	for (i = 0; i < nl; i++) {
		ferrum_layer_info li;
		struct stats s;

		ferrum_model_layer(m, i, &li);
		if (i > 0)
			putchar(',');
		if (li.kind == FERRUM_LAYER_LINEAR) {
			printf("{\"index\":%zu,\"kind\":\"linear\",\"in\":%zu,\"out\":%zu,\"params\":%zu,"
			       "\"weights\":",
			       i, li.in, li.out, li.n_params);
			get_stats(li.weights, li.in * li.out, &s);
			json_stats(&s);
			fputs(",\"bias\":", stdout);
			get_stats(li.bias, li.out, &s);
			json_stats(&s);
			putchar('}');
		} else {
			printf("{\"index\":%zu,\"kind\":\"activation\",\"activation\":\"%s\",\"params\":0}",
			       i, act_name(li.act));
		}
	}
	printf("],\"n_params\":%zu,\"metadata\":%s}\n", ferrum_model_n_params(m),
	       ferrum_model_metadata_json(m));
}

static void
show_text(const char *name, size_t size, const ferrum_model *m)
{
	size_t i, nf = ferrum_model_n_features(m), nl = ferrum_model_n_layers(m), width = 4;
	int reg = ferrum_model_task(m) == FERRUM_TASK_REGRESSION;
	char b1[32], b2[32], b3[32], b4[32];
	float lo, hi, mean, sd;

	printf("file:       %s\n", name);
	printf("size:       %zu bytes\n", size);
	printf("format:     FINF version %d\n", FERRUM_FINF_VERSION);
	printf("task:       %s\n", reg ? "regression" : "classification");
	printf("dataset:    %s\n", ferrum_model_dataset_name(m));
	printf("features:   %zu\n", nf);
	for (i = 0; i < nf; i++) {
		const char *fname = ferrum_model_feature_name(m, i);

		if (fname != NULL && strlen(fname) > width)
			width = strlen(fname);
	}
	printf("  %3s  %-*s  %12s  %12s  %14s  %14s\n", "#", (int)width, "name", "min", "max",
	       "mean", "std");
	for (i = 0; i < nf; i++) {
		const char *fname = ferrum_model_feature_name(m, i);
		int has_range = ferrum_model_feature_range(m, i, &lo, &hi) == 0;

		ferrum_model_feature_norm(m, i, &mean, &sd);
		printf("  %3zu  %-*s  %12s  %12s  %14s  %14s\n", i + 1, (int)width,
		       fname != NULL ? fname : "-", has_range ? fmt(lo, b1, sizeof b1) : "-",
		       has_range ? fmt(hi, b2, sizeof b2) : "-", fmt(mean, b3, sizeof b3),
		       fmt(sd, b4, sizeof b4));
	}
	if (reg) {
		ferrum_model_target_range(m, &lo, &hi);
		printf("target:     %s, range %s to %s", ferrum_model_target_name(m),
		       fmt(lo, b1, sizeof b1), fmt(hi, b2, sizeof b2));
		if (ferrum_model_target_norm(m, &mean, &sd) == 0)
			printf(", mean %s, std %s", fmt(mean, b3, sizeof b3), fmt(sd, b4, sizeof b4));
		putchar('\n');
	} else {
		printf("classes:    %zu:", ferrum_model_n_classes(m));
		for (i = 0; ferrum_model_class_name(m, i) != NULL; i++)
			printf("%s %s", i > 0 ? "," : "", ferrum_model_class_name(m, i));
		putchar('\n');
	}
	printf("layers:     %zu\n", nl);
	for (i = 0; i < nl; i++) {
		ferrum_layer_info li;
		struct stats s;

		ferrum_model_layer(m, i, &li);
		if (li.kind != FERRUM_LAYER_LINEAR) {
			printf("  %3zu  activation %s\n", i, act_name(li.act));
			continue;
		}
		get_stats(li.weights, li.in * li.out, &s);
		printf("  %3zu  linear %zu -> %zu, %zu parameters", i, li.in, li.out, li.n_params);
		if (s.finite > 0) {
			snprintf(b3, sizeof b3, "%.6g", s.mean);
			printf(", weights min %s max %s mean %s", fmt(s.min, b1, sizeof b1),
			       fmt(s.max, b2, sizeof b2), b3);
		}
		if (s.nan > 0 || s.inf > 0)
			printf(", %zu NaN, %zu infinite", s.nan, s.inf);
		get_stats(li.bias, li.out, &s);
		if (s.nan > 0 || s.inf > 0)
			printf(", bias %zu NaN, %zu infinite", s.nan, s.inf);
		putchar('\n');
	}
	printf("parameters: %zu\n", ferrum_model_n_params(m));
	for (i = 0; i < ferrum_model_metadata_n_extra(m); i++) {
		const char *key = ferrum_model_metadata_key(m, i);

		printf("%s %s = %s\n", i == 0 ? "extra:     " : "           ", key,
		       ferrum_model_metadata_get(m, key));
	}
}

/* Inspect one operand; 0 if it is a valid model. */
static int
inspect(const char *path, int first)
{
	const char *name = finf_display_name(path);
	ferrum_model *m = NULL;
	ferrum_error err;
	char *buf;
	size_t len;

	if (ferrum_model_file_read(path, &buf, &len, &err) != 0) {
		finf_report(name, &err);
		return -1;
	}
	if (ferrum_model_read(buf, len, &m, &err) != 0) {
		ferrum_free(buf);
		finf_report(name, &err);
		return -1;
	}
	ferrum_free(buf);
	if (opt_json) {
		show_json(name, len, m);
	} else if (!opt_check) {
		if (!first)
			putchar('\n');
		show_text(name, len, m);
	}
	ferrum_model_free(m);
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c, status = FINF_EXIT_OK, i, shown = 0;

	finf_init(argv[0]);
	while ((c = finf_getopt(argc, argv, "cjhV", longopts)) != -1) {
		switch (c) {
		case 'c': opt_check = 1; break;
		case 'j': opt_json = 1; break;
		case 'h': help(); break;
		case 'V': finf_version(); break;
		}
	}
	if (opt_check && opt_json)
		finf_usage("--check and --json cannot be combined");
	if (optind >= argc)
		return finf_finish(inspect("-", 1) == 0 ? FINF_EXIT_OK : FINF_EXIT_FAIL);
	for (i = optind; i < argc; i++) {
		if (inspect(argv[i], shown == 0) != 0)
			status = FINF_EXIT_FAIL;
		else
			shown++;
	}
	return finf_finish(status);
}

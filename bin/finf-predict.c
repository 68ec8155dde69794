/* finf-predict.c: stream rows (CSV or JSON Lines) through a model, one
 * prediction line out per row in.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_INPUT = 256, OPT_JSON, OPT_PROBS, OPT_SKIP_BAD };

static const struct option long_options[] = {
	{"input", required_argument, NULL, OPT_INPUT},
	{"json", no_argument, NULL, OPT_JSON},
	{"keep", no_argument, NULL, 'k'},
	{"probabilities", no_argument, NULL, OPT_PROBS},
	{"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0},
};

static void
usage(void)
{
	printf("Usage: %s [OPTIONS] MODEL [ROWS]\n"
	       "Predict each row of ROWS (CSV or JSON Lines; standard input when absent\n"
	       "or '-') with the FINF model MODEL, writing one CSV line (or JSON object)\n"
	       "per row to standard output as the rows arrive.\n"
	       "\n"
	       "      --input=FORMAT     auto, csv or jsonl [auto: JSON Lines when the\n"
	       "                         input starts with '{' or '[']\n"
	       "      --json             write JSON Lines instead of CSV\n"
	       "  -k, --keep             copy each input row in front of its prediction\n"
	       "      --probabilities    CSV: add one column per class (p_<class>)\n"
	       "      --skip-bad         report a bad row and go on (exit status 1 at the\n"
	       "                         end) instead of stopping at it\n"
	       "  -h, --help             show this help and exit\n"
	       "  -V, --version          show the version and exit\n"
	       "\n"
	       "CSV input with a header is matched to the model's features by name;\n"
	       "without one (the first record all numbers) by position.\n",
	       finf_progname);
}

/* A growable output line, written with one fwrite. */
typedef struct line {
	char *s;
	size_t len, cap;
} line;

static void
put(line *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		size_t cap = l->cap ? l->cap : 256;
		char *ns;

		while (cap < l->len + n + 1)
			cap *= 2;
		ns = realloc(l->s, cap);
		if (ns == NULL) {
			finf_error("out of memory");
			exit(FINF_EXIT_FAIL);
		}
		l->s = ns;
		l->cap = cap;
	}
	memcpy(l->s + l->len, s, n);
	l->len += n;
}

static void
puts_(line *l, const char *s)
{
	put(l, s, strlen(s));
}

static void
putc_(line *l, char c)
{
	put(l, &c, 1);
}

static void
put_float(line *l, float f)
{
	char t[FERRUM_FLOAT_TEXT_MAX];

	put(l, t, ferrum_format_float(t, sizeof t, f));
}

/* A CSV field, quoted when it must be for a CSV reader to get it back. */
static void
put_csv(line *l, const char *s)
{
	size_t n = strlen(s);

	if (strpbrk(s, ",\"\r\n") == NULL &&
	    (n == 0 || (s[0] != ' ' && s[0] != '\t' && s[n - 1] != ' ' && s[n - 1] != '\t'))) {
		put(l, s, n);
		return;
	}
	putc_(l, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putc_(l, '"');
		putc_(l, *s);
	}
	putc_(l, '"');
}

static void
put_json_string(line *l, const char *s, size_t n)
{
	size_t i;

	putc_(l, '"');
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char t[8];

		if (c == '"' || c == '\\') {
			putc_(l, '\\');
			putc_(l, (char)c);
		} else if (c < 0x20) {
			snprintf(t, sizeof t, "\\u%04x", c);
			puts_(l, t);
		} else {
			putc_(l, (char)c);
		}
	}
	putc_(l, '"');
}

/* 1 if @s is a JSON number literal (RFC 8259 section 6). */
static int
json_number(const char *s, size_t n)
{
	size_t i = 0;

	if (i < n && s[i] == '-')
		i++;
	if (i < n && s[i] == '0')
		i++;
	else if (i < n && s[i] >= '1' && s[i] <= '9')
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	else
		return 0;
	if (i < n && s[i] == '.') {
		if (++i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || s[i] < '0' || s[i] > '9')
			return 0;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
	}
	return i == n;
}

/* The input for the read callback: a file descriptor, and whether to
 * flush stdout before blocking on it. */
typedef struct source {
	int fd;
	int flush;
} source;

static long
read_fd(void *ctx, char *buf, size_t cap)
{
	source *src = ctx;
	ssize_t n;

	/* Everything for the rows read so far is out before we may wait for
	 * more: interactive pipes (tail -f | finf-predict) see each line at
	 * once, and files pay no per-line flush. */
	if (src->flush)
		fflush(stdout);
	if (cap > (size_t)1 << 30)
		cap = (size_t)1 << 30;
	n = read(src->fd, buf, cap);
	return (long)n;
}

typedef struct options {
	int format;
	int json, keep, probs, skip_bad;
	int no_header; /* a later chunk of GNU parallel --pipe: no header line */
} options;

static void
put_header(line *l, const options *o, const ferrum_model *m, const ferrum_rowreader *r)
{
	size_t i, n;

	l->len = 0;
	if (o->keep) {
		size_t hl;
		const char *h = ferrum_rowreader_header(r, &hl);

		if (h != NULL)
			put(l, h, hl);
		else {
			n = ferrum_rowreader_n_columns(r);
			if (n == 0)
				n = ferrum_model_n_features(m);
			for (i = 0; i < n; i++) {
				const char *c = ferrum_rowreader_column(r, i);

				if (c == NULL)
					c = ferrum_model_feature_name(m, i);
				put_csv(l, c != NULL ? c : "");
				putc_(l, ',');
			}
			l->len--;
		}
		putc_(l, ',');
	}
	if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		puts_(l, "value");
	} else {
		puts_(l, "label,confidence");
		if (o->probs) {
			n = ferrum_model_n_classes(m);
			for (i = 0; i < n; i++) {
				const char *c = ferrum_model_class_name(m, i);
				line t = {NULL, 0, 0};

				puts_(&t, "p_");
				puts_(&t, c != NULL ? c : "");
				putc_(&t, '\0');
				putc_(l, ',');
				put_csv(l, t.s);
				free(t.s);
			}
		}
	}
	putc_(l, '\n');
}

/* The input row in front of a JSON prediction: {"input":...,. */
static void
put_json_input(line *l, const ferrum_model *m, const ferrum_rowreader *r, const float *x)
{
	const ferrum_csv *csv = ferrum_rowreader_csv(r);
	size_t i, n, len;

	puts_(l, "\"input\":");
	if (csv == NULL) {
		const char *rec = ferrum_rowreader_record(r, &len);

		put(l, rec, len);
	} else {
		n = ferrum_csv_nfields(csv);
		putc_(l, '{');
		for (i = 0; i < n; i++) {
			const char *f = ferrum_csv_field(csv, i, &len);
			const char *c = ferrum_rowreader_column(r, i);

			if (i > 0)
				putc_(l, ',');
			if (c == NULL)
				c = "";
			put_json_string(l, c, strlen(c));
			putc_(l, ':');
			if (json_number(f, len))
				put(l, f, len);
			else
				put_json_string(l, f, len);
		}
		putc_(l, '}');
	}
	putc_(l, ',');
	(void)m;
	(void)x;
}

/* The kept input in front of a CSV prediction. */
static void
put_csv_input(line *l, const ferrum_model *m, const ferrum_rowreader *r, const float *x)
{
	size_t i, n, len;

	if (ferrum_rowreader_csv(r) != NULL) {
		const char *rec = ferrum_rowreader_record(r, &len);

		put(l, rec, len);
	} else {
		n = ferrum_model_n_features(m);
		for (i = 0; i < n; i++) {
			if (i > 0)
				putc_(l, ',');
			put_float(l, x[i]);
		}
	}
	putc_(l, ',');
}

static int
predict_stream(const options *o, ferrum_model *m, const char *name, ferrum_rowreader *r)
{
	size_t nf = ferrum_model_n_features(m), nout = ferrum_model_n_outputs(m), i;
	float *x = calloc(nf ? nf : 1, sizeof *x), *y = calloc(nout ? nout : 1, sizeof *y);
	line l = {NULL, 0, 0};
	long long bad = 0;
	int header_done = 0, status = FINF_EXIT_OK, rc;
	int regression = ferrum_model_task(m) == FERRUM_TASK_REGRESSION;
	ferrum_error err;
	char *json;
	size_t jlen;

	if (x == NULL || y == NULL) {
		finf_error("out of memory");
		free(x);
		free(y);
		return FINF_EXIT_FAIL;
	}
	for (;;) {
		ferrum_error_clear(&err);
		rc = ferrum_rowreader_next(r, x, &err);
		/* The output header, once the input's is known (also for an
		 * input whose first row is bad). */
		if (!header_done && !o->json && !o->no_header && ferrum_rowreader_format(r) != FERRUM_ROWS_AUTO &&
		    !ferrum_rowreader_fatal(r) && (rc != 0 || ferrum_rowreader_n_columns(r) > 0)) {
			header_done = 1;
			put_header(&l, o, m, r);
			fwrite(l.s, 1, l.len, stdout);
		}
		if (rc == 0)
			break;
		if (rc < 0) {
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			if (ferrum_rowreader_fatal(r) || !o->skip_bad)
				break;
			bad++;
			continue;
		}
		l.len = 0;
		if (o->json) {
			rc = ferrum_predict_json(m, x, &json, &jlen, &err);
			if (rc == FERRUM_OK) {
				putc_(&l, '{');
				if (o->keep)
					put_json_input(&l, m, r, x);
				put(&l, json + 1, jlen - 1);
				ferrum_free(json);
			}
		} else {
			if (o->keep)
				put_csv_input(&l, m, r, x);
			rc = ferrum_model_predict(m, x, y, &err);
			if (rc == FERRUM_OK && regression) {
				put_float(&l, ferrum_model_denormalize(m, y[0]));
			} else if (rc == FERRUM_OK) {
				size_t k = ferrum_argmax(y, nout);
				const char *label = ferrum_model_class_name(m, k);

				put_csv(&l, label != NULL ? label : "");
				putc_(&l, ',');
				put_float(&l, y[k]);
				if (o->probs)
					for (i = 0; i < nout; i++) {
						putc_(&l, ',');
						put_float(&l, y[i]);
					}
			}
		}
		if (rc != FERRUM_OK) {
			err.line = ferrum_rowreader_line(r);
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			if (!o->skip_bad)
				break;
			bad++;
			continue;
		}
		putc_(&l, '\n');
		if (fwrite(l.s, 1, l.len, stdout) != l.len) {
			finf_error("write error: %s", strerror(errno));
			status = FINF_EXIT_FAIL;
			break;
		}
	}
	if (bad > 0)
		finf_error("%s: %lld bad %s skipped", name, bad, bad == 1 ? "row" : "rows");
	free(l.s);
	free(x);
	free(y);
	return status;
}

int
main(int argc, char **argv)
{
	options o = {FERRUM_ROWS_AUTO, 0, 0, 0, 0, 0};
	const char *seq = getenv("PARALLEL_SEQ");
	const char *model_path, *rows_path = NULL, *name;
	ferrum_model *m = NULL;
	ferrum_rowreader *r = NULL;
	ferrum_error err;
	source src;
	struct stat st;
	FILE *in;
	int c, status;

	finf_init(argv[0]);
	while ((c = finf_getopt(argc, argv, "khV", long_options)) != -1) {
		switch (c) {
		case OPT_INPUT: o.format = finf_rows_format(optarg); break;
		case OPT_JSON: o.json = 1; break;
		case 'k': o.keep = 1; break;
		case OPT_PROBS: o.probs = 1; break;
		case OPT_SKIP_BAD: o.skip_bad = 1; break;
		case 'h': usage(); return finf_finish(FINF_EXIT_OK);
		case 'V': finf_version();
		}
	}
	finf_model_rows_operands(argc, argv, optind, &model_path, &rows_path);
	if (o.probs && o.json)
		finf_usage("--probabilities is for CSV output (--json always has them)");

	ferrum_error_clear(&err);
	if (ferrum_model_load(model_path, &m, &err) != FERRUM_OK) {
		finf_report(finf_display_name(model_path), &err);
		return finf_finish(FINF_EXIT_FAIL);
	}
	if (o.probs && ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
		ferrum_model_free(m);
		finf_usage("--probabilities needs a classifier; %s is a regressor", model_path);
	}
	in = finf_open_read(rows_path);
	if (in == NULL) {
		ferrum_model_free(m);
		return finf_finish(FINF_EXIT_FAIL);
	}
	name = finf_display_name(rows_path);
	src.fd = fileno(in);
	src.flush = !(fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode));
	setvbuf(stdout, NULL, _IOFBF, (size_t)1 << 16);
	/* Under `parallel --pipe --header 1 -k` every chunk arrives on a pipe
	 * with the input's header; only the first chunk's output keeps its
	 * header line, so the joined output is what one process writes. */
	o.no_header = in == stdin && seq != NULL && strcmp(seq, "1") != 0 &&
	              fstat(STDIN_FILENO, &st) == 0 && S_ISFIFO(st.st_mode);
	if (ferrum_rowreader_new(m, o.format, read_fd, &src, &r, &err) != FERRUM_OK) {
		finf_report(name, &err);
		status = FINF_EXIT_FAIL;
	} else {
		status = predict_stream(&o, m, name, r);
	}
	ferrum_rowreader_free(r);
	if (in != stdin)
		fclose(in);
	ferrum_model_free(m);
	return finf_finish(status);
}

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
	{"delimiter", required_argument, NULL, 'd'},
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
	       "  -d, --delimiter=D      CSV: ',' ';' tab '|' space or auto [auto: from\n"
	       "                         the first line]; gzip input is inflated\n"
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

typedef struct options {
	int format, delim;
	int json, keep, probs, skip_bad;
	int no_header; /* a later chunk of GNU parallel --pipe: no header line */
} options;

static int
predict_stream(const options *o, ferrum_model *m, const char *name, ferrum_rowreader *r)
{
	size_t nf = ferrum_model_n_features(m), nout = ferrum_model_n_outputs(m);
	float *x = calloc(nf ? nf : 1, sizeof *x), *y = calloc(nout ? nout : 1, sizeof *y);
	int flags = (o->json ? FERRUM_LINE_JSON : 0) | (o->keep ? FERRUM_LINE_KEEP : 0) |
	            (o->probs ? FERRUM_LINE_PROBS : 0);
	long long bad = 0;
	int header_done = 0, status = FINF_EXIT_OK, rc;
	ferrum_error err;
	char *line = NULL;
	size_t cap = 0, len;

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
			if (ferrum_predict_header(m, r, flags, &line, &cap, &len) != FERRUM_OK) {
				finf_error("out of memory");
				status = FINF_EXIT_FAIL;
				break;
			}
			fwrite(line, 1, len, stdout);
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
		rc = ferrum_model_predict(m, x, y, &err);
		if (rc != FERRUM_OK) {
			err.line = ferrum_rowreader_line(r);
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			if (!o->skip_bad)
				break;
			bad++;
			continue;
		}
		if (ferrum_predict_line(m, r, x, y, flags, &line, &cap, &len) != FERRUM_OK) {
			finf_error("out of memory");
			status = FINF_EXIT_FAIL;
			break;
		}
		if (fwrite(line, 1, len, stdout) != len) {
			finf_error("write error: %s", strerror(errno));
			status = FINF_EXIT_FAIL;
			break;
		}
	}
	if (bad > 0)
		finf_error("%s: %lld bad %s skipped", name, bad, bad == 1 ? "row" : "rows");
	ferrum_free(line);
	free(x);
	free(y);
	return status;
}

int
main(int argc, char **argv)
{
	options o = {FERRUM_ROWS_AUTO, FERRUM_CSV_AUTO, 0, 0, 0, 0, 0};
	const char *seq = getenv("PARALLEL_SEQ");
	const char *model_path, *rows_path = NULL, *name;
	ferrum_model *m = NULL;
	ferrum_rowreader *r = NULL;
	ferrum_error err;
	finf_source src;
	struct stat st;
	FILE *in;
	int c, status;

	finf_init(argv[0]);
	while ((c = finf_getopt(argc, argv, "d:khV", long_options)) != -1) {
		switch (c) {
		case OPT_INPUT: o.format = finf_rows_format(optarg); break;
		case 'd': o.delim = finf_delimiter(optarg); break;
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
	/* Everything for the rows read so far is out before we may wait for
	 * more: interactive pipes (tail -f | finf-predict) see each line at
	 * once, and files pay no per-line flush. */
	finf_source_init(&src, fileno(in), !(fstat(STDOUT_FILENO, &st) == 0 && S_ISREG(st.st_mode)),
	                 name);
	setvbuf(stdout, NULL, _IOFBF, (size_t)1 << 16);
	/* Under `parallel --pipe --header 1 -k` every chunk arrives on a pipe
	 * with the input's header; only the first chunk's output keeps its
	 * header line, so the joined output is what one process writes. */
	o.no_header = in == stdin && seq != NULL && strcmp(seq, "1") != 0 &&
	              fstat(STDIN_FILENO, &st) == 0 && S_ISFIFO(st.st_mode);
	if (ferrum_rowreader_new(m, o.format, finf_read, &src, &r, &err) != FERRUM_OK ||
	    ferrum_rowreader_set_delimiter(r, o.delim) != FERRUM_OK) {
		finf_report(name, &err);
		status = FINF_EXIT_FAIL;
	} else {
		status = predict_stream(&o, m, name, r);
	}
	ferrum_rowreader_free(r);
	finf_source_close(&src);
	if (in != stdin)
		fclose(in);
	ferrum_model_free(m);
	return finf_finish(status);
}

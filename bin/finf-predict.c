/* finf-predict.c: stream rows (CSV or JSON Lines) through a model, one
 * prediction line out per row in.
 * SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { OPT_INPUT = 256, OPT_JSON, OPT_PROBS, OPT_SKIP_BAD, OPT_EVALUATE, OPT_REPORT };

static const struct option long_options[] = {
	{"input", required_argument, NULL, OPT_INPUT},
	{"delimiter", required_argument, NULL, 'd'},
	{"json", no_argument, NULL, OPT_JSON},
	{"keep", no_argument, NULL, 'k'},
	{"probabilities", no_argument, NULL, OPT_PROBS},
	{"skip-bad", no_argument, NULL, OPT_SKIP_BAD},
	{"evaluate", no_argument, NULL, OPT_EVALUATE},
	{"report", required_argument, NULL, OPT_REPORT},
	{"quiet", no_argument, NULL, 'q'},
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
	       "      --evaluate         score the model on the rows, which hold the true\n"
	       "                         target too, and print the metrics instead of the\n"
	       "                         predictions\n"
	       "      --report=FORMAT    --evaluate's report: text or json [text]\n"
	       "  -q, --quiet            no warning about rows unlike the training data\n"
	       "  -h, --help             show this help and exit\n"
	       "  -V, --version          show the version and exit\n"
	       "\n"
	       "CSV input with a header is matched to the model's features by name;\n"
	       "without one (the first record all numbers) by position.  A model that\n"
	       "carries a column schema takes the raw rows it was trained on: columns by\n"
	       "their source names (or position), text categories and missing values as\n"
	       "in training.  Rows with values unlike the training data are counted and\n"
	       "told in one line on standard error at the end (-q silences it).\n",
	       finf_progname);
}

typedef struct options {
	int format, delim;
	int json, keep, probs, skip_bad;
	int evaluate, report_json, quiet;
	int no_header; /* a later chunk of GNU parallel --pipe: no header line */
} options;

/* The one line about rows unlike the training data, at the end. */
static void
warn_unfamiliar(const options *o, long long unfamiliar, long long rows)
{
	if (unfamiliar > 0 && !o->quiet)
		finf_error("%lld of %lld rows had values unlike the training data; see finf-stats",
		           unfamiliar, rows);
}

static int
predict_stream(const options *o, ferrum_model *m, const char *name, ferrum_rowreader *r)
{
	size_t nf = ferrum_model_n_features(m), nout = ferrum_model_n_outputs(m);
	float *x = calloc(nf ? nf : 1, sizeof *x), *y = calloc(nout ? nout : 1, sizeof *y);
	int flags = (o->json ? FERRUM_LINE_JSON : 0) | (o->keep ? FERRUM_LINE_KEEP : 0) |
	            (o->probs ? FERRUM_LINE_PROBS : 0);
	long long bad = 0, rows = 0, unfamiliar = 0;
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
		rows++;
		if (ferrum_rowreader_unfamiliar(r) != 0)
			unfamiliar++;
	}
	if (bad > 0)
		finf_error("%s: %lld bad %s skipped", name, bad, bad == 1 ? "row" : "rows");
	warn_unfamiliar(o, unfamiliar, rows);
	ferrum_free(line);
	free(x);
	free(y);
	return status;
}

/* ---- --evaluate -------------------------------------------------------- */

static void
put_pct(const char *what, double v)
{
	if (isnan(v))
		printf("%-10s  %12s\n", what, "-");
	else
		printf("%-10s  %11.2f%%\n", what, 100.0 * v);
}

static void
put_num(const char *what, double v, int big)
{
	if (isnan(v))
		printf("%-10s  %12s\n", what, "-");
	else if (big)
		printf("%-10s  %12.6g\n", what, v);
	else
		printf("%-10s  %12.4f\n", what, v);
}

/* The report as finf-train words its held-out section. */
static int
text_evaluation(const ferrum_model *m, const ferrum_eval *e, const char *name, const char *t)
{
	size_t k, j, w, nc = ferrum_model_n_classes(m), *conf = NULL;
	size_t skipped = ferrum_eval_n_skipped(e), unknown = ferrum_eval_n_unknown(e);
	ferrum_metrics mt;
	int cls = ferrum_model_task(m) == FERRUM_TASK_CLASSIFICATION;

	if (cls && nc > 0 && nc <= FERRUM_EVAL_MAX_CONFUSION) {
		conf = calloc(nc * nc, sizeof *conf);
		if (conf == NULL) {
			finf_error("out of memory");
			return FINF_EXIT_FAIL;
		}
	}
	ferrum_eval_metrics(e, &mt, conf);
	printf("%s: %s, %zu row%s scored", name, cls ? "classification" : "regression", mt.rows,
	       mt.rows == 1 ? "" : "s");
	if (t != NULL)
		printf(" against column '%s'", t);
	putchar('\n');
	if (skipped > 0)
		printf("skipped: %zu row%s without a true value\n", skipped, skipped == 1 ? "" : "s");
	if (unknown > 0)
		printf("not scored: %zu row%s with a label the model does not know (first: '%s')\n",
		       unknown, unknown == 1 ? "" : "s", ferrum_eval_first_unknown(e));
	if (cls) {
		put_pct("accuracy", mt.accuracy);
		put_num("macro-F1", mt.macro_f1, 0);
		put_num("log-loss", mt.log_loss, 0);
		put_num("Brier", mt.brier, 0);
		put_num("ECE", mt.ece, 0);
		if (nc > FINF_TEXT_MAX_CLASSES) {
			printf("confusion left out: %zu classes, more than %d (%s)\n", nc,
			       FINF_TEXT_MAX_CLASSES,
			       conf != NULL ? "--report=json has the whole matrix"
			                    : "too many for --report=json too");
		} else if (conf != NULL) {
			/* The confusion matrix, columns as wide as the longest name
			 * (at most 24 bytes) or the largest count. */
			size_t most = 0, digits = 1;

			w = 5;
			for (k = 0; k < nc; k++) {
				size_t l = strlen(ferrum_model_class_name(m, k));

				if (l > w)
					w = l;
			}
			if (w > 24)
				w = 24;
			for (k = 0; k < nc * nc; k++)
				if (conf[k] > most)
					most = conf[k];
			for (; most >= 10; most /= 10)
				digits++;
			if (digits > w)
				w = digits;
			printf("confusion (rows: true class, columns: predicted):\n");
			printf("  %-*s", (int)w, "");
			for (k = 0; k < nc; k++)
				printf(" %*.*s", (int)w, (int)w, ferrum_model_class_name(m, k));
			putchar('\n');
			for (k = 0; k < nc; k++) {
				printf("  %-*.*s", (int)w, (int)w, ferrum_model_class_name(m, k));
				for (j = 0; j < nc; j++)
					printf(" %*zu", (int)w, conf[k * nc + j]);
				putchar('\n');
			}
		}
	} else {
		put_num("RMSE", mt.rmse, 1);
		put_num("MAE", mt.mae, 1);
		put_num("R2", mt.r2, 0);
	}
	free(conf);
	return FINF_EXIT_OK;
}

static int
evaluate_stream(const options *o, ferrum_model *m, const char *name, ferrum_rowreader *r)
{
	size_t nf = ferrum_model_n_features(m), nout = ferrum_model_n_outputs(m), tlen;
	float *x = calloc(nf ? nf : 1, sizeof *x), *y = calloc(nout ? nout : 1, sizeof *y);
	long long bad = 0, rows = 0, unfamiliar = 0;
	int status = FINF_EXIT_OK, rc;
	ferrum_eval *e = NULL;
	ferrum_error err;
	const char *truth;

	ferrum_error_clear(&err);
	if (x == NULL || y == NULL || ferrum_eval_new(m, &e, &err) != FERRUM_OK ||
	    ferrum_rowreader_keep_target(r) != FERRUM_OK) {
		finf_error("out of memory");
		free(x);
		free(y);
		ferrum_eval_free(e);
		return FINF_EXIT_FAIL;
	}
	for (;;) {
		ferrum_error_clear(&err);
		rc = ferrum_rowreader_next(r, x, &err);
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
		rows++;
		if (ferrum_rowreader_format(r) == FERRUM_ROWS_CSV && !ferrum_rowreader_has_target(r)) {
			const char *t = ferrum_model_target_name(m);

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
		if (ferrum_rowreader_unfamiliar(r) != 0)
			unfamiliar++;
		truth = ferrum_rowreader_target(r, &tlen);
		rc = ferrum_model_predict(m, x, y, &err);
		if (rc == FERRUM_OK)
			rc = ferrum_eval_add(e, y, truth, tlen, &err);
		if (rc != FERRUM_OK) {
			err.line = ferrum_rowreader_line(r);
			finf_report(name, &err);
			status = FINF_EXIT_FAIL;
			if (!o->skip_bad)
				break;
			bad++;
			continue;
		}
	}
	if (bad > 0)
		finf_error("%s: %lld bad %s skipped", name, bad, bad == 1 ? "row" : "rows");
	warn_unfamiliar(o, unfamiliar, rows);
	if (status != FINF_EXIT_OK && !o->skip_bad)
		goto out;
	if (rows > 0 && !ferrum_rowreader_has_target(r)) {
		finf_error("%s: no row holds the target: --evaluate needs the true values in the rows",
		           name);
		status = FINF_EXIT_FAIL;
		goto out;
	}
	if (o->report_json) {
		char *json = NULL;
		size_t len;

		if (ferrum_eval_json(e, &json, &len) != FERRUM_OK) {
			finf_error("out of memory");
			status = FINF_EXIT_FAIL;
			goto out;
		}
		fwrite(json, 1, len, stdout);
		putchar('\n');
		ferrum_free(json);
	} else if (text_evaluation(m, e, name, ferrum_rowreader_target_name(r)) != FINF_EXIT_OK) {
		status = FINF_EXIT_FAIL;
	}
	{
		ferrum_metrics mt;

		ferrum_eval_metrics(e, &mt, NULL);
		if (mt.rows == 0) {
			finf_error("%s: no row to score", name);
			status = FINF_EXIT_FAIL;
		}
	}
out:
	ferrum_eval_free(e);
	free(x);
	free(y);
	return status;
}

int
main(int argc, char **argv)
{
	options o = {FERRUM_ROWS_AUTO, FERRUM_CSV_AUTO, 0, 0, 0, 0, 0, 0, 0, 0};
	const char *seq = getenv("PARALLEL_SEQ");
	const char *model_path, *rows_path = NULL, *name;
	ferrum_model *m = NULL;
	ferrum_rowreader *r = NULL;
	ferrum_error err;
	finf_source src;
	struct stat st;
	FILE *in;
	int c, status, report_given = 0;

	finf_init(argv[0]);
	while ((c = finf_getopt(argc, argv, "d:khqV", long_options)) != -1) {
		switch (c) {
		case OPT_INPUT: o.format = finf_rows_format(optarg); break;
		case 'd': o.delim = finf_delimiter(optarg); break;
		case OPT_JSON: o.json = 1; break;
		case 'k': o.keep = 1; break;
		case OPT_PROBS: o.probs = 1; break;
		case OPT_SKIP_BAD: o.skip_bad = 1; break;
		case OPT_EVALUATE: o.evaluate = 1; break;
		case OPT_REPORT:
			report_given = 1;
			if (strcmp(optarg, "text") == 0)
				o.report_json = 0;
			else if (strcmp(optarg, "json") == 0)
				o.report_json = 1;
			else
				finf_usage("--report: '%s' is not text or json", optarg);
			break;
		case 'q': o.quiet = 1; break;
		case 'h': usage(); return finf_finish(FINF_EXIT_OK);
		case 'V': finf_version();
		}
	}
	finf_model_rows_operands(argc, argv, optind, &model_path, &rows_path);
	if (o.probs && o.json)
		finf_usage("--probabilities is for CSV output (--json always has them)");
	if (report_given && !o.evaluate)
		finf_usage("--report is the report of --evaluate");
	if (o.evaluate && (o.json || o.keep || o.probs))
		finf_usage("--evaluate prints metrics, not predictions: no --json, --keep or "
		           "--probabilities (use --report=json)");

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
		/* A schema member that does not read is the model's fault. */
		finf_report(err.code == FERRUM_EFORMAT ? finf_display_name(model_path) : name, &err);
		status = FINF_EXIT_FAIL;
	} else if (o.evaluate) {
		status = evaluate_stream(&o, m, name, r);
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

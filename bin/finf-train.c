/* finf-train.c: train a FINF v3 model from a CSV file and report how well it does on rows it never saw.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { REPORT_TEXT, REPORT_JSON };

enum {
	OPT_TASK = 256,
	OPT_RECIPE,
	OPT_HOLDOUT,
	OPT_CV,
	OPT_REPORT,
	OPT_CATEGORICAL,
	OPT_NA,
	OPT_MAX_LEVELS,
	OPT_HEADER,
	OPT_NO_HEADER,
	OPT_INPUT,
	OPT_ENCODE,
	OPT_LAYERS,
	OPT_EFFORT,
	OPT_WEIGHT_DECAY,
	OPT_SMOOTHING,
	OPT_PATIENCE,
	OPT_MEMBERS,
	OPT_BUDGET,
	OPT_ENCODE_MIN_DISTINCT
};

static const struct option long_options[] = {
	{"output", required_argument, NULL, 'o'},
	{"name", required_argument, NULL, 'n'},
	{"target", required_argument, NULL, 't'},
	{"task", required_argument, NULL, OPT_TASK},
	{"hidden", required_argument, NULL, 'H'},
	{"layers", required_argument, NULL, OPT_LAYERS},
	{"epochs", required_argument, NULL, 'e'},
	{"seed", required_argument, NULL, 's'},
	{"recipe", required_argument, NULL, OPT_RECIPE},
	{"holdout", required_argument, NULL, OPT_HOLDOUT},
	{"cv", required_argument, NULL, OPT_CV},
	{"report", required_argument, NULL, OPT_REPORT},
	{"ignore", required_argument, NULL, 'x'},
	{"categorical", required_argument, NULL, OPT_CATEGORICAL},
	{"na", required_argument, NULL, OPT_NA},
	{"max-levels", required_argument, NULL, OPT_MAX_LEVELS},
	{"header", no_argument, NULL, OPT_HEADER},
	{"no-header", no_argument, NULL, OPT_NO_HEADER},
	{"delimiter", required_argument, NULL, 'd'},
	{"input", required_argument, NULL, OPT_INPUT},
	{"encode", required_argument, NULL, OPT_ENCODE},
	{"effort", required_argument, NULL, OPT_EFFORT},
	{"weight-decay", required_argument, NULL, OPT_WEIGHT_DECAY},
	{"smoothing", required_argument, NULL, OPT_SMOOTHING},
	{"patience", required_argument, NULL, OPT_PATIENCE},
	{"members", required_argument, NULL, OPT_MEMBERS},
	{"budget", required_argument, NULL, OPT_BUDGET},
	{"encode-min-distinct", required_argument, NULL, OPT_ENCODE_MIN_DISTINCT},
	{"quiet", no_argument, NULL, 'q'},
	{"verbose", no_argument, NULL, 'v'},
	{"force", no_argument, NULL, 'f'},
	{"help", no_argument, NULL, 'h'},
	{"version", no_argument, NULL, 'V'},
	{NULL, 0, NULL, 0}
};

static void
usage(void)
{
	printf("Usage: %s [OPTION]... [DATA]\n", finf_progname);
	printf("Train a small neural network on the CSV file DATA (standard input when\n"
	       "absent or '-') and write it as a FINF v3 model; report how it scores on\n"
	       "held-out rows.\n\n");
	printf("  -o, --output=MODEL       write the model to MODEL (atomically); '-' is\n"
	       "                           standard output [stdout, unless it is a terminal]\n"
	       "  -n, --name=NAME          dataset name stored in the model [DATA's base\n"
	       "                           name without extension; 'Dataset' for stdin]\n"
	       "  -t, --target=COLUMN      target column: header name or 1-based number [last]\n"
	       "      --task=TASK          auto, classification or regression [auto]\n"
	       "  -x, --ignore=COLS        leave out the columns COLS (names or 1-based\n"
	       "                           numbers, comma-separated)\n"
	       "      --categorical=COLS   the columns COLS hold categories, even as numbers\n"
	       "      --na=LIST            missing-value markers, comma-separated; an empty\n"
	       "                           field is always missing\n"
	       "                           [" FERRUM_NA_DEFAULT "]\n"
	       "      --max-levels=N       levels kept per categorical column, the rarer\n"
	       "                           ones folded into \"(other)\" [32]\n"
	       "      --header             the first record is the header\n"
	       "      --no-header          there is no header [decided from the data]\n"
	       "      --encode=MODE        numeric columns as they are (none), or each as\n"
	       "                           up to N piecewise-linear inputs between quantiles\n"
	       "                           (ple[:N[:COLS]], N 8, COLS every numeric) [none]\n"
	       "      --encode-min-distinct=N  encode only the numeric columns with at\n"
	       "                           least N distinct values in the training rows [1]\n"
	       "  -H, --hidden=N           hidden units [default recipe 160, ferrum 64]\n"
	       "      --layers=N,N,...     hidden layers' widths, input side first (the\n"
	       "                           default recipe; --layers=N is --hidden=N)\n"
	       "      --effort=LEVEL       normal, or high: a richer, slower fit for the\n"
	       "                           table's task and size (encoding, widths, members)\n"
	       "                           where --encode, -H, --layers and --members leave\n"
	       "                           it; see finf-train(1) [normal]\n"
	       "      --weight-decay=X     AdamW weight decay, 0 < X <= 1 (default recipe)\n"
	       "                           [5e-4 classification, 3e-4 regression]\n"
	       "      --smoothing=X        label smoothing, 0 < X < 1 (default recipe,\n"
	       "                           classification) [0.1]\n"
	       "      --patience=N         early stopping after N epochs without a better\n"
	       "                           out-of-fold score (default recipe) [100]\n"
	       "      --members=K          ensemble members, 2 to 64 (default recipe) [5]\n"
	       "      --budget=N           rows x epochs that bound the epochs on large\n"
	       "                           data (default recipe) [1500000]\n"
	       "  -e, --epochs=N           epochs, the most with early stopping [default\n"
	       "                           recipe 300 (fewer on large data), ferrum 500]\n"
	       "  -s, --seed=N             random seed [1337]\n"
	       "      --recipe=RECIPE      default, or ferrum (the original trainer, bit\n"
	       "                           for bit) [default]\n"
	       "      --holdout=FRAC       fraction of rows held out for the report [0.2]\n"
	       "      --cv=K               also run K-fold cross-validation and report it\n"
	       "      --report=FORMAT      text (to stderr) or json (to stdout) [text]\n"
	       "  -d, --delimiter=D        ',' ';' tab '|' space or auto [auto: from the\n"
	       "                           first 20 lines]; gzip input is inflated\n"
	       "      --input=FORMAT       auto, csv or jsonl [auto]\n"
	       "  -q, --quiet              no report and no progress; errors only\n"
	       "  -v, --verbose            the training loss every tenth of the epochs\n"
	       "  -f, --force              write a model to a terminal\n"
	       "  -h, --help               show this help and exit\n"
	       "  -V, --version            show the version and exit\n\n");
	printf("-x, --categorical, --na, --max-levels, --header, --no-header and --encode\n"
	       "need the default recipe; a column they name that the data lacks is a usage error.\n\n");
	printf("Exit status: 0 on success, 1 on bad data or an I/O error, 2 on a usage error.\n"
	       "See finf-train(1).\n");
}

/* ---- --weight-decay, --smoothing, --patience, --members, --budget ------- */

/* The default recipe's setting @opt (an OPT_ value) from @arg into @o (a
 * usage error when @arg is out of range). */
static void
parse_tuning(int opt, const char *arg, ferrum_train_options *o)
{
	unsigned long ul;
	double d;

	switch (opt) {
	case OPT_WEIGHT_DECAY:
		if (finf_parse_double(arg, &d) != 0 || !(d > 0.0 && d <= 1.0))
			finf_usage("--weight-decay: '%s' is not a number above 0, at most 1", arg);
		o->weight_decay = d;
		break;
	case OPT_SMOOTHING:
		if (finf_parse_double(arg, &d) != 0 || !(d > 0.0 && d < 1.0))
			finf_usage("--smoothing: '%s' is not a number between 0 and 1", arg);
		o->smoothing = d;
		break;
	case OPT_PATIENCE:
		if (finf_parse_ulong(arg, 1, 100000000ul, &ul) != 0)
			finf_usage("--patience: '%s' is not a whole number from 1 to 100000000", arg);
		o->patience = ul;
		break;
	case OPT_MEMBERS:
		if (finf_parse_ulong(arg, 2, FERRUM_MEMBERS_MAX, &ul) != 0)
			finf_usage("--members: '%s' is not a whole number from 2 to %d", arg,
			           FERRUM_MEMBERS_MAX);
		o->members = (unsigned)ul;
		break;
	case OPT_ENCODE_MIN_DISTINCT:
		if (finf_parse_ulong(arg, 1, 1000000000ul, &ul) != 0)
			finf_usage("--encode-min-distinct: '%s' is not a whole number from 1 to "
			           "1000000000", arg);
		o->encode_min_distinct = (unsigned)ul;
		break;
	default: /* OPT_BUDGET */
		if (finf_parse_ulong(arg, 1, 1000000000ul, &ul) != 0)
			finf_usage("--budget: '%s' is not a whole number from 1 to 1000000000", arg);
		o->budget = ul;
		break;
	}
}

/* ---- --encode ---------------------------------------------------------- */

/* --encode=none, ple, ple:N or ple:N:COLS into @o (a usage error else). */
static void
parse_encode(const char *arg, ferrum_train_options *o)
{
	unsigned long ul = 8;
	const char *p = arg + 3, *cols;
	char num[16];
	size_t l;

	o->encode_bins = 0;
	o->encode_columns = NULL;
	if (strcmp(arg, "none") == 0)
		return;
	if (strncmp(arg, "ple", 3) != 0 || (*p != '\0' && *p != ':'))
		finf_usage("--encode: '%s' is not none or ple[:N[:COLS]]", arg);
	if (*p == ':') {
		p++;
		cols = strchr(p, ':');
		l = cols != NULL ? (size_t)(cols - p) : strlen(p);
		if (l == 0 || l >= sizeof num)
			finf_usage("--encode: '%s': N is not a whole number from 1 to %d", arg,
			           FERRUM_ENCODE_MAX_BINS);
		memcpy(num, p, l);
		num[l] = '\0';
		if (finf_parse_ulong(num, 1, FERRUM_ENCODE_MAX_BINS, &ul) != 0)
			finf_usage("--encode: '%s': N is not a whole number from 1 to %d", arg,
			           FERRUM_ENCODE_MAX_BINS);
		if (cols != NULL) {
			if (cols[1] == '\0')
				finf_usage("--encode: '%s': an empty column list", arg);
			o->encode_columns = cols + 1;
		}
	}
	o->encode_bins = (unsigned)ul;
}

/* Every name of @list is a numeric or date column of @t: a usage error
 * otherwise, like -x's names. */
static void
check_encode_columns(const char *display, const ferrum_table *t, const char *list)
{
	const ferrum_schema *s = ferrum_table_schema(t);

	while (s != NULL && *list != '\0') {
		const char *e = strchr(list, ',');
		size_t l = e != NULL ? (size_t)(e - list) : strlen(list), j, n = 0;

		for (j = 0; j < ferrum_schema_n_columns(s); j++) {
			const ferrum_column *c = ferrum_schema_column(s, j);

			if (strlen(c->name) == l && memcmp(c->name, list, l) == 0) {
				n = 1;
				if (c->n_inputs > 0 && (c->kind == FERRUM_COLUMN_NUMERIC ||
				                        c->kind == FERRUM_COLUMN_DATE))
					n = 2;
				break;
			}
		}
		if (n < 2)
			finf_usage("%s: --encode: %s column '%.*s'", display,
			           n == 0 ? "no" : "not a numeric", (int)l, list);
		list += l;
		if (*list == ',')
			list++;
	}
}

/* ---- progress --------------------------------------------------------- */

typedef struct progress {
	int bar;         /* draw a bar on stderr (a terminal) */
	int verbose;     /* print loss lines */
	int last_pct;    /* the bar's last percentage drawn */
	int drawn;       /* something is on the bar's line */
} progress;

static void
on_epoch(void *ctx, size_t epoch, size_t epochs, double loss)
{
	progress *p = ctx;
	size_t every = epochs / 10 ? epochs / 10 : 1;

	if (p->verbose && (epoch == 1 || epoch % every == 0 || epoch == epochs)) {
		if (p->drawn) {
			fputs("\r\033[K", stderr);
			p->drawn = 0;
		}
		fprintf(stderr, "%s: epoch %zu/%zu: loss %.6f\n", finf_progname, epoch, epochs, loss);
	}
	if (p->bar) {
		int pct = (int)(100.0 * (double)epoch / (double)(epochs ? epochs : 1));
		int width = 30, fill = pct * width / 100, i;

		if (pct == p->last_pct)
			return;
		p->last_pct = pct;
		fputs("\rtraining [", stderr);
		for (i = 0; i < width; i++)
			fputc(i < fill ? '#' : ' ', stderr);
		fprintf(stderr, "] %3d%% epoch %zu/%zu loss %.4f", pct, epoch, epochs, loss);
		fflush(stderr);
		p->drawn = 1;
	}
}

static void
progress_done(progress *p)
{
	if (p->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		p->drawn = 0;
	}
}

/* ---- input ------------------------------------------------------------ */

/* A table error as "prog: NAME:LINE: message", without the "line N: "
 * the message may already hold ("column 'Age' (6): line 17: ..."). */
static void
report_data_error(const char *name, const ferrum_error *err)
{
	const char *msg = err->message[0] != '\0' ? err->message : ferrum_strerror(err->code);
	const char *at;
	char prefix[48];
	size_t n;

	if (err->line >= 0) {
		snprintf(prefix, sizeof prefix, "line %lld: ", err->line);
		n = strlen(prefix);
		at = strstr(msg, prefix);
		if (at != NULL) {
			finf_error("%s:%lld: %.*s%s", name, err->line, (int)(at - msg), msg, at + n);
			return;
		}
		finf_error("%s:%lld: %s", name, err->line, msg);
	} else {
		finf_error("%s: %s", name, msg);
	}
}

/* The input, with its first bytes read ahead to tell JSON Lines from CSV
 * and then handed out before the rest. */
typedef struct peeker {
	finf_source *src;
	char buf[4096];
	size_t len, pos; /* bytes read ahead, bytes handed out */
	int eof;         /* the read ahead met the end */
} peeker;

/* The first byte read ahead that is not white space or a UTF-8 byte
 * order mark; -2 when there is none yet. */
static int
first_byte(const peeker *p)
{
	size_t i;

	for (i = 0; i < p->len; i++) {
		unsigned char c = (unsigned char)p->buf[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == 0xEF && i + 3 > p->len)
			return -2; /* perhaps a byte order mark, cut short */
		if (c == 0xEF && memcmp(p->buf + i, "\xEF\xBB\xBF", 3) == 0) {
			i += 2;
			continue;
		}
		return c;
	}
	return -2;
}

/* The first byte of the input that is not white space (or a UTF-8 byte
 * order mark), reading ahead at most 4096 bytes; -1 for none. */
static int
peek_first(peeker *p)
{
	int c;

	while ((c = first_byte(p)) == -2 && !p->eof && p->len < sizeof p->buf) {
		long n = finf_read(p->src, p->buf + p->len, sizeof p->buf - p->len);

		if (n <= 0)
			p->eof = 1; /* an error comes back on the next read */
		else
			p->len += (size_t)n;
	}
	return c < 0 ? -1 : c;
}

/* A ferrum_read_fn: the bytes read ahead, then the input. */
static long
peek_read(void *ctx, char *buf, size_t cap)
{
	peeker *p = ctx;

	if (p->pos < p->len) {
		size_t n = p->len - p->pos < cap ? p->len - p->pos : cap;

		memcpy(buf, p->buf + p->pos, n);
		p->pos += n;
		return (long)n;
	}
	return finf_read(p->src, buf, cap);
}

/* DATA's base name without its extension: "data/iris.csv" gives "iris". */
static char *
default_name(const char *path)
{
	const char *base, *dot;
	char *s;

	if (path == NULL || strcmp(path, "-") == 0)
		return NULL;
	base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	dot = strrchr(base, '.');
	if (dot == NULL || dot == base)
		dot = base + strlen(base);
	if (dot == base)
		return NULL;
	s = malloc((size_t)(dot - base) + 1);
	if (s == NULL)
		return NULL;
	memcpy(s, base, (size_t)(dot - base));
	s[dot - base] = '\0';
	return s;
}

/* Fail before training when MODEL's directory cannot take the file. */
static int
check_output_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	struct stat st;
	int ok;

	if (slash == NULL)
		dir = strdup(".");
	else if (slash == path)
		dir = strdup("/");
	else {
		dir = malloc((size_t)(slash - path) + 1);
		if (dir != NULL) {
			memcpy(dir, path, (size_t)(slash - path));
			dir[slash - path] = '\0';
		}
	}
	if (dir == NULL) {
		finf_error("%s", strerror(ENOMEM));
		return -1;
	}
	ok = stat(dir, &st) == 0;
	if (!ok)
		finf_error("%s: %s", path, strerror(errno));
	else if (!S_ISDIR(st.st_mode)) {
		finf_error("%s: %s", path, strerror(ENOTDIR));
		ok = 0;
	}
	free(dir);
	return ok ? 0 : -1;
}

/* ---- the text report -------------------------------------------------- */

static void
print_pct(double v)
{
	if (isnan(v))
		fprintf(stderr, "  %12s", "-");
	else
		fprintf(stderr, "  %11.2f%%", 100.0 * v);
}

static void
print_num(double v)
{
	if (isnan(v))
		fprintf(stderr, "  %12s", "-");
	else
		fprintf(stderr, "  %12.4f", v);
}

static void
print_big(double v)
{
	if (isnan(v))
		fprintf(stderr, "  %12s", "-");
	else
		fprintf(stderr, "  %12.6g", v);
}

/* How each source column was read: the used ones with their inputs, then
 * the ignored ones with why, then the rows without a target. */
static void
columns_report(const ferrum_train_report *r)
{
	const ferrum_schema *s = r->schema;
	size_t j, nc, w = 4, ignored = 0;

	if (s == NULL)
		return;
	nc = ferrum_schema_n_columns(s);
	for (j = 0; j < nc; j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);
		size_t l = strlen(c->name);

		if (c->kind != FERRUM_COLUMN_IGNORED && c->kind != FERRUM_COLUMN_TARGET && l > w)
			w = l;
	}
	if (w > 24)
		w = 24;
	fprintf(stderr, "columns: %zu, target '%s' (%zu); %zu inputs\n", nc,
	        ferrum_schema_column(s, ferrum_schema_target(s))->name, ferrum_schema_target(s) + 1,
	        ferrum_schema_n_inputs(s));
	for (j = 0; j < nc; j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);
		char num[16];

		if (c->kind == FERRUM_COLUMN_IGNORED) {
			ignored++;
			continue;
		}
		if (c->kind == FERRUM_COLUMN_TARGET)
			continue;
		snprintf(num, sizeof num, "(%zu)", j + 1);
		fprintf(stderr, "  %-*.*s %-6s %-11s %zu input%s", (int)w, (int)w, c->name, num,
		        ferrum_column_kind_name(c->kind), c->n_inputs, c->n_inputs == 1 ? "" : "s");
		if (c->kind == FERRUM_COLUMN_CATEGORICAL) {
			fprintf(stderr, ": %zu level%s%s", c->n_levels, c->n_levels == 1 ? "" : "s",
			        c->codes ? " (codes)" : "");
			if (c->other > 0)
				fprintf(stderr, ", %zu row%s in (other)", c->other,
				        c->other == 1 ? "" : "s");
			if (c->missing > 0)
				fprintf(stderr, ", %zu missing", c->missing);
		} else if (c->missing > 0) {
			fprintf(stderr, ": %zu missing, filled with the median %g and flagged",
			        c->missing, (double)c->median);
		}
		fputc('\n', stderr);
	}
	if (ignored > 0) {
		size_t k = 0;

		fprintf(stderr, "ignored:");
		for (j = 0; j < nc; j++) {
			const ferrum_column *c = ferrum_schema_column(s, j);

			if (c->kind == FERRUM_COLUMN_IGNORED)
				fprintf(stderr, "%s %s (%zu): %s", k++ ? "," : "", c->name, j + 1, c->why);
		}
		fputc('\n', stderr);
	}
}

/* What --effort=high's setting costs against normal's, in CPU time, as
 * bench/quality measured it on its tables (lib/train.c says which
 * setting each task and size gets). */
static const char *
effort_cost(const ferrum_train_report *r)
{
	if (r->task == FERRUM_TASK_CLASSIFICATION)
		return r->encode_bins > 0 ? "about 3-4x normal's CPU time" :
		                            "about normal's CPU time: the same width, split finer";
	return r->members > 10 ? "about 13-17x normal's CPU time" : "about 2-3x normal's CPU time";
}

static void
text_report(const ferrum_train_report *r, const ferrum_table *t, const ferrum_model *m,
            const char *name)
{
	size_t k, j, w;
	unsigned f;
	int cls = r->task == FERRUM_TASK_CLASSIFICATION;
	/* Too few held-out rows: their figures are left out, not shown. */
	int few = r->holdout_rows < FERRUM_HOLDOUT_MIN;
	double nan = NAN;

	fprintf(stderr, "%s: %s, %zu rows, %zu feature%s\n", name,
	        cls ? "classification" : "regression", r->rows, r->features,
	        r->features == 1 ? "" : "s");
	if (cls) {
		fprintf(stderr, "classes:");
		for (k = 0; k < r->n_classes && k < FINF_TEXT_MAX_CLASSES; k++)
			fprintf(stderr, "%s %s %zu", k ? "," : "", ferrum_table_class_name(t, k),
			        ferrum_table_class_count(t, k));
		if (r->n_classes > FINF_TEXT_MAX_CLASSES)
			fprintf(stderr, ", ... and %zu more", r->n_classes - FINF_TEXT_MAX_CLASSES);
		fputc('\n', stderr);
	}
	columns_report(r);
	if (r->skipped > 0)
		fprintf(stderr, "skipped: %zu row%s whose target is missing\n", r->skipped,
		        r->skipped == 1 ? "" : "s");
	fprintf(stderr, "recipe %s, seed %llu, ",
	        r->recipe == FERRUM_RECIPE_FERRUM ? "ferrum" : "default", (unsigned long long)r->seed);
	if (r->n_layers > 1)
		for (k = 0; k < r->n_layers; k++)
			fprintf(stderr, "%s%zu", k ? "+" : "", r->layers[k]);
	else
		fprintf(stderr, "%zu", r->hidden);
	fprintf(stderr, " hidden units, %zu epochs run of %zu, model from epoch %zu\n",
	        r->epochs_run, r->epochs, r->best_epoch);
	if (r->effort == FERRUM_EFFORT_HIGH && r->effort_chose) {
		/* What high set (the widths are on the line above), and what
		 * it costs, as bench/quality measured it. */
		fprintf(stderr, "effort high: ");
		if (r->encode_bins > 0)
			fprintf(stderr, "numeric columns as %u piecewise-linear inputs, ", r->encode_bins);
		if (r->members > 0)
			fprintf(stderr, "%u ensemble members, ", r->members);
		fprintf(stderr, "%s; %s\n",
		        r->n_layers > 1 ? "the hidden layers above" : "one hidden layer",
		        effort_cost(r));
	} else if (r->effort == FERRUM_EFFORT_HIGH) {
		fprintf(stderr, "effort high: nothing richer chosen (the options set it), "
		        "trained as normal\n");
	}
	fprintf(stderr, "held out: %zu of %zu rows (%g%%, %s, seed %llu); fitted on %zu row%s\n",
	        r->holdout_rows, r->rows, 100.0 * r->holdout_frac,
	        r->recipe == FERRUM_RECIPE_FERRUM ? "shuffled" : (cls ? "stratified" : "shuffled"),
	        (unsigned long long)r->seed, r->train_rows, r->train_rows == 1 ? "" : "s");
	if (few)
		fprintf(stderr, "held-out figures left out: %zu row%s %s too few to score "
		        "(at least %d are needed); use --cv or more data\n", r->holdout_rows,
		        r->holdout_rows == 1 ? "" : "s", r->holdout_rows == 1 ? "is" : "are",
		        FERRUM_HOLDOUT_MIN);
	fprintf(stderr, "%-10s  %12s  %12s\n", "", "held-out", "training rows");
	if (cls) {
		fprintf(stderr, "%-10s", "accuracy");
		print_pct(few ? nan : r->holdout.accuracy);
		print_pct(r->train.accuracy);
		fprintf(stderr, "\n%-10s", "macro-F1");
		print_num(few ? nan : r->holdout.macro_f1);
		print_num(r->train.macro_f1);
		fprintf(stderr, "\n%-10s", "log-loss");
		print_num(few ? nan : r->holdout.log_loss);
		print_num(r->train.log_loss);
		fprintf(stderr, "\n%-10s", "Brier");
		print_num(few ? nan : r->holdout.brier);
		print_num(r->train.brier);
		fprintf(stderr, "\n%-10s", "ECE");
		print_num(few ? nan : r->holdout.ece);
		print_num(r->train.ece);
		fputc('\n', stderr);
		if (r->temperature > 0.0)
			fprintf(stderr, "calibrated: logits divided by %.4g (temperature fitted on "
			        "%zu out-of-fold row%s)\n", r->temperature, r->calibration_rows,
			        r->calibration_rows == 1 ? "" : "s");
		/* The confusion matrix, columns as wide as the longest name. */
		w = 5;
		for (k = 0; k < r->n_classes; k++) {
			size_t l = strlen(ferrum_model_class_name(m, k));

			if (l > w)
				w = l;
		}
		if (w > 24)
			w = 24;
		if (few)
			goto cv;
		if (r->n_classes > FINF_TEXT_MAX_CLASSES) {
			fprintf(stderr,
			        "confusion on the held-out rows left out: %zu classes, more than "
			        "%d (--report=json has the whole matrix)\n",
			        r->n_classes, FINF_TEXT_MAX_CLASSES);
			goto cv;
		}
		fprintf(stderr, "confusion on the held-out rows (rows: true class, columns: predicted):\n");
		fprintf(stderr, "  %-*s", (int)w, "");
		for (k = 0; k < r->n_classes; k++)
			fprintf(stderr, " %*.*s", (int)w, (int)w, ferrum_model_class_name(m, k));
		fputc('\n', stderr);
		for (k = 0; k < r->n_classes; k++) {
			fprintf(stderr, "  %-*.*s", (int)w, (int)w, ferrum_model_class_name(m, k));
			for (j = 0; j < r->n_classes; j++)
				fprintf(stderr, " %*zu", (int)w, r->confusion[k * r->n_classes + j]);
			fputc('\n', stderr);
		}
	} else {
		fprintf(stderr, "%-10s", "RMSE");
		print_big(few ? nan : r->holdout.rmse);
		print_big(r->train.rmse);
		fprintf(stderr, "\n%-10s", "MAE");
		print_big(few ? nan : r->holdout.mae);
		print_big(r->train.mae);
		fprintf(stderr, "\n%-10s", "R2");
		print_num(few ? nan : r->holdout.r2);
		print_num(r->train.r2);
		fputc('\n', stderr);
	}
cv:
	if (r->cv_k > 0) {
		fprintf(stderr, "%u-fold cross-validation (held-out fold of each fit):\n", r->cv_k);
		for (f = 0; f < r->cv_k; f++) {
			const ferrum_metrics *fm = &r->cv_folds[f];

			if (cls)
				fprintf(stderr, "  fold %-3u  accuracy %6.2f%%  macro-F1 %.4f  log-loss %.4f  "
				        "Brier %.4f  ECE %.4f  (%zu row%s)\n",
				        f + 1, 100.0 * fm->accuracy, fm->macro_f1, fm->log_loss, fm->brier,
				        fm->ece, fm->rows, fm->rows == 1 ? "" : "s");
			else
				fprintf(stderr, "  fold %-3u  RMSE %.6g  MAE %.6g  R2 %.4f  (%zu row%s)\n", f + 1,
				        fm->rmse, fm->mae, fm->r2, fm->rows, fm->rows == 1 ? "" : "s");
		}
		if (cls)
			fprintf(stderr, "  mean      accuracy %6.2f%%  macro-F1 %.4f  log-loss %.4f  "
			        "Brier %.4f  ECE %.4f\n",
			        100.0 * r->cv_mean.accuracy, r->cv_mean.macro_f1, r->cv_mean.log_loss,
			        r->cv_mean.brier, r->cv_mean.ece);
		else
			fprintf(stderr, "  mean      RMSE %.6g  MAE %.6g  R2 %.4f\n", r->cv_mean.rmse,
			        r->cv_mean.mae, r->cv_mean.r2);
	}
	if (!isnan(r->seconds))
		fprintf(stderr, "time: %.2f s\n", r->seconds);
}

/* --layers=N,N,...: up to FERRUM_LAYERS_MAX widths into @out; returns
 * their number, or 0 when @s is not such a list. */
static size_t
parse_layers(const char *s, size_t *out)
{
	char piece[32];
	unsigned long ul;
	size_t n = 0, len;

	for (;;) {
		len = strcspn(s, ",");
		if (n == FERRUM_LAYERS_MAX || len == 0 || len >= sizeof piece)
			return 0;
		memcpy(piece, s, len);
		piece[len] = '\0';
		if (finf_parse_ulong(piece, 1, 1ul << 20, &ul) != 0)
			return 0;
		out[n++] = ul;
		if (s[len] == '\0')
			return n;
		s += len + 1;
	}
}

/* ---- main ------------------------------------------------------------- */

int
main(int argc, char **argv)
{
	const char *output = NULL, *name = NULL, *input = NULL, *display;
	const char *real = NULL; /* the last option of the real-table rules */
	char *auto_name = NULL;
	int quiet = 0, verbose = 0, force = 0, report_fmt = REPORT_TEXT, c, rc;
	int delim = -1, format = FERRUM_ROWS_AUTO; /* -d (-1: not given), --input */
	ferrum_train_options topt;
	ferrum_table_options tabopt;
	ferrum_table *table = NULL;
	ferrum_csv *csv = NULL;
	ferrum_model *model = NULL;
	ferrum_train_report *report = NULL;
	ferrum_error err;
	size_t layers[FERRUM_LAYERS_MAX];
	progress prog;
	unsigned long ul;
	double d;
	finf_source src;
	peeker pk;
	FILE *fp;
	int status = FINF_EXIT_FAIL;

	finf_init(argv[0]);
	ferrum_train_options_init(&topt);
	ferrum_table_options_init(&tabopt);
	ferrum_error_clear(&err);
	memset(&prog, 0, sizeof prog);
	prog.last_pct = -1;

	while ((c = finf_getopt(argc, argv, "o:n:t:H:e:s:x:d:qvfhV", long_options)) != -1) {
		switch (c) {
		case 'd':
			delim = finf_delimiter(optarg);
			break;
		case OPT_INPUT:
			format = finf_rows_format(optarg);
			break;
		case 'o':
			output = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		case 't':
			if (*optarg == '\0')
				finf_usage("--target: an empty column name");
			tabopt.target = optarg;
			break;
		case OPT_TASK:
			if (strcmp(optarg, "auto") == 0)
				tabopt.task = -1;
			else if (strcmp(optarg, "classification") == 0)
				tabopt.task = FERRUM_TASK_CLASSIFICATION;
			else if (strcmp(optarg, "regression") == 0)
				tabopt.task = FERRUM_TASK_REGRESSION;
			else
				finf_usage("--task: '%s' is not auto, classification or regression", optarg);
			break;
		case 'H':
			if (finf_parse_ulong(optarg, 1, 1ul << 20, &ul) != 0)
				finf_usage("--hidden: '%s' is not a whole number from 1 to %lu", optarg,
				           1ul << 20);
			topt.hidden = ul;
			break;
		case OPT_LAYERS:
			topt.n_layers = parse_layers(optarg, layers);
			if (topt.n_layers == 0)
				finf_usage("--layers: '%s' is not 1 to %d widths from 1 to %lu, "
				           "comma-separated", optarg, FERRUM_LAYERS_MAX, 1ul << 20);
			topt.layers = layers;
			break;
		case 'e':
			if (finf_parse_ulong(optarg, 1, 100000000ul, &ul) != 0)
				finf_usage("--epochs: '%s' is not a whole number from 1 to 100000000",
				           optarg);
			topt.epochs = ul;
			break;
		case 's':
			if (finf_parse_ulong(optarg, 0, (unsigned long)-1, &ul) != 0)
				finf_usage("--seed: '%s' is not a whole number from 0 to %lu", optarg,
				           (unsigned long)-1);
			topt.seed = ul;
			break;
		case OPT_RECIPE:
			if (strcmp(optarg, "default") == 0)
				topt.recipe = FERRUM_RECIPE_DEFAULT;
			else if (strcmp(optarg, "ferrum") == 0)
				topt.recipe = FERRUM_RECIPE_FERRUM;
			else
				finf_usage("--recipe: '%s' is not default or ferrum", optarg);
			break;
		case OPT_HOLDOUT:
			if (finf_parse_double(optarg, &d) != 0 || !(d > 0.0 && d < 1.0))
				finf_usage("--holdout: '%s' is not a fraction between 0 and 1", optarg);
			topt.holdout = d;
			break;
		case OPT_CV:
			if (finf_parse_ulong(optarg, 2, 1000, &ul) != 0)
				finf_usage("--cv: '%s' is not a whole number from 2 to 1000", optarg);
			topt.cv = (unsigned)ul;
			break;
		case OPT_REPORT:
			if (strcmp(optarg, "text") == 0)
				report_fmt = REPORT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				report_fmt = REPORT_JSON;
			else
				finf_usage("--report: '%s' is not text or json", optarg);
			break;
		case 'x':
			if (*optarg == '\0')
				finf_usage("--ignore: an empty column list");
			tabopt.ignore = optarg;
			real = "--ignore";
			break;
		case OPT_CATEGORICAL:
			if (*optarg == '\0')
				finf_usage("--categorical: an empty column list");
			tabopt.categorical = optarg;
			real = "--categorical";
			break;
		case OPT_NA:
			tabopt.na = optarg;
			real = "--na";
			break;
		case OPT_MAX_LEVELS:
			if (finf_parse_ulong(optarg, 1, 1000000, &ul) != 0)
				finf_usage("--max-levels: '%s' is not a whole number from 1 to 1000000",
				           optarg);
			tabopt.max_levels = ul;
			real = "--max-levels";
			break;
		case OPT_ENCODE:
			parse_encode(optarg, &topt);
			if (topt.encode_bins > 0)
				real = "--encode";
			break;
		case OPT_WEIGHT_DECAY:
		case OPT_SMOOTHING:
		case OPT_PATIENCE:
		case OPT_MEMBERS:
		case OPT_BUDGET:
		case OPT_ENCODE_MIN_DISTINCT:
			parse_tuning(c, optarg, &topt);
			break;
		case OPT_EFFORT:
			if (strcmp(optarg, "normal") == 0)
				topt.effort = FERRUM_EFFORT_NORMAL;
			else if (strcmp(optarg, "high") == 0)
				topt.effort = FERRUM_EFFORT_HIGH;
			else
				finf_usage("--effort: '%s' is not normal or high", optarg);
			break;
		case OPT_HEADER:
			tabopt.header = 1;
			real = "--header";
			break;
		case OPT_NO_HEADER:
			tabopt.header = 0;
			real = "--no-header";
			break;
		case 'q':
			quiet = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'f':
			force = 1;
			break;
		case 'h':
			usage();
			return finf_finish(FINF_EXIT_OK);
		case 'V':
			finf_version();
		}
	}
	if (argc - optind > 1)
		finf_usage("one DATA operand at most, got %d", argc - optind);
	if (real != NULL && topt.recipe == FERRUM_RECIPE_FERRUM)
		finf_usage("%s: the ferrum recipe keeps the original's rules (every field a number)",
		           real);
	if (topt.n_layers > 0 && topt.hidden > 0)
		finf_usage("--hidden and --layers: give one of them");
	if (topt.n_layers > 1 && topt.recipe == FERRUM_RECIPE_FERRUM)
		finf_usage("--layers: the ferrum recipe has one hidden layer");
	if (topt.effort == FERRUM_EFFORT_HIGH && topt.recipe == FERRUM_RECIPE_FERRUM)
		finf_usage("--effort=high: the ferrum recipe has no effort setting");
	if (format == FERRUM_ROWS_JSONL && topt.recipe == FERRUM_RECIPE_FERRUM)
		finf_usage("--input=jsonl: the ferrum recipe reads CSV only");
	if (topt.recipe == FERRUM_RECIPE_FERRUM &&
	    (topt.weight_decay > 0.0 || topt.smoothing > 0.0 || topt.patience > 0 ||
	     topt.members > 0 || topt.budget > 0))
		finf_usage("--weight-decay, --smoothing, --patience, --members, --budget: the "
		           "ferrum recipe has none of them");
	if (format == FERRUM_ROWS_JSONL && delim >= 0)
		finf_usage("--delimiter: JSON Lines have none");
	if (optind < argc)
		input = argv[optind];
	if (output != NULL && strcmp(output, "-") == 0)
		output = NULL; /* -o - is standard output */
	if (output == NULL) {
		if (report_fmt == REPORT_JSON)
			finf_usage("--report=json writes the report to stdout: give the model file with -o");
		if (!force && isatty(STDOUT_FILENO))
			finf_usage("refusing to write a binary model to a terminal (use -o MODEL or -f)");
	} else if (*output == '\0') {
		finf_usage("--output: an empty file name");
	}
	if (quiet)
		verbose = 0;
	display = finf_display_name(input);
	if (name == NULL) {
		auto_name = default_name(input);
		name = auto_name != NULL ? auto_name : "Dataset";
	}
	topt.dataset_name = name;
	tabopt.strict_ferrum = topt.recipe == FERRUM_RECIPE_FERRUM;
	prog.bar = !quiet && isatty(STDERR_FILENO);
	prog.verbose = verbose;
	if (prog.bar || prog.verbose) {
		topt.progress = on_epoch;
		topt.progress_ctx = &prog;
	}

	if (output != NULL && check_output_dir(output) != 0)
		goto done;
	fp = finf_open_read(input);
	if (fp == NULL)
		goto done;
	finf_source_init(&src, fileno(fp), 0, display);
	memset(&pk, 0, sizeof pk);
	pk.src = &src;
	/* JSON Lines when asked, or (auto, default recipe, no -d) when the
	 * first byte that is not white space opens an object. */
	if (format == FERRUM_ROWS_AUTO && !tabopt.strict_ferrum && delim < 0 &&
	    peek_first(&pk) == '{')
		format = FERRUM_ROWS_JSONL;
	if (format == FERRUM_ROWS_JSONL) {
		rc = ferrum_table_read_jsonl(peek_read, &pk, &tabopt, &table, &err);
	} else {
		rc = ferrum_csv_new(&csv, peek_read, &pk, &err);
		/* the original rules read commas only, unless told otherwise */
		if (rc == FERRUM_OK)
			ferrum_csv_set_delimiter(csv, delim >= 0 ? delim
			                              : tabopt.strict_ferrum ? ',' : FERRUM_CSV_AUTO);
		if (rc == FERRUM_OK)
			rc = ferrum_table_read(csv, &tabopt, &table, &err);
	}
	finf_source_close(&src);
	if (fp != stdin)
		fclose(fp);
	if (rc != FERRUM_OK) {
		if (rc == FERRUM_EIO)
			finf_error("%s: %s", display, strerror(errno));
		else if (rc == FERRUM_EINVAL) /* a --target the data has no column for */
			finf_usage("%s: %s", display, err.message);
		else
			report_data_error(display, &err);
		goto done;
	}
	/* Like --target, --cv is out of range only for the data at hand; fewer
	 * than two rows is the data's fault, left to ferrum_train(). */
	if (ferrum_table_n_rows(table) >= 2 && topt.cv > ferrum_table_n_rows(table))
		finf_usage("%s: %u folds need at least %u rows, there are %zu", display, topt.cv,
		           topt.cv, ferrum_table_n_rows(table));

	if (topt.encode_columns != NULL)
		check_encode_columns(display, table, topt.encode_columns);

	rc = ferrum_train(table, &topt, &model, &report, &err);
	progress_done(&prog);
	if (rc != FERRUM_OK) {
		report_data_error(display, &err);
		goto done;
	}

	if (output != NULL) {
		sigset_t block, old;

		/* A SIGINT, SIGTERM or SIGHUP during the write waits until the
		 * rename is done: the file is then the complete new model, and
		 * no temporary file is left behind. */
		sigemptyset(&block);
		sigaddset(&block, SIGINT);
		sigaddset(&block, SIGTERM);
		sigaddset(&block, SIGHUP);
		sigprocmask(SIG_BLOCK, &block, &old);
		rc = ferrum_model_save(model, output, &err);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (rc != FERRUM_OK) {
			finf_report(output, &err);
			goto done;
		}
	} else {
		unsigned char *bytes = NULL;
		size_t len = 0;

		rc = ferrum_model_write(model, &bytes, &len, &err);
		if (rc != FERRUM_OK) {
			finf_report("<stdout>", &err);
			goto done;
		}
		if (fwrite(bytes, 1, len, stdout) != len) {
			ferrum_free(bytes);
			finf_error("write error: %s", strerror(errno));
			goto done;
		}
		ferrum_free(bytes);
	}

	if (report_fmt == REPORT_JSON) {
		char *json = NULL;
		size_t len = 0;

		if (ferrum_train_report_json(report, &json, &len) != FERRUM_OK) {
			finf_error("%s", strerror(ENOMEM));
			goto done;
		}
		fwrite(json, 1, len, stdout);
		fputc('\n', stdout);
		ferrum_free(json);
	} else if (!quiet) {
		text_report(report, table, model, display);
	}
	status = FINF_EXIT_OK;

done:
	ferrum_train_report_free(report);
	ferrum_model_free(model);
	ferrum_table_free(table);
	ferrum_csv_free(csv);
	free(auto_name);
	return finf_finish(status);
}

/* trainer.c: the entry points of the WebAssembly trainer (web/trainer.js is their one caller).
 * SPDX-License-Identifier: MIT
 *
 * A table arrives as the bytes of a file and the options as one JSON
 * object whose members mirror finf-train(1)'s flags (web/trainer.js builds
 * it); the table is read with finf-train's rules (JSON Lines when the
 * first byte that is not white space opens an object and neither the
 * ferrum recipe nor a delimiter was asked for, else CSV with the delimiter
 * detected), then described or trained.  Results wait in static storage
 * until the next call or ft_release(): a JSON text (the description or
 * the report), the model's FINF bytes, or a one-line message and the line
 * it concerns.
 *
 * Training calls the import ft_monitor after every epoch.  The build
 * makes that import asynchronous (emscripten's Asyncify): the JavaScript
 * side may suspend the module there, let its event loop run (a Stop
 * message reaches the worker), and resume it with the answer, stop or go
 * on. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ferrum-internal.h"

/* The import: where the fit stands; non-zero asks it to stop.  Every
 * argument is a double so that the JavaScript side sees plain numbers. */
extern int ft_monitor(double epoch, double epochs, double best_epoch, double last_epoch,
                      double loss, double val_loss, double best_val_loss);

int ft_describe(const char *buf, size_t len, const char *opts);
int ft_train(const char *buf, size_t len, const char *opts);
int ft_check_model(const unsigned char *buf, size_t len);
const char *ft_text(void);
size_t ft_text_len(void);
const unsigned char *ft_model(void);
size_t ft_model_len(void);
int ft_stopped(void);
const char *ft_error(void);
double ft_error_line(void);
double ft_error_column(void);
void ft_release(void);

static char *result_text;      /* JSON: the description or the report */
static size_t result_text_len;
static unsigned char *result_model;
static size_t result_model_len;
static int result_stopped;
static char message[600];      /* the last failure, one line */
static long long message_line; /* its line in the input, or -1 */
static long long message_column; /* its 1-based column, or -1 */

void
ft_release(void)
{
	ferrum_free(result_text);
	ferrum_free(result_model);
	result_text = NULL;
	result_model = NULL;
	result_text_len = result_model_len = 0;
	result_stopped = 0;
	message[0] = '\0';
	message_line = -1;
	message_column = -1;
}

const char *ft_text(void) { return result_text; }
size_t ft_text_len(void) { return result_text_len; }
const unsigned char *ft_model(void) { return result_model; }
size_t ft_model_len(void) { return result_model_len; }
int ft_stopped(void) { return result_stopped; }
const char *ft_error(void) { return message; }
double ft_error_line(void) { return (double)message_line; }
double ft_error_column(void) { return (double)message_column; }

/* Fail with a message of our own; returns FERRUM_EINVAL (a bad option). */
static int
fail_usage(const char *what, const char *value, const char *rule)
{
	fe_snprintf(message, sizeof message, "%s: '%s' is not %s", what, value, rule);
	message_line = -1;
	message_column = -1;
	return FERRUM_EINVAL;
}

/* Fail with the library's message: "line N: " first when it tells a line
 * (the message may already hold it, further on: "column 'Age' (6): line
 * 17: ..."; finf-train prints the rest after "FILE:17: "). */
static int
fail_lib(int rc, const ferrum_error *err)
{
	const char *msg = err->message[0] != '\0' ? err->message : ferrum_strerror(err->code);

	message_line = err->line;
	message_column = err->column;
	if (err->line >= 0) {
		char prefix[48];
		const char *at;

		fe_snprintf(prefix, sizeof prefix, "line %lld: ", err->line);
		at = strstr(msg, prefix);
		if (at != NULL)
			fe_snprintf(message, sizeof message, "%s%.*s%s", prefix, (int)(at - msg), msg,
			            at + strlen(prefix));
		else
			fe_snprintf(message, sizeof message, "%s%s", prefix, msg);
	} else {
		fe_snprintf(message, sizeof message, "%s", msg);
	}
	return rc != FERRUM_OK ? rc : FERRUM_EINPUT;
}

/* ---- options ---------------------------------------------------------- */

typedef struct ft_opts {
	ferrum_table_options table;
	ferrum_train_options train;
	int delim;        /* -1: not given */
	size_t max_cells; /* 0: no limit */
	const char *real; /* the last real-table option given */
	size_t layers[FERRUM_LAYERS_MAX]; /* train.layers points here */
} ft_opts;

/* A string member, or NULL when absent (or null). */
static const char *
member(const fe_json *doc, const char *key)
{
	const fe_json *v = fe_json_get(doc, key);

	return v != NULL && v->type == FE_JSON_STRING ? v->text : NULL;
}

/* A whole number from @lo to @hi as decimal digits. */
static int
whole(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	uint64_t v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* finf-train's flags, from the members of @doc; the same ranges and
 * messages as its usage errors. */
FE_OUTLINE static int
parse_opts(const fe_json *doc, ft_opts *o)
{
	const fe_json *v;
	const char *s;
	uint64_t u;

	ferrum_table_options_init(&o->table);
	ferrum_train_options_init(&o->train);
	o->delim = -1;
	o->max_cells = 0;
	o->real = NULL;
	if (doc == NULL || doc->type != FE_JSON_OBJECT)
		return fail_usage("options", "?", "a JSON object");
	if ((s = member(doc, "name")) != NULL && *s != '\0')
		o->train.dataset_name = s;
	if ((s = member(doc, "target")) != NULL) {
		if (*s == '\0') {
			fe_snprintf(message, sizeof message, "--target: an empty column name");
			return FERRUM_EINVAL;
		}
		o->table.target = s;
	}
	if ((s = member(doc, "task")) != NULL) {
		if (strcmp(s, "auto") == 0)
			o->table.task = -1;
		else if (strcmp(s, "classification") == 0)
			o->table.task = FERRUM_TASK_CLASSIFICATION;
		else if (strcmp(s, "regression") == 0)
			o->table.task = FERRUM_TASK_REGRESSION;
		else
			return fail_usage("--task", s, "auto, classification or regression");
	}
	if ((s = member(doc, "hidden")) != NULL) {
		if (whole(s, 1, 1u << 20, &u) != 0)
			return fail_usage("--hidden", s, "a whole number from 1 to 1048576");
		o->train.hidden = (size_t)u;
	}
	if ((s = member(doc, "layers")) != NULL) {
		/* finf-train's --layers=N,N,...: 1 to FERRUM_LAYERS_MAX widths. */
		char piece[32];
		const char *at = s;
		size_t n = 0, len;

		for (;;) {
			len = strcspn(at, ",");
			if (n == FERRUM_LAYERS_MAX || len == 0 || len >= sizeof piece)
				break;
			memcpy(piece, at, len);
			piece[len] = '\0';
			if (whole(piece, 1, 1u << 20, &u) != 0)
				break;
			o->layers[n++] = (size_t)u;
			if (at[len] == '\0') {
				o->train.n_layers = n;
				break;
			}
			at += len + 1;
		}
		if (o->train.n_layers == 0)
			return fail_usage("--layers", s, "1 to 16 widths from 1 to 1048576, comma-separated");
		o->train.layers = o->layers;
	}
	if ((s = member(doc, "epochs")) != NULL) {
		if (whole(s, 1, 100000000u, &u) != 0)
			return fail_usage("--epochs", s, "a whole number from 1 to 100000000");
		o->train.epochs = (size_t)u;
	}
	if ((s = member(doc, "seed")) != NULL) {
		if (whole(s, 0, UINT64_MAX, &u) != 0)
			return fail_usage("--seed", s, "a whole number from 0 to 18446744073709551615");
		o->train.seed = u;
	}
	if ((s = member(doc, "recipe")) != NULL) {
		if (strcmp(s, "default") == 0)
			o->train.recipe = FERRUM_RECIPE_DEFAULT;
		else if (strcmp(s, "ferrum") == 0)
			o->train.recipe = FERRUM_RECIPE_FERRUM;
		else
			return fail_usage("--recipe", s, "default or ferrum");
	}
	if ((v = fe_json_get(doc, "holdout")) != NULL && v->type == FE_JSON_NUMBER) {
		if (!(v->number > 0.0 && v->number < 1.0))
			return fail_usage("--holdout", v->text, "a fraction between 0 and 1");
		o->train.holdout = v->number;
	}
	if ((s = member(doc, "ignore")) != NULL) {
		if (*s == '\0') {
			fe_snprintf(message, sizeof message, "--ignore: an empty column list");
			return FERRUM_EINVAL;
		}
		o->table.ignore = s;
		o->real = "--ignore";
	}
	if ((s = member(doc, "categorical")) != NULL) {
		if (*s == '\0') {
			fe_snprintf(message, sizeof message, "--categorical: an empty column list");
			return FERRUM_EINVAL;
		}
		o->table.categorical = s;
		o->real = "--categorical";
	}
	if ((s = member(doc, "na")) != NULL) {
		o->table.na = s;
		o->real = "--na";
	}
	if ((s = member(doc, "max_levels")) != NULL) {
		if (whole(s, 1, 1000000u, &u) != 0)
			return fail_usage("--max-levels", s, "a whole number from 1 to 1000000");
		o->table.max_levels = (size_t)u;
		o->real = "--max-levels";
	}
	if ((s = member(doc, "header")) != NULL) {
		if (strcmp(s, "1") == 0)
			o->table.header = 1, o->real = "--header";
		else if (strcmp(s, "0") == 0)
			o->table.header = 0, o->real = "--no-header";
		else
			return fail_usage("header", s, "true or false");
	}
	if ((s = member(doc, "delimiter")) != NULL) {
		if (strcmp(s, ",") == 0 || strcmp(s, ";") == 0 || strcmp(s, "|") == 0 ||
		    strcmp(s, "\t") == 0)
			o->delim = (unsigned char)s[0];
		else if (strcmp(s, " ") == 0)
			o->delim = FERRUM_CSV_SPACES;
		else if (strcmp(s, "auto") == 0)
			o->delim = FERRUM_CSV_AUTO;
		else
			return fail_usage("--delimiter", s, "',', ';', '|', tab, space or auto");
	}
	if ((s = member(doc, "encode")) != NULL && strcmp(s, "none") != 0) {
		/* ple, ple:N or ple:N:COLS, as finf-train's --encode */
		const char *n = s + 3, *cols = NULL;
		char num[8];
		size_t l;

		u = 8;
		if (strncmp(s, "ple", 3) != 0 || (*n != '\0' && *n != ':'))
			return fail_usage("--encode", s, "none or ple[:N[:COLS]]");
		if (*n == ':') {
			cols = strchr(++n, ':');
			l = cols != NULL ? (size_t)(cols - n) : strlen(n);
			if (l == 0 || l >= sizeof num)
				return fail_usage("--encode", s, "none or ple[:N[:COLS]]");
			memcpy(num, n, l);
			num[l] = '\0';
			if (whole(num, 1, FERRUM_ENCODE_MAX_BINS, &u) != 0 ||
			    (cols != NULL && *++cols == '\0'))
				return fail_usage("--encode", s, "none or ple[:N[:COLS]]");
		}
		o->train.encode_bins = (unsigned)u;
		o->train.encode_columns = cols;
		o->real = "--encode";
	}
	if ((s = member(doc, "effort")) != NULL) {
		if (strcmp(s, "normal") == 0)
			o->train.effort = FERRUM_EFFORT_NORMAL;
		else if (strcmp(s, "high") == 0)
			o->train.effort = FERRUM_EFFORT_HIGH;
		else
			return fail_usage("--effort", s, "normal or high");
	}
	if ((s = member(doc, "max_cells")) != NULL && whole(s, 0, SIZE_MAX, &u) == 0)
		o->max_cells = (size_t)u;
	if (o->train.n_layers > 0 && o->train.hidden > 0) {
		fe_snprintf(message, sizeof message, "--hidden and --layers: give one of them");
		return FERRUM_EINVAL;
	}
	if (o->train.n_layers > 1 && o->train.recipe == FERRUM_RECIPE_FERRUM) {
		fe_snprintf(message, sizeof message, "--layers: the ferrum recipe has one hidden layer");
		return FERRUM_EINVAL;
	}
	if (o->train.effort == FERRUM_EFFORT_HIGH && o->train.recipe == FERRUM_RECIPE_FERRUM) {
		fe_snprintf(message, sizeof message,
		            "--effort=high: the ferrum recipe has no effort setting");
		return FERRUM_EINVAL;
	}
	if (o->real != NULL && o->train.recipe == FERRUM_RECIPE_FERRUM) {
		fe_snprintf(message, sizeof message,
		            "%s: the ferrum recipe keeps the original's rules (every field a number)",
		            o->real);
		return FERRUM_EINVAL;
	}
	o->table.strict_ferrum = o->train.recipe == FERRUM_RECIPE_FERRUM;
	return FERRUM_OK;
}

/* ---- reading ---------------------------------------------------------- */

typedef struct ft_src {
	const char *p;
	size_t left;
} ft_src;

/* A ferrum_read_fn over a buffer. */
static long
src_read(void *ctx, char *buf, size_t cap)
{
	ft_src *s = ctx;
	size_t n = s->left < cap ? s->left : cap;

	if (n > 0x40000000u)
		n = 0x40000000u;
	memcpy(buf, s->p, n);
	s->p += n;
	s->left -= n;
	return (long)n;
}

/* The first byte that is not white space or a UTF-8 byte order mark; -1
 * for none. */
static int
first_byte(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == 0xEF && i + 3 <= len && memcmp(buf + i, "\xEF\xBB\xBF", 3) == 0) {
			i += 2;
			continue;
		}
		return c;
	}
	return -1;
}

static int
too_many_cells(size_t rows, size_t cols, size_t max)
{
	if (max == 0 || cols == 0 || rows <= max / cols)
		return 0;
	fe_snprintf(message, sizeof message,
	            "the table is too large to train in the page: about %zu rows of %zu columns, "
	            "more than the limit of %zu cells",
	            rows, cols, max);
	message_line = -1;
	message_column = -1;
	return 1;
}

/* The lines of the @len bytes at @buf (a last line without a newline
 * counts). */
FE_OUTLINE static size_t
count_lines(const char *buf, size_t len)
{
	size_t n = 0, i;

	for (i = 0; i < len; i++)
		n += buf[i] == '\n';
	return n + (len > 0 && buf[len - 1] != '\n');
}

/* Read @buf into *@t with @o; *@delim receives the CSV delimiter used
 * (0 for JSON Lines). */
FE_OUTLINE static int
read_table(const char *buf, size_t len, ft_opts *o, ferrum_table **t, int *delim)
{
	ferrum_error err;
	ferrum_csv *csv = NULL;
	int rc, jsonl;

	*t = NULL;
	*delim = 0;
	ferrum_error_clear(&err);
	jsonl = !o->table.strict_ferrum && o->delim < 0 && first_byte(buf, len) == '{';
	if (jsonl) {
		ft_src s;

		s.p = buf;
		s.left = len;
		/* One line is one row; a row has at least one member. */
		if (too_many_cells(count_lines(buf, len), 1, o->max_cells))
			return FERRUM_ERANGE;
		rc = ferrum_table_read_jsonl(src_read, &s, &o->table, t, &err);
	} else {
		int d = o->delim >= 0 ? o->delim : o->table.strict_ferrum ? ',' : FERRUM_CSV_AUTO;

		/* Before reading: the fields of the first record times the
		 * lines, so that a table too large fails at once. */
		rc = ferrum_csv_new_buffer(&csv, buf, len, &err);
		if (rc == FERRUM_OK)
			rc = ferrum_csv_set_delimiter(csv, d);
		if (rc == FERRUM_OK && o->max_cells > 0 && ferrum_csv_next(csv) == 1 &&
		    too_many_cells(count_lines(buf, len), ferrum_csv_nfields(csv), o->max_cells)) {
			ferrum_csv_free(csv);
			return FERRUM_ERANGE;
		}
		ferrum_csv_free(csv);
		csv = NULL;
		rc = ferrum_csv_new_buffer(&csv, buf, len, &err);
		if (rc == FERRUM_OK)
			rc = ferrum_csv_set_delimiter(csv, d);
		if (rc == FERRUM_OK)
			rc = ferrum_table_read(csv, &o->table, t, &err);
		if (rc == FERRUM_OK)
			*delim = ferrum_csv_delimiter(csv);
		ferrum_csv_free(csv);
	}
	if (rc != FERRUM_OK)
		return fail_lib(rc, &err);
	{
		const ferrum_schema *s = ferrum_table_schema(*t);
		size_t cols = s != NULL ? ferrum_schema_n_columns(s) : ferrum_table_n_features(*t) + 1;

		if (too_many_cells(ferrum_table_n_rows(*t), cols, o->max_cells)) {
			ferrum_table_free(*t);
			*t = NULL;
			return FERRUM_ERANGE;
		}
	}
	return FERRUM_OK;
}

/* Parse @opts and read the table.  Run once per training, so its parts
 * stay functions of their own (FE_OUTLINE; see web/local.mk): small ones
 * that the worker's warm-up gets compiled before a visitor's table. */
static int
setup(const char *buf, size_t len, const char *opts, ft_opts *o, fe_json **doc,
      ferrum_table **t, int *delim)
{
	ferrum_error err;
	int rc;

	ft_release();
	*doc = NULL;
	*t = NULL;
	if (fe_json_parse(opts, strlen(opts), doc, &err) != FERRUM_OK)
		return fail_usage("options", opts, "a JSON object");
	rc = parse_opts(*doc, o);
	if (rc != FERRUM_OK)
		return rc;
	return read_table(buf, len, o, t, delim);
}

/* ---- describe --------------------------------------------------------- */

static void
put_delimiter(fe_buf *b, int d)
{
	char s[2] = {0, 0};

	if (d == 0) {
		fe_buf_puts(b, "null");
		return;
	}
	s[0] = d == FERRUM_CSV_SPACES ? ' ' : (char)d;
	fe_json_put_cstring(b, s);
}

/* { rows, delimiter, header, task, target, columns: [{ name, kind,
 * inputs, missing, levels, why }], skipped }: the table as read. */
int
ft_describe(const char *buf, size_t len, const char *opts)
{
	ft_opts o;
	fe_json *doc;
	ferrum_table *t;
	const ferrum_schema *s;
	fe_buf b;
	size_t j, nc;
	int rc, delim;

	rc = setup(buf, len, opts, &o, &doc, &t, &delim);
	if (rc != FERRUM_OK) {
		fe_json_free(doc);
		return rc;
	}
	s = ferrum_table_schema(t);
	fe_buf_init(&b);
	fe_buf_printf(&b, "{\"rows\":%zu,\"delimiter\":", ferrum_table_n_rows(t));
	put_delimiter(&b, delim);
	fe_buf_printf(&b, ",\"header\":%s,\"task\":\"%s\",\"target\":%zu,\"columns\":[",
	              (s != NULL ? ferrum_schema_header(s) : ferrum_table_has_header(t)) ? "true"
	                                                                                : "false",
	              ferrum_table_task(t) == FERRUM_TASK_REGRESSION ? "regression"
	                                                             : "classification",
	              s != NULL ? ferrum_schema_target(s) : ferrum_table_n_features(t));
	nc = s != NULL ? ferrum_schema_n_columns(s) : ferrum_table_n_features(t) + 1;
	for (j = 0; j < nc; j++) {
		if (j > 0)
			fe_buf_putc(&b, ',');
		fe_buf_puts(&b, "{\"name\":");
		if (s != NULL) {
			const ferrum_column *c = ferrum_schema_column(s, j);

			fe_json_put_cstring(&b, c->name);
			fe_buf_puts(&b, ",\"kind\":");
			fe_json_put_cstring(&b, ferrum_column_kind_name(c->kind));
			fe_buf_printf(&b, ",\"inputs\":%zu,\"missing\":%zu", c->n_inputs, c->missing);
			if (c->kind == FERRUM_COLUMN_CATEGORICAL)
				fe_buf_printf(&b, ",\"levels\":%zu", c->n_levels);
			if (c->why != NULL) {
				fe_buf_puts(&b, ",\"why\":");
				fe_json_put_cstring(&b, c->why);
			}
		} else {
			/* The original's rules: every column a number, the last
			 * the target. */
			const char *name = j + 1 < nc ? ferrum_table_feature_name(t, j)
			                              : ferrum_table_target_name(t);

			fe_json_put_cstring(&b, name != NULL ? name : "");
			fe_buf_printf(&b, ",\"kind\":\"%s\",\"inputs\":%d,\"missing\":0",
			              j + 1 < nc ? "numeric" : "target", j + 1 < nc);
		}
		fe_buf_putc(&b, '}');
	}
	fe_buf_printf(&b, "],\"skipped\":%zu}", ferrum_table_n_skipped(t));
	ferrum_table_free(t);
	fe_json_free(doc);
	if (fe_buf_give(&b, &result_text, &result_text_len) != FERRUM_OK) {
		fe_snprintf(message, sizeof message, "out of memory");
		return FERRUM_ENOMEM;
	}
	return FERRUM_OK;
}

/* ---- train ------------------------------------------------------------ */

static int
on_epoch(void *ctx, const ferrum_progress *p)
{
	(void)ctx;
	return ft_monitor((double)p->epoch, (double)p->epochs, (double)p->best_epoch,
	                  (double)p->last_epoch, p->loss, p->val_loss, p->best_val_loss);
}

/* Train on the table: the model's bytes (ft_model) and the report's JSON
 * (ft_text), ft_stopped() 1 when the monitor stopped it. */
int
ft_train(const char *buf, size_t len, const char *opts)
{
	ft_opts o;
	fe_json *doc;
	ferrum_table *t;
	ferrum_model *m = NULL;
	ferrum_train_report *r = NULL;
	ferrum_error err;
	int rc, delim;

	rc = setup(buf, len, opts, &o, &doc, &t, &delim);
	if (rc != FERRUM_OK) {
		fe_json_free(doc);
		return rc;
	}
	if (o.train.dataset_name == NULL)
		o.train.dataset_name = "Dataset";
	o.train.monitor = on_epoch;
	ferrum_error_clear(&err);
	rc = ferrum_train(t, &o.train, &m, &r, &err);
	if (rc != FERRUM_OK)
		rc = fail_lib(rc, &err);
	if (rc == FERRUM_OK) {
		rc = ferrum_model_write(m, &result_model, &result_model_len, &err);
		if (rc != FERRUM_OK)
			fail_lib(rc, &err);
	}
	if (rc == FERRUM_OK) {
		result_stopped = r->stopped;
		rc = ferrum_train_report_json(r, &result_text, &result_text_len);
		if (rc != FERRUM_OK)
			fe_snprintf(message, sizeof message, "out of memory");
	}
	ferrum_train_report_free(r);
	ferrum_model_free(m);
	ferrum_table_free(t);
	fe_json_free(doc);
	return rc;
}

/* Whether @buf is a model the library reads: 0, or the status with the
 * message in ft_error(). */
int
ft_check_model(const unsigned char *buf, size_t len)
{
	ferrum_model *m = NULL;
	ferrum_error err;
	int rc;

	ft_release();
	rc = ferrum_model_read(buf, len, &m, &err);
	ferrum_model_free(m);
	return rc != FERRUM_OK ? fail_lib(rc, &err) : FERRUM_OK;
}

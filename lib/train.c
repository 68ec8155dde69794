/* train.c: the training driver: split, fit with a recipe, score, cross-validate, report.
 * SPDX-License-Identifier: MIT
 *
 * ferrum_train() picks a recipe (recipe-*.c) from the table below, splits
 * the rows its way (split.c), asks it for a normaliser and a network,
 * rounds the normaliser through its file text so that every figure is
 * measured on the model exactly as it will be saved, scores it on the
 * held-out and training rows, optionally runs k-fold cross-validation, and
 * assembles the model with its metadata.  It is the top of the training
 * modules: it calls the recipes and the core below them (split, fit, net,
 * norm, meta, finf), and nothing below calls back up. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime for the report's seconds */

#include "ferrum-internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Refuse sizes whose buffers could not possibly be allocated, before
 * multiplying them. */
#define MAX_HIDDEN ((size_t)1 << 20)
#define MAX_EPOCHS ((size_t)100000000)
#define MAX_CV 1000u

void
ferrum_train_options_init(ferrum_train_options *o)
{
	memset(o, 0, sizeof *o);
	o->recipe = FERRUM_RECIPE_DEFAULT;
	o->seed = FERRUM_SEED_DEFAULT;
	o->holdout = 0.2;
	o->cv = 0;
}

/* FERRUM_EFFORT_HIGH's settings, by task and table size (bench/quality,
 * the twelve tables on fold seeds 20261127 and 1; fitted to few tables,
 * so coarse on purpose):
 *   classification, fewer than FERRUM_EFFORT_ROWS rows: ten members of
 *     half the width (the same CPU; averaging more of them lowered the
 *     log-loss of iris, diabetes and the raw titanic file on both seeds);
 *   classification, up to FERRUM_EFFORT_DEEP_ROWS: ple:8 and two hidden
 *     layers, 160 and 80 (wine: 65.9 -> 71.9 %);
 *   classification, larger: ple:8 (the depth costs most there);
 *   regression, fewer than FERRUM_EFFORT_DEEP_ROWS rows: ple:4, 320
 *     hidden units, ten members (mpg RMSE 2.740 -> 2.625);
 *   regression, larger: ple:16, 320 hidden units, twenty members
 *     (housing RMSE 53,226 -> 47,162, at about 14x normal's CPU). */
static const size_t effort_layers[] = {160, 80};

typedef struct effort_setting {
	unsigned bins;    /* ple:N, 0: none */
	size_t hidden;    /* 0: the recipe's own */
	int deep;         /* effort_layers */
	unsigned members; /* 0: the recipe's own */
} effort_setting;

static effort_setting
effort_setting_for(int task, size_t rows)
{
	effort_setting e = {0, 0, 0, 0};

	if (task == FERRUM_TASK_CLASSIFICATION) {
		if (rows < FERRUM_EFFORT_ROWS)
			e.members = 10;
		else
			e.bins = 8, e.deep = rows < FERRUM_EFFORT_DEEP_ROWS;
	} else if (rows < FERRUM_EFFORT_DEEP_ROWS) {
		e.bins = 4, e.hidden = 320, e.members = 10;
	} else {
		e.bins = 16, e.hidden = 320, e.members = 20;
	}
	return e;
}

/* Whether @s has a numeric or date input column, which an encoding
 * would change. */
static int
has_numeric(const ferrum_schema *s)
{
	size_t j, nc = ferrum_schema_n_columns(s);

	for (j = 0; j < nc; j++) {
		const ferrum_column *c = ferrum_schema_column(s, j);

		if ((c->kind == FERRUM_COLUMN_NUMERIC || c->kind == FERRUM_COLUMN_DATE) &&
		    c->n_inputs > 0)
			return 1;
	}
	return 0;
}

int
ferrum_effort_choose(const ferrum_table *t, const ferrum_train_options *o,
                     ferrum_train_options *out)
{
	effort_setting e;
	int changed = 0, shaped;

	*out = *o;
	if (o->effort != FERRUM_EFFORT_HIGH || o->recipe != FERRUM_RECIPE_DEFAULT || t == NULL ||
	    ferrum_table_schema(t) == NULL)
		return 0;
	e = effort_setting_for(ferrum_table_task(t), ferrum_table_n_rows(t));
	if (e.bins > 0 && o->encode_bins == 0 && has_numeric(ferrum_table_schema(t))) {
		out->encode_bins = e.bins;
		out->encode_columns = NULL;
		changed = 1;
	}
	/* The network's shape is one axis: -H or --layers given fix it. */
	shaped = o->hidden != 0 || o->n_layers != 0;
	if (e.deep && !shaped) {
		out->n_layers = sizeof effort_layers / sizeof *effort_layers;
		out->layers = effort_layers;
		changed = 1;
	} else if (e.hidden > 0 && !shaped) {
		out->hidden = e.hidden;
		changed = 1;
	}
	if (e.members > 0 && o->members == 0) {
		out->members = e.members;
		changed = 1;
	}
	return changed;
}

/* The recipes, by enum ferrum_recipe. */
static const fe_recipe *const recipes[] = {
	&fe_recipe_default, /* FERRUM_RECIPE_DEFAULT */
	&fe_recipe_ferrum,  /* FERRUM_RECIPE_FERRUM */
};

/* ---- metrics ---------------------------------------------------------- */

static void
metrics_nan(ferrum_metrics *m, int task, size_t n)
{
	m->task = task;
	m->rows = n;
	m->accuracy = m->macro_f1 = m->log_loss = NAN;
	m->rmse = m->mae = m->r2 = NAN;
	m->brier = m->ece = NAN;
}

void
ferrum_metrics_compute(int task, size_t n, size_t width, const float *out,
                       const uint32_t *labels, const float *targets, ferrum_metrics *m,
                       size_t *confusion)
{
	size_t i, k;

	metrics_nan(m, task, n);
	if (task == FERRUM_TASK_CLASSIFICATION) {
		size_t correct = 0, *tp, *fp, *fn, used = 0;
		double ll = 0.0, f1 = 0.0;
		fe_calib cal;

		if (confusion != NULL)
			memset(confusion, 0, width * width * sizeof *confusion);
		if (n == 0 || width == 0 || labels == NULL)
			return;
		tp = fe_calloc_array(3 * width, sizeof *tp);
		if (tp == NULL)
			return;
		fp = tp + width;
		fn = fp + width;
		memset(&cal, 0, sizeof cal);
		for (i = 0; i < n; i++) {
			const float *oi = out + i * width;
			size_t pred = ferrum_argmax(oi, width);
			size_t truth = labels[i] < width ? labels[i] : 0;
			double p = labels[i] < width ? (double)oi[truth] : 0.0;

			if (!(p > 1e-15)) /* also NaN */
				p = 1e-15;
			ll += -fe_logd(p);
			if (pred == truth) {
				correct++;
				tp[truth]++;
			} else {
				fp[pred]++;
				fn[truth]++;
			}
			if (confusion != NULL)
				confusion[truth * width + pred]++;
			fe_calib_add(&cal, oi, width, truth);
		}
		for (k = 0; k < width; k++) {
			if (tp[k] + fp[k] + fn[k] == 0)
				continue; /* a class absent from truth and predictions */
			f1 += 2.0 * (double)tp[k] / (double)(2 * tp[k] + fp[k] + fn[k]);
			used++;
		}
		free(tp);
		m->accuracy = (double)correct / (double)n;
		m->macro_f1 = used ? f1 / (double)used : NAN;
		m->log_loss = ll / (double)n;
		fe_calib_metrics(&cal, n, m);
	} else {
		double se = 0.0, ae = 0.0, mean = 0.0, tot = 0.0;

		if (n == 0 || targets == NULL)
			return;
		for (i = 0; i < n; i++)
			mean += (double)targets[i];
		mean /= (double)n;
		for (i = 0; i < n; i++) {
			double d = (double)out[i * width] - (double)targets[i];
			double c = (double)targets[i] - mean;

			se += d * d;
			ae += fabs(d);
			tot += c * c;
		}
		m->rmse = sqrt(se / (double)n);
		m->mae = ae / (double)n;
		m->r2 = tot > 0.0 ? 1.0 - se / tot : NAN;
	}
}

/* Score the network on @n table rows, through @norm as it is stored, a
 * gap in feature j taken as @fill[j] (the training rows' median; @fill
 * NULL: no gaps). */
static int
evaluate(const ferrum_table *t, const size_t *rows, size_t n, const float *fill,
         const fe_norm *norm, const fe_net *net, ferrum_metrics *m, size_t *confusion,
         ferrum_error *err)
{
	const int task = ferrum_table_task(t);
	const size_t nf = ferrum_table_n_features(t);
	const size_t no = net->out_width;
	const float *x = ferrum_table_features(t);
	const float *y = ferrum_table_targets(t);
	const uint32_t *lab = ferrum_table_labels(t);
	/* Rows per forward pass: up to 256, fewer for very wide rows, so the
	 * scratch stays near a megabyte. */
	size_t wide = nf + 2 * net->max_width + no;
	const size_t chunk = wide < 1024 ? 256 : (wide < 262144 ? 262144 / wide : 1);
	float *z, *out, *work, *all;
	uint32_t *tl = NULL;
	float *tt = NULL;
	size_t i, j, c;

	metrics_nan(m, task, n);
	if (n == 0)
		return FERRUM_OK;
	z = fe_alloc_array(chunk * nf, sizeof *z);
	out = fe_alloc_array(chunk * no, sizeof *out);
	work = fe_alloc_array(2 * chunk * net->max_width, sizeof *work);
	all = fe_alloc_array(n, no * sizeof *all);
	if (task == FERRUM_TASK_CLASSIFICATION)
		tl = fe_alloc_array(n, sizeof *tl);
	else
		tt = fe_alloc_array(n, sizeof *tt);
	if (z == NULL || out == NULL || work == NULL || all == NULL || (tl == NULL && tt == NULL)) {
		free(z);
		free(out);
		free(work);
		free(all);
		free(tl);
		free(tt);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	for (c = 0; c < n; c += chunk) {
		size_t m2 = n - c < chunk ? n - c : chunk;

		for (i = 0; i < m2; i++) {
			const float *xi = x + rows[c + i] * nf;

			for (j = 0; j < nf; j++) {
				float v = fill == NULL || xi[j] == xi[j] ? xi[j] : fill[j];

				z[i * nf + j] = (v - norm->mean[j]) / norm->std[j];
			}
		}
		fe_net_forward(net, m2, z, out, work);
		for (i = 0; i < m2; i++) {
			if (task == FERRUM_TASK_CLASSIFICATION) {
				memcpy(all + (c + i) * no, out + i * no, no * sizeof *all);
				tl[c + i] = lab[rows[c + i]];
			} else {
				/* The format's de-normalisation: multiply, then add. */
				all[c + i] = out[i] * norm->std[nf] + norm->mean[nf];
				tt[c + i] = y[rows[c + i]];
			}
		}
	}
	ferrum_metrics_compute(task, n, no, all, tl, tt, m, confusion);
	free(z);
	free(out);
	free(work);
	free(all);
	free(tl);
	free(tt);
	return FERRUM_OK;
}

/* Replace @norm's values by the ones its file text parses back to, so the
 * figures describe the model exactly as saved. */
static int
round_norm(fe_norm *norm, ferrum_error *err)
{
	fe_buf b;
	fe_norm back;
	int rc;

	fe_buf_init(&b);
	fe_norm_write(&b, norm);
	if (b.failed) {
		fe_buf_free(&b);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	rc = fe_norm_parse(b.data, b.len, &back, err);
	fe_buf_free(&b);
	if (rc != FERRUM_OK)
		return rc;
	if (back.n != norm->n) {
		fe_norm_free(&back);
		return fe_error(err, FERRUM_EFORMAT, "normaliser does not round-trip");
	}
	fe_norm_free(norm);
	*norm = back;
	return FERRUM_OK;
}

/* ---- the driver ------------------------------------------------------- */

static double
now_seconds(void)
{
#if defined(CLOCK_MONOTONIC)
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
		return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
#endif
	return NAN;
}

static const char *
recipe_name(int recipe)
{
	return recipes[recipe]->name;
}

/* A metrics object; @calibration: with the Brier score and the ECE (the
 * report's, not the metadata's "holdout", which keeps the demo models
 * small). */
static void
put_metrics(fe_buf *b, const ferrum_metrics *m, int calibration)
{
	if (m->task == FERRUM_TASK_CLASSIFICATION) {
		fe_buf_puts(b, "{\"accuracy\":");
		fe_json_put_double(b, m->accuracy);
		fe_buf_puts(b, ",\"macro_f1\":");
		fe_json_put_double(b, m->macro_f1);
		fe_buf_puts(b, ",\"log_loss\":");
		fe_json_put_double(b, m->log_loss);
		if (calibration) {
			fe_buf_puts(b, ",\"brier\":");
			fe_json_put_double(b, m->brier);
			fe_buf_puts(b, ",\"ece\":");
			fe_json_put_double(b, m->ece);
		}
	} else {
		fe_buf_puts(b, "{\"rmse\":");
		fe_json_put_double(b, m->rmse);
		fe_buf_puts(b, ",\"mae\":");
		fe_json_put_double(b, m->mae);
		fe_buf_puts(b, ",\"r2\":");
		fe_json_put_double(b, m->r2);
	}
	fe_buf_putc(b, '}');
}

static char *
dupname(const char *s)
{
	return fe_strdup(s != NULL ? s : "");
}

/* The metadata of section 3 of the format notes, from the whole table. */
static int
build_meta(const ferrum_table *t, const ferrum_train_options *o, const fe_recipe *rp, fe_meta *m,
           ferrum_error *err)
{
	const int task = ferrum_table_task(t);
	const size_t nf = ferrum_table_n_features(t);
	const size_t nr = ferrum_table_n_rows(t);
	const size_t nc = task == FERRUM_TASK_CLASSIFICATION ? ferrum_table_n_classes(t) : 0;
	const float *x = ferrum_table_features(t);
	const float *y = ferrum_table_targets(t);
	size_t i, j;
	int bad = 0;

	memset(m, 0, sizeof *m);
	m->task = task;
	m->dataset_name = dupname(o->dataset_name != NULL ? o->dataset_name : "Dataset");
	m->n_features = nf;
	m->feature_names = fe_calloc_array(nf ? nf : 1, sizeof *m->feature_names);
	m->n_ranges = nf;
	m->feature_ranges = fe_calloc_array(nf ? nf : 1, sizeof *m->feature_ranges);
	m->n_classes = nc;
	m->class_names = fe_calloc_array(nc ? nc : 1, sizeof *m->class_names);
	if (m->dataset_name == NULL || m->feature_names == NULL || m->feature_ranges == NULL ||
	    m->class_names == NULL)
		bad = 1;
	for (j = 0; !bad && j < nf; j++) {
		m->feature_names[j] = dupname(ferrum_table_feature_name(t, j));
		bad = m->feature_names[j] == NULL;
		/* Ranges over every row, from +-FLT_MAX as the original. */
		m->feature_ranges[j][0] = FLT_MAX;
		m->feature_ranges[j][1] = -FLT_MAX;
	}
	for (i = 0; !bad && i < nr; i++)
		for (j = 0; j < nf; j++) {
			float v = x[i * nf + j];

			if (v < m->feature_ranges[j][0])
				m->feature_ranges[j][0] = v;
			if (v > m->feature_ranges[j][1])
				m->feature_ranges[j][1] = v;
		}
	for (i = 0; !bad && i < nc; i++) {
		m->class_names[i] = dupname(ferrum_table_class_name(t, i));
		bad = m->class_names[i] == NULL;
	}
	if (task == FERRUM_TASK_CLASSIFICATION) {
		/* The original leaves target_name empty for classifiers; the
		 * default recipe records the column it learned. */
		m->target_name = dupname(rp->original_meta ? "" : ferrum_table_target_name(t));
		m->target_range[0] = 0.0f;
		m->target_range[1] = (float)(nc > 0 ? nc - 1 : 0);
	} else {
		const char *tn = ferrum_table_target_name(t);

		if (rp->original_meta || tn == NULL || *tn == '\0')
			tn = "value";
		m->target_name = dupname(tn);
		m->target_range[0] = FLT_MAX;
		m->target_range[1] = -FLT_MAX;
		for (i = 0; i < nr; i++) {
			if (y[i] < m->target_range[0])
				m->target_range[0] = y[i];
			if (y[i] > m->target_range[1])
				m->target_range[1] = y[i];
		}
	}
	if (m->target_name == NULL)
		bad = 1;
	m->input_dim = (uint32_t)nf;
	m->output_dim = (uint32_t)(task == FERRUM_TASK_CLASSIFICATION ? nc : 1);
	if (bad) {
		fe_meta_free(m);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	return FERRUM_OK;
}

static int
set_extras(fe_meta *m, const ferrum_train_report *r, ferrum_error *err)
{
	char num[32];
	fe_buf b;
	int rc;

	/* A recipe's name is plain ASCII: quoting it makes its JSON. */
	fe_buf_init(&b);
	fe_buf_putc(&b, '"');
	fe_buf_puts(&b, recipe_name(r->recipe));
	fe_buf_putc(&b, '"');
	rc = b.failed ? FERRUM_ENOMEM : fe_meta_set_extra(m, "recipe", b.data);
	fe_buf_free(&b);
	if (rc == FERRUM_OK) {
		fe_snprintf(num, sizeof num, "%llu", (unsigned long long)r->seed);
		rc = fe_meta_set_extra(m, "seed", num);
	}
	if (rc == FERRUM_OK) {
		fe_snprintf(num, sizeof num, "%zu", r->epochs_run);
		rc = fe_meta_set_extra(m, "epochs_run", num);
	}
	if (rc == FERRUM_OK) {
		fe_buf_init(&b);
		put_metrics(&b, &r->holdout, 0);
		/* "rows" too, so the figure says what it stands on. */
		if (!b.failed && b.len > 0) {
			b.len--; /* drop the '}' */
			fe_buf_printf(&b, ",\"rows\":%zu}", r->holdout_rows);
		}
		rc = b.failed ? FERRUM_ENOMEM : fe_meta_set_extra(m, "holdout", b.data);
		fe_buf_free(&b);
	}
	if (rc != FERRUM_OK)
		return fe_error(err, rc, "cannot record the training metadata");
	return FERRUM_OK;
}

/* "hidden":[H1,H2,...] for more than one hidden layer (one layer's width
 * is the chain's, and its models keep their bytes). */
static void
put_layers(fe_buf *b, const ferrum_train_report *r)
{
	size_t l;

	fe_buf_putc(b, '[');
	for (l = 0; l < r->n_layers; l++)
		fe_buf_printf(b, "%s%zu", l ? "," : "", r->layers[l]);
	fe_buf_putc(b, ']');
}

static int
set_layers(fe_meta *m, const ferrum_train_report *r, ferrum_error *err)
{
	fe_buf b;
	int rc;

	fe_buf_init(&b);
	put_layers(&b, r);
	rc = b.failed ? FERRUM_ENOMEM : fe_meta_set_extra(m, "hidden", b.data);
	fe_buf_free(&b);
	if (rc != FERRUM_OK)
		return fe_error(err, rc, "cannot record the hidden layers");
	return FERRUM_OK;
}

/* The metadata member "schema", after the others. */
static int
set_schema(fe_meta *m, const ferrum_schema *s, ferrum_error *err)
{
	fe_buf b;
	int rc;

	fe_buf_init(&b);
	fe_schema_write(&b, s);
	rc = b.failed || b.len == 0 ? FERRUM_ENOMEM : fe_meta_set_extra(m, "schema", b.data);
	fe_buf_free(&b);
	if (rc != FERRUM_OK)
		return fe_error(err, rc, "cannot record the column schema");
	return FERRUM_OK;
}

/* Every column but the target was left out: say which and why. */
static int
no_inputs(const ferrum_schema *s, ferrum_error *err)
{
	fe_buf b;
	size_t j, shown = 0;
	int rc;

	fe_buf_init(&b);
	for (j = 0; j < s->n_cols; j++) {
		const ferrum_column *c = &s->cols[j];

		if (c->kind != FERRUM_COLUMN_IGNORED)
			continue;
		if (shown++ == 3) {
			fe_buf_puts(&b, ", ...");
			break;
		}
		fe_buf_printf(&b, "%s'%.40s' (%s)", shown > 1 ? ", " : "", c->name,
		              c->why != NULL ? c->why : "ignored");
	}
	rc = fe_error(err, FERRUM_EINPUT, "no feature columns: every column but the target is "
	              "left out: %s", b.data != NULL ? b.data : "");
	fe_buf_free(&b);
	return rc;
}

/* The default recipe's regularisation and budget (0: the recipe's). */
static int
check_tuning(const ferrum_train_options *o, ferrum_error *err)
{
	if (!fe_tuning_given(o))
		return FERRUM_OK;
	if (o->recipe != FERRUM_RECIPE_DEFAULT)
		return fe_error(err, FERRUM_EINVAL, "the %s recipe has no weight decay, smoothing, "
		                "patience, members or budget setting", recipe_name(o->recipe));
	if (!(o->weight_decay >= 0.0 && o->weight_decay <= 1.0))
		return fe_error(err, FERRUM_EINVAL, "the weight decay must be from 0 to 1");
	if (!(o->smoothing >= 0.0 && o->smoothing < 1.0))
		return fe_error(err, FERRUM_EINVAL, "the label smoothing must be from 0 to below 1");
	if (o->patience > MAX_EPOCHS)
		return fe_error(err, FERRUM_EINVAL, "a patience of %zu epochs is too long (at most "
		                "%zu)", o->patience, MAX_EPOCHS);
	if (o->members == 1 || o->members > FERRUM_MEMBERS_MAX)
		return fe_error(err, FERRUM_EINVAL, "2 to %d ensemble members, not %u",
		                FERRUM_MEMBERS_MAX, o->members);
	return FERRUM_OK;
}

static int
check_options(const ferrum_table *t, const ferrum_train_options *o, ferrum_error *err)
{
	size_t nr = ferrum_table_n_rows(t);
	int rc;

	if (o->recipe < 0 || (size_t)o->recipe >= sizeof recipes / sizeof *recipes)
		return fe_error(err, FERRUM_EINVAL, "unknown recipe %d", o->recipe);
	if (!(o->holdout > 0.0 && o->holdout < 1.0))
		return fe_error(err, FERRUM_EINVAL, "the held-out fraction must be between 0 and 1");
	if (o->hidden > MAX_HIDDEN)
		return fe_error(err, FERRUM_EINVAL, "hidden width %zu is too large (at most %zu)",
		                o->hidden, MAX_HIDDEN);
	if (o->n_layers > 0) {
		size_t l;

		if (o->n_layers > FERRUM_LAYERS_MAX || o->layers == NULL)
			return fe_error(err, FERRUM_EINVAL, "1 to %d hidden layers, not %zu",
			                FERRUM_LAYERS_MAX, o->n_layers);
		if (o->hidden != 0)
			return fe_error(err, FERRUM_EINVAL, "hidden width and hidden layers both given");
		for (l = 0; l < o->n_layers; l++)
			if (o->layers[l] == 0 || o->layers[l] > MAX_HIDDEN)
				return fe_error(err, FERRUM_EINVAL, "hidden layer %zu: width %zu is not "
				                "from 1 to %zu", l + 1, o->layers[l], MAX_HIDDEN);
		if (o->n_layers > 1 && o->recipe != FERRUM_RECIPE_DEFAULT)
			return fe_error(err, FERRUM_EINVAL, "the %s recipe has one hidden layer",
			                recipe_name(o->recipe));
	}
	if (o->effort != FERRUM_EFFORT_NORMAL && o->effort != FERRUM_EFFORT_HIGH)
		return fe_error(err, FERRUM_EINVAL, "unknown effort %d", o->effort);
	if (o->effort == FERRUM_EFFORT_HIGH && o->recipe != FERRUM_RECIPE_DEFAULT)
		return fe_error(err, FERRUM_EINVAL, "the %s recipe has no effort setting",
		                recipe_name(o->recipe));
	if (o->epochs > MAX_EPOCHS)
		return fe_error(err, FERRUM_EINVAL, "%zu epochs is too many (at most %zu)", o->epochs,
		                MAX_EPOCHS);
	rc = check_tuning(o, err);
	if (rc != FERRUM_OK)
		return rc;
	if (o->cv == 1 || o->cv > MAX_CV)
		return fe_error(err, FERRUM_EINVAL, "cross-validation needs 2 to %u folds", MAX_CV);
	if (nr < 2)
		return fe_error(err, FERRUM_EINPUT, "%zu row%s: at least 2 are needed to train", nr,
		                nr == 1 ? "" : "s");
	if (o->cv > nr)
		return fe_error(err, FERRUM_EINPUT, "%u folds need at least %u rows, there are %zu",
		                o->cv, o->cv, nr);
	if (ferrum_table_n_features(t) == 0)
		return ferrum_table_schema(t) != NULL ? no_inputs(ferrum_table_schema(t), err)
		                                      : fe_error(err, FERRUM_EINPUT,
		                                                 "no feature columns");
	if (ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION && ferrum_table_n_classes(t) < 2)
		return fe_error(err, FERRUM_EINPUT, "only one class; nothing to learn");
	return FERRUM_OK;
}

void
ferrum_train_report_free(ferrum_train_report *r)
{
	if (r == NULL)
		return;
	free(r->confusion);
	free(r->cv_folds);
	ferrum_schema_free(r->schema);
	free(r);
}

/* K-fold cross-validation into @r.  @t is the table as read: with a
 * numeric encoding, each fold fits its edges on its own training rows. */
static int
cross_validate(const ferrum_table *t, const ferrum_train_options *o, const fe_recipe *rp,
               ferrum_train_report *r, ferrum_error *err)
{
	const size_t nr = ferrum_table_n_rows(t);
	const unsigned k = o->cv;
	ferrum_train_options fo = *o;
	size_t *all, *tr, *te, i, ntr, nte;
	unsigned *fold, f;
	fe_rng rng;
	float *fill = NULL;
	ferrum_table *enc = NULL;
	int rc = FERRUM_OK;

	fo.progress = NULL;
	fo.monitor = NULL;
	all = fe_alloc_array(nr, sizeof *all);
	tr = fe_alloc_array(nr, sizeof *tr);
	te = fe_alloc_array(nr, sizeof *te);
	fold = fe_alloc_array(nr, sizeof *fold);
	r->cv_folds = fe_calloc_array(k, sizeof *r->cv_folds);
	if (all == NULL || tr == NULL || te == NULL || fold == NULL || r->cv_folds == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto out;
	}
	r->cv_k = k;
	for (i = 0; i < nr; i++)
		all[i] = i;
	fe_rng_seed(&rng, o->seed);
	rc = fe_split_folds(t, all, nr, k, &rng, fold, err);
	if (rc != FERRUM_OK)
		goto out;
	metrics_nan(&r->cv_mean, r->task, nr);
	for (f = 0; f < k; f++) {
		fe_norm norm;
		fe_net net;
		fe_fit_info info;
		fe_rng frng;
		const ferrum_table *ft = t;

		ntr = nte = 0;
		for (i = 0; i < nr; i++) {
			if (fold[i] == f)
				te[nte++] = i;
			else
				tr[ntr++] = i;
		}
		if (o->encode_bins > 0) {
			rc = fe_table_encode(t, tr, ntr, o, &enc, err);
			if (rc != FERRUM_OK)
				goto out;
			ft = enc;
		}
		/* Each fold starts from the seed, shuffles its training rows and
		 * fits from there, independent of the other folds. */
		fe_rng_seed(&frng, o->seed);
		fe_rng_shuffle(&frng, tr, ntr);
		rc = rp->fit(rp, ft, tr, ntr, &fo, &frng, &norm, &net, &info, err);
		if (rc != FERRUM_OK)
			goto out;
		rc = round_norm(&norm, err);
		if (rc == FERRUM_OK)
			rc = fe_fit_fill(ft, tr, ntr, &fill, err);
		if (rc == FERRUM_OK)
			rc = evaluate(ft, te, nte, fill, &norm, &net, &r->cv_folds[f], NULL, err);
		free(fill);
		fill = NULL;
		ferrum_table_free(enc);
		enc = NULL;
		fe_norm_free(&norm);
		fe_net_free(&net);
		if (rc != FERRUM_OK)
			goto out;
	}
	/* Unweighted means of the fold figures. */
	{
		ferrum_metrics *mn = &r->cv_mean;
		double a = 0, f1 = 0, ll = 0, rm = 0, ma = 0, r2 = 0, br = 0, ec = 0;

		for (f = 0; f < k; f++) {
			a += r->cv_folds[f].accuracy;
			f1 += r->cv_folds[f].macro_f1;
			ll += r->cv_folds[f].log_loss;
			rm += r->cv_folds[f].rmse;
			ma += r->cv_folds[f].mae;
			r2 += r->cv_folds[f].r2;
			br += r->cv_folds[f].brier;
			ec += r->cv_folds[f].ece;
		}
		if (r->task == FERRUM_TASK_CLASSIFICATION) {
			mn->accuracy = a / k;
			mn->macro_f1 = f1 / k;
			mn->log_loss = ll / k;
			mn->brier = br / k;
			mn->ece = ec / k;
		} else {
			mn->rmse = rm / k;
			mn->mae = ma / k;
			mn->r2 = r2 / k;
		}
	}
out:
	ferrum_table_free(enc);
	free(all);
	free(tr);
	free(te);
	free(fold);
	return rc;
}

FE_OUTLINE int
ferrum_train(const ferrum_table *t, const ferrum_train_options *opts, ferrum_model **model,
             ferrum_train_report **report, ferrum_error *err)
{
	ferrum_train_options defaults, one, high;
	int chose = 0;
	const ferrum_train_options *o = opts;
	ferrum_train_report *r = NULL;
	const fe_recipe *rp;
	size_t nr, *train = NULL, *hold = NULL, *all = NULL, ntr = 0, nho = 0, i;
	fe_norm norm;
	fe_net net;
	fe_meta meta;
	fe_fit_info info;
	fe_rng rng;
	float *fill = NULL;
	ferrum_table *encoded = NULL;
	const ferrum_table *raw = t;
	double t0 = now_seconds();
	int rc;

	if (model != NULL)
		*model = NULL;
	if (report != NULL)
		*report = NULL;
	ferrum_error_clear(err);
	memset(&norm, 0, sizeof norm);
	memset(&net, 0, sizeof net);
	memset(&meta, 0, sizeof meta);
	memset(&info, 0, sizeof info);
	if (t == NULL)
		return fe_error(err, FERRUM_EINVAL, "no table");
	if (o == NULL) {
		ferrum_train_options_init(&defaults);
		o = &defaults;
	}
	rc = check_options(t, o, err);
	if (rc != FERRUM_OK)
		return rc;
	/* FERRUM_EFFORT_HIGH: a richer setting where the table has room. */
	if (o->effort == FERRUM_EFFORT_HIGH) {
		chose = ferrum_effort_choose(t, o, &high);
		o = &high;
	}
	/* One hidden layer is hidden = its width, on today's path. */
	if (o->n_layers == 1) {
		one = *o;
		one.hidden = o->layers[0];
		one.n_layers = 0;
		one.layers = NULL;
		o = &one;
	}
	rp = recipes[o->recipe];
	nr = ferrum_table_n_rows(t);
	r = calloc(1, sizeof *r);
	train = fe_alloc_array(nr, sizeof *train);
	hold = fe_alloc_array(nr, sizeof *hold);
	all = fe_alloc_array(nr, sizeof *all);
	if (r == NULL || train == NULL || hold == NULL || all == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto fail;
	}
	r->task = ferrum_table_task(t);
	r->recipe = o->recipe;
	r->seed = o->seed;
	r->rows = nr;
	r->features = ferrum_table_n_features(t);
	r->n_classes = r->task == FERRUM_TASK_CLASSIFICATION ? ferrum_table_n_classes(t) : 0;
	r->holdout_frac = o->holdout;
	r->skipped = ferrum_table_n_skipped(t);
	r->effort = o->effort;
	r->effort_chose = chose;
	r->encode_bins = o->encode_bins;
	r->members = o->members;

	fe_rng_seed(&rng, o->seed);
	for (i = 0; i < nr; i++)
		all[i] = i;
	rc = rp->split(t, all, nr, o->holdout, &rng, train, &ntr, hold, &nho, err);
	if (rc != FERRUM_OK)
		goto fail;
	r->train_rows = ntr;
	r->holdout_rows = nho;
	/* A numeric encoding: from here on the table of encoded inputs. */
	if (o->encode_bins > 0) {
		rc = fe_table_encode(t, train, ntr, o, &encoded, err);
		if (rc != FERRUM_OK)
			goto fail;
		t = encoded;
		r->features = ferrum_table_n_features(t);
	}

	rc = rp->fit(rp, t, train, ntr, o, &rng, &norm, &net, &info, err);
	if (rc != FERRUM_OK)
		goto fail;
	r->hidden = info.hidden;
	r->epochs = info.epochs;
	r->epochs_run = info.epochs_run;
	r->best_epoch = info.best_epoch;
	r->stopped = info.stopped;
	r->n_layers = o->n_layers > 1 ? o->n_layers : 1;
	r->layers[0] = info.hidden;
	for (i = 1; i < r->n_layers; i++)
		r->layers[i] = o->layers[i];
	r->temperature = info.temperature;
	r->calibration_rows = info.calibration_rows;
	rc = round_norm(&norm, err);
	if (rc != FERRUM_OK)
		goto fail;
	if (r->n_classes > 0) {
		r->confusion = fe_calloc_array(r->n_classes * r->n_classes, sizeof *r->confusion);
		if (r->confusion == NULL) {
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
			goto fail;
		}
	}
	rc = fe_fit_fill(t, train, ntr, &fill, err);
	if (rc == FERRUM_OK)
		rc = evaluate(t, hold, nho, fill, &norm, &net, &r->holdout, r->confusion, err);
	if (rc == FERRUM_OK)
		rc = evaluate(t, train, ntr, fill, &norm, &net, &r->train, NULL, err);
	/* The schema the model carries: the final fit's medians and ranges. */
	if (rc == FERRUM_OK && ferrum_table_schema(t) != NULL) {
		r->schema = fe_schema_copy(ferrum_table_schema(t));
		rc = r->schema == NULL ? fe_error(err, FERRUM_ENOMEM, "out of memory")
		                       : fe_fit_schema(t, train, ntr, r->schema, err);
	}
	if (rc == FERRUM_OK && o->cv >= 2)
		rc = cross_validate(raw, o, rp, r, err);
	if (rc != FERRUM_OK)
		goto fail;

	if (model != NULL) {
		rc = build_meta(t, o, rp, &meta, err);
		if (rc == FERRUM_OK && !rp->original_meta)
			rc = set_extras(&meta, r, err);
		if (rc == FERRUM_OK && r->n_layers > 1)
			rc = set_layers(&meta, r, err);
		if (rc == FERRUM_OK && r->effort == FERRUM_EFFORT_HIGH &&
		    fe_meta_set_extra(&meta, "effort", "\"high\"") != FERRUM_OK)
			rc = fe_error(err, FERRUM_ENOMEM, "cannot record the effort");
		if (rc == FERRUM_OK && !rp->original_meta && r->schema != NULL)
			rc = set_schema(&meta, r->schema, err);
		if (rc == FERRUM_OK && meta.json == NULL) {
			fe_buf b;

			fe_buf_init(&b);
			fe_meta_write(&b, &meta);
			meta.json = fe_buf_take(&b, NULL);
			if (meta.json == NULL)
				rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		}
		if (rc != FERRUM_OK)
			goto fail;
		/* The parts move into the model, which frees them on failure. */
		rc = fe_model_assemble(model, &norm, &meta, &net, err);
		memset(&norm, 0, sizeof norm);
		memset(&meta, 0, sizeof meta);
		memset(&net, 0, sizeof net);
		if (rc != FERRUM_OK)
			goto fail;
	}
	r->seconds = now_seconds() - t0;
	ferrum_table_free(encoded);
	free(fill);
	free(train);
	free(hold);
	free(all);
	fe_norm_free(&norm);
	fe_net_free(&net);
	if (report != NULL)
		*report = r;
	else
		ferrum_train_report_free(r);
	return FERRUM_OK;

fail:
	if (model != NULL && *model != NULL) {
		ferrum_model_free(*model);
		*model = NULL;
	}
	ferrum_table_free(encoded);
	free(fill);
	free(train);
	free(hold);
	free(all);
	fe_norm_free(&norm);
	fe_net_free(&net);
	fe_meta_free(&meta);
	ferrum_train_report_free(r);
	return rc;
}

FE_OUTLINE int
ferrum_train_report_json(const ferrum_train_report *r, char **json, size_t *len)
{
	fe_buf b;
	unsigned f;

	*json = NULL;
	if (len != NULL)
		*len = 0;
	if (r == NULL)
		return FERRUM_EINVAL;
	fe_buf_init(&b);
	fe_buf_printf(&b, "{\"task\":\"%s\",\"rows\":%zu,\"features\":%zu,",
	              r->task == FERRUM_TASK_REGRESSION ? "regression" : "classification", r->rows,
	              r->features);
	fe_buf_printf(&b, "\"train_rows\":%zu,\"holdout_rows\":%zu,\"seed\":%llu,", r->train_rows,
	              r->holdout_rows, (unsigned long long)r->seed);
	fe_buf_printf(&b, "\"recipe\":\"%s\",\"epochs_run\":%zu,\"seconds\":", recipe_name(r->recipe),
	              r->epochs_run);
	fe_json_put_double(&b, r->seconds);
	fe_buf_puts(&b, ",\"holdout\":");
	put_metrics(&b, &r->holdout, 1);
	fe_buf_puts(&b, ",\"train\":");
	put_metrics(&b, &r->train, 1);
	/* The whole matrix, however many classes: the text report leaves
	 * out what would not fit a terminal, this keeps it. */
	if (r->confusion != NULL && r->n_classes > 0) {
		fe_buf_puts(&b, ",\"confusion\":");
		fe_json_put_matrix(&b, r->confusion, r->n_classes);
	}
	if (r->cv_k > 0) {
		fe_buf_printf(&b, ",\"cv\":{\"k\":%u,\"folds\":[", r->cv_k);
		for (f = 0; f < r->cv_k; f++) {
			if (f > 0)
				fe_buf_putc(&b, ',');
			put_metrics(&b, &r->cv_folds[f], 1);
		}
		fe_buf_puts(&b, "],\"mean\":");
		put_metrics(&b, &r->cv_mean, 1);
		fe_buf_putc(&b, '}');
	}
	/* Real tables: the rows left out, how each column was read, and
	 * whether the held-out figure stands on enough rows. */
	fe_buf_printf(&b, ",\"skipped\":%zu", r->skipped);
	if (r->holdout_rows < FERRUM_HOLDOUT_MIN)
		fe_buf_puts(&b, ",\"holdout_too_few\":true");
	if (r->stopped)
		fe_buf_puts(&b, ",\"stopped\":true");
	if (r->n_layers > 1) {
		fe_buf_puts(&b, ",\"hidden\":");
		put_layers(&b, r);
	}
	if (r->effort == FERRUM_EFFORT_HIGH)
		fe_buf_printf(&b, ",\"effort\":{\"level\":\"high\",\"chose\":%s,\"encode_bins\":%u,"
		              "\"members\":%u}", r->effort_chose ? "true" : "false", r->encode_bins,
		              r->members);
	if (r->temperature > 0.0) {
		fe_buf_puts(&b, ",\"calibration\":{\"temperature\":");
		fe_json_put_float(&b, (float)r->temperature);
		fe_buf_printf(&b, ",\"rows\":%zu}", r->calibration_rows);
	}
	if (r->schema != NULL) {
		size_t j, nc = ferrum_schema_n_columns(r->schema);

		fe_buf_puts(&b, ",\"columns\":[");
		for (j = 0; j < nc; j++) {
			const ferrum_column *c = ferrum_schema_column(r->schema, j);

			fe_json_put_sep(&b);
			fe_buf_putc(&b, '{');
			fe_json_put_key(&b, "name");
			fe_json_put_cstring(&b, c->name);
			fe_json_put_key(&b, "kind");
			fe_json_put_cstring(&b, ferrum_column_kind_name(c->kind));
			if (c->kind == FERRUM_COLUMN_IGNORED) {
				fe_json_put_key(&b, "why");
				fe_json_put_cstring(&b, c->why);
			} else if (c->kind != FERRUM_COLUMN_TARGET) {
				fe_json_put_key(&b, "inputs");
				fe_json_put_size(&b, c->n_inputs);
				fe_json_put_key(&b, "missing");
				fe_json_put_size(&b, c->missing);
			}
			if (c->kind == FERRUM_COLUMN_CATEGORICAL) {
				fe_json_put_key(&b, "levels");
				fe_json_put_size(&b, c->n_levels);
			}
			fe_buf_putc(&b, '}');
		}
		fe_buf_putc(&b, ']');
	}
	fe_buf_putc(&b, '}');
	*json = fe_buf_take(&b, len);
	return *json != NULL ? FERRUM_OK : FERRUM_ENOMEM;
}

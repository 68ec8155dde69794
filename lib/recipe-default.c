/* recipe-default.c: the default training recipe, a cross-fitted ensemble merged into one network.
 * SPDX-License-Identifier: MIT
 *
 * The rows are dealt into K folds (stratified for classification) and K
 * networks are trained side by side with AdamW on shuffled mini-batches
 * drawn without replacement; member k never trains on fold k and is
 * scored on it after every epoch.  Early stopping watches the K validation
 * scores together, so every training row is a validation row once and the
 * stopping epoch is chosen on all the data rather than on one small split;
 * the weights of the best epoch are restored.  For classification the
 * score is the number of misclassified rows with the log-loss breaking
 * ties (accuracy keeps improving on noisy labels after the log-loss has
 * turned), and training uses label smoothing, which keeps the logits
 * bounded; for regression it is the squared error.
 *
 * The members are then merged into the one network the file format holds:
 * their hidden units sit side by side in Linear(F, H), and the second layer
 * averages their outputs (each member's W2 rows scaled by 1/K, the biases
 * averaged).  For regression that is exactly the mean of the members'
 * predictions; for classification the softmax of their mean logits.  Every
 * row trains K - 1 of the K members, and the average varies less than any
 * one of them.
 *
 * Everything is float with sums in a fixed order, every buffer is
 * allocated before the first epoch, and the generator is the caller's, so
 * one seed gives one model, byte for byte.  On large inputs the epoch
 * limit is cut to a budget of rows times epochs, and the step size then
 * starts larger than usual and decays linearly over the budgeted epochs.  The settings were chosen with
 * bench/quality and bench/train on the ten datasets of datasets/README. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The working set of one fit.  The K members are trained together on the
 * same shuffled mini-batches, as one wide network whose hidden units are
 * the members' blocks side by side; a row only enters the loss of the
 * members whose validation fold it is not in.  Doing the members' work in
 * one pass keeps the inner loops long (the whole hidden width), which is
 * what makes them fast.
 *
 * Parameters live in one block [w1 | w2t | b1 | b2] so that the weights
 * (decayed) and the biases (not decayed) are two contiguous runs:
 *   w1  [nf][hall]     the first layer, members' columns side by side
 *   w2t [no][hall]     the second layer, transposed
 *   b1  [hall]
 *   b2  [k][no]        each member's output bias */
typedef struct fitws {
	size_t nf, no, k, hall, batch;
	int cls;
	size_t *off;        /* [k + 1] first hidden unit of each member */
	size_t n_w, n_p;    /* weights, all parameters */
	float *p, *m1, *m2, *g, *best;
	float smooth;       /* label smoothing */
	float lr;           /* Adam step size */
	float wd;           /* weight decay */
	const float *z;     /* [n][nf] normalised features */
	const float *y;     /* [n] normalised regression targets */
	const uint32_t *c;  /* [n] class indices */
	const unsigned *fold; /* [n] validation fold (member) of each row */
	float *hb;          /* [batch][hall] hidden after ReLU */
	float *ob;          /* [batch][k][no] outputs, then the loss gradient */
	float *dh;          /* [batch][hall] */
	float *xt;          /* [nf][batch] the batch's features, transposed */
	float *cnt;         /* [k] 1 / rows of the batch each member trains on */
	uint64_t t;         /* Adam steps */
} fitws;

/* A dot product in 8 interleaved partial sums added pairwise at the end:
 * a fixed order that the compiler can vectorise without reassociating,
 * and no chain of dependent additions. */
FE_KERNEL float
dot(size_t n, const float *restrict a, const float *restrict b)
{
	float acc[8] = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
	size_t j = 0, u;

#ifdef FE_SIMD128
	/* acc[0..3] and acc[4..7] in two vectors. */
	if (n >= 8) {
		v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;

		for (; j + 8 <= n; j += 8) {
			s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(a + j),
			                                       wasm_v128_load(b + j)));
			s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(a + j + 4),
			                                       wasm_v128_load(b + j + 4)));
		}
		if (j == n) {
			/* The pairwise sums of the end, lanes u and u + 4 first. */
			const v128_t h = wasm_f32x4_add(s0, s1);

			return (wasm_f32x4_extract_lane(h, 0) + wasm_f32x4_extract_lane(h, 1)) +
			       (wasm_f32x4_extract_lane(h, 2) + wasm_f32x4_extract_lane(h, 3));
		}
		wasm_v128_store(acc, s0);
		wasm_v128_store(acc + 4, s1);
	}
#endif
	for (; j + 8 <= n; j += 8)
		for (u = 0; u < 8; u++)
			acc[u] += a[j + u] * b[j + u];
	for (u = 0; j < n; j++, u++)
		acc[u] += a[j] * b[j];
	return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

/* Hidden units [@lo, @end) of row @x into @hi, after ReLU:
 * hi[c] = b1[c], then += x[q] * w1[q][c] for q ascending, sixteen units
 * at a time in registers. */
FE_KERNEL void
hidden_range(const fitws *w, const float *restrict x, float *restrict hi, size_t lo, size_t end)
{
	const size_t nf = w->nf, hall = w->hall;
	const float *w1 = w->p, *b1 = w->p + w->n_w;
	size_t c = lo, q;

	for (; c + 16 <= end; c += 16)
		fe_sum16(nf, x, 1, w1 + c, hall, b1 + c, 1, hi + c);
	for (; c < end; c++) {
		float a = b1[c];

		for (q = 0; q < nf; q++)
			a += x[q] * w1[q * hall + c];
		hi[c] = a > 0.0f ? a : 0.0f;
	}
}

/* Forward row @r through member @m's hidden units (already in @hi) to its
 * outputs @om. */
FE_INLINE void
output_member(const fitws *w, const float *restrict hi, float *restrict om, size_t m)
{
	const size_t no = w->no, hall = w->hall, a = w->off[m], len = w->off[m + 1] - a;
	const float *w2t = w->p + w->nf * hall, *b2 = w->p + w->n_w + hall;
	size_t j;

	for (j = 0; j < no; j++)
		om[j] = b2[m * no + j] + dot(len, hi + a, w2t + j * hall + a);
}

/* Forward row @r into hidden row @hi and outputs @oi ([k][no]): through
 * member @only alone when @only < k, else through every member but
 * @skip (the one row @r is held out of; k or more skips none).  A skipped
 * member's hidden units and outputs are left unwritten. */
FE_INLINE void
forward_row(const fitws *w, size_t r, float *restrict hi, float *restrict oi, size_t only,
            size_t skip)
{
	const float *x = w->z + r * w->nf;
	size_t m;

	if (only < w->k) {
		hidden_range(w, x, hi, w->off[only], w->off[only + 1]);
		output_member(w, hi, oi + only * w->no, only);
		return;
	}
	if (skip < w->k) {
		hidden_range(w, x, hi, 0, w->off[skip]);
		hidden_range(w, x, hi, w->off[skip + 1], w->hall);
	} else {
		hidden_range(w, x, hi, 0, w->hall);
	}
	for (m = 0; m < w->k; m++)
		if (m != skip)
			output_member(w, hi, oi + m * w->no, m);
}

/* The member row @r is held out of, or k (none) with a single member. */
static size_t
held_out(const fitws *w, size_t r)
{
	return w->k > 1 ? w->fold[r] : w->k;
}

/* One AdamW step on the rows @pos[0..m).  Returns the summed training loss
 * (over the members each row trains).  Row i's work for the member it is
 * held out of is skipped: its loss gradient would be zero, and adding the
 * zero terms would leave every sum as it is. */
FE_HOT FE_OUTLINE static double
step(fitws *w, const size_t *pos, size_t m, const fe_recipe *rp)
{
	const size_t nf = w->nf, no = w->no, hall = w->hall, k = w->k;
	const float *w2t = w->p + nf * hall;
	float *gw2t = w->g + nf * hall;
	float *gb1 = w->g + w->n_w, *gb2 = gb1 + hall;
	double l = 0.0;
	size_t i, q, c, mm, j;

	fe_recipe_batch_shares(m, pos, w->fold, k, w->cnt);
	for (i = 0; i < m; i++) {
		const size_t r = pos[i], skip = held_out(w, r);
		float *oi = w->ob + i * k * no;

		forward_row(w, r, w->hb + i * hall, oi, k, skip);
		for (mm = 0; mm < k; mm++)
			if (mm != skip)
				l += fe_loss_row(w->cls, no, oi + mm * no, w->cls ? w->c[r] : 0,
				              w->cls ? 0.0f : w->y[r], w->cnt[mm], w->smooth);
	}
	memset(w->g + nf * hall, 0, (w->n_p - nf * hall) * sizeof *w->g);
	for (i = 0; i < m; i++) {
		const size_t skip = held_out(w, pos[i]);
		const float *hi = w->hb + i * hall, *gi = w->ob + i * k * no;
		float *restrict di = w->dh + i * hall;

		for (q = 0; q < nf; q++)
			w->xt[q * m + i] = w->z[pos[i] * nf + q];
		for (mm = 0; mm < k; mm++) {
			const float *gm = gi + mm * no;
			const size_t lo = w->off[mm], len = w->off[mm + 1] - lo;

			for (c = lo; c < lo + len; c++)
				di[c] = 0.0f;
			if (mm == skip)
				continue;
			for (j = 0; j < no; j++) {
				fe_axpy(len, gm[j], w2t + j * hall + lo, di + lo);
				fe_axpy(len, gm[j], hi + lo, gw2t + j * hall + lo);
				gb2[mm * no + j] += gm[j];
			}
		}
	}
	/* Through the ReLU, then gb1 = the column sums of dh; a row's
	 * held-out block of dh is zeros, which change no sum. */
	fe_act_backward(FERRUM_ACT_RELU, m, hall, w->hb, w->dh, w->dh);
	fe_col_sums(m, hall, w->dh, gb1);
	/* The first layer's weight gradient, gw1[q][c] = sum over the batch
	 * rows i ascending of x_i[q] * dh_i[c]; the rows' held-out blocks of
	 * dh are zeros, which add nothing and cost less than a branch. */
	fe_gemm(nf, m, hall, w->xt, w->dh, w->g);
	fe_recipe_adamw(rp, w->lr, w->wd, ++w->t, w->n_w, w->n_p, w->p, w->m1, w->m2, w->g);
	return l;
}

/* The validation loss: every row through the member it was held out of;
 * *@errors receives the misclassified rows (classification). */
FE_HOT FE_OUTLINE static double
val_loss(fitws *w, size_t n, size_t *errors)
{
	double sum = 0.0;
	size_t r;

	*errors = 0;
	for (r = 0; r < n; r++) {
		const unsigned f = w->fold[r];
		float *o = w->ob + f * w->no;

		forward_row(w, r, w->hb, w->ob, f, w->k);
		if (w->cls && ferrum_argmax(o, w->no) != w->c[r])
			++*errors;
		sum += fe_loss_row(w->cls, w->no, o, w->cls ? w->c[r] : 0, w->cls ? 0.0f : w->y[r],
		                0.0f, 0.0f);
	}
	return sum;
}

/* Write the members, merged, into the net's two Linear layers. */
static void
merge(fe_net *net, const fitws *w)
{
	fe_layer *l1 = &net->layers[0], *l2 = &net->layers[2];
	const size_t nf = w->nf, no = w->no, hall = w->hall, k = w->k;
	const float *w2t = w->p + nf * hall, *b1 = w->p + w->n_w, *b2 = b1 + hall;
	size_t c, j, m;

	memcpy(l1->w, w->p, nf * hall * sizeof *l1->w);
	memcpy(l1->b, b1, hall * sizeof *l1->b);
	/* Averaging the members' outputs: their second-layer weights are
	 * divided by k, their biases averaged (summed in member order). */
	for (c = 0; c < hall; c++)
		for (j = 0; j < no; j++)
			l2->w[c * no + j] = w2t[j * hall + c] / (float)k;
	for (j = 0; j < no; j++) {
		float s = 0.0f;

		for (m = 0; m < k; m++)
			s += b2[m * no + j];
		l2->b[j] = s / (float)k;
	}
}

int
fe_recipe_monitor(const ferrum_train_options *o, size_t epoch, size_t epochs, size_t best_epoch,
                  size_t last_epoch, double loss, double val_loss, double best_val_loss)
{
	ferrum_progress p;

	p.epoch = epoch;
	p.epochs = epochs;
	p.best_epoch = best_epoch;
	p.last_epoch = last_epoch;
	p.loss = loss;
	p.val_loss = val_loss;
	p.best_val_loss = best_val_loss;
	return o->monitor(o->monitor_ctx, &p) != 0;
}

float
fe_recipe_step_size(float lr0, int anneal, size_t e, size_t epochs)
{
	/* Plain arithmetic, so no libm difference can change the model. */
	if (!anneal || epochs == 0 || e >= epochs)
		return lr0;
	return (float)((double)lr0 * (double)(epochs - e) / (double)epochs);
}

void
fe_recipe_batch_shares(size_t n, const size_t *pos, const unsigned *fold, size_t k, float *cnt)
{
	size_t i, m;

	for (m = 0; m < k; m++)
		cnt[m] = 0.0f;
	for (i = 0; i < n; i++)
		for (m = 0; m < k; m++)
			if ((k > 1 ? fold[pos[i]] : k) != m)
				cnt[m] += 1.0f;
	for (m = 0; m < k; m++)
		cnt[m] = cnt[m] > 0.0f ? 1.0f / cnt[m] : 0.0f;
}

void
fe_recipe_adamw(const fe_recipe *rp, float lr, float wd, uint64_t t, size_t n_w, size_t n_p,
                float *p, float *m1, float *m2, const float *g)
{
	fe_adam a;

	a.lr = lr;
	a.beta1 = rp->beta1;
	a.beta2 = rp->beta2;
	a.eps = rp->eps;
	a.t = t;
	a.weight_decay = wd;
	fe_adam_step(&a, n_w, p, m1, m2, g);
	a.weight_decay = 0.0f;
	fe_adam_step(&a, n_p - n_w, p + n_w, m1 + n_w, m2 + n_w, g + n_w);
}

void
fe_recipe_plan(const fe_recipe *rp, const ferrum_train_options *o, size_t n, size_t narrow,
               fe_plan *pl)
{
	size_t k = rp->folds;

	pl->epochs = o->epochs ? o->epochs : rp->epochs;
	pl->anneal = 0;
	/* K members, each of at least one unit and with at least two rows
	 * per fold; with fewer rows there is nothing to validate on and one
	 * network trains for the whole epoch limit. */
	if (k > narrow)
		k = narrow;
	if (k > n / 2)
		k = n / 2;
	pl->validate = k >= 2;
	pl->k = pl->validate ? k : 1;
	if (!o->epochs && pl->validate) {
		/* Large inputs need fewer epochs and would otherwise dominate
		 * the time; the budget counts rows times epochs. */
		size_t cap = rp->budget / n;

		if (cap < rp->min_epochs)
			cap = rp->min_epochs;
		if (cap < pl->epochs) {
			pl->epochs = cap;
			pl->anneal = 1;
		}
	}
	/* Small inputs take half-size batches: an epoch of a few hundred rows
	 * is otherwise only a few steps, and the noisier steps regularise
	 * where overfitting is the risk.  Large inputs keep the larger batch,
	 * whose steps are cheaper per row. */
	pl->batch = n < rp->small_rows ? rp->batch_small : rp->batch;
	if (pl->batch > n)
		pl->batch = n;
}

void
fe_recipe_epochs(const fe_recipe *rp, const ferrum_train_options *o, const fe_plan *pl, int cls,
                 fe_rng *rng, size_t *order, size_t n, const fe_epoch_ops *ops,
                 size_t *best_epoch, size_t *epochs_run, int *stopped)
{
	const size_t epochs = pl->epochs, batch = pl->batch, k = pl->k;
	const int validate = pl->validate;
	/* When the budget cuts the limit, the run is too short for the
	 * constant step size to settle: the steps start larger and fall
	 * linearly towards zero at the last epoch allowed. */
	const float lr0 = pl->anneal ? rp->lr_anneal : cls ? rp->lr_classify : rp->lr_regress;
	double best = INFINITY;
	size_t e, errs, be = 0, er = 0, stale = 0, best_errs = (size_t)-1;

	*stopped = 0;
	memcpy(ops->best, ops->p, ops->n_p * sizeof *ops->p);
	for (e = 0; e < epochs; e++) {
		double tl = 0.0, vl;
		size_t s;

		*ops->lr = fe_recipe_step_size(lr0, pl->anneal, e, epochs);
		fe_rng_shuffle(rng, order, n);
		/* The whole batches, then the rest. */
		for (s = 0; n - s > batch; s += batch)
			tl += ops->step(ops->ws, order + s, batch, rp);
		tl += ops->step(ops->ws, order + s, n - s, rp);
		er = e + 1;
		tl /= (double)(validate ? n * (k - 1) : n);
		if (o->progress != NULL)
			o->progress(o->progress_ctx, e + 1, epochs, tl);
		if (!validate) {
			be = e + 1;
			if (o->monitor != NULL &&
			    fe_recipe_monitor(o, e + 1, epochs, be, epochs, tl, NAN, NAN)) {
				*stopped = 1;
				break;
			}
			continue;
		}
		vl = ops->val_loss(ops->ws, n, &errs);
		/* Fewer misclassified rows win; the loss orders equal counts
		 * (and is all there is for regression). */
		if (errs < best_errs || (errs == best_errs && vl < best)) {
			best = vl;
			best_errs = errs;
			be = e + 1;
			stale = 0;
			memcpy(ops->best, ops->p, ops->n_p * sizeof *ops->p);
		} else {
			++stale;
		}
		if (o->monitor != NULL &&
		    fe_recipe_monitor(o, e + 1, epochs, be,
		                      be + rp->patience < epochs ? be + rp->patience : epochs, tl,
		                      vl / (double)n, best / (double)n)) {
			*stopped = 1;
			break;
		}
		if (stale >= rp->patience)
			break;
	}
	if (validate)
		memcpy(ops->p, ops->best, ops->n_p * sizeof *ops->p);
	*best_epoch = be;
	*epochs_run = er;
}

/* The one-layer workspace's step and validation loss for fe_recipe_epochs. */
static double
step_ops(void *ws, const size_t *pos, size_t m, const fe_recipe *rp)
{
	return step(ws, pos, m, rp);
}

static double
val_loss_ops(void *ws, size_t n, size_t *errors)
{
	return val_loss(ws, n, errors);
}

/* @rp with the settings @o gives in place of its own (weight decay, label
 * smoothing, patience, members, budget) into @out; returns @out, or @rp
 * itself when @o gives none of them. */
static const fe_recipe *
tune(const fe_recipe *rp, const ferrum_train_options *o, fe_recipe *out)
{
	if (!fe_tuning_given(o))
		return rp;
	*out = *rp;
	if (o->weight_decay > 0.0)
		out->wd_classify = out->wd_regress = (float)o->weight_decay;
	if (o->smoothing > 0.0)
		out->smooth = (float)o->smoothing;
	if (o->patience > 0)
		out->patience = o->patience;
	if (o->members > 0)
		out->folds = o->members;
	if (o->budget > 0)
		out->budget = o->budget;
	return out;
}

static int
fit(const fe_recipe *rp, const ferrum_table *t, const size_t *rows, size_t n,
    const ferrum_train_options *o, fe_rng *rng, fe_norm *norm, fe_net *net, fe_fit_info *info,
    ferrum_error *err)
{
	fe_recipe tuned;

	const int cls = ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION;
	const size_t nf = ferrum_table_n_features(t);
	const size_t no = cls ? ferrum_table_n_classes(t) : 1;
	size_t hidden = o->hidden ? o->hidden : rp->hidden;
	size_t i, j, k, m, best_epoch = 0, epochs_run = 0, *order = NULL;
	int stopped = 0;
	unsigned *fold = NULL;
	fe_fit_data d;
	fe_plan pl;
	fe_epoch_ops ops;
	fitws w;
	int rc = FERRUM_OK;

	memset(norm, 0, sizeof *norm);
	memset(net, 0, sizeof *net);
	memset(&w, 0, sizeof w);
	memset(&d, 0, sizeof d);
	rp = tune(rp, o, &tuned);
	if (o->n_layers > 1)
		return fe_fit_deep(rp, t, rows, n, o, rng, norm, net, info, err);
	if (n == 0 || nf == 0 || no == 0 || hidden == 0)
		return fe_error(err, FERRUM_EINVAL, "nothing to fit");
	fe_recipe_plan(rp, o, n, hidden, &pl);
	k = pl.k;

	rc = fe_fit_data_new(t, rows, n, &d, err);
	if (rc != FERRUM_OK)
		return rc;
	fold = fe_calloc_array(n, sizeof *fold);
	order = fe_alloc_array(n, sizeof *order);
	w.off = fe_alloc_array(k + 1, sizeof *w.off);
	if (fold == NULL || order == NULL || w.off == NULL)
		goto nomem;
	for (i = 0; i < n; i++)
		order[i] = i;
	if (pl.validate) {
		rc = fe_split_folds(t, rows, n, (unsigned)k, rng, fold, err);
		if (rc != FERRUM_OK)
			goto fail;
	}

	w.nf = nf;
	w.no = no;
	w.k = k;
	w.hall = hidden;
	w.cls = cls;
	w.z = d.z;
	w.y = d.y;
	w.c = d.c;
	w.fold = fold;
	w.batch = pl.batch;
	w.off[0] = 0;
	for (m = 0; m < k; m++)
		w.off[m + 1] = w.off[m] + hidden / k + (m < hidden % k ? 1 : 0);
	w.n_w = nf * hidden + hidden * no;
	w.n_p = w.n_w + hidden + k * no;
	/* p, m1, m2, g and best in one allocation. */
	w.p = fe_calloc_array(w.n_p, 5 * sizeof *w.p);
	w.hb = fe_calloc_array(w.batch, hidden * sizeof *w.hb);
	w.dh = fe_alloc_array(w.batch, hidden * sizeof *w.dh);
	w.xt = fe_alloc_array(w.batch, nf * sizeof *w.xt);
	w.ob = fe_alloc_array(w.batch, k * no * sizeof *w.ob);
	w.cnt = fe_alloc_array(k, sizeof *w.cnt);
	if (w.p == NULL || w.hb == NULL || w.dh == NULL || w.xt == NULL || w.ob == NULL ||
	    w.cnt == NULL)
		goto nomem;
	w.m1 = w.p + w.n_p;
	w.m2 = w.m1 + w.n_p;
	w.g = w.m2 + w.n_p;
	w.best = w.g + w.n_p;
	w.smooth = cls ? rp->smooth : 0.0f;
	w.wd = cls ? rp->wd_classify : rp->wd_regress;
	/* He initialisation for the ReLU layer, variance 1 / h for each
	 * member's output layer; biases start at zero. */
	{
		const float s1 = sqrtf(2.0f / (float)nf);
		float *w2t = w.p + nf * hidden;
		size_t c;

		for (j = 0; j < nf * hidden; j++)
			w.p[j] = fe_rng_normal(rng) * s1;
		for (m = 0; m < k; m++) {
			const float s2 = sqrtf(1.0f / (float)(w.off[m + 1] - w.off[m]));

			for (c = w.off[m]; c < w.off[m + 1]; c++)
				for (j = 0; j < no; j++)
					w2t[j * hidden + c] = fe_rng_normal(rng) * s2;
		}
	}
	/* Two calls a batch through a pointer, which also keep a WebAssembly
	 * optimiser from inlining the step into the epochs' loop (see
	 * FE_OUTLINE). */
	ops.ws = &w;
	ops.step = step_ops;
	ops.val_loss = val_loss_ops;
	ops.lr = &w.lr;
	ops.p = w.p;
	ops.best = w.best;
	ops.n_p = w.n_p;
	fe_recipe_epochs(rp, o, &pl, cls, rng, order, n, &ops, &best_epoch, &epochs_run, &stopped);

	rc = fe_net_mlp(net, nf, hidden, no, cls ? FERRUM_ACT_SOFTMAX : FERRUM_ACT_IDENTITY, err);
	if (rc != FERRUM_OK)
		goto fail;
	merge(net, &w);
	rc = fe_calibrate_members(net, &d, fold, k, w.off, w.p + w.n_w + hidden, info, err);
	if (rc != FERRUM_OK) {
		fe_net_free(net);
		goto fail;
	}
	/* The normaliser moves out to the caller. */
	*norm = d.norm;
	memset(&d.norm, 0, sizeof d.norm);
	if (info != NULL) {
		info->hidden = hidden;
		info->epochs = pl.epochs;
		info->epochs_run = epochs_run;
		info->best_epoch = best_epoch;
		info->stopped = stopped;
	}
	goto out;
nomem:
	rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
fail:
out:
	fe_fit_data_free(&d);
	free(w.p);
	free(w.hb);
	free(w.dh);
	free(w.xt);
	free(w.ob);
	free(w.cnt);
	free(w.off);
	free(order);
	free(fold);
	return rc;
}

const fe_recipe fe_recipe_default = {
	.name = "default",
	.split = fe_split_holdout,
	.fit = fit,
	.hidden = 160, /* 5 members of 32 */
	.epochs = 300,
	.batch = 32,
	.lr_classify = 3e-3f, /* Adam step sizes */
	.lr_regress = 2e-3f,
	.folds = 5,
	.min_epochs = 30,
	.budget = 1500000, /* housing's 16k rows get about 90 epochs */
	.lr_anneal = 6e-3f,
	.patience = 100,
	.batch_small = 16,
	.small_rows = 4096,
	.wd_classify = 5e-4f,
	.wd_regress = 3e-4f,
	.beta1 = 0.9f,
	.beta2 = 0.999f,
	.eps = 1e-8f,
	.smooth = 0.1f,
};

/* train.c: training (the original engine's recipe), hold-out and k-fold evaluation, metrics, the report.
 * SPDX-License-Identifier: MIT
 *
 * ferrum_train() splits the rows, asks a recipe (fe_fit_fn) for a
 * normaliser and a network, rounds the normaliser through its file text so
 * that every figure is measured on the model exactly as it will be saved,
 * scores it on the held-out and training rows, optionally runs k-fold
 * cross-validation, and assembles the model with its metadata.
 *
 * fe_train_fit_ferrum() is the original trainer.  It reproduces the golden
 * models bit for bit, so its arithmetic is float in the reference order
 * (notes: finf-v3.md sections 8-11); within that order it is free to be
 * fast: every buffer is allocated before the first epoch, the kernels run
 * contiguous inner loops, and the work the original throws away (the first
 * layer's input gradient, the per-epoch evaluation passes) is not done. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime for the report's seconds */

#include "ferrum-internal.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The original trainer's fixed settings. */
#define FERRUM_HIDDEN 64
#define FERRUM_EPOCHS 500
#define FERRUM_BATCH 32
#define FERRUM_MOMENTUM 0.9f
#define FERRUM_LR_CLASSIFY 0.05f
#define FERRUM_LR_REGRESS 0.01f

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

/* ---- helpers shared with recipe.c ------------------------------------- */

static int
task_outputs(const ferrum_table *t)
{
	return ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION ? (int)ferrum_table_n_classes(t)
	                                                          : 1;
}

int
fe_train_norm_fit(const ferrum_table *t, const size_t *rows, size_t n, fe_norm *norm,
                  ferrum_error *err)
{
	size_t nf = ferrum_table_n_features(t);
	const float *x = ferrum_table_features(t);
	const float *y = ferrum_table_targets(t);
	int reg = ferrum_table_task(t) == FERRUM_TASK_REGRESSION;
	size_t np = nf + (reg ? 1 : 0), i, j;
	float fn = (float)n;
	float *sum;

	memset(norm, 0, sizeof *norm);
	if (n == 0)
		return fe_error(err, FERRUM_EINVAL, "cannot fit on 0 rows");
	norm->mean = fe_calloc_array(np, sizeof *norm->mean);
	norm->std = fe_calloc_array(np, sizeof *norm->std);
	sum = fe_calloc_array(np, sizeof *sum);
	if (norm->mean == NULL || norm->std == NULL || sum == NULL) {
		free(sum);
		fe_norm_free(norm);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	norm->n = np;
	/* Row by row in the given order, every column at once: each column's
	 * sum still sees its terms in row order. */
	for (j = 0; j < nf; j++)
		sum[j] = 0.0f;
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;

		for (j = 0; j < nf; j++)
			sum[j] += xi[j];
	}
	for (j = 0; j < nf; j++)
		norm->mean[j] = sum[j] / fn;
	for (j = 0; j < nf; j++)
		sum[j] = 0.0f;
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;

		for (j = 0; j < nf; j++) {
			float d = xi[j] - norm->mean[j];

			sum[j] += d * d;
		}
	}
	for (j = 0; j < nf; j++) {
		float s = sqrtf(sum[j] / fn);

		norm->std[j] = s < 1e-8f ? 1.0f : s;
	}
	if (reg) {
		/* The original sums the target with an iterator sum that starts
		 * from -0.0 (a mean of all -0 targets stays -0). */
		float ts = -0.0f, vs = -0.0f, m, s;

		for (i = 0; i < n; i++)
			ts += y[rows[i]];
		m = ts / fn;
		for (i = 0; i < n; i++) {
			float d = y[rows[i]] - m;

			vs += d * d;
		}
		s = sqrtf(vs / fn);
		norm->mean[nf] = m;
		norm->std[nf] = s > 1e-8f ? s : 1e-8f;
	}
	free(sum);
	return FERRUM_OK;
}

int
fe_train_net_new(fe_net *net, size_t features, size_t hidden, size_t out, int task,
                 ferrum_error *err)
{
	fe_layer *l;

	memset(net, 0, sizeof *net);
	if (features == 0 || hidden == 0 || out == 0)
		return fe_error(err, FERRUM_EINVAL, "a network needs inputs, hidden units and outputs");
	l = fe_calloc_array(4, sizeof *l);
	if (l == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	net->layers = l;
	net->n_layers = 4;
	l[0].kind = FERRUM_LAYER_LINEAR;
	l[0].in = features;
	l[0].out = hidden;
	/* (n, width * sizeof) so the product is checked, on 32-bit too. */
	l[0].w = fe_calloc_array(features, hidden * sizeof(float));
	l[0].b = fe_calloc_array(hidden, sizeof(float));
	l[1].kind = FERRUM_LAYER_ACTIVATION;
	l[1].act = FERRUM_ACT_RELU;
	l[2].kind = FERRUM_LAYER_LINEAR;
	l[2].in = hidden;
	l[2].out = out;
	l[2].w = fe_calloc_array(hidden, out * sizeof(float));
	l[2].b = fe_calloc_array(out, sizeof(float));
	l[3].kind = FERRUM_LAYER_ACTIVATION;
	l[3].act = task == FERRUM_TASK_CLASSIFICATION ? FERRUM_ACT_SOFTMAX : FERRUM_ACT_IDENTITY;
	if (l[0].w == NULL || l[0].b == NULL || l[2].w == NULL || l[2].b == NULL) {
		fe_net_free(net);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	if (fe_net_finish(net, err) != FERRUM_OK) {
		fe_net_free(net);
		return err != NULL ? err->code : FERRUM_EINVAL;
	}
	return FERRUM_OK;
}

/* The number of held-out rows for @n rows: max(1, round(n * frac)), the
 * original's rule in float (roundf rounds half away from zero). */
static size_t
holdout_count(size_t n, double frac)
{
	float v = roundf((float)n * (float)frac);
	size_t k = v < 1.0f ? 1 : (size_t)v;

	return k > n ? n : k;
}

/* The positions 0..n-1 of @rows grouped by class: order[] lists them class
 * by class (each class's in ascending position), start[k] .. start[k+1]
 * delimit class k.  Regression puts every row in one group. */
static int
group_by_class(const ferrum_table *t, const size_t *rows, size_t n, size_t **order,
               size_t **start, size_t *groups)
{
	const uint32_t *lab = ferrum_table_labels(t);
	size_t nc = lab != NULL ? ferrum_table_n_classes(t) : 1;
	size_t *o, *s, *fill, i;

	if (nc == 0)
		nc = 1;
	o = fe_alloc_array(n ? n : 1, sizeof *o);
	s = fe_calloc_array(nc + 1, sizeof *s);
	fill = fe_calloc_array(nc + 1, sizeof *fill);
	if (o == NULL || s == NULL || fill == NULL) {
		free(o);
		free(s);
		free(fill);
		return FERRUM_ENOMEM;
	}
	for (i = 0; i < n; i++)
		s[(lab != NULL ? lab[rows[i]] : 0) + 1]++;
	for (i = 0; i < nc; i++)
		s[i + 1] += s[i];
	memcpy(fill, s, (nc + 1) * sizeof *fill);
	for (i = 0; i < n; i++)
		o[fill[lab != NULL ? lab[rows[i]] : 0]++] = i;
	free(fill);
	*order = o;
	*start = s;
	*groups = nc;
	return FERRUM_OK;
}

int
fe_train_split(const ferrum_table *t, const size_t *rows, size_t n, double frac, fe_rng *rng,
               size_t *train, size_t *n_train, size_t *hold, size_t *n_hold, ferrum_error *err)
{
	size_t *order, *start, *quota, groups, total, given, k, i, nt = 0, nh = 0;
	double *rem;

	if (n < 2)
		return fe_error(err, FERRUM_EINVAL, "cannot split %zu row%s", n, n == 1 ? "" : "s");
	if (!(frac > 0.0 && frac < 1.0))
		return fe_error(err, FERRUM_EINVAL, "the held-out fraction must be between 0 and 1");
	if (group_by_class(t, rows, n, &order, &start, &groups) != FERRUM_OK)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	total = holdout_count(n, frac);
	if (total >= n)
		total = n - 1; /* keep at least one training row */
	quota = fe_calloc_array(groups, sizeof *quota);
	rem = fe_calloc_array(groups, sizeof *rem);
	if (quota == NULL || rem == NULL) {
		free(quota);
		free(rem);
		free(order);
		free(start);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	/* Largest remainders: each class gets the floor of its exact share of
	 * the held-out rows; the rows left over go to the classes with the
	 * largest fractional parts (the lower class index on a tie). */
	given = 0;
	for (k = 0; k < groups; k++) {
		size_t nk = start[k + 1] - start[k];
		double exact = (double)total * (double)nk / (double)n;

		quota[k] = (size_t)floor(exact);
		rem[k] = exact - (double)quota[k];
		given += quota[k];
	}
	while (given < total) {
		size_t best = groups;

		for (k = 0; k < groups; k++) {
			size_t nk = start[k + 1] - start[k];

			if (quota[k] < nk && (best == groups || rem[k] > rem[best]))
				best = k;
		}
		if (best == groups)
			break;
		quota[best]++;
		rem[best] = -1.0;
		given++;
	}
	/* Shuffle within each class; its first quota rows are held out. */
	for (k = 0; k < groups; k++) {
		size_t nk = start[k + 1] - start[k];

		fe_rng_shuffle(rng, order + start[k], nk);
		for (i = 0; i < nk; i++) {
			if (i < quota[k])
				hold[nh++] = rows[order[start[k] + i]];
			else
				train[nt++] = rows[order[start[k] + i]];
		}
	}
	free(quota);
	free(rem);
	free(order);
	free(start);
	*n_train = nt;
	*n_hold = nh;
	return FERRUM_OK;
}

int
fe_train_folds(const ferrum_table *t, const size_t *rows, size_t n, unsigned k, fe_rng *rng,
               unsigned *fold, ferrum_error *err)
{
	size_t *order, *start, groups, g, pos;
	unsigned next = 0;

	if (k < 2 || (size_t)k > n)
		return fe_error(err, FERRUM_EINVAL, "cannot cut %zu rows into %u folds", n, k);
	if (group_by_class(t, rows, n, &order, &start, &groups) != FERRUM_OK)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	/* Dealing round-robin across the classes in turn keeps every fold's
	 * class mix within one row of the whole's, and the fold sizes within
	 * one row of each other. */
	for (g = 0; g < groups; g++) {
		fe_rng_shuffle(rng, order + start[g], start[g + 1] - start[g]);
		for (pos = start[g]; pos < start[g + 1]; pos++) {
			fold[order[pos]] = next;
			next = (next + 1) % k;
		}
	}
	free(order);
	free(start);
	return FERRUM_OK;
}

/* ---- the ferrum recipe ------------------------------------------------ */

/* The working set of one ferrum fit.  During training the second layer's
 * weights are kept transposed (w2t: [out][hidden]) so that every inner loop
 * runs over a contiguous dimension that is not summed over; the sums keep
 * the reference order, so transposing changes no bit. */
typedef struct ferrum_ws {
	size_t nf, nh, no, batch;
	float *xb;   /* [batch][nf] the mini-batch, normalised */
	float *yb;   /* [batch] regression targets, normalised */
	uint32_t *cb;/* [batch] class indices */
	float *h;    /* [batch][nh] hidden activations after ReLU */
	float *mk;   /* [batch][nh] the ReLU's gradient mask: 1 where the
	                pre-activation was > 0, else 0 */
	float *ht;   /* [nh][batch] the same, transposed */
	float *ot;   /* [no][batch] logits / outputs, transposed */
	float *g;    /* [batch][no] loss gradient */
	float *dh;   /* [batch][nh] hidden gradient */
	float *dw1, *db1, *dw2t, *db2;
	float *vw1, *vb1, *vw2t, *vb2; /* momentum */
	float *w1, *b1, *w2t, *b2;
} ferrum_ws;

static inline void
zero(size_t n, float *restrict c)
{
	size_t j;

	for (j = 0; j < n; j++)
		c[j] = 0.0f;
}

/* One SGD step on the mini-batch already in ws->xb and ws->yb / ws->cb.
 * Returns the batch's summed loss when @want_loss, else 0. */
static double
ferrum_step(ferrum_ws *w, int cls, float inv, float lr, int want_loss)
{
	const size_t nf = w->nf, nh = w->nh, no = w->no, nb = w->batch;
	double loss = 0.0;
	size_t i, p, k;

	/* Hidden layer: h = relu(xb . W1 + b1); the bias after the sum. */
	fe_gemm(nb, nf, nh, w->xb, w->w1, w->h);
	for (i = 0; i < nb; i++) {
		float *restrict hi = w->h + i * nh;
		float *restrict mi = w->mk + i * nh;

		for (p = 0; p < nh; p++)
			hi[p] = hi[p] + w->b1[p];
		/* Separate loops, so that each is a plain select the compiler
		 * vectorises. */
		for (p = 0; p < nh; p++)
			mi[p] = hi[p] > 0.0f ? 1.0f : 0.0f;
		for (p = 0; p < nh; p++)
			hi[p] = hi[p] > 0.0f ? hi[p] : 0.0f;
	}
	for (p = 0; p < nh; p++) {
		float *restrict tp = w->ht + p * nb;
		const float *restrict hp = w->h + p;

		for (i = 0; i < nb; i++)
			tp[i] = hp[i * nh];
	}
	/* Output layer, one output at a time across the batch. */
	fe_gemm(no, nh, nb, w->w2t, w->ht, w->ot);
	for (k = 0; k < no; k++) {
		float *restrict ok = w->ot + k * nb;

		for (i = 0; i < nb; i++)
			ok[i] = ok[i] + w->b2[k];
	}
	/* The loss gradient, scaled by the float reciprocal of the batch. */
	if (cls) {
		for (i = 0; i < nb; i++) {
			float *gi = w->g + i * no, mx = -INFINITY, sum = 0.0f;

			for (k = 0; k < no; k++)
				if (w->ot[k * nb + i] > mx)
					mx = w->ot[k * nb + i];
			for (k = 0; k < no; k++) {
				gi[k] = expf(w->ot[k * nb + i] - mx);
				sum += gi[k];
			}
			for (k = 0; k < no; k++)
				gi[k] = gi[k] / sum;
			if (want_loss) {
				float pt = gi[w->cb[i]];

				loss += -log((double)(pt > 1e-12f ? pt : 1e-12f));
			}
			for (k = 0; k < no; k++)
				gi[k] = (gi[k] - (k == w->cb[i] ? 1.0f : 0.0f)) * inv;
		}
	} else {
		for (i = 0; i < nb; i++) {
			float d = w->ot[i] - w->yb[i];

			if (want_loss)
				loss += (double)d * (double)d;
			w->g[i] = (2.0f * d) * inv;
		}
	}
	/* dW2 = h^T g and db2 = column sums of g, rows in ascending order. */
	for (k = 0; k < no; k++) {
		float *restrict dk = w->dw2t + k * nh;
		float s = 0.0f;

		zero(nh, dk);
		for (i = 0; i < nb; i++) {
			fe_axpy(nh, w->g[i * no + k], w->h + i * nh, dk);
			s += w->g[i * no + k];
		}
		w->db2[k] = s;
	}
	/* dh = g W2^T through the ReLU mask (with the weights before the
	 * step); the first layer's input gradient is never needed. */
	for (i = 0; i < nb; i++) {
		float *restrict di = w->dh + i * nh;
		const float *restrict mi = w->mk + i * nh;

		zero(nh, di);
		for (k = 0; k < no; k++)
			fe_axpy(nh, w->g[i * no + k], w->w2t + k * nh, di);
		/* A multiplication by the 0/1 mask, as the reference does (a
		 * select would differ on -0 and on inf * 0). */
		for (p = 0; p < nh; p++)
			di[p] = di[p] * mi[p];
	}
	/* dW1 = xb^T dh and db1 = column sums of dh. */
	zero(nf * nh, w->dw1);
	zero(nh, w->db1);
	for (i = 0; i < nb; i++) {
		const float *di = w->dh + i * nh;

		for (p = 0; p < nf; p++)
			fe_axpy(nh, w->xb[i * nf + p], di, w->dw1 + p * nh);
		fe_axpy(nh, 1.0f, di, w->db1);
	}
	fe_sgd_momentum(nf * nh, w->w1, w->vw1, w->dw1, lr, FERRUM_MOMENTUM);
	fe_sgd_momentum(nh, w->b1, w->vb1, w->db1, lr, FERRUM_MOMENTUM);
	fe_sgd_momentum(nh * no, w->w2t, w->vw2t, w->dw2t, lr, FERRUM_MOMENTUM);
	fe_sgd_momentum(no, w->b2, w->vb2, w->db2, lr, FERRUM_MOMENTUM);
	return loss;
}

int
fe_train_fit_ferrum(const ferrum_table *t, const size_t *rows, size_t n,
                    const ferrum_train_options *o, fe_rng *rng, fe_norm *norm, fe_net *net,
                    fe_fit_info *info, ferrum_error *err)
{
	const int cls = ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION;
	const size_t nf = ferrum_table_n_features(t);
	const size_t no = (size_t)task_outputs(t);
	const size_t nh = o->hidden ? o->hidden : FERRUM_HIDDEN;
	const size_t epochs = o->epochs ? o->epochs : FERRUM_EPOCHS;
	const float lr = cls ? FERRUM_LR_CLASSIFY : FERRUM_LR_REGRESS;
	const float *x = ferrum_table_features(t);
	const float *y = ferrum_table_targets(t);
	const uint32_t *lab = ferrum_table_labels(t);
	size_t batch, steps, e, s, i, j, k, total;
	float *xs = NULL, *ys = NULL, *buf = NULL, *w2, inv, scale;
	uint32_t *cs = NULL, *cb = NULL;
	ferrum_ws ws;
	int rc;

	memset(net, 0, sizeof *net);
	memset(norm, 0, sizeof *norm);
	if (n == 0)
		return fe_error(err, FERRUM_EINPUT, "cannot fit on 0 rows");
	if (nh > MAX_HIDDEN)
		return fe_error(err, FERRUM_EINVAL, "hidden width %zu is too large", nh);
	rc = fe_train_norm_fit(t, rows, n, norm, err);
	if (rc != FERRUM_OK)
		return rc;
	rc = fe_train_net_new(net, nf, nh, no, ferrum_table_task(t), err);
	if (rc != FERRUM_OK) {
		fe_norm_free(norm);
		return rc;
	}

	/* The normalised training rows, in the given order. */
	batch = n < FERRUM_BATCH ? n : FERRUM_BATCH;
	steps = (n + batch - 1) / batch;
	if (fe_mul_size(n, nf, &total) != 0)
		goto nomem;
	xs = fe_alloc_array(total, sizeof *xs);
	if (cls)
		cs = fe_alloc_array(n, sizeof *cs);
	else
		ys = fe_alloc_array(n, sizeof *ys);
	if (xs == NULL || (cls ? cs == NULL : ys == NULL))
		goto nomem;
	for (i = 0; i < n; i++) {
		const float *xi = x + rows[i] * nf;
		float *zi = xs + i * nf;

		for (j = 0; j < nf; j++)
			zi[j] = (xi[j] - norm->mean[j]) / norm->std[j];
		if (cls)
			cs[i] = lab[rows[i]];
		else
			ys[i] = (y[rows[i]] - norm->mean[nf]) / norm->std[nf];
	}

	/* Every buffer of the epoch loop, in one allocation. */
	{
		size_t sz = 0, part[17];
		float *q;

		part[0] = batch * nf;  /* xb */
		part[1] = batch;       /* yb */
		part[2] = batch * nh;  /* h */
		part[3] = batch * nh;  /* ht */
		part[4] = batch * no;  /* ot */
		part[5] = batch * no;  /* g */
		part[6] = batch * nh;  /* dh */
		part[7] = nf * nh;     /* dw1 */
		part[8] = nh;          /* db1 */
		part[9] = nh * no;     /* dw2t */
		part[10] = no;         /* db2 */
		part[11] = nf * nh;    /* vw1 */
		part[12] = nh;         /* vb1 */
		part[13] = nh * no;    /* vw2t */
		part[14] = no;         /* vb2 */
		part[15] = nh * no;    /* w2t */
		part[16] = batch * nh; /* mk */
		for (k = 0; k < 17; k++)
			if (fe_add_size(sz, part[k], &sz) != 0)
				goto nomem;
		buf = fe_calloc_array(sz, sizeof *buf);
		cb = fe_alloc_array(batch, sizeof *cb);
		if (buf == NULL || cb == NULL)
			goto nomem;
		q = buf;
		ws.xb = q, q += part[0];
		ws.yb = q, q += part[1];
		ws.h = q, q += part[2];
		ws.ht = q, q += part[3];
		ws.ot = q, q += part[4];
		ws.g = q, q += part[5];
		ws.dh = q, q += part[6];
		ws.dw1 = q, q += part[7];
		ws.db1 = q, q += part[8];
		ws.dw2t = q, q += part[9];
		ws.db2 = q, q += part[10];
		ws.vw1 = q, q += part[11];
		ws.vb1 = q, q += part[12];
		ws.vw2t = q, q += part[13];
		ws.vb2 = q, q += part[14];
		ws.w2t = q, q += part[15];
		ws.mk = q;
	}
	ws.nf = nf;
	ws.nh = nh;
	ws.no = no;
	ws.batch = batch;
	ws.cb = cb;
	ws.w1 = net->layers[0].w;
	ws.b1 = net->layers[0].b;
	ws.b2 = net->layers[2].b;
	w2 = net->layers[2].w;

	/* Initialisation: W1 then W2, row-major, from the generator; biases
	 * and momenta zero. */
	scale = sqrtf(2.0f / (float)nf);
	for (i = 0; i < nf * nh; i++)
		ws.w1[i] = fe_rng_normal(rng) * scale;
	scale = sqrtf(1.0f / (float)nh);
	for (i = 0; i < nh * no; i++)
		w2[i] = fe_rng_normal(rng) * scale;
	for (j = 0; j < nh; j++)
		for (k = 0; k < no; k++)
			ws.w2t[k * nh + j] = w2[j * no + k];

	inv = 1.0f / (float)batch;
	for (e = 1; e <= epochs; e++) {
		double loss = 0.0;

		for (s = 0; s < steps; s++) {
			/* The batch, drawn with replacement. */
			for (i = 0; i < batch; i++) {
				size_t r = (size_t)(fe_rng_next(rng) % (uint64_t)n);

				for (j = 0; j < nf; j++)
					ws.xb[i * nf + j] = xs[r * nf + j];
				if (cls)
					cb[i] = cs[r];
				else
					ws.yb[i] = ys[r];
			}
			loss += ferrum_step(&ws, cls, inv, lr, o->progress != NULL);
		}
		if (o->progress != NULL)
			o->progress(o->progress_ctx, e, epochs, loss / (double)(steps * batch));
	}
	for (j = 0; j < nh; j++)
		for (k = 0; k < no; k++)
			w2[j * no + k] = ws.w2t[k * nh + j];
	info->hidden = nh;
	info->epochs = epochs;
	info->epochs_run = epochs;
	info->best_epoch = epochs;
	free(xs);
	free(ys);
	free(cs);
	free(cb);
	free(buf);
	return FERRUM_OK;

nomem:
	free(xs);
	free(ys);
	free(cs);
	free(cb);
	free(buf);
	fe_net_free(net);
	fe_norm_free(norm);
	return fe_error(err, FERRUM_ENOMEM, "out of memory");
}

/* ---- metrics ---------------------------------------------------------- */

static void
metrics_nan(ferrum_metrics *m, int task, size_t n)
{
	m->task = task;
	m->rows = n;
	m->accuracy = m->macro_f1 = m->log_loss = NAN;
	m->rmse = m->mae = m->r2 = NAN;
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

		if (confusion != NULL)
			memset(confusion, 0, width * width * sizeof *confusion);
		if (n == 0 || width == 0 || labels == NULL)
			return;
		tp = fe_calloc_array(3 * width, sizeof *tp);
		if (tp == NULL)
			return;
		fp = tp + width;
		fn = fp + width;
		for (i = 0; i < n; i++) {
			const float *oi = out + i * width;
			size_t pred = ferrum_argmax(oi, width);
			size_t truth = labels[i] < width ? labels[i] : 0;
			double p = labels[i] < width ? (double)oi[truth] : 0.0;

			if (!(p > 1e-15)) /* also NaN */
				p = 1e-15;
			ll += -log(p);
			if (pred == truth) {
				correct++;
				tp[truth]++;
			} else {
				fp[pred]++;
				fn[truth]++;
			}
			if (confusion != NULL)
				confusion[truth * width + pred]++;
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

/* Score the network on @n table rows, through @norm as it is stored. */
static int
evaluate(const ferrum_table *t, const size_t *rows, size_t n, const fe_norm *norm,
         const fe_net *net, ferrum_metrics *m, size_t *confusion, ferrum_error *err)
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

			for (j = 0; j < nf; j++)
				z[i * nf + j] = (xi[j] - norm->mean[j]) / norm->std[j];
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
	return recipe == FERRUM_RECIPE_FERRUM ? "ferrum" : "default";
}

static void
put_metrics(fe_buf *b, const ferrum_metrics *m)
{
	if (m->task == FERRUM_TASK_CLASSIFICATION) {
		fe_buf_puts(b, "{\"accuracy\":");
		fe_json_put_double(b, m->accuracy);
		fe_buf_puts(b, ",\"macro_f1\":");
		fe_json_put_double(b, m->macro_f1);
		fe_buf_puts(b, ",\"log_loss\":");
		fe_json_put_double(b, m->log_loss);
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
build_meta(const ferrum_table *t, const ferrum_train_options *o, fe_meta *m, ferrum_error *err)
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
		m->target_name = dupname(o->recipe == FERRUM_RECIPE_FERRUM ? ""
		                                                           : ferrum_table_target_name(t));
		m->target_range[0] = 0.0f;
		m->target_range[1] = (float)(nc > 0 ? nc - 1 : 0);
	} else {
		const char *tn = ferrum_table_target_name(t);

		if (o->recipe == FERRUM_RECIPE_FERRUM || tn == NULL || *tn == '\0')
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

	rc = fe_meta_set_extra(m, "recipe", r->recipe == FERRUM_RECIPE_FERRUM ? "\"ferrum\""
	                                                                     : "\"default\"");
	if (rc == FERRUM_OK) {
		fe_snprintf_c(num, sizeof num, "%llu", (unsigned long long)r->seed);
		rc = fe_meta_set_extra(m, "seed", num);
	}
	if (rc == FERRUM_OK) {
		fe_snprintf_c(num, sizeof num, "%zu", r->epochs_run);
		rc = fe_meta_set_extra(m, "epochs_run", num);
	}
	if (rc == FERRUM_OK) {
		fe_buf_init(&b);
		put_metrics(&b, &r->holdout);
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

static int
check_options(const ferrum_table *t, const ferrum_train_options *o, ferrum_error *err)
{
	size_t nr = ferrum_table_n_rows(t);

	if (o->recipe != FERRUM_RECIPE_DEFAULT && o->recipe != FERRUM_RECIPE_FERRUM)
		return fe_error(err, FERRUM_EINVAL, "unknown recipe %d", o->recipe);
	if (!(o->holdout > 0.0 && o->holdout < 1.0))
		return fe_error(err, FERRUM_EINVAL, "the held-out fraction must be between 0 and 1");
	if (o->hidden > MAX_HIDDEN)
		return fe_error(err, FERRUM_EINVAL, "hidden width %zu is too large (at most %zu)",
		                o->hidden, MAX_HIDDEN);
	if (o->epochs > MAX_EPOCHS)
		return fe_error(err, FERRUM_EINVAL, "%zu epochs is too many (at most %zu)", o->epochs,
		                MAX_EPOCHS);
	if (o->cv == 1 || o->cv > MAX_CV)
		return fe_error(err, FERRUM_EINVAL, "cross-validation needs 2 to %u folds", MAX_CV);
	if (nr < 2)
		return fe_error(err, FERRUM_EINPUT, "%zu row%s: at least 2 are needed to train", nr,
		                nr == 1 ? "" : "s");
	if (o->cv > nr)
		return fe_error(err, FERRUM_EINPUT, "%u folds need at least %u rows, there are %zu",
		                o->cv, o->cv, nr);
	if (ferrum_table_n_features(t) == 0)
		return fe_error(err, FERRUM_EINPUT, "no feature columns");
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
	free(r);
}

/* K-fold cross-validation into @r. */
static int
cross_validate(const ferrum_table *t, const ferrum_train_options *o, fe_fit_fn *fit,
               ferrum_train_report *r, ferrum_error *err)
{
	const size_t nr = ferrum_table_n_rows(t);
	const unsigned k = o->cv;
	ferrum_train_options fo = *o;
	size_t *all, *tr, *te, i, ntr, nte;
	unsigned *fold, f;
	fe_rng rng;
	int rc = FERRUM_OK;

	fo.progress = NULL;
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
	rc = fe_train_folds(t, all, nr, k, &rng, fold, err);
	if (rc != FERRUM_OK)
		goto out;
	metrics_nan(&r->cv_mean, r->task, nr);
	for (f = 0; f < k; f++) {
		fe_norm norm;
		fe_net net;
		fe_fit_info info;
		fe_rng frng;

		ntr = nte = 0;
		for (i = 0; i < nr; i++) {
			if (fold[i] == f)
				te[nte++] = i;
			else
				tr[ntr++] = i;
		}
		/* Each fold starts from the seed, shuffles its training rows and
		 * fits from there, independent of the other folds. */
		fe_rng_seed(&frng, o->seed);
		fe_rng_shuffle(&frng, tr, ntr);
		rc = fit(t, tr, ntr, &fo, &frng, &norm, &net, &info, err);
		if (rc != FERRUM_OK)
			goto out;
		rc = round_norm(&norm, err);
		if (rc == FERRUM_OK)
			rc = evaluate(t, te, nte, &norm, &net, &r->cv_folds[f], NULL, err);
		fe_norm_free(&norm);
		fe_net_free(&net);
		if (rc != FERRUM_OK)
			goto out;
	}
	/* Unweighted means of the fold figures. */
	{
		ferrum_metrics *mn = &r->cv_mean;
		double a = 0, f1 = 0, ll = 0, rm = 0, ma = 0, r2 = 0;

		for (f = 0; f < k; f++) {
			a += r->cv_folds[f].accuracy;
			f1 += r->cv_folds[f].macro_f1;
			ll += r->cv_folds[f].log_loss;
			rm += r->cv_folds[f].rmse;
			ma += r->cv_folds[f].mae;
			r2 += r->cv_folds[f].r2;
		}
		if (r->task == FERRUM_TASK_CLASSIFICATION) {
			mn->accuracy = a / k;
			mn->macro_f1 = f1 / k;
			mn->log_loss = ll / k;
		} else {
			mn->rmse = rm / k;
			mn->mae = ma / k;
			mn->r2 = r2 / k;
		}
	}
out:
	free(all);
	free(tr);
	free(te);
	free(fold);
	return rc;
}

int
ferrum_train(const ferrum_table *t, const ferrum_train_options *opts, ferrum_model **model,
             ferrum_train_report **report, ferrum_error *err)
{
	ferrum_train_options defaults;
	const ferrum_train_options *o = opts;
	ferrum_train_report *r = NULL;
	fe_fit_fn *fit;
	size_t nr, *train = NULL, *hold = NULL, ntr = 0, nho = 0, i;
	fe_norm norm;
	fe_net net;
	fe_meta meta;
	fe_fit_info info;
	fe_rng rng;
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
	fit = o->recipe == FERRUM_RECIPE_FERRUM ? fe_train_fit_ferrum : fe_train_fit_default;
	nr = ferrum_table_n_rows(t);
	r = calloc(1, sizeof *r);
	train = fe_alloc_array(nr, sizeof *train);
	hold = fe_alloc_array(nr, sizeof *hold);
	if (r == NULL || train == NULL || hold == NULL) {
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

	fe_rng_seed(&rng, o->seed);
	if (o->recipe == FERRUM_RECIPE_FERRUM) {
		/* The original's split: shuffle every row index from the top,
		 * the first val_n are held out, both parts in shuffled order. */
		size_t *idx = hold; /* reuse as the shuffled list */

		for (i = 0; i < nr; i++)
			idx[i] = i;
		fe_rng_shuffle(&rng, idx, nr);
		nho = holdout_count(nr, o->holdout);
		ntr = nr - nho;
		memcpy(train, idx + nho, ntr * sizeof *train);
		if (ntr == 0) {
			rc = fe_error(err, FERRUM_EINPUT, "cannot fit on 0 rows (%zu held out of %zu)",
			              nho, nr);
			goto fail;
		}
	} else {
		size_t *all = fe_alloc_array(nr, sizeof *all);

		if (all == NULL) {
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
			goto fail;
		}
		for (i = 0; i < nr; i++)
			all[i] = i;
		rc = fe_train_split(t, all, nr, o->holdout, &rng, train, &ntr, hold, &nho, err);
		free(all);
		if (rc != FERRUM_OK)
			goto fail;
	}
	r->train_rows = ntr;
	r->holdout_rows = nho;

	rc = fit(t, train, ntr, o, &rng, &norm, &net, &info, err);
	if (rc != FERRUM_OK)
		goto fail;
	r->hidden = info.hidden;
	r->epochs = info.epochs;
	r->epochs_run = info.epochs_run;
	r->best_epoch = info.best_epoch;
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
	rc = evaluate(t, hold, nho, &norm, &net, &r->holdout, r->confusion, err);
	if (rc == FERRUM_OK)
		rc = evaluate(t, train, ntr, &norm, &net, &r->train, NULL, err);
	if (rc == FERRUM_OK && o->cv >= 2)
		rc = cross_validate(t, o, fit, r, err);
	if (rc != FERRUM_OK)
		goto fail;

	if (model != NULL) {
		rc = build_meta(t, o, &meta, err);
		if (rc == FERRUM_OK && o->recipe != FERRUM_RECIPE_FERRUM)
			rc = set_extras(&meta, r, err);
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
	free(train);
	free(hold);
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
	free(train);
	free(hold);
	fe_norm_free(&norm);
	fe_net_free(&net);
	fe_meta_free(&meta);
	ferrum_train_report_free(r);
	return rc;
}

int
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
	put_metrics(&b, &r->holdout);
	fe_buf_puts(&b, ",\"train\":");
	put_metrics(&b, &r->train);
	if (r->cv_k > 0) {
		fe_buf_printf(&b, ",\"cv\":{\"k\":%u,\"folds\":[", r->cv_k);
		for (f = 0; f < r->cv_k; f++) {
			if (f > 0)
				fe_buf_putc(&b, ',');
			put_metrics(&b, &r->cv_folds[f]);
		}
		fe_buf_puts(&b, "],\"mean\":");
		put_metrics(&b, &r->cv_mean);
		fe_buf_putc(&b, '}');
	}
	fe_buf_putc(&b, '}');
	*json = fe_buf_take(&b, len);
	return *json != NULL ? FERRUM_OK : FERRUM_ENOMEM;
}

/* recipe-deep.c: the default recipe's fit with more than one hidden layer.
 * SPDX-License-Identifier: MIT
 *
 * The same cross-fitted ensemble as recipe-default.c, with the same folds,
 * batches, AdamW settings, schedule and early stopping: K members train
 * side by side, member k never on fold k, and the best epoch of the K
 * validation scores together is kept.  Each member is F -> h1 -> ... ->
 * hL -> O with ReLU after every hidden layer; the widths asked for are the
 * merged network's, each shared among the members as the one-layer recipe
 * shares its width (H / K units, the first H % K members one more).
 *
 * Merged, the members make one ordinary chain: Linear(F, H1), ReLU, then
 * for each further layer Linear(H(l-1), Hl) holding the members' blocks
 * on its diagonal and zeros elsewhere, ReLU, and Linear(HL, O) averaging
 * the members' outputs (weights / K, biases averaged), then Softmax or
 * Identity.  A member's units only ever see their own member's units, so
 * the merged network computes the mean of the members' outputs (the mean
 * logits, for classification) up to the order of float sums.
 *
 * Parameters live in one block, the weights (decayed) first:
 *   W1  [nf][H1]                    members' columns side by side
 *   Wl  member blocks [a][b], l >= 2 (a, b: the member's widths)
 *   Wot [no][HL]                    the output layer, transposed
 * then the biases b1 [H1], ..., bL [HL], bo [k][no].
 *
 * Everything is float with sums in a fixed order and the caller's
 * generator, so one seed gives one model, byte for byte. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct deepws {
	size_t nf, no, k, nl, batch;
	int cls;
	const size_t *width; /* [nl] the merged widths */
	size_t *off;         /* [nl][k + 1] first unit of each member, per layer */
	size_t *wat;         /* [nl + 1] first weight of each layer (nl: Wot) */
	size_t *bat;         /* [nl + 1] first bias of each layer (nl: bo) */
	size_t *blk;         /* [nl][k] first weight of member m's block, l >= 1 */
	size_t *hat;         /* [nl] first float of layer l in hb and db */
	size_t n_w, n_p;     /* weights, all parameters */
	float *p, *m1, *m2, *g, *best;
	float smooth, lr, wd;
	const float *z;      /* [n][nf] normalised features */
	const float *y;      /* [n] normalised regression targets */
	const uint32_t *c;   /* [n] class indices */
	const unsigned *fold;/* [n] validation fold (member) of each row */
	float *hb;           /* layer l: [batch][Hl] at hat[l], after ReLU */
	float *db;           /* the same shape: the loss gradient */
	float *ob;           /* [batch][k][no] outputs, then the loss gradient */
	float *xt;           /* [nf][batch] the batch's features, transposed */
	float *cnt;          /* [k] 1 / rows of the batch each member trains on */
	uint64_t t;          /* Adam steps */
} deepws;

#define OFF(w, l, m) ((w)->off[(l) * ((w)->k + 1) + (m)])

static size_t
held_out(const deepws *w, size_t r)
{
	return w->k > 1 ? w->fold[r] : w->k;
}

/* A dot product in 8 partial sums added pairwise at the end. */
FE_INLINE float
dot8(size_t n, const float *restrict a, const float *restrict b)
{
	float acc[8] = {0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f, 0.0f};
	size_t j = 0, u;

	for (; j + 8 <= n; j += 8)
		for (u = 0; u < 8; u++)
			acc[u] += a[j + u] * b[j + u];
	for (u = 0; j < n; j++, u++)
		acc[u] += a[j] * b[j];
	return ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]));
}

/* Member @m of row @x forward: hidden rows @h[l] (layer l's row of width
 * Hl) and outputs @om.  Inputs that are zero after a ReLU are passed
 * over: they would add +0 to every sum. */
FE_INLINE void
forward_member(const deepws *w, const float *restrict x, float *const *h, float *restrict om,
               size_t m)
{
	const float *p = w->p;
	const size_t h0 = w->width[0];
	size_t l, i, q, j, lo, len;

	/* The first layer sixteen units at a time in registers, each unit's
	 * sum b + x0 w0 + x1 w1 + ... in that order. */
	lo = OFF(w, 0, m);
	len = OFF(w, 0, m + 1) - lo;
	for (i = lo; i + 16 <= lo + len; i += 16)
		fe_sum16(w->nf, x, 1, p + i, h0, p + w->bat[0] + i, 1, h[0] + i);
	for (; i < lo + len; i++) {
		float a = p[w->bat[0] + i];

		for (q = 0; q < w->nf; q++)
			a += x[q] * p[q * h0 + i];
		h[0][i] = a > 0.0f ? a : 0.0f;
	}
	for (l = 1; l < w->nl; l++) {
		const size_t a = OFF(w, l - 1, m), na = OFF(w, l - 1, m + 1) - a;
		const size_t b = OFF(w, l, m), nb = OFF(w, l, m + 1) - b;
		const float *wb = p + w->blk[l * w->k + m];
		float *restrict out = h[l] + b;

		size_t u = 0;

		/* Sixteen units at a time in registers (a zero input adds a
		 * zero), the rest skipping the inputs the ReLU zeroed. */
		for (; u + 16 <= nb; u += 16)
			fe_sum16(na, h[l - 1] + a, 1, wb + u, nb, p + w->bat[l] + b + u, 1, out + u);
		if (u < nb) {
			memcpy(out + u, p + w->bat[l] + b + u, (nb - u) * sizeof *out);
			for (i = 0; i < na; i++)
				if (h[l - 1][a + i] != 0.0f)
					fe_axpy(nb - u, h[l - 1][a + i], wb + i * nb + u, out + u);
			for (i = u; i < nb; i++)
				out[i] = out[i] > 0.0f ? out[i] : 0.0f;
		}
	}
	l = w->nl - 1;
	lo = OFF(w, l, m);
	len = OFF(w, l, m + 1) - lo;
	for (j = 0; j < w->no; j++) {
		om[j] = p[w->bat[w->nl] + m * w->no + j] +
		        dot8(len, h[l] + lo, p + w->wat[w->nl] + j * w->width[l] + lo);
	}
}

/* Batch row @i's hidden rows, into @h ([nl]). */
static void
rows_of(const deepws *w, float *buf, size_t i, float **h)
{
	size_t l;

	for (l = 0; l < w->nl; l++)
		h[l] = buf + w->hat[l] + i * w->width[l];
}

/* Member @m's backward pass for batch row @i (features @x), whose output
 * gradient @go is in place: accumulates the parameter gradients except
 * the first layer's weights (one product over the batch, in step()), and
 * leaves the first layer's pre-activation gradient in db. */
FE_INLINE void
backward_member(deepws *w, size_t i, const float *restrict go, size_t m)
{
	const float *p = w->p;
	float *g = w->g, *h[FERRUM_LAYERS_MAX], *d[FERRUM_LAYERS_MAX];
	size_t l = w->nl - 1, j, c, lo, len;

	rows_of(w, w->hb, i, h);
	rows_of(w, w->db, i, d);
	lo = OFF(w, l, m);
	len = OFF(w, l, m + 1) - lo;
	for (c = 0; c < len; c++)
		d[l][lo + c] = 0.0f;
	for (j = 0; j < w->no; j++) {
		fe_axpy(len, go[j], p + w->wat[w->nl] + j * w->width[l] + lo, d[l] + lo);
		fe_axpy(len, go[j], h[l] + lo, g + w->wat[w->nl] + j * w->width[l] + lo);
		g[w->bat[w->nl] + m * w->no + j] += go[j];
	}
	for (;; l--) {
		lo = OFF(w, l, m);
		len = OFF(w, l, m + 1) - lo;
		for (c = 0; c < len; c++)
			if (!(h[l][lo + c] > 0.0f))
				d[l][lo + c] = 0.0f;
		fe_axpy(len, 1.0f, d[l] + lo, g + w->bat[l] + lo);
		if (l == 0)
			break;
		{
			const size_t a = OFF(w, l - 1, m), na = OFF(w, l - 1, m + 1) - a;
			const float *wb = p + w->blk[l * w->k + m];
			float *gb = g + w->blk[l * w->k + m];

			/* A unit the ReLU held at zero passes no gradient
			 * either way. */
			for (c = 0; c < na; c++) {
				if (h[l - 1][a + c] != 0.0f) {
					fe_axpy(len, h[l - 1][a + c], d[l] + lo, gb + c * len);
					d[l - 1][a + c] = dot8(len, wb + c * len, d[l] + lo);
				} else {
					d[l - 1][a + c] = 0.0f;
				}
			}
		}
	}
}

/* The gradient, into w->g, of the rows @pos[0..m): each member's mean
 * loss over the rows it trains on, summed over the members (into *@obj
 * when not NULL).  Returns the summed loss over the members each row
 * trains. */
FE_HOT FE_OUTLINE static double
grad(deepws *w, const size_t *pos, size_t m, double *obj)
{
	const size_t nf = w->nf, no = w->no, k = w->k, h0 = w->width[0];
	float *h[FERRUM_LAYERS_MAX];
	double l = 0.0, lr;
	size_t i, q, mm;

	fe_recipe_batch_shares(m, pos, w->fold, k, w->cnt);
	memset(w->g, 0, w->n_p * sizeof *w->g);
	for (i = 0; i < m; i++) {
		const size_t r = pos[i], skip = held_out(w, r);
		const float *x = w->z + r * nf;
		float *oi = w->ob + i * k * no;

		rows_of(w, w->hb, i, h);
		/* The held-out member's first-layer gradient stays zero, so
		 * that the one product below adds nothing for it. */
		memset(w->db + i * h0, 0, h0 * sizeof *w->db);
		for (q = 0; q < nf; q++)
			w->xt[q * m + i] = x[q];
		for (mm = 0; mm < k; mm++) {
			if (mm == skip)
				continue;
			forward_member(w, x, h, oi + mm * no, mm);
			lr = fe_loss_row(w->cls, no, oi + mm * no, w->cls ? w->c[r] : 0,
			                 w->cls ? 0.0f : w->y[r], w->cnt[mm], w->smooth);
			l += lr;
			if (obj != NULL)
				*obj += lr * w->cnt[mm];
			backward_member(w, i, oi + mm * no, mm);
		}
	}
	/* The first layer's weight gradient, sum over the batch rows i
	 * ascending of x_i[q] * d_i[c]. */
	fe_gemm(nf, m, h0, w->xt, w->db, w->g);
	return l;
}

/* One AdamW step on the rows @pos[0..m); returns the summed training loss
 * over the members each row trains. */
static double
step(deepws *w, const size_t *pos, size_t m, const fe_recipe *rp)
{
	const double l = grad(w, pos, m, NULL);

	fe_recipe_adamw(rp, w->lr, w->wd, ++w->t, w->n_w, w->n_p, w->p, w->m1, w->m2, w->g);
	return l;
}

/* Every row through the member it is held out of; *@errors receives the
 * misclassified rows (classification). */
FE_HOT FE_OUTLINE static double
val_loss(deepws *w, size_t n, size_t *errors)
{
	float *h[FERRUM_LAYERS_MAX];
	double sum = 0.0;
	size_t r;

	*errors = 0;
	rows_of(w, w->hb, 0, h);
	for (r = 0; r < n; r++) {
		float *o = w->ob;

		forward_member(w, w->z + r * w->nf, h, o, w->fold[r]);
		if (w->cls && ferrum_argmax(o, w->no) != w->c[r])
			++*errors;
		sum += fe_loss_row(w->cls, w->no, o, w->cls ? w->c[r] : 0, w->cls ? 0.0f : w->y[r],
		                   0.0f, 0.0f);
	}
	return sum;
}

/* The chain Linear, ReLU, ..., Linear, @out_act for the widths @width
 * ([nl]), weights zero, fe_net_finish() done; on failure @net is empty. */
static int
chain(fe_net *net, size_t nf, const size_t *width, size_t nl, size_t no, int out_act,
      ferrum_error *err)
{
	fe_layer *ly;
	size_t l;
	int bad = 0;

	memset(net, 0, sizeof *net);
	ly = fe_calloc_array(2 * nl + 2, sizeof *ly);
	if (ly == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	net->layers = ly;
	net->n_layers = 2 * nl + 2;
	for (l = 0; l <= nl; l++) {
		fe_layer *li = &ly[2 * l], *la = &ly[2 * l + 1];

		li->kind = FERRUM_LAYER_LINEAR;
		li->in = l == 0 ? nf : width[l - 1];
		li->out = l == nl ? no : width[l];
		li->w = fe_calloc_array(li->in, li->out * sizeof(float));
		li->b = fe_calloc_array(li->out, sizeof(float));
		bad |= li->w == NULL || li->b == NULL;
		la->kind = FERRUM_LAYER_ACTIVATION;
		la->act = l == nl ? out_act : FERRUM_ACT_RELU;
	}
	if (bad) {
		fe_net_free(net);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	if (fe_net_finish(net, err) != FERRUM_OK) {
		fe_net_free(net);
		return err != NULL ? err->code : FERRUM_EINVAL;
	}
	return FERRUM_OK;
}

/* The members, merged, into @net's Linear layers. */
static void
merge(fe_net *net, const deepws *w)
{
	const size_t nf = w->nf, no = w->no, k = w->k, nl = w->nl;
	const float *p = w->p;
	size_t l, m, i, j, c;

	memcpy(net->layers[0].w, p, nf * w->width[0] * sizeof *p);
	for (l = 0; l < nl; l++)
		memcpy(net->layers[2 * l].b, p + w->bat[l], w->width[l] * sizeof *p);
	/* The blocks on the diagonal; the rest stays zero. */
	for (l = 1; l < nl; l++) {
		fe_layer *ly = &net->layers[2 * l];

		for (m = 0; m < k; m++) {
			const size_t a = OFF(w, l - 1, m), na = OFF(w, l - 1, m + 1) - a;
			const size_t b = OFF(w, l, m), nb = OFF(w, l, m + 1) - b;
			const float *wb = p + w->blk[l * k + m];

			for (i = 0; i < na; i++)
				memcpy(ly->w + (a + i) * w->width[l] + b, wb + i * nb, nb * sizeof *p);
		}
	}
	{
		fe_layer *lo = &net->layers[2 * nl];
		const size_t hl = w->width[nl - 1];

		for (c = 0; c < hl; c++)
			for (j = 0; j < no; j++)
				lo->w[c * no + j] = p[w->wat[nl] + j * hl + c] / (float)k;
		for (j = 0; j < no; j++) {
			float s = 0.0f;

			for (m = 0; m < k; m++)
				s += p[w->bat[nl] + m * no + j];
			lo->b[j] = s / (float)k;
		}
	}
}

/* a += b, or 1 when that would not fit a size_t. */
static int
add_size(size_t *a, size_t b)
{
	if (b > SIZE_MAX - *a)
		return 1;
	*a += b;
	return 0;
}

static void
ws_free(deepws *w)
{
	free(w->p);
	free(w->hb);
	free(w->db);
	free(w->xt);
	free(w->ob);
	free(w->cnt);
	free(w->off);
	free(w->wat);
	free(w->bat);
	free(w->blk);
	free(w->hat);
	memset(w, 0, sizeof *w);
}

/* The members' shares of the widths, the parameter layout and every
 * buffer, zeroed, for @k members of the widths @width ([nl], borrowed
 * for the life of @w) and batches of up to @batch rows.  1 when memory
 * (or a size_t) is short; ws_free() in either case. */
static int
layout(deepws *w, size_t nf, size_t no, size_t k, const size_t *width, size_t nl, size_t batch)
{
	size_t l, m, hsum = 0;
	int over = 0;

	w->nf = nf;
	w->no = no;
	w->k = k;
	w->nl = nl;
	w->width = width;
	w->batch = batch;
	w->off = fe_alloc_array(nl, (k + 1) * sizeof *w->off);
	w->wat = fe_alloc_array(nl + 1, sizeof *w->wat);
	w->bat = fe_alloc_array(nl + 1, sizeof *w->bat);
	w->blk = fe_calloc_array(nl, k * sizeof *w->blk);
	w->hat = fe_alloc_array(nl, sizeof *w->hat);
	if (w->off == NULL || w->wat == NULL || w->bat == NULL || w->blk == NULL || w->hat == NULL)
		return 1;
	for (l = 0; l < nl; l++) {
		OFF(w, l, 0) = 0;
		for (m = 0; m < k; m++)
			OFF(w, l, m + 1) = OFF(w, l, m) + width[l] / k + (m < width[l] % k ? 1 : 0);
	}
	/* Every sum checked: the widths come from outside. */
	w->wat[0] = 0;
	w->n_w = nf;
	over |= w->n_w != 0 && width[0] > SIZE_MAX / w->n_w;
	if (!over)
		w->n_w *= width[0];
	for (l = 1; l < nl && !over; l++) {
		w->wat[l] = w->n_w;
		for (m = 0; m < k && !over; m++) {
			const size_t na = OFF(w, l - 1, m + 1) - OFF(w, l - 1, m);
			const size_t nb = OFF(w, l, m + 1) - OFF(w, l, m);

			w->blk[l * k + m] = w->n_w;
			over |= nb != 0 && na > SIZE_MAX / nb;
			over |= !over && add_size(&w->n_w, na * nb);
		}
	}
	if (!over) {
		w->wat[nl] = w->n_w;
		over |= no > SIZE_MAX / width[nl - 1] || add_size(&w->n_w, no * width[nl - 1]);
	}
	w->n_p = w->n_w;
	for (l = 0; l < nl && !over; l++) {
		w->bat[l] = w->n_p;
		w->hat[l] = hsum;
		over |= add_size(&w->n_p, width[l]);
		over |= add_size(&hsum, width[l]);
	}
	if (!over) {
		w->bat[nl] = w->n_p;
		over |= no > SIZE_MAX / k || add_size(&w->n_p, k * no);
	}
	if (over || w->n_p > SIZE_MAX / 5 || hsum > SIZE_MAX / batch)
		return 1;
	for (l = 0; l < nl; l++)
		w->hat[l] *= batch;
	w->p = fe_calloc_array(w->n_p, 5 * sizeof *w->p);
	w->hb = fe_calloc_array(batch, hsum * sizeof *w->hb);
	w->db = fe_calloc_array(batch, hsum * sizeof *w->db);
	w->xt = fe_alloc_array(batch, nf * sizeof *w->xt);
	w->ob = fe_alloc_array(batch, k * no * sizeof *w->ob);
	w->cnt = fe_alloc_array(k, sizeof *w->cnt);
	if (w->p == NULL || w->hb == NULL || w->db == NULL || w->xt == NULL || w->ob == NULL ||
	    w->cnt == NULL)
		return 1;
	w->m1 = w->p + w->n_p;
	w->m2 = w->m1 + w->n_p;
	w->g = w->m2 + w->n_p;
	w->best = w->g + w->n_p;
	return 0;
}

/* He initialisation for every ReLU layer (fan-in: the member's width
 * below), variance 1 / h for each member's output layer; biases zero. */
static void
init_weights(deepws *w, fe_rng *rng)
{
	const size_t nf = w->nf, no = w->no, k = w->k, nl = w->nl, hl = w->width[nl - 1];
	const float s1 = sqrtf(2.0f / (float)nf);
	size_t j, l, m, c;

	for (j = 0; j < nf * w->width[0]; j++)
		w->p[j] = fe_rng_normal(rng) * s1;
	for (l = 1; l < nl; l++)
		for (m = 0; m < k; m++) {
			const size_t na = OFF(w, l - 1, m + 1) - OFF(w, l - 1, m);
			const size_t nb = OFF(w, l, m + 1) - OFF(w, l, m);
			const float s = sqrtf(2.0f / (float)na);
			float *wb = w->p + w->blk[l * k + m];

			for (j = 0; j < na * nb; j++)
				wb[j] = fe_rng_normal(rng) * s;
		}
	for (m = 0; m < k; m++) {
		const float s2 = sqrtf(1.0f / (float)(OFF(w, nl - 1, m + 1) - OFF(w, nl - 1, m)));

		for (c = OFF(w, nl - 1, m); c < OFF(w, nl - 1, m + 1); c++)
			for (j = 0; j < no; j++)
				w->p[w->wat[nl] + j * hl + c] = fe_rng_normal(rng) * s2;
	}
}

int
fe_deep_probe(size_t nf, size_t no, int cls, const size_t *width, size_t nl, size_t k,
              size_t n, const float *z, const float *y, const uint32_t *c, const unsigned *fold,
              float smooth, const float *p, size_t *n_p, float *g, double *obj, float *out,
              fe_net *net, ferrum_error *err)
{
	deepws w;
	float *h[FERRUM_LAYERS_MAX];
	size_t *pos = NULL, i, m;
	int rc = FERRUM_OK;

	memset(&w, 0, sizeof w);
	if (net != NULL)
		memset(net, 0, sizeof *net);
	if (nl < 2 || nl > FERRUM_LAYERS_MAX || n == 0 || k == 0)
		return fe_error(err, FERRUM_EINVAL, "2 to %d layers, rows and members",
		                FERRUM_LAYERS_MAX);
	if (layout(&w, nf, no, k, width, nl, n) != 0 ||
	    (pos = fe_alloc_array(n, sizeof *pos)) == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto out;
	}
	*n_p = w.n_p;
	if (p == NULL)
		goto out;
	memcpy(w.p, p, w.n_p * sizeof *p);
	w.cls = cls;
	w.smooth = smooth;
	w.z = z;
	w.y = y;
	w.c = c;
	w.fold = fold;
	for (i = 0; i < n; i++)
		pos[i] = i;
	if (g != NULL) {
		*obj = 0.0;
		grad(&w, pos, n, obj);
		memcpy(g, w.g, w.n_p * sizeof *g);
	}
	if (out != NULL) {
		rows_of(&w, w.hb, 0, h);
		for (i = 0; i < n; i++)
			for (m = 0; m < k; m++)
				forward_member(&w, z + i * nf, h, out + (i * k + m) * no, m);
	}
	if (net != NULL) {
		rc = chain(net, nf, width, nl, no, cls ? FERRUM_ACT_SOFTMAX : FERRUM_ACT_IDENTITY, err);
		if (rc == FERRUM_OK)
			merge(net, &w);
	}
out:
	free(pos);
	ws_free(&w);
	return rc;
}

/* The workspace's step and validation loss for fe_recipe_epochs. */
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

int
fe_fit_deep(const fe_recipe *rp, const ferrum_table *t, const size_t *rows, size_t n,
            const ferrum_train_options *o, fe_rng *rng, fe_norm *norm, fe_net *net,
            fe_fit_info *info, ferrum_error *err)
{
	const int cls = ferrum_table_task(t) == FERRUM_TASK_CLASSIFICATION;
	const size_t nf = ferrum_table_n_features(t);
	const size_t no = cls ? ferrum_table_n_classes(t) : 1;
	const size_t nl = o->n_layers;
	size_t i, k, l, best_epoch = 0, epochs_run = 0, narrow;
	size_t *order = NULL;
	int stopped = 0;
	unsigned *fold = NULL;
	fe_fit_data d;
	fe_plan pl;
	fe_epoch_ops ops;
	deepws w;
	int rc = FERRUM_OK;

	memset(norm, 0, sizeof *norm);
	memset(net, 0, sizeof *net);
	memset(&w, 0, sizeof w);
	memset(&d, 0, sizeof d);
	if (nl < 2 || nl > FERRUM_LAYERS_MAX || o->layers == NULL)
		return fe_error(err, FERRUM_EINVAL, "the deep fit needs 2 to %d hidden layers",
		                FERRUM_LAYERS_MAX);
	narrow = o->layers[0];
	for (l = 0; l < nl; l++)
		if (o->layers[l] < narrow)
			narrow = o->layers[l];
	if (n == 0 || nf == 0 || no == 0 || narrow == 0)
		return fe_error(err, FERRUM_EINVAL, "nothing to fit");

	/* The members, the epoch limit and the batch as in the one-layer
	 * fit; every member needs a unit in every layer. */
	fe_recipe_plan(rp, o, n, narrow, &pl);
	k = pl.k;

	rc = fe_fit_data_new(t, rows, n, &d, err);
	if (rc != FERRUM_OK)
		return rc;
	fold = fe_calloc_array(n, sizeof *fold);
	order = fe_alloc_array(n, sizeof *order);
	if (fold == NULL || order == NULL || layout(&w, nf, no, k, o->layers, nl, pl.batch) != 0)
		goto nomem;
	for (i = 0; i < n; i++)
		order[i] = i;
	if (pl.validate) {
		rc = fe_split_folds(t, rows, n, (unsigned)k, rng, fold, err);
		if (rc != FERRUM_OK)
			goto fail;
	}
	w.cls = cls;
	w.z = d.z;
	w.y = d.y;
	w.c = d.c;
	w.fold = fold;
	w.smooth = cls ? rp->smooth : 0.0f;
	w.wd = cls ? rp->wd_classify : rp->wd_regress;
	init_weights(&w, rng);
	ops.ws = &w;
	ops.step = step_ops;
	ops.val_loss = val_loss_ops;
	ops.lr = &w.lr;
	ops.p = w.p;
	ops.best = w.best;
	ops.n_p = w.n_p;
	fe_recipe_epochs(rp, o, &pl, cls, rng, order, n, &ops, &best_epoch, &epochs_run, &stopped);

	rc = chain(net, nf, o->layers, nl, no, cls ? FERRUM_ACT_SOFTMAX : FERRUM_ACT_IDENTITY,
	           err);
	if (rc != FERRUM_OK)
		goto fail;
	merge(net, &w);
	/* The members' last hidden units and their own output biases. */
	rc = fe_calibrate_members(net, &d, fold, k, &OFF(&w, nl - 1, 0), w.p + w.bat[nl], info,
	                          err);
	if (rc != FERRUM_OK) {
		fe_net_free(net);
		goto fail;
	}
	*norm = d.norm;
	memset(&d.norm, 0, sizeof d.norm);
	if (info != NULL) {
		info->hidden = o->layers[0];
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
	ws_free(&w);
	free(order);
	free(fold);
	return rc;
}

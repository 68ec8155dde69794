/* recipe-ferrum.c: the original engine's trainer, bit for bit.
 * SPDX-License-Identifier: MIT
 *
 * It reproduces the golden models bit for bit, so its arithmetic is float
 * in the reference order (notes: finf-v3.md sections 8-11); within that
 * order it is free to be fast: every buffer is allocated before the first
 * epoch, the kernels run contiguous inner loops, and the work the original
 * throws away (the first layer's input gradient, the per-epoch evaluation
 * passes) is not done. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The working set of one ferrum fit.  During training the second layer's
 * weights are kept transposed (w2t: [out][hidden]) so that the output
 * layer runs one output at a time across the batch, a contiguous loop;
 * the sums keep the reference order, so transposing changes no bit. */
typedef struct ferrum_ws {
	size_t nf, nh, no, batch;
	float *xb;   /* [batch][nf] the mini-batch, normalised */
	float *yb;   /* [batch] regression targets, normalised */
	uint32_t *cb;/* [batch] class indices */
	float *h;    /* [batch][nh] hidden activations after ReLU */
	float *ht;   /* [nh][batch] the same, transposed */
	float *ot;   /* [no][batch] logits / outputs, transposed */
	float *o;    /* [batch][no] the same, row by row */
	float *g;    /* [batch][no] loss gradient */
	float *dh;   /* [batch][nh] hidden gradient */
	float *dw1, *db1, *dw2t, *db2;
	float *vw1, *vb1, *vw2t, *vb2; /* momentum */
	float *w1, *b1, *w2t, *b2;
} ferrum_ws;

/* One SGD step on the mini-batch already in ws->xb and ws->yb / ws->cb,
 * through the core's kernels (mat, act, loss, optim), which keep the
 * reference's order.  Returns the batch's mean loss. */
static double
ferrum_step(ferrum_ws *w, int cls, float lr, float mu)
{
	const size_t nf = w->nf, nh = w->nh, no = w->no, nb = w->batch;
	double loss;
	size_t i, p, k;

	/* Hidden layer: h = relu(xb . W1 + b1); the bias after the sum. */
	fe_gemm(nb, nf, nh, w->xb, w->w1, w->h);
	fe_bias_add(nb, nh, w->h, w->b1);
	fe_act_forward(FERRUM_ACT_RELU, nb, nh, w->h);
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
	for (k = 0; k < no; k++)
		for (i = 0; i < nb; i++)
			w->o[i * no + k] = w->ot[k * nb + i];
	/* The loss gradient, scaled by the float reciprocal of the batch. */
	if (cls)
		loss = fe_loss_xent(nb, no, w->o, w->cb, w->g);
	else
		loss = fe_loss_mse(nb, w->o, w->yb, w->g);
	/* dW2 = h^T g and db2 = column sums of g, rows in ascending order. */
	fe_gemm_tn(nb, no, nh, w->g, w->h, w->dw2t);
	fe_col_sums(nb, no, w->g, w->db2);
	/* dh = g W2^T through the ReLU (with the weights before the step);
	 * the first layer's input gradient is never needed. */
	fe_gemm(nb, no, nh, w->g, w->w2t, w->dh);
	fe_act_backward(FERRUM_ACT_RELU, nb, nh, w->h, w->dh, w->dh);
	/* dW1 = xb^T dh and db1 = column sums of dh. */
	fe_gemm_tn(nb, nf, nh, w->xb, w->dh, w->dw1);
	fe_col_sums(nb, nh, w->dh, w->db1);
	fe_sgd_momentum(nf * nh, w->w1, w->vw1, w->dw1, lr, mu);
	fe_sgd_momentum(nh, w->b1, w->vb1, w->db1, lr, mu);
	fe_sgd_momentum(nh * no, w->w2t, w->vw2t, w->dw2t, lr, mu);
	fe_sgd_momentum(no, w->b2, w->vb2, w->db2, lr, mu);
	return loss;
}

static int
fit(const fe_recipe *rp, const ferrum_table *t, const size_t *rows, size_t n,
    const ferrum_train_options *o, fe_rng *rng, fe_norm *norm, fe_net *net, fe_fit_info *info,
    ferrum_error *err)
{
	const size_t nh = o->hidden ? o->hidden : rp->hidden;
	const size_t epochs = o->epochs ? o->epochs : rp->epochs;
	size_t nf, no, batch, steps, e, s, i, j, k, epochs_done = 0;
	float *xs, *ys, *buf = NULL, *w2, scale, lr;
	uint32_t *cs, *cb = NULL;
	fe_fit_data d;
	ferrum_ws ws;
	int cls, rc, stopped = 0;

	memset(net, 0, sizeof *net);
	memset(norm, 0, sizeof *norm);
	if (n == 0)
		return fe_error(err, FERRUM_EINPUT, "cannot fit on 0 rows");
	/* The normalised training rows, in the given order. */
	rc = fe_fit_data_new(t, rows, n, &d, err);
	if (rc != FERRUM_OK)
		return rc;
	nf = d.nf;
	no = d.no;
	cls = d.cls;
	xs = d.z;
	ys = d.y;
	cs = d.c;
	lr = cls ? rp->lr_classify : rp->lr_regress;
	rc = fe_net_mlp(net, nf, nh, no, cls ? FERRUM_ACT_SOFTMAX : FERRUM_ACT_IDENTITY, err);
	if (rc != FERRUM_OK) {
		fe_fit_data_free(&d);
		return rc;
	}
	batch = n < rp->batch ? n : rp->batch;
	steps = (n + batch - 1) / batch;

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
		part[16] = batch * no; /* o */
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
		ws.o = q;
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
			loss += ferrum_step(&ws, cls, lr, rp->momentum) * (double)batch;
		}
		loss /= (double)(steps * batch);
		if (o->progress != NULL)
			o->progress(o->progress_ctx, e, epochs, loss);
		/* No validation: the last epoch's weights are kept. */
		if (o->monitor != NULL && fe_recipe_monitor(o, e, epochs, e, epochs, loss, NAN, NAN)) {
			stopped = 1;
			break;
		}
	}
	if (stopped)
		epochs_done = e;
	for (j = 0; j < nh; j++)
		for (k = 0; k < no; k++)
			w2[j * no + k] = ws.w2t[k * nh + j];
	info->hidden = nh;
	info->epochs = epochs;
	info->epochs_run = stopped ? epochs_done : epochs;
	info->best_epoch = info->epochs_run;
	info->stopped = stopped;
	/* The normaliser moves out to the caller. */
	*norm = d.norm;
	memset(&d.norm, 0, sizeof d.norm);
	fe_fit_data_free(&d);
	free(cb);
	free(buf);
	return FERRUM_OK;

nomem:
	fe_fit_data_free(&d);
	free(cb);
	free(buf);
	fe_net_free(net);
	return fe_error(err, FERRUM_ENOMEM, "out of memory");
}

const fe_recipe fe_recipe_ferrum = {
	.name = "ferrum",
	.split = fe_split_shuffled,
	.fit = fit,
	.original_meta = 1,
	.hidden = 64,
	.epochs = 500,
	.batch = 32,
	.lr_classify = 0.05f,
	.lr_regress = 0.01f,
	.momentum = 0.9f,
};

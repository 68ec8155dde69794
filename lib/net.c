/* net.c: the sequential network of Linear and activation layers, and the one shape training builds.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <stdlib.h>
#include <string.h>

void
fe_net_free(fe_net *net)
{
	size_t i;

	if (net == NULL)
		return;
	for (i = 0; i < net->n_layers; i++) {
		free(net->layers[i].w);
		free(net->layers[i].b);
	}
	free(net->layers);
	memset(net, 0, sizeof *net);
}

int
fe_net_finish(fe_net *net, ferrum_error *err)
{
	size_t i, width = 0, max_width = 0, nw;

	if (net->n_layers > 0 && net->layers == NULL)
		return fe_error(err, FERRUM_EINVAL, "network has no layer array");
	/* Activations before the first Linear act on the input, so the first
	 * Linear's input fixes the width of everything before it. */
	for (i = 0; i < net->n_layers; i++)
		if (net->layers[i].kind == FERRUM_LAYER_LINEAR) {
			width = net->layers[i].in;
			break;
		}
	net->in_width = width;
	max_width = width;
	for (i = 0; i < net->n_layers; i++) {
		const fe_layer *l = &net->layers[i];

		switch (l->kind) {
		case FERRUM_LAYER_LINEAR:
			if (l->in != width)
				return fe_error(err, FERRUM_ESHAPE,
				                "layer %zu: linear input %zu does not match width %zu",
				                i, l->in, width);
			if (fe_mul_size(l->in, l->out, &nw) != 0)
				return fe_error(err, FERRUM_ERANGE, "layer %zu: too many weights", i);
			if ((nw > 0 && l->w == NULL) || (l->out > 0 && l->b == NULL))
				return fe_error(err, FERRUM_EINVAL, "layer %zu: missing parameters", i);
			width = l->out;
			if (width > max_width)
				max_width = width;
			break;
		case FERRUM_LAYER_ACTIVATION:
			if (fe_act_name(l->act) == NULL)
				return fe_error(err, FERRUM_EINVAL, "layer %zu: unknown activation %d",
				                i, l->act);
			break;
		default:
			return fe_error(err, FERRUM_EINVAL, "layer %zu: unknown layer kind %d", i,
			                l->kind);
		}
	}
	net->out_width = width;
	net->max_width = max_width;
	return FERRUM_OK;
}

void
fe_net_forward(const fe_net *net, size_t rows, const float *x, float *out, float *work)
{
	float *buf[2];
	float *cur = NULL; /* the latest output, once one is in @work */
	size_t i, width = net->in_width, next = 0;

	buf[0] = work;
	buf[1] = work + rows * net->max_width;
	/* The whole batch goes through one layer at a time, ping-ponging
	 * between the two halves of @work; @x is never written. */
	for (i = 0; i < net->n_layers; i++) {
		const fe_layer *l = &net->layers[i];
		float *dst = buf[next];

		if (l->kind == FERRUM_LAYER_LINEAR) {
			fe_gemm(rows, l->in, l->out, cur ? cur : x, l->w, dst);
			fe_bias_add(rows, l->out, dst, l->b);
			next ^= 1;
			cur = dst;
			width = l->out;
		} else {
			if (cur == NULL) {
				if (rows * width > 0)
					memcpy(dst, x, rows * width * sizeof *dst);
				next ^= 1;
				cur = dst;
			}
			fe_act_forward(l->act, rows, width, cur);
		}
	}
	if (rows * width > 0)
		memmove(out, cur ? cur : x, rows * width * sizeof *out);
}

int
fe_net_mlp(fe_net *net, size_t features, size_t hidden, size_t out, int out_act,
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
	l[3].act = out_act;
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

/* model.h: a small model built from its parts, for the unit tests.
 * SPDX-License-Identifier: MIT */
#ifndef FERRUM_T_UNIT_MODEL_H
#define FERRUM_T_UNIT_MODEL_H

#include "ferrum-internal.h"
#include "../tap.h"

#include <stdlib.h>
#include <string.h>

/* A model with a single Linear layer of zero weights plus @act, built from
 * the normaliser and metadata texts. */
static ferrum_model *
make_model(const char *norm, const char *meta, size_t in, size_t out, int act)
{
	fe_norm n;
	fe_meta m;
	fe_net net;
	ferrum_model *model = NULL;
	ferrum_error err;

	memset(&net, 0, sizeof net);
	if (fe_norm_parse(norm, strlen(norm), &n, &err) != 0)
		bail("norm: %s", err.message);
	if (fe_meta_parse(meta, strlen(meta), &m, &err) != 0)
		bail("meta: %s", err.message);
	net.n_layers = 2;
	net.layers = calloc(2, sizeof *net.layers);
	if (net.layers == NULL)
		bail("out of memory");
	net.layers[0].kind = FERRUM_LAYER_LINEAR;
	net.layers[0].in = in;
	net.layers[0].out = out;
	net.layers[0].w = calloc(in * out, sizeof(float));
	net.layers[0].b = calloc(out, sizeof(float));
	net.layers[1].kind = FERRUM_LAYER_ACTIVATION;
	net.layers[1].act = act;
	if (fe_model_assemble(&model, &n, &m, &net, &err) != 0)
		bail("assemble: %s", err.message);
	return model;
}

#endif /* FERRUM_T_UNIT_MODEL_H */

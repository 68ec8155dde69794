/* t/unit/net.c: the sequential network on a hand-computed example.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static float *
floats(const float *v, size_t n)
{
	float *p = malloc(n * sizeof *p);

	if (p == NULL)
		bail("out of memory");
	memcpy(p, v, n * sizeof *p);
	return p;
}

static void
linear(fe_layer *l, size_t in, size_t out, const float *w, const float *b)
{
	memset(l, 0, sizeof *l);
	l->kind = FERRUM_LAYER_LINEAR;
	l->in = in;
	l->out = out;
	l->w = floats(w, in * out);
	l->b = floats(b, out);
}

static void
activation(fe_layer *l, int act)
{
	memset(l, 0, sizeof *l);
	l->kind = FERRUM_LAYER_ACTIVATION;
	l->act = act;
}

/* Linear(2 -> 3), ReLU, Linear(in2 -> 2), then @last. */
static void
build(fe_net *net, size_t in2, int last)
{
	static const float w1[6] = { 1.0f, -1.0f, 0.5f, 2.0f, 1.0f, -3.0f };
	static const float b1[3] = { 0.5f, -2.0f, 1.0f };
	static const float w2[8] = { 1.0f, -1.0f, 2.0f, 3.0f, 0.5f, 0.25f, 9.0f, 9.0f };
	static const float b2[2] = { 0.25f, 0.5f };

	net->n_layers = 4;
	net->layers = calloc(4, sizeof *net->layers);
	if (net->layers == NULL)
		bail("out of memory");
	linear(&net->layers[0], 2, 3, w1, b1);
	activation(&net->layers[1], FERRUM_ACT_RELU);
	linear(&net->layers[2], in2, 2, w2, b2);
	activation(&net->layers[3], last);
}

int
main(void)
{
	/* By hand, rows x = (1, 2) and (-1, 0.5):
	 *   x.W1      = (5, 1, -5.5)   and (0, 1.5, -2)
	 *   + b1      = (5.5, -1, -4.5) and (0.5, -0.5, -1)
	 *   relu      = (5.5, 0, 0)    and (0.5, 0, 0)
	 *   .W2 + b2  = (5.75, -5)     and (0.75, 0)
	 * All exact in float. */
	static const float x[4] = { 1.0f, 2.0f, -1.0f, 0.5f };
	float xc[4], out[4], work[2 * 2 * 3];
	fe_net net;
	ferrum_error err;
	double e;

	plan_lazy();

	memset(&net, 0, sizeof net);
	build(&net, 3, FERRUM_ACT_IDENTITY);
	is_int(fe_net_finish(&net, &err), FERRUM_OK, "a connecting chain is accepted");
	is_int((long long)net.in_width, 2, "in_width is the first Linear's input");
	is_int((long long)net.out_width, 2, "out_width is the last Linear's output");
	is_int((long long)net.max_width, 3, "max_width is the widest layer");
	memcpy(xc, x, sizeof xc);
	fe_net_forward(&net, 2, xc, out, work);
	is_double(out[0], 5.75, 0, "row 0, output 0 by hand");
	is_double(out[1], -5.0, 0, "row 0, output 1 by hand");
	is_double(out[2], 0.75, 0, "row 1, output 0 by hand");
	is_double(out[3], 0.0, 0, "row 1, output 1 by hand");
	ok(memcmp(xc, x, sizeof x) == 0, "the input is not written");
	fe_net_forward(&net, 1, x + 2, out, work);
	ok(out[0] == 0.75f && out[1] == 0.0f, "one row at a time gives the same");
	fe_net_free(&net);
	ok(net.layers == NULL && net.n_layers == 0, "fe_net_free resets the net");
	fe_net_free(&net); /* twice is harmless */

	build(&net, 3, FERRUM_ACT_SOFTMAX);
	is_int(fe_net_finish(&net, &err), FERRUM_OK, "a classifier chain is accepted");
	fe_net_forward(&net, 2, x, out, work);
	e = exp(-10.75);
	is_double(out[0], 1.0 / (1.0 + e), 1e-7, "softmax output, row 0 class 0");
	is_double(out[1], e / (1.0 + e), 1e-7, "softmax output, row 0 class 1");
	is_double(out[2], 1.0 / (1.0 + exp(-0.75)), 1e-7, "softmax output, row 1 class 0");
	fe_net_free(&net);

	build(&net, 4, FERRUM_ACT_IDENTITY);
	ferrum_error_clear(&err);
	is_int(fe_net_finish(&net, &err), FERRUM_ESHAPE, "Linear(2,3) then Linear(4,2) is refused");
	is_int(err.code, FERRUM_ESHAPE, "the error record holds the code");
	ok(err.message[0] != '\0', "with a message: %s", err.message);
	fe_net_free(&net);

	build(&net, 3, 9);
	is_int(fe_net_finish(&net, NULL), FERRUM_EINVAL, "an unknown activation is refused");
	fe_net_free(&net);

	/* An activation ahead of the first Linear acts on the input. */
	{
		static const float w[2] = { 1.0f, 1.0f }, b[1] = { 0.0f };

		net.n_layers = 2;
		net.layers = calloc(2, sizeof *net.layers);
		if (net.layers == NULL)
			bail("out of memory");
		activation(&net.layers[0], FERRUM_ACT_RELU);
		linear(&net.layers[1], 2, 1, w, b);
		is_int(fe_net_finish(&net, &err), FERRUM_OK, "ReLU then Linear(2,1) is accepted");
		is_int((long long)net.in_width, 2, "its in_width is 2");
		fe_net_forward(&net, 2, x, out, work);
		ok(out[0] == 3.0f && out[1] == 0.5f, "the leading ReLU clips the input");
		ok(memcmp(x, (const float[]){ 1.0f, 2.0f, -1.0f, 0.5f }, sizeof x) == 0,
		   "the input is not written");
		fe_net_free(&net);
	}

	/* No Linear layer at all. */
	net.n_layers = 1;
	net.layers = calloc(1, sizeof *net.layers);
	if (net.layers == NULL)
		bail("out of memory");
	activation(&net.layers[0], FERRUM_ACT_RELU);
	is_int(fe_net_finish(&net, &err), FERRUM_OK, "a net of one activation is accepted");
	ok(net.in_width == 0 && net.out_width == 0, "with widths 0");
	fe_net_free(&net);
	is_int(fe_net_finish(&net, &err), FERRUM_OK, "an empty net is accepted");
	return done_testing();
}

/* t/unit/deep.c: the default recipe with more hidden layers: gradients, the merged network, determinism, options.
 * SPDX-License-Identifier: MIT
 *
 * The gradients are checked against central finite differences of the
 * objective itself, and the merged network against the members' own
 * outputs, so none of the expectations comes from the code under test's
 * output alone. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A uniform draw in [-1, 1) from a private generator. */
static double
u11(uint64_t *s)
{
	*s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*s >> 11) / 9007199254740992.0 * 2.0 - 1.0;
}

typedef struct problem {
	size_t nf, no, n, k, nl;
	int cls;
	size_t width[4];
	float z[16 * 4];
	float y[16];
	uint32_t c[16];
	unsigned fold[16];
} problem;

static void
make_problem(problem *pb, int cls, size_t k, const size_t *width, size_t nl, uint64_t seed)
{
	size_t i, q;

	memset(pb, 0, sizeof *pb);
	pb->nf = 4;
	pb->no = cls ? 3 : 1;
	pb->n = 16;
	pb->k = k;
	pb->nl = nl;
	pb->cls = cls;
	memcpy(pb->width, width, nl * sizeof *width);
	for (i = 0; i < pb->n; i++) {
		for (q = 0; q < pb->nf; q++)
			pb->z[i * pb->nf + q] = (float)(1.5 * u11(&seed));
		pb->y[i] = (float)u11(&seed);
		pb->c[i] = (uint32_t)(i % pb->no);
		pb->fold[i] = (unsigned)(i % k);
	}
}

static float *
random_params(const problem *pb, size_t *n_p, uint64_t seed)
{
	float *p;
	size_t j;

	if (fe_deep_probe(pb->nf, pb->no, pb->cls, pb->width, pb->nl, pb->k, pb->n, pb->z, pb->y,
	                  pb->c, pb->k > 1 ? pb->fold : NULL, 0.1f, NULL, n_p, NULL, NULL, NULL,
	                  NULL, NULL) != FERRUM_OK)
		bail("fe_deep_probe: the layout");
	p = malloc(*n_p * sizeof *p);
	if (p == NULL)
		bail("out of memory");
	for (j = 0; j < *n_p; j++)
		p[j] = (float)(0.6 * u11(&seed));
	return p;
}

static double
objective(const problem *pb, const float *p, size_t n_p, float *g)
{
	double obj = 0.0;
	float *scratch = g != NULL ? g : malloc(n_p * sizeof *scratch);
	size_t dummy;

	if (scratch == NULL)
		bail("out of memory");
	if (fe_deep_probe(pb->nf, pb->no, pb->cls, pb->width, pb->nl, pb->k, pb->n, pb->z, pb->y,
	                  pb->c, pb->k > 1 ? pb->fold : NULL, pb->cls ? 0.1f : 0.0f, p, &dummy,
	                  scratch, &obj, NULL, NULL, NULL) != FERRUM_OK)
		bail("fe_deep_probe: the gradient");
	if (g == NULL)
		free(scratch);
	return obj;
}

/* Every parameter's gradient against (f(p + h) - f(p - h)) / 2h. */
static void
gradient_check(int cls, size_t k, const size_t *width, size_t nl, const char *what)
{
	problem pb;
	size_t n_p, j, bad = 0, nonzero = 0;
	float *p, *g;
	double worst = 0.0;

	make_problem(&pb, cls, k, width, nl, 20261206u + nl + k);
	p = random_params(&pb, &n_p, 7u + nl);
	g = malloc(n_p * sizeof *g);
	if (g == NULL)
		bail("out of memory");
	objective(&pb, p, n_p, g);
	for (j = 0; j < n_p; j++) {
		const float keep = p[j], h = 1e-3f;
		double fp, fm, fd, tol;

		p[j] = keep + h;
		fp = objective(&pb, p, n_p, NULL);
		p[j] = keep - h;
		fm = objective(&pb, p, n_p, NULL);
		p[j] = keep;
		fd = (fp - fm) / ((double)(keep + h) - (double)(keep - h));
		tol = 2e-3 + 2e-2 * fabs(fd);
		if (fabs(fd - g[j]) > tol) {
			if (bad++ < 3)
				diag("%s: parameter %zu: gradient %g, finite difference %g", what, j,
				     (double)g[j], fd);
		}
		if (fabs(fd - g[j]) > worst)
			worst = fabs(fd - g[j]);
		nonzero += g[j] != 0.0f;
	}
	ok(bad == 0, "%s: %zu gradients match finite differences (largest gap %.2g)", what, n_p,
	   worst);
	ok(nonzero > n_p / 2, "%s: most gradients are not zero (%zu of %zu)", what, nonzero, n_p);
	free(p);
	free(g);
}

/* The merged network's outputs against the mean of the members' outputs
 * (regression) or the softmax of their mean logits (classification). */
static void
merge_check(int cls, size_t k, const size_t *width, size_t nl, const char *what)
{
	problem pb;
	size_t n_p, i, j, m, l, dummy, nz, blocks;
	float *p, *out, *net_out, *work;
	fe_net net;
	double worst = 0.0;

	make_problem(&pb, cls, k, width, nl, 99u + k);
	p = random_params(&pb, &n_p, 11u + k);
	out = malloc(pb.n * k * pb.no * sizeof *out);
	net_out = malloc(pb.n * pb.no * sizeof *net_out);
	if (out == NULL || net_out == NULL)
		bail("out of memory");
	if (fe_deep_probe(pb.nf, pb.no, cls, pb.width, nl, k, pb.n, pb.z, pb.y, pb.c,
	                  k > 1 ? pb.fold : NULL, 0.0f, p, &dummy, NULL, NULL, out, &net,
	                  NULL) != FERRUM_OK)
		bail("fe_deep_probe: the merge");
	ok(net.n_layers == 2 * nl + 2 && net.in_width == pb.nf && net.out_width == pb.no,
	   "%s: a chain of %zu layers, %zu -> %zu", what, net.n_layers, net.in_width,
	   net.out_width);
	work = malloc(2 * pb.n * net.max_width * sizeof *work);
	if (work == NULL)
		bail("out of memory");
	fe_net_forward(&net, pb.n, pb.z, net_out, work);
	for (i = 0; i < pb.n; i++) {
		double mean[3], mx = -INFINITY, s = 0.0;

		for (j = 0; j < pb.no; j++) {
			mean[j] = 0.0;
			for (m = 0; m < k; m++)
				mean[j] += out[(i * k + m) * pb.no + j];
			mean[j] /= (double)k;
			if (mean[j] > mx)
				mx = mean[j];
		}
		if (cls) {
			for (j = 0; j < pb.no; j++)
				s += exp(mean[j] - mx);
			for (j = 0; j < pb.no; j++)
				mean[j] = exp(mean[j] - mx) / s;
		}
		for (j = 0; j < pb.no; j++)
			if (fabs(mean[j] - net_out[i * pb.no + j]) > worst)
				worst = fabs(mean[j] - net_out[i * pb.no + j]);
	}
	ok(worst < 1e-5, "%s: the merged network gives the members' mean (largest gap %.2g)", what,
	   worst);
	/* Between hidden layers, only the members' diagonal blocks. */
	for (l = 1; l < nl; l++) {
		const fe_layer *ly = &net.layers[2 * l];

		nz = 0;
		blocks = 0;
		for (j = 0; j < ly->in * ly->out; j++)
			nz += ly->w[j] != 0.0f;
		for (m = 0; m < k; m++)
			blocks += (width[l - 1] / k + (m < width[l - 1] % k)) *
			          (width[l] / k + (m < width[l] % k));
		ok(nz == blocks, "%s: layer %zu holds %zu weights on its diagonal blocks, %zu in all",
		   what, 2 * l, blocks, nz);
	}
	fe_net_free(&net);
	free(work);
	free(out);
	free(net_out);
	free(p);
}

static ferrum_table *
synth(size_t n, int cls, uint64_t seed)
{
	fe_buf b;
	ferrum_table *t;
	ferrum_csv *c;
	ferrum_error err;
	size_t i;

	fe_buf_init(&b);
	fe_buf_puts(&b, "x0,x1,y\n");
	for (i = 0; i < n; i++) {
		double x0 = u11(&seed), x1 = u11(&seed);
		char line[96];

		if (cls)
			snprintf(line, sizeof line, "%.6f,%.6f,%s\n", x0, x1, x0 * x1 > 0 ? "a" : "b");
		else
			snprintf(line, sizeof line, "%.6f,%.6f,%.6f\n", x0, x1, 3 * x0 * x1 + x0);
		fe_buf_puts(&b, line);
	}
	if (b.failed)
		bail("out of memory");
	if (ferrum_csv_new_buffer(&c, b.data, b.len, NULL) != FERRUM_OK)
		bail("ferrum_csv_new_buffer");
	if (ferrum_table_read(c, NULL, &t, &err) != FERRUM_OK)
		bail("table: %s", err.message);
	ferrum_csv_free(c);
	fe_buf_free(&b);
	return t;
}

static unsigned char *
train_bytes(const ferrum_table *t, ferrum_train_options *o, size_t *len,
            ferrum_train_report **rep)
{
	ferrum_model *m;
	ferrum_error err;
	unsigned char *buf;

	if (ferrum_train(t, o, &m, rep, &err) != FERRUM_OK)
		bail("ferrum_train: %s", err.message);
	if (ferrum_model_write(m, &buf, len, &err) != FERRUM_OK)
		bail("ferrum_model_write: %s", err.message);
	ferrum_model_free(m);
	return buf;
}

static void
train_checks(void)
{
	static const size_t two[] = {12, 8}, one[] = {12}, zero[] = {12, 0};
	ferrum_table *t = synth(300, 1, 5), *tr = synth(300, 0, 6);
	ferrum_train_options o;
	ferrum_train_report *r;
	ferrum_error err;
	unsigned char *a, *b;
	size_t la, lb;
	ferrum_model *m;
	const char *meta;

	ferrum_train_options_init(&o);
	o.n_layers = 2;
	o.layers = two;
	o.epochs = 60;
	a = train_bytes(t, &o, &la, &r);
	b = train_bytes(t, &o, &lb, NULL);
	ok(la == lb && memcmp(a, b, la) == 0, "two layers: the same seed gives the same bytes");
	ok(r->n_layers == 2 && r->layers[0] == 12 && r->layers[1] == 8 && r->hidden == 12,
	   "the report gives the widths 12, 8");
	ok(r->holdout.accuracy >= 0.85, "two layers learn x0 * x1 > 0 (held-out accuracy %.3f)",
	   r->holdout.accuracy);
	ferrum_train_report_free(r);
	free(b);
	o.seed = 1338;
	b = train_bytes(t, &o, &lb, NULL);
	ok(la != lb || memcmp(a, b, la) != 0, "another seed: other bytes");
	free(a);
	free(b);
	o.seed = FERRUM_SEED_DEFAULT;
	if (ferrum_train(t, &o, &m, NULL, &err) != FERRUM_OK)
		bail("ferrum_train: %s", err.message);
	meta = ferrum_model_metadata_get(m, "hidden");
	ok(meta != NULL && strcmp(meta, "[12,8]") == 0, "the metadata records \"hidden\":[12,8] (%s)",
	   meta != NULL ? meta : "none");
	ok(ferrum_model_n_layers(m) == 6, "six layers in the file");
	ferrum_model_free(m);

	/* Regression: the merged model is still a plain chain that learns
	 * (a linear fit explains a quarter of this target's variance). */
	o.epochs = 200;
	a = train_bytes(tr, &o, &la, &r);
	ok(r->holdout.r2 > 0.8, "two layers, regression: held-out R2 %.3f", r->holdout.r2);
	o.epochs = 60;
	ferrum_train_report_free(r);
	free(a);

	/* One layer is --hidden, byte for byte, and records nothing new. */
	o.n_layers = 1;
	o.layers = one;
	a = train_bytes(t, &o, &la, NULL);
	o.n_layers = 0;
	o.layers = NULL;
	o.hidden = 12;
	b = train_bytes(t, &o, &lb, NULL);
	ok(la == lb && memcmp(a, b, la) == 0, "layers {12} gives the bytes of hidden 12");
	free(a);
	free(b);

	/* What the library refuses. */
	o.n_layers = 2;
	o.layers = two;
	ok(ferrum_train(t, &o, NULL, NULL, &err) == FERRUM_EINVAL, "hidden and layers: refused (%s)",
	   err.message);
	o.hidden = 0;
	o.recipe = FERRUM_RECIPE_FERRUM;
	ok(ferrum_train(t, &o, NULL, NULL, &err) == FERRUM_EINVAL,
	   "the ferrum recipe with two layers: refused (%s)", err.message);
	o.recipe = FERRUM_RECIPE_DEFAULT;
	o.layers = zero;
	ok(ferrum_train(t, &o, NULL, NULL, &err) == FERRUM_EINVAL, "a width of 0: refused (%s)",
	   err.message);
	o.layers = two;
	o.n_layers = FERRUM_LAYERS_MAX + 1;
	ok(ferrum_train(t, &o, NULL, NULL, &err) == FERRUM_EINVAL, "%d layers: refused (%s)",
	   FERRUM_LAYERS_MAX + 1, err.message);
	o.n_layers = 2;
	o.layers = NULL;
	ok(ferrum_train(t, &o, NULL, NULL, &err) == FERRUM_EINVAL, "no widths: refused (%s)",
	   err.message);
	ferrum_table_free(t);
	ferrum_table_free(tr);
}

int
main(void)
{
	static const size_t w2[] = {6, 4}, w3[] = {5, 4, 3}, w2k[] = {10, 5};

	plan_lazy();
	gradient_check(1, 2, w2, 2, "classification, 2 members, 6-4");
	gradient_check(0, 1, w3, 3, "regression, 1 member, 5-4-3");
	gradient_check(1, 3, w2k, 2, "classification, 3 members, 10-5");
	merge_check(1, 2, w2, 2, "classification, 2 members, 6-4");
	merge_check(0, 3, w3, 3, "regression, 3 members, 5-4-3");
	merge_check(1, 5, w2k, 2, "classification, 5 members, 10-5");
	train_checks();
	return done_testing();
}

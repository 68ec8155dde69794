/* calibrate.c: temperature scaling of a classifier, and the figures that say how calibrated it is.
 * SPDX-License-Identifier: MIT
 *
 * A network trained with early stopping, label smoothing and weight decay
 * gives probabilities that are right in their ranking but too cautious
 * (or, without them, too bold).  Temperature scaling (Guo et al., "On
 * Calibration of Modern Neural Networks", 2017) divides the logits by one
 * number T > 0 chosen to minimise the log-loss of rows the network did
 * not train on; the argmax, hence every prediction and the accuracy, stays
 * as it is.  Dividing the last Linear layer's weights and bias by T does
 * it inside the network, so the file format and every reader are
 * unchanged.
 *
 * The default recipe's ensemble gives every training row one member that
 * never trained on it: those out-of-fold logits are the rows T is fitted
 * on.  But the model is the average of the members' logits, and where
 * members disagree the average is smaller than each of them: a T right
 * for one member would soften the ensemble too much (or sharpen it too
 * little).  So T is multiplied by how much averaging shrinks the logits
 * on the training rows: the sum over the rows of the spread of the
 * ensemble's logits (their distance from their mean, which softmax
 * ignores) over the sum of the members' mean spread (at most 1, since the
 * spread of an average is at most the average spread), and kept at
 * 0.05 or above.
 *
 * The search is a golden-section search on b = 1/T in [1/20, 1/0.05]
 * with a fixed number of steps (the mean log-loss is convex in b, so it
 * has one minimum there), in double, with e^x and ln x computed from IEEE
 * operations only, so every platform finds the same T to the bit.
 *
 * The figures: the Brier score (the mean over rows of the squared
 * distance between the probabilities and the one-hot truth) and the
 * expected calibration error (rows binned by their top probability into
 * FERRUM_CALIBRATION_BINS equal-width bins; the rows-weighted mean of
 * |accuracy - mean confidence| over the bins). */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Rows per forward pass of the calibration rows. */
#define CHUNK 256
/* Golden-section steps: the bracket shrinks to 20 * 0.618^60, about
 * 6e-12, far below any difference a float temperature can hold. */
#define STEPS 60

/* e^x for x <= 0 from IEEE operations only: x = k ln 2 + r with
 * |r| <= ln 2 / 2, e^r by its Taylor series to r^13 (error below 1e-17),
 * then scaled by 2^k (exact). */
static double
exp_neg(double x)
{
	static const double ln2hi = 0x1.62e42fee00000p-1, ln2lo = 0x1.a39ef35793c76p-33;
	double k, r, s;
	int i;

	if (!(x > -745.0)) /* also NaN */
		return 0.0;
	k = floor(x * 0x1.71547652b82fep0 + 0.5);
	r = (x - k * ln2hi) - k * ln2lo;
	s = 1.0;
	for (i = 13; i >= 1; i--)
		s = 1.0 + s * r / (double)i;
	return ldexp(s, (int)k);
}

/* ln(1 + u) for u >= 0, to a few ulps of the result even where 1 + u
 * rounds to 1: the series below 1e-3 (the first term left out is below
 * 2e-19 of u), fe_log(1 + u) above, where 1 + u loses at most 1e-13 of u. */
static double
log1p_pos(double u)
{
	if (u < 1e-3)
		return u * (1.0 - u * (1.0 / 2.0 - u * (1.0 / 3.0 - u * (1.0 / 4.0 - u / 5.0))));
	return fe_log(1.0 + u);
}

/* The spread of @no logits @l: the length of their differences from their
 * mean (softmax does not see the mean). */
static double
spread(const double *l, size_t no)
{
	double m = 0.0, s = 0.0;
	size_t j;

	for (j = 0; j < no; j++)
		m += l[j];
	m /= (double)no;
	for (j = 0; j < no; j++)
		s += (l[j] - m) * (l[j] - m);
	return sqrt(s);
}

/* The mean negative log-likelihood of softmax(@b * logits) over @n rows
 * of @no logits @lg against the classes @c: per row ln(1 + u) - b (l_c - l_max),
 * u the sum of e^(b (l_j - l_max)) over the classes but the (first) largest,
 * so that rows the network is sure of still tell one b from another. */
static double
mean_nll(size_t n, size_t no, const double *lg, const uint32_t *c, double b)
{
	double sum = 0.0;
	size_t i, j, top;

	for (i = 0; i < n; i++) {
		const double *li = lg + i * no;
		double u = 0.0;

		for (top = 0, j = 1; j < no; j++)
			if (li[j] > li[top])
				top = j;
		for (j = 0; j < no; j++)
			if (j != top)
				u += exp_neg(b * (li[j] - li[top]));
		sum += log1p_pos(u) - b * (li[c[i]] - li[top]);
	}
	return sum / (double)n;
}

double
fe_temperature_fit(size_t n, size_t no, const double *logits, const uint32_t *classes)
{
	const double g = 0.6180339887498949; /* (sqrt(5) - 1) / 2 */
	double a = 1.0 / 20.0, b = 1.0 / 0.05, x1, x2, f1, f2;
	int i;

	if (n == 0 || no < 2)
		return 1.0;
	x1 = b - g * (b - a);
	x2 = a + g * (b - a);
	f1 = mean_nll(n, no, logits, classes, x1);
	f2 = mean_nll(n, no, logits, classes, x2);
	for (i = 0; i < STEPS; i++) {
		if (f1 <= f2) {
			b = x2;
			x2 = x1;
			f2 = f1;
			x1 = b - g * (b - a);
			f1 = mean_nll(n, no, logits, classes, x1);
		} else {
			a = x1;
			x1 = x2;
			f1 = f2;
			x2 = a + g * (b - a);
			f2 = mean_nll(n, no, logits, classes, x2);
		}
	}
	return 1.0 / ((a + b) / 2.0);
}

float
fe_temperature_fold(fe_net *net, double t)
{
	const float tf = (float)t;
	fe_layer *l = NULL;
	size_t i;

	for (i = net->n_layers; i-- > 0;)
		if (net->layers[i].kind == FERRUM_LAYER_LINEAR) {
			l = &net->layers[i];
			break;
		}
	if (l == NULL || !(tf > 0.0f) || tf == 1.0f)
		return 1.0f;
	for (i = 0; i < l->in * l->out; i++)
		l->w[i] /= tf;
	for (i = 0; i < l->out; i++)
		l->b[i] /= tf;
	return tf;
}

int
fe_calibrate_members(fe_net *net, const fe_fit_data *d, const unsigned *fold, size_t k,
                     const size_t *off, const float *bias, fe_fit_info *info, ferrum_error *err)
{
	const size_t n = d->n, no = d->no;
	fe_net head;
	const fe_layer *last;
	double *lg = NULL, *ml = NULL, *el, ens = 0.0, mem = 0.0;
	float *h = NULL, *work = NULL;
	size_t i, j, c, r, nl;
	int rc;

	if (!d->cls || k < 2 || n == 0 || no < 2)
		return FERRUM_OK;
	/* The network up to its last Linear layer gives every member's
	 * hidden units side by side; that layer holds their output weights,
	 * each divided by k. */
	for (nl = net->n_layers; nl > 0 && net->layers[nl - 1].kind != FERRUM_LAYER_LINEAR; nl--)
		;
	if (nl < 2)
		return FERRUM_OK;
	last = &net->layers[nl - 1];
	head = *net;
	head.n_layers = nl - 1;
	rc = fe_net_finish(&head, err);
	if (rc != FERRUM_OK)
		return rc;
	if (head.out_width != last->in || off[k] != last->in || last->out != no)
		return fe_error(err, FERRUM_ESHAPE, "calibration: members do not match the network");
	lg = fe_alloc_array(n, no * sizeof *lg);
	/* One row's logits of each member, then the ensemble's. */
	ml = fe_alloc_array(k + 1, no * sizeof *ml);
	h = fe_alloc_array(CHUNK, head.out_width * sizeof *h);
	work = fe_alloc_array(2 * CHUNK, head.max_width * sizeof *work);
	if (lg == NULL || ml == NULL || h == NULL || work == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto out;
	}
	el = ml + k * no;
	/* Every member's logits on each row: its bias plus k times its share
	 * of the merged sum.  T is fitted on those of the one member the row
	 * was held out of; the spreads say how much the average shrinks. */
	for (r = 0; r < n; r += CHUNK) {
		const size_t m = n - r < CHUNK ? n - r : CHUNK;

		fe_net_forward(&head, m, d->z + r * d->nf, h, work);
		for (i = 0; i < m; i++) {
			const unsigned f = fold[r + i] < k ? fold[r + i] : 0;
			const float *hi = h + i * head.out_width;
			double ms = 0.0;
			size_t q;

			for (q = 0; q < k; q++)
				for (j = 0; j < no; j++) {
					double s = 0.0;

					for (c = off[q]; c < off[q + 1]; c++)
						s += (double)hi[c] * (double)last->w[c * no + j];
					ml[q * no + j] = (double)bias[q * no + j] + (double)k * s;
				}
			for (j = 0; j < no; j++) {
				double s = 0.0;

				for (q = 0; q < k; q++)
					s += ml[q * no + j];
				el[j] = s / (double)k;
				lg[(r + i) * no + j] = ml[f * no + j];
			}
			for (q = 0; q < k; q++)
				ms += spread(ml + q * no, no);
			ens += spread(el, no);
			mem += ms / (double)k;
		}
	}
	{
		double t = fe_temperature_fit(n, no, lg, d->c);
		float tf;

		if (mem > 0.0 && ens > 0.0)
			t *= ens / mem;
		if (t < 0.05)
			t = 0.05;
		tf = fe_temperature_fold(net, t);
		if (info != NULL) {
			info->temperature = tf;
			info->calibration_rows = n;
		}
	}
out:
	free(lg);
	free(ml);
	free(h);
	free(work);
	return rc;
}

/* ---- the figures --------------------------------------------------------- */

void
fe_calib_add(fe_calib *a, const float *p, size_t width, size_t truth)
{
	const size_t pred = ferrum_argmax(p, width);
	double conf = (double)p[pred], b = 0.0;
	size_t j, bin;

	for (j = 0; j < width; j++) {
		const double e = (double)p[j] - (j == truth ? 1.0 : 0.0);

		b += e * e;
	}
	a->brier += b;
	if (!(conf >= 0.0)) /* also NaN */
		conf = 0.0;
	if (conf > 1.0)
		conf = 1.0;
	bin = (size_t)(conf * FERRUM_CALIBRATION_BINS);
	if (bin >= FERRUM_CALIBRATION_BINS)
		bin = FERRUM_CALIBRATION_BINS - 1;
	a->rows[bin]++;
	a->conf[bin] += conf;
	if (pred == truth)
		a->correct[bin]++;
}

void
fe_calib_metrics(const fe_calib *a, size_t n, ferrum_metrics *m)
{
	double ece = 0.0;
	size_t b;

	if (n == 0) {
		m->brier = m->ece = NAN;
		return;
	}
	for (b = 0; b < FERRUM_CALIBRATION_BINS; b++)
		ece += fabs((double)a->correct[b] - a->conf[b]);
	m->brier = a->brier / (double)n;
	m->ece = ece / (double)n;
}

/* finf.c: the FINF v3 model file, decoded from and encoded to memory buffers.
 * SPDX-License-Identifier: MIT
 *
 * The reader is strictly sequential; every length read from the file is
 * compared with the bytes that remain before anything is allocated for it,
 * in 64-bit arithmetic that cannot overflow.  Errors carry the byte offset
 * where the problem is. */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char finf_magic[4] = { 'F', 'I', 'N', 'F' };

typedef struct reader {
	const unsigned char *p;
	size_t len;
	size_t pos;
	ferrum_error *err;
} reader;

static int
truncated(reader *r, size_t need)
{
	return fe_error_at(r->err, FERRUM_EFORMAT, (long long)r->pos,
	                   "truncated: need %zu bytes, %zu left", need, r->len - r->pos);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int
read_u32(reader *r, uint32_t *v)
{
	if (r->len - r->pos < 4)
		return truncated(r, 4);
	*v = le32(r->p + r->pos);
	r->pos += 4;
	return 0;
}

static int
read_u8(reader *r, unsigned *v)
{
	if (r->len - r->pos < 1)
		return truncated(r, 1);
	*v = r->p[r->pos++];
	return 0;
}

/* Read @n floats into a new array; @what names them in the error. */
static int
read_floats(reader *r, uint64_t n, float **out, size_t layer, const char *what)
{
	size_t left = r->len - r->pos, i;
	float *v;

	*out = NULL;
	if (n > left / 4) {
		/* Point at the first float that is not all there, as the
		 * original engine does. */
		r->pos += left / 4 * 4;
		return fe_error_at(r->err, FERRUM_EFORMAT, (long long)r->pos,
		                   "truncated: need 4 bytes, %zu left (layer %zu: %llu %s)",
		                   left % 4, layer, (unsigned long long)n, what);
	}
	v = fe_alloc_array((size_t)n, sizeof *v);
	if (v == NULL)
		return fe_error(r->err, FERRUM_ENOMEM, "out of memory");
	for (i = 0; i < (size_t)n; i++) {
		uint32_t bits = le32(r->p + r->pos);

		memcpy(&v[i], &bits, sizeof bits);
		r->pos += 4;
	}
	*out = v;
	return 0;
}

/* Shift an error from a blob parser (offsets within the blob) to the file. */
static int
rebase(ferrum_error *err, int rc, size_t base)
{
	if (err != NULL && rc != FERRUM_ENOMEM)
		err->offset = err->offset >= 0 ? err->offset + (long long)base : (long long)base;
	if (err != NULL)
		err->column = -1;
	return rc;
}

static int
read_layers(reader *r, fe_net *net, size_t *starts)
{
	size_t i;
	int rc;

	for (i = 0; i < net->n_layers; i++) {
		fe_layer *l = &net->layers[i];
		unsigned tag = 0, kind = 0;
		uint32_t in, out;

		starts[i] = r->pos;
		if ((rc = read_u8(r, &tag)) != 0)
			return rc;
		if (tag == FERRUM_LAYER_LINEAR) {
			l->kind = FERRUM_LAYER_LINEAR;
			if ((rc = read_u32(r, &in)) != 0 || (rc = read_u32(r, &out)) != 0)
				return rc;
			l->in = in;
			l->out = out;
			if ((rc = read_floats(r, (uint64_t)in * out, &l->w, i, "weights")) != 0 ||
			    (rc = read_floats(r, out, &l->b, i, "biases")) != 0)
				return rc;
		} else if (tag == FERRUM_LAYER_ACTIVATION) {
			l->kind = FERRUM_LAYER_ACTIVATION;
			if ((rc = read_u8(r, &kind)) != 0)
				return rc;
			if (kind > FERRUM_ACT_SOFTMAX)
				return fe_error_at(r->err, FERRUM_EFORMAT, (long long)r->pos - 1,
				                   "layer %zu: unknown activation kind %u", i, kind);
			l->act = (int)kind;
		} else {
			return fe_error_at(r->err, FERRUM_EFORMAT, (long long)starts[i],
			                   "layer %zu: unknown layer tag %u", i, tag);
		}
	}
	return 0;
}

/* What inference needs and the file does not promise: the chain connects,
 * and the normaliser fits the first layer and the task. */
static int
check_shape(reader *r, fe_net *net, const size_t *starts, const fe_norm *norm, int task,
            size_t norm_at)
{
	size_t i, width = 0, have = 0;

	if (net->n_layers == 0)
		return fe_error_at(r->err, FERRUM_EFORMAT, (long long)r->pos,
		                   "the network has no layers");
	for (i = 0; i < net->n_layers; i++) {
		const fe_layer *l = &net->layers[i];

		if (l->kind != FERRUM_LAYER_LINEAR)
			continue;
		if (have && l->in != width)
			return fe_error_at(r->err, FERRUM_ESHAPE, (long long)starts[i],
			                   "layer %zu: Linear expects %zu inputs, gets %zu", i, l->in,
			                   width);
		width = l->out;
		have = 1;
	}
	if (!have)
		return fe_error_at(r->err, FERRUM_ESHAPE, (long long)starts[0],
		                   "the network has no Linear layer");
	if (fe_net_finish(net, r->err) != 0)
		return rebase(r->err, r->err != NULL ? r->err->code : FERRUM_ESHAPE, starts[0]);
	if (task == FERRUM_TASK_REGRESSION) {
		if (norm->n != net->in_width + 1)
			return fe_error_at(r->err, FERRUM_ESHAPE, (long long)norm_at,
			                   "normaliser has %zu pairs, a regressor taking %zu inputs "
			                   "needs %zu",
			                   norm->n, net->in_width, net->in_width + 1);
		if (net->out_width != 1)
			return fe_error_at(r->err, FERRUM_ESHAPE, (long long)starts[0],
			                   "a regressor needs 1 output, the network has %zu",
			                   net->out_width);
	} else if (norm->n != net->in_width) {
		return fe_error_at(r->err, FERRUM_ESHAPE, (long long)norm_at,
		                   "normaliser has %zu pairs, the network takes %zu inputs", norm->n,
		                   net->in_width);
	}
	return 0;
}

int
ferrum_model_read(const void *buf, size_t len, ferrum_model **out, ferrum_error *err)
{
	reader r;
	uint32_t version, norm_len, meta_len, n_layers;
	fe_norm norm;
	fe_meta meta;
	fe_net net;
	size_t norm_at, meta_at, *starts = NULL;
	int rc;

	*out = NULL;
	ferrum_error_clear(err);
	memset(&norm, 0, sizeof norm);
	memset(&meta, 0, sizeof meta);
	memset(&net, 0, sizeof net);
	r.p = buf;
	r.len = len;
	r.pos = 0;
	r.err = err;
	if (len < 4)
		return truncated(&r, 4);
	if (memcmp(r.p, finf_magic, 4) != 0)
		return fe_error_at(err, FERRUM_EFORMAT, 0, "bad magic (not a FINF file)");
	r.pos = 4;
	if ((rc = read_u32(&r, &version)) != 0)
		return rc;
	if (version != FERRUM_FINF_VERSION)
		return fe_error_at(err, FERRUM_EVERSION, 4,
		                   "unsupported FINF version %lu (this reader needs %d)",
		                   (unsigned long)version, FERRUM_FINF_VERSION);

	if ((rc = read_u32(&r, &norm_len)) != 0)
		return rc;
	norm_at = r.pos;
	if (norm_len > len - r.pos)
		return fe_error_at(err, FERRUM_EFORMAT, (long long)r.pos,
		                   "truncated: the normaliser needs %lu bytes, %zu left",
		                   (unsigned long)norm_len, len - r.pos);
	if ((rc = fe_norm_parse((const char *)r.p + r.pos, norm_len, &norm, err)) != 0)
		return rebase(err, rc, r.pos);
	r.pos += norm_len;

	if ((rc = read_u32(&r, &meta_len)) != 0)
		goto fail;
	meta_at = r.pos;
	if (meta_len > len - r.pos) {
		rc = fe_error_at(err, FERRUM_EFORMAT, (long long)r.pos,
		                 "truncated: the metadata needs %lu bytes, %zu left",
		                 (unsigned long)meta_len, len - r.pos);
		goto fail;
	}
	if ((rc = fe_meta_parse((const char *)r.p + r.pos, meta_len, &meta, err)) != 0) {
		rebase(err, rc, meta_at);
		goto fail;
	}
	r.pos += meta_len;

	if ((rc = read_u32(&r, &n_layers)) != 0)
		goto fail;
	/* An activation record, the smallest, takes 2 bytes. */
	if (n_layers > (len - r.pos) / 2) {
		rc = fe_error_at(err, FERRUM_EFORMAT, (long long)r.pos - 4,
		                 "truncated: %lu layers need at least %llu bytes, %zu left",
		                 (unsigned long)n_layers, 2ULL * n_layers, len - r.pos);
		goto fail;
	}
	net.n_layers = n_layers;
	net.layers = fe_calloc_array(n_layers, sizeof *net.layers);
	starts = fe_calloc_array(n_layers, sizeof *starts);
	if (net.layers == NULL || starts == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto fail;
	}
	if ((rc = read_layers(&r, &net, starts)) != 0)
		goto fail;
	if ((rc = check_shape(&r, &net, starts, &norm, meta.task, norm_at)) != 0)
		goto fail;
	free(starts);
	/* Trailing bytes after the last layer are ignored, as in the original. */
	return fe_model_assemble(out, &norm, &meta, &net, err);
fail:
	free(starts);
	fe_norm_free(&norm);
	fe_meta_free(&meta);
	fe_net_free(&net);
	return rc;
}

int
fe_model_assemble(ferrum_model **out, fe_norm *norm, fe_meta *meta, fe_net *net,
                  ferrum_error *err)
{
	ferrum_model *m;
	size_t wide, nwork;
	int rc;
	fe_buf b;

	*out = NULL;
	if ((rc = fe_net_finish(net, err)) != 0)
		goto fail;
	m = calloc(1, sizeof *m);
	wide = net->max_width > net->in_width ? net->max_width : net->in_width;
	if (wide < net->out_width)
		wide = net->out_width;
	/* z (in_width) then two activation buffers of the widest layer. */
	if (m == NULL || fe_mul_size(wide, 2, &nwork) != 0 ||
	    fe_add_size(nwork, net->in_width, &nwork) != 0 ||
	    (m->work = fe_alloc_array(nwork, sizeof *m->work)) == NULL) {
		free(m);
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto fail;
	}
	/* The canonical metadata text follows the fields, whoever built them. */
	fe_buf_init(&b);
	fe_meta_write(&b, meta);
	free(meta->json);
	meta->json = fe_buf_take(&b, NULL);
	if (meta->json == NULL) {
		free(m->work);
		free(m);
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto fail;
	}
	m->norm = *norm;
	m->meta = *meta;
	m->net = *net;
	memset(norm, 0, sizeof *norm);
	memset(meta, 0, sizeof *meta);
	memset(net, 0, sizeof *net);
	*out = m;
	return 0;
fail:
	fe_norm_free(norm);
	fe_meta_free(meta);
	fe_net_free(net);
	return rc;
}

void
ferrum_model_free(ferrum_model *m)
{
	if (m == NULL)
		return;
	fe_norm_free(&m->norm);
	fe_meta_free(&m->meta);
	fe_net_free(&m->net);
	free(m->work);
	free(m);
}

static void
put_u32(fe_buf *b, uint32_t v)
{
	unsigned char p[4];

	p[0] = (unsigned char)(v & 0xFF);
	p[1] = (unsigned char)(v >> 8 & 0xFF);
	p[2] = (unsigned char)(v >> 16 & 0xFF);
	p[3] = (unsigned char)(v >> 24 & 0xFF);
	fe_buf_add(b, p, 4);
}

static void
put_floats(fe_buf *b, const float *v, size_t n)
{
	size_t i;
	uint32_t bits;

	/* Bit for bit: NaN payloads are kept. */
	for (i = 0; i < n; i++) {
		memcpy(&bits, &v[i], sizeof bits);
		put_u32(b, bits);
	}
}

FE_OUTLINE int
ferrum_model_write(const ferrum_model *m, unsigned char **buf, size_t *len, ferrum_error *err)
{
	fe_buf b, t;
	size_t i, at;

	*buf = NULL;
	*len = 0;
	if (m->net.n_layers > UINT32_MAX)
		return fe_error(err, FERRUM_ERANGE, "too many layers for FINF");
	fe_buf_init(&b);
	fe_buf_init(&t);
	fe_buf_add(&b, finf_magic, 4);
	put_u32(&b, FERRUM_FINF_VERSION);
	/* Each blob is written after its length, patched in once known. */
	at = b.len;
	put_u32(&b, 0);
	fe_norm_write(&b, &m->norm);
	if (!b.failed && b.len - at - 4 > UINT32_MAX)
		goto range;
	if (!b.failed) {
		uint32_t n = (uint32_t)(b.len - at - 4);

		b.data[at] = (char)(n & 0xFF);
		b.data[at + 1] = (char)(n >> 8 & 0xFF);
		b.data[at + 2] = (char)(n >> 16 & 0xFF);
		b.data[at + 3] = (char)(n >> 24 & 0xFF);
	}
	fe_meta_write(&t, &m->meta);
	if (!t.failed && t.len > UINT32_MAX)
		goto range;
	put_u32(&b, (uint32_t)t.len);
	fe_buf_add(&b, t.data, t.len);
	fe_buf_free(&t);
	put_u32(&b, (uint32_t)m->net.n_layers);
	for (i = 0; i < m->net.n_layers; i++) {
		const fe_layer *l = &m->net.layers[i];
		unsigned char tag = (unsigned char)l->kind;

		fe_buf_add(&b, &tag, 1);
		if (l->kind == FERRUM_LAYER_LINEAR) {
			if (l->in > UINT32_MAX || l->out > UINT32_MAX)
				goto range;
			put_u32(&b, (uint32_t)l->in);
			put_u32(&b, (uint32_t)l->out);
			put_floats(&b, l->w, l->in * l->out);
			put_floats(&b, l->b, l->out);
		} else {
			unsigned char kind = (unsigned char)l->act;

			fe_buf_add(&b, &kind, 1);
		}
	}
	*buf = (unsigned char *)fe_buf_take(&b, len);
	if (*buf == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	return 0;
range:
	fe_buf_free(&b);
	fe_buf_free(&t);
	return fe_error(err, FERRUM_ERANGE, "a length does not fit FINF's 32-bit fields");
}

/* ---- accessors ------------------------------------------------------------ */

int
ferrum_model_task(const ferrum_model *m)
{
	return m->meta.task;
}

const char *
ferrum_model_dataset_name(const ferrum_model *m)
{
	return m->meta.dataset_name != NULL ? m->meta.dataset_name : "";
}

size_t
ferrum_model_n_features(const ferrum_model *m)
{
	return m->net.in_width;
}

size_t
ferrum_model_n_outputs(const ferrum_model *m)
{
	return m->net.out_width;
}

size_t
ferrum_model_n_classes(const ferrum_model *m)
{
	return m->meta.task == FERRUM_TASK_CLASSIFICATION ? m->net.out_width : 0;
}

const char *
ferrum_model_feature_name(const ferrum_model *m, size_t i)
{
	return i < m->meta.n_features ? m->meta.feature_names[i] : NULL;
}

const char *
ferrum_model_class_name(const ferrum_model *m, size_t i)
{
	return i < m->meta.n_classes ? m->meta.class_names[i] : NULL;
}

const char *
ferrum_model_target_name(const ferrum_model *m)
{
	return m->meta.target_name != NULL ? m->meta.target_name : "";
}

int
ferrum_model_feature_range(const ferrum_model *m, size_t i, float *lo, float *hi)
{
	if (i >= m->meta.n_ranges)
		return FERRUM_EINVAL;
	*lo = m->meta.feature_ranges[i][0];
	*hi = m->meta.feature_ranges[i][1];
	return 0;
}

int
ferrum_model_feature_norm(const ferrum_model *m, size_t i, float *mean, float *std)
{
	if (i >= m->net.in_width || i >= m->norm.n)
		return FERRUM_EINVAL;
	*mean = m->norm.mean[i];
	*std = m->norm.std[i];
	return 0;
}

void
ferrum_model_target_range(const ferrum_model *m, float *lo, float *hi)
{
	*lo = m->meta.target_range[0];
	*hi = m->meta.target_range[1];
}

int
ferrum_model_target_norm(const ferrum_model *m, float *mean, float *std)
{
	if (m->meta.task != FERRUM_TASK_REGRESSION || m->norm.n == 0)
		return FERRUM_EINVAL;
	*mean = m->norm.mean[m->norm.n - 1];
	*std = m->norm.std[m->norm.n - 1];
	return 0;
}

const char *
ferrum_model_metadata_json(const ferrum_model *m)
{
	return m->meta.json;
}

const char *
ferrum_model_metadata_get(const ferrum_model *m, const char *key)
{
	size_t i;

	for (i = 0; i < m->meta.n_extra; i++)
		if (strcmp(m->meta.extra_keys[i], key) == 0)
			return m->meta.extra_values[i];
	return NULL;
}

size_t
ferrum_model_metadata_n_extra(const ferrum_model *m)
{
	return m->meta.n_extra;
}

const char *
ferrum_model_metadata_key(const ferrum_model *m, size_t i)
{
	return i < m->meta.n_extra ? m->meta.extra_keys[i] : NULL;
}

size_t
ferrum_model_n_layers(const ferrum_model *m)
{
	return m->net.n_layers;
}

int
ferrum_model_layer(const ferrum_model *m, size_t i, ferrum_layer_info *info)
{
	const fe_layer *l;

	if (i >= m->net.n_layers)
		return FERRUM_EINVAL;
	l = &m->net.layers[i];
	memset(info, 0, sizeof *info);
	info->kind = l->kind;
	if (l->kind == FERRUM_LAYER_LINEAR) {
		info->act = -1;
		info->in = l->in;
		info->out = l->out;
		info->n_params = l->in * l->out + l->out;
		info->weights = l->w;
		info->bias = l->b;
	} else {
		info->act = l->act;
	}
	return 0;
}

size_t
ferrum_model_n_params(const ferrum_model *m)
{
	size_t i, n = 0;

	for (i = 0; i < m->net.n_layers; i++) {
		const fe_layer *l = &m->net.layers[i];

		if (l->kind == FERRUM_LAYER_LINEAR)
			n += l->in * l->out + l->out;
	}
	return n;
}

/* ---- inference -------------------------------------------------------------- */

void
ferrum_model_normalize(const ferrum_model *m, const float *x, float *z)
{
	size_t i;

	/* One subtraction, then one division, in float: the format's order. */
	for (i = 0; i < m->net.in_width; i++)
		z[i] = (x[i] - m->norm.mean[i]) / m->norm.std[i];
}

int
ferrum_model_predict(ferrum_model *m, const float *x, float *out, ferrum_error *err)
{
	size_t i, in = m->net.in_width;
	float *z = m->work;

	for (i = 0; i < in; i++)
		if (!isfinite(x[i])) {
			const char *name = ferrum_model_feature_name(m, i);

			return fe_error(err, FERRUM_EINPUT, "feature %zu%s%s%s is not a finite number",
			                i + 1, name ? " (" : "", name ? name : "", name ? ")" : "");
		}
	ferrum_model_normalize(m, x, z);
	fe_net_forward(&m->net, 1, z, out, m->work + in);
	return 0;
}

float
ferrum_model_denormalize(const ferrum_model *m, float out)
{
	float y;

	if (m->meta.task != FERRUM_TASK_REGRESSION || m->norm.n == 0)
		return out;
	/* Multiply, round, then add: no fused multiply-add. */
	y = out * m->norm.std[m->norm.n - 1];
	return y + m->norm.mean[m->norm.n - 1];
}

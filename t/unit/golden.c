/* golden.c: FINF v3 compatibility: the original engine's files, outputs and rejections.
 * SPDX-License-Identifier: MIT
 *
 * Every expectation comes from the golden directory ($FERRUM_TESTDATA),
 * written by the original engine: NAME.expected.json (read with our own
 * JSON reader), the .bin bytes themselves, and the README's rejection
 * vectors.  Crafted files are derived from seeds.bin by patching the
 * fields whose offsets the test computes from the file's own lengths. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const names[] = {
	"iris", "wine", "diabetes", "titanic", "housing", "heart",
	"cancer", "penguins", "mpg", "seeds", "wine6"
};
#define N_NAMES (sizeof names / sizeof names[0])

static const char *dir;

static char *
slurp(const char *name, const char *ext, size_t *len)
{
	char path[4096];

	snprintf(path, sizeof path, "%s/%s%s", dir, name, ext);
	return tap_slurp(path, len);
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void
put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* One row of NAME.inputs.csv (plain numbers, no quotes) into @x. */
static size_t
parse_row(char *line, float *x, size_t max)
{
	size_t n = 0;
	char *tok = strtok(line, ",");

	while (tok != NULL && n < max) {
		x[n++] = strtof(tok, NULL);
		tok = strtok(NULL, ",");
	}
	return n;
}

static float
json_float(const fe_json *v)
{
	float f = 0;

	if (v != NULL && v->type == FE_JSON_NUMBER)
		fe_num_parse_float(v->text, v->text_len, &f);
	return f;
}

static uint32_t
json_bits(const fe_json *v)
{
	return v != NULL && v->type == FE_JSON_STRING ? (uint32_t)strtoul(v->text, NULL, 16) : 0;
}

static void
golden(const char *name)
{
	size_t blen, ilen, jlen, i, j, row = 0;
	char *bin = slurp(name, ".bin", &blen);
	char *inputs = slurp(name, ".inputs.csv", &ilen);
	char *json = slurp(name, ".expected.json", &jlen);
	ferrum_model *m = NULL;
	ferrum_error err;
	fe_json *exp = NULL;
	const fe_json *rows, *v;
	unsigned char *out;
	size_t olen, rejected = 0, wrong_offset = 0;
	char *line, *save = NULL;
	int rc;

	rc = ferrum_model_read(bin, blen, &m, &err);
	if (!is_int(rc, 0, "%s: loads", name)) {
		diag("%s", err.message);
		goto done;
	}
	if (fe_json_parse(json, jlen, &exp, &err) != 0)
		bail("%s.expected.json: %s", name, err.message);
	v = fe_json_get(exp, "task");
	is_string(ferrum_model_task(m) == FERRUM_TASK_REGRESSION ? "regression" : "classification",
	          v->text, "%s: task", name);
	is_string(ferrum_model_dataset_name(m), fe_json_get(exp, "dataset_name")->text,
	          "%s: dataset name", name);
	is_int((long long)ferrum_model_n_features(m),
	       (long long)fe_json_get(exp, "input_dim")->number, "%s: input width", name);
	is_int((long long)ferrum_model_n_outputs(m),
	       (long long)fe_json_get(exp, "output_dim")->number, "%s: output width", name);
	is_int((long long)ferrum_model_n_layers(m), (long long)fe_json_get(exp, "num_layers")->number,
	       "%s: layer count", name);
	v = fe_json_get(exp, "class_names");
	for (i = 0; i < v->n; i++)
		is_string(ferrum_model_class_name(m, i), v->items[i].text, "%s: class %zu", name, i);

	rows = fe_json_get(exp, "rows");
	line = strtok_r(inputs, "\n", &save); /* the header */
	while ((line = strtok_r(NULL, "\n", &save)) != NULL && row < rows->n) {
		const fe_json *r = &rows->items[row];
		float x[64], z[64], o[64];
		size_t n = parse_row(line, x, 64), nz = ferrum_model_n_features(m);
		size_t no = ferrum_model_n_outputs(m), bad = 0;

		is_int((long long)n, (long long)nz, "%s row %zu: width", name, row);
		ferrum_model_normalize(m, x, z);
		v = fe_json_get(r, "normalized");
		for (j = 0; j < nz && j < v->n; j++)
			if (fe_f2u(z[j]) != fe_f2u(json_float(&v->items[j]))) {
				diag("feature %zu: got %.9g want %s", j, (double)z[j], v->items[j].text);
				bad++;
			}
		ok(bad == 0 && v->n == nz, "%s row %zu: normalized bit for bit", name, row);
		rc = ferrum_model_predict(m, x, o, &err);
		is_int(rc, 0, "%s row %zu: predicts", name, row);
		v = fe_json_get(r, "output_bits");
		for (j = 0, bad = 0; j < no && j < v->n; j++)
			if (fe_f2u(o[j]) != json_bits(&v->items[j])) {
				diag("output %zu: got 0x%08lx want %s", j, (unsigned long)fe_f2u(o[j]),
				     v->items[j].text);
				bad++;
			}
		ok(bad == 0 && v->n == no, "%s row %zu: output_bits bit for bit", name, row);
		if (ferrum_model_task(m) == FERRUM_TASK_REGRESSION) {
			float y = ferrum_model_denormalize(m, o[0]);

			is_int(fe_f2u(y), json_bits(fe_json_get(r, "prediction_bits")),
			       "%s row %zu: prediction_bits", name, row);
		} else {
			size_t k = ferrum_argmax(o, no);

			is_int((long long)k, (long long)fe_json_get(r, "argmax")->number,
			       "%s row %zu: argmax", name, row);
			is_string(ferrum_model_class_name(m, k), fe_json_get(r, "label")->text,
			          "%s row %zu: label", name, row);
		}
		row++;
	}
	is_int((long long)row, (long long)rows->n, "%s: every expected row checked", name);

	rc = ferrum_model_write(m, &out, &olen, &err);
	is_int(rc, 0, "%s: saves", name);
	if (rc == 0)
		is_blob(out, olen, bin, blen, "%s: re-save is byte-identical", name);
	ferrum_free(out);

	for (i = 0; i < blen; i++) {
		ferrum_model *p = NULL;

		rc = ferrum_model_read(bin, i, &p, &err);
		if (rc != 0 && err.message[0] != '\0')
			rejected++;
		if (rc != 0 && (err.offset < 0 || (size_t)err.offset > i))
			wrong_offset++;
		ferrum_model_free(p);
	}
	is_int((long long)rejected, (long long)blen, "%s: all %zu proper prefixes rejected", name,
	       blen);
	is_int((long long)wrong_offset, 0, "%s: each prefix error has an offset within the prefix",
	       name);
done:
	fe_json_free(exp);
	ferrum_model_free(m);
	free(bin);
	free(inputs);
	free(json);
}

static void
reject_file(const char *file, int want_rc, long long want_off, const char *want_msg)
{
	size_t len;
	char *b = slurp(file, "", &len);
	ferrum_model *m = NULL;
	ferrum_error err;
	int rc = ferrum_model_read(b, len, &m, &err);

	is_int(rc, want_rc, "%s: rejected with the right status", file);
	is_int(err.offset, want_off, "%s: offset", file);
	ok(strstr(err.message, want_msg) != NULL, "%s: message names the problem", file);
	diag("%s: offset %lld: %s", file, err.offset, err.message);
	ferrum_model_free(m);
	free(b);
}

/* Read a patched copy of @base; check status, offset (-1: don't care) and
 * a fragment of the message. */
static void
reject_bytes(const unsigned char *b, size_t len, int want_rc, long long want_off,
             const char *want_msg, const char *what)
{
	ferrum_model *m = NULL;
	ferrum_error err;
	int rc = ferrum_model_read(b, len, &m, &err);

	is_int(rc, want_rc, "%s: rejected", what);
	if (want_off >= 0)
		is_int(err.offset, want_off, "%s: offset", what);
	if (!ok(strstr(err.message, want_msg) != NULL, "%s: message has \"%s\"", what, want_msg))
		diag("message: %s", err.message);
	ferrum_model_free(m);
}

/* A FINF file from parts: Linear(in, out) layers with zero parameters and
 * activations, described as "L7x24 A1 L24x3 A4". */
static unsigned char *
build(const char *norm, const char *meta, const char *layers, size_t *len)
{
	fe_buf b;
	unsigned char t[4];
	const char *p;
	uint32_t count = 0;
	size_t count_at;

	fe_buf_init(&b);
	fe_buf_add(&b, "FINF", 4);
	put_le32(t, 3);
	fe_buf_add(&b, t, 4);
	put_le32(t, (uint32_t)strlen(norm));
	fe_buf_add(&b, t, 4);
	fe_buf_puts(&b, norm);
	put_le32(t, (uint32_t)strlen(meta));
	fe_buf_add(&b, t, 4);
	fe_buf_puts(&b, meta);
	count_at = b.len;
	fe_buf_add(&b, t, 4);
	for (p = layers; *p != '\0'; p++) {
		unsigned long in, out, i;
		char *end;

		if (*p == 'L') {
			in = strtoul(p + 1, &end, 10);
			out = strtoul(end + 1, &end, 10);
			fe_buf_putc(&b, 0);
			put_le32(t, (uint32_t)in);
			fe_buf_add(&b, t, 4);
			put_le32(t, (uint32_t)out);
			fe_buf_add(&b, t, 4);
			for (i = 0; i < in * out + out; i++) {
				put_le32(t, 0x3f800000u * (i % 2)); /* 0.0 and 1.0 */
				fe_buf_add(&b, t, 4);
			}
			p = end - 1;
			count++;
		} else if (*p == 'A') {
			fe_buf_putc(&b, 1);
			fe_buf_putc(&b, (char)(p[1] - '0'));
			p++;
			count++;
		}
	}
	put_le32((unsigned char *)b.data + count_at, count);
	return (unsigned char *)fe_buf_take(&b, len);
}

#define CMETA "{\"task\":\"classification\"}"
#define RMETA "{\"task\":\"regression\"}"

static void
crafted(void)
{
	size_t len, n_at, layer0, blen;
	unsigned char *s = (unsigned char *)slurp("seeds", ".bin", &len), *c = malloc(len), *b;
	uint32_t norm_len, meta_len;
	ferrum_model *m = NULL;
	ferrum_error err;
	float x[3] = { 1, 2, 3 }, o[2];

	norm_len = le32(s + 8);
	meta_len = le32(s + 12 + norm_len);
	n_at = 16 + norm_len + meta_len; /* the layer count */
	layer0 = n_at + 4;

	memcpy(c, s, len);
	put_le32(c + n_at, 0xFFFFFFFFu);
	reject_bytes(c, len, FERRUM_EFORMAT, (long long)n_at, "layers need", "huge layer count");

	memcpy(c, s, len);
	put_le32(c + layer0 + 1, 0x10000);
	put_le32(c + layer0 + 5, 0x10000);
	reject_bytes(c, len, FERRUM_EFORMAT, -1, "truncated", "Linear 65536x65536");
	memcpy(c, s, len);
	put_le32(c + layer0 + 1, 0xFFFFFFFFu);
	put_le32(c + layer0 + 5, 0xFFFFFFFFu);
	reject_bytes(c, len, FERRUM_EFORMAT, -1, "truncated", "Linear (2^32-1)^2 (overflow)");

	memcpy(c, s, len);
	c[layer0] = 7;
	reject_bytes(c, len, FERRUM_EFORMAT, (long long)layer0, "unknown layer tag 7",
	             "unknown layer tag");
	/* Layer 1 is the ReLU after Linear(7, 24): tag then kind. */
	memcpy(c, s, len);
	c[layer0 + 9 + 4 * (7 * 24 + 24) + 1] = 9;
	reject_bytes(c, len, FERRUM_EFORMAT, (long long)(layer0 + 9 + 4 * (7 * 24 + 24) + 1),
	             "unknown activation kind 9", "unknown activation kind");
	memcpy(c, s, len);
	c[4] = 4;
	reject_bytes(c, len, FERRUM_EVERSION, 4, "version 4", "version 4");
	free(c);

	b = build("0,1;0,1;0,1", CMETA, "L3x4 A1 L5x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_ESHAPE, -1, "layer 2: Linear expects 5 inputs, gets 4",
	             "chain that does not connect");
	free(b);
	b = build("0,1;0,1;0,1;0,1;0,1", CMETA, "L7x4 A1 L4x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_ESHAPE, 12, "normaliser has 5 pairs, the network takes 7",
	             "normaliser width mismatch");
	free(b);
	b = build("0,1;0,1;0,1", RMETA, "L3x4 A1 L4x1 A0", &blen);
	reject_bytes(b, blen, FERRUM_ESHAPE, 12, "normaliser has 3 pairs",
	             "regressor without a target pair");
	free(b);
	b = build("0,1;0,1;0,1;0,1", CMETA, "L3x4 A1 L4x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_ESHAPE, 12, "normaliser has 4 pairs",
	             "classifier with an extra pair");
	free(b);
	b = build("0,1;0,1;0,1", "{\"task\":\"classification\",}", "L3x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_EFORMAT, 16 + 11 + 25,
	             "metadata: not valid JSON at byte 25: trailing comma", "metadata trailing comma");
	free(b);
	b = build("0,1;0,1;0,1", "{\"dataset_name\":\"x\"}", "L3x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_EFORMAT, -1, "metadata: missing \"task\"", "metadata without task");
	free(b);
	b = build("0,1;0,1;0,1", "{\"task\":\"Regression\"}", "L3x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_EFORMAT, -1, "unknown task", "task is case-sensitive");
	free(b);
	b = build("0,1;0,1;0,1;", CMETA, "L3x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_EFORMAT, 12 + 12, "normaliser pair 4", "trailing ';'");
	free(b);
	b = build("0,1;0, 1;0,1", CMETA, "L3x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_EFORMAT, 12 + 6, "bad std", "space in the normaliser");
	free(b);
	b = build("", CMETA, "L3x2 A4", &blen);
	reject_bytes(b, blen, FERRUM_EFORMAT, 12, "empty", "empty normaliser");
	free(b);
	b = build("0,1", CMETA, "", &blen);
	reject_bytes(b, blen, FERRUM_EFORMAT, -1, "no layers", "no layers");
	free(b);

	/* Accepted: trailing bytes, and a minimal regressor with defaults. */
	{
		unsigned char *t = malloc(len + 3);

		memcpy(t, s, len);
		memcpy(t + len, "xyz", 3);
		is_int(ferrum_model_read(t, len + 3, &m, &err), 0, "trailing bytes are ignored");
		ferrum_model_free(m);
		free(t);
	}
	b = build("0,1;0,1;0,1;10,2", RMETA, "L3x1 A0", &blen);
	is_int(ferrum_model_read(b, blen, &m, &err), 0, "a minimal regressor loads");
	if (m != NULL) {
		float lo, hi;

		ferrum_model_target_range(m, &lo, &hi);
		ok(lo == 0.0f && hi == 1.0f, "missing target_range defaults to [0,1]");
		is_string(ferrum_model_target_name(m), "", "missing target_name is empty");
		/* weights 0,1,0 then bias 1: out = z1 + 1 = 2 + 1. */
		is_int(ferrum_model_predict(m, x, o, &err), 0, "predicts");
		is_double(o[0], 3.0, 0, "by hand: x.W + b = 3");
		is_double(ferrum_model_denormalize(m, o[0]), 16.0, 0, "denormalised: 3 * 2 + 10");
		x[1] = NAN;
		is_int(ferrum_model_predict(m, x, o, &err), FERRUM_EINPUT, "NaN input is refused");
		ok(strstr(err.message, "feature 2") != NULL, "the message names the feature");
		ferrum_model_free(m);
	}
	free(b);
	free(s);
}

/* The file layer: load, save atomically, and refusals. */
static void
files(void)
{
	const char *tmp = getenv("TMPDIR") != NULL && *getenv("TMPDIR") != '\0' ? getenv("TMPDIR")
	                                                                      : "/tmp";
	char tmpl[4096], path[4096], src[4096];
	char *dirname_, *a, *b;
	size_t alen, blen;
	ferrum_model *m = NULL;
	ferrum_error err;
	struct stat st;

	snprintf(tmpl, sizeof tmpl, "%s/ferrum-golden.XXXXXX", tmp);
	dirname_ = mkdtemp(tmpl);
	if (dirname_ == NULL)
		bail("mkdtemp failed");
	snprintf(src, sizeof src, "%s/housing.bin", dir);
	is_int(ferrum_model_load(src, &m, &err), 0, "ferrum_model_load reads a golden");
	snprintf(path, sizeof path, "%s/out.bin", dirname_);
	is_int(ferrum_model_save(m, path, &err), 0, "ferrum_model_save writes it");
	a = tap_slurp(src, &alen);
	b = tap_slurp(path, &blen);
	is_blob(b, blen, a, alen, "the saved file is the golden, byte for byte");
	free(b);
	is_int(ferrum_model_save(m, path, &err), 0, "saving over an existing file");
	b = tap_slurp(path, &blen);
	is_blob(b, blen, a, alen, "replaces it with the same bytes");
	free(b);
	free(a);
	is_int(ferrum_model_save(m, dirname_, &err), FERRUM_EIO, "saving over a directory is refused");
	ok(strstr(err.message, "directory") != NULL, "and says so");
	snprintf(path, sizeof path, "%s/no/such/dir/x.bin", dirname_);
	is_int(ferrum_model_save(m, path, &err), FERRUM_EIO, "a missing directory fails");
	ok(stat(path, &st) != 0, "and leaves nothing behind");
	{
		ferrum_model *d = NULL;

		is_int(ferrum_model_load(dirname_, &d, &err) == 0 ? 1 : err.code, FERRUM_EIO,
		       "loading a directory is refused");
		ferrum_model_free(d);
	}
	{
		char *buf = NULL;
		size_t len;

		is_int(ferrum_file_read(src, 100, &buf, &len, &err), FERRUM_ERANGE,
		       "a file over the size limit is refused");
		ok(buf == NULL, "without a buffer");
	}
	ferrum_model_free(m);
	/* Only out.bin may remain: no temporary files. */
	{
		DIR *d = opendir(dirname_);
		struct dirent *e;
		int others = 0;

		while (d != NULL && (e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
			    strcmp(e->d_name, "out.bin") != 0)
				others++;
		if (d != NULL)
			closedir(d);
		is_int(others, 0, "no temporary file is left behind");
	}
	snprintf(path, sizeof path, "%s/out.bin", dirname_);
	unlink(path);
	rmdir(dirname_);
}

int
main(void)
{
	size_t i;

	dir = tap_env_dir("FERRUM_TESTDATA");
	if (dir == NULL)
		skip_all("no FINF test data (configure --with-testdata=DIR)");
	plan_lazy();
	for (i = 0; i < N_NAMES; i++)
		golden(names[i]);
	reject_file("truncated.bin", FERRUM_EFORMAT, 857, "truncated");
	reject_file("bad_magic.bin", FERRUM_EFORMAT, 0, "bad magic");
	reject_file("bad_version.bin", FERRUM_EVERSION, 4, "unsupported FINF version 4");
	crafted();
	files();
	return done_testing();
}

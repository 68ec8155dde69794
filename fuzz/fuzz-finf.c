/* fuzz-finf.c: libFuzzer harness for the FINF v3 reader and what a read model serves.
 * SPDX-License-Identifier: MIT
 *
 * Any bytes must either be refused with a status and a message or give a
 * model every accessor and a prediction can be used on; the sanitizers turn
 * any out-of-bounds access, leak or undefined arithmetic into a finding. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ferrum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Touch every byte of a string, so a dangling or unterminated one is found. */
static size_t
touch(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

static void
exercise(ferrum_model *m, size_t size)
{
	size_t nf = ferrum_model_n_features(m);
	size_t no = ferrum_model_n_outputs(m);
	size_t nc = ferrum_model_n_classes(m);
	size_t nl = ferrum_model_n_layers(m);
	size_t i, sink = 0;
	float lo, hi, mean, sd;
	float *x, *z, *out;
	ferrum_error err;

	sink += touch(ferrum_model_dataset_name(m));
	sink += touch(ferrum_model_target_name(m));
	sink += touch(ferrum_model_metadata_json(m));
	sink += touch(ferrum_model_metadata_get(m, "recipe"));
	sink += (size_t)ferrum_model_task(m) + ferrum_model_n_params(m);
	/* One past the end too: accessors must bound their index. */
	for (i = 0; i <= nf && i < 4096; i++) {
		sink += touch(ferrum_model_feature_name(m, i));
		if (ferrum_model_feature_range(m, i, &lo, &hi) == FERRUM_OK)
			sink += lo < hi;
		if (ferrum_model_feature_norm(m, i, &mean, &sd) == FERRUM_OK)
			sink += mean < sd;
	}
	for (i = 0; i <= nc && i < 4096; i++)
		sink += touch(ferrum_model_class_name(m, i));
	ferrum_model_target_range(m, &lo, &hi);
	if (ferrum_model_target_norm(m, &mean, &sd) == FERRUM_OK)
		sink += mean < sd;
	for (i = 0; i <= nl; i++) {
		ferrum_layer_info info;
		if (ferrum_model_layer(m, i, &info) == FERRUM_OK && info.weights != NULL &&
		    info.in > 0 && info.out > 0)
			sink += info.weights[info.in * info.out - 1] < info.bias[info.out - 1];
	}
	/* Widths come from lengths the file had to pay for in bytes (a
	 * normaliser pair per feature, a bias per output): a model wider than
	 * its file was sized from an unchecked number. */
	if (nf > size || no > size)
		abort();
	x = calloc(nf + 1, sizeof *x);
	z = calloc(nf + 1, sizeof *z);
	out = calloc(no + 1, sizeof *out);
	if (x != NULL && z != NULL && out != NULL) {
		for (i = 0; i < nf; i++)
			x[i] = (float)i - 1.5f;
		ferrum_model_normalize(m, x, z);
		ferrum_error_clear(&err);
		if (ferrum_model_predict(m, x, out, &err) == FERRUM_OK) {
			sink += ferrum_argmax(out, no);
			if (no > 0)
				sink += ferrum_model_denormalize(m, out[0]) > 0.0f;
		} else if (err.message[0] == '\0') {
			abort();
		}
	}
	free(x);
	free(z);
	free(out);
	if (sink == (size_t)-1)
		abort(); /* keeps the reads */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ferrum_model *m = NULL;
	ferrum_error err;
	int rc;

	ferrum_error_clear(&err);
	rc = ferrum_model_read(data, size, &m, &err);
	if (rc == FERRUM_OK) {
		if (m == NULL)
			abort();
		exercise(m, size);
		ferrum_model_free(m);
	} else {
		/* A refusal says why, and where when it is about the bytes. */
		if (rc > 0 || err.code != rc || err.message[0] == '\0' ||
		    strlen(err.message) >= sizeof err.message)
			abort();
		if ((rc == FERRUM_EFORMAT) && (err.offset < 0 || (size_t)err.offset > size))
			abort();
	}
	return 0;
}

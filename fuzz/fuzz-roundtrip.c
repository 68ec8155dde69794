/* fuzz-roundtrip.c: libFuzzer harness: every model the FINF reader accepts saves and re-loads to the same model.
 * SPDX-License-Identifier: MIT
 *
 * read(input) -> write -> A; read(A) -> write -> B; A and B must be the same
 * bytes.  (The input itself need not equal A: the reader ignores trailing
 * bytes and the writer canonicalises the metadata.)  The second read must
 * succeed: the writer never produces a file the reader refuses. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrum.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const ferrum_error *err)
{
	fprintf(stderr, "fuzz-roundtrip: %s: %s (offset %lld)\n", what,
	        err != NULL ? err->message : "", err != NULL ? err->offset : -1LL);
	abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ferrum_model *m1 = NULL, *m2 = NULL;
	unsigned char *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	ferrum_error err;
	int rc;

	ferrum_error_clear(&err);
	if (ferrum_model_read(data, size, &m1, &err) != FERRUM_OK)
		return 0;
	rc = ferrum_model_write(m1, &a, &alen, &err);
	if (rc == FERRUM_ENOMEM)
		goto out;
	if (rc != FERRUM_OK)
		fail("cannot write a model the reader accepted", &err);
	if ((rc = ferrum_model_read(a, alen, &m2, &err)) != FERRUM_OK)
		fail("cannot read back what the writer wrote", &err);
	if (ferrum_model_n_features(m1) != ferrum_model_n_features(m2) ||
	    ferrum_model_n_outputs(m1) != ferrum_model_n_outputs(m2) ||
	    ferrum_model_n_layers(m1) != ferrum_model_n_layers(m2) ||
	    ferrum_model_n_params(m1) != ferrum_model_n_params(m2) ||
	    ferrum_model_task(m1) != ferrum_model_task(m2))
		fail("the re-read model has another shape", NULL);
	rc = ferrum_model_write(m2, &b, &blen, &err);
	if (rc == FERRUM_ENOMEM)
		goto out;
	if (rc != FERRUM_OK)
		fail("cannot write the re-read model", &err);
	if (alen != blen || memcmp(a, b, alen) != 0) {
		size_t i = 0;
		while (i < alen && i < blen && a[i] == b[i])
			i++;
		fprintf(stderr, "fuzz-roundtrip: write(read(write(read(x)))) differs from "
		        "write(read(x)) at byte %zu (lengths %zu, %zu)\n", i, alen, blen);
		abort();
	}
out:
	ferrum_free(a);
	ferrum_free(b);
	ferrum_model_free(m1);
	ferrum_model_free(m2);
	return 0;
}

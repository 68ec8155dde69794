/* fuzz-json.c: libFuzzer harness for the JSON reader: documents, model metadata and JSON Lines rows.
 * SPDX-License-Identifier: MIT
 *
 * Every input goes three ways: as one JSON document (what is accepted must
 * print compactly and parse back to the same text), as model metadata (what
 * is accepted must serialise and parse back to the same metadata), and as
 * JSON Lines, one document per line, and as rows for a small model the way
 * finf-predict reads them (ferrum_rowreader, ferrum_json_row). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ferrum-internal.h"
#include "model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const char *detail)
{
	fprintf(stderr, "fuzz-json: %s%s%s\n", what, detail != NULL ? ": " : "",
	        detail != NULL ? detail : "");
	abort();
}

static void
check_error(int rc, const ferrum_error *err, size_t size)
{
	if (rc >= 0 || err->code != rc || err->message[0] == '\0')
		fail("a refusal without its status or message", NULL);
	if (rc == FERRUM_EINPUT && (err->offset < 0 || (size_t)err->offset > size))
		fail("a syntax error outside the document", err->message);
}

/* Compact print, re-parse, re-print: the two prints must be equal. */
static void
document(const char *s, size_t n)
{
	fe_json *v = NULL, *w = NULL;
	fe_buf a, b;
	ferrum_error err;
	int rc;

	ferrum_error_clear(&err);
	rc = fe_json_parse(s, n, &v, &err);
	if (rc == FERRUM_ENOMEM)
		return;
	if (rc != FERRUM_OK) {
		check_error(rc, &err, n);
		return;
	}
	fe_buf_init(&a);
	fe_buf_init(&b);
	fe_json_put_value(&a, v);
	if (a.failed)
		goto out;
	rc = fe_json_parse(a.data, a.len, &w, &err);
	if (rc == FERRUM_ENOMEM)
		goto out;
	if (rc != FERRUM_OK)
		fail("the compact print of a document does not parse", err.message);
	if (w->type != v->type || w->n != v->n)
		fail("the re-parsed document has another shape", NULL);
	fe_json_put_value(&b, w);
	if (!b.failed && (a.len != b.len || memcmp(a.data, b.data, a.len) != 0))
		fail("printing is not stable", a.data);
out:
	fe_buf_free(&a);
	fe_buf_free(&b);
	fe_json_free(v);
	fe_json_free(w);
}

static void
metadata(const char *s, size_t n)
{
	fe_meta m1, m2;
	fe_buf a, b;
	ferrum_error err;
	int rc;

	memset(&m1, 0, sizeof m1);
	memset(&m2, 0, sizeof m2);
	fe_buf_init(&a);
	fe_buf_init(&b);
	ferrum_error_clear(&err);
	rc = fe_meta_parse(s, n, &m1, &err);
	if (rc == FERRUM_ENOMEM)
		goto out;
	if (rc != FERRUM_OK) {
		if (err.code != rc || err.message[0] == '\0')
			fail("a metadata refusal without its status or message", NULL);
		goto out;
	}
	fe_meta_write(&a, &m1);
	if (a.failed)
		goto out;
	rc = fe_meta_parse(a.data, a.len, &m2, &err);
	if (rc == FERRUM_ENOMEM)
		goto out;
	if (rc != FERRUM_OK)
		fail("written metadata does not parse back", err.message);
	if (m1.task != m2.task || m1.n_features != m2.n_features ||
	    m1.n_classes != m2.n_classes || m1.n_ranges != m2.n_ranges ||
	    m1.n_extra != m2.n_extra)
		fail("re-parsed metadata differs", a.data);
	fe_meta_write(&b, &m2);
	if (!b.failed && (a.len != b.len || memcmp(a.data, b.data, a.len) != 0))
		fail("metadata serialisation is not stable", a.data);
out:
	fe_buf_free(&a);
	fe_buf_free(&b);
	fe_meta_free(&m1);
	fe_meta_free(&m2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *end = s + size;
	int lines = 0;

	document(s, size);
	metadata(s, size);
	/* JSON Lines rows as finf-predict reads them, and each line through
	 * ferrum_json_row() on its own. */
	fuzz_rows(data, size, FERRUM_ROWS_JSONL);
	/* JSON Lines: several short documents give the reader many starts. */
	while (s < end && lines++ < 64) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		size_t n = nl != NULL ? (size_t)(nl - s) : (size_t)(end - s);
		if (nl == NULL && s == (const char *)data)
			break; /* one line: already parsed as a document */
		document(s, n);
		{
			float x[3];
			ferrum_error err;
			if (ferrum_json_row(fuzz_model(), s, n, x, &err) < 0 && err.message[0] == '\0')
				fail("a row refused without a message", NULL);
		}
		s += n + (nl != NULL);
	}
	return 0;
}

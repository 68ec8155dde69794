/* frame.c: a table of text cells, the first step of the real-table rules.
 * SPDX-License-Identifier: MIT
 *
 * A frame holds every record of an input as text, before any column has a
 * kind: the header decision, the column names and the missing-value
 * markers live here; what the cells mean is schema.c's and infer.c's. */
#include "ferrum-internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- missing-value markers ---------------------------------------------- */

void
fe_na_free(fe_na *na)
{
	size_t i;

	for (i = 0; i < na->n; i++)
		free(na->item[i]);
	na->n = 0;
}

int
fe_na_init(fe_na *na, const char *list, ferrum_error *err)
{
	const char *p, *e;

	memset(na, 0, sizeof *na);
	if (list == NULL)
		list = FERRUM_NA_DEFAULT;
	for (p = list;; p = e + 1) {
		e = strchr(p, ',');
		if (e == NULL)
			e = p + strlen(p);
		if (e > p) {
			if (na->n == FE_NA_MAX) {
				fe_na_free(na);
				return fe_error(err, FERRUM_EINVAL,
				                "too many missing-value markers (at most %d)", FE_NA_MAX);
			}
			na->item[na->n] = fe_strndup(p, (size_t)(e - p));
			if (na->item[na->n] == NULL) {
				fe_na_free(na);
				return fe_error(err, FERRUM_ENOMEM, "out of memory");
			}
			na->len[na->n] = (size_t)(e - p);
			na->n++;
		}
		if (*e == '\0')
			break;
	}
	return FERRUM_OK;
}

int
fe_na_match(const fe_na *na, const char *s, size_t len)
{
	size_t i;

	if (len == 0)
		return 1;
	for (i = 0; i < na->n; i++)
		if (na->len[i] == len && memcmp(na->item[i], s, len) == 0)
			return 1;
	return 0;
}

/* ---- the frame ------------------------------------------------------------ */

void
fe_frame_init(fe_frame *f)
{
	memset(f, 0, sizeof *f);
	fe_buf_init(&f->text);
}

void
fe_frame_free(fe_frame *f)
{
	size_t j;

	for (j = 0; j < f->n_cols && f->names != NULL; j++)
		free(f->names[j]);
	free(f->names);
	fe_buf_free(&f->text);
	free(f->off);
	free(f->len);
	free(f->lines);
	fe_frame_init(f);
}

int
fe_frame_set_names(fe_frame *f, const char *const *names, size_t n, ferrum_error *err)
{
	size_t j;

	if (f->names != NULL || f->n_rows != 0)
		return fe_error(err, FERRUM_EINVAL, "the frame's names are already set");
	f->names = fe_calloc_array(n ? n : 1, sizeof *f->names);
	if (f->names == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	f->n_cols = n;
	for (j = 0; j < n; j++) {
		f->names[j] = fe_strdup(names[j]);
		if (f->names[j] == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	return FERRUM_OK;
}

/* realloc to @n elements of @size bytes, overflow-checked. */
static void *
resize(void *p, size_t n, size_t size)
{
	size_t bytes;

	if (fe_mul_size(n, size, &bytes) != 0)
		return NULL;
	return realloc(p, bytes ? bytes : 1);
}

static int
grow_rows(fe_frame *f)
{
	size_t cap = f->cap_rows ? f->cap_rows * 2 : 256, cells;
	size_t *off;
	uint32_t *len;
	long long *lines;

	if (cap < f->cap_rows || fe_mul_size(cap, f->n_cols ? f->n_cols : 1, &cells) != 0)
		return FERRUM_ENOMEM;
	if ((off = resize(f->off, cells, sizeof *off)) == NULL)
		return FERRUM_ENOMEM;
	f->off = off;
	if ((len = resize(f->len, cells, sizeof *len)) == NULL)
		return FERRUM_ENOMEM;
	f->len = len;
	if ((lines = resize(f->lines, cap, sizeof *lines)) == NULL)
		return FERRUM_ENOMEM;
	f->lines = lines;
	f->cap_rows = cap;
	return FERRUM_OK;
}

int
fe_frame_add_row(fe_frame *f, const char *const *cells, const size_t *lens, long long line,
                 ferrum_error *err)
{
	size_t j, k;

	if (f->n_rows == f->cap_rows && grow_rows(f) != FERRUM_OK)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	k = f->n_rows * f->n_cols;
	for (j = 0; j < f->n_cols; j++) {
		if (lens[j] > UINT32_MAX - 1)
			return fe_error_line(err, FERRUM_ERANGE, line, (long long)j + 1,
			                     "a field over 4 GiB");
		f->off[k + j] = f->text.len;
		f->len[k + j] = (uint32_t)lens[j];
		fe_buf_add(&f->text, cells[j], lens[j]);
		fe_buf_putc(&f->text, '\0');
	}
	if (f->text.failed)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	f->lines[f->n_rows++] = line;
	return FERRUM_OK;
}

/* ---- reading CSV -------------------------------------------------------- */

/* A header field without the quotes that wrap it: 'x' and "x" give x. */
static void
unquote(const char **s, size_t *n)
{
	if (*n >= 2 && ((*s)[0] == '\'' || (*s)[0] == '"') && (*s)[*n - 1] == (*s)[0]) {
		(*s)++;
		*n -= 2;
	}
}

static size_t
name_hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211u;
	}
	return (size_t)h;
}

/* Name the columns from the header record @hdr (@n fields at @base/@offs),
 * or "1", "2", ... when @hdr is 0. */
static int
make_names(char ***out, int hdr, const char *base, const size_t *offs, size_t n,
           ferrum_error *err)
{
	char **names = fe_calloc_array(n ? n : 1, sizeof *names);
	char num[32];
	size_t j, k, nslot = 0, *slot = NULL;
	unsigned *seen = NULL;
	int rc = FERRUM_OK;

	if (names == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (j = 0; j < n && rc == FERRUM_OK; j++) {
		const char *s = hdr ? base + offs[2 * j] : NULL;
		size_t len = hdr ? offs[2 * j + 1] : 0;

		if (hdr)
			unquote(&s, &len);
		if (len == 0) {
			fe_snprintf(num, sizeof num, "%zu", j + 1);
			names[j] = fe_strdup(num);
		} else {
			names[j] = fe_strndup(s, len);
		}
		if (names[j] == NULL)
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	/* A repeated name gets ".2", ".3", ... (the first keeps its name).
	 * The first occurrences sit in a hash table with their counts, so a
	 * header of a million fields costs a million look-ups, not a
	 * million squared comparisons. */
	if (rc == FERRUM_OK && n > 1) {
		for (nslot = 64; nslot < 2 * n; nslot *= 2)
			;
		slot = fe_calloc_array(nslot, sizeof *slot);
		seen = fe_calloc_array(n, sizeof *seen);
		if (slot == NULL || seen == NULL)
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	for (j = 0; j < n && rc == FERRUM_OK && slot != NULL; j++) {
		unsigned dup = 1;
		size_t h = name_hash(names[j]) & (nslot - 1);

		while (slot[h] != 0 && strcmp(names[slot[h] - 1], names[j]) != 0)
			h = (h + 1) & (nslot - 1);
		if (slot[h] == 0) {
			slot[h] = j + 1;
			seen[j] = 1;
		} else {
			k = slot[h] - 1;
			dup = ++seen[k];
		}
		if (dup > 1) {
			size_t len = strlen(names[j]);
			char *r = malloc(len + 24);

			if (r == NULL) {
				rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
				break;
			}
			memcpy(r, names[j], len);
			fe_snprintf(r + len, 24, ".%u", dup);
			free(names[j]);
			names[j] = r;
		}
	}
	free(slot);
	free(seen);
	if (rc != FERRUM_OK) {
		for (j = 0; j < n; j++)
			free(names[j]);
		free(names);
		return rc;
	}
	*out = names;
	return FERRUM_OK;
}

/* Column kinds seen below the first record, for the header rule. */
enum { SEEN_NUMBER = 1, SEEN_TEXT = 2 };

/* The header rule: 1 if some column holds, in the first row, text that
 * is neither a number nor missing while the rows below hold only numbers
 * or gaps in it, with at least one number; a lone record is a header
 * when every field is such text. */
static int
first_row_is_header(const fe_frame *f, const fe_na *na)
{
	size_t i, j;

	if (f->n_rows == 0)
		return 0;
	/* A lone record of names and nothing below ("a,b,label"): a header
	 * with no data, not a row of text. */
	if (f->n_rows == 1) {
		for (j = 0; j < f->n_cols; j++) {
			size_t len;
			const char *s = fe_frame_cell(f, 0, j, &len);

			if (fe_na_match(na, s, len) || ferrum_is_number(s, len))
				return 0;
		}
		return 1;
	}
	for (j = 0; j < f->n_cols; j++) {
		size_t len;
		const char *s = fe_frame_cell(f, 0, j, &len);
		int seen = 0;

		if (fe_na_match(na, s, len) || ferrum_is_number(s, len))
			continue;
		for (i = 1; i < f->n_rows && !(seen & SEEN_TEXT); i++) {
			s = fe_frame_cell(f, i, j, &len);
			if (fe_na_match(na, s, len))
				continue;
			seen |= ferrum_is_number(s, len) ? SEEN_NUMBER : SEEN_TEXT;
		}
		if (seen == SEEN_NUMBER)
			return 1;
	}
	return 0;
}

/* Drop the first row of @f (it was the header). */
static void
drop_first_row(fe_frame *f)
{
	size_t nc = f->n_cols, i;

	if (f->n_rows == 0)
		return;
	for (i = 1; i < f->n_rows; i++)
		f->lines[i - 1] = f->lines[i];
	memmove(f->off, f->off + nc, (f->n_rows - 1) * nc * sizeof *f->off);
	memmove(f->len, f->len + nc, (f->n_rows - 1) * nc * sizeof *f->len);
	f->n_rows--;
}

int
fe_frame_read_csv(ferrum_csv *csv, int header, const fe_na *na, fe_frame *f, ferrum_error *err)
{
	const char **cells = NULL;
	size_t *lens = NULL, nc = 0, j;
	int rc, first = 1;

	fe_frame_init(f);
	while ((rc = ferrum_csv_next(csv)) == 1) {
		const char *base;
		const size_t *offs = fe_csv_fields(csv, &base);
		size_t n = ferrum_csv_nfields(csv);
		long long line = ferrum_csv_line(csv);

		if (first) {
			nc = n;
			cells = fe_calloc_array(nc, sizeof *cells);
			lens = fe_calloc_array(nc, sizeof *lens);
			if (cells == NULL || lens == NULL) {
				rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
				goto out;
			}
			/* Names are made after the header decision; keep them
			 * as "1", "2", ... for now and the first record as a
			 * row. */
			if ((rc = make_names(&f->names, 0, NULL, NULL, nc, err)) != FERRUM_OK)
				goto out;
			f->n_cols = nc;
			f->delimiter = ',';
			first = 0;
		}
		if (n != nc) {
			rc = fe_error_line(err, FERRUM_EINPUT, line, -1, "expected %zu fields, got %zu",
			                   nc, n);
			goto out;
		}
		for (j = 0; j < nc; j++) {
			cells[j] = base + offs[2 * j];
			lens[j] = offs[2 * j + 1];
		}
		if ((rc = fe_frame_add_row(f, cells, lens, line, err)) != FERRUM_OK)
			goto out;
	}
	if (rc < 0) {
		if (err != NULL)
			*err = *ferrum_csv_error(csv);
		goto out;
	}
	if (first) {
		rc = fe_error(err, FERRUM_EINPUT, "empty input");
		goto out;
	}
	if (header < 0)
		header = first_row_is_header(f, na);
	if (header) {
		size_t *offs = fe_alloc_array(2 * nc, sizeof *offs);
		char **names = NULL;
		size_t k;

		if (offs == NULL) {
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
			goto out;
		}
		for (k = 0; k < nc; k++) {
			offs[2 * k] = f->off[k];
			offs[2 * k + 1] = f->len[k];
		}
		rc = make_names(&names, 1, f->text.data, offs, nc, err);
		free(offs);
		if (rc != FERRUM_OK)
			goto out;
		for (k = 0; k < nc; k++)
			free(f->names[k]);
		free(f->names);
		f->names = names;
		drop_first_row(f);
		f->has_header = 1;
	}
	rc = FERRUM_OK;
out:
	free(cells);
	free(lens);
	if (rc != FERRUM_OK)
		fe_frame_free(f);
	return rc;
}

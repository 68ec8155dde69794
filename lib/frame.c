/* frame.c: a table of text cells, the first step of the real-table rules.
 * SPDX-License-Identifier: MIT
 *
 * A frame holds every record of an input as text, before any column has a
 * kind: the header decision, the column names and the missing-value
 * markers live here; what the cells mean is schema.c's and infer.c's. */
#include "ferrum-internal.h"

#include <errno.h>
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

/* ---- a set of distinct texts ---------------------------------------------- */

void
fe_tset_init(fe_tset *d)
{
	memset(d, 0, sizeof *d);
	fe_buf_init(&d->text);
}

void
fe_tset_free(fe_tset *d)
{
	fe_buf_free(&d->text);
	free(d->off);
	free(d->len);
	free(d->count);
	free(d->slot);
	fe_tset_init(d);
}

static int
tset_rehash(fe_tset *d, size_t nslot)
{
	size_t *slot = fe_calloc_array(nslot, sizeof *slot);
	size_t i;

	if (slot == NULL)
		return FERRUM_ENOMEM;
	for (i = 0; i < d->n; i++) {
		size_t h = (size_t)fe_hash(fe_tset_text(d, i), d->len[i]) & (nslot - 1);

		while (slot[h] != 0)
			h = (h + 1) & (nslot - 1);
		slot[h] = i + 1;
	}
	free(d->slot);
	d->slot = slot;
	d->nslot = nslot;
	return FERRUM_OK;
}

size_t
fe_tset_add(fe_tset *d, const char *s, size_t n)
{
	size_t h, i;

	if (d->nslot == 0 || 2 * (d->n + 1) > d->nslot) {
		if (tset_rehash(d, d->nslot ? d->nslot * 2 : 64) != FERRUM_OK)
			return (size_t)-1;
	}
	h = (size_t)fe_hash(s, n) & (d->nslot - 1);
	while (d->slot[h] != 0) {
		i = d->slot[h] - 1;
		if (d->len[i] == n && memcmp(fe_tset_text(d, i), s, n) == 0) {
			d->count[i]++;
			return i;
		}
		h = (h + 1) & (d->nslot - 1);
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64, *q;

		if ((q = fe_realloc_array(d->off, cap, sizeof *q)) == NULL)
			return (size_t)-1;
		d->off = q;
		if ((q = fe_realloc_array(d->len, cap, sizeof *q)) == NULL)
			return (size_t)-1;
		d->len = q;
		if ((q = fe_realloc_array(d->count, cap, sizeof *q)) == NULL)
			return (size_t)-1;
		d->count = q;
		d->cap = cap;
	}
	i = d->n;
	d->off[i] = d->text.len;
	d->len[i] = n;
	d->count[i] = 1;
	fe_buf_add(&d->text, s, n);
	fe_buf_putc(&d->text, '\0');
	if (d->text.failed)
		return (size_t)-1;
	d->n++;
	d->slot[h] = i + 1;
	return i;
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

static int
grow_rows(fe_frame *f)
{
	size_t cap = f->cap_rows ? f->cap_rows * 2 : 256, cells;
	size_t *off;
	uint32_t *len;
	long long *lines;

	if (cap < f->cap_rows || fe_mul_size(cap, f->n_cols ? f->n_cols : 1, &cells) != 0)
		return FERRUM_ENOMEM;
	if ((off = fe_realloc_array(f->off, cells, sizeof *off)) == NULL)
		return FERRUM_ENOMEM;
	f->off = off;
	if ((len = fe_realloc_array(f->len, cells, sizeof *len)) == NULL)
		return FERRUM_ENOMEM;
	f->len = len;
	if ((lines = fe_realloc_array(f->lines, cap, sizeof *lines)) == NULL)
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
void
fe_frame_unquote(const char **s, size_t *n)
{
	if (*n >= 2 && ((*s)[0] == '\'' || (*s)[0] == '"') && (*s)[*n - 1] == (*s)[0]) {
		(*s)++;
		*n -= 2;
	}
}

/* A set of names (open addressing), each with the next suffix to try
 * when it comes again. */
typedef struct name_set {
	const char **name;
	unsigned *next;
	size_t n_slots;
} name_set;

/* The slot of @s: where it is, or the empty one where it would go. */
static size_t
name_slot(const name_set *set, const char *s)
{
	size_t h = (size_t)fe_hash(s, strlen(s)) & (set->n_slots - 1);

	while (set->name[h] != NULL && strcmp(set->name[h], s) != 0)
		h = (h + 1) & (set->n_slots - 1);
	return h;
}

/* Rename the repeats among @names[0..n) in place (see fe_frame_names). */
static int
unique_names(char **names, size_t n, ferrum_error *err)
{
	name_set set;
	size_t j, slots = 16;
	int rc = FERRUM_OK;

	while (slots < 4 * n && slots < SIZE_MAX / 8)
		slots *= 2;
	set.n_slots = slots;
	set.name = fe_calloc_array(slots, sizeof *set.name);
	set.next = fe_calloc_array(slots, sizeof *set.next);
	if (set.name == NULL || set.next == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto out;
	}
	for (j = 0; j < n; j++) {
		size_t h = name_slot(&set, names[j]), len, g;
		char *r;

		if (set.name[h] == NULL) {
			set.name[h] = names[j];
			set.next[h] = 2;
			continue;
		}
		len = strlen(names[j]);
		if ((r = malloc(len + 24)) == NULL) {
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
			goto out;
		}
		memcpy(r, names[j], len);
		for (;;) {
			fe_snprintf(r + len, 24, ".%u", set.next[h]++);
			g = name_slot(&set, r);
			if (set.name[g] == NULL)
				break;
		}
		free(names[j]);
		names[j] = r;
		set.name[g] = r;
		set.next[g] = 2;
	}
out:
	free(set.name);
	free(set.next);
	return rc;
}

int
fe_frame_names(char ***out, const char *const *cells, const size_t *lens, size_t n,
               ferrum_error *err)
{
	char **names = fe_calloc_array(n ? n : 1, sizeof *names);
	char num[32];
	size_t j;
	int rc = FERRUM_OK;

	if (names == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (j = 0; j < n && rc == FERRUM_OK; j++) {
		const char *s = cells != NULL ? cells[j] : NULL;
		size_t len = s == NULL ? 0 : lens != NULL ? lens[j] : strlen(s);

		if (len > 0)
			fe_frame_unquote(&s, &len);
		if (len == 0) {
			fe_snprintf(num, sizeof num, "%zu", j + 1);
			names[j] = fe_strdup(num);
		} else {
			names[j] = fe_strndup(s, len);
		}
		if (names[j] == NULL)
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	/* A repeated name gets ".2", ".3", ... (the first keeps its name),
	 * the first of them no earlier name has ("a,a.2,a" gives a, a.2,
	 * a.3). */
	if (rc == FERRUM_OK)
		rc = unique_names(names, n, err);
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

/* A header over columns of text: in every column the first row holds
 * text that is neither a number nor missing and that no row below holds,
 * while some column below repeats a value (categories, not free text).
 * A headerless table of categories puts its first row's values among the
 * levels below it; a header of names does not. */
static int
names_over_levels(const fe_frame *f, const fe_na *na)
{
	size_t i, j, len, len0, present;
	int repeats = 0;

	if (f->n_rows < 3)
		return 0;
	for (j = 0; j < f->n_cols; j++) {
		const char *s0 = fe_frame_cell(f, 0, j, &len0);

		if (fe_na_match(na, s0, len0) || ferrum_is_number(s0, len0))
			return 0;
		for (i = 1; i < f->n_rows; i++) {
			const char *s = fe_frame_cell(f, i, j, &len);

			if (len == len0 && memcmp(s, s0, len) == 0)
				return 0;
		}
	}
	for (j = 0; j < f->n_cols && !repeats; j++) {
		fe_tset d;

		fe_tset_init(&d);
		for (i = 1, present = 0; i < f->n_rows; i++) {
			const char *s = fe_frame_cell(f, i, j, &len);

			if (fe_na_match(na, s, len))
				continue;
			present++;
			if (fe_tset_add(&d, s, len) == (size_t)-1)
				break;
		}
		repeats = i == f->n_rows && d.n < present;
		fe_tset_free(&d);
	}
	return repeats;
}

/* The header rule: 1 if some column holds, in the first row, text that
 * is neither a number nor missing while the rows below hold only numbers
 * or gaps in it, with at least one number; or holds anything in the first
 * row and only gaps below it; or every column holds, in the first row,
 * a name none of its rows below holds (names_over_levels); a lone record
 * is a header when every field is text that is neither a number nor
 * missing. */
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
		int seen = 0, number;

		if (fe_na_match(na, s, len))
			continue;
		number = ferrum_is_number(s, len);
		/* Stop at the first value below when it can no longer make the
		 * first row a header: any value under a number, text under
		 * text. */
		for (i = 1; i < f->n_rows && !(seen & SEEN_TEXT) && !(number && seen); i++) {
			s = fe_frame_cell(f, i, j, &len);
			if (fe_na_match(na, s, len))
				continue;
			seen |= ferrum_is_number(s, len) ? SEEN_NUMBER : SEEN_TEXT;
		}
		/* Text over numbers, or a name over a column of nothing but
		 * gaps ("2013" heading a year with no data yet). */
		if (seen == 0 || (!number && seen == SEEN_NUMBER))
			return 1;
	}
	return names_over_levels(f, na);
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

size_t
fe_decimal_comma(const char *s, size_t n)
{
	size_t i = 0, comma, d;

	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == d || i == n || s[i] != ',')
		return 0;
	comma = i++;
	for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == d)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		if (++i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		for (d = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == n ? comma : 0;
}

/* Numbers written with a decimal comma (write.csv2, a spreadsheet in a
 * language that writes 2,5): in input not separated by commas, when some
 * cell is such a number and no cell is a number with a decimal point,
 * each such cell's comma becomes a point, in place (the same length), so
 * that everything after reads the numbers as numbers. */
static void
decimal_comma(fe_frame *f)
{
	size_t k, cells = f->n_rows * f->n_cols, commas = 0, c;

	if (f->delimiter == ',')
		return;
	for (k = 0; k < cells; k++) {
		const char *s = f->text.data + f->off[k];

		if (fe_decimal_comma(s, f->len[k]) > 0)
			commas++;
		else if (memchr(s, '.', f->len[k]) != NULL && ferrum_is_number(s, f->len[k]))
			return;
	}
	if (commas == 0)
		return;
	for (k = 0; k < cells; k++)
		if ((c = fe_decimal_comma(f->text.data + f->off[k], f->len[k])) > 0)
			f->text.data[f->off[k] + c] = '.';
	f->decimal_comma = 1;
}

/* R's row-names layout (write.table's default): the header has one
 * field fewer than the rows, whose first field names the row.  Rebuild
 * @f, which holds the header as its one row of @nc cells, as nc + 1
 * columns whose header starts with an empty name. */
static int
shift_row_names(fe_frame *f, size_t nc, ferrum_error *err)
{
	const char **cells = fe_calloc_array(nc + 1, sizeof *cells);
	size_t *lens = fe_calloc_array(nc + 1, sizeof *lens), j;
	long long line = f->lines[0];
	fe_frame g;
	int rc;

	fe_frame_init(&g);
	if (cells == NULL || lens == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto out;
	}
	cells[0] = "";
	for (j = 0; j < nc; j++)
		cells[j + 1] = fe_frame_cell(f, 0, j, &lens[j + 1]);
	if ((rc = fe_frame_names(&g.names, NULL, NULL, nc + 1, err)) != FERRUM_OK)
		goto out;
	g.n_cols = nc + 1;
	g.delimiter = f->delimiter;
	if ((rc = fe_frame_add_row(&g, cells, lens, line, err)) != FERRUM_OK)
		goto out;
	fe_frame_free(f);
	*f = g;
	fe_frame_init(&g);
out:
	fe_frame_free(&g);
	free(cells);
	free(lens);
	return rc;
}

/* A header one field short over rows that all end in an empty field is
 * not R's layout but rows that end with a delimiter: the empty name
 * shift_row_names() put first goes last, where the empty field is.
 * 1 if so. */
static int
trailing_delimiter(fe_frame *f)
{
	size_t i, j, nc = f->n_cols, off, len;

	for (i = 1; i < f->n_rows; i++)
		if (f->len[i * nc + nc - 1] != 0)
			return 0;
	off = f->off[0];
	len = f->len[0];
	for (j = 0; j + 1 < nc; j++) {
		f->off[j] = f->off[j + 1];
		f->len[j] = f->len[j + 1];
	}
	f->off[nc - 1] = off;
	f->len[nc - 1] = (uint32_t)len;
	return 1;
}

int
fe_frame_read_csv(ferrum_csv *csv, int header, const fe_na *na, fe_frame *f, ferrum_error *err)
{
	const char **cells = NULL;
	size_t *lens = NULL, nc = 0, j;
	int rc, first = 1, hash = 0;

	fe_frame_init(f);
	fe_csv_set_comments(csv, 1);
	while ((rc = ferrum_csv_next(csv)) == 1) {
		const char *base;
		const size_t *offs = fe_csv_fields(csv, &base);
		size_t n = ferrum_csv_nfields(csv);
		long long line = ferrum_csv_line(csv);

		if (first ||
		    (header != 0 && f->n_rows == 1 && n == nc + 1 && !f->row_names && !hash)) {
			if (!first) {
				/* The first record, one field short, is a header
				 * over row names (not a comment line). */
				if ((rc = shift_row_names(f, nc, err)) != FERRUM_OK)
					goto out;
				f->row_names = 1;
			}
			nc = n;
			free(cells);
			free(lens);
			cells = fe_calloc_array(nc, sizeof *cells);
			lens = fe_calloc_array(nc, sizeof *lens);
			if (cells == NULL || lens == NULL) {
				rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
				goto out;
			}
			/* Names are made after the header decision; keep them
			 * as "1", "2", ... for now and the first record as a
			 * row. */
			if (first &&
			    (rc = fe_frame_names(&f->names, NULL, NULL, nc, err)) != FERRUM_OK)
				goto out;
			f->n_cols = nc;
			f->delimiter = ferrum_csv_delimiter(csv);
			if (first) {
				size_t rl;
				const char *rt = ferrum_csv_record(csv, &rl);

				hash = rl > 0 && rt[0] == '#';
			}
			first = 0;
		}
		if (n != nc) {
			/* A first line that starts with '#' is most likely a
			 * comment ("# generated by ..."): say so. */
			if (hash && f->n_rows == 1)
				rc = fe_error_line(err, FERRUM_EINPUT, line, -1,
				                   "expected %zu fields, got %zu (line %lld, the first, "
				                   "starts with '#': remove comment lines, for example "
				                   "with grep -v '^#')",
				                   nc, n, f->lines[0]);
			else
				rc = fe_error_line(err, FERRUM_EINPUT, line, -1,
				                   "expected %zu fields, got %zu", nc, n);
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
	if (f->row_names && trailing_delimiter(f))
		f->row_names = 0;
	decimal_comma(f);
	if (header < 0)
		header = f->row_names || first_row_is_header(f, na);
	if (header) {
		const char **hc = fe_calloc_array(nc, sizeof *hc);
		size_t *hl = fe_calloc_array(nc, sizeof *hl);
		char **names = NULL;
		size_t k;

		if (hc == NULL || hl == NULL) {
			free(hc);
			free(hl);
			rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
			goto out;
		}
		for (k = 0; k < nc; k++)
			hc[k] = fe_frame_cell(f, 0, k, &hl[k]);
		rc = fe_frame_names(&names, hc, hl, nc, err);
		free(hc);
		free(hl);
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

/* ---- reading JSON Lines ------------------------------------------------- */

/* Cells of the rows read so far, before the columns are all known: each
 * cell is (column, offset into text, length); row i's cells are
 * cell[row_first[i] .. row_first[i + 1]). */
typedef struct jl_cell {
	size_t col, off, len;
} jl_cell;

typedef struct jsonl {
	/* the column names in order of first appearance, and a hash of them */
	char **names;
	size_t *name_len;
	size_t n_cols, cap_cols;
	size_t *slot;          /* open addressing: column + 1, or 0 */
	size_t n_slots;        /* a power of two */
	/* the rows */
	fe_buf text;
	jl_cell *cell;
	size_t n_cells, cap_cells;
	size_t *row_first;     /* n_rows + 1 */
	long long *row_line;
	size_t n_rows, cap_rows;
	/* the current row: the column of each of its cells, to find a name
	 * given twice (mark[col] == the row's number + 1) */
	size_t *mark;
	size_t cap_mark;
	long long line;
	size_t bytes;          /* input bytes read */
} jsonl;

static void
jl_free(jsonl *j)
{
	size_t i;

	for (i = 0; i < j->n_cols; i++)
		free(j->names[i]);
	free(j->names);
	free(j->name_len);
	free(j->slot);
	fe_buf_free(&j->text);
	free(j->cell);
	free(j->row_first);
	free(j->row_line);
	free(j->mark);
}

/* Double the hash table (or make the first one). */
static int
jl_rehash(jsonl *j)
{
	size_t n = j->n_slots ? j->n_slots * 2 : 64, i, *slot;

	if (n < j->n_slots || (slot = fe_calloc_array(n, sizeof *slot)) == NULL)
		return FERRUM_ENOMEM;
	for (i = 0; i < j->n_cols; i++) {
		size_t h = (size_t)fe_hash(j->names[i], j->name_len[i]) & (n - 1);

		while (slot[h] != 0)
			h = (h + 1) & (n - 1);
		slot[h] = i + 1;
	}
	free(j->slot);
	j->slot = slot;
	j->n_slots = n;
	return FERRUM_OK;
}

/* The column named @s (@n bytes), added when new; its index in *@col. */
static int
jl_column(jsonl *j, const char *s, size_t n, size_t *col, ferrum_error *err)
{
	size_t h;

	if (j->n_slots == 0 || 2 * (j->n_cols + 1) > j->n_slots)
		if (jl_rehash(j) != FERRUM_OK)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
	h = (size_t)fe_hash(s, n) & (j->n_slots - 1);
	while (j->slot[h] != 0) {
		size_t c = j->slot[h] - 1;

		if (j->name_len[c] == n && memcmp(j->names[c], s, n) == 0) {
			*col = c;
			return FERRUM_OK;
		}
		h = (h + 1) & (j->n_slots - 1);
	}
	if (j->n_cols >= FERRUM_CSV_MAX_FIELDS)
		return fe_error_line(err, FERRUM_ERANGE, j->line, -1, "more than %zu columns",
		                     (size_t)FERRUM_CSV_MAX_FIELDS);
	if (memchr(s, '\0', n) != NULL)
		return fe_error_line(err, FERRUM_EINPUT, j->line, -1, "a key holding a NUL character");
	if (j->n_cols == j->cap_cols) {
		size_t cap = j->cap_cols ? j->cap_cols * 2 : 16;
		char **names = fe_realloc_array(j->names, cap, sizeof *names);
		size_t *lens;

		if (names == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		j->names = names;
		if ((lens = fe_realloc_array(j->name_len, cap, sizeof *lens)) == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		j->name_len = lens;
		if ((lens = fe_realloc_array(j->mark, cap, sizeof *lens)) == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		j->mark = lens;
		j->cap_cols = cap;
	}
	if ((j->names[j->n_cols] = fe_strndup(s, n)) == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	j->name_len[j->n_cols] = n;
	j->mark[j->n_cols] = 0;
	j->slot[h] = ++j->n_cols;
	*col = j->n_cols - 1;
	return FERRUM_OK;
}

/* Add the cell @s (@n bytes) of column @name to the current row. */
static int
jl_cell_add(jsonl *j, const char *name, size_t name_len, const char *s, size_t n,
            ferrum_error *err)
{
	size_t col = 0;
	int rc = jl_column(j, name, name_len, &col, err);

	if (rc != FERRUM_OK)
		return rc;
	if (j->mark[col] == j->n_rows + 1)
		return fe_error_line(err, FERRUM_EINPUT, j->line, -1, "key '%.*s' appears twice",
		                     name_len > 80 ? 80 : (int)name_len, name);
	j->mark[col] = j->n_rows + 1;
	if (n > UINT32_MAX - 1)
		return fe_error_line(err, FERRUM_ERANGE, j->line, -1, "a value over 4 GiB");
	if (j->n_cells == j->cap_cells) {
		size_t cap = j->cap_cells ? j->cap_cells * 2 : 1024;
		jl_cell *c = fe_realloc_array(j->cell, cap, sizeof *c);

		if (c == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		j->cell = c;
		j->cap_cells = cap;
	}
	j->cell[j->n_cells].col = col;
	j->cell[j->n_cells].off = j->text.len;
	j->cell[j->n_cells].len = n;
	j->n_cells++;
	fe_buf_add(&j->text, s, n);
	fe_buf_putc(&j->text, '\0');
	return j->text.failed ? fe_error(err, FERRUM_ENOMEM, "out of memory") : FERRUM_OK;
}

/* The members of object @v as cells; nested objects give their members. */
static int
jl_members(jsonl *j, const fe_json *v, fe_buf *tmp, ferrum_error *err)
{
	size_t i;
	int rc = FERRUM_OK;

	for (i = 0; i < v->n && rc == FERRUM_OK; i++) {
		const fe_json *m = &v->items[i];
		const char *k = v->keys[i];
		size_t kl = v->key_lens[i];

		switch (m->type) {
		case FE_JSON_OBJECT:
			rc = jl_members(j, m, tmp, err);
			break;
		case FE_JSON_NULL:
			rc = jl_cell_add(j, k, kl, "", 0, err);
			break;
		case FE_JSON_TRUE:
			rc = jl_cell_add(j, k, kl, "true", 4, err);
			break;
		case FE_JSON_FALSE:
			rc = jl_cell_add(j, k, kl, "false", 5, err);
			break;
		case FE_JSON_STRING:
			if (memchr(m->text, '\0', m->text_len) != NULL)
				return fe_error_line(err, FERRUM_EINPUT, j->line, (long long)m->offset + 1,
				                     "key '%.*s': a string holding a NUL character",
				                     kl > 80 ? 80 : (int)kl, k);
			/* fall through */
		case FE_JSON_NUMBER:
			rc = jl_cell_add(j, k, kl, m->text, m->text_len, err);
			break;
		default: /* an array: its compact text */
			tmp->len = 0;
			fe_json_put_value(tmp, m);
			if (tmp->failed)
				return fe_error(err, FERRUM_ENOMEM, "out of memory");
			rc = jl_cell_add(j, k, kl, tmp->data, tmp->len, err);
			break;
		}
	}
	return rc;
}

/* One line of JSON Lines (trimmed, not blank) into a row. */
static int
jl_row(jsonl *j, const char *s, size_t n, fe_buf *tmp, ferrum_error *err)
{
	fe_json *doc = NULL;
	ferrum_error e;
	int rc;

	ferrum_error_clear(&e);
	rc = fe_json_parse(s, n, &doc, &e);
	if (rc != FERRUM_OK) {
		if (rc == FERRUM_EINPUT)
			return fe_error_line(err, rc, j->line, e.column, "byte %lld: %s", e.column,
			                     e.message);
		if (err != NULL)
			*err = e;
		return rc;
	}
	if (doc->type != FE_JSON_OBJECT) {
		fe_json_free(doc);
		return fe_error_line(err, FERRUM_EINPUT, j->line, -1, "expected a JSON object");
	}
	if (j->n_rows == j->cap_rows) {
		size_t cap = j->cap_rows ? j->cap_rows * 2 : 256;
		size_t *first = fe_realloc_array(j->row_first, cap + 1, sizeof *first);
		long long *lines;

		if (first != NULL)
			j->row_first = first;
		lines = first != NULL ? fe_realloc_array(j->row_line, cap, sizeof *lines) : NULL;
		if (lines == NULL) {
			fe_json_free(doc);
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		}
		j->row_line = lines;
		j->cap_rows = cap;
	}
	j->row_first[j->n_rows] = j->n_cells;
	rc = jl_members(j, doc, tmp, err);
	fe_json_free(doc);
	if (rc != FERRUM_OK)
		return rc;
	j->row_line[j->n_rows++] = j->line;
	j->row_first[j->n_rows] = j->n_cells;
	return FERRUM_OK;
}

/* Pull input into @b->data[@b->len..], growing it to at most @limit
 * bytes; FERRUM_OK with *@got the bytes read (0 at the end). */
static int
jl_pull(ferrum_read_fn read, void *ctx, char **buf, size_t *len, size_t *cap, size_t limit,
        long *got, long long line, ferrum_error *err)
{
	long n;

	if (*len == *cap) {
		size_t c = *cap ? *cap * 2 : 65536;
		char *nb;

		if (*cap >= limit)
			return fe_error_line(err, FERRUM_ERANGE, line, -1, "line longer than %zu bytes",
			                     limit - 3);
		if (c > limit)
			c = limit;
		if ((nb = realloc(*buf, c)) == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		*buf = nb;
		*cap = c;
	}
	do {
		errno = 0;
		n = read(ctx, *buf + *len, *cap - *len);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return fe_error_line(err, FERRUM_EIO, line, -1, "read error: %s",
		                     strerror(errno ? errno : EIO));
	if ((size_t)n > *cap - *len)
		return fe_error(err, FERRUM_EIO, "read callback returned too much");
	*len += (size_t)n;
	*got = n;
	return FERRUM_OK;
}

/* Build the frame from the rows read: absent cells are "". */
static int
jl_frame(jsonl *j, fe_frame *f, ferrum_error *err)
{
	const char **cells = NULL;
	size_t *lens = NULL, i, k, cells_total;
	int rc;

	if (j->n_rows == 0)
		return fe_error(err, FERRUM_EINPUT, "empty input");
	if (j->n_cols == 0)
		return fe_error_line(err, FERRUM_EINPUT, j->row_line[0], -1,
		                     "no object has a key");
	/* Absent keys cost no input: bound the cells by the input's size. */
	if (fe_mul_size(j->n_rows, j->n_cols, &cells_total) != 0 ||
	    cells_total / 4 > j->bytes + 65536)
		return fe_error(err, FERRUM_ERANGE,
		                "%zu rows of %zu columns are too sparse for %zu bytes of input",
		                j->n_rows, j->n_cols, j->bytes);
	rc = fe_frame_set_names(f, (const char *const *)j->names, j->n_cols, err);
	if (rc != FERRUM_OK)
		return rc;
	cells = fe_calloc_array(j->n_cols, sizeof *cells);
	lens = fe_calloc_array(j->n_cols, sizeof *lens);
	if (cells == NULL || lens == NULL) {
		rc = fe_error(err, FERRUM_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < j->n_rows && rc == FERRUM_OK; i++) {
		for (k = 0; k < j->n_cols; k++) {
			cells[k] = "";
			lens[k] = 0;
		}
		for (k = j->row_first[i]; k < j->row_first[i + 1]; k++) {
			cells[j->cell[k].col] = j->text.data + j->cell[k].off;
			lens[j->cell[k].col] = j->cell[k].len;
		}
		rc = fe_frame_add_row(f, cells, lens, j->row_line[i], err);
	}
	f->has_header = 1;
	f->delimiter = 0;
out:
	free(cells);
	free(lens);
	return rc;
}

int
fe_frame_read_jsonl(ferrum_read_fn read, void *ctx, fe_frame *f, ferrum_error *err)
{
	jsonl j;
	fe_buf tmp;
	char *buf = NULL;
	size_t len = 0, cap = 0, pos = 0, scan = 0;
	const size_t limit = FERRUM_CSV_MAX_RECORD + 3;
	int rc = FERRUM_OK, eof = 0;

	fe_frame_init(f);
	memset(&j, 0, sizeof j);
	fe_buf_init(&j.text);
	fe_buf_init(&tmp);
	j.line = 1;
	if (read == NULL) {
		rc = fe_error(err, FERRUM_EINVAL, "no read function");
		goto out;
	}
	for (;;) {
		char *nl = scan < len ? memchr(buf + scan, '\n', len - scan) : NULL;

		if (nl != NULL || (eof && pos < len)) {
			size_t end = nl != NULL ? (size_t)(nl - buf) : len;
			const char *s = buf + pos;
			size_t n = end - pos;

			if (n > FERRUM_CSV_MAX_RECORD) {
				rc = fe_error_line(err, FERRUM_ERANGE, j.line, -1,
				                   "line longer than %zu bytes", (size_t)FERRUM_CSV_MAX_RECORD);
				goto out;
			}
			if (j.line == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
				s += 3, n -= 3;
			while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r'))
				s++, n--;
			while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
				n--;
			if (n > 0 && (rc = jl_row(&j, s, n, &tmp, err)) != FERRUM_OK)
				goto out;
			j.line++;
			pos = scan = nl != NULL ? end + 1 : end;
			continue;
		}
		if (eof)
			break;
		/* Keep the unfinished line at the front, then read more. */
		if (pos > 0) {
			memmove(buf, buf + pos, len - pos);
			len -= pos;
			pos = 0;
		}
		scan = len;
		{
			long got = 0;

			rc = jl_pull(read, ctx, &buf, &len, &cap, limit, &got, j.line, err);
			if (rc != FERRUM_OK)
				goto out;
			if (got == 0)
				eof = 1;
			j.bytes += (size_t)got;
		}
	}
	rc = jl_frame(&j, f, err);
out:
	free(buf);
	fe_buf_free(&tmp);
	jl_free(&j);
	if (rc != FERRUM_OK)
		fe_frame_free(f);
	return rc;
}

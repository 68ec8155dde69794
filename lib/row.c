/* row.c: turning input rows (CSV records, JSON Lines) into a model's raw
 * feature vector, strictly, with errors that say where.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct ferrum_rowmap {
	size_t n_features; /* width of the row it fills */
	size_t n_fields;   /* fields every record must have */
	size_t *field;     /* n_features entries: the field of feature j */
};

void
ferrum_rowmap_free(ferrum_rowmap *map)
{
	if (map == NULL)
		return;
	free(map->field);
	free(map);
}

size_t
ferrum_rowmap_n_fields(const ferrum_rowmap *map)
{
	return map->n_fields;
}

int
ferrum_rowmap_new(const ferrum_model *m, const char *const *names, size_t n_fields,
                  ferrum_rowmap **out, ferrum_error *err)
{
	size_t nf = ferrum_model_n_features(m), j, k;
	ferrum_rowmap *map;

	*out = NULL;
	if (names == NULL && n_fields != nf)
		return fe_error(err, FERRUM_EINPUT, "expected %zu fields, got %zu", nf, n_fields);
	map = calloc(1, sizeof *map);
	if (map == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	map->n_features = nf;
	map->n_fields = n_fields;
	map->field = fe_alloc_array(nf > 0 ? nf : 1, sizeof *map->field);
	if (map->field == NULL) {
		free(map);
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	for (j = 0; j < nf; j++) {
		const char *want = ferrum_model_feature_name(m, j);

		if (names == NULL) {
			map->field[j] = j;
			continue;
		}
		map->field[j] = n_fields;
		for (k = 0; k < n_fields; k++) {
			if (want == NULL || names[k] == NULL || strcmp(names[k], want) != 0)
				continue;
			if (map->field[j] != n_fields) {
				size_t first = map->field[j] + 1;

				ferrum_rowmap_free(map);
				return fe_error(err, FERRUM_EINPUT,
				                "column '%s' appears twice (fields %zu and %zu)", want,
				                first, k + 1);
			}
			map->field[j] = k;
		}
		if (map->field[j] == n_fields) {
			ferrum_rowmap_free(map);
			return fe_error(err, FERRUM_EINPUT, "missing feature '%s'",
			                want != NULL ? want : "?");
		}
	}
	*out = map;
	return FERRUM_OK;
}

int
ferrum_rowmap_from_csv(const ferrum_model *m, const ferrum_csv *csv, ferrum_rowmap **out,
                       int *header, ferrum_error *err)
{
	size_t i, n = ferrum_csv_nfields(csv), len;
	const char **names;
	int numeric = 1, rc;

	*out = NULL;
	for (i = 0; i < n && numeric; i++) {
		const char *f = ferrum_csv_field(csv, i, &len);

		numeric = f != NULL && ferrum_is_number(f, len);
	}
	*header = !numeric;
	if (numeric)
		rc = ferrum_rowmap_new(m, NULL, n, out, err);
	else {
		names = fe_alloc_array(n, sizeof *names);
		if (names == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		for (i = 0; i < n; i++)
			names[i] = ferrum_csv_field(csv, i, NULL);
		rc = ferrum_rowmap_new(m, names, n, out, err);
		free(names);
	}
	if (rc != FERRUM_OK && err != NULL)
		err->line = ferrum_csv_line(csv);
	return rc;
}

/* Parse one value strictly into @out; on failure fill @why (a message
 * without position) and return FERRUM_EINPUT. */
static int
parse_value(const char *s, size_t len, float *out, char *why, size_t cap)
{
	float v;

	/* The missing-value tokens are never numbers, so the common case
	 * takes one call. */
	if (ferrum_parse_float(s, len, &v) != FERRUM_OK) {
		if (ferrum_is_missing(s, len))
			fe_snprintf(why, cap, "missing value");
		else
			fe_snprintf(why, cap, "'%.*s' is not a number", len > 40 ? 40 : (int)len, s);
		return FERRUM_EINPUT;
	}
	/* "inf" and "nan" are spelled with letters; an infinity from digits
	 * is an overflow (1e39). */
	if (isnan(v) || (isinf(v) && (s[len - 1] | 0x20) >= 'a' && (s[len - 1] | 0x20) <= 'z')) {
		fe_snprintf(why, cap, "'%.*s' is not a finite number", len > 40 ? 40 : (int)len, s);
		return FERRUM_EINPUT;
	}
	if (isinf(v)) {
		fe_snprintf(why, cap, "'%.*s' is out of range", len > 40 ? 40 : (int)len, s);
		return FERRUM_EINPUT;
	}
	*out = v;
	return FERRUM_OK;
}

int
ferrum_rowmap_fill(const ferrum_rowmap *map, const ferrum_csv *csv, float *x, ferrum_error *err)
{
	size_t j, n = ferrum_csv_nfields(csv), len;
	const char *base;
	const size_t *offs = fe_csv_fields(csv, &base);
	char why[96];

	if (n != map->n_fields)
		return fe_error_line(err, FERRUM_EINPUT, ferrum_csv_line(csv), -1,
		                     "expected %zu fields, got %zu", map->n_fields, n);
	for (j = 0; j < map->n_features; j++) {
		size_t k = map->field[j];
		const char *f;

		/* the common case: short, finite, no exponent */
		if (k < n && fe_num_fast_float(base + offs[2 * k], offs[2 * k + 1], &x[j]))
			continue;
		f = ferrum_csv_field(csv, k, &len);
		if (f == NULL || parse_value(f, len, &x[j], why, sizeof why) != FERRUM_OK)
			return fe_error_line(err, FERRUM_EINPUT, ferrum_csv_line(csv),
			                     (long long)k + 1, "field %zu: %s", k + 1,
			                     f == NULL ? "missing value" : why);
	}
	return FERRUM_OK;
}

static int
json_value(const fe_json *v, const char *what, float *out, ferrum_error *err)
{
	char why[96];

	if (v->type == FE_JSON_NULL)
		fe_snprintf(why, sizeof why, "missing value");
	else if (v->type != FE_JSON_NUMBER)
		fe_snprintf(why, sizeof why, "expected a number");
	else if (parse_value(v->text, v->text_len, out, why, sizeof why) == FERRUM_OK)
		return FERRUM_OK;
	return fe_error_line(err, FERRUM_EINPUT, -1, (long long)v->offset + 1, "%s: %s", what, why);
}

/* ferrum_json_row() of a parsed record; @extra: an array may have one
 * value more (the target, last). */
static int
json_row_doc(const ferrum_model *m, const fe_json *doc, int extra, float *x, ferrum_error *err)
{
	size_t j, nf = ferrum_model_n_features(m);
	char what[160];
	int rc = FERRUM_OK;

	if (doc->type == FE_JSON_ARRAY) {
		if (doc->n != nf && !(extra && doc->n == nf + 1)) {
			rc = fe_error_line(err, FERRUM_EINPUT, -1, 1, "expected %zu values, got %zu",
			                   nf, doc->n);
			goto out;
		}
		for (j = 0; j < nf; j++) {
			fe_snprintf(what, sizeof what, "value %zu", j + 1);
			rc = json_value(&doc->items[j], what, &x[j], err);
			if (rc != FERRUM_OK)
				goto out;
		}
	} else if (doc->type == FE_JSON_OBJECT) {
		for (j = 0; j < nf; j++) {
			const char *name = ferrum_model_feature_name(m, j);
			const fe_json *v = name != NULL ? fe_json_get(doc, name) : NULL;

			if (v == NULL) {
				rc = fe_error_line(err, FERRUM_EINPUT, -1, 1, "missing feature '%s'",
				                   name != NULL ? name : "?");
				goto out;
			}
			fe_snprintf(what, sizeof what, "'%.120s'", name);
			rc = json_value(v, what, &x[j], err);
			if (rc != FERRUM_OK)
				goto out;
		}
	} else {
		rc = fe_error_line(err, FERRUM_EINPUT, -1, (long long)doc->offset + 1,
		                   "expected a JSON object or array");
	}
out:
	return rc;
}

int
ferrum_json_row(const ferrum_model *m, const char *line, size_t len, float *x,
                ferrum_error *err)
{
	fe_json *doc = NULL;
	int rc;

	rc = fe_json_parse(line, len, &doc, err);
	if (rc != FERRUM_OK) {
		if (err != NULL)
			err->line = -1;
		return rc;
	}
	rc = json_row_doc(m, doc, 0, x, err);
	fe_json_free(doc);
	return rc;
}

/* ---- the row reader ---------------------------------------------------- */

#define JSONL_CHUNK 65536

struct ferrum_rowreader {
	const ferrum_model *m;
	int format;            /* enum ferrum_row_format, AUTO until decided */
	int delim;             /* CSV: the delimiter, or FERRUM_CSV_AUTO */
	ferrum_read_fn read;
	void *ctx;
	int status;            /* a fatal error's code, or 0 */
	ferrum_error fatal;    /* that error */
	int started;           /* the format and (CSV) the header are settled */
	int eof;               /* the callback said end of input */
	/* Bytes read while deciding the format, handed out first. */
	char *pend;
	size_t pend_len, pend_pos, pend_cap;
	/* CSV */
	ferrum_csv *csv;
	ferrum_rowmap *map;
	int first_is_data;     /* the first record was a row, not a header */
	char *header;          /* raw header text, or NULL */
	size_t header_len;
	size_t n_columns;
	char **columns;        /* header names (or feature names) */
	/* JSON Lines: a buffer of input; lines are cut out of it in place. */
	char *buf;
	size_t len, cap, pos;  /* bytes held, allocated, consumed */
	const char *rec;       /* the current line, trimmed */
	size_t rec_len;
	long long line, next_line;
	fe_json *doc;          /* the current line, parsed */
	/* The target column, for scoring (ferrum_rowreader_keep_target). */
	int keep_target;       /* look for it */
	int has_target;        /* the input has it (CSV: decided at the start) */
	size_t target_field;   /* CSV: its field */
	const char *target;    /* the current row's text, NULL when missing */
	size_t target_len;
	char target_name[128]; /* the input's name of the target column */
	/* A model with a schema takes raw rows: source columns by name or
	 * position, each cell encoded by fe_schema_encode(). */
	ferrum_schema *schema; /* NULL: plain numbers, as before */
	size_t n_fields;       /* CSV: fields every record must have */
	size_t *col_field;     /* schema column j's field, or NONE */
	const char **cells;    /* the current row's cells by schema column */
	size_t *lens;
	float *scratch;        /* n_inputs floats, for one column's encoding */
	char *dec;             /* the row's numbers with a decimal comma, */
	size_t dec_cap;        /* rewritten with a point (schema->decimal_comma) */
	unsigned unfamiliar;   /* FERRUM_UNFAMILIAR_* of the current row */
};

#define NONE ((size_t)-1)

/* The public bits are fe_schema_encode()'s. */
typedef char fe_unfamiliar_bits[FERRUM_UNFAMILIAR_LEVEL == FE_UNFAMILIAR_LEVEL &&
                                        FERRUM_UNFAMILIAR_RANGE == FE_UNFAMILIAR_RANGE &&
                                        FERRUM_UNFAMILIAR_GAP == FE_UNFAMILIAR_GAP
                                    ? 1
                                    : -1];

void
ferrum_rowreader_free(ferrum_rowreader *r)
{
	size_t i;

	if (r == NULL)
		return;
	ferrum_csv_free(r->csv);
	ferrum_rowmap_free(r->map);
	free(r->pend);
	free(r->header);
	for (i = 0; i < r->n_columns && r->columns != NULL; i++)
		free(r->columns[i]);
	free(r->columns);
	free(r->buf);
	fe_json_free(r->doc);
	ferrum_schema_free(r->schema);
	free(r->col_field);
	free((void *)r->cells);
	free(r->lens);
	free(r->scratch);
	free(r->dec);
	free(r);
}

/* Take @s (owned from now on) as the reader's schema, and the per-row
 * buffers it needs. */
static int
use_schema(ferrum_rowreader *r, ferrum_schema *s, ferrum_error *err)
{
	size_t n = s->n_cols > 0 ? s->n_cols : 1, j;

	r->schema = s;
	r->col_field = fe_alloc_array(n, sizeof *r->col_field);
	r->cells = fe_calloc_array(n, sizeof *r->cells);
	r->lens = fe_calloc_array(n, sizeof *r->lens);
	r->scratch = fe_alloc_array(s->n_inputs > 0 ? s->n_inputs : 1, sizeof *r->scratch);
	if (r->col_field == NULL || r->cells == NULL || r->lens == NULL || r->scratch == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (j = 0; j < s->n_cols; j++)
		r->col_field[j] = NONE;
	return FERRUM_OK;
}

int
fe_rowreader_use_schema(ferrum_rowreader *r, const ferrum_schema *s, ferrum_error *err)
{
	ferrum_schema *c;

	if (r->started || r->schema != NULL)
		return fe_error(err, FERRUM_EINVAL, "the reader has started");
	if (s->n_inputs != ferrum_model_n_features(r->m))
		return fe_error(err, FERRUM_ESHAPE, "the schema has %zu inputs, the model %zu",
		                s->n_inputs, ferrum_model_n_features(r->m));
	c = fe_schema_copy(s);
	if (c == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	return use_schema(r, c, err);
}

const ferrum_schema *
ferrum_rowreader_schema(const ferrum_rowreader *r)
{
	return r->schema;
}

unsigned
ferrum_rowreader_unfamiliar(const ferrum_rowreader *r)
{
	return r->unfamiliar;
}

const char *
ferrum_rowreader_cell(const ferrum_rowreader *r, size_t j, size_t *len)
{
	if (r->schema == NULL || j >= r->schema->n_cols || r->cells[j] == NULL) {
		if (len != NULL)
			*len = 0;
		return NULL;
	}
	if (len != NULL)
		*len = r->lens[j];
	return r->cells[j];
}

int
ferrum_rowreader_cell_missing(const ferrum_rowreader *r, size_t j)
{
	if (r->schema == NULL || j >= r->schema->n_cols || r->cells[j] == NULL)
		return 0;
	return fe_na_match(&r->schema->na, r->cells[j], r->lens[j]);
}

unsigned
ferrum_rowreader_cell_unfamiliar(const ferrum_rowreader *r, size_t j)
{
	ferrum_schema one;
	unsigned u = 0;

	if (r->schema == NULL || j >= r->schema->n_cols || r->cells[j] == NULL)
		return 0;
	/* The schema cut down to column j: fe_schema_encode() reads only
	 * the columns and the markers. */
	one = *r->schema;
	one.cols = &r->schema->cols[j];
	one.n_cols = 1;
	if (fe_schema_encode(&one, &r->cells[j], &r->lens[j], 0, r->scratch, &u, NULL) !=
	    FERRUM_OK)
		return 0;
	return u;
}

int
ferrum_rowreader_new(const ferrum_model *m, int format, ferrum_read_fn read, void *ctx,
                     ferrum_rowreader **out, ferrum_error *err)
{
	ferrum_schema *schema = NULL;
	ferrum_rowreader *r;
	int rc;

	*out = NULL;
	if (format != FERRUM_ROWS_AUTO && format != FERRUM_ROWS_CSV &&
	    format != FERRUM_ROWS_JSONL)
		return fe_error(err, FERRUM_EINVAL, "unknown row format %d", format);
	r = calloc(1, sizeof *r);
	if (r == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	r->m = m;
	r->format = format;
	r->delim = ',';
	r->read = read;
	r->ctx = ctx;
	r->next_line = 1;
	ferrum_error_clear(&r->fatal);
	rc = ferrum_schema_from_model(m, &schema, err);
	if (rc == FERRUM_OK && schema != NULL)
		rc = use_schema(r, schema, err);
	if (rc != FERRUM_OK) {
		ferrum_rowreader_free(r);
		return rc;
	}
	*out = r;
	return FERRUM_OK;
}

int
ferrum_rowreader_keep_target(ferrum_rowreader *r)
{
	if (r->started)
		return FERRUM_EINVAL;
	r->keep_target = 1;
	return FERRUM_OK;
}

int
ferrum_rowreader_has_target(const ferrum_rowreader *r)
{
	return r->has_target;
}

const char *
ferrum_rowreader_target_name(const ferrum_rowreader *r)
{
	return r->has_target ? r->target_name : NULL;
}

/* Remember the input's name of the target column (cut to fit). */
static void
set_target_name(ferrum_rowreader *r, const char *name)
{
	size_t n = strlen(name), cap = sizeof r->target_name - 1;

	if (n > cap) {
		n = cap;
		while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(r->target_name, name, n);
	r->target_name[n] = '\0';
}

const char *
ferrum_rowreader_target(const ferrum_rowreader *r, size_t *len)
{
	if (len != NULL)
		*len = r->target != NULL ? r->target_len : 0;
	return r->target;
}

int
ferrum_rowreader_fatal(const ferrum_rowreader *r)
{
	return r->status != 0;
}

int
ferrum_rowreader_format(const ferrum_rowreader *r)
{
	return r->started ? r->format : FERRUM_ROWS_AUTO;
}

long long
ferrum_rowreader_line(const ferrum_rowreader *r)
{
	if (r->csv != NULL)
		return ferrum_csv_line(r->csv);
	return r->line;
}

const char *
ferrum_rowreader_record(const ferrum_rowreader *r, size_t *len)
{
	if (r->csv != NULL)
		return ferrum_csv_record(r->csv, len);
	if (len != NULL)
		*len = r->rec_len;
	return r->rec;
}

const ferrum_csv *
ferrum_rowreader_csv(const ferrum_rowreader *r)
{
	return r->csv;
}

const char *
ferrum_rowreader_header(const ferrum_rowreader *r, size_t *len)
{
	if (len != NULL)
		*len = r->header_len;
	return r->header;
}

size_t
ferrum_rowreader_n_columns(const ferrum_rowreader *r)
{
	return r->n_columns;
}

const char *
ferrum_rowreader_column(const ferrum_rowreader *r, size_t i)
{
	return i < r->n_columns ? r->columns[i] : NULL;
}

/* Record a fatal error (sticky) and return its code. */
static int
set_fatal(ferrum_rowreader *r, const ferrum_error *e, int code, ferrum_error *err)
{
	if (e != NULL)
		r->fatal = *e;
	else
		fe_error(&r->fatal, code, "%s", ferrum_strerror(code));
	r->fatal.code = code;
	r->status = code;
	if (err != NULL)
		*err = r->fatal;
	return code;
}

/* The user's callback, retried on EINTR. */
static long
pull(ferrum_rowreader *r, char *buf, size_t cap)
{
	long n;

	if (r->eof)
		return 0;
	do {
		errno = 0;
		n = r->read(r->ctx, buf, cap);
	} while (n < 0 && errno == EINTR);
	if (n == 0)
		r->eof = 1;
	return n;
}

/* The CSV reader's callback: first the bytes read to decide the format. */
static long
csv_read(void *ctx, char *buf, size_t cap)
{
	ferrum_rowreader *r = ctx;

	if (r->pend_pos < r->pend_len) {
		size_t n = r->pend_len - r->pend_pos;

		if (n > cap)
			n = cap;
		memcpy(buf, r->pend + r->pend_pos, n);
		r->pend_pos += n;
		return (long)n;
	}
	return pull(r, buf, cap);
}

/* Read more of the input onto the bytes kept in pend, growing it when
 * full; a fatal error when the read or the allocation fails. */
static int
pend_more(ferrum_rowreader *r, ferrum_error *err)
{
	long n;

	if (r->pend_len == r->pend_cap) {
		size_t cap = r->pend_cap ? r->pend_cap * 2 : 4096;
		char *nb = realloc(r->pend, cap);

		if (nb == NULL)
			return set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"), err);
		r->pend = nb;
		r->pend_cap = cap;
	}
	n = pull(r, r->pend + r->pend_len, r->pend_cap - r->pend_len);
	if (n < 0) {
		ferrum_error e;

		fe_error(&e, FERRUM_EIO, "read error: %s", strerror(errno ? errno : EIO));
		return set_fatal(r, &e, FERRUM_EIO, err);
	}
	r->pend_len += (size_t)n;
	return FERRUM_OK;
}

/* Read until the first byte that is not white space (after a BOM) is
 * known, keeping what was read for later. */
static int
sniff(ferrum_rowreader *r, ferrum_error *err)
{
	size_t i;
	int rc;

	for (;;) {
		i = 0;
		if (r->pend_len >= 3 && memcmp(r->pend, "\xEF\xBB\xBF", 3) == 0)
			i = 3;
		while (i < r->pend_len && strchr(" \t\r\n", r->pend[i]) != NULL && r->pend[i] != 0)
			i++;
		if (i < r->pend_len || r->eof)
			break;
		if (r->pend_len >= 3 && i == r->pend_len && r->pend_len >= FERRUM_CSV_MAX_RECORD)
			break;
		if ((rc = pend_more(r, err)) != FERRUM_OK)
			return rc;
	}
	if (r->format == FERRUM_ROWS_AUTO)
		r->format = i < r->pend_len && (r->pend[i] == '{' || r->pend[i] == '[')
		                    ? FERRUM_ROWS_JSONL
		                    : FERRUM_ROWS_CSV;
	return FERRUM_OK;
}

int
ferrum_rowreader_set_delimiter(ferrum_rowreader *r, int delim)
{
	if (r == NULL || r->started || r->status != 0)
		return FERRUM_EINVAL;
	if (delim != ',' && delim != ';' && delim != '\t' && delim != '|' &&
	    delim != FERRUM_CSV_SPACES && delim != FERRUM_CSV_AUTO)
		return FERRUM_EINVAL;
	r->delim = delim;
	return FERRUM_OK;
}

/* FERRUM_CSV_AUTO: once the first line (after blank ones) is complete in
 * the bytes read so far, or the input ended, the delimiter is the one
 * ferrum_csv_sniff() finds in those bytes.  Never waits for more. */
static int
sniff_delimiter(ferrum_rowreader *r, ferrum_error *err)
{
	size_t i = 0;
	int rc;

	if (r->pend_len >= 3 && memcmp(r->pend, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < r->pend_len && (r->pend[i] == ' ' || r->pend[i] == '\t' ||
	                           r->pend[i] == '\r' || r->pend[i] == '\n'))
		i++;
	while (!r->eof && memchr(r->pend + i, '\n', r->pend_len - i) == NULL &&
	       r->pend_len < FERRUM_CSV_MAX_RECORD) {
		if ((rc = pend_more(r, err)) != FERRUM_OK)
			return rc;
	}
	r->delim = ferrum_csv_sniff(r->pend, r->pend_len);
	return FERRUM_OK;
}

/* Copy a CSV reader's error, dropping its "line N: " prefix (the line is
 * in err->line, and callers print it). */
static int
csv_fatal(ferrum_rowreader *r, int code, ferrum_error *err)
{
	ferrum_error e = *ferrum_csv_error(r->csv);

	fe_error_drop_line(&e);
	return set_fatal(r, &e, code, err);
}

/* 1 when the first record of @csv is a row of @m's features, all
 * numbers, followed by one more field: positional input with the target
 * (a model without a schema names no column positions). */
static int
positional_with_target(const ferrum_model *m, const ferrum_csv *csv)
{
	size_t i, len, nf = ferrum_model_n_features(m);

	if (ferrum_csv_nfields(csv) != nf + 1)
		return 0;
	for (i = 0; i < nf; i++) {
		const char *f = ferrum_csv_field(csv, i, &len);

		if (f == NULL || !ferrum_is_number(f, len))
			return 0;
	}
	return 1;
}

/* The target's field in a header (r->csv's current record) matched by
 * r->map: the field named as the model's target_name, else the one
 * field no feature took when there is exactly one. */
static void
find_target_field(ferrum_rowreader *r)
{
	const char *want = ferrum_model_target_name(r->m);
	size_t i, j, n = ferrum_csv_nfields(r->csv), free_field = n, n_free = 0;

	for (i = 0; i < n; i++) {
		const char *f = ferrum_csv_field(r->csv, i, NULL);
		int used = 0;

		for (j = 0; j < r->map->n_features && !used; j++)
			used = r->map->field[j] == i;
		if (used)
			continue;
		if (*want != '\0' && f != NULL && strcmp(f, want) == 0) {
			r->has_target = 1;
			r->target_field = i;
			set_target_name(r, f);
			return;
		}
		free_field = i;
		n_free++;
	}
	if (n_free == 1) {
		const char *f = ferrum_csv_field(r->csv, free_field, NULL);

		r->has_target = 1;
		r->target_field = free_field;
		set_target_name(r, f != NULL ? f : "");
	}
}

/* ---- raw rows through a schema --------------------------------------------- */

/* Copy the names of the input's @n columns: @names[i], or with @names
 * NULL the schema's names of the fields (positional). */
static int
set_columns(ferrum_rowreader *r, size_t n, char *const *names, ferrum_error *err)
{
	size_t i, j;

	r->columns = fe_calloc_array(n > 0 ? n : 1, sizeof *r->columns);
	if (r->columns == NULL)
		return set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"), err);
	r->n_columns = n;
	for (i = 0; i < n; i++) {
		const char *s = NULL;

		if (names != NULL)
			s = names[i];
		else if (r->schema != NULL) {
			for (j = 0; j < r->schema->n_cols && s == NULL; j++)
				if (r->col_field[j] == i)
					s = r->schema->cols[j].name;
		} else
			s = ferrum_model_feature_name(r->m, i);
		r->columns[i] = fe_strdup(s != NULL ? s : "");
		if (r->columns[i] == NULL)
			return set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"), err);
	}
	return FERRUM_OK;
}

/* A fatal error about the header on line @line, or the first row:
 * @msg, already formatted. */
static int
first_fatal_at(ferrum_rowreader *r, ferrum_error *err, long long line, const char *msg)
{
	ferrum_error e;

	fe_error_line(&e, FERRUM_EINPUT, line, -1, "%s", msg);
	return set_fatal(r, &e, FERRUM_EINPUT, err);
}

static int
first_fatal(ferrum_rowreader *r, ferrum_error *err, const char *msg)
{
	return first_fatal_at(r, err, ferrum_csv_line(r->csv), msg);
}

/* Place the source columns for positional rows of @n fields: all the
 * source columns, or all but the target. */
static int
schema_positional(ferrum_rowreader *r, size_t n, ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	size_t j, nc = s->n_cols, t = s->target;

	if (n == nc) {
		for (j = 0; j < nc; j++)
			r->col_field[j] = j;
	} else if (nc > 0 && n == nc - 1 && t < nc) {
		for (j = 0; j < nc; j++)
			r->col_field[j] = j < t ? j : (j == t ? NONE : j - 1);
	} else {
		char msg[160];

		fe_snprintf(msg, sizeof msg,
		            "expected %zu fields (%zu without the target), got %zu: is this the "
		            "data the model was trained on?",
		            nc, nc > 0 ? nc - 1 : 0, n);
		return first_fatal(r, err, msg);
	}
	return FERRUM_OK;
}

static void
free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; names != NULL && i < n; i++)
		free(names[i]);
	free(names);
}

/* The schema column named @name that the model reads, or NONE. */
static size_t
schema_column(const ferrum_schema *s, const char *name)
{
	size_t j;

	for (j = 0; j < s->n_cols; j++)
		if (strcmp(s->cols[j].name, name) == 0)
			return j;
	return NONE;
}

/* Place the schema's columns among the header's @n fields named @names
 * (the header read on line @line, @raw its fields as written); 0, or a
 * fatal status.  A name the header gives twice is an error where the
 * second would go unread: the trainer named it "a.2", and the model has
 * no such column. */
static int
schema_header(ferrum_rowreader *r, char **names, char **raw, size_t n, long long line,
              ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	size_t i, j, k;
	char msg[200];

	for (j = 0; j < s->n_cols; j++) {
		const ferrum_column *c = &s->cols[j];

		for (i = 0; i < n && r->col_field[j] == NONE; i++)
			if (strcmp(names[i], c->name) == 0)
				r->col_field[j] = i;
		if (r->col_field[j] == NONE && c->n_inputs > 0) {
			fe_snprintf(msg, sizeof msg,
			            "missing column '%.*s': the model needs it (give it, empty "
			            "cells for missing values)",
			            40, c->name);
			return first_fatal_at(r, err, line, msg);
		}
		if (r->col_field[j] == NONE || c->n_inputs == 0)
			continue;
		i = r->col_field[j];
		for (k = 0; k < n; k++) {
			if (k == i || strcmp(raw[k], raw[i]) != 0 || schema_column(s, names[k]) != NONE)
				continue;
			fe_snprintf(msg, sizeof msg,
			            "column '%.*s' appears twice (fields %zu and %zu)", 40, c->name,
			            (k < i ? k : i) + 1, (k < i ? i : k) + 1);
			return first_fatal_at(r, err, line, msg);
		}
	}
	return 0;
}

/* The first CSV record of a model with a schema: a header when the
 * training data had one and the record holds any of the schema's column
 * names (ignored columns aside), named as the trainer names them and
 * matched by name; else positional.  After a header the next record is
 * read at once: one field more than the header is R's row-names layout,
 * whose first field is the row's name, or, when that row's last field is
 * empty, a delimiter at the end of the rows (as the trainer reads them). */
static int
schema_csv_start(ferrum_rowreader *r, ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	size_t i, j, n = ferrum_csv_nfields(r->csv), len;
	char **names = NULL, **raw = NULL;
	size_t n_raw = 0;
	const char *rec;
	long long line = ferrum_csv_line(r->csv);
	int header = 0, rc;

	if (s->header) {
		/* The fields as written, after an empty slot for R's layout
		 * below; named from them as the trainer names a header. */
		raw = fe_calloc_array(n + 1, sizeof *raw);
		n_raw = n + 1;
		if (raw == NULL || (raw[0] = fe_strdup("")) == NULL)
			goto nomem;
		for (i = 0; i < n; i++) {
			const char *f = ferrum_csv_field(r->csv, i, &len);

			if ((raw[i + 1] = fe_strndup(f != NULL ? f : "", f != NULL ? len : 0)) == NULL)
				goto nomem;
		}
		if ((rc = fe_frame_names(&names, (const char *const *)raw + 1, NULL, n, err)) !=
		    FERRUM_OK) {
			rc = set_fatal(r, NULL, rc, err);
			goto out;
		}
		for (j = 0; j < s->n_cols && !header; j++) {
			if (s->cols[j].kind == FERRUM_COLUMN_IGNORED)
				continue;
			for (i = 0; i < n && !header; i++)
				header = strcmp(names[i], s->cols[j].name) == 0;
		}
		if (!header) {
			free_names(names, n);
			names = NULL;
		}
	}
	r->n_fields = n;
	if (header) {
		rec = ferrum_csv_record(r->csv, &len);
		if ((r->header = fe_strndup(rec, len)) == NULL)
			goto nomem;
		r->header_len = len;
		rc = ferrum_csv_next(r->csv);
		if (rc < 0) {
			rc = csv_fatal(r, rc, err);
			goto out;
		}
		r->first_is_data = rc == 1;
		if (rc == 1 && ferrum_csv_nfields(r->csv) == n + 1) {
			/* Row names: an empty name before the header's; or,
			 * when the row ends in an empty field, a delimiter at
			 * the end of the rows: an empty name after them. */
			char **shifted = NULL;
			ferrum_error e;
			size_t last;

			ferrum_error_clear(&e);
			ferrum_csv_field(r->csv, n, &last);
			if (last == 0) {
				char *empty = raw[0];

				memmove(raw, raw + 1, n * sizeof *raw);
				raw[n] = empty;
			}
			if ((rc = fe_frame_names(&shifted, (const char *const *)raw, NULL, n + 1, &e)) !=
			    FERRUM_OK) {
				rc = set_fatal(r, &e, rc, err);
				goto out;
			}
			free_names(names, n);
			names = shifted;
			n++;
			r->n_fields = n;
			rc = schema_header(r, names, raw, n, line, err);
		} else {
			rc = schema_header(r, names, raw + 1, n, line, err);
		}
		if (rc != 0)
			goto out;
	} else {
		rc = schema_positional(r, n, err);
		if (rc != FERRUM_OK)
			goto out;
		r->first_is_data = 1;
	}
	if (s->target < s->n_cols && r->col_field[s->target] != NONE) {
		r->has_target = 1;
		r->target_field = r->col_field[s->target];
		if (header)
			set_target_name(r, s->cols[s->target].name);
		else
			fe_snprintf(r->target_name, sizeof r->target_name, "%zu", r->target_field + 1);
	}
	rc = set_columns(r, n, names, err);
	if (rc == FERRUM_OK)
		rc = 1;
out:
	free_names(names, n);
	free_names(raw, n_raw);
	return rc;
nomem:
	rc = set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"), err);
	goto out;
}

/* Replace fe_schema_encode()'s column number (the source column's place
 * in the training data) by the column's field in this input. */
static void
renumber(const ferrum_rowreader *r, ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	char want[96], msg[sizeof err->message];
	size_t j, n;

	if (err == NULL)
		return;
	for (j = 0; j < s->n_cols; j++) {
		n = (size_t)fe_snprintf(want, sizeof want, "column '%.*s' (%zu): ", 40,
		                        s->cols[j].name, j + 1);
		if (n >= sizeof want || strncmp(err->message, want, n) != 0)
			continue;
		if (r->col_field[j] == NONE)
			return;
		fe_snprintf(msg, sizeof msg, "column '%.*s' (%zu): %s", 40, s->cols[j].name,
		            r->col_field[j] + 1, err->message + n);
		memcpy(err->message, msg, sizeof msg);
		err->column = (long long)r->col_field[j] + 1;
		return;
	}
}

/* A model trained on numbers written "2,5" reads its rows the same way:
 * each cell of r->cells that is such a number points to a copy with a
 * decimal point in r->dec instead (room for every cell, so that one scan
 * of each does). */
static int
point_decimals(ferrum_rowreader *r, ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	size_t j, need = 0, at = 0, c;

	for (j = 0; j < s->n_cols; j++)
		if (r->cells[j] != NULL)
			need += r->lens[j] + 1;
	if (need > r->dec_cap) {
		char *d = realloc(r->dec, need);

		if (d == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		r->dec = d;
		r->dec_cap = need;
	}
	for (j = 0; j < s->n_cols; j++) {
		if (r->cells[j] == NULL || (c = fe_decimal_comma(r->cells[j], r->lens[j])) == 0)
			continue;
		memcpy(r->dec + at, r->cells[j], r->lens[j]);
		r->dec[at + c] = '.';
		r->dec[at + r->lens[j]] = '\0';
		r->cells[j] = r->dec + at;
		at += r->lens[j] + 1;
	}
	return FERRUM_OK;
}

/* Encode the cells gathered in r->cells into @x. */
static int
schema_encode(ferrum_rowreader *r, float *x, ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	int rc;

	if (s->decimal_comma && (rc = point_decimals(r, err)) != FERRUM_OK)
		return rc;
	r->target = NULL;
	if (r->has_target && s->target < s->n_cols && r->cells[s->target] != NULL &&
	    !fe_na_match(&s->na, r->cells[s->target], r->lens[s->target])) {
		r->target = r->cells[s->target];
		r->target_len = r->lens[s->target];
	}
	r->unfamiliar = 0;
	rc = fe_schema_encode(s, r->cells, r->lens, 0, x, &r->unfamiliar, err);
	if (rc != FERRUM_OK)
		renumber(r, err);
	return rc;
}

static int
schema_csv_fill(ferrum_rowreader *r, float *x, ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	size_t j, n = ferrum_csv_nfields(r->csv);
	int rc;

	r->target = NULL;
	r->unfamiliar = 0;
	if (n != r->n_fields)
		return fe_error_line(err, FERRUM_EINPUT, ferrum_csv_line(r->csv), -1,
		                     "expected %zu fields, got %zu", r->n_fields, n);
	for (j = 0; j < s->n_cols; j++) {
		r->cells[j] = NULL;
		r->lens[j] = 0;
		if (r->col_field[j] != NONE)
			r->cells[j] = ferrum_csv_field(r->csv, r->col_field[j], &r->lens[j]);
	}
	rc = schema_encode(r, x, err);
	if (rc != FERRUM_OK && err != NULL)
		err->line = ferrum_csv_line(r->csv);
	return rc;
}

/* A JSON value as a cell: a string's characters, a number's literal,
 * true or false, "" for null; 0, or -1 for an array or an object. */
static int
json_cell(const fe_json *v, const char **cell, size_t *len)
{
	switch (v->type) {
	case FE_JSON_STRING:
	case FE_JSON_NUMBER: *cell = v->text; *len = v->text_len; return 0;
	case FE_JSON_TRUE: *cell = "true"; *len = 4; return 0;
	case FE_JSON_FALSE: *cell = "false"; *len = 5; return 0;
	case FE_JSON_NULL: *cell = ""; *len = 0; return 0;
	default: return -1;
	}
}

/* A JSON Lines record through the schema: an object keyed by source
 * column name, or an array of all the source columns (or all but the
 * target) in order. */
static int
schema_json_row(ferrum_rowreader *r, float *x, ferrum_error *err)
{
	const ferrum_schema *s = r->schema;
	const fe_json *doc = r->doc;
	size_t j, nc = s->n_cols, t = s->target;

	r->target = NULL;
	r->unfamiliar = 0;
	for (j = 0; j < nc; j++) {
		r->cells[j] = NULL;
		r->lens[j] = 0;
	}
	if (doc->type == FE_JSON_ARRAY) {
		if (doc->n != nc && !(nc > 0 && doc->n == nc - 1 && t < nc))
			return fe_error_line(err, FERRUM_EINPUT, -1, 1,
			                     "expected %zu values (%zu without the target), got %zu", nc,
			                     nc > 0 ? nc - 1 : 0, doc->n);
		for (j = 0; j < nc; j++) {
			size_t k = doc->n == nc ? j : (j < t ? j : j - 1);

			if (doc->n != nc && j == t)
				continue;
			if (json_cell(&doc->items[k], &r->cells[j], &r->lens[j]) != 0)
				return fe_error_line(err, FERRUM_EINPUT, -1,
				                     (long long)doc->items[k].offset + 1,
				                     "column '%.*s' (%zu): expected a string, a number "
				                     "or null",
				                     40, s->cols[j].name, k + 1);
		}
		if (doc->n == nc && t < nc) {
			r->has_target = 1;
			fe_snprintf(r->target_name, sizeof r->target_name, "%zu", t + 1);
		}
	} else if (doc->type == FE_JSON_OBJECT) {
		for (j = 0; j < nc; j++) {
			const fe_json *v = fe_json_get(doc, s->cols[j].name);

			if (v == NULL)
				continue;
			if (json_cell(v, &r->cells[j], &r->lens[j]) != 0)
				return fe_error_line(err, FERRUM_EINPUT, -1, (long long)v->offset + 1,
				                     "column '%.*s': expected a string, a number or null",
				                     40, s->cols[j].name);
		}
		if (t < nc && r->cells[t] != NULL && !r->has_target) {
			r->has_target = 1;
			set_target_name(r, s->cols[t].name);
		}
	} else {
		return fe_error_line(err, FERRUM_EINPUT, -1, (long long)doc->offset + 1,
		                     "expected a JSON object or array");
	}
	return schema_encode(r, x, err);
}

/* A first record that fits the model neither way is most likely data of
 * another kind: say so, rather than only that a feature or a field is
 * missing.  (A header that names some features keeps its message.) */
static void
explain_first(const ferrum_rowreader *r, int header, ferrum_error *e)
{
	size_t i, j, n = ferrum_csv_nfields(r->csv), nf = ferrum_model_n_features(r->m);
	const char *f0 = ferrum_model_feature_name(r->m, 0);

	if (header) {
		for (i = 0; i < n; i++) {
			const char *f = ferrum_csv_field(r->csv, i, NULL);

			for (j = 0; j < nf; j++) {
				const char *name = ferrum_model_feature_name(r->m, j);

				if (f != NULL && name != NULL && strcmp(f, name) == 0)
					return;
			}
		}
		fe_snprintf(e->message, sizeof e->message,
		            "the first row names none of the model's features ('%.40s', ...) and is "
		            "not %zu numbers: is this the data the model was trained on?",
		            f0 != NULL ? f0 : "", nf);
	} else {
		fe_snprintf(e->message, sizeof e->message,
		            "expected %zu fields, got %zu: is this the data the model was trained "
		            "on?",
		            nf, n);
	}
}

static int
csv_start(ferrum_rowreader *r, ferrum_error *err)
{
	ferrum_error e;
	size_t i, n, len;
	const char *rec;
	int rc, header = 0;

	ferrum_error_clear(&e);
	rc = ferrum_csv_new(&r->csv, csv_read, r, &e);
	if (rc != FERRUM_OK)
		return set_fatal(r, &e, rc, err);
	ferrum_csv_set_delimiter(r->csv, r->delim);
	fe_csv_set_comments(r->csv, 1);
	rc = ferrum_csv_next(r->csv);
	if (rc < 0)
		return csv_fatal(r, rc, err);
	if (rc == 0)
		return 0;
	if (r->schema != NULL)
		return schema_csv_start(r, err);
	if (r->keep_target && positional_with_target(r->m, r->csv)) {
		/* The features, then the target. */
		rc = ferrum_rowmap_new(r->m, NULL, ferrum_model_n_features(r->m), &r->map, &e);
		if (rc != FERRUM_OK)
			return set_fatal(r, &e, rc, err);
		r->map->n_fields++;
		r->has_target = 1;
		r->target_field = r->map->n_features;
		fe_snprintf(r->target_name, sizeof r->target_name, "%zu", r->target_field + 1);
	} else {
		rc = ferrum_rowmap_from_csv(r->m, r->csv, &r->map, &header, &e);
		if (rc == FERRUM_EINPUT)
			explain_first(r, header, &e);
		if (rc != FERRUM_OK)
			return set_fatal(r, &e, rc, err);
		if (r->keep_target && header)
			find_target_field(r);
	}
	r->first_is_data = !header;
	n = header ? ferrum_csv_nfields(r->csv) : ferrum_model_n_features(r->m);
	r->columns = fe_calloc_array(n > 0 ? n : 1, sizeof *r->columns);
	if (r->columns == NULL)
		return set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"), err);
	r->n_columns = n;
	for (i = 0; i < n; i++) {
		const char *s = header ? ferrum_csv_field(r->csv, i, NULL)
		                       : ferrum_model_feature_name(r->m, i);

		r->columns[i] = fe_strdup(s != NULL ? s : "");
		if (r->columns[i] == NULL)
			return set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"), err);
	}
	if (header) {
		rec = ferrum_csv_record(r->csv, &len);
		r->header = fe_strndup(rec, len);
		if (r->header == NULL)
			return set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"), err);
		r->header_len = len;
	}
	return 1;
}

static int
csv_next(ferrum_rowreader *r, float *x, ferrum_error *err)
{
	int rc;

	if (r->first_is_data)
		r->first_is_data = 0;
	else {
		rc = ferrum_csv_next(r->csv);
		if (rc < 0)
			return csv_fatal(r, rc, err);
		if (rc == 0)
			return 0;
	}
	if (r->schema != NULL) {
		rc = schema_csv_fill(r, x, err);
		return rc == FERRUM_OK ? 1 : rc;
	}
	r->target = NULL;
	if (r->has_target && r->target_field < ferrum_csv_nfields(r->csv)) {
		r->target = ferrum_csv_field(r->csv, r->target_field, &r->target_len);
		if (r->target != NULL && ferrum_is_missing(r->target, r->target_len))
			r->target = NULL;
	}
	rc = ferrum_rowmap_fill(r->map, r->csv, x, err);
	return rc == FERRUM_OK ? 1 : rc;
}

/* The next line of JSON Lines input into r->rec; 1, 0 at the end, or a
 * fatal status. */
static int
jsonl_line(ferrum_rowreader *r, ferrum_error *err)
{
	size_t scan = r->pos;

	for (;;) {
		/* r->buf is still NULL on an empty input: no pointer arithmetic on it */
		char *nl = scan < r->len ? memchr(r->buf + scan, '\n', r->len - scan) : NULL;
		long n;

		if (nl != NULL || (r->eof && r->pos < r->len)) {
			size_t end = nl != NULL ? (size_t)(nl - r->buf) : r->len;
			const char *s = r->buf + r->pos;
			size_t l = end - r->pos;

			r->line = r->next_line++;
			r->pos = nl != NULL ? end + 1 : end;
			while (l > 0 && strchr(" \t\r", s[0]) != NULL && s[0] != 0)
				s++, l--;
			while (l > 0 && strchr(" \t\r", s[l - 1]) != NULL && s[l - 1] != 0)
				l--;
			r->rec = s;
			r->rec_len = l;
			return 1;
		}
		if (r->eof)
			return 0;
		scan = r->len;
		/* Keep the unfinished line at the front, then read more. */
		if (r->pos > 0) {
			memmove(r->buf, r->buf + r->pos, r->len - r->pos);
			r->len -= r->pos;
			scan -= r->pos;
			r->pos = 0;
		}
		if (r->len == r->cap) {
			size_t cap = r->cap ? r->cap * 2 : JSONL_CHUNK;
			char *nb;

			if (r->cap >= FERRUM_CSV_MAX_RECORD) {
				ferrum_error e;

				fe_error_line(&e, FERRUM_ERANGE, r->next_line, -1,
				              "line longer than %zu bytes", (size_t)FERRUM_CSV_MAX_RECORD);
				return set_fatal(r, &e, FERRUM_ERANGE, err);
			}
			nb = realloc(r->buf, cap);
			if (nb == NULL)
				return set_fatal(r, NULL, fe_error(err, FERRUM_ENOMEM, "out of memory"),
				                 err);
			r->buf = nb;
			r->cap = cap;
		}
		if (r->pend_pos < r->pend_len)
			n = csv_read(r, r->buf + r->len, r->cap - r->len);
		else
			n = pull(r, r->buf + r->len, r->cap - r->len);
		if (n < 0) {
			ferrum_error e;

			fe_error_line(&e, FERRUM_EIO, r->next_line, -1, "read error: %s",
			              strerror(errno ? errno : EIO));
			return set_fatal(r, &e, FERRUM_EIO, err);
		}
		r->len += (size_t)n;
	}
}

/* The target of the current JSON Lines record: the member named as the
 * model's target, or an array's value after the features. */
static void
json_target(ferrum_rowreader *r)
{
	const char *want = ferrum_model_target_name(r->m);
	const fe_json *v = NULL;

	if (r->doc->type == FE_JSON_OBJECT && *want != '\0') {
		v = fe_json_get(r->doc, want);
		if (v != NULL && !r->has_target)
			set_target_name(r, want);
	} else if (r->doc->type == FE_JSON_ARRAY &&
	           r->doc->n == ferrum_model_n_features(r->m) + 1) {
		v = &r->doc->items[r->doc->n - 1];
		if (!r->has_target)
			fe_snprintf(r->target_name, sizeof r->target_name, "%zu", r->doc->n);
	}
	if (v == NULL)
		return;
	r->has_target = 1;
	switch (v->type) {
	case FE_JSON_STRING:
	case FE_JSON_NUMBER:
		r->target = v->text;
		r->target_len = v->text_len;
		if (ferrum_is_missing(r->target, r->target_len))
			r->target = NULL;
		break;
	case FE_JSON_TRUE: r->target = "true"; r->target_len = 4; break;
	case FE_JSON_FALSE: r->target = "false"; r->target_len = 5; break;
	default: break; /* null, arrays, objects: missing */
	}
}

static int
jsonl_next(ferrum_rowreader *r, float *x, ferrum_error *err)
{
	int rc;

	do {
		rc = jsonl_line(r, err);
		if (rc <= 0)
			return rc;
		/* A BOM may open the first line. */
		if (r->line == 1 && r->rec_len >= 3 && memcmp(r->rec, "\xEF\xBB\xBF", 3) == 0) {
			r->rec += 3;
			r->rec_len -= 3;
		}
	} while (r->rec_len == 0);
	fe_json_free(r->doc);
	r->doc = NULL;
	r->target = NULL;
	rc = fe_json_parse(r->rec, r->rec_len, &r->doc, err);
	if (rc == FERRUM_OK && r->schema != NULL) {
		rc = schema_json_row(r, x, err);
	} else if (rc == FERRUM_OK) {
		rc = json_row_doc(r->m, r->doc, r->keep_target, x, err);
		if (r->keep_target)
			json_target(r);
	}
	if (rc != FERRUM_OK) {
		if (err != NULL)
			err->line = r->line;
		if (rc != FERRUM_EINPUT)
			return set_fatal(r, err, rc, err);
		return rc;
	}
	return 1;
}

int
ferrum_rowreader_next(ferrum_rowreader *r, float *x, ferrum_error *err)
{
	int rc;

	if (r->status != 0) {
		if (err != NULL)
			*err = r->fatal;
		return r->status;
	}
	if (!r->started) {
		rc = sniff(r, err);
		if (rc != FERRUM_OK)
			return rc;
		r->started = 1;
		if (r->format == FERRUM_ROWS_CSV) {
			if (r->delim == FERRUM_CSV_AUTO && (rc = sniff_delimiter(r, err)) != FERRUM_OK)
				return rc;
			rc = csv_start(r, err);
			if (rc <= 0)
				return rc;
		}
	}
	if (r->format == FERRUM_ROWS_CSV)
		return csv_next(r, x, err);
	return jsonl_next(r, x, err);
}

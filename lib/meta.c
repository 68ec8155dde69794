/* meta.c: model metadata, read with the JSON parser and written in the exact v3 form.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The nine keys of the v3 writer, in the order it writes them. */
static const char *const std_keys[] = {
	"dataset_name", "task", "feature_names", "feature_ranges", "class_names",
	"target_name", "target_range", "input_dim", "output_dim"
};
#define N_STD_KEYS (sizeof std_keys / sizeof std_keys[0])

static void
free_strings(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
fe_meta_free(fe_meta *m)
{
	if (m == NULL)
		return;
	free(m->dataset_name);
	free_strings(m->feature_names, m->n_features);
	free(m->feature_ranges);
	free_strings(m->class_names, m->n_classes);
	free(m->target_name);
	free_strings(m->extra_keys, m->n_extra);
	free_strings(m->extra_values, m->n_extra);
	free(m->json);
	memset(m, 0, sizeof *m);
}

static int
bad(ferrum_error *err, const fe_json *v, const char *key, const char *what)
{
	return fe_error_at(err, FERRUM_EFORMAT, v != NULL ? (long long)v->offset : 0,
	                   "metadata: \"%s\" %s", key, what);
}

/* A copy of a string value; names with NUL cannot be represented. */
static int
get_string(const fe_json *root, const char *key, char **out, ferrum_error *err)
{
	const fe_json *v = fe_json_get(root, key);

	if (v == NULL) {
		*out = fe_strdup("");
	} else {
		if (v->type != FE_JSON_STRING)
			return bad(err, v, key, "is not a string");
		if (memchr(v->text, '\0', v->text_len) != NULL)
			return bad(err, v, key, "contains a NUL character");
		*out = fe_strndup(v->text, v->text_len);
	}
	return *out == NULL ? fe_error(err, FERRUM_ENOMEM, "out of memory") : 0;
}

static int
get_names(const fe_json *root, const char *key, char ***out, size_t *n, ferrum_error *err)
{
	const fe_json *v = fe_json_get(root, key);
	size_t i;

	*out = NULL;
	*n = 0;
	if (v == NULL)
		return 0;
	if (v->type != FE_JSON_ARRAY)
		return bad(err, v, key, "is not an array of strings");
	for (i = 0; i < v->n; i++) {
		if (v->items[i].type != FE_JSON_STRING)
			return bad(err, &v->items[i], key, "is not an array of strings");
		if (memchr(v->items[i].text, '\0', v->items[i].text_len) != NULL)
			return bad(err, &v->items[i], key, "has a name with NUL in it");
	}
	*out = fe_calloc_array(v->n, sizeof **out);
	if (*out == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (i = 0; i < v->n; i++) {
		(*out)[i] = fe_strndup(v->items[i].text, v->items[i].text_len);
		if ((*out)[i] == NULL) {
			*n = i;
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		}
	}
	*n = v->n;
	return 0;
}

/* A float from a JSON number, rounded once from its text; null is NaN (the
 * writer's spelling for it). */
static int
to_float(const fe_json *v, float *out)
{
	if (v->type == FE_JSON_NULL) {
		*out = NAN;
		return 0;
	}
	if (v->type != FE_JSON_NUMBER)
		return -1;
	return fe_num_parse_float(v->text, v->text_len, out) == 0 ? 0 : -1;
}

static int
get_pair(const fe_json *v, float pair[2])
{
	if (v->type != FE_JSON_ARRAY || v->n != 2)
		return -1;
	if (to_float(&v->items[0], &pair[0]) != 0 || to_float(&v->items[1], &pair[1]) != 0)
		return -1;
	return 0;
}

static int
get_u32(const fe_json *root, const char *key, uint32_t def, uint32_t *out, ferrum_error *err)
{
	const fe_json *v = fe_json_get(root, key);
	unsigned long long x = 0;
	size_t i;

	*out = def;
	if (v == NULL)
		return 0;
	if (v->type != FE_JSON_NUMBER || v->text[0] == '-')
		return bad(err, v, key, "is not a whole number");
	for (i = 0; i < v->text_len; i++) {
		char c = v->text[i];

		if (c < '0' || c > '9')
			return bad(err, v, key, "is not a whole number");
		x = x * 10 + (unsigned)(c - '0');
		if (x > UINT32_MAX)
			return bad(err, v, key, "is too large");
	}
	*out = (uint32_t)x;
	return 0;
}

static int
is_std_key(const char *k, size_t len)
{
	size_t i;

	for (i = 0; i < N_STD_KEYS; i++)
		if (strlen(std_keys[i]) == len && memcmp(std_keys[i], k, len) == 0)
			return 1;
	return 0;
}

/* Rebuild m->json from the fields. */
static int
refresh(fe_meta *m, ferrum_error *err)
{
	fe_buf b;
	char *j;

	fe_buf_init(&b);
	fe_meta_write(&b, m);
	j = fe_buf_take(&b, NULL);
	if (j == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	free(m->json);
	m->json = j;
	return 0;
}

static int
parse_root(const fe_json *root, fe_meta *m, ferrum_error *err)
{
	const fe_json *v;
	size_t i, n;
	int rc;

	if (root->type != FE_JSON_OBJECT)
		return fe_error_at(err, FERRUM_EFORMAT, (long long)root->offset,
		                   "metadata: not a JSON object");
	v = fe_json_get(root, "task");
	if (v == NULL)
		return fe_error_at(err, FERRUM_EFORMAT, 0, "metadata: missing \"task\"");
	if (v->type != FE_JSON_STRING)
		return bad(err, v, "task", "is not a string");
	if (v->text_len == 14 && memcmp(v->text, "classification", 14) == 0)
		m->task = FERRUM_TASK_CLASSIFICATION;
	else if (v->text_len == 10 && memcmp(v->text, "regression", 10) == 0)
		m->task = FERRUM_TASK_REGRESSION;
	else
		return fe_error_at(err, FERRUM_EFORMAT, (long long)v->offset,
		                   "metadata: unknown task \"%.*s\" (need \"classification\" or "
		                   "\"regression\")",
		                   (int)(v->text_len > 40 ? 40 : v->text_len), v->text);
	if ((rc = get_string(root, "dataset_name", &m->dataset_name, err)) != 0 ||
	    (rc = get_string(root, "target_name", &m->target_name, err)) != 0 ||
	    (rc = get_names(root, "feature_names", &m->feature_names, &m->n_features, err)) != 0 ||
	    (rc = get_names(root, "class_names", &m->class_names, &m->n_classes, err)) != 0 ||
	    (rc = get_u32(root, "input_dim", 0, &m->input_dim, err)) != 0 ||
	    (rc = get_u32(root, "output_dim", 1, &m->output_dim, err)) != 0)
		return rc;
	m->target_range[0] = 0.0f;
	m->target_range[1] = 1.0f;
	v = fe_json_get(root, "target_range");
	if (v != NULL && get_pair(v, m->target_range) != 0)
		return bad(err, v, "target_range", "is not [lo,hi]");
	v = fe_json_get(root, "feature_ranges");
	if (v != NULL) {
		if (v->type != FE_JSON_ARRAY)
			return bad(err, v, "feature_ranges", "is not a list of [lo,hi]");
		m->feature_ranges = fe_alloc_array(v->n, sizeof *m->feature_ranges);
		if (m->feature_ranges == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
		for (i = 0; i < v->n; i++)
			if (get_pair(&v->items[i], m->feature_ranges[i]) != 0)
				return bad(err, &v->items[i], "feature_ranges", "is not a list of [lo,hi]");
		m->n_ranges = v->n;
	}
	/* The other members, first occurrence of each key, in document order. */
	m->extra_keys = fe_calloc_array(root->n, sizeof *m->extra_keys);
	m->extra_values = fe_calloc_array(root->n, sizeof *m->extra_values);
	if (m->extra_keys == NULL || m->extra_values == NULL)
		return fe_error(err, FERRUM_ENOMEM, "out of memory");
	for (i = 0, n = 0; i < root->n; i++) {
		const char *k = root->keys[i];
		size_t kl = root->key_lens[i], j;
		fe_buf b;
		int dup = 0;

		if (is_std_key(k, kl))
			continue;
		if (memchr(k, '\0', kl) != NULL)
			return fe_error_at(err, FERRUM_EFORMAT, (long long)root->items[i].offset,
			                   "metadata: a key contains NUL");
		for (j = 0; j < n; j++)
			if (strlen(m->extra_keys[j]) == kl && memcmp(m->extra_keys[j], k, kl) == 0)
				dup = 1;
		if (dup)
			continue;
		fe_buf_init(&b);
		fe_json_put_value(&b, &root->items[i]);
		m->extra_values[n] = fe_buf_take(&b, NULL);
		m->extra_keys[n] = fe_strndup(k, kl);
		m->n_extra = ++n;
		if (m->extra_values[n - 1] == NULL || m->extra_keys[n - 1] == NULL)
			return fe_error(err, FERRUM_ENOMEM, "out of memory");
	}
	return 0;
}

int
fe_meta_parse(const char *s, size_t len, fe_meta *out, ferrum_error *err)
{
	fe_json *root;
	int rc;

	memset(out, 0, sizeof *out);
	rc = fe_json_parse(s, len, &root, err);
	if (rc != 0) {
		if (rc == FERRUM_EINPUT && err != NULL) {
			char why[sizeof err->message];

			memcpy(why, err->message, sizeof why);
			fe_error_at(err, FERRUM_EFORMAT, err->offset,
			            "metadata: not valid JSON at byte %lld: %s", err->offset, why);
		}
		return rc == FERRUM_EINPUT ? FERRUM_EFORMAT : rc;
	}
	rc = parse_root(root, out, err);
	fe_json_free(root);
	if (rc == 0)
		rc = refresh(out, err);
	if (rc != 0)
		fe_meta_free(out);
	return rc;
}

/* %.6f like the v3 writer.  JSON has no spelling for NaN and infinities:
 * NaN becomes null and the infinities 1e999 and -1e999, which both this
 * reader and the original engine's lenient scanner read back as infinite. */
static void
put_f6(fe_buf *b, float f)
{
	if (isnan(f)) {
		fe_buf_puts(b, "null");
		return;
	}
	if (isinf(f)) {
		fe_buf_puts(b, f < 0 ? "-1e999" : "1e999");
		return;
	}
	fe_num_put_fixed(b, (double)f, 6);
}

static void
put_names(fe_buf *b, char *const *v, size_t n)
{
	size_t i;

	fe_buf_putc(b, '[');
	for (i = 0; i < n; i++) {
		if (i > 0)
			fe_buf_putc(b, ',');
		fe_json_put_cstring(b, v[i]);
	}
	fe_buf_putc(b, ']');
}

void
fe_meta_write(fe_buf *b, const fe_meta *m)
{
	size_t i;

	fe_buf_puts(b, "{\"dataset_name\":");
	fe_json_put_cstring(b, m->dataset_name != NULL ? m->dataset_name : "");
	fe_buf_puts(b, m->task == FERRUM_TASK_REGRESSION ? ",\"task\":\"regression\""
	                                                 : ",\"task\":\"classification\"");
	fe_buf_puts(b, ",\"feature_names\":");
	put_names(b, m->feature_names, m->n_features);
	fe_buf_puts(b, ",\"feature_ranges\":[");
	for (i = 0; i < m->n_ranges; i++) {
		fe_buf_puts(b, i > 0 ? ",[" : "[");
		put_f6(b, m->feature_ranges[i][0]);
		fe_buf_putc(b, ',');
		put_f6(b, m->feature_ranges[i][1]);
		fe_buf_putc(b, ']');
	}
	fe_buf_puts(b, "],\"class_names\":");
	put_names(b, m->class_names, m->n_classes);
	fe_buf_puts(b, ",\"target_name\":");
	fe_json_put_cstring(b, m->target_name != NULL ? m->target_name : "");
	fe_buf_puts(b, ",\"target_range\":[");
	put_f6(b, m->target_range[0]);
	fe_buf_putc(b, ',');
	put_f6(b, m->target_range[1]);
	fe_buf_printf(b, "],\"input_dim\":%lu,\"output_dim\":%lu", (unsigned long)m->input_dim,
	              (unsigned long)m->output_dim);
	for (i = 0; i < m->n_extra; i++) {
		fe_buf_putc(b, ',');
		fe_json_put_string(b, m->extra_keys[i], strlen(m->extra_keys[i]));
		fe_buf_putc(b, ':');
		fe_buf_puts(b, m->extra_values[i]);
	}
	fe_buf_putc(b, '}');
}

int
fe_meta_set_extra(fe_meta *m, const char *key, const char *json_value)
{
	fe_json *v;
	fe_buf b;
	char *val, *k, **nk, **nv;
	size_t i;

	if (is_std_key(key, strlen(key)))
		return FERRUM_EINVAL;
	/* Store the value compactly, and only if it is JSON. */
	if (fe_json_parse(json_value, strlen(json_value), &v, NULL) != 0)
		return FERRUM_EINVAL;
	fe_buf_init(&b);
	fe_json_put_value(&b, v);
	fe_json_free(v);
	val = fe_buf_take(&b, NULL);
	if (val == NULL)
		return FERRUM_ENOMEM;
	for (i = 0; i < m->n_extra; i++) {
		if (strcmp(m->extra_keys[i], key) == 0) {
			free(m->extra_values[i]);
			m->extra_values[i] = val;
			return refresh(m, NULL);
		}
	}
	k = fe_strdup(key);
	nk = realloc(m->extra_keys, (m->n_extra + 1) * sizeof *nk);
	if (nk != NULL)
		m->extra_keys = nk;
	nv = realloc(m->extra_values, (m->n_extra + 1) * sizeof *nv);
	if (nv != NULL)
		m->extra_values = nv;
	if (k == NULL || nk == NULL || nv == NULL) {
		free(k);
		free(val);
		return FERRUM_ENOMEM;
	}
	m->extra_keys[m->n_extra] = k;
	m->extra_values[m->n_extra] = val;
	m->n_extra++;
	return refresh(m, NULL);
}

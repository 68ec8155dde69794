/* schema-model.c: a model's schema, read from its metadata.
 * SPDX-License-Identifier: MIT
 *
 * Apart from schema.c so that a program that only predicts from plain
 * numbers (the web demo's predictor) links none of the schema's code. */
#include "ferrum-internal.h"

#include <string.h>

int
ferrum_schema_from_model(const ferrum_model *m, ferrum_schema **out, ferrum_error *err)
{
	const char *text;
	fe_json *v;
	int rc;

	if (out == NULL)
		return fe_error(err, FERRUM_EINVAL, "no place for the schema");
	*out = NULL;
	if (m == NULL)
		return fe_error(err, FERRUM_EINVAL, "no model");
	text = ferrum_model_metadata_get(m, "schema");
	if (text == NULL)
		return FERRUM_OK;
	rc = fe_json_parse(text, strlen(text), &v, err);
	if (rc != FERRUM_OK) {
		/* The metadata was JSON when the model was read: only memory
		 * can fail here. */
		return rc == FERRUM_EINPUT ? fe_error(err, FERRUM_EFORMAT, "schema: not valid JSON")
		                           : rc;
	}
	rc = fe_schema_parse(v, m->meta.feature_names, m->meta.n_features, out, err);
	fe_json_free(v);
	if (rc == FERRUM_OK && (*out)->n_inputs != ferrum_model_n_features(m)) {
		ferrum_schema_free(*out);
		*out = NULL;
		rc = fe_error(err, FERRUM_EFORMAT,
		              "schema: the columns give %zu inputs but the network takes %zu",
		              m->meta.n_features, ferrum_model_n_features(m));
	}
	return rc;
}

/* schema-model.c: a model's schema, read from its metadata.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

#include <stddef.h>

int
ferrum_schema_from_model(const ferrum_model *m, ferrum_schema **out, ferrum_error *err)
{
	(void)m;
	(void)err;
	if (out != NULL)
		*out = NULL;
	return FERRUM_OK;
}

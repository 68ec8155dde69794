/* schema-model.c: a model's schema, read from its metadata.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

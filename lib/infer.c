/* infer.c: the kinds of a table's columns, inferred from their values.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

/* schema.c: column kinds and the encoding of raw rows; the "schema" member.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

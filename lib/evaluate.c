/* evaluate.c: scoring a model on labelled rows as they stream past.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"

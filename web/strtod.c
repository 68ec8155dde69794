/* strtod.c: decimal-to-binary conversion for the WebAssembly build.
 * SPDX-License-Identifier: MIT
 *
 * The wasm libc parses numbers with 128-bit long double arithmetic done in
 * software, which alone would double the module's size.  The JavaScript
 * engine already has a correctly rounded decimal parser, so these
 * definitions of strtod and strtof (found before the libc archive's at link
 * time) hand the text to it (web/strtod.js).  Both round correctly once,
 * as C requires: strtof does not round through double. */
#include <stdlib.h>

/* The value of the longest number at the start of @s (after white space);
 * *@used receives the bytes it took, 0 when there is none.  @single asks
 * for the nearest float rather than the nearest double. */
extern double ferrum_js_strtod(const char *s, int single, int *used);

static double
convert(const char *s, char **end, int single)
{
	int used = 0;
	double d = ferrum_js_strtod(s, single, &used);

	if (end != NULL)
		*end = (char *)(s + used);
	return d;
}

/* errno is not set on overflow: libferrum never looks at it (it checks
 * the grammar first and finiteness after). */
double
strtod(const char *restrict s, char **restrict end)
{
	return convert(s, end, 0);
}

float
strtof(const char *restrict s, char **restrict end)
{
	return (float)convert(s, end, 1);
}

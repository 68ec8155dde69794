/* exports.c: the few C helpers the WebAssembly build adds to the public API.
 * SPDX-License-Identifier: MIT
 *
 * Everything else JavaScript calls is a ferrum_* function of lib/ferrum.h
 * working on memory buffers; these two only spare JavaScript from knowing
 * the layout of struct ferrum_error. */
#include <stdlib.h>

#include "ferrum.h"

ferrum_error *ferrum_web_error_new(void);
const char *ferrum_web_error_message(const ferrum_error *e);
int ferrum_web_format_double(char *buf, size_t size, const char *fmt, double v);
int ferrum_web_format_int(char *buf, size_t size, const char *fmt, double v);

/* A cleared error record for one JavaScript Ferrum object.
 * Ownership: the caller releases it with ferrum_free(). */
ferrum_error *
ferrum_web_error_new(void)
{
	ferrum_error *e = malloc(sizeof *e);

	if (e != NULL)
		ferrum_error_clear(e);
	return e;
}

/* The message of @e: the library's text when set, else the status's. */
const char *
ferrum_web_error_message(const ferrum_error *e)
{
	if (e == NULL)
		return "out of memory";
	if (e->message[0] != '\0')
		return e->message;
	return ferrum_strerror(e->code);
}

/* snprintf(@buf, @size, @fmt, @v) for one double conversion in @fmt. */
int
ferrum_web_format_double(char *buf, size_t size, const char *fmt, double v)
{
	return snprintf(buf, size, fmt, v);
}

/* snprintf(@buf, @size, @fmt, (long long)@v) for one long long conversion
 * in @fmt; a double carries the integer (exact up to 2^53) because the
 * module's JavaScript interface has no 64-bit integers. */
int
ferrum_web_format_int(char *buf, size_t size, const char *fmt, double v)
{
	return snprintf(buf, size, fmt, (long long)v);
}

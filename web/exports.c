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

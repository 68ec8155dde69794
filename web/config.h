/* config.h: the configuration of the WebAssembly build of libferrum.
 * SPDX-License-Identifier: MIT
 *
 * The native config.h describes the build host, not wasm32, so the emcc
 * rule in web/local.mk puts this directory first on the include path.  The
 * library needs nothing from configure: it uses only C99 libc and libm. */
#ifndef FERRUM_WEB_CONFIG_H
#define FERRUM_WEB_CONFIG_H
#define FERRUM_WASM 1
#endif

#!/bin/sh
# 950-web-wasm.t: the WebAssembly build of the library (make web) gives the
# golden outputs bit for bit, the text of finf-predict --json, the objects of
# finf-stats --json, and printf's conversions (t/web/wasm.js).
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_testdata
[ -f "$top_builddir/web/test-env.sh" ] ||
	skip_all "web demo not configured (needs emcc and node; see configure --enable-web)"
. "$top_builddir/web/test-env.sh"
"$NODE" "$top_srcdir/t/web/wasm.js"

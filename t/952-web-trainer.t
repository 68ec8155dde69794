#!/bin/sh
# 952-web-trainer.t: the trainer module (make web) trains in node to the very
# model bytes and report of finf-train, stops on request keeping a model
# that loads, and refuses bad and oversized tables with the library's and
# the limits' messages (t/web/trainer.js).
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
[ -f "$top_builddir/web/test-env.sh" ] ||
	skip_all "web demo not configured (needs emcc and node; see configure --enable-web)"
. "$top_builddir/web/test-env.sh"
"$NODE" "$top_srcdir/t/web/trainer.js"

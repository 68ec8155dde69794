#!/bin/sh
# 954-web-encoded.t: models trained with --encode=ple and with --layers in
# headless Chromium, served and from file:// (t/web/encoded.js,
# playwright-core): in demo pages web/mksite.js builds from them and in
# train.html's "Open model", every input moved, each time the answer of
# finf-predict --json for the row the page shows.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_browser
# The web demo is configured: the modules must be there, and the tools.
for f in libferrum.js libferrum.wasm libferrum-train.js libferrum-train.wasm; do
	[ -f "$top_builddir/web/$f" ] || bail "no web/$f: make web"
done
for p in finf-train finf-predict finf-inspect; do
	[ -x "$top_builddir/bin/$p" ] || bail "no bin/$p"
done
T="$T" "$NODE" "$top_srcdir/t/web/encoded.js"

#!/bin/sh
# 953-web-train.t: the "Your data" page (train.html) in headless Chromium,
# served on 127.0.0.1 and opened from file:// (t/web/train.js,
# playwright-core): tables trained in the page give finf-train's models
# byte for byte; Stop keeps a model that loads; the golden models open.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_browser
[ -f "$top_srcdir/node_modules/axe-core/axe.min.js" ] ||
	bail "no node_modules/axe-core: run npm ci in $top_srcdir"
# The web demo is configured: the page must be there, and the tools.
[ -f "$top_builddir/web/site/train.html" ] ||
	bail "no web/site/train.html: make web"
[ -x "$top_builddir/bin/finf-train" ] || bail "no bin/finf-train"
T="$T" "$NODE" "$top_srcdir/t/web/train.js"

#!/bin/sh
# 951-web-browser.t: the built demo site in headless Chromium, served on
# 127.0.0.1 and opened from file://, at desktop and phone sizes
# (t/web/browser.js, playwright-core), with axe-core's accessibility scan.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_browser
# node_modules from before axe-core was added: an error, not a skip.
[ -f "$top_srcdir/node_modules/axe-core/axe.min.js" ] ||
	bail "no node_modules/axe-core: run npm ci in $top_srcdir"
[ -x "$top_builddir/bin/finf-predict" ] || skip_all "no bin/finf-predict"
T="$T" "$NODE" "$top_srcdir/t/web/browser.js"

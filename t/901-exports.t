#!/bin/sh
# 901-exports.t: the shared library exports only ferrum_ names, and every
# function declared in ferrum.h is exported.
. "$top_srcdir/t/lib.sh"

so=$(ls "$top_builddir"/lib/.libs/libferrum.so.* 2>/dev/null | head -1)
[ -n "$so" ] || skip_all "no shared library was built"
command -v nm >/dev/null 2>&1 || skip_all "nm is not installed"

nm -D --defined-only "$so" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort -u >"$T/exported"
is "$(grep -cv '^ferrum_' "$T/exported")" 0 "only ferrum_ symbols are exported"
grep -v '^ferrum_' "$T/exported" | head -5 | sed 's/^/# unexpected: /'

# Function names declared in the header: FERRUM_API ... name(
sed -n 's/^FERRUM_API[^(]*[ *]\(ferrum_[a-z0-9_]*\)(.*/\1/p' "$top_srcdir/lib/ferrum.h" |
	sort -u >"$T/declared"
[ -s "$T/declared" ]; is "$?" 0 "the header declares FERRUM_API functions"
comm -23 "$T/declared" "$T/exported" >"$T/missing"
is "$(wc -l <"$T/missing" | tr -d ' ')" 0 "every declared function is exported"
sed 's/^/# not exported: /' "$T/missing" | head -5
done_testing

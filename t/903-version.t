#!/bin/sh
# 903-version.t: one version.  configure.ac's AC_INIT states it; the
# header's FERRUM_VERSION_* macros, the built library, every command's
# --version and the npm metadata say the same (configure checks the files
# too: m4/ferrum-version.m4).  And the library includes no config.h: it is
# compiled for hosts configure never saw (WebAssembly).
. "${top_srcdir:-.}/t/lib.sh"

v=$(sed -n 's/^#define PACKAGE_VERSION "\(.*\)"$/\1/p' "$top_builddir/config.h")
like "$top_builddir/config.h" '^#define PACKAGE_VERSION "[0-9]+\.[0-9]+\.[0-9]+"$' \
	"configure states the version ($v)"

h="$top_srcdir/lib/ferrum.h"
hv=$(for p in MAJOR MINOR PATCH; do
	sed -n "s/^#define FERRUM_VERSION_$p \([0-9]*\)$/\1/p" "$h"
done | paste -sd. -)
is "$hv" "$v" "ferrum.h: FERRUM_VERSION_MAJOR.MINOR.PATCH"
is "$(sed -n 's/^#define FERRUM_VERSION_STRING "\(.*\)"$/\1/p' "$h")" "$v" \
	"ferrum.h: FERRUM_VERSION_STRING"
is "$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$top_srcdir/package.json")" "$v" \
	"package.json"
is "$(sed -n -e 's/^  "version": "\(.*\)",$/\1/p' \
	-e '/^    "": {$/,/^    }/s/^      "version": "\(.*\)",$/\1/p' \
	"$top_srcdir/package-lock.json" | paste -sd' ' -)" "$v $v" "package-lock.json"

for p in "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT" "$FINF_STATS"; do
	n=$(basename "$p")
	run "$p" --version
	is "$(sed -n 1p "$T/out")" "$n (ferrum) $v" "$n --version: the package version"
	is "$(sed -n 2p "$T/out" | cut -d, -f1)" "libferrum $v" "$n --version: the library's"
done

grep -l '^#[ 	]*include[ 	]*[<"]config\.h[>"]' "$top_srcdir"/lib/*.c "$top_srcdir"/lib/*.h \
	>"$T/incl" 2>/dev/null
is "$(lines "$T/incl")" 0 "no library file includes config.h"
sed 's/^/# includes config.h: /' "$T/incl"

done_testing

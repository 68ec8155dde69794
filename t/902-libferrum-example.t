#!/bin/sh
# 902-libferrum-example.t: the EXAMPLES program of libferrum(3), cut from the
# page, compiled against the library in the build tree and run on the golden
# models; its output must be the golden labels (values) and finf-predict's.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
PAGE=$top_srcdir/man/libferrum.3
LIBTOOL=$top_builddir/libtool
[ -x "$LIBTOOL" ] || skip_all "no libtool script in the build tree"
# The compiler the tree was configured with (the test environment does not
# export it).
: "${CC:=$(sed -n 's/^CC = //p' "$top_builddir/Makefile")}"
: "${CC:=cc}"
# A sanitizer build's library needs the program built the same way.
SANFLAGS="$(sed -n 's/^FERRUM_SAN_CFLAGS = //p' "$top_builddir/Makefile")"

# The first literal block after .Sh EXAMPLES, with mdoc's \e as '\'.
awk '/^\.Sh /{ ex = ($2 == "EXAMPLES") }
	ex && /^\.Bd -literal/ { inb = 1; next }
	inb && /^\.Ed/ { exit }
	inb { gsub(/\\e/, "\\"); print }' "$PAGE" >"$T/prog.c"
like "$T/prog.c" '^main\(int argc, char \*argv\[\]\)$' "the page's EXAMPLES hold a C program"
like "$T/prog.c" 'ferrum_rowreader_next' "the example reads rows with the row reader"

# Strict flags: the printed program should be clean C99.
# shellcheck disable=SC2086
run "$LIBTOOL" --mode=link $CC $SANFLAGS -std=c99 -Wall -Wextra -Werror -I"$top_srcdir/lib" \
	-o "$T/prog" "$T/prog.c" "$top_builddir/lib/libferrum.la"
is_status 0 "the example compiles and links against lib/libferrum.la without warnings"
if [ "$status" -ne 0 ]; then
	sed 's/^/#   /' "$T/err" | head -20
	done_testing
	exit 1
fi
PROG=$T/prog
TD=$TESTDATA

# Classifiers: one label per input row, as in expected.json and as
# finf-predict --json says.
for name in iris penguins wine; do
	[ -f "$TD/$name.bin" ] || { skip 3 "no $name.bin"; continue; }
	run "$PROG" "$TD/$name.bin" <"$TD/$name.inputs.csv"
	is_status 0 "$name: the example runs"
	cp "$T/out" "$T/got"
	jq -r '.rows[].label' "$TD/$name.expected.json" >"$T/want"
	golden same_file "$T/got" "$T/want" "$name: labels of expected.json"
	"$FINF_PREDICT" --json "$TD/$name.bin" "$TD/$name.inputs.csv" | jq -r .label >"$T/want"
	same_file "$T/got" "$T/want" "$name: labels of finf-predict --json"
done

# A regressor: the value as a float is the golden prediction, bit for bit,
# and the text is finf-predict's.
run "$PROG" "$TD/housing.bin" <"$TD/housing.inputs.csv"
is_status 0 "housing: the example runs"
cp "$T/out" "$T/got"
jq -r '.rows[].prediction_bits' "$TD/housing.expected.json" >"$T/want"
python3 -c '
import struct, sys
for s in sys.stdin:
    print("0x%08x" % struct.unpack("<I", struct.pack("<f", float(s)))[0])
' <"$T/got" >"$T/bits"
golden same_file "$T/bits" "$T/want" "housing: values are expected.json's prediction_bits"
"$FINF_PREDICT" "$TD/housing.bin" "$TD/housing.inputs.csv" | sed 1d >"$T/want"
same_file "$T/got" "$T/want" "housing: values as finf-predict prints them"

# JSON Lines on stdin: the same label as the CSV row.
sed -n 2p "$TD/iris.inputs.csv" |
	awk -F, '{ printf "[%s,%s,%s,%s]\n", $1, $2, $3, $4 }' >"$T/row.jsonl"
run "$PROG" "$TD/iris.bin" <"$T/row.jsonl"
golden is "$(cat "$T/out")" "$(jq -r '.rows[0].label' "$TD/iris.expected.json")" \
	"a JSON Lines array row gets expected.json's first label"

# A bad row is reported with its line and skipped; the rows around it are
# still predicted; the exit status says something went wrong.
{ sed -n 1,2p "$TD/iris.inputs.csv"; echo '1,2,3,abc'; sed -n 3p "$TD/iris.inputs.csv"; } >"$T/bad.csv"
run "$PROG" "$TD/iris.bin" <"$T/bad.csv"
is_status 1 "a bad row"
is "$(cat "$T/err")" "<stdin>:3: field 4: 'abc' is not a number" "the bad row's message names line and field"
jq -r '.rows[0].label, .rows[1].label' "$TD/iris.expected.json" >"$T/want"
golden same_file "$T/out" "$T/want" "the good rows around it are still predicted"

# A model that is not FINF, and a missing operand.
run "$PROG" "$TD/bad_magic.bin" </dev/null
is_status 1 "a bad model"
like "$T/err" "bad_magic.bin: " "the bad model is named"
run "$PROG"
is_status 2 "no operand"

# The compile line the page gives.
like "$PAGE" '^\.Ql cc prog\.c \$\(pkg-config --cflags --libs libferrum\)$' \
	"the page shows the pkg-config compile line"
done_testing

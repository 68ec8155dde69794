#!/bin/sh
# 930-man-predict.t: the EXAMPLES of finf-predict(1), run as printed in a
# directory holding the golden models and datasets; each output is checked
# against the page and against the golden expected.json where it applies.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
PAGE=$top_srcdir/man/finf-predict.1
BIN=$(cd "$top_builddir/bin" && pwd) || exit 99
PATH=$BIN:$PATH
export PATH
mkdir "$T/ex" && cp "$TESTDATA"/*.bin "$TESTDATA"/*.inputs.csv \
	"$DATASETS/iris.csv" "$T/ex/" || exit 99
cd "$T/ex" || exit 99

# block N: the output lines of the page's Nth literal block (the lines
# after the first command and its continuation lines), with \e as '\'.
block() {
	awk -v n="$1" '
		/^\.Bd -literal/ { b++; inb = (b == n); cmd = 0; next }
		/^\.Ed/ { inb = 0; next }
		inb && /^\$ / { cmd = 1; cont = /[|\\]$/ || /\\e$/; next }
		inb && cmd && cont { cont = /[|]$/ || /\\e$/; next }
		inb { gsub(/\\e/, "\\"); print }' "$PAGE"
}

# Example 1.
finf-predict iris.bin iris.inputs.csv >ex1 2>&1
block 1 >page1
golden same_file ex1 page1 "example 1 prints what the page shows"
{ echo label,confidence
  jq -r '.rows[] | "\(.label),\(.output[.argmax])"' "$TESTDATA/iris.expected.json"; } >want1
golden same_file ex1 want1 "example 1: labels and probabilities of expected.json"

# Example 2.
finf-predict -k iris.bin iris.csv | awk -F, 'NR > 1 && $5 != $6' >ex2 2>&1
block 2 >page2
golden same_file ex2 page2 "example 2 prints what the page shows"
n=$(finf-predict -k --json iris.bin iris.csv | jq -s '[.[] | select(.input.species != .label)] | length')
is "$(lines ex2)" "$n" "example 2: as many rows as jq counts misses"

# Example 3.
finf-predict --json housing.bin housing.inputs.csv | jq -c '[.value, .value_norm]' >ex3 2>&1
block 3 >page3
golden same_file ex3 page3 "example 3 prints what the page shows"
jq -c '.rows[] | [.prediction, .output[0]]' "$TESTDATA/housing.expected.json" >want3
golden same_file ex3 want3 "example 3: prediction and output of expected.json"

# Example 4.
echo '{"sepal_length":6.3,"sepal_width":2.9,"petal_length":5.6,"petal_width":1.8}' |
	finf-predict --json iris.bin | jq -r .label >ex4 2>&1
block 4 >page4
same_file ex4 page4 "example 4 prints what the page shows"
is "$(grep -c '^6.3,2.9,5.6,1.8,Iris-virginica' iris.csv)" 1 "example 4: the dataset's own label"

# Example 5: the page shows the file, then the run with its messages.
awk '/^\$ cat rows.csv/ { p = 1; next } /^\$ / { p = 0 } p' "$PAGE" >rows.csv
is "$(lines rows.csv)" 4 "example 5: rows.csv from the page"
status=0
finf-predict --skip-bad iris.bin rows.csv >ex5 2>&1 || status=$?
is "$status" 1 "example 5: exit status 1, as the page says"
awk '/^\$ finf-predict --skip-bad/ { p = 1; next } /^\$ / { p = 0 } p' "$PAGE" >page5
golden same_file ex5 page5 "example 5 prints what the page shows, messages in place"
is "$(awk '/^\$ echo \$\?/ { getline; print }' "$PAGE")" 1 "example 5: the page's status"

# Example 6.
if command -v parallel >/dev/null 2>&1; then
	HOME=$T
	export HOME
	cut -d, -f1-8 "$DATASETS/housing.csv" >one.csv
	{ cat one.csv; tail -n +2 one.csv; tail -n +2 one.csv; } >big.csv
	parallel --will-cite --pipe --header 1 -k finf-predict housing.bin \
		< big.csv > predictions.csv
	is "$?" 0 "example 6 runs"
	finf-predict housing.bin big.csv >want6
	same_file predictions.csv want6 "example 6: the same bytes as one process"
else
	skip 2 "GNU parallel is not installed"
fi
# Examples 7 and 8: --evaluate on a labelled file.
finf-predict --evaluate iris.bin iris.csv >ex7 2>&1
block 7 >page7
golden same_file ex7 page7 "example 7 prints what the page shows"
like ex7 '^accuracy +[0-9.]+%$' "example 7: an accuracy"
finf-predict --evaluate --report=json iris.bin iris.csv | jq -c .metrics >ex8 2>&1
block 8 >page8
golden same_file ex8 page8 "example 8 prints what the page shows"
n=$(finf-predict -k --json iris.bin iris.csv | jq -s '[.[] | select(.input.species == .label)] | length')
is "$(jq -r ".accuracy * $(($(lines iris.csv) - 1)) | round" ex8)" "$n" "example 8: the accuracy counts the right answers"
done_testing

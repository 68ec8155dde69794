#!/bin/sh
# 322-decimal-comma.t: numbers written with a decimal comma ("2,5"), as
# R's write.csv2 and spreadsheets in many languages write them, in input
# separated by semicolons, tabs or spaces.  finf-train reads them as
# numbers when no number in the file has a decimal point, says so in the
# model's schema ("decimal":","), and finf-predict, finf-stats and
# --describe read the model's rows the same way; the same table written
# with points trains the same network.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT" "$FINF_STATS"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
cd "$T" || exit 99

# rows SEP: 80 rows of a, b (both with fractions), a weight and a class
# that follows a and b, with points; comma() turns their points into
# commas.
rows() {
	awk -v sep="$1" 'BEGIN {
		print "a" sep "b" sep "w" sep "y"
		for (i = 1; i <= 80; i++) {
			a = (i % 9) / 4 - 1; b = ((i * 7) % 13) / 8
			printf "%.2f%s%.3f%s%d%s%s\n", a, sep, b, sep, 50 + i % 11, sep, (a + b > 1 ? "high" : "low")
		}
	}'
}
comma() { sed 's/\([0-9]\)\.\([0-9]\)/\1,\2/g'; }
schema() { "$FINF_INSPECT" --json "$1" | jq -c "$2"; }

rows ';' >point.csv
rows ';' | comma >comma.csv
run "$FINF_TRAIN" -o comma.finf comma.csv
is_status 0 "semicolons and decimal commas train"
like "$T/err" "^  a +\\(1\\) +numeric" "a is a numeric column"
like "$T/err" "^  b +\\(2\\) +numeric" "so is b"
like "$T/err" "80 rows, 3 features" "every row; the header is found"
is "$(schema comma.finf .metadata.schema.decimal)" '","' "the schema says the numbers have decimal commas"
is "$(schema comma.finf '.metadata.schema.columns[0].max')" 1 "a's largest value is 1 (1,00)"
"$FINF_TRAIN" -q -o point.finf point.csv
is "$(schema point.finf .metadata.schema.decimal)" null "with points the schema says nothing"
"$FINF_INSPECT" --json point.finf | jq -c '.layers' >point.layers
"$FINF_INSPECT" --json comma.finf | jq -c '.layers' >comma.layers
same_file comma.layers point.layers "the same table with points trains the same network"

run "$FINF_PREDICT" comma.finf comma.csv
is_status 0 "finf-predict reads the decimal commas back"
is "$(lines "$T/out")" 81 "a header line and 80 predictions"
"$FINF_PREDICT" point.finf point.csv >point.out
same_file "$T/out" point.out "and answers as the model of the points does"
run "$FINF_PREDICT" comma.finf point.csv
is_status 0 "a decimal-comma model takes numbers with points too"
same_file "$T/out" point.out "with the same answers"
run "$FINF_PREDICT" point.finf comma.csv
is_status 1 "a model of points refuses decimal commas"
like "$T/err" "^finf-predict: comma.csv:2: column 'a' \\(1\\): '[-0-9]+,[0-9]+' is not a number" "one line names the cell"
run "$FINF_STATS" --evaluate comma.finf comma.csv
is_status 0 "finf-stats --evaluate reads them"
run "$FINF_STATS" --describe comma.csv
is_status 0 "--describe reads them"
like "$T/out" "^a \\(numeric\\): count 80, missing 0" "and finds a numeric"

# Where a decimal point appears, commas are not decimals: "2,5" stays
# text, and with commas between the fields a comma is never a decimal.
{ rows ';' | comma; echo '0.50;1,000;55;high'; } >mixed.csv
run "$FINF_TRAIN" -o mixed.finf mixed.csv
is_status 0 "a file with a decimal point as well trains"
like "$T/err" "^  a +\\(1\\) +categorical" "its decimal commas stay text"
is "$(schema mixed.finf .metadata.schema.decimal)" null "and the schema says nothing"
{ echo 'a,b,w,y'; rows ';' | sed 1d | comma | awk -F';' '{ printf "\"%s\",\"%s\",%s,%s\n", $1, $2, $3, $4 }'; } >quoted.csv
run "$FINF_TRAIN" -o quoted.finf quoted.csv
is_status 0 "quoted decimal commas between commas train"
like "$T/err" "^  a +\\(1\\) +categorical" "and stay text"

done_testing

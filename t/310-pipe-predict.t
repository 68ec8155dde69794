#!/bin/sh
# 310-pipe-predict.t: finf-predict and finf-stats in pipelines with jq, sort
# and awk on the real datasets; each result is checked against the same fact
# derived another way.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
cd "$T" || exit 99
TD=$TESTDATA
D=$DATASETS

# to FILE WHAT CMD...: run CMD with its output in FILE and assert that it
# succeeded, so that the pipelines below never read the empty output of a
# failed command as a result.
to() {
	_f=$1 _w=$2
	shift 2
	"$@" >"$_f"
	is "$?" 0 "$_w: exit 0"
}

# finf-predict --json | jq: the class counts equal those of the CSV output
# counted by awk.
to iris.json "finf-predict --json" "$FINF_PREDICT" --json "$TD/iris.bin" "$D/iris.csv"
to iris.out finf-predict "$FINF_PREDICT" "$TD/iris.bin" "$D/iris.csv"
jq -r .label iris.json | sort | uniq -c >got
awk -F, 'NR > 1 { print $1 }' iris.out | sort | uniq -c >want
same_file got want "--json | jq: class counts as in the CSV output"
is "$(awk '{ n += $1 } END { print n }' got)" 150 "every row predicted"

# finf-predict -k | awk: accuracy against the kept label column, and the
# same count from the --keep --json objects with jq.
to kept.csv "finf-predict -k" "$FINF_PREDICT" -k "$TD/iris.bin" "$D/iris.csv"
a=$(awk -F, 'NR > 1 && $5 == $6 { c++ } END { print c + 0 }' kept.csv)
to kept.json "finf-predict -k --json" "$FINF_PREDICT" -k --json "$TD/iris.bin" "$D/iris.csv"
b=$(jq -s '[.[] | select(.input.species == .label)] | length' kept.json)
is "$a" "$b" "-k | awk and -k --json | jq agree on the hits ($a of 150)"
check "the golden iris model is right on more than 140 of 150 rows" [ "$a" -gt 140 ]

# finf-predict -k | sort: the least confident rows come first.
tail -n +2 kept.csv | sort -t, -k7,7g | head -n 3 >got
tail -n +2 kept.csv | awk -F, '{ print $7 "\t" $0 }' | sort -g | head -n 3 | cut -f2- >want
same_file got want "-k | sort -g on confidence"

# A regressor's -k output: the mean absolute error from awk equals jq's.
to h.csv "finf-predict -k, housing" "$FINF_PREDICT" -k "$TD/housing.bin" "$D/housing.csv"
m1=$(awk -F, 'NR > 1 { d = $9 - $10; s += (d < 0 ? -d : d); n++ } END { printf "%.0f", s / n }' h.csv)
to h.json "finf-predict -k --json, housing" \
	"$FINF_PREDICT" -k --json "$TD/housing.bin" "$D/housing.csv"
m2=$(jq -s '[.[] | (.input.median_house_value - .value) | fabs] | add / length | round' h.json)
is "$m1" "$m2" "housing: mean absolute error through awk and through jq ($m1)"

# finf-stats --json | jq: the badges equal those awk derives from the
# probabilities of finf-predict --probabilities and the documented cuts.
to wine.out "finf-predict --probabilities" \
	"$FINF_PREDICT" --probabilities "$TD/wine.bin" "$D/wine.csv"
awk -F, 'NR > 1 {
	h = 0; c = NF - 2
	for (i = 3; i <= NF; i++) if ($i > 0) h -= $i * log($i)
	u = h / log(c)
	print (u < 0.1 ? "Certain" : u < 0.4 ? "Confident" : u < 0.8 ? "Uncertain" : "Toss-up") }' wine.out >want
to wine.json "finf-stats --json" "$FINF_STATS" --json "$TD/wine.bin" "$D/wine.csv"
jq -r .report.badge wine.json >got
same_file got want "finf-stats --json | jq: badges as awk derives them"
is "$(lines got)" "$(($(lines "$D/wine.csv") - 1))" "one object per wine row"

# finf-stats --json | jq: the rows with unfamiliar inputs, counted two ways.
head -n 3001 "$D/housing.csv" >h3k.csv
to h3k.json "finf-stats --json, housing" "$FINF_STATS" --json "$TD/housing.bin" h3k.csv
n1=$(jq -s '[.[] | select(.unfamiliar > 0)] | length' h3k.json)
n2=$(jq -c '.features' h3k.json |
	jq -s '[.[] | select([.[] | select((.z | fabs) > 3 or .out_of_range)] | length > 0)] | length')
is "$n1" "$n2" "unfamiliar rows: $n1"
done_testing

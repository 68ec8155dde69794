#!/bin/sh
# 228-train-effort.t: finf-train --effort: its usage errors; normal is no
# change at all; high by task and size: a small classifier gets ten
# ensemble members (what --members=10 trains), a table of 1000 rows or
# more the numeric columns encoded (ple:8) and, below 5000 rows, a second
# hidden layer (160,80); a small regression ple:4, 320 hidden units and
# ten members; high says so in the report and the metadata, and leaves
# what --encode, -H, --layers and --members give.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
IRIS="$top_srcdir/examples/iris.csv"
cd "$T" || exit 99

# A table of N rows: two numeric columns, a category, a class.
table() {
	awk -v n="$1" 'BEGIN { print "a,b,color,label"
		for (i = 1; i <= n; i++) {
			a = (i * 37) % 1009 / 10; b = (i * 11) % 97
			c = (i % 3 == 0 ? "red" : (i % 3 == 1 ? "green" : "blue"))
			printf "%s,%d,%s,%s\n", a, b, c, (a > 50 && b < 60) || c == "red" ? "yes" : "no" } }'
}
table 1000 >t1000.csv
table 999 >t999.csv
table 5000 >t5000.csv

# Usage errors: one line and the pointer to --help, exit 2, no model.
usage_error() {
	_d=$1; _m=$2; shift 2
	train_usage_error "$_d" "$_m" u.finf "$@"
}
for bad in '' max HIGH 'high,'; do
	usage_error "--effort='$bad'" "finf-train: --effort: '$bad' is not normal or high" \
		--effort="$bad" -o u.finf "$IRIS"
done
usage_error "--recipe=ferrum --effort=high" \
	"finf-train: --effort=high: the ferrum recipe has no effort setting" \
	--recipe=ferrum --effort=high -o u.finf "$IRIS"
"$FINF_TRAIN" --help >help.txt
check "--help lists --effort" grep -q -- '--effort=LEVEL' help.txt

# normal: the bytes of no option.
"$FINF_TRAIN" -q -e 20 -o n0.finf "$IRIS"
"$FINF_TRAIN" -q -e 20 --effort=normal -o n1.finf "$IRIS"
same_file n0.finf n1.finf "--effort=normal is no option at all"
"$FINF_TRAIN" -q -e 2 -o n2.finf t1000.csv
"$FINF_TRAIN" -q -e 2 --effort=high --effort=normal -o n3.finf t1000.csv
same_file n2.finf n3.finf "the last --effort wins"

# high on a small classifier: ten members of the same width; the report
# says so, and the model predicts as --members=10's.
run "$FINF_TRAIN" -e 20 --effort=high -o h0.finf "$IRIS"
is_status 0 "--effort=high on iris"
check "the text report says high chose ten members" \
	grep -q '^effort high: 10 ensemble members, one hidden layer; about normal.s CPU time: the same width, split finer$' err
"$FINF_TRAIN" -q -e 20 --members=10 -o m10.finf "$IRIS"
"$FINF_PREDICT" n0.finf "$IRIS" >p0.txt
"$FINF_PREDICT" h0.finf "$IRIS" >p1.txt
"$FINF_PREDICT" m10.finf "$IRIS" >p10.txt
check "normal predicts" test -s p0.txt
same_file p10.txt p1.txt "high on 150 rows: --members=10's predictions"
check "high on 150 rows: not normal's model" sh -c '! cmp -s n0.finf h0.finf'
is "$("$FINF_INSPECT" --json h0.finf | jq -c '.metadata.effort')" '"high"' \
	"the metadata says \"effort\":\"high\""
is "$("$FINF_INSPECT" --json n0.finf | jq -c '.metadata.effort')" 'null' \
	"normal's metadata has no effort"
"$FINF_TRAIN" -q -e 2 --effort=high --report=json -o h1.finf t999.csv >r999.json
is "$(jq -c '.effort' r999.json)" '{"level":"high","chose":true,"encode_bins":0,"members":10}' \
	"999 rows: the JSON report says ten members, no encoding"
# --members given: nothing left for high on a small classifier.
"$FINF_TRAIN" -q -e 2 --effort=high --members=3 --report=json -o h4.finf t999.csv >r4.json
is "$(jq -c '.effort' r4.json)" '{"level":"high","chose":false,"encode_bins":0,"members":3}' \
	"--members=3: kept, nothing chosen"
run "$FINF_TRAIN" -e 2 --effort=high --members=3 -o h4.finf t999.csv
check "the text report says the options set it" \
	grep -q '^effort high: nothing richer chosen (the options set it), trained as normal$' err

# high on a small regression: ple:4, 320 hidden units, ten members.
awk 'BEGIN { print "a,b,y"; for (i = 1; i <= 300; i++) {
	a = (i * 37) % 101 / 10; b = (i * 11) % 97
	printf "%s,%d,%s\n", a, b, a * a - b / 10 } }' >reg.csv
run "$FINF_TRAIN" -e 2 --effort=high --report=json -o r1.finf reg.csv
is_status 0 "--effort=high on a regression"
is "$(jq -c '.effort' out)" '{"level":"high","chose":true,"encode_bins":4,"members":10}' \
	"a small regression: ple:4, ten members"
is "$("$FINF_INSPECT" --json r1.finf | jq -c '.layers[0].out')" 320 \
	"a small regression: 320 hidden units"
"$FINF_TRAIN" -q -e 2 --encode=ple:4 -H 320 --members=10 -o r2.finf reg.csv
"$FINF_PREDICT" r1.finf reg.csv >pr1.txt
"$FINF_PREDICT" r2.finf reg.csv >pr2.txt
same_file pr1.txt pr2.txt "a small regression: the options' model"

# high on 1000 rows: ple:8 and two layers.
run "$FINF_TRAIN" -e 2 --effort=high -o h2.finf t1000.csv
is_status 0 "--effort=high on 1000 rows"
check "the text report says what high chose and that it is slower" \
	grep -q '^effort high: numeric columns as 8 piecewise-linear inputs, the hidden layers above; about 3-4x normal.s CPU time$' err
check "the text report gives the widths" grep -q '160+80 hidden units' err
"$FINF_TRAIN" -q -e 2 --effort=high --report=json -o h3.finf t1000.csv >r1000.json
same_file h2.finf h3.finf "high: the same bytes again"
is "$(jq -c '.effort' r1000.json)" '{"level":"high","chose":true,"encode_bins":8,"members":0}' \
	"1000 rows: the JSON report says ple:8"
is "$(jq -c '.hidden' r1000.json)" '[160,80]' "1000 rows: two hidden layers"
is "$("$FINF_INSPECT" --json h2.finf | jq -c '[.metadata.effort, .metadata.hidden]')" \
	'["high",[160,80]]' "the metadata says effort high and the widths"
is "$("$FINF_INSPECT" --json h2.finf | jq -c '[.metadata.schema.columns[] | select(.encode) | .name]')" \
	'["a","b"]' "the numeric columns are encoded, the category is not"
run "$FINF_PREDICT" h2.finf t1000.csv
is_status 0 "finf-predict reads the raw rows through the encoding"

# 5000 rows: the encoding, one layer.
"$FINF_TRAIN" -q -e 1 --effort=high --report=json -o h5.finf t5000.csv >r5000.json
is "$(jq -c '[.effort.encode_bins, .hidden]' r5000.json)" '[8,null]' \
	"5000 rows: ple:8, one hidden layer"

# What the options give stays theirs.
"$FINF_TRAIN" -q -e 2 --effort=high -H 32 --report=json -o o1.finf t1000.csv >o1.json
is "$(jq -c '[.effort.chose, .effort.encode_bins, .hidden]' o1.json)" '[true,8,null]' \
	"-H 32: one layer, still encoded"
"$FINF_TRAIN" -q -e 2 --effort=high --encode=ple:4:a --layers=20,10 --report=json \
	-o o2.finf t1000.csv >o2.json
is "$(jq -c '[.effort.chose, .effort.encode_bins, .hidden]' o2.json)" '[false,4,[20,10]]' \
	"--encode and --layers given: nothing chosen"
"$FINF_TRAIN" -q -e 2 --encode=ple:4:a --layers=20,10 -o o3.finf t1000.csv
"$FINF_PREDICT" o2.finf t1000.csv >p2.txt
"$FINF_PREDICT" o3.finf t1000.csv >p3.txt
same_file p2.txt p3.txt "--encode and --layers given: their model"

done_testing

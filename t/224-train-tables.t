#!/bin/sh
# finf-train on real tables: each column rule of finf-train(1), one small file per rule.
. "${top_srcdir:-.}/t/lib.sh"

need_built "$FINF_TRAIN"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
cd "$T" || exit 99

F='-e 3 -H 4 -s 5'
# cols FILE [OPTION...]: train on FILE, print the report's columns as
# "name:kind:why-or-inputs" separated by spaces.
cols() {
	_f=$1
	shift
	# shellcheck disable=SC2086
	"$FINF_TRAIN" $F --report=json -o m.finf "$@" "$_f" >rep.json 2>cols.err &&
		jq -r '[.columns[] | "\(.name):\(.kind):\(.why // .inputs)"] | join(" ")' rep.json
}
meta() { "$FINF_INSPECT" --json "$1" | jq -c "$2"; }

# 40 rows: id counts the rows, n is numeric, c is text with three levels,
# k is constant, e is empty, name is distinct text, y is the target.
awk 'BEGIN { print "id,n,c,k,e,name,y"
	for (i = 1; i <= 40; i++)
		printf "%d,%d.5,%s,7,,person %d,%s\n", i, (i * 5) % 9, substr("abc", i % 3 + 1, 1), i,
		       (i % 2 ? "yes" : "no") }' >t.csv
is "$(cols t.csv)" \
	"id:ignored:row numbers n:numeric:1 c:categorical:3 k:ignored:constant e:ignored:empty name:ignored:distinct values y:target:null" \
	"row numbers, numeric, text, constant, empty and distinct text"
is "$(meta m.finf '.metadata.feature_names')" '["n","c=a","c=b","c=c"]' \
	"inputs: the numeric column, then one per level in byte order"
is "$(meta m.finf '.metadata | keys_unsorted | .[-1]')" '"schema"' "the schema is the last member"
is "$(meta m.finf '.metadata.schema.columns | map(.kind) | join(",")')" \
	'"ignored,numeric,categorical,ignored,ignored,ignored,target"' "the schema keeps every column"
is "$(meta m.finf '.metadata.schema.columns[2].levels')" '["a","b","c"]' "the schema keeps the levels"

# -x by name and by number; --categorical reads codes as levels.
is "$(cols t.csv -x name,3)" \
	"id:ignored:row numbers n:numeric:1 c:ignored:-x k:ignored:constant e:ignored:empty name:ignored:-x y:target:null" \
	"-x by name and by 1-based number"
awk 'BEGIN { print "x,cp,y"
	for (i = 1; i <= 20; i++) printf "%d,%s,%d\n", (i * 7) % 5, substr("3.0 1   2   10  ", (i % 4) * 4 + 1, 3), i % 2 }' >codes.csv
cols codes.csv --categorical=cp >/dev/null
is "$(meta m.finf '.metadata.schema.columns[1] | [.codes, .levels]')" '[true,["1","2","3","10"]]' \
	"--categorical on numbers: codes, written shortest, in numeric order"

# A numeric gap: an indicator input and the training rows' median.
awk 'BEGIN { print "a,b,y"
	for (i = 1; i <= 30; i++) printf "%s,%d,%s\n", (i % 5 ? (i * 3) % 11 : (i % 10 ? "NA" : "")), i % 4, (i % 3 ? "p" : "q") }' >gap.csv
is "$(cols gap.csv)" "a:numeric:2 b:numeric:1 y:target:null" "a numeric column with gaps gives two inputs"
is "$(meta m.finf '.metadata.feature_names')" '["a","a=(missing)","b"]' "the indicator follows the value"
is "$(meta m.finf '.metadata.schema.columns[0] | [.missing, .indicator, (.median | type)]')" \
	'[6,true,"number"]' "the schema records the gaps and a median"

# A categorical gap is a level of its own; rare levels fold into (other).
awk 'BEGIN { print "a,c,y"
	for (i = 1; i <= 40; i++) printf "%d,%s,%s\n", (i * 7) % 13, (i % 8 == 0 ? "" : substr("aaaabbbcc d", i % 11 + 1, 1)), (i % 2 ? "p" : "q") }' >cat.csv
cols cat.csv --max-levels=2 >/dev/null
is "$(meta m.finf '.metadata.feature_names')" '["a","c=a","c=b","c=(other)","c=(missing)"]' \
	"--max-levels=2: the two most frequent, (other), then (missing)"

# Dates become one number.
awk 'BEGIN { print "d,x,y"
	for (i = 1; i <= 20; i++) printf "2024-%02d-%02d,%d,%d\n", i % 12 + 1, i % 28 + 1, (i * 3) % 7, i % 2 }' >dates.csv
is "$(cols dates.csv)" "d:date:1 x:numeric:1 y:target:null" "ISO 8601 dates: a date column"

# A column of numbers with a stray text: an error that names it.
awk 'BEGIN { print "id2,Age,y"
	for (i = 1; i <= 30; i++) printf "%d,%s,%d\n", (i * 7) % 5, (i == 17 ? "abc" : i + 20), i % 2 }' >stray.csv
run "$FINF_TRAIN" $F -o m.finf stray.csv
is_status 1 "a stray text in a numeric column fails"
is "$(cat "$T/err")" "finf-train: stray.csv:18: column 'Age' (2): 'abc' is not a number; mark missing values with --na or ignore the column with -x" \
	"the message names the column, its number and the line"
run "$FINF_TRAIN" $F -o m.finf --na=abc stray.csv
is_status 0 "--na marks it missing"
run "$FINF_TRAIN" $F -o m.finf --na=NA stray.csv
is_status 1 "--na replaces the default markers"

# Rows whose target is missing are skipped and counted.
{ cat gap.csv; printf '1,2,\n3,4,NA\n'; } >notarget.csv
cols notarget.csv >/dev/null
is "$(jq .skipped rep.json)" 2 "rows without a target: skipped and counted"
run "$FINF_TRAIN" $F -o m.finf notarget.csv
like "$T/err" "^skipped: 2 rows whose target is missing$" "the text report says so"
printf 'a,y\n1.5,\n2.5,NA\n' >allgone.csv
run "$FINF_TRAIN" $F -o m.finf allgone.csv
is_status 1 "every target missing fails"
is "$(cat "$T/err")" "finf-train: allgone.csv: no data rows: the target column 'y' (2) is missing in all 2 rows" \
	"and says why"

# --header and --no-header override the header rule.
printf 'x,y\n1,a\n2,b\n3,a\n5,b\n' >h.csv
cols h.csv --no-header >/dev/null
is "$(jq .rows rep.json)" 5 "--no-header: the first record is data"
is "$(meta m.finf '.metadata.schema.header')" false "and the schema says there was no header"
printf '1,2,a\n3,5,b\n6,4,a\n2,8,b\n' >nh.csv
cols nh.csv --header >/dev/null
is "$(jq .rows rep.json)" 3 "--header: the first record is the header"

# Usage errors: a column that does not exist; the ferrum recipe keeps its rules.
run "$FINF_TRAIN" $F -o m.finf -x nope t.csv
is_status 2 "-x naming no column"
like "$T/err" "^finf-train: t\\.csv: --ignore: no column named 'nope'$" "the message names it"
run "$FINF_TRAIN" $F -o m.finf --categorical=y t.csv
is_status 2 "--categorical on the target"
for o in -x=n --categorical=n --na=x --max-levels=3 --header --no-header; do
	case $o in -x=n) set -- -x n ;; *) set -- "$o" ;; esac
	run "$FINF_TRAIN" --recipe=ferrum -o m.finf "$@" t.csv
	is_status 2 "--recipe=ferrum with $o"
done
"$FINF_TRAIN" --recipe=ferrum -q -e 3 -H 4 -o f.finf "${top_srcdir}/examples/iris.csv"
is "$(meta f.finf '.metadata | has("schema")')" false "the ferrum recipe writes no schema"

# JSON Lines: found by their first byte, or asked for; the same columns.
awk -F, 'NR > 1 { printf "{\"a\":%s,\"b\":%s,\"y\":\"%s\"}\n", ($1 == "" ? "null" : ($1 == "NA" ? "\"NA\"" : $1)), $2, $3 }' gap.csv >gap.jsonl
is "$(cols gap.jsonl)" "a:numeric:2 b:numeric:1 y:target:null" "JSON Lines, detected: the same columns"
is "$(meta m.finf '.metadata.schema.columns[0].missing')" 6 "JSON Lines: null and NA are gaps"
cp gap.jsonl gap.txt
is "$(cols gap.txt --input=jsonl)" "a:numeric:2 b:numeric:1 y:target:null" "--input=jsonl"
run "$FINF_TRAIN" --recipe=ferrum -o m.finf --input=jsonl gap.jsonl
is_status 2 "--input=jsonl with the ferrum recipe"

# Delimiters: detected, or given.
tr , ';' <gap.csv >semi.csv
is "$(cols semi.csv)" "a:numeric:2 b:numeric:1 y:target:null" "a semicolon-separated file, detected"
is "$(cols semi.csv -d ';')" "a:numeric:2 b:numeric:1 y:target:null" "-d ';'"

# Nothing left to learn from: the message says which columns went and why.
printf 'id,k,y\n1,5,a\n2,5,b\n3,5,a\n' >none.csv
run "$FINF_TRAIN" $F -o m.finf none.csv
is_status 1 "every feature column left out"
is "$(cat "$T/err")" "finf-train: none.csv: no feature columns: every column but the target is left out: 'id' (row numbers), 'k' (constant)" \
	"the message lists them with why"

# Too few held-out rows: said, not scored.
printf 'a,y\n1.5,p\n2.5,q\n3.5,p\n4.5,q\n5.5,p\n' >tiny.csv
run "$FINF_TRAIN" $F -o m.finf tiny.csv
is_status 0 "a tiny table trains"
like "$T/err" "^held-out figures left out: 1 row is too few to score" "the report says the held-out part is too small"
like "$T/err" "^accuracy +- +" "and shows no held-out accuracy"
run "$FINF_TRAIN" $F --report=json -o m.finf tiny.csv
is "$(jq .holdout_too_few "$T/out")" true "the JSON report marks it"

# The default missing-value markers include spreadsheets' #N/A,
# databases' NULL, Python's nan and n/a: a numeric column with many of
# them is numeric with gaps, not text; None stays a level.
for na in '#N/A' NULL nan n/a; do
	awk -v na="$na" 'BEGIN { print "a,c,y"
		for (i = 1; i <= 40; i++)
			printf "%s,%s,%s\n", (i % 4 ? (i * 3) % 17 : na), (i % 5 ? "x" : "None"), (i % 2 ? "p" : "q") }' >na.csv
	is "$(cols na.csv)" "a:numeric:2 c:categorical:2 y:target:null" \
		"$na in a numeric column: a gap (the value and its indicator); None is a level"
done

done_testing

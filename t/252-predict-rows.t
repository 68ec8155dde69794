#!/bin/sh
# 252-predict-rows.t: how finf-predict reads rows: header by name in any
# order with extra columns, positional input, JSON Lines in both shapes,
# --input, --keep, --probabilities, and every bad-row path with --skip-bad.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
M=$TESTDATA/iris.bin
IN=$TESTDATA/iris.inputs.csv
cd "$T" || exit 99

"$FINF_PREDICT" "$M" "$IN" >base.out || exit 99
"$FINF_PREDICT" --json "$M" "$IN" >base.jsonl || exit 99
tail -n +2 base.out >base.rows

# Columns shuffled, an extra text column in the middle: the same answers.
awk -F, 'BEGIN { OFS = "," } { print $4, (NR == 1 ? "note" : "n" NR), $2, $1, $3 }' "$IN" >shuffled.csv
run "$FINF_PREDICT" "$M" shuffled.csv
is_status 0 "shuffled columns"
same_file out base.out "matched by name, extra column ignored"

# A missing feature is named; nothing is written.
cut -d, -f1,2,4 "$IN" >missing.csv
run "$FINF_PREDICT" "$M" missing.csv
is_status 1 "missing feature"
is "$(cat err)" "finf-predict: missing.csv:1: missing feature 'petal_length'" "missing feature: message"
is "$(wc -c <out | tr -d ' ')" 0 "missing feature: no output"

# No header: by position.
tail -n +2 "$IN" >noheader.csv
run "$FINF_PREDICT" "$M" noheader.csv
is_status 0 "positional"
same_file out base.out "positional: same answers"
cut -d, -f1-3 noheader.csv >three.csv
run "$FINF_PREDICT" "$M" three.csv
is_status 1 "positional, wrong width"
is "$(cat err)" "finf-predict: three.csv:1: expected 4 fields, got 3: is this the data the model was trained on?" "positional width: message"

# A headerless file of another kind (a label in the first row): said so.
tail -n +2 "$IN" | sed 's/$/,Iris-setosa/' >labelled.csv
run "$FINF_PREDICT" "$M" labelled.csv
is_status 1 "labelled rows without a header"
is "$(cat err)" "finf-predict: labelled.csv:1: the first row names none of the model's features ('sepal_length', ...) and is not 4 numbers: is this the data the model was trained on?" "labelled rows: message"

# JSON Lines: objects (keys in any order, extra keys) and arrays.
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
	{ printf "{\"extra\":\"x\""; for (i = NF; i >= 1; i--) printf ",\"%s\":%s", h[i], $i; print "}" }' \
	"$IN" >objects.jsonl
awk -F, 'NR > 1 { printf "["; for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? "," : ""), $i; print "]" }' \
	"$IN" >arrays.jsonl
run "$FINF_PREDICT" "$M" objects.jsonl
is_status 0 "JSON objects"
same_file out base.out "JSON objects: same answers"
run "$FINF_PREDICT" "$M" arrays.jsonl
is_status 0 "JSON arrays"
same_file out base.out "JSON arrays: same answers"
run "$FINF_PREDICT" --json "$M" - <arrays.jsonl
is_status 0 "JSON in, JSON out"
same_file out base.jsonl "JSON in, JSON out: same objects"
run "$FINF_PREDICT" --input=jsonl "$M" arrays.jsonl
is_status 0 "--input=jsonl"
same_file out base.out "--input=jsonl: same answers"
run "$FINF_PREDICT" --input=csv "$M" arrays.jsonl
is_status 1 "--input=csv on JSON Lines"
like err "^finf-predict: arrays\.jsonl:1: " "--input=csv: a CSV error"
run "$FINF_PREDICT" --input=jsonl "$M" "$IN"
is_status 1 "--input=jsonl on CSV"
like err "^finf-predict: .*iris\.inputs\.csv:1: " "--input=jsonl: a JSON error on line 1"
run "$FINF_PREDICT" --input=csv "$M" "$IN"
same_file out base.out "--input=csv on CSV"

# --keep: the raw input (header too) in front.
run "$FINF_PREDICT" -k "$M" "$IN"
is_status 0 "--keep"
paste -d, "$IN" base.out >want
same_file out want "--keep: input fields, then the prediction"
run "$FINF_PREDICT" --keep "$M" shuffled.csv
paste -d, shuffled.csv base.out >want
same_file out want "--keep passes extra columns through"
printf 'a,b,"c, d",e,f\n' >/dev/null
printf 'sepal_length,sepal_width,petal_length,petal_width,"note, quoted"\n5.1,3.5,1.4,0.2,"x ""y"", z"\n' >quoted.csv
run "$FINF_PREDICT" -k "$M" quoted.csv
sed -n 2p base.out >first
{ printf 'sepal_length,sepal_width,petal_length,petal_width,"note, quoted",label,confidence\n'
  printf '5.1,3.5,1.4,0.2,"x ""y"", z",%s\n' "$(cat first)"; } >want
same_file out want "--keep keeps quoted fields as they were"
run "$FINF_PREDICT" -k "$M" noheader.csv
{ echo "sepal_length,sepal_width,petal_length,petal_width,label,confidence"
  paste -d, noheader.csv base.rows; } >want
same_file out want "--keep without a header: feature names head the kept columns"
run "$FINF_PREDICT" -k --json "$M" "$IN"
is_status 0 "--keep --json"
if command -v jq >/dev/null 2>&1; then
	jq -c '.input' out >got
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
		{ printf "{"; for (i = 1; i <= NF; i++) printf "%s\"%s\":%s", (i > 1 ? "," : ""), h[i], $i; print "}" }' \
		"$IN" | jq -c . >want
	same_file got want "--keep --json: the row as \"input\""
	jq -c 'del(.input)' out >got
	same_file got base.jsonl "--keep --json: then the prediction members"
	run "$FINF_PREDICT" -k --json "$M" objects.jsonl
	sed 's/^{"input":\(.*\),"type":"classification",.*/\1/' out >got
	same_file got objects.jsonl "--keep --json on JSON Lines: the line verbatim"
else
	skip 3 "jq is not installed"
fi

# --probabilities: one column per class, equal to the JSON probabilities.
run "$FINF_PREDICT" --probabilities "$M" "$IN"
is_status 0 "--probabilities"
is "$(head -n 1 out)" "label,confidence,p_Iris-setosa,p_Iris-versicolor,p_Iris-virginica" \
	"--probabilities: header"
if command -v jq >/dev/null 2>&1; then
	jq -r '[.label, .confidence] + .probabilities | map(tostring) | join(",")' base.jsonl >want
	tail -n +2 out >got
	same_file got want "--probabilities: the JSON values"
else
	skip 1 "jq is not installed"
fi

# Bad rows: each stops with file:line, after the rows before were written.
for case in "4.9,3.0,1.4:expected 4 fields, got 3" \
	"4.9,3.0,abc,0.2:field 3: 'abc' is not a number" \
	"4.9,NaN,1.4,0.2:field 2: 'NaN' is not a finite number" \
	"4.9,3.0,inf,0.2:field 3: 'inf' is not a finite number" \
	"1e39,3.0,1.4,0.2:field 1: '1e39' is out of range" \
	"4.9,3.0,,0.2:field 3: missing value" \
	"4.9,3.0,1.4,NA:field 4: missing value" \
	"4.9,3.0,1.4,0.2,9:expected 4 fields, got 5"; do
	row=${case%%:*} msg=${case#*:}
	{ head -n 3 "$IN"; echo "$row"; tail -n 2 "$IN"; } >bad.csv
	run "$FINF_PREDICT" "$M" bad.csv
	is_status 1 "bad row '$row'"
	is "$(cat err)" "finf-predict: bad.csv:4: $msg" "bad row '$row': message"
	head -n 3 base.out >want
	same_file out want "bad row '$row': the rows before it were written"
	run "$FINF_PREDICT" --skip-bad "$M" bad.csv
	is_status 1 "--skip-bad '$row'"
	{ head -n 3 base.out; tail -n 2 base.out; } >want
	same_file out want "--skip-bad '$row': the other rows all answered"
	printf 'finf-predict: bad.csv:4: %s\nfinf-predict: bad.csv: 1 bad row skipped\n' "$msg" >want
	same_file err want "--skip-bad '$row': reported"
done

# A CSV syntax error is fatal even with --skip-bad.
{ head -n 2 "$IN"; echo '"4.9,3.0,1.4,0.2'; tail -n 2 "$IN"; } >quote.csv
run "$FINF_PREDICT" --skip-bad "$M" quote.csv
is_status 1 "unterminated quote"
is "$(cat err)" "finf-predict: quote.csv:3: field 1: unterminated quoted field" "unterminated quote: message"
head -n 2 base.out >want
same_file out want "unterminated quote: stops after the good rows"

# JSON Lines errors.
for case in '{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4}|missing feature '"'petal_width'" \
	'[5.1,3.5,1.4]|expected 4 values, got 3' \
	'[5.1,"3.5",1.4,0.2]|value 2: expected a number' \
	'{"sepal_length":5.1,"sepal_width":null,"petal_length":1.4,"petal_width":0.2}|'"'sepal_width'"': missing value' \
	'"text"|expected a JSON object or array'; do
	row=${case%%|*} msg=${case#*|}
	{ head -n 2 arrays.jsonl; echo "$row"; tail -n 1 arrays.jsonl; } >bad.jsonl
	run "$FINF_PREDICT" "$M" bad.jsonl
	is_status 1 "bad JSON row $row"
	is "$(cat err)" "finf-predict: bad.jsonl:3: $msg" "bad JSON row $row: message"
	run "$FINF_PREDICT" --skip-bad "$M" bad.jsonl
	is_status 1 "--skip-bad JSON row $row"
	{ head -n 3 base.out; tail -n 1 base.out; } >want
	same_file out want "--skip-bad JSON row $row: the others answered"
done
{ head -n 2 arrays.jsonl; echo '{"sepal_length":'; } >broken.jsonl
run "$FINF_PREDICT" "$M" broken.jsonl
is_status 1 "broken JSON"
like err "^finf-predict: broken\.jsonl:3: " "broken JSON: line named"

# CRLF line ends and blank lines change nothing.
awk '{ printf "%s\r\n", $0; if (NR == 2) print "" }' "$IN" >crlf.csv
run "$FINF_PREDICT" "$M" crlf.csv
same_file out base.out "CRLF and a blank line"
done_testing

#!/bin/sh
# 263-stats-evaluate.t: finf-stats --evaluate, the reliability table of a
# classifier on labelled rows: a model trained here by the default recipe,
# its table against finf-predict --evaluate's figures and against the
# predictions themselves, then its errors.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
cd "$T" || exit 99
IRIS=$top_srcdir/examples/iris.csv

"$FINF_TRAIN" -q -e 30 -H 10 -o m.finf "$IRIS"
is "$?" 0 "a calibrated model to work with"

run "$FINF_STATS" --evaluate --json m.finf "$IRIS"
is_status 0 "--evaluate --json"
cp "$T/out" rel.json
is "$(lines rel.json)" 1 "one line of JSON"
"$FINF_PREDICT" --evaluate --report=json m.finf "$IRIS" >ev.json
is "$(jq -c 'del(.reliability)' rel.json)" "$(cat ev.json)" \
	"the same object as finf-predict --evaluate's, the bins added"
is "$(jq -r '.reliability | length' rel.json)" 15 "fifteen bins"
is "$(jq -r '[.reliability[].rows] | add' rel.json)" 150 "their rows add up to the rows scored"
is "$(jq -r '[.reliability[] | .low * 15 | round] == [range(15)]' rel.json)" true \
	"bins of a fifteenth, in order"
# The ECE from the bins: sum of |accuracy - confidence| * rows / rows.
is "$(jq -r '. as $o | ([.reliability[] | select(.rows > 0) | (.gap | fabs) * .rows] | add / $o.rows) - .metrics.ece | fabs < 1e-12' rel.json)" \
	true "the ECE is the bins' weighted gap"
# Each row's top probability and whether it is right, from the predictions.
"$FINF_PREDICT" -k --json m.finf "$IRIS" |
	jq -c '[(.confidence * 15 | floor | if . > 14 then 14 else . end), (if .label == .input.species then 1 else 0 end), .confidence]' |
	jq -s -c 'group_by(.[0]) | map({bin: .[0][0], rows: length, right: (map(.[1]) | add)})' >want.json
is "$(jq -c '[.reliability[] | select(.rows > 0) | {bin, rows, right: (.accuracy * .rows | round)}]' rel.json)" \
	"$(cat want.json)" "each bin's rows and right answers, from finf-predict's confidences"

run "$FINF_STATS" --evaluate m.finf "$IRIS"
is_status 0 "--evaluate"
like "$T/out" "iris\\.csv: classification, 150 rows scored against column 'species'\$" "what was scored"
like "$T/out" "^Reliability " "the table's title"
like "$T/out" "^  0\\.933-1\\.000 +[0-9]+ +0\\.[0-9]{4} +[01]\\.[0-9]{4} +[+-][01]\\.[0-9]{4}\$" "the top bin"
like "$T/out" "^ECE +0\\.[0-9]{4}\$" "the ECE"
like "$T/out" "^Brier +0\\.[0-9]{4}\$" "the Brier score"
is "$(cat "$T/err")" "" "nothing on stderr"

# Errors: one line each, exit 1; --describe with it is a usage error.
cut -d, -f1-4 "$IRIS" >width.csv
"$FINF_TRAIN" -q -e 5 -H 4 -o w.finf width.csv
run "$FINF_STATS" --evaluate w.finf width.csv
is_status 1 "a regressor"
is "$(cat "$T/err")" "finf-stats: w.finf: --evaluate needs a classifier; this model is a regressor (finf-predict --evaluate scores it)" \
	"a regressor: says so"
cut -d, -f1-4 "$IRIS" >nolabel.csv
run "$FINF_STATS" --evaluate m.finf nolabel.csv
is_status 1 "rows without the target"
is "$(cat "$T/err")" "finf-stats: nolabel.csv: no target column 'species': --evaluate needs the true values in the rows" \
	"rows without the target: says so"
head -1 "$IRIS" >empty.csv
run "$FINF_STATS" --evaluate m.finf empty.csv
is_status 1 "no rows"
is "$(cat "$T/err")" "finf-stats: empty.csv: no row to score" "no rows: says so"
run "$FINF_STATS" --evaluate --describe m.finf
is_status 2 "--evaluate --describe"
is "$(cat "$T/err")" "finf-stats: --describe and --evaluate do not go together
Try 'finf-stats --help' for more information." "--evaluate --describe: one line and the pointer to --help"
"$FINF_STATS" --help >help.txt
like help.txt "--evaluate" "--help lists --evaluate"
done_testing

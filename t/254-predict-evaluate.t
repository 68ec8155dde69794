#!/bin/sh
# 254-predict-evaluate.t: finf-predict --evaluate scores a model on rows
# that hold the true target: the text and JSON reports, the target found by
# name, as the one spare column or after the features, missing and unknown
# labels, bad rows, and the usage errors.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
M=$TESTDATA/iris.bin
R=$TESTDATA/housing.bin
cd "$T" || exit 99

# Labelled rows whose truth is the model's own answer: every row right.
"$FINF_PREDICT" "$M" "$TESTDATA/iris.inputs.csv" >answers.csv || exit 99
n=$(($(lines answers.csv) - 1))
cut -d, -f1 answers.csv | sed 1s/.*/species/ >labels
paste -d, "$TESTDATA/iris.inputs.csv" labels >right.csv
run "$FINF_PREDICT" --evaluate "$M" right.csv
is_status 0 "every row right"
is "$(sed -n 1p out)" "right.csv: classification, $n rows scored against column 'species'" "first line: the task, rows and target column"
like out '^accuracy +100\.00%$' "accuracy 100 %"
like out '^macro-F1 +1\.0000$' "macro-F1 1"
like out '^confusion \(rows: true class, columns: predicted\):$' "the confusion matrix"
is "$(wc -c <err | tr -d ' ')" 0 "nothing on stderr"

run "$FINF_PREDICT" --evaluate --report=json "$M" right.csv
is_status 0 "--report=json"
is "$(lines out)" 1 "one JSON line"
like out "^\\{\"task\":\"classification\",\"rows\":$n,\"skipped\":0,\"unknown_labels\":0,\"metrics\":\\{\"accuracy\":1,\"macro_f1\":1,\"log_loss\":" "JSON: task, rows, metrics"
like out '"classes":\["Iris-setosa","Iris-versicolor","Iris-virginica"\],"confusion":\[\[' "JSON: classes and confusion"

# One label wrong, one unknown, one missing.
awk -F, 'BEGIN { OFS = "," }
	NR == 2 { $5 = ($5 == "Iris-setosa" ? "Iris-virginica" : "Iris-setosa") }
	NR == 3 { $5 = "Iris-nova" }
	NR == 4 { $5 = "NA" }
	{ print }' right.csv >mixed.csv
run "$FINF_PREDICT" --evaluate --report=json "$M" mixed.csv
is_status 0 "wrong, unknown and missing labels"
like out "\"rows\":$((n - 2)),\"skipped\":1,\"unknown_labels\":1," "JSON: scored, skipped, unknown"
like out "\"accuracy\":0\\.[0-9]+" "accuracy below 1"
run "$FINF_PREDICT" --evaluate "$M" mixed.csv
like out '^skipped: 1 row without a true value$' "text: skipped"
like out "^not scored: 1 row with a label the model does not know \\(first: 'Iris-nova'\\)$" "text: the unknown label"

# Columns in another order: matched by name, the target the one column
# left (this model does not name its target, so an extra column leaves
# two).
awk -F, 'BEGIN { OFS = "," } { print $5, $3, $1, $4, $2 }' right.csv >shuffled.csv
run "$FINF_PREDICT" --evaluate "$M" shuffled.csv
is_status 0 "shuffled"
like out '^accuracy +100\.00%$' "shuffled: accuracy 100 %"
awk -F, 'BEGIN { OFS = "," } { print $5, "x" NR, $3, $1, $4, $2 }' right.csv >extra.csv
run "$FINF_PREDICT" --evaluate "$M" extra.csv
is_status 1 "an extra column and no target name"
like err "^finf-predict: extra\.csv: no target column: the model does not name its target, so --evaluate takes it as the one column besides the features$" "extra column: message"

# No header: the target after the features.
tail -n +2 right.csv >noheader.csv
run "$FINF_PREDICT" --evaluate "$M" noheader.csv
is_status 0 "positional, target last"
is "$(sed -n 1p out)" "noheader.csv: classification, $n rows scored against column '5'" "positional: the fifth column"
like out '^accuracy +100\.00%$' "positional: accuracy 100 %"

# JSON arrays: the target after the features.
awk -F, 'NR > 1 { printf "[%s,%s,%s,%s,\"%s\"]\n", $1, $2, $3, $4, $5 }' right.csv >rows.jsonl
run "$FINF_PREDICT" --evaluate "$M" rows.jsonl
is_status 0 "JSON arrays with the target"
like out '^accuracy +100\.00%$' "JSON arrays: accuracy 100 %"

# Rows without the target.
run "$FINF_PREDICT" --evaluate "$M" "$TESTDATA/iris.inputs.csv"
is_status 1 "no target column"
like err "^finf-predict: .*iris\\.inputs\\.csv: no target column: " "no target: message"
is "$(wc -c <out | tr -d ' ')" 0 "no target: no report"
run "$FINF_PREDICT" --evaluate "$M" /dev/null
is_status 1 "no rows"
like err '^finf-predict: /dev/null: no row to score$' "no rows: message"

# A bad row stops, or with --skip-bad is skipped and counted.
sed '3s/^[^,]*,/abc,/' right.csv >bad.csv
run "$FINF_PREDICT" --evaluate "$M" bad.csv
is_status 1 "a bad row"
like err "^finf-predict: bad\\.csv:3: field 1: 'abc' is not a number$" "bad row: message"
is "$(wc -c <out | tr -d ' ')" 0 "bad row: no report"
run "$FINF_PREDICT" --evaluate --skip-bad "$M" bad.csv
is_status 1 "--skip-bad"
is "$(sed -n 1p out)" "bad.csv: classification, $((n - 1)) rows scored against column 'species'" "--skip-bad: the other rows scored"
like err '1 bad row skipped' "--skip-bad: counted"

# Regression: the model's own answers score RMSE 0 and R2 1.
"$FINF_PREDICT" "$R" "$TESTDATA/housing.inputs.csv" | sed 1s/.*/price/ >values || exit 99
paste -d, "$TESTDATA/housing.inputs.csv" values >houses.csv
run "$FINF_PREDICT" --evaluate "$R" houses.csv
is_status 0 "regression"
like out '^RMSE +0$' "RMSE 0"
like out '^MAE +0$' "MAE 0"
like out '^R2 +1\.0000$' "R2 1"
run "$FINF_PREDICT" --evaluate --report=json "$R" houses.csv
like out '^\{"task":"regression","rows":[0-9]+,"skipped":0,"unknown_labels":0,"metrics":\{"rmse":0,"mae":0,"r2":1\}\}$' "regression JSON"
sed '2s/[^,]*$/cheap/' houses.csv >badtarget.csv
run "$FINF_PREDICT" --evaluate "$R" badtarget.csv
is_status 1 "a target that is no number"
like err "^finf-predict: badtarget\\.csv:2: 'cheap' is not a number$" "bad target: message"

# Usage.
run "$FINF_PREDICT" --report=json "$M" right.csv
is_status 2 "--report without --evaluate"
run "$FINF_PREDICT" --evaluate --json "$M" right.csv
is_status 2 "--evaluate with --json"
run "$FINF_PREDICT" --evaluate --report=xml "$M" right.csv
is_status 2 "--report=xml"
like err "^finf-predict: --report: 'xml' is not text or json$" "--report=xml: message"

done_testing

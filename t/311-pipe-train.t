#!/bin/sh
# 311-pipe-train.t: finf-train | finf-predict, the model never touching disk.
# Every stage's exit status is checked (each side of a pipe writes its own
# to a file: POSIX sh has no pipefail).
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT"
need_fixtures
cd "$T" || exit 99
D=$DATASETS

# The model saved to a file first, to compare with (training is
# deterministic).
run "$FINF_TRAIN" -q --recipe=ferrum -o saved.finf "$D/iris.csv"
is_status 0 "finf-train -o saved.finf DATA"
is "$(head -c 4 saved.finf)" FINF "a model was written"

{ "$FINF_TRAIN" -q --recipe=ferrum "$D/iris.csv"; echo $? >train.st; } |
	{ "$FINF_PREDICT" -k - "$D/iris.csv" >kept.csv; echo $? >predict.st; }
is "$(cat train.st)" 0 "finf-train | ...: finf-train exits 0"
is "$(cat predict.st)" 0 "... | finf-predict -k - DATA: finf-predict exits 0"
is "$(lines kept.csv)" 151 "a header and 150 answers"
hits=$(awk -F, 'NR > 1 && $5 == $6 { c++ } END { print c + 0 }' kept.csv)
check "the fresh model is right on more than 140 of 150 training rows ($hits)" [ "$hits" -gt 140 ]
run "$FINF_PREDICT" -k saved.finf "$D/iris.csv"
is_status 0 "finf-predict -k with the saved model"
same_file kept.csv "$T/out" "the piped model answers as the saved one"

{ "$FINF_TRAIN" -q --recipe=ferrum "$D/mpg.csv"; echo $? >train.st; } |
	{ "$FINF_PREDICT" --json - "$D/mpg.csv" >mpg.jsonl; echo $? >predict.st; }
is "$(cat train.st)" 0 "finf-train | ... for a regressor: finf-train exits 0"
is "$(cat predict.st)" 0 "... | finf-predict --json -: finf-predict exits 0"
if command -v jq >/dev/null 2>&1; then
	is "$(jq -r .type mpg.jsonl | sort -u)" regression "regression objects"
else
	skip 1 "jq is not installed"
fi
is "$(lines mpg.jsonl)" "$(($(lines "$D/mpg.csv") - 1))" "one object per row"
# JSON both ways: finf-predict --json -k output (the input row nested under
# "input", the probabilities an array) trains again, detected as JSON
# Lines, with the input's columns as columns; leaving out the answer's
# members, the model reads the CSV it came from.
tgt=$(head -1 "$D/iris.csv" | awk -F, '{ print $NF }')
{ "$FINF_PREDICT" --json -k saved.finf "$D/iris.csv"; echo $? >predict.st; } |
	{ "$FINF_TRAIN" -q -e 5 -t "$tgt" -x type,class_index,label,confidence,probabilities \
		-o again.finf; echo $? >train.st; }
is "$(cat predict.st)" 0 "finf-predict --json -k | ...: finf-predict exits 0"
is "$(cat train.st)" 0 "... | finf-train -t $tgt -x ...: it trains on the JSON Lines"
run "$FINF_PREDICT" again.finf "$D/iris.csv"
is_status 0 "the retrained model reads the CSV rows by the input's column names"
is "$(lines "$T/out")" 151 "... and answers each"
done_testing

#!/bin/sh
# 311-pipe-train.t: finf-train | finf-predict, the model never touching disk.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_datasets
cd "$T" || exit 99
D=$FERRUM_DATASETS

# finf-train is optional in a partial build; a model it cannot write skips.
"$FINF_TRAIN" -q --recipe=ferrum "$D/iris.csv" >probe.finf 2>/dev/null && [ -s probe.finf ] ||
	skip_all "finf-train cannot train yet"

"$FINF_TRAIN" -q --recipe=ferrum "$D/iris.csv" | "$FINF_PREDICT" -k - "$D/iris.csv" >kept.csv
ok $? "finf-train | finf-predict -k - DATA"
is "$(lines kept.csv)" 151 "a header and 150 answers"
hits=$(awk -F, 'NR > 1 && $5 == $6 { c++ } END { print c + 0 }' kept.csv)
check "the fresh model is right on more than 140 of 150 training rows ($hits)" [ "$hits" -gt 140 ]
# The same bytes as predicting with the model saved first (training is
# deterministic).
"$FINF_PREDICT" -k probe.finf "$D/iris.csv" >want
same_file kept.csv want "the piped model answers as the saved one"

"$FINF_TRAIN" -q --recipe=ferrum "$D/mpg.csv" | "$FINF_PREDICT" --json - "$D/mpg.csv" >mpg.jsonl
ok $? "finf-train | finf-predict --json for a regressor"
if command -v jq >/dev/null 2>&1; then
	is "$(jq -r .type mpg.jsonl | sort -u)" regression "regression objects"
	is "$(lines mpg.jsonl)" "$(($(lines "$D/mpg.csv") - 1))" "one object per row"
else
	skip 2 "jq is not installed"
fi
done_testing

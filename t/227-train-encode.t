#!/bin/sh
# 227-train-encode.t: finf-train --encode: its usage errors, the edges in
# the model's schema, finf-inspect's view of them, finf-predict encoding
# raw rows exactly as training did (its score of the training file is the
# report's), damaged encodings refused in one line, and no change at all
# without it.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
cd "$T" || exit 99

# A table with a numeric column with gaps, a category, a date and a
# code, a different number on each row (not in row order).
awk 'BEGIN { print "code,color,size,when,label"
	for (i = 1; i <= 150; i++) {
		c = (i % 3 == 0 ? "red" : (i % 3 == 1 ? "green" : "blue"))
		s = (i % 7 == 0 ? "NA" : (i * 37) % 101 / 4)
		printf "%d,%s,%s,2024-01-%02d,%s\n", 1000 + (i * 13) % 150, c, s, 1 + i % 28,
			(c == "red" || (s != "NA" && (s + 0 > 15 || s + 0 < 5)) ? "yes" : "no") } }' >tab.csv
E='-q -e 30'

# Usage errors: one line, exit 2.
usage_error() {
	run "$FINF_TRAIN" $E "$1" -o u.finf tab.csv
	is_status 2 "$1"
	is "$(head -n 1 err)" "$2" "$1: the message"
}
usage_error --encode=pl "finf-train: --encode: 'pl' is not none or ple[:N[:COLS]]"
usage_error --encode=ple8 "finf-train: --encode: 'ple8' is not none or ple[:N[:COLS]]"
usage_error --encode=ple:0 "finf-train: --encode: 'ple:0': N is not a whole number from 1 to 256"
usage_error --encode=ple:257 "finf-train: --encode: 'ple:257': N is not a whole number from 1 to 256"
usage_error --encode=ple: "finf-train: --encode: 'ple:': N is not a whole number from 1 to 256"
usage_error --encode=ple:4: "finf-train: --encode: 'ple:4:': an empty column list"
usage_error --encode=ple:4:weight "finf-train: tab.csv: --encode: no column 'weight'"
usage_error --encode=ple:4:size,color "finf-train: tab.csv: --encode: not a numeric column 'color'"
run "$FINF_TRAIN" --recipe=ferrum --encode=ple -o u.finf tab.csv
is_status 2 "--encode with the ferrum recipe"
is "$(head -n 1 err)" "finf-train: --encode: the ferrum recipe keeps the original's rules (every field a number)" "the ferrum recipe: the message"
check "no model is written after a usage error" test ! -e u.finf

# Without --encode, and with --encode=none, the model is what it was.
"$FINF_TRAIN" $E -o plain.finf tab.csv
"$FINF_TRAIN" $E --encode=none -o none.finf tab.csv
same_file none.finf plain.finf "--encode=none: the same bytes as without it"
"$FINF_TRAIN" $E --encode=ple:4 -o a.finf tab.csv
"$FINF_TRAIN" $E --encode=ple:4 -o b.finf tab.csv
same_file a.finf b.finf "--encode=ple:4 twice: the same bytes"

# The schema holds the edges; the inputs are NAME~1..NAME~N.
meta() { "$FINF_INSPECT" --json "$1" | jq -c "$2"; }
is "$(meta a.finf '[.metadata.schema.columns[] | select(.encode) | [.name, .encode.kind, (.encode.edges | length)]]')" \
	'[["code","ple",5],["size","ple",5],["when","ple",5]]' "ple:4: five edges in each numeric and date column"
is "$(meta a.finf '[.metadata.schema.columns[] | select(.encode) | .encode.edges | . == sort] | all')" \
	true "the edges increase"
is "$(meta a.finf '.metadata.feature_names | join(" ")')" \
	'"code~1 code~2 code~3 code~4 color=blue color=green color=red size~1 size~2 size~3 size~4 size=(missing) when~1 when~2 when~3 when~4"' \
	"the inputs' names"
run "$FINF_INSPECT" a.finf
like out '^    3  size   numeric      8-12     median [0-9.]*, range 0 to 25, 21 missing, piecewise-linear in 4 bins$' \
	"finf-inspect shows the encoding"
run "$FINF_INSPECT" --check a.finf
is_status 0 "finf-inspect --check: a valid model"

# A damaged encoding (bytes replaced in place, lengths kept) is refused
# by every reader with one line naming the model and the column, exit 1.
spoil() { # spoil FROM TO OUT: a.finf with FROM replaced by TO
	perl -0777 -pe "s/\Q$1\E/$2/" a.finf >"$3"
}
spoil '"kind":"ple"' '"kind":"plx"' kind.finf
spoil '"edges":[0,' '"edges":[7,' order.finf
spoil '"edges":[0,' '"edges":[x,' nan.finf
for cmd in "$FINF_PREDICT" "$FINF_STATS"; do
	p=$(basename "$cmd")
	run "$cmd" kind.finf tab.csv
	is_status 1 "$p: an encoding of another kind"
	is "$(cat err)" "$p: kind.finf: schema: column 1 ('code'): \"encode\" is not of kind \"ple\"" "$p: kind: one line"
	run "$cmd" order.finf tab.csv
	is_status 1 "$p: edges out of order"
	is "$(cat err)" "$p: order.finf: schema: column 3 ('size'): \"edges\" are not increasing" "$p: order: one line"
done
run "$FINF_INSPECT" --check order.finf
is_status 1 "finf-inspect --check: edges out of order"
run "$FINF_PREDICT" nan.finf tab.csv
is_status 1 "finf-predict: an edge that is not a number"
is "$(lines err)" 1 "one line"

# --cv encodes each fold with its own edges (t/unit/train compares them
# with folds trained by hand) and leaves the model as it is.
run "$FINF_TRAIN" $E --encode=ple:4 --cv=3 --report=json -o cv.finf tab.csv
is_status 0 "--encode with --cv"
same_file cv.finf a.finf "--cv: the model of the same bytes"
is "$(jq '.cv.folds | length' out)" 3 "three folds' figures"

# Some columns only.
"$FINF_TRAIN" $E --encode=ple:3:size -o s.finf tab.csv
is "$(meta s.finf '[.metadata.schema.columns[] | select(.encode) | .name]')" '["size"]' \
	"ple:3:size: only that column"
is "$(meta s.finf '.metadata.feature_names[0]')" '"code"' "the others as they were"

# finf-predict encodes raw rows as training did: over the whole training
# file its log-loss is the rows-weighted mean of the report's held-out and
# training figures (gaps, a category and a date included).
"$FINF_TRAIN" $E --encode=ple:4 --report=json -o r.finf tab.csv >rep.json
run "$FINF_PREDICT" --evaluate --report=json r.finf tab.csv
is_status 0 "finf-predict --evaluate on the raw rows"
want=$(jq '(.holdout.log_loss * .holdout_rows + .train.log_loss * .train_rows) / .rows' rep.json)
got=$(jq '.metrics.log_loss' out)
check "the log-loss is the report's ($got, $want)" \
	awk -v a="$got" -v b="$want" 'BEGIN { d = a - b; exit !(d < 1e-12 && d > -1e-12) }'
run "$FINF_PREDICT" r.finf tab.csv
is "$(wc -c <err | tr -d ' ')" 0 "its own rows are like its training data"

done_testing

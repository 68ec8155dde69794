#!/bin/sh
# 229-train-tuning.t: finf-train --weight-decay, --smoothing, --patience,
# --members, --budget and --encode-min-distinct: their usage errors; the
# recipe's own values are no option at all (the same bytes); other values
# change the model, which finf-predict reads as any other; the report
# shows patience and budget; --encode-min-distinct leaves the columns with
# fewer values unencoded.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
IRIS="$top_srcdir/examples/iris.csv"
cd "$T" || exit 99

# Usage errors: one line and the pointer to --help, exit 2, no model.
usage_error() {
	_d=$1; _m=$2; shift 2
	train_usage_error "$_d" "$_m" u.finf "$@"
}
for bad in '' 0 -1e-3 1.5 nan x; do
	usage_error "--weight-decay='$bad'" \
		"finf-train: --weight-decay: '$bad' is not a number above 0, at most 1" \
		--weight-decay="$bad" -o u.finf "$IRIS"
done
for bad in '' 0 1 -0.1 x; do
	usage_error "--smoothing='$bad'" \
		"finf-train: --smoothing: '$bad' is not a number between 0 and 1" \
		--smoothing="$bad" -o u.finf "$IRIS"
done
for bad in '' 0 100000001 x; do
	usage_error "--patience='$bad'" \
		"finf-train: --patience: '$bad' is not a whole number from 1 to 100000000" \
		--patience="$bad" -o u.finf "$IRIS"
done
for bad in '' 0 1 65 x; do
	usage_error "--members='$bad'" \
		"finf-train: --members: '$bad' is not a whole number from 2 to 64" \
		--members="$bad" -o u.finf "$IRIS"
done
for bad in '' 0 1000000001 x; do
	usage_error "--budget='$bad'" \
		"finf-train: --budget: '$bad' is not a whole number from 1 to 1000000000" \
		--budget="$bad" -o u.finf "$IRIS"
done
for opt in --weight-decay=1e-3 --smoothing=0.2 --patience=5 --members=3 --budget=1000; do
	usage_error "--recipe=ferrum $opt" \
		"finf-train: --weight-decay, --smoothing, --patience, --members, --budget: the ferrum recipe has none of them" \
		--recipe=ferrum "$opt" -o u.finf "$IRIS"
done
"$FINF_TRAIN" --help >help.txt
for opt in --weight-decay=X --smoothing=X --patience=N --members=K --budget=N; do
	check "--help lists $opt" grep -q -- "$opt" help.txt
done

# The recipe's own values: the bytes of no option.
"$FINF_TRAIN" -q -e 20 -o d0.finf "$IRIS"
"$FINF_TRAIN" -q -e 20 --weight-decay=5e-4 --smoothing=0.1 --patience=100 --members=5 \
	--budget=1500000 -o d1.finf "$IRIS"
same_file d0.finf d1.finf "the recipe's own values are no option at all"

# Other values: another model, which predicts.
n=0
for opt in --weight-decay=0.01 --smoothing=0.3 --members=3 --members=8; do
	n=$((n + 1))
	run "$FINF_TRAIN" -q -e 20 "$opt" -o m$n.finf "$IRIS"
	is_status 0 "$opt trains"
	check "$opt: another model" eval "! cmp -s d0.finf m$n.finf"
	run "$FINF_PREDICT" m$n.finf "$IRIS"
	is_status 0 "$opt: finf-predict reads the model"
	is "$(lines out)" 151 "$opt: a header and a prediction per row"
done
"$FINF_TRAIN" -q -e 20 --members=3 -o m9.finf "$IRIS"
same_file m3.finf m9.finf "--members=3: the same bytes again"
run "$FINF_TRAIN" -q -e 5 --layers=12,6 --members=3 -o l1.finf "$IRIS"
is_status 0 "--members with two hidden layers"

# Patience and budget show in the epochs the text report gives.
epochs() { sed -n 's/.* \([0-9]*\) epochs run of \([0-9]*\), model from epoch \([0-9]*\)$/\1 \2 \3/p' err; }
run "$FINF_TRAIN" -e 500 --patience=3 -o p.finf "$IRIS"
set -- $(epochs)
ok "$(( $# == 3 && $1 - $3 <= 3 && $1 < 500 ))" \
	"--patience=3: stops at most 3 epochs after the best ($*)"
run "$FINF_TRAIN" --budget=4800 --patience=1 -o b.finf "$IRIS"
set -- $(epochs)
is "${2-}" 40 "--budget=4800 on 120 training rows: 40 epochs"
run "$FINF_TRAIN" --budget=1 --patience=1 -o b1.finf "$IRIS"
set -- $(epochs)
is "${2-}" 30 "--budget=1: never below 30 epochs"

# --encode-min-distinct: only the columns with that many distinct values.
awk 'BEGIN { print "small,wide,label"
	for (i = 1; i <= 200; i++)
		printf "%d,%s,%s\n", i % 5, (i * 37) % 101 / 10, (i % 5 > 2) ? "yes" : "no" }' >md.csv
cols() { "$FINF_INSPECT" --json "$1" | jq -c '[.metadata.schema.columns[] | select(.encode) | .name]'; }
"$FINF_TRAIN" -q -e 3 --encode=ple:4 -o md0.finf md.csv
is "$(cols md0.finf)" '["small","wide"]' "ple:4 encodes both numeric columns"
"$FINF_TRAIN" -q -e 3 --encode=ple:4 --encode-min-distinct=6 -o md1.finf md.csv
is "$(cols md1.finf)" '["wide"]' "--encode-min-distinct=6: not the one with 5 values"
"$FINF_TRAIN" -q -e 3 --encode=ple:4:wide -o md2.finf md.csv
same_file md1.finf md2.finf "the same model as naming the column"
"$FINF_TRAIN" -q -e 3 --encode=ple:4 --encode-min-distinct=5 -o md3.finf md.csv
same_file md0.finf md3.finf "--encode-min-distinct=5: both columns, as without it"
"$FINF_TRAIN" -q -e 3 --encode-min-distinct=6 -o md4.finf md.csv
"$FINF_TRAIN" -q -e 3 -o md5.finf md.csv
same_file md4.finf md5.finf "without --encode it changes nothing"
run "$FINF_PREDICT" md1.finf md.csv
is_status 0 "finf-predict reads the partly encoded model"
for bad in '' 0 x 1000000001; do
	usage_error "--encode-min-distinct='$bad'" \
		"finf-train: --encode-min-distinct: '$bad' is not a whole number from 1 to 1000000000" \
		--encode-min-distinct="$bad" -o u.finf "$IRIS"
done
check "--help lists --encode-min-distinct" grep -q -- '--encode-min-distinct=N' help.txt

done_testing

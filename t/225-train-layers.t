#!/bin/sh
# finf-train --layers: hidden layers as a FINF v3 chain, the report's widths, usage errors.
. "${top_srcdir:-.}/t/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "no jq"
IRIS="$top_srcdir/examples/iris.csv"
cd "$T" || exit 99

# usage_error DESC EXPECTED-FIRST-LINE ARGS...: exit 2, one line and the
# pointer to --help, no model written.
usage_error() {
	_d=$1; _m=$2; shift 2
	train_usage_error "$_d" "$_m" m.finf "$@"
}

L="finf-train: --layers: '%s' is not 1 to 16 widths from 1 to 1048576, comma-separated"
for bad in '' 0 '64,' ',64' '64,,32' '64,0' '64,x' '1048577' '1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1'; do
	# shellcheck disable=SC2059
	usage_error "--layers='$bad'" "$(printf "$L" "$bad")" --layers="$bad" -o m.finf "$IRIS"
done
usage_error "--hidden and --layers" "finf-train: --hidden and --layers: give one of them" \
	-H 32 --layers=32,16 -o m.finf "$IRIS"
usage_error "--layers=32 and --hidden" "finf-train: --hidden and --layers: give one of them" \
	--layers=32 -H 32 -o m.finf "$IRIS"
usage_error "--recipe=ferrum --layers=32,16" \
	"finf-train: --layers: the ferrum recipe has one hidden layer" \
	--recipe=ferrum --layers=32,16 -o m.finf "$IRIS"

"$FINF_TRAIN" -q --recipe=ferrum -e 5 --layers=8 -o f1.finf "$IRIS"
"$FINF_TRAIN" -q --recipe=ferrum -e 5 -H 8 -o f2.finf "$IRIS"
same_file f1.finf f2.finf "--recipe=ferrum --layers=8 is -H 8"

# One layer is --hidden, byte for byte.
"$FINF_TRAIN" -q -e 20 --layers=20 -o a.finf "$IRIS"
"$FINF_TRAIN" -q -e 20 -H 20 -o b.finf "$IRIS"
same_file a.finf b.finf "--layers=20 is -H 20"
is "$("$FINF_INSPECT" --json a.finf | jq -c '.metadata.hidden')" "null" \
	"one layer records no \"hidden\" (the model keeps its bytes)"

# Two and three layers: an ordinary chain, the widths in the metadata and
# the report, the same bytes twice.
run "$FINF_TRAIN" -e 20 --layers=20,10 --report=json -o c.finf "$IRIS"
is_status 0 "--layers=20,10 trains"
is "$(jq -c '.hidden' "$T/out")" "[20,10]" "the JSON report gives the widths"
is "$(jq -c '.calibration.rows == .train_rows and .calibration.temperature > 0' "$T/out")" \
	"true" "the deeper classifier is calibrated on its out-of-fold training rows"
is "$("$FINF_INSPECT" --json c.finf | jq -c '[.layers[] | .kind + (if .in then ":\(.in)x\(.out)" else "" end)]')" \
	'["linear:4x20","activation","linear:20x10","activation","linear:10x3","activation"]' \
	"the model is Linear, ReLU, Linear, ReLU, Linear, Softmax"
is "$("$FINF_INSPECT" --json c.finf | jq -c '.metadata.hidden')" "[20,10]" \
	"the metadata records \"hidden\":[20,10]"
"$FINF_TRAIN" -q -e 20 --layers=20,10 -o c2.finf "$IRIS"
same_file c.finf c2.finf "the same run twice: the same bytes"
run "$FINF_TRAIN" -e 20 --layers=20,10,5 -o d.finf "$IRIS"
is_status 0 "--layers=20,10,5 trains"
like "$T/err" "^recipe default, seed 1337, 20\+10\+5 hidden units," "the text report gives 20+10+5"
is "$("$FINF_INSPECT" --json d.finf | jq -c '[.layers[] | select(.kind == "linear") | .out]')" \
	"[20,10,5,3]" "three hidden layers, then the classes"
check "finf-inspect --check accepts it" "$FINF_INSPECT" --check d.finf

# Every reader takes the chain: predictions, statistics.
run "$FINF_PREDICT" --probabilities d.finf "$IRIS"
is_status 0 "finf-predict reads the deeper model"
is "$(wc -l <"$T/out" | tr -d ' ')" 151 "a header and 150 predictions"
printf '5.1,3.5,1.4,0.2\n' >row.csv
run "$FINF_STATS" d.finf row.csv
is_status 0 "finf-stats reads the deeper model"
like "$T/out" "hidden 20, 10, 5;" "finf-stats names the widths"

done_testing

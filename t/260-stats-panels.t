#!/bin/sh
# 260-stats-panels.t: finf-stats --json against numbers recomputed with jq
# from the probabilities and the model's own statistics, and the text panels'
# layout (80 columns, colour only on a terminal, NO_COLOR).
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
cd "$T" || exit 99
TD=$TESTDATA

run "$FINF_STATS" --help
is_status 0 "--help"
like out '^Usage: finf-stats \[OPTIONS\] MODEL \[ROWS\]' "--help: synopsis"
like out '--describe' "--help: --describe"
run "$FINF_STATS" --version
is_status 0 "--version"
like out '^finf-stats \(ferrum\) ' "--version line"
run "$FINF_STATS"
is_status 2 "no operand"
like err "^Try 'finf-stats --help'" "no operand: hint"
run "$FINF_STATS" --color=sometimes "$TD/iris.bin"
is_status 2 "bad --color"
run "$FINF_STATS" --input=yaml "$TD/iris.bin"
is_status 2 "bad --input"
run "$FINF_STATS" "$TD/iris.bin" a b
is_status 2 "extra operand"
run "$FINF_STATS" "$TD/truncated.bin" "$TD/iris.inputs.csv"
is_status 1 "bad model"
like err '^finf-stats: .*truncated\.bin: offset ' "bad model: offset"

for name in iris wine6 titanic housing mpg; do
	bin=$TD/$name.bin
	in=$TD/$name.inputs.csv
	[ -f "$bin" ] || continue
	run "$FINF_STATS" --json "$bin" "$in"
	is_status 0 "$name: --json"
	cp out "$name.json"
	is "$(lines "$name.json")" "$(($(lines "$in") - 1))" "$name: one object per row"

	# The prediction part is finf-predict --json's object.
	"$FINF_PREDICT" --json "$bin" "$in" | jq -c . >want
	jq -c .prediction "$name.json" >got
	same_file got want "$name: prediction equals finf-predict --json"

	# Features: z, range position, flags and bands from the reported
	# mean/std/min/max (z within the rounding of a float subtraction).
	jq -e -n --slurpfile r "$name.json" '
		[$r[] | .features[] |
		 ((.value - .mean) / .std) as $z |
		 (($z - .z) | fabs) <= 5e-7 * ((.value | fabs) + (.mean | fabs)) / .std + 1e-6 * ($z | fabs)
		 and (.range_pos - (if .max > .min then (.value - .min) / (.max - .min) else 0.5 end) | fabs) <
		     (if .max > .min then 2e-7 * ((.value | fabs) + (.min | fabs) + (.max | fabs)) / (.max - .min) else 0 end) + 1e-9
		 and .out_of_range == (.value < .min or .value > .max)
		 and .unusual == ((.z | fabs) > 3)
		 and .band == (if (.z | fabs) < 1 then 0 elif (.z | fabs) <= 2 then 1 else 2 end)
		] | all' >/dev/null
	is "$?" 0 "$name: feature z, range, flags and bands"
	jq -e -n --slurpfile r "$name.json" '
		[$r[] | .unfamiliar == ([.features[] | select(.out_of_range or .unusual)] | length)] | all' >/dev/null
	is "$?" 0 "$name: unfamiliar count"
	# The architecture card adds up.
	jq -e -n --slurpfile r "$name.json" '
		[$r[] | .model | .parameters == ([.layers[] | select(.kind == "linear") | .in * .out + .out] | add)
		 and .format_version == 3 and .features == .layers[0].in] | all' >/dev/null
	is "$?" 0 "$name: architecture card"

	if [ "$(jq -r '.prediction.type' "$name.json" | head -n 1)" = classification ]; then
		jq -e -n --slurpfile r "$name.json" '
			[$r[] | .report as $q | [$q.classes[].p] as $p | ($p | length) as $n |
			 ([$p[] | select(. > 0) | -(. * log)] | add) as $h |
			 ($p | sort | reverse) as $s |
			 (($q.entropy - $h) | fabs) < 1e-6
			 and (($q.entropy_max - ($n | log)) | fabs) < 1e-15
			 and (($q.entropy_norm - ([($h / ($n | log)), 1] | min)) | fabs) < 1e-6
			 and (($q.margin - ($s[0] - $s[1])) | fabs) < 1e-6
			 and ([$q.classes[] | select(.p > 0 and .p < 1) |
			       ((.log_p | exp) - .p | fabs) < 1e-7 and
			       ((.odds / (1 + .odds)) - .p | fabs) < 1e-7] | all)
			 and $q.badge == (if $q.entropy_norm < 0.1 then "Certain" elif $q.entropy_norm < 0.4
			                  then "Confident" elif $q.entropy_norm < 0.8 then "Uncertain"
			                  else "Toss-up" end)
			] | all' >/dev/null
		is "$?" 0 "$name: entropy, ln C, margin, log P, odds and badge"
	else
		jq -e -n --slurpfile r "$name.json" '
			[$r[] | .report as $q | (($q.value - $q.target_mean) / $q.target_std) as $z |
			 0.6744897501960817 as $c |
			 (($q.z - $z) | fabs) < 1e-6
			 and (($q.pct_from_mean - 100 * ($q.value - $q.target_mean) / ($q.target_mean | fabs)) | fabs) < 1e-5
			 and $q.quartile == (if $z < (0 - $c) then 1 elif $z < 0 then 2 elif $z < $c then 3 else 4 end)
			 and $q.within_sigma == ($z | fabs <= 1)
			 and (($q.sigma_interval[1] - $q.sigma_interval[0]) - 2 * $q.target_std | fabs) < 1e-6 * $q.target_std
			 and $q.value == .prediction.value
			] | all' >/dev/null
		is "$?" 0 "$name: z, percent, quartile and interval"
	fi

	run "$FINF_STATS" "$bin" "$in"
	is_status 0 "$name: text"
	is "$(awk 'length > 80' out | wc -l | tr -d ' ')" 0 "$name: text fits 80 columns"
	is "$(grep -c "$(printf '\033')" out)" 0 "$name: no colour into a file"
	is "$(grep -c '^== row ' out)" "$(($(lines "$in") - 1))" "$name: a panel pair per row"
done

# JSON Lines input (auto and forced) gives the same objects as CSV.
awk -F, 'NR > 1 { print "[" $0 "]" }' "$TD/iris.inputs.csv" >rows.jsonl
run "$FINF_STATS" --json "$TD/iris.bin" rows.jsonl
same_file out iris.json "JSON Lines arrays: the same objects as the CSV rows"
run "$FINF_STATS" --json --input=jsonl "$TD/iris.bin" - <rows.jsonl
same_file out iris.json "--input=jsonl from stdin: the same"
run "$FINF_STATS" --input=csv "$TD/iris.bin" rows.jsonl
is_status 1 "--input=csv on JSON Lines"

# The text carries the JSON's facts (badge, quartile).
jq -r '.report.badge' iris.json >want
"$FINF_STATS" "$TD/iris.bin" "$TD/iris.inputs.csv" | sed -n 's/^confidence: \([A-Za-z-]*\) .*/\1/p' >got
same_file got want "text badge equals the JSON badge"

# Colour: forced, and on a terminal unless NO_COLOR.
run "$FINF_STATS" --color=always "$TD/iris.bin" "$TD/iris.inputs.csv"
like out "$(printf '\033')\\[" "--color=always colours"
if command -v script >/dev/null 2>&1 && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$FINF_STATS' '$TD/iris.bin' '$TD/iris.inputs.csv'" /dev/null >tty.out 2>&1
	like tty.out "$(printf '\033')\\[" "colour on a terminal"
	NO_COLOR=1 script -qec "'$FINF_STATS' '$TD/iris.bin' '$TD/iris.inputs.csv'" /dev/null >tty.out 2>&1
	is "$(grep -c "$(printf '\033')" tty.out)" 0 "NO_COLOR: none on a terminal"
else
	skip 2 "script(1) cannot make a terminal here"
fi

# Unfamiliar input: a row far outside the training range is flagged.
printf 'sepal_length,sepal_width,petal_length,petal_width\n50,3.5,1.4,0.2\n' >far.csv
run "$FINF_STATS" --json "$TD/iris.bin" far.csv
is "$(jq -r '.unfamiliar' out)" 1 "far row: one unfamiliar feature"
is "$(jq -r '.features[0].out_of_range' out)" true "far row: out of range"
run "$FINF_STATS" "$TD/iris.bin" far.csv
like out '^unfamiliar input: 1 of 4 features' "far row: warned in the text"

# Bad rows stop finf-stats too, naming the line.
printf 'sepal_length,sepal_width,petal_length,petal_width\n5,3,1,0.2\n5,x,1,0.2\n' >bad.csv
run "$FINF_STATS" --json "$TD/iris.bin" bad.csv
is_status 1 "bad row"
is "$(cat err)" "finf-stats: bad.csv:3: field 2: 'x' is not a number" "bad row: message"
is "$(lines out)" 1 "bad row: the row before it answered"
done_testing

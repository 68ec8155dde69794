#!/bin/sh
# 260-stats-panels.t: finf-stats --json against numbers recomputed with jq
# from the probabilities and the model's own statistics, against the golden
# files' outputs and sizes and a model trained here; the text panels against
# the JSON, and their layout (80 columns, colour only on a terminal,
# NO_COLOR).
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
	# The centred bar: z clipped to [-3, 3] over 3, z's sign, null for no z.
	jq -e -n --slurpfile r "$name.json" '
		[$r[] | .features[] |
		 (if .z > 3 then 3 elif .z < -3 then -3 else .z end / 3) as $b |
		 ((.z_bar - $b) | fabs) <= 1e-7 * ($b | fabs) + 1e-15
		 and (.z_bar | fabs) <= 1
		 and ((.z | fabs) <= 3 or (.z_bar | fabs) == 1)
		 and ((.z > 0) == (.z_bar > 0)) and ((.z < 0) == (.z_bar < 0))
		] | all' >/dev/null
	is "$?" 0 "$name: z_bar clipped at +-1 beyond |z| = 3, with the sign of z"
	jq -e -n --slurpfile r "$name.json" '
		[$r[] | .unfamiliar == ([.features[] | select(.out_of_range or .unusual)] | length)] | all' >/dev/null
	is "$?" 0 "$name: unfamiliar count"
	# The architecture card adds up.
	jq -e -n --slurpfile r "$name.json" '
		[$r[] | .model | .parameters == ([.layers[] | select(.kind == "linear") | .in * .out + .out] | add)
		 and .format_version == 3 and .features == .layers[0].in] | all' >/dev/null
	is "$?" 0 "$name: architecture card"
	jq -e -n --slurpfile r "$name.json" '
		[$r[] | .model | .normaliser == "z-score"
		 and .loss == (if .task == "classification" then "cross-entropy" else "mse" end)
		 and .hidden == ([.layers[] | select(.kind == "linear") | .out] | .[:-1])
		 and .hidden == ([.layers[] | select(.kind == "linear") | .in] | .[1:])] | all' >/dev/null
	is "$?" 0 "$name: normaliser, loss, and hidden widths from the layers"
	# The golden files' README: hidden units and task of each model.
	readme=$TD/README.md
	want=$(awk -F'|' -v n="$name" '$2 ~ "^ *" n " *$" {
		gsub(/ /, "", $4); task = $6 ~ /regression/ ? "mse" : "cross-entropy"
		print "[" $4 "] " task }' "$readme")
	is "$(jq -r '"\(.model.hidden | tojson) \(.model.loss)"' "$name.json" | sort -u)" "$want" \
		"$name: hidden and loss as $(basename "$readme") says it was trained"

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
		jq -e -n --slurpfile r "$name.json" '
			[$r[] | .report as $q | [$q.classes[].p] as $p | $q.order as $o |
			 ($o | sort) == [range(0; $p | length)]
			 and ([range(1; $o | length) | $p[$o[. - 1]] > $p[$o[.]] or
			       ($p[$o[. - 1]] == $p[$o[.]] and $o[. - 1] > $o[.])] | all)
			 and $o[0] == .prediction.class_index
			 and $q.classes[$o[1]].label == $q.runner_up
			 and $q.certainty == 1 - $q.entropy_norm
			] | all' >/dev/null
		is "$?" 0 "$name: order a permutation by p (ties to the higher index), certainty 1 - H_norm"
		# order[0] is the golden argmax.
		is "$(jq -c '[.rows[].argmax]' "$TD/$name.expected.json")" \
			"$(jq -s -c '[.[].report.order[0]]' "$name.json")" "$name: order[0] is the golden argmax"
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
		# output x std + mean = value, within the rounding of two floats.
		jq -e -n --slurpfile r "$name.json" '
			[$r[] | .report as $q |
			 (($q.output * $q.target_std + $q.target_mean - $q.value) | fabs) <=
			   3e-7 * (($q.value | fabs) + ($q.target_mean | fabs))
			 and $q.output == .prediction.value_norm] | all' >/dev/null
		is "$?" 0 "$name: output x target_std + target_mean = value"
		# The network's output is the golden one, to the float.
		sed 's/.*"report":{.*"output":\([^,}]*\).*/\1/' "$name.json" >got
		jq -r '.rows[].output[0]' "$TD/$name.expected.json" >want
		same_file got want "$name: output is the golden output, as the same float text"
	fi

	run "$FINF_STATS" "$bin" "$in"
	is_status 0 "$name: text"
	is "$(awk 'length > 80' out | wc -l | tr -d ' ')" 0 "$name: text fits 80 columns"
	is "$(grep -c "$(printf '\033')" out)" 0 "$name: no colour into a file"
	is "$(grep -c '^== row ' out)" "$(($(lines "$in") - 1))" "$name: a panel pair per row"
	cp out "$name.txt"

	# The text carries the JSON's new members.
	jq -r '"  hidden \(if .model.hidden == [] then " none" else .model.hidden | map(" \(.)") | join(",") end | .[1:]); z-score normaliser, \(.model.loss) loss"' \
		"$name.json" | sed 's/hidden  */hidden /' >want
	grep '^  hidden' "$name.txt" >got
	same_file got want "$name: text: hidden widths, normaliser and loss"
	jq -r '.features[] | .z_bar' "$name.json" |
		awk '{ c = int((($1 < 0) ? -$1 : $1) * 6 + 0.5); print ($1 < 0 ? -c : c) }' >want
	awk '/^feature /{ t = 1; next } /^(all|unfamiliar) /{ t = 0 } t {
		s = substr($0, 61, 13); n = gsub(/=/, "=", s)
		print (index(s, "=") && index(s, "=") < index(s, "|") ? -n : n) }' "$name.txt" >got
	same_file got want "$name: text: the z-bars have z_bar's length and side"
	if [ "$(jq -r '.prediction.type' "$name.json" | head -n 1)" = classification ]; then
		jq -r '.report as $q | $q.order[] | $q.classes[.].label' "$name.json" >want
		awk '/^class /{ t = 1; next } /^entropy /{ t = 0 } t { print $1 }' "$name.txt" >got
		same_file got want "$name: text: the classes most probable first, as order"
		jq -r '.report.entropy_norm' "$name.json" | awk '{ printf "%.6f\n", 1 - $1 }' >want
		sed -n 's/^certainty  *\[.*\] *[0-9.]*%  1 - H \/ ln [0-9]* = //p' "$name.txt" >got
		same_file got want "$name: text: certainty 1 - normalised entropy"
		jq -r '.report.margin' "$name.json" | awk '{
			n = int($1 * 20 + 0.5); b = ""
			for (i = 0; i < 20; i++) b = b (i < n ? "#" : ".")
			printf "[%s] %5.1f%%  %.6f\n", b, 100 * $1, $1 }' >want
		sed -n 's/^margin  *\(\[.*\]  *[0-9.]*%  [0-9.]*\).*/\1/p' "$name.txt" >got
		same_file got want "$name: text: the top-2 margin's bar, percentage and value"
	else
		sed 's/.*"report":{.*"output":\([^,}]*\).*/\1/' "$name.json" >want
		sed -n "s/^normalised output: \([^ ]*\) (the network's, before x std + mean)\$/\1/p" \
			"$name.txt" >got
		same_file got want "$name: text: the normalised output, as the JSON's float"
		jq -r '.report.range_pos' "$name.json" | awk '{ printf "%.1f\n", 100 * $1 }' >want
		sed -n 's/^ *(\* the prediction at \(-*[0-9.]*\)% of the range, .*/\1/p' "$name.txt" >got
		same_file got want "$name: text: the position in the target range"
	fi
done

# A model trained here, on rows made up here: the hidden width asked for,
# the loss of the task, in the JSON and the text.
awk 'BEGIN { print "a,b,c,k,v"; for (i = 0; i < 60; i++) {
	a = (i * 7) % 11; b = (i * 5) % 13; c = i % 3
	print a "," b "," c "," (a + b > 11 ? "hi" : "lo") "," a * 2 + b / 2 } }' >made.csv
for task in classification regression; do
	if [ $task = classification ]; then
		opts="-t k -x v"; loss=cross-entropy
	else
		opts="-t v -x k"; loss=mse
	fi
	run "$FINF_TRAIN" -q -H 7 -e 5 $opts -o "made-$task.finf" made.csv
	is_status 0 "$task: trained with 7 hidden units"
	printf 'a,b,c\n3,4,1\n' >made-row.csv
	run "$FINF_STATS" --json "made-$task.finf" made-row.csv
	is "$(jq -c '[.model.hidden, .model.loss, .model.normaliser, .model.task]' out)" \
		"[[7],\"$loss\",\"z-score\",\"$task\"]" "$task: hidden [7], $loss, z-score"
	run "$FINF_STATS" "made-$task.finf" made-row.csv
	like out "^  hidden 7; z-score normaliser, $loss loss\$" "$task: the same in the text"
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

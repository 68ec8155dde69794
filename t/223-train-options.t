#!/bin/sh
# finf-train: what each option does to the model: name, target, task, width, epochs, seed, held-out
# fraction, output to a file or to stdout.
. "${top_srcdir:-.}/t/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "no jq"
IRIS="$top_srcdir/examples/iris.csv"
cd "$T" || exit 99
F='--recipe=ferrum -q -e 5 -H 4'

# meta MODEL JQ: a jq expression over finf-inspect's JSON of MODEL.
meta() { "$FINF_INSPECT" --json "$1" | jq -c "$2"; }

cp "$IRIS" flowers.data.csv
"$FINF_TRAIN" $F -o a.finf flowers.data.csv
is "$(meta a.finf .metadata.dataset_name)" '"flowers.data"' "the name is DATA's base name without extension"
"$FINF_TRAIN" $F -o b.finf <flowers.data.csv
is "$(meta b.finf .metadata.dataset_name)" '"Dataset"' "standard input is named 'Dataset'"
"$FINF_TRAIN" $F -n 'Fisher "iris"' -o c.finf flowers.data.csv
is "$(meta c.finf .metadata.dataset_name)" '"Fisher \"iris\""' "-n sets the name (quotes escaped)"
is "$(meta a.finf '.metadata | keys_unsorted')" \
	'["dataset_name","task","feature_names","feature_ranges","class_names","target_name","target_range","input_dim","output_dim"]' \
	"the ferrum recipe writes exactly the nine standard keys"

# Stdout and -o give the same bytes; so does a second run.
"$FINF_TRAIN" $F -n x flowers.data.csv >s.finf
"$FINF_TRAIN" $F -n x -o o.finf flowers.data.csv
same_file s.finf o.finf "stdout and -o: the same model"
"$FINF_TRAIN" $F -n x -o o2.finf flowers.data.csv
same_file o2.finf o.finf "the same run twice: the same bytes"
"$FINF_TRAIN" $F -n x -f flowers.data.csv >f.finf
same_file f.finf o.finf "-f to a file: the same model"
# -o replaces an existing file.
printf 'old' >r.finf
"$FINF_TRAIN" $F -n x -o r.finf flowers.data.csv
same_file r.finf o.finf "-o replaces an existing file"

"$FINF_TRAIN" $F -n x -s 1338 -o s2.finf flowers.data.csv
check "another seed: other bytes" test "$(cmp s2.finf o.finf 2>&1)" != ""
"$FINF_TRAIN" $F -n x -s 1337 -o s3.finf flowers.data.csv
same_file s3.finf o.finf "--seed=1337 is the default"
"$FINF_TRAIN" $F -n x --holdout=0.3 -o h.finf flowers.data.csv
check "another held-out fraction: another split, other bytes" test "$(cmp h.finf o.finf 2>&1)" != ""

# Width and epochs.
"$FINF_TRAIN" --recipe=ferrum -q -e 3 -H 7 -o w.finf flowers.data.csv
is "$(meta w.finf '[.layers[0].out, .layers[2].in, .layers[2].out]')" '[7,7,3]' "-H 7: seven hidden units"
run "$FINF_TRAIN" --recipe=ferrum --report=json -e 3 -H 7 -o w.finf flowers.data.csv
is "$(jq .epochs_run "$T/out")" 3 "-e 3: three epochs"

# The target by name or by number; the task rule and --task.
cut -d, -f1-4 "$IRIS" >num.csv
"$FINF_TRAIN" $F -t sepal_length -o t1.finf num.csv
is "$(meta t1.finf '[.task, .metadata.feature_names, .metadata.target_name]')" \
	'["regression",["sepal_width","petal_length","petal_width"],"value"]' \
	"-t NAME: that column is the target, the others the features"
# sepal_length's range, worked out with awk.
want=$(awk -F, 'NR > 1 { if (min == "" || $1 < min) min = $1; if ($1 > max) max = $1 }
	END { printf "[%s,%s]", min, max }' num.csv)
is "$(meta t1.finf '.target.range')" "$want" "the target range is the column's"
"$FINF_TRAIN" $F -t 1 -o t2.finf num.csv
same_file t2.finf t1.finf "-t 1 is the same column"
"$FINF_TRAIN" $F -o t3.finf num.csv
is "$(meta t3.finf '[.task, .metadata.feature_names]')" \
	'["regression",["sepal_length","sepal_width","petal_length"]]' "without -t: the last column"
"$FINF_TRAIN" $F --task=classification -o t4.finf num.csv
is "$(meta t4.finf '[.task, (.class_names | length)]')" \
	"[\"classification\",$(awk -F, 'NR > 1 { n[$4] } END { print length(n) }' num.csv)]" \
	"--task=classification: one class per distinct value"
"$FINF_TRAIN" $F -t species -o t5.finf "$IRIS"
is "$(meta t5.finf '.class_names')" '["setosa","versicolor","virginica"]' "-t species: classes in order"
run "$FINF_TRAIN" $F --task=regression -o t6.finf "$IRIS"
is_status 1 "--task=regression with text labels fails"

# The default recipe records how the model was made.
run "$FINF_TRAIN" --report=json -e 5 -H 4 -o d.finf "$IRIS"
is_status 0 "the default recipe trains"
cp "$T/out" d.json
is "$(meta d.finf '.metadata | keys_unsorted | .[9:]')" \
	'["recipe","seed","epochs_run","holdout","schema"]' \
	"the default recipe records how the model was made after the nine keys, then the schema"
is "$(meta d.finf '.metadata | [.recipe, .seed, .epochs_run]')" \
	"$(jq -c '[.recipe, .seed, .epochs_run]' d.json)" "recipe, seed and epochs as reported"
is "$(meta d.finf '.metadata.holdout | del(.rows)')" "$(jq -c '.holdout | del(.brier, .ece)' d.json)" \
	"the held-out figures as reported"
is "$(meta d.finf '.metadata.holdout.rows')" "$(jq -c '.holdout_rows' d.json)" \
	"and the rows they stand on"
"$FINF_TRAIN" -q -t sepal_length -e 5 -H 4 -o d2.finf num.csv
is "$(meta d2.finf '.metadata.target_name')" '"sepal_length"' \
	"the default recipe names a regression target after its column"

# The defaults are stated once, in the library's recipe tables; --help and
# the manual repeat them, and must say what training uses.  The text
# report's line "recipe R, seed S, H hidden units, N epochs run of E".
"$FINF_TRAIN" --help >help.txt
tr -s ' \n' '  ' <help.txt >help1.txt # one line, single spaces
HELP=help1.txt
MAN="$top_srcdir/man/finf-train.1"
for r in default ferrum; do
	"$FINF_TRAIN" --recipe=$r -o m.finf "$IRIS" 2>rep.txt
	line=$(grep '^recipe ' rep.txt)
	seed=$(echo "$line" | sed -n 's/.*, seed \([0-9]*\),.*/\1/p')
	hid=$(echo "$line" | sed -n 's/.*, \([0-9]*\) hidden units,.*/\1/p')
	ep=$(echo "$line" | sed -n 's/.* epochs run of \([0-9]*\),.*/\1/p')
	case $r in
	default)
		like "$HELP" "hidden units \[default recipe $hid, ferrum" "--help: the default recipe's width, $hid"
		like "$HELP" "\[default recipe $ep \(fewer on large data\)," "--help: the default recipe's epochs, $ep"
		like "$MAN" "\($hid in all by default" "the manual: the default recipe's width"
		like "$MAN" "the epoch limit is $ep," "the manual: the default recipe's epochs"
		;;
	ferrum)
		like "$HELP" "hidden units \[default recipe [0-9]*, ferrum $hid\]" "--help: the ferrum recipe's width, $hid"
		like "$HELP" "\(fewer on large data\), ferrum $ep\]" "--help: the ferrum recipe's epochs, $ep"
		like "$MAN" "and $hid hidden units by default" "the manual: the ferrum recipe's width"
		like "$MAN" "epochs \($ep by default" "the manual: the ferrum recipe's epochs"
		;;
	esac
	like "$HELP" "random seed \[$seed\]" "--help: the $r recipe's seed, $seed"
done
"$FINF_TRAIN" -q --report=json -o m.finf "$IRIS" >rep.json
frac=$(jq -r '.holdout_rows / .rows' rep.json)
like "$HELP" "held out for the report \[$frac\]" "--help: the held-out fraction, $frac"
like "$MAN" "$frac by default" "the manual: the held-out fraction"

done_testing

#!/bin/sh
# finf-train: the text report on stderr and the --report=json object on stdout, checked against the data.
. "${top_srcdir:-.}/t/lib.sh"

IRIS="$top_srcdir/examples/iris.csv"
cd "$T" || exit 99

# The text report, with the ferrum recipe (available in every build).
run "$FINF_TRAIN" --recipe=ferrum -e 30 -H 8 -o m.finf "$IRIS"
is_status 0 "trains on the example"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "the text report is not on stdout"
like "$T/err" "iris\\.csv: classification, 150 rows, 4 features\$" "task, rows and features"
# Class counts worked out from the file itself.
want=$(awk -F, 'NR > 1 { if (!($5 in n)) o[++k] = $5; n[$5]++ }
	END { s = "classes:"; for (i = 1; i <= k; i++) s = s (i > 1 ? "," : "") " " o[i] " " n[o[i]]; print s }' "$IRIS")
like "$T/err" "^$want\$" "classes with their counts, in order of appearance"
like "$T/err" "^recipe ferrum, seed 1337, 8 hidden units, 30 epochs run of 30, model from epoch 30\$" \
	"recipe, seed, width and epochs"
like "$T/err" "^held out: 30 of 150 rows \\(20%, shuffled, seed 1337\\); fitted on 120 rows\$" \
	"the held-out split"
like "$T/err" "held-out +training rows" "held-out figures beside the training rows, labelled"
like "$T/err" "^accuracy +[0-9.]+% +[0-9.]+%\$" "accuracy"
like "$T/err" "^macro-F1 +[01]\\.[0-9]{4} +[01]\\.[0-9]{4}\$" "macro-F1"
like "$T/err" "^log-loss +[0-9.]+ +[0-9.]+\$" "log-loss"
like "$T/err" "^Brier +[0-9.]+ +[0-9.]+\$" "Brier score"
like "$T/err" "^ECE +[0-9.]+ +[0-9.]+\$" "expected calibration error"
is "$(grep -c '^calibrated' "$T/err")" 0 "the ferrum recipe is not calibrated"
like "$T/err" "^confusion on the held-out rows" "a confusion matrix"
# The matrix's cells add up to the held-out rows.
cells=$(awk '/^confusion/ { on = 1; getline; next } on && NF == 4 { s += $2 + $3 + $4 } END { print s }' "$T/err")
is "$cells" 30 "the confusion matrix counts the 30 held-out rows"
like "$T/err" "^time: [0-9]+\\.[0-9]{2} s\$" "the time"

run "$FINF_TRAIN" --recipe=ferrum -q -e 5 -H 4 -o m.finf "$IRIS"
is_status 0 "-q trains"
is "$(cat "$T/err")" "" "-q: nothing on stderr"

run "$FINF_TRAIN" --recipe=ferrum -v -e 20 -H 4 -o m.finf "$IRIS"
is_status 0 "-v trains"
# Epoch 1 and every tenth of 20 epochs: 1 2 4 6 ... 20.
is "$(grep -c '^finf-train: epoch [0-9]*/20: loss [0-9.]*$' "$T/err")" 11 "-v: 11 loss lines"

# A progress bar only when stderr is a terminal, and not with -q.
if command -v script >/dev/null 2>&1 &&
	script -qec 'test -t 2' /dev/null >/dev/null 2>&1; then
	script -qec "'$FINF_TRAIN' --recipe=ferrum -e 50 -H 4 -o tty.finf '$IRIS'" /dev/null \
		>tty.txt 2>&1 </dev/null
	like tty.txt 'training \[#* *\] +[0-9]+% epoch [0-9]+/50' "a terminal shows a progress bar"
	script -qec "'$FINF_TRAIN' --recipe=ferrum -q -e 50 -H 4 -o tty.finf '$IRIS'" /dev/null \
		>tty.txt 2>&1 </dev/null
	is "$(tr -d '\r\n' <tty.txt)" "" "-q: no bar, nothing at all"
else
	skip 2 "no pseudo terminal (script)"
fi
run "$FINF_TRAIN" --recipe=ferrum -e 50 -H 4 -o m.finf "$IRIS"
check "no bar when stderr is not a terminal" test "$(grep -c 'training \[' "$T/err")" -eq 0

command -v jq >/dev/null 2>&1 || { skip 1 "no jq"; done_testing; exit; }

run "$FINF_TRAIN" --recipe=ferrum --report=json -q -e 3 -H 4 -o m.finf "$IRIS"
is "$(jq -r .epochs_run "$T/out")" 3 "-q still writes the JSON report asked for"
is "$(cat "$T/err")" "" "and nothing else"

run "$FINF_TRAIN" --recipe=ferrum --report=json -e 30 -H 8 -o m.finf "$IRIS"
is_status 0 "--report=json"
is "$(lines "$T/out")" 1 "one line of JSON"
is "$(cat "$T/err")" "" "and no text report"
is "$(jq -c 'keys_unsorted' "$T/out")" \
	'["task","rows","features","train_rows","holdout_rows","seed","recipe","epochs_run","seconds","holdout","train","confusion","skipped"]' \
	"exactly the report's keys (no columns under the original's rules)"
is "$(jq -c '[(.confusion | length), (.confusion | map(length) | unique), (.confusion | flatten | add) == .holdout_rows]' "$T/out")" \
	'[3,[3],true]' "confusion: 3 x 3, counting the held-out rows"
is "$(jq -c '[.holdout, .train] | map(keys_unsorted)' "$T/out")" \
	'[["accuracy","macro_f1","log_loss","brier","ece"],["accuracy","macro_f1","log_loss","brier","ece"]]' \
	"classification metric keys"
is "$(jq -r '.task' "$T/out")" classification "task"
is "$(jq -r '.rows' "$T/out")" "$(($(lines "$IRIS") - 1))" "rows: the file's lines less the header"
is "$(jq -r '.features' "$T/out")" "$(head -1 "$IRIS" | awk -F, '{ print NF - 1 }')" "features"
is "$(jq -r '.holdout_rows + .train_rows' "$T/out")" 150 "held-out and training rows add up"
is "$(jq -r '.holdout_rows' "$T/out")" 30 "a fifth held out"
is "$(jq -r '.seed' "$T/out")" 1337 "seed"
is "$(jq -r '.recipe' "$T/out")" ferrum "recipe"
is "$(jq -r '.epochs_run' "$T/out")" 30 "epochs_run"
is "$(jq -r '.seconds >= 0' "$T/out")" true "seconds"
is "$(jq -r '[.holdout.accuracy, .train.accuracy] | map(. >= 0 and . <= 1) | all' "$T/out")" true \
	"accuracies are fractions"
# A held-out accuracy is a multiple of 1/30.
is "$(jq -r '.holdout.accuracy * 30 | . - (. | round) | fabs < 1e-9' "$T/out")" true \
	"held-out accuracy counts whole rows of 30"

run "$FINF_TRAIN" --recipe=ferrum --report=json --holdout=0.5 -s 3 -e 5 -H 4 -o m.finf "$IRIS"
is "$(jq -r '[.holdout_rows, .train_rows, .seed] | map(tostring) | join(" ")' "$T/out")" "75 75 3" \
	"--holdout=0.5 and --seed=3"

run "$FINF_TRAIN" --recipe=ferrum --report=json --cv=3 -e 10 -H 4 -o m.finf "$IRIS"
is_status 0 "--cv=3"
is "$(jq -c '.cv | keys_unsorted' "$T/out")" '["k","folds","mean"]' "cv keys"
is "$(jq -r '.cv.k' "$T/out")" 3 "cv.k"
is "$(jq -r '.cv.folds | length' "$T/out")" 3 "three folds"
is "$(jq -r '(.cv.folds | map(.accuracy) | add / 3) - .cv.mean.accuracy | fabs < 1e-12' "$T/out")" \
	true "cv.mean is the mean of the folds"
is "$(jq -c '.cv.mean | keys_unsorted' "$T/out")" '["accuracy","macro_f1","log_loss","brier","ece"]' \
	"cv.mean has the metric keys"

# The default recipe divides a classifier's logits by the temperature it
# fits on the training rows' out-of-fold logits, and says so.
run "$FINF_TRAIN" -e 20 -H 10 -o m.finf "$IRIS"
is_status 0 "the default recipe"
like "$T/err" "^calibrated: logits divided by [0-9.e+-]+ \\(temperature fitted on 120 out-of-fold rows\\)\$" \
	"the calibration line"
run "$FINF_TRAIN" --report=json --cv=3 -e 20 -H 10 -o m.finf "$IRIS"
is "$(jq -c '.calibration | keys_unsorted' "$T/out")" '["temperature","rows"]' "calibration keys"
is "$(jq -r '.calibration | .temperature >= 0.05 and .temperature <= 20' "$T/out")" true \
	"the temperature in [0.05, 20]"
is "$(jq -r '[.holdout, .train, .cv.mean] + .cv.folds | map(.brier >= 0 and .brier <= 2 and .ece >= 0 and .ece <= 1) | all' "$T/out")" \
	true "Brier in [0, 2] and ECE in [0, 1] everywhere"
is "$(jq -r '(.cv.folds | map(.brier) | add / 3) - .cv.mean.brier | fabs < 1e-12' "$T/out")" \
	true "cv.mean.brier is the mean of the folds"
run "$FINF_TRAIN" --report=json -e 20 -H 10 -t petal_width -o m.finf "$IRIS"
is "$(jq -r 'has("calibration")' "$T/out")" false "regression: no calibration"

# Regression: the first four columns, petal width last.
cut -d, -f1-4 "$IRIS" >width.csv
run "$FINF_TRAIN" --recipe=ferrum --report=json --cv=2 -e 10 -H 4 -o w.finf width.csv
is_status 0 "regression"
is "$(jq -r '.task' "$T/out")" regression "task regression"
is "$(jq -c '[.holdout, .train, .cv.mean] | map(keys_unsorted)' "$T/out")" \
	'[["rmse","mae","r2"],["rmse","mae","r2"],["rmse","mae","r2"]]' "regression metric keys"
is "$(jq -r '.holdout.rmse >= .holdout.mae' "$T/out")" true "RMSE is at least MAE"
run "$FINF_TRAIN" --recipe=ferrum -e 10 -H 4 -o w.finf width.csv
like "$T/err" "^RMSE +[0-9.e+-]+ +[0-9.e+-]+\$" "text: RMSE"
like "$T/err" "^MAE +[0-9.e+-]+ +[0-9.e+-]+\$" "text: MAE"
like "$T/err" "^R2 +-?[0-9.]+ +-?[0-9.]+\$" "text: R2"

done_testing

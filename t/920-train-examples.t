#!/bin/sh
# finf-train(1) EXAMPLES: each pipeline of the manual, run as written (from the source tree).
. "${top_srcdir:-.}/t/lib.sh"

command -v jq >/dev/null 2>&1 || skip_all "no jq"
# The examples name finf-train and examples/iris.csv as a user would.
mkdir "$T/bin" "$T/examples" || exit 99
ln -s "$(cd "$(dirname "$FINF_TRAIN")" && pwd)/$(basename "$FINF_TRAIN")" "$T/bin/finf-train"
ln -s "$(cd "$(dirname "$FINF_INSPECT")" && pwd)/$(basename "$FINF_INSPECT")" "$T/bin/finf-inspect"
cp "$top_srcdir/examples/iris.csv" "$T/examples/"
PATH="$T/bin:$PATH"
cd "$T" || exit 99

# 1. The held-out accuracy of the default recipe.
finf-train --report=json -o iris.finf examples/iris.csv |
	jq .holdout.accuracy >acc.txt
like acc.txt '^(0(\.[0-9]+)?|1)$' "example 1: a fraction"
is "$(cat acc.txt)" "$(finf-inspect --json iris.finf | jq .metadata.holdout.accuracy)" \
	"example 1: the model records the same figure"

# 2. A raw file: one line per column, Ticket left out, Pclass as categories.
if [ "$REAL_DATA" = yes ] && [ -r "$DATASETS/raw/titanic.csv" ]; then
	cp "$DATASETS/raw/titanic.csv" titanic.csv
	finf-train -t Survived -x Ticket --categorical=Pclass --report=json \
		-o titanic.finf titanic.csv | jq -c '.columns[]' >cols.txt
	is "$(lines cols.txt)" 12 "example 2: one line per column"
	is "$(jq -r 'select(.name == "Ticket") | .why' cols.txt)" -x "example 2: Ticket left out"
	is "$(jq -r 'select(.name == "Pclass") | .kind' cols.txt)" categorical \
		"example 2: Pclass read as categories"
else
	skip 3 "no raw datasets"
fi

# 3. The original's iris model, byte for byte.
if [ "$REAL_DATA" = yes ] && [ "$GOLDEN" = yes ]; then
	cp "$DATASETS/iris.csv" iris.csv
	finf-train --recipe=ferrum -n Iris -H 32 -e 500 -o iris.finf iris.csv 2>/dev/null
	same_file iris.finf "$TESTDATA/iris.bin" "example 3: the golden iris model"
else
	skip 1 "no datasets or test data"
fi

# 4. Petal width from the other measurements: an RMSE well below the
# column's own standard deviation (what predicting the mean would give).
cut -d, -f1-4 examples/iris.csv |
	finf-train --recipe=ferrum --report=json -o width.finf |
	jq .holdout.rmse >rmse.txt
sd=$(awk -F, 'NR > 1 { s += $4; q += $4 * $4; n++ } END { printf "%.6f", sqrt(q / n - (s / n) ^ 2) }' examples/iris.csv)
check "example 4: RMSE $(cat rmse.txt) is a number below half the std $sd" \
	awk -v r="$(cat rmse.txt)" -v s="$sd" 'BEGIN { exit !(r ~ /^[0-9.e-]+$/ && r > 0 && r < s / 2) }'
is "$(finf-inspect --json width.finf | jq -r .task)" regression "example 4: a regressor"

# 5. Five folds, one line each.
finf-train --recipe=ferrum --cv=5 --report=json -o iris.finf \
	examples/iris.csv | jq -c '.cv.folds[]' >folds.txt
is "$(lines folds.txt)" 5 "example 5: five lines"
is "$(jq -c keys_unsorted folds.txt | sort -u)" '["accuracy","macro_f1","log_loss","brier","ece"]' \
	"example 5: each a fold's figures"

# 6. From a pipe to a pipe.
grep -v versicolor examples/iris.csv |
	finf-train --recipe=ferrum -q -n setosa-virginica | wc -c >bytes.txt
grep -v versicolor examples/iris.csv >sv.csv
finf-train --recipe=ferrum -q -n setosa-virginica -o sv.finf sv.csv
is "$(tr -d ' ' <bytes.txt)" "$(wc -c <sv.finf | tr -d ' ')" "example 6: the whole model went down the pipe"
is "$(finf-inspect --json sv.finf | jq -c .class_names)" '["setosa","virginica"]' \
	"example 6: two classes"

done_testing

#!/bin/sh
# finf-train: a class target that is no label is refused; many real classes keep the text reports of finf-train, finf-predict and finf-stats short, JSON whole.
. "${top_srcdir:-.}/t/lib.sh"

need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_STATS"
cd "$T" || exit 99
OPTS='-e 3 -H 4 -s 1'

# A free-text target: 300 rows, 270 names on one row each, 30 rows "common".
awk 'BEGIN { print "a,b,name"
	for (i = 0; i < 300; i++)
		printf "%d,%d,%s\n", (i * 37) % 101, (i * 7) % 13, i % 10 ? "pkg-" i : "common" }' >free.csv
FREE="target 'name' \\(column 3\\) has 271 classes in 300 rows, 270 of them on a single row: not a label to learn from; choose another with --target"
train_data_error "a free-text target" "^finf-train: free\\.csv: $FREE\$" -o o/m.finf free.csv
train_data_error "the same with --task=classification" "^finf-train: free\\.csv: $FREE\$" \
	--task=classification -o o/m.finf free.csv
train_data_error "the same under the ferrum recipe" "^finf-train: free\\.csv: $FREE\$" \
	--recipe=ferrum -o o/m.finf free.csv
train_data_error "the same from stdin" "^finf-train: <stdin>: $FREE\$" -o o/m.finf - <free.csv
# No header: the column's number names it.
tail -n +2 free.csv >bare.csv
train_data_error "a free-text target without a header" \
	"^finf-train: bare\\.csv: target column 3 has 271 classes in 300 rows, 270 of them on a single row: not a label to learn from; choose another with --target\$" \
	-o o/m.finf bare.csv
# A numeric target forced into classes: regression is the way out.
awk 'BEGIN { print "x,y"; for (i = 0; i < 300; i++) printf "%d,%g\n", (i * 7) % 13, i / 2 }' >num.csv
train_data_error "a numeric target forced into classes" \
	"^finf-train: num\\.csv: target 'y' \\(column 2\\) has 300 classes in 300 rows, 300 of them on a single row: not a label to learn from; choose another with --target or --task=regression\$" \
	--task=classification -o o/m.finf num.csv
# A long name is shortened, and the message stays one line.
awk 'BEGIN { printf "a,b,"; for (i = 0; i < 30; i++) printf "long name "; print ""
	for (i = 0; i < 100; i++) printf "%d,%d,v%d\n", (i * 7) % 11, i % 3, i }' >long.csv
train_data_error "a long target name" \
	"^finf-train: long\\.csv: target 'long name long name long name long na\\.\\.\\.' \\(column 3\\) has 100 classes in 100 rows" \
	-o o/m.finf long.csv
# The other columns still train: the message's way out works.
run "$FINF_TRAIN" -q $OPTS -t b -o b.finf free.csv
is_status 0 "another target of the same file trains"

# The boundary: 21 classes, 11 of them on one row, is refused; 10 trains.
# classes.csv R S: R classes of 5 rows, then S classes of one row.
classes() {
	awk -v r="$1" -v s="$2" 'BEGIN { print "x,y,label"; n = 0
		for (k = 0; k < r; k++) for (i = 0; i < 5; i++) printf "%d,%d,c%d\n", (n++ * 7) % 11, k, k
		for (k = 0; k < s; k++) printf "%d,%d,one%d\n", (n++ * 7) % 11, (k * 5) % 7, k }'
}
classes 10 11 >b11.csv
train_data_error "21 classes, 11 on a single row" \
	"^finf-train: b11\\.csv: target 'label' \\(column 3\\) has 21 classes in 61 rows, 11 of them on a single row: not a label" \
	-o o/m.finf b11.csv
classes 11 10 >b10.csv
run "$FINF_TRAIN" -q $OPTS -o b10.finf b10.csv
is_status 0 "21 classes, 10 on a single row: trains"
is "$(wc -c <"$T/err" | tr -d ' ')" 0 "21 classes, 10 on a single row: nothing on stderr"
# 20 classes are few, however many on one row.
classes 0 20 >b20.csv
run "$FINF_TRAIN" -q $OPTS --holdout=0.2 -o b20.finf b20.csv
is_status 0 "20 classes, every one on a single row: trains"

# 30 classes of 10 rows each: a label; the text report lists 20 and leaves
# out the 30 x 30 matrix, --report=json keeps it.
awk 'BEGIN { print "x,z,kind"
	for (i = 0; i < 300; i++) printf "%d,%d,k%02d\n", i % 30, (i * 11) % 17, i % 30 }' >thirty.csv
run "$FINF_TRAIN" $OPTS -o t.finf thirty.csv
is_status 0 "30 classes of 10 rows: trains"
like "$T/err" '^classes: k00 10, k01 10, .*, k19 10, \.\.\. and 10 more$' \
	"the classes line lists the first 20 and ends with 'and 10 more'"
is "$(grep -c 'k20' "$T/err")" 0 "no class past the 20th is named"
is "$(grep -c '^confusion on the held-out rows (rows' "$T/err")" 0 "no confusion matrix"
like "$T/err" '^confusion on the held-out rows left out: 30 classes, more than 20 \(--report=json has the whole matrix\)$' \
	"one line says the matrix is left out, and where it is"
run "$FINF_TRAIN" --report=json $OPTS -o t.finf thirty.csv
is_status 0 "30 classes: --report=json"
# The matrix's rows, one per line, and each row's counts.
sed -n 's/.*"confusion":\[\(\[[0-9,]*\]\(,\[[0-9,]*\]\)*\)\].*/\1/p' "$T/out" |
	sed 's/\],\[/\n/g; s/[][]//g' >conf.txt
is "$(lines conf.txt)" 30 "--report=json: 30 rows of confusion"
is "$(awk -F, 'NF != 30' conf.txt | wc -l | tr -d ' ')" 0 "--report=json: 30 counts in each"
held=$(sed -n 's/.*"holdout_rows":\([0-9]*\).*/\1/p' "$T/out")
is "$(tr ',' '\n' <conf.txt | awk '{ s += $1 } END { print s + 0 }')" "$held" \
	"--report=json: the counts add up to the held-out rows ($held)"

# A few classes keep the whole report: classes line and matrix.
classes 3 0 >three.csv
run "$FINF_TRAIN" $OPTS --holdout=0.7 -o three.finf three.csv
is_status 0 "3 classes: trains"
like "$T/err" '^classes: c0 5, c1 5, c2 5$' "3 classes: the whole classes line"
like "$T/err" '^confusion on the held-out rows \(rows: true class, columns: predicted\):$' \
	"3 classes: the confusion matrix"

# finf-predict --evaluate: the same cap on its text report, JSON whole.
run "$FINF_PREDICT" --evaluate t.finf thirty.csv
is_status 0 "finf-predict --evaluate, 30 classes"
is "$(grep -c '^confusion (rows' "$T/out")" 0 "finf-predict --evaluate: no 30 x 30 matrix"
like "$T/out" '^confusion left out: 30 classes, more than 20 \(--report=json has the whole matrix\)$' \
	"finf-predict --evaluate: one line says so"
run "$FINF_PREDICT" --evaluate --report=json t.finf thirty.csv
is_status 0 "finf-predict --evaluate --report=json, 30 classes"
is "$(grep -o '\],\[' "$T/out" | wc -l | tr -d ' ')" 29 \
	"finf-predict --evaluate --report=json: the 30-row matrix"

# finf-stats: a row's class table shows the 20 likeliest and sums the rest.
head -n 2 thirty.csv | cut -d, -f1,2 >row.csv
run "$FINF_STATS" --color=never t.finf row.csv
is_status 0 "finf-stats, 30 classes"
is "$(grep -c '^k[0-9][0-9] ' "$T/out")" 20 "finf-stats: 20 class lines"
like "$T/out" '^\.\.\. and 10 more +0\.[0-9]{6}  \(together; --json lists every class\)$' \
	"finf-stats: one line for the other 10"
run "$FINF_STATS" --json t.finf row.csv
is_status 0 "finf-stats --json, 30 classes"
is "$(grep -o '"k[0-9][0-9]"' "$T/out" | sort -u | wc -l | tr -d ' ')" 30 \
	"finf-stats --json: every class"

done_testing

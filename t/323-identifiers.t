#!/bin/sh
# 323-identifiers.t: a column of identifiers (a name such as "id",
# "PassengerId" or "customer_id" over a different integer on every row)
# is left out as finf-train leaves out row numbers, in whatever order the
# rows come; a column of distinct integers whose name says nothing of the
# kind, or an id column with a repeat or a gap, stays an input.  Row
# numbers (integers up by 1 from row to row) start at 0 or 1, or anywhere
# under no name: a named run from elsewhere (Year 1751, 1752, ...) is an
# input.  Dates written year first with slashes are dates.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT"
cd "$T" || exit 99

# table NAME: 60 rows in a shuffled order of NAME (distinct integers from
# 1000, not in row order), a, b and a class of a and b.
table() {
	echo "$1,a,b,y"
	awk 'BEGIN {
		for (i = 1; i <= 60; i++) {
			a = i % 7; b = (i * 3) % 11
			printf "%d,%d,%d,%s\n", 1000 + (i * 37) % 61, a, b, (a + b > 8 ? "yes" : "no")
		}
	}'
}
# ignored NAME: finf-train's reason for leaving out the column NAME,
# "input" when it is an input, or what went wrong
ignored() {
	table "$1" >t.csv
	"$FINF_TRAIN" -o t.finf t.csv 2>t.err || { echo "finf-train failed: $?"; return; }
	sed -n "s/^ignored:.*$1 (1): \\([a-z ]*\\).*/\\1/p" t.err | grep . ||
		{ grep -q "^  $1 *(1) *numeric" t.err && echo input; } || echo "neither"
}

for name in id ID Id key index obs PassengerId CustomerID customer_id user-id row.id "order id"; do
	is "$(ignored "$name")" identifiers "'$name' over distinct integers: identifiers"
done
for name in paid GRID valid amount idea; do
	is "$(ignored "$name")" input "'$name' over distinct integers: an input"
done

# A repeat or a gap keeps it an input.
{ table id; echo '1005,1,1,no'; } >repeat.csv
run "$FINF_TRAIN" -o repeat.finf repeat.csv
is_status 0 "an id column with a repeated value trains"
like "$T/err" "^  id +\\(1\\) +numeric" "and it is an input"
{ table id; echo ',1,1,no'; } >gap.csv
run "$FINF_TRAIN" -o gap.finf gap.csv
is_status 0 "an id column with a gap trains"
like "$T/err" "^  id +\\(1\\) +numeric" "and it is an input"

# The model of a table with identifiers does not need them.
table PassengerId >ids.csv
"$FINF_TRAIN" -q -o ids.finf ids.csv
cut -d, -f2- ids.csv >noids.csv
run "$FINF_PREDICT" ids.finf noids.csv
is_status 0 "rows without the identifiers are predicted"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"

# series NAME FIRST: 60 rows of NAME counting up from FIRST, and a
# target that grows with it.
series() {
	echo "$1,y"
	awk -v first="$2" 'BEGIN { for (i = 0; i < 60; i++) printf "%d,%.1f\n", first + i, 3 + i * 0.5 + (i % 4) }'
}
series Year 1751 >year.csv
run "$FINF_TRAIN" -o year.finf year.csv
is_status 0 "Year 1751, 1752, ... trains"
like "$T/err" "^  Year +\\(1\\) +numeric" "and Year is an input, not row numbers"
run "$FINF_PREDICT" year.finf year.csv
is_status 0 "finf-predict reads the same file back"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"
for start in 0 1; do
	series n "$start" | sed 's/$/,x/; 1s/,x$/,z/' | awk -F, -v OFS=, 'NR > 1 { $3 = NR % 3 } 1' >count.csv
	run "$FINF_TRAIN" -t y -o count.finf count.csv
	like "$T/err" "^ignored: n \\(1\\): row numbers" "n from $start counts rows"
done
series '' 101 | sed 's/$/,0/; 1s/,0$/,z/' | awk -F, -v OFS=, 'NR > 1 { $3 = NR % 3 } 1' >subset.csv
run "$FINF_TRAIN" -t y -o subset.finf subset.csv
like "$T/err" "^ignored: 1 \\(1\\): row numbers" "an unnamed run from 101 counts rows (a subset's row names)"

# Dates written year first with slashes.
awk 'BEGIN { print "when,temp"
	for (i = 0; i < 60; i++) printf "2010/01/%02d %02d:00,%.1f\n", 1 + int(i / 24), i % 24, 40 + (i % 24) / 3 }' >slash.csv
run "$FINF_TRAIN" -o slash.finf slash.csv
is_status 0 "dates with slashes train"
like "$T/err" "^  when +\\(1\\) +date" "and 'when' is a date"
printf 'when\n2010/01/02 13:00\n' >one-slash.csv
printf 'when\n2010-01-02 13:00\n' >one-dash.csv
"$FINF_PREDICT" slash.finf one-slash.csv >one-slash.out 2>&1
"$FINF_PREDICT" slash.finf one-dash.csv >one-dash.out 2>&1
same_file one-slash.out one-dash.out "2010/01/02 13:00 and 2010-01-02 13:00 are the same date"
like one-slash.out "^[0-9.-]+$" "and a prediction"

done_testing

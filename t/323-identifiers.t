#!/bin/sh
# 323-identifiers.t: a column of identifiers (a name such as "id",
# "PassengerId" or "customer_id" over a different integer on every row)
# is left out as finf-train leaves out row numbers, in whatever order the
# rows come; a column of distinct integers whose name says nothing of the
# kind, or an id column with a repeat or a gap, stays an input.
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

done_testing

#!/bin/sh
# 261-stats-describe.t: finf-stats --describe against awk's own count, mean,
# population std, min, quartiles (linear interpolation), max and distinct
# values; missing values; categorical columns; headerless input.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
cd "$T" || exit 99

cat >small.csv <<'CSV'
x,colour,y
1,red,10
2,blue,NA
3,red,
4,green,?
10,red,20
CSV
run "$FINF_STATS" --describe --json small.csv
is_status 0 "small: --json"
is "$(lines out)" 3 "one object per column"
jq -c '{column, kind, count, missing, mean, std, min, q1, median, q3, max, distinct}' out >got
cat >want <<'JSON'
{"column":"x","kind":"numeric","count":5,"missing":0,"mean":4,"std":3.1622776601683795,"min":1,"q1":2,"median":3,"q3":4,"max":10,"distinct":5}
{"column":"colour","kind":"categorical","count":5,"missing":0,"mean":null,"std":null,"min":null,"q1":null,"median":null,"q3":null,"max":null,"distinct":3}
{"column":"y","kind":"numeric","count":2,"missing":3,"mean":15,"std":5,"min":10,"q1":12.5,"median":15,"q3":17.5,"max":20,"distinct":2}
JSON
same_file got want "small: values by hand (std of 1,2,3,4,10 is sqrt 10)"
is "$(jq -r 'select(.column == "colour") | "\(.top) \(.top_count)"' out)" "red 3" "most frequent value"

run "$FINF_STATS" --describe small.csv
is_status 0 "small: text"
like out '^3 columns, 5 rows$' "text: shape"
like out '^x \(numeric\): count 5, missing 0, distinct 5$' "text: numeric column"
like out '^colour \(categorical\): count 5, missing 0, distinct 3$' "text: categorical column"
like out '^  most frequent: red \(3\)$' "text: most frequent"
like out '^  min 1  q1 2  median 3  q3 4  max 10$' "text: quartiles"
is "$(awk 'length > 80' out | wc -l | tr -d ' ')" 0 "text fits 80 columns"

# Without a header (the first record is of the rows' kinds): numbered columns.
tail -n +2 small.csv | cut -d, -f1,3 | grep -v '^[0-9]*,$' | grep -v 'NA\|?' >nohead.csv
run "$FINF_STATS" --describe --json - <nohead.csv
is "$(jq -r .column out | tr '\n' ' ')" "1 2 " "headerless: numbered columns"
is "$(jq -r 'select(.column == "1") | .count' out)" 2 "headerless: every record is data"

run "$FINF_STATS" --describe --json /dev/null
is_status 1 "empty input"
is "$(cat err)" "finf-stats: /dev/null: empty input" "empty input: message"
printf 'a,b\n1,2\n3\n' >ragged.csv
run "$FINF_STATS" --describe ragged.csv
is_status 1 "ragged"
is "$(cat err)" "finf-stats: ragged.csv:3: expected 2 fields, got 1" "ragged: message"
run "$FINF_STATS" --describe --input=jsonl small.csv
is_status 2 "--describe reads CSV only"
run "$FINF_STATS" --describe a b
is_status 2 "--describe takes one operand"

# The iris table (the dataset, or the fixture made from examples/), every
# numeric column recomputed with awk.
need_fixtures
D=$DATASETS/iris.csv
run "$FINF_STATS" --describe --json "$D"
is_status 0 "iris: --json"
cp out iris.json
ncol=$(head -n 1 "$D" | awk -F, '{ print NF }')
is "$(lines iris.json)" "$ncol" "iris: one object per column"
i=1
while [ $i -lt "$ncol" ]; do
	name=$(head -n 1 "$D" | cut -d, -f$i)
	tail -n +2 "$D" | cut -d, -f$i | sort -g >col
	awk -v name="$name" '
		{ v[NR] = $1 + 0; s += $1 } 
		END {
			n = NR; m = s / n
			for (i = 1; i <= n; i++) ss += (v[i] - m) ^ 2
			d = 0; for (i = 1; i <= n; i++) if (i == 1 || v[i] != v[i - 1]) d++
			printf "%s %d %.6f %.6f %.6f", name, n, m, sqrt(ss / n), v[1]
			for (q = 1; q <= 3; q++) {
				h = (n - 1) * q / 4; f = int(h)
				printf " %.6f", v[f + 1] + (h - f) * (v[f + 2] - v[f + 1])
			}
			printf " %.6f %d\n", v[n], d
		}' col >want
	jq -r --arg c "$name" 'select(.column == $c) |
		"\(.column) \(.count) \(.mean) \(.std) \(.min) \(.q1) \(.median) \(.q3) \(.max) \(.distinct)"' iris.json |
		awk '{ printf "%s %d %.6f %.6f %.6f %.6f %.6f %.6f %.6f %d\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10 }' >got
	same_file got want "iris: $name as awk computes it"
	i=$((i + 1))
done
is "$(jq -r 'select(.kind == "categorical") | "\(.column) \(.distinct)"' iris.json)" "species 3" \
	"iris: the label column is categorical with 3 values"
done_testing

#!/bin/sh
# 156-hostile-tables: real-table rules under stress.  A column that
# switches kind halfway is read as what it is (a few stray texts are an
# error that names the column and the line; half text makes it a column of
# distinct values, left out); a hundred thousand distinct names train and
# are left out; a million rows of levels never seen stream through
# finf-predict, each answered, with one warning line at the end; a file of
# gaps everywhere trains or fails with one line, never worse.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
. "$top_srcdir/t/hostile.sh"

need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT"
cd "$T" || exit 99
command -v jq >/dev/null 2>&1 || bail "jq is needed (Debian: apt-get install jq)"

# kind MODEL COLUMN: the stored kind of COLUMN, and why when ignored.
kind() {
	"$FINF_INSPECT" --json "$1" | jq -r --arg c "$2" '.metadata.schema.columns[] |
		select(.name == $c) | .kind + (if .why then " (" + .why + ")" else "" end)'
}

# A column of numbers with three stray texts in 200 rows: an error that
# names the column and the first line, and says what to do.
awk 'BEGIN { print "n,v,y"
	for (i = 1; i <= 200; i++)
		printf "%d,%s,%s\n", i % 9, (i == 150 || i == 170 || i == 190) ? "oops" : i * 3 % 17, i % 2 ? "a" : "b" }' >stray.csv
fails_cleanly "three stray texts in a numeric column" \
	"stray\\.csv:151: column 'v' \\(2\\): 'oops' is not a number; mark missing values with --na or ignore the column with -x" \
	"$FINF_TRAIN" -q -e 1 -o stray.finf stray.csv
empty_dir_of() { ls "$1" 2>/dev/null | grep -c '\.finf' ; }
is "$(empty_dir_of .)" 0 "no model file is left behind"
run "$FINF_TRAIN" -q -e 1 --na=oops -o stray.finf stray.csv
is_status 0 "--na names the stray text: it trains"
is "$(kind stray.finf v)" "numeric" "... and the column stays numeric"

# Numbers for the first half, text for the second: many distinct values,
# left out; the model still predicts every row.
awk 'BEGIN { print "n,v,y"
	for (i = 1; i <= 200; i++)
		printf "%d,%s,%s\n", i % 9, i <= 100 ? i * 1.5 : "t" i, i % 2 ? "a" : "b" }' >half.csv
run "$FINF_TRAIN" -q -e 1 -o half.finf half.csv
is_status 0 "a column that switches kind halfway trains"
is "$(kind half.finf v)" "ignored (distinct values)" "... and is left out as distinct values"
run "$FINF_PREDICT" half.finf half.csv
is_status 0 "... and finf-predict answers it"
is "$(lines "$T/out")" 201 "... every row"

# Numbers, then one repeated word for the second half: a category column
# of numbers and a word, with its most frequent levels kept.
awk 'BEGIN { print "n,v,y"
	for (i = 1; i <= 400; i++)
		printf "%d,%s,%s\n", i % 9, i <= 200 ? i % 5 : "none", i % 2 ? "a" : "b" }' >word.csv
run "$FINF_TRAIN" -q -e 1 -o word.finf word.csv
is_status 0 "numbers then a word train"
is "$(kind word.finf v)" "categorical" "... as a category column"

# A hundred thousand distinct names: left out, the rest trains.
awk 'BEGIN { print "id_text,x,y"
	for (i = 1; i <= 100000; i++) printf "name %d,%d,%s\n", i, i % 13, i % 3 ? "a" : "b" }' >names.csv
run "$FINF_TRAIN" -q -e 1 -H 2 -o names.finf names.csv
is_status 0 "100000 distinct names train"
is "$(kind names.finf id_text)" "ignored (distinct values)" "... and are left out"

# A model with a category column, then a million rows of levels it never
# saw: every row answered as it streams, one warning line at the end.
awk 'BEGIN { print "c,x,y"
	for (i = 1; i <= 300; i++) printf "%s,%d,%s\n", substr("pqr", i % 3 + 1, 1), i % 7, i % 2 ? "a" : "b" }' >cat.csv
run "$FINF_TRAIN" -q -e 1 -o cat.finf cat.csv
is_status 0 "a category column trains"
is "$(kind cat.finf c)" "categorical" "... as a category"
awk 'BEGIN { print "c,x"; for (i = 1; i <= 1000000; i++) printf "level%d,%d\n", i, i % 7 }' >million.csv
run "$FINF_PREDICT" cat.finf million.csv
is_status 0 "a million unseen levels: exit 0"
is "$(lines "$T/out")" 1000001 "... a header and an answer per row"
is "$(cat "$T/err")" \
	"finf-predict: 1000000 of 1000000 rows had values unlike the training data; see finf-stats" \
	"... one warning line"

# Gaps everywhere: every feature cell empty.  Training leaves every
# feature out and says so in one line; rows with gaps predict.
awk 'BEGIN { print "a,b,y"; for (i = 1; i <= 50; i++) printf ",,%s\n", i % 2 ? "a" : "b" }' >gaps.csv
fails_cleanly "gaps everywhere" "gaps\\.csv: " "$FINF_TRAIN" -q -e 1 -o gaps.finf gaps.csv
awk 'BEGIN { print "a,b,y"; for (i = 1; i <= 60; i++)
	printf "%s,%s,%s\n", i % 3 ? i : "", i % 4 ? "u" : "", i % 2 ? "a" : "b" }' >some.csv
run "$FINF_TRAIN" -q -e 1 -o some.finf some.csv
is_status 0 "gaps in every column train"
printf 'a,b\n,\n,\n' >empty-rows.csv
run "$FINF_PREDICT" some.finf empty-rows.csv
is_status 0 "rows of gaps predict"
is "$(lines "$T/out")" 3 "... each answered"
done_testing

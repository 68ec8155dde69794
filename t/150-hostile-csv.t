#!/bin/sh
# 150-hostile-csv: finf-train on hostile CSV input.  Bad input fails with
# exit 1, one line "finf-train: FILE:LINE: ..." and no model (nor temporary
# file) left in the output directory; a UTF-8 BOM, CRLF line ends, 100,000
# columns and a class with a single row are fine.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
. "$top_srcdir/t/hostile.sh"

need_built "$FINF_TRAIN"
cd "$T" || exit 99

# Small and quick on purpose: these tests are about the input, not the fit.

# 30 rows, two features, two classes.
awk 'BEGIN { print "a,b,label"
	for (i = 1; i <= 30; i++) printf "%d,%d,%s\n", i, (i * 7) % 11, (i % 2 ? "x" : "y") }' >plain.csv
TRAIN_OPTS=$(train_opts plain.csv)

# train_fails FILE DESC WHERE: finf-train -o o/m.finf FILE fails cleanly at
# WHERE (a regex after "finf-train: ") and leaves o/ empty.
train_fails() {
	rm -rf o && mkdir o
	# shellcheck disable=SC2086
	fails_cleanly "$2" "$3" "$FINF_TRAIN" $TRAIN_OPTS -o o/m.finf "$1"
	empty_dir o "$2: no output file"
}

# train_ok FILE DESC: finf-train -o FILE.finf FILE succeeds.
train_ok() {
	# shellcheck disable=SC2086
	run "$FINF_TRAIN" $TRAIN_OPTS -o "$1.finf" "$1"
	is_status 0 "$2: trains"
	[ "$status" -eq 0 ] || sed 's/^/# /' "$T/err" | head -3
}

rm -rf o && mkdir o
: >empty	# (not /dev/null, which a root process may have replaced)
# shellcheck disable=SC2086
fails_cleanly "empty stdin" '<stdin>(:[0-9]+)?: .*empty' "$FINF_TRAIN" $TRAIN_OPTS -o o/m.finf <empty
empty_dir o "empty stdin: no output file"

printf 'a,b,label\n' >header.csv
train_fails header.csv "a header and no rows" 'header\.csv(:[0-9]+)?: .*no (data )?rows'

printf 'a,b,label\n1,2,x\n3,4,y\n5,6\n7,8,x\n' >ragged.csv
train_fails ragged.csv "a short row" 'ragged\.csv:4: '
printf 'a,b,label\n1,2,x\n3,4,y\n5,6,x,9\n7,8,x\n' >ragged2.csv
train_fails ragged2.csv "a long row" 'ragged2\.csv:4: '

printf 'a,b,label\n1,2,x\n"3,4,y\n5,6,x\n7,8,y\n' >quote.csv
train_fails quote.csv "an unterminated quote" 'quote\.csv:3: '

printf 'a,b,label\n1,2,x\n3,4\000,y\n5,6,x\n' >nul.csv
train_fails nul.csv "a NUL byte" 'nul\.csv:3: '

printf 'a,\377\376b,label\n1,2,x\n3,4,y\n' >utf8.csv
train_fails utf8.csv "invalid UTF-8 in the header" 'utf8\.csv:1: '
printf '\377\376a\000,\000b\000\n\0001\000,\0002\000\n\000' >utf16.csv
train_fails utf16.csv "UTF-16 (Excel's Unicode text)" 'utf16\.csv:1: UTF-16 text \(convert the file, for example with iconv -f utf-16 -t utf-8\)$'

# A number that is not finite as a float, alone among numbers, is named
# (NaN and nan are missing-value markers: they are imputed).
for v in Inf -inf infinity 1e39 -1e39; do
	{ head -5 plain.csv; echo "$v,3,x"; tail -n +7 plain.csv; } >num.csv
	train_fails num.csv "feature value $v" "num\\.csv:6: column 'a' \\(1\\): '.*' is not a number"
done
for v in NaN nan; do
	{ head -5 plain.csv; echo "$v,3,x"; tail -n +7 plain.csv; } >num.csv
	train_ok num.csv "feature value $v (missing)"
done

# 10 MB in one field: refused as not a number, with a short message.
{ echo 'a,b,label'; echo '1,2,x'; printf '3,'; head -c 10000000 /dev/zero | tr '\000' 7
  echo 'x,y'; echo '5,6,x'; } >big.csv
TRAIN_OPTS_DEFAULT=$TRAIN_OPTS
TRAIN_OPTS="$TRAIN_OPTS --recipe=ferrum"
train_fails big.csv "a 10 MB field" 'big\.csv:3: '
TRAIN_OPTS=$TRAIN_OPTS_DEFAULT
# Under the real-table rules it is text, a level of its own: it trains, or
# is refused cleanly.
rm -rf o && mkdir o
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o o/m.finf big.csv
if [ "$status" -eq 0 ]; then ok 1 "a 10 MB text field: trains"
else is "$status:$(lines "$T/err")" "1:1" "a 10 MB text field: trains, or exit 1 with one line"; fi
{ echo 'a,b,label'; echo '1,2,x'; printf '3,4,'; head -c 10000000 /dev/zero | tr '\000' z
  echo; echo '5,6,x'; } >biglabel.csv
rm -rf o && mkdir o
# A 10 MB label is a valid class name: it trains, or is refused cleanly.
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o o/m.finf biglabel.csv
if [ "$status" -eq 0 ]; then ok 1 "a 10 MB label: trains"
else is "$status:$(lines "$T/err")" "1:1" "a 10 MB label: trains, or exit 1 with one line"; fi
rm -f big.csv biglabel.csv

# The same data with a UTF-8 BOM, or with CRLF line ends, gives the same model.
train_ok plain.csv "plain CSV"
printf '\357\273\277' | cat - plain.csv >bom.csv
train_ok bom.csv "a UTF-8 BOM"
same_file bom.csv.finf plain.csv.finf "a BOM changes nothing in the model"
sed 's/$/\r/' plain.csv >crlf.csv
train_ok crlf.csv "CRLF line ends"
same_file crlf.csv.finf plain.csv.finf "CRLF changes nothing in the model"

# 100,000 columns: 99,999 features (and their names) make it into the model.
awk 'BEGIN { for (j = 1; j < 100000; j++) printf "f%d,", j; print "label"
	for (i = 1; i <= 8; i++) { for (j = 1; j < 100000; j++) printf "%d,", (i * j) % 13
		print (i % 2 ? "x" : "y") } }' >wide.csv
# The original's rules keep every column (the real-table rules drop the
# constant ones, every 13th here, and the row counters, j = 1 mod 13).
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS --recipe=ferrum -H 2 -e 1 -o wide.finf wide.csv
is_status 0 "100,000 columns: trains"
is "$(grep -ac '"input_dim":99999' wide.finf 2>/dev/null)" 1 "100,000 columns: input_dim 99999"
is "$(grep -ac '"f99999"' wide.finf 2>/dev/null)" 1 "100,000 columns: the last feature's name"
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -H 2 -e 1 -o wide.finf wide.csv
is_status 0 "100,000 columns, real-table rules: trains"
is "$(grep -ac '"input_dim":84614' wide.finf 2>/dev/null)" 1 \
	"100,000 columns, real-table rules: 7,692 constant and 7,693 row-number columns left out"
rm -f wide.csv wide.finf

# A class with a single row is learnable data: it trains, and the class is
# in the model.
{ cat plain.csv; echo '40,5,z'; } >single.csv
train_ok single.csv "a class with one row"
is "$(grep -ac '"class_names":\["x","y","z"\]' single.csv.finf 2>/dev/null)" 1 \
	"a class with one row: all three classes in the model"

done_testing

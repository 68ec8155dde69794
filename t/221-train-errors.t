#!/bin/sh
# finf-train: bad data and I/O failures: exit 1, one message naming the file (and line), no model file.
. "${top_srcdir:-.}/t/lib.sh"

cd "$T" || exit 99
# Every case uses the ferrum recipe with a short run: the errors come from
# the input, whatever the recipe.
OPTS='--recipe=ferrum -e 2 -H 4'

printf 'a,b,label\n1,2,x\n3,4,y\n5,abc,x\n7,8,y\n' >bad.csv
train_data_error "a field that is not a number" "^finf-train: bad\\.csv:4: field 2: 'abc' is not a number\$" \
	-o o/m.finf bad.csv
train_data_error "the same from stdin" "^finf-train: <stdin>:4: field 2: 'abc' is not a number\$" \
	-o o/m.finf - <bad.csv
printf 'a,b,label\n1,2,x\n3,4\n5,6,y\n' >short.csv
train_data_error "a short row" '^finf-train: short\.csv:3: expected 3 fields, got 2$' -o o/m.finf short.csv
: >empty.csv
train_data_error "an empty file" '^finf-train: empty\.csv: empty input$' -o o/m.finf empty.csv
train_data_error "empty stdin" '^finf-train: <stdin>: empty input$' -o o/m.finf </dev/null
printf 'a,b,label\n' >header.csv
train_data_error "a header without rows" '^finf-train: header\.csv: no data rows$' -o o/m.finf header.csv
printf 'a,b,label\n1,2,x\n3,4,x\n5,6,x\n' >one.csv
train_data_error "a single class" "^finf-train: one\\.csv: only one class \\('x'\\); nothing to learn\$" \
	-o o/m.finf one.csv
printf 'a,y\n1,5\n2,5.0\n3,5\n4,5\n' >flat.csv
train_data_error "a regression target that never varies" \
	'^finf-train: flat\.csv: .*constant.*5.*nothing to learn$' \
	--task=regression -o o/m.finf flat.csv
printf 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n' >ok.csv
train_data_error "a missing input file" '^finf-train: nope\.csv: No such file or directory$' \
	-o o/m.finf nope.csv
train_data_error "a directory that does not exist" \
	'^finf-train: o/none/m\.finf: No such file or directory$' -o o/none/m.finf ok.csv
printf 'x' >out.file
train_data_error "a directory that is a file" '^finf-train: out\.file/m\.finf: Not a directory$' \
	-o out.file/m.finf ok.csv
printf 'a,b,label\n1,2,x\n' >onerow.csv
train_data_error "one row" "^finf-train: onerow\\.csv: only one class \\('x'\\); nothing to learn\$" \
	-o o/m.finf onerow.csv

printf 'a,b,label\n1,2,x\n3,4,y\n' >two.csv
train_data_error "nothing left to train on" '^finf-train: two\.csv: cannot fit on 0 rows \(2 held out of 2\)$' \
	--holdout=0.99 -o o/m.finf two.csv

# A failed run leaves an existing model untouched.
"$FINF_TRAIN" -q $OPTS -o keep.finf ok.csv
cp keep.finf keep.orig
run "$FINF_TRAIN" $OPTS -o keep.finf bad.csv
is_status 1 "bad data over an existing model"
same_file keep.finf keep.orig "the existing model is untouched"

# An unwritable directory: no file, exit 1 (as root the write succeeds, so skip).
mkdir ro && chmod 555 ro
if [ -w ro ]; then
	skip 3 "running as root: the directory stays writable"
else
	run "$FINF_TRAIN" $OPTS -o ro/m.finf ok.csv
	is_status 1 "an unwritable directory"
	like "$T/err" '^finf-train: ro/m\.finf: .*[Pp]ermission denied' "says permission denied"
	is "$(ls ro)" "" "nothing left in it"
fi
chmod 755 ro

# A write error on stdout is an error.
if [ -w /dev/full ]; then
	status=0
	"$FINF_TRAIN" $OPTS -q ok.csv >/dev/full 2>"$T/err" || status=$?
	is_status 1 "a full disk on stdout"
	like "$T/err" '^finf-train: write error: No space left on device$' "says so"
else
	skip 2 "no /dev/full"
fi

done_testing

#!/bin/sh
# 253-predict-stream.t: finf-predict answers each row as it arrives when its
# output is a pipe (tail -f | finf-predict works), and a big input streams
# through with the same answers as the rows one by one.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_built "$FINF_PREDICT"
need_fixtures
M=$TESTDATA/iris.bin
IN=$TESTDATA/iris.inputs.csv
cd "$T" || exit 99
command -v mkfifo >/dev/null 2>&1 || bail "no mkfifo"

run "$FINF_PREDICT" "$M" "$IN"
is_status 0 "the rows from a file"
cp "$T/out" base.out

# Row by row through two FIFOs: after writing a row, a blocking read of the
# output must return its answer before the next row is written.  No clock
# is involved; only if an answer never came would the watchdog end the
# command after 300 s, and the reads then fail at end of file.
for fmt in csv jsonl; do
	if [ $fmt = csv ]; then cp "$IN" rows; else
		awk -F, 'NR > 1 { print "[" $0 "]" }' "$IN" >rows
	fi
	rm -f in.fifo out.fifo live.out
	mkfifo in.fifo out.fifo
	"$FINF_PREDICT" "$M" <in.fifo >out.fifo 2>err &
	pid=$!
	exec 3>in.fifo 4<out.fifo
	# (its sleep is ended with it, and holds none of the test's outputs)
	(trap 'kill "$sp"; exit 0' TERM; sleep 300 & sp=$!; wait "$sp"; kill "$pid") \
		>/dev/null 2>&1 </dev/null 3>&- 4<&- &
	dog=$!
	: >live.out
	n=0
	while IFS= read -r line; do
		printf '%s\n' "$line" >&3
		n=$((n + 1))
		# CSV: the header row has no answer; the output header comes
		# out with the first answer (with the first row for JSON Lines).
		[ $fmt = csv ] && [ $n -eq 1 ] && continue
		want=1
		{ [ $fmt = csv ] && [ $n -eq 2 ]; } || { [ $fmt = jsonl ] && [ $n -eq 1 ]; } && want=2
		got=0
		while [ $got -lt $want ] && IFS= read -r out <&4; do
			printf '%s\n' "$out" >>live.out
			got=$((got + 1))
		done
		is "$got" "$want" "$fmt: row $n answered while the input is still open"
	done <rows
	exec 3>&-
	cat <&4 >>live.out
	exec 4<&-
	wait "$pid"
	is "$?" 0 "$fmt: finf-predict exits 0 at the end of the input"
	kill "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
	is "$(lines err)" 0 "$fmt: nothing on stderr"
	same_file live.out base.out "$fmt: the answers as a whole"
done

# A larger input, through a pipe, then to a regular file: the same bytes.
i=0
{ head -n 1 "$IN"; while [ $i -lt 400 ]; do tail -n +2 "$IN"; i=$((i + 1)); done; } >big.csv
"$FINF_PREDICT" "$M" big.csv >big.file
is "$?" 0 "a larger input from a file: exit 0"
{ "$FINF_PREDICT" "$M" <big.csv; echo $? >predict.st; } | cat >big.pipe
is "$(cat predict.st)" 0 "a larger input through a pipe: exit 0"
same_file big.pipe big.file "pipe and file outputs agree"
is "$(lines big.file)" 2001 "one line per row plus the header"
i=0
{ head -n 1 base.out; while [ $i -lt 400 ]; do tail -n +2 base.out; i=$((i + 1)); done; } >want
same_file big.file want "each row's answer is the single row's"
done_testing

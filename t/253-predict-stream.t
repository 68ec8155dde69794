#!/bin/sh
# 253-predict-stream.t: finf-predict answers each row as it arrives when its
# output is a pipe (tail -f | finf-predict works), and a big input streams
# through with the same answers as the rows one by one.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_testdata
M=$FERRUM_TESTDATA/iris.bin
IN=$FERRUM_TESTDATA/iris.inputs.csv
cd "$T" || exit 99
command -v mkfifo >/dev/null 2>&1 || skip_all "no mkfifo"

"$FINF_PREDICT" "$M" "$IN" >base.out || exit 99

# wait_lines FILE N: wait (up to 30 s) until FILE has N lines.
wait_lines() {
	_i=0
	while [ "$(lines "$1")" -lt "$2" ] && [ $_i -lt 300 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	[ "$(lines "$1")" -ge "$2" ]
}

for fmt in csv jsonl; do
	if [ $fmt = csv ]; then cp "$IN" rows; else
		awk -F, 'NR > 1 { print "[" $0 "]" }' "$IN" >rows
		# JSON Lines output has no header: compare from the first row.
	fi
	rm -f in.fifo live.out
	mkfifo in.fifo
	: >live.out
	("$FINF_PREDICT" "$M" <in.fifo 2>err | cat >>live.out) &
	pid=$!
	exec 3>in.fifo
	n=0
	while IFS= read -r line; do
		printf '%s\n' "$line" >&3
		n=$((n + 1))
		# CSV: the header line comes out with the first row.
		want=$n
		[ $fmt = jsonl ] && want=$((n + 1))
		[ $fmt = csv ] && [ $n -eq 1 ] && continue
		wait_lines live.out "$want"
		ok $? "$fmt: row $n answered while the input is still open"
	done <rows
	exec 3>&-
	wait $pid
	same_file live.out base.out "$fmt: the answers as a whole"
done

# A larger input, through a pipe, then to a regular file: the same bytes.
i=0
{ head -n 1 "$IN"; while [ $i -lt 400 ]; do tail -n +2 "$IN"; i=$((i + 1)); done; } >big.csv
"$FINF_PREDICT" "$M" big.csv >big.file
"$FINF_PREDICT" "$M" <big.csv | cat >big.pipe
same_file big.pipe big.file "pipe and file outputs agree"
is "$(lines big.file)" 2001 "one line per row plus the header"
i=0
{ head -n 1 base.out; while [ $i -lt 400 ]; do tail -n +2 base.out; i=$((i + 1)); done; } >want
same_file big.file want "each row's answer is the single row's"
done_testing

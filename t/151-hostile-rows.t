#!/bin/sh
# 151-hostile-rows: finf-predict and finf-stats on hostile rows (CSV and
# JSON Lines) for a good model.  A bad row stops the command with exit 1 and
# one line "prog: FILE:LINE: ...", after the rows before it were answered; a
# UTF-8 BOM, CRLF and 100,000 extra columns change nothing in the answers.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
. "$top_srcdir/t/hostile.sh"

need_fixtures
need_built "$FINF_PREDICT" "$FINF_STATS"
cd "$T" || exit 99
M=$TESTDATA/iris.bin
H=sepal_length,sepal_width,petal_length,petal_width
cp "$TESTDATA/iris.inputs.csv" plain.csv

for c in "$FINF_PREDICT" "$FINF_STATS"; do
	n=$(basename "$c")
	# (on stdin, so that every answer names the same input)
	run "$c" "$M" <plain.csv
	is_status 0 "$n: the plain rows"
	cp "$T/out" want.out

	# Empty input: nothing to answer.  Either a quiet success or a clean,
	# located refusal; never a crash.  (An empty file of our own rather
	# than /dev/null: on a machine where something running as root has
	# replaced /dev/null by a regular file, it is not empty.)
	: >empty
	run "$c" "$M" <empty
	case $status:$(lines "$T/err") in
	0:0) ok 1 "$n, empty stdin: exit 0 quietly" ;;
	1:1) like "$T/err" "^$n: <stdin>" "$n, empty stdin: exit 1 naming <stdin>" ;;
	*) ok 0 "$n, empty stdin: exit 0, or 1 with one line (got $status)"
	   sed 's/^/#   /' "$T/err" | head -5 ;;
	esac
	echo "$status:$(lines "$T/err")" >"$T/status.auto"

	# The same with the format forced (an empty JSON Lines input once did
	# pointer arithmetic on a NULL buffer: the sanitizer build catches it).
	for f in csv jsonl; do
		run "$c" --input=$f "$M" <empty
		is "$status:$(lines "$T/err")" "$(cat "$T/status.auto")" \
			"$n --input=$f, empty stdin: as with auto"
	done

	echo "$H" >header.csv
	run "$c" "$M" header.csv
	is_status 0 "$n, a header and no rows"
	if [ "$n" = finf-predict ]; then
		is "$(lines "$T/out")" 1 "$n, a header and no rows: the output header only"
	fi

	printf '\357\273\277' | cat - plain.csv >bom.csv
	run "$c" "$M" <bom.csv
	is_status 0 "$n, a UTF-8 BOM"
	same_file "$T/out" want.out "$n, a UTF-8 BOM: the same answers"

	sed 's/$/\r/' plain.csv >crlf.csv
	run "$c" "$M" <crlf.csv
	is_status 0 "$n, CRLF"
	same_file "$T/out" want.out "$n, CRLF: the same answers"

	# 99,996 extra columns, matched away by name.
	# (the tails are made once: growing a string field by field is quadratic)
	hx=$(awk 'BEGIN { for (j = 1; j < 99997; j++) printf ",x%d", j }')
	dx=$(awk 'BEGIN { for (j = 1; j < 99997; j++) printf ",%d", j % 10 }')
	{ echo "$H$hx"; tail -n +2 plain.csv | while IFS= read -r l; do echo "$l$dx"; done; } >wide.csv
	run "$c" "$M" <wide.csv
	is_status 0 "$n, 100,000 columns"
	same_file "$T/out" want.out "$n, 100,000 columns: the same answers"
	rm -f wide.csv

	# bad FILE LINE DESC [OUT]: FILE has a bad row at LINE; finf-predict
	# has written OUT lines before it (the output header and one line per
	# good row: LINE - 1 for CSV with a header, the default).
	bad() {
		fails_cleanly "$n, $3" "$(echo "$1" | sed 's/\./\\./g'):$2: " "$c" "$M" "$1"
		if [ "$n" = finf-predict ]; then
			is "$(lines "$T/out")" "${4:-$(($2 - 1))}" "$n, $3: the rows before it were answered"
		fi
	}
	printf '%s\n5.1,3.5,1.4,0.2\n4.9,3.1,1.5,0.1\n6.4,2.9,4.3\n' "$H" >ragged.csv
	bad ragged.csv 4 "a short row"
	printf '%s\n5.1,3.5,1.4,0.2\n"4.9,3.1,1.5,0.1\n6.4,2.9,4.3,1\n' "$H" >quote.csv
	bad quote.csv 3 "an unterminated quote"
	printf '%s\n5.1,3.5,1.4,0.2\n4.9,3.1\000,1.5,0.1\n' "$H" >nul.csv
	bad nul.csv 3 "a NUL byte"
	printf 'sepal_length,sepal_width,petal_length,petal_width,\377x\n5.1,3.5,1.4,0.2,1\n' >utf8.csv
	bad utf8.csv 1 "invalid UTF-8 in the header"
	for v in NaN Inf -infinity 1e39; do
		printf '%s\n5.1,3.5,1.4,0.2\n4.9,3.1,1.5,0.1\n6.4,%s,4.3,1.3\n' "$H" "$v" >num.csv
		bad num.csv 4 "feature value $v"
	done
	{ printf '%s\n5.1,3.5,1.4,0.2\n4.9,' "$H"; head -c 10000000 /dev/zero | tr '\000' 3
	  printf 'x,1.5,0.1\n'; } >big.csv
	bad big.csv 3 "a 10 MB field"
	rm -f big.csv

	# JSON Lines.
	printf '{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4,"petal_width":0.2}\n[4.9,3.1,1.5,0.1]\n{"sepal_length":5.1,"sepal_width":NaN,"petal_length":1.4,"petal_width":0.2}\n' >nan.jsonl
	bad nan.jsonl 3 "JSON Lines: NaN is not JSON" 3
	printf '[5.1,3.5,1.4,0.2]\n[4.9,3.1,1.5]\n' >short.jsonl
	bad short.jsonl 2 "JSON Lines: a short array" 2
	{ printf '[5.1,3.5,1.4,0.2]\n'; head -c 1000000 /dev/zero | tr '\000' '['; echo; } >deep.jsonl
	bad deep.jsonl 2 "JSON Lines: 1 MB of nesting" 2
	printf '[5.1,3.5,1.4,0.2]\n{"sepal_length":5.1,"sepal_width":3.5,"petal_length":1.4}\n' >missing.jsonl
	bad missing.jsonl 2 "JSON Lines: a missing feature" 2
done

done_testing

#!/bin/sh
# 250-predict-usage.t: finf-predict's options, usage errors and exit statuses.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
M=$TESTDATA/iris.bin
R=$TESTDATA/housing.bin
IN=$TESTDATA/iris.inputs.csv

run "$FINF_PREDICT" --help
is_status 0 "--help"
like "$T/out" '^Usage: finf-predict \[OPTIONS\] MODEL \[ROWS\]' "--help: synopsis on stdout"
for o in --input= --json --keep --probabilities --skip-bad --help --version; do
	like "$T/out" "^ .*$o" "--help lists $o"
done
is "$(wc -c <"$T/err" | tr -d ' ')" 0 "--help: nothing on stderr"

run "$FINF_PREDICT" -h
is_status 0 "-h"
run "$FINF_PREDICT" --version
is_status 0 "--version"
like "$T/out" '^finf-predict \(ferrum\) [0-9]' "--version: first line"
run "$FINF_PREDICT" -V
is_status 0 "-V"

usage_error() { # usage_error DESCRIPTION MESSAGE-REGEX ARGS...
	_d=$1 _m=$2; shift 2
	run "$FINF_PREDICT" "$@"
	is_status 2 "$_d"
	like "$T/err" "^finf-predict: $_m" "$_d: message"
	like "$T/err" "^Try 'finf-predict --help' for more information\.$" "$_d: hint"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$_d: nothing on stdout"
}
usage_error "no operand" "missing MODEL operand"
usage_error "extra operand" "extra operand 'c'" "$M" "$IN" c
usage_error "bad --input" "invalid --input 'xml'" --input=xml "$M" "$IN"
usage_error "unknown option" "" --frobnicate "$M"
usage_error "unknown option: worded as getopt does" "unrecognized option '--frobnicate'\$" \
	--frobnicate "$M"
usage_error "unknown letter" "invalid option -- 'x'\$" -kx "$M"
usage_error "missing argument" "option '--input' requires an argument\$" "$M" --input
usage_error "argument to a flag" "option '--json' doesn't allow an argument\$" --json=1 "$M"
usage_error "--probabilities with --json" "--probabilities is for CSV output" \
	--probabilities --json "$M" "$IN"
usage_error "--probabilities for a regressor" "--probabilities needs a classifier" \
	--probabilities "$R" "$TESTDATA/housing.inputs.csv"
usage_error "both from stdin" "MODEL and ROWS cannot both be standard input" - </dev/null

run "$FINF_PREDICT" "$T/nonexistent.finf" "$IN"
is_status 1 "missing model file"
is "$(cat "$T/err")" "finf-predict: $T/nonexistent.finf: No such file or directory" \
	"missing model: strerror message"
run "$FINF_PREDICT" "$TESTDATA/truncated.bin" "$IN"
is_status 1 "truncated model"
like "$T/err" "^finf-predict: .*truncated\.bin: offset [0-9]+: " "truncated: offset named"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "truncated: no output"
run "$FINF_PREDICT" "$M" "$T/nonexistent.csv"
is_status 1 "missing rows file"
is "$(cat "$T/err")" "finf-predict: $T/nonexistent.csv: No such file or directory" \
	"missing rows: strerror message"

# stdin by absence and by '-'; the model may come from stdin too.
run "$FINF_PREDICT" "$M" "$IN"
is_status 0 "rows from a file"
cp "$T/out" "$T/file.out"
"$FINF_PREDICT" "$M" <"$IN" >"$T/a.out" 2>&1
same_file "$T/a.out" "$T/file.out" "rows from stdin (no operand)"
"$FINF_PREDICT" "$M" - <"$IN" >"$T/a.out" 2>&1
same_file "$T/a.out" "$T/file.out" "rows from stdin ('-')"
"$FINF_PREDICT" - "$IN" <"$M" >"$T/a.out" 2>&1
same_file "$T/a.out" "$T/file.out" "model from stdin"

# Empty input: nothing out, success.  A header alone: the output header.
run "$FINF_PREDICT" "$M" </dev/null
is_status 0 "empty input"
is "$(wc -c <"$T/out" | tr -d ' ')" 0 "empty input: empty output"
head -n 1 "$IN" >"$T/h.csv"
run "$FINF_PREDICT" "$M" "$T/h.csv"
is_status 0 "header only"
is "$(cat "$T/out")" "label,confidence" "header only: the output header"

# Diagnostics on a read error name the file.
run "$FINF_PREDICT" "$M" "$T"
is_status 1 "a directory as ROWS"
like "$T/err" "^finf-predict: $T: " "a directory: named"
is "$(cat "$T/err")" "finf-predict: $T: is a directory" "a directory as ROWS: one wording"
run "$FINF_PREDICT" "$M" <"$T"
is_status 1 "a directory on stdin"
is "$(cat "$T/err")" "finf-predict: <stdin>: is a directory" "a directory on stdin: one wording"
run "$FINF_PREDICT" "$T" "$IN"
is_status 1 "a directory as MODEL"
is "$(cat "$T/err")" "finf-predict: $T: is a directory" "a directory as MODEL: one wording"

# --version and --help write errors are reported (stdout closed).
if [ -w /dev/full ]; then
	"$FINF_PREDICT" "$M" "$IN" >/dev/full 2>"$T/err"; status=$?
	is_status 1 "write error"
	like "$T/err" "^finf-predict: write error" "write error: reported"
fi
done_testing

#!/bin/sh
# 262-stats-usage.t: finf-stats's usage errors (exit 2, one line and the
# pointer to --help) and a directory where a file belongs (exit 1), on a
# model trained here from examples/.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
cd "$T" || exit 99
IRIS=$top_srcdir/examples/iris.csv

"$FINF_TRAIN" --recipe=ferrum -e 2 -H 4 -q -o m.finf "$IRIS"
is "$?" 0 "a model to work with"

usage_error() { # usage_error DESCRIPTION MESSAGE ARGS...
	_d=$1 _m=$2; shift 2
	run "$FINF_STATS" "$@"
	is_status 2 "$_d"
	is "$(cat "$T/err")" "finf-stats: $_m
Try 'finf-stats --help' for more information." "$_d: one line and the pointer to --help"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$_d: nothing on stdout"
}
usage_error "unknown option" "unrecognized option '--bogus'" --bogus m.finf "$IRIS"
usage_error "unknown option with a value" "unrecognized option '--bogus=3'" --bogus=3 m.finf
usage_error "unknown letter" "invalid option -- 'x'" -x m.finf "$IRIS"
usage_error "missing argument" "option '--color' requires an argument" m.finf --color
usage_error "argument to a flag" "option '--json' doesn't allow an argument" --json=1 m.finf
usage_error "bad --color" "invalid --color 'sometimes' (auto, always or never)" \
	--color=sometimes m.finf "$IRIS"

is_a_directory() { # is_a_directory DESCRIPTION NAME ARGS...
	_d=$1 _n=$2; shift 2
	run "$FINF_STATS" "$@"
	is_status 1 "$_d"
	is "$(cat "$T/err")" "finf-stats: $_n: is a directory" "$_d: one wording"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$_d: nothing on stdout"
}
mkdir dir
is_a_directory "MODEL a directory" dir dir "$IRIS"
is_a_directory "ROWS a directory" dir m.finf dir
is_a_directory "ROWS on stdin a directory" "<stdin>" m.finf <dir
is_a_directory "--describe DATA a directory" dir --describe dir
is_a_directory "--describe stdin a directory" "<stdin>" --describe <dir

done_testing

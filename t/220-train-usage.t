#!/bin/sh
# finf-train: --help, --version, every usage error (exit 2, one line and a pointer to --help).
. "${top_srcdir:-.}/t/lib.sh"

IRIS="$top_srcdir/examples/iris.csv"

run "$FINF_TRAIN" --help
is_status 0 "--help succeeds"
like "$T/out" '^Usage: finf-train \[OPTION\]\.\.\. \[DATA\]$' "--help prints the synopsis"
for o in --output --name --target --task --hidden --epochs --seed --recipe --holdout \
	--cv --report --quiet --verbose --force --help --version; do
	like "$T/out" "^ .*$o" "--help lists $o"
done
is "$(cat "$T/err")" "" "--help writes nothing to stderr"

run "$FINF_TRAIN" --version
is_status 0 "--version succeeds"
like "$T/out" '^finf-train \(ferrum\) [0-9]+\.[0-9]+' "--version names the program and version"

# usage_error DESC EXPECTED-FIRST-LINE ARGS...: exit 2, the message, the
# pointer to --help, nothing on stdout, and no model written.
usage_error() {
	_d=$1; _m=$2; shift 2
	rm -f "$T/m.finf"
	run "$FINF_TRAIN" "$@"
	is_status 2 "$_d"
	is "$(sed -n 1p "$T/err")" "$_m" "$_d: message"
	is "$(sed -n 2p "$T/err")" "Try 'finf-train --help' for more information." "$_d: points to --help"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$_d: nothing on stdout"
	check "$_d: no model written" test ! -e "$T/m.finf"
}

usage_error "an unknown option" "finf-train: unrecognized option '--bogus'" \
	--bogus -o "$T/m.finf" "$IRIS"
usage_error "an unknown letter" "finf-train: invalid option -- 'Z'" -Z -o "$T/m.finf" "$IRIS"
usage_error "a missing argument" "finf-train: option '--seed' requires an argument" \
	-o "$T/m.finf" "$IRIS" --seed
usage_error "--holdout=0" "finf-train: --holdout: '0' is not a fraction between 0 and 1" \
	--holdout=0 -o "$T/m.finf" "$IRIS"
usage_error "--holdout=1" "finf-train: --holdout: '1' is not a fraction between 0 and 1" \
	--holdout=1 -o "$T/m.finf" "$IRIS"
usage_error "--holdout=abc" "finf-train: --holdout: 'abc' is not a fraction between 0 and 1" \
	--holdout=abc -o "$T/m.finf" "$IRIS"
usage_error "--holdout=-0.2" "finf-train: --holdout: '-0.2' is not a fraction between 0 and 1" \
	--holdout=-0.2 -o "$T/m.finf" "$IRIS"
usage_error "--cv=1" "finf-train: --cv: '1' is not a whole number from 2 to 1000" \
	--cv=1 -o "$T/m.finf" "$IRIS"
usage_error "--cv=x" "finf-train: --cv: 'x' is not a whole number from 2 to 1000" \
	--cv=x -o "$T/m.finf" "$IRIS"
usage_error "-H 0" "finf-train: --hidden: '0' is not a whole number from 1 to 1048576" \
	-H 0 -o "$T/m.finf" "$IRIS"
usage_error "-e 1.5" "finf-train: --epochs: '1.5' is not a whole number from 1 to 100000000" \
	-e 1.5 -o "$T/m.finf" "$IRIS"
usage_error "-s -1" "finf-train: --seed: '-1' is not a whole number from 0 to 18446744073709551615" \
	-s -1 -o "$T/m.finf" "$IRIS"
usage_error "--task=other" "finf-train: --task: 'other' is not auto, classification or regression" \
	--task=other -o "$T/m.finf" "$IRIS"
usage_error "--recipe=other" "finf-train: --recipe: 'other' is not default or ferrum" \
	--recipe=other -o "$T/m.finf" "$IRIS"
usage_error "--report=xml" "finf-train: --report: 'xml' is not text or json" \
	--report=xml -o "$T/m.finf" "$IRIS"
usage_error "--report=json without -o" \
	"finf-train: --report=json writes the report to stdout: give the model file with -o" \
	--report=json "$IRIS"
usage_error "two operands" "finf-train: one DATA operand at most, got 2" \
	-o "$T/m.finf" "$IRIS" "$IRIS"
usage_error "an empty -o" "finf-train: --output: an empty file name" -o "" "$IRIS"
usage_error "an empty -t" "finf-train: --target: an empty column name" -t "" -o "$T/m.finf" "$IRIS"

# Every command words a bad option as GNU getopt does, in one line.
usage_error "an unknown letter in a cluster" "finf-train: invalid option -- 'Z'" \
	-qZ -o "$T/m.finf" "$IRIS"
usage_error "a missing argument to a letter" "finf-train: option requires an argument -- 's'" \
	-o "$T/m.finf" "$IRIS" -s
usage_error "an ambiguous abbreviation" "finf-train: option '--re' is ambiguous" \
	--re=json -o "$T/m.finf" "$IRIS"
usage_error "an argument to a flag" "finf-train: option '--quiet' doesn't allow an argument" \
	--quiet=yes -o "$T/m.finf" "$IRIS"
usage_error "an abbreviation without its argument" \
	"finf-train: option '--hidden' requires an argument" -o "$T/m.finf" "$IRIS" --hid

# An option value out of range for the data at hand is a usage error too.
usage_error "-t 99" "finf-train: $IRIS: target column 99 out of range 1-5" \
	-t 99 -o "$T/m.finf" "$IRIS"
usage_error "-t 0" "finf-train: $IRIS: target column 0 out of range 1-5" \
	-t 0 -o "$T/m.finf" "$IRIS"
usage_error "an unknown --target" "finf-train: $IRIS: no column named 'colour'" \
	-t colour -o "$T/m.finf" "$IRIS"
usage_error "--cv=151 on 150 rows" "finf-train: $IRIS: 151 folds need at least 151 rows, there are 150" \
	--cv=151 -o "$T/m.finf" "$IRIS"
usage_error "--report=json with -o -" \
	"finf-train: --report=json writes the report to stdout: give the model file with -o" \
	--report=json -o - "$IRIS"

# -o - is standard output: the same bytes as -o FILE.
run "$FINF_TRAIN" --recipe=ferrum -e 2 -H 4 -q -o "$T/m.finf" "$IRIS"
is_status 0 "-o FILE"
run "$FINF_TRAIN" --recipe=ferrum -e 2 -H 4 -q -o - "$IRIS"
is_status 0 "-o -"
same_file "$T/out" "$T/m.finf" "-o -: the model on stdout"
check "-o -: no file named '-'" test ! -e ./-

# A directory where a file belongs: exit 1, one wording for every operand.
is_a_directory() { # is_a_directory DESC NAME ARGS...
	_d=$1 _n=$2; shift 2
	run "$FINF_TRAIN" --recipe=ferrum -e 2 -H 4 -q "$@"
	is_status 1 "$_d"
	is "$(cat "$T/err")" "finf-train: $_n: is a directory" "$_d: message"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$_d: nothing on stdout"
}
mkdir "$T/dir"
is_a_directory "DATA a directory" "$T/dir" -o "$T/m.finf" "$T/dir"
is_a_directory "stdin a directory" "<stdin>" -o "$T/m.finf" <"$T/dir"
is_a_directory "-o a directory" "$T/dir" -o "$T/dir" "$IRIS"
is_a_directory "-o a directory/" "$T/dir/" -o "$T/dir/" "$IRIS"
is "$(ls -A "$T/dir")" "" "-o a directory: nothing left in it"

# A binary model never goes to a terminal without -f.  Run it on a pseudo
# terminal when script(1) is there.
if command -v script >/dev/null 2>&1 &&
	script -qec 'test -t 1' /dev/null >/dev/null 2>&1; then
	script -qec "'$FINF_TRAIN' --recipe=ferrum -e 1 '$IRIS'; echo \"status=\$?\"" /dev/null \
		>"$T/tty" 2>&1 </dev/null
	like "$T/tty" "refusing to write a binary model to a terminal" "a terminal on stdout is refused"
	like "$T/tty" "status=2" "with exit status 2"
	script -qec "'$FINF_TRAIN' --recipe=ferrum -e 1 -o - '$IRIS'; echo \"status=\$?\"" /dev/null \
		>"$T/tty" 2>&1 </dev/null
	like "$T/tty" "refusing to write a binary model to a terminal" "-o - to a terminal is refused"
	like "$T/tty" "status=2" "with exit status 2 too"
else
	skip 4 "no pseudo terminal (script)"
fi

done_testing

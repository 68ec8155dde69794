#!/bin/sh
# finf-inspect: --help, --version, usage errors, operands and exit statuses.
. "${top_srcdir:-.}/t/lib.sh"

run "$FINF_INSPECT" --help
is_status 0 "--help succeeds"
like "$T/out" '^Usage: finf-inspect \[OPTION\]\.\.\. \[MODEL\]\.\.\.$' "--help prints the synopsis"
like "$T/out" '--check' "--help lists --check"
like "$T/out" '--json' "--help lists --json"
is "$(cat "$T/err")" "" "--help writes nothing to stderr"

run "$FINF_INSPECT" -h
is_status 0 "-h succeeds"

run "$FINF_INSPECT" --version
is_status 0 "--version succeeds"
like "$T/out" '^finf-inspect \(ferrum\) [0-9]+\.[0-9]+' "--version names the program and version"

run "$FINF_INSPECT" --bogus model.bin
is_status 2 "an unknown long option is a usage error"
is "$(sed -n 1p "$T/err")" "finf-inspect: unrecognized option '--bogus'" "the message names the option"
is "$(sed -n 2p "$T/err")" "Try 'finf-inspect --help' for more information." "and points to --help"
is "$(cat "$T/out")" "" "nothing on stdout"

run "$FINF_INSPECT" -x model.bin
is_status 2 "an unknown short option is a usage error"
is "$(sed -n 1p "$T/err")" "finf-inspect: invalid option -- 'x'" "the message names the letter"

run "$FINF_INSPECT" -cx model.bin
is_status 2 "an unknown letter in a cluster is a usage error"
is "$(cat "$T/err")" "finf-inspect: invalid option -- 'x'
Try 'finf-inspect --help' for more information." "the same two lines"
run "$FINF_INSPECT" --json=yes model.bin
is_status 2 "an argument to a flag is a usage error"
is "$(cat "$T/err")" "finf-inspect: option '--json' doesn't allow an argument
Try 'finf-inspect --help' for more information." "as getopt words it"

run "$FINF_INSPECT" --check --json model.bin
is_status 2 "--check with --json is a usage error"

run "$FINF_INSPECT" "$T/no-such-file.bin"
is_status 1 "a missing file fails"
is "$(cat "$T/err")" "finf-inspect: $T/no-such-file.bin: No such file or directory" \
	"the message names the file and the system error"

run "$FINF_INSPECT" "$T"
is_status 1 "a directory fails"
is "$(cat "$T/err")" "finf-inspect: $T: is a directory" "and says so"
run "$FINF_INSPECT" <"$T"
is_status 1 "a directory on stdin fails"
is "$(cat "$T/err")" "finf-inspect: <stdin>: is a directory" "in the same words"

printf 'FINF' >"$T/short.bin"
run "$FINF_INSPECT" <"$T/short.bin"
is_status 1 "no operand reads stdin"
is "$(cat "$T/err")" "finf-inspect: <stdin>: offset 4: truncated: need 4 bytes, 0 left" \
	"stdin is named <stdin> and the offset is where the bytes ran out"

done_testing

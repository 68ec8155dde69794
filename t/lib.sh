# t/lib.sh: shared setup for the shell tests (TAP).  Source it first:
#   . "${top_srcdir:-.}/t/lib.sh"
# Provides: a private temp dir $T (removed on exit), LC_ALL=C, the paths of
# the built commands, TAP helpers, and `run` which captures stdout, stderr
# and the exit status separately.

LC_ALL=C
export LC_ALL
unset NO_COLOR
: "${top_builddir:=.}"
: "${top_srcdir:=.}"
: "${FERRUM_TESTDATA:=}"
: "${FERRUM_DATASETS:=}"

FINF_TRAIN="$top_builddir/bin/finf-train"
FINF_PREDICT="$top_builddir/bin/finf-predict"
FINF_INSPECT="$top_builddir/bin/finf-inspect"
FINF_STATS="$top_builddir/bin/finf-stats"

T=$(mktemp -d "${TMPDIR:-/tmp}/ferrum-test.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# FINF_WRAPPER (a command prefix, e.g. make check-valgrind's valgrind) runs
# every finf command under it: the variables then name small scripts in $T,
# so tests keep calling "$FINF_TRAIN" ... unchanged.
if [ -n "${FINF_WRAPPER:-}" ]; then
	mkdir "$T/wrap" || exit 99
	for _p in finf-train finf-predict finf-inspect finf-stats; do
		printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$FINF_WRAPPER" \
			"$top_builddir/bin/$_p" >"$T/wrap/$_p" && chmod +x "$T/wrap/$_p" || exit 99
	done
	FINF_TRAIN="$T/wrap/finf-train"
	FINF_PREDICT="$T/wrap/finf-predict"
	FINF_INSPECT="$T/wrap/finf-inspect"
	FINF_STATS="$T/wrap/finf-stats"
fi

tap_n=0
tap_failed=0

plan() { echo "1..$1"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
diag() { printf '# %s\n' "$*"; }

ok() { # ok COND-STATUS DESCRIPTION: pass when the first argument is 0
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
		tap_failed=$((tap_failed + 1))
	fi
}

check() { # check DESCRIPTION COMMAND...: pass when COMMAND succeeds
	_d=$1; shift
	if "$@"; then ok 0 "$_d"; else ok 1 "$_d"; fi
}

skip() { # skip N REASON
	_i=0
	while [ "$_i" -lt "$1" ]; do
		tap_n=$((tap_n + 1)); _i=$((_i + 1))
		echo "ok $tap_n # SKIP $2"
	done
}

# run CMD...: stdout to $T/out, stderr to $T/err, status in $status.
run() {
	status=0
	"$@" >"$T/out" 2>"$T/err" || status=$?
}

# is GOT WANT DESCRIPTION
is() {
	if [ "$1" = "$2" ]; then ok 0 "$3"; else
		ok 1 "$3"; diag "     got: '$1'"; diag "  wanted: '$2'"
	fi
}

# is_status WANT DESCRIPTION: compare with the last run's status
is_status() { is "$status" "$1" "$2 (exit $1)"; }

# like FILE REGEX DESCRIPTION: FILE has a line matching the extended REGEX
like() {
	if grep -Eq -- "$2" "$1"; then ok 0 "$3"; else
		ok 1 "$3"; diag "no line of $1 matches /$2/:"; sed 's/^/#   /' "$1" | head -5
	fi
}

# same_file GOT WANT DESCRIPTION
same_file() {
	if cmp -s "$1" "$2"; then ok 0 "$3"; else
		ok 1 "$3"; diff "$2" "$1" | head -10 | sed 's/^/#   /'
	fi
}

# lines FILE: number of lines in FILE
lines() { wc -l <"$1" | tr -d ' '; }

# Call at the end: exit non-zero if anything failed.
done_testing() {
	[ -n "${tap_planned:-}" ] || echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

need_testdata() {
	[ -n "$FERRUM_TESTDATA" ] && [ -d "$FERRUM_TESTDATA" ] ||
		skip_all "no FINF test data (configure --with-testdata=DIR)"
}
need_datasets() {
	[ -n "$FERRUM_DATASETS" ] && [ -d "$FERRUM_DATASETS" ] ||
		skip_all "no datasets (configure --with-datasets=DIR)"
}

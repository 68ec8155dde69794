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

# The TAP helpers behave as t/tap.h's for the C tests: the same lines
# ("ok N - DESC", "not ok N - DESC", "ok N # SKIP why", "1..0 # SKIP why",
# "Bail out! why"), the same numbering, the got/wanted diagnostics of is
# after a failure, and ok COND passing when COND is true in C's sense: a
# non-zero integer.  An argument that is not an integer is a fault in the
# test, reported as a failure that says so.  Each assertion returns 0 when
# it passed, 1 when it failed.
tap_n=0
tap_failed=0
tap_planned=

plan() { tap_planned=$1; echo "1..$1"; }
skip_all() { echo "1..0 # SKIP $*"; exit 0; }
bail() { echo "Bail out! $*"; exit 255; }
diag() { printf '# %s\n' "$*"; }

# tap_report PASS DESCRIPTION: the one line of an assertion.
tap_report() {
	tap_n=$((tap_n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $tap_n - $2"
		return 0
	fi
	echo "not ok $tap_n - $2"
	tap_failed=$((tap_failed + 1))
	return 1
}

ok() { # ok COND DESCRIPTION: pass when COND is a non-zero integer (C's true)
	case ${1#-} in
	'' | *[!0-9]*) tap_report 0 "$2"; diag "ok: '$1' is not an integer"; return 1 ;;
	esac
	if [ "$1" -ne 0 ]; then tap_report 1 "$2"; else tap_report 0 "$2"; fi
}

check() { # check DESCRIPTION COMMAND...: pass when COMMAND succeeds
	_d=$1; shift
	if "$@"; then tap_report 1 "$_d"; else tap_report 0 "$_d"; fi
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
	if [ "$1" = "$2" ]; then tap_report 1 "$3"; else
		tap_report 0 "$3"; diag "     got: '$1'"; diag "  wanted: '$2'"; return 1
	fi
}

# is_status WANT DESCRIPTION: compare with the last run's status
is_status() { is "$status" "$1" "$2 (exit $1)"; }

# like FILE REGEX DESCRIPTION: FILE has a line matching the extended REGEX
like() {
	if grep -Eq -- "$2" "$1"; then tap_report 1 "$3"; else
		tap_report 0 "$3"; diag "no line of $1 matches /$2/:"; sed 's/^/#   /' "$1" | head -5
		return 1
	fi
}

# same_file GOT WANT DESCRIPTION
same_file() {
	if cmp -s "$1" "$2"; then tap_report 1 "$3"; else
		tap_report 0 "$3"; diff "$2" "$1" | head -10 | sed 's/^/#   /'; return 1
	fi
}

# lines FILE: number of lines in FILE
lines() { wc -l <"$1" | tr -d ' '; }

# Call at the end: print the plan unless plan gave it, and exit non-zero if
# anything failed.
done_testing() {
	[ -n "$tap_planned" ] || echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
}

# need_built CMD...: each command runs (answers --version); a command that
# is missing or crashes is an error of the whole script, never a skip.
need_built() {
	for _nb in "$@"; do
		"$_nb" --version >/dev/null 2>&1 ||
			bail "$(basename "$_nb") does not run (is it built?)"
	done
}

# train_usage_error DESC MESSAGE MODEL ARG...: finf-train ARG... is a
# usage error: exit 2, MESSAGE on the first line of stderr, the pointer
# to --help on the second, and MODEL not written.
train_usage_error() {
	_d=$1; _m=$2; _f=$3; shift 3
	rm -f "$_f"
	run "$FINF_TRAIN" "$@"
	is_status 2 "$_d"
	is "$(sed -n 1p "$T/err")" "$_m" "$_d: message"
	is "$(sed -n 2p "$T/err")" "Try 'finf-train --help' for more information." "$_d: points to --help"
	check "$_d: no model written" test ! -e "$_f"
}

# train_data_error DESC REGEX ARG...: finf-train $OPTS ARG... fails on its
# data or its files: exit 1, one line on stderr matching the extended
# REGEX, nothing on stdout, and no file at all in o/ (not even a
# temporary one), which it makes afresh.
train_data_error() {
	_d=$1; _m=$2; shift 2
	rm -rf o && mkdir o
	# shellcheck disable=SC2086
	run "$FINF_TRAIN" $OPTS "$@"
	is_status 1 "$_d"
	is "$(lines "$T/err")" 1 "$_d: one line on stderr"
	like "$T/err" "$_m" "$_d: message"
	is "$(wc -c <"$T/out" | tr -d ' ')" 0 "$_d: nothing on stdout"
	is "$(ls o)" "" "$_d: no output file, not even a temporary one"
}

# need_browser: the browser tests' set-up.  Without the web demo
# configured (configure --enable-web) or its browser tools the script is
# skipped, saying which; then web/test-env.sh gives NODE and CHROMIUM.
need_browser() {
	[ -f "$top_builddir/web/test-env.sh" ] ||
		skip_all "web demo not configured (needs emcc and node; see configure --enable-web)"
	. "$top_builddir/web/test-env.sh"
	[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] ||
		skip_all "no chromium (apt-get install --no-install-recommends chromium)"
	[ -d "$top_srcdir/node_modules/playwright-core" ] ||
		skip_all "no playwright-core: run npm ci in $top_srcdir"
}

# The models and rows the command tests read.  TESTDATA: the FINF v3
# goldens when configured (--with-testdata), else the package's own
# fixtures (t/fixtures.sh: the demo models of web/models, rows from
# examples/ and rows spread over each model's feature ranges), with the
# same file names.  DATASETS: the ten datasets (--with-datasets), else the
# fixtures' labelled tables of the same names.  GOLDEN and REAL_DATA say
# which: yes when they are the real ones.  need_goldens and need_real_data
# skip a script that checks facts only those hold.
FIXTURES=${FERRUM_FIXTURES:-$top_builddir/t/fixtures}
if [ -n "$FERRUM_TESTDATA" ] && [ -d "$FERRUM_TESTDATA" ]; then
	TESTDATA=$FERRUM_TESTDATA GOLDEN=yes
else
	TESTDATA=$FIXTURES GOLDEN=no
fi
if [ -n "$FERRUM_DATASETS" ] && [ -d "$FERRUM_DATASETS" ]; then
	DATASETS=$FERRUM_DATASETS REAL_DATA=yes
else
	DATASETS=$FIXTURES REAL_DATA=no
fi

# need_fixtures: the directories above hold something (make check builds
# the fixtures first; a missing one is an error, never a skip).
need_fixtures() {
	[ -r "$TESTDATA/iris.bin" ] && [ -r "$DATASETS/iris.csv" ] ||
		bail "no test models in $TESTDATA or no data in $DATASETS (make check builds t/fixtures)"
}
need_goldens() {
	[ "$GOLDEN" = yes ] || skip_all "no FINF test data (configure --with-testdata=DIR)"
}
need_real_data() {
	[ "$REAL_DATA" = yes ] || skip_all "no datasets (configure --with-datasets=DIR)"
}
# golden ASSERTION...: an assertion about facts only the goldens and the
# real datasets hold (an output printed in a manual page, a number from
# expected.json); recorded as skipped without them.
golden() {
	if [ "$GOLDEN" = yes ] && [ "$REAL_DATA" = yes ]; then "$@"; else
		skip 1 "needs the goldens and datasets (configure --with-testdata, --with-datasets)"
	fi
}
# Kept for the tests that read the configured directories themselves.
need_testdata() { need_goldens; }
need_datasets() { need_real_data; }

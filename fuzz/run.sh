#!/bin/sh
# run.sh: run libFuzzer harnesses one after the other for a fixed time each
# and print executions and findings per harness.
#   run.sh -s SECONDS -d FUZZ_SRCDIR -o FUZZ_BUILDDIR [-f 'FLAGS'] HARNESS...
# Seeds come from FUZZ_BUILDDIR/seeds/ (seeds.sh); each harness grows its
# corpus in FUZZ_BUILDDIR/corpus/NAME, writes crashes, leaks, timeouts and
# out-of-memory inputs to FUZZ_BUILDDIR/findings/NAME-*, and its log to
# FUZZ_BUILDDIR/NAME.log.  Exit status 1 if any harness found something.
# SPDX-License-Identifier: MIT
set -u
secs=60 src=. out=. flags=
while getopts s:d:o:f: opt; do
	case $opt in
	s) secs=$OPTARG ;;
	d) src=$OPTARG ;;
	o) out=$OPTARG ;;
	f) flags=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "run.sh: no harness given" >&2; exit 2; }
mkdir -p "$out/findings" "$out/corpus"
status=0
for h in "$@"; do
	name=$(basename "$h")
	case $name in
	fuzz-finf | fuzz-roundtrip) seeds=finf dict=finf.dict ;;
	fuzz-json) seeds=json dict=json.dict ;;
	fuzz-schema) seeds=fuzz-schema dict=json.dict ;;
	fuzz-csv) seeds=csv dict= ;;
	fuzz-frame) seeds=csv dict=json.dict ;;
	*) seeds=$name dict= ;;
	esac
	corpus=$out/corpus/$name
	log=$out/$name.log
	mkdir -p "$corpus" "$out/seeds/$seeds"
	before=$(ls "$out/findings" | grep -c "^$name-")
	set -- -max_total_time="$secs" -timeout=25 -rss_limit_mb=2048 \
		-malloc_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$out/findings/$name-"
	[ -n "$dict" ] && set -- "$@" -dict="$src/$dict"
	# shellcheck disable=SC2086
	"$h" "$@" $flags "$corpus" "$out/seeds/$seeds" >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	[ -n "$execs" ] || execs=$(sed -n 's/^#\([0-9][0-9]*\).*/\1/p' "$log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	after=$(ls "$out/findings" | grep -c "^$name-")
	found=$((after - before))
	printf '%s: %s executions in %s s (%s/s), %d finding(s), corpus %s inputs, exit %d; log %s\n' \
		"$name" "${execs:-0}" "$secs" "${rate:-?}" "$found" \
		"$(ls "$corpus" | wc -l | tr -d ' ')" "$rc" "$log"
	if [ "$found" -gt 0 ] || [ "$rc" -ne 0 ]; then
		status=1
		ls "$out/findings" | grep "^$name-" | sed "s|^|  finding: $out/findings/|"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz-[a-z]+:)' "$log" | head -5 | sed 's/^/  /'
	fi
done
exit $status

#!/bin/sh
# 171-hostile-kill: finf-train killed while it trains or writes its model
# leaves the old model or a complete new one, never a truncated file.
# SIGKILL may leave a temporary file, named after the model (.NAME.XXXXXX);
# SIGTERM and SIGINT leave none.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
. "$top_srcdir/t/hostile.sh"

need_fixtures
need_built "$FINF_TRAIN" "$FINF_INSPECT"
# Timing-dependent and slow under valgrind: the plain run covers it.
[ -z "${FINF_WRAPPER:-}" ] || skip_all "not under a wrapper"
cd "$T" || exit 99

# A wide hidden layer makes the model a few MB, so that writing it takes a
# while and a kill can land in the middle.
DATA=$DATASETS/cancer.csv
awk 'BEGIN { print "a,b,label"
	for (i = 1; i <= 30; i++) printf "%d,%d,%s\n", i, (i * 7) % 11, (i % 2 ? "x" : "y") }' >small.csv
OPTS=$(train_opts small.csv)
BIG="$OPTS -H 8000 -e 1 -s 3"
# shellcheck disable=SC2086
run "$FINF_TRAIN" $OPTS -o old.finf small.csv
is_status 0 "an old model to replace"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# check_after MODE DESC: keep/m.finf is the old model or a complete one;
# MODE any: anything else in keep/ is a temporary file named after the
# model; MODE none: nothing else is there.
check_after() {
	if cmp -s keep/m.finf old.finf; then
		ok 1 "$2: the old model is intact"
	else
		run "$FINF_INSPECT" keep/m.finf
		is_status 0 "$2: the new model is complete"
	fi
	left=$(ls -A keep | grep -v '^m\.finf$' | tr '\n' ' ')
	if [ "$1" = any ]; then
		case $left in
		'' | *m.finf*) ok 1 "$2: nothing left but a recognisable temporary file ($left)" ;;
		*) ok 0 "$2: an unrecognisable file left: $left" ;;
		esac
	else
		is "$left" "" "$2: no temporary file left"
	fi
}

# A full run, timed, to place the kills.
rm -rf keep && mkdir keep && cp old.finf keep/m.finf
t0=$(now_ms)
# shellcheck disable=SC2086
run "$FINF_TRAIN" $BIG -o keep/m.finf "$DATA"
t1=$(now_ms)
is_status 0 "the full run"
check_after none "the full run"
full=$((t1 - t0))
diag "a full run takes $full ms, its model $(wc -c <keep/m.finf) bytes"

# Kills spread over the run.
for sig in KILL TERM; do
	for pct in 30 90; do
		rm -rf keep && mkdir keep && cp old.finf keep/m.finf
		# shellcheck disable=SC2086
		"$FINF_TRAIN" $BIG -o keep/m.finf "$DATA" >/dev/null 2>&1 &
		pid=$!
		sleep "$(awk -v f="$full" -v p="$pct" 'BEGIN { printf "%.3f", f * p / 100000 }')"
		kill -s "$sig" "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		# (where the kill lands is up to the clock: only SIGKILL's rule)
		check_after any "SIG$sig at $pct%"
	done
done

# Signals in the middle of the write: watch for the temporary file (shell
# builtins only, so the loop is quick), freeze the process with SIGSTOP the
# moment it shows, check the model is still the old one, then send the
# signal and let the process go on to meet it.  (SIGINT is left out: a
# background job of a non-interactive shell ignores it.)
for sig in KILL TERM HUP; do
	rm -rf keep && mkdir keep && cp old.finf keep/m.finf
	# shellcheck disable=SC2086
	"$FINF_TRAIN" $BIG -o keep/m.finf "$DATA" >/dev/null 2>&1 &
	pid=$!
	hit=no
	while kill -0 "$pid" 2>/dev/null; do
		set -- keep/.m.finf.*
		if [ -e "$1" ]; then
			kill -s STOP "$pid" 2>/dev/null
			set -- keep/.m.finf.*
			[ -e "$1" ] && hit=yes
			break
		fi
	done
	if [ "$hit" = yes ]; then
		same_file keep/m.finf old.finf "SIG$sig while writing: the old model is in place meanwhile"
	else
		skip 1 "the write was over before the watcher saw it"
	fi
	kill -s "$sig" "$pid" 2>/dev/null
	kill -s CONT "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	diag "SIG$sig: caught during the write: $hit"
	if [ "$sig" = KILL ]; then check_after any "SIG$sig while writing"
	else check_after none "SIG$sig while writing"; fi
done

done_testing

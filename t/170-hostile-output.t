#!/bin/sh
# 170-hostile-output: every command checks its writes.  Output to /dev/full
# gives "write error" and exit 1 (also for --help and --version); a model
# that cannot be written leaves nothing behind, and a failed run leaves an
# existing model untouched.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
. "$top_srcdir/t/hostile.sh"

[ -w /dev/full ] || skip_all "no /dev/full here"
need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT" "$FINF_STATS"
need_fixtures
cd "$T" || exit 99
awk 'BEGIN { print "a,b,label"
	for (i = 1; i <= 30; i++) printf "%d,%d,%s\n", i, (i * 7) % 11, (i % 2 ? "x" : "y") }' >data.csv
TRAIN_OPTS=$(train_opts data.csv)

# full DESC CMD...: CMD with stdout on /dev/full fails with a write error.
full() {
	_d=$1
	shift
	status=0
	"$@" >/dev/full 2>"$T/err" || status=$?
	is "$status" 1 "$_d > /dev/full: exit 1"
	like "$T/err" '^finf-[a-z]+: .*write error' "$_d > /dev/full: write error"
}

for c in "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT" "$FINF_STATS"; do
	n=$(basename "$c")
	full "$n --help" "$c" --help
	full "$n --version" "$c" --version
done

# shellcheck disable=SC2086
full "finf-train (model to stdout)" "$FINF_TRAIN" $TRAIN_OPTS data.csv
# shellcheck disable=SC2086
full "finf-train --report=json" "$FINF_TRAIN" $TRAIN_OPTS --report=json -o m.finf data.csv
rm -f m.finf

# shellcheck disable=SC2086
fails_cleanly "finf-train -o into a missing directory" 'nodir/m\.finf: ' \
	"$FINF_TRAIN" $TRAIN_OPTS -o nodir/m.finf data.csv
mkdir ro && chmod 555 ro
if [ "$(id -u)" -ne 0 ]; then
	# shellcheck disable=SC2086
	fails_cleanly "finf-train -o into a read-only directory" 'ro/m\.finf: ' \
		"$FINF_TRAIN" $TRAIN_OPTS -o ro/m.finf data.csv
	empty_dir ro "read-only directory: nothing left"
else
	skip 5 "running as root: a read-only directory is writable"
fi

# A failed run leaves the model that was there byte for byte.
mkdir keep
printf 'an old model\n' >keep/m.finf
cp keep/m.finf old.finf
printf 'a,b,label\n1,2,x\n3,4\n' >bad.csv
# shellcheck disable=SC2086
fails_cleanly "finf-train on bad data over an old model" 'bad\.csv:3: ' \
	"$FINF_TRAIN" $TRAIN_OPTS -o keep/m.finf bad.csv
same_file keep/m.finf old.finf "the old model is untouched"
is "$(ls -A keep)" "m.finf" "and no temporary file is left"
# A successful run replaces it, still leaving no temporary file.
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o keep/m.finf data.csv
is_status 0 "finf-train over an old model"
is "$(head -c 4 keep/m.finf)" FINF "the model was replaced"
is "$(ls -A keep)" "m.finf" "and no temporary file is left"

# An -o that names a FIFO or a device (/dev/null) is written in place: a
# rename over it would leave a regular file where the device was.
mkfifo model.fifo
timeout 60 cat model.fifo >via-fifo.finf &
cat_pid=$!
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o model.fifo data.csv
is_status 0 "finf-train -o FIFO"
wait "$cat_pid"
check "the FIFO is still a FIFO" test -p model.fifo
is "$(head -c 4 via-fifo.finf)" FINF "the model went through it"
is "$(ls -A | grep -c '^\.model\.fifo\.')" 0 "and no temporary file is left"

M=$TESTDATA/iris.bin
R=$TESTDATA/iris.inputs.csv
full "finf-inspect" "$FINF_INSPECT" "$M"
full "finf-inspect --json" "$FINF_INSPECT" --json "$M"
full "finf-predict" "$FINF_PREDICT" "$M" "$R"
full "finf-predict --json" "$FINF_PREDICT" --json "$M" "$R"
full "finf-stats" "$FINF_STATS" "$M" "$R"
full "finf-stats --json" "$FINF_STATS" --json "$M" "$R"
full "finf-stats --describe" "$FINF_STATS" --describe data.csv

done_testing

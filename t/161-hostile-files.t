#!/bin/sh
# 161-hostile-files: a model operand that is a directory, a FIFO, an empty
# file, an endless device, a missing or an unreadable file is refused cleanly (exit 1, one
# line naming the file); a FIFO that carries a real model works.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
. "$top_srcdir/t/hostile.sh"

need_built "$FINF_INSPECT" "$FINF_PREDICT" "$FINF_STATS"
need_fixtures
cd "$T" || exit 99
printf 'a,b\n1,2\n' >rows.csv

# Each model reader, with a rows operand where it takes one.
for c in "$FINF_INSPECT" "$FINF_PREDICT" "$FINF_STATS"; do
	n=$(basename "$c")
	extra=
	[ "$n" = finf-inspect ] || extra=rows.csv

	mkdir dir.finf
	fails_cleanly "$n, a directory" 'dir\.finf: ' "$c" dir.finf $extra
	rmdir dir.finf

	fails_cleanly "$n, a missing file" 'missing\.finf: .*[Nn]o such file' "$c" missing.finf $extra

	: >empty.finf
	fails_cleanly "$n, an empty file" 'empty\.finf: offset 0: ' "$c" empty.finf $extra

	# A FIFO whose writer sends garbage: read to the end, then refused.
	mkfifo fifo.finf
	# (timeout: a command that never opens the FIFO must not hang the test)
	timeout 20 sh -c "head -c 3000 /dev/urandom | tr '\\106' '\\107' >fifo.finf" &
	fails_cleanly "$n, a FIFO carrying garbage" 'fifo\.finf: offset 0: ' "$c" fifo.finf $extra
	wait
	rm -f fifo.finf

	# A device without end: refused on its first bytes, not read on to
	# the 1 GiB limit ("file is larger than ...").
	if [ -r /dev/zero ]; then
		fails_cleanly "$n, /dev/zero" '/dev/zero: offset 0: bad magic' "$c" /dev/zero $extra
	else
		skip 4 "no /dev/zero"
	fi

	if [ "$(id -u)" -ne 0 ]; then
		printf 'FINF' >locked.finf && chmod 000 locked.finf
		fails_cleanly "$n, an unreadable file" 'locked\.finf: .*[Pp]ermission denied' "$c" locked.finf $extra
		rm -f locked.finf
	else
		skip 4 "running as root: chmod 000 does not stop reads"
	fi
done

mkfifo model.fifo
timeout 20 sh -c 'cat "$1" >model.fifo' sh "$TESTDATA/seeds.bin" &
run "$FINF_INSPECT" model.fifo
wait
is_status 0 "a FIFO carrying a real model is read"
like "$T/out" 'Wheat Seeds' "and its metadata shown"
# The same model on stdin.
run "$FINF_INSPECT" - <"$TESTDATA/seeds.bin"
is_status 0 "a model on stdin is read"
fails_cleanly "finf-inspect, garbage on stdin" '<stdin>: offset 0: ' \
	"$FINF_INSPECT" - <rows.csv

done_testing

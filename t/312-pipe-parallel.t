#!/bin/sh
# 312-pipe-parallel.t: GNU parallel --pipe --header 1 -k splits the rows over
# several finf-predict processes and the joined output is byte for byte what
# one process writes (finf-predict.1 gives the recipe).
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
command -v parallel >/dev/null 2>&1 || skip_all "GNU parallel is not installed"
parallel --will-cite --version 2>/dev/null | grep -q 'GNU parallel' || skip_all "not GNU parallel"
cd "$T" || exit 99
TD=$TESTDATA
D=$DATASETS
HOME=$T
export HOME

# Six copies of the housing features (about 120,000 rows), header once.
cut -d, -f1-8 "$D/housing.csv" >one.csv
{ cat one.csv; for i in 1 2 3 4 5; do tail -n +2 one.csv; done; } >big.csv
rows=$(($(lines big.csv) - 1))

"$FINF_PREDICT" "$TD/housing.bin" big.csv >single.out
is "$?" 0 "one process: exit 0"
is "$(lines single.out)" $((rows + 1)) "one process: a header and $rows rows"

parallel --will-cite --pipe --header 1 -k --block 256k -j 2 \
	"'$FINF_PREDICT'" "'$TD/housing.bin'" <big.csv >par.out 2>par.err
is "$?" 0 "parallel --pipe --header 1 -k finf-predict"
same_file par.out single.out "parallel's output is identical"
check "the input was really split (more than one chunk)" \
	[ "$(wc -c <big.csv)" -gt 600000 ]
is "$(wc -c <par.err | tr -d ' ')" 0 "nothing on stderr"

"$FINF_PREDICT" -k "$TD/housing.bin" big.csv >single.out
is "$?" 0 "one process with --keep: exit 0"
parallel --will-cite --pipe --header 1 -k --block 256k -j 2 \
	"'$FINF_PREDICT'" -k "'$TD/housing.bin'" <big.csv >par.out 2>/dev/null
is "$?" 0 "parallel with --keep: exit 0"
same_file par.out single.out "with --keep too"

"$FINF_PREDICT" --json "$TD/housing.bin" big.csv >single.out
is "$?" 0 "one process with --json: exit 0"
parallel --will-cite --pipe --header 1 -k --block 256k -j 2 \
	"'$FINF_PREDICT'" --json "'$TD/housing.bin'" <big.csv >par.out 2>/dev/null
is "$?" 0 "parallel with --json: exit 0"
same_file par.out single.out "with --json too"

# A classifier, whole lines per chunk, header by name.
{ head -n 1 "$D/wine.csv"; for i in 1 2 3 4 5 6 7 8; do tail -n +2 "$D/wine.csv"; done; } >wine8.csv
"$FINF_PREDICT" --probabilities "$TD/wine.bin" wine8.csv >single.out
is "$?" 0 "one process, a classifier: exit 0"
parallel --will-cite --pipe --header 1 -k --block 100k \
	"'$FINF_PREDICT'" --probabilities "'$TD/wine.bin'" <wine8.csv >par.out 2>/dev/null
is "$?" 0 "parallel, a classifier: exit 0"
same_file par.out single.out "a classifier with --probabilities"

# Outside parallel the header is always written, whatever PARALLEL_SEQ says
# of a file operand.
PARALLEL_SEQ=2 "$FINF_PREDICT" "$TD/housing.bin" one.csv >seq2.out
is "$?" 0 "PARALLEL_SEQ=2 with a file operand: exit 0"
head -n 1 seq2.out >got
is "$(cat got)" value "a file operand keeps its header"
done_testing

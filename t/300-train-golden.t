#!/bin/sh
# finf-train --recipe=ferrum reproduces all eleven golden models of the original engine byte for byte.
. "${top_srcdir:-.}/t/lib.sh"

need_testdata
need_datasets
cd "$T" || exit 99

# NAME|dataset name|hidden|epochs, as the golden README lists them.
while IFS='|' read -r name title hidden epochs; do
	csv="$FERRUM_DATASETS/$name.csv"
	[ "$name" = wine6 ] && csv="$FERRUM_TESTDATA/wine6.csv"
	if [ ! -r "$csv" ] || [ ! -r "$FERRUM_TESTDATA/$name.bin" ]; then
		skip 2 "$name: no data"
		continue
	fi
	run "$FINF_TRAIN" --recipe=ferrum -n "$title" -H "$hidden" -e "$epochs" -o "$name.finf" "$csv"
	is_status 0 "$name: trains"
	same_file "$name.finf" "$FERRUM_TESTDATA/$name.bin" "$name: byte-identical to the golden model"
	rm -f "$name.finf"
done <<'EOF2'
iris|Iris|32|500
wine|Wine Quality|64|600
diabetes|Pima Diabetes|48|600
wine6|Wine Quality|64|600
titanic|Titanic|32|500
housing|California Housing|64|400
heart|Heart Disease|32|600
cancer|Breast Cancer|64|600
penguins|Palmer Penguins|32|500
mpg|Auto MPG|48|500
seeds|Wheat Seeds|24|500
EOF2

# The same bytes through standard input and standard output, with CRLF
# line ends (the original dropped a trailing CR).
sed 's/$/\r/' "$FERRUM_DATASETS/iris.csv" >iris-crlf.csv
"$FINF_TRAIN" -q --recipe=ferrum -n Iris -H 32 -e 500 <iris-crlf.csv >iris.finf
same_file iris.finf "$FERRUM_TESTDATA/iris.bin" "iris: CRLF, stdin to stdout: the same bytes"

done_testing

#!/bin/sh
# 320-real-files.t: real CSV files as Debian's data packages ship them
# (statsmodels' datasets and test results, scikit-learn's), used in place: each trains with
# one command naming at most the target, and finf-predict answers every
# data row of the same file.  Between them they have tabs, semicolons and
# runs of spaces, quoted and single-quoted headers, a byte order mark,
# names and other strings, row numbers, gaps (empty cells, whole empty
# columns, a target with gaps), a quoted field holding the delimiter and a
# last line without its newline.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT"
cd "$T" || exit 99

# Where Debian puts them (python3-statsmodels, python3-sklearn).
SM=/usr/lib/python3/dist-packages/statsmodels/datasets
SK=/usr/lib/python3/dist-packages/sklearn/datasets/data
SMT=/usr/lib/python3/dist-packages/statsmodels
[ -d "$SM" ] ||
	skip_all "no python3-statsmodels (apt-get install --no-install-recommends python3-statsmodels)"

# FILE|TARGET (empty: the last column)|what it has
files="$SM/anes96/anes96.csv||tabs, a header in single quotes
$SM/spector/spector.csv||runs of spaces, a header in single quotes, a row-number column
$SM/modechoice/modechoice.csv|choice|semicolons
$SM/grunfeld/grunfeld.csv|invest|a string column of firms
$SM/statecrime/statecrime.csv|violent|a column of state names
$SM/danish_data/data.csv||a byte order mark, quarters as text (1974Q1)
$SM/strikes/strikes.csv|duration|a space after each comma
$SM/co2/co2.csv||a target with gaps (those rows are skipped in training)
$SM/committee/committee.csv||quoted names, a quoted header
$SK/linnerud_exercise.csv||sklearn: runs of spaces, 20 rows
$SMT/regression/tests/results/dietox.csv||R's row-names layout: the header one field short
$SMT/tsa/statespace/tests/results/exponential_smoothing_params.csv|oil_ets|an empty header name over row names
$SMT/tsa/tests/results/results_arima_forecasts.csv||names given twice, which the model reads back"

n=0
while IFS='|' read -r file target what; do
	n=$((n + 1))
	name=$(basename "$(dirname "$file")")/$(basename "$file")
	if [ ! -r "$file" ]; then
		skip 3 "$file is not installed"
		continue
	fi
	# The data rows: every file here has a header and no line break
	# inside a quoted field, so they are the non-blank lines but one.
	rows=$(($(grep -c '[^[:space:]]' "$file") - 1))
	# shellcheck disable=SC2086
	run "$FINF_TRAIN" -q ${target:+-t "$target"} -o "m$n.finf" "$file"
	is_status 0 "$name ($what): finf-train${target:+ -t $target} trains it" ||
		sed 's/^/#   /' "$T/err" | head -3
	run "$FINF_PREDICT" --json "m$n.finf" "$file"
	is_status 0 "$name: finf-predict reads it back" ||
		sed 's/^/#   /' "$T/err" | head -3
	is "$(lines "$T/out")" "$rows" "$name: an answer for each of the $rows data rows"
done <<EOF
$files
EOF

# A header shown only by its empty columns: names over names and years
# over numbers read the same above and below, but "2013" heads a column of
# nothing but gaps.  Then: names, gaps everywhere, two empty columns, a
# quoted comma, no final newline.
file=$SM/fertility/fertility.csv
if [ -r "$file" ]; then
	rows=$(($(grep -c '[^[:space:]]' "$file") - 1))
	run "$FINF_TRAIN" -q -t 2011 -o fertility.finf "$file"
	is_status 0 "fertility/fertility.csv: finf-train -t 2011 trains it" ||
		sed 's/^/#   /' "$T/err" | head -3
	run "$FINF_PREDICT" --json fertility.finf "$file"
	is_status 0 "fertility/fertility.csv: finf-predict reads it back"
	is "$(lines "$T/out")" "$rows" "fertility/fertility.csv: an answer for each of the $rows data rows"
else
	skip 3 "$file is not installed"
fi

# What the reports said, from the schema stored in the models (finf-inspect
# --json shows it in the metadata).
if command -v jq >/dev/null 2>&1; then
	# why MODEL COLUMN: the kind of COLUMN, and why when it is ignored.
	why() {
		"$FINF_INSPECT" --json "$1" 2>/dev/null |
			jq -r --arg c "$2" '.metadata.schema.columns[] | select(.name == $c) |
				.kind + (if .why then " (" + .why + ")" else "" end)'
	}
	is "$(why m2.finf OBS)" "ignored (row numbers)" "spector: OBS is ignored as row numbers"
	is "$(why m2.finf GPA)" "numeric" "spector: the quotes are taken off the header"
	is "$(why fertility.finf "Country Name")" "ignored (distinct values)" "fertility: the country names are ignored"
	is "$(why fertility.finf 2013)" "ignored (empty)" "fertility: the empty column is ignored"
	is "$(why fertility.finf 1960)" "numeric" "fertility: a column with gaps stays numeric"
	is "$(why m4.finf firm)" "categorical" "grunfeld: the firms are categories"
	is "$(why m5.finf state)" "ignored (distinct values)" "statecrime: the state names are ignored"
	is "$(why m6.finf lrm)" "numeric" "danish_data: the byte order mark is not part of a name"
	is "$(why m7.finf iprod)" "numeric" "strikes: ' .01138' is a number"
	if [ -r "$SM/strikes/strikes.csv" ]; then
		"$FINF_TRAIN" -q -t iprod -o iprod.finf "$SM/strikes/strikes.csv"
		is "$("$FINF_INSPECT" --json iprod.finf | jq -r .metadata.task)" regression \
			"strikes -t iprod: twelve distinct fractional values are a regression target"
	else
		skip 1 "strikes.csv is not installed"
	fi
	is "$(why m11.finf 1)" "ignored (row numbers)" "dietox: the row names are left out"
	is "$(why m11.finf Weight)" "numeric" "dietox: the names sit over their own columns"
	is "$(why m12.finf 1)" "categorical" "exponential_smoothing_params: the unnamed column is named 1"
else
	skip 12 "jq is not installed"
fi
done_testing

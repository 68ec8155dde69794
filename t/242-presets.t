#!/bin/sh
# t/242-presets.t: every named preset of datasets/CATALOG is predicted as
# its name says by the demo model (finf-predict on the preset's raw values),
# and every hard case is one the model gets wrong.  With the datasets
# (configure --with-datasets): a "row N" preset holds exactly the cells of
# row N of its file, and Rows is the file's number of data rows.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_built "$FINF_PREDICT"

CATALOG=$top_srcdir/datasets/CATALOG
CATAWK=$top_srcdir/datasets/catalog.awk
MODELS=$top_srcdir/web/models

run awk -v what=presets -f "$CATAWK" "$CATALOG"
is_status 0 "catalog.awk lists the presets of datasets/CATALOG"
cp "$T/out" "$T/presets"
awk -v what=train -f "$CATAWK" "$CATALOG" | cut -d'|' -f1,3 >"$T/files"
awk -v what=list -v key=Rows -f "$CATAWK" "$CATALOG" >"$T/rows"

while IFS='|' read -r n file; do
	count=$(awk -F'|' -v n="$n" '$1 == n' "$T/presets" | wc -l)
	hard=$(awk -F'|' -v n="$n" '$1 == n && $2 ~ /^Hard case/' "$T/presets" | wc -l)
	check "$n: $count presets (3 to 5), $hard of them a hard case (at most 1)" \
		test "$count" -ge 3 -a "$count" -le 5 -a "$hard" -le 1
done <"$T/files"

# meets VALUE EXPECT: yes when VALUE is EXPECT: the class code, or for a
# regression a number within "< X", "> X" or "X..Y" (inclusive).
meets() {
	awk -v x="$1" -v e="$2" 'BEGIN {
		if (e ~ /^</) { sub(/^< */, "", e); ok = x + 0 < e + 0 }
		else if (e ~ /^>/) { sub(/^> */, "", e); ok = x + 0 > e + 0 }
		else if (e ~ /^-?[0-9.]+\.\.-?[0-9.]+$/) {
			i = index(e, "..")
			ok = x + 0 >= substr(e, 1, i - 1) + 0 && x + 0 <= substr(e, i + 2) + 0
		} else ok = x == e
		print ok ? "yes" : "no"
	}'
}

# onerow VALUES: a CSV of a header (the columns) and one row (the values)
# from "COL=VALUE; COL=VALUE; ...".
onerow() {
	awk -v v="$1" '
	function q(s) {
		if (s ~ /[",]/ || s ~ /^[ \t]/ || s ~ /[ \t]$/) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
		return s
	}
	BEGIN {
		n = split(v, a, "; ")
		for (i = 1; i <= n; i++) {
			c = index(a[i], "=")
			h = h (i > 1 ? "," : "") q(substr(a[i], 1, c - 1))
			r = r (i > 1 ? "," : "") q(substr(a[i], c + 1))
		}
		print h
		print r
	}'
}

nhard=0
while IFS='|' read -r n preset expect src values; do
	onerow "$values" >"$T/row.csv"
	if ! "$FINF_PREDICT" -q --json "$MODELS/$n.finf" "$T/row.csv" >"$T/pred" 2>"$T/prederr" </dev/null; then
		is "$(head -1 "$T/prederr")" "" "$n: finf-predict reads preset '$preset'"
		continue
	fi
	case $(cat "$T/pred") in
	*'"type":"regression"'*) got=$(sed -n 's/.*"value":\([^,}]*\).*/\1/p' "$T/pred") ;;
	*) got=$(sed -n 's/.*"label":"\([^"]*\)".*/\1/p' "$T/pred") ;;
	esac
	case $preset in
	"Hard case"*)
		nhard=$((nhard + 1))
		is "$(meets "$got" "$expect")" no \
			"$n: '$preset' is labelled a hard case and the model does get it wrong (says $got, truly $expect)"
		;;
	*)
		is "$(meets "$got" "$expect")" yes "$n: '$preset' is predicted $expect (says $got)"
		;;
	esac
done <"$T/presets"
ok "$nhard" "the catalog has hard cases, each tested above"

# The facts only the datasets hold.
nrow=$(awk -F'|' '$4 ~ /^row /' "$T/presets" | wc -l)
nfile=$(wc -l <"$T/files")
if [ "$REAL_DATA" != yes ]; then
	skip $((nrow + nfile)) "no datasets (configure --with-datasets=DIR): the rows of the presets and the Rows counts are not checked"
	done_testing
	exit
fi

# records FILE: data rows of a CSV (records, header excluded; a quoted
# field may hold a line break).
records() {
	awk '{ q += gsub(/"/, "\"") } q % 2 == 0 { n++ } END { print n - 1 }' "$1"
}
while IFS='|' read -r n file; do
	rows=$(awk -F'|' -v n="$n" '$1 == n { print $2 }' "$T/rows")
	is "$(records "$DATASETS/$file")" "$rows" "$n: Rows is the number of data rows of $file"
done <"$T/files"

# cells FILE N COLUMNS: "COL=CELL; ..." for the columns (in the order of
# COLUMNS, "; "-separated) of data row N of FILE (quoted fields undone).
cells() {
	awk -v want="$2" -v cols="$3" '
	function csv(line, f,    n, i, c, inq, cur) {
		sub(/\r$/, "", line)
		n = 0; cur = ""; inq = 0
		for (i = 1; i <= length(line); i++) {
			c = substr(line, i, 1)
			if (inq) {
				if (c != "\"") cur = cur c
				else if (substr(line, i + 1, 1) == "\"") { cur = cur "\""; i++ }
				else inq = 0
			} else if (c == "\"") inq = 1
			else if (c == ",") { f[++n] = cur; cur = "" }
			else cur = cur c
		}
		f[++n] = cur
		return n
	}
	{ rec = (part == "" ? "" : part "\n") $0; q += gsub(/"/, "\"") }
	q % 2 == 1 { part = rec; next }
	{ part = ""; r++ }
	r == 1 { nh = csv(rec, head); for (i = 1; i <= nh; i++) at[head[i]] = i }
	r == want + 1 {
		csv(rec, cell)
		n = split(cols, c, "; ")
		for (i = 1; i <= n; i++)
			out = out (i > 1 ? "; " : "") c[i] "=" ((c[i] in at) ? cell[at[c[i]]] : "(no such column)")
		print out
		exit
	}' "$1"
}
while IFS='|' read -r n preset expect src values; do
	case $src in
	"row "*) ;;
	*) continue ;;
	esac
	file=$(awk -F'|' -v n="$n" '$1 == n { print $2 }' "$T/files")
	cols=$(echo "$values" | awk '{ n = split($0, a, "; "); for (i = 1; i <= n; i++) printf "%s%s", (i > 1 ? "; " : ""), substr(a[i], 1, index(a[i], "=") - 1) }')
	is "$(cells "$DATASETS/$file" "${src#row }" "$cols")" "$values" \
		"$n: '$preset' holds the cells of $src of $file"
done <"$T/presets"

done_testing

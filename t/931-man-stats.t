#!/bin/sh
# 931-man-stats.t: the EXAMPLES of finf-stats(1), run as printed; each output
# equals the page, and its facts are derived again from other sources: the
# probabilities of finf-predict, the golden expected.json, finf-inspect's
# normaliser, and awk over the CSV.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_fixtures
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
PAGE=$top_srcdir/man/finf-stats.1
BIN=$(cd "$top_builddir/bin" && pwd) || exit 99
PATH=$BIN:$PATH
export PATH
mkdir "$T/ex" && cp "$TESTDATA"/*.bin "$TESTDATA"/*.inputs.csv \
	"$DATASETS/wine.csv" "$DATASETS/titanic.csv" "$DATASETS/iris.csv" "$T/ex/" || exit 99
cd "$T/ex" || exit 99

# block N: the output lines of the page's Nth literal block.
block() {
	awk -v n="$1" '
		/^\.Bd -literal/ { b++; inb = (b == n); cmd = 0; next }
		/^\.Ed/ { inb = 0; next }
		inb && /^\$ / { cmd = 1; cont = /[|]$/; next }
		inb && cmd && cont { cont = /[|]$/; next }
		inb { gsub(/\\e/, "\\"); sub(/^\\&/, ""); print }' "$PAGE"
}
# badge P...: the documented badge of a probability vector, by awk.
badges() {
	awk -F, 'NR > 1 {
		h = 0; c = NF - 2
		for (i = 3; i <= NF; i++) if ($i > 0) h -= $i * log($i)
		u = h / log(c)
		print (u < 0.1 ? "Certain" : u < 0.4 ? "Confident" : u < 0.8 ? "Uncertain" : "Toss-up") }'
}

# Example 1.
sed -n '1p;10p' wine.csv | finf-stats wine.bin >ex1 2>&1
block 1 >page1
golden same_file ex1 page1 "example 1 prints what the page shows"
sed -n '1p;10p' wine.csv | finf-predict --probabilities wine.bin | badges >want
is "$(sed -n 's/^confidence: \([A-Za-z-]*\) .*/\1/p' ex1)" "$(cat want)" "example 1: the badge of the probabilities"
is "$(sed -n 's/^prediction: \([^ ]*\) .*/\1/p' ex1)" \
	"$(sed -n '1p;10p' wine.csv | finf-predict wine.bin | sed -n '2s/,.*//p')" "example 1: finf-predict's label"
# The class table, most probable first; certainty, margin and the
# architecture card's hidden width, normaliser and loss, from other sources.
sed -n '1p;10p' wine.csv | finf-predict --probabilities wine.bin | awk -F, '
	NR == 1 { for (i = 3; i <= NF; i++) name[i] = substr($i, 3) }
	NR == 2 { h = 0
		for (i = 3; i <= NF; i++) { p[i] = $i; if ($i > 0) h -= $i * log($i) }
		c = NF - 2; u = h / log(c)
		for (k = 0; k < c; k++) { b = 0
			for (i = 3; i <= NF; i++) if (!(i in used) && (b == 0 || p[i] >= p[b])) b = i
			used[b] = 1; order[k] = b; print name[b] }
		printf "%.6f\n%.6f\n", 1 - u, p[order[0]] - p[order[1]] }' >want
{ awk '/^class /{ t = 1; next } /^entropy /{ t = 0 } t { print $1 }' ex1
  sed -n 's/^certainty .* = \([0-9.]*\)$/\1/p' ex1
  sed -n 's/^margin .*%  \([0-9.]*\),.*/\1/p' ex1; } >got
golden same_file got want "example 1: classes by P, certainty and margin from finf-predict's probabilities"
finf-inspect --json wine.bin | jq -r '[.layers[] | select(.kind == "linear") | .in] |
	"  hidden \(.[1:] | map(tostring) | join(", ")); z-score normaliser, cross-entropy loss"' >want
grep '^  hidden' ex1 >got
golden same_file got want "example 1: hidden widths from finf-inspect's layers"

# Example 2.
finf-stats --json wine.bin wine.csv | jq -r .report.badge | sort | uniq -c | sort -rn >ex2 2>&1
block 2 >page2
golden same_file ex2 page2 "example 2 prints what the page shows"
finf-predict --probabilities wine.bin wine.csv | badges | sort | uniq -c | sort -rn >want
same_file ex2 want "example 2: the counts awk derives from the probabilities"

# Example 3.
finf-stats --json housing.bin housing.inputs.csv |
	jq -c '[.report.quartile, .report.within_sigma, .unfamiliar]' >ex3 2>&1
block 3 >page3
golden same_file ex3 page3 "example 3 prints what the page shows"
finf-inspect --json housing.bin >inspect.json
jq -c --slurpfile i inspect.json '.rows[] |
	$i[0].target.mean as $m | $i[0].target.std as $s |
	((.prediction - $m) / $s) as $z | 0.6744897501960817 as $c |
	[.inputs, ($i[0].features | map(.range)), .normalized] as [$x, $r, $n] |
	[(if $z < (0 - $c) then 1 elif $z < 0 then 2 elif $z < $c then 3 else 4 end),
	 ($z <= 1 and $z >= -1),
	 ([range(0; $x | length) | select($x[.] < $r[.][0] or $x[.] > $r[.][1] or ($n[.] | fabs) > 3)] | length)]' \
	"$TESTDATA/housing.expected.json" >want
golden same_file ex3 want "example 3: from expected.json and the model's normaliser"

# Example 4.
finf-stats --describe --json titanic.csv |
	jq -r 'select(.kind == "numeric") | "\(.column) \(.min) \(.median) \(.max)"' | head -n 3 >ex4 2>&1
block 4 >page4
golden same_file ex4 page4 "example 4 prints what the page shows"
for i in 1 2 3; do
	name=$(head -n 1 titanic.csv | cut -d, -f$i)
	tail -n +2 titanic.csv | cut -d, -f$i | sort -g |
		awk -v name="$name" '{ v[NR] = $1 } END {
			h = (NR - 1) / 2; f = int(h)
			printf "%s %g %g %g\n", name, v[1], v[f + 1] + (h - f) * (v[f + 2] - v[f + 1]), v[NR] }'
done >want
golden same_file ex4 want "example 4: minimum, median and maximum by awk"
# Example 6.
finf-stats --evaluate iris.bin iris.csv >ex6 2>&1
block 6 >page6
golden same_file ex6 page6 "example 6 prints what the page shows"
finf-predict --evaluate iris.bin iris.csv | grep -e '^log-loss' -e '^Brier' -e '^ECE' >want
grep -e '^log-loss' -e '^Brier' -e '^ECE' ex6 >got
golden same_file got want "example 6: the figures of finf-predict --evaluate"
is "$(awk '/^  0\./ { n += $2 } END { print n }' ex6)" 150 "example 6: the bins hold every row"
# Every member of the --json objects (a classifier, a regressor, a model
# with a schema; the prediction's are finf-predict(1)'s) is documented.
{
	sed -n '1p;10p' wine.csv | finf-stats --json wine.bin
	finf-stats --json housing.bin housing.inputs.csv
	head -n 3 "$DATASETS/raw/titanic.csv" | finf-stats --json "$top_srcdir/web/models/titanic.finf"
} | jq -r '[paths | select(.[0] != "prediction") | map(strings) | last] | unique | .[]' |
	sort -u >keys
awk '/^\.Cm [a-z_]+/ { print $2 } /^\.It Cm [a-z_]+/ { print $3 }' "$PAGE" | sort -u >documented
is "$(comm -23 keys documented | tr '\n' ' ')" "" "every --json member is documented (.Cm NAME)"
is "$(grep -c -e '^z_bar$' -e '^certainty$' -e '^order$' -e '^output$' -e '^normaliser$' \
	-e '^loss$' -e '^hidden$' keys)" 7 "the members checked include the seven new ones"
done_testing

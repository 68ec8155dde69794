#!/bin/sh
# t/241-catalog.t: datasets/CATALOG is well formed, datasets/catalog.awk
# rejects a broken one with the line at fault, and the catalog describes
# each demo model exactly: every control column and every class once.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_built "$FINF_INSPECT"

CATALOG=$top_srcdir/datasets/CATALOG
CATAWK=$top_srcdir/datasets/catalog.awk
MODELS=$top_srcdir/web/models

run awk -v what=check -f "$CATAWK" "$CATALOG"
is_status 0 "catalog.awk check accepts datasets/CATALOG"
is "$(cat "$T/err")" "" "and says nothing"

# A small catalog, one classifier and one regression; each case below
# breaks one line of it (or adds one) and expects the message at that line.
cat >"$T/good" <<'EOF'
# a comment
Name: flowers
Title: Flower Classifier
Subtitle: One line.
Description: A first sentence. A second one.
 .
 A second paragraph.
Source: Somebody (2000)
Link: https://example.org/flowers
Licence: CC0 1.0
File: flowers.csv
Rows: 10
Model-Name: Flowers
Target: Kind |
Classes:
 a | Alpha
 b | Beta
Columns:
 x | Width (cm) | 0.0
 y | Colour |
Codes:
 y | r | red
Presets:
 One | a | row 1 | x=1.5; y=r
 Two | b | row 2 | x=2.5; y=g
 Hard case: three | a | made up | x=3.5; y=r

Name: prices
Title: Price Estimator
Subtitle: One line.
Description: Prices.
Source: Somebody (2000)
Link: https://example.org/prices
Licence: CC0 1.0
File: prices.csv
Rows: 20
Model-Name: Prices
Options: -t price
Target: Price | $#,##0
Columns:
 n | Rooms | #,##0
Presets:
 Small | < 100 | row 1 | n=1
 Middle | 100..200 | row 2 | n=3
 Big | > 200 | made up | n=9
EOF
run awk -v what=check -f "$CATAWK" "$T/good"
is_status 0 "the small catalog is valid"
run awk -v what=train -f "$CATAWK" "$T/good"
is "$(cat "$T/out")" "flowers|Flowers|flowers.csv|
prices|Prices|prices.csv|-t price" "what=train: name, model name, file and options"
run awk -v what=presets -f "$CATAWK" "$T/good"
is "$(sed -n '3p;6p' "$T/out")" "flowers|Hard case: three|a|made up|x=3.5; y=r
prices|Big|> 200|made up|n=9" "what=presets: one line per preset"
run awk -v what=list -v key=Columns -f "$CATAWK" "$T/good"
is "$(cat "$T/out")" "flowers|x | Width (cm) | 0.0
flowers|y | Colour |
prices|n | Rooms | #,##0" "what=list: the entries of a key"

# broken DESCRIPTION LINE MESSAGE SED-SCRIPT: the small catalog edited by
# SED-SCRIPT is refused, with MESSAGE at LINE, by every mode.
broken() {
	sed "$4" "$T/good" >"$T/bad"
	run awk -v what=check -f "$CATAWK" "$T/bad"
	is_status 1 "$1 is refused"
	like "$T/err" "^$T/bad:$2: $3" "$1: the message names line $2"
	run awk -v what=train -f "$CATAWK" "$T/bad"
	is "$status:$(cat "$T/out")" "1:" "$1: what=train writes nothing and fails"
}
broken "an unknown key" 5 "unknown key Colour:" '5i\
Colour: red'
broken "a repeated key" 5 "repeated key Title: \\(first on line 3\\)" '5i\
Title: Again'
broken "a missing required key" 2 "missing Licence:" '/^Licence:/d'
broken "a missing Classes for a classifier" 14 "missing Classes:" '/^Classes:/,/^ b |/d'
broken "Classes for a regression" 40 "Classes: given" '40i\
Classes:\
 a | Alpha'
broken "a bad Name" 2 "bad Name 'Flowers!'" 's/^Name: flowers/Name: Flowers!/'
broken "a repeated Name" 28 "Name flowers already used on line 2" 's/^Name: prices/Name: flowers/'
broken "a Presets entry without 4 fields" 24 "Presets entry needs 4 fields .*not 3" 's/^ One | a | row 1 |/ One | a |/'
broken "a bad number format in Columns" 19 "bad number format '0\\.0\\.0'" 's/| 0\.0$/| 0.0.0/'
broken "a bad number format in Target" 39 "bad number format '.#,#0'" 's/| \$#,##0$/| $#,#0/'
broken "a Columns entry without 3 fields" 20 "Columns entry needs 3 fields .*not 2" 's/^ y | Colour |$/ y | Colour/'
broken "a regression EXPECT that is no range" 44 "regression EXPECT must be '< X', '> X' or 'X\\.\\.Y', not 'about 150'" 's/| 100\.\.200 |/| about 150 |/'
broken "a regression EXPECT with a word for a number" 43 "regression EXPECT must be .*not '< ten'" 's/| < 100 |/| < ten |/'
broken "an empty range" 44 "EXPECT 200\\.\\.100: empty range" 's/| 100\.\.200 |/| 200..100 |/'
broken "a class EXPECT that is not a class" 25 "EXPECT c is not a class of Classes" 's/^ Two | b |/ Two | c |/'
broken "two hard cases" 26 "more than one hard case" 's/^ Two | b |/ Hard case: two | b |/'
broken "fewer than 3 presets" 23 "2 presets: 3 to 5 are needed" '/^ Two | b |/d'
broken "more than 5 presets" 42 "6 presets: 3 to 5 are needed" '/^ Big |/{p;s/Big/Big 2/p;s/Big 2/Big 3/p;s/Big 3/Big 4/;}'
broken "a bad SOURCE" 24 "SOURCE must be 'row N' or 'made up', not 'row one'" 's/^ One | a | row 1 |/ One | a | row one |/'
broken "a preset without a value for a column" 25 "preset gives no value for y" 's/x=2\.5; y=g/x=2.5/'
broken "a preset with an unknown column" 25 "preset value for z, which is not in Columns" 's/x=2\.5; y=g/x=2.5; y=g; z=1/'
broken "a Codes entry for no column" 22 "Codes: column w is not in Columns" 's/^ y | r | red/ w | r | red/'
broken "entries on the key's line" 15 "Classes: entries go on the lines that follow" 's/^Classes:$/Classes: a | Alpha/'
broken "a line that is no field" 6 "not a field" '6i\
Just some words'
broken "a link that is not https" 9 "Link: not an https URL" 's|https://example.org/flowers|http://example.org/flowers|'
broken "a Rows that is not a count" 12 "Rows: not a positive whole number" 's/^Rows: 10$/Rows: ten/'
broken "a continuation of a one-line field" 4 "Title: one line only" '4i\
 continued'

run awk -v what=nonsense -f "$CATAWK" "$T/good"
is_status 2 "an unknown what= is a usage error"

# What finf-inspect --json says of a model (one line of JSON): lines
#   task|TASK    dataset|NAME    class|CODE
#   column|NAME|KIND|MIN|MAX     level|COLUMN|LEVEL
# from the schema's columns, or from the feature names (all numeric) of a
# model without a schema.
model_info() {
	"$FINF_INSPECT" --json "$1" | awk '
	function str(s,    i) { # the JSON string at the start of s, unescaped
		s = substr(s, 2)
		for (i = 1; i <= length(s); i++) {
			if (substr(s, i, 1) == "\\") { i++; continue }
			if (substr(s, i, 1) == "\"") break
		}
		s = substr(s, 1, i - 1)
		gsub(/\\"/, "\"", s)
		gsub(/\\\\/, "\\", s)
		return s
	}
	function after(s, k,    i) { # s after the first occurrence of k, or ""
		i = index(s, k)
		return i ? substr(s, i + length(k)) : ""
	}
	function strings(s, tag, pre,    t) { # each string of the array at s
		while (substr(s, 1, 1) == "\"") {
			t = str(s)
			print tag "|" pre t
			s = substr(s, length(t) + 3)
			if (substr(s, 1, 1) == ",") s = substr(s, 2)
		}
	}
	function num(s, k,    t) {
		t = after(s, k)
		return match(t, /^-?[0-9.eE+-]+/) ? substr(t, 1, RLENGTH) : ""
	}
	{
		print "task|" str(after($0, "\"task\":"))
		print "dataset|" str(after($0, "\"dataset_name\":"))
		if (index($0, "\"class_names\":["))
			strings(after($0, "\"class_names\":["), "class", "")
		s = after($0, "\"schema\":{")
		if (s == "") {
			strings(after($0, "\"feature_names\":["), "column", "")
			next
		}
		s = after(s, "\"columns\":[")
		while (match(s, /\{"name":"([^"\\]|\\.)*","kind":"[a-z]+"/)) {
			s = substr(s, RSTART)
			name = str(after(s, "\"name\":"))
			kind = str(after(s, "\"kind\":"))
			s = substr(s, 2)
			obj = match(s, /\{"name":/) ? substr(s, 1, RSTART - 1) : s
			print "column|" name "|" kind "|" num(obj, "\"min\":") "|" num(obj, "\"max\":")
			if (index(obj, "\"levels\":["))
				strings(after(obj, "\"levels\":["), "level", name "|")
		}
	}'
}

# The catalog's entries of KEY for dataset NAME, first field, sorted.
entries() {
	awk -v what=list -v key="$2" -f "$CATAWK" "$CATALOG" |
		awk -F'|' -v n="$1" '$1 == n { sub(/^[ \t]+/, "", $2); sub(/[ \t]+$/, "", $2); print $2 }' | sort
}

# Description: 2 to 5 sentences in all (a sentence ends at . ! or ?
# before a space or the end; "e.g.", "i.e." and "et al." end none).
awk -v what=list -v key=Description -f "$CATAWK" "$CATALOG" | awk '{
	n = index($0, "|"); name = substr($0, 1, n - 1); d = substr($0, n + 1) " "
	gsub(/e\.g\.|i\.e\.|et al\./, "", d)
	k = gsub(/[.!?][)"]* /, "&", d)
	if (k < 2 || k > 5) print name ": " k " sentences"
}' >"$T/sentences"
is "$(cat "$T/sentences")" "" "every Description has 2 to 5 sentences"

names=$(awk -v what=train -f "$CATAWK" "$CATALOG" | cut -d'|' -f1)
is "$(echo "$names" | sort | tr '\n' ' ')" \
	"$(cd "$MODELS" && ls ./*.finf | sed 's|^\./||; s|\.finf$||' | sort | tr '\n' ' ')" \
	"the catalog describes every model of web/models, and no other"

for n in $names; do
	model_info "$MODELS/$n.finf" >"$T/$n.info"
	is "$(awk -F'|' '$1 == "column" && ($3 == "numeric" || $3 == "date" || $3 == "categorical") { print $2 }' "$T/$n.info" | sort)" \
		"$(entries "$n" Columns)" "$n: Columns has one entry for each control column of the model"
	is "$(awk -F'|' '$1 == "class" { print $2 }' "$T/$n.info" | sort)" \
		"$(entries "$n" Classes)" "$n: Classes has one entry for each class of the model"
	is "$(awk -v what=list -v key=Model-Name -f "$CATAWK" "$CATALOG" | awk -F'|' -v n="$n" '$1 == n { print $2 }')" \
		"$(awk -F'|' '$1 == "dataset" { print $2 }' "$T/$n.info")" "$n: Model-Name is the dataset name the model stores"
	# Codes: the levels of a categorical column, or every whole number of
	# a numeric column's training range.
	awk -v what=list -v key=Codes -f "$CATAWK" "$CATALOG" |
		awk -F'|' -v n="$n" '$1 == n { for (i = 2; i <= 3; i++) { sub(/^[ \t]+/, "", $i); sub(/[ \t]+$/, "", $i) } print $2 "|" $3 }' >"$T/$n.codes"
	if [ -s "$T/$n.codes" ]; then
		awk -F'|' '
		FNR == NR { have[$1 "|" $2] = 1; coded[$1] = 1; next }
		$1 == "column" && ($2 in coded) && $3 == "numeric" {
			for (v = int($4) + ($4 > int($4)); v <= $5; v++) if (!(($2 "|" v) in have)) print "no code for " $2 " = " v
			for (k in have) { split(k, a, "|"); if (a[1] == $2 && (a[2] != int(a[2]) || a[2] < $4 || a[2] > $5)) print "code " a[2] " of " $2 " outside its range" }
			seen[$2] = 1
		}
		$1 == "level" { level[$2 "|" $3] = 1 }
		$1 == "column" && ($2 in coded) && $3 == "categorical" { seen[$2] = 1; cat[$2] = 1 }
		END {
			for (k in have) { split(k, a, "|"); if ((a[1] in cat) && !(k in level)) print "code " a[2] " of " a[1] " is no level of the model" }
			for (c in coded) if (!(c in seen)) print "codes for " c ", not a numeric or categorical column"
		}' "$T/$n.codes" "$T/$n.info" >"$T/$n.badcodes"
		is "$(cat "$T/$n.badcodes")" "" "$n: Codes name levels of the model, or every whole number of a numeric range"
		# A page shows a coded column as a select: each preset's value
		# must be one of its codes (a number matches by value, 1.0 is 1).
		awk -v what=presets -f "$CATAWK" "$CATALOG" | awk -F'|' -v n="$n" '
		FNR == NR { code[$1 "|" $2] = 1; coded[$1] = 1; next }
		$1 == n {
			k = split($5, kv, "; ")
			for (i = 1; i <= k; i++) {
				c = substr(kv[i], 1, index(kv[i], "=") - 1)
				v = substr(kv[i], index(kv[i], "=") + 1)
				if (!(c in coded) || ((c "|" v) in code)) continue
				found = 0
				for (x in code) {
					split(x, a, "|")
					if (a[1] == c && v ~ /^-?[0-9.]+$/ && a[2] ~ /^-?[0-9.]+$/ && v + 0 == a[2] + 0) found = 1
				}
				if (!found) print $2 ": " c "=" v " is none of its codes"
			}
		}' "$T/$n.codes" - >"$T/$n.badvalues"
		is "$(cat "$T/$n.badvalues")" "" "$n: the presets give coded columns one of their codes"
	fi
done

done_testing

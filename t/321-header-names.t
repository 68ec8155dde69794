#!/bin/sh
# 321-header-names.t: headers as other programs write them.  A column with
# an empty name, a name given twice, R's row-names layout (write.table:
# the header one field short of the rows, each row's first field its name),
# a delimiter at the end of every line or of every row, and a header over
# columns of text only are read by finf-predict exactly as finf-train read
# them, so a model answers every row of the file it was trained on; a name
# given twice that the model does not know is still an error, and so is a
# short header with --no-header.  Lines ended by a carriage return alone
# read as lines.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_INSPECT"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
cd "$T" || exit 99

# rows FORMAT: 60 rows of a, b and a class that follows them, and c
# (unrelated), through printf FORMAT (i, a, b, class, c).  FORMAT may pick
# them by number (%2$d); POSIX awk's printf (mawk's) cannot, so each
# numbered conversion is made plain and its value passed in its place.
rows() {
	awk -v fmt="$1" 'BEGIN {
		plain = ""; n = 0; f = fmt
		while (match(f, /%[1-5][$]/)) {
			plain = plain substr(f, 1, RSTART)
			pick[++n] = substr(f, RSTART + 1, 1)
			f = substr(f, RSTART + RLENGTH)
		}
		plain = plain f
		if (n == 0)
			for (n = 1; n <= 5; n++) pick[n] = n
		for (i = 1; i <= 60; i++) {
			v[1] = i; v[2] = i % 7; v[3] = (i * 3) % 11
			v[4] = (v[2] + v[3] > 8) ? "yes" : "no"; v[5] = (i * 5) % 13
			printf plain, v[pick[1]], v[pick[2]], v[pick[3]], v[pick[4]], v[pick[5]]
		}
	}'
}
# names MODEL: the model's source columns, on one line
names() {
	"$FINF_INSPECT" --json "$1" | jq -r '[.metadata.schema.columns[].name] | join(" ")'
}

# 1. An empty name (R's write.csv: the row names' column is "").
{ echo '"","a","b","y"'; rows '"r%d",%d,%d,"%s"\n'; } >empty.csv
run "$FINF_TRAIN" -q -o empty.finf empty.csv
is_status 0 "a header with an empty name trains"
run "$FINF_PREDICT" empty.finf empty.csv
is_status 0 "finf-predict reads the same file back"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"
is "$(names empty.finf)" "1 a b y" "the empty name is the column's number, as the trainer names it"
{ echo ',b,y'; rows '%2$d,%3$d,%4$s\n'; } >noname.csv
run "$FINF_TRAIN" -q -o noname.finf noname.csv
is_status 0 "an input column with no name trains"
is "$(names noname.finf)" "1 b y" "named by its number"
run "$FINF_PREDICT" noname.finf noname.csv
is_status 0 "finf-predict finds it by that number"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"

# 2. A name given twice: the second is "a.2" to both programs.
{ echo 'a,b,a,y'; rows '%2$d,%3$d,%5$d,%4$s\n'; } >twice.csv
run "$FINF_TRAIN" -q -o twice.finf twice.csv
is_status 0 "a header with a name given twice trains"
is "$(names twice.finf)" "a b a.2 y" "the second 'a' is 'a.2'"
run "$FINF_PREDICT" twice.finf twice.csv
is_status 0 "finf-predict reads the same file back"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"
{ echo 'a,b,y'; rows '%2$d,%3$d,%4$s\n'; } >plain.csv
run "$FINF_PREDICT" twice.finf plain.csv
is_status 1 "without the second 'a' the model's input is missing"
is "$(cat "$T/err")" "finf-predict: plain.csv:1: missing column 'a.2': the model needs it (give it, empty cells for missing values)" "the message names it as the model does"
run "$FINF_TRAIN" -q -o plain.finf plain.csv
is_status 0 "the plain file trains"
{ echo 'a,b,a,y'; rows '%2$d,%3$d,%2$d,%4$s\n'; } >again.csv
run "$FINF_PREDICT" plain.finf again.csv
is_status 1 "a column given twice that the model would not read is an error"
is "$(cat "$T/err")" "finf-predict: again.csv:1: column 'a' appears twice (fields 1 and 3)" "one line names both fields"

# 3. R's row-names layout, the row names numbers and then words.
{ echo '"a","b","y"'; rows '"%d",%d,%d,"%s"\n'; } >rnum.csv
run "$FINF_TRAIN" -o rnum.finf rnum.csv
is_status 0 "a header one field short of its rows trains"
like "$T/err" "^ignored: 1 \\(1\\): row numbers" "the row names are left out as row numbers"
like "$T/err" "60 rows, 2 features" "every row, and only a and b as inputs"
run "$FINF_PREDICT" rnum.finf rnum.csv
is_status 0 "finf-predict reads the same file back"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"
# The same rows without the row names answer the same.
"$FINF_PREDICT" rnum.finf plain.csv >plain.out 2>&1
same_file "$T/out" plain.out "the row names change no prediction"
# A model of the plain file reads the row-names layout too.
run "$FINF_PREDICT" plain.finf rnum.csv
is_status 0 "a model trained without row names reads rows with them"
"$FINF_PREDICT" plain.finf plain.csv >plain2.out 2>&1
same_file "$T/out" plain2.out "and answers as it does without them"
{ echo 'a b y'; rows 'case%d %d %d %s\n'; } >rword.txt
run "$FINF_TRAIN" -q -o rword.finf rword.txt
is_status 0 "the layout with words as row names, space-separated, trains"
run "$FINF_PREDICT" rword.finf rword.txt
is_status 0 "and reads back"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"
run "$FINF_TRAIN" -q --header -o rhdr.finf rnum.csv
is_status 0 "--header takes the layout too"
run "$FINF_TRAIN" -q --no-header -o nohdr.finf rnum.csv
is_status 1 "--no-header: a short first row is an error"
is "$(cat "$T/err")" "finf-train: rnum.csv:2: expected 3 fields, got 4" "one line says where"
[ -e nohdr.finf ]
ok $? "and no model is written"
# 4. A delimiter at the end of every line: the empty column is no target.
{ echo 'a;b;y;'; rows '%2$d;%3$d;%4$s;\n'; } >trail.csv
run "$FINF_TRAIN" -o trail.finf trail.csv
is_status 0 "a delimiter at the end of every line trains"
like "$T/err" "target 'y' \\(3\\)" "the target is the last column with a name"
like "$T/err" "^ignored: 4 \\(4\\): empty" "the empty column is left out"
run "$FINF_PREDICT" trail.finf trail.csv
is_status 0 "finf-predict reads it back"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"
{ echo 'a;b;y;2025'; rows '%2$d;%3$d;%4$s;\n'; } >named.csv
run "$FINF_TRAIN" -q -o named.finf named.csv
is_status 1 "an empty last column with a name is still the target"
is "$(cat "$T/err")" "finf-train: named.csv: no data rows: the target column '2025' (4) is missing in all 60 rows" "and the message says so"

# 5. ... at the end of every row but not of the header: the header is one
# short, as in R's layout, but the rows' last fields are empty.
{ echo 'a,b,y'; rows '%2$d,%3$d,%4$s,\n'; } >rtrail.csv
run "$FINF_TRAIN" -o rtrail.finf rtrail.csv
is_status 0 "a delimiter at the end of the rows only trains"
like "$T/err" "target 'y' \\(3\\)" "the names stay over their columns"
like "$T/err" "^ignored: 4 \\(4\\): empty" "and the empty column is the last"
run "$FINF_PREDICT" rtrail.finf rtrail.csv
is_status 0 "finf-predict reads it back"
"$FINF_PREDICT" plain.finf plain.csv >plain3.out 2>&1
same_file "$T/out" plain3.out "as the model of the plain file answers the plain file"
run "$FINF_PREDICT" plain.finf rtrail.csv
is_status 0 "the plain file's model reads it too"
same_file "$T/out" plain3.out "with the same answers"

# 6. A header over columns of text only: its names are found nowhere
# below, while the rows repeat their categories.
awk 'BEGIN { print "color,shape,label"
	for (i = 1; i <= 60; i++) {
		c = (i % 3 == 0 ? "red" : (i % 3 == 1 ? "green" : "blue")); s = (i % 4 < 2 ? "round" : "square")
		printf "%s,%s,%s\n", c, s, (c == "red" || s == "round" ? "yes" : "no") } }' >text.csv
run "$FINF_TRAIN" -o text.finf text.csv
is_status 0 "a table of text only trains"
like "$T/err" "^text.csv: classification, 60 rows, 5 features" "its header is no row"
like "$T/err" "^classes: yes 40, no 20" "and no class"
like "$T/err" "target 'label' \\(3\\)" "the target has its name"
run "$FINF_PREDICT" text.finf text.csv
is_status 0 "finf-predict reads it back by name"
is "$(lines "$T/out")" 61 "a header line and 60 predictions"
sed 1d text.csv >text-rows.csv
run "$FINF_TRAIN" -o rows.finf text-rows.csv
is_status 0 "the same rows without the header train"
like "$T/err" "^text-rows.csv: classification, 60 rows, 5 features" "every row a row: its values come again below"

# Only the first row may be short: a short row further down is an error.
{ echo 'a,b,y'; rows '%2$d,%3$d,%4$s\n' | sed '5s/^/x,/'; } >late.csv
run "$FINF_TRAIN" -q -o late.finf late.csv
is_status 1 "a row with one field too many further down is an error"
is "$(cat "$T/err")" "finf-train: late.csv:6: expected 3 fields, got 4" "named by its line"

# Lines ended by a carriage return alone (classic Mac OS; Excel's "CSV
# (Macintosh)"): the same table, the same model, the same answers, and
# lines counted as lines.
tr '\n' '\r' <plain.csv >mac.csv
run "$FINF_TRAIN" -q -n plain -o mac.finf mac.csv
is_status 0 "a file of lines ended by CR alone trains"
"$FINF_TRAIN" -q -n plain -o lf.finf plain.csv
same_file mac.finf lf.finf "the model of the same rows ended by LF, byte for byte"
"$FINF_PREDICT" lf.finf plain.csv >lf.out
run "$FINF_PREDICT" lf.finf mac.csv
same_file "$T/out" lf.out "finf-predict answers its rows as the LF file's"
"$FINF_PREDICT" lf.finf <mac.csv >stdin.out
same_file stdin.out lf.out "and from standard input"
tr '\n' '\r' <late.csv >late-mac.csv
run "$FINF_TRAIN" -q -o late.finf late-mac.csv
is "$(cat "$T/err")" "finf-train: late-mac.csv:6: expected 3 fields, got 4" "an error names the line"

# Comment lines ('#' then a blank, '#' or the line's end) are skipped by
# both programs; the last of those at the start is the header when it
# has the fields of the line below (numpy.savetxt's "# a,b,y").
{ echo '# generated by a script, for this test'; echo '#'; cat plain.csv; } >comment.csv
run "$FINF_TRAIN" -q -n plain -o comment.finf comment.csv
is_status 0 "comment lines before the header are skipped"
same_file comment.finf lf.finf "the model is the plain file's, byte for byte"
run "$FINF_PREDICT" lf.finf comment.csv
same_file "$T/out" lf.out "finf-predict skips them too"
sed '10a\
## a section ##' plain.csv >middle.csv
run "$FINF_TRAIN" -q -n plain -o middle.finf middle.csv
same_file middle.finf lf.finf "a comment line between rows is skipped too"
run "$FINF_PREDICT" lf.finf middle.csv
same_file "$T/out" lf.out "by finf-predict too"
{ echo '# generated by a script'; sed '1s/^/# /' plain.csv; } >numpy.csv
run "$FINF_TRAIN" -q -n plain -o numpy.finf numpy.csv
same_file numpy.finf lf.finf "numpy's '# a,b,y' is the header"
run "$FINF_PREDICT" lf.finf numpy.csv
same_file "$T/out" lf.out "to finf-predict too"
{ echo 'color,n,y'; rows '#%02x%02x00,%d,%s\n' ; } | awk -F, 'NR == 1 || NF == 3' >hex.csv
sed 1d hex.csv >hex-rows.csv
run "$FINF_TRAIN" -o hex.finf hex-rows.csv
like "$T/err" "^hex-rows.csv: classification, 60 rows" "'#' before a letter or digit is data: #0103 is a row"
# A first line that starts with '#' but is no comment ('#generated') is
# named as the likely comment when the rows do not fit it.
{ echo '#generated by a script, for this test'; cat plain.csv; } >nospace.csv
run "$FINF_TRAIN" -q -o nospace.finf nospace.csv
is_status 1 "a '#' line over rows that do not fit it is an error"
is "$(cat "$T/err")" "finf-train: nospace.csv:2: expected 2 fields, got 3 (line 1, the first, starts with '#': remove comment lines, for example with grep -v '^#')" \
	"that names it and how to remove it"

done_testing

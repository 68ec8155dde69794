#!/bin/sh
# t/fixtures.sh SRCDIR OUTDIR: the models and data the command tests run on
# when configure was not given the FINF v3 goldens (--with-testdata) or the
# ten datasets (--with-datasets), as in a build from the release tarball.
# Everything is made here from files of the package itself:
#
#   NAME.bin         the committed demo model web/models/NAME.finf, less
#                    its column schema (the metadata member "schema"), so
#                    that it takes its inputs as plain numbers as the
#                    goldens do
#   NAME.inputs.csv  five rows for it: for iris the first five flowers of
#                    examples/iris.csv, for the others points spread over
#                    each feature's range as the model's metadata records it
#   NAME.csv         a labelled table with the model's columns: iris is
#                    examples/iris.csv with the model's class names
#                    (Iris-setosa, ...); the others are generated rows
#                    whose label or target follows the first two features
#   truncated.bin, bad_magic.bin, bad_version.bin
#                    iris.bin cut short, with "FINX" for "FINF", with
#                    version 9 for 3
#
# Only sh, sed, awk, head and tail: no built program is needed, and the
# numbers (a Park-Miller generator in awk, printf %.4g) are the same with
# every awk.
# SPDX-License-Identifier: MIT

LC_ALL=C
export LC_ALL
src=${1:?usage: fixtures.sh SRCDIR OUTDIR}
out=${2:?usage: fixtures.sh SRCDIR OUTDIR}
set -e

rm -rf "$out.tmp"
mkdir -p "$out.tmp"

# meta MODEL KEY: the JSON value of KEY in MODEL's metadata (one line).
meta() {
	LC_ALL=C grep -ao "\"$2\":\\(\\[[^]]*\\]\\|\\[\\(\\[[^]]*\\],\\{0,1\\}\\)*\\]\\|\"[^\"]*\"\\)" "$1" |
		head -n 1 | sed "s/^\"$2\"://"
}

# table MODEL ROWS SEED LABELLED: ROWS generated rows for MODEL, with a
# header; LABELLED 1 adds the label or target column.
table() {
	names=$(meta "$1" feature_names | sed 's/^\[//; s/\]$//; s/"//g')
	ranges=$(meta "$1" feature_ranges | sed 's/^\[\[//; s/\]\]$//; s/\],\[/;/g')
	task=$(meta "$1" task | tr -d '"')
	classes=$(meta "$1" class_names | sed 's/^\[//; s/\]$//; s/"//g')
	target=$(meta "$1" target_name | tr -d '"')
	trange=$(meta "$1" target_range | tr -d '[]')
	awk -v names="$names" -v ranges="$ranges" -v task="$task" \
		-v classes="$classes" -v target="$target" -v trange="$trange" \
		-v rows="$2" -v seed="$3" -v labelled="$4" '
	function next_u() { x = (x * 16807) % 2147483647; return x / 2147483647 }
	BEGIN {
		x = seed
		nf = split(names, name, ",")
		split(ranges, r, ";")
		for (j = 1; j <= nf; j++) { split(r[j], p, ","); lo[j] = p[1]; hi[j] = p[2] }
		nc = split(classes, cls, ",")
		split(trange, tr, ",")
		head = name[1]
		for (j = 2; j <= nf; j++) head = head "," name[j]
		if (labelled) head = head "," target
		print head
		for (i = 0; i < rows; i++) {
			line = ""
			for (j = 1; j <= nf; j++) {
				u[j] = next_u()
				v = sprintf("%.4g", lo[j] + (hi[j] - lo[j]) * u[j])
				line = line (j > 1 ? "," : "") v
			}
			if (labelled) {
				s = nf > 1 ? (u[1] + u[2]) / 2 : u[1]
				if (task == "regression")
					line = line "," sprintf("%.6g", tr[1] + (tr[2] - tr[1]) * s)
				else {
					k = int(s * nc) + 1
					line = line "," cls[k > nc ? nc : k]
				}
			}
			print line
		}
	}'
}

# u32 FILE OFFSET: the little-endian 32-bit number at OFFSET of FILE.
u32() {
	od -An -tu1 -j "$2" -N 4 "$1" | awk '{ print $1 + 256 * ($2 + 256 * ($3 + 256 * $4)) }'
}
# put_u32 N: N as 4 little-endian bytes.
put_u32() {
	printf "\\$(printf %03o $(($1 % 256)))\\$(printf %03o $(($1 / 256 % 256)))"
	printf "\\$(printf %03o $(($1 / 65536 % 256)))\\$(printf %03o $(($1 / 16777216 % 256)))"
}
# noschema MODEL OUT: MODEL without the "schema" member, the last of its
# metadata (the normaliser's length at offset 8, then the metadata's).
noschema() {
	nl=$(u32 "$1" 8)
	ml=$(u32 "$1" $((12 + nl)))
	tail -c +$((17 + nl)) "$1" | head -c "$ml" | sed 's/,"schema":{.*}}$/}/' >"$2.meta"
	if ! [ -s "$2.meta" ] || ! LC_ALL=C grep -q "^{" "$2.meta"; then
		cp "$1" "$2"
	else
		{ head -c $((12 + nl)) "$1"; put_u32 "$(wc -c <"$2.meta")"; cat "$2.meta"
		  tail -c +$((17 + nl + ml)) "$1"; } >"$2"
	fi
	rm -f "$2.meta"
}

seed=1
for m in "$src"/web/models/*.finf; do
	name=$(basename "$m" .finf)
	noschema "$m" "$out.tmp/$name.bin"
	seed=$((seed + 1))
	case $name in
	iris)
		cut -d, -f1-4 "$src/examples/iris.csv" | head -n 6 >"$out.tmp/iris.inputs.csv"
		sed '1!s/,\([a-z]*\)$/,Iris-\1/' "$src/examples/iris.csv" >"$out.tmp/iris.csv"
		;;
	*)
		table "$m" 5 "$seed" 0 >"$out.tmp/$name.inputs.csv"
		n=300
		[ "$name" = housing ] && n=3000
		table "$m" "$n" "$((seed + 100))" 1 >"$out.tmp/$name.csv"
		;;
	esac
done
[ -s "$out.tmp/iris.bin" ] || { echo "fixtures.sh: no models in $src/web/models" >&2; exit 1; }

size=$(wc -c <"$out.tmp/iris.bin")
head -c $((size / 2)) "$out.tmp/iris.bin" >"$out.tmp/truncated.bin"
{ printf 'FINX'; tail -c +5 "$out.tmp/iris.bin"; } >"$out.tmp/bad_magic.bin"
{ printf 'FINF\011\000\000\000'; tail -c +9 "$out.tmp/iris.bin"; } >"$out.tmp/bad_version.bin"

rm -rf "$out"
mv "$out.tmp" "$out"

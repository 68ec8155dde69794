#!/bin/sh
# seeds.sh: build the fuzzers' seed corpora from the golden models and the
# datasets.  Usage: seeds.sh OUTDIR (FERRUM_TESTDATA, FERRUM_DATASETS from
# the environment; either may be empty).  Writes OUTDIR/{finf,csv,json}/.
# SPDX-License-Identifier: MIT
set -eu
out=${1:?usage: seeds.sh OUTDIR}
rm -rf "$out"
mkdir -p "$out/finf" "$out/csv" "$out/json"

# u32 LE at byte offset $2 of file $1
u32() { od -An -tu4 -j"$2" -N4 "$1" | tr -d ' '; }

# Hand-made cases that reach the edges quickly, whatever data is at hand.
printf 'a,b,label\n1,2,x\n3,4,y\n' >"$out/csv/small"
printf '\357\273\277a,b,label\r\n1,2,x\r\n3,4,y\r\n' >"$out/csv/bom-crlf"
printf '"a ""q""",b,"la,bel"\n"1",2,"x\ny"\n  3 , 4 ,y\n' >"$out/csv/quotes"
printf 'a,b,c\n1,2\n1,2,3,4\n\n \n5,6,7\n' >"$out/csv/ragged"
printf 'x,y\nnan,1\ninf,2\n-Infinity,3\n1e39,4\n.5,5.\nNA,?\n' >"$out/csv/numbers"
printf '{"task":"regression"}\n' >"$out/json/task-only"
printf '{"a":[1,2.5e-3,-0,true,false,null,"\\u00e9\\ud83d\\ude00\\n"],"b":{}}\n' >"$out/json/kinds"
printf '{"x":1,"y":2}\n[1,2]\n{"x":"3"}\n' >"$out/json/rows"
# Rows for the harnesses' fixed model (features a, b, c).
printf '{"a":1,"b":2.5,"c":-3e2}\n[1,2,3]\n\n{"c":1,"a":null,"b":2}\n[1,2]\n' >"$out/json/abc-rows"
printf 'c,a,b,extra\n1,2,3,x\n4,5,6,y\n' >"$out/csv/abc-header"
printf '1,2,3\n4,5,6\n' >"$out/csv/abc-positional"
printf '{"a":1,"b":2,"c":3}\n' >"$out/csv/abc-jsonl"
# Real tables: delimiters, spaces, quotes holding delimiters, gaps,
# JSON Lines with nesting, arrays and absent keys.
printf 'a;b;label\n"1,5";2;x\n;"4;";\n\n3;;y\n' >"$out/csv/semicolon"
printf 'a\tb\tlabel\r\n1\t\t"x\ty"\r\n' >"$out/csv/tab"
printf '  a   b  "c d"\n 1 2 "3 4"  \n\t5\t6 ""\n' >"$out/csv/spaces"
printf 'a|b|c\n1|2\n"|"|x|y|z\n' >"$out/csv/bar-ragged"
printf 'a,a,a.2,\n1,2,3,4\n' >"$out/csv/repeated-names"
printf '"a","b"\n"r1",1,2\n"r2",3,4\n' >"$out/csv/row-names"
printf 'a,b\n1,2,\n3,4,\n' >"$out/csv/trailing-rows"
printf 'a;b;y\n1,5;-0,25e-3;x\n2,5;3;y\n' >"$out/csv/decimal-comma"
printf 'color,shape,y\nred,round,a\nblue,round,b\nred,flat,a\n' >"$out/csv/text-header"
printf 'a;b;y\r"1\r2";3;x\r\r4;5;y\r' >"$out/csv/cr-lines"
printf '# made by x, on y\n#\n# a;b;y\n\n1;2;x\n3;4;y\n' >"$out/csv/comments"
printf '\377\376a\000,\000b\000\n\000' >"$out/csv/utf16"
printf '{"input":{"a":1,"b":"x"},"label":"y","probabilities":[0.25,0.75]}\n{"b":null,"c":true}\n\n{}\n' >"$out/csv/nested-jsonl"
printf '{"a":{"a":1}}\n{"s":"x\\u0000y"}\n' >"$out/csv/bad-jsonl"

# Two tiny complete models (a few hundred bytes: quick to run, so the
# fuzzer can afford a small -max_len): a classifier 2 -> 2 and a regressor
# 1 -> 1, zero weights.
le32() {
	printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))"
	printf "\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 24 & 255)))"
}
blob() { le32 ${#1}; printf '%s' "$1"; }
LC_ALL=C
export LC_ALL
{ printf 'FINF'; le32 3; blob '0.5,2;-1,1'
  blob '{"task":"classification","feature_names":["a","b"],"class_names":["x","y"],"input_dim":2,"output_dim":2}'
  le32 2; printf '\000'; le32 2; le32 2; head -c 24 /dev/zero; printf '\001\004'; } >"$out/finf/tiny-class"
{ printf 'FINF'; le32 3; blob '1,2;3,4'
  blob '{"task":"regression","feature_names":["a"],"target_name":"y","target_range":[0,9]}'
  le32 2; printf '\000'; le32 1; le32 1; head -c 8 /dev/zero; printf '\001\000'; } >"$out/finf/tiny-regress"

if [ -n "${FERRUM_TESTDATA:-}" ] && [ -d "$FERRUM_TESTDATA" ]; then
	for f in "$FERRUM_TESTDATA"/*.bin; do
		[ -f "$f" ] || continue
		name=$(basename "$f" .bin)
		cp "$f" "$out/finf/$name.bin"
		# The metadata JSON: after magic, version, norm_len, norm, meta_len.
		nlen=$(u32 "$f" 8) || continue
		case $nlen in '' | *[!0-9]*) continue ;; esac
		[ "$nlen" -lt 1000000 ] || continue
		mlen=$(u32 "$f" $((12 + nlen))) || continue
		case $mlen in '' | *[!0-9]*) continue ;; esac
		[ "$mlen" -lt 1000000 ] || continue
		tail -c +$((17 + nlen)) "$f" | head -c "$mlen" >"$out/json/$name.meta"
	done
	for f in "$FERRUM_TESTDATA"/*.expected.json; do
		[ -f "$f" ] && cp "$f" "$out/json/$(basename "$f")"
	done
	for f in "$FERRUM_TESTDATA"/*.inputs.csv; do
		[ -f "$f" ] || continue
		name=$(basename "$f" .inputs.csv)
		cp "$f" "$out/csv/$name.inputs"
		# The same rows as JSON Lines, objects keyed by name and arrays.
		awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
		{ s = "{"; for (i = 1; i <= NF; i++) s = s (i > 1 ? "," : "") "\"" h[i] "\":" $i
		  print s "}"; s = "["; for (i = 1; i <= NF; i++) s = s (i > 1 ? "," : "") $i
		  print s "]" }' "$f" >"$out/json/$name.jsonl"
	done
fi
if [ -n "${FERRUM_DATASETS:-}" ] && [ -d "$FERRUM_DATASETS" ]; then
	for f in "$FERRUM_DATASETS"/*.csv; do
		[ -f "$f" ] || continue
		# The first few KB, in whole lines.
		awk '{ n += length($0) + 1; if (n > 4096) exit; print }' "$f" \
			>"$out/csv/$(basename "$f" .csv)"
	done
fi
for d in finf csv json; do
	printf '%s: %s seeds\n' "$d" "$(ls "$out/$d" | wc -l | tr -d ' ')"
done
# The "schema" member in model metadata (fuzz-schema): every kind and key.
mkdir -p "$out/fuzz-schema"
printf '%s' '{"task":"classification","feature_names":["Pclass","Sex=female","Sex=male","Age","Age=(missing)","Embarked=C","Embarked=Q","Embarked=S","Embarked=(missing)","cp=1","cp=2","cp=(other)","when"],"class_names":["0","1"],"input_dim":13,"output_dim":2,"schema":{"version":1,"header":true,"na":["NA","?"],"columns":[{"name":"PassengerId","kind":"ignored","why":"row numbers"},{"name":"Survived","kind":"target"},{"name":"Pclass","kind":"numeric","median":3,"min":1,"max":3},{"name":"Sex","kind":"categorical","levels":["female","male"],"counts":[314,577]},{"name":"Age","kind":"numeric","median":28,"min":0.42,"max":80,"missing":177,"indicator":true},{"name":"Embarked","kind":"categorical","levels":["C","Q","S"],"counts":[168,77,644],"missing":2},{"name":"cp","kind":"categorical","codes":true,"levels":["1","2"],"counts":[23,50],"other":3},{"name":"when","kind":"date","median":19000.5,"min":18000,"max":19500}]}}' >"$out/fuzz-schema/titanic"
printf '%s' '{"task":"regression","feature_names":["1"],"schema":{"version":1,"header":false,"na":[],"columns":[{"name":"1","kind":"numeric","median":-0.5,"min":-1e-07,"max":3.4e+38},{"name":"2","kind":"target"}]}}' >"$out/fuzz-schema/plain"
printf '%s' '2024-02-29T23:59:59.999-23:59' >"$out/fuzz-schema/date"
printf 'fuzz-schema: %s seeds\n' "$(ls "$out/fuzz-schema" | wc -l | tr -d ' ')"

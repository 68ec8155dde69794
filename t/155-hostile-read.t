#!/bin/sh
# 155-hostile-read: the ways data comes in.  gzip input (one member or
# several, from a file or a pipe) reads as the plain bytes do in every
# command; a truncated or corrupt stream fails with exit 1 and one line.
# Delimiters ';' tab '|' and runs of spaces are detected or given with -d;
# a bad -d is a usage error; ragged rows with quotes, empty cells
# everywhere and a file of blank lines fail cleanly or train, never worse.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
. "$top_srcdir/t/hostile.sh"

need_built "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_STATS"
cd "$T" || exit 99
command -v gzip >/dev/null 2>&1 || skip_all "no gzip"

awk 'BEGIN { print "a,b,label"
	for (i = 1; i <= 30; i++) printf "%d,%d,%s\n", i, (i * 7) % 11, (i % 2 ? "x" : "y") }' >plain.csv
TRAIN_OPTS=$(train_opts plain.csv)
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o plain.finf plain.csv
is_status 0 "plain CSV trains"
run "$FINF_PREDICT" plain.finf plain.csv
cp "$T/out" plain.pred
run "$FINF_STATS" --describe plain.csv
cp "$T/out" plain.desc

gzip -c plain.csv >one.csv.gz
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o probe.finf one.csv.gz
if [ "$status" -ne 0 ] && grep -q 'without zlib' "$T/err"; then
	# --without-zlib: gzip input is a clear error in every command
	is "$(lines "$T/err")" 1 "without zlib: one line"
	fails_cleanly "without zlib: finf-predict" 'one\.csv\.gz: ' "$FINF_PREDICT" plain.finf one.csv.gz
	done_testing
	exit $?
fi
is_status 0 "gzip: trains"
same_file probe.finf plain.finf "gzip: the same model as from the plain file"
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o probe.finf - <one.csv.gz
same_file probe.finf plain.finf "gzip on stdin: the same model"
run "$FINF_PREDICT" plain.finf one.csv.gz
is_status 0 "gzip: finf-predict"
same_file "$T/out" plain.pred "gzip: the same predictions"
run "$FINF_PREDICT" plain.finf <one.csv.gz
same_file "$T/out" plain.pred "gzip on stdin: the same predictions"
run "$FINF_STATS" --describe one.csv.gz
same_file "$T/out" plain.desc "gzip: finf-stats --describe the same"
run "$FINF_STATS" plain.finf one.csv.gz
is_status 0 "gzip: finf-stats"

# several members: gzip -c a; gzip -c b (what `cat a.gz b.gz` and pigz make)
head -n 11 plain.csv | gzip -c >multi.csv.gz
tail -n +12 plain.csv | gzip -c >>multi.csv.gz
run "$FINF_PREDICT" plain.finf multi.csv.gz
same_file "$T/out" plain.pred "two members: the same predictions"
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -o probe.finf multi.csv.gz
same_file probe.finf plain.finf "two members: the same model"
# an empty member, then the data
: | gzip -c >empty1.gz
cat empty1.gz one.csv.gz >lead.csv.gz
run "$FINF_PREDICT" plain.finf lead.csv.gz
same_file "$T/out" plain.pred "an empty first member"

# truncated and corrupt streams
n=$(wc -c <one.csv.gz | tr -d ' ')
head -c $((n - 9)) one.csv.gz >trunc.csv.gz
fails_cleanly "truncated gzip: finf-predict" 'trunc\.csv\.gz: truncated gzip data' \
	"$FINF_PREDICT" plain.finf trunc.csv.gz
rm -rf o && mkdir o
# shellcheck disable=SC2086
fails_cleanly "truncated gzip: finf-train" 'trunc\.csv\.gz: truncated gzip data' \
	"$FINF_TRAIN" $TRAIN_OPTS -o o/m.finf trunc.csv.gz
empty_dir o "truncated gzip: no model"
fails_cleanly "truncated gzip: finf-stats --describe" 'trunc\.csv\.gz: truncated' \
	"$FINF_STATS" --describe trunc.csv.gz
head -c 12 one.csv.gz >hdr.gz
fails_cleanly "only a gzip header" 'hdr\.gz: truncated gzip data' "$FINF_PREDICT" plain.finf hdr.gz
printf '\037\213' >magic.gz
fails_cleanly "only the magic" 'magic\.gz: truncated gzip data' "$FINF_PREDICT" plain.finf magic.gz
# a flipped byte in the deflate data (the CRC or the data itself fails)
{ head -c 20 one.csv.gz; printf '\377\377\377\377'; tail -c +25 one.csv.gz; } >bad.csv.gz
fails_cleanly "corrupt gzip" 'bad\.csv\.gz: (corrupt|truncated) gzip data' \
	"$FINF_PREDICT" plain.finf bad.csv.gz
{ cat one.csv.gz; printf 'trailing junk'; } >junk.csv.gz
fails_cleanly "junk after a member" '<stdin>: corrupt gzip data' "$FINF_PREDICT" plain.finf - <junk.csv.gz
printf '\037\213\010\000\000\000\000\000\000\003' >hdronly.gz
fails_cleanly "a bare header on stdin" '<stdin>: truncated' "$FINF_PREDICT" plain.finf - <hdronly.gz
# a lone 0x1f is no gzip: it is read as text (and refused as such)
printf '\037\n' >unit.csv
run "$FINF_PREDICT" plain.finf unit.csv
is "$(grep -c gzip "$T/err")" 0 "a lone 0x1f is not taken for gzip"

# delimiters, detected and given
for d in ';' '	' '|' ' '; do
	case $d in ';') n=semicolon ;; '	') n=tab ;; '|') n=bar ;; *) n=spaces ;; esac
	tr ',' "$d" <plain.csv >"$n.csv"
	# shellcheck disable=SC2086
	run "$FINF_TRAIN" $TRAIN_OPTS -o "$n.finf" "$n.csv"
	is_status 0 "$n: trains"
	same_file "$n.finf" plain.finf "$n: the same model as with commas"
	run "$FINF_PREDICT" plain.finf "$n.csv"
	same_file "$T/out" plain.pred "$n: detected by finf-predict"
	gzip -c "$n.csv" >"$n.csv.gz"
	run "$FINF_PREDICT" plain.finf "$n.csv.gz"
	same_file "$T/out" plain.pred "$n, gzip: detected by finf-predict"
done
run "$FINF_PREDICT" -d ';' plain.finf semicolon.csv
same_file "$T/out" plain.pred "-d ';'"
run "$FINF_PREDICT" --delimiter=tab plain.finf tab.csv
same_file "$T/out" plain.pred "--delimiter=tab"
run "$FINF_PREDICT" -d '\t' plain.finf tab.csv
same_file "$T/out" plain.pred "-d '\\t'"
run "$FINF_PREDICT" -d space plain.finf spaces.csv
same_file "$T/out" plain.pred "-d space"
run "$FINF_STATS" -d '|' plain.finf bar.csv
is_status 0 "finf-stats -d '|'"
# shellcheck disable=SC2086
run "$FINF_TRAIN" $TRAIN_OPTS -d ';' -o probe.finf semicolon.csv
same_file probe.finf plain.finf "finf-train -d ';'"
# padded columns: runs of spaces, leading and trailing ones
awk -F, '{ printf "  %-6s %5s\t%s  \n", $1, $2, $3 }' plain.csv >padded.csv
run "$FINF_PREDICT" plain.finf padded.csv
same_file "$T/out" plain.pred "padded columns"
for p in "$FINF_TRAIN" "$FINF_PREDICT" "$FINF_STATS"; do
	run "$p" -d : plain.finf plain.csv
	is_status 2 "$(basename "$p") -d : is a usage error"
	like "$T/err" "invalid --delimiter ':'" "$(basename "$p"): the message says which"
done

# ';' file whose quoted fields hold commas (and quoted ';')
{ echo 'a;b;label'
  awk -F, 'NR > 1 { printf "\"%s,0\";%s;\"%s;\"\n", $1, $2, $3 }' plain.csv; } >quoted.csv
run "$FINF_STATS" --describe quoted.csv
is_status 0 "commas inside quotes of a ';' file: read"
like "$T/out" '^3 columns, 30 rows' "commas inside quotes of a ';' file: 3 columns"

# ragged rows with quotes: one line, located
printf 'a;b;label\n1;2;x\n5;6;"x\ny"\n"3;4";y\n8;9;x\n' >ragged.csv
rm -rf o && mkdir o
# shellcheck disable=SC2086
fails_cleanly "ragged rows with quotes" 'ragged\.csv:5: ' "$FINF_TRAIN" $TRAIN_OPTS -o o/m.finf ragged.csv
fails_cleanly "ragged rows: --describe" 'ragged\.csv:5: ' "$FINF_STATS" --describe ragged.csv

# empty cells everywhere, blank lines only, one column: no crash, at
# most one line on stderr
awk 'BEGIN { print "a;b;c"; for (i = 0; i < 40; i++) print ";;" }' >empties.csv
printf '\n\n   \n\t\n' >blank.csv
printf 'x\n1\n2\n' >onecol.csv
for f in empties.csv blank.csv onecol.csv; do
	# shellcheck disable=SC2086
	run "$FINF_TRAIN" $TRAIN_OPTS -o probe.finf $f
	ok "$([ "$status" -le 1 ] && [ "$(lines "$T/err")" -le 1 ] && echo 1 || echo 0)" \
		"$f: finf-train exits $status with $(lines "$T/err") line(s)"
	run "$FINF_STATS" --describe $f
	ok "$([ "$status" -le 1 ] && [ "$(lines "$T/err")" -le 1 ] && echo 1 || echo 0)" \
		"$f: finf-stats --describe exits $status"
	run "$FINF_PREDICT" plain.finf $f
	ok "$([ "$status" -le 1 ] && [ "$(lines "$T/err")" -le 1 ] && echo 1 || echo 0)" \
		"$f: finf-predict exits $status"
done
done_testing

#!/bin/sh
# t/240-models-reproduce.t: `make models` reproduces the committed web/models byte for byte.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_datasets

# The datasets and their files, as datasets/models.sh reads them.
list=$(awk -v what=train -f "$top_srcdir/datasets/catalog.awk" "$top_srcdir/datasets/CATALOG") ||
	bail "datasets/catalog.awk cannot read datasets/CATALOG"
names=$(echo "$list" | cut -d'|' -f1)

# The datasets must be the ones of the manifest, or the comparison below
# would say nothing about the trainer.
run sh -c "cd '$FERRUM_DATASETS' && sha256sum -c '$top_srcdir/datasets/MANIFEST'"
is_status 0 "the datasets match datasets/MANIFEST"

run sh "$top_srcdir/datasets/models.sh" "$FERRUM_DATASETS" "$top_builddir/bin" "$T/models" \
	"$top_srcdir/datasets/MANIFEST"
is_status 0 "datasets/models.sh trains the ten models"
for n in $names; do
	same_file "$T/models/$n.finf" "$top_srcdir/web/models/$n.finf" \
		"retrained $n.finf is byte-identical to web/models/$n.finf"
done

# A dataset that differs from the manifest is refused, and no model is
# written for it: a cleaned file and a raw one.
mkdir "$T/data" "$T/data/raw" "$T/bad"
for f in $(echo "$list" | cut -d'|' -f3); do
	ln -s "$FERRUM_DATASETS/$f" "$T/data/$f"
done
rm "$T/data/raw/titanic.csv" "$T/data/iris.csv"
sed '2s/,22,/,23,/' "$FERRUM_DATASETS/raw/titanic.csv" >"$T/data/raw/titanic.csv"
sed '2s/^5\.1,/5.2,/' "$FERRUM_DATASETS/iris.csv" >"$T/data/iris.csv"
run sh "$top_srcdir/datasets/models.sh" "$T/data" "$top_builddir/bin" "$T/bad" \
	"$top_srcdir/datasets/MANIFEST"
is_status 1 "a changed iris.csv and raw/titanic.csv are refused"
like "$T/err" "iris\.csv: sha256 [0-9a-f]{64}, expected 20f7ef9ad6e8" "the message names the file and both digests"
like "$T/err" "raw/titanic\.csv: sha256 [0-9a-f]{64}, expected 4a437fde05fe" "the raw files are checked too"
is "$(grep -c sha256 "$T/err")" 2 "only the changed files are refused"
check "no model is written for the refused files" test ! -e "$T/bad/iris.finf" -a ! -e "$T/bad/titanic.finf"
check "the others are written" test -s "$T/bad/mpg.finf" -a -s "$T/bad/seeds.finf"

done_testing

#!/bin/sh
# t/240-models-reproduce.t: `make models` reproduces the committed web/models byte for byte.
# SPDX-License-Identifier: MIT
. "${top_srcdir:-.}/t/lib.sh"
need_datasets

names="iris wine diabetes titanic housing heart cancer penguins mpg seeds"

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
# written for it.
mkdir "$T/data" "$T/bad"
for n in $names; do
	ln -s "$FERRUM_DATASETS/$n.csv" "$T/data/$n.csv"
done
rm "$T/data/iris.csv"
sed '2s/^5\.1,/5.2,/' "$FERRUM_DATASETS/iris.csv" >"$T/data/iris.csv"
run sh "$top_srcdir/datasets/models.sh" "$T/data" "$top_builddir/bin" "$T/bad" \
	"$top_srcdir/datasets/MANIFEST"
is_status 1 "a changed iris.csv is refused"
like "$T/err" "iris\.csv: sha256 [0-9a-f]{64}, expected 20f7ef9ad6e8" "the message names the file and both digests"
check "no model is written for the refused file" test ! -e "$T/bad/iris.finf"

done_testing

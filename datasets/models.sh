#!/bin/sh
# datasets/models.sh: train the ten demo models of web/models/ from the datasets.
# SPDX-License-Identifier: MIT
#
# Usage: models.sh DATASETS BINDIR OUTDIR MANIFEST
# The datasets, their files and options are those of datasets/CATALOG (read
# by datasets/catalog.awk, both next to this script).
# Every CSV is first checked against its sha256 in MANIFEST, so a different
# file is refused rather than turned into a different model.  Each model is
# trained by the default recipe, 32 hidden units wide, with the seed 1337 and
# the default 80/20 hold-out split; the same inputs give the same bytes.
# Titanic and Auto MPG are trained from the raw files of DATASETS/raw/ (names,
# strings and gaps as published: the model stores how to read them), heart
# with its coded columns as categories.  Used by
# `make models` (OUTDIR = web/models of the source tree) and by
# t/240-models-reproduce.t (OUTDIR = a temporary directory).
set -u
if test $# -ne 4; then
	echo "usage: $0 DATASETS BINDIR OUTDIR MANIFEST" >&2
	exit 2
fi
datasets=$1 bindir=$2 out=$3 manifest=$4
status=0
mkdir -p "$out" || exit 1
# One line per dataset of the catalog: name|dataset name stored in the
# model (as the original engine named them)|the file under
# DATASETS|finf-train's options for it.
here=$(dirname "$0")
list=$(awk -v what=train -f "$here/catalog.awk" "$here/CATALOG") || exit 1
while IFS='|' read -r name title file opts; do
	csv=$datasets/$file
	want=$(awk -v f="$file" '$2 == f { print $1 }' "$manifest")
	got=$(sha256sum < "$csv" 2>/dev/null | awk '{ print $1 }')
	if test -z "$want"; then
		echo "$0: $file: not in $manifest" >&2
		status=1
		continue
	fi
	if test "$got" != "$want"; then
		echo "$0: $csv: sha256 ${got:-(unreadable)}, expected $want (see datasets/README)" >&2
		status=1
		continue
	fi
	# -H 32, not the recipe's default width of 160: the demo site's size
	# budget holds all ten models (the recipe deals the 32 units to its
	# five members as 7, 7, 6, 6, 6).  bench/quality measures the default
	# width.
	# --na: the markers the published models were trained with (every
	# model stores its list; the default list grew since, and the site's
	# budget has no room for the longer one ten times over).
	# shellcheck disable=SC2086
	"$bindir/finf-train" -q --seed=1337 -H 32 --na='NA,N/A,NaN,null,?,-' $opts -n "$title" \
		-o "$out/$name.finf" "$csv" ||
		status=1
done <<LIST
$list
LIST
exit $status

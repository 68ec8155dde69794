#!/bin/sh
# The EXAMPLES of finf-inspect(1), run as printed, in a directory holding
# copies of the golden models.  Expected outputs come from the golden
# directory (expected.json, the README's rejection table) and from the
# file sizes, not from finf-inspect.
. "${top_srcdir:-.}/t/lib.sh"
need_fixtures
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
D=$TESTDATA
BIN=$(cd "$top_builddir/bin" && pwd) || exit 99
PATH=$BIN:$PATH
export PATH
mkdir "$T/models" && cp "$D"/*.bin "$T/models/" || exit 99
cd "$T/models" || exit 99

# Example 1: the class names of a classifier.
finf-inspect --json iris.bin | jq -r '.metadata.class_names[]' >"$T/ex1" 2>"$T/err"
if [ "$GOLDEN" = yes ]; then
	jq -r '.class_names[]' "$D/iris.expected.json" >"$T/want1"
else	# (the demo model, trained on the same data, has the same three)
	printf 'Iris-setosa\nIris-versicolor\nIris-virginica\n' >"$T/want1"
fi
same_file "$T/ex1" "$T/want1" "example 1: the three class names of expected.json"

# Example 2: parameter counts.  For the trained four-layer network the
# file size is 42 + norm_len + meta_len + 4 * parameters (finf(5)).
params() {
	n=$(od -An -tu4 -j8 -N4 "$1" | tr -d ' ')
	m=$(od -An -tu4 -j$((12 + n)) -N4 "$1" | tr -d ' ')
	echo $((($(wc -c <"$1") - 42 - n - m) / 4))
}
printf 'iris.bin %s\nmpg.bin %s\n' "$(params iris.bin)" "$(params mpg.bin)" >"$T/want2"
finf-inspect --json iris.bin mpg.bin | jq -r '"\(.file) \(.n_params)"' >"$T/ex2"
same_file "$T/ex2" "$T/want2" "example 2: parameter counts from the file sizes"
golden is "$(cat "$T/want2")" "iris.bin 259
mpg.bin 385" "example 2: the page prints the same numbers"

# Example 3: --check over the directory lists exactly the three bad files.
status=0
finf-inspect --check *.bin >"$T/out" 2>"$T/ex3" || status=$?
is "$status" 1 "example 3: exit status 1"
is "$(cat "$T/out")" "" "example 3: nothing on stdout"
cat >"$T/want3" <<'W'
finf-inspect: bad_magic.bin: offset 0: bad magic (not a FINF file)
finf-inspect: bad_version.bin: offset 4: unsupported FINF version 4 (this reader needs 3)
finf-inspect: truncated.bin: offset 857: truncated: need 4 bytes, 0 left (layer 0: 168 weights)
W
golden same_file "$T/ex3" "$T/want3" "example 3: the three bad files with offsets 0, 4 and 857 (README)"

# The man page shows these very lines.
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tascii "$top_srcdir/man/finf-inspect.1" | col -b >"$T/page"
	bad=0
	for f in "$T/want1" "$T/want2" "$T/want3"; do
		while IFS= read -r line; do
			grep -qF -- "$line" "$T/page" || { bad=1; diag "not in the page: $line"; }
		done <"$f"
	done
	golden is "$bad" 0 "the page's example output is what the commands print"
else
	skip 1 "mandoc is not installed"
fi

done_testing

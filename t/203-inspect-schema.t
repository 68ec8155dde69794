#!/bin/sh
# finf-inspect and the "schema" member: a table of the source columns in
# the text, the member inside "metadata" in the JSON, and a member that
# does not match the features makes the file a bad one.
. "${top_srcdir:-.}/t/lib.sh"
need_fixtures
D=$TESTDATA

# iris.bin with its metadata replaced (python3 splices the bytes): two
# numeric columns, a date, a categorical one, an ignored one and the target.
splice() { # splice OUT FEATURES SCHEMA
	python3 - "$D/iris.bin" "$@" <<'PY'
import json, struct, sys
b = open(sys.argv[1], 'rb').read()
nl = struct.unpack_from('<I', b, 8)[0]
at = 12 + nl
ml = struct.unpack_from('<I', b, at)[0]
meta = json.loads(b[at + 4:at + 4 + ml])
meta['feature_names'] = json.loads(sys.argv[3])
meta['schema'] = json.loads(sys.argv[4])
m = json.dumps(meta, separators=(',', ':')).encode()
open(sys.argv[2], 'wb').write(b[:at] + struct.pack('<I', len(m)) + m + b[at + 4 + ml:])
PY
}
features='["sepal_length","day","color=blue","color=red"]'
schema='{"version":1,"header":true,"na":["NA"],"columns":[{"name":"id","kind":"ignored","why":"row numbers"},{"name":"sepal_length","kind":"numeric","median":5.8,"min":4.3,"max":7.9,"missing":3},{"name":"day","kind":"date","median":19000,"min":18000,"max":19500},{"name":"color","kind":"categorical","levels":["blue","red"],"counts":[70,80]},{"name":"species","kind":"target"}]}'
splice "$T/s.finf" "$features" "$schema" 2>/dev/null || skip_all "python3 is not installed"

run "$FINF_INSPECT" "$T/s.finf"
is_status 0 "a model with a schema is shown"
cat >"$T/want" <<'EOF2'
schema:     5 columns, a header; missing values: empty, NA
    1  id            ignored      -        row numbers
    2  sepal_length  numeric      1        median 5.8, range 4.3 to 7.9, 3 missing
    3  day           date         2        median 2022-01-08, range 2019-04-14 to 2023-05-23
    4  color         categorical  3-4      blue 70, red 80
    5  species       target       -
EOF2
sed -n '/^schema:/,/^layers:/p' "$T/out" | sed '$d' >"$T/got"
same_file "$T/got" "$T/want" "the text shows one line per source column"
like "$T/out" '^classes:    3: ' "after the classes"
is "$(grep -c '^extra: .*schema' "$T/out")" 0 "and not again among the extra members"
is "$(cat "$T/err")" "" "nothing on stderr"

run "$FINF_INSPECT" --json "$T/s.finf"
is_status 0 "--json"
like "$T/out" '"metadata":\{.*"schema":\{"version":1,"header":true,"na":\["NA"\],"columns":\[\{"name":"id",' \
	"the JSON carries the member inside metadata"

run "$FINF_INSPECT" --check "$T/s.finf"
is_status 0 "--check passes a good schema"
is "$(cat "$T/out" "$T/err")" "" "silently"

# The member names "color=red" but the feature is "color=green".
splice "$T/bad.finf" '["sepal_length","day","color=blue","color=green"]' "$schema"
run "$FINF_INSPECT" --check "$T/bad.finf"
is_status 1 "--check fails a schema that does not match the features"
is "$(cat "$T/err")" \
	"finf-inspect: $T/bad.finf: schema: feature 4 ('color=green') is not what column 4 ('color') gives" \
	"and says which feature"
run "$FINF_INSPECT" "$T/bad.finf" "$D/iris.bin"
is_status 1 "the text report of such a file fails too"
like "$T/out" "^schema:     not valid: schema: feature 4" "its report says why"
like "$T/out" '^dataset: +Iris$' "the next file is still shown"
is "$(grep -c '^$' "$T/out")" 1 "after an empty line"
is "$(lines "$T/err")" 1 "one line on stderr"

# A member of another version.
splice "$T/v2.finf" "$features" "$(printf '%s' "$schema" | sed 's/"version":1/"version":2/')"
run "$FINF_INSPECT" --check "$T/v2.finf"
is_status 1 "another version of the member is refused"
is "$(cat "$T/err")" "finf-inspect: $T/v2.finf: schema: \"version\" is not 1" "and named"
done_testing

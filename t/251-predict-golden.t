#!/bin/sh
# 251-predict-golden.t: for every golden model, finf-predict --json gives
# the original engine's outputs to the bit (the %.9g-class text parsed back
# to float equals output_bits / prediction_bits), and the CSV output's
# label and confidence agree with it.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_testdata
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3 2>/dev/null) || PY=
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"

for bin in "$FERRUM_TESTDATA"/*.bin; do
	name=$(basename "$bin" .bin)
	inputs=$FERRUM_TESTDATA/$name.inputs.csv
	expected=$FERRUM_TESTDATA/$name.expected.json
	[ -f "$inputs" ] && [ -f "$expected" ] || continue
	run "$FINF_PREDICT" --json "$bin" "$inputs"
	is_status 0 "$name: --json"
	cp "$T/out" "$T/$name.jsonl"
	is "$(lines "$T/$name.jsonl")" "$(($(lines "$inputs") - 1))" "$name: one line per row"
	if [ -n "$PY" ]; then
		"$PY" - "$expected" "$T/$name.jsonl" >"$T/py.out" 2>&1 <<'PYEOF'
import json, struct, sys
exp = json.load(open(sys.argv[1]))
rows = exp["rows"] if isinstance(exp, dict) and "rows" in exp else exp
got = [json.loads(l) for l in open(sys.argv[2])]
def f32(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]
bad = 0
if len(rows) != len(got):
    print("count", len(rows), len(got)); sys.exit(1)
for e, g in zip(rows, got):
    if "prediction_bits" in e:
        want = [int(e["prediction_bits"], 16) if isinstance(e["prediction_bits"], str) else int(e["prediction_bits"][0], 16)]
        have = [f32(g["value"])]
        want.append(int(e["output_bits"][0], 16))
        have.append(f32(g["value_norm"]))
    else:
        want = [int(b, 16) for b in e["output_bits"]]
        have = [f32(p) for p in g["probabilities"]]
        if g["class_index"] != e["argmax"] or g["label"] != e["label"]:
            print("label", e["label"], g["label"]); bad += 1
        if f32(g["confidence"]) != want[e["argmax"]]:
            print("confidence"); bad += 1
    if want != have:
        print("bits", [hex(w) for w in want], [hex(h) for h in have]); bad += 1
sys.exit(1 if bad else 0)
PYEOF
		is "$?" 0 "$name: outputs equal the golden f32 bits"
		[ -s "$T/py.out" ] && sed 's/^/#   /' "$T/py.out" | head -5
	else
		skip 1 "python3 is not installed"
	fi
	# The CSV output agrees with the JSON one, text for text.
	run "$FINF_PREDICT" "$bin" "$inputs"
	is_status 0 "$name: CSV"
	if [ "$(jq -r '.type' "$T/$name.jsonl" | head -n 1)" = regression ]; then
		{ echo value; jq -r '.value' "$T/$name.jsonl"; } >"$T/want.csv"
	else
		{ echo label,confidence; jq -r '"\(.label),\(.confidence)"' "$T/$name.jsonl"; } \
			>"$T/want.csv"
	fi
	same_file "$T/out" "$T/want.csv" "$name: CSV output equals the JSON values"
	# Labels against the expected file, independently of python.
	if [ "$(jq -r 'if type == "object" and has("rows") then .rows else . end | .[0] | has("label")' "$expected")" = true ]; then
		jq -r 'if type == "object" and has("rows") then .rows else . end | .[].label' "$expected" >"$T/lab.want"
		jq -r '.label' "$T/$name.jsonl" >"$T/lab.got"
		same_file "$T/lab.got" "$T/lab.want" "$name: labels as expected"
	fi
done
done_testing

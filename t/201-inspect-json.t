#!/bin/sh
# finf-inspect --json: every fact checked against the bytes of the models
# (the goldens, or the package's fixtures), and against the original
# engine's expected.json where the goldens are there, with jq and python3
# as the independent side.
. "${top_srcdir:-.}/t/lib.sh"
need_fixtures
command -v jq >/dev/null 2>&1 || skip_all "jq is not installed"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
D=$TESTDATA

run "$FINF_INSPECT" --json "$D/iris.bin"
is_status 0 "iris.bin is inspected"
is "$(lines "$T/out")" 1 "one JSON object on one line"
is "$(jq -r '.metadata.class_names[]' "$T/out" | tr '\n' ' ')" \
	"Iris-setosa Iris-versicolor Iris-virginica " \
	"metadata.class_names are the expected three"
if [ "$GOLDEN" = yes ]; then
	is "$(jq -c '.class_names' "$D/iris.expected.json")" \
		"$(jq -c '.metadata.class_names' "$T/out")" "and those of expected.json"
else
	skip 1 "no expected.json without the goldens"
fi
is "$(jq -r '.class_names | length' "$T/out")" 3 "class_names has three"

for name in iris wine diabetes titanic housing heart cancer penguins mpg seeds wine6; do
	[ -f "$D/$name.bin" ] || continue	# (wine6 is only among the goldens)
	run "$FINF_INSPECT" --json "$D/$name.bin"
	cp "$T/out" "$T/$name.json"
	is_status 0 "$name: inspected"
	if [ -f "$D/$name.expected.json" ]; then
		is "$(jq -r '[.task, .dataset_name, .n_features, .n_outputs, (.layers|length)] | @tsv' "$T/out")" \
			"$(jq -r '[.task, .dataset_name, .input_dim, .output_dim, .num_layers] | @tsv' "$D/$name.expected.json")" \
			"$name: task, name, widths and layer count match expected.json"
	else
		skip 1 "no expected.json without the goldens"
	fi
	is "$(jq -r .size "$T/out")" "$(wc -c <"$D/$name.bin" | tr -d ' ')" "$name: size is the file's"
	is "$(jq -r '.n_params' "$T/out")" \
		"$(jq -r '[.layers[] | select(.kind=="linear") | .in*.out + .out] | add' "$T/out")" \
		"$name: n_params is the sum over the Linear layers"
	is "$(jq -r '.metadata.feature_names | join(",")' "$T/out")" \
		"$(sed -n 1p "$D/$name.inputs.csv")" "$name: feature names are the input header"
done

# The normaliser pairs and weight statistics straight from the bytes.  The
# report prints shortest round-trip text, so both sides are rounded to f32.
cat >"$T/check.py" <<'PY'
import json, struct, sys
path, report = sys.argv[1], sys.argv[2]
b = open(path, 'rb').read()
nl = struct.unpack_from('<I', b, 8)[0]
pairs = [p.split(',') for p in b[12:12 + nl].decode().split(';')]
f32 = lambda s: struct.unpack('<f', struct.pack('<f', float(s)))[0]
r = json.load(open(report))
bad = 0
for i, feat in enumerate(r['features']):
    if f32(pairs[i][0]) != f32(feat['mean']) or f32(pairs[i][1]) != f32(feat['std']):
        bad += 1
if r['task'] == 'regression':
    if f32(pairs[-1][0]) != f32(r['target']['mean']) or f32(pairs[-1][1]) != f32(r['target']['std']):
        bad += 1
# First Linear: its weights follow the tag and the two dimensions.
ml = struct.unpack_from('<I', b, 12 + nl)[0]
at = 12 + nl + 4 + ml + 4
fin, fout = struct.unpack_from('<II', b, at + 1)
w = struct.unpack_from('<%df' % (fin * fout), b, at + 9)
lw = r['layers'][0]['weights']
if (min(w), max(w)) != (f32(lw['min']), f32(lw['max'])) or abs(sum(w) / len(w) - lw['mean']) > 1e-12:
    bad += 1
print(bad)
PY
for name in iris housing mpg cancer; do
	is "$(python3 "$T/check.py" "$D/$name.bin" "$T/$name.json")" 0 \
		"$name: normaliser pairs and first-layer weight statistics match the bytes"
done

run "$FINF_INSPECT" --json "$D/seeds.bin" "$D/mpg.bin"
is_status 0 "two files"
is "$(jq -r .dataset_name "$T/out" | tr '\n' '/')" "Wheat Seeds/Auto MPG/" "two objects, in operand order"
mpg_target=mpg
[ "$GOLDEN" = yes ] && mpg_target=value	# (the original engine's name)
is "$(jq -r '.target.name' "$T/mpg.json")" "$mpg_target" "a regressor's target name"

# Metadata members beyond the nine are shown, in text and as JSON.
python3 - "$D/iris.bin" "$T/extra.bin" <<'PY'
import struct, sys
b = open(sys.argv[1], 'rb').read()
nl = struct.unpack_from('<I', b, 8)[0]
ml = struct.unpack_from('<I', b, 12 + nl)[0]
meta = b[16 + nl:16 + nl + ml]
meta = meta[:-1] + b',"trainer":{"lr":0.05,"layers":[32]},"seed":1337}'
out = b[:12 + nl] + struct.pack('<I', len(meta)) + meta + b[16 + nl + ml:]
open(sys.argv[2], 'wb').write(out)
PY
run "$FINF_INSPECT" --json "$T/extra.bin"
is_status 0 "a model with extra metadata"
is "$(jq -c '[.metadata.trainer, .metadata.seed]' "$T/out")" '[{"lr":0.05,"layers":[32]},1337]' \
	"--json: the extra members are in .metadata"
run "$FINF_INSPECT" "$T/extra.bin"
like "$T/out" '^(extra:)? +trainer = \{"lr":0\.05,"layers":\[32\]\}$' "text: the added extra member"
like "$T/out" '^ +seed = 1337$' "text: the other added member"

run "$FINF_INSPECT" --json - <"$D/penguins.bin"
is_status 0 "- reads stdin"
is "$(jq -r .file "$T/out")" "<stdin>" "stdin is named <stdin>"

done_testing

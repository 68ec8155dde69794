#!/bin/sh
# finf-inspect --check: silent on good files, one located line per bad one.
. "${top_srcdir:-.}/t/lib.sh"
need_fixtures
D=$TESTDATA

W6=$D/wine6.bin
[ -f "$W6" ] || W6=$D/wine.bin	# (wine6 is only among the goldens)
run "$FINF_INSPECT" --check "$D"/iris.bin "$D"/mpg.bin "$W6"
is_status 0 "--check passes good models"
is "$(cat "$T/out" "$T/err")" "" "and prints nothing"

run "$FINF_INSPECT" --check "$D/truncated.bin"
is_status 1 "truncated.bin fails"
golden is "$(cat "$T/err")" \
	"finf-inspect: $D/truncated.bin: offset 857: truncated: need 4 bytes, 0 left (layer 0: 168 weights)" \
	"truncated.bin: offset 857 (the README's), inside layer 0's weights"
is "$(cat "$T/out")" "" "nothing on stdout"

run "$FINF_INSPECT" --check "$D/bad_magic.bin"
is_status 1 "bad_magic.bin fails"
is "$(cat "$T/err")" "finf-inspect: $D/bad_magic.bin: offset 0: bad magic (not a FINF file)" \
	"bad_magic.bin: offset 0"

run "$FINF_INSPECT" --check "$D/bad_version.bin"
is_status 1 "bad_version.bin fails"
golden is "$(cat "$T/err")" \
	"finf-inspect: $D/bad_version.bin: offset 4: unsupported FINF version 4 (this reader needs 3)" \
	"bad_version.bin: offset 4, the version named"

# One bad file among good ones: all are looked at, the status is 1.
run "$FINF_INSPECT" --check "$D/iris.bin" "$D/bad_magic.bin" "$T/missing.bin" "$D/seeds.bin" \
	"$D/truncated.bin"
is_status 1 "a bad file makes the status 1"
is "$(lines "$T/err")" 3 "one line per bad file, good files silent"
like "$T/err" "missing.bin: No such file" "the missing file is reported after the bad one"
golden like "$T/err" "truncated.bin: offset 857" "and the last operand is still checked"

run "$FINF_INSPECT" "$D/bad_magic.bin" "$D/iris.bin"
is_status 1 "text mode: a bad file first does not stop the next"
like "$T/out" '^dataset: +Iris$' "the good file is still shown"

# Bytes patched with printf: metadata that is not JSON.
python3 - "$D/seeds.bin" "$T/nojson.bin" <<'PY' 2>/dev/null || skip_python=1
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
nl = struct.unpack_from('<I', b, 8)[0]
at = 12 + nl + 4           # first metadata byte
b[at + 1] = ord('x')       # '{"dataset_name"' -> '{x...': not a string key
open(sys.argv[2], 'wb').write(b)
PY
if [ -z "${skip_python:-}" ]; then
	run "$FINF_INSPECT" --check "$T/nojson.bin"
	is_status 1 "metadata that is not JSON fails"
	like "$T/err" "offset [0-9]+: metadata: not valid JSON at byte 1: expected a string key" \
		"the message says where in the metadata"
else
	skip 2 "python3 is not installed"
fi

done_testing

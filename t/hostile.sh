# t/hostile.sh: helpers for the hostile-input tests; source after t/lib.sh.
# SPDX-License-Identifier: MIT


# fails_cleanly DESC WHERE CMD...: run CMD (stdin as the caller set it) and
# check that it failed the way a bad input must fail: exit 1 (never a
# signal), exactly one short line on stderr, and that line starts with
# "prog: " followed by the extended regex WHERE (the located part, e.g.
# 'x\.csv:3: ' or 'm\.finf: offset [0-9]+: ').
fails_cleanly() {
	_fc_d=$1 _fc_w=$2
	shift 2
	run "$@"
	is "$status" 1 "$_fc_d: exit 1"
	is "$(lines "$T/err")" 1 "$_fc_d: one line on stderr"
	like "$T/err" "^finf-[a-z]+: $_fc_w" "$_fc_d: located message"
	_fc_n=$(wc -c <"$T/err" | tr -d ' ')
	is "$([ "$_fc_n" -le 400 ] && echo short || echo "$_fc_n bytes")" short \
		"$_fc_d: message stays short"
}

# empty_dir DIR DESC: DIR holds nothing (no model, no temporary file).
empty_dir() {
	_ed=$(ls -A "$1" 2>/dev/null | tr '\n' ' ')
	is "$_ed" "" "$2"
}

# u32 N: N as 4 little-endian bytes on stdout.
u32() {
	printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $(($1 >> 8 & 255)))"
	printf "\\$(printf %03o $(($1 >> 16 & 255)))\\$(printf %03o $(($1 >> 24 & 255)))"
}

# finf_head NORM META: a FINF v3 header with that normaliser and metadata
# (LC_ALL=C makes ${#x} count bytes).
finf_head() {
	printf 'FINF'
	u32 3
	u32 ${#1}
	printf '%s' "$1"
	u32 ${#2}
	printf '%s' "$2"
}

# linear IN OUT: a Linear record with all-zero weights and biases.
linear() {
	printf '\000'
	u32 "$1"
	u32 "$2"
	head -c $((4 * $1 * $2 + 4 * $2)) /dev/zero
}

# act KIND: an activation record.
act() { printf "\\001\\$(printf %03o "$1")"; }

# offset_of FILE: the N of "offset N" in the one line of FILE, or -1.
offset_of() {
	_o=$(sed -n 's/.*: offset \([0-9][0-9]*\): .*/\1/p' "$1" | head -1)
	echo "${_o:--1}"
}

# train_opts DATA: quick finf-train options for tests about the input, not
# the fit; the ferrum recipe where this build lacks the default one.
train_opts() {
	_to='-q -H 4 -e 3 -s 7 -n hostile'
	# shellcheck disable=SC2086
	if ! "$FINF_TRAIN" $_to -o "$T/probe.finf" "$1" 2>"$T/probe.err" &&
		grep -q 'recipe is not available' "$T/probe.err"; then
		_to="$_to --recipe=ferrum"
	fi
	rm -f "$T/probe.finf" "$T/probe.err"
	echo "$_to"
}

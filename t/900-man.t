#!/bin/sh
# 900-man.t: every manual page is clean under mandoc -Tlint.
. "$top_srcdir/t/lib.sh"

command -v mandoc >/dev/null 2>&1 || skip_all "mandoc is not installed"
for page in "$top_srcdir"/man/*.[135]; do
	name=$(basename "$page")
	run mandoc -Tlint -W warning "$page"
	if [ "$status" -eq 0 ] && [ ! -s "$T/out" ]; then
		ok 1 "$name is mandoc -Tlint clean"
	else
		ok 0 "$name is mandoc -Tlint clean"
		sed 's/^/#   /' "$T/out" "$T/err" | head -10
	fi
done
done_testing

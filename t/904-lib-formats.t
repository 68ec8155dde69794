#!/bin/sh
# 904-lib-formats.t: the library formats text with its own small printf
# (fe_vsnprintf in lib/error.c), which knows %d and %u (with l, ll and z),
# %s (with a precision, also '*') and %% and copies anything else as it
# stands, without taking its argument: a width, a flag or a %g would print
# the directive and shift every later argument.  So every format string
# the library hands to it must stay within that set; numbers are printed
# with fe_num_put_g, fe_num_put_fixed and the JSON writers instead.
. "${top_srcdir:-.}/t/lib.sh"

# One line per directive outside the set: FILE:LINE: DIRECTIVE in "FORMAT".
perl -e '
	my $bad = 0;
	my $calls = 0;
	for my $f (@ARGV) {
		open(my $h, "<", $f) or die "$f: $!";
		local $/;
		my $src = <$h>;
		while ($src =~ /\b(fe_buf_printf|fe_snprintf|fe_error|fe_error_at|fe_error_line)\s*\(/g) {
			my $start = pos($src);
			my $line = 1 + (substr($src, 0, $start) =~ tr/\n//);
			# The argument list: up to the matching parenthesis,
			# stepping over string and character literals.
			my ($depth, $i, @lits, $cur) = (1, $start);
			while ($depth > 0 && $i < length $src) {
				my $c = substr($src, $i, 1);
				if ($c eq "\"" || $c eq "\x27") {
					my $j = $i + 1;
					$j += substr($src, $j, 1) eq "\\" ? 2 : 1
						while substr($src, $j, 1) ne $c;
					push @lits, substr($src, $i + 1, $j - $i - 1) if $c eq "\"";
					$i = $j + 1;
					next;
				}
				$depth++ if $c eq "(";
				$depth-- if $c eq ")";
				$i++;
			}
			next if $i > length $src;
			$calls++;
			my $fmt = join("", @lits);
			while ($fmt =~ /(%[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[a-zA-Z%])/g) {
				my $d = $1;
				next if $d =~ /^%(?:l|ll|z)?[du]$/ || $d =~ /^%(?:\.(?:\*|\d+))?s$/ || $d eq "%%";
				print "$f:$line: $d in \"$fmt\"\n";
				$bad++;
			}
		}
	}
	print STDERR "calls $calls\n";
' "$top_srcdir"/lib/*.c "$top_srcdir"/web/exports.c >"$T/bad" 2>"$T/count"
is "$?" 0 "the format strings could be read"
like "$T/count" '^calls [1-9][0-9]+$' "the library's calls of its printf were found"
is "$(lines "$T/bad")" 0 "every directive is one the library's printf knows"
sed 's/^/# /' "$T/bad"

done_testing

# bench/lib.sh: sourced by the benchmark scripts, so that they time the real
# programs and never libtool's wrapper scripts.
# SPDX-License-Identifier: MIT
#
# In a build tree with shared libraries (configure's default), bin/finf-train
# is a shell script written by libtool that sets the library search path and
# then runs bin/.libs/finf-train: about 66 ms of CPU per call before the
# program starts, as much as a small training run.  These functions resolve
# a command once, with `libtool --mode=execute', to the program it runs and
# export the library path that program needs, so that every timed call is
# the program alone.  Programs that are not wrappers (a --disable-shared
# build, installed commands) are used as they are.

# bench_real PROG: set bench_prog to the program PROG runs (PROG itself when
# it is not a libtool wrapper) and export the library path it needs.
# LIBTOOL names the build tree's libtool [PROG's directory/../libtool].
bench_real() {
	bench_prog=$1
	_lt=${LIBTOOL:-$(dirname "$1")/../libtool}
	[ -f "$_lt" ] || return 0
	_real=$("$_lt" --mode=execute echo "$1") || return 1
	[ "$_real" != "$1" ] || return 0
	_var=$("$_lt" --config | sed -n 's/^shlibpath_var=//p')
	if [ -n "$_var" ]; then
		_path=$("$_lt" --mode=execute sh -c "printf '%s' \"\${$_var}\"" "$1") || return 1
		eval "$_var=\$_path; export $_var"
	fi
	bench_prog=$_real
}

# bench_bindir DIR: set bench_dir to the directory of the real programs
# behind DIR's four finf commands (DIR itself for a static build), for the
# scripts that take a --bindir.
bench_bindir() {
	bench_dir=
	for _n in finf-train finf-predict finf-inspect finf-stats; do
		bench_real "$1/$_n" || return 1
		_d=$(dirname "$bench_prog")
		if [ "$(basename "$bench_prog")" != "$_n" ] ||
			{ [ -n "$bench_dir" ] && [ "$_d" != "$bench_dir" ]; }; then
			echo "bench: $1/$_n runs $bench_prog; configure --disable-shared to time it" >&2
			return 1
		fi
		bench_dir=$_d
	done
}

# bench_bindir_arg ARGS...: the --bindir=DIR or --bindir DIR among ARGS,
# else $FERRUM_BINDIR, else bin.
bench_bindir_arg() {
	bench_arg=${FERRUM_BINDIR:-bin}
	_prev=
	for _a in "$@"; do
		case $_prev in --bindir) bench_arg=$_a ;; esac
		case $_a in --bindir=*) bench_arg=${_a#--bindir=} ;; esac
		_prev=$_a
	done
}

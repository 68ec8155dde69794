## bench/local.mk: benchmarks that print tables and ratios (never part of
## make check): `make bench-quality', `make bench-train', `make
## bench-predict', `make bench-web' and `make bench-math'.

EXTRA_DIST += %D%/lib.sh %D%/quality %D%/quality.py %D%/train %D%/train.py \
	%D%/predict %D%/web %D%/web.js
EXTRA_DIST += %D%/web-ab %D%/web-ab.js

# The strtod floor and meter of bench/predict, built only when asked for.
EXTRA_PROGRAMS += %D%/predict-floor
%C%_predict_floor_SOURCES = %D%/predict-floor.c
CLEANFILES += %D%/predict-floor$(EXEEXT)

# The library's expf, logf, cosf and log against the host's (glibc's FMA
# build on an x86-64 CPU with FMA): bench/mathcheck uses the library as
# built, bench/mathcheck-soft the emulated fused multiply-add of the
# WebAssembly build; `all' adds every float.  bench/mathtable printed the
# table of t/unit/fmath.c.  Built only when asked for.
EXTRA_PROGRAMS += %D%/mathcheck %D%/mathcheck-soft %D%/mathtable
%C%_mathcheck_SOURCES = %D%/mathcheck.c
%C%_mathcheck_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib
%C%_mathcheck_LDADD = lib/libferrum-core.la $(LIBM)
%C%_mathcheck_soft_SOURCES = %D%/mathcheck.c lib/fmath.c
%C%_mathcheck_soft_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib -DFE_FMATH_SOFT
%C%_mathcheck_soft_LDADD = $(LIBM)
%C%_mathtable_SOURCES = %D%/mathtable.c lib/fmath.c
%C%_mathtable_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/lib
%C%_mathtable_LDADD = $(LIBM)
CLEANFILES += %D%/mathcheck$(EXEEXT) %D%/mathcheck-soft$(EXEEXT) %D%/mathtable$(EXEEXT)

bench-math: %D%/mathcheck$(EXEEXT) %D%/mathcheck-soft$(EXEEXT)
	%D%/mathcheck $(MATHCHECK)
	%D%/mathcheck-soft $(MATHCHECK)

BENCH_ENV = FERRUM_DATASETS='$(FERRUM_DATASETS)' FERRUM_BINDIR='$(abs_top_builddir)/bin'

# QUALITY: more arguments, e.g. QUALITY="--fold-seed=20261127,1 --cache=DIR".
bench-quality: all
	$(BENCH_ENV) $(top_srcdir)/%D%/quality $(QUALITY)

bench-train: all
	$(BENCH_ENV) $(top_srcdir)/%D%/train

bench-predict: all %D%/predict-floor$(EXEEXT)
	$(BENCH_ENV) FERRUM_TESTDATA='$(FERRUM_TESTDATA)' $(top_srcdir)/%D%/predict

bench-web: all web
	$(BENCH_ENV) $(top_srcdir)/%D%/web .

.PHONY: bench-quality bench-train bench-predict bench-web bench-math

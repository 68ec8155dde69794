## bench/local.mk: benchmarks that print tables and ratios (never part of
## make check): `make bench-quality', `make bench-train', `make
## bench-predict' and `make bench-web'.

EXTRA_DIST += %D%/lib.sh %D%/quality %D%/quality.py %D%/train %D%/train.py \
	%D%/predict %D%/web %D%/web.js
EXTRA_DIST += %D%/web-ab %D%/web-ab.js

# The strtod floor and meter of bench/predict, built only when asked for.
EXTRA_PROGRAMS += %D%/predict-floor
%C%_predict_floor_SOURCES = %D%/predict-floor.c
CLEANFILES += %D%/predict-floor$(EXEEXT)

BENCH_ENV = FERRUM_DATASETS='$(FERRUM_DATASETS)' FERRUM_BINDIR='$(abs_top_builddir)/bin'

bench-quality: all
	$(BENCH_ENV) $(top_srcdir)/%D%/quality

bench-train: all
	$(BENCH_ENV) $(top_srcdir)/%D%/train

bench-predict: all %D%/predict-floor$(EXEEXT)
	$(BENCH_ENV) FERRUM_TESTDATA='$(FERRUM_TESTDATA)' $(top_srcdir)/%D%/predict

bench-web: web
	$(top_srcdir)/%D%/web .

.PHONY: bench-quality bench-train bench-predict bench-web

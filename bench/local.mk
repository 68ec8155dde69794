## bench/local.mk: benchmarks that print tables and ratios (never part of
## make check): `make bench-quality` and `make bench-train`.

EXTRA_DIST += %D%/quality %D%/quality.py %D%/train %D%/train.py

BENCH_ENV = FERRUM_DATASETS='$(FERRUM_DATASETS)' FERRUM_BINDIR='$(abs_top_builddir)/bin'

bench-quality: all
	$(BENCH_ENV) $(top_srcdir)/%D%/quality

bench-train: all
	$(BENCH_ENV) $(top_srcdir)/%D%/train

.PHONY: bench-quality bench-train

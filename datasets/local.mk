## datasets/local.mk: `make models`, the ten demo models of web/models/
## retrained from the datasets of ./configure --with-datasets=DIR, as
## datasets/CATALOG lists them.

EXTRA_DIST += %D%/README %D%/MANIFEST %D%/models.sh %D%/CATALOG %D%/catalog.awk

# The models are committed to the source tree (web/models is distributed
# by web/local.mk); t/240-models-reproduce.t checks that retraining gives
# the same bytes.
models: bin/finf-train$(EXEEXT)
	@if test -z '$(FERRUM_DATASETS)'; then \
	  echo "make models: no datasets: run configure --with-datasets=DIR (see datasets/README)" >&2; \
	  exit 1; \
	fi
	$(AM_V_GEN)$(SHELL) $(top_srcdir)/%D%/models.sh '$(FERRUM_DATASETS)' bin \
	  $(top_srcdir)/web/models $(top_srcdir)/%D%/MANIFEST

.PHONY: models

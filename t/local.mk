## t/local.mk: the test suite, run by Automake's TAP driver.
## C unit tests are programs in t/unit/; shell tests are t/NNN-name.t:
## 0NN numerics, 1NN CSV/JSON/format, 2NN one block per tool, 3NN pipelines,
## 9NN manual examples and web.  Each area keeps its unit tests and rules in
## a fragment; the shell tests are one list below, in the order of their
## numbers.

TEST_EXTENSIONS = .t
LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) $(top_srcdir)/build-aux/tap-driver.sh
T_LOG_DRIVER = $(LOG_DRIVER)
AM_TESTS_ENVIRONMENT = \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	FERRUM_TESTDATA='$(FERRUM_TESTDATA)'; export FERRUM_TESTDATA; \
	FERRUM_DATASETS='$(FERRUM_DATASETS)'; export FERRUM_DATASETS; \
	FERRUM_FIXTURES='$(abs_top_builddir)/t/fixtures'; export FERRUM_FIXTURES; \
	LC_ALL=C; export LC_ALL;

check_LTLIBRARIES = %D%/libtap.la
%C%_libtap_la_SOURCES = %D%/tap.c %D%/tap.h
# Unit tests reach the library's internals, so they link the convenience
# copy of its objects rather than the export-filtered shared library.
TAP_LIBS = %D%/libtap.la lib/libferrum-core.la $(LIBM)
EXTRA_DIST += %D%/lib.sh

# The package's own test models and rows (see t/fixtures.sh), made before
# any test runs; t/lib.sh reads them where configure was given no goldens
# or datasets, as in a build from the release tarball.
check_DATA = %D%/fixtures/.stamp
%D%/fixtures/.stamp: %D%/fixtures.sh examples/iris.csv web/models/iris.finf
	$(AM_V_GEN)$(SHELL) $(srcdir)/%D%/fixtures.sh $(srcdir) %D%/fixtures && touch $@
EXTRA_DIST += %D%/fixtures.sh
clean-local: clean-fixtures
clean-fixtures:
	-rm -rf %D%/fixtures %D%/fixtures.tmp
.PHONY: clean-fixtures

include %D%/core.mk
include %D%/format.mk
include %D%/train.mk
include %D%/predict.mk
include %D%/web.mk
include %D%/hostile.mk

# The shell tests, registered in the order of their numbers (one list, so
# that the order is plain to see); the fragments above hold the unit tests
# and the rules of their areas.
NUMBERED_TESTS = \
	%D%/150-hostile-csv.t \
	%D%/151-hostile-rows.t \
	%D%/155-hostile-read.t \
	%D%/156-hostile-tables.t \
	%D%/160-hostile-model.t \
	%D%/161-hostile-files.t \
	%D%/170-hostile-output.t \
	%D%/171-hostile-kill.t \
	%D%/200-inspect-usage.t \
	%D%/201-inspect-json.t \
	%D%/202-inspect-check.t \
	%D%/203-inspect-schema.t \
	%D%/210-inspect-examples.t \
	%D%/220-train-usage.t \
	%D%/221-train-errors.t \
	%D%/222-train-report.t \
	%D%/223-train-options.t \
	%D%/224-train-tables.t \
	%D%/225-train-layers.t \
	%D%/226-train-classes.t \
	%D%/227-train-encode.t \
	%D%/228-train-effort.t \
	%D%/229-train-tuning.t \
	%D%/240-models-reproduce.t \
	%D%/241-catalog.t \
	%D%/242-presets.t \
	%D%/250-predict-usage.t \
	%D%/251-predict-golden.t \
	%D%/252-predict-rows.t \
	%D%/253-predict-stream.t \
	%D%/254-predict-evaluate.t \
	%D%/255-predict-raw.t \
	%D%/260-stats-panels.t \
	%D%/261-stats-describe.t \
	%D%/262-stats-usage.t \
	%D%/263-stats-evaluate.t \
	%D%/300-train-golden.t \
	%D%/301-train-heldout.t \
	%D%/310-pipe-predict.t \
	%D%/311-pipe-train.t \
	%D%/312-pipe-parallel.t \
	%D%/320-real-files.t \
	%D%/321-header-names.t \
	%D%/322-decimal-comma.t \
	%D%/323-identifiers.t \
	%D%/900-man.t \
	%D%/901-exports.t \
	%D%/902-libferrum-example.t \
	%D%/903-version.t \
	%D%/904-lib-formats.t \
	%D%/920-train-examples.t \
	%D%/930-man-predict.t \
	%D%/931-man-stats.t \
	%D%/950-web-wasm.t \
	%D%/951-web-browser.t \
	%D%/952-web-trainer.t
TESTS += $(NUMBERED_TESTS)
EXTRA_DIST += $(NUMBERED_TESTS)

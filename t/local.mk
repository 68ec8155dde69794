## t/local.mk: the test suite, run by Automake's TAP driver.
## C unit tests are programs in t/unit/; shell tests are t/NNN-name.t:
## 0NN numerics, 1NN CSV/JSON/format, 2NN one block per tool, 3NN pipelines,
## 9NN manual examples and web.  Each area keeps its list in a fragment.

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

TESTS += %D%/900-man.t
EXTRA_DIST += %D%/900-man.t
TESTS += %D%/901-exports.t
EXTRA_DIST += %D%/901-exports.t
TESTS += %D%/903-version.t
EXTRA_DIST += %D%/903-version.t
TESTS += %D%/904-lib-formats.t
EXTRA_DIST += %D%/904-lib-formats.t

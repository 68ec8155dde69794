## lib/local.mk: libferrum, shared and static.  Sources are listed in their
## layering order: each module uses only the ones above it.

# The objects are built once into a convenience library: the installed
# libferrum.la wraps it with the export list, and the unit tests link it
# directly because they test internal (fe_) functions too.
noinst_LTLIBRARIES += %D%/libferrum-core.la
lib_LTLIBRARIES += %D%/libferrum.la
include_HEADERS += %D%/ferrum.h

%C%_libferrum_core_la_SOURCES = \
	%D%/ferrum-internal.h \
	%D%/error.c \
	%D%/num.c \
	%D%/mat.c \
	%D%/fmath.c \
	%D%/act.c \
	%D%/rng.c \
	%D%/net.c \
	%D%/loss.c \
	%D%/optim.c \
	%D%/csv.c \
	%D%/json.c \
	%D%/frame.c \
	%D%/schema.c \
	%D%/infer.c \
	%D%/table.c \
	%D%/describe.c \
	%D%/norm.c \
	%D%/meta.c \
	%D%/finf.c \
	%D%/schema-model.c \
	%D%/row.c \
	%D%/inspect.c \
	%D%/answer.c \
	%D%/split.c \
	%D%/fit.c \
	%D%/calibrate.c \
	%D%/recipe-ferrum.c \
	%D%/recipe-default.c \
	%D%/recipe-deep.c \
	%D%/train.c \
	%D%/evaluate.c \
	%D%/stats.c \
	%D%/io.c
%C%_libferrum_core_la_LIBADD = $(LIBM)
# ISO C99 with -pedantic (FERRUM_LIB_CFLAGS): the commands and tests may use
# POSIX and GNU extensions, the library may not.
%C%_libferrum_core_la_CFLAGS = $(AM_CFLAGS) $(FERRUM_LIB_CFLAGS)

%C%_libferrum_la_SOURCES =
%C%_libferrum_la_LIBADD = %D%/libferrum-core.la $(LIBM)
%C%_libferrum_la_LDFLAGS = $(AM_LDFLAGS) -no-undefined \
	-version-info $(FERRUM_LT_CURRENT):$(FERRUM_LT_REVISION):$(FERRUM_LT_AGE) \
	-export-symbols-regex '^ferrum_'

pkgconfigdir = $(libdir)/pkgconfig
pkgconfig_DATA = %D%/libferrum.pc
EXTRA_DIST += %D%/libferrum.pc.in

## bin/local.mk: the finf commands and their shared front-end helpers.

noinst_LTLIBRARIES += %D%/libfinf.la
%C%_libfinf_la_SOURCES = %D%/cli.c %D%/cli.h

FINF_LIBS = %D%/libfinf.la lib/libferrum.la $(LIBM) $(ZLIB_LIBS)

bin_PROGRAMS += %D%/finf-inspect %D%/finf-train %D%/finf-predict %D%/finf-stats
%C%_finf_inspect_SOURCES = %D%/finf-inspect.c
%C%_finf_inspect_LDADD = $(FINF_LIBS)
%C%_finf_train_SOURCES = %D%/finf-train.c
%C%_finf_train_LDADD = $(FINF_LIBS)
%C%_finf_predict_SOURCES = %D%/finf-predict.c
%C%_finf_predict_LDADD = $(FINF_LIBS)
%C%_finf_stats_SOURCES = %D%/finf-stats.c
%C%_finf_stats_LDADD = $(FINF_LIBS) $(LIBM)

## fuzz/local.mk: libFuzzer harnesses for every reader of outside bytes.
## Built by ./configure CC=clang --enable-fuzzing; `make fuzz
## FUZZ_SECONDS=N` runs each harness for N seconds from seed corpora made
## in the build tree from the golden models and the datasets.

FUZZ_HARNESSES = %D%/fuzz-finf %D%/fuzz-csv %D%/fuzz-json %D%/fuzz-roundtrip \
	%D%/fuzz-frame
FUZZ_SECONDS = 60
# Extra libFuzzer flags for every harness, e.g. FUZZ_FLAGS=-jobs=2.
FUZZ_FLAGS =
FUZZ_LIBS = lib/libferrum-core.la $(LIBM)

EXTRA_DIST += %D%/README %D%/finf.dict %D%/json.dict %D%/run.sh %D%/seeds.sh

if ENABLE_FUZZING
noinst_PROGRAMS += $(FUZZ_HARNESSES)

%C%_fuzz_finf_SOURCES = %D%/fuzz-finf.c
%C%_fuzz_finf_CFLAGS = $(AM_CFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_finf_LDFLAGS = $(AM_LDFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_finf_LDADD = $(FUZZ_LIBS)

%C%_fuzz_csv_SOURCES = %D%/fuzz-csv.c %D%/model.h
%C%_fuzz_csv_CFLAGS = $(AM_CFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_csv_LDFLAGS = $(AM_LDFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_csv_LDADD = $(FUZZ_LIBS)

%C%_fuzz_json_SOURCES = %D%/fuzz-json.c %D%/model.h
%C%_fuzz_json_CFLAGS = $(AM_CFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_json_LDFLAGS = $(AM_LDFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_json_LDADD = $(FUZZ_LIBS)

%C%_fuzz_roundtrip_SOURCES = %D%/fuzz-roundtrip.c
%C%_fuzz_roundtrip_CFLAGS = $(AM_CFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_roundtrip_LDFLAGS = $(AM_LDFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_roundtrip_LDADD = $(FUZZ_LIBS)

%C%_fuzz_frame_SOURCES = %D%/fuzz-frame.c %D%/model.h
%C%_fuzz_frame_CFLAGS = $(AM_CFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_frame_LDFLAGS = $(AM_LDFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_frame_LDADD = $(FUZZ_LIBS)

# Seeds are regenerated on every run (they are cheap); the working corpora
# under fuzz/corpus/ grow from run to run, findings land in fuzz/findings/.
fuzz: $(FUZZ_HARNESSES)
	$(AM_V_at)FERRUM_TESTDATA='$(FERRUM_TESTDATA)' FERRUM_DATASETS='$(FERRUM_DATASETS)' \
	  $(SHELL) $(srcdir)/%D%/seeds.sh '$(builddir)/%D%/seeds'
	$(AM_V_at)$(SHELL) $(srcdir)/%D%/run.sh -s '$(FUZZ_SECONDS)' \
	  -d '$(srcdir)/%D%' -o '$(builddir)/%D%' -f '$(FUZZ_FLAGS)' $(FUZZ_HARNESSES)
else
fuzz:
	@echo "make fuzz: the harnesses are not built; run ./configure CC=clang --enable-fuzzing" >&2
	@echo "  (Debian: apt-get install clang libclang-rt-14-dev)" >&2
	@exit 1
endif
.PHONY: fuzz

clean-local: clean-fuzz
clean-fuzz:
	-rm -rf %D%/seeds %D%/corpus %D%/findings %D%/*.log
.PHONY: clean-fuzz

# The "schema" member of model metadata (fe_schema_parse and the writer).
FUZZ_HARNESSES += %D%/fuzz-schema
if ENABLE_FUZZING
%C%_fuzz_schema_SOURCES = %D%/fuzz-schema.c
%C%_fuzz_schema_CFLAGS = $(AM_CFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_schema_LDFLAGS = $(AM_LDFLAGS) $(FERRUM_FUZZ_CFLAGS)
%C%_fuzz_schema_LDADD = $(FUZZ_LIBS)
endif

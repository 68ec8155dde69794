## t/format.mk: tests of one area (see t/local.mk).

# C unit tests of the format modules: json, norm, meta, and the FINF v3
# goldens (outputs bit for bit, re-save byte for byte, rejections), plus
# seeded random byte flips that must never crash the reader.
check_PROGRAMS += t/unit/json t/unit/norm t/unit/meta t/unit/golden t/unit/flips
t_unit_json_LDADD = $(TAP_LIBS)
t_unit_norm_LDADD = $(TAP_LIBS)
t_unit_meta_LDADD = $(TAP_LIBS)
t_unit_golden_LDADD = $(TAP_LIBS)
t_unit_flips_LDADD = $(TAP_LIBS)
TESTS += t/unit/json t/unit/norm t/unit/meta t/unit/golden t/unit/flips

# finf-inspect: its report, built by the library.
check_PROGRAMS += t/unit/inspect
t_unit_inspect_SOURCES = t/unit/inspect.c t/unit/model.h
t_unit_inspect_LDADD = $(TAP_LIBS)
TESTS += t/unit/inspect



# The column schema: accessors, dates, input names, encoding of raw rows,
# the "schema" member written and read back.
check_PROGRAMS += t/unit/schema
t_unit_schema_SOURCES = t/unit/schema.c t/unit/model.h
t_unit_schema_LDADD = $(TAP_LIBS)
TESTS += t/unit/schema

## t/predict.mk: finf-predict, finf-stats, the row and statistics modules.

check_PROGRAMS += t/unit/stats t/unit/row
t_unit_stats_SOURCES = t/unit/stats.c t/unit/model.h
t_unit_stats_LDADD = $(TAP_LIBS)
t_unit_row_LDADD = $(TAP_LIBS)
TESTS += t/unit/stats t/unit/row

# finf-stats --describe: the column summaries; finf-predict's lines.
check_PROGRAMS += t/unit/describe t/unit/answer
t_unit_describe_LDADD = $(TAP_LIBS)
t_unit_answer_SOURCES = t/unit/answer.c t/unit/model.h
t_unit_answer_LDADD = $(TAP_LIBS)
TESTS += t/unit/describe t/unit/answer


# The streaming evaluator of finf-predict --evaluate.
check_PROGRAMS += t/unit/evaluate
t_unit_evaluate_SOURCES = t/unit/evaluate.c t/unit/model.h
t_unit_evaluate_LDADD = $(TAP_LIBS)
TESTS += t/unit/evaluate

# The row reader with a schema: raw rows.
check_PROGRAMS += t/unit/rowschema
t_unit_rowschema_SOURCES = t/unit/rowschema.c t/unit/model.h
t_unit_rowschema_LDADD = $(TAP_LIBS)
TESTS += t/unit/rowschema

# A model with a hand-made schema for the shell tests of raw rows.
check_PROGRAMS += t/schema-model
t_schema_model_SOURCES = t/schema-model.c t/unit/model.h
t_schema_model_LDADD = $(TAP_LIBS)

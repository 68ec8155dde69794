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

PREDICT_TESTS = \
	t/250-predict-usage.t \
	t/251-predict-golden.t \
	t/252-predict-rows.t \
	t/253-predict-stream.t \
	t/260-stats-panels.t \
	t/261-stats-describe.t \
	t/262-stats-usage.t \
	t/310-pipe-predict.t \
	t/311-pipe-train.t \
	t/312-pipe-parallel.t \
	t/930-man-predict.t \
	t/931-man-stats.t
TESTS += $(PREDICT_TESTS)
EXTRA_DIST += $(PREDICT_TESTS)

## t/train.mk: tests of one area (see t/local.mk).

# csv and table
check_PROGRAMS += t/unit/csv t/unit/table
t_unit_csv_LDADD = $(TAP_LIBS)
t_unit_table_LDADD = $(TAP_LIBS)
TESTS += t/unit/csv t/unit/table
# the frame of a real table
check_PROGRAMS += t/unit/header
t_unit_header_LDADD = $(TAP_LIBS)
TESTS += t/unit/header
# end csv and table

# JSON Lines frames
check_PROGRAMS += t/unit/jsonl
t_unit_jsonl_LDADD = $(TAP_LIBS)
TESTS += t/unit/jsonl
# end JSON Lines frames

# training and finf-train
check_PROGRAMS += t/unit/train
t_unit_train_LDADD = $(TAP_LIBS)
TESTS += t/unit/train
EXTRA_DIST += examples/README examples/iris.csv
# end training and finf-train

# the default recipe and the demo models
check_PROGRAMS += t/unit/recipe
t_unit_recipe_LDADD = $(TAP_LIBS)
TESTS += t/unit/recipe
check_PROGRAMS += t/unit/calibrate
t_unit_calibrate_LDADD = $(TAP_LIBS)
TESTS += t/unit/calibrate
# end the default recipe and the demo models

# the default recipe's hidden layers
check_PROGRAMS += t/unit/deep
t_unit_deep_LDADD = $(TAP_LIBS)
TESTS += t/unit/deep
# end the default recipe's hidden layers

## t/train.mk: tests of one area (see t/local.mk).

# csv and table
check_PROGRAMS += t/unit/csv t/unit/table
t_unit_csv_LDADD = $(TAP_LIBS)
t_unit_table_LDADD = $(TAP_LIBS)
TESTS += t/unit/csv t/unit/table
# end csv and table

# training and finf-train
check_PROGRAMS += t/unit/train
t_unit_train_LDADD = $(TAP_LIBS)
TESTS += t/unit/train
TRAIN_TESTS = \
	%D%/220-train-usage.t \
	%D%/221-train-errors.t \
	%D%/222-train-report.t \
	%D%/223-train-options.t \
	%D%/300-train-golden.t \
	%D%/301-train-heldout.t \
	%D%/920-train-examples.t
TESTS += $(TRAIN_TESTS)
EXTRA_DIST += $(TRAIN_TESTS) examples/README examples/iris.csv
# end training and finf-train

# the default recipe and the demo models
check_PROGRAMS += t/unit/recipe
t_unit_recipe_LDADD = $(TAP_LIBS)
TESTS += t/unit/recipe
RECIPE_TESTS = %D%/240-models-reproduce.t
TESTS += $(RECIPE_TESTS)
EXTRA_DIST += $(RECIPE_TESTS)
# end the default recipe and the demo models

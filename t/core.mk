## t/core.mk: unit tests of the numeric core (num, mat, act, rng, net, loss, optim).

check_PROGRAMS += t/unit/mat t/unit/act t/unit/rng t/unit/net t/unit/loss t/unit/optim
t_unit_mat_LDADD = $(TAP_LIBS)
t_unit_act_LDADD = $(TAP_LIBS)
t_unit_rng_LDADD = $(TAP_LIBS)
t_unit_net_LDADD = $(TAP_LIBS)
t_unit_loss_LDADD = $(TAP_LIBS)
t_unit_optim_LDADD = $(TAP_LIBS)
TESTS += t/unit/mat t/unit/act t/unit/rng t/unit/net t/unit/loss t/unit/optim

# fmath: the library's expf, logf, cosf and log against a fixed table.
check_PROGRAMS += t/unit/fmath
t_unit_fmath_LDADD = $(TAP_LIBS)
TESTS += t/unit/fmath

# num: the number layer against glibc's strtod, strtof and printf.
check_PROGRAMS += t/unit/num
t_unit_num_LDADD = $(TAP_LIBS)
TESTS += t/unit/num

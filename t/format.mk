## t/format.mk: tests of one area (see t/local.mk).

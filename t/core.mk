## t/core.mk: tests of one area (see t/local.mk).

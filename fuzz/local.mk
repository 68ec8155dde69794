## fuzz/local.mk: see the top Makefile.am.

## bench/local.mk: see the top Makefile.am.

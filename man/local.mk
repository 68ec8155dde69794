## man/local.mk: hand-written mdoc pages.

dist_man_MANS += \
	%D%/finf-inspect.1 \
	%D%/finf-predict.1 \
	%D%/finf-stats.1 \
	%D%/finf-train.1 \
	%D%/finf.5 \
	%D%/libferrum.3

# Lint every page with mandoc (t/900-man.t runs the same check).
lint-man:
	@for f in $(dist_man_MANS); do mandoc -Tlint -W warning $(srcdir)/$$f || exit 1; done

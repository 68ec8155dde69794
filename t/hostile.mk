## t/hostile.mk: hostile-input tests (t/1NN-hostile-*.t) and make check-valgrind.

EXTRA_DIST += %D%/hostile.sh

# make check-valgrind: the command-line tests (t/*.t) with every finf
# command run under valgrind (t/lib.sh's FINF_WRAPPER; libtool runs valgrind
# on the real binary, not on its wrapper script).  Valgrind writes to one
# log per process so that the tests still see the commands' own stderr; a
# log with an error or a definite/indirect leak fails the target even where
# the command's exit status alone (1 for errors) would not tell.
VALGRIND = valgrind
VALGRIND_FLAGS = --error-exitcode=1 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect \
	--show-leak-kinds=definite,indirect --num-callers=30
# Left out: tests that retrain whole datasets for their exact bytes (the
# same code paths the other tests run on small data, 20-50 times slower
# under valgrind) and the web tests (node and the browser, not the
# commands).  The sanitizer build runs them all.
VALGRIND_SKIP_TESTS = t/240-models-reproduce.t t/300-train-golden.t \
	t/950-web-wasm.t t/951-web-browser.t
check-valgrind: all
	@command -v $(VALGRIND) >/dev/null 2>&1 || { \
	  echo "check-valgrind: $(VALGRIND) not found (Debian: apt-get install valgrind)" >&2; \
	  exit 1; }
	@rm -rf valgrind-logs && $(MKDIR_P) valgrind-logs
	@tests=; for t in $(TESTS); do case " $(VALGRIND_SKIP_TESTS) " in *" $$t "*) continue;; esac; \
	  case $$t in *.t) tests="$$tests $$t";; esac; done; \
	FINF_WRAPPER='$(abs_top_builddir)/libtool --mode=execute $(VALGRIND) $(VALGRIND_FLAGS) --log-file=$(abs_top_builddir)/valgrind-logs/vg.%p.log'; \
	export FINF_WRAPPER; \
	$(MAKE) $(AM_MAKEFLAGS) check TESTS="$$tests"; st=$$?; \
	runs=`ls valgrind-logs | wc -l | tr -d ' '`; \
	bad=`grep -l -E 'ERROR SUMMARY: [1-9]' valgrind-logs/*.log 2>/dev/null`; \
	for f in $$bad; do echo "== $$f"; cat "$$f"; done | head -300; \
	nbad=`echo $$bad | wc -w | tr -d ' '`; \
	echo "check-valgrind: $$runs command runs under valgrind, $$nbad with errors or leaks (logs in valgrind-logs/)"; \
	test "$$runs" -gt 0 || { echo "check-valgrind: no command ran under valgrind" >&2; st=1; }; \
	test "$$nbad" -eq 0 && exit $$st; exit 1
.PHONY: check-valgrind

clean-local: clean-valgrind
clean-valgrind:
	-rm -rf valgrind-logs
.PHONY: clean-valgrind

## web/local.mk: `make web`, libferrum compiled with Emscripten into one wasm
## and its JavaScript glue, and the static demo site in web/site/ of the
## build tree: an index and one page per dataset of datasets/CATALOG, all
## generated from web/template.html by web/mksite.js.

WEB_DIST = \
	%D%/README \
	%D%/exports.c \
	%D%/exports.txt \
	%D%/ferrum.js \
	%D%/app.js \
	%D%/style.css \
	%D%/template.html \
	%D%/mksite.js \
	%D%/catalog.js \
	%D%/train-main.html \
	%D%/train-page.js \
	%D%/train.css \
	%D%/worker.js
EXTRA_DIST += $(WEB_DIST) %D%/models package.json package-lock.json
EXTRA_DIST += %D%/trainer.c %D%/trainer-exports.txt %D%/trainer-lib.js %D%/trainer.js

# Where the demo models come from; `make web WEB_MODELS=DIR` tries others.
WEB_MODELS = $(top_srcdir)/%D%/models
# What the pages say about each dataset (titles, display names, formats,
# presets): the catalog datasets/models.sh trains from.
WEB_CATALOG = $(top_srcdir)/datasets/CATALOG

# Debian's emcc runs its JavaScript tools with node modules from
# /usr/share/nodejs, which NodeSource's node does not search; mksite.js
# takes acorn from there too.
EMCC_ENV = NODE_PATH="/usr/share/nodejs$${NODE_PATH:+:$$NODE_PATH}"

# The library's own sources, compiled directly: every C file of lib/ but
# io.c, the one module that touches files.  No library file includes the
# host's config.h (it describes the host, not wasm32).
# -Oz with link-time optimisation is the smallest module (-Os: +8 KB); the
# numbers do not depend on it, wasm has no fused multiply-add to contract.
# The library parses and prints numbers itself (lib/num.c) and formats its
# messages with its own small fe_vsnprintf, so neither the wasm libc's
# strtod (128-bit long double arithmetic, 8 KB) nor its printf (8 KB) is
# linked, and no shim is needed.
# The glue accepts only wasmBinary from its caller: the page embeds the
# module and node reads it from disk, so neither ever fetches.
# Three post-MVP features every current browser and node have (bulk memory,
# saturating float-to-int, sign extension; Chrome 75, Firefox 79, Safari 15)
# spare the module memcpy/memset loops and the guards around each float to
# int conversion; two more rounds of binaryen passes, each after flattening
# and re-looping the control flow, find more to fold.  Together about 390
# bytes; none of them touches float arithmetic.
WEB_OPT_ROUND = --flatten,--rereloop,-Oz,-Oz
WEB_CC_OPTS = -std=c99 -Oz -flto -ffp-contract=off -DFE_FMATH_SMALL $(FERRUM_WARN_CFLAGS) \
	-mbulk-memory -mnontrapping-fptoint -msign-ext -I$(top_srcdir)/lib
WEB_LD_OPTS = -Oz -flto -sMODULARIZE=1 -sEXPORT_NAME=createFerrum \
	-sENVIRONMENT=web -sFILESYSTEM=0 -sMALLOC=emmalloc \
	-sALLOW_MEMORY_GROWTH=1 -sEXPORTED_RUNTIME_METHODS=[] \
	-sINCOMING_MODULE_JS_API=[wasmBinary,instantiateWasm] -sTEXTDECODER=2 \
	-sDYNAMIC_EXECUTION=0 -sSUPPORT_ERRNO=0 \
	-sBINARYEN_EXTRA_PASSES=$(WEB_OPT_ROUND),$(WEB_OPT_ROUND),-Oz

CLEANFILES += %D%/libferrum.js %D%/libferrum.wasm %D%/test-env.sh

# The trainer: the library with web/trainer.c, a separate module that only
# the page training a visitor's table loads.  It is built for speed, not
# size (-O3 and 128-bit SIMD: two to three times faster than without), for
# a page, a worker and node (the tests).  Asyncify lets the one import
# (ft_monitor, web/trainer-lib.js) suspend the module after an epoch so that
# the worker's event loop runs and a Stop message reaches it.  The memory
# may grow to 1 GB (web/trainer.js states the table limits).
# An engine compiles a function to optimised code only between its calls
# (no on-stack replacement), so training keeps what it does once per table
# in functions of their own (FE_OUTLINE in lib/, web/trainer.c), small
# enough to be compiled during the worker's warm-up; binaryen would inline
# every function with one caller back into one large function (ft_train
# was 31 KB of code with 126 loops): it inlines only those below 300 nodes.
WEB_TRAIN_ONE_CALLER = --one-caller-inline-max-function-size=300
WEB_TRAIN_CC_OPTS = -std=c99 -O3 -flto -ffp-contract=off -msimd128 $(FERRUM_WARN_CFLAGS) \
	-mbulk-memory -mnontrapping-fptoint -msign-ext -I$(top_srcdir)/lib
WEB_TRAIN_LD_OPTS = -O3 -flto -msimd128 -sMODULARIZE=1 -sEXPORT_NAME=createFerrumTrainer \
	-sENVIRONMENT=web,worker,node -sFILESYSTEM=0 -sALLOW_MEMORY_GROWTH=1 \
	-sMAXIMUM_MEMORY=1073741824 -sEXPORTED_RUNTIME_METHODS=[ccall] \
	-sINCOMING_MODULE_JS_API=[wasmBinary,instantiateWasm] -sTEXTDECODER=2 \
	-sDYNAMIC_EXECUTION=0 -sSUPPORT_ERRNO=0 \
	-sASYNCIFY=1 -sASYNCIFY_IMPORTS=[ft_monitor] -sASYNCIFY_STACK_SIZE=65536 \
	-sBINARYEN_EXTRA_PASSES=$(WEB_TRAIN_ONE_CALLER) \
	--js-library=$(top_srcdir)/%D%/trainer-lib.js
CLEANFILES += %D%/libferrum-train.js %D%/libferrum-train.wasm
clean-local: clean-local-web
clean-local-web:
	-rm -rf %D%/site

.PHONY: web clean-local-web
FORCE:

if ENABLE_WEB
# The .js depends on Makefile so that a change of flags rebuilds it, and
# on the public header, which the sources list does not hold.
%D%/libferrum.js: $(lib_libferrum_core_la_SOURCES) lib/ferrum.h %D%/exports.c %D%/exports.txt \
		Makefile
	@$(MKDIR_P) %D%
	$(AM_V_GEN)srcs=; \
	for f in $(lib_libferrum_core_la_SOURCES); do \
	  case $$f in *.h|*/io.c) ;; *) srcs="$$srcs $(top_srcdir)/$$f";; esac; \
	done; \
	exports=`$(SED) -e '/^#/d' -e '/^ *$$/d' -e 's/^/_/' $(top_srcdir)/%D%/exports.txt | tr '\n' ',' | $(SED) 's/,$$//'`; \
	$(EMCC_ENV) $(EMCC) $(WEB_CC_OPTS) $$srcs $(top_srcdir)/%D%/exports.c \
	  $(WEB_LD_OPTS) -sEXPORTED_FUNCTIONS=$$exports -o $@
%D%/libferrum.wasm: %D%/libferrum.js

%D%/libferrum-train.js: $(lib_libferrum_core_la_SOURCES) lib/ferrum.h %D%/trainer.c \
		%D%/trainer-exports.txt %D%/trainer-lib.js Makefile
	@$(MKDIR_P) %D%
	$(AM_V_GEN)srcs=; \
	for f in $(lib_libferrum_core_la_SOURCES); do \
	  case $$f in *.h|*/io.c) ;; *) srcs="$$srcs $(top_srcdir)/$$f";; esac; \
	done; \
	exports=`$(SED) -e '/^#/d' -e '/^ *$$/d' -e 's/^/_/' $(top_srcdir)/%D%/trainer-exports.txt | tr '\n' ',' | $(SED) 's/,$$//'`; \
	$(EMCC_ENV) $(EMCC) $(WEB_TRAIN_CC_OPTS) $$srcs $(top_srcdir)/%D%/trainer.c \
	  $(WEB_TRAIN_LD_OPTS) -sEXPORTED_FUNCTIONS=$$exports -o $@
%D%/libferrum-train.wasm: %D%/libferrum-train.js
web: %D%/libferrum-train.js

# The pages are cheap to write and the catalog is data, so the site is
# regenerated on every `make web'.
web: %D%/site/.stamp
	@echo "web: open $(abs_top_builddir)/%D%/site/index.html or serve $(abs_top_builddir)/%D%/site"
# The "Your data" page (train.html) carries the trainer module.
%D%/site/.stamp: %D%/libferrum.js %D%/libferrum-train.js FORCE
	$(AM_V_GEN)$(EMCC_ENV) $(NODE) $(top_srcdir)/%D%/mksite.js --srcdir=$(top_srcdir)/%D% \
	  --catalog=$(WEB_CATALOG) --models=$(WEB_MODELS) --glue=%D%/libferrum.js \
	  --wasm=%D%/libferrum.wasm --trainglue=%D%/libferrum-train.js \
	  --trainwasm=%D%/libferrum-train.wasm --out=%D%/site && touch $@

# What the tests of t/web.mk need to know from configure.
%D%/test-env.sh: Makefile
	@$(MKDIR_P) %D%
	$(AM_V_GEN)printf "NODE='%s'\nCHROMIUM='%s'\n" '$(NODE)' '$(CHROMIUM)' > $@
else
web:
	@echo "make web needs Emscripten (emcc) and node:" >&2; \
	echo "  apt-get install --no-install-recommends emscripten nodejs" >&2; \
	echo "then run ./configure again (--enable-web makes them required)." >&2; \
	exit 1
endif

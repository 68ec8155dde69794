## t/web.mk: tests of the web demo (see t/local.mk and web/local.mk).
## 950 checks the WebAssembly module in node against the golden outputs and
## the native tools; 951 drives the built site in headless Chromium, 953
## its "Your data" page.  They skip, saying why, without emcc/node,
## chromium or node_modules.

EXTRA_DIST += %D%/web/tap.js %D%/web/wasm.js %D%/web/browser.js %D%/web/serve.js \
	%D%/web/site.js %D%/web/contract.js %D%/web/axe.js
# 952 trains with the trainer module in node against finf-train.
EXTRA_DIST += %D%/web/trainer.js

if ENABLE_WEB
# Build what the tests load before they run.
%D%/950-web-wasm.log: web/libferrum.js web/test-env.sh
%D%/951-web-browser.log: web/site/.stamp web/test-env.sh $(bin_PROGRAMS)
%D%/952-web-trainer.log: web/libferrum-train.js web/test-env.sh $(bin_PROGRAMS)
endif

# The "Your data" page: models trained in the page against finf-train's.
TESTS += %D%/953-web-train.t
EXTRA_DIST += %D%/953-web-train.t %D%/web/train.js
if ENABLE_WEB
%D%/953-web-train.log: web/site/.stamp web/test-env.sh $(bin_PROGRAMS)
endif

# Encoded and deeper models in demo pages built from them and in "Open model".
TESTS += %D%/954-web-encoded.t
EXTRA_DIST += %D%/954-web-encoded.t %D%/web/encoded.js
if ENABLE_WEB
%D%/954-web-encoded.log: web/libferrum.js web/libferrum-train.js web/test-env.sh $(bin_PROGRAMS)
endif

# `make web-shots`: screenshots of a classification page with categorical
# inputs and a regression page, at desktop and phone size, light and dark,
# first screen and whole page, into web/shots/ (t/web/shots.js).
WEB_SHOTS = titanic housing
EXTRA_DIST += %D%/web/shots.js
if ENABLE_WEB
web-shots: web/site/.stamp
	$(AM_V_GEN)top_srcdir='$(top_srcdir)' CHROMIUM='$(CHROMIUM)' $(NODE) \
	  $(top_srcdir)/%D%/web/shots.js web/site web/shots $(WEB_SHOTS)
else
web-shots:
	@echo "make web-shots needs the web demo: ./configure --enable-web" >&2; \
	exit 1
endif
clean-local: clean-local-shots
clean-local-shots:
	-rm -rf web/shots
.PHONY: web-shots clean-local-shots

## t/web.mk: tests of the web demo (see t/local.mk and web/local.mk).
## 950 checks the WebAssembly module in node against the golden outputs and
## the native tools; 951 drives the built site in headless Chromium.  Both
## skip, saying why, without emcc/node, chromium or node_modules.

EXTRA_DIST += %D%/web/tap.js %D%/web/wasm.js %D%/web/browser.js %D%/web/serve.js

if ENABLE_WEB
# Build what the tests load before they run.
%D%/950-web-wasm.log: web/libferrum.js web/test-env.sh
%D%/951-web-browser.log: web/site/.stamp web/test-env.sh $(bin_PROGRAMS)
endif

# ferrum-web.m4: Emscripten, node and chromium for the web demo.  -*- Autoconf -*-

# FERRUM_WEB: find emcc, node (with the module terser) and chromium.  --enable-web makes their
# absence an error; without the option a missing tool only disables
# `make web' (emcc, node) or skips the browser test (chromium).
AC_DEFUN([FERRUM_WEB], [
  AC_ARG_ENABLE([web],
    [AS_HELP_STRING([--enable-web], [require Emscripten, node and chromium for `make web' and its tests])],
    [], [enable_web=auto])
  AC_CHECK_PROGS([EMCC], [emcc])
  AC_CHECK_PROGS([NODE], [node nodejs])
  AC_PATH_PROGS([CHROMIUM], [chromium chromium-browser])
  ferrum_web=no
  AS_IF([test -n "$EMCC" && test -n "$NODE"], [ferrum_web=yes])
  # The site's scripts are minified with terser (web/mksite.js): without
  # it the ten-dataset site is ~8 KB over its budget.  Debian's node-terser
  # lives in /usr/share/nodejs, where emcc's node modules are too.
  AS_IF([test "x$ferrum_web" = xyes], [
    AC_MSG_CHECKING([for the node module terser])
    AS_IF([NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}" $NODE -e "require('terser')" >/dev/null 2>&1],
          [AC_MSG_RESULT([yes])],
          [AC_MSG_RESULT([no])
           ferrum_web=no
           AS_IF([test "x$enable_web" = xyes],
                 [AC_MSG_ERROR([--enable-web needs the node module terser to minify the site: apt-get install --no-install-recommends node-terser])])])])
  AS_IF([test "x$enable_web" = xyes && test "x$ferrum_web" = xno],
        [AC_MSG_ERROR([--enable-web needs emcc and node: apt-get install emscripten nodejs])])
  # The browser test is part of what --enable-web promises (CI uses it), so
  # it must not skip silently for want of a browser.
  AS_IF([test "x$enable_web" = xyes && test -z "$CHROMIUM"],
        [AC_MSG_ERROR([--enable-web needs chromium for its browser test: apt-get install --no-install-recommends chromium])])
  AS_IF([test "x$enable_web" = xno], [ferrum_web=no])
  AM_CONDITIONAL([ENABLE_WEB], [test "x$ferrum_web" = xyes])
])

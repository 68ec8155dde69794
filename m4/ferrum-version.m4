# ferrum-version.m4: the release version is stated once.  -*- Autoconf -*-

# FERRUM_CHECK_VERSION: AC_INIT's version is the project's one version.
# lib/ferrum.h (FERRUM_VERSION_MAJOR, _MINOR, _PATCH, _STRING: the installed
# header must state it for the preprocessor), package.json and
# package-lock.json (npm metadata of the browser tests) repeat it; configure
# stops when one of them says something else, naming the file to fix.
# t/903-version.t checks the same of the built library and commands.
AC_DEFUN([FERRUM_CHECK_VERSION], [
  AC_MSG_CHECKING([that lib/ferrum.h and package.json say $PACKAGE_VERSION])
  ferrum_h="$srcdir/lib/ferrum.h"
  ferrum_v=
  for ferrum_part in MAJOR MINOR PATCH; do
    ferrum_n=`$SED -n "s/^@%:@define FERRUM_VERSION_$ferrum_part  *\([[0-9]]*\)\$/\1/p" "$ferrum_h"`
    ferrum_v="$ferrum_v${ferrum_v:+.}$ferrum_n"
  done
  ferrum_s=`$SED -n 's/^@%:@define FERRUM_VERSION_STRING  *"\(.*\)"$/\1/p' "$ferrum_h"`
  # The top-level "version" of package.json, and both of package-lock.json
  # (the lock file's own and its root package's).
  ferrum_j=`$SED -n 's/^  "version": "\(.*\)",$/\1/p' "$srcdir/package.json"`
  ferrum_l=`$SED -n -e 's/^  "version": "\(.*\)",$/\1/p' \
    -e '/^    "": {$/,/^    }/s/^      "version": "\(.*\)",$/\1/p' "$srcdir/package-lock.json" | tr '\n' ' '`
  ferrum_bad=
  AS_IF([test "x$ferrum_v" != "x$PACKAGE_VERSION"],
        [ferrum_bad="lib/ferrum.h FERRUM_VERSION_MAJOR.MINOR.PATCH is '$ferrum_v'"],
        [test "x$ferrum_s" != "x$PACKAGE_VERSION"],
        [ferrum_bad="lib/ferrum.h FERRUM_VERSION_STRING is '$ferrum_s'"],
        [test "x$ferrum_j" != "x$PACKAGE_VERSION"],
        [ferrum_bad="package.json \"version\" is '$ferrum_j'"],
        [test "x$ferrum_l" != "x$PACKAGE_VERSION $PACKAGE_VERSION "],
        [ferrum_bad="package-lock.json \"version\" is '$ferrum_l'"])
  AS_IF([test -n "$ferrum_bad"], [
    AC_MSG_RESULT([no])
    AC_MSG_ERROR([the version is $PACKAGE_VERSION (configure.ac) but $ferrum_bad: make them agree])])
  AC_MSG_RESULT([yes])
])

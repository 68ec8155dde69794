# ferrum-cflags.m4: compiler flag probes, warnings and sanitizers.  -*- Autoconf -*-

# FERRUM_CHECK_CFLAG(FLAG, [ACTION-IF-OK], [ACTION-IF-NOT])
# Try to compile an empty program with FLAG added, errors on warnings.
AC_DEFUN([FERRUM_CHECK_CFLAG], [
  AS_VAR_PUSHDEF([ferrum_cv], [ferrum_cv_cflag_$1])
  AC_CACHE_CHECK([whether $CC accepts $1], [ferrum_cv], [
    ferrum_save_CFLAGS=$CFLAGS
    CFLAGS="$CFLAGS -Werror $1"
    AC_LINK_IFELSE([AC_LANG_PROGRAM([], [])],
                   [AS_VAR_SET([ferrum_cv], [yes])],
                   [AS_VAR_SET([ferrum_cv], [no])])
    CFLAGS=$ferrum_save_CFLAGS])
  AS_VAR_IF([ferrum_cv], [yes], [$2], [$3])
  AS_VAR_POPDEF([ferrum_cv])
])

# FERRUM_WARNINGS: FERRUM_WARN_CFLAGS, with -Werror under --enable-werror,
# and FERRUM_LIB_CFLAGS, the library's language standard.
AC_DEFUN([FERRUM_WARNINGS], [
  AC_ARG_ENABLE([werror],
    [AS_HELP_STRING([--enable-werror], [treat compiler warnings as errors (CI does)])],
    [], [enable_werror=no])
  FERRUM_WARN_CFLAGS=
  for ferrum_flag in -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
                     -Wpointer-arith -Wformat=2 -Wvla -Wundef; do
    FERRUM_CHECK_CFLAG([$ferrum_flag],
      [FERRUM_WARN_CFLAGS="$FERRUM_WARN_CFLAGS $ferrum_flag"])
  done
  AS_IF([test "x$enable_werror" = xyes],
        [FERRUM_WARN_CFLAGS="$FERRUM_WARN_CFLAGS -Werror"])
  AC_SUBST([FERRUM_WARN_CFLAGS])
  # The library is plain ISO C99 (it is compiled to WebAssembly too): build
  # it as such, so that an extension or a POSIX call without its feature
  # macro is a warning (an error under --enable-werror) on every build.
  FERRUM_LIB_CFLAGS=
  for ferrum_flag in -std=c99 -pedantic; do
    FERRUM_CHECK_CFLAG([$ferrum_flag],
      [FERRUM_LIB_CFLAGS="$FERRUM_LIB_CFLAGS $ferrum_flag"])
  done
  AC_SUBST([FERRUM_LIB_CFLAGS])
])

# FERRUM_SANITIZERS: --enable-sanitizers builds everything with ASan and UBSan,
# stopping at the first report so that make check fails on it.
AC_DEFUN([FERRUM_SANITIZERS], [
  AC_ARG_ENABLE([sanitizers],
    [AS_HELP_STRING([--enable-sanitizers], [build with AddressSanitizer and UndefinedBehaviorSanitizer])],
    [], [enable_sanitizers=no])
  FERRUM_SAN_CFLAGS=
  AS_IF([test "x$enable_sanitizers" = xyes], [
    ferrum_san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    FERRUM_CHECK_CFLAG([$ferrum_san], [FERRUM_SAN_CFLAGS=$ferrum_san],
      [AC_MSG_ERROR([--enable-sanitizers: $CC does not accept $ferrum_san])])
  ])
  AC_SUBST([FERRUM_SAN_CFLAGS])
])

# FERRUM_FUZZING: --enable-fuzzing builds the libFuzzer harnesses in fuzz/.
# The whole tree is then compiled with coverage instrumentation, ASan and
# UBSan (-fsanitize=fuzzer-no-link,...: FERRUM_SAN_CFLAGS, so the library the
# harnesses drive is instrumented and the commands and make check run under
# the sanitizers too); only the harnesses link libFuzzer's main
# (FERRUM_FUZZ_CFLAGS).  The probe defines LLVMFuzzerTestOneInput and no
# main(), as libFuzzer brings its own.
AC_DEFUN([FERRUM_FUZZING], [
  AC_ARG_ENABLE([fuzzing],
    [AS_HELP_STRING([--enable-fuzzing], [build the libFuzzer harnesses (needs CC=clang and libclang-rt-14-dev)])],
    [], [enable_fuzzing=no])
  FERRUM_FUZZ_CFLAGS=
  AS_IF([test "x$enable_fuzzing" = xyes], [
    ferrum_fuzz_inst="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
    AC_CACHE_CHECK([whether $CC can build libFuzzer harnesses], [ferrum_cv_fuzzing], [
      ferrum_save_CFLAGS=$CFLAGS
      CFLAGS="$CFLAGS -Werror $ferrum_fuzz_inst -fsanitize=fuzzer"
      AC_LINK_IFELSE([AC_LANG_SOURCE([[
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{ return data != NULL && size > 0 ? 0 : 0; }
]])], [ferrum_cv_fuzzing=yes], [ferrum_cv_fuzzing=no])
      CFLAGS=$ferrum_save_CFLAGS])
    AS_IF([test "x$ferrum_cv_fuzzing" != xyes],
      [AC_MSG_ERROR([--enable-fuzzing: $CC cannot link -fsanitize=fuzzer,address,undefined; use CC=clang and install clang and libclang-rt-14-dev])])
    FERRUM_SAN_CFLAGS=$ferrum_fuzz_inst
    enable_sanitizers=yes
    FERRUM_FUZZ_CFLAGS=-fsanitize=fuzzer
  ])
  AC_SUBST([FERRUM_FUZZ_CFLAGS])
  AM_CONDITIONAL([ENABLE_FUZZING], [test "x$enable_fuzzing" = xyes])
])

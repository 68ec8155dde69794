/* tap.h: a small Test Anything Protocol producer for the C unit tests.
 * SPDX-License-Identifier: MIT */
#ifndef FERRUM_TAP_H
#define FERRUM_TAP_H

#include <stddef.h>

#if defined(__GNUC__)
#define TAP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define TAP_NORETURN __attribute__((noreturn))
#else
#define TAP_PRINTF(f, a)
#define TAP_NORETURN
#endif

/* Announce @n tests ("1..n").  plan_lazy() defers the plan to
 * done_testing(), for tests whose count depends on the data. */
void plan(int n);
void plan_lazy(void);
/* Print the lazy plan and return the exit status (0 if all passed). */
int done_testing(void);
/* "1..0 # SKIP reason" and exit 0. */
void skip_all(const char *fmt, ...) TAP_PRINTF(1, 2) TAP_NORETURN;
/* "Bail out! reason" and exit 255. */
void bail(const char *fmt, ...) TAP_PRINTF(1, 2) TAP_NORETURN;
/* "# message" on stdout. */
void diag(const char *fmt, ...) TAP_PRINTF(1, 2);
/* Record @n tests as skipped. */
void skip(int n, const char *fmt, ...) TAP_PRINTF(2, 3);

/* Each returns the outcome (1 pass, 0 fail) and prints the got/want
 * detail as diagnostics on failure. */
int ok(int cond, const char *fmt, ...) TAP_PRINTF(2, 3);
int is_int(long long got, long long want, const char *fmt, ...) TAP_PRINTF(3, 4);
/* |got - want| <= eps (eps 0: exact, and NaN equals NaN). */
int is_double(double got, double want, double eps, const char *fmt, ...) TAP_PRINTF(4, 5);
int is_string(const char *got, const char *want, const char *fmt, ...) TAP_PRINTF(3, 4);
int is_blob(const void *got, size_t got_len, const void *want, size_t want_len,
            const char *fmt, ...) TAP_PRINTF(5, 6);

/* Test data helpers: the directory in $FERRUM_TESTDATA (NULL if unset or
 * empty) and a whole file read into memory (exits through bail on error). */
const char *tap_env_dir(const char *var);
char *tap_slurp(const char *path, size_t *len);

#endif /* FERRUM_TAP_H */

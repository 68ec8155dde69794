/* cli.h: helpers shared by the four finf commands (not installed).
 * SPDX-License-Identifier: MIT */
#ifndef FINF_CLI_H
#define FINF_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "ferrum.h"

/* Exit statuses, the same for every command (documented in each man page). */
#define FINF_EXIT_OK 0
#define FINF_EXIT_FAIL 1  /* bad data, bad model, I/O failure */
#define FINF_EXIT_USAGE 2 /* a usage error */

/* Per-class lines and tables in a text report stop at this many classes:
 * more would not fit a terminal (JSON output keeps them all). */
#define FINF_TEXT_MAX_CLASSES 20

#if defined(__GNUC__)
#define FINF_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define FINF_NORETURN __attribute__((noreturn))
#else
#define FINF_PRINTF(f, a)
#define FINF_NORETURN
#endif

/* The program's name for diagnostics, set by finf_init() from argv[0]
 * without its directory (libtool's lt- prefix removed). */
extern const char *finf_progname;

/* Set the program name and make stdout checkable at exit. */
void finf_init(const char *argv0);

/* "prog: message" on stderr. */
void finf_error(const char *fmt, ...) FINF_PRINTF(1, 2);
/* "prog: warning: message" on stderr. */
void finf_warn(const char *fmt, ...) FINF_PRINTF(1, 2);
/* A usage error: the message, then "Try 'prog --help' ...", exit 2. */
void finf_usage(const char *fmt, ...) FINF_PRINTF(1, 2) FINF_NORETURN;
/* getopt_long(3) for every command: the same as getopt_long with a
 * leading ':' on @shortopts, except that an unknown or ambiguous option, a
 * missing argument or an argument given to an option that takes none is a
 * usage error (exit 2) worded once for all the commands, as GNU getopt
 * words it: "unrecognized option '--bogus'", "invalid option -- 'x'". */
struct option;
int finf_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);
/* Print "prog (ferrum) VERSION" and the licence lines to stdout, exit 0. */
void finf_version(void) FINF_NORETURN;

/* Report a library error about @name (a file name, or "<stdin>"):
 * "prog: name:LINE: msg", "prog: name: offset N: msg" or "prog: name: msg". */
void finf_report(const char *name, const ferrum_error *err);

/* The display name of an operand: "<stdin>" for NULL or "-". */
const char *finf_display_name(const char *path);

/* Open @path for reading ("-" or NULL is stdin).  On failure print
 * "prog: path: strerror" ("prog: path: is a directory" for a directory,
 * the library's wording) and return NULL. */
FILE *finf_open_read(const char *path);

/* The input of a ferrum_read_fn: a file descriptor, and whether to flush
 * stdout before each read (so that all output for the input read so far
 * is out before the program may wait for more).  Input that starts with
 * the gzip magic is inflated (zlib; every member of a multi-member file);
 * other input is handed on as read(2) returns it. */
typedef struct finf_source {
	int fd;
	int flush;
	const char *name;  /* for messages: a file name or "<stdin>" */
	int mode;          /* 0 undecided, 1 plain, 2 gzip */
	void *gz;          /* the inflate state, in gzip mode */
} finf_source;
/* Set up @src to read @fd (@name for messages, see finf_display_name). */
void finf_source_init(finf_source *src, int fd, int flush, const char *name);
/* Free what @src holds (not the descriptor). */
void finf_source_close(finf_source *src);
/* A ferrum_read_fn reading @ctx, a finf_source.  A corrupt or truncated
 * gzip stream prints "prog: NAME: ..." and exits with FINF_EXIT_FAIL. */
long finf_read(void *ctx, char *buf, size_t cap);

/* The delimiter named by a -d/--delimiter argument: ',' ';' '|', '\t' or
 * "tab", ' ' or "space" (FERRUM_CSV_SPACES), "auto" (FERRUM_CSV_AUTO);
 * any other is a usage error. */
int finf_delimiter(const char *arg);

/* The row format named by an --input argument (auto, csv or jsonl); any
 * other name is a usage error. */
int finf_rows_format(const char *arg);

/* The operands MODEL [ROWS] from argv[@first..argc); ROWS is NULL when
 * absent.  A missing MODEL, an extra operand, or MODEL and ROWS both
 * standard input are usage errors. */
void finf_model_rows_operands(int argc, char **argv, int first, const char **model,
                              const char **rows);

/* Parse a whole decimal number in [min, max]; 0 on success, -1 otherwise. */
int finf_parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out);
/* Parse a whole finite double; 0 on success, -1 otherwise. */
int finf_parse_double(const char *s, double *out);

/* Flush and close stdout; on failure print "prog: write error: ..." and
 * return FINF_EXIT_FAIL, else return @status unchanged. */
int finf_finish(int status);

/* 1 if colour may be used on @fp: a terminal and NO_COLOR unset or empty. */
int finf_use_color(FILE *fp);

#endif /* FINF_CLI_H */

/* cli.c: program name, diagnostics, operands and exit handling for the finf commands.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef HAVE_ZLIB
#include <zlib.h>
#endif

/* The one wording of a directory where a file was expected, the same as
 * the library's (lib/io.c) for model files and output files. */
#define FINF_IS_A_DIRECTORY "is a directory"

const char *finf_progname = "finf";

void
finf_init(const char *argv0)
{
	const char *slash;

	if (argv0 != NULL && *argv0 != '\0') {
		slash = strrchr(argv0, '/');
		finf_progname = slash != NULL ? slash + 1 : argv0;
		/* libtool's uninstalled wrappers run "lt-finf-train". */
		if (strncmp(finf_progname, "lt-", 3) == 0)
			finf_progname += 3;
	}
}

static void vmessage(const char *prefix, const char *fmt, va_list ap) FINF_PRINTF(2, 0);

static void
vmessage(const char *prefix, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s", finf_progname, prefix);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
finf_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
}

void
finf_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("warning: ", fmt, ap);
	va_end(ap);
}

void
finf_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage("", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", finf_progname);
	exit(FINF_EXIT_USAGE);
}

/* The length of a long option's name in @arg ("--name" or "--name=value"). */
static size_t
long_name_len(const char *arg)
{
	return strcspn(arg + 2, "=");
}

int
finf_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	static char spec[64];
	const struct option *o;
	const char *arg;
	size_t n;
	int c, matches = 0;

	if (spec[0] != ':' || strcmp(spec + 1, shortopts) != 0)
		snprintf(spec, sizeof spec, ":%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, spec, longopts, NULL);
	if (c != '?' && c != ':')
		return c;
	/* A long option's error always leaves optind past its element; a
	 * missing argument is always at the end of argv. */
	arg = argv[optind - 1];
	if (c == ':') {
		if (strncmp(arg, "--", 2) != 0)
			finf_usage("option requires an argument -- '%c'", optopt);
		/* The full name, as getopt says it, for an abbreviation too. */
		n = long_name_len(arg);
		for (o = longopts; o->name != NULL; o++)
			if (o->val == optopt && strncmp(o->name, arg + 2, n) == 0)
				finf_usage("option '--%s' requires an argument", o->name);
		finf_usage("option '%s' requires an argument", arg);
	}
	if (optopt != 0 && strncmp(arg, "--", 2) == 0 && strchr(arg, '=') != NULL) {
		n = long_name_len(arg);
		for (o = longopts; o->name != NULL; o++)
			if (o->val == optopt && o->has_arg == no_argument &&
			    strncmp(o->name, arg + 2, n) == 0)
				finf_usage("option '--%s' doesn't allow an argument", o->name);
	}
	if (optopt != 0)
		finf_usage("invalid option -- '%c'", optopt);
	n = long_name_len(arg);
	for (o = longopts; o->name != NULL; o++)
		if (strncmp(o->name, arg + 2, n) == 0)
			matches++;
	if (matches > 1)
		finf_usage("option '%.*s' is ambiguous", (int)n + 2, arg);
	finf_usage("unrecognized option '%s'", arg);
}

void
finf_version(void)
{
	printf("%s (ferrum) %s\n", finf_progname, PACKAGE_VERSION);
	printf("libferrum %s, FINF format version %d\n", ferrum_version(), FERRUM_FINF_VERSION);
	printf("Copyright (C) 2026 the ferrum authors.\n"
	       "License MIT: <https://opensource.org/licenses/MIT>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law.\n");
	exit(finf_finish(FINF_EXIT_OK));
}

const char *
finf_display_name(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int
finf_delimiter(const char *arg)
{
	static const struct {
		const char *name;
		int delim;
	} d[] = {
		{ ",", ',' },      { ";", ';' },     { "|", '|' },
		{ "\t", '\t' },    { "tab", '\t' },  { "\\t", '\t' },
		{ " ", FERRUM_CSV_SPACES }, { "space", FERRUM_CSV_SPACES },
		{ "auto", FERRUM_CSV_AUTO },
	};
	size_t i;

	for (i = 0; i < sizeof d / sizeof d[0]; i++)
		if (strcmp(arg, d[i].name) == 0)
			return d[i].delim;
	finf_usage("invalid --delimiter '%s' (',', ';', '|', tab, space or auto)", arg);
}

int
finf_rows_format(const char *arg)
{
	if (strcmp(arg, "auto") == 0)
		return FERRUM_ROWS_AUTO;
	if (strcmp(arg, "csv") == 0)
		return FERRUM_ROWS_CSV;
	if (strcmp(arg, "jsonl") == 0)
		return FERRUM_ROWS_JSONL;
	finf_usage("invalid --input '%s' (auto, csv or jsonl)", arg);
}

void
finf_model_rows_operands(int argc, char **argv, int first, const char **model,
                         const char **rows)
{
	if (first >= argc)
		finf_usage("missing MODEL operand");
	*model = argv[first++];
	*rows = first < argc ? argv[first++] : NULL;
	if (first < argc)
		finf_usage("extra operand '%s'", argv[first]);
	if (strcmp(*model, "-") == 0 && (*rows == NULL || strcmp(*rows, "-") == 0))
		finf_usage("MODEL and ROWS cannot both be standard input");
}

void
finf_report(const char *name, const ferrum_error *err)
{
	const char *msg = err->message[0] != '\0' ? err->message : ferrum_strerror(err->code);

	if (err->line >= 0)
		finf_error("%s:%lld: %s", name, err->line, msg);
	else if (err->offset >= 0)
		finf_error("%s: offset %lld: %s", name, err->offset, msg);
	else
		finf_error("%s: %s", name, msg);
}

FILE *
finf_open_read(const char *path)
{
	struct stat st;
	FILE *fp;

	if (path == NULL || strcmp(path, "-") == 0) {
		fp = stdin;
	} else if ((fp = fopen(path, "rb")) == NULL) {
		finf_error("%s: %s", path, strerror(errno));
		return NULL;
	}
	/* fopen() opens a directory for reading; only read() then fails. */
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		finf_error("%s: %s", finf_display_name(path), FINF_IS_A_DIRECTORY);
		if (fp != stdin)
			fclose(fp);
		return NULL;
	}
	return fp;
}

void
finf_source_init(finf_source *src, int fd, int flush, const char *name)
{
	memset(src, 0, sizeof *src);
	src->fd = fd;
	src->flush = flush;
	src->name = name != NULL ? name : "<stdin>";
}

/* read(2) of at most 1 GiB, after flushing stdout when asked. */
static long
raw_read(finf_source *src, void *buf, size_t cap)
{
	if (src->flush)
		fflush(stdout);
	if (cap > (size_t)1 << 30)
		cap = (size_t)1 << 30;
	return (long)read(src->fd, buf, cap);
}

/* A bad gzip stream: one line, exit 1. */
static void gz_fail(const finf_source *src, const char *what) FINF_NORETURN;

static void
gz_fail(const finf_source *src, const char *what)
{
	finf_error("%s: %s", src->name, what);
	exit(finf_finish(FINF_EXIT_FAIL));
}

#ifdef HAVE_ZLIB
#define GZ_CHUNK 65536

typedef struct gz_state {
	z_stream z;
	unsigned char in[GZ_CHUNK];
	int eof;           /* read(2) returned 0 */
	int member;        /* inside a member (its header seen or started) */
} gz_state;

/* Start inflating; the @n bytes at @head were read already. */
static void
gz_start(finf_source *src, const char *head, size_t n)
{
	gz_state *g = calloc(1, sizeof *g);

	if (g == NULL)
		gz_fail(src, "out of memory");
	memcpy(g->in, head, n);
	g->z.next_in = g->in;
	g->z.avail_in = (uInt)n;
	if (inflateInit2(&g->z, 15 + 16) != Z_OK) /* gzip wrapper only */
		gz_fail(src, "out of memory");
	src->gz = g;
	src->mode = 2;
}

/* Inflated bytes into @buf: as soon as inflate gives any. */
static long
gz_read(finf_source *src, char *buf, size_t cap)
{
	gz_state *g = src->gz;
	char msg[160];

	if (cap > (size_t)1 << 30)
		cap = (size_t)1 << 30;
	for (;;) {
		int ret;
		size_t got;

		if (g->z.avail_in == 0 && !g->eof) {
			long n = raw_read(src, g->in, sizeof g->in);

			if (n < 0)
				return -1;
			if (n == 0)
				g->eof = 1;
			g->z.next_in = g->in;
			g->z.avail_in = (uInt)n;
		}
		if (g->z.avail_in == 0 && g->eof) {
			if (g->member)
				gz_fail(src, "truncated gzip data");
			return 0;
		}
		g->member = 1;
		g->z.next_out = (unsigned char *)buf;
		g->z.avail_out = (uInt)cap;
		ret = inflate(&g->z, Z_NO_FLUSH);
		got = cap - g->z.avail_out;
		if (ret == Z_STREAM_END) {
			/* another member may follow */
			g->member = 0;
			if (inflateReset(&g->z) != Z_OK)
				gz_fail(src, "corrupt gzip data");
		} else if (ret != Z_OK && ret != Z_BUF_ERROR) {
			snprintf(msg, sizeof msg, "corrupt gzip data: %s",
			         g->z.msg != NULL ? g->z.msg : ret == Z_MEM_ERROR ? "out of memory"
			                                                           : "inflate failed");
			gz_fail(src, msg);
		}
		if (got > 0)
			return (long)got;
	}
}
#endif

void
finf_source_close(finf_source *src)
{
#ifdef HAVE_ZLIB
	if (src->gz != NULL) {
		inflateEnd(&((gz_state *)src->gz)->z);
		free(src->gz);
	}
#endif
	src->gz = NULL;
}

long
finf_read(void *ctx, char *buf, size_t cap)
{
	finf_source *src = ctx;
	long n, m;

	if (src->mode == 1)
		return raw_read(src, buf, cap);
#ifdef HAVE_ZLIB
	if (src->mode == 2)
		return gz_read(src, buf, cap);
#endif
	/* Undecided: the first bytes say.  Only a first byte 0x1f (never
	 * text) makes us read a second one before answering. */
	n = raw_read(src, buf, cap);
	if (n <= 0 || (unsigned char)buf[0] != 0x1f)
		goto plain;
	while (n == 1 && cap > 1) {
		m = raw_read(src, buf + 1, cap - 1);
		if (m < 0 && errno == EINTR)
			continue;
		if (m < 0)
			return -1;
		if (m == 0)
			break;
		n += m;
	}
	if (n < 2 || (unsigned char)buf[1] != 0x8b)
		goto plain;
#ifdef HAVE_ZLIB
	gz_start(src, buf, (size_t)n);
	return gz_read(src, buf, cap);
#else
	gz_fail(src, "gzip input, but this program was built without zlib");
#endif
plain:
	if (n >= 0)
		src->mode = 1;
	return n;
}

int
finf_parse_ulong(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
finf_parse_double(const char *s, double *out)
{
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int
finf_finish(int status)
{
	int bad = fflush(stdout) != 0 || ferror(stdout);

	if (fclose(stdout) != 0)
		bad = 1;
	if (bad) {
		/* errno is the one of the failed write or close. */
		finf_error("write error: %s", strerror(errno));
		return FINF_EXIT_FAIL;
	}
	return status;
}

int
finf_use_color(FILE *fp)
{
	const char *nc = getenv("NO_COLOR");

	if (nc != NULL && *nc != '\0')
		return 0;
	return isatty(fileno(fp));
}

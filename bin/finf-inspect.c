/* finf-inspect.c: show what is inside FINF model files, or check them.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "cli.h"

#include <getopt.h>
#include <stdlib.h>

static int opt_json;  /* one JSON object per file */
static int opt_check; /* validate only */

static void
help(void)
{
	printf("Usage: %s [OPTION]... [MODEL]...\n", finf_progname);
	printf("Show the format version, metadata, column schema, normaliser and layers of\n"
	       "FINF model files (none or \"-\" reads standard input), as text or JSON Lines\n"
	       "on stdout.\n"
	       "\n"
	       "  -c, --check     print nothing; report what is wrong with bad files\n"
	       "  -j, --json      one JSON object per file and line (default: text)\n"
	       "  -h, --help      show this help and exit\n"
	       "  -V, --version   show the version and exit\n"
	       "\n"
	       "Exit status: 0 if every file is a valid model, 1 if any is not, 2 on a\n"
	       "usage error.\n");
	exit(finf_finish(FINF_EXIT_OK));
}

/* Inspect one operand; 0 if it is a valid model, 1 if its report was
 * shown but it is not valid, -1 if it could not be read. */
static int
inspect(const char *path, int first)
{
	const char *name = finf_display_name(path);
	ferrum_model *m = NULL;
	ferrum_error err, serr;
	char *buf;
	size_t len;
	int bad_schema;

	if (ferrum_model_file_read(path, &buf, &len, &err) != 0) {
		finf_report(name, &err);
		return -1;
	}
	if (ferrum_model_read(buf, len, &m, &err) != 0) {
		ferrum_free(buf);
		finf_report(name, &err);
		return -1;
	}
	ferrum_free(buf);
	/* A "schema" member that does not read makes the model one that
	 * finf-predict refuses: a bad file, though its report is shown. */
	{
		ferrum_schema *s = NULL;

		bad_schema = ferrum_schema_from_model(m, &s, &serr) != FERRUM_OK;
		ferrum_schema_free(s);
	}
	if (!opt_check) {
		char *text;
		size_t tlen;
		int rc = opt_json ? ferrum_model_inspect_json(m, name, len, &text, &tlen)
		                  : ferrum_model_inspect_text(m, name, len, &text, &tlen);

		ferrum_model_free(m);
		if (rc != FERRUM_OK) {
			finf_error("%s: %s", name, ferrum_strerror(rc));
			return -1;
		}
		if (!opt_json && !first)
			putchar('\n');
		fwrite(text, 1, tlen, stdout);
		if (opt_json)
			putchar('\n');
		ferrum_free(text);
	} else {
		ferrum_model_free(m);
	}
	if (bad_schema) {
		finf_report(name, &serr);
		return opt_check ? -1 : 1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", no_argument, NULL, 'c' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	int c, status = FINF_EXIT_OK, i, shown = 0;

	finf_init(argv[0]);
	while ((c = finf_getopt(argc, argv, "cjhV", longopts)) != -1) {
		switch (c) {
		case 'c': opt_check = 1; break;
		case 'j': opt_json = 1; break;
		case 'h': help(); break;
		case 'V': finf_version(); break;
		}
	}
	if (opt_check && opt_json)
		finf_usage("--check and --json cannot be combined");
	if (optind >= argc)
		return finf_finish(inspect("-", 1) == 0 ? FINF_EXIT_OK : FINF_EXIT_FAIL);
	for (i = optind; i < argc; i++) {
		int rc = inspect(argv[i], shown == 0);

		if (rc != 0)
			status = FINF_EXIT_FAIL;
		if (rc >= 0)
			shown++;
	}
	return finf_finish(status);
}

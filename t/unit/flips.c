/* flips.c: seeded random byte flips of the golden models never crash the reader.
 * SPDX-License-Identifier: MIT
 *
 * Each round copies a golden file, changes one to four bytes (a random bit,
 * a random byte value, or a cut), and reads it.  The reader must return
 * either success (then the model must predict and re-save) or an error
 * with a message; a crash or a sanitizer report fails the test. */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROUNDS 20000

static const char *const names[] = {
	"iris", "wine", "diabetes", "titanic", "housing", "heart",
	"cancer", "penguins", "mpg", "seeds", "wine6"
};
#define N_NAMES (sizeof names / sizeof names[0])

static uint64_t state = 0x2545F4914F6CDD1Dull;

static uint64_t
next(void)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545F4914F6CDD1Dull;
}

int
main(void)
{
	const char *dir = tap_env_dir("FERRUM_TESTDATA");
	char *files[N_NAMES];
	size_t lens[N_NAMES], i, r, nfiles = 0;
	size_t accepted = 0, rejected = 0, silent = 0, bad_use = 0, flip_header = 0;
	unsigned char *c;
	char path[4096];

	/* The goldens, else the package's own models (t/fixtures.sh), which
	 * lack wine6. */
	if (dir == NULL)
		dir = tap_env_dir("FERRUM_FIXTURES");
	if (dir == NULL)
		bail("neither FERRUM_TESTDATA nor FERRUM_FIXTURES is set");
	plan(5);
	for (i = 0; i < N_NAMES; i++) {
		FILE *fp;

		snprintf(path, sizeof path, "%s/%s.bin", dir, names[i]);
		if ((fp = fopen(path, "rb")) == NULL && strcmp(names[i], "wine6") == 0)
			continue;
		if (fp != NULL)
			fclose(fp);
		files[nfiles] = tap_slurp(path, &lens[nfiles]);
		nfiles++;
	}
	c = malloc(16384);
	if (c == NULL)
		bail("out of memory");
	for (r = 0; r < ROUNDS; r++) {
		size_t f = next() % nfiles, len = lens[f], k, nflips = 1 + next() % 4;
		unsigned op;
		ferrum_model *m = NULL;
		ferrum_error err;
		int rc;

		memcpy(c, files[f], len);
		for (k = 0; k < nflips; k++) {
			/* Half the flips land in the first 700 bytes, where the
			 * lengths, the normaliser and the metadata are. */
			size_t at;

			if (len == 0)
				break;
			at = next() % 2 ? next() % (len < 700 ? len : 700) : next() % len;
			op = (unsigned)(next() % 8);
			if (at < 700)
				flip_header++;
			if (op < 5)
				c[at] ^= (unsigned char)(1u << (next() % 8));
			else if (op < 7)
				c[at] = (unsigned char)next();
			else
				len = at;
		}
		rc = ferrum_model_read(c, len, &m, &err);
		if (rc == 0) {
			float x[64] = { 0 }, o[64];
			unsigned char *out;
			size_t olen;

			accepted++;
			if (ferrum_model_n_features(m) <= 64 && ferrum_model_n_outputs(m) <= 64)
				if (ferrum_model_predict(m, x, o, &err) != 0)
					bad_use++;
			if (ferrum_model_write(m, &out, &olen, &err) != 0)
				bad_use++;
			else
				ferrum_free(out);
			ferrum_model_free(m);
		} else {
			rejected++;
			if (err.message[0] == '\0' || m != NULL)
				silent++;
		}
	}
	diag("%zu rounds: %zu accepted, %zu rejected", (size_t)ROUNDS, accepted, rejected);
	is_int((long long)(accepted + rejected), ROUNDS, "every round ends with a verdict");
	ok(rejected > ROUNDS / 10, "a good share of damaged files is refused (%zu)", rejected);
	ok(flip_header > ROUNDS / 2, "flips reached the header and metadata (%zu)", flip_header);
	is_int((long long)silent, 0, "every rejection has a message and no model");
	is_int((long long)bad_use, 0, "every accepted model predicts and re-saves");
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(c);
	return done_testing();
}

/* meta.c: metadata JSON: free key order, escapes, defaults, extras, exact rewrite.
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "ferrum-internal.h"
#include "../tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The 449-byte metadata of seeds.bin, as the format notes quote it. */
static const char seeds[] =
	"{\"dataset_name\":\"Wheat Seeds\",\"task\":\"classification\",\"feature_names\":"
	"[\"area\",\"perimeter\",\"compactness\",\"kernel_length\",\"kernel_width\","
	"\"asymmetry\",\"groove_length\"],\"feature_ranges\":[[10.590000,21.180000],"
	"[12.410000,17.250000],[0.808100,0.918300],[4.899000,6.675000],[2.630000,4.033000],"
	"[0.765100,8.456000],[4.519000,6.550000]],\"class_names\":[\"Kama\",\"Rosa\","
	"\"Canadian\"],\"target_name\":\"\",\"target_range\":[0.000000,2.000000],"
	"\"input_dim\":7,\"output_dim\":3}";

static char *
rewrite(const fe_meta *m)
{
	fe_buf b;

	fe_buf_init(&b);
	fe_meta_write(&b, m);
	return fe_buf_take(&b, NULL);
}

static void
test_exact(void)
{
	fe_meta m;
	ferrum_error err;
	char *t;

	is_int((long long)strlen(seeds), 449, "the quoted metadata is 449 bytes");
	if (fe_meta_parse(seeds, strlen(seeds), &m, &err) != 0)
		bail("%s", err.message);
	is_string(m.dataset_name, "Wheat Seeds", "dataset name");
	is_int(m.task, FERRUM_TASK_CLASSIFICATION, "task");
	is_int((long long)m.n_features, 7, "seven feature names");
	is_string(m.feature_names[6], "groove_length", "the last feature name");
	ok(m.feature_ranges[2][0] == 0.8081f && m.feature_ranges[2][1] == 0.9183f,
	   "ranges are read as floats");
	is_string(m.target_name, "", "an empty target name reads as empty");
	ok(m.target_range[1] == 2.0f, "target range");
	is_int(m.input_dim, 7, "input_dim");
	is_int(m.output_dim, 3, "output_dim");
	is_int((long long)m.n_extra, 0, "no extra keys");
	t = rewrite(&m);
	is_string(t, seeds, "rewrite is byte-identical");
	is_string(m.json, seeds, "the canonical text is kept");
	free(t);
	fe_meta_free(&m);
}

static void
test_free_form(void)
{
	const char *doc =
		" {\n  \"recipe\" : {\"lr\": 0.05, \"layers\" : [ 32 ]},\n"
		"  \"output_dim\": 1, \"task\" : \"regression\",\n"
		"  \"target_name\": \"price \\\"\\u20ac\\\" \\\\ k\\n\",\n"
		"  \"feature_names\": [\"a\\/b\", \"\\u00e9t\\u00e9\"],\n"
		"  \"dataset_name\" : \"Houses\", \"zeta\": null,\n"
		"  \"feature_ranges\": [[-1, 1e1], [0.5, 2]], \"target_range\": [1, 3],\n"
		"  \"input_dim\": 2, \"class_names\": [], \"recipe\": 7 }\n";
	const char *want =
		"{\"dataset_name\":\"Houses\",\"task\":\"regression\",\"feature_names\":[\"a/b\","
		"\"\xc3\xa9t\xc3\xa9\"],\"feature_ranges\":[[-1.000000,10.000000],[0.500000,2.000000]],"
		"\"class_names\":[],\"target_name\":\"price \\\"\xe2\x82\xac\\\" \\\\ k\\n\","
		"\"target_range\":[1.000000,3.000000],\"input_dim\":2,\"output_dim\":1,"
		"\"recipe\":{\"lr\":0.05,\"layers\":[32]},\"zeta\":null}";
	fe_meta m, again;
	ferrum_error err;
	char *t;

	if (!is_int(fe_meta_parse(doc, strlen(doc), &m, &err), 0, "reordered keys with whitespace")) {
		diag("%s", err.message);
		return;
	}
	is_string(m.target_name, "price \"\xe2\x82\xac\" \\ k\n", "escapes are decoded");
	is_string(m.feature_names[1], "\xc3\xa9t\xc3\xa9", "\\u escapes become UTF-8");
	is_int((long long)m.n_extra, 2, "two unknown keys kept (a duplicate dropped)");
	is_string(m.extra_values[0], "{\"lr\":0.05,\"layers\":[32]}", "first occurrence, compact");
	t = rewrite(&m);
	is_string(t, want, "rewritten in the v3 order, then the extras in document order");
	if (fe_meta_parse(t, strlen(t), &again, &err) == 0) {
		is_string(again.target_name, m.target_name, "the rewrite is valid JSON and reads back");
		fe_meta_free(&again);
	} else {
		ok(0, "the rewrite is valid JSON and reads back");
	}
	free(t);

	is_int(fe_meta_set_extra(&m, "seed", "1337"), 0, "set a new extra");
	is_int(fe_meta_set_extra(&m, "zeta", " [ 1 , 2 ] "), 0, "replace an extra");
	is_int(fe_meta_set_extra(&m, "task", "1"), FERRUM_EINVAL, "a standard key is refused");
	is_int(fe_meta_set_extra(&m, "bad", "[1,"), FERRUM_EINVAL, "a value that is not JSON is refused");
	ok(m.json != NULL && strstr(m.json, ",\"zeta\":[1,2],\"seed\":1337}") != NULL,
	   "extras follow the nine keys, compact, in insertion order");
	fe_meta_free(&m);
}

static void
test_defaults_and_errors(void)
{
	static const struct {
		const char *doc;
		const char *msg;
	} bad[] = {
		{ "{\"dataset_name\":\"x\"}", "missing \"task\"" },
		{ "{\"task\":\"Classification\"}", "unknown task" },
		{ "{\"task\":3}", "\"task\" is not a string" },
		{ "[\"task\"]", "not a JSON object" },
		{ "{\"task\":\"regression\",}", "not valid JSON at byte 21: trailing comma" },
		{ "{\"task\":\"regression\",\"feature_names\":[1]}", "not an array of strings" },
		{ "{\"task\":\"regression\",\"input_dim\":-1}", "not a whole number" },
		{ "{\"task\":\"regression\",\"input_dim\":1.5}", "not a whole number" },
		{ "{\"task\":\"regression\",\"output_dim\":4294967296}", "too large" },
		{ "{\"task\":\"regression\",\"target_range\":[1]}", "not [lo,hi]" },
		{ "{\"task\":\"regression\",\"feature_ranges\":[[1,\"2\"]]}", "not a list of [lo,hi]" },
	};
	const char *min = "{\"task\":\"regression\"}";
	fe_meta m;
	ferrum_error err;
	size_t i;
	char *t;

	if (fe_meta_parse(min, strlen(min), &m, &err) != 0)
		bail("%s", err.message);
	t = rewrite(&m);
	is_string(t,
	          "{\"dataset_name\":\"\",\"task\":\"regression\",\"feature_names\":[],"
	          "\"feature_ranges\":[],\"class_names\":[],\"target_name\":\"\","
	          "\"target_range\":[0.000000,1.000000],\"input_dim\":0,\"output_dim\":1}",
	          "only a task: the defaults of the original reader");
	free(t);
	fe_meta_free(&m);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = fe_meta_parse(bad[i].doc, strlen(bad[i].doc), &m, &err);

		is_int(rc, FERRUM_EFORMAT, "refused: %s", bad[i].msg);
		if (!ok(strstr(err.message, bad[i].msg) != NULL && strncmp(err.message, "metadata: ", 10) == 0,
		        "message: %s", bad[i].msg))
			diag("got: %s", err.message);
	}
	/* Non-finite ranges are written as JSON can carry them and read back. */
	{
		const char *doc = "{\"task\":\"regression\",\"feature_ranges\":[[null,1e999],[-1e999,0]]}";

		if (fe_meta_parse(doc, strlen(doc), &m, &err) == 0) {
			ok(isnan(m.feature_ranges[0][0]) && isinf(m.feature_ranges[0][1]) &&
			   m.feature_ranges[1][0] < 0 && isinf(m.feature_ranges[1][0]),
			   "null is NaN, 1e999 is infinity");
			ok(strstr(m.json, "[[null,1e999],[-1e999,0.000000]]") != NULL,
			   "and they are written back the same way");
			fe_meta_free(&m);
		} else {
			ok(0, "null is NaN, 1e999 is infinity");
			ok(0, "and they are written back the same way");
		}
	}
}

int
main(void)
{
	plan_lazy();
	test_exact();
	test_free_form();
	test_defaults_and_errors();
	return done_testing();
}

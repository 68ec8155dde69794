/* inspect.c: the finf-inspect report (text and JSON) of a hand-made model.
 * SPDX-License-Identifier: MIT */
#include "ferrum-internal.h"
#include "../tap.h"
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Two features (the second without a range, a tab in its name), two
 * classes; weights {0.5, NaN, -1, 2}, bias {0.25, inf}. */
static ferrum_model *
classifier(void)
{
	ferrum_model *m = make_model(
		"1,2;0,0.5",
		"{\"dataset_name\":\"t\",\"task\":\"classification\",\"feature_names\":[\"a\",\"b\\tc\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[\"x\",\"y\"],\"target_name\":\"\","
		"\"target_range\":[0,1],\"input_dim\":2,\"output_dim\":2,\"seed\":7}",
		2, 2, FERRUM_ACT_SOFTMAX);
	float *w = m->net.layers[0].w, *b = m->net.layers[0].b;

	w[0] = 0.5f;
	w[1] = NAN;
	w[2] = -1.0f;
	w[3] = 2.0f;
	b[0] = 0.25f;
	b[1] = INFINITY;
	return m;
}

static void
test_json(void)
{
	ferrum_model *m = classifier();
	char *json = NULL, want[4096];
	size_t len = 0;

	snprintf(want, sizeof want,
	         "{\"file\":\"m.finf\",\"size\":123,\"version\":3,\"task\":\"classification\","
	         "\"dataset_name\":\"t\",\"n_features\":2,\"features\":["
	         "{\"name\":\"a\",\"range\":[0,1],\"mean\":1,\"std\":2},"
	         "{\"name\":\"b\\tc\",\"range\":null,\"mean\":0,\"std\":0.5}],"
	         "\"n_outputs\":2,\"class_names\":[\"x\",\"y\"],\"target\":{\"name\":\"\","
	         "\"range\":[0,1]},\"layers\":["
	         "{\"index\":0,\"kind\":\"linear\",\"in\":2,\"out\":2,\"params\":6,"
	         "\"weights\":{\"count\":4,\"min\":-1,\"max\":2,\"mean\":0.5,\"nan\":1,\"inf\":0},"
	         "\"bias\":{\"count\":2,\"min\":0.25,\"max\":0.25,\"mean\":0.25,\"nan\":0,\"inf\":1}},"
	         "{\"index\":1,\"kind\":\"activation\",\"activation\":\"softmax\",\"params\":0}],"
	         "\"n_params\":6,\"metadata\":%s}",
	         ferrum_model_metadata_json(m));
	is_int(ferrum_model_inspect_json(m, "m.finf", 123, &json, &len), FERRUM_OK, "json");
	is_string(json, want, "json: every fact, NaN and inf counted apart, the metadata as is");
	is_int((long long)len, (long long)strlen(want), "json: its length");
	ferrum_free(json);

	is_int(ferrum_model_inspect_json(m, NULL, 0, &json, NULL), FERRUM_OK, "json without a name");
	ok(strncmp(json, "{\"file\":null,\"size\":0,", 22) == 0, "json: a NULL file is null");
	ferrum_free(json);
	ferrum_model_free(m);
}

static void
test_text(void)
{
	ferrum_model *m = classifier();
	char *text = NULL;
	size_t len = 0;

	is_int(ferrum_model_inspect_text(m, "m.finf", 123, &text, &len), FERRUM_OK, "text");
	is_string(text,
	          "file:       m.finf\n"
	          "size:       123 bytes\n"
	          "format:     FINF version 3\n"
	          "task:       classification\n"
	          "dataset:    t\n"
	          "features:   2\n"
	          "    #  name           min           max            mean             std\n"
	          "    1  a                0             1               1               2\n"
	          "    2  b\tc              -             -               0             0.5\n"
	          "classes:    2: x, y\n"
	          "layers:     2\n"
	          "    0  linear 2 -> 2, 6 parameters, weights min -1 max 2 mean 0.5, 1 NaN, "
	          "0 infinite, bias 0 NaN, 1 infinite\n"
	          "    1  activation softmax\n"
	          "parameters: 6\n"
	          "extra:      seed = 7\n",
	          "text: the finf-inspect report");
	is_int((long long)len, (long long)strlen(text), "text: its length");
	ferrum_free(text);
	ferrum_model_free(m);
}

static void
test_regressor(void)
{
	ferrum_model *m = make_model(
		"0,1;100,20",
		"{\"dataset_name\":\"r\",\"task\":\"regression\",\"feature_names\":[\"f\"],"
		"\"feature_ranges\":[[0,1]],\"class_names\":[],\"target_name\":\"price\","
		"\"target_range\":[40,200.5],\"input_dim\":1,\"output_dim\":1}",
		1, 1, FERRUM_ACT_IDENTITY);
	char *s = NULL;

	is_int(ferrum_model_inspect_json(m, "r", 1, &s, NULL), FERRUM_OK, "regressor: json");
	ok(strstr(s, ",\"target\":{\"name\":\"price\",\"range\":[40,200.5],\"mean\":100,\"std\":20},")
	       != NULL,
	   "regressor: the target's range and normaliser pair");
	ok(strstr(s, "\"weights\":{\"count\":1,\"min\":0,\"max\":0,\"mean\":0,\"nan\":0,\"inf\":0}")
	       != NULL,
	   "regressor: weight statistics");
	ferrum_free(s);
	is_int(ferrum_model_inspect_text(m, "r", 1, &s, NULL), FERRUM_OK, "regressor: text");
	ok(strstr(s, "\ntarget:     price, range 40 to 200.5, mean 100, std 20\nlayers:") != NULL,
	   "regressor: a target line instead of classes");
	ok(strstr(s, "activation identity\n") != NULL, "regressor: identity output");
	ferrum_free(s);
	ferrum_model_free(m);
}

/* A model with a "schema" member: the text shows it as a table of source
 * columns, the JSON keeps it inside the metadata. */
static const char schema_meta[] =
	"{\"dataset_name\":\"s\",\"task\":\"classification\",\"feature_names\":[\"Pclass\","
	"\"Sex=female\",\"Sex=male\",\"Age\",\"Age=(missing)\",\"Embarked=C\",\"Embarked=Q\","
	"\"Embarked=S\",\"Embarked=(missing)\",\"cp=1\",\"cp=2\",\"cp=(other)\",\"when\"],"
	"\"class_names\":[\"0\",\"1\"],\"input_dim\":13,\"output_dim\":2,\"seed\":7,\"schema\":"
	"{\"version\":1,\"header\":true,\"na\":[\"NA\",\"?\"],\"columns\":["
	"{\"name\":\"PassengerId\",\"kind\":\"ignored\",\"why\":\"row numbers\"},"
	"{\"name\":\"Survived\",\"kind\":\"target\"},"
	"{\"name\":\"Pclass\",\"kind\":\"numeric\",\"median\":3,\"min\":1,\"max\":3},"
	"{\"name\":\"Sex\",\"kind\":\"categorical\",\"levels\":[\"female\",\"male\"],"
	"\"counts\":[314,577]},"
	"{\"name\":\"Age\",\"kind\":\"numeric\",\"median\":28,\"min\":0.42,\"max\":80,"
	"\"missing\":177,\"indicator\":true},"
	"{\"name\":\"Embarked\",\"kind\":\"categorical\",\"levels\":[\"C\",\"Q\",\"S\"],"
	"\"counts\":[168,77,644],\"missing\":2},"
	"{\"name\":\"cp\",\"kind\":\"categorical\",\"codes\":true,\"levels\":[\"1\",\"2\"],"
	"\"counts\":[23,50],\"other\":3},"
	"{\"name\":\"when\",\"kind\":\"date\",\"median\":19000.5,\"min\":18000,\"max\":19500}]},"
	"\"after\":true}";

static void
test_schema(void)
{
	ferrum_model *m = make_model("0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1",
	                             schema_meta, 13, 2, FERRUM_ACT_SOFTMAX);
	char *s = NULL, *p;

	is_int(ferrum_model_inspect_text(m, "s", 1, &s, NULL), FERRUM_OK, "schema: text");
	p = s != NULL ? strstr(s, "classes:    2: 0, 1\n") : NULL;
	is_string(p,
	          "classes:    2: 0, 1\n"
	          "schema:     8 columns, a header; missing values: empty, NA, ?\n"
	          "    1  PassengerId  ignored      -        row numbers\n"
	          "    2  Survived     target       -\n"
	          "    3  Pclass       numeric      1        median 3, range 1 to 3\n"
	          "    4  Sex          categorical  2-3      female 314, male 577\n"
	          "    5  Age          numeric      4-5      median 28, range 0.42 to 80, 177 missing\n"
	          "    6  Embarked     categorical  6-9      C 168, Q 77, S 644, (missing) 2\n"
	          "    7  cp           categorical  10-12    codes 1 23, 2 50, (other) 3\n"
	          "    8  when         date         13       median 2022-01-08, range 2019-04-14 to "
	          "2023-05-23\n"
	          "layers:     2\n"
	          "    0  linear 13 -> 2, 28 parameters, weights min 0 max 0 mean 0\n"
	          "    1  activation softmax\n"
	          "parameters: 28\n"
	          "extra:      seed = 7\n"
	          "            after = true\n",
	          "schema: one line per source column, not repeated among the extras");
	ferrum_free(s);
	is_int(ferrum_model_inspect_json(m, "s", 1, &s, NULL), FERRUM_OK, "schema: json");
	p = s != NULL ? strstr(s, ",\"metadata\":") : NULL;
	{
		const char *a = strstr(schema_meta, ",\"schema\":"), *e = strstr(a, ",\"after\"");
		char member[sizeof schema_meta];

		memcpy(member, a, (size_t)(e - a));
		member[e - a] = '\0';
		ok(p != NULL && strstr(p, member) != NULL,
		   "schema: the JSON carries the member inside the metadata, as stored");
	}
	ferrum_free(s);
	ferrum_model_free(m);

	/* A member that does not match the features is shown as such. */
	{
		char meta[sizeof schema_meta];

		memcpy(meta, schema_meta, sizeof meta);
		memcpy(strstr(meta, "\"cp=2\""), "\"cp=3\"", 6);
		m = make_model("0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1", meta, 13, 2,
		               FERRUM_ACT_SOFTMAX);
		is_int(ferrum_model_inspect_text(m, "s", 1, &s, NULL), FERRUM_OK, "bad schema: text");
		ok(s != NULL && strstr(s, "\nschema:     not valid: schema: feature 11 ('cp=3') is "
		                          "not what column 7 ('cp') gives\nlayers:") != NULL,
		   "bad schema: says why");
		ok(s != NULL && strstr(s, "extra:      seed = 7\n            schema = {") != NULL,
		   "bad schema: the member is shown as an extra");
		ferrum_free(s);
		ferrum_model_free(m);
	}
}

int
main(void)
{
	plan_lazy();
	test_json();
	test_text();
	test_regressor();
	test_schema();
	return done_testing();
}

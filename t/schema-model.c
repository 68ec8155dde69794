/* schema-model.c: write a small model that carries a column schema, for
 * the shell tests of raw rows (zero weights: every row gets the same
 * answer, which is all those tests need).
 *   schema-model OUT.finf [regression]
 * SPDX-License-Identifier: MIT */
#include "config.h"

#include "unit/model.h"

#include <stdio.h>

/* id (ignored), age (numeric, with gaps), sex, port (categorical, rare
 * levels folded, gaps), survived or fare (the target). */
#define SCHEMA(target)                                                                        \
	"{\"version\":1,\"header\":true,\"na\":[\"NA\",\"N/A\",\"NaN\",\"null\",\"?\",\"-\"],"  \
	"\"columns\":[{\"name\":\"id\",\"kind\":\"ignored\",\"why\":\"row numbers\"},"         \
	"{\"name\":\"age\",\"kind\":\"numeric\",\"median\":30,\"min\":0,\"max\":80,"             \
	"\"missing\":2,\"indicator\":true},"                                                      \
	"{\"name\":\"sex\",\"kind\":\"categorical\",\"levels\":[\"female\",\"male\"],"          \
	"\"counts\":[3,5]},"                                                                       \
	"{\"name\":\"port\",\"kind\":\"categorical\",\"levels\":[\"C\",\"Q\",\"S\"],"           \
	"\"counts\":[2,1,4],\"other\":2,\"missing\":1},"                                         \
	"{\"name\":\"" target "\",\"kind\":\"target\"}]}"

#define FEATURES                                                                              \
	"\"feature_names\":[\"age\",\"age=(missing)\",\"sex=female\",\"sex=male\",\"port=C\","  \
	"\"port=Q\",\"port=S\",\"port=(other)\",\"port=(missing)\"],"                            \
	"\"feature_ranges\":[[0,80],[0,1],[0,1],[0,1],[0,1],[0,1],[0,1],[0,1],[0,1]],"

int
main(int argc, char **argv)
{
	ferrum_model *m;
	ferrum_error err;
	int reg = argc > 2;

	if (argc < 2) {
		fprintf(stderr, "usage: schema-model OUT.finf [regression]\n");
		return 2;
	}
	if (reg)
		m = make_model("0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;20,5",
		               "{\"dataset_name\":\"t\",\"task\":\"regression\"," FEATURES
		               "\"class_names\":[],\"target_name\":\"fare\",\"target_range\":[5,50],"
		               "\"input_dim\":9,\"output_dim\":1,\"schema\":" SCHEMA("fare") "}",
		               9, 1, FERRUM_ACT_IDENTITY);
	else
		m = make_model("0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1;0,1",
		               "{\"dataset_name\":\"t\",\"task\":\"classification\"," FEATURES
		               "\"class_names\":[\"0\",\"1\"],\"target_name\":\"survived\","
		               "\"target_range\":[0,1],\"input_dim\":9,\"output_dim\":2,"
		               "\"schema\":" SCHEMA("survived") "}",
		               9, 2, FERRUM_ACT_SOFTMAX);
	if (ferrum_model_save(m, argv[1], &err) != FERRUM_OK) {
		fprintf(stderr, "schema-model: %s\n", err.message);
		return 1;
	}
	ferrum_model_free(m);
	return 0;
}

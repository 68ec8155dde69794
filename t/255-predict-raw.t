#!/bin/sh
# 255-predict-raw.t: a model that carries a column schema takes raw rows in
# finf-predict and finf-stats: columns by source name or position, text
# categories and gaps encoded, unseen levels and far values counted in one
# warning (-q silences it), data errors that name the column, the wrong
# data refused, --evaluate against the schema's target.
# SPDX-License-Identifier: MIT
. "$top_srcdir/t/lib.sh"
need_built "$FINF_PREDICT" "$FINF_STATS"
MK="$top_builddir/t/schema-model"
cd "$T" || exit 99
"$MK" m.finf || bail "cannot write the test model"
"$MK" r.finf regression || bail "cannot write the test model"
W='finf-predict: 2 of 4 rows had values unlike the training data; see finf-stats'

# Header in another order, an extra column, the ignored column and the
# target present; a gap, an unseen level, a far value, a categorical gap.
printf 'sex,extra,age,port,survived,id\nmale,x,22,S,0,1\nfemale,y,NA,Z,1,2\nmale,z,,S,1,3\nfemale,q,500,,0,4\n' >raw.csv
run "$FINF_PREDICT" m.finf raw.csv
is_status 0 "raw rows"
is "$(lines out)" 5 "a header and an answer per row"
is "$(cat err)" "$W" "one warning line at the end"
run "$FINF_PREDICT" -q m.finf raw.csv
is_status 0 "-q"
is "$(wc -c <err | tr -d ' ')" 0 "-q: no warning"
run "$FINF_PREDICT" --quiet --json m.finf raw.csv
is "$(lines out)" 4 "--json: an object per row"
is "$(wc -c <err | tr -d ' ')" 0 "--quiet: no warning"
run "$FINF_PREDICT" -k m.finf raw.csv
like out '^sex,extra,age,port,survived,id,label,confidence$' "--keep: the raw header"
like out '^female,y,NA,Z,1,2,1,0\.5$' "--keep: the raw row"

# Positional rows: every source column, or every one but the target.
printf '1,22,male,S,0\n2,,female,C,1\n' >all.csv
run "$FINF_PREDICT" m.finf all.csv
is_status 0 "positional, every column"
is "$(lines out)" 3 "positional: every row answered"
is "$(wc -c <err | tr -d ' ')" 0 "positional: nothing unlike training"
cut -d, -f1-4 all.csv >notarget.csv
run "$FINF_PREDICT" m.finf notarget.csv
is_status 0 "positional, no target"
is "$(lines out)" 3 "no target: every row answered"

# The wrong data: said so, exit 1.
printf '5.1,3.5,1.4,0.2,0.1,0.2,0.3\n' >wrong.csv
run "$FINF_PREDICT" m.finf wrong.csv
is_status 1 "data of another shape"
is "$(cat err)" "finf-predict: wrong.csv:1: expected 5 fields (4 without the target), got 7: is this the data the model was trained on?" "wrong shape: message"
printf 'sex,port\nmale,S\n' >missing.csv
run "$FINF_PREDICT" m.finf missing.csv
is_status 1 "a needed column missing"
like err "^finf-predict: missing\\.csv:1: missing column 'age'" "missing column: named"

# Text in a numeric column: the column by name and number, what to do.
printf 'port,sex,age\nS,male,22\nS,male,abc\n' >text.csv
run "$FINF_PREDICT" m.finf text.csv
is_status 1 "text in a numeric column"
is "$(cat err)" "finf-predict: text.csv:3: column 'age' (3): 'abc' is not a number; the model reads a number there (an empty cell is a missing value)" "text: the message"
run "$FINF_PREDICT" --skip-bad m.finf text.csv
is "$(lines out)" 2 "--skip-bad: the other row answered"

# JSON Lines objects by source name, null a gap.
printf '{"age":null,"sex":"female","port":"C"}\n{"age":30,"sex":"male","port":"Q","survived":"1"}\n' >raw.jsonl
run "$FINF_PREDICT" m.finf raw.jsonl
is_status 0 "JSON objects"
is "$(lines out)" 3 "JSON: every row answered"

# --evaluate: the schema's target column.
run "$FINF_PREDICT" --evaluate -q m.finf raw.csv
is_status 0 "--evaluate"
is "$(sed -n 1p out)" "raw.csv: classification, 4 rows scored against column 'survived'" "--evaluate: the target by name"
run "$FINF_PREDICT" --evaluate -q m.finf all.csv
is "$(sed -n 1p out)" "all.csv: classification, 2 rows scored against column '5'" "--evaluate: positional target"
run "$FINF_PREDICT" --evaluate m.finf notarget.csv
is_status 1 "--evaluate without the target"
like err "no target column 'survived'" "--evaluate: names the target"
printf 'id,age,sex,port,fare\n1,22,male,S,20\n2,40,female,C,25\n' >fares.csv
run "$FINF_PREDICT" --evaluate --report=json r.finf fares.csv
is_status 0 "--evaluate, regression"
is "$(cat out)" '{"task":"regression","rows":2,"skipped":0,"unknown_labels":0,"metrics":{"rmse":3.5355339059327378,"mae":2.5,"r2":-1}}' "regression: the metrics"

# finf-stats flags the rows and shows categories by level and frequency.
run "$FINF_STATS" --color=never m.finf raw.csv
is_status 0 "finf-stats"
like out '^== row 2 \(raw\.csv:3\) == values unlike the training data$' "finf-stats: the row flagged"
like out '^sex +male +5 of 8 training rows \(62\.5%\)$' "finf-stats: a level and its training frequency"
like out '^  ! port +a level never seen in training, taken as \(other\)$' "finf-stats: the unseen level"
like out '^  ! age +far outside the training range \[0, 80\]$' "finf-stats: the far value"
run "$FINF_STATS" --json m.finf raw.csv
is_status 0 "finf-stats --json"
is "$(grep -c '"unlike_training":true' out)" 2 "finf-stats --json: two rows unlike training"
like out '"column":"port","kind":"categorical","value":"Z","missing":false,"level":null,"count":null,"training_rows":10,"unfamiliar":\["level"\]' "finf-stats --json: the unseen level"

# A schema member that does not read: the model is named.
LC_ALL=C sed 's/"kind":"numeric"/"kind":"numerik"/' m.finf >badschema.finf
run "$FINF_PREDICT" badschema.finf raw.csv
is_status 1 "a bad schema member"
like err '^finf-predict: badschema\.finf: .*schema' "a bad schema member: the model named"
run "$FINF_STATS" badschema.finf raw.csv
like err '^finf-stats: badschema\.finf: .*schema' "finf-stats: the model named"

# Hostile raw rows: gaps everywhere, ragged rows with quotes, a column
# that switches kind, many distinct unseen levels; never a crash.
{ printf 'id,age,sex,port,survived\n'
  printf ',,,,\n'
  printf '1,"2,3",male,S,0\n'
  printf '2,"unterminated,male\n'; } >hostile.csv
run "$FINF_PREDICT" --skip-bad m.finf hostile.csv
is_status 1 "hostile rows: exit 1"
like out '^1,0\.5$' "hostile rows: the row of gaps is answered"
like err "^finf-predict: hostile\.csv:3: column 'age' \(2\): '2,3' is not a number" "hostile rows: a quoted comma in a number"
awk 'BEGIN { print "age,sex,port"; for (i = 1; i <= 20000; i++) printf "%d,level%d,%s\n", (i % 2 ? i : 30), i, (i % 3 ? "S" : "x" i) }' >levels.csv
run "$FINF_PREDICT" m.finf levels.csv
is_status 0 "many distinct unseen levels and far values"
is "$(lines out)" 20001 "many levels: every row answered"
is "$(cat err)" "finf-predict: 20000 of 20000 rows had values unlike the training data; see finf-stats" "many levels: all counted"

# A model trained on a raw file answers every row of that file, scores it
# with --evaluate, and finds nothing unlike its training data there.
awk 'BEGIN { print "id,name,color,size,when,label"
	for (i = 1; i <= 120; i++) {
		c = (i % 3 == 0 ? "red" : (i % 3 == 1 ? "green" : "blue"))
		s = (i % 7 == 0 ? "NA" : 10 + i % 11)
		printf "%d,person %d,%s,%s,2024-01-%02d,%s\n", i, i, c, s, 1 + i % 28,
			(c == "red" || (s != "NA" && s + 0 > 15) ? "yes" : "no") } }' >table.csv
if "$FINF_TRAIN" -q -o t.finf table.csv; then
	run "$FINF_PREDICT" t.finf table.csv
	is_status 0 "a trained model: raw rows"
	is "$(lines out)" 121 "a trained model: every row answered"
	is "$(wc -c <err | tr -d ' ')" 0 "a trained model: its own rows are like its training data"
	run "$FINF_PREDICT" --evaluate --report=json t.finf table.csv
	is_status 0 "a trained model: --evaluate"
	like out '^\{"task":"classification","rows":120,"skipped":0,"unknown_labels":0,' "a trained model: 120 rows scored"
	sed '2s/,green,/,purple,/' table.csv >purple.csv
	run "$FINF_PREDICT" t.finf purple.csv
	is "$(cat err)" "finf-predict: 1 of 120 rows had values unlike the training data; see finf-stats" "a trained model: an unseen level"
	run "$FINF_STATS" --json t.finf purple.csv
	is "$(grep -c '"unlike_training":true' out)" 1 "a trained model: finf-stats flags the row"
else
	skip 7 "finf-train does not train raw tables"
fi

done_testing

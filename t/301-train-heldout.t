#!/bin/sh
# finf-train | finf-predict: the report's held-out and training figures, recomputed from scratch
# (the original's split rebuilt from its generator in Python, predictions by finf-predict).
. "${top_srcdir:-.}/t/lib.sh"

command -v python3 >/dev/null 2>&1 || skip_all "no python3"
command -v jq >/dev/null 2>&1 || skip_all "no jq"
IRIS="$top_srcdir/examples/iris.csv"
cd "$T" || exit 99

# check.py DATA PRED REPORT SEED: rebuild the ferrum split (xorshift
# 13/7/17, Fisher-Yates from the top, val_n = max(1, roundf(n * 0.2f))),
# score finf-predict's output on each part and compare with the report
# (to 1e-6: finf-predict prints 8 significant digits).
cat >check.py <<'EOF2'
import csv, json, math, struct, sys
data, pred, report, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
rows = list(csv.reader(open(data)))[1:]
preds = list(csv.reader(open(pred)))
head, preds = preds[0], preds[1:]
rep = json.load(open(report))
M = (1 << 64) - 1
s = seed or 0x9E3779B97F4A7C15
def nxt():
    global s
    x = s
    x ^= (x << 13) & M
    x ^= x >> 7
    x ^= (x << 17) & M
    s = x
    return (x * 0x2545F4914F6CDD1D) & M
def f32(v):
    return struct.unpack('f', struct.pack('f', v))[0]
n = len(rows)
idx = list(range(n))
for i in range(n - 1, 0, -1):
    j = nxt() % (i + 1)
    idx[i], idx[j] = idx[j], idx[i]
val_n = max(1, int(math.floor(f32(n * f32(0.2)) + 0.5)))
parts = {'holdout': idx[:val_n], 'train': idx[val_n:]}
bad = 0
def close(name, got, want, tol):
    global bad
    if not (abs(got - want) <= tol * max(1.0, abs(want))):
        print('# %s: report %r, recomputed %r' % (name, got, want))
        bad += 1
if rep['holdout_rows'] != val_n or rep['train_rows'] != n - val_n:
    print('# split sizes %d/%d, want %d/%d' % (rep['holdout_rows'], rep['train_rows'], val_n, n - val_n))
    bad += 1
if rep['task'] == 'classification':
    classes = [h[2:] for h in head[2:]]
    for part, ix in parts.items():
        correct, ll = 0, 0.0
        tp = {c: 0 for c in classes}; fp = dict(tp); fn = dict(tp)
        for i in ix:
            truth, p = rows[i][-1], preds[i]
            probs = [float(v) for v in p[2:]]
            predicted = p[0]
            if predicted == truth:
                correct += 1; tp[truth] += 1
            else:
                fp[predicted] += 1; fn[truth] += 1
            ll += -math.log(max(probs[classes.index(truth)], 1e-15))
        f1 = [2 * tp[c] / (2 * tp[c] + fp[c] + fn[c]) for c in classes if tp[c] + fp[c] + fn[c]]
        close(part + '.accuracy', rep[part]['accuracy'], correct / len(ix), 1e-6)
        close(part + '.macro_f1', rep[part]['macro_f1'], sum(f1) / len(f1), 1e-6)
        close(part + '.log_loss', rep[part]['log_loss'], ll / len(ix), 1e-6)
else:
    for part, ix in parts.items():
        ys = [f32(float(rows[i][-1])) for i in ix]
        ps = [float(preds[i][0]) for i in ix]
        mean = sum(ys) / len(ys)
        se = sum((p - y) ** 2 for p, y in zip(ps, ys))
        close(part + '.rmse', rep[part]['rmse'], math.sqrt(se / len(ys)), 1e-6)
        close(part + '.mae', rep[part]['mae'], sum(abs(p - y) for p, y in zip(ps, ys)) / len(ys), 1e-6)
        close(part + '.r2', rep[part]['r2'], 1 - se / sum((y - mean) ** 2 for y in ys), 1e-6)
sys.exit(1 if bad else 0)
EOF2

run "$FINF_TRAIN" --recipe=ferrum --report=json -e 200 -H 16 -o iris.finf "$IRIS"
is_status 0 "trains the classifier"
cp "$T/out" report.json
"$FINF_PREDICT" --probabilities iris.finf "$IRIS" >pred.csv
check "classification: held-out and training figures recomputed" \
	python3 check.py "$IRIS" pred.csv report.json 1337

run "$FINF_TRAIN" --recipe=ferrum --report=json -s 42 -e 100 -H 8 -o iris42.finf "$IRIS"
cp "$T/out" report42.json
"$FINF_PREDICT" --probabilities iris42.finf "$IRIS" >pred42.csv
check "classification, seed 42: recomputed" python3 check.py "$IRIS" pred42.csv report42.json 42

cut -d, -f1-4 "$IRIS" >width.csv
run "$FINF_TRAIN" --recipe=ferrum --report=json -e 200 -H 16 -o width.finf width.csv
is_status 0 "trains the regressor"
cp "$T/out" wreport.json
"$FINF_PREDICT" width.finf width.csv >wpred.csv
check "regression: held-out and training RMSE, MAE, R2 recomputed" \
	python3 check.py width.csv wpred.csv wreport.json 1337

done_testing

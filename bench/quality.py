# bench/quality.py: 5-fold cross-validated accuracy, log-loss and RMSE of both
# recipes and of the scikit-learn models a user would try instead, side by side.
# SPDX-License-Identifier: MIT
#
# Run through bench/quality.  The folds are made once per dataset and fold
# seed (seeded, stratified for classification) and every contender trains
# on exactly the same rows and is scored on exactly the same held-out rows:
#   default  finf-train --recipe=default [--train-opts], then finf-predict
#            (--probabilities for the log-loss)
#   high     (asked for by name) finf-train --recipe=default --effort=high
#            [--train-opts]: the slower setting beside the default, with
#            its CPU and the targets
#   base     (with --base DIR) the default recipe of the build DIR, without
#            --train-opts: today's default beside a changed one
#   ferrum   finf-train --recipe=ferrum (hidden 64, 500 epochs, SGD), then
#            finf-predict
#   mlp      StandardScaler + MLPClassifier / MLPRegressor with default
#            settings (random_state=0); regression also scales the target
#            (TransformedTargetRegressor with StandardScaler)
#   svm      StandardScaler + SVC(probability=True) / SVR, RBF kernel,
#            gamma='scale' (regression scales the target as mlp does); C
#            from {0.1, 0.3, 1, 3, 10, 30, 100} by an inner 3-fold
#            cross-validation of the fold's training rows (stratified and
#            shuffled with seed 0; accuracy, or mean squared error), the
#            smallest C of the best score winning.  When the fold has more
#            than 4,000 training rows (housing), C is tuned on a subsample
#            of 4,000 of them (seed 0) and the model fits all of them.
#            Accuracy is SVC's predict(), the log-loss its predict_proba()
#            (Platt scaling, random_state=0).
#   hgb      HistGradientBoostingClassifier / Regressor(random_state=0),
#            defaults
#   linear   StandardScaler + LogisticRegression(max_iter=2000) / RidgeCV
# finf-train always holds some rows out for its own report; --holdout=1e-9
# makes that a single row, so both recipes fit on all but one of the fold's
# training rows.
#
# The raw files (RAW below: names, strings, gaps, as published) are read by
# the default recipe alone, given only the target (-t); the ferrum recipe
# takes numbers only and sits them out.  The scikit-learn contenders get
# their usual pipeline for such a table, on the same folds:
#   ColumnTransformer(numeric: SimpleImputer(median, add_indicator=True)
#                       + StandardScaler;
#                     categorical: SimpleImputer(constant)
#                       + OneHotEncoder(handle_unknown='ignore'))
#   then the model above (hgb takes the one-hot columns dense).
# Each fold's columns and their kinds are the ones the fold's own ferrum
# model stored (finf-inspect --json: metadata.schema), and a cell is
# missing when it is empty or one of the schema's markers, so both sides
# see the same columns and the same gaps.
#
# With --cache DIR the scikit-learn contenders' per-fold predictions (and
# the CPU seconds they took) are kept in DIR, one file per dataset file
# (sha256), folds, fold seed, contender and scikit-learn version, and for
# a raw file the columns and kinds of the folds' default models, so that
# a rerun trains only the recipes and a build that reads a raw file
# otherwise does not take another build's results.
#
# CPU seconds are those of fitting and predicting, summed over the folds:
# the children's (finf-train, finf-predict) for the recipes, this process's
# for scikit-learn.  The BLAS and OpenMP thread pools are held to one
# thread (unless OMP_NUM_THREADS and the like are set), as the recipes use.
import os

for _v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ.setdefault(_v, '1')

import argparse, csv, hashlib, json, math, resource, shlex, subprocess, sys, tempfile, time
import warnings

import numpy as np
import sklearn
from sklearn.compose import TransformedTargetRegressor
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression, RidgeCV
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC, SVR

NAMES = ['iris', 'wine', 'diabetes', 'titanic', 'housing', 'heart', 'cancer', 'penguins',
         'mpg', 'seeds']
# The raw files of DATASETS/raw/ and their targets.
RAW = {'raw-titanic': ('raw/titanic.csv', 'Survived'), 'raw-autompg': ('raw/autompg.csv', 'mpg')}
FOLD_SEED = 20261127
OURS = ['default', 'high', 'base', 'ferrum']
SKLEARN = ['mlp', 'svm', 'hgb', 'linear']
CONTENDERS = OURS + SKLEARN
SVM_C = [0.1, 0.3, 1, 3, 10, 30, 100]
SVM_TUNE_ROWS = 4000
EPS = 1e-15
# What each scikit-learn contender is; part of its cache key, so that a
# changed definition is computed again.
SPEC = {
    'mlp': 'StandardScaler+MLP(random_state=0); regression: TransformedTargetRegressor(StandardScaler)',
    'svm': 'StandardScaler+SVC(rbf,gamma=scale,probability=True,random_state=0)/SVR; target scaled;'
           ' C in %r by inner 3-fold shuffled CV seed 0 on <= %d rows (seed 0)'
           % (SVM_C, SVM_TUNE_ROWS),
    'hgb': 'HistGradientBoosting(random_state=0), defaults',
    'linear': 'StandardScaler+LogisticRegression(max_iter=2000) / RidgeCV',
}


def is_number(s):
    try:
        float(s)
        return True
    except ValueError:
        return False


def load(path):
    with open(path, newline='') as f:
        lines = f.read().split('\n')
    lines = [l for l in lines if l.strip()]
    rows = list(csv.reader(lines))
    header, lines, rows = lines[0], lines[1:], rows[1:]
    labels = [r[-1].strip() for r in rows]
    X = np.array([[float(v) for v in r[:-1]] for r in rows])
    return header, lines, X, labels, task_rule(labels)


def task_rule(labels):
    # The task rule of finf-train: numeric labels with more than 15
    # distinct values (rows > 50) are a regression target.
    n = len(labels)
    return all(is_number(l) for l in labels) and len(set(labels)) > (15 if n > 50 else n // 3)


def load_raw(path, target):
    """A raw file as its header and records (csv module, fields as text)."""
    with open(path, newline='') as f:
        rows = [r for r in csv.reader(f) if r]
    header, rows = rows[0], rows[1:]
    t = header.index(target)
    labels = [r[t].strip() for r in rows]
    return header, rows, labels, task_rule(labels)


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def child_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def read_predictions(text, regress):
    """finf-predict's CSV (with --probabilities for a class): the
    predictions and, for a class, each row's {class: probability}."""
    rows = list(csv.reader(text.splitlines()))
    head, rows = rows[0], [r for r in rows[1:] if r]
    pred = [r[0] for r in rows]
    if regress:
        return pred, None
    cols = [(j, h[2:]) for j, h in enumerate(head) if h.startswith('p_')]
    return pred, [{c: float(r[j]) for j, c in cols} for r in rows]


def ours(bindir, recipe, extra, tmp, write, target, regress, env=None):
    """finf-train on the fold's training rows, finf-predict on its test
    rows (@write writes both files), in the environment @env; the
    predictions, each row's probabilities (a class), the model file and
    the CPU seconds."""
    train = os.path.join(tmp, 'train.csv')
    test = os.path.join(tmp, 'test.csv')
    model = os.path.join(tmp, 'model.finf')
    write(train, test)
    cmd = [os.path.join(bindir, 'finf-train'), '-q', '--recipe=' + recipe, '--holdout=1e-9']
    cmd += ['-t', target] if target else []
    c0 = child_cpu()
    subprocess.run(cmd + extra + ['-o', model, train], check=True, env=env)
    out = subprocess.run([os.path.join(bindir, 'finf-predict')]
                         + ([] if regress else ['--probabilities']) + [model, test],
                         check=True, capture_output=True, text=True, env=env).stdout
    cpu = child_cpu() - c0
    pred, probs = read_predictions(out, regress)
    return pred, probs, model, cpu


def schema_of(bindir, model, what):
    meta = json.loads(subprocess.run([os.path.join(bindir, 'finf-inspect'), '--json', model],
                                     check=True, capture_output=True, text=True).stdout)
    schema = meta['metadata'].get('schema')
    if not schema:
        sys.exit('bench/quality: %s: the model stores no schema (metadata.schema)' % what)
    return schema


def raw_frame(header, rows, schema, dense):
    """The raw table as a DataFrame of the schema's columns, and the
    preprocessing for them (a factory: a fresh transformer each call)."""
    import pandas as pd
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.preprocessing import OneHotEncoder
    na = set(schema.get('na', []))
    gap = lambda v: v.strip() == '' or v.strip() in na
    num, cat, data = [], [], {}
    for c in schema['columns']:
        j = header.index(c['name'])
        if c['kind'] in ('numeric', 'date'):
            if c['kind'] == 'date':
                cells = pd.to_datetime(pd.Series([None if gap(r[j]) else r[j].strip() for r in rows]),
                                       utc=True)
                data[c['name']] = ((cells - pd.Timestamp(0, tz='UTC')).dt.total_seconds() / 86400).values
            else:
                data[c['name']] = [np.nan if gap(r[j]) else float(r[j]) for r in rows]
            num.append(c['name'])
        elif c['kind'] == 'categorical':
            # Codes are matched as numbers ("3.0" is level "3").
            norm = (lambda v: repr(float(v))) if c.get('codes') else (lambda v: v)
            data[c['name']] = pd.Series([np.nan if gap(r[j]) else norm(r[j]) for r in rows],
                                        dtype=object)
            cat.append(c['name'])
    X = pd.DataFrame(data)
    onehot = (lambda: OneHotEncoder(handle_unknown='ignore', sparse_output=False)) if dense else \
        (lambda: OneHotEncoder(handle_unknown='ignore'))
    pre = lambda: ColumnTransformer([
        ('num', make_pipeline(SimpleImputer(strategy='median', add_indicator=True),
                              StandardScaler()), num),
        ('cat', make_pipeline(SimpleImputer(strategy='constant', fill_value='(missing)'),
                              onehot()), cat)])
    return X, pre


def take(X, idx):
    return X.iloc[idx] if hasattr(X, 'iloc') else X[idx]


def model_of(contender, regress, pre, C=None):
    """A fresh scikit-learn contender behind the preprocessing @pre."""
    if contender == 'mlp':
        if regress:
            return TransformedTargetRegressor(make_pipeline(pre(), MLPRegressor(random_state=0)),
                                              transformer=StandardScaler())
        return make_pipeline(pre(), MLPClassifier(random_state=0))
    if contender == 'svm':
        if regress:
            return TransformedTargetRegressor(make_pipeline(pre(), SVR(C=C, gamma='scale')),
                                              transformer=StandardScaler())
        return make_pipeline(pre(), SVC(C=C, gamma='scale', probability=True, random_state=0))
    if contender == 'hgb':
        m = HistGradientBoostingRegressor if regress else HistGradientBoostingClassifier
        return make_pipeline(pre(), m(random_state=0))
    if contender == 'linear':
        return make_pipeline(pre(), RidgeCV() if regress else LogisticRegression(max_iter=2000))
    raise ValueError(contender)


def tune_c(regress, pre, X, y):
    """SVM's C: inner 3-fold cross-validation over SVM_C on at most
    SVM_TUNE_ROWS of the training rows."""
    n = len(y)
    sub = np.arange(n)
    if n > SVM_TUNE_ROWS:
        sub = np.sort(np.random.RandomState(0).choice(n, SVM_TUNE_ROWS, replace=False))
    Xs, ys = take(X, sub), y[sub]
    inner = (KFold(3, shuffle=True, random_state=0).split(np.zeros(len(ys))) if regress else
             StratifiedKFold(3, shuffle=True, random_state=0).split(np.zeros(len(ys)), ys))
    inner = list(inner)
    scores = []
    for C in SVM_C:
        s = []
        for itr, ite in inner:
            if regress:
                m = TransformedTargetRegressor(make_pipeline(pre(), SVR(C=C, gamma='scale')),
                                               transformer=StandardScaler())
                m.fit(take(Xs, itr), ys[itr])
                s.append(-float(np.mean((m.predict(take(Xs, ite)) - ys[ite]) ** 2)))
            else:
                m = make_pipeline(pre(), SVC(C=C, gamma='scale'))
                m.fit(take(Xs, itr), ys[itr])
                s.append(float(np.mean(m.predict(take(Xs, ite)) == ys[ite])))
        scores.append(float(np.mean(s)))
    return SVM_C[int(np.argmax(scores))]


def run_sklearn(contender, X, labels, regress, pre, tr, te):
    """Fit @contender on the rows @tr, predict the rows @te: the
    predictions, each row's probabilities (a class), a note (svm: C)."""
    warnings.simplefilter('ignore', ConvergenceWarning)
    y = np.array([float(v) for v in labels]) if regress else np.array(labels, dtype=object)
    note = None
    C = None
    if contender == 'svm':
        C = tune_c(regress, pre, take(X, tr), y[tr])
        note = 'C=%g' % C
    m = model_of(contender, regress, pre, C)
    m.fit(take(X, tr), y[tr])
    Xte = take(X, te)
    if regress:
        return [repr(float(v)) for v in m.predict(Xte)], None, note
    pred = [str(v) for v in m.predict(Xte)]
    classes = [str(c) for c in m.classes_]
    probs = [dict(zip(classes, (float(p) for p in row))) for row in m.predict_proba(Xte)]
    return pred, probs, note


def folds(labels, regress, k, seed=FOLD_SEED):
    n = len(labels)
    if regress:
        return list(KFold(k, shuffle=True, random_state=seed).split(np.zeros(n)))
    return list(StratifiedKFold(k, shuffle=True, random_state=seed).split(np.zeros(n), labels))


def fold_result(regress, truth, pred, probs, cpu, note=None):
    """One fold of one contender: what the tables need (and the cache keeps)."""
    r = {'n': len(truth), 'cpu': cpu, 'note': note}
    if regress:
        t = np.array([float(v) for v in truth])
        p = np.array([float(v) for v in pred])
        r['sse'] = float(np.sum((p - t) ** 2))
        r['rmse'] = math.sqrt(r['sse'] / len(t))
    else:
        r['correct'] = int(sum(a == b for a, b in zip(truth, pred)))
        # A class the model never saw has probability 0; clipped at EPS.
        r['logloss'] = float(np.mean([-math.log(max(p.get(t, 0.0), EPS))
                                      for t, p in zip(truth, probs)]))
    return r


class Cache:
    def __init__(self, path):
        self.path = path
        if path:
            os.makedirs(path, exist_ok=True)

    def key(self, name, sha, k, seed, contender, columns=None):
        key = {'dataset': name, 'sha256': sha, 'folds': k, 'fold_seed': seed,
               'contender': contender, 'spec': SPEC[contender], 'sklearn': sklearn.__version__}
        if columns is not None:
            key['columns'] = columns
        h = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
        return key, os.path.join(self.path, '%s-%s-k%d-s%d-%s.json' % (name, h, k, seed, contender))

    def get(self, *args):
        if not self.path:
            return None
        key, file = self.key(*args)
        try:
            with open(file) as f:
                d = json.load(f)
        except (OSError, ValueError):
            return None
        return d['folds'] if d.get('key') == key else None

    def put(self, res, *args):
        if not self.path:
            return
        key, file = self.key(*args)
        with open(file + '.tmp', 'w') as f:
            json.dump({'key': key, 'folds': res}, f)
        os.replace(file + '.tmp', file)


def run_dataset(a, name, seed, contenders, cache, tmp):
    """Every contender on the folds of @name: {contender: [fold result]},
    regress, and which results came from the cache."""
    raw = name in RAW
    if raw:
        file, target = RAW[name]
        path = os.path.join(a.datasets, file)
        header, rows, labels, regress = load_raw(path, target)
    else:
        target = None
        path = os.path.join(a.datasets, name + '.csv')
        header, lines, X, labels, regress = load(path)
    sha = sha256(path)
    fl = folds(labels, regress, a.folds, seed)
    res, cached, schemas = {}, set(), [None] * len(fl)

    def writer(tr, te):
        def write(train, test):
            for fn, idx in ((train, tr), (test, te)):
                with open(fn, 'w', newline='') as f:
                    if raw:
                        w = csv.writer(f, lineterminator='\n')
                        w.writerow(header)
                        w.writerows(rows[i] for i in idx)
                    else:
                        f.write(header + '\n' + ''.join(lines[i] + '\n' for i in idx))
        return write

    def run_ours(recipe, i):
        tr, te = fl[i]
        extra = a.train_opts if recipe in ('default', 'high') else []
        bindir, env = a.bindir, None
        if recipe == 'high':
            recipe, extra = 'default', ['--effort=high'] + extra
        if recipe == 'base':
            recipe, bindir, env = 'default', a.base, a.base_env
        pred, probs, model, cpu = ours(bindir, recipe, extra, tmp, writer(tr, te), target, regress,
                                       env)
        if raw and schemas[i] is None and bindir == a.bindir:
            schemas[i] = schema_of(a.bindir, model, '%s fold %d' % (name, i + 1))
        return fold_result(regress, [labels[j] for j in te], pred, probs, cpu)

    for c in contenders:
        if c in OURS:
            # The ferrum recipe takes numbers only: it sits the raw
            # files out.
            if not (raw and c == 'ferrum'):
                res[c] = [run_ours(c, i) for i in range(len(fl))]
            continue
        # A raw file's columns and kinds are the folds' own models':
        # part of the key, so that a build that reads them otherwise
        # does not take another's results.
        columns = None
        if raw:
            for i in range(len(fl)):
                if schemas[i] is None:
                    run_ours('default', i)
            columns = [[[col['name'], col['kind']] for col in sc['columns']] for sc in schemas]
        got = cache.get(name, sha, a.folds, seed, c, columns)
        if got is not None:
            res[c] = got
            cached.add(c)
            continue
        out = []
        for i, (tr, te) in enumerate(fl):
            if raw:
                if schemas[i] is None:
                    # The columns come from the fold's default model.
                    run_ours('default', i)
                Xf, pre = raw_frame(header, rows, schemas[i], dense=(c == 'hgb'))
            else:
                Xf, pre = X, StandardScaler
            t0 = time.process_time()
            pred, probs, note = run_sklearn(c, Xf, labels, regress, pre, tr, te)
            cpu = time.process_time() - t0
            out.append(fold_result(regress, [labels[j] for j in te], pred, probs, cpu, note))
        cache.put(out, name, sha, a.folds, seed, c, columns)
        res[c] = out
    return res, regress, cached


def summarise(res, regress):
    """Per contender: the table's numbers."""
    s = {}
    for c, fr in res.items():
        d = {'cpu': sum(f['cpu'] for f in fr), 'n': sum(f['n'] for f in fr)}
        if regress:
            v = [f['rmse'] for f in fr]
            d['rmse'], d['rmse_sd'] = float(np.mean(v)), float(np.std(v))
        else:
            acc = [f['correct'] / f['n'] for f in fr]
            d['acc'], d['acc_sd'] = float(np.mean(acc)), float(np.std(acc))
            d['correct'] = sum(f['correct'] for f in fr)
            d['logloss'] = float(np.mean([f['logloss'] for f in fr]))
        d['notes'] = [f.get('note') for f in fr]
        s[c] = d
    return s


def nan_high(v):
    return math.inf if v is None or math.isnan(v) else v


def standing(s, regress):
    """The default's standing against the best other contender: (text,
    within one held-out row or ahead)."""
    others = [c for c in s if c not in ('default', 'base', 'high')]
    if 'default' not in s or not others:
        return '', None
    if regress:
        best = min(others, key=lambda c: nan_high(s[c]['rmse']))
        d, b = nan_high(s['default']['rmse']), nan_high(s[best]['rmse'])
        if d <= b:
            return 'best (next %s %+.1f%%)' % (best, 100 * (b / d - 1)), True
        return '%s better by %.1f%%' % (best, 100 * (1 - b / d)), False
    best = max(others, key=lambda c: s[c]['correct'])
    diff = s['default']['correct'] - s[best]['correct']
    if diff > 0:
        return 'ahead by %d row%s' % (diff, 's' * (diff != 1)), True
    if diff == 0:
        return 'best (tie with %s)' % best, True
    if diff == -1:
        return 'within 1 row of %s' % best, True
    return '%d rows behind %s' % (-diff, best), False


def num(v, digits=4):
    """An RMSE to about @digits digits: 53226, 2.740, 0.1012."""
    if math.isnan(v):
        return 'nan'
    return '%.0f' % v if abs(v) >= 10 ** (digits - 1) else '%#.*g' % (digits, v)


def print_dataset(name, s, regress, contenders, cached, width):
    cs = contenders
    have = [c for c in cs if c in s]
    line = lambda name, metric, cells, tail='': print(
        ('%-11s %-8s' + ''.join(' %' + str(width) + 's' for _ in cells) + '  %s')
        % (name, metric, *cells, tail))

    def marked(key, fmt, low, sd=None, sdfmt=None):
        """The cells of @key, '*' on the best (NaN is never best)."""
        vals = {c: s[c][key] for c in have}
        ok = [v for v in vals.values() if not math.isnan(v)]
        best = (min(ok) if low else max(ok)) if ok and len(have) > 1 else None
        out = []
        for c in cs:
            if c not in s:
                out.append('- ')
                continue
            t = fmt(vals[c]) + (' +-' + sdfmt(s[c][sd]) if sd else '')
            out.append(t + ('*' if vals[c] == best else ' '))
        return out
    text, _ = standing(s, regress)
    if regress:
        line(name, 'rmse', marked('rmse', num, True, 'rmse_sd', lambda v: num(v, 3)), text)
    else:
        pct = lambda v: '%.2f' % (100 * v)
        line(name, 'acc %', marked('acc', pct, False, 'acc_sd', lambda v: '%.1f' % (100 * v)), text)
        n = s[have[0]]['n']
        line('', 'correct', marked('correct', lambda v: '%d/%d' % (v, n), False))
        tail = ''
        if 'default' in s and 'mlp' in s:
            ok = s['default']['logloss'] <= s['mlp']['logloss']
            tail = 'default <= mlp: %s' % ('yes' if ok else 'NO')
        line('', 'log-loss', marked('logloss', lambda v: '%.4f' % v, True), tail)
    line('', 'cpu s', ['%.1f%s' % (s[c]['cpu'], 'c' if c in cached else ' ') if c in s else '- '
                       for c in cs])
    notes = s.get('svm', {}).get('notes')
    if notes and any(notes):
        print('%-11s %-8s %s' % ('', 'svm C', ' '.join((n or '-').replace('C=', '') for n in notes)))


def summary(tab, contenders):
    """The table of one fold seed again, in Markdown: accuracy % or RMSE,
    then log-loss; the best in bold."""
    cs = [c for c in contenders if any(c in s for s, _ in tab.values())]
    for what in ('score', 'log-loss'):
        rows = []
        for name, (s, regress) in tab.items():
            if what == 'log-loss' and regress:
                continue
            key = 'logloss' if what == 'log-loss' else 'rmse' if regress else 'acc'
            vals = {c: s[c][key] for c in cs if c in s}
            ok = [v for v in vals.values() if not math.isnan(v)]
            best = (max(ok) if key == 'acc' else min(ok)) if ok else None
            if key == 'acc':
                # The most correct rows, as the standing counts them.
                most = max(s[c]['correct'] for c in vals)
                best = {vals[c] for c in vals if s[c]['correct'] == most}
            else:
                best = {best}
            fmt = (lambda v: '%.1f' % (100 * v)) if key == 'acc' else \
                (lambda v: '%.4f' % v) if key == 'logloss' else \
                (lambda v: '{:,.0f}'.format(v) if v >= 1000 else num(v))
            cells = ['-' if c not in vals else
                     ('**%s**' if vals[c] in best and len(ok) > 1 else '%s') % fmt(vals[c])
                     for c in cs]
            rows.append('| %s | %s |' % (name + (' (RMSE)' if regress else ''), ' | '.join(cells)))
        if rows:
            print('| %s | %s |' % ('accuracy %' if what == 'score' else 'log-loss', ' | '.join(cs)))
            print('| --- |' + ' --- |' * len(cs))
            print('\n'.join(rows))
            print()


def against_base(s, regress, new='default', old='base'):
    """@new (the default) against @old (base): (text, at least as good)."""
    if regress:
        d, b = nan_high(s[new]['rmse']), nan_high(s[old]['rmse'])
        return ('%+.1f%% RMSE' % (100 * (d / b - 1)) if b > 0 and b < math.inf else '?'), d <= b
    diff = s[new]['correct'] - s[old]['correct']
    return '%+d row%s' % (diff, 's' * (abs(diff) != 1)), diff >= 0


def targets(tab, seed):
    """The issue's targets on the table of one fold seed."""
    print('targets (fold seed %d):' % seed)
    yn = lambda ok: 'yes' if ok else 'NO'
    for c in ('default', 'high'):
        if 'housing' in tab and c in tab['housing'][0]:
            v = tab['housing'][0][c]['rmse']
            print('  %s: housing RMSE <= 49,000: %.0f  %s' % (c, v, yn(v <= 49000)))
        if 'wine' in tab and c in tab['wine'][0]:
            v = 100 * tab['wine'][0][c]['acc']
            print('  %s: wine accuracy >= 70 %%: %.2f  %s' % (c, v, yn(v >= 70)))
    cls = [n for n, (s, r) in tab.items() if not r and 'default' in s and 'mlp' in s]
    if cls:
        bad = [n for n in cls if not tab[n][0]['default']['logloss'] <= tab[n][0]['mlp']['logloss']]
        print('  log-loss <= mlp\'s on every classification dataset: %s (%d of %d%s)'
              % (yn(not bad), len(cls) - len(bad), len(cls),
                 '; not on ' + ', '.join(bad) if bad else ''))
    st = {n: standing(s, r) for n, (s, r) in tab.items()}
    st = {n: v for n, v in st.items() if v[1] is not None}
    if st:
        bad = [n for n, v in st.items() if not v[1]]
        print('  within one held-out row of the best or ahead (regression: lowest RMSE) everywhere:'
              ' %s (%d of %d%s)' % (yn(not bad), len(st) - len(bad), len(st),
                                    '; not on ' + ', '.join(bad) if bad else ''))
    cpu = {c: sum(s[c]['cpu'] for s, _ in tab.values() if c in s) for c in ('default', 'base')}
    if any(c in s for s, _ in tab.values() for c in cpu):
        print('  CPU seconds of the default recipe, all datasets and folds: %.1f%s'
              % (cpu['default'], ' (base %.1f, %.2fx)' % (cpu['base'], cpu['default'] / cpu['base'])
                 if cpu['base'] > 0 else ''))
    hc = sum(s['high']['cpu'] for s, _ in tab.values() if 'high' in s)
    if hc > 0:
        print('  CPU seconds of --effort=high, all datasets and folds: %.1f%s'
              % (hc, ' (default %.1f, %.2fx)' % (cpu['default'], hc / cpu['default'])
                 if cpu['default'] > 0 else ''))
    vs = {n: against_base(s, r, 'high', 'default') for n, (s, r) in tab.items()
          if 'default' in s and 'high' in s}
    if vs:
        bad = [n for n, v in vs.items() if not v[1]]
        print('  high at least as good as default (correct rows; RMSE) everywhere: %s (%d of %d%s)'
              % (yn(not bad), len(vs) - len(bad), len(vs),
                 '; not on ' + ', '.join('%s %s' % (n, vs[n][0]) for n in bad) if bad else ''))
        print('    ' + ', '.join('%s %s' % (n, v[0]) for n, v in vs.items()))
    vs = {n: against_base(s, r) for n, (s, r) in tab.items() if 'default' in s and 'base' in s}
    if vs:
        bad = [n for n, v in vs.items() if not v[1]]
        print('  at least as good as base (correct rows; RMSE) everywhere: %s (%d of %d%s)'
              % (yn(not bad), len(vs) - len(bad), len(vs),
                 '; not on ' + ', '.join('%s %s' % (n, vs[n][0]) for n in bad) if bad else ''))
        print('    ' + ', '.join('%s %s' % (n, v[0]) for n, v in vs.items()))
    print(flush=True)


def main():
    ap = argparse.ArgumentParser(prog='bench/quality')
    ap.add_argument('--datasets', default=os.environ.get('FERRUM_DATASETS', ''))
    ap.add_argument('--bindir', default=os.environ.get('FERRUM_BINDIR', 'bin'))
    ap.add_argument('--folds', type=int, default=5)
    # Another fold seed shows whether a narrow lead survives other folds.
    ap.add_argument('--fold-seed', default=str(FOLD_SEED),
                    help='a comma list: one table for each [%(default)s]')
    ap.add_argument('--contenders', default='',
                    help='a comma list of ' + ', '.join(CONTENDERS) + ' [all but high; base with --base]')
    ap.add_argument('--cache', default='', help='keep the scikit-learn predictions in DIR')
    ap.add_argument('--base', default='',
                    help='a build\'s bin directory: its default recipe is the contender base')
    ap.add_argument('--train-opts', default='',
                    help="more finf-train options for the default recipe, e.g. '--layers=64,32'")
    ap.add_argument('names', nargs='*', default=NAMES + list(RAW))
    # '--train-opts --layers=64,32': the value is not an option.
    argv, i = [], 1
    while i < len(sys.argv):
        if sys.argv[i] == '--train-opts' and i + 1 < len(sys.argv):
            argv.append('--train-opts=' + sys.argv[i + 1])
            i += 2
        else:
            argv.append(sys.argv[i])
            i += 1
    a = ap.parse_args(argv)
    if not a.datasets:
        sys.exit('bench/quality: no datasets: use --datasets=DIR or set FERRUM_DATASETS')
    try:
        seeds = [int(v) for v in a.fold_seed.split(',')]
    except ValueError:
        sys.exit('bench/quality: --fold-seed: %s: not a comma list of integers' % a.fold_seed)
    contenders = []
    for c in a.contenders.split(',') if a.contenders else CONTENDERS:
        c = 'mlp' if c == 'sklearn' else c
        if c not in CONTENDERS:
            sys.exit('bench/quality: --contenders: %s: not one of %s' % (c, ', '.join(CONTENDERS)))
        if c not in contenders:
            contenders.append(c)
    if not a.contenders:  # all but high, which is asked for by name
        contenders = [c for c in contenders if c != 'high']
    if not a.base:
        contenders = [c for c in contenders if c != 'base']
        if 'base' in a.contenders.split(','):  # asked for by name
            sys.exit('bench/quality: --contenders: base needs --base DIR')
    contenders = [c for c in CONTENDERS if c in contenders]
    # bench/quality resolves --base's programs as --bindir's and says
    # which library path they need (VAR=VALUE).
    a.base_env = None
    if a.base and os.environ.get('FERRUM_BASE_ENV'):
        var, _, val = os.environ['FERRUM_BASE_ENV'].partition('=')
        a.base_env = dict(os.environ)
        a.base_env[var] = val
    for n in a.names:
        if n not in RAW and not os.path.exists(os.path.join(a.datasets, n + '.csv')):
            sys.exit('bench/quality: %s: no such dataset in %s' % (n, a.datasets))
    a.train_opts = shlex.split(a.train_opts)
    cache = Cache(a.cache)
    print('%d-fold cross-validation (folds seeded, stratified for classification); contenders:'
          % a.folds)
    print('  default: finf-train --recipe=default%s (%s); ferrum: --recipe=ferrum'
          % (' ' + ' '.join(shlex.quote(o) for o in a.train_opts) if a.train_opts else '',
             a.bindir))
    if 'high' in contenders:
        print('  high: finf-train --recipe=default --effort=high%s'
              % (' ' + ' '.join(shlex.quote(o) for o in a.train_opts) if a.train_opts else ''))
    if 'base' in contenders:
        print('  base: finf-train --recipe=default of %s' % a.base)
    for c in SKLEARN:
        if c in contenders:
            print('  %s: %s' % (c, SPEC[c]))
    print('acc %: mean +- sd over the folds (higher is better); correct: held-out rows right,')
    print('all folds; log-loss: mean over the folds of the held-out rows\' -ln p(true class),')
    print('p clipped at 1e-15; rmse: mean +- sd over the folds (lower is better); * the best;')
    print('cpu s: fitting and predicting, summed over the folds (c: from the cache, as measured')
    print('then); nan: a fold\'s model predicted NaN (the fit diverged).  The default\'s standing:')
    print('its correct rows against the best other contender\'s (within 1 row: one fewer).')
    width = 14
    tables = {}
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            print()
            print('fold seed %d' % seed)
            print(('%-11s %-8s ' + ' '.join(['%' + str(width) + 's'] * len(contenders)) + '  %s')
                  % ('dataset', 'metric', *contenders, 'default\'s standing'), flush=True)
            tab = {}
            for name in a.names:
                t0 = time.time()
                res, regress, cached = run_dataset(a, name, seed, contenders, cache, tmp)
                s = summarise(res, regress)
                tab[name] = (s, regress)
                print_dataset(name, s, regress, contenders, cached, width)
                sys.stdout.flush()
                print('%-11s (%.0f s)' % ('', time.time() - t0), file=sys.stderr, flush=True)
            print()
            summary(tab, contenders)
            targets(tab, seed)
            tables[seed] = tab
    if len(seeds) > 1 and 'default' in contenders and [c for c in contenders if c not in OURS[:2]]:
        print('the default\'s standing on every fold seed (%s):' % ', '.join(map(str, seeds)))
        held = 0
        for name in a.names:
            st = [standing(*tables[seed][name]) for seed in seeds]
            ok = all(v[1] for v in st)
            held += ok
            print('  %-11s %-4s %s' % (name, 'yes' if ok else 'NO', ' | '.join(v[0] for v in st)))
        print('holds on every seed on %d of %d datasets' % (held, len(a.names)))


if __name__ == '__main__':
    try:
        main()
    except subprocess.CalledProcessError as e:
        # The command said why on standard error.
        sys.exit('bench/quality: %s exited with status %d' % (' '.join(e.cmd), e.returncode))

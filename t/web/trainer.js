// trainer.js: the trainer module (web/libferrum-train.js through
// web/trainer.js) in node against the native finf-train.
// SPDX-License-Identifier: MIT
//
// For examples/iris.csv, the raw files of $FERRUM_DATASETS/raw, a file
// with strings and gaps and a JSON Lines file, trained with the default
// options and (on one file) with -t, -x, --seed, -H and -e, with --effort, --encode,
// and with the ferrum recipe, the module must write the very bytes finf-train writes,
// and its report must be finf-train's --report=json object but for
// "seconds".  A training stopped after epoch 3 keeps a model that says
// epochs_run 3 and loads (in the module and with finf-inspect --check); a
// bad CSV gives the library's message with its line, as finf-train
// prints it; a table over the limits gives the limit's message.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { ok, is, diag, skipAll, run } = require('./tap.js');

const top = process.env.top_builddir || '.';
const srcdir = process.env.top_srcdir || '.';
const datasets = process.env.FERRUM_DATASETS;
const wasmFile = path.join(top, 'web', 'libferrum-train.wasm');
if (!fs.existsSync(path.join(top, 'web', 'test-env.sh')))
  skipAll('no web build (configure --enable-web)');

const createFerrumTrainer = require(path.resolve(top, 'web', 'libferrum-train.js'));
const { Trainer, FerrumError, TRAIN_LIMITS } = require(path.resolve(srcdir, 'web', 'trainer.js'));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ferrum-952-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));

function bin(name) {
  // libtool's wrapper script runs the built program.
  return path.join(top, 'bin', name);
}

// finf-train FILE ARGS: { model, report, status, stderr }.
function finfTrain(file, args) {
  const out = path.join(tmp, 'native.finf');
  fs.rmSync(out, { force: true });
  const r = spawnSync(bin('finf-train'), ['-q', '--report=json', '-o', out, ...args, file],
    { encoding: 'utf8' });
  return {
    status: r.status,
    stderr: r.stderr,
    report: r.status === 0 ? JSON.parse(r.stdout) : null,
    model: r.status === 0 ? fs.readFileSync(out) : null,
  };
}

// Differences between two JSON values: [path, got, want].
function compare(got, want, where, out) {
  if (Array.isArray(got) && Array.isArray(want)) {
    if (got.length !== want.length) out.push([where, got.length, want.length]);
    else got.forEach((g, i) => compare(g, want[i], `${where}[${i}]`, out));
  } else if (got && want && typeof got === 'object' && typeof want === 'object') {
    const gk = Object.keys(got).join(','), wk = Object.keys(want).join(',');
    if (gk !== wk) out.push([`${where} keys`, gk, wk]);
    else for (const k of Object.keys(got)) compare(got[k], want[k], `${where}.${k}`, out);
  } else if (got !== want) {
    out.push([where, got, want]);
  }
  return out;
}

function sameReport(got, want, what) {
  const g = { ...got }, w = { ...want };
  const secs = typeof g.seconds === 'number' && g.seconds >= 0;
  delete g.seconds;
  delete w.seconds;
  const diffs = compare(g, w, 'report', []);
  ok(secs && diffs.length === 0, `${what}: the report is finf-train's (but seconds)`);
  for (const d of diffs.slice(0, 5)) diag(`  ${d[0]}: got ${JSON.stringify(d[1])}, want ${JSON.stringify(d[2])}`);
}

function sameBytes(got, want, what) {
  const a = Buffer.from(got), b = Buffer.from(want);
  const pass = ok(a.equals(b), `${what}: the model's bytes are finf-train's (${b.length})`);
  if (!pass) {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    diag(`  ${a.length} bytes against ${b.length}, first difference at byte ${i}`);
  }
}

// finf-train's options for the Trainer's.
function flags(opts) {
  const a = [];
  if (opts.name !== undefined) a.push('-n', opts.name);
  if (opts.target !== undefined) a.push('-t', String(opts.target));
  if (opts.ignore !== undefined) a.push('-x', opts.ignore.join(','));
  if (opts.seed !== undefined) a.push('--seed', String(opts.seed));
  if (opts.hidden !== undefined) a.push('-H', String(opts.hidden));
  if (opts.layers !== undefined) a.push('--layers=' + opts.layers.join(','));
  if (opts.epochs !== undefined) a.push('-e', String(opts.epochs));
  if (opts.recipe !== undefined) a.push('--recipe', opts.recipe);
  if (opts.encode !== undefined) a.push(`--encode=${opts.encode}`);
  if (opts.effort !== undefined) a.push(`--effort=${opts.effort}`);
  return a;
}

async function same(t, file, opts, what) {
  const bytes = fs.readFileSync(file);
  const want = finfTrain(file, flags(opts));
  if (!is(want.status, 0, `${what}: finf-train trains it`)) {
    diag(want.stderr);
    return;
  }
  let epochs = 0, last = null;
  const got = await t.train(bytes, opts, (p) => { epochs++; last = p; });
  sameBytes(got.model, want.model, what);
  sameReport(got.report, want.report, what);
  is(got.stopped, false, `${what}: not stopped`);
  is(epochs, want.report.epochs_run, `${what}: one progress call per epoch`);
  ok(last && last.epoch === epochs && last.elapsed >= 0 && Number.isFinite(last.loss),
    `${what}: the progress has epoch, elapsed and loss`);
}

run(async () => {
  const t = await Trainer.create(createFerrumTrainer, fs.readFileSync(wasmFile));
  const iris = path.join(srcdir, 'examples', 'iris.csv');

  // describe: the columns as the library reads them.
  const d = t.describe(fs.readFileSync(iris), {});
  is(JSON.stringify([d.rows, d.delimiter, d.header, d.task, d.target, d.skipped]),
    JSON.stringify([150, ',', true, 'classification', 4, 0]), 'describe iris: the shape');
  is(d.columns.map((c) => `${c.name}:${c.kind}`).join(' '),
    'sepal_length:numeric sepal_width:numeric petal_length:numeric petal_width:numeric species:target',
    'describe iris: the columns and their kinds');
  const d2 = t.describe(fs.readFileSync(iris), { target: 'sepal_length', ignore: ['petal_width'] });
  is(d2.columns.map((c) => c.kind).join(' '), 'target numeric numeric ignored categorical',
    'describe with target and ignore');
  is(d2.task, 'regression', 'a numeric target: regression');

  // Bytes and reports against finf-train.
  await same(t, iris, { name: 'iris' }, 'iris');
  await same(t, iris, { name: 'iris', recipe: 'ferrum', epochs: 30 }, 'iris, ferrum recipe');

  // A table with strings and gaps, written here.
  const gaps = path.join(tmp, 'gaps.csv');
  {
    let s = 'city;size;rooms;note;price\n';
    for (let i = 0; i < 80; i++) {
      const city = ['Lyon', 'Oslo', 'Graz', ''][i % 4];
      const size = i % 7 === 3 ? 'NA' : String(30 + ((i * 37) % 90));
      const rooms = i % 11 === 5 ? '' : String(1 + (i % 5));
      s += `${city};${size};${rooms};"note ${i % 3}";${(100 + i * 3.5 + (i % 4) * 20).toFixed(1)}\n`;
    }
    fs.writeFileSync(gaps, s);
  }
  await same(t, gaps, { name: 'gaps' }, 'strings and gaps (;)');
  await same(t, gaps, { name: 'gaps', encode: 'ple:4:size', epochs: 20 }, 'strings and gaps, --encode=ple:4:size');
  await same(t, iris, { name: 'iris', encode: 'ple', epochs: 20 }, 'iris, --encode=ple');

  // JSON Lines, from iris.
  const jsonl = path.join(tmp, 'iris.jsonl');
  {
    const lines = fs.readFileSync(iris, 'utf8').trim().split('\n');
    const head = lines[0].split(',');
    fs.writeFileSync(jsonl, lines.slice(1).map((l) => {
      const v = l.split(',');
      return JSON.stringify(Object.fromEntries(head.map((h, i) => [h, i < 4 ? Number(v[i]) : v[i]])));
    }).join('\n') + '\n');
  }
  await same(t, jsonl, { name: 'iris' }, 'JSON Lines');

  if (datasets && fs.existsSync(path.join(datasets, 'raw'))) {
    const raw = fs.readdirSync(path.join(datasets, 'raw')).filter((f) => f.endsWith('.csv')).sort();
    for (const f of raw.slice(0, 3))
      await same(t, path.join(datasets, 'raw', f), { name: f.replace(/\.csv$/, '') }, `raw/${f}`);
    const titanic = path.join(datasets, 'raw', 'titanic.csv');
    if (fs.existsSync(titanic))
      await same(t, titanic, { name: 'titanic', target: 'Survived', ignore: ['PassengerId', 'Name'],
        seed: 7, hidden: 24, epochs: 15 }, 'raw/titanic.csv with -t -x --seed -H -e');
  } else {
    diag('no --with-datasets: the raw files are not compared');
  }

  // Two hidden layers: the same bytes as finf-train --layers.
  await same(t, iris, { name: 'iris', layers: [20, 10], epochs: 15 }, 'iris with --layers=20,10');

  // --effort=high: on 150 rows nothing changes; on 1000 the encoding and
  // two layers, the same bytes as finf-train --effort=high.
  await same(t, iris, { name: 'iris', effort: 'high', epochs: 10 }, 'iris with --effort=high');
  const big = path.join(tmp, 'big.csv');
  {
    let s = 'a,b,label\n';
    for (let i = 1; i <= 1000; i++) {
      const a = ((i * 37) % 1009) / 10, b = (i * 11) % 97;
      s += `${a},${b},${a > 50 && b < 60 ? 'yes' : 'no'}\n`;
    }
    fs.writeFileSync(big, s);
  }
  await same(t, big, { name: 'big', effort: 'high', epochs: 3 }, '1000 rows with --effort=high');

  // Real files' layouts read in the module as finf-train reads them: the
  // same bytes for decimal commas between semicolons, R's row names (the
  // header one field short) and a header over columns of categories.
  {
    const files = {
      'decimal.csv': (() => {
        let s = 'a;b;label\n';
        for (let i = 1; i <= 60; i++) s += `${(i % 9) / 4 - 1};${((i * 7) % 13) / 8};${(i % 9) / 4 - 1 + ((i * 7) % 13) / 8 > 1 ? 'high' : 'low'}\n`.replace(/(\d)\.(\d)/g, '$1,$2');
        return s;
      })(),
      'rownames.csv': (() => {
        let s = '"a","b","label"\n';
        for (let i = 1; i <= 60; i++) s += `"${i}",${i % 7},${(i * 3) % 11},${i % 7 + (i * 3) % 11 > 8 ? 'yes' : 'no'}\n`;
        return s;
      })(),
      'categories.csv': (() => {
        let s = 'color,shape,label\n';
        for (let i = 1; i <= 60; i++) {
          const c = ['green', 'blue', 'red'][i % 3], h = i % 4 < 2 ? 'round' : 'square';
          s += `${c},${h},${c === 'red' || h === 'round' ? 'yes' : 'no'}\n`;
        }
        return s;
      })(),
    };
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, text);
      const d = t.describe(fs.readFileSync(file), {});
      is(`${d.header} ${d.columns[d.target].name} ${d.rows}`, 'true label 60', `${name}: a header, the target 'label', 60 rows`);
      await same(t, file, { name: name.replace('.csv', ''), epochs: 5 }, name);
    }
  }

  // Stop after epoch 3: the best of three epochs, epochs_run 3, loads.
  {
    let calls = 0;
    const r = await t.train(fs.readFileSync(iris), { name: 'iris' }, (p) => {
      if (++calls === 3) t.stop();
    });
    is(r.stopped, true, 'stopped: resolves with stopped');
    is(r.report.epochs_run, 3, 'stopped: epochs_run 3 in the report');
    is(r.report.stopped, true, 'stopped: "stopped":true in the report');
    let loads = true;
    try {
      t.check(r.model);
    } catch (e) {
      loads = false;
      diag(e.message);
    }
    ok(loads, 'stopped: the model loads in the module');
    const file = path.join(tmp, 'stopped.finf');
    fs.writeFileSync(file, r.model);
    const c = spawnSync(bin('finf-inspect'), ['--check', file], { encoding: 'utf8' });
    is(c.status, 0, 'stopped: finf-inspect --check accepts it');
    const meta = spawnSync(bin('finf-inspect'), ['--json', file], { encoding: 'utf8' });
    ok(c.status === 0 && /"epochs_run":\s*"?3"?/.test(meta.stdout), 'stopped: the metadata says epochs_run 3');
  }

  // A stop reaches a training that runs for a while (the module yields;
  // the ferrum recipe has no early stopping to end it first).
  {
    const t0 = Date.now();
    setTimeout(() => t.stop(), 300);
    const r = await t.train(fs.readFileSync(iris), { name: 'iris', recipe: 'ferrum', epochs: 100000000 });
    is(r.stopped, true, 'a Stop from a timer reaches a long training');
    ok(Date.now() - t0 < 60000, `it stops soon after (${Date.now() - t0} ms)`);
  }

  // A bad CSV: the library's message and line, as finf-train prints them.
  {
    const bad = path.join(tmp, 'bad.csv');
    fs.writeFileSync(bad, 'a,b,c\n1,2,x\n3,4,y\n5,"6,z\n');
    const want = finfTrain(bad, []);
    let err = null;
    try {
      await t.train(fs.readFileSync(bad), {});
    } catch (e) {
      err = e;
    }
    ok(err instanceof FerrumError, 'bad CSV: a FerrumError');
    const m = /^finf-train: [^:]*:(\d+): (.*)$/.exec(want.stderr.trim());
    ok(m !== null, `finf-train's message has a line (${want.stderr.trim()})`);
    if (err && m) {
      is(err.line, Number(m[1]), 'bad CSV: the line');
      is(err.message, `line ${m[1]}: ${m[2]}`, 'bad CSV: the message');
    }
    let derr = null;
    try {
      t.describe(fs.readFileSync(bad), {});
    } catch (e) {
      derr = e;
    }
    is(derr && derr.message, err && err.message, 'bad CSV: describe says the same');
  }

  // A free-text target (most classes on one row) is no label: refused
  // at once, describe included, with finf-train's one-line message.
  {
    const free = path.join(tmp, 'free.csv');
    let text = 'a,b,name\n';
    for (let i = 0; i < 300; i++) text += `${(i * 37) % 101},${(i * 7) % 13},${i % 10 ? `pkg-${i}` : 'common'}\n`;
    fs.writeFileSync(free, text);
    const want = finfTrain(free, []);
    is(want.status, 1, 'a free-text target: finf-train refuses it (exit 1)');
    const m = /^finf-train: [^:]*: (target .*)$/.exec(want.stderr.trim());
    ok(m !== null, `a free-text target: finf-train's message (${want.stderr.trim()})`);
    let err = null;
    try {
      await t.train(fs.readFileSync(free), {});
    } catch (e) {
      err = e;
    }
    ok(err instanceof FerrumError, 'a free-text target: a FerrumError');
    is(err && err.message, m && m[1], 'a free-text target: the same message');
    let derr = null;
    try {
      t.describe(fs.readFileSync(free), {});
    } catch (e) {
      derr = e;
    }
    is(derr && derr.message, m && m[1], 'a free-text target: describe says the same');
    const where = (e) => e && JSON.stringify({ line: e.line, column: e.column });
    is(where(derr), '{"column":3}', 'a free-text target: no line, and the refused column (3)');
    // A delimiter at the end of every line: the target is the last column
    // with a name or a value, and the error says which it is.
    let terr = null;
    try {
      t.describe(Buffer.from(text.replace(/\n/g, ';\n').replace(/,/g, ';')), {});
    } catch (e) {
      terr = e;
    }
    is(where(terr), '{"column":3}', 'a free-text target before an empty last column: the refused column is 3, not 4');
    let cerr = null;
    try {
      t.describe(fs.readFileSync(free), { target: 'name', ignore: ['b'] });
    } catch (e) {
      cerr = e;
    }
    is(where(cerr), '{"column":3}', 'a free-text target named: the refused column (3)');
    let d = null;
    try {
      d = t.describe(fs.readFileSync(free), { target: 'b' });
    } catch (e) {
      diag(e.message);
    }
    ok(d !== null, 'a free-text table with another target: described');
  }

  // An option finf-train refuses, refused the same way.
  {
    let err = null;
    try {
      t.describe(fs.readFileSync(iris), { recipe: 'ferrum', ignore: ['species'] });
    } catch (e) {
      err = e;
    }
    is(err && err.message, "--ignore: the ferrum recipe keeps the original's rules (every field a number)",
      'the ferrum recipe with ignore: refused');
    err = null;
    try {
      await t.train(fs.readFileSync(iris), { hidden: 0 });
    } catch (e) {
      err = e;
    }
    is(err && err.message, "--hidden: '0' is not a whole number from 1 to 1048576", 'hidden 0: refused');
    for (const [opts, want, what] of [
      [{ layers: [20, 0] }, "--layers: '20,0' is not 1 to 16 widths from 1 to 1048576, comma-separated",
        'layers 20,0: refused'],
      [{ hidden: 20, layers: [20, 10] }, '--hidden and --layers: give one of them',
        'hidden and layers: refused'],
      [{ recipe: 'ferrum', layers: [20, 10] }, '--layers: the ferrum recipe has one hidden layer',
        'the ferrum recipe with two layers: refused'],
      [{ effort: 'max' }, "--effort: 'max' is not normal or high", 'effort max: refused'],
      [{ recipe: 'ferrum', effort: 'high' }, '--effort=high: the ferrum recipe has no effort setting',
        'the ferrum recipe with effort high: refused']]) {
      err = null;
      try {
        await t.train(fs.readFileSync(iris), opts);
      } catch (e) {
        err = e;
      }
      is(err && err.message, want, what);
    }
  }

  // The limits: cells, then bytes.
  {
    const rows = Math.floor(TRAIN_LIMITS.maxCells / 2) + 1;
    const big = Buffer.from('a,b\n' + '1,2\n'.repeat(rows));
    let err = null;
    try {
      t.describe(big, {});
    } catch (e) {
      err = e;
    }
    ok(err instanceof FerrumError && err.message.includes(`limit of ${TRAIN_LIMITS.maxCells} cells`),
      `a table of ${2 * rows} cells: the cell limit's message (${err && err.message})`);
    const huge = Buffer.alloc(TRAIN_LIMITS.maxBytes + 1, 0x31);
    err = null;
    try {
      await t.train(huge, {});
    } catch (e) {
      err = e;
    }
    ok(err instanceof FerrumError && err.message.includes(`${TRAIN_LIMITS.maxBytes} bytes`),
      `a file of ${huge.length} bytes: the size limit's message (${err && err.message})`);
    is(Trainer.tooLarge(huge.length), err && err.message, 'Trainer.tooLarge says the same');
    is(Trainer.tooLarge(100), null, 'a small file is not too large');
  }

  // An onProgress that throws: train() rejects with its error, and the
  // module is left ready.
  {
    let err = null;
    try {
      await t.train(fs.readFileSync(iris), {}, () => { throw new Error('from onProgress'); });
    } catch (e) {
      err = e;
    }
    is(err && err.message, 'from onProgress', 'an exception in onProgress rejects train()');
  }

  // After all that, the module still trains to the same bytes.
  await same(t, iris, { name: 'iris' }, 'iris again');
  t.free();
});

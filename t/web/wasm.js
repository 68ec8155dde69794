// wasm.js: the WebAssembly build of libferrum against the original engine's
// golden outputs and against the native finf-predict and finf-stats.
// SPDX-License-Identifier: MIT
//
// For every golden model of $FERRUM_TESTDATA and its NAME.inputs.csv, the
// module built by `make web` (loaded in node with wasmBinary, the very
// file the site embeds) must give:
//  - the f32 bit patterns of NAME.expected.json (output_bits and, for
//    regression, prediction_bits);
//  - exactly the text `finf-predict --json` prints for the row (the
//    module prints its numbers with lib/num.c, no libc printf);
//  - the object `finf-stats --json` prints, every key and every number
//    equal (logarithms come from the library's own fe_log, not from the
//    C library, so musl and glibc cannot differ), the panels' z_bar,
//    certainty, order, output, normaliser, loss and hidden among them.
// Rows are passed as the CSV text, parsed by the library as the tools do.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { ok, is, diag, skipAll, run } = require('./tap.js');

const top = process.env.top_builddir || '.';
const testdata = process.env.FERRUM_TESTDATA;
const wasmFile = path.join(top, 'web', 'libferrum.wasm');
if (!testdata || !fs.existsSync(testdata)) skipAll('no FINF test data (configure --with-testdata=DIR)');
if (!fs.existsSync(wasmFile)) skipAll('no web build (configure --enable-web, make web)');

const createFerrum = require(path.resolve(top, 'web', 'libferrum.js'));
const { Ferrum, FerrumError, schemaColumns, valuesOf } =
  require(path.resolve(process.env.top_srcdir || '.', 'web', 'ferrum.js'));

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
const bits = (x) => { f32[0] = x; return `0x${u32[0].toString(16).padStart(8, '0')}`; };

function tool(name, args) {
  const bin = path.join(top, 'bin', name);
  if (!fs.existsSync(bin)) return null;
  const r = spawnSync(bin, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${name} ${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
  return r.stdout.split('\n').filter((l) => l !== '');
}

// Differences between two JSON values: [path, got, want].
function compare(got, want, where, out) {
  if (typeof got === 'number' && typeof want === 'number') {
    if (got === want || (Number.isNaN(got) && Number.isNaN(want))) return out;
    out.push([where, got, want]);
  } else if (Array.isArray(got) && Array.isArray(want)) {
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

run(async () => {
  const ferrum = await Ferrum.load(createFerrum, fs.readFileSync(wasmFile));
  ok(/^\d+\.\d+\.\d+/.test(ferrum.version()), `the module reports version ${ferrum.version()}`);
  const names = fs.readdirSync(testdata).filter((f) => f.endsWith('.inputs.csv'))
    .map((f) => f.replace(/\.inputs\.csv$/, '')).sort();
  ok(names.length >= 10, `${names.length} golden models to check`);
  for (const name of names) {
    const bin = path.join(testdata, `${name}.bin`);
    const inputs = path.join(testdata, `${name}.inputs.csv`);
    const expected = JSON.parse(fs.readFileSync(path.join(testdata, `${name}.expected.json`), 'utf8'));
    const rows = fs.readFileSync(inputs, 'utf8').split(/\r?\n/).filter((l) => l !== '')
      .slice(1).map((l) => l.split(','));
    const model = ferrum.readModel(fs.readFileSync(bin));
    is(model.metadata.task, expected.task, `${name}: task from the metadata`);
    const preds = rows.map((r) => model.predict(r));
    const want = [], got = [];
    preds.forEach((p, i) => {
      const e = expected.rows[i];
      if (p.type === 'regression') {
        got.push(bits(p.value_norm), bits(p.value));
        want.push(e.output_bits[0], e.prediction_bits);
      } else {
        got.push(...p.probabilities.map(bits), String(p.class_index));
        want.push(...e.output_bits, String(e.argmax));
      }
    });
    is(got.join(' '), want.join(' '), `${name}: ${rows.length} rows bit-identical to the golden outputs`);

    const cliPredict = tool('finf-predict', ['--json', bin, inputs]);
    if (cliPredict === null) {
      diag(`${name}: no bin/finf-predict to compare with`);
    } else {
      // The same numbers: both sides parsed from the library's text.
      const texts = rows.map((r) => JSON.stringify(model.predict(r.map((t) => ferrum.parseFloat(t)))));
      is(texts.join('\n'), cliPredict.map((l) => JSON.stringify(JSON.parse(l))).join('\n'),
        `${name}: the same object as finf-predict --json`);
    }

    const cliStats = tool('finf-stats', ['--json', bin, inputs]);
    if (cliStats === null) {
      diag(`${name}: no bin/finf-stats to compare with`);
    } else {
      const diffs = [], objects = rows.map((r) => model.stats(r));
      objects.forEach((o, i) => compare(o, JSON.parse(cliStats[i]), `row ${i + 1}`, diffs));
      ok(diffs.length === 0 && cliStats.length === rows.length,
        `${name}: the panels equal finf-stats --json`);
      for (const [w, g, e] of diffs.slice(0, 5)) diag(`  ${w}: got ${g}, finf-stats ${e}`);
      // The members the panels gained are there, with the model's facts.
      const linear = objects[0].model.layers.filter((l) => l.kind === 'linear');
      const classifier = expected.task === 'classification';
      ok(objects.every((o) => o.features.every((f) => typeof f.z_bar === 'number') &&
          (classifier ? typeof o.report.certainty === 'number' &&
            o.report.order.length === o.report.classes.length &&
            o.report.order[0] === o.prediction.class_index
            : o.report.output === o.prediction.value_norm) &&
          o.model.normaliser === 'z-score' &&
          o.model.loss === (classifier ? 'cross-entropy' : 'mse') &&
          JSON.stringify(o.model.hidden) === JSON.stringify(linear.slice(0, -1).map((l) => l.out))),
        `${name}: z_bar, ${classifier ? 'certainty, order' : 'output'}, normaliser, loss, hidden`);
    }
    model.free();
  }

  // Ferrum.create, the pages' synchronous start, is the same module: every
  // golden row gives the same two objects.  A damaged module is refused.
  const wasmBytes = fs.readFileSync(wasmFile);
  const sync = Ferrum.create(createFerrum, wasmBytes);
  let same = 0, differ = 0;
  for (const name of names) {
    const bytes = fs.readFileSync(path.join(testdata, `${name}.bin`));
    const rows = fs.readFileSync(path.join(testdata, `${name}.inputs.csv`), 'utf8').split(/\r?\n/)
      .filter((l) => l !== '').slice(1).map((l) => l.split(','));
    const a = ferrum.readModel(bytes), b = sync.readModel(bytes);
    for (const r of rows) {
      const x = r.map((t) => ferrum.parseFloat(t));
      if (JSON.stringify(a.predict(x)) === JSON.stringify(b.predict(x)) &&
          JSON.stringify(a.stats(x)) === JSON.stringify(b.stats(x))) same++;
      else differ++;
    }
    a.free();
    b.free();
  }
  ok(same > 0 && differ === 0, `Ferrum.create: ${same} rows as with Ferrum.load, ${differ} differ`);
  sync.free();
  let refused = null;
  try {
    Ferrum.create(createFerrum, wasmBytes.subarray(0, wasmBytes.length >> 1));
  } catch (x) {
    refused = x;
  }
  ok(refused instanceof WebAssembly.CompileError,
    `Ferrum.create refuses half a module: ${refused && refused.message}`);

  // Refusals carry the library's status and message.
  for (const [file, code] of [['truncated.bin', -3], ['bad_magic.bin', -3], ['bad_version.bin', -4]]) {
    const p = path.join(testdata, file);
    if (!fs.existsSync(p)) continue;
    let e = null;
    try {
      ferrum.readModel(fs.readFileSync(p)).free();
    } catch (x) {
      e = x;
    }
    ok(e instanceof FerrumError && e.code === code && e.message.length > 0,
      `${file} is refused with status ${code}: ${e && e.message}`);
  }
  let e = null;
  const m = ferrum.readModel(fs.readFileSync(path.join(testdata, 'iris.bin')));
  try {
    m.predict(['5.1', 'abc', '1', '1']);
  } catch (x) {
    e = x;
  }
  ok(e instanceof FerrumError && /'abc' is not a number/.test(e.message), `a bad number is refused: ${e && e.message}`);
  e = null;
  try {
    m.predict(['5.1', '1']);
  } catch (x) {
    e = x;
  }
  ok(e instanceof FerrumError && e.code === -5, 'a short row is refused');
  is(ferrum.parseFloat('0.1'), Math.fround(0.1), 'parseFloat rounds to float');
  is(ferrum.parseFloat('1.00000005960464477539062500001'), 1.00000011920928955078125,
    'parseFloat: just above a halfway point rounds up');
  is(ferrum.parseFloat('1.000000059604644775390625'), 1, 'parseFloat: a true tie goes to even');

  // The module's own number parser (lib/num.c, no libc strtod) against
  // the host's printf (coreutils, which formats a long double read exactly
  // from hexadecimal): floats printed with 9 and 13 digits read back as
  // themselves, and the exact halfway point between two neighbouring
  // floats goes to the even one, a hair above it to the upper one.
  const printf = fs.existsSync('/usr/bin/printf') ? '/usr/bin/printf' : null;
  if (printf === null) {
    diag('no /usr/bin/printf: parser check skipped');
  } else {
    const hex = (v) => {
      const f64 = new Float64Array([Math.abs(v)]), w = new Uint32Array(f64.buffer);
      const be = (w[1] >>> 20) & 0x7ff;
      let m = BigInt(w[1] & 0xfffff) * 4294967296n + BigInt(w[0]);
      if (be) m += 1n << 52n;
      return `${v < 0 || Object.is(v, -0) ? '-' : ''}0x${m.toString(16)}p${be ? be - 1075 : -1074}`;
    };
    let seed = 12345;
    const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const floats = [0, 0.5, 1.5, 0.1, 1 / 3, 3.4028234663852886e38, 1.401298464324817e-45,
      1.1754943508222875e-38, 16777216, 16777218].map(Math.fround);
    for (let i = 0; i < 300; i++) {
      u32[0] = Math.floor(rand() * 0x7f800000);
      floats.push(f32[0]);
    }
    let bad = 0, n = 0;
    for (const fmt of ['%.9g', '%.13e']) {
      const want = spawnSync(printf, [`${fmt}\n`, ...floats.map(hex)], { encoding: 'utf8' }).stdout.split('\n');
      floats.forEach((f, i) => {
        n++;
        const got = ferrum.parseFloat(want[i]);
        if (got !== f && bad++ < 5) diag(`  '${want[i]}': got ${got}, want ${f}`);
      });
    }
    const mids = [], sides = [];
    floats.forEach((f) => {
      if (f >= 3.4028234663852886e38) return;
      f32[0] = f;
      const even = (u32[0] & 1) === 0;
      u32[0] += 1;
      const next = f32[0];
      mids.push((f + next) / 2); // exact in double
      sides.push([even ? f : next, next]);
    });
    const texts = spawnSync(printf, ['%.120e\n', ...mids.map(hex)], { encoding: 'utf8' }).stdout.split('\n');
    mids.forEach((m, i) => {
      const t = texts[i], at = t.indexOf('e');
      const above = `${t.slice(0, at)}1${t.slice(at)}`;
      n += 2;
      if (ferrum.parseFloat(t) !== sides[i][0] && bad++ < 5) diag(`  halfway '${t}': got ${ferrum.parseFloat(t)}`);
      if (ferrum.parseFloat(above) !== sides[i][1] && bad++ < 5) diag(`  above '${above}'`);
    });
    ok(bad === 0, `parseFloat: ${n} decimal texts from the host's printf read back exactly`);
  }
  is(ferrum.parseFloat(' 1'), null, 'parseFloat takes the tools\' grammar (no space)');
  m.free();

  // A model with piecewise-linear encodings (finf-train --encode): the
  // page encodes raw values with schemaColumns' edges and valuesOf, and
  // the module then answers exactly as finf-predict does from the raw
  // rows, values below, between, on and above the edges included.
  const trainBin = path.join(top, 'bin', 'finf-train');
  if (!fs.existsSync(trainBin)) {
    diag('no bin/finf-train: the encoded model is not checked');
  } else {
    const tmp = fs.mkdtempSync(path.join(require('os').tmpdir(), 'ferrum-ple-'));
    const csv = ['a,b,y'];
    for (let i = 0; i < 200; i++) {
      const a = ((i * 37) % 101) / 7, b = ((i * 53) % 89) - 40;
      csv.push(`${i % 9 ? a.toFixed(3) : 'NA'},${b},${(Math.sin(a) * 10 + Math.abs(b) / 3).toFixed(4)}`);
    }
    fs.writeFileSync(path.join(tmp, 'train.csv'), `${csv.join('\n')}\n`);
    const modelFile = path.join(tmp, 'ple.finf');
    const r = spawnSync(trainBin, ['-q', '-e', '40', '--encode=ple:6', '-o', modelFile,
      path.join(tmp, 'train.csv')], { encoding: 'utf8' });
    is(r.status, 0, `finf-train --encode=ple:6 ${r.stderr.trim()}`);
    const rows = [['-3', '-60'], ['0', '-40'], ['0.1', '0.5'], ['1.7142857', '3'], ['7.25', '17'],
      ['14.285', '48'], ['20', '80'], ['5.123456789', '-12.75']];
    fs.writeFileSync(path.join(tmp, 'rows.csv'), `a,b\n${rows.map((x) => x.join(',')).join('\n')}\n`);
    const model = ferrum.readModel(fs.readFileSync(modelFile));
    const cols = schemaColumns(model.metadata);
    ok(cols !== null && cols.length === 2 && cols.every((c) => c.edges && c.inputs.length > 1),
      'schemaColumns: both columns encoded, with their edges and inputs');
    const texts = rows.map((row) => {
      const x = new Array(model.metadata.feature_names.length).fill(0);
      cols.forEach((c, j) => valuesOf(c, ferrum.parseFloat(row[j])).forEach((z, t) => { x[c.inputs[t]] = z; }));
      return JSON.stringify(model.predict(x));
    });
    const cli = tool('finf-predict', ['--json', modelFile, path.join(tmp, 'rows.csv')]);
    is(texts.join('\n'), cli.map((l) => JSON.stringify(JSON.parse(l))).join('\n'),
      `an encoded model: ${rows.length} raw rows give finf-predict --json's objects`);
    model.free();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  ferrum.free();
});
